"""The PDF backend: laid-out slides to slides PDF and handout PDF bytes.

Holds the slides document (`slides.render_pdf`), drawing of boxes (`draw`), embedded fonts
(`fonts`), and handouts (`handout.render_handout`, page geometry in `handout_pages`). The only
package that imports reportlab. Input: a `LaidOutDeck` and the deck's metadata. Output: bytes.

May import: `converter.layout` (the boxes it draws), `converter.render.reveal_order`, the lower
packages (`model`, `style`, `text`, `media`) and the cross-cutting modules. Never
`converter.render.pptx`.
"""
