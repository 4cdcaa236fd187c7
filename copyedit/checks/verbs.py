"""VRB: verb forms that the auxiliary or infinitival "to" before them does not allow."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from itertools import pairwise
from typing import TYPE_CHECKING

from copyedit import lexicon, triggers
from copyedit.checks.possessive import role_noun
from copyedit.inflection import getAllInflections, getAllLemmas, getInflection
from copyedit.model import Finding, Safety
from copyedit.nlp import entity_type
from copyedit.rule import Context, Example, rule
from copyedit.syntax import can_be_verb_form, doc_text, having, in_quotation

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

FORM_NAMES = {"VB": "base form", "VBN": "past participle", "VBG": "-ing form"}
BASE, PERFECT, PASSIVE, PROGRESSIVE = (
    ("VB", frozenset({"VBD", "VBZ", "VBN"})),
    ("VBN", frozenset({"VBD", "VBZ", "VB", "VBP"})),
    ("VBN", frozenset({"VBD", "VB", "VBP"})),
    ("VBG", frozenset({"VB", "VBP"})),
)
#: After a modal: the base form, as after "to" or "do", and never the -ing form ("will visiting").
MODAL = ("VB", BASE[1] | {"VBG"})
#: After a finite "have", an -ing form with an object is wrong too ("has unveiling a computer"; see _perfect_ing).
PERFECT_ING = ("VBN", PERFECT[1] | {"VBG"})
#: What shows that a base form after "be" or "have" is a verb that lost its ending, not a noun or a missing "to".
OBJECTS = frozenset({"dobj", "ccomp", "xcomp", "dative", "attr", "oprd"})
VERB_EVIDENCE = frozenset({"agent", "xcomp", "ccomp", "prt", "dobj", "dative"})
SUBJECTS = frozenset({"nsubj", "nsubjpass"})


def _needs(aux: Token, verb: Token) -> tuple[str, frozenset[str]] | None:
    """The form ``aux`` asks of the next verb in its chain, and the forms that are surely wrong there."""
    if aux.tag_ == "MD":
        return MODAL  # "will visiting": no -ing form follows a modal ("to visiting" may be a preposition's)
    if aux.tag_ == "TO" or (aux.lemma_ == "do" and aux.tag_ in ("VBD", "VBZ", "VBP")):
        return BASE
    if aux.lemma_ == "have":
        return PERFECT
    if aux.lemma_ == "be" and (verb.pos_ == "VERB" or _passive_by(aux, verb)) and not verb.lower_.endswith("ing"):
        # Passive needs the participle; with a direct object it can only be the progressive (see ``after_be``).
        return PROGRESSIVE if any(c.dep_ == "dobj" for c in verb.children) else PASSIVE
    return None


def _passive_by(aux: Token, verb: Token) -> bool:
    """A passive the tagger read as a noun, which its "by" phrase shows ("He was join by Justice White")."""
    return aux.dep_ == "auxpass" and any(c.dep_ == "agent" for c in verb.children)


@cache
def _frame(key: str) -> frozenset[str]:
    """A list of rules/data/verb_frames.yaml; "two_object" adds the verbs of two_object_verbs.yaml."""
    data = lexicon.load("verb_frames")
    if key == "two_object":
        return frozenset(data["complement"]) | frozenset(lexicon.load("two_object_verbs"))
    return frozenset(data[key])


def after_be(verb: Token) -> tuple[tuple[str, frozenset[str]], Safety] | None:
    """The form a bare verb takes after "be", and how surely, from the verb groups it can make: the passive (not
    for a verb without one, nor before an object that no passive of it keeps, nor before a to-infinitive of its
    own subject, nor before a clause unless its subject is "it" or the one told), the progressive (not for a
    stative verb). Where both are common (an object after "give" or "consider", "is expect to") the participle
    is only a suggestion; where neither is possible ("are seem"), None: "be" is the suspect."""
    lemmas = frozenset(getAllLemmas(verb.lower_).get("VERB", ())) or frozenset({verb.lemma_})
    deps = {c.dep_ for c in verb.children}
    kept = "agent" in deps or bool(lemmas & _frame("two_object"))  # a passive that keeps an object or a clause
    passive = not lemmas <= _frame("no_passive")
    if "xcomp" in deps and lemmas <= _frame("subject_control"):
        passive = False  # "they are try to win": never "are tried to"
    if "dobj" in deps and not kept:
        passive = False  # "have been search the hillside"
    it = any(c.lower_ == "it" and c.dep_ in SUBJECTS for c in verb.children)
    if "ccomp" in deps and not (kept or it or lemmas & _frame("feeling")):
        passive = False  # "they were say that" (but "it is believe that", "were tell that", "are concern that")
    progressive = not lemmas <= _frame("stative")
    if not passive:
        return (PROGRESSIVE, Safety.SAFE if "dobj" in deps else Safety.UNSAFE) if progressive else None
    # "is expect to": "is expecting to" is English too, but edited news writes the participle there far more often
    # (news_counts.yaml, passive_after_be), so the participle is sure where the word is counted there
    # (not in a quotation, nor of a person, who may be "expecting to win")
    counted = verb.lower_ in lexicon.counted("passive_after_be") and not _quoted(verb)
    counted = counted and not any(c.dep_ in SUBJECTS and _person(c) for c in verb.children)
    both_to = "xcomp" in deps and lemmas & _frame("both_before_to") and not counted
    both = "dobj" in deps or both_to
    return PASSIVE, Safety.UNSAFE if progressive and both and "agent" not in deps else Safety.SAFE


def _person(subject: Token) -> bool:
    """Whether a subject may be a person: a personal pronoun, a person's name, or a word for a role."""
    pronoun = subject.lower_ in ("i", "you", "he", "she", "we", "they", "who")
    return pronoun or entity_type(subject) == "PERSON" or (subject.pos_ == "NOUN" and role_noun(subject.lower_))


def _inflections(word: str) -> dict[str, dict[str, tuple[str, ...]]]:
    """Each verb lemma ``word`` may belong to, with that lemma's forms, when ``word`` is one of them."""
    tables = {lemma: getAllInflections(lemma, upos="VERB") for lemma in getAllLemmas(word).get("VERB", ())}
    for t in tables.values():  # lemminflect leaves out a participle that is the same as the past
        t.setdefault("VBN", t.get("VBD", ()))
    return {lemma: t for lemma, t in tables.items() if any(word in forms for forms in t.values())}


def _valid(word: str, tag: str, tables: dict[str, dict[str, tuple[str, ...]]]) -> bool:
    """Whether ``word`` may be form ``tag``; a regular past ("learned", "lit") may always be a participle."""
    if tag == "VBN":
        if word in lexicon.load("participle_variants"):
            return True
        pasts = [t.get("VBD", ()) for t in tables.values() if word in t.get("VBD", ())]
        if any(p.endswith("ed") for forms in pasts for p in forms):
            return True
    return any(word in t.get(tag, ()) or (tag == "VB" and word in t.get("VBP", ())) for t in tables.values())


def _replacement(tok: Token, aux: Token, needed: str, wrong: frozenset[str], noun_ok: bool = False) -> str | None:
    """The form ``needed`` of ``tok``'s verb, when its current form is certainly wrong and the verb is certain."""
    word = tok.lower_
    tables = _inflections(word)
    if not tables or _valid(word, needed, tables):
        return None
    if tok.lemma_ in tables:
        tables = {tok.lemma_: tables[tok.lemma_]}  # the parse picks the verb: "fell" is "fall" here, not "fell"
    has = {tag for t in tables.values() for tag, forms in t.items() if word in forms}
    if not has <= wrong or (needed == "VBN" and has == {"VBD"} and _quoted(tok)):
        return None  # a speaker's "could have went", a song's "be forgot" are theirs to keep
    if aux.lemma_ == "be" and ("ADJ" in getAllLemmas(word) or tok.dep_ in ("attr", "acomp")):
        return None  # "was broke", "is open": an adjective after the copula
    if needed != "VB" and has & {"VB", "VBP", "VBZ"} and not _surely_verb(tok, aux, noun_ok):
        return None
    deps = {c.dep_ for c in tok.children}
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    # an object the parse missed: a determiner, possessive, pronoun or number right after ("to paid 10%")
    objectish = nxt is not None and nxt.tag_ in ("DT", "PRP$", "PRP", "CD") and aux.tag_ == "TO"
    unobjected = not (deps & OBJECTS or objectish) or "agent" in deps
    # after "do" no "be" or "have" can have been lost: "did not elaborated" is "elaborate"
    lost_aux = aux.lemma_ != "do" and not _no_passive(tok, aux)
    if needed == "VB" and "VBN" in has and unobjected and lost_aux:
        return None  # "were to built with the proceeds": a lost "be" or "have" as likely as a wrong form
    plural_noun = needed == "VB" and "VBZ" in has and "NOUN" in getAllLemmas(word) and not _evidence(tok)
    if plural_noun and not ((aux.tag_ == "MD" or aux.lemma_ == "do") and _subject_before(tok, aux)):
        return None  # "a few don't worries", "to talks": a plural noun
    out = {t[needed][0] for t in tables.values() if t.get(needed)}
    if len(out) != 1:
        return None
    return _cased(out.pop(), tok)


#: A single quotation mark that opens a quotation, and one that closes it (not an apostrophe inside a word).
SINGLE_OPEN = re.compile(r"(?:^|(?<=[\s(\[—–]))['‘](?=\w)")
SINGLE_CLOSE = re.compile(r"(?<=[\w.,!?])['’](?!\w)")


def _quoted(tok: Token) -> bool:
    """Whether ``tok`` stands inside a quotation, in double quotation marks or in single ones (British style)."""
    if in_quotation(tok):
        return True
    before = doc_text(tok.doc)[: tok.idx]
    opened = [m.end() for m in SINGLE_OPEN.finditer(before)]
    return bool(opened) and not SINGLE_CLOSE.search(before, opened[-1])


def _no_passive(tok: Token, to: Token) -> bool:
    """Whether a past form after "to" can only be a wrong base form: a verb with no passive, after a word that
    does not make a lost "have" as likely ("is said to", "seems to" may want "to have participated")."""
    data = lexicon.load("intransitive_verbs")
    lemmas = getAllLemmas(tok.lower_).get("VERB", ())
    if to.tag_ != "TO" or not lemmas or not set(lemmas) <= set(data["intransitive"]):
        return False
    return not _invites_have(tok, to)


def _invites_have(tok: Token, to: Token, counted: bool = False) -> bool:
    """Whether the word "to" hangs on makes a lost "have" before ``tok`` as likely as a wrong form: a passive ("were
    to built" may be "to have built"), or with ``counted`` only a passive that edited news often follows with "to
    have" ("is believed to helped the poor" may be "to have helped"; not "is expected to raised", "are required to
    picked up"; news_counts.yaml, perfect_after_passive), or a word of perfect_heads ("is said to", "seems to")."""
    head = tok.head if tok.dep_ in ("xcomp", "advcl") and tok.head.i < to.i else tok.doc[_before_adverbs(to)]
    have = any(c.dep_ == "aux" and c.lemma_ == "have" for c in head.children)  # "has warned them not to"
    passive = (head.tag_ == "VBN" and not have) or any(c.dep_ == "auxpass" for c in head.children)
    if counted:
        passive = passive and head.lemma_.lower() in lexicon.counted("perfect_after_passive")
    return passive or head.lemma_ in lexicon.load("intransitive_verbs")["perfect_heads"]


def _subject_before(tok: Token, aux: Token) -> bool:
    """Whether ``tok`` has its subject before the modal or "do" ``aux``: "the firms would comments" is no question.
    Not across a quotation mark: in 'a few "don't worries"' the quoted words are a noun, not the subject's verb."""
    doc = tok.doc
    return any(
        c.dep_ == "nsubj" and c.i < aux.i and not any(t.is_quote for t in doc[c.i : aux.i]) for c in tok.children
    )


def _evidence(tok: Token) -> bool:
    """Whether ``tok`` governs what only a verb governs: an object, an agent, a particle, a clause."""
    return any(c.dep_ in VERB_EVIDENCE for c in tok.children)


def _surely_verb(tok: Token, aux: Token, noun_ok: bool = False) -> bool:
    """Whether a present-looking form is a verb: "open" may be an adjective, "cause" or "plans" a noun."""
    if tok.pos_ == "AUX":
        return tok.lemma_ in ("be", "have")
    if (tok.pos_ != "VERB" and not _passive_by(aux, tok)) or tok.dep_ in ("attr", "acomp", "amod", "compound"):
        return False
    if "ADJ" in getAllLemmas(tok.lower_):
        return False
    noun = "NOUN" in getAllLemmas(tok.lower_) and not noun_ok
    if (aux.lemma_ == "be" or noun) and not _evidence(tok) and not _being(aux, tok):
        return False
    if aux.lemma_ == "be" and tok.i != aux.i + 1:
        return False  # "is not repeat not": cable style, not a lost ending
    noun_next = tok.i + 1 < len(tok.doc) and tok.nbor().tag_ in ("NN", "NNS")
    if aux.lemma_ == "have" and noun_next and "NOUN" in getAllLemmas(tok.lower_):
        return False  # "which had buffer stock losses": "have" owns a noun phrase
    if aux.tag_ not in ("VBD", "VBZ", "VBP") or aux.lemma_ != "be":
        return True  # "been", "being", "have": never the copula of a pseudo-cleft
    # "What they did was build a wall": a base form after a finite be in a pseudo-cleft is right.
    before = tok.doc[tok.sent.start : aux.i]
    return not any(t.lemma_ == "do" or t.tag_ == "WP" for t in before)


def _being(aux: Token, tok: Token, parsed: bool = True) -> bool:
    """Whether ``tok`` is the verb of a progressive passive ("was being hold", "after being hold"): right after
    "being", a base verb in the parse (when ``parsed``), and "being" is a verb there, not a noun ("a human being")."""
    if aux.lower_ != "being" or aux.tag_ != "VBG" or (parsed and tok.tag_ != "VB") or tok.i != aux.i + 1:
        return False
    prev = aux.doc[aux.i - 1] if aux.i > 0 else None
    return prev is not None and (prev.lemma_ == "be" or prev.tag_ == "IN")


def _plain(aux: Token, nxt: Token) -> bool:
    """Whether ``aux`` plainly governs ``nxt``: nothing but adverbs between, and no misreading of the parse."""
    between = aux.doc[aux.i + 1 : nxt.i]
    if not nxt.is_alpha or not all(t.tag_ == "RB" and t.dep_ in ("advmod", "neg") for t in between):
        return False
    return not _misread(aux, nxt)


def _misread(aux: Token, nxt: Token) -> bool:
    """Parses that look like an auxiliary chain and are not one."""
    doc = aux.doc
    prev = doc[aux.i - 1] if aux.i > 0 else None
    after = doc[nxt.i + 1] if nxt.i + 1 < len(doc) else None
    if aux.lemma_ == nxt.lemma_ or (nxt.pos_ == "AUX" and after is not None and after.lower_ == aux.lower_):
        return True  # "has has", "was to was to": a doubled word, not a wrong form
    if nxt.pos_ == "AUX" and nxt.tag_ in ("VBZ", "VBD", "VBP"):
        return True  # "what it does is increase…": a finite verb of its own
    if aux.tag_ == "MD":
        if aux.lower_ in ("'d", "’d"):
            return True  # "I'd told them": "had" as often as "would"
        if aux.text[0].isupper() and not aux.sent.text.rstrip().endswith("?"):
            return True  # "May wrote": a name, not a question
        if _determined(aux):
            return True  # "the will states", "her last will names": a noun
        return prev is not None and prev.tag_ == "IN" and prev.lower_ != "that"  # "as will newly elected…"
    if aux.tag_ == "TO":
        return _misread_to(aux, nxt, prev, after)
    if aux.lemma_ == "do":
        return not do_support(aux, nxt)
    return False


def do_support(do: Token, verb: Token) -> bool:
    """Whether "do" is the verb's auxiliary for certain: a negation or the subject stands between them ("did not
    went", "did he went"). A plain "did" may close a clause of its own before the sentence's verb ("what they did
    surprised everyone", "the work they did won praise")."""
    return any(t.dep_ == "neg" or t.dep_ in SUBJECTS for t in do.doc[do.i + 1 : verb.i])


def _misread_to(to: Token, nxt: Token, prev: Token | None, after: Token | None) -> bool:
    """Parses of "to" before a verb form that may be a preposition before an adjectival participle or a name."""
    lead = _before_adverbs(to)
    if any(c.dep_ in ("nsubj", "nsubjpass") and c.i != lead for c in nxt.children):
        return True  # a clause of its own after a stranded preposition
    if prev is not None and prev.pos_ in ("VERB", "AUX") and _may_strand(to, prev, nxt):
        return True  # "every activist I spoke to said…", "the plan he objected to happened"
    if _may_close(to):
        return True  # "the firm he sold the unit to helped fund…": the verb's object stands before "to"
    if after is None or after.pos_ not in ("NOUN", "ADJ", "PROPN", "NUM"):
        return False
    # "to fixed five-year terms", "certificates to specified houses": an adjectival participle, unless the parse
    # makes the noun phrase the verb's object, the verb the complement of the word before "to", and the word is
    # never an adjective ("declined to discussed methods").
    objects = [c for c in nxt.children if c.dep_ == "dobj"]
    # an adjective never stands before a number or determiner of its own noun ("to paid 10%" is a verb's)
    adjective = (nxt.tag_ == "JJ" or "ADJ" in getAllLemmas(nxt.lower_)) and after.tag_ not in ("CD", "DT", "PRP$")
    # (an adjunct may stand between the verb and "to" where a determiner after settles it: "agreed last week to paid
    # the debt"; not a number, which may open a modifier: "appointed by the president to fixed five-year terms")
    apart = nxt.head.i < to.i and after.tag_ in ("DT", "PRP$")
    governed = nxt.dep_ == "xcomp" and (nxt.head.i == _before_adverbs(to) or apart) and nxt.head.pos_ in ("VERB", "ADJ")
    objected = any(o.left_edge == after for o in objects) or after.tag_ in ("CD", "DT", "PRP$")
    return adjective or not governed or not objected


def _may_strand(to: Token, verb: Token, nxt: Token) -> bool:
    """Whether ``to`` may end the clause of the verb before it, leaving ``nxt`` a finite verb: the parse does
    not make ``nxt`` that verb's complement, or the verb stands in a clause with a gap (a relative clause, a
    wh-word before it) or in a sentence with no main verb of its own."""
    if nxt.head != verb or nxt.dep_ not in ("xcomp", "advcl"):
        return True
    return _gapped(to, verb)


def _may_close(to: Token) -> bool:
    """Whether ``to`` may close a relative clause right after its verb's object ("the firm he sold the unit to
    helped fund the bid"): the last verb before it heads a relative clause with a subject of its own, and its
    object ends right before "to" (not "required Mr Weinberger to provide", a main clause's object and verb)."""
    last = next((t for t in reversed(to.doc[to.sent.start : to.i]) if t.pos_ in ("VERB", "AUX")), None)
    if last is None or last.dep_ not in ("relcl", "acl"):
        return False
    subject = any(c.dep_ in SUBJECTS and c.tag_ not in ("WP", "WDT") for c in last.children)
    return subject and any(c.dep_ == "dobj" and c.right_edge.i == to.i - 1 for c in last.children)


def _gapped(to: Token, verb: Token) -> bool:
    """Whether the verb before ``to`` stands in a clause with a gap that "to" may close (a relative clause with a
    subject of its own, a wh-word before it) or in a sentence with no main verb ("Nothing he tried to worked")."""
    sent = to.sent
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    wh_subject = any(c.tag_ in ("WP", "WDT") for c in subjects)
    # "the plan that was objected to", "what was agreed to": a passive whose subject is the gap
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    # "the plan he objected to": a relative clause with a subject of its own ("reason to want to" has none)
    relative_gap = verb.dep_ in ("relcl", "acl", "csubj", "csubjpass") and ((subjects and not wh_subject) or passive)
    wh_gap = any(t.tag_ in ("WP", "WDT") and t.dep_ not in ("nsubj", "nsubjpass") for t in to.doc[sent.start : to.i])
    return relative_gap or wh_gap or (passive and wh_subject) or sent.root.pos_ not in ("VERB", "AUX")


def _before_adverbs(tok: Token) -> int:
    """The index of the word before ``tok``, past any adverbs ("countries not to …")."""
    i = tok.i - 1
    while i > 0 and tok.doc[i].tag_ == "RB" and tok.doc[i].dep_ in ("advmod", "neg"):
        i -= 1
    return i


def _determined(tok: Token) -> bool:
    """Whether an article or possessive stands before ``tok``, adjectives aside: then it heads a noun phrase."""
    i = tok.i - 1
    while i >= 0 and tok.doc[i].tag_ in ("JJ", "JJR", "JJS") and i > tok.sent.start:
        i -= 1
    prev = tok.doc[i] if i >= 0 and i < tok.i else None
    return prev is not None and (prev.lower_ in ("the", "a", "an") or prev.tag_ in ("PRP$", "POS"))


def _chain(verb: Token) -> list[Token]:
    """The auxiliaries and infinitival "to" before ``verb``, then ``verb``, in order."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
    return [*auxes, verb]


#: The (needed, wrong) checks each kind of auxiliary makes of the verb after it (see ``_needs``).
_CHECKS = {"base": (BASE,), "modal": (MODAL,), "have": (PERFECT, PERFECT_ING), "be": (PASSIVE, PROGRESSIVE)}


@cache
def _aux_kinds(word: str) -> frozenset[str]:
    """The kinds of auxiliary ``word`` may be: "to", a modal or finite "do" ask for the base form (a modal rules
    out the -ing form too)."""
    kinds = {"base"} if word in triggers.words("to") | triggers.words("modals") | triggers.words("do") else set()
    kinds |= {"modal"} if word in triggers.words("modals") else set()
    return frozenset(kinds | {k for k in ("have", "be") if word in triggers.words(k)})


@cache
def _reportable_after(word: str) -> frozenset[str]:
    """The auxiliary kinds after which ``_replacement`` could report ``word``, deciding only what the text decides:
    not the needed form, all its forms wrong there (for all its lemmas, or for the one the parse may pick), one
    new form, and no adjective reading where ``_replacement`` leaves adjectives alone."""
    tables = _inflections(word)
    adjective = "ADJ" in getAllLemmas(word) and not _aux_kinds(word)
    choices = [tables, *({lemma: t} for lemma, t in tables.items())] if tables else []
    kinds = set()
    for kind, checks in _CHECKS.items():
        for needed, wrong in checks:
            if (kind == "be" and adjective) or _valid(word, needed, tables):
                continue
            for chosen in choices:
                has = {tag for t in chosen.values() for tag, forms in t.items() if word in forms}
                out = {t[needed][0] for t in chosen.values() if t.get(needed)}
                if has <= wrong and len(out) == 1 and not (needed != "VB" and has & {"VB", "VBP", "VBZ"} and adjective):
                    kinds.add(kind)
    return frozenset(kinds)


@cache
def _may_be_adverb(word: str) -> bool:
    """Whether the tagger may read ``word`` as an adverb between an auxiliary and its verb."""
    lemmas = getAllLemmas(word)
    return word in triggers.words("adverbs") or word.endswith("ly") or not lemmas or "ADV" in lemmas


def _wrong_form_after_auxiliary(text: str) -> bool:
    """VRB001's trigger: an auxiliary, then (past adverbs only) a verb form that could be the wrong one for it."""
    found = list(triggers.WORD.finditer(text))
    for i, m in enumerate(found):
        kinds = _aux_kinds(m.group().lower())
        j = i + 1
        while kinds and j < len(found) and not text[found[j - 1].end() : found[j].start()].strip():
            word = found[j].group().lower()
            if kinds & _reportable_after(word):
                return True
            if "base" in kinds and word.endswith("ing") and can_be_verb_form(word, "VBG"):
                return True  # "enable the state to raising": see ``_to_fixes``
            if not _may_be_adverb(word):
                break
            j += 1
    return False


@rule(
    code="VRB001",
    trigger=_wrong_form_after_auxiliary,
    name="verb-form-after-auxiliary",
    message="“{match}” is the wrong form after the auxiliary; use “{replacement}”.",
    examples=[
        Example(bad="Roads have been [[strain]] by the floods.", fixed="Roads have been strained by the floods."),
        Example(
            bad="The dams, which have been [[strain]] by floods, held.",
            fixed="The dams, which have been strained by floods, held.",
        ),
        Example(bad="He could have [[gave]] more.", fixed="He could have given more."),
        Example(bad="Work has already [[began]] on the bridge.", fixed="Work has already begun on the bridge."),
        Example(bad="She is [[expect]] to win the seat.", fixed="She is expected to win the seat.", unsafe=True),
        Example(bad="Fans were [[tell]] to arrive early.", fixed="Fans were told to arrive early."),
        Example(bad="The sale is [[expect]] to close in May.", fixed="The sale is expected to close in May."),
        Example(bad="He was [[join]] by two colleagues.", fixed="He was joined by two colleagues."),
        Example(bad="Apple has [[unveiling]] a new laptop.", fixed="Apple has unveiled a new laptop."),
        Example(good="The club had signing bonuses for all players."),
        Example(bad="The winners will be [[give]] a trophy.", fixed="The winners will be given a trophy.", unsafe=True),
        Example(bad="They are [[try]] to win the seat.", fixed="They are trying to win the seat.", unsafe=True),
        Example(bad="Fuel prices are [[go]] up again.", fixed="Fuel prices are going up again.", unsafe=True),
        Example(bad="We [[are seem]] to be losing.", fixed="We seem to be losing.", unsafe=True),
        Example(
            bad="She was [[determine]] that no one was blamed.", fixed="She was determined that no one was blamed."
        ),
        Example(good="“Should auld acquaintance be forgot,” they sang, and ‘I have wrote to thee’ ran the old line."),
        Example(bad="Prices will [[continues]] to rise.", fixed="Prices will continue to rise."),
        Example(bad="The firm wants to [[announced]] a plan.", fixed="The firm wants to announce a plan."),
        Example(bad="He did not [[went]] home.", fixed="He did not go home."),
        Example(bad="The firm did not [[disclosed]] the price.", fixed="The firm did not disclose the price."),
        Example(good="What they did surprised everyone, and the work the engineers did impressed the judges."),
        Example(bad="It should have [[be]] done years ago.", fixed="It should have been done years ago."),
        Example(good="We are committed to building homes and objected to the plan."),
        Example(good="The shop is open and the report is complete."),
        Example(good="The tower was hit, and the project is set to start; he has come and had run."),
        Example(good="They have to go, and you had better go too."),
        Example(good="What they did was build a wall."),
        Example(good="The will of the people is clear; the can was empty in May."),
        Example(good="The will states that the house goes to the city, and her last will names three heirs."),
        Example(good="It is a must-see show that has got rave reviews."),
        Example(good="Prices will rise and fall; the company has plans to expand."),
        Example(good="The council, which had buffer stock losses, was wound up."),
        Example(good="“We could have went further,” she said, as did every activist I spoke to."),
        Example(bad="She declined to [[commented]] on the report.", fixed="She declined to comment on the report."),
        Example(bad="Funds continued to [[flowed]] into bonds.", fixed="Funds continued to flow into bonds."),
        Example(bad="He declined to [[discussed]] the terms.", fixed="He declined to discuss the terms."),
        Example(
            bad="They found a way to [[stopped]] people copying music.",
            fixed="They found a way to stop people copying music.",
        ),
        Example(
            bad="The problem does not [[lies]] with the players.", fixed="The problem does not lie with the players."
        ),
        Example(good="The deal he agreed to helped the firm, and the woman he spoke to gave evidence."),
        Example(good='A few "don\'t worries" calmed the crowd.'),
        Example(bad="The firms would [[comments]] later.", fixed="The firms would comment later."),
        Example(bad="The club will [[visiting]] Leeds.", fixed="The club will visit Leeds."),
        Example(good="They will be visiting Leeds, and we look forward to visiting them."),
        Example(bad="The bridge is being [[develop]] in stages.", fixed="The bridge is being developed in stages."),
        Example(bad="He was freed after being [[hold]] for a week.", fixed="He was freed after being held for a week."),
        Example(bad="Fans who have [[use]] an iPod liked it.", fixed="Fans who have used an iPod liked it."),
        Example(bad="The singer was [[arrest]] in London.", fixed="The singer was arrested in London."),
        Example(bad="The union has [[call]] for a strike.", fixed="The union has called for a strike."),
        Example(
            bad="He was sacked for a failure to [[respected]] others.",
            fixed="He was sacked for a failure to respect others.",
        ),
        Example(good="A new model is expected to released at the end of the year, and nothing he tried to worked."),
        Example(good="The bank had call options on the shares, and the fund has offers for the plant."),
        Example(good="What the rebels did was attack the capital, and the aim is support for farmers."),
        Example(good="Sales rose thanks to increased demand, and dealers switched to used cars and to reduced prices."),
        Example(good="The plan he objected to happened anyway; what they agreed to mattered less."),
        Example(good="He is said to have participated; nor would comments help; no human being could do it."),
        Example(good="The bank issued certificates to specified trading houses, and the fund has fuelled growth."),
    ],
)
def verb_form_after_auxiliary(doc: Doc, ctx: Context) -> Iterator[Finding]:
    """A verb whose form the auxiliary before it rules out: "has began", "will continues", "to announced".

    ## Why
    Rewriting tools swap inflections and leave forms that no auxiliary allows; a reader sees them at once.

    ## Fix safety
    Safe: the needed form follows from the auxiliary (have: participle; passive be: participle; modal, do,
    to: base form; after a modal not the -ing form either, "will visiting"), fires only when the current form
    can be no form of that kind of any lemma it may have; "do" counts only where a negation or its subject stands
    before the verb ("did not went", not "what they did surprised everyone"), and after it a past form is
    the base form's even without an object ("did not elaborated": no "be" or "have" can have been lost),
    and the new form comes from lemminflect. Adjective-like and noun-like base forms after "be" are skipped.
    In quotations it still fixes forms nobody says ("should have be"), but keeps a speaker's "could have went".
    A past form after "to" is fixed when it has an object, or when the verb has no passive (rules/data/
    intransitive_verbs.yaml) and the word before "to" does not invite a lost "have" ("is said to"); one that may be a
    participle is fixed only as unsafe, object or not, after such a word or a passive that edited news often follows
    with "to have" ("is believed to helped the poor" may want "to have helped"; news_counts.yaml,
    perfect_after_passive; not "is expected to raised", "are required to picked up"; a past with no participle of
    its own, "is said to gave", stays safe); "to" that
    may be a preposition ("to increased demand", "certificates to specified houses", "appointed to fixed five-year
    terms") or stranded ("the plan he objected to happened") is left alone; the verb the infinitive completes may
    stand a phrase away where a determiner follows the form ("agreed last week to paid the debt"). A
    plural-looking form after a modal or "do" is fixed only when its subject stands before it ("the firms would
    comments", "the problem does not lies"), and a base form after a verbal "being" only when the
    word is never a noun or the parse reads a verb. A noun-like base form right after "have" that the parse
    reads as a verb ("has cover for") is unsafe: "has cover for the losses" is a noun. But a count noun that
    is a verb too, right after "have" and before a preposition, takes its participle safely where edited news never
    writes it there and writes its participle there far more often than "have a/an" and the noun (news_counts.yaml,
    perfect_after_have: "has call for" → "has called for"; "has a call for" is rare). After a "to" that hangs on a
    word that edited news follows with "to" only before a base verb (news_counts.yaml, infinitive_governors: "plan
    to", "a failure to", "enable firms to"), "to" marks an infinitive however the parse reads the broken form, so
    a past form with an object after it ("a failure to respected others") or an "-ing" form ("enabling it to
    raising money") takes the base form; not after a passive or a word that invites a lost "be" or "have" ("is
    expected to released at the end of the year"), nor where "to" may close a clause with a gap ("the deal he
    hoped to"). So does a past, participle or -s form that edited news never writes after "to" nor as an adjective
    (news_counts.yaml, never_after_to), and that is no noun or adjective either, after any "to": "a way to stopped
    people", "technology to gave people access", "its aim is to creates jobs"; a form that may be a participle only
    where an object follows and nothing invites a lost "be" or "have", and never where "to" may close a clause
    ("the deal he agreed to helped the firm").
    After "be" the fix is a form the verb has (rules/data/verb_frames.yaml): the participle, or the -ing form
    when an object or a clause rules the passive out ("have been search the hillside", "they were say that",
    unsafe without an object), never a progressive of a stative verb or a passive of a linking one. Where both
    are common ("will be give a trophy", "might be consider a failure", "she is expect to") the participle is
    offered, unsafe, unless edited news writes that participle there far more often than the -ing form
    (news_counts.yaml, passive_after_be) and the subject is no person and no speaker's ("the sale is expect to");
    where neither is ("we are seem to", "was know the answer") "be" is the suspect and the unsafe fix drops it.
    A passive the tagger reads as a noun is one where its "by" phrase shows it ("He was join by Justice White").
    After a finite "have", an -ing form whose object opens with a determiner, pronoun, number or name lost its
    participle ("Apple has unveiling a new laptop"); a gerund or compound is what one has ("the club had signing
    bonuses", "the show has dancing"). An old past in a quotation, in double or single quotation marks ("be
    forgot"), is left.
    A base form right after "been" that is only ever a verb ("had been delete", which the tagger reads as an
    adjective) takes its participle; unsafe where an adverb in -ly shows an adjective ("has been complete").
    A base form that the tagger reads as a noun after "be" ("was arrest in London") takes its participle where
    edited news never writes that word after "be" but often writes its participle there (rules/data/
    news_counts.yaml, counted by train/news_counts.py), and the word ends its verb group; not in a pseudo-cleft
    ("what he did was attack the plan"), and unsafe in a quotation. A base form right after "be" and coordinated
    with a participle takes the participle too ("were test and analysed"); not where a noun follows that
    participle ("is research and published papers").
    Where the new form has two spellings ("canceled", "cancelled"), the one the text uses is taken; where it
    uses neither, the fix is unsafe.
    """
    seen = set()
    found = [*_perfect_fixes(doc), *_to_fixes(doc), *_chain_fixes(doc), *_being_fixes(doc), *_unattested_fixes(doc)]
    found += _coordinated_fixes(doc)
    for aux, nxt, needed, new, safety in found:
        if nxt.i in seen:
            continue  # "had been delete" read as a chain and as "been" before a predicate: one finding
        seen.add(nxt.i)
        if needed:
            msg = f"“{nxt.text}” after “{aux.text}” needs the {FORM_NAMES[needed]} “{new}”."
            yield ctx.finding(nxt.idx, nxt.idx + len(nxt), new, message=msg, safety=safety)
        else:
            msg = f"“{nxt.text}” takes neither the passive nor the -ing form after “{aux.text}”; drop “{aux.text}”."
            yield ctx.finding(aux.idx, nxt.idx + len(nxt), new, message=msg, safety=safety)


def _pairs(doc: Doc, words: frozenset[str]) -> Iterator[tuple[Token, Token]]:
    """Each of ``words`` (lower case) in ``doc`` and the token after it, as ``pairwise(doc)`` would give them."""
    for tok in having(doc, "LOWER", words):
        if tok.i + 1 < len(doc):
            yield tok, doc[tok.i + 1]


def _with_auxiliaries(doc: Doc) -> list[Token]:
    """The words that have an auxiliary before them, in order: those whose ``_chain`` is more than the word."""
    heads = {t.head.i for t in having(doc, "DEP", frozenset({"aux", "auxpass"})) if t.i < t.head.i}
    return [doc[i] for i in sorted(heads)]


def _chain_fixes(doc: Doc) -> Iterator[tuple[Token, Token, str, str, Safety]]:
    """Each auxiliary, the verb after it in its chain, the form needed and the new form, where one is wrong;
    after "be", the form the verb allows (``after_be``), or no form ("") and the group without "be"."""
    for verb in _with_auxiliaries(doc):
        for aux, nxt in pairwise(_chain(verb)):
            needs = _needs(aux, nxt)
            if needs is None or not _plain(aux, nxt) or (needs is MODAL and _ing_not_verb(aux, nxt)):
                continue
            new, safety = _replacement(nxt, aux, *needs), Safety.SAFE
            if new is None and _perfect_ing(aux, nxt):
                new = _replacement(nxt, aux, *PERFECT_ING)  # "Apple has unveiling a new computer"
            if new is None and aux.lemma_ == "have" and nxt.tag_ == "VB" and nxt.i == aux.i + 1:
                # "has call for": the parse reads a verb, but "has cover for the losses" is a noun
                new, safety = _replacement(nxt, aux, *needs, noun_ok=True), Safety.UNSAFE
            if new and aux.lemma_ == "be" and needs in (PASSIVE, PROGRESSIVE):
                allowed = after_be(nxt)
                if allowed is None:
                    new, needs, safety = _without_be(aux, nxt), ("", frozenset()), Safety.UNSAFE
                elif allowed[0] != needs:
                    needs, safety = allowed
                    new = _replacement(nxt, aux, *needs)
                else:
                    safety = allowed[1]
            if new and needs is BASE and aux.tag_ == "TO" and can_be_verb_form(nxt.lower_, "VBN"):
                # a past with its object after a passive or a raising word: "to have helped" as likely as "to help"
                safety = Safety.UNSAFE if _invites_have(nxt, aux, counted=True) else safety
            if new and needs[0]:
                new, two = _spelling(nxt, needs[0], new)
                safety = Safety.UNSAFE if two else safety
            if new and (new != nxt.text or not needs[0]):
                yield aux, nxt, needs[0], new, safety


def _perfect_ing(aux: Token, ing: Token) -> bool:
    """An -ing form with an object right after a finite "have" ("has unveiling a new computer"): a gerund may be
    what one has ("the show has dancing"), but not one with an object of its own, so the perfect lost its
    participle."""
    finite = aux.lemma_ == "have" and aux.tag_ in ("VBZ", "VBP", "VBD") and ing.tag_ == "VBG"
    if not finite or ing.i != aux.i + 1 or ing.i + 1 >= len(ing.doc):
        return False
    # the object opens with a determiner, pronoun, number or name: not a compound ("had signing bonuses")
    opens = ing.doc[ing.i + 1].tag_ in ("DT", "PRP$", "PRP", "CD", "NNP", "NNPS")
    return opens and any(c.dep_ == "dobj" and c.i > ing.i for c in ing.children)


def _ing_not_verb(modal: Token, ing: Token) -> bool:
    """Whether an -ing word after a modal may be no verb of its: a modifier of the noun after it ("should lasting
    agreement not be found", "may developing countries"), one with no subject, a participle before the modal's own
    verb ("may, depending on conditions, acquire"), or a comparison's ellipsis ("as they could growing grain")."""
    if not ing.lower_.endswith("ing"):
        return False
    doc = ing.doc
    nxt = doc[ing.i + 1] if ing.i + 1 < len(doc) else None
    if ing.dep_ in ("amod", "compound") or (nxt is not None and nxt.tag_ in ("NN", "NNS") and nxt.head == ing.head):
        return True
    if not any(c.dep_ in SUBJECTS for c in ing.children):
        return True  # "However, may developing countries …": the modal has no subject of its own
    rest = doc[ing.i + 1 : ing.sent.end]
    if any(t.tag_ in ("VB", "VBP") and not any(a.tag_ == "TO" for a in t.children) for t in rest):
        return True
    before = doc[modal.sent.start : modal.i]
    return len(before) >= 2 and before[-1].tag_ == "PRP" and before[-2].lower_ in ("as", "than")


def _without_be(aux: Token, verb: Token) -> str | None:
    """The verb in the form of the "be" right before it, which it replaces: "we are seem to" → "we seem to",
    "it is seem" → "it seems", "might be seem" → "might seem", "have been seem" → "have seemed"."""
    tag = {"VBP": "VB"}.get(aux.tag_, aux.tag_)
    tables = _inflections(verb.lower_)
    table = tables.get(verb.lemma_) or (next(iter(tables.values())) if len(tables) == 1 else None)
    if verb.i != aux.i + 1 or aux.i == aux.sent.start or tag not in ("VBZ", "VB", "VBD", "VBN") or not table:
        return None
    forms = table.get(tag) or (table.get("VBP") if tag == "VB" else None)
    return _cased(forms[0], verb) if forms else None


def _being_fixes(doc: Doc) -> Iterator[tuple[Token, Token, str, str, Safety]]:
    """A word that is only ever a verb, in its base form right after a verbal "being", that the parse reads as
    a predicate ("is being develop", "were being injure" as a noun or adjective): the passive's participle."""
    for being, nxt in _pairs(doc, frozenset({"been", "being"})):
        chained = being.head == nxt and being.dep_ in ("aux", "auxpass")
        been = being.lower_ == "been" and being.tag_ == "VBN" and nxt.i == being.i + 1
        if not (chained or nxt.head == being) or (chained and nxt.pos_ == "VERB" and not been):
            continue  # a verb whose chain holds "being" is the chain's to fix
        if not (been or _being(being, nxt, parsed=False)):
            continue
        tables = _inflections(nxt.lower_)
        has = {tag for t in tables.values() for tag, forms in t.items() if nxt.lower_ in forms}
        out = {t["VBN"][0] for t in tables.values() if t.get("VBN")}
        if set(getAllLemmas(nxt.lower_)) == {"VERB"} and has and has <= {"VB", "VBP"} and len(out) == 1:
            # "had been delete" (read as an adjective): the passive's participle; but a word with an adverb in
            # -ly is an adjective the dictionary lacks ("has been complete": "completely")
            doubt = been and adverb_of(nxt.lower_)
            new, two = _spelling(nxt, "VBN", out.pop())
            yield being, nxt, "VBN", _cased(new, nxt), Safety.UNSAFE if doubt or two else Safety.SAFE


#: Forms of "be" that a passive participle follows.
_BE_FORMS = frozenset({"is", "are", "was", "were", "be", "been"})
#: What may follow a passive participle that ends its verb group: a preposition, "to", a conjunction, an adverb,
#: punctuation. A noun or an adjective after the word may make it a noun's modifier ("was access charges").
_AFTER_PASSIVE = frozenset({"ADP", "PART", "CCONJ", "SCONJ", "ADV", "PUNCT"})


def _unattested_fixes(doc: Doc) -> Iterator[tuple[Token, Token, str, str, Safety]]:
    """A verb's base form right after a form of "be" that edited news never writes there, and whose participle it
    writes there often (news_counts.yaml, passive_after_be): "was arrest in London", which the tagger reads as a
    noun after a copula. Not in a pseudo-cleft ("what he did was attack the plan"), which takes the base form."""
    for be, nxt in _pairs(doc, _BE_FORMS):
        if nxt.text not in lexicon.counted("passive_after_be") or be.pos_ not in ("AUX", "VERB"):
            continue
        after = doc[nxt.i + 1] if nxt.i + 1 < len(doc) else None
        if not nxt.whitespace_ and after is not None and not after.is_punct:
            continue  # part of a longer word
        if after is not None and after.pos_ not in _AFTER_PASSIVE:
            continue
        before = doc[nxt.sent.start : be.i]
        # a relative pronoun that is the subject of this "be" opens no pseudo-cleft ("the trailer that has been
        # release")
        own = {be.i, nxt.i, be.head.i}
        if any(t.lemma_ == "do" or (t.tag_ in ("WP", "WDT") and t.head.i not in own) for t in before):
            continue  # "What they did was build a wall", "the thing that it needs is support"
        if any(t.lower_ == "there" for t in before[-2:]):
            continue  # "there was need for": the noun is the subject
        forms = getInflection(nxt.lower_, tag="VBN")
        if forms:
            new, two = _spelling(nxt, "VBN", forms[0])
            quoted = in_quotation(nxt)
            yield be, nxt, "VBN", _cased(new, nxt), Safety.UNSAFE if two or quoted else Safety.SAFE


#: Forms of "have" that a perfect's participle follows.
_HAVE_FORMS = frozenset({"has", "have", "had", "having"})


def _perfect_fixes(doc: Doc) -> Iterator[tuple[Token, Token, str, str, Safety]]:
    """A count noun that is a verb too, right after "have" and before a preposition, where edited news never writes
    it but often writes its participle (news_counts.yaml, perfect_after_have): "has call for", which the tagger
    reads as a noun. A count noun needs a determiner, so it is no object; the perfect lost its "-ed"."""
    for have, nxt in _pairs(doc, _HAVE_FORMS):
        if have.pos_ not in ("AUX", "VERB") or nxt.text not in lexicon.counted("perfect_after_have"):
            continue
        after = doc[nxt.i + 1] if nxt.i + 1 < len(doc) else None
        if after is None or not nxt.whitespace_ or after.pos_ not in ("ADP", "PART") or after.text in ("'s", "’s"):
            continue  # "had call options": a compound; only a preposition or particle ends the verb group
        forms = getInflection(nxt.lower_, tag="VBN")
        if forms:
            new, two = _spelling(nxt, "VBN", forms[0])
            yield have, nxt, "VBN", _cased(new, nxt), Safety.UNSAFE if two or in_quotation(nxt) else Safety.SAFE


def hangs_on(to: Token) -> Token | None:
    """The word a "to" hangs on in the parse: through the verb it marks ("plan" in "plan to cut") or as a
    preposition ("failure" in "a failure to respected others", where the broken verb reads as an adjective)."""
    if to.dep_ == "aux":
        return to.head.head if to.head.dep_ in _GOVERNED and to.head.head.i < to.i else None
    return to.head if to.dep_ in ("prep", "dative") and to.head.i < to.i else None


#: The relations of a verb that "to" marks to the word it completes ("plan to cut", "able to pay", "agreed to go").
_GOVERNED = frozenset({"xcomp", "advcl", "acl", "relcl", "ccomp"})


#: The forms after "to" that ``_to_fixes`` repairs.
_TO_WRONG = ("VBD", "VBN", "VBG", "VBZ")


def _to_fixes(doc: Doc) -> Iterator[tuple[Token, Token, str, str, Safety]]:
    """A past or "-ing" form right after a "to" that hangs on a word that edited news follows with "to" only before
    a base verb (news_counts.yaml, infinitive_governors: "plan to", "a failure to", "enable firms to"): "to" marks
    an infinitive there, so the form is a broken base form wherever the parse puts it ("a failure to respected
    others", "enabling it to raising money"), not an adjective or gerund after a preposition. So is a verb form
    that edited news never writes after "to" nor as an adjective, after any "to" ("a way to stopped people", "to
    creates jobs"). Not where the word heads a clause of its own ("what he tried to worked": "to" stranded)."""
    for to, nxt in _pairs(doc, frozenset({"to"})):
        if not (nxt.is_alpha and nxt.is_lower) or nxt.lemma_ in ("be", "have", "do"):
            continue
        if can_be_verb_form(nxt.text, "VB") or not any(can_be_verb_form(nxt.text, t) for t in _TO_WRONG):
            continue  # "to cut": a base form already; "to rose" is no verb form at all
        governor = hangs_on(to)
        known = governor is not None and governor.lemma_.lower() in lexicon.counted("infinitive_governors")
        unattested = _unattested_after_to(nxt.lower_)
        # (an -s form may be a plural noun after a preposition "to", "agreed to talks": only one news never writes)
        if not (known or unattested) or (nxt.lower_.endswith("s") and not unattested):
            continue
        if nxt.dep_ == "ROOT" or any(c.dep_ in SUBJECTS for c in nxt.children):
            continue  # a finite verb of its own after a stranded "to"
        if (governor is not None and governor.pos_ in ("VERB", "AUX") and _gapped(to, governor)) or _may_close(to):
            continue  # "the deal he hoped to" may end its clause: "… to secured was lost" is left alone
        # a past with no participle of its own ("to gave") or an -s form ("to creates") lost no "be" or "have"
        participle = can_be_verb_form(nxt.lower_, "VBN")
        if participle and (governor is None or not _past_repair(to, nxt, governor)):
            continue
        lemmas = set(getAllLemmas(nxt.lower_).get("VERB", ()))
        forms = {f for lemma in lemmas for f in getInflection(lemma, tag="VB")} if len(lemmas) == 1 else set()
        if len(forms) == 1:
            # a speaker may say "to went" on purpose, nobody "to sees" (the auxiliaries' chain fixes those in quotes)
            spoken = in_quotation(nxt) and not can_be_verb_form(nxt.lower_, "VBZ")
            yield to, nxt, "VB", _cased(forms.pop(), nxt), Safety.UNSAFE if spoken else Safety.SAFE


def _unattested_after_to(word: str) -> bool:
    """Whether edited news never writes ``word`` after "to": a past, participle or -s form of a verb, common there,
    never after "to" and never an adjective (news_counts.yaml, never_after_to), with no noun or adjective reading
    that a preposition "to" could take ("to arms", "to used cars")."""
    return word in lexicon.counted("never_after_to") and not getAllLemmas(word).keys() & {"NOUN", "ADJ"}


def _past_repair(to: Token, past: Token, governor: Token) -> bool:
    """Whether a past form after "to" lost its base form, not a "be" or "have" before it: an object follows it
    ("a plan to trimmed government spending"), and the governor is no passive and no word that invites a lost
    "have" ("is expected to released at the end of the year" wants "to be released"; "is likely to")."""
    doc = past.doc
    after = doc[past.i + 1] if past.i + 1 < len(doc) else None
    if after is None or after.tag_ not in _OBJECT_OPENERS:
        return False
    have = any(c.dep_ == "aux" and c.lemma_ == "have" for c in governor.children)
    passive = (governor.tag_ == "VBN" and not have) or any(c.dep_ == "auxpass" for c in governor.children)
    return not passive and governor.lemma_.lower() not in lexicon.load("intransitive_verbs")["perfect_heads"]


#: Tags of a word that opens a verb's object ("to trimmed government spending", "to respected others").
_OBJECT_OPENERS = frozenset({"DT", "PRP$", "PRP", "CD", "NN", "NNS", "NNP", "NNPS", "JJ", "JJR", "JJS"})


def _coordinated_fixes(doc: Doc) -> Iterator[tuple[Token, Token, str, str, Safety]]:
    """A verb's base form right after a form of "be", coordinated with a participle that ends its phrase ("the
    figures will be study and compared"): both hang on the same "be", so the first takes the participle too. Not
    where the participle describes a noun after it ("the aim is research and published papers")."""
    for be, word in _pairs(doc, _BE_FORMS):
        if be.pos_ not in ("AUX", "VERB") or not word.text.isalpha():
            continue
        if word.i + 2 >= len(doc) or not word.text.islower():
            continue
        cc, other = doc[word.i + 1], doc[word.i + 2]
        if cc.lower_ not in ("and", "or") or other.tag_ != "VBN" or other.dep_ != "conj":
            continue
        readings = getAllLemmas(word.lower_)
        if word.lower_ not in readings.get("VERB", ()) or "ADJ" in readings or can_be_verb_form(word.text, "VBN"):
            continue  # no verb's base form, or a word that may stand there already ("be tough and", "be found and")
        after = doc[other.i + 1] if other.i + 1 < len(doc) else None
        if after is not None and after.pos_ in ("NOUN", "PROPN"):
            continue  # "published papers": an adjective before its noun, or an object no passive takes
        forms = getInflection(word.lower_, tag="VBN")
        if forms and forms[0] != word.lower_:
            new, two = _spelling(word, "VBN", forms[0])
            yield be, word, "VBN", _cased(new, word), Safety.UNSAFE if two or in_quotation(word) else Safety.SAFE


def _spelling(tok: Token, tag: str, new: str) -> tuple[str, bool]:
    """The form ``new`` in the spelling the document uses where the form has two ("canceled", "cancelled"), and
    whether the choice is open (the document uses neither): two right answers make the fix unsafe."""
    forms = {f for t in _inflections(tok.lower_).values() for f in t.get(tag, ()) if new.lower() in t.get(tag, ())}
    if len(forms) < 2:
        return new, False
    text = tok.doc.text.lower()
    used = [f for f in sorted(forms) if re.search(rf"\b{re.escape(f)}\b", text)]
    return (_cased(used[0], tok), False) if len(used) == 1 else (new, True)


def adverb_of(word: str) -> bool:
    """Whether an adverb in -ly is made from ``word``, which is then an adjective ("complete": "completely")."""
    stems = (word, word[:-1]) if word.endswith("e") else (word,)
    return any("ADV" in getAllLemmas(stem + "ly") for stem in stems)


def _cased(new: str, tok: Token) -> str:
    """``new`` in the casing of ``tok``."""
    if tok.text.isupper() and len(tok.text) > 1:
        return new.upper()
    return new.capitalize() if tok.text[:1].isupper() else new
