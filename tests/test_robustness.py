"""Nothing is lost under bad input: every bad file gets one clear line naming it, every other file is still
processed, and what copyedit writes is either the old file or the new one. Plus properties of `fix`."""

from __future__ import annotations

import codecs
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from copyedit import engine
from copyedit.cli import app
from copyedit.engine import fix_text

DAMAGED = "Talks between. Washington and Beijing resumed on Monday.\n\nHe could have gave more.\n"
FIXED = "Talks between Washington and Beijing resumed on Monday.\n\nHe could have given more.\n"
runner = CliRunner()


def _bad_inputs(root: Path) -> dict[str, str | None]:
    """Files of every awkward kind; the value is the error a file must get, None for a file that is fine."""
    cases: dict[str, tuple[bytes, str | None]] = {
        "empty.txt": (b"", None),
        "blank.md": (b"  \n\n\t\n", None),
        "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks binary"),
        "latin1.txt": ("Caf\u00e9 owners met.".encode("latin-1"), "not valid UTF-8"),
        "utf16.md": ("Talks resumed.".encode("utf-16"), "looks binary"),
        "big.txt": (b"Talks resumed on Monday.\n\n" * (21 * 2**20 // 26), "larger than"),
        "name with spaces \u00e9\u4e2d.txt": (b"Talks resumed on Monday.\n", None),
    }
    expected = {}
    for name, (data, error) in cases.items():
        (root / name).write_bytes(data)
        expected[name] = error
    deep = root.joinpath(*[f"d{i}" for i in range(40)])
    deep.mkdir(parents=True)
    (deep / "deep.txt").write_text("Talks resumed on Monday.\n")
    expected["deep.txt"] = None
    (root / "loop").mkdir()
    os.symlink(root / "loop", root / "loop" / "again")  # a folder that contains itself
    os.symlink(root / "self.txt", root / "self.txt")  # a file link that points at itself
    expected["self.txt"] = "cannot read"
    return expected


def test_bad_input_matrix(tmp_path: Path) -> None:
    expected = _bad_inputs(tmp_path)
    (tmp_path / "damaged.txt").write_text(DAMAGED)
    r = runner.invoke(app, ["check", str(tmp_path)])
    assert r.exit_code == 2
    errors = [line for line in r.stderr.splitlines() if line.startswith("error:")]
    for name, why in expected.items():
        mine = [e for e in errors if f"{name}:" in e]
        assert len(mine) == (why is not None), (name, mine)
        assert why is None or why in mine[0]
    assert len(errors) == sum(why is not None for why in expected.values())
    assert len(r.stdout.splitlines()) == 2  # the damaged file's two findings: the bad ones stopped nothing
    r = runner.invoke(app, ["fix", str(tmp_path)])
    assert r.exit_code == 2
    assert (tmp_path / "damaged.txt").read_text() == FIXED
    assert (tmp_path / "latin1.txt").read_bytes() == "Caf\u00e9 owners met.".encode("latin-1")


@pytest.mark.parametrize(
    "data",
    [
        codecs.BOM_UTF8 + DAMAGED.encode(),
        DAMAGED.replace("\n", "\r\n").encode(),
        DAMAGED.replace("\n\n", "\r\n\n", 1).encode(),  # mixed
        DAMAGED.rstrip("\n").encode(),  # no final newline
    ],
)
def test_encoding_and_newlines_survive_fix(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    assert runner.invoke(app, ["fix", str(path)]).exit_code == 0
    out = path.read_bytes()
    assert out.startswith(codecs.BOM_UTF8) == data.startswith(codecs.BOM_UTF8)
    assert out.count(b"\r\n") == data.count(b"\r\n") and out.endswith(b"\n") == data.endswith(b"\n")
    assert b"between Washington" in out and b"have given" in out


def test_read_only_file_is_fixed_and_stays_read_only(tmp_path: Path) -> None:
    ro, rw = tmp_path / "ro.txt", tmp_path / "rw.txt"
    ro.write_text(DAMAGED)
    rw.write_text(DAMAGED)
    ro.chmod(0o444)
    assert runner.invoke(app, ["fix", str(tmp_path)]).exit_code == 0
    assert ro.read_text() == FIXED and rw.read_text() == FIXED
    assert ro.stat().st_mode & 0o777 == 0o444


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text(DAMAGED)
    (tmp_path / "secret.txt").chmod(0)
    (tmp_path / "ok.txt").write_text(DAMAGED)
    r = runner.invoke(app, ["fix", str(tmp_path)])
    assert r.exit_code == 2 and "secret.txt: cannot read" in r.stderr
    assert (tmp_path / "ok.txt").read_text() == FIXED


def test_file_changed_during_the_run_is_not_overwritten(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.txt"
    path.write_text(DAMAGED)
    real = engine.fix_text

    def slow_fix(*args, **kwargs):
        result = real(*args, **kwargs)
        path.write_text(DAMAGED + "\nA line someone added meanwhile.\n")
        return result

    monkeypatch.setattr(engine, "fix_text", slow_fix)
    r = runner.invoke(app, ["fix", "--jobs", "1", str(path)] if "--jobs" in _fix_help() else ["fix", str(path)])
    assert r.exit_code == 2 and "changed while copyedit worked on it" in r.stderr
    assert path.read_text().endswith("A line someone added meanwhile.\n")


def _fix_help() -> str:
    return runner.invoke(app, ["fix", "--help"]).stdout


def test_very_long_line_is_fixed(tmp_path: Path) -> None:
    """One paragraph far longer than the parser takes at once (spaCy needs ~1 GB per 100,000 characters)."""
    sentence = "Talks between. Washington and Beijing resumed on Monday. Officials were pleased. "
    text = sentence * 600  # ~50,000 characters on one line
    result = fix_text(text)
    assert result.text.count("between Washington") == 600 and "between." not in result.text


# Properties: pieces of news text, some damaged, joined as paragraphs.
PIECES = [
    (
        "Talks between. Washington and Beijing resumed on Monday.",
        "Talks between Washington and Beijing resumed on Monday.",
    ),
    ("He could have gave more.", "He could have given more."),
    ("Prices will continues to rise, analysts warned.", "Prices will continue to rise, analysts warned."),
    ("Nobody expected that. Which side will blink first?", None),
    ("Including tariffs, the bill costs $2bn.", None),
    ("U.S. officials said No. 10 had not been told.", None),
    ("While talks continue, prices rise.", None),
]


@settings(max_examples=30, deadline=None)
@given(
    picks=st.lists(st.integers(0, len(PIECES) - 1), min_size=1, max_size=6),
    crlf=st.booleans(),
    final_newline=st.booleans(),
)
def test_fix_is_local_idempotent_and_keeps_newlines(picks: list[int], crlf: bool, final_newline: bool) -> None:
    nl = "\r\n" if crlf else "\n"
    paragraphs = [PIECES[i] for i in picks]
    text = (nl + nl).join(bad for bad, _ in paragraphs) + (nl if final_newline else "")
    expected = (nl + nl).join(good or bad for bad, good in paragraphs) + (nl if final_newline else "")
    fixed = fix_text(text).text
    assert fixed == expected  # each fix changed its own paragraph only, and exactly
    assert fix_text(fixed).text == fixed


_WRITER = """
import sys
from copyedit import source
path, n = sys.argv[1], int(sys.argv[2])
src = source.read(path)
old = src.text
for i in range(n):
    new = ("B" if old.startswith("A") else "A") * len(old)
    source.write(src, new)
    src = source.read(path)
    old = src.text
"""


def test_killed_writer_leaves_old_or_new_file(tmp_path: Path) -> None:
    """SIGKILL at random moments while copyedit rewrites a 2 MB file: the file is always whole."""
    path = tmp_path / "a.txt"
    size = 2 * 2**20
    path.write_text("A" * size)
    for delay in (0.05, 0.11, 0.17, 0.23, 0.31):
        proc = subprocess.Popen([sys.executable, "-c", _WRITER, str(path), "1000"])
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        data = path.read_bytes()
        assert len(data) == size and data in (b"A" * size, b"B" * size)
    leftovers = [p.name for p in tmp_path.iterdir() if p.name != "a.txt"]
    assert all(name.endswith(".copyedit") for name in leftovers)  # at most a temporary file, never a torn one


def test_pipes_and_devices_named_like_articles_stop_nothing(tmp_path: Path) -> None:
    """A FIFO named `*.md` hung the run; a link to /dev/zero read until the memory ran out."""
    os.mkfifo(tmp_path / "pipe.md")
    os.symlink("/dev/zero", tmp_path / "zero.md")
    (tmp_path / "ok.txt").write_text(DAMAGED)

    def _blocked(*_: object) -> None:
        raise TimeoutError("the run blocked")

    old = signal.signal(signal.SIGALRM, _blocked)
    signal.alarm(120)
    try:
        r = runner.invoke(app, ["fix", str(tmp_path)])
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)
    assert r.exit_code == 2, r.exception
    errors = sorted(r.stderr.splitlines()[:2])
    assert errors == [f"error: {tmp_path / n}: not a regular file; skipped" for n in ("pipe.md", "zero.md")]
    assert (tmp_path / "ok.txt").read_text() == FIXED
