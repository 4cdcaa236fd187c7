"""Baselines: the findings an archive already had when a team adopted copyedit, so only new ones are reported.

A finding is fingerprinted by its rule, its file and the words around it, not by its line, so a baseline
survives text moving up or down the file; identical fingerprints are counted, so a second copy of the same
damage is still new.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from copyedit.model import Finding
from copyedit.report import FileReport
from copyedit.source import display

VERSION = 1
#: Characters of context on each side of a finding that go into its fingerprint.
CONTEXT = 40


class BaselineError(Exception):
    """A baseline file that cannot be read or written; the message names it."""


def fingerprint(text: str, f: Finding) -> str:
    """Rule code plus the finding's text and its surroundings on its own line, whitespace-normalised.

    Only CONTEXT characters either side can count, so only they are searched for the line's ends: searching
    back to the line's start made a long line's baseline quadratic in its findings."""
    line_start = text.rfind("\n", max(0, f.start - CONTEXT), f.start) + 1
    line_end = text.find("\n", f.end, f.end + CONTEXT)
    line_end = len(text) if line_end < 0 else line_end
    around = text[max(line_start, f.start - CONTEXT) : min(max(line_end, f.end), f.end + CONTEXT)]
    key = f.code + "\0" + re.sub(r"\s+", " ", around).strip()
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]


def _key(path: str, anchor: Path) -> str:
    return Path(os.path.relpath(os.path.abspath(path), anchor)).as_posix()


def write(target: Path, reports: Iterable[FileReport]) -> int:
    """Write every finding of ``reports`` to ``target``; return how many."""
    anchor = target.resolve().parent
    rows = Counter((_key(r.path, anchor), f.code, fingerprint(r.text, f)) for r in reports for f in r.findings)
    data = {
        "version": VERSION,
        "findings": [{"path": p, "code": c, "fingerprint": h, "count": n} for (p, c, h), n in sorted(rows.items())],
    }
    # A file name that is not UTF-8 holds surrogates; "backslashreplace" writes them as JSON's own \udcXX escapes.
    body = (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8", "backslashreplace")
    try:
        target.write_bytes(body)
    except OSError as e:
        raise BaselineError(f"{display(str(target))}: cannot write the baseline: {e.strerror or e}") from None
    return sum(rows.values())


def load(target: Path) -> Counter[tuple[str, str, str]]:
    """The baseline's fingerprints with their counts."""
    try:
        data = json.loads(target.read_text(encoding="utf-8"))
        assert data["version"] == VERSION
        return Counter({(r["path"], r["code"], r["fingerprint"]): int(r["count"]) for r in data["findings"]})
    except OSError as e:
        raise BaselineError(f"{target}: cannot read the baseline: {e.strerror or e}") from None
    except (ValueError, KeyError, TypeError, AssertionError):
        raise BaselineError(
            f"{target}: not a copyedit baseline (version {VERSION}); write one with --write-baseline"
        ) from None


def new_findings(report: FileReport, known: Counter[tuple[str, str, str]], target: Path) -> FileReport:
    """The report without the findings the baseline holds (each baseline entry absorbs as many as its count)."""
    anchor = target.resolve().parent
    path = _key(report.path, anchor)
    kept = []
    for f in report.findings:
        key = (path, f.code, fingerprint(report.text, f))
        if known[key] > 0:
            known[key] -= 1
        else:
            kept.append(f)
    return FileReport(report.path, report.text, tuple(kept))
