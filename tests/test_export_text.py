"""The text exports: the Anki-importable TSV (imported into real Anki), the Markdown study guide, labels."""
from __future__ import annotations

import re

from dataclasses import replace

import genanki
import pytest

from quizgen.cards import KINDS, make_cards
from quizgen.export.labels import clock, deck_names
from quizgen.export.lecture_json import BuiltLecture
from quizgen.export.markdown import write_study_guide
from quizgen.export.tsv import HEADER, write_tsv
from quizgen.model import Analysis, Definition, KeyTerm, Lecture, Segment

URL = "https://www.youtube.com/watch?v=ByeRnmHJ-uk"
SUPPORT = KeyTerm("support set", (), 0.9, 1400)
META = KeyTerm("meta-learning", (), 0.8, 57)
QUERY = KeyTerm("query set", (), 0.7, 1500)
EPISODE = KeyTerm("episode", (), 0.6, None)


def built(
    url: str | None = URL, timed: bool = True, lecture_id: str = "ByeRnmHJ-uk", title: str = "Learning to learn"
) -> BuiltLecture:
    second = (lambda s: s) if timed else (lambda s: None)
    lec = Lecture(lecture_id, title, url, "x.txt", "txt", (Segment(0.0 if timed else None, None, "x"),))
    terms = tuple(KeyTerm(t.term, t.aliases, t.score, second(t.start_second)) for t in (SUPPORT, QUERY, META, EPISODE))
    defs = (
        Definition("support set", 'a small "labelled"\ttraining set\nof a task', "ev", second(1401)),
        Definition("meta-learning", "learning to learn: a model improves with each [task] it sees", "ev", second(61)),
    )
    analysis = Analysis(lec, terms, defs)
    return BuiltLecture.from_analysis(analysis, make_cards(analysis, logistics_words=(), kinds=KINDS))


# --- TSV ---------------------------------------------------------------------------------------------


def test_tsv_starts_with_anki_file_headers_and_has_six_columns_per_row(tmp_path):
    lecture = built()
    text = write_tsv([lecture], tmp_path / "cards.tsv").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert lines[:6] == [
        "#separator:tab", "#html:true", "#notetype column:1", "#deck column:2", "#tags column:5", "#guid column:6"
    ]
    assert tuple(lines[:6]) == HEADER
    rows = [line.split("\t") for line in lines[6:]]
    assert len(rows) == len(lecture.cards) == 6
    assert all(len(r) == 6 for r in rows)
    # a term's cards one per round, as the .apkg orders them: each term's cloze, then each one's Q&A and reverse
    assert [r[0] for r in rows] == ["Cloze", "Cloze", "Basic", "Basic", "Basic", "Basic"]
    assert rows[0][5] == genanki.guid_for("ByeRnmHJ-uk", lecture.cards[0].key)  # same identity as the .apkg
    assert lecture.cards[0].key == "meta_learning:cloze"
    assert rows[0][4] == "quizgen lecture::ByeRnmHJ-uk term::meta_learning"


def test_tsv_fields_are_escaped_and_one_line(tmp_path):
    rows = [line.split("\t") for line in write_tsv([built()], tmp_path / "c.tsv").read_text().splitlines()[6:]]
    basic = next(r for r in rows if r[2] == "What is a support set?")
    assert basic[3].startswith("A small &quot;labelled&quot; training set of a task<br>")
    assert "<a href='https://www.youtube.com/watch?v=ByeRnmHJ-uk&amp;t=1401s'>▶ watch at 23:21</a>" in basic[3]


def test_tsv_imports_into_a_fresh_anki_collection(tmp_path):
    collection = pytest.importorskip("anki.collection")
    from anki.import_export_pb2 import ImportCsvRequest

    path = write_tsv([built(), built(lecture_id="b2", title="Part two")], tmp_path / "c.tsv", deck_name="ML")
    col = collection.Collection(str(tmp_path / "collection.anki2"))
    try:
        metadata = col.get_csv_metadata(str(path), None)
        assert (metadata.guid_column, metadata.notetype_column, metadata.deck_column, metadata.tags_column) == (
            6, 1, 2, 5
        )
        log = col.import_csv(ImportCsvRequest(path=str(path), metadata=metadata)).log
        assert len(log.new) == 12
        names = {d.name for d in col.decks.all_names_and_ids()}
        assert {"ML::01 Learning to learn", "ML::02 Part two"} <= names
        (nid,) = col.find_notes('"note:Cloze" "deck:ML::02 Part two" "Text:*support set*"')
        note = col.get_note(nid)
        assert note.guid == genanki.guid_for("b2", "support_set:cloze")
        assert note["Text"].startswith("A {{c1::support set}} is a small")
        assert "term::support_set" in note.tags
        again = col.import_csv(ImportCsvRequest(path=str(path), metadata=metadata)).log
        assert len(again.new) == 0 and col.note_count() == 12
    finally:
        col.close()


def test_tsv_deck_named_with_quotes_imports_as_the_apkg_names_it(tmp_path):
    collection = pytest.importorskip("anki.collection")
    from anki.import_export_pb2 import ImportCsvRequest

    for n, title in enumerate(('"Hashing" explained', '"Unbalanced quote')):
        path = write_tsv([built(title=title)], tmp_path / f"c{n}.tsv")
        col = collection.Collection(str(tmp_path / f"collection{n}.anki2"))
        try:
            log = col.import_csv(ImportCsvRequest(path=str(path), metadata=col.get_csv_metadata(str(path), None))).log
            assert len(log.new) == 6 and col.note_count() == 6
            names = {d.name for d in col.decks.all_names_and_ids()}
            assert deck_names([title], None)[0] in names, names
        finally:
            col.close()


def test_tsv_row_whose_guid_starts_with_a_hash_is_imported(tmp_path):
    collection = pytest.importorskip("anki.collection")
    from anki.import_export_pb2 import ImportCsvRequest

    lecture = built()
    card = replace(lecture.cards[1], key="term2095:basic")
    assert genanki.guid_for(lecture.id, card.key).startswith("#")  # Anki would read the line as a comment
    path = write_tsv([replace(lecture, cards=(card,))], tmp_path / "c.tsv")
    col = collection.Collection(str(tmp_path / "collection.anki2"))
    try:
        log = col.import_csv(ImportCsvRequest(path=str(path), metadata=col.get_csv_metadata(str(path), None))).log
        assert len(log.new) == 1
    finally:
        col.close()


def test_tsv_untimed_and_unlinked_cards_show_only_the_lecture(tmp_path):
    text = write_tsv([built(url=None, timed=False)], tmp_path / "c.tsv").read_text()
    assert "watch" not in text and "at 23:21" not in text
    assert "<small>Learning to learn</small>" in text


# --- Markdown study guide --------------------------------------------------------------------------


def test_study_guide_lists_terms_in_teaching_order_with_watch_links(tmp_path):
    text = write_study_guide(built(), tmp_path / "guide.md").read_text(encoding="utf-8")
    assert text == (
        "# Learning to learn\n"
        "\n"
        f"Lecture: <{URL}>\n"
        "\n"
        "## Glossary\n"
        "\n"
        "- **meta-learning**: Learning to learn: a model improves with each \\[task\\] it sees"
        f" ([watch at 01:01](<{URL}&t=61s>))\n"
        '- **support set**: A small "labelled" training set of a task'
        f" ([watch at 23:21](<{URL}&t=1401s>))\n"
        "\n"
        "## Also mentioned\n"
        "\n"
        "query set, episode\n"
    )


def test_study_guide_of_an_untimed_lecture_keeps_the_order_taught_and_strikes_nothing_through(tmp_path):
    lec = Lecture("notes", "Plain ~~notes~~", None, "notes.txt", "txt", (Segment(None, None, "x"),))
    terms = tuple(KeyTerm(t, (), 0.5, None) for t in ("apple orchard", "mango tree", "zebra crossing"))
    defs = (Definition("zebra crossing", "a road marking where people on foot ~~may~~ cross first", "e1", None),
            Definition("mango tree", "a tropical tree that bears sweet stone fruit in summer", "e2", None),
            Definition("apple orchard", "a farm planted with apple trees grown for their fruit", "e3", None),
            Definition("zebra crossing", "a place where drivers must stop and let people walk across", "e4", None))
    analysis = Analysis(lec, terms, defs)  # definitions come in the lecture's order
    untimed = BuiltLecture.from_analysis(analysis, make_cards(analysis, logistics_words=(), kinds=KINDS))
    text = write_study_guide(untimed, tmp_path / "g.md").read_text(encoding="utf-8")
    assert [line.split("**")[1] for line in text.splitlines() if line.startswith("- **")] == [
        "zebra crossing", "mango tree", "apple orchard"]  # as taught, not alphabetical
    zebra = [line for line in text.splitlines() if line.startswith("  - ")]
    # the main passage as its Q&A answers; another as its cloze reads, filled in
    assert zebra[0].startswith("  - A road marking") and zebra[1].startswith("  - A zebra crossing is a place where")
    assert "\\~\\~may\\~\\~" in text and "# Plain \\~\\~notes\\~\\~" in text  # tildes kept as written
    odd = replace(untimed, url="https://example.com/my talk.mp4?q=<b>")
    text = write_study_guide(odd, tmp_path / "odd.md").read_text(encoding="utf-8")
    assert "Lecture: <https://example.com/my%20talk.mp4?q=%3Cb%3E>" in text  # still a link, and no tag


def test_study_guide_writes_a_term_with_double_colons_as_said(tmp_path):
    lec = Lecture("cpp", "C++ containers", None, "x.txt", "txt", (Segment(0.0, None, "x"),))
    vector = KeyTerm("std::vector", (), 0.9, 10)
    defs = (Definition("std::vector", "std::vector is a dynamic array from the standard library", "ev", 10),
            Definition("std::vector", "a std::vector grows its storage when it runs out of room", "ev2", 90))
    analysis = Analysis(lec, (vector,), defs)
    guide = BuiltLecture.from_analysis(analysis, make_cards(analysis, logistics_words=()))
    text = write_study_guide(guide, tmp_path / "g.md").read_text(encoding="utf-8")
    assert "\u200b" not in text and "A std::vector grows its storage" in text


def test_study_guide_gives_a_term_explained_twice_one_entry(tmp_path):
    lecture = built()
    lec = Lecture("ByeRnmHJ-uk", "Learning to learn", URL, "x.txt", "txt", (Segment(0.0, None, "x"),))
    defs = (Definition("support set", "a small labelled training set of a task", "ev", 1401),
            Definition("support set", "the examples a model adapts on before it is tested", "ev2", 1500))
    analysis = Analysis(lec, lecture.key_terms, defs)
    twice = BuiltLecture.from_analysis(analysis, make_cards(analysis, logistics_words=(), kinds=KINDS))
    text = write_study_guide(twice, tmp_path / "g.md").read_text(encoding="utf-8")
    assert "- **support set**\n" in text and text.count("**support set**") == 1
    assert f"  - A small labelled training set of a task ([watch at 23:21](<{URL}&t=1401s>))\n" in text
    other = "Support set: the examples a model adapts on before it is tested"  # its cloze, filled in
    assert f"  - {other} ([watch at 25:00](<{URL}&t=1500s>))\n" in text


def test_study_guide_lists_many_explanations_by_time_and_opens_none_as_a_list(tmp_path):
    lec = Lecture("ByeRnmHJ-uk", "Learning to learn", URL, "x.txt", "txt", (Segment(0.0, None, "x"),))
    said = ["the few labelled examples a model adapts on", "what each task hands the learner before testing",
            "a tiny training set drawn for one episode", "the shots of an n-way k-shot problem",
            "images whose classes the query images must match", "data the inner loop fits its weights to",
            "what prototypes are averaged from in prototypical networks", "the context a transformer reads first",
            "five pictures per class in mini-imagenet runs", "labels given only at meta test time",
            "the counterpart of the query set"]
    defs = tuple(Definition("support set", text, f"ev{i}", 100 + 10 * i) for i, text in enumerate(said))
    defs += (Definition("support set", "1990. That year it was named a support set of a task", "ev99", 400),)
    analysis = Analysis(lec, built().key_terms, defs)
    guide = BuiltLecture.from_analysis(analysis, make_cards(analysis, logistics_words=(), kinds=KINDS))
    text = write_study_guide(guide, tmp_path / "g.md").read_text(encoding="utf-8")
    times = re.findall(r"watch at (\d\d:\d\d)", text)
    assert len(times) >= 11 and times == sorted(times)  # ':10' after ':9', not before ':2'
    assert "  - 1990\\. That year" in text  # not an ordered list that starts at 1990


def test_study_guide_also_mentions_undefined_terms_in_teaching_order_not_alphabetically(tmp_path):
    lecture = built()
    variance = KeyTerm("variance", (), 0.5, 30)  # said long before 'query set' (1500), after it by name
    more = replace(lecture, key_terms=lecture.key_terms + (variance,))
    text = write_study_guide(more, tmp_path / "g.md").read_text(encoding="utf-8")
    assert text.endswith("## Also mentioned\n\nvariance, query set, episode\n")
    ranked = tuple(KeyTerm(t, (), 0.9 - i / 10, None) for i, t in enumerate(("zeta function", "analytic", "pole")))
    untimed = replace(lecture, key_terms=ranked, cards=())
    text = write_study_guide(untimed, tmp_path / "u.md").read_text(encoding="utf-8")
    assert text.endswith("## Also mentioned\n\nzeta function, analytic, pole\n")  # by rank, not alphabetical


def test_study_guide_without_link_says_at_and_without_times_says_nothing(tmp_path):
    unlinked = write_study_guide(built(url=None), tmp_path / "a.md").read_text()
    assert "- **support set**: A small \"labelled\" training set of a task (at 23:21)" in unlinked
    assert "Lecture:" not in unlinked
    untimed = write_study_guide(built(url=None, timed=False), tmp_path / "b.md").read_text()
    assert "- **support set**: A small \"labelled\" training set of a task\n" in untimed
    assert " at " not in untimed


def test_writers_leave_no_temp_files(tmp_path):
    write_tsv([built()], tmp_path / "out" / "c.tsv")
    write_study_guide(built(), tmp_path / "out" / "g.md")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["c.tsv", "g.md"]


# --- labels ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("second", "text"), [(None, ""), (0, "00:00"), (61, "01:01"), (1401, "23:21"), (3725, "1:02:05")])
def test_clock(second, text):
    assert clock(second) == text


def test_deck_names():
    assert deck_names(["Only one"]) == ["Only one"]
    assert deck_names(["Only one"], "ML") == ["ML"]
    assert deck_names(["Only one"], "quizgen::01 Only one") == ["quizgen::01 Only one"]
    assert deck_names(["A", "B::C"]) == ["quizgen::01 A", "quizgen::02 B:C"]
    assert deck_names([str(i) for i in range(100)], "X")[99] == "X::100 99"
    # a --deck with an empty level ('CS101::', '::Lead', '  ') would make Anki decks named 'blank'
    from quizgen.export.labels import build_decks

    assert [build_decks(["Hash"], deck) for deck in ("CS101::", "::Lead", "  ", "CS 101 :: Fall")] == [
        ["CS101::Hash"], ["Lead::Hash"], ["Hash"], ["CS 101::Fall::Hash"]]
    assert deck_names(["A", "B"], " :: ") == ["quizgen::01 A", "quizgen::02 B"]


def test_lecture_json_without_a_title_is_titled_by_its_id_on_every_card():
    lecture = BuiltLecture.from_dict({"id": "lec9", "cards": [{"id": "lec9:x:basic", "kind": "basic", "front": "f",
                                                               "back": "b"}]})
    assert lecture.title == "lec9" and lecture.cards[0].lecture_title == "lec9"
    assert lecture.cards[0].key == "x:basic"


def test_lecture_json_reads_back_every_definition_and_card_as_written(tmp_path):
    from quizgen.export.lecture_json import read_lecture_json, write_lecture_json

    lecture = built()
    sure = tuple(replace(d, confidence=c) for d, c in zip(lecture.definitions, (0.9, 0.15)))
    lecture = replace(lecture, definitions=sure)
    back = read_lecture_json(write_lecture_json(lecture, tmp_path / "lecture.json"))
    assert back == lecture  # quiz and review work from what was read back: nothing may be lost
    assert [d.confidence for d in back.definitions] == [0.9, 0.15]
    assert back.cards[0].tags == ("quizgen", "lecture::ByeRnmHJ-uk", "term::meta_learning")


def test_a_folder_of_lectures_that_is_also_the_output_folder_reads_only_the_lectures(tmp_path):
    from quizgen.export.lecture_json import write_lecture_json
    from quizgen.ingest import iter_lectures

    (tmp_path / "lecture.srt").write_text("1\n00:00:01,000 --> 00:00:02,000\nhello there\n")
    write_lecture_json(built(lecture_id="lecture"), tmp_path / "lecture.json")
    write_tsv([built(lecture_id="lecture")], tmp_path / "lecture.tsv")
    (tmp_path / "notes.json").write_text('{"id": "x", "title": "not ours"}')  # JSON that is no lecture of ours
    with pytest.raises(Exception, match="notes.json"):
        list(iter_lectures([tmp_path]))
    (tmp_path / "notes.json").unlink()
    assert [lec.id for lec in iter_lectures([tmp_path])] == ["lecture"]


def test_a_course_of_one_lecture_is_still_a_course():
    from quizgen.export.labels import build_decks

    assert build_decks(["Rate of change"], "Calculus") == ["Calculus::Rate of change"]
    assert build_decks(["A", "B"], "Calculus") == ["Calculus::01 A", "Calculus::02 B"]
    assert build_decks(["Rate of change"], None) == ["Rate of change"]
