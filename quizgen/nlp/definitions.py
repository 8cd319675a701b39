"""Where the speaker tells what a term means: cue patterns from config/, then explanations near a mention."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from quizgen.config import load_config
from quizgen.model import Definition
from quizgen.nlp.normalize import remove_fillers
from quizgen.nlp.terms import Candidate
from quizgen.nlp.units import Unit

MAX_EVIDENCE_WORDS = 55
MAX_DEFINITION_WORDS = 40
_ANAPHOR = re.compile(r"^(?:and |so |but )?(?:this|that|these|those|it|they|which|where|here|basically|so)\b")


@dataclass(frozen=True)
class Cue:
    regex: str
    weight: float
    explains_before: bool


@functools.lru_cache(maxsize=1)
def cues() -> tuple[Cue, ...]:
    return tuple(Cue(c["pattern"], float(c.get("weight", 1.0)), bool(c.get("explains_before", False)))
                 for c in load_config("definition_cues").get("cue", []))


@functools.lru_cache(maxsize=4096)
def _compiled(regex: str, surface: str) -> re.Pattern:
    term = r"[\s-]*".join(re.escape(w) for w in re.split(r"[\s-]+", surface)) + r"s?"
    return re.compile(regex.replace("TERM", term))


def cue_strength(text: str, surface: str) -> tuple[float, bool]:
    """The strongest cue that ties `surface` to a definition in `text`, and whether it explains before."""
    low = text.lower()
    best, before = 0.0, False
    for cue in cues():
        if cue.weight > best and _compiled(cue.regex, surface).search(low):
            best, before = cue.weight, cue.explains_before
    return best, before


@dataclass(frozen=True)
class Option:
    unit: int
    score: float
    cue: float
    before: bool


def find_definitions(terms: list[Candidate], units: list[Unit], unit_vecs, term_vecs,
                     *, max_per_term: int = 3) -> list[Definition]:
    """Up to `max_per_term` places per term where it is defined, best first, as evidence + clean text."""
    out: list[Definition] = []
    for t, cand in enumerate(terms):
        surfaces = list(cand.surfaces)
        first = cand.units[0]
        options = []
        for u in cand.units:
            strength, before = max((cue_strength(units[u].text, s) for s in surfaces), default=(0.0, False))
            sim = float(unit_vecs[u] @ term_vecs[t])
            score = strength + 1.2 * sim + (0.6 if u == first else 0.0)
            options.append(Option(u, score, strength, before))
        options.sort(key=lambda o: -o.score)
        chosen: list[Option] = []
        for opt in options:
            if len(chosen) >= max_per_term:
                break
            if opt.cue < 1.5 and not (opt.unit == first and opt.score >= 1.3):
                continue
            if any(abs(opt.unit - c.unit) <= 1 for c in chosen):
                continue
            chosen.append(opt)
        for opt in chosen:
            evidence_units = _evidence_span(units, opt)
            evidence = " ".join(units[i].text for i in evidence_units)
            words = evidence.split()
            if len(words) > MAX_EVIDENCE_WORDS:
                evidence = " ".join(words[:MAX_EVIDENCE_WORDS])
            out.append(Definition(cand.display, clean_definition(evidence), evidence,
                                  units[evidence_units[0]].second))
    return out


def _evidence_span(units: list[Unit], opt: Option) -> list[int]:
    """The unit holding the cue, with the unit before it when the naming follows the explanation, and the
    unit after it when that one goes on about 'this' / 'it' or the cue unit is too short to say much."""
    span = [opt.unit]
    if opt.before and opt.unit > 0:
        span.insert(0, opt.unit - 1)
    nxt = opt.unit + 1
    if nxt < len(units) and (len(units[opt.unit].text.split()) < 10 or _ANAPHOR.match(units[nxt].text.lower())):
        span.append(nxt)
    return span


def clean_definition(evidence: str) -> str:
    """Card-ready wording: fillers cut, at most ~40 words, ending at a clause boundary."""
    text = remove_fillers(evidence)
    words = text.split()
    if len(words) > MAX_DEFINITION_WORDS:
        cut = " ".join(words[:MAX_DEFINITION_WORDS])
        boundary = max(cut.rfind(", "), cut.rfind(". "), cut.rfind("; "))
        text = cut[:boundary] if boundary > len(cut) // 2 else cut
    text = text.strip(" ,;")
    return text[:1].upper() + text[1:] if text else text
