"""Unified diffs that git apply and patch -p1 accept, giving the same bytes as the fixed text."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from copyedit.model import Edit
from copyedit.patch import apply_edits, unified_diff

CASES = [
    ("a\nb\nc\n", "a\nB\nc\n"),
    ("no final newline", "no final newline!"),
    ("x\ny", "x\ny\n"),
    ("x\ny\n", "x\ny"),
    ("crlf\r\nline two\r\n", "crlf\r\nline 2\r\n"),
    ("one\n\ntwo\n", "one two\n"),
    ("".join(f"line {i}\n" for i in range(40)), "".join(f"line {i}\n" for i in range(40) if i != 20)),
]


def test_apply_edits_splices_and_rejects_overlap() -> None:
    assert apply_edits("abcdef", [Edit(4, 5, "E"), Edit(0, 1, ""), Edit(3, 3, "+")]) == "bc+dEf"
    with pytest.raises(ValueError, match="overlapping"):
        apply_edits("abcdef", [Edit(0, 3, "x"), Edit(2, 4, "y")])


def test_no_change_no_diff() -> None:
    assert unified_diff("same\n", "same\n", "f.txt") == ""


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed")
    return path


@pytest.mark.parametrize(("old", "new"), CASES)
@pytest.mark.parametrize("tool", ["git", "patch"])
def test_diff_applies(tmp_path: Path, old: str, new: str, tool: str) -> None:
    target = tmp_path / "dir" / "f.txt"
    target.parent.mkdir()
    target.write_bytes(old.encode())
    diff = unified_diff(old, new, "dir/f.txt")
    assert diff.startswith("--- a/dir/f.txt\n+++ b/dir/f.txt\n")
    cmd = [_tool("git"), "apply", "-"] if tool == "git" else [_tool("patch"), "-p1", "--quiet"]
    subprocess.run(cmd, input=diff.encode(), cwd=tmp_path, check=True)
    assert target.read_bytes() == new.encode()


lines = st.lists(st.text(alphabet="ab \r\x0c\u2028", max_size=6), max_size=6).map(lambda xs: "\n".join(xs))


@settings(max_examples=60, deadline=None)
@given(old=lines, new=lines)
def test_git_apply_round_trip_property(tmp_path_factory: pytest.TempPathFactory, old: str, new: str) -> None:
    """Whatever the two texts, git apply of the diff turns the old bytes into the new ones."""
    tmp = tmp_path_factory.mktemp("p")
    (tmp / "f.txt").write_bytes(old.encode())
    diff = unified_diff(old, new, "f.txt")
    if diff:
        subprocess.run([_tool("git"), "apply", "--whitespace=nowarn", "-"], input=diff.encode(), cwd=tmp, check=True)
    assert (tmp / "f.txt").read_bytes() == new.encode()
