"""`copyedit lsp`: copyedit's findings in the editor, over the Language Server Protocol on standard I/O (pygls).

Markdown and plain-text documents are checked on open, on change (debounced) and on save; each finding is a
diagnostic, each fix a quick fix, "fix all" a source action that gives exactly what `copyedit fix` gives, and in
Markdown "Ignore CODE here" writes the documented suppression comment. The spaCy model loads once, in the
background, and every check runs on one worker thread, one at a time: the engine's caches (the parse of each
block, by its text) are not shared between threads, and they are what makes a re-check after an edit cheap, since
only the blocks whose text changed are parsed again. Settings come from the document's `.copyedit.toml` or
`[tool.copyedit]` (re-read when it changes) and from the client (`select`, `ignore`, `unsafe-fixes`).

- documents.py: what the client sends (documents, positions in them, settings);
- server.py: the server, its checks and the protocol's features;
- actions.py: the code actions.
"""

from __future__ import annotations

from copyedit.lsp.server import serve

__all__ = ["serve"]
