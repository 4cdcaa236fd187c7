"""The LanguageTool backend (`--languagetool`), end to end through the command line.

LanguageTool itself cannot be downloaded on this network (its releases live on GitHub), so the adapter is
tested against LanguageTool's documented HTTP API: a local fake server (`http.server` in a thread) answers
`POST /v2/check` with the JSON a LanguageTool server sends (`matches[]` with `message`, `offset`, `length`,
`replacements[{value}]`, `rule{id, description, issueType, category}`, `context`), counting offsets in UTF-16
code units as Java does, and records the form fields it was sent.

When the environment variable `COPYEDIT_LT_URL` names a live LanguageTool server (e.g. http://localhost:8081),
every test that takes the `lt` fixture runs against it too; its assertions are ones a real LanguageTool
satisfies (a known misspelling reported with the right span, "a apple" fixed to "an apple"). The variant is
skipped when the variable is unset.
"""

from __future__ import annotations

import json
import os
import re
import socket
import sys
import threading
import types
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest
from typer.testing import CliRunner

from copyedit import config, languagetool
from copyedit.cli import app

LIVE_URL = os.environ.get("COPYEDIT_LT_URL", "")
#: Only the copyedit rule these tests rely on, so rules added elsewhere cannot shadow a LanguageTool match.
ONLY = ("--select", "VRB001", "--select", "LT")  # one rule of ours, and every LanguageTool rule

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


# --- a fake LanguageTool server, answering as the documented /v2/check does ---------------------------------

SPELLING = {
    "id": "MORFOLOGIK_RULE_EN_US",
    "description": "Possible spelling mistake",
    "issueType": "misspelling",
    "category": {"id": "TYPOS", "name": "Possible Typo"},
}
A_VS_AN = {
    "id": "EN_A_VS_AN",
    "description": "Use of 'a' vs. 'an'",
    "issueType": "misspelling",
    "category": {"id": "MISC", "name": "Miscellaneous"},
}
HAVE_PART = {
    "id": "HAVE_PART_AGREEMENT",
    "description": "Possible agreement error: have + past tense",
    "issueType": "grammar",
    "category": {"id": "GRAMMAR", "name": "Grammar"},
}
WHITESPACE = {
    "id": "WHITESPACE_RULE",
    "description": "Whitespace repetition (bad formatting)",
    "issueType": "whitespace",
    "category": {"id": "TYPOGRAPHY", "name": "Typography"},
}
#: (pattern whose group 1 is the reported span, rule, message, replacements)
FAKE_RULES = [
    (r"\b(teh)\b", SPELLING, "Possible spelling mistake found.", ["the", "tea", "ten", "eh"]),
    (
        r"\b(a) apple",
        A_VS_AN,
        "Use “an” instead of ‘a’ if the following word starts with a vowel sound, e.g. ‘an article’, ‘an hour’.",
        ["an"],
    ),
    (r"\bhave (gave)\b", HAVE_PART, "Possible agreement error. Did you mean “given”?", ["given"]),
    (r"(?<=\S)( {2,})(?=\S)", WHITESPACE, "Possible typo: you repeated a whitespace", [" "]),
]


def _units(s: str) -> int:
    """Length in UTF-16 code units: Java's String.length(), which LanguageTool's offsets count."""
    return len(s.encode("utf-16-le")) // 2


def fake_check(text: str) -> dict[str, Any]:
    """What LanguageTool's /v2/check answers for ``text``, for the few rules above."""
    matches = []
    for pattern, rule, message, replacements in FAKE_RULES:
        for m in re.finditer(pattern, text):
            start, end = m.span(1)
            lo = max(0, start - 40)
            matches.append(
                {
                    "message": message,
                    "shortMessage": "",
                    "replacements": [{"value": r} for r in replacements],
                    "offset": _units(text[:start]),
                    "length": _units(text[start:end]),
                    "context": {
                        "text": text[lo : end + 40],
                        "offset": _units(text[lo:start]),
                        "length": _units(text[start:end]),
                    },
                    "sentence": text[lo : end + 40].strip(),
                    "type": {"typeName": "Other"},
                    "rule": rule,
                    "ignoreForIncompleteSentence": False,
                    "contextForSureMatch": 0,
                }
            )
    return {
        "software": {"name": "LanguageTool", "version": "6.6", "buildDate": "2025-03-27", "apiVersion": 1},
        "warnings": {"incompleteResults": False},
        "language": {"name": "English (US)", "code": "en-US", "detectedLanguage": {"name": "English (US)"}},
        "matches": sorted(matches, key=lambda m: m["offset"]),
    }


class _Handler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
        form = {k: v[0] for k, v in parse_qs(body, keep_blank_values=True).items()}
        server: _Server = self.server  # type: ignore[assignment]
        server.requests.append({"path": self.path, "type": self.headers.get("Content-Type"), "form": form})
        if server.garbage:
            self._send(200, b"<html>Welcome to nginx!</html>", "text/html")
        elif self.path != "/v2/check":
            self._send(404, b"Not found", "text/plain")
        else:
            payload = fake_check(form.get("text", ""))
            server.answered.extend(payload["matches"])
            self._send(200, json.dumps(payload).encode(), "application/json")

    def _send(self, status: int, body: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    def __init__(self, garbage: bool = False) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.garbage = garbage
        self.requests: list[dict[str, Any]] = []
        self.answered: list[dict[str, Any]] = []


@dataclass
class LT:
    """A LanguageTool server to test against; the fake one also shows what it was sent and what it answered."""

    url: str
    fake: _Server | None = None
    requests: list[dict[str, Any]] = field(default_factory=list)

    def answered(self, rule_id: str) -> list[dict[str, Any]]:
        return [m for m in self.fake.answered if m["rule"]["id"] == rule_id] if self.fake else []


@pytest.fixture
def fake_server() -> Iterator[_Server]:
    server = _Server()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture(
    params=[
        "fake",
        pytest.param("live", marks=pytest.mark.skipif(not LIVE_URL, reason="COPYEDIT_LT_URL names no live server")),
    ]
)
def lt(request: pytest.FixtureRequest) -> Iterator[LT]:
    if request.param == "live":
        yield LT(LIVE_URL)
        return
    server = request.getfixturevalue("fake_server")
    yield LT(f"http://127.0.0.1:{server.server_address[1]}", server, server.requests)


@pytest.fixture(autouse=True)
def fresh_config() -> Iterator[None]:
    config.for_folder.cache_clear()
    yield
    config.for_folder.cache_clear()


def findings(r: Any) -> list[dict[str, Any]]:
    assert r.exit_code in (0, 1), r.stderr
    return json.loads(r.stdout)["findings"]


def lt_findings(r: Any, code: str = "") -> list[dict[str, Any]]:
    return [f for f in findings(r) if f["code"].startswith("LT:" + code)]


# --- the tests ------------------------------------------------------------------------------------------------

MARKDOWN = """# A short report

The first paragraph names `teh function` and [a link](https://example.com/teh).

```
teh code stays as it is
```

The second 🙂 paragraph has teh mistake in it.
"""


def test_matches_map_back_to_source_offsets_through_markdown(tmp_path: Path, lt: LT) -> None:
    path = tmp_path / "story.md"
    path.write_text(MARKDOWN)
    r = run("check", *ONLY, "--format", "json", "--languagetool", lt.url, str(path))
    spelling = lt_findings(r, "MORFOLOGIK_RULE_EN_US")
    second = MARKDOWN.index("teh mistake")
    assert [(f["span"]["start"], f["span"]["end"], f["text"]) for f in spelling] == [(second, second + 3, "teh")]
    [f] = spelling
    assert (f["severity"], f["safety"], f["fixable"]) == ("warning", "display-only", False)
    assert f["edits"][0]["replacement"] == "the" and f["message"]
    code_block = (MARKDOWN.index("```"), MARKDOWN.rindex("```"))
    assert not [g for g in lt_findings(r) if code_block[0] <= g["span"]["start"] < code_block[1]]
    # masked markup reaches LanguageTool as spaces; a match that touches it is dropped (its edit would change code)
    assert not lt_findings(r, "WHITESPACE_RULE")
    if lt.fake:
        [sent] = lt.requests
        assert sent["path"] == "/v2/check" and sent["type"] == "application/x-www-form-urlencoded"
        assert sent["form"]["language"] == "en-US"
        text = sent["form"]["text"]
        assert "```" not in text and "teh code" not in text and "teh function" not in text and "example" not in text
        assert text.split("\n\n")[0] == "A short report" and text.endswith("teh mistake in it.")
        assert lt.answered("WHITESPACE_RULE")


def test_a_match_that_overlaps_a_copyedit_finding_is_dropped(tmp_path: Path, lt: LT) -> None:
    path = tmp_path / "story.txt"
    path.write_text("He could have gave more, said teh minister.\n")
    r = run("check", *ONLY, "--format", "json", "--languagetool", lt.url, str(path))
    [own] = [f for f in findings(r) if f["code"] == "VRB001"]
    span = (own["span"]["start"], own["span"]["end"])
    assert not [f for f in lt_findings(r) if f["span"]["start"] < span[1] and span[0] < f["span"]["end"]]
    assert [f["text"] for f in lt_findings(r, "MORFOLOGIK_RULE_EN_US")] == ["teh"]  # LanguageTool did run
    if lt.fake:
        assert lt.answered("HAVE_PART_AGREEMENT")  # it reported "gave" too; copyedit's finding won
    assert r.exit_code == 1


def test_fix_applies_only_allow_listed_rules(tmp_path: Path, lt: LT) -> None:
    path = tmp_path / "story.txt"
    text = "He ate a apple and teh pie.\n"
    path.write_text(text)
    r = run("fix", *ONLY, "--languagetool", lt.url, str(path))
    assert (r.exit_code, path.read_text()) == (0, text)  # display-only: reported by check, never applied

    (tmp_path / ".copyedit.toml").write_text('languagetool-fixes = ["EN_A_VS_AN", "LT:MORFOLOGIK_RULE_EN_US"]\n')
    config.for_folder.cache_clear()
    r = run("check", *ONLY, "--format", "json", "--languagetool", lt.url, str(path))
    safety = {f["code"]: f["safety"] for f in lt_findings(r)}
    # one replacement: the one right answer, so safe; several: the first is a guess, so unsafe
    assert safety["LT:EN_A_VS_AN"] == "safe" and safety["LT:MORFOLOGIK_RULE_EN_US"] == "unsafe"

    r = run("fix", *ONLY, "--languagetool", lt.url, str(path))
    assert (r.exit_code, path.read_text()) == (0, "He ate an apple and teh pie.\n")
    r = run("fix", *ONLY, "--unsafe-fixes", "--languagetool", lt.url, str(path))
    assert (r.exit_code, path.read_text()) == (0, "He ate an apple and the pie.\n")
    path.write_text(text)
    (tmp_path / ".copyedit.toml").write_text(
        'languagetool-fixes = ["MORFOLOGIK_RULE_EN_US"]\nextend-safe-fixes = ["LT:MORFOLOGIK"]\n'
    )
    config.for_folder.cache_clear()
    r = run("fix", *ONLY, "--languagetool", lt.url, str(path))  # promoted to safe; EN_A_VS_AN no longer listed
    assert (r.exit_code, path.read_text()) == (0, "He ate a apple and the pie.\n")
    r = run("fix", *ONLY, "--unsafe-fixes", "--diff", "--languagetool", lt.url, str(path))
    assert (r.exit_code, r.stdout) == (0, "")  # fixing again changes nothing


def test_unreachable_server_is_one_line_and_the_run_goes_on(tmp_path: Path) -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        url = f"http://127.0.0.1:{s.getsockname()[1]}"
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("He could have gave more.\n")
    r = run("check", *ONLY, "--languagetool", url, str(tmp_path))
    warnings = [line for line in r.stderr.splitlines() if "languagetool" in line]
    assert warnings == [f"warning: languagetool: cannot reach {url}/v2/check: connection refused; "
                        "check that a LanguageTool server runs there (the run goes on without it)"]  # fmt: skip
    assert [line.split(": ")[1].split()[0] for line in r.stdout.splitlines()] == ["VRB001", "VRB001"]
    assert r.exit_code == 1  # copyedit's own findings decide the exit code, not the missing server

    (tmp_path / "a.txt").write_text("Nothing is wrong here.\n")
    r = run("check", *ONLY, "--languagetool", url, str(tmp_path / "a.txt"))
    assert r.exit_code == 0 and "cannot reach" in r.stderr
    r = run("fix", *ONLY, "--languagetool", url, str(tmp_path))
    assert r.exit_code == 0 and r.stderr.count("cannot reach") == 1
    assert (tmp_path / "b.txt").read_text() == "He could have given more.\n"


def test_a_server_that_answers_garbage_is_one_line(tmp_path: Path) -> None:
    server = _Server(garbage=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        (tmp_path / "a.txt").write_text("He could have gave more.\n")
        url = f"http://127.0.0.1:{server.server_address[1]}"
        r = run("check", *ONLY, "--languagetool", url, str(tmp_path / "a.txt"))
    finally:
        server.shutdown()
        server.server_close()
    assert r.exit_code == 1 and "VRB001" in r.stdout
    [line] = [x for x in r.stderr.splitlines() if "languagetool" in x]
    assert "did not answer with LanguageTool's /v2/check JSON" in line


def test_off_does_nothing_and_the_option_overrides_the_setting(tmp_path: Path, fake_server: _Server) -> None:
    url = f"http://127.0.0.1:{fake_server.server_address[1]}"
    path = tmp_path / "a.txt"
    path.write_text("He could have gave more, said teh minister.\n")
    plain = run("check", *ONLY, str(path))
    assert fake_server.requests == []  # off by default
    (tmp_path / ".copyedit.toml").write_text(f'languagetool = "{url}"\n')
    config.for_folder.cache_clear()
    off = run("check", *ONLY, "--languagetool", "off", str(path))
    assert (off.exit_code, off.stdout, fake_server.requests) == (plain.exit_code, plain.stdout, [])
    on = run("check", *ONLY, str(path))  # the setting alone turns it on
    assert len(fake_server.requests) == 1 and "LT:MORFOLOGIK_RULE_EN_US" in on.stdout


def test_a_bad_setting_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Fine.\n")
    r = run("check", "--languagetool", "ftp://example.com", str(tmp_path / "a.txt"))
    assert r.exit_code == 2 and "--languagetool must be off, local or an http(s) URL" in r.stderr


def _no_package(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setitem(sys.modules, "language_tool_python", None)  # import fails
    return "install copyedit[languagetool] (language-tool-python) and Java 17+"


def _no_java(monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setitem(sys.modules, "language_tool_python", types.ModuleType("language_tool_python"))
    monkeypatch.setattr(languagetool.shutil, "which", lambda name: None)
    return "needs Java, which is not on PATH"


def _no_download(monkeypatch: pytest.MonkeyPatch) -> str:
    module = types.ModuleType("language_tool_python")

    def refuse(language: str) -> None:
        raise ConnectionError("Failed to resolve 'github.com'")

    module.LanguageTool = refuse  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "language_tool_python", module)
    monkeypatch.setattr(languagetool.shutil, "which", lambda name: "/usr/bin/java")
    return "could not start LanguageTool (Failed to resolve 'github.com'); it downloads LanguageTool on first use"


@pytest.mark.parametrize("missing", [_no_package, _no_java, _no_download])
def test_local_without_its_parts_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, missing: Any) -> None:
    expected = missing(monkeypatch)
    languagetool._local_url.cache_clear()
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text("He could have gave more.\n")
    r = run("check", *ONLY, "--languagetool", "local", str(tmp_path))
    [line] = [x for x in r.stderr.splitlines() if "languagetool" in x]
    assert expected in line and line.endswith("(the run goes on without it)")
    assert r.exit_code == 1 and r.stdout.count("VRB001") == 2
    languagetool._local_url.cache_clear()


def test_utf16_offsets_and_endpoints() -> None:
    text = "🙂 a 😀😀 teh"
    index = languagetool.utf16_to_index(text)
    start = text.index("teh")
    assert index(_units(text[:start])) == start and index(3) == 2
    assert {languagetool.endpoint(u) for u in ("http://h:8081", "http://h:8081/", "http://h:8081/v2/")} == {
        "http://h:8081/v2/check"
    }
    assert languagetool.endpoint("https://api.languagetool.org/v2/check") == "https://api.languagetool.org/v2/check"


def test_select_and_ignore_choose_languagetool_codes_as_they_choose_ours(tmp_path: Path, fake_server: _Server) -> None:
    url = f"http://127.0.0.1:{fake_server.server_address[1]}"
    path = tmp_path / "a.txt"
    path.write_text("He could have gave more, said teh minister.\n")

    def codes(*options: str) -> set[str]:
        r = run("check", "--format", "json", "--languagetool", url, *options, str(path))
        return {f["code"] for f in findings(r)}

    both = codes()
    assert "VRB001" in both and "LT:MORFOLOGIK_RULE_EN_US" in both
    asked = len(fake_server.requests)
    assert not any(c.startswith("LT:") for c in codes("--select", "VRB"))
    assert not any(c.startswith("LT:") for c in codes("--ignore", "LT"))
    assert len(fake_server.requests) == asked  # no LT: code could be chosen, so LanguageTool was not asked
    assert codes("--select", "LT:MORFOLOGIK") == {"LT:MORFOLOGIK_RULE_EN_US"}
    assert "LT:MORFOLOGIK_RULE_EN_US" not in codes("--ignore", "LT:MORFOLOGIK")
