"""`copyedit server`: the same output, exit code and written files as a run in the command's own process."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

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
    subprocess.run([EXE, "server", "stop"], env=environ, capture_output=True)


def _started(env: dict[str, str]) -> None:
    p = subprocess.run([EXE, "server", "start", "--idle", "5"], env=env, capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    assert subprocess.run([EXE, "server", "status"], env=env, capture_output=True).returncode == 0


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
    ours, theirs = socket.socketpair()
    with ours, theirs:
        client.send(ours, {"op": "run", "argv": ["check", "x.txt"], "cwd": "/", "env": client.environment()})
        assert server._answer(theirs, version="not the current sources") is False
        assert client.receive(ours) == {"op": "outdated"}


def test_no_server_means_no_answer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COPYEDIT_RUNTIME_DIR", str(tmp_path))
    assert client.request({"op": "status"}) is None
    assert server.status() is None and server.stop() is False
