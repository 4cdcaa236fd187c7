"""TYP: slips of the keyboard: a word typed twice, a space before punctuation, two spaces between words."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from itertools import pairwise
from typing import TYPE_CHECKING

from copyedit import lexicon
from copyedit.model import Finding, Safety
from copyedit.rule import Context, Example, rule
from copyedit.syntax import FINITE_TAGS, doc_text

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

#: A word, whitespace within the paragraph, and the same word again (case aside); not part of a compound.
_DOUBLE = re.compile(r"(?<![\w\-’'.&/])([^\W\d_]+)([ \t]+|[ \t]*\n[ \t]*)(\1)(?![\w\-’'&/])", re.I)
#: Spaces after a word and before a comma, semicolon, colon, question or exclamation mark, or a full stop
#: that is no ellipsis (" ...", ". . ."), decimal (" .5") or file ending (" .png"); the mark ends its phrase.
_SPACE_BEFORE = re.compile(r"(?<=[^\W_])([ \t]+)([,;:?!]|\.(?![.\w]| \.))(?=$|[\s\"'”’“‘])")
#: An opening quotation mark straight after a mark: 'He added :"We…' (a closing one is followed by no letter).
_OPENING_QUOTE = re.compile(r"[\"'“‘][^\W_]")
#: Two spaces between words in mid-sentence: after a word or comma, before a word.
_TWO_SPACES = re.compile(r"(?<=[^\W_]|,)(  )(?=[^\W\d_])")
#: Words that make a doubled copula right: "what it is is …", "all it does does …".
_CLEFT_WORDS = frozenset({"what", "whatever", "who", "whoever", "where", "how", "why", "when", "which", "all"})
_FRENCH = re.compile(r"[«»]")
_TABULAR = re.compile(r"\t| {3}")
_PROSE_KINDS = frozenset({"paragraph", "title", "heading", "line", "list_item", "quote"})


def _untouched(ctx: Context, doc: Doc, start: int, end: int) -> bool:
    """Whether the source holds exactly the prose view's text here: no masked markup inside the span (``doc_text``:
    spaCy joins every token again for ``doc.text``, which for each finding made a block of them quadratic)."""
    base = ctx.block.start
    return ctx.source[base + start : base + end] == doc_text(doc)[start:end]


def _in_quotes(doc: Doc, pos: int) -> bool:
    before = doc.text[:pos]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _doubled_safety(first: Token, second: Token) -> Safety | None:
    """How sure it is that ``second`` is a slip: None when the doubling may be right English."""
    table = lexicon.load("doubled_words")
    word = first.lower_
    if word in table["always"]:
        return Safety.SAFE
    sent = first.sent
    before = first.doc[sent.start : first.i]
    if word in table["copula"]:
        # a wh-word with a subject of its own before the copula ("what it is is", "what is is"), not a relative
        # pronoun that is the copula's subject ("the deal, which was was signed")
        # (but "those who have have a duty": "have" may be a verb of its own)
        free = ("what", "whatever", "all")
        bound = first.lemma_ == "be"
        # "which has has been": a relative pronoun that is the verb's own subject leaves it nothing to stand for
        subject = [t for t in before if t.i == first.i - 1 and t.lower_ == "which"]
        cleft = any(
            t.lower_ in _CLEFT_WORDS and (t.i < first.i - 1 or t.lower_ in free or not bound) and t not in subject
            for t in before
        )
        # speech doubles a copula after a phrase ("the thing is is that"), not after a bare pronoun ("we are are")
        # ("the problem is is that"): "is" and "was", not "are are" or "has has", which no speaker is quoted as saying
        spoken = _in_quotes(first.doc, first.idx) and not (len(before) and before[-1].tag_ == "PRP")
        spoken = spoken and word in ("is", "was")
        return None if cleft or spoken else Safety.SAFE
    if word in table["stranded"]:
        # "scheduled to to play": the parse makes both the verb's infinitive marker, so neither is stranded
        infinitive = word == "to" and first.dep_ == second.dep_ == "aux" and first.head == second.head
        # "failed to to disclose": a word that takes "to" only before an infinitive strands no preposition
        infinitive = infinitive or (word == "to" and _infinitive_only(first, second))
        return None if _may_strand(first, before) and not infinitive else Safety.SAFE
    if word in table["particles"]:
        taken = _after_noun(first) or _after_participle(first)
        return Safety.SAFE if taken and not _may_strand(first, before) else None
    if word == "that":
        return Safety.SAFE if _that_slip(first, second) else None
    prev = first.doc[first.i - 1] if first.i > sent.start else None
    if word in table["modals"]:
        noun = prev is not None and prev.tag_ in ("DT", "PRP$", "JJ", "JJS", "POS", "CD")  # "the will will"
        return Safety.SAFE if first.text.islower() and not noun else None
    if word in table["demonstratives"]:
        governed = prev is not None and (prev.tag_ in ("IN", "TO") or prev.pos_ == "VERB")  # "add to this this law"
        return Safety.SAFE if (first.text.islower() or first.is_sent_start) and not governed else None
    if word in table["pronouns"]:
        verb = second.i + 1 < len(second.doc) and second.doc[second.i + 1].tag_ in FINITE_TAGS
        subject = {first.dep_, second.dep_} & {"nsubj", "nsubjpass"}
        return Safety.SAFE if verb and subject else None
    return None


def _infinitive_only(first: Token, second: Token) -> bool:
    """Whether "to to" follows a word that edited news writes before "to" only with an infinitive, never with a
    noun phrase ("failed to disclose", never "failed to the board"; news_counts.yaml, infinitive_only), and a base
    verb follows: the first "to" can be no stranded preposition."""
    doc = first.doc
    prev = doc[first.i - 1] if first.i > 0 else None
    verb = doc[second.i + 1] if second.i + 1 < len(doc) else None
    return prev is not None and verb is not None and verb.tag_ == "VB" and prev.lower_ in _infinitive_only_heads()


@cache
def _infinitive_only_heads() -> frozenset[str]:
    return frozenset(lexicon.load("news_counts")["infinitive_only"])


def _opening_double(first: Token, second: Token) -> bool:
    """Whether a capitalised word twice at a sentence's start is a slip to judge like a lowercase one: the
    sentence goes on in lower case ("And And many agreed", "It It can"), so the pair is no name or title in
    capitals ("In In The Name Of The Father" is left alone). "The The" has its own test (the band)."""
    doc = first.doc
    if not (first.is_sent_start and first.text == second.text and first.text.istitle()) or second.i + 1 >= len(doc):
        return False
    if first.lower_ == "the":
        return _opening_the(first, second)
    nxt = doc[second.i + 1]
    return nxt.text[:1].islower() or nxt.like_num


def _opening_the(first: Token, second: Token) -> bool:
    """Whether "The The" opening a sentence is a slip, not the band or a title ("The The Show Must Go On"): the
    next word is a lowercase adjective, noun or number ("The The company said")."""
    doc = first.doc
    if not (first.is_sent_start and first.text == second.text == "The") or second.i + 1 >= len(doc):
        return False
    nxt = doc[second.i + 1]
    return nxt.text.islower() and nxt.tag_ in ("NN", "NNS", "JJ", "JJS", "JJR", "CD")


def _may_strand(prep: Token, before: Span) -> bool:
    """Whether the sentence leaves a gap the preposition may close: a wh-word or relative "that" before it ("what
    she asked for for years"), a passive participle just before it ("was referred to to"), or a relative clause
    with no relative word ("the man he spoke to to ask"). A finite "be" cannot strand it ("it is to to impose")."""
    # a relative or wh-pronoun that is its clause's subject leaves no gap ("families who are attempting to to")
    if any(t.tag_ in ("WDT", "WP", "WRB") and t.dep_ not in ("nsubj", "nsubjpass") for t in before):
        return True
    prev = prep.doc[prep.i - 1] if prep.i > before.start else None
    if prev is not None and prev.lemma_ == "be" and prev.tag_ in ("VBZ", "VBD", "VBP"):
        return False
    if prev is not None and prev.tag_ == "VBN" and not _perfect(prev):
        return not _never_stranded(prev, prep, "verb")
    return any(a.pos_ in ("NOUN", "PROPN") and b.tag_ == "PRP" for a, b in pairwise(before))


def _never_stranded(head: Token, prep: Token, kind: str) -> bool:
    """Whether edited news writes ``prep`` right after ``head``'s lemma only with an object, never alone
    (news_counts.yaml, never_stranded_after_verb and _after_noun: "developed in", "its effect on"; not "dealt with",
    "the lights on"): the first of the two is no stranded preposition ("was developed in in conjunction with")."""
    return f"{head.lemma_.lower()} {prep.lower_}" in lexicon.counted(f"never_stranded_after_{kind}")


def _perfect(participle: Token) -> bool:
    """Whether ``participle`` is active, after "have" ("has pleaded with"), not passive ("was referred to")."""
    deps = {(c.dep_, c.lemma_) for c in participle.children if c.i < participle.i}
    return ("aux", "have") in deps and not any(d == "auxpass" for d, _ in deps)


def _after_noun(particle: Token) -> bool:
    """Whether a word that may be a verb's particle ("carried on on Monday") follows a noun that is no verb's
    object ("the meeting on on Monday", "sides on on the weekend") or the complement of "be", which takes no
    particle ("it was the icing on on the cake"), so it can only be a preposition."""
    prev = particle.doc[particle.i - 1] if particle.i > particle.sent.start else None
    # (a verb's -ing form after a determiner is a noun: "the icing on on the cake")
    gerund = prev is not None and prev.tag_ == "VBG" and any(c.dep_ == "det" for c in prev.children)
    nominal = prev is not None and (prev.pos_ in ("NOUN", "PROPN") or gerund)
    # an object may take a particle ("left the lights on on Monday"), not from a noun whose preposition never stands
    # alone ("had its full effect on on prices")
    taken = prev is not None and prev.dep_ == "dobj" and _never_stranded(prev, particle, "noun")
    if not nominal or (prev.dep_ not in ("pobj", "nsubj", "nsubjpass", "attr") and not taken):
        return False
    start = prev.left_edge.i
    return not (start > 0 and prev.doc[start - 1].lower_ in ("with", "without"))  # "with the lights on on Monday"


def _after_participle(particle: Token) -> bool:
    """Whether a word that may be a particle follows a passive participle that edited news never leaves it after
    without an object ("was calculated on on the basis of", not "was carried on on Monday")."""
    prev = particle.doc[particle.i - 1] if particle.i > particle.sent.start else None
    return prev is not None and prev.tag_ == "VBN" and not _perfect(prev) and _never_stranded(prev, particle, "verb")


def _that_slip(first: Token, second: Token) -> bool:
    """Whether "that that" is a slip: right when the second is a pronoun or determiner of the clause's subject
    ("said that that was wrong", "that that plan failed"); a slip before a name that is the subject, a
    possessive, an article or a subject pronoun, which no "that" can determine. "It was that that …" is a cleft."""
    doc = first.doc
    if second.i + 1 >= len(doc) or (first.i > 0 and doc[first.i - 1].lemma_ == "be"):
        return False
    head = doc[second.i + 1]
    while head.dep_ == "compound" and head.head.i > head.i:
        head = head.head
    if head.tag_ in ("NNP", "NNPS"):
        dated = head.lower_ in lexicon.load("doubled_words")["time_names"]  # "that that Friday would suit"
        return head.dep_ in ("nsubj", "nsubjpass", "poss") and not dated
    nxt = doc[second.i + 1]
    return nxt.tag_ == "PRP$" or nxt.lower_ in ("the", "a", "an") or nxt.lower_ in ("he", "she", "they", "we", "i")


def _may_double(text: str) -> bool:
    """TYP001's trigger: a word of doubled_words.yaml typed twice."""
    table = lexicon.load("doubled_words")
    vocab = {w for key, ws in table.items() if key != "time_names" for w in ws} | {"that"}
    return any(m.group(1).lower() in vocab for m in _DOUBLE.finditer(text))


@rule(
    code="TYP001",
    trigger=_may_double,
    name="doubled-word",
    message="“{match}” repeats a word; remove the second one.",
    examples=[
        Example(bad="Shares in [[the the]] company fell.", fixed="Shares in the company fell."),
        Example(bad="[[The the]] minister resigned on Friday.", fixed="The minister resigned on Friday."),
        Example(bad="The cost [[of of]] the scheme has doubled.", fixed="The cost of the scheme has doubled."),
        Example(bad="The report [[is is]] due next week.", fixed="The report is due next week."),
        Example(bad="Police [[and and]] fire crews attended.", fixed="Police and fire crews attended."),
        Example(bad="[[To to]] be fair, the plan worked.", fixed="To be fair, the plan worked."),
        Example(bad="The talks are due [[to to]] resume.", fixed="The talks are due to resume."),
        Example(good="The company had had a difficult year and said that that was no surprise."),
        Example(good="What the problem is is anybody's guess, and all it does does harm."),
        Example(good="She said goodbye, bye bye, as the train left Walla Walla."),
        Example(good="The firm bought an in in-house team; it was a very very long day."),
        Example(good="They carried on on Monday and she gave her her keys."),
        Example(good="Nobody knew what she had asked for for years; the man he spoke to to ask had gone."),
        Example(good="“The thing is is that nobody knows,” he said."),
        Example(good="The will will be read on Friday; my my, what a day; there there."),
        Example(good="He was a human being being tortured, she said of The The."),
        Example(bad="The firm is preparing [[to to]] sell.", fixed="The firm is preparing to sell."),
        Example(bad="He has pleaded [[with with]] the board.", fixed="He has pleaded with the board."),
        Example(bad="Aides denied [[that that]] Smith had quit.", fixed="Aides denied that Smith had quit."),
        Example(bad="They feared [[that that]] the deal would fail.", fixed="They feared that the deal would fail."),
        Example(bad="At the meeting [[on on]] Monday, prices fell.", fixed="At the meeting on Monday, prices fell."),
        Example(good="He said that that plan had failed; it was that that the Tories feared."),
        Example(good="The case was referred to to the court; the house was lived in in 1900."),
        Example(good="The talks dragged on on Tuesday, and they had the lights on on Sunday."),
        Example(
            bad="The scheme was developed [[in in]] partnership with the council.",
            fixed="The scheme was developed in partnership with the council.",
        ),
        Example(
            bad="Fees are calculated [[on on]] the basis of income.",
            fixed="Fees are calculated on the basis of income.",
        ),
        Example(bad="The tax had little effect [[on on]] prices.", fixed="The tax had little effect on prices."),
        Example(good="With the lights on on Monday, the firm agreed that that Friday would suit."),
        Example(good="The plan that she agreed to to save money failed."),
        Example(bad="His side [[will will]] not give up.", fixed="His side will not give up."),
        Example(bad="He said [[he he]] had taken steps.", fixed="He said he had taken steps."),
        Example(bad="It could [[be be]] illegal.", fixed="It could be illegal."),
        Example(bad="[[The The]] company said so.", fixed="The company said so."),
        Example(bad="Families who were trying [[to to]] meet.", fixed="Families who were trying to meet."),
        Example(bad="Firms avoid the stress [[this this]] can cause.", fixed="Firms avoid the stress this can cause."),
        Example(good="Add to this this new law; the will will be read; Will will go; he he he, she laughed."),
        Example(good="The The played; The The Show Must Go On was chosen; a can can rust."),
    ],
)
def doubled_word(doc: Doc, ctx: Context) -> Iterator[Finding]:
    """The same function word twice in a row: "the the", "of of", "is is".

    ## Why
    A doubled word is the commonest typing slip and survives machine rewriting; readers stumble on it.

    ## Fix safety
    Safe for words that never stand twice (articles, conjunctions, "of", possessives, most auxiliaries). A doubled
    "is"/"was"/"has" is left alone after a wh-word or "all" ("what it is is"; but not after a "which" that is its
    subject: "which has has been"), and "is"/"was" inside quotations (spoken "the thing is is"), unless a subject
    pronoun stands just before it ("we are are"). A doubled preposition may be a stranded one followed by the next
    phrase's ("the man he spoke to to ask"): it is left alone when the sentence leaves a gap it could close (a
    wh-word or relative "that", a passive participle before it, a relative clause without "that"); a perfect ("has
    pleaded with with") or a finite "be" ("it is to to") strands nothing, nor does a passive participle whose
    preposition edited news never leaves without an object ("was developed in in conjunction with", "was calculated
    on on the basis of"; news_counts.yaml, never_stranded_after_verb; but "was referred to to ask"). A word that may
    be a particle ("carried on on Monday") is a slip only after a noun that is no verb's object ("the meeting on on
    Monday"), or is one whose preposition news never leaves without an object ("had its full effect on on prices";
    never_stranded_after_noun; not "left the lights on on Monday"). A modal twice is a slip ("will will not"), not
    after a determiner or adjective ("the will will be read") or as a name ("Will will go"); so is "he he" or "she
    she" before a finite verb (alone it is laughter), "this this" unless the first is an object ("add to this this
    law"), and "The The" before a lowercase word (not the band or a title: "The The Show Must Go On"). A relative
    pronoun that is its clause's subject strands no preposition ("who were trying to to meet"), and "to to" that the
    parse makes one verb's infinitive marker twice strands nothing ("scheduled to to play"), nor does one after a
    word news writes before "to" only with an infinitive ("failed to to disclose"; news_counts.yaml,
    infinitive_only). A capitalised word twice at a sentence's start is judged as a lowercase one where the sentence
    goes on in lower case ("And And many agreed", "It It can"), not before a title in capitals. "that that" is a
    slip only before a name that is the clause's subject, a possessive, an article or a subject pronoun ("denied
    that that Smith had quit"), never in a cleft ("it was that that …"). "had had" and interjections are never
    flagged.
    """
    for m in _DOUBLE.finditer(doc.text):
        first, second = doc.char_span(*m.span(1)), doc.char_span(*m.span(3))
        if first is None or second is None or len(first) != 1 or len(second) != 1:
            continue
        a, b = first[0], second[0]
        opening = _opening_double(a, b)
        if not opening and (not b.text.islower() or (a.text != b.text and not a.is_sent_start)):
            continue  # "the The Who": a name or title; all capitals are a headline's
        safety = _doubled_safety(a, b)
        if safety is None or not _untouched(ctx, doc, m.start(), m.end()):
            continue
        yield ctx.finding(m.start(), m.end(), a.text, safety=safety)


@rule(
    code="TYP002",
    trigger=_SPACE_BEFORE,
    name="space-before-punctuation",
    message="Space before “{match}”; remove it.",
    examples=[
        Example(bad="The vote was close[[ ,]] officials said.", fixed="The vote was close, officials said."),
        Example(
            bad="Prices rose again[[ .]] Analysts were surprised.", fixed="Prices rose again. Analysts were surprised."
        ),
        Example(bad="Who will pay for it[[ ?]]", fixed="Who will pay for it?"),
        Example(bad="He added[[ :]] “We will appeal.”", fixed="He added: “We will appeal.”"),
        Example(bad='The minister added[[ ,]]"We will appeal."', fixed='The minister added, "We will appeal."'),
        Example(bad="The plan failed[[ ;]] the minister quit.", fixed="The plan failed; the minister quit."),
        Example(good="Sales fell . . . and then recovered ..."),
        Example(good="The rate is 5 % and the file ends in .png or .com; gold assayed .125 oz per ton."),
        Example(good="Il a dit « non » ; c’est fini !"),
        Example(good="Run `ls -la` , then wait.", markup="markdown"),
        Example(good="Smile :) or wink ;) as you like."),
    ],
)
def space_before_punctuation(doc: Doc, ctx: Context) -> Iterator[Finding]:
    """A space between a word and the comma, full stop, colon, semicolon, question or exclamation mark after it.

    ## Why
    English sets these marks against the word before them; a space is a typing or conversion slip.

    ## Fix safety
    Safe: only the space goes, or moves after the mark where an opening quotation mark follows it with no space
    ('added ,"We…' becomes 'added, "We…'). Left alone: ellipses (" ...", ". . ."), a full stop that begins a number
    or file ending (" .5", " .png"), per cent signs ("5 %" is a house style, not damage), emoticons, and any
    paragraph with French quotation marks, where spaced punctuation is the typographic rule.
    """
    if ctx.block.kind not in _PROSE_KINDS or _FRENCH.search(doc.text):
        return
    text = doc.text
    for m in _SPACE_BEFORE.finditer(text):
        if _untouched(ctx, doc, m.start(), m.end()):
            mark = m.group(2)
            if _OPENING_QUOTE.match(text, m.end()):  # 'added ,"The…': the space belongs after the mark
                yield ctx.finding(m.start(), m.end(), mark + " ", message=f"Space before “{mark}”; move it after.")
            else:
                yield ctx.finding(m.start(), m.end(), mark, message=f"Space before “{mark}”; remove it.")


@rule(
    code="TYP003",
    trigger=_TWO_SPACES,
    name="doubled-space",
    message="Two spaces between words; make them one.",
    examples=[
        Example(bad="The minister[[  ]]resigned on Friday.", fixed="The minister resigned on Friday."),
        Example(bad="Prices rose,[[  ]]analysts said.", fixed="Prices rose, analysts said."),
        Example(good="The minister resigned.  Her deputy took over."),
        Example(good="She said “no.”  Then she left."),
        Example(good="  Indented text stays as it is."),
        Example(good="Net profit   12.5 mln  vs  10.1 mln\nRevenue    100 mln  vs  90 mln"),
        Example(good="A hard break ends this line  \nand the next goes on.", markup="markdown"),
    ],
)
def doubled_space(doc: Doc, ctx: Context) -> Iterator[Finding]:
    """Two spaces between words inside a line of prose.

    ## Why
    A double space in mid-sentence is where a word was deleted or a join went wrong; it shows in print.

    ## Fix safety
    Safe: the two spaces become one. Two spaces after a full stop, question mark or colon are a house style
    some keep, so they are left alone; so are indentation, line ends (a Markdown hard break), and lines that
    align columns with tabs or runs of three spaces.
    """
    if ctx.block.kind not in _PROSE_KINDS:
        return
    line_start, base = 0, ctx.block.start
    for line in doc.text.split("\n"):
        if not _TABULAR.search(ctx.source[base + line_start : base + line_start + len(line)]):
            for m in _TWO_SPACES.finditer(line):
                start = line_start + m.start()
                if _untouched(ctx, doc, start - 1, start + 3):
                    yield ctx.finding(start, start + 2, " ")
        line_start += len(line) + 1
