"""Run the rules over a text's prose, resolve conflicting edits, repeat fix passes."""

from __future__ import annotations

import os
import re
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import cache, partial
from typing import TYPE_CHECKING

from copyedit import detector, nlp
from copyedit.config import Config, code_selected
from copyedit.markup import Block, ProseView, prose_view
from copyedit.model import Edit, Finding, Safety
from copyedit.patch import apply_edits
from copyedit.rule import Context, Parsed, Rule, catalogue, suggested_only
from copyedit.spans import Ranges
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
    back: list[Callable[[int], int]] = []  # each pass's map from its output's offsets to its input's
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
        origins.extend(_origin(f.start, back) for f in chosen)
        back.append(_back(edits))
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
    spans = _Taken()
    opaque = Ranges(view.opaque)
    for f in findings:
        if not applicable(f, unsafe) or any(opaque.touches(e.start, e.end) for e in f.edits):
            continue
        if any(spans.clashes(e) for e in f.edits):
            continue
        taken.append(f)
        spans.add(f.edits)
    return taken


class _Taken:
    """The edits a pass has taken, sorted by start. They overlap none of each other (as `_overlap` counts), so
    their ends are in order too and a new edit is compared with its neighbours only, not with every edit."""

    __slots__ = ("_edits", "_ends", "_keys")

    def __init__(self) -> None:
        self._edits: list[Edit] = []
        self._keys: list[tuple[int, int]] = []
        self._ends: list[int] = []

    def clashes(self, e: Edit) -> bool:
        """Whether ``e`` overlaps a taken edit."""
        i = bisect_left(self._ends, e.start)  # the first taken edit that does not end before e starts
        while i < len(self._edits) and self._edits[i].start <= e.end:
            if _overlap(e, self._edits[i]):
                return True
            i += 1
        return False

    def add(self, edits: Iterable[Edit]) -> None:
        for e in edits:
            i = bisect_right(self._keys, (e.start, e.end))
            self._keys.insert(i, (e.start, e.end))
            self._edits.insert(i, e)
            self._ends.insert(i, e.end)


def _back(edits: list[Edit]) -> Callable[[int], int]:
    """The offset in the text before ``edits`` of each offset in the text after them; inserted characters map
    to the edit's start. A binary search over the edits: a table of every offset held a Python int per character
    of the text (hundreds of MB for a 10 MB file)."""
    new_starts: list[int] = []
    spans: list[tuple[int, int, int]] = []  # (end in the new text, start and end in the old one)
    shift = 0
    for e in sorted(edits):
        new_starts.append(e.start + shift)
        spans.append((e.start + shift + len(e.replacement), e.start, e.end))
        shift += len(e.replacement) - (e.end - e.start)

    def back(offset: int) -> int:
        i = bisect_right(new_starts, offset) - 1
        if i < 0:
            return offset
        new_end, old_start, old_end = spans[i]
        return old_start if offset < new_end else old_end + offset - new_end

    return back


def _origin(offset: int, back: list[Callable[[int], int]]) -> int:
    """Where an offset of the latest pass's text was in the input text, back through each pass's edits."""
    for step in reversed(back):
        offset = step(offset)
    return offset


def _unshadowed(others: list[Finding], own: list[Finding]) -> list[Finding]:
    """Another checker's findings that overlap none of the rules' own: one report per problem, ours first.

    As `_overlap` counts: spans overlap, and an empty span also meets a span it touches."""
    spans = Ranges((f.start, f.end) for f in own if f.start < f.end)
    points = Ranges((f.start, f.end) for f in own if f.start == f.end)
    out = []
    for f in others:
        hit = spans.meets(f.start, f.end) if f.start == f.end else spans.touches(f.start, f.end)
        if not hit and not points.meets(f.start, f.end):
            out.append(f)
    return out


def _overlap(a: Edit, b: Edit) -> bool:
    if a.start == a.end or b.start == b.end:
        return a.start <= b.end and b.start <= a.end
    return a.start < b.end and b.start < a.end


def preparse(items: Iterable[tuple[str, str, tuple[Rule, ...]]]) -> None:
    """Parse in one batch the blocks that `check_text` will parse for each (text, markup, rules), so that it
    finds them in the parse cache: the parser is much faster over many articles' blocks than over one's.
    What does not fit in the cache is left to be parsed when asked for."""
    blocks: list[str] = []
    learned: set[str] = set()
    for text, markup, rules in items:
        view = prose_view(text, markup)
        texts, plan = _plan(view, rules)
        read = _learned_blocks(view, rules)
        blocks += [texts[i] for i in sorted({i for _, where in plan for i in where} | set(read))]
        learned.update(texts[i] for i in read)
    blocks = blocks[: nlp.BATCH_BLOCKS]
    # The detector too reads many articles' blocks faster than one's (its answers stay on the cached Docs).
    detector.annotate([d for t, d in zip(blocks, nlp.parse_all(blocks), strict=True) if t in learned])


def _plan(view: ProseView, rules: tuple[Rule, ...]) -> tuple[list[str], list[tuple[Rule, list[int]]]]:
    """The texts of the view's blocks, and each rule with the blocks it runs on (remembered for a while:
    `preparse` and the check that follows both need it)."""
    k = (view.text, view.blocks, tuple(r.code for r in rules))
    if k not in _PLANS:
        texts = [view.text[b.start : b.end] for b in view.blocks]
        _PLANS[k] = (texts, [(r, _blocks_for(r, texts, view.text)) for r in rules])
        # Bounded in number and in characters: each plan holds its text twice (the key and the block texts), and
        # the passes of one fix over a 10 MB file would otherwise keep every pass's copy.
        while len(_PLANS) > 1 and (len(_PLANS) > _PLANS_SIZE or sum(len(t) for t, _, _ in _PLANS) > _PLANS_CHARS):
            del _PLANS[next(iter(_PLANS))]
    return _PLANS[k]


#: Plans remembered: a chunk of articles (`runner.CHUNK`) and then some, of up to this many characters in all.
_PLANS_SIZE = 64
_PLANS_CHARS = 4_000_000
_PLANS: dict[tuple[str, tuple[Block, ...], tuple[str, ...]], tuple[list[str], list[tuple[Rule, list[int]]]]] = {}


def _run(
    text: str, view: ProseView, rules: tuple[Rule, ...], config: Config, markup: str, extra: Extra | None = None
) -> list[Finding]:
    """The rules' findings, window by window: every rule runs on one window of needed blocks before the next is
    parsed, so a long text's Docs are parsed once each and only a few windows of them are alive at a time."""
    texts, plan = _plan(view, rules)
    learned = _learned_blocks(view, rules)
    if detector.MODE == "only":  # measuring the detector alone: its families' rules stand aside
        plan = [(r, where) for r, where in plan if r.code not in detector.CODES.values()]
    needed = sorted({i for _, where in plan for i in where} | set(learned))
    parsed = _lazy_parse(view.blocks, texts, needed)
    findings: list[Finding] = []
    found: list[Finding] = []  # the detector's, kept where no rule found anything
    families = [r for r in rules if r.code in detector.CODES.values()]
    for lo in range(0, len(needed), WINDOW):
        first, last = needed[lo], needed[min(lo + WINDOW, len(needed)) - 1]
        for r, where in plan:
            for i in where[bisect_left(where, first) : bisect_right(where, last)]:
                ctx = Context(rule=r, blocks=parsed, index=i, source=text, config=config)
                findings.extend(_check(r, parsed[i].doc, ctx))
        window = learned[bisect_left(learned, first) : bisect_right(learned, last)]
        detector.annotate([parsed[i].doc for i in window])
        for i in window:
            contexts = {r.code: Context(rule=r, blocks=parsed, index=i, source=text, config=config) for r in families}
            found.extend(detector.findings(parsed[i].doc, contexts))
    findings += _unshadowed(found, findings)
    if extra is not None:
        findings += _unshadowed(extra(text, view), findings)
    # An edit that leaves the text as it was is a rule's bug: drop it, and a finding it leaves with no fix (such
    # a finding would be "applied" on every pass and the fix would never settle).
    findings = [f for f in findings if not (f.edits and all(text[e.start : e.end] == e.replacement for e in f.edits))]
    kept = [_with_policy(f, config) for f in findings if not _changes_vocabulary(f, text, config.vocabulary)]
    if markup == "markdown":
        kept = _suppress(kept, suppressions(text, view.blocks), rules)
    return sorted(kept, key=lambda f: (f.start, f.end, f.code))


def _learned_blocks(view: ProseView, rules: tuple[Rule, ...]) -> list[int]:
    """The blocks the learned detector reads: every prose paragraph, when it is there and a family it serves is
    selected (copyedit/detector.py)."""
    if not detector.available({r.code for r in rules}):
        return []
    return [i for i, b in enumerate(view.blocks) if b.kind in detector.KINDS]


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


#: Needed blocks parsed in one ``nlp.pipe`` batch, and checked by every rule before the next batch is parsed.
WINDOW = nlp.BATCH_BLOCKS


def _lazy_parse(blocks: tuple[Block, ...], texts: list[str], needed: list[int]) -> tuple[Parsed, ...]:
    """Blocks whose Docs are made on first use: a needed block is parsed with the rest of its window of needed
    blocks in one ``nlp.pipe`` batch, a neighbour a rule peeks at on its own. Only the latest windows' Docs are
    kept (a Parsed does not hold its Doc): holding every Doc of a 10 MB text took gigabytes."""
    docs = _Docs(texts, needed)
    return tuple(Parsed(b, parse=partial(docs, i), text=texts[i]) for i, b in enumerate(blocks))


class _Docs:
    """One text's Docs by block, parsed a window at a time; the least recently used beyond a few windows are
    dropped (`nlp.parse_all` may still have them in its cache)."""

    __slots__ = ("_live", "_needed", "_texts", "_where")

    #: Docs kept: the window being checked, the one before (a rule looks at the previous block) and the next.
    KEEP = 3 * WINDOW

    def __init__(self, texts: list[str], needed: list[int]) -> None:
        self._texts = texts
        self._needed = needed
        self._where = {i: k for k, i in enumerate(needed)}
        self._live: OrderedDict[int, Doc] = OrderedDict()

    def __call__(self, i: int) -> Doc:
        doc = self._live.get(i)
        if doc is not None:
            self._live.move_to_end(i)
            return doc
        k = self._where.get(i)
        if k is None:
            batch = [i]
        else:
            lo = k - k % WINDOW
            batch = [j for j in self._needed[lo : lo + WINDOW] if j not in self._live]
        while self._live and len(self._live) + len(batch) > self.KEEP:
            self._live.popitem(last=False)
        for j, parsed in zip(batch, nlp.parse_all([self._texts[j] for j in batch]), strict=True):
            self._live[j] = parsed
        return self._live[i]


def _suppress(findings: list[Finding], sups: list[Suppression], rules: tuple[Rule, ...]) -> list[Finding]:
    """Findings no suppression comment covers, plus one UNUSED_SUPPRESSION finding per comment that covered
    nothing although a rule it names ran."""
    if not sups:
        return findings
    used: set[Suppression] = set()
    silenced = [False] * len(findings)
    # In order of position, with the suppressions whose range has begun and not ended: each finding is compared
    # with the few that are open where it starts, not with every comment of the document.
    waiting = sorted(sups, key=lambda s: s.start)
    open_: list[Suppression] = []
    k = 0
    for n in sorted(range(len(findings)), key=lambda n: findings[n].start):
        f = findings[n]
        while k < len(waiting) and waiting[k].start <= f.start:
            open_.append(waiting[k])
            k += 1
        open_ = [s for s in open_ if s.end > f.start]
        hits = [s for s in open_ if s.covers(f.code, f.start)]
        used.update(hits)
        silenced[n] = bool(hits)
    kept = [f for f, off in zip(findings, silenced, strict=True) if not off]
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
    """The finding with the fix safety the configuration asks for (`extend-safe-fixes`, `extend-unsafe-fixes`).

    A project that names a rule in `extend-safe-fixes` takes its only-suggested fixes too (rules/data/
    suggested_fixes.yaml): they are unsafe fixes held back by default, not suggestions by nature."""
    held = f.safety is Safety.DISPLAY and f.edits and f.code in suggested_only()
    if (f.safety is Safety.UNSAFE or held) and config.extend_safe_fixes and f.code.startswith(config.extend_safe_fixes):
        return replace(f, safety=Safety.SAFE)
    if f.safety is Safety.SAFE and config.extend_unsafe_fixes and f.code.startswith(config.extend_unsafe_fixes):
        return replace(f, safety=Safety.UNSAFE)
    return f


def _changes_vocabulary(f: Finding, text: str, vocabulary: tuple[str, ...]) -> bool:
    """Whether an edit of ``f`` alters a word or name of the accepted vocabulary (adding after it is fine)."""
    for term in vocabulary:
        pattern = _term_pattern(term)
        for e in f.edits:
            for m in pattern.finditer(text, max(0, e.start - len(term)), e.end + len(term)):
                if not (m.start() < e.end and e.start < m.end()):
                    continue
                lo, hi = min(m.start(), e.start), max(m.end(), e.end)
                if not pattern.search(text[lo : e.start] + e.replacement + text[e.end : hi]):
                    return True
    return False


@cache
def _term_pattern(term: str) -> re.Pattern[str]:
    """A vocabulary term as a whole word, compiled once for all findings."""
    return re.compile(rf"(?<!\w){re.escape(term)}(?!\w)")
