"""Quizzes: lenient answer checking, questions that hide their answer, and plausible distractors."""
from __future__ import annotations

import random

import pytest
from study.study_fixtures import make_lecture

from quizgen.study.quiz import (
    BLANK, Question, check_answer, check_choice, make_quiz, normalize, option_index, other_terms,
)


@pytest.mark.parametrize("given", [
    "meta-learning", "Meta-Learning", "meta learning", "metalearning", "META LEARNING ",
    "meta lerning", "meta-learnign", "learning to learn", "Metal Learning",
])
def test_accepts_case_hyphens_typos_and_aliases(given):
    assert check_answer(given, "meta-learning", ("metal learning", "learning to learn"))


@pytest.mark.parametrize("given, term", [
    ("support sets", "support set"), ("priors", "prior"), ("queries", "query"),
    ("likelyhood", "likelihood"), ("piror", "prior"), ("Bayes rule", "Bayes' rule"),
    ("meta parameters θ", "meta-parameters θ"), ("naive bayes", "naïve Bayes"),
])
def test_accepts_plurals_small_typos_and_punctuation(given, term):
    assert check_answer(given, term)


@pytest.mark.parametrize("given, term", [
    ("API", "APIs"), ("bias", "biases"), ("lenses", "lens"), ("classes", "class"), ("statuses", "status"),
    ("matrix", "matrices"), ("vertices", "vertex"), ("indices", "index"), ("basis", "bases"), ("axes", "axis"),
    ("analyses", "analysis"), ("hypotheses", "hypothesis"), ("criteria", "criterion"), ("phenomenon", "phenomena"),
    ("radii", "radius"), ("formulae", "formula"), ("hash-tables", "hash table"), ("rules of thumb", "rule of thumb"),
])
def test_accepts_singular_for_plural_and_back(given, term):
    assert check_answer(given, term) and check_answer(term, given)


@pytest.mark.parametrize("given, term", [
    ("the variance", "variance"), ("a hash table", "hash table"), ("an API", "APIs"), ("The Biases", "bias"),
    ("variance", "the variance"), ("the varience", "variance"),
])
def test_accepts_a_leading_article(given, term):
    assert check_answer(given, term)


@pytest.mark.parametrize("given, term", [
    ("bias", "basis"), ("biases", "basis"), ("bias", "bases"), ("mean", "median"), ("means", "median"),
    ("the", "variance"), ("a", "prior"), ("the mean", "median"),
    ("plasma", "plasmon"), ("comma", "common"), ("opera", "operon"),  # no plural in -a but the named ones
])
def test_plurals_and_articles_do_not_join_different_terms(given, term):
    assert not check_answer(given, term) and not check_answer(term, given)


def test_an_answer_that_names_another_term_is_wrong_even_as_a_plural():
    assert not check_answer("plasma", "plasmon", others=("plasma",))
    assert not check_answer("bases", "basis", others=(t for t in ("bases", "ion")))  # others, read once
    assert not check_answer("APIs", "API key", others=("APIs",))
    assert check_answer("criteria", "criterion") and check_answer("maxima", "maximum")
    assert check_answer("phyla", "phylum") and check_answer("bases", "basis", others=("base",))


@pytest.mark.parametrize("given, term", [
    ("", "prior"), ("query set", "support set"), ("learning", "meta-learning"),
    ("MAB", "MAP"), ("N-wax", "N-way"), ("posterior", "prior"),
])
def test_rejects_other_words_and_typos_in_short_terms(given, term):
    assert not check_answer(given, term)


@pytest.mark.parametrize("given, term", [
    ("sigmoid", "sigmoid function"), ("the Sigmoid", "sigmoid functions"), ("sigmoid function", "sigmoid"),
    ("bisection", "bisection method"), ("softmax", "softmax functions"), ("token jumping", "token jumping rule"),
    ("the independent set problem", "independent set"),
])
def test_a_rare_name_answers_without_the_word_for_its_kind(given, term):
    assert check_answer(given, term)


@pytest.mark.parametrize("given, term, others", [
    ("loss", "loss function", ()), ("wave", "wave function", ()), ("language", "language model", ()),
    ("chain", "chain rule", ()), ("sigmoid", "sigmoid function", ("sigmoid",)), ("sigmoid", "sigmoid layer", ()),
    ("sigmoids", "sigmoid function", ("sigmoid",)),
    ("independent sets", "independent set problem", ("independent set",)),
])
def test_an_everyday_word_or_another_term_is_no_name_for_a_kind(given, term, others):
    assert not check_answer(given, term, others=others)


def test_a_near_miss_closer_to_another_term_is_wrong():
    others = ("unsupervised learning", "semi-supervised learning")
    assert not check_answer("unsupervised learning", "supervised learning", (), others)
    assert not check_answer("unsupervized learning", "supervised learning", (), others)
    assert check_answer("supervized learning", "supervised learning", (), others)
    # nor, without the lecture's other terms, is a word with another beginning a slip: it names the opposite
    assert not check_answer("unsupervised learning", "supervised learning")


@pytest.mark.parametrize("given, term", [
    ("active humoral immunity", "passive humoral immunity"), ("corresponding eigenvector", "corresponding eigenvalue"),
    ("dependent set", "independent set"), ("nonlinear transformation", "linear transformation"),
    ("maximal entropy", "minimal entropy"), ("lower paleolithic transition", "upper paleolithic transition"),
    ("invariance", "variance"), ("post trained model", "pre trained model"), ("maximization", "minimization"),
])
def test_an_opposite_is_no_typo(given, term):
    assert not check_answer(given, term) and not check_answer(term, given)


@pytest.mark.parametrize("given, term", [
    ("suport vector mashine", "support vector machine"), ("metalerning", "meta-learning"),
    ("regularisation", "regularization"), ("eigen vecter", "eigenvector"),
    ("alpha helix", "\u03b1-helix"), ("lambda calculus", "\u03bb-calculus"),  # a Greek letter by its name
])
def test_a_slip_in_each_word_is_forgiven(given, term):
    assert check_answer(given, term)


def test_normalize():
    assert normalize("  Meta-Learners' Priors!") == "meta learner prior"


def test_choice_answers_by_number_letter_or_text():
    q = Question("clue", "prior", ("priors",), ("likelihood", "prior", "posterior", "evidence"), 1, None, "x")
    assert check_choice("2", q) and check_choice("b", q) and check_choice(" B ", q)
    assert check_choice("Priors", q)
    assert not check_choice("1", q) and not check_choice("5", q) and not check_choice("d", q)
    assert not check_choice("posterior", q)
    assert [option_index(a) for a in ("2", " B ", "7", "0", "e", "prior", "")] == [1, 1, 6, -1, 4, None, None]
    # as the options are shown ('4) hash table'), or marked so; a digit no keyboard's digit keys type is none
    assert [option_index(a) for a in ("4)", "(4)", "4.", "d)", "b.", "\u00b2", "\u2460", "ab")] == [
        3, 3, 3, 3, 1, None, None, None]


def test_choice_zero_names_no_option_not_the_last_one():
    # '0' is one below the first option: it must not wrap round to the last, here the answer
    q = Question("clue", "prior", (), ("likelihood", "posterior", "evidence", "prior"), 1, None, "x")
    assert check_choice("4", q) and check_choice("d", q)
    assert not check_choice("0", q) and not check_choice("(0)", q)


def test_quiz_is_reproducible_and_mixes_kinds(built):
    quiz = make_quiz(built, 6, random.Random(7))
    assert quiz == make_quiz(built, 6, random.Random(7))
    assert len(quiz) == 6
    assert len({q.answer for q in quiz}) == 6  # one question per term
    assert sorted(q.kind for q in quiz) == ["choice"] * 3 + ["typed"] * 3
    assert make_quiz(built, 100, random.Random(1))[0].answer  # n larger than the lecture is fine
    assert len(make_quiz(built, 100, random.Random(1))) == 6


def test_the_answer_takes_every_option_position(built):
    # the right answer is shuffled in with the distractors, not always shown as option 1
    positions = [q.options.index(q.answer) for seed in range(10) for q in make_quiz(built, 6, random.Random(seed))
                 if q.options]
    assert len(positions) == 30 and set(positions) == {0, 1, 2, 3}
    assert positions[:6] == [2, 0, 0, 2, 2, 2]


def test_prompts_hide_the_answer_and_its_aliases(built):
    for seed in range(10):
        for q in make_quiz(built, 10, random.Random(seed)):
            assert BLANK in q.prompt or q.prompt
            text = normalize(q.prompt)
            for name in (q.answer, *q.aliases):
                assert f" {normalize(name)} " not in f" {text} ", (q.prompt, name)
            assert q.url and q.url.startswith(built.url) and q.start_second is not None


def test_prompts_blank_terms_with_regex_characters_whole():
    # the term is matched as text: '+', '*' and '(' are no pattern syntax that leaves it, or half of it, visible
    lecture = make_lecture([("C++", (), "C++ adds classes to C"), ("f(x)", (), "the value f(x) takes at x"),
                            ("A* search", (), "A* search expands the node with the least estimated total cost"),
                            ("dropout", (), "randomly zeroing units")])
    prompts = {q.answer: q.prompt for q in make_quiz(lecture, 10, random.Random(0))}
    assert prompts == {"C++": f"{BLANK} adds classes to C", "f(x)": f"the value {BLANK} takes at x",
                       "A* search": f"{BLANK} expands the node with the least estimated total cost",
                       "dropout": "randomly zeroing units"}


def test_prompts_blank_the_longest_name_first():
    # an alias that begins the term ('k-means') must not be blanked first, leaving the term's end visible
    lecture = make_lecture([("k-means clustering", ("k-means",), "k-means clustering splits points into k groups"),
                            ("dropout", (), "randomly zeroing units")])
    prompts = {q.answer: q.prompt for q in make_quiz(lecture, 10, random.Random(0))}
    assert prompts["k-means clustering"] == f"{BLANK} splits points into k groups"


def test_basic_cards_ask_from_the_definition_side():
    from quizgen.export.lecture_json import BuiltLecture
    from quizgen.model import Card

    card = Card("prior:basic", "basic", "What is meant by “prior”?",
                "Knowledge about a task built in before its data, also called priors.", "prior", 5, None, "",
                "l", "L")
    lecture = BuiltLecture("l", "L", None, "", (), (), (card,))
    (q,) = make_quiz(lecture, 1, random.Random(0))
    assert q.prompt == f"Knowledge about a task built in before its data, also called {BLANK}."
    assert q.kind == "typed"  # no other terms to choose from


def test_options_hold_the_answer_once_and_never_an_alias(built):
    # "learning to learn" is an alias of meta-learning and also listed as its own key term
    from dataclasses import replace

    from quizgen.model import KeyTerm
    extra = KeyTerm("learning to learn", (), 0.1, None)
    lecture = replace(built, key_terms=(*built.key_terms, extra))
    seen = 0
    for seed in range(40):
        for q in make_quiz(lecture, 10, random.Random(seed)):
            if not q.options:
                continue
            seen += 1
            assert len(q.options) == 4 and len(set(q.options)) == 4
            assert q.options.count(q.answer) == 1
            answer_names = {normalize(n) for n in (q.answer, *q.aliases)}
            for option in q.options:
                if option != q.answer:
                    assert normalize(option) not in answer_names
                    assert not check_answer(option, q.answer, q.aliases)
    assert seen > 50


SHORT = [("prior", (), "belief before data"), ("kernel", (), "a similarity function"),
         ("dropout", (), "randomly zeroing units"), ("epoch", (), "one pass over the data"),
         ("tensor", (), "an n-dimensional array"), ("margin", (), "distance to the boundary"),
         ("batch", (), "examples processed together")]
LONG = [("maximum a posteriori estimate", (), "the mode of the posterior"),
        ("stochastic gradient descent with momentum", (), "an optimizer"),
        ("expectation maximization algorithm", (), "alternating inference and fitting"),
        ("receiver operating characteristic curve", (), "a plot of true against false positives"),
        ("principal component analysis", (), "projection onto directions of most variance")]


def test_distractors_look_like_the_answer():
    lecture = make_lecture(SHORT + LONG)
    for seed in range(20):
        for q in make_quiz(lecture, 12, random.Random(seed)):
            if q.options:
                words = {len(o.split()) for o in q.options}
                assert words == {1} or min(words) >= 3, q.options


def test_no_option_is_a_term_the_clue_names():
    lecture = make_lecture([("resizing", (), "the table grows, and we call this resizing, or rehashing"),
                            ("rehashing", (), "moving every entry to a new bucket"),
                            ("chaining", (), "a list per bucket"), ("probing", (), "looking for the next free slot"),
                            ("hashing", (), "turning a key into a number"), ("bucket", (), "one slot of the array")])
    seen = 0
    for seed in range(30):
        for q in make_quiz(lecture, 6, random.Random(seed)):
            if q.answer == "resizing" and q.options:
                seen += 1
                assert "rehashing" not in q.options, q  # the clue says they are one thing
    assert seen > 0


def test_a_similarity_function_steers_distractors():
    lecture = make_lecture(SHORT)
    favourites = {"prior": {"kernel", "dropout", "epoch"}}

    def similarity(a: str, b: str) -> float:
        return 1.0 if b in favourites.get(a, ()) else 0.0

    picked = set()
    for seed in range(20):
        for q in make_quiz(lecture, 7, random.Random(seed), similarity):
            if q.answer == "prior" and q.options:
                picked |= set(q.options) - {"prior"}
    assert picked == favourites["prior"]


def test_other_terms(built):
    q = make_quiz(built, 1, random.Random(0))[0]
    others = other_terms(built, q)
    assert q.answer not in others and len(others) == len(built.key_terms) - 1


def test_no_option_is_a_longer_or_shorter_form_of_the_answer():
    lecture = make_lecture([
        ("corresponding eigenvalue", (), "the number a vector of its eigenspace is scaled by"),
        ("eigenvalue", (), "how much an eigenvector is stretched"),
        ("reconfiguration graph", (), "a node for each configuration of the puzzle"),
        ("graph", (), "vertices joined by edges"),
        ("meta training", (), "learning across many tasks"), ("meta train", (), "the tasks learned from"),
        ("determinant", (), "how much a transformation scales area"), ("basis vectors", (), "i-hat and j-hat"),
        ("linear transformation", (), "a map that keeps lines straight"), ("span", (), "all combinations"),
    ])
    pairs = [{"corresponding eigenvalue", "eigenvalue"}, {"reconfiguration graph", "graph"},
             {"meta training", "meta train"}]
    asked = 0
    for seed in range(30):
        for q in make_quiz(lecture, 10, random.Random(seed)):
            asked += bool(q.options)
            for pair in pairs:
                assert not (q.answer in pair and pair <= {q.answer, *q.options}), q  # both would be right
    assert asked > 20


def test_a_quiz_asks_from_each_passage_once_and_of_each_term_once():
    lecture = make_lecture([
        ("variance", (), "variance and standard deviation describe how spread out values are"),
        ("standard deviation", (), "variance and standard deviation describe how spread out values are"),
        ("vaccine", (), "a weakened pathogen given on purpose"),
        ("vaccines", (), "what trains the immune system ahead of an infection"),
        ("mean", (), "the sum divided by the count"), ("median", (), "the middle value"),
    ])
    for seed in range(20):
        answers = {q.answer for q in make_quiz(lecture, 6, random.Random(seed))}
        assert not {"variance", "standard deviation"} <= answers  # one would show the other's answer
        assert len(answers & {"vaccine", "vaccines"}) <= 1


def test_a_basic_card_that_names_its_term_twice_still_asks_from_its_definition():
    from quizgen.export.lecture_json import BuiltLecture
    from quizgen.model import Card

    card = Card("cmr:basic", "basic", "What is meant by “consequentialist moral reasoning”?",
                "Consequentialist moral reasoning. consequentialist moral reasoning locates morality in the "
                "consequences of an act.", "consequentialist moral reasoning", 5, None, "", "l", "L")
    (q,) = make_quiz(BuiltLecture("l", "L", None, "", (), (), (card,)), 1, random.Random(0))
    assert q.prompt == f"{BLANK}. {BLANK} locates morality in the consequences of an act."


def test_the_article_before_the_blank_gives_nothing_away():
    lecture = make_lecture([("outlier", (), "An outlier is an unusually high or low value in the data"),
                            ("histogram", (), "a histogram shows how often each range of values occurs")])
    prompts = {q.answer: q.prompt for q in make_quiz(lecture, 2, random.Random(0))}
    assert prompts["outlier"] == f"A(n) {BLANK} is an unusually high or low value in the data"
    assert prompts["histogram"] == f"a(n) {BLANK} shows how often each range of values occurs"


@pytest.mark.parametrize("given, term, right", [
    ("skewnes", "skewness", True), ("w1 hardnes", "w1 hardness", True),  # a slip before the final s
    ("w2 hardness", "w1 hardness", False), ("W[2]-hardness", "W[1]-hardness", False),  # a number is no slip
    ("layer 3", "layer 2", False), ("3d convolution", "2d convolution", False),
    ("nodes", "notes", False), ("roles", "rules", False), ("cells", "calls", False),  # short words: exact
])
def test_a_slip_is_in_the_letters_not_the_numbers(given, term, right):
    assert check_answer(given, term) is right
