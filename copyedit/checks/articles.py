"""ART: articles that do not fit the word after them."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

from copyedit import lexicon
from copyedit.inflection import getAllLemmas
from copyedit.model import Finding, Safety
from copyedit.nlp import entity_type
from copyedit.rule import Context, Example, rule
from copyedit.syntax import doc_text, having, is_common_word, quoted_at

if TYPE_CHECKING:
    from inflect import engine
    from spacy.tokens import Doc, Token

VOWEL, CONSONANT = "vowel", "consonant"
#: Letters whose names begin with a vowel sound: "an F", "an MP", "an S-400".
_VOWEL_LETTERS = frozenset("AEFHILMNORSX")
#: Consonant clusters that can open an English syllable: an acronym starting so might be said as a word.
_ONSETS = frozenset(
    {"FL", "FR", "SC", "SK", "SL", "SM", "SN", "SP", "ST", "SW", "SH", "SCR", "SPR", "STR", "SPL", "SQ"}
)
_WORD = re.compile(r"[^\s\"“”‘’'()\[\]]+")
_TRAIL = ".,;:!?…"
#: Tokens that may open a sentence before its first word.
_OPENERS = frozenset({'"', "“", "‘", "'", "(", "[", "—", "–"})
_VERB_TAGS = frozenset({"VB", "VBP", "VBZ", "VBD", "MD"})
_PREPOSITIONS = frozenset({"about", "around", "over", "under", "above", "below", "of", "to", "in", "on", "at"})
#: A word the article cannot be determining: the "a" is a label ("type a or b"), or the parse went astray.
_NOT_DETERMINED = frozenset({"CCONJ", "ADP", "AUX", "PART", "SCONJ", "PUNCT", "DET", "PRON", "SYM", "X", "SPACE"})


@cache
def _inflect() -> engine:
    from copyedit.inflection import inflect_engine  # without typeguard's checks: seconds faster to import

    return inflect_engine()


def _letter(ch: str) -> str:
    return VOWEL if ch.upper() in _VOWEL_LETTERS else CONSONANT


def _number_sound(word: str) -> str | None:
    """The sound a number starts with when read aloud: "an 8", "an 11", "an 18,000", "a 1,800", "a 100"."""
    m = re.match(r"\d+(?:,\d{3})*(?![,\d])", word)
    if m is None or word[0] == "0":
        return None
    digits = m.group().split(",")
    if word[0] == "8":
        return VOWEL
    lead = digits[0]
    if len(digits) > 1 or len(lead) in (2, 5):  # "11", "18", "11,500", "18000": eleven, eighteen
        return VOWEL if lead[:2] in ("11", "18") and len(lead) in (2, 5) else CONSONANT
    if len(lead) == 4 and lead[:2] in ("11", "18"):
        return None  # "1800": "eighteen hundred" as a year, "one thousand eight hundred" as a number
    return CONSONANT if len(lead) <= 4 else None


def _acronym_sound(letters: str) -> str | None:
    """The first sound of a capitalised abbreviation, said as letters or as a word, when both readings agree."""
    first, rest = letters[0], letters[1:]
    if rest[:1] == first and first not in _VOWEL_LETTERS and first != "U":
        return CONSONANT  # "a BBC", "a CCTV": "bee-bee-see" and "double-bee" both open with a consonant
    if first == "H" or rest[:1] == first:
        return None  # "an HD"/"a HD" (aitch or haitch); "a AA1" rating is "double-A one"
    vowels = [i for i, c in enumerate(letters) if c in "AEIOU" or (c == "Y" and i > 0)]
    if first in "AIO" or (first == "E" and (letters == "EU" or not letters.startswith("EU"))):
        return VOWEL
    if first == "E":
        return None  # "EU" is "ee-you", "EURATOM" is "you-ratom"
    if first == "U":
        spelt = len(vowels) == 1 or rest[:1] in tuple("AEIOU") or rest[1:2] in tuple("AEIOU")
        return CONSONANT if spelt else None  # "UMNO" may be "um-no"
    if first not in _VOWEL_LETTERS:
        return CONSONANT
    if not vowels or len(letters) == 1 or (letters[: vowels[0]] not in _ONSETS and vowels[0] > 1):
        return VOWEL  # only readable as letters: "NHS", "FBI", "MRI"
    return None  # "SUV" or "NATO": letters or a word; the data says which


@cache
def _number_words() -> frozenset[str]:
    """The words that spell a number ("three", "eleven", "ninety", "hundred"), as inflect writes them."""
    spelled = {part for n in range(100) for part in _inflect().number_to_words(n).split("-")}
    return frozenset(spelled | {"hundred", "thousand", "million", "billion", "trillion"})


def _word_sound(word: str, head: str) -> str | None:
    """The first sound of an ordinary word (lowercase or capitalised); None when it is not certain."""
    if not head.isascii() or not head.isalpha():
        return None
    first = head[0].lower()
    if head[0].isupper():  # a name: only the letters whose sound does not depend on the spelling after them
        if head.lower().startswith("ew"):
            return None  # "Ewan" is "you-an", "Ewood" is "ee-wood"
        if head.lower().startswith("eu"):
            return CONSONANT  # "Europe", "Eugene"
        if first in "aei":
            return VOWEL
        if first == "o" and not head.lower().startswith(("one", "once", "ou", "oa")):
            return VOWEL
        if first not in "aeiouhxy":
            return CONSONANT
        if not is_common_word(head):
            return None
    elif head.lower() in _number_words():
        pass  # number words are not in the word list; inflect reads them ("a three-month", "an eleven-day")
    elif not is_common_word(head):
        return None
    return VOWEL if _inflect().a(head.lower()).startswith("an ") else CONSONANT


def sound(word: str) -> str | None:
    """Whether ``word`` starts with a vowel or a consonant sound; None when it cannot be said for sure."""
    data = lexicon.load("articles")
    head = re.split(r"[-–/]", word)[0] or word
    for w in (word, head):
        keys = (w.lower(), w.upper()) if w[:1].isupper() else (w.lower(),)
        if any(k in data["vowel"] for k in keys):
            return VOWEL
        if any(k in data["consonant"] for k in keys):
            return CONSONANT
    if word.lower().startswith(tuple(data["either"])):
        return None
    if word[0].isdigit():
        return _number_sound(word)
    if re.match(r"[A-Z](?:[.&\d]|-\w)|[a-z]-[a-z]", word):
        return _letter(word[0])  # "U.S.", "S&P", "F1", "X-ray", "U-turn", "e-mail"
    if len(head) == 1:
        return _letter(head) if head.isupper() and head != "I" else None
    letters = head[:-1] if re.fullmatch(r"[A-Z]{2,}s", head) else head
    if re.fullmatch(r"[A-Z]{2,}\d*", letters):
        return _acronym_sound(letters.rstrip("0123456789"))
    if not head[1:].islower():
        return None  # "MoD", "iPhone", "eBay": only the data knows
    return _word_sound(word, head)


def _opens_sentence(tok: Token) -> bool:
    doc = tok.doc
    i = tok.i
    while i > tok.sent.start and doc[i - 1].text in _OPENERS:
        i -= 1
    return i == tok.sent.start or doc[i - 1].text in (".", "!", "?", ":")


def _only_verb(word: str) -> bool:
    """Whether ``word`` is a verb form and nothing else ("extend"), so no article can go with it."""
    if word.endswith(("ed", "ing")):
        return False  # "an estimated 300", "an increasing number"
    parts = set(getAllLemmas(word))
    return bool(parts) and parts <= {"VERB", "AUX"}


def _article(tok: Token) -> bool:
    """Whether ``tok`` is the indefinite article of the word after it, not a letter or a foreign word."""
    if tok.text not in ("a", "an", "A", "An") or tok.i + 1 >= len(tok.doc):
        return False
    nxt = tok.doc[tok.i + 1]
    if tok.whitespace_ != " " or nxt.pos_ in _NOT_DETERMINED or nxt.tag_ == "FW":
        return False
    if tok.text[0] == "A" and not _opens_sentence(tok):
        return False  # "Plan A", "Grade A", "An Post": a label or a name
    if nxt.tag_ in _VERB_TAGS or nxt.lower_ in _PREPOSITIONS or _only_verb(nxt.lower_):
        return False  # "a extend", "fell to a about 700": a stray article, not a wrong one
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    if prev is not None and prev.pos_ == "PROPN" and not prev.is_sent_start and not nxt.text.islower():
        return False  # "Vuelta a España", "Frankfurt an der Oder"
    before = tok.doc[max(tok.i - 2, 0) : tok.i]
    if any(t.pos_ == "DET" or t.lower_ in ("a", "an", "the") for t in before):
        return False  # "a class a action suit": a second article is a stray word, not the wrong one
    return not (tok.dep_ not in ("det", "quantmod") and tok.tag_ != "DT")


#: "a" or "an" as a word of its own, then one space (the token's whitespace) before the next word.
_ARTICLE = re.compile(r"(?<![^\W\d_])(an?|An?) (?=\S)")


@cache
def _prefixed(word: str) -> bool:
    """Whether a negative prefix before the word makes another word the dictionary knows ("usually", "unusually")."""
    return any(getAllLemmas(prefix + word) for prefix in ("un", "in", "im", "ir", "il"))


@cache
def _spelling_may_misfit(an: bool, word: str) -> bool:
    """Whether ``sound`` could find that ``word`` does not fit "a" (or "an"), judged by spelling only.

    Exact for a lowercase word: its sound comes from the data or the inflect library, which (read in its
    source) gives "an" to a consonant letter only in "hour", "heir", "honest", "hono(u)r", "mpeg" and "nth"-like
    ordinals, and "a" to a vowel letter only in words opening "eu", "ew", "on" or "u". Anything else (capitals,
    numbers, letters, symbols) passes, for ``sound`` to decide.
    """
    data = lexicon.load("articles")
    head = re.split(r"[-–/]", word)[0] or word
    listed = {str(k).lower() for key in ("vowel", "consonant") for k in data[key]}
    if (
        not (word[0].islower() and word.isascii() and head.isalpha() and len(head) > 1)
        or {word.lower(), head.lower()} & listed
    ):
        return True
    if an:
        return word[0] not in "aeiou" or head.startswith(("u", "eu", "ew", "on"))
    return word[0] in "aeiouhy" or head.startswith("mpeg") or re.match(r"[fhlmnrsx]th", head) is not None


def _may_misfit(text: str) -> bool:
    """ART001's trigger: "a" or "an" before a word whose sound may not fit it."""
    for m in _ARTICLE.finditer(text):
        w = _WORD.match(text, m.end())
        word = w.group().rstrip(_TRAIL) if w else ""
        if word and word[0].isalnum() and _spelling_may_misfit(m.group(1).lower() == "an", word):
            return True
    return False


@rule(
    code="ART001",
    entities_veto=True,
    trigger=_may_misfit,
    name="a-an",
    message="“{match}”: the article does not fit the sound of the next word; use “{replacement}”.",
    examples=[
        Example(bad="He waited [[a]] hour for the bus.", fixed="He waited an hour for the bus."),
        Example(bad="She studied at [[an]] university in Leeds.", fixed="She studied at a university in Leeds."),
        Example(bad="[[A]] MP has resigned.", fixed="An MP has resigned."),
        Example(bad="It was [[an]] one-off payment.", fixed="It was a one-off payment."),
        Example(bad="He met [[a]] FBI agent.", fixed="He met an FBI agent."),
        Example(bad="[[An]] US official said so.", fixed="A US official said so."),
        Example(bad="He is [[a]] 18-year-old student.", fixed="He is an 18-year-old student."),
        Example(bad="She is [[an]] European diplomat.", fixed="She is a European diplomat."),
        Example(bad="It was [[a]] honest mistake.", fixed="It was an honest mistake."),
        Example(bad="It is [[an]] unique chance.", fixed="It is a unique chance."),
        Example(bad="He drove [[a]] SUV into the car park.", fixed="He drove an SUV into the car park."),
        Example(bad="The patient went to [[a]] NHS trust.", fixed="The patient went to an NHS trust."),
        Example(bad="It was [[an]] UN report.", fixed="It was a UN report."),
        Example(bad="The firm made [[a]] 8% gain.", fixed="The firm made an 8% gain."),
        Example(bad="They made [[a]] 11th-hour offer.", fixed="They made an 11th-hour offer."),
        Example(good="It was a historic win and an historic day; he paid a €5 fee and an £8m bill."),
        Example(good="Plan A is dead, so type a or b; she got an A and a B+."),
        Example(good="A university and an hour; An Post and the Vuelta a España."),
        Example(good="A Nato summit, an SUV, a UEFA ruling and a FTSE 100 firm met an 1800s rule."),
        Example(good="She read “A Unusual Life” last year."),
        Example(good="Holders filed a class a action suit; the rig count fell to a about 700; it agreed to a extend."),
        Example(good="A NYMEX spokesman, an Ewood Park replay, a AA1 rating and a HD set; an HD set."),
        Example(bad="It was [[a]] extremely close race.", fixed="It was an extremely close race."),
        Example(bad="It was [[an]] usually quiet day.", fixed="It was a usually quiet day.", unsafe=True),
        Example(bad="It was done in [[an]] slightly different way.", fixed="It was done in a slightly different way."),
        Example(good="It is a one-off, a U-turn, an X-ray, an e-mail, a U.S. envoy and an 18,000-strong crowd."),
    ],
)
def a_an(doc: Doc, ctx: Context) -> Iterator[Finding]:
    """ "a" before a vowel sound or "an" before a consonant sound: "a hour", "an university", "a MP".

    ## Why
    The article follows the sound of the next word, not its spelling: "an hour", "a university", "an MP",
    "a one-off", "an 18-year-old". Rewriting tools swap words after the article and leave the old one.

    ## Fix safety
    Safe when the sound is certain: ordinary words through the inflect library, numbers by how they are
    read ("an 8", "an 11", "a 100") and number words as inflect reads them ("a three-month", "an eight-year",
    "a one-off"), abbreviations said letter by letter ("an FBI", "a US"), and the data in
    rules/data/articles.yaml for acronyms said as words ("a Nato") and for British usage ("an historic" and
    "a historic" both pass). Left alone: symbols ("a €5 fee"), acronyms that could go either way, names
    whose first sound the spelling does not settle, H-acronyms ("an HD"/"a HD": aitch or haitch), a
    capital "A" inside a sentence (a label or a name), capitalised words inside quotation marks (a title),
    an article before a plural noun ("a offices": the noun's number is AGR002's), and an article next to
    another determiner or before a verb or preposition ("a class a action", "a about 700"): a stray word,
    whose fix is to delete it. "an" before an adverb with a consonant sound is unsafe where a negative prefix
    makes another adverb of it: the adverb may be the damaged word ("an usually dry fall" was "an unusually dry
    fall"; but "an slightly changed way" is only the article's slip); "a" before one with a vowel sound is safe
    ("a extremely good year"), as a lost prefix leaves a vowel sound rather than removing one. A doubled
    consonant letter opens with a consonant either way it is read ("a BBC": "bee-bee-see" or "double-bee").
    """
    text = doc_text(doc)
    for tok in having(doc, "LOWER", frozenset({"a", "an"})):
        if not _article(tok):
            continue
        nxt = doc[tok.i + 1]
        m = _WORD.match(text, nxt.idx)
        word = m.group().rstrip(_TRAIL) if m else ""
        if not word or (word[0].isupper() and quoted_at(doc, tok.idx)):
            continue  # a capital inside quotation marks may be a title's: “A Unusual Life”
        head = tok.head if tok.dep_ == "det" and 0 < tok.head.i - tok.i <= 3 else None
        if head is not None and head.tag_ == "NNS" and head.lower_.endswith("s") and head.lower_ != head.lemma_:
            continue  # "a offices": the noun's number or the article is wrong, not the article's sound
        heard = sound(word) if word[0].isalnum() else None
        if heard is None or (tok.lower_ == "an") == (heard == VOWEL) or entity_type(nxt) == "WORK_OF_ART":
            continue
        new = ("an" if heard == VOWEL else "a") if tok.text.islower() else ("An" if heard == VOWEL else "A")
        base = ctx.block.start
        if ctx.source[base + tok.idx : base + nxt.idx + len(word)] != text[tok.idx : nxt.idx + len(word)]:
            continue
        message = f"“{tok.text} {word}”: “{word}” begins with a {heard} sound; use “{new}”."
        # An adverb may be the damaged word instead: "an usually dry fall" was "an unusually dry fall". Not so
        # before a vowel: a lost prefix leaves a vowel ("un-"), it does not take one away ("a extremely good").
        # Only where a prefix makes another adverb of it ("unusually"), not "an slightly", "an far smaller".
        safety = Safety.UNSAFE if nxt.pos_ == "ADV" and heard != VOWEL and _prefixed(word.lower()) else None
        yield ctx.finding(tok.idx, tok.idx + len(tok), new, message=message, safety=safety)
