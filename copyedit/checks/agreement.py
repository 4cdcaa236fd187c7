"""AGR: number agreement: a finite verb with its subject, a determiner with its noun."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import TYPE_CHECKING

from copyedit import lexicon
from copyedit.inflection import getAllInflections, getAllLemmas
from copyedit.model import Finding, Safety
from copyedit.rule import Context, Example, rule
from copyedit.syntax import NAME_ENTITIES, can_be_verb_form, in_quotation, is_name

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

SING, PLUR = "singular", "plural"
#: Forms of the irregular verbs, and their counterparts in the other number.
VERB_NUMBER = {"is": SING, "was": SING, "has": SING, "does": SING, "are": PLUR, "were": PLUR, "have": PLUR, "do": PLUR}
VERB_SWAP = {"is": "are", "are": "is", "was": "were", "were": "was", "has": "have", "have": "has", "does": "do"}
VERB_SWAP["do"] = "does"
PRONOUNS = {"he": SING, "she": SING, "it": SING, "they": PLUR, "we": PLUR}
RELATIVES = frozenset({"who", "which", "that"})
SUBJECTS = frozenset({"nsubj", "nsubjpass"})
NUMBER_WORDS = frozenset({"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "both"})
QUANTIFIERS = frozenset({"most", "some", "all", "more", "enough", "any", "such", "plenty", "both"})
CLAUSES = frozenset({"ROOT", "ccomp", "conj", "advcl", "relcl", "acl", "csubj"})
DASHES = frozenset({"-", "–", "—", "(", ")", ";", ":"})
FUNCTION_POS = frozenset({"AUX", "ADP", "DET", "PRON", "CCONJ", "SCONJ", "PART", "ADV", "PUNCT"})
CONDITIONAL = frozenset({"if", "though", "unless", "whether", "wish", "wished", "wishes", "suppose", "imagine"})


@cache
def _words(key: str) -> frozenset[str]:
    return frozenset(lexicon.load("agreement")[key])


def _noun_tables(word: str) -> list[tuple[str, dict[str, tuple[str, ...]]]]:
    return [(lemma, getAllInflections(lemma, upos="NOUN")) for lemma in getAllLemmas(word).get("NOUN", ())]


def _common_tag(tok: Token) -> str:
    """The tag, with a sentence's first word that the tagger took for a name ("Levels of pollution…") read as
    the common noun it is when no entity claims it."""
    if tok.tag_ in ("NNP", "NNPS") and tok.i == tok.sent.start and not tok.ent_type_:
        return "NNS" if tok.tag_ == "NNPS" else "NN"
    return tok.tag_


def form_number(tok: Token) -> str | None:
    """A common noun's number as its form and tag show it; None when the form serves both numbers."""
    word, tag = tok.lower_, _common_tag(tok)
    if word in _words("plural_nouns") and not any(c.lower_ in ("a", "an") for c in tok.children):
        return PLUR
    if tag not in ("NN", "NNS") or not tok.is_alpha or word in _words("invariant"):
        return None
    tables = [t for _, t in _noun_tables(word)]
    singular = any(word in t.get("NN", ()) for t in tables)
    plural = any(word in t.get("NNS", ()) for t in tables)
    invariant = any(t.get("NNS", ())[:1] == (word,) for t in tables)
    if tag == "NNS" and plural and not singular:
        return PLUR
    if tag == "NN" and singular and not invariant:
        return SING
    return None


def verb_number(tok: Token) -> str | None:
    """The number a finite present verb (or was/were) shows: "suggests" singular, "suggest" plural."""
    word = tok.lower_
    if word in VERB_NUMBER:
        return VERB_NUMBER[word] if tok.pos_ in ("AUX", "VERB") and tok.tag_ in ("VBZ", "VBP", "VBD") else None
    if tok.pos_ != "VERB" or tok.tag_ not in ("VBZ", "VBP") or not tok.is_alpha:
        return None
    forms = getAllInflections(tok.lemma_, upos="VERB")
    return {"VBZ": SING, "VBP": PLUR}[tok.tag_] if word in forms.get(tok.tag_, ()) else None


def finite_verb(head: Token) -> Token | None:
    """The word of ``head``'s verb group that carries tense: its first auxiliary, or the verb itself."""
    auxes = [c for c in head.children if c.dep_ in ("aux", "auxpass") and c.i < head.i]
    first = auxes[0] if auxes else head
    return first if first.tag_ in ("VBZ", "VBP", "VBD", "MD") else None


def _inflect_verb(verb: Token, number: str) -> str | None:
    word = verb.lower_
    if word in VERB_SWAP:
        new = VERB_SWAP[word]
    else:
        forms = getAllInflections(verb.lemma_, upos="VERB").get("VBZ" if number == SING else "VBP", ())
        if len(forms) != 1:
            return None
        new = forms[0]
    return _cased(verb.text, new)


def _cased(model: str, new: str) -> str:
    if model.isupper() and len(model) > 1:
        return new.upper()
    return new[:1].upper() + new[1:] if model[:1].isupper() else new


def _mid_sentence_capital(tok: Token) -> bool:
    prev = tok.doc[tok.i - 1] if tok.i > 0 else None
    starts = (".", "!", "?", ":", '"', "“", "‘", "'")
    return tok.text[:1].isupper() and prev is not None and not (prev.is_space or prev.text in starts)


def _capitalised_inside(tok: Token) -> bool:
    """A capital letter where a sentence does not begin (a name or a title, whatever its tag says), or a word
    the text capitalises in mid-sentence elsewhere."""
    if not tok.text[:1].isupper():
        return False
    if _mid_sentence_capital(tok) or tok.ent_type_ in NAME_ENTITIES:
        return True
    return any(t.text == tok.text and _mid_sentence_capital(t) for t in tok.doc)


#: A capitalised word straight after a lower-case word or a comma: a capital that no sentence start explains.
MID_CAPITAL = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]+")
_NAMES: list = [None, frozenset()]


def _article_names(ctx: Context) -> frozenset[str]:
    """Words the article capitalises in mid-sentence somewhere (read from the raw text, so no neighbouring block
    is parsed): names, even where a sentence starts with one ("Farmers, with $9m in assets, was closed")."""
    if _NAMES[0] is not ctx.blocks:
        names = frozenset(m.group() for p in ctx.blocks for m in MID_CAPITAL.finditer(p.text))
        _NAMES[:] = [ctx.blocks, names]
    return _NAMES[1]


def _determiners(noun: Token) -> list[tuple[Token, str]]:
    """The noun's own determiners and quantifiers that mark a number, with that number."""
    found = []
    for d in noun.children:
        if d.i > noun.i or d.dep_ not in ("det", "amod", "nummod", "predet", "quantmod"):
            continue
        if d.lower_ in _words("singular_determiners") and d.tag_ == "DT":
            found.append((d, SING))
        elif d.lower_ in _words("plural_determiners"):
            found.append((d, PLUR))
    return found


def phrase_number(noun: Token) -> str | None:
    """The number of a noun phrase headed by a common noun, when nothing in it makes the number doubtful."""
    if _common_tag(noun) not in ("NN", "NNS") or _capitalised_inside(noun) or noun.lemma_ in _words("collective"):
        return None
    if noun.lower_ in _words("quantity"):
        return None
    if any(c.dep_ in ("conj", "nummod", "cc") for c in noun.children):
        return None  # "fish and chips is", "ten years is"
    if any(t.is_quote or t.text in ("(", ")") for t in noun.subtree):
        return None  # a title in quotation marks
    number = form_number(noun)
    if number is None or any(n != number for _, n in _determiners(noun)):
        return None
    if number == SING and not any(c.dep_ in ("det", "poss") for c in noun.children):
        return None  # a bare singular may be a modifier: "float related adjustments were"
    if number == SING and any(t.lower_ in QUANTIFIERS for t in noun.subtree if t.i < noun.i):
        return None  # "most economist": the noun or the quantifier may be the damaged word
    if any(t.dep_ == "compound" and is_name(t) for t in noun.subtree if t.i < noun.i):
        return None  # "Shochiku film studios": part of a name
    if any(c.lower_ == "by" and any(g.pos_ == "PROPN" for g in c.children) for c in noun.children):
        return None  # "Angels by Robbie Williams is": a work and its author
    if number == PLUR and noun.left_edge.tag_ == "VBG":
        return None  # "shedding jobs makes sense": a gerund and its object
    prev = noun.doc[noun.i - 1] if noun.i > 0 else None
    after_noun = prev is not None and (prev.pos_ == "NOUN" or prev.tag_ == "VBG") and prev.head == noun
    if number == PLUR and can_be_verb_form(noun.text, "VBZ") and after_noun:
        return None  # "the program that the new funding supports is…": a verb read as a noun
    return number


def _antecedent(rel: Token, clause: Token, verb_num: str) -> str | None:
    """The number of a relative pronoun's antecedent, when no nearby noun could be the antecedent instead."""
    if clause.dep_ != "relcl" or rel.i == 0:
        return None
    noun = clause.head
    before = rel.doc[rel.i - 1]
    if before.text == "," and rel.i > 1:
        before = rel.doc[rel.i - 2]
    if before != noun or noun.dep_ == "pobj":
        return None  # "the issues at this session which divide…": the relative may belong to an earlier noun
    if rel.lower_ == "which" and verb_num == SING and noun.dep_ not in SUBJECTS:
        return None  # "I had no pain killers which was ridiculous": "which" may stand for the clause before it
    # "the cost of the repairs, which are…", "one of the few who have…": any other candidate vetoes the fix.
    candidates = [noun, *(t for t in noun.ancestors if t.pos_ in ("NOUN", "PROPN", "PRON", "NUM"))]
    candidates += [c for c in noun.children if c.dep_ == "conj"]
    numbers = [phrase_number(c) for c in candidates]
    if None in numbers or verb_num in numbers:
        return None
    return numbers[0]


def subject_number(subj: Token, clause: Token, verb_num: str) -> str | None:
    """The number the subject requires of its verb, or None when it is not certain."""
    word = subj.lower_
    if word in RELATIVES and subj.tag_ in ("WDT", "WP"):
        return _antecedent(subj, clause, verb_num)
    if word in PRONOUNS and subj.tag_ == "PRP":
        return PRONOUNS[word]
    has_of = any(c.dep_ == "prep" and c.lower_ == "of" for c in subj.children)
    if has_of and (word == "each" or word == "one"):
        return SING  # "each of the candidates has", "one of the victims was"
    if has_of and word in NUMBER_WORDS and subj.tag_ == "CD":
        return PLUR
    return phrase_number(subj)


def _statement(sent: Span) -> bool:
    """A sentence that ends with a full stop or an exclamation mark: not a headline, a caption or a question."""
    return sent.text.rstrip().rstrip("\"”’')").endswith((".", "!"))


def _plain_clause(subj: Token, verb: Token, clause: Token) -> bool:
    """Whether the parse of subject and verb is trustworthy: a whole declarative sentence, a clause of its own,
    a subject phrase that holds no clause or coordination, and nothing between it and its verb but adverbs."""
    sent = verb.sent
    if not _statement(sent) or clause.dep_ not in CLAUSES:
        return False
    if any(t.dep_ in ("amod", "det", "nummod", "poss") and t.head.pos_ in ("VERB", "AUX") for t in sent):
        return False  # "More young, urban woman are…": a modifier hung on a verb is a broken parse
    if any(c.dep_ in ("csubj", "csubjpass", "expl") for c in clause.children):
        return False  # "shedding jobs makes sense": the gerund is the subject
    if any(c.dep_ == "mark" and c.lower_ in ("for", "of", "with", "in", "on", "at", "by") for c in clause.children):
        return False  # "for the launches of their next generation consoles": a preposition read as a conjunction
    if _capitalised_inside(verb) or (verb.pos_ == "VERB" and _noun_like(verb, subj)):
        return False  # "Boys Don't Cry", "the radio information show"
    return _plain_subject(subj) and _plain_edges(subj, verb)


def _plain_subject(subj: Token) -> bool:
    """A subject phrase without coordination, quotation, a clause of its own (other than a relative clause) or
    a possessive ending."""
    if any(c.dep_ in ("mark", "case") for c in subj.children):
        return False  # "after reports a man … has been seen", "the game maker's allow"
    for t in subj.subtree:
        if t.dep_ in ("cc", "preconj") and t.head.pos_ != "NUM":
            return False  # "X and Y", "X or Y", "he and his colleagues" (but "aged between eight and 12")
        if t.dep_ in SUBJECTS and t != subj and (t.head.dep_ != "relcl" or not _introduced(t.head)):
            return False  # a clause of its own inside the subject ("each time you go back in you have")
        if t.tag_ in ("WP", "WDT") and t.i < subj.i:
            return False  # "what has surprised observers is"
        head = t.head if t.dep_.startswith("aux") else t
        if t.tag_ in ("VBZ", "VBP", "VBD", "MD") and head.dep_ != "relcl":
            return False  # a finite verb in the subject outside a relative clause
    return True


def _introduced(clause: Token) -> bool:
    """Whether a relative clause opens with its relative word ("the man who…"), not bare ("the time you go…")."""
    return any(t.tag_ in ("WDT", "WP", "WP$") or t.lower_ == "that" for t in clause.subtree if t.i <= clause.i)


def _plain_edges(subj: Token, verb: Token) -> bool:
    """What stands before the subject and between it and its verb shows that the parse read them right."""
    doc, sent = verb.doc, verb.sent
    if any(t.text in DASHES or t.is_quote for t in doc[subj.left_edge.i : verb.i]):
        return False
    before = doc[subj.left_edge.i - 1] if subj.left_edge.i > sent.start else None
    if before is not None:
        if before.text in DASHES or before.pos_ in ("CCONJ", "PRON"):
            return False  # "neither X nor the system ask", "he we was"
        if before.text == "," and subj.lower_ not in RELATIVES:
            return False  # an appositive taken for the subject
        if before.pos_ in ("VERB", "AUX") and before.lemma_ not in lexicon.load("reporting_verbs")["lemmas"]:
            return False  # "saw the division report profits", "what has surprised observers is"
        bare = not any(c.dep_ in ("det", "poss") for c in subj.children)
        if before.dep_ == "mark" and before.tag_ == "IN" and bare:
            return False  # "income in February after taxes was up": a preposition read as a conjunction
    after = doc[subj.i + 1] if subj.i + 1 < verb.i else None
    if after is not None and after.pos_ in ("NOUN", "ADJ", "PROPN"):
        return False  # "the adjusted permits total … was": the subject may modify the next word
    if any(not (t.is_punct or t.pos_ in ("ADV", "PART")) for t in doc[subj.right_edge.i + 1 : verb.i]):
        return False  # "each time you go back in you have"
    listed = any(t.lower_ in (",", "and", "or") for t in doc[verb.i + 1 : verb.i + 3])
    if doc[verb.i - 1].text == "," and (verb.i - 2 not in {t.i for t in subj.subtree} or listed):
        return False  # the comma closes something that is not part of the subject; "the sights, sounds and…"
    return not (subj.tag_ == "PRP" and any(t.pos_ != "ADV" for t in doc[subj.i + 1 : verb.i]))  # "They <Dart> has"


def _noun_like(verb: Token, subj: Token) -> bool:
    """A verb form that is also a noun, straight after a noun: "radio information show…", "next generation
    consoles", "after my ankle turn" may be one noun phrase."""
    prev = verb.doc[verb.i - 1] if verb.i > 0 else None
    if prev is None or prev.pos_ not in ("NOUN", "PROPN") or not _noun_tables(verb.lower_):
        return False
    if prev.pos_ == "PROPN" and prev != subj:
        return False
    if prev == subj:
        return _plural_noun(verb) or all(c.is_punct for c in verb.children if c.i > verb.i)
    return not any(c.dep_ in ("det", "poss") for c in prev.children)


def _plural_noun(verb: Token) -> bool:
    """Whether a verb form ending in -s is also a plural noun ("sounds", "consoles")."""
    return any(verb.lower_ in t.get("NNS", ()) for _, t in _noun_tables(verb.lower_))


def _subjunctive(verb: Token, clause: Token, subj_num: str) -> bool:
    """A singular subject with a plural-looking verb that is a subjunctive ("if it were", "demanded that he
    pay"), or a past tense the same as the base form ("it also forecast higher sales")."""
    if subj_num != SING:
        return False
    if verb.lower_ != "were" and (can_be_verb_form(verb.text, "VBD") or verb.lower_ in _words("same_past")):
        return True
    sent_before = verb.doc[verb.sent.start : verb.i]
    if verb.lower_ == "were":
        return any(t.lower_ in CONDITIONAL for t in sent_before)
    gov = clause.head
    if clause.dep_ in ("ccomp", "xcomp") and gov.lemma_ not in lexicon.load("reporting_verbs")["lemmas"]:
        return True  # a bare infinitive: "saw the price soar", "let the firm go"
    before = {t.lemma_ for t in verb.doc[verb.sent.start : verb.i]}
    return clause.dep_ != "ROOT" and bool(before & _words("mandative"))


@rule(
    code="AGR001",
    name="subject-verb-agreement",
    message="“{match}” does not agree with its subject; use “{replacement}”.",
    examples=[
        Example(
            bad="The reports [[suggests]] that the council overspent.",
            fixed="The reports suggest that the council overspent.",
        ),
        Example(
            bad="Tickets for the final, which will be played in May, [[goes]] on sale on Friday.",
            fixed="Tickets for the final, which will be played in May, go on sale on Friday.",
        ),
        Example(
            bad="People who [[lives]] near the airport complained.",
            fixed="People who live near the airport complained.",
        ),
        Example(
            bad="The minister [[have]] said the scheme will be reviewed.",
            fixed="The minister has said the scheme will be reviewed.",
        ),
        Example(
            bad="Two of the victims [[was]] taken to hospital.", fixed="Two of the victims were taken to hospital."
        ),
        Example(bad="Shares in the firm [[was]] suspended.", fixed="Shares in the firm were suspended."),
        Example(bad="The findings [[does]]n't support the claim.", fixed="The findings don't support the claim."),
        Example(good="The team are confident, and the government have refused to comment."),
        Example(good="£5m was spent; two-thirds of the money is gone and a number of fans are angry."),
        Example(good="Ten years is a long time, and fish and chips is still popular."),
        Example(good="The Simpsons is on tonight, and either the coach or the captain is speaking."),
        Example(good="He is one of the few politicians who have admitted mistakes."),
        Example(good="Among the victims was a girl; on the table were three envelopes."),
        Example(good="The board insisted that he be removed and demanded that the firm pay in full."),
        Example(good="If the price were lower, these data show, sales would rise."),
        Example(good="The cost of the repairs, which are overdue, is £4m."),
        Example(good="Each of the players has a medal, and none of them were hurt."),
    ],
)
def subject_verb_agreement(doc: Doc, ctx: Context) -> Iterator[Finding]:
    """A finite verb whose number is not its subject's: "the reports suggests", "people who lives".

    ## Why
    Rewriting tools change one word of a clause and leave its verb agreeing with a noun that is no longer
    there, or with the nearest noun rather than the subject ("tickets for the final goes").

    ## Fix safety
    Safe: the subject is the parse's head noun of the subject phrase, and its number must be plain from its
    form: collective nouns, quantities ("a number of", "two-thirds of", "ten years"), coordinated subjects,
    names and titles, nouns with one form for both numbers, and inverted subjects are left alone; a relative
    pronoun counts only when no other noun before it could be its antecedent. Subjunctives ("if it were",
    "insisted that he be") are not touched. The new form comes from lemminflect. Inside quotation marks the
    fix is unsafe: a speaker's grammar is theirs.
    """
    for verb in doc:
        verb_num = verb_number(verb)
        if verb_num is None:
            continue
        clause = verb.head if verb.dep_ in ("aux", "auxpass") else verb
        if finite_verb(clause) != verb:
            continue
        subjects = [c for c in clause.children if c.dep_ in SUBJECTS]
        if len(subjects) != 1 or subjects[0].i > verb.i or not _plain_clause(subjects[0], verb, clause):
            continue
        if subjects[0].text.capitalize() in _article_names(ctx):
            continue  # "Farmers, with $9.6m in assets, was closed": the Farmers State Bank
        subj_num = subject_number(subjects[0], clause, verb_num)
        if subj_num is None or subj_num == verb_num or _subjunctive(verb, clause, subj_num):
            continue
        new = _inflect_verb(verb, subj_num)
        if new and new != verb.text:
            # "said it increase the price": a lost "-d" as likely as a lost "-s" after a past reporting verb
            lost_past = subj_num == SING and clause.dep_ == "ccomp" and clause.head.tag_ == "VBD"
            safety = Safety.UNSAFE if in_quotation(verb) or lost_past else None
            yield ctx.finding(verb.idx, verb.idx + len(verb), new, safety=safety)


def _heads_phrase(noun: Token) -> bool:
    """Whether ``noun`` is the head of its noun phrase, not a modifier of a later word or part of a name."""
    if noun.pos_ != "NOUN" or noun.dep_ in ("compound", "poss", "nmod", "amod") or _capitalised_inside(noun):
        return False
    if any(c.dep_ == "case" for c in noun.children):
        return False  # "a players' union"
    if noun.head.i > noun.i and noun.head.pos_ in ("NOUN", "PROPN", "ADJ", "NUM"):
        return False  # "a four month low": a measure phrase modifying the next word
    nxt = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
    return nxt is None or not (nxt.pos_ in ("NOUN", "PROPN", "NUM") or nxt.text in DASHES or nxt.text == "'")


def _plain_between(det: Token, noun: Token) -> bool:
    """Only the noun's own adjectives and modifiers between determiner and noun: no numbers or quantity words
    ("a few days", "every two years", "another 10 players", "a great many people"), no second phrase."""
    doc = det.doc
    if (det.i > 0 and doc[det.i - 1].text in DASHES) or doc[det.i + 1].text in DASHES:
        return False  # "the under-five category", "a two-year deal"
    inside = {t.i for t in noun.subtree}
    if (det.tag_ == "CD" or noun.tag_ == "NNS") and any(t.pos_ != "ADJ" for t in doc[det.i + 1 : noun.i]):
        return False  # "three pct figure", "a string roles": a nearer noun may be the head
    for t in doc[det.i + 1 : noun.i]:
        if t.lower_ in _words("between_quantities") or t.like_num or t.i not in inside:
            return False
        if t.pos_ == "NOUN" and t.dep_ != "compound":
            return False
        if t.pos_ == "VERB" and (t.dep_ != "amod" or t.tag_ == "VBG" or any(c.pos_ != "ADV" for c in t.children)):
            return False  # "a business spanning hotels", "another manufacturing appliances"
        if t.lower_.endswith("ing") and can_be_verb_form(t.text, "VBG"):
            return False  # "another manufacturing appliances": the determiner stands alone
        if det.tag_ == "CD" and t.lower_.endswith("ly"):
            return False  # "the six monthly session"
        if t.pos_ not in ("ADJ", "ADV", "NOUN", "VERB") and t.text != ",":
            return False
    return True


def _misread(det: Token, noun: Token, num: str) -> bool:
    """Parses that pair a determiner with a word that is not its noun."""
    doc = det.doc
    prev = doc[det.i - 1] if det.i > 0 else None
    nxt = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
    if any(c.dep_ in ("conj", "cc") for c in noun.children) or (nxt is not None and nxt.lower_ in ("and", "or", ",")):
        return True  # "five producer and five consumer delegates", "a paints, resins and coatings company"
    if _mid_sentence_capital(det) or (nxt is not None and nxt.lower_ == "per"):
        return True  # "the Paris Group of Six meeting", "a cents per hour basis"
    if det.lower_ in ("a", "an") and prev is not None and prev.is_alpha and _noun_tables(prev.lower_):
        return True  # "officers, employees an agents": "an" for "and"
    if num == SING:
        if det.tag_ == "CD" and nxt is not None and nxt.pos_ in ("ADJ", "NOUN", "PROPN", "NUM"):
            return True  # "a five year straight eurobond": a measure before the head
        if det.tag_ == "CD" and prev is not None and prev.pos_ in ("NOUN", "PROPN", "DET"):
            return True  # "number two keeper", "the four pose": a label, or a number standing alone
        if noun.dep_ in ("ROOT", "conj", "appos") and can_be_verb_form(noun.text, "VBP"):
            return True  # "Many marvel at the man", "too many smoke": the quantifier is the subject
        # "what many thought was", "as many expected": a quantifier standing as a pronoun
        return prev is not None and (prev.tag_ in ("WP", "WDT", "WRB") or prev.lower_ in ("as", "than", "that", "so"))
    if nxt is not None and nxt.is_alpha and nxt.pos_ not in FUNCTION_POS and _noun_tables(nxt.lower_):
        return True  # "a ratings hit": the plural may be a modifier of the next word
    return noun.i > det.i + 1 and can_be_verb_form(noun.text, "VBZ")  # "when a terrorist boards a plane"


def _evidence(noun: Token) -> str | None:
    """The number shown by the finite verb the noun is the subject of, if it shows one."""
    if noun.dep_ not in SUBJECTS:
        return None
    verb = finite_verb(noun.head)
    return verb_number(verb) if verb is not None and verb.i > noun.i else None


def _inflect_noun(noun: Token, number: str) -> str | None:
    """The noun in the other number, from lemminflect (or the house list of preferred plurals)."""
    word = noun.lower_
    tag, other = ("NN", "NNS") if number == SING else ("NNS", "NN")
    preferred = lexicon.load("agreement")["plurals"]
    if number == PLUR and word in preferred:
        return _cased(noun.text, preferred[word])
    forms = {t[tag][0] for _, t in _noun_tables(word) if word in t.get(other, ()) and t.get(tag)}
    return _cased(noun.text, forms.pop()) if len(forms) == 1 else None


def _adjective_like(noun: Token) -> bool:
    """A singular that may be an adjective standing for its noun ("won two gold"), unless "of" follows."""
    of = any(c.dep_ == "prep" and c.lower_ == "of" for c in noun.children)
    return "ADJ" in getAllLemmas(noun.lower_) and not of


def _that_is_determiner(det: Token) -> bool:
    """A "that" after a verb or noun may be a conjunction that the parse read as a determiner."""
    prev = det.doc[det.i - 1] if det.i > det.sent.start else None
    return prev is None or (prev.tag_ in ("IN", "CC", ",") and prev.lower_ != "that")


def _number_fix(det: Token, det_num: str, noun: Token, num: str) -> tuple[Token, str, Safety] | None:
    """Which word to change, to what, and how safely; None when the sentence does not show which is wrong."""
    evidence = _evidence(noun)
    paired = lexicon.load("agreement")["paired_determiners"]
    if det.lower_ in paired:
        if det.lower_ == "that" and not _that_is_determiner(det):
            return None
        if evidence == num:
            return det, _cased(det.text, paired[det.lower_]), Safety.SAFE
        new = _inflect_noun(noun, det_num) if evidence == det_num else None
        return (noun, new, Safety.SAFE) if new else None
    if evidence == num or (num == SING and (noun.lemma_ in _words("uncountable") or _adjective_like(noun))):
        return None
    new = _inflect_noun(noun, det_num)
    if new is None:
        return None
    loose = det.lower_ in ("a", "an") and evidence is None  # "signed a players": "a player" or "players"
    return noun, new, Safety.UNSAFE if loose else Safety.SAFE


@rule(
    code="AGR002",
    name="determiner-noun-number",
    message="“{match}” does not agree in number with its determiner; use “{replacement}”.",
    examples=[
        Example(
            bad="[[This]] measures are meant to cut emissions.", fixed="These measures are meant to cut emissions."
        ),
        Example(bad="[[These]] development has been delayed.", fixed="This development has been delayed."),
        Example(bad="Several [[player]] were injured.", fixed="Several players were injured."),
        Example(bad="Many [[company]] have cut their forecasts.", fixed="Many companies have cut their forecasts."),
        Example(bad="Each [[players]] will receive a medal.", fixed="Each player will receive a medal."),
        Example(bad="These [[figure]] show a rise in crime.", fixed="These figures show a rise in crime."),
        Example(
            bad="Police arrested three [[man]] after the fight.", fixed="Police arrested three men after the fight."
        ),
        Example(
            bad="The club signed a [[players]] from Brazil.", fixed="The club signed a player from Brazil.", unsafe=True
        ),
        Example(good="This news came as a shock; these data are published every quarter."),
        Example(good="A series of strikes hit those species, and this means a means test."),
        Example(good="A few residents and a couple of hundred protesters came; a lot of people stayed away."),
        Example(good="Each of the players was paid, elections are held every two years, and another 10 players left."),
        Example(good="Several sheep died, each aircraft carries 180 people, and the These Days tour sold out."),
        Example(good="This sales tax and these player ratings are new; a great many people agree."),
        Example(good="This works well, that matters, and he said that prices were rising."),
        Example(good="A New York Times investigation into a players' union found that Britain won two gold."),
    ],
)
def determiner_noun_number(doc: Doc, ctx: Context) -> Iterator[Finding]:
    """A determiner or quantifier whose number is not its noun's: "this measures", "several player", "a players".

    ## Why
    A rewrite that changes a noun's number, or swaps "this" for "these", leaves the phrase at odds with itself.

    ## Fix safety
    The determiner's head noun comes from the parse, so "these player ratings" and "this sales tax" agree.
    Nouns with one form for both numbers, plural-looking singulars, names, measure phrases ("a few", "every two
    years", "another 10") and uncountable nouns are left alone. For "this/that/these/those" the verb of the
    sentence decides which word is wrong (a fix without that evidence is not offered). With a determiner
    that has one number only ("several", "each"), the noun changes, safely; after "a/an" the fix is unsafe unless
    the verb shows the singular ("signed a players" may have meant "signed players").
    """
    for noun in doc:
        num = form_number(noun)
        if num is None or not _heads_phrase(noun) or not _statement(noun.sent):
            continue
        dets = _determiners(noun)
        if len({n for _, n in dets}) != 1:
            continue  # "many a candidate", "a few": the phrase marks both numbers
        for det, det_num in dets:
            if det_num == num or not _plain_between(det, noun) or _misread(det, noun, num):
                continue
            fix = _number_fix(det, det_num, noun, num)
            if fix:
                word, new, safety = fix
                yield ctx.finding(word.idx, word.idx + len(word), new, safety=safety)
