"""Slide backgrounds: the `data-background*` attributes of a slide to a `Background`.

Input: the slide's merged attribute pairs and an image resolver. Output: a `Background` (colour,
gradient, checked image with size/position/repeat/opacity, the contrast class reveal.js would
add) and a warning for every value that cannot be used. Follows reveal.js 5.1.0's
`backgrounds.js` as described in dialect.md §3.4.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Literal

from converter.diagnostics import Diagnostics
from converter.model import Background, ImageSource
from converter.reader.images import ImageResolver
from converter.style.color import Color, Gradient, parse_css_color
from converter.style.gradient import parse_css_gradient

# backgrounds.js: the shorthand is an image when it matches either of these
_IMAGE_SCHEME = re.compile(r"^(http|file|//)", re.I)
_IMAGE_EXT = re.compile(r"\.(svg|png|jpg|jpeg|gif|bmp|webp)([?#\s]|$)", re.I)
_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)""", re.I)

KNOWN = {
    "data-background",
    "data-background-color",
    "data-background-gradient",
    "data-background-image",
    "data-background-size",
    "data-background-position",
    "data-background-repeat",
    "data-background-opacity",
    "data-background-video",
    "data-background-video-loop",
    "data-background-video-muted",
    "data-background-iframe",
    "data-background-interactive",
    "data-background-transition",
}
_REPEATS = {"repeat", "no-repeat", "repeat-x", "repeat-y", "space", "round"}


def _color(value: str, name: str, line: int | None, diags: Diagnostics) -> Color | None:
    color = parse_css_color(value)
    if color is None:
        diags.warning("bad-color", f"{name}={value!r} is not a CSS colour; ignored", line)
    return color


def _gradient(value: str, name: str, line: int | None, diags: Diagnostics) -> Gradient | None:
    gradient = parse_css_gradient(value)
    if gradient is None:
        diags.warning(
            "bad-gradient", f"{name}={value!r} is not a CSS gradient understood here; ignored", line
        )
    return gradient


def _opacity(value: str, line: int | None, diags: Diagnostics) -> float:
    try:
        number = float(value.strip().rstrip("%")) / (100 if value.strip().endswith("%") else 1)
    except ValueError:
        diags.warning(
            "bad-opacity", f"data-background-opacity={value!r} is not a number; using 1", line
        )
        return 1.0
    if number != number or not 0 <= number <= 1:  # NaN or out of range
        clamped = 1.0 if number != number else min(1.0, max(0.0, number))
        diags.warning(
            "bad-opacity",
            f"data-background-opacity={value!r} is outside 0..1; using {clamped:g}",
            line,
        )
        return clamped
    return number


def _contrast(color: Color | None) -> Literal["dark", "light"] | None:
    if color is None or color.a == 0:
        return None
    return "dark" if color.is_dark else "light"


def parse_background(
    attrs: dict[str, str],
    resolver: ImageResolver,
    locate: Callable[[str], int],
    diags: Diagnostics,
) -> Background:
    """Interpret every background attribute of one slide; `locate` finds the line of a value
    in the slide's source."""
    line = locate("data-background")
    color: Color | None = None
    gradient: Gradient | None = None
    image_src: str | None = None

    for name in attrs:
        if name.startswith("data-background") and name not in KNOWN:
            diags.warning(
                "unknown-attribute", f"unknown background attribute {name}; ignored", line
            )

    shorthand = attrs.get("data-background")
    if shorthand:
        if _IMAGE_SCHEME.search(shorthand) or _IMAGE_EXT.search(shorthand):
            image_src = shorthand
        elif (c := parse_css_color(shorthand)) is not None:
            color = c
        elif "gradient(" in shorthand.lower():
            gradient = _gradient(shorthand, "data-background", line, diags)
        elif (m := _URL.search(shorthand)) is not None:
            image_src = m.group(2)
            rest = _URL.sub(" ", shorthand).split()
            color = next((c for t in rest if (c := parse_css_color(t)) is not None), None)
        else:
            diags.warning(
                "bad-background",
                f"data-background={shorthand!r} is neither an image, a colour "
                "nor a gradient; ignored",
                line,
            )
    if (value := attrs.get("data-background-color")) is not None:
        color = _color(value, "data-background-color", line, diags) or color
    if (value := attrs.get("data-background-gradient")) is not None:
        gradient = _gradient(value, "data-background-gradient", line, diags) or gradient
    if (value := attrs.get("data-background-image")) is not None and value.strip():
        # a data: URI holds a comma itself and is used verbatim (backgrounds.js)
        is_data = value.strip().lower().startswith("data:")
        sources = [value.strip()] if is_data else [s.strip() for s in value.split(",") if s.strip()]
        if len(sources) > 1:
            diags.warning(
                "several-images",
                "data-background-image lists several images; only the first is drawn",
                line,
            )
        image_src = sources[0] if sources else None

    image: ImageSource | None = None
    if image_src is not None:
        image = resolver.resolve(image_src, locate(image_src), "background image")

    repeat = attrs.get("data-background-repeat", "no-repeat").strip() or "no-repeat"
    if repeat.split()[0] not in _REPEATS:
        diags.warning(
            "bad-background",
            f"data-background-repeat={repeat!r} is not understood; using no-repeat",
            line,
        )
        repeat = "no-repeat"
    video = attrs.get("data-background-video")
    iframe = attrs.get("data-background-iframe")
    if video:
        diags.warning("unsupported", f"background video is not rendered: {video}", line)
    if iframe:
        diags.warning("unsupported", f"background iframe is not rendered: {iframe}", line)
    return Background(
        color=color,
        gradient=gradient,
        image=image,
        size=attrs.get("data-background-size", "cover").strip() or "cover",
        position=attrs.get("data-background-position", "50% 50%").strip() or "50% 50%",
        repeat=repeat,
        opacity=_opacity(attrs["data-background-opacity"], line, diags)
        if "data-background-opacity" in attrs
        else 1.0,
        video=video or None,
        iframe=iframe or None,
        contrast=_contrast(color),
    )
