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
    assert not out.exists() or not any(out.iterdir())


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
