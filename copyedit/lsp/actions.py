"""Code actions: each finding's fix, "Ignore CODE here" in Markdown, and fix-all as `copyedit fix` does it."""

from __future__ import annotations

import asyncio
import difflib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from lsprotocol import types

from copyedit import engine
from copyedit.lsp.documents import Positions
from copyedit.model import Edit, Finding, Safety
from copyedit.patch import apply_edits

if TYPE_CHECKING:
    from copyedit.lsp.server import CopyeditServer

#: The source action that applies what `copyedit fix` would (editors run `source.fixAll` on save on request).
FIX_ALL = f"{types.CodeActionKind.SourceFixAll.value}.copyedit"
QUICK_FIX = types.CodeActionKind.QuickFix.value


def fix_title(f: Finding, text: str) -> str:
    """ "Fix: “that. Officials” → “that officials” (FRG001)": the words the fix touches, before and after; an
    unsafe fix says so, and a rule's only-suggested fix (display-only, never applied by `fix`) is a suggestion."""
    first, last = min(e.start for e in f.edits), max(e.end for e in f.edits)
    lo, hi = first, last
    while lo > 0 and not text[lo - 1].isspace() and first - lo < 30:
        lo -= 1
    while hi < len(text) and not text[hi].isspace() and hi - last < 30:
        hi += 1
    before = text[lo:hi]
    after = apply_edits(before, [Edit(e.start - lo, e.end - lo, e.replacement) for e in f.edits])
    kind = {Safety.SAFE: "Fix", Safety.UNSAFE: "Fix (unsafe)"}.get(f.safety, "Suggestion")
    return f"{kind}: “{_short(before)}” → “{_short(after)}” ({f.code})"


def _short(s: str, most: int = 60) -> str:
    s = " ".join(s.split())
    return s if len(s) <= most else s[: most // 2 - 1] + "…" + s[-(most // 2 - 1) :]


def text_edits(old: str, new: str, at: Positions) -> list[types.TextEdit]:
    """Edits that turn ``old`` into ``new``, one per changed run of lines, so the editor keeps the rest of the
    buffer (cursor, marks, folds) as it was."""
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    old_starts = [0]
    for line in old_lines:
        old_starts.append(old_starts[-1] + len(line))
    edits = []
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            rng = at.range(old_starts[i1], old_starts[i2])
            edits.append(types.TextEdit(range=rng, new_text="".join(new_lines[j1:j2])))
    return edits


def ignore_comment(text: str, block_start: int, code: str) -> tuple[int, str]:
    """Where to insert the suppression comment for a finding in the block at ``block_start``, and the line to
    insert: before the block's first line, indented as that line is when it is indented with spaces alone."""
    line_start = max(text.rfind("\n", 0, block_start), text.rfind("\r", 0, block_start)) + 1
    lead = text[line_start:block_start]
    indent = lead if lead.strip(" \t") == "" else ""
    newline = "\r\n" if "\r\n" in text else "\n"
    return line_start, f"{indent}<!-- copyedit: ignore {code} -->{newline}"


def workspace_edit(
    ls: CopyeditServer, uri: str, version: int | None, edits: list[types.TextEdit]
) -> types.WorkspaceEdit:
    """The edits for the client to apply: tied to the document's version where the client supports that, so an
    edit made for text that has changed since is refused rather than applied to the wrong words."""
    caps = ls.client_capabilities.workspace
    versioned = caps and caps.workspace_edit and caps.workspace_edit.document_changes
    if not versioned:
        return types.WorkspaceEdit(changes={uri: edits})
    document = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
    return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(text_document=document, edits=edits)])


def wanted(kind: str, only: Iterable[str] | None) -> bool:
    """Whether a code action of ``kind`` is among the kinds the client asked for (a kind covers its sub-kinds)."""
    return only is None or any(kind == k or kind.startswith(k + ".") for k in only)


async def code_actions(ls: CopyeditServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    """The actions for the findings that meet the requested range, and fix-all when anything can be fixed; the
    kinds the client asked for only."""
    uri = params.text_document.uri
    checked = await ls.current(uri)
    doc = ls.documents.get(uri)
    if checked is None or doc is None or checked.text != doc.text or checked.error is not None:
        return []
    at = Positions(checked.text, ls.encoding())
    lo, hi = at.offset(params.range.start), at.offset(params.range.end)
    only = [str(k) for k in params.context.only] if params.context.only else None
    actions: list[types.CodeAction] = []
    here = [f for f in checked.findings if f.start <= hi and lo <= f.end]
    blocks = None
    for f in here:
        diagnostic = ls.diagnostic(f, at)
        if f.edits and wanted(QUICK_FIX, only):
            edits = [types.TextEdit(range=at.range(e.start, e.end), new_text=e.replacement) for e in f.edits]
            actions.append(
                types.CodeAction(
                    title=fix_title(f, checked.text),
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic],
                    is_preferred=f.safety is Safety.SAFE,
                    edit=workspace_edit(ls, uri, checked.version, edits),
                )
            )
        if doc.markup == "markdown" and f.code != engine.UNUSED_SUPPRESSION and wanted(QUICK_FIX, only):
            if blocks is None:
                blocks = await asyncio.wrap_future(ls.worker.submit(_block_starts, checked.text))
            start = max((b for b in blocks if b <= f.start), default=0)
            offset, line = ignore_comment(checked.text, start, f.code)
            insert = types.TextEdit(range=at.range(offset, offset), new_text=line)
            actions.append(
                types.CodeAction(
                    title=f"Ignore {f.code} here",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic],
                    edit=workspace_edit(ls, uri, checked.version, [insert]),
                )
            )
    if wanted(FIX_ALL, only) and any(engine.applicable(f, checked.unsafe) for f in checked.findings):
        title = "Fix all findings in this file (unsafe fixes too)" if checked.unsafe else None
        action = types.CodeAction(
            title=title or "Fix all safe findings in this file",
            kind=FIX_ALL,
            data={"uri": uri},
        )
        if not _resolves_edits(ls):
            action.edit = await fix_all_edit(ls, uri)
        actions.append(action)
    return actions


def _block_starts(text: str) -> list[int]:
    from copyedit.markup import prose_view

    return [b.start for b in prose_view(text, "markdown").blocks]


def _resolves_edits(ls: CopyeditServer) -> bool:
    """Whether the client asks for a code action's edit only when it is chosen (`codeAction/resolve`)."""
    caps = ls.client_capabilities.text_document
    support = caps.code_action.resolve_support if caps and caps.code_action else None
    return bool(support and "edit" in support.properties)


async def fix_all_edit(ls: CopyeditServer, uri: str) -> types.WorkspaceEdit | None:
    """What `copyedit fix` (with `--unsafe-fixes` if the settings say so) would do to the document, as edits."""
    checked = await ls.current(uri)
    if checked is None or checked.error is not None:
        return None
    c = checked
    result = await asyncio.wrap_future(
        ls.worker.submit(engine.fix_text, c.text, ls.documents[uri].markup, c.unsafe, c.rules, c.config)
    )
    return workspace_edit(ls, uri, c.version, text_edits(c.text, result.text, Positions(c.text, ls.encoding())))
