"""Run the rules over a text's prose, resolve conflicting edits, repeat fix passes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from copyedit import nlp
from copyedit.markup import ProseView, prose_view
from copyedit.model import Edit, Finding, Safety
from copyedit.patch import apply_edits
from copyedit.rule import Context, Parsed, Rule, catalogue

MAX_PASSES = 8


@dataclass(frozen=True)
class FixResult:
    """The fixed text, the findings whose edits were applied, and what is left."""

    text: str
    applied: tuple[Finding, ...]
    remaining: tuple[Finding, ...]
    converged: bool


def select_rules(select: Iterable[str] | None = None, ignore: Iterable[str] = ()) -> tuple[Rule, ...]:
    """Rules whose code starts with a selected prefix and with no ignored one."""
    chosen = tuple(select or ("",))
    dropped = tuple(ignore)
    return tuple(
        r for code, r in catalogue().items() if code.startswith(chosen) and not (dropped and code.startswith(dropped))
    )


def check_text(text: str, markup: str = "text", rules: tuple[Rule, ...] | None = None) -> list[Finding]:
    """Every finding in ``text``, sorted by position; offsets are into ``text``."""
    view = prose_view(text, markup)
    return _run(text, view, rules if rules is not None else select_rules())


def fix_text(text: str, markup: str = "text", unsafe: bool = False, rules: tuple[Rule, ...] | None = None) -> FixResult:
    """Apply fixes pass after pass until none is left (bounded); each pass re-parses."""
    rules = rules if rules is not None else select_rules()
    applied: list[Finding] = []
    for _ in range(MAX_PASSES):
        view = prose_view(text, markup)
        findings = _run(text, view, rules)
        chosen = _resolve(findings, view, unsafe)
        if not chosen:
            return FixResult(text, tuple(applied), tuple(findings), converged=True)
        text = apply_edits(text, [e for f in chosen for e in f.edits])
        applied.extend(chosen)
    view = prose_view(text, markup)
    findings = _run(text, view, rules)
    return FixResult(text, tuple(applied), tuple(findings), converged=not _resolve(findings, view, unsafe))


def applicable(finding: Finding, unsafe: bool) -> bool:
    """Whether ``fix`` may apply this finding's edits."""
    return finding.fixable and (finding.safety is Safety.SAFE or unsafe)


def _resolve(findings: list[Finding], view: ProseView, unsafe: bool) -> list[Finding]:
    """Findings to apply now: in order, skipping one that overlaps a taken one (it waits for the next pass)."""
    taken: list[Finding] = []
    spans: list[Edit] = []
    for f in findings:
        if not applicable(f, unsafe) or any(view.touches_opaque(e.start, e.end) for e in f.edits):
            continue
        if any(_overlap(e, s) for e in f.edits for s in spans):
            continue
        taken.append(f)
        spans.extend(f.edits)
    return taken


def _overlap(a: Edit, b: Edit) -> bool:
    if a.start == a.end or b.start == b.end:
        return a.start <= b.end and b.start <= a.end
    return a.start < b.end and b.start < a.end


def _run(text: str, view: ProseView, rules: tuple[Rule, ...]) -> list[Finding]:
    docs = nlp.parse_all([view.text[b.start : b.end] for b in view.blocks])
    parsed = tuple(Parsed(b, d) for b, d in zip(view.blocks, docs, strict=True))
    findings: list[Finding] = []
    for r in rules:
        for i in range(len(parsed)):
            ctx = Context(rule=r, blocks=parsed, index=i, source=text)
            findings.extend(r.check(parsed[i].doc, ctx))
    return sorted(findings, key=lambda f: (f.start, f.end, f.code))
