"""One lecture through the language stage: units, candidates, ranking, definitions -> `Analysis`."""
from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter
from dataclasses import dataclass

from quizgen.config import config_words
from quizgen.model import Analysis, KeyTerm, Lecture
from quizgen.nlp.definitions import NAMING, cue_strength, find_definitions, mention_options, name_ends_where_given
from quizgen.nlp.models import DIMENSIONS, embed, load_spacy
from quizgen.nlp.normalize import RENAMING, renames, said_inside, singular, term_key
from quizgen.nlp.terms import (EVERYDAY_ZIPF, GREEK_LETTERS, RARE_ZIPF, Candidate, Features, effective_counts,
                               find_candidates, named_without_its_kind, names_a_concept, score_features,
                               specificity, zipf)
from quizgen.nlp.units import Unit, lecture_text, run_on_starts, second_at, sentence_spans, split_units

_POSSESSIVE = r"['\u2019]s?"  # a name's "'s" (or "'"): 'Newton's', 'Bayes''
CHUNK_WORDS = 120  # MiniLM reads 256 word pieces; a chunk of 120 words fits whole
POOL = 300
# A term the speaker names as such ('This is called the law of demand', 'what's known as a free body diagram')
# is what a teacher would put on a card, though it be said once or twice: up to NAMED_EXTRA of them may join past
# the term budget, where they rank well enough. A name that is part of a kept term, or holds one ('polar
# covalent' beside 'polar covalent bonds'), is none.
NAMED_EXTRA = 3
NAMED_EXTRA_SCORE = 2.5


@dataclass(frozen=True)
class Settings:
    max_terms: int | None = None  # default: scaled to the lecture's length
    max_definitions_per_term: int = 3


def analyze_lecture(lecture: Lecture, settings: Settings = Settings()) -> Analysis:
    doc = load_spacy()(lecture_text(lecture)[0])
    return analyze_doc(lecture, doc, settings)


def analyze_doc(lecture: Lecture, doc, settings: Settings = Settings()) -> Analysis:
    import numpy as np

    text, offsets = lecture_text(lecture)
    units = split_units(doc, lecture, offsets)
    ranked, unit_vecs = rank_candidates(doc, units)
    chosen = _one_term_named_twice(select_terms(ranked, settings.max_terms or _term_budget(lecture)), units)
    chosen = [_with_all_mentions(r, units) for r in chosen]
    chosen = _without_nested_mentions(chosen, units)
    if not chosen:
        return Analysis(lecture, (), ())
    unit_vecs.ensure(u for r in chosen for u in r.candidate.units)  # in one batch, mentions found since too
    terms = [r.candidate for r in chosen]
    vecs = np.stack([r.vector for r in chosen])
    sentences = sentence_spans(doc)
    definitions = find_definitions(terms, units, unit_vecs, vecs, text, lambda c: second_at(lecture, offsets, c),
                                   sentences, max_per_term=settings.max_definitions_per_term,
                                   run_ons=run_on_starts(doc))
    written = {r.candidate.display: _as_written(r.candidate, doc) for r in chosen}
    key_terms = tuple(
        KeyTerm(written[r.candidate.display], _aliases(r.candidate), round(r.score, 4),
                units[r.candidate.units[0]].second)
        for r in chosen
    )
    definitions = [dataclasses.replace(d, term=written.get(d.term, d.term)) for d in definitions]
    return Analysis(lecture, key_terms, tuple(definitions))


def _as_written(cand: Candidate, doc) -> str:
    """The term with its acronyms in capitals where the transcript writes them so: 'LLM', 'MCP server',
    'APIs' (terms are gathered in lower case; speech recognition output stays lower case, and so do
    captions written all in capitals, which are read in lower case); a letter that names a kind keeps its
    capital too, and so does a name whose law it is: 'B cells', 'Newton's second law', and a court case's
    parties: 'Queen versus Dudley and Stephens'."""
    forms: dict[str, Counter] = {}
    for _, first, end in cand.mentions:
        for tok in doc[first:end] if first >= 0 else ():
            forms.setdefault(tok.lower_, Counter())[tok.text] += 1

    def most_said(word: str) -> str:
        seen = forms.get(word)
        return seen.most_common(1)[0][0] if seen else word

    said = [re.match(r"(.*?)(" + _POSSESSIVE + r")?$", word).groups() for word in cand.display.split()]
    owner = next((i for i, (_, possessive) in enumerate(said) if possessive), -1)  # the name's "'s", if any
    case = "versus" in cand.display.split()  # a court case keeps its parties' capitals: 'the Queen versus Dudley'
    words = []
    for i, (word, possessive) in enumerate(said):
        best = most_said(word)
        stem = best[:-1] if best.endswith("s") else best
        capitals = stem.isalpha() and stem.isupper() and (len(stem) >= 2 or len(best) == 1) \
            or best.isalpha() and not best.isupper() and any(c.isupper() for c in best[1:])  # 'NaCl', 'ImageNet'
        named = (i <= owner or case) and best[:1].isupper()  # 'Le Chatelier's principle', as written
        words.append((best if capitals or named else word) + (possessive or ""))
    return " ".join(words)


@dataclass(frozen=True)
class Ranked:
    score: float
    candidate: Candidate
    features: Features
    vector: object
    named_as_such: bool = False  # a cue names the term after what it is ('... is called X')
    defined_as_subject: bool = False  # a sentence opens with it and says what it is ('The electron is a ...')


class UnitVectors:
    """Clause embeddings, made when first asked for: only clauses that mention a candidate are ever read,
    and a quarter of a lecture's words are in clauses that mention none ('let's start with an example')."""

    def __init__(self, units: list[Unit]):
        import numpy as np

        self.units = units
        self.vectors = np.zeros((len(units), DIMENSIONS), dtype="float32")
        self.have = np.zeros(len(units), dtype=bool)

    def ensure(self, indices) -> None:
        missing = sorted({i for i in indices if not self.have[i]})
        if missing:
            self.vectors[missing] = embed([self.units[i].text for i in missing])
            self.have[missing] = True

    def __getitem__(self, i: int):
        self.ensure((i,))
        return self.vectors[i]


def rank_candidates(doc, units: list[Unit]) -> tuple[list[Ranked], UnitVectors]:
    """Candidates best first, and the clause embeddings (reused to find definitions)."""
    cands = find_candidates(doc, units)
    counts = effective_counts(cands)
    defined_once = _defined_where_said_once(cands, counts, units, doc)
    names = {c.key for c in cands.values() if c.words == 1 and _named_inside(c)}
    pool = [c for c in cands.values()
            if (counts[c.key] >= 2 or c.words > 1 or c.key in defined_once or c.quoted) and not _a_person(c)
            and c.acting < c.count  # a verb acting on an object each time it is said: no name of a thing
            and not names.intersection(map(term_key, re.split(r"[\s-]+", c.display)))  # nor a phrase built on one
            and (c.words > 1 or (c.quoted or _rare_enough(c.display) or _defined_generically(c, units))
                 and c.proper * 5 < c.count * 4  # lone names go,
                 and (c.quoted or c.verbal * 2 <= c.count))]  # and lone words said mostly as verbs or adjectives,
    # unless the captions quote it, as a name is given ('its shape is "gibbous"')
    pool.sort(key=lambda c: (-(specificity(c.display.split()) + 0.3 * math.log(max(1, counts[c.key]))
                               + 0.2 * c.words), c.key))
    pool = pool[:POOL]
    unit_vecs = UnitVectors(units)
    if not pool:
        return [], unit_vecs
    unit_vecs.ensure(u for cand in pool for u in cand.units)
    centroid = _lecture_vector(units, unit_vecs)
    term_vecs = embed([c.display for c in pool])
    relevance = term_vecs @ centroid
    n_bins = 10
    stop = config_words("stop_terms")
    ranked = []
    for i, cand in enumerate(pool):
        bins = {int(n_bins * u / max(1, len(units))) for u in cand.units}
        options = mention_options(cand, units, unit_vecs, term_vecs[i])  # each mention's cue, scored once
        defined = max((o.cue for o in options), default=0.0)
        features = Features(
            relevance=float(relevance[i]),
            count=math.log(max(1, counts[cand.key])),
            spread=len(bins) / n_bins,
            specificity=specificity(_spoken_words(cand.display)),
            multiword=1.0 if cand.words > 1 else 0.0,
            defined=1.0 if defined >= 2.0 else 0.0,
            named=1.0 if defined >= 3.0 else 0.0,
            nested=0.0 if counts[cand.key] * 2 >= cand.count else 1.0,
            generic_head=1.0 if cand.display.lower().split()[-1] in stop else 0.0,
            lone_word=1.0 if cand.words == 1 and defined < 2.0 else 0.0,
            once=1.0 if cand.count == 1 else 0.0,
            name=cand.proper / cand.count,
            # whether the term is explained anywhere: a mention inside a longer phrase or a list still counts here
            explained=max((o.score_ignoring("modified", "listed") for o in options), default=0.0),
            compounded=cand.compounded / cand.count,
            lone_once=1.0 if cand.key in defined_once else 0.0,
            concept=1.0 if names_a_concept(cand.display) else 0.0,
        )
        named_as_such = any(o.cue >= NAMING and o.before and name_ends_where_given(units[o.unit], o) for o in options)
        as_subject = any(o.cue >= 2.0 and o.feature("at_start") and not o.feature("modified") for o in options)
        ranked.append(Ranked(score_features(features), cand, features, term_vecs[i], named_as_such, as_subject))
    ranked.sort(key=lambda r: (-r.score, r.candidate.key))
    return ranked, unit_vecs


def _a_person(cand: Candidate) -> bool:
    """Whether a candidate is a person's name: said as one at least half the times, or written in capitals each
    time and said to be one at least once ('a student named Jocelyn Bell', then 'Jocelyn Bell's supervisor',
    where 'bell' is an everyday word and 'Jocelyn' no common given name)."""
    return cand.person * 2 >= cand.count or cand.person > 0 and cand.titled == cand.count


def _defined_generically(cand: Candidate, units: list[Unit]) -> bool:
    """An everyday word the lecture defines as a textbook does, of any one of its kind ('So a market is any place
    where buyers and sellers meet'), or as what it refers to ('The period refers to the amount of time it takes
    for a full cycle'). Such a word ('market', 'force', 'memory', 'period') is the lecture's subject."""
    if cand.count < 2:
        return False
    word = cand.display.lower()
    return any(word in m.groups() for u in cand.units for m in _GENERIC_DEFINITION.finditer(units[u].text.lower()))


# 'a market is any place where ...': a word said of any one of its kind, as a textbook defines it; 'the period
# refers to ...', 'the amplitude is defined as ...'
_GENERIC_DEFINITION = re.compile(r"(?:^|[.!?;:,]\s+|\b(?:so|and|now|well|basically)\s+)(?:an? (\S+) is "
                                 r"(?=(?:an?|any|the|when|where|how|what|something|someone|just|basically)\b)"
                                 r"|(?:an?|the) (\S+) (?:refers to|is defined as) )")


NAME_INSIDE_ZIPF = 1.0  # no English word: 'calicles', not 'relu' (1.5) or 'softmax'


def _named_inside(cand: Candidate) -> bool:
    """A word that is no English word, written as a capitalised name inside sentences in three of ten
    mentions and in lower case in three of ten, is a name that the captions spell both ways ('calicles
    tells Socrates', 'So Calicles is really saying ...'). A name kept in capitals throughout ('XGBoost
    model', 'Floyd Warshall algorithm') is the name of a thing taught, and stays."""
    return cand.proper_inside * 10 >= cand.count * 3 and cand.lower * 10 >= cand.count * 3 \
        and zipf(cand.display) < NAME_INSIDE_ZIPF


DEFINED_ONCE_ZIPF = 4.0  # 'regularization' (2.3), 'skewness'; not 'a system called attitude' (4.6), 'switch'


def _defined_where_said_once(cands: dict[str, Candidate], counts: dict[str, int], units: list[Unit],
                             doc) -> set[str]:
    """Rare nouns said once, where the speaker defines them ('... look at regularization which is the idea
    of ...'): that one mention makes them candidates. Not a word inside a longer phrase ('called the mystery
    religions'), nor one said as a verb or adjective."""
    inside = {i for c in cands.values() if c.words > 1 for _, a, b in c.mentions for i in range(a, b)}
    keys = set()
    for key, cand in cands.items():
        if cand.words > 1 or counts[key] >= 2 or cand.verbal or zipf(cand.display) > DEFINED_ONCE_ZIPF:
            continue
        if any(doc[a].pos_ in {"NOUN", "PROPN"} and a not in inside
               and max(cue_strength(units[u].text, s)[0] for s in cand.surfaces) >= 2.0
               for u, a, _ in cand.mentions):
            keys.add(key)
    return keys


def core_key(display: str, edges: frozenset[str], stop: frozenset[str] = frozenset()) -> str:
    """The term without generic words at its edges: 'standard supervised learning problem' ->
    'supervised learning', 'agentic ai folks' -> 'agentic ai', so such variants count as one term."""
    return _variant_key(core_words(display, edges, stop), head=True)


def core_words(display: str, edges: frozenset[str], stop: frozenset[str] = frozenset()) -> list[str]:
    words = _spoken_words(display)
    if len(words) == 2 and words[1] in _DECORATIONS and (len(words[0]) == 1 or zipf(words[0]) < SYMBOL_ZIPF):
        return words[:1]  # 'theta star' is theta, decorated: one term, as 'x prime' is x
    while len(words) > 1 and (words[-1] in edges or len(words) > 2 and words[-1] in stop) \
            and not re.search(_POSSESSIVE + "$", words[-2]):  # 'the brewer's problem' is named whole
        words.pop()
    opening = config_words("stop_terms", "modifier_words")  # 'task distribution' is no 'distribution'
    while len(words) > 1 and words[0] in edges and words[0] not in opening:
        words.pop(0)
    return words


def _variant_key(words: list[str], head: bool = False) -> str:
    """Words keyed so that a doctrine and its followers are one term. A modifier loses -ist and -ism:
    'consequentialist moral theory' and 'consequential moral reasoning' share the stem 'consequential moral'.
    A head word keeps them as one ending, so 'utilitarianist' is 'utilitarianism' but 'physicist' is not
    'physics' and 'capitalism' is not 'capital'."""
    roots = []
    for i, word in enumerate(words):
        word = singular(word)
        if len(word) > 8 and word.endswith(("ist", "ism")):
            word = word[:-3] + "ism" if head and i == len(words) - 1 else word[:-3]
        roots.append(word)
    return term_key(" ".join(roots))


def select_terms(ranked: list[Ranked], limit: int) -> list[Ranked]:
    """The best `limit` terms, each variant merged into the term it varies (its mentions pooled)."""
    edges = config_words("stop_terms", "edge_words")
    stop = config_words("stop_terms")
    kept: dict[str, Ranked] = {}
    framing = config_words("stop_terms", "framing_words")
    stems: dict[str, str] = {}  # 'consequentialist moral' -> the kept 'consequentialist moral reasoning'
    expansions = _spelled_out_forms(ranked)  # 'llm' and 'large language model' are one term, spelled out
    spelled = {core_key(full.candidate.display, edges, stop): full.candidate.display
               for full in expansions.values()}
    naming: dict[str, str] = {}  # 'theta' -> the kept 'parameters theta', which it then names
    heard_as = _mishearings(ranked, edges, stop)  # 'meta terrain' -> 'meta train', as it was meant
    garbled: set[str] = set()  # kept terms still spelled as misheard, until the meant form comes
    # a name keeps its every word: 'New Moon' is no variant of 'moon', as 'new data' is of 'data'
    cores = [r.candidate.key if r.candidate.titled else core_key(r.candidate.display, edges, stop) for r in ranked]
    inverted = _of_inversions(ranked, cores, edges, stop)  # 'force of tension' -> 'tension force', both said
    for r, core in zip(ranked, cores):
        core = inverted.get(core, core)
        if r.candidate.key in expansions:
            core = core_key(expansions[r.candidate.key].candidate.display, edges, stop)
        misheard = core in heard_as
        core = heard_as.get(core, core)
        words = r.candidate.display.lower().split()
        stem = _variant_key(words[:-1]) if len(words) >= 3 and words[-1] in framing else None
        if core not in kept and stem in stems:
            core = stems[stem]
        named = None
        if _names_a_symbol(r.candidate, words):
            named = core_key(words[1], edges, stop)
            core = named if core not in kept and named in kept else core
        core = naming.get(core, core) if core not in kept else core
        # 'deal theta', said once: 'theta' in use; but 'black-box adaptation approaches' is no 'adaptation'
        kind = False  # 'agentic chatbot', said once beside 'chatbot': a mention of it, but a kind of its own
        if core not in kept and r.candidate.count == 1 and len(words) >= 3 and len(words[-1]) == 1:
            base = core_key(" ".join(words[:-1]), edges, stop)  # 'meta-stable region k', said once, is the
            core = base if base in kept else core  # kept 'meta-stable region' named by a symbol
        if core not in kept and r.candidate.count == 1 and len(words) >= 2 and "-" not in words[0] \
                and not (r.features.named and len(words) == 2 and zipf(words[1]) >= SYMBOL_ZIPF):
            # 'deal theta' is theta misheard; but '... are called leaf nodes' names a kind of node
            used = core_key(" ".join(words[1:]), edges, stop)
            kind = used in kept and zipf(words[0]) < RARE_ZIPF
            core = used if used in kept else core
        if core in kept:
            name = spelled.get(core)
            if misheard:  # the kept spelling stays
                name = kept[core].candidate.display
            elif core in garbled:  # the meant spelling replaces the misheard one
                name = r.candidate.display
                garbled.discard(core)
            kept[core] = _merge(kept[core], r, name=name, said_as=not kind)
        elif (len(kept) < limit or len(kept) < limit + NAMED_EXTRA and _named_past_budget(r, kept.values())) \
                and not _straddles(r.candidate, kept.values()):
            kept[core] = r
            if misheard:
                garbled.add(core)
            if stem:
                stems.setdefault(stem, core)
            if named:
                naming.setdefault(named, core)
    return _without_variants(_without_hubs(list(kept.values())))


HUB_FAMILY = 2  # kept longer terms built on a lone word that make it the field's generic word, not a term


def _without_hubs(chosen: list[Ranked]) -> list[Ranked]:
    """Drop a lone word that two or more of the kept longer terms are built on, as their head or a modifier:
    'graph' beside 'bipartite graphs' and 'reconfiguration graph', 'matrix' beside 'diagonal matrix' and
    'change of basis matrix', 'label' beside 'label consistency' and 'label samples'. Such a word is the
    field's everyday vocabulary, which the kinds named after it stand for; its slot is left empty rather than
    given to a lower-ranked term. A symbol ('theta' beside 'theta star' and 'parameters theta') is what those
    phrases are about, and stays; so does a word the speaker names as such or defines as a sentence's subject
    ('The electron is a negatively charged particle' beside 'electron configuration' and 'electron pair')."""
    said = [_word_forms(r) for r in chosen]
    longer = [words for words in said if len(words) > 1]
    out = []
    for r, words in zip(chosen, said):
        if len(words) == 1 and not _a_symbol(words[0]) and not (r.named_as_such or r.defined_as_subject):
            heads = sum(1 for other in longer if other[-1] == words[0])
            modifiers = sum(1 for other in longer if words[0] in other[:-1])
            if heads + modifiers >= HUB_FAMILY:
                continue
        out.append(r)
    return out


def _word_forms(r: Ranked) -> list[str]:
    """A kept term's words as said, each singular ('bipartite graphs' -> ['bipartite', 'graph'])."""
    return [singular(w) for w in _spoken_words(r.candidate.display)]


SHARED_STEM_LETTERS = 7  # letters a person's word and the field's must open alike: 'philosoph-ers', 'philosoph-y'
# A word for the people of a field or a doctrine ('philosophers', 'consequentialist', 'existentialist') beside
# the field's own word ('philosophy', 'consequential', 'existentialism'); other shared openings are often two concepts
# ('electron' and 'electrode', 'capacitor' and 'capacitance', 'function' and 'functional')
_PERSON_ENDING = re.compile(r"(?:ers?|ists?|ians?)$")
_FIELD_ENDING = re.compile(r"(?:y|isms?|ics|ical|ial)$")


def _without_variants(chosen: list[Ranked]) -> list[Ranked]:
    """Drop a kept term that only restates a better-ranked kept term, its slot left empty, unless the speaker
    defines it: one with a word for the people of that term's field or doctrine ('philosophers' beside
    'philosophy', 'consequentialist' beside 'consequential moral reasoning'); and a kept lone word with an
    everyday word more ('corresponding eigenvalue' beside 'eigenvalue', 'puzzle game' beside 'puzzle'), which
    says no more than that word. A technical word more makes a term of its own ('gradient descent', 'initiation
    rituals'), and a symbol's phrases ('theta star' beside 'theta') are what the symbol stands for."""
    said = [_word_forms(r) for r in chosen]
    out = []
    for i, (r, words) in enumerate(zip(chosen, said)):
        better = said[:i]
        lone = {other[0] for other in better if len(other) == 1 and not _a_symbol(other[0])}
        restated = any(_of_its_people(w, v) for other in better for w in words for v in other) or len(words) == 2 \
            and bool(lone & set(words)) and all(zipf(w) >= EVERYDAY_ZIPF for w in words if w not in lone)
        if not (restated and not r.features.defined):
            out.append(r)
    return out


def _of_its_people(word: str, field: str) -> bool:
    """Whether `word` names the people of `field`: 'philosophers' and 'philosophy', 'existentialist' and
    'existentialism'."""
    return word != field and min(len(word), len(field)) >= SHARED_STEM_LETTERS \
        and word[:SHARED_STEM_LETTERS] == field[:SHARED_STEM_LETTERS] \
        and bool(_PERSON_ENDING.search(word)) and bool(_FIELD_ENDING.search(field))


def _a_symbol(word: str) -> bool:
    """A letter, or a Greek letter's name: 'x', 'theta', 'lambda'."""
    return len(word) == 1 or word in GREEK_LETTERS


def _named_past_budget(r: Ranked, kept) -> bool:
    """Whether a term past the budget joins it: one the speaker names as such, that ranks well, and is no part
    of a kept term nor holds one."""
    if not (r.named_as_such and r.score >= NAMED_EXTRA_SCORE):
        return False
    mine = _spoken_words(r.candidate.display)
    return not any(other == mine or said_inside(mine, other) or len(other) > 1 and said_inside(other, mine)
                   for other in (_spoken_words(k.candidate.display) for k in kept))


def _straddles(cand: Candidate, kept) -> bool:
    """Whether every mention of a phrase starts inside a kept term's mention and runs past it: 'faith
    requirement', in 'the good faith requirement' each time, is half of one name and the end of another."""
    if cand.words < 2 or not cand.mentions:
        return False
    spans = {(a, b) for r in kept for _, a, b in r.candidate.mentions if a >= 0}
    return all(any(c < a < d < b for c, d in spans) for _, a, b in cand.mentions)


def _of_inversions(ranked: list[Ranked], cores: list[str], edges: frozenset[str],
                   stop: frozenset[str]) -> dict[str, str]:
    """Terms said both as 'A of B' and as 'B A' (`cores`: each candidate's core key), keyed as the latter:
    'force of tension' is the 'tension force', 'axis of rotation' the 'rotation axis'. Only where the lecture
    says both forms."""
    said = set(cores)
    out = {}
    for r, core in zip(ranked, cores):
        words = r.candidate.display.lower().split()
        if len(words) == 3 and words[1] == "of":
            swapped = core_key(f"{words[2]} {words[0]}", edges, stop)
            if swapped in said:
                out[core] = swapped
    return out


def _mishearings(ranked: list[Ranked], edges: frozenset[str], stop: frozenset[str]) -> dict[str, str]:
    """Terms that speech recognition misheard, each mapped to the term it sounds like and was said as far
    more often: 'meta terrain' (once) -> 'meta train' (ten times). Keyed by `core_key`."""
    totals: Counter = Counter()
    said: dict[str, list[str]] = {}
    for r in ranked:
        words = core_words(r.candidate.display, edges, stop)
        core = _variant_key(words, head=True)  # core_key, from the words already at hand
        totals[core] += r.candidate.count
        said.setdefault(core, words)
    by_sound: dict[str, list[str]] = {}
    for core, words in said.items():
        heard = sound_key(words)
        if heard:
            by_sound.setdefault(heard, []).append(core)
    out = {}
    for cores in by_sound.values():
        meant = max(cores, key=lambda c: (totals[c], c))
        for core in cores:
            if core != meant and _misheard(said[core], totals[core], said[meant], totals[meant]):
                out[core] = meant
    # a sound or so apart ('existentialist thinkers' / 'existential thinkers', 'early networks' / 'neural
    # networks'): the rarer is a mishearing of the one said far more often, by the same test
    import jellyfish

    keys = sorted(by_sound, key=lambda k: (len(k), k))
    parts = {k: k.split("|") for k in keys}  # Metaphone letters, digits
    for i, a in enumerate(keys):
        for b in keys[i + 1:]:
            if len(b) - len(a) > 1:
                break
            (letters_a, digits_a), (letters_b, digits_b) = parts[a], parts[b]
            if digits_a != digits_b or min(len(letters_a), len(letters_b)) < NEAR_SOUND_LETTERS \
                    or jellyfish.levenshtein_distance(letters_a, letters_b) > 1:
                continue
            for x in by_sound[a]:
                for y in by_sound[b]:
                    rare, common = (x, y) if (totals[x], x) < (totals[y], y) else (y, x)
                    if rare not in out and _misheard(said[rare], totals[rare], said[common], totals[common]) \
                            and _heard_as_commoner(said[rare], said[common]):
                        out[rare] = out.get(common, common)
    return out


NEAR_SOUND_LETTERS = 6  # Metaphone letters a term's sound needs before one letter apart is the same term
HEARD_AS_COMMONER_ZIPF = 1.0  # how much commoner in English the misheard word is than the word meant


def _heard_as_commoner(rare: list[str], common: list[str]) -> bool:
    """Whether the rarer of two terms a sound apart swaps a word for a much commoner one, as speech
    recognition does ('configuration' for 'reconfiguration', 'early' for 'neural'); two words of a subject a
    letter apart are both meant ('haploid' and 'diploid', 'afferent' and 'efferent')."""
    heard, meant = set(rare) - set(common), set(common) - set(rare)
    return bool(heard and meant) and min(map(zipf, heard)) >= max(map(zipf, meant)) + HEARD_AS_COMMONER_ZIPF


def sound_key(words: list[str]) -> str | None:
    """How a term of two or more words sounds (Metaphone over the words run together, numbers kept):
    'meta terrain' and 'meta train', 'sigmoid squish evocation' and 'sigmoid squishification' sound
    alike. A term of one word gets no key ('matrix' and 'metrics' sound alike too, and both are terms), nor
    does one with a word Metaphone cannot read ('α helix', 'β helix')."""
    import jellyfish

    words = [w for w in re.split(r"[\s-]+", " ".join(words).lower()) if w]
    if len(words) < 2 or any(not re.search(r"[a-z0-9]", w) for w in words):
        return None
    letters = "".join(re.sub(r"[^a-z]", "", w) for w in words)
    return jellyfish.metaphone(letters) + "|" + "".join(re.sub(r"[^0-9]", "", w) for w in words)


MISHEARD_AT_MOST = 2  # a mishearing is rare: said at most this often,
MISHEARD_RATIO = 3  # and a third as often as the term it is a mishearing of, or less


def _misheard(words: list[str], count: int, kept: list[str], kept_count: int) -> bool:
    """Whether a term that sounds like the kept one is a mishearing of it: some words shared and some
    changed ('meta terrain' / 'meta train'), not words added ('general-purpose' / 'general-purpose ai');
    one of the two said rarely, the other far more often; and not two everyday words swapped ('bond
    energy' / 'band energy', 'simple mean' / 'sample mean')."""
    ours, theirs = set(words), set(kept)
    if not (ours & theirs and ours - theirs and theirs - ours):
        return False
    if min(count, kept_count) > MISHEARD_AT_MOST or max(count, kept_count) < MISHEARD_RATIO * min(count, kept_count):
        return False
    return not all(zipf(w) >= EVERYDAY_ZIPF for w in ours ^ theirs)


def _names_a_symbol(cand: Candidate, words: list[str]) -> bool:
    """'parameters theta': a plural noun (by its tag, so not 'bayes theorem' or 'systems biology') and a
    name that is no everyday word (a letter or symbol: theta, phi, lambda)."""
    return len(words) == 2 and cand.plural_first * 2 > cand.count and zipf(words[1]) < SYMBOL_ZIPF


def _merge(a: Ranked, b: Ranked, name: str | None = None, said_as: bool = True) -> Ranked:
    """`a` (the better ranked) absorbs `b`; the merged term is spelled `name`, else as the shorter of
    the two. Without `said_as`, `b`'s mentions count for `a` but its wording is no name of `a`: no alias,
    and no cue that names `b` names `a`."""
    short, other = (a, b) if len(a.candidate.display) <= len(b.candidate.display) else (b, a)
    if _said_inside(short.candidate, other.candidate):  # 'free body', said only in 'free body diagram'
        short, other = other, short
    if name is not None and name in (a.candidate.display, b.candidate.display):
        short, other = (a, b) if a.candidate.display == name else (b, a)
    cand = Candidate(short.candidate.key, words=short.candidate.words, name=name or short.candidate.display)
    cand.surfaces = short.candidate.surfaces + other.candidate.surfaces if said_as else Counter(a.candidate.surfaces)
    cand.mentions = sorted(set(a.candidate.mentions) | set(b.candidate.mentions))
    return Ranked(a.score, cand, a.features, short.vector)


def _one_term_named_twice(chosen: list[Ranked], units: list[Unit]) -> list[Ranked]:
    """Chosen terms that name one thing, merged where the better ranked stands, and the other's place left empty
    rather than given to the next candidate (which is most often no term at all): a name beside itself with the
    word for its kind ('token jumping' and 'token jumping rule', 'sigmoid' and 'sigmoid function'), unless the
    speaker defines each (then they are two things: 'the quotient' of a division, and 'the quotient rule'); and
    a name the speaker gives as another's ('the sigmoid function also known as a logistic curve', 'we call this
    resizing, or rehashing'), named as first said."""
    chosen = list(chosen)
    words = [[singular(w) for w in _spoken_words(r.candidate.display)] for r in chosen]
    # (the name merged away, the name kept): a phrase without its kind word ('token jumping', not '... rule'), a
    # rare word with it ('sigmoid function', not 'sigmoid', which says less of what it is)
    pairs = [(j, i) if len(words[i]) >= 2 else (i, j) for i in range(len(chosen)) for j in range(len(chosen))
             if i != j and named_without_its_kind(words[i], words[j])
             and not (chosen[j].features.defined and _defined_alone(chosen[i], chosen[j], units))]
    pairs += _renamed(chosen, [unit.text for unit in units if RENAMING.search(unit.text)])
    merged: dict[int, int] = {}  # a chosen term's index -> the index of the term it joined
    for other, main in pairs:
        other, main = merged.get(other, other), merged.get(main, main)
        if other == main:
            continue
        better, worse = min(other, main), max(other, main)
        chosen[better] = _merge(chosen[better], chosen[worse], name=chosen[main].candidate.display)
        merged.update({k: better for k, v in merged.items() if v == worse})
        merged[worse] = better
    return [r for k, r in enumerate(chosen) if k not in merged]


def _defined_alone(short: Ranked, full: Ranked, units: list[Unit]) -> bool:
    """Whether the speaker tells what `short` is where it is said without the word `full` adds: 'the result is
    called the quotient' (beside 'the quotient rule'); not 'this is called the sigmoid function'."""
    longer = _forms_pattern([full.candidate.display.lower(), *full.candidate.surfaces])
    return any(cue_strength(longer.sub(" ... ", units[u].text.lower()), form)[0] >= 2.0
               for u in short.candidate.units for form in short.candidate.surfaces)


def _renamed(chosen: list[Ranked], texts: list[str]) -> list[tuple[int, int]]:
    """(second name, first name) of the chosen terms that `texts` name one after the other, as one thing. Each
    mention is read as the longest chosen term said there: 'stochastic gradient descent, also called online
    learning' renames no 'gradient descent'."""
    if not texts:
        return []
    forms = {form.lower(): k for k, r in enumerate(chosen) for form in (r.candidate.display, *r.candidate.surfaces)}
    index: dict[str, int] = {}
    for form, k in forms.items():
        index.setdefault(term_key(form), k)
    said = _forms_pattern(list(forms))
    out = []
    for text in texts:
        mentions = list(said.finditer(text))
        for a, b in zip(mentions, mentions[1:]):
            first, second = index.get(term_key(a.group(0))), index.get(term_key(b.group(0)))
            if first is not None and second is not None and first != second \
                    and renames(text, a.start(), a.end(), b.start()):
                out.append((second, first))
    return out


def _said_inside(short: Candidate, longer: Candidate) -> bool:
    """Whether every mention of `short` lies inside one of `longer`: it is never said on its own."""
    spans = {}
    for unit, first, end in longer.mentions:
        spans.setdefault(unit, []).append((first, end))
    return bool(short.mentions) and all(
        first >= 0 and any(a <= first and end <= b for a, b in spans.get(unit, ()))
        for unit, first, end in short.mentions)


def _spelled_out_forms(ranked: list[Ranked]) -> dict[str, Ranked]:
    """Acronyms and clipped forms said in the lecture with their spelled-out candidates: 'llm' -> 'large
    language model', 'stat mech' -> 'statistical mechanics'. The best-ranked expansion of an acronym wins;
    a clipped form that could stand for two candidates stands for neither. Both forms must be candidates."""
    shown = [(r, r.candidate.display.lower()) for r in ranked]  # a display is worked out on every call
    singles = {r.candidate.key for r in ranked if r.candidate.words == 1 and 2 <= len(r.candidate.key) <= 6}
    out: dict[str, Ranked] = {}
    for r, display in shown:
        words = [w for w in re.split(r"[\s-]+", display) if w]
        if len(words) < 2:
            continue
        key = term_key("".join(w[0] for w in words))
        if key in singles and key not in out:
            out[key] = r
    # only candidates with the same word count and initials can be clipped forms of each other
    by_shape: dict[tuple, list[tuple[Ranked, str]]] = {}
    for r, display in shown:
        words = display.split()
        if len(words) >= 2:
            by_shape.setdefault(tuple(w[0] for w in words), []).append((r, display))
    for group in by_shape.values():
        for short, short_display in group:
            fulls = [full for full, full_display in group if _clipped(short_display, full_display)]
            if len(fulls) == 1 and short.candidate.key not in out:  # 'gen ai': general or generative? neither
                out[short.candidate.key] = fulls[0]
    return out


def _clipped(short: str, full: str) -> bool:
    """'gen ai' is 'generative ai' clipped: word for word the same, or a prefix of three letters or more."""
    pairs = list(zip(short.lower().split(), full.lower().split()))
    return any(a != b for a, b in pairs) and all(
        a == b or len(a) >= 3 and b.startswith(a) and len(b) - len(a) >= 3 and b[len(a):] not in _ENDINGS
        for a, b in pairs)


# endings that inflect a word rather than clip it: 'meta train' is not 'meta training' clipped
_ENDINGS = frozenset({"ing", "ings", "ers", "ion", "ions", "ness", "ment", "ments", "ical", "ically",
                      "ication", "ification", "ization", "isation", "ist", "ists", "ism", "ity", "ive", "ful",
                      "ous", "ally"})


_DECORATIONS = {"star", "prime"}  # said after a symbol: the optimum, or the symbol's next value
SYMBOL_ZIPF = 3.6  # theta 3.2, phi 3.6, lambda 3.1; 'theorem' (3.7) and 'biology' are words
COMMON_WORD_ZIPF = 4.6  # a lone word more common than this ('change', 'image') is everyday English


def _rare_enough(word: str) -> bool:
    return zipf(word.replace("-", " ")) <= COMMON_WORD_ZIPF


def _forms_pattern(forms: list[str]) -> re.Pattern:
    forms = sorted(forms, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(r"[\s-]+".join(map(re.escape, re.split(r"[\s-]+", f))) for f in forms)
                      + r")(?:s|es)?\b", re.I)


def _without_nested_mentions(chosen: list[Ranked], units: list[Unit]) -> list[Ranked]:
    """A clause that says 'tool augmented chatbot' mentions that term, not 'tool': drop a term's mention
    where it is only said inside a longer chosen term, so its card is not cut from the longer one's."""
    patterns = [_forms_pattern([r.candidate.display.lower(), *r.candidate.surfaces]) for r in chosen]
    out = []
    for i, r in enumerate(chosen):
        words = _singular_words(r.candidate.display)
        longer = [patterns[j] for j, o in enumerate(chosen)
                  if j != i and len(o.candidate.display) > len(r.candidate.display)
                  and words <= _singular_words(o.candidate.display)]
        if not longer:
            out.append(r)
            continue
        keep = set()
        for u in r.candidate.units:
            text = units[u].text
            for pattern in longer:
                text = pattern.sub(" ", text)
            if patterns[i].search(text):
                keep.add(u)
        if not keep:  # said only inside the longer term: keep it as it was rather than lose the term
            out.append(r)
            continue
        cand = dataclasses.replace(r.candidate, mentions=[m for m in r.candidate.mentions if m[0] in keep])
        out.append(Ranked(r.score, cand, r.features, r.vector))
    return out


def _spoken_words(display: str) -> list[str]:
    """A term's words as said, in lower case: 'Meta-Learning problem' -> ['meta', 'learning', 'problem']."""
    return display.lower().replace("-", " ").split()


def _singular_words(display: str) -> set[str]:
    return {term_key(w) for w in _spoken_words(display)}


def _with_all_mentions(r: Ranked, units: list[Unit]) -> Ranked:
    """The term found wherever it is said: the tagger misses some mentions ('Separate chaining means' opens a
    sentence, so 'separate' reads as a verb), and a definition there must not be lost."""
    pattern = _forms_pattern([r.candidate.display.lower(), *r.candidate.surfaces])
    mentions = set(r.candidate.mentions)
    seen_units = {u for u, _, _ in mentions}
    for unit in units:
        if unit.index not in seen_units and pattern.search(unit.text):
            mentions.add((unit.index, -1, -1))
    return Ranked(r.score, dataclasses.replace(r.candidate, mentions=sorted(mentions)), r.features, r.vector)


def _term_budget(lecture: Lecture) -> int:
    """About one term a minute, more per minute in a short lecture: a 10-minute explainer teaches as many
    terms as a 20-minute talk (18-26 in the gold of six such videos), a 3-minute clip a dozen."""
    words = lecture.word_count
    return round(min(30, max(12 + words / 350, min(18, words / 70))))


def _aliases(cand: Candidate) -> tuple[str, ...]:
    display = cand.display.lower()
    return tuple(sorted({s for s in cand.surfaces if s != display}))


def _lecture_vector(units: list[Unit], unit_vecs: UnitVectors):
    """The lecture's embedding as the mean of ~120-word chunk embeddings, so the whole talk counts
    (KeyBERT's default call reads only the first 256 word pieces). A chunk is the mean of its clauses
    embedded so far: those that mention a candidate."""
    import numpy as np

    chunks, current, size = [], [], 0
    for i, unit in enumerate(units):
        if unit_vecs.have[i]:
            current.append(i)
            size += len(unit.text.split())
        if size >= CHUNK_WORDS:
            chunks.append(current)
            current, size = [], 0
    if current:
        chunks.append(current)
    vecs = np.stack([unit_vecs.vectors[c].mean(axis=0) for c in chunks])
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True) + 1e-9
    centroid = vecs.mean(axis=0)
    return centroid / (np.linalg.norm(centroid) + 1e-9)
