"""AGR002: a determiner or quantifier and its noun agree in number ("several players", "this measure")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

from copyedit import lexicon, nlp
from copyedit.checks.agreement import (
    DASHES,
    FUNCTION_POS,
    PLUR,
    SING,
    SUBJECTS,
    capitalised_inside,
    cased,
    compound_plural,
    determiners,
    finite_verb,
    form_number,
    mid_sentence_capital,
    noun_tables,
    regular_inflection,
    statement,
    verb_number,
    words,
)
from copyedit.checks.articles import CONSONANT, VOWEL, sound
from copyedit.inflection import getAllInflections, getAllLemmas
from copyedit.model import Finding, Safety
from copyedit.rule import Context, Example, rule
from copyedit.syntax import can_be_verb_form

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: Dependents only a verb has: a word with one after "this" or "each" is the pronoun's verb, not its noun.
VERB_DEPENDENTS = frozenset({"nsubj", "nsubjpass", "dobj", "ccomp", "xcomp", "prt", "dative", "acomp", "oprd"})
VERB_DEPENDENTS |= frozenset({"advmod", "aux", "auxpass", "neg", "agent", "mark"})


def _heads_phrase(noun: Token) -> bool:
    """Whether ``noun`` is the head of its noun phrase, not a modifier of a later word or part of a name."""
    if noun.pos_ != "NOUN" or noun.dep_ in ("compound", "poss", "nmod", "amod") or capitalised_inside(noun):
        return False
    if any(c.dep_ == "case" for c in noun.children):
        return False  # "a players' union"
    if noun.head.i > noun.i and noun.head.pos_ in ("NOUN", "PROPN", "ADJ", "NUM"):
        return False  # "a four month low": a measure phrase modifying the next word
    nxt = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    return nxt is None or not (nxt.pos_ in ("NOUN", "PROPN", "NUM") or _joins(noun, nxt) or nxt.text == "'")


def _joins(noun: Token, nxt: Token) -> bool:
    """A hyphen, bracket or colon that may tie the noun to what follows ("a four month-long"); a dash set off
    by spaces ("the next few months - but") ends the phrase."""
    spaced = nxt.text in ("-", "–", "—") and bool(noun.whitespace_) and bool(nxt.whitespace_)
    return nxt.text in DASHES and not spaced


def _plain_between(det: Token, noun: Token) -> bool:
    """Only the noun's own adjectives and modifiers between determiner and noun: no numbers or quantity words
    ("a few days", "every two years", "another 10 players", "a great many people"), no second phrase."""
    doc = det.doc
    if (det.i > 0 and doc[det.i - 1].text in DASHES) or doc[det.i + 1].text in DASHES:
        return False  # "the under-five category", "a two-year deal"
    inside = {t.i for t in noun.subtree}
    between = doc[det.i + 1 : noun.i]
    if noun.tag_ == "NN" and len(between) and all(t.lower_ in words("multipliers") for t in between):
        return det.tag_ == "CD" or det.lower_ in ("many", "several")  # "five million barrel", "many thousand fan"
    if (det.tag_ == "CD" or noun.tag_ == "NNS") and any(t.pos_ != "ADJ" for t in between):
        return False  # "three pct figure", "a string roles": a nearer noun may be the head
    for t in doc[det.i + 1 : noun.i]:
        if t.lower_ in words("between_quantities") or t.like_num or t.i not in inside:
            return False
        if t.pos_ == "NOUN" and t.dep_ != "compound":
            return False
        if t.pos_ == "VERB" and (t.dep_ != "amod" or t.tag_ == "VBG" or any(c.pos_ != "ADV" for c in t.children)):
            return False  # "a business spanning hotels", "another manufacturing appliances"
        if t.lower_.endswith("ing") and can_be_verb_form(t.text, "VBG"):
            return False  # "another manufacturing appliances": the determiner stands alone
        if det.tag_ == "CD" and t.lower_.endswith("ly"):
            return False  # "the six monthly session"
        if t.pos_ not in ("ADJ", "ADV", "NOUN", "VERB") and t.text != ",":
            return False
    return True


def _misread(det: Token, noun: Token, num: str) -> bool:
    """Parses that pair a determiner with a word that is not its noun."""
    doc = det.doc
    prev = doc[det.i - 1] if det.i > 0 else None
    nxt = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
    if _list_goes_on(noun, num):
        return True  # "five producer and five consumer delegates", "a paints, resins and coatings company"
    if mid_sentence_capital(det) or (nxt is not None and nxt.lower_ == "per"):
        return True  # "the Paris Group of Six meeting", "a cents per hour basis"
    if det.lower_ in ("a", "an") and prev is not None and prev.is_alpha and noun_tables(prev.lower_):
        # "officers, employees an agents": "an" for "and", after a noun (not after "in", "that" or "make",
        # which the dictionary also lists as nouns), and only right before the plural ("a new securities
        # repurchase tender" keeps its doubt)
        verb = prev.pos_ == "VERB" and can_be_verb_form(prev.text, prev.tag_)  # "make", not "employees"
        function = prev.pos_ in ("ADP", "SCONJ", "AUX", "DET", "PRON", "PART", "CCONJ", "ADV") or verb
        # "a" after an amount is its rate's ("four rupees a kilos", "15 hours a days"), no "and"
        rate = det.lower_ == "a" and prev.tag_ == "NNS" and any(c.dep_ == "nummod" for c in prev.children)
        if not (function or rate) or noun.i != det.i + 1:
            return True
    if num == SING:
        if nxt is not None and nxt.tag_ in ("VBN", "VBG") and nxt.dep_ != "ROOT":
            return True  # "a four year revolving credit", "many drought affected countries": a compound modifier
        if det.tag_ == "CD" and nxt is not None and nxt.pos_ in ("ADJ", "NOUN", "PROPN", "NUM"):
            return True  # "a five year straight eurobond": a measure before the head
        if det.tag_ == "CD" and (_not_counting(det, noun) or noun.lemma_ in _noun_list("numeral_measures")):
            return True  # "four stone", "six foot tall": a measure that stays singular
        if noun.lower_.endswith("ing") and can_be_verb_form(noun.text, "VBG"):
            return True  # "many meeting and going home": a participle after a quantifier standing alone
        alone = noun.i == det.i + 1 and can_be_verb_form(noun.text, "VBP")
        if alone and (noun.dep_ in ("ROOT", "conj", "appos") or (det.tag_ == "CD" and prev and prev.pos_ == "DET")):
            return True  # "Many marvel at the man", "too many smoke", "the four pose": the quantifier is the subject
        past = any(can_be_verb_form(t.text, "VBD") for t in doc[det.i + 1 : noun.i])
        if past and noun.dep_ == "ROOT":
            return True  # "Few expected change": no verb but the past tense the parse made an adjective
        # "what many thought was", "as many expected": a quantifier standing as a pronoun; not where the word is
        # a subject with its verb's auxiliary right after it ("that many blog have adopted": two verbs in a row)
        subject = noun.dep_ in SUBJECTS and noun.head.i > noun.i + 1 and doc[noun.i + 1].head == noun.head
        subject = subject and doc[noun.i + 1].dep_ in ("aux", "auxpass")
        pronoun = prev is not None and (
            prev.tag_ in ("WP", "WDT", "WRB") or prev.lower_ in ("as", "than", "that", "so")
        )
        return pronoun and not subject
    if nxt is not None and nxt.is_alpha and nxt.pos_ not in FUNCTION_POS and noun_tables(nxt.lower_):
        return True  # "a ratings hit": the plural may be a modifier of the next word
    if _verb_after_pronoun(det, noun):
        return True
    return noun.i > det.i + 1 and can_be_verb_form(noun.text, "VBZ")  # "when a terrorist boards a plane"


def _verb_after_pronoun(det: Token, noun: Token) -> bool:
    """A determiner that may stand alone as the subject ("this", "each", "another"), then a word that may be
    its verb, which the parse shows to head a clause: the sentence's root or a clause, or with a verb's
    dependents ("This aligns with", "each doubles up as", "another states that")."""
    if noun.i != det.i + 1 or det.lower_ in ("a", "an", "every") or not can_be_verb_form(noun.text, "VBZ"):
        return False
    clause = noun.dep_ in ("ROOT", "ccomp", "advcl", "parataxis", "xcomp") or det.dep_ in SUBJECTS
    clause = clause or (noun.dep_ == "conj" and noun.head.pos_ in ("VERB", "AUX"))  # "…, and another states that"
    return clause or any(c.dep_ in VERB_DEPENDENTS for c in noun.children)


def _not_counting(numeral: Token, noun: Token) -> bool:
    """A numeral that does not count the noun: a measure before a later head ("a five year, sterling facility"),
    a label ("number two keeper", "the three million mark"), or part of a score or range ("a 12 to eight
    majority", "four billion or five billion package")."""
    doc = numeral.doc
    prev = doc[numeral.i - 1] if numeral.i > numeral.sent.start else None
    if prev is None:
        return False
    if _after_article(numeral) or (noun.i == numeral.i + 1 and prev.pos_ in ("NOUN", "PROPN")):
        return True
    if prev.lower_ in _noun_list("ranking_words"):
        return True  # "the top ten list": a rank
    owner = prev.pos_ == "DET" or prev.tag_ == "PRP$"  # "the three million mark", "our five million target"
    if owner and any(t.lower_ in words("multipliers") for t in doc[numeral.i + 1 : noun.i]):
        return True
    ranged = prev.lower_ in ("to", "or", "of", "and", "in", "-", "–") and prev.i > numeral.sent.start  # "one in five"
    return ranged and any(t.like_num for t in doc[max(numeral.sent.start, prev.i - 2) : prev.i])


def _after_article(numeral: Token) -> bool:
    """Whether "a/an" opens the phrase the numeral stands in, past adjectives, numbers, amounts and commas ("an
    unchanged three mark a share dividend", "a five billion dlr, four year facility"): the measure then
    modifies a later head."""
    doc = numeral.doc
    for tok in reversed(doc[max(numeral.sent.start, numeral.i - 8) : numeral.i]):
        if tok.lower_ in ("a", "an"):
            return True
        amount = tok.pos_ == "NOUN" and tok.i > 0 and doc[tok.i - 1].like_num
        if not (amount or tok.pos_ in ("ADJ", "NUM", "SYM") or tok.tag_ == "VBN" or tok.text in (",", "-", "–")):
            return False
    return False


def _list_goes_on(noun: Token, num: str) -> bool:
    """Whether more items of a list follow the noun, so that it may be a modifier of a later head ("five
    producer and five consumer delegates", "a paints, resins and coatings company"). A bare plural that ends
    the phrase is a second head with the same determiner ("several ramps and drifts")."""
    doc = noun.doc
    i = noun.i + 1
    while i < len(doc) and doc[i].lower_ in ("and", "or", ","):
        i += 1
    if i == noun.i + 1:
        return any(c.dep_ in ("conj", "cc") for c in noun.children)
    item = doc[i] if i < len(doc) else None
    if item is None or item.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM") or _opens_clause(item):
        return False  # ", including best…", ", who…", ", and about…", ", and recycling is…": the phrase ends
    after = doc[i + 1] if i + 1 < len(doc) else None
    if item.like_num and after is not None and after.tag_ == "NNS":
        beyond = doc[after.i + 1] if after.i + 1 < len(doc) else None
        if beyond is None or beyond.pos_ not in ("NOUN", "PROPN"):
            return False  # "in two minute, 35 seconds": each number counts its own noun, no modifier of a later head
    ends = after is None or (after.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM", "CCONJ") and after.text != ",")
    second_head = num == SING and item.tag_ == "NNS" and item.head == noun and doc[noun.i + 1].lower_ == "and"
    return not (second_head and ends)


def _opens_clause(item: Token) -> bool:
    """Whether a word after "and" or a comma is the subject of a clause of its own ("…, and recycling is")."""
    return item.dep_ in SUBJECTS and item.head.i > item.i and item.head.pos_ in ("VERB", "AUX")


def _evidence(noun: Token) -> str | None:
    """The number shown by the finite verb the noun is the subject of, if it shows one."""
    if noun.dep_ not in SUBJECTS:
        return None
    verb = finite_verb(noun.head)
    head = noun.head
    bare = head.tag_ == "VB" and head.dep_ == "ROOT" and head.i == noun.i + 1
    if verb is None and bare and not any(c.dep_.startswith("aux") or c.tag_ == "TO" for c in head.children):
        return PLUR  # "These latest figure show a rise": a present tense the tagger read as a base form
    return verb_number(verb) if verb is not None and verb.i > noun.i else None


def _one(noun: Token) -> list[tuple[Token, str]]:
    """ "One" counting the noun it stands before ("One analysts said", "one reasons for it was"): singular. Not
    "one" as a pronoun before a relative clause ("the one analysts expected", "no one dealers trust"), nor one
    coordinated with another number ("one or two days"), nor one that counts a multiplier ("one million shares")."""
    one = next((c for c in noun.children if c.lower_ == "one" and c.dep_ == "nummod" and c.tag_ == "CD"), None)
    if one is None or noun.tag_ != "NNS" or any(c.dep_ in ("conj", "cc") for c in one.children):
        return []
    if any(t.pos_ != "ADJ" for t in noun.doc[one.i + 1 : noun.i]):
        return []  # only adjectives between: "one major bank"
    prev = noun.doc[one.i - 1] if one.i > one.sent.start else None
    if prev is not None and (
        prev.pos_ in ("DET", "ADJ", "NUM", "PRON", "NOUN", "PROPN") or prev.lower_ in ("no", "only")
    ):
        return []  # "the one analysts expected", "no one dealers trust", "Plan One", "the first one"
    if one.i >= 2 and noun.doc[one.i - 2].like_num:
        return []  # "one on one negotiations", "one to one talks": a compound modifier
    return [(one, SING)]


def _indexed_singular(noun: Token) -> str | None:
    """Singular, for a lower-case word that lemminflect does not know at all but the lemmatizer's index lists as a
    noun lemma ("many blog"), whose plural adds a plain "-s"; only after a quantifier, not a numeral, which may
    count a currency or other measure that keeps its form ("nine kwacha", "five billion baht"), and not before a
    possessive ending ("two third's")."""
    word, doc = noun.lower_, noun.doc
    if noun.tag_ != "NN" or not noun.is_alpha or not noun.is_lower or word != noun.lemma_ or getAllLemmas(word):
        return None
    if any(d.tag_ == "CD" or d.like_num for d, _ in determiners(noun)):
        return None
    if not nlp.indexed_noun(word) or word.endswith(("s", "x", "z", "ch", "sh", "o")) or re.search(r"[^aeiou]y\Z", word):
        return None
    if noun.i + 1 < len(doc) and doc[noun.i + 1].tag_ == "POS":
        return None
    return SING


def _inflect_noun(noun: Token, number: str) -> str | None:
    """The noun in the other number, from lemminflect (or the house list of preferred plurals)."""
    word = noun.lower_
    tag, other = ("NN", "NNS") if number == SING else ("NNS", "NN")
    preferred = lexicon.load("agreement")["plurals"]
    if number == PLUR and word in preferred:
        return cased(noun.text, preferred[word])
    forms = {t[tag][0] for _, t in noun_tables(word) if word in t.get(other, ()) and t.get(tag)} - {word}
    if not forms and (regular := regular_inflection(noun, number)):
        forms = {regular} if _known_noun(regular) else set()  # "mechanis" is no plural of "mechani"
    if not forms and number == PLUR and _indexed_singular(noun) == SING:
        forms = {word + "s"}  # "blogs"
    if not forms and number == PLUR and noun.tag_ == "NN" and noun.is_alpha:
        forms = {plural} if (plural := compound_plural(word)) else set()  # "bandmates"
    return cased(noun.text, forms.pop()) if len(forms) == 1 else None


def _many_multiplier(tok: Token) -> str | None:
    """The plural of a number word that "many" counts and "of" follows ("the many hundred of alerts" →
    "hundreds"): "many hundred people" counts the people, but before "of" the number word is the noun "many"
    counts, and edited news writes "many hundreds of", "many thousands of", never the singular."""
    doc = tok.doc
    if tok.lower_ not in _SPELLED_MULTIPLIERS or tok.i == 0 or tok.i + 1 >= len(doc):
        return None
    if doc[tok.i - 1].lower_ != "many" or doc[tok.i + 1].lower_ != "of":
        return None
    return cased(tok.text, tok.lower_ + "s")


#: Number words that take a plural "-s" as nouns ("hundreds of"); not the wire's abbreviations ("mln").
_SPELLED_MULTIPLIERS = frozenset({"hundred", "thousand", "million", "billion", "trillion", "dozen"})


@cache
def _known_noun(word: str) -> bool:
    """Whether ``word`` is an English noun: in lemminflect's dictionary, in the lemmatizer's index of noun lemmas,
    or a singular with an agent ending ("blogger", "influencer")."""
    return bool(getAllLemmas(word)) or word.endswith(tuple(words("agent_suffixes"))) or nlp.indexed_noun(word)


@cache
def _noun_list(key: str) -> frozenset[str]:
    """A list of rules/data/determiner_nouns.yaml; mass nouns with agreement.yaml's uncountable ones."""
    extra = words("uncountable") if key == "mass_nouns" else frozenset()
    return frozenset(lexicon.load("determiner_nouns")[key]) | extra


def _adjective_like(noun: Token) -> bool:
    """A singular that may be an adjective standing for its noun ("the two red", "many poor"), unless "of"
    follows: a gradable adjective; a word that is only a classifier ("country", "chemical") is a noun here."""
    of = any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children)
    gradable = "JJR" in getAllInflections(noun.lower_, upos="ADJ")
    return "ADJ" in getAllLemmas(noun.lower_) and gradable and not of


def _bare_numeral(det: Token) -> bool:
    """A numeral with no article or owner before it: an adjective standing for its noun needs one ("the two red",
    "his three best"), so after a bare numeral a word that may be an adjective is the noun ("in two minute")."""
    prev = det.doc[det.i - 1] if det.i > det.sent.start else None
    return det.tag_ == "CD" and not (prev is not None and (prev.tag_ in ("DT", "PRP$", "POS") or prev.pos_ == "ADJ"))


def _that_is_determiner(det: Token) -> bool:
    """A "that" after a verb or noun may be a conjunction that the parse read as a determiner."""
    prev = det.doc[det.i - 1] if det.i > det.sent.start else None
    return prev is None or (prev.tag_ in ("IN", "CC", ",") and prev.lower_ != "that")


def _number_fix(det: Token, det_num: str, noun: Token, num: str) -> tuple[Token, str, Safety] | None:
    """Which word to change, to what, and how safely; None when the sentence does not show which is wrong."""
    evidence = _evidence(noun)
    paired = lexicon.load("agreement")["paired_determiners"]
    if det.lower_ in paired:
        if det.lower_ == "that" and not _that_is_determiner(det):
            return None
        if evidence == num:
            return det, cased(det.text, paired[det.lower_]), Safety.SAFE
        mass = num == SING and noun.lemma_ in _noun_list("mass_nouns")  # "these evidence show": not "evidences"
        new = _inflect_noun(noun, det_num) if evidence == det_num and not mass else None
        return (noun, new, Safety.SAFE) if new else None
    if det.lower_ == "another" and evidence != det_num:
        # "another states": as likely "other states"; surely so when the verb is plural ("another states have")
        return det, cased(det.text, "other"), Safety.SAFE if evidence == num else Safety.UNSAFE
    standing = _adjective_like(noun) and not _bare_numeral(det)
    if evidence == num or (num == SING and (noun.lemma_ in _noun_list("mass_nouns") or standing)):
        return None
    new = _inflect_noun(noun, det_num)
    if new is None:
        return None
    loose = det.lower_ in ("a", "an") and evidence is None and not _ends_plainly(det, noun)
    return noun, new, Safety.UNSAFE if loose else Safety.SAFE


#: Words after "and" that open a clause or a phrase of its own, never a compound's next part: a personal pronoun,
#: an adverb, a determiner, a modal or a past verb (not a present one: the tagger reads "fats" in "an oils and fats
#: tax" as one).
_CLAUSE_AFTER_AND = frozenset({"PRP", "RB", "DT", "MD", "VBD"})
#: What may follow a noun that ends its phrase: a preposition, "to", punctuation, a relative word, a verb.
_PHRASE_ENDS = frozenset({"ADP", "PART", "PUNCT", "AUX", "VERB", "SCONJ"})


def _ends_plainly(det: Token, noun: Token) -> bool:
    """Whether a plural after "a/an" plainly heads its phrase, right after the article, which a writer sets
    before one thing: the noun lost its number ("posted a photos of the crowd"). Not before "and", a noun or an
    "-ing" word, where the plural may name a compound's first part ("an oils and fats tax", "a special
    shareholders meeting", "not a jobs at any price economy"); a plural after adjectives may have lost its
    article instead ("signed a new players"). A reduced relative after it ("a markets run by …", "a statements
    accompanying the results"), a relative word or an adverb ("a deals which …", "a years earlier"), a comma (before
    any "and": "20 dlrs a tons, or …") and an "and" that opens a clause of its own ("a treats and I am …") end the
    phrase."""
    doc = noun.doc
    nxt = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
    after = doc[noun.i + 2] if noun.i + 2 < len(doc) else None
    # a conjunction before a clause's subject joins clauses ("has been a treats and I am lucky"); one before a
    # noun may join a compound's parts ("an oils and fats tax"), unless a preposition ends the phrase first
    # (a comma ends the phrase first: "20 dlrs a tons, or about five pct")
    span = next(
        (doc[noun.i + 1 : t.i] for t in doc[noun.i + 1 : noun.i + 4] if t.is_punct), doc[noun.i + 1 : noun.i + 4]
    )
    joins = [t for t in span if t.lower_ in ("and", "or", "&")]
    # (an adverb, a determiner or a past verb after it cannot go on a compound either: "scored a goals and
    # then lost", "a goals and the lead", "took a questions and left")
    clause = bool(joins) and joins[0].i == noun.i + 1 and after is not None and after.tag_ in _CLAUSE_AFTER_AND
    # a reduced relative: "a markets run by", "a statements issued on Friday"
    reduced = nxt is not None and nxt.tag_ == "VBN" and after is not None and after.tag_ == "IN"
    reduced = reduced and (after.lower_ == "by" or (nxt.dep_ == "acl" and nxt.head == noun))
    # an -ing clause with its own object or phrase ("a statements accompanying the results"), not a compound's head
    acting = nxt is not None and nxt.tag_ == "VBG" and nxt.dep_ == "acl" and nxt.head == noun
    acting = acting and after is not None and after.tag_ in ("DT", "PRP$", "IN", "CD", "NNS")
    if noun.i != det.i + 1 or nxt is None or (nxt.tag_ in ("VBG", "VBN") and not (reduced or acting)):
        return False
    # a relative word or an adverb ends the phrase too ("a deals which could", "a years earlier")
    ends = nxt.pos_ in _PHRASE_ENDS or nxt.tag_ in ("WDT", "WP", "RB", "RBR") or acting
    if (not ends and not clause) or nxt.text in DASHES or nxt.text in ("'", "’"):
        return False
    if nxt.pos_ != "ADP" and joins and not clause:
        return False
    # the article fits the noun's sound, else the article may be what is wrong ("open a offices")
    return sound(noun.text) == (VOWEL if det.lower_ == "an" else CONSONANT)


def _governing(dets: list[tuple[Token, str]]) -> list[tuple[Token, str]]:
    """The determiners that decide the noun's number: a numeral after a singular determiner overrides it
    ("every four days", "another two players")."""
    numeral = next((d for d, n in dets if n == PLUR and d.tag_ == "CD"), None)
    if numeral is None:
        return dets
    return [(d, n) for d, n in dets if not (n == SING and d.i < numeral.i)]


@rule(
    code="AGR002",
    entities_veto=True,
    name="determiner-noun-number",
    message="“{match}” does not agree in number with its determiner; use “{replacement}”.",
    examples=[
        Example(good="We are on course to hit our two million target by the summer."),
        Example(good="The firm set an unchanged five mark a share dividend for the year."),
        Example(good="The group is seeking a two billion dlr, seven year credit facility."),
        Example(
            bad="[[This]] measures are meant to cut emissions.", fixed="These measures are meant to cut emissions."
        ),
        Example(bad="[[These]] development has been delayed.", fixed="This development has been delayed."),
        Example(bad="Several [[player]] were injured.", fixed="Several players were injured."),
        Example(bad="Many [[company]] have cut their forecasts.", fixed="Many companies have cut their forecasts."),
        Example(
            bad="It is a format that many [[blog]] have copied.", fixed="It is a format that many blogs have copied."
        ),
        Example(good="The rate was fixed at nine kwacha to the dollar."),
        Example(bad="One [[analysts]] said the bid was too low.", fixed="One analyst said the bid was too low."),
        Example(bad="Players spend 15 hours a [[days]] online.", fixed="Players spend 15 hours a day online."),
        Example(good="Officers, employees an agents of the firm were named."),
        Example(bad="She won in two [[minute]], 35 seconds.", fixed="She won in two minutes, 35 seconds."),
        Example(good="It was the one analysts expected, after one or two days of one on one talks."),
        Example(bad="Each [[players]] will receive a medal.", fixed="Each player will receive a medal."),
        Example(bad="These [[figure]] show a rise in crime.", fixed="These figures show a rise in crime."),
        Example(
            bad="Police arrested three [[man]] after the fight.", fixed="Police arrested three men after the fight."
        ),
        Example(bad="The club signed a [[players]] from Brazil.", fixed="The club signed a player from Brazil."),
        Example(
            bad="The club signed a young [[players]] from Brazil.",
            fixed="The club signed a young player from Brazil.",
            unsafe=True,
        ),
        Example(good="The EC proposed an oils and fats tax, and shareholders met at a special shareholders meeting."),
        Example(good="This news came as a shock; these data are published every quarter."),
        Example(good="A series of strikes hit those species, and this means a means test."),
        Example(good="A few residents and a couple of hundred protesters came; a lot of people stayed away."),
        Example(good="Each of the players was paid, elections are held every two years, and another 10 players left."),
        Example(good="Several sheep died, each aircraft carries 180 people, and the These Days tour sold out."),
        Example(good="This sales tax and these player ratings are new; a great many people agree."),
        Example(good="This works well, that matters, and he said that prices were rising."),
        Example(good="A New York Times investigation into a players' union found that Britain won two gold."),
        Example(bad="Talks between the two [[country]] resumed.", fixed="Talks between the two countries resumed."),
        Example(bad="It pumped five million [[barrel]] of oil.", fixed="It pumped five million barrels of oil."),
        Example(
            bad="Prices may rise over the next few [[month]] - or sooner.",
            fixed="Prices may rise over the next few months - or sooner.",
        ),
        Example(
            bad="The show won three [[award]], including best drama.",
            fixed="The show won three awards, including best drama.",
        ),
        Example(
            bad="Rocks fell along several [[tunnel]] and shafts.", fixed="Rocks fell along several tunnels and shafts."
        ),
        Example(
            bad="Files are copied every [[weeks]], and logs are kept.",
            fixed="Files are copied every week, and logs are kept.",
        ),
        Example(bad="Inspections take place every four [[day]].", fixed="Inspections take place every four days."),
        Example(good="A paints, resins and coatings company bought five producer and five consumer groups."),
        Example(good="The four pose for photos, and the two meet again in May; the many poor rely on aid."),
        Example(good="He lost four stone, stands six foot tall, keeps 300 head of cattle and made the top ten list."),
        Example(good="This aligns with the plan, each doubles up as a study, and another states that talks go on."),
        Example(bad="[[These]] evidence shows he was there.", fixed="This evidence shows he was there."),
        Example(bad="[[Another]] states have passed similar laws.", fixed="Other states have passed similar laws."),
        Example(bad="I met [[another]] people at the camp.", fixed="I met other people at the camp.", unsafe=True),
        Example(good="Sales passed the three million mark, and Labour won a 12 to eight majority on the panel."),
        Example(good="It signed a five year, sterling facility; many hunts ended early, many meeting and going home."),
    ],
)
def determiner_noun_number(doc: Doc, ctx: Context) -> Iterator[Finding]:
    """A determiner or quantifier whose number is not its noun's: "this measures", "several player", "a players".

    ## Why
    A rewrite that changes a noun's number, or swaps "this" for "these", leaves the phrase at odds with itself.

    ## Fix safety
    The determiner's head noun comes from the parse, so "these player ratings" and "this sales tax" agree. Nouns
    with one form for both numbers, plural-looking singulars, names, measure phrases ("a few", "every two years",
    "another 10") and uncountable nouns are left alone; a numeral after a singular determiner decides ("every four
    days"), and a multiplier between a numeral and its noun does not make a measure ("five million barrels"). A noun
    followed by more list items may modify a later head ("five producer and five consumer delegates") and is left
    alone, unless the next item is a bare plural that ends the phrase ("several tunnels and shafts"), a number and
    the plural it counts ("in two hour, 35 minutes"), or the words after it open a clause of their own. For
    "this/that/these/those" the verb of the sentence decides which word is wrong (a fix without that evidence is not
    offered). With a determiner that has one number only ("several", "each"), the noun changes, safely; after "a/an"
    the plural is made singular safely where it follows the article straight and plainly ends its phrase ("signed a
    players from Brazil", "posted a photos of the crowd": a writer puts "a" before one thing; "a" after an amount is
    its rate's, "15 hours a days"), not before "and", a noun or an "-ing" word, where it may be a compound's first
    part ("an oils and fats tax", "a special shareholders meeting"), nor where the article does not fit the noun's
    sound ("open a offices": the article may be the slip); elsewhere the fix is unsafe unless the verb shows the
    singular ("signed a young players" may have meant "signed young players"). "Another" before a plural becomes
    "other" ("another states"), safely only when the verb is plural too. Mass nouns
    (rules/data/determiner_nouns.yaml) are never pluralised ("these evidence show" is left alone), nor is an
    adjective standing for its noun after an article or owner ("the two red", "the many poor"; after a bare numeral
    such a word is the noun: "in two minute"), nor is a measure after a numeral ("four stone", "six foot") or a rank
    ("the top ten list"); a word that the parse makes the verb of a determiner standing as a pronoun ("This aligns
    with", "each doubles up") is no noun; and a new form must be a known English noun. A word that ends a block with
    no closing punctuation is left alone: the phrase may go on in the next block. A lower-case word that lemminflect
    does not know but the lemmatizer's index lists as a noun lemma ("many blog") is singular after a quantifier, not
    after a numeral, which may count a currency that keeps its form ("nine kwacha"); its plural adds a plain "-s". A
    solid compound the dictionary lacks, made of two words and no function word, is a singular noun whose plural is
    its last word's ("three flatmate" → "flatmates"; not "buyout"). "Many" before a number word and "of" counts the
    number word, which is then a plural noun ("the many hundred of alerts" → "hundreds"; "many hundred people"
    counts the people). A quantifier before a word and its verb's auxiliary ("that many blog have adopted") stands
    before its noun, not alone as a pronoun ("as many expected"). "One" counts the plural after it ("One analysts
    said" → "analyst"), but not as a pronoun before a relative clause ("the one analysts expected", "no one dealers
    trust") or in a compound or a pair of numbers ("one on one talks", "one or two days").
    """
    ending = next((t for t in reversed(doc) if not t.is_space), None)
    for noun in doc:
        if noun.lower_ in _SPELLED_MULTIPLIERS and (many := _many_multiplier(noun)) is not None:
            yield ctx.finding(noun.idx, noun.idx + len(noun), many)
            continue
        dets = (_governing(determiners(noun)) or _one(noun)) if noun.n_lefts else []
        if not dets:
            continue  # no word before it that marks a number (most words: the cheap test first)
        num = form_number(noun) or _indexed_singular(noun)
        if num is None or not _heads_phrase(noun):
            continue
        if noun == ending and ctx.next is not None:
            continue  # "given these two extra¶¶days": a block that stops on it may go on in the next one
        if len({n for _, n in dets}) != 1 or dets[0][1] == num or not statement(noun.sent):
            continue  # "many a candidate", "a few": the phrase marks both numbers
        for det, det_num in dets:
            if det_num == num or not _plain_between(det, noun) or _misread(det, noun, num):
                continue
            fix = _number_fix(det, det_num, noun, num)
            if fix:
                word, new, safety = fix
                msg = f"“{det.text}” does not go with “{noun.text}”; use “{new}”." if word.i == det.i else None
                yield ctx.finding(word.idx, word.idx + len(word), new, message=msg, safety=safety)
