"""Output formats for findings: text lines, JSON, SARIF 2.1.0 and GitHub workflow annotations.

Positions are 1-based lines and columns counted in characters (as ruff and SARIF count them), plus the
0-based character offsets every other stage of copyedit uses.
"""

from __future__ import annotations

import json
import re
from array import array
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from importlib.metadata import PackageNotFoundError, version

from copyedit.detector import CODES
from copyedit.model import Finding, Safety, Severity
from copyedit.rule import Rule, suggested_only
from copyedit.source import display, utf8_name

FORMATS = ("text", "json", "sarif", "github")
#: The version of the JSON report's layout; bumped when a field changes meaning or goes away.
JSON_SCHEMA_VERSION = 1
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "note"}
_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "notice"}


class LineIndex:
    """Where each line of a text starts, found in one pass, so that each offset's line and column is a binary
    search: counting the newlines before every finding made reports on a long text quadratic (a 10 MB line
    took 25 minutes). Lines end at "\\n" only, as `position` counts them."""

    __slots__ = ("_starts",)

    def __init__(self, text: str) -> None:
        self._starts = array("q", [0])
        self._starts.extend(m.end() for m in _NEWLINE.finditer(text))

    def position(self, offset: int) -> tuple[int, int]:
        """1-based line and column of a character offset (what `position` answers)."""
        i = bisect_right(self._starts, offset) - 1
        return i + 1, offset - self._starts[i] + 1


_NEWLINE = re.compile("\n")


@dataclass(frozen=True)
class FileReport:
    """One file's findings, with its text to turn offsets into lines and columns."""

    path: str
    text: str
    findings: tuple[Finding, ...]

    @cached_property
    def lines(self) -> LineIndex:
        """The text's line starts, found once for all of its findings."""
        return LineIndex(self.text)


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset: one lookup; for many in one text, a `LineIndex`."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def text_line(report: FileReport, f: Finding) -> str:
    """`path:line:col: CODE message`, the format editors and grep understand."""
    line, col = report.lines.position(f.start)
    return f"{display(report.path)}:{line}:{col}: {f.code} {f.message}"


def github_line(report: FileReport, f: Finding) -> str:
    """A GitHub Actions workflow command that annotates the line in a pull request."""
    line, col = report.lines.position(f.start)
    end_line, end_col = report.lines.position(f.end)
    name = _escape_property(utf8_name(report.path))
    props = f"file={name},line={line},col={col},endLine={end_line},endColumn={end_col}"
    title = _escape_property(f"{f.code} {f.name}")
    return f"::{_GITHUB_LEVEL[f.severity]} {props},title={title}::{_escape_data(f.message)}"


def _escape_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def _span(lines: LineIndex, start: int, end: int) -> dict[str, int]:
    line, col = lines.position(start)
    end_line, end_col = lines.position(end)
    return {"line": line, "column": col, "end_line": end_line, "end_column": end_col, "start": start, "end": end}


def as_json(reports: Iterable[FileReport]) -> str:
    """The JSON report: see the README's "Output for CI and editors" for the layout (`schema_version`)."""
    findings = findings_json(reports)
    return json.dumps({"schema_version": JSON_SCHEMA_VERSION, "findings": findings}, ensure_ascii=False, indent=2)


def findings_json(reports: Iterable[FileReport]) -> list[dict]:
    """The JSON report's findings, as plain data."""
    findings = []
    for r in reports:
        for f in r.findings:
            findings.append(
                {
                    "path": r.path,
                    "code": f.code,
                    "name": f.name,
                    "message": f.message,
                    "severity": f.severity.value,
                    "safety": f.safety.value,
                    "fixable": f.fixable,
                    "span": _span(r.lines, f.start, f.end),
                    "text": r.text[f.start : f.end],
                    "edits": [{**_span(r.lines, e.start, e.end), "replacement": e.replacement} for e in f.edits],
                }
            )
    return findings


def _region(lines: LineIndex, start: int, end: int) -> dict[str, int]:
    line, col = lines.position(start)
    end_line, end_col = lines.position(end)
    return {
        "startLine": line,
        "startColumn": col,
        "endLine": end_line,
        "endColumn": end_col,
        "charOffset": start,
        "charLength": end - start,
    }


def as_sarif(reports: Iterable[FileReport], rules: Iterable[Rule]) -> str:
    """A SARIF 2.1.0 log with one run, the rules as reporting descriptors, and fixes for fixable findings."""
    rules = sorted(rules, key=lambda r: r.code)
    index = {r.code: i for i, r in enumerate(rules)}
    results = []
    for rep in reports:
        location = {"uri": rep.path.replace("\\", "/")}
        for f in rep.findings:
            result = {
                "ruleId": f.code,
                "ruleIndex": index.get(f.code, -1),
                "level": _SARIF_LEVEL[f.severity],
                "message": {"text": f.message},
                "locations": [
                    {"physicalLocation": {"artifactLocation": location, "region": _region(rep.lines, f.start, f.end)}}
                ],
                "properties": {"safety": f.safety.value},
            }
            if f.fixable:
                replacements = [
                    {"deletedRegion": _region(rep.lines, e.start, e.end), "insertedContent": {"text": e.replacement}}
                    for e in f.edits
                ]
                result["fixes"] = [
                    {
                        "description": {"text": f"{f.code}: {f.message} ({f.safety.value} fix)"},
                        "artifactChanges": [{"artifactLocation": location, "replacements": replacements}],
                    }
                ]
            results.append(result)
    driver = {
        "name": "copyedit",
        "informationUri": "https://pypi.org/project/copyedit/",
        "version": _version(),
        "rules": [_descriptor(r) for r in rules],
    }
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [{"tool": {"driver": driver}, "results": results}]}
    return json.dumps(log, ensure_ascii=False, indent=2)


def _descriptor(r: Rule) -> dict:
    return {
        "id": r.code,
        "name": r.name,
        "shortDescription": {"text": r.summary},
        "fullDescription": {"text": r.doc or r.summary},
        "help": {"text": r.doc or r.summary, "markdown": r.doc or r.summary},
        "defaultConfiguration": {"level": _SARIF_LEVEL[r.severity]},
        "properties": {"fixSafety": r.safety.value, "fixable": r.safety is not Safety.DISPLAY},
    }


def _version() -> str:
    try:
        return version("copyedit")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0+unknown"


def rules_markdown(rules: Iterable[Rule]) -> str:
    """docs/rules.md: every rule's metadata, documentation and examples, generated so it cannot drift."""
    rules = sorted(rules, key=lambda r: r.code)
    out = [
        "# Rules",
        "",
        "Generated from the rule definitions by `copyedit rules --format markdown`; do not edit by hand.",
        "",
        "| code | name | fix | severity | what it finds |",
        "|---|---|---|---|---|",
    ]
    out += [
        f"| [{r.code}](#{r.code.lower()}) | {r.name} | {r.safety.value} | {r.severity.value} | {_cell(r.summary)} |"
        for r in rules
    ]
    for r in rules:
        out += ["", f"## {r.code}", "", f"**{r.name}** (fix: {r.safety.value}; severity: {r.severity.value})", ""]
        out.append(_demote_headings(r.doc or r.message))
        suggested = r.code in suggested_only()
        if suggested:
            out += ["", _SUGGESTED]
        if r.code in CODES.values():
            out += ["", _LEARNED]
        examples = [ex for ex in r.examples]
        if examples:
            out += ["", "### Examples", ""]
        for ex in examples:
            if ex.bad is None:
                out.append(f"- ok: `{_code(ex.text)}`")
            else:
                mark = (" (suggested only)" if suggested else " (unsafe)") if ex.unsafe else ""
                fixed = "" if ex.fixed is None else f" → `{_code(ex.fixed)}`" + mark
                out.append(f"- bad: `{_code(ex.text)}`{fixed}")
    return "\n".join(out) + "\n"


_SUGGESTED = (
    "Where this rule's fix would be unsafe, it is only suggested: shown with the finding, never applied, not even "
    "with `--unsafe-fixes`. On clean news such fixes were wrong more often than right "
    "(rules/data/suggested_fixes.yaml has the figures)."
)


_LEARNED = (
    "Findings of this rule also come from the learned damage detector (copyedit/detector.py), where the rule "
    "itself found nothing: their messages end “(learned detector, p=…)”. Only sure hits are reported, as safe "
    "fixes, above the probability calibrated for each label (copyedit/models/damage/MODEL_CARD.md)."
)


def _demote_headings(doc: str) -> str:
    """A rule docstring's "## Why" becomes "### Why" under the rule's own heading."""
    return "\n".join("#" + line if line.startswith("#") else line for line in doc.splitlines())


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _code(text: str) -> str:
    return text.replace("\n", "⏎").replace("`", "'")
