"""write_apkg, checked by importing each package into a fresh collection of the official anki package."""
from __future__ import annotations

import json
import re
import sqlite3
import zipfile
from contextlib import closing
from pathlib import Path

import pytest

from quizgen.cards import KINDS, make_cards
from quizgen.export.apkg import BASIC_MODEL_ID, CLOZE_MODEL_ID, deck_id, write_apkg
from quizgen.export.lecture_json import BuiltLecture
from quizgen.model import Analysis, Definition, KeyTerm, Lecture, Segment

anki_collection = pytest.importorskip("anki.collection")
from anki.import_export_pb2 import (  # noqa: E402
    ImportAnkiPackageOptions,
    ImportAnkiPackageRequest,
    ImportAnkiPackageUpdateCondition,
)

URL = "https://www.youtube.com/watch?v=ByeRnmHJ-uk"
T1 = 1_700_000_000.0
SUPPORT = KeyTerm("support set", ("support sets",), 0.9, 1400)
META = KeyTerm("meta-learning", (), 0.8, 57)
SUPPORT_DEF = Definition("support set", "a small labelled training set of a task", "the support set is a small", 1401)
META_DEF = Definition("meta-learning", "learning to learn: a meta-learning model improves with each task", "ev", 61)


def built(
    lecture_id: str = "ByeRnmHJ-uk",
    title: str = "Learning to learn",
    url: str | None = URL,
    support_text: str = SUPPORT_DEF.definition,
) -> BuiltLecture:
    lec = Lecture(lecture_id, title, url, f"{lecture_id}.txt", "txt", (Segment(0.0, 1.0, "x"),))
    support = Definition("support set", support_text, SUPPORT_DEF.evidence, 1401)
    analysis = Analysis(lec, (SUPPORT, META), (support, META_DEF))
    return BuiltLecture.from_analysis(analysis, make_cards(analysis, logistics_words=(), kinds=KINDS))


@pytest.fixture
def col(tmp_path):
    collection = anki_collection.Collection(str(tmp_path / "collection.anki2"))
    yield collection
    collection.close()


def import_apkg(col, path: Path, **options):
    request = ImportAnkiPackageRequest(package_path=str(path), options=ImportAnkiPackageOptions(**options))
    return col.import_anki_package(request).log


def notes_by_guid(col) -> dict:
    return {n.guid: n for n in (col.get_note(nid) for nid in col.find_notes(""))}


def test_import_has_one_note_per_card_with_the_right_note_types(col, tmp_path):
    lecture = built()
    log = import_apkg(col, write_apkg([lecture], tmp_path / "deck.apkg", timestamp=T1))
    assert len(log.new) == len(lecture.cards) == 6
    assert col.card_count() == 6
    kinds = {}
    for note in notes_by_guid(col).values():
        kinds.setdefault(note.note_type()["name"], []).append(note)
    assert {k: len(v) for k, v in kinds.items()} == {"quizgen Cloze": 2, "quizgen Basic": 4}
    assert {n.mid for n in kinds["quizgen Cloze"]} == {CLOZE_MODEL_ID}
    assert {n.mid for n in kinds["quizgen Basic"]} == {BASIC_MODEL_ID}
    assert [f["name"] for f in kinds["quizgen Cloze"][0].note_type()["flds"]] == [
        "Text", "Extra", "Term", "Lecture", "Time", "Link", "Evidence"
    ]


def test_cloze_question_hides_the_term_and_answer_shows_it_with_a_watch_link(col, tmp_path):
    import_apkg(col, write_apkg([built()], tmp_path / "deck.apkg", timestamp=T1))
    (cid,) = col.find_cards('"note:quizgen Cloze" "Term:support set"')
    card = col.get_card(cid)
    question, answer = card.question(), card.answer()
    assert "[...]" in question
    assert "support set" not in question.split("</style>")[-1]
    assert "Learning to learn" in question  # the lecture title
    assert '<span class="cloze" data-ordinal="1">support set</span>' in answer
    assert re.search(r'<a href="https://www\.youtube\.com/watch\?v=ByeRnmHJ-uk&amp;t=1401s">▶ watch at 23:21</a>', answer)


def test_a_term_with_double_colons_is_deleted_whole_and_shown_as_written(col, tmp_path):
    lec = Lecture("cpp", "C++ containers", URL, "cpp.txt", "txt", (Segment(0.0, 1.0, "x"),))
    vector = KeyTerm("std::vector", (), 0.9, 10)
    analysis = Analysis(lec, (vector,), (Definition("std::vector", "a dynamic array of the standard library",
                                                    "ev", 10),))
    cards = make_cards(analysis, logistics_words=(), kinds=KINDS)
    import_apkg(col, write_apkg([BuiltLecture.from_analysis(analysis, cards)], tmp_path / "deck.apkg", timestamp=T1))
    (cid,) = col.find_cards('"note:quizgen Cloze"')
    card = col.get_card(cid)
    assert ">[...]<" in card.question() and "[vector]" not in card.question()  # deleted whole: no hint 'vector'
    shown = re.search(r'<span class="cloze" data-ordinal="1">(.*?)</span>', card.answer()).group(1)
    assert shown.replace("\u200b", "") == "std::vector"  # the zero-width space between the colons is unseen


def test_fields_hold_term_time_link_evidence_and_tags(col, tmp_path):
    lecture = built()
    import_apkg(col, write_apkg([lecture], tmp_path / "deck.apkg", timestamp=T1))
    note = notes_by_guid(col)[_guid(lecture, "support_set:basic")]
    assert note["Front"] == "What is a support set?"
    assert note["Back"] == "A small labelled training set of a task"
    assert note["Term"] == "support set"
    assert note["Time"] == "23:21"
    assert note["Link"].endswith("t=1401s")
    assert note["Evidence"] == "the support set is a small"
    assert sorted(note.tags) == ["lecture::ByeRnmHJ-uk", "quizgen", "term::support_set"]


def test_fields_are_html_escaped(col, tmp_path):
    lecture = built(support_text="a set of <b>labelled</b> examples & their labels for a task")
    import_apkg(col, write_apkg([lecture], tmp_path / "deck.apkg", timestamp=T1))
    (cid,) = col.find_cards('"note:quizgen Basic" "Front:What is a support set?"')
    answer = col.get_card(cid).answer()
    assert "&lt;b&gt;labelled&lt;/b&gt; examples &amp; their labels" in answer
    assert "<b>" not in answer


def test_untimed_lecture_without_url_shows_no_watch_link(col, tmp_path):
    lecture = built(url=None)
    import_apkg(col, write_apkg([lecture], tmp_path / "deck.apkg", timestamp=T1))
    (cid,) = col.find_cards('"note:quizgen Cloze" "Term:support set"')
    answer = col.get_card(cid).answer()
    assert "watch" not in answer
    assert "at 23:21" in answer


def test_new_cards_come_a_term_at_a_time_one_of_each_term_per_round(col, tmp_path):
    import_apkg(col, write_apkg([built()], tmp_path / "d.apkg", timestamp=T1))
    cards = sorted((col.get_card(cid) for cid in col.find_cards("is:new")), key=lambda c: (c.due, c.id))
    terms = [c.note()["Term"] for c in cards]
    # meta-learning is taught first (at 57 s): its first card, then support set's, then each one's second card...
    assert terms == ["meta-learning", "support set"] * 3
    assert [c.note().note_type()["name"] for c in cards[:2]] == ["quizgen Cloze", "quizgen Cloze"]


def test_the_browser_sorts_notes_by_term(col, tmp_path):
    lecture = built()
    import_apkg(col, write_apkg([lecture], tmp_path / "deck.apkg", timestamp=T1))
    assert [col.models.by_name(name)["sortf"] for name in ("quizgen Cloze", "quizgen Basic")] == [2, 2]
    # the sort field Anki stored with each note is its term, not its cloze text or question
    sort_fields = dict(col.db.all("SELECT guid, sfld FROM notes"))
    assert sort_fields == {_guid(lecture, c.key): c.term for c in lecture.cards}


def test_each_deck_is_described_by_its_lecture_url(col, tmp_path):
    lectures = [built("a1", "One", url="https://example.org/talk?v=1&list=<2>"), built("b2", "Two", url=None)]
    import_apkg(col, write_apkg(lectures, tmp_path / "course.apkg", timestamp=T1))
    descriptions = {d.name: col.decks.get(d.id)["desc"] for d in col.decks.all_names_and_ids()}
    assert descriptions["quizgen::01 One"] == "https://example.org/talk?v=1&amp;list=&lt;2&gt;"  # as HTML
    assert descriptions["quizgen::02 Two"] == ""


def test_one_deck_per_lecture_named_under_the_course(col, tmp_path):
    lectures = [built("a1", "Intro to meta-learning"), built("b2", "Few-shot learning")]
    path = write_apkg(lectures, tmp_path / "course.apkg", deck_name="ML Course", timestamp=T1)
    log = import_apkg(col, path)
    assert len(log.new) == 12
    names = {d.name for d in col.decks.all_names_and_ids()}
    assert {"ML Course::01 Intro to meta-learning", "ML Course::02 Few-shot learning"} <= names
    assert len(col.find_cards('"deck:ML Course::01 Intro to meta-learning"')) == 6
    assert len(col.find_cards('"deck:ML Course::02 Few-shot learning"')) == 6


def test_deck_ids_in_the_package_come_from_the_deck_names(tmp_path):
    lectures = [built("a1", "Intro to meta-learning"), built("b2", "Few-shot learning")]
    path = write_apkg(lectures, tmp_path / "course.apkg", deck_name="ML Course", timestamp=T1)
    with zipfile.ZipFile(path) as z:
        (tmp_path / "inner.anki2").write_bytes(z.read("collection.anki2"))
    with closing(sqlite3.connect(tmp_path / "inner.anki2")) as db:
        decks = json.loads(db.execute("SELECT decks FROM col").fetchone()[0])
    ids = {d["name"]: d["id"] for d in decks.values()}
    assert ids["ML Course::01 Intro to meta-learning"] == deck_id("ML Course::01 Intro to meta-learning")
    assert ids["ML Course::02 Few-shot learning"] == deck_id("ML Course::02 Few-shot learning")
    assert deck_id("ML Course::01 Intro to meta-learning") == 829623100623831  # pinned: must never change


def test_a_lone_lecture_takes_the_deck_name_as_given(col, tmp_path):
    import_apkg(col, write_apkg([built()], tmp_path / "one.apkg", deck_name="ML::03 Meta", timestamp=T1))
    assert len(col.find_cards('"deck:ML::03 Meta"')) == 6


def test_default_course_name_is_quizgen(col, tmp_path):
    import_apkg(col, write_apkg([built("a1", "One"), built("b2", "Two")], tmp_path / "c.apkg", timestamp=T1))
    names = {d.name for d in col.decks.all_names_and_ids()}
    assert {"quizgen::01 One", "quizgen::02 Two"} <= names


def test_rebuilding_and_reimporting_adds_nothing(col, tmp_path):
    import_apkg(col, write_apkg([built()], tmp_path / "first.apkg", timestamp=T1))
    log = import_apkg(col, write_apkg([built()], tmp_path / "again.apkg", timestamp=T1 + 60))
    assert len(log.new) == 0
    assert col.note_count() == 6
    assert len(log.duplicate) + len(log.updated) == 6
    assert not log.conflicting


def test_changed_wording_updates_the_note_in_place(col, tmp_path):
    first = built()
    import_apkg(col, write_apkg([first], tmp_path / "first.apkg", timestamp=T1))
    guid = _guid(first, "support_set:basic")
    nid = notes_by_guid(col)[guid].id
    reworded = built(support_text="the few labelled examples that come with one task")
    log = import_apkg(col, write_apkg([reworded], tmp_path / "second.apkg", timestamp=T1 + 60))
    assert len(log.new) == 0
    assert len(log.updated) == 6  # Anki counts every note with a newer modification time, changed or not
    assert col.note_count() == 6
    note = notes_by_guid(col)[guid]
    assert note.id == nid
    assert note["Back"] == "The few labelled examples that come with one task"
    cloze = notes_by_guid(col)[_guid(first, "support_set:cloze")]
    assert cloze["Text"] == "{{c1::support set}}: the few labelled examples that come with one task"


def test_update_needs_a_later_timestamp_even_when_told_to_always_update(col, tmp_path):
    # Anki takes a note with the same modification time as unchanged; so a pinned timestamp must move on.
    import_apkg(col, write_apkg([built()], tmp_path / "first.apkg", timestamp=T1))
    reworded = built(support_text="the few labelled examples that come with one task")
    always = ImportAnkiPackageUpdateCondition.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_ALWAYS
    log = import_apkg(col, write_apkg([reworded], tmp_path / "same.apkg", timestamp=T1), update_notes=always)
    assert len(log.updated) == 0 and len(log.new) == 0
    log = import_apkg(col, write_apkg([reworded], tmp_path / "later.apkg", timestamp=T1 + 1), update_notes=always)
    assert len(log.updated) == 6
    assert notes_by_guid(col)[_guid(reworded, "support_set:basic")]["Back"].startswith("The few labelled")


def test_fixed_timestamp_gives_identical_bytes(tmp_path):
    a = write_apkg([built()], tmp_path / "a.apkg", timestamp=T1)
    b = write_apkg([built()], tmp_path / "b.apkg", timestamp=T1)
    c = write_apkg([built()], tmp_path / "c.apkg", timestamp=T1 + 1)
    assert a.read_bytes() == b.read_bytes()
    assert a.read_bytes() != c.read_bytes()


def test_write_is_atomic_and_leaves_no_temp_files(tmp_path):
    out = tmp_path / "decks" / "deck.apkg"
    assert write_apkg([built()], out, timestamp=T1) == out
    assert [p.name for p in out.parent.iterdir()] == ["deck.apkg"]


def test_no_lectures_is_an_error(tmp_path):
    from quizgen.errors import QuizgenError

    with pytest.raises(QuizgenError):
        write_apkg([], tmp_path / "x.apkg")


def _guid(lecture: BuiltLecture, key: str) -> str:
    """The GUID of the lecture's card whose key is `key` (a term and a kind: 'support_set:basic')."""
    import genanki

    return genanki.guid_for(lecture.id, _key(lecture, key))


def _key(lecture: BuiltLecture, key: str) -> str:
    return next(c.key for c in lecture.cards if c.key == key)
