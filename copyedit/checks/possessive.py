"""POS: a name that lost its possessive ending before the thing it owns."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from copyedit import lexicon
from copyedit.model import Finding, Safety
from copyedit.rule import Context, Example, rule

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_CURLY = re.compile(r"[^\W\d_]’[^\W\d_]")
_NAME_TAGS = frozenset({"NNP", "NNPS"})
#: What may stand before a possessor that opens its noun phrase: nothing, a preposition, a verb, a conjunction,
#: punctuation. A determiner, adjective, number or noun there makes the name attributive ("the Apple store").
_OPENERS = frozenset({"IN", "TO", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "CC", ",", ":", "``", "-LRB-"})
_LABELS = frozenset({"PERSON", "ORG", "GPE"})


def _name_start(last: Token) -> Token:
    """The first token of the run of proper nouns (hyphenated parts included) that ends at ``last``."""
    first = last
    while first.i > 0:
        prev = first.doc[first.i - 1]
        if prev.tag_ in _NAME_TAGS and prev.whitespace_:
            first = prev
        elif prev.tag_ == "HYPH" and not prev.whitespace_ and prev.i > 0 and prev.doc[prev.i - 1].tag_ in _NAME_TAGS:
            first = prev.doc[prev.i - 1]
        else:
            break
    return first


def _word_start(last: Token) -> int:
    """Where the hyphenated word that ends with ``last`` starts ("Jong-un")."""
    tok = last
    while tok.i > 1 and tok.doc[tok.i - 1].tag_ == "HYPH" and not tok.doc[tok.i - 2].whitespace_:
        tok = tok.doc[tok.i - 2]
    return tok.idx


def _noun_chain(after: Token) -> tuple[Token | None, list[Token]]:
    """An optional superlative or ordinal, then the common nouns that follow the name."""
    doc, i = after.doc, after.i
    mod = after if after.ent_type_ == "ORDINAL" and after.tag_ == "JJ" else None  # "best actor" is a title too
    i += mod is not None
    nouns = []
    while i < len(doc) and doc[i].tag_ in ("NN", "NNS") and doc[i].text.islower():
        nouns.append(doc[i])
        i += 1
    return mod, nouns


def _ends_noun_phrase(head: Token) -> bool:
    """Whether the noun ends its phrase: no name follows (a false title, "Chelsea manager Jose Mourinho"),
    and nothing that would make a plural a verb ("Macron hopes to …")."""
    doc = head.doc
    nxt = doc[head.i + 1] if head.i + 1 < len(doc) else None
    if nxt is None:
        return True
    if nxt.tag_ in _NAME_TAGS or (nxt.text == "," and head.i + 2 < len(doc) and doc[head.i + 2].tag_ in _NAME_TAGS):
        return False
    return not (head.tag_ == "NNS" and (nxt.tag_ in ("TO", "DT", "PRP", "PRP$") or nxt.lower_ == "that"))


def _modified_before(head: Token, first: Token) -> bool:
    """Whether the noun phrase has a determiner or modifier before the name ("its redesigned Avalon sedan")."""
    return any(c.i < first.i and c.dep_ in ("det", "poss", "amod", "nummod", "predet") for c in head.children)


def _possessor(last: Token) -> Token | None:
    """The name's last token when the name must be a possessor; None when it may be attributive."""
    doc = last.doc
    if last.i + 1 >= len(doc) or not last.whitespace_ or last.ent_type_ not in _LABELS:
        return None
    first = _name_start(last)
    prev = doc[first.i - 1] if first.i > 0 else None
    if prev is not None and prev.tag_ not in _OPENERS:
        return None
    mod, nouns = _noun_chain(doc[last.i + 1])
    if not nouns or not _ends_noun_phrase(nouns[-1]) or _modified_before(nouns[-1], first):
        return None
    if last.text.isupper() and last.ent_type_ != "PERSON":
        return None  # "US officials", "BBC reporter": acronyms are attributive by habit
    words = lexicon.load("possessed_nouns")
    lemmas = {n.lemma_.lower() for n in nouns} | {n.lower_ for n in nouns}
    titled = first.lower_ in words["honorifics"]
    if last.ent_type_ == "PERSON" or titled:
        # A one-word "person" is as often an award, a brand or a misread ("Grammy nominations").
        if not titled and first.i == last.i:
            return None
        return last if mod is not None or lemmas & set(words["person"]) else None
    return last if mod is None and nouns[-1].tag_ == "NN" and lemmas & set(words["place_or_body"]) else None


def _apostrophe(source: str) -> str:
    return "’" if _CURLY.search(source) else "'"


@rule(
    code="POS001",
    name="missing-possessive",
    message="“{match}” should be possessive here; add ’s.",
    safety=Safety.SAFE,
    examples=[
        Example(
            bad="Few expected change under Kim [[Jong-un]] leadership.",
            fixed="Few expected change under Kim Jong-un's leadership.",
        ),
        Example(
            bad="Critics attacked Angela [[Merkel]] decision to stand down.",
            fixed="Critics attacked Angela Merkel's decision to stand down.",
        ),
        Example(
            bad="The judge doubted Thomas [[Andrews]] account of the night.",
            fixed="The judge doubted Thomas Andrews's account of the night.",
        ),
        Example(bad="Police seized Mr [[Dawson]] phone records.", fixed="Police seized Mr Dawson's phone records."),
        Example(
            bad="It was Lionel [[Messi]] 20th goal, and Spain’s fans were quiet.",
            fixed="It was Lionel Messi’s 20th goal, and Spain’s fans were quiet.",
        ),
        Example(
            bad="Shares fell after [[Amazon]] decision to cut prices.",
            fixed="Shares fell after Amazon's decision to cut prices.",
        ),
        Example(
            bad="The rally marked Barack [[Obama]] presidency.", fixed="The rally marked Barack Obama's presidency."
        ),
        Example(good="The Biden administration imposed the tariffs."),
        Example(good="Workers at the Tesla factory voted against the deal."),
        Example(good="Chelsea manager Jose Mourinho praised his side."),
        Example(good="US officials said the talks had stalled."),
        Example(good="Ford shares rose 3% after the announcement."),
        Example(good="A Google search returned two million results."),
        Example(good="Labour leader Ed Miliband spoke in Leeds."),
        Example(good="Emmanuel Macron hopes to pass the reform this year."),
        Example(good="Former Obama aide David Axelrod wrote a memoir."),
        Example(good="The teenager also has Grammy nominations, and the film named Javier Bardem best actor."),
        Example(good="The rate would be 2% next year, Mr Brown forecast, which has given Mr Brown something to do."),
        Example(good="There are 80 staff at Argonaut headquarters in north London."),
        Example(good="The Kremlin spokesman declined to comment."),
    ],
)
def missing_possessive(doc: Doc, ctx: Context) -> Iterator[Finding]:
    """A name run straight into a noun it owns, with no determiner: "under Kim Jong-un leadership".

    A name before a noun is usually attributive and correct ("the Biden administration", "a Tesla factory",
    "US officials", "Chelsea manager Jose Mourinho"), so this fires only where the phrase opens with the name
    (nothing but a preposition, verb or conjunction before it) and the evidence is strong: a superlative or
    ordinal after the name ("Arsenal third goal"), a courtesy title ("Mr Dawson phone records"), or a noun
    that names what its owner has or does (data: possessed_nouns.yaml). Titles and headings are skipped:
    headline English drops possessives on purpose.

    ## Fix safety
    Safe: ’s is added to the name (also after s: "Harris's"), with the apostrophe style the document uses.
    """
    if ctx.block.kind not in ("paragraph", "list_item", "quote"):
        return
    mark = _apostrophe(ctx.source)
    for tok in doc:
        if tok.tag_ in _NAME_TAGS and (last := _possessor(tok)) is not None:
            start, end = _word_start(last), last.idx + len(last.text)
            full = doc.text[_name_start(last).idx : end]
            message = f"“{full}” owns the noun after it; add {mark}s."
            yield ctx.finding(start, end, f"{doc.text[start:end]}{mark}s", message=message)
