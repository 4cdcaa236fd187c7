"""docs/rules.md is generated from the rule definitions and must be current."""

from __future__ import annotations

from pathlib import Path

from copyedit.engine import select_rules
from copyedit.report import rules_markdown

DOCS = Path(__file__).resolve().parents[1] / "docs" / "rules.md"


def test_rules_doc_is_current() -> None:
    expected = rules_markdown(select_rules())
    assert DOCS.read_text(encoding="utf-8") == expected, "run: copyedit rules --format markdown > docs/rules.md"


def test_every_rule_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for r in select_rules():
        assert f"\n## {r.code}\n" in text and "### Examples" in text
