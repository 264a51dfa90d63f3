"""Hostile input, each through the API to real PPTX and PDF files: the files open (python-pptx,
pypdf strict) or a clean ConversionError is raised and nothing is written; every problem is a
diagnostic naming the file and the line."""

from __future__ import annotations

import io
import struct
import time
import zlib
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation
from pypdf import PdfReader

import converter
from converter import ConversionError, Result


def convert_both(folder: Path, text: str | bytes) -> tuple[Result, list[str], str]:
    """Convert `folder/talk.md`; the result, the PPTX's slide texts and the PDF's text."""
    deck = folder / "talk.md"
    deck.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    result = converter.convert(deck, [folder / "talk.pptx", folder / "talk.pdf"])
    prs = Presentation(str(folder / "talk.pptx"))
    slides = [
        "\n".join(shape.text_frame.text for shape in slide.shapes if shape.has_text_frame)
        for slide in prs.slides
    ]
    pdf = PdfReader(str(folder / "talk.pdf"), strict=True)
    return result, slides, "\n".join(page.extract_text() for page in pdf.pages)


def found(result: Result, code: str) -> list[tuple[str | None, int | None]]:
    return [(d.file, d.line) for d in result.diagnostics if d.code == code]


def notes_text(folder: Path, number: int = 0) -> str:
    slide = Presentation(str(folder / "talk.pptx")).slides[number]
    return slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""


def refused(folder: Path, data: bytes) -> ConversionError:
    deck = folder / "talk.md"
    deck.write_bytes(data)
    with pytest.raises(ConversionError) as exc:
        converter.convert(deck, [folder / "talk.pptx", folder / "talk.pdf"])
    assert not (folder / "talk.pptx").exists() and not (folder / "talk.pdf").exists()
    assert exc.value.diagnostic.file == str(deck)
    return exc.value


def test_non_utf8_and_binary_files_are_refused_with_a_line(tmp_path: Path) -> None:
    error = refused(tmp_path, b"# Title\n\nCaf\xe9\n")
    assert (error.diagnostic.code, error.diagnostic.line) == ("encoding", 3)
    png = io.BytesIO()
    Image.new("RGB", (4, 4)).save(png, "PNG")
    assert refused(tmp_path, png.getvalue()).diagnostic.code == "binary-input"
    assert refused(tmp_path, bytes(range(256)) * 8).diagnostic.code in ("binary-input", "encoding")


def test_empty_file_gives_one_empty_slide(tmp_path: Path) -> None:
    result, slides, _ = convert_both(tmp_path, "")
    assert result.ok and len(slides) == 1
    assert len(PdfReader(str(tmp_path / "talk.pdf"), strict=True).pages) == 1


def test_bom_and_crlf(tmp_path: Path) -> None:
    text = ("\ufeff---\r\ntitle: T\r\n---\r\n# One\r\n\r\n- a\r\n\r\n---\r\n\r\n"
            "# Two\r\nNote: said\r\n")
    result, slides, pdf = convert_both(tmp_path, text)
    assert result.ok and [s.split("\n")[0] for s in slides] == ["ONE", "TWO"]  # theme caps
    assert "\r" not in "".join(slides) and "\ufeff" not in pdf
    assert notes_text(tmp_path, 1) == "said"


def test_characters_xml_cannot_hold_are_dropped_with_a_warning(tmp_path: Path) -> None:
    text = "# Ti\x00tle\x1b\n\nbody\x0b text &#x1b; &#0;\n\nNote: no\x00tes\x1b\n"
    result, slides, pdf = convert_both(tmp_path, text)
    assert found(result, "invalid-character") == [(str(tmp_path / "talk.md"), 1),
                                                  (str(tmp_path / "talk.md"), 3),
                                                  (str(tmp_path / "talk.md"), 5)]
    assert slides[0].startswith("TITLE\nbody text") and "\x1b" not in slides[0]
    assert "TITLE" in pdf and notes_text(tmp_path) == "notes"


def test_markup_like_text_is_text_everywhere(tmp_path: Path) -> None:
    text = (
        '---\ntitle: "<b>&amp; ]]> <font color=red>"\nauthor: "a<b>&"\n---\n'
        "# A < & ]]> `<para>`\n\n"
        "x < y && ]]> `<font name=x>` `<![CDATA[ & ]]>` \\<b>\n\n"
        "Note: n < m & ]]> `<br/>`\n"
    )
    result, slides, pdf = convert_both(tmp_path, text)
    assert result.ok
    body = "x < y && ]]> <font name=x> <![CDATA[ & ]]> <b>"
    assert slides[0].startswith(f"A < & ]]> <para>\n{body}")
    assert " ".join(pdf.split()).startswith(f"A < & ]]> <para> {body}")
    assert notes_text(tmp_path) == "n < m & ]]> <br/>"
    prs = Presentation(str(tmp_path / "talk.pptx"))
    assert prs.core_properties.title == "<b>&amp; ]]> <font color=red>"
    assert prs.core_properties.author == "a<b>&"
    meta = PdfReader(str(tmp_path / "talk.pdf"), strict=True).metadata
    assert meta is not None and meta.title == "<b>&amp; ]]> <font color=red>"


def test_a_100000_character_line_and_a_10000_character_word(tmp_path: Path) -> None:
    start = time.perf_counter()
    result, slides, _ = convert_both(tmp_path, "# Long\n\n" + "word " * 20_000 + "\n")
    assert len(slides[0]) > 99_000 and found(result, "overflow")
    result, slides, pdf = convert_both(tmp_path, "# W\n\n" + "x" * 10_000 + "\n")
    assert slides[0].count("x") == 10_000
    assert pdf.count("x") == 10_000 and pdf.count("\n") > 10  # broken across lines
    assert time.perf_counter() - start < 10


def test_forty_nested_list_levels_are_clamped_to_nine(tmp_path: Path) -> None:
    text = "# T\n\n" + "".join("  " * i + f"- level {i}\n" for i in range(40))
    result, _, pdf = convert_both(tmp_path, text)
    assert found(result, "list-depth") == [(str(tmp_path / "talk.md"), 12)]
    xml = (tmp_path / "talk.pptx").read_bytes()
    import zipfile

    slide = zipfile.ZipFile(io.BytesIO(xml)).read("ppt/slides/slide1.xml").decode()
    levels = {int(v) for v in __import__("re").findall(r'lvl="(\d+)"', slide)}
    assert (max(levels) == 8 and "level 39" in pdf.replace("\n", " ")) or "level 19" in pdf


def test_unclosed_comment_and_fence(tmp_path: Path) -> None:
    text = "# A\n\n<!-- never closed\n\nhidden\n\n---\n\n# B\n\n```js\nlet x = 1\n\n---\n\n# C\n"
    result, slides, _ = convert_both(tmp_path, text)
    assert found(result, "unclosed-comment") == [(str(tmp_path / "talk.md"), 3)]
    assert found(result, "unclosed-fence") == [(str(tmp_path / "talk.md"), 11)]
    assert len(slides) == 3 and slides[0].startswith("A\n<!-- never closed hidden")


def test_broken_yaml_and_yaml_bombs_are_refused(tmp_path: Path) -> None:
    error = refused(tmp_path, b"---\ntitle: x\ntheme: [unclosed\n---\n# A\n")
    assert (error.diagnostic.code, error.diagnostic.line) == ("front-matter", 3)
    levels = ["a: &a [x,x,x,x,x,x,x,x,x]"] + [
        f"{n}: &{n} [{','.join(['*' + p] * 9)}]" for p, n in zip("abcdefg", "bcdefgh", strict=True)
    ]
    bomb = "---\n" + "\n".join(levels) + "\nkeywords: [*h, *h]\n---\n# A\n"
    start = time.perf_counter()
    assert "too large" in refused(tmp_path, bomb.encode()).diagnostic.message
    assert time.perf_counter() - start < 2
    result, _, _ = convert_both(tmp_path, '---\ntitle: "a\\x00b"\nk: &r [*r]\n---\n# A\n')
    assert found(result, "invalid-character") == [(str(tmp_path / "talk.md"), 2)]
    assert found(result, "front-matter") == [(str(tmp_path / "talk.md"), 3)]


def test_unknown_theme_transition_opacity_and_colours(tmp_path: Path) -> None:
    text = (
        "---\ntheme: nope\nrevealOptions:\n  transition: warp\n---\n# A\n"
        '<!-- .slide: data-transition="bogus" data-background-opacity="7" '
        'data-background-color="#zzz" -->\n\n<span style="color: notacolour">x</span>\n'
    )
    result, _, _ = convert_both(tmp_path, text)
    deck = str(tmp_path / "talk.md")
    assert found(result, "unknown-theme") == [(deck, 2)]
    assert found(result, "transition") == [(deck, 3), (deck, 7)]
    assert found(result, "bad-opacity") == [(deck, 7)]
    assert (deck, 7) in found(result, "bad-color")


# --- images -----------------------------------------------------------------------------------


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def bomb_png(side: int = 100_000) -> bytes:
    """A tiny PNG whose header claims side x side pixels (30 GB if ever decoded)."""
    header = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header)
            + _png_chunk(b"IDAT", zlib.compress(b"\x00" * 1000)) + _png_chunk(b"IEND", b""))


def stored_images(folder: Path) -> list[Image.Image]:
    prs = Presentation(str(folder / "talk.pptx"))
    return [Image.open(io.BytesIO(shape.image.blob)) for slide in prs.slides
            for shape in slide.shapes if shape.shape_type == 13]


def test_broken_images_become_placeholders_with_a_line(tmp_path: Path) -> None:
    noise = io.BytesIO()
    Image.effect_noise((200, 200), 50).convert("RGB").save(noise, "PNG")
    (tmp_path / "text.png").write_bytes(b"hello, I am text")
    (tmp_path / "cut.png").write_bytes(noise.getvalue()[: len(noise.getvalue()) // 2])
    (tmp_path / "bomb.png").write_bytes(bomb_png())
    text = ("# Images\n\n![t](text.png)\n![c](cut.png)\n![b](bomb.png)\n![m](gone.png)\n"
            "![r](https://example.org/x.png)\n")
    start = time.perf_counter()
    result, _, _ = convert_both(tmp_path, text)
    assert time.perf_counter() - start < 5
    deck = str(tmp_path / "talk.md")
    assert found(result, "bad-image") == [(deck, 3), (deck, 4)]
    assert found(result, "image-too-large") == [(deck, 5)]
    assert found(result, "missing-image") == [(deck, 6)]
    assert found(result, "remote-image") == [(deck, 7)]
    assert len(stored_images(tmp_path)) == 5  # each one a labelled placeholder


def test_huge_image_is_downscaled_gif_first_frame_svg_rasterised(tmp_path: Path) -> None:
    Image.new("RGB", (6000, 4000), (10, 200, 10)).save(tmp_path / "huge.jpg", quality=50)
    red, blue = Image.new("RGB", (20, 20), (255, 0, 0)), Image.new("RGB", (20, 20), (0, 0, 255))
    red.save(tmp_path / "anim.gif", save_all=True, append_images=[blue], duration=100, loop=0)
    (tmp_path / "v.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="60" '
                                    'height="30"><rect width="60" height="30" fill="#0f0"/>'
                                    "</svg>", encoding="utf-8")
    text = "# A\n\n![h](huge.jpg)\n\n---\n\n# B\n\n![g](anim.gif)\n\n---\n\n# C\n\n![s](v.svg)\n"
    result, _, _ = convert_both(tmp_path, text)
    assert not [d for d in result.diagnostics if d.severity == "warning" and d.code != "overflow"]
    huge, gif, svg = stored_images(tmp_path)
    assert huge.width < 6000 and huge.width / huge.height == pytest.approx(1.5, rel=0.01)
    assert gif.convert("RGB").getpixel((10, 10)) == (255, 0, 0)
    assert svg.convert("RGB").getpixel((svg.width // 2, svg.height // 2))[1] > 200


def test_a_broken_svg_is_a_placeholder(tmp_path: Path) -> None:
    (tmp_path / "v.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><g></svg>', "utf-8")
    result, _, _ = convert_both(tmp_path, "# A\n\n![s](v.svg)\n")
    assert found(result, "bad-image") == [(str(tmp_path / "talk.md"), 3)]
    assert len(stored_images(tmp_path)) == 1


def test_a_catastrophic_separator_regex_is_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import converter.reader as reader

    monkeypatch.setattr(reader, "SEPARATOR_SECONDS", 0.5)
    start = time.perf_counter()
    error = refused(tmp_path, b'---\nseparator: "(a+)+b"\n---\n# A\n\n' + b"a" * 60 + b"\n")
    assert time.perf_counter() - start < 5
    assert (error.diagnostic.code, error.diagnostic.line) == ("separator", 2)
    assert "catastrophic backtracking" in error.diagnostic.message


def test_time_limit_restores_an_outer_timer() -> None:
    import signal

    from converter.limits import TimeLimitExceeded, time_limit

    with time_limit(5):
        pass
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    signal.setitimer(signal.ITIMER_REAL, 100)
    try:
        with pytest.raises(TimeLimitExceeded), time_limit(0.05):
            while True:
                pass
        assert 90 < signal.getitimer(signal.ITIMER_REAL)[0] <= 100
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)


def test_svg_declaring_a_huge_size_or_entities(tmp_path: Path) -> None:
    huge = ('<svg xmlns="http://www.w3.org/2000/svg" width="100000" height="50000">'
            '<rect width="100000" height="50000" fill="#00f"/></svg>')
    (tmp_path / "huge.svg").write_text(huge, encoding="utf-8")
    (tmp_path / "xxe.svg").write_text(
        f'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file://{tmp_path}/talk.md">]>'
        '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>&x;</text></svg>',
        encoding="utf-8",
    )
    start = time.perf_counter()
    result, _, _ = convert_both(tmp_path, "# A\n\n![h](huge.svg)\n\n---\n\n![x](xxe.svg)\n")
    assert time.perf_counter() - start < 10
    assert found(result, "bad-image") == [(str(tmp_path / "talk.md"), 7)]
    assert "external entity &x;" in next(d.message for d in result.diagnostics
                                          if d.code == "bad-image")
