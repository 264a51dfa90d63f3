"""Font discovery, resolution and measuring (converter.text.fonts), on this machine's fonts."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from converter.text.aliases import candidates, split_css_families
from converter.text.fonts import load_face, reportlab_font_dir, vera_faces
from converter.text.library import FontLibrary

DEJAVU_DIR = Path("/usr/share/fonts/truetype/dejavu")
DEJAVU = DEJAVU_DIR / "DejaVuSans.ttf"
CFF_OTF = Path("/usr/share/fonts/opentype/urw-base35/NimbusSans-Regular.otf")

needs_dejavu = pytest.mark.skipif(
    not DEJAVU.is_file(), reason="DejaVu Sans not installed (Debian package fonts-dejavu-core)"
)


@pytest.fixture(scope="module")
def lib() -> FontLibrary:
    library = FontLibrary()
    library.warm()
    return library


def _need_family(lib: FontLibrary, family: str, package: str) -> None:
    if not lib.faces(family):
        pytest.skip(f"{family} not installed (Debian package {package})")


def _hmtx_width(path: Path, text: str, size: float) -> float:
    font = TTFont(path)
    cmap, hmtx = font.getBestCmap(), font["hmtx"]
    return sum(hmtx[cmap[ord(c)]][0] for c in text) * size / font["head"].unitsPerEm


@needs_dejavu
def test_dejavu_sans_is_found(lib: FontLibrary) -> None:
    font = lib.resolve(["DejaVu Sans"])
    assert font.primary.path == DEJAVU
    assert font.family == "DejaVu Sans"
    assert not font.substituted and not font.synthetic_bold and not font.synthetic_italic
    assert not font.primary.bold and not font.primary.italic
    assert font.primary.units_per_em == 2048
    assert font.primary.ascent > 0 and font.primary.descent > 0


@needs_dejavu
def test_widths_are_linear_and_match_hmtx(lib: FontLibrary) -> None:
    font = lib.resolve(["DejaVu Sans"])
    w20, w40 = font.width("Hamburgefonts", 20), font.width("Hamburgefonts", 40)
    assert w40 == pytest.approx(2 * w20, rel=1e-12)
    assert w40 == pytest.approx(_hmtx_width(DEJAVU, "Hamburgefonts", 40), rel=0.01)
    assert 150 < w40 < 400  # plausible: about 0.6 em per letter
    assert font.width("", 40) == 0
    assert font.width("a\xa0b", 40) == pytest.approx(font.width("a b", 40))  # as reportlab
    assert font.line_height(40) == pytest.approx(font.ascent_pt(40) + font.descent_pt(40), abs=5)
    assert 40 < font.line_height(40) < 60


@needs_dejavu
def test_bold_is_wider_and_styles_are_real(lib: FontLibrary) -> None:
    regular = lib.resolve(["DejaVu Sans"])
    bold = lib.resolve(["DejaVu Sans"], bold=True)
    bold_italic = lib.resolve(["DejaVu Sans"], bold=True, italic=True)
    assert bold.primary.path.name == "DejaVuSans-Bold.ttf" and bold.primary.bold
    assert bold_italic.primary.path.name == "DejaVuSans-BoldOblique.ttf"
    assert not bold.synthetic_bold and not bold_italic.synthetic_italic
    assert bold.width("Hamburgefonts", 40) > regular.width("Hamburgefonts", 40)


def test_lato_and_open_sans_styles(lib: FontLibrary) -> None:
    _need_family(lib, "Lato", "fonts-lato")
    _need_family(lib, "Open Sans", "fonts-open-sans")
    lato = lib.resolve("Lato, sans-serif", bold=True)
    assert lato.family == "Lato" and lato.primary.path.name == "Lato-Bold.ttf"
    open_sans = lib.resolve("Open Sans, sans-serif")
    assert open_sans.family == "Open Sans" and open_sans.primary.path.name == "OpenSans-Regular.ttf"
    assert not open_sans.substituted


@pytest.mark.parametrize("primary", ["Bitstream Vera Sans", "Open Sans"])
@needs_dejavu
def test_missing_glyph_served_by_fallback(lib: FontLibrary, primary: str) -> None:
    if primary == "Open Sans":
        _need_family(lib, "Open Sans", "fonts-open-sans")
    font = lib.resolve([primary])
    assert font.family == primary
    assert not font.primary.has("✓")
    assert font.face_for("✓").path == DEJAVU
    runs = font.split_by_face("ok ✓ done")
    assert [(text, face.path) for text, face in runs] == [
        ("ok ", font.primary.path), ("✓ ", DEJAVU), ("done", font.primary.path)
    ]  # fmt: skip
    expected = sum(face.advance(c) * 30 / face.units_per_em for t, face in runs for c in t)
    assert font.width("ok ✓ done", 30) == pytest.approx(expected)
    dejavu_check = load_face(DEJAVU)
    assert dejavu_check is not None
    assert font.width("✓", 30) == pytest.approx(dejavu_check.advance("✓") * 30 / 2048)


@needs_dejavu
def test_glyph_missing_everywhere_uses_notdef(lib: FontLibrary) -> None:
    font = lib.resolve(["DejaVu Sans"])
    char = "\U000f0000"  # private use plane: in no font here
    assert font.face_for(char) is font.primary
    assert font.width(char, 20) == pytest.approx(font.primary.advance(char) * 20 / 2048)


@needs_dejavu
def test_unknown_family_falls_back_to_an_arial_metric_clone(lib: FontLibrary) -> None:
    # Liberation Sans (Arial's metrics), so the PPTX can name Arial and text fits the same
    _need_family(lib, "Liberation Sans", "fonts-liberation2")
    font = lib.resolve(["No Such Family 123"])
    assert font.family == "Liberation Sans" and font.substituted
    assert lib.resolve("Quux, sans-serif").family == "Liberation Sans"
    assert not lib.resolve("sans-serif").substituted  # a generic keyword served by its alias


@needs_dejavu
def test_monospace_list_gives_monospace_face(lib: FontLibrary) -> None:
    for families in ("monospace", "Fira Code, Menlo, Consolas, Monaco, Lucida Console, monospace",
                     "No Such Mono"):  # fmt: skip
        font = lib.resolve(families + ", monospace" if families == "No Such Mono" else families)
        face = font.primary
        assert face.monospace, families
        assert face.advance("i") == face.advance("W") == face.advance(" ")
        assert font.width("iiii", 10) == pytest.approx(font.width("WWWW", 10))


def test_helvetica_maps_to_a_metric_clone(lib: FontLibrary) -> None:
    _need_family(lib, "Liberation Sans", "fonts-liberation2")
    font = lib.resolve("Helvetica Neue, Helvetica, Arial, sans-serif", bold=True)
    assert font.family == "Liberation Sans" and font.substituted and font.primary.bold
    assert candidates("-apple-system")[:2] == ("-apple-system", "Liberation Sans")
    assert candidates("sans-serif")[0] == "Liberation Sans"
    assert candidates("serif")[0] == "Liberation Serif"
    assert candidates("monospace")[0] == "Liberation Mono"


def test_vera_is_located_without_importing_reportlab() -> None:
    folder = reportlab_font_dir()
    assert folder is not None and (folder / "Vera.ttf").is_file()
    names = {f.path.name: (f.bold, f.italic) for f in vera_faces()}
    assert names == {"Vera.ttf": (False, False), "VeraBd.ttf": (True, False),
                     "VeraIt.ttf": (False, True), "VeraBI.ttf": (True, True)}  # fmt: skip
    # in a fresh interpreter, with only this module of the package loaded
    code = (
        "import sys, types, pathlib, converter\n"
        "pkg = types.ModuleType('converter.layout')\n"
        "pkg.__path__ = [str(pathlib.Path(converter.__file__).parent / 'layout')]\n"
        "sys.modules['converter.layout'] = pkg\n"
        "from converter.text.library import FontLibrary\n"
        "font = FontLibrary(system_dirs=[]).resolve(['No Such Family'], bold=True)\n"
        "assert font.primary.path.name == 'VeraBd.ttf', font\n"
        "assert 'reportlab' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).parents[1])


@needs_dejavu
def test_broken_and_cff_fonts_are_skipped(tmp_path: Path) -> None:
    (tmp_path / "DejaVuSans-Garbage.ttf").write_bytes(b"\x00\x01\x00\x00" + b"junk" * 100)
    (tmp_path / "DejaVuSans-Empty.ttf").write_bytes(b"")
    (tmp_path / "DejaVuSans-Cut.ttf").write_bytes(DEJAVU.read_bytes()[:4000])
    (tmp_path / "notafont.txt").write_text("hello")
    lib = FontLibrary([tmp_path])
    font = lib.resolve(["DejaVu Sans"])
    assert font.primary.path == DEJAVU
    assert font.width("abc", 10) > 0
    for name in ("DejaVuSans-Garbage.ttf", "DejaVuSans-Empty.ttf", "DejaVuSans-Cut.ttf"):
        assert load_face(tmp_path / name) is None
    assert load_face(tmp_path / "missing.ttf") is None
    if CFF_OTF.is_file():  # fonts-urw-base35 ships CFF .otf only: reportlab cannot embed them
        assert load_face(CFF_OTF) is None
        assert lib.resolve(["Nimbus Sans"]).primary.path.suffix == ".ttf"


@needs_dejavu
def test_font_dirs_take_precedence(tmp_path: Path) -> None:
    copy = tmp_path / "sub" / "MyBrandFont.ttf"
    copy.parent.mkdir()
    shutil.copyfile(DEJAVU, copy)
    lib = FontLibrary([tmp_path])
    font = lib.resolve("DejaVu Sans, sans-serif")
    assert font.primary.path == copy and font.family == "DejaVu Sans" and not font.substituted
    bold = lib.resolve("DejaVu Sans", bold=True)  # the folder's family is used as a whole
    assert bold.primary.path == copy and bold.synthetic_bold
    assert FontLibrary().resolve("DejaVu Sans").primary.path == DEJAVU
    assert ("DejaVu Sans, sans-serif", "DejaVu Sans", str(copy)) in lib.report()


def test_family_name_comes_from_the_file_and_aliases_apply(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("converter.text.library.packaged_font_files", lambda: ())
    folder = reportlab_font_dir()
    assert folder is not None
    font = TTFont(folder / "Vera.ttf")
    for record in font["name"].names:
        if record.nameID in (1, 16):
            record.string = "Source Sans 3"
    font.save(tmp_path / "renamed.ttf")
    lib = FontLibrary([tmp_path])
    resolved = lib.resolve("Source Sans Pro, Helvetica, sans-serif")
    assert resolved.family == "Source Sans 3" and resolved.substituted
    assert resolved.primary.path == tmp_path / "renamed.ttf"
    assert lib.report() == [
        ("Source Sans Pro, Helvetica, sans-serif", "Source Sans 3", str(tmp_path / "renamed.ttf"))
    ]


def test_split_css_families() -> None:
    assert split_css_families(' "Fira Code", Menlo ,\'Lucida Console\', monospace') == (
        "Fira Code", "Menlo", "Lucida Console", "monospace",
    )  # fmt: skip
    assert split_css_families("") == ()


@needs_dejavu
def test_load_and_resolve_fresh_and_cached(tmp_path: Path) -> None:
    """Loading, resolving and measuring give the same answers fresh and cached (their speed is
    measured by `make bench`, not asserted here)."""
    face = load_face(DEJAVU)
    assert face is not None and face.has("a")  # fontTools' table modules are imported now
    copy = tmp_path / "Fresh.ttf"  # a path not in the module cache
    shutil.copyfile(DEJAVU, copy)
    fresh = load_face(copy)
    assert fresh is not None and fresh.advance("W") > 0

    lib = FontLibrary()
    lib.warm()
    families = [f"{name}, sans-serif" for name in (
        "Source Sans Pro", "Lato", "League Gothic", "Open Sans", "Quicksand", "Montserrat",
        "Palatino Linotype", "News Cycle", "Ubuntu", "-apple-system", "Fira Code", "Helvetica",
        "Arial", "Impact", "Menlo", "Consolas", "Segoe UI", "Noto", "Roboto", "Cantarell",
    )]  # fmt: skip
    resolved = [lib.resolve(f) for f in families]
    assert [lib.resolve(f) for f in families] == resolved
    assert len(lib.report()) == 20

    font = resolved[3]
    assert font.width("Hamburgefonts", 20) == font.width("Hamburgefonts", 20) > 0
    assert len({font, lib.resolve(families[3])}) == 1


def test_a_weight_is_found_by_its_style_linked_name(lib: FontLibrary, tmp_path: Path) -> None:
    """Office templates name a weight as a family ("Source Sans Pro Light", "Calibri Light"):
    it resolves to that face of the family (name ID 1), regular text keeps the Regular face,
    and the PPTX names the face as Office knows it."""
    light = lib.resolve(["Source Sans Pro Light", "sans-serif"])
    assert light.primary.path.name == "SourceSansPro-Light.ttf" and light.primary.weight == 300
    assert light.family == "Source Sans Pro Light"
    regular = lib.resolve(["Source Sans Pro", "sans-serif"])
    assert regular.primary.path.name == "SourceSansPro-Regular.ttf"
    assert regular.family == "Source Sans Pro"
    bold = lib.resolve(["Source Sans Pro", "sans-serif"], bold=True)
    assert bold.primary.path.name == "SourceSansPro-Bold.ttf" and bold.family == "Source Sans Pro"
    # a font folder of the user's: the same by its file's names, not its file name
    shutil.copy(light.primary.path, tmp_path / "x.ttf")
    mine = FontLibrary([tmp_path]).resolve(["Source Sans Pro Light"])
    assert mine.primary.path == tmp_path / "x.ttf"
