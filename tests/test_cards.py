"""make_cards on small hand-built analyses: kinds, wording, keys, merging, trimming, logistics, links."""
from __future__ import annotations

import re

import pytest

from quizgen.cards import KINDS, make_cards
from quizgen.logistics import is_logistics, read_logistics_words
from quizgen.cards.make import slug, trim
from quizgen.model import Analysis, Definition, KeyTerm, Lecture, Segment, cloze_filled

URL = "https://www.youtube.com/watch?v=ByeRnmHJ-uk"
NO_LOGISTICS: tuple[str, ...] = ()


def lecture(url: str | None = URL, timed: bool = True) -> Lecture:
    start = 0.0 if timed else None
    return Lecture("ByeRnmHJ-uk", "Learning to learn", url, "000.txt", "txt", (Segment(start, None, "x"),))


def analysis(terms, definitions, lec: Lecture | None = None) -> Analysis:
    return Analysis(lec or lecture(), tuple(terms), tuple(definitions))


SUPPORT = KeyTerm("support set", ("support sets",), 0.9, 1400)
META = KeyTerm("meta-learning", ("metal learning",), 0.8, 57)
QUERY = KeyTerm("query set", (), 0.7, 1500)
SUPPORT_DEF = Definition(
    "support set", "a small labelled training set of a task", "so the support set is um a small labelled", 1401
)
META_DEF = Definition(
    "Metal Learning", "learning to learn: a meta-learning model gets better with every task it sees", "ev m", 61
)


def deleted(front: str) -> list[str]:
    return re.findall(r"\{\{c1::(.+?)\}\}", front)


def test_each_defined_term_gets_cloze_and_basic_in_taught_order():
    cards = make_cards(analysis([SUPPORT, QUERY, META], [SUPPORT_DEF, META_DEF]), logistics_words=NO_LOGISTICS)
    assert [c.key for c in cards] == [
        "meta_learning:cloze", "meta_learning:basic",
        "support_set:cloze", "support_set:basic",
    ]
    assert [c.kind for c in cards[:2]] == ["cloze", "basic"]


def test_a_definition_the_scorer_is_unsure_of_gets_one_cloze_or_none():
    from dataclasses import replace

    from quizgen.cards.make import SURE

    # a passage that does not say the term: none, where 'What is a support set?' would promise an answer
    unsure, sure = replace(SUPPORT_DEF, confidence=SURE / 2), replace(META_DEF, confidence=SURE)
    cards = make_cards(analysis([SUPPORT, META], [unsure, sure]), logistics_words=NO_LOGISTICS)
    assert [c.key for c in cards] == ["meta_learning:cloze", "meta_learning:basic"]
    # one that says it: a cloze of what the speaker said of it
    said = Definition("support set", "Each task comes with a support set of five labelled images", "ev", 1401,
                      SURE / 2)
    cards = make_cards(analysis([SUPPORT], [said]), logistics_words=NO_LOGISTICS)
    assert [(c.kind, c.front) for c in cards] == [
        ("cloze", "Each task comes with a {{c1::support set}} of five labelled images")]
    # unless the blank would be an everyday word, or the passage is cut short of its end
    everyday = KeyTerm("architecture", (), 0.5, 10)
    said = Definition("architecture", "The architecture stacks ten convolution layers before the output", "ev", 11,
                      SURE / 2)
    assert make_cards(analysis([everyday], [said]), logistics_words=NO_LOGISTICS) == ()
    long = " ".join(f"image{i}" for i in range(40))
    cut = Definition("support set", f"Each task comes with a support set of {long} images", "ev", 1401, SURE / 2)
    assert make_cards(analysis([SUPPORT], [cut]), logistics_words=NO_LOGISTICS) == ()


def test_reverse_cards_are_made_only_when_asked_for():
    defs = [SUPPORT_DEF, META_DEF]
    assert "reverse" not in {c.kind for c in make_cards(analysis([SUPPORT, META], defs), logistics_words=())}
    cards = make_cards(analysis([SUPPORT, META], defs), logistics_words=(), kinds=KINDS)
    assert [c.key for c in cards if c.term == "support set"] == [
        "support_set:cloze", "support_set:basic", "support_set:reverse"]
    assert [c.kind for c in make_cards(analysis([SUPPORT], [SUPPORT_DEF]), logistics_words=(),
                                       kinds=("basic",))] == ["basic"]
    with pytest.raises(ValueError, match="unknown card kind 'reversed'"):
        make_cards(analysis([SUPPORT], [SUPPORT_DEF]), logistics_words=(), kinds=("cloze", "reversed"))


def test_an_unsure_passage_of_a_term_in_the_last_third_of_the_ranking_gets_no_card():
    from dataclasses import replace

    from quizgen.cards.make import SURE

    terms = [KeyTerm(f"term{i}", (), 1.0 - i / 10, 10 * i) for i in range(6)]  # term4 and term5: the last third
    said = {t.term: Definition(t.term, f"{t.term} is the rule each task of kind {t.term} follows", "ev",
                               t.start_second, SURE / 2) for t in terms}
    carded = {c.term for c in make_cards(analysis(terms, list(said.values())), logistics_words=())}
    assert carded == {"term0", "term1", "term2", "term3"}
    # ranked by score, not by the order given
    shuffled = [terms[5], terms[0], terms[4], terms[1], terms[3], terms[2]]
    assert {c.term for c in make_cards(analysis(shuffled, list(said.values())), logistics_words=())} == carded
    # a passage the scorer is sure of keeps its cards however low its term ranks
    sure = replace(said["term5"], confidence=SURE)
    assert [c.kind for c in make_cards(analysis(terms, [sure]), logistics_words=())] == ["cloze", "basic"]


def test_the_main_passage_says_what_the_term_alone_is_and_the_others_are_clozes():
    from dataclasses import replace

    sd = KeyTerm("standard deviation", (), 0.9, 415)
    variance = KeyTerm("variance", ("sample variance",), 0.8, 415)
    both = "Variance and standard deviation are the two most common ways to describe how spread-out values are."
    defs = [Definition("standard deviation", both, both, 415, 0.93),
            Definition("standard deviation", "The standard deviation is the square root of this sum of squares.", "e",
                       435, 0.88),
            Definition("standard deviation", "Standard deviation shows how spread-out data points are around the mean.",
                       "e", 450, 0.76),
            Definition("variance", both, both, 415, 0.85),
            Definition("variance", "Sample variance is the sum of the squared deviations from the sample mean.", "e",
                       425, 0.28)]
    cards = make_cards(analysis([sd, variance], defs), logistics_words=())
    basics = {c.term: c.back for c in cards if c.kind == "basic"}
    # not the passage it shares with another term, nor the one that points back at 'this sum of squares'
    assert basics == {"standard deviation": "Standard deviation shows how spread-out data points are around the mean.",
                      "variance": "Sample variance is the sum of the squared deviations from the sample mean."}
    # one Q&A a term; its other passages are clozes, but for the shared one, whose other term gives the blank away
    assert [c.key for c in cards if c.term == "standard deviation"] == [
        "standard_deviation:cloze@435", "standard_deviation:cloze", "standard_deviation:basic"]
    assert not any(c.front.startswith("Variance and") for c in cards)
    # a passage the scorer is unsure of stays behind a surer one, however it opens
    unsure = Definition("standard deviation", "Standard deviation is what we turn to next.", "e", 460, 0.1)
    cards = make_cards(analysis([sd], [defs[1], unsure]), logistics_words=())
    assert [c.back for c in cards if c.kind == "basic"] == [defs[1].definition]
    # and one the scorer is less than half as sure of as the surest
    weaker = replace(unsure, confidence=0.3,
                     definition="Standard deviation is what we compute for each of the three groups of patients.")
    cards = make_cards(analysis([sd], [defs[1], weaker]), logistics_words=())
    assert [c.back for c in cards if c.kind == "basic"] == [defs[1].definition]
    # what the slide shows is no more said than what was said before
    slide = replace(unsure, definition="Standard deviation is that second term, now outlined in red.", confidence=0.9)
    cards = make_cards(analysis([sd], [defs[2], slide]), logistics_words=())
    assert [c.back for c in cards if c.kind == "basic"] == [defs[2].definition]


@pytest.mark.parametrize("main, other, names, others", [
    # a plural subject and its verb; a term that opens with 'a'
    ("Quartiles split the sorted data into four equal parts.", "We computed the quartiles of the heights last week.",
     ("quartile", "quartiles"), ()),
    ("A priori knowledge is knowledge justified independently of sensory experience.",
     "Kant asked how a priori knowledge is possible.", ("a priori knowledge",), ()),
    # a verb that says what it does, where no 'is' comes
    ("The bias tells you how high the weighted sum needs to be before the neuron fires.",
     "That additional number is called the bias, and we add it to the weighted sum.", ("bias", "biases"), ()),
    # a gloss by another key term is no shared subject
    ("The mean, or average, is the sum of the values divided by their count.",
     "The mean moves a lot when the data holds outliers.", ("mean",), ("average",)),
])
def test_the_main_passage_is_the_one_that_says_what_the_term_is(main, other, names, others):
    term = KeyTerm(names[0], names[1:], 0.9, 10)
    other_terms = [KeyTerm(n, (), 0.8, 20) for n in others]
    defs = [Definition(names[0], main, main.lower(), 11, 0.6), Definition(names[0], other, other.lower(), 30, 0.8)]
    cards = make_cards(analysis([term, *other_terms], defs), logistics_words=())
    assert [c.back for c in cards if c.kind == "basic"] == [main]


def test_the_main_passage_shuns_what_points_back_only_at_another_thing():
    from quizgen.cards.make import _points_back

    assert _points_back("the square root of this variance", ("standard deviation",))
    assert _points_back("These special vectors are called the eigenvectors", ("eigenvectors",))
    assert not _points_back("It will trigger this AI agent which calls a tool", ("AI agent",))
    assert not _points_back("It is done this way every time, and this is what matters", ("workflow",))


def test_a_low_ranked_spelling_does_not_make_its_better_ranked_twin_low_ranked():
    from dataclasses import replace

    from quizgen.cards.make import SURE

    best = KeyTerm("k-medoids", (), 0.95, 5)
    terms = [best, *(KeyTerm(f"term{i}", (), 0.5 - i / 100, 10 + i) for i in range(4)),
             KeyTerm("k medoids", (), 0.1, 9)]
    said = Definition("k-medoids", "k-medoids is an algorithm that splits points into k clusters", "ev", 6, SURE / 2)
    assert [c.term for c in make_cards(analysis(terms, [said]), logistics_words=())] == ["k-medoids"]
    alone = [KeyTerm("k medoids", (), 0.1, 9) if t is best else t for t in terms]  # it is the low-ranked one now
    assert make_cards(analysis(alone, [replace(said, term="k medoids")]), logistics_words=()) == ()


def test_a_key_term_pointed_back_at_is_named_outright():
    sd = KeyTerm("standard deviation", (), 0.9, 435)
    variance = KeyTerm("variance", (), 0.8, 400)
    said = Definition("standard deviation", "The standard deviation is the square root of this variance.", "e", 435)
    assert make_cards(analysis([sd, variance], [said]), logistics_words=())[1].back == \
        "The standard deviation is the square root of the variance."
    # what is named stays as said, and so does a pointer at what is no key term
    epistemology = KeyTerm("epistemology", (), 0.9, 5)
    named = Definition("epistemology", "Philosophers study how we can know anything at all, and you can call this "
                       "epistemology.", "e", 5)
    assert make_cards(analysis([epistemology], [named]), logistics_words=())[1].back == named.definition
    other = Definition("standard deviation", "The standard deviation is the square root of this spread.", "e", 435)
    assert make_cards(analysis([sd, variance], [other]), logistics_words=())[1].back == other.definition


def test_naming_a_term_outright_changes_no_choice_and_no_verb():
    from quizgen.cards.make import _named_outright, _shared

    variance = KeyTerm("variance", (), 0.9, 10)
    general = Definition("variance", "Variance measures how far a set of values spreads out from their mean.", "g",
                         10, 0.6)
    worked = Definition("variance", "This variance is about 4.2 for our sample of exam scores, which is quite small.",
                        "w", 60, 0.8)
    cards = make_cards(analysis([variance], [general, worked]), logistics_words=())
    assert [c.back for c in cards if c.kind == "basic"] == [general.definition]  # not the worked example
    assert "The {{c1::variance}} is about 4.2" in cards[-1].front  # named outright on its cloze
    names = ("mean", "test", "model", "is", "in", "variance")  # 'is', 'in': aliases of no word but stop words
    for said in ("far from the mean; this means that large deviations count", "this tests whether the data fit",
                 "this models the difference", "and this is why every company keeps one", "we did this in turn"):
        assert _named_outright(said, names) == said
    assert _named_outright("the square root of this variance.", names) == "the square root of the variance."
    # two terms as one subject, where a term opens with 'a' or one term opens the other
    assert _shared("A priori knowledge and a posteriori knowledge are two kinds", ("a priori knowledge",),
                   ("a posteriori knowledge",))
    assert _shared("Neural network layers and neural networks are stacked", ("neural network",),
                   ("neural network layers",))
    assert _shared("The Republic and the Laws are two dialogues", ("Republic",), ("Laws",))


def test_a_lecture_announcing_its_subject_gives_the_term_and_what_it_is():
    stats = KeyTerm("descriptive statistics", (), 0.9, 5)
    said = Definition("descriptive statistics", "In this lecture, we'll focus on descriptive statistics, methods that "
                      "help us summarize and visualize data to reveal patterns and trends.", "ev", 5)
    cloze, basic = make_cards(analysis([stats], [said]), logistics_words=())
    assert basic.back == ("Descriptive statistics: methods that help us summarize and visualize data to reveal "
                          "patterns and trends.")
    assert cloze.front.startswith("{{c1::Descriptive statistics}}: methods that help us")
    transformer = KeyTerm("transformer", (), 0.9, 5)
    which = Definition("transformer", "Today we're going to talk about transformers, which are networks built on "
                       "attention alone", "ev", 5)
    assert make_cards(analysis([transformer], [which]), logistics_words=())[1].back == \
        "Transformers: networks built on attention alone"
    # an announcement that goes on to another clause says no more of the term
    for said in ("Today we're going to talk about regression, and then we'll move on to clustering",
                 "In this video, we'll look at regression, which we saw briefly last week"):
        regression = KeyTerm("regression", (), 0.9, 5)
        cards = make_cards(analysis([regression], [Definition("regression", said, "ev", 5)]), logistics_words=())
        assert all(not c.back.startswith("Regression:") for c in cards), said


def test_a_card_quotes_the_transcript_words_its_wording_was_made_from():
    evidence = "supervised learning you have a lot of"
    passage = "in semi supervised learning you have a lot of unlabeled data and a few labels"
    ssl = KeyTerm("semi supervised learning", (), 0.9, 5)
    said = Definition("semi supervised learning", "In semi supervised learning you have a lot of unlabeled data and "
                      "a few labels", evidence, 5, 0.9, passage)
    assert {c.evidence for c in make_cards(analysis([ssl], [said]), logistics_words=())} == {passage}
    # the evidence, where no passage runs past it or the passage is too long to quote
    from dataclasses import replace

    from quizgen.cards.make import QUOTE_WORDS

    for other in (None, " ".join(["word"] * (QUOTE_WORDS + 1))):
        cards = make_cards(analysis([ssl], [replace(said, passage=other)]), logistics_words=())
        assert {c.evidence for c in cards} == {evidence}
    # the lecture JSON carries a passage only where there is one
    assert "passage" not in replace(said, passage=None).to_dict() and said.to_dict()["passage"] == passage


def test_a_further_passage_that_only_mentions_its_term_gets_no_card():
    from quizgen.cards.make import CARD_SURE

    llm = KeyTerm("LLM", (), 0.9, 90)
    surest = Definition("LLM", "a model trained to predict the next word", "an LLM is a model trained to predict", 91,
                        confidence=0.9)
    mention = "on top of that you integrated LLM with the HR management system through their APIs"
    said = Definition("LLM", mention, mention, 300, confidence=CARD_SURE / 2)
    named = Definition("LLM", "a large language model, a network of billions of weights",
                       "we call it an LLM, a large language model", 500, confidence=CARD_SURE / 2)
    keys = [c.key for c in make_cards(analysis([llm], [surest, said, named]), logistics_words=NO_LOGISTICS)]
    assert keys == ["llm:cloze", "llm:basic", "llm:cloze@500"]
    # a term's surest passage keeps its cards, however it is worded: the term is still studied
    alone = make_cards(analysis([llm], [said]), logistics_words=NO_LOGISTICS)
    assert [c.key for c in alone] == ["llm:cloze", "llm:basic"]
    # a further passage that opens as an example tells of one case, however sure the scorer is of it
    example = Definition("LLM", "In another example, you could ask an LLM for a poem and get one back", "ev", 700,
                         confidence=0.95)
    keys = [c.key for c in make_cards(analysis([llm], [surest, example]), logistics_words=NO_LOGISTICS)]
    assert keys == ["llm:cloze", "llm:basic"]


def test_term_without_definition_gets_no_card_and_unknown_terms_are_ignored():
    stray = Definition("gradient descent", "an optimiser that follows the negative gradient downhill", "ev", 5)
    cards = make_cards(analysis([SUPPORT, QUERY], [SUPPORT_DEF, stray]), logistics_words=NO_LOGISTICS)
    assert {c.term for c in cards} == {"support set"}


def test_a_crisp_short_definition_gets_cards_and_a_wording_that_says_little_gets_none():
    entropy = KeyTerm("entropy", (), 0.9, 0)
    crisp = Definition("entropy", "Entropy is a measure of uncertainty", "entropy is a measure of uncertainty", 0)
    cards = make_cards(analysis([entropy], [crisp]), logistics_words=NO_LOGISTICS)
    assert [c.kind for c in cards] == ["cloze", "basic"]
    calculus = KeyTerm("calculus", (), 0.9, 0)  # a term that ends in s
    crisp = Definition("calculus", "Calculus is the study of change", "calculus is the study of change", 0)
    assert len(make_cards(analysis([calculus], [crisp]), logistics_words=NO_LOGISTICS)) == 2
    for wording in ("Entropy is a measure.", "Entropy which is another thing we use", "Entropy is a hard problem"):
        vague = Definition("entropy", wording, wording.lower(), 0)
        assert make_cards(analysis([entropy], [vague]), logistics_words=NO_LOGISTICS) == ()


@pytest.mark.parametrize("wording", [
    "Is we can say well we can write out theta as an equation where we integrate out the statistics",
    "Where you still have to do some adaptation on your new task with theta as the prior",
    "Which people come back from with theta and say it was more real than this",
])
def test_a_wording_the_captions_cut_mid_sentence_gets_no_card(wording):
    theta = KeyTerm("theta", (), 0.9, 0)
    cut = Definition("theta", wording, wording.lower(), 0)
    assert make_cards(analysis([theta], [cut]), logistics_words=NO_LOGISTICS) == ()
    whole = "Theta is the prior that every task shares, where each task adapts it to its own data"
    assert len(make_cards(analysis([theta], [Definition("theta", whole, whole.lower(), 0)]),
                          logistics_words=NO_LOGISTICS)) == 2  # 'where' inside a sentence is no cut


def test_cloze_deletes_the_term_inside_its_definition_through_an_alias_with_canonical_spelling():
    cards = make_cards(analysis([META], [META_DEF]), logistics_words=NO_LOGISTICS)
    cloze = cards[0]
    assert cloze.front == "Learning to learn: a {{c1::meta-learning}} model gets better with every task it sees"
    assert cloze.back == "meta-learning"
    assert cloze.term == "meta-learning"  # the definition said "Metal Learning"; the key term's spelling wins


def test_a_terms_qa_spells_a_misheard_name_as_its_cloze_does():
    kt = KeyTerm("meta train", ("meta terrain",), 0.5, 10)
    said = "Meta terrain is labeled data it's labeled data for different tasks"
    cards = make_cards(analysis([kt], [Definition(kt.term, said, said, 11, 0.9)]), logistics_words=NO_LOGISTICS)
    cloze, basic = (next(c for c in cards if c.kind == kind) for kind in ("cloze", "basic"))
    assert cloze.front.startswith("{{c1::Meta train}} is labeled data")  # a sentence opens with it
    assert basic.back.startswith("Meta train is labeled data"), basic.back
    kde = KeyTerm("kernel density estimation", ("kde",), 0.5, 10)  # a name as said stays: it is no mishearing
    said = "Kernel Density Estimation, or KDE, smooths the histogram into a curve."
    cards = make_cards(analysis([kde], [Definition(kde.term, said, said, 11, 0.9)]), logistics_words=NO_LOGISTICS)
    assert next(c for c in cards if c.kind == "basic").back == said
    # nor does another name the speaker gives it, nor a shortened form: those are no mishearings
    resizing = KeyTerm("resizing", ("rehashing",), 0.5, 10)
    said = "So the table grows, and we call this resizing, or rehashing."
    cards = make_cards(analysis([resizing], [Definition("resizing", said, said, 11, 0.9)]),
                       logistics_words=NO_LOGISTICS)
    cloze, basic = (next(c for c in cards if c.kind == kind) for kind in ("cloze", "basic"))
    assert deleted(cloze.front) == ["resizing", "rehashing"] and basic.back == said
    said = "Rehashing means you allocate a bigger array. Then rehashing inserts every entry again."
    cards = make_cards(analysis([resizing], [Definition("resizing", said, said, 11, 0.9)]),
                       logistics_words=NO_LOGISTICS)
    assert deleted(next(c for c in cards if c.kind == "cloze").front) == ["Rehashing", "rehashing"]  # as said
    genai = KeyTerm("generative AI", ("genai",), 0.5, 10)  # a clipped form is written out, as a mishearing is
    said = "Genai is part of agentic AI, the kind of AI that makes new text and images."
    cards = make_cards(analysis([genai], [Definition(genai.term, said, said, 11, 0.9)]), logistics_words=NO_LOGISTICS)
    assert deleted(next(c for c in cards if c.kind == "cloze").front) == ["Generative AI"]
    sigmoid = KeyTerm("sigmoid function", ("sigmoid", "logistic curve"), 0.5, 10)
    said = "The sigmoid function, also known as a logistic curve, squashes what sigmoid layers add up."
    cards = make_cards(analysis([sigmoid], [Definition("sigmoid function", said, said, 11, 0.9)]),
                       logistics_words=NO_LOGISTICS)
    cloze, basic = (next(c for c in cards if c.kind == kind) for kind in ("cloze", "basic"))
    assert deleted(cloze.front) == ["sigmoid function", "logistic curve", "sigmoid"] and basic.back == said


def test_a_main_passage_that_tells_of_one_case_gets_a_cloze_and_no_question():
    kt = KeyTerm("passive humoral immunity", (), 0.5, 10)
    said = "Babies, for example, naturally obtain passive humoral immunity while still in the womb."
    cards = make_cards(analysis([kt], [Definition(kt.term, said, said, 11, 0.9)]), logistics_words=NO_LOGISTICS)
    assert [c.kind for c in cards] == ["cloze"]
    said = "Passive humoral immunity, for example from a mother's antibodies, is borrowed, not made."
    cards = make_cards(analysis([kt], [Definition(kt.term, said, said, 11, 0.9)]), logistics_words=NO_LOGISTICS)
    assert [c.kind for c in cards] == ["cloze", "basic"]  # an example inside what the term is: the term's own


def test_the_term_opening_its_own_example_is_no_case_and_a_case_is_no_main_passage():
    quartiles = KeyTerm("quartiles", (), 0.5, 10)
    said = "Quartiles, for example, split the data into four equal parts of a quarter each."
    cards = make_cards(analysis([quartiles], [Definition(quartiles.term, said, said, 11, 0.9)]),
                       logistics_words=NO_LOGISTICS)
    assert [c.kind for c in cards] == ["cloze", "basic"]
    kt = KeyTerm("passive humoral immunity", (), 0.5, 10)
    case = Definition(kt.term, "Babies, for example, naturally obtain passive humoral immunity in the womb.",
                      "babies for example", 11, 0.9)
    what = Definition(kt.term, "Passive humoral immunity is the immunity you borrow from another's antibodies.",
                      "passive humoral immunity is", 40, 0.3)
    cards = make_cards(analysis([kt], [case, what]), logistics_words=NO_LOGISTICS)
    assert next(c for c in cards if c.kind == "basic").back.startswith("Passive humoral immunity is the immunity")


def test_a_name_another_name_is_written_as_said_and_a_respelled_one_takes_its_article():
    sgd = KeyTerm("stochastic gradient descent", ("online gradient descent",), 0.5, 10)
    said = "Online gradient descent updates the weights after every single example it sees."
    cards = make_cards(analysis([sgd], [Definition(sgd.term, said, said, 11, 0.9)]), logistics_words=NO_LOGISTICS)
    assert deleted(cards[0].front) == ["Online gradient descent"] and cards[1].back == said
    llm = KeyTerm("large language model", ("llm",), 0.5, 10)
    said = "So an llm is a model trained on a lot of text to predict the next word."
    cards = make_cards(analysis([llm], [Definition(llm.term, said, said, 11, 0.9)]), logistics_words=NO_LOGISTICS)
    assert cards[1].back == "So a large language model is a model trained on a lot of text to predict the next word."
    r = KeyTerm("R", (), 0.5, 10)  # a one-letter name is found as written, so the cloze does not repeat it
    said = "R is a programming language for statistical computing."
    cards = make_cards(analysis([r], [Definition(r.term, said, said, 11, 0.9)]), logistics_words=NO_LOGISTICS)
    assert cards[0].front == "{{c1::R}} is a programming language for statistical computing."


def test_cloze_deletes_an_acronym_as_said_beside_its_expansion():
    kde = KeyTerm("kernel density estimation", ("kde",), 0.5, 10)
    said = "We can also present the data using Kernel Density Estimation, or KDE, which smooths the histogram."
    cards = make_cards(analysis([kde], [Definition(kde.term, said, said, 11)]), logistics_words=NO_LOGISTICS)
    cloze = next(c for c in cards if c.kind == "cloze")
    assert deleted(cloze.front) == ["Kernel Density Estimation", "KDE"]  # not 'or kernel density estimation'
    assert cloze.back == "kernel density estimation"


def test_cloze_deletes_another_form_of_the_term_as_said():
    for term, said in (("biases", "The bias tells you how high the weighted sum needs to be."),
                       ("existentialism", "The existentialists don't consider themselves philosophers at all.")):
        kt = KeyTerm(term, (said.split()[1],), 0.5, 10)  # the form said is one of the term's aliases
        cards = make_cards(analysis([kt], [Definition(term, said, said, 11)]), logistics_words=NO_LOGISTICS)
        cloze = next(c for c in cards if c.kind == "cloze")
        assert deleted(cloze.front) == [said.split()[1]], cloze.front  # not 'The {{c1::biases}} tells you'
        assert cloze.back == term
    # any word of a longer term may be said with another ending
    kt = KeyTerm("consequential moral reasoning", ("consequentialist moral reasoning",), 0.5, 10)
    said = "Consequentialist moral reasoning locates morality in the consequences of an act."
    cards = make_cards(analysis([kt], [Definition(kt.term, said, said, 11)]), logistics_words=NO_LOGISTICS)
    cloze = next(c for c in cards if c.kind == "cloze")
    assert deleted(cloze.front) == ["Consequentialist moral reasoning"], cloze.front
    # but a short word with a letter more is a mishearing, spelled as the term
    kt = KeyTerm("meta learning", ("metal learning",), 0.5, 10)
    said = "Transfer learning can be viewed as a type of metal learning."
    cards = make_cards(analysis([kt], [Definition(kt.term, said, said, 11)]), logistics_words=NO_LOGISTICS)
    assert deleted(next(c for c in cards if c.kind == "cloze").front) == ["meta learning"]


def test_cloze_keeps_the_form_the_speaker_said_of_a_plural_in_es():
    term = KeyTerm("implicit processes", ("implicit process",), 0.5, 10)
    said = "Our working memory transfers stuff we're not aware of. We call that an implicit process."
    cards = make_cards(analysis([term], [Definition("implicit processes", said, said, 11)]),
                       logistics_words=NO_LOGISTICS)
    cloze = next(c for c in cards if c.kind == "cloze")
    assert "We call that an {{c1::implicit process}}." in cloze.front  # not 'an implicit processes'


def test_cloze_builds_a_sentence_when_the_definition_lacks_the_term():
    mass = KeyTerm("few-shot learning", (), 0.5, 10)
    mass_def = Definition("few-shot learning", "learning from only a handful of labelled examples", "ev", 11)
    cards = make_cards(analysis([SUPPORT, mass], [SUPPORT_DEF, mass_def]), logistics_words=NO_LOGISTICS)
    fronts = {c.term: c.front for c in cards if c.kind == "cloze"}
    assert fronts["support set"] == "A {{c1::support set}} is a small labelled training set of a task"
    assert fronts["few-shot learning"] == "{{c1::few-shot learning}}: learning from only a handful of labelled examples"


def test_braces_the_lecture_said_make_no_second_deletion():
    said = Definition("support set", "a small set of a task, written {{c2::x}} or {{{c3::y}}} in templates", "ev", 11)
    cloze = next(c for c in make_cards(analysis([SUPPORT], [said]), logistics_words=NO_LOGISTICS) if c.kind == "cloze")
    assert cloze.front.count("{{") == 1 and "{{c1::support set}}" in cloze.front


def test_every_deletion_is_the_term_never_a_stop_word_nor_the_whole_text():
    terms = [SUPPORT, META, KeyTerm("set", ("a",), 0.1, 3)]
    defs = [SUPPORT_DEF, META_DEF, Definition("set", "a collection of distinct objects, a basic idea", "ev", 4)]
    cards = [c for c in make_cards(analysis(terms, defs), logistics_words=NO_LOGISTICS) if c.kind == "cloze"]
    assert len(cards) == 3
    assert cards[0].front == "A {{c1::set}} is a collection of distinct objects, a basic idea"
    for c in cards:
        assert set(deleted(c.front)) == {c.term}
        assert c.front.replace("{{c1::" + c.term + "}}", "").strip(" :.")


def test_a_card_says_the_term_in_the_number_and_phrase_the_definition_uses():
    outliers = KeyTerm("outliers", ("outlier",), 0.5, 10)
    variance = KeyTerm("variance", ("sample variance",), 0.5, 20)
    defs = [Definition("outliers", "an outlier is an unusually high or low value in our data", "ev", 11),
            Definition("variance", "Sample variance is the mean squared deviation from the sample mean", "ev", 21)]
    cards = {(c.term, c.kind): c for c in make_cards(analysis([outliers, variance], defs), logistics_words=(),
                                                      kinds=KINDS)}
    assert cards["outliers", "cloze"].front == "An {{c1::outlier}} is an unusually high or low value in our data"
    assert cards["outliers", "basic"].front == "What is an outlier?"  # not "What is an outliers?"
    assert cards["variance", "cloze"].front.startswith("Sample {{c1::variance}} is the mean squared")
    assert cards["variance", "reverse"].front.startswith("Sample ___ is the mean squared")
    assert cards["variance", "cloze"].back == cards["variance", "reverse"].back == "variance"
    from quizgen.cards.make import _cloze, _question

    # a definition that opens with another noun asks in the singular where the term has one
    assert _question("outliers", ("outliers", "outlier"), "a value far from the rest; outliers skew it") \
        == "What is an outlier?"
    # every inner mention is deleted, and a term of no usable words never leaves an empty deletion
    assert _cloze("variance", ("variance", "variance of variance"), "the variance of variance is high") \
        == "The {{c1::variance}} of {{c1::variance}} is high"
    assert "{{c1::}}" not in _cloze("IT", ("IT", "I.T. dept"), "I.T. dept is a dept")


def test_every_mention_is_deleted_so_none_gives_the_answer_away():
    d = Definition("support set", "the support set: a few labelled examples; each support set is small", "ev", 1)
    cloze, _, reverse = make_cards(analysis([SUPPORT], [d]), logistics_words=NO_LOGISTICS, kinds=KINDS)
    assert deleted(cloze.front) == ["support set", "support set"]
    assert "support" not in reverse.front.lower()
    assert reverse.front == "The ___: a few labelled examples; each ___ is small"


def test_reverse_masks_plural_and_alias_mentions():
    d = Definition("support set", "support sets are small labelled sets given per task", "ev", 1)
    *_, reverse = make_cards(analysis([SUPPORT], [d]), logistics_words=NO_LOGISTICS, kinds=KINDS)
    assert reverse.front == "___ are small labelled sets given per task"  # the alias "support sets"
    assert reverse.back == "support set"
    q = Definition("query set", "query sets hold the examples a task is scored on", "ev", 1501)
    *_, reverse = make_cards(analysis([QUERY], [q]), logistics_words=NO_LOGISTICS, kinds=KINDS)
    assert reverse.front == "___s hold the examples a task is scored on"


def test_basic_question_uses_an_article_only_when_the_definition_does():
    maml = KeyTerm("MAML", (), 0.5, 30)
    maml_def = Definition("maml", "an algorithm that learns a good initialisation", "ev", 31)
    cards = make_cards(analysis([SUPPORT, META, maml], [SUPPORT_DEF, META_DEF, maml_def]), logistics_words=())
    questions = {c.term: (c.front, c.back) for c in cards if c.kind == "basic"}
    assert questions["support set"] == ("What is a support set?", "A small labelled training set of a task")
    assert questions["meta-learning"][0] == "What is meant by “meta-learning”?"
    assert questions["MAML"][0] == "What is MAML?"
    apis, agent = KeyTerm("APIs", (), 0.5, 40), KeyTerm("AI agent", (), 0.5, 50)
    more = [Definition("APIs", "the ways one program can call another program over a network", "ev", 41),
            Definition("AI agent", "a program that plans and acts with tools", "ev", 51)]
    cards = make_cards(analysis([apis, agent], more), logistics_words=())
    assert [c.front for c in cards if c.kind == "basic"] == ["What are APIs?", "What is meant by “AI agent”?"]
    # the article asks for one of a kind: not of a plural with no singular said, nor of a mass noun in -ing
    vectors, learning = KeyTerm("basis vectors", (), 0.5, 60), KeyTerm("meta learning", (), 0.5, 70)
    more = [Definition("basis vectors", "a set of basis vectors which span the plane and keep their length", "ev", 61),
            Definition("meta learning", "a meta learning is how you learn the prior from many tasks", "ev", 71)]
    cards = make_cards(analysis([vectors, learning], more), logistics_words=())
    assert [c.front for c in cards if c.kind == "basic"] == [
        "What is meant by “basis vectors”?", "What is meant by “meta learning”?"]
    # the article the speaker said: 'a unit vector', 'an α-helix' (not 'an unit vector', 'a α-helix')
    from quizgen.cards.make import _question

    assert [_question(t, (t,), d) for t, d in (("unit vector", "A unit vector is a vector of length one"),
                                                ("\u03b1-helix", "An \u03b1-helix is a right-handed coil"),
                                                ("user story", "a short description of a feature"))] == [
        "What is a unit vector?", "What is an \u03b1-helix?", "What is a user story?"]
    # nor where the 'A' names a matrix: 'A is the matrix ...' asks no 'What is a lambda?'
    lam = KeyTerm("lambda", (), 0.5, 90)
    named = Definition("lambda", "A is the matrix, v the eigenvector, and lambda is a number, the eigenvalue", "e", 91)
    fronts = [c.front for c in make_cards(analysis([lam], [named]), logistics_words=()) if c.kind == "basic"]
    assert fronts == ["What is meant by “lambda”?"]
    # nor of a noun of no number: 'an unlabeled data set' is a set, and 'an unlabeled data' is no English
    unlabeled = KeyTerm("unlabeled data", (), 0.5, 80)
    more = [Definition("unlabeled data", "an unlabeled data set holds samples that carry no label", "ev", 81),
            Definition("unlabeled data", "a pool of samples that carry no label", "ev", 120)]
    cards = make_cards(analysis([unlabeled], more), logistics_words=())
    assert [c.front for c in cards if c.kind == "basic"] == ["What is meant by “unlabeled data”?"]
    assert [c.front for c in cards if c.kind == "cloze"] == [
        "An {{c1::unlabeled data}} set holds samples that carry no label",
        "{{c1::unlabeled data}}: a pool of samples that carry no label"]


def test_long_definition_is_trimmed_to_forty_words_at_a_clause_boundary():
    words = " ".join(f"w{i}" for i in range(30))
    long_def = f"a support structure for tasks, {words}, and then many more words follow here to go past the limit"
    cards = make_cards(analysis([SUPPORT], [Definition("support set", long_def, "ev", 1)]), logistics_words=())
    basic = cards[1]
    assert basic.back.endswith("…")
    assert len(basic.back.split()) <= 40
    assert basic.back == "A support structure for tasks, " + words + "…"


def test_trim_falls_back_to_a_word_boundary_without_a_clause():
    text = " ".join(f"w{i}" for i in range(50))
    assert trim(text, 10) == "w0 w1 w2 w3 w4 w5 w6 w7 w8 w9…"
    assert trim("short text", 10) == "short text"


def test_a_wording_that_names_the_term_then_says_which_it_is_reads_as_a_sentence():
    from quizgen.cards.make import _stated

    assert _stated("Regularization which is the idea of keeping a model simple", ("regularization",)) == \
        "Regularization is the idea of keeping a model simple"
    assert _stated("Priors which are beliefs held before the data", ("prior",)) == \
        "Priors are beliefs held before the data"
    # set off by a comma, 'which' tells of what was said before; and the term must open the wording
    assert _stated("PSPACE complete, which is a strange difference", ("PSPACE complete",)) == \
        "PSPACE complete, which is a strange difference"
    assert _stated("The model which is trained last", ("regularization",)) == "The model which is trained last"
    term = KeyTerm("regularization", (), 0.5, 10)
    said = "regularization which is the idea of taking a model and keeping it simple"
    cards = make_cards(analysis([term], [Definition(term.term, said, said, 11)]), logistics_words=NO_LOGISTICS)
    assert next(c for c in cards if c.kind == "basic").back == \
        "Regularization is the idea of taking a model and keeping it simple"


def test_trim_keeps_a_sentence_that_ends_a_few_words_past_the_limit_whole():
    words = " ".join(f"w{i}" for i in range(45))
    assert trim(words + " end.") == words + " end."
    assert trim(words + " end.", 30).endswith("\u2026")  # fifteen words past the limit and more: cut
    assert trim(words + " and " + words + ".").endswith("\u2026")


def test_near_duplicate_passages_give_cards_as_sure_as_the_surer_of_them():
    sure = Definition("support set", "The support set is the few labelled examples a task gives, and the learner "
                      "adapts on them before it is scored on the query set of that task", "ev1", 1401, 0.9)
    unsure = Definition("support set", "the support set is the few labelled examples a task gives", "ev2", 1500, 0.1)
    cards = make_cards(analysis([SUPPORT], [sure, unsure]), logistics_words=NO_LOGISTICS)
    # one passage says what the other says in fewer words: its wording, with all three cards of the sure one
    assert [c.kind for c in cards] == ["cloze", "basic"]
    assert cards[1].back == "The support set is the few labelled examples a task gives"


def test_near_duplicate_definitions_merge_keeping_the_clearest_and_distinct_ones_get_their_own_keys():
    defs = [
        Definition("support set", "a small labelled training set of a task in few-shot learning", "ev1", 1401),
        Definition("support set", "a small labelled training set", "ev2", 1410),
        Definition("support set", "the small labelled training set of a task in few shot learning, right", "ev3", 1420),
        Definition("support set", "what the learner adapts on before it is scored on the query set", "ev4", 1500),
    ]
    cards = make_cards(analysis([SUPPORT], defs), logistics_words=NO_LOGISTICS)
    assert [c.key for c in cards] == ["support_set:cloze", "support_set:basic", "support_set:cloze@1500"]
    # "a small labelled training set" is shorter but only 5 words, under the 6 a clear definition needs.
    assert cards[1].back == "A small labelled training set of a task in few-shot learning"
    assert cards[1].evidence == "ev1"
    # one question, one answer: the term's other passage is a cloze, and asks no second "What is ...?"
    assert cards[1].front == "What is a support set?"
    assert cards[2].front == "{{c1::support set}}: what the learner adapts on before it is scored on the query set"
    untimed = [Definition(d.term, d.definition, d.evidence, None) for d in defs]
    untimed_term = KeyTerm("support set", ("support sets",), 0.9, None)
    fronts = [c.front for c in make_cards(analysis([untimed_term], untimed, lecture(timed=False)),
                                          logistics_words=NO_LOGISTICS) if c.kind == "basic"]
    assert fronts == ["What is a support set?"]


def test_keys_do_not_depend_on_definition_wording_nor_on_the_other_definitions():
    from dataclasses import replace

    before = make_cards(analysis([SUPPORT], [SUPPORT_DEF]), logistics_words=NO_LOGISTICS)
    reworded = Definition("support set", "the few labelled examples that come with one task", "other", 1402)
    after = make_cards(analysis([SUPPORT], [reworded]), logistics_words=NO_LOGISTICS)
    assert [c.key for c in before] == [c.key for c in after] == [
        "support_set:cloze", "support_set:basic"]  # the term's own key, wherever said
    assert [c.front for c in before] != [c.front for c in after]
    # a less sure definition found earlier in the lecture (an edited transcript, a newer quizgen) takes no
    # card's key: the surest one keeps the term's, the others are keyed by their second
    sure = replace(SUPPORT_DEF, confidence=0.9)
    earlier = Definition("support set", "the labelled examples a learner adapts on for one new task",
                         "the support set is the labelled examples a learner adapts on", 900, 0.5)
    both = {c.key: c.front for c in make_cards(analysis([SUPPORT], [earlier, sure]), logistics_words=NO_LOGISTICS)}
    alone = make_cards(analysis([SUPPORT], [sure]), logistics_words=NO_LOGISTICS)
    assert all(both[c.key] == c.front for c in alone) and "support_set:cloze@900" in both
    # without times, the evidence places a definition; two at one second are told apart by their order
    other = Definition("support set", "data the model adapts on before it is tested", "ev s", None)
    untimed = make_cards(analysis([replace(SUPPORT, start_second=None)], [sure, other]), logistics_words=NO_LOGISTICS)
    assert untimed[2].key.startswith("support_set:cloze#") and len(untimed[2].key) == len("support_set:cloze#") + 8
    twice = [sure, *(Definition("support set", text, "e", 1500) for text in
                     ("what the learner adapts on before the query set", "the labelled data of one task, given first"))]
    keys = [c.key for c in make_cards(analysis([SUPPORT], twice), logistics_words=NO_LOGISTICS)]
    assert keys[2:] == ["support_set:cloze@1500", "support_set:cloze@1500:2"]


def test_same_input_in_any_order_gives_the_same_cards():
    terms, defs = [SUPPORT, QUERY, META], [SUPPORT_DEF, META_DEF]
    first = make_cards(analysis(terms, defs), logistics_words=NO_LOGISTICS)
    again = make_cards(analysis(terms[::-1], defs[::-1]), logistics_words=NO_LOGISTICS)
    assert first == again


def test_cards_carry_lecture_time_link_verbatim_evidence_and_tags():
    card = make_cards(analysis([SUPPORT], [SUPPORT_DEF]), logistics_words=NO_LOGISTICS)[0]
    assert card.lecture_id == "ByeRnmHJ-uk"
    assert card.lecture_title == "Learning to learn"
    assert card.start_second == 1401
    assert card.url == URL + "&t=1401s"
    assert card.evidence == "so the support set is um a small labelled"
    assert card.tags == ("quizgen", "lecture::ByeRnmHJ-uk", "term::support_set")
    assert all(" " not in t for t in card.tags)


def test_link_fallback_is_used_only_when_the_lecture_has_no_url():
    seen = []

    def link(second):
        seen.append(second)
        return f"file:///talk.mp4#t={second}"

    own = make_cards(analysis([SUPPORT], [SUPPORT_DEF]), link=link, logistics_words=())
    assert own[0].url == URL + "&t=1401s" and seen == []
    local = make_cards(analysis([SUPPORT], [SUPPORT_DEF], lecture(url=None)), link=link, logistics_words=())
    assert local[0].url == "file:///talk.mp4#t=1401"
    bare = make_cards(analysis([SUPPORT], [SUPPORT_DEF], lecture(url=None)), logistics_words=())
    assert bare[0].url is None


@pytest.mark.parametrize("url, linked", [
    ("https://www.youtube.com/watch?v=PFDu9oVAE-g&t=30s", "https://www.youtube.com/watch?v=PFDu9oVAE-g&t=1401s"),
    ("https://youtu.be/PFDu9oVAE-g?t=30", "https://youtu.be/PFDu9oVAE-g?t=1401s"),
    ("https://www.youtube.com/watch?t=30&v=PFDu9oVAE-g", "https://www.youtube.com/watch?v=PFDu9oVAE-g&t=1401s"),
    ("https://example.org/talk?at=3#notes", "https://example.org/talk?at=3&t=1401s#notes"),
    ("https://vimeo.com/76979871#t=30s", "https://vimeo.com/76979871#t=1401s"),  # Vimeo reads the fragment
    ("https://player.vimeo.com/video/76979871", "https://player.vimeo.com/video/76979871#t=1401s"),
    # a video file plays from a media fragment; YouTube's embedded player starts at ?start=
    ("https://cdn.example.edu/cs101/hash.mp4", "https://cdn.example.edu/cs101/hash.mp4#t=1401"),
    ("https://cdn.example.edu/hash.mp4?sig=ab#t=10", "https://cdn.example.edu/hash.mp4?sig=ab#t=1401"),
    ("https://www.youtube.com/embed/PFDu9oVAE-g?start=30&rel=0", "https://www.youtube.com/embed/PFDu9oVAE-g?rel=0&start=1401"),
])
def test_a_url_shared_at_a_time_links_each_card_to_its_own_time(url, linked):
    cards = make_cards(analysis([SUPPORT], [SUPPORT_DEF], lecture(url=url)), logistics_words=())
    assert cards[0].url == linked


def test_untimed_lecture_gives_untimed_cards_with_the_bare_url():
    untimed_term = KeyTerm("support set", (), 0.9, None)
    d = Definition("support set", "a small labelled training set of a task", "ev", None)
    card = make_cards(analysis([untimed_term], [d], lecture(timed=False)), logistics_words=())[0]
    assert card.start_second is None
    assert card.url == URL


def test_definition_time_falls_back_to_the_terms_first_mention():
    d = Definition("support set", "a small labelled training set of a task", "ev", None)
    assert make_cards(analysis([SUPPORT], [d]), logistics_words=())[0].start_second == 1400


def test_logistics_definitions_and_terms_get_no_cards():
    homework = KeyTerm("homework", (), 0.4, 5)
    defs = [
        Definition("support set", "what you will need for the homework due on friday", "ev", 1401),
        Definition("homework", "a set of exercises handed in every week", "ev", 6),
        Definition("meta-learning", "learning to learn across many tasks, nothing about exams", "ev", 60),
    ]
    cards = make_cards(analysis([SUPPORT, homework, META], defs), logistics_words=("homework", "exam"))
    assert cards == ()


def test_default_logistics_words_come_from_the_config_folder():
    words = read_logistics_words()
    assert {"homework", "office hours", "patreon", "subscribe"} <= set(words)
    d = Definition("support set", "the sets we post on the slides before office hours", "ev", 1401)
    assert make_cards(analysis([SUPPORT], [d])) == ()


def test_quizgen_config_env_moves_the_config_folder(tmp_path, monkeypatch):
    (tmp_path / "logistics.toml").write_text('words = ["labelled"]\n', encoding="utf-8")
    monkeypatch.setenv("QUIZGEN_CONFIG", str(tmp_path))
    assert read_logistics_words() == ("labelled",)
    assert make_cards(analysis([SUPPORT], [SUPPORT_DEF])) == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("see the Office  Hours page", True),
        ("two midterms this term", True),
        ("I put it on the slides", True),
        ("like and subscribe", True),
        ("thanks for watching, especially to our Subbable subscribers", True),
        ("Patrion supporters, especially my top tier supporters, many special thanks to them", True),  # an outro,
        ("thanks to all my patrons", True),  # whatever the recogniser made of 'Patreon'
        ("for example a support set", False),
        ("the gradient slides downhill", False),
    ],
)
def test_default_logistics_words_match_whole_words_and_plurals(text, expected):
    assert is_logistics(text, read_logistics_words()) is expected


def test_slug():
    assert slug("Support Set") == "support_set"
    assert slug("k-means++") == "k_means"
    assert slug("naïve Bayes") == "naïve_bayes"


def test_a_definition_of_exactly_forty_words_is_kept_whole():
    words = " ".join(f"w{i}" for i in range(32))
    forty = f"a small labelled training set of a task, {words}"
    assert len(forty.split()) == 40
    cards = make_cards(analysis([SUPPORT], [Definition("support set", forty, "ev", 1)]), logistics_words=())
    assert cards[1].back == "A" + forty[1:]  # the limit itself is allowed: no "…"
    assert trim(forty + " w32") == forty + "…"  # one word more is cut back to the forty


def test_trim_cuts_at_a_clause_only_in_the_second_half_of_the_limit():
    # an early comma would leave a back of a few words: 'The labelled examples…'
    text = "the labelled examples, " + " ".join(f"w{i}" for i in range(50))
    cards = make_cards(analysis([SUPPORT], [Definition("support set", text, "ev", 1)]), logistics_words=())
    assert cards[1].back == "The labelled examples, " + " ".join(f"w{i}" for i in range(37)) + "…"
    # with 10 words, clauses ending at word 6 (index 5) or later count; one ending at word 5 does not
    late = " ".join(f"w{i}," if i == 5 else f"w{i}" for i in range(20))
    early = " ".join(f"w{i}," if i == 4 else f"w{i}" for i in range(20))
    assert trim(late, 10) == "w0 w1 w2 w3 w4 w5…"
    assert trim(early, 10) == "w0 w1 w2 w3 w4, w5 w6 w7 w8 w9…"


def test_a_term_with_double_colons_or_braces_makes_one_whole_deletion():
    # '::' inside '{{c1::std::vector}}' would make Anki delete 'std' with the hint 'vector'
    vector = KeyTerm("std::vector", (), 0.5, 10)
    said = Definition("std::vector", "a dynamic array from the standard library", "ev", 11)
    cloze, basic = make_cards(analysis([vector], [said]), logistics_words=())
    assert cloze.front == "A {{c1::std:\u200b:vector}} is a dynamic array from the standard library"
    from quizgen.model import cloze_filled

    assert cloze_filled(cloze.front) == "A std::vector is a dynamic array from the standard library"  # as shown
    # on the answer side of the terminal review and in the study guide
    assert cloze.back == basic.term == "std::vector"
    from quizgen.cards.make import _deletion

    assert _deletion("f}}x") == "{{c1::f}\u200b}x}}"  # '}}' would close the deletion early


def test_near_duplicate_definitions_merge_from_a_token_set_ratio_of_85():
    from rapidfuzz import fuzz
    from rapidfuzz.utils import default_process

    above = Definition("support set", "a small labeled training set of every new task we see", "ev2", 1410)
    below = Definition("support set", "the small labeled training sets of each new task", "ev3", 1420)

    def ratio(d: Definition) -> float:
        return fuzz.token_set_ratio(SUPPORT_DEF.definition, d.definition, processor=default_process)

    assert 85 < ratio(above) < 87 and 84 < ratio(below) < 85  # the pair sits either side of the threshold
    merged = make_cards(analysis([SUPPORT], [SUPPORT_DEF, above]), logistics_words=NO_LOGISTICS)
    assert [c.key for c in merged] == ["support_set:cloze", "support_set:basic"]
    assert merged[1].back == "A small labelled training set of a task"  # the shorter, clearer one
    apart = make_cards(analysis([SUPPORT], [SUPPORT_DEF, below]), logistics_words=NO_LOGISTICS)
    assert [c.key for c in apart if c.kind == "cloze"] == ["support_set:cloze", "support_set:cloze@1420"]


def test_an_is_said_before_a_silent_h():
    broker = KeyTerm("honest broker", (), 0.5, 10)
    said = Definition("honest broker", "a neutral party who mediates between two sides", "ev", 11)
    cards = make_cards(analysis([broker], [said]), logistics_words=())
    assert [c.front for c in cards[:2]] == [
        "An {{c1::honest broker}} is a neutral party who mediates between two sides",
        "What is an honest broker?"]
    from quizgen.cards.make import _indefinite

    silent = ("hourglass", "honest broker", "honor code", "honour roll", "heir")
    assert [_indefinite(t) for t in (*silent, "hash", "house")] == ["an"] * 5 + ["a", "a"]


def test_a_lecture_id_with_spaces_makes_one_lecture_tag():
    lec = Lecture("CS 101  week 3", "Sets", None, "w3.txt", "txt", (Segment(0.0, None, "x"),))
    card = make_cards(analysis([SUPPORT], [SUPPORT_DEF], lec), logistics_words=())[0]
    # Anki splits tags at spaces: 'lecture::CS 101' would be the tags 'lecture::CS' and '101'
    assert card.tags == ("quizgen", "lecture::CS_101_week_3", "term::support_set")
    assert card.lecture_id == "CS 101  week 3"


@pytest.mark.parametrize("said, card", [
    ("Speaking of data shape, skewness is a measure of the tilt of a distribution",
     "Skewness is a measure of the tilt of a distribution"),
    ("If I have to put it in a very simple definition, skewness is the tilt of a distribution",
     "Skewness is the tilt of a distribution"),
    ("A quick note for this talk is that skewness is the tilt of a distribution",
     "Skewness is the tilt of a distribution"),
    ("Speaking of data shape, skewness measures how lopsided a distribution is around its mean",
     "Skewness measures how lopsided a distribution is around its mean"),
    # the term as the example of a wider idea, and what it is
    ("For example, skewness measures how lopsided a distribution is around its mean",
     "Skewness measures how lopsided a distribution is around its mean"),
    # kept whole: an example, a condition on the subject, a frame that names another key term
    ("In this example, the skewness is positive because the long tail runs far to the right of the mean", None),
    ("For example, the skewness of our heights data set is close to zero in the first plot", None),
    ("When the data is bunched to the left, skewness is positive and the tail runs right", None),
    ("In a support set, skewness is rare since the classes are balanced", None),
])
def test_a_card_starts_at_its_term_after_how_the_speaker_frames_it(said, card):
    skew = KeyTerm("skewness", (), 0.9, 10)
    cards = make_cards(analysis([skew, SUPPORT], [Definition("skewness", said, said.lower(), 11)]),
                       logistics_words=NO_LOGISTICS)
    assert cloze_filled(cards[0].front) == (card or said[:1].upper() + said[1:])
    # an example gets its cloze, and no 'What is meant by "skewness"?' that it would answer with one case
    assert [c.kind for c in cards] == (["cloze", "basic"] if card or not said.lower().startswith(("for ex", "in this"))
                                       else ["cloze"])
