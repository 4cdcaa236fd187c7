"""train/news_counts.py: the lists POS001 and VRB001 read are counted from clean text, not written by hand."""

from __future__ import annotations

import pytest

from copyedit import lexicon
from copyedit.nlp import parse
from train import news_counts


@pytest.fixture()
def small_thresholds(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(news_counts, "MIN_SEEN", 2)
    monkeypatch.setattr(news_counts, "MIN_NOUN", 2)
    monkeypatch.setattr(news_counts, "MIN_PASSIVE", 2)
    monkeypatch.setattr(news_counts, "MIN_SUBJECT", 2)


def _counts(paragraphs: list[str]) -> news_counts.Counts:
    counts = news_counts.Counts()
    for doc in parse(paragraphs):
        counts.add(doc)
    return counts


@pytest.mark.usefixtures("small_thresholds")
def test_a_noun_always_determined_is_listed_and_one_left_bare_is_not() -> None:
    counts = _counts(
        [
            "The economy grew last year.",
            "Its economy shrank in the spring.",
            "The economy will recover, they said.",
            "Inflation rose in May.",
            "The inflation figures were bad.",
            "Inflation fell in June.",
        ]
    )
    assert counts.seen["economy"] == 3 and counts.bare["economy"] == 0
    listed = counts.count_nouns()
    assert "economy" in listed
    assert "inflation" not in listed


@pytest.mark.usefixtures("small_thresholds")
def test_a_verb_never_written_after_be_but_whose_participle_is() -> None:
    counts = _counts(
        [
            "The man was arrested on Friday.",
            "Two women were arrested in Leeds.",
            "Police arrest many people.",
            "They will arrest him soon.",
            "The aim is support for farmers.",
            "The plan was supported by the board.",
            "They support the plan.",
            "We support it.",
            "The firm was supported by its bank.",
        ]
    )
    verbs = counts.passive_after_be()
    assert "arrest" in verbs
    assert "support" not in verbs  # "is support" is written: a noun after the copula


@pytest.mark.usefixtures("small_thresholds")
def test_a_noun_that_always_takes_a_singular_verb_is_listed_and_a_group_noun_is_not() -> None:
    counts = _counts(
        [
            "The economy is growing.",
            "The economy was weak last year.",
            "The economy has recovered.",
            "The team are happy with the result.",
            "The team is in good form.",
            "The team were beaten on Saturday.",
        ]
    )
    assert counts.subject["economy"] == 3 and counts.plural_verb["economy"] == 0
    assert counts.plural_verb["team"] == 2
    listed = counts.singular_subjects()
    assert "economy" in listed
    assert "team" not in listed


def test_the_shipped_lists_are_the_ones_the_rules_read() -> None:
    data = lexicon.load("news_counts")
    assert {"count_nouns", "passive_after_be", "singular_subjects"} <= set(data)
    assert "economy" in data["singular_subjects"] and "team" not in data["singular_subjects"]
    assert "economy" in data["count_nouns"] and "inflation" not in data["count_nouns"]
    assert "arrest" in data["passive_after_be"]


def test_a_word_that_news_follows_only_with_an_infinitive(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(news_counts, "MIN_INFINITIVE", 2)
    counts = _counts(
        [
            "The ministry is trying to cut the deficit.",
            "Officials are trying to save jobs.",
            "The firm is committed to cut costs.",
            "The firm is committed to cutting costs.",
            "They were committed to reducing waste.",
        ]
    )
    heads = counts.infinitive_heads()
    assert "trying" in heads
    assert "committed" not in heads


def test_a_noun_that_owns_ranked_phrases_with_s_is_listed_and_one_written_bare_is_not(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(news_counts, "MIN_OWNER", 2)
    counts = _counts(
        [
            "He sold shares to the company's largest investor.",
            "The company's new chief will start in May.",
            "The report named the group's biggest lender.",
            "The group main lender is a German bank.",
            "The group's second office is in Paris.",
        ]
    )
    assert counts.owns_ranked["company"] == 2 and counts.bare_ranked["company"] == 0
    assert counts.owns_ranked["group"] == 2 and counts.bare_ranked["group"] == 1
    assert "company" in counts.common_owners() and "group" not in counts.common_owners()


def test_the_shipped_common_owners_are_nouns_news_owns_with_s() -> None:
    owners = lexicon.load("news_counts")["common_owners"]
    assert {"company", "country", "government"} <= set(owners)
    assert "chairman" not in owners and all(w.islower() for w in owners)


def test_an_adjective_graded_by_an_adverb_of_degree_is_listed_and_a_classifying_one_is_not(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(news_counts, "MIN_ADJECTIVE", 3)
    monkeypatch.setattr(news_counts, "MIN_GRADED", 2)
    counts = _counts(
        [
            "The plan is highly controversial.",
            "It was a very controversial decision.",
            "The controversial law passed.",
            "Monetary policy was tight.",
            "The bank sets monetary policy.",
            "Its monetary stance is clear.",
        ]
    )
    assert counts.graded["controversial"] == 2 and counts.graded["monetary"] == 0
    degrees = counts.degree_adjectives()
    assert "controversial" in degrees and "monetary" not in degrees


def test_the_shipped_degree_adjectives_grade_and_do_not_classify() -> None:
    degrees = set(lexicon.load("news_counts")["degree_adjectives"])
    assert {"controversial", "strong"} <= degrees
    assert not degrees & {"monetary", "economic", "chemical", "future", "agricultural"}


def test_a_count_noun_whose_participle_news_writes_after_have_is_listed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(news_counts, "MIN_PERFECT", 2)
    counts = _counts(
        [
            "The union has called for a strike.",
            "Ministers have called on the bank to act.",
            "The mayor has a plan for the city.",
            "The firm has planned for a loss.",
            "They had a plan to sell.",
        ]
    )
    assert counts.after_have["called"] == 2 and counts.after_have_article["plan"] == 2
    listed = counts.perfect_after_have(["call", "plan"])
    assert "call" in listed and "plan" not in listed  # "plan" is written after "have a" as often as "planned"


def test_the_shipped_perfect_after_have_words_are_count_nouns_and_verbs() -> None:
    shipped = lexicon.load("news_counts")
    perfect = set(shipped["perfect_after_have"])
    assert "call" in perfect and perfect <= set(shipped["count_nouns"])
    assert not perfect & {"cut", "put", "cause", "access", "need"}


def test_a_word_that_governs_to_only_before_a_base_verb_is_an_infinitive_governor(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(news_counts, "MIN_GOVERNED", 2)
    counts = _counts(
        [
            "The firm failed to pay its debts.",
            "The bank failed to act in time.",
            "Workers agreed to strike on Monday.",
            "The union agreed to talks with the firm.",
            "Ministers agreed to the deal.",
        ]
    )
    assert counts.governs_base["fail"] == 2 and counts.governs_other["agree"] >= 1
    governors = counts.infinitive_governors()
    assert "fail" in governors and "agree" not in governors


def test_the_shipped_infinitive_governors_take_no_noun_phrase_after_to() -> None:
    governors = set(lexicon.load("news_counts")["infinitive_governors"])
    assert {"fail", "plan", "want"} <= governors
    assert not governors & {"agree", "commit", "object", "lead", "return", "add", "due"}


def test_a_preposition_a_verb_never_leaves_without_its_object(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(news_counts, "MIN_OBJECT", 2)
    counts = _counts(
        [
            "Exports fell to 20,000 tonnes.",
            "Imports fell to a record low in March.",
            "The complaints were dealt with by the board.",
            "The complaints were dealt with quickly.",
            "It was a matter the council had dealt with.",
        ]
    )
    assert counts.verb_prep_object["fall to"] == 2 and not counts.verb_prep_ends["fall to"]
    assert counts.verb_prep_ends["deal with"] >= 1
    listed = counts.object_prepositions()
    assert "fall to" in listed
    assert "deal with" not in listed


def test_the_shipped_object_prepositions_are_counted() -> None:
    listed = lexicon.counted("object_prepositions")
    assert {"fall to", "approve by"} <= listed
    assert not {"deal with", "point out", "go on"} & listed


@pytest.mark.usefixtures("small_thresholds")
def test_a_verb_form_never_after_to_nor_an_adjective_is_listed() -> None:
    counts = _counts(
        [
            "The firm stopped production and stopped paying staff.",
            "Sales reduced costs, and the bank reduced its rates.",
            "Demand fell due to reduced prices.",
            "They switched to used cars, and he used a car.",
            "She used the money.",
        ]
    )
    assert counts.words["stopped"] == 2 and not counts.after_to["stopped"]
    assert counts.after_to["reduced"] == 1 and counts.attributive["used"] >= 1
    listed = counts.never_after_to()
    assert "stopped" in listed
    assert not {"reduced", "used"} & set(listed)


def test_the_shipped_forms_never_after_to_are_no_base_forms_or_adjectives() -> None:
    listed = lexicon.counted("never_after_to")
    assert {"stopped", "helped", "gave", "took"} <= listed
    assert not {"used", "reduced", "increased", "related", "affected", "worried", "armed"} & listed


def test_a_preposition_never_left_without_an_object_is_never_stranded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(news_counts, "MIN_UNSTRANDED", 2)
    counts = _counts(
        [
            "The drug was developed in Britain and developed in France.",
            "The complaints were dealt with by the board and dealt with fairly.",
            "The tax had an effect on prices and an effect on wages.",
            "The match was played with the lights on and the roof open.",
            "The lights on the porch burned.",
        ]
    )
    assert counts.verb_prep_object["develop in"] == 2 and not counts.verb_prep_bare["develop in"]
    assert counts.verb_prep_bare["deal with"] >= 1
    assert counts.noun_prep_object["effect on"] == 2 and counts.noun_prep_bare["light on"] >= 1
    verbs, nouns = counts.never_stranded()
    assert "develop in" in verbs and "deal with" not in verbs
    assert "effect on" in nouns and "light on" not in nouns


def test_the_shipped_never_stranded_prepositions_are_counted() -> None:
    verbs, nouns = lexicon.counted("never_stranded_after_verb"), lexicon.counted("never_stranded_after_noun")
    assert {"develop in", "calculate on", "face with"} <= verbs
    assert not {"deal with", "refer to", "live in", "pay for", "look at"} & verbs
    assert {"effect on", "impact on", "increase in"} <= nouns
    assert "light on" not in nouns


def test_a_passive_often_before_a_perfect_infinitive_is_listed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(news_counts, "MIN_PERFECT_PASSIVE", 2)
    counts = _counts(
        [
            "The gang is believed to have stolen the paintings.",
            "The driver was believed to have fled the scene.",
            "Prices are expected to rise in March.",
            "Sales were expected to fall again.",
            "The bank is expected to cut rates.",
        ]
    )
    assert counts.passive_to_have["believe"] == 2 and counts.passive_to_base["expect"] == 3
    listed = counts.perfect_after_passive()
    assert "believe" in listed and "expect" not in listed


def test_the_shipped_passives_before_a_perfect_infinitive_are_counted() -> None:
    listed = lexicon.counted("perfect_after_passive")
    assert {"believe", "say", "think"} <= listed
    assert not {"expect", "require", "ask"} & listed


def test_a_noun_that_owns_phrases_with_s_and_modifies_none_is_a_noun_owner(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(news_counts, "MIN_NOUN_OWNER", 2)
    counts = _counts(
        [
            "The country's economy shrank, and the country's new leader resigned.",
            "The world's biggest bank lost money.",
            "The world's oceans are warming, and the world market fell.",
            "She sang country music on the radio.",
        ]
    )
    assert counts.owns_phrase["country"] == 2 and not counts.modifies_phrase["country"]
    assert counts.modifies_phrase["world"] >= 1
    owners, compounds = counts.noun_owners()
    assert "country" in owners and "world" not in owners
    assert "country music" in compounds


def test_the_shipped_noun_owners_are_counted() -> None:
    owners = lexicon.counted("noun_owners")
    assert {"country", "nation"} <= owners
    assert not {"world", "government", "market", "state"} & owners
    assert all(c.split()[0] in owners for c in lexicon.counted("owner_compounds"))
