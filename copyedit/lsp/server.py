"""The language server: open documents, their checks on one worker thread, diagnostics, and the LSP features."""

from __future__ import annotations

import asyncio
import hashlib
import os
import sys
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from lsprotocol import types
from pygls.lsp.server import LanguageServer

from copyedit import __version__, config, engine
from copyedit.lsp.actions import FIX_ALL, QUICK_FIX, code_actions, fix_all_edit
from copyedit.lsp.documents import LANGUAGES, Document, Positions, Settings, read_settings
from copyedit.model import Finding, Severity

SEVERITY = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.SUGGESTION: types.DiagnosticSeverity.Information,
}


@dataclass(frozen=True)
class Checked:
    """One check of one text: its findings and what was needed to make them, for quick fixes and fix-all."""

    text: str
    version: int | None
    findings: tuple[Finding, ...]
    rules: tuple[engine.Rule, ...] = ()
    config: config.Config = field(default_factory=config.Config)
    unsafe: bool = False
    #: The configuration file could not be used: this line, as one diagnostic, instead of findings.
    error: str | None = None


class CopyeditServer(LanguageServer):
    """The server's state: open documents, their latest checks and the one thread that runs the engine."""

    def __init__(self) -> None:
        super().__init__("copyedit", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.documents: dict[str, Document] = {}
        self.checked: dict[str, Checked] = {}
        self.pending: dict[str, asyncio.Task] = {}
        self.settings = Settings()
        self.stamps: dict[str, tuple] = {}
        self.started = time.monotonic()
        self.docs_folder: Path | None = None
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="copyedit-check")
        self.ready = self.worker.submit(self._start)

    def _start(self) -> str | None:
        """Runs first on the worker thread: the model, the rules' pages, a first run of every rule."""
        from copyedit import nlp

        nlp.load()  # without the model nothing can be checked: every check reports this error
        self.docs_folder = _rule_pages()
        return _warm_up()

    def encoding(self) -> str:
        """The position encoding agreed with the client ("utf-16" unless it offered another)."""
        encoding = self.workspace.position_encoding or "utf-16"
        return str(getattr(encoding, "value", encoding))

    def log(self, message: str, kind: types.MessageType = types.MessageType.Info) -> None:
        self.window_log_message(types.LogMessageParams(type=kind, message=message))

    def schedule(self, uri: str, delay: float = 0.0) -> None:
        """Check ``uri`` once ``delay`` seconds pass without another change (a newer request replaces this one)."""
        doc = self.documents.get(uri)
        if doc is None or doc.markup is None:
            return
        old = self.pending.pop(uri, None)
        if old is not None:
            old.cancel()
        self.pending[uri] = asyncio.ensure_future(self._check_later(doc, delay))

    async def _check_later(self, doc: Document, delay: float) -> None:
        await asyncio.sleep(delay)
        checked = await self.fresh(doc.uri)
        if checked is not None and self.documents.get(doc.uri) is doc and doc.text == checked.text:
            self.publish(doc, checked)

    async def fresh(self, uri: str) -> Checked | None:
        """The check of the document's current text: the latest one if the text is unchanged, else a new one."""
        doc = self.documents.get(uri)
        if doc is None or doc.markup is None:
            return None
        latest = self.checked.get(uri)
        if not self._config_changed(doc) and latest is not None and latest.text == doc.text:
            return latest
        text, version, markup = doc.text, doc.version, doc.markup
        try:
            checked = await asyncio.wrap_future(self.worker.submit(self._check, doc, text, version, markup))
        except Exception as e:  # a crash in one check must not stop the server
            self.log(f"copyedit: checking {uri} failed: {e!r}\n{traceback.format_exc()}", types.MessageType.Error)
            return None
        if self.documents.get(uri) is doc:
            self.checked[uri] = checked
        return checked

    async def current(self, uri: str) -> Checked | None:
        """The check of the document's current text for a request (a code action): the scheduled check, once it
        has run, rather than one more check of each keystroke's text (editors ask for code actions as the cursor
        moves, while the debounce is still waiting)."""
        while (task := self.pending.get(uri)) is not None and not task.done():
            await asyncio.wait({task})  # a newer change may replace it (cancelled): then wait for that one
        return await self.fresh(uri)

    def _check(self, doc: Document, text: str, version: int | None, markup: str) -> Checked:
        """Runs on the worker thread: the findings for one text, with the settings that govern the document."""
        self.ready.result()  # the model, or the reason it could not be loaded
        name = doc.path or "-"
        try:
            cfg = config.for_path(name) if doc.path else config.for_folder(self.workspace.root_path or os.getcwd())
        except config.ConfigError as e:
            return Checked(text, version, (), error=f"copyedit: {e}")
        select, ignore = cfg.selected(self.settings.select, self.settings.ignore + cfg.ignored_for(name))
        rules = engine.select_rules(select, ignore)
        unsafe = cfg.unsafe_fixes if self.settings.unsafe_fixes is None else self.settings.unsafe_fixes
        findings = engine.check_text(text, markup, rules, cfg)
        return Checked(text, version, tuple(findings), rules, cfg, unsafe)

    def _config_changed(self, doc: Document) -> bool:
        """Whether a configuration file above the document appeared, changed or went since its last check (a few
        `stat` calls; the configuration is then read again)."""
        folder = os.path.dirname(doc.path) if doc.path else (self.workspace.root_path or os.getcwd())
        stamp = []
        for d in (Path(folder), *Path(folder).parents):
            for name in config.FILE_NAMES:
                try:
                    st = os.stat(d / name)
                except OSError:
                    continue
                stamp.append((str(d / name), st.st_mtime_ns, st.st_size))
        if self.stamps.get(folder) == tuple(stamp):
            return False
        self.stamps[folder] = tuple(stamp)
        config.for_folder.cache_clear()
        return True

    def publish(self, doc: Document, checked: Checked) -> None:
        at = Positions(checked.text, self.encoding())
        if checked.error is not None:
            problem = types.Diagnostic(
                range=at.range(0, 0), message=checked.error, severity=types.DiagnosticSeverity.Error, source="copyedit"
            )
            diagnostics = [problem]
        else:
            diagnostics = [self.diagnostic(f, at) for f in checked.findings]
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=doc.uri, diagnostics=diagnostics, version=checked.version)
        )

    def diagnostic(self, f: Finding, at: Positions) -> types.Diagnostic:
        href = self.rule_href(f.code)
        return types.Diagnostic(
            range=at.range(f.start, f.end),
            message=f.message,
            severity=SEVERITY.get(f.severity, types.DiagnosticSeverity.Warning),
            code=f.code,
            code_description=types.CodeDescription(href=href) if href else None,
            source="copyedit",
        )

    def rule_href(self, code: str) -> str | None:
        """Where a rule's documentation is: the client's `ruleDocs` template, else a page of the installed rules
        written once to the user's cache folder (the same text as `copyedit rule CODE` and docs/rules.md)."""
        if self.settings.rule_docs:
            return self.settings.rule_docs.replace("{code}", code).replace("{anchor}", code.lower())
        if self.docs_folder is None:
            return None
        return (self.docs_folder / f"{code}.md").as_uri()

    def recheck_all(self) -> None:
        for uri in list(self.documents):
            self.schedule(uri)


def _warm_up() -> str | None:
    """Run every rule once on its own examples (lemminflect's tables, the rule data), so that the first check of
    a document is as fast as the next; a rule that fails here is reported, and fails again in the checks that
    reach it."""
    examples = [ex.text for r in engine.catalogue().values() for ex in r.examples if ex.markup == "text"]
    try:
        engine.check_text("\n\n".join(examples))
    except Exception as e:
        return f"copyedit: warming up failed: {e!r}\n{traceback.format_exc()}"
    return None


def _rule_pages() -> Path | None:
    """A folder of one Markdown page per rule, for diagnostics' links; named by a hash of the pages, so
    installations with different rules never share one."""
    from copyedit.report import rules_markdown

    pages = {code: rules_markdown([r]) for code, r in engine.catalogue().items()}
    key = hashlib.sha256("".join(pages.values()).encode()).hexdigest()[:12]
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    folder = cache / "copyedit" / f"rules-{key}"
    try:
        if not (folder / ".done").is_file():
            folder.mkdir(parents=True, exist_ok=True)
            for code, text in pages.items():
                (folder / f"{code}.md").write_text(text, encoding="utf-8")
            (folder / ".done").touch()
    except OSError:
        return None  # diagnostics go without links
    return folder


def build() -> CopyeditServer:
    """The server with its features: documents, configuration and code actions."""
    ls = CopyeditServer()

    @ls.feature(types.INITIALIZE)
    def initialize(ls: CopyeditServer, params: types.InitializeParams) -> None:
        _apply_settings(ls, params.initialization_options)  # before any document is checked

    @ls.feature(types.INITIALIZED)
    async def initialized(ls: CopyeditServer, params: types.InitializedParams) -> None:
        try:
            problem = await asyncio.wrap_future(ls.ready)
        except Exception as e:  # no model: say so once, in the editor's own words
            message = f"copyedit cannot check documents: {e}"
            ls.window_show_message(types.ShowMessageParams(type=types.MessageType.Error, message=message))
            return
        if problem:
            ls.log(problem, types.MessageType.Error)
        ls.log(f"copyedit {__version__}: model ready, {time.monotonic() - ls.started:.1f} s after start-up")
        _warn_unknown_codes(ls)
        await _watch_configuration(ls)

    @ls.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: CopyeditServer, params: types.DidOpenTextDocumentParams) -> None:
        item = params.text_document
        ls.documents[item.uri] = Document(item.uri, item.text, item.version, LANGUAGES.get(item.language_id))
        ls.schedule(item.uri)

    @ls.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: CopyeditServer, params: types.DidChangeTextDocumentParams) -> None:
        doc = ls.documents.get(params.text_document.uri)
        if doc is None:
            return
        text = doc.text
        for change in params.content_changes:
            if isinstance(change, types.TextDocumentContentChangePartial):
                at = Positions(text, ls.encoding())
                text = text[: at.offset(change.range.start)] + change.text + text[at.offset(change.range.end) :]
            else:
                text = change.text
        # A new Document, so a check of the old text in flight is not taken for this one's.
        ls.documents[doc.uri] = Document(doc.uri, text, params.text_document.version, doc.markup)
        ls.schedule(doc.uri, ls.settings.debounce)

    @ls.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: CopyeditServer, params: types.DidSaveTextDocumentParams) -> None:
        if os.path.basename(urlparse(params.text_document.uri).path) in config.FILE_NAMES:
            ls.recheck_all()  # a configuration file edited in the editor itself
        else:
            ls.schedule(params.text_document.uri)

    @ls.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: CopyeditServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        task = ls.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        ls.checked.pop(uri, None)
        if ls.documents.pop(uri, None) is not None:
            ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @ls.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def did_change_configuration(ls: CopyeditServer, params: types.DidChangeConfigurationParams) -> None:
        settings = params.settings
        if not settings and _pulls_configuration(ls):
            item = types.ConfigurationItem(section="copyedit")
            answer = await ls.workspace_configuration_async(types.ConfigurationParams(items=[item]))
            settings = answer[0] if answer else None
        _apply_settings(ls, settings)
        if ls.ready.done() and ls.ready.exception() is None:
            _warn_unknown_codes(ls)  # else `initialized` will, once the rules are loaded
        ls.checked.clear()
        ls.recheck_all()

    @ls.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def did_change_watched_files(ls: CopyeditServer, params: types.DidChangeWatchedFilesParams) -> None:
        config.for_folder.cache_clear()
        ls.stamps.clear()
        ls.checked.clear()
        ls.recheck_all()

    @ls.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[QUICK_FIX, FIX_ALL], resolve_provider=True),
    )
    async def code_action(ls: CopyeditServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        return await code_actions(ls, params)

    @ls.feature(types.CODE_ACTION_RESOLVE)
    async def resolve(ls: CopyeditServer, action: types.CodeAction) -> types.CodeAction:
        data = action.data if isinstance(action.data, dict) else {}
        if action.kind == FIX_ALL and data.get("uri") in ls.documents:
            action.edit = await fix_all_edit(ls, data["uri"])
        return action

    @ls.feature(types.SHUTDOWN)
    def shutdown(ls: CopyeditServer, params: None) -> None:
        for task in ls.pending.values():
            task.cancel()
        ls.worker.shutdown(wait=False, cancel_futures=True)

    return ls


def _apply_settings(ls: CopyeditServer, raw: object) -> None:
    ls.settings, problems = read_settings(raw, ls.settings)
    for line in problems:
        ls.log(line, types.MessageType.Warning)


def _warn_unknown_codes(ls: CopyeditServer) -> None:
    """One warning for the client's codes that match no rule (once the worker has loaded the rules: importing
    them on the event loop as well would race it)."""
    codes = tuple(engine.catalogue()) if ls.settings.select or ls.settings.ignore else ()
    unknown = [p for p in ls.settings.select + ls.settings.ignore if not any(c.startswith(p) for c in codes)]
    if unknown:
        ls.log(f"copyedit: {', '.join(unknown)}: no such rule; `copyedit rules` lists them", types.MessageType.Warning)


def _pulls_configuration(ls: CopyeditServer) -> bool:
    workspace = ls.client_capabilities.workspace
    return bool(workspace and workspace.configuration)


async def _watch_configuration(ls: CopyeditServer) -> None:
    """Ask the client to tell us when a configuration file changes, where it can (the checks also notice a
    change themselves, but only when the document is checked again)."""
    workspace = ls.client_capabilities.workspace
    watched = workspace.did_change_watched_files if workspace else None
    if not (watched and watched.dynamic_registration):
        return
    watchers = [types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in config.FILE_NAMES]
    options = types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers)
    registration = types.Registration(
        id="copyedit-config", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES, register_options=options
    )
    try:
        await ls.client_register_capability_async(types.RegistrationParams(registrations=[registration]))
    except Exception as e:  # a client that refuses: the checks still notice changes
        ls.log(f"copyedit: could not watch configuration files: {e}", types.MessageType.Warning)


def serve() -> None:
    """Serve on standard input and output until the client says exit (or goes away)."""
    stdout = sys.stdout.buffer
    sys.stdout = sys.stderr  # nothing but the protocol may reach the client's pipe
    build().start_io(sys.stdin.buffer, stdout)
