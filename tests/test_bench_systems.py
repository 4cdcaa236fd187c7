"""bench/systems.py: copyedit's fixes with each edit's span in the input, as the quality benchmark scores them."""

from __future__ import annotations

from bench.systems import copyedit_fix
from copyedit.engine import fix_text


def test_copyedit_fix_matches_the_engine_and_places_each_edit_in_the_input() -> None:
    text = "Reports suggest links between. Several firms and the ministry. He could have gave more."
    out = copyedit_fix(text, "text", unsafe=False)
    assert out.text == fix_text(text, "text").text != text
    spans = {(m.rule, text[m.start : m.end]) for m in out.made}
    assert ("FRG001", ". S") in spans and ("VRB001", "gave") in spans
