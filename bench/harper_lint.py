"""Harper's lints as JSON, for bench/quality.py: run with .venv-harper/bin/python, never imported by copyedit.

stdin:  {"items": [{"text": str, "markup": "markdown" | "text", "dialect": "american" | "british"}, …]}
stdout: {"harper": version, "results": [[{"rule", "start", "end", "replacement"}, …], …]}, one list per item;
each lint becomes the edit its first suggestion makes (``replacement`` null when it has none). Offsets are
``str`` indices into the item's text. This file needs only the standard library and harper-py.
"""

from __future__ import annotations

import json
import sys
from importlib.metadata import version
from typing import Any

from harper import Dialect, Language, Linter, SuggestionKind

LANGUAGES = {"markdown": Language.MARKDOWN, "text": Language.PLAINTEXT}


def first_edit(lint: Any) -> tuple[int, int, str | None]:
    """The span and replacement of the lint's first suggestion (None when Harper offers none)."""
    start, end = lint.span.start, lint.span.end
    if not lint.suggestions:
        return start, end, None
    s = lint.suggestions[0]
    if s.kind == SuggestionKind.REMOVE:
        return start, end, ""
    if s.kind == SuggestionKind.INSERT_AFTER:
        return end, end, s.replacement_text
    return start, end, s.replacement_text


def lint_item(linter: Any, item: dict[str, str]) -> list[dict[str, Any]]:
    """Every lint of one text, keyed by the Harper rule that made it, in text order."""
    found = linter.organized_lints(item["text"], language=LANGUAGES[item.get("markup", "text")])
    out = []
    for rule, lints in found.items():
        for lint in lints:
            start, end, replacement = first_edit(lint)
            out.append({"rule": rule, "start": start, "end": end, "replacement": replacement})
    return sorted(out, key=lambda e: (e["start"], e["end"], e["rule"]))


def main() -> None:
    request = json.load(sys.stdin)
    linters: dict[str, Any] = {}
    results = []
    for item in request["items"]:
        dialect = item.get("dialect", "american")
        if dialect not in linters:
            linters[dialect] = Linter(Dialect[dialect.upper()])
        results.append(lint_item(linters[dialect], item))
    json.dump({"harper": version("harper-py"), "results": results}, sys.stdout)


if __name__ == "__main__":
    main()
