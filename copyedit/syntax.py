"""Questions about a parse that several rules ask: is this a clause, a fragment, a name?"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from copyedit import lexicon
from copyedit.nlp import TEXT, entity_iob, entity_type

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
SUBJECT_PRONOUNS = frozenset({"i", "we", "you", "he", "she", "it", "they"})
#: Entity types whose words keep their capital letter anywhere in a sentence.
NAME_ENTITIES = frozenset(
    {"PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "LANGUAGE"}
)
#: Parts of speech whose words are never names.
CLOSED_CLASSES = frozenset({"ADP", "SCONJ", "CCONJ", "DET", "PRON", "AUX", "PART"})


def having(doc: Doc, attr: str, values: frozenset[str]) -> Iterator[Token]:
    """The tokens of ``doc`` whose ``attr`` ("TAG", "LOWER", "DEP"…) is one of ``values``, in order. Only they become
    Token objects: iterating a Doc makes one for every token, a good part of the time of rules that look for a few
    words or tags."""
    ids = _ids(values)
    for i, value in enumerate(doc.to_array(attr).tolist()):
        if value in ids:
            yield doc[i]


@lru_cache(maxsize=128)
def _ids(values: frozenset[str]) -> frozenset[int]:
    from spacy.strings import get_string_id  # a symbol's ID ("aux"), else the string's hash, as Doc arrays hold

    return frozenset(get_string_id(v) for v in values)


def words(span: Span) -> list[Token]:
    """The span's tokens without spaces and punctuation."""
    return [t for t in span if not (t.is_space or t.is_punct)]


def has_main_verb(sent: Span) -> bool:
    """Whether the sentence has a finite verb (or an imperative root) outside embedded clauses."""
    root = sent.root
    if root.tag_ in FINITE_TAGS or (root.tag_ == "VB" and not any(c.dep_ == "aux" for c in root.children)):
        return True
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE_TAGS for c in root.children)


def has_subject(tok: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in tok.children)


def subject_before(verb: Token) -> bool:
    """Whether a subject of ``verb`` stands before it (one after it may be a misread object: "improved her")."""
    return any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") and c.i < verb.i for c in verb.children)


def is_main_clause(sent: Span) -> bool:
    """A declarative sentence: a finite root with its own subject, not introduced by a subordinator."""
    ws = words(sent)
    if not ws or ws[0].dep_ == "mark" or ws[0].tag_ in ("WDT", "WP", "WP$", "CC"):
        return False
    if not sent.text.rstrip().rstrip("\"'”’)]").endswith("."):
        return False  # a statement, perhaps inside a quotation ("They are for mankind.\"")
    # A subject pronoun and a finite verb open a clause whatever the parser attached them to
    # ("It has alarmed neighbouring countries." read as a noun phrase).
    if len(ws) > 2 and ws[0].lower_ in SUBJECT_PRONOUNS and ws[1].tag_ in FINITE_TAGS:
        return True
    return has_main_verb(sent) and has_subject(sent.root)


def is_common_word(word: str) -> bool:
    """Whether the lowercase word is in the dictionary of English word forms (names are not)."""
    from copyedit.inflection import getAllLemmas

    return bool(getAllLemmas(word.lower()))


def is_name(tok: Token) -> bool:
    """Whether a word is (part of) a name, so it keeps its capital letter in mid-sentence."""
    if tok.text == "I" or (len(tok.text) > 1 and tok.text.isupper()) or "." in tok.text:
        return True
    if not (tok.is_stop or tok.pos_ in CLOSED_CLASSES or is_common_word(tok.text)):
        return True
    if calendar_word(tok) and tok.pos_ in ("PROPN", "NOUN"):
        return True  # "in the three months to¶¶March": a month keeps its capital (not "May" the modal)
    # A capitalised common word ("Apple", "Commuters") is a name only if tagged and recognised as one, or if
    # it heads a run of capitalised words the recogniser missed ("Strait of Hormuz", "Bank of Ghana").
    if tok.tag_ not in ("NNP", "NNPS"):
        return False
    return entity_type(tok) in NAME_ENTITIES or _opens_capitalised_run(tok)


#: Months and days of the week: names wherever they stand.
_CALENDAR = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)


def calendar_word(tok: Token) -> bool:
    """A month or a day of the week ("February", "Monday")."""
    return tok.lower_ in _CALENDAR


def _opens_capitalised_run(tok: Token) -> bool:
    doc = tok.doc
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is not None and nxt.lower_ == "of" and nxt.i + 1 < len(doc):
        nxt = doc[nxt.i + 1]
    return nxt is not None and nxt.i > tok.i and nxt.tag_ in ("NNP", "NNPS") and nxt.text[:1].isupper()


def can_be_verb_form(word: str, tag: str) -> bool:
    """Whether ``word`` can be the verb form ``tag`` (VB, VBN, VBG…) of some English verb."""
    from copyedit.inflection import getAllInflections, getAllLemmas

    lower = word.lower()
    for lemma in getAllLemmas(lower).get("VERB", ()):
        forms = getAllInflections(lemma, upos="VERB")
        # lemminflect leaves out a participle that is the same as the past ("agreed")
        if lower in forms.get(tag, forms.get("VBD", ()) if tag == "VBN" else ()):
            return True
    return False


def joined_case(tok: Token) -> str:
    """The first letter ``tok`` takes once it stands in mid-sentence: a name keeps its capital, as does a common
    word that opens a person's name the recogniser finds ("The film starred. Will Smith"), and a word the
    dictionary lacks is no name where its block writes it in lower case elsewhere ("a dodgy Budget based on. Dodgy
    numbers")."""
    first = tok.text[:1]
    if not is_name(tok):
        return first if _opens_person(tok) else first.lower()
    written_lower = tok.text[1:].islower() and not is_common_word(tok.text)
    return first.lower() if written_lower and any(t.text == tok.lower_ for t in tok.doc) else first


def _opens_person(tok: Token) -> bool:
    """Whether a capitalised word begins a person's name of two words or more ("Will Smith", "Mark Thompson")."""
    doc = tok.doc
    if not tok.text.istitle() or tok.i + 1 >= len(doc) or not doc[tok.i + 1].text.istitle():
        return False
    return entity_type(tok) == "PERSON" and entity_iob(doc[tok.i + 1]) == "I"


#: Marks that may stand around a word of a heading ("‘HEARTBROKEN’", "(VIDEO)").
_AROUND_WORD = "\"'“”‘’()[]:;,.!?"
#: Short words a title-case line leaves in lower case ("Scroll Down for Video").
_TITLE_MINOR = frozenset({"a", "an", "the", "and", "or", "nor", "but", "of", "in", "on", "at", "to", "for", "by", "as"})
#: A one-line paragraph this short, with no clause of its own, may be a heading in all but markup.
HEADING_WORDS = 8


def opens_in_capitals(text: str) -> bool:
    """Whether ``text`` opens with a run of words in capitals ("PRIVATE JETS", "AFTER THE SPLIT"): a subhead or
    a label, not a sentence. Two words or more, two of them dictionary words of three letters or more, so that a
    run of initialisms ("US FDA", "BBC NEWS") does not count."""
    run: list[str] = []
    for raw in text.split():
        word = raw.strip(_AROUND_WORD)
        if not word or not word.isupper():
            break
        run.append(word)
        if raw.rstrip("\"'”’)").endswith((".", "!", "?")):
            break
    common = [part for word in run for part in word.split("-") if len(part) >= 3 and is_common_word(part)]
    return len(run) >= 2 and len(common) >= 2


def looks_like_heading(block: Doc, following: Doc | None) -> bool:
    """Whether a one-line paragraph is a heading, caption or standalone line in all but markup ("PRIVATE JETS",
    "Scroll Down For Video", "Identifying body language"): in capitals, in title case, or short with no clause of
    its own, and followed by a paragraph of prose, which it opens. Such a line is no broken sentence.

    A line that stops on a word no sentence or heading ends on (an article, a conjunction, "its") is cut off."""
    text = doc_text(block).strip()
    if not text or "\n" in text or following is None or not len(block) or not _opens_prose(following):
        return False
    ws = words(block[:])
    if not ws or ws[-1].lower_ in lexicon.load("sentence_open_words").get(ws[-1].tag_, ()):
        return False
    if opens_in_capitals(text) and not any(c.islower() for c in text):
        return True
    if _title_case(ws):
        return True
    return len(ws) <= HEADING_WORDS and not any(_declares(sent) for sent in block.sents)


def _title_case(ws: list[Token]) -> bool:
    """Whether every word after the first is capitalised but for short ones ("Scroll Down for Video"), and two of
    them at least are dictionary words, so that a line of names ("Jane Smith, Tony Blair") does not count."""
    rest = [t for t in ws[1:] if t.is_alpha]
    if len(rest) < 2 or any(t.text[0].islower() and t.lower_ not in _TITLE_MINOR for t in rest):
        return False
    return sum(t.text[0].isupper() and is_common_word(t.text) for t in rest) >= 2


def _declares(sent: Span) -> bool:
    """Whether a sentence is a statement with its own subject and finite verb (not a wh-line: "Why she quit")."""
    ws = words(sent)
    wh = bool(ws) and (ws[0].tag_ in ("WDT", "WP", "WP$", "WRB"))
    return not wh and has_main_verb(sent) and has_subject(sent.root)


def _opens_prose(doc: Doc) -> bool:
    """Whether a block is a paragraph of prose: its first sentence a whole one, opening with a capital (after any
    quote mark), and the block closed by punctuation."""
    text = doc_text(doc).strip()
    if not text or not text.endswith((".", "!", "?", '"', "”", "’", "'")):
        return False
    first = next(iter(doc.sents))
    ws = words(first)
    if len(ws) < 4 or not ws[0].text[:1].isupper():
        return False
    pronoun_first = ws[0].lower_ in SUBJECT_PRONOUNS and ws[1].tag_ in FINITE_TAGS
    return has_main_verb(first) and (has_subject(first.root) or pronoun_first)


@dataclass(frozen=True)
class Fragment:
    """A sentence that is only part of one: its kind and the word that introduces it."""

    kind: str  # "subordinate" | "relative" | "participial" | "prepositional" | "comparative"
    lead: Token


RELATIVE_PRONOUNS = frozenset({"which", "who", "whom", "whose"})


def _stray_finite(sent: Span, root: Token) -> bool:
    """Whether a second clause stands in the sentence: a finite verb outside the root's own verb group that is
    not plainly embedded ("If she is sure she will run" parses as one clause but holds two)."""
    for t in sent:
        if t.tag_ not in FINITE_TAGS or t == root or (t.head == root and t.dep_.startswith("aux")):
            continue
        verb = t.head if t.dep_.startswith("aux") else t
        if _shared_subject(verb, root):
            continue  # "Who made his debut but has been dropped": a second predicate of the same clause
        if not _plainly_embedded(verb):
            return True
    return False


def _shared_subject(verb: Token, root: Token) -> bool:
    """Whether ``verb`` is a predicate coordinated with the root's that has no subject of its own: it shares the
    root's, and so its clause."""
    return (
        verb.dep_ == "conj"
        and verb.head == root
        and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)
    )


_RELATIVE_TAGS = ("WDT", "WP", "WP$")


def _plainly_embedded(verb: Token) -> bool:
    """A relative clause with its relative word, a clause with its own "that"/"if", or a reported clause
    straight after its verb ("said they had")."""
    for clause in [verb, *verb.ancestors]:
        marked = any(c.dep_ == "mark" or c.tag_ in ("WDT", "WP", "WP$", "WRB") for c in clause.children)
        # "whose sales have slumped", "in which it trades": the relative word inside a phrase before the verb
        marked = marked or (clause.dep_ == "relcl" and any(t.tag_ in _RELATIVE_TAGS for t in clause.left_edge.subtree))
        if clause.dep_ in ("relcl", "ccomp", "advcl") and marked:
            return True
        if _content_clause(clause):
            return True  # a noun's own clause: "(following) allegations that he had lied"
        reported = clause.head.lemma_ in lexicon.load("reporting_verbs")["lemmas"]
        if clause.dep_ == "ccomp" and reported and clause.left_edge.i <= clause.head.i + 2:
            return True
        if clause.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children):
            continue  # a second predicate shares the clause of the verb it joins ("said it favoured X and did Y")
        if clause.dep_ in ("relcl", "ccomp", "advcl", "conj", "ROOT"):
            return False
    return False


def fragment(sent: Span) -> Fragment | None:
    """What kind of stranded clause or phrase ``sent`` is, or None for a sentence that stands on its own.

    Conservative by design: a parse that leaves any doubt (a comma before the clause's verb, a second
    finite verb) is taken for a whole sentence.
    """
    ws = words(sent)
    if len(ws) < 3 or not sent.text.rstrip().endswith(".") or not ws[0].text[0].isupper():
        return None
    if any("?" in t.text or "!" in t.text for t in sent) or opens_in_capitals(sent.text):
        return None  # a question or exclamation run into the next sentence ("…pick?The"); a subhead in capitals
    lead, root = ws[0], sent.root
    if lead.lower_ in ("which", "who") and lead.tag_ in ("WDT", "WP") and _relative_then_predicate(sent):
        return Fragment("relative", lead)  # "Shares in the bank. Which was founded in 1990, rose 5%."
    listing = lead.lower_ in lexicon.load("subordinators")["listing_participles"] and lead.tag_ == "VBG"
    if listing and _listing_then_predicate(sent):
        return Fragment("participial", lead)  # "Four players. Including Smith, are ready."
    if _stray_finite(sent, root):
        return None
    if lead.lower_ in RELATIVE_PRONOUNS and lead.tag_ in ("WDT", "WP", "WP$"):
        return Fragment("relative", lead) if _relative(lead, root) else None
    opener = ws[1] if ws[0].lower_ == "even" else ws[0]
    if _inverted_as(opener, root):
        return Fragment("comparative", opener)  # "As did his brother.": it follows the clause it compares
    if opener.dep_ == "mark" or (opener.tag_ == "WRB" and opener.dep_ == "advmod"):
        lone = _lone_subordinate(opener, root) or _subordinate_participle(opener, root)
        return Fragment("subordinate", opener) if lone else None
    if has_main_verb(sent) or has_subject(root) or _clause_after_comma(sent):
        return None
    # (a clause the participle reports is its own: "Adding it will close two plants.", "Saying that talks failed.")
    reported = {t.i for c in lead.children if c.dep_ == "ccomp" for t in c.subtree}
    if (
        lead == root
        and lead.tag_ in ("VBG", "VBN")
        and not any(t.tag_ in FINITE_TAGS and t.i not in reported for t in _outside_relatives(sent))
    ):
        return Fragment("participial", lead)
    if lead == root and lead.tag_ == "IN" and any(c.dep_ in ("pobj", "pcomp") for c in lead.children):
        return Fragment("prepositional", lead)
    return None


def _inverted_as(opener: Token, root: Token) -> bool:
    """ "As" before an auxiliary and its subject, and nothing else of a clause ("As did his brother.", "As have
    rents, which rose 5%."): an inverted comparison, which always follows the clause it compares to."""
    if opener.lower_ != "as" or opener.head != root or root.i != opener.i + 1:
        return False
    if root.lemma_ not in ("do", "have", "be") and root.tag_ != "MD":
        return False
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass", "expl")]
    if not subjects and root.lemma_ in ("have", "do"):
        # "As have rents.": with no subject, the parse reads the inverted one as the verb's object
        subjects = [c for c in root.children if c.dep_ == "dobj"]
    if len(subjects) != 1 or subjects[0].i < root.i:
        return False
    return not any(t.tag_ in FINITE_TAGS and t != root for t in _outside_relatives(opener.sent))


def _relative_then_predicate(sent: Span) -> bool:
    """A relative clause closed by a comma, then a verb phrase with no subject: the relative clause and the
    predicate of a subject that the stop cut off ("Which was founded in 1990, rose 5%."). The clause may hold
    commas of its own ("Which makes cars, vans and lorries, said…"): the first comma after which a finite verb
    follows closes it."""
    if not sent.text.rstrip().endswith("."):
        return False
    for comma in (t for t in sent if t.text == "," and t.i + 3 < sent.end):
        clause, verb = sent.doc[sent.start : comma.i], verb_after_comma(comma, sent)
        if verb.tag_ not in FINITE_TAGS or not any(t.tag_ in FINITE_TAGS for t in clause):
            continue  # a comma inside the relative clause ("founded in 1990 by Smith, Jones and Brown")
        # not "Which was a relief, it said.": the verb after the comma has no subject of its own
        return subjectless_after(verb, comma)
    return False


def _listing_then_predicate(sent: Span) -> bool:
    """A phrase with no finite verb, closed by a comma, then a verb phrase with no subject, or a reporting verb
    with its subject and nothing else: the phrase and the rest of a sentence the stop cut ("Including Smith,
    are ready to play.", "Including the Federal Reserve, dealers said."). The phrase may hold a list: its last
    comma before the first finite verb closes it ("Including Smith, Jones and Brown, are ready.")."""
    first = next((t.i for t in sent if t.tag_ in FINITE_TAGS), sent.end)
    commas = [t for t in sent.doc[sent.start : first] if t.text == ","]
    # a list's commas before the one that closes the phrase: items with no verb ("Including the tax, the coins
    # traded today at 906 marks, they said." holds a clause, not a list: its first comma closes the phrase)
    listed = commas and not any(t.pos_ in ("VERB", "AUX") for t in sent.doc[commas[0].i : commas[-1].i])
    comma = (commas[-1] if listed else commas[0]) if commas else None
    if comma is None or comma.i + 2 >= sent.end:
        return False
    if comma.i - 1 not in {t.i for t in words(sent)[0].subtree}:
        return False  # the comma must close the participle's own phrase
    verb = verb_after_comma(comma, sent)
    if verb.tag_ in FINITE_TAGS:
        return subjectless_after(verb, comma)
    tail = sent.doc[comma.i + 1 : sent.end]
    verbs = [t for t in tail if t.tag_ in FINITE_TAGS]
    reported = len(verbs) == 1 and verbs[0].lemma_ in lexicon.load("reporting_verbs")["lemmas"]
    return reported and len(words(tail)) <= 4 and not any(c.dep_ in ("dobj", "ccomp") for c in verbs[0].children)


def verb_after_comma(comma: Token, sent: Span) -> Token:
    """The word after a comma, past adverbs ("Which begins in May, also remains in doubt.")."""
    verb = sent.doc[comma.i + 1]
    while verb.tag_ == "RB" and verb.i + 1 < sent.end and verb.dep_ in ("advmod", "neg"):
        verb = sent.doc[verb.i + 1]
    return verb


def subjectless_after(verb: Token, comma: Token) -> bool:
    """Whether the verb group after a comma heads its clause there and has no subject of its own after the comma."""
    head = verb.head if verb.dep_.startswith("aux") else verb
    subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "expl") and c.i > comma.i]
    return head.i > comma.i and not subjects


def _relative(lead: Token, root: Token) -> bool:
    """Whether a wh-word opens a relative clause that is all the sentence holds, but for a tag that reports it
    ("Which was a relief, she said."). "Which" before a noun or "of" asks ("Which reforms will survive…", "Which
    of them…"), and a wh-clause that another verb takes as its object or subject ("Who will replace him, nobody
    knows") makes a whole sentence."""
    nxt = lead.doc[lead.i + 1] if lead.i + 1 < len(lead.doc) else None
    if lead.lower_ == "which" and (lead.dep_ == "det" or (nxt is not None and nxt.lower_ == "of" and nxt.head == lead)):
        return False
    clause = lead.head
    while clause.pos_ not in ("VERB", "AUX") and clause.head != clause:
        clause = clause.head
    saying = lexicon.load("stray_stops")["saying_verbs"]
    reported = clause.dep_ == "ccomp" and clause.head == root and root.lemma_ in saying
    # the verb of saying after the clause ("Which was a relief, she said.") or inside it with its subject, right
    # after the relative word ("Which it says will boost jobs.", "Which he said was started by…")
    inside = lead.i < root.i < clause.i and any(c.dep_ == "nsubj" and c.i == lead.i + 1 for c in root.children)
    return clause == root or (reported and (root.i > clause.i or inside))


def _lone_subordinate(mark: Token, root: Token) -> bool:
    """Whether a subordinate clause is all the sentence holds: its subject straight after the subordinator,
    no comma before its verb, and no modal anywhere (a modal marks the main clause of "If X(,) Y could …",
    however the parse attaches it)."""
    if root.head != root or root.pos_ not in ("VERB", "AUX"):
        return False
    if mark.head != root and not (mark.tag_ == "WRB" and _in_complement(mark.head, root)):
        return False  # a wh-adverb may hang on the verb the main one takes ("Where they are expected to be held")
    subjects = [c for c in root.children if c.dep_.startswith("nsubj") or c.dep_ == "expl"]
    if not subjects or subjects[0].left_edge.i != mark.i + 1:
        return False
    if entity_type(root.doc[mark.i + 1]) in ("DATE", "TIME") and entity_type(subjects[0]) not in ("DATE", "TIME"):
        return False  # "Since last August Smart has led the talks": a preposition before a main clause
    if any(t.text == "," and not _set_off(t, subjects[0]) for t in root.doc[mark.i : root.i]):
        return False
    return not any(t.tag_ == "MD" and not _reported(t, root) for t in root.sent)


def _set_off(comma: Token, subject: Token) -> bool:
    """Whether a comma sets off an apposition or a relative clause of the subject, inside the subject's phrase
    and closing it before the verb ("Although Mr Jacobsen, 21, managed…", "While Smith, who…, resigned")."""
    if not subject.left_edge.i < comma.i <= subject.right_edge.i:
        return False
    inserted = [
        c for c in subject.children if c.dep_ == "appos" or (c.dep_ == "relcl" and c.left_edge.tag_ in _RELATIVE_TAGS)
    ]
    return bool(inserted) and subject.doc[subject.right_edge.i].text == ","


def _in_complement(verb: Token, root: Token) -> bool:
    """Whether ``verb`` is the root's open complement, or one of that complement's, with no subject of its own."""
    while verb.dep_ == "xcomp" and not any(c.dep_.startswith("nsubj") for c in verb.children):
        verb = verb.head
        if verb == root:
            return True
    return False


def _subordinate_participle(mark: Token, root: Token) -> bool:
    """Whether a subordinator and a participle with no subject are all the sentence holds ("When asked about
    the deal.", "Although not yet making a profit in Asia.", "As expected."): a clause with no main clause."""
    if root.head != root or mark.head != root or root.tag_ not in ("VBG", "VBN"):
        return False
    if any(c.dep_.startswith("nsubj") or c.dep_ in ("expl", "csubj") for c in root.children):
        return False
    return not any(t.tag_ in FINITE_TAGS for t in _outside_relatives(root.sent))


def _reported(modal: Token, root: Token) -> bool:
    """Whether a modal stands in a clause reported by the root, straight after it ("While leaders said they
    would strike"): it belongs to the reported words, not to a main clause the parse hung on the root."""
    clause = modal.head
    reporting = root.lemma_ in lexicon.load("reporting_verbs")["lemmas"]
    return reporting and clause.dep_ == "ccomp" and clause.head == root and clause.left_edge.i <= root.i + 2


def _outside_relatives(sent: Span) -> list[Token]:
    """The sentence's tokens outside relative clauses introduced by a relative pronoun, and outside a noun's
    "that" clause ("allegations that he had lied")."""
    inside: set[int] = set()
    for t in sent:
        relative = t.dep_ == "relcl" and any(c.tag_ in ("WDT", "WP", "WP$") for c in t.subtree)
        if relative or _content_clause(t):
            inside.update(c.i for c in t.subtree)
    return [t for t in sent if t.i not in inside]


def _content_clause(clause: Token) -> bool:
    """Whether a clause with its own "that" completes the noun a preposition governs ("following allegations that
    he had lied"). Not a subject's or an apposition's ("the fact that it held above 50 shows…"), where the parse
    may have taken the sentence's own verb into the clause."""
    noun = clause.head
    marked = any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)
    return clause.dep_ == "acl" and noun.pos_ == "NOUN" and noun.dep_ == "pobj" and marked


def _clause_after_comma(sent: Span) -> bool:
    """Whether a comma is followed by a word that can be a finite verb: a preposed phrase and its main clause."""
    seen_comma = False
    for t in _outside_relatives(sent):  # "Including Ford, which it bought in 1989." holds no main clause
        if t.text == ",":
            seen_comma = True
        elif (
            seen_comma
            and t.is_alpha
            and not t.is_stop
            and t.tag_ not in ("NNP", "NNPS", "VBG", "VBN")
            and any(can_be_verb_form(t.text, tag) for tag in ("VBZ", "VBD", "VBP"))
        ):
            return True
    return False


def in_quotation(tok: Token) -> bool:
    """Whether ``tok`` stands inside quotation marks (curly or straight) opened earlier in its block."""
    return quoted_at(tok.doc, tok.idx)


def quoted_at(doc: Doc, pos: int) -> bool:
    """Whether character ``pos`` of the block stands inside quotation marks opened earlier in it. Straight marks
    pair up in turn, but a block whose first straight mark closes a quotation (after a word, before a space or
    punctuation: `further," he said.`) opened inside one, before it begins: that mark pairs with none of its own."""
    text = doc_text(doc)
    before = text[:pos]
    if before.count("“") > before.count("”"):
        return True
    marks = before.count('"')
    first = text.find('"')
    if marks and _STRAIGHT_CLOSES.match(text, first) and not _STRAIGHT_OPENS.match(text, first):
        marks -= 1
    return marks % 2 == 1


#: A straight mark that opens a quotation: at the start or after a space, bracket or dash, before no space.
_STRAIGHT_OPENS = re.compile(r'(?:^|(?<=[\s(\[—–-]))"(?=\S)')
#: A straight mark that closes one: after no space, before a space, punctuation or the end.
_STRAIGHT_CLOSES = re.compile(r'(?<=\S)"(?=$|[\s.,;:!?)\]—–-])')


def doc_text(doc: Doc) -> str:
    """``doc.text``, kept on the Doc: spaCy joins every token's text again each time it is asked."""
    text = doc.user_data.get(TEXT)
    if text is None:
        text = doc.user_data[TEXT] = doc.text
    return text


#: A single quotation mark, curly or straight.
_SINGLE_MARK = re.compile(r"['‘’]")
#: A single mark that opens a quotation: at the start or after a space, bracket or dash, before a letter.
_SINGLE_OPENS = re.compile(r"(?:^|(?<=[\s(\[“\"—–-]))['‘](?=[^\W\d_])")
#: A single mark that may close one: after a letter or punctuation, not inside a word ("Russia’s").
_SINGLE_CLOSES = re.compile(r"(?<=\S)['’](?![^\W\d_])")
#: A plural possessive ("the fans’ support"), which closes nothing.
_PLURAL_POSSESSIVE = re.compile(r"(?<=[^\W\d_]s)['’](?= [^\W\d_]*[a-z])")


def in_direct_quotation(tok: Token) -> bool:
    """Whether ``tok`` stands inside a quotation opened earlier in its block, in double marks or in the single
    ones of British news style (‘…’ or '…'), which apostrophes make harder to pair than double ones."""
    if quoted_at(tok.doc, tok.idx):
        return True
    text, inside = doc_text(tok.doc), False
    for mark in _SINGLE_MARK.finditer(text, 0, tok.idx):
        at = mark.start()
        if not inside and _SINGLE_OPENS.match(text, at):
            inside = True
        elif inside and _SINGLE_CLOSES.match(text, at) and not _PLURAL_POSSESSIVE.match(text, at):
            inside = False
    return inside
