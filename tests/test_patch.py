"""Unified diffs that git apply and patch -p1 accept, giving the same bytes as the fixed text."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from copyedit.cli import app
from copyedit.model import Edit
from copyedit.patch import (
    FilePatch,
    PatchError,
    apply_edits,
    apply_patch,
    digest,
    parse_patch,
    patch_header,
    unified_diff,
)

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


# Reading patches.


def test_parse_patch_refuses_creating_or_deleting_a_file() -> None:
    with pytest.raises(PatchError, match="creates a file"):
        parse_patch("--- /dev/null\n+++ b/new.txt\n@@ -0,0 +1 @@\n+a\n")
    with pytest.raises(PatchError, match="deletes a file"):
        parse_patch("--- a/old.txt\n+++ /dev/null\n@@ -1 +0,0 @@\n-a\n")


# Hand-edited patches: a deleted -/+ pair keeps its line, wherever it stood in the hunk.

OLD = "".join(f"line {i}.\n" for i in range(1, 8))


def _reviewed(old: str, new: str, *rejected: str, diff: str | None = None) -> FilePatch:
    """The patch `fix --patch-dir` would write (header with the sha256), with the -/+ pairs of the + lines named
    deleted, as a reviewer deletes them (the i-th - line of a run of changes goes with its i-th + line)."""
    diff = diff or unified_diff(old, new, "f.txt")
    lines, out, i = diff.splitlines(keepends=True), [], 2
    out = lines[:2]
    while i < len(lines):
        j = i
        while j < len(lines) and lines[j].startswith("-"):
            j += 1
        k = j
        while k < len(lines) and lines[k].startswith("+"):
            k += 1
        if k == i:
            out.append(lines[i])
            i += 1
            continue
        drop = {n for n, line in enumerate(lines[j:k]) if line[1:].rstrip("\n") in rejected}
        out += [line for n, line in enumerate(lines[i:j]) if n not in drop]
        out += [line for n, line in enumerate(lines[j:k]) if n not in drop]
        i = k
    (fp,) = parse_patch(patch_header("f.txt", digest(old.encode()), []) + "".join(out))
    return fp


def _changed(old: str, changes: dict[int, str]) -> str:
    return "".join(changes.get(n, line) for n, line in enumerate(old.splitlines(keepends=True), 1))


def _one_hunk(old: str, changes: dict[int, str]) -> str:
    """A diff of the whole file as one hunk whose runs of changes are -/+ pairs, for lines that difflib would
    pair otherwise (it may match a line that stays with another one like it)."""
    lines, body = old.splitlines(keepends=True), []
    for n, line in enumerate([*lines, None], 1):
        if n in changes:
            continue
        run = sorted(m for m in changes if m < n and all(k in changes for k in range(m, n)))
        body += [f"-{lines[m - 1]}" for m in run] + [f"+{changes[m]}" for m in run]
        if line is not None:
            body.append(f" {line}")
    return f"--- a/f.txt\n+++ b/f.txt\n@@ -1,{len(lines)} +1,{len(lines)} @@\n" + "".join(body)


@pytest.mark.parametrize(
    ("changes", "rejected"),
    [
        ({2: "A\n", 4: "B\n", 6: "C\n"}, {"B"}),  # the middle one of three changes in one hunk
        ({2: "A\n", 4: "B\n", 6: "C\n"}, {"A"}),
        ({2: "A\n", 4: "B\n", 6: "C\n"}, {"C"}),
        ({2: "A\n", 4: "B\n", 6: "C\n"}, {"A", "C"}),
        ({2: "A\n", 4: "B\n", 6: "C\n"}, {"A", "B", "C"}),
        ({3: "A\n", 4: "B\n", 5: "C\n"}, {"B"}),  # one run: -3 -4 -5 +A +B +C
        ({3: "A\n", 4: "B\n", 5: "C\n"}, {"A"}),
        ({3: "A\n", 4: "B\n", 5: "C\n"}, {"C"}),
        ({3: "A\n", 4: "B\n", 5: "C\n"}, {"A", "C"}),
        ({1: "A\n", 7: "B\n"}, {"A"}),  # first and last lines of the file
        ({1: "A\n", 7: "B\n"}, {"B"}),
    ],
)
def test_deleted_pairs_keep_their_lines(changes: dict[int, str], rejected: set[str]) -> None:
    fp = _reviewed(OLD, _changed(OLD, changes), *rejected)
    assert len(fp.hunks) == 1
    kept = {n: t for n, t in changes.items() if t.rstrip("\n") not in rejected}
    assert apply_patch(fp, OLD, OLD.encode()) == _changed(OLD, kept)


def test_deleted_pair_without_the_header_must_match_exactly() -> None:
    """Without the sha256 nothing says the file is the one the patch was made from: no lines are skipped."""
    fp = _reviewed(OLD, _changed(OLD, {2: "A\n", 4: "B\n", 6: "C\n"}), "B")
    fp = FilePatch(fp.path, None, fp.hunks)
    with pytest.raises(PatchError, match="does not match"):
        apply_patch(fp, OLD, OLD.encode())


def test_deleted_pair_among_identical_lines_is_refused_when_it_matters() -> None:
    old = "x\nsame\nsame\ny\n"
    fp = _reviewed(old, "x\nB1\nB2\ny\n", "B1")  # which "same" stays, before B2 or after it?
    with pytest.raises(PatchError, match="ambiguous"):
        apply_patch(fp, old, old.encode())
    old = "a\n\nb\n\nc\n"
    fp = _reviewed(old, "a\n\nB\n\nc\n", "B")  # the blank lines could be placed two ways, to the same text
    assert apply_patch(fp, old, old.encode()) == old


def test_search_for_a_placement_is_bounded() -> None:
    old = "\n" * 400
    new = "".join("\n" if n % 2 else f"{n}\n" for n in range(400))
    fp = _reviewed(old, new, *[str(n) for n in range(0, 400, 4)])
    with pytest.raises(PatchError, match=r"ambiguous|cannot tell"):
        apply_patch(fp, old, old.encode())


@settings(max_examples=150, deadline=None)
@given(
    old=st.lists(st.sampled_from(["x\n", "y\n", "\n", "z\n"]), min_size=1, max_size=14),
    picks=st.lists(st.tuples(st.booleans(), st.booleans()), min_size=14, max_size=14),
    distinct=st.booleans(),
)
def test_deleted_pairs_property(old: list[str], picks: list[tuple[bool, bool]], distinct: bool) -> None:
    """Any lines changed, any of the changes rejected by deleting their pairs: the patch gives exactly the text
    with the accepted changes, or is refused as ambiguous, which never happens when the lines are distinct."""
    if distinct:
        old = [f"{n} {line}" for n, line in enumerate(old)]
    text = "".join(old)
    changes = {n: f"new {n}\n" for n, (change, _) in enumerate(picks[: len(old)], 1) if change}
    if not changes:
        return
    rejected = {f"new {n}" for n, (_, reject) in enumerate(picks[: len(old)], 1) if reject and n in changes}
    fp = _reviewed(text, _changed(text, changes), *rejected, diff=_one_hunk(text, changes))
    kept = {n: t for n, t in changes.items() if t.rstrip("\n") not in rejected}
    try:
        assert apply_patch(fp, text, text.encode()) == _changed(text, kept)
    except PatchError as e:
        assert not distinct and ("ambiguous" in str(e) or "cannot tell" in str(e)), e


# `copyedit apply`: hand-edited patches, and files named by more than one section.

runner = CliRunner()


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "f.txt").write_text(OLD)
    return tmp_path


def test_apply_hand_deleted_pair_in_the_middle_of_a_hunk(work: Path) -> None:
    new = _changed(OLD, {2: "A\n", 4: "B\n", 6: "C\n"})
    patch = patch_header("f.txt", digest(OLD.encode()), []) + unified_diff(OLD, new, "f.txt")
    assert patch.count("@@ ") == 1
    Path("f.txt.patch").write_text(patch.replace("-line 4.\n+B\n", ""))
    r = runner.invoke(app, ["apply", "f.txt.patch"])
    assert r.exit_code == 0, r.stderr
    assert (work / "f.txt").read_text() == _changed(OLD, {2: "A\n", 6: "C\n"})


def test_apply_sections_for_one_file_in_order(work: Path) -> None:
    """Each section applies to what the one before left (as `git apply`); without headers, and with headers
    whose sha256 is that of the text the section was made from."""
    mid, new = _changed(OLD, {1: "A\n"}), _changed(OLD, {1: "A\n", 7: "B\n"})
    plain = unified_diff(OLD, mid, "f.txt") + unified_diff(OLD, _changed(OLD, {7: "B\n"}), "f.txt")
    headed = "".join(
        patch_header("f.txt", digest(a.encode()), []) + unified_diff(a, b, "f.txt") for a, b in [(OLD, mid), (mid, new)]
    )
    for patch in (plain, headed):
        (work / "f.txt").write_text(OLD)
        Path("two.patch").write_text(patch)
        r = runner.invoke(app, ["apply", "two.patch"])
        assert r.exit_code == 0, r.stderr
        assert "changing 1 file(s)" in r.stderr
        assert (work / "f.txt").read_text() == new


def test_apply_sections_for_one_file_all_or_none(work: Path) -> None:
    """Two sections that change the same line: the second no longer matches, so neither is applied."""
    patch = unified_diff(OLD, _changed(OLD, {1: "A\n"}), "f.txt") + unified_diff(
        OLD, _changed(OLD, {1: "B\n"}), "f.txt"
    )
    Path("two.patch").write_text(patch)
    r = runner.invoke(app, ["apply", "two.patch"])
    assert r.exit_code == 2
    assert [line for line in r.stderr.splitlines() if line.startswith("error")] == [
        "error: two.patch: refused: f.txt: the hunk at line 1 does not match the file; an earlier section of "
        "the patch changes this file, and this one must apply to its result"
    ]
    assert (work / "f.txt").read_text() == OLD


def test_apply_a_file_named_two_ways_is_written_once(work: Path) -> None:
    """A hard link is one file under two names: its sections apply in order, as for one name."""
    os.link(work / "f.txt", work / "g.txt")
    mid, new = _changed(OLD, {1: "A\n"}), _changed(OLD, {1: "A\n", 7: "B\n"})
    Path("two.patch").write_text(unified_diff(OLD, mid, "f.txt") + unified_diff(mid, new, "g.txt"))
    r = runner.invoke(app, ["apply", "two.patch"])
    assert r.exit_code == 0, r.stderr
    assert (work / "f.txt").read_text() == new
