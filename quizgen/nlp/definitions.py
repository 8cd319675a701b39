"""Where the speaker tells what a term means: cue patterns from config/, then explanations near a mention."""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from quizgen.config import config_error, load_config
from quizgen.model import Definition
from quizgen.nlp.normalize import remove_asides, remove_fillers, said_inside, says_little, singular
from quizgen.nlp.terms import Candidate
from quizgen.nlp.units import Unit

WINDOW_AFTER, WINDOW_BEFORE = 12, 20
SHARED_EVIDENCE = 0.3  # a term keeps a passage another term scores higher on if it scores this share of it
REPEATED_PASSAGE = 0.4  # two definitions of one term whose evidence overlaps this much are one passage
SHORT_ANSWER = 8  # an answer this short ("Well, you see this diagram.") takes the sentence after it too
MAX_DEFINITION_WORDS = 40
FINISH_WORDS = 15  # a sentence that ends this few words past the limit is kept whole: a card cut just short of
# its sentence's end ('... to achieve a goal without being told exactly what to do at every…') says less, and is
# hardly shorter
EXTEND_SENTENCES = 2  # sentences (clauses, on unpunctuated speech) a wording that says too little may take


@dataclass(frozen=True)
class Cue:
    regex: str
    weight: float
    explains_before: bool
    subject: bool = False  # holds only where the term is its clause's subject


@functools.lru_cache(maxsize=1)
def cues() -> tuple[Cue, ...]:
    return tuple(Cue(_pattern(c, "cue"), _weight(c), bool(c.get("explains_before", False)),
                     bool(c.get("subject", False)))
                 for c in _tables("cue"))


def _tables(kind: str) -> list[dict]:
    """The [[cue]] or [[announcement]] tables of config/definition_cues.toml, each checked for its pattern."""
    tables = load_config("definition_cues").get(kind, [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise config_error("definition_cues", f"each {kind} must be a [[{kind}]] table with a pattern")
    return tables


def _pattern(table: dict, kind: str) -> str:
    pattern = table.get("pattern")
    if not isinstance(pattern, str) or "TERM" not in pattern:
        raise config_error("definition_cues", f"a [[{kind}]] needs a pattern, a regular expression holding TERM "
                                              f"(got {sorted(table)})")
    try:
        re.compile(pattern.replace("TERM", PLACEHOLDER))
    except re.error as exc:
        raise config_error("definition_cues", f"bad {kind} pattern {pattern[:40]!r} ({exc})") from None
    return pattern


def _weight(table: dict) -> float:
    weight = table.get("weight", 1.0)
    if isinstance(weight, bool) or not isinstance(weight, (int, float)):
        raise config_error("definition_cues", f"a cue's weight is a number (got {weight!r})")
    return float(weight)


PLACEHOLDER = "qqtermqq"
NAMING = 3.0  # the weight of a cue that names the term or says what it means ('what we call X', 'X means')


@functools.lru_cache(maxsize=1)
def _cue_patterns() -> tuple[tuple[re.Pattern, Cue], ...]:
    return tuple((re.compile(c.regex.replace("TERM", PLACEHOLDER)), c) for c in cues())


@functools.lru_cache(maxsize=8192)
def _compiled(regex: str, surface: str) -> re.Pattern:
    term = r"[\s-]*".join(re.escape(w) for w in re.split(r"[\s-]+", surface)) + r"s?"
    return re.compile(regex.replace("TERM", term))


# an announced term that the clause goes on to explain: "next we have entropy, which measures ..."
_EXPLAINED_AFTER = re.compile(PLACEHOLDER + r",? (?:which|that|as an?|is|are|means|refers|measures|describes|"
                              r"tells|says|shows)\b")


@functools.lru_cache(maxsize=1)
def _announcements() -> tuple[tuple[re.Pattern, int], ...]:
    """Each announcement pattern with how much it holds against: 0, a weak cue with nothing explained
    after the term; 1 (`even_when_explained`), any weak cue; 2 (`even_when_cued`), any cue but a naming one;
    3 (`even_when_named`), any cue."""
    return tuple((re.compile(_pattern(a, "announcement").replace("TERM", PLACEHOLDER)),
                  3 if a.get("even_when_named") else 2 if a.get("even_when_cued")
                  else 1 if a.get("even_when_explained") else 0)
                 for a in _tables("announcement"))


def announces(text: str, surface: str, cue: float = 0.0) -> bool:
    """Whether `text` only announces `surface` as what comes next ("let's talk about variance"), puts off
    saying what it is, or gives an opinion of it, against a cue of strength `cue` found there."""
    marked = _marked(text, surface)
    if PLACEHOLDER not in marked:
        return False
    explained = cue >= 2.0 or bool(_EXPLAINED_AFTER.search(marked))
    holds = 3 if cue >= NAMING else 2 if cue >= 2.0 else 1 if explained else 0
    return any(level >= holds and p.search(marked) for p, level in _announcements())


def _marked(text: str, surface: str) -> str:
    """The clause in lower case with straight apostrophes ("let’s" is "let's"), the term as PLACEHOLDER."""
    return _compiled(r"\bTERM\b", surface).sub(PLACEHOLDER, text.lower().replace("\u2019", "'"))


# someone's own X: 'its activation is a high number', 'through their apis where you can ...'; a lecture's
# 'your' is anyone's ('into your short-term memory, where you encode it ...'), so it owns nothing
_OWNED = re.compile(r"\b(my|our|his|her|its|their) " + PLACEHOLDER)
# X as the object of a preposition: 'the neighborhood of the yellow vertex is ...', 'a useful thing about X is'
_AS_OBJECT = re.compile(r"\b(?:of|about|in|on|from|with|for|to|at|by|than|into|through|between|among|inside|"
                        r"within|without|under|behind|across|around|outside|via|per)"
                        r"(?: (?:the|a|an|this|that|these|those|each|every|any))? " + PLACEHOLDER)


# a turn of the argument put between the term and what is said of it: 'percentiles, on the other hand, refer to
# the position of values', 'a mistake, however, is ...'
_ASIDE = re.compile(PLACEHOLDER + r"(s?), (?:on the other hand|however|in contrast|by contrast|in turn|meanwhile|"
                    r"though|then|in general|in short|in essence|basically|essentially|simply put|put simply),")


# X said to be X, which tells nothing of it: 'the systematic use of a tool which is a tool right here'
# ('what a kernel is a kernel is a function ...' asks, then answers: no tautology)
_SAID_OF_ITSELF = re.compile(PLACEHOLDER + r",? (?:(?:which|that) )?(?:is|are|was|were|means)"
                             r"(?: (?:a|an|the|just|simply|basically|really|like))* " + PLACEHOLDER
                             + r"(?!s?,? (?:is|are|was|were|means)\b)")


@functools.lru_cache(maxsize=32768)  # a term's clauses are read again to rank it, to find its definitions
def cue_strength(text: str, surface: str) -> tuple[float, bool]:
    """The strongest cue that ties `surface` to a definition in `text`, and whether it explains before.
    What is said of someone's own X ('its activation is a high number') tells of that one X, not of what X
    is; only a strong cue (one that names X or says what it means) holds there. A cue marked `subject`
    ('X is a ...') needs X as its clause's subject, not as the object of a preposition."""
    marked = _SAID_OF_ITSELF.sub("itself", _ASIDE.sub(PLACEHOLDER + r"\1", _marked(text, surface)))
    marked = _RENAMED.sub(r"renamed\1", marked)
    if PLACEHOLDER not in marked:
        return 0.0, False
    owned = _OWNED.sub(r"\1 owned", marked)
    subject = _AS_OBJECT.sub(lambda m: m.group(0).replace(PLACEHOLDER, "object"), owned)
    best, before = 0.0, False
    for pattern, cue in _cue_patterns():
        if cue.weight > best and pattern.search(marked if cue.weight >= NAMING else subject if cue.subject else owned):
            best, before = cue.weight, cue.explains_before
    return best, before


# the term given a longer name that ends in it: 'the quantity is called the equilibrium quantity' names the
# equilibrium quantity, and says nothing of what a quantity is (the clause is marked, so the term's every form there
# is PLACEHOLDER, and one pattern serves every term)
_RENAMED = re.compile(PLACEHOLDER + r"(,? (?:is|are|was|were) (?:also |often |sometimes |then )?(?:called|known as|"
                      r"referred to as|named|termed) (?:an? |the )?(?:[\w-]+ ){1,3}" + PLACEHOLDER + r"s?\b)")


@dataclass(frozen=True)
class Option:
    """One mention of a term, as a place where it may be defined."""

    unit: int
    surface: str
    before: bool
    features: tuple[float, ...]
    score: float
    at: int = -1  # where in the unit's text the mention starts, when it is not the first one there

    @property
    def cue(self) -> float:
        return self.feature("cue")

    def feature(self, name: str) -> float:
        return self.features[FEATURES.index(name)]

    def score_ignoring(self, *names: str) -> float:
        """The score with these features left out (set to 0)."""
        return _probability(tuple(0.0 if name in names else value for name, value in zip(FEATURES, self.features)))


# Features of a mention that make it a definition. The weights were searched on the dev gold (and
# `quizgen.nlp.fit` fits a logistic variant); they weigh generic signals, so no word of a lecture is special.
# "modified": the parser reads the word before the mention as its modifier, or the mention as a modifier of the
# noun after it, so the clause is about a longer phrase, whatever the cue ('that output layer is the network's
# choice' says nothing of "layer" alone, nor 'gradient descent can't tell ...' of "gradient").
# "listed": the mention is one item of a list ('the pi model, temporal ensembling and mean teacher'), or of
# examples the clause runs through ('a weather API for weather, a travel API for flights and so on'), unless
# a cue ties it to a definition.
# "dangling": a new subject or question follows the mention ('... interest in psychedelics I gave a talk at
# Yale', 'consciousness why do human beings ...'), or a connective that opens a new thought ('... the normal 98
# atomic mass and so the next challenge ...', on speech our cut split there), so the clause goes on about
# something else.
# "question": the clause asks something ('he didn't choose to sacrifice his life, did he?'); a question
# about what the term is ('What is X?') is answered by the sentences after it instead.
FEATURES = ("bias", "cue", "strong_cue", "sim", "first", "mention_index", "at_start", "copula_after",
            "unit_words", "anaphor_next", "position", "gap", "nearby", "explaining", "announces", "modified", "listed",
            "dangling", "question")
WEIGHTS = {"bias": -4.25, "cue": 1.3, "strong_cue": 2.2, "sim": 2.5, "first": 0.75, "mention_index": -1.65,
           "at_start": 0.0, "copula_after": 0.7, "unit_words": 0.0, "anaphor_next": 0.95, "position": 0.1,
           "gap": -0.65, "nearby": 0.45, "explaining": 0.6, "announces": -3.0, "modified": -3.0, "listed": -1.5,
           "dangling": -2.0, "question": -1.0}
ACCEPT = 0.12
ACCEPT_FIRST = 0.09  # a key term's best explanation may be kept on less evidence than its others,
ACCEPT_FIRST_SENTENCES = 0.075  # and on less still where the captions mark sentences: its evidence is then the
# speaker's whole sentence, where on unpunctuated speech it is a window our own clause cuts, and a weaker one there
# is mostly a fragment
ACCEPT_CUED = 0.05  # and on less still where a cue says it tells what the term is: a term said thirty times whose
# one 'X is an ...' comes late ('Good faith is an implied duty not to ...') keeps that card
# a question about what a thing is or does, which the next sentence answers ('What's X?', 'So what exactly is
# X?', 'Can anyone tell me what X is?'); not 'what happens in morality?' nor 'what about that?'
_ASKS_WHAT = re.compile(r"\b(?:what(?:'s|s)\b|what\b(?:\s+\w+){0,4}?\s+(?:is|are|was|were|does|do|did|means?|be)\b|"
                        r"difference between)[^?]*\?\s*$", re.I)
# a capitalised discourse or question word after a lower-case one: a sentence that captions left without its full
# stop ('... inspired by the brain, but let's break that down What are the neurons ...?')
_UNMARKED_SENTENCE = re.compile(r"(?<=[a-z0-9]) (?=(?:Well|So|And|But|Now|Okay|OK|Alright|Anyway|What|How|Why) )")
# where an unpunctuated speaker moves on to the next thought ('so if', 'now we'); not 'so that', 'right now'
_MOVES_ON = re.compile(r"\s(?:(?:and )?so(?= (?:if|when|we|you|i|what|let's|lets|here|this|that's|it's|now)\b)|"
                       r"(?<!right )now(?= (?:we|you|i|let's|lets|what|how|if)\b)|okay|alright|anyway|but then|"
                       r"all right)\s", re.I)
MIN_WORDING = 6  # words a card's wording keeps before it may stop where the speaker moves on
# where the speaker puts off the rest to what comes next, as the wording ends: '..., but let's break that down'
_PUTS_OFF = re.compile(r",?\s+(?:but|and|so)\s+(?:let's|let me|let us|we'll|i'll|we will|i will)\b[^.?!]*$", re.I)
# a wording that opens with its subject said twice: 'the minimum wage the minimum wage is a price floor'; a repeat
# inside a wording may be where an unpunctuated sentence ends and the next begins, with the same words
_SAID_AGAIN = re.compile(r"^((?:\w+\s+){0,3}\w+)\s+(?=\1\b)", re.I)
# how the speaker leads into a sentence, which a card does without: 'Formally, statistics is ...', 'Lastly, ...'
_LEAD_IN = re.compile(r"^(?:(?:(?:and|but|so|now|well|okay|ok|alright|all right|formally|lastly|finally|next|"
                      r"first|firstly|secondly|basically|essentially|generally|in general|in short|in fact|"
                      r"of course|again|also|then|actually|anyway|like|yet|however|"
                      r"still|plus|indeed|instead|technically|in this way),\s+)+"
                      r"|(?:(?:and|but|so|then|plus)\s+)+(?=\w))", re.I)  # speech says these with no comma
_COPULA = re.compile(r"^\W*(?:is|are|was|means|refers|stands|basically|just|which|where|that is|deals|looks)\b")
_NAMED_THEN_EXPLAINED = re.compile(r"^\W*(?:is|are|was|were|means|refers)\b")  # '... also called X is ...'
_BACK = "this|that|these|those|it|they"  # words that point back at what was said before
_ANAPHOR = re.compile(r"^(?:and |so |but )?(?:" + _BACK + r"|which|where|here)\b")
# a sentence that goes on about what was just named: 'This was a nineteenth-century British law case ...'
_GOES_ON = re.compile(r"^(?:and |so |but )?(?:" + _BACK + r")(?:'s|\u2019s|'re|\u2019re| is| was| are| were)\b")
# a sentence that goes on describing what the one before it brought in, up to where a naming sentence names it:
# 'Plus it has ...'; one that opens with 'And' brings in its own
_GOES_ON_ABOUT = re.compile(r"^\W*(?:plus|also|" + _BACK + r")\b", re.I)
# a sentence that opens by pointing back at what was just described: 'This separation of charges is called ...'
_POINTS_BACK = re.compile(r"^\W*(?:and |so )?(?:" + _BACK + r"|such)\b", re.I)
# ... unless the name is glossed where it is given: 'This type of bond is called an ionic bond, a bond formed ...'
_GLOSSED = re.compile(r"^\W*(?:,|--|\u2014)\s*(?:an?|the|which|meaning|i\.e\.|or)\b", re.I)
QUOTABLE_WORDS = 60  # evidence a reader quotes whole (the guidelines' 'no more than about 60 words')
_NAMES_ANOTHER = re.compile(r"\b(?:call|calls|called|name|named) (?:this|that|it|these)\b|\b(?:this|that) is called\b",
                            re.I)
_DANGLING = re.compile(r"^\W*(?:(?:i|we|they|he|she)(?:'m|'re|'ve|'d|'ll)?|how|why|what|where|(?:and )?here's"
                       r"|and so|so (?:the|this|that's|it's|another|now)|because)(?![\w-])")
# a clause that runs through examples: 'X for weather, Y for booking flights and so on'
_AND_SO_ON = re.compile(r"\b(?:and so on|and so forth|etc|et cetera|etcetera|and what not|and whatnot)\b")
_EXPLAINING = re.compile(r"\b(?:means?|meaning|is|are|refers?|called|call|known|when|where|if|idea|basically|"
                         r"essentially|example|instance|like|such as|consists?|defined?|difference|think of)\b")


def mention_options(cand: Candidate, units: list[Unit], unit_vecs, term_vec) -> list[Option]:
    import math

    surfaces = sorted(cand.surfaces, key=lambda s: -cand.surfaces[s])[:4]
    options = []
    n_units = max(1, len(units))
    mentioned = cand.units
    for k, u in enumerate(mentioned):
        text = units[u].text.lower()
        strength, before, surface = 0.0, False, surfaces[0]
        for s in surfaces:
            got, is_before = cue_strength(text, s)
            # on a tie, the longer form said there: 'called the sigmoid function', not '... the sigmoid'
            if got > strength or got and got == strength and surface in s and len(s) > len(surface):
                strength, before, surface = got, is_before, s
        if not strength:  # no cue: the form said here ('generative ai', where 'gen ai' is said most)
            surface = next((s for s in surfaces if _compiled(r"\bTERM\b", s).search(text)), surface)
        found = _cued_mention(text, surface, strength, before)
        words_before = len(text[:found.start()].split()) if found else 99
        after = text[found.end():] if found else ""
        nxt = units[u + 1].text.lower() if u + 1 < len(units) else ""
        modified = bool(found and (found.start() in units[u].modified or found.end() in units[u].modifying
                                   or found.start() in units[u].described))
        announced = announces(text, surface, strength)
        if strength >= NAMING and _asks_whether(text, surface):  # 'Do we call this agentic AI? Well, no.'
            strength = 0.0
        if before and strength < NAMING and nxt.lstrip(" ,.").startswith(surface):
            strength, before = 0.0, False  # 'So this is gradient descent. Gradient descent is ...': a topic opens
        if modified and strength < 2.0 or announced:
            # 'adaptive immunity is systemic': a weak cue there tells of the longer phrase;
            # 'the experiments are pretty interesting': of an opinion of the term
            strength = 0.0
        features = (
            1.0, strength, 1.0 if strength >= 2.0 else 0.0, float(unit_vecs[u] @ term_vec),
            1.0 if k == 0 else 0.0, math.log1p(k), 1.0 if words_before <= 2 else 0.0,
            1.0 if _COPULA.match(after) else 0.0, min(1.0, len(text.split()) / 30),
            1.0 if _ANAPHOR.match(nxt) else 0.0, u / n_units,
            math.log1p(u - mentioned[k - 1]) / 5 if k else 1.0,
            sum(1 for v in mentioned if abs(v - u) <= 3) / 4,
            len(_EXPLAINING.findall(text + " " + nxt)) / 5,
            1.0 if announced else 0.0,
            1.0 if modified else 0.0,
            1.0 if strength < 2.0 and found and (found.start() in units[u].listed or _AND_SO_ON.search(text)) else 0.0,
            1.0 if strength < 2.0 and _DANGLING.match(after) else 0.0,
            1.0 if strength < 2.0 and text.rstrip().endswith("?") and not _asks_what(text) else 0.0,
        )
        # 'explicit memory, also called declarative memory, is the stuff you can recall': named, then explained
        before = before and not _NAMED_THEN_EXPLAINED.match(after)
        options.append(Option(u, surface, before, features, _probability(features), found.start() if found else -1))
    return options


def _cued_mention(text: str, surface: str, strength: float, before: bool) -> re.Match | None:
    """The mention of `surface` in `text` that its cue of `strength` is about: the first that holds it, where
    the term is said more than once ('... the problem with skepticism when he wrote skepticism is a resting
    place for human reason'), else the first."""
    said = list(_compiled(r"\bTERM\b", surface).finditer(text))
    if strength and len(said) > 1:
        for m in said:
            got, got_before = cue_strength(_only(text, said, m), surface)
            if got >= strength and got_before == before:
                return m
    return said[0] if said else None


def _only(text: str, said: list[re.Match], keep: re.Match) -> str:
    """`text` with every mention in `said` but `keep` said as 'that thing'."""
    parts, at = [], 0
    for m in said:
        parts.append(text[at:m.start()])
        parts.append(m.group(0) if m is keep else "that thing")
        at = m.end()
    return "".join(parts) + text[at:]


def _asks_what(text: str) -> bool:
    return bool(_ASKS_WHAT.search(text.replace("\u2019", "'")))


# a yes-or-no question holding the term: 'Do we call this X?', 'Is this what we call X?'
_YES_NO = re.compile(r"(?:^|[.!?]\s+)(?:(?:and|so|but|now|well),? )?(?:do|does|did|is|are|was|were|would|could|can|"
                     r"should|will|isn't|aren't|don't|doesn't|wouldn't)\b[^.!?]*" + PLACEHOLDER + r"[^.!?]*\?")


def _asks_whether(text: str, surface: str) -> bool:
    """Whether the term is said inside a yes-or-no question, which names nothing until it is answered (and
    the answer may be no): a naming cue there holds nothing."""
    return bool(_YES_NO.search(_marked(text, surface)))


def _probability(features: tuple[float, ...]) -> float:
    import math

    z = sum(WEIGHTS.get(name, 0.0) * value for name, value in zip(FEATURES, features))
    return 1.0 / (1.0 + math.exp(-z))


class Words:
    """Word positions in the lecture text, so evidence is always a contiguous span of it."""

    def __init__(self, text: str):
        self.text = text
        spans = [m.span() for m in re.finditer(r"\S+", text)]
        self.starts = [a for a, _ in spans]
        self.ends = [b for _, b in spans]

    def index_at(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.starts, char) - 1)

    def span(self, first: int, last: int) -> tuple[int, int]:
        first, last = max(0, first), min(len(self.starts) - 1, last)
        return self.starts[first], self.ends[last]


def find_definitions(terms: list[Candidate], units: list[Unit], unit_vecs, term_vecs, text: str,
                     second_at, sentences: list[tuple[int, int]] = (), *,
                     max_per_term: int = 3, run_ons: list[int] = ()) -> list[Definition]:
    """Up to `max_per_term` places per term where it is defined, best first: the verbatim evidence (the
    sentence, where the transcript marks sentences, else a short window at the mention, where the
    explanation is) and a card-ready definition (the sentence, or the clause on unpunctuated speech)."""
    words = Words(text)
    sentences = sentences if _punctuated(text) else []
    sentence_starts = [a for a, _ in sentences]
    found: list[tuple[int, str, Definition]] = []
    for t, cand in enumerate(terms):
        options = sorted(mention_options(cand, units, unit_vecs, term_vecs[t]), key=lambda o: (-o.score, o.unit))
        chosen: list[Option] = []
        for opt in options:
            if len(chosen) >= max_per_term or opt.score < (ACCEPT if chosen else ACCEPT_CUED if opt.cue >= 2.0
                                                            else ACCEPT_FIRST_SENTENCES if sentences else ACCEPT_FIRST):
                break
            if any(abs(opt.unit - c.unit) <= 1 and (opt.cue < 2.0 or c.cue < 2.0) for c in chosen):
                continue
            m0, m1 = _mention(units[opt.unit], opt)
            a, b = _evidence_window(m0, m1, opt.before, words)
            unit = units[opt.unit]
            w0, w1, c = _sentence_around(m0, m1, opt.before, text, sentences, sentence_starts, unit, units)
            if sentences and len(text[w0:w1].split()) <= QUOTABLE_WORDS:  # a punctuated sentence is quoted
                a, b = w0, w1
                if opt.cue >= NAMING and not opt.before:  # 'the case of the Queen versus Dudley and Stephens. |
                    b = w1 = _said_on(text, sentences, sentence_starts, a, b)  # This was a ... law case'
            elif sentences and not opt.before:  # a passage too long to quote ('That's an example of X.' and the
                # long sentence before it): the card says what the evidence says, to the end of its sentence
                c, w1 = a, sentences[max(0, bisect.bisect_right(sentence_starts, b - 1) - 1)][1]
            c, w1 = unmarked_sentence(text, c, w1, m0)
            if sentences and c < m0 and len(text[c:w1].split()) > MAX_DEFINITION_WORDS:
                clause = _clause_start(text, c, m0)  # a card of a long sentence starts at the term's own clause,
                if not says_little(text[clause:w1], text[m0:m1]):  # unless what it names was said before it
                    c = clause  # ('..., and this whole idea is called the pi model.')

            said_to = [w1]  # where the transcript words of the wording end

            def worded(end: int) -> str:
                if not sentences and not opt.before:  # a card stops where an unmarked new sentence starts
                    after = run_ons[bisect.bisect_right(run_ons, m1):bisect.bisect_left(run_ons, end)]
                    end = next((r for r in after if len(text[c:r].split()) >= MIN_WORDING + 2), end)
                said_to[0] = end
                return _said_to_mean(_without_false_start(clean_definition(text[c:end].rstrip(),
                                                                           ends_with_name=end == m1),
                                                          text[m0:m1]), text[m0:m1])

            if _denied_or_reported(text, c) or _REFUTATION.search(text[c:w1 + REFUTATION_CHARS]):
                continue  # 'This is not to suggest that | brain science does not have ...', '... But that is
                # wrong.': a card of it would state what the speaker denies
            wording = worded(w1)
            if opt.cue < 2.0 and says_little(wording, text[m0:m1]):
                continue  # 'The digit is', 'Yes, logic.': no card can be made of it
            if opt.cue < NAMING and "?" in _TAG_QUESTION.sub("", wording):
                continue  # 'A layered structure like this to behave intelligently. What are we expecting here?'
                # asks, where an answer would start the wording ('What is X? X is ...' starts at the answer)
            if not sentences and w1 == unit.char_end and unit.index + 1 < len(units):  # our own cut ended it
                if _continues(units, unit.index, text[c:w1]):
                    wording = worded(units[unit.index + 1].char_end)
                elif _stops_inside(wording):
                    longer = worded(units[unit.index + 1].char_end)
                    wording = longer if _ends_the_phrase(wording, longer) else wording
            if announces(wording, opt.surface, opt.cue) or _PUT_OFF_ANSWER.match(wording):
                continue  # '... this immune repertoire classification which | i will spend a minute looking at'
            wording = _set_off(wording, text[m0:m1])
            chosen.append(opt)
            passage = text[min(a, c):max(b, _said_through(text, c, said_to[0], wording))].strip()
            found.append((a, cand.display, Definition(cand.display, wording, text[a:b], second_at(a),
                                                      round(opt.score, 3),
                                                      passage if passage != text[a:b].strip() else None)))
    # in the order the lecture gives them, as a student meets them
    return [d for _, _, d in sorted(_shared_evidence_to_its_term(found), key=lambda f: f[:2])]


def _set_off(wording: str, name: str) -> str:
    """A wording that opens with the term and runs straight on into a clause about it, as unpunctuated speech
    does ('Sigmoid layers you need to pick those random values ...', 'Supervised learning what we're doing is
    ...'), with a colon after the term, as a card would write it."""
    found = _compiled(r"(?i)^((?:the |a |an )?TERM)(?= " + _NEW_CLAUSE + ")", name.lower()).match(wording)
    return f"{found.group(1)}:{wording[found.end():]}" if found else wording


# an answer put off to later: "What is linear programming? | Well, you'll have a fairly clear idea after the end of the
# lecture." ('you'll see that it is ...' answers it)
_PUT_OFF_ANSWER = re.compile(r"^\W*(?:well|so|and|okay|ok)?,?\s*(?:you'll|you will|we'll|we will|you're going to|"
                             r"we're going to) (?:have|get|see|find out|learn|come back)\b(?![^.!?]*\bthat\b)[^.!?]*"
                             r"\b(?:idea|sense|picture|later|soon|end of)\b", re.I)
# a clause the speaker denies or reports as someone's belief: 'this is not to suggest that', 'people think that'
_DENIED_OR_REPORTED = re.compile(r"(?:\b(?:not|never)\b|n't\b)(?:\s+\S+){0,6}?\s+that\s*$|\b(?:think|thinks|thought|"
                                 r"believe|believes|believed|assume|assumes|assumed|claim|claims|claimed|myth|"
                                 r"misconception|pretend|pretends)\s+that\s*$", re.I)
# what the speaker says of the claim just made: 'But that is wrong.', 'That's a myth.'
_REFUTATION = re.compile(r"[.!?]\s+(?:but |and |now )?(?:that|this|which)(?:'s|\u2019s| is| was) (?:just )?"
                         r"(?:wrong|false|not true|untrue|incorrect|a myth|a misconception|not the case|nonsense)\b",
                         re.I)
REFUTATION_CHARS = 40


def _denied_or_reported(text: str, start: int) -> bool:
    """Whether the wording that starts at `start` is cut from a sentence that denies it or reports it as a belief."""
    before = re.split(r"[.!?]\s", text[max(0, start - 120):start])[-1]
    return bool(_DENIED_OR_REPORTED.search(before))


_RESTART_WORDS = {"in", "for", "with", "on", "about", "under", "so", "and", "the", "a", "an"}


def _without_false_start(wording: str, name: str) -> str:
    """A wording that names the term, then starts again with it ('Supervised learning in supervised
    learning you have ...', 'Skepticism, skepticism is ...'), from the second start: 'In supervised learning
    you have ...'. 'Theta star where theta star is ...' explains the first."""
    words = wording.split()
    key = [w.lower() for w in name.split()]
    n = len(key)

    def said_at(i: int) -> bool:
        return [w.lower().strip(",.;:") for w in words[i:i + n]] == key

    if not said_at(0):
        return wording
    for j in range(n, min(n + 2, len(words) - n) + 1):
        if said_at(j) and all(w.lower() in _RESTART_WORDS for w in words[n:j]):
            rest = " ".join(words[n:])
            return rest[:1].upper() + rest[1:]
    return wording


_WE_MEAN = re.compile(r",? (?:i|we|you|they|people) (?:mean|means|meant)(?: by (?:it|that))?,?(?: that)? ", re.I)
_WE_REFER = re.compile(r",? (?:i'm|we're|you're|they're|people are|i am|we are|you are|they are) (?:referring|"
                       r"talking about|talking) (?:to )?", re.I)


def _said_to_mean(wording: str, name: str) -> str:
    """A card cut from 'when we say meta training we mean the whole set of tasks' reads 'Meta training means the
    whole set of tasks', not 'Meta training we mean the whole set of tasks'; 'when someone says quarry they're
    referring to the inner test' reads 'Quarry refers to the inner test'."""
    if not wording.lower().startswith(name.lower()):
        return wording
    for speaker, verb in ((_WE_MEAN, "means"), (_WE_REFER, "refers to")):
        said = speaker.match(wording, len(name))
        if said:
            return f"{wording[:len(name)]} {verb} {wording[said.end():]}"
    return wording


_CONTINUATION = re.compile(r"(?:that|which|who|whose|where|whether|because)\b")
CONTINUED_WORDS = 25  # a wording shorter than this takes the clause that our own cut split off


def _continues(units: list[Unit], index: int, wording: str) -> bool:
    """Whether a short wording on unpunctuated speech was cut where its thought goes on: the clause after
    opens with 'that', 'which', 'because'... ('regularization which is the idea of taking a model making
    sure | that it's generalizing well to new data')."""
    return index + 1 < len(units) and len(wording.split()) < CONTINUED_WORDS \
        and bool(_CONTINUATION.match(units[index + 1].text.lower()))


# a question that only asks the listener to agree: '... leave more offspring, right?'
_TAG_QUESTION = re.compile(r",?\s*(?:right|okay|ok|yeah|yes|correct|no|huh|isn't it|aren't they|don't you think)\?\s*$",
                           re.I)
# words a clause of speech does not end on: a wording that stops on one was cut inside a phrase ('is', 'are'
# may end one: 'how bad your model is')
_CUT_INSIDE = frozenset("""of to in from for with as into about by at on the a an and or but which where when your
their our its his her my both""".split())


def _stops_inside(wording: str) -> bool:
    """Whether a wording shorter than a card stops on a word a clause does not end on ('... a lack of')."""
    words = wording.split()
    return 0 < len(words) < MAX_DEFINITION_WORDS and words[-1].lower() in _CUT_INSIDE


def _ends_the_phrase(wording: str, longer: str) -> bool:
    """Whether `longer`, a wording that stopped inside a phrase ('foolishness is a lack of') taking the next
    clause, ends it: not where it too stops inside one, or is cut at a card's length, nor with a word or two
    more ('... come from | well')."""
    return len(wording.split()) + 3 <= len(longer.split()) < MAX_DEFINITION_WORDS and not _stops_inside(longer)


def _shared_evidence_to_its_term(found: list[tuple[int, str, Definition]]):
    """One passage chosen for several terms defines the ones it scores best for: 'what we call token
    jumping' defines token jumping, not the tokens it also names. A passage chosen for a term and for a
    longer term that holds it ('what's called the mindfulness revolution') defines the longer one."""
    best: dict[str, float] = {}
    subject: dict[str, str] = {}  # a passage that opens 'The bucket is ...' defines the bucket, and no other term
    for _, name, d in found:
        best[d.evidence] = max(best.get(d.evidence, 0.0), d.confidence)
        if _opens_defining(name).match(d.evidence):
            subject.setdefault(d.evidence, name)
    kept = [f for f in found if f[2].confidence >= SHARED_EVIDENCE * best[f[2].evidence]
            and subject.get(f[2].evidence, f[1]) == f[1]]  # not 'the array' of '... is one slot of the array
    spans = [(a, a + len(d.evidence), name.lower().split()) for a, name, d in kept]
    # where its own passage says the longer term: 'He meant by utility the balance of pleasure over pain.' still
    # defines utility beside a passage of 'the principle of maximizing utility' that runs on into it
    kept = [f for f, (a, b, words) in zip(kept, spans)
            if not any(said_inside(words, other) and _overlap(a, b, c, e) > 0.5 and _says(f[2].evidence, other)
                       for c, e, other in spans)]
    # the same passage twice for one term ('Gen AI versus agentic AI. Well, Genai is part of agentic AI.' and
    # 'Well, Genai is part of agentic AI. So ...'): the surer one stays
    repeats, seen = set(), {}
    for i in sorted(range(len(kept)), key=lambda i: -kept[i][2].confidence):
        a, name, d = kept[i]
        b = a + len(d.evidence)
        if any(_overlap(a, b, c, e) > REPEATED_PASSAGE for c, e in seen.get(name, [])):
            repeats.add(i)  # by place in the list: two options may give the very same passage, and one stays
        seen.setdefault(name, []).append((a, b))
    return [f for i, f in enumerate(kept) if i not in repeats]


def _said_through(text: str, start: int, end: int, wording: str) -> int:
    """Where in text[start:end] the words of `wording` end: where its last three words are said, of the places
    they are, the one nearest its length on (a wording is cut shorter than the transcript words it is made from,
    at a sentence's end or a clause; fillers cut from it make it a little shorter than they are)."""
    tail = _WORD.findall(wording)[-3:]
    said = list(re.finditer(r"\W+".join(map(re.escape, tail)), text[start:end], re.IGNORECASE)) if tail else []
    return start + min(said, key=lambda m: abs(m.end() - len(wording))).end() if said else end


def _says(text: str, words: list[str]) -> bool:
    """Whether `text` says the phrase of `words`, whatever the punctuation, case and number ('k-means', "Newton's
    law", 'support sets')."""
    def said(phrase: str) -> str:
        return " ".join(singular(w) for w in _WORD.findall(phrase.lower()))

    return f" {said(' '.join(words))} " in f" {said(text)} "


_WORD = re.compile(r"[^\W_]+")


def _opens_defining(name: str) -> re.Pattern:
    """A passage that opens with the term as the subject of a definition: '(The) X is/are/means/refers to ...'."""
    return _compiled(r"(?i)^\W*(?:(?:so|and|now|well|okay|ok|basically),?\s+)?(?:(?:a|an|the)\s+)?TERM\s+"
                     r"(?:is|are|means|refers to)\b", name.lower())


def _overlap(a: int, b: int, c: int, e: int) -> float:
    """The share of the shorter of two spans that the other covers."""
    return max(0, min(b, e) - max(a, c)) / max(1, min(b - a, e - c))


def _said_on(text: str, sentences, starts, a: int, b: int) -> int:
    """Where a quoted sentence that names a term ends: with the next sentence, when that one goes on about
    what was named ('This was a nineteenth-century British law case ...') and the two are short enough."""
    i = bisect.bisect_left(starts, b)
    if i < len(sentences) and _GOES_ON.match(text[sentences[i][0]:sentences[i][1]].lower()) \
            and len(text[a:sentences[i][1]].split()) <= QUOTABLE_WORDS:
        return sentences[i][1]
    return b


# what may follow a name that ends where it is given: a stop, a dash, or a word that opens the next clause
_AFTER_A_NAME = re.compile(r"\s*(?:$|[.,;:!?)\u2014\u201d\"-]|(?:and|or|but|which|that|where|because|so|is|are|was|"
                           r"were)\b)")


def name_ends_where_given(unit: Unit, opt: Option) -> bool:
    """Whether the name a cue gives at `opt` ends where it is said ('... called the law of demand: when ...'), not
    running on into words that may be the rest of a misheard name ('called the mini image in a data set')."""
    _, end = _mention(unit, opt)
    return bool(_AFTER_A_NAME.match(unit.text.lower(), end - unit.char_start))


def _mention(unit: Unit, opt: Option) -> tuple[int, int]:
    found = _compiled(r"\bTERM\b", opt.surface).search(unit.text.lower(), max(0, opt.at))
    if not found:
        return unit.char_start, unit.char_end
    return unit.char_start + found.start(), unit.char_start + found.end()


def _evidence_window(m0: int, m1: int, before: bool, words: Words) -> tuple[int, int]:
    """The words around the term's mention: what follows it when the speaker goes on to explain it, what
    precedes it when the speaker names the term after explaining ('... and we call this X')."""
    if before:
        last = words.index_at(m1 - 1)
        return words.span(last - WINDOW_BEFORE, last + 6)
    first = words.index_at(m0)
    previous = words.text[words.starts[first - 1]:words.ends[first - 1]].lower() if first > 0 else ""
    return words.span(first - (previous in {"a", "an", "the"}), first + WINDOW_AFTER)


def _sentence_around(m0: int, m1: int, before: bool, text: str, sentences, starts, unit: Unit,
                     units: list[Unit]) -> tuple[int, int, int]:
    """The passage around a mention, and where the card's wording starts in it: the sentence holding the
    mention, when the transcript marks sentences (pass no `sentences` when it does not), with the answer
    after a "What is X?" (the wording is the answer); on unpunctuated speech, whose 'sentences' run for
    hundreds of words, the clause from the mention on (or up to it, for 'we call this X')."""
    if sentences:
        i = max(0, bisect.bisect_right(starts, m0) - 1)
        a, b = sentences[i]
        if len(text[a:b].split()) <= MAX_DEFINITION_WORDS + 5:
            lead = len(text[a:m0].split())  # words of the sentence before the name
            if before and i > 0 and (lead < 6 or lead < 10 and _POINTS_BACK.match(text[a:m0])
                                     and not _GLOSSED.match(text[m1:b])):
                # "That is called X." names what the sentence before explained ("Okay." explains nothing)
                k = i - 1
                while k > 0 and i - k < EXTEND_SENTENCES and len(text[sentences[k][0]:m0].split()) < 8:
                    k -= 1
                while k > 0 and _GOES_ON_ABOUT.match(text[sentences[k][0]:sentences[k][1]]) \
                        and len(text[sentences[k - 1][0]:m0].split()) <= QUOTABLE_WORDS:
                    k -= 1  # 'And any AI system ... takes actions. Plus it has ... planning. That system is called X.'
                a = sentences[k][0]
            elif _asks_what(text[a:b]) and i + 1 < len(sentences):
                answer, b = sentences[i + 1]
                if len(text[answer:b].split()) < SHORT_ANSWER and i + 2 < len(sentences):
                    b = sentences[i + 2][1]  # "Well, you see this diagram." says nothing yet
                return a, b, answer
            elif says_little(text[a:b], text[m0:m1]):  # 'This is tool augmented chatbot.' says it elsewhere:
                back = bool(_ANAPHOR.match(text[a:b].lower()))  # what 'this' is comes before, else after
                for k in range(1, EXTEND_SENTENCES + 1):
                    if back and i - k >= 0:
                        a = sentences[i - k][0]
                    elif not back and i + k < len(sentences):
                        if _NAMES_ANOTHER.search(text[sentences[i + k][0]:sentences[i + k][1]]):
                            break  # "So, let's call this a broader goal." names something else
                        b = sentences[i + k][1]
                    if not says_little(text[a:b], text[m0:m1]):
                        break
            return a, b, a
    if before:  # 'this idea is called pi model' names what the clauses before it said
        start = unit.char_start
        for earlier in reversed(units[max(0, unit.index - EXTEND_SENTENCES):unit.index]):
            if not says_little(text[start:m1], text[m0:m1]):
                break
            start = earlier.char_start
        return start, m1, start
    if m0 - unit.char_start in unit.modified:
        m0 = unit.char_start  # 'that output layer is ...': the wording keeps what the term is part of
    # the article, and a 'what' that asks what the term is or does ('what a shaman is doing is ...')
    lead = _WHAT_OR_ARTICLE.search(text[max(unit.char_start, m0 - 10):m0])
    m0 = m0 - len(lead.group(0)) if lead else m0
    end = unit.char_end
    if len(text[m0:end].split()) < 10 and unit.index + 1 < len(units):
        end = units[unit.index + 1].char_end
    # and the preposition of a term that frames what the speaker says next: 'in semi-supervised learning you
    # have a lot of unlabeled data' (cut at the term, a card would read 'Semi-supervised learning you have ...')
    frame = _FRAMED.search(text[max(unit.char_start, m0 - 8):m0])
    m0 = m0 - len(frame.group(0)) if frame and _SPEAKER_GOES_ON.match(text, m1) else m0
    return m0, end, m0


_WHAT_OR_ARTICLE = re.compile(r"\b(?:what\s+(?:(?:a|an|the)\s+)?|(?:a|an|the)\s+)$", re.I)
_FRAMED = re.compile(r"\b(?:in|for|with|under|during|within)\s+$", re.I)
# what opens a new clause right after a term, on unpunctuated speech: 'sigmoid layers | you need to ...'
_NEW_CLAUSE = r"(?:you|we|they|i|people|what|here's|there's|it's)\b"
_SPEAKER_GOES_ON = re.compile(r"\w*,?\s+" + _NEW_CLAUSE, re.I)  # after the term (and a plural's -s)


# where a sentence joins a new clause: '..., and each eigenvector has ...', '...; ...'
_CLAUSE_JOIN = re.compile(r"(?:[;:]|,\s+(?:and|but|so|while|whereas|yet))\s+", re.I)


def _clause_start(text: str, start: int, at: int) -> int:
    """The start of the clause of a long sentence text[start:] that holds position `at`: 'As you might have
    guessed, these vectors are called eigenvectors, and | each eigenvector has what's called an eigenvalue,
    which is ...' (a card of the whole sentence would be cut before it says what an eigenvalue is)."""
    joins = [start + m.end() for m in _CLAUSE_JOIN.finditer(text[start:at])
             if len(re.split(r"[,;:]", text[start:start + m.start()])[-1].split()) > LIST_ITEM_WORDS]
    return joins[-1] if joins else start


LIST_ITEM_WORDS = 3  # a ', and' after this few words since the last comma ends a list: 'mitosis, meiosis, and ...'


def unmarked_sentence(text: str, start: int, end: int, at: int) -> tuple[int, int]:
    """The part of text[start:end] that holds position `at` (else its first part), where captions that keep
    capitals but drop full stops run two sentences together: '... the board And gradient descent means...'."""
    cuts = [start] + [start + m.end() for m in _UNMARKED_SENTENCE.finditer(text[start:end])] + [end]
    pieces = [(a, b) for a, b in zip(cuts, cuts[1:]) if len(text[a:b].split()) >= 3]
    for a, b in pieces:
        if a <= at < b:
            return a, b
    return pieces[0] if pieces else (start, end)


def _punctuated(text: str) -> bool:
    """Whether the transcript marks its sentences (captions written by people do; most ASR does not)."""
    ends = len(re.findall(r"[.?!](?:\s|$)", text))
    return ends * 40 >= len(text.split())


def clean_definition(wording: str, ends_with_name: bool = False) -> str:
    """Card-ready wording: fillers cut, at most ~40 words, ending at a clause boundary (on speech without
    punctuation, where the speaker moves on: '... the parameters of your model so if you...'). A wording
    that ends with the name it gives ('... in a similar fashion so this idea is called pi model') keeps
    its end instead."""
    text = _SPOKEN_FORMS.sub(_written, remove_fillers(wording))
    lead = _LEAD_IN.match(text)
    while lead and lead.end() and len(text[lead.end():].split()) >= MIN_WORDING:  # 'and so what we ...'
        text = text[lead.end():]
        lead = _LEAD_IN.match(text)
    text = _SAID_AGAIN.sub("", remove_asides(text))
    if ends_with_name:
        text = " ".join(text.split()[-MAX_DEFINITION_WORDS:])
    elif not re.search(r"[.?!,;](?:\s|$)", text):
        moves_on = [m.start() for m in _MOVES_ON.finditer(text) if len(text[:m.start()].split()) >= MIN_WORDING]
        text = text[:moves_on[0]] if moves_on else text
    put_off = _PUTS_OFF.search(text)
    if put_off and len(text[:put_off.start()].split()) >= MIN_WORDING:
        text = text[:put_off.start()]
    words = text.split()
    cut_short = False  # a wording cut inside its sentence ends with '…', so a card does not pass it off as whole
    if len(words) > MAX_DEFINITION_WORDS:
        cut = " ".join(words[:MAX_DEFINITION_WORDS])
        sentence, boundary = cut.rfind(". "), max(cut.rfind(", "), cut.rfind("; "))
        if sentence > len(cut) // 2:
            text = cut[:sentence + 1]  # whole sentences
        elif finished := sentence_end(words, MAX_DEFINITION_WORDS):
            text = " ".join(words[:finished])
        else:
            text, cut_short = (cut[:boundary] if boundary > len(cut) // 2 else cut), True
    text = text.strip(" ,;-–—")
    if not ends_with_name:  # a cut wording ends on a word that leads on: '... tasks that', '... a lack of'
        words = text.split()
        while len(words) > MIN_WORDING and words[-1].lower() in _LEADS_ON \
                and not (words[-1].lower() == "that" and words[-2].lower() in _BEFORE_THAT_SAID):
            words.pop()
        text = " ".join(words).strip(" ,;-–—")
    text = text + "\u2026" if cut_short and text and text[-1] not in ".?!\u2026" else text
    return text[:1].upper() + text[1:] if text else text


def sentence_end(words: list[str], limit: int) -> int:
    """For a text of more than `limit` words: how many of them make up to the end of the sentence that holds word
    `limit`, where it ends within FINISH_WORDS past it; else 0."""
    return next((i + 1 for i in range(limit - 1, min(len(words), limit + FINISH_WORDS))
                 if words[i].endswith((".", "?", "!"))), 0)


# speech's contractions, written out on a card ('Theta is gonna correspond to ...')
_WRITTEN = {"gonna": "going to", "wanna": "want to", "gotta": "got to"}
_SPOKEN_FORMS = re.compile(r"\b(?:gonna|wanna|gotta)\b", re.I)


def _written(said: re.Match) -> str:
    written = _WRITTEN[said.group(0).lower()]
    return written.capitalize() if said.group(0)[0].isupper() else written


# words that a sentence cannot end on: a wording cut after one of them stops before it
_LEADS_ON = frozenset("""that such a an the and or but which who whose if because whether while than its their your our
my his her""".split())  # not 'is', 'of', 'for', 'like': 'how bad your model is', 'what it looks like' end well
# words before a 'that' that ends a wording as a pronoun: 'no more than that', 'you have control over that'
_BEFORE_THAT_SAID = frozenset("than over about of with like do does did all just in on at for to from by".split())
