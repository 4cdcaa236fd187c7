"""Parallel workers and the result cache change how fast findings come, never which findings come."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from copyedit import engine, runner
from copyedit.cache import Cache, key
from copyedit.config import Config
from copyedit.engine import select_rules

ROOT = Path(__file__).resolve().parents[1]
DAMAGED = "Talks between. Washington and Beijing resumed on Monday.\n\nHe could have gave more.\n"
CODES = tuple(r.code for r in select_rules())


def _copyedit(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "copyedit", *args], cwd=cwd, capture_output=True, text=True, env=os.environ.copy()
    )


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A few articles: the seeds and small damaged texts, so both workers get some."""
    folder = tmp_path / "articles"
    folder.mkdir()
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        shutil.copy(seed, folder / seed.name)
    for i in range(4):
        (folder / f"damaged_{i}.txt").write_text(DAMAGED * (i + 1))
    return folder


def test_two_workers_print_the_same_bytes_as_one(corpus: Path) -> None:
    one = _copyedit(corpus.parent, "check", "--no-cache", "--jobs", "1", "articles")
    two = _copyedit(corpus.parent, "check", "--no-cache", "--jobs", "2", "articles")
    assert one.returncode == two.returncode == 1
    assert one.stdout == two.stdout and one.stdout.count("\n") > 10
    assert not (corpus.parent / ".copyedit_cache").exists()


def test_fix_diff_is_the_same_with_two_workers(corpus: Path) -> None:
    one = _copyedit(corpus.parent, "fix", "--diff", "--no-cache", "--jobs", "1", "articles")
    two = _copyedit(corpus.parent, "fix", "--diff", "--no-cache", "--jobs", "2", "articles")
    assert one.stdout == two.stdout and "+++ b/articles/" in one.stdout


def test_warm_run_prints_what_the_cold_run_printed(corpus: Path) -> None:
    cold = _copyedit(corpus.parent, "check", "--jobs", "1", "articles")
    assert (corpus.parent / ".copyedit_cache").is_dir()
    warm = _copyedit(corpus.parent, "check", "--jobs", "1", "articles")
    assert (warm.stdout, warm.returncode) == (cold.stdout, cold.returncode)


def _tasks(texts: list[str], codes: tuple[str, ...] = CODES, config: Config | None = None) -> list[runner.Task]:
    return [runner.Task(t, "text", codes, config or Config()) for t in texts]


def test_cache_gives_the_same_findings_without_analysis(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Cache(tmp_path / "cache")
    texts = [DAMAGED, "Nothing wrong here.\n"]
    cold = list(runner.run(_tasks(texts), 1, store))
    assert cold == [engine.check_text(t) for t in texts]

    def fail(*args, **kwargs):
        raise AssertionError("analysed again although the cache holds the findings")

    monkeypatch.setattr(engine, "check_text", fail)
    assert list(runner.run(_tasks(texts), 1, store)) == cold


def test_cache_misses_when_rules_or_settings_change(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Cache(tmp_path / "cache")
    list(runner.run(_tasks([DAMAGED]), 1, store))
    calls: list[str] = []
    real = engine.check_text

    def counting(text, *args, **kwargs):
        calls.append(text)
        return real(text, *args, **kwargs)

    monkeypatch.setattr(engine, "check_text", counting)
    only_vrb = list(runner.run(_tasks([DAMAGED], ("VRB001",)), 1, store))
    assert [f.code for f in only_vrb[0]] == ["VRB001"] and len(calls) == 1
    renamed = Config(vocabulary=("Beijing",))
    list(runner.run(_tasks([DAMAGED], config=renamed), 1, store))
    assert len(calls) == 2
    assert key(DAMAGED, "text", CODES, Config()) != key(DAMAGED, "markdown", CODES, Config())
    assert key(DAMAGED, "text", CODES, Config()) != key(DAMAGED, "text", CODES, Config(apostrophe="curly"))


def test_fix_of_a_clean_cached_text_changes_nothing(tmp_path: Path) -> None:
    store = Cache(tmp_path / "cache")
    clean = "Nobody expected that. The market fell anyway.\n"
    list(runner.run(_tasks([clean]), 1, store))
    task = runner.Task(clean, "text", CODES, Config(), fix=True)
    (result,) = runner.run([task], 1, store)
    assert result == engine.fix_text(clean)


def test_fix_stores_what_is_left_in_the_fixed_text(tmp_path: Path) -> None:
    store = Cache(tmp_path / "cache")
    (fixed,) = runner.run([runner.Task(DAMAGED, "text", CODES, Config(), fix=True)], 1, store)
    assert fixed.text != DAMAGED
    assert store.get(key(fixed.text, "text", CODES, Config())) == list(fixed.remaining)


def test_a_broken_cache_entry_is_a_miss(tmp_path: Path) -> None:
    store = Cache(tmp_path / "cache")
    k = key(DAMAGED, "text", CODES, Config())
    store.put(k, [])
    next((tmp_path / "cache").rglob(f"{k}.json")).write_text("{not json")
    assert store.get(k) is None


def test_workers_exit_when_the_main_process_is_killed(corpus: Path, tmp_path: Path) -> None:
    """SIGKILL of a `--jobs 2` run leaves no worker waiting for work forever with a model in memory."""
    seed = next((ROOT / "seeds").glob("*.txt"))
    for i in range(60):
        shutil.copy(seed, corpus / f"more_{i}.txt")
    environ = {**os.environ, "COPYEDIT_RUNTIME_DIR": str(tmp_path / "no-server")}
    command = [sys.executable, "-m", "copyedit", "check", "--no-cache", "--jobs", "2", "articles"]
    main = subprocess.Popen(command, cwd=corpus.parent, env=environ, stdout=subprocess.DEVNULL)
    workers: list[psutil.Process] = []
    try:
        deadline = time.monotonic() + 60
        while len(workers) < 2 and time.monotonic() < deadline and main.poll() is None:
            workers = psutil.Process(main.pid).children()
            time.sleep(0.05)
        assert len(workers) == 2
        time.sleep(1)  # the workers are loading the model
        main.kill()
        main.wait(timeout=10)
        deadline = time.monotonic() + 5
        while _alive(workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(workers)
    finally:
        main.kill()
        for w in _alive(workers):
            w.kill()


def _alive(processes: list[psutil.Process]) -> list[psutil.Process]:
    """Those still running (a zombie has exited: only its parent's wait is missing)."""
    alive = []
    for p in processes:
        with contextlib.suppress(psutil.NoSuchProcess):
            if p.is_running() and p.status() != psutil.STATUS_ZOMBIE:
                alive.append(p)
    return alive


@pytest.mark.parametrize("kernel", [True, False], ids=["prctl", "watcher"])
def test_a_worker_exits_with_its_parent(kernel: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both ways a worker follows its parent: the kernel's parent-death signal, and (where there is none) a
    thread that notices the parent is gone."""
    if not kernel:
        monkeypatch.setattr(runner, "_die_with_parent", lambda: False)
    report_r, report_w = os.pipe()
    parent = os.fork()
    if parent == 0:
        try:
            worker = os.fork()
            if worker == 0:
                runner._exit_with(os.getppid())
                time.sleep(60)
            os.write(report_w, f"{worker}\n".encode())
            time.sleep(60)
        finally:
            os._exit(0)
    os.close(report_w)
    with os.fdopen(report_r) as report:
        worker = psutil.Process(int(report.readline()))
    try:
        time.sleep(0.2)
        assert _alive([worker])
        os.kill(parent, signal.SIGKILL)
        os.waitpid(parent, 0)
        deadline = time.monotonic() + 5
        while _alive([worker]) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive([worker])
    finally:
        for w in _alive([worker]):
            w.kill()
