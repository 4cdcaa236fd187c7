"""Configuration: `.copyedit.toml`, or `[tool.copyedit]` in pyproject.toml, found by walking up from each file.

One immutable Config per configuration file; nothing else reads configuration files. Keys are the same in both
files (pyproject.toml nests them under `[tool.copyedit]`), in kebab-case, as ruff's are.
"""

from __future__ import annotations

import fnmatch
import os
import tomllib
from dataclasses import dataclass, field, fields
from functools import cache
from pathlib import Path
from typing import Any

FILE_NAMES = (".copyedit.toml", "pyproject.toml")
APOSTROPHES = ("auto", "straight", "curly")


class ConfigError(Exception):
    """A configuration file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class Config:
    """Effective settings for the files below one configuration file (or the defaults, with no file)."""

    path: str | None = None
    select: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    unsafe_fixes: bool = False
    vocabulary: tuple[str, ...] = ()
    apostrophe: str = "auto"
    extend_safe_fixes: tuple[str, ...] = ()
    extend_unsafe_fixes: tuple[str, ...] = ()
    languagetool: str = "off"
    languagetool_fixes: tuple[str, ...] = ()
    #: Where relative globs are anchored: the configuration file's folder.
    root: str = field(default=".", compare=False)

    def selected(self, cli_select: tuple[str, ...] = (), cli_ignore: tuple[str, ...] = ()) -> tuple[tuple, tuple]:
        """Rule-code prefixes to select and to ignore: the command line replaces `select`, adds to `ignore`."""
        chosen = cli_select or (self.select or ("",)) + self.extend_select
        return tuple(chosen), self.ignore + tuple(cli_ignore)

    def ignored_for(self, path: str) -> tuple[str, ...]:
        """Codes `per-file-ignores` switches off for ``path``."""
        rel = _relative(path, self.root)
        return tuple(code for pattern, codes in self.per_file_ignores if _matches(rel, pattern) for code in codes)

    def wants(self, path: str) -> bool:
        """Whether a file found while walking a folder is checked: `include` (if any) and not `exclude`.
        (Files git ignores are never walked into; a file named on the command line is always checked.)"""
        rel = _relative(path, self.root)
        if self.include and not any(_matches(rel, p) for p in self.include):
            return False
        return not any(_matches(rel, p) for p in self.exclude)

    def as_toml(self) -> str:
        """The effective settings as a `.copyedit.toml` would write them."""
        lines = [f"# from {self.path or 'defaults (no configuration file found)'}"]
        for f in fields(self):
            if f.name in ("path", "root"):
                continue
            value = getattr(self, f.name)
            if f.name == "per_file_ignores":
                value = {p: list(c) for p, c in value}
            lines.append(f"{f.name.replace('_', '-')} = {_toml_value(value)}")
        return "\n".join(lines) + "\n"


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_toml_value(k)} = {_toml_value(v)}" for k, v in value.items()) + " }"
    return "[" + ", ".join(_toml_value(v) for v in value) + "]"


def _relative(path: str, root: str) -> str:
    rel = os.path.relpath(os.path.abspath(path), os.path.abspath(root))
    return rel.replace(os.sep, "/")


def _matches(rel: str, pattern: str) -> bool:
    """A glob against a path relative to the config folder; a pattern without "/" matches any path component."""
    pattern = pattern.rstrip("/")
    if "/" not in pattern:
        return any(fnmatch.fnmatchcase(part, pattern) for part in rel.split("/"))
    return fnmatch.fnmatchcase(rel, pattern) or fnmatch.fnmatchcase(rel, pattern + "/*")


_LISTS = {
    "select",
    "extend-select",
    "ignore",
    "include",
    "exclude",
    "vocabulary",
    "extend-safe-fixes",
    "extend-unsafe-fixes",
    "languagetool-fixes",
}
_BOOLS = {"unsafe-fixes"}
_STRINGS = {"apostrophe", "languagetool"}


def parse(table: dict[str, Any], path: str) -> Config:
    """A Config from a TOML table, or a ConfigError naming the file and the key."""
    values: dict[str, Any] = {}
    for key, value in table.items():
        where = f"{path}: `{key}`"
        if key in _LISTS:
            if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
                raise ConfigError(f"{where} must be a list of strings")
            codes = key not in ("include", "exclude", "vocabulary")
            values[key] = tuple(v.upper() for v in value) if codes else tuple(value)
        elif key in _BOOLS:
            if not isinstance(value, bool):
                raise ConfigError(f"{where} must be true or false")
            values[key] = value
        elif key in _STRINGS:
            if not isinstance(value, str):
                raise ConfigError(f"{where} must be a string")
            values[key] = value
        elif key == "per-file-ignores":
            if not isinstance(value, dict) or not all(
                isinstance(v, list) and all(isinstance(c, str) for c in v) for v in value.values()
            ):
                raise ConfigError(f'{where} must be a table of glob = ["CODE", …]')
            values[key] = tuple((glob, tuple(c.upper() for c in codes)) for glob, codes in value.items())
        else:
            known = ", ".join(sorted(_LISTS | _BOOLS | _STRINGS | {"per-file-ignores"}))
            raise ConfigError(f"{where} is not a setting (known: {known})")
    if values.get("apostrophe", "auto") not in APOSTROPHES:
        raise ConfigError(f"{path}: `apostrophe` must be one of {', '.join(APOSTROPHES)}")
    lt = values.get("languagetool", "off")
    if lt not in ("off", "local") and not lt.startswith(("http://", "https://")):
        raise ConfigError(f"{path}: `languagetool` must be off, local or an http(s) URL")
    root = str(Path(path).resolve().parent)
    return Config(path=path, root=root, **{k.replace("-", "_"): v for k, v in values.items()})


def load_file(path: Path) -> Config | None:
    """The Config a file holds; None for a pyproject.toml without `[tool.copyedit]`."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: cannot read: {e}") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: not valid TOML: {e}") from None
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("copyedit")
        if table is None:
            return None
        if not isinstance(table, dict):
            raise ConfigError(f"{path}: `tool.copyedit` must be a table")
        return parse(table, str(path))
    return parse(data, str(path))


@cache
def for_folder(folder: str) -> Config:
    """The Config that governs ``folder``: the nearest `.copyedit.toml` or `[tool.copyedit]` above it."""
    here = Path(folder).resolve()
    for d in (here, *here.parents):
        for name in FILE_NAMES:
            candidate = d / name
            if candidate.is_file():
                found = load_file(candidate)
                if found is not None:
                    return found
    return Config(root=str(here))


def for_path(path: str) -> Config:
    """The Config that governs a file (or, for standard input, the working folder)."""
    folder = os.path.dirname(os.path.abspath(path)) if path not in ("-", "") else os.getcwd()
    return for_folder(folder)


def code_selected(code: str, select: tuple[str, ...], ignore: tuple[str, ...]) -> bool:
    """Whether a rule code starts with a selected prefix and with no ignored one (`select` empty: every code)."""
    return code.startswith(select or ("",)) and not (ignore and code.startswith(ignore))
