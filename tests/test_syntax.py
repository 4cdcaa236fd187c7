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


def _fragment(text: str) -> str | None:
    from copyedit.syntax import fragment

    frag = fragment(next(iter(next(parse([text])).sents)))
    return frag.kind if frag is not None else None


def test_a_subordinate_clause_whose_subject_holds_an_apposition_is_still_one_clause() -> None:
    assert _fragment("Although Mr Grant, 47, kept his seat on the board.") == "subordinate"
    assert _fragment("While Smith, who joined in May, resigned last week.") == "subordinate"
    # a comma before a verb that is not the subject's apposition still marks a second clause
    assert _fragment("If the talks, as expected, fail the union will strike.") is None


def test_a_nouns_that_clause_belongs_to_the_phrase_not_to_the_sentence() -> None:
    assert _fragment("Following claims that the senator had misled the committee.") == "participial"
    # but not a subject's or an apposition's "that" clause, which may hold the sentence's own verb
    text = "Although the index was lower than in April, the fact that it held above 50 shows continued growth."
    assert _fragment(text) is None
