"""The learned damage detector: one more source of evidence inside the rule families, never a rule of its own.

A token tagger trained on clean BBC and Reuters news with damage put in (train/: generator, config, `make
train`; the model card is copyedit/models/damage/MODEL_CARD.md) labels the token that carries a repair. Each
label belongs to a family and becomes a finding of that family's code and documentation, with an edit made here
deterministically, as the rules make theirs: the case of a joined word from `joined_case`, word forms from
lemminflect, the possessive in the document's style. Only a sure hit is reported, as a safe fix: its probability
at or above the label's safe bar, calibrated on held-out synthetic damage and clean news (thresholds.json beside
the weights), its label not one that clean news showed wrong (rules/data/detector_safety.yaml), and no veto's
doubt. Below that the detector is silent: such hits were wrong far more often than right on clean news. The rules
keep their vetoes (only prose paragraphs, never a name changed, no verb inside a direct quotation, questions,
whole sentences, British collective nouns) and go first: the engine drops a learned finding that overlaps a rule's.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from copyedit.checks.agreement import VERB_SWAP, cased, subjunctive
from copyedit.checks.verbs import adverb_of, after_be, do_support
from copyedit.inflection import getAllLemmas, getInflection
from copyedit.model import Finding, Safety
from copyedit.syntax import (
    can_be_verb_form,
    doc_text,
    fragment,
    in_direct_quotation,
    is_main_clause,
    is_name,
    joined_case,
)

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

    from copyedit.rule import Context

MODEL = Path(__file__).resolve().parent / "models" / "damage"
#: COPYEDIT_DETECTOR=off leaves the detector out (the rules alone); =only runs it without the rules of the
#: families it serves (the detector alone). Both are for measuring the two against each other (bench/).
MODE = os.environ.get("COPYEDIT_DETECTOR", "on")
ENABLED = MODE != "off"
#: Each label's family code.
CODES = {
    "STOP_DEL": "FRG001",
    "STOP_COMMA": "FRG002",
    "POSS": "POS001",
    "VB": "VRB001",
    "VBN": "VRB001",
    "VBG": "VRB001",
    "V_SING": "AGR001",
    "V_PLUR": "AGR001",
    "N_SING": "AGR002",
    "N_PLUR": "AGR002",
    "D_SING": "AGR002",
    "D_PLUR": "AGR002",
}
_DETERMINERS = {"D_SING": {"these": "this", "those": "that"}, "D_PLUR": {"this": "these", "that": "those"}}
#: Block kinds the detector reads: prose paragraphs and quotations (not headings, tables, list items or titles).
KINDS = ("paragraph", "quote")


@cache
def load() -> Language | None:
    """The shipped pipeline, loaded once; None when it is not there (a source tree before `make train`)."""
    if not ENABLED or not (MODEL / "config.cfg").is_file():
        return None
    import spacy
    from thinc.api import use_ops

    from copyedit.inference import speed_up

    with use_ops("numpy", use_blis=False):
        model = spacy.load(MODEL)
    speed_up(model.get_pipe("tok2vec").model)
    return model


@cache
def thresholds() -> dict[str, dict[str, float]]:
    """Each label's calibrated probabilities for a safe and an unsafe fix (thresholds.json)."""
    path = MODEL / "thresholds.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}


def available(codes: set[str]) -> bool:
    """Whether the detector is there and one of its families is selected."""
    return load() is not None and bool(codes & set(CODES.values()))


_KEY = "copyedit_detector"


#: Docs the detector reads at once: more is no faster, and 128 raised a worker's peak memory by about 100 MB.
BATCH = 32


def annotate(docs: list[Doc]) -> None:
    """Run the detector over the Docs that have no answer yet, in batches of BATCH, and keep each answer on its
    Doc (a Doc given twice is read once)."""
    todo = list({id(d): d for d in docs if _KEY not in d.user_data}.values())
    for lo in range(0, len(todo), BATCH):
        batch = todo[lo : lo + BATCH]
        for d, row in zip(batch, predict(batch), strict=True):
            d.user_data[_KEY] = row


def hits(doc: Doc) -> list[tuple[int, str, float]]:
    """(token index, label, probability) of each token whose best label is not "O" and clears its unsafe bar."""
    if _KEY not in doc.user_data:
        annotate([doc])
    return doc.user_data[_KEY]  # type: ignore[no-any-return]


def predict(docs: list[Doc]) -> list[list[tuple[int, str, float]]]:
    """The detector over Docs of another pipeline (the engine's parses): the same words, its own model."""
    model = load()
    if model is None:
        return [[] for _ in docs]
    bars = thresholds()
    labels = model.get_pipe("tagger").labels
    out = []
    for probs in probabilities(model, docs):
        row = []
        for i, best in enumerate(probs.argmax(axis=1)):
            label, p = labels[best], float(probs[i, best])
            if label in CODES and p >= bars.get(label, {}).get("unsafe", 1.1):
                row.append((i, label, p))
        out.append(row)
    return out


def probabilities(model: Language, docs: list[Doc]) -> list[Any]:
    """Per Doc, an array of each token's probability for each of the tagger's labels."""
    from spacy.tokens import Doc as SpacyDoc

    from copyedit.nlp import _one_thread

    own = [SpacyDoc(model.vocab, words=words, spaces=spaces) for words, spaces in map(_words, docs)]
    present = [d for d in own if len(d)]
    with _one_thread():
        present = list(model.get_pipe("tok2vec").pipe(present))
        scores = iter(model.get_pipe("tagger").model.predict(present) if present else [])
    import numpy

    n = len(model.get_pipe("tagger").labels)
    return [_softmax(next(scores)) if len(d) else numpy.zeros((0, n)) for d in own]


def _words(doc: Doc) -> tuple[list[str], list[bool]]:
    """The Doc's words and which of them a space follows, cut from its text by offset: a Token object per word
    (what iterating the Doc makes) cost about a tenth of the detector's time."""
    from spacy.attrs import IDX, LENGTH, SPACY

    text = doc_text(doc)
    rows = doc.to_array([IDX, LENGTH, SPACY]).tolist()
    return [text[i : i + n] for i, n, _ in rows], [bool(s) for _, _, s in rows]


def _softmax(scores: Any) -> Any:
    import numpy

    scores = numpy.asarray(scores, dtype="float64")
    exp = numpy.exp(scores - scores.max(axis=1, keepdims=True))
    return exp / exp.sum(axis=1, keepdims=True)


def findings(doc: Doc, contexts: dict[str, Context]) -> Iterator[Finding]:
    """The detector's findings in one block, for the families in ``contexts`` (code → the rule's Context)."""
    if not contexts:
        return
    first = next(iter(contexts.values()))
    if first.block.kind not in KINDS:
        return
    bars = thresholds()
    for i, label, p in hits(doc):
        ctx = contexts.get(CODES[label])
        if ctx is None:
            continue
        made = _edit(doc[i], label, ctx)
        if made is None:
            continue
        start, end, replacement, doubt = made
        # Only a sure hit is reported, as a safe fix: below the safe bar (or for a label never safe, or a doubtful
        # edit) the hits on clean news were wrong far more often than right (rules/data/detector_safety.yaml), and
        # the rules' look-alikes drew them; the detector stays silent there and the rules speak.
        if p < bars[label]["safe"] or doubt or label in _never_safe():
            continue
        message = f"{_MESSAGES[label]} (learned detector, p={p:.2f})"
        yield ctx.finding(start, end, replacement, message=message, safety=Safety.SAFE)


_MESSAGES = {
    "STOP_DEL": "A full stop inside a sentence; remove it",
    "STOP_COMMA": "A clause or phrase stands as a sentence of its own; join it with a comma",
    "POSS": "A name or noun that owns the next one lacks its possessive ’s",
    "VB": "After its auxiliary this verb takes the base form",
    "VBN": "After its auxiliary this verb takes the past participle",
    "VBG": "After “be” this verb takes the -ing form",
    "V_SING": "This verb does not agree with its subject; make it singular",
    "V_PLUR": "This verb does not agree with its subject; make it plural",
    "N_SING": "The determiner asks for the singular",
    "N_PLUR": "The determiner asks for the plural",
    "D_SING": "The noun is singular; so is its determiner",
    "D_PLUR": "The noun is plural; so is its determiner",
}


def _edit(tok: Token, label: str, ctx: Context) -> tuple[int, int, str, bool] | None:
    """The edit for a label on ``tok`` (offsets in the block), with whether it is doubtful (at most unsafe)."""
    doc = tok.doc
    if label in ("STOP_DEL", "STOP_COMMA"):
        if tok.text != "." or tok.i == 0 or tok.i + 1 >= len(doc):
            return None
        nxt, prev = doc[tok.i + 1], doc[tok.i - 1]
        if not (nxt.is_alpha and (prev.is_alpha or prev.like_num)) or "\n" in tok.whitespace_:
            return None
        if prev.pos_ == "ADP" and _stranded(prev):
            return None  # "… what investors have been waiting for. The bottom …": a preposition may end a sentence
        if _question_follows(nxt) or _whole_wh_sentence(nxt):
            return None  # "… manager. Which candidate will they pick?": a question is no stranded clause
        if nxt.lower_ in _CONJUNCTIONS and label == "STOP_DEL":
            return None  # "… Relations. And Fat Albert …": a sentence may open with "And" or "But"
        mark = "," if label == "STOP_COMMA" else ""
        # two whole sentences ("… believed that. Turnout fell …") may be right as they stand: at most unsafe;
        after = _sentence_from(nxt)
        # a phrase standing alone ("He waited. For years.") is often a writer's choice: at most unsafe
        phrase = nxt.pos_ == "ADP" and not any(t.pos_ in ("VERB", "AUX") for t in after)
        # an order after a whole sentence ("Thank you. Have a nice day.") stands alone too
        order = nxt.tag_ == "VB" and after.root == nxt and not any(c.dep_ == "nsubj" for c in nxt.children)
        order = order and can_be_verb_form(nxt.lower_, "VB")  # (not "Rose sharply", a past tense read as an order)
        doubt = label == "STOP_DEL" and (_whole(after) or phrase or order)
        doubt = doubt or (label == "STOP_COMMA" and not _joins_back(tok, after))
        return tok.idx, nxt.idx + 1, mark + tok.whitespace_ + joined_case(nxt), doubt
    if not tok.is_alpha:
        return None
    word = tok.text
    if label == "POSS":
        if tok.i + 1 >= len(doc) or not doc[tok.i + 1].is_alpha or word.lower().endswith("s"):
            return None  # after a final s the form is a house style: the rule POS001 decides those
        if tok.i > 0 and doc[tok.i - 1].lower_ in ("last", "next", "this", "every", "each"):
            return None  # "Last month major studios…": a time adverbial, not an owner
        owned = doc[tok.i + 1]
        while owned.dep_ in ("compound", "amod", "nummod") and owned.head.i > owned.i:
            owned = owned.head  # "Southwark crown court", "Europe biggest banks": the phrase's head
        if _not_owned(owned):
            return None  # "Southwark crown court", "Alicia Keys onstage": a modifier, or nothing owned
        opener = tok.i > 0 and doc[tok.i - 1].pos_ == "ADP" and doc[tok.i - 1].is_sent_start
        after = doc[owned.i + 1] if owned.i + 1 < len(doc) else None
        if opener and after is not None and after.tag_ in ("VBZ", "VBP", "VBD", "MD"):
            return None  # "In Sweden beet growth was slow": an opening phrase without its comma, then the subject
        doubt = not (_name_owner(tok, owned) or _common_noun_owner(tok, owned))
        return tok.idx, tok.idx + len(word), f"{word}{ctx.apostrophe}s", doubt
    if label in _DETERMINERS:
        new = _DETERMINERS[label].get(word.lower())
        noun = _noun_after(tok)
        if new is None or noun is None or noun.tag_ != ("NN" if label == "D_SING" else "NNS"):
            return None  # the determiner takes the number of the noun it stands before: one must be there
        after = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
        if (
            after is not None
            and after.is_alpha
            and _noun_number(after.lower_) == ("plural" if label == "D_SING" else "singular")
        ):
            return None  # "these search queries": the noun may be a modifier of the next word, read as a verb
        return tok.idx, tok.idx + len(word), cased(word, new), False
    if is_name(tok) and not tok.is_sent_start:
        return None  # a name keeps its form
    if tok.i + 1 < len(doc) and doc[tok.i + 1].text in ("-", "–") and not tok.whitespace_:
        return None  # "made-made", "low-cost": part of a hyphenated word
    if not _plausible(tok, label):
        return None
    if label in ("N_SING", "N_PLUR") and ctx.next is not None and all(t.is_space for t in doc[tok.i + 1 :]):
        return None  # "given these two extra¶¶days": a block that stops on the word may go on in the next one
    new = _form(word.lower(), label)
    if new is None or new == word.lower():
        return None
    doubt = label.startswith(("V", "VB")) and in_direct_quotation(tok)
    return tok.idx, tok.idx + len(word), cased(word, new), doubt


def _joins_back(stop: Token, after: Span) -> bool:
    """Whether the words after a full stop are a fragment that FRG002 would join to the sentence before it: a
    clause or phrase by the rule's reading ("Assuming the offering had occurred in January, income would…" is a
    sentence), going backward (an opening clause between two sentences may open the next one: "After arriving
    home. She was given…"), and a "who" clause after a word for people ("…a long-term agreement. Who benefits from
    that." is a question without its mark)."""
    from copyedit.checks.fragments import _join_direction, _personal

    frag = fragment(after)
    if frag is None:
        return False
    doc = stop.doc
    following = _sentence_from(doc[after.end]) if after.end < len(doc) else None
    if _join_direction(after, frag.kind, frag.lead, _sentence_before(stop), following) != "backward":
        return False
    return not (frag.lead.lower_ in ("who", "whom") and not _personal(doc[stop.i - 1]))


def _name_owner(owner: Token, owned: Token) -> bool:
    """Whether a possessive would go on a name of the kind POS001 makes an owner: a proper noun that opens its
    phrase (not "the company cash dividend", "the Reagan administration request"), not an acronym, which wire copy
    uses as a modifier ("VW ordinary share capital"), before a noun that is no role and no list ("Ecuador energy
    and mines minister": a false title), with no classifying adjective before a noun news may leave bare ("West
    Germany monetary policy"), and not closing an opening phrase before its subject ("in Britain most firms are").
    POS001's own tests, where the detector's evidence is its probability."""
    from copyedit.checks.possessive import (
        _name_start,
        _opens_subject,
    )

    doc = owner.doc
    first = _name_start(owner)
    if _opens_subject(first, owned):
        return False  # "and in Britain most small firms are…": an opening phrase without its comma, then the subject
    before = doc[first.i - 1] if first.i > 0 else None
    if owner.pos_ != "PROPN" or owner.text.isupper() or (before is not None and before.tag_ in ("DT", "PRP$")):
        return False
    return _ownable(owner, owned)


def _ownable(owner: Token, owned: Token) -> bool:
    """Whether the phrase after ``owner`` up to its head ``owned`` may be owned, not describe the kind of thing:
    no list, no classifying adjective before a noun news may leave bare, and no role."""
    from copyedit.checks.possessive import _counted, degree_adjective, owning_word, role_noun

    phrase = []  # the words of the owned phrase, up to its first word that is no noun, adjective or conjunction
    for t in owner.doc[owner.i + 1 : owner.i + 8]:
        if t.tag_ not in ("NN", "NNS", "JJ", "CC", "HYPH"):
            break
        phrase.append(t)
    if any(t.tag_ == "CC" for t in phrase):
        return False
    # a classifying adjective ("West Germany monetary policy") keeps a name a modifier, unless the noun is one that
    # news never leaves bare; an adjective of degree ("China rapid growth", "Israel controversial wall") or one that
    # places the thing among its owner's own ("Turkey current loan") does not
    classifying = [t for t in phrase if t.tag_ == "JJ" and not (degree_adjective(t.lower_) or owning_word(t.lower_))]
    if classifying and not _counted(owned):
        return False
    return not any(role_noun(t.lower_) for t in [*phrase, owned] if t.tag_ in ("NN", "NNS"))


def _common_noun_owner(owner: Token, owned: Token) -> bool:
    """Whether a possessive would go on a common noun after "the" that edited news gives its "'s" before a ranked
    phrase and never leaves bare there (news_counts.yaml, common_owners: "the country's foreign debt", "the
    company's primary objective"), before an adjective and the rest of a noun phrase: where POS001 wants a
    superlative or ordinal after it, the detector's probability is the evidence that the phrase is owned ("the
    country modest expansion") and not a description of the thing ("the world economic outlook", which it does
    not flag)."""
    from copyedit.checks.possessive import _common_owners

    doc = owner.doc
    after_the = owner.i > 0 and doc[owner.i - 1].lower_ == "the"
    common = owner.tag_ == "NN" and owner.text.islower() and owner.text in _common_owners()
    # an adjective next: none stands between a noun that modifies and its head, as a noun does ("the company cash
    # dividend", "the state of the nation speech")
    described = doc[owner.i + 1].tag_ in ("JJ", "JJR", "JJS")
    noun = owned.i > owner.i and owned.tag_ in ("NN", "NNS")
    return after_the and common and described and noun and _ownable(owner, owned)


def _stranded(prep: Token) -> bool:
    """Whether the sentence before a preposition leaves a gap it may close (TYP001's test: a wh-word or relative
    "that", a passive participle, a relative clause without its word)."""
    from copyedit.checks.typography import _may_strand

    return _may_strand(prep, prep.doc[prep.sent.start : prep.i])


def _sentence_from(first: Token) -> Span:
    """The words from ``first`` to the next full stop, question or exclamation mark (the stop included)."""
    doc = first.doc
    end = next((t.i for t in doc[first.i :] if t.text in (".", "?", "!")), len(doc) - 1)
    return doc[first.i : end + 1]


def _whole(span: Span) -> bool:
    """Whether the words make a sentence of their own, even where the tagger took its verb for a plural noun
    ("The transfer window closes on Friday.")."""
    root = span.root
    misread = root.tag_ == "NNS" and root.i > span.start and _can_be_verb(root.lower_)
    # a clause as the subject ("Putting off payments may lower the cost.")
    clausal = any(c.dep_ == "csubj" for c in root.children) and root.tag_ in ("VB", "VBZ", "VBP", "VBD")
    return is_main_clause(span) or ((misread or clausal) and span.text.rstrip().endswith("."))


def _sentence_before(stop: Token) -> Span:
    """The words from the previous full stop, question or exclamation mark (or the block's start) to ``stop``."""
    doc = stop.doc
    start = next((t.i + 1 for t in reversed(doc[: stop.i]) if t.text in (".", "?", "!")), 0)
    return doc[start : stop.i + 1]


def _not_owned(head: Token) -> bool:
    from copyedit.checks.possessive import _not_owned as not_owned

    return not_owned(head)


def _question_follows(first: Token) -> bool:
    """Whether the sentence that opens at ``first`` ends in a question or exclamation mark ("…pick?The")."""
    text = first.doc.text
    ends = [i for i in (text.find(c, first.idx) for c in ".?!") if i >= 0]
    return bool(ends) and text[min(ends)] != "."


def _whole_wh_sentence(first: Token) -> bool:
    """Whether a sentence opening with a wh-word has a verb of its own besides the clause's ("Which promises
    will be kept remains to be seen"): a clause as its subject, no stranded relative clause."""
    if first.tag_ not in ("WDT", "WP", "WRB"):
        return False
    finite = 0
    for t in first.doc[first.i :]:
        if t.text in (".", "?", "!", ";"):
            break
        # a plural noun that may be a verb, not after a determiner or adjective: "… be kept remains to be seen"
        bare = t.i > 0 and t.doc[t.i - 1].tag_ not in ("DT", "JJ", "JJR", "JJS", "PRP$", "CD", "POS", "NN", "NNP")
        verb = t.tag_ in ("VBZ", "VBP", "VBD", "MD") or (t.tag_ == "NNS" and bare and _can_be_verb(t.lower_))
        finite += verb and not any(c.dep_ in ("aux", "auxpass") for c in t.children)
    return finite >= 2


def _noun_after(det: Token) -> Token | None:
    """The noun a determiner determines (the head of its phrase, "search queries" for "these search queries"),
    or None where the parse reads the word as a pronoun ("as these move offshore")."""
    head = det.head
    if det.dep_ != "det" or head.i <= det.i or head.i - det.i > 4 or head.pos_ not in ("NOUN", "PROPN"):
        return None
    return head


_SINGULAR_DETS = frozenset({"a", "an", "this", "that", "each", "every", "another", "either", "neither"})
_PLURAL_DETS = frozenset(
    {"these", "those", "many", "several", "both", "few", "various", "two", "three", "four", "five", "ten", "twenty"}
)


def _determiner_word(noun: Token) -> Token | None:
    """The determiner or numeral that opens the noun's phrase, over adjectives and nouns ("a computer screens"),
    if one is within three words."""
    for t in reversed(noun.doc[max(0, noun.i - 4) : noun.i]):
        if t.lower_ in _SINGULAR_DETS or t.lower_ in _PLURAL_DETS:
            return t
        if t.pos_ not in ("ADJ", "NOUN", "ADV", "PROPN") or t.is_punct:
            return None
    return None


def _noun_number(word: str) -> str | None:
    """ "singular" or "plural" as the word's form is a noun's (lemminflect), None if it is no noun."""
    lemmas = {lemma for ls in getAllLemmas(word, upos="NOUN").values() for lemma in ls}
    if not lemmas:
        return None
    return "singular" if word in lemmas else "plural"


def _plausible(tok: Token, label: str) -> bool:
    """The grammar's veto on a label: the word must be in the form the repair changes, and a form that is
    right where it stands stays ("are cutting" is no broken "are cut"; "a three year deal" is no "years")."""
    doc = tok.doc
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if label in ("N_SING", "N_PLUR"):
        if nxt is not None and (nxt.pos_ in ("NOUN", "PROPN") or nxt.tag_ == "POS"):
            return False  # a noun modifying the next one keeps its form; "two month's dormancy" is a possessive
        after = doc[tok.i + 2] if tok.i + 2 < len(doc) else None
        if nxt is not None and after is not None and nxt.pos_ in ("ADJ", "VERB") and after.pos_ == "NOUN":
            return False  # "a four year revolving credit": a compound modifier
        if any(t.text == "A" and not t.is_sent_start for t in doc[max(0, tok.i - 3) : tok.i]):
            return False  # "the Series A units": a letter, not the article
        prev = doc[tok.i - 1] if tok.i > 0 else None
        if label == "N_SING" and prev is not None and prev.tag_ == "NN" and _can_be_verb(tok.lower_):
            return False  # "when a marriage collapses": a noun and its verb, not "a … collapse"
        number = _noun_number(tok.lower_)  # from the word's form, not from its (broken) tag
        if number is None or (number == "plural") != (label == "N_SING"):
            return False
        det = _determiner_word(tok)
        if det is None or (det.text[:1].isupper() and not det.is_sent_start) or doc[det.i - 1].text == "-":
            return False  # "the Group of Five pact", "a top-five player": part of a name or a compound
        return det.lower_ in (_SINGULAR_DETS if label == "N_SING" else _PLURAL_DETS)
    if label in ("VB", "VBN", "VBG"):
        aux = _auxiliary_before(tok)
        if aux is None or aux not in _TAKES[label]:
            return False  # the form must be the one its auxiliary asks for: "had chanced" is no broken "had chance"
        if tok.lower_ in _BE | _HAVE | _MODALS:
            return False  # "those who have have a duty", "has has": a doubled word is TYP001's, or right
        at = next((t for t in reversed(doc[max(0, tok.i - 4) : tok.i]) if t.lower_ == aux), None)
        # after a word that news only ever follows with "to" and a base verb, "to" marks an infinitive ("trying to
        # cutting"; news_counts.yaml, counted); elsewhere it may be a preposition before a gerund ("essential to
        # curbing", "committed to cutting")
        head = doc[at.i - 1] if aux == "to" and at is not None and at.i > 0 else None
        infinitival = head is not None and head.pos_ in ("VERB", "ADJ") and head.lower_ in _infinitive_heads()
        if aux == "to" and tok.lower_.endswith("ing") and not infinitival:
            return False
        to = doc[tok.i - 1] if aux == "to" else None
        if to is not None and to.lower_ == "to" and _stranded(to):
            return False  # "the rule she objected to remained": "to" closes a clause with a gap
        if at is not None and at.i > 0 and doc[at.i - 1].tag_ in ("DT", "PRP$", "JJ", "POS") and not infinitival:
            return False  # "The will states that…", "her last will names…": a noun, not a modal
        if at is not None and at.i == at.sent.start and at.text[:1].isupper() and at.i + 1 == tok.i:
            return False  # "Will said…", "May told…": a name opening the sentence, the subject of its verb
        subject_first = any(c.dep_.startswith("nsubj") and c.i < tok.i - 1 for c in tok.children)
        # "Nor would comments from the governor calm…": a plural noun, the subject of a question; "agreed to talks":
        # "to" a preposition; but after a verb's object "to" marks an infinitive ("expect prices to rises")
        before_to = doc[tok.i - 2] if aux == "to" and tok.i > 1 else None
        infinitive = before_to is not None and before_to.dep_ == "dobj" and before_to.head.lemma_ in _object_control()
        # (a plural noun takes no determiner or number straight after it, "to buys 80 pct", "will raises the fee", but
        # for a time's: "agreed to talks the next day")
        object_next = nxt is not None and (nxt.pos_ in ("DET", "NUM") or nxt.tag_ == "PRP$") and not _time_phrase(nxt)
        if label == "VB" and _noun_number(tok.lower_) == "plural" and not (subject_first or infinitive or object_next):
            return False
        if label == "VB" and not _plain_base_repair(tok, aux, nxt, infinitival):
            return False
        if aux in ("do", "does", "did") and at is not None and not do_support(at, tok):
            return False  # "what they did surprised everyone": "did" closes a clause of its own
        adjective = "ADJ" in getAllLemmas(tok.lower_) or adverb_of(tok.lower_)
        # an -s form after "is" may be a lost "it" ("what is sees as"); after any other auxiliary it is the verb's
        # broken participle ("the cut was agrees", "no decision had been takes")
        lost_it = aux == "is" and can_be_verb_form(tok.lower_, "VBZ")
        if label == "VBN" and (lost_it or adjective or _participle(tok.lower_)):
            return False  # "what is sees as", "it was blue", "to be complete", "had forecasted"
        if label == "VBN" and aux in _BE and _form_after_be(tok) != "VBN":
            return False  # "will be remain": no passive; "be" is the suspect
        if aux in _HAVE and tok.pos_ == "NOUN":
            return False  # "had chances": "have" with its object
        if label == "VBN" and tok.lower_.endswith("ing"):
            return False  # a progressive is as grammatical as a passive
        if tok.pos_ == "NOUN" and getAllLemmas(tok.lower_, upos="NOUN") and (aux in _BE or label != "VB"):
            return False  # "Following are extracts", "may be tries that win": a noun after "be"
        if label == "VBG" and aux in _BE and _form_after_be(tok) != "VBG":
            return False  # "workers are pay": "paid" as likely as "paying" where no object rules the passive out
        if tok.whitespace_.count("\n") or (nxt is not None and nxt.is_space):
            return False  # the word ends its paragraph: the break, not the form, may be the damage
        return not (label == "VBG" and tok.lower_.endswith(("ed", "en")) and aux in _BE)
    if label in ("V_SING", "V_PLUR"):
        # the parse must show a plain subject of the other number: a relative pronoun's antecedent, a clause
        # the subject opens ("if a marriage collapses") or a name leave the number open
        if label == "V_SING" and subjunctive(tok, tok.head if tok.dep_.startswith("aux") else tok, "singular"):
            return False  # "if the result were repeated", "asked that it make no payment", "saw the effort come"
        return _subject_number(tok) == ("singular" if label == "V_SING" else "plural")
    return True


_CONJUNCTIONS = frozenset({"and", "but", "or", "so", "yet", "nor"})
_BE = frozenset({"be", "is", "are", "was", "were", "been", "being", "am", "'s", "'re", "’s", "’re"})
_HAVE = frozenset({"has", "have", "had", "having", "'ve", "’ve"})
_MODALS = frozenset({"will", "would", "can", "could", "may", "might", "must", "shall", "should", "to", "do", "does",
                     "did", "'ll", "’ll", "'d", "’d", "wo", "ca"})  # fmt: skip
_TAKES = {"VB": _MODALS, "VBN": _BE | _HAVE, "VBG": _BE}
_SINGULAR_PRONOUNS = frozenset({"he", "she", "it", "this", "that", "everyone", "nobody", "someone"})
_PLURAL_PRONOUNS = frozenset({"they", "we", "these", "those"})


def _plain_base_repair(tok: Token, aux: str, nxt: Token | None, infinitive: bool = False) -> bool:
    """Whether the base form is the one repair of a verb after a modal, "do" or "to": not a participle with no
    object ("would repaid in kind", "to made in the case": a lost "be" as likely), an -ing form ("will making":
    "be making" too), a participle before its noun ("contributed to improved confidence", "Speaking to told South
    Florida's…"), nor an -s form after "do" ("how well we do depends on"), which is a verb of its own. An -ing form
    is a broken base form after an ``infinitive`` "to" ("trying to cutting")."""
    word = tok.lower_
    if (word.endswith("ing") and not infinitive) or (aux in ("do", "does", "did") and can_be_verb_form(word, "VBZ")):
        return False
    if word.endswith("ed") or tok.tag_ in ("VBN", "VBD") or any(can_be_verb_form(word, t) for t in ("VBN", "VBD")):
        if nxt is not None and nxt.pos_ in ("NOUN", "PROPN", "ADJ", "NUM"):
            return False
        # an object or a verb group of its own after it: "declined to disclosed the details", "will continued to"
        return nxt is not None and (nxt.pos_ in ("DET", "PRON") or nxt.tag_ in ("PRP$", "TO"))
    return True


def _form_after_be(tok: Token) -> str | None:
    """The form VRB001 allows a verb after "be" (the passive's VBN or the progressive's VBG), None for neither."""
    allowed = after_be(tok)
    return allowed[0][0] if allowed else None


def _participle(word: str) -> bool:
    """Whether a word is already a past participle; a regular past ("forecasted") may always be one."""
    return can_be_verb_form(word, "VBN") or (word.endswith("ed") and can_be_verb_form(word, "VBD"))


def _can_be_verb(word: str) -> bool:
    return bool(getAllLemmas(word, upos="VERB"))


def _time_phrase(first: Token) -> bool:
    """Whether the noun phrase that opens at ``first`` names a time ("the next day", "this week", "two years")."""
    head = first.head if first.dep_ in ("det", "nummod", "poss", "amod") and first.head.i > first.i else first
    return head.dep_ == "npadvmod" or head.lemma_.lower() in _time_words()


@cache
def _time_words() -> frozenset[str]:
    """Nouns that name a time (possessed_nouns.yaml, time_owners: periods, parts of a day, units)."""
    from copyedit import lexicon

    times = lexicon.load("possessed_nouns")["time_owners"]
    return frozenset(w for k in ("periods", "parts", "units") for w in times[k])


@cache
def _infinitive_heads() -> frozenset[str]:
    """Words after which edited news writes "to" only before a base verb (news_counts.yaml, infinitive_heads)."""
    from copyedit import lexicon

    return frozenset(lexicon.load("news_counts")["infinitive_heads"])


@cache
def _object_control() -> frozenset[str]:
    """Verbs whose object a to-infinitive follows (rules/data/verb_frames.yaml)."""
    from copyedit import lexicon

    return frozenset(lexicon.load("verb_frames")["object_control"])


@cache
def _never_safe() -> frozenset[str]:
    """Labels whose fixes clean news showed wrong more often than right (rules/data/detector_safety.yaml)."""
    from copyedit import lexicon

    return frozenset(lexicon.load("detector_safety")["never_safe"])


@cache
def _collective() -> frozenset[str]:
    """Collective nouns (rules/data/agreement.yaml), which take either number."""
    from copyedit import lexicon

    return frozenset(lexicon.load("agreement")["collective"])


def _auxiliary_before(tok: Token) -> str | None:
    """The auxiliary (or "to") a verb follows, over adverbs and "not": "has not yet [arrived]"."""
    for t in reversed(tok.doc[max(0, tok.i - 4) : tok.i]):
        if t.lower_ in _BE | _HAVE | _MODALS:
            # a capital inside a sentence makes a name of it ("American Can owns 20 pct"), no auxiliary
            return None if t.text[:1].isupper() and not t.is_sent_start else t.lower_
        if t.pos_ not in ("ADV", "PART"):
            return None
    return None


def _subject_number(verb: Token) -> str | None:
    """The number of the verb's subject as the parse and the subject's form show it, if plain."""
    head = verb.head if verb.dep_ in ("aux", "auxpass") else verb
    subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c.i < verb.i]
    if len(subjects) != 1:
        return None
    subj = subjects[0]
    bare_capital = subj.text[:1].isupper() and subj.tag_ != "PRP" and not any(c.dep_ == "det" for c in subj.children)
    if subj.tag_ in ("NNP", "NNPS") or subj.lower_ in _collective() or bare_capital:  # "Elders says": a firm
        return "either"  # a team, firm or government takes either number in British English: no fix
    if subj.lower_ in _SINGULAR_PRONOUNS:
        return "singular"
    if subj.lower_ in _PLURAL_PRONOUNS:
        return "plural"
    if any(c.dep_ == "conj" for c in subj.children):
        return "plural"
    return {"NN": "singular", "NNP": "singular", "NNS": "plural", "NNPS": "plural"}.get(subj.tag_)


def _form(word: str, label: str) -> str | None:
    """The word in the form the label asks for, when lemminflect gives exactly one."""
    if label in ("V_SING", "V_PLUR") and word in VERB_SWAP:
        singular = word in ("is", "was", "has", "does")
        return word if singular == (label == "V_SING") else VERB_SWAP[word]
    upos, tag = {
        "VB": ("VERB", "VB"),
        "VBN": ("VERB", "VBN"),
        "VBG": ("VERB", "VBG"),
        "V_SING": ("VERB", "VBZ"),
        "V_PLUR": ("VERB", "VBP"),
        "N_SING": ("NOUN", "NN"),
        "N_PLUR": ("NOUN", "NNS"),
    }[label]
    lemmas = {lemma for ls in getAllLemmas(word, upos=upos).values() for lemma in ls}
    forms = {f for lemma in lemmas for f in (getInflection(lemma, tag=tag, inflect_oov=False) or ())}
    return forms.pop() if len(forms) == 1 else None
