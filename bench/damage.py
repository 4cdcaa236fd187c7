"""A seeded damage generator: clean news articles with a few injected, labelled errors, the clean text as gold.

usage: python -m bench.damage [--out DIR] [--articles N] [--seed N] [--corpora DIR]
Writes DIR/NNN.broken.md and DIR/NNN.gold.md (the layout ../shared/eval/score.py --dir reads) and
DIR/manifest.jsonl: one line per injected edit with its family, kind, source file and span in the broken text.
Each article gets one to three injections, at most one a paragraph, so that every other change a tool makes
is a false alarm. The same seed and corpora give the same files.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from spacy.tokens import Doc

from bench.damage_sites import FAMILIES, Site, sites
from bench.edits import edits, overlaps

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "news"
FROZEN = Path(__file__).resolve().parent / "data" / "quality"
#: Slips already in the corpus articles, read and corrected by hand, so that the clean text is clean.
ERRATA = Path(__file__).resolve().parent / "data" / "errata.jsonl"
SEED = 20250101
MAX_PARAGRAPHS = 6
RARE = re.compile(r"\b[Nn]either\b[^.\"”]{1,60}\bnor\b")
LIST_OPENER = re.compile(r"^(?:[-*+#>|=]|\d+[.)]\s)")


@dataclass(frozen=True)
class Injection:
    """One injected error: ``broken[start:end]`` was ``gold`` in the clean article."""

    family: str
    kind: str
    start: int
    end: int
    broken: str
    gold: str


@dataclass(frozen=True)
class Damaged:
    """A damaged article, its clean gold and what was injected."""

    name: str
    source: str
    gold: str
    broken: str
    injections: tuple[Injection, ...]


def errata(source: str) -> list[tuple[str, str]]:
    """The hand-checked corrections of corpus slips in ``source``: (wrong, right) pairs."""
    rows = [json.loads(line) for line in ERRATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(r["wrong"], r["right"]) for r in rows if r["source"] == source]


def correct(text: str, source: str) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with the errata of ``source`` applied once each; also (position, length change) of each."""
    shifts = []
    for wrong, right in errata(source):
        at = text.find(wrong)
        done = wrong in right and text.find(right) == at
        if at >= 0 and not done:
            text = text[:at] + right + text[at + len(wrong) :]
            shifts.append((at, len(right) - len(wrong)))
    return text, shifts


def amend(d: Damaged) -> Damaged:
    """``d`` with its source's errata applied to broken and gold alike, injection spans moved to match."""
    gold, _ = correct(d.gold, d.source)
    broken, shifts = correct(d.broken, d.source)
    moved = []
    for j in d.injections:
        delta = sum(n for at, n in shifts if at < j.start)
        moved.append(replace(j, start=j.start + delta, end=j.end + delta))
    return replace(d, gold=gold, broken=broken, injections=tuple(moved))


def paragraphs(text: str, source: str) -> list[str]:
    """The article's first paragraphs, whitespace-normalised and corrected by the errata; a BBC headline
    becomes a Markdown heading."""
    paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()][:MAX_PARAGRAPHS]
    paras = [correct(p, source)[0] for p in paras]
    if source.startswith("bbc/") and paras:
        paras[0] = "# " + paras[0]
    return paras


def usable(paras: Sequence[str]) -> bool:
    """Prose worth damaging: enough paragraphs and words, no tables, nothing Markdown reads as a list."""
    body = paras[1:] if paras and paras[0].startswith("# ") else paras
    words = sum(len(p.split()) for p in body)
    if len(body) < 3 or words < 120 or any(LIST_OPENER.match(p) for p in body):
        return False
    letters = [c for p in body for c in p if c.isalpha()]
    digits = sum(c.isdigit() for p in body for c in p)
    return sum(c.isupper() for c in letters) < 0.12 * len(letters) and digits < 0.06 * len(letters)


def apply_sites(paras: Sequence[str], chosen: dict[int, Site]) -> tuple[str, str, list[Injection]]:
    """The gold and broken articles for ``chosen`` (paragraph index → site), with broken-text spans."""
    out: list[str] = []
    injections: list[Injection] = []
    offset = 0
    for i, para in enumerate(paras):
        site = chosen.get(i)
        if site:
            start = offset + site.start
            gold_part = para[site.start : site.end]
            injections.append(
                Injection(site.family, site.kind, start, start + len(site.replacement), site.replacement, gold_part)
            )
            para = para[: site.start] + site.replacement + para[site.end :]
        out.append(para)
        offset += len(para) + 2
    return "\n\n".join(paras) + "\n", "\n\n".join(out) + "\n", injections


def consistent(gold: str, broken: str, injections: Sequence[Injection]) -> bool:
    """Every gold token edit lies on exactly one injection, and every injection yields at least one edit."""
    spans = [(j.start, j.end) for j in injections]
    found = edits(broken, gold)
    each_edit = all(sum(overlaps(e.chars, s) for s in spans) == 1 for e in found)
    return each_edit and all(any(overlaps(e.chars, s) for e in found) for s in spans)


def choose(candidates: dict[int, list[Site]], k: int, counts: Counter[str], rng: random.Random) -> dict[int, Site]:
    """Up to ``k`` sites in distinct paragraphs, each time from the family injected least so far."""
    chosen: dict[int, Site] = {}
    for _ in range(k):
        free = [s for i, ss in candidates.items() if i not in chosen for s in ss]
        families = sorted(sorted({s.family for s in free}), key=lambda f: (counts[f], rng.random()))
        if not families:
            break
        kinds = sorted({s.kind for s in free if s.family == families[0]})
        kind = rng.choice(kinds)
        pick = rng.choice([s for s in free if s.family == families[0] and s.kind == kind])
        chosen[next(i for i, ss in candidates.items() if pick in ss and i not in chosen)] = pick
        counts[pick.family] += 1
    return chosen


def damage_article(
    paras: Sequence[str], docs: Sequence[Doc], rng: random.Random, counts: Counter[str], k: int
) -> tuple[str, str, list[Injection]] | None:
    """Inject up to ``k`` errors into one article (never its heading); None when nothing fits cleanly."""
    candidates = {i: sites(doc) for i, doc in enumerate(docs) if not paras[i].startswith("# ")}
    candidates = {i: ss for i, ss in candidates.items() if ss}
    before = counts.copy()
    chosen = choose(candidates, k, counts, rng)
    gold, broken, injections = apply_sites(paras, chosen)
    if not injections or not consistent(gold, broken, injections):
        counts.clear()
        counts.update(before)
        return None
    return gold, broken, injections


def damage_paragraphs(paras: Sequence[str], seed: int, k: int = 3) -> tuple[str, str, list[Injection]] | None:
    """Damage one article given as paragraphs, on its own: what the tests call, no corpus needed."""
    from copyedit import nlp

    return damage_article(paras, list(nlp.load().pipe(paras)), random.Random(seed), Counter(), k)


def articles(corpora: Path, rng: random.Random) -> list[tuple[str, list[str]]]:
    """Usable articles of both corpora in a seeded order: rare-damage hosts first, then BBC and Reuters 3:2."""
    pools: dict[str, list[tuple[str, list[str]]]] = {}
    for corpus in ("bbc", "reuters21578"):
        pool = []
        for path in sorted((corpora / corpus).glob("*.txt")):
            source = f"{corpus}/{path.name}"
            paras = paragraphs(path.read_text(encoding="utf-8"), source)
            if usable(paras):
                pool.append((source, paras))
        rng.shuffle(pool)
        pools[corpus] = pool
    rare = [a for pool in pools.values() for a in pool if any(RARE.search(p) for p in a[1])]
    bbc, reuters = iter(pools["bbc"]), iter(pools["reuters21578"])
    order = [a for i in range(sum(map(len, pools.values()))) if (a := next(reuters if i % 5 in (1, 3) else bbc, None))]
    seen = {s for s, _ in rare}
    return rare + [a for a in order if a[0] not in seen]


def generate(corpora: Path = CORPORA, count: int = 240, seed: int = SEED) -> list[Damaged]:
    """``count`` damaged articles from the news corpora, deterministic for ``seed``."""
    from copyedit import nlp

    rng = random.Random(seed)
    counts: Counter[str] = Counter()
    out: list[Damaged] = []
    for source, paras in articles(corpora, rng):
        if len(out) >= count:
            break
        docs = list(nlp.load().pipe(paras))
        result = damage_article(paras, docs, rng, counts, rng.choice((1, 2, 2, 3)))
        if result:
            gold, broken, injections = result
            out.append(Damaged(f"{len(out) + 1:03d}", source, gold, broken, tuple(injections)))
    return out


def write(damaged: Iterable[Damaged], out: Path) -> None:
    """Write the pairs and the manifest, replacing any earlier set in ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    for old in [*out.glob("*.broken.md"), *out.glob("*.gold.md")]:
        old.unlink()
    lines = []
    for d in damaged:
        (out / f"{d.name}.broken.md").write_text(d.broken, encoding="utf-8")
        (out / f"{d.name}.gold.md").write_text(d.gold, encoding="utf-8")
        rows = [{"file": d.name, "source": d.source, **asdict(j)} for j in d.injections]
        lines += [json.dumps(row, ensure_ascii=False) for row in rows]
    (out / "manifest.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


def read(folder: Path = FROZEN) -> list[Damaged]:
    """The damaged set stored in ``folder``."""
    by_file: dict[str, list[dict]] = {}
    for line in (folder / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            by_file.setdefault(row["file"], []).append(row)
    out = []
    for name, rows in sorted(by_file.items()):
        injections = tuple(Injection(**{k: r[k] for k in Injection.__dataclass_fields__}) for r in rows)
        gold = (folder / f"{name}.gold.md").read_text(encoding="utf-8")
        broken = (folder / f"{name}.broken.md").read_text(encoding="utf-8")
        out.append(Damaged(name, rows[0]["source"], gold, broken, injections))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=FROZEN)
    ap.add_argument("--articles", type=int, default=240)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--corpora", type=Path, default=CORPORA)
    ap.add_argument("--amend", action="store_true", help="apply data/errata.jsonl to the set in --out, nothing else")
    args = ap.parse_args()
    if args.amend:
        amended = [amend(d) for d in read(args.out)]
        assert all(consistent(d.gold, d.broken, d.injections) for d in amended)
        write(amended, args.out)
        return
    damaged = generate(args.corpora, args.articles, args.seed)
    write(damaged, args.out)
    families = Counter(j.family for d in damaged for j in d.injections)
    print(f"{len(damaged)} articles, {sum(families.values())} injections in {args.out}")
    for family in FAMILIES:
        print(f"  {family} {families[family]}")


if __name__ == "__main__":
    main()
