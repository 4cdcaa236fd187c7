"""The review page without a browser: escaping, the embedded data, the edits it is built from, and the command line
(`fix --html`, `apply --html`). tests/test_browser_review.py drives the page in Chromium."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from copyedit import engine, html_review
from copyedit.cli import app
from copyedit.model import Edit, Safety
from copyedit.patch import apply_edits

DAMAGED = "Talks between. Washington and Beijing resumed on Monday.\n\nHe could have gave more.\n"
XSS = '<script>alert(1)</script> "><img src=x onerror="alert(2)"> </script><!-- &amp; \u2028'
DATA = re.compile(r'<script type="application/json" id=copyedit-data>(.*?)</script>', re.DOTALL)

runner = CliRunner()


def page_data(page: str) -> dict:
    m = DATA.search(page)
    assert m, "no embedded data"
    return json.loads(m[1])


def hostile_review() -> html_review.FileReview:
    text = f"# {XSS}\n\nTalks between{XSS}. Washington resumed.\n"
    at = text.index(". Washington")
    change = html_review.Change(
        (Edit(at, at + 3, f" w{XSS}"),), ("FRG001",), (f"message {XSS}",), "safe", 3, 1, (f"# FRG001 3:1 {XSS}\n",)
    )
    comment = html_review.Comment("STY002", f"comment {XSS}", "suggestion", 0, 1, 1, f"why {XSS}")
    name = 'a"><img src=x onerror=alert(3)>.md'
    return html_review.FileReview(name, text, "0" * 64, "markdown", False, (change,), (comment,))


@pytest.mark.parametrize("markup", ["markdown", "text"])
def test_every_text_is_escaped(markup: str) -> None:
    f = hostile_review()
    page = html_review.page([html_review.FileReview(**{**f.__dict__, "markup": markup})])
    assert len(re.findall(r"<script\b", page)) == 2  # the data and the page's own script, nothing else
    assert "<img" not in page and "<!--" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=" in page
    body = page.split("<body>", 1)[1]
    assert not re.search(r"<[a-z]+[^>]*\son[a-z]+\s*=", body)  # no element carries an event handler


def test_embedded_json_escapes_markup_and_round_trips() -> None:
    value = {"text": XSS, "n": [1, "<>&"]}
    embedded = html_review.embed_json(value)
    assert not set("<>&\u2028\u2029") & set(embedded)
    assert "\\u003c/script\\u003e" in embedded
    assert json.loads(embedded) == value
    page = html_review.page([hostile_review()])
    data = DATA.search(page)[1]
    assert "<" not in data and ">" not in data
    assert page_data(page)["files"][0]["text"] == hostile_review().text


def test_page_is_self_contained() -> None:
    page = html_review.page([hostile_review()])
    head = page.split("<body>", 1)[0]
    assert "default-src 'none'" in head and "connect-src" not in head
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//)""", page)
    assert not re.search(r"@import|url\(", page)
    nonce = re.search(r"script-src 'nonce-([^']+)'", head)[1]
    assert f"<script nonce={nonce}>" in page and f"<style nonce={nonce}>" in page


def test_markdown_syntax_is_hidden_and_code_shown() -> None:
    text = "# Heading\n\nSome **bold** and `code` with a [link](https://example.com/x).\n\n- one\n- two\n"
    f = html_review.FileReview("a.md", text, "0" * 64, "markdown", changes=(), comments=(_comment(),))
    page = html_review.page([f])
    assert "<span class=mk>**</span>bold<span class=mk>**</span>" in page
    assert "<code class=mc>code</code>" in page
    assert "<span class=mk>](https://example.com/x)</span>" in page
    assert page.count("<span class=bullet aria-hidden=true>•</span>") == 2
    assert "<div class='txt h'>" in page


def _comment() -> html_review.Comment:
    return html_review.Comment("STY002", "filler", "suggestion", 0, 1, 1, "no fix")


@given(st.text(alphabet="ab .,\n\r", max_size=60), st.text(alphabet="ab .,\n\r", max_size=60))
def test_edits_between_turn_old_into_new(old: str, new: str) -> None:
    edits = html_review._edits_between(old, new)
    assert apply_edits(old, edits) == new
    assert all(a.end < b.start for a, b in itertools.pairwise(edits))  # edits a space or two apart are one


def test_a_paragraph_join_is_one_small_edit() -> None:
    old = "It has missiles\n\nIn defiance of sanctions. The state tests.\n\nNext one.\n"
    new = "It has missiles in defiance of sanctions. The state tests.\n\nNext one.\n"
    assert html_review._edits_between(old, new) == [Edit(15, 19, " in")]


@pytest.fixture
def articles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "damaged.txt").write_text(DAMAGED)
    (tmp_path / "news" / "clean.md").write_text("Nobody expected that.\n")
    return tmp_path


def test_fix_html_writes_the_page_and_nothing_else(articles: Path) -> None:
    r = runner.invoke(app, ["fix", "--html", "review.html", "--jobs", "1", "--no-cache", "news"])
    assert r.exit_code == 1, r.output  # as --diff: changes are pending
    assert "2 change(s) to review in 1 file(s)" in r.stderr
    assert (articles / "news" / "damaged.txt").read_text() == DAMAGED
    data = page_data((articles / "review.html").read_text())
    (f,) = data["files"]
    assert f["name"] == "news/damaged.txt" and f["text"] == DAMAGED
    assert [c["codes"] for c in f["changes"]] == [["FRG001"], ["VRB001"]]
    assert f["head"].startswith("# copyedit fix for news/damaged.txt\n# sha256 ")
    assert f["changes"][1]["notes"] == ["# VRB001 3:15 “gave” after “have” needs the past participle “given”.\n"]
    edits = [Edit(*e) for c in f["changes"] for e in c["edits"]]
    assert apply_edits(DAMAGED, edits) == DAMAGED.replace("between.", "between").replace("gave", "given")


def test_fix_html_refuses_standard_input(articles: Path) -> None:
    r = runner.invoke(app, ["fix", "--html", "review.html", "-"], input=DAMAGED)
    assert r.exit_code == 2 and "needs named files" in r.stderr
    assert not (articles / "review.html").exists()


def _unsafe_example() -> str | None:
    """A rule example whose fix is unsafe (rules change; the test takes whichever one there is)."""
    for r in engine.select_rules():
        for ex in r.examples:
            if ex.bad is None or ex.fixed is None:
                continue
            found = engine.check_text(ex.text)
            if any(f.safety is Safety.UNSAFE and f.fixable for f in found):
                return ex.text
    return None


def test_unsafe_fixes_are_offered_only_on_request_and_marked(articles: Path) -> None:
    text = _unsafe_example()
    if text is None:
        pytest.skip("no rule example has an unsafe fix")
    (articles / "news" / "unsafe.txt").write_text(text + "\n")
    base = ["fix", "--jobs", "1", "--no-cache", "--html"]
    runner.invoke(app, [*base, "plain.html", "news/unsafe.txt"])
    runner.invoke(app, [*base, "unsafe.html", "--unsafe-fixes", "news/unsafe.txt"])
    plain, unsafe = (articles / "plain.html").read_text(), (articles / "unsafe.html").read_text()
    assert not any(c["safety"] == "unsafe" for f in page_data(plain)["files"] for c in f["changes"])
    assert "run with --unsafe-fixes to review it" in plain and "<p class=sugg>Suggested: " in plain
    assert any(c["safety"] == "unsafe" for f in page_data(unsafe)["files"] for c in f["changes"])
    assert "<span class=saf>unsafe</span>" in unsafe


def test_apply_html_shows_a_patch_set_and_names_a_stale_patch(articles: Path) -> None:
    (articles / "news" / "other.txt").write_text("He could have gave more.\n")
    r = runner.invoke(app, ["fix", "--patch-dir", "review", "--jobs", "1", "--no-cache", "news"])
    assert r.exit_code == 1, r.output
    r = runner.invoke(app, ["apply", "--html", "patches.html", "review"])
    assert r.exit_code == 0, r.output
    files = page_data((articles / "patches.html").read_text())["files"]
    assert [f["name"] for f in files] == ["news/damaged.txt", "news/other.txt"]
    assert [c["codes"] for c in files[0]["changes"]] == [["FRG001"], ["VRB001"]]
    assert (articles / "news" / "damaged.txt").read_text() == DAMAGED  # nothing applied
    (articles / "news" / "other.txt").write_text("He could have gave more. Edited since.\n")
    r = runner.invoke(app, ["apply", "--html", "patches.html", "review"])
    assert r.exit_code == 2
    assert "news/other.txt: the file has changed since the patch was made" in r.stderr
    page = (articles / "patches.html").read_text()
    assert [f["name"] for f in page_data(page)["files"]] == ["news/damaged.txt"]
    assert "the file has changed since the patch was made" in page


def test_assets_ship_in_the_package() -> None:
    for name in ("review.js", "review.css"):
        assert html_review._asset(name).strip()


def test_apply_html_reads_a_plain_diff_without_the_header(articles: Path) -> None:
    r = runner.invoke(app, ["fix", "--diff", "--jobs", "1", "--no-cache", "news"])
    assert r.exit_code == 1
    (articles / "all.patch").write_text(r.stdout)
    r = runner.invoke(app, ["apply", "--html", "patches.html", "all.patch"])
    assert r.exit_code == 0, r.output
    (f,) = page_data((articles / "patches.html").read_text())["files"]
    assert [(c["codes"], c["safety"]) for c in f["changes"]] == [(["?"], "unknown")] * 2  # no header names them
    edits = [Edit(*e) for c in f["changes"] for e in c["edits"]]
    assert apply_edits(f["text"], edits) == DAMAGED.replace("between.", "between").replace("gave", "given")
