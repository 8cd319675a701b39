"""Text cleaning shared by every reader: entities, tags, speaker labels and sound markers go; words stay."""
from __future__ import annotations

import html
from html.entities import html5
import re
from collections import Counter

# Caption markup only (WebVTT's <c>, <v Name>, <00:00:01.000>; SRT's <i>, <font ...>), so that spoken
# comparisons ("x < y and y > z", once unescaped) keep their words.
_TAG = re.compile(r"</?(?:[ibuc]|v|lang|ruby|rt|font|span|br|p)(?:[.\s/][^<>]{0,200})?>"
                  r"|<\d+(?::\d{2}){1,2}[.,]\d{1,3}>", re.IGNORECASE)
_ASS_OVERRIDE = re.compile(r"\{\\[^{}]{0,100}\}")  # SubRip files made from ASS keep "{\an8}" and the like
_MARKER = re.compile(r"[\[(]\s*(?:[A-Za-z_ ]{1,30})\s*[\])]")  # "_": Whisper writes [BLANK_AUDIO]
_MARKER_WORDS = {
    "music", "noise", "laughter", "laughs", "applause", "inaudible", "silence", "crosstalk", "cough",
    "coughs", "coughing", "background noise", "foreign", "sound", "no audio", "blank_audio", "blank audio",
    "indistinct", "unintelligible", "clears throat", "sighs", "chuckles", "students laugh", "audience laughs",
}
# what a caption describes someone doing, first or last in a tag: '(laughs softly)', '[soft laughter]';
# not a noun a speaker may say in brackets too ('noise', 'sound')
_SOUND_EVENTS = frozenset({
    "laughter", "laughs", "laughing", "laugh", "applause", "applauding", "clapping", "chuckles", "chuckling",
    "sighs", "sigh", "chuckle", "coughs", "coughing", "giggles", "giggling", "inaudible", "crosstalk", "indistinct",
    "unintelligible",
})
_SPEAKER = re.compile(r"^(?:[A-Z][A-Z0-9 .'\-]{1,30}|Speaker \d+|SPEAKER_\d+):\s+")  # after `_TURN` took '>>'
_SPACE = re.compile(r"\s+")
# a new speaker: '>> So ...', '- What is X?'; not '-1', '-- which', nor a minus that a caption wrapped ('10\n- 3')
_TURN = re.compile(r"^(?:>>+\s*|-\s+(?=[^\W\d_]))")
# '♪ MUSIC ♪', '[♪ upbeat jingle ♪]', '♪♪ la la ♪♪': music, or words sung over it
# (no bare leading blank: a match that could open with any blank is tried at every blank of a long stretch)
_SUNG = re.compile(r"(?:[\[(]\s*)?[♪♫♬][♪♫♬\s]*[^♪♫♬\n]{0,200}?[♪♫♬\s]*[♪♫♬]\s*[\])]?")
_NOTE = re.compile(r"[♪♫♬]")
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")  # whole, with its ';'
_WORD = re.compile(r"[^\W\d_]{2,}")


def _entities(text: str) -> str:
    """HTML entities read, whole and known ones only: html.unescape alone reads '&notation' as '¬ation' and
    '&degrees;' as '°rees;', as browsers do for old pages. Twice, for text escaped twice ('&amp;#39;')."""
    if "&" not in text:
        return text
    for _ in range(2):
        text = _ENTITY.sub(lambda m: html.unescape(m.group(0)) if m.group(0)[1] == "#" or m.group(0)[1:] in html5
                           else m.group(0), text)
    return text


# a speaker's name before what they said, as Zoom and Teams transcripts write it: 'Jane Doe: ...', 'Prof. Jane
# Doe-Smith: ...', 'Student 2: ...', 'Jane Doe (She/Her): ...', 'Maria de la Cruz: ...'
_TITLE = r"(?:Prof|Professor|Dr|Doctor|Mr|Mrs|Ms)\.? "  # a title before a name
_NAME_LABEL = re.compile(r"^((?:" + _TITLE + r")?[^\W\d_][\w'.\-]*"
                         r"(?: (?:[^\W\d_][\w'.\-]*|\d+|\([^()]{1,20}\))){0,4}):(?: |$)")
_PARTICLES = frozenset("de la da di du del der den van von le al el bin ibn".split())
NAMED_SHARE = 0.3  # a transcript is speaker-labelled when this share of its segments opens with a name


def _name_label(text: str) -> str | None:
    match = _NAME_LABEL.match(text)
    if not match:
        return None
    words = match.group(1).split()
    return match.group(1) if all(w[0].isupper() or w[0].isdigit() or w[0] == "(" or w in _PARTICLES
                                 for w in words) else None


def without_speaker_names(texts: list[str]) -> list[str]:
    """The texts without the speaker's name before each, where the transcript labels its speakers so: a name
    that opens two segments or more, in a transcript where names open a good share of them. A transcript that
    does not ('Remember: ...' once in a while) keeps its words. Where two hosts talk in turns, or a class asks
    its teacher, a name opens a turn, not a share of the captions: a name with a title ('Mr. Clifford:',
    'Professor Charles Bailyn:') is a speaker's wherever it opens one, a role ('Student:') wherever it opens two,
    and so then is another that is no English word ('Adriene:', 'Bailyn:'), but not 'Remember:'."""
    labels = [_name_label(text) for text in texts]
    counts = Counter(label for label in labels if label)
    if sum(counts.values()) < NAMED_SHARE * len(texts):
        sure = {label for label, n in counts.items() if _TITLED.match(label) or n >= 2 and label.lower() in _ROLES}
        if not sure:
            return texts
        counts = Counter({label: max(n, 2) if label in sure else n for label, n in counts.items()
                          if label in sure or _no_word(label)})
    return [text[len(label) + 1:].lstrip() if label and counts[label] >= 2 else text
            for text, label in zip(texts, labels)]


_TITLED = re.compile(_TITLE + r"[^\W\d_]")
# who speaks in a class's turns, named by role: 'Student: Why can't we ...'
_ROLES = frozenset({"student", "students", "audience", "audience member", "questioner", "question", "answer",
                    "instructor", "professor", "teacher", "lecturer", "host", "moderator", "interviewer",
                    "speaker", "participant", "guest"})
LABEL_NAME_ZIPF = 3.0  # a label word rarer than this in English is a name ('Adriene' 1.4), not 'Note' (5.0)


def _no_word(label: str) -> bool:
    from quizgen.nlp.terms import zipf  # only for a transcript with titled speakers

    return " " not in label and zipf(label) < LABEL_NAME_ZIPF


def shouted(texts: list[str]) -> bool:
    """Captions written in capitals throughout ('GRADIENT DESCENT MEANS ...'), as broadcast captions often are.
    The tagger reads words in capitals as names ('DIVERGES' a noun), and no capital marks an acronym there."""
    words = [w for text in texts for w in _WORD.findall(text)]
    return bool(words) and sum(w.isupper() for w in words) * 2 > len(words)


def _drop_marker(match: re.Match) -> str:
    """A sound described, not said: '[Music]', '(laughs softly)', '[soft laughter]', '[TUNING]'. A square
    bracket in capitals is one (captions for the deaf write them so), unless it may be an acronym ('[DNA]',
    '[X Y]'); '(TCP)' after its name, '(white noise)' and '(of sound)' are said."""
    raw = match.group(0)
    inner = raw[1:-1].strip()
    low = inner.lower()
    words = low.replace("_", " ").split()
    described = low in _MARKER_WORDS or low.startswith("music") or len(words) <= 4 and (
        words[0] in _SOUND_EVENTS or words[-1] in _SOUND_EVENTS or "music" in words
        or raw[0] == "[" and not _MARKER_WORDS.isdisjoint(words)  # '[static noise]', not '(white noise)'
    ) or raw[0] == "[" and inner.isupper() and all(len(w) >= 3 for w in words) and (len(words) >= 2 or len(inner) >= 5)
    return " " if described else raw


def clean_title(title: str) -> str:
    """A title as a reader would want it: its HTML entities read ('Q&amp;A' is 'Q&A'), on one line."""
    return _SPACE.sub(" ", _entities(title)).strip()


def clean_text(text: str) -> str:
    """Caption text as a reader would want it: one line, no markup, no [Music] or 'INSTRUCTOR:' labels."""
    text = _entities(text)
    text = _TAG.sub(lambda m: " " if m.group(0).lower().startswith("<br") else "", text)
    text = _ASS_OVERRIDE.sub("", text)
    text = _NOTE.sub(" ", _SUNG.sub(" ", text)).replace("\u200b", "").replace("\ufeff", "")
    text = _MARKER.sub(_drop_marker, text)
    lines = [_without_speaker(_TURN.sub("", line.strip())) for line in text.splitlines()]
    return _SPACE.sub(" ", " ".join(line for line in lines if not _bare_marker(line))).strip()


# words no speaker's label holds: in captions in capitals, 'HERE IS THE KEY IDEA: A HASH TABLE ...' is speech
_SPOKEN = frozenset("is are was were be the this that these those here there it its a an and or so we you i my our "
                    "your what why how when where which who".split())
LABEL_WORDS = 4  # 'MARIA DE LA CRUZ:'


def _without_speaker(line: str) -> str:
    """A caption line without the speaker's label before it ('INSTRUCTOR: ...', 'Speaker 2: ...')."""
    label = _SPEAKER.match(line)
    if not label:
        return line
    words = label.group(0).rstrip().rstrip(":").split()
    if len(words) > LABEL_WORDS or any(w.lower().rstrip(".") in _SPOKEN for w in words):
        return line
    return line[label.end():]


_SHOW_PARTS = {"intro", "outro", "theme music", "end credits"}


def _bare_marker(line: str) -> bool:
    """A caption line, in capitals and unbracketed, that only names a part of the show or a sound: 'INTRO'
    (Crash Course), 'THEME MUSIC', 'APPLAUSE' (the words of `_MARKER_WORDS`)."""
    low = line.rstrip(".!").lower()
    return line.isupper() and (low in _SHOW_PARTS or low in _MARKER_WORDS)
