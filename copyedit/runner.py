"""Run check and fix over many texts: through the result cache, in this process or in worker processes.

Results come back in input order whatever the number of workers, so output is the same byte for byte. Each
worker loads the model once; the main process of a parallel run never loads it.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from copyedit import engine
from copyedit.cache import Cache, key
from copyedit.config import Config
from copyedit.model import Finding

#: Files per chunk: a worker's unit of work, whose blocks are parsed in one batch (at most 16 keeps the batch
#: inside the parse cache and every worker busy to the end).
CHUNK = 16
#: prctl's option (linux/prctl.h) for the signal a process gets when its parent dies.
_PR_SET_PDEATHSIG = 1


@dataclass(frozen=True)
class Task:
    """One text to check or fix, with what decides its findings; small and picklable, for a worker."""

    text: str
    markup: str
    codes: tuple[str, ...]
    config: Config
    fix: bool = False
    unsafe: bool = False


#: Memory a worker needs (the model, a chunk's parses): a run starts no more workers than the free memory holds.
WORKER_BYTES = 400 * 2**20


def default_jobs(requested: int | None = None) -> int:
    """Worker processes for a run: ``requested`` (default: as many as there are cores), but never more than the
    cores this process may use, nor than the available memory holds; more would only swap or be killed."""
    try:
        cores = max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    jobs = min(requested or cores, cores)
    free = _available_memory()
    return max(1, jobs if free is None else min(jobs, free // WORKER_BYTES))


def _available_memory() -> int | None:
    """The kernel's estimate of memory available without swapping (MemAvailable), in bytes; None if unknown."""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def run(
    tasks: list[Task], jobs: int = 1, store: Cache | None = None, extras: list[engine.Extra | None] | None = None
) -> Iterator[list[Finding] | engine.FixResult]:
    """Each task's findings (check) or FixResult (fix), in input order; ``extras`` holds each task's other
    checker (LanguageTool), if any."""
    extras = extras or [None] * len(tasks)
    if any(e is not None for e in extras):
        yield from (_work(t, e) for t, e in zip(tasks, extras, strict=True))
        return
    keys = [key(t.text, t.markup, t.codes, t.config) if store else "" for t in tasks]
    known = [_cached(store, t, k) if store else None for t, k in zip(tasks, keys, strict=True)]
    todo = [t for t, hit in zip(tasks, known, strict=True) if hit is None]
    fresh = _parallel(todo, jobs) if jobs > 1 and len(todo) > 1 else _work_all(todo)
    for t, k, hit in zip(tasks, keys, known, strict=True):
        if hit is not None:
            yield hit
            continue
        result = next(fresh)
        if store is not None:
            _store(store, t, k, result)
        yield result


def _cached(store: Cache, task: Task, k: str) -> list[Finding] | engine.FixResult | None:
    """A check's cached findings; for fix, the unchanged text when the cache shows nothing it would apply."""
    found = store.get(k)
    if found is None or not task.fix:
        return found
    if any(engine.applicable(f, task.unsafe) for f in found):
        return None
    return engine.FixResult(task.text, (), tuple(found), converged=True)


def _store(store: Cache, task: Task, k: str, result: list[Finding] | engine.FixResult) -> None:
    """Cache a check's findings; after a fix, the findings left in the fixed text are that text's check."""
    if isinstance(result, engine.FixResult):
        store.put(key(result.text, task.markup, task.codes, task.config), list(result.remaining))
    else:
        store.put(k, result)


def _parallel(tasks: list[Task], jobs: int) -> Iterator[list[Finding] | engine.FixResult]:
    """Results of ``tasks`` from a pool of workers, in order, in chunks so that a worker is rarely idle."""
    from copyedit import nlp

    nlp.model_name()  # a missing model is one clear error here, not a broken pool
    size = max(1, min(CHUNK, len(tasks) // (jobs * 8)))
    chunks = [tasks[i : i + size] for i in range(0, len(tasks), size)]
    workers = min(jobs, len(tasks))
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_start_worker, initargs=(os.getpid(),))
    try:
        for results in pool.map(_work_chunk, chunks):
            yield from results
    finally:  # on Ctrl-C, or a served command whose client left, no chunk starts after the current ones
        pool.shutdown(wait=True, cancel_futures=True)


def _start_worker(parent: int) -> None:
    """Load the model and the rules once per worker, once it is sure to exit with its parent."""
    from copyedit import nlp
    from copyedit.rule import catalogue

    _exit_with(parent)
    catalogue()
    nlp.load()


def _exit_with(parent: int) -> None:
    """Make this process exit when ``parent`` does: a worker whose parent was killed would otherwise wait for
    work forever, holding a model's memory."""
    if not _die_with_parent():
        threading.Thread(target=_watch_parent, args=(parent,), name="parent-watch", daemon=True).start()
    if os.getppid() != parent:  # it died before the line above
        os._exit(1)


def _die_with_parent() -> bool:
    """Ask Linux to kill this process when its parent dies (prctl PR_SET_PDEATHSIG); whether it could."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        prctl = ctypes.CDLL(None, use_errno=True).prctl
    except (OSError, AttributeError):
        return False
    return prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0


def _watch_parent(parent: int) -> None:
    """Where the system cannot kill a worker with its parent: exit once the parent is gone (re-parented)."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _work_all(tasks: list[Task]) -> Iterator[list[Finding] | engine.FixResult]:
    """Each task's result, in order, parsing several tasks' blocks together (see `engine.preparse`)."""
    for i in range(0, len(tasks), CHUNK):
        yield from _work_chunk(tasks[i : i + CHUNK])


def _work_chunk(tasks: list[Task]) -> list[list[Finding] | engine.FixResult]:
    """The results of a few tasks, whose blocks are parsed together first."""
    engine.preparse((t.text, t.markup, _rules(t)) for t in tasks)
    return [_work(t) for t in tasks]


def _rules(task: Task) -> tuple[engine.Rule, ...]:
    return tuple(engine.catalogue()[c] for c in task.codes)


def _work(task: Task, extra: engine.Extra | None = None) -> list[Finding] | engine.FixResult:
    rules = _rules(task)
    if task.fix:
        return engine.fix_text(task.text, task.markup, task.unsafe, rules, task.config, extra)
    return engine.check_text(task.text, task.markup, rules, task.config, extra)
