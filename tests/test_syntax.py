"""copyedit.syntax: where a block stands inside a quotation."""

from __future__ import annotations

from copyedit.nlp import parse
from copyedit.syntax import quoted_at


def _quoted(text: str, word: str) -> bool:
    return quoted_at(next(parse([text])), text.index(word))


def test_straight_quotation_marks_pair_up_in_turn() -> None:
    assert _quoted('He said: "We will win the cup this year.', "cup")
    assert not _quoted('"We will win," he said. The cup is theirs.', "cup")
    assert _quoted('"We will win," he said. "The cup is ours.', "cup")


def test_a_block_that_opens_inside_a_quotation_begins_with_a_closing_mark() -> None:
    # the paragraph before opened the quotation; this one closes it, and what follows is the reporter's
    assert not _quoted('and we will fight on," he said. The two men had been charged.', "charged")
    assert _quoted('and we will fight on," he said. "The two men had been charged.', "charged")
