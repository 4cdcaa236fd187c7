"""Suppression comments in Markdown: where a person has decided a finding is not damage.

- `<!-- copyedit: ignore CODE[, CODE…] -->` silences those codes (or every code, with none or `all`) in the
  next prose block;
- `<!-- copyedit: disable CODE… -->` … `<!-- copyedit: enable CODE… -->` silences them in between (to the end
  of the file when no `enable` follows);
- `copyedit: off` (or `copyedit = "off"`) as a top-level line of the front matter silences the whole file.
A code matches by prefix, as `--select` does ("FRG" silences FRG001–FRG003), and so does an `enable`: `enable
TYP` ends `disable TYP001`, and `enable TYP001` inside `disable TYP` lets TYP001 through again while TYP002 and
TYP003 stay silent. Plain text has no comments: use `per-file-ignores`.

Only what the Markdown parser reads as an HTML comment counts, and only the front matter can turn a file off: a
suppression shown in a code span or block, or `copyedit: off` written in the body, is text (often a document
about copyedit itself), and obeying it would switch checking off by accident. No pattern here runs over more
than one comment or one line, so reading them is linear in the text; an `enable` costs time only in the open
`disable` ranges whose codes it touches.
"""

from __future__ import annotations

import re
from bisect import bisect_left, insort
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import count

from copyedit.markup import Block

Span = tuple[int, int]

_MENTION = re.compile("copyedit", re.IGNORECASE)
_DIRECTIVE = re.compile(r"\s*copyedit:\s*(ignore|disable|enable)\b", re.IGNORECASE)
_OFF = re.compile(r"copyedit[ \t]*[:=][ \t]*[\"']?off[\"']?(?:[ \t]+#.*|[ \t]*)")
_EOL = re.compile(r"\r\n|\r|\n")
ALL = ("",)


@dataclass(frozen=True)
class Suppression:
    """Codes silenced over ``[start, end)``, and where the comment that asked for it stands.

    ``reenabled`` holds the ``enable`` comments that let some of those codes through again before the range
    ends: (prefix, offset) lets every code with that prefix through from that offset on. One comment is one
    Suppression, however it was ended, so SUP001 judges each comment once.
    """

    codes: tuple[str, ...]
    start: int
    end: int
    comment: Span
    reenabled: tuple[tuple[str, int], ...] = ()

    def covers(self, code: str, offset: int) -> bool:
        if not (self.start <= offset < self.end and code.startswith(self.codes)):
            return False
        return not any(offset >= at and code.startswith(prefix) for prefix, at in self.reenabled)


def _codes(arg: str) -> tuple[str, ...]:
    words = [w.upper() for w in re.split(r"[\s,]+", arg.strip()) if w]
    return ALL if not words or "ALL" in words else tuple(words)


def suppressions(text: str, blocks: tuple[Block, ...]) -> list[Suppression]:
    """Every suppression a Markdown text asks for, in the order of their comments."""
    if not _MENTION.search(text):
        return []  # the usual case: one scan, and no second parse of the Markdown
    from copyedit.markup.markdown import front_matter, html_comments

    off = _front_matter_off(text, front_matter(text))
    if off is not None:
        return [Suppression(ALL, 0, len(text), off)]
    found: list[Suppression] = []
    starts = [b.start for b in blocks]
    disabled = _Disabled()
    for a, b in html_comments(text):
        m = _DIRECTIVE.match(text, a + 4, b - 3) if b - a >= 7 else None  # not `<!-->` or `<!--->`
        if not m:
            continue
        kind, codes, span = m.group(1).lower(), _codes(text[m.end() : b - 3]), (a, b)
        if kind == "ignore":
            i = bisect_left(starts, b)
            nxt = blocks[i] if i < len(blocks) else None
            found.append(Suppression(codes, nxt.start, nxt.end, span) if nxt else Suppression(codes, 0, 0, span))
        elif kind == "disable":
            disabled.open(codes, b, span)
        else:
            found.extend(disabled.enable(codes, a))
    found.extend(disabled.close_all(len(text)))
    return sorted(found, key=lambda s: s.comment)


def _front_matter_off(text: str, front: Span | None) -> Span | None:
    """The span of a top-level ``copyedit: off`` line in the front matter, if there is one: a line at a time, so
    a long front matter costs one pass (a pattern over the whole block backtracked exponentially on CRLF)."""
    if front is None:
        return None
    pos, end = front
    for brk in [*_EOL.finditer(text, pos, end), None]:
        stop = brk.start() if brk else end
        if _OFF.fullmatch(text, pos, stop):
            return (pos, stop)
        pos = brk.end() if brk else end
    return None


@dataclass
class _Range:
    """A ``disable`` comment not yet ended by ``enable`` comments for all of its codes."""

    codes: tuple[str, ...]
    start: int
    comment: Span
    reenabled: list[tuple[str, int]] = field(default_factory=list)

    def reenable(self, prefix: str, at: int) -> bool:
        """Let ``prefix`` through from ``at`` on; whether every code of the range is now through."""
        if not any(prefix.startswith(p) for p, _ in self.reenabled):
            self.reenabled.append((prefix, at))
        return all(c.startswith(tuple(p for p, _ in self.reenabled)) for c in self.codes)

    def suppression(self, end: int) -> Suppression:
        return Suppression(self.codes, self.start, end, self.comment, tuple(self.reenabled))


class _Disabled:
    """The open ``disable`` ranges, indexed by code, so an ``enable`` finds the ranges it touches without
    looking at the others (a file of many unrelated pairs stays linear)."""

    def __init__(self) -> None:
        self.ranges: dict[int, _Range] = {}
        self.by_code: dict[str, set[int]] = {}
        self.sorted_codes: list[str] = []
        self.ids = count()

    def open(self, codes: tuple[str, ...], start: int, comment: Span) -> None:
        key = next(self.ids)
        self.ranges[key] = _Range(codes, start, comment)
        for c in codes:
            if c not in self.by_code:
                self.by_code[c] = set()
                insort(self.sorted_codes, c)
            self.by_code[c].add(key)

    def enable(self, codes: tuple[str, ...], at: int) -> Iterator[Suppression]:
        """The ranges an ``enable`` of ``codes`` at ``at`` ends; the ranges it ends in part remember it."""
        for prefix in codes:
            for key in sorted(self._touched(prefix)):
                if self.ranges[key].reenable(prefix, at):
                    yield self._close(key).suppression(at)

    def close_all(self, end: int) -> Iterator[Suppression]:
        """Ranges no ``enable`` ended run to the end of the file."""
        for key in list(self.ranges):
            yield self._close(key).suppression(end)

    def _touched(self, prefix: str) -> set[int]:
        """Open ranges with a code that ``prefix`` covers (TYP covers TYP001) or narrows (TYP001 narrows TYP)."""
        keys: set[int] = set()
        for n in range(len(prefix) + 1):
            keys |= self.by_code.get(prefix[:n], set())
        i = bisect_left(self.sorted_codes, prefix)
        while i < len(self.sorted_codes) and self.sorted_codes[i].startswith(prefix):
            keys |= self.by_code[self.sorted_codes[i]]
            i += 1
        return keys

    def _close(self, key: int) -> _Range:
        r = self.ranges.pop(key)
        for c in r.codes:
            self.by_code[c].discard(key)
            if not self.by_code[c]:
                del self.by_code[c]
                del self.sorted_codes[bisect_left(self.sorted_codes, c)]
        return r
