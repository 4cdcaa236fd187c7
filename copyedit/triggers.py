"""What rule triggers share: word lists (rules/data/triggers.yaml) and a rough word splitter for raw text.

A trigger is a cheap test on a block's raw text that holds wherever its rule can fire (see ``rule.Trigger``).
The splitter cuts words as spaCy does where it matters to the triggers: "didn't" is "did" + "n't",
"they'd" is "they" + "'d", a hyphen separates words.
"""

from __future__ import annotations

import re
from functools import cache

from copyedit import lexicon

#: A word as spaCy's tokenizer would cut it: "did" before "n't", "n't" itself, a clitic ("'s", "’ll"), or letters.
WORD = re.compile(r"[^\W\d_]+?(?=n['’]t(?![^\W\d_]))|n['’]t(?![^\W\d_])|['’][^\W\d_]+|[^\W\d_]+")


@cache
def words(name: str) -> frozenset[str]:
    """A word list of rules/data/triggers.yaml, in lower case."""
    return frozenset(str(w).lower() for w in lexicon.load("triggers")[name])


def lower_words(text: str) -> list[str]:
    """The words of ``text``, lower-cased, as WORD cuts them."""
    return [m.group().lower() for m in WORD.finditer(text)]


def any_word(text: str, vocabulary: frozenset[str]) -> bool:
    """Whether some word of ``text`` is in ``vocabulary`` (case aside)."""
    return not vocabulary.isdisjoint(lower_words(text))


def word_pattern(vocabulary: frozenset[str] | list[str], flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """A pattern that finds any of ``vocabulary`` as a whole word, longest first."""
    alternatives = "|".join(re.escape(w) for w in sorted(vocabulary, key=lambda w: (-len(w), w)))
    return re.compile(rf"(?<![^\W\d_])(?:{alternatives})(?![^\W\d_])", flags)


def never(text: str) -> bool:
    """The trigger of a rule that reports nothing from a block (the engine makes its findings)."""
    return False
