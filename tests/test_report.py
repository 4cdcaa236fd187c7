"""Output formats: JSON with a stable layout, SARIF that validates against the official 2.1.0 schema and
carries the fixes, GitHub annotations; positions agree with the text everywhere."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from copyedit import report
from copyedit.cli import app
from copyedit.engine import check_text, select_rules
from copyedit.patch import apply_edits

SCHEMA = Path(__file__).parent / "data" / "schemas" / "sarif-2.1.0-rtm.5.json"
TEXT = "Café owners met.\n\nTalks between. Washington and Beijing resumed on Monday.\n\nHe could have gave more.\n"
runner = CliRunner()


@pytest.fixture(scope="module")
def rep() -> report.FileReport:
    return report.FileReport("news/a, b.txt", TEXT, tuple(check_text(TEXT)))


def test_positions_are_one_based_characters() -> None:
    assert report.position("ab\ncd", 0) == (1, 1)
    assert report.position("ab\ncd", 4) == (2, 2)
    assert report.position("é\nx", 2) == (2, 1)


def test_json_layout(rep: report.FileReport) -> None:
    data = json.loads(report.as_json([rep]))
    assert data["schema_version"] == report.JSON_SCHEMA_VERSION
    codes = [f["code"] for f in data["findings"]]
    assert codes == ["FRG001", "VRB001"]
    for f in data["findings"]:
        assert set(f) == {"path", "code", "name", "message", "severity", "safety", "fixable", "span", "text", "edits"}
        span = f["span"]
        assert TEXT[span["start"] : span["end"]] == f["text"]
        lines = TEXT.split("\n")
        assert lines[span["line"] - 1][span["column"] - 1 :].startswith(f["text"].split("\n")[0])
    edits = [report_edit for f in data["findings"] for report_edit in f["edits"]]
    from copyedit.model import Edit

    fixed = apply_edits(TEXT, [Edit(e["start"], e["end"], e["replacement"]) for e in edits])
    assert "between Washington" in fixed and "have given" in fixed


def test_sarif_validates_and_carries_fixes(rep: report.FileReport) -> None:
    log = json.loads(report.as_sarif([rep], select_rules()))
    jsonschema.validate(log, json.loads(SCHEMA.read_text(encoding="utf-8")))
    run = log["runs"][0]
    ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert ids == sorted(ids) and "FRG001" in ids
    results = run["results"]
    assert [r["ruleId"] for r in results] == ["FRG001", "VRB001"]
    for r in results:
        assert ids[r["ruleIndex"]] == r["ruleId"]
        region = r["locations"][0]["physicalLocation"]["region"]
        [change] = r["fixes"][0]["artifactChanges"]
        assert change["artifactLocation"]["uri"] == "news/a, b.txt"
        deleted = change["replacements"][0]["deletedRegion"]
        assert deleted["charOffset"] >= region["charOffset"] - 1


def test_github_annotations_escape(rep: report.FileReport) -> None:
    lines = [report.github_line(rep, f) for f in rep.findings]
    assert lines[0].startswith("::error file=news/a%2C b.txt,line=3,col=14,endLine=3,endColumn=17,title=FRG001 ")
    assert all("\n" not in x for x in lines)


def test_cli_formats_and_exit_zero(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT)
    r = runner.invoke(app, ["check", "--format", "json", str(path)])
    assert r.exit_code == 1 and len(json.loads(r.stdout)["findings"]) == 2
    r = runner.invoke(app, ["check", "--format", "sarif", "--exit-zero", str(path)])
    assert r.exit_code == 0 and json.loads(r.stdout)["version"] == "2.1.0"
    r = runner.invoke(app, ["check", "--format", "github", str(path)])
    assert r.stdout.startswith("::error file=")
    r = runner.invoke(app, ["check", "--format", "xml", str(path)])
    assert r.exit_code == 2 and "--format must be one of" in r.stderr
    r = runner.invoke(app, ["check", "--format", "json", str(tmp_path / "clean.md")])
    assert r.exit_code == 2  # missing file: an error, and still a valid (empty) report
    assert json.loads(r.stdout)["findings"] == []
