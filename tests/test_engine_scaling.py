"""Work per finding stays small however long the document: nothing rescans the whole text for each finding,
no regex backtracks over a long token, and a long text's Docs are not all alive at once.

The tests count scans and calls instead of timing them (the machine may be shared), except the hang guards,
which give a subprocess a generous timeout that the quadratic code overran many times over.
"""

from __future__ import annotations

import gc
import random
import subprocess
import sys
import textwrap
import weakref
from itertools import pairwise
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from copyedit import baseline, engine, languagetool, nlp, report, review, rule
from copyedit.markup import Block, ProseView
from copyedit.model import Edit, Finding, Safety
from copyedit.rule import Context, Parsed, Rule, catalogue
from copyedit.suppress import Suppression

ROOT = Path(__file__).resolve().parents[1]


class Scanned(str):
    """A text that counts how many of its characters the search methods look at (``count``, ``find``…)."""

    scanned = 0
    calls = 0

    def _window(self, args: tuple) -> int:
        start = args[1] if len(args) > 1 and args[1] is not None else 0
        end = args[2] if len(args) > 2 and args[2] is not None else len(self)
        start, end = (max(0, x + len(self)) if x < 0 else min(x, len(self)) for x in (start, end))
        return max(0, end - start)

    def count(self, *args):  # type: ignore[override]
        Scanned.calls += 1
        Scanned.scanned += self._window(args)
        return super().count(*args)

    def find(self, *args):  # type: ignore[override]
        Scanned.calls += 1
        Scanned.scanned += self._window(args)
        return super().find(*args)

    def rfind(self, *args):  # type: ignore[override]
        Scanned.calls += 1
        Scanned.scanned += self._window(args)
        return super().rfind(*args)

    def splitlines(self, *args):  # type: ignore[override]
        Scanned.calls += 1
        Scanned.scanned += len(self)
        return super().splitlines(*args)


@pytest.fixture
def scanned() -> type[Scanned]:
    Scanned.scanned = Scanned.calls = 0
    return Scanned


def _findings_on_one_line(n: int, gap: int = 200) -> tuple[str, list[Finding]]:
    """A single line of ``n * gap`` characters with a finding (and an edit) every ``gap`` characters."""
    text = ("word " * (gap // 5)) * n
    found = [
        Finding("TYP001", "doubled-word", i * gap, i * gap + 4, "Doubled.", (Edit(i * gap, i * gap + 4, "wore"),))
        for i in range(n)
    ]
    return text, found


# --- reports: line and column through a LineIndex, made once per file --------------------------------------


def test_reports_find_lines_without_scanning_the_text_per_finding(scanned: type[Scanned]) -> None:
    text, found = _findings_on_one_line(500)
    rep = report.FileReport("long.md", scanned(text), tuple(found))
    for fmt in (report.text_line, report.github_line):
        [fmt(rep, f) for f in rep.findings]
    report.as_json([rep])
    report.as_sarif([rep], catalogue().values())
    # The original counted and searched back to the line's start for every position: ~100 MB scanned here.
    assert scanned.scanned < len(text)


@given(st.text(alphabet="ab\n\r é", max_size=40))
def test_line_index_agrees_with_position(text: str) -> None:
    lines = report.LineIndex(text)
    for offset in range(len(text) + 1):
        assert lines.position(offset) == report.position(text, offset)


# --- the apostrophe a fix writes: found once per document ---------------------------------------------------


def _forget_apostrophes() -> None:
    remembered = getattr(rule, "document_apostrophe", None)
    if remembered is not None:
        remembered.cache_clear()


def test_the_document_apostrophe_is_searched_for_once_however_many_blocks_ask(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    searches = []

    class Counting:
        def search(self, text: str):
            searches.append(len(text))
            return None

    monkeypatch.setattr(rule, "_CURLY_APOSTROPHE", Counting())
    _forget_apostrophes()
    source = "\n\n".join(f"Critics attacked Angela Merkel decision number {i}." for i in range(40))
    blocks = tuple(Parsed(Block(0, len(source)), text=source, parse=lambda: None) for _ in range(40))
    r = catalogue()["POS001"]
    marks = {Context(rule=r, blocks=blocks, index=i, source=source).apostrophe for i in range(40)}
    assert marks == {"'"}
    assert len(searches) == 1  # the original searched the whole source for each of the 40


def test_a_check_with_many_possessive_fixes_searches_for_the_apostrophe_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = rule._CURLY_APOSTROPHE

    class Counting:
        def search(self, text: str):
            calls.append(len(text))
            return real.search(text)

    monkeypatch.setattr(rule, "_CURLY_APOSTROPHE", Counting())
    _forget_apostrophes()
    text = "\n\n".join(f"Critics attacked Angela Merkel decision to stand down in {y}." for y in range(1990, 2010))
    found = engine.check_text(text, rules=(catalogue()["POS001"],))
    assert len(found) >= 10
    assert len(calls) == 1


# --- the engine: opaque ranges, taken edits, other checkers' findings, suppressions ------------------------


class Iterations(tuple):
    """A tuple that counts how often it is walked."""

    walks = 0

    def __iter__(self):
        Iterations.walks += 1
        return super().__iter__()


def test_resolve_compares_each_edit_with_its_neighbours_not_every_edit(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []
    real = engine._overlap
    monkeypatch.setattr(engine, "_overlap", lambda a, b: calls.append(1) or real(a, b))
    Iterations.walks = 0
    opaque = Iterations((i * 10 + 8, i * 10 + 9) for i in range(2000))
    view = ProseView(text=" " * 20_000, blocks=(), opaque=opaque)
    found = [Finding("X", "x", i * 10, i * 10 + 3, "m", (Edit(i * 10, i * 10 + 3, "y"),)) for i in range(2000)]
    assert engine._resolve(found, view, unsafe=False) == found
    assert len(calls) < 3 * len(found)  # the original compared each with every one taken before: 2,000,000
    assert Iterations.walks <= 2  # and walked every opaque range for each edit


def _brute_resolve(findings: list[Finding], opaque: tuple[tuple[int, int], ...], unsafe: bool) -> list[Finding]:
    view = ProseView(text="", blocks=(), opaque=opaque)
    taken: list[Finding] = []
    spans: list[Edit] = []
    for f in findings:
        if not engine.applicable(f, unsafe) or any(view.touches_opaque(e.start, e.end) for e in f.edits):
            continue
        if any(engine._overlap(e, s) for e in f.edits for s in spans):
            continue
        taken.append(f)
        spans.extend(f.edits)
    return taken


_span = st.tuples(st.integers(0, 30), st.integers(0, 4)).map(lambda p: (p[0], p[0] + p[1]))


@given(st.lists(st.lists(_span, min_size=1, max_size=2), max_size=25), st.lists(_span, max_size=6))
def test_resolve_takes_what_comparing_every_pair_takes(edit_lists: list, opaque: list) -> None:
    findings = []
    for k, spans in enumerate(edit_lists):
        spans = sorted(set(spans))
        if any(a[1] > b[0] for a, b in pairwise(spans)):
            continue  # one finding's own edits never overlap
        edits = tuple(Edit(a, b, "x") for a, b in spans)
        findings.append(Finding(f"R{k}", "r", spans[0][0], spans[-1][1], "m", edits, Safety.SAFE))
    findings.sort(key=lambda f: (f.start, f.end, f.code))
    view = ProseView(text="", blocks=(), opaque=tuple(opaque))
    assert engine._resolve(findings, view, unsafe=False) == _brute_resolve(findings, tuple(opaque), False)


@given(st.lists(_span, max_size=12), st.lists(_span, max_size=12))
def test_other_checkers_findings_are_shadowed_as_comparing_every_pair_says(own: list, others: list) -> None:
    mine = [Finding("A", "a", a, b, "m") for a, b in own]
    theirs = [Finding("LT:X", "x", a, b, "m") for a, b in others]
    brute = [
        f for f in theirs if not any(engine._overlap(Edit(f.start, f.end, ""), Edit(g.start, g.end, "")) for g in mine)
    ]
    assert engine._unshadowed(theirs, mine) == brute


@given(st.lists(_span, max_size=10), st.integers(0, 34), st.integers(0, 34))
def test_ranges_answer_as_comparing_every_range(ranges: list, start: int, length: int) -> None:
    from copyedit.spans import Ranges

    view = ProseView(text="", blocks=(), opaque=tuple(ranges))
    index = Ranges(ranges)
    end = start + length % 5
    assert index.touches(start, end) == view.touches_opaque(start, end)
    assert index.meets(start, end) == any(a <= end and start <= b for a, b in ranges)
    assert index.contains(start) == any(a <= start < b for a, b in ranges)


def _remap(origin: list[int], edits: list[Edit]) -> list[int]:
    """The original per-character table of input offsets (one Python int per character of the text)."""
    out: list[int] = []
    pos = 0
    for e in sorted(edits):
        out += origin[pos : e.start] + [origin[e.start]] * len(e.replacement)
        pos = e.end
    return out + origin[pos:]


@given(
    st.lists(
        st.lists(st.tuples(st.integers(0, 6), st.integers(0, 3), st.text("xy", max_size=3)), max_size=4), max_size=3
    )
)
def test_offsets_map_back_through_passes_as_the_per_character_table_did(passes: list) -> None:
    length = 40
    table = list(range(length + 1))
    back = []
    for raw in passes:
        edits, pos = [], 0
        for gap, size, replacement in raw:  # non-overlapping edits inside the current text
            start = pos + gap
            if start + size > length:
                break
            edits.append(Edit(start, start + size, replacement))
            pos = start + size + 1
        for offset in range(length + 1):
            assert engine._origin(offset, back) == table[offset]
        table = _remap(table, edits)
        back.append(engine._back(edits))
        length = len(table) - 1
    for offset in range(length + 1):
        assert engine._origin(offset, back) == table[offset]


def _brute_suppress(findings: list[Finding], sups: list[Suppression]) -> tuple[list[Finding], set[Suppression]]:
    used, kept = set(), []
    for f in findings:
        hits = [s for s in sups if s.covers(f.code, f.start)]
        used.update(hits)
        if not hits:
            kept.append(f)
    return kept, used


def test_suppressions_compare_each_finding_with_the_open_ones_only(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(5)
    sups = [Suppression(("TYP",), i * 100, i * 100 + 50, (i * 100 - 10, i * 100 - 1)) for i in range(1, 300)]
    findings = [Finding(rng.choice(["TYP001", "FRG001"]), "x", p, p + 2, "m") for p in range(0, 30_000, 37)]
    sup001 = catalogue()[engine.UNUSED_SUPPRESSION]
    kept_brute, used = _brute_suppress(findings, sups)
    unused = [s for s in sups if s not in used]
    calls = []
    real = Suppression.covers
    monkeypatch.setattr(Suppression, "covers", lambda self, code, offset: calls.append(1) or real(self, code, offset))
    kept = engine._suppress(findings, sups, (sup001, catalogue()["TYP001"]))
    assert kept[: len(kept_brute)] == kept_brute
    assert [f.start for f in kept[len(kept_brute) :]] == [s.comment[0] for s in unused]
    assert len(calls) < 2 * len(findings)  # the original asked every comment about every finding: 240,000


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 8)), max_size=12), st.lists(_span, max_size=20))
def test_suppressions_keep_what_asking_every_comment_keeps(ranges: list, spans: list) -> None:
    sups = [Suppression(("TYP",) if k % 2 else ("",), a, a + n, (k, k)) for k, (a, n) in enumerate(ranges)]
    findings = [Finding("TYP001" if k % 3 else "FRG001", "x", a, b, "m") for k, (a, b) in enumerate(spans)]
    kept, _ = _brute_suppress(findings, sups)
    assert engine._suppress(findings, sups, ())[: len(kept)] == kept


# --- baselines, review, LanguageTool: no scan back to the line's start per finding -------------------------


def test_baseline_fingerprints_look_at_the_context_only(scanned: type[Scanned]) -> None:
    text, found = _findings_on_one_line(1000)
    plain = [baseline.fingerprint(text, f) for f in found]
    assert [baseline.fingerprint(scanned(text), f) for f in found] == plain
    assert scanned.scanned <= len(found) * 2 * baseline.CONTEXT  # the original searched to the line's ends


@given(st.text(alphabet="ab \n", max_size=120), st.integers(0, 119), st.integers(0, 6))
def test_baseline_fingerprints_are_unchanged(text: str, start: int, length: int) -> None:
    start = min(start, len(text))
    f = Finding("X", "x", start, min(len(text), start + length), "m")
    line_start = text.rfind("\n", 0, f.start) + 1
    line_end = text.find("\n", f.end)
    line_end = len(text) if line_end < 0 else line_end
    around = text[max(line_start, f.start - baseline.CONTEXT) : min(max(line_end, f.end), f.end + baseline.CONTEXT)]
    expected = baseline.hashlib.sha256(
        (f.code + "\0" + baseline.re.sub(r"\s+", " ", around).strip()).encode()
    ).hexdigest()[:20]
    assert baseline.fingerprint(text, f) == expected


def test_review_shows_a_window_of_a_long_line(scanned: type[Scanned]) -> None:
    text, found = _findings_on_one_line(300)
    shown = [review.change_in_context(scanned(text), f, color=False).plain for f in found]
    context = getattr(review, "CONTEXT", 500)
    assert all(len(s) < 2 * context + 40 for s in shown)  # the original showed all 60,000 characters
    assert "[-word-]{+wore+}" in shown[150] and shown[150].startswith("…") and shown[150].endswith("…")
    assert scanned.scanned <= len(found) * 4 * context  # and searched back to the line's start for each


def test_review_shows_whole_short_lines() -> None:
    text = "First line.\nTalks between. Washington resumed.\nLast line."
    f = Finding("FRG001", "x", 25, 28, "m", (Edit(25, 28, " w"),))
    assert review.change_in_context(text, f, color=False).plain == "Talks between[-. W-]{+ w+}ashington resumed."
    assert review.change_in_context(text[12:], Finding("X", "x", 13, 16, "m", (Edit(13, 16, " w"),)), False).plain == (
        "Talks between[-. W-]{+ w+}ashington resumed."
    )


def test_languagetool_maps_each_match_without_walking_every_block() -> None:
    text = " ".join(f"Block {i:03} text." for i in range(500))
    blocks = tuple(Block(m * 16, m * 16 + 15) for m in range(500))
    view = ProseView(text=text, blocks=blocks, opaque=Iterations((m * 16 + 6, m * 16 + 9) for m in range(500)))
    sent, pieces = languagetool.request_text(view)
    matches = [
        {"offset": p.at + 10, "length": 4, "message": "m", "rule": {"id": "X"}, "replacements": [{"value": "y"}]}
        for p in pieces
    ]
    Iterations.walks = 0
    found = languagetool.findings({"matches": matches}, sent, Iterations(pieces), view, frozenset({"X"}))
    assert [(f.start, f.end) for f in found] == [(b.start + 10, b.start + 14) for b in blocks]
    assert Iterations.walks <= 4  # the original walked the blocks and the masked ranges for each match


def test_languagetool_finds_the_block_as_walking_every_block_does() -> None:
    text = " ".join(f"Block {i} text." for i in range(50))
    blocks = tuple(Block(m * 15, m * 15 + 14) for m in range(50))
    sent, pieces = languagetool.request_text(ProseView(text=text, blocks=blocks))
    for start in range(len(sent)):
        for end in (start, start + 3, start + 20):
            brute = next(
                (
                    (p.start + start - p.at, p.start + end - p.at)
                    for p in pieces
                    if p.at <= start and end <= p.at + p.length
                ),
                None,
            )
            assert languagetool.source_span(start, end, pieces) == brute


# --- Docs: parsed once, a window at a time ------------------------------------------------------------------


class FakeDoc:
    """Stands in for a Doc: the engine only hands it to rules."""

    def __init__(self, text: str) -> None:
        self.text = text


def test_a_long_text_never_has_every_doc_alive_and_parses_each_once(monkeypatch: pytest.MonkeyPatch) -> None:
    alive: weakref.WeakSet[FakeDoc] = weakref.WeakSet()
    parsed: list[str] = []
    most = [0]

    def parse_all(texts: list[str]) -> list[FakeDoc]:
        parsed.extend(texts)
        docs = [FakeDoc(t) for t in texts]
        alive.update(docs)
        gc.collect()
        most[0] = max(most[0], len(alive))
        return docs

    def each_block(doc, ctx):
        assert doc.text == ctx.blocks[ctx.index].text
        if ctx.prev is not None:  # a rule looks at its neighbour
            assert ctx.prev.doc.text == ctx.prev.text
        return iter(())

    def whole_document(doc, ctx):  # as STY001 does: every block, from the first
        if ctx.index == 0:
            assert all(p.doc.text == p.text for p in ctx.blocks)
        return iter(())

    monkeypatch.setattr(nlp, "parse_all", parse_all)
    rules = (Rule("ZZZ001", "each", "m", each_block), Rule("ZZZ002", "whole", "m", whole_document, scope="document"))
    n = 3000
    text = "\n\n".join(f"Paragraph number {i} says something." for i in range(n))
    assert engine.check_text(text, rules=rules) == []
    assert most[0] <= engine._Docs.KEEP + 2  # the original held all 3,000 at once
    assert len(parsed) <= 2 * n  # each block once for the block rule, once for the sweep of the whole text


def test_findings_are_the_same_whatever_the_window(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    whole, fixed = engine.check_text(text), engine.fix_text(text)
    monkeypatch.setattr(engine, "WINDOW", 3)
    monkeypatch.setattr(engine._Docs, "KEEP", 5)
    engine._PLANS.clear()
    nlp._CACHE.clear()
    assert engine.check_text(text) == whole
    assert engine.fix_text(text) == fixed


def test_parse_all_parses_each_text_once_when_asked_for_more_than_it_keeps(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def parse(texts):
        for t in texts:
            calls.append(t)
            yield FakeDoc(t)

    monkeypatch.setattr(nlp, "parse", parse)
    monkeypatch.setattr(nlp, "_CACHE_SIZE", 4)
    monkeypatch.setattr(nlp, "_CACHE", type(nlp._CACHE)())
    texts = [f"text {i}" for i in range(10)]
    assert [d.text for d in nlp.parse_all(texts)] == texts
    assert sorted(calls) == sorted(texts)  # the original parsed the 6 the cache had dropped again


def test_remembered_plans_are_bounded_in_characters(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(engine, "_PLANS_CHARS", 100_000, raising=False)
    monkeypatch.setattr(engine, "_PLANS", {})
    for i in range(5):
        text = f"{i} " + "word " * 10_000
        engine._plan(ProseView(text=text, blocks=(Block(0, len(text)),)), ())
    assert sum(len(k[0]) for k in engine._PLANS) <= 100_000 and engine._PLANS


# --- hostile input: no regex backtracks over a long token, no hang -----------------------------------------

#: Python expressions, made in the subprocess (the texts are too long for a command line).
HOSTILE = {
    "40,000-letter token": '"Word " + "abcdefghij" * 4000 + " end. The"',
    "40,000-letter capitalised token": '"Of. " + "Abcdefghij" * 4000 + ". The"',
    "40,000 digits": '"In " + "1" * 40_000 + ". The"',
    "100,000 spaces": '"word" + " " * 100_000 + "word"',
    "100,000 full stops": '"word" + "." * 100_000 + " Word"',
    "100,000 'a '": '"a " * 100_000',
    "20,000 hyphenated words": '"-".join(["ab"] * 20_000)',
}


def _in_subprocess(code: str, timeout: float) -> str:
    out = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=timeout, cwd=ROOT
    )
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout


def test_every_trigger_and_check_regex_is_linear_on_hostile_input() -> None:
    """Every rule's trigger and every compiled pattern of the checks, searched over each hostile text. Each
    takes milliseconds; the quadratic ones took from 30 s (FRG001's trigger on the long token) to hours."""
    code = f"""
        import importlib, pkgutil, re
        import copyedit.checks as checks
        from copyedit.rule import catalogue
        HOSTILE = [eval(e) for e in {list(HOSTILE.values())!r}]
        tests = [r.triggered for r in catalogue().values() if r.trigger is not None]
        for m in pkgutil.iter_modules(checks.__path__):
            mod = importlib.import_module("copyedit.checks." + m.name)
            tests += [p.search for p in vars(mod).values() if isinstance(p, re.Pattern)]
        for text in HOSTILE:
            for test in tests:
                test(text)
        print(len(tests))
    """
    assert int(_in_subprocess(code, timeout=180)) > 20


def test_many_doubled_words_in_one_block_do_not_hang() -> None:
    """Twenty blocks of 5,000 doubled words: each finding joined its block's tokens again (spaCy's ``doc.text``),
    about 9 s a block; now about 1 s."""
    code = """
        from copyedit.engine import check_text
        from copyedit.rule import catalogue
        text = "\\n\\n".join("a " * 9_900 + f"end {i}." for i in range(20))
        print(len(check_text(text, rules=(catalogue()["TYP001"],))))
    """
    assert int(_in_subprocess(code, timeout=90)) > 90_000


def test_a_fix_keeps_no_table_of_every_offset(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where each applied finding was in the input comes from the edits, not from a list of one Python int per
    character of the text (hundreds of MB for a 10 MB file)."""
    import tracemalloc

    def first_word(doc, ctx):
        if doc.text.startswith("ab"):
            yield ctx.finding(0, 2, "X")

    monkeypatch.setattr(nlp, "parse_all", lambda texts: [FakeDoc(t) for t in texts])
    rules = (Rule("ZZZ003", "first-word", "m", first_word),)
    block = "ab " + "word " * 200 + "end.\n\n"
    text = block * 1000
    tracemalloc.start()
    try:
        result = engine.fix_text(text, rules=rules)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.text == text.replace("ab", "X") and result.converged
    assert list(result.origins) == list(range(0, len(text), len(block)))
    assert peak < 20 * len(text)  # the original's table alone took 36 bytes a character


def test_a_long_run_of_quotation_marks_does_not_hang_the_tokenizer() -> None:
    """spaCy's tokenizer searched the whole rest of a chunk for a suffix each time it split one off: about 50 s for
    each of these six blocks; now the whole text takes seconds."""
    code = """
        from copyedit.engine import check_text
        print(len(check_text("\\n\\n".join('"' * 19_000 + f"x{i}" for i in range(6)))))
    """
    assert int(_in_subprocess(code, timeout=120)) >= 0


def test_the_tokenizer_cuts_words_as_spacy_does() -> None:
    tok = nlp.load().tokenizer
    tail = tok.suffix_search
    rng = random.Random(0)
    marks = list(".\"'”’)]}!?…,;:-—–%$€°Cc0123456789aAs ")
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    texts += ["".join(rng.choice(marks) for _ in range(rng.randint(1, 150))) for _ in range(2000)]
    texts += ["x" + "." * 200 + '"', "a" + '"' * 100 + ".." * 40, "1km" + "." * 70]
    ours = [[(t.text, t.idx) for t in tok(text)] for text in texts]
    try:
        tok.suffix_search = tail.__self__.search
        assert [[(t.text, t.idx) for t in tok(text)] for text in texts] == ours
    finally:
        tok.suffix_search = tail
