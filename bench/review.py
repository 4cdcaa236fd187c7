"""The hand review of fixes on clean news (`bench/data/clean_review.jsonl`), shared by `bench.quality` and
`bench.false_alarms`: one row per judged finding, "correct" (a real slip in the published text, fixed as a
copy editor would) or "wrong" (a false alarm, or a fix that makes the text worse).

A verdict is keyed by corpus, file, rule code, offset, span and the fix itself, so it stays valid for the same
finding while the rules change around it, and a changed fix at the same place is judged again.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from copyedit.model import Finding, Safety

REVIEW = Path(__file__).resolve().parent / "data" / "clean_review.jsonl"

Key = tuple[str, str, str, int, str, str]


def review_verdicts(path: Path = REVIEW) -> dict[Key, str]:
    """Key → "correct" or "wrong"."""
    if not path.exists():
        return {}
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {review_key(r): r["verdict"] for r in rows}


def review_key(row: dict[str, Any]) -> Key:
    """The identity of a judged finding: where it is, what it reported and what its fix does."""
    return (row["corpus"], row["file"], row["code"], row["start"], row["span"], row["fix"])


def fixed(f: Finding) -> str:
    """The finding's edits as "start-end→replacement"."""
    return " | ".join(f"{e.start}-{e.end}→{e.replacement!r}" for e in f.edits)


def kind(f: Finding) -> str:
    """The fix on offer: "safe" (applied by `fix`), "unsafe" (with `--unsafe-fixes`) or "none" (no fix to apply)."""
    if not f.fixable:
        return "none"
    return "safe" if f.safety is Safety.SAFE else "unsafe"


def review_row(corpus: str, file: str, text: str, f: Finding) -> dict[str, Any]:
    """The row that judges ``f`` (without its verdict and note)."""
    return {
        "corpus": corpus,
        "file": file,
        "code": f.code,
        "start": f.start,
        "span": text[f.start : f.end],
        "fix": fixed(f),
    }
