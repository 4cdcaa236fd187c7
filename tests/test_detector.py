"""The learned detector's interface: every label maps to an edit, the engine turns hits into findings of the
rule families (rules first), and a tiny training run of train/ loads and predicts. No accuracy is asserted."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from copyedit import detector, engine
from copyedit.engine import check_text, fix_text
from copyedit.markup import Block
from copyedit.model import Safety
from copyedit.nlp import parse
from copyedit.rule import Context, Parsed, catalogue

#: A sentence with the label's damage, the word the label sits on (its first occurrence) and the repaired text.
CASES = {
    "STOP_DEL": (
        "Union officials said the strike. Would continue until Friday.",
        ".",
        "Union officials said the strike would continue until Friday.",
    ),
    "STOP_COMMA": (
        "The club sold its players. Which angered the fans.",
        ".",
        "The club sold its players, which angered the fans.",
    ),
    "POSS": ("Few expected change under Smith leadership.", "Smith", "Few expected change under Smith's leadership."),
    "VB": ("They will visits Paris in May.", "visits", "They will visit Paris in May."),
    "VBN": ("The old house has been sell at auction.", "sell", "The old house has been sold at auction."),
    "VBG": ("They are try to win the seat.", "try", "They are trying to win the seat."),
    "V_SING": ("The bridge need repairs before the winter.", "need", "The bridge needs repairs before the winter."),
    "V_PLUR": ("The dogs barks at night.", "barks", "The dogs bark at night."),
    "N_SING": ("She posted a photos of the crowd.", "photos", "She posted a photo of the crowd."),
    "N_PLUR": ("He bought three apple at the market.", "apple", "He bought three apples at the market."),
    "D_SING": ("Sales fell earlier these year.", "these", "Sales fell earlier this year."),
    "D_PLUR": ("This claims were false.", "This", "These claims were false."),
}


def _context(code: str, doc, text: str) -> Context:
    block = Parsed(Block(0, len(text), "paragraph"), doc=doc)
    return Context(rule=catalogue()[code], blocks=(block,), index=0, source=text)


def test_labels_are_the_generators() -> None:
    from train.damage import LABELS

    assert set(LABELS) == set(detector.CODES) == set(CASES)
    assert set(detector.CODES.values()) <= set(catalogue())


@pytest.mark.parametrize("label", sorted(CASES))
def test_every_label_maps_to_its_edit(label: str) -> None:
    text, word, fixed = CASES[label]
    doc = next(parse([text]))
    tok = next(t for t in doc if t.text == word)
    start, end, replacement, doubt = detector._edit(tok, label, _context(detector.CODES[label], doc, text))
    assert text[:start] + replacement + text[end:] == fixed
    assert not doubt


def test_two_whole_sentences_are_a_doubtful_join() -> None:
    text = "The jury heard that. The two men had met online."
    doc = next(parse([text]))
    assert detector._edit(doc[4], "STOP_DEL", _context("FRG001", doc, text))[3] is True


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("The board raised the company cash dividend by 35 pct.", "company"),  # a common noun after "the"
        ("Peru energy and mines minister Carlos Vega spoke.", "Peru"),  # a false title with a list in it
        ("The state owns 20 pct of BMW ordinary share capital.", "BMW"),  # an acronym as a modifier
        ("He said West Germany monetary policy would not change.", "Germany"),  # a classifying adjective
    ],
)
def test_a_possessive_needs_a_name_that_can_own(text: str, word: str) -> None:
    doc = next(parse([text]))
    tok = next(t for t in doc if t.text == word)
    assert detector._edit(tok, "POSS", _context("POS001", doc, text))[3] is True


def test_a_comma_join_needs_a_fragment_that_joins_back() -> None:
    text = "We trade with them, but do we need a long-term contract. Who benefits from that. These are questions."
    doc = next(parse([text]))
    stop = next(t for t in doc if t.text == "." and doc[t.i + 1].text == "Who")
    assert detector._edit(stop, "STOP_COMMA", _context("FRG002", doc, text))[3] is True


def test_a_name_keeps_its_form_and_quoted_verbs_are_doubtful() -> None:
    text = 'Officials met Tesco executives. "They says it will work," he said.'
    doc = next(parse([text]))
    tesco = next(t for t in doc if t.text == "Tesco")
    assert detector._edit(tesco, "N_PLUR", _context("AGR002", doc, text)) is None
    says = next(t for t in doc if t.text == "says")
    assert detector._edit(says, "V_PLUR", _context("AGR001", doc, text))[3] is True


def test_a_capitalised_modal_inside_a_sentence_is_a_name() -> None:
    text = "According to reports, American Can owns 20 pct of the firm. Can owners wait?"
    doc = next(parse([text]))
    owns = next(t for t in doc if t.text == "owns")
    assert detector._edit(owns, "VB", _context("VRB001", doc, text)) is None
    text = "He said they can owns the firm."
    doc = next(parse([text]))
    owns = next(t for t in doc if t.text == "owns")
    assert detector._edit(owns, "VB", _context("VRB001", doc, text)) is not None


def _fake(monkeypatch: pytest.MonkeyPatch, label: str, word: str, p: float) -> None:
    """The detector "sees" ``label`` on the first ``word`` of each block, with probability ``p``."""
    monkeypatch.setattr(detector, "available", lambda codes: True)
    monkeypatch.setattr(detector, "thresholds", lambda: {label: {"safe": 0.9, "unsafe": 0.5}})
    monkeypatch.setattr(detector, "annotate", lambda docs: None)
    monkeypatch.setattr(detector, "hits", lambda doc: [(t.i, label, p) for t in doc if t.text == word][:1])


def test_engine_makes_hits_findings_of_the_family(monkeypatch: pytest.MonkeyPatch) -> None:
    text, word, fixed = CASES["VBN"]
    _fake(monkeypatch, "VBN", word, 0.95)
    [f] = [f for f in check_text(text) if f.code == "VRB001"]
    assert f.safety is Safety.SAFE and "learned detector" in f.message
    assert fix_text(text).text == fixed
    _fake(monkeypatch, "VBN", word, 0.6)  # below the safe bar: nothing
    assert [f for f in check_text(text) if f.code == "VRB001"] == []
    assert fix_text(text, unsafe=True).text == text
    assert check_text(text, rules=(catalogue()["AGR001"],)) == []  # only the families selected


def test_rules_come_first(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Reports have emerged suggesting that. Russian officials have met."
    _fake(monkeypatch, "STOP_COMMA", ".", 0.99)  # the detector disagrees with FRG001 on the same full stop
    found = [f for f in check_text(text) if f.start <= text.index(".") < f.end]
    assert [f.code for f in found] == ["FRG001"] and "learned" not in found[0].message


def test_preparse_reads_many_articles_in_one_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    """engine.preparse runs the detector over several articles' paragraphs at once (it reads many faster than
    one article's few); each check then finds its answers on the cached Docs and runs the detector no more."""
    if detector.load() is None:
        pytest.skip("no trained detector in this tree")
    batches: list[int] = []
    real = detector.predict
    monkeypatch.setattr(detector, "predict", lambda docs: batches.append(len(docs)) or real(docs))
    texts = [f"# Article {n}\n\nThe {n} boats sailed at dawn.\n\nThey came back late.\n" for n in range(3)]
    rules = tuple(catalogue().values())
    engine.preparse((t, "markdown", rules) for t in texts)
    # the paragraphs of all three articles in one batch: not the headings, and the one they share once
    assert batches == [4]
    for t in texts:
        check_text(t, "markdown")
    assert batches == [4]


def test_not_in_headings(monkeypatch: pytest.MonkeyPatch) -> None:
    _fake(monkeypatch, "V_PLUR", "barks", 0.99)
    assert [f for f in check_text("# The dogs barks\n\nText.\n", "markdown") if f.code == "AGR001"] == []


def test_a_tiny_training_run_loads_and_predicts(tmp_path: Path) -> None:
    """train/: the generator's output trains a few steps with the shipped config; the result loads and gives
    a probability per label for every token."""
    import spacy
    from spacy.cli.train import train
    from spacy.tokens import Doc, DocBin

    from train.damage import damage

    rng = random.Random(1)
    tokenizer = spacy.blank("en").tokenizer
    paragraphs = [text for text, _, _ in CASES.values()] + [fixed for _, _, fixed in CASES.values()]
    docbin = DocBin(attrs=["ORTH", "SPACY", "TAG"])
    for doc in parse(paragraphs * 3):
        broken_text, labels = damage(doc, rng)
        broken = tokenizer(broken_text)
        tags = ["O"] * len(broken)
        for at, label in labels:
            tags[next(t.i for t in broken if t.idx == at)] = label
        docbin.add(
            Doc(broken.vocab, words=[t.text for t in broken], spaces=[bool(t.whitespace_) for t in broken], tags=tags)
        )
    docbin.to_disk(tmp_path / "data.spacy")
    config = Path(__file__).resolve().parents[1] / "train" / "config.cfg"
    overrides = {
        "paths.train": str(tmp_path / "data.spacy"),
        "paths.dev": str(tmp_path / "data.spacy"),
        "training.max_steps": 4,
        "training.eval_frequency": 2,
    }
    train(config, tmp_path / "out", overrides=overrides)
    model = spacy.load(tmp_path / "out" / "model-last")
    docs = list(parse(["The dogs barks at night.", "Prices rose."]))
    probs = detector.probabilities(model, docs)
    assert [p.shape[0] for p in probs] == [len(d) for d in docs]
    assert all(abs(float(row.sum()) - 1) < 1e-6 for p in probs for row in p)
