"""Reviewing fixes: patch files with a header (`fix --patch-dir`), applying reviewed patches (`apply`), and the
interactive `review` command driven through a real pseudo-terminal."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from copyedit.cli import app

try:
    import pexpect
except ImportError:  # the `test` extra installs it
    pexpect = None
from copyedit.patch import PatchError, apply_hunks, parse_patch

DAMAGED = "Talks between. Washington and Beijing resumed on Monday.\n\nHe could have gave more.\n"
FIXED = "Talks between Washington and Beijing resumed on Monday.\n\nHe could have given more.\n"
FIRST_ONLY = "Talks between Washington and Beijing resumed on Monday.\n\nHe could have gave more.\n"
#: The same two findings far enough apart to make two hunks.
LONG = (
    "Talks between. Washington and Beijing resumed on Monday.\n\nThe talks lasted three hours.\n\n"
    "Both sides said little afterwards.\n\nMarkets were calm.\n\nHe could have gave more.\n"
)
CLEAN = "Nobody expected that. Which side will blink first?\n"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


@pytest.fixture
def news(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working folder with news/a.txt (two findings) and news/clean.md; patch paths are relative to it."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(DAMAGED)
    (tmp_path / "news" / "clean.md").write_text(CLEAN)
    return tmp_path


def fixed_bytes(path: Path) -> bytes:
    """What `copyedit fix` makes of the file, from a copy."""
    copy = path.parent / f"copy-of-{path.name}"
    shutil.copy2(path, copy)
    assert run("fix", str(copy)).exit_code == 0
    data = copy.read_bytes()
    copy.unlink()
    return data


def test_patch_dir_writes_one_patch_per_changed_file_and_leaves_articles(news: Path) -> None:
    before = (news / "news" / "a.txt").read_bytes()
    r = run("fix", "--patch-dir", "review", "news")
    assert r.exit_code == 1
    assert (news / "news" / "a.txt").read_bytes() == before
    assert sorted(p.relative_to(news).as_posix() for p in (news / "review").rglob("*")) == [
        "review/news",
        "review/news/a.txt.patch",
    ]
    patch = (news / "review" / "news" / "a.txt.patch").read_text()
    header, diff = patch.split("--- ", 1)
    assert header.splitlines() == [
        "# copyedit fix for news/a.txt",
        f"# sha256 {hashlib.sha256(before).hexdigest()} of the original file",
        "# FRG001 1:14 Full stop after “between” cuts a sentence in two; remove it.",
        "# VRB001 3:15 “gave” after “have” needs the past participle “given”.",
    ]
    assert "--- " + diff == run("fix", "--diff", "news/a.txt").stdout  # the same diff `fix --diff` prints
    assert run("fix", "--patch-dir", "again", "news/clean.md").exit_code == 0
    assert not (news / "again").exists()


@pytest.mark.parametrize("tool", ["git", "patch"])
def test_patch_file_applies_with_git_and_patch_like_fix(news: Path, tool: str) -> None:
    expected = fixed_bytes(news / "news" / "a.txt")
    run("fix", "--patch-dir", "review", "news")
    if shutil.which(tool) is None:
        pytest.skip(f"{tool} is not installed")
    cmd = (
        [tool, "apply", "review/news/a.txt.patch"]
        if tool == "git"
        else [tool, "-p1", "-s", "-i", "review/news/a.txt.patch"]
    )
    subprocess.run(cmd, cwd=news, check=True)
    assert (news / "news" / "a.txt").read_bytes() == expected


def test_apply_pristine_patch_gives_what_fix_gives(news: Path) -> None:
    expected = fixed_bytes(news / "news" / "a.txt")
    run("fix", "--patch-dir", "review", "news")
    r = run("apply", "review")
    assert r.exit_code == 0, r.stderr
    assert (news / "news" / "a.txt").read_bytes() == expected
    assert (news / "news" / "clean.md").read_text() == CLEAN


def test_apply_hand_edited_patch_hunk_deleted_and_added_line_edited(news: Path) -> None:
    (news / "news" / "a.txt").write_text(LONG)
    run("fix", "--patch-dir", "review", "news")
    path = news / "review" / "news" / "a.txt.patch"
    text = path.read_text()
    assert text.count("\n@@ ") == 2
    text = text[: text.rindex("@@ -")]  # the reviewer drops the VRB001 hunk
    text = text.replace("+Talks between Washington", "+Talks between officials from Washington")
    path.write_text(text)
    assert run("apply", str(path)).exit_code == 0
    assert (news / "news" / "a.txt").read_text() == LONG.replace(
        "Talks between. Washington", "Talks between officials from Washington"
    )


def test_apply_recounts_a_hunk_whose_pair_was_deleted(news: Path) -> None:
    run("fix", "--patch-dir", "review", "news")
    path = news / "review" / "news" / "a.txt.patch"
    text = path.read_text().replace("-He could have gave more.\n+He could have given more.\n", "")
    assert "@@ -1,3 +1,3 @@" in text  # the header's counts are now wrong
    path.write_text(text)
    assert run("apply", str(path)).exit_code == 0
    assert (news / "news" / "a.txt").read_text() == FIRST_ONLY


def test_apply_refuses_a_stale_patch_and_applies_the_others(news: Path) -> None:
    (news / "news" / "b.txt").write_text(DAMAGED)
    run("fix", "--patch-dir", "review", "news")
    changed = DAMAGED + "\nA late paragraph.\n"
    (news / "news" / "a.txt").write_text(changed)
    r = run("apply", "review")
    assert r.exit_code == 2
    refusal = [x for x in r.stderr.splitlines() if "refused" in x]
    assert refusal == [
        "error: review/news/a.txt.patch: refused: news/a.txt: the file has changed since the patch was made "
        "(its sha256 differs); make the patch again"
    ]
    assert (news / "news" / "a.txt").read_text() == changed
    assert (news / "news" / "b.txt").read_text() == FIXED


def test_apply_without_header_checks_the_lines_exactly(news: Path) -> None:
    Path("plain.patch").write_text(run("fix", "--diff", "news/a.txt").stdout)
    (news / "news" / "a.txt").write_text(DAMAGED.replace("He could", "She could"))
    r = run("apply", "plain.patch")
    assert r.exit_code == 2
    assert "plain.patch: refused: news/a.txt: the hunk at line 1 does not match the file" in r.stderr
    (news / "news" / "a.txt").write_text(DAMAGED)
    assert run("apply", "plain.patch").exit_code == 0
    assert (news / "news" / "a.txt").read_text() == FIXED


def test_apply_keeps_bom_crlf_missing_final_newline_and_mode(news: Path) -> None:
    target = news / "news" / "a.txt"
    target.write_bytes(b"\xef\xbb\xbf" + DAMAGED.replace("\n", "\r\n").removesuffix("\r\n").encode())
    target.chmod(0o640)
    expected = fixed_bytes(target)
    run("fix", "--patch-dir", "review", "news")
    assert "\\ No newline at end of file" in (news / "review" / "news" / "a.txt.patch").read_text()
    assert run("apply", "review").exit_code == 0
    assert target.read_bytes() == expected
    assert expected.startswith(b"\xef\xbb\xbfTalks between Washington") and expected.endswith(b"given more.")
    assert target.stat().st_mode & 0o777 == 0o640


def test_parse_patch_reads_no_newline_marker_and_blank_context() -> None:
    eof = "\\ No newline at end of file\n"
    patch = f"--- a/f\n+++ b/f\n@@ -1,2 +1,2 @@\n\n-old\n{eof}+new\n{eof}\n"
    (fp,) = parse_patch(patch)
    assert (fp.path, fp.sha256) == ("f", None)
    assert apply_hunks("\nold", fp.hunks) == "\nnew"  # the bare blank line is context; the trailing one is not
    with pytest.raises(PatchError, match="outside the working folder"):
        parse_patch("--- a/../f\n+++ b/../f\n@@ -1 +1 @@\n-a\n+b\n")


# The interactive review, through a real pseudo-terminal.

COPYEDIT = Path(sys.executable).with_name("copyedit")


def spawn(*paths: str, cwd: Path):
    """`copyedit review` on a pseudo-terminal that rich sees as a colour terminal."""
    if pexpect is None or not COPYEDIT.exists():
        pytest.skip(f"pexpect or {COPYEDIT} is not installed")
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")} | {"TERM": "xterm"}
    args = ["review", *paths]
    return pexpect.spawn(
        str(COPYEDIT), args, cwd=str(cwd), env=env, encoding="utf-8", timeout=120, dimensions=(40, 200)
    )


def review(*paths: str, keys: list[str], cwd: Path) -> tuple[int, str]:
    """Press one key at each prompt; the exit status and the screen after the last key."""
    child = spawn(*paths, cwd=cwd)
    for key in keys:
        child.expect("Apply this fix\\?")
        child.send(key)
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus, ANSI.sub("", child.before or "")


def test_review_accept_then_reject(news: Path) -> None:
    status, screen = review("news/a.txt", keys=["y", "n"], cwd=news)
    assert status == 0
    assert (news / "news" / "a.txt").read_text() == FIRST_ONLY
    assert "reject" in screen and "Applied 1 fix(es) in 1 file(s)." in screen


def test_review_shows_the_change_in_context(news: Path) -> None:
    child = spawn("news/a.txt", cwd=news)
    child.expect("Apply this fix\\?")
    shown = child.before
    child.send("q")
    child.expect(pexpect.EOF)
    plain = ANSI.sub("", shown)
    assert "news/a.txt:1:14 FRG001 (1/2) Full stop after “between”" in plain
    assert "Talks between. W Washington and Beijing resumed on Monday." in plain
    assert "\x1b[1;37;41m. W\x1b[0m" in shown and "\x1b[1;30;42m W\x1b[0m" in shown  # removed red, inserted green
    assert (news / "news" / "a.txt").read_text() == DAMAGED  # quit before accepting anything


def test_review_skip_moves_to_the_next_file_and_quit_keeps_what_was_accepted(news: Path) -> None:
    (news / "news" / "b.txt").write_text(DAMAGED)
    (news / "news" / "c.txt").write_text(DAMAGED)
    status, _ = review("news/a.txt", "news/b.txt", "news/c.txt", keys=["s", "y", "q"], cwd=news)
    assert status == 0
    assert (news / "news" / "a.txt").read_text() == DAMAGED  # skipped
    assert (news / "news" / "b.txt").read_text() == FIRST_ONLY  # accepted, then quit
    assert (news / "news" / "c.txt").read_text() == DAMAGED  # never reached


def test_review_needs_a_terminal(news: Path) -> None:
    r = run("review", "news/a.txt")  # CliRunner's standard input is not a terminal
    assert r.exit_code == 2
    assert "needs a terminal" in r.stderr
    assert (news / "news" / "a.txt").read_text() == DAMAGED
