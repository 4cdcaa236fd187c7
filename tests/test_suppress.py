"""Suppression comments in Markdown: ignore the next block, disable/enable ranges, front matter off, and
SUP001 for a comment that silences nothing."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

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


# --- only real comments count (issue #11) ---------------------------------------------------------

NEWLINES = pytest.mark.parametrize("nl", ["\n", "\r\n"], ids=["lf", "crlf"])


def lines(nl: str, *parts: str) -> str:
    return nl.join(parts) + nl


@NEWLINES
@pytest.mark.parametrize(
    "shown",
    [
        "Write `<!-- copyedit: disable -->` to turn checking off.",
        "Write ``<!-- copyedit: ignore all -->`` before a block.",
        "```markdown\n<!-- copyedit: disable -->\n```",
        "~~~\n<!-- copyedit: disable VRB -->\n~~~",
        "Intro.\n\n    <!-- copyedit: disable -->",
        'See [the docs](https://x.org "<!-- copyedit: disable -->").',
        "![<!-- copyedit: disable -->](shot.png)",
        "<script>\n// <!-- copyedit: disable -->\n</script>",
        "Escaped: \\<!-- copyedit: disable -->",
    ],
    ids=["code-span", "double-code-span", "fence", "tilde-fence", "indented", "link-title", "image", "script", "esc"],
)
def test_a_suppression_in_code_or_a_link_target_is_text(shown: str, nl: str) -> None:
    md = lines(nl, shown.replace("\n", nl), "", BAD)
    assert codes(md) == ["VRB001"]


@NEWLINES
def test_a_suppression_shown_in_code_is_not_an_unused_one(nl: str) -> None:
    md = lines(nl, "Put `<!-- copyedit: ignore VRB001 -->` before a block.", "", "He could have given more.")
    assert codes(md) == []  # not a suppression, so not SUP001 either


@NEWLINES
def test_a_comment_in_the_front_matter_is_not_a_suppression(nl: str) -> None:
    md = lines(nl, "---", "note: <!-- copyedit: disable -->", "---", "", BAD)
    assert codes(md) == ["VRB001"]


@NEWLINES
@pytest.mark.parametrize(
    "comment",
    [
        "<div>\n<!-- copyedit: disable VRB -->\n</div>",
        "> <!-- copyedit: disable VRB001 -->",
        "A sentence <!-- copyedit: disable VRB001 --> with a comment inside.",
        "<!--\ncopyedit: disable VRB001\n-->",
    ],
    ids=["html-block", "quote", "inline", "multi-line"],
)
def test_real_comments_still_count(comment: str, nl: str) -> None:
    md = lines(nl, comment.replace("\n", nl), "", BAD)
    assert codes(md) == []


# --- only the front matter turns a file off --------------------------------------------------------


@NEWLINES
@pytest.mark.parametrize(
    "parts",
    [
        ("# Notes", "", "copyedit: off"),
        ("---", "title: x", "---", "", "copyedit: off"),
        ("---", "title: x", "---", "", "```yaml", "copyedit: off", "```"),
        ("---", "copyedit: off"),  # never closed: no front matter at all
        ("---", "meta:", "  copyedit: off", "---"),  # not a top-level key
        ("---", "copyedit: often", "---"),
    ],
    ids=["body", "body-after-front-matter", "code-in-body", "unclosed", "nested", "other-value"],
)
def test_copyedit_off_outside_the_front_matter_does_nothing(parts: tuple[str, ...], nl: str) -> None:
    assert codes(lines(nl, *parts, "", BAD)) == ["VRB001"]


@NEWLINES
@pytest.mark.parametrize(
    "front",
    [
        ("---", "title: x", "copyedit: off", "---"),
        ("---", "copyedit:   'off'", "..."),
        ("---", 'copyedit: "off"  # generated file', "---"),
        ("+++", 'title = "x"', 'copyedit = "off"', "+++"),
    ],
    ids=["yaml", "yaml-quoted", "yaml-comment", "toml"],
)
def test_copyedit_off_in_the_front_matter(front: tuple[str, ...], nl: str) -> None:
    md = lines(nl, *front, "", BAD)
    assert codes(md) == []
    assert fix_text(md, "markdown").text == md


# The exponential regex took 5 s at 23 lines, 44 s at 27 and never ended at 31; a child process with a
# time limit turns a hang into a failure. It calls `suppressions` itself, so no spaCy model is loaded.
_FRONT_CHILD = """
import json, sys
from copyedit.markup.markdown import markdown_view
from copyedit.suppress import suppressions
out = []
for text in json.load(sys.stdin):
    out.append([[s.codes, s.start, s.end, text[s.comment[0]:s.comment[1]]]
                for s in suppressions(text, markdown_view(text).blocks)])
json.dump(out, sys.stdout)
"""


def suppressions_in_child(texts: list[str]) -> list[list[list]]:
    run = subprocess.run(
        [sys.executable, "-c", _FRONT_CHILD],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        timeout=20,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads(run.stdout)


@pytest.mark.parametrize("n", [40, 200])
def test_long_crlf_front_matter_does_not_hang(n: int) -> None:
    keys = [f"key{i}: a value about copyedit {i}" for i in range(n)]
    body = ["", "<!-- copyedit: ignore VRB001 -->", BAD, ""]
    without = "\r\n".join(["---", *keys, "---", *body])
    with_off = "\r\n".join(["---", *keys, "copyedit: off", "---", *body])
    unclosed = "\r\n".join(["---", *keys, "copyedit: of", *body])
    got = suppressions_in_child([without, with_off, unclosed])
    block = without.index(BAD)
    assert got[0] == [[["VRB001"], block, block + len(BAD), "<!-- copyedit: ignore VRB001 -->"]]
    assert got[1] == [[[""], 0, len(with_off), "copyedit: off"]]
    assert got[2][0][3] == "<!-- copyedit: ignore VRB001 -->"


def test_hostile_suppression_comments_stay_linear() -> None:
    texts = [
        "<!-- copyedit: ignore " * 20_000 + "\n",  # never closed: not a comment
        "<!-- copyedit: disable A -->\n\n<!-- copyedit: enable B -->\n\n" * 5_000,  # unrelated pairs
        "---\ncopyedit:" + " " * 100_000 + "x\n---\n\nText.\n",
        "---\ncopyedit: off" + " " * 100_000 + "x\n---\n\nText.\n",
    ]
    got = suppressions_in_child(texts)
    assert got[0] == []
    assert len(got[1]) == 5_000 and {s[2] for s in got[1]} == {len(texts[1])}
    assert got[2] == got[3] == []


# --- enable by prefix --------------------------------------------------------------------------------

THE_THE = "Shares in the the company fell."  # TYP001
SPACE_COMMA = "The vote was close , officials said."  # TYP002


@NEWLINES
def test_enable_of_a_prefix_ends_a_disable_of_a_code_it_covers(nl: str) -> None:
    md = lines(nl, "<!-- copyedit: disable TYP001 -->", "", THE_THE, "", "<!-- copyedit: enable TYP -->", "", THE_THE)
    found = check_text(md, "markdown")
    assert [f.code for f in found] == ["TYP001"]
    assert found[0].start > md.index("enable TYP")


@NEWLINES
def test_enable_of_a_prefix_keeps_sup001_honest(nl: str) -> None:
    md = lines(nl, "<!-- copyedit: disable TYP001 -->", "", "Shares fell.", "", "<!-- copyedit: enable TYP -->", "",
               THE_THE)  # fmt: skip
    found = check_text(md, "markdown")
    assert [f.code for f in found] == ["SUP001", "TYP001"]
    assert md[found[0].start : found[0].end] == "<!-- copyedit: disable TYP001 -->"


@NEWLINES
def test_enable_of_one_code_inside_a_disable_of_its_family(nl: str) -> None:
    md = lines(nl, "<!-- copyedit: disable TYP -->", "", "<!-- copyedit: enable TYP001 -->", "", THE_THE, "",
               SPACE_COMMA, "", "<!-- copyedit: enable TYP -->", "", SPACE_COMMA)  # fmt: skip
    found = check_text(md, "markdown")
    assert [(f.code, md[f.start : f.end]) for f in found] == [("TYP001", "the the"), ("TYP002", " ,")]
    assert found[1].start > md.index("enable TYP -->")  # the TYP002 before it stayed silent: no SUP001 either


@NEWLINES
def test_enable_ends_only_the_codes_it_covers(nl: str) -> None:
    md = lines(nl, "<!-- copyedit: disable TYP001, VRB001 -->", "", "<!-- copyedit: enable TYP -->", "", THE_THE, "",
               BAD, "", "<!-- copyedit: enable all -->", "", BAD)  # fmt: skip
    found = check_text(md, "markdown")
    assert [f.code for f in found] == ["TYP001", "VRB001"]
    assert found[1].start > md.index("enable all")
