"""Read and write files faithfully: encoding, BOM, newlines, final newline and mode are kept."""

from __future__ import annotations

import codecs
import os
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

MAX_BYTES = 10 * 1024 * 1024  # an article is never this long; a bigger file is a mistake
MARKDOWN_SUFFIXES = (".md", ".markdown")
TEXT_SUFFIXES = (".txt", *MARKDOWN_SUFFIXES)


class SourceError(Exception):
    """A file that cannot be read or written as text; the message names it and says why."""


@dataclass(frozen=True)
class Source:
    """A text file's content and what is needed to write it back byte for byte."""

    path: str
    text: str
    bom: bool = False

    @property
    def markup(self) -> str:
        """How the text is marked up, from the file name: "markdown" or "text"."""
        return "markdown" if self.path.lower().endswith(MARKDOWN_SUFFIXES) else "text"

    def encode(self, text: str | None = None) -> bytes:
        """The file's bytes for ``text`` (default: its own), with its BOM."""
        data = (self.text if text is None else text).encode("utf-8")
        return codecs.BOM_UTF8 + data if self.bom else data


def decode(path: str, data: bytes) -> Source:
    """A Source from raw bytes, or a SourceError that says what is wrong with them."""
    if len(data) > MAX_BYTES:
        raise SourceError(f"{path}: file is larger than {MAX_BYTES // 2**20} MiB; skipped")
    bom = data.startswith(codecs.BOM_UTF8)
    body = data[len(codecs.BOM_UTF8) :] if bom else data
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in body[:8192]:
        raise SourceError(f"{path}: looks binary (or UTF-16); only UTF-8 text is read")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as e:
        raise SourceError(f"{path}: not valid UTF-8 (byte {e.start}); convert it to UTF-8 first") from None
    return Source(path=path, text=text, bom=bom)


def read(path: str | Path) -> Source:
    """Read one file as a Source."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise SourceError(f"{name}: cannot read: {e.strerror or e}") from None
    return decode(name, data)


def write(source: Source, text: str) -> None:
    """Replace the file's content with ``text`` atomically, keeping its BOM and mode (a read-only file stays
    read-only, as `sed -i` leaves it); refuse to overwrite a file that changed since it was read (someone
    else's edit would be lost)."""
    target = Path(source.path)
    try:
        mode = target.stat().st_mode & 0o7777
        if target.read_bytes() != source.encode():
            raise SourceError(f"{source.path}: the file changed while copyedit worked on it; not written")
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".copyedit")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(source.encode(text))
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, mode)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as e:
        raise SourceError(f"{source.path}: cannot write: {e.strerror or e}") from None


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
    """The paths git ignores (.gitignore files, .git/info/exclude, the global excludes); none outside a repository."""
    if not paths:
        return set()
    try:
        done = subprocess.run(
            ["git", "check-ignore", "--stdin", "-z"],
            input="\0".join(os.path.relpath(p, cwd) for p in paths).encode(),
            cwd=cwd,
            capture_output=True,
            check=False,
        )
    except OSError:  # no git on this machine
        return set()
    if done.returncode not in (0, 1):  # 128: not a repository
        return set()
    ignored = {os.path.normpath(os.path.join(cwd, q)) for q in done.stdout.decode().split("\0") if q}
    return {p for p in paths if os.path.normpath(p) in ignored}
