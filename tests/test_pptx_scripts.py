"""Every script in the PPTX, under font names Office has: CJK runs carry `a:ea` (Microsoft
YaHei, Yu Gothic, Malgun Gothic, Microsoft JhengHei as the deck's language and the text ask),
Arabic and Hebrew runs `a:cs`, with their `lang`; the slots in schema order (latin, ea, cs);
right-to-left paragraphs; bullets, runs and the slide-number badge named by their Office family
(`converter.text.office`), never by a Linux-only one. Decks are converted with
`converter.convert` and read back with python-pptx and lxml; every file passes openxml-audit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import assert_valid_pptx, linux_only_typefaces
from lxml import etree
from pptx import Presentation
from pptx.oxml.ns import qn

from converter.api import convert
from converter.layout.boxes import Bullet, TextParagraph, TextRun
from converter.render.pptx.text import A_NS, paragraph_xml
from converter.style.color import Color
from converter.text.fonts import ResolvedFont, pick_face, vera_faces
from converter.text.office import (
    LINUX_ONLY_FAMILIES,
    cs_typeface,
    ea_typeface,
    is_linux_only,
    office_family,
    run_language,
    run_script,
)

LINES = {
    "kana": "日本語のテキスト",
    "han": "中文内容测试",
    "hangul": "한국어 문장",
    "arabic": "مرحبا بالعالم",
    "hebrew": "שלום עולם",
    "latin": "Plain English words",
}


def build(tmp_path: Path, body: str, front: str = "", name: str = "talk") -> Any:
    """Convert a one-deck Markdown source; return the python-pptx Presentation (validated)."""
    src = tmp_path / f"{name}.md"
    head = f"---\n{front}---\n\n" if front else ""
    src.write_text(head + body, encoding="utf-8")
    out = tmp_path / f"{name}.pptx"
    convert(src, [out])
    assert_valid_pptx(out)
    assert not linux_only_typefaces(out), linux_only_typefaces(out)
    return Presentation(str(out))


def runs_of(prs: Any) -> list[Any]:
    """Every `a:r` element of every slide, in order."""
    return [
        r
        for slide in prs.slides
        for shape in slide.shapes
        if shape.has_text_frame
        for r in shape.text_frame._txBody.iter(qn("a:r"))
    ]


def run_text(r: Any) -> str:
    return str(r.find(qn("a:t")).text or "")


def run_with(prs: Any, text: str) -> Any:
    found = [r for r in runs_of(prs) if text in run_text(r)]
    assert found, (text, [run_text(r) for r in runs_of(prs)])
    return found[0]


def slots(r: Any) -> dict[str, str]:
    rpr = r.find(qn("a:rPr"))
    return {
        etree.QName(el).localname: str(el.get("typeface"))
        for el in rpr
        if etree.QName(el).localname in ("latin", "ea", "cs")
    }


def lang(r: Any) -> str:
    return str(r.find(qn("a:rPr")).get("lang"))


def deck_of_lines(*lines: str) -> str:
    return "# Scripts\n\n" + "\n\n".join(lines) + "\n"


# --- decks -----------------------------------------------------------------------------------


def test_cjk_and_rtl_runs_carry_their_slot_font_and_language(tmp_path: Path) -> None:
    prs = build(tmp_path, deck_of_lines(*LINES.values()))
    expected = {
        "kana": ({"ea": "Yu Gothic"}, "ja-JP"),
        "han": ({"ea": "Microsoft YaHei"}, "zh-CN"),
        "hangul": ({"ea": "Malgun Gothic"}, "ko-KR"),
        "arabic": ({"cs": "Arial"}, "ar-SA"),
        "hebrew": ({"cs": "Arial"}, "he-IL"),
        "latin": ({}, "en-US"),
    }
    for script, (extra, language) in expected.items():
        r = run_with(prs, LINES[script].split()[0])
        found = slots(r)
        latin = found.pop("latin")
        assert not is_linux_only(latin) and latin == office_family(latin), (script, latin)
        assert found == extra, (script, found)
        assert lang(r) == language, script


def test_every_character_of_the_source_is_in_the_runs(tmp_path: Path) -> None:
    prs = build(tmp_path, deck_of_lines(*LINES.values(), "混合 mixed テキスト and עברית"))
    text = "".join(run_text(r) for r in runs_of(prs))
    for line in (*LINES.values(), "混合 mixed テキスト and עברית"):
        words = line.split()
        assert all(w in text for w in words), (line, text)
        assert set(line) - {" "} <= set(text), line


def test_rpr_children_follow_the_schema_order(tmp_path: Path) -> None:
    body = deck_of_lines(*LINES.values(), "[链接 link](https://example.org)", "`代码 كود code`")
    prs = build(tmp_path, body)
    order = ["solidFill", "latin", "ea", "cs", "hlinkClick"]
    seen_link = False
    for r in runs_of(prs):
        names = [etree.QName(el).localname for el in r.find(qn("a:rPr"))]
        assert names == sorted(names, key=order.index), names
        assert names[:2] == ["solidFill", "latin"]
        seen_link = seen_link or ("hlinkClick" in names and "ea" in names)
    assert seen_link  # a CJK link: ea before hlinkClick


def test_deck_language_zh_tw_chooses_jhenghei_and_its_tag(tmp_path: Path) -> None:
    prs = build(tmp_path, deck_of_lines("中文内容", "Latin words"), front="lang: zh-TW\n")
    r = run_with(prs, "中文内容")
    assert slots(r)["ea"] == "Microsoft JhengHei" and lang(r) == "zh-TW"
    assert lang(run_with(prs, "Latin")) == "en-US"  # not Chinese text


def test_deck_language_ja_makes_han_japanese_and_fr_tags_latin(tmp_path: Path) -> None:
    ja = build(tmp_path, deck_of_lines("漢字だけ", "漢字"), front="lang: ja\n", name="ja")
    r = run_with(ja, "漢字")
    assert slots(r)["ea"] == "Yu Gothic" and lang(r) == "ja"
    fr = build(tmp_path, deck_of_lines("Bonjour le monde", "مرحبا"), front="lang: fr\n", name="fr")
    assert lang(run_with(fr, "Bonjour")) == "fr"
    assert lang(run_with(fr, "مرحبا")) == "ar-SA"


def test_a_malformed_deck_language_is_not_written(tmp_path: Path) -> None:
    prs = build(tmp_path, deck_of_lines("Words", "中文"), front="lang: 'x\" evil=\"1'\n")
    assert lang(run_with(prs, "Words")) == "en-US"
    assert lang(run_with(prs, "中文")) == "zh-CN"


def test_code_keeps_one_monospace_office_family_in_all_three_slots(tmp_path: Path) -> None:
    prs = build(tmp_path, "# Code\n\n`中文 code`\n\n```\nprint('日本語 مرحبا')\n```\n")
    for text in ("中文 code", "日本語"):
        found = slots(run_with(prs, text))
        assert set(found) == {"latin", "ea", "cs"} and len(set(found.values())) == 1, found
        assert found["latin"] == "Courier New", found  # DejaVu Sans Mono / Liberation Mono


def test_bullets_and_runs_name_office_families(tmp_path: Path) -> None:
    prs = build(tmp_path, "# Lists\n\n- one\n- two\n  - nested\n")
    fonts = [
        el.get("typeface")
        for slide in prs.slides
        for shape in slide.shapes
        if shape.has_text_frame
        for el in shape.text_frame._txBody.iter(qn("a:buFont"))
    ]
    assert len(fonts) == 3
    assert all(f and not is_linux_only(f) and f == office_family(f) for f in fonts), fonts


def test_slide_number_badge_names_an_office_family(tmp_path: Path) -> None:
    prs = build(tmp_path, "# One\n\n---\n\n# Two\n", front="revealOptions:\n  slideNumber: true\n")
    badges = [s for s in prs.slides[1].shapes if s.name.startswith("Slide Number")]
    assert badges
    faces = {el.get("typeface") for el in badges[0]._element.iter(qn("a:latin"))}
    assert faces and not any(is_linux_only(f) for f in faces), faces


# --- paragraphs written directly ---------------------------------------------------------------


def _font() -> ResolvedFont:
    faces = vera_faces()
    if not faces:
        pytest.skip("reportlab's Vera fonts are not installed")
    return ResolvedFont(("Vera",), pick_face(faces, False, False))


def _p(xml: str) -> Any:
    return etree.fromstring(f'<a:txBody xmlns:a="{A_NS}">{xml}</a:txBody>')[0]


def test_rtl_paragraph_writes_rtl_and_right_alignment() -> None:
    font = _font()
    run = TextRun("שלום עולם", font, 20.0, Color(0, 0, 0))
    for align in ("left", "right"):
        ppr = _p(paragraph_xml(TextParagraph((run,), (), align, rtl=True), lambda _h: None))
        ppr = ppr.find(qn("a:pPr"))
        assert (ppr.get("rtl"), ppr.get("algn")) == ("1", "r"), align
    centred = _p(paragraph_xml(TextParagraph((run,), (), "center", rtl=True), lambda _h: None))
    assert (centred[0].get("rtl"), centred[0].get("algn")) == ("1", "ctr")
    ltr = _p(paragraph_xml(TextParagraph((run,), (), "left"), lambda _h: None))
    assert ltr[0].get("rtl") is None and ltr[0].get("algn") == "l"


def test_paragraph_xml_slots_bullet_and_end_properties() -> None:
    font = _font()  # Bitstream Vera Sans: a Linux-only name
    black = Color(0, 0, 0)
    para = TextParagraph(
        (TextRun("Latin ", font, 20.0, black), TextRun("ひらがな", font, 20.0, black)),
        (),
        "left",
        bullet=Bullet(char="•", font=font),
        indent=18.0,
        hanging=18.0,
    )
    p = _p(paragraph_xml(para, lambda _h: None))
    assert p.find(f"{qn('a:pPr')}/{qn('a:buFont')}").get("typeface") == "Verdana"
    latin_r, kana_r = p.findall(qn("a:r"))
    assert slots(latin_r) == {"latin": "Verdana"} and lang(latin_r) == "en-US"
    assert slots(kana_r) == {"latin": "Verdana", "ea": "Yu Gothic"} and lang(kana_r) == "ja-JP"
    end = p.find(qn("a:endParaRPr"))  # the last run's look
    assert end.get("lang") == "ja-JP" and end.find(qn("a:ea")).get("typeface") == "Yu Gothic"


def test_the_run_property_cache_tells_scripts_apart() -> None:
    font = _font()
    black = Color(0, 0, 0)
    xml = "".join(
        paragraph_xml(TextParagraph((TextRun(t, font, 20.0, black),), (), "left"), lambda _h: None)
        for t in ("abc", "中文", "abc", "مرحبا", "한국", "中文")
    )
    root = etree.fromstring(f'<a:txBody xmlns:a="{A_NS}">{xml}</a:txBody>')
    got = [(lang(r), sorted(slots(r))) for r in root.iter(qn("a:r"))]
    assert got == [
        ("en-US", ["latin"]),
        ("zh-CN", ["ea", "latin"]),
        ("en-US", ["latin"]),
        ("ar-SA", ["cs", "latin"]),
        ("ko-KR", ["ea", "latin"]),
        ("zh-CN", ["ea", "latin"]),
    ]


# --- the tables ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("linux", "office"),
    [
        ("Liberation Sans", "Arial"), ("Arimo", "Arial"), ("Nimbus Sans", "Arial"),
        ("Liberation Sans Narrow", "Arial Narrow"), ("Nimbus Sans Narrow", "Arial Narrow"),
        ("Liberation Serif", "Times New Roman"), ("Tinos", "Times New Roman"),
        ("Nimbus Roman", "Times New Roman"), ("Liberation Mono", "Courier New"),
        ("Cousine", "Courier New"), ("Nimbus Mono PS", "Courier New"), ("Carlito", "Calibri"),
        ("Caladea", "Cambria"), ("DejaVu Sans", "Verdana"), ("DejaVu Serif", "Georgia"),
        ("DejaVu Sans Mono", "Courier New"), ("Bitstream Vera Sans", "Verdana"),
        ("Vera", "Verdana"), ("Bitstream Vera Sans Mono", "Courier New"),
        ("Bitstream Vera Serif", "Georgia"), ("FreeSans", "Arial"),
        ("FreeSerif", "Times New Roman"), ("FreeMono", "Courier New"),
        ("TeX Gyre Heros", "Arial"), ("TeX Gyre Termes", "Times New Roman"),
        ("TeX Gyre Cursor", "Courier New"), ("TeX Gyre Pagella", "Palatino Linotype"),
        ("P052", "Palatino Linotype"), ("Gelasio", "Georgia"),
        ("Noto Sans CJK SC", "Microsoft YaHei"), ("Noto Sans CJK TC", "Microsoft JhengHei"),
        ("Noto Sans CJK HK", "Microsoft JhengHei"), ("Noto Serif CJK JP", "Yu Gothic"),
        ("Noto Sans CJK KR", "Malgun Gothic"),
        # case and spaces do not matter
        ("liberation sans", "Arial"), ("LIBERATIONSANS", "Arial"), ("DejaVu  Sans", "Verdana"),
    ],
)  # fmt: skip
def test_office_family_table(linux: str, office: str) -> None:
    assert office_family(linux) == office
    assert is_linux_only(linux) and not is_linux_only(office)


@pytest.mark.parametrize(
    "family",
    ["Open Sans", "Lato", "Source Sans Pro", "League Gothic", "Montserrat", "Arial", "Quicksand"],
)
def test_real_families_are_kept(family: str) -> None:
    assert office_family(family) == family and not is_linux_only(family)


def test_linux_only_families_are_lower_case_and_all_mapped() -> None:
    assert "liberation sans" in LINUX_ONLY_FAMILIES and "noto sans cjk tc" in LINUX_ONLY_FAMILIES
    for name in LINUX_ONLY_FAMILIES:
        assert name == name.lower() and is_linux_only(name)
        assert not is_linux_only(office_family(name)), name


def test_ea_and_cs_typefaces() -> None:
    assert [ea_typeface(v) for v in ("SC", "TC", "HK", "JP", "KR", "??")] == [
        "Microsoft YaHei", "Microsoft JhengHei", "Microsoft JhengHei", "Yu Gothic",
        "Malgun Gothic", "Microsoft YaHei",
    ]  # fmt: skip
    assert [cs_typeface(s) for s in ("arabic", "hebrew", "devanagari", "bengali", "tamil")] == [
        "Arial", "Arial", "Nirmala UI", "Nirmala UI", "Nirmala UI",
    ]  # fmt: skip
    assert cs_typeface("thai") == "Leelawadee UI" and cs_typeface("unknown") == "Arial"


def test_run_script_and_language() -> None:
    assert run_script("Plain – “quoted” café") == ("latin", "latin")
    assert run_script("Привет") == ("latin", "cyrillic")
    assert run_script("漢字とかな") == ("ea", "kana")
    assert run_script("x 中文") == ("ea", "han")
    assert run_script("한국어") == ("ea", "hangul")
    assert run_script("abc مرحبا") == ("cs", "arabic")
    assert run_script("नमस्ते") == ("cs", "devanagari")
    assert run_language("latin", None) == "en-US"
    assert run_language("latin", "de-DE") == "de-DE"
    assert run_language("latin", "ru") == "en-US"
    assert run_language("kana", "zh-TW") == "ja-JP"
    assert run_language("han", "zh-TW") == "zh-TW"
    assert run_language("han", "ko-KR") == "ko-KR"
    assert run_language("hebrew", None) == "he-IL"
