"""Read and write files faithfully: encoding, BOM, newlines, final newline, mode and owner are kept."""

from __future__ import annotations

import codecs
import os
import signal
import stat
import subprocess
import tempfile
import threading
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 10 * 1024 * 1024  # an article is never this long; a bigger file is a mistake
MARKDOWN_SUFFIXES = (".md", ".markdown")
TEXT_SUFFIXES = (".txt", *MARKDOWN_SUFFIXES)
#: What `--markup` accepts: "auto" reads the markup from the file name.
MARKUPS = ("auto", "text", "markdown")


class SourceError(Exception):
    """A file that cannot be read or written as text; the message names it and says why."""


@dataclass(frozen=True)
class Source:
    """A text file's content and what is needed to write it back byte for byte."""

    path: str
    text: str
    bom: bool = False
    #: The markup `--markup` chose ("text" or "markdown"); None: from the file name.
    chosen_markup: str | None = None

    @property
    def markup(self) -> str:
        """How the text is marked up: as chosen, else from the file name ("markdown" or "text")."""
        if self.chosen_markup is not None:
            return self.chosen_markup
        return "markdown" if self.path.lower().endswith(MARKDOWN_SUFFIXES) else "text"

    def encode(self, text: str | None = None) -> bytes:
        """The file's bytes for ``text`` (default: its own), with its BOM."""
        data = (self.text if text is None else text).encode("utf-8")
        return codecs.BOM_UTF8 + data if self.bom else data


def display(path: str) -> str:
    """The path as one line of output can hold it: as it is, or, when it holds a control character or a byte
    that is not UTF-8, quoted as git quotes it (``"a\\nb.md"``, ``"caf\\351.md"``), so a name never splits a
    line or breaks the output's encoding."""
    if not any(_unprintable(c) for c in path):
        return path
    return '"' + "".join(_quoted(c) for c in path) + '"'


def utf8_name(path: str) -> str:
    """The path with each byte that was not UTF-8 shown as ``\\xNN``, for output that must stay the path itself
    (GitHub's annotations escape line breaks on their own)."""
    return "".join(_unsurrogate(c) if "\ud800" <= c <= "\udfff" else c for c in path)


def _unsurrogate(c: str) -> str:
    n = ord(c)
    return f"\\x{n - 0xDC00:02x}" if 0xDC80 <= n <= 0xDCFF else f"\\u{n:04x}"


_C_ESCAPES = {"\a": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v", "\f": "\\f", "\r": "\\r"}


def _unprintable(c: str) -> bool:
    return unicodedata.category(c) in ("Cc", "Cs", "Zl", "Zp")


def _quoted(c: str) -> str:
    if c in _C_ESCAPES:
        return _C_ESCAPES[c]
    if c in '"\\':
        return "\\" + c
    if not _unprintable(c):
        return c
    try:
        data = c.encode("utf-8", "surrogateescape")  # a byte of the name that was not UTF-8
    except UnicodeEncodeError:
        data = c.encode("utf-8", "surrogatepass")
    return "".join(f"\\{b:03o}" for b in data)


def markup_for(path: str, choice: str = "auto") -> str | None:
    """The markup to read a file named on the command line as: ``choice`` unless "auto"; for "auto", None (from
    the name), or a SourceError for a name whose extension says another markup (its code would be edited as
    prose). A name without an extension is plain text."""
    if choice != "auto":
        return choice
    suffix = os.path.splitext(path)[1]
    if path == "-" or not suffix or path.lower().endswith(TEXT_SUFFIXES):
        return None
    raise SourceError(
        f"{display(path)}: not a supported format ({display(suffix)}; copyedit reads .txt, .md and .markdown); "
        "use --markup text to check it as plain text"
    )


def _too_large(path: str) -> SourceError:
    return SourceError(f"{display(path)}: file is larger than {MAX_BYTES // 2**20} MiB; skipped")


def decode(path: str, data: bytes) -> Source:
    """A Source from raw bytes, or a SourceError that says what is wrong with them."""
    if len(data) > MAX_BYTES:
        raise _too_large(path)
    bom = data.startswith(codecs.BOM_UTF8)
    body = data[len(codecs.BOM_UTF8) :] if bom else data
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in body[:8192]:
        raise SourceError(f"{display(path)}: looks binary (or UTF-16); only UTF-8 text is read")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as e:
        raise SourceError(f"{display(path)}: not valid UTF-8 (byte {e.start}); convert it to UTF-8 first") from None
    return Source(path=path, text=text, bom=bom)


def read(path: str | Path) -> Source:
    """Read one file as a Source."""
    name = str(path)
    try:
        data = read_bytes(name)
    except OSError as e:
        raise SourceError(f"{display(name)}: cannot read: {e.strerror or e}") from None
    return decode(name, data)


def read_bytes(path: str) -> bytes:
    """A regular file's bytes, at most MAX_BYTES + 1 of them (enough for `decode` to say it is too large).

    A FIFO, a device or a folder is refused before it is read, so that a pipe named `*.md` cannot hang a run
    nor a link to /dev/zero fill the memory; the file is opened without blocking and checked again once open,
    in case it was swapped in between."""
    if not stat.S_ISREG(os.stat(path).st_mode):
        raise SourceError(f"{display(path)}: not a regular file; skipped")
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise SourceError(f"{display(path)}: not a regular file; skipped")
        if info.st_size > MAX_BYTES:
            raise _too_large(path)
        chunks, size = [], 0
        while size <= MAX_BYTES and (chunk := os.read(fd, MAX_BYTES + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def write(source: Source, text: str) -> None:
    """Replace the file's content with ``text``, keeping its BOM, mode (a read-only file stays read-only, as
    `sed -i` leaves it) and, where permitted, owner and group; refuse to overwrite a file that changed since it
    was read (someone else's edit would be lost).

    A symbolic link is written through: its target gets the new text and the link stays a link, as
    `sed -i --follow-symlinks` and editors do. The write is atomic (a new file renamed over the old one), except
    for a file with other hard links, which is rewritten in place so that every link sees the fix. Ctrl-C (or a
    server whose client left) lands between two writes, never inside one: no temporary file is left behind."""
    with _interrupts_held():
        _write(source, text)


@contextmanager
def _interrupts_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM while a file is written; one that arrives meanwhile is raised again, to the handler
    that was there before, once the write is whole. (A signal mask would not do: a process-directed signal may go
    to another thread, a process pool's, and Python still raises it in the main one.) Only the main thread may set
    handlers; elsewhere the write goes unheld."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught: list[int] = []
    held = [s for s in (signal.SIGINT, signal.SIGTERM) if signal.getsignal(s) is not None]
    before = {s: signal.signal(s, lambda signum, _frame: caught.append(signum)) for s in held}
    try:
        yield
    finally:
        for s, handler in before.items():
            signal.signal(s, handler)
        if caught:
            signal.raise_signal(caught[0])


def _write(source: Source, text: str) -> None:
    target = os.path.realpath(source.path)
    try:
        info = os.stat(target)
        old = source.encode()
        if read_bytes(target) != old:
            raise SourceError(f"{display(source.path)}: the file changed while copyedit worked on it; not written")
        if info.st_nlink > 1:
            _write_in_place(source.path, target, source.encode(text), old)
        else:
            _replace(target, source.encode(text), info)
    except OSError as e:
        raise SourceError(f"{display(source.path)}: cannot write: {e.strerror or e}") from None


def _temporary(target: str) -> tuple[int, str]:
    """A new file next to ``target`` (so a rename stays on one file system), named so a leftover is recognised."""
    folder, name = os.path.split(target)
    return tempfile.mkstemp(dir=folder or ".", prefix=f".{name}.", suffix=".copyedit")


def _replace(target: str, data: bytes, info: os.stat_result) -> None:
    """Write a temporary file and rename it over ``target``: a reader, or a crash, sees the old file or the new
    one, never half of one."""
    fd, tmp = _temporary(target)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        _keep_owner(tmp, info)
        os.chmod(tmp, stat.S_IMODE(info.st_mode))  # after chown, which clears set-id bits
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _keep_owner(tmp: str, info: os.stat_result) -> None:
    """Give the new file the old one's owner and group, or at least its group, as far as this user may."""
    for uid in (info.st_uid, -1):
        try:
            os.chown(tmp, uid, info.st_gid)
            return
        except PermissionError:
            continue


def _write_in_place(name: str, target: str, data: bytes, old: bytes) -> None:
    """Overwrite a hard-linked file in place (a rename would leave the other links on the old text, which is why
    vim's `backupcopy=auto` writes such files in place too). The old bytes wait in a copy next to it until the
    write is done, and are put back if it fails; a crash in between leaves that copy."""
    fd, backup = _temporary(target)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(old)
            fh.flush()
            os.fsync(fh.fileno())
    except BaseException:
        Path(backup).unlink(missing_ok=True)
        raise
    try:
        _overwrite(target, data)
    except OSError as e:
        try:
            _overwrite(target, old)
        except OSError:
            raise SourceError(
                f"{display(name)}: cannot write: {e.strerror or e}; its old text is in {display(backup)}"
            ) from None
        Path(backup).unlink(missing_ok=True)
        raise
    Path(backup).unlink(missing_ok=True)


def _overwrite(path: str, data: bytes) -> None:
    with open(path, "r+b") as fh:
        fh.write(data)
        fh.truncate()
        fh.flush()
        os.fsync(fh.fileno())


def discover(paths: list[str]) -> list[tuple[str, bool]]:
    """The files named, and the text and Markdown files below the folders named (not hidden, not ignored by
    git), in order, without duplicates; each with whether it was named on the command line."""
    found: dict[str, bool] = {}
    for p in paths:
        if not os.path.isdir(p):
            found.setdefault(p, True)
            continue
        walked: list[str] = []
        for root, dirs, files in os.walk(p):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            walked.extend(os.path.join(root, f) for f in sorted(files) if f.lower().endswith(TEXT_SUFFIXES))
        ignored = git_ignored(walked, p)
        for f in walked:
            if f not in ignored:
                found.setdefault(f, False)
    return list(found.items())


def git_ignored(paths: list[str], cwd: str) -> set[str]:
    """The paths git ignores (.gitignore files, .git/info/exclude, the global excludes); none outside a repository.

    Names go to git and come back as the file system's bytes (a name need not be UTF-8: Python keeps such bytes
    as surrogates, `os.fsencode` gives them back)."""
    if not paths:
        return set()
    try:
        done = subprocess.run(
            ["git", "check-ignore", "--stdin", "-z"],
            input=b"\0".join(os.fsencode(os.path.relpath(p, cwd)) for p in paths),
            cwd=cwd,
            capture_output=True,
            check=False,
        )
    except OSError:  # no git on this machine
        return set()
    if done.returncode not in (0, 1):  # 128: not a repository
        return set()
    ignored = {os.path.normpath(os.path.join(cwd, os.fsdecode(q))) for q in done.stdout.split(b"\0") if q}
    return {p for p in paths if os.path.normpath(p) in ignored}
