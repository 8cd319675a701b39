"""`python -m quizgen.bench [PATHS...]`: quizgen's speed, memory and start-up beside a bare spaCy pass.

Speed is reported, never asserted: each figure is printed next to its target.
"""
from __future__ import annotations

import argparse
import contextlib
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

GIB = 1024 ** 3
MIB = 1024 ** 2
BUILD_RATIO_TARGET = 2.0  # steady-state build time / bare spaCy time
RSS_TARGET = 1.5 * GIB  # a --jobs 2 build, all processes together
HELP_RATIO_TARGET = 3.0  # `quizgen --help` / `python -c pass`
CACHED_TARGET = 2.0  # seconds for a rebuild with every lecture cached
# libraries whose time counts as "inside spaCy or the embedder" in --profile
MODEL_LIBS = ("spacy", "thinc", "torch", "transformers", "sentence_transformers", "tokenizers", "keybert")


@dataclass(frozen=True)
class Row:
    figure: str
    value: str
    target: str = ""
    ok: bool | None = None


def default_paths() -> list[Path]:
    """../shared/seeds and ../shared/corpus beside the checkout, else the bundled sample lecture."""
    from quizgen.sample import sample_path

    shared = Path(__file__).resolve().parent.parent.parent / "shared"
    present = [p for p in (shared / "seeds", shared / "corpus") if p.is_dir()]
    return present or [sample_path()]


def quizgen_command() -> list[str]:
    """The installed `quizgen` script of this interpreter, else the same entry point through -c."""
    script = Path(sys.executable).with_name("quizgen")
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from quizgen.entry import main; sys.argv[0] = 'quizgen'; main()"]


# --- in this process: model loads, the bare spaCy pass, the steady-state build ---------------------

def load_models() -> dict[str, float]:
    """Seconds to import torch, then load spaCy, then KeyBERT/MiniLM (each without the ones before)."""
    from quizgen.nlp.models import load_keybert, load_spacy

    spent = {}
    t = time.perf_counter()
    import torch  # noqa: F401  (spaCy's thinc imports it too: timed apart so neither load carries it)

    spent["torch import"] = time.perf_counter() - t
    t = time.perf_counter()
    load_spacy()
    spent["spaCy"] = time.perf_counter() - t
    t = time.perf_counter()
    load_keybert()
    spent["KeyBERT/MiniLM"] = time.perf_counter() - t
    return spent


@dataclass(frozen=True)
class SteadyState:
    lectures: int
    words: int
    spacy_s: float  # en_core_web_sm as shipped
    trimmed_s: float  # the same pipeline as quizgen runs it
    build_s: float
    in_spacy_s: float
    in_embedder_s: float

    @property
    def ratio(self) -> float:
        return self.build_s / self.spacy_s


def measure_steady_state(paths: Sequence[Path]) -> SteadyState:
    """Bare spaCy passes over the lectures, then `build` of them with the models loaded, no cache, one job.

    The bare pass is en_core_web_sm as it ships (every component on), which is what the build is measured
    against; quizgen's own pass runs the same pipeline with the lemmatizer and entity recogniser off."""
    from quizgen.build import BuildOptions, build, read_all
    from quizgen.nlp.models import embed, load_spacy, load_spacy_as_shipped
    from quizgen.nlp.units import lecture_text
    from quizgen.sample import sample_path

    lectures = read_all(paths)
    texts = [lecture_text(lec)[0] for lec in lectures]
    shipped, trimmed = load_spacy_as_shipped(), load_spacy()
    with tempfile.TemporaryDirectory() as tmp:
        # one small build first: the first call of every lazily loaded piece is not steady state
        embed(["warm up"])
        shipped("warm up")
        build([sample_path()], BuildOptions(out_dir=Path(tmp) / "warm", outputs=("apkg", "json"),
                                            use_cache=False, jobs=1))
        spacy_s, trimmed_s = (_pipe_seconds(nlp, texts) for nlp in (shipped, trimmed))
        options = BuildOptions(out_dir=Path(tmp) / "out", outputs=("apkg", "json"), use_cache=False, jobs=1)
        with time_inside_models() as inside:
            t = time.perf_counter()
            build(paths, options)
            build_s = time.perf_counter() - t
    return SteadyState(len(lectures), sum(lec.word_count for lec in lectures), spacy_s, trimmed_s, build_s,
                       inside["spacy"], inside["embedder"])


def _pipe_seconds(nlp, texts: list[str]) -> float:
    t = time.perf_counter()
    for _ in nlp.pipe(texts):
        pass
    return time.perf_counter() - t


@contextlib.contextmanager
def time_inside_models() -> Iterator[dict[str, float]]:
    """Seconds spent in spaCy (Language.__call__/pipe) and the embedder (SentenceTransformer.encode)
    while the block runs, counting only the outermost call of each."""
    from sentence_transformers import SentenceTransformer
    from spacy.language import Language

    spent = {"spacy": 0.0, "embedder": 0.0}
    depth = {"spacy": 0, "embedder": 0}
    patched = [("spacy", Language, "__call__"), ("spacy", Language, "pipe"),
               ("embedder", SentenceTransformer, "encode")]

    def timed(label: str, method: Callable) -> Callable:
        def run(*args, **kwargs):
            depth[label] += 1
            t = time.perf_counter()
            try:
                result = method(*args, **kwargs)
            finally:
                depth[label] -= 1
                if depth[label] == 0:
                    spent[label] += time.perf_counter() - t
            return _timed_iter(label, result) if hasattr(result, "__next__") else result
        return run

    def _timed_iter(label: str, items):
        while True:
            depth[label] += 1
            t = time.perf_counter()
            try:
                item = next(items)
            except StopIteration:
                return
            finally:
                depth[label] -= 1
                if depth[label] == 0:
                    spent[label] += time.perf_counter() - t
            yield item

    originals = [(cls, name, cls.__dict__.get(name)) for _, cls, name in patched]
    for label, cls, name in patched:
        setattr(cls, name, timed(label, getattr(cls, name)))
    try:
        yield spent
    finally:
        for cls, name, original in originals:
            if original is None:
                delattr(cls, name)
            else:
                setattr(cls, name, original)


def profile_build(paths: Sequence[Path], top: int) -> str:
    """cProfile of one steady-state build: where the time goes outside spaCy and the embedder."""
    import cProfile
    import io
    import pstats

    from quizgen.build import BuildOptions, build

    profiler = cProfile.Profile()
    with tempfile.TemporaryDirectory() as tmp:
        options = BuildOptions(out_dir=Path(tmp), outputs=("apkg", "json"), use_cache=False, jobs=1)
        profiler.runcall(build, paths, options)
    stats = pstats.Stats(profiler)
    total = sum(row[2] for row in stats.stats.values())
    outside = [(key, row) for key, row in stats.stats.items() if not _in_model_libs(key)]
    outside.sort(key=lambda kv: -kv[1][2])
    own = [(key, row) for key, row in stats.stats.items() if f"{os.sep}quizgen{os.sep}" in key[0]]
    own.sort(key=lambda kv: -kv[1][3])
    out = io.StringIO()
    print(f"profile: {total:.1f} s of own time in all; outside spaCy/embedder libraries: "
          f"{sum(row[2] for _, row in outside):.1f} s", file=out)
    print("  top own time outside spaCy and the embedder:", file=out)
    for key, row in outside[:top]:
        print(f"    {row[2]:7.2f} s  {row[1]:>8} calls  {_where(key)}", file=out)
    print("  quizgen functions by cumulative time (includes the models they call):", file=out)
    for key, row in own[:top]:
        print(f"    {row[3]:7.2f} s  {row[1]:>8} calls  {_where(key)}", file=out)
    return out.getvalue()


def _in_model_libs(key: tuple[str, int, str]) -> bool:
    filename, _, name = key
    text = filename if filename != "~" else name
    return any(re.search(rf"(^|[/\\ ']){lib}[./\\]", text) for lib in MODEL_LIBS)


def _where(key: tuple[str, int, str]) -> str:
    filename, line, name = key
    if filename == "~":
        return name
    parts = Path(filename).parts
    short = "/".join(parts[parts.index("quizgen"):]) if "quizgen" in parts else "/".join(parts[-2:])
    return f"{short}:{line}({name})"


# --- in subprocesses: start-up, memory, parallel and cached builds ------------------------------------

def median_run_time(cmd: list[str], runs: int, env: dict[str, str] | None = None) -> float:
    """Median wall seconds of `runs` runs, after one untimed run (so the file cache is warm for all)."""
    times = []
    for i in range(runs + 1):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
        if i:
            times.append(time.perf_counter() - t)
    return statistics.median(times)


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_bytes: int  # all processes of the run together (PSS where Linux has it, else RSS), sampled
    maxrss_bytes: int  # getrusage: the largest single process the run's parent reaped
    cpu_seconds: float  # getrusage: user + system time of the processes the run's parent reaped
    output: str = ""

    @property
    def fully_cached(self) -> bool:
        found = re.search(r"\((\d+) of (\d+) lectures cached\)", self.output)
        return bool(found) and found[1] == found[2]


def run_build(cmd: list[str], env: dict[str, str], sample_memory: bool = False) -> Run:
    """Runs `cmd` through a small parent that reports getrusage(RUSAGE_CHILDREN) for it alone."""
    parent = ("import resource, subprocess, sys; code = subprocess.call(sys.argv[1:]); "
              "use = resource.getrusage(resource.RUSAGE_CHILDREN); "
              "print(use.ru_maxrss, use.ru_utime + use.ru_stime, file=sys.stderr); sys.exit(code)")
    with tempfile.TemporaryFile() as log:
        t = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-c", parent, *cmd], stdout=log, stderr=log, env=env)
        peak = 0
        while proc.poll() is None:
            if sample_memory:
                peak = max(peak, tree_memory(proc.pid))
            time.sleep(0.25)
        seconds = time.perf_counter() - t
        log.seek(0)
        text = log.read().decode(errors="replace")
    if proc.returncode:
        raise SystemExit(f"bench: {' '.join(cmd)} failed ({proc.returncode}):\n{text[-2000:]}")
    maxrss_kib, cpu = text.strip().splitlines()[-1].split()
    return Run(seconds, peak, int(maxrss_kib) * 1024, float(cpu), text)


def tree_memory(root: int) -> int:
    """Bytes held now by `root` and its descendants: the sum of PSS (shared pages counted once) where
    Linux reports it, else of RSS; 0 where there is no /proc."""
    children: dict[int, list[int]] = {}
    try:
        entries = [e.name for e in os.scandir("/proc") if e.name.isdigit()]
    except OSError:
        return 0
    for name in entries:
        try:
            stat = Path(f"/proc/{name}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(name))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(children.get(pid, ()))
        total += _process_memory(pid)
    return total


def _process_memory(pid: int) -> int:
    for path, field in ((f"/proc/{pid}/smaps_rollup", "Pss:"), (f"/proc/{pid}/status", "VmRSS:")):
        try:
            for line in Path(path).read_text().splitlines():
                if line.startswith(field):
                    return int(line.split()[1]) * 1024
        except (OSError, ValueError):
            continue
    return 0


# --- the report ---------------------------------------------------------------------------------------

def _verdict(ok: bool | None) -> str:
    return "" if ok is None else ("ok" if ok else "MISSED")


def _table(rows: list[Row]) -> str:
    widths = [max(len(getattr(r, f)) for r in rows) for f in ("figure", "value", "target")]
    return "\n".join(f"{r.figure:<{widths[0]}}  {r.value:>{widths[1]}}  {r.target:<{widths[2]}}  "
                     f"{_verdict(r.ok)}".rstrip() for r in rows)


def _busy_note() -> str:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0
    return f"load average {load:.2f}"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m quizgen.bench", description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path,
                        help="Transcripts or directories (default: ../shared/seeds and ../shared/corpus "
                             "beside the checkout, else the bundled sample).")
    parser.add_argument("--quick", action="store_true",
                        help="Skip the two uncached subprocess builds (--jobs 1 vs 2, peak memory).")
    parser.add_argument("--runs", type=int, default=7, help="Runs for each start-up median (default 7).")
    parser.add_argument("--profile", type=int, metavar="N", default=0,
                        help="Also profile one more steady-state build and print its top N functions.")
    args = parser.parse_args(argv)
    paths = args.paths or default_paths()
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    started = time.perf_counter()
    print(f"quizgen bench over {', '.join(str(p) for p in paths)}", flush=True)
    print(f"{cores} cores, {_busy_note()} at start (other work on the machine makes every figure slower)",
          flush=True)

    loads = load_models()
    steady = measure_steady_state(paths)
    import torch

    print(f"{steady.lectures} lectures, {steady.words:,} words; torch threads {torch.get_num_threads()}",
          flush=True)
    rows = [
        Row("bare spaCy pass (en_core_web_sm as shipped)", f"{steady.words / steady.spacy_s:,.0f} words/s",
            f"{steady.spacy_s:.2f} s"),
        Row("  quizgen's pass (no lemmatizer, no entities)",
            f"{steady.words / steady.trimmed_s:,.0f} words/s", f"{steady.trimmed_s:.2f} s"),
        Row("build, steady state, jobs 1, no cache", f"{steady.words / steady.build_s:,.0f} words/s",
            f"{steady.build_s:.2f} s"),
        Row("  of which in spaCy / embedder / other",
            f"{steady.in_spacy_s:.1f} / {steady.in_embedder_s:.1f} / "
            f"{steady.build_s - steady.in_spacy_s - steady.in_embedder_s:.1f} s"),
        Row("build time / bare spaCy time", f"{steady.ratio:.2f}x", f"<= {BUILD_RATIO_TARGET:.1f}x",
            steady.ratio <= BUILD_RATIO_TARGET),
        Row("  build time / quizgen's own spaCy pass", f"{steady.build_s / steady.trimmed_s:.2f}x"),
    ]
    rows += [Row(f"load: {name}", f"{seconds:.2f} s") for name, seconds in loads.items()]

    py = median_run_time([sys.executable, "-c", "pass"], args.runs)
    helped = median_run_time([*quizgen_command(), "--help"], args.runs)
    rows.append(Row("quizgen --help / python -c pass", f"{helped * 1000:.0f} / {py * 1000:.0f} ms = "
                    f"{helped / py:.1f}x", f"<= {HELP_RATIO_TARGET:.0f}x", helped / py <= HELP_RATIO_TARGET))

    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, QUIZGEN_CACHE=str(Path(tmp) / "cache"))
        build_cmd = [*quizgen_command(), "build", *map(str, paths), "--json"]
        jobs1 = jobs2 = None
        if not args.quick:
            jobs1 = run_build([*build_cmd, "--out", str(Path(tmp) / "j1"), "--no-cache", "--jobs", "1"], env)
            # an empty cache, so every lecture is analyzed as with --no-cache, and the cache is filled
            jobs2 = run_build([*build_cmd, "--out", str(Path(tmp) / "j2"), "--jobs", "2"], env,
                              sample_memory=True)
        else:
            run_build([*build_cmd, "--out", str(Path(tmp) / "first"), "--jobs", "1"], env)
        reruns, missed = [], 0
        while len(reruns) < 3 and missed < 3:
            # a rerun that misses (the nlp code or config changed since the first build) fills the
            # cache again; it is counted apart, not timed as cached
            rerun = run_build([*build_cmd, "--out", str(Path(tmp) / "cached")], env)
            if rerun.fully_cached:
                reruns.append(rerun)
            else:
                missed += 1
    cached = statistics.median(r.seconds for r in reruns) if reruns else float("nan")
    note = f", {missed} rerun(s) not all cached: code/config changed" if missed else ""
    rows.append(Row(f"cached rebuild, all lectures (median of {len(reruns)}{note})", f"{cached:.2f} s",
                    f"<= {CACHED_TARGET:.0f} s", cached <= CACHED_TARGET))
    if reruns:
        rows.append(Row("  cpu time of that rebuild (user + system)",
                        f"{statistics.median(r.cpu_seconds for r in reruns):.2f} s"))
    if jobs1 and jobs2:
        rows.append(Row("peak memory, --jobs 2 build (all processes)", f"{jobs2.peak_bytes / GIB:.2f} GiB",
                        f"<= {RSS_TARGET / GIB:.1f} GiB",
                        jobs2.peak_bytes <= RSS_TARGET if jobs2.peak_bytes else None))
        rows.append(Row("  getrusage children maxrss (one process)", f"{jobs2.maxrss_bytes / MIB:,.0f} MiB",
                        "misses the forkserver's workers"))
        rows.append(Row("uncached build wall, --jobs 1 / --jobs 2",
                        f"{jobs1.seconds:.1f} / {jobs2.seconds:.1f} s",
                        f"speed-up {jobs1.seconds / jobs2.seconds:.2f}x"))
        rows.append(Row("  cpu time of the --jobs 1 build (user + system)", f"{jobs1.cpu_seconds:.1f} s"))

    print()
    print(_table(rows))
    ratios = [f"build/spaCy {steady.ratio:.2f}x (target <= {BUILD_RATIO_TARGET:.1f}x)",
              f"help/python {helped / py:.1f}x (<= {HELP_RATIO_TARGET:.0f}x)",
              f"cached {cached:.2f} s (<= {CACHED_TARGET:.0f} s)"]
    if jobs1 and jobs2:
        ratios += [f"peak {jobs2.peak_bytes / GIB:.2f} GiB (<= {RSS_TARGET / GIB:.1f} GiB)",
                   f"jobs1/jobs2 {jobs1.seconds / jobs2.seconds:.2f}x"]
    print(f"\n{_busy_note()} at end; bench took {time.perf_counter() - started:.0f} s")
    if args.profile:
        print()
        print(profile_build(paths, args.profile), end="")
    print("ratios: " + " | ".join(ratios))
    return 0


if __name__ == "__main__":
    sys.exit(main())
