"""Large files: wall time and peak memory of `copyedit check` and `copyedit fix --diff` on 1, 5 and 10 MB.

usage: python -m bench.large_files [--sizes 1,5,10] [--line-mb 1] [--skip-fix] [--keep DIR]
Run by `make bench-large`. Each file is Markdown made of news paragraphs (../shared/corpus/news/bbc when present,
else the seed articles), repeated and varied, with damage every few paragraphs (a doubled word, a stray full stop
inside a sentence) so that findings, and every per-finding path of the report and of the fix, are exercised. A
1 MB single line (the same prose with no line break) exercises the position lookups of one very long line.

Each command is one whole process, as a user runs it, without the result cache; peak memory is its resident set
(getrusage of the children, measured in a wrapper process so one run's peak is not another's). Time and memory
must grow linearly with the size: the table gives seconds and MB per MB of input and the 5 MB / 1 MB ratios (a
ratio near 5 is linear; near 25 is quadratic). Writes bench/reports/large_files.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "news" / "bbc"
SEEDS = ROOT / "seeds"
REPORT = ROOT / "bench" / "reports" / "large_files.json"
MB = 1_000_000
#: copyedit from this tree (PYTHONPATH), so a copy of the tree can be measured while the original changes.
COPYEDIT = [sys.executable, "-m", "copyedit"]
#: Runs a command with its output discarded; prints its exit code, peak resident set (KiB) and CPU seconds.
_MEASURE = (
    "import resource, subprocess, sys\n"
    "rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode\n"
    "u = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(rc, u.ru_maxrss, u.ru_utime + u.ru_stime)\n"
)
#: Damage every this many paragraphs, alternating a doubled word and a stray full stop.
DAMAGE_EVERY = 3
_STOP_SITE = re.compile(r"\b(of|between|the|to|with|for|and) ([a-z]{3,})\b")
_WORD_SITE = re.compile(r"\b(the|a|in|on|to|of) ")


@dataclass
class Run:
    """One timed command on one generated file."""

    file: str
    mode: str
    mb: float
    seconds: float
    peak_mb: float
    cpu_s: float
    exit_code: int

    @property
    def s_per_mb(self) -> float:
        return self.seconds / self.mb

    @property
    def peak_per_mb(self) -> float:
        return self.peak_mb / self.mb


def paragraphs() -> list[str]:
    """Prose paragraphs of the news corpus (or of the seeds), in a fixed order."""
    files = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else sorted(SEEDS.glob("*.txt"))
    out = []
    for path in files:
        body = path.read_text(encoding="utf-8").split("\n\n")[1:]  # the first line is the headline
        out += [" ".join(p.split()) for p in body if len(p.split()) >= 8]
    if not out:
        raise SystemExit(f"no prose found in {CORPUS} or {SEEDS}")
    return out


def damage(paragraph: str, n: int) -> str:
    """Paragraph ``n`` with one injected slip every DAMAGE_EVERY paragraphs: a stray stop or a doubled word."""
    if n % DAMAGE_EVERY:
        return paragraph
    if n // DAMAGE_EVERY % 2:
        m = _STOP_SITE.search(paragraph)
        if m:  # "links between several firms" -> "links between. Several firms" (FRG001)
            return paragraph[: m.start()] + f"{m.group(1)}. {m.group(2).capitalize()}" + paragraph[m.end() :]
    m = _WORD_SITE.search(paragraph)
    if m:  # "in the city" -> "in the the city" (TYP001)
        return paragraph[: m.end()] + m.group(1) + " " + paragraph[m.end() :]
    return paragraph


def markdown(size: int, seed: int = 0) -> str:
    """About ``size`` characters of Markdown: headed sections of damaged news paragraphs, varied on each round
    through the corpus (shuffled order, so a repeated paragraph is not next to its twin)."""
    source = paragraphs()
    rng = random.Random(seed)
    out: list[str] = []
    total, n, section = 0, 0, 0
    while total < size:
        order = list(range(len(source)))
        rng.shuffle(order)
        for i in order:
            if n % 12 == 0:
                section += 1
                heading = f"## Section {section}\n\n"
                out.append(heading)
                total += len(heading)
            para = damage(source[i], n) + "\n\n"
            out.append(para)
            total += len(para)
            n += 1
            if total >= size:
                break
    return "# Large file\n\n" + "".join(out)


def single_line(size: int, seed: int = 0) -> str:
    """About ``size`` characters of the same damaged prose on one line (no line break at all)."""
    return " ".join(markdown(size, seed).replace("#", "").split())


def measure(cmd: list[str], cwd: Path) -> tuple[float, float, float, int]:
    """Wall time (s), peak memory (MB), CPU time (s) and exit code of one run of ``cmd``."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    t0 = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", _MEASURE, *cmd], cwd=cwd, capture_output=True, text=True, check=False, env=env
    )
    wall = time.perf_counter() - t0
    rc, rss, cpu = out.stdout.split()[-3:]
    return wall, int(rss) / 1024, float(cpu), int(rc)


def table(runs: list[Run]) -> str:
    """The runs, then the 5 MB / 1 MB ratios of time and memory for each mode."""
    head = (
        f"{'file':<14} {'mode':<10} {'MB':>5} {'seconds':>8} {'s/MB':>6} {'CPU s':>7} {'peak MB':>8} {'peak/MB':>8} "
        f"{'exit':>4}"
    )
    lines = [head, "-" * len(head)]
    for r in runs:
        lines.append(
            f"{r.file:<14} {r.mode:<10} {r.mb:>5.1f} {r.seconds:>8.1f} {r.s_per_mb:>6.1f} {r.cpu_s:>7.1f} "
            f"{r.peak_mb:>8.0f} {r.peak_per_mb:>8.0f} {r.exit_code:>4}"
        )
    for mode, (t, c, m) in ratios(runs).items():
        lines.append(f"5 MB / 1 MB, {mode}: time x{t:.2f}, CPU time x{c:.2f}, peak memory x{m:.2f} (linear: x5)")
    return "\n".join(lines)


def ratios(runs: list[Run]) -> dict[str, tuple[float, float, float]]:
    """Per mode, the 5 MB file's wall time, CPU time and peak memory over the 1 MB file's."""
    by = {(r.file, r.mode): r for r in runs}
    out = {}
    for mode in dict.fromkeys(r.mode for r in runs):
        small, big = by.get(("markdown-1MB", mode)), by.get(("markdown-5MB", mode))
        if small and big:
            out[mode] = (big.seconds / small.seconds, big.cpu_s / small.cpu_s, big.peak_mb / small.peak_mb)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1,5,10", help="Markdown sizes in MB, comma-separated (default 1,5,10).")
    ap.add_argument("--line-mb", type=float, default=1.0, help="Size of the single-line file in MB (0: none).")
    ap.add_argument("--skip-fix", action="store_true", help="Only `check`, not `fix --diff`.")
    ap.add_argument("--keep", type=Path, help="Write the generated files to this folder and keep them.")
    args = ap.parse_args()
    sizes = [float(s) for s in args.sizes.split(",") if s]
    work = args.keep or Path(tempfile.mkdtemp(prefix="copyedit-large-"))
    work.mkdir(parents=True, exist_ok=True)
    files: list[tuple[str, Path, float]] = []
    for mb in sizes:
        path = work / f"large_{mb:g}mb.md"
        path.write_text(markdown(int(mb * MB)), encoding="utf-8")
        files.append((f"markdown-{mb:g}MB", path, path.stat().st_size / MB))
    if args.line_mb:
        path = work / f"line_{args.line_mb:g}mb.md"
        path.write_text(single_line(int(args.line_mb * MB)), encoding="utf-8")
        files.append((f"one-line-{args.line_mb:g}MB", path, path.stat().st_size / MB))
    modes = {
        "check": ["check", "--no-cache", "--jobs", "1"],
        "fix --diff": ["fix", "--diff", "--no-cache", "--jobs", "1"],
    }
    if args.skip_fix:
        del modes["fix --diff"]
    runs: list[Run] = []
    load = os.getloadavg()[0]
    for name, path, mb in files:
        for mode, cmd in modes.items():
            secs, peak, cpu, rc = measure([*COPYEDIT, *cmd, str(path)], work)
            runs.append(Run(name, mode, round(mb, 2), round(secs, 2), round(peak, 1), round(cpu, 2), rc))
            print(f"  {name} {mode}: {secs:.1f} s, {peak:.0f} MB, exit {rc}", file=sys.stderr, flush=True)
    print(table(runs))
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    report = {
        "runs": [{**asdict(r), "s_per_mb": round(r.s_per_mb, 2), "peak_per_mb": round(r.peak_per_mb, 1)} for r in runs],
        "ratios_5mb_over_1mb": {
            m: {"time": round(t, 2), "cpu_time": round(c, 2), "peak_memory": round(p, 2)}
            for m, (t, c, p) in ratios(runs).items()
        },
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_before": load,
            "load_after": os.getloadavg()[0],
        },
    }
    REPORT.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {REPORT.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
