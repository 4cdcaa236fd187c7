"""POS: a name that lost its possessive ending before the thing it owns."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache
from itertools import takewhile
from typing import TYPE_CHECKING

from copyedit import lexicon, nlp
from copyedit.inflection import getAllInflections, getAllLemmas
from copyedit.model import Finding, Safety
from copyedit.nlp import entities_on, entity_iob, entity_type, indexed_noun
from copyedit.rule import Context, Example, rule
from copyedit.syntax import FINITE_TAGS, can_be_verb_form, in_quotation

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_NAME_TAGS = frozenset({"NNP", "NNPS"})
#: What may stand before a possessor that opens its noun phrase: nothing, a preposition, a verb, a conjunction, an
#: adverb ("is now Germany third largest employer"), punctuation. A determiner, adjective, number or noun there
#: makes the name attributive ("the Apple store").
_OPENERS = frozenset({"IN", "TO", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "CC", "RB", ",", ":", "``", "-LRB-"})
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
        elif _first_name_modal(prev, first):
            first = prev
        else:
            break
    return first


def _first_name_modal(prev: Token, name: Token) -> bool:
    """Whether a capitalised word the tagger reads as a modal opens the person's name that ``name`` goes on ("Will
    Smith", "May Brown"): the recogniser begins the name there."""
    if prev.tag_ != "MD" or not prev.text.istitle() or not prev.whitespace_:
        return False
    return entity_iob(prev) == "B" and entity_type(prev) == "PERSON" and entity_iob(name) == "I"


def _word_start(last: Token) -> int:
    """Where the hyphenated word that ends with ``last`` starts ("Jong-un")."""
    tok = last
    while tok.i > 1 and tok.doc[tok.i - 1].tag_ == "HYPH" and not tok.doc[tok.i - 2].whitespace_:
        tok = tok.doc[tok.i - 2]
    return tok.idx


def _noun_chain(after: Token, ordinal: bool) -> tuple[Token | None, list[Token]]:
    """An optional superlative or ordinal (``after``, when ``ordinal``), then the common nouns that follow."""
    doc, i = after.doc, after.i
    mod = after if ordinal else None  # "best actor" is a title too
    i += mod is not None
    i = _past_hyphens(doc, i) if mod is not None else i  # "best-selling", "second-largest": one modifier
    if mod is not None and mod.lower_ in _MOST and i < len(doc) and doc[i].tag_ == "JJ":
        i += 1  # "Britain most successful businessmen": "most" and its adjective
    counts = mod is not None and (_ORDINAL.fullmatch(mod.lower_) is not None or mod.tag_ == "CD")
    if counts and i < len(doc) and _superlative_at(doc[i]):
        i = _past_hyphens(doc, i + 1)  # "Japan second biggest carmaker", "Britain two biggest banks"
    if mod is not None and (_superlative_at(doc[i - 1]) or owning_word(doc[i - 1].lower_)):
        i = _past_describers(doc, i)  # "Europe biggest independent banks", "Will Smith first romantic comedy"
    if mod is not None and i < len(doc) and doc[i].tag_ == "CD" and _ORDINAL.fullmatch(mod.lower_):
        i += 1  # "Mr Bush first 100 days"
    nouns = []
    while (
        i < len(doc)
        and doc[i].text.islower()
        and (doc[i].tag_ in ("NN", "NNS") or _subject_noun(doc[i]) or _object_noun(doc[i]) or _only_noun(doc[i]))
    ):
        if i + 1 < len(doc) and not doc[i].whitespace_ and doc[i + 1].text in ("-", "–"):
            return mod, []  # "Will Smith co-stars": part of a hyphenated word, no noun of its own
        nouns.append(doc[i])
        i += 1
    return mod, nouns


def _superlative_at(tok: Token) -> bool:
    """Whether the word is a superlative by its tag and form ("biggest", "best"; not "interest")."""
    return tok.tag_ in ("JJS", "RBS") and _SUPERLATIVE.fullmatch(tok.lower_) is not None


def _past_describers(doc: Doc, i: int) -> int:
    """The index after the lowercase adjectives from ``i`` (hyphened ones whole, "ever" among them) that describe
    the noun a superlative ranks: "biggest independent bank", "youngest ever self-made millionaire"."""
    while i < len(doc) and doc[i].text.islower():
        end = _past_hyphens(doc, i + 1)
        tok = doc[i]
        plain = tok.tag_ == "JJ" or (tok.tag_ == "VBN" and tok.dep_ == "amod") or tok.lower_ == "ever"
        # "self-made", "long-range": a hyphened word with a describing part
        hyphened = end > i + 1 and any(t.tag_ in ("JJ", "VBN", "VBG") for t in doc[i:end])
        if not (plain or hyphened):
            break
        i = end
    return i


def _modifier_words(mod: Token) -> list[str]:
    """The words of a modifier, with the parts hyphened to it ("second-largest": "second", "largest")."""
    doc, end = mod.doc, _past_hyphens(mod.doc, mod.i + 1)
    return [t.lower_ for t in doc[mod.i : end] if t.tag_ != "HYPH"]


def _past_hyphens(doc: Doc, i: int) -> int:
    """The index after the hyphenated parts that go on the word before ``i`` ("best" of "best-selling")."""
    while i + 1 < len(doc) and doc[i].tag_ == "HYPH" and not doc[i - 1].whitespace_ and not doc[i].whitespace_:
        i += 2
    return i


def _ordinal_reading(after: Token) -> bool:
    """Whether the word after a name ranks what follows, an ordinal or a superlative, by its form ("third",
    "21st", "biggest", "second-largest") or as an owning adjective ("latest", "new"). (The entity recogniser
    was once asked about other adjectives; on 1,200 clean articles it called none of 432 an ordinal.)"""
    nxt = after.doc[after.i + 1] if after.i + 1 < len(after.doc) else None
    if _ORDINAL.fullmatch(after.lower_) and nxt is not None and (_superlative_at(nxt) or nxt.tag_ == "CD"):
        return True  # "Japan second biggest carmaker", "Mr Bush first 100 days" (often tagged an adverb)
    if after.tag_ == "CD" and nxt is not None and _superlative_at(nxt):
        return True  # "Britain two biggest banks": a count of what the superlative ranks
    hyphened = _modifier_words(after)  # a superlative or ordinal in it, not "top" of "set-top"
    if len(hyphened) > 1 and any(_SUPERLATIVE.fullmatch(w) or _ORDINAL.fullmatch(w) for w in hyphened):
        return True  # "Europe second-largest bank", "Britain best-selling album"
    adjective_next = after.i + 1 < len(after.doc) and after.doc[after.i + 1].tag_ == "JJ"
    if after.tag_ in ("JJ", "JJS", "RBS") and _owning(after.lower_) and (after.lower_ not in _MOST or adjective_next):
        return True  # "Europe biggest banks", "Mr Smith latest plan", "Britain new prime minister"
    return after.tag_ == "JJ" and _ORDINAL.fullmatch(after.text) is not None


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


def _opener(first: Token, head: Token) -> tuple[Token | None, bool]:
    """The token before the noun phrase that ``first`` opens (None at the start of the text), and whether a
    title opens the phrase: a courtesy title, or one the parse hangs on the same head ("Chancellor of the
    Exchequer Nigel Lawson budget")."""
    doc, edge = first.doc, head.left_edge
    honorifics = lexicon.load("possessed_nouns")["honorifics"]
    title = doc[edge.i : first.i]
    if title and title[0].lower_ in honorifics and all(_in_title(t) for t in title):
        first = edge
    prev = doc[first.i - 1] if first.i > 0 and not first.is_sent_start else None
    titled = first.lower_ in honorifics
    if prev is not None and prev.tag_ == "NN" and prev.text.islower() and (titled or role_noun(prev.lower_)):
        # a false title is part of the name's phrase: "the exposure of singer Janet Jackson breast"; before a
        # courtesy title any run of nouns is one ("theatre impresario Sir Cameron Mackintosh fortune")
        prev = doc[prev.i - 1] if prev.i > 0 and not prev.is_sent_start else None
        while titled and prev is not None and prev.tag_ == "NN" and prev.text.islower():
            prev = doc[prev.i - 1] if prev.i > 0 and not prev.is_sent_start else None
    return prev, titled


def _in_title(tok: Token) -> bool:
    return tok.tag_ in _NAME_TAGS or tok.lower_ in ("of", "the")


#: A name's noun phrase: the ordinal or superlative, the nouns, the word before it, whether a title opens it,
#: and the nouns' words and lemmas.
Phrase = tuple["Token | None", "list[Token]", "Token | None", bool, set[str]]


def _phrase(first: Token, last: Token, after: Token, ordinal: bool) -> Phrase | None:
    """The noun phrase the name ``first``..``last`` opens, read with or without an ordinal after it, when its
    words can hold a possessor (the entity labels aside)."""
    mod, nouns = _noun_chain(after, ordinal)
    if not nouns or _modified_before(nouns[-1], first) or _not_owned(nouns[-1]):
        return None
    prev, titled = _opener(first, nouns[-1])
    ranks = mod is not None and any(_SUPERLATIVE.fullmatch(w) or _ORDINAL.fullmatch(w) for w in _modifier_words(mod))
    if (prev is not None and prev.tag_ not in _OPENERS) or not (_ends_noun_phrase(nouns[-1]) or ranks):
        return None  # (but "Britain biggest union Unison": a ranked noun is no false title before a name)
    words = lexicon.load("possessed_nouns")
    lemmas = {n.lemma_.lower() for n in nouns} | {n.lower_ for n in nouns}
    listed = lemmas & (set(words["person"]) | set(words["place_or_body"]))
    chain = len(nouns) == 1 or titled or _counted_chain(nouns)
    bare = chain and last.is_alpha and (titled or first.i < last.i or _counted(nouns[-1]))
    return (mod, nouns, prev, titled, lemmas) if mod is not None or listed or bare else None


def _counted_chain(nouns: list[Token]) -> bool:
    """A compound that ends on a count noun news never leaves bare, with no role in it and no word that may be the
    name's verb ("France finance minister", "Venezuela mining sector"; not "Mr Brown forecast growth"): after a
    bare name it needs a determiner as much as the noun alone does."""
    return _nounal(nouns) and _counted(nouns[-1]) and not any(role_noun(n.lower_) for n in nouns)


def _nounal(nouns: list[Token]) -> bool:
    """A compound whose first word cannot be the verb of the name before it ("Mr Brown forecast growth")."""
    return len(nouns) > 1 and not _may_be_verb(nouns[0].lower_, ("VBD", "VBN", "VBZ"))


def _counted(noun: Token) -> bool:
    """A singular noun that edited news gives a determiner nearly every time (news_counts.yaml, counted by
    train/news_counts.py): a bare name before it is its possessor or nothing ("Japan economy shrank")."""
    return noun.tag_ == "NN" and noun.lower_ in _count_nouns()


@cache
def _count_nouns() -> frozenset[str]:
    return frozenset(lexicon.load("news_counts")["count_nouns"])


def _not_owned(head: Token) -> bool:
    """Whether the word after the name cannot be a thing it owns: a word the dictionary knows, but not as a noun
    ("Alicia Keys onstage"), a word that may be an adverb where it is no subject ("saw Harry Styles backstage"), or
    the kind of thing the name itself is, a place, building or event ("Evin prison", "Carabao Cup final")."""
    readings = getAllLemmas(head.lower_)
    if not readings:  # a word lemminflect lacks is a noun if the lemmatizer's index has it ("carmaker", not "dlrs")
        return not indexed_noun(head.lemma_.lower())
    if "NOUN" not in readings or ("ADV" in readings and head.dep_ not in ("nsubj", "nsubjpass")):
        return True
    return head.lemma_.lower() in _kinds() or head.lower_ in _kinds()


@cache
def _kinds() -> frozenset[str]:
    return frozenset(lexicon.load("possessed_nouns")["kinds"])


def _possessor(last: Token, source: str = "", ctx: Context | None = None) -> Safety | None:
    """How sure it is that the name ending at ``last`` is a possessor; None when it may be attributive. ``source``
    is the whole document, where a courtesy title elsewhere shows a one-word name to be a person's, and ``ctx``
    the block's context, where a full name before shows a surname to be one (`named_in_full`)."""
    doc = last.doc
    if last.i + 1 >= len(doc) or not last.whitespace_ or len(last.text) == 1:
        return None  # (a one-letter label closes a name: "Annex B approval", "Plan B")
    first, after = _name_start(last), doc[last.i + 1]
    if after.tag_ in _NAME_TAGS and _country_before_person(first, last):
        return Safety.SAFE  # "beat Russia Elena Bovina"
    phrase = _phrase(first, last, after, _ordinal_reading(after))
    if phrase is None:
        return _described(first, last, after)  # "Tony Blair controversial plan": an adjective, no ordinal
    # by the word, not only its tag ("first" is sometimes tagged a superlative)
    words_of = _modifier_words(phrase[0]) if phrase[0] is not None else []
    ranked = phrase[0] is not None and phrase[0].i + 1 < len(doc)
    ranked = ranked and _superlative_at(doc[phrase[0].i + 1])
    superlative = bool(words_of) and (_owning(words_of[0]) or any(_SUPERLATIVE.fullmatch(w) for w in words_of))
    superlative = superlative or (ranked and (_ORDINAL.fullmatch(words_of[0]) is not None or phrase[0].tag_ == "CD"))
    mod, nouns, prev, titled, lemmas = phrase  # a courtesy title makes a person ("Lord Hutton inquiry")
    words = lexicon.load("possessed_nouns")
    if not (titled or superlative or mod is not None or lemmas & set(words["person"]) or _singular(nouns[-1])):
        return None  # no branch below can own what follows: a plural, a pronoun, "which"…, whatever the entities
    if not titled and entity_type(last) not in (_LABELS | {"LOC"} if superlative else _LABELS):
        return None  # the entities last: the recogniser runs only where the words can hold a possessor
    governed = prev is not None and nouns[-1].dep_ == "pobj" and nouns[-1].head.i == prev.i  # "the most of England"
    if mod is not None and not governed and _complement_object(first):
        return None  # "named X best picture and Javier Bardem best actor": an object and its complement
    if last.text.isupper() and entity_type(last) != "PERSON":
        return None  # "US officials", "BBC reporter": acronyms are attributive by habit
    place = last.lower_ in _kinds() and not titled  # "Wembley Stadium", "Glastonbury Festival" (but "Mr Hall")
    known = first.i == last.i and last.text in _titled_names(source)  # "Mr Hughes", then "Hughes lawyer"
    # "Patrick Walden", then "disconnect Walden guitar" (not a role: "Blair adviser" may want "a Blair adviser")
    person = (titled or known or entity_type(last) == "PERSON") and not place
    lone = person and not titled and first.i == last.i and not known
    named = lone and ctx is not None and not in_quotation(last) and named_in_full(last, ctx)
    if person:
        if mod is not None or lemmas & set(words["person"]):
            # A one-word "person" is as often an award, a brand or a misread ("Grammy nominations"), unless the
            # document gives it a courtesy title elsewhere ("Mr Smith", then "Smith decision was welcomed") or
            # has named the person in full before ("Peter McPherson", then "announce McPherson nomination").
            lone = lone and not (named and nouns[-1].tag_ == "NN" and not role_noun(nouns[-1].lower_))
            return None if lone and nouns[-1].tag_ != "NN" else Safety.UNSAFE if lone else Safety.SAFE
        # a courtesy title makes no modifier, so it owns a compound too ("Mr Brown council tax rebate")
        single = len(nouns) == 1 or (titled and _nounal(nouns)) or _counted_chain(nouns)
        bare = single and last.is_alpha and (titled or known or named or _full_name(first, last))
        if bare and titled and (nouns[-1].tag_ == "NNS" or _object_noun(nouns[-1])):
            return _titled_plural(nouns[-1], prev)
        return _bare_singular(nouns[-1], prev, titled or known) if bare else None
    if superlative and entity_type(nouns[-1]) in ("DATE", "TIME"):
        return None  # "in Washington last week": a time adverbial
    if superlative and _opens_subject(first, nouns[-1]):
        return None  # "In Japan major efforts remained": an opening phrase without its comma, then the subject
    if superlative and _prose(last.doc):
        return Safety.SAFE  # "one of Europe biggest banks": a place or a firm before a superlative owns it
    listed = mod is None and nouns[-1].tag_ == "NN" and lemmas & set(words["place_or_body"])
    if listed:
        return Safety.SAFE
    # a place or a body before a noun that needs a determiner, which nothing else gives it ("Japan economy")
    counted = mod is None and (len(nouns) == 1 or _counted_chain(nouns)) and _counted(nouns[-1])
    counted = counted and not role_noun(nouns[-1].lower_)
    counted = counted and nouns[-1].lower_ not in words["body_kinds"] and not place  # "Wembley Stadium pitch"
    return _bare_singular(nouns[-1], prev) if counted and not _longer_phrase(prev, nouns[-1]) else None


def named_in_full(name: Token, ctx: Context) -> bool:
    """Whether the document has named, in this block or one before it, a person whose full name holds this
    one-word name: its last word ("Patrick Walden", then "Walden"), as news names a person in full first and by
    surname after, or its first where the recogniser reads the one word as a person's too ("Saddam Hussein", then
    "Saddam"). The full mentions are found in the blocks' raw text and the recogniser asked about those blocks."""
    if not entities_on():
        return True  # a first pass without entities takes the label as possible; the second decides
    word = re.escape(name.text)
    full = re.compile(rf"(?:[A-Z][\w'’.-]*\s)+(?P<last>{word})(?![\w'’-])|(?<![\w'’-])(?P<first>{word})\s[A-Z]")
    first_names = entity_type(name) == "PERSON"
    start = max(0, ctx.index - nlp.BATCH_BLOCKS)  # the Docs still alive: no block is parsed twice for this
    for parsed in ctx.blocks[start : ctx.index + 1]:
        if parsed.block.kind not in _PROSE:
            continue
        for m in full.finditer(parsed.text):
            if m.group("first") is not None and not first_names:
                continue
            span = parsed.doc.char_span(*m.span("last" if m.group("last") is not None else "first"))
            tok = span[0] if span is not None and len(span) == 1 else None
            if tok is None or entity_type(tok) != "PERSON":
                continue
            doc = tok.doc
            if m.group("last") is not None:
                found = entity_iob(tok) == "I" and doc[tok.i - 1].tag_ in _NAME_TAGS
            else:
                found = tok.i + 1 < len(doc) and entity_iob(doc[tok.i + 1]) == "I" and doc[tok.i + 1].tag_ in _NAME_TAGS
            if found:
                return True
    return False


#: The blocks of running prose, where a full name introduces a person.
_PROSE = frozenset({"paragraph", "list_item", "quote"})


@lru_cache(maxsize=4)
def _titled_names(source: str) -> frozenset[str]:
    """The names that a courtesy title stands before somewhere in the document ("Mr Smith", "Dr Jones"): read
    once per document, however many of its names are asked about."""
    titles = "|".join(re.escape(t) for t in lexicon.load("possessed_nouns")["honorifics"])
    return frozenset(m.group(1) for m in re.finditer(rf"\b(?i:{titles}) ([A-Z][\w'’-]*[^\W\d_])", source))


def _longer_phrase(prev: Token | None, noun: Token) -> bool:
    """Whether the name and its noun may be part of a longer phrase: the end of an "X of Y", "X for Y" or "X and
    Y" name ("the City of London speech", "the Nokia and Microsoft deal"), a noun coordinated with the next word
    ("Manchester United past and present"), a noun that owns the next one ("Tribune company's earnings"), or a
    verb before "to" ("Mitsui Co Ltd plan to export")."""
    doc = noun.doc
    joined = prev is not None and prev.lower_ in ("of", "for", "and", "&") and prev.i > 0
    before = doc[prev.i - 1] if joined else None
    if before is not None and before.tag_ == "POS" and before.i > 0:
        before = doc[before.i - 1]  # "the Lloyd's of London insurance market"
    named = before is not None and before.tag_ in _NAME_TAGS and before.text[:1].isupper()
    nxt = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
    if nxt is not None and nxt.tag_ == "TO" and getAllLemmas(noun.lower_).get("VERB"):
        return True  # "three trading houses including Mitsui Co Ltd plan to export": a verb after its subject
    return named or (nxt is not None and (nxt.lower_ in ("and", "or", "&") or nxt.tag_ == "POS"))


def _described(first: Token, last: Token, adjective: Token) -> Safety | None:
    """A name, an adjective and a count noun that news never leaves bare ("Japan central bank", "Iraq interim
    government", "Brazil present debt crisis": a compound's head decides): with nothing before the name, the noun
    has no determiner unless the name owns it. The adjective may classify ("West Germany monetary policy"), so the
    noun's own need of a determiner decides. An adjective of degree is different: it goes before a name that
    modifies a noun ("the rapid China growth" is no English), so a place or person right before one owns the noun
    after it, a mass noun too ("China rapid economic growth"), where that noun is an argument of its clause and no
    time ("in Britain full time", "in France early next year")."""
    doc = last.doc
    end = _past_hyphens(doc, adjective.i + 1)  # "Tony Blair long-awaited report"
    hyphened = end > adjective.i + 1
    if (adjective.tag_ != "JJ" and not hyphened) or not adjective.text.islower() or end >= len(doc):
        return None
    degree = not hyphened and degree_adjective(adjective.lower_)
    if degree:
        end = _past_describers(doc, end)  # "China rapid economic growth"
        if end >= len(doc):
            return None
    noun = doc[end]
    while noun.dep_ == "compound" and noun.head.i == noun.i + 1 and noun.head.tag_ in ("NN", "NNS"):
        if not (noun.text.islower() and noun.head.text.islower()) or role_noun(noun.lower_):
            return None
        noun = noun.head  # "Brazil unilateral debt moratorium": the compound's head decides
    if role_noun(noun.lower_) or noun.lower_ in lexicon.load("possessed_nouns")["body_kinds"]:
        return None
    argument = noun.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and noun.tag_ == "NN"
    counted = _counted(noun)
    if not (counted or (degree and argument)):
        return None
    if (noun.head.i > noun.i and noun.head.pos_ in ("NOUN", "PROPN")) or _not_owned(noun):
        return None  # "Japan central bank Governor Satoshi Sumita": a longer compound
    prev, titled = _opener(first, noun)
    if (prev is not None and prev.tag_ not in _OPENERS) or not _ends_noun_phrase(noun) or _longer_phrase(prev, noun):
        return None
    label = entity_type(last)  # the entities last: the recogniser runs only where the words allow an owner
    person = label == "PERSON" and (titled or _full_name(first, last))
    if not (person or titled or label in ("GPE", "ORG")) or (last.text.isupper() and not person):
        return None  # "US federal agency": acronyms are attributive by habit
    if counted:
        return _bare_singular(noun, prev, titled)
    # a firm's name may modify a product ("Apple hard drive"); an opening phrase or a first object may end on the
    # name ("In Japan strong demand lifted prices", "gave Britain strong support")
    if (label == "ORG" and not person) or _opens_subject(first, noun) or _complement_object(first):
        return None
    if any(entity_type(t) in ("DATE", "TIME") for t in (adjective, noun)) or not _prose(doc):
        return None
    return None if _may_be_verb(noun.lower_, ("VB", "VBD", "VBN")) else Safety.SAFE


def _opens_subject(first: Token, noun: Token) -> bool:
    """Whether the name closes a clause's opening prepositional phrase and the noun after it is the subject
    of the verb that follows ("In Japan major efforts remained necessary", "while in London most shares rose")."""
    doc = first.doc
    prev = doc[first.i - 1] if first.i > 0 else None
    nxt = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
    before = doc[prev.i - 1] if prev is not None and prev.i > prev.sent.start else None
    clause_start = before is None or before.tag_ in ("CC", ",", ":") or before.dep_ == "mark"
    opener = prev is not None and prev.pos_ == "ADP" and clause_start
    return opener and nxt is not None and nxt.tag_ in ("VBZ", "VBP", "VBD", "MD")


def _complement_object(first: Token) -> bool:
    """Whether the name may be the object of a verb that takes an object and its complement or a second object
    ("named Crash best picture and star Javier Bardem best actor", "sent Britain best wishes"): such a verb comes
    before it in the sentence, with no finite verb in between (the parse of such sentences is too often wrong to
    ask it which verb the name hangs on). Verbs that take an object and a bare verb ("saw", "had") do not count:
    a superlative is no verb."""
    for tok in reversed(first.doc[first.sent.start : first.i]):
        if tok.lemma_ in _naming_verbs() and tok.pos_ in ("VERB", "AUX"):
            # "He was named Europe best player": right after a passive verb the name opens its complement
            return not (tok.i == first.i - 1 and any(c.dep_ == "auxpass" for c in tok.children))
        if tok.tag_ in ("VBD", "VBZ", "VBP", "MD"):
            return False
    return False


@cache
def _naming_verbs() -> frozenset[str]:
    """The verbs of `_complement_verbs` that take a noun or a second object, not a bare verb."""
    return _complement_verbs() - set(lexicon.load("possessed_nouns")["bare_verb_object_verbs"])


@cache
def _complement_verbs() -> frozenset[str]:
    """Verbs that take an object and its complement or a second object ("elected him president")."""
    words = lexicon.load("possessed_nouns")
    verbs = words["complement_verbs"] + words["bare_verb_object_verbs"]
    return frozenset(verbs) | frozenset(lexicon.load("two_object_verbs"))


def _full_name(first: Token, last: Token) -> bool:
    """Whether the run of proper nouns is a person's full name: two words or more, all one PERSON entity
    ("Chrysler LeBaron Turbo coupe" is a carmaker and a model), not opening with an article of its own."""
    run = last.doc[first.i : last.i + 1]
    if first.lower_ in lexicon.load("possessed_nouns")["name_articles"]:
        return False  # "Der Spiegel magazine", "Le Monde newspaper": the name carries its own determiner
    people = all(entity_type(t) == "PERSON" for t in run)
    return len(run) > 1 and people and all(entity_iob(t) == "I" for t in run[1:])


def _bare_singular(head: Token, prev: Token | None, titled: bool = False) -> Safety | None:
    """A person's name before a singular count noun with no determiner of its own: a count noun needs one, so
    the name must be its possessor ("Mr Spitzer investigation", "Andrew Gilligan story")."""
    words = lexicon.load("possessed_nouns")
    word = head.lower_
    ing = word.endswith("ing") and not _counted(head)  # a gerund, but "meeting" is a count noun
    if not _singular(head) or "Plur" in head.morph.get("Number") or word in words["mass"] or ing:
        return None  # "Calvin Klein underwear" (a mass noun needs no determiner), "about Becky Sharp being …"
    if entity_type(head) in ("DATE", "TIME") or head.dep_ in ("npadvmod", "oprd", "appos"):
        return None  # "met John Smith today", "named Javier Bardem best actor"
    if head.pos_ == "PRON" or _INDEFINITE.fullmatch(word) or not _prose(head.doc):
        return None  # "given Mr Brown something to do"; a headline or caption, which drops possessives
    subject = _finite_subject(head) and _counted(head)  # not "Bass Strait output is…", a mass noun
    if prev is not None and prev.lower_ == "as" and role_noun(word) and not subject:
        return None  # "a spell as Manchester United assistant": after "as" a role needs no determiner
    verb = prev if prev is not None and prev.pos_ in ("VERB", "AUX") else None
    governor = head.head if head.dep_ in ("dobj", "dative") else verb
    if any(v is not None and v.lemma_ in _complement_verbs() for v in (governor, verb)):
        return None  # "elected John Smith president", "gave Jane Smith permission", "saw Shane Williams scamper"
    if _may_be_verb(word, ("VBD", "VBN")) and head.dep_ != "pobj" and not subject:
        return None  # "Mr Brown forecast growth of 2%": a past tense after its subject
    # after "in", "of", "from" the name opens a noun phrase, so no verb of its follows ("in Robert Peston book");
    # "with" and "without" may open a clause without a finite verb ("with Mike Tindall tune into …")
    governed = prev is not None and prev.lower_ in _clause_free() - {"with", "without"}
    return _certainty(head, verb, titled, governed)


def _singular(head: Token) -> bool:
    """Whether the head of the phrase after a name may be a singular noun: tagged one, a base form that is a
    subject's noun, or a word only ever a noun ("Putin clampdown", tagged a verb)."""
    if head.tag_ == "NN" or (head.tag_ in ("VB", "VBP") and _subject_noun(head)):
        return True
    return _only_noun(head) and not head.lower_.endswith("s")


def _titled_plural(head: Token, prev: Token | None) -> Safety | None:
    """A titled name before a plural that ends its phrase ("Mr Blair policies had failed"): a courtesy title
    makes no modifier, so the name owns the plural. Not a form that may be the name's verb ("Mr Smith claims
    victory"), a time ("Mr Brown years"), a role, or after a verb that takes an object and its complement."""
    doc = head.doc
    nxt = doc[head.i + 1] if head.i + 1 < len(doc) else None
    verb_like = bool(getAllLemmas(head.lower_).get("VERB")) and head.lemma_.lower() != head.lower_
    # after "in", "of", "with" the name is no subject ("in Lord Woolf words"; but "before Mr Smith leaves")
    verb_like = verb_like and not (prev is not None and prev.lower_ in _clause_free())
    if verb_like and (nxt is None or nxt.pos_ not in ("AUX", "VERB") or nxt.tag_ in ("VBG", "VBN")):
        return None  # "Mr Smith claims victory", "Mr Brown plans": a verb after its subject
    if entity_type(head) in ("DATE", "TIME") or role_noun(head.lemma_.lower()) or not _prose(doc):
        return None
    if prev is not None and prev.lemma_ in _complement_verbs():
        return None
    return Safety.SAFE


@cache
def _clause_free() -> frozenset[str]:
    return frozenset(lexicon.load("possessed_nouns")["clause_free_prepositions"])


def _certainty(head: Token, verb: Token | None, titled: bool = False, governed: bool = False) -> Safety:
    """Unsafe where the noun names a role ("Obama adviser" may want "an Obama adviser"), an abstract quality
    that may be uncountable ("Lib Dem hypocrisy"), or may be a verb the name governs ("with Mike Tindall tune
    into …"): only as the subject or object of a clause, not after a verb or preposition, is it surely a noun.
    A noun that edited news never leaves bare (news_counts.yaml) is a count noun, and no verb there."""
    word = head.lower_
    nxt = head.doc[head.i + 1] if head.i + 1 < len(head.doc) else None
    # a noun news never leaves bare: neither uncountable nor a verb here, unless "to" follows ("Bush pledge to")
    counted = _counted(head) and not (nxt is not None and nxt.tag_ == "TO")
    # A courtesy title makes no modifier ("Mr Blair authority", "Mr Smith lawyer"); a bare full name may be a
    # party's or a place's read as a person's ("Lib Dem hypocrisy", "Papua New Guinean ownership").
    if (role_noun(word) or (_ABSTRACT.search(word) and not counted)) and not titled:
        return Safety.UNSAFE
    if counted:
        return Safety.SAFE
    subject = head.dep_ in ("nsubj", "nsubjpass", "dobj") or head.tag_ in ("VB", "VBP")  # see _subject_noun
    if _may_be_verb(word, ("VB",)) and (verb is not None or not subject) and not governed:
        return Safety.UNSAFE
    return Safety.SAFE


#: Endings of abstract nouns, which are often uncountable and then need no determiner.
_ABSTRACT = re.compile(r"(?:cy|sy|ism|ty|ness|ship|dom|hood|ence|ance)$")
#: How a block of running prose ends (a headline or caption does not).
_STOPS = tuple(".!?")


def _prose(doc: Doc) -> bool:
    """Whether a block ends as running prose does, with a stop (perhaps inside closing quotation marks or a
    bracket); a headline ending on a quoted phrase ("Turkey deal 'to help world peace'") does not."""
    return doc.text.rstrip().rstrip("\"”’')").endswith(_STOPS)


_INDEFINITE = re.compile(r"(?:some|any|no|every)(?:thing|one|body)")


def _country_before_person(first: Token, last: Token) -> bool:
    """Whether a place's name runs straight into a person's full name ("beat Russia Elena Bovina", "Britain Kathy
    Butler won"): no place modifies a person's name, so the place owns it. Not after a preposition or a
    determiner, where the place may close a phrase of its own ("For Australia Ricky Ponting scored"), and only
    in running prose."""
    doc = last.doc
    after = doc[last.i + 1]
    prev = doc[first.i - 1] if first.i > first.sent.start else None
    opens = prev is None or prev.pos_ in ("VERB", "AUX", "CCONJ") or prev.text == ","
    two_words = after.i + 1 < len(doc) and doc[after.i + 1].tag_ in _NAME_TAGS
    if not (opens and two_words and _prose(doc)):
        return False  # the words first: the recogniser runs only where they allow a place and a person
    if any(_title_word(t) for t in doc[first.i : after.i + 1]):
        return False  # "U.S. Lawyer Thomas Ward", "Prime Minister Tony Blair": a capitalised role or title
    if getAllLemmas(after.lower_) or not after.is_title or not last.is_alpha:
        return False  # a word before the person's name that is no given name ("Central Bank", "Group, RJ", "US")
    if entity_type(last) != "GPE" or entity_iob(after) != "B" or entity_type(after) != "PERSON":
        return False
    if any(entity_type(t) != "GPE" for t in doc[first.i : last.i]) or entity_iob(first) != "B":
        return False  # the whole run before the person is the place, and nothing more
    person = [after]
    while person[-1].i + 1 < len(doc) and entity_iob(doc[person[-1].i + 1]) == "I":
        person.append(doc[person[-1].i + 1])
    return len(person) >= 2 and all(t.tag_ in _NAME_TAGS for t in person)


def _title_word(tok: Token) -> bool:
    """A role noun or a courtesy title, capitalised as part of a name ("Minister", "Lawyer", "Sir")."""
    word = tok.lower_
    return word in lexicon.load("possessed_nouns")["honorifics"] or (role_noun(word) and "NOUN" in getAllLemmas(word))


def _finite_subject(noun: Token) -> bool:
    """Whether the noun is the subject of the finite verb right after it ("after Alan Shearer shot was blocked",
    "as Michael McIndoe corner found …"): then it is neither the name's own verb nor a role after "as"."""
    nxt = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    finite = nxt is not None and nxt.tag_ in ("VBD", "VBZ", "VBP", "MD") and nxt.pos_ in ("AUX", "VERB")
    return finite and noun.dep_ in ("nsubj", "nsubjpass")


def _subject_noun(tok: Token) -> bool:
    """A word tagged as a base verb that must be a noun: right before a finite verb ("Denis Hickie try
    ensured …"), where a plain verb form after a singular name cannot stand."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return nxt is not None and nxt.tag_ in ("VBD", "VBZ", "VBN") and bool(getAllLemmas(tok.lower_, "NOUN"))


def _only_noun(tok: Token) -> bool:
    """A word the tagger read as a verb that no dictionary knows as one, only as a noun ("President Putin
    clampdown on…", tagged a past tense): the noun it must be."""
    if not tok.tag_.startswith("VB") or tok.tag_ == "VBG":
        return False
    readings = getAllLemmas(tok.lower_)
    return "VERB" not in readings and ("NOUN" in readings or (not readings and indexed_noun(tok.lower_)))


def _object_noun(tok: Token) -> bool:
    """A word tagged as a verb in -s that the parse makes a preposition's object ("with Mr Forsyth views"): a
    plural noun, where the dictionary has one."""
    return tok.tag_ == "VBZ" and tok.dep_ == "pobj" and bool(getAllLemmas(tok.lower_, "NOUN"))


def role_noun(word: str) -> bool:
    """Whether the noun may name a person's role ("adviser", "economist", "chief"): a false title."""
    words = lexicon.load("possessed_nouns")
    agentive = word.endswith(("er", "or", "ist", "ian", "man", "woman", "person", "ee", "ant")) or (
        word.endswith("ent") and not word.endswith("ment")
    )
    return agentive or word in words["roles"]


#: Ordinal words: a name followed by one ("Arsenal third goal") needs no listed noun.
#: Figures are tried only where a run of digits starts (a long run was read to its end from each digit).
_ORDINAL = re.compile(
    r"(?:(?<![^\W\d_])(?:first|second|third|[^\W\d_]*?(?:fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh"
    r"|twelfth|teenth|tieth|hundredth|thousandth|millionth|billionth))|(?<!\d)(?:(?<![^\W\d_])|\d(?=\d))\d+"
    r"(?:st|nd|rd|th))(?![^\W\d_])",
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


#: A superlative: "biggest", "latest", "best" (not "most", which an adjective follows, nor "interest", which the
#: tag rules out).
_SUPERLATIVE = re.compile(r"[a-z]+est|best|worst")
_MOST = frozenset({"most", "least"})


def _owning(word: str) -> bool:
    """Whether a modifier between a name and its noun wants an owner before it: a superlative ("biggest",
    "most"), or an owning adjective ("new", "former"; possessed_nouns.yaml)."""
    owning = lexicon.load("possessed_nouns")["owning_adjectives"]
    return _SUPERLATIVE.fullmatch(word) is not None or word in _MOST or word in owning


def owning_word(word: str) -> bool:
    """Whether a word after a noun ranks or places what follows among that noun's own: a superlative, "most", an
    ordinal or an owning adjective ("the company largest shareholder", "the country second city")."""
    return _owning(word) or _ORDINAL.fullmatch(word) is not None


#: A capitalised word before a superlative, perhaps with a number or an ordinal between: POS001's trigger for
#: "Europe biggest banks", "Italy two biggest lenders", "Japan second largest carmaker".
_NAME_THEN_SUPERLATIVE = re.compile(r"(?<!\S)[A-Z]\S*\s+(?:[a-z\d]+\s+)?(?:[a-z]+est|best|worst|most|least)\b")


@cache
def _name_then_adjective() -> re.Pattern[str]:
    """A capitalised word before an owning adjective (possessed_nouns.yaml): "Britain new prime minister"."""
    words = "|".join(map(re.escape, lexicon.load("possessed_nouns")["owning_adjectives"]))
    return re.compile(rf"(?<!\S)[A-Z]\S*\s+(?:{words})\s+[a-z]")


@cache
def _name_then_count_noun() -> re.Pattern[str]:
    """A capitalised word before a count noun (news_counts.yaml): "Japan economy"."""
    words = "|".join(map(re.escape, sorted(_count_nouns())))
    return re.compile(rf"(?<!\S)[A-Z]\S*\s+(?:{words})(?![^\W\d_])")


#: A capitalised word, then two lowercase ones: the first may be an adjective of degree ("China rapid growth").
_NAME_THEN_TWO_WORDS = re.compile(r"(?<!\S)[A-Z]\S*\s+([a-z]+)\s+[a-z]")


def _name_then_degree(text: str) -> bool:
    return any(degree_adjective(m.group(1)) for m in _NAME_THEN_TWO_WORDS.finditer(text))


@lru_cache(maxsize=4096)
def degree_adjective(word: str) -> bool:
    """Whether the word is an adjective of degree: one with an inflected comparative ("rapid", "rapider"; not
    "annual"), or one that news grades with an adverb of degree (news_counts.yaml, degree_adjectives: "highly
    controversial"; never "very monetary")."""
    return "JJR" in getAllInflections(word, upos="ADJ") or word in _degree_adjectives()


@cache
def _degree_adjectives() -> frozenset[str]:
    return frozenset(lexicon.load("news_counts")["degree_adjectives"])


#: Two capitalised words, then a lowercase one: a person's full name (or a title and a name) before a noun.
#: Tried where a word starts, not at each capital inside one (a long word of capitals was read again from each).
_FULL_NAME_THEN_WORD = re.compile(r"(?<!\S)[^\sA-Z]*[A-Z]\S*\s+[A-Z]\S*[^\W\d_]\s+[a-z]")


def _may_own(text: str) -> bool:
    """POS001's trigger: a noun of possessed_nouns.yaml, or an ordinal, that a name may own; or a name of two
    words or more before a lowercase word (``_bare_singular``); or a capitalised word before an adjective of degree
    (``_described``: "China rapid growth"). The patterns quickest to try, or that pass most often, go first."""
    return any(
        p.search(text) is not None
        for p in (
            _FULL_NAME_THEN_WORD,
            _name_then_count_noun(),
            _NAME_THEN_SUPERLATIVE,
            _name_then_adjective(),
            _owned_nouns(),
            _ORDINAL,
            _time_then_word(),
            _owner_then_rank(),
        )
    ) or _name_then_degree(text)


@cache
def _owner_then_rank() -> re.Pattern[str]:
    """ "the" and a noun of news_counts.yaml, common_owners, before a word: "the company largest shareholder"."""
    owners = "|".join(map(re.escape, {*lexicon.load("news_counts")["common_owners"], *_noun_owners()}))
    return re.compile(rf"(?<![^\W\d_])[Tt]he (?:(?:{owners}) [a-z\d]|[a-z]+ (?:[a-z]+est|best|worst|most|least) )")


@cache
def _time_then_word() -> re.Pattern[str]:
    """A time of possessed_nouns.yaml, time_owners, before a word: "this week auction", "Saturday match", or a
    period before a number: "from last year 13.3 billion"."""
    times = lexicon.load("possessed_nouns")["time_owners"]
    periods, days = ("|".join(map(re.escape, times[k])) for k in ("periods", "days"))
    weekdays = "|".join(map(re.escape, times["weekdays"]))
    return re.compile(rf"(?<![^\W\d_])(?:(?:this|last|next) (?:{periods}) [A-Za-z0-9]|(?:{days}|{weekdays}) [A-Za-z])")


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
            bad="The fund bought the stake of the [[company]] largest shareholder.",
            fixed="The fund bought the stake of the company's largest shareholder.",
        ),
        Example(good="Haiti was the country worst hit by the storm; the company first listed its shares in 1998."),
        Example(
            bad="Brazil, as the [[region]] biggest debtor, asked for time.",
            fixed="Brazil, as the region's biggest debtor, asked for time.",
        ),
        Example(good="The firm best placed to win is small, and the group most likely to gain is savers."),
        Example(
            bad="Critics attacked Angela [[Merkel]] decision to stand down.",
            fixed="Critics attacked Angela Merkel's decision to stand down.",
        ),
        Example(
            bad="Mr Jones's lawyer spoke first. The judge doubted Thomas [[Andrews]] account of the night.",
            fixed="Mr Jones's lawyer spoke first. The judge doubted Thomas Andrews's account of the night.",
        ),
        Example(
            bad="Mr Evans’ lawyer spoke first. The judge doubted Thomas [[Andrews]] account of the night.",
            fixed="Mr Evans’ lawyer spoke first. The judge doubted Thomas Andrews’ account of the night.",
        ),
        Example(
            bad="The judge doubted Thomas [[Andrews]] account of the night.",
            fixed="The judge doubted Thomas Andrews' account of the night.",
            unsafe=True,
        ),
        Example(
            bad="Police want to speak to Mr Matthew. Officers searched Mr [[Matthews]] car.",
            fixed="Police want to speak to Mr Matthew. Officers searched Mr Matthew's car.",
        ),
        Example(bad="Police seized Mr [[Dawson]] phone records.", fixed="Police seized Mr Dawson's phone records."),
        Example(
            bad="Will [[Smith]] first romantic comedy has topped the box office.",
            fixed="Will Smith's first romantic comedy has topped the box office.",
        ),
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
        Example(
            bad="The paper criticised Andrew [[Gilligan]] story about the dossier.",
            fixed="The paper criticised Andrew Gilligan's story about the dossier.",
        ),
        Example(
            bad="The inquiry widened. Mr [[Spitzer]] investigation looked at bid rigging.",
            fixed="The inquiry widened. Mr Spitzer's investigation looked at bid rigging.",
        ),
        Example(
            bad="Critics described Chancellor of the Exchequer Nigel [[Lawson]] budget as cautious.",
            fixed="Critics described Chancellor of the Exchequer Nigel Lawson's budget as cautious.",
        ),
        Example(
            bad="Few forgot the row under [[Saddam]] regime.",
            fixed="Few forgot the row under Saddam's regime.",
            unsafe=True,
        ),
        Example(
            bad="Peter McPherson was tipped for the post. Officials will announce [[McPherson]] nomination on Friday.",
            fixed="Peter McPherson was tipped for the post. Officials will announce McPherson's nomination on Friday.",
        ),
        Example(
            bad="The deal was signed by John [[Smith]] lawyer.",
            fixed="The deal was signed by John Smith's lawyer.",
            unsafe=True,
        ),
        Example(good="The Biden administration imposed the tariffs."),
        Example(good="It is a Steven Spielberg film about the war, and Jude Law film Closer opened at number six."),
        Example(good="She wore Calvin Klein underwear, and Apple software was installed."),
        Example(good="They elected John Smith president, and fans saw Shane Williams scamper over."),
        Example(good="The Obama White House declined to comment, as did Obama aide David Axelrod."),
        Example(good="Mr Brown forecast growth of 2%, which has given Mr Brown something to do."),
        Example(good="Der Spiegel magazine said the report was false."),
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
        Example(good="The blogger was moved to Ghezel Hesar prison, and fans flew to Rome for Coppa Italia final."),
        Example(good="Passengers were stranded at John Lennon airport, and Wembley Stadium pitch was relaid."),
        Example(good="She brought Alicia Keys onstage, and the rapper was seen with Harry Styles backstage."),
        Example(good="He has been out of the game since a spell as Manchester United assistant last term."),
        Example(
            bad="Copper averaged 19.75 cents at this [[week]] auction.",
            fixed="Copper averaged 19.75 cents at this week's auction.",
        ),
        Example(good="Since last year prices have risen, and zinc closed unchanged from yesterday afternoon."),
        Example(
            bad="Dawson is fit again, ahead of [[Saturday]] match with Ireland.",
            fixed="Dawson is fit again, ahead of Saturday's match with Ireland.",
        ),
        Example(
            bad="Bank shares rose, adding to [[yesterday]] gains.",
            fixed="Bank shares rose, adding to yesterday's gains.",
        ),
        Example(
            bad="Profit rose to 5 mln dlrs from last [[year]] 3 mln.",
            fixed="Profit rose to 5 mln dlrs from last year's 3 mln.",
        ),
        Example(bad="Shares rose ahead of next [[Tuesday]] vote.", fixed="Shares rose ahead of next Tuesday's vote."),
        Example(
            good="Since last year 20 pct of the shares have been sold, and until last year 5,000 people worked there."
        ),
        Example(good="He moved to Paris last night, and the vote was moved to tomorrow morning."),
        Example(good="On Tuesday production at the plant was halted, said a Sunday Telegraph journalist on Friday."),
    ],
)
def missing_possessive(doc: Doc, ctx: Context) -> Iterator[Finding]:
    """A name run straight into a noun it owns, with no determiner: "under Kim Jong-un leadership".

    A name before a noun is usually attributive and correct ("the Biden administration", "a Tesla factory",
    "US officials", "Chelsea manager Jose Mourinho"), so this fires only where the phrase opens with the name
    (nothing but the sentence start, a preposition, verb or conjunction before it, or a title the parse hangs
    on the same noun: "Chancellor of the Exchequer Nigel Lawson budget") and the evidence is strong: a
    superlative or ordinal after the name ("Arsenal third goal"), a courtesy title ("Mr Dawson phone
    records"), or a noun that names what its owner has or does (data: possessed_nouns.yaml). A superlative
    ("one of Europe biggest banks", "Britain most successful firms") or an adjective that places the thing
    among its owner's own ("Norway new government"; data: owning_adjectives) lets a place or a firm own
    what follows too; classifying adjectives do not ("West Germany monetary policy" is wire copy's modifier),
    nor does a name that closes an opening phrase before its subject ("In Japan major efforts remained"). An
    adjective of degree, which English puts before a modifying name, lets a place or a person own a mass noun too
    ("China rapid economic growth"; "rapid" has "rapider", and news grades "controversial" with "highly": data:
    news_counts.yaml, degree_adjectives), but not a firm, whose name may modify a product.

    A person's full name (or a titled name) before a lone singular count noun is a possessor too: a count
    noun needs a determiner, and the name is the only word that can be one ("Andrew Gilligan story"); a word the
    tagger reads as a verb that no dictionary knows as one is that noun ("President Putin clampdown on"). A
    courtesy title makes a person whatever the recogniser says ("Lord Hutton inquiry"), and owns a compound
    ("Mr Brown council tax rebate", unless its first word may be the name's verb: "Mr Brown forecast growth") or
    a plural after a preposition that opens no clause ("in Lord Woolf words"; but "before Mr Smith leaves"). A
    superlative or ordinal phrase may stand before its apposition ("Britain biggest union, Unison"), and describing
    adjectives may follow the ordinal ("Will Smith first romantic comedy"; a first name the tagger reads as a modal
    opens the name where the recogniser begins a person's name there). A compound
    that ends on such a count noun needs a determiner as much as the noun alone ("Tony Blair election campaign"),
    a false title before the name is part of its phrase ("the exposure of singer Janet Jackson breast"; before a
    courtesy title, any run of nouns: "theatre impresario Sir Cameron Mackintosh fortune"), and after
    a preposition that opens no clause no verb of the name's can follow ("in Robert Peston book"). So is a
    place run straight into a person's full name ("beat Russia Elena Bovina"), but not after a preposition
    ("For Australia Ricky Ponting scored") or across a capitalised role ("U.S. Lawyer Thomas Ward"). Left
    alone: plurals and mass nouns ("Microsoft products", "Calvin Klein underwear"), a noun before another name
    ("Obama aide David Axelrod", "Jude Law film Closer"), an object and its complement or bare verb
    ("elected John Smith president", "saw Shane Williams scamper"), a past tense after its subject ("Mr Brown
    forecast"), names that bring their own article ("Der Spiegel magazine"), and headlines and captions. A
    name before the kind of thing it names is a modifier ("Evin prison", "Gatwick airport", "Carabao Cup
    final"; data: possessed_nouns.yaml, kinds), a name whose head word is such a kind ("Wembley Stadium") is no
    person, and a word the dictionary knows as no noun, or as an adverb where it is no subject ("Alicia Keys
    onstage", "Harry Styles backstage"), is owned by nothing.

    A time owns a noun phrase in the same way where a preposition that opens no clause governs it ("at this week
    auction", "in today nervous market", "ahead of Saturday match"; data: possessed_nouns.yaml, time_owners): a
    time adverbial cannot stand inside a prepositional phrase before its noun; "to" before a time is no infinitive
    marker, so it governs one too ("adding to yesterday gains"), as do "below" and "above". A period or a day of the
    week after "this", "last" or "next" owns an amount too ("from last year 13.3 billion", "over last year eight
    cents a share"; news writes "last year's" there) and a phrase ("ahead of next Tuesday vote"). Not where the noun
    is a subject after an adverbial without its comma ("since last year prices have risen", "on Tuesday production
    at the plant was halted"), before a time of day ("from yesterday afternoon", "on Friday local time"), in a name
    ("by Sunday Telegraph journalist"), or for a month, which wire copy writes as a modifier ("for May shipment").

    A common noun that news always gives its "'s" before a ranked phrase (news_counts.yaml, common_owners, counted
    by train/news_counts.py: "the company's largest shareholder", never "the company largest shareholder") has lost
    it after "the" before a superlative, ordinal or owning adjective and the rest of a noun phrase ("the country
    second city"); so has any singular common noun before a superlative and a noun phrase ("the region biggest
    debtor", "the artist most famous work"): English puts no modifying noun between "the" and a superlative that
    ranks the noun after it. Not before a participle or a verb ("the country worst hit", "the company first listed").
    A noun that news writes with its "'s" after "the" and almost never as a modifier there (news_counts.yaml,
    noun_owners: "country", "nation", "region") has lost it before an adjective and the rest of a noun phrase ("the
    country foreign debt": English puts adjectives before a modifying noun); before a noun or a quantifier it is
    only shown (a compound the articles lack: "the country music scene", "the country request"), and never before a
    compound the articles write (owner_compounds), after a verb that takes two objects ("gave the country access")
    or before a time ("visited the region today", "the region many times").

    ## Why
    Machine rewriting drops the possessive ending; "Andrew Gilligan story" reads as a slip in print.

    ## Fix safety
    Safe: ’s is added to the name, with the apostrophe style the document uses. After a final s the document
    decides: "Harris's" where it writes another "s's" ("Jones's"), "Harris'" where it writes "Jones' car"; where it
    writes neither, "Harris'" is offered as unsafe. A final s that the document's other mentions of the name lack is
    the lost apostrophe's ("Mr Matthews car" where it names Mr Matthew: "Matthew's"). Unsafe where another reading
    remains: a one-word name ("Saddam regime", or an award: "Oscar nomination"), unless the article named the person
    in full before ("Peter McPherson", then "announce McPherson nomination"; a first name only where the recogniser
    reads it as a person's: "Saddam Hussein", then "under Saddam regime"), outside a quotation and before a singular
    that names no role; a noun for a role ("John Smith lawyer" may want "a John Smith lawyer"), an abstract noun
    that may be uncountable, or a noun that may be a verb after a verb or preposition ("with Mike Tindall tune into
    …").
    """
    if ctx.block.kind not in ("paragraph", "list_item", "quote"):
        return
    mark = ctx.apostrophe
    for tok in doc:
        if tok.tag_ in _NAME_TAGS and (safety := _possessor(tok, ctx.source, ctx)) is not None:
            last = tok
            start, end = _word_start(last), last.idx + len(last.text)
            full = doc.text[_name_start(last).idx : end]
            new, safety = _possessive_form(full, doc.text[start:end], mark, safety, ctx)
            message = f"“{full}” owns the noun after it; make it “{new}”."
            yield ctx.finding(start, end, new, message=message, safety=safety)
        elif (owned := _common_owner(tok)) is not None:
            new = f"{tok.text}{mark}s"
            message = f"“the {tok.text}” owns the phrase after it; make it “the {new}”."
            yield ctx.finding(tok.idx, tok.idx + len(tok), new, message=message, safety=owned)
        elif (first := _time_owner(tok)) is not None:
            full, new = doc.text[first.idx : tok.idx + len(tok)], f"{tok.text}{mark}s"
            message = f"“{full}” owns the noun after it; make it “{full[: -len(tok)]}{new}”."
            yield ctx.finding(tok.idx, tok.idx + len(tok), new, message=message, safety=Safety.SAFE)


def _common_owner(tok: Token) -> Safety | None:
    """How sure it is (None: not at all) that a noun that news always gives its "'s" before a ranked phrase
    (news_counts.yaml, common_owners: "the company's largest shareholder") stands after "the" without it, before
    such a phrase: a superlative, ordinal or owning adjective, then the words of a noun phrase up to its noun
    ("the country second largest city"); or any singular common noun, before a superlative ("the region biggest
    debtor"). Not before a participle or a verb ("the country worst affected", "the firm first sold shares"). A
    noun of noun_owners owns any noun phrase after it; the safety returned is unsafe where the phrase opens on a
    noun or a quantifier."""
    doc = tok.doc
    if tok.tag_ != "NN" or not tok.is_alpha or not tok.is_lower or tok.i == 0 or tok.i + 1 >= len(doc):
        return None
    rank = doc[tok.i + 1]
    if doc[tok.i - 1].lower_ != "the":
        return None
    safety = Safety.SAFE
    if tok.lower_ in _noun_owners() and rank.is_lower and rank.tag_ in ("NN", "NNS", "JJ", "JJR", "JJS", "VBG"):
        i = tok.i + 1  # "the country economy", "the nation recovery": a noun news writes with its "'s" there
        if _two_objects(doc[tok.i - 1], tok, rank) or f"{tok.lower_} {rank.lower_}" in lexicon.counted(
            "owner_compounds"
        ):
            return None  # "gave the country access": two objects; "the country economies": a compound news writes
        # before an adjective no compound can be meant: English puts adjectives before a modifying noun ("the foreign
        # country debt"); before a noun the articles may lack the compound ("the country music scene"), and a
        # quantifier may open a time ("visited the region many times")
        if rank.tag_ not in ("JJ", "JJR", "JJS") or (rank.is_stop and not owning_word(rank.lower_)):
            safety = Safety.UNSAFE
        if entity_type(rank) in ("DATE", "TIME"):
            return None  # "visited the region today", "the firm last year sold": a time adverbial
    elif tok.i + 2 >= len(doc):
        return None
    else:
        # any noun before a superlative ("the region biggest debtor"); a listed one before any ranking word
        ranked = _superlative_at(rank) or (rank.lower_ in _MOST and doc[tok.i + 2].tag_ == "JJ")
        if not (ranked or (tok.lower_ in _common_owners() and owning_word(rank.lower_))):
            return None
        i = tok.i + 2
    while i < len(doc) and doc[i].tag_ in _PHRASE_TAGS:
        if doc[i].tag_ in ("NN", "NNS") and (i + 1 == len(doc) or doc[i + 1].tag_ not in _PHRASE_TAGS):
            return None if doc[i].dep_ in ("npadvmod", "advmod") else safety  # "the region many times": a time
        i += 1
    return None


@cache
def _common_owners() -> frozenset[str]:
    return frozenset(lexicon.load("news_counts")["common_owners"])


@cache
def _noun_owners() -> frozenset[str]:
    return frozenset(lexicon.load("news_counts")["noun_owners"])


#: The words of a noun phrase between a time that owns it and its head ("last year [rapid] drop").
_PHRASE_TAGS = frozenset({"JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "CD", "HYPH"})
_NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})


#: What may follow an amount that a time owns: punctuation, a preposition, a determiner ("eight cents a share"), a
#: conjunction.
_AFTER_AMOUNT = frozenset({".", ",", ":", "IN", "DT", "CC", "-RRB-"})
_YEAR = re.compile(r"(?:19|20)\d\d")
#: Words that govern a time owner besides the prepositions that open no clause: "to" before a time is no infinitive
#: marker ("adding to yesterday gains"), and "below" and "above" compare it ("below last year first quarter").
_TIME_GOVERNORS = frozenset({"to", "below", "above"})


def _time_owner(tok: Token) -> Token | None:
    """The first word of a time that owns the noun phrase after it ("during next week meetings", "on today U.K.
    Budget", "ahead of Saturday match"), ending at ``tok``: a period after this, last or next, a day word in
    lowercase, or a day of the week (possessed_nouns.yaml, time_owners), governed by a preposition that opens no
    clause, and run straight into a short noun phrase that is no subject. Inside a prepositional phrase a time
    adverbial cannot stand before the noun; a subject may follow an adverbial without its comma ("since last year
    prices have risen", "on Tuesday production at the refinery was halted")."""
    doc = tok.doc
    times = lexicon.load("possessed_nouns")["time_owners"]
    if tok.text in times["days"]:
        first = tok
    elif tok.text in times["weekdays"] and tok.i > 1 and doc[tok.i - 1].text in ("this", "last", "next"):
        first = doc[tok.i - 1]  # "in last Sunday local elections"
    elif tok.text in times["weekdays"] and tok.i > 1 and doc[tok.i - 2].tag_ not in _NAME_TAGS:
        first = tok  # (not "the Mail on Sunday survey", nor before a name: "by Sunday Telegraph journalist …")
        if tok.i + 1 < len(doc) and not doc[tok.i + 1].text[:1].islower():
            return None
    elif tok.text in times["periods"] and tok.i > 0 and doc[tok.i - 1].text in ("this", "last", "next"):
        first = doc[tok.i - 1]
    else:
        return None
    governing = (_clause_free() - {"with", "without"}) | _TIME_GOVERNORS
    if first.i == 0 or doc[first.i - 1].lower_ not in governing:
        return None
    # an amount may follow a period after "this", "last" or "next" ("from last year 13.3 billion", "over last year
    # eight cents a share"): news writes "last year's" there
    amount = first is not tok and tok.i + 1 < len(doc) and doc[tok.i + 1].tag_ == "CD"
    if amount and _YEAR.fullmatch(doc[tok.i + 1].text):
        return None  # "in last quarter 1986": the period of a year
    opening = _PHRASE_TAGS - {"HYPH"} if amount else _PHRASE_TAGS - {"CD", "HYPH"}
    if tok.whitespace_ != " " or tok.i + 1 >= len(doc) or doc[tok.i + 1].tag_ not in opening:
        return None
    phrase = list(takewhile(lambda t: t.tag_ in _PHRASE_TAGS, doc[tok.i + 1 : tok.i + 7]))
    if any(t.lower_ in times[k] for t in phrase for k in ("periods", "days", "parts")):
        return None  # "from yesterday afternoon", "on Friday local time": one time of two words
    head = phrase[-1]
    after = doc[head.i + 1] if head.i + 1 < len(doc) else None
    if after is not None and after.tag_ in _PHRASE_TAGS:
        return None  # a phrase too long to judge
    verb = after.nbor() if after is not None and after.tag_ == "RB" and after.i + 1 < len(doc) else after
    finite = verb is not None and verb.tag_ in FINITE_TAGS  # (over an adverb: "in this year elections soon were")
    # a subject after the time, wherever its verb ("on Tuesday production at the refinery was halted"), or a
    # participle read as a noun ("a statement issued on Sunday reading: …")
    subject = any(t.dep_ in ("nsubj", "nsubjpass") for t in phrase)
    participle = head.lower_.endswith("ing") and can_be_verb_form(head.lower_, "VBG") and after is not None
    participle = participle and ((after.is_punct and after.text != ".") or after.tag_ in ("DT", "PRP", "PRP$"))
    # an amount ends its phrase: "from last year 13.3 billion.", not "this year 35 attendants losing their jobs"
    closed = after is None or after.tag_ in _AFTER_AMOUNT
    nominal = head.tag_ in _NOUN_TAGS or (amount and head.tag_ == "CD")
    if amount and not closed:
        return None
    return first if nominal and not (finite or subject or participle) else None


#: A word ending in s with 's after it ("Jones's", "the boss's"): the document writes that style.
#: Both are tried once per run of word characters and hyphens, from its first letter (or capital) that follows no
#: letter: tried from every such letter, "Ab-Ab-Ab-…" was read to its end from each.
_S_APOSTROPHE_S = re.compile(r"(?<![\w-])(?>[\w-]*?(?<![^\W\d_])[^\W\d_])[\w-]++(?<=s)['’]s(?![^\W\d_])")
#: A name ending in s with a bare apostrophe before a lowercase word ("Mr Jones' car"): the other style.
_S_APOSTROPHE = re.compile(r"(?<![\w-])(?>[\w-]*?(?<![^\W\d_])[A-Z])[\w-]*+(?<=s)['’](?= +[a-z])")


def _possessive_form(name: str, word: str, mark: str, safety: Safety, ctx: Context) -> tuple[str, Safety]:
    """The possessive of a name (``word``, the last of ``name``), in the document's style: "Merkel's"; after a
    final s, "Jones's" or "Jones'" as the document writes others (unsafe when it writes neither: neither is the
    one right answer). A final s that the document's other mentions of the whole name lack is a possessive that
    lost its apostrophe ("Mr Matthews car" where the text elsewhere names Mr Matthew)."""
    text = ctx.source
    if not word.endswith("s"):
        return f"{word}{mark}s", safety
    stem = re.compile(rf"(?<![\w'’-]){re.escape(name[:-1])}(?![\w-])")
    whole = re.compile(rf"(?<![\w'’-]){re.escape(name)}(?![\w-])")
    if " " in name and stem.search(text) and len(whole.findall(text)) == 1:
        return f"{word[:-1]}{mark}s", safety  # a name of two words or more: "Serena Williams" is not "Prince William"
    for style, ending in ((_S_APOSTROPHE_S, "s"), (_S_APOSTROPHE, "")):
        if (m := style.search(text)) is not None:
            model = m.group()[-2] if ending else m.group()[-1]
            # the model's apostrophe, unless the configuration or a curly one inside a word ("Russia’s") decides
            own = model if ctx.config.apostrophe == "auto" and mark == "'" else mark
            return f"{word}{own}{ending}", safety
    return f"{word}{mark}", Safety.UNSAFE


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
    if det.tag_ in ("JJ", "VBG", "VBN") and det.dep_ == "amod" and det.head in (owner, owner.head) and owner.i >= 2:
        det = owner.doc[owner.i - 2]  # "the Iraqi families lawyer": an adjective of the owners' own
    if det.lower_ not in _GROUP_DETS or det.tag_ not in ("DT", "PDT", "PRP$"):
        return None
    owned = _owned_noun(owner)
    if owned is None or _two_objects(det, owner, owned) or _clause_subject(det, owned):
        return None
    return owned


@cache
def _group_owners() -> re.Pattern[str]:
    """A determiner of _GROUP_DETS, perhaps an adjective, then the plural of a group owner (any of the three
    spellings ``_plural_stem`` accepts), one space and the next word."""
    owners = lexicon.load("possessed_nouns")["group_owners"]
    plurals = sorted({p for x in owners for p in (x + "s", x + "es", x[:-1] + "ies")}, key=len, reverse=True)
    dets = "|".join(sorted(_GROUP_DETS))
    return re.compile(rf"(?<![^\W\d_])(?i:{dets})\s+(?:[^\W\d_]+\s+)?(?:{'|'.join(plurals)}) (?=[^\W\d_])")


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
    train"). So this fires only when a determiner opens the phrase (an adjective may follow it: "the Iraqi
    families lawyer"), the plural names people or a body
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
