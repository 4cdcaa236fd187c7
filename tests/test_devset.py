"""The dev set (tests/data/devset.jsonl): damaged items of every family and correct look-alikes.

Precision is the product: a safe fix that changes a look-alike, or changes damage into the wrong text, fails
here. Recall has a floor so that a rule that silently stops firing is noticed; the figures are in the README.
"""

from __future__ import annotations

import pytest

from bench.devset import evaluate, load

#: The seed damage; every one must be in the dev set. Other rules add their own devset_*.jsonl files.
CORE = ("FRG001", "FRG002", "FRG003", "POS001", "VRB001", "NEG001", "HDL001")
FAMILIES = tuple(sorted({i["family"] for i in load()} - {"OK"}))


@pytest.fixture(scope="module")
def scores():
    return evaluate(load())


def test_devset_is_large_enough() -> None:
    items = load()
    damaged = [i for i in items if i["family"] != "OK"]
    assert len(damaged) >= 40 and len(items) - len(damaged) >= 40
    assert set(CORE) <= {i["family"] for i in damaged}


@pytest.mark.parametrize("family", [*FAMILIES, "ALL"])
def test_precision(scores, family: str) -> None:
    s = scores[family]
    assert s.precision >= 0.95, s.wrong


def test_no_rule_outside_the_families_fires(scores) -> None:
    assert set(scores) <= {*FAMILIES, "ALL"}, {k: v.wrong for k, v in scores.items() if k not in FAMILIES}


@pytest.mark.parametrize("family", CORE)
def test_every_family_finds_something(scores, family: str) -> None:
    assert scores[family].recall >= 0.4


def test_overall_recall_floor(scores) -> None:
    assert scores["ALL"].recall >= 0.8
