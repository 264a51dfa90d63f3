"""Media: images and the pictures made from them, loaded once and shared by both backends.

Holds image loading and checking (`images`: decompression bombs, JPEG/PNG normalising,
downscaling, placeholders), SVG rasterising (`svg`), data URIs (`data_uri`) and background
composites (`backgrounds`: colour, gradient and image with opacity, size, position, repeat),
and mermaid diagrams (`diagrams`: the deck's diagram blocks made pictures; `mermaid`: rendering
through mermaidx, its caches and worker processes). Input: image sources of the model and
colours. Output: `LoadedImage` bytes and composites. Math belongs here too.

May import: `converter.model`, `converter.style` and the cross-cutting modules.
"""
