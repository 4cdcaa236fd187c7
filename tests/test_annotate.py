"""The table-driven attribute ruler and lemmatizer (copyedit.annotate) leave every Doc exactly as spaCy's own
components do, and the model's matrix arithmetic through numpy gives the tags and parses that BLIS gives."""

from __future__ import annotations

import pytest
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.pipeline import AttributeRuler

from bench.devset import load as devset
from copyedit import annotate, nlp
from copyedit.rule import catalogue

ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD]
#: The model's own word exceptions ("gonna", "y'all", "let's", "ain't"), spaces, and empty text.
ODD = [
    "We're gonna win, y'all. Let's go!  C'mon, it ain't over, and he's got ta leave.",
    "There is  a gap .\n\nNothin' doin'.",
    " ",
    "",
    "\n",
]


def _texts() -> list[str]:
    examples = [ex.text for r in catalogue().values() for ex in r.examples]
    items = [t for item in devset() for t in (item["text"], item.get("expected") or "") if t]
    return ODD + examples + items


def test_stand_ins_are_in_use() -> None:
    skipped, steps = nlp._stand_ins()
    assert skipped == ("attribute_ruler", "lemmatizer")
    assert [type(s) for s in steps] == [annotate.AttributeRules, annotate.Lemmas]


def test_parse_gives_the_docs_spacys_components_give() -> None:
    texts = _texts()
    ours = list(nlp.parse(texts))
    theirs = list(nlp.load().pipe(texts, disable=[nlp.ENTITIES]))
    for text, a, b in zip(texts, ours, theirs, strict=True):
        assert (a.to_array(ATTRS) == b.to_array(ATTRS)).all(), text[:80]
        assert [(t.lemma_, str(t.morph), t.pos_) for t in a] == [(t.lemma_, str(t.morph), t.pos_) for t in b]


def test_a_parsed_doc_keeps_its_text_and_the_detector_its_words() -> None:
    """`parse` stores the text it parsed on the Doc (for `syntax.doc_text`); the detector cuts its words from it by
    offset. Both must be what spaCy's own ``doc.text`` and tokens say, spaces and odd characters too."""
    from copyedit import detector

    texts = [*_texts(), "Mr O'Neill's 12,000th rock-n-roll...  “Quoted” — ½ café ＦＵＬＬ ﬁ\t tab  ", "\u00a0lead"]
    for text, doc in zip(texts, nlp.parse(texts), strict=True):
        assert doc.user_data[nlp.TEXT] == doc.text == text
        assert detector._words(doc) == ([t.text for t in doc], [bool(t.whitespace_) for t in doc])


def test_numpy_arithmetic_gives_the_annotations_blis_gives() -> None:
    import spacy
    from thinc.api import use_ops

    with use_ops("numpy", use_blis=True):
        blis = spacy.load(nlp.model_name(), exclude=["attribute_ruler", "lemmatizer"])
    texts = _texts()
    ours = nlp.load().pipe(texts, disable=["attribute_ruler", "lemmatizer"])
    from spacy.attrs import ENT_IOB, ENT_TYPE

    model = [TAG, DEP, HEAD, ENT_IOB, ENT_TYPE]
    for text, a, b in zip(texts, ours, blis.pipe(texts), strict=True):
        assert (a.to_array(model) == b.to_array(model)).all(), text[:80]


def test_a_pattern_the_stand_in_cannot_read_is_refused() -> None:
    ruler = AttributeRuler(nlp.load().vocab)
    ruler.add([[{"LOWER": "x", "OP": "+"}]], {"POS": "X"})
    with pytest.raises(annotate.Unsupported):
        annotate.AttributeRules(ruler)
    ruler = AttributeRuler(nlp.load().vocab)
    ruler.add([[{"SHAPE": "Xx"}]], {"POS": "X"})
    with pytest.raises(annotate.Unsupported):
        annotate.AttributeRules(ruler)


def test_later_patterns_win_and_two_word_patterns_reach_their_index() -> None:
    vocab = nlp.load().vocab
    ruler = AttributeRuler(vocab)
    ruler.add([[{"LOWER": "big"}]], {"LEMMA": "first"})
    ruler.add([[{"LOWER": {"IN": ["big", "small"]}}]], {"LEMMA": "second"})
    ruler.add([[{"LOWER": "very"}, {"LOWER": {"REGEX": "^sm"}}]], {"LEMMA": "third"}, index=-1)
    from spacy.tokens import Doc

    words = ["big", "very", "small", "small"]
    ours, theirs = Doc(vocab, words=words), Doc(vocab, words=words)
    annotate.AttributeRules(ruler)(ours)
    ruler(theirs)
    assert [t.lemma_ for t in ours] == [t.lemma_ for t in theirs] == ["second", "", "third", "second"]


def test_the_memos_stay_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(annotate, "MEMO_SIZE", 5)
    rules, lemmas = nlp._stand_ins()[1]
    monkeypatch.setattr(lemmas, "_known", {})  # every word below is new to the memo, so it fills and starts again
    monkeypatch.setattr(rules, "_seen", {})
    list(nlp.parse(["Ministers met farmers, bankers and dockers to discuss tariffs, quotas and subsidies."]))
    assert len(lemmas._known) <= 5 and len(lemmas._lemmatizer.cache) <= 5 and len(rules._seen) <= 5
