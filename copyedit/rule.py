"""The rule protocol: metadata, examples, the per-block context, and the catalogue."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from copyedit import lexicon
from copyedit.config import Config
from copyedit.markup import Block
from copyedit.model import Edit, Finding, Safety, Severity

if TYPE_CHECKING:
    from spacy.tokens import Doc

_MARK = re.compile(r"\[\[(.*?)\]\]", re.S)
#: An apostrophe between letters: the document writes curly ones ("Russia’s").
_CURLY_APOSTROPHE = re.compile(r"[^\W\d_]’[^\W\d_]")


@dataclass(frozen=True)
class Example:
    """A rule's own test: ``bad`` marks the reported span with [[…]] and ``fixed`` is the repair; ``good`` stays.

    A bad example with a fix is applied by plain ``fix`` unless ``unsafe`` says it waits for --unsafe-fixes.
    """

    bad: str | None = None
    fixed: str | None = None
    good: str | None = None
    markup: str = "text"
    #: The fix is offered but applied only with --unsafe-fixes (by default a bad example's fix is safe).
    unsafe: bool = False
    #: Other rules that run with this one in the example (a rule about other rules' findings needs them).
    also: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """The example's input, without span markers."""
        return _MARK.sub(r"\1", self.bad if self.bad is not None else self.good or "")

    @property
    def span(self) -> tuple[int, int] | None:
        """The [[…]] span of a bad example, in offsets of ``text``."""
        m = _MARK.search(self.bad or "")
        return (m.start(), m.end() - 4) if m else None


class Parsed:
    """A prose block with its parse, made on first use: a block that no rule needs is never parsed.

    A Parsed made with a ``parse`` function does not keep the Doc: it asks ``parse`` each time, and the engine's
    function keeps a window of recent Docs, so a long text never has every block's Doc alive at once (a rule
    that reads every block, as STY001 does, walks through them window by window).
    """

    __slots__ = ("_doc", "_parse", "_text", "block")

    def __init__(
        self, block: Block, doc: Doc | None = None, parse: Callable[[], Doc] | None = None, text: str | None = None
    ) -> None:
        self.block = block
        self._doc = doc
        self._parse = parse
        self._text = text

    @property
    def text(self) -> str:
        """The block's prose text (``doc.text``), without parsing it."""
        return self._text if self._text is not None else self.doc.text

    @property
    def doc(self) -> Doc:
        """The block's Doc; a neighbour a rule looks at (``ctx.prev.doc``) is parsed when first asked for."""
        if self._doc is not None:
            return self._doc
        if self._parse is None:
            raise ValueError("a Parsed block needs a doc or a way to parse it")
        return self._parse()


#: A cheap test of a block's raw text (or the whole text, for a document rule): the rule can fire only where it
#: holds. A compiled pattern is searched; a function is called. None: the rule runs on every block.
Trigger = re.Pattern[str] | Callable[[str], bool] | None


@dataclass(frozen=True)
class Rule:
    """A rule's metadata and its check, a function over one parsed block."""

    code: str
    name: str
    message: str
    check: Callable[[Doc, Context], Iterator[Finding]]
    safety: Safety = Safety.SAFE
    severity: Severity = Severity.ERROR
    examples: tuple[Example, ...] = ()
    doc: str = ""
    trigger: Trigger = field(default=None, compare=False)
    #: "block": the trigger is tested on each block's text and the rule runs only on those that pass;
    #: "document": it is tested on the whole prose text and, if it passes, the rule runs on every block.
    scope: str = "block"
    #: Whether entity labels only ever rule a finding out (a name is not a common noun, a title is not a word):
    #: then the engine runs the rule without them first, and again with them only on a block where it found
    #: something, so the recogniser runs where a finding is at stake, not on every block.
    entities_veto: bool = False

    def triggered(self, text: str) -> bool:
        """Whether the rule may fire in ``text``: a superset test, so a False never hides a finding."""
        if self.trigger is None:
            return True
        if isinstance(self.trigger, re.Pattern):
            return self.trigger.search(text) is not None
        return bool(self.trigger(text))

    @property
    def summary(self) -> str:
        """The first line of the rule's documentation: what it finds."""
        return self.doc.splitlines()[0] if self.doc else self.name

    @property
    def family(self) -> str:
        """The code's letter prefix, e.g. FRG for FRG001."""
        return self.code.rstrip("0123456789")


@dataclass(frozen=True)
class Context:
    """What a rule may know besides its block's Doc: neighbouring blocks, and how to report."""

    rule: Rule
    blocks: tuple[Parsed, ...]
    index: int
    source: str = field(repr=False, default="")
    config: Config = field(repr=False, default_factory=Config)

    @property
    def apostrophe(self) -> str:
        """The apostrophe a fix should write: the configured one, else the one the document already uses."""
        if self.config.apostrophe != "auto":
            return "’" if self.config.apostrophe == "curly" else "'"
        return document_apostrophe(self.source)

    @property
    def block(self) -> Block:
        return self.blocks[self.index].block

    @property
    def next(self) -> Parsed | None:
        return self.blocks[self.index + 1] if self.index + 1 < len(self.blocks) else None

    @property
    def prev(self) -> Parsed | None:
        return self.blocks[self.index - 1] if self.index > 0 else None

    def finding(
        self,
        start: int,
        end: int,
        replacement: str | None = None,
        message: str | None = None,
        safety: Safety | None = None,
        base: int | None = None,
    ) -> Finding:
        """A finding over ``[start, end)``, offsets relative to ``base`` (this block's start by default)."""
        safety = safety or self.rule.safety
        if safety is Safety.UNSAFE and self.rule.code in suggested_only():
            safety = Safety.DISPLAY  # wrong more often than right where measured: shown, never applied
        offset = self.block.start if base is None else base
        start, end = start + offset, end + offset
        match = self.source[start:end]
        edits = () if replacement is None else (Edit(start, end, replacement),)
        text = (message or self.rule.message).format(match=match.strip(), replacement=replacement)
        return Finding(
            code=self.rule.code,
            name=self.rule.name,
            start=start,
            end=end,
            message=text,
            edits=edits,
            safety=safety,
            severity=self.rule.severity,
        )


@cache
def suggested_only() -> frozenset[str]:
    """The rules whose unsafe fixes are only suggested (rules/data/suggested_fixes.yaml, with the measurements)."""
    return frozenset(lexicon.load("suggested_fixes") or {})


@lru_cache(maxsize=2)
def document_apostrophe(source: str) -> str:
    """The apostrophe ``source`` writes: curly if it has one between letters anywhere, else straight.

    Found once per text (a Context is made for each rule and block, and each fix asks): searching the whole
    source for every finding made a long document's check quadratic. Two texts are remembered, the one being
    checked and the one a fix pass just left.
    """
    return "’" if _CURLY_APOSTROPHE.search(source) else "'"


_REGISTRY: dict[str, Rule] = {}


def rule(
    *,
    code: str,
    name: str,
    message: str,
    safety: Safety = Safety.SAFE,
    severity: Severity = Severity.ERROR,
    examples: list[Example] | tuple[Example, ...] = (),
    trigger: Trigger = None,
    scope: str = "block",
    entities_veto: bool = False,
) -> Callable[[Callable[[Doc, Context], Iterator[Finding]]], Callable[[Doc, Context], Iterator[Finding]]]:
    """Register a Python rule under ``code``; its docstring is its documentation.

    ``trigger`` must hold wherever the rule can fire (see ``Trigger``): the engine skips, and does not parse,
    a block where it does not.
    """
    if scope not in ("block", "document"):
        raise ValueError(f"rule {code}: scope must be 'block' or 'document', not {scope!r}")

    def register(fn: Callable[[Doc, Context], Iterator[Finding]]) -> Callable[[Doc, Context], Iterator[Finding]]:
        doc = inspect.cleandoc(fn.__doc__ or "")
        add(Rule(code, name, message, fn, safety, severity, tuple(examples), doc, trigger, scope, entities_veto))
        return fn

    return register


def add(r: Rule) -> None:
    """Add a rule to the catalogue; a code may be used once."""
    if r.code in _REGISTRY and _REGISTRY[r.code].check is not r.check:
        raise ValueError(f"rule code {r.code} is registered twice")
    _REGISTRY[r.code] = r


def catalogue() -> dict[str, Rule]:
    """Every rule, by code."""
    _import_checks()
    return dict(sorted(_REGISTRY.items()))


@cache
def _import_checks() -> None:
    """Import every module of copyedit.checks, which registers its rules (once: listing them is slow)."""
    import copyedit.checks as checks

    for mod in pkgutil.iter_modules(checks.__path__):
        importlib.import_module(f"{checks.__name__}.{mod.name}")
