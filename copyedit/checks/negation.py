"""NEG: negation that clashes with the coordination of its subject ("both X and Y have not" for "neither… nor")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from copyedit.inflection import getInflection
from copyedit.model import Edit, Finding
from copyedit.rule import Context, Example, rule
from copyedit.syntax import having

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: The finite forms of "have" and "be" by tense tag and the number of the nearer subject.
AGREEMENT = {
    ("have", "present"): ("has", "have"),
    ("be", "present"): ("is", "are"),
    ("be", "past"): ("was", "were"),
}


@dataclass(frozen=True)
class Pair:
    """ "both X and Y" as the subject of a negated verb: the words the rewrite touches."""

    both: Token
    conj: Token  # "and"
    nearer: Token  # Y, which the verb agrees with
    finite: Token  # the finite auxiliary (or copula) that carries the negation
    neg: Token
    verb: Token


def _pair(subj: Token) -> Pair | None:
    """The "both X and Y" subject of a verb negated right after its finite auxiliary, or None."""
    kids, both = list(subj.children), subj.left_edge
    cc = [c for c in kids if c.dep_ == "cc"]
    conj = [c for c in kids if c.dep_ == "conj"]
    if len(cc) != 1 or cc[0].lower_ != "and" or len(conj) != 1:
        return None
    # "both" opens the first conjunct: on its head noun, or on a possessor inside it ("both the club's owners").
    if both.lower_ != "both" or both.dep_ not in ("preconj", "det") or both.head.i > subj.i:
        return None
    nearer, verb = conj[0], subj.head
    if nearer.pos_ not in ("NOUN", "PROPN", "PRON") or any(c.dep_ == "conj" for c in nearer.children):
        return None
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.i < verb.i]
    finite = auxes[0] if auxes else verb
    if finite is verb and verb.lemma_ != "be":
        return None
    negs = [c for c in verb.children if c.dep_ == "neg" and c.i == finite.i + 1 and c.lower_ in ("not", "n't")]
    if not negs or finite.i <= subj.right_edge.i or nearer.right_edge.i > finite.i:
        return None
    after = verb.doc[negs[0].i + 1] if negs[0].i + 1 < len(verb.doc) else None
    if after is not None and after.lower_ == "only":  # "did not only…; they…" is another construction
        return None
    return Pair(both, cc[0], nearer, finite, negs[0], verb)


def _plural(tok: Token) -> bool | None:
    """Whether the nearer subject is plural; None for "I" and "you", whose verbs follow person, not number."""
    if tok.pos_ == "PRON" and tok.morph.get("Person", []) in (["1"], ["2"]) and tok.lower_ != "we":
        return None
    return tok.tag_ in ("NNS", "NNPS") or tok.morph.get("Number", []) == ["Plur"]


def _verb_text(p: Pair, plural: bool) -> tuple[int, str] | None:
    """Where the negated verb group ends and what replaces it from the finite word on, without the negation."""
    f = p.finite
    if f.lemma_ == "do" and f is not p.verb:
        if p.verb.i != p.neg.i + 1:
            return None
        tag = "VBD" if f.tag_ == "VBD" else ("VBP" if plural else "VBZ")
        forms = getInflection(p.verb.lemma_, tag)
        return (p.verb.idx + len(p.verb), forms[0]) if forms else None
    end = p.neg.idx + len(p.neg)
    if f.tag_ == "MD":
        return end, f.norm_ if p.neg.lower_ == "n't" else f.text
    tense = "past" if f.tag_ == "VBD" else "present"
    forms = AGREEMENT.get((f.lemma_, tense))
    if forms is None:
        return (end, f.text) if f.lemma_ == "have" else None
    return end, forms[plural]


def _cased(word: str, like: Token) -> str:
    if like.text.isupper() and len(like.text) > 1:
        return word.upper()
    return word.capitalize() if like.text[:1].isupper() else word


_BOTH = re.compile(r"(?<![^\W\d_])both(?![^\W\d_])", re.IGNORECASE)
#: "not", "cannot", "n't": the negation the rule needs.
_NOT = re.compile(r"n(?:o|['’])t(?![^\W\d_])", re.IGNORECASE)


def _both_and_not(text: str) -> bool:
    """NEG001's trigger: "both" and a negation in the block."""
    return _BOTH.search(text) is not None and _NOT.search(text) is not None


@rule(
    code="NEG001",
    trigger=_both_and_not,
    name="both-and-with-negation",
    message="“both… and…” with “not” means “neither… nor…”; rewrite it so.",
    examples=[
        Example(
            bad="[[Both Smith and Jones have not]] confirmed the deal.",
            fixed="Neither Smith nor Jones has confirmed the deal.",
        ),
        Example(
            bad="[[Both the firm and its chairman did not respond]].",
            fixed="Neither the firm nor its chairman responded.",
        ),
        Example(
            bad="[[Both the landlord and the tenants could not]] be reached.",
            fixed="Neither the landlord nor the tenants could be reached.",
        ),
        Example(
            bad="He said [[both the mother and her children do not speak]] English.",
            fixed="He said neither the mother nor her children speak English.",
        ),
        Example(
            bad="[[Both the maker and the regulator are not]] willing to say.",
            fixed="Neither the maker nor the regulator is willing to say.",
        ),
        Example(bad="[[Both Lopez and Grant haven't]] commented.", fixed="Neither Lopez nor Grant has commented."),
        Example(
            bad="The bus hit a wall, but [[both the driver and the passengers were not]] hurt.",
            fixed="The bus hit a wall, but neither the driver nor the passengers were hurt.",
        ),
        Example(good="Both the club and its fans have welcomed the decision."),
        Example(good="Both Labour and the Conservatives have pledged not to raise taxes."),
        Example(good="Both of them have not replied to letters."),
        Example(good="Both the BBC and Sky have confirmed they will not show the match."),
        Example(good="Both the architect and the builder did not only meet the deadline; they beat it."),
        Example(good="Officials have both the money and the staff, but they have not acted."),
        Example(good="Both teams had chances but could not find a winner."),
    ],
)
def both_and_with_negation(doc: Doc, ctx: Context) -> Iterator[Finding]:
    """ "Both X and Y have not confirmed": a negated verb whose subject is "both X and Y".

    ## Why
    Rewriting tools turn "neither X nor Y has" into "both X and Y have not", which is clumsy and can read as
    "not both". The fix restores "neither… nor…", drops the negation and makes the verb agree with Y.

    ## Fix safety
    Safe: fires only when "both" and "and" coordinate the subject and "not" follows the finite word of that
    subject's own verb; "did not respond" becomes "responded", and the finite verb agrees with the nearer subject.
    """
    for subj in having(doc, "DEP", frozenset({"nsubj", "nsubjpass"})):
        if (p := _pair(subj)) is None:
            continue
        plural = _plural(p.nearer)
        verb = _verb_text(p, plural) if plural is not None else None
        if verb is None:
            continue
        end, text = verb
        edits = [(p.both, _cased("neither", p.both)), (p.conj, _cased("nor", p.conj))]
        base = ctx.block.start
        found = ctx.finding(p.both.idx, end)
        yield replace(
            found,
            edits=(
                *(Edit(base + t.idx, base + t.idx + len(t), new) for t, new in edits),
                Edit(base + p.finite.idx, base + end, _cased(text, p.finite)),
            ),
        )
