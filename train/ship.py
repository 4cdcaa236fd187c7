"""Put a trained detector where copyedit loads it (copyedit/models/damage), with its thresholds and model card.

usage: python -m train.ship MODEL_DIR DATA_DIR [STEPS]
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

from train.damage import LABELS

TARGET = Path(__file__).resolve().parents[1] / "copyedit" / "models" / "damage"

CARD = """# Model card: copyedit's damage detector

A token tagger (spaCy `tok2vec` + `tagger`, its own hash embeddings over NORM, PREFIX, SUFFIX and SHAPE and a
4-layer CNN of width 96 and window 1, as en_core_web_sm's; no word vectors, no parse) that labels the token
carrying a repair. copyedit turns each label into a finding of an existing rule family (copyedit/detector.py);
this folder is made by `make train`.

## Data
- Clean text: BBC News 2004–05 (Greene & Cunningham 2006; research dataset, copyright BBC) and Reuters-21578
  (1987; free for research), from ../shared/corpus/news. Only the weights learned from them ship here.
- Left out: every article whose text is in the shared independent set or in the benchmark's frozen set.
- Split by article (a hash of the file name): one in ten for calibration and clean-news checks, the rest for
  training. Damage is put in by train/damage.py (seed {seed}): {train_docs} training paragraphs, {dev_docs}
  held-out ones, {clean_words} words of held-out clean paragraphs.

## Labels
{labels}

## Training
`spacy train train/config.cfg`, seed 13, CPU, {steps} steps; best tag accuracy on the held-out damaged
paragraphs {tag_acc}. Size on disk: {size_mb:.1f} MB.

## Thresholds (train/calibrate.py)
A label's fix is safe at or above "safe" (never below 0.5), unsafe at or above "unsafe", not reported below.
Figures at each bar: precision and recall on held-out synthetic damage, hits per 10,000 words of held-out clean
news, after copyedit/detector.py's vetoes; a hit on a slip the published text really has (judged by hand in
train/clean_slips.jsonl, "declined to disclosed") is no false alarm.

| label | safe | precision | recall | clean /10k | unsafe | precision | recall | clean /10k |
|---|---|---|---|---|---|---|---|---|
{thresholds}

Labels listed in rules/data/detector_safety.yaml (V_SING, V_PLUR) are never safe, whatever their bar: on
all of BBC and Reuters their safe fixes were wrong more often than right. POSS and STOP_COMMA are safe only
where the rule's own tests agree (a name that can own, or a noun that news always gives its "'s" after "the" before
an adjective that does not classify; a fragment FRG002 joins backward).

Real text is harder than synthetic damage: the figures that count are bench.independent's and
bench.false_alarms' (README, "Measuring").
"""


def _row(label: str, r: dict) -> str:
    cells = []
    for name in ("safe", "unsafe"):
        f = r.get(f"{name}_figures")
        bar = "never" if r[name] > 1 else f"{r[name]:.2f}"
        cells += [bar, *(("–",) * 3 if f is None else (f["precision"], f["recall"], f["clean_per_10k"]))]
    return f"| {label} | " + " | ".join(str(c) for c in cells) + " |"


def main() -> None:
    model, data = Path(sys.argv[1]), Path(sys.argv[2])
    if TARGET.exists():
        shutil.rmtree(TARGET)
    shutil.copytree(model, TARGET)
    thresholds = json.loads((model / "thresholds.json").read_text())
    meta = json.loads((model / "meta.json").read_text())
    stats = json.loads((data / "stats.json").read_text()) if (data / "stats.json").is_file() else {}
    size = sum(p.stat().st_size for p in TARGET.rglob("*") if p.is_file()) / 1e6
    from train.damage import __doc__ as damage_doc

    table = "\n".join(line for line in (damage_doc or "").splitlines() if line.startswith("|"))
    card = CARD.format(
        seed=stats.get("seed", "?"),
        train_docs=stats.get("train_docs", "?"),
        dev_docs=stats.get("dev_docs", "?"),
        clean_words=stats.get("clean_words", "?"),
        labels=table,
        steps=sys.argv[3] if len(sys.argv) > 3 else "?",
        tag_acc=round(meta.get("performance", {}).get("tag_acc", 0), 4),
        size_mb=size,
        thresholds="\n".join(_row(label, thresholds[label]) for label in LABELS if label in thresholds),
    )
    (TARGET / "MODEL_CARD.md").write_text(card)
    print(f"shipped {TARGET} ({size:.1f} MB)")


if __name__ == "__main__":
    main()
