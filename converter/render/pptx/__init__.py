"""The PowerPoint backend: laid-out slides to .pptx bytes.

Holds the deck writer (`deck.render_pptx`), the python-pptx base package and its fast paths
(`base`, `fast`), slide XML written as text (`xml`, `text`, `shapes`), motion (`motion`:
fragments as animations, transitions), navigation (`nav`: sections, slide jumps) and the
template package (`template`). The only package that imports python-pptx. Input: a
`LaidOutDeck` and the deck's metadata. Output: bytes.

May import: `converter.layout` (the boxes it draws), `converter.render.reveal_order`, the lower
packages (`model`, `style`, `text`, `media`, `template`) and the cross-cutting modules. Never
`converter.render.pdf`.
"""
