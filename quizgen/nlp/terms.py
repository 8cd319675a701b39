"""Key-term candidates from spaCy's tags, ranked by KeyBERT relevance and signs of technical vocabulary."""
from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field, fields, replace

from quizgen.logistics import logistics_pattern, read_logistics_words
from quizgen.config import config_words
from quizgen.nlp.normalize import repair_term, singular, term_key
from quizgen.nlp.units import Unit

_TERM_POS = {"NOUN", "PROPN", "ADJ", "VERB", "X"}
_HEAD_POS = {"NOUN", "PROPN"}
_PRO_FORMS = {"one", "ones"}
_CALENDAR = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
             "february", "march", "april", "june", "july", "august", "september", "october", "november",
             "december"}
MAX_WORDS = 4
NAME_ZIPF = 4.4  # 'Jeremy Bentham', 'Richard Parker' are names; 'Markov Chain', 'Component Analysis' are not
RARE_ZIPF = 3.0  # rarer than this in general English ('overfitting', 'ensembling'): no everyday verb
# at least this common in general English, an everyday word: a speaker says 'band' and 'bond' as meant, a kept
# term adds nothing with one ('corresponding eigenvalue'), a cloze of one alone ('objective') is no fair blank
EVERYDAY_ZIPF = 4.0
_NAMING_VERBS = {"called", "named", "termed", "dubbed", "known", "built", "used", "given"}


@dataclass
class Candidate:
    """A term as it is gathered (mutable while a lecture is read; frozen into a KeyTerm at the end)."""

    key: str
    surfaces: Counter = field(default_factory=Counter)
    mentions: list[tuple[int, int, int]] = field(default_factory=list)  # (unit, first token, end token)
    words: int = 1
    person: int = 0
    proper: int = 0  # mentions written as a capitalised proper noun (a name, in a cased transcript)
    proper_inside: int = 0  # of those, the ones inside a sentence, where a capital is no sentence's start
    lower: int = 0  # mentions of a lone word written all in lower case
    titled: int = 0  # mentions of a phrase the captions write in capitals inside a sentence, a name ('New Moon')
    verbal: int = 0  # mentions of a lone word tagged as a verb or adjective ('realizing', 'corresponding')
    plural_first: int = 0  # mentions that open with a plural noun
    compounded: int = 0  # mentions the parser reads as part of a longer compound ('label' in 'label data')
    acting: int = 0  # mentions whose last word is a verb acting on an object ('reaction raising the temperature')
    quoted: int = 0  # mentions the captions put in quotation marks, as a name is given ('its shape is "gibbous"')
    name: str | None = None  # set when variants were merged into this term

    @property
    def count(self) -> int:
        return len(self.mentions)

    @property
    def display(self) -> str:
        if self.name:
            return self.name
        surface = max(self.surfaces, key=lambda s: (self.surfaces[s], -len(s)))
        return repair_term(surface)

    @property
    def units(self) -> list[int]:
        return sorted({u for u, _, _ in self.mentions})


def _term_token(tok, fillers: frozenset[str]) -> bool:
    if not (tok.is_alpha or re.fullmatch(r"[a-z]+\d+|\d+[a-z]+", tok.lower_)):
        return False
    if tok.lower_ in _ORDINALS and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ in _EPONYM_HEADS:
        return True  # 'Newton's first law', 'the third law of thermodynamics' ('first' is a stop word)
    if tok.lower_ in _PLACE_WORDS and tok.dep_ in {"amod", "compound"} and tok.head.i == tok.i + 1 \
            and tok.head.pos_ in _HEAD_POS:
        return True  # 'full moon', 'empty set', 'front end': spaCy's stop words, but not here
    if tok.is_stop or tok.lower_ in fillers or len(tok.text) < 2 and tok.lower_ not in _LETTER_WORDS:
        return False
    if tok.lower_ in _ET_CETERA or tok.lower_ == "et" and tok.i + 1 < len(tok.doc) \
            and tok.doc[tok.i + 1].lower_ in _ET_CETERA:
        return False  # 'concertos et cetera', 'finn et al'
    if tok.pos_ == "VERB":
        return tok.tag_ in {"VBG", "VBN"}
    return tok.pos_ in _TERM_POS


# letters that open terms of their own, whatever else they stand for: 'k nearest neighbors', 'n gram', 'x axis'
_LETTER_WORDS = frozenset({"k", "n", "x"})
_ET_CETERA = frozenset({"cetera", "etcetera", "al"})


def _modifies_noun_after(words) -> bool:
    """Whether the phrase opens with an -ing word that the parser hangs on a noun after it, inside the phrase:
    'working memory', 'moving average'; not the verb of 'using gradient descent', whose object the noun is."""
    first = words[0]
    return first.tag_ == "VBG" and first.dep_ in {"amod", "compound"} and first.i < first.head.i <= words[-1].i


def _letter_modifier(tok, symbols: frozenset[str]) -> bool:
    """A letter that names a kind of the noun after it: 'B cells', 'T cell', 'p value', 't test'. Not a
    letter the lecture also says alone, as a symbol: with 'D' and 'Y' in use, 'D train' and 'Y test' are
    symbols with subscripts."""
    doc = tok.doc
    return len(tok) == 1 and tok.is_alpha and not tok.is_stop and tok.lower_ not in symbols and bool(tok.whitespace_) \
        and tok.i + 1 < len(doc) and doc[tok.i + 1].pos_ == "NOUN" and doc[tok.i + 1].is_alpha \
        and len(doc[tok.i + 1]) > 2


_VERSUS = frozenset({"versus", "vs", "vs.", "v", "v."})
_NAME_TAGS = frozenset({"PROPN", "NOUN"})
CASE_PARTY_WORDS = 3  # words of a party's name in a case's name ('market street associates', 'dudley and stephens')


def _case_names(doc) -> set[tuple[str, ...]]:
    """Court cases the lecture names ('the case of market street associates versus fry', 'the case of the
    Queen versus Dudley and Stephens'), by their words: a case's name is a term of law and of ethics, though
    its parties are names. Only a name said after 'case' is one; 'free speech versus hate speech' is a
    contrast."""
    def party(i: int, step: int) -> int:  # where a party's name ends, read from token i in this direction
        end, words = i, 0
        while 0 <= end + step < len(doc) and words < CASE_PARTY_WORDS and (
                doc[end + step].pos_ in _NAME_TAGS and doc[end + step].is_alpha
                or doc[end + step].lower_ == "and" and words and 0 <= end + 2 * step < len(doc)
                and doc[end + 2 * step].pos_ == "PROPN"):
            end += step
            words += doc[end].lower_ != "and"
        return end
    names: set[tuple[str, ...]] = set()
    for tok in doc:
        if tok.lower_ in _VERSUS:
            first, last = party(tok.i, -1), party(tok.i, 1)
            if first < tok.i < last and "case" in [w.lower_ for w in doc[max(0, first - 3):first]]:
                names.add(tuple(w.lower_ for w in doc[first:last + 1]))
    return names


def _places_said(doc, units, names) -> dict[tuple[str, ...], list[tuple[int, int, int]]]:
    """Every place each name (its words, in lower case) is said, as (unit, first token, end token); a hyphen
    between its words ('first-quarter') is no word of it."""
    said: dict[tuple[str, ...], list[tuple[int, int, int]]] = {}
    if not names:
        return said
    starts = [u.tok_start for u in units]
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for name in names:
        by_first.setdefault(name[0], []).append(name)
    for tok in doc:  # one pass for every name
        for name in by_first.get(tok.lower_, ()):
            words = [w for w in doc[tok.i:tok.i + 2 * len(name)] if w.text != "-"][:len(name)]
            if tuple(w.lower_ for w in words) == name:
                unit = units[max(0, bisect.bisect_right(starts, tok.i) - 1)]
                said.setdefault(name, []).append((unit.index, tok.i, words[-1].i + 1))
    return said


QUOTED_WORDS = 3  # a name in quotation marks is this short: longer quotes are speech ('"Hey, eat carrots."')
_OPENING_QUOTES = frozenset({'"', "\u201c"})
_CLOSING_QUOTES = frozenset({'"', "\u201d"})


def _quoted_names(doc, stop: frozenset[str]) -> Counter:
    """Words the captions put in quotation marks, as a name is given ('we say its shape is "gibbous"', 'this
    phase is properly named "first quarter"'), and how often each is quoted. An adjective or a stop word opens
    no term elsewhere; quoted, it is named. Not a quote of speech (more than three words), nor capitals ('"THE
    CAT"'), a letter ('a large "x" height') or stop words alone."""
    names: Counter = Counter()
    for tok in doc:
        if tok.text not in _OPENING_QUOTES:
            continue
        end = tok.i + 1
        while end < len(doc) and end - tok.i <= QUOTED_WORDS and (doc[end].is_alpha or doc[end].text == "-"):
            end += 1
        words = doc[tok.i + 1:end]
        if not (0 < len(words) <= QUOTED_WORDS and end < len(doc) and doc[end].text in _CLOSING_QUOTES):
            continue
        if len(words.text) > 2 and words[0].is_alpha and words[-1].is_alpha \
                and not any(w.text.isupper() and len(w) > 1 for w in words) \
                and not all(w.lower_ in stop or w.is_stop for w in words if w.is_alpha):
            names[tuple(w.lower_ for w in words if w.text != "-")] += 1
    return names


BINOMIAL_SAID = 4  # times 'divide and conquer' is said, at least, to be a term of its own


def _word_pairs(doc, stop: frozenset[str]) -> dict[tuple[str, str, str], list[int]]:
    """Two content words joined by 'and' or 'or' ('divide and conquer', 'supply and demand'), by their words,
    with where each pair starts."""
    if "word_pairs" not in doc.user_data:
        pairs: dict[tuple[str, str, str], list[int]] = {}
        for tok in doc[:-2]:
            conj, other = doc[tok.i + 1], doc[tok.i + 2]
            if conj.lower_ in {"and", "or"} and all(
                    w.is_alpha and len(w) > 2 and not (w.is_stop or w.lower_ in stop or singular_stop(w.lower_, stop))
                    and w.pos_ in {"NOUN", "VERB", "ADJ"} for w in (tok, other)) and tok.lower_ != other.lower_:
                pairs.setdefault((tok.lower_, conj.lower_, other.lower_), []).append(tok.i)
        doc.user_data["word_pairs"] = pairs
    return doc.user_data["word_pairs"]


def _binomials(doc, stop: frozenset[str]) -> dict[int, str | None]:
    """Fixed pairs the lecture names a way of doing by ('divide and conquer', 'mark and sweep'): said as a
    pair often, a verb in it, and their words seldom apart ('supply and demand' are each said alone, and are
    terms each). By token: the first word's index holds the pair's term key, the other two hold None."""
    said = _said(doc)
    out: dict[int, str | None] = {}
    for (first, conj, second), starts in _word_pairs(doc, stop).items():
        apart = max(said[first], said[second]) - len(starts)
        # a way of doing, read as a verb at least once; not two things ('sodium and potassium')
        if len(starts) >= BINOMIAL_SAID and apart * 2 <= len(starts) \
                and any("VERB" in (doc[i].pos_, doc[i + 2].pos_) for i in starts):
            for i in starts:
                out.update({i: term_key(f"{first} {conj} {second}"), i + 1: None, i + 2: None})
    return out


def _named_pairs(doc, stop: frozenset[str], binomials: dict[int, str | None]) -> set[tuple[str, ...]]:
    """Two nouns the lecture says as a pair, in one order, often enough to name one thing by ('supply and
    demand', 'sale and leaseback'). Unlike a way of doing ('divide and conquer'), each noun stays a term of its
    own where it is said alone; plurals are two things ('weights and biases')."""
    def singular_nouns(i: int) -> bool:
        return all(w.pos_ == "NOUN" and w.tag_ != "NNS" for w in (doc[i], doc[i + 2]))

    said = {pair: sum(map(singular_nouns, starts)) for pair, starts in _word_pairs(doc, stop).items()
            if pair[1] == "and" and starts[0] not in binomials}
    return {pair for pair, times in said.items() if times >= BINOMIAL_SAID and times > 2 * said.get(pair[::-1], 0)}


LOGISTICS_REACH = 3  # words after a logistics phrase that still belong to it ('homework on gradient descent')


def _in_logistics(words, spans: list[tuple[int, int]]) -> bool:
    """Whether a phrase is what logistics words speak of: it holds them ('the lecture slides', 'creative
    commons license'), or it starts in the few words after them ('homework on gradient descent')."""
    first, end = words[0].idx, words[-1].idx + len(words[-1])
    return any(start < end and first < reach for start, reach in spans)


def _logistics_spans(unit: Unit, pattern) -> list[tuple[int, int]]:
    """Where a unit speaks of logistics (config/logistics.toml): from each phrase's start in the lecture text
    to how far past it the words it speaks of reach."""
    spans = []
    for found in pattern.finditer(unit.text) if pattern else ():
        after = re.match(r"(?:\W*\w+){0,%d}" % LOGISTICS_REACH, unit.text[found.end():])
        spans.append((unit.char_start + found.start(), unit.char_start + found.end() + after.end()))
    return spans


def _symbols(doc) -> frozenset[str]:
    """The letters a lecture says alone, as symbols: before a pause or a small word ('given D.', 'X and Y',
    'D is'); 'B-cell' is no such pause."""
    return frozenset(tok.lower_ for tok in doc if len(tok) == 1 and tok.is_alpha and not _hyphen_follows(tok)
                     and (tok.i + 1 == len(doc) or not doc[tok.i + 1].is_alpha or doc[tok.i + 1].is_stop))


EPONYM_ZIPF = 4.3  # 'newton' (3.6), 'bayes', 'moore' (4.2); not 'today', 'model', 'student' (5.0)
# what a name's own law, rule or method is called ('ohm's law', 'kant's categorical imperative'), where speech
# recognition writes the name in lower case and the tagger reads it as a common noun
_EPONYM_HEADS = frozenset("""law laws rule rules theorem lemma principle equation equations formula algorithm paradox
razor constant conjecture hypothesis effect method inequality identity series transform test distribution triangle
cycle disease syndrome wager cave imperative dilemma problem machine model experiment number theory fallacy""".split())


# what a law, principle or theory is of: 'the law of demand', 'conservation of energy', 'principle of utility'
_OF_HEADS = frozenset({"law", "laws", "principle", "theory", "conservation"})


def _of_a_law(tok) -> bool:
    """The 'of' after 'law', 'principle', 'theory' or 'conservation', before what it is of (no article)."""
    doc = tok.doc
    return tok.lower_ == "of" and tok.i > 0 and doc[tok.i - 1].lower_ in _OF_HEADS and tok.i + 1 < len(doc) \
        and doc[tok.i + 1].pos_ in {"NOUN", "ADJ", "PROPN", "VERB"} and doc[tok.i + 1].is_alpha \
        and not doc[tok.i + 1].is_stop and doc[tok.i + 1].lower_ != "course"  # 'in theory of course'


def _gerund_of(tok) -> bool:
    """An -ing word that a law or principle is of, with what it acts on: 'maximizing' of 'the principle of
    maximizing utility', 'diminishing' of 'the law of diminishing returns'."""
    return tok.tag_ == "VBG" and tok.dep_ == "pcomp" and tok.i > 0 and _of_a_law(tok.doc[tok.i - 1])


OF_PHRASE_SAID = 2  # times a lecture says 'change of basis' (no article after 'of'), at least, to name a thing


def _of_a_phrase(tok) -> bool:
    """The 'of' of a phrase the lecture says the same way at least twice, with no article after 'of': 'change of
    basis', 'axis of rotation', 'states of consciousness', 'mixture of experts'; not 'tens of thousands', 'p of
    x', 'a view of meta learning' (a framing word), 'lots of data' (a generic word), 'a vertex of degree 3' (a
    measure). So too the French 'au', 'de', 'du' of a borrowed phrase: 'café au lait spots', 'cri du chat'."""
    doc = tok.doc
    return tok.lower_ in _CONNECTORS and 0 < tok.i < len(doc) - 1 \
        and (doc[tok.i - 1].lower_, tok.lower_, doc[tok.i + 1].lower_) in _of_phrases(doc)


# the words that join the two nouns of a phrase: English 'of', and the French of phrases English borrows, which
# the tagger reads as anything (a name, a preposition); the phrase must be said twice the same way all the same
_FOREIGN_CONNECTORS = frozenset({"au", "aux", "de", "du", "des"})
_CONNECTORS = _FOREIGN_CONNECTORS | {"of"}


def _of_phrases(doc) -> frozenset[tuple[str, str, str]]:
    if "of_phrases" not in doc.user_data:
        stop = config_words("stop_terms")
        framing = config_words("stop_terms", "framing_words")
        said = Counter()
        for tok in doc[1:-1]:
            before, after = doc[tok.i - 1], doc[tok.i + 1]
            if tok.lower_ in _FOREIGN_CONNECTORS and before.pos_ in {"NOUN", "PROPN", "ADJ", "X"} \
                    and all(w.is_alpha and len(w) > 2 and not w.is_stop for w in (before, after)):
                said[before.lower_, tok.lower_, after.lower_] += 1
            elif tok.lower_ == "of" and before.pos_ == "NOUN" and after.pos_ in {"NOUN", "ADJ", "PROPN"} \
                    and all(w.is_alpha and len(w) > 1 and not w.is_stop and w.lower_ not in stop
                            and not singular_stop(w.lower_, stop) for w in (before, after)) \
                    and before.lower_ not in framing and not before.like_num \
                    and _AMOUNTS.isdisjoint({before.lower_, singular(before.lower_)}) \
                    and not _measured(doc, tok.i + 2):
                said[before.lower_, "of", after.lower_] += 1
        doc.user_data["of_phrases"] = frozenset(pair for pair, n in said.items() if n >= OF_PHRASE_SAID)
    return doc.user_data["of_phrases"]


def _measured(doc, i: int) -> bool:
    """Whether doc[i] gives a measure: 'a vertex of degree 3', '... of degree at least two', '... less than'."""
    return i < len(doc) and (doc[i].like_num or doc[i].tag_ in {"JJR", "RBR"}
                             or doc[i].lower_ == "at" and i + 1 < len(doc) and doc[i + 1].lower_ in {"least", "most"})


# what an amount of a thing is counted in: 'barrels of ale', 'a box of strawberries', 'pounds of malt' are so much of
# the thing, no term of their own (plurals in -es and -ves as said: `singular` only drops an s)
_AMOUNTS = frozenset("""barrel box boxes bag bottle bucket can carton crate cup glass glasses jar jug pack packet pail
pile pot sack tub gallon liter litre quart pint ounce pound gram kilogram kilo ton tonne dozen slice loaf loaves bowl
spoonful handful bunch bunches""".split())


# words before a noun that make it no name ('the vaccine's effect'); 'what Bayes' theorem says' keeps its name
_OWNERS = frozenset("a an the this that these those my our your his her its their each every".split())
# ... but a puzzle named for whose it is takes 'the': 'the prisoner's dilemma', 'the brewer's problem', 'the
# gambler's fallacy' (a rare word before "'s", as any eponym)
_NAMED_PUZZLES = frozenset({"problem", "dilemma", "paradox", "fallacy"})


def _eponym_possessive(tok) -> bool:
    """The "'s" (or "'") of a name whose law, rule or method follows: 'Newton's second law', "Bayes' rule",
    'Dijkstra's algorithm'; not 'the model's output', 'today's lecture', 'Kierkegaard's phd thesis' or 'the
    vaccine's effect' (a name takes no article)."""
    if tok.tag_ != "POS" or tok.i == 0:
        return False
    name, head = tok.doc[tok.i - 1], tok.doc[tok.i - 1].head
    before = tok.doc[name.i - 1] if name.i > 0 else None
    owned = before is not None and before.lower_ in _OWNERS \
        and not (before.lower_ == "the" and head.lower_ in _NAMED_PUZZLES)  # 'the prisoner's dilemma' is a name
    return name.dep_ == "poss" and name.is_alpha and zipf(name.lower_) < EPONYM_ZIPF and tok.i < head.i <= tok.i + 3 \
        and head.lower_ in _EPONYM_HEADS and not owned


def _after_hyphen(tok) -> bool:
    doc = tok.doc
    return tok.i >= 2 and doc[tok.i - 1].text == "-" and not doc[tok.i - 2].whitespace_ \
        and not doc[tok.i - 1].whitespace_


def _one_hyphenated_word(words) -> bool:
    """Whether a phrase is one word written with hyphens ('half-life', 'trade-off'): a word of its own, though
    each of its parts is a stop word ('half', 'life')."""
    return len(words) > 1 and all(_hyphen_follows(w) for w in words[:-1])


def _hyphen_follows(tok) -> bool:
    doc = tok.doc
    return not tok.whitespace_ and tok.i + 2 < len(doc) and doc[tok.i + 1].text == "-" \
        and not doc[tok.i + 1].whitespace_


def _compound_start(tok, fillers: frozenset[str]) -> bool:
    """A short or common word that opens a hyphenated compound of terms: 'few' in 'few-shot', 'b' in
    'b-cell'."""
    return tok.is_alpha and _hyphen_follows(tok) and _term_token(tok.doc[tok.i + 2], fillers)


def _spoken_compound_start(tok) -> bool:
    """'few' or a small number, spelled out as speech recognition writes it, opening a compound whose hyphen
    was dropped: 'few shot learning', 'five shot classification', 'zero vector'. It is followed by a singular
    noun, which a count would not be ('five classes'). Digits are left out ('95 confidence interval', 'the
    2012 imagenet competition', 'python 3'), and so is 'one' ('one data point'). Whether the phrase is a
    compound or a count ('six training data points') is told by its head, in `_spoken_compound`."""
    doc = tok.doc
    return tok.lower_ in _SPOKEN_COMPOUND_STARTS and bool(tok.whitespace_) and tok.i + 1 < len(doc) \
        and doc[tok.i + 1].tag_ == "NN" and doc[tok.i + 1].lower_ not in _COUNTED


_SPOKEN_COMPOUND_STARTS = frozenset("few zero two three four five six seven eight nine ten".split())


def _spoken_compound(words) -> bool:
    """A phrase opened by `_spoken_compound_start` whose noun run ends in a singular noun: 'five shot
    classification problem' (five counts no problem), not 'six training data points' (six counts the
    points) nor its 'six training data'. Once the lecture says a pair so, it is a compound wherever it is
    said: 'few shot tasks', beside 'a few shot regression problem'."""
    if len(words) < 2 or not _spoken_compound_start(words[0]):
        return False
    if _ends_singular(words):
        return True
    doc, nxt = words[0].doc, words[1].i + 1
    # unless the lecture says the rest without the number: 'two sample means' counts the 'sample means'
    return (words[0].lower_, words[1].lower_) in _compounds_said(doc) \
        and not (nxt < len(doc) and _said_bare(doc)[words[1].lower_, doc[nxt].lower_])


def _said_bare(doc) -> Counter:
    """Word pairs counted where no 'few' or small number goes before them ('sample means', said alone)."""
    if "said_bare" not in doc.user_data:
        doc.user_data["said_bare"] = Counter(
            (tok.lower_, doc[tok.i + 1].lower_) for tok in doc[:-1]
            if tok.i == 0 or doc[tok.i - 1].lower_ not in _SPOKEN_COMPOUND_STARTS)
    return doc.user_data["said_bare"]


def _ends_singular(words) -> bool:
    doc, end = words[0].doc, words[-1].i
    while end + 1 < len(doc) and (doc[end + 1].pos_ in _HEAD_POS or doc[end + 1].text == "-"):
        end += 1
    return doc[end].tag_ in {"NN", "NNP"}


def _compounds_said(doc) -> frozenset[tuple[str, str]]:
    """The pairs ('few', 'shot') the lecture says as a compound at least once, before a singular noun."""
    if "compounds_said" not in doc.user_data:
        doc.user_data["compounds_said"] = frozenset(
            (tok.lower_, doc[tok.i + 1].lower_) for tok in doc[:-1]
            if _spoken_compound_start(tok) and _ends_singular(doc[tok.i:tok.i + 2]))
    return doc.user_data["compounds_said"]


def _head_token(tok) -> bool:
    """A word that can end a term: a noun, but not a stand-in for one ('the blue ones'), nor a verb the tagger
    read as a noun, which a 'because' or 'if' opens the clause of ('because every bucket index changes')."""
    if tok.lower_ in _PRO_FORMS or len(tok.text) < 2 and tok.lower_ not in _LETTER_WORDS:
        return False
    if any(child.dep_ == "mark" for child in tok.children):
        return False
    return tok.pos_ in _HEAD_POS or tok.lower_.endswith(("ing", "ism", "tion", "ity")) or _noun_read_as_verb(tok)


# nouns that are also past participles, which the tagger reads as verbs after a noun: 'the support set', 'a test set'
# ('support' that was 'set'), 'the marginal cost'
_PARTICIPLE_NOUNS = frozenset({"set", "cost", "spread", "cut"})


def _noun_read_as_verb(tok) -> bool:
    return tok.tag_ == "VBN" and tok.lower_ in _PARTICIPLE_NOUNS and tok.i > 0 \
        and tok.doc[tok.i - 1].pos_ in {"NOUN", "ADJ", "PROPN"}


# spaCy stop words that say what part or state a thing is in, and modify a noun as any adjective does
_PLACE_WORDS = frozenset("full empty front back bottom top side part".split())
_QUOTES = frozenset("\"\u201c'\u2018")


TITLE_CASE_SHARE = 0.5  # captions with more capitalised words than this write Every Word So


def _titled_phrases(doc) -> frozenset[tuple[str, ...]]:
    """Phrases the captions write in capitals inside a sentence, which names them: 'at New Moon', 'the Great
    Depression', 'hence the term "New Moon"'. An everyday word may open such a name. Captions that capitalise
    every word mark nothing so."""
    words = [tok for tok in doc if tok.is_alpha]
    if sum(tok.text[:1].isupper() for tok in words) > TITLE_CASE_SHARE * len(words):
        return frozenset()
    out = set()
    for tok in doc[1:]:
        if not _capitalised(tok):
            continue
        before = doc[tok.i - 1]
        if before.text in _QUOTES and before.i > 0:
            before = doc[before.i - 1]
        if not (before.is_alpha and before.text.islower()):
            continue  # a capital that opens a sentence marks nothing
        end = tok.i
        while end + 1 < len(doc) and end - tok.i < MAX_WORDS - 1 and _capitalised(doc[end + 1]):
            end += 1
        if end > tok.i:
            out.add(tuple(w.lower_ for w in doc[tok.i:end + 1]))
    return frozenset(out)


def _capitalised(tok) -> bool:
    """A word written with a capital and then lower case ('Moon'; not 'NASA')."""
    return tok.is_alpha and tok.text[:1].isupper() and not tok.text.isupper()


def _determined_object(tok) -> bool:
    """An object after its verb that is a pronoun or has an article: the verb is a verb, not a noun."""
    return tok.dep_ == "dobj" and tok.i > tok.head.i and (
        tok.pos_ == "PRON" or any(c.dep_ in {"det", "predet"} for c in tok.children))


def find_candidates(doc, units: list[Unit]) -> dict[str, Candidate]:
    """Every noun phrase of one to four words (and its sub-phrases ending in a noun), by term key."""
    stop = config_words("stop_terms")
    fillers = config_words("fillers", "words")
    doubled = config_words("fillers", "doubled")
    alone = config_words("stop_terms", "alone_words")
    modifiers = config_words("stop_terms", "modifier_words")
    symbols = _symbols(doc)
    found: dict[str, Candidate] = {}
    logistics = logistics_pattern(read_logistics_words())
    binomials = _binomials(doc, stop)
    titled = _titled_phrases(doc)
    for unit in units:
        aside = _logistics_spans(unit, logistics)
        runs, run = [], []
        for tok in doc[unit.tok_start:unit.tok_end]:
            if tok.i in binomials:  # 'divide and conquer' is one term, and its words are none on their own
                if run:
                    runs.append(run)
                run = []
                if binomials[tok.i] and not _in_logistics(doc[tok.i:tok.i + 3], aside):
                    words = doc[tok.i:tok.i + 3]
                    cand = found.setdefault(binomials[tok.i], Candidate(binomials[tok.i], words=2))
                    cand.surfaces[words.text.lower()] += 1
                    cand.mentions.append((unit.index, tok.i, tok.i + 3))
                continue
            # a compound whole ('few-shot', 'b-cell', 'B cells'), never half of one ('hat' of 'i-hat'); a number
            # opens one, but does not join it ('layer two neuron')
            if _term_token(tok, fillers) and (run or not _after_hyphen(tok)) or _compound_start(tok, fillers) \
                    or not run and _spoken_compound_start(tok):
                run.append(tok)
            elif _letter_modifier(tok, symbols):  # it opens a term, or joins one that modifies its noun
                if run and not (run[-1].dep_ in {"amod", "compound"} and run[-1].head.i >= tok.i
                                or run[-1].tag_ == "POS"):  # 'vitamin D receptors', 'Fisher's F test'
                    runs.append(run)  # 'lymphocytes | b cells', but 'helper t cells'
                    run = []
                run.append(tok)
            elif tok.text == "-" and run and not tok.whitespace_:
                continue  # a hyphen inside a compound ("meta-learning") keeps the run going
            elif run and (_of_a_law(tok) or _of_a_phrase(tok)):
                run.append(tok)  # 'law of demand'
            elif run and _eponym_possessive(tok):  # the name opens the term: 'on force ohm's law' is two
                name = len(run) - 1
                while name and run[name - 1].pos_ == "PROPN" and run[name - 1].text[:1].isupper() \
                        and run[name - 1].head.i == run[-1].i:
                    name -= 1  # 'Le Chatelier's principle'
                if run[:name]:
                    runs.append(run[:name])
                run = run[name:] + [tok]
            else:
                if run:
                    runs.append(run)
                run = []
        if run:
            runs.append(run)
        for run in runs:
            if any(w.like_url or w.lower_ in _WEB for w in run) \
                    or len(run) > 2 and run[-2].lower_ == "dot" and run[-1].lower_ in _DOMAINS:
                continue  # a web address, written or read aloud: 'www', 'beethoven project dot com' (not
                # 'the dot net framework', 'the dot com bubble')
            for j in range(len(run)):
                if not _head_token(run[j]) or _hyphen_follows(run[j]):
                    continue  # 'higher x' of 'higher x-height' is no phrase: its head is the first half of a word
                possessives = sum(w.tag_ == "POS" for w in run[max(0, j - MAX_WORDS):j])  # "'s" is no word
                for i in range(max(0, j - MAX_WORDS + 1 - possessives), j + 1):
                    words = run[i:j + 1]
                    if words[0].tag_ == "POS" or words[0].lower_ == "of":
                        continue  # "'s second law" is half of 'newton's second law', 'of demand' of 'law of demand'
                    if any(w.lower_ in _FOREIGN_CONNECTORS and _of_a_phrase(w)
                           for w in (*run[max(0, i - 1):i + 1], *run[j:j + 2])):
                        continue  # 'lait spots', 'café' and 'café au' are parts of 'café au lait spots'
                    if i > 0 and (_after_hyphen(words[0]) or _spoken_compound(run[i - 1:j + 1])):
                        continue  # 'shot learning' is half of 'few-shot learning' (or of 'few shot learning')
                    if _spoken_compound_start(words[0]) and not _spoken_compound(words):
                        continue  # 'few label samples', 'six training data points': a count
                    if any(w.pos_ == "VERB" and w.head.i <= w.i and not _gerund_of(w) for w in words[:-1]):
                        continue  # 'robespierre executed thousands': the clause's verb, no modifier
                    if _gerund_of(words[-1]) and any(c.dep_ == "dobj" and c.right_edge.i - words[0].i < MAX_WORDS
                                                     for c in words[-1].children):
                        continue  # 'law of diminishing' is half of 'law of diminishing returns' (one too long
                        # to be a candidate, 'law of diminishing marginal utility', leaves its first words one)
                    if len(words) > 1 and words[0].pos_ == "VERB" and (words[0].tag_ == "VBG"
                                                                       or words[0].lower_ in _NAMING_VERBS) \
                            and not _modifies_noun_after(words):
                        continue  # "using gradient descent", "called agentic ai": the object is the term
                        # (not "working memory", whose -ing word the parser hangs on the noun it modifies)
                    # 'reaction raising the temperature', 'the matrix representing that transformation'; but
                    # unpunctuated speech runs 'after feature scaling | the inputs lie' together the same way
                    acting = len(words) > 1 and words[-1].tag_ == "VBG" \
                        and any(_determined_object(c) for c in words[-1].children)
                    if any(w.pos_ == "VERB" and w.lower_ in _NAMING_VERBS for w in words[1:]):
                        continue  # "a process called agglutination" names one term, and is none
                    if _in_logistics(words, aside):
                        continue  # 'the homework on gradient descent', 'your support will help MIT OpenCourseWare'
                    lows = [w.lower_ for w in words]
                    if len(lows) == 1 and lows[0] in alone:
                        continue  # 'equation' alone; 'differential equation' is a term
                    if all(w in stop or singular_stop(w, stop) for w in lows) and not _one_hyphenated_word(words) \
                            or _expression(lows) \
                            or any(a.lower_ == b.lower_ and b.i == a.i + 1 and a.lower_ not in doubled
                                   for a, b in zip(words, words[1:])):
                        continue  # 'stereotype stereotype' is a stutter ('log log plot', 'yo-yo' are said so)
                    named = len(lows) > 1 and tuple(lows) in titled  # 'New Moon', though 'new' opens no term
                    if lows[0] in stop and (len(lows) == 1 or not _hyphen_follows(words[0])
                                            and lows[0] not in modifiers and not _spoken_compound(words)
                                            and not named):
                        continue
                    surface = doc[words[0].i:words[-1].i + 1].text.lower()
                    key = term_key(repair_term(surface))
                    if len(key) < 3:
                        continue
                    cand = found.setdefault(key, Candidate(key, words=sum(w.tag_ != "POS" for w in words)))
                    cand.surfaces[surface] += 1
                    cand.mentions.append((unit.index, words[0].i, words[-1].i + 1))
                    if _name_or_date(words):
                        cand.person += 1
                    if acting:
                        cand.acting += 1
                    if _in_compound(words):
                        cand.compounded += 1
                    if len(words) > 1 and words[0].tag_ == "NNS":
                        cand.plural_first += 1  # 'parameters theta': the parameters, named theta
                    # 'overfitting' is tagged a verb everywhere, but it is no everyday verb
                    if len(words) == 1 and (words[0].pos_ not in _HEAD_POS or _after_a_bare_verb_subject(words[0])) \
                            and not _rare(words[0].lower_):
                        cand.verbal += 1
                    if len(words) == 1 and words[0].pos_ == "PROPN" and words[0].text[:1].isupper() \
                            and not words[0].text.isupper():
                        cand.proper += 1
                        if not _opens_sentence(words[0]):
                            cand.proper_inside += 1
                    if len(words) == 1 and words[0].text.islower():
                        cand.lower += 1
                    if named:
                        cand.titled += 1
    quoted = _quoted_names(doc, stop)
    for name, mentions in _places_said(doc, units, _case_names(doc) | _named_pairs(doc, stop, binomials)
                                       | set(quoted)).items():
        key = term_key(repair_term(" ".join(name)))
        cand = found.get(key)
        if cand is None:  # a name that no phrase above read whole: every place it is said is its mention
            cand = found[key] = Candidate(key, words=len(name))
            for unit_index, a, b in mentions:
                cand.surfaces[doc[a:b].text.lower()] += 1
                cand.mentions.append((unit_index, a, b))
        cand.quoted += quoted[name]
    return _with_their_openers(_merge_plurals(found), doc, units)


_ES_PLURAL = re.compile(r"(?:s|x|z|ch|sh)es$")
_IS_US_PLURAL = re.compile(r"[^s][iu]s$")  # 'fujis', 'gurus': the simple rule keeps 'analysis' and 'virus' whole
# Latin and Greek plurals and the singulars they may have: 'atria' (atrium), 'criteria' (criterion), 'nuclei'
# (nucleus), 'vertebrae' (vertebra)
_CLASSICAL_PLURALS = ((re.compile(r"a$"), ("um", "on")), (re.compile(r"i$"), ("us",)), (re.compile(r"ae$"), ("a",)))
# every count a Candidate keeps of its mentions ('person', 'proper', ...), so a merge adds them all up
_MENTION_COUNTERS = tuple(f.name for f in fields(Candidate) if f.type == "int" and f.name != "words")


OPENED_SHARE = 0.8  # a phrase said after the same adjective this often is named with it
OPENED_AT_LEAST = 3
# adjectives among spaCy's stop words that say how much or which, and name nothing: 'the same distribution'
_QUANTIFYING = frozenset("same other several many much own various whole former latter due more most less "
                         "enough such".split())


def _with_their_openers(found: dict[str, Candidate], doc, units: list[Unit]) -> dict[str, Candidate]:
    """A phrase the lecture says after the same adjective nearly every time is named with that adjective, though
    it is one of spaCy's stop words, which open no candidate: 'the last glacial maximum' (thirteen times, each
    with 'last'), 'the last interglacial'. Quantities and sameness ('several', 'same') name nothing."""
    for key in list(found):
        cand = found[key]
        if cand.count < OPENED_AT_LEAST:
            continue
        before = Counter(doc[a - 1].lower_ for u, a, _ in cand.mentions
                         if a > units[u].tok_start and doc[a - 1].tag_ in {"JJ", "JJS"} and doc[a - 1].is_stop)
        opener, said = before.most_common(1)[0] if before else ("", 0)
        if said < OPENED_SHARE * cand.count or opener in _QUANTIFYING:
            continue
        surfaces = Counter()
        mentions = []
        for u, a, b in cand.mentions:
            if a > units[u].tok_start and doc[a - 1].lower_ == opener:
                a -= 1
            mentions.append((u, a, b))
            surfaces[doc[a:b].text.lower()] += 1
        named = term_key(repair_term(opener + " " + cand.display))
        if named in found:
            continue  # said both ways as phrases of its own ('full cycle' beside 'cycle'): left as they are
        del found[key]
        found[named] = replace(cand, key=named, surfaces=surfaces, mentions=mentions,
                               words=cand.words + 1, name=None)
    return found


def _merge_plurals(found: dict[str, Candidate]) -> dict[str, Candidate]:
    """A plural that the simple rule of `term_key` keys apart from its singular is one candidate with it, where
    the lecture says both: 'biases' and 'bias', 'Mount Fujis' and 'Mount Fuji', 'atria' and 'atrium'."""
    for key in list(found):
        plural = found[key]
        singles = _singulars_said(plural, found)
        single = found.get(singles.pop()) if len(singles) == 1 else None
        if single is None or single is plural:
            continue
        single.surfaces.update(plural.surfaces)
        single.mentions = sorted(single.mentions + plural.mentions)
        for counter in _MENTION_COUNTERS:
            setattr(single, counter, getattr(single, counter) + getattr(plural, counter))
        del found[key]
    return found


def _singulars_said(plural: Candidate, found: dict[str, Candidate]) -> set[str]:
    """The keys of the singulars a plural may have: for an -es plural ('biases'; 'planes' and 'plan' stay
    apart where 'plan' is said) and an -is or -us one ('fujis'; no 'analysi' is said), the one its form gives;
    for a lone word in a Latin or Greek plural, the one the lecture says."""
    surfaces = plural.surfaces
    if all(_ES_PLURAL.search(surface) for surface in surfaces):
        return {term_key(repair_term(surface[:-2])) for surface in surfaces}
    if all(_IS_US_PLURAL.search(surface) for surface in surfaces):
        return {term_key(repair_term(surface[:-1])) for surface in surfaces}
    if plural.words != 1 or len(surfaces) != 1:
        return set()
    surface = next(iter(surfaces))
    for ending, singulars in _CLASSICAL_PLURALS:
        if len(surface) > 4 and ending.search(surface):
            said = {term_key(ending.sub(s, surface)) for s in singulars} & set(found)
            if said:
                return said
    return set()


_SENTENCE_OPENERS = {".", "?", "!", ":", ";", "...", "\u2026", '"', "\u201c"}


def _opens_sentence(tok) -> bool:
    doc = tok.doc
    return tok.i == 0 or tok.is_sent_start or doc[tok.i - 1].text in _SENTENCE_OPENERS


def _in_compound(words) -> bool:
    """Whether the parser reads these words as part of a longer compound noun: 'label' in 'label data',
    'supervised learning' in 'a supervised learning paradigm', 'server' in 'mcp server'."""
    doc = words[0].doc
    first, last = words[0], words[-1]
    before = doc[first.i - 1] if first.i > 0 else None
    after = doc[last.i + 1] if last.i + 1 < len(doc) else None
    return (before is not None and before.dep_ == "compound" and first.i <= before.head.i <= last.i + 2
            or after is not None and after.pos_ in _HEAD_POS and last.dep_ == "compound")


# what the speaker names as a company, a person or a work: 'a firm called amplify partners', 'a guy named paul
# mcnulty', 'a book called Mind Children' (not 'a game called Nim', nor 'an algorithm called ...': things taught)
_NAME_GIVEN = re.compile(r"\b(?:company|companies|firm|startup|organi[sz]ation|website|brand|sponsor|podcast|"
                                 r"university|college|foundation|guy|man|woman|lady|gentleman|fellow|someone|"
                                 r"somebody|person|friend|colleague|student|author|composer|philosopher|scientist|"
                                 r"book|novel|film|movie|article|essay|poem|song|album|magazine|newspaper|blog|"
                                 r"documentary|paper) (?:(?:is|was) )?(?:called|named|titled|entitled)(?: the)?$")
_TIME_UNITS = frozenset({"second", "minute", "hour", "day", "week", "month", "year", "semester", "term"})
# what a number counts or measures ('five minute break', 'ten percent increase'), not a compound it opens
_COUNTED = _TIME_UNITS | {"percent", "percentage", "times", "point", "hundred", "thousand", "million", "billion"}


_ORDINALS = frozenset("first second third fourth fifth sixth seventh eighth ninth tenth".split())


_OPERATORS = frozenset({"minus", "plus", "equals"})  # not 'squared': 'mean squared error', 'chi squared test'
_FUNCTIONS = frozenset({"sine", "cosine", "sin", "cos", "tan", "arctan", "arcsin", "arccos", "sinh", "cosh", "tanh",
                        "exponential", "exp", "log", "ln", "sqrt"})
GREEK_LETTERS = frozenset("""alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho
sigma tau upsilon phi chi psi omega""".split())
_SUBSCRIPTED = re.compile(r"^[a-z]\d*$|^[a-z]\d+[a-z]?$")  # 'x', 'a1', 'c4'


def _symbol_word(word: str) -> bool:
    return word in GREEK_LETTERS or bool(_SUBSCRIPTED.match(word))


def _expression(lows: list[str]) -> bool:
    """A formula read aloud, not a term: 'exponential minus gamma', 'mass times velocity', 'cosine omega',
    'a1 b1', 'theta n log'. A symbol with a word for how it is decorated is a name ('theta star', 'x bar')."""
    if any(w in _OPERATORS for w in lows) or "times" in lows[1:-1]:
        return True
    return len(lows) > 1 and all(_symbol_word(w) or w in _FUNCTIONS for w in lows)


def _name_or_date(words) -> bool:
    """A person's name ("Jeremy Bentham", capitalised proper nouns) or a calendar word: never a key term.
    Read from tags, so the slow entity recogniser need not run. A number that opens a hyphenated compound
    ('five-way classification', 'one-hot encoding') is part of a term, not a count or a date, and so is an
    ordinal spelled out ('second derivative', 'newton's second law'). What the speaker names as a company, a firm or a
    university ('a firm called amplify partners') is a name."""
    if any(w.like_num and not (_number_compound(w) or k == 0 and _spoken_compound(words)
                               or w.lower_ in _ORDINALS)  # 'second derivative', 'newton's second law'
           or w.lower_ in _CALENDAR and w.pos_ == "PROPN" for k, w in enumerate(words)):
        return True
    if _NAME_GIVEN.search(words[0].doc[max(0, words[0].i - 4):words[0].i].text.lower()):
        return True  # 'a venture capital firm called amplify partners', 'a guy named paul mcnulty': a name
    if len(words) in (2, 3) and words[0].lower_.rstrip(".") in _HONORIFICS \
            and (words[-1].lower_ in _titled(words[0].doc) or zipf(words[-1].lower_) < NAME_ZIPF):
        return True  # 'professor drennan', 'professor eric lander', 'dr smith': a person, in lower case too;
        # not 'doctor patient relationship'
    if _given_name(words) or len(words) == 1 and words[0].lower_ in _surnames(words[0].doc):
        return True  # 'claude steele', then 'steele' alone, in lower case: no capital marks them
    if _named_after_a_role(words):
        return True  # 'the Roman historian Tacitus', 'emperor Romulus Augustus'
    names = [w for w in words if w.lower_ not in _NAME_PARTICLES or w.i in (words[0].i, words[-1].i)]
    return len(names) > 1 and all(w.pos_ == "PROPN" and w.text[:1].isupper() and not w.text.isupper()
                                  for w in names) and _capitalised_name(names)


def _named_after_a_role(words) -> bool:
    """A phrase that ends in a name after the lower-case noun it is put beside: 'Roman historian Tacitus',
    'emperor Romulus Augustus'. The name is capitalised, no common word and no acronym or brand ('mini
    ImageNet', 'gene BRCA1' stay)."""
    k = len(words)
    while k > 0 and _name_like(words[k - 1]):
        k -= 1
    return 0 < k < len(words) and words[k - 1].pos_ == "NOUN" and words[k - 1].text.islower()


def _name_like(word) -> bool:
    text = word.text
    return word.pos_ == "PROPN" and len(text) > 2 and text[0].isupper() and text[1:].isalpha() \
        and text[1:].islower() and zipf(word.lower_) < NAME_ZIPF


NAME_OPENER_ZIPF = 4.0  # a first word this common opens a term said with capitals ('Upper Paleolithic', 'Model ...')
_TERM_ENDINGS = ("tion", "sion", "ment", "ness", "ity", "ism", "ance", "ence", "ysis", "ogy", "ics", "ing")


def _capitalised_name(words) -> bool:
    """Capitalised words that name a person, whose last word is no common word: a given name first ('Jeremy
    Bentham'), a surname last ('Max Weber'), or a first word English seldom uses ('Hans Moravec', 'Emmanuel
    Kant'). Not a term said with capitals: 'Kernel Density Estimation', 'Tibetan Buddhism' (a noun's ending),
    'Upper Paleolithic', 'Model Context Protocol' (an everyday first word), 'Jordan Normal Form'."""
    first, last = words[0].lower_, words[-1].lower_
    if zipf(last) >= NAME_ZIPF:  # 'Jordan Normal Form', 'Lewis Structure', 'Marshall Plan' name things
        return False
    return first in config_words("given_names") or last in config_words("given_names", "surnames") \
        or zipf(first) < NAME_OPENER_ZIPF and not last.endswith(_TERM_ENDINGS)


# small words inside a name: 'Johannes de Silentio', 'Ludwig van Beethoven', 'Leonardo da Vinci'
_NAME_PARTICLES = frozenset({"de", "van", "von", "der", "den", "da", "di", "du", "del", "della", "le", "la", "bin",
                             "ibn", "al", "y"})


def _full_name(first, last) -> bool:
    """A given name and a surname (config/given_names.toml), one after the other: 'claude steele', 'paul
    mcnulty'. Not 'shannon entropy', 'jordan normal form', 'taylor series', 'grace young'."""
    return first.lower_ in config_words("given_names") and last.lower_ in config_words("given_names", "surnames") \
        and zipf(last.lower_) < NAME_ZIPF


def _given_name(words) -> bool:
    """A phrase ending in a person's full name ('claude steele', 'notes paul mcnulty', 'eric s lander'), or in
    the given name of one ('notes paul', of 'notes paul mcnulty'). A name with more after it names a thing:
    'shannon hartley theorem', 'marshall lerner condition'."""
    doc, end = words[0].doc, words[-1].i + 1
    return len(words) > 1 and _full_name(words[-2], words[-1]) \
        or len(words) > 2 and len(words[-2].text.rstrip(".")) == 1 and _full_name(words[-3], words[-1]) \
        or end < len(doc) and _full_name(words[-1], doc[end])


def _surnames(doc) -> frozenset[str]:
    """Words the lecture says as a surname, after a given name ('claude steele'): 'steele' alone is him too."""
    if "surnames" not in doc.user_data:
        doc.user_data["surnames"] = frozenset(tok.lower_ for tok in doc[1:] if _full_name(doc[tok.i - 1], tok))
    return doc.user_data["surnames"]


_WEB = frozenset({"www", "http", "https"})
_DOMAINS = frozenset({"com", "org", "edu", "gov", "net", "io"})
# titles before a name ('professor drennan', 'emperor justinian'); not 'mr' or 'ms' ('ms imaging')
_HONORIFICS = frozenset({"professor", "prof", "dr", "doctor", "mrs", "sir", "madam", "emperor", "empress", "king",
                         "queen", "pope", "tsar", "czar", "sultan", "pharaoh", "caliph", "president", "judge",
                         "senator", "governor", "chancellor"})


def _said(doc) -> Counter:
    """How often the lecture says each word (lower case), counted once per doc."""
    if "said" not in doc.user_data:
        doc.user_data["said"] = Counter(tok.lower_ for tok in doc)
    return doc.user_data["said"]


def _titled(doc) -> frozenset[str]:
    """Words the lecture says only after a title ('professor drennan', never 'drennan' alone): names."""
    if "titled" not in doc.user_data:
        after_title = Counter(tok.lower_ for tok in doc[1:] if doc[tok.i - 1].lower_.rstrip(".") in _HONORIFICS)
        doc.user_data["titled"] = frozenset(w for w, n in after_title.items() if n == _said(doc)[w])
    return doc.user_data["titled"]


def _number_compound(tok) -> bool:
    """A number opening a hyphenated compound that is no span of time: 'five-way', 'one-hot'; not
    'five-minute', 'two-week'."""
    return _hyphen_follows(tok) and tok.doc[tok.i + 2].lower_ not in _TIME_UNITS


def zipf(word: str) -> float:
    """How common a word (or phrase) is in general English, on wordfreq's Zipf scale (0 to about 8)."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


# words naming what kind of thing a term is, which a name can do without where it is a phrase or a rare word:
# 'token jumping' is the token jumping rule, 'sigmoid' the sigmoid function, 'bisection' the bisection method;
# not 'loss' (an everyday word alone) the loss function, nor 'chain' the chain rule
KIND_WORDS = frozenset({"function", "method", "algorithm", "technique", "procedure", "rule", "model", "problem",
                        "approach"})


def named_without_its_kind(short: list[str], full: list[str]) -> bool:
    """Whether the words `short` (singular, lower case) are `full` without its last word, a word naming its
    kind, and are a phrase or no everyday English: ['token', 'jumping'] of ['token', 'jumping', 'rule'],
    ['sigmoid'] of ['sigmoid', 'function']."""
    return len(full) >= 2 and full[-1] in KIND_WORDS and short == full[:-1] \
        and (len(short) >= 2 or zipf(short[0]) < RARE_ZIPF)


_BARE_VERB_SUBJECTS = frozenset({"these", "those", "they", "we", "you", "i"})  # subjects of a verb without its -s


def _after_a_bare_verb_subject(word) -> bool:
    """Whether a word the tagger read as a lone singular noun is the verb of the subject before it: on unpunctuated
    speech 'and these overlap and these overlap' reads as nouns, but no noun is said bare after 'these' or 'we'.
    ('these test points', where a noun follows, is a compound.)"""
    if word.i == 0 or word.tag_ != "NN" or word.doc[word.i - 1].lower_ not in _BARE_VERB_SUBJECTS:
        return False
    return word.i + 1 == len(word.doc) or word.doc[word.i + 1].pos_ not in _HEAD_POS


def _rare(word: str) -> bool:
    return zipf(word) < RARE_ZIPF


def singular_stop(word: str, stop: frozenset[str]) -> bool:
    return word.rstrip("s") in stop


@dataclass(frozen=True)
class Features:
    relevance: float
    count: float
    spread: float
    specificity: float
    multiword: float
    defined: float
    named: float
    nested: float
    generic_head: float
    lone_word: float
    once: float
    name: float
    explained: float
    compounded: float
    lone_once: float  # a lone word said once, admitted only because the speaker defines it there
    concept: float  # named after the kind of idea it is: 'Bayes' rule', 'principle of utility', 'placebo effect'


def names_a_concept(display: str) -> bool:
    """Whether a term of two words or more is named after the kind of idea it is (config/stop_terms.toml
    `concept_heads`): 'empirical rule', 'moral dilemmas', 'principle of utility'."""
    words = display.lower().split()
    heads = config_words("stop_terms", "concept_heads")
    return len(words) >= 2 and (singular(words[-1]) in heads or len(words) >= 3 and words[1] == "of"
                                and singular(words[0]) in heads)


def specificity(words: list[str]) -> float:
    """How rare the words are in general English: 0 for 'the', about 1 for 'eigenvector'."""
    rarity = [max(0.0, 6.0 - zipf(w)) / 6.0 for w in words if w]
    return max(rarity) * 0.5 + (sum(rarity) / len(rarity)) * 0.5 if rarity else 0.0


# Fitted on the dev gold by a search over these generic signals (quizgen.nlp.fit has the logistic variant);
# no weight names a word.
WEIGHTS = {"relevance": 1.5, "count": 1.6, "spread": 1.35, "specificity": 2.05, "multiword": 0.15,
           "defined": -0.8, "named": 1.4, "nested": -1.15, "generic_head": -1.55, "lone_word": -1.55,
           "once": 0.1, "name": -1.8, "explained": 0.9, "compounded": -0.6,
           "lone_once": 0.6,  # a definition where a lone word is said once stands in for a second mention
           "concept": 1.0}


def score_features(f: Features) -> float:
    return sum(WEIGHTS[name] * getattr(f, name) for name in WEIGHTS)


def effective_counts(cands: dict[str, Candidate]) -> dict[str, int]:
    """A C-value style count: mentions that only happen inside a longer repeated candidate do not count,
    so 'learning' is not a term just because 'supervised learning' is said often. A longer candidate that
    only adds a generic edge word ('five-way classification problem') is the same term said longer, and
    takes no count from it."""
    edges = config_words("stop_terms", "edge_words")
    longer: dict[int, list[tuple[int, str]]] = {}
    variant_of: dict[str, str] = {}  # 'five-way classification problem' -> 'five-way classification'
    for cand in cands.values():
        if cand.count >= 2 and cand.words > 1 and cand.acting < cand.count:  # 'catalyst lowering the ...' is none
            words = cand.display.split()
            if words[-1] in edges:
                variant_of[cand.key] = term_key(" ".join(words[:-1]))
            for _, a, b in cand.mentions:
                longer.setdefault(a, []).append((b, cand.key))
    counts = {}
    for key, cand in cands.items():
        inside = 0
        for _, a, b in cand.mentions:
            if any(d >= b and (c, d) != (a, b) and other != key and variant_of.get(other) != key
                   for c in range(a - MAX_WORDS, a + 1) for d, other in longer.get(c, ())):
                inside += 1
        counts[key] = cand.count - inside
    return counts
