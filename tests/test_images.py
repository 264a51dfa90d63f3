"""Image references: resolved relative to the deck, confined to the deck's folder and the
resource roots (symlinks resolved), remote URLs never fetched."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from converter.model import Image
from converter.reader import ReadOptions, read_text


def first_image(md: str, deck_dir: Path, **kw: object) -> tuple[Image, list[str]]:
    res = read_text(md, deck_dir=deck_dir, **kw)  # type: ignore[arg-type]
    image = next(b for b in res.deck.slides[0].blocks if isinstance(b, Image))
    return image, [d.code for d in res.diagnostics]


@pytest.fixture
def deck_dir(tmp_path: Path) -> Path:
    deck = tmp_path / "deck"
    (deck / "img").mkdir(parents=True)
    (deck / "img" / "cat.png").write_bytes(b"\x89PNG fake")
    (tmp_path / "secret.png").write_bytes(b"secret")
    return deck


def test_relative_path_resolves_inside_deck(deck_dir: Path) -> None:
    image, codes = first_image("![cat](img/cat.png)", deck_dir)
    assert image.source.kind == "file" and image.source.path == deck_dir / "img" / "cat.png"
    assert image.alt == "cat" and codes == []


def test_url_encoded_and_query(deck_dir: Path) -> None:
    (deck_dir / "img" / "a b.png").write_bytes(b"x")
    image, _ = first_image("![x](img/a%20b.png?v=2#frag)", deck_dir)
    assert image.source.kind == "file" and image.source.path == deck_dir / "img" / "a b.png"


def test_root_relative_resolves_against_deck_folder(deck_dir: Path) -> None:
    image, _ = first_image("![x](/img/cat.png)", deck_dir)
    assert image.source.path == deck_dir / "img" / "cat.png"


def test_parent_traversal_is_refused(deck_dir: Path) -> None:
    image, codes = first_image("![x](../secret.png)", deck_dir)
    assert image.source.kind == "refused" and image.source.path is None
    assert codes == ["refused-image"]


def test_etc_passwd_never_escapes(deck_dir: Path) -> None:
    image, codes = first_image("![x](../../../../../../etc/passwd)", deck_dir)
    assert image.source.kind == "refused" and codes == ["refused-image"]
    image, codes = first_image("![x](/etc/passwd)", deck_dir)  # deck-root relative: not there
    assert image.source.kind == "missing" and image.source.path is None


def test_symlink_pointing_out_is_refused(deck_dir: Path) -> None:
    link = deck_dir / "img" / "link.png"
    os.symlink(deck_dir.parent / "secret.png", link)
    image, codes = first_image("![x](img/link.png)", deck_dir)
    assert image.source.kind == "refused" and codes == ["refused-image"]


def test_resource_root_allows_another_folder(deck_dir: Path) -> None:
    shared = deck_dir.parent / "shared"
    shared.mkdir()
    (shared / "logo.png").write_bytes(b"x")
    image, codes = first_image("![x](../shared/logo.png)", deck_dir)
    assert image.source.kind == "refused"
    image, codes = first_image("![x](../shared/logo.png)", deck_dir,
                               options=ReadOptions(resource_roots=(shared,)))
    assert image.source.kind == "file" and codes == []


def test_remote_images_are_never_fetched(deck_dir: Path) -> None:
    for url in ("https://example.org/a.png", "//cdn.example.org/a.png", "ftp://x/a.png"):
        image, codes = first_image(f"![x]({url})", deck_dir)
        assert image.source.kind == "remote" and codes == ["remote-image"], url


def test_data_uri_is_kept(deck_dir: Path) -> None:
    image, codes = first_image("![x](data:image/png;base64,iVBORw0KGgo=)", deck_dir)
    assert image.source.kind == "data" and codes == []


def test_missing_image_warns_with_line(deck_dir: Path) -> None:
    res = read_text("# T\n\ntext\n\n![x](img/none.png)\n", deck_dir=deck_dir, name="t.md")
    [d] = res.diagnostics
    assert (d.code, d.line, d.slide) == ("missing-image", 5, 1)
    assert d.format() == "t.md:5: warning: image not found: img/none.png [missing-image]"


def test_html_img_and_data_src(deck_dir: Path) -> None:
    image, _ = first_image('<img data-src="img/cat.png" width="200" alt="c">', deck_dir)
    assert image.source.kind == "file" and image.attrs.width == "200" and image.alt == "c"


def test_background_image_is_resolved_too(deck_dir: Path) -> None:
    res = read_text('<!-- .slide: data-background="../secret.png" -->\n# A\n', deck_dir=deck_dir)
    bg = res.deck.slides[0].background
    assert bg.image is not None and bg.image.kind == "refused"
    assert [d.code for d in res.diagnostics] == ["refused-image"]
