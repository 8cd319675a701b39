"""The CLI end to end: inspect, build of the bundled sample on the real models, and bad input."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from anki_import import import_apkg
from conftest import DATA
from typer.testing import CliRunner

from quizgen.cli import app

runner = CliRunner()


def test_inspect_reports_format_id_and_counts():
    result = runner.invoke(app, ["inspect", str(DATA / "ingest" / "rows.jsonl")])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 2
    assert "jsonl" in lines[0] and "id=abcdefghijk" in lines[0] and "segments=2" in lines[0]
    assert "words=4" in lines[0] and "span=00:00-00:09" in lines[0]


@pytest.mark.parametrize("name", ["empty.txt", "binary.bin", "latin1.txt", "missing_columns.txt",
                                  "broken_timing.vtt", "not_transcript.json", "no-such-file.vtt"])
def test_bad_input_is_one_line_exit_2_and_writes_nothing(name, tmp_path):
    out = tmp_path / "out"
    good = DATA / "ingest" / "simple.srt"
    result = runner.invoke(app, ["build", str(good), str(DATA / "bad" / name), "--out", str(out), "--json"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("Error: ")
    assert name in result.stderr
    assert not out.exists()  # not even the folder the build made for its outputs


def test_an_interrupted_build_says_so_exits_130_and_writes_nothing(tmp_path, monkeypatch):
    import quizgen.build as build_mod

    def interrupted(paths, options, progress=None, start=None):
        raise KeyboardInterrupt

    monkeypatch.setattr(build_mod, "build", interrupted)
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(DATA / "ingest" / "simple.srt"), "--out", str(out)])
    assert result.exit_code == 130 and result.stderr.startswith("Interrupted: nothing written")
    assert not out.exists()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_build_stopped_by_kill_cleans_up_as_after_ctrl_c(tmp_path, jobs):
    import os
    import signal
    import time

    from quizgen.sample import sample_path

    out = tmp_path / "out"
    lectures = []
    for n in range(8):  # eight lectures: the build is still running when the first one's files are staged
        copy = tmp_path / f"lecture{n}{sample_path().suffix}"
        copy.write_bytes(sample_path().read_bytes())
        lectures.append(str(copy))
    code = "import sys; from quizgen.cli import main; sys.argv = ['quizgen'] + sys.argv[1:]; main()"
    build = subprocess.Popen([sys.executable, "-c", code, "build", *lectures, "--out", str(out), "--json", "-j", jobs,
                              "--no-cache"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             env=dict(os.environ, QUIZGEN_CACHE=str(tmp_path / "cache")))
    deadline = time.monotonic() + 120
    while not any(out.glob(".quizgen-staging-*/*")) and build.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)  # until the first lecture's files are staged
    build.send_signal(signal.SIGTERM)
    _, err = build.communicate(timeout=120)
    assert build.returncode == 128 + signal.SIGTERM and "Interrupted: nothing written" in err, err
    assert "Warning" not in err, err  # nor, with workers, multiprocessing's word on the semaphores they left
    assert not out.exists()  # no staged files left behind, nothing half-written, nor the folder made for them


def test_a_build_stopped_keeps_the_out_folder_the_user_had_and_removes_the_ones_it_made(tmp_path):
    from quizgen.build import BuildOptions, build

    def stop(infos):  # called once the outputs' folder is made, before any analysis
        raise KeyboardInterrupt

    lecture = str(DATA / "ingest" / "simple.srt")
    out = tmp_path / "out"
    (out / "old.apkg").parent.mkdir()
    (out / "old.apkg").write_bytes(b"a deck from before")
    with pytest.raises(KeyboardInterrupt):
        build([lecture], BuildOptions(out_dir=out, use_cache=False), start=stop)
    assert [p.name for p in out.iterdir()] == ["old.apkg"]
    with pytest.raises(KeyboardInterrupt):
        build([lecture], BuildOptions(out_dir=tmp_path / "new" / "decks", use_cache=False), start=stop)
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # 'new' goes too


def test_a_worker_started_as_the_pool_closes_prints_no_traceback(capsys):
    from quizgen.forkserver import quiet_if_the_pool_is_gone

    def raised_in(filename: str, exc: BaseException):
        code = compile("def rebuild(exc):\n    raise exc\n", filename, "exec")
        scope: dict = {}
        exec(code, scope)
        try:
            scope["rebuild"](exc)
        except BaseException:
            return sys.exc_info()

    # the lock of a pool that Ctrl-C closed is gone when the worker unpickles it: nothing to say
    quiet_if_the_pool_is_gone(*raised_in("/usr/lib/python3/multiprocessing/synchronize.py", FileNotFoundError(2, "x")))
    assert capsys.readouterr().err == ""
    # any other failure in a worker is printed as Python would
    quiet_if_the_pool_is_gone(*raised_in("/work/quizgen/nlp/models.py", FileNotFoundError(2, "no model")))
    quiet_if_the_pool_is_gone(*raised_in("/usr/lib/python3/multiprocessing/synchronize.py", OSError(28, "full")))
    err = capsys.readouterr().err
    assert "FileNotFoundError: [Errno 2] no model" in err and "OSError: [Errno 28] full" in err


def test_a_lecture_without_cards_is_said_to_have_an_empty_deck(tmp_path, monkeypatch):
    import quizgen.build as build_mod
    from quizgen.export.lecture_json import BuiltLecture
    from quizgen.model import Analysis, Lecture, Segment

    lecture = Lecture("hello", "Hello", None, "hello.srt", "srt", (Segment(0.0, 1.0, "hello there"),))
    built = BuiltLecture.from_analysis(Analysis(lecture, (), ()), ())
    monkeypatch.setattr(build_mod, "build", lambda *a, **k: build_mod.BuildResult((built,), (), 2))
    result = runner.invoke(app, ["build", str(DATA / "ingest" / "simple.srt"), "--out", str(tmp_path)])
    assert result.exit_code == 0 and "hello: 0 terms, 0 definitions, 0 cards (its deck is empty" in result.stdout


def test_help_is_fast_path_without_heavy_imports():
    code = ("import sys; from typer.testing import CliRunner; from quizgen.cli import app; "
            "CliRunner().invoke(app, ['--help']); "
            "print(sorted(m for m in ('torch', 'spacy', 'keybert', 'sentence_transformers') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.slow
def test_build_sample_lecture_end_to_end(tmp_path):
    out = tmp_path / "decks"
    result = runner.invoke(app, ["build", "--out", str(out), "--json", "--output", "md", "--output", "csv"])
    assert result.exit_code == 0, result.output
    lecture = json.loads((out / "sample-lecture.json").read_text())
    terms = [t["term"].lower() for t in lecture["key_terms"]]
    assert "hash table" in terms and "load factor" in terms
    assert lecture["cards"] and all(c["start_second"] is not None for c in lecture["cards"])
    assert (out / "sample-lecture.md").read_text().startswith("# ")
    assert (out / "sample-lecture.tsv").read_text().startswith("#separator:tab")
    col = import_apkg(out / "sample-lecture.apkg", tmp_path)
    try:
        assert col.card_count() == len(lecture["cards"]) > 0
    finally:
        col.close()


def test_unwritable_out_is_one_line_and_fails_before_analysis(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = runner.invoke(app, ["build", str(DATA / "ingest" / "simple.srt"), "--out", str(blocker / "decks")])
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ") and "cannot write" in result.stderr
    assert result.stderr.count("\n") == 1
    result = runner.invoke(app, ["build", str(DATA / "ingest" / "simple.srt"), "--out", str(blocker)])
    assert result.exit_code == 2 and result.stderr == f"Error: {blocker}: is a file, not a folder (--out names the " \
        "folder the decks go in)\n"
    assert blocker.read_text() == "not a folder"


def test_a_build_that_would_write_over_its_own_transcript_is_refused(tmp_path):
    transcript = tmp_path / "talk.tsv"
    transcript.write_text("start\tend\ttext\n0\t5\tGradient descent is a way to minimize a loss.\n")
    before = transcript.read_bytes()
    result = runner.invoke(app, ["build", str(transcript), "--output", "csv", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "would write talk.tsv over this transcript" in result.stderr
    assert transcript.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["talk.tsv"]


@pytest.mark.parametrize("option, said", [
    (["--jobs", "-1"], "--jobs -1"), (["--timestamp", "nan"], "--timestamp nan"),
    (["--timestamp", "1e20"], "--timestamp 1e+20"), (["--url", "notaurl"], "no web address"),
    (["--timestamp", "4354819200"], "--timestamp 4354819200"),  # 2108: past what a zip file can date
    (["--timestamp", "-1"], "--timestamp -1"),  # before 1970: no zip file date either
])
def test_a_bad_build_option_is_one_line_and_exit_2(option, said, tmp_path):
    result = runner.invoke(app, ["build", str(DATA / "ingest" / "simple.srt"), "--out", str(tmp_path), *option])
    assert result.exit_code == 2 and said in result.stderr and result.stderr.count("\n") == 1
    assert list(tmp_path.iterdir()) == []


def test_a_lecture_too_long_for_the_language_stage_is_one_line_and_exit_2(tmp_path, monkeypatch):
    import quizgen.build

    monkeypatch.setattr(quizgen.build, "MAX_LECTURE_CHARS", 50)  # spaCy's own limit is 1,000,000 characters
    result = runner.invoke(app, ["build", str(DATA / "ingest" / "simple.srt"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2 and "characters long, more than the 50" in result.stderr
    assert result.stderr.count("\n") == 1 and not (tmp_path / "out").exists()
    shown = runner.invoke(app, ["inspect", str(DATA / "ingest" / "simple.srt")])  # says why a build would refuse
    assert shown.exit_code == 0 and "\ttoo long to build: lecture simple is " in shown.stdout
    assert shown.stdout.rstrip().endswith("more than the 50 (about 18 hours of speech) quizgen reads as one lecture; "
                                          "split it")


def test_two_language_tracks_of_one_video_are_two_lectures(tmp_path):
    from quizgen.build import scan

    for language in ("en", "de"):
        (tmp_path / f"Talk [dQw4w9WgXcQ].{language}.srt").write_bytes((DATA / "ingest" / "simple.srt").read_bytes())
    assert [info.id for info in scan([tmp_path])] == ["dQw4w9WgXcQ", "dQw4w9WgXcQ.en"]
    shown = runner.invoke(app, ["inspect", str(tmp_path)])  # inspect shows the ids a build gives
    assert ["id=dQw4w9WgXcQ", "id=dQw4w9WgXcQ.en"] == [line.split("\t")[2] for line in shown.stdout.splitlines()]


def test_a_lecture_id_with_a_slash_names_its_files_whole(tmp_path):
    rows = tmp_path / "courses.jsonl"  # two courses' first lectures: 'cs101/lec01' is no folder
    lines = [{"video_id": f"cs10{n}/lec01", "title": title, "start": 3 * i, "text": text}
             for n, title, texts in ((1, "Hashing", ["A hash table maps keys to values.", "Buckets hold entries."]),
                                     (2, "Sorting", ["Merge sort splits the list.", "Merge sort merges halves."]))
             for i, text in enumerate(texts)]
    rows.write_text("".join(json.dumps(line) + "\n" for line in lines))
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(rows), "--out", str(out), "--json"])
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["cs101_lec01.apkg", "cs101_lec01.json", "cs102_lec01.apkg",
                                                     "cs102_lec01.json"]
    assert json.loads((out / "cs101_lec01.json").read_text())["title"] == "Hashing"
    lines[2]["video_id"] = lines[3]["video_id"] = "cs101_lec01"  # would be written as the first one's files
    rows.write_text("".join(json.dumps(line) + "\n" for line in lines))
    result = runner.invoke(app, ["build", str(rows), "--out", str(tmp_path / "clash"), "--json"])
    assert result.exit_code == 2 and "would both be written as cs101_lec01" in result.stderr, result.stderr


def test_a_cache_that_cannot_be_written_only_costs_time(tmp_path, monkeypatch):
    (tmp_path / "afile").write_text("x")
    monkeypatch.setenv("QUIZGEN_CACHE", str(tmp_path / "afile" / "cache"))  # a file where its folder should be
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(DATA / "ingest" / "simple.srt"), "--out", str(out), "--json"])
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["simple.apkg", "simple.json"]


def test_a_cache_entry_edited_into_other_types_is_a_miss(tmp_path, monkeypatch):
    monkeypatch.setenv("QUIZGEN_CACHE", str(tmp_path / "cache"))
    source = str(DATA / "ingest" / "simple.srt")
    first = runner.invoke(app, ["build", source, "--out", str(tmp_path / "a"), "--json", "--timestamp", "0"])
    assert first.exit_code == 0, first.stderr
    (entry,) = (tmp_path / "cache").glob("*.json")
    data = json.loads(entry.read_text())
    data["key_terms"][0]["start_second"] = str(data["key_terms"][0]["start_second"])  # '16' for 16
    entry.write_text(json.dumps(data))
    again = runner.invoke(app, ["build", source, "--out", str(tmp_path / "b"), "--json", "--timestamp", "0"])
    assert again.exit_code == 0 and "0 of 1 lectures cached" in again.stdout, again.stderr
    assert (tmp_path / "a" / "simple.json").read_text() == (tmp_path / "b" / "simple.json").read_text()


def test_a_cache_entry_with_a_passage_edited_into_a_number_is_a_miss(tmp_path, monkeypatch):
    from quizgen.sample import sample_path

    monkeypatch.setenv("QUIZGEN_CACHE", str(tmp_path / "cache"))
    first = runner.invoke(app, ["build", str(sample_path()), "--out", str(tmp_path / "a"), "--json"])
    assert first.exit_code == 0, first.stderr
    (entry,) = (tmp_path / "cache").glob("*.json")
    data = json.loads(entry.read_text())
    assert any("passage" not in d for d in data["definitions"])
    data["definitions"][0]["passage"] = 7  # not a crash when the cards quote it
    entry.write_text(json.dumps(data))
    again = runner.invoke(app, ["build", str(sample_path()), "--out", str(tmp_path / "b"), "--json"])
    assert again.exit_code == 0 and "0 of 1 lectures cached" in again.stdout, again.stderr


def test_an_input_error_crosses_from_a_worker_process_whole():
    import pickle

    from quizgen.errors import InputError

    error = pickle.loads(pickle.dumps(InputError("talk.srt", "bad time 'x'", line=3)))
    assert (str(error), error.path, error.line, error.reason) == ("talk.srt:3: bad time 'x'", "talk.srt", 3,
                                                                 "bad time 'x'")


def test_a_file_named_twice_is_one_lecture(tmp_path, monkeypatch):
    monkeypatch.chdir(DATA / "ingest")
    result = runner.invoke(app, ["build", "simple.srt", str(DATA / "ingest" / "simple.srt"), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("simple:") == 1 and sorted(p.name for p in tmp_path.iterdir()) == ["simple.apkg"]


def test_a_build_gives_each_warning_once(tmp_path, caplog):
    from quizgen.build import BuildOptions, build

    srt = tmp_path / "talk.srt"
    srt.write_text("1\n00:00:05,000 --> 00:00:09,000\ngradient descent takes a small step downhill\n\n"
                   "2\n00:00:01,000 --> 00:00:04,000\nthe loss is what gradient descent makes smaller\n")
    with caplog.at_level("WARNING", logger="quizgen"):
        build([srt], BuildOptions(out_dir=tmp_path / "out", outputs=()))
    said = [r.getMessage() for r in caplog.records if "out of time order" in r.getMessage()]
    assert len(said) == 1, said  # the file is read twice, checked and then analyzed


def test_url_stands_over_the_link_a_file_name_gives_one_lecture(tmp_path):
    from quizgen.sample import sample_path

    named = tmp_path / "Talk [dQw4w9WgXcQ].en.vtt"
    named.write_bytes(sample_path().read_bytes())
    result = runner.invoke(app, ["build", str(named), "--json", "--out", str(tmp_path / "out"),
                                 "--url", "https://vimeo.com/76979871"])
    assert result.exit_code == 0, result.stderr
    built = json.loads((tmp_path / "out" / "dQw4w9WgXcQ.json").read_text())
    assert built["cards"] and all(c["url"].startswith("https://vimeo.com/76979871#t=") for c in built["cards"])


def test_a_url_may_be_any_web_address():
    from quizgen.cli import _option_problem

    for url in ("https://www.youtube.com/watch?v=x", "http://localhost:8000/talk.mp4", "HTTPS://example.org",
                "http://10.0.0.5/v"):
        assert _option_problem(0, None, url) is None, url
    for url in ("notaurl", "www.youtube.com/watch?v=x", "https://", "https://a b"):
        assert _option_problem(0, None, url), url


def test_one_url_for_several_lectures_is_refused(tmp_path):
    result = runner.invoke(app, ["build", str(DATA / "ingest" / "simple.srt"), str(DATA / "ingest" / "plain.txt"),
                                 "--url", "https://example.org/v", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "--url names one video" in result.stderr


def test_url_names_the_one_lecture_of_several_that_has_none(tmp_path):
    from quizgen.build import BuildOptions, make_built
    from quizgen.model import Analysis, Lecture, Segment

    def analysis(url):
        return Analysis(Lecture("lec", "Lecture", url, "lec.srt", "srt", (Segment(0.0, 2.0, "hello"),)), (), ())

    options = BuildOptions(url="https://example.org/v")
    assert make_built(analysis(None), options).url == "https://example.org/v"  # one of several: it has none
    assert make_built(analysis("https://youtu.be/x"), options).url == "https://youtu.be/x"  # its own stays
    assert make_built(analysis("https://youtu.be/x"), options, url_wins=True).url == "https://example.org/v"


def test_reverse_option_adds_reverse_cards(tmp_path):
    from quizgen.build import BuildOptions, make_built
    from quizgen.model import Analysis, Definition, KeyTerm, Lecture, Segment

    lecture = Lecture("lec", "Lecture", None, "lec.srt", "srt", (Segment(0.0, 2.0, "a support set is ..."),))
    analysis = Analysis(lecture, (KeyTerm("support set", (), 1.0, 0),),
                        (Definition("support set", "a support set is a few labelled examples of one task", "ev", 0),))
    assert [c.kind for c in make_built(analysis, BuildOptions()).cards] == ["cloze", "basic"]
    assert [c.kind for c in make_built(analysis, BuildOptions(reverse=True)).cards] == ["cloze", "basic", "reverse"]
    result = runner.invoke(app, ["build", "--help"])
    assert "--reverse" in result.stdout


@pytest.mark.parametrize("lecture_id, stem", [(".", "_."), ("..", "_.."), ("cs101/lec01", "cs101_lec01"),
                                              ("a:b", "a_b"), (".hidden", ".hidden")])
def test_an_id_that_names_no_file_of_its_own_is_made_one(lecture_id, stem):
    from quizgen.build import output_stem

    assert output_stem(lecture_id) == stem  # '.' would write '..apkg', a hidden file beside the decks


def test_build_options_reach_the_build_as_given(tmp_path, monkeypatch):
    import quizgen.build as build_mod

    seen = []

    def capture(paths, options, progress=None, start=None):
        seen.append(options)
        return build_mod.BuildResult((), (), 0, 0)

    monkeypatch.setattr(build_mod, "build", capture)
    srt = str(DATA / "ingest" / "simple.srt")
    assert runner.invoke(app, ["build", srt, "--out", str(tmp_path), "--format", "SRT"]).exit_code == 0
    assert runner.invoke(app, ["build", srt, "--out", str(tmp_path), "--jobs", "1"]).exit_code == 0
    assert [(o.fmt, o.jobs) for o in seen] == [("srt", build_mod.default_jobs()), (None, 1)]  # 0: one per core


def test_local_link_points_at_the_video_beside_the_transcript(tmp_path):
    from quizgen.build import _local_link
    from quizgen.ingest import read_transcript

    transcript = tmp_path / "talk.srt"
    transcript.write_bytes((DATA / "ingest" / "simple.srt").read_bytes())
    lecture = next(read_transcript(transcript))
    assert _local_link(lecture)(83) == f"{transcript.resolve().as_uri()}#t=83"
    (tmp_path / "talk.mp4").write_bytes(b"")
    assert _local_link(lecture)(83) == f"{(tmp_path / 'talk.mp4').resolve().as_uri()}#t=83"
    # JSON transcripts too, wherever the build runs from: their links once pointed into the working folder
    segments = [{"start": 0.0, "end": 4.0, "text": "hello"}, {"start": 4.0, "end": 9.0, "text": "gradient descent"}]
    for name, data in (("whisper.json", {"segments": segments}),
                       ("json3.json", {"events": [{"tStartMs": 0, "dDurationMs": 900, "segs": [{"utf8": "hi"}]}]})):
        (tmp_path / name).write_text(json.dumps(data))
        lecture = next(read_transcript(tmp_path / name))
        assert _local_link(lecture)(3) == f"{(tmp_path / name).resolve().as_uri()}#t=3", name


def test_cached_help_page_is_current():
    from quizgen.entry import HELP_PAGE, render_help

    with open(HELP_PAGE, encoding="utf-8") as fh:
        cached = fh.read()
    assert cached == render_help(), \
        "quizgen/data/help.txt is stale: run `python -m quizgen.entry --refresh-help`"


def test_ctrl_c_while_the_command_loads_is_one_line_and_exit_130(monkeypatch, capsys):
    import types

    from quizgen import entry

    loading = types.ModuleType("quizgen.cli")

    def interrupted(name):  # as Ctrl-C lands inside the import of typer, rich, ...
        if name == "main":
            raise KeyboardInterrupt
        raise AttributeError(name)

    loading.__getattr__ = interrupted
    monkeypatch.setitem(sys.modules, "quizgen.cli", loading)
    monkeypatch.setattr(sys, "argv", ["quizgen", "stats"])
    try:
        entry.main()
    except SystemExit as stopped:
        assert stopped.code == 130 and capsys.readouterr().err == "Interrupted.\n"
    except KeyboardInterrupt:  # not re-raised: pytest would take it for the user stopping the run
        pytest.fail("Ctrl-C while loading ends in a KeyboardInterrupt traceback")
    else:
        pytest.fail("main() went on after Ctrl-C")


def test_help_fast_path_imports_no_typer():
    code = ("import sys; sys.argv = ['quizgen', '--help']; from quizgen.entry import main; main(); "
            "print('typer' in sys.modules, file=sys.stderr)")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.startswith("\n Usage: quizgen") or "Usage: quizgen" in run.stdout.splitlines()[1]
    assert run.stderr.strip() == "False"


def test_build_streams_lectures_one_at_a_time(tmp_path, monkeypatch):
    """A dataset is read again lecture by lecture as the build goes: with one job, a lecture is analyzed
    before the next one is read, and outputs keep input order."""
    import quizgen.build as build_mod
    import quizgen.ingest as ingest
    from quizgen.model import Analysis

    events = []
    real_iter = ingest.iter_lectures

    def counting_iter(paths, fmt=None):
        for lec in real_iter(paths, fmt):
            events.append(("read", lec.id))
            yield lec

    def fake_analyze(lec, options):
        events.append(("analyze", lec.id))
        return Analysis(lec, (), ())

    monkeypatch.setattr(ingest, "iter_lectures", counting_iter)
    monkeypatch.setattr(build_mod, "_analyze_fresh", fake_analyze)
    options = build_mod.BuildOptions(out_dir=tmp_path, outputs=("json",), jobs=1, use_cache=False)
    result = build_mod.build([DATA / "ingest" / "rows.jsonl"], options)
    assert [b.id for b in result.built] == ["abcdefghijk", "zyxwvutsrqp"]
    second_pass = events[2:]  # the first two reads are the checking scan
    assert second_pass == [("read", "abcdefghijk"), ("analyze", "abcdefghijk"),
                           ("read", "zyxwvutsrqp"), ("analyze", "zyxwvutsrqp")]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["abcdefghijk.json", "zyxwvutsrqp.json"]


def test_an_output_kind_given_as_input_format_points_to_output(tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(DATA / "ingest" / "simple.srt"), "--format", "md", "--out", str(out)])
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert "--format 'md' is no input format" in result.stderr and "use --output md" in result.stderr
    assert not out.exists()


def test_workers_are_as_many_as_fit_in_memory():
    from quizgen.build import _workers_that_fit

    gib = 2 ** 30
    assert _workers_that_fit(2, 180_000, 24 * gib) == 2  # this machine: two 18-hour lectures at once fit
    assert _workers_that_fit(4, 180_000, 8 * gib) == 1  # a laptop: one at a time, not 4 x 3.4 GB
    assert _workers_that_fit(4, 5_000, 8 * gib) == 4  # lectures of an hour: as many as asked
    assert _workers_that_fit(4, 5_000, 1 * gib) == 1  # never none
