"""HDL: headlines damaged by search-engine tooling."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from copyedit.model import Finding, Safety
from copyedit.rule import Context, Example, rule

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

#: An opening quote, its contents, the matching closing quote, a colon and the space after it.
_PREFIX = re.compile(r"""^(?:"([^"]+)"|“([^“”]+)”|'([^']+)'|‘([^‘’]+)’):\s+(?=\S)""")
#: Closed-class tags: a quoted phrase with any of these is a sentence or phrase someone said, not keywords.
_FUNCTION_TAGS = frozenset({"DT", "PDT", "PRP", "PRP$", "WP", "WP$", "WDT", "WRB", "MD", "EX", "TO", "UH"})
_MIN_WORDS = 3
#: Lowercase words that open a phrase rather than a list of keywords ("level playing field").
_PHRASE_OPENERS = frozenset({"JJ", "JJR", "JJS", "RB", "RBR", "RBS", "VBN", "VBG"})


def _keywords(span: Span) -> list[Token] | None:
    """The quoted words, if they read as a bag of search keywords: content words only, no clause, no punctuation."""
    words = [t for t in span if not t.is_space]
    for i, t in enumerate(words):
        if t.is_punct and t.text not in ("-", "&", "."):
            return None
        if t.tag_ in _FUNCTION_TAGS or t.pos_ in ("AUX", "PART") or (t.is_stop and not _inside_name(words, i)):
            return None
        if t.tag_.startswith("VB") and not _can_be_noun(t):
            return None  # "fundamentals remain strong", "said Mr Hawkins": a clause, not keywords
    if words and words[0].text[:1].islower() and words[0].tag_ in _PHRASE_OPENERS:
        return None  # "certain alleged irregularities": a phrase that reads as one noun phrase
    content = [
        t for t in words if any(c.isalnum() for c in t.text) and not (t.is_stop and _inside_name(words, words.index(t)))
    ]
    return content if len(set(span.text.lower().split())) >= _MIN_WORDS else None


def _can_be_noun(tok: Token) -> bool:
    from copyedit.inflection import getAllLemmas

    return "NOUN" in getAllLemmas(tok.lower_)


def _inside_name(words: list[Token], i: int) -> bool:
    """A stop word between two capitalised words is part of a name ("Bank of England")."""
    return 0 < i < len(words) - 1 and words[i - 1].text[:1].isupper() and words[i + 1].text[:1].isupper()


def _vocabulary(tokens: Span | Doc) -> set[str]:
    """Lowercase forms, lemmas and initials (for acronyms) of the words in ``tokens``."""
    vocab: set[str] = set()
    initials = ""
    for t in tokens:
        vocab |= {t.lower_, t.lemma_.lower()}
        initials = initials + t.text[0].lower() if t.text[:1].isupper() and t.is_alpha else ""
        vocab |= {initials[-k:] for k in range(2, min(len(initials), 4) + 1)}
    return vocab


def _recurring(keywords: list[Token], vocab: set[str]) -> set[str]:
    return {t.lower_ for t in keywords if t.lower_ in vocab or t.lemma_.lower() in vocab}


def _recurs(keywords: list[Token], headline: set[str], body: set[str]) -> bool:
    """Whether the keywords are the headline's own words: some in the headline, and many in headline or text."""
    unique = {t.lower_ for t in keywords}
    found = _recurring(keywords, headline | body)
    return bool(_recurring(keywords, headline)) and len(found) >= 2 and len(found) * 5 >= len(unique) * 2


def _stacked(span: Span, keywords: list[Token]) -> bool:
    """Whether the words look stacked rather than phrased: four or more words, several names, or a lowercase
    start with a name after it (a phrase someone said is short and reads as one noun phrase)."""
    names = sum(
        1
        for t in keywords[1:]
        if t.text[:1].isupper()
        and t.idx > 0
        and not span.doc.text[t.idx - 1].isalnum()
        and span.doc.text[t.idx - 1] != "-"
    )
    lower_start = keywords[0].text[:1].islower()
    return len(set(span.text.lower().split())) >= 4 or names >= 2 or (lower_start and names >= 1)


@rule(
    code="HDL001",
    trigger=_PREFIX,
    name="keyword-stuffed-headline",
    message="“{match}” is a quoted string of search keywords before the headline; remove it.",
    safety=Safety.SAFE,
    examples=[
        Example(
            bad='[["Putin Russia North Korea ally": ]]Putin: Russia, North Korea Pledge Mutual Aid',
            fixed="Putin: Russia, North Korea Pledge Mutual Aid",
        ),
        Example(
            bad="[[“hurricane Florida evacuation storm”: ]]Hurricane Forces Evacuation of Florida Keys",
            fixed="Hurricane Forces Evacuation of Florida Keys",
        ),
        Example(
            bad="[['Bank of England interest rates inflation': ]]Bank of England Cuts Interest Rates as Inflation Eases",  # noqa: E501
            fixed="Bank of England Cuts Interest Rates as Inflation Eases",
        ),
        Example(
            bad="[[“measles outbreak Texas vaccine cases”: ]]Measles cases in Texas climb\n\nMost had not had the vaccine.",  # noqa: E501
            fixed="Measles cases in Texas climb\n\nMost had not had the vaccine.",
        ),
        Example(
            bad="[[‘Apple iPhone sales China’: ]]Apple iPhone Sales Slump in China",
            fixed="Apple iPhone Sales Slump in China",
        ),
        Example(
            bad='[["wildfire smoke Alberta air quality": ]]Wildfire Smoke Blankets Alberta\n\nAir quality worsened.',
            fixed="Wildfire Smoke Blankets Alberta\n\nAir quality worsened.",
        ),
        Example(good="“We will not back down”: Minister defends plan"),
        Example(good="'Hitler' row over art show"),
        Example(good="“Game-changer”: What the new law means"),
        Example(good="“A national disgrace”: MPs condemn prison conditions"),
        Example(good='"Brexit means Brexit": May sets out her vision for leaving the EU'),
        Example(good="“Inflation is not beaten yet”: Fed chair warns markets"),
        Example(good='"Deeply troubling failures": Report condemns hospital trust failures'),
        Example(good="“Unprecedented cyber attack”: NHS hit by cyber attack"),
        Example(good="Budget 2025: What it means for your pay packet"),
        Example(good='The minister said "tax cuts now": Labour MPs disagreed with her.'),
    ],
)
def keyword_stuffed_headline(doc: Doc, ctx: Context) -> Iterator[Finding]:
    """A headline that opens with a quoted bag of search keywords and a colon: “Putin Russia ally”: Putin: ….

    Quoted openers are common and correct ("“We will not back down”: Minister defends plan"), so the quoted
    part must read as keywords: at least three different words, no determiner, pronoun, auxiliary or other
    function word (except inside a name), no punctuation; and most of them recur in the rest of the headline
    or in the text under it, some in the headline itself; and they look stacked: four or more words, several
    names, or a lowercase start followed by a name.
    Only the first block of an article is looked at (a long headline may be parsed as a one-line paragraph).

    ## Fix safety
    Safe: the quoted prefix, its colon and the space after it are removed; the headline itself is untouched.
    """
    if ctx.index != 0 or ctx.block.kind not in ("title", "heading", "paragraph") or "\n" in doc.text.strip():
        return
    m = _PREFIX.match(doc.text)
    quoted = doc.char_span(m.start() + 1, m.start() + 1 + len(next(filter(None, m.groups())))) if m else None
    keywords = _keywords(quoted) if quoted is not None else None
    if m is None or quoted is None or keywords is None or not _stacked(quoted, keywords):
        return
    rest = doc.char_span(m.end(), len(doc.text), alignment_mode="expand")
    body = _vocabulary(ctx.next.doc) if ctx.next is not None else set()
    if rest is not None and len(rest) >= _MIN_WORDS and _recurs(keywords, _vocabulary(rest), body):
        yield ctx.finding(m.start(), m.end(), "")
