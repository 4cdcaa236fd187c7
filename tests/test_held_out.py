"""bench/held_out.py: one error at a time in held-out paragraphs, fixed and scored."""

from __future__ import annotations

import random
from pathlib import Path

from bench import held_out
from train import damage

PARAGRAPHS = [
    "Shares in the bank rose sharply on Monday after it said profits would beat forecasts this year.",
    "The company said it had agreed to sell its stake in the venture to a group of investors for cash.",
    "Analysts said the deal would leave the bank with more capital than most of its rivals in Europe.",
]


def _corpus(tmp_path: Path, n: int = 3) -> Path:
    """A corpus of ``n`` BBC-style articles that all fall in the dev split."""
    folder = tmp_path / "news" / "bbc"
    folder.mkdir(parents=True)
    made, i = 0, 0
    while made < n:
        name = f"business_{i:03}.txt"
        i += 1
        if damage.split_of(f"bbc/{name}") != "dev":
            continue
        (folder / name).write_text("Headline\n\n" + "\n\n".join(PARAGRAPHS) + "\n", encoding="utf-8")
        made += 1
    return tmp_path / "news"


def test_a_paragraph_break_cuts_one_paragraph_in_two_inside_a_sentence() -> None:
    arts = [("a", PARAGRAPHS)]
    clean, broken, _ = next(held_out.paragraph_breaks(arts, random.Random(1)))
    assert clean == "\n\n".join(PARAGRAPHS)
    assert broken.count("\n\n") == clean.count("\n\n") + 1
    assert broken.replace("\n\n", " ").lower() == clean.replace("\n\n", " ").lower()


def test_every_sample_is_scored_once(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    for kind in ("paragraph_break", "stray_stop"):
        outcome = held_out.run(kind, 2, 7, corpus)
        assert sum(outcome.values()) == 2
        assert set(outcome) <= {"ok", "missed", "other"}
