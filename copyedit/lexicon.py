"""Word lists kept as data in rules/data/, found beside the package or inside the wheel."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

import yaml

_PACKAGE = Path(__file__).resolve().parent


def rules_dir() -> Path:
    """The rules folder: copyedit/_rules in a wheel, else rules/ in the source tree."""
    shipped = _PACKAGE / "_rules"
    return shipped if shipped.is_dir() else _PACKAGE.parent / "rules"


#: libyaml's parser where PyYAML was built with it (ten times faster over the word lists), else PyYAML's own.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _WordLoader(_SafeLoader):
    """YAML for word lists: only ``true`` and ``false`` are booleans. YAML 1.1 also reads on, off, yes, no, y
    and n as booleans, which took the prepositions "on" and "off" out of every list that holds them."""


_WordLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_WordLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


@cache
def load(name: str) -> Any:
    """The parsed YAML file rules/data/NAME.yaml."""
    path = rules_dir() / "data" / f"{name}.yaml"
    with path.open(encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_WordLoader)  # a SafeLoader with fewer booleans


@cache
def counted(key: str) -> frozenset[str]:
    """A word list of rules/data/news_counts.yaml, counted from clean news by `python -m train.news_counts`."""
    return frozenset(load("news_counts")[key])
