"""Speech normalisation: term keys that merge spelling variants, glossary repairs, filler removal, and
whether a wording says anything besides its term."""
from __future__ import annotations

import functools
import re

from quizgen.config import config_error, config_words, load_config


def singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def term_key(text: str) -> str:
    """One key for 'Meta-Learning', 'meta learning' and 'metalearnings', the way score.py matches terms;
    and for the Latin plurals it does not know: 'matrix' and 'matrices', 'vertex' and 'vertices'."""
    text = re.sub(r"[-_/]", " ", text.lower())
    text = re.sub(r"[^a-z0-9 ]", "", text)
    return "".join(_latin_singular(singular(t)) for t in text.split())


def said_inside(words: list[str], longer: list[str]) -> bool:
    """Whether `words` are said, in order, inside the longer `longer`: ['polar', 'covalent'] in 'polar covalent
    bonds'."""
    n = len(words)
    return len(longer) > n and any(longer[i:i + n] == words for i in range(len(longer) - n + 1))


def _latin_singular(word: str) -> str:
    if len(word) > 5 and word.endswith("ice"):  # 'matrices' has lost its s: 'matrice'
        return word[:-1]
    if len(word) > 4 and word.endswith(("ix", "ex")):
        return word[:-2] + "ic"
    return word


@functools.lru_cache(maxsize=1)
def _repairs() -> tuple[tuple[re.Pattern, str], ...]:
    glossary = load_config("glossary")
    table = glossary.get("repairs", {})
    if isinstance(table, dict):  # a line written above the [repairs] table is a repair too
        table = {**{k: v for k, v in glossary.items() if k != "repairs"}, **table}
    if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
        raise config_error("glossary", '[repairs] must map each wrong form to its right spelling: "metal learning" = '
                                       '"meta-learning"')
    items = sorted(table.items(), key=lambda kv: -len(kv[0]))
    return tuple((re.compile(rf"\b{re.escape(k.lower())}s?\b"), v) for k, v in items)


def repair_term(phrase: str) -> str:
    """The right spelling of a phrase that speech recognition garbled, per config/glossary.toml."""
    low = phrase.lower()
    for pattern, right in _repairs():
        if pattern.search(low):
            low = pattern.sub(right, low)
    return low if low != phrase.lower() else phrase


@functools.lru_cache(maxsize=1)
def _filler_pattern() -> re.Pattern:
    words = sorted(w for w in config_words("fillers", "words") | config_words("fillers", "phrases") if w.strip())
    if not words:  # a user's empty lists: no filler at all (an empty alternation would match everywhere)
        return re.compile(r"(?!)")
    words.sort(key=len, reverse=True)
    return re.compile(r"(?<![\w'-])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w'-])[,.]?", re.I)


# fillers that are a subject and a verb, which a speaker also says as one: 'is that you know how to think
# about matrices', 'by pseudo labeling i mean assigning labels', 'i think of it as a prior'
_VERB_FILLERS = frozenset({"you know", "i mean", "you see", "i think", "i guess"})
_OPENS_ITS_CLAUSE = re.compile(r"\b(?:if|do|don't|what|by(?: [\w'-]+){1,4})\s*$", re.I)
_ITS_OBJECT = re.compile(r"^\s*(?:how|of|by|about|whether|what|which|that(?!'))\b", re.I)


def _said_as_verb(m: re.Match) -> bool:
    """Whether a filler phrase ('you know') is said as a clause's own subject and verb: after a word that asks
    or names ('if you know ...', 'by X i mean ...'), or right before its object ('you know how to ...')."""
    phrase = m.group(0).lower()
    return phrase in _VERB_FILLERS and bool(_OPENS_ITS_CLAUSE.search(m.string[:m.start()])
                                            or _ITS_OBJECT.match(m.string[m.end():]))


@functools.lru_cache(maxsize=1)
def _aside_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """(an aside set off anywhere, an aside or turn opening the text, a turn set off after a short subject)."""
    asides, turns = (sorted((w for w in config_words("fillers", key) if w.strip()), key=len, reverse=True)
                     for key in ("asides", "turns"))
    said = r"(?:" + "|".join(re.escape(w) for w in asides) + r")" if asides else r"(?!)"
    turned = r"(?:" + "|".join(re.escape(w) for w in turns) + r")" if turns else r"(?!)"
    # set off on both sides, each aside of a row of them ('called, again, reasonably enough, an eigenbasis'), or
    # closing a sentence ('The mean is the average, of course.')
    inside = re.compile(_SET_OFF + said + r"(?=" + _SET_OFF + r"|\s*[.?!])", re.I)
    opening = re.compile(r"^(?:" + said + "|" + turned + r")\s*,\s*", re.I)
    # a turn between a subject of a few words and the verb that says what it is: 'Percentiles, on the other hand,
    # refer to ...'; not between two clauses: 'The price rises, however, demand falls'
    after_subject = re.compile(r"^((?:[\w'-]+ ){0,3}[\w'-]+)" + _SET_OFF + turned + _SET_OFF + r"(?=" + SAYS_WHAT
                               + r"\b)", re.I)
    return inside, opening, after_subject


_SET_OFF = r"\s*(?:,|--|\u2014|\u2013)\s*"
# a verb that says what the subject before it is or does, as a definition's opening does ('Percentiles refer to',
# 'Quartiles split the data', 'The standard deviation shows')
SAYS_WHAT = (r"(?:is|are|was|were|means?|refers?|stands? for|tells?|has|have|(?:show|measure|describe|represent|"
             r"capture|indicate|give|summari[sz]e|split|divide)s?)")
# an aside between a clause that opens the sentence and the main one leaves its comma: 'When the data is skewed, of
# course, the mean moves' -> 'When the data is skewed, the mean moves'; one inside a clause leaves none: 'It's
# called, reasonably enough, a diagonal matrix' -> 'It's called a diagonal matrix'
_OPENING_CLAUSE = re.compile(r"(?:^|[.?!]\s+)(?:when|whenever|if|since|because|although|though|while|after|before|"
                             r"once|unless)\b[^,.?!]*$", re.I)


# what the lecture's own example makes of a general statement, set off after it ('..., or in our case, a height
# range.', '..., which in this case means our two eigenvectors, then ...'): only where the sentence ends after it,
# or goes on with a new clause, and not where it names something ('..., which in this case is called the residual')
_IN_OUR_CASE = re.compile(r",\s*(?:or|which(?: is| means)?|that is)\s+in (?:our|this|that) (?:case|example)(?:,\s*|\s+)"
                          r"(?:(?:means|is)\s+)?(?![^,.;!?]*\b(?:call|called|calls|known|named|name|refer|refers|"
                          r"referred|term|termed)\b)[^,.;!?]*(?=[.;!?]|$|,\s*(?:then|and|so|but|or)\b)", re.I)


def remove_asides(text: str) -> str:
    """Text without the speaker's asides to the listener (config/fillers.toml `asides`) where set off, and without
    the turns of the argument (`turns`) that open it or follow a short subject, nor what the lecture's example
    makes of it ('..., or in our case, a height range')."""
    inside, opening, after_subject = _aside_patterns()
    text = after_subject.sub(r"\1 ", opening.sub("", _IN_OUR_CASE.sub("", text)))
    while m := inside.search(text):
        rest = text[m.end():]
        if inside.match(rest):  # another aside follows: its delimiters stand for both
            text = text[:m.start()] + rest
            continue
        closing = re.match(_SET_OFF, rest)
        if not closing:  # the sentence ends
            text = text[:m.start()] + rest
        elif _OPENING_CLAUSE.search(text[:m.start()]):
            text = text[:m.start()] + ", " + rest[closing.end():]
        else:
            text = text[:m.start()] + " " + rest[closing.end():]
    return text


def remove_fillers(text: str) -> str:
    """Text without 'uh', 'you know', 'okay so' and stuttered repeats ('the the')."""
    # a filler set off by commas goes with them ('we can, uh, effectively learn' -> 'we can effectively learn')
    text = _filler_pattern().sub(lambda m: m.group(0) if _said_as_verb(m) else "\0" if m.group(0)[-1] == "," else " ",
                                 text)
    text = re.sub(r",\s*\0", " ", text).replace("\0", " ")
    text = re.sub(r"\s+,", ",", text)  # 'So , particularly' (a comma a caption wrote apart)
    # "we we" / "it is it is" / "in the in the"; not a number said twice ("the point 1 1"), a word doubled on
    # purpose ("log log plot"), nor a noun said again where a new sentence starts: "different from ignorance
    # ignorance is a lack of knowledge", "a psycho technology okay so technology means ..." would each say
    # what the speaker did not
    text = re.sub(r"\b(?!\d)(\w[\w']*(?:\s+\w[\w']*)?)(?:\s+\1(?![\w']))+",
                  lambda m: m.group(1) if _stutter(m) else m.group(0), text, flags=re.I)
    # "many, many, many", "in, in meta-learning"; not "1, 1" (a point) nor "find it, it can" (two clauses)
    text = re.sub(r"\b(?!(?:it|that|this|these|those|there|here|which|what|so)\b)([^\W\d_]+)(?:,\s+\1\b)+",
                  lambda m: m.group(1) if _stutter(m) else m.group(0), text, flags=re.I)
    # cut-off words: "we- we", "th- the"; a whole word that ends a phrase before a dash stays ("a word for it- X")
    text = re.sub(r"\b(?!(?:it|us|me|him|her|too|now|out|up|yes|no|so)-)(\w{1,3})-\s+(?=\w)", "", text)
    text = re.sub(r"\b(\w+)-\s+(?=\1)", "", text, flags=re.I)  # "This- this form", "optimi- optimize"; not "pre- and"
    # a restart: "We call- I call this ..." is "I call this ..."
    text = re.sub(r"\b[\w']+\s+([\w']+)-\s+(?=[\w']+\s+\1\b)", "", text, flags=re.I)
    return re.sub(r"\s+", " ", text).strip(" ,")


def _stutter(m: re.Match) -> bool:
    """Whether words said twice in a row (group 1 of `m`) are a stutter: function words ('the the', 'it is it
    is'), or other words that the same phrase goes on after ('recent recent work'); not a word doubled on
    purpose ('log log plot'), nor a noun said again as the subject of a new sentence ('ignorance | ignorance
    is a lack of knowledge')."""
    low = m.group(1).lower()
    if low in config_words("fillers", "doubled"):
        return False
    if all(w in _FUNCTION_WORDS for w in low.split()):
        return True
    after = re.match(r"[\s,]*([\w']+)", m.string[m.end():])
    return not (after and after.group(1).lower() in _VERBS_AFTER_A_SUBJECT)


# what follows a subject: a noun said twice before one of these starts a sentence with it
_VERBS_AFTER_A_SUBJECT = frozenset("""is are was were means mean refers refer has have had can could will would does
do did should may might must""".split())


# function and discourse words: what a wording says besides them is what it says
_FUNCTION_WORDS = frozenset("""a an the and or but nor if then than so because as of to in on at by for with from into
onto over under about after before between through during without within up down out off again also just only even
still very too quite rather really actually basically essentially literally yes yeah no not okay ok right well oh
is are was were be been being am do does did done doing have has had having can could will would shall should may
might must get gets got let lets let's i me my we us our you your he him his she her it its they them their this that
these those there here what which who whom whose when where why how all any some each every both either neither
one ones another other such same more most much many few lot lots kind sort thing things stuff example like say
says said call called go goes going gone come comes make makes see look know think mean means want need use used
i'm you're we're they're it's that's there's here's what's let's don't doesn't didn't isn't aren't can't won't
i've you've we've i'll you'll we'll i'd you'd we'd he's she's guys folks always never often sometimes good bad
new old big little great different important part whole first last next top bottom left""".split())
MIN_SAID = 3  # words a definition says besides the term and function words ('The digit is' says none)


def says_little(wording: str, *names: str, least: int = MIN_SAID) -> bool:
    """Whether a wording says too little about a term (any of `names`) to define it: 'The relevant weighted
    sum is', 'Yes, logic.', 'So this is agentic chatbot.'"""
    own = {singular(w) for name in names for w in _WORD.findall(name.lower())}
    said = [w for w in _WORD.findall(wording.lower().replace("\u2019", "'"))
            if len(w) > 1 and w not in _FUNCTION_WORDS and singular(w) not in own]
    return len(said) < least


_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


# a second name given right after the first: 'the sigmoid function also known as a logistic curve'; and, where
# the speaker names what was described, 'we call this resizing, or rehashing' (not 'what we call supervised
# learning, or unsupervised learning', two things)
ALSO_NAMED = re.compile(r",? (?:(?:is|are|was|were) )?(?:also|otherwise|sometimes|often) (?:known as|called|"
                        r"referred to as)(?: an?| the)? |,? (?:aka|a\.k\.a\.?)(?: an?| the)? ", re.I)
_CALL_THIS = r"\b(?:call|calls|called|name|names|named|term|termed) (?:this|that|it|these|those|them) "
NAMED_AS = re.compile(_CALL_THIS + r"(?:an? |the )?$", re.I)
OR_NAMED = re.compile(r", or (?:an? |the )?", re.I)
RENAMING = re.compile(ALSO_NAMED.pattern + "|" + _CALL_THIS + r"[^,.;?!]{1,60}, or ", re.I)  # a unit to read


# a name said as the object of a preposition: 'the derivative of | the loss function is often called ...' renames the
# derivative, not the loss function
_AFTER_PREPOSITION = re.compile(r"\b(?:of|for|in|on|to|with|by|from|at|about|into|over|under)\s+(?:(?:the|an?)\s+)?$",
                                re.I)


def renames(text: str, first_start: int, first_end: int, second_start: int) -> bool:
    """Whether the name said at `second_start` is given as another name of the one said at `first_start` to
    `first_end`, by the words between them."""
    between = text[first_end:second_start]
    if ALSO_NAMED.fullmatch(between):
        return not _AFTER_PREPOSITION.search(text, 0, first_start)
    return bool(OR_NAMED.fullmatch(between) and NAMED_AS.search(text, 0, first_start))
