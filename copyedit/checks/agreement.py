"""AGR001: a finite verb agrees with its subject; and the number of nouns and verbs, which AGR002 shares."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from copyedit import lexicon
from copyedit.checks.possessive import role_noun
from copyedit.inflection import getAllInflections, getAllLemmas
from copyedit.model import Finding, Safety
from copyedit.nlp import entities_on, entity_type
from copyedit.rule import Context, Example, rule
from copyedit.syntax import (
    FINITE_TAGS,
    NAME_ENTITIES,
    calendar_word,
    can_be_verb_form,
    doc_text,
    having,
    in_direct_quotation,
    is_common_word,
    is_name,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

SING, PLUR = "singular", "plural"
#: Forms of the irregular verbs, and their counterparts in the other number.
VERB_NUMBER = {"is": SING, "was": SING, "has": SING, "does": SING, "are": PLUR, "were": PLUR, "have": PLUR, "do": PLUR}
VERB_SWAP = {"is": "are", "are": "is", "was": "were", "were": "was", "has": "have", "have": "has", "does": "do"}
VERB_SWAP["do"] = "does"
PRONOUNS = {"he": SING, "she": SING, "it": SING, "they": PLUR, "we": PLUR}
#: Indefinite pronouns, singular whatever they stand for ("everyone has", "nothing was").
INDEFINITES = frozenset(
    {"someone", "somebody", "anyone", "anybody", "everyone", "everybody", "nobody", "something", "anything"}
    | {"everything", "nothing"}
)
RELATIVES = frozenset({"who", "which", "that"})
DEMONSTRATIVES = {"this": SING, "these": PLUR, "those": PLUR}
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
NUMBER_WORDS = frozenset({"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "both"})
QUANTIFIERS = frozenset({"most", "some", "all", "more", "enough", "any", "such", "plenty", "both"})
CLAUSES = frozenset({"ROOT", "ccomp", "conj", "advcl", "relcl", "acl", "csubj"})
DASHES = frozenset({"-", "--", "–", "—", "(", ")", ";", ":"})
FUNCTION_POS = frozenset({"AUX", "ADP", "DET", "PRON", "CCONJ", "SCONJ", "PART", "ADV", "PUNCT"})
#: Words before a subjunctive "were" ("if it were", "as though he were"). Not "whether": edited news writes
#: "whether it was" (13 times in BBC and Reuters) and never "whether it were".
CONDITIONAL = frozenset({"if", "though", "unless", "wish", "wished", "wishes", "suppose", "imagine"})


@cache
def words(key: str) -> frozenset[str]:
    return frozenset(lexicon.load("agreement")[key])


@lru_cache(maxsize=65536)
def noun_tables(word: str) -> tuple[tuple[str, dict[str, tuple[str, ...]]], ...]:
    """Each noun lemma of ``word`` with its inflections (shared: not to be changed)."""
    return tuple((lemma, getAllInflections(lemma, upos="NOUN")) for lemma in getAllLemmas(word).get("NOUN", ()))


def _common_tag(tok: Token) -> str:
    """The tag, with a sentence's first word that the tagger took for a name ("Levels of pollution…") read as
    the common noun it is when no entity claims it."""
    if tok.tag_ in ("NNP", "NNPS") and tok.i == tok.sent.start and not entity_type(tok):
        return "NNS" if tok.tag_ == "NNPS" else "NN"
    return tok.tag_


def form_number(tok: Token) -> str | None:
    """A common noun's number as its form and tag show it; None when the form serves both numbers."""
    word = tok.lower_
    if tok.tag_ not in ("NN", "NNS", "NNP", "NNPS") and word not in words("plural_nouns"):
        return None  # what follows needs a noun (a name may be a common noun that opens a sentence)
    tag = _common_tag(tok)
    if word in words("plural_nouns") and not any(c.lower_ in ("a", "an") for c in tok.children):
        return PLUR
    if tag not in ("NN", "NNS") or not tok.is_alpha or word in words("invariant"):
        return None
    tables = [t for _, t in noun_tables(word)]
    if not tables:
        return _unlisted_number(tok, tag)
    singular = any(word in t.get("NN", ()) for t in tables)
    plural = any(word in t.get("NNS", ()) for t in tables)
    invariant = any(t.get("NNS", ())[:1] == (word,) for t in tables)
    if tag == "NNS" and plural and not singular:
        return PLUR
    if tag == "NN" and singular and not invariant:
        return SING
    return None


def _unlisted_number(tok: Token, tag: str) -> str | None:
    """The number of a noun the dictionary lacks ("ads", "bloggers", "midfielder"), when its form is plain: a
    regular plural of its lemma, or a singular with an English agent ending (foreign plurals have other ends)."""
    word, lemma = tok.lower_, tok.lemma_.lower()
    if len(lemma) < 2 or not any(v in lemma for v in "aeiou") or not tok.is_lower:
        return None  # "dlrs", "mln": abbreviations
    owned = any(c.dep_ in ("det", "poss") for c in tok.children)  # "the ads"; a bare "reynolds" may be a name
    if tag == "NNS" and word == lemma + "s" and not lemma.endswith("s") and owned:
        return PLUR
    if tag == "NN" and word == lemma and (word.endswith(tuple(words("agent_suffixes"))) or compound_plural(word)):
        return SING  # "midfielder", "bandmate"
    return None


@cache
def compound_plural(word: str) -> str | None:
    """The plural of a solid compound the dictionary lacks, made on its last word's: "bandmate" is "band" and
    "mate", so "bandmates". Both parts are words, the first of three letters or more, the last of four or more and a
    noun's singular; neither a function word ("buyout" is a verb and its particle)."""
    from spacy.lang.en.stop_words import STOP_WORDS  # loaded with the model by now

    for k in range(3, len(word) - 3):
        head, tail = word[:k], word[k:]
        if tail in STOP_WORDS or head in STOP_WORDS:
            continue  # "buyout", "takeover": a verb and its particle, no noun's compound
        plurals = {t["NNS"][0] for _, t in noun_tables(tail) if tail in t.get("NN", ()) and t.get("NNS")}
        if len(plurals) == 1 and getAllLemmas(head):
            return head + plurals.pop()
    return None


def regular_inflection(tok: Token, number: str) -> str | None:
    """The other number of a noun the dictionary lacks, when ``_unlisted_number`` read its form."""
    if not noun_tables(tok.lower_) and _unlisted_number(tok, tok.tag_) not in (None, number):
        return tok.lemma_.lower() if number == SING else tok.lower_ + "s"
    return None


#: The tags of the verbs `verb_number` reads a number from.
_NUMBERED_TAGS = frozenset({"VBZ", "VBP", "VBD"})


def verb_number(tok: Token) -> str | None:
    """The number a finite present verb (or was/were) shows: "suggests" singular, "suggest" plural."""
    word = tok.lower_
    if word in VERB_NUMBER:
        return VERB_NUMBER[word] if tok.pos_ in ("AUX", "VERB") and tok.tag_ in ("VBZ", "VBP", "VBD") else None
    if tok.pos_ != "VERB" or tok.tag_ not in ("VBZ", "VBP") or not tok.is_alpha:
        return None
    forms = getAllInflections(tok.lemma_, upos="VERB")
    return {"VBZ": SING, "VBP": PLUR}[tok.tag_] if word in forms.get(tok.tag_, ()) else None


def _finite_base(verb: Token) -> bool:
    """Whether a verb the tagger reads as a base form is a present tense: it heads a clause with its subject before
    it and no auxiliary, modal or "to" of its own ("This come after a rise": the tagger's "come", no imperative)."""
    if verb.pos_ != "VERB" or not verb.is_alpha or verb.dep_ not in ("ROOT", "ccomp", "conj", "advcl", "relcl"):
        return False
    if any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    if not any(c.dep_ == "nsubj" and c.i < verb.i for c in verb.children):
        return False
    return verb.lower_ in getAllInflections(verb.lemma_, upos="VERB").get("VBP", ())


def _regular_past(verb: Token) -> bool:
    """Whether the verb's past tense is its present with "-d" or "-ed" added ("increase", "need"; not "see")."""
    word = verb.lower_
    pasts = getAllInflections(verb.lemma_.lower(), upos="VERB").get("VBD", ())
    return any(p in (word + "d", word + "ed") for p in pasts)


def finite_verb(head: Token) -> Token | None:
    """The word of ``head``'s verb group that carries tense: its first auxiliary, or the verb itself."""
    auxes = [c for c in head.children if c.dep_ in ("aux", "auxpass") and c.i < head.i]
    first = auxes[0] if auxes else head
    return first if first.tag_ in ("VBZ", "VBP", "VBD", "MD") else None


def _inflect_verb(verb: Token, number: str) -> str | None:
    word = verb.lower_
    if word in VERB_SWAP:
        new = VERB_SWAP[word]
    else:
        forms = getAllInflections(verb.lemma_, upos="VERB").get("VBZ" if number == SING else "VBP", ())
        if len(forms) != 1:
            return None
        new = forms[0]
    return cased(verb.text, new)


def cased(model: str, new: str) -> str:
    if model.isupper() and len(model) > 1:
        return new.upper()
    return new[:1].upper() + new[1:] if model[:1].isupper() else new


def mid_sentence_capital(tok: Token) -> bool:
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    starts = (".", "!", "?", ":", '"', "“", "‘", "'")
    return tok.text[:1].isupper() and prev is not None and not (prev.is_space or prev.text in starts)


def capitalised_inside(tok: Token) -> bool:
    """A capital letter where a sentence does not begin (a name or a title, whatever its tag says), or a word
    the text capitalises in mid-sentence elsewhere."""
    if not tok.text[:1].isupper():
        return False
    if mid_sentence_capital(tok) or entity_type(tok) in NAME_ENTITIES:
        return True
    return any(t.text == tok.text and mid_sentence_capital(t) for t in tok.doc)


#: A capitalised word straight after a lower-case word or a comma: a capital that no sentence start explains.
MID_CAPITAL = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]+")
#: A sentence's first word followed by another capitalised word: the start of a name ("Elders IXL Ltd said").
NAME_OPENER = re.compile(r"(?:^|(?<=[.!?] ))[A-Z][a-z]+(?= [A-Z])", re.M)
SENTENCE_END = re.compile(r"[.!?][^\w.!?]*$")  # the last stop only: from each of 100,000 stops, \W* read to the end
_NAMES: list = [None, frozenset()]


def _article_names(ctx: Context) -> frozenset[str]:
    """Words the article capitalises in mid-sentence somewhere (read from the raw text, so no neighbouring block
    is parsed): names, even where a sentence starts with one ("Farmers, with $9m in assets, was closed").
    A name's first word at the start of a sentence counts too, outside headlines (all of whose words may be
    capitalised)."""
    if _NAMES[0] is not ctx.blocks:
        names = {m.group() for p in ctx.blocks for m in MID_CAPITAL.finditer(p.text)}
        prose = [p.text for p in ctx.blocks if p.block.kind in ("paragraph", "quote")]
        names |= {m.group() for text in prose if SENTENCE_END.search(text) for m in NAME_OPENER.finditer(text)}
        _NAMES[:] = [ctx.blocks, frozenset(names)]
    return _NAMES[1]


def determiners(noun: Token) -> list[tuple[Token, str]]:
    """The noun's own determiners and quantifiers that mark a number, with that number."""
    found = []
    for d in noun.children:
        if d.i > noun.i or d.dep_ not in ("det", "amod", "nummod", "predet", "quantmod"):
            continue
        if d.lower_ in words("singular_determiners") and d.tag_ == "DT":
            found.append((d, SING))
        elif d.lower_ in words("plural_determiners"):
            found.append((d, PLUR))
        elif d.lower_ in words("multipliers") and d.dep_ == "nummod":
            # "four million tonnes": the numeral hangs on its multiplier
            found += [(c, PLUR) for c in d.children if c.i < d.i and c.lower_ in words("plural_determiners")]
    return found


def phrase_number(noun: Token, common: bool = False) -> str | None:
    """The number of a noun phrase headed by a common noun, when nothing in it makes the number doubtful. With
    ``common``, a capitalised first word of the sentence is known to be a common word (`_opening_common`)."""
    if _common_tag(noun) not in ("NN", "NNS") or capitalised_inside(noun):
        return None
    if noun.lemma_ in words("collective") and not (noun.tag_ == "NNS" and form_number(noun) == PLUR):
        return None  # "the team are" (but "the teams is" is plural whatever the style)
    if noun.lower_.rsplit("-", 1)[-1] in words("quantity"):
        return None  # "a number of", "two-thirds of Britain's trade is"
    if any(t.text == "/" for t in noun.subtree) or entity_type(noun) in ("DATE", "TIME"):
        return None  # "the stocks/usage ratio", "this year", "year to date": a compound or a time adverbial
    coordinated = any(c.dep_ in ("conj", "cc") for c in noun.children) and not _plural_pair(noun)
    individuals = _counted_individuals(noun)
    if coordinated or (_counted(noun) and not (_counted_things(noun) or individuals) and not _dated(noun)):
        return None  # "fish and chips is", "ten years is" (but "the 1986 net include": a year, no count)
    if any(t.is_quote or t.text in ("(", ")") for t in noun.subtree):
        return None  # a title in quotation marks
    number = form_number(noun) or _mass_number(noun) or _owned_singular(noun) or _quantified_plural(noun)
    number = number or _gerund_number(noun)
    if number is None or any(n != number for _, n in determiners(noun)):
        return None
    if number == SING and not any(c.dep_ in ("det", "poss") for c in noun.children) and not _bare_subject(noun, common):
        return None  # a bare singular may be a modifier: "float related adjustments were"
    if number == SING and _of_compound(noun):
        return None  # "denial of service attacks are": a bare "X of Y" phrase modifying the plural after it
    if number == SING and any(t.lower_ in QUANTIFIERS for t in noun.subtree if t.i < noun.i):
        return None  # "most economist": the noun or the quantifier may be the damaged word
    named = [t for t in noun.subtree if t.i < noun.i and t.dep_ == "compound" and _name_part(t)]
    if number == PLUR and any(not calendar_word(t) for t in named) and not individuals:
        return None  # "Shochiku film studios": part of a name (but "the February employment gains is": a date)
    if any(c.lower_ == "by" and any(g.pos_ == "PROPN" for g in c.children) for c in noun.children):
        return None  # "Angels by Robbie Williams is": a work and its author
    if number == PLUR and noun.left_edge.tag_ == "VBG":
        return None  # "shedding jobs makes sense": a gerund and its object
    if (
        number == PLUR
        and any(t.like_num for t in noun.subtree if t.i < noun.i)
        and not (_counted_things(noun) or individuals)
    ):
        return None  # "the men's 60m hurdles is", "the first 24 hours is": a measure or an event
    prev = noun.doc[noun.i - 1] if noun.i > 0 else None
    after_noun = prev is not None and (prev.pos_ == "NOUN" or prev.tag_ == "VBG") and prev.head == noun
    if number == PLUR and can_be_verb_form(noun.text, "VBZ") and after_noun and _relative_may_open(noun):
        return None  # "the program that the new funding supports is…": a verb read as a noun
    return number


def _relative_may_open(noun: Token) -> bool:
    """Whether a plural-looking noun after a noun may be a verb that the parse took for the subject's head: the
    verb of a relative clause opening right before its phrase ("the program that the new funding supports is…",
    "the cash the plan supports is…": after a relative word, a "that" after a noun, or a noun or pronoun), a
    gerund's object ("marketing films … has become"), a verb with an object of its own ("debt totals 48 bln dlrs
    and …"), or a subject set off by commas ("Coupon rates …, minus 0.1 points, is the choice"). Not after a
    plural-only determiner ("several shareholder groups has"), nor, in a plain phrase, at the sentence's start or
    after a verb or its "that" ("said crop conditions was", "argue that interest rates is")."""
    if noun.dep_ not in SUBJECTS:
        return True  # a noun after "there is" ("there is widespread belief money market rates will…")
    if any(n == PLUR for _, n in determiners(noun)):
        return False
    doc, start = noun.doc, noun.left_edge.i
    prev = doc[noun.i - 1]
    if prev.lower_.endswith("ing") and can_be_verb_form(prev.text, "VBG"):
        return True
    if any(c.dep_ in _VERB_ONLY for c in noun.children) or any(t.text == "," for t in noun.subtree):
        return True
    before = doc[start - 1] if start > noun.sent.start else None
    if before is None:
        return False
    if before.lower_ == "that":
        ahead = doc[before.i - 1] if before.i > noun.sent.start else None
        return ahead is not None and ahead.pos_ in ("NOUN", "PROPN", "PRON")
    return before.tag_ in ("WDT", "WP", "WRB") or before.pos_ in ("NOUN", "PROPN", "PRON")


#: Dependents a verb has and a noun does not.
_VERB_ONLY = frozenset({"dobj", "dative", "ccomp", "xcomp", "acomp", "attr", "oprd", "prt", "agent"})


def _gerund_number(noun: Token) -> str | None:
    """A noun made of a verb's "-ing" form names an activity, which is singular ("online shopping is", "gaming
    is"), however the dictionary lists it ("shopping" as a plural too)."""
    word = noun.lower_
    if noun.tag_ != "NN" or not word.endswith("ing") or not noun.is_alpha:
        return None
    return SING if getAllLemmas(word).get("VERB") else None


def _quantified_plural(noun: Token) -> str | None:
    """A plural-tagged noun in -s whose form the dictionary does not settle (it lists "games" as a singular too)
    is plural after a word that only goes before plurals ("many games is" is "are")."""
    found = determiners(noun) if noun.tag_ == "NNS" and noun.lower_.endswith("s") else []
    return PLUR if found and all(n == PLUR for _, n in found) else None


def _owned_singular(noun: Token) -> str | None:
    """A determined or owned noun whose form the dictionary does not settle: singular where it is one that edited
    news gives a singular verb ("the yen were" is "was"; news_counts.yaml, counted), or where the dictionary lacks
    it and its form is a plain lower-case singular, no -s ("the buyout are", "the euro were")."""
    word = noun.lower_
    if noun.tag_ != "NN" or not any(c.dep_ in ("det", "poss") for c in noun.children) or word in words("invariant"):
        return None
    if word in _singular_subjects():
        return SING
    plain = noun.is_alpha and noun.is_lower and len(word) > 2 and not word.endswith("s") and word == noun.lemma_
    # not after "a": it shows the number already, and where it is all there is to go on, the parse may have taken
    # an object for the subject ("to accept what is effectively a management buyout have")
    return SING if plain and _definite(noun) and not noun_tables(word) else None


def _mass_number(noun: Token) -> str | None:
    """A mass noun whose form serves both numbers takes a singular verb where a determiner or owner shows it is a
    whole phrase ("the research show" is "shows"; rules/data/determiner_nouns.yaml, mass_nouns)."""
    mass = lexicon.load("determiner_nouns")["mass_nouns"]
    owned = any(c.dep_ in ("det", "poss") for c in noun.children)
    plain = noun.tag_ == "NN" and noun.lower_ in mass and noun.lower_ not in words("invariant")  # not "livestock"
    return SING if plain and owned else None


def _counted(noun: Token) -> bool:
    return any(c.dep_ == "nummod" for c in noun.children)


def _dated(noun: Token) -> bool:
    """A determined singular noun whose only number is a year ("the 1986 net", "its 1987 budget"): no count."""
    nums = [c for c in noun.children if c.dep_ == "nummod"]
    years = all(n.text.isdigit() and len(n.text) == 4 and 1900 <= int(n.text) <= 2099 for n in nums)
    return noun.tag_ == "NN" and _definite(noun) and bool(nums) and years


def _definite(noun: Token) -> bool:
    """Whether a determiner other than "a"/"an", or an owner, opens the noun's phrase."""
    return any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an") for c in noun.children)


def _counted_things(noun: Token) -> bool:
    """A definite number of things, not a measure: "the two companies", "its three sons" (but "ten years is",
    "the first 24 hours is", "the 60m hurdles is")."""
    nums = [c for c in noun.children if c.dep_ == "nummod"]
    words_only = bool(nums) and all(n.lower_ in NUMBER_WORDS for n in nums)
    measure = entity_type(noun) in ("DATE", "TIME", "QUANTITY", "MONEY", "PERCENT")
    return _definite(noun) and words_only and not measure and noun.tag_ == "NNS"


def _counted_individuals(noun: Token) -> bool:
    """A count of things that each do or undergo what the verb says, not a measure taken as one: a plural counted by
    a number word ("Four other members … was suspended", "Sixteen Wall Street stockbrokers was charged"), the subject
    of a verb other than "be" as a copula ("ten years is a long time", "three goals is enough" count a quantity)."""
    nums = [c for c in noun.children if c.dep_ == "nummod"]
    words_only = all(n.is_alpha and n.like_num and n.lower_ not in ("one", "zero") for n in nums)
    if noun.tag_ != "NNS" or not nums or not words_only:
        return False
    before = noun.doc[noun.left_edge.i : noun.i]
    # an amount ("more than two mln tonnes … is", "12.1 trillion pesos was"): a quantity taken as one
    if any(t.dep_ == "quantmod" or t.lower_ in words("multipliers") or not t.is_alpha for t in before):
        return False
    if entity_type(noun) in ("DATE", "TIME", "QUANTITY", "MONEY", "PERCENT"):
        return False
    clause = noun.head
    if noun.dep_ not in ("nsubj", "nsubjpass") or clause.pos_ != "VERB" or clause.lemma_ == "be":
        return False
    # no clause of its own between ("found five other people who were interested and the project was born")
    return not any(t.tag_ in FINITE_TAGS and t.head != clause for t in noun.doc[noun.i + 1 : clause.i])


def _titled(subj: Token) -> bool:
    """A person's name after a courtesy title ("Mr Brown", "Mrs Jones"), or a person's full name after a role that
    only a person has ("US actor Jamie Foxx", "Governor Satoshi Sumita"; not "Glasgow band Franz Ferdinand"), with
    nothing coordinated."""
    if subj.tag_ != "NNP" or any(c.dep_ in ("conj", "cc") for c in subj.children):
        return False
    before = [c for c in subj.children if c.dep_ == "compound" and c.i < subj.i]
    if any(c.lower_ in words("courtesy_titles") for c in before):
        return True
    role = [c for c in before if c.tag_ in ("NN", "NNP") and role_noun(c.lower_) and c.lower_ not in _FIRMS]
    names = [c for c in before if c.tag_ == "NNP" and role and c.i > role[-1].i]
    if not (role and names) or any(c.is_digit for c in before):
        return False
    if any(t.lower_ in ("and", "or", "nor", "&") for t in subj.doc[subj.sent.start : subj.i]):
        return False  # "X and Jacee Securities President Joel Lovett were": a second name the parse left unjoined
    return not entities_on() or all(entity_type(t) == "PERSON" for t in (*names, subj))


def _opening_common(subj: Token, ctx: Context) -> bool:
    """Whether a capitalised word opening the sentence is a common noun: the article writes it in lower case and
    never capitalises it in mid-sentence ("…similar services. Search have become…", where it writes "desktop
    search" too)."""
    word = subj.text
    if subj.i != subj.sent.start or not (word[:1].isupper() and word[1:].islower()) or not is_common_word(word):
        return False
    if can_be_verb_form(word.lower(), "VBN"):
        return False  # "Cut were the debt ratings of…": a participle fronted before its verb and subject
    return word.lower() in _lower_words(ctx)


_LOWER: list = [None, frozenset()]


def _lower_words(ctx: Context) -> frozenset[str]:
    """The words the article writes in lower case, read once per document."""
    if _LOWER[0] is not ctx.blocks:
        _LOWER[:] = [ctx.blocks, frozenset(re.findall(r"(?<![\w'’-])[a-z]+(?![\w'’-])", ctx.source))]
    return _LOWER[1]


#: Agentive nouns that name firms, not people ("retailer Marks", "carmaker Ford"): a team or firm may take a
#: plural verb in British English.
_FIRMS = frozenset({"retailer", "carrier", "manufacturer", "producer", "distributor", "publisher", "broadcaster"})


def _of_compound(noun: Token) -> bool:
    """A bare singular with "of" and a bare plural after it: "denial of service attacks", "freedom of information
    requests", where the plural is the head a hyphenated compound would show."""
    if any(c.dep_ in ("det", "poss") for c in noun.children):
        return False
    objects = [
        o for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children if o.dep_ == "pobj"
    ]
    return any(o.tag_ == "NNS" and not any(c.dep_ in ("det", "poss") for c in o.children) for o in objects)


def _bare_subject(noun: Token, common: bool = False) -> bool:
    """A singular subject without a determiner that cannot be the modifier of a later noun: only adjectives and
    common nouns before it, and straight after it its verb, an adverb or a preposition ("weak demand were");
    written in lower case, so not a name at the start of a sentence."""
    doc = noun.doc
    opening_gerund = noun.i == noun.sent.start and _gerund_number(noun) is not None and not _name_part(noun)
    if not noun.is_lower and not opening_gerund and not common:
        return False  # "Arsenal were drawn", "Labour have said": a name, whatever the tagger says (but "Gaming
        # are a $20bn industry", where the article writes "gaming" in lower case, is an activity)
    if noun.dep_ not in SUBJECTS or noun.i + 1 >= len(doc) or doc[noun.i + 1].pos_ not in ("AUX", "VERB", "ADP", "ADV"):
        return False
    if doc[noun.i + 1].tag_ in ("VBN", "VBG", "VB"):
        return False  # "float related adjustments": a participle may modify a later noun
    return all(c.dep_ in ("amod", "compound") and c.pos_ in ("ADJ", "NOUN") for c in noun.children if c.i < noun.i)


def _name_part(tok: Token) -> bool:
    """A word of a name; a common word capitalised only because it opens the sentence ("House prices") is not,
    unless the text capitalises it in mid-sentence too (the recogniser's guess at a sentence's first word is no
    evidence: it takes "House prices" for a name)."""
    if tok.i == tok.sent.start and tok.text[:1].isupper() and is_common_word(tok.text):
        return any(t.text == tok.text and mid_sentence_capital(t) for t in tok.doc)
    return is_name(tok)


def _antecedent(rel: Token, clause: Token, verb_num: str) -> str | None:
    """The number of a relative pronoun's antecedent, when no nearby noun could be the antecedent instead."""
    if clause.dep_ != "relcl" or rel.i == 0:
        return None
    noun = clause.head
    before = rel.doc[rel.i - 1]
    if before.text == "," and rel.i > 1:
        before = rel.doc[rel.i - 2]
    if before != noun or noun.dep_ == "pobj":
        return None  # "the issues at this session which divide…": the relative may belong to an earlier noun
    if rel.lower_ == "which" and verb_num == SING and noun.dep_ not in SUBJECTS:
        return None  # "I had no pain killers which was ridiculous": "which" may stand for the clause before it
    # "the cost of the repairs, which are…", "one of the few who have…": any other candidate vetoes the fix.
    candidates = [noun, *(t for t in noun.ancestors if t.pos_ in ("NOUN", "PROPN", "PRON", "NUM"))]
    candidates += [c for c in noun.children if c.dep_ == "conj"]
    numbers = [phrase_number(c) for c in candidates]
    if None in numbers or verb_num in numbers:
        return None
    return numbers[0]


#: An acronym's plural: "MPs", "NGOs", "CEOs", "DVDs".
_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,}s")


def subject_number(subj: Token, clause: Token, verb_num: str, common: bool = False) -> str | None:
    """The number the subject requires of its verb, or None when it is not certain."""
    word = subj.lower_
    if word in RELATIVES and subj.tag_ in ("WDT", "WP"):
        return _antecedent(subj, clause, verb_num)
    if word in PRONOUNS and subj.tag_ == "PRP":
        return PRONOUNS[word]
    if word in INDEFINITES:
        return SING
    if word in DEMONSTRATIVES and subj.tag_ == "DT" and not list(subj.children):
        return DEMONSTRATIVES[word]  # "this means", "these show": a demonstrative standing alone
    if _titled(subj):
        return SING  # "Mr Brown has", "Mrs Jones says": a courtesy title names one person
    if _PLURAL_ACRONYM.fullmatch(subj.text) and not any(c.dep_ in ("conj", "cc") for c in subj.children):
        return PLUR  # "MPs is preparing", "the NGOs has": an acronym's plural, never a firm's or a team's name
    has_of = any(c.dep_ == "prep" and c.lower_ == "of" for c in subj.children)
    if has_of and (word == "each" or word == "one"):
        return SING  # "each of the candidates has", "one of the victims was"
    if has_of and word in words("partitives"):
        # ("More than half of the increase were those aged under 25": a plural complement of "be" may decide)
        plural_complement = any(
            c.dep_ == "attr" and (c.tag_ in ("NNS", "NNPS") or c.lower_ in ("those", "these")) for c in clause.children
        )
        return None if plural_complement else _part_number(subj)
    hyphened = subj.i + 1 < len(subj.doc) and subj.doc[subj.i + 1].text == "-"  # "two-thirds of the trade is"
    if has_of and word in NUMBER_WORDS and subj.tag_ == "CD" and not hyphened:
        return PLUR
    return phrase_number(subj, common)


def _part_number(part: Token) -> str | None:
    """A part of one thing is singular ("part of the problem is", "the rest of the money was"), and so is a part
    of an action ("part of giving people more control has been"); a part of a group or of a place of people may
    count its people ("part of the crowd were", "the rest of the world are"), and a part of many is left to the
    parse of the plural ("half of the players are")."""
    of = next(c for c in part.children if c.dep_ == "prep" and c.lower_ == "of")
    objects = [c for c in of.children if c.dep_ in ("pobj", "pcomp")]
    if len(objects) != 1 or any(c.dep_ in ("conj", "cc") for c in objects[0].children):
        return None
    obj = objects[0]
    if obj.tag_ == "VBG":
        return SING  # "part of giving people control"
    lemma = obj.lemma_.lower()
    if obj.tag_ != "NN" or not obj.is_lower or lemma in words("collective") or lemma in words("peopled_places"):
        return None
    return SING if form_number(obj) == SING or obj.lower_ in lexicon.load("determiner_nouns")["mass_nouns"] else None


def statement(sent: Span) -> bool:
    """A sentence that ends with a full stop or an exclamation mark: not a headline, a caption or a question."""
    text = doc_text(sent.doc)[sent.start_char : sent.end_char]
    return text.rstrip().rstrip("\"”’')").endswith((".", "!"))


def _plain_clause(subj: Token, verb: Token, clause: Token) -> bool:
    """Whether the parse of subject and verb is trustworthy: a whole declarative sentence, a clause of its own,
    a subject phrase that holds no clause or coordination, and nothing between it and its verb but adverbs."""
    sent = verb.sent
    if not statement(sent) or clause.dep_ not in CLAUSES:
        return False
    if any(
        t.dep_ in ("amod", "det", "nummod", "poss") and t.head.pos_ in ("VERB", "AUX") and not _unit(t.head)
        for t in sent
    ):
        return False  # "More young, urban woman are…": a modifier hung on a verb is a broken parse
    if any(c.dep_ in ("csubj", "csubjpass", "expl") for c in clause.children):
        return False  # "shedding jobs makes sense": the gerund is the subject
    if any(c.dep_ == "mark" and c.lower_ in ("for", "of", "with", "in", "on", "at", "by") for c in clause.children):
        return False  # "for the launches of their next generation consoles": a preposition read as a conjunction
    if capitalised_inside(verb) or (verb.pos_ == "VERB" and _noun_like(verb, subj) and not _titled(subj)):
        return False  # "Boys Don't Cry", "the radio information show"
    return _plain_subject(subj, verb) and _plain_edges(subj, verb)


def _plain_subject(subj: Token, verb: Token) -> bool:
    """A subject phrase without coordination, quotation, a clause of its own (other than a relative clause) or
    a possessive ending. An "and" inside a plural subject's modifiers is harmless before a singular verb:
    however it is read, the subject stays plural ("reports of theft and fraud suggests")."""
    if any(c.dep_ in ("mark", "case") for c in subj.children):
        return False  # "after reports a man … has been seen", "the game maker's allow"
    plural_head = form_number(subj) == PLUR and verb_number(verb) == SING
    for t in subj.subtree:
        if t.dep_ == "cc" and t.lower_ == "and" and (t.head.i > subj.i or _plural_pair(subj)) and plural_head:
            continue
        if t.dep_ == "cc" and t.lower_ == "and" and _pair_in_phrase(t.head, subj):
            continue
        if t.dep_ in ("cc", "preconj") and t.head.pos_ != "NUM":
            return False  # "X and Y", "X or Y", "he and his colleagues" (but "aged between eight and 12")
        if t.dep_ in SUBJECTS and t != subj and (t.head.dep_ != "relcl" or not _introduced(t.head)):
            return False  # a clause of its own inside the subject ("each time you go back in you have")
        if t.tag_ in ("WP", "WDT") and t.i < subj.i:
            return False  # "what has surprised observers is"
        head = t.head if t.dep_.startswith("aux") else t
        if t.tag_ in ("VBZ", "VBP", "VBD", "MD") and head.dep_ != "relcl" and not _unit(t):
            return False  # a finite verb in the subject outside a relative clause
    return True


def _pair_in_phrase(first: Token, subj: Token) -> bool:
    """Whether "and" joins two plural common nouns inside a preposition's phrase after a determined subject, the
    second with no determiner of its own ("The battle for Hollywood's hearts and minds are"): the pair is the
    phrase's object, not a second subject ("The captain of the team and his wife are" may be two people). Not
    singulars, which the parse may have joined wrongly ("revisions in retail sales and industrial production
    were", "a lack of information and investment education for investors were")."""
    owned = any(c.dep_ in ("det", "poss") for c in subj.children)
    inside = first.dep_ == "pobj" and first.head.dep_ == "prep" and first.head.head == subj and first.tag_ == "NNS"
    pair = [c for c in first.children if c.dep_ == "conj"]
    plain = len(pair) == 1 and pair[0].tag_ == "NNS" and pair[0].is_lower
    return owned and inside and plain and not any(c.dep_ in ("det", "poss", "nummod") for c in pair[0].children)


def _plural_pair(subj: Token) -> bool:
    """Whether a plural subject is joined by "and" to one other plural common noun ("diplomats and investors"): the
    pair is plural however it is read; a title keeps its capitals ("Sons and Lovers is a novel")."""
    conj = [c for c in subj.children if c.dep_ == "conj"]
    return (
        len(conj) == 1
        and conj[0].tag_ == "NNS"
        and conj[0].is_lower
        and not any(c.dep_ == "conj" for c in conj[0].children)
    )


def _unit(tok: Token) -> bool:
    """Whether ``tok`` is a unit that the tokenizer split from the number before it ("£3m", "5bn"), whatever its
    tag: "m" is no verb."""
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    return prev is not None and prev.like_num and not prev.whitespace_ and tok.is_alpha and len(tok) <= 3


def _introduced(clause: Token) -> bool:
    """Whether a relative clause opens with its relative word ("the man who…"), not bare ("the time you go…")."""
    return any(t.tag_ in ("WDT", "WP", "WP$") or t.lower_ == "that" for t in clause.subtree if t.i <= clause.i)


def _plain_edges(subj: Token, verb: Token) -> bool:
    """What stands before the subject and between it and its verb shows that the parse read them right."""
    doc, sent = verb.doc, verb.sent
    if any(is_dash(t) or t.is_quote for t in doc[subj.left_edge.i : verb.i]):
        return False
    if subj.left_edge.i == sent.start and subj.left_edge.tag_ in ("VBN", "VBG") and subj.left_edge != subj:
        return False  # "Granted angels is a good song": an opening participle, and perhaps a title
    before = doc[subj.left_edge.i - 1] if subj.left_edge.i > sent.start else None
    if before is not None and not _plain_before(before, subj, verb):
        return False
    after = doc[subj.i + 1] if subj.i + 1 < verb.i else None
    if after is not None and after.pos_ in ("NOUN", "ADJ", "PROPN"):
        return False  # "the adjusted permits total … was": the subject may modify the next word
    if after is not None and after.dep_ == "acl" and after.tag_ in ("VBN", "VBD"):
        return False  # "the sites that the screensaver targeted were": the subject of a clause of its own
    if any(not (t.is_punct or t.pos_ in ("ADV", "PART")) for t in doc[subj.right_edge.i + 1 : verb.i]):
        return False  # "each time you go back in you have"
    listed = any(t.lower_ in (",", "and", "or") for t in doc[verb.i + 1 : verb.i + 3])
    if doc[verb.i - 1].text == "," and (verb.i - 2 not in {t.i for t in subj.subtree} or listed):
        return False  # the comma closes something that is not part of the subject; "the sights, sounds and…"
    return not (subj.tag_ == "PRP" and any(t.pos_ != "ADV" for t in doc[subj.i + 1 : verb.i]))  # "They <Dart> has"


def _plain_before(before: Token, subj: Token, verb: Token) -> bool:
    """The word before the subject phrase does not show a misread: no appositive, object or preposition."""
    stopped = before.i == 0 or before.doc[before.i - 1].is_punct  # not "U.S. And Canadian routes"
    opening = before.i == before.sent.start and stopped and before.lower_ in words("opening_conjunctions")
    clause = verb.head if verb.dep_ in ("aux", "auxpass") else verb
    fronted = before.tag_ in ("WDT", "WP") and before.head == clause and before.dep_ == "dobj"
    # a subject pronoun is its clause's subject whatever comes before: "…and he have pledged", "after she have"
    pronoun = subj.tag_ == "PRP" and subj.lower_ in ("he", "she", "it", "they", "we", "i")
    # and so is "this" standing alone ("…, but this have now been dismissed"): it determines no noun there
    pronoun = pronoun or (subj.lower_ == "this" and subj.tag_ == "DT" and not any(True for _ in subj.children))
    wh = before.tag_ in ("WDT", "WP", "WRB")  # "the actions which it say…", "what they wants", "how it work"
    if pronoun and (
        wh or before.pos_ == "CCONJ" or (before.dep_ == "mark" and before.tag_ == "IN") or before.text == ","
    ):
        return before.lower_ not in ("nor", "or")  # "…, they has": a subject pronoun is no appositive
    # ", and the figures shows": a comma and a conjunction open a clause of its own, with its own subject
    joined = before.lower_ in ("and", "but") and before.i > 0 and before.doc[before.i - 1].text == ","
    # "… is free but a paid-for version come without": "but" opens a clause even without a comma where the parse
    # makes one (a verb coordinated with one before it), unless a negation asks for a noun ("not X but the Y")
    contrast = before.lower_ == "but" and clause.dep_ == "conj" and clause.head.i < before.i and before.i > 0
    joined = joined or (contrast and before.doc[before.i - 1].lower_ not in _NEGATING)
    # "The country has … and many observers feels": "and" without its comma between two clauses the parse makes,
    # the first with a subject of its own before it; only a plural before a singular verb, which is wrong however
    # the "and" is read ("the words and the judgement were his" may be one subject of two nouns)
    plural = form_number(subj) == PLUR and verb_number(verb) == SING
    clauses = plural and before.lower_ == "and" and clause.dep_ == "conj" and clause.head.i < before.i
    joined = joined or (clauses and any(c.dep_ in SUBJECTS and c.i < clause.head.i for c in clause.head.children))
    # (not with a name in it: "…, and the Mercedes garage were calm" may count a team's people, as British does)
    named = any(c.tag_ in ("NNP", "NNPS") for c in subj.children)
    if joined and not named and (any(c.dep_ in ("det", "poss") for c in subj.children) or determiners(subj)):
        return True
    if not (opening or fronted) and (is_dash(before) or before.pos_ in ("CCONJ", "PRON")):
        return False  # "neither X nor the system ask", "he we was" (but "But she have", "which he have run")
    if before.text == "," and subj.lower_ not in RELATIVES and not _introductory(before, verb):
        return _reporting_tail(subj, verb)  # an appositive taken for the subject (but "…, a spokesman have said.")
    if before.pos_ in ("VERB", "AUX") and before.lemma_ not in lexicon.load("reporting_verbs")["lemmas"]:
        return False  # "saw the division report profits", "what has surprised observers is"
    if before.dep_ != "mark" or before.tag_ != "IN" or before.lower_ in words("conjunctions"):
        return True
    # "income in February after taxes was", "the hours after a stroke are": a preposition read as a conjunction
    bare = not any(c.dep_ in ("det", "poss") for c in subj.children)
    noun = before.doc[before.i - 1] if before.i > before.sent.start else None
    return not (bare or (noun is not None and noun.pos_ in ("NOUN", "PROPN", "NUM") and not _adverbial(noun)))


def _adverbial(noun: Token) -> bool:
    """Whether the parse makes a noun a measure of time on a main clause with its subject ("The fire started an hour
    before the plane were…") or on a subordinate clause that hangs on one before it ("It came several hours before
    the chamber were…"), not the subject of the clause after it ("The hours after a stroke are crucial")."""
    verb = noun.head
    if noun.dep_ != "npadvmod" or verb.pos_ not in ("VERB", "AUX"):
        return False
    if verb.i < noun.i:  # the main verb's own measure: "The fire started an hour before…"
        return any(c.dep_ in SUBJECTS for c in verb.children)
    return verb.dep_ == "advcl" and verb.head.i < noun.i


#: Words before "but" that make it "except" or "rather", joining nouns: "not the price but the terms", "all but".
_NEGATING = frozenset({"not", "nothing", "anything", "everything", "all", "none", "nobody", "anyone", "everyone"})


def _reporting_tail(subj: Token, verb: Token) -> bool:
    """Whether the subject and its reporting verb close the sentence after a comma, as news attributes what came
    before ("…will rise, a senior government figure have warned."): a determined subject, its verb group right
    after it, and nothing after the verb but the stop."""
    clause = verb.head if verb.dep_ in ("aux", "auxpass") else verb
    determined = any(c.dep_ in ("det", "poss") for c in subj.children)
    # (or a bare plural that describes its sources, "…, official figures shows.": no appositive is a bare plural)
    sources = subj.tag_ == "NNS" and subj.is_lower and all(c.dep_ in ("amod", "compound") for c in subj.children)
    if clause.lemma_ not in lexicon.load("reporting_verbs")["lemmas"] or not (determined or sources):
        return False
    doc, first = subj.doc, min(verb.i, clause.i)
    after = doc[clause.i + 1] if clause.i + 1 < len(doc) else None
    return first == subj.i + 1 and after is not None and after.text == "." and after.i == after.sent.end - 1


def is_dash(tok: Token) -> bool:
    """A dash, bracket or stop inside a sentence; a hyphen inside a word ("low-cost") is not one."""
    if tok.text not in DASHES:
        return False
    inside_word = tok.text == "-" and not tok.whitespace_ and tok.i > 0 and not tok.doc[tok.i - 1].whitespace_
    return not inside_word


def _introductory(comma: Token, verb: Token) -> bool:
    """A comma closing an opening phrase, clause or adverb of the verb's own clause: "Set in Wales, the film…",
    "But while life may be a game, his grandchildren…", "However, the rise in…"."""
    clause = verb.head if verb.dep_ in ("aux", "auxpass") else verb
    opener = comma.doc[comma.i - 1]
    top = next((a for a in (opener, *opener.ancestors) if a.head == clause and a != clause), None)
    if top is None or top.dep_ not in ("advcl", "prep", "advmod", "npadvmod") or top.right_edge.i != opener.i:
        return False
    lead = comma.doc[comma.sent.start : top.left_edge.i]
    return all(t.pos_ in ("CCONJ", "ADV") and t.head == clause for t in lead)


def _noun_like(verb: Token, subj: Token) -> bool:
    """A verb form that is also a noun, straight after a noun: "radio information show…", "next generation
    consoles", "after my ankle turn" may be one noun phrase."""
    prev = verb.doc[verb.i - 1] if verb.i > 0 else None
    if prev is None or prev.pos_ not in ("NOUN", "PROPN") or not noun_tables(verb.lower_):
        return False
    if prev.pos_ == "PROPN" and prev != subj:
        return False
    if prev == subj:
        reports = any(c.dep_ == "ccomp" and c.i < verb.i for c in verb.children)  # "…, official figures shows."
        if all(c.is_punct for c in verb.children if c.i > verb.i) and not reports:
            return True  # "after my ankle turn."
        # "the sales figures rose": read as a noun only where another verb follows, outside what the verb reports
        # ("the chief executive say the firm will recover"); "the dogs barks at night" has none, and a sentence
        # needs one
        reported = {t.i for c in verb.children if c.dep_ in ("ccomp", "xcomp") for t in c.subtree}
        after = verb.doc[verb.i + 1 : verb.sent.end]
        return _plural_noun(verb) and any(t.tag_ in ("VBZ", "VBP", "VBD", "MD") and t.i not in reported for t in after)
    return not any(c.dep_ in ("det", "poss") for c in prev.children)


def _appositive(verb: Token) -> bool:
    """A noun read as a verb after a comma, with its "of" phrase: "The share crash, result of a spree, left"."""
    doc = verb.doc
    after = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
    comma = verb.i > 0 and doc[verb.i - 1].text == ","
    return comma and after is not None and after.lower_ == "of" and bool(noun_tables(verb.lower_))


def _doubtful(verb: Token, subj: Token, clause: Token, subj_num: str) -> bool:
    """Readings the parse cannot settle, where the fix is offered as unsafe: a verb that is also a noun right
    after a noun ("the subsidy for the season whites campaign"); an "-ing" word after a noun inside the subject
    ("trade ministers meeting here have", "restaurants operating profit was"); a base form after a singular
    subject in a past-tense sentence, where a "-d" may be lost ("the plan, which help quell" may be "helped"; not
    "he see") or in a "that" clause (a
    mandative subjunctive: "conditions are that the firm remain"); a verb whose coordinated verb shows the same
    number ("pose as hotspots but are unauthorised"), where a fix of one would leave the other."""
    doc = verb.doc
    prev = doc[verb.i - 1] if verb.i > 0 else None
    if prev is not None and prev.pos_ == "NOUN" and prev != subj and noun_tables(verb.lower_):
        # but not where the noun closes a phrase inside the subject and a pronoun or determiner opens the verb's
        # object ("the size of the machine make it …"): no noun runs on into "it" or "the"
        nxt = doc[verb.i + 1] if verb.i + 1 < len(doc) else None
        inside = prev.dep_ == "pobj" and prev in subj.subtree
        if not (inside and nxt is not None and nxt.tag_ in ("PRP", "DT", "PRP$") and verb in nxt.ancestors):
            return True
    verb_num = verb_number(verb)
    shared = [c for c in clause.children if c.dep_ == "conj" and not any(g.dep_ in SUBJECTS for g in c.children)]
    if any((f := finite_verb(c)) is not None and verb_number(f) == verb_num for c in shared):
        return True  # "the threat, nicknamed evil twins, pose as … but are …": the writer's number, twice (not
        # "the contract expire in the summer, but Real want to keep him": a clause with a subject of its own)
    phrase = [*subj.subtree, *doc[subj.i + 1 : verb.i]]
    if any(t.lower_.endswith("ing") and t.i > 0 and doc[t.i - 1].pos_ == "NOUN" for t in phrase):
        return True
    if subj_num != SING or verb.lower_ != verb.lemma_.lower() or verb.lower_ in VERB_SWAP:
        return False
    past = any(t.tag_ == "VBD" for t in verb.sent if t != verb) and _regular_past(verb)  # not "he see"
    return past or any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def _plural_noun(verb: Token) -> bool:
    """Whether a verb form ending in -s is also a plural noun ("sounds", "consoles")."""
    return any(verb.lower_ in t.get("NNS", ()) for _, t in noun_tables(verb.lower_))


def subjunctive(verb: Token, clause: Token, subj_num: str) -> bool:
    """A singular subject with a plural-looking verb that is a subjunctive ("if it were", "demanded that he
    pay"), or a past tense the same as the base form ("it also forecast higher sales")."""
    if subj_num != SING:
        return False
    if verb.lower_ != "were" and (can_be_verb_form(verb.text, "VBD") or verb.lower_ in words("same_past")):
        return True
    sent_before = verb.doc[verb.sent.start : verb.i]
    if verb.lower_ == "were":
        return any(t.lower_ in CONDITIONAL for t in sent_before)
    if verb.lower_ != verb.lemma_.lower():
        return False  # a subjunctive is the base form: "that he be", never "that he are"
    bare = clause.dep_ in ("ccomp", "xcomp") and not any(c.dep_ == "mark" for c in clause.children)
    if bare and clause.head.lemma_ not in lexicon.load("reporting_verbs")["lemmas"]:
        return True  # a bare infinitive: "saw the price soar", "let the firm go" (not "unaware that someone have")
    # the words that govern the clause: "insisted that", "it is essential that", "the demand that", "lest"
    governors = {a.lemma_ for a in clause.ancestors} | {c.lemma_ for c in clause.head.children if c.i < clause.i}
    governors |= {c.lemma_ for c in clause.children if c.dep_ == "mark"}
    return clause.dep_ != "ROOT" and bool(governors & words("mandative"))


def _named_group(subj: Token) -> bool:
    """A singular noun that a name modifies ("the Tottenham hierarchy", "the BBC top brass", "Labour's
    frontbench"): a team's, a party's or a firm's people, which British English counts as plural."""
    if subj.tag_ == "NN" and role_noun(subj.lower_) and subj.lower_ not in words("collective"):
        return False  # "the Tory leader", "the Chelsea manager": one person, not a group's people
    if subj.lower_ in _singular_subjects() and subj.lower_ not in words("collective"):
        return False  # "the US economy": news gives it a singular verb (news_counts.yaml), a thing, not people
    modifiers = [c for c in subj.children if c.i < subj.i and c.dep_ in ("compound", "poss", "nmod", "amod")]
    return any(_name_part(c) and entity_type(c) in _GROUP_NAMES for c in modifiers)  # not "the November deficit"


@cache
def _singular_subjects() -> frozenset[str]:
    return frozenset(lexicon.load("news_counts")["singular_subjects"])


#: Names of what has people: a firm, club, band, party, nation, family or seat of government.
_GROUP_NAMES = frozenset({"ORG", "NORP", "GPE", "PERSON", "FAC", "LOC"})
#: A collective noun after "the", or a capitalised word, then a plural verb: "the team are", "Arsenal have".
_COLLECTIVE_PLURAL = re.compile(r"(?<![^\W\d_])(?:[Tt]he ([a-z]+)|([A-Z][a-z]+)) (?:are|were|have)(?![^\W\d_])")
_STYLES: list = [None, False]


def _cut_off(subj: Token, ctx: Context) -> bool:
    """Whether a subject opens a paragraph that follows one stopped on a word, with no closing punctuation: the
    subject may be the end of a phrase a paragraph break cut in two ("in the United¶¶States, is")."""
    prev = ctx.prev
    if prev is None or prev.block.kind != "paragraph" or not len(prev.doc) or subj.left_edge.i != _first_word(subj.doc):
        return False
    return prev.doc[-1].is_alpha or prev.doc[-1].like_num


def _first_word(doc: Doc) -> int:
    """The index of a Doc's first token that is not space."""
    return next((t.i for t in doc if not t.is_space), 0)


def _collective_plurals(ctx: Context) -> bool:
    """Whether the article writes a collective noun or the name of a team, band or firm with a plural verb
    ("the club are", "Arsenal have"): British style, in which "the United hierarchy are" is right."""
    if _STYLES[0] is not ctx.blocks:
        from spacy.lang.en.stop_words import STOP_WORDS  # loaded with the model by now

        names, found = _article_names(ctx), False
        for m in _COLLECTIVE_PLURAL.finditer(ctx.source):
            word = m.group(1) or m.group(2)
            if word.lower() in words("invariant") | words("quantity") or word.lower() in STOP_WORDS:
                continue  # "the police are", "the majority are", "These are": plural anywhere
            found = word in words("collective") if m.group(1) else word in names and not word.endswith("s")
            if found:
                break
        _STYLES[:] = [ctx.blocks, found]
    return _STYLES[1]


@rule(
    code="AGR001",
    entities_veto=True,
    name="subject-verb-agreement",
    message="“{match}” does not agree with its subject; use “{replacement}”.",
    examples=[
        Example(good="Denial of service attacks are on the increase, and freedom of information requests are up."),
        Example(
            bad="Four senior officials at the bank [[was]] suspended.",
            fixed="Four senior officials at the bank were suspended.",
        ),
        Example(bad="MPs [[is]] expected to vote today.", fixed="MPs are expected to vote today."),
        Example(bad="Sales fell 3 pct, industry figures [[shows]].", fixed="Sales fell 3 pct, industry figures show."),
        Example(good="Ten years is a long time, and two million tonnes of grain is stored there."),
        Example(
            bad="Some economists argue that interest rates [[is]] still too high.",
            fixed="Some economists argue that interest rates are still too high.",
        ),
        Example(good="The program that the new funding supports is popular with students."),
        Example(
            bad="Orders rose in May. This [[come]] after a fall in April.",
            fixed="Orders rose in May. This comes after a fall in April.",
        ),
        Example(
            bad="Diplomats and investors [[is]] looking for action.",
            fixed="Diplomats and investors are looking for action.",
        ),
        Example(good="Sons and Lovers is a novel; the union demanded that he come back, and they saw prices soar."),
        Example(bad="US actor Jamie Foxx [[have]] won two awards.", fixed="US actor Jamie Foxx has won two awards."),
        Example(good="Glasgow band Franz Ferdinand have won two awards, and carmaker General Motors have cut prices."),
        Example(
            bad="The reports [[suggests]] that the council overspent.",
            fixed="The reports suggest that the council overspent.",
        ),
        Example(
            bad="Tickets for the final, which will be played in May, [[goes]] on sale on Friday.",
            fixed="Tickets for the final, which will be played in May, go on sale on Friday.",
        ),
        Example(
            bad="People who [[lives]] near the airport complained.",
            fixed="People who live near the airport complained.",
        ),
        Example(
            bad="The minister [[have]] said the scheme will be reviewed.",
            fixed="The minister has said the scheme will be reviewed.",
        ),
        Example(
            bad="Two of the victims [[was]] taken to hospital.", fixed="Two of the victims were taken to hospital."
        ),
        Example(bad="Shares in the firm [[was]] suspended.", fixed="Shares in the firm were suspended."),
        Example(bad="The findings [[does]]n't support the claim.", fixed="The findings don't support the claim."),
        Example(good="The team are confident, and the government have refused to comment."),
        Example(good="£5m was spent; two-thirds of the money is gone and a number of fans are angry."),
        Example(good="Ten years is a long time, and fish and chips is still popular."),
        Example(good="The Simpsons is on tonight, and either the coach or the captain is speaking."),
        Example(good="He is one of the few politicians who have admitted mistakes."),
        Example(good="Among the victims was a girl; on the table were three envelopes."),
        Example(good="The board insisted that he be removed and demanded that the firm pay in full."),
        Example(good="If the price were lower, these data show, sales would rise."),
        Example(good="The cost of the repairs, which are overdue, is £4m."),
        Example(good="Each of the players has a medal, and none of them were hurt."),
        Example(
            bad="Low-cost airlines [[has]] criticised the rules.", fixed="Low-cost airlines have criticised the rules."
        ),
        Example(
            bad="The bank said the March surplus [[were]] the largest on record.",
            fixed="The bank said the March surplus was the largest on record.",
        ),
        Example(
            bad="Set in Leeds, the play [[are]] about two brothers.",
            fixed="Set in Leeds, the play is about two brothers.",
        ),
        Example(
            bad="Critics said weak demand [[were]] hurting sales.",
            fixed="Critics said weak demand was hurting sales.",
        ),
        Example(
            bad="Staff were unaware that someone [[have]] copied the files.",
            fixed="Staff were unaware that someone has copied the files.",
        ),
        Example(
            bad="The complaints about noise and litter [[has]] been passed on.",
            fixed="The complaints about noise and litter have been passed on.",
        ),
        Example(good="Builders Direct Ltd said profits rose. Builders says neither it nor its landlord knew."),
        Example(good="Arsenal were drawn at home, and security were called when fans ran onto the pitch."),
        Example(good="The men's 60m hurdles is the strongest event, and the first 24 hours is crucial."),
        Example(good="The sites that the virus targeted were knocked offline, and the money raised was donated."),
        Example(good="The president of the company and his wife are due in Paris; the board insisted he have a say."),
        Example(good="Arsenal are top. The Tottenham hierarchy are keen, and the Mercedes garage were calm."),
        Example(good="The Kardashian clan are gathering, and the BBC top brass are under pressure."),
        Example(
            bad="‘The lads [[was]] brilliant tonight,’ the captain said.",
            fixed="‘The lads were brilliant tonight,’ the captain said.",
            unsafe=True,
        ),
        Example(
            bad="'It was a good day,' she said. The ministers [[has]] agreed to meet again.",
            fixed="'It was a good day,' she said. The ministers have agreed to meet again.",
        ),
        Example(
            bad="The Japanese economy [[have]] grown for a year.", fixed="The Japanese economy has grown for a year."
        ),
        Example(
            bad="The Mercedes garage [[were]] jubilant after the race.",
            fixed="The Mercedes garage was jubilant after the race.",
            unsafe=True,
        ),
    ],
)
def subject_verb_agreement(doc: Doc, ctx: Context) -> Iterator[Finding]:
    """A finite verb whose number is not its subject's: "the reports suggests", "people who lives".

    ## Why
    Rewriting tools change one word of a clause and leave its verb agreeing with a noun that is no longer
    there, or with the nearest noun rather than the subject ("tickets for the final goes").

    ## Fix safety
    Safe: the subject is the parse's head noun of the subject phrase, and its number must be plain from its form:
    collective nouns, quantities ("a number of", "two-thirds of", "ten years"), coordinated subjects (but two plural
    common nouns are plural however they are read: "diplomats and investors is"), names and titles, nouns with one
    form for both numbers, and inverted subjects are left alone; a relative pronoun counts only when no other noun
    before it could be its antecedent. A singular without a determiner counts only in lower case and where it cannot
    modify a later noun ("weak demand were"); a capitalised sentence opener that the article uses elsewhere as the
    start of a name ("Elders IXL … Elders says") does not count. Indefinite pronouns ("someone", "nothing") are
    singular, as is a name after a courtesy title ("Mr Brown have") or a person's full name after a role only a
    person has ("US actor Jamie Foxx have"; not a firm's, "carmaker General Motors", nor where the recogniser names
    no person); a plural form of a collective noun is plural ("the teams was"), as is a definite count of things
    ("the two companies has"), but not a measure ("ten years is"); so is a plural counted by a number word as the
    subject of a verb other than the copula ("four other members of the staff was suspended", "Sixteen Wall Street
    stockbrokers was charged"), but not an amount ("more than two mln tonnes … is", "three goals is a good return"),
    nor across a clause of its own, and so is an acronym's plural ("MPs is", "the NGOs has"). Subjunctives ("if it
    were", "insisted that he be") are not touched, and a subjunctive is only ever the base form ("that he are" is
    not one). A verb the tagger reads as a base form heading a clause with its subject before it and no auxiliary,
    modal or "to" is a present tense ("This come after a rise"), unless a subjunctive or bare infinitive ("demanded
    that he come", "saw the price soar"). The new form comes from lemminflect (a regular "-s" plural for a noun it
    lacks, such as "ads"). After a past reporting verb a lexical verb's fix is unsafe where its past adds "-d"
    ("said it increase" may have lost one; not "told reporters he see a need"), but "were/are/have" only change
    number. Inside quotation marks, double or single (‘…’ and '…', as British news writes them), the fix is unsafe:
    a speaker's grammar is theirs. A singular noun that a name modifies, before a plural verb ("the Tottenham
    hierarchy are", "the Mercedes garage were"), may be a team's, party's or firm's people counted as plural, as
    British English does: no finding where the article itself writes a collective noun or such a name with a plural
    verb ("the club are", "Arsenal have"), else unsafe. A noun that edited news always gives a singular verb is a
    thing, not people, whatever name stands before it ("the US economy have grown"; news_counts.yaml, counted by
    train/news_counts.py). A mass noun with a determiner or owner is singular ("the research show"), whatever number
    its form might have. A part of one thing or of an action is singular ("part of the problem are", "part of giving
    people control have"), not a part of a group or of a place of people ("the rest of the world are"); so is an
    activity an "-ing" noun names ("online shopping are", and "Gaming are" opening a sentence where the article
    writes "gaming" in lower case). After a comma, a determined subject and its reporting verb that close the
    sentence attribute what came before ("…, a senior adviser have warned."), as does a bare plural ("…, official
    figures shows."): no appositive there. After "and" between two clauses, the first with a subject of its own, a
    determined plural subject before a singular verb is the second clause's own, with or without a comma ("The town
    has two schools and many parents says…"); a singular one may end a subject of two nouns ("the words and the
    judgement were his"). A plural-looking noun after a noun may be a relative clause's verb ("the program that the
    new funding supports is", "marketing films … has become", "debt totals 48 bln dlrs and …"), so it counts only in
    a plain phrase (no object of its own, no commas, no "-ing" word before it) where no relative clause can open
    before the phrase: after a plural-only determiner, at the sentence's start, or after a verb or its "that" ("said
    crop conditions was", "argue that interest rates is"). A unit the tokenizer splits from its number ("£3m") is no
    verb inside the subject.
    """
    for verb in having(doc, "TAG", _NUMBERED_TAGS | {"VB"}):
        base = verb.tag_ == "VB" and _finite_base(verb)  # a present tense the tagger read as a base form
        verb_num = PLUR if base else verb_number(verb)
        if verb_num is None:
            continue
        clause = verb.head if verb.dep_ in ("aux", "auxpass") else verb
        if finite_verb(clause) != verb and not base:
            continue
        subjects = [c for c in clause.children if c.dep_ in SUBJECTS]
        if len(subjects) != 1 or subjects[0].i > verb.i or not _plain_clause(subjects[0], verb, clause):
            continue
        if _cut_off(subjects[0], ctx):
            continue  # "…in the United¶¶States, is expected": the subject's phrase began in the paragraph before
        named = subjects[0].text[:1].isupper() and subjects[0].text.capitalize() in _article_names(ctx)
        if named and not _titled(subjects[0]):
            continue  # "Farmers, with $9.6m in assets, was closed": the Farmers State Bank
        subj_num = subject_number(subjects[0], clause, verb_num)
        if subj_num is None and _opening_common(subjects[0], ctx):
            subj_num = subject_number(subjects[0], clause, verb_num, common=True)
        if subj_num is None or subj_num == verb_num or subjunctive(verb, clause, subj_num):
            continue
        new = _inflect_verb(verb, subj_num)
        if new and new != verb.text:
            # "said it increase the price": a lost "-d" as likely as a lost "-s" after a past reporting verb
            lost_past = subj_num == SING and clause.dep_ == "ccomp" and clause.head.tag_ == "VBD"
            lost_past = lost_past and verb.lower_ not in VERB_SWAP  # "said the dollar were": "was", whatever the tense
            lost_past = lost_past and _regular_past(verb)  # "told reporters he see a need": no "-d" makes "saw"
            if _appositive(verb):
                continue
            group = subj_num == SING and not _titled(subjects[0]) and _named_group(subjects[0])
            if group and _collective_plurals(ctx):
                continue  # "the Tottenham hierarchy are", in an article that writes "Arsenal are"
            doubt = in_direct_quotation(verb) or lost_past or group
            doubt = doubt or _doubtful(verb, subjects[0], clause, subj_num)
            yield ctx.finding(verb.idx, verb.idx + len(verb), new, safety=Safety.UNSAFE if doubt else None)
