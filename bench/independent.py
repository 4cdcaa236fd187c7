"""The shared independent set: copyedit fixes a copy of the damaged articles, the set's own scorer scores it.

usage: python -m bench.independent [--unsafe] [--dir DIR] [--json PATH] [--show]

Reads ../shared/eval/independent (BBC and Reuters articles damaged by a generator written apart from the
rules; measured on, never tuned to) and scores with its score.py. Every edit the scorer counts as wrong is
classed, to tell real wrong fixes from artefacts of edit-level scoring:
- "same text as gold": the text around the edit reads as gold's does (the scorer's diff aligned a doubled
  word on the other copy, because another edit nearby is missing);
- "gold keeps the original": gold has the broken text here unchanged, so the edit touches a slip the
  published article already had (a doubled word, "a 11-day") or a false alarm; these are listed for judging;
- "other": a wrong fix of injected damage (wrong side, wrong word, wrong punctuation).
Recall per injected kind comes from the set's injections.jsonl.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import shutil
import tempfile
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

from copyedit.engine import fix_text

SET = Path(__file__).resolve().parents[2] / "shared" / "eval" / "independent"
WINDOW = 2


def scorer(folder: Path) -> ModuleType:
    """The set's own score.py (one folder up from the set), imported from its path."""
    spec = importlib.util.spec_from_file_location("independent_score", folder.parent / "score.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"no score.py beside {folder}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _contains(seq: list[str], part: list[str]) -> bool:
    n = len(part)
    return any(seq[i : i + n] == part for i in range(len(seq) - n + 1))


def classify(score: ModuleType, broken: str, gold: str, system: str) -> list[tuple[str, str]]:
    """Each wrong system edit of one article with its class and a readable context."""
    b, g = score.tokens(broken), score.tokens(gold)
    gold_edits = set(score.edits(b, g))
    out = []
    for i1, i2, rep in score.edits(b, score.tokens(system)):
        if (i1, i2, rep) in gold_edits:
            continue
        before, after = b[max(0, i1 - WINDOW) : i1], b[i2 : i2 + WINDOW]
        if _contains(g, before + list(rep) + after):
            kind = "same text as gold"
        elif _contains(g, before + b[i1:i2] + after):
            kind = "gold keeps the original"
        else:
            kind = "other"
        out.append((kind, " ".join([*before, "[", *b[i1:i2], "→", *rep, "]", *after])))
    return out


def recall_by_kind(folder: Path, score: ModuleType, fixed: dict[str, str]) -> dict[str, tuple[int, int]]:
    """Per injected kind: (fixed, injected). An injection is fixed when every gold edit inside its snippet's
    place in the broken text is among the system's edits."""
    rows = [json.loads(line) for line in (folder / "injections.jsonl").read_text().splitlines() if line.strip()]
    per: dict[str, list[int]] = {}
    for r in rows:
        broken = (folder / f"{r['article']}.broken.md").read_text(encoding="utf-8")
        gold = (folder / f"{r['article']}.gold.md").read_text(encoding="utf-8")
        b = score.tokens(broken)
        at = broken.find(r["broken"])
        first = len(score.tokens(broken[:at])) if at >= 0 else 0
        last = first + len(score.tokens(r["broken"]))
        inside = [e for e in score.edits(b, score.tokens(gold)) if first <= e[0] and e[1] <= last]
        system_edits = set(score.edits(b, score.tokens(fixed.get(r["article"], broken))))
        counts = per.setdefault(r["kind"], [0, 0])
        counts[1] += 1
        counts[0] += at >= 0 and bool(inside) and all(e in system_edits for e in inside)
    return {k: (v[0], v[1]) for k, v in sorted(per.items())}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dir", type=Path, default=SET, help="the set's folder (NNN.broken.md, NNN.gold.md)")
    ap.add_argument("--unsafe", action="store_true", help="apply unsafe fixes too")
    ap.add_argument("--show", action="store_true", help="list every wrong edit with its class")
    ap.add_argument("--json", type=Path, help="write the figures here")
    args = ap.parse_args()
    if not (args.dir / "injections.jsonl").is_file():
        raise SystemExit(f"bench.independent: the set is not at {args.dir}")
    score = scorer(args.dir)
    triples, fixed, classes = [], {}, Counter()
    listed: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:  # the set is read-only: fix a copy, as its README says
        for path in sorted(args.dir.glob("*.broken.md")):
            shutil.copy(path, tmp)
        for path in sorted(Path(tmp).glob("*.broken.md")):
            broken = path.read_text(encoding="utf-8")
            system = fix_text(broken, "markdown", unsafe=args.unsafe).text
            gold = (args.dir / path.name.replace(".broken.", ".gold.")).read_text(encoding="utf-8")
            triples.append((broken, gold, system))
            fixed[path.name.split(".")[0]] = system
            for kind, context in classify(score, broken, gold, system):
                classes[kind] += 1
                listed.append(f"{path.name[:3]} {kind:24} {context}")
    total, _ = score.score_triples(triples)
    by_kind = recall_by_kind(args.dir, score, fixed)
    mode = "safe and unsafe fixes" if args.unsafe else "safe fixes"
    print(f"independent set, {mode}: {len(triples)} articles, gold {total['gold']} edits, system {total['sys']}")
    print(f"fix P {total['fix_p']:.3f} R {total['fix_r']:.3f} F0.5 {total['fix_f05']:.3f}")
    print(f"detect P {total['det_p']:.3f} R {total['det_r']:.3f} F0.5 {total['det_f05']:.3f}")
    wrong = sum(classes.values())
    print(f"wrong edits by class ({wrong}): " + ", ".join(f"{k} {n}" for k, n in sorted(classes.items())))
    print("recall by injected kind: " + ", ".join(f"{k} {a}/{n} {a / n:.2f}" for k, (a, n) in by_kind.items()))
    if args.show:
        print("\n".join(listed))
    if args.json:
        data: dict[str, Any] = {"total": total, "wrong_classes": dict(classes), "recall_by_kind": by_kind}
        args.json.write_text(json.dumps(data, indent=1) + "\n")


if __name__ == "__main__":
    main()
