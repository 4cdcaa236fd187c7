"""rules/data/*.yaml: the word lists hold words, as written."""

from __future__ import annotations

from typing import Any

import pytest

from copyedit import lexicon

NAMES = sorted(p.stem for p in (lexicon.rules_dir() / "data").glob("*.yaml"))


def _items(node: Any) -> list[Any]:
    if isinstance(node, dict):
        return [*node.keys(), *(i for v in node.values() for i in _items(v))]
    if isinstance(node, list):
        return [i for v in node for i in (_items(v) if isinstance(v, (dict, list)) else [v])]
    return []


@pytest.mark.parametrize("name", NAMES)
def test_no_word_is_read_as_a_boolean_or_nothing(name: str) -> None:
    odd = [i for i in _items(lexicon.load(name)) if isinstance(i, bool) or i is None]
    assert odd == [], f"{name}.yaml: {odd}"


def test_on_and_off_stay_words() -> None:
    """YAML 1.1 reads on, off, yes and no as booleans; the word lists keep them as the words they are."""
    assert {"on", "off"} <= set(lexicon.load("triggers")["prepositions"])
    assert "on" in lexicon.load("subordinators")["opening_prepositions"]
