"""Faster prediction through two of thinc's layers, with the same numbers to float rounding.

Every tok2vec here (en_core_web_sm's, its entity recogniser's and the learned detector's) is a chain of maxout
and layer-norm layers, and in prediction thinc's own forward passes spend nearly as long around their matrix
products as in them: maxout works out which piece won (for training) and layer norm makes several passes and
temporaries over its input. `speed_up` gives those layers a forward pass that, when not training, does only
what prediction needs: one product with the weights laid out piece by piece, the pieces' maximum taken in
place, the moments and the scaling in a few passes. Training goes through thinc's forward unchanged.
``tests/test_inference.py`` compares both layers' outputs with thinc's and the parses with spaCy's own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from thinc.api import Model

Forward = Callable[..., tuple[Any, Callable[..., Any]]]


def speed_up(model: Model) -> int:
    """Give each maxout and layer-norm layer of ``model`` (at any depth) the faster prediction forward; only layers
    whose forward is still thinc's own are touched. Returns how many were."""
    from importlib import import_module

    faster: dict[Forward, Callable[[Forward], Forward]] = {
        import_module("thinc.layers.maxout").forward: _maxout,
        import_module("thinc.layers.layernorm").forward: _layernorm,
    }
    changed = 0
    for layer in model.walk():
        make = faster.get(layer._func)
        if make is not None:
            layer._func = make(layer._func)
            changed += 1
    return changed


def _maxout(train: Forward) -> Forward:
    """Maxout: the product with the weights in piece-major order, so that each piece is a block of columns, and
    the largest piece kept in place, with no record of which one won."""
    import numpy

    def forward(model: Model, X: Any, is_train: bool) -> tuple[Any, Callable[..., Any]]:
        if is_train or not isinstance(X, numpy.ndarray):
            return train(model, X, is_train)
        n_out, pieces, n_in = model.get_dim("nO"), model.get_dim("nP"), model.get_dim("nI")
        W = model.get_param("W").reshape(n_out, pieces, n_in).transpose(1, 0, 2).reshape(pieces * n_out, n_in)
        Y = X @ W.T
        Y += model.get_param("b").T.reshape(pieces * n_out)
        best = Y[:, :n_out].copy()
        for p in range(1, pieces):
            numpy.maximum(best, Y[:, p * n_out : (p + 1) * n_out], out=best)
        return best, _no_backprop

    return forward


def _layernorm(train: Forward) -> Forward:
    """Layer norm: the variance from the centred input it has anyway, and the scaling done in place."""
    import numpy

    def forward(model: Model, X: Any, is_train: bool) -> tuple[Any, Callable[..., Any]]:
        if is_train or not isinstance(X, numpy.ndarray):
            return train(model, X, is_train)
        centred = X - X.mean(axis=1, keepdims=True)
        variance = numpy.einsum("ij,ij->i", centred, centred)
        variance /= X.shape[1]
        variance += 1e-08  # thinc's
        centred *= (variance ** (-1.0 / 2.0))[:, None]
        centred *= model.get_param("G")
        centred += model.get_param("b")
        return centred, _no_backprop

    return forward


def _no_backprop(*_: Any) -> Any:
    raise RuntimeError("a copyedit inference layer was asked to learn: train through thinc's own forward")
