"""Dev-set precision and recall per family: each damaged item is fixed exactly, each look-alike is left alone.

usage: python -m bench.devset [--unsafe] [--show] [FILE…]   (default: every tests/data/devset*.jsonl)
An item counts as a correct fix when `copyedit fix` turns it into its gold text exactly; a change to a
look-alike, or a wrong change to a damaged item, is a false alarm of the family whose rules made it.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from copyedit.engine import fix_text

DEVSET = Path(__file__).resolve().parents[1] / "tests" / "data" / "devset.jsonl"


@dataclass
class Score:
    """Counts for one family; precision is over the items the tool changed."""

    gold: int = 0
    correct: int = 0
    changed: int = 0
    wrong: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.correct / self.changed if self.changed else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 1.0


def load(*paths: Path) -> list[dict]:
    """Items of the given files; by default every tests/data/devset*.jsonl (the core set and one per rule area)."""
    files = paths or tuple(sorted(DEVSET.parent.glob("devset*.jsonl")))
    return [json.loads(line) for p in files for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]


def evaluate(items: list[dict], unsafe: bool = False) -> dict[str, Score]:
    """Scores per family (a rule code's prefix as the dev set names it), and "ALL"."""
    scores: dict[str, Score] = {}
    for item in items:
        result = fix_text(item["text"], "text", unsafe=unsafe)
        fired = Counter(f.code for f in result.applied)
        family = item["family"]
        if family != "OK":
            scores.setdefault(family, Score()).gold += 1
        if result.text == item["text"]:
            continue
        owner = family if family != "OK" else (fired.most_common(1)[0][0] if fired else "?")
        score = scores.setdefault(owner, Score())
        score.changed += 1
        if family != "OK" and result.text == item["expected"]:
            score.correct += 1
        else:
            score.wrong.append(f"{item['id']} [{','.join(fired)}]: {result.text!r}")
    total = Score()
    for s in scores.values():
        total.gold += s.gold
        total.correct += s.correct
        total.changed += s.changed
    scores["ALL"] = total
    return scores


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="*", type=Path, help="default: every tests/data/devset*.jsonl")
    ap.add_argument("--unsafe", action="store_true")
    ap.add_argument("--show", action="store_true", help="print every wrong or missed item")
    args = ap.parse_args()
    items = load(*args.files)
    scores = evaluate(items, args.unsafe)
    print(f"{'family':8} {'gold':>5} {'changed':>8} {'correct':>8} {'P':>6} {'R':>6}")
    for fam, s in sorted(scores.items(), key=lambda kv: (kv[0] == "ALL", kv[0])):
        print(f"{fam:8} {s.gold:5} {s.changed:8} {s.correct:8} {s.precision:6.2f} {s.recall:6.2f}")
        if args.show:
            for w in s.wrong:
                print("    wrong:", w)
    if args.show:
        by_id = {i["id"]: i for i in items}
        for item in by_id.values():
            if item["family"] != "OK" and fix_text(item["text"], "text", unsafe=args.unsafe).text == item["text"]:
                print("    missed:", item["id"], repr(item["text"][:150]))


if __name__ == "__main__":
    main()
