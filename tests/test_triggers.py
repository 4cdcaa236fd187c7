"""Triggers only save work: with them on, every rule finds exactly what it finds with them off.

A trigger that is not a superset of what its rule can fire on hides real findings; these tests run every rule
example and every dev-set text both ways and compare the findings.
"""

from __future__ import annotations

import pytest

from bench.devset import load
from copyedit import engine
from copyedit.engine import check_text
from copyedit.rule import Rule, catalogue

EXAMPLES = [(r, ex) for r in catalogue().values() for ex in r.examples]


def _both_ways(monkeypatch: pytest.MonkeyPatch, text: str, markup: str = "text", rules: tuple[Rule, ...] | None = None):
    """Findings with triggers off, then on."""
    monkeypatch.setattr(engine, "TRIGGERS", False)
    off = check_text(text, markup, rules)
    monkeypatch.setattr(engine, "TRIGGERS", True)
    return off, check_text(text, markup, rules)


def test_every_rule_example_finds_the_same_with_triggers(monkeypatch: pytest.MonkeyPatch) -> None:
    for r, ex in EXAMPLES:
        rules = (r, *(catalogue()[code] for code in ex.also))
        off, on = _both_ways(monkeypatch, ex.text, ex.markup, rules)
        assert on == off, f"{r.code} example {ex.text[:60]!r}: triggers change the findings"
        if ex.fixed is not None:
            off, on = _both_ways(monkeypatch, ex.fixed, ex.markup, rules)
            assert on == off, f"{r.code} fixed example {ex.fixed[:60]!r}: triggers change the findings"


def test_every_example_text_finds_the_same_with_all_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    """All rules at once: a rule's trigger must also hold on other rules' examples."""
    text = "\n\n".join(ex.text for _, ex in EXAMPLES if ex.markup == "text")
    off, on = _both_ways(monkeypatch, text)
    assert on == off


def test_dev_sets_find_the_same_with_triggers(monkeypatch: pytest.MonkeyPatch) -> None:
    items = load()
    texts = [t for item in items for t in (item["text"], item.get("expected") or "") if t]
    lost, gained = [], []
    for text in texts:
        off, on = _both_ways(monkeypatch, text)
        lost += [(f.code, text[f.start : f.end]) for f in off if f not in on]
        gained += [(f.code, text[f.start : f.end]) for f in on if f not in off]
    assert not lost and not gained, f"lost {lost[:10]}, gained {gained[:10]}"


def test_a_rule_without_trigger_runs_everywhere_and_a_trigger_skips_blocks() -> None:
    r = catalogue()["NEG001"]
    assert r.triggered("Both the club and the league have not commented.")
    assert not r.triggered("The club has not commented.")
    assert catalogue()["SUP001"].triggered("anything") is False


def test_blocks_no_rule_needs_are_not_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only blocks a triggered rule runs on (and neighbours a rule looks at) are parsed."""
    from copyedit import nlp

    parsed: list[str] = []
    real = nlp.parse_all

    def spy(texts: list[str]):
        parsed.extend(texts)
        return real(texts)

    monkeypatch.setattr(nlp, "parse_all", spy)
    monkeypatch.setattr(engine, "TRIGGERS", True)
    text = "Both the club and the league have not commented.\n\nThe weather was fine on Sunday.\n"
    found = check_text(text, "text", (catalogue()["NEG001"],))
    assert [f.code for f in found] == ["NEG001"]
    assert parsed == ["Both the club and the league have not commented."]


def test_entities_on_demand_find_what_an_eager_recogniser_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    """The recogniser runs only on Docs where a rule asks for a label; every rule must find the same as when
    every Doc went through it."""
    from copyedit import nlp

    texts = [ex.text for r in catalogue().values() for ex in r.examples] + [i["text"] for i in load()]
    lazy = [check_text(t, "text") for t in texts]
    real = nlp.parse

    def eager(texts: list[str], batch_size: int = 64):
        for doc in real(texts, batch_size):
            if len(doc):
                nlp.entity_type(doc[0])
            yield doc

    nlp._CACHE.clear()
    monkeypatch.setattr(nlp, "parse", eager)
    assert [check_text(t, "text") for t in texts] == lazy
    nlp._CACHE.clear()


def test_entity_type_runs_the_recogniser_once_per_doc() -> None:
    from copyedit import nlp

    doc = next(nlp.parse(["Tony Blair flew to Paris on Monday."]))
    assert not doc.ents
    assert nlp.entity_type(doc[0]) == "PERSON"
    assert [e.label_ for e in doc.ents] == ["PERSON", "GPE", "DATE"]
    assert nlp.entity_type(doc[4]) == "GPE"


def test_only_nlp_reads_entity_labels() -> None:
    """Every entity read goes through ``nlp.entity_type``: a direct ``ent_type_`` or ``.ents`` would see a Doc
    the recogniser has not run on."""
    import re
    from pathlib import Path

    package = Path(__file__).resolve().parents[1] / "copyedit"
    direct = re.compile(r"\.ent_type_?\b|\.ents\b|\.ent_iob")
    readers = [p.name for p in package.rglob("*.py") if p.name != "nlp.py" and direct.search(p.read_text())]
    assert readers == []


def test_a_rule_whose_entities_only_veto_finds_the_same_when_they_always_run() -> None:
    """``entities_veto``: the rule runs without entity labels first; where it finds nothing, labels would not have
    given it a finding either (checked on every rule example and dev-set text)."""
    from dataclasses import replace

    veto = [r for r in catalogue().values() if r.entities_veto]
    assert {"AGR001", "AGR002", "ART001"} <= {r.code for r in veto}
    texts = [ex.text for r in catalogue().values() for ex in r.examples] + [i["text"] for i in load()]
    for r in veto:
        plain = replace(r, entities_veto=False)
        for text in texts:
            assert check_text(text, "text", (r,)) == check_text(text, "text", (plain,)), f"{r.code} on {text[:60]!r}"
