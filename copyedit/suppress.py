"""Suppression comments in Markdown: where a person has decided a finding is not damage.

- `<!-- copyedit: ignore CODE[, CODE…] -->` silences those codes (or every code, with none or `all`) in the
  next prose block;
- `<!-- copyedit: disable CODE… -->` … `<!-- copyedit: enable CODE… -->` silences them in between (to the end
  of the file when no `enable` follows);
- `copyedit: off` in the front matter silences the whole file.
A code matches by prefix, as `--select` does ("FRG" silences FRG001–FRG003). Plain text has no comments:
use `per-file-ignores`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from copyedit.markup import Block

_COMMENT = re.compile(r"<!--\s*copyedit:\s*(ignore|disable|enable)\b([^>]*?)-->", re.IGNORECASE)
_FRONT_OFF = re.compile(
    r"\A(?:---|\+\+\+)[ \t]*\r?\n(?:.*\r?\n)*?copyedit\s*[:=]\s*[\"']?off[\"']?\s*\r?\n", re.MULTILINE
)
ALL = ("",)


@dataclass(frozen=True)
class Suppression:
    """Codes silenced over ``[start, end)``, and where the comment that asked for it stands."""

    codes: tuple[str, ...]
    start: int
    end: int
    comment: tuple[int, int]

    def covers(self, code: str, offset: int) -> bool:
        return self.start <= offset < self.end and code.startswith(self.codes)


def _codes(arg: str) -> tuple[str, ...]:
    words = [w.upper() for w in re.split(r"[\s,]+", arg.strip()) if w]
    return ALL if not words or "ALL" in words else tuple(words)


def suppressions(text: str, blocks: tuple[Block, ...]) -> list[Suppression]:
    """Every suppression a Markdown text asks for, in order."""
    if _FRONT_OFF.match(text):
        return [Suppression(ALL, 0, len(text), (0, 0))]
    found: list[Suppression] = []
    open_ranges: list[tuple[tuple[str, ...], int, tuple[int, int]]] = []
    for m in _COMMENT.finditer(text):
        kind, codes, span = m.group(1).lower(), _codes(m.group(2)), (m.start(), m.end())
        if kind == "ignore":
            nxt = next((b for b in blocks if b.start >= m.end()), None)
            found.append(Suppression(codes, nxt.start, nxt.end, span) if nxt else Suppression(codes, 0, 0, span))
        elif kind == "disable":
            open_ranges.append((codes, m.end(), span))
        else:
            still = []
            for c, start, where in open_ranges:
                if codes == ALL or set(c) <= set(codes):
                    found.append(Suppression(c, start, m.start(), where))
                else:
                    still.append((c, start, where))
            open_ranges = still
    found.extend(Suppression(c, start, len(text), where) for c, start, where in open_ranges)
    return sorted(found, key=lambda s: s.comment)
