"""Questions about a parse that several rules ask: is this a clause, a fragment, a name?"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from copyedit import lexicon
from copyedit.nlp import entity_type

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


def is_main_clause(sent: Span) -> bool:
    """A declarative sentence: a finite root with its own subject, not introduced by a subordinator."""
    ws = words(sent)
    if not ws or ws[0].dep_ == "mark" or ws[0].tag_ in ("WDT", "WP", "WP$", "CC"):
        return False
    if not sent.text.rstrip().endswith("."):
        return False
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
    # A capitalised common word ("Apple", "Commuters") is a name only if tagged and recognised as one, or if
    # it heads a run of capitalised words the recogniser missed ("Strait of Hormuz", "Bank of Ghana").
    if tok.tag_ not in ("NNP", "NNPS"):
        return False
    return entity_type(tok) in NAME_ENTITIES or _opens_capitalised_run(tok)


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
        if lower in getAllInflections(lemma, upos="VERB").get(tag, ()):
            return True
    return False


def joined_case(tok: Token) -> str:
    """The first letter ``tok`` takes once it stands in mid-sentence."""
    first = tok.text[:1]
    return first if is_name(tok) else first.lower()


@dataclass(frozen=True)
class Fragment:
    """A sentence that is only part of one: its kind and the word that introduces it."""

    kind: str  # "subordinate" | "relative" | "participial" | "prepositional"
    lead: Token


RELATIVE_PRONOUNS = frozenset({"which", "who", "whom", "whose"})


def _stray_finite(sent: Span, root: Token) -> bool:
    """Whether a second clause stands in the sentence: a finite verb outside the root's own verb group that is
    not plainly embedded ("If she is sure she will run" parses as one clause but holds two)."""
    for t in sent:
        if t.tag_ not in FINITE_TAGS or t == root or (t.head == root and t.dep_.startswith("aux")):
            continue
        verb = t.head if t.dep_.startswith("aux") else t
        if not _plainly_embedded(verb):
            return True
    return False


def _plainly_embedded(verb: Token) -> bool:
    """A relative clause with its relative word, a clause with its own "that"/"if", or a reported clause
    straight after its verb ("said they had")."""
    for clause in [verb, *verb.ancestors]:
        marked = any(c.dep_ == "mark" or c.tag_ in ("WDT", "WP", "WP$", "WRB") for c in clause.children)
        if clause.dep_ in ("relcl", "ccomp", "advcl") and marked:
            return True
        reported = clause.head.lemma_ in lexicon.load("reporting_verbs")["lemmas"]
        if clause.dep_ == "ccomp" and reported and clause.left_edge.i <= clause.head.i + 2:
            return True
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
    lead, root = ws[0], sent.root
    if _stray_finite(sent, root):
        return None
    if lead.lower_ in RELATIVE_PRONOUNS and lead.tag_ in ("WDT", "WP", "WP$"):
        return Fragment("relative", lead)
    opener = ws[1] if ws[0].lower_ == "even" else ws[0]
    if opener.dep_ == "mark" or (opener.tag_ == "WRB" and opener.dep_ == "advmod"):
        return Fragment("subordinate", opener) if _lone_subordinate(opener, root) else None
    if has_main_verb(sent) or has_subject(root) or _clause_after_comma(sent):
        return None
    if (
        lead == root
        and lead.tag_ in ("VBG", "VBN")
        and not any(t.tag_ in FINITE_TAGS for t in _outside_relatives(sent))
    ):
        return Fragment("participial", lead)
    if lead == root and lead.tag_ == "IN" and any(c.dep_ in ("pobj", "pcomp") for c in lead.children):
        return Fragment("prepositional", lead)
    return None


def _lone_subordinate(mark: Token, root: Token) -> bool:
    """Whether a subordinate clause is all the sentence holds: its subject straight after the subordinator,
    no comma before its verb, and no modal anywhere (a modal marks the main clause of "If X(,) Y could …",
    however the parse attaches it)."""
    if root.head != root or mark.head != root or root.pos_ not in ("VERB", "AUX"):
        return False
    subjects = [c for c in root.children if c.dep_.startswith("nsubj") or c.dep_ == "expl"]
    if not subjects or subjects[0].left_edge.i != mark.i + 1:
        return False
    if entity_type(root.doc[mark.i + 1]) in ("DATE", "TIME") and entity_type(subjects[0]) not in ("DATE", "TIME"):
        return False  # "Since last August Smart has led the talks": a preposition before a main clause
    if any(t.text == "," for t in root.doc[mark.i : root.i]):
        return False
    return not any(t.tag_ == "MD" for t in root.sent)


def _outside_relatives(sent: Span) -> list[Token]:
    """The sentence's tokens outside relative clauses introduced by a relative pronoun."""
    inside: set[int] = set()
    for t in sent:
        if t.dep_ == "relcl" and any(c.tag_ in ("WDT", "WP", "WP$") for c in t.subtree):
            inside.update(c.i for c in t.subtree)
    return [t for t in sent if t.i not in inside]


def _clause_after_comma(sent: Span) -> bool:
    """Whether a comma is followed by a word that can be a finite verb: a preposed phrase and its main clause."""
    seen_comma = False
    for t in sent:
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
    """Whether character ``pos`` of the block stands inside quotation marks opened earlier in it."""
    before = doc_text(doc)[:pos]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def doc_text(doc: Doc) -> str:
    """``doc.text``, kept on the Doc: spaCy joins every token's text again each time it is asked."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


_TEXT = "copyedit.text"
