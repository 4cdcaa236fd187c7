"""`copyedit server`: one process that keeps spaCy, the model and the rules loaded, and runs `check` and `fix`
command lines for `copyedit.client` on a Unix socket only its user can reach.

Each command runs in a process forked from the warm server, in the client's folder, with caches of
configuration cleared; a client that leaves (Ctrl-C) interrupts its command as Ctrl-C interrupts a local run.
The server itself only reads requests and never waits on one client: a client has a few seconds to send its
request, and a client of another user is refused. One server per socket (a lock); it stops itself when the
copyedit sources change under it (the client then runs the command itself) and after ``idle`` seconds without
a request.
"""

from __future__ import annotations

import contextlib
import fcntl
import gc
import io
import json
import os
import select
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

from copyedit import client, nlp

#: Seconds without a request after which the server exits.
IDLE = 30 * 60
#: Seconds a client has to send its whole request.
READ_TIMEOUT = 5.0
#: Seconds an interrupted command has to stop before it is killed.
GRACE = 10.0
#: The largest request read (a command line naming many thousand files fits).
MAX_REQUEST = 64 << 20
_SIGNALS = {signal.SIGINT, signal.SIGTERM}


def serve(idle: float = IDLE) -> None:
    """Listen until told to stop, left idle, or outdated by a change to copyedit's sources; return at once when
    another server holds this socket's lock (that one serves). Raises client.Untrusted for a folder not ours."""
    path = client.socket_path()
    client.make_folder(path.parent)
    lock = _lock(path.with_suffix(".lock"), wait=60.0)
    if lock is None:
        return
    from copyedit import cache
    from copyedit.rule import catalogue

    _warm_up(catalogue())
    version = cache.code_version()
    with contextlib.suppress(FileNotFoundError):
        path.unlink()  # a dead server's: the lock says no live one owns it
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(path))
    listener.listen(64)
    loop = _Loop(listener, path, version, idle, lock)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        loop.run()
    finally:
        loop.close_listener()


def _lock(path: Path, wait: float) -> int | None:
    """Take this socket's lock for the life of the process; None when another server holds it and answers, or
    still holds it after ``wait`` seconds (while it answers nobody, it is starting or finishing its last
    commands after a stop)."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return fd
        except BlockingIOError:
            if status() is not None or time.monotonic() > deadline:
                os.close(fd)
                return None
            time.sleep(0.2)


def _warm_up(rules: dict) -> None:
    """Run every rule once over its own examples, so that what loads on first use (word lists, lemminflect's
    tables, the recogniser) is loaded before the first request rather than during it."""
    from copyedit.engine import check_text

    nlp.load()
    text = "\n\n".join(ex.text for r in rules.values() for ex in r.examples)
    check_text(text)
    with tempfile.TemporaryDirectory() as folder:  # and the command line's own first-use costs
        Path(folder, "warm-up.md").write_text(text, encoding="utf-8")
        try:
            run(["check", "--no-cache", "warm-up.md"], folder)
        except Exception:  # only a speed-up; a command that fails so fails for the client too
            traceback.print_exc()
    gc.freeze()  # the collector in a forked command leaves the server's objects (and their pages) alone


@dataclass(eq=False)
class _Client:
    """One connection: its request as it arrives, then its command, waiting or running in a process."""

    sock: socket.socket
    fd: int
    deadline: float
    data: bytearray = field(default_factory=bytearray)
    message: dict | None = None
    pid: int = 0
    interrupted: float = 0.0


class _Loop:
    """Accept, read requests without blocking, fork a process per command (as many at once as there are
    cores), and interrupt a command whose client has left."""

    def __init__(self, listener: socket.socket, path: Path, version: str, idle: float, lock: int) -> None:
        self.listener, self.path, self.version, self.idle, self.lock = listener, path, version, idle, lock
        st = os.lstat(path)
        self.inode = (st.st_dev, st.st_ino)  # to remove only the socket this server made
        self.poll = select.poll()
        self.poll.register(listener, select.POLLIN)
        self.listening = listener.fileno()
        self.clients: dict[int, _Client] = {}  # by file descriptor
        self.waiting: list[_Client] = []
        self.jobs: dict[int, _Client] = {}  # by process id
        self.most = os.cpu_count() or 1
        self.stopping = False
        self.last = time.monotonic()

    def run(self) -> None:
        while not (self.stopping and not self.clients):
            if not self.clients and time.monotonic() - self.last > self.idle:
                return
            for fd, _ in self.poll.poll(250):
                if fd == self.listening and not self.stopping:
                    self._accept()
                elif fd in self.clients:
                    self._readable(self.clients[fd])
            self._reap()
            self._expire()

    def close_listener(self) -> None:
        """Stop listening, and remove the socket if it is still the one this server made."""
        if self.listener.fileno() == -1:
            return
        with contextlib.suppress(KeyError):
            self.poll.unregister(self.listening)
        with contextlib.suppress(OSError):
            st = os.lstat(self.path)
            if (st.st_dev, st.st_ino) == self.inode:
                self.path.unlink()
        self.listener.close()

    def _accept(self) -> None:
        try:
            sock, _ = self.listener.accept()
        except OSError:
            return
        uid = client.peer_uid(sock)
        if uid not in (None, os.getuid()):  # root, or a user with its powers, can reach any socket
            print(f"refused a connection from user {uid}", file=sys.stderr, flush=True)
            sock.close()
            return
        sock.setblocking(False)
        c = _Client(sock, sock.fileno(), time.monotonic() + READ_TIMEOUT)
        self.clients[c.fd] = c
        self.poll.register(sock, select.POLLIN)
        self.last = time.monotonic()

    def _readable(self, c: _Client) -> None:
        if c.pid:
            self._interrupt(c)
            return
        try:
            chunk = b"" if c.message is not None else c.sock.recv(1 << 20)
        except BlockingIOError:
            return
        except OSError:
            chunk = b""
        if not chunk:  # gone (or, waiting, it said more than its request)
            self._drop(c)
            return
        c.data += chunk
        try:
            message = _message(c.data)
            if message is not None:
                self._handle(c, message)
        except Exception:  # one client's request never stops the server
            traceback.print_exc()
            self._drop(c)

    def _handle(self, c: _Client, message: dict) -> None:
        reply = _reply_to(message, self.version)
        if reply is None:
            c.message = message
            self.waiting.append(c)
            self._next()
            return
        with contextlib.suppress(OSError):  # the client may have left already
            c.sock.settimeout(READ_TIMEOUT)
            client.send(c.sock, reply)
        self._drop(c)
        if reply["op"] in ("stopping", "outdated"):
            self.stopping = True
            self.close_listener()
            for other in [o for o in self.clients.values() if not o.pid]:
                self._drop(other)

    def _next(self) -> None:
        """Start waiting commands while fewer than ``most`` run."""
        while self.waiting and len(self.jobs) < self.most:
            c = self.waiting.pop(0)
            sys.stdout.flush()
            sys.stderr.flush()
            # a signal to the new process waits until it is inside _child, never in a copy of this loop
            signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)
            try:
                pid = os.fork()
                if pid == 0:
                    self._child(c, c.message or {})
            finally:
                signal.pthread_sigmask(signal.SIG_UNBLOCK, _SIGNALS)
            c.pid = pid
            self.jobs[pid] = c

    def _child(self, c: _Client, message: dict) -> NoReturn:
        """Run one command in this forked process and answer its client; never returns."""
        try:
            try:
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                signal.signal(signal.SIGINT, signal.default_int_handler)
                signal.pthread_sigmask(signal.SIG_UNBLOCK, _SIGNALS)
                for other in self.clients.values():
                    if other is not c:
                        other.sock.close()
                self.listener.close()
                os.close(self.lock)
                c.sock.setblocking(True)
                answer = {"op": "done", **run(message["argv"], message["cwd"])}
                with contextlib.suppress(OSError):  # the client may have left: nobody to answer
                    client.send(c.sock, answer)
                signal.signal(signal.SIGINT, signal.SIG_IGN)
            except KeyboardInterrupt:
                pass  # its client left
            except BaseException:
                traceback.print_exc()  # to the log; the client, answered nothing, runs the command itself
                sys.stderr.flush()
        finally:
            os._exit(0)

    def _interrupt(self, c: _Client) -> None:
        """The client left while its command ran: interrupt the command as Ctrl-C would."""
        with contextlib.suppress(KeyError):
            self.poll.unregister(c.fd)
        c.interrupted = time.monotonic()
        with contextlib.suppress(ProcessLookupError):
            os.kill(c.pid, signal.SIGINT)

    def _reap(self) -> None:
        while self.jobs:
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                break
            c = self.jobs.pop(pid, None)
            if c is not None:
                self._drop(c)
                self.last = time.monotonic()
        self._next()

    def _expire(self) -> None:
        now = time.monotonic()
        for c in list(self.clients.values()):
            if c.message is None and now > c.deadline:
                self._drop(c)  # sent no whole request in time
            elif c.interrupted and now - c.interrupted > GRACE:
                c.interrupted = now
                with contextlib.suppress(ProcessLookupError):
                    os.kill(c.pid, signal.SIGKILL)

    def _drop(self, c: _Client) -> None:
        with contextlib.suppress(KeyError):
            self.poll.unregister(c.fd)
        self.clients.pop(c.fd, None)
        if c in self.waiting:
            self.waiting.remove(c)
        c.sock.close()


def _message(data: bytearray) -> dict | None:
    """The request in ``data`` once all of it has arrived; ValueError when it cannot be one."""
    if len(data) < client.HEADER.size:
        return None
    (size,) = client.HEADER.unpack_from(data)
    if size > MAX_REQUEST:
        raise ValueError(f"a request of {size} bytes")
    if len(data) < client.HEADER.size + size:
        return None
    message = json.loads(bytes(data[client.HEADER.size : client.HEADER.size + size]))
    if not isinstance(message, dict):
        raise ValueError("a request that is not an object")
    return message


def _reply_to(message: dict, version: str) -> dict | None:
    """The answer to a request that runs no command (status, stop, or a run refused); None to run it."""
    from copyedit import cache

    op = message.get("op")
    if op == "status":
        return {"op": "status", "pid": os.getpid()}
    if op != "run":
        return {"op": "stopping"} if op == "stop" else {"op": "unknown"}
    cache.code_version.cache_clear()
    if cache.code_version() != version:
        return {"op": "outdated"}
    if message.get("env") != client.environment():
        return {"op": "refused", "why": "different COPYEDIT_ environment"}
    argv, cwd = message.get("argv"), message.get("cwd")
    if not (isinstance(argv, list) and all(isinstance(a, str) for a in argv) and isinstance(cwd, str)):
        return {"op": "refused", "why": "not a command line"}
    return None


def run(argv: list[str], cwd: str) -> dict:
    """Run one command line as `copyedit` would, in ``cwd``: its exit code and everything it printed."""
    from copyedit import config
    from copyedit.cli import app

    config.for_folder.cache_clear()
    out, err = _capture(), _capture()
    here = os.getcwd()
    code = 0
    try:
        os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            app(args=argv, prog_name="copyedit")
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else (0 if e.code is None else 1)
    finally:
        os.chdir(here)
    return {"code": code, "stdout": _bytes(out), "stderr": _bytes(err)}


def _capture() -> io.TextIOWrapper:
    """A text stream with a ``buffer``, as sys.stdout has (the CLI writes fixed files' bytes to it)."""
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="surrogateescape", write_through=True)


def _bytes(stream: io.TextIOWrapper) -> str:
    stream.flush()
    return stream.buffer.getvalue().decode("latin-1")  # type: ignore[attr-defined]


def start(idle: float = IDLE, wait: float = 60.0) -> int | None:
    """Start a server in the background unless one answers already; its process id, or None if it did not
    come up within ``wait`` seconds. Raises client.Untrusted when the socket's folder is not ours alone."""
    running = status()
    if running is not None:
        return running
    path = client.socket_path()
    client.make_folder(path.parent)
    with open(path.with_suffix(".log"), "ab") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "copyedit.server", str(idle)],
            stdin=subprocess.DEVNULL,
            stdout=sink,
            stderr=sink,
            start_new_session=True,
        )
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        pid = status()
        if pid is not None:
            return pid
        if process.poll() not in (None, 0):  # it failed (its log says why); 0: another one is starting
            return None
        time.sleep(0.1)
    return None


def status() -> int | None:
    """The process id of the server answering on this installation's socket, if any."""
    answer = client.request({"op": "status"}, timeout=5)
    return answer.get("pid") if answer else None


def stop() -> bool:
    """Ask the server to exit; whether one was running."""
    return client.request({"op": "stop"}, timeout=5) is not None


if __name__ == "__main__":
    try:
        serve(float(sys.argv[1]) if len(sys.argv) > 1 else IDLE)
    except client.Untrusted as e:
        sys.exit(f"error: {e}")
