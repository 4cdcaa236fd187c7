"""A content-hash cache of findings (`.copyedit_cache/`, as ruff keeps one), so unchanged text is not analysed again.

The key covers everything a finding depends on: the text, its markup, the selected rules, the copyedit version
with a hash of every source file of the package and of the rule data, and the configuration. A change to any of
them misses the cache; nothing is ever invalidated by hand. Entries are written to a temporary file and renamed,
so concurrent runs (or workers) never see half an entry.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import asdict
from functools import cache
from pathlib import Path

from copyedit import lexicon
from copyedit.config import Config
from copyedit.model import Edit, Finding, Safety, Severity

FOLDER = ".copyedit_cache"
_PACKAGE = Path(__file__).resolve().parent


@cache
def code_version() -> str:
    """The copyedit version and a hash of the package's Python sources and the rule data: any edit to a rule,
    the engine or a word list gives new keys."""
    from copyedit import __version__

    h = hashlib.sha256(__version__.encode())
    files = sorted(_PACKAGE.rglob("*.py")) + sorted(lexicon.rules_dir().rglob("*.yaml"))
    for path in files:
        h.update(path.as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def key(text: str, markup: str, codes: tuple[str, ...], config: Config, mode: str = "check") -> str:
    """The entry's name: sha256 over everything the findings depend on."""
    settings = {k: v for k, v in asdict(config).items() if k not in ("path", "root")}
    # The model chosen (nlp.model_name reads the same variable) changes the parse and so the findings.
    model = os.environ.get("COPYEDIT_SPACY_MODEL", "")
    parts = [
        code_version(),
        model,
        mode,
        markup,
        ",".join(codes),
        json.dumps(settings, sort_keys=True, default=str),
        text,
    ]
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\0")
    return h.hexdigest()


class Cache:
    """Findings by key, in one JSON file per entry under ``root``."""

    def __init__(self, root: str | Path = FOLDER) -> None:
        self.root = Path(root)

    def _path(self, k: str) -> Path:
        return self.root / k[:2] / f"{k}.json"

    def get(self, k: str) -> list[Finding] | None:
        """The cached findings, or None on a miss (an unreadable entry is a miss)."""
        try:
            data = json.loads(self._path(k).read_text(encoding="utf-8"))
            return [_finding(d) for d in data]
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, k: str, findings: list[Finding]) -> None:
        """Store the findings; a cache that cannot be written is skipped, never an error."""
        path = self._path(k)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._tag()
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump([asdict(f) for f in findings], fh, ensure_ascii=False)
            os.replace(tmp, path)
        except OSError:
            return

    def _tag(self) -> None:
        """Mark the folder as a cache (backup tools skip it) and keep it out of git, as ruff does."""
        tag = self.root / "CACHEDIR.TAG"
        if not tag.exists():
            tag.write_text("Signature: 8a477f597d28d172789f06886806bc55\n# copyedit cache\n", encoding="utf-8")
            (self.root / ".gitignore").write_text("*\n", encoding="utf-8")


def _finding(d: dict) -> Finding:
    return Finding(
        code=d["code"],
        name=d["name"],
        start=d["start"],
        end=d["end"],
        message=d["message"],
        edits=tuple(Edit(e["start"], e["end"], e["replacement"]) for e in d["edits"]),
        safety=Safety(d["safety"]),
        severity=Severity(d["severity"]),
    )
