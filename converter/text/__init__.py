"""Text: fonts found, resolved and measured.

Holds font discovery and resolution (`fonts`: CSS family lists to TrueType files on this
machine, metrics read with fontTools) and the family aliases reveal.js themes use (`aliases`).
Input: family names and text. Output: resolved font files and advance widths, the same files
the PDF backend embeds, so what layout measures is what is drawn. Per-character fallback and
shaping belong here.

May import: `converter.model`, `converter.style` and the cross-cutting modules.
"""
