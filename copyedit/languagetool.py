"""LanguageTool as an optional second checker: its matches on the prose blocks become copyedit Findings.

LanguageTool runs as a server. A URL names a running one, which is asked with one plain HTTP POST per text
(`urllib`, no extra dependency); `local` starts one through language-tool-python, a GPL-3.0 package that is
therefore only the optional extra `copyedit[languagetool]` and is imported only when asked for.

Only prose reaches LanguageTool: each prose block of the masked view (markup already spaces, so a block's
characters sit at their source offsets), joined with blank lines; an offset in the answer is mapped back to
its block and so to the source, and a match that straddles blocks or touches masked markup is dropped.

Codes are `LT:<RULE_ID>`. Severity follows the rule's issue type (`_WARNING_ISSUES`). A fix is display-only
unless the rule is in the `languagetool-fixes` allow list; then it is safe when LanguageTool offers exactly
one replacement (the user vouched for the rule, and there is nothing to choose) and unsafe when it offers
several (the first is a guess among alternatives: spelling suggestions for a name, say), which `fix` applies
with `--unsafe-fixes`, or always with `extend-safe-fixes = ["LT:RULE_ID"]`.

When LanguageTool cannot be used (package, Java or the LanguageTool download missing; server unreachable,
slow, or answering something else), one line says what to install or check, once per run, and the run goes
on without it: a missing second opinion is not an input error, so it changes no exit code.
"""

from __future__ import annotations

import http.client
import json
import re
import shutil
import urllib.error
import urllib.parse
import urllib.request
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from copyedit.config import Config, code_selected
from copyedit.markup import ProseView
from copyedit.model import Edit, Finding, Safety, Severity
from copyedit.spans import Ranges

LANGUAGE = "en-US"
#: Seconds to wait on any one socket operation: a cold server loads its English model on the first request.
TIMEOUT = 10.0
#: Between blocks in the request: a paragraph break to LanguageTool, so no sentence runs across blocks.
SEPARATOR = "\n\n"
PREFIX = "LT:"
INSTALL = (
    "install copyedit[languagetool] (language-tool-python) and Java 17+, or pass a server URL "
    "(the run goes on without it)"
)
#: Issue types (LanguageTool's, from the Localization Quality Issue Type list) that are errors, not style.
_WARNING_ISSUES = frozenset({"misspelling", "grammar", "duplication"})

#: What the engine calls for each text it checks: the source text and its prose view to findings.
Hook = Callable[[str, ProseView], list[Finding]]


class Unavailable(Exception):
    """LanguageTool cannot be used; the message is the one line the user sees."""


def is_setting(value: str) -> bool:
    """Whether ``value`` is a `languagetool` setting: off, local, or an http(s) URL (as config.py checks it)."""
    return value in ("off", "local") or value.startswith(("http://", "https://"))


@dataclass(frozen=True)
class Piece:
    """One prose block inside the request text: ``sent[at:at + length]`` is ``source[start:start + length]``."""

    at: int
    start: int
    length: int


def request_text(view: ProseView) -> tuple[str, tuple[Piece, ...]]:
    """The prose blocks joined by SEPARATOR, and where each one sits, to map offsets back."""
    parts: list[str] = []
    pieces: list[Piece] = []
    at = 0
    for b in view.blocks:
        pieces.append(Piece(at, b.start, b.end - b.start))
        parts.append(view.text[b.start : b.end])
        at += b.end - b.start + len(SEPARATOR)
    return SEPARATOR.join(parts), tuple(pieces)


def endpoint(url: str) -> str:
    """The check endpoint of a server URL: `http://host:8081` and `…/v2` and `…/v2/check` all mean one."""
    base = url.rstrip("/")
    if base.endswith("/v2/check"):
        return base
    return base + ("/check" if base.endswith("/v2") else "/v2/check")


def post_check(url: str, text: str, timeout: float = TIMEOUT) -> dict[str, Any]:
    """LanguageTool's JSON answer for ``text``, from one form-encoded POST; Unavailable with the reason."""
    data = urllib.parse.urlencode({"language": LANGUAGE, "text": text}).encode()
    headers = {"Accept": "application/json", "User-Agent": "copyedit"}
    request = urllib.request.Request(url, data=data, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            body = answer.read()
    except urllib.error.HTTPError as e:
        detail = e.read(300).decode("utf-8", "replace").strip().splitlines()
        why = f"HTTP {e.code}" + (f" ({detail[0]})" if detail else "")
        raise Unavailable(f"languagetool: {url} answered {why} (the run goes on without it)") from None
    except (urllib.error.URLError, OSError, http.client.HTTPException) as e:
        raise Unavailable(
            f"languagetool: cannot reach {url}: {_reason(e)}; check that a LanguageTool server runs there "
            "(the run goes on without it)"
        ) from None
    try:
        payload = json.loads(body)
    except ValueError:
        payload = None
    if not isinstance(payload, dict) or not isinstance(payload.get("matches"), list):
        raise Unavailable(
            f"languagetool: {url} did not answer with LanguageTool's /v2/check JSON; is it a LanguageTool "
            "server? (the run goes on without it)"
        )
    return payload


def _reason(e: Exception) -> str:
    """Why a connection failed, in a few words: "connection refused", "timed out", "unknown host"."""
    cause = e.reason if isinstance(e, urllib.error.URLError) else e
    if isinstance(cause, TimeoutError):
        return f"no answer within {TIMEOUT:g} s"
    if isinstance(cause, OSError) and cause.strerror:
        return cause.strerror.lower()
    return str(cause).lower()


def utf16_to_index(text: str) -> Callable[[int], int]:
    """Turn LanguageTool's offsets (Java string indices: UTF-16 code units) into Python string indices.

    Each character beyond U+FFFF is two units to Java and one to Python, so an emoji shifts every later offset.
    """
    astral = [i + k for k, i in enumerate(i for i, ch in enumerate(text) if ord(ch) > 0xFFFF)]
    if not astral:
        return lambda unit: unit
    return lambda unit: unit - bisect_left(astral, unit)


def source_span(
    start: int, end: int, pieces: tuple[Piece, ...], ats: list[int] | None = None
) -> tuple[int, int] | None:
    """The source offsets of ``sent[start:end]``, or None when the span is not inside one block.

    ``ats``, each piece's ``at`` in order, finds the piece by binary search (pass it when mapping many matches:
    walking every piece for each match is quadratic in a long document)."""
    ats = ats if ats is not None else [p.at for p in pieces]
    i = bisect_right(ats, start) - 1
    if i < 0:
        return None
    p = pieces[i]
    if start < p.at or end > p.at + p.length:
        return None
    return p.start + start - p.at, p.start + end - p.at


def _slug(text: str) -> str:
    """A kebab-case name, as copyedit names its rules: "Possible spelling mistake" → possible-spelling-mistake."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def to_finding(match: dict[str, Any], start: int, end: int, fixes: frozenset[str]) -> Finding:
    """One match as a Finding on source offsets ``[start, end)``, with its first replacement as the edit."""
    rule = match["rule"]
    rule_id = str(rule["id"])
    replacements = [r["value"] for r in match.get("replacements") or () if isinstance(r, dict) and "value" in r]
    edits = (Edit(start, end, str(replacements[0])),) if replacements else ()
    if not edits or rule_id.upper() not in fixes:
        safety = Safety.DISPLAY
    else:
        safety = Safety.SAFE if len(replacements) == 1 else Safety.UNSAFE
    issue = str(rule.get("issueType", ""))
    severity = Severity.WARNING if issue in _WARNING_ISSUES else Severity.SUGGESTION
    name = _slug(str(rule.get("description") or "")) or _slug(rule_id)
    message = " ".join(str(match["message"]).split())
    return Finding(PREFIX + rule_id, name, start, end, message, edits, safety, severity)


def _well_formed(match: Any) -> bool:
    """Whether a match has what a Finding needs; anything else in the answer is ignored."""
    return (
        isinstance(match, dict)
        and isinstance(match.get("offset"), int)
        and isinstance(match.get("length"), int)
        and isinstance(match.get("message"), str)
        and isinstance(match.get("rule"), dict)
        and isinstance(match["rule"].get("id"), str)
    )


def findings(
    payload: dict[str, Any], sent: str, pieces: tuple[Piece, ...], view: ProseView, fixes: frozenset[str]
) -> list[Finding]:
    """The answer's matches as Findings on source offsets; matches outside one block or on markup are dropped."""
    index = utf16_to_index(sent)
    ats, opaque = [p.at for p in pieces], Ranges(view.opaque)
    out = []
    for m in payload["matches"]:
        if not _well_formed(m):
            continue
        start, end = index(m["offset"]), index(m["offset"] + m["length"])
        span = source_span(start, end, pieces, ats)
        if span is None or opaque.touches(*span):
            continue
        out.append(to_finding(m, *span, fixes))
    return out


@cache
def _local_url() -> str:
    """The check endpoint of a LanguageTool server that language-tool-python starts (once per process)."""
    try:
        import language_tool_python
    except ImportError:
        raise Unavailable(f"languagetool: `local` needs language-tool-python: {INSTALL}") from None
    if shutil.which("java") is None:
        raise Unavailable(f"languagetool: `local` needs Java, which is not on PATH: {INSTALL}")
    try:
        tool = language_tool_python.LanguageTool(LANGUAGE)
    except Exception as e:  # download, Java and server errors come in many types
        detail = (str(e).splitlines() or [type(e).__name__])[0][:200]
        raise Unavailable(
            f"languagetool: language-tool-python could not start LanguageTool ({detail}); it downloads "
            "LanguageTool on first use, so run it once where that works, or pass a server URL "
            "(the run goes on without it)"
        ) from None
    url = getattr(tool, "url", None) or tool._url  # `url` since language-tool-python 3; `_url` before
    return endpoint(str(url))


def _may_select(select: tuple[str, ...], ignore: tuple[str, ...]) -> bool:
    """Whether some `LT:` code can pass ``select`` and ``ignore`` (`--select AGR` or `--ignore LT` rule all out)."""
    chosen = not select or any(PREFIX.startswith(p) or p.startswith(PREFIX) for p in select)
    return chosen and not any(PREFIX.startswith(p) for p in ignore)


@dataclass
class Session:
    """LanguageTool for one run: it says once why it cannot be used, then stops asking for the rest of the run."""

    warn: Callable[[str], None]
    #: `--languagetool`, which overrides every file's `languagetool` setting.
    override: str | None = None
    failed: set[str] = field(default_factory=set)

    def hook(self, config: Config, select: tuple[str, ...] = (), ignore: tuple[str, ...] = ()) -> Hook | None:
        """The engine's hook for files under ``config``, keeping the `LT:` codes that ``select`` and ``ignore``
        choose as they choose copyedit's own; None when LanguageTool is off or no `LT:` code can be chosen."""
        setting = self.override or config.languagetool
        if setting == "off" or not _may_select(select, ignore):
            return None
        fixes = frozenset(code.upper().removeprefix(PREFIX) for code in config.languagetool_fixes)

        def check(text: str, view: ProseView) -> list[Finding]:
            return [f for f in self._check(setting, fixes, view) if code_selected(f.code, select, ignore)]

        return check

    def _check(self, setting: str, fixes: frozenset[str], view: ProseView) -> list[Finding]:
        if setting in self.failed or not view.blocks:
            return []
        sent, pieces = request_text(view)
        try:
            url = _local_url() if setting == "local" else endpoint(setting)
            payload = post_check(url, sent)
        except Unavailable as e:
            self.failed.add(setting)
            self.warn(str(e))
            return []
        return findings(payload, sent, pieces, view, fixes)
