"""Rules alone, the learned detector alone, and both: safe-fix precision and recall per family, three sets.

usage: python -m bench.three_ways [--clean-limit N] [--json PATH]
       (one mode: python -m bench.three_ways --mode rules|detector|combined --json PATH)

Sets: the frozen damaged set (bench/data/quality, families from its manifest), the shared independent set
(../shared/eval/independent, measured on, never tuned to; its injected kinds mapped to families), and clean
news (the first N files of BBC and of Reuters: safe fixes per 10,000 words, each looked up in
bench/data/clean_review.jsonl). A system edit belongs to the family of the finding that made it; a gold edit
to the family of its injection. Each mode runs in its own process (COPYEDIT_DETECTOR=off|only|on).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from bench.edits import edits, overlaps

ROOT = Path(__file__).resolve().parents[1]
FROZEN = ROOT / "bench" / "data" / "quality"
INDEPENDENT = ROOT.parent / "shared" / "eval" / "independent"
NEWS = ROOT.parent / "shared" / "corpus" / "news"
MODES = {"rules": "off", "detector": "only", "combined": "on"}
#: The independent set's injected kinds, as copyedit's families.
KIND_FAMILY = {
    "FRAG-PERIOD": "FRG001",
    "FRAG-CLAUSE": "FRG002",
    "FRAG-PARA": "FRG003",
    "VFORM": "VRB001",
    "SVA": "AGR001",
    "DET": "AGR002",
    "POS": "POS001",
    "DOUBLE": "TYP001",
}


def _injections(folder: Path) -> dict[str, list[tuple[int, int, str]]]:
    """Per article: (start, end, family) of each injected error, in the broken text."""
    out: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    if (folder / "manifest.jsonl").is_file():  # the frozen set: offsets given
        for line in (folder / "manifest.jsonl").read_text().splitlines():
            r = json.loads(line)
            out[r["file"]].append((r["start"], r["end"], r["family"]))
        return out
    for line in (folder / "injections.jsonl").read_text().splitlines():
        r = json.loads(line)
        broken = (folder / f"{r['article']}.broken.md").read_text(encoding="utf-8")
        at = broken.find(r["broken"])
        if at >= 0:
            out[r["article"]].append((at, at + len(r["broken"]), KIND_FAMILY[r["kind"]]))
    return out


def score_set(folder: Path) -> dict[str, Counter[str]]:
    """Per family: gold edits, gold edits fixed exactly, system edits, system edits right."""
    from copyedit.engine import fix_text

    injected = _injections(folder)
    per: dict[str, Counter[str]] = defaultdict(Counter)
    for path in sorted(folder.glob("*.broken.md")):
        name = path.name.split(".")[0]
        broken = path.read_text(encoding="utf-8")
        gold = (folder / f"{name}.gold.md").read_text(encoding="utf-8")
        result = fix_text(broken, "markdown")
        made = [(o, o + max(1, f.end - f.start), f.code) for f, o in zip(result.applied, result.origins, strict=True)]
        gold_edits = edits(broken, gold)
        system = edits(broken, result.text)
        keys = {e.key for e in system}
        gold_keys = {e.key for e in gold_edits}
        for g in gold_edits:
            family = next((f for s, e, f in injected[name] if overlaps((s, e), g.chars)), "original")
            per[family]["gold"] += 1
            per[family]["fixed"] += g.key in keys
        for e in system:
            family = next((c for s, t, c in made if overlaps((s, t), e.chars)), "?")
            per[family]["made"] += 1
            per[family]["right"] += e.key in gold_keys
    return per


def clean_news(limit: int) -> dict[str, Counter[str]]:
    """Per family on clean news: safe fixes, and those judged wrong or not judged yet; and the words."""
    from bench.review import review_key, review_row, review_verdicts
    from copyedit.engine import check_text
    from copyedit.model import Safety

    verdicts = review_verdicts()
    per: dict[str, Counter[str]] = defaultdict(Counter)
    for corpus in ("bbc", "reuters21578"):
        for path in sorted((NEWS / corpus).glob("*.txt"))[:limit]:
            text = path.read_text(encoding="utf-8")
            per["_words"]["n"] += len(text.split())
            for f in check_text(text, "text"):
                if f.fixable and f.safety is Safety.SAFE:
                    verdict = verdicts.get(review_key(review_row(corpus, path.name, text, f)), "unjudged")
                    per[f.code]["safe"] += 1
                    per[f.code][verdict] += 1
    return per


def one_mode(args: argparse.Namespace) -> None:
    data = {"frozen": score_set(FROZEN), "independent": score_set(INDEPENDENT), "clean": clean_news(args.clean_limit)}
    args.json.write_text(json.dumps(data, indent=1) + "\n")


def _pr(c: Counter[str] | dict[str, int]) -> str:
    p = c.get("right", 0) / c["made"] if c.get("made") else None
    r = c.get("fixed", 0) / c["gold"] if c.get("gold") else None
    return f"{'–' if p is None else f'{p:.2f}':>4} {'–' if r is None else f'{r:.2f}':>4}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mode", choices=list(MODES))
    ap.add_argument("--clean-limit", type=int, default=300, help="files of each news corpus")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    if args.mode:
        return one_mode(args)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for mode, env in MODES.items():
            out = Path(tmp) / f"{mode}.json"
            cmd = [sys.executable, "-m", "bench.three_ways", "--mode", mode, "--json", str(out)]
            cmd += ["--clean-limit", str(args.clean_limit)]
            subprocess.run(cmd, check=True, env={**os.environ, "COPYEDIT_DETECTOR": env})
            results[mode] = json.loads(out.read_text())
    families = sorted({f for r in results.values() for s in ("frozen", "independent") for f in r[s]} - {"?"})
    head = "".join(f" │ {m:^9}" for m in MODES)
    for s in ("frozen", "independent"):
        print(f"\n{s} set, safe fixes: precision recall per family{head}")
        for fam in [*families, "ALL"]:
            cells = []
            for m in MODES:
                table = results[m][s]
                c = (
                    Counter({k: sum(t.get(k, 0) for t in table.values()) for k in ("gold", "fixed", "made", "right")})
                    if fam == "ALL"
                    else table.get(fam, {})
                )
                cells.append(_pr(c))
            print(f"{fam:44}" + "".join(f" │ {c}" for c in cells))
    print(f"\nclean news ({args.clean_limit} files each): safe fixes / wrong / unjudged per family{head}")
    codes = sorted({c for r in results.values() for c in r["clean"]} - {"_words"})
    for code in codes:
        cells = [results[m]["clean"].get(code, {}) for m in MODES]
        print(
            f"{code:44}"
            + "".join(f" │ {c.get('safe', 0):3}/{c.get('wrong', 0):2}/{c.get('unjudged', 0):2}" for c in cells)
        )
    words = results["rules"]["clean"]["_words"]["n"]
    print(f"{'words':44} │ {words}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n")


if __name__ == "__main__":
    main()
