"""Findings on clean, edited news: each one is, to a first approximation, a false alarm.

usage: python bench/false_alarms.py [--select CODE] [--limit N] [--corpus bbc|reuters21578] [--quiet]
Reads ../shared/corpus/news (research data, never copied into the project).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from copyedit.engine import check_text, select_rules

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "news"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--select", action="append")
    ap.add_argument("--limit", type=int, default=300, help="first N files; 0 = all")
    ap.add_argument("--corpus", default="bbc")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()
    rules = select_rules(args.select)
    files = sorted((CORPORA / args.corpus).glob("*.txt"))[: args.limit or None]  # 0: every file
    words = hits = 0
    t0 = time.perf_counter()
    for path in files:
        text = path.read_text(encoding="utf-8")
        words += len(text.split())
        for f in check_text(text, "text", rules):
            hits += 1
            if not args.quiet:
                ctx = text[max(0, f.start - 60) : f.end + 60].replace("\n", "⏎")
                print(f"{path.name}:{f.start} {f.code} {f.message}\n    …{ctx}…")
    dt = time.perf_counter() - t0
    print(
        f"{len(files)} files, {words} words, {hits} findings = {hits / words * 10000:.2f} per 10k words; "
        f"{words / dt:.0f} words/s"
    )


if __name__ == "__main__":
    main()
