"""The seed articles: `fix` gives exactly the careful copy edit, a second run changes nothing,
and the diff that `fix --diff` prints applies with git to the same bytes."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from copyedit.cli import app
from copyedit.engine import fix_text

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
NAMES = sorted(p.name for p in SEEDS.glob("*.txt"))
runner = CliRunner()


def test_there_are_seeds() -> None:
    assert len(NAMES) >= 2
    assert all((SEEDS / "expected" / n).is_file() for n in NAMES)


@pytest.mark.parametrize("suffix", [".txt", ".md"])
@pytest.mark.parametrize("name", NAMES)
def test_fix_gives_the_expected_copy_edit(tmp_path: Path, name: str, suffix: str) -> None:
    """As plain text and as Markdown (an article with no markup reads the same either way)."""
    target = tmp_path / (Path(name).stem + suffix)
    shutil.copy(SEEDS / name, target)
    assert runner.invoke(app, ["fix", str(target)]).exit_code == 0
    assert target.read_bytes() == (SEEDS / "expected" / name).read_bytes()
    second = runner.invoke(app, ["fix", "--diff", str(target)])
    assert (second.exit_code, second.stdout) == (0, "")


@pytest.mark.parametrize("name", NAMES)
def test_expected_text_is_a_fixed_point(name: str) -> None:
    text = (SEEDS / "expected" / name).read_text(encoding="utf-8")
    assert fix_text(text).text == text


def test_diff_applies_with_git_to_the_same_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for n in NAMES:
        shutil.copy(SEEDS / n, tmp_path / n)
    monkeypatch.chdir(tmp_path)
    r = runner.invoke(app, ["fix", "--diff", *NAMES])
    assert r.exit_code == 1
    assert r.stdout.count("\n--- a/") + r.stdout.startswith("--- a/") == len(NAMES)
    subprocess.run(["git", "apply", "-"], input=r.stdout.encode(), cwd=tmp_path, check=True)
    for n in NAMES:
        assert (tmp_path / n).read_bytes() == (SEEDS / "expected" / n).read_bytes()
