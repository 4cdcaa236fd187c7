"""The systems bench/quality.py compares: copyedit (safe, unsafe) and Harper, each fixing whole texts.

A system's output is the fixed text plus the edits it made, each attributed to the rule that made it, with
the span it replaced in the input. copyedit is run one fix pass at a time so that every applied finding's
offsets can be mapped back to the input text; Harper runs in its own virtual environment (.venv-harper),
behind bench/harper_lint.py, with JSON over stdin and stdout.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from unittest import mock

from copyedit import engine

ROOT = Path(__file__).resolve().parents[1]
HARPER_PYTHON = ROOT / ".venv-harper" / "bin" / "python"
HARPER_SCRIPT = Path(__file__).resolve().parent / "harper_lint.py"


@dataclass(frozen=True)
class Made:
    """One edit a system made: the rule, and the span ``[start, end)`` of the input it replaced."""

    rule: str
    start: int
    end: int


@dataclass(frozen=True)
class Output:
    """A system's fixed text and the attributed edits that produced it."""

    text: str
    made: tuple[Made, ...]


def copyedit_fix(text: str, markup: str, unsafe: bool) -> Output:
    """``fix_text`` pass by pass (the same loop the engine runs), keeping each edit's span in the input."""
    origin = list(range(len(text) + 1))
    made: list[Made] = []
    passes = engine.MAX_PASSES
    with mock.patch.object(engine, "MAX_PASSES", 1):
        for _ in range(passes):
            result = engine.fix_text(text, markup, unsafe=unsafe)
            if not result.applied:
                break
            edits = [e for f in result.applied for e in f.edits]
            made += [Made(f.code, origin[e.start], origin[e.end]) for f in result.applied for e in f.edits]
            back = engine._back(edits)  # the engine's own map from this pass's output to its input
            text, origin = result.text, [origin[back(k)] for k in range(len(result.text) + 1)]
    return Output(text, tuple(made))


class HarperUnavailable(RuntimeError):
    """Harper could not be run; the message says why."""


def harper_lints(items: list[dict[str, str]], timeout: float = 1800) -> tuple[str, list[list[dict[str, Any]]]]:
    """Harper's version and its lints for each item, via bench/harper_lint.py in .venv-harper."""
    if not HARPER_PYTHON.exists():
        raise HarperUnavailable(f"{HARPER_PYTHON.relative_to(ROOT)} not found (make bench-quality creates it)")
    try:
        proc = subprocess.run(
            [str(HARPER_PYTHON), str(HARPER_SCRIPT)],
            input=json.dumps({"items": items}),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as err:
        raise HarperUnavailable(f"running {HARPER_SCRIPT.name} failed: {err}") from err
    if proc.returncode != 0:
        tail = " | ".join(proc.stderr.strip().splitlines()[-3:])
        raise HarperUnavailable(f"{HARPER_SCRIPT.name} exited with {proc.returncode}: {tail}")
    reply = json.loads(proc.stdout)
    return reply["harper"], reply["results"]


def harper_fix(text: str, lints: list[dict[str, Any]]) -> Output:
    """Apply the first suggestion of every lint that has one, skipping a lint that overlaps one taken."""
    taken: list[dict[str, Any]] = []
    for lint in lints:
        if lint["replacement"] is None:
            continue
        if any(lint["start"] < t["end"] and t["start"] < lint["end"] for t in taken):
            continue
        if any(lint["start"] == lint["end"] == t["start"] or lint["start"] == lint["end"] == t["end"] for t in taken):
            continue
        taken.append(lint)
    for lint in sorted(taken, key=lambda t: (t["start"], t["end"]), reverse=True):
        text = text[: lint["start"]] + lint["replacement"] + text[lint["end"] :]
    return Output(text, tuple(Made(t["rule"], t["start"], t["end"]) for t in taken))
