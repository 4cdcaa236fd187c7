"""The faster prediction forwards (copyedit.inference) give thinc's numbers, leave training to thinc, and leave the
models' annotations and the detector's probabilities as spaCy's own forwards make them."""

from __future__ import annotations

import numpy
import pytest
from thinc.api import LayerNorm, Maxout, Model, Relu, chain

from bench.devset import load as devset
from copyedit import detector, inference, nlp
from copyedit.rule import catalogue


def _texts() -> list[str]:
    """Every rule's examples and every dev item, damaged and fixed."""
    examples = [ex.text for r in catalogue().values() for ex in r.examples]
    return examples + [t for item in devset() for t in (item["text"], item.get("expected") or "") if t]


def _stack(n_in: int = 12, width: int = 8, pieces: int = 3) -> Model:
    model = chain(Maxout(width, n_in, nP=pieces), LayerNorm(width), Relu(width, width), Maxout(4, width, nP=2))
    model.initialize(X=numpy.zeros((2, n_in), dtype="f"))
    for name in ("b", "G"):  # thinc starts biases at 0 and gains at 1: give them values that show a layout slip
        for layer in model.walk():
            if layer.has_param(name):
                param = layer.get_param(name)
                layer.set_param(name, numpy.random.default_rng(1).normal(size=param.shape).astype("f"))
    return model


def test_predictions_match_thincs_and_only_its_own_layers_change() -> None:
    X = numpy.random.default_rng(0).normal(size=(50, 12)).astype("f")
    model = _stack()
    before = model.predict(X)
    assert inference.speed_up(model) == 3  # two maxouts and a layer norm; not the relu
    after = model.predict(X)
    assert numpy.allclose(before, after, rtol=1e-5, atol=1e-6)
    assert not numpy.array_equal(before, numpy.zeros_like(before))
    assert inference.speed_up(model) == 0  # a layer already changed is left as it is


@pytest.mark.parametrize("pieces", [1, 2, 3])
def test_every_piece_count(pieces: int) -> None:
    X = numpy.random.default_rng(pieces).normal(size=(7, 12)).astype("f")
    model = _stack(pieces=pieces)
    before = model.predict(X)
    inference.speed_up(model)
    assert numpy.allclose(before, model.predict(X), rtol=1e-5, atol=1e-6)


def test_training_goes_through_thincs_forward() -> None:
    X = numpy.random.default_rng(2).normal(size=(9, 12)).astype("f")
    plain = _stack()
    fast = plain.copy()
    inference.speed_up(fast)
    (y1, back1), (y2, back2) = plain.begin_update(X), fast.begin_update(X)
    assert numpy.array_equal(y1, y2)
    dY = numpy.ones_like(y1)
    assert numpy.array_equal(back1(dY), back2(dY))


def test_the_models_in_use_have_the_faster_layers() -> None:
    def changed(model: Model) -> int:
        return sum(layer._func.__module__ == inference.__name__ for layer in model.walk())

    assert changed(nlp.load().get_pipe("tok2vec").model) >= 2
    if detector.load() is not None:
        assert changed(detector.load().get_pipe("tok2vec").model) >= 2


def test_the_detectors_probabilities_are_spacys() -> None:
    import spacy
    from thinc.api import use_ops

    model = detector.load()
    if model is None:
        pytest.skip("no trained detector in this tree")
    with use_ops("numpy", use_blis=False):
        plain = spacy.load(detector.MODEL)
    docs = list(nlp.parse(_texts()))
    for ours, theirs in zip(detector.probabilities(model, docs), detector.probabilities(plain, docs), strict=True):
        assert numpy.allclose(ours, theirs, atol=1e-5)
        assert (ours.argmax(axis=1) == theirs.argmax(axis=1)).all()
