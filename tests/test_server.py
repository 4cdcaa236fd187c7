"""`copyedit server`: the same output, exit code and written files as a run in the command's own process."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from copyedit import client, server

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
EXE = str(Path(sys.executable).with_name("copyedit"))
HERE = [sys.executable, "-c", "from copyedit.cli import main; main()"]


@pytest.fixture
def env(tmp_path: Path) -> Iterator[dict[str, str]]:
    """An environment whose server socket lives under ``tmp_path``; a server started in it is stopped after."""
    runtime = tmp_path / "run"
    runtime.mkdir()
    environ = {**os.environ, "COPYEDIT_RUNTIME_DIR": str(runtime)}
    yield environ
    _stopped(environ)


def _started(env: dict[str, str], idle: int = 5) -> None:
    command = [EXE, "server", "start", "--idle", str(idle)]
    p = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert subprocess.run([EXE, "server", "status"], env=env, capture_output=True, timeout=30).returncode == 0


def _stopped(env: dict[str, str]) -> None:
    """Stop the server of ``env``, and kill what is left of any other started there (a test that failed)."""
    subprocess.run([EXE, "server", "stop"], env=env, capture_output=True, timeout=60)
    for p in _servers(env["COPYEDIT_RUNTIME_DIR"], forks=True):
        p.kill()


def test_check_through_the_server_prints_what_a_local_run_prints(env: dict[str, str], tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    shutil.copy(next(SEEDS.glob("*.txt")), article)
    local = subprocess.run([*HERE, "check", "--no-cache", "story.txt"], cwd=tmp_path, env=env, capture_output=True)
    _started(env)
    served = subprocess.run([EXE, "check", "--no-cache", "story.txt"], cwd=tmp_path, env=env, capture_output=True)
    assert local.returncode == served.returncode == 1
    assert served.stdout == local.stdout and b"FRG001" in served.stdout
    assert served.stderr == local.stderr


def test_fix_through_the_server_writes_what_a_local_fix_writes(env: dict[str, str], tmp_path: Path) -> None:
    seed = next(SEEDS.glob("*.txt"))
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        shutil.copy(seed, tmp_path / name / "story.txt")
    subprocess.run([*HERE, "fix", "--no-cache", "story.txt"], cwd=tmp_path / "a", env=env, check=True)
    _started(env)
    subprocess.run([EXE, "fix", "--no-cache", "story.txt"], cwd=tmp_path / "b", env=env, check=True)
    fixed = (tmp_path / "b" / "story.txt").read_bytes()
    assert fixed == (tmp_path / "a" / "story.txt").read_bytes() != seed.read_bytes()


def test_a_different_environment_runs_in_the_client(env: dict[str, str], tmp_path: Path) -> None:
    """A client whose COPYEDIT_ settings differ from the server's is refused and runs the command itself."""
    (tmp_path / "story.txt").write_text("The reports suggests a rise.\n", encoding="utf-8")
    _started(env)
    other = {**env, "COPYEDIT_SPACY_MODEL": "no_such_model_xyz"}
    p = subprocess.run([EXE, "check", "story.txt"], cwd=tmp_path, env=other, capture_output=True, text=True)
    assert p.returncode == 2 and "no_such_model_xyz" in p.stderr


def test_standard_input_never_goes_to_the_server() -> None:
    assert client.servable(["check", "a.md"]) and client.servable(["fix", "--diff", "docs/"])
    assert not client.servable(["fix", "-"]) and not client.servable(["review", "a.md"])
    assert not client.servable(["check", "--stdin-filename", "x.md"]) and not client.servable([])


def test_an_outdated_server_answers_nothing_and_stops() -> None:
    """When the sources changed since the server started, it says so and stops; the client then runs here."""
    message = {"op": "run", "argv": ["check", "x.txt"], "cwd": "/", "env": client.environment()}
    assert server._reply_to(message, version="not the current sources") == {"op": "outdated"}


def test_no_server_means_no_answer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COPYEDIT_RUNTIME_DIR", str(tmp_path))
    assert client.request({"op": "status"}) is None
    assert server.status() is None and server.stop() is False


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """One server for the tests below that need any running server (each start loads the model)."""
    runtime = tmp_path_factory.mktemp("shared-run")
    environ = {**os.environ, "COPYEDIT_RUNTIME_DIR": str(runtime)}
    # idle for a minute at most: on a busy machine five seconds between two tests let it stop, and the next test's
    # command then ran in the client, not through the server it is about (the fixture stops it at the end)
    _started(environ, idle=60)
    yield environ
    _stopped(environ)


def test_a_client_that_sends_nothing_holds_up_nobody(shared: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A connection that sends part of a request, or nothing, neither delays others nor kills the server."""
    monkeypatch.setenv("COPYEDIT_RUNTIME_DIR", shared["COPYEDIT_RUNTIME_DIR"])
    silent, partial = socket.socket(socket.AF_UNIX), socket.socket(socket.AF_UNIX)
    with silent, partial:
        silent.connect(str(client.socket_path()))
        partial.connect(str(client.socket_path()))
        partial.sendall(b"\0\0\0")
        began = time.monotonic()
        assert server.status() is not None
        assert time.monotonic() - began < 2
    with socket.socket(socket.AF_UNIX) as leaving:  # asks, and leaves before the answer
        leaving.connect(str(client.socket_path()))
        client.send(leaving, {"op": "status"})
    time.sleep(0.5)
    assert server.status() is not None


def test_the_server_drops_a_silent_client_after_a_few_seconds(
    shared: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COPYEDIT_RUNTIME_DIR", shared["COPYEDIT_RUNTIME_DIR"])
    with socket.socket(socket.AF_UNIX) as silent:
        silent.settimeout(server.READ_TIMEOUT + 5)
        silent.connect(str(client.socket_path()))
        began = time.monotonic()
        assert silent.recv(1) == b""
        assert server.READ_TIMEOUT - 1 < time.monotonic() - began < server.READ_TIMEOUT + 2


def test_every_way_of_running_copyedit_finds_the_same_server(shared: dict[str, str]) -> None:
    """`copyedit`, `python -m copyedit` and `python3 -m copyedit` are one installation, with one socket."""
    python3 = str(Path(sys.executable).with_name("python3"))
    for runner in ([sys.executable, "-m", "copyedit"], [python3, "-m", "copyedit"]):
        p = subprocess.run([*runner, "server", "status"], env=shared, capture_output=True, text=True, timeout=60)
        assert p.returncode == 0, (runner, p.stderr)


def test_ctrl_c_on_a_served_fix_stops_its_writes(shared: dict[str, str], tmp_path: Path) -> None:
    """Ctrl-C closes the client's connection (exit 130); the server interrupts the command, as Ctrl-C would
    interrupt a local run (no file written after it, none half-written), and goes on serving."""
    seed = next(SEEDS.glob("*.txt")).read_text(encoding="utf-8")
    # A run may finish before the signal lands (on a busy machine the test process waits its turn): then the
    # same is tried on three times as many files, in a fresh folder.
    for attempt, count in enumerate((200, 600)):
        folder = tmp_path / f"attempt{attempt}"
        folder.mkdir()
        code, err, settled = _interrupted_fix(shared, folder, seed, count)
        if not (code == 0 and settled == count):
            break
    assert code == client.INTERRUPTED and b"Traceback" not in err, err
    assert 0 < settled < count
    assert not list(folder.glob(".*.copyedit"))
    assert subprocess.run([EXE, "server", "status"], env=shared, capture_output=True).returncode == 0


def _interrupted_fix(shared: dict[str, str], folder: Path, seed: str, count: int) -> tuple[int, bytes, int]:
    """Ctrl-C on a served `fix` of ``count`` files once the first is written: its exit code, what it printed on
    standard error, and how many files were written once the server had settled."""
    originals = {}
    for i in range(count):
        # each copy's paragraphs differ ("Story 7."), so every file is parsed anew: with identical files the
        # parse cache made the whole run finish before a busy machine let the test send its Ctrl-C
        text = "\n".join(f"Story {i}. {line}" if line.strip() else line for line in seed.split("\n"))
        path = folder / f"story_{i:03}.txt"
        path.write_text(text, encoding="utf-8")
        originals[path.name] = path.read_bytes()

    def written() -> int:
        return sum(f.read_bytes() != originals[f.name] for f in folder.glob("story_*.txt"))

    command = [EXE, "fix", "--no-cache", "--jobs", "2", "."]
    assert subprocess.run([EXE, "server", "status"], env=shared, capture_output=True).returncode == 0
    # Ctrl-C as a terminal delivers it: whatever the test process does with SIGINT, the client starts with the
    # default disposition (an ignored signal is inherited, and Python then never raises KeyboardInterrupt)
    fixing = subprocess.Popen(
        command,
        cwd=folder,
        env=shared,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        deadline = time.monotonic() + 60
        while not written() and time.monotonic() < deadline and fixing.poll() is None:
            time.sleep(0.05)
        fixing.send_signal(signal.SIGINT)
        _, err = fixing.communicate(timeout=60)
    finally:
        fixing.kill()
    time.sleep(3)  # what the server still had in hand
    settled = written()
    time.sleep(2)
    assert written() == settled
    return fixing.returncode, err, settled


def test_two_starts_at_once_leave_one_server(env: dict[str, str]) -> None:
    """The second server finds the first one's lock and leaves without touching its socket."""
    runtime = env["COPYEDIT_RUNTIME_DIR"]
    starts = [
        subprocess.Popen([EXE, "server", "start", "--idle", "5"], env=env, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    said = [p.communicate(timeout=120)[1] for p in starts]
    assert [p.returncode for p in starts] == [0, 0], said
    assert len({m.group(1) for m in (re.search(r"pid (\d+)", s) for s in said) if m}) == 1, said
    deadline = time.monotonic() + 30
    while len(_servers(runtime)) > 1 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert len(_servers(runtime)) == 1
    assert subprocess.run([EXE, "server", "status"], env=env, capture_output=True).returncode == 0


def _servers(runtime: str, forks: bool = False) -> list[psutil.Process]:
    """The server processes of the socket folder ``runtime`` (with ``forks``, also their commands')."""
    found = []
    for p in psutil.process_iter(["cmdline", "environ", "ppid", "status"]):
        cmdline, environ = p.info["cmdline"] or [], p.info["environ"] or {}
        ours = "copyedit.server" in cmdline and environ.get("COPYEDIT_RUNTIME_DIR") == runtime
        if ours and p.info["status"] != psutil.STATUS_ZOMBIE:
            found.append(p)
    pids = {p.pid for p in found}
    return [p for p in found if forks or p.info["ppid"] not in pids]


def test_a_server_removes_only_the_socket_it_made(env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A server leaving (here: idle) does not delete a socket that another has put in its place."""
    monkeypatch.setenv("COPYEDIT_RUNTIME_DIR", env["COPYEDIT_RUNTIME_DIR"])
    serving = subprocess.Popen([sys.executable, "-m", "copyedit.server", "2"], env=env, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 90
        while server.status() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        path = client.socket_path()
        path.unlink()
        with socket.socket(socket.AF_UNIX) as newer:
            newer.bind(str(path))
            serving.wait(timeout=30)
            assert path.exists()
    finally:
        serving.kill()
