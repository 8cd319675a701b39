"""The study commands driven through typer's CliRunner, with a fixed clock (QUIZGEN_NOW) and seed."""
from __future__ import annotations

import builtins
import random
import sys
import types
from datetime import datetime, timedelta, timezone

import pytest
from fsrs import Card as FsrsCard
from fsrs import Rating, Scheduler, State
from study.study_fixtures import LECTURE_JSON, NOW, NOW_ENV, local_zone, make_lecture
from typer.testing import CliRunner

import quizgen.cli_study  # registers the study commands on quizgen.cli.app
from quizgen.cli import app
from quizgen.study.quiz import make_quiz
from quizgen.study.review import rate_card
from quizgen.errors import StoreError
from quizgen.study.store import Store

UTC = timezone.utc
MISSPELT = {"meta-learning": "meta lerning", "few-shot learning": "fewshot lerning", "support set": "suport set",
            "query set": "querry set", "prior": "piror", "transfer learning": "transfer lerning"}


def run(args: list[str], input: str = "", now: str | None = NOW_ENV):
    env = {"COLUMNS": "80", "QUIZGEN_NOW": now}
    return CliRunner().invoke(app, args, input=input, env=env)


def add_fixture():
    result = run(["add", str(LECTURE_JSON)])
    assert result.exit_code == 0, result.output
    return result


def test_add_reports_counts_and_is_idempotent(tmp_path):
    first = add_fixture()
    assert first.stdout.splitlines() == ["ByeRnmHJ-uk: Learning to learn: An Introduction to Meta Learning",
                                         "  18 new cards, 0 updated, 0 unchanged, 0 retired"]
    second = add_fixture()
    assert "0 new cards, 0 updated, 18 unchanged, 0 retired" in second.stdout
    reworded = tmp_path / "reworded.json"
    reworded.write_text(LECTURE_JSON.read_text().replace("handful of labelled examples", "few labelled examples"))
    # few-shot learning's three cards change
    assert "0 new cards, 3 updated, 15 unchanged, 0 retired" in run(["add", str(reworded)]).stdout


@pytest.mark.parametrize("args, message", [
    (["add", "missing.json"], "missing.json"),
    (["quiz", "no-such-lecture"], "not a file, nor the id of a lecture"),
])
def test_errors_are_one_line_and_exit_2(args, message):
    result = run(args)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and message in lines[0]


@pytest.mark.parametrize("command", ["quiz", "add"])
@pytest.mark.parametrize("content, message", [
    ("[1, 2]", "not a lecture JSON that quizgen wrote (expected an object)"),
    ('{"cards": []}', "not a lecture JSON that quizgen wrote (missing 'id')"),
    ('{"id": "x", "cards": [{"id": "x:a", "kind": "basic", "front": "f", "back": "b", "start_second": "soon"}]}',
     "not a lecture JSON that quizgen wrote"),
])
def test_a_damaged_lecture_json_is_one_line(tmp_path, command, content, message):
    path = tmp_path / "lecture.json"
    path.write_text(content)
    result = run([command, str(path)])
    assert result.exit_code == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"Error: {path}: {message}")


def test_add_takes_a_folder_of_lecture_jsons_and_says_what_a_transcript_needs(tmp_path):
    import shutil

    decks = tmp_path / "decks"
    decks.mkdir()
    shutil.copy(LECTURE_JSON, decks / "lecture.json")
    (decks / "notes.json").write_text('{"todo": []}')  # other JSON in the folder is left alone
    result = run(["add", str(decks)])
    assert result.exit_code == 0, result.output
    assert "18 new cards" in result.stdout
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run(["add", str(empty)])
    assert result.exit_code == 2 and result.stderr.splitlines() == [
        f"Error: {empty}: folder holds no lecture JSON (`quizgen build --json` writes them)"]
    talk = tmp_path / "talk.vtt"
    talk.write_text("WEBVTT\n\n00:01.000 --> 00:03.000\nEntropy is surprise.\n")
    result = run(["add", str(talk)])
    assert result.exit_code == 2 and "`quizgen build --json` makes one of a transcript" in result.stderr
    talk = tmp_path / "talk.json"  # a transcript in JSON (YouTube's), which parses
    talk.write_text('[{"text": "Entropy is surprise.", "start": 1.0, "duration": 2.0}]')
    result = run(["add", str(talk)])
    assert result.exit_code == 2 and result.stderr.splitlines() == [
        f"Error: {talk}: not a lecture JSON that quizgen wrote (expected an object); `quizgen build --json` makes "
        "one of a transcript"]


def test_a_bad_clock_is_an_error():
    result = run(["stats"], now="yesterday")
    assert result.exit_code == 2 and result.stderr.startswith("Error: QUIZGEN_NOW='yesterday'")


def _seed_with_alias_last(built, n):
    return next(s for s in range(200) if make_quiz(built, n, random.Random(s))[-1].aliases)


def _right(q):
    return str(q.options.index(q.answer) + 1) if q.options else q.answer


def _wrong(q):
    return str(next(i for i, o in enumerate(q.options, 1) if o != q.answer)) if q.options else "no idea"


def test_quiz_right_wrong_misspelt_and_alias_answers(built):
    seed = _seed_with_alias_last(built, 4)
    q = make_quiz(built, 4, random.Random(seed))
    answers = [_right(q[0]), _wrong(q[1]), MISSPELT[q[2].answer], q[3].aliases[-1]]
    result = run(["quiz", str(LECTURE_JSON), "-n", "4", "--seed", str(seed)], "\n".join(answers) + "\n")
    out = result.stdout
    assert result.exit_code == 0, result.output
    assert out.count("Question ") == 4 and "Question 4 of 4" in out
    assert out.count("✓ Correct") == 3
    assert f"✗ The answer is: {q[1].answer}" in out
    assert "Score: 3/4" in out and "stopped" not in out
    missed = out.split("Missed terms")[1]
    minutes, seconds = divmod(q[1].start_second, 60)
    assert f"• {q[1].answer}  watch at {minutes:02d}:{seconds:02d}" in missed
    assert q[1].url in missed
    for right in (q[0], q[2], q[3]):
        assert f"• {right.answer}" not in missed
    assert max(len(line) for line in out.splitlines()) <= 80


def test_quiz_prints_where_to_watch_after_each_answer(built):
    q = make_quiz(built, 2, random.Random(5))
    result = run(["quiz", str(LECTURE_JSON), "-n", "2", "--seed", "5"], "no idea\nno idea\n")
    for question in q:
        m, s = divmod(question.start_second, 60)
        assert f"watch at {m:02d}:{s:02d}  {question.url}" in result.stdout
    assert "Score: 0/2" in result.stdout


def test_quiz_stops_at_end_of_input_with_the_score_so_far(built):
    result = run(["quiz", str(LECTURE_JSON), "-n", "3", "--seed", "1"], _right(make_quiz(built, 3, random.Random(1))[0]) + "\n")
    assert result.exit_code == 0
    assert "Score: 1/1  (stopped after 1 of 3 questions)" in result.stdout


def test_quiz_ctrl_c_shows_the_score_so_far_and_exits_130(built, monkeypatch):
    interrupt_after(monkeypatch, _right(make_quiz(built, 3, random.Random(1))[0]))
    result = run(["quiz", str(LECTURE_JSON), "-n", "3", "--seed", "1"])
    assert result.exit_code == 130, result.output
    assert "Score: 1/1  (stopped after 1 of 3 questions)" in result.stdout
    assert "Traceback" not in result.output and "Aborted" not in result.output


def test_quiz_asks_again_when_a_choice_names_no_option(built):
    seed = next(s for s in range(200) if make_quiz(built, 2, random.Random(s))[0].options)
    q = make_quiz(built, 2, random.Random(seed))
    args = ["quiz", str(LECTURE_JSON), "-n", "2", "--seed", str(seed)]
    result = run(args, "7\ne\n\n0\n" + _right(q[0]) + "\n" + _right(q[1]) + "\n")
    assert result.exit_code == 0, result.output
    assert result.stdout.count("Choose 1-4 or a-d, or type the term.") == 4  # an empty answer is asked again
    assert result.stdout.count("✓ Correct") == 2 and "Score: 2/2" in result.stdout
    # end of input while asked again leaves the question unanswered, as at any other prompt
    result = run(args, "7\n")
    assert result.exit_code == 0 and "Score: 0/0  (stopped after 0 of 2 questions)" in result.stdout


def test_quiz_enter_alone_on_a_typed_question_is_i_dont_know(built):
    seed = next(s for s in range(200) if not make_quiz(built, 1, random.Random(s))[0].options)
    q = make_quiz(built, 1, random.Random(seed))[0]
    result = run(["quiz", str(LECTURE_JSON), "-n", "1", "--seed", str(seed)], "\n")
    assert "Press Enter alone if you don't know; the answer is then shown." in result.stdout
    assert f"✗ The answer is: {q.answer}" in result.stdout and "Score: 0/1" in result.stdout


def test_quiz_a_stored_lecture_by_id(built):
    add_fixture()
    q = make_quiz(built, 1, random.Random(2))[0]
    result = run(["quiz", built.id, "-n", "1", "--seed", "2"], _right(q) + "\n")
    assert result.exit_code == 0 and "Score: 1/1" in result.stdout


def test_quiz_a_stored_lecture_by_an_id_typed_decomposed():
    # a macOS terminal may hand over 'é' as 'e' and a combining accent; the store holds ids composed
    lecture = make_lecture([("café au lait", (), "coffee with hot milk")], lecture_id="caf\u00e9")
    with Store.open() as store:
        store.add_lecture(lecture, NOW)
    result = run(["quiz", "cafe\u0301", "-n", "1", "--seed", "0"], "café au lait\n")
    assert result.exit_code == 0, result.output
    assert "Score: 1/1" in result.stdout


def test_quiz_a_transcript_builds_it_first(built, tmp_path, monkeypatch):
    transcript = tmp_path / "talk.vtt"
    transcript.write_text("WEBVTT\n")
    calls = []

    def build_lecture_file(path):
        calls.append(path)
        return [built]

    monkeypatch.setitem(sys.modules, "quizgen.build", types.SimpleNamespace(build_lecture_file=build_lecture_file))
    q = make_quiz(built, 1, random.Random(3))[0]
    result = run(["quiz", str(transcript), "-n", "1", "--seed", "3"], _right(q) + "\n")
    assert result.exit_code == 0, result.output
    assert [str(p) for p in calls] == [str(transcript)]
    assert "Score: 1/1" in result.stdout
    assert result.stderr.startswith(f"{transcript}: a transcript; finding its key terms and cards first")


def test_quiz_stopped_while_building_its_transcript_says_so(tmp_path, monkeypatch):
    transcript = tmp_path / "talk.vtt"
    transcript.write_text("WEBVTT\n")

    def build_lecture_file(path):
        raise KeyboardInterrupt

    monkeypatch.setitem(sys.modules, "quizgen.build", types.SimpleNamespace(build_lecture_file=build_lecture_file))
    result = run(["quiz", str(transcript)])
    assert result.exit_code == 130 and result.stdout == ""
    assert result.stderr.splitlines()[-1] == "Interrupted."


def test_quiz_a_transcript_of_several_lectures_says_so(built, tmp_path, monkeypatch):
    transcript = tmp_path / "rows.jsonl"
    transcript.write_text("{}\n")
    other = make_lecture([("prior", (), "what you believe before the data")], lecture_id="lec2")
    monkeypatch.setitem(sys.modules, "quizgen.build",
                        types.SimpleNamespace(build_lecture_file=lambda path: [built, other]))
    result = run(["quiz", str(transcript)])
    assert result.exit_code == 2 and result.stdout == ""
    assert f"holds 2 lectures ({built.id}, lec2)" in result.stderr


def _card_state(card_id: int) -> FsrsCard:
    with Store.open() as store:
        return store.get_card(card_id).fsrs


def test_review_good_twice_gives_exact_due_dates():
    add_fixture()
    with Store.open() as store:
        first = store.new_cards()[0]
    # session 1: Good on the first new card; it comes back 10 minutes later, and input then ends
    result = run(["review", "--limit", "1"], "\n3\n")
    assert result.exit_code == 0, result.output
    assert "Good: next review in 10 minutes (2025-03-03 12:10 UTC)" in result.stdout
    assert "1 rating saved." in result.stdout
    assert _card_state(first.id).due == datetime(2025, 3, 3, 12, 10, tzinfo=UTC)
    # session 2, ten minutes on: the card is due, and Good graduates it
    result = run(["review", "--limit", "1"], "\n3\n", now="2025-03-03T12:10:00Z")
    assert "Good: next review in 2 days (2025-03-05 12:10 UTC)" in result.stdout
    state = _card_state(first.id)
    expected = FsrsCard(card_id=first.id, due=NOW)
    expected, _ = Scheduler().review_card(expected, Rating.Good, NOW)
    expected, _ = Scheduler().review_card(expected, Rating.Good, NOW + timedelta(minutes=10))
    assert state.to_dict() == expected.to_dict()
    assert state.due == datetime(2025, 3, 5, 12, 10, tzinfo=UTC) and state.state == State.Review


def test_review_undo_takes_back_the_last_rating():
    add_fixture()
    with Store.open() as store:
        a, b = store.new_cards()[:2]
    # Again on A, then on B's front press u: A comes back; Enter, Good; then quit
    result = run(["review"], "\n1\nu\n\n3\nq\n")
    assert result.exit_code == 0, result.output
    assert "Undone: the last rating of “meta-learning”." in result.stdout
    with Store.open() as store:
        reviews = store.reviews()
        assert [(r.card_id, r.log.rating) for r in reviews] == [(a.id, Rating.Good)]
        assert store.get_card(b.id).is_new
    assert "1 rating saved." in result.stdout


def test_review_keys_accept_words_and_reject_others():
    add_fixture()
    result = run(["review", "--limit", "1"], "\n7\n\neasy\n")
    assert "Again 1 · Hard 2 · Good 3 · Easy 4" in result.stdout
    assert result.stdout.count("Not a rating: type 1-4 (or again, hard, good, easy), u to undo or q to quit.") == 2
    with Store.open() as store:
        assert [r.log.rating for r in store.reviews()] == [Rating.Easy]


def interrupt_after(monkeypatch, *lines: str) -> None:
    """Make input() give `lines`, then raise KeyboardInterrupt as Ctrl-C does."""
    script = iter(lines)

    def scripted_input(prompt=""):
        line = next(script, None)
        if line is None:
            raise KeyboardInterrupt
        return line

    monkeypatch.setattr(builtins, "input", scripted_input)


def test_review_ctrl_c_exits_130_with_ratings_saved(monkeypatch):
    add_fixture()
    interrupt_after(monkeypatch, "", "3", "", "4", "")
    result = run(["review"])
    assert result.exit_code == 130, result.output
    assert "2 ratings saved." in result.stdout
    assert "Traceback" not in result.output
    with Store.open() as store:
        assert [r.log.rating for r in store.reviews()] == [Rating.Good, Rating.Easy]


def test_a_store_that_fails_mid_session_says_how_many_ratings_were_saved_then_why(monkeypatch):
    add_fixture()
    real = Store.record_review
    calls = []

    def busy_at_the_second(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise StoreError(f"the study store {self.path} is busy: database is locked")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Store, "record_review", busy_at_the_second)
    result = run(["review"], "\n3\n\n3\n\n3\n")
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "1 rating saved." in result.stdout and "is busy: database is locked" in result.stderr
    with Store.open() as store:
        assert len(store.reviews()) == 1


def test_undo_of_a_card_rated_again_since_says_why_once():
    add_fixture()
    with Store.open() as store:
        card = store.new_cards()[0]
        first = rate_card(store, card.id, Rating.Again, NOW)
        rate_card(store, card.id, Rating.Good, NOW)
        with pytest.raises(StoreError) as refused:
            store.undo_review(first.id)
    assert str(refused.value) == "the card has been reviewed again since"  # the terminal prefixes 'Cannot undo:'


def test_review_with_nothing_due():
    result = run(["review"])
    assert result.exit_code == 0 and "the study store has no cards yet" in result.stdout
    add_fixture()
    result = run(["review", "--new-per-day", "0"])
    assert result.exit_code == 0
    assert "Nothing to review right now" in result.stdout
    run(["review", "--limit", "1"], "\n3\n")
    result = run(["review", "--new-per-day", "0"], now="2025-03-03T12:01:00Z")
    assert "The next card is due in 9 minutes." in result.stdout


def test_review_holds_back_a_sibling_for_the_rest_of_the_day():
    add_fixture()
    run(["review", "--limit", "1"], "\n4\n")  # Easy on meta-learning's cloze card
    result = run(["review"], "\n", now="2025-03-03T12:02:00Z")
    assert "5 left · new" in result.stdout and "few-shot learning" in result.stdout
    assert "What is meant by" not in result.stdout and "meta-learning" not in result.stdout


def test_review_says_when_due_cards_wait_for_a_sibling():
    add_fixture()
    with Store.open() as store:
        cloze, basic = store.new_cards()[:2]
        for card in (cloze, basic):
            rate_card(store, card.id, Rating.Easy, NOW, Scheduler(enable_fuzzing=False))  # due on 03-11
    result = run(["review", "--new-per-day", "0"], "\n3\n", now="2025-03-11T12:00:00Z")
    assert "1 left · review" in result.stdout and "1 rating saved." in result.stdout
    result = run(["review", "--new-per-day", "0"], now="2025-03-11T12:01:00Z")
    assert result.exit_code == 0
    assert "Nothing to review right now: 1 due card waits until tomorrow" in result.stdout


def test_review_new_per_day_and_limit():
    add_fixture()
    result = run(["review", "--new-per-day", "2"], "\n4\n\n4\n\n4\n")
    assert "2 ratings saved." in result.stdout and "No more cards due" in result.stdout
    result = run(["review", "--new-per-day", "2"])
    assert "Nothing to review right now" in result.stdout
    result = run(["review", "--limit", "1"], "\n4\n\n4\n", now="2025-03-04T12:00:00Z")
    assert "1 rating saved." in result.stdout
    # the limit stops the session, not the queue: it does not say all is done where cards are still due
    assert "No more cards due" not in result.stdout and "Stopped at --limit 1; 5 more cards to review now." \
        in result.stdout


def test_review_limit_says_no_count_where_only_a_card_rated_again_is_left():
    add_fixture()
    result = run(["review", "--new-per-day", "1", "--limit", "1"], "\n1\n")
    assert result.exit_code == 0, result.output
    assert "Stopped at --limit 1.\n" in result.stdout and "0 more" not in result.stdout


def test_review_limit_caps_ratings_including_cards_shown_again():
    add_fixture()
    result = run(["review", "--limit", "3"], "\n1\n" * 8)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert [line.split(" left ")[0].strip("─ ") for line in out.splitlines() if " left · " in line] == ["3", "2", "1"]
    assert out.count("Again: next review in 1 minute") == 3
    assert "Stopped at --limit 3; 3 more cards to review now." in out and "No more cards due" not in out \
        and "3 ratings saved." in out  # the three rated Again are due in a minute, not now
    with Store.open() as store:
        assert len(store.reviews()) == 3
    # the cards rated Again are due again in a minute, and the next session starts with them
    result = run(["review", "--limit", "1"], "\n3\n", now="2025-03-03T12:02:00Z")
    assert "1 left · learning" in result.stdout and "1 rating saved." in result.stdout
    assert "Stop after this many ratings; a card shown again in the session counts again." in \
        " ".join(run(["review", "--help"]).stdout.replace("│", " ").split())


# Again and Good on card A, Good twice on card B (due in 2 days), then Hard on A (due in 10 minutes): one card due
# today and two this week; five reviews, of which only the Again is a lapse
SOME_REVIEWS = "\n1\n\n3\n\n3\n\n3\n\n2\nq\n"


def test_stats_after_some_reviews():
    add_fixture()
    run(["review", "--new-per-day", "2"], SOME_REVIEWS)
    result = run(["stats"])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Learning to learn" in out
    assert "Due today: 1 · new: 16 · due this week: 2 · reviews done: 5 · retention: 80%" in out
    header = next(line for line in out.splitlines() if line.startswith("Lecture"))
    assert [cell.strip() for cell in header.split("┃")[1:]] == ["Cards", "New", "Today", "Week", "Reviews",
                                                                "Retention"]
    row = next(line for line in out.splitlines() if line.startswith("Learning to learn"))
    assert [cell.strip() for cell in row.split("│")[1:]] == ["18", "16", "1", "2", "5", "80%"]


@pytest.mark.parametrize("columns", ["66", "40", "20"])
def test_stats_on_a_narrow_terminal_shows_every_number_whole(columns):
    add_fixture()
    run(["review", "--new-per-day", "2"], SOME_REVIEWS)
    out = CliRunner().invoke(app, ["stats"], env={"COLUMNS": columns, "QUIZGEN_NOW": NOW_ENV}).stdout
    assert max(len(line) for line in out.splitlines()) <= int(columns)
    numbers = [line.strip() for line in out.splitlines() if line.startswith("  ")]
    assert numbers == ["Cards: 18", "New: 16", "Today: 1", "Week: 2", "Reviews: 5", "Retention: 80%"], out


@pytest.fixture
def tokyo(monkeypatch):
    """The machine's local zone set to Tokyo (UTC+9, no daylight saving), as $TZ sets it."""
    with local_zone(monkeypatch, "Asia/Tokyo"):
        yield


def test_without_quizgen_now_the_day_ends_at_local_midnight(tokyo, monkeypatch):
    # the real clock, pinned here to 12:00 UTC (21:00 in Tokyo); the zone is the machine's, not UTC's
    clock = [NOW]
    monkeypatch.setattr(quizgen.cli_study, "_clock", lambda: clock[0])
    assert NOW.astimezone(quizgen.cli_study._zone()).utcoffset() == timedelta(hours=9)
    add_fixture()
    assert "1 rating saved." in run(["review", "--new-per-day", "1"], "\n4\n", now=None).stdout
    # 14:59 UTC is still 23:59 in Tokyo: today's one new card is done
    clock[0] = NOW + timedelta(hours=2, minutes=59)
    assert "Nothing to review right now" in run(["review", "--new-per-day", "1"], now=None).stdout
    # 15:00 UTC is midnight in Tokyo, though not in UTC: a new day and a new card
    clock[0] = NOW + timedelta(hours=3)
    result = run(["review", "--new-per-day", "1"], "\n3\n", now=None)
    assert "1 left · new" in result.stdout and "1 rating saved." in result.stdout


def test_stats_on_an_empty_store():
    result = run(["stats"])
    assert result.exit_code == 0 and "The study store is empty" in result.stdout


HEAVY = ("torch", "spacy", "keybert", "sentence_transformers", "genanki", "pyarrow")


@pytest.mark.parametrize("args", [["stats"], ["review"], ["quiz", str(LECTURE_JSON), "--seed", "1"]])
def test_study_commands_load_no_heavy_package(args, home):
    import subprocess

    from study.study_fixtures import subprocess_env

    code = (f"import sys; sys.argv = ['quizgen', *{args!r}]\n"
            "from quizgen.cli import main\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            f"print('loaded:', sorted(m for m in {HEAVY!r} if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], input="", capture_output=True, text=True,
                         env=subprocess_env(home, QUIZGEN_NOW=NOW_ENV), timeout=60).stdout
    assert out.splitlines()[-1] == "loaded: []"


def test_review_limit_0_says_it_asks_for_no_cards():
    add_fixture()
    result = run(["review", "--limit", "0"], "")
    assert result.exit_code == 0 and "--limit 0 asks for no cards" in result.stdout
    assert "wait" not in result.stdout  # no sibling holds anything back
