"""FRG: sentences cut in the wrong place: a stray full stop, a stranded clause, a paragraph broken in two."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from itertools import pairwise
from typing import TYPE_CHECKING

from copyedit import lexicon, triggers
from copyedit.model import Finding, Safety
from copyedit.rule import Context, Example, rule
from copyedit.syntax import (
    FINITE_TAGS,
    can_be_verb_form,
    fragment,
    has_main_verb,
    has_subject,
    is_main_clause,
    joined_case,
    words,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


def _stop_gap(left: Span, right: Span) -> tuple[Token, Token] | None:
    """The full stop that ends ``left`` and the first word of ``right``, when nothing else stands between."""
    stop, first = left[-1], right[0]
    if stop.text != "." or not first.text[0].isalpha() or not first.text[0].isupper():
        return None
    if left.doc.text[stop.idx + 1 : first.idx].strip():
        return None
    return stop, first


def _verb_continues(aux: Token, first: Token) -> bool:
    """Whether ``first`` is the verb form that the auxiliary or "to" ending the previous part asks for."""
    if aux.tag_ == "TO" or aux.tag_ == "MD":
        wanted = "VB"
    elif aux.lemma_ == "have" and aux.dep_ in ("aux", "ROOT", "relcl", "ccomp", "conj"):
        wanted = "VBN"
    else:
        return False
    return first.tag_ == wanted or can_be_verb_form(first.text, wanted)


def _cannot_end(last: Token, left: Span, right: Span) -> bool:
    """Whether ``last`` cannot end ``left`` here, given that ``right`` could be its continuation."""
    if last.lower_ in lexicon.load("sentence_open_words").get(last.tag_, ()):
        return True
    if last.tag_ in ("TO", "MD") or last.lemma_ == "have":
        if _verb_continues(last, right[0]) and not has_subject(right.root):
            return True
        if last.tag_ != "TO":
            return False  # "to" may be a preposition too: "a message to. The new government"
    if last.lower_ == "that":
        head = last.head
        nonfinite = head.tag_ in ("VBG", "VBN") and not any(c.dep_.startswith("aux") for c in head.children)
        # "suggesting that." wants its clause; "doing that." is done (a pronoun object).
        reports = nonfinite and head.lemma_ in lexicon.load("reporting_verbs")["lemmas"]
        return (reports or head.pos_ == "NOUN") and is_main_clause(right)
    starts_noun_phrase = right[0].pos_ in ("DET", "ADJ", "NOUN", "PROPN", "NUM")
    if last.tag_ in ("IN", "TO") and starts_noun_phrase and not any(c.dep_ in ("pobj", "pcomp") for c in last.children):
        # With a verb on both sides the stop may follow a stranded preposition the parse does not see
        # ("loopholes to take advantage of. The company…"), so one side must be verbless.
        verbless = not has_main_verb(right) or not has_main_verb(left)
        return verbless and not _may_strand(last, left)
    return False


def _article_stops(doc: Doc) -> Iterator[tuple[Token, Token]]:
    """ "in a. Statement": the tokenizer reads "a." as an abbreviation, so no sentence ends there; the article
    and the capitalised word after it, when a word stands before the article (not a list label "a.")."""
    for tok in doc[1:-1]:
        nxt, before = doc[tok.i + 1], doc[tok.i - 1]
        if tok.lower_ not in ("a.", "an.") or not tok.text[0].islower() or not before.is_alpha:
            continue
        if tok.whitespace_ and nxt.text[:1].isupper() and nxt.is_alpha and not nxt.is_sent_start:
            yield tok, nxt


def _may_strand(prep: Token, sent: Span) -> bool:
    """Whether the sentence has a gap that a preposition may be stranded by: "what they asked for",
    "the answer they looked for", "it was paid for", "nothing to be afraid of"."""
    if any(t.tag_ in ("WDT", "WP", "WRB") and not t.dep_.startswith("nsubj") for t in sent):
        return True
    head = prep.head
    if head.pos_ == "ADJ" or any(c.dep_ == "auxpass" for c in head.children):
        return True
    for anc in prep.ancestors:
        if anc.dep_ == "relcl" and not any(c.tag_ in ("WDT", "WP") for c in anc.children):
            return True  # "the firm they are dealing with"
        if anc.dep_ == "acl" and (prep.dep_ != "agent" or any(c.tag_ == "TO" for c in anc.children)):
            return True  # "loopholes to take advantage of", "components built in"; not a passive's agent
    return False


#: A word, a full stop and (looked ahead at) the letter after it: where a stop may cut a sentence.
_STOP_AFTER_WORD = re.compile(r"([’']?[^\W_]+)\s*\.\s*(?=([^\W\d_]))")
#: A full stop and the letter that opens what follows it.
_STOP = re.compile(r"\.\s*(?=[^\W\d_])")
#: A block that stops on a letter or a number (a token like_num may end in "." or ","): one left open.
_OPEN_END = re.compile(r"(?:[^\W_]|\d[.,/]+)\Z")


@cache
def _cut_words() -> frozenset[str]:
    """Every word ``_cannot_end`` may accept: the closed classes, "that", "to", modals, "have", prepositions."""
    closed = {str(w) for ws in lexicon.load("sentence_open_words").values() for w in ws}
    lists = ("to", "modals", "have", "prepositions")
    return frozenset(closed | {"that"} | {w for name in lists for w in triggers.words(name)})


def _may_cut(text: str) -> bool:
    """FRG001's trigger: a word that may not end a sentence, a full stop, then a capital."""
    vocab = _cut_words()
    return any(m.group(2).isupper() and m.group(1).lower() in vocab for m in _STOP_AFTER_WORD.finditer(text))


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
            unsafe=True,
        ),
        Example(good="The options were: a. Raise taxes. b. Cut spending."),
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
        Example(good="Hackers seek new loopholes to take advantage of. The company is trying to stop them."),
        Example(good="Nobody expected that. The market fell anyway."),
        Example(good="No one contemplates doing that. It has said so from the outset."),
        Example(good="That is what voters asked for. The rest is detail."),
        Example(good="It is nothing to be afraid of. Prices will settle."),
        Example(good="U.S. officials said the talks would resume at 9 a.m. on Monday."),
        Example(good="Smith & Co. said profits rose. No. 10 declined to comment."),
    ],
)
def full_stop_inside_sentence(doc: Doc, ctx: Context) -> Iterator[Finding]:
    """A full stop after a word that cannot end a sentence, when what follows is that sentence's continuation.

    Articles, conjunctions and possessive determiners never end a sentence; a preposition may (stranded:
    "what they asked for"), so it counts only when one side of the stop is no sentence on its own; "that"
    only after a bare participle or a noun, when what follows is a whole clause ("suggesting that. Officials said").

    ## Fix safety
    Safe: the stop is removed and the next word loses its capital unless it is a name.
    """
    for left, right in pairwise(doc.sents):
        gap = _stop_gap(left, right)
        if gap is None or len(words(left)) < 2 or not _cannot_end(left[-2], left, right):
            continue
        stop, first = gap
        message = f"Full stop after “{left[-2].text}” cuts a sentence in two; remove it."
        yield ctx.finding(stop.idx, first.idx + 1, doc.text[stop.idx + 1 : first.idx] + joined_case(first), message)
    for article, first in _article_stops(doc):
        stop = article.idx + len(article) - 1
        message = f"Full stop after “{article.text[:-1]}” cuts a sentence in two; remove it."
        # The tagger, misled by "a." and the capital, takes what follows for a name about as often as not: the
        # capital it keeps or drops is a guess, so the fix is unsafe.
        replacement = doc.text[stop + 1 : first.idx] + joined_case(first)
        yield ctx.finding(stop, first.idx + 1, replacement, message, safety=Safety.UNSAFE)


def _join_direction(frag: Span, kind: str, lead: Token, prev: Span | None, nxt: Span | None) -> str | None:
    """Whether a fragment joins the sentence before it ("backward") or after it ("forward"), if either."""
    table = lexicon.load("subordinators")
    word = lead.lower_
    if kind == "relative":
        antecedent = words(prev)[-1:] if prev is not None else []
        return "backward" if antecedent and antecedent[0].pos_ in ("NOUN", "PROPN", "NUM") else None
    if kind == "subordinate" and word in table["forward"] and nxt is not None and is_main_clause(nxt):
        return "forward"
    if kind == "subordinate":
        return "backward" if prev is not None and word in table["backward"] + table["backward_comma"] else None
    if prev is None:
        return "forward" if nxt is not None and is_main_clause(nxt) else None
    return "backward"


def _comma(kind: str, lead: Token, direction: str) -> str:
    if direction == "forward" or kind in ("relative", "participial"):
        return ","
    return "," if kind == "subordinate" and lead.lower_ in lexicon.load("subordinators")["backward_comma"] else ""


@cache
def _fragment_openers() -> frozenset[str]:
    """Every word that may lead a fragment: relative pronouns, subordinators, wh-adverbs, prepositions, "even"."""
    table = lexicon.load("subordinators")
    subordinators = {w for key in ("forward", "backward", "backward_comma") for w in table[key]}
    lists = ("relatives", "wh_adverbs", "prepositions")
    return frozenset(subordinators | {"even"} | {w for name in lists for w in triggers.words(name)})


@cache
def _may_lead(word: str) -> bool:
    """Whether ``word`` may open a fragment: an opener, or a word the tagger may read as a participle (a verb's
    -ing or past participle form, or a word with such an ending)."""
    if word in _fragment_openers() or word.endswith(("ing", "ed", "en")):
        return True
    return can_be_verb_form(word, "VBN") or can_be_verb_form(word, "VBG")


def _may_hold_fragment(text: str) -> bool:
    """FRG002's trigger: a full stop before a capital (every join is made there), and a word that may lead a
    fragment where one can start: first in the block, just after such a stop, or a capitalised subordinator
    that joins forward anywhere (the parser may start a sentence after a colon or a question mark)."""
    starts = [m.end() for m in _STOP.finditer(text) if text[m.end()].isupper()]
    if not starts:
        return False
    forward = set(lexicon.load("subordinators")["forward"])
    found = list(triggers.WORD.finditer(text))
    if any(m.group()[0].isupper() and m.group().lower() in forward for m in found):
        return True
    leads = [m for m in (triggers.WORD.match(text, s) for s in starts) if m] + found[:1]
    return any(_may_lead(m.group().lower()) for m in leads)


@rule(
    code="FRG002",
    trigger=_may_hold_fragment,
    name="stranded-clause",
    message="“{match}” strands a clause as a sentence of its own; join it to the sentence it belongs to.",
    examples=[
        Example(
            bad="While the cause of the fire is unknown[[. P]]olice have sealed off the road.",
            fixed="While the cause of the fire is unknown, police have sealed off the road.",
        ),
        Example(
            bad="The club sold its best players[[. W]]hich angered the fans.",
            fixed="The club sold its best players, which angered the fans.",
        ),
        Example(
            bad="The firm expanded into new markets[[. I]]ncluding Brazil and India.",
            fixed="The firm expanded into new markets, including Brazil and India.",
        ),
        Example(
            bad="Prices rose sharply[[. B]]ecause demand was strong.",
            fixed="Prices rose sharply because demand was strong.",
        ),
        Example(good="Which side will blink first? Nobody knows."),
        Example(good="Including tariffs, the bill costs $2bn."),
        Example(good="While talks continue, prices rise."),
        Example(good="Because it was raining, the match was called off."),
        Example(good="Dealers were calm. Since last August Smith has led the talks."),
        Example(good="Do we need a long-term agreement. Who benefits from that. These are the questions."),
        Example(
            bad="The money went to local farmers[[. W]]ho had lost their crops.",
            fixed="The money went to local farmers, who had lost their crops.",
        ),
        Example(
            bad="While the cause is not known[[. I]]t has alarmed neighbouring countries.",
            fixed="While the cause is not known, it has alarmed neighbouring countries.",
        ),
        Example(good="Dealers were calm. If banks were short of cash until the bills matured, rates could soar."),
        Example(
            bad="The regime kept testing missiles[[. I]]n defiance of the sanctions.",
            fixed="The regime kept testing missiles in defiance of the sanctions.",
            unsafe=True,
        ),
        Example(
            bad="The city is a restless metropolis[[. O]]nce it shared with Lisbon the same air.",
            fixed="The city is a restless metropolis once it shared with Lisbon the same air.",
            unsafe=True,
        ),
    ],
)
def stranded_clause(doc: Doc, ctx: Context) -> Iterator[Finding]:
    """A "sentence" that is only a subordinate clause, a relative clause, or a participial or prepositional phrase.

    Such a fragment belongs to a neighbour: a clause that usually comes first ("While …") to the next
    sentence, with a comma; a relative clause or phrase to the one before it. A fragment that opens a
    paragraph after a paragraph broken in mid-sentence is left to FRG003.

    ## Fix safety
    Safe: the full stop becomes a comma (or a space where English puts none) and the capital goes. A
    stranded prepositional phrase is an unsafe fix: writers use such fragments on purpose.
    """
    sents = list(doc.sents)
    for i, sent in enumerate(sents):
        frag = fragment(sent)
        if frag is None or (i == 0 and _broken_before(ctx)):
            continue
        prev = sents[i - 1] if i > 0 else None
        nxt = sents[i + 1] if i + 1 < len(sents) else None
        direction = _join_direction(sent, frag.kind, frag.lead, prev, nxt)
        left, right = (prev, sent) if direction == "backward" else (sent, nxt)
        gap = _stop_gap(left, right) if direction and left is not None and right is not None else None
        if gap is None:
            continue
        stop, first = gap
        mark = _comma(frag.kind, frag.lead, direction or "")
        opening = " ".join(t.text for t in sent[:4])
        side = _SIDE[direction or ""]
        message = (
            f"“{opening} …” is a {frag.kind} {_UNIT[frag.kind]} standing as a sentence; join it to the {side} one."
        )
        replacement = mark + doc.text[stop.idx + 1 : first.idx] + joined_case(first)
        # Writers use verbless phrases as fragments on purpose ("In the ultimate struggle." "Released in May.").
        table = lexicon.load("subordinators")
        # A trailing "-ing" clause with an object ("…, leaving dozens without jobs") or a listing one
        # ("…, including …") surely takes a comma; "Following the success of …" (a preposition in all but
        # tag) may go without one.
        verb_like = any(c.dep_ == "dobj" for c in frag.lead.children)
        listing = frag.lead.tag_ == "VBG" and (verb_like or frag.lead.lower_ in table["listing_participles"])
        sure = frag.kind in ("subordinate", "relative") or (listing and direction == "backward")
        if frag.kind == "relative" and frag.lead.lower_ in ("who", "whom") and not _personal(left[-2]):
            continue  # "…a long-term agreement. Who benefits from that." is a question: "who" needs a person
        # "…weakened. Although X. The price rose": the clause fits either side unless the next sentence
        # picks it up with a pronoun ("While X remains unknown. It has…").
        either_way = direction == "forward" and prev is not None and frag.lead.lower_ in table["backward_comma"]
        if either_way and nxt is not None and not _pronoun_subject(nxt):
            sure = False
        # "Once it shared …": with a past tense, "once" may mean "formerly" and the sentence be whole.
        ambiguous = frag.lead.lower_ in lexicon.load("subordinators")["also_adverb"] and sent.root.tag_ == "VBD"
        sure = sure and not ambiguous
        safety = None if sure else Safety.UNSAFE
        yield ctx.finding(stop.idx, first.idx + 1, replacement, message, safety=safety)


def _personal(tok: Token) -> bool:
    """Whether a noun names people, so "who" can refer to it: a person, group or body, or a word for people."""
    if tok.ent_type_ in ("PERSON", "NORP", "ORG"):
        return True
    people = lexicon.load("possessed_nouns")["group_owners"]
    return tok.lemma_.lower() in people or tok.lower_ in ("people", "man", "woman", "men", "women", "children")


def _pronoun_subject(sent: Span) -> bool:
    """Whether the sentence's subject is a personal pronoun, which leans on what came just before it."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.tag_ == "PRP" for c in sent.root.children)


_UNIT = {"subordinate": "clause", "relative": "clause", "participial": "phrase", "prepositional": "phrase"}
_SIDE = {"backward": "previous", "forward": "next"}


def _open_end(doc: Doc) -> bool:
    """Whether a paragraph stops on a word or number, with no closing punctuation."""
    return doc[-1].is_alpha or doc[-1].like_num


def _broken_before(ctx: Context) -> bool:
    """Whether the previous block is a paragraph broken off in mid-sentence (FRG003's business)."""
    prev = ctx.prev
    return prev is not None and _breaks_into(prev.doc, prev.block.kind, ctx.blocks[ctx.index].doc)


def _breaks_into(doc: Doc, kind: str, nxt: Doc) -> bool:
    """Whether ``doc``, a block with no closing punctuation, goes on in ``nxt``.

    It does when its last word cannot end a sentence, or when it is a whole clause and the next block opens
    with a fragment that cannot stand alone ("In defiance of the sanctions.") or with a lowercase word.
    """
    if kind not in ("paragraph", "title") or not _open_end(doc) or len(nxt) < 2:
        return False
    left, right = list(doc.sents)[-1], next(iter(nxt.sents))
    first = words(right)[:1]
    if not first or (first[0].i != 0 and not nxt[0].is_space):
        return False
    # A headline may end on a particle or preposition ("Confidence up", "Festival battles on").
    if (kind == "paragraph" or doc[-1].tag_ not in ("IN", "RP")) and _cannot_end(doc[-1], left, right):
        return len(words(left)) >= 3
    if not (has_main_verb(left) and has_subject(left.root) and len(words(left)) >= 6):
        return False
    # What follows must be no sentence of its own: else the paragraph only lacks its full stop.
    lowercase_go_on = first[0].text[0].islower() and first[0].tag_ not in FINITE_TAGS
    return fragment(right) is not None or (kind == "paragraph" and lowercase_go_on)


@rule(
    code="FRG003",
    trigger=_OPEN_END,
    name="paragraph-broken-mid-sentence",
    message="The paragraph stops in mid-sentence and goes on in the next one; join them.",
    examples=[
        Example(
            bad="The council approved the plan after months of debate among residents[[\n\nD]]espite strong "
            "objections from shop owners. Work starts in May.",
            fixed="The council approved the plan after months of debate among residents despite strong "
            "objections from shop owners. Work starts in May.",
        ),
        Example(
            bad="The two delegations are expected to resume their talks next week in[[\n\nG]]eneva and Vienna.",
            fixed="The two delegations are expected to resume their talks next week in Geneva and Vienna.",
        ),
        Example(good="Election results\n\nThe count finished at dawn."),
        Example(good="By the numbers\n\nIn 2023, exports rose by a third."),
        Example(good="The minister spoke for an hour.\n\nDespite the rain, crowds gathered outside."),
    ],
)
def paragraph_broken_mid_sentence(doc: Doc, ctx: Context) -> Iterator[Finding]:
    """A prose paragraph with no closing punctuation, followed by a paragraph that opens with its continuation.

    A title or heading stops without punctuation by design, so the break counts only when the block is a
    whole clause, or ends on a word that cannot end a sentence, and the next block continues it.

    ## Fix safety
    Safe: the break becomes one space and the next word loses its capital unless it is a name.
    """
    nxt = ctx.next
    if nxt is None or nxt.block.kind != "paragraph" or not _breaks_into(doc, ctx.block.kind, nxt.doc):
        return
    end = ctx.block.start + len(doc.text)
    yield ctx.finding(end, nxt.block.start + 1, " " + joined_case(nxt.doc[0]), base=0)
