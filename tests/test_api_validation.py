"""The library API checks its arguments: a wrong one is a TypeError or ValueError that says what was passed, at
the call, never an error deep in the engine nor a quiet wrong answer (`unsafe="no"` applied unsafe fixes)."""

from __future__ import annotations

import pytest

import copyedit
from copyedit.config import Config


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: copyedit.check_text(b"He could have gave more."), TypeError, "text must be a str, not bytes; decode"),
        (lambda: copyedit.check_text(None), TypeError, "check_text: text must be a str, not NoneType"),
        (lambda: copyedit.fix_text(["a", "b"]), TypeError, "fix_text: text must be a str, not list"),
        (lambda: copyedit.fix_text("Text.", unsafe="no"), TypeError, "unsafe must be True or False, not 'no'"),
        (lambda: copyedit.fix_text("Text.", unsafe=1), TypeError, "unsafe must be True or False, not 1"),
        (lambda: copyedit.check_text("Text.", markup="rst"), ValueError, "one of 'text', 'markdown', not 'rst'"),
        (lambda: copyedit.fix_text("Text.", markup=None), ValueError, "markup must be one of"),
        (lambda: copyedit.check_text("Text.", config={"x": 1}), TypeError, "config must be a copyedit.config.Config"),
        (lambda: copyedit.check_texts(["Text."], markup="html"), ValueError, "check_texts: markup must be one of"),
        (lambda: copyedit.check_texts(["Text."], select="FRG"), TypeError, "check_texts: select must be a list"),
        (lambda: copyedit.fix_texts(["Text."], unsafe="yes"), TypeError, "fix_texts: unsafe must be True or False"),
        (lambda: copyedit.fix_texts(["Text."], select=[1]), TypeError, "fix_texts: select must be a list"),
        (lambda: copyedit.fix_records([], markup="md"), ValueError, "fix_records: markup must be one of"),
        (lambda: copyedit.fix_records([], unsafe="no"), TypeError, "fix_records: unsafe must be True or False"),
    ],
)
def test_bad_arguments_are_refused_at_the_call(call, error: type[Exception], message: str) -> None:
    with pytest.raises(error) as e:
        call()  # the batch functions are lazy, but their arguments are checked before the first result
    assert message in str(e.value)


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: copyedit.check_texts(["Text.", b"Text."]), TypeError, "check_texts: text 1 must be a str, not bytes"),
        (lambda: copyedit.fix_texts(["Text.", None]), TypeError, "fix_texts: text 1 must be a str, not NoneType"),
        (lambda: copyedit.fix_records([{"text": 3}]), TypeError, "record 0['text'] must be a str, not int"),
        (lambda: copyedit.fix_records([{"body": "Text."}]), ValueError, "fix_records: record 0 has no 'text' field"),
        (lambda: copyedit.fix_records(["Text."]), TypeError, "fix_records: record 0 must be a dict, not str"),
    ],
)
def test_bad_items_are_named_by_position(call, error: type[Exception], message: str) -> None:
    with pytest.raises(error) as e:
        list(call())
    assert message in str(e.value)


def test_good_arguments_still_work() -> None:
    assert copyedit.fix_text("He could have gave more.", unsafe=False).text == "He could have given more."
    assert copyedit.check_text("Text.", markup="markdown", config=Config()) == []
    assert [r.text for r in copyedit.fix_texts(iter(["He could have gave more."]), select=("VRB",))] == [
        "He could have given more."
    ]
