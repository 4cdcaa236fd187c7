"""The library API over many documents: an iterable in, results out in the same order, lazily.

`fix_records` works on dict records (JSONL rows) and returns rows that carry the fixed text and the findings
in the layout of `copyedit check --format json`, so a pipeline's output matches the command line's.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from copyedit import engine, report
from copyedit.api import check_options, check_text_argument, codes_argument, record_text
from copyedit.config import Config
from copyedit.engine import FixResult
from copyedit.model import Finding
from copyedit.runner import CHUNK


def check_texts(
    texts: Iterable[str], markup: str = "text", config: Config | None = None, select: Iterable[str] | None = None
) -> Iterator[list[Finding]]:
    """The findings of each text, in order. The arguments are checked at the call, each text as it comes."""
    check_options("check_texts", markup, config=config)
    cfg = config or Config()
    rules = engine.select_rules(*cfg.selected(codes_argument("check_texts", select)))
    return (engine.check_text(text, markup, rules, cfg) for text in _preparsed("check_texts", texts, markup, rules))


def fix_texts(
    texts: Iterable[str],
    markup: str = "text",
    unsafe: bool = False,
    config: Config | None = None,
    select: Iterable[str] | None = None,
) -> Iterator[FixResult]:
    """Each text fixed as `copyedit fix` would fix it, in order."""
    check_options("fix_texts", markup, unsafe, config)
    cfg = config or Config()
    rules = engine.select_rules(*cfg.selected(codes_argument("fix_texts", select)))
    return (
        engine.fix_text(text, markup, unsafe or cfg.unsafe_fixes, rules, cfg)
        for text in _preparsed("fix_texts", texts, markup, rules)
    )


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
    check_options("fix_records", markup, unsafe, config)
    cfg = config or Config()
    return _fixed_records(records, text_field, id_field, markup, unsafe or cfg.unsafe_fixes, cfg)


def _fixed_records(
    records: Iterable[dict[str, Any]], text_field: str, id_field: str, markup: str, unsafe: bool, cfg: Config
) -> Iterator[dict[str, Any]]:
    rules = engine.select_rules(*cfg.selected())
    for record in _preparsed("fix_records", records, markup, rules, text_field):
        text = record[text_field]
        name = str(record.get(id_field, ""))
        findings = tuple(engine.check_text(text, markup, rules, cfg))
        fixed = engine.fix_text(text, markup, unsafe, rules, cfg).text
        rows = report.findings_json([report.FileReport(name, text, findings)])
        yield {**record, "copyedit": {"text": fixed, "changed": fixed != text, "findings": rows}}


def _preparsed(
    where: str, items: Iterable[Any], markup: str, rules: tuple[engine.Rule, ...], field: str | None = None
) -> Iterator[Any]:
    """``items`` (texts, or records with the text in ``field``) as they come, a few at a time, with their blocks
    parsed together first as the command line does (see `engine.preparse`); an item that holds no str is a
    TypeError naming it."""
    it = iter(items)
    done = 0
    while chunk := list(islice(it, CHUNK)):
        texts = [
            check_text_argument(f"{where}: text {done + i}", item)
            if field is None
            else record_text(f"{where}: record {done + i}", item, field)
            for i, item in enumerate(chunk)
        ]
        done += len(chunk)
        engine.preparse((text, markup, rules) for text in texts)
        yield from chunk
