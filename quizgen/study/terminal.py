"""The interactive quiz and review loops, drawn with rich for an 80-column terminal.

Input comes from a `read(prompt) -> str` function (`input`, through `_input`, when none is given), so tests drive
the loops with scripted lines. Ctrl-C or end of input stops a loop cleanly; every rating is already saved. After
its closing lines, a loop stopped by Ctrl-C raises KeyboardInterrupt again, so the command can exit 130.
"""
from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from fsrs import Rating
from rich.console import Console
from rich.panel import Panel
from rich.style import Style
from rich.table import Table
from rich.text import Text

from quizgen.errors import QuizgenError
from quizgen.export.labels import clock
from quizgen.model import CLOZE, cloze_filled
from quizgen.study.quiz import Answer, Question, QuizResult, check_choice, option_index
from quizgen.study.review import RATING_KEYS, ReviewSession, Stats
from quizgen.study.store import AddResult, RatedElsewhere, Store, StoredCard

Read = Callable[[str], str]
PROMPT = "> "
RATING_HELP = "Again 1 · Hard 2 · Good 3 · Easy 4 · u undo · q quit"
RATING_HINT = "Not a rating: type 1-4 (or again, hard, good, easy), u to undo or q to quit."
DONT_KNOW = "Press Enter alone if you don't know; the answer is then shown."
RATING_WORDS = {r.name.lower(): r for r in Rating}


def moment_line(second: int | None, url: str | None) -> Text | None:
    """ "watch at mm:ss  <link>", or None when there is neither a time nor a link."""
    if second is None and not url:
        return None
    line = Text("watch at " + clock(second) if second is not None else "watch", style="cyan")
    if url:
        line.append("  " + url, style=Style(color="blue", link=url))  # clickable where the terminal allows
    return line


def format_interval(delta: timedelta) -> str:
    seconds = max(0, int(delta.total_seconds()))
    if seconds < 3600:
        n, unit = max(1, round(seconds / 60)), "minute"
    elif seconds < 86400:
        n, unit = round(seconds / 3600), "hour"
    else:
        n, unit = round(seconds / 86400), "day"
    return f"{n} {unit}{'s' if n != 1 else ''}"


def _cloze_front(text: str) -> str:
    return CLOZE.sub(lambda m: f"[…{m.group(2) or ''}]", text)


# --- quiz ------------------------------------------------------------------------------------------


def _ask(question: Question, number: int, total: int, console: Console) -> None:
    console.print()
    console.rule(Text(f"Question {number} of {total}"), style="dim")
    kind = "Choose the term" if question.options else "Type the term"
    console.print(Text(f"{kind} that fills the blank or fits the description:", style="bold"))
    console.print(Panel(Text(question.prompt), padding=(0, 1)))
    for i, option in enumerate(question.options, 1):
        console.print(Text(f"  {i}) {option}"))
    if not question.options:
        console.print(Text(DONT_KNOW, style="dim"))


def _tell(answer: Answer, console: Console) -> None:
    q = answer.question
    if answer.correct:
        console.print(Text("✓ Correct: ", style="bold green").append(q.answer, style="bold"))
    else:
        console.print(Text("✗ The answer is: ", style="bold red").append(q.answer, style="bold"))
    line = moment_line(q.start_second, q.url)
    if line is not None:
        console.print(line)


def _read_answer(question: Question, read: Read, console: Console) -> str:
    """An answer. To a typed question, Enter alone is "I don't know"; to a multiple-choice one, it is more
    likely a slip, so it is asked again rather than scored wrong, as is a number or letter naming no option."""
    n = len(question.options)
    while True:
        given = read(PROMPT).strip()
        index = option_index(given)
        if not n or given and (index is None or 0 <= index < n):
            return given
        console.print(Text(f"Choose 1-{n} or a-{chr(ord('a') + n - 1)}, or type the term.", style="dim"))


def show_quiz_result(result: QuizResult, console: Console) -> None:
    console.print()
    answered = len(result.answers)
    text = Text(f"Score: {result.score}/{answered}", style="bold")
    if answered < result.total:
        text.append(f"  (stopped after {answered} of {result.total} questions)", style="dim")
    console.print(text)
    if result.missed:
        console.print(Text("Missed terms, and where the lecture explains them:", style="bold"))
        for a in result.missed:
            q = a.question
            line = Text(f"  • {q.answer}", style="bold")
            if q.start_second is not None:
                line.append(f"  watch at {clock(q.start_second)}", style="cyan")
            console.print(line)
            if q.url:
                console.print(Text(f"    {q.url}", style="blue"), soft_wrap=True)  # whole, to copy or click


def _input(prompt: str) -> str:
    """A line typed at `prompt`. A closed standard input (`<&-`) ends the answers as the end of a file does;
    `input` is looked up per call, so a replaced builtins.input is honoured."""
    if sys.stdin is None:
        raise EOFError
    return input(prompt)


def run_quiz(
    questions: Sequence[Question], console: Console, read: Read | None = None,
    others: Callable[[Question], Sequence[str]] = lambda q: (),
) -> QuizResult:
    """Ask each question, say whether it was right and where to watch, then show the score.
    `others(question)` lists the lecture's other terms, which a typo must not be closer to."""
    read = read or _input
    answers: list[Answer] = []
    if not questions:
        console.print("This lecture has no cards to quiz on.")
        return QuizResult((), 0)
    interrupted = False
    try:
        for number, question in enumerate(questions, 1):
            _ask(question, number, len(questions), console)
            given = _read_answer(question, read, console)
            answer = Answer(question, given, check_choice(given, question, others(question)))
            answers.append(answer)
            _tell(answer, console)
    except EOFError:
        console.print()
    except KeyboardInterrupt:
        console.print()
        interrupted = True
    result = QuizResult(tuple(answers), len(questions))
    show_quiz_result(result, console)
    if interrupted:
        raise KeyboardInterrupt
    return result


# --- review ----------------------------------------------------------------------------------------


def show_nothing_due(store: Store, now: datetime, console: Console) -> None:
    """Why a session has no card: an empty store, cards held back for a sibling, or none due yet."""
    if store.count_cards() == 0:
        console.print("Nothing to review: the study store has no cards yet. "
                      "Add a lecture with `quizgen add LECTURE.json`.")
        return
    held = len(store.due_cards(now))  # due, yet left out of the session: a sibling was reviewed today
    if held:
        console.print(f"Nothing to review right now: {held} due card{'s wait' if held != 1 else ' waits'} until "
                      "tomorrow, as a card of the same term was reviewed today.")
        return
    message = "Nothing to review right now: no cards are due and today's new cards are done."
    upcoming = store.next_due()
    if upcoming is not None and upcoming > now:
        message += f" The next card is due in {format_interval(upcoming - now)}."
    console.print(message)


def _show_front(card: StoredCard, left: int, console: Console) -> None:
    c = card.card
    console.print()
    state = "new" if card.is_new else card.fsrs.state.name.lower()
    console.rule(Text(f"{left} left · {state} · {c.lecture_title}", overflow="ellipsis", no_wrap=True), style="dim")
    console.print(Panel(Text(_cloze_front(c.front)), padding=(0, 1)))


def _show_back(card: StoredCard, console: Console) -> None:
    c = card.card
    back = cloze_filled(c.front) if "{{c" in c.front else c.back
    console.print(Panel(Text(back), title="answer", title_align="left", border_style="green", padding=(0, 1)))
    line = moment_line(c.start_second, c.url)
    if line is not None:
        console.print(line)


def _read_rating(read: Read, console: Console) -> Rating | str:
    """A rating, or "u" or "q"; anything else is asked again with a line naming the keys that work."""
    while True:
        key = read(PROMPT).strip().lower()
        if key in RATING_KEYS:
            return RATING_KEYS[key]
        if key in RATING_WORDS:
            return RATING_WORDS[key]
        if key in ("u", "q"):
            return key
        console.print(Text(RATING_HINT, style="yellow"))


def run_review(session: ReviewSession, console: Console, read: Read | None = None) -> int:
    """Show each card, reveal it on Enter, and rate it; returns how many ratings were saved (on Ctrl-C, raises
    KeyboardInterrupt once it has said so)."""
    read = read or _input
    interrupted = False
    failed = None
    try:
        while (card := session.next_card()) is not None:
            _show_front(card, session.left, console)
            console.print(Text("Enter shows the answer · u undo · q quit", style="dim"))
            key = read(PROMPT).strip().lower()
            if key == "q":
                break
            if key == "u":
                _undo(session, console)
                continue
            _show_back(card, console)
            console.print(Text(RATING_HELP, style="dim"))
            choice = _read_rating(read, console)
            if choice == "q":
                break
            if choice == "u":
                _undo(session, console)
                continue
            try:
                review = session.rate(choice)
            except RatedElsewhere:
                console.print(Text("Not rated: another session rated this card meanwhile.", style="yellow"))
                continue
            due = review.after.due
            console.print(Text(f"{choice.name}: next review in {format_interval(due - review.log.review_datetime)}"
                               f" ({due:%Y-%m-%d %H:%M} UTC)", style="dim"))
        else:
            console.print()
            if session.limit_reached:
                still = session.due_now()  # (none, where the only cards left are those rated Again just now)
                more = f"; {still} more card{'s' if still != 1 else ''} to review now" if still else ""
                console.print(Text(f"Stopped at --limit {session.limit}{more}.", style="bold"))
            else:
                console.print(Text("No more cards due. Well done.", style="bold green"))
    except EOFError:
        console.print()
    except KeyboardInterrupt:
        console.print()
        interrupted = True
    except QuizgenError as exc:  # the store failed (busy, damaged): the ratings before it are saved all the same
        console.print()
        failed = exc
    saved = len(session.done)
    console.print(f"{saved} rating{'s' if saved != 1 else ''} saved.")
    if interrupted:
        raise KeyboardInterrupt
    if failed is not None:
        raise failed
    return saved


def _undo(session: ReviewSession, console: Console) -> None:
    try:
        restored = session.undo()
    except QuizgenError as exc:
        console.print(Text(f"Cannot undo: {exc}", style="yellow"))
        return
    console.print(Text(f"Undone: the last rating of “{restored.card.term or restored.card.front}”.",
                       style="yellow"))


# --- add and stats ---------------------------------------------------------------------------------


def show_added(result: AddResult, console: Console) -> None:
    console.print(Text(f"{result.lecture_id}: {result.title}", style="bold"))
    console.print(Text(f"  {result.added} new cards, {result.updated} updated, {result.unchanged} unchanged, "
                       f"{result.retired} retired"))


def _percent(share: float | None) -> str:
    return "–" if share is None else f"{share:.0%}"


STATS_TITLE_WIDTH = 16  # the narrowest the lecture column of `stats` gets before the table gives way to blocks


def show_stats(stats: Stats, console: Console) -> None:
    if not stats.lectures:
        console.print("The study store is empty. Add a lecture with `quizgen add LECTURE.json`.")
        return
    names = ("Cards", "New", "Today", "Week", "Reviews", "Retention")
    rows = [(s.title, str(s.cards), str(s.new), str(s.due_today), str(s.due_week), str(s.reviews),
             _percent(s.retention)) for s in stats.lectures]
    table = Table(title=None, expand=False, show_edge=False, pad_edge=False)
    table.add_column("Lecture", overflow="fold", min_width=STATS_TITLE_WIDTH)
    for name in names:
        table.add_column(name, justify="right", no_wrap=True, min_width=len(name))
    for title, *numbers in rows:
        table.add_row(Text(title), *numbers)
    widths = [max(len(name), *(len(row[k + 1]) for row in rows)) for k, name in enumerate(names)]
    if STATS_TITLE_WIDTH + sum(widths) + 3 * len(widths) <= console.width:  # ' │ ' between columns
        console.print(table)
    else:  # a narrow terminal would cut the numbers ('10…' for 100%): one lecture a block instead
        for title, *numbers in rows:
            console.print(Text(title, style="bold", overflow="fold"))
            for name, number in zip(names, numbers):
                console.print(f"  {name}: {number}")
    console.print(Text(f"Due today: {stats.due_today} · new: {stats.new} · due this week: {stats.due_week} · "
                       f"reviews done: {stats.reviews} · retention: {_percent(stats.retention)}", style="bold"))
