"""Quizzes from a built lecture: typed answers and four-option multiple choice, with lenient checking.

Each question shows a clue (a definition or a cloze sentence with the term blanked out) and asks
for the term; wrong options are other key terms of the same lecture that look like the answer.
"""
from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz
from rapidfuzz.distance import DamerauLevenshtein

from quizgen.export.lecture_json import BuiltLecture
from quizgen.model import CLOZE, Card

BLANK = "_____"
FUZZY_MIN_LENGTH = 5  # answers shorter than this must be exact (after normalizing)
ARTICLE = re.compile(r"^\s*(?:a|an|the)\s+(?=\w)", re.IGNORECASE)
OPTIONS = 4
OPTION_MARK = re.compile(r"\(?([0-9]+|[a-z])[).:]?")  # '2', '2)', '(2)', '2.', 'b', 'b)'
PLAUSIBILITY_MARGIN = 0.5  # distractors are drawn from terms scoring within this of the third best
# kinds tried first when a term has several cards: a cloze sentence gives the most context
KIND_PREFERENCE = ("cloze", "reverse", "basic")

Similarity = Callable[[str, str], float]  # 0..1, e.g. cosine similarity of term embeddings


@dataclass(frozen=True)
class Question:
    """Ask for `answer` given `prompt`; `options` is empty for a typed answer, else four choices."""

    prompt: str
    answer: str
    aliases: tuple[str, ...]
    options: tuple[str, ...]
    start_second: int | None
    url: str | None
    card_id: str

    @property
    def kind(self) -> str:
        return "choice" if self.options else "typed"


# --- answer checking -----------------------------------------------------------------------------


def _singular(word: str) -> str:
    if len(word) <= 3:
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


_GREEK_LATIN_PLURALS = {
    "criteria": "criterion", "phenomena": "phenomenon", "automata": "automaton", "ganglia": "ganglion",
    "mitochondria": "mitochondrion", "taxa": "taxon", "maxima": "maximum", "minima": "minimum",
    "optima": "optimum", "extrema": "extremum", "data": "datum", "strata": "stratum", "bacteria": "bacterium",
    "media": "medium", "curricula": "curriculum", "spectra": "spectrum", "quanta": "quantum",
    "momenta": "momentum", "equilibria": "equilibrium", "memoranda": "memorandum", "addenda": "addendum",
    "phyla": "phylum", "polyhedra": "polyhedron", "cilia": "cilium", "flagella": "flagellum",
    "epithelia": "epithelium", "atria": "atrium", "suprema": "supremum", "infima": "infimum", "ova": "ovum",
    "genera": "genus", "corpora": "corpus", "stomata": "stoma", "schemata": "schema", "lemmata": "lemma",
    "foramina": "foramen", "septa": "septum", "sera": "serum", "symposia": "symposium", "crania": "cranium",
}


def _singulars(word: str) -> frozenset[str]:
    """The word and every singular it may be the plural of: "bases" -> base, basis; "biases" -> bias.

    A set, not one stem, because no single rule serves "cases" (case) and "biases" (bias) both; two words
    are the same term when their sets meet, so "bias" and "basis" stay apart.
    """
    forms = {word}
    if len(word) >= 3 and word.endswith("s") and not word.endswith("ss"):
        forms.add(word[:-1])  # sets, APIs
    if word.endswith("es") and word[:-2].endswith(("s", "x", "z", "ch", "sh", "o")):
        forms.add(word[:-2])  # biases, lenses, boxes, heroes
    if len(word) >= 4 and word.endswith("es"):
        forms.add(word[:-2] + "is")  # bases, analyses, axes
    if len(word) > 4 and word.endswith("ies"):
        forms.add(word[:-3] + "y")  # queries
    if word.endswith("ices"):
        forms.update((word[:-4] + "ix", word[:-4] + "ex"))  # matrices, vertices
    if word in _GREEK_LATIN_PLURALS:
        forms.add(_GREEK_LATIN_PLURALS[word])  # criteria, phenomena, maxima: named, since 'plasma' is no plural
    if word.endswith("ae"):
        forms.add(word[:-1])  # formulae
    if len(word) > 3 and word.endswith("i"):
        forms.add(word[:-1] + "us")  # radii, foci
    return frozenset(forms)


# a Greek letter as its name, so 'alpha helix' answers 'α-helix' (few keyboards type an α)
_GREEK = str.maketrans({letter: f" {name} " for letter, name in zip(
    "αβγδεζηθικλμνξοπρσςτυφχψω",
    "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma sigma tau upsilon "
    "phi chi psi omega".split())})


def _words(text: str) -> list[str]:
    """Casefolded words without accents or punctuation, a Greek letter spelled out."""
    text = unicodedata.normalize("NFKD", text.casefold().translate(_GREEK))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("'", "").replace("’", "")
    return re.sub(r"[\W_]+", " ", text).split()


def _written(text: str) -> str:
    """The words as written, casefolded: no plural forgiven ('plasma' is not 'plasmas')."""
    return " ".join(_words(text))


def normalize(text: str) -> str:
    """Casefolded words without accents, punctuation or plural endings: "Meta-Learners" -> "meta learner"."""
    return " ".join(_singular(w) for w in _words(text))


def _without_article(text: str) -> tuple[str, ...]:
    """The text, and the text without a leading "a", "an" or "the" ("A* search" keeps its A)."""
    rest = ARTICLE.sub("", text, count=1)
    return (text, rest) if rest != text else (text,)


def _same_but_number(given: str, target: str) -> bool:
    """Whether two answers are the same words, each maybe singular in one and plural in the other."""
    g, t = _words(given), _words(target)
    return bool(g) and len(g) == len(t) and all(_singulars(a) & _singulars(b) for a, b in zip(g, t))


def _closeness(given: str, target: str) -> float:
    """0..100: how well a normalized answer matches a normalized target, 0 when it is not close enough: each
    word as the target's, but for a slip ('lerning', 'likelyhood', 'piror'). A word with another beginning is
    another word, however much of it is the same: 'unsupervised', 'passive', 'post' and 'nonlinear' name the
    opposite of 'supervised', 'active', 'pre' and 'linear'."""
    if not given or not target:
        return 0.0
    if given == target or given.replace(" ", "") == target.replace(" ", ""):
        return 100.0
    if len(target.replace(" ", "")) < FUZZY_MIN_LENGTH:
        return 0.0
    words, target_words = given.split(), target.split()
    pairs = zip(words, target_words) if len(words) == len(target_words) \
        else [(given.replace(" ", ""), target.replace(" ", ""))]  # 'metalerning' for 'meta learning'
    if not all(_slip(a, b) for a, b in pairs):
        return 0.0
    return max(1.0, float(fuzz.ratio(given, target)))


def _slip(given: str, word: str) -> bool:
    """Whether a word is `word`, or `word` with one letter swapped, missing, added or wrong after its first.
    A number is no letter: 'w2 hardness' is not 'w1 hardness'."""
    return given == word or given[:1] == word[:1] and DamerauLevenshtein.distance(given, word) <= 1 \
        and re.findall(r"\d+", given) == re.findall(r"\d+", word)


def check_answer(given: str, term: str, aliases: Iterable[str] = (), others: Iterable[str] = ()) -> bool:
    """Whether `given` names `term`: case, hyphens and spaces, a leading article, plurals (regular and
    Latin or Greek: "matrices", "bases", "criteria") and small typos are forgiven.

    `others` are the lecture's other terms: an answer that names one of them exactly, or is closer to
    one of them than to `term`, is wrong even when it is within typo distance ("unsupervised learning"
    for "supervised learning").
    """
    givens = _without_article(given)
    names = [n for t in (term, *aliases) for n in _without_article(t)]
    rival_names = [r for o in others for r in _without_article(o)]  # `others` is read once: it may be a generator
    if {_written(g) for g in givens} & ({_written(r) for r in rival_names} - {_written(n) for n in names}):
        return False  # the answer names another term of the lecture, as it is written
    targets = {normalize(n) for n in names}
    rivals = [r for r in rival_names if normalize(r) not in targets]
    if any(_same_but_number(g, n) for g in givens for n in names):
        return True
    named_rivals = {normalize(r) for r in rivals}  # 'sigmoids' names the lecture's 'sigmoid', not 'sigmoid function'
    if any((_named_without_its_kind(g, n) or _named_without_its_kind(n, g)) and normalize(g) not in named_rivals
           for g in givens for n in names):
        return True
    best = max((_close(g, n) for g in givens for n in names), default=0.0)
    if best == 0.0:
        return False
    if best == 100.0:
        return True
    return all(_close(g, r) < best for g in givens for r in rivals)


def _named_without_its_kind(given: str, name: str) -> bool:
    """Whether `given` is `name` without a last word naming its kind, and a phrase or no everyday word
    ('sigmoid' for 'sigmoid function'; `check_answer` asks it both ways round, so 'sigmoid function' answers
    'sigmoid' too)."""
    from quizgen.nlp.terms import named_without_its_kind

    return named_without_its_kind(normalize(given).split(), normalize(name).split())


def _close(given: str, name: str) -> float:
    """`_closeness` of two answers as singular ('meta learner'), or as written, where a slip in a word that
    ends in s is one only before its s is dropped ('skewnes' for 'skewness'); like with like, and a slip only
    in a name of FUZZY_MIN_LENGTH letters as singular ('nodes' is no slip of 'notes')."""
    as_singular = normalize(name)
    singular = _closeness(normalize(given), as_singular)
    if len(as_singular.replace(" ", "")) < FUZZY_MIN_LENGTH:
        return singular
    return max(singular, _closeness(_written(given), _written(name)))


def option_index(given: str) -> int | None:
    """The 0-based option an answer points at by number ("2") or letter ("b"), as the options are shown or
    not ("2)", "b.", "(2)"), in range or not; None for any other answer, which is read as the term itself
    ('²' is no number a keyboard's digit keys type)."""
    g = OPTION_MARK.fullmatch(given.strip().lower())
    if g is None:
        return None
    mark = g.group(1)
    return int(mark) - 1 if mark.isdigit() else ord(mark) - ord("a")


def check_choice(given: str, question: Question, others: Iterable[str] = ()) -> bool:
    """An answer to a multiple-choice question: its number (1-4), letter (a-d) or the term itself."""
    if question.options:
        index = option_index(given)
        if index is not None:
            return 0 <= index < len(question.options) and question.options[index] == question.answer
    return check_answer(given, question.answer, question.aliases, others)


# --- making questions ----------------------------------------------------------------------------


def _names_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    alts = [
        r"[\s\-]+".join(map(re.escape, re.split(r"[\s\-]+", n.strip())))
        for n in sorted(set(names), key=len, reverse=True)
        if n.strip()
    ]
    if not alts:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(alts) + r")(?:e?s)?(?!\w)", re.IGNORECASE)


def _blank_out(text: str, names: Iterable[str]) -> str:
    text = CLOZE.sub(lambda m: BLANK + (f" ({m.group(2)})" if m.group(2) else ""), text)
    pattern = _names_pattern(names)
    return pattern.sub(BLANK, text) if pattern else text


def _clue(card: Card, names: tuple[str, ...]) -> str | None:
    """The side of the card that describes the term, with every mention of it blanked out."""
    if "{{c" in card.front:
        text = card.front
    elif card.kind == "basic":
        text = card.back  # its front asks 'What is X?', which blanked says nothing
    else:
        sides = [s for s in (card.front, card.back) if s.strip() and normalize(s) not in map(normalize, names)]
        if not sides:
            return None
        pattern = _names_pattern(names)
        # the side naming the term least is the description ("What is X?" names it; its answer need not)
        text = min(sides, key=lambda s: (len(pattern.findall(s)) if pattern else 0, -len(s)))
    clue = _AN_BLANK.sub(lambda m: ("A" if m.group(1)[0] == "A" else "a") + "(n) " + BLANK,
                         _blank_out(text, names).strip())
    if not re.sub(re.escape(BLANK), "", clue).strip(" .,:;?!…()"):
        return None
    return clue


# 'An _____ is ...' would rule out every option that takes 'a': the article says nothing either way
_AN_BLANK = re.compile(r"\b(an?|An?)\s+" + re.escape(BLANK))


def _kind_of_word(word: str) -> str:
    for ending in ("ing", "tion", "sion", "ism", "ity", "ness", "ment", "ogy", "ics", "ist", "er", "or"):
        if word.endswith(ending):
            return ending
    return ""


def _plausibility(answer: str, candidate: str, similarity: Similarity | None) -> float:
    a, c = normalize(answer).split(), normalize(candidate).split()
    score = 1.0 if len(a) == len(c) else 0.5 if abs(len(a) - len(c)) == 1 else 0.0
    la, lc = len(answer), len(candidate)
    score += min(la, lc) / max(la, lc, 1)
    shared = set(a) & set(c)
    score += 1.5 * len(shared) / len(set(a) | set(c) or {""})
    if a and c and (a[-1] == c[-1] or _kind_of_word(a[-1]) and _kind_of_word(a[-1]) == _kind_of_word(c[-1])):
        score += 0.5
    if similarity is not None:
        score += 2.0 * float(similarity(answer, candidate))
    return score


def _distractors(
    answer: str, aliases: tuple[str, ...], pool: dict[str, tuple[str, ...]], rng: random.Random,
    similarity: Similarity | None, clue: str = "",
) -> list[str]:
    """Three other terms that look like `answer`, none of which `check_answer` would take for it, nor one the
    clue names ('we call this _____, or rehashing': a synonym, or an option the clue itself rules out)."""
    names = {normalize(n) for n in (answer, *aliases)}
    said = f" {normalize(clue)} "
    fits = []
    for term, term_aliases in pool.items():
        if names & {normalize(n) for n in (term, *term_aliases)}:
            continue  # the same thing under another name
        if any(f" {normalize(n)} " in said for n in (term, *term_aliases) if normalize(n)):
            continue
        if check_answer(term, answer, aliases) or check_answer(answer, term, term_aliases):
            continue
        if any(_nested(a, b) for a in (answer, *aliases) for b in (term, *term_aliases)):
            continue  # 'eigenvalue' for 'corresponding eigenvalue', 'graph' for 'reconfiguration graph': right too
        fits.append(term)
    scores = {t: _plausibility(answer, t, similarity) for t in fits}
    ranked = sorted(fits, key=lambda t: (-scores[t], t))
    if not ranked:
        return []
    # Sample among the few nearly as plausible as the third best, so repeated quizzes vary their
    # options without reaching for terms that look nothing like the answer; the rest are fallbacks.
    bar = scores[ranked[min(len(ranked), OPTIONS - 1) - 1]] - PLAUSIBILITY_MARGIN
    window = [t for t in ranked[:OPTIONS + 2] if scores[t] >= bar]
    order = rng.sample(window, len(window)) + ranked[len(window):]
    chosen: list[str] = []
    for term in order:
        if not any(check_answer(term, c, pool[c]) for c in chosen):
            chosen.append(term)
        if len(chosen) == OPTIONS - 1:
            break
    return chosen


def _nested(a: str, b: str) -> bool:
    """Whether one name holds the other as a run of its words ('graph', 'reconfiguration graph'), a word
    standing for its longer form ('meta train', 'meta training'): either is then a right answer."""
    x, y = normalize(a).split(), normalize(b).split()
    if len(x) > len(y):
        x, y = y, x
    if not x:
        return False

    def same(u: str, v: str) -> bool:
        return u == v or min(len(u), len(v)) >= 4 and (u.startswith(v) or v.startswith(u))

    return any(all(same(u, v) for u, v in zip(x, y[i:i + len(x)])) for i in range(len(y) - len(x) + 1))


def term_pool(built: BuiltLecture) -> dict[str, tuple[str, ...]]:
    """Every term of the lecture with its aliases, key terms first."""
    pool: dict[str, tuple[str, ...]] = {}
    by_norm: dict[str, str] = {}
    for name, aliases in [(t.term, t.aliases) for t in built.key_terms] + [(c.term, ()) for c in built.cards]:
        n = normalize(name)
        if not n:
            continue
        if n in by_norm:
            first = by_norm[n]
            pool[first] = tuple(dict.fromkeys(pool[first] + tuple(aliases)))
        else:
            by_norm[n] = name
            pool[name] = tuple(aliases)
    return pool


def make_quiz(
    built: BuiltLecture, n: int = 10, rng: random.Random | None = None, similarity: Similarity | None = None,
) -> tuple[Question, ...]:
    """Up to `n` questions, one per term, about half of them multiple choice.

    `similarity(a, b)` (0..1), when given, makes distractors closer in meaning; without it they are
    chosen by shape (length, word count, shared words, word endings).
    """
    rng = rng or random.Random()
    pool = term_pool(built)
    by_term: dict[str, list[Card]] = {}
    for card in built.cards:
        if card.term.strip():
            by_term.setdefault(normalize(card.term), []).append(card)
    candidates = []
    for cards in by_term.values():
        cards.sort(key=lambda c: (KIND_PREFERENCE.index(c.kind) if c.kind in KIND_PREFERENCE else 9, c.key))
        term = next(t for t in pool if normalize(t) == normalize(cards[0].term))
        names = (term, cards[0].term, *pool[term])
        for card in cards:
            clue = _clue(card, names)
            if clue:
                candidates.append((term, card, clue))
                break
    picked = []
    for term, card, clue in rng.sample(candidates, len(candidates)):
        if len(picked) == n:
            break
        # one question a passage, and a term once: a second question on the sentence would show the first one's
        # answer ('Variance and _____ ...' beside '_____ and standard deviation ...')
        if any(card.evidence and card.evidence == other.evidence or _nested(term, other_term)
               for other_term, other, _ in picked):
            continue
        picked.append((term, card, clue))
    choice_count = len(picked) // 2
    kinds = ["choice"] * choice_count + ["typed"] * (len(picked) - choice_count)
    rng.shuffle(kinds)
    questions = []
    for (term, card, clue), kind in zip(picked, kinds):
        options: tuple[str, ...] = ()
        if kind == "choice":
            wrong = _distractors(term, pool[term], pool, rng, similarity, clue)
            if len(wrong) == OPTIONS - 1:
                options = tuple(rng.sample([term, *wrong], OPTIONS))
        questions.append(Question(clue, term, pool[term], options, card.start_second, card.url, card.id))
    return tuple(questions)


def other_terms(built: BuiltLecture, question: Question) -> tuple[str, ...]:
    """The lecture's terms other than the question's answer, for `check_answer(..., others=)`."""
    return tuple(t for t in term_pool(built) if t != question.answer)


@dataclass(frozen=True)
class Answer:
    question: Question
    given: str
    correct: bool


@dataclass(frozen=True)
class QuizResult:
    answers: tuple[Answer, ...]
    total: int  # questions in the quiz, answered or not

    @property
    def score(self) -> int:
        return sum(a.correct for a in self.answers)

    @property
    def missed(self) -> tuple[Answer, ...]:
        return tuple(a for a in self.answers if not a.correct)
