"""Thresholds for the damage detector, from held-out synthetic damage and clean news it never trained on.

usage: python -m train.calibrate MODEL_DIR DATA_DIR [--out thresholds.json]

For each label and each candidate probability, on the dev split (articles the model never saw): precision and recall
on the damaged copies (dev.spacy), and hits on the clean paragraphs (dev_clean.jsonl, every hit a false alarm, per
10,000 words). A label's "safe" bar is the lowest probability where, over at least MIN_SUPPORT findings, synthetic
precision is at least SAFE_PRECISION and the clean paragraphs have at most SAFE_CLEAN hits per 10,000 words; its
"unsafe" bar the lowest where precision is at least UNSAFE_PRECISION (right more often than wrong) and clean hits at
most UNSAFE_CLEAN. A label that reaches neither bar is never reported.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

SAFE_PRECISION = 0.97
SAFE_CLEAN = 0.05
UNSAFE_PRECISION = 0.6
UNSAFE_CLEAN = 0.5
#: No fix is safe on a probability below this, whatever the held-out figures: real text is not the generator's.
SAFE_FLOOR = 0.5
#: Probabilities tried as bars: 0.30 … 0.99 by hundredths, then 0.991 … 0.999 (a sharp model's sure hits sit there).
CANDIDATES = [round(0.30 + 0.01 * k, 2) for k in range(70)] + [round(0.99 + 0.001 * k, 3) for k in range(1, 10)]
NEVER = 1.1
#: Findings a bar must rest on: a precision measured on fewer is no measurement.
MIN_SUPPORT = {"safe": 20, "unsafe": 10}


def collect(
    model: Any, data: Path
) -> tuple[dict[str, list[tuple[float, bool]]], dict[str, int], dict[str, list[float]], int]:
    """Per label: (probability, right) of each finding the detector would make on dev.spacy (after the rules'
    vetoes in copyedit/detector.py, on en_core_web_sm's parse, as in a real run); gold counts; the probabilities
    of each finding on the clean paragraphs; and the clean words."""
    import spacy
    from spacy.tokens import DocBin

    labels = model.get_pipe("tagger").labels
    predicted: dict[str, list[tuple[float, bool]]] = {}
    gold: dict[str, int] = {}
    damaged = list(DocBin().from_disk(data / "dev.spacy").get_docs(spacy.blank("en").vocab))
    for doc, found in zip(damaged, _findings(model, [d.text for d in damaged], labels), strict=True):
        tags = [t.tag_ for t in doc]
        for t in doc:
            if t.tag_ != "O":
                gold[t.tag_] = gold.get(t.tag_, 0) + 1
        for i, label, p in found:
            predicted.setdefault(label, []).append((p, i < len(tags) and tags[i] == label))
    paragraphs = [json.loads(line) for line in (data / "dev_clean.jsonl").read_text().splitlines() if line]
    clean: dict[str, list[float]] = {}
    slips = _slips()
    for text, found in zip(paragraphs, _findings(model, paragraphs, labels), strict=True):
        for i, label, p in found:
            if (label, _token(text, i)) not in slips:
                clean.setdefault(label, []).append(p)
    return predicted, gold, clean, sum(len(p.split()) for p in paragraphs)


#: Hits on the clean paragraphs judged by hand to be real slips of the published text ("declined to disclosed"):
#: a fix there is right, so it is no false alarm (train/clean_slips.jsonl: label, the word, its context).
SLIPS = Path(__file__).with_name("clean_slips.jsonl")


def _slips() -> set[tuple[str, str]]:
    rows = [json.loads(line) for line in SLIPS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {(r["label"], r["context"]) for r in rows}


def _token(text: str, i: int) -> str:
    """The hit's word with four words either side, as clean_slips.jsonl records it."""
    from copyedit.nlp import parse

    doc = next(iter(parse([text])))
    return f"{doc[max(0, i - 4) : i].text} [[{doc[i].text}]] {doc[i + 1 : i + 5].text}"


def _findings(model: Any, texts: list[str], labels: list[str]) -> list[list[tuple[int, str, float]]]:
    """For each text: (token, label, probability) of each token whose best label is not "O" and that the
    detector's vetoes let through as a finding."""
    from copyedit import detector
    from copyedit.markup import Block
    from copyedit.nlp import parse
    from copyedit.rule import Context, Parsed, catalogue

    out = []
    for start in range(0, len(texts), 256):
        docs = list(parse(texts[start : start + 256]))
        for doc, probs in zip(docs, detector.probabilities(model, docs), strict=True):
            block = (Parsed(Block(0, len(doc.text), "paragraph"), doc=doc),)
            row = []
            for t, p in zip(doc, probs, strict=True):
                best = int(p.argmax())
                label = labels[best]
                if label == "O" or label not in detector.CODES:
                    continue
                ctx = Context(rule=catalogue()[detector.CODES[label]], blocks=block, index=0, source=doc.text)
                if detector._edit(t, label, ctx) is not None:
                    row.append((t.i, label, float(p[best])))
            out.append(row)
    return out


def choose(predicted: list[tuple[float, bool]], gold: int, clean: list[float], words: int) -> dict[str, Any]:
    """One label's bars and its figures at each."""

    def at(t: float) -> tuple[float, float, float]:
        hits = [right for p, right in predicted if p >= t]
        precision = sum(hits) / len(hits) if hits else 1.0
        recall = sum(hits) / gold if gold else 0.0
        alarms = sum(1 for p in clean if p >= t) * 10_000 / max(words, 1)
        return precision, recall, alarms

    out: dict[str, Any] = {}
    for name, p_min, clean_max in (("safe", SAFE_PRECISION, SAFE_CLEAN), ("unsafe", UNSAFE_PRECISION, UNSAFE_CLEAN)):
        support = MIN_SUPPORT[name]
        bar = next(
            (
                t
                for t in CANDIDATES
                if name == "unsafe" or t >= SAFE_FLOOR
                if at(t)[0] >= p_min and at(t)[2] <= clean_max and sum(p >= t for p, _ in predicted) >= support
            ),
            NEVER,
        )
        out[name] = bar
        if bar < NEVER:
            precision, recall, alarms = at(bar)
            out[f"{name}_figures"] = {
                "precision": round(precision, 3),
                "recall": round(recall, 3),
                "clean_per_10k": round(alarms, 3),
            }
    if out["unsafe"] > out["safe"]:
        out["unsafe"] = out["safe"]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model", type=Path)
    ap.add_argument("data", type=Path)
    ap.add_argument("--out", type=Path)
    args = ap.parse_args()
    import spacy

    model = spacy.load(args.model)
    predicted, gold, clean, words = collect(model, args.data)
    result = {
        label: choose(predicted.get(label, []), gold.get(label, 0), clean.get(label, []), words)
        for label in model.get_pipe("tagger").labels
        if label != "O"
    }
    print(f"clean dev paragraphs: {words} words")
    for label, r in result.items():
        safe, unsafe = r.get("safe_figures", ""), r.get("unsafe_figures", "")
        print(f"{label:10} gold {gold.get(label, 0):5}  safe {r['safe']:.3f} {safe}  unsafe {r['unsafe']:.3f} {unsafe}")
    text = json.dumps(result, indent=1) + "\n"
    (args.out or args.model / "thresholds.json").write_text(text)


if __name__ == "__main__":
    main()
