"""PUN: sentence punctuation that went missing."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from copyedit import lexicon
from copyedit.checks.agreement import finite_verb
from copyedit.checks.fragments import _breaks_into
from copyedit.checks.possessive import role_noun
from copyedit.checks.stray_stops import reporting_tail
from copyedit.model import Finding, Safety
from copyedit.nlp import entity_type
from copyedit.rule import Context, Example, rule
from copyedit.syntax import (
    FINITE_TAGS,
    can_be_verb_form,
    fragment,
    has_main_verb,
    has_subject,
    is_common_word,
    is_name,
    looks_like_heading,
    subjectless_after,
    verb_after_comma,
    words,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from copyedit.rule import Parsed

#: Tags a sentence may end on: nouns, numbers, object pronouns, adverbs, adjectives, verbs, particles.
_ENDING_TAGS = frozenset(
    {
        "NN",
        "NNS",
        "NNP",
        "NNPS",
        "CD",
        "PRP",
        "RB",
        "RBR",
        "RBS",
        "JJ",
        "JJR",
        "JJS",
        "VBN",
        "VBD",
        "VBG",
        "VBZ",
        "VBP",
        "VB",
        "RP",
    }
)
_COMPLEMENTS = frozenset({"ccomp", "parataxis", "dobj", "attr", "xcomp"})
_CLOSERS = tuple(".!?:;,\"'”’)]…")
_QUESTION_OPENERS = frozenset({"WDT", "WP", "WP$", "WRB"})
#: A block that opens as the continuation of the one before (a mark that cannot start a paragraph), or a list.
_GOES_ON = re.compile(r"[.,;:!?)\]…]|['’]s\b|\d+[.)]?\s")
_TABULAR = re.compile(r"\t| {3}")
_LINK = re.compile(r"https?://|www\.|\w@\w|\.(?:com|org|net|co\.uk|gov)\b", re.I)
#: A paragraph this long, in one sentence, is prose rather than a heading that lacks its stop by design; a
#: document's first block must be longer (a headline may run to a dozen words), and so must its last (a
#: sign-off or an author's note may be a short sentence).
_MIN_WORDS = 12
_MIN_WORDS_FIRST = 20
_MIN_WORDS_LAST = 15
#: The paragraph's last word, whole: letters or numbers, perhaps hyphenated ("end-February"), not debris.
_LAST_WORD = re.compile(r"(?:^|\s)(?:[^\W_]+|\d[\d,.]*\d)(?:[-–](?:[^\W_]+|\d[\d,.]*\d))*$")
#: A straight quote mark that opens a quotation: at the start or after a space or opening mark, before a word.
_OPENING_QUOTE = re.compile(r"""(?:^|(?<=[\s(\[—–:-]))"(?=[^\W_])""")


#: A figure in a table: digits with their decimal point, thousands separator, sign, currency or percent.
_FIGURE = re.compile(r"[-+(]?[$£€]?\d[\d.,]*%?\)?")


def _question(sent: Span) -> bool:
    """Whether the sentence reads as a question: a wh-word or an auxiliary before its subject, or a tag."""
    ws = words(sent)
    if not ws:
        return True
    if ws[0].tag_ in _QUESTION_OPENERS or ws[0].lower_ in ("how", "whether"):
        return not _subject_clause(ws[0], sent)
    if ws[0].pos_ == "AUX":
        verb = ws[0] if ws[0].dep_ == "ROOT" else ws[0].head
        subj = [c for c in verb.children if c.dep_.startswith("nsubj") or c.dep_ == "expl"]
        if subj and subj[0].i > ws[0].i:
            return True
    tail = [t for t in sent if not t.is_space][-3:]
    return (len(tail) == 3 and tail[0].text == "," and tail[1].pos_ == "AUX") or (
        len(tail) == 3 and tail[1].lower_ in ("n't", "not") and tail[0].pos_ == "AUX"
    )


def _subject_clause(opener: Token, sent: Span) -> bool:
    """Whether the wh-word opens a clause that is the subject of a finite root ("How much it paid was not
    revealed", "What happens next is unclear"): a statement, not a question."""
    root = sent.root
    if root.tag_ not in FINITE_TAGS and not any(c.dep_ in ("aux", "auxpass") for c in root.children):
        return False
    nxt = sent.doc[opener.i + 1] if opener.i + 1 < len(sent.doc) else None
    if nxt is None or nxt.pos_ == "AUX":
        return False  # "How does what he paid matter"
    return any(c.dep_ in ("csubj", "csubjpass") and opener.i < c.i < root.i for c in root.children)


def _ends_clause(last: Token, sent: Span) -> bool:
    """Whether the sentence is a whole clause that could stop at its last word."""
    data = lexicon.load("paragraph_ends")
    if (last.tag_ not in _ENDING_TAGS and not _pronoun_determiner(last)) or last.pos_ == "AUX":
        return False
    active = not any(c.dep_ == "auxpass" for c in last.children)  # "a successor is named" is whole
    if active and last.lemma_ in data["introduces"] and not any(c.dep_ in _COMPLEMENTS for c in last.children):
        return False  # "The winners include", "The minister said": what follows is the list or the quote
    if last.lower_ in data["sign_offs"] or last.like_url or last.like_email:
        return False
    if last.text.islower() and not is_common_word(last.text):
        return False  # "operator whih": a paragraph cut off on a typo, not a finished sentence
    subject = has_subject(sent.root) or any(c.dep_ == "csubjpass" for c in sent.root.children)
    subject = subject or _name_read_as_modal(sent.root)
    return has_main_verb(sent) and subject and len(words(sent)) >= 4


def _name_read_as_modal(root: Token) -> bool:
    """Whether the tagger took a capitalised name for the modal of a past tense ("May said the industry…",
    "Will told reporters…"): no modal governs a past tense, so the word is the verb's subject."""
    past = root.tag_ == "VBD" and not can_be_verb_form(root.text, "VB")
    return past and any(
        c.dep_ == "aux" and c.tag_ == "MD" and c.i < root.i and c.text[:1].isupper() for c in root.children
    )


def _cut_off(last: Token) -> bool:
    """Whether the paragraph's last word waits for words after it: an adverb of degree with nothing to modify
    ("… that you very", "… that she was so"), an adjective after "a" with no noun ("… details of a new"), or a
    subject with no verb ("… an injury that he")."""
    data = lexicon.load("paragraph_ends")
    head = last.head
    if last.lower_ in data["degree_only"]:
        return True
    if last.pos_ == "ADJ" and last.lower_ not in ("few", "little"):
        return any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in last.children)  # "… details of a new"
    if last.lower_ in data["degree"] and last.dep_ == "advmod" and head.lemma_ == "be" and head.i < last.i:
        others = [c for c in head.children if c != last and c.i > head.i and not c.is_punct]
        return not others  # "was so": no complement of "be" for the adverb to be part of
    if last.dep_ in ("nsubj", "nsubjpass") and head.pos_ not in ("VERB", "AUX"):
        return True
    if last.tag_ != "PRP" or "Nom" not in last.morph.get("Case") or last.lower_ in ("it", "you"):
        return False
    inverted = head.pos_ in ("VERB", "AUX") and head.i < last.i  # "and neither did she", "said he"
    return not inverted or any(not (t.is_punct or t.pos_ in ("PART", "ADV")) for t in last.doc[head.i + 1 : last.i])


def _pronoun_determiner(tok: Token) -> bool:
    """A determiner standing for its noun phrase ("as easily as that"), not one cut off before its noun."""
    demonstrative = tok.lower_ in ("that", "this", "these", "those")
    return tok.tag_ == "DT" and demonstrative and tok.dep_ in ("pobj", "dobj", "nsubj", "attr")


def _exempt(text: str, ctx: Context) -> bool:
    """Layouts where a paragraph stops without punctuation by design, or the text is not whole."""
    if _LINK.search(text) or _TABULAR.search(ctx.source[ctx.block.start : ctx.block.end]):
        return True  # a link line; a table or form laid out with spaces
    if _heads_table(text, ctx):
        return True
    if _inside_quotation(text) and not _quotation_goes_on(ctx):
        return True  # a quotation cut off: the paragraph is not whole
    lines = [line.strip() for line in text.split("\n")]
    if len(lines) > 1 and not lines[-2].endswith(_CLOSERS) and lines[-1][:1].isupper():
        return True  # one item a line (a table, a list without bullets)
    # A document whose paragraphs often stop without punctuation (notes under a table, a wire's style
    # sheet) does so by design; damage leaves one or two.
    unstopped = [b for b in ctx.blocks[1:] if b.block.kind == "paragraph" and b.text.rstrip()[-1:].isalnum()]
    return len(unstopped) > 2


def _heads_table(text: str, ctx: Context) -> bool:
    """A paragraph that ends on a row of figures ("… Production -- 1987 1986") or leads into a block of them
    ("Inedible 893.0 920.1"): the head of a table, not a sentence."""
    if all(_FIGURE.fullmatch(w) for w in text.split()[-2:]):
        return True
    cells = ctx.next.text.split() if ctx.next is not None else []
    return len(cells) >= 2 and 2 * sum(_FIGURE.fullmatch(c) is not None for c in cells) >= len(cells)


def _inside_quotation(text: str) -> bool:
    """Whether the paragraph ends inside a quotation it opened: its last quote mark opens one. An odd count
    alone says little: news copy often leaves a mark unpaired earlier in a paragraph."""
    curly = max(text.rfind("“"), text.rfind("”"))
    straight = text.rfind('"')
    if curly > straight:
        return text[curly] == "“"
    if straight < 0:
        return False
    between_spaces = text[straight - 1 : straight].isspace() and text[straight + 1 : straight + 2].isspace()
    return between_spaces or _OPENING_QUOTE.match(text, straight) is not None  # a mark between spaces: unknown


def _quotation_goes_on(ctx: Context) -> bool:
    """Whether the next paragraph opens with a quote mark and a capital: a quotation that runs on over
    paragraphs, each but the last ending without a closing mark."""
    nxt = ctx.next
    opening = nxt.text.lstrip() if nxt is not None else ""
    return nxt is not None and nxt.block.kind == "paragraph" and opening[:1] in ('"', "“") and opening[1:2].isupper()


def _continues(ctx: Context, doc: Doc) -> bool:
    """Whether the next block carries on this paragraph's sentence (FRG003's business, or a lowercase start)."""
    nxt = ctx.next
    if nxt is None or not len(nxt.doc):
        return False
    opening = nxt.doc.text.lstrip()
    if opening[:1].islower() or _GOES_ON.match(opening):
        return True  # goes on in lowercase or after a stray mark ("⏎⏎'s thunder"); or a numbered list follows
    head = next(iter(nxt.doc.sents))
    if nxt.block.kind == "paragraph" and head.text.rstrip().endswith(".") and not has_main_verb(head):
        return True  # "⏎⏎Since January. The firm …": the next block opens with this one's stranded end
    if nxt.block.kind == "paragraph" and reporting_tail(head):
        return True  # "⏎⏎Prices this year, industry sources said.": what is said began in this paragraph
    if nxt.block.kind == "paragraph" and (fragment(head) is not None or _cut_subject(head) or _bare_opening(head)):
        return True  # "⏎⏎That it does not already own.", "⏎⏎Tobacco USA, has been…", "⏎⏎Share block crossed…"
    return _breaks_into(doc, ctx.block.kind, nxt.doc) or _runs_on(nxt)


def _cut_subject(sent: Span) -> bool:
    """Whether a sentence opens with a noun phrase, a comma and a finite verb with no subject after the comma
    ("Tobacco USA, has been given the post"): English sets no single comma between a subject and its verb, so the
    phrase ends one that began before ("… officer of RJ Reynolds⏎⏎Tobacco USA, has been…")."""
    comma = next((t for t in sent if t.text == ","), None)
    if comma is None or comma.i + 1 >= sent.end or comma.i == sent.start:
        return False
    before = sent.doc[sent.start : comma.i]
    if any(t.pos_ in ("VERB", "AUX", "ADP", "SCONJ", "ADV") or t.tag_ in FINITE_TAGS for t in before):
        return False  # an opening phrase or clause ("In May, rose…" is another matter)
    if not any(t.pos_ in ("NOUN", "PROPN") for t in before):
        return False
    verb = verb_after_comma(comma, sent)
    return (verb.tag_ in FINITE_TAGS or verb.tag_ == "MD") and subjectless_after(verb, comma)


def _bare_opening(sent: Span) -> bool:
    """Whether a sentence opens with a capitalised common noun phrase whose head is a singular count noun with no
    determiner ("Share block crossed today…", "Facility arranged last autumn…"): no sentence of edited news opens
    so (news_counts.yaml, count_nouns), but one broken off the paragraph before may go on so."""
    first = sent[0]
    if not first.is_alpha or not first.text[:1].isupper() or is_name(first) or first.pos_ not in ("NOUN", "ADJ"):
        return False
    head = first.head if first.dep_ in ("compound", "amod") else first
    if head.tag_ != "NN" or head.i > first.i + 2 or head.dep_ not in ("nsubj", "nsubjpass", "ROOT"):
        return False
    if any(c.dep_ in ("det", "poss", "nummod") for c in head.children):
        return False
    return head.lower_ in lexicon.counted("count_nouns")


def _runs_on(nxt: Parsed) -> bool:
    """Whether the next paragraph opens with a capitalised word that is no name, in a sentence with no finite
    verb of its own ("⏎⏎Needed for the next generation of batteries") or that opens on its verb with no subject
    ("⏎⏎Remain the most popular"): this paragraph's continuation."""
    first = nxt.doc[0]
    if nxt.block.kind != "paragraph" or not first.is_alpha or not first.text[:1].isupper() or is_name(first):
        return False
    head = next(iter(nxt.doc.sents))
    clause = first.head if first.dep_ in ("aux", "auxpass") else first  # "Does anyone think": a question
    return not has_main_verb(head) or (first.tag_ in FINITE_TAGS and not has_subject(clause))


#: Word classes a sentence seldom opens on but a sentence often goes on with ("… in the valley⏎⏎Cope with …").
_RUN_ON_OPENERS = frozenset({"ADP", "VERB", "AUX", "SCONJ", "CCONJ", "PART"})


def _may_run_on(doc: Doc, ctx: Context) -> bool:
    """Whether the next paragraph opens on a word that could carry this paragraph's sentence on (a preposition,
    a verb, a conjunction): then a stop here and a join are both repairs, and the stop is not the one answer."""
    nxt = ctx.next
    if nxt is None or nxt.block.kind != "paragraph" or not len(nxt.doc):
        return False
    first = nxt.doc[0]
    if _role_then_name(list(doc.sents)[-1], first):
        return True  # "… the bank's new chairman⏎⏎Nimal Sandaratne told Reuters": a title and its name, broken
    if first.pos_ in _RUN_ON_OPENERS or first.tag_ in ("VBN", "VBG"):
        whole = first.lower_ != "of" and not _verbless_conjunct(list(doc.sents)[-1])
        return not (whole and _opening_phrase_then_clause(next(iter(nxt.doc.sents))))
    return _loose_opening(first)


def _role_then_name(sent: Span, first: Token) -> bool:
    """Whether the paragraph ends on a word for a role ("chairman", "spokesman") and the next opens with a name:
    news writes the two together ("its chairman Nimal Sandaratne told…"), so the break may have cut them apart."""
    last = [t for t in sent if not t.is_punct and not t.is_space][-1:]
    if not last or last[0].pos_ != "NOUN" or not role_noun(last[0].lower_):
        return False
    return first.is_alpha and first.text[:1].isupper() and (entity_type(first) == "PERSON" or is_name(first))


def _verbless_conjunct(sent: Span) -> bool:
    """Whether a sentence ends on a clause's conjunction, after its comma, with no verb after it ("…that year,
    but despite threats"): the clause it opens has not come yet (not "both when he was … and during his term")."""
    cc = next((t for t in reversed(sent) if t.lower_ in ("and", "but", "or", "yet") and t.pos_ == "CCONJ"), None)
    if cc is None or cc.i == 0 or cc.doc[cc.i - 1].text != ",":
        return False
    return not any(t.pos_ in ("VERB", "AUX") for t in sent.doc[cc.i + 1 : sent.end])


def _opening_phrase_then_clause(sent: Span) -> bool:
    """Whether a sentence opens with a phrase closed by a comma, then its main clause with its own subject and a
    finite verb that says something of its own ("⏎⏎In an interview on Saturday, the rapper described…",
    "⏎⏎Unveiling the slogan, he said there was…"): a sentence that begins there, whose opening phrase no sentence
    before can take as well. Not where the clause is only a source saying nothing ("⏎⏎On Friday, officials
    said."), which the phrase may close instead."""
    root = sent.root
    # (a time phrase may open it without its comma: "⏎⏎In March President Reagan announced the sanctions…")
    comma = next((t for t in sent if t.text == ","), None) or _time_phrase_end(sent)
    if comma is None or root.pos_ not in ("VERB", "AUX") or root.i < comma.i or reporting_tail(sent):
        return False
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    finite = finite_verb(root)
    if len(subjects) != 1 or comma.i >= subjects[0].left_edge.i or finite is None or subjects[0].i > finite.i:
        return False
    if comma.text != "," and subjects[0].left_edge.i != comma.i + 1:
        return False  # a time phrase without its comma must run straight into the subject
    # what the clause says: an object or complement of its verb ("…, it said." says nothing: the phrase before
    # may be what was said, cut from the paragraph before), or a phrase of a verb that reports nothing ("…, it is
    # based around a series of gunfights"; not "…, he said on Monday")
    if any(c.dep_ in _SAYS and c.i > root.i for c in root.children):
        return True
    reporting = root.lemma_ in lexicon.load("reporting_verbs")["lemmas"]
    return not reporting and any(c.dep_ == "prep" and c.i > root.i and not _timed(c) for c in root.children)


def _time_phrase_end(sent: Span) -> Token | None:
    """The last word of a time phrase that opens the sentence without a comma ("⏎⏎In March President Reagan
    announced…"): a preposition whose object is a date, hung on the root."""
    first = sent[0]
    dated = any(c.dep_ == "pobj" for c in first.children) and _timed(first)
    if first.pos_ != "ADP" or first.head != sent.root or not dated:
        return None
    return sent.doc[first.right_edge.i]


def _timed(prep: Token) -> bool:
    """Whether a prepositional phrase only says when ("on Monday", "in 2003")."""
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    return not objects or any(entity_type(o) in ("DATE", "TIME") for o in objects)


#: The dependents of a verb that make its clause say something of its own.
_SAYS = frozenset({"ccomp", "dobj", "xcomp", "attr", "acomp", "oprd", "dative", "parataxis"})


#: Words that open a new sentence's subject and never carry a sentence on from a paragraph before.
_SUBJECT_OPENERS = frozenset({"the", "this", "these", "those", "that", "a", "an", "its", "their", "his", "her", "our"})


def _loose_opening(first: Token) -> bool:
    """Whether the next paragraph opens on a common word (not a name, pronoun or article) that the paragraph
    before may have lost: the noun phrase it opens is not followed by a finite verb that agrees with it, with no
    comma between ("⏎⏎Prices this year, industry sources said.", "⏎⏎Reserves lies in the Gulf", "⏎⏎Each week
    while…"); "⏎⏎Beet supplies have dried up" opens a sentence of its own. Read from the words' tags, not the
    parse, which hangs a noun before its verb in odd places ("Talks resume": a compound)."""
    if not first.is_alpha or first.lower_ in _SUBJECT_OPENERS or first.pos_ == "PRON" or is_name(first):
        return False
    if first.tag_ not in ("NN", "NNS", "NNP", "NNPS", "JJ", "JJR", "JJS", "DT"):
        return False  # "However, …", "Almost 50% of …": an adverb opens a sentence of its own
    if _parsed_subject(first):
        return False  # "⏎⏎Hundreds of firms have asked…"
    doc, i = first.doc, first.i
    while i < len(doc) and (doc[i].tag_ in _PHRASE_TAGS or doc[i].lower_ in ("and", "&")):
        i += 1
    nouns = [t for t in doc[first.i : i] if t.tag_ in ("NN", "NNS", "NNP", "NNPS")]
    while i < len(doc) and doc[i].tag_ == "RB":
        i += 1  # "Analysts also said"
    if not nouns or i >= len(doc) or doc[i].tag_ not in FINITE_TAGS:
        return True
    plural = nouns[-1].tag_ in ("NNS", "NNPS") or any(t.lower_ in ("and", "&") for t in doc[first.i : i])
    return _disagrees(doc[i], plural)


def _parsed_subject(first: Token) -> bool:
    """Whether the parse makes the phrase ``first`` opens the subject of a finite verb after it that agrees with
    its head, with no comma between."""
    head = first
    while head.dep_ in ("compound", "amod", "det", "nummod", "poss") and head.head.pos_ in ("NOUN", "PROPN"):
        head = head.head
    verb = head.head
    if head.dep_ not in ("nsubj", "nsubjpass") or verb.i < head.i:
        return False
    finite = finite_verb(verb)
    if finite is None or any(t.text == "," for t in first.doc[first.i : finite.i]):
        return False
    return not _disagrees(finite, head.tag_ in ("NNS", "NNPS") or any(c.dep_ == "cc" for c in head.children))


def _disagrees(finite: Token, plural: bool) -> bool:
    """Whether a present tense shows the other number than its subject's."""
    return (finite.tag_ == "VBZ" and plural) or (finite.tag_ == "VBP" and not plural)


#: The tags of a noun phrase's words before its verb ("Today's special session", "Beer and spirits").
_PHRASE_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "JJ", "JJR", "JJS", "CD", "DT", "PRP$", "POS", "HYPH", "VBG"})


def _long_sentence(sent: Span, ctx: Context) -> bool:
    """Whether a paragraph of one sentence is long enough to be prose where it stands. A first block may be a
    headline; a last one may be a credit or an author's note, which says who someone is or names a programme
    or a source at its end ("Jane Smith is a regular commentator on …", "… on the programme, Go Digital")."""
    n = len(words(sent))
    if ctx.index == 0 and n < _MIN_WORDS_FIRST:
        return False
    if ctx.next is None and (n < _MIN_WORDS_LAST or sent.root.lemma_ == "be" or words(sent)[-1].tag_ == "NNP"):
        return False
    return n >= _MIN_WORDS


def _may_lack_stop(text: str) -> bool:
    """PUN001's trigger: the paragraph stops on a letter or digit, and is not a layout ``_exempt`` leaves alone
    for its text alone (a link, one item a line)."""
    text = text.rstrip()
    if not text[-1:].isalnum() or _LINK.search(text):
        return False
    lines = [line.strip() for line in text.split("\n")]
    return not (len(lines) > 1 and not lines[-2].endswith(_CLOSERS) and lines[-1][:1].isupper())


@rule(
    code="PUN001",
    trigger=_may_lack_stop,
    name="missing-final-stop",
    message="The paragraph ends without a full stop; add one.",
    examples=[
        Example(
            good="Title\n\nThe post went to Gerald Long, senior executive officer of RJ Reynolds\n\nTobacco USA, has "
            "been given the job, the company said."
        ),
        Example(
            bad="Title\n\nInterest rates will fall later this year as inflation eases, said the bank's new [[chairman]]"
            "\n\nNimal Sandaratne told Reuters.",
            fixed="Title\n\nInterest rates will fall later this year as inflation eases, said the bank's new chairman."
            "\n\nNimal Sandaratne told Reuters.",
            unsafe=True,
        ),
        Example(
            good="Output of tallow in the season, which began on Jan 1, was as follows, in mln lbs -- 1987 1986"
            "\n\nInedible 893.0 920.1\n\nEdible 208.3 274.7"
        ),
        Example(
            bad="The council approved the budget on Tuesday. Work on the new library will start in [[May]]",
            fixed="The council approved the budget on Tuesday. Work on the new library will start in May.",
        ),
        Example(
            bad="Title\n\nShares in the company fell by a third after the profit warning was [[issued]]\n\nIt "
            "was the firm's third warning this year.",
            fixed="Title\n\nShares in the company fell by a third after the profit warning was issued.\n\nIt "
            "was the firm's third warning this year.",
        ),
        Example(
            bad="Title\n\nThe minister said the talks had gone well and that a deal was close, officials [[said]]\n\n"
            "Markets rose.",
            fixed="Title\n\nThe minister said the talks had gone well and that a deal was close, officials said.\n\n"
            "Markets rose.",
        ),
        Example(
            bad="Title\n\nOfficials believe the new rules will help the farmers who work the land in the [[valley]]"
            "\n\nIn the north, there has been no rain for three years.",
            fixed="Title\n\nOfficials believe the new rules will help the farmers who work the land in the valley."
            "\n\nIn the north, there has been no rain for three years.",
            unsafe=True,
        ),
        Example(
            bad="Title\n\nThe mayor refused to apologise. Neither party would comment directly on the [[reports]]",
            fixed="Title\n\nThe mayor refused to apologise. Neither party would comment directly on the reports.",
        ),
        Example(
            bad="Shares in the airline fell sharply on Monday after the carrier cut its forecast for the year, "
            "analysts at the bank [[said]]\n\nThe carrier blamed fuel costs.",
            fixed="Shares in the airline fell sharply on Monday after the carrier cut its forecast for the year, "
            "analysts at the bank said.\n\nThe carrier blamed fuel costs.",
        ),
        Example(
            bad='Title\n\nThe fans sang. He said: "We were losing at [[half-time]]\n\n"We had a mountain to climb."',
            fixed='Title\n\nThe fans sang. He said: "We were losing at half-time.\n\n"We had a mountain to climb."',
        ),
        Example(
            bad="Title\n\nCoffee prices slid in March, to 1,279 stg from 1,580 stg at [[end-February]]\n\nIt fell.",
            fixed="Title\n\nCoffee prices slid in March, to 1,279 stg from 1,580 stg at end-February.\n\nIt fell.",
        ),
        Example(
            bad="Title\n\nThe deal closed. How much the bank paid for the firm was not [[disclosed]]\n\nIt fell.",
            fixed="Title\n\nThe deal closed. How much the bank paid for the firm was not disclosed.\n\nIt fell.",
        ),
        Example(good="Ministers reject calls for an inquiry into the contract award\n\nThe row goes on."),
        Example(
            good="Title\n\nProfits rose.\n\nYou can hear more from Jane Smith on the BBC World Service, Go Digital"
        ),
        Example(good='Title\n\nProfits rose.\n\nThe fans sang. He said: "We were losing at half-time and they were'),
        Example(good="Title\n\nThe deal closed.\n\nHow much did the firm pay for the site and who approved it"),
        Example(good="Title\n\nThe leaders of the three largest parties in the assembly include\n\n- Jane Smith"),
        Example(good="Title\n\nIs this the end of the road for the party and its leader after the vote"),
        Example(good="Title\n\nWhy the government has decided to delay the vote on the new treaty again"),
        Example(good="Title\n\nThe report was published online by the ministry at www.gov.uk"),
        Example(good="Title\n\nThe minister said the talks on the budget had gone well but\n\nofficials disagreed."),
        Example(
            good="Title\n\nThe council has approved the plan after months of debate among residents\n\n"
            "Despite strong objections from shop owners. Work starts in May."
        ),
        Example(good="Title\n\nBy Jane Smith, political correspondent\n\nPhoto: Reuters"),
        Example(good="Title\n\nThe minister said the talks had gone well, the company said Reuter"),
        Example(
            good="Title\n\nProfits rose.\n\nHe is a regular commentator on the BBC World Service programme, Go Digital"
        ),
        Example(
            good="Title\n\nThe seeds reached the last eight, as they had in the previous two years\n\n1 Roger Federer"
        ),
        Example(
            good="Notes\n\nThe final dividend of 8.30 guilders is payable June 16 to holders of record May 26\n\n"
            "The dollar amount of the dividend will depend on the exchange rate on May 14\n\n"
            "Fourth quarter figures for the group are translated from sterling at the average rate"
        ),
        Example(good="Title\n\n- The minister said the talks on the budget had gone well"),
        Example(good="Title\n\nThe minister said [the talks](http://example.com)", markup="markdown"),
        Example(
            good="Title\n\nThe couple met at a party.\n\nTHE MOMENT SHE KNEW HER MARRIAGE WAS OVER AFTER TWENTY "
            "YEARS WITH HIM\n\nShe says it happened over breakfast on an ordinary Tuesday.",
            markup="markdown",
        ),
        Example(good="Title\n\nThe singer told the crowd in Cardiff that she loved them and that you very\n\nI wept."),
        Example(good="Title\n\nThe manager admitted that the performance of his players had been so\n\nHe left."),
        Example(good="Title\n\nThe club said the striker would be out for six weeks with an injury that he\n\nIt is."),
        Example(
            good="Title\n\nResearchers said the new funding would allow them to develop technology\n\n"
            "Needed for the next generation of electric cars and buses\n\nThe project starts in May."
        ),
        Example(
            bad="Title\n\nThe union would not say whether its members would strike, and neither did the [[employers]]"
            "\n\nTalks resume on Monday.",
            fixed="Title\n\nThe union would not say whether its members would strike, and neither did the employers."
            "\n\nTalks resume on Monday.",
        ),
        Example(
            bad="Title\n\nThe actress thanked her fans for their support and said she would miss them [[too]]"
            "\n\nShe flies home on Friday.",
            fixed="Title\n\nThe actress thanked her fans for their support and said she would miss them too."
            "\n\nShe flies home on Friday.",
        ),
    ],
)
def missing_final_stop(doc: Doc, ctx: Context) -> Iterator[Finding]:
    """A prose paragraph whose last sentence is a whole clause and stops on a word or number, with no full stop.

    ## Why
    Rewriting tools drop the stop at the end of a paragraph; the next paragraph then reads as a run-on.

    ## Fix safety
    Safe: a full stop goes after the last word. Only body paragraphs count (not headings, list items or
    table cells), and only when the paragraph has another sentence or one long enough to be prose where it
    stands: 12 words in mid-document, 20 for a first block (a headline in sentence case is shorter), 15 for
    a last block that neither says who someone is nor ends on a name (a sign-off or author's note). The
    last sentence must have a subject (a name the tagger reads as the modal of a past tense is one: "May
    said …") and a finite verb and stop on a word a sentence can end on, not on
    one that waits for words after it: an adverb of degree with nothing to modify ("… that you very", "…
    had been so"; data: paragraph_ends.yaml), an adjective after "a" with no noun ("… of a new"), or a
    subject with no verb ("… an injury that he"). A
    paragraph that ends inside a quotation counts only when the next one opens with a quote mark (a
    quotation running on over paragraphs). Left alone: questions without "?" (but "How much it paid was not
    revealed" is a statement), lines that introduce a list ("The winners include"), credits, links, a
    closing quote mark or bracket, a quotation cut off, a one-line heading, caption or standalone line before a
    paragraph of prose (in capitals or title case: "Why The Star Says She Will Never…"), tables and
    one-item-a-line layouts, documents where three or more paragraphs stop without punctuation (a house
    style, not damage), and a paragraph that goes
    on in the next block (FRG003's business; or a next paragraph that opens with a capitalised word that is
    no name, in a sentence with no finite verb or none with a subject: "⏎⏎Needed for the next generation of
    batteries"; or one whose first sentence is a stranded clause, a subject cut from its verb by a comma,
    "⏎⏎Tobacco USA, has been given the post", or a singular count noun with no determiner, "⏎⏎Facility arranged
    last autumn, …", news_counts.yaml, count_nouns) or before a numbered list.
    Unsafe when the next paragraph opens on a word a sentence can go on with (a preposition, a verb, a conjunction: "…
    in the valley⏎⏎Cope with the drought, …"), or on a common word whose noun phrase is no subject that agrees with a
    finite verb after it, with no comma between ("… coal base⏎⏎Prices this year, industry sources said.", "… world
    oil⏎⏎Reserves lies in the Gulf"), or on a name after a paragraph that ends on a word for a role ("… the bank's new
    chairman⏎⏎Nimal Sandaratne told Reuters"): the paragraph may have been broken in mid-sentence, so a stop and a join
    are both repairs; but safe where that opening word (not "of", which a noun before it may take) leads a phrase closed
    by a comma (or a time phrase without one: "⏎⏎In March President Reagan announced…") and then a main clause with its
    own subject that says something of its own: an object or complement, or a phrase of a verb that reports nothing
    ("⏎⏎In an interview on Friday, she said the labels…", "⏎⏎Unveiling the slogan, he said…", "⏎⏎Geared towards online
    gamers, it is based around…"), after a paragraph whose last conjunction has its clause ("…that year, but despite
    threats" has not): a sentence begins there. Left to FRG003 where the next paragraph only ends a reported clause
    ("⏎⏎In early trading on Monday, the company said.").
    """
    text = doc.text.rstrip()
    if ctx.block.kind != "paragraph" or not text[-1:].isalnum() or _exempt(text, ctx):
        return
    if looks_like_heading(doc, ctx.next.doc if ctx.next is not None else None):
        return  # a heading, caption or standalone line in all but markup ("PRIVATE JETS", "Scroll Down For Video")
    sents = list(doc.sents)
    last_sent = sents[-1]
    last = [t for t in last_sent if not t.is_space][-1]
    if len(sents) < 2 and not _long_sentence(last_sent, ctx):
        return  # a long headline in sentence case; a sign-off or author's note at the end
    word = _LAST_WORD.search(text)
    if word is None or not (last.is_alpha or last.like_num):
        return  # "dlrs.s", "year.^M": debris, not a word
    if _cut_off(last) or not _ends_clause(last, last_sent) or _question(last_sent) or _continues(ctx, doc):
        return
    base, end = ctx.block.start, len(text)
    line_end = ctx.source.find("\n", base + end)
    rest = ctx.source[base + end : len(ctx.source) if line_end < 0 else line_end]
    start = word.end() - len(word.group().lstrip())
    if rest.strip() or ctx.source[base + start : base + end] != text[start:]:
        return  # markup (a link, emphasis) closes the paragraph: the stop would go inside it
    yield ctx.finding(start, end, text[start:] + ".", safety=Safety.UNSAFE if _may_run_on(doc, ctx) else None)
