"""Reading and writing files: nothing about the bytes is lost, and bad input is named, not fatal."""

from __future__ import annotations

import codecs
import os
import signal
import stat
import subprocess
import threading
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


@pytest.fixture
def alarm():
    """Fail a test that blocks (a FIFO opened for reading waits for a writer) instead of hanging the suite."""

    def _timeout(*_: object) -> None:
        raise TimeoutError("blocked")

    old = signal.signal(signal.SIGALRM, _timeout)
    signal.alarm(20)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


@pytest.mark.parametrize(
    "make",
    [
        os.mkfifo,
        lambda p: os.symlink("/dev/zero", p),  # would be read until the memory ran out
        os.mkdir,
    ],
    ids=["fifo", "dev-zero", "folder"],
)
def test_fifo_and_devices_are_refused_without_reading(tmp_path: Path, alarm: None, make) -> None:
    path = tmp_path / "a.md"
    make(path)
    with pytest.raises(source.SourceError) as e:
        source.read(path)
    assert str(e.value) == f"{path}: not a regular file; skipped"


def test_read_stops_at_the_size_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    """/proc files say they are empty and are not: the read itself must stop after the cap."""
    monkeypatch.setattr(source, "MAX_BYTES", 10)
    reads: list[int] = []
    real = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: reads.append(n) or real(fd, n))
    with pytest.raises(source.SourceError, match="larger than"):
        source.read("/proc/self/status")
    assert reads and sum(reads) <= 11


def test_non_utf8_file_names(tmp_path: Path) -> None:
    """Names are bytes: git gets them and gives them back as bytes, and a message shows them quoted, as git does."""
    folder = os.fsencode(tmp_path)
    for name in (b"caf\xe9.md", b"ign\xe9.md", b"ok.md"):
        with open(os.path.join(folder, name), "wb") as fh:
            fh.write(b"Text.\n")
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / ".gitignore").write_bytes(b"ign*\n")
    found = [os.path.basename(p) for p, _ in source.discover([str(tmp_path)])]
    assert found == [os.fsdecode(b"caf\xe9.md"), "ok.md"]
    assert source.display(os.fsdecode(b"caf\xe9.md")) == '"caf\\351.md"'
    assert source.display("a\nb.md") == '"a\\nb.md"' and source.display("caf\u00e9 \u4e2d.md") == "caf\u00e9 \u4e2d.md"


def test_write_goes_through_a_symlink(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "a.md"
    target.write_text("Old.\n")
    link = tmp_path / "link.md"
    link.symlink_to(os.path.relpath(target, tmp_path))
    source.write(source.read(link), "New.\n")
    assert link.is_symlink() and target.read_text() == "New.\n"
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["a.md", "link.md", "real"]  # no leftover anywhere


def test_write_keeps_hard_links(tmp_path: Path) -> None:
    """A file with other hard links is rewritten in place, so every link sees the fix."""
    one, two = tmp_path / "one.md", tmp_path / "two.md"
    one.write_text("Old.\n")
    os.link(one, two)
    source.write(source.read(one), "New text.\n")
    assert two.read_text() == "New text.\n" and one.stat().st_ino == two.stat().st_ino
    source.write(source.read(two), "Short.\n")
    assert one.read_bytes() == b"Short.\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["one.md", "two.md"]


def test_failed_in_place_write_puts_the_old_text_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    one, two = tmp_path / "one.md", tmp_path / "two.md"
    one.write_text("Old.\n")
    os.link(one, two)
    real = source._overwrite

    def full_disk(path: str, data: bytes) -> None:
        if data != b"Old.\n":
            raise OSError(28, "No space left on device")
        real(path, data)

    monkeypatch.setattr(source, "_overwrite", full_disk)
    with pytest.raises(source.SourceError, match=r"one\.md: cannot write: No space left"):
        source.write(source.read(one), "New.\n")
    assert two.read_text() == "Old.\n" and sorted(p.name for p in tmp_path.iterdir()) == ["one.md", "two.md"]


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another user")
def test_write_keeps_owner_and_group(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("Old.\n")
    os.chown(path, 1234, 2345)
    source.write(source.read(path), "New.\n")
    assert (path.stat().st_uid, path.stat().st_gid) == (1234, 2345) and path.read_text() == "New.\n"


def test_unsupported_formats_need_markup_text() -> None:
    with pytest.raises(source.SourceError) as e:
        source.markup_for("notes/a.rst")
    assert str(e.value).startswith("notes/a.rst: not a supported format (.rst")
    assert str(e.value).endswith("use --markup text to check it as plain text")
    assert source.markup_for("a.rst", "text") == "text" and source.markup_for("a.txt", "markdown") == "markdown"
    assert [source.markup_for(n) for n in ("a.md", "B.MARKDOWN", "c.txt", "README", "-")] == [None] * 5
    assert source.Source("a.txt", "", chosen_markup="markdown").markup == "markdown"


def test_ctrl_c_during_a_write_lands_after_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An interrupt that arrives while a file is written is held until the write is whole: the file has its new
    text and no temporary file is left beside it (the served `fix` a client leaves relies on this)."""
    path = tmp_path / "story.txt"
    path.write_text("old\n", encoding="utf-8")
    replace = source._replace

    def interrupted(*args: object) -> None:
        os.kill(os.getpid(), signal.SIGINT)
        replace(*args)

    monkeypatch.setattr(source, "_replace", interrupted)
    # another thread alive, as a process pool's is: a signal mask of one thread would not hold the interrupt back
    done = threading.Event()
    other = threading.Thread(target=done.wait, daemon=True)
    other.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            source.write(source.Source(str(path), "old\n", bom=False), "new\n")
    finally:
        done.set()
    assert path.read_text(encoding="utf-8") == "new\n"
    assert not list(tmp_path.glob(".*.copyedit"))
