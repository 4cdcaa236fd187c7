"""POS: a name that lost its possessive ending before the thing it owns."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

from copyedit import lexicon
from copyedit.inflection import getAllInflections, getAllLemmas
from copyedit.model import Finding, Safety
from copyedit.rule import Context, Example, rule

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

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


#: Ordinal words: a name followed by one ("Arsenal third goal") needs no listed noun.
_ORDINAL = re.compile(
    r"(?<![^\W\d_])(?:first|second|third|[^\W\d_]*?(?:fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth"
    r"|teenth|tieth|hundredth|thousandth|millionth|billionth)|\d+(?:st|nd|rd|th))(?![^\W\d_])",
    re.IGNORECASE,
)


@cache
def _owned_nouns() -> re.Pattern[str]:
    """The start of any form of a noun POS001 accepts: a list noun without its final s, e or y, and its
    inflections ("wives"), so that every form whose lemma the tagger may give as a list noun passes."""
    words = [w for key in ("person", "place_or_body") for w in lexicon.load("possessed_nouns")[key]]
    forms = {f for w in words for fs in getAllInflections(w.rstrip("s"), upos="NOUN").values() for f in fs}
    stems = {w.rstrip("sey") or w for w in words} | forms
    return re.compile(rf"(?<![^\W\d_])(?:{'|'.join(sorted(map(re.escape, stems)))})", re.IGNORECASE)


def _may_own(text: str) -> bool:
    """POS001's trigger: a noun of possessed_nouns.yaml, or an ordinal, that a name may own."""
    return _owned_nouns().search(text) is not None or _ORDINAL.search(text) is not None


@rule(
    code="POS001",
    trigger=_may_own,
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
    mark = ctx.apostrophe
    for tok in doc:
        if tok.tag_ in _NAME_TAGS and (last := _possessor(tok)) is not None:
            start, end = _word_start(last), last.idx + len(last.text)
            full = doc.text[_name_start(last).idx : end]
            message = f"“{full}” owns the noun after it; add {mark}s."
            yield ctx.finding(start, end, f"{doc.text[start:end]}{mark}s", message=message)


#: Determiners that open a noun phrase whose first noun may own the second ("the players celebrations").
_GROUP_DETS = frozenset({"the", "its", "their", "our", "his", "her", "your", "these", "those", "both"})
#: Words before "of the …" that make the noun after it a partitive subject ("one of the players wants").
_PARTITIVES = frozenset({"one", "each", "none", "any", "either", "neither", "some", "all", "many", "most", "which"})


def _noun_lemmas(word: str) -> tuple[str, ...]:
    return getAllLemmas(word, "NOUN").get("NOUN", ())


def _plural_stem(tok: Token) -> str | None:
    """The singular of a regular plural noun ("companies" → "company"), else None."""
    word = tok.text
    if tok.tag_ != "NNS" or "Plur" not in tok.morph.get("Number") or not (word.isalpha() and word.islower()):
        return None
    return next((x for x in _noun_lemmas(word) if word in (x + "s", x + "es", x[:-1] + "ies")), None)


def _may_be_verb(word: str, tags: tuple[str, ...]) -> bool:
    """Whether ``word`` may be one of the verb forms ``tags`` ("fear" may be VBP, "demands" VBZ)."""
    lemmas = getAllLemmas(word, "VERB").get("VERB", ())
    return any(word in getAllInflections(lemma, upos="VERB").get(tag, ()) for lemma in lemmas for tag in tags)


def _owned_noun(owner: Token) -> Token | None:
    """The noun right after a plural owner, when it names what owners have and cannot be the owners' verb."""
    doc = owner.doc
    if owner.i + 1 >= len(doc) or owner.whitespace_ != " ":
        return None
    owned = doc[owner.i + 1]
    word = owned.text
    owned_words = lexicon.load("possessed_nouns")["group_owned"]
    if not (word.isalpha() and word.islower()) or not {word, *_noun_lemmas(word)} & set(owned_words):
        return None
    nxt = doc[owned.i + 1] if owned.i + 1 < len(doc) else None
    if nxt is not None and nxt.tag_ == "HYPH" and not owned.whitespace_:
        return None
    if owned.tag_ == "VBZ" and word.endswith("s") and _noun_lemmas(word):
        return owned  # a verb in -s cannot follow a plural subject: "the supporters demands" is a noun
    if owned.tag_ not in ("NN", "NNS"):
        return None
    if owned.tag_ == "NN" and _may_be_verb(word, ("VB", "VBP")):
        # "the residents fear more flooding": only a finite verb right after shows that the word is a noun
        return owned if nxt is not None and nxt.tag_ in ("VBD", "VBZ", "MD") else None
    return owned


def _two_objects(det: Token, owner: Token, owned: Token) -> bool:
    """Whether a verb that takes two objects governs the phrase ("gave the players bonuses")."""
    verbs = lexicon.load("two_object_verbs")
    i = det.i - 1
    while i >= 0 and det.doc[i].tag_ in ("RB", "PDT"):
        i -= 1
    if i >= 0 and det.doc[i].pos_ in ("VERB", "AUX") and det.doc[i].lemma_ in verbs:
        return True
    return any(t.dep_ in ("dative", "dobj") and t.head.lemma_ in verbs for t in (owner, owned))


def _clause_subject(det: Token, owned: Token) -> bool:
    """Whether owner and owned may be subject and verb of a clause: "one of the players wants", "the flooding
    the residents fear"."""
    doc = det.doc
    if det.i >= 2 and doc[det.i - 1].lower_ == "of" and doc[det.i - 2].lower_ in _PARTITIVES:
        return _may_be_verb(owned.text, ("VBZ",))
    return det.i >= 1 and doc[det.i - 1].tag_ in ("NN", "NNS", "PRP") and _may_be_verb(owned.text, ("VB", "VBP"))


def _plural_possessor(owner: Token) -> Token | None:
    """The noun ``owner`` owns, when ``owner`` is a plural possessor that lost its apostrophe."""
    stem = _plural_stem(owner)
    if stem is None or stem not in lexicon.load("possessed_nouns")["group_owners"] or owner.i < 1:
        return None
    det = owner.doc[owner.i - 1]
    if det.lower_ not in _GROUP_DETS or det.tag_ not in ("DT", "PDT", "PRP$"):
        return None
    owned = _owned_noun(owner)
    if owned is None or _two_objects(det, owner, owned) or _clause_subject(det, owned):
        return None
    return owned


@cache
def _group_owners() -> re.Pattern[str]:
    """A determiner of _GROUP_DETS, then the plural of a group owner (any of the three spellings
    ``_plural_stem`` accepts), one space and the next word."""
    owners = lexicon.load("possessed_nouns")["group_owners"]
    plurals = sorted({p for x in owners for p in (x + "s", x + "es", x[:-1] + "ies")}, key=len, reverse=True)
    dets = "|".join(sorted(_GROUP_DETS))
    return re.compile(rf"(?<![^\W\d_])(?i:{dets})\s+(?:{'|'.join(plurals)}) (?=[^\W\d_])")


def _may_own_plural(text: str) -> bool:
    """POS002's trigger: "the players" and a word after them, where the plural may have lost its apostrophe."""
    return _group_owners().search(text) is not None


@rule(
    code="POS002",
    trigger=_may_own_plural,
    name="missing-plural-possessive",
    message="“{match}” owns the noun after it; add an apostrophe.",
    safety=Safety.UNSAFE,
    examples=[
        Example(
            bad="The [[companies]] profits fell by a fifth.",
            fixed="The companies' profits fell by a fifth.",
        ),
        Example(
            bad="Police have not released the [[victims]] names.",
            fixed="Police have not released the victims' names.",
            unsafe=True,
        ),
        Example(
            bad="The club’s board rejected the [[supporters]] demands.",
            fixed="The club’s board rejected the supporters’ demands.",
            unsafe=True,
        ),
        Example(
            bad="Flooding ruined the [[families]] homes last winter.",
            fixed="Flooding ruined the families' homes last winter.",
        ),
        Example(good="The workers union called a strike."),
        Example(good="Shoppers crowded the farmers market."),
        Example(good="The government raised the sales tax."),
        Example(good="It was the largest arms deal in a decade."),
        Example(good="The jobs report was strong, and the sports car market grew."),
        Example(good="The company's shares fell, and the players train on Sunday."),
        Example(good="The players celebrate every goal."),
        Example(good="The residents fear more flooding."),
        Example(good="The club gave the players bonuses."),
        Example(good="One of the players demands a transfer every summer."),
    ],
)
def missing_plural_possessive(doc: Doc, ctx: Context) -> Iterator[Finding]:
    """A plural noun for people or a body run straight into a noun it owns: "the players celebrations".

    Plurals before nouns are often attributive and correct ("sales tax", "arms deal", "jobs report",
    "workers union", "farmers market"), and a plural subject is often followed by its verb ("the players
    train"). So this fires only when a determiner opens the phrase, the plural names people or a body
    (players, residents, companies), the next noun names what such owners have (decision, homes, profits,
    demands; data: possessed_nouns.yaml) and cannot be their verb, and no verb that takes two objects
    ("gave the players bonuses") governs the phrase. Titles and headings are skipped.

    ## Why
    Machine rewriting drops apostrophes; "the players celebrations" reads as a typing error in print.

    ## Fix safety
    The apostrophe goes after the s ("players’"), in the document's apostrophe style. Safe when only a
    plural can be meant: "companies" or "churches" cannot be "company's" or "church's" without its
    apostrophe. Unsafe otherwise: "the players decision" may have been "the player's decision".
    """
    if ctx.block.kind not in ("paragraph", "list_item", "quote"):
        return
    mark = ctx.apostrophe
    for tok in doc:
        if tok.tag_ == "NNS" and (owned := _plural_possessor(tok)) is not None:
            safe = tok.text != _plural_stem(tok) + "s"
            message = f"“{tok.text}” owns “{owned.text}”; add an apostrophe: “{tok.text}{mark}”."
            yield ctx.finding(
                tok.idx,
                tok.idx + len(tok.text),
                tok.text + mark,
                message=message,
                safety=Safety.SAFE if safe else Safety.UNSAFE,
            )
