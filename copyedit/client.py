"""The `copyedit` command's entry point: hand `check` and `fix` to a running `copyedit server`, else run here.

Loading spaCy and its model takes most of a one-file run; a server started with `copyedit server start` keeps
them loaded, and this module, which imports nothing of copyedit's, passes it the command line and prints what
it answers. With no server (or one that answers nothing useful) the command runs in this process as usual.

The command line, folder and environment go only to a socket proven to be this user's: its folder is ours
alone (owner and mode, not a link), the socket file is ours, and on Linux the listening process runs as us
(``SO_PEERCRED``). Anything else may be another user's trap in a shared temporary folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import socket
import stat
import struct
import sys
import tempfile
from pathlib import Path

#: Commands a server runs; the others (review is interactive, `-` reads standard input) always run here.
SERVED = frozenset({"check", "fix"})
#: The environment a run depends on: the server answers only a client whose values match its own.
ENVIRONMENT = ("COPYEDIT_SPACY_MODEL", "COPYEDIT_TRIGGERS", "COPYEDIT_RUNTIME_DIR")
#: The exit code of a command stopped by Ctrl-C, as a shell reports it (128 + SIGINT).
INTERRUPTED = 130
#: The length that goes before each message.
HEADER = struct.Struct("!Q")
_UCRED = struct.Struct("3i")


class Untrusted(Exception):
    """The server's folder or socket may belong to someone else: nothing is sent to it."""


def socket_path() -> Path:
    """Where this installation's server listens: one per user and per copyedit package and environment (venv),
    whichever way it was started (`copyedit`, `python -m copyedit`, `python3 -m copyedit`)."""
    base = os.environ.get("COPYEDIT_RUNTIME_DIR") or os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir()
    package = str(Path(__file__).resolve().parent)
    key = hashlib.sha256(f"{os.path.realpath(sys.prefix)}\0{package}".encode()).hexdigest()[:16]
    return Path(base) / f"copyedit-{os.getuid()}" / f"{key}.sock"


def check_folder(folder: Path) -> bool:
    """Whether the server's folder exists; raises Untrusted when it exists but is not this user's alone."""
    try:
        st = os.lstat(folder)
    except FileNotFoundError:
        return False
    if not stat.S_ISDIR(st.st_mode):
        raise Untrusted(f"{folder} is not a folder (a link or a file); remove it")
    if st.st_uid != os.getuid():
        raise Untrusted(f"{folder} belongs to user {st.st_uid}, not to you; remove it or set COPYEDIT_RUNTIME_DIR")
    if st.st_mode & 0o077:
        raise Untrusted(f"{folder} is open to other users (mode {stat.S_IMODE(st.st_mode):o}); `chmod 700` it")
    return True


def make_folder(folder: Path) -> None:
    """Create the server's folder for this user alone, or check that the existing one is (raises Untrusted)."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):  # what is there is checked next
        folder.mkdir(mode=0o700)
    check_folder(folder)


def peer_uid(sock: socket.socket) -> int | None:
    """The user id of the process at the other end of a Unix socket, where the system says (Linux)."""
    if not hasattr(socket, "SO_PEERCRED"):
        return None
    return _UCRED.unpack(sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, _UCRED.size))[1]


def environment() -> dict[str, str]:
    """The values of ``ENVIRONMENT`` in this process."""
    return {k: os.environ[k] for k in ENVIRONMENT if k in os.environ}


def send(sock: socket.socket, message: dict) -> None:
    """One JSON message, length first."""
    data = json.dumps(message).encode()
    sock.sendall(HEADER.pack(len(data)) + data)


def receive(sock: socket.socket) -> dict | None:
    """One message, or None if the other side closed first."""
    head = _read(sock, HEADER.size)
    if head is None:
        return None
    body = _read(sock, HEADER.unpack(head)[0])
    return None if body is None else json.loads(body)


def _read(sock: socket.socket, size: int) -> bytes | None:
    chunks, left = [], size
    while left:
        chunk = sock.recv(min(left, 1 << 20))
        if not chunk:
            return None
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def request(message: dict, timeout: float | None = None) -> dict | None:
    """The server's answer to ``message``, or None when no server is listening; raises Untrusted (having sent
    nothing) when the socket or its folder could be someone else's."""
    path = socket_path()
    if not check_folder(path.parent):
        return None
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return None
    if not stat.S_ISSOCK(st.st_mode) or st.st_uid != os.getuid():
        raise Untrusted(f"{path} is not a socket of yours (owner {st.st_uid}); remove it")
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(timeout)
            sock.connect(str(path))
            uid = peer_uid(sock)
            if uid is not None and uid != os.getuid():
                raise Untrusted(f"{path} is served by user {uid}, not by you; remove it")
            send(sock, message)
            return receive(sock)
    except OSError:
        return None


def servable(argv: list[str]) -> bool:
    """Whether a server may run this command line: check or fix, on files (not standard input)."""
    return bool(argv) and argv[0] in SERVED and "-" not in argv[1:] and "--stdin-filename" not in argv


def main() -> None:
    """Console-script entry point."""
    argv = sys.argv[1:]
    if servable(argv):
        try:
            answer = request({"op": "run", "argv": argv, "cwd": os.getcwd(), "env": environment()})
        except Untrusted as e:
            sys.stderr.write(f"warning: not using the copyedit server: {e}\n")
            answer = None
        except KeyboardInterrupt:  # the socket is closed: the server sees it and stops the command
            sys.exit(INTERRUPTED)
        if answer is not None and answer.get("op") == "done":
            sys.stdout.buffer.write(answer["stdout"].encode("latin-1"))
            sys.stderr.buffer.write(answer["stderr"].encode("latin-1"))
            sys.stdout.flush()
            sys.exit(answer["code"])
    from copyedit.cli import main as run_here

    run_here()
