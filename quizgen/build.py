"""`quizgen build`: transcripts in, one Anki deck (and optionally JSON, TSV, study guide) per lecture out."""
from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from quizgen.errors import OutputError, QuizgenError
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


@dataclass(frozen=True)
class BuildResult:
    built: tuple[BuiltLecture, ...]
    written: tuple[Path, ...]
    words: int
    cached: int = 0
    notes: tuple[str, ...] = field(default=())


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)


def read_all(paths: Sequence[str | Path], fmt: str | None = None) -> list[Lecture]:
    """Every lecture, read before anything is written, so bad input leaves no half-built output."""
    from quizgen.ingest import iter_lectures

    lectures = list(iter_lectures(paths, fmt))
    seen: dict[str, str] = {}
    for lec in lectures:
        if lec.id in seen:
            raise QuizgenError(f"{lec.source}: lecture id {lec.id} also comes from {seen[lec.id]}")
        seen[lec.id] = lec.source
    return lectures


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


def make_built(analysis: Analysis, options: BuildOptions) -> BuiltLecture:
    from quizgen.cards.make import make_cards

    lecture = analysis.lecture
    if lecture.url is None and options.url:
        lecture = replace(lecture, url=options.url)
        analysis = replace(analysis, lecture=lecture)
    link = None if lecture.url else _local_link(lecture)
    return BuiltLecture.from_analysis(analysis, make_cards(analysis, link=link))


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


def build(paths: Sequence[str | Path], options: BuildOptions,
          progress: Callable[[Lecture, bool], None] | None = None,
          start: Callable[[list[Lecture]], None] | None = None) -> BuildResult:
    """Read, analyze, make cards, write. Workers load the models once each; results keep input order."""
    lectures = read_all(paths, options.fmt)
    without_url = [lec.id for lec in lectures if lec.url is None]
    if options.url and len(without_url) > 1:
        raise QuizgenError(f"--url names one video, but {len(without_url)} lectures have none "
                           f"({', '.join(without_url[:4])}...); build them one at a time")
    if options.outputs:
        shutil.rmtree(_staging_dir(Path(options.out_dir)))  # an unwritable --out fails now, not after analysis
    if start:
        start(lectures)
    analyses: dict[int, Analysis] = {}
    cached = 0
    for i, analysis, hit in _analyze_all(lectures, options):
        analyses[i] = analysis
        cached += hit
        if progress:
            progress(analysis.lecture, hit)
    built = tuple(make_built(analyses[i], options) for i in range(len(lectures)))
    written = write_outputs(built, options)
    return BuildResult(built, tuple(written), sum(lec.word_count for lec in lectures), cached)


def _analyze_all(lectures: list[Lecture], options: BuildOptions) -> Iterable[tuple[int, Analysis, bool]]:
    """(index, analysis, cached) as each lecture is done. Cache hits are read here, so a fully cached
    build never starts workers nor loads a model; only the misses go to the pool."""
    hits = {i: a for i, lec in enumerate(lectures) if (a := _cached(lec, options)) is not None}
    misses = [i for i in range(len(lectures)) if i not in hits]
    jobs = max(1, min(options.jobs, len(misses)))
    if jobs == 1:
        for i, lec in enumerate(lectures):
            yield (i, hits[i], True) if i in hits else (i, _analyze_fresh(lec, options), False)
        return
    from concurrent.futures import ProcessPoolExecutor, as_completed
    import multiprocessing

    # the biggest lectures first, so no worker is left with a long one at the end
    order = sorted(misses, key=lambda i: -lectures[i].word_count)
    # each worker gets its share of the cores: torch's own threads on top of N workers only fight
    threads = max(1, default_jobs() // jobs)
    ctx = multiprocessing.get_context("forkserver" if os.name == "posix" else "spawn")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_warm_worker,
                             initargs=(threads,)) as pool:
        futures = {pool.submit(_analyze_fresh, lectures[i], options): i for i in order}
        try:
            for i, analysis in hits.items():
                yield i, analysis, True
            for future in as_completed(futures):
                yield futures[future], future.result(), False
        except BaseException:
            pool.shutdown(cancel_futures=True)  # a failed lecture stops the build without the rest
            raise


def _warm_worker(threads: int) -> None:
    import torch

    from quizgen.nlp.models import load_keybert, load_spacy

    torch.set_num_threads(threads)
    load_spacy()
    load_keybert()


def write_outputs(built: Sequence[BuiltLecture], options: BuildOptions) -> list[Path]:
    from quizgen.export.apkg import write_apkg
    from quizgen.export.labels import deck_names
    from quizgen.export.lecture_json import write_lecture_json
    from quizgen.export.markdown import write_study_guide
    from quizgen.export.tsv import write_tsv

    out = Path(options.out_dir)
    names = deck_names([b.title for b in built], options.deck)
    staged: list[Path] = []
    # Everything is written into a staging folder first and moved into place only when all of it is
    # written, so a failure halfway (disk full, a bad lecture) leaves no half-built set of decks.
    staging = _staging_dir(out)
    try:
        for b, name in zip(built, names):
            if "apkg" in options.outputs:
                staged.append(write_apkg([b], staging / f"{b.id}.apkg", deck_name=name, timestamp=options.timestamp))
            if "json" in options.outputs:
                staged.append(write_lecture_json(b, staging / f"{b.id}.json"))
            if "md" in options.outputs:
                staged.append(write_study_guide(b, staging / f"{b.id}.md"))
            if "csv" in options.outputs:
                staged.append(write_tsv([b], staging / f"{b.id}.tsv", deck_name=name))
        written = []
        for path in staged:
            os.replace(path, out / path.name)
            written.append(out / path.name)
        return written
    except OSError as exc:
        raise OutputError(f"{out}: cannot write ({exc.strerror or exc})") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _staging_dir(out: Path) -> Path:
    import tempfile

    try:
        out.mkdir(parents=True, exist_ok=True)
        return Path(tempfile.mkdtemp(prefix=".quizgen-staging-", dir=out))
    except OSError as exc:
        raise OutputError(f"{out}: cannot write ({exc.strerror or exc})") from None


def build_lecture_file(path: str | Path) -> list[BuiltLecture]:
    """The built lectures of one transcript, without writing anything (for `quizgen quiz TRANSCRIPT`)."""
    options = BuildOptions(outputs=())
    lectures = read_all([path])
    if len(lectures) > 1:  # say so before minutes of analysis, not after
        raise QuizgenError(f"{path}: holds {len(lectures)} lectures ({', '.join(lec.id for lec in lectures)}); "
                           "build it with --json and quiz one lecture's .json")
    return [make_built(analyze(lec, options)[0], options) for lec in lectures]
