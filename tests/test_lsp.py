"""`copyedit lsp` driven by a real LSP client (pytest-lsp) over standard I/O, in a subprocess.

One server, started as `python -m copyedit lsp` for a client with VS Code's capabilities, serves most of the module
(the model loads once); a second one, for a bare client (UTF-8 positions, no code-action resolving, no versioned
edits) with initialization options and a check that crashes on purpose, tests those, crash reports, shutdown and
exit. Fixed texts are compared with what the `copyedit fix` command writes.
"""

from __future__ import annotations

import asyncio
import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import pytest_lsp
from lsprotocol import types
from pygls.protocol import default_converter
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
#: Not the user's cache folder: the server writes its rule pages there.
CACHE = tempfile.mkdtemp(prefix="copyedit-lsp-cache-")
atexit.register(shutil.rmtree, CACHE, True)
ENV = {**os.environ, "XDG_CACHE_HOME": CACHE, "PYTHONUNBUFFERED": "1"}
PUBLISH = types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS

ARTICLE = """---
title: Reports suggest links between. Several firms
tags: [news]
---

# Talks stall after a hour of talks

Ministers met on Monday, and the the ministry said nothing.

```text
Reports suggest links between. Several firms and the ministry.
```

    Talks between. Berlin and Paris on the budget.

Inline `the the code` and [a link](https://example.org/a.b. C) stay as they are. People who lives near the airport
complained.
"""

#: A server whose engine fails on a text holding CRASH-ME, as a rule's bug would.
CRASHING = """
import copyedit.engine as engine
real = engine.check_text
def check_text(text, *args, **kwargs):
    if "CRASH-ME" in text:
        raise RuntimeError("a rule fell over")
    return real(text, *args, **kwargs)
engine.check_text = check_text
from copyedit.lsp import serve
serve()
"""

#: The tests that talk to a server share its event loop (the server lives as long as the module).
aio = pytest.mark.asyncio(loop_scope="module")


def make_client() -> LanguageClient:
    """pytest-lsp's client, also keeping every diagnostics notification with its document version."""
    client = LanguageClient(converter_factory=default_converter)
    client.published = []  # type: ignore[attr-defined]

    def publish(client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
        client.diagnostics[params.uri] = params.diagnostics
        client.published.append(params)  # type: ignore[attr-defined]

    def register(client: LanguageClient, params: types.RegistrationParams) -> None:
        client.registrations = [*getattr(client, "registrations", []), *params.registrations]

    features = {PUBLISH: publish, types.CLIENT_REGISTER_CAPABILITY: register}
    register_lsp_features(client, {**DEFAULT_CLIENT_FEATURES, **features})
    return client


async def start(client: LanguageClient, options: object = None, capabilities: types.ClientCapabilities | None = None):
    capabilities = capabilities or client_capabilities("visual-studio-code")
    params = types.InitializeParams(capabilities=capabilities, initialization_options=options)
    client.init_result = await client.initialize_session(params)  # type: ignore[attr-defined]
    client.ready_at_initialize = any("model ready" in m.message for m in client.log_messages)  # type: ignore
    yield
    if client._server is not None and client._server.returncode is None:
        await client.shutdown_session()


@pytest_lsp.fixture(
    scope="module",
    config=ClientServerConfig([sys.executable, "-m", "copyedit", "lsp"], client_factory=make_client, server_env=ENV),
)
async def client(lsp_client: LanguageClient):
    async for _ in start(lsp_client):
        yield


OPTIONS = {"copyedit": {"select": ["FRG", "ART", "POS", "TYP"], "ruleDocs": "https://example.org/rules#{anchor}"}}


@pytest_lsp.fixture(
    scope="module",
    config=ClientServerConfig([sys.executable, "-c", CRASHING], client_factory=make_client, server_env=ENV),
)
async def optioned(lsp_client: LanguageClient):
    # A bare client: UTF-8 positions, and no code-action resolving, versioned edits or configuration requests.
    general = types.GeneralClientCapabilities(position_encodings=[types.PositionEncodingKind.Utf8])
    async for _ in start(lsp_client, OPTIONS, types.ClientCapabilities(general=general)):
        yield


# Helpers ------------------------------------------------------------------------------------------------------

_COUNTER = iter(range(10**6))


def new_uri(suffix: str = ".txt", folder: Path | None = None) -> str:
    return ((folder or Path(CACHE)) / f"doc{next(_COUNTER)}{suffix}").as_uri()


async def published(client: LanguageClient, uri: str, version: int | None, after: int = 0, timeout: float = 60):
    """The first diagnostics for ``uri`` at ``version`` published after the ``after``-th notification."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        for p in client.published[after:]:  # type: ignore[attr-defined]
            if p.uri == uri and (version is None or p.version == version):
                return list(p.diagnostics)
        await asyncio.sleep(0.01)
    raise AssertionError(f"no diagnostics for {uri} version {version} within {timeout} s")


async def open_doc(client: LanguageClient, text: str, language: str = "plaintext", uri: str | None = None):
    uri = uri or new_uri(".md" if language == "markdown" else ".txt")
    after = len(client.published)  # type: ignore[attr-defined]
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text))
    )
    return uri, await published(client, uri, 1, after)


async def change(client: LanguageClient, uri: str, version: int, changes: list) -> list[types.Diagnostic]:
    after = len(client.published)  # type: ignore[attr-defined]
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version), content_changes=changes
        )
    )
    return await published(client, uri, version, after)


def utf16(s: str) -> int:
    return len(s.encode("utf-16-le")) // 2


def offset_of(text: str, pos: types.Position, encoding: str = "utf-16") -> int:
    """The character offset of an LSP position (columns in code units of ``encoding``; lines end with "\\n")."""
    lines = text.split("\n")
    line = lines[pos.line] if pos.line < len(lines) else ""
    start = sum(len(x) + 1 for x in lines[: pos.line])
    units = i = 0
    while i < len(line) and units < pos.character:
        units += utf16(line[i]) if encoding == "utf-16" else len(line[i].encode("utf-8"))
        i += 1
    return start + i


def edits_of(edit: types.WorkspaceEdit, uri: str, version: int | None = None) -> list[types.TextEdit]:
    """A workspace edit's edits to one document: versioned document changes where the client supports them."""
    if edit.document_changes is None:
        return list(edit.changes[uri])
    (change,) = edit.document_changes
    assert change.text_document.uri == uri and (version is None or change.text_document.version == version)
    return list(change.edits)


def apply(text: str, edit: types.WorkspaceEdit, uri: str, encoding: str = "utf-16") -> str:
    """What an editor does with a workspace edit of one document: non-overlapping edits, all at once."""
    spans = sorted(
        (offset_of(text, e.range.start, encoding), offset_of(text, e.range.end, encoding), e.new_text)
        for e in edits_of(edit, uri)
    )
    for start, end, new in reversed(spans):
        text = text[:start] + new + text[end:]
    return text


async def actions(client: LanguageClient, uri: str, text: str, only: list | None = None) -> list[types.CodeAction]:
    end = types.Position(line=len(text.split("\n")), character=0)
    params = types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri),
        range=types.Range(start=types.Position(line=0, character=0), end=end),
        context=types.CodeActionContext(diagnostics=[], only=only),
    )
    return list(await client.text_document_code_action_async(params) or [])


async def fix_all(client: LanguageClient, uri: str, text: str) -> str:
    found = await actions(client, uri, text, only=[types.CodeActionKind.SourceFixAll])
    if not found:
        return text
    (action,) = found
    resolved = await client.code_action_resolve_async(action)
    return apply(text, resolved.edit, uri)


@pytest.fixture(scope="module")
def cli_results(tmp_path_factory) -> dict[str, tuple[str, list[dict]]]:
    """`copyedit fix` and `copyedit check --format json`, the commands themselves, on each test text (the two at
    once, each in its own folder)."""
    texts = {p.name: p.read_text(encoding="utf-8") for p in SEEDS} | {"article.md": ARTICLE}
    runs = {}
    for command in (["check", "--format", "json"], ["fix"]):
        folder = tmp_path_factory.mktemp(command[0])
        for name, text in texts.items():
            (folder / name).write_text(text, encoding="utf-8")
        env = {**os.environ, "COPYEDIT_RUNTIME_DIR": str(folder)}  # no `copyedit server` answers for these
        argv = [sys.executable, "-m", "copyedit", *command, "--no-cache", "--jobs", "1", *texts]
        runs[command[0]] = (folder, subprocess.Popen(argv, cwd=folder, env=env, stdout=subprocess.PIPE))
    findings = json.loads(runs["check"][1].communicate(timeout=300)[0])["findings"]
    folder, fix = runs["fix"]
    fix.communicate(timeout=300)
    assert fix.returncode == 0
    return {n: ((folder / n).read_text(encoding="utf-8"), [f for f in findings if f["path"] == n]) for n in texts}


def as_cli(diagnostics: list[types.Diagnostic]) -> list[tuple]:
    return sorted((d.code, d.range.start.line + 1, d.range.start.character + 1, d.message) for d in diagnostics)


def cli_rows(findings: list[dict]) -> list[tuple]:
    return sorted((f["code"], f["span"]["line"], f["span"]["column"], f["message"]) for f in findings)


# Tests ----------------------------------------------------------------------------------------------------------


@aio
async def test_initialize_and_capabilities(client: LanguageClient) -> None:
    result = client.init_result  # type: ignore[attr-defined]
    caps = result.capabilities
    assert result.server_info.name == "copyedit"
    assert not client.ready_at_initialize  # type: ignore[attr-defined]  # the model loads after the answer
    assert caps.position_encoding == types.PositionEncodingKind.Utf16
    assert caps.text_document_sync.change == types.TextDocumentSyncKind.Incremental
    assert caps.text_document_sync.open_close and caps.text_document_sync.save
    assert caps.code_action_provider.resolve_provider
    assert set(caps.code_action_provider.code_action_kinds) == {"quickfix", "source.fixAll.copyedit"}


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
@aio
async def test_seed_diagnostics_are_the_cli_findings(client: LanguageClient, cli_results, seed: Path) -> None:
    text = seed.read_text(encoding="utf-8")
    _, diagnostics = await open_doc(client, text)
    assert as_cli(diagnostics) == cli_rows(cli_results[seed.name][1])
    severities = {d.code: d.severity for d in diagnostics}
    assert severities["FRG001" if "FRG001" in severities else "HDL001"] == types.DiagnosticSeverity.Error
    assert severities["STY002"] == types.DiagnosticSeverity.Information
    for d in diagnostics:
        page = Path(d.code_description.href.removeprefix("file://"))
        assert page.name == f"{d.code}.md" and f"## {d.code}\n" in page.read_text(encoding="utf-8")
    assert all(d.source == "copyedit" for d in diagnostics)


@aio
async def test_markdown_code_and_front_matter_are_not_checked(client: LanguageClient, cli_results) -> None:
    _, diagnostics = await open_doc(client, ARTICLE, "markdown")
    assert as_cli(diagnostics) == cli_rows(cli_results["article.md"][1])
    assert {"ART001", "TYP001"} <= {d.code for d in diagnostics}  # the heading and the first paragraph
    lines = ARTICLE.split("\n")
    prose = {i for i, line in enumerate(lines) if line.startswith(("#", "Ministers", "Inline", "complained"))}
    assert {d.range.start.line for d in diagnostics} <= prose


@aio
async def test_other_languages_are_left_alone(client: LanguageClient) -> None:
    python = new_uri(".py")
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(python, "python", 1, "x = 'the the'\n"))
    )
    await open_doc(client, "Talks between. Berlin and Paris on the budget.\n")  # checked after the first
    assert python not in client.diagnostics


@aio
async def test_positions_count_utf16_code_units(client: LanguageClient) -> None:
    prefix = "Café 😀 «Talks» — "
    text = prefix + "Talks between. Berlin and Paris on the budget.\n"
    uri, diagnostics = await open_doc(client, text)
    (frg,) = [d for d in diagnostics if d.code == "FRG001"]
    start = text.index(". Berlin")
    assert frg.range.start == types.Position(line=0, character=utf16(text[:start]))
    assert utf16(text[:start]) == start + 1  # the emoji is two UTF-16 code units
    # An incremental change inserting a second emoji (and an accented word) before it moves it by 2 + 7 units.
    at = types.Position(line=0, character=utf16("Café "))
    insert = types.TextDocumentContentChangePartial(range=types.Range(start=at, end=at), text="🎉 Zürich ")
    diagnostics = await change(client, uri, 2, [insert])
    (moved,) = [d for d in diagnostics if d.code == "FRG001"]
    assert moved.range.start.character == frg.range.start.character + 2 + len("Zürich ") + 1
    # The quick fix's edit is in the same units: applied, it gives the fixed sentence.
    new_text = text.replace("Café ", "Café 🎉 Zürich ")
    (fix,) = [a for a in await actions(client, uri, new_text) if a.title.startswith("Fix") and "FRG001" in a.title]
    assert apply(new_text, fix.edit, uri).endswith("Talks between Berlin and Paris on the budget.\n")


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name)
@aio
async def test_fix_all_is_copyedit_fix(client: LanguageClient, cli_results, seed: Path) -> None:
    text = seed.read_text(encoding="utf-8")
    uri, _ = await open_doc(client, text)
    fixed = await fix_all(client, uri, text)
    assert fixed == cli_results[seed.name][0] != text


@aio
async def test_fix_all_markdown_is_copyedit_fix(client: LanguageClient, cli_results) -> None:
    uri, _ = await open_doc(client, ARTICLE, "markdown")
    (action,) = await actions(client, uri, ARTICLE, only=[types.CodeActionKind.SourceFixAll])
    assert action.title == "Fix all safe findings in this file" and action.kind == "source.fixAll.copyedit"
    assert await fix_all(client, uri, ARTICLE) == cli_results["article.md"][0]


@pytest.mark.parametrize("seed", SEEDS[:1], ids=lambda p: p.name)
@aio
async def test_quick_fixes_one_by_one_give_copyedit_fix(client: LanguageClient, cli_results, seed: Path) -> None:
    text = seed.read_text(encoding="utf-8")
    uri, _diagnostics = await open_doc(client, text)
    version = 1
    for _ in range(30):
        fixes = [a for a in await actions(client, uri, text, only=["quickfix"]) if a.is_preferred]
        if not fixes:
            break
        action = fixes[0]
        assert action.title.startswith("Fix: ") and action.title.endswith(f"({action.diagnostics[0].code})")
        assert edits_of(action.edit, uri, version)  # tied to the version it was made for
        text = apply(text, action.edit, uri)
        version += 1
        await change(client, uri, version, [types.TextDocumentContentChangeWholeDocument(text=text)])
    assert text == cli_results[seed.name][0]


@aio
async def test_unsafe_fix_is_marked_and_left_out_of_fix_all(client: LanguageClient) -> None:
    text = "Police have not released the victims names.\n"
    uri, diagnostics = await open_doc(client, text)
    assert [d.code for d in diagnostics] == ["POS002"]
    (fix,) = [a for a in await actions(client, uri, text) if a.title.startswith("Fix")]
    assert fix.title == "Fix (unsafe): “victims” → “victims'” (POS002)" and not fix.is_preferred
    assert apply(text, fix.edit, uri) == "Police have not released the victims' names.\n"
    assert await actions(client, uri, text, only=[types.CodeActionKind.SourceFixAll]) == []


@aio
async def test_ignore_here_writes_the_suppression_comment(client: LanguageClient) -> None:
    text = "# Budget\n\nTalks between. Berlin and Paris on the budget.\n\nMinisters met, and the the talks ended.\n"
    uri, diagnostics = await open_doc(client, text, "markdown")
    assert sorted(d.code for d in diagnostics) == ["FRG001", "TYP001"]
    (ignore,) = [a for a in await actions(client, uri, text) if a.title == "Ignore FRG001 here"]
    new_text = apply(text, ignore.edit, uri)
    assert new_text == text.replace("Talks", "<!-- copyedit: ignore FRG001 -->\nTalks", 1)
    diagnostics = await change(client, uri, 2, [types.TextDocumentContentChangeWholeDocument(text=new_text)])
    assert [d.code for d in diagnostics] == ["TYP001"]  # silenced, and not reported as unused (SUP001)
    plain_uri, _ = await open_doc(client, "Talks between. Berlin and Paris on the budget.\n")
    assert not [a for a in await actions(client, plain_uri, text) if a.title.startswith("Ignore")]


@aio
async def test_save_rechecks_and_close_clears(client: LanguageClient) -> None:
    uri, diagnostics = await open_doc(client, "Ministers met, and the the talks ended.\n")
    assert [d.code for d in diagnostics] == ["TYP001"]
    after = len(client.published)  # type: ignore[attr-defined]
    client.text_document_did_save(types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(uri)))
    assert [d.code for d in await published(client, uri, 1, after)] == ["TYP001"]
    after = len(client.published)  # type: ignore[attr-defined]
    client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri)))
    assert await published(client, uri, None, after) == []


@aio
async def test_project_configuration_is_read_and_reloaded(client: LanguageClient, tmp_path: Path) -> None:
    folder = tmp_path / "news" / "2026"
    folder.mkdir(parents=True)
    (tmp_path / ".copyedit.toml").write_text('ignore = ["TYP"]\n', encoding="utf-8")
    text = "Talks between. Berlin and Paris on the budget, and the the talks ended.\n"
    uri, diagnostics = await open_doc(client, text, uri=(folder / "story.txt").as_uri())
    assert [d.code for d in diagnostics] == ["FRG001"]
    watched = [r for r in client.registrations if r.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES]  # type: ignore
    assert watched, "the server asks the client to watch configuration files"
    # The file changes; the client's file watcher says so: the document is checked again under the new settings.
    (tmp_path / ".copyedit.toml").write_text('ignore = ["FRG"]\n', encoding="utf-8")
    after = len(client.published)  # type: ignore[attr-defined]
    event = types.FileEvent(uri=(tmp_path / ".copyedit.toml").as_uri(), type=types.FileChangeType.Changed)
    client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=[event]))
    assert [d.code for d in await published(client, uri, 1, after)] == ["TYP001"]
    # Without a watcher, the next check notices the change itself.
    (tmp_path / ".copyedit.toml").write_text("select = []\n", encoding="utf-8")
    edit = types.TextDocumentContentChangeWholeDocument(text=text + "\n")
    assert sorted(d.code for d in await change(client, uri, 2, [edit])) == ["FRG001", "TYP001"]
    # A broken file is one diagnostic naming it and the key.
    (tmp_path / ".copyedit.toml").write_text("selcet = []\n", encoding="utf-8")
    (problem,) = await change(client, uri, 3, [types.TextDocumentContentChangeWholeDocument(text=text)])
    assert "selcet" in problem.message and ".copyedit.toml" in problem.message


@aio
async def test_client_settings_change(client: LanguageClient) -> None:
    text = "Talks between. Berlin and Paris on the budget, and the the talks ended.\n"
    uri, diagnostics = await open_doc(client, text)
    assert sorted(d.code for d in diagnostics) == ["FRG001", "TYP001"]
    try:
        after = len(client.published)  # type: ignore[attr-defined]
        settings = {"copyedit": {"select": ["TYP"]}}
        client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=settings))
        assert [d.code for d in await published(client, uri, 1, after)] == ["TYP001"]
        after = len(client.published)  # type: ignore[attr-defined]
        settings = {"copyedit": {"select": [], "ignore": ["TYP"], "unsafe-fixes": True}}
        client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=settings))
        assert [d.code for d in await published(client, uri, 1, after)] == ["FRG001"]
        (action,) = await actions(client, uri, text, only=[types.CodeActionKind.SourceFixAll])
        assert action.title == "Fix all findings in this file (unsafe fixes too)"
    finally:
        reset = {"copyedit": {"select": [], "ignore": [], "unsafe-fixes": None}}
        client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings=reset))


@aio
async def test_initialization_options_and_a_bare_client(optioned: LanguageClient) -> None:
    text = "Zürich 😀: Talks between. Berlin and Paris on the budget.\n\nIn conclusion, the the plan failed.\n"
    uri, diagnostics = await open_doc(optioned, text, language="text")  # plain text as Neovim and Helix name it
    assert sorted(d.code for d in diagnostics) == ["FRG001", "TYP001"]  # STY is not selected
    frg = next(d for d in diagnostics if d.code == "FRG001")
    assert frg.code_description.href == "https://example.org/rules#frg001"
    # This client offered only UTF-8 positions: columns count bytes.
    assert optioned.init_result.capabilities.position_encoding == types.PositionEncodingKind.Utf8
    assert frg.range.start.character == len(text[: text.index(". Berlin")].encode("utf-8"))
    # Without codeAction/resolve the fix-all action comes with its edit; without versioned edits, as `changes`.
    (action,) = await actions(optioned, uri, text, only=[types.CodeActionKind.SourceFixAll])
    assert action.edit.document_changes is None and len(action.edit.changes[uri]) == 2  # two changed lines
    fixed = "Zürich 😀: Talks between Berlin and Paris on the budget.\n\nIn conclusion, the plan failed.\n"
    assert apply(text, action.edit, uri, "utf-8") == fixed


@aio
async def test_a_crash_is_logged_and_the_server_goes_on(optioned: LanguageClient) -> None:
    uri = new_uri()
    optioned.text_document_did_open(
        types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "plaintext", 1, "CRASH-ME and the the.\n"))
    )
    _, diagnostics = await open_doc(optioned, "Ministers met, and the the talks ended.\n")
    assert [d.code for d in diagnostics] == ["TYP001"]
    errors = [m.message for m in optioned.log_messages if m.type == types.MessageType.Error]
    assert any(uri in m and "a rule fell over" in m for m in errors)


@aio
async def test_shutdown_and_exit(optioned: LanguageClient) -> None:
    await optioned.shutdown_session()
    assert optioned._server.returncode == 0


# The server's pieces, without a server ------------------------------------------------------------------------


def test_positions_follow_lsp_lines_and_units() -> None:
    from copyedit.lsp.documents import Positions

    text = "a😀b\r\nc\rd\u2028e\nf"  # LSP ends lines at \r\n, \r and \n only, not at U+2028
    at = Positions(text)
    assert at.position(text.index("b")) == types.Position(line=0, character=3)
    assert at.position(text.index("c")) == types.Position(line=1, character=0)
    assert at.position(text.index("e")) == types.Position(line=2, character=2)
    assert at.position(text.index("f")) == types.Position(line=3, character=0)
    assert Positions(text, "utf-8").position(text.index("b")).character == 5
    assert Positions(text, "utf-32").position(text.index("b")).character == 2
    for offset in range(len(text) + 1):
        if text[offset - 1 : offset + 1] != "\r\n" and not "\ud800" <= text[offset - 1 : offset] <= "\udfff":
            assert at.offset(at.position(offset)) == offset
    assert at.offset(types.Position(line=0, character=99)) == text.index("\r")  # past the end: the line's end
    assert at.offset(types.Position(line=9, character=0)) == len(text)


def test_fix_titles_and_settings() -> None:
    from copyedit.lsp.actions import fix_title
    from copyedit.lsp.documents import Settings, read_settings
    from copyedit.model import Edit, Finding, Safety

    text = "Reports suggest links between. Several firms and the ministry."
    at = text.index(". S")
    finding = Finding("FRG001", "x", at, at + 3, "m", (Edit(at, at + 3, " s"),))
    assert fix_title(finding, text) == "Fix: “between. Several” → “between several” (FRG001)"
    unsafe = Finding("FRG001", "x", at, at + 3, "m", (Edit(at, at + 3, " s"),), Safety.UNSAFE)
    assert fix_title(unsafe, text).startswith("Fix (unsafe): ")
    shown = Finding("FRG001", "x", at, at + 3, "m", (Edit(at, at + 3, " s"),), Safety.DISPLAY)
    assert fix_title(shown, text).startswith("Suggestion: ")
    settings, problems = read_settings({"copyedit": {"select": ["frg"], "unsafeFixes": True, "colour": 1}}, Settings())
    assert (settings.select, settings.unsafe_fixes, len(problems)) == (("FRG",), True, 1)
    assert read_settings({"ignore": ["STY"], "debounce": 0}, settings)[0] == Settings(
        select=("FRG",), ignore=("STY",), unsafe_fixes=True, debounce=0
    )
