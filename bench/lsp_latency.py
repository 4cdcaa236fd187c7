"""Diagnostics latency of `copyedit lsp` after an edit: a 1,000-word article, warm, over 50 edits.

usage: python -m bench.lsp_latency [--edits 50] [--warm 5] [--file PATH] [--only default|no-debounce|full-parse]
Run by `make bench-lsp` (not part of `make test`). A real LSP client (pygls) starts `copyedit lsp` as a subprocess,
opens the article (the two seed articles, 1,020 words, unless --file), waits for its diagnostics, makes a few edits
to warm up, then makes --edits edits one at a time: each inserts a word at a random word boundary (seeded, so the
runs compare) as an incremental change, and the time from sending the change to receiving the diagnostics for that
version is one sample. Three servers are measured, each started afresh:

- default: as an editor gets it (the change waits out the debounce, 50 ms, before the check starts);
- no-debounce: debounce 0, so the figure is the check itself plus the protocol;
- full-parse: debounce 0 and the engine's parse cache off (every block parsed again on every edit): the
  difference from no-debounce is what re-parsing only the changed blocks saves.

Prints median, p95, min and max per server and writes bench/reports/lsp_latency.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import re
import statistics
import sys
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
REPORT = ROOT / "bench" / "reports" / "lsp_latency.json"
#: The server with the engine's parse cache off: each Doc is dropped as soon as it is made.
FULL_PARSE = "import copyedit.nlp as n\nn._CACHE_SIZE = 0\nfrom copyedit.lsp import serve\nserve()\n"
SERVERS = {
    "default": ([sys.executable, "-m", "copyedit", "lsp"], {}),
    "no-debounce": ([sys.executable, "-m", "copyedit", "lsp"], {"debounce": 0}),
    "full-parse": ([sys.executable, "-c", FULL_PARSE], {"debounce": 0}),
}
WORDS = ["very", "new", "local", "senior", "recent", "further", "official", "public"]


def percentile(values: list[float], p: float) -> float:
    """The ``p``-th percentile, by linear interpolation between the closest ranks."""
    ordered = sorted(values)
    k = (len(ordered) - 1) * p / 100
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def position(text: str, offset: int) -> types.Position:
    """The LSP position (UTF-16 columns) of an offset of a text whose lines end with "\\n"."""
    line = text.count("\n", 0, offset)
    start = text.rfind("\n", 0, offset) + 1
    return types.Position(line=line, character=len(text[start:offset].encode("utf-16-le")) // 2)


async def measure(name: str, text: str, edits: int, warm: int, seed: int) -> dict:
    cmd, options = SERVERS[name]
    client = LanguageClient("copyedit-bench", "1")
    arrived: dict[int, float] = {}
    got = asyncio.Event()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def publish(params: types.PublishDiagnosticsParams) -> None:
        if params.version is not None:
            arrived.setdefault(params.version, time.perf_counter())
            got.set()

    @client.feature(types.WINDOW_LOG_MESSAGE)
    def log(params: types.LogMessageParams) -> None:
        pass

    async def wait_for(version: int) -> float:
        while version not in arrived:
            got.clear()
            await asyncio.wait_for(got.wait(), timeout=120)
        return arrived[version]

    started = time.perf_counter()
    await client.start_io(*cmd, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    await client.initialize_async(
        types.InitializeParams(capabilities=types.ClientCapabilities(), initialization_options=options)
    )
    client.initialized(types.InitializedParams())
    uri = (ROOT / "bench-article.txt").as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(uri, "plaintext", 1, text)))
    first = await wait_for(1) - started
    rng = random.Random(seed)
    samples: list[float] = []
    version = 1
    for n in range(warm + edits):
        gaps = [m.start() for m in re.finditer(r"(?<=\w) (?=\w)", text)]
        at = rng.choice(gaps)
        word = " " + rng.choice(WORDS)
        pos = position(text, at)
        text = text[:at] + word + text[at:]
        version += 1
        change = types.TextDocumentContentChangePartial(range=types.Range(start=pos, end=pos), text=word)
        sent = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version), content_changes=[change]
            )
        )
        took = await wait_for(version) - sent
        if n >= warm:
            samples.append(took * 1000)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return {
        "server": name,
        "options": options,
        "first_diagnostics_s": round(first, 2),
        "edits": len(samples),
        "median_ms": round(statistics.median(samples), 1),
        "p95_ms": round(percentile(samples, 95), 1),
        "min_ms": round(min(samples), 1),
        "max_ms": round(max(samples), 1),
        "samples_ms": [round(s, 1) for s in samples],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--edits", type=int, default=50)
    parser.add_argument("--warm", type=int, default=5, help="edits made before measuring")
    parser.add_argument("--file", type=Path, help="a plain-text article (default: the two seeds, 1,020 words)")
    parser.add_argument("--only", choices=list(SERVERS), action="append", help="measure only this server")
    parser.add_argument("--seed", type=int, default=15)
    args = parser.parse_args()
    text = args.file.read_text(encoding="utf-8") if args.file else "\n\n".join(p.read_text() for p in SEEDS)
    text = text.replace("\r\n", "\n")
    print(f"{len(text.split())} words, {args.edits} edits after {args.warm} warm-up edits; {os.cpu_count()} cores")
    print(f"{'server':<12} {'first (s)':>9} {'median ms':>10} {'p95 ms':>8} {'min ms':>8} {'max ms':>8}")
    results = []
    for name in args.only or list(SERVERS):
        r = asyncio.run(measure(name, text, args.edits, args.warm, args.seed))
        results.append(r)
        print(
            f"{name:<12} {r['first_diagnostics_s']:>9} {r['median_ms']:>10} {r['p95_ms']:>8} {r['min_ms']:>8}"
            f" {r['max_ms']:>8}"
        )
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    meta = {"words": len(text.split()), "python": platform.python_version(), "machine": platform.machine()}
    REPORT.write_text(json.dumps({**meta, "results": results}, indent=1) + "\n", encoding="utf-8")
    print(f"written: {REPORT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
