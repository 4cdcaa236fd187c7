"""The damage generator (bench/damage.py): deterministic for a seed, and damage only where it says it is."""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.damage import Damaged, Injection, damage_paragraphs, read, write
from bench.damage_sites import FAMILIES

PARAGRAPHS = [
    "# Talks between Washington and Seoul stall",
    "Officials said on Monday that the talks between Washington and Seoul had stalled, while the price of "
    "shares rose sharply in the afternoon. The minister has begun a review of the plan, which was drawn up "
    "in 2003. Several players in the market expect a deal before the end of the year.",
    "The company said it would continue to invest in the region. Mr Smith's decision to resign was a surprise "
    "to the board, and the workers' union has called for an inquiry into the matter.",
    "Neither the bank nor the regulator has commented on the report. An official at the ministry said the "
    "figures for the first quarter were better than expected.",
]


def _undo(broken: str, injections: list[Injection]) -> str:
    """The broken text with every injected span put back as it was."""
    for j in sorted(injections, key=lambda j: j.start, reverse=True):
        broken = broken[: j.start] + j.gold + broken[j.end :]
    return broken


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_same_seed_same_damage(seed: int) -> None:
    assert damage_paragraphs(PARAGRAPHS, seed) == damage_paragraphs(PARAGRAPHS, seed)


def test_different_seeds_differ() -> None:
    results = {damage_paragraphs(PARAGRAPHS, seed)[1] for seed in range(8)}  # type: ignore[index]
    assert len(results) > 1


@pytest.mark.parametrize("seed", range(12))
def test_gold_differs_from_broken_only_at_the_injected_spans(seed: int) -> None:
    result = damage_paragraphs(PARAGRAPHS, seed)
    assert result is not None
    gold, broken, injections = result
    assert gold == "\n\n".join(PARAGRAPHS) + "\n"
    assert 1 <= len(injections) <= 3 and gold != broken
    for j in injections:
        assert broken[j.start : j.end] == j.broken and j.broken != j.gold and j.family in FAMILIES
    assert _undo(broken, injections) == gold
    assert not broken.startswith("# ") or broken.split("\n", 1)[0] == PARAGRAPHS[0], "the heading is never damaged"


def test_write_and_read_round_trip(tmp_path: Path) -> None:
    gold, broken, injections = damage_paragraphs(PARAGRAPHS, 7)  # type: ignore[misc]
    write([Damaged("001", "inline", gold, broken, tuple(injections))], tmp_path)
    assert read(tmp_path) == [Damaged("001", "inline", gold, broken, tuple(injections))]
    assert (tmp_path / "001.broken.md").read_text(encoding="utf-8") == broken
