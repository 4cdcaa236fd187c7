"""Reading and writing files: nothing about the bytes is lost, and bad input is named, not fatal."""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

import pytest

from copyedit import source


@pytest.mark.parametrize(
    "data",
    [
        b"One line.\n",
        b"No final newline.",
        b"Windows.\r\nLines.\r\n",
        b"Mixed.\nnewlines.\r\nhere.\r",
        codecs.BOM_UTF8 + b"With a BOM.\r\n",
        "Caf\u00e9 \u2019quotes\u2019 \u2014 dash.\n".encode(),
        b"",
        b"   \n\n  ",
    ],
)
def test_round_trip_keeps_every_byte(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    src = source.read(path)
    assert src.bom == data.startswith(codecs.BOM_UTF8)
    assert "\ufeff" not in src.text
    source.write(src, src.text)
    assert path.read_bytes() == data


def test_write_keeps_bom_newlines_and_mode(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(codecs.BOM_UTF8 + b"Old text.\r\nMore.\r\n")
    path.chmod(0o640)
    src = source.read(path)
    source.write(src, src.text.replace("Old", "New"))
    assert path.read_bytes() == codecs.BOM_UTF8 + b"New text.\r\nMore.\r\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.md"]  # no temporary file left behind


def test_write_is_atomic_rename(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure before the rename leaves the old file whole and no temporary file."""
    path = tmp_path / "a.txt"
    path.write_text("Old.\n")
    src = source.read(path)

    def fail(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(source.SourceError, match=r"a\.txt: cannot write: No space left"):
        source.write(src, "New.\n")
    assert path.read_text() == "Old.\n"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks binary"),
        ("UTF-16 text".encode("utf-16"), "looks binary"),
        ("Caf\u00e9 in Latin-1".encode("latin-1"), "not valid UTF-8"),
    ],
)
def test_bad_input_names_the_file(tmp_path: Path, data: bytes, why: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(source.SourceError) as e:
        source.read(path)
    assert str(e.value).startswith(str(path) + ":")
    assert why in str(e.value)
    assert "\n" not in str(e.value)


def test_too_large_and_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(source, "MAX_BYTES", 10)
    with pytest.raises(source.SourceError, match="larger than"):
        source.decode("big.txt", b"x" * 11)
    with pytest.raises(source.SourceError, match=r"nope\.txt: cannot read"):
        source.read(tmp_path / "nope.txt")


def test_markup_from_suffix() -> None:
    assert source.Source("a/b.MD", "").markup == "markdown"
    assert source.Source("b.markdown", "").markup == "markdown"
    assert source.Source("b.txt", "").markup == "text"


def test_discover_walks_folders_in_order(tmp_path: Path) -> None:
    for name in ["b.txt", "a.md", "c.py", ".hidden/x.txt", "sub/d.markdown", "sub/e.rst"]:
        p = tmp_path / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("x")
    found = [p for p, _ in source.discover([str(tmp_path), str(tmp_path / "b.txt"), str(tmp_path / "c.py")])]
    rel = [os.path.relpath(f, tmp_path) for f in found]
    assert rel == ["a.md", "b.txt", "sub/d.markdown", "c.py"]
