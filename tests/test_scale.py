"""The library API over many documents, and the Dask runner on a real local cluster (two worker processes):
JSONL in, JSONL out, the same results as the command line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from copyedit.batch import check_texts, fix_records, fix_texts
from copyedit.cli import app

TEXTS = [
    "Talks between. Washington and Beijing resumed on Monday.\n",
    "He could have gave more.\n",
    "Nobody expected that. Which side will blink first?\n",
    "Prices will continues to rise.\n\nIncluding tariffs, the bill costs $2bn.\n",
] * 3
runner = CliRunner()


def _cli_fix(text: str) -> str:
    return runner.invoke(app, ["fix", "-"], input=text).stdout


def _cli_findings(text: str, name: str) -> list[dict]:
    r = runner.invoke(app, ["check", "--format", "json", "--stdin-filename", name, "-"], input=text)
    return json.loads(r.stdout)["findings"]


def test_library_api_matches_the_cli() -> None:
    fixed = [r.text for r in fix_texts(TEXTS)]
    assert fixed == [_cli_fix(t) for t in TEXTS]
    assert [len(f) for f in check_texts(TEXTS)] == [len(_cli_findings(t, "x")) for t in TEXTS]
    rows = list(fix_records({"id": f"doc{i}", "text": t, "source": "wire"} for i, t in enumerate(TEXTS)))
    assert [r["copyedit"]["text"] for r in rows] == fixed
    assert rows[0]["source"] == "wire" and rows[0]["copyedit"]["changed"] and not rows[2]["copyedit"]["changed"]
    assert rows[1]["copyedit"]["findings"] == _cli_findings(TEXTS[1], "doc1")


def test_dask_local_cluster(tmp_path: Path) -> None:
    distributed = pytest.importorskip("dask.distributed")
    src = tmp_path / "in"
    src.mkdir()
    for part in range(2):
        lines = [json.dumps({"id": f"{part}-{i}", "text": t}) for i, t in enumerate(TEXTS)]
        (src / f"{part}.jsonl").write_text("\n".join(lines) + "\n")
    from copyedit.scale import fix_jsonl

    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        distributed.Client(cluster) as client,
    ):
        written = fix_jsonl(str(src / "*.jsonl"), tmp_path / "out", client=client)
    assert len(written) == 2
    rows = [json.loads(line) for f in sorted(written) for line in Path(f).read_text().splitlines()]
    assert [r["id"] for r in rows] == [f"{p}-{i}" for p in range(2) for i in range(len(TEXTS))]
    expected = {t: _cli_fix(t) for t in set(TEXTS)}
    assert all(r["copyedit"]["text"] == expected[r["text"]] for r in rows)
    assert rows[1]["copyedit"]["findings"] == _cli_findings(TEXTS[1], "0-1")
