"""Clause-sized units of a lecture, each keeping its start second, on punctuated and unpunctuated speech."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from quizgen.model import Lecture
from quizgen.nlp.normalize import singular

_MARKERS = {"okay", "ok", "alright", "so", "now", "um", "uh", "anyway", "basically"}
_NOT_AFTER = {"so": {"that", "far", "much", "many", "long", "on", "forth"}, "now": set()}
_NOT_BEFORE = {"now": {"right", "until", "for", "by", "from", "just"}, "so": {"and", "or", "do", "not", "even",
                                                                           "is", "was", "be", "think"}}
MIN_UNIT, SOFT_MAX, HARD_MAX = 6, 28, 45


@dataclass(frozen=True)
class Unit:
    index: int
    tok_start: int
    tok_end: int
    char_start: int
    char_end: int
    text: str
    second: int | None
    modified: frozenset[int] = frozenset()  # where in `text` a word starts that the word before it modifies
    listed: frozenset[int] = frozenset()  # where in `text` a word starts whose phrase is one of a list
    modifying: frozenset[int] = frozenset()  # where in `text` a word ends that modifies the noun after it
    described: frozenset[int] = frozenset()  # where in `text` a word starts inside what a name is given to


# dependency labels of a word that modifies a noun after it: 'that output layer', 'my model's weights'
_MODIFIER_DEPS = {"compound", "amod", "nmod", "poss"}


def _modifies(prev, tok) -> bool:
    """Whether `prev` modifies the noun phrase that `tok` opens ('output' in 'output layer'), as the parser
    reads it: then `tok` alone is not what the clause is about. A possessive or number ('your supervised
    learning', 'the second one tool augmented chatbot') does not make a longer term, nor does a name the speaker
    starts again ('about moral reasoning categorical moral reasoning': the first 'reasoning' is no modifier),
    nor 'the word' before the word it quotes."""
    return prev.dep_ in _MODIFIER_DEPS and prev.pos_ not in {"PRON", "DET", "NUM", "PUNCT"} \
        and prev.lower_ not in {"one", "ones"} and tok.i <= prev.head.i <= tok.i + 3 \
        and prev.lower_ != prev.head.lower_ and not _quoting(prev)


def _quoting(tok) -> bool:
    """'the word shaman means ...': the word is the term itself, no kind of it."""
    return tok.lower_ in {"word", "term"} and tok.i > 0 and tok.doc[tok.i - 1].lower_ in {"the", "this", "that"}


def _modifies_next(tok) -> bool:
    """Whether `tok` modifies the noun right after it ('gradient' in 'gradient descent', 'token' in 'token
    addition'): a term that ends there is part of a longer phrase. A word said twice ('rituals rituals',
    'ritual rituals') is no modifier of itself."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return nxt is not None and tok.dep_ in {"compound", "amod"} and tok.pos_ in {"NOUN", "PROPN", "ADJ"} \
        and tok.head.i == nxt.i and nxt.pos_ in {"NOUN", "PROPN"} and singular(nxt.lower_) != singular(tok.lower_)


_NAMING_PARTICIPLES = {"called", "named", "termed", "dubbed", "known"}


def _inside_named(doc) -> frozenset[int]:
    """The tokens inside the description that a clause gives a name to, below its head: 'A set of | basis
    vectors which are also eigenvectors is called an eigenbasis' names the set, and says of the basis vectors
    only what sets them apart. The head itself is named ('these special vectors are called the eigenvectors'),
    and so is said again in other words. Token indices, found from the few naming verbs of a lecture."""
    return frozenset(t.i for verb in doc if verb.lower_ in _NAMING_PARTICIPLES and verb.tag_ == "VBN"
                     for subject in verb.children if subject.dep_ == "nsubjpass"
                     for t in subject.subtree if t.i != subject.i)


def _phrase_head(tok):
    """The noun of the phrase that `tok` opens: 'layer' for 'output' in 'output layer'."""
    head = tok
    while head.dep_ in _MODIFIER_DEPS and head.head.i > head.i and head.head.i - tok.i <= 4:
        head = head.head
    return head


def _listed(tok) -> bool:
    """Whether the noun phrase that `tok` opens is one item of a list ('entropy minimization, pseudo
    labeling and temporal ensembling'), as the parser reads it: a list names terms, it explains none."""
    head = _phrase_head(tok)
    return head.dep_ == "conj" or any(c.dep_ == "conj" for c in head.children)


_FINITE = {"VBZ", "VBP", "VBD", "MD"}
# verbs that take a clause without 'that' ('i think the model is wrong', 'you see the loss goes down'), in their forms
_SAYS_REGULAR = """think know say believe guess mean hope show see feel argue claim suggest find realize realise assume
notice imagine suppose remember understand learn hear read prove note ensure recall predict decide bet agree wish
expect tell seem""".split()
_SAYS = frozenset(
    [form for v in _SAYS_REGULAR
     for form in (v, v + "s", (v[:-1] if v.endswith("e") and not v.endswith("ee") else v) + "ing",
                  v + "d" if v.endswith("e") else v + "ed")]
    + "told thought knew known said meant shown saw seen felt found understood learnt heard proven".split())
_ASKS_HOW = frozenset({"how", "what", "which", "whatever", "however"})
_OPENS_CLAUSE = frozenset("""that which who whom whose where when why how what if because since as and but or so
than whether while though although unless until like""".split())


def _relative_where(clause) -> bool:
    """A clause that opens with 'where' right after a noun ('a special case | where phi is equal to theta'):
    a relative clause of that noun, not a subordinate clause of what follows ('where the curve crosses zero
    the function changes sign')."""
    first = clause.left_edge
    return first.lower_ == "where" and first.i > 0 and first.doc[first.i - 1].pos_ in {"NOUN", "PROPN"}


def run_on_starts(doc) -> list[int]:
    """Where a new sentence starts unmarked inside unpunctuated speech, by the parse: a subject of its own,
    then its finite verb, with no word that joins it to what came before ('... where phi is equal to theta |
    another very closely related problem setting is ...', '... the one that makes it clearest | the probabilistic
    view treats ...'). Not a clause after a verb that takes one ('i think the model ...'), after a joining word
    ('and', 'that', 'how'), one its verb marks ('... if the model is ...'), nor the main clause after its
    subordinate one ('as you learn more about others you learn ...'). Character offsets, ascending."""
    starts = set()
    for verb in doc:
        if verb.tag_ not in _FINITE and not any(c.dep_ in {"aux", "auxpass"} and c.tag_ in _FINITE
                                                 for c in verb.children):
            continue
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i < verb.i]
        # a clause before it that opens with 'where' ('a special case | where phi is equal to theta') is a relative
        # clause of the sentence before, which the parser has hung on this one, not this one's subordinate clause
        if not subjects or any(c.dep_ == "mark" or c.dep_ == "advcl" and c.i < verb.i and not _relative_where(c)
                               for c in verb.children) \
                or verb.dep_ in {"relcl", "acl"} \
                and any(c.tag_ in {"WDT", "WP", "WP$", "WRB"} or c.lower_ == "that"
                        for c in verb.subtree if c.i < verb.i):
            continue
        first = subjects[0].left_edge
        before = doc[first.i - 1] if first.i > 0 else None
        if before is None or first.lower_ in _OPENS_CLAUSE or first.tag_ in {"WDT", "WP", "WRB", "EX"} \
                or before.lower_ in _OPENS_CLAUSE or before.lower_ in _SAYS \
                or before.pos_ in {"AUX", "ADP", "CCONJ", "SCONJ", "DET", "PART", "PUNCT"} \
                or first.i > 1 and doc[first.i - 2].lower_ in _ASKS_HOW:  # 'tells you how bad | your model is'
            continue
        starts.add(first.idx)
    return sorted(starts)


_OF_ALL_BEFORE = re.compile(r"which (?:\w+ )?(?:means|meant|is|was|explains|brings|leads|makes)\b", re.I)


def sentence_spans(doc) -> list[tuple[int, int]]:
    """The parser's sentences as character spans. A full stop that speech recognition put before a relative
    clause ('By gender, we mean the social meanings. Which get attributed to sex') joins the two; not before a
    question, nor before a sentence of its own about all that came before ('Which just means that ...',
    'Which is why')."""
    out: list[tuple[int, int]] = []
    for sent in doc.sents:
        if out and sent[0].lower_ in {"which", "whose", "who", "whom"} and not sent.text.rstrip().endswith("?") \
                and not _OF_ALL_BEFORE.match(sent.text):
            out[-1] = (out[-1][0], sent.end_char)
        else:
            out.append((sent.start_char, sent.end_char))
    return out


def lecture_text(lecture: Lecture) -> tuple[str, list[int]]:
    """The lecture as one string, with the char offset where each segment begins."""
    offsets, parts, pos = [], [], 0
    for seg in lecture.segments:
        offsets.append(pos)
        parts.append(seg.text)
        pos += len(seg.text) + 1
    return " ".join(parts), offsets


def second_at(lecture: Lecture, offsets: list[int], char: int) -> int | None:
    seg = lecture.segments[max(0, bisect.bisect_right(offsets, char) - 1)]
    return None if seg.start is None else int(seg.start)


def split_units(doc, lecture: Lecture, offsets: list[int]) -> list[Unit]:
    bounds = [0]
    sent_starts = {sent.start for sent in doc.sents} if doc.has_annotation("SENT_START") else set()
    for tok in doc[1:]:
        i, length = tok.i, tok.i - bounds[-1]
        prev = doc[i - 1]
        low = tok.lower_
        nxt = doc[i + 1].lower_ if i + 1 < len(doc) else ""
        cut = False
        if prev.text in {".", "?", "!", ";"} or (i in sent_starts and length >= MIN_UNIT):
            cut = True
        elif length >= MIN_UNIT and low in _MARKERS and nxt not in _NOT_AFTER.get(low, ()) \
                and prev.lower_ not in _NOT_BEFORE.get(low, ()):
            cut = True
        elif length >= SOFT_MAX and (tok.pos_ in {"CCONJ", "SCONJ"} or low in {"which", "where", "because"}):
            cut = True
        elif length >= HARD_MAX:
            cut = True
        if cut:
            bounds.append(i)
    bounds.append(len(doc))
    units = []
    text = doc.text  # built anew on every access
    named = _inside_named(doc)
    for a, b in zip(bounds, bounds[1:]):
        # markers and fillers that open a unit are not part of what it says
        while a < b and (doc[a].lower_ in _MARKERS or doc[a].is_punct):
            a += 1
        if a >= b:
            continue
        span = doc[a:b]
        start, end = span.start_char, span.end_char
        modified = frozenset(tok.idx - start for tok in span[1:] if _modifies(doc[tok.i - 1], tok))
        listed = frozenset(tok.idx - start for tok in span if _listed(tok))
        modifying = frozenset(tok.idx + len(tok) - start for tok in span[:-1] if _modifies_next(tok))
        described = frozenset(tok.idx - start for tok in span if _phrase_head(tok).i in named) if named else frozenset()
        units.append(Unit(len(units), a, b, start, end, text[start:end], second_at(lecture, offsets, start),
                          modified, listed, modifying, described))
    return units
