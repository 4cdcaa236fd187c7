"""Every example of every rule: the bad span is reported, the fix is exact and final, good text stays."""

from __future__ import annotations

import pytest

from copyedit.engine import check_text, fix_text
from copyedit.model import Safety
from copyedit.rule import _MARK, Example, Rule, catalogue, suggested_only

CASES = [(r, ex) for r in catalogue().values() for ex in r.examples]


def _spans(bad: str) -> list[tuple[int, int]]:
    """Every [[…]] span of a bad example (a document-level rule may report several), in offsets of its text."""
    return [(m.start() - 4 * i, m.end() - 4 * i - 4) for i, m in enumerate(_MARK.finditer(bad))]


def _id(case: tuple[Rule, Example]) -> str:
    r, ex = case
    return f"{r.code}-{'bad' if ex.bad is not None else 'good'}-{ex.text[:40]}"


@pytest.mark.parametrize("case", CASES, ids=[_id(c) for c in CASES])
def test_example(case: tuple[Rule, Example]) -> None:
    r, ex = case
    rules = (r, *(catalogue()[code] for code in ex.also))
    found = [f for f in check_text(ex.text, ex.markup, rules) if f.code == r.code]
    if ex.bad is None:
        assert found == [], f"{r.code} fired on good text: {[f.message for f in found]}"
        return
    assert [(f.start, f.end) for f in found] == _spans(ex.bad), (
        f"{r.code} reported {[ex.text[f.start : f.end] for f in found]}"
    )
    if ex.fixed is not None and ex.unsafe and r.code in suggested_only():
        # an unsafe fix of a rule whose unsafe fixes are only suggested: shown with the finding, never applied
        (f,) = found
        assert f.safety is Safety.DISPLAY and not f.fixable
        (edit,) = f.edits
        assert ex.text[: edit.start] + edit.replacement + ex.text[edit.end :] == ex.fixed
        assert fix_text(ex.text, ex.markup, unsafe=True, rules=(r,)).text == ex.text
        return
    if ex.fixed is not None:
        result = fix_text(ex.text, ex.markup, unsafe=True, rules=(r,))
        assert result.text == ex.fixed
        by_default = fix_text(ex.text, ex.markup, rules=(r,)).text
        assert by_default == (ex.text if ex.unsafe else ex.fixed), "safety differs from the example's"
        assert check_text(result.text, ex.markup, (r,)) == [], "the fixed text still triggers the rule"


def test_catalogue_invariants() -> None:
    rules = catalogue()
    assert rules, "no rules registered"
    for code, r in rules.items():
        assert code == r.code and r.code[:3].isalpha() and r.code[3:].isdigit(), code
        assert r.name == r.name.lower() and " " not in r.name, r.name
        assert any(ex.bad is not None for ex in r.examples), f"{code} has no bad example"
        assert any(ex.good is not None for ex in r.examples), f"{code} has no good example"
        if r.safety is Safety.SAFE:
            assert all(ex.fixed is not None for ex in r.examples if ex.bad is not None), (
                f"{code}: safe bad without fixed"
            )
    names = [r.name for r in rules.values()]
    assert len(names) == len(set(names))
