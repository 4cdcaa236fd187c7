"""The library API over many documents: an iterable in, results out in the same order, lazily.

`fix_records` works on dict records (JSONL rows) and returns rows that carry the fixed text and the findings
in the layout of `copyedit check --format json`, so a pipeline's output matches the command line's.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from copyedit import engine, report
from copyedit.config import Config
from copyedit.engine import FixResult
from copyedit.model import Finding
from copyedit.runner import CHUNK


def check_texts(
    texts: Iterable[str], markup: str = "text", config: Config | None = None, select: Iterable[str] | None = None
) -> Iterator[list[Finding]]:
    """The findings of each text, in order."""
    cfg = config or Config()
    rules = engine.select_rules(*cfg.selected(tuple(select or ())))
    for text in _preparsed(texts, markup, rules):
        yield engine.check_text(text, markup, rules, cfg)


def fix_texts(
    texts: Iterable[str],
    markup: str = "text",
    unsafe: bool = False,
    config: Config | None = None,
    select: Iterable[str] | None = None,
) -> Iterator[FixResult]:
    """Each text fixed as `copyedit fix` would fix it, in order."""
    cfg = config or Config()
    rules = engine.select_rules(*cfg.selected(tuple(select or ())))
    for text in _preparsed(texts, markup, rules):
        yield engine.fix_text(text, markup, unsafe or cfg.unsafe_fixes, rules, cfg)


def fix_records(
    records: Iterable[dict[str, Any]],
    text_field: str = "text",
    id_field: str = "id",
    markup: str = "text",
    unsafe: bool = False,
    config: Config | None = None,
) -> Iterator[dict[str, Any]]:
    """Each record with `copyedit`: {"text": fixed text, "changed", "findings": what `check --format json`
    reports for the original text, with the record's id as its path}."""
    cfg = config or Config()
    rules = engine.select_rules(*cfg.selected())
    for record in _preparsed(records, markup, rules, text_field):
        text = record[text_field]
        name = str(record.get(id_field, ""))
        findings = tuple(engine.check_text(text, markup, rules, cfg))
        fixed = engine.fix_text(text, markup, unsafe or cfg.unsafe_fixes, rules, cfg).text
        rows = report.findings_json([report.FileReport(name, text, findings)])
        yield {**record, "copyedit": {"text": fixed, "changed": fixed != text, "findings": rows}}


def _preparsed(
    items: Iterable[Any], markup: str, rules: tuple[engine.Rule, ...], field: str | None = None
) -> Iterator[Any]:
    """``items`` (texts, or records with the text in ``field``) as they come, a few at a time, with their blocks
    parsed together first as the command line does (see `engine.preparse`)."""
    it = iter(items)
    while chunk := list(islice(it, CHUNK)):
        engine.preparse((item if field is None else item[field], markup, rules) for item in chunk)
        yield from chunk
