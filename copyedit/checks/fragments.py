"""FRG002, FRG003: a clause or phrase stranded as a sentence of its own, a paragraph broken in mid-sentence."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

from copyedit import lexicon, triggers
from copyedit.checks.possessive import role_noun
from copyedit.checks.stray_stops import (
    _clause_gap,
    _cut_subject,
    _gap,
    _last_word,
    _opens_noun_phrase,
    _statement,
    _subject_cut,
    _verbless,
    cannot_end,
    pronoun_cut,
    relative_gap,
    reporting_tail,
    stop_gap,
    verb_takes,
)
from copyedit.inflection import getAllLemmas
from copyedit.model import Finding, Safety
from copyedit.nlp import entity_type
from copyedit.rule import Context, Example, rule
from copyedit.syntax import (
    FINITE_TAGS,
    SUBJECT_PRONOUNS,
    Fragment,
    can_be_verb_form,
    doc_text,
    fragment,
    has_main_verb,
    has_subject,
    in_quotation,
    is_main_clause,
    joined_case,
    looks_like_heading,
    opens_in_capitals,
    subject_before,
    words,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


#: A full stop and the letter that opens what follows it.
_STOP = re.compile(r"\.\s*(?=[^\W\d_])")
#: The end of a sentence (a full stop, question or exclamation mark, perhaps a closing quote) and the letter after.
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*\s*(?=[^\W\d_])")
#: A block that stops on a letter or a number (a token like_num may end in "." or ","), a per cent sign after a
#: number, or a comma: one left open.
_OPEN_END = re.compile(r"(?:[^\W_]|\d[.,/]+|\d%|,)\Z")


def _join_direction(frag: Span, kind: str, lead: Token, prev: Span | None, nxt: Span | None) -> str | None:
    """Whether a fragment joins the sentence before it ("backward") or after it ("forward"), if either.

    An opening clause or phrase ("When…", "Because…", "After arriving…") joins the next sentence when that is a
    main clause that can take it and nothing before can ("¶After arriving home. She was…"); between two that
    both can, a subordinator that usually comes first decides, and a phrase goes forward (an unsafe join). After
    a question, a fragment is the answer ("Where did it go? To the banks, mostly.") and joins neither."""
    table = lexicon.load("subordinators")
    word = lead.lower_
    if kind == "relative":
        antecedent = words(prev)[-1:] if prev is not None else []
        nominal = bool(antecedent) and (antecedent[0].pos_ in ("NOUN", "PROPN", "NUM") or _nominal(antecedent[0]))
        return "backward" if nominal else None
    if kind == "comparative":
        return "backward" if _takes_trailing(prev, frag) else None  # "…rose quickly. As did his brother."
    if prev is not None and prev.text.rstrip().rstrip("\"'”’)").endswith("?"):
        return None  # "Why? Because nobody asked.": a fragment after a question is its answer
    if nxt is not None and opens_in_capitals(nxt.text):
        nxt = None  # a subhead in capitals follows: nothing to join forward to
    ahead = nxt is not None and is_main_clause(nxt)
    behind = _takes_trailing(prev, frag)
    # A clause joins forward only onto a sentence that opens with its subject, not with a connective or a
    # phrase of its own ("…. As investors fled. In fact, prices rose": "In fact" cannot follow "As …,").
    forward = kind == "subordinate" and word in table["forward"] and _takes_opening(nxt)
    if forward and prev is not None and word in table["backward_comma"] and not _pronoun_subject(nxt):
        return "backward"  # "…improving. Although X. The price…": a trailing ", although" is the likelier
    if forward:
        return "forward"
    if kind == "subordinate":
        if prev is not None and word in table["backward"] + table["backward_comma"] and behind:
            return "backward"
        return "forward" if word in table["opens_too"] and ahead else None
    if not behind:
        return "forward" if ahead else None
    if kind == "prepositional" and word in table["opening_prepositions"] and _takes_opening(nxt):
        return "forward"
    return "backward"


def _takes_trailing(prev: Span | None, frag: Span) -> bool:
    """Whether the sentence before a fragment could end with it: one closed by a full stop (its own or an
    abbreviation's, "to the U.S."), not by an exclamation mark or a quote mark, and no subhead in capitals."""
    if prev is None or not prev.text.rstrip().endswith("."):
        return False
    return not (opens_in_capitals(prev.text) and not any(c.islower() for c in prev.text))


def _takes_opening(nxt: Span | None) -> bool:
    """Whether a sentence could open with a stranded phrase: a main clause that opens with its subject ("She was
    given…"), not with a phrase, a connective or a quotation of its own ("However, she…", "In May she…")."""
    if nxt is None or not is_main_clause(nxt) or nxt[0].is_quote or nxt[0].text in ("“", "‘"):
        return False  # ('… devices. "We believe…," said a spokesman': a quotation opens it)
    ws = words(nxt)
    if len(ws) > 1 and ws[0].lower_ in SUBJECT_PRONOUNS and ws[1].tag_ in FINITE_TAGS:
        return True
    # the subject of the main clause, or of a reported clause that opens the sentence ("X did Y, she said.")
    subjects = [t for t in nxt if t.dep_ in ("nsubj", "nsubjpass", "expl") and t.head.dep_ in ("ROOT", "ccomp")]
    return nxt[0] == ws[0] and any(s.left_edge.i == ws[0].i for s in subjects)


def _comma(kind: str, lead: Token, direction: str, prev: Span | None = None) -> str:
    if direction == "forward" or kind in ("relative", "participial", "comparative"):
        return ","
    if kind == "prepositional" and prev is not None and _second_time(lead, prev):
        return ","  # "…at the airport in July 2001, at a time of concern about…"
    return "," if kind == "subordinate" and lead.lower_ in lexicon.load("subordinators")["backward_comma"] else ""


def _second_time(lead: Token, prev: Span) -> bool:
    """Whether a point in time joins a sentence that ends on a time: the second says more of the first and is set
    off by a comma ("in July 2001, at a time of concern", "on Friday, at 9pm"; but "by next month after 37 years")."""
    last = words(prev)[-1:]
    objects = [c for c in lead.children if c.dep_ == "pobj"] if lead.lower_ == "at" else []
    timed = bool(objects) and (entity_type(objects[0]) == "TIME" or objects[0].lemma_ == "time")
    return timed and bool(last) and entity_type(last[0]) in _TIMES


_TIMES = frozenset({"DATE", "TIME"})


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
    fragment where one can start: first in the block, just after the end of a sentence, or a capitalised
    subordinator that joins forward anywhere (the parser may start a sentence after a colon)."""
    if not any(text[m.end()].isupper() for m in _STOP.finditer(text)):
        return False
    if _capitalised_forward().search(text):
        return True
    starts = [m.end() for m in _SENTENCE_END.finditer(text) if text[m.end()].isupper()]
    leads = [m for m in (triggers.WORD.match(text, s) for s in starts) if m] + [triggers.WORD.search(text)]
    return any(_may_lead(m.group().lower()) for m in leads if m)


@cache
def _capitalised_forward() -> re.Pattern[str]:
    """A subordinator that joins forward, with a capital first letter, as a word of its own."""
    words = lexicon.load("subordinators")["forward"]
    alternatives = "|".join(re.escape(w[:1].upper()) + f"(?i:{re.escape(w[1:])})" for w in sorted(words, key=len)[::-1])
    # where triggers.WORD would cut it out: after no letter or apostrophe, before no letter but a "n't"
    return re.compile(rf"(?<![^\W\d_]|['’])(?:{alternatives})(?:(?![^\W\d_])|(?=n['’]t(?![^\W\d_])))")


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
            bad="The council wants shorter weeks[[. W]]hich it says will cut sick leave.",
            fixed="The council wants shorter weeks, which it says will cut sick leave.",
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
        ),
        Example(
            bad="The agency's director said he would retire at the end of June[[. A]]fter 30 years in the post.",
            fixed="The agency's director said he would retire at the end of June after 30 years in the post.",
        ),
        Example(
            bad="Publishers are hoping for a rise in sales[[. F]]ollowing the success of the new series.",
            fixed="Publishers are hoping for a rise in sales following the success of the new series.",
        ),
        Example(
            bad="The bank kept its key rate on hold[[. D]]espite the slowdown in lending.",
            fixed="The bank kept its key rate on hold despite the slowdown in lending.",
            unsafe=True,
        ),
        Example(
            bad="The central bank held its main rate at 4.5% for a sixth month[[. D]]espite the painful social "
            "effects of four years of austerity.",
            fixed="The central bank held its main rate at 4.5% for a sixth month despite the painful social "
            "effects of four years of austerity.",
        ),
        Example(good="He said the club had never looked back after that day. Until now."),
        Example(
            bad="Exporters say orders are picking up again[[. A]]lthough costs have risen. The yen is weaker.",
            fixed="Exporters say orders are picking up again, although costs have risen. The yen is weaker.",
            unsafe=True,
        ),
        Example(
            bad="The insurer lost $40m in the fourth quarter[[. A]]ccording to its annual report.",
            fixed="The insurer lost $40m in the fourth quarter, according to its annual report.",
        ),
        Example(good="He waited. For years. Then the letter came."),
        Example(good="The talks went on all night. After that, nothing."),
        Example(good="In 2004, sales rose. In 2005, they fell."),
        Example(good="Where did the money go? To the banks, mostly."),
        Example(
            bad="The city is a restless metropolis[[. O]]nce it shared with Lisbon the same air.",
            fixed="The city is a restless metropolis once it shared with Lisbon the same air.",
            unsafe=True,
        ),
        Example(
            bad="After arriving home from the hospital[[. S]]he was given a new bed by her family.",
            fixed="After arriving home from the hospital, she was given a new bed by her family.",
        ),
        Example(
            bad="“I can’t wait to go home.” Despite the pain[[. T]]he 34-year-old finished the race.",
            fixed="“I can’t wait to go home.” Despite the pain, the 34-year-old finished the race.",
        ),
        Example(
            bad="Because the pitch was waterlogged[[. T]]he derby was called off.",
            fixed="Because the pitch was waterlogged, the derby was called off.",
        ),
        Example(
            bad="The panel made 40 recommendations. After hearing evidence from 60 witnesses[[. T]]hey called for a "
            "new regulator.",
            fixed="The panel made 40 recommendations. After hearing evidence from 60 witnesses, they called for a "
            "new regulator.",
            unsafe=True,
        ),
        Example(good="She left the clinic on Tuesday. AFTER THE SPLIT. The actress moved to Devon with her children."),
        Example(good="Voters were promised lower taxes. Which promises will be kept remains to be seen."),
        Example(good="Voters were promised lower taxes. Which of those promises will be kept, nobody knows."),
        Example(good="The club has sacked its manager. Which candidate will the board pick?The answer may come soon."),
    ],
)
def stranded_clause(doc: Doc, ctx: Context) -> Iterator[Finding]:
    """A "sentence" that is only a subordinate clause, a relative clause, or a participial or prepositional phrase.

    Such a fragment belongs to a neighbour: a clause that usually comes first ("While …") to the next
    sentence, with a comma; a relative clause or phrase to the one before it, as does an inverted comparison
    ("…rose quickly. As did his brother."), which never opens a sentence. An opening clause or phrase
    ("Because…", "After arriving home…", "Despite the pain…") that nothing before can take (it opens the
    paragraph, or follows an exclamation or a quotation) goes to the next sentence when that opens with its
    subject; one that follows a question is its answer ("Why? Because nobody asked.") and stays. A fragment
    that opens a paragraph after a paragraph broken in mid-sentence is left to FRG003. A clause's subject may
    hold an apposition or a relative clause set off by commas ("Although Mr Jacobsen, 21, managed…"). A question or
    exclamation ("Which of them will survive?", "Which promises will be kept remains to be seen", "…pick?The
    answer") and a subhead in capitals ("AFTER THE SPLIT.") are no stranded clauses. A relative clause or a
    listing phrase ("Including …") closed by a comma before a predicate with no subject was cut from the subject
    before it ("The 18-year-old. Who joined in May, had surgery", "Four players. Including Smith, are ready"); an
    adjective standing as a noun ("the 18-year-old") may be what "who" refers to. A relative clause may hold a
    verb of saying with its subject right after the relative word ("Which it says will cut sick leave."), and a
    second predicate that shares its clause's subject ("…mainly helped large estates and did little for…").

    ## Fix safety
    Safe: the full stop becomes a comma (or a space where English puts none) and the capital goes. A stranded
    prepositional phrase is joined safely only when it is a plain adjunct of the whole sentence before it, in a
    prose paragraph, led by a preposition that takes no comma there ("…denied wrongdoing. In the settlement."), or
    when it is the complement of the verb that ends that sentence: led by a preposition that opens no sentence,
    after a verb that edited news follows with that preposition and its object and never leaves it at a clause's end
    ("Imports fell. To 21,110 tonnes.", "It must be approved. By regulators."; news_counts.yaml,
    object_prepositions); elsewhere writers use such fragments on purpose, and the join is an unsafe fix. A
    concessive clause between two sentences ("…improving. Although X. The price…") fits either side: an unsafe fix;
    so does a condition before any main clause ("…it yourself. If he wants to play as well. Well at least…"). So
    does a phrase that can open a sentence ("After hearing evidence from 60 witnesses.") between a sentence closed
    by a full stop and one that opens with its subject: the stop may have cut it from either, and it is joined to
    the next only as an unsafe fix. An "-ing" phrase with a clause of its own, or "according to", stranded at the
    end of its paragraph after a whole sentence has only that sentence to join, with a comma ("…in the fourth
    quarter. According to its annual report."); a point in time ("At a time of…", "At 9pm") joined back to a
    sentence that ends on a time takes a comma too ("…in July 2001, at a time of concern"); one with only an adjunct
    ("Smiling for the cameras.") may be set apart on purpose and stays. A phrase that may open a sentence, of six
    words or more, stranded at the end of its paragraph after a whole sentence has only that sentence to join too,
    without a comma ("…for a sixth month. Despite the painful effects of austerity."); a short one ("Until now.") is
    set apart on purpose, and one led by a preposition that takes no clause but holding a finite verb is a sentence
    of its own ("At those levels that represents a premium."; but a clause a noun of the phrase takes is the noun's:
    "Despite the efforts of a team that left for Washington.", "Following claims that he had lied."). With nothing
    before that can take it (the paragraph's start, an exclamation, a quotation), a plain opening phrase joins the
    next sentence safely. A "where" clause after a sentence that ends on a noun is relative and joins it safely
    ("…held at a police station in Leeds. Where they are expected…"), unless the next sentence opens with a pronoun
    that may pick it up ("Where it finds gaps. It will…").
    """
    sents = list(doc.sents)
    for i, sent in enumerate(sents):
        frag = _preposition_in_all_but_tag(fragment(sent))
        if frag is None or (i == 0 and _broken_before(ctx)):
            continue
        prev = sents[i - 1] if i > 0 else None
        nxt = sents[i + 1] if i + 1 < len(sents) else None
        direction = _join_direction(sent, frag.kind, frag.lead, prev, nxt)
        left, right = (prev, sent) if direction == "backward" else (sent, nxt)
        gap = stop_gap(left, right) if direction and left is not None and right is not None else None
        if gap is None or direction is None or left is None:
            continue
        if direction == "backward" and _waits(gap[0]):
            continue  # "in the hope of. Boosting trade": the stop cut a preposition from its object (FRG001's)
        if frag.kind == "relative" and frag.lead.lower_ in ("who", "whom") and not _personal(left[-2]):
            continue  # "…a long-term agreement. Who benefits from that." is a question: "who" needs a person
        if sent.text.lower().startswith(tuple(_table()["rhetorical"])):
            continue  # "Who knows how long it will last.": a question without its mark
        stop, first = gap
        opening = sent[:4].text.rstrip(" .,;:")
        message = (
            f"“{opening} …” is a {frag.kind} {_UNIT[frag.kind]} standing as a sentence; "
            f"join it to the {_SIDE[direction]} one."
        )
        mark = _comma(frag.kind, frag.lead, direction, prev)
        replacement = mark + doc.text[stop.idx + 1 : first.idx] + joined_case(first)
        safety = None if _sure(frag, sent, prev, nxt, direction, ctx) else Safety.UNSAFE
        yield ctx.finding(stop.idx, first.idx + 1, replacement, message, safety=safety)


def _waits(stop: Token) -> bool:
    """Whether the word before a full stop waits for what follows: a preposition, article or conjunction with
    nothing after it in its own sentence ("in the hope of.", "and the.")."""
    prev = stop.doc[stop.i - 1] if stop.i > 0 else None
    if prev is None or prev.tag_ not in ("IN", "TO", "DT", "CC"):
        return False
    return not any(c.dep_ in ("pobj", "pcomp", "dobj") for c in prev.children)


def _preposition_in_all_but_tag(frag: Fragment | None) -> Fragment | None:
    """ "Following the success of …" is a prepositional phrase, whatever the tag; "Including …" lists (a comma)."""
    if frag is None or frag.kind != "participial" or frag.lead.lower_ in _table()["listing_participles"]:
        return frag
    if any(c.dep_ == "pobj" for c in frag.lead.children):
        return Fragment("prepositional", frag.lead)
    return frag


def _table() -> dict[str, list[str]]:
    return lexicon.load("subordinators")  # type: ignore[no-any-return]


def _sure(frag: Fragment, sent: Span, prev: Span | None, nxt: Span | None, direction: str, ctx: Context) -> bool:
    """Whether the join is the one right answer (a safe fix)."""
    lead, table = frag.lead, _table()
    if frag.kind == "comparative":
        return True
    if frag.kind == "prepositional" and direction == "forward":
        # Only when nothing before can take it: between two sentences that both can, either join may be wrong.
        opening = lead.lower_ in table["opening_prepositions"] and _takes_opening(nxt)
        return opening and not _takes_trailing(prev, sent) and _plain_phrase(sent, ctx)
    if frag.kind == "prepositional":
        if prev is None:
            return False
        return _plain_adjunct(sent, prev, ctx) or _closing_phrase(sent, prev, nxt, ctx) or _complement(sent, prev, ctx)
    if frag.kind == "participial":
        # A trailing "-ing" clause with an object ("…, leaving dozens without jobs") or a listing one
        # ("…, including …") surely takes a comma; other participles may stand alone on purpose ("Released in May.").
        verb_like = any(c.dep_ == "dobj" for c in lead.children)
        listing = lead.tag_ == "VBG" and (verb_like or lead.lower_ in table["listing_participles"])
        return (listing or _closing_participle(frag, sent, prev, nxt, ctx)) and direction == "backward"
    if direction == "backward" and lead.lower_ in table["relative_adverbs"] and prev is not None:
        last = words(prev)[-1:]
        # "…held at a police station. Where they are…": a relative adverb follows its noun; but a next sentence
        # that picks the clause up with a pronoun may open with it ("Where it finds gaps. It will fill them.")
        if last and last[0].pos_ in ("NOUN", "PROPN") and not (nxt is not None and _pronoun_subject(nxt)):
            return True
    # "…weakened. Although X. The price rose": a concessive clause fits either side unless the next sentence
    # picks it up with a pronoun ("While X remains unknown. It has…") or cannot open with it ("In fact, …").
    either_way = prev is not None and lead.lower_ in table["backward_comma"] and _takes_opening(nxt)
    if either_way and not (direction == "forward" and _pronoun_subject(nxt)):
        return False
    # Any clause between two sentences that could both take it ("…for years. As the state steps in. Ministers
    # have…") fits either side, unless the next picks it up with a pronoun.
    if direction == "forward" and _takes_trailing(prev, sent) and not (nxt is not None and _pronoun_subject(nxt)):
        return False
    # A condition, joined back only because the next sentence does not open with its subject, may still open it
    # ("…play it yourself. If he wants to play as well. Well at least you'll be together."; "If that means waiting.
    # Then so be it"): whenever the next sentence is a main clause, either side may be right.
    if direction == "backward" and frag.kind == "subordinate" and lead.lower_ in table["conditional"]:
        return nxt is None or not is_main_clause(nxt)
    # "Once it shared …": with a past tense, "once" may mean "formerly" and the sentence be whole.
    return not (lead.lower_ in table["also_adverb"] and sent.root.tag_ == "VBD")


def _closing_participle(frag: Fragment, sent: Span, prev: Span | None, nxt: Span | None, ctx: Context) -> bool:
    """Whether an "-ing" phrase with a clause of its own ends its paragraph after a whole sentence ("…would
    continue. Adding that talks would resume.", "…fourth quarter. According to its annual report."): nothing
    follows that it could open, so the stop cut it from the sentence before, where a trailing participle takes a
    comma. Not a participle with only an adjunct ("…on Friday night. Smiling for the cameras."): writers set such
    a phrase apart on purpose."""
    lead = frag.lead
    if nxt is not None or prev is None or ctx.block.kind != "paragraph" or lead.tag_ != "VBG":
        return False
    clausal = any(c.dep_ in ("ccomp", "xcomp") for c in lead.children)
    # "according to" is a preposition in all but its tag, whose phrase trails its clause after a comma
    preposition = lead.lower_ in _table()["trailing_participles"] and any(c.dep_ == "prep" for c in lead.children)
    if in_quotation(lead) or not (clausal or preposition):
        return False
    return _whole_before(prev) and len(words(sent)) >= 3


def _closing_phrase(sent: Span, prev: Span, nxt: Span | None, ctx: Context) -> bool:
    """Whether a long phrase that may open a sentence ends its paragraph after a whole sentence ("…face huge
    losses. After an earthquake and giant waves killed thousands.", "…against inflation. Despite the social cost
    of four years of austerity."): nothing follows that it could open, so the stop cut it from the sentence before.
    Not a short one ("He waited. For years."), which writers set apart on purpose, nor one inside a quotation."""
    lead = sent.root if sent.root.pos_ == "ADP" else words(sent)[0]
    if nxt is not None or ctx.block.kind != "paragraph" or in_quotation(lead):
        return False
    if lead.lower_ not in _table()["opening_prepositions"] or len(words(sent)) < CLOSING_WORDS:
        return False
    # a finite verb only after a word that may lead a clause ("After an earthquake killed…"), not after one that
    # cannot, where the verb makes a sentence of its own ("At those levels that represents a premium.")
    if lead.lower_ not in _table()["backward"] and any(t.tag_ in FINITE_TAGS and not _noun_clause(t) for t in sent):
        return False
    return _whole_before(prev)


def _noun_clause(finite: Token) -> bool:
    """Whether a finite verb stands in a clause that a noun of the phrase takes ("Despite the efforts of a team
    that left…", "Following allegations that he has brought…"), not in one of its own. A relative subject must
    agree with its noun: in "At those levels that represents a premium" the verb is the sentence's own."""
    clause = finite.head if finite.dep_ in ("aux", "auxpass") else finite
    while clause.dep_ not in ("relcl", "acl") and clause.dep_ in ("ccomp", "conj", "xcomp") and clause.head != clause:
        clause = clause.head  # a verb further down the noun's clause ("allegations that he said he had…")
    noun = clause.head
    if clause.dep_ not in ("relcl", "acl") or noun.pos_ not in ("NOUN", "PROPN") or noun.i > clause.i:
        return False
    opener = clause.left_edge
    if opener.lower_ not in ("that", "which", "who", "whom", "whose") or opener.i <= noun.i:
        return False
    if opener.dep_ == "nsubj" and finite.tag_ in ("VBZ", "VBP"):
        return (finite.tag_ == "VBZ") == (noun.tag_ in ("NN", "NNP"))
    return True


#: Words a stranded phrase at a paragraph's end has at least to be joined safely: shorter ones are set apart on
#: purpose ("Until now.", "For everyone in the room.").
CLOSING_WORDS = 6


def _plain_adjunct(sent: Span, prev: Span, ctx: Context) -> bool:
    """Whether a stranded prepositional phrase is surely an adjunct cut from the sentence before: a plain phrase
    (one object, not an indefinite frame, no verb of its own, no comma but in a list) after a whole sentence in a
    prose paragraph, led by a preposition that follows its clause without a comma ("…denied wrongdoing. In the
    settlement.").

    Writers strand phrases on purpose after short, punchy sentences ("He waited. For years."), with
    prepositions whose phrases comment on the clause ("Despite…", "With…", "For…"), and in headings and lists.
    """
    if sent.root.lower_ not in _table()["joining_prepositions"] or not _plain_phrase(sent, ctx):
        return False
    return _whole_before(prev)


def _complement(sent: Span, prev: Span, ctx: Context) -> bool:
    """Whether a stranded prepositional phrase is the complement of the verb that ends the sentence before: a plain
    phrase led by a preposition that does not open sentences, after a verb that edited news follows with that
    preposition and its object and never leaves it at the end of a clause (news_counts.yaml, object_prepositions:
    "Imports fell. To 21,110 tonnes.", "It must be approved. By regulators.")."""
    lead, last = sent.root, words(prev)[-1:]
    if not last or lead.lower_ in _table()["opening_prepositions"] or not _plain_phrase(sent, ctx, adjuncts=True):
        return False
    verb = last[0]
    return verb.tag_.startswith("VB") and verb.text.isalpha() and verb_takes(verb, lead.lower_)


def _whole_before(prev: Span) -> bool:
    """Whether the sentence before a fragment is a whole one that can take it: a main verb, a subject, five words."""
    subject = has_subject(prev.root) or any(t.lower_ in SUBJECT_PRONOUNS for t in words(prev)[:2])
    return has_main_verb(prev) and subject and len(words(prev)) >= 5


def _plain_phrase(sent: Span, ctx: Context, adjuncts: bool = False) -> bool:
    """Whether a stranded prepositional phrase is plain, in a prose paragraph: one object, no verb of its own,
    no comma but in a list, not an indefinite frame ("In a move to cut costs"), not inside a quotation. With
    ``adjuncts``, phrases of its own may follow the object ("to 21,110 tonnes in 1986 from 51,722")."""
    lead = sent.root
    if ctx.block.kind != "paragraph" or in_quotation(lead):
        return False
    objects = [c for c in lead.children if c.dep_ != "punct" and not (adjuncts and c.dep_ == "prep" and c.i > lead.i)]
    if len(objects) != 1 or objects[0].dep_ not in ("pobj", "pcomp") or any(t.tag_ in FINITE_TAGS for t in sent):
        return False
    return not (any(t.text == "," and not _lists(t) for t in sent) or _framing(objects[0]))


def _framing(noun: Token) -> bool:
    """An indefinite noun with its own complement ("at a time of concern", "in a move to cut costs") frames the
    whole event, and its phrase is often set off by a comma."""
    indefinite = any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in noun.children)
    return indefinite and any(c.dep_ in ("prep", "acl", "relcl") for c in noun.children)


def _lists(comma: Token) -> bool:
    """Whether a comma separates the items of a list ("in Asia, Africa and the Middle East")."""
    nxt = comma.doc[comma.i + 1] if comma.i + 1 < len(comma.doc) else None
    return nxt is not None and (nxt.dep_ == "conj" or nxt.head.dep_ == "conj" or nxt.dep_ == "cc")


def _nominal(tok: Token) -> bool:
    """An adjective standing as a noun, with its determiner and no noun after it ("the 18-year-old", "the injured")."""
    return tok.pos_ == "ADJ" and tok.dep_ not in ("amod", "acomp") and any(c.dep_ == "det" for c in tok.children)


def _personal(tok: Token) -> bool:
    """Whether a noun names people, so "who" can refer to it: a person, group or body, or a word for people, or
    an adjective standing as a noun ("the 18-year-old. Who…", "the injured. Who…")."""
    if entity_type(tok) in ("PERSON", "NORP", "ORG") or _nominal(tok):
        return True
    if tok.pos_ == "NUM" and tok.dep_ == "appos" and tok.head.i < tok.i:
        return _personal(tok.head)  # "Hamm, 32. Who…": an age set after a person's name
    people = lexicon.load("possessed_nouns")["group_owners"]
    if tok.lemma_.lower() in people or tok.lower_ in ("people", "man", "woman", "men", "women", "children"):
        return True
    if tok.pos_ == "NOUN" and tok.lower_ in _table()["people_groups"]:
        return True  # "the police. Who…": a body of people
    return tok.pos_ == "NOUN" and role_noun(tok.lemma_.lower())  # "the minister. Who…", "its founder. Who…"


def _pronoun_subject(sent: Span) -> bool:
    """Whether the sentence's subject is a personal pronoun, which leans on what came just before it."""
    return any(c.dep_ in ("nsubj", "nsubjpass") and c.tag_ == "PRP" for c in sent.root.children)


_UNIT = {
    "subordinate": "clause",
    "relative": "clause",
    "participial": "phrase",
    "prepositional": "phrase",
    "comparative": "clause",
}
_SIDE = {"backward": "previous", "forward": "next"}


def _open_end(doc: Doc) -> bool:
    """Whether a paragraph stops on a word or number ("5%", "$63.8bn", "1990s" too), or on a comma, with no
    closing punctuation."""
    last = doc[-1]
    amount = _AMOUNT.fullmatch(last.text) is not None  # a number and its unit or plural, as one token
    return last.is_alpha or last.like_num or amount or (last.text in ("%", ",") and len(doc) > 1)


#: A number written with its unit or plural in one token: "63.8bn", "£3m", "1990s", "10th".
_AMOUNT = re.compile(r"[$£€]?\d[\d.,]*[a-z]{1,3}")


def _broken_before(ctx: Context) -> bool:
    """Whether the previous block is a paragraph broken off in mid-sentence (FRG003's business)."""
    prev = ctx.prev
    return prev is not None and _breaks_into(prev.doc, prev.block.kind, ctx.blocks[ctx.index].doc)


def _breaks_into(doc: Doc, kind: str, nxt: Doc) -> bool:
    """Whether ``doc``, a block with no closing punctuation, goes on in ``nxt``.

    It does when its last word cannot end a sentence, or when it is a whole clause and the next block opens
    with a fragment that cannot stand alone ("In defiance of the sanctions.") or with a lowercase word. A line
    that reads as a heading before a paragraph of prose ("Everything you need to know about") is no break.
    """
    if kind not in ("paragraph", "title", "line") or not _open_end(doc) or len(nxt) < 2:
        return False
    kind = "paragraph" if kind == "line" else kind  # a plain-text line is read as a paragraph that may be a heading
    left, right = list(doc.sents)[-1], next(iter(nxt.sents))
    if looks_like_heading(doc, nxt) and not _cut_heading(doc[-1], kind, left, right):
        return False
    first = words(right)[:1]
    if not first or (first[0].i != 0 and not nxt[0].is_space):
        return False
    if not _closed(nxt):
        return False  # a row of a table or a list ("made up of¶¶Direct Investment N/A (-6.3)"), not a sentence's end
    if doc[-1].pos_ == "ADP" and first[0].pos_ == "ADP":
        return False  # "qualification for¶¶against Olympiakos": the words between were lost (a link), not a space
    if doc[-1].text == ",":
        # no sentence stops on a comma: a prose paragraph that does goes on, in lower case or with a fragment; a
        # whole sentence after it ("…in 2003,¶¶The violations included…") is as likely a comma typed for a stop
        lowercase = first[0].text.islower()
        goes_on = lowercase or fragment(right) is not None
        # (a short one too where it holds a verb and the next opens in lower case: "Schering-Plough had,¶¶under
        # the plan, been…"; not "On Tuesday,¶¶finished top…", where more than a break was lost)
        verbal = any(t.pos_ in ("VERB", "AUX") for t in left)
        enough = len(words(left)) >= (2 if lowercase and verbal else 4)
        return kind == "paragraph" and enough and goes_on and first[0].is_alpha
    # A headline may end on a particle or preposition ("Confidence up", "Festival battles on"), or a verb
    # ("Indie film nominations announced").
    if kind != "paragraph" and doc[-1].pos_ == "VERB":
        return False
    if (kind == "paragraph" or doc[-1].tag_ not in ("IN", "RP")) and cannot_end(doc[-1], left, right):
        return len(words(left)) >= 3 or (kind == "paragraph" and left.start > 0)  # "…, added Mr Clarke. The¶¶"
    if kind == "paragraph" and len(words(left)) >= 4 and _open_noun_phrase(doc[-1], left, right):
        return True  # "hit by a deadly¶¶Economic crisis"
    if kind == "paragraph" and len(words(left)) >= 3 and _cut_number(doc[-1], right):
        return True  # "borrowed 2.9¶¶Billion marks"
    if kind == "paragraph" and len(words(left)) >= 4 and _cut_object(doc[-1], left, right):
        return True
    if kind == "paragraph" and len(words(left)) >= 4 and _cut_infinitive(doc[-1], right):
        return True
    # (a short last sentence after others is no heading: "Prices rose. Hantuchova moved into¶¶The quarter-finals")
    long_enough = len(words(left)) >= 6 or left.start > 0
    if kind == "paragraph" and long_enough and _cut_preposition(doc[-1], left, right):
        return True
    if kind == "paragraph" and len(words(left)) >= 4 and _phrase_then_predicate(left, right):
        return True
    lowercase = kind == "paragraph" and len(words(left)) >= 3 and first[0].text.islower() and first[0].is_alpha
    if lowercase:
        # "rose to 5%¶¶in March": no paragraph opens in lower case; a verb only after its cut subject pronoun
        # ("adding that it¶¶was too early") or a subject phrase ("Consumer confidence¶¶rose"): another noun phrase
        # before one may be a line that lost its name
        determined = _subject_cut(left, right) and _determined(_cut_subject(left, right))
        return first[0].tag_ not in FINITE_TAGS or pronoun_cut(left, right) or determined or _cut_predicate(left, right)
    if kind == "paragraph" and len(nxt) and (_subject_cut(left, right) or _cut_predicate(left, right)):
        return True  # "Shares in the bank¶¶Fell 5% on Monday.": a subject, then its predicate
    if kind == "paragraph" and _cut_report(doc[-1], right):
        return True  # "After that, Southmark said¶¶Its common stock will be traded…"
    if not (has_main_verb(left) and has_subject(left.root) and len(words(left)) >= 6):
        return False
    # What follows must be no sentence of its own: else the paragraph only lacks its full stop.
    lowercase_go_on = first[0].text[0].islower() and first[0].tag_ not in FINITE_TAGS
    # a verbless phrase that opens with a preposition or conjunction ("rose to 5%¶¶In March, the highest…")
    # or an infinitive of purpose ("has an option to buy the plant¶¶To fix the second line.")
    infinitive = first[0].tag_ == "TO" and len(right) > 1 and right[1].tag_ == "VB"
    phrase = first[0].pos_ in ("ADP", "CCONJ", "SCONJ") or infinitive
    phrase = phrase and _verbless(right) and right.text.rstrip().endswith(".")
    tail = kind == "paragraph" and (reporting_tail(right) or _phrase_then_attribution(right))
    return fragment(right) is not None or tail or (kind == "paragraph" and (lowercase_go_on or phrase))


def _phrase_then_attribution(right: Span) -> bool:
    """Whether a paragraph is only a phrase with no finite verb (a participle's may stand in it), then a comma and
    who said it ("Prices this year, industry sources said.", "Needed for new plants, says the Times."): what was
    said began in the paragraph before. Read from the words, as the parse of such a stub is often odd (it may make
    the phrase a second subject of "said")."""
    ws = words(right)
    commas = [t.i for t in right if t.text == ","]
    if not commas or len(ws) < 3:
        return False
    saying = lexicon.load("stray_stops")["saying_verbs"]
    doc, comma = right.doc, commas[-1]
    after = doc[comma + 1 : ws[-1].i + 1]
    if ws[-1].lemma_ in saying and ws[-1].tag_ == "VBD":
        speaker = after[:-1]  # "…, industry sources said."
    elif after and after[0].lemma_ in saying and after[0].tag_ in ("VBD", "VBZ"):
        speaker = after[1:]  # "…, says the Times."
    else:
        return False
    if not speaker or not all(t.tag_ in ("DT", "JJ", "NN", "NNS", "NNP", "NNPS", "PRP", "CD") for t in speaker):
        return False
    phrase = doc[right.start : comma]
    return not any(t.tag_ in FINITE_TAGS or t.tag_ == "VB" for t in phrase) and len(phrase) >= 2


def _cut_predicate(left: Span, right: Span) -> bool:
    """Whether a paragraph stops on a noun or subject pronoun (an adverb after it aside: "the night staff only"; or
    a relative pronoun after a noun: "the fees which") and the next opens with a finite verb that agrees with it
    and has no subject of its own, in a statement of four words or more: "…because garden centres¶¶Remain closed
    until April.", "…that the night staff only¶¶Checked the alarms once a week.". No paragraph of news opens with
    a subject-less verb, and none of prose stops with no mark: the two halves are one sentence. The paragraph
    must read as prose (three words or more, or a sentence before its last)."""
    last = _last_word(left)
    if last.lower_ in lexicon.load("stray_stops")["preverbal_adverbs"] and last.i > left.start:
        last = left.doc[last.i - 1]  # "the night staff only"
    if last.lower_ in ("which", "who", "that") and last.i > left.start and last.i == left.end - 1:
        last = left.doc[last.i - 1]  # "the practices which¶¶Protect their profits": the verb agrees with the noun
        if last.tag_ not in ("NN", "NNS", "NNP", "NNPS"):
            return False
    pronoun = last.lower_ in SUBJECT_PRONOUNS and last.lower_ != "you"
    if not (last.tag_ in ("NN", "NNS", "NNP", "NNPS") or pronoun) or last.dep_ in ("compound", "poss"):
        return False
    # (a name of two words or more needs no determiner: "Teenage star John McCall¶¶died")
    named = last.tag_ == "NNP" and any(c.dep_ == "compound" and c.tag_ == "NNP" for c in last.children)
    bare = last.tag_ in ("NN", "NNP") and not named and not any(c.dep_ in ("det", "poss") for c in last.children)
    if bare and (last.dep_ != "pobj" or last.i == left.start):
        return False  # "Promising 60m hurdler¶¶clocked a new record", "Swede¶¶showed": a title that lost its name
    if (len(words(left)) < 3 and left.start == 0) or len(words(right)) < 4 or not _statement(right):
        return False
    first = right[0]
    if not first.text[:1].isalpha() or in_quotation(first):
        return False
    if first.tag_ == "VB" and len(right) > 1 and right[1].tag_ == "PRP":
        return False  # "Let's hope", "Give us": an order
    plural = last.tag_ in ("NNS", "NNPS") or last.lower_ in ("i", "we", "they")
    present = "VBP" if plural else "VBZ"
    if first.tag_ in ("VBZ", "VBP"):
        agrees = first.tag_ == present
    else:  # a past or present tense the tagger read as something else at a paragraph's start ("Sought", "Remain")
        agrees = first.tag_ in ("MD", "VBD") or any(can_be_verb_form(first.text, f) for f in ("VBD", present))
    verb = first.head if first.dep_.startswith("aux") else first
    if not agrees or not (verb.pos_ in ("VERB", "AUX") or verb.dep_ == "ROOT"):
        return False  # ("Rose Smith said…": a name, no verb)
    # a participle before a main clause that opens with its subject ("Geared towards gamers, it is…"), unless that
    # clause only closes the statement with its source ("…, the survey found.")
    root = right.root
    if root.i != verb.i and subject_before(root) and root.i != words(right)[-1].i:
        return False  # (but "…, said Mr Smith." too)
    if first.tag_ == "VB" and not has_main_verb(left):
        return False  # "Two of the rescued climbers¶¶Click here for the video": an order after a caption
    return not has_subject(verb)


def _cut_report(last: Token, right: Span) -> bool:
    """Whether a paragraph stops on a verb that must report a clause, with its subject and nothing reported ("After
    that, Southmark said¶¶Its common stock will be traded…"), before a whole clause that opens with its subject:
    what it reports. Not a verb whose clause came before it ("…is strong, the minister said¶¶The figures…" only
    lost its full stop)."""
    if last.lemma_ not in lexicon.load("stray_stops")["clause_verbs"] or last.tag_ not in ("VBD", "VBZ", "VBP"):
        return False
    if last.dep_ in ("ccomp", "parataxis") or any(c.dep_ in _REPORTED for c in last.children):
        return False
    subject = any(c.dep_ == "nsubj" and c.i < last.i for c in last.children)
    opens = any(t.dep_ in ("nsubj", "nsubjpass") and t.left_edge.i == right.start for t in right)
    return subject and opens and is_main_clause(right)


#: What a verb of saying reports, or takes instead of a report.
_REPORTED = frozenset({"ccomp", "dobj", "xcomp", "attr", "dative", "parataxis"})


def _cut_heading(last: Token, kind: str, left: Span, right: Span) -> bool:
    """Whether a line that reads as a heading stops on a preposition that is never a particle or an adverb and
    strands nothing there ("Republican members of¶¶The House…"): no heading ends so. One may end on a particle
    ("Blair to face trust issue head on") or on a preposition that a gap strands ("What dreams are made of")."""
    never = lexicon.load("stray_stops")["never_particles"]
    return kind == "paragraph" and last.lower_ in never and cannot_end(last, left, right)


def _open_noun_phrase(last: Token, left: Span, right: Span) -> bool:
    """Whether a block stops on a determiner and adjectives that wait for the noun the next block opens with: "hit
    by a deadly¶¶Economic crisis", "given these two special¶¶Days". Not an adjective that may stand for a noun ("a
    friendly", "another single", "their favourite") before a sentence that opens with its subject (the next block
    may be a sentence of its own; "a quiet¶¶Afternoon until the statement came out" is not), one after "a
    little" ("a little deceptive"), the adjectives
    that stand for a noun by habit ("on their own", "only a few"), nor before anything but a noun or adjective."""
    table = lexicon.load("stray_stops")
    if last.tag_ not in ("JJ", "JJR", "JJS") or last.lower_ in table["open_noun_phrase_ends"]:
        return False
    if right[0].pos_ not in ("NOUN", "ADJ", "PROPN"):
        return False
    if "NOUN" in getAllLemmas(last.lower_) and _opens_subject(right):
        return False  # "a quiet" may be whole, unless the next block opens with no subject ("a quiet¶¶Morning as")
    i = last.i - 1
    while i >= left.start and (left.doc[i].tag_ in ("JJ", "JJR", "JJS", "CD", "HYPH") or left.doc[i].lower_ == "very"):
        if left.doc[i].lower_ in ("little", "bit", "lot"):
            return False  # "a little deceptive": a degree, not an article
        i -= 1
    return i >= left.start and left.doc[i].lower_ in table["open_noun_phrase"]


def _cut_number(last: Token, right: Span) -> bool:
    """Whether a paragraph stops on a number and the next opens with the word that multiplies it ("rose by
    2.9¶¶Billion marks"; agreement.yaml, multipliers): no sentence opens on a bare "billion"."""
    return last.like_num and right[0].lower_ in lexicon.load("agreement")["multipliers"] and right[0].is_alpha


def _closed(block: Doc) -> bool:
    """Whether a block ends as a sentence does: on a full stop, question or exclamation mark or colon, perhaps
    inside closing quotes or brackets."""
    return doc_text(block).rstrip().rstrip("\"”’')]").endswith((".", "!", "?", ":"))


def _determined(subject: Token) -> bool:
    """Whether a subject cut from its verb has a determiner or an owner ("The system¶¶is…"): a bare one is as
    likely a title that lost its name to a link ("Olympic champion [name]¶¶made a return"), where a join is
    no repair."""
    return subject.tag_ == "PRP" or any(c.dep_ in ("det", "poss") for c in subject.children)


def _cut_object(last: Token, left: Span, right: Span) -> bool:
    """Whether a paragraph's last word waits for the noun phrase that opens the next and has no verb of its own:
    a preposition that strands nothing ("strong in¶¶Europe and Asia, the firm said"), or a verb with no object
    after a modal or "to" ("would create¶¶More than 1,000 jobs")."""
    if any(c.dep_ in ("dobj", "pobj", "attr", "ccomp", "xcomp") for c in last.children):
        return False
    if not _opens_noun_phrase(right[0]) or right[0].is_quote:
        return False
    if last.tag_ == "IN" and last.lower_ in triggers.words("prepositions"):
        return _gap(last, left) is None
    before = next((t for t in reversed(left[: last.i - left.start]) if t.tag_ != "RB"), None)  # "would also impose"
    after_modal = before is not None and before.tag_ in ("MD", "TO")
    if last.tag_ == "VB" and after_modal:
        return _verbless(right)
    # "who has been wooing¶¶The club", "it did not raise¶¶Taxes": a verb group that an auxiliary opens
    grouped = last.tag_ in ("VB", "VBG", "VBN") and any(c.dep_ in ("aux", "auxpass") for c in last.children)
    return grouped and _verbless(right)


def _cut_preposition(last: Token, left: Span, right: Span) -> bool:
    """Whether a paragraph stops on a preposition cut from the noun phrase that opens the next: "is based
    on¶¶A sophisticated model", "held responsible for¶¶Copyright infringement". With no stop after it, a
    preposition that only a passive or an adjective could strand ("it was dealt with") is far likelier cut than
    stranded with its full stop lost too; not where a wh-word or a relative clause leaves it a gap to close
    ("what they asked for", "the firm they work with")."""
    if last.tag_ != "IN" or last.lower_ not in triggers.words("prepositions") or list(last.children):
        return False
    if not (_opens_noun_phrase(right[0]) or right[0].tag_ == "VBG") or right[0].is_quote:
        return False  # (a gerund is an object too: "a new formula for¶¶Calculating prices")
    return not relative_gap(last, left) and all(_clause_gap(c) != "sure" for c in [last.head, *last.head.ancestors])


def _phrase_then_predicate(left: Span, right: Span) -> bool:
    """Whether the next paragraph opens with a prepositional phrase and then a finite verb with no subject: the
    subject is the noun the paragraph stopped on ("the impact¶¶On economic growth would be slight", "a total
    workforce¶¶Of 6,500 could be lost")."""
    root, last = right.root, words(left)[-1:]
    if right[0].pos_ != "ADP" or root.pos_ not in ("VERB", "AUX"):
        return False
    if not last or last[0].pos_ not in ("NOUN", "PROPN", "NUM"):
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj", "csubjpass") for c in root.children):
        return False
    return root.tag_ in FINITE_TAGS or any(c.dep_.startswith("aux") and c.tag_ in FINITE_TAGS for c in root.children)


def _opens_subject(sent: Span) -> bool:
    """Whether a sentence with a main verb opens with its subject or a word of the subject's phrase."""
    first = sent[0]
    head = first.head if first.dep_ in ("compound", "amod", "det") else first
    return has_main_verb(sent) and head.dep_ in ("nsubj", "nsubjpass")


def _cut_infinitive(last: Token, right: Span) -> bool:
    """Whether a paragraph's last word waits for the infinitive that opens the next, which has no main clause
    of its own: "the carmaker was set¶¶To restructure its business.", "sales are likely¶¶To rise"."""
    if last.pos_ not in ("VERB", "ADJ"):
        return False
    if any(c.dep_ in ("dobj", "xcomp", "ccomp", "attr", "acomp") for c in last.children):
        return False
    infinitive = len(right) > 2 and right[0].lower_ == "to" and right[1].tag_ == "VB"
    return infinitive and (_verbless(right) or reporting_tail(right))


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
        Example(
            bad="Shares rose on the news.\n\nFebruary bankruptcies fell 14.9 pct from[[\n\nA]] year earlier.",
            fixed="Shares rose on the news.\n\nFebruary bankruptcies fell 14.9 pct from a year earlier.",
        ),
        Example(good="Shares rose on the news.\n\nWhat the deal means for you\n\nThe firm will cut prices next year."),
        Example(
            bad="Shop prices rose again.\n\nRetailers expect a quiet spring because garden centres[[\n\nR]]emain "
            "closed until April.",
            fixed="Shop prices rose again.\n\nRetailers expect a quiet spring because garden centres remain closed "
            "until April.",
        ),
        Example(
            good="Prizes were handed out. It was a long night for most of them\n\nLet's hope the show returns soon."
        ),
        Example(good="By the numbers\n\nIn 2023, exports rose by a third."),
        Example(good="The minister spoke for an hour.\n\nDespite the rain, crowds gathered outside."),
        Example(
            good="The singer has been open about her struggles.\n\nEverything you need to know about\n\n"
            "The tour starts in Glasgow on 3 May and ends at Wembley a month later.",
            markup="markdown",
        ),
        Example(
            good="The pair spent £2m on travel.\n\nHow the couple met at a party in Notting Hill\n\n"
            "They were introduced by a friend at a dinner in Chelsea in 2019.",
            markup="markdown",
        ),
    ],
)
def paragraph_broken_mid_sentence(doc: Doc, ctx: Context) -> Iterator[Finding]:
    """A prose paragraph with no closing punctuation, followed by a paragraph that opens with its continuation.

    A title or heading stops without punctuation by design, so the break counts only when the block is a
    whole clause, or ends on a word that cannot end a sentence, and the next block continues it. A one-line
    paragraph that reads as a heading, caption or standalone line (in capitals, in title case, or short with no
    clause of its own, "Everything you need to know about") before a paragraph of prose is left alone, and so
    is a break before a block that does not end as a sentence does (a table's or a list's rows), or between two
    prepositions ("qualification for¶¶against Olympiakos": words were lost there, not a space). In plain text a
    short line in title case counts as a heading; one in sentence case is read as a paragraph that may be one. A
    line that reads as a heading but stops on a preposition that is never a particle (rules/data/stray_stops.yaml,
    never_particles: "Republican members of¶¶The House…") and strands nothing was cut off, while one may end on a
    particle ("…trust issue head on") or a stranded preposition ("What dreams are made of").

    ## Fix safety
    A paragraph may stop on an amount written with its unit ("totalled $63.8bn¶¶in December").
    It also goes on where the paragraph stops on a comma or a per cent sign and the next opens in lower case or
    with a fragment, where it stops on a preposition that strands nothing or on a verb after a modal or "to"
    (adverbs between: "would also impose¶¶A one-year moratorium") and the next opens with the noun phrase they
    wait for ("would create¶¶More than 1,000 jobs"), where it stops on a verb of saying with its subject and
    nothing reported before a whole clause ("Southmark said¶¶Its common stock will…"; not "…, the minister
    said¶¶The figures…", whose report came first), where it is
    a subject and the next its predicate ("Shares in the group¶¶Fell 5%", "The index of consumer
    confidence¶¶rose": a bare one, "Olympic champion¶¶made a return", may have lost its name to a link), and
    where the next opens in lower case or is a verbless phrase led by a preposition or an infinitive ("rose to
    5%¶¶In March, the highest level…", "applied for a licence¶¶To reopen the shaft."). It goes on where the
    paragraph stops on a noun or subject pronoun (or a relative pronoun after a noun: "the fees which"; or an adverb
    that stands before verbs: "the night staff only", stray_stops.yaml, preverbal_adverbs) and the next opens with a
    finite verb that agrees with it and has no subject ("garden centres¶¶Remain closed until April"; not a
    bare singular title that lost its name to a link, "Promising sprinter¶¶clocked", nor an order, "Let's
    hope"); on "have" before its participle ("has¶¶agreed to end"); on an article after a sentence ("…, the
    operator said. The¶¶Crossing…"); on a focusing adverb after its comma ("many countries, particularly¶¶In
    Africa, depend"); on a number before its multiplier ("rose by 3.4¶¶Billion euros"); on a
    preposition before the gerund that is its object ("a new method for¶¶Setting prices"); and before a paragraph
    that is only a phrase with no finite verb and who said it ("…landing fees and passenger¶¶Charges this winter,
    airport officials said.", "…to develop technology¶¶Needed for clean energy, says the Times."). So it does
    where the paragraph stops on a preposition cut from the noun phrase the next opens with, unless a wh-word or
    a relative clause could strand it ("is based on¶¶A sophisticated model",
    not "what they asked for¶¶The…"), in a sentence of six words or more or one that follows another in its
    paragraph (no heading); on a word waiting for the infinitive the next opens with ("was set¶¶To
    restructure"); on "to" before the bare verb the next opens with, which has no subject ("more time
    to¶¶Switch supplier": news gives no orders); on a verb group an auxiliary opens, before a verbless phrase
    ("he did not raise¶¶Taxes on oil"); and where the next opens with a prepositional phrase and then a finite
    verb with no subject ("the impact¶¶On economic growth would be slight").

    Safe: the break becomes one space and the next word loses its capital unless it is a name.
    """
    nxt = ctx.next
    if nxt is None or nxt.block.kind != "paragraph" or not _breaks_into(doc, ctx.block.kind, nxt.doc):
        return
    end = ctx.block.start + len(doc.text)
    first = nxt.doc[0]
    multiplier = first.lower_ in lexicon.load("agreement")["multipliers"]  # "43.7¶¶Mln dlrs": a unit, no name
    case = first.text[:1].lower() if multiplier else joined_case(first)
    yield ctx.finding(end, nxt.block.start + 1, " " + case, base=0)
