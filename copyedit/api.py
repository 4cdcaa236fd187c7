"""The library API's argument checks, and `check_text` and `fix_text` as the `copyedit` package exports them.

A wrong argument is one clear TypeError or ValueError at the call, not an error deep inside the engine, nor,
worse, a quiet wrong answer: `unsafe="no"` is truthy and would apply unsafe fixes, `select="FRG"` would select
every rule starting with F, R or G.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from copyedit import engine
from copyedit.config import Config
from copyedit.engine import Extra, FixResult
from copyedit.model import Finding
from copyedit.rule import Rule

#: The markups a text can be read as.
MARKUPS = ("text", "markdown")


def check_options(where: str, markup: object = "text", unsafe: object = False, config: object = None) -> None:
    """Raise ValueError for a markup copyedit does not read, TypeError for any other argument of the wrong type."""
    if not (isinstance(markup, str) and markup in MARKUPS):
        raise ValueError(f"{where}: markup must be one of {', '.join(map(repr, MARKUPS))}, not {markup!r}")
    if not isinstance(unsafe, bool):
        raise TypeError(f"{where}: unsafe must be True or False, not {unsafe!r}")
    if config is not None and not isinstance(config, Config):
        raise TypeError(f"{where}: config must be a copyedit.config.Config or None, not {type(config).__name__}")


def codes_argument(where: str, select: object) -> tuple[str, ...]:
    """``select`` as a tuple of rule-code prefixes; a TypeError for a single string or anything but strings."""
    codes = tuple(select) if isinstance(select, Iterable) and not isinstance(select, str) else None
    if select is not None and (codes is None or not all(isinstance(c, str) for c in codes)):
        raise TypeError(
            f'{where}: select must be a list of rule-code prefixes such as ["FRG", "VRB001"], not {select!r}'
        )
    return codes or ()


def check_text_argument(where: str, text: object) -> str:
    """``text`` if it is a str; else a TypeError that says what was passed (and, for bytes, what to do)."""
    if isinstance(text, str):
        return text
    hint = "; decode it first, e.g. data.decode('utf-8')" if isinstance(text, bytes | bytearray) else ""
    raise TypeError(f"{where} must be a str, not {type(text).__name__}{hint}")


def record_text(where: str, record: object, field: str) -> str:
    """The text a record holds in ``field``, or a clear error for a record that is not a mapping or has none."""
    if not isinstance(record, Mapping):
        raise TypeError(f"{where} must be a dict, not {type(record).__name__}")
    if field not in record:
        raise ValueError(f"{where} has no {field!r} field (choose the field with text_field=)")
    return check_text_argument(f"{where}[{field!r}]", record[field])


def check_text(
    text: str,
    markup: str = "text",
    rules: tuple[Rule, ...] | None = None,
    config: Config | None = None,
    extra: Extra | None = None,
) -> list[Finding]:
    """Every finding in ``text``, sorted by position; offsets are into ``text``."""
    check_options("check_text", markup, config=config)
    return engine.check_text(check_text_argument("check_text: text", text), markup, rules, config, extra)


def fix_text(
    text: str,
    markup: str = "text",
    unsafe: bool = False,
    rules: tuple[Rule, ...] | None = None,
    config: Config | None = None,
    extra: Extra | None = None,
) -> FixResult:
    """``text`` with its fixes applied, pass after pass until none is left (bounded); see `engine.fix_text`."""
    check_options("fix_text", markup, unsafe, config)
    return engine.fix_text(check_text_argument("fix_text: text", text), markup, unsafe, rules, config, extra)
