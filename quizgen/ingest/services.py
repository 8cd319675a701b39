"""JSON from speech-to-text services: Amazon Transcribe, Deepgram, AssemblyAI, Rev.ai, Speechmatics, Google
Cloud Speech-to-Text and IBM Watson. Each gives timed words, and some give timed sentences or utterances where
they were asked for; words are joined into sentences here."""
from __future__ import annotations

import re

SENTENCE_PAUSE = 1.5  # seconds of silence between two words that end a segment, where no full stop does
SEGMENT_WORDS = 40  # words a segment holds at most, where the speaker never stops


def service_segments(data) -> list[dict] | None:
    """The {text, start, end} segments (in seconds) of a speech-to-text service's JSON; None for other JSON."""
    if not isinstance(data, dict):
        return None
    results = data.get("results")
    if isinstance(results, dict) and isinstance(results.get("items"), list):
        return _amazon(results)
    if isinstance(results, dict) and isinstance(results.get("channels"), list):
        return _deepgram(results)
    if isinstance(data.get("text"), str) and "audio_duration" in data \
            and isinstance(data.get("words") or data.get("utterances"), list):
        return _assemblyai(data)
    if isinstance(data.get("monologues"), list):
        return _rev(data["monologues"])
    if isinstance(results, list) and results and all(isinstance(r, dict) for r in results):
        if all(r.get("type") in ("word", "punctuation", "entity") for r in results):
            return _speechmatics(results)
        if all(isinstance(r.get("alternatives"), list) for r in results):
            return _google(results)
    return None


def _amazon(results: dict) -> list[dict]:
    """Amazon Transcribe: its audio segments where it gives them, else its items ('pronunciation' words with
    start_time and end_time as strings of seconds, and untimed 'punctuation' that belongs to the word before)."""
    segments = results.get("audio_segments")
    if isinstance(segments, list) and segments and all(isinstance(s, dict) for s in segments):
        return [{"text": s.get("transcript", ""), "start": _number(s.get("start_time")),
                 "end": _number(s.get("end_time"))} for s in segments]
    words: list[tuple] = []
    for item in results["items"]:
        if not isinstance(item, dict):
            continue
        content = _first_alternative(item).get("content", "")
        if item.get("type") == "punctuation":
            _attach(words, str(content))
        else:
            words.append((_number(item.get("start_time")), _number(item.get("end_time")), str(content)))
    return _sentences(words)


def _deepgram(results: dict) -> list[dict]:
    """Deepgram: its utterances or paragraphs' sentences where it was asked for them, else its words (each
    'punctuated_word' where it punctuated them) of the first channel's first alternative."""
    utterances = results.get("utterances")
    if isinstance(utterances, list) and utterances:
        return [{"text": u.get("transcript", ""), "start": u.get("start"), "end": u.get("end")}
                for u in utterances if isinstance(u, dict)]
    channel = results["channels"][0] if results["channels"] and isinstance(results["channels"][0], dict) else {}
    alternative = _first_alternative(channel)
    paragraphs = (alternative.get("paragraphs") or {}).get("paragraphs") \
        if isinstance(alternative.get("paragraphs"), dict) else None
    if isinstance(paragraphs, list) and paragraphs:
        return [{"text": s.get("text", ""), "start": s.get("start"), "end": s.get("end")}
                for p in paragraphs if isinstance(p, dict) for s in p.get("sentences", []) if isinstance(s, dict)]
    words = alternative.get("words") if isinstance(alternative.get("words"), list) else []
    return _sentences([(w.get("start"), w.get("end"), str(w.get("punctuated_word") or w.get("word", "")))
                       for w in words if isinstance(w, dict)])


def _assemblyai(data: dict) -> list[dict]:
    """AssemblyAI: its speakers' utterances where it was asked for them, else its words; times in milliseconds."""
    utterances = data.get("utterances")
    if isinstance(utterances, list) and utterances:
        return [{"text": u.get("text", ""), "start": seconds_of_ms(u.get("start")), "end": seconds_of_ms(u.get("end"))}
                for u in utterances if isinstance(u, dict)]
    return _sentences([(seconds_of_ms(w.get("start")), seconds_of_ms(w.get("end")), str(w.get("text", "")))
                       for w in data["words"] if isinstance(w, dict)])


def _rev(monologues: list) -> list[dict]:
    """Rev.ai: each speaker's monologue of elements, timed 'text' words ('ts', 'end_ts') and untimed 'punct'
    marks and spaces, which belong to the word before."""
    words: list[tuple] = []
    for monologue in monologues:
        for element in monologue.get("elements", []) if isinstance(monologue, dict) else []:
            if not isinstance(element, dict):
                continue
            if element.get("type") == "text":
                words.append((element.get("ts"), element.get("end_ts"), str(element.get("value", ""))))
            else:
                _attach(words, str(element.get("value", "")).strip())
    return _sentences(words)


def _speechmatics(results: list) -> list[dict]:
    """Speechmatics (json-v2): 'word' and 'punctuation' results with start_time and end_time in seconds; a
    punctuation mark belongs to the word before."""
    words: list[tuple] = []
    for result in results:
        content = str(_first_alternative(result).get("content", ""))
        if result.get("type") == "punctuation":
            _attach(words, content)
        else:
            words.append((result.get("start_time"), result.get("end_time"), content))
    return _sentences(words)


def _google(results: list) -> list[dict]:
    """Google Cloud Speech-to-Text and IBM Watson: results, each a stretch of speech whose best alternative has
    timed words (Google's 'words', 'startTime': '1.300s' or {'seconds', 'nanos'}; Watson's 'timestamps',
    [word, start, end]). Google's default output times no words: each result is then one segment, from where
    the one before it ended to its own 'resultEndTime'."""
    segments: list[dict] = []
    words: list[tuple] = []
    ended = 0.0
    for result in results:
        best = _first_alternative(result)
        timed = len(words)
        for w in best.get("words") or []:
            if isinstance(w, dict):
                words.append((_duration(w.get("startTime", w.get("start_time"))),
                              _duration(w.get("endTime", w.get("end_time"))), str(w.get("word", ""))))
        for stamp in best.get("timestamps") or []:
            if isinstance(stamp, list) and len(stamp) == 3:
                words.append((stamp[1], stamp[2], str(stamp[0])))
        end = _duration(result.get("resultEndTime", result.get("result_end_time")))
        if len(words) == timed and str(best.get("transcript") or "").strip() and end is not None:
            segments += _sentences(words)
            words = []
            segments.append({"text": str(best["transcript"]).strip(), "start": ended, "end": end})
        ended = end if is_number(end) else ended
    return segments + _sentences(words)


def _duration(value):
    """A protobuf Duration as Google writes it in JSON ('1.300s', or {'seconds': 1, 'nanos': 300000000}) in
    seconds; anything else as it is, for the row reader to refuse."""
    if isinstance(value, str) and value.endswith("s"):
        return _number(value[:-1])
    if isinstance(value, dict) and set(value) <= {"seconds", "nanos"}:
        return float(value.get("seconds", 0) or 0) + float(value.get("nanos", 0) or 0) / 1e9
    return value


def _attach(words: list[tuple], mark: str) -> None:
    """An untimed punctuation mark (or a space, which adds nothing), written onto the word before it."""
    if words and mark:
        start, end, word = words[-1]
        words[-1] = (start, end, word + mark)


_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]*$")


def _sentences(words: list[tuple]) -> list[dict]:
    """Timed words joined into segments: each ends at a full stop, a long pause, or after SEGMENT_WORDS words."""
    segments: list[dict] = []
    current: list[tuple] = []
    for k, word in enumerate(words):
        current.append(word)
        after = words[k + 1] if k + 1 < len(words) else None
        paused = after is not None and is_number(after[0]) and is_number(word[1]) \
            and after[0] - word[1] >= SENTENCE_PAUSE
        if after is None or paused or _SENTENCE_END.search(word[2]) or len(current) >= SEGMENT_WORDS:
            segments.append({"text": " ".join(w[2] for w in current), "start": current[0][0], "end": current[-1][1]})
            current = []
    return segments


def _first_alternative(item: dict) -> dict:
    alternatives = item.get("alternatives")
    return alternatives[0] if isinstance(alternatives, list) and alternatives and isinstance(alternatives[0], dict) \
        else {}


def _number(value):
    """A time given as a string of seconds ('12.34'), as a number; anything else as it is, for the row reader
    to refuse."""
    if isinstance(value, str):
        try:
            return float(value)
        except ValueError:
            return value
    return value


def is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def seconds_of_ms(value):
    """Milliseconds as seconds, written as a number or as a string of digits ('1000'); anything else as it is,
    for the row reader to refuse."""
    value = _number(value)
    return value / 1000 if is_number(value) else value
