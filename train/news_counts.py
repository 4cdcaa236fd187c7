"""What edited news never writes, counted from clean text: rules/data/news_counts.yaml.

usage: python -m train.news_counts [--corpus DIR] [--out FILE]

Lists, each counted over the training articles of ../shared/corpus/news (the split of train/damage.py; the
shared independent set and the benchmark's frozen set left out), not written by hand:

- ``count_nouns`` (POS001): a singular count noun needs a determiner ("the economy", "its plan", "Japan's
  economy"); a mass noun, or one that readily takes a name attributively, does not ("inflation rose", "China
  policy"). Every lowercase singular noun (tag NN) that heads its phrase is counted, with how often it has no
  determiner, possessive or number of its own, and how often it has none right after a run of proper nouns that
  opens its phrase. Listed: seen at least MIN_NOUN times, bare at most MAX_BARE of them, right after a bare name
  at most MAX_AFTER_NAME of them. A bare name before one is its lost possessor ("Japan economy shrank").
- ``passive_after_be`` (VRB001): verbs whose base form never follows a form of "be" (the base form seen at least
  MIN_SEEN times, never after "be"), while their participle follows one at least MIN_PASSIVE times and at least
  PASSIVE_RATIO times as often as their -ing form. The tagger reads "was arrest in London" as a noun after a
  copula; no such noun is written in news, and "was arrested" is the repair.
- ``infinitive_heads`` (VRB001): verbs and adjectives after which "to" always marks an infinitive: before "to"
  and a base verb at least MIN_INFINITIVE times, never before "to" and an "-ing" form ("trying to cut", never
  "trying to cutting"; but "committed to cutting", "due to rising costs"). After one, "to" and an "-ing" form is a
  broken infinitive, not a preposition before a gerund.
- ``infinitive_only`` (TYP001): infinitive heads never before "to" and a noun phrase either ("failed to
  disclose", never "failed to the board"; but "agreed to the deal"). After one, "to" cannot be a preposition
  stranded before a second "to": "failed to to disclose" is a doubled word.
- ``perfect_after_have`` (VRB001): count nouns (above) that are verbs too, never written right after a form of
  "have", whose participle follows "have" at least MIN_PERFECT times and at least ARTICLE_RATIO times as often as
  "have a/an" and the noun ("has called for", rarely "has a call for"). After "have", such a word before a
  preposition has lost its "-ed": it cannot be a bare noun, and the perfect is what edited news writes.
- ``common_owners`` (POS001): lowercase singular nouns that own a ranked phrase after "the" with "'s" at least
  MIN_OWNER times ("the company's largest shareholder", "the country's second city") and never without it ("the
  company largest shareholder"; "the country worst affected" is no phrase: no noun follows). After "the", one of
  them run into a superlative, ordinal or owning adjective and a noun has lost its possessive.
- ``object_prepositions`` (FRG002): a verb and a preposition right after it (adverbs between) that take an object
  at least MIN_OBJECT times and never end a clause ("fell to 21,110 tonnes", "approved by regulators"; but "was
  dealt with.", "went on."). A plain phrase that such a preposition leads, stranded right after such a verb, is the
  verb's own complement cut off by a stop: "Imports fell. To 21,110 tonnes." joins back without a comma.
- ``never_after_to`` (VRB001): past, participle and -s forms of verbs that have no base form of the same spelling,
  seen at least MIN_SEEN times, never right after "to" and tagged an adjective or modifying a noun in at most
  MAX_ATTRIBUTIVE of them, the tagger's slips ("stopped", "gave", "discussed"; not "used" or "reduced": "switched to
  used cars", "due to reduced demand"). After "to", such a form is a broken infinitive ("a way to stopped people").
- ``never_stranded_after_verb``, ``never_stranded_after_noun`` (TYP001): a verb or noun and a preposition right
  after it that take an object at least MIN_UNSTRANDED times and never stand without one ("developed in", "its
  effect on"; but "was dealt with by", "with the lights on"). Such a preposition is no stranded one that another
  may follow: "was developed in in conjunction with" and "its effect on on prices" are doubled words.
- ``noun_owners`` (POS001): lowercase singular nouns that, after "the", own the phrase after them with "'s" at least
  MIN_NOUN_OWNER times ("the country's economy") and modify a later noun without it at most MAX_OWNER_MODIFIES as
  often ("the country music scene"; the parse's misreads of "gave the country access" count here too). After "the",
  one of them run into a noun phrase has lost its possessive: "the country economy", "the nation recovery"; not
  into a noun it makes a compound with anywhere in the articles (``owner_compounds``: "the country music scene").
- ``perfect_after_passive`` (VRB001): passives that "to have" and a participle follow at least MIN_PERFECT_PASSIVE
  times and in at least PERFECT_PASSIVE_SHARE of their infinitives ("is believed to have", "is said to have"; not
  "is expected to", "is required to"). After one, a past form after "to" may have lost its "have" as likely as its
  base form: "is believed to helped the poor".
- ``singular_subjects`` (AGR001): singular nouns that, as the subject of a finite verb that shows number, take a
  singular verb at least MIN_SUBJECT times and a plural one at most MAX_PLURAL of them. A name before one does
  not make it a team's or a firm's people ("the US economy have grown" is no British collective plural, as "the
  Tottenham hierarchy are" may be).
- ``degree_adjectives`` (POS001, the detector's possessives): adjectives of degree, which an adverb of degree
  ("very", "highly", "too"; DEGREE_ADVERBS) modifies at least MIN_GRADED times and in at least GRADED_SHARE of
  their uses ("highly controversial", "very strong"), as it never does a classifying adjective ("monetary",
  "chemical"). English puts such an adjective before a name that modifies a noun ("the controversial Israel
  wall"), so a bare name right before one owns the noun after it ("Israel controversial wall").
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from train.damage import CORPUS, articles

OUT = Path(__file__).resolve().parents[1] / "rules" / "data" / "news_counts.yaml"
MIN_SEEN = 30
MIN_NOUN = 20
MAX_BARE = 0.08
MAX_AFTER_NAME = 0.01
MIN_PASSIVE = 5
MIN_SUBJECT = 20
MAX_PLURAL = 0.03
PASSIVE_RATIO = 5
MIN_INFINITIVE = 10
MIN_PERFECT = 20
MIN_GOVERNED = 20
MAX_GOVERNED_OTHER = 0.01
ARTICLE_RATIO = 10
MIN_OWNER = 5
MIN_OBJECT = 30
MIN_UNSTRANDED = 10
MAX_ATTRIBUTIVE = 0.02
MIN_PERFECT_PASSIVE = 5
MIN_NOUN_OWNER = 20
MAX_OWNER_MODIFIES = 0.015
#: The tags of a word that opens the phrase a possessive owns ("the country's economy", "… new leader").
OWNED_OPENERS = frozenset({"NN", "NNS", "JJ", "JJR", "JJS", "CD", "VBG", "VBN"})
PERFECT_PASSIVE_SHARE = 0.1
MIN_ADJECTIVE = 20
MIN_GRADED = 5
GRADED_SHARE = 0.05
#: Adverbs that grade an adjective; "more", "most" and "less" too, where the parse makes them its modifier.
DEGREE_ADVERBS = frozenset(
    {"very", "so", "too", "extremely", "highly", "increasingly", "fairly", "relatively", "quite", "rather", "less"}
    | {"more", "most", "least", "particularly", "especially", "slightly", "somewhat", "deeply", "really"}
    | {"incredibly", "hugely", "enormously"}
)
BE = frozenset({"is", "are", "was", "were", "be", "been"})
HAVE = frozenset({"has", "have", "had", "having"})
#: The tags of a word that opens a noun phrase after "to" ("to the board", "to its owners", "to 5 pct").
NOUN_PHRASE_OPENERS = frozenset({"DT", "PRP$", "PRP", "NN", "NNS", "NNP", "NNPS", "CD", "JJ", "JJR", "JJS"})
DETERMINING = frozenset({"det", "poss", "nummod", "predet"})
#: What may stand before a name that opens a noun phrase; anything else makes the name part of a longer phrase.
NOT_OPENING = frozenset({"DT", "PRP$", "JJ", "JJR", "JJS", "CD", "POS", "NN", "NNS"})


class Counts:
    def __init__(self) -> None:
        self.seen: Counter[str] = Counter()  # a noun heading its phrase
        self.bare: Counter[str] = Counter()  # … with no determiner
        self.after_name: Counter[str] = Counter()  # … right after a bare name
        self.words: Counter[str] = Counter()  # every lowercase word
        self.after_be: Counter[str] = Counter()  # … right after a form of "be"
        self.subject: Counter[str] = Counter()  # a singular noun as a finite verb's subject
        self.plural_verb: Counter[str] = Counter()  # … whose verb is plural
        self.to_base: Counter[str] = Counter()  # a lowercase word before "to" and a base verb
        self.to_ing: Counter[str] = Counter()  # … before "to" and an "-ing" form
        self.to_phrase: Counter[str] = Counter()  # … before "to" and a noun phrase
        self.owns_ranked: Counter[str] = Counter()  # "the company's largest …"
        self.bare_ranked: Counter[str] = Counter()  # "the company largest …", a noun after it
        self.owns_phrase: Counter[str] = Counter()  # "the country's economy", "the country's new leader"
        self.modifies_phrase: Counter[str] = Counter()  # "the country music scene": a modifier of a later noun
        self.compounds: Counter[str] = Counter()  # a lowercase noun and the noun it modifies right after it
        self.adjectives: Counter[str] = Counter()  # a lowercase adjective (tag JJ)
        self.graded: Counter[str] = Counter()  # … right after an adverb of degree that modifies it
        self.after_have: Counter[str] = Counter()  # a lowercase word right after a form of "have"
        self.after_have_article: Counter[str] = Counter()  # … after "have" and "a/an" ("has a call for")
        self.governs_base: Counter[str] = Counter()  # the lemma a "to" and base verb hang on ("plan to cut")
        self.governs_other: Counter[str] = Counter()  # … a "to" and an "-ing" form or a noun phrase ("agree to talks")
        self.verb_prep_ends: Counter[str] = Counter()  # a verb and the preposition after it that ends a clause
        self.verb_prep_object: Counter[str] = Counter()  # … that takes an object ("needed in Britain")
        self.verb_prep_bare: Counter[str] = Counter()  # … that takes none, wherever it stands ("dealt with by")
        self.noun_prep_object: Counter[str] = Counter()  # a noun and the preposition right after it, with an object
        self.noun_prep_bare: Counter[str] = Counter()  # … with none ("the lights on")
        self.passive_to_have: Counter[str] = Counter()  # a passive's lemma before "to have" ("is believed to have")
        self.passive_to_base: Counter[str] = Counter()  # … before "to" and a base verb ("is expected to rise")
        self.after_to: Counter[str] = Counter()  # a lowercase word right after "to"
        self.attributive: Counter[str] = Counter()  # … tagged an adjective or modifying a noun ("used cars")

    def _owner(self, tok) -> None:
        """Count a lowercase singular noun after "the" by whether a ranked phrase follows it with "'s" or without."""
        from copyedit.checks.possessive import owning_word

        doc = tok.doc
        if tok.i == 0 or doc[tok.i - 1].lower_ != "the" or tok.i + 2 >= len(doc):
            return
        nxt, after = doc[tok.i + 1], doc[tok.i + 2]
        if nxt.tag_ == "POS" and owning_word(after.lower_):
            self.owns_ranked[tok.text] += 1
        elif owning_word(nxt.lower_) and after.tag_ in ("NN", "NNS", "JJ", "JJS", "CD"):
            self.bare_ranked[tok.text] += 1
        if nxt.tag_ == "POS" and after.is_lower and after.tag_ in OWNED_OPENERS:
            self.owns_phrase[tok.text] += 1
        elif nxt.is_lower and nxt.is_alpha and tok.dep_ in ("compound", "amod", "nmod") and tok.head.i > tok.i:
            self.modifies_phrase[tok.text] += 1

    def _infinitive(self, to) -> None:
        """Count the word before "to" by what follows "to": a base verb, or an "-ing" form (of a verb)."""
        from copyedit.syntax import can_be_verb_form

        doc = to.doc
        if to.i == 0 or to.i + 1 >= len(doc) or not (doc[to.i - 1].is_alpha and doc[to.i - 1].text.islower()):
            return
        if doc[to.i - 1].pos_ not in ("VERB", "ADJ"):
            return  # the word that governs "to": not an adverb or a preposition ("went on to"), nor a noun, which may
            # be the object of a verb that governs it ("commits countries to limiting")
        word, nxt = doc[to.i - 1].text, doc[to.i + 1]
        if nxt.tag_ == "VB":
            self.to_base[word] += 1
        elif nxt.tag_ == "VBG" or (nxt.lower_.endswith("ing") and can_be_verb_form(nxt.lower_, "VBG")):
            self.to_ing[word] += 1
        elif nxt.tag_ in NOUN_PHRASE_OPENERS:
            self.to_phrase[word] += 1

    def _governed(self, to) -> None:
        """Count the word a "to" hangs on in the parse, as VRB001 reads it (``hangs_on``: through the verb it marks,
        "plan" in "plan to cut"; or as a preposition, "agree" in "agree to talks"), by what follows "to": a base
        verb, or an "-ing" form or a noun phrase."""
        from copyedit.checks.verbs import hangs_on
        from copyedit.syntax import can_be_verb_form

        doc = to.doc
        governor = hangs_on(to)
        if to.i + 1 >= len(doc) or governor is None or not governor.is_alpha:
            return
        nxt = doc[to.i + 1]
        if to.dep_ == "aux":
            if to.tag_ == "TO" and nxt.tag_ == "VB" and to.head == nxt:
                self.governs_base[governor.lemma_.lower()] += 1
            return
        ing = nxt.tag_ == "VBG" or (nxt.lower_.endswith("ing") and can_be_verb_form(nxt.lower_, "VBG"))
        if ing or nxt.tag_ in NOUN_PHRASE_OPENERS:
            self.governs_other[governor.lemma_.lower()] += 1

    def _passive_infinitive(self, to) -> None:
        """Count the passive a "to" hangs on ("is believed to", "is expected to") by whether a perfect infinitive
        ("to have helped") or a plain one ("to help") follows."""
        from copyedit.checks.verbs import hangs_on

        doc, governor = to.doc, hangs_on(to)
        if governor is None or governor.tag_ != "VBN" or to.i + 1 >= len(doc):
            return
        if not any(c.dep_ == "auxpass" for c in governor.children):
            return
        nxt = doc[to.i + 1]
        if nxt.lower_ == "have" and to.i + 2 < len(doc) and doc[to.i + 2].tag_ == "VBN":
            self.passive_to_have[governor.lemma_.lower()] += 1
        elif nxt.tag_ == "VB" and nxt.lower_ != "have":
            self.passive_to_base[governor.lemma_.lower()] += 1

    def _verb_preposition(self, prep) -> None:
        """Count a preposition or particle right after the verb it hangs on (adverbs between) by whether it ends its
        clause ("was brought in.", "dealt with,") or takes an object ("is needed in Britain")."""
        from copyedit.checks.stray_stops import adjacent

        verb, doc = prep.head, prep.doc
        if prep.dep_ not in ("prep", "prt", "agent") or verb.pos_ != "VERB" or not adjacent(prep, verb):
            return
        key = f"{verb.lemma_.lower()} {prep.lower_}"
        if any(c.dep_ == "pobj" for c in prep.children):
            self.verb_prep_object[key] += 1
            return
        if prep.i + 1 == len(doc) or doc[prep.i + 1].is_punct:
            self.verb_prep_ends[key] += 1
        if not any(c.dep_ == "pcomp" for c in prep.children):
            self.verb_prep_bare[key] += 1

    def _noun_preposition(self, prep) -> None:
        """Count a preposition right after the lowercase noun it hangs on by whether it takes an object ("its effect
        on prices") or none ("with the lights on")."""
        noun = prep.head
        if prep.dep_ not in ("prep", "prt", "advmod") or noun.pos_ != "NOUN" or not noun.is_lower:
            return
        if prep.i != noun.i + 1:
            return
        key = f"{noun.lemma_.lower()} {prep.lower_}"
        if any(c.dep_ in ("pobj", "pcomp") for c in prep.children):
            self.noun_prep_object[key] += 1
        else:
            self.noun_prep_bare[key] += 1

    def _agreement(self, tok) -> None:
        """Count a lowercase singular subject (not coordinated) and whether its finite verb is plural."""
        if tok.dep_ not in ("nsubj", "nsubjpass") or any(c.dep_ == "conj" for c in tok.children):
            return
        head = tok.head
        verbs = [head, *(c for c in head.children if c.dep_ in ("aux", "auxpass"))]
        finite = next((v for v in verbs if v.tag_ in ("VBZ", "VBP") or v.lower_ in ("was", "were")), None)
        if finite is None:
            return
        self.subject[tok.text] += 1
        self.plural_verb[tok.text] += finite.tag_ == "VBP" or finite.lower_ == "were"

    def _adjective(self, tok) -> None:
        """Count a lowercase adjective, and whether an adverb of degree right before it modifies it."""
        self.adjectives[tok.text] += 1
        prev = tok.doc[tok.i - 1] if tok.i > 0 else None
        if prev is not None and prev.lower_ in DEGREE_ADVERBS and prev.dep_ == "advmod" and prev.head.i == tok.i:
            self.graded[tok.text] += 1

    def add(self, doc) -> None:
        for tok in doc:
            if tok.tag_ == "JJ" and tok.is_alpha and tok.text.islower():
                self._adjective(tok)
            if tok.lower_ == "to":
                self._infinitive(tok)
                self._governed(tok)
                self._passive_infinitive(tok)
            if tok.tag_ in ("IN", "RP", "TO") and tok.is_alpha and tok.text.islower():
                self._verb_preposition(tok)
                self._noun_preposition(tok)
            if tok.is_alpha and tok.text.islower():
                self.words[tok.text] += 1
                if tok.i > 0 and doc[tok.i - 1].lower_ in BE:
                    self.after_be[tok.text] += 1
                if tok.i > 0 and doc[tok.i - 1].lower_ in HAVE:
                    self.after_have[tok.text] += 1
                if tok.i > 0 and doc[tok.i - 1].lower_ == "to":
                    self.after_to[tok.text] += 1
                if tok.tag_ == "JJ" or tok.dep_ == "amod":
                    self.attributive[tok.text] += 1
                if tok.i > 1 and doc[tok.i - 1].lower_ in ("a", "an") and doc[tok.i - 2].lower_ in HAVE:
                    self.after_have_article[tok.text] += 1
            if tok.tag_ == "NN" and tok.is_alpha and tok.text.islower():
                self._owner(tok)
                if tok.dep_ == "compound" and tok.head.i == tok.i + 1 and tok.head.is_lower:
                    self.compounds[f"{tok.text} {tok.head.text}"] += 1
            if tok.tag_ != "NN" or tok.dep_ == "compound" or not (tok.is_alpha and tok.text.islower()):
                continue
            self.seen[tok.text] += 1
            self._agreement(tok)
            if any(c.dep_ in DETERMINING for c in tok.children):
                continue
            self.bare[tok.text] += 1
            j = tok.i - 1
            if j < 0 or doc[j].tag_ != "NNP":
                continue
            while j > 0 and doc[j - 1].tag_ == "NNP":
                j -= 1
            if j == 0 or doc[j - 1].tag_ not in NOT_OPENING:
                self.after_name[tok.text] += 1

    def count_nouns(self) -> list[str]:
        return sorted(
            w
            for w, n in self.seen.items()
            if n >= MIN_NOUN and self.bare[w] <= MAX_BARE * n and self.after_name[w] <= MAX_AFTER_NAME * n
        )

    def singular_subjects(self) -> list[str]:
        return sorted(w for w, n in self.subject.items() if n >= MIN_SUBJECT and self.plural_verb[w] <= MAX_PLURAL * n)

    def common_owners(self) -> list[str]:
        return sorted(w for w, n in self.owns_ranked.items() if n >= MIN_OWNER and not self.bare_ranked[w])

    def degree_adjectives(self) -> list[str]:
        return sorted(
            w
            for w, n in self.adjectives.items()
            if n >= MIN_ADJECTIVE and self.graded[w] >= max(MIN_GRADED, GRADED_SHARE * n)
        )

    def infinitive_heads(self) -> list[str]:
        return sorted(w for w, n in self.to_base.items() if n >= MIN_INFINITIVE and not self.to_ing[w])

    def perfect_after_have(self, nouns: list[str]) -> list[str]:
        from copyedit.inflection import getAllLemmas, getInflection

        out = []
        for w in nouns:
            if w not in getAllLemmas(w).get("VERB", ()) or self.after_have[w]:
                continue
            vbn = (getInflection(w, tag="VBN") or [w])[0]
            perfect = self.after_have[vbn]
            if vbn != w and perfect >= MIN_PERFECT and self.after_have_article[w] * ARTICLE_RATIO <= perfect:
                out.append(w)
        return sorted(out)

    def infinitive_governors(self) -> list[str]:
        return sorted(
            w
            for w, n in self.governs_base.items()
            if n >= MIN_GOVERNED and self.governs_other[w] <= MAX_GOVERNED_OTHER * n and w.isalpha() and w.islower()
        )

    def object_prepositions(self) -> list[str]:
        return sorted(k for k, n in self.verb_prep_object.items() if n >= MIN_OBJECT and not self.verb_prep_ends[k])

    def never_stranded(self) -> tuple[list[str], list[str]]:
        """Verb and noun keys whose preposition took an object at least MIN_UNSTRANDED times and never stood alone."""

        def unstranded(objects: Counter[str], bare: Counter[str]) -> list[str]:
            return sorted(k for k, n in objects.items() if n >= MIN_UNSTRANDED and not bare[k])

        verbs = unstranded(self.verb_prep_object, self.verb_prep_bare)
        return verbs, unstranded(self.noun_prep_object, self.noun_prep_bare)

    def noun_owners(self) -> tuple[list[str], list[str]]:
        """The owners, and the compounds any of them makes with the noun right after it ("country music")."""
        owners = sorted(
            w
            for w, n in self.owns_phrase.items()
            if n >= MIN_NOUN_OWNER and self.modifies_phrase[w] <= MAX_OWNER_MODIFIES * n
        )
        return owners, sorted(k for k in self.compounds if k.split()[0] in owners)

    def perfect_after_passive(self) -> list[str]:
        return sorted(
            w
            for w, n in self.passive_to_have.items()
            if n >= MIN_PERFECT_PASSIVE and n >= PERFECT_PASSIVE_SHARE * (n + self.passive_to_base[w])
        )

    def never_after_to(self) -> list[str]:
        from copyedit.syntax import can_be_verb_form

        forms = ("VBD", "VBN", "VBZ")
        return sorted(
            w
            for w, n in self.words.items()
            if n >= MIN_SEEN
            and not self.after_to[w]
            and self.attributive[w] <= MAX_ATTRIBUTIVE * n
            and not can_be_verb_form(w, "VB")
            and any(can_be_verb_form(w, t) for t in forms)
        )

    def infinitive_only(self) -> list[str]:
        return [w for w in self.infinitive_heads() if not self.to_phrase[w]]

    def passive_after_be(self) -> list[str]:
        from copyedit.inflection import getAllLemmas, getInflection

        out = []
        for w, n in self.words.items():
            if n < MIN_SEEN or self.after_be[w] or w not in getAllLemmas(w).get("VERB", ()):
                continue
            vbn, vbg = ((getInflection(w, tag=t) or [w])[0] for t in ("VBN", "VBG"))
            passive, progressive = self.after_be[vbn], self.after_be[vbg]
            if vbn != w and passive >= MIN_PASSIVE and passive >= PASSIVE_RATIO * progressive:
                out.append(w)
        return sorted(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    from copyedit.nlp import parse

    paragraphs = [p for split, _, ps in articles(args.corpus) if split == "train" for p in ps]
    counts = Counts()
    for doc in parse(paragraphs):
        counts.add(doc)
    nouns, verbs, subjects = counts.count_nouns(), counts.passive_after_be(), counts.singular_subjects()
    heads, owners, degrees = counts.infinitive_heads(), counts.common_owners(), counts.degree_adjectives()
    only, perfect = counts.infinitive_only(), counts.perfect_after_have(nouns)
    governors, complements = counts.infinitive_governors(), counts.object_prepositions()
    pasts = counts.never_after_to()
    unstranded_verbs, unstranded_nouns = counts.never_stranded()
    perfects = counts.perfect_after_passive()
    owners_any, owner_compounds = counts.noun_owners()
    lines = [
        f"# Counted by `python -m train.news_counts` from {len(paragraphs)} training paragraphs of BBC and Reuters",
        "# news (see its docstring). Do not edit by hand: change train/news_counts.py and run it again.",
        f"# POS001: singular nouns that edited news gives a determiner nearly every time: seen at least {MIN_NOUN}",
        f"# times as a phrase's head, bare at most {MAX_BARE:.0%} of them, right after a bare name at most"
        f" {MAX_AFTER_NAME:.0%}.",
        "count_nouns:",
        *(f"  - {w}" for w in nouns),
        f'# VRB001: verbs whose base form never follows "be" (seen at least {MIN_SEEN} times), and whose participle',
        f"# does, at least {MIN_PASSIVE} times and {PASSIVE_RATIO} times as often as the -ing form.",
        "passive_after_be:",
        *(f"  - {w}" for w in verbs),
        "# AGR001: singular nouns whose finite verb is singular when they are its subject: seen at least"
        f" {MIN_SUBJECT}\n# times, with a plural verb at most {MAX_PLURAL:.0%} of them.",
        "singular_subjects:",
        *(f"  - {w}" for w in subjects),
        f'# VRB001: words before "to" and a base verb at least {MIN_INFINITIVE} times, never before "to" and an'
        ' "-ing" form.',
        "infinitive_heads:",
        *(f"  - {w}" for w in heads),
        f'# POS001: nouns that own a ranked phrase after "the" with "\'s" at least {MIN_OWNER} times,'
        " never without it.",
        "common_owners:",
        *(f"  - {w}" for w in owners),
        f"# POS001: adjectives an adverb of degree modifies at least {MIN_GRADED} times and in at least"
        f" {GRADED_SHARE:.0%} of\n# their uses (seen at least {MIN_ADJECTIVE} times).",
        "degree_adjectives:",
        *(f"  - {w}" for w in degrees),
        '# TYP001: infinitive heads never before "to" and a noun phrase.',
        "infinitive_only:",
        *(f"  - {w}" for w in only),
        f'# VRB001: count nouns that are verbs too, never right after "have", whose participle follows "have" at'
        f' least\n# {MIN_PERFECT} times and {ARTICLE_RATIO} times as often as "have a/an" and the noun.',
        "perfect_after_have:",
        *(f"  - {w}" for w in perfect),
        f'# VRB001: lemmas that a "to" and a base verb hang on in the parse at least {MIN_GOVERNED} times, a "to" and'
        f" an -ing\n# form or a noun phrase at most {MAX_GOVERNED_OTHER:.0%} as often.",
        "infinitive_governors:",
        *(f"  - {w}" for w in governors),
        f"# FRG002: a verb's lemma and a preposition right after it that take an object at least {MIN_OBJECT} times"
        " and never\n# end a clause.",
        "object_prepositions:",
        *(f"  - {w}" for w in complements),
        f"# VRB001: past, participle and -s forms of verbs (no base form) seen at least {MIN_SEEN} times, never right"
        f' after "to"\n# and as an adjective in at most {MAX_ATTRIBUTIVE:.0%} of them.',
        "never_after_to:",
        *(f"  - {w}" for w in pasts),
        f"# TYP001: a verb's lemma and a preposition right after it (adverbs and particles between) that take an object"
        f" at least\n# {MIN_UNSTRANDED} times and never stand without one.",
        "never_stranded_after_verb:",
        *(f"  - {w}" for w in unstranded_verbs),
        f"# TYP001: a noun's lemma and a preposition right after it that take an object at least {MIN_UNSTRANDED} times"
        " and\n# never stand without one.",
        "never_stranded_after_noun:",
        *(f"  - {w}" for w in unstranded_nouns),
        f'# VRB001: passives followed by "to have" and a participle at least {MIN_PERFECT_PASSIVE} times and in at'
        f" least\n# {PERFECT_PASSIVE_SHARE:.0%} of their infinitives.",
        "perfect_after_passive:",
        *(f"  - {w}" for w in perfects),
        f'# POS001: nouns after "the" that own a phrase with "\'s" at least {MIN_NOUN_OWNER} times and modify a later'
        f" noun\n# without it at most {MAX_OWNER_MODIFIES:.1%} as often.",
        "noun_owners:",
        *(f"  - {w}" for w in owners_any),
        "# POS001: compounds of those nouns with the noun right after them, seen at least once (no possessive lost).",
        "owner_compounds:",
        *(f"  - {w}" for w in owner_compounds),
    ]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(
        f"{args.out}: {len(nouns)} count nouns, {len(verbs)} verbs passive after 'be',"
        f" {len(subjects)} singular subjects, {len(heads)} infinitive heads, {len(owners)} common owners,"
        f" {len(degrees)} degree adjectives, {len(only)} infinitive-only heads, {len(perfect)} perfect after 'have',"
        f" {len(governors)} infinitive governors, {len(complements)} verbs' object prepositions,"
        f" {len(pasts)} verb forms never after 'to', {len(unstranded_verbs)} verbs' and {len(unstranded_nouns)} nouns'"
        f" prepositions never stranded, {len(perfects)} passives before a perfect infinitive, {len(owners_any)} noun"
        " owners"
    )


if __name__ == "__main__":
    main()
