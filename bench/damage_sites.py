"""Where each kind of damage can be injected into a parsed paragraph, and what the damaged text is.

A finder takes a spaCy Doc of one clean paragraph and yields Sites: replace ``text[start:end]`` (the gold)
with ``replacement`` (the damage). A finder only offers a site whose repair is unambiguous: the clean text
is the one natural fix (an agreement error is anchored by the rest of the sentence, a/an only before a
word whose first sound its spelling shows). Sites inside quotations are never offered.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from lemminflect import getInflection
from spacy.tokens import Doc, Span, Token


@dataclass(frozen=True)
class Site:
    """One possible injection: ``text[start:end]`` becomes ``replacement``."""

    family: str
    kind: str
    start: int
    end: int
    replacement: str


Finder = Callable[[Doc], Iterator[Site]]

NON_FINAL_PREPS = frozenset(
    {"about", "after", "against", "among", "at", "before", "between", "by", "during", "for", "from", "in", "into"}
    | {"of", "on", "over", "through", "to", "under", "with", "without"}
)
TRAILING_MARKS = frozenset({"which", "while", "although", "whereas", "including"})
TRAILING_PREPS = frozenset({"in", "on", "at", "after", "before", "during", "following", "despite"})
LEADING_MARKS = frozenset({"while", "although", "because", "if", "when", "as", "after", "before", "since", "though"})
#: Nouns whose verb agreement varies (collective, quantity, partitive): no agreement damage on them.
LOOSE_NUMBER = frozenset(
    {"government", "team", "police", "staff", "family", "committee", "board", "public", "audience", "crowd", "party"}
    | {"club", "council", "jury", "union", "army", "side", "squad", "band", "group", "management", "firm", "company"}
    | {"bank", "majority", "number", "proportion", "rest", "lot", "percent", "cent", "half", "total", "range"}
    | {"series", "couple", "variety", "kind", "sort", "type", "set", "pair", "bunch", "plenty", "dozen", "data"}
    | {"media", "people", "cattle", "news", "species"}
)
PLURAL_QUANTIFIERS = frozenset({"several", "many", "few", "various", "numerous", "two", "three", "four", "five"})
SINGULAR_QUANTIFIERS = frozenset({"each", "every", "another"})
DEMONSTRATIVE_SWAP = {"this": "these", "these": "this", "that": "those", "those": "that"}
SV_SWAP = {
    "is": "are",
    "are": "is",
    "was": "were",
    "were": "was",
    "has": "have",
    "have": "has",
    "does": "do",
    "do": "does",
}
NEG_AUX = {"has": "have", "is": "are", "was": "were", "does": "do"}
#: Nouns with two plurals, verbs with two past forms: the gold would not be the one fix.
TWO_PLURALS = frozenset({"person", "index", "formula", "appendix", "fish", "cactus", "hoof"})
TWO_PASTS = frozenset({"burn", "learn", "spell", "spoil", "dream", "leap", "smell", "spill", "dwell", "kneel"})
FRACTIONS = frozenset({"half", "third", "quarter", "fifth", "tenth", "percent"})
DOUBLED = frozenset({"the", "a", "to", "of", "in", "and", "for", "that", "on", "with"})
CLEAR_CONSONANTS = frozenset("bcdfgjklmnpqrstvwyz")
ABBREVIATIONS = frozenset({"inc", "co", "corp", "ltd", "jr", "sr", "st", "etc", "no", "vs", "bros", "mr", "dr"})
MARKDOWN_OPENERS = frozenset("-*+#>|=")


def quoted(doc: Doc) -> set[int]:
    """Tokens inside a quotation, or in a sentence with a quotation mark (a quote may span paragraphs)."""
    inside: set[int] = set()
    straight = curly = False
    for tok in doc:
        for ch in tok.text:
            if ch == '"':
                straight = not straight
            elif ch == "“":
                curly = True
            elif ch == "”":
                curly = False
        if straight or curly or tok.text in {'"', "“", "”"}:
            inside.add(tok.i)
    if straight or curly:  # unbalanced: a quotation runs on from or into another paragraph
        return set(range(len(doc)))
    for sent in doc.sents:
        if any(q in f" {sent.text}" for q in ('"', "“", "”", "‘", " '")):
            inside.update(range(sent.start, sent.end))
    return inside


def _plain(tok: Token, sent: Span, skip: set[int], before: int = 3, after: int = 3) -> bool:
    """A token well inside its sentence, outside quotations, with room on both sides."""
    return tok.i - sent.start >= before and sent.end - tok.i > after and tok.i not in skip


def _next_word(tok: Token) -> Token | None:
    """The token after ``tok`` when a single space separates them and it is a word."""
    doc = tok.doc
    if tok.i + 1 >= len(doc) or tok.whitespace_ != " ":
        return None
    nxt = doc[tok.i + 1]
    return nxt if nxt.text[0].isalpha() else None


def _phrase_head(tok: Token, prev: Token) -> Token | None:
    """The head of the clause or phrase ``tok`` opens, if it is a kind that can be stranded."""
    low = tok.lower_
    if low in TRAILING_MARKS and low != "including":
        return tok.head if tok.head.dep_ in {"relcl", "advcl"} else None
    if low == "including" or (low in TRAILING_PREPS and tok.dep_ == "prep" and tok.head != prev):
        return tok
    participle = tok.tag_ == "VBG" and tok.dep_ == "advcl" and prev.text == ","
    return tok if participle else None


def _stop_before(tok: Token, start: int) -> Site | None:
    """Turn the space (or ", ") before ``tok`` into ". " and capitalise it: the shape of FRG001/FRG002 damage."""
    return None if not tok.text[0].islower() else Site("", "", start, tok.idx + 1, ". " + tok.text[0].upper())


def full_stop_inside(doc: Doc) -> Iterator[Site]:
    """FRG001: a full stop after a preposition with an object, complementizer "that", an article or "and"."""
    skip = quoted(doc)
    for sent in doc.sents:
        for tok in sent:
            nxt = _next_word(tok)
            if nxt is None or not _plain(tok, sent, skip) or not nxt.text[0].islower():
                continue
            kind = _stop_kind(tok)
            if kind:
                yield Site("FRG001", kind, tok.idx + len(tok), nxt.idx + 1, ". " + nxt.text[0].upper())


def _stop_kind(tok: Token) -> str:
    """Why a full stop after ``tok`` is damage, or "" if it might not be."""
    low = tok.lower_
    if tok.dep_ == "prep" and low in NON_FINAL_PREPS and any(c.dep_ == "pobj" for c in tok.children):
        return "after preposition"
    if low == "that" and tok.dep_ == "mark":
        return "after that"
    if low in {"the", "a", "an"} and tok.dep_ == "det" and tok.head.i > tok.i:
        return "after determiner"
    if low in {"and", "but"} and tok.dep_ == "cc":
        return "after conjunction"
    return ""


def stranded_clause(doc: Doc) -> Iterator[Site]:
    """FRG002: a final clause or phrase split off with ". " for its comma (or space), or a leading one."""
    skip = quoted(doc)
    for sent in doc.sents:
        if sent[-1].text != "." or any(t.i in skip for t in sent):
            continue
        yield from _trailing(sent)
        yield from _leading(sent)


def _trailing(sent: Span) -> Iterator[Site]:
    """A trailing relative or subordinate clause, "including" phrase, prepositional or participial phrase."""
    last = sent.end - 2
    for tok in sent[4:-3]:
        prev = tok.doc[tok.i - 1]
        low = tok.lower_
        head = _phrase_head(tok, prev)
        if head is None or head.left_edge.i != tok.i or head.right_edge.i != last:
            continue
        if prev.text == ",":
            site = _stop_before(tok, prev.idx)
        elif low in TRAILING_PREPS and prev.whitespace_:
            site = _stop_before(tok, prev.idx + len(prev))
        else:
            site = None
        if site:
            yield Site("FRG002", f"trailing {low if low in TRAILING_MARKS else tok.pos_.lower()}", *_span(site))


def _leading(sent: Span) -> Iterator[Site]:
    """A leading subordinate clause ("While the cause is unknown, police…") made a sentence of its own."""
    first = sent[0]
    if first.lower_ not in LEADING_MARKS or first.dep_ != "mark":
        return
    comma_i = first.head.right_edge.i + 1
    if comma_i >= sent.end - 4 or sent.doc[comma_i].text != ",":
        return
    nxt = sent.doc[comma_i + 1]
    site = _stop_before(nxt, sent.doc[comma_i].idx) if nxt.tag_ not in {"NNP", "NNPS"} else None
    if site and comma_i - sent.start >= 4:
        yield Site("FRG002", "leading subordinate clause", *_span(site))


def _span(site: Site) -> tuple[int, int, str]:
    return site.start, site.end, site.replacement


def paragraph_break(doc: Doc) -> Iterator[Site]:
    """FRG003: a blank line inside a sentence, before a prepositional phrase or after an article/"and"."""
    skip = quoted(doc)
    for sent in doc.sents:
        for tok in sent:
            nxt = _next_word(tok)
            if nxt is None or not _plain(tok, sent, skip, before=4, after=4) or nxt.text[0] in MARKDOWN_OPENERS:
                continue
            if nxt.dep_ == "prep" and nxt.lower_ in NON_FINAL_PREPS and any(c.dep_ == "pobj" for c in nxt.children):
                yield Site("FRG003", "before preposition", tok.idx + len(tok), nxt.idx, "\n\n")
            elif tok.lower_ in {"the", "and"} and tok.dep_ in {"det", "cc"} and tok.head.i > tok.i - 1:
                yield Site("FRG003", f"after {tok.lower_}", tok.idx + len(tok), nxt.idx, "\n\n")


def dropped_possessive(doc: Doc) -> Iterator[Site]:
    """POS001: a person's name loses its 's ("Blair's plan" → "Blair plan"); POS002: a plural loses its '."""
    skip = quoted(doc)
    for tok in doc:
        if tok.tag_ != "POS" or tok.i in skip or tok.i + 1 >= len(doc) or tok.i == 0:
            continue
        owner, owned = doc[tok.i - 1], doc[tok.i + 1]
        possessed = tok.head.head in (owned, owned.head)
        if owner.idx + len(owner) != tok.idx or owned.tag_ not in {"NN", "NNS", "JJ"} or not possessed:
            continue
        if tok.text in {"'s", "’s"} and owner.ent_type_ == "PERSON" and _not_verb_like(owned):
            if not any(c.dep_ == "det" for c in tok.head.children):
                yield Site("POS001", "name 's", tok.idx, tok.idx + len(tok), "")
        elif tok.text in {"'", "’"} and owner.tag_ == "NNS" and _determined_plural(owner):
            yield Site("POS002", "plural s'", tok.idx, tok.idx + len(tok), "")


def _determined_plural(owner: Token) -> bool:
    """A regular plural with its own determiner ("the players' union"), so the apostrophe is plainly missing."""
    return owner.lower_.endswith("s") and any(c.dep_ in {"det", "poss"} for c in owner.children)


def _not_verb_like(noun: Token) -> bool:
    """A possessed noun that cannot be read as the name's verb once the 's is gone ("Blair plans…")."""
    return not noun.lower_.endswith(("s", "ed")) and noun.lower_ not in {"say", "said", "will", "can", "may"}


def verb_form(doc: Doc) -> Iterator[Site]:
    """VRB001: a wrong form after an auxiliary or "to": "has began", "will continues", "to announced"."""
    skip = quoted(doc)
    for verb in doc:
        if verb.i == 0 or verb.i in skip or verb.lemma_ in {"be", "have", "do", *TWO_PASTS} or not verb.text.islower():
            continue
        prev = doc[verb.i - 1]
        if prev.head != verb or prev.dep_ not in {"aux", "auxpass"}:
            continue
        wrong = _wrong_form(verb, prev)
        if wrong and wrong.isalpha() and wrong != verb.text:
            yield Site("VRB001", f"after {prev.lower_}", verb.idx, verb.idx + len(verb), wrong)


def _wrong_form(verb: Token, aux: Token) -> str:
    """The damaged form of ``verb`` after ``aux``, or "" when no unambiguous damage is known."""
    lemma = verb.lemma_.lower()
    forms = {tag: (getInflection(lemma, tag) or ("",))[0] for tag in ("VB", "VBD", "VBN", "VBZ")}
    if verb.tag_ == "VBN" and aux.lemma_ == "have":
        return forms["VBD"] if forms["VBD"] != forms["VBN"] else forms["VB"]
    if verb.tag_ == "VBN" and aux.lower_ in {"been", "being", "be"}:
        return forms["VB"]
    if verb.tag_ == "VB" and (aux.tag_ == "MD" or aux.lower_ in {"did", "does"}):
        return forms["VBZ"] if aux.tag_ == "MD" else forms["VBD"]
    if verb.tag_ == "VB" and aux.tag_ == "TO":
        return forms["VBD"]
    return ""


def subject_verb(doc: Doc) -> Iterator[Site]:
    """AGR001: a present (or was/were) verb whose number no longer matches its plain noun subject."""
    skip = quoted(doc)
    for verb in doc:
        if verb.i in skip or (verb.tag_ not in {"VBZ", "VBP"} and verb.lower_ not in {"was", "were"}):
            continue
        subj = _subject(verb)
        if subj is None or not _agrees(subj, verb) or doc[verb.i - 1].tag_.startswith(("VB", "MD")):
            continue
        if verb.i + 1 < len(doc) and doc[verb.i + 1].lower_ in {"n't", "not"}:
            continue
        wrong = SV_SWAP.get(verb.lower_) or _other_number(verb)
        if wrong and wrong != verb.lower_ and verb.text.islower():
            kind = "across a phrase" if subj.right_edge.i > subj.i else "adjacent"
            yield Site("AGR001", kind, verb.idx, verb.idx + len(verb), wrong)


def _subject(verb: Token) -> Token | None:
    """The plain common-noun subject of a finite ``verb`` (itself or its head's first auxiliary)."""
    head = verb.head if verb.dep_ in {"aux", "auxpass"} else verb
    if verb is not head and any(c.dep_ in {"aux", "auxpass"} and c.i < verb.i for c in head.children):
        return None
    if head.dep_ in {"relcl", "conj"} or any(c.dep_ == "expl" for c in head.children):
        return None
    subjects = [c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < verb.i]
    if len(subjects) != 1:
        return None
    subj = subjects[0]
    loose = subj.lower_ in LOOSE_NUMBER or subj.lemma_.lower() in LOOSE_NUMBER
    if subj.tag_ not in {"NN", "NNS"} or loose or any(c.dep_ in {"conj", "cc", "nummod"} for c in subj.children):
        return None
    return subj


def _agrees(subj: Token, verb: Token) -> bool:
    """Whether subject and verb agree in the clean text (both singular or both plural)."""
    singular_verb = verb.tag_ == "VBZ" or verb.lower_ == "was"
    return (subj.tag_ == "NN") == singular_verb


def _other_number(verb: Token) -> str:
    """The present form of the other number: "rises" ↔ "rise"."""
    if verb.lemma_ in {"be", "have", "do"} or verb.tag_ == "MD":
        return ""
    tag = "VBP" if verb.tag_ == "VBZ" else "VBZ"
    return (getInflection(verb.lemma_.lower(), tag) or ("",))[0]


def determiner_noun(doc: Doc) -> Iterator[Site]:
    """AGR002: "several player", "every players", and "this measures are" (a demonstrative against its verb)."""
    skip = quoted(doc)
    for det in doc:
        noun = det.head
        if det.dep_ not in {"det", "amod", "nummod"} or det.i in skip or noun.i <= det.i:
            continue
        if any(doc[i].pos_ != "ADJ" for i in range(det.i + 1, noun.i)) or noun.lemma_.lower() in LOOSE_NUMBER:
            continue
        if (noun.i + 1 < len(doc) and doc[noun.i + 1].tag_ == "POS") or noun.lemma_.lower() in FRACTIONS:
            continue
        low = det.lower_
        if (low in PLURAL_QUANTIFIERS and noun.tag_ == "NNS") or (low in SINGULAR_QUANTIFIERS and noun.tag_ == "NN"):
            wrong = _noun_other_number(noun)
            if wrong:
                kind = "number" if det.like_num else "quantifier" if low in PLURAL_QUANTIFIERS else low
                yield Site("AGR002", f"{kind} + noun", noun.idx, noun.idx + len(noun), wrong)
        elif low in DEMONSTRATIVE_SWAP and det.dep_ == "det" and det.text.islower() and _anchored(noun):
            yield Site("AGR002", "demonstrative", det.idx, det.idx + len(det), DEMONSTRATIVE_SWAP[low])


def _noun_other_number(noun: Token) -> str:
    """The noun in the other number when both forms are plain words ("players" ↔ "player")."""
    lemma = noun.lemma_.lower()
    plural = (getInflection(lemma, "NNS") or ("",))[0]
    wrong = lemma if noun.tag_ == "NNS" else plural
    ok = wrong.isalpha() and wrong != noun.lower_ and noun.text.islower() and len(lemma) > 2
    ok = ok and lemma not in TWO_PLURALS and (noun.tag_ == "NN" or plural == noun.lower_)
    return wrong if ok else ""


def _anchored(noun: Token) -> bool:
    """A noun whose number its verb fixes: it is the subject of a finite verb that agrees with it."""
    if noun.dep_ != "nsubj" or noun.tag_ not in {"NN", "NNS"}:
        return False
    finite = [noun.head, *(c for c in noun.head.children if c.dep_ == "aux")]
    return any(v.tag_ in {"VBZ", "VBP"} and _agrees(noun, v) for v in finite if v.i > noun.i)


def article(doc: Doc) -> Iterator[Site]:
    """ART001: "a" and "an" swapped before a lower-case word whose spelling shows its first sound."""
    skip = quoted(doc)
    for det in doc:
        nxt = _next_word(det)
        if det.lower_ not in {"a", "an"} or det.dep_ != "det" or nxt is None or det.i in skip:
            continue
        word = nxt.text
        if not word.islower() or word.startswith(("one", "once", "eu", "u", "h")):
            continue
        if det.lower_ == "an" and word[0] in "aeio":
            wrong = det.text[0]
        elif det.lower_ == "a" and word[0] in CLEAR_CONSONANTS:
            wrong = det.text + "n"
        else:
            continue
        yield Site("ART001", f"{det.lower_} → {wrong.lower()}", det.idx, det.idx + len(det), wrong)


def final_stop(doc: Doc) -> Iterator[Site]:
    """PUN001: the full stop at the end of a paragraph dropped."""
    text = doc.text.rstrip()
    if len(doc) < 6 or not text.endswith(".") or doc[-1].text != ".":
        return
    last = doc[-2]
    if (last.is_alpha and last.lower_ not in ABBREVIATIONS and len(last) > 1) or (last.like_num and last.is_digit):
        yield Site("PUN001", "paragraph end", len(text) - 1, len(text), "")


def neither_nor(doc: Doc) -> Iterator[Site]:
    """NEG001: "Neither X nor Y has…" rewritten as "Both X and Y have not…"."""
    skip = quoted(doc)
    for tok in doc:
        if tok.lower_ != "neither" or tok.i in skip:
            continue
        first = tok.head if tok.head.i > tok.i else None
        if first is None or first.dep_ not in {"nsubj", "nsubjpass"}:
            continue
        conj = [c for c in first.children if c.dep_ == "conj"]
        nor = [c for c in first.children if c.lower_ == "nor"]
        if len(conj) != 1 or len(nor) != 1 or conj[0].right_edge.i - tok.i > 10:
            continue
        site = _negated(tok, nor[0], conj[0].right_edge.i + 1, first.head)
        if site:
            yield site


def _negated(neither: Token, nor: Token, verb_i: int, head: Token) -> Site | None:
    """The "both … and … have not" rewrite of the span from "neither" to the first verb."""
    doc = neither.doc
    if verb_i >= len(doc) - 1 or (doc[verb_i].head != head and doc[verb_i] != head):
        return None
    verb, after = doc[verb_i], doc[verb_i + 1]
    if after.lower_ in {"not", "n't"} or not verb.text.islower():
        return None
    if verb.dep_ in {"aux", "auxpass"} or verb.lemma_ == "be":
        negated = f"{NEG_AUX.get(verb.lower_, verb.text)} not"
    elif verb.tag_ in {"VBD", "VBZ", "VBP"} and verb.lemma_ not in {"be", "have"}:
        negated = f"{'did' if verb.tag_ == 'VBD' else 'do'} not {verb.lemma_.lower()}"
    else:
        return None
    both = "Both" if neither.text[0].isupper() else "both"
    middle = doc.text[neither.idx + len(neither) : nor.idx] + "and" + doc.text[nor.idx + len(nor) : verb.idx]
    return Site("NEG001", "neither-nor", neither.idx, verb.idx + len(verb), both + middle + negated)


def doubled_word(doc: Doc) -> Iterator[Site]:
    """TYP001: a short function word typed twice ("the the")."""
    skip = quoted(doc)
    for sent in doc.sents:
        for tok in sent:
            if tok.lower_ in DOUBLED and tok.text.islower() and _plain(tok, sent, skip) and _next_word(tok):
                end = tok.idx + len(tok)
                yield Site("TYP001", f"{tok.lower_} {tok.lower_}", tok.idx, end, f"{tok.text} {tok.text}")


FINDERS: tuple[Finder, ...] = (
    full_stop_inside,
    stranded_clause,
    paragraph_break,
    dropped_possessive,
    verb_form,
    subject_verb,
    determiner_noun,
    article,
    final_stop,
    neither_nor,
    doubled_word,
)
FAMILIES = (
    "FRG001",
    "FRG002",
    "FRG003",
    "POS001",
    "POS002",
    "VRB001",
    "AGR001",
    "AGR002",
    "ART001",
    "PUN001",
    "NEG001",
    "TYP001",
)


def sites(doc: Doc) -> list[Site]:
    """Every site any finder offers in one paragraph."""
    return [s for finder in FINDERS for s in finder(doc)]
