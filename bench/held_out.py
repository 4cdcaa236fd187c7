"""Held-out synthetic damage: one error at a time in paragraphs no rule, list or model was built on.

usage: python -m bench.held_out [--kind KIND] [--n N] [--seed S] [--corpus DIR] [--show]

The paragraphs are the dev split of the training articles (train/damage.py's split by article: the detector and
rules/data/news_counts.yaml are built on the other nine tenths; the shared independent set and the frozen set are
left out of both). Each sample takes one paragraph and breaks it once:

- ``paragraph_break``: the paragraph is cut in two at a word boundary inside a sentence (not next to
  punctuation), the next word capitalised half the time, inside its whole article (FRG003, PUN001);
- any damage maker of train/damage.py (``stray_stop``, ``comma_stop``, ``possessive``, ``verb_form``,
  ``agreement``, ``noun_number``): one of the sites it offers, after a title and a short paragraph (so the
  paragraph is no headline).

copyedit fixes the text with its safe fixes and each sample is scored: restored exactly ("ok"), left as it was
("missed"), or changed otherwise ("other": a wrong or a partial fix). Its generator is train/damage.py's, which grew
up with the rules: the figures say whether a change moved held-out text, not how copyedit does on other damage.
"""

from __future__ import annotations

import argparse
import random
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from train import damage

#: Where a paragraph may be cut: a space between two words, not after punctuation.
_CUT = re.compile(r"(?<=[A-Za-z0-9]) (?=[A-Za-z])")
#: What stands before a damaged paragraph, so that it reads as prose rather than a headline.
LEAD = "Markets\n\nTrading was quiet on Monday.\n\n"
MAKERS = ("stray_stop", "comma_stop", "possessive", "verb_form", "agreement", "noun_number")


def paragraph_breaks(arts: list[tuple[str, list[str]]], rng: random.Random) -> Iterator[tuple[str, str, str]]:
    """(clean, broken, context) for articles of two paragraphs or more, each with one paragraph cut in two."""
    for _, ps in arts:
        if len(ps) < 2:
            continue
        k = rng.randrange(len(ps))
        p = ps[k]
        cuts = [m.start() for m in _CUT.finditer(p) if 20 < m.start() < len(p) - 20]
        if not cuts:
            continue
        c = rng.choice(cuts)
        rest = p[c + 1 :]
        if rng.random() < 0.5:
            rest = rest[0].upper() + rest[1:]
        broken = "\n\n".join([*ps[:k], p[:c] + "\n\n" + rest, *ps[k + 1 :]])
        yield "\n\n".join(ps), broken, f"{p[max(0, c - 50) : c]} ¶¶ {rest[:50]}"


def made(arts: list[tuple[str, list[str]]], kind: str, rng: random.Random) -> Iterator[tuple[str, str, str]]:
    """(clean, broken, context) for paragraphs where train/damage.py's maker ``kind`` finds a site, each once."""
    from copyedit import nlp

    maker = getattr(damage, kind)
    paras = [p for _, ps in arts for p in ps]
    rng.shuffle(paras)
    for p in paras:
        sites = maker(nlp.parse_all([p])[0], rng)
        if not sites:
            continue
        s, e, rep, _, _ = rng.choice(sites)
        broken = p[:s] + rep + p[e:]
        yield LEAD + p, LEAD + broken, broken[max(0, s - 50) : s + 50].replace("\n", " ")


def run(kind: str, n: int, seed: int, corpus: Path, show: bool = False) -> Counter[str]:
    """Fix ``n`` samples of one kind with copyedit's safe fixes; the count of each outcome."""
    from copyedit import engine

    rng = random.Random(seed)
    arts = [(name, ps) for split, name, ps in damage.articles(corpus) if split == "dev"]
    rng.shuffle(arts)
    samples = paragraph_breaks(arts, rng) if kind == "paragraph_break" else made(arts, kind, rng)
    rules = engine.select_rules()
    outcome: Counter[str] = Counter()
    for clean, broken, context in samples:
        if sum(outcome.values()) >= n:
            break
        fixed = engine.fix_text(broken, "text", False, rules).text
        status = "ok" if fixed == clean else "missed" if fixed == broken else "other"
        outcome[status] += 1
        if show and status != "ok":
            print(f"  {status:6} {context}")
    return outcome


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--kind", choices=("paragraph_break", *MAKERS, "all"), default="all")
    ap.add_argument("--n", type=int, default=300, help="samples per kind")
    ap.add_argument("--seed", type=int, default=18)
    ap.add_argument("--corpus", type=Path, default=damage.CORPUS)
    ap.add_argument("--show", action="store_true", help="print each sample not restored")
    args = ap.parse_args()
    kinds = ("paragraph_break", *MAKERS) if args.kind == "all" else (args.kind,)
    for kind in kinds:
        c = run(kind, args.n, args.seed, args.corpus, args.show)
        total = sum(c.values())
        print(f"{kind:16} {total:4} samples: ok {c['ok']:4}  missed {c['missed']:4}  other {c['other']:4}")


if __name__ == "__main__":
    main()
