"""Table-driven stand-ins for two spaCy components, with the same result and a fraction of the cost.

In en_core_web_sm the attribute ruler (fine tag to part of speech and morphology, plus a few word exceptions)
and the rule lemmatizer take about as long as the parser: the ruler runs a `Matcher` over every Doc and the
lemmatizer makes a `Token` for every word. Both are functions of a few integer attributes of each token, so
here each is worked out once per distinct input, remembered, and written back to the Doc in one
``Doc.from_array`` call. The stand-ins are built from the loaded components (their patterns and tables), so
they follow the model; a pattern they cannot read makes `AttributeRules.from_ruler` fail, and the caller then
keeps spaCy's own component. ``tests/test_annotate.py`` checks the Docs are identical to spaCy's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.pipeline import AttributeRuler, Lemmatizer
    from spacy.tokens import Doc


class Unsupported(ValueError):
    """A pattern uses something `AttributeRules` does not evaluate."""


#: How many distinct tokens each stand-in remembers before it starts again (memory stays flat on long runs).
MEMO_SIZE = 20_000
#: A token as the ruler's patterns see it: (TAG, LOWER, DEP, IS_SPACE) as spaCy's integer ids.
Row = tuple[int, int, int, int]
_FIELDS = ("TAG", "LOWER", "DEP", "IS_SPACE")


class AttributeRules:
    """spaCy's `AttributeRuler`: each pattern's attributes go to the token at its index, later patterns win."""

    def __init__(self, ruler: AttributeRuler) -> None:
        from spacy.attrs import IDS

        self._strings = ruler.vocab.strings
        self._attrs: list[dict[int, int]] = list(ruler.attrs)
        # A token spec ({"TAG": "VBZ", "LOWER": "is"}) holds when each of its fields passes. Per field, the specs
        # that test it are found by value (equality, IN) or by running the test (NOT_IN, REGEX, IS_SPACE).
        self._by_value: list[dict[int, list[int]]] = [{} for _ in _FIELDS]
        self._by_test: list[list[tuple[int, Callable[[int], bool]]]] = [[] for _ in _FIELDS]
        self._tested: list[int] = []  # how many fields each spec tests
        spec_ids: dict[str, int] = {}
        self._single: dict[int, list[int]] = {}  # spec id -> one-token patterns made of it
        self._multi: list[tuple[int, tuple[int, ...], int]] = []  # (pattern id, spec ids, index)
        for pid, p in enumerate(ruler.patterns):
            for alternative in p["patterns"]:
                ids = []
                for spec in alternative:
                    key = repr(sorted(spec.items()))
                    if key not in spec_ids:
                        spec_ids[key] = len(self._tested)
                        self._compile(spec_ids[key], spec)
                    ids.append(spec_ids[key])
                index = p["index"] if p["index"] >= 0 else len(ids) + p["index"]
                if not 0 <= index < len(ids):
                    raise Unsupported(f"index {p['index']} outside pattern {alternative}")
                if len(ids) == 1:
                    self._single.setdefault(ids[0], []).append(pid)
                else:
                    self._multi.append((pid, tuple(ids), index))
        self._columns = sorted({a for attrs in self._attrs for a in attrs})
        self._read = [IDS[f] for f in _FIELDS]
        self._passing: list[dict[int, tuple[int, ...]]] = [{} for _ in _FIELDS]
        self._seen: dict[Row, tuple[frozenset[int], tuple[int, ...], tuple[int, ...]]] = {}
        self._merged: dict[tuple[int, ...], dict[int, int]] = {}
        self._infos: dict[tuple[frozenset[int], tuple[int, ...], tuple[int, ...]], Any] = {}

    def _compile(self, sid: int, spec: dict[str, Any]) -> None:
        if not spec:
            raise Unsupported("a token spec that matches any token")
        for name, want in spec.items():
            if name not in _FIELDS:
                raise Unsupported(f"token attribute {name}")
            field = _FIELDS.index(name)
            values = self._values(name, want)
            if values is not None:
                for v in values:
                    self._by_value[field].setdefault(v, []).append(sid)
            else:
                self._by_test[field].append((sid, self._predicate(name, want)))
        self._tested.append(len(spec))

    def _values(self, name: str, want: Any) -> list[int] | None:
        """The values a field must have, where the test is one of a list (else None)."""
        if name == "IS_SPACE":
            return None
        if isinstance(want, str):
            want = {"IN": [want]}
        if isinstance(want, dict) and list(want) == ["IN"]:
            return [self._strings.add(w) if w else 0 for w in want["IN"]]
        return None

    def _predicate(self, name: str, want: Any) -> Callable[[int], bool]:
        if name == "IS_SPACE":
            if not isinstance(want, bool):
                raise Unsupported(f"IS_SPACE {want!r}")
            return lambda value: bool(value) == want
        if isinstance(want, dict) and len(want) == 1:
            ((op, arg),) = want.items()
            if op == "NOT_IN":
                ids = frozenset(self._strings.add(w) if w else 0 for w in arg)
                return lambda value: value not in ids
            if op == "REGEX":
                pattern = re.compile(arg)
                return lambda value: bool(pattern.search(self._strings[value] if value else ""))
        raise Unsupported(f"{name} {want!r}")

    def _passes(self, field: int, value: int) -> tuple[int, ...]:
        """The specs that test ``field`` and pass on ``value``."""
        known = self._passing[field].get(value)
        if known is None:
            known = tuple(self._by_value[field].get(value, ()))
            known += tuple(sid for sid, test in self._by_test[field] if test(value))
            self._passing[field][value] = known
        return known

    def _row_info(self, row: Row) -> tuple[frozenset[int], tuple[int, ...], tuple[int, ...]]:
        """The specs ``row`` satisfies, the one-token patterns it matches (in order), and the longer patterns
        whose first token it matches."""
        info = self._seen.get(row)
        if info is None:
            counts: dict[int, int] = {}
            for field, value in enumerate(row):
                for sid in self._passes(field, value):
                    counts[sid] = counts.get(sid, 0) + 1
            sat = frozenset(sid for sid, n in counts.items() if n == self._tested[sid])
            single = tuple(sorted(pid for sid in sat for pid in self._single.get(sid, ())))
            starts = tuple(m for m, (_, specs, _) in enumerate(self._multi) if specs[0] in sat)
            info = (sat, single, starts)
            info = self._infos.setdefault(info, info)  # a few hundred kinds of token among many thousand rows
            if len(self._seen) >= MEMO_SIZE:
                self._seen.clear()
            self._seen[row] = info
        return info

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        rows = [tuple(r) for r in doc.to_array(self._read).tolist()]
        infos = [self._row_info(r) for r in rows]  # type: ignore[arg-type]
        hits: list[list[int] | tuple[int, ...]] = [single for _, single, _ in infos]
        for s, (_, _, starts) in enumerate(infos):
            for m in starts:
                pid, specs, index = self._multi[m]
                end = s + len(specs)
                if end <= len(infos) and all(spec in infos[s + k][0] for k, spec in enumerate(specs)):
                    hits[s + index] = sorted({*hits[s + index], pid})
        table = doc.to_array(self._columns).reshape(len(doc), len(self._columns))
        for i, ids in enumerate(hits):
            if ids:
                merged = self._merge(tuple(ids))
                for c, attr in enumerate(self._columns):
                    if attr in merged:
                        table[i, c] = merged[attr]
        doc.from_array(self._columns, table)
        return doc

    def _merge(self, ids: tuple[int, ...]) -> dict[int, int]:
        merged = self._merged.get(ids)
        if merged is None:
            merged = {}
            for pid in ids:
                merged.update(self._attrs[pid])
            self._merged[ids] = merged
        return merged


class Lemmas:
    """spaCy's rule `Lemmatizer` (no overwrite): a lemma is a function of the word, its POS and its morphology."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        if lemmatizer.overwrite or lemmatizer.mode != "rule":
            raise Unsupported(f"lemmatizer mode {lemmatizer.mode!r}, overwrite {lemmatizer.overwrite}")
        self._lemmatizer = lemmatizer
        # spaCy looks each candidate form up in a list of thousands of words (fast enough for spaCy, whose cache
        # hides it); the same words as a set give the same answers without the scan.
        index = lemmatizer.lookups.get_table("lemma_index", None) if "lemma_index" in lemmatizer.lookups else None
        for pos, words in list((index or {}).items()):
            if isinstance(words, list):
                index[pos] = frozenset(words)
        self._strings = lemmatizer.vocab.strings
        self._read = [ORTH, POS, MORPH, LEMMA]
        self._lemma = [LEMMA]
        self._known: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        table = doc.to_array(self._read)
        lemmas = table[:, 3:4].copy()
        for i, (orth, pos, morph, lemma) in enumerate(table.tolist()):
            if lemma:
                continue
            key = (orth, pos, morph)
            value = self._known.get(key)
            if value is None:
                if len(self._known) >= MEMO_SIZE:
                    self._known.clear()
                    self._lemmatizer.cache.clear()  # spaCy's own memo of the same, which never forgets
                value = self._known[key] = self._strings.add(self._lemmatizer.lemmatize(doc[i])[0])
            lemmas[i, 0] = value
        doc.from_array(self._lemma, lemmas)
        return doc
