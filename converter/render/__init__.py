"""The backends: laid-out slides to bytes, one package per format.

Holds `pptx` (python-pptx) and `pdf` (reportlab: slides and handouts), which never import each
other, and what both share: `reveal_order` (reveal's fragment order and link targets). Input: a
`LaidOutDeck` from `converter.layout` and the deck's metadata. Output: the bytes of a file.
The backends draw what layout decided; they do not decide geometry.

May import: `converter.layout` (the boxes drawn), `converter.model`, `converter.style`,
`converter.text`, `converter.media`, `converter.template` and the cross-cutting modules.
"""
