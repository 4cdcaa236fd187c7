"""STY: the style tics of machine-rewritten articles: a pet word used again and again, stock filler phrases."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from copyedit import lexicon, nlp
from copyedit.model import Finding, Safety, Severity
from copyedit.nlp import entity_type
from copyedit.rule import Context, Example, Parsed, rule
from copyedit.syntax import doc_text, quoted_at

if TYPE_CHECKING:
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc, Token

#: Uses of one distinctive word or phrase in an article from which each one after the first is reported.
_REPEATS = 3
#: The longest phrase, in words, that a repeat is reported as ("delicate balance of power").
_LONGEST = 4
#: Entity types that make a word part of a name ("Dynamic Signal Inc", "Vibrant Communities").
_NAMES = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW"})


@dataclass(frozen=True)
class _Word:
    """A word of the article, hyphenated compounds joined ("far-reaching"), with its offsets in the source."""

    text: str
    start: int
    end: int
    stop: bool
    name: bool
    distinctive: bool


def _word(tokens: list[Token], base: int, pet_words: frozenset[str]) -> _Word:
    first, last = tokens[0], tokens[-1]
    text = doc_text(first.doc)[first.idx : last.idx + len(last.text)].lower()
    name = any(t.pos_ in ("PROPN", "NUM") or entity_type(t) in _NAMES for t in tokens)
    name = name or (first.text[:1].isupper() and not first.is_sent_start) or quoted_at(first.doc, first.idx)
    distinctive = not name and (text in pet_words or (len(tokens) == 1 and first.lemma_.lower() in pet_words))
    return _Word(
        text, base + first.idx, base + last.idx + len(last.text), all(t.is_stop for t in tokens), name, distinctive
    )


def _runs(parsed: Parsed, pet_words: frozenset[str]) -> Iterator[list[_Word]]:
    """Runs of words between punctuation marks, so that no phrase spans a comma or a sentence end."""
    run: list[_Word] = []
    group: list[Token] = []
    for tok in parsed.doc:
        if group and (group[-1].whitespace_ or (tok.text != "-" and group[-1].text != "-")):
            run.append(_word(group, parsed.block.start, pet_words))
            group = []
        if any(c.isalpha() for c in tok.text) or (tok.text == "-" and group and not group[-1].whitespace_):
            group.append(tok)
        elif run or group:
            if group:
                run.append(_word(group, parsed.block.start, pet_words))
                group = []
            yield run
            run = []
    if group:
        run.append(_word(group, parsed.block.start, pet_words))
    if run:
        yield run


def _phrases(blocks: tuple[Parsed, ...]) -> dict[tuple[str, ...], list[tuple[int, int]]]:
    """Every phrase of one to four words with a distinctive word in it, no name, and no function word at
    either end, with where it occurs."""
    pet_words = frozenset(lexicon.load("style_words"))
    where: dict[tuple[str, ...], list[tuple[int, int]]] = defaultdict(list)
    for parsed in blocks:
        for run in _runs(parsed, pet_words):
            for n in range(1, _LONGEST + 1):
                for i in range(len(run) - n + 1):
                    words = run[i : i + n]
                    if words[0].stop or words[-1].stop or any(w.name for w in words):
                        continue
                    if any(w.distinctive for w in words):
                        where[tuple(w.text for w in words)].append((words[0].start, words[-1].end))
    return where


#: A word, or a hyphenated compound ("far-reaching"), as STY001 joins tokens into words.
_COMPOUND = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


@cache
def _pet_stems() -> tuple[frozenset[str], tuple[str, ...]]:
    """The pet words, and the stems every inflection of a one-word pet starts with ("delv" for "delving")."""
    pets = frozenset(lexicon.load("style_words"))
    return pets, tuple(sorted({p.rstrip("ey") or p for p in pets if "-" not in p}))


def _may_repeat(text: str) -> bool:
    """STY001's trigger, over the whole article: a word that may be a pet word (or have one as its lemma) is
    used three times or more; a phrase can repeat only if its pet word does."""
    pets, stems = _pet_stems()
    lower = text.lower()
    if not any(lower.count(s) >= _REPEATS for s in (*stems, *(p for p in pets if "-" in p))):
        return False  # a word counted below holds its stem (or is its hyphened pet word): a quick test first
    counts: Counter[str] = Counter()
    for m in _COMPOUND.finditer(lower):
        compound = m.group()
        counts.update([compound] if compound in pets else [])
        counts.update(part for part in compound.split("-") if part.startswith(stems))
    return any(n >= _REPEATS for n in counts.values())


@rule(
    code="STY001",
    trigger=_may_repeat,
    scope="document",
    name="repeated-phrase",
    message="“{match}” is used again and again in this article; vary or cut the repeats.",
    safety=Safety.DISPLAY,
    severity=Severity.SUGGESTION,
    examples=[
        Example(
            bad="The ruling could have far-reaching effects. Its [[far-reaching]] scope worried lawyers. "
            "The [[far-reaching]] powers were challenged.",
        ),
        Example(
            bad="It upset the delicate balance of power.\n\nThe [[delicate balance]] held for years.\n\n"
            "Nobody wanted to disturb the [[delicate balance]].",
        ),
        Example(good="The ruling had far-reaching effects, and lawyers called its scope far-reaching."),
        Example(good="Interest rates rose. Interest rates will rise again, and interest rates may rise in June."),
        Example(good="Dynamic Signal Inc hired staff. Dynamic Signal Inc moved office. Dynamic Signal Inc grew."),
        Example(good="Dynamics said it would buy CTS.\n\nDynamics said the price was fair.\n\nDynamics said no more."),
    ],
)
def repeated_phrase(doc: Doc, ctx: Context) -> Iterator[Finding]:
    """A distinctive word or phrase ("far-reaching", "unprecedented", "delicate balance") used three times or more.

    Looks at the whole article once: every use after the first is reported, with the longest phrase that
    repeats around the word. Only words from a list of the inflated vocabulary that rewriting leans on count
    (data: style_words.yaml); names, numbers and plain news words ("interest rates", "growth") repeat in any
    article about them and are never reported, and words inside quotation marks are the speaker's.

    ## Why
    A rewritten article reuses its pet words until they show; an editor varies or cuts them.

    ## Fix safety
    No fix: what to write instead is the writer's choice.
    """
    if ctx.index != 0:
        return
    claimed: list[tuple[int, int]] = []
    phrases = sorted(_phrases(ctx.blocks).items(), key=lambda kv: (-len(kv[0]), kv[1][0]))
    for words, spans in phrases:
        if len(spans) < _REPEATS or not any(ctx.source[b].islower() for b, _ in spans):
            continue  # never in lower case: a name ("Dynamics said")
        free = [s for s in spans if not any(s[0] < e and b < s[1] for b, e in claimed)]
        claimed.extend(free)
        phrase = " ".join(words)
        message = f"“{phrase}” is used {len(spans)} times in this article; vary or cut the repeats."
        for start, end in free:
            if (start, end) != spans[0]:
                yield ctx.finding(start, end, message=message, base=0)


@cache
def _stock_matcher() -> PhraseMatcher:
    """The stock phrases, in straight and curly apostrophe forms, matched on lower-case tokens."""
    from spacy.matcher import PhraseMatcher

    model = nlp.load()
    phrases = {v for p in lexicon.load("stock_phrases") for v in (p, p.replace("'", "’"))}
    matcher = PhraseMatcher(model.vocab, attr="LOWER")
    matcher.add("STOCK", [model.make_doc(p) for p in sorted(phrases)])
    return matcher


@cache
def _squeezed_phrases() -> re.Pattern[str]:
    """The stock phrases without spaces, lower case: a PhraseMatcher match on LOWER is its tokens' lower-case
    texts in a row, so the phrase appears in the block's lower-case text once whitespace is taken out."""
    phrases = {v for p in lexicon.load("stock_phrases") for v in (p, p.replace("'", "’"))}
    squeezed = sorted({re.sub(r"\s+", "", p.lower()) for p in phrases}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, squeezed)))


def _may_hold_stock_phrase(text: str) -> bool:
    """STY002's trigger: a stock phrase in the block, spaces aside."""
    return _squeezed_phrases().search(re.sub(r"\s+", "", text.lower())) is not None


@rule(
    code="STY002",
    trigger=_may_hold_stock_phrase,
    name="stock-filler",
    message="“{match}” is stock filler; most articles read better without it.",
    safety=Safety.DISPLAY,
    severity=Severity.SUGGESTION,
    examples=[
        Example(bad="[[In conclusion]], the plan failed."),
        Example(bad="[[It is important to note that]] the report is unconfirmed."),
        Example(bad="The ruling [[sent shockwaves]] through the industry."),
        Example(bad="The band’s success is [[a testament to]] hard work, and it’s not over."),
        Example(bad="Banks [[play a crucial role]] in the economy."),
        Example(bad="[[In today’s fast-paced world]], news travels quickly."),
        Example(good="The conclusion of the report was clear."),
        Example(good="The test of the new engine is due in May."),
        Example(good="Shock waves were felt 50 miles away, and the judge said it was important to note the date."),
        Example(good="The crucial role of banks was debated."),
        Example(good="“In conclusion, we won,” the coach said."),
    ],
)
def stock_filler(doc: Doc, ctx: Context) -> Iterator[Finding]:
    """A stock phrase that rewritten articles are full of: "In conclusion,", "sent shockwaves", "a testament to".

    Matched case-insensitively on whole words against a list (data: stock_phrases.yaml) of phrases that
    edited news hardly uses; a phrase inside quotation marks is the speaker's and is left alone.

    ## Why
    Filler says nothing; it marks a text as machine-written and wastes the reader's time.

    ## Fix safety
    No fix: cutting a phrase usually means rewording the sentence around it.
    """
    from spacy.util import filter_spans

    spans = filter_spans([doc[s:e] for _, s, e in _stock_matcher()(doc)])
    for span in spans:
        if not quoted_at(doc, span.start_char):  # a source's words, not the writer's
            yield ctx.finding(span.start_char, span.end_char)
