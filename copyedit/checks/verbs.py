"""VRB: verb forms that the auxiliary or infinitival "to" before them does not allow."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from itertools import pairwise
from typing import TYPE_CHECKING

from copyedit import lexicon, triggers
from copyedit.inflection import getAllInflections, getAllLemmas
from copyedit.model import Finding
from copyedit.rule import Context, Example, rule

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

FORM_NAMES = {"VB": "base form", "VBN": "past participle", "VBG": "-ing form"}
BASE, PERFECT, PASSIVE, PROGRESSIVE = (
    ("VB", frozenset({"VBD", "VBZ", "VBN"})),
    ("VBN", frozenset({"VBD", "VBZ", "VB", "VBP"})),
    ("VBN", frozenset({"VBD", "VB", "VBP"})),
    ("VBG", frozenset({"VB", "VBP"})),
)
#: What shows that a base form after "be" or "have" is a verb that lost its ending, not a noun or a missing "to".
OBJECTS = frozenset({"dobj", "ccomp", "xcomp", "dative", "attr", "oprd"})
VERB_EVIDENCE = frozenset({"agent", "xcomp", "ccomp", "prt", "dobj", "dative"})


def _needs(aux: Token, verb: Token) -> tuple[str, frozenset[str]] | None:
    """The form ``aux`` asks of the next verb in its chain, and the forms that are surely wrong there."""
    if aux.tag_ in ("TO", "MD") or (aux.lemma_ == "do" and aux.tag_ in ("VBD", "VBZ", "VBP")):
        return BASE
    if aux.lemma_ == "have":
        return PERFECT
    if aux.lemma_ == "be" and verb.pos_ == "VERB" and not verb.lower_.endswith("ing"):
        # Passive needs the participle; with a direct object it can only be the progressive.
        return PROGRESSIVE if any(c.dep_ == "dobj" for c in verb.children) else PASSIVE
    return None


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


def _replacement(tok: Token, aux: Token, needed: str, wrong: frozenset[str]) -> str | None:
    """The form ``needed`` of ``tok``'s verb, when its current form is certainly wrong and the verb is certain."""
    word = tok.lower_
    tables = _inflections(word)
    if not tables or _valid(word, needed, tables):
        return None
    if tok.lemma_ in tables:
        tables = {tok.lemma_: tables[tok.lemma_]}  # the parse picks the verb: "fell" is "fall" here, not "fell"
    has = {tag for t in tables.values() for tag, forms in t.items() if word in forms}
    if not has <= wrong or (needed == "VBN" and has == {"VBD"} and _quoted(tok)):
        return None  # a speaker's "could have went" is theirs to keep
    if aux.lemma_ == "be" and ("ADJ" in getAllLemmas(word) or tok.dep_ in ("attr", "acomp")):
        return None  # "was broke", "is open": an adjective after the copula
    if needed != "VB" and has & {"VB", "VBP", "VBZ"} and not _surely_verb(tok, aux):
        return None
    deps = {c.dep_ for c in tok.children}
    if needed == "VB" and "VBN" in has and (not deps & OBJECTS or "agent" in deps):
        return None  # "were to built with the proceeds": a lost "be" or "have" as likely as a wrong form
    if needed == "VB" and "VBZ" in has and "NOUN" in getAllLemmas(word) and not _evidence(tok):
        return None  # "a few don't worries", "to talks": a plural noun
    out = {t[needed][0] for t in tables.values() if t.get(needed)}
    if len(out) != 1:
        return None
    new = out.pop()
    if tok.text.isupper() and len(tok.text) > 1:
        return new.upper()
    return new.capitalize() if tok.text[:1].isupper() else new


def _evidence(tok: Token) -> bool:
    """Whether ``tok`` governs what only a verb governs: an object, an agent, a particle, a clause."""
    return any(c.dep_ in VERB_EVIDENCE for c in tok.children)


def _surely_verb(tok: Token, aux: Token) -> bool:
    """Whether a present-looking form is a verb: "open" may be an adjective, "cause" or "plans" a noun."""
    if tok.pos_ == "AUX":
        return tok.lemma_ in ("be", "have")
    if tok.pos_ != "VERB" or tok.dep_ in ("attr", "acomp", "amod", "compound") or "ADJ" in getAllLemmas(tok.lower_):
        return False
    if (aux.lemma_ == "be" or "NOUN" in getAllLemmas(tok.lower_)) and not _evidence(tok):
        return False
    if aux.lemma_ == "be" and tok.i != aux.i + 1:
        return False  # "is not repeat not": cable style, not a lost ending
    noun_next = tok.i + 1 < len(tok.doc) and tok.nbor().tag_ in ("NN", "NNS")
    if aux.lemma_ == "have" and noun_next and "NOUN" in getAllLemmas(tok.lower_):
        return False  # "which had buffer stock losses": "have" owns a noun phrase
    if aux.tag_ not in ("VBD", "VBZ", "VBP"):
        return True  # "been", "being": never the copula of a pseudo-cleft
    # "What they did was build a wall": a base form after a finite be in a pseudo-cleft is right.
    before = tok.doc[tok.sent.start : aux.i]
    return not any(t.lemma_ == "do" or t.tag_ == "WP" for t in before)


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
        return prev is not None and prev.tag_ == "IN" and prev.lower_ != "that"  # "as will newly elected…"
    if aux.tag_ == "TO":
        if any(c.dep_ in ("nsubj", "nsubjpass") and c.i != aux.i - 1 for c in nxt.children):
            return True  # a clause of its own after a stranded preposition
        if prev is not None and prev.pos_ in ("VERB", "AUX") and not (nxt.head == prev and nxt.dep_ == "xcomp"):
            return True  # "every activist I spoke to said…"
        return after is not None and after.pos_ in ("NOUN", "ADJ", "PROPN", "NUM")  # "to fixed five-year terms"
    return False


def _quoted(tok: Token) -> bool:
    """Whether ``tok`` stands inside quotation marks in its block."""
    before = tok.doc.text[: tok.idx]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


def _chain(verb: Token) -> list[Token]:
    """The auxiliaries and infinitival "to" before ``verb``, then ``verb``, in order."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
    return [*auxes, verb]


#: The (needed, wrong) checks each kind of auxiliary makes of the verb after it (see ``_needs``).
_CHECKS = {"base": (BASE,), "have": (PERFECT,), "be": (PASSIVE, PROGRESSIVE)}


@cache
def _aux_kinds(word: str) -> frozenset[str]:
    """The kinds of auxiliary ``word`` may be: "to", a modal or finite "do" ask for the base form."""
    kinds = {"base"} if word in triggers.words("to") | triggers.words("modals") | triggers.words("do") else set()
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
            if not _may_be_adverb(word):
                break
            j += 1
    return False


@rule(
    code="VRB001",
    trigger=_wrong_form_after_auxiliary,
    entities=False,
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
        Example(bad="She is [[expect]] to win the seat.", fixed="She is expected to win the seat."),
        Example(bad="Prices will [[continues]] to rise.", fixed="Prices will continue to rise."),
        Example(bad="The firm wants to [[announced]] a plan.", fixed="The firm wants to announce a plan."),
        Example(bad="He did not [[went]] home.", fixed="He did not go home."),
        Example(bad="It should have [[be]] done years ago.", fixed="It should have been done years ago."),
        Example(good="We are committed to building homes and objected to the plan."),
        Example(good="The shop is open and the report is complete."),
        Example(good="The tower was hit, and the project is set to start; he has come and had run."),
        Example(good="They have to go, and you had better go too."),
        Example(good="What they did was build a wall."),
        Example(good="The will of the people is clear; the can was empty in May."),
        Example(good="It is a must-see show that has got rave reviews."),
        Example(good="Prices will rise and fall; the company has plans to expand."),
        Example(good="The council, which had buffer stock losses, was wound up."),
        Example(good="“We could have went further,” she said, as did every activist I spoke to."),
    ],
)
def verb_form_after_auxiliary(doc: Doc, ctx: Context) -> Iterator[Finding]:
    """A verb whose form the auxiliary before it rules out: "has began", "will continues", "to announced".

    ## Why
    Rewriting tools swap inflections and leave forms that no auxiliary allows; a reader sees them at once.

    ## Fix safety
    Safe: the needed form follows from the auxiliary (have: participle; passive be: participle; modal, do,
    to: base form), fires only when the current form can be no form of that kind of any lemma it may have,
    and the new form comes from lemminflect. Adjective-like and noun-like base forms after "be" are skipped.
    In quotations it still fixes forms nobody says ("should have be"), but keeps a speaker's "could have went".
    """
    for verb in doc:
        chain = _chain(verb)
        for aux, nxt in pairwise(chain):
            needs = _needs(aux, nxt)
            if needs is None or not _plain(aux, nxt):
                continue
            needed, wrong = needs
            new = _replacement(nxt, aux, needed, wrong)
            if new and new != nxt.text:
                msg = f"“{nxt.text}” after “{aux.text}” needs the {FORM_NAMES[needed]} “{new}”."
                yield ctx.finding(nxt.idx, nxt.idx + len(nxt), new, message=msg)
