"""The `copyedit` command's entry point: hand `check` and `fix` to a running `copyedit server`, else run here.

Loading spaCy and its model takes most of a one-file run; a server started with `copyedit server start` keeps
them loaded, and this module, which imports nothing of copyedit's, passes it the command line and prints what
it answers. With no server (or one that answers nothing useful) the command runs in this process as usual.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import struct
import sys
import tempfile
from pathlib import Path

#: Commands a server runs; the others (review is interactive, `-` reads standard input) always run here.
SERVED = frozenset({"check", "fix"})
#: The environment a run depends on: the server answers only a client whose values match its own.
ENVIRONMENT = ("COPYEDIT_SPACY_MODEL", "COPYEDIT_TRIGGERS", "COPYEDIT_RUNTIME_DIR")
_HEADER = struct.Struct("!Q")


def socket_path() -> Path:
    """Where this installation's server listens: one per user and per copyedit package (so per venv/clone)."""
    base = os.environ.get("COPYEDIT_RUNTIME_DIR") or os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir()
    package = str(Path(__file__).resolve().parent)
    key = hashlib.sha256(f"{sys.executable}\0{package}".encode()).hexdigest()[:16]
    return Path(base) / f"copyedit-{os.getuid()}" / f"{key}.sock"


def environment() -> dict[str, str]:
    """The values of ``ENVIRONMENT`` in this process."""
    return {k: os.environ[k] for k in ENVIRONMENT if k in os.environ}


def send(sock: socket.socket, message: dict) -> None:
    """One JSON message, length first."""
    data = json.dumps(message).encode()
    sock.sendall(_HEADER.pack(len(data)) + data)


def receive(sock: socket.socket) -> dict | None:
    """One message, or None if the other side closed first."""
    head = _read(sock, _HEADER.size)
    if head is None:
        return None
    body = _read(sock, _HEADER.unpack(head)[0])
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
    """The server's answer to ``message``, or None when no server is listening."""
    path = socket_path()
    if not path.exists():
        return None
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(timeout)
            sock.connect(str(path))
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
        answer = request({"op": "run", "argv": argv, "cwd": os.getcwd(), "env": environment()})
        if answer is not None and answer.get("op") == "done":
            sys.stdout.buffer.write(answer["stdout"].encode("latin-1"))
            sys.stderr.buffer.write(answer["stderr"].encode("latin-1"))
            sys.stdout.flush()
            sys.exit(answer["code"])
    from copyedit.cli import main as run_here

    run_here()
