"""Run the rules over a text's prose, resolve conflicting edits, repeat fix passes."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from copyedit import nlp
from copyedit.config import Config
from copyedit.markup import ProseView, prose_view
from copyedit.model import Edit, Finding, Safety
from copyedit.patch import apply_edits
from copyedit.rule import Context, Parsed, Rule, catalogue
from copyedit.suppress import Suppression, suppressions

MAX_PASSES = 8
#: The rule that reports suppression comments that silence nothing (the engine finds them, not a check).
UNUSED_SUPPRESSION = "SUP001"


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


def check_text(
    text: str, markup: str = "text", rules: tuple[Rule, ...] | None = None, config: Config | None = None
) -> list[Finding]:
    """Every finding in ``text``, sorted by position; offsets are into ``text``."""
    view = prose_view(text, markup)
    return _run(text, view, rules if rules is not None else select_rules(), config or Config(), markup)


def fix_text(
    text: str,
    markup: str = "text",
    unsafe: bool = False,
    rules: tuple[Rule, ...] | None = None,
    config: Config | None = None,
) -> FixResult:
    """Apply fixes pass after pass until none is left (bounded); each pass re-parses."""
    rules = rules if rules is not None else select_rules()
    config = config or Config()
    applied: list[Finding] = []
    for _ in range(MAX_PASSES):
        view = prose_view(text, markup)
        findings = _run(text, view, rules, config, markup)
        chosen = _resolve(findings, view, unsafe)
        if not chosen:
            return FixResult(text, tuple(applied), tuple(findings), converged=True)
        text = apply_edits(text, [e for f in chosen for e in f.edits])
        applied.extend(chosen)
    view = prose_view(text, markup)
    findings = _run(text, view, rules, config, markup)
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


def _run(text: str, view: ProseView, rules: tuple[Rule, ...], config: Config, markup: str) -> list[Finding]:
    docs = nlp.parse_all([view.text[b.start : b.end] for b in view.blocks])
    parsed = tuple(Parsed(b, d) for b, d in zip(view.blocks, docs, strict=True))
    findings: list[Finding] = []
    for r in rules:
        for i in range(len(parsed)):
            ctx = Context(rule=r, blocks=parsed, index=i, source=text, config=config)
            findings.extend(r.check(parsed[i].doc, ctx))
    kept = [_with_policy(f, config) for f in findings if not _changes_vocabulary(f, text, config.vocabulary)]
    if markup == "markdown":
        kept = _suppress(kept, suppressions(text, view.blocks), rules)
    return sorted(kept, key=lambda f: (f.start, f.end, f.code))


def _suppress(findings: list[Finding], sups: list[Suppression], rules: tuple[Rule, ...]) -> list[Finding]:
    """Findings no suppression comment covers, plus one UNUSED_SUPPRESSION finding per comment that covered
    nothing although a rule it names ran."""
    if not sups:
        return findings
    used: set[Suppression] = set()
    kept = []
    for f in findings:
        hits = [s for s in sups if s.covers(f.code, f.start)]
        used.update(hits)
        if not hits:
            kept.append(f)
    reporter = next((r for r in rules if r.code == UNUSED_SUPPRESSION), None)
    if reporter is None:
        return kept
    for s in sups:
        ran = any(r.code.startswith(s.codes) for r in rules if r.code != UNUSED_SUPPRESSION)
        if s not in used and ran:
            codes = "all rules" if s.codes == ("",) else ", ".join(s.codes)
            message = f"This suppression of {codes} silences nothing; remove it."
            kept.append(
                Finding(reporter.code, reporter.name, *s.comment, message, (), reporter.safety, reporter.severity)
            )
    return kept


def _with_policy(f: Finding, config: Config) -> Finding:
    """The finding with the fix safety the configuration asks for (`extend-safe-fixes`, `extend-unsafe-fixes`)."""
    if f.safety is Safety.UNSAFE and config.extend_safe_fixes and f.code.startswith(config.extend_safe_fixes):
        return replace(f, safety=Safety.SAFE)
    if f.safety is Safety.SAFE and config.extend_unsafe_fixes and f.code.startswith(config.extend_unsafe_fixes):
        return replace(f, safety=Safety.UNSAFE)
    return f


def _changes_vocabulary(f: Finding, text: str, vocabulary: tuple[str, ...]) -> bool:
    """Whether an edit of ``f`` alters a word or name of the accepted vocabulary (adding after it is fine)."""
    for term in vocabulary:
        pattern = re.compile(rf"(?<!\w){re.escape(term)}(?!\w)")
        for e in f.edits:
            for m in pattern.finditer(text, max(0, e.start - len(term)), e.end + len(term)):
                if not (m.start() < e.end and e.start < m.end()):
                    continue
                lo, hi = min(m.start(), e.start), max(m.end(), e.end)
                if not pattern.search(text[lo : e.start] + e.replacement + text[e.end : hi]):
                    return True
    return False
