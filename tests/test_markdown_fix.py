"""Fixing Markdown changes prose only: code, front matter, link targets, autolinks and HTML keep every byte."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from copyedit.engine import fix_text

DATA = Path(__file__).parent / "data" / "markdown"
DAMAGE = "He could have gave more. Talks between. Washington and Beijing resumed."


def test_markdown_document_fixed_exactly() -> None:
    damaged = (DATA / "damaged.md").read_text(encoding="utf-8")
    expected = (DATA / "expected.md").read_text(encoding="utf-8")
    assert fix_text(damaged, "markdown").text == expected


def _opaque_parts(md: str) -> list[str]:
    """Front matter, fences, indented code, inline code, link and image targets, autolinks, HTML."""
    parts = re.findall(r"\A---\n.*?\n---\n", md, flags=re.S)
    parts += re.findall(r"^```.*?^```", md, flags=re.S | re.M)
    parts += re.findall(r"^ {4}.*$", md, flags=re.M)
    parts += re.findall(r"`[^`\n]+`", md)
    parts += re.findall(r"\]\([^)]*\)", md)
    parts += re.findall(r"<[^>\n]+>", md)
    return parts


def test_opaque_parts_of_the_document_are_byte_identical() -> None:
    damaged = (DATA / "damaged.md").read_text(encoding="utf-8")
    fixed = fix_text(damaged, "markdown").text
    parts = _opaque_parts(damaged)
    assert len(parts) >= 8
    for part in parts:
        assert fixed.count(part) == damaged.count(part), part


PIECES = [
    f"```\n{DAMAGE}\n```\n",
    f"~~~python\n# {DAMAGE}\n~~~\n",
    # After a list item, an indented block continues the item (CommonMark): a paragraph first makes it code.
    f"Code follows.\n\n    {DAMAGE}\n",
    f"Inline `{DAMAGE}` stays.\n",
    f"See [a link](https://example.com/{DAMAGE.replace(' ', '-')}) here.\n",
    "Visit <https://example.com/could-have-gave> today.\n",
    f"<p>{DAMAGE}</p>\n",
    f"<!-- {DAMAGE} -->\n",
    f"{DAMAGE}\n",
    f"- {DAMAGE}\n",
    f"> {DAMAGE}\n",
    f"## {DAMAGE}\n",
]


@settings(max_examples=25, deadline=None)
@given(
    front=st.booleans(),
    blocks=st.lists(st.sampled_from(PIECES), min_size=1, max_size=6),
    crlf=st.booleans(),
)
def test_fix_never_touches_opaque_markdown(front: bool, blocks: list[str], crlf: bool) -> None:
    md = (f"---\ntitle: {DAMAGE}\n---\n\n" if front else "") + "\n".join(blocks)
    if crlf:
        md = md.replace("\n", "\r\n")
    fixed = fix_text(md, "markdown").text
    for part in _opaque_parts(md.replace("\r\n", "\n")):
        part = part.replace("\n", "\r\n") if crlf else part
        assert fixed.count(part) == md.count(part), part
    assert fixed.count("\r\n") == md.count("\r\n")
    assert fix_text(fixed, "markdown").text == fixed
