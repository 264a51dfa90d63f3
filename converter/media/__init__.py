"""Media: images and the pictures made from them, loaded once and shared by both backends.

Holds image loading and checking (`images`: decompression bombs, JPEG/PNG normalising,
downscaling, placeholders), SVG rasterising (`svg`), data URIs (`data_uri`) and background
composites (`backgrounds`: colour, gradient and image with opacity, size, position, repeat).
Input: image sources of the model and colours. Output: `LoadedImage` bytes and composites.
Math and diagrams belong here.

May import: `converter.model`, `converter.style` and the cross-cutting modules.
"""
