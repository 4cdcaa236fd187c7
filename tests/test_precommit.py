"""The pre-commit hooks, end to end with the real `pre-commit try-repo` against a temporary content repository.

Slow the first time (pre-commit builds a virtual environment with copyedit and its model); later runs reuse
it from PRE_COMMIT_HOME (.cache/pre-commit, or the variable if set).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PRE_COMMIT = Path(sys.executable).with_name("pre-commit")
DAMAGED = "Talks between. Washington and Beijing resumed on Monday.\n"
FIXED = "Talks between Washington and Beijing resumed on Monday.\n"

pytestmark = pytest.mark.skipif(
    not PRE_COMMIT.exists() or shutil.which("git") is None or not (ROOT / ".git").exists(),
    reason="needs pre-commit, git and a git checkout of copyedit",
)


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "config", "user.email", "editor@example.com")
    _git(tmp_path, "config", "user.name", "Editor")
    (tmp_path / "clean.md").write_text("# Trade\n\nTalks resumed on Monday.\n")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-qm", "start")
    return tmp_path


def _try(repo: Path, hook: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": os.environ.get("PRE_COMMIT_HOME", str(ROOT / ".cache" / "pre-commit"))}
    env["PATH"] = f"{PRE_COMMIT.parent}{os.pathsep}{env['PATH']}"
    cmd = [str(PRE_COMMIT), "try-repo", str(ROOT), hook, "--all-files", "--color", "never"]
    return subprocess.run(cmd, cwd=repo, env=env, capture_output=True, text=True, timeout=1800)


def test_clean_repository_passes(repo: Path) -> None:
    done = _try(repo, "copyedit")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Passed" in done.stdout


def test_damage_fails_then_fix_hook_repairs(repo: Path) -> None:
    (repo / "news.md").write_text(DAMAGED)
    _git(repo, "add", "news.md")
    done = _try(repo, "copyedit")
    assert done.returncode == 1, done.stdout + done.stderr
    assert "news.md:1:14: FRG001" in done.stdout
    done = _try(repo, "copyedit-fix")
    assert done.returncode == 1  # pre-commit fails a hook that changed files, so they can be reviewed
    assert "files were modified by this hook" in done.stdout
    assert (repo / "news.md").read_text() == FIXED
    assert _try(repo, "copyedit").returncode == 0
