"""Apply edits, write unified diffs that `git apply` and `patch -p1` accept, and apply reviewed patch files."""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from copyedit.model import Edit

_NO_EOL = "\\ No newline at end of file\n"


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """Splice non-overlapping edits into ``text``."""
    out: list[str] = []
    pos = 0
    for e in sorted(edits):
        if e.start < pos:
            raise ValueError(f"overlapping edit at {e.start}")
        out.append(text[pos : e.start])
        out.append(e.replacement)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def _lines(text: str) -> list[str]:
    """Lines as git and patch count them, ended by "\\n" only.

    str.splitlines also splits on "\\r", "\\f" and "\\u2028", which would misplace a hunk.
    """
    return re.findall(r"[^\n]*\n|[^\n]+", text)


def unified_diff(old: str, new: str, path: str, context: int = 3) -> str:
    """A unified diff of one file with a/ and b/ headers; empty when nothing changed."""
    if old == new:
        return ""
    a, b = _lines(old), _lines(new)
    lines = difflib.unified_diff(a, b, f"a/{path}", f"b/{path}", n=context)
    out = []
    for line in lines:
        if line.endswith("\n"):
            out.append(line)
        else:  # the last line of a file without a final newline
            out.append(line + "\n" + _NO_EOL)
    return "".join(out)


class PatchError(Exception):
    """A patch that cannot be applied as it stands; the message says why (the caller names patch and file)."""


@dataclass(frozen=True)
class Hunk:
    """One hunk: the old line it starts at, and its body as (prefix, line with its own ending) pairs."""

    old_start: int
    body: tuple[tuple[str, str], ...]

    @property
    def old_lines(self) -> list[str]:
        """The lines the hunk expects (context and removed), counted from the body: a person may have edited it."""
        return [t for p, t in self.body if p in " -"]

    @property
    def new_lines(self) -> list[str]:
        """The lines that take their place (context and added)."""
        return [t for p, t in self.body if p in " +"]


@dataclass(frozen=True)
class FilePatch:
    """One file's hunks, and the sha256 of the bytes they were made against (None without a copyedit header)."""

    path: str
    sha256: str | None
    hunks: tuple[Hunk, ...]


def digest(data: bytes) -> str:
    """The sha256 a patch header records, so that applying can tell the file changed after the patch was made."""
    return hashlib.sha256(data).hexdigest()


def patch_header(path: str, sha256: str, notes: Iterable[str]) -> str:
    """Comment lines to put before a diff: `git apply` and `patch -p1` skip what comes before the `---` line."""
    lines = [f"copyedit fix for {path}", f"sha256 {sha256} of the original file", *notes]
    return "".join("# " + " ".join(n.splitlines()) + "\n" for n in lines)


_HUNK = re.compile(r"@@ -(\d+)(?:,\d+)? \+\d+(?:,\d+)? @@")
_SHA = re.compile(r"# sha256 ([0-9a-f]{64})\b")


def parse_patch(text: str) -> list[FilePatch]:
    """Each file's hunks in a unified diff, with the sha256 from a copyedit header before it, if any."""
    lines = _lines(text)
    out: list[FilePatch] = []
    sha: str | None = None
    i = 0
    while i < len(lines):
        if m := _SHA.match(lines[i]):
            sha = m[1]
        elif _file_header(lines, i):
            path = _target(lines[i + 1])
            hunks, i = _hunks(lines, i + 2)
            out.append(FilePatch(path, sha, tuple(hunks)))
            sha = None
            continue
        i += 1
    if not out:
        raise PatchError("no unified diff in it (no ---/+++ lines)")
    return out


def _file_header(lines: list[str], i: int) -> bool:
    """Whether a file's `---`/`+++` pair starts at line i (a removed line may itself begin with "--")."""
    return lines[i].startswith("--- ") and i + 1 < len(lines) and lines[i + 1].startswith("+++ ")


def _target(plus: str) -> str:
    """The path a `+++` line names, without its `b/` prefix or a timestamp after a tab."""
    path = plus[4:].rstrip("\r\n").split("\t")[0]
    if path == "/dev/null":
        raise PatchError("it deletes a file; copyedit patches only change files")
    path = path[2:] if path.startswith(("a/", "b/")) else path
    if path.startswith("/") or ".." in path.split("/"):
        raise PatchError(f"it names {path}, outside the working folder (as `git apply`, copyedit refuses that)")
    return path


def _hunks(lines: list[str], i: int) -> tuple[list[Hunk], int]:
    """The hunks from line i on, and the index of the first line after them."""
    hunks: list[Hunk] = []
    while i < len(lines) and (m := _HUNK.match(lines[i])):
        body, i = _body(lines, i + 1)
        hunks.append(Hunk(int(m[1]), tuple(body)))
    return hunks, i


def _body(lines: list[str], i: int) -> tuple[list[tuple[str, str]], int]:
    """A hunk's body, read up to the first line that cannot belong to it (the header's counts are ignored)."""
    body: list[tuple[str, str]] = []
    kept = 0  # blank lines at the end are an editor's doing, not context
    while i < len(lines) and not _file_header(lines, i):
        line = lines[i]
        if line.startswith("\\") and body:  # "\ No newline at end of file": the line before has no ending
            body[-1] = (body[-1][0], body[-1][1].removesuffix("\n"))
        elif line[:1] in (" ", "-", "+"):
            body.append((line[0], line[1:]))
            kept = len(body)
        elif line in ("\n", "\r\n"):  # a blank context line whose leading space an editor stripped
            body.append((" ", line))
        else:
            break
        i += 1
    return body[:kept], i


def apply_hunks(text: str, hunks: Iterable[Hunk]) -> str:
    """Apply hunks exactly at the lines they name (no fuzz, no search): any mismatch means the file changed."""
    old = _lines(text)
    out: list[str] = []
    pos = 0
    for h in sorted(hunks, key=lambda h: h.old_start):
        want = h.old_lines
        at = h.old_start - 1 if want else h.old_start  # an empty old side inserts after the line it names
        if at < pos or old[at : at + len(want)] != want:
            raise PatchError(f"the hunk at line {h.old_start} does not match the file")
        out += old[pos:at] + h.new_lines
        pos = at + len(want)
    return "".join(out + old[pos:])


def apply_patch(patch: FilePatch, text: str, data: bytes) -> str:
    """The file's new text; refused when the file is no longer the one the patch was made against."""
    if patch.sha256 is not None and digest(data) != patch.sha256:
        raise PatchError("the file has changed since the patch was made (its sha256 differs); make the patch again")
    return apply_hunks(text, patch.hunks)
