"""Baselines: an archive's existing findings are written once; afterwards only new damage is reported, even
when the old damage moves to other lines."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from copyedit.cli import app

OLD = "Talks between. Washington and Beijing resumed on Monday.\n"
NEW = "He could have gave more.\n"
runner = CliRunner()


def test_only_new_findings_after_a_baseline(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news").mkdir()
    article = tmp_path / "news" / "a.txt"
    article.write_text(OLD)
    r = runner.invoke(app, ["check", "--write-baseline", "baseline.json", "news"])
    assert r.exit_code == 0 and "Wrote 1 finding(s)" in r.stderr
    data = json.loads((tmp_path / "baseline.json").read_text())
    assert data["version"] == 1 and [(f["path"], f["code"]) for f in data["findings"]] == [("news/a.txt", "FRG001")]
    assert runner.invoke(app, ["check", "--baseline", "baseline.json", "news"]).exit_code == 0
    # the old damage moves down two paragraphs and new damage arrives: only the new one is reported
    article.write_text("A new first paragraph.\n\n" + NEW + "\n" + OLD)
    r = runner.invoke(app, ["check", "--baseline", "baseline.json", "news"])
    assert r.exit_code == 1
    assert [line.split(": ")[1].split()[0] for line in r.stdout.splitlines()] == ["VRB001"]
    # a second copy of the old damage is new
    article.write_text(OLD + "\n" + OLD)
    r = runner.invoke(app, ["check", "--baseline", "baseline.json", "news"])
    assert len(r.stdout.splitlines()) == 1


def test_bad_baseline_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "b.json").write_text("{}")
    (tmp_path / "a.txt").write_text(OLD)
    r = runner.invoke(app, ["check", "--baseline", str(tmp_path / "b.json"), str(tmp_path / "a.txt")])
    assert r.exit_code == 2 and "not a copyedit baseline" in r.stderr
    r = runner.invoke(app, ["check", "--baseline", str(tmp_path / "none.json"), str(tmp_path / "a.txt")])
    assert r.exit_code == 2 and "cannot read the baseline" in r.stderr
