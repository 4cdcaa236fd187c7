"""Findings on clean, edited news, each looked up in the hand review (`bench/data/clean_review.jsonl`).

usage: python -m bench.false_alarms [--select CODE] [--limit N] [--corpus bbc|reuters21578|all] [--quiet]
                                    [--show-unjudged] [--json PATH]
Every finding is a safe fix (applied by `fix`), an unsafe fix (applied with `--unsafe-fixes`) or a finding
without a fix; every fix is judged by hand: "correct" (a real slip in the published text, fixed as a copy
editor would), "wrong", or not judged yet. Reads ../shared/corpus/news (research data, never copied here).
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter, defaultdict
from itertools import islice
from pathlib import Path
from typing import Any

from bench.review import kind, review_key, review_row, review_verdicts
from copyedit.engine import check_text, preparse, select_rules

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "news"
ALL = ("bbc", "reuters21578")
COLUMNS = ("safe_correct", "safe_wrong", "safe_unjudged", "unsafe_correct", "unsafe_wrong", "unsafe_unjudged", "none")


def scan(corpus: str, limit: int, rules: Any, verdicts: dict[Any, str], quiet: bool) -> dict[str, Any]:
    """Counts per kind and verdict, overall and per rule, and the unjudged and wrong fixes with their context."""
    files = sorted((CORPORA / corpus).glob("*.txt"))[: limit or None]  # 0: every file
    counts: Counter[str] = Counter()
    per_rule: dict[str, Counter[str]] = defaultdict(Counter)
    listed: dict[str, list[dict[str, Any]]] = {"unjudged": [], "wrong": []}
    words = 0
    t0 = time.perf_counter()
    it = iter(files)
    while chunk := list(islice(it, 16)):
        texts = [path.read_text(encoding="utf-8") for path in chunk]
        preparse((text, "text", rules) for text in texts)  # parse the chunk's blocks together, as the CLI does
        for path, text in zip(chunk, texts, strict=True):
            words += len(text.split())
            for f in check_text(text, "text", rules):
                row = review_row(corpus, path.name, text, f)
                k = kind(f)
                column = "none" if k == "none" else f"{k}_{verdicts.get(review_key(row), 'unjudged')}"
                counts[column] += 1
                per_rule[f.code][column] += 1
                context = text[max(0, f.start - 60) : f.end + 60].replace("\n", "⏎")
                if column.endswith(("_unjudged", "_wrong")):
                    listed[column.split("_")[1]].append({**row, "kind": k, "context": context})
                if not quiet:
                    print(f"{path.name}:{f.start} {f.code} [{column}] {f.message}\n    …{context}…")
    seconds = time.perf_counter() - t0
    speed = round(words / seconds) if seconds else 0
    rule_figures = {code: figures(n, words) for code, n in sorted(per_rule.items())}
    return (
        {"files": len(files), "words": words, "words_per_second": speed}
        | figures(counts, words)
        | {"rules": rule_figures}
        | listed
    )


def figures(counts: Counter[str], words: int) -> dict[str, Any]:
    """Counts, the same per 10,000 words, and the wrong rate of the judged unsafe fixes."""
    scale = 10000 / words if words else 0.0
    out: dict[str, Any] = {c: counts[c] for c in COLUMNS} | {f"{c}_per_10k": counts[c] * scale for c in COLUMNS}
    for k in ("safe", "unsafe"):
        out[f"{k}_per_10k"] = sum(counts[f"{k}_{v}"] for v in ("correct", "wrong", "unjudged")) * scale
        judged = counts[f"{k}_correct"] + counts[f"{k}_wrong"]
        out[f"{k}_wrong_rate"] = counts[f"{k}_wrong"] / judged if judged else None
    return out


def overall(results: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The corpora taken together."""
    words = sum(r["words"] for r in results.values())
    total = Counter({c: sum(r[c] for r in results.values()) for c in COLUMNS})
    per_rule: dict[str, Counter[str]] = defaultdict(Counter)
    for r in results.values():
        for code, n in r["rules"].items():
            per_rule[code].update({c: n[c] for c in COLUMNS})
    rule_figures = {code: figures(n, words) for code, n in sorted(per_rule.items())}
    return (
        {"files": sum(r["files"] for r in results.values()), "words": words}
        | figures(total, words)
        | {"rules": rule_figures}
    )


def _rate(r: dict[str, Any]) -> str:
    return "–" if r["unsafe_wrong_rate"] is None else f"{r['unsafe_wrong_rate']:.0%}"


def _cells(r: dict[str, Any], kind: str, suffix: str, width: int) -> str:
    return " ".join(
        f"{r[f'{kind}_{v}{suffix}']:{width}{'.3f' if suffix else ''}}" for v in ("correct", "wrong", "unjudged")
    )


def print_table(results: dict[str, dict[str, Any]]) -> None:
    """Per corpus and overall, fixes per 10k words by verdict; per rule over all corpora read, counts."""
    verdicts = f"{'correct':>8} {'wrong':>8} {'unjudged':>8}"
    print(f"{'per 10k words':13} {'files':>5} {'words':>9} │ safe: {verdicts} │ unsafe: {verdicts} wrong rate │ no fix")
    for name, r in results.items():
        print(
            f"{name:13} {r['files']:5} {r['words']:9} │       {_cells(r, 'safe', '_per_10k', 8)} │         "
            f"{_cells(r, 'unsafe', '_per_10k', 8)} {_rate(r):>10} │ {r['none']:6}"
        )
    rules = next(reversed(results.values()))["rules"]
    print(f"\n{'rule':13} {'wrong safe /10k':>15} │ safe: {verdicts} │ unsafe: {verdicts} wrong rate │ no fix")
    for code, r in rules.items():
        print(
            f"{code:13} {r['safe_wrong_per_10k']:15.3f} │       {_cells(r, 'safe', '', 8)} │         "
            f"{_cells(r, 'unsafe', '', 8)} {_rate(r):>10} │ {r['none']:6}"
        )
    worse = [f"{code} {_rate(r)}" for code, r in rules.items() if (r["unsafe_wrong_rate"] or 0) > 0.5]
    if worse:
        print(f"unsafe fixes wrong more often than right (each should be a finding without a fix): {', '.join(worse)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--select", action="append", help="rule code prefix; repeatable")
    ap.add_argument("--limit", type=int, default=300, help="first N files of each corpus; 0 = all")
    ap.add_argument("--corpus", default="bbc", choices=[*ALL, "all"])
    ap.add_argument("--quiet", action="store_true", help="do not list every finding")
    ap.add_argument("--show-unjudged", action="store_true", help="list the fixes not judged yet, as review rows")
    ap.add_argument("--json", type=Path, help="write the figures here")
    args = ap.parse_args()
    rules = select_rules(args.select)
    verdicts = review_verdicts()
    corpora = ALL if args.corpus == "all" else (args.corpus,)
    results = {c: scan(c, args.limit, rules, verdicts, args.quiet) for c in corpora}
    if len(results) > 1:
        results["overall"] = overall(results)
    if args.show_unjudged:
        for r in results.values():
            for row in r.get("unjudged", ()):
                print("unjudged:", json.dumps(row, ensure_ascii=False))
    print_table(results)
    speed = " ".join(f"{c} {r['words_per_second']} words/s" for c, r in results.items() if "words_per_second" in r)
    print(f"\n{speed}; verdicts: bench/data/clean_review.jsonl (wrong rate = wrong / judged)")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
