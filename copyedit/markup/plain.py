"""Plain text: paragraphs are runs of non-blank lines; nothing is masked."""

from __future__ import annotations

import re

from copyedit.markup import Block, ProseView

_BLANK_RUN = re.compile(r"(?:\r?\n[ \t]*){2,}")
_TERMINAL = tuple(".!?:;…\"'”’)]")
_WORD = re.compile(r"[^\W\d_][\w’'\-]*")
_BULLET = re.compile(r"\s*(?:[-*•–]|\d+[.)])\s")
#: Words no heading or title ends on: a line that does was cut off in mid-sentence.
_NEVER_LAST = frozenset({"a", "an", "the", "of", "and", "or", "but"})


def plain_view(text: str) -> ProseView:
    """Every paragraph of a plain-text file as a block; the first line may be a title."""
    spans: list[tuple[int, str]] = []
    pos = 0
    for sep in [*_BLANK_RUN.finditer(text), None]:
        end = sep.start() if sep else len(text)
        chunk = text[pos:end]
        lead = len(chunk) - len(chunk.lstrip())
        body = chunk.strip()
        if body:
            spans.append((pos + lead, body))
        pos = sep.end() if sep else len(text)
    blocks = [
        Block(start, start + len(body), _kind(body, k == 0, spans[k + 1][1] if k + 1 < len(spans) else ""))
        for k, (start, body) in enumerate(spans)
    ]
    return ProseView(text=text, blocks=tuple(blocks))


def _kind(body: str, first: bool, following: str = "") -> str:
    """A short or title-cased line without closing punctuation is the title (first block) or a heading; but not
    one that stops on an article, "of" or a conjunction, on which no heading ends, nor one before a paragraph
    that opens in lower case, which no heading comes before: such a line is a paragraph broken in two. A short
    line in sentence case after the first is a "line": a heading or a paragraph cut short, which only its words
    tell apart (FRG003 reads them; every other rule leaves it alone, as a heading)."""
    if _BULLET.match(body):
        return "list_item"
    if "\n" in body or body.endswith(_TERMINAL):
        return "paragraph"
    last = body.rsplit(None, 1)[-1].lower()
    if last in _NEVER_LAST or following[:1].islower():
        return "paragraph"
    words = _WORD.findall(body)
    capitalised = sum(w[0].isupper() for w in words)
    if first and (len(words) <= 10 or capitalised * 2 > len(words)):
        return "title"
    if capitalised * 2 > len(words):
        return "heading"
    return "line" if len(words) <= 8 else "paragraph"
