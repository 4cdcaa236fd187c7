"""`copyedit server`: one process that keeps spaCy, the model and the rules loaded, and runs `check` and `fix`
command lines for `copyedit.client` on a Unix socket only its user can reach.

It serves one command at a time, in the client's folder, with caches of configuration cleared for each; it
stops itself when the copyedit sources change under it (the client then runs the command itself) and after
``idle`` seconds without a request.
"""

from __future__ import annotations

import contextlib
import io
import os
import socket
import subprocess
import sys
import time

from copyedit import client, nlp

#: Seconds without a request after which the server exits.
IDLE = 30 * 60


def serve(idle: float = IDLE) -> None:
    """Listen until told to stop, left idle, or outdated by a change to copyedit's sources."""
    from copyedit import cache
    from copyedit.rule import catalogue

    _warm_up(catalogue())
    version = cache.code_version()
    path = client.socket_path()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(path.parent, 0o700)
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as listener:
        listener.bind(str(path))
        listener.listen(16)
        listener.settimeout(idle)
        try:
            while True:
                try:
                    conn, _ = listener.accept()
                except TimeoutError:
                    return
                with conn:
                    if not _answer(conn, version):
                        return
        finally:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()


def _warm_up(rules: dict) -> None:
    """Run every rule once over its own examples, so that what loads on first use (word lists, lemminflect's
    tables, the recogniser) is loaded before the first request rather than during it."""
    from copyedit.engine import check_text

    nlp.load()
    check_text("\n\n".join(ex.text for r in rules.values() for ex in r.examples))


def _answer(conn: socket.socket, version: str) -> bool:
    """Handle one request; False when the server should stop."""
    from copyedit import cache

    message = client.receive(conn)
    op = (message or {}).get("op")
    if op == "status":
        client.send(conn, {"op": "status", "pid": os.getpid()})
        return True
    if op != "run":
        client.send(conn, {"op": "stopping"})
        return op != "stop"
    cache.code_version.cache_clear()
    if cache.code_version() != version:
        client.send(conn, {"op": "outdated"})
        return False
    if message.get("env") != client.environment():
        client.send(conn, {"op": "refused", "why": "different COPYEDIT_ environment"})
        return True
    client.send(conn, {"op": "done", **run(message["argv"], message["cwd"])})
    return True


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
    come up within ``wait`` seconds."""
    running = status()
    if running is not None:
        return running
    log = client.socket_path().with_suffix(".log")
    log.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with open(log, "ab") as sink:
        subprocess.Popen(
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
    serve(float(sys.argv[1]) if len(sys.argv) > 1 else IDLE)
