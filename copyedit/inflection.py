"""lemminflect, imported on first use: importing it imports spaCy, which `copyedit rules` and `--help` never need."""

from __future__ import annotations

from functools import lru_cache
from typing import Any


def getAllLemmas(word: str, upos: str | None = None) -> dict[str, tuple[str, ...]]:
    """lemminflect.getAllLemmas, remembered: lemminflect deep-copies its tables on every call."""
    return dict(_lemmas(word, upos))


def getAllInflections(lemma: str, upos: str | None = None) -> dict[str, tuple[str, ...]]:
    """lemminflect.getAllInflections, remembered as getAllLemmas is."""
    return dict(_inflections(lemma, upos))


@lru_cache(maxsize=65536)
def _lemmas(word: str, upos: str | None) -> dict[str, tuple[str, ...]]:
    import lemminflect

    return lemminflect.getAllLemmas(word, upos)


@lru_cache(maxsize=65536)
def _inflections(lemma: str, upos: str | None) -> dict[str, tuple[str, ...]]:
    import lemminflect

    return lemminflect.getAllInflections(lemma, upos)


def getInflection(lemma: str, tag: str, inflect_oov: bool = True) -> Any:
    """lemminflect.getInflection."""
    import lemminflect

    return lemminflect.getInflection(lemma, tag, inflect_oov)


def inflect_engine() -> Any:
    """An ``inflect.engine()``, with inflect imported without typeguard's run-time argument checks.

    ``@typechecked`` re-compiles each of inflect's functions when it is imported, which costs 2–6 s here (in
    every process and worker); the checks only validate argument types, and copyedit passes non-empty strings.
    """
    import typeguard

    checked = typeguard.typechecked
    typeguard.typechecked = _unchecked  # inflect does `from typeguard import typechecked` when imported
    try:
        import inflect
    finally:
        typeguard.typechecked = checked
    return inflect.engine()


def _unchecked(target: Any = None, **options: Any) -> Any:
    """``typechecked`` that checks nothing: the function itself, used bare or with options."""
    return target if target is not None else (lambda fn: fn)
