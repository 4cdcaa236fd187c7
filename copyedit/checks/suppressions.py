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
        Example(
            good="Put `<!-- copyedit: ignore VRB001 -->` before a block.\n\nHe could have given more.\n",
            markup="markdown",
            also=("VRB001",),
        ),
        Example(
            bad="[[<!-- copyedit: disable TYP001 -->]]\n\nShares fell.\n\n<!-- copyedit: enable TYP -->\n\n"
            "Shares in the the company rose.\n",
            markup="markdown",
            also=("TYP001",),
        ),
    ],
)
def unused_suppression(doc: Doc, ctx: Context) -> Iterator[Finding]:
    """A `<!-- copyedit: ignore|disable CODE -->` comment in Markdown that silenced no finding of a rule that ran.

    ## Why
    A suppression outlives the text it was written for: once the sentence is rewritten it hides nothing but
    may hide the next real finding. Like ruff's unused-noqa, this keeps suppressions honest. Only a real HTML
    comment is a suppression: one shown in a code span or block is text, so it is neither obeyed nor reported;
    a `disable` is judged only up to the `enable` that ends it (`enable TYP` ends `disable TYP001`).

    ## Fix safety
    No fix: the comment is HTML, which copyedit never changes; remove it by hand.
    """
    return iter(())
