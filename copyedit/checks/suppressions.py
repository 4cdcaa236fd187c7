"""SUP: suppression comments that silence nothing (found by the engine, which applies suppressions)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from copyedit.model import Finding, Safety, Severity
from copyedit.rule import Context, Example, rule
from copyedit.triggers import never

if TYPE_CHECKING:
    from spacy.tokens import Doc


@rule(
    code="SUP001",
    trigger=never,
    name="unused-suppression",
    message="This suppression comment silences nothing; remove it.",
    safety=Safety.DISPLAY,
    severity=Severity.WARNING,
    examples=[
        Example(
            bad="[[<!-- copyedit: ignore VRB001 -->]]\n\nHe could have given more.\n",
            markup="markdown",
            also=("VRB001",),
        ),
        Example(
            good="<!-- copyedit: ignore VRB001 -->\n\nHe could have gave more.\n", markup="markdown", also=("VRB001",)
        ),
        Example(good="<!-- copyedit: ignore ZZZ999 -->\n\nA rule that did not run is not judged.\n", markup="markdown"),
    ],
)
def unused_suppression(doc: Doc, ctx: Context) -> Iterator[Finding]:
    """A `<!-- copyedit: ignore|disable CODE -->` comment in Markdown that silenced no finding of a rule that ran.

    ## Why
    A suppression outlives the text it was written for: once the sentence is rewritten it hides nothing but
    may hide the next real finding. Like ruff's unused-noqa, this keeps suppressions honest.

    ## Fix safety
    No fix: the comment is HTML, which copyedit never changes; remove it by hand.
    """
    return iter(())
