"""Plain text: paragraphs are runs of non-blank lines; nothing is masked."""

from __future__ import annotations

import re

from copyedit.markup import Block, ProseView

_BLANK_RUN = re.compile(r"(?:\r?\n[ \t]*){2,}")
_TERMINAL = tuple(".!?:;…\"'”’)]")
_WORD = re.compile(r"[^\W\d_][\w’'\-]*")
_BULLET = re.compile(r"\s*(?:[-*•–]|\d+[.)])\s")


def plain_view(text: str) -> ProseView:
    """Every paragraph of a plain-text file as a block; the first line may be a title."""
    blocks: list[Block] = []
    pos = 0
    for sep in [*_BLANK_RUN.finditer(text), None]:
        end = sep.start() if sep else len(text)
        chunk = text[pos:end]
        lead = len(chunk) - len(chunk.lstrip())
        body = chunk.strip()
        if body:
            start = pos + lead
            blocks.append(Block(start, start + len(body), _kind(body, first=not blocks)))
        pos = sep.end() if sep else len(text)
    return ProseView(text=text, blocks=tuple(blocks))


def _kind(body: str, first: bool) -> str:
    """A short or title-cased line without closing punctuation is the title (first block) or a heading."""
    if _BULLET.match(body):
        return "list_item"
    if "\n" in body or body.endswith(_TERMINAL):
        return "paragraph"
    words = _WORD.findall(body)
    capitalised = sum(w[0].isupper() for w in words)
    if len(words) <= (10 if first else 8) or capitalised * 2 > len(words):
        return "title" if first else "heading"
    return "paragraph"
