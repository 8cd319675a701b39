"""One lecture through the language stage: units, candidates, ranking, definitions -> `Analysis`."""
from __future__ import annotations

import math
from dataclasses import dataclass

from quizgen.model import Analysis, KeyTerm, Lecture
from quizgen.nlp.definitions import cue_strength, find_definitions
from quizgen.nlp.models import embed, load_spacy
from quizgen.nlp.terms import Candidate, Features, effective_counts, find_candidates, score_features, specificity
from quizgen.nlp.units import Unit, lecture_text, second_at, split_units

CHUNK_WORDS = 120  # MiniLM reads 256 word pieces; a chunk of 120 words fits whole
POOL = 220


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
    cands = find_candidates(doc, units)
    counts = effective_counts(cands)
    pool = [c for c in cands.values() if counts[c.key] >= 2 and c.person * 2 < c.count]
    pool.sort(key=lambda c: -(specificity(c.display.split()) + 0.3 * math.log(counts[c.key]) + 0.2 * c.words))
    pool = pool[:POOL]
    if not pool:
        return Analysis(lecture, (), ())

    unit_vecs = embed([u.text for u in units])
    centroid = _lecture_vector(units, unit_vecs)
    term_vecs = embed([c.display for c in pool])
    relevance = term_vecs @ centroid

    n_bins = 10
    scored = []
    for i, cand in enumerate(pool):
        bins = {int(n_bins * u / max(1, len(units))) for u in cand.units}
        defined = max((cue_strength(units[u].text, s)[0] for u in cand.units[:6] for s in list(cand.surfaces)[:3]),
                      default=0.0)
        features = Features(
            relevance=float(relevance[i]),
            count=math.log(counts[cand.key]),
            spread=len(bins) / n_bins,
            specificity=specificity(cand.display.lower().replace("-", " ").split()),
            multiword=1.0 if cand.words > 1 else 0.0,
            defined=1.0 if defined >= 2.0 else 0.0,
            nested=0.0 if counts[cand.key] * 2 >= cand.count else 1.0,
        )
        scored.append((score_features(features), i, cand))
    scored.sort(key=lambda x: (-x[0], x[2].key))
    limit = settings.max_terms or _term_budget(lecture)
    chosen = [(s, i, c) for s, i, c in scored[:limit]]

    terms = [c for _, _, c in chosen]
    vecs = np.stack([term_vecs[i] for _, i, _ in chosen])
    definitions = find_definitions(terms, units, unit_vecs, vecs, text, lambda c: second_at(lecture, offsets, c),
                                   max_per_term=settings.max_definitions_per_term)
    key_terms = tuple(
        KeyTerm(c.display, _aliases(c), round(float(s), 4), units[c.units[0]].second) for s, _, c in chosen
    )
    return Analysis(lecture, key_terms, tuple(definitions))


def _term_budget(lecture: Lecture) -> int:
    return max(12, min(30, round(12 + lecture.word_count / 350)))


def _aliases(cand: Candidate) -> tuple[str, ...]:
    display = cand.display.lower()
    return tuple(sorted({s for s in cand.surfaces if s != display}))


def _lecture_vector(units: list[Unit], unit_vecs):
    """The lecture's embedding as the mean of ~120-word chunk embeddings, so the whole talk counts
    (KeyBERT's default call reads only the first 256 word pieces)."""
    import numpy as np

    chunks, current, size = [], [], 0
    for i, unit in enumerate(units):
        current.append(i)
        size += len(unit.text.split())
        if size >= CHUNK_WORDS:
            chunks.append(current)
            current, size = [], 0
    if current:
        chunks.append(current)
    vecs = np.stack([unit_vecs[c].mean(axis=0) for c in chunks])
    vecs /= np.linalg.norm(vecs, axis=1, keepdims=True) + 1e-9
    centroid = vecs.mean(axis=0)
    return centroid / (np.linalg.norm(centroid) + 1e-9)
