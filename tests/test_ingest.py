"""Ingest: every format on small inputs written for the test, bad input, and every real transcript in ../shared."""
from __future__ import annotations

import logging

import pytest
from conftest import DATA, SHARED, needs_shared

from quizgen.errors import InputError
from quizgen.ingest import iter_lectures, read_transcript

INGEST = DATA / "ingest"


def one(name: str, fmt: str | None = None):
    lectures = list(read_transcript(INGEST / name, fmt))
    assert len(lectures) == 1
    return lectures[0]


def texts(lecture) -> list[str]:
    return [s.text for s in lecture.segments]


def refused(path, text: str, message: str) -> InputError:
    """The error that reading `text`, written to `path`, stops with."""
    path.write_text(text)
    with pytest.raises(InputError, match=message) as caught:
        list(read_transcript(path))
    return caught.value


def test_vtt_drops_tags_notes_and_rolling_repeats():
    lec = one("rolling.vtt")
    assert lec.format == "vtt"
    assert lec.title == "Rolling Captions Demo"
    assert " ".join(texts(lec)) == "the support set is the small labelled set & its labels of one task"
    assert [s.start for s in lec.segments] == [0.0, 2.01, 4.0]


def test_a_short_cue_that_only_ends_like_the_cue_before_is_said(tmp_path):
    srt = tmp_path / "suffix.srt"  # 'eyes' ends in 'yes', 'also' in 'so': whole words are repeated, or none
    srt.write_text("1\n00:00:01,000 --> 00:00:03,000\nIs everyone ready? Now close your eyes.\n\n"
                   "2\n00:00:03,000 --> 00:00:04,000\nYes.\n\n"
                   "3\n00:00:04,000 --> 00:00:07,000\nImagine a table with ten buckets, and also\n\n"
                   "4\n00:00:07,000 --> 00:00:08,000\nso\n\n"
                   "5\n00:00:08,000 --> 00:00:11,000\nthe load factor is entries over buckets.\n\n"
                   "6\n00:00:11,000 --> 00:00:12,000\nover buckets.\n")
    assert texts(list(read_transcript(srt))[0]) == [
        "Is everyone ready? Now close your eyes.", "Yes.", "Imagine a table with ten buckets, and also", "so",
        "the load factor is entries over buckets."]  # the last cue only repeats the words before it


def test_cues_without_a_header_or_numbers_are_read_as_cues(tmp_path):
    cues = ("00:00:01.000 --> 00:00:04.000\nA hash table stores pairs.\n\n"
            "00:00:04.000 --> 00:00:08.000\nThe load factor is entries over buckets.\n")
    for name, text, fmt in (("noheader.vtt", cues, "vtt"), ("nonum.srt", cues.replace(".000", ",000"), "srt")):
        path = tmp_path / name
        path.write_text(text)
        for forced in (None, "vtt", "srt"):  # no cue is taken for a header that is not there
            (lec,) = read_transcript(path, forced)
            assert lec.format == (forced or fmt)
            assert [(s.start, s.text) for s in lec.segments] == [
                (1.0, "A hash table stores pairs."), (4.0, "The load factor is entries over buckets.")]


def test_a_vtt_note_that_gives_the_title_on_its_own_line_names_the_lecture(tmp_path):
    path = tmp_path / "talk.vtt"
    path.write_text("WEBVTT\n\nNOTE title: Hash Tables\n\n00:00:01.000 --> 00:00:04.000\nA hash table maps keys.\n")
    (lec,) = read_transcript(path)
    assert lec.title == "Hash Tables" and texts(lec) == ["A hash table maps keys."]


def test_vtt_with_utf8_bom_and_short_times():
    lec = one("bom.vtt")
    assert texts(lec) == ["café"] and lec.segments[0].start == 1.0


def test_srt_speaker_labels_markup_and_markers_removed():
    lec = one("simple.srt")
    assert lec.format == "srt"
    assert texts(lec) == ["Welcome back.", "A derivative measures change.", "Right."]
    assert [(s.start, s.end) for s in lec.segments] == [(1.0, 3.5), (3.5, 6.0), (6.0, 8.0)]


def test_srt_in_utf16():
    assert texts(one("utf16.srt")) == ["naïve Bayes"]


def test_cues_out_of_order_are_sorted_with_a_warning(caplog):
    with caplog.at_level(logging.WARNING, logger="quizgen"):
        lec = one("unordered.srt")
    assert texts(lec) == ["first cue", "second cue"]
    assert "out of time order" in caplog.text


def test_sbv_from_youtube_studio():
    lec = one("studio.sbv")
    assert lec.format == "sbv"
    assert texts(lec) == ["A support set is the small labelled set of one task.",
                          "We call this & that few-shot learning."]
    assert [(s.start, s.end) for s in lec.segments] == [(1.0, 4.2), (4.2, 69.5)]


def test_plain_text_with_speakers_in_brackets_above_their_turns(tmp_path):
    path = tmp_path / "seminar.txt"
    path.write_text("[Eleanor Scerri]\nOkay, I think we'll make a start now.\n\n[Matteo Vacchi]\n"
                    "Thank you. Sea level rose after the last glacial maximum.\n\n[Eleanor Scerri]\nQuestions?\n")
    (lec,) = read_transcript(path)  # it opens with '[', but no JSON opens so
    assert lec.format == "text" and texts(lec) == [
        "Okay, I think we'll make a start now.", "Thank you.", "Sea level rose after the last glacial maximum.",
        "Questions?"]
    from quizgen.ingest import detect_format

    for head in ('[{"text": "hi"}]', '[\n  ["hi", 0, 1]\n]', "[]", '{"segments": []}'):
        assert detect_format(head, path.with_suffix(".json")) == "json"
    music = tmp_path / "panel.txt"  # YouTube's transcript panel, copied without its stamps
    music.write_text("[Music]\nso today we talk about entropy\nentropy is the expected surprise\n")
    (lec,) = read_transcript(music)
    assert lec.format == "text" and texts(lec) == ["so today we talk about entropy entropy is the expected surprise"]


def test_a_whisper_run_as_replicate_records_it(tmp_path):
    record = {"id": "23wx4szbxtsaftuhph6oydtjny", "status": "succeeded", "input": {"model": "large-v2"},
              "logs": "Transcribe with large-v2 model", "output": {"detected_language": "english",
              "transcription": "Here I am. Back at the whiteboard.",
              "segments": [{"id": 0, "start": 0, "end": 1.68, "text": " Here I am back at the whiteboard."}]}}
    lec = _read_json_file(tmp_path, "sine.json", record)
    assert lec.format == "whisper-json" and lec.id == "sine"  # the run's id is no video's
    assert [(s.start, s.text) for s in lec.segments] == [(0.0, "Here I am back at the whiteboard.")]


def _read_json_file(tmp_path, name, data):
    import json

    path = tmp_path / name
    path.write_text(json.dumps(data))
    (lec,) = read_transcript(path)
    return lec


def test_speech_to_text_services_json_in_sentences(tmp_path):
    said = [("A", 0.0, 0.2), ("support", 0.2, 0.6), ("set", 0.6, 0.9), ("is", 0.9, 1.0), ("small", 1.0, 1.5),
            (".", None, None), ("We", 1.8, 2.0), ("call", 2.0, 2.3), ("this", 2.3, 2.5), ("meta-learning", 2.5, 3.4),
            ("so", 6.0, 6.2), ("there", 6.2, 6.5), (".", None, None)]
    sentences = [(0.0, "A support set is small."), (1.8, "We call this meta-learning"), (6.0, "so there.")]
    # Amazon Transcribe: untimed punctuation items belong to the word before; a pause of 2.6 s ends a sentence too
    items = [{"type": "punctuation", "alternatives": [{"confidence": "0.0", "content": w}]} if t0 is None else
             {"type": "pronunciation", "start_time": str(t0), "end_time": str(t1),
              "alternatives": [{"confidence": "0.99", "content": w}]} for w, t0, t1 in said]
    amazon = {"jobName": "lecture3", "status": "COMPLETED",
              "results": {"transcripts": [{"transcript": "..."}], "items": items}}
    lec = _read_json_file(tmp_path, "aws.json", amazon)
    assert lec.format == "asr-json" and [(s.start, s.text) for s in lec.segments] == sentences
    assert lec.segments[0].end == 1.5
    # Deepgram: its words, punctuated; or its paragraphs' sentences where it made them
    words = [{"word": w.strip(".").lower(), "punctuated_word": w + ("." if w in ("small", "there") else ""),
              "start": t0, "end": t1} for w, t0, t1 in said if t0 is not None]
    deepgram = {"metadata": {}, "results": {"channels": [{"alternatives": [{"transcript": "...", "words": words}]}]}}
    assert [(s.start, s.text) for s in _read_json_file(tmp_path, "dg.json", deepgram).segments] == sentences
    deepgram["results"]["channels"][0]["alternatives"][0]["paragraphs"] = {"paragraphs": [{"sentences": [
        {"text": "A support set is small.", "start": 0.0, "end": 1.5}]}]}
    assert texts(_read_json_file(tmp_path, "dg.json", deepgram)) == ["A support set is small."]
    # AssemblyAI: times in milliseconds
    assembly = {"id": "x1", "status": "completed", "text": "...", "audio_duration": 7,
                "words": [{"text": w["punctuated_word"], "start": int(w["start"] * 1000), "end": int(w["end"] * 1000)}
                          for w in words]}
    assert [(s.start, s.text) for s in _read_json_file(tmp_path, "aai.json", assembly).segments] == sentences
    # Rev.ai (punctuation and spaces as untimed elements), Speechmatics, Google and IBM Watson
    elements = []
    for w, t0, t1 in said:
        elements += [{"type": "punct", "value": w}] if t0 is None else \
            [{"type": "text", "value": w, "ts": t0, "end_ts": t1}, {"type": "punct", "value": " "}]
    rev = {"monologues": [{"speaker": 0, "elements": elements}]}
    assert [(s.start, s.text) for s in _read_json_file(tmp_path, "rev.json", rev).segments] == sentences
    speechmatics = {"format": "2.9", "results": [
        {"type": "punctuation" if t0 is None else "word", "start_time": t0 or 0, "end_time": t1 or 0,
         "alternatives": [{"content": w}]} for w, t0, t1 in said]}
    assert [(s.start, s.text) for s in _read_json_file(tmp_path, "sm.json", speechmatics).segments] == sentences
    google = {"results": [{"alternatives": [{"transcript": "...", "words": [
        {"startTime": f"{w['start']:.3f}s", "endTime": {"seconds": int(w["end"]), "nanos": int(w["end"] % 1 * 1e9)},
         "word": w["punctuated_word"]} for w in words]}]}]}
    got = _read_json_file(tmp_path, "google.json", google).segments
    assert [(s.start, s.text) for s in got] == sentences and got[0].end == pytest.approx(1.5)
    watson = {"results": [{"final": True, "alternatives": [{"transcript": "...", "timestamps": [
        [w["punctuated_word"], w["start"], w["end"]] for w in words]}]}]}
    assert [(s.start, s.text) for s in _read_json_file(tmp_path, "watson.json", watson).segments] == sentences
    # Google's default output times no words: each result is a segment, up to its end
    plain = {"results": [{"alternatives": [{"transcript": "A support set is small."}], "resultEndTime": "1.500s"},
                         {"alternatives": [{"transcript": " It is labelled."}], "resultEndTime": "3s"}]}
    got = _read_json_file(tmp_path, "google.json", plain).segments
    assert [(s.start, s.end, s.text) for s in got] == [(0.0, 1.5, "A support set is small."),
                                                       (1.5, 3.0, "It is labelled.")]
    # Amazon's newer audio segments, when it gives them, are its own sentences
    amazon["results"]["audio_segments"] = [{"id": 0, "transcript": "A support set is small.", "start_time": "0.0",
                                            "end_time": "1.5", "items": [0, 1]}]
    assert texts(_read_json_file(tmp_path, "aws.json", amazon)) == ["A support set is small."]
    amazon["results"]["audio_segments"][0]["start_time"] = "soon"
    refused(tmp_path / "aws.json", __import__("json").dumps(amazon), "bad time")
    refused(tmp_path / "aws.json", '{"results": {"transcripts": [], "items": []}}', "heard no words")


def _word_document(path, paragraphs, body_xml=None):
    """A minimal .docx whose paragraphs are `paragraphs` (a line break inside one is Word's <w:br/>)."""
    import zipfile
    from xml.sax.saxutils import escape

    def paragraph(text):
        runs = '<w:r><w:br/></w:r>'.join(f'<w:r><w:t xml:space="preserve">{escape(part)}</w:t></w:r>'
                                          for part in text.split("\n"))
        return f"<w:p>{runs}</w:p>"

    body = body_xml or "".join(paragraph(p) for p in paragraphs)
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("word/document.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                         '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                         f"<w:body>{body}</w:body></w:document>")
    return path


def test_a_word_document_transcript_as_teams_and_otter_export_it(tmp_path):
    path = _word_document(tmp_path / "lecture 3.docx", [
        "Lecture 3 transcript", "", "Jane Doe   0:03", "A support set is the small labelled training set of a task.",
        "Jane Doe   1:15\nWe call this idea meta-learning.",
    ])
    (lec,) = read_transcript(path)
    assert lec.format == "stamped" and lec.id == "lecture 3"
    assert [(s.start, s.text) for s in lec.segments] == [
        (3.0, "A support set is the small labelled training set of a task."),
        (75.0, "We call this idea meta-learning.")]
    # a table's cells, a text box and deleted (tracked) text: the cells are read, the rest is not speech
    table = ('<w:tbl><w:tr><w:tc><w:p><w:r><w:t>entropy is expected surprise</w:t></w:r></w:p></w:tc></w:tr></w:tbl>'
             '<w:p><w:r><w:t>and</w:t></w:r><w:r><w:pict><w:txbxContent><w:p><w:r><w:t>BOX</w:t></w:r></w:p>'
             '</w:txbxContent></w:pict></w:r><w:del><w:r><w:delText>gone</w:delText></w:r></w:del>'
             '<w:r><w:t xml:space="preserve"> so on</w:t></w:r></w:p>'
             # text moved (tracked): said where it was moved to, not where it was moved from
             '<w:p><w:moveFrom><w:r><w:t>Moved words.</w:t></w:r></w:moveFrom></w:p>'
             '<w:p><w:moveTo><w:r><w:t>Moved words.</w:t></w:r></w:moveTo></w:p>')
    (lec,) = read_transcript(_word_document(tmp_path / "notes.docx", [], table))
    assert lec.format == "text" and " ".join(texts(lec)) == "entropy is expected surprise and so on Moved words."
    # in a folder, a timed transcript is read and a Word document of notes is not
    (found,) = iter_lectures([tmp_path])
    assert found.id == "lecture 3"


def test_a_damaged_word_document_is_refused(tmp_path):
    path = _word_document(tmp_path / "talk.docx", [], "<w:p><w:r><w:t>unclosed</w:r></w:p>")
    with pytest.raises(InputError, match="damaged Word document"):
        list(read_transcript(path))
    empty = _word_document(tmp_path / "empty.docx", [""])
    with pytest.raises(InputError, match="holds no text"):
        list(read_transcript(empty))


def test_open_edx_transcript_json(tmp_path):
    path = tmp_path / "subs_ByeRnmHJ-uk.srt.sjson"  # edX names a YouTube video's transcript by the video's id
    path.write_text('{"start": [220, 3460], "end": [3460, 6020],'
                    ' "text": ["Well, a support set is the small labelled", "training set of one task."]}')
    (lec,) = read_transcript(path)
    assert lec.format == "sjson" and lec.id == "ByeRnmHJ-uk" and lec.url == "https://www.youtube.com/watch?v=ByeRnmHJ-uk"
    assert [(s.start, s.end) for s in lec.segments] == [(0.22, 3.46), (3.46, 6.02)]
    assert texts(lec)[1] == "training set of one task."
    other = tmp_path / "week1-intro.srt.sjson"
    other.write_text('{"start": [0], "end": [1500], "text": ["hello students"]}')
    (lec,) = read_transcript(other)
    assert lec.id == "week1-intro" and lec.url is None
    refused(other, '{"start": [0, 10], "end": [1500], "text": ["hello", "there"]}', "differ in length")
    refused(other, '{"start": [-5], "end": [1500], "text": ["hello"]}', "bad time")
    other.write_text('{"start": ["1000", "4500"], "end": ["4500", "9000"], "text": ["hello there", "students"]}')
    assert [(s.start, s.end) for s in one_lecture(other).segments] == [(1.0, 4.5), (4.5, 9.0)]  # milliseconds too
    refused(other, '{"start": [], "end": [], "text": []}', "holds no transcript rows")  # refused as an empty file is


def one_lecture(path):
    (lec,) = read_transcript(path)
    return lec


def test_an_empty_parquet_table_is_refused(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    path = tmp_path / "empty.parquet"
    pq.write_table(pa.table({"text": pa.array([], pa.string()), "start": pa.array([], pa.float64())}), path)
    with pytest.raises(InputError, match="holds no transcript rows"):
        list(read_transcript(path))


def test_substation_alpha_events_in_time_order_without_tags_comments_or_drawings(caplog):
    with caplog.at_level(logging.WARNING, logger="quizgen"):
        lec = one("lecture.ass")
    assert lec.format == "ass" and lec.title == "Lecture 3: Few-Shot Learning"
    assert texts(lec) == ["A support set is the small labelled training set of a task.",
                          "We call this idea meta-learning. It learns to learn, quickly."]
    assert [(s.start, s.end) for s in lec.segments] == [(1.0, 4.0), (4.5, 8.0)]
    assert not caplog.records  # a renderer sorts events by time, so their order in the file is no fault


def test_substation_alpha_v4_and_its_broken_events(tmp_path):
    head = "[Script Info]\nScriptType: v4.00\n\n[Events]\n"
    fields = "Format: Marked, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text\n"
    path = tmp_path / "old.ssa"
    path.write_text(head + fields + "Dialogue: Marked=0,0:01:02.25,0:01:05.00,Default,,0,0,0,,hello, students\n")
    (lec,) = read_transcript(path)
    assert lec.format == "ass" and [(s.start, s.text) for s in lec.segments] == [(62.25, "hello, students")]
    path.write_text(head + fields + "Dialogue: Marked=0,0:01:02.25,0:01:05.00,Default,,0,0,0,,a hard\\hspace\n")
    assert [s.text for s in next(read_transcript(path)).segments] == ["a hard space"]  # '\\h': a space kept whole
    err = refused(path, head + fields + "Dialogue: Marked=0,0:00:61.00,0:01:05.00,Default,,0,0,0,,hi\n",
                  "broken event time")
    assert err.line == 6
    err = refused(path, head + fields + "Dialogue: Marked=0,0:00:01.00,0:00:02.00,Default\n", "of 10 fields")
    assert err.line == 6
    refused(path, head + "Format: Start, Text, End\n", "Format line")


def test_sbv_whose_first_cue_is_empty(tmp_path):
    path = tmp_path / "talk.sbv"
    path.write_bytes(b"0:00:00.000,0:00:02.000\n\n0:00:02.000,0:00:05.500\r\nhello there students\r\n")
    (lec,) = read_transcript(path)
    assert lec.format == "sbv" and [(s.start, s.text) for s in lec.segments] == [(2.0, "hello there students")]
    path.write_text("0:00:01.000,0:00:04.200\nA hash table stores pairs.\n"
                    "0:00:04.200,0:00:08.000\nBuckets hold them.\n")
    (lec,) = read_transcript(path)  # no blank line between cues: the timing line opens the next one
    assert [(s.start, s.text) for s in lec.segments] == [(1.0, "A hash table stores pairs."),
                                                          (4.2, "Buckets hold them.")]


def test_youtube_json3_from_yt_dlp():
    lec = one("talk.en.json3")
    assert lec.format == "yt-json3"
    assert texts(lec) == ["a support set is the small", "labelled set & its labels"]
    assert [(s.start, s.end) for s in lec.segments] == [(1.5, 4.2), (4.2, 7.5)]


def test_a_json3_event_with_a_bad_time_is_refused_and_a_missing_duration_is_none(tmp_path):
    for bad in ('"abc"', "null"):
        refused(tmp_path / "bad.json3", '{"events": [{"tStartMs": %s, "dDurationMs": 100, "segs": '
                                        '[{"utf8": "hello there"}]}]}' % bad, "bad time")
    path = tmp_path / "open.json3"
    path.write_text('{"events": [{"tStartMs": 1000, "dDurationMs": null, "segs": [{"utf8": "hello there"}]}]}')
    (lec,) = read_transcript(path)
    assert [(s.start, s.end, s.text) for s in lec.segments] == [(1.0, 1.0, "hello there")]


def test_youtube_transcript_api_json():
    lec = one("ytapi.json")
    assert lec.format == "yt-json"
    assert texts(lec) == ["a vector space", "has a basis of vectors"]
    assert [(s.start, s.end) for s in lec.segments] == [(1.5, 3.5), (3.5, 6.0)]


def test_whisper_json_drops_repeated_closing_segment():
    lec = one("whisper.json")
    assert lec.format == "whisper-json"
    assert texts(lec) == ["Entropy is a measure.", "Thank you."]


def test_jsonl_rows_group_into_lectures_by_video_id():
    lectures = list(read_transcript(INGEST / "rows.jsonl"))
    assert [(lec.id, lec.title, len(lec.segments)) for lec in lectures] == [
        ("abcdefghijk", "Lecture A", 2), ("zyxwvutsrqp", "Lecture B", 1)]
    assert lectures[0].url == "https://www.youtube.com/watch?v=abcdefghijk"
    assert lectures[0].link(83) == "https://www.youtube.com/watch?v=abcdefghijk&t=83s"


def test_an_id_that_counts_segments_names_no_lecture(tmp_path):
    segments = tmp_path / "fw.jsonl"  # faster-whisper's segments, one per line: 'id' counts them
    segments.write_text('{"id": 1, "seek": 0, "start": 0.0, "end": 3.2, "text": " A hash table maps keys."}\n'
                        '{"id": 2, "seek": 0, "start": 3.2, "end": 7.9, "text": " Buckets hold entries."}\n'
                        '{"id": 3, "seek": 0, "start": 7.9, "end": 11.0, "text": " Chains resolve collisions."}\n')
    (lec,) = read_transcript(segments)
    assert lec.id == "fw" and len(lec.segments) == 3
    lectures = tmp_path / "lectures.csv"  # an id that a lecture's rows share names the lecture
    lectures.write_text("id,start,end,text\n7,0,3,A hash table.\n7,3,6,It maps keys.\n8,0,3,Lecture eight.\n")
    assert [(lec.id, len(lec.segments)) for lec in read_transcript(lectures)] == [("7", 2), ("8", 1)]


def test_json_lines_in_a_json_file_with_long_rows_are_rows(tmp_path):
    import json

    path = tmp_path / "dataset.json"  # a transcript a row, as a Hugging Face dataset saves JSON Lines
    rows = [{"video_id": "abcdefghijk", "title": "Long rows", "text": f"part {i} " + "word " * 1500, "start": 100 * i}
            for i in range(3)]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    (lec,) = read_transcript(path)
    assert lec.format == "jsonl" and [s.start for s in lec.segments] == [0.0, 100.0, 200.0]
    refused(tmp_path / "bad.json", '{"a": 1} x', "bad JSON")


def test_letters_written_decomposed_are_read_composed(tmp_path):
    import unicodedata

    name = unicodedata.normalize("NFD", "\u00dcbung Schr\u00f6dinger")  # as macOS names files
    path = tmp_path / f"{name}.srt"
    path.write_text(unicodedata.normalize("NFD", "1\n00:00:01,000 --> 00:00:04,000\nNa\u00efve Bayes is a "
                                                 "probabilistic classifier.\n"), encoding="utf-8")
    (lec,) = read_transcript(path)
    assert lec.segments[0].text == "Na\u00efve Bayes is a probabilistic classifier."  # one code point for '\u00ef'
    assert lec.id == "\u00dcbung Schr\u00f6dinger" and lec.title == "\u00dcbung Schr\u00f6dinger"


def test_a_blank_video_id_is_none(tmp_path):
    path = tmp_path / "blank.csv"  # ' ' is no id: the file's stem names the lecture, as for an empty cell
    path.write_text('video_id,title,text\n" ",,"A zebra crossing is a road marking."\n')
    (lec,) = read_transcript(path)
    assert lec.id == "blank" and lec.title == "Blank"


def test_a_blank_row_is_skipped(tmp_path):
    path = tmp_path / "blank.csv"  # a spreadsheet's blank row: ',,'
    path.write_text("text,start,end\nHello there students.,0,2\n,,\nA hash table stores pairs.,5,6\n")
    (lec,) = read_transcript(path)
    assert [(s.start, s.text) for s in lec.segments] == [(0.0, "Hello there students."),
                                                          (5.0, "A hash table stores pairs.")]


def test_csv_and_tsv_rows():
    lec = one("rows.csv")
    assert lec.format == "csv" and texts(lec) == ["hello, world", "more words"]
    tsv = one("rows.tsv")
    assert tsv.id == "v1" and texts(tsv) == ["one", "two"] and tsv.segments[1].start == 2.0


def test_row_times_with_a_subtitle_decimal_comma_are_seconds_not_thousands(tmp_path):
    path = tmp_path / "srtstyle.csv"  # times copied from an SRT file: '00:01:02,500' is 62.5 seconds
    path.write_text('start,end,text\n"00:00:01,000","00:00:04,500",A hash table stores pairs.\n'
                    '"00:01:02,500","00:01:06,000",The load factor is entries over buckets.\n'
                    '"3,056","3,060",A dataset viewer groups thousands.\n')
    (lec,) = read_transcript(path)
    assert [(s.start, s.end) for s in lec.segments] == [(1.0, 4.5), (62.5, 66.0), (3056.0, 3060.0)]


def test_parquet_rows():
    lec = one("rows.parquet")
    assert lec.format == "parquet" and texts(lec) == ["p one", "p two"]


def test_dataset_viewer_table_with_thousands_separators():
    lec = one("table.txt")
    assert lec.format == "table" and lec.title == "Table Lecture"
    assert [s.start for s in lec.segments] == [970.0, 1000.0]


def test_a_null_cell_of_a_dataset_viewer_table_is_a_missing_value(tmp_path):
    path = tmp_path / "paste.txt"  # the viewer shows a missing value as 'null'
    path.write_text("video_id\nstring\n| text\nstring\n| start_second\nint64\n| end_second\nint64\n|\n"
                    "---|---|---|---|\nabcdefghijk | hello world | 0 | 5 |\nabcdefghijk | null | 5 | null |\n")
    (lec,) = read_transcript(path)
    assert [(s.start, s.end, s.text) for s in lec.segments] == [(0.0, 5.0, "hello world"), (5.0, None, "null")]


def test_stamped_lines():
    lec = one("stamped.txt")
    assert lec.format == "stamped"
    assert [(s.start, s.text) for s in lec.segments] == [
        (3.0, "so a gradient is"), (5.0, "the direction of steepest ascent"), (62.0, "and that is all")]


def test_stamps_on_their_own_lines_as_copied_from_the_transcript_panel():
    lec = one("panel.txt")  # '0:03', then what a screen reader says ('3 seconds'), then the words
    assert lec.format == "stamped"
    assert [(s.start, s.text) for s in lec.segments] == [
        (3.0, "so a gradient is"), (5.0, "the direction of steepest ascent"), (3662.0, "and that is all")]


def test_bracketed_stamps_are_no_json_list():
    lec = one("bracketed.txt")  # '[00:00:03] so a gradient is' opens with '[' as JSON does
    assert lec.format == "stamped"
    assert [(s.start, s.text) for s in lec.segments] == [
        (3.0, "so a gradient is"), (5.0, "the direction of steepest ascent"), (3662.0, "and that is all")]


def test_whisper_console_lines_and_stamps_with_fractions_are_stamped(tmp_path):
    console = tmp_path / "whisper_console.txt"  # what 'whisper talk.mp3' prints, saved
    console.write_text("[00:00.000 --> 00:03.200]  A hash table maps keys to values.\n"
                       "[00:03.200 --> 00:07.900]  Buckets hold the entries.\n")
    fractions = tmp_path / "fractions.txt"
    fractions.write_text("[00:00:01.500] A hash table maps keys.\n[00:00:04,250] Buckets hold entries.\n")
    assert [(s.start, s.text) for s in one_at(console).segments] == [
        (0.0, "A hash table maps keys to values."), (3.2, "Buckets hold the entries.")]
    assert [s.start for s in one_at(fractions).segments] == [1.5, 4.25]


def one_at(path):
    (lec,) = read_transcript(path)
    assert lec.format == "stamped"
    return lec


def test_speaker_names_with_stamps_above_what_they_said():
    lec = one("speakers.txt")  # 'Jane Doe  0:15' as Otter exports; 'We meet at 5:00' is speech
    assert lec.format == "stamped"
    assert [(s.start, s.text) for s in lec.segments] == [
        (0.0, "Welcome everyone. Today we talk about entropy."),
        (15.0, "Entropy is the expected surprise of a random variable. We meet at 5:00"),
        (65.0, "What is cross entropy?")]


def test_whisper_tsv_times_in_milliseconds_are_read_as_seconds():
    lec = one("whisper.tsv")  # Whisper's writer: 'start<TAB>end<TAB>text' in whole milliseconds
    assert [(s.start, s.end) for s in lec.segments] == [(0.0, 4.0), (4.0, 8.0), (65.0, 70.0)]


def test_a_short_whisper_tsv_is_in_milliseconds_too():
    lec = one("whisper_short.tsv")
    assert [(s.start, s.end) for s in lec.segments] == [(0.0, 4.0), (4.0, 8.0)]


def test_whole_second_times_stay_seconds():
    long, captions = read_transcript(INGEST / "seconds.csv")  # 20-minute rows, but no Whisper TSV header
    assert [(s.start, s.end) for s in long.segments] == [(0.0, 1200.0), (1200.0, 2400.0), (2400.0, 3600.0)]
    assert [(s.start, s.end) for s in captions.segments] == [(12.0, 15.0), (15.0, 19.0), (19.0, 24.0)]


def test_a_speaker_line_in_a_panel_copy_is_speech():
    lec = one("panel_speech.txt")  # stamps of their own, so 'Class ends at  5:00' is what was said
    assert [(s.start, s.text) for s in lec.segments] == [
        (0.0, "hello everyone"), (5.0, "Class ends at 5:00"), (9.0, "entropy is surprise")]


def test_speaker_names_in_any_script_and_case():
    lec = one("speakers_unicode.txt")
    assert lec.format == "stamped"
    assert [(s.start, s.text) for s in lec.segments] == [
        (0.0, "Bonjour. Entropy is surprise."), (15.0, "What is cross entropy?")]


def test_plain_text_has_no_invented_times():
    lec = one("plain.txt")
    assert lec.format == "text" and not lec.timed
    assert all(s.start is None and s.end is None for s in lec.segments)
    assert texts(lec)[-1] == "Entropy is the expected surprise of a distribution."


def test_format_flag_overrides_detection():
    lec = one("stamped.txt", fmt="text")
    assert lec.format == "text" and not lec.timed


@pytest.mark.parametrize("name, message, line", [
    ("empty.txt", "file is empty", None),
    ("binary.bin", "binary file", None),
    ("latin1.txt", "not UTF-8", 1),
    ("missing_columns.txt", "row has 2 of 4 columns", 16),
    ("broken_timing.vtt", "broken cue timing", 6),
    ("broken_timing.sbv", "broken cue timing", 4),
    ("not_transcript.json", "JSON is not a transcript", None),
    ("nan_time.jsonl", "bad time", 1),
])
def test_bad_input_names_file_and_line(name, message, line):
    with pytest.raises(InputError) as err:
        list(read_transcript(DATA / "bad" / name))
    assert err.value.path.endswith(name)
    assert message in str(err.value)
    assert err.value.line == line


@pytest.mark.parametrize("cues, line", [
    ("1\n00:00:01,000 --> 00:00:02,000\nhello\n\n2\n00:00:33,9", 6),  # cut off inside a timing line
    ("1\n00:00:01,000 --> 00:00:02,000\n\n00:00:03,000 -> 00:00:04,000\nworld\n", 4),  # after an empty cue
    ("1\n00:00:01,000 --> 00:00:02,000\nhello\n\n2\n00:00:02,000 -> 00:00:03,000\nbroken arrow\n", 6),
    ("1\n00:00:01,000 --> 00:00:02,000\nhello\n\n2\nno timing here\n", 6),
    ("1\n00:75:00,000 --> 00:76:00,000\nseventy-five minutes\n", 2),
    ("1\n00:00:01,000 --> 00:00:02,000\nhello\n\n2\n00:00:09,000 --> 00:00:04,000\nends before it starts\n", 6),
])
def test_a_cue_with_a_broken_timing_line_is_refused_not_glued_to_the_cue_before(tmp_path, cues, line):
    assert refused(tmp_path / "cut.srt", cues, "broken cue timing").line == line


@pytest.mark.parametrize("cues, line", [
    ("0:00:01.000,0:00:02.000\nhello\n\n0:00:75.000,0:00:76.000\nseventy-five seconds\n", 4),
    ("0:00:01.000,0:00:02.000\nhello\n\n0:61:00.000,0:62:00.000\nsixty-one minutes\n", 4),
    ("0:00:01.000,0:00:02.000\nhello\n\n0:00:09.000,0:00:04.000\nends before it starts\n", 4),
])
def test_an_sbv_cue_with_an_impossible_time_is_refused(tmp_path, cues, line):
    assert refused(tmp_path / "cut.sbv", cues, "broken cue timing").line == line


@pytest.mark.parametrize("name, cues, said", [
    ("blank.srt", "1\n00:00:01,000 --> 00:00:04,000\nthe answer is\n\n42\n", "the answer is 42"),
    ("clock.srt", "1\n00:00:01,000 --> 00:00:04,000\nwe meet at\n\n10:30 tomorrow\n", "we meet at 10:30 tomorrow"),
    ("stop.srt", "1\n00:00:01,000 --> 00:00:04,000\nwe meet at\n\n10:30.\n", "we meet at 10:30."),
    ("yt.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:04.000 align:start\n \n42\nis the answer\n", "42 is the answer"),
])
def test_cue_text_that_only_looks_like_a_cue_opening_is_read(tmp_path, name, cues, said):
    path = tmp_path / name
    path.write_text(cues)
    assert texts(list(read_transcript(path))[0]) == [said]


@pytest.mark.parametrize("name, table", [("e.tsv", "video_id\ttitle\n"), ("e.csv", "video_id,text\n")])
def test_a_table_with_a_header_and_no_rows_is_refused(tmp_path, name, table):
    refused(tmp_path / name, table, "header and no rows")


@pytest.mark.parametrize("segment, message", [('{"start": -5, "end": 2, "text": "a"}', "bad time -5"),
                                              ('{"start": 5, "end": 2, "text": "a"}', "ends before it starts")])
def test_whisper_json_with_impossible_times_is_refused(tmp_path, segment, message):
    refused(tmp_path / "w.json", '{"segments": [' + segment + ']}', message)
    rounded = tmp_path / "r.json"  # an end a hair before its start is a recogniser's rounding
    rounded.write_text('{"segments": [{"start": 5.02, "end": 5.0, "text": "a"}]}')
    assert list(read_transcript(rounded))[0].segments[0].end == 5.02
    in_ms = tmp_path / "r.tsv"  # Whisper's TSV, in milliseconds
    in_ms.write_text("start\tend\ttext\n0\t4000\thello\n5020\t5000\ta\n6000\t9000\tb\n")
    assert [s.end for s in list(read_transcript(in_ms))[0].segments] == [4.0, 5.02, 9.0]


def test_a_title_has_its_html_entities_read(tmp_path):
    path = tmp_path / "t.jsonl"
    path.write_text('{"video_id": "abc", "title": "Q&amp;A:  the &#39;101&#39; &degrees; talk", '
                    '"text": "hi", "start": 1}\n')
    assert list(read_transcript(path))[0].title == "Q&A: the '101' &degrees; talk"


def test_missing_path():
    with pytest.raises(InputError, match="no such file"):
        list(iter_lectures([DATA / "nope.vtt"]))


def _repeats_at_boundary(lecture, n: int = 5) -> list[str]:
    """Consecutive segments where the next one starts with the last n words of the one before, as rolling
    captions do (a speaker may repeat a short phrase, "murder is murder", across a cue boundary)."""
    out = []
    for a, b in zip(lecture.segments, lecture.segments[1:]):
        wa, wb = a.text.lower().split(), b.text.lower().split()
        if len(wa) >= n and len(wb) >= n and wa[-n:] == wb[:n]:
            out.append(b.text)
    return out


@needs_shared
def test_every_shared_transcript_reads():
    paths = sorted((SHARED / "seeds").iterdir()) + sorted(
        p for p in (SHARED / "corpus").iterdir() if p.suffix != ".md")
    per_file = {}
    for path in paths:
        lectures = list(read_transcript(path))
        per_file[path.name] = len(lectures)
        for lec in lectures:
            starts = [s.start for s in lec.segments]
            if lec.timed:
                assert starts == sorted(starts), lec.id
            assert lec.word_count > 500, lec.id
            assert not _repeats_at_boundary(lec), (lec.id, _repeats_at_boundary(lec)[:3])
            assert "[Music]" not in lec.text and "INSTRUCTOR:" not in lec.text
    assert per_file.pop("000_1e00bd4a193aef0b.txt") == 2
    assert per_file.pop("001_82b3533529d503e2.txt") == 2
    assert set(per_file.values()) == {1} and len(per_file) == 10


def test_words_really_said_twice_across_cues_stay(tmp_path):
    vtt = tmp_path / "said-twice.vtt"
    vtt.write_text("WEBVTT\n\n00:01.000 --> 00:03.000\nThe first one is separate chaining.\n\n"
                   "00:03.000 --> 00:06.000\nSeparate chaining means each bucket holds a list.\n")
    lec = list(read_transcript(vtt))[0]
    assert texts(lec) == ["The first one is separate chaining.", "Separate chaining means each bucket holds a list."]


def test_spoken_comparisons_keep_their_words(tmp_path):
    srt = tmp_path / "compare.srt"
    srt.write_text("1\n00:00:01,000 --> 00:00:03,000\n<i>if</i> a &lt; b and c &gt; d then\n\n"
                   "2\n00:00:03,000 --> 00:00:05,000\nx < y and y > z\n")
    assert texts(list(read_transcript(srt))[0]) == ["if a < b and c > d then", "x < y and y > z"]


def test_a_character_across_the_detection_window_is_not_an_encoding_error(tmp_path):
    head = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n"
    vtt = tmp_path / "long.vtt"
    vtt.write_text(head + "a" * (4095 - len(head)) + "é and more\n", encoding="utf-8")
    assert texts(list(read_transcript(vtt))[0])[0].endswith("é and more")


def test_jsonl_with_a_bad_byte_names_its_line(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_bytes(b'{"text": "fine", "start": 1}\n' * 300 + b'{"text": "caf\xe9", "start": 2}\n')
    with pytest.raises(InputError, match="not UTF-8") as err:
        list(read_transcript(path))
    assert err.value.line == 301


def test_unreadable_file_is_an_input_error(tmp_path, monkeypatch):
    import quizgen.ingest

    def refuse(path, *args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(quizgen.ingest, "open", refuse, raising=False)
    with pytest.raises(InputError, match="cannot read the file .Permission denied."):
        list(read_transcript(INGEST / "simple.srt"))


def test_whisper_blank_audio_ass_overrides_and_line_breaks_are_dropped(tmp_path):
    srt = tmp_path / "marks.srt"
    srt.write_text("1\n00:00:01,000 --> 00:00:03,000\n{\\an8}A set<br>is a collection [BLANK_AUDIO]\n\n"
                   "2\n00:00:03,000 --> 00:00:05,000\nwritten {x, y}\n")
    assert texts(list(read_transcript(srt))[0]) == ["A set is a collection", "written {x, y}"]


def test_described_sounds_are_dropped_and_bracketed_words_said_are_kept(tmp_path):
    srt = tmp_path / "sdh.srt"  # captions for the deaf describe sounds in capitals, or with a word of how
    srt.write_text("1\n00:00:01,000 --> 00:00:03,000\n[SOFT LAUGHTER] A stereotype threat\n\n"
                   "2\n00:00:03,000 --> 00:00:05,000\n[TUNING] is a risk (laughs softly)\n\n"
                   "3\n00:00:05,000 --> 00:00:07,000\nof TCP (TCP) and of cases (A) and [a b]\n\n"
                   "4\n00:00:07,000 --> 00:00:09,000\nadd noise (white noise) at the speed (of sound) to [DNA]\n\n"
                   "5\n00:00:09,000 --> 00:00:11,000\n(upbeat music) [static noise] (sigh)\n")
    assert texts(list(read_transcript(srt))[0]) == ["A stereotype threat", "is a risk",
                                                     "of TCP (TCP) and of cases (A) and [a b]",
                                                     "add noise (white noise) at the speed (of sound) to [DNA]"]


def test_music_between_notes_is_dropped_and_captions_in_capitals_are_read_in_lower_case(tmp_path):
    srt = tmp_path / "broadcast.srt"
    srt.write_text("1\n00:00:01,000 --> 00:00:04,000\n<i>GRADIENT DESCENT MEANS A STEP DOWNHILL</i>\n\n"
                   "2\n00:00:04,000 --> 00:00:06,000\n♪ MUSIC ♪ THE LR IS ITS SIZE\n\n"
                   "3\n00:00:06,000 --> 00:00:08,000\n♪♪\n\n"
                   "4\n00:00:08,000 --> 00:00:10,000\n[♪ UPBEAT MUSIC ♪] ♫♫ LA LA ♫♫ THE END\n")
    assert texts(list(read_transcript(srt))[0]) == ["gradient descent means a step downhill", "the lr is its size",
                                                    "the end"]
    mixed = tmp_path / "mixed.srt"  # acronyms in ordinary captions keep their capitals
    mixed.write_text("1\n00:00:01,000 --> 00:00:04,000\nThe LLM calls an API through MCP.\n")
    assert texts(list(read_transcript(mixed))[0]) == ["The LLM calls an API through MCP."]


def test_speech_in_capitals_before_a_colon_is_no_speaker_label(tmp_path):
    srt = tmp_path / "caps.srt"
    srt.write_text("1\n00:00:01,000 --> 00:00:04,000\n>> PROFESSOR: GOOD MORNING EVERYONE.\n\n"
                   "2\n00:00:04,000 --> 00:00:09,000\nHERE IS THE KEY IDEA: A HASH TABLE\nSTORES KEY VALUE PAIRS.\n\n"
                   "3\n00:00:09,000 --> 00:00:14,000\nTHE LOAD FACTOR IS THIS: ENTRIES\nDIVIDED BY BUCKETS.\n\n"
                   "4\n00:00:14,000 --> 00:00:16,000\nDR. LEWIN: SO THAT IS IT.\n")
    assert texts(list(read_transcript(srt))[0]) == [
        "good morning everyone.", "here is the key idea: a hash table stores key value pairs.",
        "the load factor is this: entries divided by buckets.", "so that is it."]


def test_speaker_turn_marks_go_and_dashes_inside_speech_stay(tmp_path):
    vtt = tmp_path / "turns.vtt"
    vtt.write_text("WEBVTT\n\nSTYLE\n::cue { color: yellow }\n\n00:00:01.000 --> 00:00:04.000\n- What is overfitting?\n"
                   "- Memorising the training set.\n\n00:00:04.000 --> 00:00:08.000\n&gt;&gt; So -1 is a label\n"
                   "-- which we flip, 10\n- 3 times\n")
    assert texts(list(read_transcript(vtt))[0]) == ["What is overfitting? Memorising the training set.",
                                                    "So -1 is a label -- which we flip, 10 - 3 times"]


def test_hugging_face_whisper_chunks_keep_their_times(tmp_path):
    import json

    chunks = [{"timestamp": [0.0, 3.2], "text": " Entropy is a measure of uncertainty."},
              {"timestamp": [3.2, None], "text": " We call this quantity entropy."}]
    for name, data in (("pipeline.json", {"text": "...", "chunks": chunks}), ("chunks.json", chunks)):
        path = tmp_path / name
        path.write_text(json.dumps(data))
        lec = list(read_transcript(path))[0]
        assert lec.format == "whisper-json"
        assert [(s.start, s.end) for s in lec.segments] == [(0.0, 3.2), (3.2, None)]
        assert texts(lec) == ["Entropy is a measure of uncertainty.", "We call this quantity entropy."]


def test_sentence_timings_as_text_start_end_triples_are_read(tmp_path):
    """3Blue1Brown's caption repository keeps sentence timings as [[text, start, end], ...]."""
    path = tmp_path / "sentence_timings.json"
    path.write_text('[["Entropy is a measure of uncertainty.", 3.6, 8.24], ["We call this entropy.", 8.8, 13]]')
    lec = list(read_transcript(path))[0]
    assert [(s.start, s.end) for s in lec.segments] == [(3.6, 8.24), (8.8, 13)]
    assert texts(lec) == ["Entropy is a measure of uncertainty.", "We call this entropy."]
    refused(tmp_path / "bad.json", '[["a", -2, 1]]', "bad time -2")  # checked as every row format is
    refused(tmp_path / "pairs.json", '[["a", 1], ["b", 2]]', "not a transcript")  # no end: nothing to go on


@pytest.mark.parametrize("name, xml", [
    ("timedtext.xml", '<?xml version="1.0" encoding="utf-8" ?><transcript><text start="0.5" dur="3.1">entropy is a '
                      'measure of\nuncertainty</text><text start="3.6" dur="2">we call this &amp;#39;entropy&amp;#39;'
                      '</text></transcript>'),
    ("video.srv3", '<?xml version="1.0" encoding="utf-8" ?><timedtext format="3"><head><pen id="1"/></head><body>'
                   '<p t="500" d="3100">entropy is a measure of uncertainty</p><p t="3600" d="2000"><s>we</s>'
                   '<s t="200"> call</s><s t="400"> this</s> &#39;entropy&#39;</p><p t="5600" d="10"> </p></body>'
                   '</timedtext>'),
    ("video.ttml", '<?xml version="1.0"?><tt xmlns="http://www.w3.org/ns/ttml" '
                   'xmlns:ttp="http://www.w3.org/ns/ttml#parameter" ttp:tickRate="10000000"><body><div>'
                   '<p begin="00:00:00.500" end="00:00:03.600">entropy is a measure<br/>of uncertainty</p>'
                   '<p begin="36000000t" dur="2s">we call this \'entropy\'</p></div></body></tt>'),
])
def test_caption_xml_from_youtube_and_ttml(tmp_path, name, xml):
    path = tmp_path / name
    path.write_text(xml, encoding="utf-8")
    lec = list(iter_lectures([tmp_path]))[0]  # found in a directory by its suffix, and told by its content
    assert lec.format == "xml"
    assert [(round(s.start, 3), round(s.end, 3)) for s in lec.segments] == [(0.5, 3.6), (3.6, 5.6)]
    assert texts(lec) == ["entropy is a measure of uncertainty", "we call this 'entropy'"]


def test_bad_caption_xml_names_its_line(tmp_path):
    path = tmp_path / "bad.xml"
    path.write_text('<?xml version="1.0"?>\n<transcript>\n<text start="0">hi</text>\n<text start="1">x</txt>\n')
    with pytest.raises(InputError, match="bad XML") as err:
        list(read_transcript(path))
    assert err.value.line == 4
    path.write_text('<?xml version="1.0"?>\n<transcript></transcript>\n')
    with pytest.raises(InputError, match="no timed caption text"):
        list(read_transcript(path))


def test_classic_mac_line_endings(tmp_path):
    srt = tmp_path / "mac.srt"
    srt.write_bytes(b"1\r00:00:01,000 --> 00:00:04,000\rEntropy is a measure\r\r2\r00:00:04,000 --> 00:00:06,000\r"
                    b"We call it entropy.\r")
    lec = list(read_transcript(srt))[0]
    assert lec.format == "srt" and texts(lec) == ["Entropy is a measure", "We call it entropy."]


def test_speaker_names_of_a_zoom_transcript_go_and_an_occasional_label_stays(tmp_path):
    zoom = tmp_path / "zoom.vtt"
    zoom.write_text("WEBVTT\n\n1\n00:00:01.120 --> 00:00:05.200\n"
                    "Jane Doe (She/Her): So today we talk about entropy.\n\n"
                    "2\n00:00:05.200 --> 00:00:09.000\nJane Doe (She/Her): Entropy is a measure of uncertainty.\n\n"
                    "3\n00:00:09.000 --> 00:00:12.000\nÉmile Durand: What about cross entropy?\n\n"
                    "4\n00:00:12.000 --> 00:00:16.000\nÉmile Durand: And the log loss?\n\n"
                    "5\n00:00:16.000 --> 00:00:20.000\nJane Doe (She/Her): Example: a fair coin.\n")
    assert texts(list(read_transcript(zoom))[0]) == [
        "So today we talk about entropy.", "Entropy is a measure of uncertainty.", "What about cross entropy?",
        "And the log loss?", "Example: a fair coin."]
    plain = tmp_path / "plain.srt"  # a label now and then, in a transcript that labels no speakers
    cues = ["Remember: entropy is a measure.", "it grows with uncertainty", "Remember: it is never negative"] + \
        [f"and this is line {i}" for i in range(5)]
    plain.write_text("".join(f"{i + 1}\n00:00:{i:02d},000 --> 00:00:{i:02d},900\n{cue}\n\n"
                             for i, cue in enumerate(cues)))
    assert texts(list(read_transcript(plain))[0]) == cues


def test_a_caption_that_only_names_a_part_of_the_show_is_dropped(tmp_path):
    srt = tmp_path / "show.srt"
    cues = ["For this, computer scientists use data structures!", "INTRO", "We met arrays last episode.",
            "Music, the INTRO said, is organised sound."]
    srt.write_text("".join(f"{i + 1}\n00:00:{i:02d},000 --> 00:00:{i:02d},900\n{cue}\n\n"
                           for i, cue in enumerate(cues)))
    assert texts(list(read_transcript(srt))[0]) == [cues[0], cues[2], cues[3]]


def test_two_hosts_names_go_where_they_open_a_turn_only(tmp_path):
    """Crash Course style: 'Mr. Clifford:' and 'Adriene:' open a few turns among many captions. A titled name
    is a speaker's; so is another name that is no English word. 'Note:' said twice stays."""
    cues = ["Mr. Clifford: I'm Mr. Clifford, welcome.", "Adriene: So a market is any place where buyers",
            "and sellers meet to exchange goods.", "Note: prices carry information.",
            "Mr. Clifford: This is called the law of demand.", "Note: it slopes downward.",
            "Adriene: Okay, sure, your graph makes sense."] + [f"and this is line {i}" for i in range(20)]
    srt = tmp_path / "hosts.srt"
    srt.write_text("".join(f"{i + 1}\n00:00:{i:02d},000 --> 00:00:{i:02d},900\n{cue}\n\n"
                           for i, cue in enumerate(cues)))
    got = texts(list(read_transcript(srt))[0])
    assert got[:7] == ["I'm Mr. Clifford, welcome.", "So a market is any place where buyers",
                       "and sellers meet to exchange goods.", "Note: prices carry information.",
                       "This is called the law of demand.", "Note: it slopes downward.",
                       "Okay, sure, your graph makes sense."]


def test_a_lecturer_named_once_with_a_title_and_a_student_asking_are_speakers(tmp_path):
    """Yale's open courses: 'Professor Charles Bailyn:' opens the lecture once, then 'Student:' and 'Bailyn:'
    open the turns of its questions, among hundreds of captions. 'Remember:' said twice stays."""
    cues = ["Professor Charles Bailyn: I've been talking", "about general relativity.", "Remember: mass curves",
            "space-time.", "Student: Why can't we see it?", "Bailyn: In principle, you can.", "Student: [Inaudible]",
            "Bailyn: Okay, good.", "Remember: light bends too."] + [f"and this is line {i}" for i in range(30)]
    srt = tmp_path / "yale.srt"
    srt.write_text("".join(f"{i + 1}\n00:00:{i:02d},000 --> 00:00:{i:02d},900\n{cue}\n\n"
                           for i, cue in enumerate(cues)))
    got = texts(list(read_transcript(srt))[0])
    assert got[:8] == ["I've been talking", "about general relativity.", "Remember: mass curves", "space-time.",
                       "Why can't we see it?", "In principle, you can.", "Okay, good.", "Remember: light bends too."]


def test_rev_speaker_stamps_above_or_before_what_they_said(tmp_path):
    rev = tmp_path / "rev.txt"
    rev.write_text("Jane Doe (00:01):\nSo today we talk about entropy.\n\nStudent (01:05): What about cross entropy?\n")
    lec = list(read_transcript(rev))[0]
    assert lec.format == "stamped" and [s.start for s in lec.segments] == [1.0, 65.0]
    assert texts(lec) == ["So today we talk about entropy.", "What about cross entropy?"]


def test_turns_of_several_lines_and_teams_names_with_pronouns_are_stamped(tmp_path):
    rev = tmp_path / "rev_multi.txt"  # a stamp above each turn, and each turn two lines
    rev.write_text("Professor Lee (00:00):\nWelcome back everyone.\nToday we talk about hash tables.\n\n"
                   "Professor Lee (01:12):\nThe load factor is entries over buckets.\nWhen it grows we resize.\n\n"
                   "Student (02:30):\nWhy do we resize?\nIs it only about speed?\n\n"
                   "Professor Lee (02:41):\nMostly speed.\nLong chains make every lookup slower.\n")
    (lec,) = read_transcript(rev)
    assert lec.format == "stamped" and [s.start for s in lec.segments] == [0.0, 72.0, 150.0, 161.0]
    assert texts(lec)[2] == "Why do we resize? Is it only about speed?"
    teams = _word_document(tmp_path / "teams.docx", [
        "Hash Tables Lecture", "Mon, 3/4 10:03AM", "Jane Doe (She/Her)   0:03", "Hello everyone and welcome.",
        "Smith, John   0:15", "Thanks Jane, great to be here.", "Jane Doe (She/Her)   0:20",
        "A hash table stores key value pairs."])
    (lec,) = read_transcript(teams)
    assert lec.format == "stamped" and [(s.start, s.text) for s in lec.segments] == [
        (3.0, "Hello everyone and welcome."), (15.0, "Thanks Jane, great to be here."),
        (20.0, "A hash table stores key value pairs.")]
    (forced,) = read_transcript(teams, "stamped")  # a --format names the format of a Word document's text
    assert forced.segments == lec.segments


def test_caption_xml_in_utf16_is_found_in_a_folder(tmp_path):
    ttml = ('<?xml version="1.0" encoding="utf-16"?><tt xmlns="http://www.w3.org/ns/ttml"><body><div>'
            '<p begin="1s" end="2s">a hash table</p></div></body></tt>')
    (tmp_path / "talk.ttml").write_bytes(ttml.encode("utf-16"))
    (lec,) = iter_lectures([tmp_path])
    assert lec.id == "talk" and texts(lec) == ["a hash table"]


TTML = ('<tt xmlns="http://www.w3.org/ns/ttml" xmlns:ttp="http://www.w3.org/ns/ttml#parameter" {}>'
        '<body{}><div{}>{}</div></body></tt>')


@pytest.mark.parametrize("root, body, div, paragraphs, times, words", [
    # a paragraph's times count from its body's and div's begin; inline spans add no spaces; <br/> ends a line
    ("", ' begin="100s"', ' begin="10s"', '<p begin="1s" end="2s">We call it <span>entropy</span>, which is '
     '<span>Entro</span>py.<br/>&gt;&gt; MARY: Really?</p>', [(111.0, 112.0)],
     ["We call it entropy, which is Entropy. Really?"]),
    # a paragraph timed only on its spans; a comma before the milliseconds
    ("", "", "", '<p><span begin="00:00:01.000" end="00:00:02.000">hello</span> '
     '<span begin="00:00:02.000" end="00:00:03,500">world</span></p>', [(1.0, 3.5)], ["hello world"]),
    # frames at the file's frame rate; ticks at its tick rate
    ('ttp:frameRate="25"', "", "", '<p begin="00:00:01:05" end="00:00:02:00">a</p>', [(1.2, 2.0)], ["a"]),
    ('ttp:frameRate="25" ttp:subFrameRate="2"', "", "", '<p begin="100t" end="150t">b</p>', [(2.0, 3.0)], ["b"]),
])
def test_ttml_timing_and_text(tmp_path, root, body, div, paragraphs, times, words):
    path = tmp_path / "captions.ttml"
    path.write_text(TTML.format(root, body, div, paragraphs))
    lec = list(read_transcript(path))[0]
    assert [(round(s.start, 3), round(s.end, 3)) for s in lec.segments] == times and texts(lec) == words


@pytest.mark.parametrize("xml, message", [
    ('<transcript><text start="nan" dur="1">Entropy</text></transcript>', "bad time 'nan'"),
    ('<transcript><text start="-3" dur="1">Entropy</text></transcript>', "bad time '-3'"),
    (TTML.format("", "", "", '<p begin="5s" end="2s">x</p>'), "ends before it starts"),
    (TTML.format("", "", "", '<p begin="15000000t" end="16000000t">x</p>'), "bad time"),  # ticks without a tick rate
])
def test_caption_xml_with_impossible_times_is_refused(tmp_path, xml, message):
    refused(tmp_path / "bad.xml", xml, message)


def test_caption_xml_entities_an_external_dtd_would_define_are_read_as_html(tmp_path):
    path = tmp_path / "dtd.xml"
    path.write_text('<!DOCTYPE transcript SYSTEM "x.dtd"><transcript><text start="1" dur="2">'
                    'a&nbsp;b don&rsquo;t &degrees;</text></transcript>')
    assert texts(list(read_transcript(path))[0]) == ["a b don\u2019t &degrees;"]  # whole names only: no '°rees;'


def test_srv3_times_past_six_minutes_are_read(tmp_path):
    path = tmp_path / "long.srv3"  # milliseconds: 361000 is 6 min 1 s, well inside the 100-hour limit
    path.write_text('<?xml version="1.0"?>\n<timedtext format="3"><body><p t="1000" d="2000">a hash table</p>'
                    '<p t="361000" d="2000">the load factor</p></body></timedtext>\n')
    assert [s.start for s in list(read_transcript(path))[0].segments] == [1.0, 361.0]


def test_caption_xml_entity_inside_a_time_is_refused_not_dropped(tmp_path):
    path = tmp_path / "dtd.xml"  # expat drops '&foo;' from the attribute silently: the caption would start at 15 s
    path.write_text('<!DOCTYPE transcript SYSTEM "x.dtd">\n<transcript>\n<text start="1" dur="2">a</text>\n'
                    '<text title="a>b" start="1&foo;5" dur="2">b</text>\n</transcript>\n')  # '>' in a value
    with pytest.raises(InputError, match="entity '&foo;' in an attribute") as caught:
        list(read_transcript(path))
    assert caught.value.line == 4
    declared = tmp_path / "declared.xml"  # one its own DTD defines is read
    declared.write_text('<!DOCTYPE transcript [<!ENTITY five "5">]><transcript><text start="1&five;" dur="2">'
                        'b</text></transcript>')
    assert list(read_transcript(declared))[0].segments[0].start == 15.0


def test_caption_xml_errors_name_their_line(tmp_path):
    path = tmp_path / "bad.xml"
    path.write_text('\n<?xml version="1.0"?>\n<transcript>\n<text start="1" dur="2">fine</text>\n'
                    '<text start="4" dur="-9">not fine</text>\n</transcript>\n')
    with pytest.raises(InputError, match="bad time '-9'") as caught:
        list(read_transcript(path))
    assert caught.value.line == 5 and str(caught.value).startswith(f"{path}:5: ")
    ttml = tmp_path / "bad.ttml"  # namespaced, with the bad time on a div
    ttml.write_text(TTML.format("", "", ' begin="soon"', '<p begin="1s" end="2s">x</p>').replace("<div", "\n\n<div"))
    with pytest.raises(InputError, match="bad time 'soon'") as caught:
        list(read_transcript(ttml))
    assert caught.value.line == 3
    spans = tmp_path / "spans.ttml"  # a span's bad time is on the span's line, not its paragraph's
    spans.write_text(TTML.format("", "", "", '<p>\n<span begin="1s" end="2s">a</span>\n<span begin="zz">b</span></p>'))
    with pytest.raises(InputError, match="bad time 'zz'") as caught:
        list(read_transcript(spans))
    assert caught.value.line == 3
    path.write_text('<?xml version="1.0"?>\n<transcript>\n<text start="1">a & b</text>\n</transcript>\n')
    with pytest.raises(InputError, match="bad XML") as caught:
        list(read_transcript(path))
    assert caught.value.line == 3


def test_text_that_only_looks_like_xml_and_other_xml_in_a_folder(tmp_path):
    wrapped = tmp_path / "wrapped.txt"  # a .txt that opens with a tag is prose
    wrapped.write_text("<transcript>\nSo today we talk about entropy & surprise.\n</transcript>\n")
    assert list(read_transcript(wrapped))[0].format == "text"
    folder = tmp_path / "course"
    folder.mkdir()
    (folder / "lecture.srt").write_text("1\n00:00:01,000 --> 00:00:02,000\nhello there\n")
    (folder / "manifest.xml").write_text("<course><title>ML 101</title></course>")
    (folder / "captions.xml").write_text('<?xml version="1.0"?>\n<!-- saved by hand -->\n'
                                         '<transcript><text start="1">hi</text></transcript>')
    assert [lec.id for lec in iter_lectures([folder])] == ["captions", "lecture"]


def test_hugging_face_chunks_with_null_times_and_words_without_times(tmp_path):
    import json

    path = tmp_path / "chunks.json"
    path.write_text(json.dumps([{"timestamp": [0, 2], "text": "a b"}, {"timestamp": [None, None], "text": "c"},
                                {"timestamp": None, "text": "d"}, {"timestamp": [5.0, None], "text": "e"}]))
    assert [(s.start, s.end) for s in list(read_transcript(path))[0].segments] == \
        [(0.0, 2.0), (2.0, None), (2.0, None), (5.0, None)]
    path.write_text(json.dumps({"text": " Entropy is a measure. We call it entropy."}))
    lec = list(read_transcript(path))[0]
    assert lec.format == "text" and texts(lec) == ["Entropy is a measure.", "We call it entropy."]


def test_a_rev_transcript_keeps_speech_that_opens_with_a_time(tmp_path):
    rev = tmp_path / "rev.txt"
    rev.write_text("Jane Doe (00:01):\nSo today we talk about entropy.\n\nStudent (01:05):\nThe exam is at\n"
                   "10:30 on Friday, right?\n\nJane Doe (01:20):\nYes.\n")
    lec = list(read_transcript(rev))[0]
    assert [s.start for s in lec.segments] == [1.0, 65.0, 80.0]
    assert texts(lec)[1] == "The exam is at 10:30 on Friday, right?"


def test_doubled_carriage_returns_end_one_line(tmp_path):
    text = tmp_path / "doubled.txt"  # '\r\r\n', as a bad conversion leaves it, is no paragraph break
    text.write_bytes(b"Entropy is a measure\r\r\nof surprise. It grows\r\r\nwith uncertainty.\r\r\n")
    assert texts(list(read_transcript(text))[0]) == ["Entropy is a measure of surprise.", "It grows with uncertainty."]


def test_jsonl_with_classic_mac_line_endings_names_its_lines(tmp_path):
    path = tmp_path / "mac.jsonl"
    path.write_bytes(b'{"text": "hello there", "start": 1}\r{"text": "general kenobi", "start": 2}\r')
    assert texts(list(read_transcript(path))[0]) == ["hello there", "general kenobi"]
    path.write_bytes(b'{"text": "hello there", "start": 1}\r{"text": oops}\r')
    with pytest.raises(InputError, match="bad JSON line") as err:
        list(read_transcript(path))
    assert err.value.line == 2


@pytest.mark.parametrize("name, table, line", [
    # the quote runs to the end of the file, reading the rows after it as its text
    ("open.csv", 'video_id,title,start,end,text\nv1,Intro,0,5,"Variance is the average of the squared deviations\n'
                 'v1,Intro,5,10,The standard deviation is the square root of the variance\n', 2),
    ("open.tsv", 'video_id\tstart\tend\ttext\nv9\t0\t5\tfine\nv9\t5\t9\t"Variance is the average\n'
                 ' v9\t9\t10\tThe standard deviation\n', 3),
    ("last.csv", 'start,text\n0,fine\n5,"the last row', 3),
    # a quote rows later closes it: the rows between are in its text
    ("later.csv", 'video_id,title,start,end,text\nv1,Intro,0,5,"Variance is the average\n'
                  'v1,Intro,5,10,The standard deviation\nv1,Intro,10,15,"Another" one\n', 2),
    ("ids.csv", 'video_id,text\nv1,fine\nv1,"Variance is the average\nv1,The standard deviation\n'
                'v1,"Another" one\n', 3),  # no times: the row's own video id marks a row
])
def test_a_quote_left_open_is_refused_on_the_line_it_opens(tmp_path, name, table, line):
    assert refused(tmp_path / name, table, "unclosed quote").line == line


def test_quoted_text_over_several_lines_is_read(tmp_path):
    path = tmp_path / "multi.csv"  # a line break inside quotes, and a line of it that has a comma
    path.write_text('video_id,start,end,text\nv1,0,5,"Variance is the average of the squared\ndeviations, '
                    'which shows spread."\nv1,5,10,"The standard deviation, he said ""really""."\n')
    assert texts(list(read_transcript(path))[0]) == [
        "Variance is the average of the squared deviations, which shows spread.",
        'The standard deviation, he said "really".']
    path.write_text('video_id,text\nv1,"Well, the average\nv2, yes"\n')  # another id: no row of this lecture's
    assert texts(list(read_transcript(path))[0]) == ["Well, the average v2, yes"]
    path.write_text('start,end,text\n1,3,"the answer lies between\n5, 10, or maybe 15 apples"\n')  # its last line
    assert texts(list(read_transcript(path))[0]) == ["the answer lies between 5, 10, or maybe 15 apples"]


def test_a_whisper_tsv_keeps_its_quotes_as_said(tmp_path):
    path = tmp_path / "talk.tsv"  # Whisper never quotes a cell: a quote is the speaker's
    path.write_text('start\tend\ttext\n0\t4000\t"The unexamined life\n4000\t9000\tis not worth living." he said\n')
    assert texts(list(read_transcript(path))[0]) == ['"The unexamined life', 'is not worth living." he said']


def test_an_empty_file_or_a_table_of_no_text_in_a_folder_is_skipped_with_a_warning(tmp_path, caplog):
    (tmp_path / "talk.vtt").write_text("WEBVTT\n\n00:01.000 --> 00:03.000\nEntropy is surprise.\n")
    (tmp_path / "notes.txt").write_text("")
    (tmp_path / "grades.csv").write_text("student,score\nann,3\n")
    (tmp_path / "rows.tsv").write_text("start\tend\ttext\n0\t5\tCross entropy compares two distributions.\n")
    with caplog.at_level("WARNING", logger="quizgen"):
        assert sorted(lec.format for lec in iter_lectures([tmp_path])) == ["csv", "vtt"]
    assert "notes.txt: empty file, skipped" in caplog.text and "grades.csv: a table with no text column" in caplog.text
    for name, message in (("notes.txt", "file is empty"), ("grades.csv", "no text column")):  # named, refused
        with pytest.raises(InputError, match=message):
            list(iter_lectures([tmp_path / name]))


def test_yt_dlp_info_json_in_a_folder_is_skipped_and_named_alone_is_refused(tmp_path):
    import json

    (tmp_path / "Entropy [abcdefghijk].en.vtt").write_text("WEBVTT\n\n00:01.000 --> 00:03.000\nEntropy is surprise.\n")
    info = tmp_path / "Entropy [abcdefghijk].info.json"  # what yt-dlp writes beside the captions
    info.write_text(json.dumps({"id": "abcdefghijk", "title": "Entropy", "formats": [{"url": "https://x"}]}))
    assert [lec.format for lec in iter_lectures([tmp_path])] == ["vtt"]
    with pytest.raises(InputError, match="JSON is not a transcript"):
        list(iter_lectures([info]))
    info.write_text('[{"text": "a", "start": 1}')  # one cut off is read, and says so
    with pytest.raises(InputError, match="bad JSON"):
        list(iter_lectures([tmp_path]))
    info.unlink()
    (tmp_path / "notes.json").write_text('{"id": "x"}')  # other JSON is read, and refused if it is no transcript
    with pytest.raises(InputError, match="notes.json: JSON is not a transcript"):
        list(iter_lectures([tmp_path]))


CAPTIONS = {
    "vtt": "WEBVTT\n\n00:01.000 --> 00:03.000\nEntropy is surprise.\n",
    "srt": "1\n00:00:01,000 --> 00:00:03,000\nEntropy is surprise.\n",
    "json3": '{"events": [{"tStartMs": 1000, "dDurationMs": 2000, "segs": [{"utf8": "Entropy is surprise."}]}]}',
    "srv3": '<?xml version="1.0"?><timedtext format="3"><body><p t="1000" d="2000">Entropy is surprise.</p>'
            '</body></timedtext>',
    "json": '{"segments": [{"start": 1.0, "end": 3.0, "text": "Entropy is surprise."}]}',  # Whisper's, after yt-dlp
    "tsv": "start\tend\ttext\n1000\t3000\tEntropy is surprise.\n",
}


@pytest.mark.parametrize("name", ["Entropy & Surprise | Lecture 2 [a-B_c1d2E3f].en.vtt",
                                  "Entropy & Surprise | Lecture 2 [a-B_c1d2E3f].srt",
                                  "Entropy & Surprise | Lecture 2 [a-B_c1d2E3f].en-US.json3",
                                  "Entropy & Surprise | Lecture 2 [a-B_c1d2E3f].srv3",
                                  "Entropy & Surprise | Lecture 2 [a-B_c1d2E3f].json",
                                  "Entropy & Surprise | Lecture 2 [a-B_c1d2E3f].tsv"])
def test_a_yt_dlp_file_name_gives_the_video_id_title_and_url(tmp_path, name):
    path = tmp_path / name
    path.write_text(CAPTIONS[name.rsplit(".", 1)[1]])
    (lec,) = read_transcript(path)
    assert (lec.id, lec.title, lec.url) == ("a-B_c1d2E3f", "Entropy & Surprise | Lecture 2",
                                            "https://www.youtube.com/watch?v=a-B_c1d2E3f")
    assert texts(lec) == ["Entropy is surprise."] and lec.segments[0].start == 1.0


@pytest.mark.parametrize("name", ["Entropy [not an id].en.vtt", "Entropy [abcdefghijk] part 2.vtt",
                                  "Entropy [abcdefghij].vtt", "entropy-lecture.en.vtt", "Week 3 [final-draft].vtt"])
def test_a_file_name_without_a_video_id_before_its_suffixes_names_the_lecture_by_its_stem(tmp_path, name):
    path = tmp_path / name  # the id is the stem, the title made of it (without a language suffix); no url
    path.write_text(CAPTIONS["vtt"])
    (lec,) = read_transcript(path)
    title = path.stem.removesuffix(".en").replace("-", " ")
    assert (lec.id, lec.url) == (path.stem, None) and lec.title.lower() == title.lower()


def test_a_title_made_of_a_file_name_drops_the_tools_suffix_and_keeps_small_words_small():
    from quizgen.ingest import _title_from

    assert _title_from("cs-token-sliding-seminar.whisper") == "CS Token Sliding Seminar"
    assert _title_from("ml-agentic-ai-explained") == "ML Agentic AI Explained"  # two letters: an abbreviation
    assert _title_from("go-to-it") == "Go to It"  # unless an English word, or one written so
    assert [_title_from(s) for s in ("what-am-i", "dr-strange-lecture", "ch-3-heaps")] == [
        "What Am I", "Dr Strange Lecture", "Ch 3 Heaps"]
    assert _title_from("what-is-a-neural-network") == "What is a Neural Network"
    assert _title_from("the_end_of_XGBoost") == "The End of XGBoost"
    assert _title_from("talk.en-US") == _title_from("talk.asr.en") == "Talk"  # a language track, a tool's mark
    # a dot that parts the words of a name is no suffix: '02.hashing' is not '02'
    assert [_title_from(s) for s in ("02.hashing", "lecture-03.heaps", "hash-tables.part2")] == [
        "02 Hashing", "Lecture 03 Heaps", "Hash Tables Part2"]


@pytest.mark.parametrize("name, text, message, line", [
    ("rows.jsonl", '{"text": "fine", "start": 1}\n{"video_id": "abc", "text": "cut off\n',
     r"bad JSON line \(Unterminated string starting at column 29\)", 2),
    ("rows.jsonl", '{"text": "a\tb", "start": 1}\n', r"bad JSON line \(Invalid control character at column 12\)", 1),
    ("talk.json", '[\n{"text": "a\tb", "start": 1}]', r"bad JSON \(Invalid control character at column 12\)", 2),
])
def test_bad_json_says_what_is_wrong_and_where(tmp_path, name, text, message, line):
    assert refused(tmp_path / name, text, message).line == line


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_read(tmp_path, encoding):
    srt = tmp_path / "talk.srt"
    srt.write_bytes("1\n00:00:01,000 --> 00:00:03,000\nnaïve Bayes, 一个\n".encode(encoding))
    assert texts(list(read_transcript(srt))[0]) == ["naïve Bayes, 一个"]
    rows = tmp_path / "rows.jsonl"
    rows.write_bytes('{"text": "naïve", "start": 1}\n{"text": "Bayes", "start": 2}\n'.encode(encoding))
    assert texts(list(read_transcript(rows))[0]) == ["naïve", "Bayes"]
    rows.write_bytes(rows.read_bytes() + b"x")  # an odd byte at the end
    with pytest.raises(InputError, match="bad UTF-16 text"):
        list(read_transcript(rows))


def test_captions_whose_line_breaks_were_lost_are_refused_not_read_as_prose(tmp_path):
    cues = "".join(f"{n} 00:00:{n:02d},000 --> 00:00:{n + 1:02d},000 line {n} of the talk " for n in range(1, 6))
    err = refused(tmp_path / "flat.srt", "a talk about sets\n" + cues, "cue timings run into its text")
    assert err.line == 2 and "5 of them" in str(err)
    # prose that quotes a timing or two is still prose
    (tmp_path / "notes.txt").write_text("We said 00:00:01,000 --> 00:00:02,000 is how SubRip writes a cue.\n")
    assert texts(next(read_transcript(tmp_path / "notes.txt")))


def test_text_without_spaces_is_refused(tmp_path):
    err = refused(tmp_path / "squashed.txt", "A title\n\n" + "thesupportsetisthesmalllabelledset" * 40,
                  "1,360 characters without a space")
    assert err.line == 3
    link = tmp_path / "linked.txt"  # a tracking link is long, and still a link
    link.write_text("The slides are at https://example.org/slides?ref=" + "x" * 1500 + " as I said.\n")
    assert texts(next(read_transcript(link)))


def test_a_file_too_big_to_hold_one_lecture_is_refused_before_it_is_read(tmp_path, monkeypatch):
    import quizgen.ingest as ingest

    monkeypatch.setattr(ingest, "MAX_TEXT_FILE_BYTES", 1000)
    monkeypatch.setattr(ingest, "decode", lambda *a, **k: pytest.fail("the whole file was read"))
    path = tmp_path / "huge.srt"
    path.write_text("1\n00:00:01,000 --> 00:00:02,000\nwords\n\n" * 100)
    with pytest.raises(InputError, match="file is 0 MB, more than a lecture"):
        list(read_transcript(path, fmt="srt"))


def test_a_first_webvtt_cue_with_a_broken_timing_is_said_to_be_one(tmp_path):
    err = refused(tmp_path / "neg.vtt", "WEBVTT\n\n1\n-00:00:01.000 --> 00:00:04.000\nThe mean.\n\n"
                  "2\n00:00:05.000 --> 00:00:08.000\nThe median.\n", "broken cue timing")
    assert err.line == 4


@pytest.mark.parametrize("name", ["-", "fifo"])
def test_a_pipe_or_standard_input_is_refused_with_why(tmp_path, monkeypatch, name):
    import os

    from quizgen.ingest import expand_paths

    monkeypatch.chdir(tmp_path)
    if name == "fifo":
        os.mkfifo(tmp_path / name)
    with pytest.raises(InputError, match="not a regular file"):
        expand_paths([name])


def test_a_word_said_twice_in_captions_of_one_word_a_cue_is_kept(tmp_path):
    words = ["It", "is", "very", "very", "important."]
    path = tmp_path / "words.srt"
    path.write_text("".join(f"{n}\n00:00:0{n},000 --> 00:00:0{n},400\n{w}\n\n" for n, w in enumerate(words, 1)))
    assert " ".join(texts(next(read_transcript(path)))) == "It is very very important."
    # a caption shown again (a rolling repeat, a cut in the picture) is still read once, one word too when
    # shown in passing (YouTube's 10 ms cue that shows the line before again)
    flash = tmp_path / "flash.vtt"
    flash.write_text("WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nokay\n\n00:00:02.000 --> 00:00:02.010\nokay\n\n"
                     "00:00:02.010 --> 00:00:04.000\nokay\nso today we talk\n")
    assert texts(next(read_transcript(flash))) == ["okay", "so today we talk"]
    path.write_text("1\n00:00:01,000 --> 00:00:02,000\nthe mean is the average\n\n"
                    "2\n00:00:02,000 --> 00:00:03,000\nthe mean is the average\n")
    assert texts(next(read_transcript(path))) == ["the mean is the average"]
