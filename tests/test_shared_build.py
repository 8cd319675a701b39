"""End to end on the real transcripts in ../shared: build all 14 lectures, import every deck into Anki,
and hold the extraction to the quality bar with ../shared/eval/score.py."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from anki_import import import_apkg
from conftest import SHARED, needs_shared
from typer.testing import CliRunner

from quizgen.cli import app

pytestmark = [needs_shared, pytest.mark.slow]

# Regression floors, a little under the macro averages measured over ../shared/eval/gold (see README,
# "Extraction quality"). They stop a change that makes extraction worse. The bars that issues 4 and 5 ask
# for (term_f1 0.60, core_r 0.80, def_f1 0.55, def_p 0.60, def_time_ok 0.90, card_grounded 0.90,
# def_covered_by_cards 0.60) are reached for core_r, def_p, def_time_ok, card_grounded and def_covered_by_cards
# (core_r's and def_time_ok's floors are their bars) and not yet for term_f1 and def_f1; raise
# these floors as extraction improves.
QUALITY_BAR = "term_f1=0.58,core_r=0.80,def_f1=0.51,def_p=0.70,def_time_ok=0.90"
CARD_BAR = "card_grounded=0.91,card_linked=1.0,def_covered_by_cards=0.63"
# The same floors for seven lectures in other subjects, scored against our own second-opinion gold
# (tests/data/gold_other_subjects/README.md), under what they measure now (term_f1 0.56, core_r 0.62,
# def_p 0.64, def_f1 0.36, def_time_ok 0.93, card_grounded 0.84).
OTHER_SUBJECTS = Path(__file__).parent / "data" / "gold_other_subjects"
OTHER_SUBJECTS_BAR = "term_f1=0.54,core_r=0.60,def_f1=0.33,def_p=0.61,def_time_ok=0.90,card_grounded=0.82"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("decks")
    result = CliRunner().invoke(app, ["build", str(SHARED / "seeds"), str(SHARED / "corpus"), "--json",
                                      "--out", str(out), "--jobs", "2", "--no-cache"])
    assert result.exit_code == 0, result.output
    return out


def test_every_lecture_gets_a_deck_and_a_json(built):
    assert len(list(built.glob("*.apkg"))) == 14
    assert len(list(built.glob("*.json"))) == 14
    for path in built.glob("*.json"):
        lecture = json.loads(path.read_text())
        assert lecture["key_terms"], path.name
        assert lecture["id"] == path.stem


def test_every_deck_imports_into_anki(built, tmp_path):
    for i, apkg in enumerate(sorted(built.glob("*.apkg"))):
        where = tmp_path / str(i)
        where.mkdir()
        cards = json.loads(apkg.with_suffix(".json").read_text())["cards"]
        col = import_apkg(apkg, where)
        try:
            assert col.card_count() == len(cards), apkg.name
        finally:
            col.close()


def _score(pred, require: str, gold=SHARED / "eval" / "gold") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), "--gold", str(gold),
                           "--pred", str(pred), "--require", require], capture_output=True, text=True)


def test_extraction_stays_above_its_floor(built):
    run = _score(built, QUALITY_BAR)
    print(run.stdout)
    assert run.returncode == 0, run.stdout + run.stderr


def test_cards_stay_above_their_floor(built):
    run = _score(built, CARD_BAR)
    assert run.returncode == 0, run.stdout + run.stderr
    out = subprocess.run([sys.executable, str(SHARED / "eval" / "score.py"), "--gold", str(SHARED / "eval" / "gold"),
                          "--pred", str(built), "--json"], capture_output=True, text=True).stdout
    macro = json.JSONDecoder().raw_decode(out)[0]["macro"]  # a summary line follows the JSON
    assert macro["card_logistics"] == 0


def test_lectures_in_other_subjects_stay_above_their_floor(built):
    assert len(list(OTHER_SUBJECTS.glob("*.json"))) == 7
    run = _score(built, OTHER_SUBJECTS_BAR, gold=OTHER_SUBJECTS)
    print(run.stdout)
    assert "lecture" in run.stdout and run.stdout.count("\n") >= 6, run.stdout  # four lectures, header, macro
    assert run.returncode == 0, run.stdout + run.stderr
