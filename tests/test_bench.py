"""The benchmark's cheap parts on the bundled sample: every figure is printed, as a positive number.

Speed is reported, not tested: no threshold is asserted here.
"""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

from quizgen.sample import sample_path

NUMBER = r"([0-9][0-9,]*(?:\.[0-9]+)?)"


def _numbers(line: str) -> list[float]:
    return [float(n.replace(",", "")) for n in re.findall(NUMBER, line)]


def _line(out: str, start: str) -> str:
    lines = [line for line in out.splitlines() if line.startswith(start)]
    assert len(lines) == 1, f"no single line starting {start!r} in:\n{out}"
    return lines[0]


@pytest.mark.slow
def test_quick_bench_on_the_sample_prints_every_figure(tmp_path):
    cmd = [sys.executable, "-m", "quizgen.bench", "--quick", "--runs", "2", str(sample_path())]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout

    spacy = _line(out, "bare spaCy pass")
    build = _line(out, "build, steady state")
    for line in (spacy, build):
        assert "words/s" in line
        words_per_s, seconds = _numbers(line)[-2:]
        assert words_per_s > 0 and seconds > 0
    assert all(n >= 0 for n in _numbers(_line(out, "  of which in spaCy / embedder / other")))
    assert _numbers(_line(out, "build time / bare spaCy time"))[0] > 0
    for model in ("torch import", "spaCy", "KeyBERT/MiniLM"):
        assert _numbers(_line(out, f"load: {model}"))[0] > 0
    help_ms, python_ms, help_ratio = _numbers(_line(out, "quizgen --help / python -c pass"))[:3]
    assert help_ms > 0 and python_ms > 0 and help_ratio > 0
    assert float(re.search(r"([0-9.]+) s\s+<=", _line(out, "cached rebuild"))[1]) > 0
    assert _numbers(_line(out, "  cpu time of that rebuild"))[0] > 0
    assert "--jobs 1 / --jobs 2" not in out and "peak memory" not in out  # --quick skips them

    final = out.strip().splitlines()[-1]
    assert final.startswith("ratios: ")
    assert re.search(r"build/spaCy [0-9.]+x", final)
    assert re.search(r"help/python [0-9.]+x", final)
    assert re.search(r"cached [0-9.]+ s", final)
