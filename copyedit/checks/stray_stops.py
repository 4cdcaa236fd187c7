"""FRG001: a full stop dropped inside a sentence, after a word that cannot end one."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING

from copyedit import lexicon, triggers
from copyedit.inflection import getAllLemmas, getInflection
from copyedit.model import Finding, Safety
from copyedit.nlp import entity_type
from copyedit.rule import Context, Example, rule
from copyedit.syntax import (
    FINITE_TAGS,
    SUBJECT_PRONOUNS,
    can_be_verb_form,
    doc_text,
    has_main_verb,
    in_quotation,
    is_common_word,
    is_main_clause,
    joined_case,
    opens_in_capitals,
    subject_before,
    words,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_WH_TAGS = ("WDT", "WP", "WRB")
#: Wh-adverbs that leave no noun phrase out, so strand no preposition ("when traders looked at. Their screens…").
_NO_GAP = frozenset({"when", "whenever", "why"})
_OBJECTS = ("pobj", "pcomp")


def stop_gap(left: Span, right: Span) -> tuple[Token, Token] | None:
    """The full stop that ends ``left`` and the first word of ``right``, when nothing else stands between."""
    stop, first = left[-1], right[0]
    if stop.text != "." or not first.text[0].isalpha() or not first.text[0].isupper():
        return None
    if doc_text(left.doc)[stop.idx + 1 : first.idx].strip():
        return None
    return stop, first


def _verb_continues(aux: Token, first: Token) -> bool:
    """Whether ``first`` is the verb form that the auxiliary or "to" ending the previous part asks for."""
    if aux.tag_ == "TO" or aux.tag_ == "MD":
        wanted = "VB"
    elif aux.lemma_ == "have" and aux.dep_ in ("aux", "ROOT", "relcl", "ccomp", "conj", "punct", "dep"):
        wanted = "VBN"
    else:
        return False
    return first.tag_ == wanted or can_be_verb_form(first.text, wanted)


def cannot_end(last: Token, left: Span, right: Span) -> bool:
    """Whether ``last`` cannot end ``left`` here, given that ``right`` could be its continuation."""
    if last.lower_ in lexicon.load("sentence_open_words").get(last.tag_, ()):
        return True
    if last.lower_ in lexicon.load("stray_stops")["focusing_adverbs"] and last.i > 0:
        return last.doc[last.i - 1].text == ","  # "…countries, particularly¶¶In Africa": the phrase it points at
    infinitive = last.lower_ == "to"  # whatever its tag: the tagger reads a final "to" as a preposition too
    if last.tag_ in ("TO", "MD") or last.lemma_ == "have" or infinitive:
        # (a subject counts before its verb: "has¶¶improved her standing" may parse "her" as one); an adverb in
        # "-ly" may stand first ("has. Effectively given Japan six weeks")
        verb = _past_adverbs(right)
        if verb is not None and _verb_continues(last, verb) and not subject_before(right.root):
            return True
        own = any(c.dep_ in ("nsubj", "nsubjpass") for c in right[0].children)
        if infinitive and right[0].tag_ == "VB" and not own and _gap(last, left) is None:
            return True  # "plans to¶¶Expand the business, the firm said": the verb's clause has no subject
        if not infinitive:
            return False  # "to" may be a preposition too: "a message to. The new government"
    if last.lemma_ == "be" and (last.tag_ in ("VBZ", "VBP", "VBD") or _after_auxiliary(last)):
        return _be_cut(last, right)
    if last.lower_ == "that":
        return _that_wants_clause(last, right)
    if last.tag_ in ("VBD", "VBZ", "VBP") and last.lemma_ in lexicon.load("stray_stops")["clause_verbs"]:
        return _says_nothing(last, left, right)
    if any(c.dep_ in _OBJECTS for c in last.children) or last.lower_ not in triggers.words("prepositions"):
        return False
    if right[0].lower_ in ("which", "whom"):
        return _relative_object(last, right)
    if not _opens_noun_phrase(right[0]):
        return False
    if last.tag_ == "RP" or last.dep_ == "prt":
        # (no word the tagger reads as a verb at all: a verb it read as a noun leaves "hang in." a particle)
        verbless = not any(t.tag_.startswith("VB") or t.tag_ == "MD" for t in left) and len(words(left)) >= 4
        if verbless and last.lower_ not in lexicon.load("doubled_words")["particles"]:
            return True  # "Total investment by the group in. The communications sector…": no verb to be a particle of
        # A particle may end its verb phrase ("took the city over"); one cut from its noun leaves a verbless part
        # longer than a deliberate fragment ("A bloody coup.").
        cut = not adjacent(last, last.head) and _gap(last, left) is None
        return (cut and _verbless(right) and len(words(right)) >= 4) or _opening_participle_cut(last, left, right)
    return last.tag_ in ("IN", "TO") and _wants_object(last, left, right)


def _past_adverbs(right: Span) -> Token | None:
    """The first word of ``right`` past adverbs in "-ly" ("Effectively given…"), or None when only adverbs stand."""
    return next((t for t in right if not (t.tag_ == "RB" and t.lower_.endswith("ly"))), None)


def _after_auxiliary(be: Token) -> bool:
    """Whether a "be" or "been" is a verb group's last word after an auxiliary of its own ("may be", "has been")."""
    return be.tag_ in ("VB", "VBN") and any(c.dep_ == "aux" and c.i < be.i for c in be.children)


def _be_cut(be: Token, right: Span) -> bool:
    """Whether a finite "be" that ends its part was cut from the participle after it: nothing of its own follows
    it, and the next part opens with a participle and has no subject anywhere ("…beet plantings are. Expected to
    show little change", "the sale was. Opposed by the department"); not "That is how things are. Asked about it,
    he said…", where the next part has its own subject."""
    if any(c.i > be.i and not c.is_punct for c in be.children) or right[0].tag_ not in ("VBN", "VBG"):
        return False
    if not any(c.dep_ in ("nsubj", "nsubjpass") and c.i < be.i for c in be.children) or be.dep_ != "ROOT":
        return False  # "Where are. Expected…", "That is how things are. Asked…": no main clause of "be" to go on
    # (the subject of a source after a comma at the end is not the clause's: "Expected to show …, analysts said")
    root, source = right.root, _source_comma(right) is not None
    return not any(t.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") and not (source and t.head == root) for t in right)


def _source_comma(part: Span) -> Token | None:
    """The comma before a source that closes ``part`` ("…, analysts said."): a verb of saying as its root, its
    subject after that comma, and nothing after the verb but punctuation ("…, he said nothing" is a clause)."""
    root, doc = part.root, part.doc
    if root.lemma_ not in lexicon.load("stray_stops")["clause_verbs"] or root.i <= part.start:
        return None
    sources = [c for c in root.children if c.dep_ == "nsubj" and c.left_edge.i > part.start]
    if not sources or doc[sources[0].left_edge.i - 1].text != ",":
        return None
    if not all(t.is_punct for t in doc[root.i + 1 : part.end]):
        return None
    return doc[sources[0].left_edge.i - 1]


def _opening_participle_cut(last: Token, left: Span, right: Span) -> bool:
    """Whether a part is only an opening participle and its particle, with no subject or finite verb, and the
    next opens with a noun phrase, a comma and the clause the participle opens ("Commenting on. The Paris
    accord, Gleske said…"): the stop cut the participle from its object, and no sentence is a participle alone."""
    ws = words(left)
    head = last.head
    if not ws or head != ws[0] or head.tag_ not in ("VBG", "VBN") or any(t.tag_ in FINITE_TAGS for t in left):
        return False
    comma = next((t for t in right if t.text == ","), None)
    if comma is None or any(t.pos_ in ("VERB", "AUX") for t in right.doc[right.start : comma.i]):
        return False
    if any(entity_type(t) in ("DATE", "TIME") or t.dep_ == "npadvmod" for t in right.doc[right.start : comma.i]):
        return False  # "Carrying on. The next day, they…": a time opens the sentence, not the particle's object
    rest = right.doc[comma.i + 1 : right.end]
    return any(t.dep_ in ("nsubj", "nsubjpass") and t.head.tag_ in FINITE_TAGS for t in rest)


def _that_wants_clause(that: Token, right: Span) -> bool:
    """ "suggesting that.", "concerns that.", "but said that." want the clause that follows; "doing that.",
    "Nobody expected that." are done (a pronoun object)."""
    head = that.head
    if not is_main_clause(right):
        return False
    if head.pos_ == "NOUN":
        return True
    prev = that.doc[that.i - 1] if that.i > 0 else None
    if prev is not None and prev.lower_ in ("and", "but") and that.dep_ == "conj" and head.dep_ == "ccomp":
        return True  # "said the deal was done and that. He would…": a second reported clause, cut off
    if _copula_that(that):
        return True  # "The problem is that. Prices have risen": a noun's content clause, cut off
    predicate = prev is not None and prev.pos_ == "ADJ" and prev.dep_ == "acomp"  # "It is clear that."
    content = prev is not None and prev.pos_ == "NOUN" and prev.head != that  # "the fact that.", however hung
    if (predicate or content) and prev.text.islower():
        return True  # not "more than double that.", where "that" is the pronoun a number word modifies
    bare = not any(c.dep_.startswith("aux") for c in head.children)
    if head.tag_ in ("VBG", "VBN") and bare:
        return head.lemma_ in lexicon.load("reporting_verbs")["lemmas"]
    # A verb of saying takes "so", not the pronoun "that", as its object in reported prose: "said that." is cut.
    saying = head.lemma_ in lexicon.load("stray_stops")["saying_verbs"] and head.pos_ == "VERB"
    negated = any(c.dep_ == "neg" for c in head.children)
    return saying and that.dep_ == "dobj" and not negated and not in_quotation(that)


def _copula_that(that: Token) -> bool:
    """ "that" straight after "is" or "was" whose subject is a common noun ("The problem is that.", "The worry was
    that."): a noun such as "problem" is defined by the clause that follows, which no sentence leaves out."""
    be = that.head
    if that.dep_ != "attr" or be.lemma_ != "be" or be.i != that.i - 1 or be.tag_ not in ("VBZ", "VBD"):
        return False
    subjects = [c for c in be.children if c.dep_ == "nsubj"]
    return len(subjects) == 1 and subjects[0].pos_ == "NOUN" and not in_quotation(that)


def _says_nothing(verb: Token, left: Span, right: Span) -> bool:
    """Whether a verb that reports a clause ends its sentence with nothing reported ("The minister said. The
    plan would go ahead"): its subject before it, no object, clause or "so" of its own, no quotation before it
    ("'We will win,' he said."), and a whole clause after the stop."""
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if verb != left.root or len(subjects) != 1 or subjects[0].left_edge != left[0]:
        return False  # "…in 1986, Nowicki said.": the clause before the subject is what it reports
    before = left.doc[left.start - 1] if left.start > 0 else None
    if before is not None and (before.is_quote or before.text in ("?", "!")):
        return False  # '"…the movie?" his lawyer said.': the quotation before is what it reports
    cut = left.doc[left.start - 2] if before is not None and before.text == "." and left.start > 1 else None
    if cut is not None and cut.tag_ in ("DT", "IN", "TO", "CC", "PRP$"):
        return False  # "…not intended, the. Environment committee said.": the sentence began before a stray stop
    kept = ("nsubj", "aux", "neg", "advmod", "punct")
    if any(c.dep_ not in kept or c.lower_ in ("so", "as", "thus") for c in verb.children):
        return False  # "That is what he said.", "As she said.", "So he said."
    if any(t.is_quote for t in left) or right[0].is_quote:
        return False
    return is_main_clause(right) and not in_quotation(verb)


def reporting_tail(sent: Span) -> bool:
    """Whether a sentence is only the end of one whose reported clause came before: words, then a verb of
    saying with its subject and nothing reported ("In early trading on Monday, the company said."), which
    cannot stand alone."""
    root = sent.root
    if root.lemma_ not in lexicon.load("stray_stops")["clause_verbs"] or root.tag_ not in ("VBD", "VBZ", "VBP"):
        return False
    subjects = [c for c in root.children if c.dep_ == "nsubj"]
    if len(subjects) != 1 or subjects[0].i > root.i or subjects[0].left_edge.i == sent.start:
        return False
    before = sent.doc[sent.start : subjects[0].left_edge.i]
    verbs = [t for t in before if (t.tag_ in FINITE_TAGS or t.pos_ == "VERB") and t.dep_ not in ("relcl", "acl")]
    if any(not any(a.dep_ in ("relcl", "acl") for a in v.ancestors) for v in verbs):
        return False  # "Chase and Morgan are lenders, Texaco said" (but "At a price below the one it paid, …")
    if any(t.is_quote for t in sent):
        return False
    reported = ("ccomp", "dobj", "xcomp", "dative", "advcl", "parataxis", "attr", "acomp", "oprd")
    if any(c.dep_ in reported for c in root.children):
        return False
    # "he said little", "she said so": what was said, though the parser hangs it as an adverb
    said = [c for c in root.children if c.i > root.i and c.dep_ == "advmod"]
    if any(c.tag_.startswith("JJ") or c.lower_ == "so" for c in said):
        return False
    return sent.text.rstrip().endswith(".")


def _subject_cut(left: Span, right: Span) -> bool:
    """Whether a stop stands between a subject and its verb ("Shares in the group. Fell 5% on Tuesday."): a
    sentence that is only a noun phrase, then a statement that opens with its finite verb and has no subject;
    or a clause that ends on a subject pronoun before a statement that opens with its verb and has none
    ("…was confident it. Would meet its targets")."""
    ws, first = words(left), right[0]
    if pronoun_cut(left, right) or _noun_cut(left, right):
        return True
    if len(ws) < 2 or not ws[0].text[0].isupper() or left.root.tag_ not in ("NN", "NNS", "NNP", "NNPS"):
        return False
    if ws[0].pos_ not in ("DET", "NOUN", "PROPN", "ADJ", "NUM") and ws[0].tag_ != "PRP$":
        return False  # "Not a bad result. Says it all.": a writer's clipped style, not a noun phrase cut off
    closing = _closing_relative(left)  # "Sales of the phone, which went on sale in May. Rose…": its own verbs
    outside = [t for t in left if closing is None or not closing.left_edge.i <= t.i <= closing.right_edge.i]
    verbal = [t for t in outside if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound")]
    if verbal or any(t.tag_ in FINITE_TAGS for t in outside):
        return False  # a clause of its own, or a relative clause inside the subject: the join may need its comma
    # the verb, or a past or -s form the tagger took for a noun where no other verb follows ("Rose by a third")
    misread = first.tag_ in ("NN", "NNS", "NNP") and len(right) > 1 and right[1].pos_ in ("ADP", "DET", "NUM", "ADV")
    misread = misread and _finite_word(first.lower_, frozenset()) and not any(t.tag_ in FINITE_TAGS for t in right)
    if misread:
        return right.text.rstrip().endswith(".") and not in_quotation(first)
    # a past tense that opens a sentence may be tagged a participle ("Sir Alex Ferguson. Admitted his side…")
    past = (
        (first.tag_ == "VBN" or (first.tag_ == "VB" and not can_be_verb_form(first.lower_, "VB")))
        and can_be_verb_form(first.text, "VBD")
        and not any(c.dep_.startswith("aux") for c in first.children)
    )  # or a base form ("Rose sharply", read as an order): a past tense that is no base form
    if (first.tag_ not in ("VBD", "VBZ", "VBP", "MD") and not past) or not (
        first.dep_ in ("ROOT", "aux", "auxpass") or _reported(first)
    ):
        return False
    verb = first if first.dep_ in ("ROOT", "ccomp") else first.head
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl") and c.i >= right.start for c in verb.children):
        return False  # "Sunday. Comes the reckoning" has no subject; "Mr Smith. Has he…" would
    # a speaker may drop a subject ("Great result. Was delighted with it"), but not after a determined noun
    spoken = in_quotation(first) and (ws[0].tag_ not in ("DT", "PRP$") or ws[0].lower_ in ("this", "that"))
    return _statement(right) and not spoken


def _inverted_report(left: Span, right: Span) -> bool:
    """Whether a "sentence" is only an opening phrase, its comma and an inverted verb of saying with its subject,
    reporting nothing ("By contrast, said Mr Purushotma."), before a whole clause: the clause is what was said,
    and the stop was its comma. Not after a clause ("Prices will rise, said Mr Jones."), which is the report."""
    verb = left.root
    if verb.lemma_ not in lexicon.load("reporting_verbs")["lemmas"] or verb.tag_ not in ("VBD", "VBZ"):
        return False
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    if len(subjects) != 1 or subjects[0].i < verb.i or subjects[0].right_edge.i != left.end - 2:
        return False
    if any(c.dep_ in _OBJECTS or c.dep_ in ("ccomp", "xcomp", "attr") for c in verb.children):
        return False
    comma = verb.doc[verb.i - 1]
    opening = verb.doc[left.start : comma.i]
    if comma.text != "," or not len(opening) or any(t.pos_ in ("VERB", "AUX") or t.is_quote for t in opening):
        return False
    return is_main_clause(right) and not right[0].is_quote and not in_quotation(verb)


def _reported(verb: Token) -> bool:
    """Whether the verb heads the clause a later verb of saying reports ("…is very strong, said Mr Jones.")."""
    head = verb.head
    saying = head.lemma_ in lexicon.load("stray_stops")["saying_verbs"]
    return verb.dep_ == "ccomp" and head.i > verb.i and saying and any(c.dep_ == "nsubj" for c in head.children)


def _within(tok: Token, dep: str) -> Token | None:
    """The nearest of ``tok`` and its ancestors attached as ``dep`` (the relative clause or appositive it ends)."""
    return next((a for a in (tok, *tok.ancestors) if a.dep_ == dep), None)


def _cut_subject(left: Span, right: Span) -> Token:
    """The subject a stray stop cut from its verb: the noun a relative clause that ends the part before
    describes ("M-3, which includes savings. Was…"), that part's head when it is a noun phrase, else the pronoun
    or noun it ends with ("…said its profits and sales. Would…")."""
    last = _last_word(left)
    if left.root.tag_ in ("NN", "NNS", "NNP", "NNPS"):
        return left.root  # "Demand for oil in China and India. Has…": the phrase's head
    relative = _within(last, "relcl")
    if relative is not None and relative.right_edge == last:
        return relative.head
    return last if pronoun_cut(left, right) or _noun_cut(left, right) else left.root


def _last_word(left: Span) -> Token:
    """The last token of the part before a cut: before its full stop (FRG001), or the last of a paragraph that has
    none (FRG003)."""
    return left[-2] if left[-1].is_punct and len(left) > 1 else left[-1]


def _closing_relative(left: Span) -> Token | None:
    """The relative clause, set off by a comma and opened by a relative pronoun, that ends the part before a stop
    ("M-3, which includes savings and deposits."), if it does."""
    last = _last_word(left)
    relative = _within(last, "relcl")
    if relative is None or relative.right_edge != last or relative.left_edge.i <= left.start:
        return None
    opened = left.doc[relative.left_edge.i - 1].text == "," and relative.left_edge.tag_ in ("WDT", "WP", "WP$")
    return relative if opened else None


def _closes_appositive(left: Span) -> bool:
    """Whether the subject before a stray stop ends with an appositive or a relative clause set off by a comma
    ("The finance director, John Smith.", "M-3, which includes savings and deposits."): the stop took the place
    of its closing comma."""
    last = _last_word(left)
    if _closing_relative(left) is not None:
        return True  # "M-3, which includes savings. Was 132 bn"
    appositive = _within(last, "appos")
    if appositive is None or appositive.right_edge != last or left.doc[appositive.left_edge.i - 1].text != ",":
        return False
    head = appositive.head  # the subject it renames, not the object of an opening phrase ("Under the deal, the…")
    if head.pos_ not in ("NOUN", "PROPN") or head.dep_ not in ("ROOT", "nsubj", "nsubjpass") or head.i > appositive.i:
        return False
    between = left.doc[head.i + 1 : appositive.left_edge.i - 1]  # the head's own words, no verb of a clause
    return all(t.pos_ not in ("VERB", "AUX") for t in between)


def _parts(doc: Doc) -> Iterator[tuple[Span, Span]]:
    """Each pair of neighbouring sentences, and the two parts of a sentence that holds a full stop of its own
    before a capital, which the parser read through ("Mr Lee. Said the company…" as one sentence)."""
    yield from pairwise(doc.sents)
    for sent in doc.sents:
        for tok in sent[1:-2]:
            if tok.text == "." and sent.doc[tok.i + 1].text[:1].isupper():
                yield doc[sent.start : tok.i + 1], doc[tok.i + 1 : sent.end]


def _of_phrase(left: Span, right: Span) -> bool:
    """Whether the words after the stop are a phrase "of" opens with no main verb, after a word that ends no such
    phrase itself ("…weighed on his mind ahead. Of Saturday's charity game, which features…", "approved. Of a
    reorganization to avoid…"): news opens a sentence with "of" only before the clause it belongs to ("Of the 20
    bids, five were…", "Of note is…") or in "of course". The phrase must hold a clause of its own (a relative,
    adverbial or infinitive clause): a bare one ("Of the 20 bids.") may belong to the sentence after it. Not in a
    series of such phrases ("a story of hope. Of courage and of …")."""
    first, last = right[0], left[-2]
    if first.text != "Of" or len(words(right)) < 3 or right[1].lower_ == "course" or not last.is_alpha:
        return False
    if last.head.lower_ == "of" or any(t.lower_ == "of" for t in left[-4:-2]):
        return False
    if not any(t.dep_ in _CLAUSE_DEPS for t in right):
        return False
    # no verb outside the phrase's own clauses (by tag or by part of speech: "only 25% get returned", "get" a noun)
    return not any((t.tag_ in FINITE_TAGS or t.pos_ in ("VERB", "AUX")) and not _embedded(t) for t in right)


def _noun_cut(left: Span, right: Span) -> bool:
    """A clause that ends on a noun no verb or preposition governs as its object, before a statement of four words
    or more that opens with a finite verb or modal and has no subject ("…said profits and sales. Would rise next
    year"): the noun is the subject the stop cut from its verb."""
    if len(left) < 3:
        return False
    last, first = _last_word(left), right[0]
    if last.tag_ not in ("NN", "NNS", "NNP", "NNPS") or last.dep_ in ("attr", "pobj", "dative", "oprd"):
        return False
    if last.dep_ == "dobj" and not _reported_subject(last, first):
        return False
    plural = first.tag_ == "VBP" and last.tag_ in ("NNS", "NNPS")  # "its two rivals. Have struggled"
    if (first.tag_ not in ("MD", "VBD", "VBZ") and not plural) or len(words(left)) < 3 or len(words(right)) < 4:
        return False  # "…a great result. Says it all." is a writer's clipped style
    verb = first if first.dep_ == "ROOT" or not first.dep_.startswith("aux") else first.head
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl") and c.i >= right.start for c in verb.children):
        return False
    return _statement(right)


def _reported_subject(noun: Token, first: Token) -> bool:
    """Whether the object of a verb of saying is the subject of the clause it reports, cut from its verb ("Smith said
    historical evidence. Suggests that…"): a present tense that agrees with it, or a modal, after the stop. A
    past tense may open a sentence whose subject the writer dropped ("He told the minister. Said he was sorry.")."""
    saying = noun.head.lemma_ in lexicon.load("stray_stops")["saying_verbs"] and noun.head.lemma_ not in _NP_SAYING
    agrees = first.tag_ == "MD" or (first.tag_ == "VBZ") == (noun.tag_ in ("NN", "NNP"))
    return saying and noun.head.tag_ != "VBG" and first.tag_ in ("MD", "VBZ", "VBP") and agrees


#: Verbs of saying whose object is as often a person or a thing heard as a reported subject ("told the minister").
_NP_SAYING = frozenset({"tell", "hear", "learn", "report", "show", "reveal", "promise", "pledge", "vow"})


def pronoun_cut(left: Span, right: Span) -> bool:
    """A subject pronoun cut from its verb: the part before ends on one that no verb or preposition governs,
    after a word that takes a clause ("confident it", "said they", "if it"), and the part after opens with a finite verb
    or modal and has no subject of its own."""
    last, first = _last_word(left), right[0]
    if last.lower_ not in SUBJECT_PRONOUNS or last.lower_ == "you":
        return False
    before = last.doc[last.i - 1] if last.i > left.start else None
    # a subject pronoun alone ("It. Said…", '"We. Have…'), or after a conjunction ("But we. Think…"); "I", "we",
    # "he", "she" and "they" are never objects, whatever the parse says ("as they. Do not want…")
    if before is not None and not (before.is_punct or before.pos_ == "CCONJ"):
        nominative = last.lower_ != "it" and before.pos_ not in ("VERB", "AUX")
        clause_taker = before.pos_ in ("VERB", "ADJ", "SCONJ", "ADV") and before.tag_ != "VBG"
        if not nominative and (not clause_taker or last.dep_ in ("dobj", "pobj", "dative")):
            return False  # "he did it", "for it", "giving it": an object
    # a present tense after "I", "we" or "they" may be tagged as an order ("But I. Think …")
    plain = first.tag_ == "VB" and last.lower_ in ("i", "we", "they") and can_be_verb_form(first.text, "VBP")
    if first.tag_ not in ("MD", "VBD", "VBZ", "VBP") and not plain:
        return False
    verb = first if first.dep_ == "ROOT" else first.head
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl") and c.i > last.i for c in verb.children):
        return False
    return _statement(right)


def _statement(right: Span) -> bool:
    """Whether the part after a stop ends as a statement, with a full stop (perhaps inside a closing quote mark)."""
    return right.text.rstrip().rstrip("\"'”’").endswith(".")


def _said_that(last: Token) -> bool:
    """A finite verb of saying before "that." ("The minister said that."): "that" may be the pronoun it says, so
    the join is offered as unsafe; a bare participle ("suggesting that.") cannot end a sentence that way."""
    head = last.head
    saying = head.lemma_ in lexicon.load("stray_stops")["saying_verbs"]
    return last.lower_ == "that" and saying and head.tag_ in ("VBD", "VBZ", "VBP") and not _second_predicate(head)


def _second_predicate(verb: Token) -> bool:
    """Whether a verb is the second predicate of its subject, after "and" or "but" ("declined to comment but said
    that."): a pronoun "that" there would point back across its own sentence's first verb, which no writer does,
    so the reported clause is what the stop cut off. Not inside a quotation."""
    coordinated = verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX") and verb.head.i < verb.i
    own_subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in verb.children)
    joined = any(c.dep_ == "cc" and c.lower_ in ("and", "but") for c in verb.head.children if c.i < verb.i)
    return coordinated and joined and not own_subject and not in_quotation(verb)


def _relative_object(prep: Token, right: Span) -> bool:
    """ "sites through. Which people publish…": a relative clause whose relative word is the object of the
    preposition before the stop; "Which people publish thoughts." cannot stand as a statement."""
    if prep.tag_ == "RP" or prep.dep_ == "prt" or not right.text.rstrip().endswith("."):
        return False
    root, wh = right.root, right[0]
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    finite = root.tag_ in FINITE_TAGS or any(c.dep_.startswith("aux") and c.tag_ in FINITE_TAGS for c in root.children)
    return finite and bool(subjects) and wh not in subjects and wh.head != root


def _opens_noun_phrase(first: Token) -> bool:
    """Whether a word can open the object of a preposition: "the", "strong", "one", "About $16bn"."""
    if first.pos_ in ("DET", "ADJ", "NOUN", "PROPN", "NUM") or first.tag_ == "PRP$":
        return True
    return first.pos_ == "ADV" and first.head.i > first.i and first.head.pos_ in ("NUM", "SYM", "NOUN")


def _wants_object(prep: Token, left: Span, right: Span) -> bool:
    """Whether a preposition with no object before a stop wants the words after it.

    Where the left part has a gap the preposition may be stranded by ("what they asked for", "the firm she works
    for", "it was paid for"), it does not; where the gap is only possible ("loopholes to take advantage of"), it
    does when the right part is no sentence of its own. A word the tagger reads as a preposition waiting for its
    object wants it; one it reads as an adverb or particle ("prices gave in") only when one side is verbless.
    """
    gap = _gap(prep, left)
    if gap == "sure":
        return False
    comma = _source_comma(right)  # verbless but for its source: "…led to. An increase in usage, it said."
    verbless = _verbless(right) or (comma is not None and _verbless(right.doc[right.start : comma.i]))
    if _adverb_on(prep):
        return verbless  # "from April 2004 on. The Nikkei…", "and so on."
    # Straight after its verb a preposition may be a particle ("slide in") or stranded ("dealing with"); one that is
    # never an adverb ("of", "from", "with", "for"…) is no particle, so with no gap to strand it, it wants its object
    # ("the deficit originated from. Merchandise trade…", whatever verb the part after the stop holds)
    if gap == "possible" or (prep.head.pos_ in ("VERB", "AUX") and adjacent(prep, prep.head)):
        return verbless or (gap is None and (not getAllLemmas(prep.lower_) or takes_object(prep)))
    return prep.dep_ == "prep" or verbless or not has_main_verb(left)


def _adverb_on(prep: Token) -> bool:
    """Whether "on" is an adverb that may end its sentence: after "so", "later", "from then" and the like, or
    closing a span that "from" opens a few words before ("from April 2004 on")."""
    if prep.lower_ != "on" or prep.i == 0:
        return False
    doc = prep.doc
    after = lexicon.load("stray_stops")["adverb_on_after"]
    return doc[prep.i - 1].lower_ in after or any(t.lower_ == "from" for t in doc[max(0, prep.i - 5) : prep.i])


def _verbless(sent: Span) -> bool:
    """Whether a part has no finite verb, even one the tagger took for a noun ("the balance shows …")."""
    if has_main_verb(sent) or any(t.tag_ in FINITE_TAGS and not _embedded(t) for t in sent):
        return False
    nouns = ("NN", "NNS", "NNP", "NNPS", "PRP")
    after_noun = [t for t in sent[1:] if t.tag_ in ("NN", "NNS") and t.doc[t.i - 1].tag_ in nouns]
    return not any(can_be_verb_form(t.text, tag) for t in after_noun for tag in ("VBZ", "VBD", "VBP"))


#: Dependencies that hang a clause on a word of another: its verb is no main verb.
_CLAUSE_DEPS = frozenset({"relcl", "advcl", "acl", "ccomp", "csubj", "pcomp", "xcomp"})


def _embedded(verb: Token) -> bool:
    """Whether a verb stands in a clause inside another: relative, adverbial, complement or infinitive ("since it
    opened", "a plan to avoid…")."""
    return any(t.dep_ in _CLAUSE_DEPS for t in [verb, *verb.ancestors])


def _gap(prep: Token, sent: Span) -> str | None:
    """Whether the sentence has a gap that the preposition may be stranded by: "sure", "possible" or None."""
    if relative_gap(prep, sent):
        return "sure"
    head = prep.head
    if adjacent(prep, head) and _passive(head) and prep.dep_ != "agent" and not takes_object(prep):
        return "sure"  # "it was dealt with", "components built in" (not "is needed in", which news never ends on)
    # an adjective strands its preposition only where a clause leaves a gap ("nothing to be afraid of", "hard to get
    # into"): "prices were broadly consistent with." cannot end there
    kinds = {_clause_gap(clause) for clause in [head, *head.ancestors]}
    return "sure" if "sure" in kinds else "possible" if "possible" in kinds else None


def relative_gap(prep: Token, sent: Span) -> bool:
    """Whether a wh-word or a relative clause leaves the preposition a gap to close: "what they asked for",
    "which reports she was referring to", "where it came from", "the firm they are dealing with"."""
    if any(t.tag_ in _WH_TAGS and not t.dep_.startswith("nsubj") and t.lower_ not in _NO_GAP for t in sent):
        return True
    before = sent[: prep.i - sent.start]  # a relative clause with no relative word, however parsed
    if any(t.pos_ in ("NOUN", "PROPN") and t.nbor(1).lower_ in SUBJECT_PRONOUNS for t in before):
        return True
    # … or with a subject that a determiner opens ("the one record the band is most proud of")
    subjects = ("nsubj", "nsubjpass")
    return any(
        t.pos_ in ("NOUN", "PROPN") and t.nbor(1).tag_ in ("DT", "PRP$") and t.nbor(1).head.dep_ in subjects
        for t in before[:-1]
    )


def _clause_gap(clause: Token) -> str | None:
    """The gap a clause on the preposition's path to the root may leave it: "sure", "possible" or None."""
    relative_word = any(c.tag_ in ("WDT", "WP") or c.lower_ in _NO_GAP for c in clause.children)
    if clause.dep_ == "relcl" and not relative_word:
        return "sure"  # "the firm they are dealing with" (but "the year when profits rose" leaves no gap)
    if clause.dep_ == "xcomp" and clause.head.pos_ == "ADJ":
        return "sure"  # "hard to get into", "worth fighting for"
    if clause.dep_ in ("acl", "xcomp", "relcl", "advcl") and any(c.tag_ == "TO" for c in clause.children):
        # "loopholes to take advantage of" or "a move to take control of"; "nothing to be afraid of" surely
        return "sure" if clause.dep_ != "xcomp" and clause.head.pos_ in ("PRON", "ADV") else "possible"
    return None


def takes_object(prep: Token) -> bool:
    """Whether edited news follows the verb before ``prep`` with it and its object and never leaves it at the end of a
    clause ("introduced in", "approved by"): no particle, nothing stranded."""
    return adjacent(prep, prep.head) and verb_takes(prep.head, prep.lower_)


def verb_takes(verb: Token, preposition: str) -> bool:
    """Whether ``verb`` is one that edited news follows with ``preposition`` and its object and never leaves the
    preposition at a clause's end (news_counts.yaml, object_prepositions: "fall to", "approve by")."""
    pair = f"{verb.lemma_.lower()} {preposition}"
    return verb.pos_ == "VERB" and pair in lexicon.counted("object_prepositions")


def adjacent(prep: Token, verb: Token) -> bool:
    """Whether only adverbs and particles stand between a verb and a preposition after it ("dealt with")."""
    between = verb.doc[verb.i + 1 : prep.i]
    return verb.i < prep.i and all(t.pos_ in ("ADV", "PART") or t.dep_ == "prt" for t in between)


def _passive(verb: Token) -> bool:
    """A passive verb: with its passive auxiliary, or a bare past participle on a noun ("the issues dealt with")."""
    if any(c.dep_ == "auxpass" for c in verb.children):
        return True
    return verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod") and not any(c.dep_ == "aux" for c in verb.children)


def _left_of(left: Span) -> Span:
    """The sentence the stop ends: the parser's sentence, widened to the one before when the parser cut a lone
    word off it ("The police were called but. The attacker…" read as "…called" and "but.")."""
    doc = left.doc
    if len(words(left)) >= 2 or left.start == 0 or not (doc[left.start - 1].is_alpha or doc[left.start - 1].like_num):
        return left
    return doc[doc[left.start - 1].sent.start : left.end]


def _subhead_after(first: Token) -> bool:
    """Whether the words after a stop are a run of capitals ("… with. PRIVATE JETS"): a subhead or label that
    lost its line break, not the sentence's continuation."""
    return opens_in_capitals(doc_text(first.doc)[first.idx : first.idx + 120])


def _article_stops(doc: Doc) -> Iterator[tuple[Token, Token]]:
    """ "in a. Statement": the tokenizer reads "a." as an abbreviation, so no sentence ends there; the article
    and the capitalised word after it, when a preposition or verb stands before the article (not "plan a.")."""
    for tok in doc[1:-1]:
        nxt, before = doc[tok.i + 1], doc[tok.i - 1]
        if tok.lower_ not in ("a.", "an.") or not tok.text[0].islower() or not before.is_alpha:
            continue
        opens = nxt.text[:1].isupper() and nxt.is_alpha and nxt.pos_ in ("ADJ", "NOUN", "PROPN", "VERB")
        if before.pos_ in ("ADP", "VERB", "AUX") and tok.whitespace_ and opens and not nxt.is_sent_start:
            yield tok, nxt


def mid_sentence_letter(tok: Token, source: str, tagged: bool = True) -> str:
    """The first letter ``tok`` takes once it stands in mid-sentence.

    A name keeps its capital. A word that opened a sentence may be taken for a name by the tagger ("Chicken" as a
    person), so for a dictionary word the document decides first: written in lower case elsewhere, it is a common
    word; capitalised in mid-sentence elsewhere, a name. Without such evidence the tagger decides, unless it was
    misled (``tagged`` false): then only a run of capitals ("a. New York court") keeps the capital.
    """
    word, letter = tok.text, tok.text[:1]
    if _name_of(tok):
        return letter  # "the House of. Commons", "the British Chambers of. Commerce": the rest of a name
    if not is_common_word(word) or word.isupper() or not word[1:].islower():
        return joined_case(tok)
    pattern = re.escape(word[1:])
    named = re.search(rf"[a-z,] {re.escape(letter)}{pattern}\b", source) is not None
    common = re.search(rf"\b{re.escape(letter.lower())}{pattern}\b", source) is not None
    if named != common:
        return letter if named else letter.lower()
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if tagged and nxt is not None and nxt.is_alpha and nxt.text[:1].islower() and not entity_type(tok):
        return letter.lower()  # "access to. Broadband has…": a dictionary word alone, no entity, read as a name
    if tagged:
        return joined_case(tok)
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    return letter if nxt is not None and nxt.is_alpha and nxt.text[:1].isupper() else letter.lower()


def _name_of(tok: Token) -> bool:
    """Whether the capitalised word after a stray stop ends a name of the form "X of Y" ("the House of. Commons"):
    a capitalised word, not a sentence's first, stands before the "of" the stop follows."""
    doc = tok.doc
    if tok.i < 3 or not tok.text[:1].isupper() or doc[tok.i - 1].text != "." or doc[tok.i - 2].lower_ != "of":
        return False
    owner = doc[tok.i - 3]
    return owner.text[:1].isupper() and owner.is_alpha and not owner.is_sent_start


#: A word, a full stop and (looked ahead at) the letter after it: where a stop may cut a sentence. A match
#: starts only where a word starts (or at the apostrophe before it): tried at every letter of a long word, it
#: read the rest of the word each time (a 40,000-letter token took 45 s); the matches are the same.
_STOP_AFTER_WORD = re.compile(r"((?:[’']|(?<![^\W_’']))[^\W_]+)\s*\.\s*(?=([^\W\d_]))")


@cache
def _cut_words() -> frozenset[str]:
    """Every word ``cannot_end`` may accept: the closed classes, "that", "to", modals, "have", finite "be",
    prepositions, and the present and past forms of the verbs that must report something (clause_verbs)."""
    closed = {str(w) for ws in lexicon.load("sentence_open_words").values() for w in ws}
    lists = ("to", "modals", "have", "prepositions")
    verbs = lexicon.load("stray_stops")["clause_verbs"]
    forms = {f for v in verbs for tag in ("VBD", "VBZ", "VBP") for f in getInflection(v, tag=tag) or ()}
    nominative = SUBJECT_PRONOUNS - {"it", "you"}  # never objects: '"We. Have…'
    be = {"is", "are", "was", "were", "be", "been"}  # cut from a participle: "plantings are. Expected to show"
    return frozenset(closed | {"that"} | be | forms | nominative | {w for name in lists for w in triggers.words(name)})


#: A full stop, then a capitalised word: the word, for the trigger's subject-and-verb test.
_STOP_THEN_WORD = re.compile(r"\.\s+([A-Z][a-z]+?)(?:n['’]t\b|\b)")  # "Haven't": "Have"
_FINITE = ("VBD", "VBZ", "VBP")
#: A full stop, then "Of" (``_of_phrase``).
_STOP_THEN_OF = re.compile(r"\.\s+Of\b")


def _may_cut(text: str) -> bool:
    """FRG001's trigger: a word that may not end a sentence, a full stop, then a capital; or a full stop before a
    capitalised word that can be a finite verb ("Shares in the group. Fell 5%"); or a full stop before "Of"."""
    vocab = _cut_words()
    if any(m.group(2).isupper() and m.group(1).lower() in vocab for m in _STOP_AFTER_WORD.finditer(text)):
        return True
    modals = triggers.words("modals")
    if any(_finite_word(m.group(1).lower(), modals) for m in _STOP_THEN_WORD.finditer(text)):
        return True
    return _inverted_reports().search(text) is not None or _STOP_THEN_OF.search(text) is not None


@cache
def _inverted_reports() -> re.Pattern[str]:
    """A comma, a past or -s form of a verb of saying, a few words and a full stop before a capital: "By contrast,
    said Mr Purushotma. Learning…" (``_inverted_report``)."""
    lemmas = lexicon.load("reporting_verbs")["lemmas"]
    forms = {f for v in lemmas for tag in ("VBD", "VBZ") for f in getInflection(v, tag=tag) or ()}
    alternatives = "|".join(sorted(map(re.escape, forms), key=len, reverse=True))
    return re.compile(rf",\s+(?:{alternatives})\s+[^.!?,\n]{{1,60}}\.\s+[A-Z]")


@lru_cache(maxsize=8192)
def _finite_word(word: str, modals: frozenset[str]) -> bool:
    return word in modals or any(can_be_verb_form(word, tag) for tag in _FINITE)


@rule(
    code="FRG001",
    trigger=_may_cut,
    name="full-stop-inside-sentence",
    message="Full stop after “{match}” cuts a sentence in two; remove it.",
    examples=[
        Example(
            bad="Reports suggest links between[[. S]]everal firms and the ministry.",
            fixed="Reports suggest links between several firms and the ministry.",
        ),
        Example(
            bad="Sugar beet plantings are[[. E]]xpected to show little change, analysts said.",
            fixed="Sugar beet plantings are expected to show little change, analysts said.",
        ),
        Example(
            bad="Several of the units may be[[. F]]aced with a cut in rates.",
            fixed="Several of the units may be faced with a cut in rates.",
        ),
        Example(
            bad="The European Union has[[. E]]ffectively given Japan six weeks.",
            fixed="The European Union has effectively given Japan six weeks.",
        ),
        Example(good="That is how things are. Asked about it, he said nothing. It may be. Asked again, she agreed."),
        Example(
            bad="The fear of injury weighed on him ahead[[. O]]f Saturday's game, which is sold out.",
            fixed="The fear of injury weighed on him ahead of Saturday's game, which is sold out.",
        ),
        Example(good="Of the 20 bids that were made, five were rejected. Of course, the board said nothing."),
        Example(
            bad="The growth in the number of[[. E]]lectric cars has slowed sales of petrol models.",
            fixed="The growth in the number of electric cars has slowed sales of petrol models.",
        ),
        Example(
            bad="Talks between[[. B]]erlin and Paris on the budget.",
            fixed="Talks between Berlin and Paris on the budget.",
        ),
        Example(
            bad="Investors have sold shares in the[[. C]]ompany since March.",
            fixed="Investors have sold shares in the company since March.",
        ),
        Example(
            bad="Leaked papers emerged suggesting that[[. T]]he minister had known for months.",
            fixed="Leaked papers emerged suggesting that the minister had known for months.",
        ),
        Example(
            bad="It was sold as part of a[[. M]]ove to cut debt.",
            fixed="It was sold as part of a move to cut debt.",
        ),
        Example(good="The options were: a. Raise taxes. b. Cut spending."),
        Example(good="Voters backed plan a. The rest was shelved."),
        Example(good="Prices gave in. The pound fell with them."),
        Example(
            bad="Analysts say the drills send a message to[[. T]]he new government in Taipei.",
            fixed="Analysts say the drills send a message to the new government in Taipei.",
        ),
        Example(good="He has nowhere to go to. The city is closed."),
        Example(good="It has no wireless components built in. Wireless can be added at extra cost."),
        Example(
            bad="The figure is in a statement released by[[. T]]he Eastern Command.",
            fixed="The figure is in a statement released by the Eastern Command.",
        ),
        Example(
            bad="Some lenders - those with[[. L]]arge deposit bases - may have to cut rates.",
            fixed="Some lenders - those with large deposit bases - may have to cut rates.",
        ),
        Example(
            bad="The regulator said the rate of infection in[[. P]]oultry has fallen.",
            fixed="The regulator said the rate of infection in poultry has fallen.",
        ),
        Example(
            bad="The notes will carry maturities ranging from[[. T]]wo to nine months.",
            fixed="The notes will carry maturities ranging from two to nine months.",
        ),
        Example(
            bad="The firm declined to comment but said that[[. T]]he talks were at an early stage.",
            fixed="The firm declined to comment but said that the talks were at an early stage.",
        ),
        Example(
            bad="By contrast, said Mr Patel[[. L]]earning through games may help pupils.",
            fixed="By contrast, said Mr Patel, learning through games may help pupils.",
        ),
        Example(good="Prices will rise, said Mr Jones. The bank disagreed."),
        Example(
            bad="The jury heard that[[. T]]he two men had met online.",
            fixed="The jury heard that the two men had met online.",
            unsafe=True,
        ),
        Example(
            bad="He said the deal was done and that[[. H]]e would stay on as chairman.",
            fixed="He said the deal was done and that he would stay on as chairman.",
        ),
        Example(
            bad="Forums are places through[[. W]]hich members swap advice.",
            fixed="Forums are places through which members swap advice.",
        ),
        Example(
            bad="The guards were called but[[. T]]he intruder had fled.",
            fixed="The guards were called but the intruder had fled.",
        ),
        Example(good="Hackers seek new loopholes to take advantage of. The company is trying to stop them."),
        Example(good="Nobody expected that. The market fell anyway."),
        Example(good="The ministry confirmed that. Officials gave no details."),
        Example(good="No one contemplates doing that. It has said so from the outset."),
        Example(good="That is what voters asked for. The rest is detail."),
        Example(good="It is nothing to be afraid of. Prices will settle."),
        Example(good="The claims were dealt with. The board moved on."),
        Example(good="It is the deal the unions signed up to. Members will vote next week."),
        Example(good="The market is hard to get into. Rents are high."),
        Example(good="U.S. officials said the talks would resume at 9 a.m. on Monday."),
        Example(good="Smith & Co. said profits rose. No. 10 declined to comment."),
        Example(good="The couple were seen boarding a plane with. PRIVATE JETS AND YACHTS are among their toys."),
        Example(
            bad="Shares in the group[[. F]]ell 5% on Tuesday after the warning.",
            fixed="Shares in the group fell 5% on Tuesday after the warning.",
        ),
        Example(good="A good result. Now the hard part begins, and the manager knows it."),
        Example(
            bad="Commenting on[[. T]]he accord, the minister said it would hold.",
            fixed="Commenting on the accord, the minister said it would hold.",
        ),
        Example(good="Carrying on. The next day, they went home."),
    ],
)
def full_stop_inside_sentence(doc: Doc, ctx: Context) -> Iterator[Finding]:
    """A full stop after a word that cannot end a sentence, when what follows is that sentence's continuation.

    Articles, conjunctions and possessive determiners never end a sentence. A preposition may, stranded by a gap
    in its sentence ("what they asked for", "the firm she works for", "it was dealt with"), so the parse of the
    sentence decides: with no such gap, the preposition wants the words after the stop (right after its verb, where
    it may be a particle, only before a part with no verb but its source's, "led to. An increase in usage, it
    said", unless it is never an adverb, "originated from. Merchandise trade…, the agency said", or edited news never
    leaves it at a clause's end after that verb, passive or not: "will be introduced in. The Senate next month";
    news_counts.yaml, object_prepositions). "That" counts after a
    bare participle, a noun or a verb of saying ("suggesting that.", "concerns that.", "but said that."), when
    what follows is a whole clause. A stop between a subject and its verb counts too: a sentence that is only
    a noun phrase, then one that opens with a finite verb and has no subject ("Shares in the group. Fell 5%.").
    So does one after an opening participle and its particle alone, before the noun phrase, comma and clause the
    participle opens ("Commenting on. The accord, Mr Smith said…"; not before a time: "Carrying on. The next
    day, they…"). So does an opening phrase with an inverted verb of saying and its subject that report nothing,
    before a whole clause ("By contrast, said Mr Smith. Learning a language…"): the stop was the comma before
    what was said (not after a clause: "Prices will rise, said Mr Jones. The bank disagreed."). So does a finite
    "be", or a "be" or "been" after an auxiliary, that ends a main clause with nothing of its own after it, before a
    participle whose sentence has no subject but perhaps a source's at its end ("plantings are. Expected to show
    little change, analysts said", "may be. Faced with a cut"; not "That is how things are. Asked about it, he said
    nothing."); an adverb in "-ly" may stand before the participle or base form that "have", a modal or "to" asks
    for ("has. Effectively given Japan six weeks"); and a preposition the tagger reads as a
    particle at the end of a part of four words or more with no verb it could belong to ("Total investment by
    the group in. The communications sector…"). So does a phrase "of" opens that has no main verb, only a clause of
    its own ("…ahead. Of Saturday's game, which is sold out."): news opens a sentence with "of" only before its
    clause ("Of the 20 bids, five were…") or in "of course"; a bare phrase ("Of the 20 bids.") may belong to the
    sentence after it and stays, and so does a series ("a story of hope. Of courage and of …").

    ## Fix safety
    Safe: the stop is removed and the next word loses its capital unless it is a name (capitalised in
    mid-sentence elsewhere in the document, or a name to the tagger and not written in lower case elsewhere).
    Unsafe after a finite verb of saying ("The jury heard that. The two men…"): "He said that." is a sentence
    too; but not after one that is its subject's second predicate ("declined to comment but said that. The
    talks…"), where the pronoun would have nothing to point to.
    None before a run of capitals ("… with. PRIVATE JETS"): a subhead or label that lost its line break.
    A subject pronoun cut from its verb counts too ("…was confident it. Would meet its targets"): after a verb
    or adjective that takes a clause, with no verb or preposition governing it, before a statement that opens
    with a finite verb or modal and has no subject; so does one standing alone or after a conjunction ("It. Said
    about 300 claims…", "as they. Do not want…"), where "I", "we", "he", "she" and "they" can be no object. The
    object of a verb of saying is the subject of what it reports when a modal or an agreeing present tense
    follows the stop ("said historical evidence. Suggests that…"). Inside a quotation a speaker may drop a subject
    ("Great result. Was delighted."), so there a cut counts only after a phrase a determiner opens ("The plan.
    Will work," he said.); an attribution after the clause is no subject of its ("…, said Mr Jones.").
    """
    for parsed_left, right in _parts(doc):
        gap, left = stop_gap(parsed_left, right), _left_of(parsed_left)
        if gap is None or (len(words(left)) < 2 and not pronoun_cut(left, right)) or _subhead_after(right[0]):
            continue  # (a lone subject pronoun: "It. Said about 300 claims were filed.")
        split = _subject_cut(left, right)
        tail = reporting_tail(right) and is_main_clause(left)  # "Profits rose. In May, the firm said."
        inverted = not split and not tail and _inverted_report(left, right)
        if not (split or tail or inverted or _of_phrase(left, right) or cannot_end(left[-2], left, right)):
            continue
        stop, first = gap
        message = f"Full stop after “{left[-2].text}” cuts a sentence in two; remove it."
        mark = ""
        if inverted:
            mark = ","  # "By contrast, said Mr Smith. Learning a game…": what he said follows, after a comma
            report = left.doc[left.root.i : left.end - 1].text
            message = f"“{report}” reports the sentence after it; make the full stop a comma."
        if split:
            subject = _cut_subject(left, right)
            message = f"Full stop between the subject “{subject.text}” and its verb “{first.text}”; remove it."
            if _closes_appositive(left):
                mark = ","  # "The finance director, John Smith. Will leave": the appositive's closing comma
                message = (
                    f"Full stop between the subject “{subject.text}” and its verb “{first.text}”; make it a comma."
                )
        letter = mid_sentence_letter(first, ctx.source)
        safety = Safety.UNSAFE if _said_that(left[-2]) else None
        yield ctx.finding(stop.idx, first.idx + 1, mark + doc.text[stop.idx + 1 : first.idx] + letter, message, safety)
    for article, first in _article_stops(doc):
        if _subhead_after(first):
            continue
        stop = article.idx + len(article) - 1
        message = f"Full stop after “{article.text[:-1]}” cuts a sentence in two; remove it."
        # The tagger, misled by "a." and the capital, takes what follows for a name about as often as not.
        letter = mid_sentence_letter(first, ctx.source, tagged=False)
        yield ctx.finding(stop, first.idx + 1, doc.text[stop + 1 : first.idx] + letter, message)
