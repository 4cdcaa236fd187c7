"""Quality benchmark: copyedit (safe, unsafe) and Harper side by side on the same inputs.

usage: python -m bench.quality [--limit N] [--blimp-limit N] [--json PATH] [--no-harper] [--show] [--regenerate]
       (`make bench-quality ARGS="…"` sets up .venv and .venv-harper first)

1. The frozen damaged set (bench/data/quality, made by bench/damage.py): precision, recall and F0.5 of fixes
   and detections, edit matching as in ../shared/eval/score.py; recall per injected family (manifest),
   precision per rule that made the edit.
2. Clean news (../shared/corpus/news: bbc and reuters21578, untouched): findings and fixes per 10,000 words.
3. BLiMP (../shared/corpus/blimp): per paradigm, bad sentences flagged and good sentences left alone.
Sections 2 and 3 are skipped, with a note, when the corpora are absent; --regenerate rebuilds section 1's set.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench import damage
from bench.edits import TokenEdit, edits, f05, overlaps
from bench.review import REVIEW, review_key, review_row, review_verdicts
from bench.systems import HarperUnavailable, Made, Output, copyedit_fix, harper_fix, harper_lints
from copyedit.engine import applicable, check_text

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
REPORT = Path(__file__).resolve().parent / "reports" / "quality.json"
SCORE_PY = CORPUS.parent / "eval" / "score.py"
DIALECT = {"bbc": "british", "reuters21578": "american"}
#: Harper as it ships, and without its spelling lints (names and house spellings are most of those in news).
HARPER_VARIANTS: dict[str, Callable[[dict[str, Any]], bool]] = {
    "harper": lambda lint: True,
    "harper-no-spell": lambda lint: lint["rule"] != "SpellCheck",
}


def dialect_of(source: str) -> str:
    """Harper's dialect for an article of the given corpus file."""
    return DIALECT[source.split("/", 1)[0]]


def _attribute(edit: TokenEdit, made: Sequence[Made]) -> str:
    """The rule whose edit covers most of this token edit (touching counts), or "?"."""
    best, size = "?", -(10**9)
    for m in made:
        if _near(edit, m):
            common = min(edit.chars[1], m.end) - max(edit.chars[0], m.start)
            if common > size:
                best, size = m.rule, common
    return best


def _near(edit: TokenEdit, m: Made) -> bool:
    """Whether a system edit made this token edit; an insertion's gap touches the text on either side."""
    if edit.start == edit.end:
        return m.start <= edit.chars[1] and edit.chars[0] <= m.end
    return overlaps(edit.chars, (m.start, m.end))


def _family(edit: TokenEdit, injections: Sequence[damage.Injection]) -> str:
    """The family of the injection this gold edit undoes."""
    return next((j.family for j in injections if overlaps(edit.chars, (j.start, j.end))), "?")


def _context(broken: str, edit: TokenEdit) -> str:
    """A one-line view of an edit: a little context, the replaced text and the replacement."""
    a, b = edit.chars
    return f"…{broken[max(0, a - 40) : a]}[{broken[a:b]} → {' '.join(edit.replacement)}]{broken[b : b + 30]}…"


def score_damaged(articles: Sequence[damage.Damaged], outputs: Sequence[Output]) -> dict[str, Any]:
    """Totals, recall per injected family and precision per rule, for one system."""
    tot = Counter[str]()
    fam: dict[str, Counter[str]] = defaultdict(Counter)
    rule: dict[str, Counter[str]] = defaultdict(Counter)
    wrong: dict[str, list[str]] = defaultdict(list)
    missed: dict[str, list[str]] = defaultdict(list)
    for art, out in zip(articles, outputs, strict=True):
        gold, made = edits(art.broken, art.gold), edits(art.broken, out.text)
        gold_keys, made_keys = {g.key for g in gold}, {m.key for m in made}
        for g in gold:
            family = _family(g, art.injections)
            fixed, found = g.key in made_keys, any(overlaps((g.start, g.end), s) for s in _spans(made))
            fam[family].update(gold=1, fixed=fixed, detected=found)
            if not fixed:
                missed[family].append(f"{art.name}: {_context(art.broken, g)}")
        for m in made:
            code = _attribute(m, out.made)
            correct, found = m.key in gold_keys, any(overlaps((m.start, m.end), s) for s in _spans(gold))
            rule[code].update(edits=1, correct=correct, detected=found)
            if not correct:
                wrong[code].append(f"{art.name}: {_context(art.broken, m)}")
        tot.update(gold=len(gold), sys=len(made))
    for c in fam.values():
        tot.update(fix_tp=c["fixed"], det_tp_gold=c["detected"])
    for c in rule.values():
        tot.update(det_tp_sys=c["detected"])
    return {"total": _rates(tot), "families": _dict(fam), "rules": _dict(rule), "wrong": wrong, "missed": missed}


def _spans(found: Sequence[TokenEdit]) -> list[tuple[int, int]]:
    return [(e.start, e.end) for e in found]


def _dict(table: dict[str, Counter[str]]) -> dict[str, dict[str, int]]:
    return {k: {"gold": 0, "fixed": 0, "detected": 0, "edits": 0, "correct": 0, **v} for k, v in sorted(table.items())}


def _rates(t: Counter[str]) -> dict[str, float]:
    """score.py's totals: precision, recall and F0.5 of fixes and of detections."""
    fp = t["fix_tp"] / t["sys"] if t["sys"] else 1.0
    fr = t["fix_tp"] / t["gold"] if t["gold"] else 1.0
    dp = t["det_tp_sys"] / t["sys"] if t["sys"] else 1.0
    dr = t["det_tp_gold"] / t["gold"] if t["gold"] else 1.0
    return {**t, "fix_p": fp, "fix_r": fr, "fix_f05": f05(fp, fr), "det_p": dp, "det_r": dr, "det_f05": f05(dp, dr)}


class Harper:
    """Harper's availability for this run: lints when it can be run, else the reason it cannot."""

    def __init__(self, enabled: bool) -> None:
        self.reason = "" if enabled else "disabled with --no-harper"
        self.version = ""

    def lints(self, items: list[dict[str, str]]) -> list[list[dict[str, Any]]] | None:
        """Lints per item, or None (with ``reason`` set) when Harper is unavailable."""
        if self.reason:
            return None
        try:
            self.version, results = harper_lints(items)
        except HarperUnavailable as err:
            self.reason = str(err)
            print(f"Harper unavailable, continuing without it: {err}")
            return None
        return results


def run_damaged(articles: Sequence[damage.Damaged], harper: Harper) -> dict[str, list[Output]]:
    """Each system's output for every damaged article."""
    outputs = {
        "copyedit-safe": [copyedit_fix(a.broken, "markdown", unsafe=False) for a in articles],
        "copyedit-unsafe": [copyedit_fix(a.broken, "markdown", unsafe=True) for a in articles],
    }
    items = [{"text": a.broken, "markup": "markdown", "dialect": dialect_of(a.source)} for a in articles]
    lints = harper.lints(items)
    for name, keep in HARPER_VARIANTS.items() if lints is not None else ():
        pairs = zip(articles, lints, strict=True)
        outputs[name] = [harper_fix(a.broken, [x for x in ls if keep(x)]) for a, ls in pairs]
    return outputs


def sample(files: list[Path], limit: int) -> list[Path]:
    """``limit`` files spread evenly over the sorted list (every file when ``limit`` is 0)."""
    if not limit or limit >= len(files):
        return files
    step = len(files) / limit
    return [files[int(i * step)] for i in range(limit)]


def clean_corpus(corpus: str, limit: int, harper: Harper) -> dict[str, Any]:
    """Findings and fixes per 10,000 words on untouched news, for copyedit and Harper."""
    files = sample(sorted((CORPUS / "news" / corpus).glob("*.txt")), limit)
    texts = [f.read_text(encoding="utf-8") for f in files]
    words = sum(len(t.split()) for t in texts)
    per_rule: Counter[str] = Counter()
    counts = Counter(findings=0, safe=0, unsafe=0, safe_correct=0, safe_wrong=0, safe_unreviewed=0)
    verdicts = review_verdicts()
    unreviewed: list[dict[str, Any]] = []
    t0 = time.perf_counter()
    for path, text in zip(files, texts, strict=True):
        for f in check_text(text, "text"):
            per_rule[f.code] += 1
            counts.update(findings=1, safe=applicable(f, False), unsafe=applicable(f, True))
            if applicable(f, False):
                row = review_row(corpus, path.name, text, f)
                verdict = verdicts.get(review_key(row), "unreviewed")
                counts[f"safe_{verdict}"] += 1
                if verdict == "unreviewed":
                    unreviewed.append({**row, "context": text[max(0, f.start - 60) : f.end + 60]})
    seconds = time.perf_counter() - t0
    out: dict[str, Any] = {"files": len(files), "words": words, "words_per_second": words / seconds if seconds else 0}
    out["copyedit"] = {**_per_10k(counts, words), "rules": dict(per_rule.most_common()), "unreviewed": unreviewed}
    lints = harper.lints([{"text": t, "markup": "text", "dialect": DIALECT[corpus]} for t in texts])
    for name, keep in HARPER_VARIANTS.items() if lints is not None else ():
        kept = [x for ls in lints for x in ls if keep(x)]
        fixes = sum(x["replacement"] is not None for x in kept)
        h = Counter(findings=len(kept), safe=fixes, unsafe=fixes)
        out[name] = {**_per_10k(h, words), "rules": dict(Counter(x["rule"] for x in kept).most_common())}
    return out


def _per_10k(counts: Counter[str], words: int) -> dict[str, float]:
    scale = 10000 / words if words else 0.0
    return {**counts, **{f"{k}_per_10k": v * scale for k, v in counts.items()}}


def blimp(limit: int, harper: Harper) -> dict[str, Any]:
    """Per paradigm: bad sentences flagged and good sentences left alone, for copyedit and Harper."""
    rows = [json.loads(line) for line in (CORPUS / "blimp" / "agreement_and_forms.pairs.jsonl").open(encoding="utf-8")]
    by_uid: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        if not limit or len(by_uid[row["uid"]]) < limit:
            by_uid[row["uid"]].append(row)
    pairs = [(uid, r["source"], r["references"][0]) for uid, rs in sorted(by_uid.items()) for r in rs]
    flags = {"copyedit": [(bool(check_text(bad)), bool(check_text(good))) for _, bad, good in pairs]}
    lints = harper.lints([{"text": s, "markup": "text", "dialect": "american"} for _, b, g in pairs for s in (b, g)])
    for name, keep in HARPER_VARIANTS.items() if lints is not None else ():
        flagged = [any(keep(x) for x in ls) for ls in lints]
        flags[name] = [(flagged[2 * i], flagged[2 * i + 1]) for i in range(len(pairs))]
    out: dict[str, Any] = {}
    for system, flagged in flags.items():
        table: dict[str, Counter[str]] = defaultdict(Counter)
        for (uid, _, _), (bad, good) in zip(pairs, flagged, strict=True):
            table[uid].update(pairs=1, bad_flagged=bad, good_flagged=good)
        total = sum(table.values(), Counter[str]())
        out[system] = {"paradigms": {k: dict(v) for k, v in sorted(table.items())}, "total": dict(total)}
    return out


def cross_check(articles: Sequence[damage.Damaged], outputs: Sequence[Output], mine: dict[str, Any]) -> str:
    """Whether ../shared/eval/score.py, when present, gives the same totals for one system."""
    if not SCORE_PY.exists():
        return "score.py not found; cross-check skipped"
    import importlib.util

    spec = importlib.util.spec_from_file_location("shared_score", SCORE_PY)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    theirs, _ = module.score_triples([(a.broken, a.gold, o.text) for a, o in zip(articles, outputs, strict=True)])
    keys = ("gold", "sys", "fix_tp", "det_tp_sys", "det_tp_gold")
    same = all(theirs[k] == mine["total"].get(k, 0) for k in keys)
    return "score.py agrees" if same else f"score.py DISAGREES: {[(k, theirs[k], mine['total'][k]) for k in keys]}"


def _pct(n: float, d: float) -> str:
    return f"{100 * n / d:5.1f}%" if d else "    -"


def print_damaged(info: str, scores: dict[str, dict[str, Any]]) -> None:
    """The damaged-set part of the table: totals, recall per family, precision per rule."""
    print(f"== Damaged set: {info} ==")
    print(f"{'system':16} {'gold':>5} {'edits':>6} {'fixed':>6} {'P':>5} {'R':>5} {'F0.5':>5} │ det {'P':>5} {'R':>5}")
    for system, s in scores.items():
        t = s["total"]
        print(
            f"{system:16} {t['gold']:5} {t['sys']:6} {t['fix_tp']:6} {t['fix_p']:5.2f} {t['fix_r']:5.2f} "
            f"{t['fix_f05']:5.2f} │     {t['det_p']:5.2f} {t['det_r']:5.2f}"
        )
    print("-- recall per injected family: fixed / gold (detected) --")
    print(f"{'family':8} {'gold':>5} " + " ".join(f"{s:>22}" for s in scores))
    families = sorted({f for s in scores.values() for f in s["families"]})
    for fam in families:
        cells = []
        for s in scores.values():
            c = s["families"].get(fam, {"gold": 0, "fixed": 0, "detected": 0})
            cells.append(f"{c['fixed']:4} {_pct(c['fixed'], c['gold'])} ({_pct(c['detected'], c['gold'])})")
        gold = next(iter(scores.values()))["families"].get(fam, {}).get("gold", 0)
        print(f"{fam:8} {gold:5} " + " ".join(f"{c:>22}" for c in cells))
    print("-- precision per rule: correct fixes / edits (edits on a gold edit); harper-no-spell: as harper --")
    for system, s in scores.items():
        if system != "harper-no-spell":
            for code, c in _rule_rows(s["rules"]):
                p = c["correct"] / c["edits"] if c["edits"] else 1.0
                print(f"{system:16} {code:34} {c['correct']:4} / {c['edits']:4} = {p:4.2f} ({c['detected']:4} on gold)")


def _rule_rows(rules: dict[str, dict[str, int]]) -> list[tuple[str, dict[str, int]]]:
    """Rules by edits made; rules with under three edits and none correct are summed in one row."""
    rows = sorted(rules.items(), key=lambda kv: (-kv[1]["edits"], kv[0]))
    keep = [(k, c) for k, c in rows if c["edits"] >= 3 or c["correct"] or c["detected"]]
    rest = [c for k, c in rows if (k, c) not in keep]
    if rest:
        summed = sum((Counter(c) for c in rest), Counter[str]())
        keep.append((f"({len(rest)} other rules)", {"edits": 0, "correct": 0, "detected": 0, **summed}))
    return keep


def print_clean(clean: dict[str, dict[str, Any]]) -> None:
    """The clean-news part: findings and fixes per 10,000 words."""
    print("== Clean news (untouched; every finding is, to a first approximation, a false alarm), per 10k words ==")
    print(
        f"{'corpus':13} {'files':>5} {'words':>8} │ {'system':15} {'findings':>8} {'safe fixes':>10} {'unsafe':>7} "
        f"│ {'safe: checked correct':>21} {'wrong':>6} {'unchecked':>9}"
    )
    for corpus, c in clean.items():
        for system in ("copyedit", *HARPER_VARIANTS):
            if system in c:
                s = c[system]
                review = ""
                if system == "copyedit":
                    review = (
                        f" │ {s['safe_correct_per_10k']:21.2f} {s['safe_wrong_per_10k']:6.2f} "
                        f"{s['safe_unreviewed_per_10k']:9.2f}"
                    )
                print(
                    f"{corpus:13} {c['files']:5} {c['words']:8} │ {system:15} {s['findings_per_10k']:8.2f} "
                    f"{s.get('safe_per_10k', 0):10.2f} {s.get('unsafe_per_10k', 0):7.2f}{review}"
                )
    print("   (Harper: findings = lints, fixes = lints with a suggestion; it has no safe/unsafe distinction)")
    print(f"   (copyedit's safe fixes judged by hand in {REVIEW.relative_to(REVIEW.parents[2])}: a real slip in the")
    print("    published article fixed as a copy editor would, or a false alarm; --show lists the unchecked ones)")


def print_blimp(result: dict[str, Any]) -> None:
    """The BLiMP part: per paradigm, bad flagged and good left alone."""
    systems = list(result)
    print("== BLiMP: bad sentences flagged / good sentences left alone ==")
    print(f"{'paradigm':48} {'pairs':>5} " + " ".join(f"{s + ' bad↑ good✓':>22}" for s in systems))
    uids = sorted(result[systems[0]]["paradigms"])
    for uid in [*uids, "ALL"]:
        cells, n = [], 0
        for s in systems:
            c = result[s]["total"] if uid == "ALL" else result[s]["paradigms"][uid]
            n = c["pairs"]
            cells.append(f"{_pct(c.get('bad_flagged', 0), n)} {_pct(n - c.get('good_flagged', 0), n)}")
        print(f"{uid:48} {n:5} " + " ".join(f"{c:>22}" for c in cells))
    for s in systems:
        t = result[s]["total"]
        print(f"   {s}: {_pct(t.get('good_flagged', 0), t['pairs']).strip()} of good sentences flagged overall")


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=damage.FROZEN, help="the damaged set (default: the frozen copy)")
    ap.add_argument("--regenerate", action="store_true", help="rebuild the damaged set from the corpora first")
    ap.add_argument("--seed", type=int, default=damage.SEED, help="with --regenerate")
    ap.add_argument("--articles", type=int, default=240, help="with --regenerate")
    ap.add_argument("--limit", type=int, default=300, help="clean files per corpus, spread evenly; 0 = all")
    ap.add_argument("--blimp-limit", type=int, default=100, help="pairs per BLiMP paradigm; 0 = all")
    ap.add_argument("--json", type=Path, default=REPORT, help="default: bench/reports/quality.json")
    ap.add_argument("--no-harper", action="store_true")
    ap.add_argument("--show", action="store_true", help="print every wrong and missed edit on the damaged set")
    return ap.parse_args(argv)


def show(scores: dict[str, dict[str, Any]]) -> None:
    """Every wrong edit per rule and every missed gold edit per family."""
    for system, s in scores.items():
        for code, lines in sorted(s["wrong"].items()):
            for line in lines:
                print(f"{system} wrong {code}: {line}")
        for fam, lines in sorted(s["missed"].items()):
            for line in lines:
                print(f"{system} missed {fam}: {line}")


def show_unreviewed(clean: Any) -> None:
    """Safe fixes on clean news that the review file does not judge yet, as rows to judge and add to it."""
    for c in clean.values() if isinstance(clean, dict) else ():
        for row in c["copyedit"]["unreviewed"]:
            print("unchecked clean fix:", json.dumps(row, ensure_ascii=False))


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    if args.regenerate:
        damage.write(damage.generate(CORPUS / "news", args.articles, args.seed), args.data)
    harper = Harper(not args.no_harper)
    report: dict[str, Any] = {}
    t0 = time.perf_counter()
    articles = damage.read(args.data)
    outputs = run_damaged(articles, harper)
    scores = {system: score_damaged(articles, out) for system, out in outputs.items()}
    info = f"{args.data.name}, {len(articles)} articles, {sum(len(a.injections) for a in articles)} injections"
    report["damaged"] = {"set": info, "systems": scores}
    report["damaged"]["score_py"] = cross_check(articles, outputs["copyedit-safe"], scores["copyedit-safe"])
    sections: list[Callable[[], None]] = [lambda: print_damaged(info, scores)]
    if args.show:
        sections.append(lambda: show(scores))
        sections.append(lambda: show_unreviewed(report.get("clean", {})))
    if (CORPUS / "news").is_dir():
        report["clean"] = {c: clean_corpus(c, args.limit, harper) for c in ("bbc", "reuters21578")}
        sections.append(lambda: print_clean(report["clean"]))
    else:
        report["clean"] = f"skipped: {CORPUS / 'news'} not found"
    if (CORPUS / "blimp").is_dir():
        report["blimp"] = blimp(args.blimp_limit, harper)
        sections.append(lambda: print_blimp(report["blimp"]))
    else:
        report["blimp"] = f"skipped: {CORPUS / 'blimp'} not found"
    report["harper"] = {"version": harper.version, "unavailable": harper.reason}
    report["seconds"] = round(time.perf_counter() - t0, 1)
    for section in sections:
        section()
        print()
    print(f"score.py cross-check (copyedit-safe): {report['damaged']['score_py']}")
    if harper.reason:
        print(f"Harper left out: {harper.reason}")
    else:
        print(f"Harper: harper-py {harper.version}, first suggestion of every lint, one pass")
    for note in (report["clean"], report["blimp"]):
        if isinstance(note, str):
            print(note)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"report: {args.json} ({report['seconds']} s)")


if __name__ == "__main__":
    main()
