"""What the client sends: open documents, positions in them, and its settings for copyedit."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from lsprotocol import types
from pygls.uris import to_fs_path

#: Language ids checked, and the markup each is read as; documents in any other language are left alone. "text" is
#: plain text as Neovim, Helix and Eglot name it by default (from the file type or major mode).
LANGUAGES = {"markdown": "markdown", "plaintext": "text", "text": "text"}
#: Seconds without a change before a changed document is checked (`debounce` in the client's options, in ms).
DEBOUNCE = 0.05
_BREAK = re.compile(r"\r\n|\r|\n")
_UNITS: dict[str, Callable[[str], int]] = {
    "utf-8": lambda s: len(s.encode("utf-8", "surrogatepass")),
    "utf-16": lambda s: len(s.encode("utf-16-le", "surrogatepass")) // 2,
    "utf-32": len,
}


class Positions:
    """Character offsets of a text to LSP positions and back. LSP lines end at "\\n", "\\r\\n" or "\\r" only
    (not at the other breaks `str.splitlines` knows), and a column counts code units of the negotiated encoding
    (UTF-16 unless the client offers another), so an emoji before a finding counts two."""

    def __init__(self, text: str, encoding: str = "utf-16") -> None:
        self.text = text
        self.starts = [0, *(m.end() for m in _BREAK.finditer(text))]
        self.units = _UNITS.get(encoding, _UNITS["utf-16"])

    def position(self, offset: int) -> types.Position:
        line = bisect_right(self.starts, offset) - 1
        return types.Position(line=line, character=self.units(self.text[self.starts[line] : offset]))

    def range(self, start: int, end: int) -> types.Range:
        return types.Range(start=self.position(start), end=self.position(end))

    def offset(self, pos: types.Position) -> int:
        """The offset of a position; a column past the line's end means its end, a line past the last the text's."""
        if pos.line >= len(self.starts):
            return len(self.text)
        i, end = self.starts[pos.line], len(self.text)
        if pos.line + 1 < len(self.starts):
            end = self.starts[pos.line + 1]
        units = 0
        while i < end and units < pos.character and self.text[i] not in "\r\n":
            units += self.units(self.text[i])
            i += 1
        return i


@dataclass(frozen=True)
class Settings:
    """What the client asks for: `select` replaces the configuration's, `ignore` adds to it, `unsafe-fixes`
    (when set) overrides it, as the command line's options do."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    unsafe_fixes: bool | None = None
    debounce: float = DEBOUNCE
    rule_docs: str | None = None


def read_settings(raw: object, base: Settings) -> tuple[Settings, list[str]]:
    """Settings from the client's options (flat, or under a "copyedit" key), and a line for each value refused."""
    if isinstance(raw, dict) and isinstance(raw.get("copyedit"), dict):
        raw = raw["copyedit"]
    if not isinstance(raw, dict):
        return base, []
    values: dict[str, Any] = {}
    problems: list[str] = []
    for key, value in raw.items():
        name = re.sub(r"(?<=[a-z])(?=[A-Z])", "_", key).replace("-", "_").lower()  # unsafeFixes, unsafe-fixes
        if name in ("select", "ignore") and isinstance(value, list) and all(isinstance(v, str) for v in value):
            values[name] = tuple(v.upper() for v in value)
        elif name == "unsafe_fixes" and isinstance(value, bool | None):
            values[name] = value
        elif name == "debounce" and isinstance(value, int | float) and not isinstance(value, bool) and value >= 0:
            values[name] = value / 1000
        elif name == "rule_docs" and isinstance(value, str | None):
            values[name] = value
        else:
            problems.append(f"copyedit: setting `{key}` = {value!r} is not used (see `copyedit lsp --help`)")
    return Settings(**{**base.__dict__, **values}), problems


@dataclass
class Document:
    """An open document as the client last sent it."""

    uri: str
    text: str
    version: int | None
    markup: str | None

    @property
    def path(self) -> str | None:
        """The file the document is, or None (an unsaved buffer)."""
        return to_fs_path(self.uri) if self.uri.startswith("file:") else None
