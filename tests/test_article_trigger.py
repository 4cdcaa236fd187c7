"""ART001's trigger decides lowercase words by spelling alone; checked here against every word lemminflect knows."""

from __future__ import annotations

import pytest

from copyedit.checks.articles import CONSONANT, VOWEL, _spelling_may_misfit, sound


def _vocabulary() -> list[str]:
    from lemminflect.core.Lemmatizer import Lemmatizer

    return sorted(w for w in Lemmatizer()._getLemmaDict() if w[:1].islower())


def test_trigger_passes_every_lowercase_word_whose_sound_misfits_its_article() -> None:
    words = _vocabulary()
    assert len(words) > 10_000
    missed = [
        (an, w)
        for w in words
        for an, misfit in ((False, VOWEL), (True, CONSONANT))
        if sound(w) == misfit and not _spelling_may_misfit(an, w)
    ]
    assert missed == []


@pytest.mark.parametrize("word", ["hour", "honest", "heir", "university", "one-off", "euro", "nth", "yttrium"])
def test_known_exceptions_pass(word: str) -> None:
    heard = sound(word)
    if heard is not None:
        assert _spelling_may_misfit(heard == CONSONANT, word)
