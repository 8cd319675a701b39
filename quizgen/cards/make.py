"""Turn one lecture's key terms and definitions into study cards: cloze, basic and reverse.

One idea per card, only for taught key terms that have a definition; keys stay stable across rebuilds.
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable

from rapidfuzz import fuzz
from rapidfuzz.utils import default_process

from quizgen.logistics import is_logistics, read_logistics_words
from quizgen.model import Analysis, Card, Definition, KeyTerm, Lecture
from quizgen.nlp.definitions import cue_strength, sentence_end
from quizgen.nlp.normalize import SAYS_WHAT, renames, says_little, singular, term_key
from quizgen.nlp.terms import EVERYDAY_ZIPF, zipf

KINDS = ("cloze", "basic", "reverse")
# A reverse card asks for the term from its definition, as the cloze of the same passage does: a student's grading
# of four decks found every one of 51 reverse cards a duplicate of its cloze. It is made on request only.
DEFAULT_KINDS = ("cloze", "basic")
MAX_WORDS = 40  # a back longer than this is trimmed with "…"
MIN_CLEAR_WORDS = 6  # shorter definitions tend to be fragments ("a set")
NEAR_DUPLICATE = 85  # rapidfuzz token_set_ratio at which two definitions say the same thing
SURE = 0.2  # a definition the scorer is less sure of than this gets one plain Q&A card, not three
MASK = "___"

Link = Callable[[int | None], str | None]

_FILLER = re.compile(r"\b(?:um+|uh+|erm+|you know)\b[,]?\s*", re.IGNORECASE)
_CLAUSE_END = (",", ";", ":", "—", "–", ")")
# a wording that opens where no sentence can: the rest of one the captions cut ('Is we can say well ...',
# 'Where you still have to ...', 'Which people come back ...'); a card of it asks nothing a student can answer
_FRAGMENT = re.compile(r"^(?:is|are|was|were|where|though|although|which|whose|whom|and)\b", re.IGNORECASE)
_STOP = frozenset("a an the of to in on for and or is are be by with as that which this it its".split())


def make_cards(
    analysis: Analysis, *, link: Link | None = None, logistics_words: Iterable[str] | None = None,
    kinds: Iterable[str] = DEFAULT_KINDS,
) -> tuple[Card, ...]:
    """Cards for every key term of `analysis` that has a definition, in teaching order.

    `link(second)` makes the card url when the lecture has none; `logistics_words` defaults to
    config/logistics.toml; `kinds` are the card kinds made of a passage (a subset of KINDS).
    """
    kinds = frozenset(kinds)
    unknown = kinds - set(KINDS)
    if unknown:
        raise ValueError(f"unknown card kind {sorted(unknown)[0]!r} (choose from {', '.join(KINDS)})")
    low_ranked = _low_ranked(analysis.key_terms)
    all_names = tuple(dict.fromkeys(_norm(n) for kt in analysis.key_terms for n in (kt.term, *kt.aliases)))
    words = read_logistics_words() if logistics_words is None else tuple(w.lower() for w in logistics_words)
    cards: list[Card] = []
    for term, definitions in _definitions_by_term(analysis, words):
        merged = _merge_near_duplicates(definitions)
        if slug(term.term) in low_ranked:  # a passage the scorer is unsure of, of a term the lecture barely ranks
            merged = [d for d in merged if d.confidence is None or d.confidence >= SURE]
            if not merged:
                continue
        names = (term.term, *term.aliases)
        others = tuple(n for kt in analysis.key_terms if slug(kt.term) != slug(term.term)
                       for n in (kt.term, *kt.aliases))
        surest = max(d.confidence or 0.0 for d in merged)
        main = max(merged, key=lambda d: _as_main(d, names, others, surest))
        # a term's other passages get cards only where they say what it is; it keeps its main one regardless
        merged = [d for d in merged if d is main or _worth_a_card(d, names, others)]
        anchors: Counter = Counter()
        for definition in merged:
            anchor = "" if definition is main else _anchor(definition)
            anchors[anchor] += 1
            # one question, one answer: the term's Q&A is of its main passage, and the others are clozes; a main
            # passage that tells of one case ('Babies, for example, naturally obtain X ...') answers no 'What is X?'
            asked = kinds if definition is main and not _of_a_case(main.definition, names) else kinds - {"basic"}
            # the wording as a card says it, once chosen as said (an example stays one: 'In this shear example')
            said = dataclasses.replace(definition, definition=_named_outright(definition.definition, all_names))
            cards += _cards_for(analysis.lecture, term, said,
                                anchor if anchors[anchor] == 1 else f"{anchor}:{anchors[anchor]}", link, asked)
    return tuple(cards)


def _as_main(d: Definition, names: tuple[str, ...], others: tuple[str, ...], surest: float) -> tuple:
    """How well a passage serves as a term's main one, which its Q&A asks for: one that says what the term is
    before one that tells of an example; among those the scorer is sure of, one that opens with the term alone
    saying what it is ('Standard deviation shows how spread-out data points are around the mean.') before one
    that shares it with another term ('Variance and standard deviation are the two most common ways ...') or
    points at what came before ('... is the square root of this variance.'), where the scorer is about as sure of
    it as of the surest; then the surest, then the first."""
    sure = d.confidence is None or d.confidence >= max(SURE, AS_SURE * surest)
    return (not _of_a_case(d.definition, names), not _shared(d.definition, names, others),
            sure and _opens_saying_what(d.definition, names) and not _points_back(d.definition, names),
            d.confidence or 0.0, -(d.start_second or 0))


AS_SURE = 0.5  # of the surest passage's confidence, that a passage opening with the term needs to be the main one
_SAYS_WHAT = re.compile(SAYS_WHAT + r"\b", re.IGNORECASE)


def _opens_saying_what(text: str, names: tuple[str, ...]) -> bool:
    """Whether a wording opens with the term, as the subject of a verb that says what it is ('The standard
    deviation is ...', 'Quartiles split the data ...')."""
    article = _ARTICLE.match(text).end()
    said = _occurrences(names).match(text) or _occurrences(names).match(text, article)  # 'A priori knowledge is'
    # its plural ending, and a gloss set off after it ('The mean, or average, is ...')
    verb = said and _TO_THE_VERB.match(text, said.end())
    return bool(verb) and bool(_SAYS_WHAT.match(text, verb.end()))


_TO_THE_VERB = re.compile(r"(?:e?s)?(?:,\s*(?:or |i\.e\. |that is )?[^,.;:!?]{1,40},)?\s*")


def _shared(text: str, names: tuple[str, ...], others: tuple[str, ...]) -> bool:
    """Whether a wording opens with the term and another key term as one subject: 'Variance and standard
    deviation are ...', 'The mean and the median ...'; not a gloss of one by the other ('The mean, or average,
    is ...')."""
    lowered = text.lower()
    mine = _occurrences(names)
    def starts(at: int) -> tuple[int, ...]:  # a name opens there, or after an article ('a priori knowledge')
        return tuple(dict.fromkeys((at, _ARTICLE.match(text, at).end())))

    for start in starts(0):
        said = mine.match(text, start)  # the term, then another
        joined = said and _AND.match(text, said.end())
        if joined and any(_opens_with_one_of(lowered, at, others) for at in starts(joined.end())):
            return True
        other = _opens_with_one_of(lowered, start, others)  # another term, then the term
        joined = other and _AND.match(text, other)
        if joined and any(mine.match(text, at) for at in starts(joined.end())):
            return True
    return False


_ARTICLE = re.compile(r"(?:the |an? )?", re.IGNORECASE)
_AND = re.compile(r"(?:e?s)? and ", re.IGNORECASE)


def _opens_with_one_of(lowered: str, at: int, names: tuple[str, ...]) -> int:
    """Where one of `names` said at `at` ends (its plural too), or 0."""
    for name in sorted((n.lower() for n in names if _usable(n)), key=len, reverse=True):
        if lowered.startswith(name, at):
            end = at + len(name)
            end += len(re.match(r"(?:e?s)?", lowered[end:]).group(0))
            if end == len(lowered) or not lowered[end].isalnum():
                return end
    return 0


# 'this variance', 'these special vectors', 'such a matrix': what the words point back at was said before them
_POINTS_BACK = re.compile(r"\b(?:this|these|those|such an?)\s+(?=([\w-]+))", re.IGNORECASE)


def _points_back(text: str, names: tuple[str, ...]) -> bool:
    """Whether a wording points back at something said before it ('the square root of this variance', 'These
    special vectors are called ...'), other than the term itself ('this AI agent', and 'this is called a
    workflow', which names it), or at what the slide shows ('the term now outlined in red')."""
    term = _occurrences(names)
    return bool(_ON_THE_SLIDE.search(text)) or any(
        m.group(1).lower() not in _NOT_POINTING and not term.match(text, m.end()) for m in _POINTS_BACK.finditer(text))


# what only the slide or the board shows: 'the term now outlined in red', 'this one up here'
_ON_THE_SLIDE = re.compile(r"\b(?:(?:outlined|highlighted|circled|shown|written) in (?:red|blue|green|yellow|orange|"
                           r"purple|black)|on (?:the|this) (?:screen|slide|board)|(?:up|over|down|right) here)\b",
                           re.IGNORECASE)


# words after 'this' that point at nothing before them ('this is', 'this way', 'these days')
_NOT_POINTING = frozenset("""is are was were means meant way case time point idea one ones days kind sort type has
have can will would could should must does did do gets makes says tells shows""".split())


# The last third of a lecture's ranked terms are less often the ones it teaches, and the passages the scorer is
# unsure of seldom say what a term is: graded by hand, 8 of 9 cards of such passages were junk ('You might want to
# create {{c1::interns profile}} in HR management system.'). They stay in the lecture JSON, as evidence.
LOW_RANK_PARTS = 3


def _low_ranked(key_terms: Iterable[KeyTerm]) -> frozenset[str]:
    """The slugs of the last third of the terms, by score; a slug that a better-ranked spelling shares ('k-means'
    beside 'k means') is not."""
    ranked = sorted(key_terms, key=lambda kt: -kt.score)
    cut = len(ranked) - len(ranked) // LOW_RANK_PARTS
    return frozenset(slug(kt.term) for kt in ranked[cut:]) - {slug(kt.term) for kt in ranked[:cut]}


def _anchor(d: Definition) -> str:
    """The last part of the keys of a term's other cards: where their definition was said, its second ('@101'),
    or, without times, a digest of its evidence. The term's surest definition has the term's own key
    ('support_set:basic'), so it keeps its Anki note and review history when the transcript is retimed or
    gains a passage elsewhere; counting a term's cards in order, as before, moved the history to other text."""
    if d.start_second is not None:
        return f"@{int(d.start_second)}"
    return "#" + hashlib.sha1(" ".join(d.evidence.lower().split()).encode()).hexdigest()[:8]


def slug(term: str) -> str:
    """The term as a tag- and key-safe word: "Support Set" -> "support_set"."""
    return re.sub(r"[\W_]+", "_", term.lower()).strip("_")


def _norm(name: str) -> str:
    return " ".join(name.lower().split())


def _definitions_by_term(
    analysis: Analysis, words: tuple[str, ...]
) -> list[tuple[KeyTerm, list[Definition]]]:
    by_name: dict[str, KeyTerm] = {}
    by_slug: dict[str, KeyTerm] = {}
    for kt in analysis.key_terms:
        # Two spellings of one term ("k-means", "k means") share a slug, so they must share a key.
        canonical = by_slug.setdefault(slug(kt.term), kt)
        for name in (kt.term, *kt.aliases):
            by_name.setdefault(_norm(name), canonical)

    found: dict[str, list[Definition]] = {}
    for d in analysis.definitions:
        kt = by_name.get(_norm(d.term))
        if kt is None or is_logistics(kt.term, words):
            continue
        names = (kt.term, *kt.aliases)
        text = _stated(_without_opener(_without_framing(_clean(d.definition), names, by_name), names), names)
        if says_little(text, kt.term) and not _crisp(text, (kt.term, *kt.aliases)) or is_logistics(text, words) \
                or _FRAGMENT.match(text):
            continue
        second = d.start_second if d.start_second is not None else kt.start_second
        found.setdefault(slug(kt.term), []).append(
            Definition(kt.term, text, d.evidence, second, d.confidence, d.passage))
    # in the order taught: by the second first said, and in an untimed lecture by where first defined (the
    # definitions come in the lecture's order)
    first: dict[str, int] = {}
    for i, d in enumerate(analysis.definitions):
        if _norm(d.term) in by_name:
            first.setdefault(slug(by_name[_norm(d.term)].term), i)
    terms = sorted((by_slug[s] for s in found), key=lambda kt: (kt.start_second is None, kt.start_second or 0,
                                                                first.get(slug(kt.term), 0), kt.term.lower()))
    return [(kt, found[slug(kt.term)]) for kt in terms]


# A term's further passages get cards when the scorer is sure of them, or when they say what the term is in so
# many words (a cue of NAMING strength: 'X is ...', 'called X', 'X shows how ...'); one that only mentions the
# term ('... integrated LLM with the HR system through their APIs') stays in the lecture JSON, as evidence.
# Graded by hand (138 cards, seven lectures), such passages made 38 of 58 junk cards and 3 of 20 good ones. One
# that opens as an example ('In another example, ...') tells of one case, and gets none either.
CARD_SURE = 0.7
CARD_CUE = 1.5


def _worth_a_card(d: Definition, names: tuple[str, ...], others: tuple[str, ...] = ()) -> bool:
    if _AN_EXAMPLE.match(d.definition):  # 'In another example, you could have an eigenvector with eigenvalue ...'
        return False  # tells of one case, where the term's surest passage says what it is
    if _shared(d.definition, names, others):  # 'Variance and {{c1::standard deviation}} are ...' gives itself away
        return False
    if d.confidence is None or d.confidence >= CARD_SURE:
        return True
    return any(cue_strength(said.lower(), name.lower())[0] >= CARD_CUE for said in (d.evidence, d.definition)
               for name in names)


MAX_FRAMING_WORDS = 20
# a passage that tells of one case: 'In another example, you could have an eigenvector with eigenvalue ...'
_AN_EXAMPLE = re.compile(r"^(?:for (?:example|instance)|e\.g\.|as an example|(?:in|for) (?:this|that|another|one|the "
                         r"next) (?:\w+ )?example)\b", re.IGNORECASE)
# a frame that sets a case before the term, which the definition needs: an example, or the case or picture shown
_EXAMPLE = re.compile(_AN_EXAMPLE.pattern + r"|^(?:say|here|in (?:this|that|our|the|each) (?:\w+ )?"
                      r"(?:example|case|picture|graph|figure|setting))\b", re.IGNORECASE)
# a condition on the subject keeps its place ('When the data is skewed, the mean is ...'); one on the speaking
# does not ('If I have to put it simply, ...', 'As we said, ...')
_CONDITION = re.compile(r"^(?:when|whenever|if|unless|although|though|because|since|once|after|before|while|as|"
                        r"where)\b(?!\s+(?:i|we)\b)", re.IGNORECASE)


# an example set off after the sentence's first words: 'Babies, for example, naturally obtain ...'
_SET_OFF_EXAMPLE = re.compile(r"^(?:[\w'-]+ ){0,4}[\w'-]+, (?:for (?:example|instance)|e\.g\.),", re.IGNORECASE)


def _of_a_case(text: str, names: tuple[str, ...]) -> bool:
    """Whether a wording tells of one case, not of what the term is: it opens as an example, or sets one off
    after its first words, where those are not the term ('Quartiles, for example, split the data ...' says what
    quartiles do)."""
    set_off = _SET_OFF_EXAMPLE.match(text)
    if set_off and _occurrences(names).fullmatch(_ARTICLE.sub("", text[:set_off.end()].split(",")[0], count=1)):
        set_off = None
    return bool(_AN_EXAMPLE.match(text) or set_off)


_PLAIN_EXAMPLE = re.compile(r"(?:for (?:example|instance)|e\.g\.),\s+", re.IGNORECASE)


def _without_framing(text: str, names: tuple[str, ...], terms: dict[str, KeyTerm]) -> str:
    """The wording from the term on, where it opens with how the speaker frames what follows and then says what
    the term is ('Speaking of data shape, skewness is a measure ...', 'If I have to put it in a very simple
    definition, agentic AI is ...', 'A quick note ... is that PSPACE is the set of ...'), or that gives the term as
    an example of a wider idea ('For example, quartiles split the data ...'). Not an example of the term ('For
    example, the mean of 2 and 4 is 3'), nor a frame that names another key term of the lecture ('In supervised
    learning, the loss is ...'), which the definition needs."""
    plain = _PLAIN_EXAMPLE.match(text)  # 'For example, quartiles split the data into four equal parts ...': the
    if plain and _opens_saying_what(text[plain.end():], names):  # term is the example, of a wider idea, and the
        rest = text[plain.end():]  # wording says what it is
        return rest[:1].upper() + rest[1:]
    for found in _occurrences(names).finditer(text):
        start = found.start()
        lead = text[:start]
        article = re.search(r"\b(?:the|an?)\s+$", lead, re.IGNORECASE)
        if article:
            start, lead = article.start(), lead[:article.start()]
        if not re.search(r"(?:,|\bis that)\s*$", lead) or not _SAYS_WHAT.match(text, found.end() + 1):
            continue
        if len(lead.split()) > MAX_FRAMING_WORDS or _EXAMPLE.match(lead) or _CONDITION.match(lead) \
                or re.search(r"[.?!]\s", lead) \
                or any(re.search(rf"(?<!\w){re.escape(name)}(?!\w)", lead, re.IGNORECASE) for name in terms):
            return text
        return text[start:start + 1].upper() + text[start + 1:]
    return text


# how a lecture announces its subject: 'In this lecture, we'll focus on ...', 'Today we're going to talk about ...'
_OPENER = re.compile(r"^(?:(?:so|okay|now),? )?(?:in this (?:lecture|video|talk|lesson|session|course|chapter|"
                     r"section|class|episode|tutorial)|today),? (?:we(?:'ll| will| are going to|'re going to)|i(?:'ll| "
                     r"will| am going to|'m going to)|let's|let us) (?:focus on|talk about|discuss|look at|cover|learn "
                     r"about|introduce|explore|study) (?:the )?", re.IGNORECASE)


# what goes on to another clause after an announced term, where a gloss of it would be a noun phrase
_NOT_A_GLOSS = re.compile(r"(?:and|but|or|so|then|which|who|that|this|we|i|you|it|they|because|if|when|where|first|"
                          r"next|after|before|let's|let us|as|since|while)\b", re.IGNORECASE)


def _without_opener(text: str, names: tuple[str, ...]) -> str:
    """A wording that announces the term as the lecture's subject and then says what it is, as the term and
    that: 'In this lecture, we'll focus on descriptive statistics, methods that help us summarize ...' ->
    'Descriptive statistics: methods that help us summarize ...'. An announcement that says no more stays."""
    opener = _OPENER.match(text)
    said = opener and _occurrences(names).match(text, opener.end())
    if not said:
        return text
    rest = re.match(r"((?:e?s)?),\s+(?:which (?:is|are) )?(?=\w)", text[said.end():])
    if not rest or _NOT_A_GLOSS.match(text, said.end() + rest.end()):
        return text  # 'Today we'll talk about regression, and then ...' says no more of it
    term = text[opener.end():said.end()] + rest.group(1)
    return f"{term[:1].upper()}{term[1:]}: {text[said.end() + rest.end():]}"


def _named_outright(text: str, names: tuple[str, ...]) -> str:
    """A key term that the speaker points back at ('the square root of this variance', 'one of these
    eigenvalues'), named outright, as a card read on its own needs: 'the square root of the variance'."""
    lowered = text.lower()

    def named(m: re.Match) -> str:
        end = _opens_with_one_of(lowered, m.end(), names)
        if not end or _NAMING.search(text, 0, m.start()) or _AS_A_VERB.match(lowered, end):
            return m.group(0)  # 'this means that ...', 'this tests whether ...': 'this' is the subject of a verb
        return ("The" if m.group(1)[0].isupper() else "the") + " "

    return _POINTER.sub(named, text)


_POINTER = re.compile(r"\b(this|these|those)\s+", re.IGNORECASE)  # not 'that': 'we know that variance is ...'
# what follows a verb, not a noun: the term word after 'this' is a verb ('this means that', 'this models the data')
_AS_A_VERB = re.compile(r"\s+(?:that|whether|how|what|why|if|the|a|an|it|we|you|they|us|them|our|your|their|his|"
                        r"her|its|this|these|those|me|him|there|to)\b")
# where 'this' is what is named ('you can call this epistemology'), not a pointer before the term
_NAMING = re.compile(r"\b(?:call|calls|called|calling|name|names|named|naming|term|terms|termed|dub|dubbed)\s+$",
                     re.IGNORECASE)


def _stated(text: str, names: tuple[str, ...]) -> str:
    """A wording that names the term and goes on 'which is ...' as a sentence: 'Regularization which is the idea
    of ...' -> 'Regularization is the idea of ...' (speech names a thing, then says what it is)."""
    said = _occurrences(names).match(text)
    if said:
        rest = re.match(r"((?:e?s)?)\s+which\s+(?=(?:is|are)\s)", text[said.end():], re.IGNORECASE)
        if rest:
            return text[:said.end()] + rest.group(1) + " " + text[said.end() + rest.end():]
    return text


def _crisp(text: str, names: tuple[str, ...]) -> bool:
    """A short definition that says what the term is in two words of its own and goes on to qualify it:
    'Entropy is a measure of uncertainty.', 'Calculus is the study of change.' (`says_little` asks three
    words of a wording, which keeps out 'Therapy which is another thing'); not 'Entropy is a hard problem.'"""
    opening = _CRISP.match(text)
    if not opening:
        return False
    said = opening.group(1)
    keys = {term_key(n) for n in names}
    return (term_key(said) in keys or said.lower().endswith("es") and term_key(said[:-2]) in keys) \
        and not says_little(text, *names, least=2)


_CRISP = re.compile(r"(?:an? |the )?(.+?) (?:is|are) (?:an?|the) (?:[\w-]+ ){1,3}(?:of|that|which|who|for|in|where|"
                    r"used|to|with|by|from|between|when|on)\b", re.IGNORECASE)


def _taught_order(kt: KeyTerm) -> tuple:
    return (kt.start_second is None, kt.start_second or 0, kt.term.lower())


def _clean(text: str) -> str:
    text = _FILLER.sub("", " ".join(text.split()))
    return text.strip(" ,;:-\"'“”")


def _merge_near_duplicates(definitions: list[Definition]) -> list[Definition]:
    clusters: list[list[Definition]] = []
    for d in definitions:
        for cluster in clusters:
            if any(_near(d.definition, other.definition) for other in cluster):
                cluster.append(d)
                break
        else:
            clusters.append([d])
    # the clearest wording of what was said twice, as sure as the surer of the two passages
    kept = [dataclasses.replace(min(cluster, key=_clarity), confidence=_surest(cluster)) for cluster in clusters]
    return sorted(kept, key=lambda d: (d.start_second is None, d.start_second or 0))  # untimed: as said (stable)


def _surest(cluster: list[Definition]) -> float | None:
    known = [d.confidence for d in cluster if d.confidence is not None]
    return max(known) if len(known) == len(cluster) else None


def _near(a: str, b: str) -> bool:
    return fuzz.token_set_ratio(a, b, processor=default_process) >= NEAR_DUPLICATE


def _clarity(d: Definition) -> tuple:
    """Clearest first: the shortest one of 6-40 words; else the one nearest that range."""
    n = len(d.definition.split())
    off = MIN_CLEAR_WORDS - n if n < MIN_CLEAR_WORDS else max(0, n - MAX_WORDS)
    return (off, n, d.start_second is None, d.start_second or 0, d.definition)


def trim(text: str, max_words: int = MAX_WORDS) -> str:
    """`text` cut to at most `max_words` words, at a clause boundary when one is near the end, with "…"; a
    sentence that ends a few words past `max_words` is kept whole instead."""
    words = text.split()
    if len(words) <= max_words:
        return text
    if finished := sentence_end(words, max_words):
        return " ".join(words[:finished])
    cut = max_words
    for i in range(max_words - 1, max_words // 2 - 1, -1):
        if words[i].endswith(_CLAUSE_END):
            cut = i + 1
            break
    return " ".join(words[:cut]).rstrip(",;:—–-. ") + "…"


def _cards_for(lecture: Lecture, kt: KeyTerm, d: Definition, anchor: str, link: Link | None,
               kinds: frozenset[str] = frozenset(DEFAULT_KINDS)) -> list[Card]:
    term = kt.term
    names = (term, *kt.aliases)
    trimmed = trim(d.definition)
    definition = _sentence(_in_its_spelling(term, names, trimmed))
    second = int(d.start_second) if d.start_second is not None else None
    url = lecture.link(second) if lecture.url else (link(second) if link else None)
    term_slug = slug(term)
    lecture_tag = re.sub(r"\s+", "_", lecture.id)
    tags = ("quizgen", f"lecture::{lecture_tag}", f"term::{term_slug}")
    question = _question(term, names, definition)
    sides = {
        "cloze": (_cloze(term, names, trimmed), term),
        "basic": (question, definition),
        "reverse": (_mask(term, names, definition), term),
    }
    return [
        Card(
            key=f"{term_slug}:{kind}{anchor}",
            kind=kind,
            front=front,
            back=back,
            term=term,
            start_second=second,
            url=url,
            evidence=_quoted(d),
            lecture_id=lecture.id,
            lecture_title=lecture.title,
            tags=tags,
        )
        for kind, (front, back) in sides.items()
        if kind in kinds
        and (d.confidence is None or d.confidence >= SURE or kind == _unsure_kind(term, names, trimmed))
    ]


QUOTE_WORDS = 80  # the most words a card quotes from the transcript


def _quoted(d: Definition) -> str:
    """The transcript words a card quotes: those its wording was made from, where they run past the evidence
    and are not too many to quote; else the evidence."""
    return d.passage if d.passage and len(d.passage.split()) <= QUOTE_WORDS else d.evidence


# A passage the scorer is unsure of seldom says what the term is; as a cloze it still teaches what the speaker said
# of it ('... one of the stars of your humoral response -- a {{c1::B lymphocyte}}'), where 'What is meant by "B
# lymphocyte"?' promises an answer it does not give. Graded by hand (66 such passages), the card chosen as below was
# worth keeping (as is or with small fixes) for 32 against 26 of the question alone, and junk for 34 against 40.
# Where no fair cloze can be made of it, the question alone was junk too ('What is meant by "span"?' answered 'Some
# special vectors do remain on their own span, ...'; 'What is meant by "architecture"?'): such a passage gets none.

def _unsure_kind(term: str, names: tuple[str, ...], definition: str) -> str | None:
    """The one card of a passage the scorer is unsure of: a cloze where the passage says the term, whole, and the
    blank is no everyday word; else none."""
    common = len(term.split()) == 1 and zipf(term.lower()) > EVERYDAY_ZIPF  # 'objective', 'architecture'
    said = bool(_occurrences(names).search(definition))
    return "cloze" if said and not common and not definition.endswith("\u2026") else None


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def _usable(name: str) -> bool:
    """Whether a name can stand for the term in a wording: not a lone letter, nor made only of stop words ('a',
    'the'), which would match the wrong words."""
    return len(name.strip()) > 1 and any(w not in _STOP for w in name.lower().split())


@functools.lru_cache(maxsize=1024)
def _occurrences(names: tuple[str, ...]) -> re.Pattern[str]:
    # Longest name first, so "support set" is found before "set"; a plural ending stays outside the match.
    # An alias made only of stop words ("a", "the") would delete or mask the wrong words.
    ordered = sorted({n for n in names if _usable(n)}, key=lambda n: (-len(n), n))
    if not ordered:  # a name of one letter, as written ('R', 'C'; not 'A' nor 'I'), is found only in capitals, alone;
        letters = sorted({n.strip() for n in names if re.fullmatch(r"\s*[B-HJ-Z]\s*", n)})  # of stop words alone,
        return re.compile(r"(?<!\w)(" + "|".join(letters) + r")(?!\w)" if letters else r"(?!)")  # nowhere
    alts = [r"\s+".join(map(re.escape, n.split())) for n in ordered]
    return re.compile(r"(?<!\w)(" + "|".join(alts) + r")(?=(?:e?s)?(?!\w))", re.IGNORECASE)


def _deletion(text: str) -> str:
    # "::" inside a deletion would start Anki's hint and "}}" end it: a zero-width space between the two keeps
    # 'std::vector' whole, and shown as written
    return "{{c1::" + text.replace("::", ":\u200b:").replace("}}", "}\u200b}") + "}}"


def _as_said(term: str, said: str) -> str | None:
    """The term as the definition says it, where that is the term itself ('An outlier is ...' for the term
    'outliers'), or the term with other endings ('The bias tells you ...' for 'biases', 'The existentialists'
    for 'existentialism', 'Consequentialist moral reasoning' for 'consequential moral reasoning'); None where
    the definition says an alias (a garbled 'Metal Learning' is spelled as the term)."""
    if term_key(_without_es(said)) == term_key(_without_es(term)):
        return said
    words, said_words = term.lower().split(), said.lower().split()
    if len(words) != len(said_words):
        return None
    last = len(words) - 1
    return said if all(a == b or _other_ending(a, b, STEM_LETTERS if i == last else MODIFIER_STEM_LETTERS)
                       for i, (a, b) in enumerate(zip(words, said_words))) else None


def _other_ending(a: str, b: str, stem_letters: int) -> bool:
    """Whether two words are one word with other endings: 'bias', 'biases'; 'consequential', 'consequentialist'."""
    stem = os.path.commonprefix([a, b])
    return len(stem) >= stem_letters and max(len(a), len(b)) - len(stem) <= ENDING_LETTERS


STEM_LETTERS = 4  # letters a word and its other form share ('bias', 'biases'), at least,
ENDING_LETTERS = 4  # and letters of ending either has past them, at most ('existentialism', 'existentialists')
# a word before the last shares more: 'consequentialist moral reasoning' is said for 'consequential moral reasoning',
# but 'metal learning' is 'meta learning' misheard, and a card spells it as the term
MODIFIER_STEM_LETTERS = 7


def _without_es(text: str) -> str:
    """Words without the plural '-es' that term keys keep (as score.py does): 'processes' is 'process' here."""
    return re.sub(r"(ss|sh|ch|[xz])es\b", r"\1", text, flags=re.IGNORECASE)


# an alias written in capitals is the term's acronym, said as meant (a misheard alias is in lower case):
# spelled out in its place, 'Kernel Density Estimation, or KDE' would read '..., or kernel density estimation'
_ACRONYM = re.compile(r"[A-Z][A-Z0-9]*[A-Z](?:s|es)?")


def _each_mention(term: str, names: tuple[str, ...], text: str, hide: Callable[[str], str]) -> str:
    """`text` with each mention of the term given to `hide`: as said, where it is the term (with another
    ending, or as its acronym), a shortened form of it ('sigmoid' of 'sigmoid function'), or another name the
    speaker gives it ('we call this resizing, or rehashing'); the words around the term kept, where the mention
    is a longer phrase holding it ('Sample {{c1::variance}}'); else, a mishearing ('metal learning'), in the
    term's own spelling."""
    out, at, before = [], 0, None
    for found in _occurrences(names).finditer(text):
        said = found.group(0)
        renamed = before is not None and renames(text, before.start(), before.end(), found.start())
        opens = bool(_OPENS_HERE.search(text, 0, found.start()))
        lead = text[at:found.start()]
        article = None if renamed else _ARTICLE_BEFORE.search(lead)
        written = _spelled(term, said, lambda name: name, opens) if article else said
        if written != said:  # the article before it goes with the name written ('an llm' -> 'a large ...')
            lead = lead[:article.start()] + _indefinite(written).capitalize() if article.group(1)[0] == "A" \
                else lead[:article.start()] + _indefinite(written)
            lead += article.group(2)
        out += [lead, hide(said) if renamed else _spelled(term, said, hide, opens)]
        at, before = found.end(), found
    return "".join(out) + text[at:]


_OPENS_HERE = re.compile(r"(?:^|[.!?])\s*$")  # before a mention that opens a sentence
_ARTICLE_BEFORE = re.compile(r"\b([Aa]n?)(\s+)$")


def _in_its_spelling(term: str, names: tuple[str, ...], text: str) -> str:
    """`text` with each mention of the term spelled as its cloze spells it, so a term's Q&A and its cloze say
    the same ('Meta terrain is labeled data' -> 'Meta train is ...')."""
    return _each_mention(term, names, text, lambda said: said)


def _spelled(term: str, said: str, hide: Callable[[str], str], opens: bool = False) -> str:
    """(`opens`: the mention opens a sentence, where the term is written with a capital.)"""
    if _as_said(term, said) or _ACRONYM.fullmatch(said) or _shortened(term, said):
        return hide(said)  # 'Kernel Density Estimation, or {{c1::KDE}}'
    inside = _occurrences((term,))
    first = inside.search(said)  # an empty match: a term of stop words alone, which no pattern can find
    if first and first.group(0) and first.group(0) != said:
        return inside.sub(lambda m: hide(m.group(0)), said)
    if not _misheard(term, said):  # another name for it, as said
        return hide(said)
    return hide(term[:1].upper() + term[1:] if opens and said[:1].isupper() else term)


MISHEARD_LIKENESS = 75  # how alike (rapidfuzz's ratio, 0-100) a word said and the term's word are where speech
# recognition misheard the one for the other: 'terrain' / 'train' 83, 'metal' / 'meta' 89; another name is less
# alike: 'rehashing' / 'resizing' 71, 'online' / 'stochastic' 12


def _misheard(term: str, said: str) -> bool:
    """Whether `said` is the term misheard, word for word ('meta terrain' for 'meta train', 'metal learning'),
    or clipped ('Gen AI' for 'generative AI'), which a card writes as the term; not another name for it
    ('rehashing' for 'resizing', 'online gradient descent' for 'stochastic gradient descent')."""
    words, said_words = _words_of(term), _words_of(said)
    if len(words) == len(said_words) and all(a == b or fuzz.ratio(a, b) >= MISHEARD_LIKENESS
                                             for a, b in zip(words, said_words)):
        return True
    return _clipped_from("".join(said_words), tuple(words)) if said_words and len(words) <= CLIPPED_WORDS else False


CLIPPED_WORDS = 6  # the most words a clipped name is read against


def _words_of(name: str) -> list[str]:
    return re.findall(r"[^\W_]+", name.lower())


@functools.lru_cache(maxsize=4096)
def _clipped_from(said: str, words: tuple[str, ...]) -> bool:
    """Whether `said` is the start of each word in turn, run together: 'genai' of ('generative', 'ai')."""
    if not words:
        return not said
    return any(said.startswith(words[0][:n]) and _clipped_from(said[n:], words[1:])
               for n in range(1, min(len(words[0]), len(said)) + 1))


def _shortened(term: str, said: str) -> bool:
    """'sigmoid' of 'sigmoid function': some of the term's words, and no other."""
    words, said_words = {singular(w) for w in term.lower().split()}, {singular(w) for w in said.lower().split()}
    return bool(said_words) and said_words < words


def _cloze(term: str, names: tuple[str, ...], definition: str) -> str:
    # braces the lecture itself said ('{{c1::x}}' in a caption) would be a second deletion in Anki
    definition = re.sub(r"\{(?=\{)|\}(?=\})", lambda m: m.group(0) + " ", definition)
    deletion = _deletion(term)
    pattern = _occurrences(names)
    if pattern.search(definition):
        # Every mention is deleted, or a second one would give the answer away.
        return _sentence(_each_mention(term, names, definition, _deletion))
    article = _article(term, definition)
    if article:  # "a small set ..." is about a countable thing: "A {{c1::support set}} is a small set ..."
        return f"{article.capitalize()} {deletion} is {definition}"
    if not term.islower() and _starts_with_article(definition):
        return f"{deletion} is {definition}"
    return f"{deletion}: {definition}"


def _mask(term: str, names: tuple[str, ...], definition: str) -> str:
    return _each_mention(term, names, definition, lambda _said: MASK)


def _starts_with_article(definition: str) -> bool:
    """Whether the definition opens with 'a'/'an' as an article: not 'A is the matrix ...', where it names a
    matrix, nor 'A, B and C are ...'."""
    words = definition.split(" ", 2)
    return words[0].lower() in ("a", "an") and len(words) > 1 and words[1].lower() not in _SAID_OF_A_NAME


# words that follow a letter used as a name ('A is the matrix', 'A times v'), never an article
_SAID_OF_A_NAME = frozenset("is are was were has have can will would should must times plus minus equals and or"
                            .split())


# nouns of no number: 'An unlabeled data set ...' is about a set, and 'an unlabeled data' is no English
_MASS_NOUNS = frozenset("data information knowledge evidence research software hardware feedback advice equipment "
                        "progress".split())


def _article(term: str, definition: str) -> str:
    """ "a"/"an" for a lowercase term whose definition starts with one; "" when unsure (mass nouns, names)."""
    if not (term.islower() and _starts_with_article(definition)) or term.split()[-1] in _MASS_NOUNS:
        return ""
    said, rest = definition.split(" ", 1)
    if rest.lower().startswith(term.lower().split()[0]):  # as the speaker said it: 'a unit vector', 'an α-helix'
        return said.lower()
    return _indefinite(term)


def _indefinite(term: str) -> str:
    """'a' or 'an' for the sound a term opens with: 'an outlier', 'a unit vector', 'a user story', 'an α-helix',
    'an hour'."""
    low = term.lower()
    if low.startswith(("uni", "use", "usu", "ut", "eu", "one", "ubiq")):
        return "a"
    return "an" if low[:1] in "aeiouαεηιοωυ" or low.startswith(("hour", "honest", "honor", "honour", "heir")) \
        else "a"



def _question(term: str, names: tuple[str, ...], definition: str) -> str:
    article = _article(term, definition)
    if article:  # in the number the definition opens with: 'An outlier is ...' asks "What is an outlier?"
        said = _occurrences(names).match(definition, len(definition.split(" ", 1)[0]) + 1)
        form = _as_said(term, said.group(0).lower()) if said else None
        if form is None:  # 'a value far from the rest' for the term 'outliers': its singular, where known
            form = next((n.lower() for n in names if term.lower() in (n.lower() + "s", n.lower() + "es")), None)
        form = form or term
        # one of a kind, in the singular: not 'a basis vectors' (no singular known) nor 'a meta learning'
        if not (_plural(form) or form.split()[-1].lower().endswith("ing")):
            return f"What is {article} {form}?"
    if term.islower() or " " in term:  # 'AI agent' takes an article that a name would not: ask for its meaning
        return f"What is meant by “{term}”?"
    if len(term) > 2 and term.endswith("s") and term[:-1].isupper():
        return f"What are {term}?"  # 'APIs'
    return f"What is {term}?"  # acronyms and names take no article


def _plural(term: str) -> bool:
    last = term.split()[-1].lower()
    return singular(last) != last and not last.endswith("ics")  # 'statistics', 'physics' are one subject
