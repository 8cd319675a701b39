"""`quizgen build`: transcripts in, one Anki deck (and optionally JSON, TSV, study guide) per lecture out."""
from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from quizgen.errors import InputError, OutputError, QuizgenError
from quizgen.export.lecture_json import BuiltLecture
from quizgen.model import Analysis, Lecture

OUTPUTS = ("apkg", "json", "csv", "md")


@dataclass(frozen=True)
class BuildOptions:
    out_dir: Path = Path("decks")
    outputs: tuple[str, ...] = ("apkg",)
    fmt: str | None = None
    deck: str | None = None
    url: str | None = None
    timestamp: float | None = None
    jobs: int = 1
    use_cache: bool = True
    max_terms: int | None = None
    reverse: bool = False  # also a reverse card (definition -> term) of each passage, beside its cloze and Q&A


@dataclass(frozen=True)
class BuildResult:
    built: tuple[BuiltLecture, ...]
    written: tuple[Path, ...]
    words: int
    cached: int = 0


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def read_all(paths: Sequence[str | Path], fmt: str | None = None) -> list[Lecture]:
    """Every lecture, read before anything is written, so bad input leaves no half-built output."""
    return list(read_lectures(paths, fmt))


def read_lectures(paths: Sequence[str | Path], fmt: str | None = None) -> Iterable[Lecture]:
    """The lectures one by one, with the ids a build gives them, and refused where two would clash."""
    from quizgen.ingest import iter_lectures

    return _unique(iter_lectures(paths, fmt))


def _unique(lectures: Iterable[Lecture]) -> Iterable[Lecture]:
    """The lectures, failing on the first whose id an earlier one from another file already has (its outputs
    would clash). A file named twice (as 'talk.srt' and './talk.srt') is one lecture."""
    from quizgen.ingest.rows import language_track

    seen: dict[str, str] = {}
    stems: dict[str, str] = {}  # output file name -> the id that writes it
    for lec in lectures:
        where = str(Path(lec.path).resolve()) if lec.path else lec.source
        if lec.id in seen and seen[lec.id] == where:
            continue
        track = language_track(lec.source)
        if lec.id in seen and track and f"{lec.id}.{track}" not in seen:
            lec = replace(lec, id=f"{lec.id}.{track}")  # 'Talk [id].de.vtt' beside 'Talk [id].en.vtt'
        if lec.id in seen:
            raise QuizgenError(f"{lec.path or lec.source}: lecture id {lec.id} also comes from {seen[lec.id]}")
        stem = output_stem(lec.id)
        if stems.get(stem, lec.id) != lec.id:
            raise QuizgenError(f"{lec.path or lec.source}: lectures {stems[stem]} and {lec.id} would both be "
                               f"written as {stem}; give them ids that differ in letters or digits")
        seen[lec.id] = where
        stems[stem] = lec.id
        yield lec



def analyze(lecture: Lecture, options: BuildOptions) -> tuple[Analysis, bool]:
    """The lecture's analysis and whether it came from the cache."""
    hit = _cached(lecture, options)
    if hit is not None:
        return hit, True
    return _analyze_fresh(lecture, options), False


def _settings(options: BuildOptions):
    from quizgen.nlp.pipeline import Settings  # light: the models load only when a lecture is analyzed

    return Settings(max_terms=options.max_terms)


def _cached(lecture: Lecture, options: BuildOptions) -> Analysis | None:
    if not options.use_cache:
        return None
    from quizgen.cache import analysis_key, load_analysis

    return load_analysis(analysis_key(lecture, _settings(options)), lecture)


def _analyze_fresh(lecture: Lecture, options: BuildOptions) -> Analysis:
    from quizgen.cache import analysis_key, save_analysis
    from quizgen.nlp.pipeline import analyze_lecture

    settings = _settings(options)
    analysis = analyze_lecture(lecture, settings)
    if options.use_cache:
        save_analysis(analysis_key(lecture, settings), analysis)
    return analysis


def make_built(analysis: Analysis, options: BuildOptions, url_wins: bool = False) -> BuiltLecture:
    """The lecture with its cards. `--url` names the video of a lecture that has none, and, with `url_wins`
    (a build of one lecture), also stands over a link the lecture's file name gave ('Talk [VIDEOID].en.vtt')."""
    from quizgen.cards.make import DEFAULT_KINDS, make_cards

    lecture = analysis.lecture
    if options.url and (lecture.url is None or url_wins):
        lecture = replace(lecture, url=options.url)
        analysis = replace(analysis, lecture=lecture)
    link = None if lecture.url else _local_link(lecture)
    kinds = (*DEFAULT_KINDS, "reverse") if options.reverse else DEFAULT_KINDS
    return BuiltLecture.from_analysis(analysis, make_cards(analysis, link=link, kinds=kinds))


MEDIA_SUFFIXES = (".mp4", ".mkv", ".webm", ".mov", ".m4v", ".mp3", ".m4a", ".ogg", ".wav")


def _local_link(lecture: Lecture) -> Callable[[int | None], str | None] | None:
    """A local transcript without --url still links each card to its moment, as a media fragment (#t=N):
    on the video or audio file beside the transcript (same name) when there is one, else on the transcript."""
    if not lecture.timed or not lecture.path:
        return None
    transcript = Path(lecture.path).resolve()
    media = next((transcript.with_suffix(ext) for ext in MEDIA_SUFFIXES if transcript.with_suffix(ext).is_file()),
                 transcript)
    base = media.as_uri()
    return lambda second: None if second is None else f"{base}#t={int(second)}"


@dataclass(frozen=True)
class LectureInfo:
    """What a build needs to plan before it analyzes: a lecture without its text."""

    id: str
    title: str
    source: str
    word_count: int
    has_url: bool
    path: str | None = None


def scan(paths: Sequence[str | Path], fmt: str | None = None) -> list[LectureInfo]:
    """Reads every lecture once to check it, so bad input fails before anything is written, and keeps only
    what planning needs: a large dataset's text is read again lecture by lecture as the build goes."""
    from quizgen.ingest import iter_lectures

    return [LectureInfo(lec.id, lec.title, lec.source, lec.word_count, lec.url is not None, lec.path)
            for lec in map(_not_too_long, _unique(iter_lectures(paths, fmt)))]


MAX_LECTURE_CHARS = 1_000_000  # spaCy's limit for one text, some 18 hours of speech


def length_problem(lecture: Lecture) -> str | None:
    """Why the language stage cannot read the lecture in one piece, or None when it can."""
    chars = sum(len(seg.text) + 1 for seg in lecture.segments)
    if chars <= MAX_LECTURE_CHARS:
        return None
    return (f"lecture {lecture.id} is {chars:,} characters long, more than the {MAX_LECTURE_CHARS:,} "
            "(about 18 hours of speech) quizgen reads as one lecture; split it")


def _not_too_long(lecture: Lecture) -> Lecture:
    """The lecture, if the language stage can read it in one piece; else one clear error, not spaCy's."""
    problem = length_problem(lecture)
    if problem:
        raise InputError(lecture.path or lecture.source, problem)
    return lecture


OUTPUT_SUFFIXES = {"apkg": ".apkg", "json": ".json", "md": ".md", "csv": ".tsv"}
_NOT_IN_FILE_NAMES = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def output_stem(lecture_id: str) -> str:
    """The name of a lecture's output files: its id, with what a file name cannot hold ('/' of 'cs101/lec01',
    which would name a folder, or ':' on Windows) as '_'."""
    stem = _NOT_IN_FILE_NAMES.sub("_", lecture_id).strip()
    return stem if stem.strip(".") else "_" + stem


def _written_over(infos: list[LectureInfo], out: Path, outputs: Sequence[str]) -> None:
    """Refuse a build whose outputs would replace one of its own transcripts ('talk.json' built into its
    own folder writes the lecture JSON 'talk.json'), before anything is analyzed or written."""
    inputs = {Path(info.path).resolve(): info for info in infos if info.path}
    for info in infos:
        for kind in outputs:
            target = (out / f"{output_stem(info.id)}{OUTPUT_SUFFIXES[kind]}").resolve()
            if target in inputs:
                raise OutputError(f"{inputs[target].path}: a build into {out} would write {target.name} over this "
                                  "transcript; choose another --out")


def build(paths: Sequence[str | Path], options: BuildOptions,
          progress: Callable[[Lecture, bool], None] | None = None,
          start: Callable[[list[LectureInfo]], None] | None = None) -> BuildResult:
    """Read, analyze, make cards, write, one lecture after another (at most a few in flight), so a dataset
    of hundreds of lectures never sits in memory whole. Workers load the models once each; outputs keep
    input order and appear only when the whole build has succeeded."""
    with _each_warning_once():
        return _build(paths, options, progress, start)


@contextlib.contextmanager
def _each_warning_once():
    """A build reads each input twice (checked first, then analyzed), and ingest warns on each read ('cues
    out of time order'): the user hears each warning once."""
    said: set[str] = set()

    def first_time(record: logging.LogRecord) -> bool:
        message = record.getMessage()
        fresh = message not in said
        said.add(message)
        return fresh

    logger = logging.getLogger("quizgen")
    logger.addFilter(first_time)
    try:
        yield
    finally:
        logger.removeFilter(first_time)


def _build(paths: Sequence[str | Path], options: BuildOptions, progress, start) -> BuildResult:
    from quizgen.export.labels import build_decks
    from quizgen.ingest import iter_lectures

    infos = scan(paths, options.fmt)
    without_url = [info.id for info in infos if not info.has_url]
    if options.url and len(without_url) > 1:
        raise QuizgenError(f"--url names one video, but {len(without_url)} lectures have none "
                           f"({', '.join(without_url[:4])}...); build them one at a time")
    out = Path(options.out_dir)
    _written_over(infos, out, options.outputs)
    made = [folder for folder in (out, *out.parents) if not folder.exists()]  # deepest first
    staging = _staging_dir(out) if options.outputs else None  # an unwritable --out fails before analysis
    built: list[BuiltLecture] = []
    staged: list[Path] = []
    written: list[Path] = []
    cached = 0
    try:
        if start:
            start(infos)
        names = build_decks([info.title for info in infos], options.deck)
        longest, wanted = max(info.word_count for info in infos), min(options.jobs, len(infos))
        jobs = _workers_that_fit(wanted, longest)
        if jobs < wanted:
            logging.getLogger("quizgen").info("%d of %d workers: each holds a lecture of up to %s words, and more "
                                              "would not fit in memory", jobs, wanted, f"{longest:,}")
        for i, analysis, hit in _analyze_in_order(_unique(iter_lectures(paths, options.fmt)),
                                                  replace(options, jobs=jobs), len(infos)):
            cached += hit
            if progress:
                progress(analysis.lecture, hit)
            built.append(make_built(analysis, options, url_wins=len(infos) == 1))
            if staging is not None:
                staged += _write_lecture(built[-1], names[i], staging, options)
        for path in staged:
            os.replace(path, out / path.name)
            written.append(out / path.name)
    except OSError as exc:
        raise OutputError(f"{out}: cannot write ({exc.strerror or exc})") from None
    finally:
        if staging is not None:
            shutil.rmtree(staging, ignore_errors=True)
        if not written:  # a bad transcript, Ctrl-C: the --out this build made goes too, as it was
            _remove_empty(made)
    return BuildResult(tuple(built), tuple(written), sum(info.word_count for info in infos), cached)


# what one worker holds while it reads a lecture: the models, and the parse and embeddings growing with its
# length (measured: 0.96 GB at 25,000 words, 2.06 GB at 100,000, 3.46 GB at 179,000)
WORKER_BYTES = 700_000_000
WORKER_BYTES_PER_WORD = 15_000
MEMORY_SHARE = 0.75  # of the machine's memory, what a build's workers may take together


def _workers_that_fit(jobs: int, longest_words: int, memory: int | None = None) -> int:
    """`jobs`, or fewer where that many workers, each reading a lecture as long as the longest, would not fit
    in memory: two 18-hour lectures at once took 6.2 GB."""
    if memory is None:
        try:
            memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
        except (AttributeError, ValueError, OSError):  # no such count here (Windows): as many as asked
            return jobs
    per_worker = WORKER_BYTES + WORKER_BYTES_PER_WORD * longest_words
    return max(1, min(jobs, int(MEMORY_SHARE * memory // per_worker)))


def _analyze_in_order(lectures: Iterable[Lecture], options: BuildOptions,
                      total: int) -> Iterable[tuple[int, Analysis, bool]]:
    """(index, analysis, cached) in input order. Cache hits are read here, so a fully cached build never
    starts workers nor loads a model; misses go to a pool of `options.jobs` workers, with a few lectures
    queued ahead of each so the workers never wait and memory stays bounded."""
    jobs = max(1, min(options.jobs, total))
    if jobs == 1:
        for i, lec in enumerate(lectures):
            hit = _cached(lec, options)
            yield (i, hit, True) if hit is not None else (i, _analyze_fresh(lec, options), False)
        return
    from collections import deque

    pool = None
    queue: deque = deque()  # (index, analysis or future, cached)
    try:
        for i, lec in enumerate(lectures):
            hit = _cached(lec, options)
            if hit is not None:
                queue.append((i, hit, True))
            else:
                pool = pool or _start_pool(jobs)
                queue.append((i, pool.submit(_analyze_fresh, lec, options), False))
            while len(queue) > 3 * jobs or queue and queue[0][2]:
                yield _resolved(queue.popleft())
        while queue:
            yield _resolved(queue.popleft())
    except BaseException:
        if pool is not None:  # a failed lecture, or Ctrl-C, stops the build without the rest
            for worker in list((getattr(pool, "_processes", None) or {}).values()):
                worker.terminate()  # (workers ignore Ctrl-C, and would finish the lecture in hand first)
            pool.shutdown(cancel_futures=True)
        raise
    finally:
        if pool is not None:
            pool.shutdown()


def _resolved(item: tuple) -> tuple[int, Analysis, bool]:
    i, value, hit = item
    return i, (value if hit else value.result()), hit


def _start_pool(jobs: int):
    from concurrent.futures import ProcessPoolExecutor
    import multiprocessing

    # each worker gets its share of the cores: torch's own threads on top of N workers only fight
    threads = max(1, default_jobs() // jobs)
    ctx = multiprocessing.get_context("forkserver" if os.name == "posix" else "spawn")
    if os.name == "posix":  # (Windows has no resource tracker)
        _quiet_resource_tracker()
        ctx.set_forkserver_preload(["quizgen.nlp.preload"])  # workers fork with the models already loaded
    return ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_warm_worker, initargs=(threads,))


# What multiprocessing's resource tracker says as it exits after a build stopped with Ctrl-C: workers stopped in
# the middle of a lecture leave semaphores it then removes, as it says. It prints after the build's own last line
# ('Interrupted: nothing written'), and tells a user nothing to do.
_TRACKER_LEAK_WARNING = "ignore:resource_tracker:UserWarning"


def _quiet_resource_tracker() -> None:
    """Start the resource tracker (which the pool would start) with its leak warning off: it reads its warning
    filters from the environment it starts with."""
    from multiprocessing import resource_tracker

    filters = os.environ.get("PYTHONWARNINGS", "")
    if _TRACKER_LEAK_WARNING not in filters.split(","):
        os.environ["PYTHONWARNINGS"] = ",".join(f for f in (filters, _TRACKER_LEAK_WARNING) if f)
    try:
        resource_tracker.ensure_running()
    finally:
        if filters:
            os.environ["PYTHONWARNINGS"] = filters
        else:
            os.environ.pop("PYTHONWARNINGS", None)


def _warm_worker(threads: int) -> None:
    import torch

    from quizgen.nlp.models import load_keybert, load_spacy

    torch.set_num_threads(threads)
    load_spacy()
    load_keybert()


def _write_lecture(b: BuiltLecture, deck_name: str, folder: Path, options: BuildOptions) -> list[Path]:
    """One lecture's outputs, written into the build's staging folder."""
    from quizgen.export.apkg import write_apkg
    from quizgen.export.lecture_json import write_lecture_json
    from quizgen.export.markdown import write_study_guide
    from quizgen.export.tsv import write_tsv

    writers = {
        "apkg": lambda path: write_apkg([b], path, deck_name=deck_name, timestamp=options.timestamp),
        "json": lambda path: write_lecture_json(b, path),
        "md": lambda path: write_study_guide(b, path),
        "csv": lambda path: write_tsv([b], path, deck_name=deck_name),
    }
    return [writers[kind](folder / f"{output_stem(b.id)}{OUTPUT_SUFFIXES[kind]}") for kind in writers
            if kind in options.outputs]


def _remove_empty(folders: list[Path]) -> None:
    """Remove the folders a failed build made, deepest first, as long as each is empty."""
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:
            return


def _staging_dir(out: Path) -> Path:
    import tempfile

    if out.exists() and not out.is_dir():
        raise OutputError(f"{out}: is a file, not a folder (--out names the folder the decks go in)")
    try:
        out.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=".quizgen-staging-", dir=out))
    except OSError as exc:
        raise OutputError(f"{out}: cannot write ({exc.strerror or exc})") from None


def build_lecture_file(path: str | Path) -> list[BuiltLecture]:
    """The built lectures of one transcript, without writing anything (for `quizgen quiz TRANSCRIPT`)."""
    options = BuildOptions(outputs=())
    lectures = [_not_too_long(lec) for lec in read_all([path])]
    if len(lectures) > 1:  # say so before minutes of analysis, not after
        raise QuizgenError(f"{path}: holds {len(lectures)} lectures ({', '.join(lec.id for lec in lectures)}); "
                           "build it with --json and quiz one lecture's .json")
    return [make_built(analyze(lec, options)[0], options) for lec in lectures]
