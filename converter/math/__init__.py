"""Math: LaTeX formulas found in text, written as Office Math for the PPTX and as vector
outlines for the PDF.

Holds the delimiters of reveal.js's math plugin (`delimiters`: a text run cut into text, inline
and display math with offsets), LaTeX to checked MathML (`mathml`, the one caller of
latex2mathml), MathML to OMML (`omml`, this package's own transform, with
`omml_writer`, `omml_rows` and `omml_tables` behind it), vector outlines and
metrics at a size (`vector`, ziamath behind it), the PNG of a formula for the PPTX fallback
(`raster`, Pillow) and the one exception (`errors.MathError`). Input: plain text runs and
LaTeX strings. Output: segments, OMML XML strings, `VectorMath` (width, ascent, descent in
points; `draw(canvas, x, baseline)`), `MathMetrics` and PNG bytes. No python-pptx and no
reportlab import: the backends own those and call in here.

May import: `converter.model`, `converter.style` and the cross-cutting modules.
"""

from converter.math.delimiters import MathSegment, has_math, split_math
from converter.math.errors import MathError

__all__ = ["MathError", "MathSegment", "has_math", "split_math"]
