"""The markdown prose view: same length, markup masked and opaque, prose kept, blocks exact."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from copyedit.markup import Block, ProseView
from copyedit.markup.markdown import front_matter, html_comments, markdown_view

ROOT = Path(__file__).resolve().parent.parent


def check_invariants(text: str, view: ProseView) -> None:
    """Length kept; masked chars are spaces (newlines kept) inside opaque; opaque sorted and merged."""
    assert len(view.text) == len(text)
    inside = [False] * len(text)
    prev_end = -1
    for a, b in view.opaque:
        assert 0 <= a < b <= len(text) and a > prev_end, view.opaque
        prev_end = b
        for i in range(a, b):
            inside[i] = True
    for i, (src, out) in enumerate(zip(text, view.text, strict=True)):
        if inside[i]:
            assert out == (src if src in "\r\n" else " "), (i, src, out)
        else:
            assert out == src, (i, src, out)
    last = 0
    for block in view.blocks:
        assert last <= block.start < block.end <= len(text)
        assert not inside[block.start] and not inside[block.end - 1]
        assert not text[block.start].isspace() and not text[block.end - 1].isspace()
        last = block.end


def view_of(text: str) -> ProseView:
    view = markdown_view(text)
    check_invariants(text, view)
    return view


def assert_masked(text: str, view: ProseView, part: str, start: int = 0) -> None:
    """``part`` (first found at or after ``start``) is blank in the view and lies in one opaque range."""
    i = text.index(part, start)
    assert view.text[i : i + len(part)].strip() == "", (part, view.text)
    assert any(a <= i and i + len(part) <= b for a, b in view.opaque), (part, view.opaque)


def assert_kept(text: str, view: ProseView, part: str, start: int = 0) -> None:
    i = text.index(part, start)
    assert view.text[i : i + len(part)] == part, (part, view.text)
    assert not view.touches_opaque(i, i + len(part)), (part, view.opaque)


def blocks(text: str) -> list[tuple[str, str]]:
    return [(b.kind, text[b.start : b.end]) for b in view_of(text).blocks]


# --- the basic contract -------------------------------------------------------------------------


def test_plain_paragraphs_are_untouched() -> None:
    text = "First paragraph here.\nStill the first.\n\nSecond one.\n"
    view = view_of(text)
    assert view.text == text
    assert view.opaque == ()
    assert blocks(text) == [("paragraph", "First paragraph here.\nStill the first."), ("paragraph", "Second one.")]


def test_empty_and_blank_documents() -> None:
    for text in ("", "\n", "   \n\n", "\r\n"):
        view = view_of(text)
        assert view.blocks == ()


@pytest.mark.parametrize(
    "text",
    [
        "---\ntitle: Hello\ntags: [a, b]\n---\n",
        "+++\ntitle = 'Hello'\n+++",
        "```python\nprint('hi')\n```\n",
        "~~~\nsome code\n~~~",
        "    indented code\n    more code\n",
        "<div>\n<p>html block</p>\n</div>\n",
    ],
)
def test_documents_without_prose_give_no_blocks(text: str) -> None:
    view = view_of(text)
    assert view.blocks == ()
    assert view.text.strip() == ""
    assert view.opaque == ((0, len(text.rstrip("\n"))),)


# --- block constructs ---------------------------------------------------------------------------


def test_front_matter_is_masked_and_prose_after_it_kept() -> None:
    text = "---\ntitle: A title\n---\n\nThe body.\n"
    view = view_of(text)
    assert view.opaque == ((0, text.index("---\n\n") + 3),)
    assert blocks(text) == [("paragraph", "The body.")]


def test_front_matter_only_at_the_very_start() -> None:
    text = "Intro.\n\n---\n\nAfter a break.\n"
    view = view_of(text)
    assert_masked(text, view, "---")
    assert blocks(text) == [("paragraph", "Intro."), ("paragraph", "After a break.")]


def test_fenced_and_indented_code() -> None:
    text = "Before.\n\n```\nx = 1\n```\n\n~~~js\ny\n~~~\n\n    z = 2\n\nAfter.\n"
    view = view_of(text)
    for part in ("```\nx = 1\n```", "~~~js\ny\n~~~", "    z = 2"):
        assert_masked(text, view, part)
    assert blocks(text) == [("paragraph", "Before."), ("paragraph", "After.")]


def test_html_block() -> None:
    text = '<div class="x">\nraw html\n</div>\n\nProse.\n'
    view = view_of(text)
    assert_masked(text, view, '<div class="x">\nraw html\n</div>')
    assert blocks(text) == [("paragraph", "Prose.")]


def test_atx_heading_markers() -> None:
    text = "## A heading ##\n\nText.\n"
    view = view_of(text)
    assert_masked(text, view, "##")
    assert_masked(text, view, "##", 3)
    assert blocks(text) == [("heading", "A heading"), ("paragraph", "Text.")]


def test_setext_heading_underline() -> None:
    text = "Big title\n=========\n\nSmall title\n---\n"
    view = view_of(text)
    assert_masked(text, view, "=========")
    assert_masked(text, view, "---")
    assert blocks(text) == [("heading", "Big title"), ("heading", "Small title")]


def test_list_bullets_and_numbers() -> None:
    text = "- one item\n* two item\n\n1. first\n2) second\n   continued\n"
    view = view_of(text)
    for marker in ("- ", "\n* ", "1. ", "2) "):
        assert_masked(text, view, marker.strip(), text.index(marker))
    assert blocks(text) == [
        ("list_item", "one item"),
        ("list_item", "two item"),
        ("list_item", "first"),
        ("list_item", "second\n   continued"),
    ]


def test_blockquote_is_one_block_with_inner_markers_masked() -> None:
    text = "> Quoted line one\n> line two.\n"
    view = view_of(text)
    assert_masked(text, view, ">")
    assert_masked(text, view, ">", 5)
    assert blocks(text) == [("quote", "Quoted line one\n> line two.")]
    assert view.text == "  Quoted line one\n  line two.\n"


def test_nested_containers_take_the_innermost_kind() -> None:
    assert blocks("> - in a list in a quote\n") == [("list_item", "in a list in a quote")]
    assert blocks("- > a quote in a list\n") == [("quote", "a quote in a list")]


def test_table_cells_and_delimiter_row() -> None:
    text = "| Name | Role |\n|:-----|-----:|\n| Ann | Lead \\| dev |\n"
    view = view_of(text)
    assert_masked(text, view, "|:-----|-----:|")
    assert_masked(text, view, "|")
    assert_masked(text, view, "\\")
    assert_kept(text, view, "| dev")  # an escaped pipe is cell text
    assert blocks(text) == [
        ("table_cell", "Name"),
        ("table_cell", "Role"),
        ("table_cell", "Ann"),
        ("table_cell", "Lead \\| dev"),
    ]


def test_table_without_outer_pipes_and_short_rows() -> None:
    text = "a | b\n--|--\nc\n"
    assert blocks(text) == [("table_cell", "a"), ("table_cell", "b"), ("table_cell", "c")]


def test_thematic_break() -> None:
    text = "Above.\n\n* * *\n\nBelow.\n"
    view = view_of(text)
    assert_masked(text, view, "* * *")
    assert blocks(text) == [("paragraph", "Above."), ("paragraph", "Below.")]


def test_reference_definition() -> None:
    text = 'See [the docs][d].\n\n[d]: https://example.com/docs "Docs"\n'
    view = view_of(text)
    assert_masked(text, view, '[d]: https://example.com/docs "Docs"')
    assert_kept(text, view, "the docs")
    assert_masked(text, view, "][d]")
    assert blocks(text) == [("paragraph", "See [the docs][d].")]


# --- inline constructs --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "markup"),
    [
        ("Use `git log` often.", "`git log`"),
        ("Use ``a ` b`` often.", "``a ` b``"),
        ("Some <span class='x'>styled</span> words.", "<span class='x'>"),
        ("Some <span class='x'>styled</span> words.", "</span>"),
        ("A <!-- hidden note --> comment.", "<!-- hidden note -->"),
        ("An <https://example.com/a?b=c> autolink.", "<https://example.com/a?b=c>"),
        ("Mail <me@example.com> here.", "<me@example.com>"),
        ("Visit https://example.com/path_(x) today.", "https://example.com/path_(x)"),
        ("Visit www.example.com/a. Now", "www.example.com/a"),
        ("Fish &amp; chips &#169; &#x2014; end.", "&amp;"),
        ("Fish &amp; chips &#169; &#x2014; end.", "&#x2014;"),
        ('An image ![a cat](cat.png "Cat") here.', '![a cat](cat.png "Cat")'),
        ("Some *emphasis* here.", "*"),
        ("Some __strong__ here.", "__"),
        ("Some ~~struck~~ here.", "~~"),
        ("A \\*literal\\* star.", "\\"),
    ],
)
def test_inline_markup_is_masked(text: str, markup: str) -> None:
    view = view_of(text)
    assert_masked(text, view, markup)
    first, last = text.split()[0], text.split()[-1]
    assert_kept(text, view, first)
    assert_kept(text, view, last)


def test_link_keeps_only_its_text() -> None:
    text = 'Read [the *full* guide](https://example.com/g "Guide") now.'
    view = view_of(text)
    assert view.text == "Read  the  full  guide" + " " * 33 + "now."
    assert_masked(text, view, '](https://example.com/g "Guide")')
    assert blocks(text) == [("paragraph", text)]


def test_link_forms() -> None:
    text = "[x]: /u\n\nA [full][x], a [x][] and [x] and [not a link] and [empty]().\n"
    view = view_of(text)
    assert_kept(text, view, "[not a link]")
    for part in ("][x]", "][]", "]()"):
        assert_masked(text, view, part)
    assert view.text.count("[") == 1 and view.text.count("]") == 1


def test_emphasis_pairs_and_literals() -> None:
    text = "snake_case, 5 * 3, a * b and *real* emphasis, **also**, _this_ too"
    view = view_of(text)
    assert_kept(text, view, "snake_case")
    assert_kept(text, view, "5 * 3")
    assert_kept(text, view, "a * b")
    assert "*" not in view.text[view.text.index("real") - 2 :]
    assert "_" not in view.text[view.text.index("this") - 1 :]


def test_unclosed_code_span_is_text() -> None:
    text = "A lone ` backtick."
    assert view_of(text).text == text


def test_code_span_hides_markup_inside_it() -> None:
    text = "Call `f(*args)` and *stop*."
    view = view_of(text)
    assert view.text == "Call" + " " * 12 + "and  stop ."


def test_multiline_inline_html_in_quote() -> None:
    text = "> Some <a\n> href='x'>link</a> here.\n"
    view = view_of(text)
    assert_masked(text, view, "<a\n> href='x'>")
    assert_kept(text, view, "link")


def test_hard_break_backslash() -> None:
    text = "Line one\\\nline two."
    view = view_of(text)
    assert_masked(text, view, "\\")
    assert blocks(text) == [("paragraph", text)]


# --- HTML comments and front matter (what suppressions may read) ---------------------------------


def comment_texts(text: str) -> list[str]:
    return [text[a:b] for a, b in html_comments(text)]


@pytest.mark.parametrize("nl", ["\n", "\r\n"])
def test_html_comments_are_the_ones_markdown_it_reads_as_html(nl: str) -> None:
    text = nl.join(
        [
            "<!-- block -->",
            "",
            "Some <!-- inline --> text and a [link <!-- in text -->](/u).",
            "",
            "> <!-- quoted -->",
            "",
            "<div>",
            "<!-- in a div --> <!-->",
            "</div>",
            "",
            "| a <!-- cell --> | b |",
            "|---|---|",
            "",
        ]
    )
    assert comment_texts(text) == [
        "<!-- block -->",
        "<!-- inline -->",
        "<!-- in text -->",
        "<!-- quoted -->",
        "<!-- in a div -->",
        "<!-->",
        "<!-- cell -->",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Write `<!-- c -->` to do it.\n",
        "``a `<!-- c -->` b``\n",
        "```\n<!-- c -->\n```\n",
        "~~~md\n<!-- c -->\n~~~\n",
        "Intro.\n\n    <!-- c -->\n",
        "---\nnote: <!-- c -->\n---\n\nBody.\n",
        '[a](https://x.org "<!-- c -->")\n',
        "[a](/u?<!--c-->)\n",
        "![<!-- c -->](p.png)\n",
        "<script>\n<!-- c -->\n</script>\n",
        "<style>\n<!-- c -->\n</style>\n",
        "An unclosed <!-- c\n",
        "<!-- unclosed block\n\nstill in it\n",
        "\\<!-- c -->\n",
        "[a]: /u '<!-- c -->'\n",
    ],
)
def test_no_comment_in_code_front_matter_link_targets_or_raw_text(text: str) -> None:
    assert html_comments(text) == ()


@pytest.mark.parametrize("nl", ["\n", "\r\n", "\r"])
def test_front_matter_span(nl: str) -> None:
    yaml = nl.join(["---", "title: x", "copyedit: off", "---", "", "Body.", ""])
    assert front_matter(yaml) == (0, yaml.index(nl + nl))
    toml = nl.join(["+++", 'copyedit = "off"', "+++", "Body.", ""])
    assert front_matter(toml) == (0, toml.index("+++", 3) + 3)
    assert front_matter(nl.join(["---", "copyedit: off", "", "Body.", ""])) is None  # never closed
    assert front_matter(nl.join(["Intro.", "---", "copyedit: off", "---", ""])) is None
    assert front_matter("") is None


# --- hostile input: every scan stays linear ------------------------------------------------------
# Each of these took seconds to minutes (or overflowed the stack) before; they run in a child process killed
# after 20 s, so a scan that turns quadratic again fails the test instead of hanging the suite.


def view_in_child(expr: str) -> tuple[str, ProseView, list[str]]:
    """The text ``expr`` builds, its view, and its HTML comments, made in a child process with a time limit."""
    code = (
        "import json, sys\n"
        "from copyedit.markup.markdown import html_comments, markdown_view\n"
        f"t = {expr}\n"
        "v = markdown_view(t)\n"
        "c = [t[a:b] for a, b in html_comments(t)]\n"
        "json.dump([t, v.text, [[b.start, b.end, b.kind] for b in v.blocks], v.opaque, c], sys.stdout)\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=20, cwd=ROOT)
    assert run.returncode == 0, run.stderr[-2000:]
    text, view, blocks_, opaque, comments = json.loads(run.stdout)
    result = ProseView(view, tuple(Block(*b) for b in blocks_), tuple(tuple(o) for o in opaque))
    check_invariants(text, result)
    return text, result, comments


def test_hostile_table_cell_with_a_long_run_of_spaces() -> None:
    text, view, _ = view_in_child("'| a | b |\\n|---|---|\\n| x' + ' ' * 100_000 + 'y | z |\\n'")
    cells = [(b.kind, text[b.start : b.end]) for b in view.blocks]
    assert cells == [("table_cell", "a"), ("table_cell", "b"), ("table_cell", "x" + " " * 100_000 + "y"),
                     ("table_cell", "z")]  # fmt: skip


def test_hostile_url_followed_by_a_run_of_brackets() -> None:
    text, view, _ = view_in_child("'See http://x.org/a' + ')' * 300_000 + ' now.\\n'")
    assert_masked(text, view, "http://x.org/a")
    assert_kept(text, view, ")" * 300_000 + " now.")


def test_hostile_unclosed_html_comments_are_text() -> None:
    text, view, comments = view_in_child("'A ' + '<!-- ' * 30_000 + 'end.\\n'")
    assert view.text == text and comments == []
    text, view, comments = view_in_child("'A ' + '<a ' * 30_000 + '<? <![CDATA[ <!x end.\\n'")
    assert view.text == text and comments == []


def test_hostile_runs_of_backticks() -> None:
    text, view, _ = view_in_child("'`' * 100_000 + ' and ' + '`' * 99_999 + ' end.\\n'")
    assert view.text == text  # no run has a closing run of its length: all literal
    text, view, _ = view_in_child("'A `` ' + '` ' * 20_000 + '`` b.\\n'")
    assert view.text.split() == ["A", "b."]  # one code span
    text, view, _ = view_in_child("'[' * 20_000 + 'a `` b ' + '`c` ' * 20_000 + 'end.\\n'")
    assert view.text.split() == ["[" * 20_000 + "a", "``", "b", "end."]  # each label walk met the lone ``


def test_hostile_runs_of_brackets() -> None:
    text, view, _ = view_in_child("'[' * 20_000 + ' and [a' * 5_000 + ' end.\\n'")
    assert view.text == text
    text, view, _ = view_in_child("'[' * 30_000 + '[a](/u) end.\\n'")
    assert view.text.split() == ["[" * 30_000, "a", "end."]  # the last ``[`` opens a link


def test_hostile_nested_links_do_not_overflow_the_stack() -> None:
    text, view, _ = view_in_child("'[' * 5_000 + 'deep' + '](/u)' * 5_000 + '\\n'")
    assert_kept(text, view, "deep")
    assert len(view.blocks) == 1


def test_hostile_emphasis_that_never_pairs() -> None:
    text, view, _ = view_in_child("'_a ' * 20_000 + 'b* ' * 20_000 + '\\n'")
    assert view.text == text
    text, view, _ = view_in_child("'*a ' * 20_000 + 'b* end.\\n'")
    assert view.text.count("*") == 20_000 - 1  # only the last opener pairs with the one closer


# --- offsets ------------------------------------------------------------------------------------


def test_block_offsets_in_a_mixed_document() -> None:
    text = "---\na: 1\n---\n# Title\n\nIntro *text*.\n\n- item\n\n> quoted\n"
    got = blocks(text)
    assert got == [("heading", "Title"), ("paragraph", "Intro *text*."), ("list_item", "item"), ("quote", "quoted")]


def test_block_bounds_skip_masked_edges() -> None:
    assert blocks("**Bold start** then text and `code`") == [("paragraph", "Bold start** then text and")]


def test_crlf_offsets_exact() -> None:
    text = "---\r\nk: v\r\n---\r\n# Head\r\n\r\nLine *one*\r\nline two\r\n\r\n```\r\ncode\r\n```\r\n\r\n- item\r\n"
    view = view_of(text)
    assert view.text.count("\r") == text.count("\r") and view.text.count("\n") == text.count("\n")
    assert blocks(text) == [
        ("heading", "Head"),
        ("paragraph", "Line *one*\r\nline two"),
        ("list_item", "item"),
    ]
    assert_masked(text, view, "```\r\ncode\r\n```")
    assert_masked(text, view, "---\r\nk: v\r\n---")


def test_lone_cr_line_endings() -> None:
    text = "# Head\r\rBody\r"
    assert blocks(text) == [("heading", "Head"), ("paragraph", "Body")]


def test_tabs_and_indented_continuation() -> None:
    text = "-\tTabbed item\n\n  Para with  \ntrailing spaces\n"
    assert blocks(text) == [("list_item", "Tabbed item"), ("paragraph", "Para with  \ntrailing spaces")]


# --- property -----------------------------------------------------------------------------------

_PIECES = [
    "word", "Two words.", "*em*", "**strong**", "_u_", "~~del~~", "`code`", "``a`b``", "[link](http://x.y \"t\")",
    "![img](p.png)", "<span>", "</span>", "<!-- c -->", "<http://a.b>", "https://ex.com/a_b", "www.x.org", "&amp;",
    "\\*", "\\", "[ref]", "[ref]: /u", "# ", "## ", "- ", "* ", "1. ", "> ", "| a | b |", "|---|---|", "---", "+++",
    "```", "~~~", "    ", "\t", " ", "\n", "\n\n", "\r\n", "\r", "=", "|", "[", "]", "(", ")", "<", ">", "!", "_",
    "é", "\u00a0", "\x00", "日本",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_property_invariants_hold_on_markdownish_text(pieces: list[str]) -> None:
    text = "".join(pieces)
    view = view_of(text)
    for block in view.blocks:
        assert block.kind in ("heading", "paragraph", "list_item", "quote", "table_cell")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_property_invariants_hold_on_any_text(text: str) -> None:
    view_of(text)


def test_containers_before_headings_and_tables() -> None:
    assert blocks("- # Heading in a list\n") == [("heading", "Heading in a list")]
    assert blocks("># Heading in a quote\n") == [("heading", "Heading in a quote")]
    assert blocks("- |word\n|-|-|\n") == [("table_cell", "-"), ("table_cell", "word")]  # a table, not a list


_MD = MarkdownIt("commonmark").enable("table")
_SAME_AS_MARKDOWN_IT = [
    "word", "Two words.", "*em*", "**strong**", "_u_", "*", "_", "x_y", "a*b", "`code`", "``a`b``", "`",
    '[link](/u "t")', "![img](p.png)", "<span>", "</span>", "<!-- c -->", "\\*", "\\", "[ref]", "[ref]: /u",
    "[a][ref]", "[ref][]", "# ", "## x ##", "- ", "* ", "1. ", "\n1) ", "> ", "\n> ", "| a | b |", "|---|---|",
    "```", "    ", " ", "\t", "\n", "\n\n", "\n  ", "\n===", "\n---", "=", "|", "[", "]", "(", ")", "<", ">", "!",
]  # fmt: skip


def _markdown_it_words(text: str) -> str:
    tokens = [t for t in _MD.parse(text) if t.type == "inline"]
    return "".join("".join(c.content for t in tokens for c in t.children or () if c.type == "text").split())


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_SAME_AS_MARKDOWN_IT), max_size=30))
def test_property_prose_is_what_markdown_it_renders_as_text(pieces: list[str]) -> None:
    """Without URLs, entities or front matter, the unmasked characters are markdown-it's text, in order."""
    text = "".join(pieces)
    assume(not text.startswith("---") and "\\|" not in text)  # `\\|` in a table cell: markdown-it's own quirk
    assert "".join(view_of(text).text.split()) == _markdown_it_words(text)


_WITH_COMMENTS = [
    "<!-- c -->", "<!--", "-->", "<!-->", "x", "Two words.", " ", "\n", "\n\n", "    ", "`", "``", "```", "[", "](",
    ")", "![", "> ", "- ", "\\", "<div>", "</div>", "<script>", '"', "---\n", "|", "|-|\n",
]  # fmt: skip


def _markdown_it_comments(text: str) -> list[str]:
    """Comments as markdown-it's tokens hold them: inline HTML that is a comment, and comments in HTML blocks."""
    found = []
    for t in _MD.parse(text):
        if t.type == "inline":
            found += [c.content for c in t.children or () if c.type == "html_inline" and c.content.startswith("<!--")]
        elif t.type == "html_block" and not t.content.lstrip().lower().startswith(("<script", "<style", "<textarea")):
            found += re.findall(r"<!---?>|<!--.*?-->", t.content, re.S)
    return found


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_WITH_COMMENTS), max_size=30))
def test_property_html_comments_are_markdown_it_s(pieces: list[str]) -> None:
    """The comments suppressions may read are exactly the ones markdown-it parses as HTML (container markers
    and line breaks aside, which markdown-it's token content leaves out)."""
    text = "".join(pieces)
    assume(not text.startswith(("---", "+++")))

    def norm(comments: list[str]) -> list[str]:
        return ["".join(c.replace(">", "").split()) for c in comments]

    assert norm(comment_texts(text)) == norm(_markdown_it_comments(text)), text
