"""Apply edits, write unified diffs that `git apply` and `patch -p1` accept, and apply reviewed patch files."""

from __future__ import annotations

import bisect
import difflib
import hashlib
import re
from collections.abc import Iterable, Iterator
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
    #: How many old lines the @@ header says the hunk spans; None when unknown (then the body's count).
    old_count: int | None = None

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


_HUNK = re.compile(r"@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@")
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
            path = _target(lines[i], lines[i + 1])
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


def _target(minus: str, plus: str) -> str:
    """The path a `+++` line names, without its `b/` prefix or a timestamp after a tab (apply.check_path refuses
    the other paths `git apply` refuses)."""
    if _name(minus) == "/dev/null":
        raise PatchError("it creates a file; copyedit patches only change files")
    path = _name(plus)
    if path == "/dev/null":
        raise PatchError("it deletes a file; copyedit patches only change files")
    path = path[2:] if path.startswith(("a/", "b/")) else path
    if path.startswith("/") or ".." in path.split("/"):
        raise PatchError(
            f"it names {printable(path)}, outside the working folder (as `git apply`, copyedit refuses that)"
        )
    return path


def _name(line: str) -> str:
    return line[4:].rstrip("\r\n").split("\t")[0]


def printable(path: str) -> str:
    """The path as one line of output can show it (a patch's names are a stranger's): control and invisible
    characters escaped."""
    return path if path.isprintable() else repr(path)[1:-1]


def _hunks(lines: list[str], i: int) -> tuple[list[Hunk], int]:
    """The hunks from line i on, and the index of the first line after them."""
    hunks: list[Hunk] = []
    while i < len(lines) and (m := _HUNK.match(lines[i])):
        body, i = _body(lines, i + 1)
        hunks.append(Hunk(int(m[1]), tuple(body), int(m[2]) if m[2] is not None else 1))
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


def apply_hunks(text: str, hunks: Iterable[Hunk], verified: bool = False) -> str:
    """Apply hunks at the lines they name (no fuzz, no search): any mismatch means the file changed.

    ``verified``: the file is the one the patch was made against (its sha256 matched), so the lines a hunk's
    header spans are its old side as it was made; lines among them that the body no longer holds are -/+ pairs
    a reviewer deleted, and stay as they are.
    """
    old = _lines(text)
    out: list[str] = []
    pos = 0
    for h in sorted(hunks, key=lambda h: h.old_start):
        want = h.old_lines
        span = max(len(want), h.old_count or 0) if verified else len(want)
        at = h.old_start - 1 if span else h.old_start  # an empty old side inserts after the line it names
        window = old[at : at + span]
        if at < pos or len(window) < len(want):
            raise PatchError(f"the hunk at line {h.old_start} does not match the file")
        out += old[pos:at] + _splice(h, window)
        pos = at + len(window)
    return "".join(out + old[pos:])


#: How long the search for where a hunk's old lines sit among the lines it spans may go on (in window lines
#: looked at, beyond a few passes over the window).
SEARCH_BUDGET = 100_000


def _splice(h: Hunk, window: list[str]) -> list[str]:
    """The hunk applied to the lines it spans: its old lines found in order among them, the others kept.

    Every placement is tried; they must all give the same text, else the hunk is refused as ambiguous."""
    want = h.old_lines
    if window == want:  # the hunk as it was made, or a file without the header: exact lines only
        return h.new_lines
    outputs: set[tuple[str, ...]] = set()
    for placement in _placements(want, window, h.old_start):
        outputs.add(_output(h.body, window, placement))
        if len(outputs) > 1:
            raise _ambiguous(h.old_start)
    if not outputs:
        raise PatchError(f"the hunk at line {h.old_start} does not match the file")
    return list(outputs.pop())


def _ambiguous(line: int) -> PatchError:
    return PatchError(
        f"the hunk at line {line} lost a -/+ pair among identical lines, so where its other changes go is "
        "ambiguous; keep that pair and make its + line the same as its - line instead"
    )


def _placements(want: list[str], window: list[str], line: int) -> Iterator[tuple[int, ...]]:
    """Each way ``want`` sits in order within ``window``, as window indices (a depth-first search that visits
    only choices the remaining lines can follow)."""
    last: list[int] = []  # the latest index each line can take with the lines after it still fitting
    j = len(window)
    for text in reversed(want):
        j -= 1
        while j >= 0 and window[j] != text:
            j -= 1
        if j < 0:
            return
        last.append(j)
    last.reverse()
    stack: list[tuple[int, int, tuple | None]] = [(0, 0, None)]  # line, first free index, indices as a cons list
    budget = SEARCH_BUDGET + 8 * len(window)
    while stack:
        i, start, chosen = stack.pop()
        if i == len(want):
            yield _unlink(chosen)
            continue
        budget -= last[i] - start + 1
        if budget < 0:
            raise PatchError(
                f"the hunk at line {line} lost so many -/+ pairs among identical lines that copyedit cannot tell "
                "where its other changes go; keep those pairs and make their + lines the same as their - lines"
            )
        stack += [(i + 1, k + 1, (k, chosen)) for k in range(last[i], start - 1, -1) if window[k] == want[i]]


def _unlink(chosen: tuple | None) -> tuple[int, ...]:
    out = []
    while chosen is not None:
        k, chosen = chosen
        out.append(k)
    return tuple(reversed(out))


def _output(body: tuple[tuple[str, str], ...], window: list[str], placement: tuple[int, ...]) -> tuple[str, ...]:
    """The window with the hunk applied, its old lines at the window indices of ``placement``."""
    out: list[str] = []
    at = iter(placement)
    minus: list[int] = []  # the window indices of the current run of -/+ lines' - lines
    plus: list[str] = []
    start = 0
    for prefix, text in body:
        if prefix == "+":
            plus.append(text)
        elif prefix == "-":
            minus.append(next(at))
        else:
            k = next(at)
            out += [*_change(window[start:k], [m - start for m in minus], plus), window[k]]
            start, minus, plus = k + 1, [], []
    return (*out, *_change(window[start:], [m - start for m in minus], plus))


def _change(span: list[str], minus: list[int], plus: list[str]) -> list[str]:
    """One run of - and + lines applied to the lines it spans: the + lines, with each spanned line that no - line
    removes (its -/+ pair was deleted) kept after as many + lines as - lines stand before it, as the pair stood."""
    out = list(plus)
    removed = set(minus)
    for g in reversed([g for g in range(len(span)) if g not in removed]):
        out.insert(min(bisect.bisect_left(minus, g), len(plus)), span[g])
    return out


def apply_patch(patch: FilePatch, text: str, data: bytes) -> str:
    """The file's new text; refused when the file is no longer the one the patch was made against."""
    if patch.sha256 is not None and digest(data) != patch.sha256:
        raise PatchError("the file has changed since the patch was made (its sha256 differs); make the patch again")
    return apply_hunks(text, patch.hunks, verified=patch.sha256 is not None)
