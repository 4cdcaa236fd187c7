"""Apply edits, and write unified diffs that `git apply` and `patch -p1` accept."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from copyedit.model import Edit

_NO_EOL = "\\ No newline at end of file\n"


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Splice non-overlapping edits into ``text``."""
    out: list[str] = []
    pos = 0
    for e in sorted(edits):
        if e.start < pos:
            raise ValueError(f"overlapping edit at {e.start}")
        out.append(text[pos : e.start])
        out.append(e.replacement)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def _lines(text: str) -> list[str]:
    """Lines as git and patch count them, ended by "\\n" only.

    str.splitlines also splits on "\\r", "\\f" and "\\u2028", which would misplace a hunk.
    """
    return re.findall(r"[^\n]*\n|[^\n]+", text)


def unified_diff(old: str, new: str, path: str, context: int = 3) -> str:
    """A unified diff of one file with a/ and b/ headers; empty when nothing changed."""
    if old == new:
        return ""
    a, b = _lines(old), _lines(new)
    lines = difflib.unified_diff(a, b, f"a/{path}", f"b/{path}", n=context)
    out = []
    for line in lines:
        if line.endswith("\n"):
            out.append(line)
        else:  # the last line of a file without a final newline
            out.append(line + "\n" + _NO_EOL)
    return "".join(out)
