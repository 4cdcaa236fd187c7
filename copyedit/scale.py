"""Cleaning millions of articles: copyedit on a Dask cluster, JSONL in and JSONL out.

Why Dask: a `dask.bag` over JSONL partitions is exactly this job (independent records, a per-process model),
it runs on one machine (`LocalCluster`) or many (`dask.distributed.Client("scheduler:8786")`, Kubernetes, HPC,
YARN) unchanged, installs from PyPI in seconds with no services to run, and keeps copyedit's per-record
results identical to the command line. Ray Data would do as well but brings a far heavier runtime for what
is here a plain map over partitions. Install with `pip install 'copyedit[dask]'`.

    from dask.distributed import Client
    from copyedit.scale import fix_jsonl
    fix_jsonl("articles/*.jsonl", "cleaned/", client=Client())   # cleaned/0.jsonl, 1.jsonl, …
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def _fix_partition(lines: list[str], options: dict[str, Any]) -> list[str]:
    """One partition: parse the rows, fix them (the model loads once per worker process), serialise them."""
    from copyedit.batch import fix_records

    records = [json.loads(line) for line in lines if line.strip()]
    return [json.dumps(r, ensure_ascii=False) for r in fix_records(records, **options)]


def fix_jsonl(
    source: str | list[str],
    target: str | Path,
    client: Any = None,
    blocksize: str | int = "16MiB",
    **options: Any,
) -> list[str]:
    """Fix every record of the JSONL file(s) ``source`` (paths or globs) on the Dask cluster of ``client`` (the
    default scheduler if None) and write ``target``/N.jsonl, one file per partition, in input order.
    ``options`` go to `copyedit.batch.fix_records` (text_field, id_field, markup, unsafe, config).
    Returns the files written."""
    import dask.bag as db

    Path(target).mkdir(parents=True, exist_ok=True)
    bag = db.read_text(source, blocksize=blocksize).map_partitions(_fix_partition, options)
    pattern = str(Path(target) / "*.jsonl")
    kwargs = {"compute_kwargs": {"scheduler": client}} if client is not None else {}
    return list(bag.to_textfiles(pattern, encoding="utf-8", **kwargs))
