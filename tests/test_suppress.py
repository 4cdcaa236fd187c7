"""Suppression comments in Markdown: ignore the next block, disable/enable ranges, front matter off, and
SUP001 for a comment that silences nothing."""

from __future__ import annotations

from copyedit.engine import check_text, fix_text

BAD = "He could have gave more."


def codes(md: str) -> list[str]:
    return [f.code for f in check_text(md, "markdown")]


def test_ignore_covers_the_next_block_only() -> None:
    md = f"<!-- copyedit: ignore VRB001 -->\n{BAD}\n\n{BAD}\n"
    findings = check_text(md, "markdown")
    assert [f.code for f in findings] == ["VRB001"]
    assert findings[0].start > md.index("\n\n")
    assert fix_text(md, "markdown").text == md.replace(f"\n\n{BAD}", "\n\nHe could have given more.")


def test_codes_match_by_prefix_and_all() -> None:
    assert codes(f"<!-- copyedit: ignore VRB -->\n\n{BAD}\n") == []
    assert codes(f"<!-- copyedit: ignore -->\n\n{BAD}\n") == []
    assert codes(f"<!-- copyedit: ignore all -->\n\n{BAD}\n") == []
    assert codes(f"<!-- copyedit: ignore FRG001, VRB001 -->\n\n{BAD}\n") == []


def test_disable_enable_range() -> None:
    md = f"{BAD}\n\n<!-- copyedit: disable VRB001 -->\n\n{BAD}\n\n{BAD}\n\n<!-- copyedit: enable VRB001 -->\n\n{BAD}\n"
    found = check_text(md, "markdown")
    assert [f.code for f in found] == ["VRB001", "VRB001"]
    assert found[0].start < md.index("disable") < md.index("enable") < found[1].start


def test_disable_without_enable_runs_to_the_end() -> None:
    assert codes(f"{BAD}\n\n<!-- copyedit: disable -->\n\n{BAD}\n\n{BAD}\n") == ["VRB001"]


def test_front_matter_off() -> None:
    md = f"---\ntitle: x\ncopyedit: off\n---\n\n{BAD}\n"
    assert codes(md) == []
    assert fix_text(md, "markdown").text == md
    assert codes(f"---\ntitle: x\n---\n\n{BAD}\n") == ["VRB001"]


def test_unused_suppression_is_reported() -> None:
    md = f"<!-- copyedit: ignore VRB001 -->\n\nHe could have given more.\n\n{BAD}\n"
    found = check_text(md, "markdown")
    assert [f.code for f in found] == ["SUP001", "VRB001"]
    assert md[found[0].start : found[0].end] == "<!-- copyedit: ignore VRB001 -->"
    assert not found[0].fixable


def test_plain_text_has_no_comments() -> None:
    text = f"<!-- copyedit: ignore VRB001 -->\n\n{BAD}\n"
    assert [f.code for f in check_text(text, "text")] == ["VRB001"]
