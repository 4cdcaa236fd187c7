"""Edit-level matching of a copy editor's output against a gold copy edit, with character spans.

The token and edit logic is copied from ../shared/eval/score.py (the shared scorer), so that figures here
agree with it: texts are cut into tokens (words, punctuation marks, a paragraph-break token "¶"); the edits
of a version are the changed runs of a token-level diff from the broken text. A system edit equal to a gold
edit (same span, same replacement) is a correct fix; one that only overlaps a gold edit is a correct
detection. Added here: each edit also carries the character span it covers in the broken text, so that it
can be attributed to an injected family (gold) or to the rule that made it (system).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

TOKEN = re.compile(r"\n[ \t]*\n\s*|\w+(?:[’'\-]\w+)*|[^\w\s]")


@dataclass(frozen=True)
class TokenEdit:
    """Replace broken tokens ``[start:end]`` with ``replacement``; ``chars`` is that span in the broken text."""

    start: int
    end: int
    replacement: tuple[str, ...]
    chars: tuple[int, int]

    @property
    def key(self) -> tuple[int, int, tuple[str, ...]]:
        """What score.py compares: the token span and the replacement."""
        return (self.start, self.end, self.replacement)


def tokens(text: str) -> list[str]:
    """The tokens of ``text`` as score.py cuts them."""
    return ["¶" if t.startswith("\n") else t for t in TOKEN.findall(text)]


def token_spans(text: str) -> list[tuple[int, int]]:
    """The character span of each token of ``text``."""
    return [m.span() for m in TOKEN.finditer(text)]


def edits(broken: str, other: str) -> list[TokenEdit]:
    """Changed runs of the token diff from ``broken`` to ``other``; runs with no equal token between merge."""
    src, dst = tokens(broken), tokens(other)
    spans = token_spans(broken)
    sm = difflib.SequenceMatcher(a=src, b=dst, autojunk=False)
    runs: list[list] = []
    for tag, i1, i2, j1, j2 in sm.get_opcodes():
        if tag == "equal":
            continue
        if runs and i1 - runs[-1][1] <= 0:
            runs[-1][1] = i2
            runs[-1][2] += dst[j1:j2]
        else:
            runs.append([i1, i2, list(dst[j1:j2])])
    return [TokenEdit(a, b, tuple(r), _char_span(spans, a, b, len(broken))) for a, b, r in runs]


def _char_span(spans: list[tuple[int, int]], start: int, end: int, size: int) -> tuple[int, int]:
    """Characters covered by tokens ``[start:end]``; an insertion covers the gap between its neighbours."""
    if end > start:
        return spans[start][0], spans[end - 1][1]
    left = spans[start - 1][1] if start > 0 else 0
    right = spans[start][0] if start < len(spans) else size
    return left, right


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two spans overlap; an empty span (an insertion) touches its neighbours."""
    (a1, a2), (b1, b2) = a, b
    if a1 == a2 or b1 == b2:
        return a1 <= b2 and b1 <= a2
    return a1 < b2 and b1 < a2


def f05(p: float, r: float) -> float:
    """F0.5: precision weighs twice as much as recall."""
    return 0.0 if p + r == 0 else 1.25 * p * r / (0.25 * p + r)
