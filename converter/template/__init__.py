"""Templates: a .pptx or .potx reference deck read without python-pptx.

Holds the template reader (`reference`: size, layouts and placeholders, theme colours and
fonts, master art, the choice of layout per kind of slide), the reveal `Theme` made from it
(`theme`), DrawingML colour and gradient reading (`drawingml`) and the `--check-template`
listing (`check`). Input: a template file. Output: a `Template` value that layout and the
PPTX backend use.

May import: `converter.model`, `converter.style` and the cross-cutting modules.
"""
