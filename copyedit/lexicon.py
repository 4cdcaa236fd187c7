"""Word lists kept as data in rules/data/, found beside the package or inside the wheel."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

_PACKAGE = Path(__file__).resolve().parent


def rules_dir() -> Path:
    """The rules folder: copyedit/_rules in a wheel, else rules/ in the source tree."""
    shipped = _PACKAGE / "_rules"
    return shipped if shipped.is_dir() else _PACKAGE.parent / "rules"


@cache
def load(name: str) -> Any:
    """The parsed YAML file rules/data/NAME.yaml."""
    path = rules_dir() / "data" / f"{name}.yaml"
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)
