"""Text: fonts found, resolved and measured; every script shaped, ordered and named.

Holds font discovery and faces (`fonts`: .ttf/.otf/.ttc with TrueType or CFF outlines and
colour emoji fonts, metrics read with fontTools), the font library of a conversion (`library`:
CSS family lists resolved, aliases in `aliases`, the fonts md2pptx installs from PyPI in
`packaged`), per-character fallback by script (`fallback`), scripts of characters (`scripts`),
HarfBuzz shaping (`shaping`), the bidirectional algorithm (`bidi`), CFF outlines converted to
TrueType subsets (`truetype`) and the names Office knows the fonts by (`office`). Input: family
names, text, the deck's language. Output: resolved faces and advance widths, the same files
the PDF backend embeds, so what layout measures is what is drawn.

May import: `converter.model`, `converter.style` and the cross-cutting modules.
"""
