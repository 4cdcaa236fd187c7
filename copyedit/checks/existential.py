"""AGR003: "there is/are" agrees with the noun phrase after it ("there is many reasons")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from copyedit.checks.agreement import CONDITIONAL, VERB_NUMBER, VERB_SWAP, cased, phrase_number, statement
from copyedit.model import Finding, Safety
from copyedit.rule import Context, Example, rule
from copyedit.syntax import having, in_quotation

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: The forms of "be" whose number shows: "there's" and "there has been" are left to speech and style.
_BE = frozenset({"is", "are", "was", "were"})
#: "there", then at most two words, then a form of "be".
_THERE_BE = re.compile(r"\b[Tt]here\b(?:\W+\w+){0,2}?\W+(?:is|are|was|were)\b")


def _postverbal_subject(verb: Token) -> Token | None:
    """The noun the expletive "there" stands for: the attribute or subject after the verb, when the parse finds
    one only ("There are also the dusty, sinister deserts": an adjective read as a noun makes a second)."""
    if not any(c.dep_ == "expl" and c.lower_ == "there" and c.i < verb.i for c in verb.children):
        return None
    found = [c for c in verb.children if c.i > verb.i and c.dep_ in ("attr", "nsubj")]
    return found[0] if len(found) == 1 else None


def _subjunctive(verb: Token) -> bool:
    """ "if there were", "unless there were": a subjunctive, right whatever the noun's number."""
    return verb.lower_ == "were" and any(t.lower_ in CONDITIONAL for t in verb.doc[verb.sent.start : verb.i])


@rule(
    code="AGR003",
    name="there-be-agreement",
    entities_veto=True,
    trigger=_THERE_BE,
    message="“{match}” does not agree with the noun after it.",
    examples=[
        Example(good="Unless there were a change of control, the bonus would not be paid."),
        Example(
            bad="There [[is]] many reasons to doubt the figures.", fixed="There are many reasons to doubt the figures."
        ),
        Example(
            bad="There [[are]] a risk that the talks will fail.", fixed="There is a risk that the talks will fail."
        ),
        Example(
            bad="There [[was]] several attempts to reach a deal.", fixed="There were several attempts to reach a deal."
        ),
        Example(
            bad="There [[is]] no plans to close the plant, she said.",
            fixed="There are no plans to close the plant, she said.",
        ),
        Example(
            bad="Officials said there [[were]] a delay at the border.",
            fixed="Officials said there was a delay at the border.",
        ),
        Example(good="There is a lot of reasons to stay, and there is a number of options."),
        Example(good="There's two ways to look at it."),
        Example(good="There is a man and a woman in the car."),
        Example(good="There were a series of attacks on the convoy."),
        Example(good="Is there many left?"),
        Example(good="There is $5 million at stake and there are 10 days left."),
        Example(good="There was the Smiths, and there were the Joneses."),
        Example(good="There is data to back it up, and there are police at the scene."),
        Example(good="There are also the dusty, sinister deserts of the south, and there is the sea."),
    ],
)
def there_be_agreement(doc: Doc, ctx: Context) -> Iterator[Finding]:
    """ "there is/was" before a plural, or "there are/were" before a singular: "there is many reasons".

    ## Why
    After an expletive "there" the verb agrees with the noun phrase that follows it, the real subject.
    Rewriting tools change that noun or the verb and leave the other.

    ## Fix safety
    Safe: the verb changes number ("is" ↔ "are", "was" ↔ "were"), the noun phrase's number read as AGR001
    reads a subject's (its head noun, its determiners). Left alone: "there's" and "there has been" (common in
    speech and accepted), coordinated nouns ("there is a man and a woman"), quantity heads ("a lot of", "a
    number of", "a series of"), numbers and amounts ("there is $5 million"), collective and uncountable nouns,
    names, and questions. Inside quotation marks the fix is unsafe: a speaker's grammar is theirs.
    """
    for verb in having(doc, "LOWER", _BE):
        if not statement(verb.sent):
            continue
        subject = _postverbal_subject(verb)
        if subject is None or _subjunctive(verb):
            continue
        number = phrase_number(subject)
        if number is None or number == VERB_NUMBER[verb.lower_]:
            continue
        compound = any(
            c.dep_ == "compound" and c.tag_ == "NN" for c in subject.children
        )  # "there was evidence deficits …"
        safety = Safety.UNSAFE if in_quotation(verb) or compound else None
        yield ctx.finding(verb.idx, verb.idx + len(verb), cased(verb.text, VERB_SWAP[verb.lower_]), safety=safety)
