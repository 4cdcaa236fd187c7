"""Apply reviewed patch files to the files they name, safely enough for a patch from a stranger.

A patch names paths; check_path refuses those `git apply` refuses, and this module reaches each file
from the working folder one component at a time, never through a symbolic link (as `git apply`: "beyond a
symbolic link"), and only if it is a regular file. A patch is applied whole or not at all.
"""

from __future__ import annotations

import os
import re
import stat
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from copyedit import source
from copyedit.patch import FilePatch, PatchError, apply_patch, parse_patch, printable

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_DIR_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | _NOFOLLOW | _CLOEXEC
#: Non-blocking and no controlling terminal: opening a FIFO or a terminal swapped in for the file cannot hang.
_FILE_FLAGS = os.O_RDONLY | _NOFOLLOW | _CLOEXEC | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
_KINDS = {stat.S_IFDIR: "a folder", stat.S_IFIFO: "a FIFO", stat.S_IFCHR: "a device", stat.S_IFBLK: "a device"}
_KINDS |= {stat.S_IFSOCK: "a socket"}


#: Characters HFS+ ignores in names, so that ".g\u200cit" is ".git" there (git's is_hfs_dotgit).
_HFS_IGNORED = re.compile("[\u200c-\u200f\u202a-\u202e\u206a-\u206f\ufeff]")
_DRIVE = re.compile("[A-Za-z]:")
_GIT_APPLY = " (as `git apply`, copyedit refuses that)"


def check_path(path: str) -> None:
    """Refuse a path that `git apply` refuses (git's verify_path, read-cache.c), as a PatchError that says why.

    Absolute paths, drives and `..` reach outside the working folder; a `.git` folder in any case or disguise
    (NTFS's trailing dots and spaces, `git~1` and streams, HFS+'s ignored characters) holds git's config and
    hooks; empty and `.` components have no place in a diff. Backslashes (folder separators on Windows) and
    control or invisible characters, which git allows on Unix, are refused too: no article needs them, and a
    name that prints as another one is a trap."""
    parts = path.split("/")
    if not path:
        why = "no file"
    elif path.startswith("/") or _DRIVE.match(path) or ".." in parts:
        why = f"{printable(path)}, outside the working folder{_GIT_APPLY}"
    elif any(_is_dotgit(p) for p in parts):
        why = f"{printable(path)}, inside git's own .git folder{_GIT_APPLY}"
    elif "" in parts or "." in parts:
        why = f"{printable(path)}, with an empty or `.` component{_GIT_APPLY}"
    elif any(unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp") for c in path):
        why = f"{printable(path)}, with a control or invisible character in it; rename the file first"
    elif "\\" in path:
        why = f"{printable(path)}, with a backslash in it (a folder separator on Windows); rename the file first"
    else:
        return
    raise PatchError(f"it names {why}")


def _is_dotgit(part: str) -> bool:
    """Whether a path component is `.git` on some file system: any case, HFS+'s ignored characters, NTFS's
    trailing dots and spaces, its alternate streams (`.git::$INDEX_ALLOCATION`) and short name `git~1`."""
    name = _HFS_IGNORED.sub("", part).split(":")[0].rstrip(". ").lower()
    return name in (".git", "git~1")


class Unsafe(Exception):
    """A file a patch may not touch (behind or being a symbolic link, not a regular file); says why."""


@dataclass
class Outcome:
    """What applying one patch file did: whether it was applied, the files it changed, and the errors (each one
    line naming the patch and the file)."""

    patch: Path
    applied: bool = False
    changed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


#: A patch longer than this is not a review of articles (source.MAX_BYTES each) but a mistake, or an attack.
MAX_PATCH_BYTES = 4 * source.MAX_BYTES


def patch_files(args: Iterable[Path]) -> list[Path]:
    """The patch files named (a pipe too), and the regular *.patch files below the folders named, in order."""
    return [q for p in args for q in (sorted(q for q in p.rglob("*.patch") if q.is_file()) if p.is_dir() else [p])]


def apply_file(patch: Path) -> Outcome:
    """Apply every file of one patch, or none: a patch with one stale, unsafe or unmatched file is refused whole.

    Sections naming the same file apply in order, each to the text the one before left (as `git apply` does)."""
    outcome, name = Outcome(patch), printable(str(patch))
    try:
        with patch.open("rb") as fh:
            data = fh.read(MAX_PATCH_BYTES + 1)
        if len(data) > MAX_PATCH_BYTES:
            raise PatchError(f"longer than {MAX_PATCH_BYTES // 2**20} MiB")
        text = data.decode("utf-8")
    except (OSError, UnicodeDecodeError, PatchError) as e:
        outcome.errors.append(f"{name}: cannot read the patch: {getattr(e, 'strerror', None) or e}")
        return outcome
    try:
        updates = _patched(parse_patch(text))
    except (PatchError, Unsafe, source.SourceError) as e:
        outcome.errors.append(f"{name}: refused: {e}")
        return outcome
    outcome.applied = True
    for (path, ident), (old, new) in updates.items():
        if new == old:
            continue
        try:
            if _identity(_stat_inside(path)) != ident:  # swapped since it was read
                raise Unsafe(f"{path}: the file was replaced while copyedit worked on it; not written")
            # bom=False: the BOM is part of the text here, so a patch may add or remove one.
            source.write(source.Source(path, old, bom=False), new)
        except (OSError, Unsafe, source.SourceError) as e:
            outcome.errors.append(f"{name}: {e}")
            continue
        outcome.changed.append(path)
    return outcome


def _patched(files: list[FilePatch]) -> dict[tuple[str, tuple[int, int]], tuple[str, str]]:
    """Each file's old and new text (a BOM included as a character, as git sees it), keyed by its path and
    identity, so that two names of one file (or two sections for it) cannot each write a different result."""
    for fp in files:
        check_path(fp.path)  # every path, before any file is read
    texts: dict[tuple[int, int], tuple[str, str, str]] = {}  # identity: (first path, old text, text so far)
    for fp in files:
        try:
            data, info = read_inside(fp.path)
        except OSError as e:
            raise Unsafe(f"{fp.path}: cannot read: {e.strerror or e}") from None
        ident = _identity(info)
        if ident not in texts:
            src = source.decode(fp.path, data)
            old = ("\ufeff" if src.bom else "") + src.text
            texts[ident] = (fp.path, old, old)
        path, old, now = texts[ident]
        try:
            texts[ident] = (path, old, apply_patch(fp, now, now.encode("utf-8")))
        except PatchError as e:
            again = "; an earlier section of the patch changes this file, and this one must apply to its result"
            raise PatchError(f"{fp.path}: {e}{again if now != old else ''}") from None
    return {(path, ident): (old, new) for ident, (path, old, new) in texts.items()}


def _identity(info: os.stat_result) -> tuple[int, int]:
    return info.st_dev, info.st_ino


def read_inside(path: str) -> tuple[bytes, os.stat_result]:
    """The bytes (at most source.MAX_BYTES + 1) and status of a regular file below the working folder, reached
    without following a symbolic link; ``path`` is relative, with `/` between components (check_path).

    Each folder is opened relative to the one before (dir_fd, O_NOFOLLOW), so a link swapped in after a check
    is not followed either; the file itself is checked before it is opened, so a device is never opened."""
    if os.open not in os.supports_dir_fd or not _NOFOLLOW:
        return _read_by_name(path)
    *folders, name = path.split("/")
    fd = os.open(".", os.O_RDONLY | _CLOEXEC)
    try:
        for i, folder in enumerate(folders):
            _check(os.stat(folder, dir_fd=fd, follow_symlinks=False), path, "/".join(folders[: i + 1]))
            fd, parent = os.open(folder, _DIR_FLAGS, dir_fd=fd), fd
            os.close(parent)
        before = os.stat(name, dir_fd=fd, follow_symlinks=False)
        _check(before, path)
        file = os.open(name, _FILE_FLAGS, dir_fd=fd)
    finally:
        os.close(fd)
    try:
        info = os.fstat(file)
        _check(info, path)
        if _identity(info) != _identity(before):
            raise Unsafe(f"{path}: the file was replaced while copyedit read it; not read")
        return _read_all(file), info
    finally:
        os.close(file)


def _read_by_name(path: str) -> tuple[bytes, os.stat_result]:
    """read_inside where folders cannot be opened relative to each other (Windows): checked by name, then read."""
    _stat_inside(path)
    with open(path, "rb") as fh:
        info = os.fstat(fh.fileno())
        _check(info, path)
        return _read_all(fh.fileno()), info


def _stat_inside(path: str) -> os.stat_result:
    """The file's status, after the same checks as read_inside (just before it is written)."""
    parts = path.split("/")
    for i in range(1, len(parts)):
        _check(os.lstat("/".join(parts[:i])), path, "/".join(parts[:i]))
    info = os.lstat(path)
    _check(info, path)
    return info


def _check(info: os.stat_result, path: str, folder: str | None = None) -> None:
    """Refuse a symbolic link on the way to ``path`` (at ``folder``) or at its end, and a file of another kind."""
    mode = info.st_mode
    if folder is not None and stat.S_ISLNK(mode):
        raise Unsafe(f"{path}: {folder} is a symbolic link, and copyedit does not write beyond one (as `git apply`)")
    if folder is not None and not stat.S_ISDIR(mode):
        raise Unsafe(f"{path}: {folder} is not a folder")
    if stat.S_ISLNK(mode):
        raise Unsafe(f"{path}: a symbolic link; copyedit changes only regular files, never what a link points to")
    if folder is None and not stat.S_ISREG(mode):
        kind = _KINDS.get(stat.S_IFMT(mode), "a special file")
        raise Unsafe(f"{path}: {kind}, not a regular file; copyedit changes only regular files")


def _read_all(fd: int) -> bytes:
    """Up to source.MAX_BYTES + 1 bytes, enough for source.decode to say that a file is too large."""
    chunks, size = [], 0
    while size <= source.MAX_BYTES and (chunk := os.read(fd, source.MAX_BYTES + 1 - size)):
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)
