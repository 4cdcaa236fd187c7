"""Interactive review: show each proposed fix in its context and ask whether to apply it.

The engine proposes one pass of non-overlapping fixes per file (`engine.proposals`), so each can be accepted or
rejected on its own; a fix that only becomes possible after another is offered on the next run.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import click
from rich.console import Console
from rich.text import Text

from copyedit import source
from copyedit.model import Finding
from copyedit.patch import apply_edits
from copyedit.report import LineIndex

#: The keys a reviewer presses, and what each means.
KEYS = {"y": "accept", "n": "reject", "s": "skip", "q": "quit"}
PROMPT = "Apply this fix? y(es) / n(o) / s(kip the rest of this file) / q(uit, keeping what was accepted) "
REMOVED, INSERTED = "bold white on red", "bold black on green"
#: Characters of a long line shown either side of a change: a whole 10 MB line is no context.
CONTEXT = 500


@dataclass(frozen=True)
class Outcome:
    """What the reviewer decided for one file: the fixes to apply, and whether to stop reviewing altogether."""

    accepted: tuple[Finding, ...]
    quit: bool


def change_in_context(text: str, finding: Finding, color: bool = True) -> Text:
    """The lines a finding's edits touch, removed text in red and inserted text in green; of a line longer than
    CONTEXT characters either side, that much, cut at a space and marked with "…".

    Without colour the change is marked `[-old-]{+new+}` (as wdiff does), so it still shows. Only CONTEXT
    characters either side are searched for the line's ends: searching back to the start of a long line for
    each finding made reviewing it quadratic.
    """
    edits = sorted(finding.edits)
    start, end = edits[0].start, edits[-1].end
    out = Text()
    floor = max(0, start - CONTEXT)
    lo = text.rfind("\n", floor, start) + 1
    if not lo and floor:  # no line break within CONTEXT: show that much, from a word's start
        space = text.find(" ", floor, start)
        lo = space + 1 if space >= 0 else floor
        out.append("…")
    ceiling = min(len(text), end + CONTEXT)
    hi = text.find("\n", end, ceiling)
    cut = hi < 0 and ceiling < len(text)
    if cut:
        space = text.rfind(" ", end, ceiling)
        hi = space if space > end else ceiling
    elif hi < 0:
        hi = len(text)
    pos = lo
    for e in edits:
        out.append(text[pos : e.start])
        removed, inserted = _visible(text[e.start : e.end]), _visible(e.replacement)
        if color:
            out.append(removed, style=REMOVED)
            out.append(inserted, style=INSERTED)
        else:
            out.append((f"[-{removed}-]" if removed else "") + (f"{{+{inserted}+}}" if inserted else ""))
        pos = e.end
    out.append(text[pos:hi])
    if cut:
        out.append("…")
    return out


def _visible(s: str) -> str:
    """A removed or inserted line break, shown as ↵ before it: otherwise joining two paragraphs shows nothing."""
    return s.replace("\n", "↵\n")


def ask(console: Console) -> str:
    """One key from the terminal (no Enter needed); Ctrl-C and end of input mean quit."""
    console.print(PROMPT, end="", markup=False, highlight=False)
    while True:
        try:
            key = click.getchar().lower()
        except (KeyboardInterrupt, EOFError):
            key = "q"
        if key in KEYS:
            console.print(KEYS[key], markup=False, highlight=False)
            return KEYS[key]


def review_file(
    console: Console, src: source.Source, findings: list[Finding], ask: Callable[[Console], str] = ask
) -> Outcome:
    """Show each finding with its change and collect the reviewer's decisions for this file."""
    accepted: list[Finding] = []
    color = console.color_system is not None
    lines = LineIndex(src.text)
    for i, f in enumerate(findings, 1):
        line, col = lines.position(f.start)
        console.print()
        console.print(
            Text.assemble((f"{src.path}:{line}:{col}", "bold"), f" {f.code} ({i}/{len(findings)}) ", f.message)
        )
        console.print(change_in_context(src.text, f, color))
        choice = ask(console)
        if choice == "accept":
            accepted.append(f)
        elif choice in ("skip", "quit"):
            return Outcome(tuple(accepted), quit=choice == "quit")
    return Outcome(tuple(accepted), quit=False)


def write(src: source.Source, accepted: tuple[Finding, ...]) -> None:
    """Write the accepted edits atomically, unless the file changed while it was being reviewed."""
    try:
        current = Path(src.path).read_bytes()
    except OSError as e:
        raise source.SourceError(f"{src.path}: cannot read: {e.strerror or e}") from None
    if current != src.encode():
        raise source.SourceError(f"{src.path}: changed while it was being reviewed; nothing written, review it again")
    source.write(src, apply_edits(src.text, [e for f in accepted for e in f.edits]))
