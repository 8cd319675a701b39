"""Fit the term and definition rankers' weights on gold annotations (a developer tool, not run by builds).

    python -m quizgen.nlp.fit --gold ../shared/eval/gold ../shared/seeds ../shared/corpus

It prints logistic-regression weights for the features of quizgen/nlp/terms.py and quizgen/nlp/definitions.py,
fitted on every lecture that has gold: a starting point for their WEIGHTS, to be judged with score.py on
lectures the weights were not fitted on.
"""
from __future__ import annotations

import argparse
import json
import re
from dataclasses import fields
from pathlib import Path

from quizgen.nlp.normalize import singular, term_key

_STOP = set("""a an the and or but if then so of to in on at by for with from as is are was were be been being it its
this that these those there here we you i he she they them our your my me us do does did done have has had not
no yes can could would should will just like okay ok right um uh basically actually really very what which who
whom how when where why all any some one also into over about than more most much many such""".split())


def _content(text: str) -> set[str]:
    return {singular(w) for w in re.findall(r"[a-z0-9]+", text.lower()) if len(w) > 1 and w not in _STOP}


def overlap(pred: str, gold: str) -> float:
    p, g = _content(pred), _content(gold)
    return len(p & g) / min(len(p), len(g)) if p and g and len(pred.split()) <= 80 else 0.0


def gold_keys(gold: dict) -> list[set[str]]:
    return [{term_key(kt["term"])} | {term_key(a) for a in kt.get("aliases", [])} for kt in gold["key_terms"]]


def lecture_rows(lecture, gold: dict):
    """(term rows, definition rows): feature tuples with 0/1 labels from the gold."""
    import numpy as np

    from quizgen.nlp import definitions as D
    from quizgen.nlp import pipeline
    from quizgen.nlp.models import load_spacy
    from quizgen.nlp.units import lecture_text, split_units

    text, offsets = lecture_text(lecture)
    doc = load_spacy()(text)
    units = split_units(doc, lecture, offsets)
    ranked, unit_vecs = pipeline.rank_candidates(doc, units)
    keys = gold_keys(gold)
    all_keys = set().union(*keys)
    term_rows = [([getattr(r.features, f.name) for f in fields(r.features)],
                  int(term_key(r.candidate.display) in all_keys)) for r in ranked]
    chosen = pipeline.select_terms(ranked, pipeline._term_budget(lecture))
    words = D.Words(text)
    def_rows = []
    for r in chosen:
        key = term_key(r.candidate.display)
        golds = [g for g in gold["definitions"]
                 if any(key in ks and term_key(g["term"]) in ks for ks in keys)]
        for opt in D.mention_options(r.candidate, units, unit_vecs, r.vector):
            m0, m1 = D._mention(units[opt.unit], opt)
            a, b = D._evidence_window(m0, m1, opt.before, words)
            hit = any(overlap(text[a:b], g["evidence"]) >= 0.5 for g in golds)
            def_rows.append((list(opt.features), int(hit)))
    del np
    return term_rows, def_rows


def fit(rows_by_lecture: list[list], names: tuple[str, ...]) -> dict[str, float]:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    X = np.array([f for rows in rows_by_lecture for f, _ in rows])
    y = np.array([label for rows in rows_by_lecture for _, label in rows])
    model = LogisticRegression(C=1.0, max_iter=2000, fit_intercept=False, class_weight=None).fit(X, y)
    return {name: round(float(w), 3) for name, w in zip(names, model.coef_[0])}


def main(argv: list[str] | None = None) -> None:
    from quizgen.ingest import iter_lectures
    from quizgen.nlp import definitions as D
    from quizgen.nlp.terms import Features

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, required=True)
    ap.add_argument("paths", nargs="+")
    args = ap.parse_args(argv)
    golds = {json.loads(p.read_text())["video_id"]: json.loads(p.read_text()) for p in args.gold.glob("*.json")}
    term_rows, def_rows = [], []
    for lecture in iter_lectures(args.paths):
        gold = golds.get(lecture.id) or golds.get(Path(lecture.source).stem)
        if gold:
            t, d = lecture_rows(lecture, gold)
            term_rows.append(t)
            def_rows.append(d)
    term_names = tuple(f.name for f in fields(Features))
    print("term weights:", json.dumps(fit(term_rows, term_names)))
    print("definition weights:", json.dumps(fit(def_rows, D.FEATURES)))


if __name__ == "__main__":
    main()
