"""The hand review of fixes on clean news (`bench/review.py`, `bench/data/clean_review.jsonl`) and the figures
`bench.false_alarms` prints from it."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from bench.false_alarms import figures
from bench.review import REVIEW, fixed, kind, review_key, review_row, review_verdicts
from copyedit.model import Edit, Finding, Safety

KEYS = {"corpus", "file", "code", "start", "span", "fix", "verdict", "note"}


def _finding(safety: Safety, edits: tuple[Edit, ...] = (Edit(4, 7, "the"),)) -> Finding:
    return Finding("TYP001", "doubled-word", 0, 7, "m", edits, safety)


def test_review_rows_are_well_formed() -> None:
    rows = [json.loads(line) for line in REVIEW.read_text(encoding="utf-8").splitlines() if line.strip()]
    for row in rows:
        assert set(row) == KEYS, row
        assert row["verdict"] in {"correct", "wrong"}, row
        assert row["corpus"] in {"bbc", "reuters21578"}, row
        assert row["note"].strip(), row
    keys = [review_key(r) for r in rows]
    assert len(keys) == len(set(keys)), [k for k, n in Counter(keys).items() if n > 1]


def test_a_row_judges_its_finding_by_place_span_and_fix(tmp_path: Path) -> None:
    text = "the the cat"
    f = _finding(Safety.SAFE)
    row = review_row("bbc", "a.txt", text, f)
    assert row == dict(corpus="bbc", file="a.txt", code="TYP001", start=0, span="the the", fix="4-7→'the'")
    path = tmp_path / "review.jsonl"
    path.write_text(json.dumps(row | {"verdict": "correct", "note": "n"}) + "\n", encoding="utf-8")
    verdicts = review_verdicts(path)
    assert verdicts[review_key(row)] == "correct"
    other_fix = review_row("bbc", "a.txt", text, _finding(Safety.SAFE, (Edit(0, 4, ""),)))
    assert review_key(other_fix) not in verdicts


def test_kind_of_fix() -> None:
    assert kind(_finding(Safety.SAFE)) == "safe"
    assert kind(_finding(Safety.UNSAFE)) == "unsafe"
    assert kind(_finding(Safety.DISPLAY)) == "none"
    assert kind(_finding(Safety.SAFE, ())) == "none"
    assert fixed(_finding(Safety.SAFE, (Edit(0, 1, "a"), Edit(3, 3, ",")))) == "0-1→'a' | 3-3→','"


def test_figures_per_10k_and_unsafe_wrong_rate() -> None:
    out = figures(Counter(safe_correct=3, safe_wrong=1, unsafe_correct=1, unsafe_wrong=3, unsafe_unjudged=2), 20000)
    assert out["safe_per_10k"] == 2.0
    assert out["safe_wrong_per_10k"] == 0.5
    assert out["unsafe_per_10k"] == 3.0
    assert out["unsafe_wrong_rate"] == 0.75
    assert out["safe_wrong_rate"] == 0.25
    assert figures(Counter(), 100)["unsafe_wrong_rate"] is None
