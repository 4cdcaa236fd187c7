"""Run the rules over a text's prose, resolve conflicting edits, repeat fix passes."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import partial
from typing import TYPE_CHECKING

from copyedit import nlp
from copyedit.config import Config, code_selected
from copyedit.markup import Block, ProseView, prose_view
from copyedit.model import Edit, Finding, Safety
from copyedit.patch import apply_edits
from copyedit.rule import Context, Parsed, Rule, catalogue
from copyedit.suppress import Suppression, suppressions

if TYPE_CHECKING:
    from spacy.tokens import Doc

MAX_PASSES = 8
#: Whether rules run only on blocks their trigger passes. COPYEDIT_TRIGGERS=off runs every rule on every block
#: (slow, and the same findings: the test suite and `bench.devset` compare the two).
TRIGGERS = os.environ.get("COPYEDIT_TRIGGERS", "on") != "off"
#: The rule that reports suppression comments that silence nothing (the engine finds them, not a check).
UNUSED_SUPPRESSION = "SUP001"
#: Another checker (LanguageTool): source text and prose view to findings, merged with the rules' own.
Extra = Callable[[str, ProseView], list[Finding]]


@dataclass(frozen=True)
class FixResult:
    """The fixed text, the findings whose edits were applied, and what is left."""

    text: str
    applied: tuple[Finding, ...]
    remaining: tuple[Finding, ...]
    converged: bool
    #: Where each applied finding starts in the input text: a later pass's offsets point into that pass's text.
    origins: tuple[int, ...] = ()


def select_rules(select: Iterable[str] | None = None, ignore: Iterable[str] = ()) -> tuple[Rule, ...]:
    """Rules whose code starts with a selected prefix and with no ignored one."""
    chosen, dropped = tuple(select or ()), tuple(ignore)
    return tuple(r for code, r in catalogue().items() if code_selected(code, chosen, dropped))


def check_text(
    text: str,
    markup: str = "text",
    rules: tuple[Rule, ...] | None = None,
    config: Config | None = None,
    extra: Extra | None = None,
) -> list[Finding]:
    """Every finding in ``text``, sorted by position; offsets are into ``text``."""
    view = prose_view(text, markup)
    return _run(text, view, rules if rules is not None else select_rules(), config or Config(), markup, extra)


def fix_text(
    text: str,
    markup: str = "text",
    unsafe: bool = False,
    rules: tuple[Rule, ...] | None = None,
    config: Config | None = None,
    extra: Extra | None = None,
) -> FixResult:
    """Apply fixes pass after pass until none is left (bounded); each pass re-parses."""
    rules = rules if rules is not None else select_rules()
    config = config or Config()
    applied: list[Finding] = []
    origin = list(range(len(text) + 1))
    origins: list[int] = []
    for _ in range(MAX_PASSES):
        view = prose_view(text, markup)
        findings = _run(text, view, rules, config, markup, extra)
        chosen = _resolve(findings, view, unsafe)
        if not chosen:
            return FixResult(text, tuple(applied), tuple(findings), converged=True, origins=tuple(origins))
        edits = [e for f in chosen for e in f.edits]
        text = apply_edits(text, edits)
        applied.extend(chosen)
        origins.extend(origin[f.start] for f in chosen)
        origin = _remap(origin, edits)
    view = prose_view(text, markup)
    findings = _run(text, view, rules, config, markup, extra)
    converged = not _resolve(findings, view, unsafe)
    return FixResult(text, tuple(applied), tuple(findings), converged, tuple(origins))


def proposals(
    text: str,
    markup: str = "text",
    unsafe: bool = False,
    rules: tuple[Rule, ...] | None = None,
    config: Config | None = None,
    extra: Extra | None = None,
) -> list[Finding]:
    """The findings one fix pass would apply, in order and non-overlapping, so a person can judge each alone."""
    view = prose_view(text, markup)
    findings = _run(text, view, rules if rules is not None else select_rules(), config or Config(), markup, extra)
    return _resolve(findings, view, unsafe)


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


def _remap(origin: list[int], edits: list[Edit]) -> list[int]:
    """Input offsets of each position of the text after ``edits``; inserted characters map to the edit's start."""
    out: list[int] = []
    pos = 0
    for e in sorted(edits):
        out += origin[pos : e.start] + [origin[e.start]] * len(e.replacement)
        pos = e.end
    return out + origin[pos:]


def _unshadowed(others: list[Finding], own: list[Finding]) -> list[Finding]:
    """Another checker's findings that overlap none of the rules' own: one report per problem, ours first."""
    spans = [Edit(f.start, f.end, "") for f in own]
    return [f for f in others if not any(_overlap(Edit(f.start, f.end, ""), s) for s in spans)]


def _overlap(a: Edit, b: Edit) -> bool:
    if a.start == a.end or b.start == b.end:
        return a.start <= b.end and b.start <= a.end
    return a.start < b.end and b.start < a.end


def preparse(items: Iterable[tuple[str, str, tuple[Rule, ...]]]) -> None:
    """Parse in one batch the blocks that `check_text` will parse for each (text, markup, rules), so that it
    finds them in the parse cache: the parser is much faster over many articles' blocks than over one's.
    What does not fit in the cache is left to be parsed when asked for."""
    blocks: list[str] = []
    for text, markup, rules in items:
        view = prose_view(text, markup)
        texts, plan = _plan(view, rules)
        blocks += [texts[i] for i in sorted({i for _, where in plan for i in where})]
    nlp.parse_all(blocks[: nlp.BATCH_BLOCKS])


def _plan(view: ProseView, rules: tuple[Rule, ...]) -> tuple[list[str], list[tuple[Rule, list[int]]]]:
    """The texts of the view's blocks, and each rule with the blocks it runs on (remembered for a while:
    `preparse` and the check that follows both need it)."""
    k = (view.text, view.blocks, tuple(r.code for r in rules))
    if k not in _PLANS:
        texts = [view.text[b.start : b.end] for b in view.blocks]
        _PLANS[k] = (texts, [(r, _blocks_for(r, texts, view.text)) for r in rules])
        if len(_PLANS) > _PLANS_SIZE:
            del _PLANS[next(iter(_PLANS))]
    return _PLANS[k]


#: Plans remembered: a chunk of articles (`runner.CHUNK`) and then some.
_PLANS_SIZE = 64
_PLANS: dict[tuple[str, tuple[Block, ...], tuple[str, ...]], tuple[list[str], list[tuple[Rule, list[int]]]]] = {}


def _run(
    text: str, view: ProseView, rules: tuple[Rule, ...], config: Config, markup: str, extra: Extra | None = None
) -> list[Finding]:
    texts, plan = _plan(view, rules)
    needed = sorted({i for _, where in plan for i in where})
    parsed = _lazy_parse(view.blocks, texts, needed)
    findings: list[Finding] = []
    for r, where in plan:
        for i in where:
            ctx = Context(rule=r, blocks=parsed, index=i, source=text, config=config)
            findings.extend(_check(r, parsed[i].doc, ctx))
    if extra is not None:
        findings += _unshadowed(extra(text, view), findings)
    kept = [_with_policy(f, config) for f in findings if not _changes_vocabulary(f, text, config.vocabulary)]
    if markup == "markdown":
        kept = _suppress(kept, suppressions(text, view.blocks), rules)
    return sorted(kept, key=lambda f: (f.start, f.end, f.code))


def _check(r: Rule, doc: Doc, ctx: Context) -> list[Finding]:
    """The rule's findings in one block; a rule whose entities only veto runs without them first."""
    if r.entities_veto:
        with nlp.without_entities():
            if not list(r.check(doc, ctx)):
                return []
    return list(r.check(doc, ctx))


def _blocks_for(r: Rule, texts: list[str], prose: str) -> list[int]:
    """The blocks rule ``r`` runs on: those its trigger passes (all of them with triggers off or none set)."""
    if not TRIGGERS or r.trigger is None:
        return list(range(len(texts)))
    if r.scope == "document":
        return list(range(len(texts))) if r.triggered(prose) else []
    return [i for i, t in enumerate(texts) if r.triggered(t)]


def _lazy_parse(blocks: tuple[Block, ...], texts: list[str], needed: list[int]) -> tuple[Parsed, ...]:
    """Blocks whose Docs are made on first use; the ones some rule is known to need are parsed together in one
    ``nlp.pipe`` batch the first time any of them is asked for, a neighbour a rule peeks at on its own."""
    batch: dict[int, Doc] = {}
    wanted = set(needed)

    def parse(i: int) -> Doc:
        if i not in wanted:
            return nlp.parse_all([texts[i]])[0]
        if not batch:
            batch.update(zip(needed, nlp.parse_all([texts[j] for j in needed]), strict=True))
        return batch[i]

    return tuple(Parsed(b, parse=partial(parse, i), text=texts[i]) for i, b in enumerate(blocks))


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
