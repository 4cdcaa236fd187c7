"""Training data for the damage detector: clean news paragraphs with damage put in, each damaged token labelled.

usage: python -m train.damage OUT_DIR [--corpus DIR] [--limit N] [--seed N]

Its own generator, wider than bench/damage.py and written for training: every family has several patterns at
random places, a paragraph gets zero to three errors, and the clean paragraphs and the untouched tokens of
damaged ones are the negatives (every real full stop, every verb and noun that is right stays "O"). The sites
come from en_core_web_sm's parse of the clean paragraph, which is reliable on edited text; the damaged text is
then tokenised anew, as the detector will see it, and each label lands on the token that carries the repair:

| label | repair | family | damage made from clean text |
|---|---|---|---|
| STOP_DEL | drop the full stop, lower the next word | FRG001 | a stop put between two words of a sentence |
| STOP_COMMA | the full stop becomes a comma | FRG002 | the comma before a clause or phrase made a stop |
| POSS | add 's | POS001 | the 's of a name or noun dropped |
| VB, VBN, VBG | the verb takes that form | VRB001 | another form after a modal, "to", "do", "have" or "be" |
| V_SING, V_PLUR | the verb takes that number | AGR001 | a present verb given the other number |
| N_SING, N_PLUR | the noun takes that number | AGR002 | a noun after a determiner given the other number |
| D_SING, D_PLUR | this/that or these/those | AGR002 | the determiner given the other number |

Articles are split by a hash of their file name: ``dev`` (one in ten, for calibration and clean-news false
alarms) and ``train``. Articles whose text is in the shared independent set or in the benchmark's frozen set
are left out altogether: those sets are for measuring only.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from copyedit.checks.agreement import VERB_SWAP
from copyedit.inflection import getInflection

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "news"
HELD_OUT = (ROOT.parent / "shared" / "eval" / "independent", ROOT / "bench" / "data" / "quality")
LABELS = (
    "STOP_DEL",
    "STOP_COMMA",
    "POSS",
    "VB",
    "VBN",
    "VBG",
    "V_SING",
    "V_PLUR",
    "N_SING",
    "N_PLUR",
    "D_SING",
    "D_PLUR",
)
#: How many errors a paragraph gets, and how often.
ERRORS = ((0, 0.3), (1, 0.35), (2, 0.2), (3, 0.15))
#: Words after which a stray stop is most often put (as damaging rewriters do), besides anywhere at all.
STOP_AFTER = {"that", "and", "between", "of", "with", "for", "to", "in", "on", "by", "from", "about", "as", "which"}
CLAUSE_OPENERS = {
    "which", "who", "whom", "whose", "including", "as", "while", "although", "though", "whereas", "after",
    "before", "because", "despite", "following", "where", "when", "since", "until", "unless", "if", "with",
}  # fmt: skip
DET_NUMBER = {"this": "these", "that": "those", "these": "this", "those": "that"}
SINGULAR_DETS = {"a", "an", "this", "that", "each", "every", "another", "one"}
PLURAL_DETS = {"these", "those", "many", "several", "both", "few", "two", "three", "four", "five", "various"}
WORD = re.compile(r"[A-Za-z]+")

Edit = tuple[
    int, int, str, str, int
]  # start, end, replacement, label, label's offset in the replacement (-1: at start)


def paragraphs(text: str, bbc: bool) -> list[str]:
    """The article's prose paragraphs (a BBC file's first line is its headline: left out)."""
    parts = [p.strip() for p in re.split(r"\n\s*\n", text)]
    if bbc:
        parts = parts[1:]
    return [p for p in parts if len(p.split()) >= 8 and "\n" not in p]


def held_out_paragraphs() -> set[str]:
    """Every paragraph of the measuring sets, to leave their articles out of training."""
    seen: set[str] = set()
    for folder in HELD_OUT:
        for path in folder.glob("*.gold.md"):
            seen.update(p.strip() for p in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")) if p.strip())
    return seen


def split_of(name: str) -> str:
    return "dev" if int(hashlib.sha1(name.encode()).hexdigest(), 16) % 10 == 0 else "train"


def articles(corpus: Path) -> Iterator[tuple[str, str, list[str]]]:
    """(split, name, paragraphs) for each usable article, the held-out ones left out."""
    held = held_out_paragraphs()
    for sub in ("bbc", "reuters21578"):
        for path in sorted((corpus / sub).glob("*.txt")):
            paras = paragraphs(path.read_text(encoding="utf-8"), sub == "bbc")
            if paras and not any(p in held for p in paras):
                yield split_of(f"{sub}/{path.name}"), f"{sub}/{path.name}", paras


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


def _same_case(model: str, new: str) -> str:
    return _cap(new) if model[:1].isupper() else new


def _form(lemma: str, tag: str) -> str | None:
    forms = getInflection(lemma, tag=tag, inflect_oov=False)
    return forms[0] if forms else None


def stray_stop(doc, rng: random.Random) -> list[Edit]:
    """A full stop between two words of one sentence; the next word capitalised."""
    out = []
    for t in doc[2:-2]:
        prev = doc[t.i - 1]
        if t.is_sent_start or not (t.is_alpha and (prev.is_alpha or prev.like_num)) or not prev.whitespace_:
            continue
        if doc[t.i + 1].is_punct and doc[t.i + 1].text in ".,;:":
            continue
        likely = prev.lower_ in STOP_AFTER or (t.dep_ in ("ROOT", "aux") and prev.dep_ in ("nsubj", "compound"))
        if likely or rng.random() < 0.15:
            out.append((prev.idx + len(prev), t.idx + 1, ". " + t.text[0].upper(), "STOP_DEL", 0))
    return out


def comma_stop(doc, rng: random.Random) -> list[Edit]:
    """The comma before a clause or phrase (or after an opening one) made a full stop."""
    out = []
    for c in doc[1:-2]:
        n = doc[c.i + 1]
        if c.text != "," or not n.is_alpha or not c.whitespace_:
            continue
        opens = n.lower_ in CLAUSE_OPENERS or n.tag_ in ("VBG", "WDT", "WP", "WP$") or n.dep_ == "mark"
        first = c.sent[0]
        after_opening = first.lower_ in CLAUSE_OPENERS and not any(t.text == "," for t in doc[first.i : c.i])
        if opens or after_opening:
            out.append((c.idx, n.idx + 1, ". " + n.text[0].upper(), "STOP_COMMA", 0))
    return out


def possessive(doc, rng: random.Random) -> list[Edit]:
    """A name's or noun's 's dropped."""
    return [
        (t.idx - (len(doc[t.i - 1].whitespace_)), t.idx + len(t), "", "POSS", -1)
        for t in doc[1:]
        if t.tag_ == "POS" and t.lower_ in ("'s", "’s") and doc[t.i - 1].pos_ in ("PROPN", "NOUN")
    ]


def verb_form(doc, rng: random.Random) -> list[Edit]:
    """A verb after an auxiliary given another form: "has been arrest", "will visits", "are drove"."""
    out = []
    for t in doc:
        if t.pos_ not in ("VERB", "AUX") or not t.is_alpha or t.lower_ in ("be", "been", "being", "have", "do"):
            continue
        auxes = [c for c in t.children if c.dep_ in ("aux", "auxpass") and c.i < t.i]
        if not auxes:
            continue
        lemma = t.lemma_.lower()
        if t.tag_ == "VBN":
            choices = [_form(lemma, "VB"), _form(lemma, "VBD"), _form(lemma, "VBZ"), _form(lemma, "VBG")]
        elif t.tag_ == "VB":
            choices = [_form(lemma, "VBZ"), _form(lemma, "VBD"), _form(lemma, "VBN"), _form(lemma, "VBG")]
        elif t.tag_ == "VBG":
            choices = [_form(lemma, "VB"), _form(lemma, "VBN")]
        else:
            continue
        new = [c for c in choices if c and c.lower() != t.lower_]
        if new:
            out.append((t.idx, t.idx + len(t), _same_case(t.text, rng.choice(new)), t.tag_, -1))
    return out


def agreement(doc, rng: random.Random) -> list[Edit]:
    """A present verb (or was/were) with a subject before it given the other number."""
    out = []
    for t in doc:
        if t.tag_ not in ("VBZ", "VBP", "VBD") or not t.is_alpha:
            continue
        head = t.head if t.dep_ in ("aux", "auxpass") else t
        subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < t.i]
        if len(subjects) != 1 or subjects[0].lower_ in ("i", "you"):
            continue
        word = t.lower_
        if word in VERB_SWAP:
            new = VERB_SWAP[word]
        elif t.tag_ == "VBZ":
            new = _form(t.lemma_.lower(), "VBP")
        elif t.tag_ == "VBP":
            new = _form(t.lemma_.lower(), "VBZ")
        else:
            continue
        if not new or new == word or (t.tag_ == "VBD" and word not in ("was", "were")):
            continue
        label = "V_SING" if word in ("is", "was", "has", "does") or t.tag_ == "VBZ" else "V_PLUR"
        out.append((t.idx, t.idx + len(t), _same_case(t.text, new), label, -1))
    return out


def noun_number(doc, rng: random.Random) -> list[Edit]:
    """A noun after a determiner or numeral given the other number, or the determiner the other number."""
    out = []
    for t in doc:
        if t.pos_ != "NOUN" or not t.is_alpha:
            continue
        dets = [c for c in t.children if c.dep_ in ("det", "nummod") and c.i < t.i]
        if len(dets) != 1 or any(c.dep_ == "compound" for c in t.children):
            continue
        d = dets[0]
        if d.lower_ in DET_NUMBER and rng.random() < 0.5:
            label = "D_SING" if d.lower_ in ("this", "that") else "D_PLUR"
            if (label == "D_SING") == (t.tag_ == "NN"):
                out.append((d.idx, d.idx + len(d), _same_case(d.text, DET_NUMBER[d.lower_]), label, -1))
            continue
        if t.tag_ == "NN" and d.lower_ in SINGULAR_DETS:
            new, label = _form(t.lemma_.lower(), "NNS"), "N_SING"
        elif t.tag_ == "NNS" and d.lower_ in PLURAL_DETS:
            new, label = _form(t.lemma_.lower(), "NN"), "N_PLUR"
        else:
            continue
        if new and new.lower() != t.lower_ and WORD.fullmatch(new):
            out.append((t.idx, t.idx + len(t), _same_case(t.text, new), label, -1))
    return out


MAKERS = ((stray_stop, 3), (comma_stop, 3), (possessive, 2), (verb_form, 3), (agreement, 3), (noun_number, 3))


def damage(doc, rng: random.Random) -> tuple[str, list[tuple[int, str]]]:
    """The damaged text and its labels as (character offset of the labelled token, label)."""
    k = rng.choices([n for n, _ in ERRORS], weights=[w for _, w in ERRORS])[0]
    chosen: list[Edit] = []
    for _ in range(k * 3):
        if len(chosen) >= k:
            break
        maker = rng.choices([m for m, _ in MAKERS], weights=[w for _, w in MAKERS])[0]
        sites = maker(doc, rng)
        if not sites:
            continue
        e = rng.choice(sites)
        if all(e[1] + 3 < c[0] or c[1] + 3 < e[0] for c in chosen):
            chosen.append(e)
    text, labels, shift = doc.text, [], 0
    for start, end, rep, label, at in sorted(chosen):
        pos = start + shift
        text = text[:pos] + rep + text[end + shift :]
        # the label goes on the word the edit touches (or, for a deletion, the word before it)
        anchor = (pos if rep else _word_start(text, pos)) if at == -1 else pos + at
        labels.append((anchor, label))
        shift += len(rep) - (end - start)
    return text, labels


def _word_start(text: str, end: int) -> int:
    i = end
    while i > 0 and not text[i - 1].isspace():
        i -= 1
    return i


def build(out: Path, corpus: Path, limit: int, seed: int, copies: int) -> dict[str, Counter[str]]:
    """Write train.spacy and dev.spacy (tags = labels) and dev_clean.jsonl (the dev split's clean paragraphs)."""
    import spacy
    from spacy.tokens import Doc, DocBin

    from copyedit import nlp as copyedit_nlp

    rng = random.Random(seed)
    model = copyedit_nlp.load()
    rows = list(articles(corpus))
    rng.shuffle(rows)
    rows = rows[: limit or None]
    bins = {"train": DocBin(attrs=["ORTH", "SPACY", "TAG"]), "dev": DocBin(attrs=["ORTH", "SPACY", "TAG"])}
    counts: dict[str, Counter[str]] = {"train": Counter(), "dev": Counter()}
    tokenizer = spacy.blank("en").tokenizer
    clean = []
    texts = [(split, p) for split, _, paras in rows for p in paras]
    for (split, para), doc in zip(texts, model.pipe(p for _, p in texts), strict=True):
        if split == "dev":
            clean.append(para)
        for _ in range(copies if split == "train" else 1):
            text, labels = damage(doc, rng)
            broken = tokenizer(text)
            starts = {t.idx: t.i for t in broken}
            tags = ["O"] * len(broken)
            if any(a not in starts for a, _ in labels):
                continue  # a label between tokens: the paragraph is left out rather than mislabelled
            for a, label in labels:
                tags[starts[a]] = label
            words = [t.text for t in broken]
            spaces = [bool(t.whitespace_) for t in broken]
            bins[split].add(Doc(broken.vocab, words=words, spaces=spaces, tags=tags))
            counts[split].update(tags)
    out.mkdir(parents=True, exist_ok=True)
    for split, docbin in bins.items():
        docbin.to_disk(out / f"{split}.spacy")
    (out / "dev_clean.jsonl").write_text("".join(json.dumps(p) + "\n" for p in clean))
    stats = {
        "seed": seed,
        "articles": len(rows),
        "train_docs": len(bins["train"]),
        "dev_docs": len(bins["dev"]),
        "clean_words": sum(len(p.split()) for p in clean),
        "labels": {split: dict(c) for split, c in counts.items()},
    }
    (out / "stats.json").write_text(json.dumps(stats, indent=1) + "\n")
    return counts


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--limit", type=int, default=0, help="articles to use; 0 = all")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--copies", type=int, default=1, help="damaged copies of each training paragraph")
    args = ap.parse_args()
    counts = build(args.out, args.corpus, args.limit, args.seed, args.copies)
    for split, c in counts.items():
        print(split, sum(c.values()), "tokens;", ", ".join(f"{k} {n}" for k, n in sorted(c.items()) if k != "O"))


if __name__ == "__main__":
    main()
