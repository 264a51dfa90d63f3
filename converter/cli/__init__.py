"""The command line: arguments in, diagnostics on stderr, outputs and an exit status out.

Holds argument parsing and the run (`main`), batches of decks in worker processes (`batch`),
the terminal progress bar (`progress`) and `--watch` (`watch`). Input: `argv`. Output: files
through `converter.api`, text on stdout/stderr, the exit status. The only package that prints.

May import: everything below it (`converter.api`, `converter.reader` and the rest).
"""
