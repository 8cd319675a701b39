"""The language stage on small inputs written for the test, with the real spaCy pipeline and embedder."""
from __future__ import annotations

import re

import pytest

from quizgen.model import Lecture, Segment
from quizgen.nlp.definitions import FEATURES, announces, clean_definition, cue_strength, unmarked_sentence
from quizgen.nlp.normalize import remove_asides, remove_fillers, repair_term, term_key
from quizgen.nlp.pipeline import analyze_lecture, core_key
from quizgen.nlp.units import lecture_text, split_units

ASR = [  # lower case, no punctuation, fillers: what speech recognition gives
    (0.0, "okay so um today we are going to talk about gradient descent which is the workhorse of deep learning"),
    (6.0, "and uh gradient descent means you take a small step against the gradient of the loss function"),
    (12.0, "so the step size is called the learning rate and if the learning rate is too big you overshoot"),
    (18.0, "now you know the learning rate is the most important hyper parameter that you tune"),
    (24.0, "another idea is momentum momentum means you keep a running average of past gradients"),
    (30.0, "so that the gradient descent steps do not zigzag across a narrow valley of the loss function"),
]


def lecture(rows=ASR, url="https://www.youtube.com/watch?v=abcdefghijk") -> Lecture:
    segments = tuple(Segment(start, start + 6, text) for start, text in rows)
    return Lecture("abcdefghijk", "Optimisation", url, "t.vtt", "vtt", segments)


def _key_terms(rows):
    """A lecture's key terms from (second, text) rows, and their term keys."""
    terms = analyze_lecture(lecture(rows)).key_terms
    return terms, [term_key(t.term) for t in terms]


def _parsed(rows):
    """The lecture text of (second, text) rows, its spaCy doc and its units."""
    from quizgen.nlp.models import load_spacy

    lec = lecture(rows)
    text, offsets = lecture_text(lec)
    doc = load_spacy()(text)
    return text, doc, split_units(doc, lec, offsets)


def _candidates(rows):
    return _parsed_candidates(rows)[2]


def _parsed_candidates(rows):
    """The lecture's spaCy doc, its units and its candidates, from one parse."""
    from quizgen.nlp.terms import find_candidates

    _, doc, units = _parsed(rows)
    return doc, units, find_candidates(doc, units)


def _options(rows, term: str):
    """The units of a lecture, and the term's definition options by unit."""
    from quizgen.nlp.definitions import mention_options
    from quizgen.nlp.models import embed
    from quizgen.nlp.pipeline import UnitVectors
    from quizgen.nlp.terms import find_candidates

    _, doc, units = _parsed(rows)
    cand = find_candidates(doc, units)[term_key(term)]
    return units, {o.unit: o for o in mention_options(cand, units, UnitVectors(units), embed([term])[0])}


def _options_saying(rows, term: str, *phrases: str):
    """The term's definition option in the unit that says each of `phrases`."""
    units, options = _options(rows, term)
    return [next(o for o in options.values() if phrase in units[o.unit].text) for phrase in phrases]


@pytest.fixture(scope="module")
def analysis():
    return analyze_lecture(lecture())


def test_term_keys_merge_spelling_variants():
    assert term_key("Meta-Learning") == term_key("meta learning") == term_key("metalearnings")
    assert term_key("support sets") == term_key("Support Set")
    assert term_key("semi-supervised learning") != term_key("supervised learning")
    assert term_key("matrices") == term_key("matrix") and term_key("vertices") == term_key("vertex")
    assert term_key("vertex") != term_key("vector")


def test_a_generic_noun_that_opens_a_term_is_kept_in_its_core():
    from quizgen.config import config_words

    edges = config_words("stop_terms", "edge_words")
    assert "task" in edges and "task" in config_words("stop_terms", "modifier_words")
    assert core_key("task distribution", edges) != core_key("normal distribution", edges)
    assert core_key("task distribution problem", edges) == term_key("task distribution")


def test_core_key_strips_generic_edges_but_keeps_the_term():
    edges = frozenset({"problem", "standard", "algorithm"})
    assert core_key("standard supervised learning problem", edges) == term_key("supervised learning")
    assert core_key("unlabeled data", edges) == term_key("unlabeled data")


def test_glossary_repairs_a_garbled_term():
    assert repair_term("metal learning") == "meta-learning"
    assert repair_term("gradient descent") == "gradient descent"


@pytest.mark.parametrize("said,cleaned", [
    ("so uh the the learning rate you know is um small", "so the learning rate is small"),
    ("many, many, many problems are very, very hard", "many problems are very hard"),
    ("red, green, blue", "red, green, blue"),
    ("This- this form helps to optimi- optimize multi- and single-task models",
     "this form helps to optimize multi- and single-task models"),
    ("we- we have th- the word for it- caesaropapism", "we have the word for it- caesaropapism"),  # a dash stays
    ("the vector 1, 1 stays, however odd you find it, it is", "the vector 1, 1 stays, however odd you find it, it is"),
    # a number said twice is a value, and some words are doubled on purpose (config/fillers.toml)
    ("the the vector 1 1 on a log log plot", "the vector 1 1 on a log log plot"),
    # a filler said as a clause's own subject and verb stays: cut, the wording would lose its sense
    ("what matters is that you know how to think about matrices",
     "what matters is that you know how to think about matrices"),
    ("by pseudo labeling i mean assigning labels", "by pseudo labeling i mean assigning labels"),
    ("I mean, what makes people differ", "what makes people differ"),
    # a noun said again where a sentence starts is no stutter: merged, the wording would say what was not said
    ("different from ignorance ignorance is a lack of knowledge",
     "different from ignorance ignorance is a lack of knowledge"),
    ("a psycho technology okay so technology means the use of a tool",
     "a psycho technology technology means the use of a tool"),
    ("used to good effect in recent recent work", "used to good effect in recent work"),  # the phrase goes on
    ("on unlabeled data it's it's it's a nice coupling", "on unlabeled data it's a nice coupling"),
    # a filler set off by commas goes with them; a comma a caption wrote apart joins its word
    ("we can, uh, effectively learn parameters", "we can effectively learn parameters"),
    ("So , um, particularly the big decision", "So particularly the big decision"),
    ("So , particularly the big decision", "So, particularly the big decision"),
    ("We call- I call this the meta-train dataset", "I call this the meta-train dataset"),  # a restart
])
def test_fillers_and_stutters_are_cut(said, cleaned):
    assert remove_fillers(said) == cleaned


@pytest.mark.parametrize("said, cleaned", [
    # set off inside a clause: the aside and both its commas go, a row of asides with them
    ("A set of basis vectors which are also eigenvectors is called, again, reasonably enough, an eigenbasis.",
     "A set of basis vectors which are also eigenvectors is called an eigenbasis."),
    ("Your humoral immunity -- which you might not have heard of before -- works by dispatching proteins",
     "Your humoral immunity works by dispatching proteins"),
    ("The mean, as you may know, is the average", "The mean is the average"),
    ("Percentiles, on the other hand, refer to the position of values", "Percentiles refer to the position of values"),
    # between an opening clause and the main one, one comma stays; at a sentence's end, the full stop does
    ("When the data is skewed, of course, the mean moves toward the tail.",
     "When the data is skewed, the mean moves toward the tail."),
    ("The mean is the average, of course. It moves with the tail.", "The mean is the average. It moves with the tail."),
    # opening the wording
    ("In any case, antigens are large signalling molecules", "antigens are large signalling molecules"),
    ("However, the mean is the average", "the mean is the average"),
    # said as part of the sentence, not set off: kept
    ("We do it again, and again, it works", "We do it again, and again, it works"),
    ("Of course the mean is the average", "Of course the mean is the average"),
    ("we say that again and again", "we say that again and again"),
    # a turn of the argument between two clauses, or an example set off, carries the meaning
    ("The price rises, however, demand falls", "The price rises, however, demand falls"),
    ("Work is force times distance, for example, lifting a box.",
     "Work is force times distance, for example, lifting a box."),
    # what the lecture's own example makes of it, set off after a general statement
    ("A histogram shows how often values occur in each bin, or in our case, a height range.",
     "A histogram shows how often values occur in each bin."),
    ("Take the vectors you want as a new basis, which in this case means our two eigenvectors, then make a matrix",
     "Take the vectors you want as a new basis, then make a matrix"),
    ("In this case, the mean is 5", "In this case, the mean is 5"),
    # but not what names a thing, nor what the clause after it needs
    ("The gap between each point and the line, which in this case is called the residual, tells us how far off",
     "The gap between each point and the line, which in this case is called the residual, tells us how far off"),
    ("If p is small, or in that case we call the result significant.",
     "If p is small, or in that case we call the result significant."),
    ("The line, which in this case is our data, tells us a lot.",
     "The line, which in this case is our data, tells us a lot."),
    # a sentence opening with a phrase of place keeps no comma between its subject and verb
    ("In economics a monopoly, of course, is a single seller", "In economics a monopoly is a single seller"),
])
def test_asides_to_the_listener_are_cut_where_set_off(said, cleaned):
    assert remove_asides(said) == cleaned


def test_a_term_that_opens_its_clause_as_the_subject_of_a_verb_says_what_it_does():
    assert cue_strength("philosophy estranges us from the familiar", "philosophy")[0] >= 2
    assert cue_strength("standard deviation shows how spread out the data points are", "standard deviation")[0] >= 2
    assert cue_strength("a histogram shows how often values occur in each bin", "histogram")[0] >= 2  # 'a' too
    assert cue_strength("so generative ai is related to generating new data", "generative ai")[0] >= 2
    assert cue_strength("the attention heads of the model are averaged", "attention")[0] == 0  # a plural noun
    assert cue_strength("the data points in the set", "data")[0] == 0


def test_a_term_said_to_be_itself_is_not_defined():
    assert cue_strength("the systematic use of a tool which is a tool right here", "tool")[0] == 0
    assert cue_strength("a tool is a thing you use to do work", "tool")[0] >= 2
    said_twice = "a tool which is a tool right here so a tool is a thing you use"  # the other saying still counts
    assert cue_strength(said_twice, "tool")[0] >= 2
    asked = "so you might ask what a kernel is a kernel is a function that measures similarity"  # asked, answered
    assert cue_strength(asked, "kernel")[0] >= 2


def test_a_restarted_name_is_not_a_longer_phrase():
    rows = [(0.0, "a second way of thinking about moral reasoning categorical moral reasoning locates morality "
                  "in certain absolute moral requirements")]
    units, options = _options(rows, "categorical moral reasoning")
    assert options and all(dict(zip(FEATURES, o.features))["modified"] == 0.0 for o in options.values())


def test_cues_find_spoken_definitions():
    assert cue_strength("gradient descent means you take a small step", "gradient descent")[0] >= 3
    strength, before = cue_strength("and we call this the learning rate", "learning rate")
    assert strength >= 3 and before
    assert cue_strength("the learning rate was fine yesterday", "momentum") == (0.0, False)
    assert cue_strength("what he meant by utility was pleasure over pain", "utility")[0] >= 3
    assert cue_strength("is utilitarianism, a doctrine invented by jeremy bentham", "utilitarianism")[0] >= 2
    appositive = "we focus on descriptive statistics, methods that summarize data"
    assert cue_strength(appositive, "descriptive statistics")[0] >= 2
    contracted = "if we're doing supervised learning what we're really doing"
    assert cue_strength(contracted, "supervised learning")[0] >= 2
    assert cue_strength("and that's what we call a support set", "support set") == (3.0, True)
    assert cue_strength("the name of this evasion is skepticism", "skepticism") == (3.0, True)
    assert cue_strength("this idea is referred to in the literature as self training", "self training")[1]
    assert cue_strength("utilitarianism is often summed up with a slogan", "utilitarianism")[0] >= 2
    assert cue_strength("so we define entropy as the expected surprise", "entropy")[0] >= 3
    assert cue_strength("osmosis is the word for water moving across a membrane", "osmosis")[0] >= 3
    # a term given a longer name that ends in it is not defined there: the longer name is
    renamed = "the price is called the equilibrium price, and the quantity is called the equilibrium quantity"
    assert cue_strength(renamed, "quantity")[0] == 0 and cue_strength(renamed, "equilibrium quantity")[0] >= 3
    assert cue_strength("the support set is called the training set", "support set")[0] >= 2  # restated
    assert cue_strength("they even have a word for it- caesaropapism: caesar over pope", "caesaropapism") == (3.0, True)
    assert cue_strength("there's a name for this: regression to the mean", "regression to the mean")[0] >= 3
    assert cue_strength("a word for it was coined by caesar", "caesar")[0] < 3  # what follows names nothing
    assert cue_strength("by gender, we mean the social meanings given to sex", "gender")[0] >= 3
    assert cue_strength("we call that line the terminator.", "terminator") == (3.0, True)  # what 'that line' was
    assert cue_strength("the first category is a slip.", "slip")[0] >= 3  # one kind, named as the lecture sorts
    assert cue_strength("one kind of error is a mistake", "mistake")[0] >= 3
    assert cue_strength("this kind of error is common", "error")[0] < 3
    assert cue_strength("so what dropout does is switch off random units", "dropout")[0] >= 2
    assert cue_strength("what shamanism is, is a set of practices", "shamanism")[0] >= 2
    assert cue_strength("what shamanism is is it's a set of practices", "shamanism")[0] >= 2
    # another name after a comma that ends the sentence; not the last item of a list, nor a question
    other_name = "most of these clones become active fighters, or effector cells."
    assert cue_strength(other_name, "effector cells") == (3.0, True)
    assert cue_strength("it has an inner visceral layer, or epicardium", "epicardium") == (3.0, True)
    # ... or where the sentence goes on about it
    outer = "the tough outer layer, or fibrous pericardium, is made of dense connective tissue"
    assert cue_strength(outer, "fibrous pericardium") == (3.0, True)
    assert cue_strength("a visceral layer, or epicardium -- part of the wall", "epicardium") == (3.0, True)
    assert cue_strength("the tough outer layer, or fibrous pericardium, and the rest", "fibrous pericardium")[0] == 0
    assert cue_strength("it divides by mitosis, meiosis, or fission.", "fission")[0] == 0
    assert cue_strength("is it a slip, or a mistake?", "mistake")[0] == 0
    # a noun or two after 'this' and a comma: what is named; without the comma the words are the name's own
    named = "we call this whole graph, the reconfiguration graph or the state space"
    assert cue_strength(named, "reconfiguration graph") == (3.0, True)
    assert cue_strength("we call that a positive skew.", "skew")[0] == 0
    assert cue_strength("this number inside the neuron is called its activation", "activation") == (3.0, True)
    # a long description named at the end of its sentence; not what a question puts, nor a role
    long_named = "the distance at which these two atoms reach their minimum energy is the bond length."
    assert cue_strength(long_named, "bond length") == (2.0, True)
    assert cue_strength("what we're trying to solve for is the acceleration.", "acceleration")[0] < 2
    assert cue_strength("then tell me how you would rule if you are the jury.", "jury")[0] < 2
    # the term said again in other words between commas as its sentence opens; not a list of terms
    assert cue_strength("the terminator, the day/night line, appears curved", "terminator")[0] >= 2
    assert cue_strength("the mean, the median value, and the mode", "mean")[0] == 0
    assert cue_strength("the other rule is basically token sliding.", "token sliding")[0] >= 3  # counted, named
    assert cue_strength("as the name suggests neural networks are inspired by the brain", "neural networks")[0] >= 2
    assert cue_strength("what a shaman is typically doing is trying to disrupt", "shaman")[0] >= 2
    # a kind of thing said in the plural, as what it is; not an opinion of it
    assert cue_strength("antigens are large signalling molecules not found in the body", "antigens")[0] >= 2
    assert cue_strength("antibodies are so important for us", "antibodies")[0] < 2
    # what saying the term amounts to, after a comma; not 'meaning' as a noun, which the term has no comma before
    flipped = "you could have an eigenvector with eigenvalue negative 1 half, meaning that the vector gets flipped"
    assert cue_strength(flipped, "eigenvalue")[0] >= 2
    assert cue_strength("we cultivate wisdom for meaning in life", "wisdom")[0] < 2
    assert cue_strength("the meaning crisis, meaning of life", "meaning crisis")[0] < 2
    # a case made up, then named where the sentence ends; not an opinion of a case, nor the term said mid-sentence
    made_up = "so, if i go to reach for one button and press another, just by a motor error, that would be a slip."
    assert cue_strength(made_up, "slip") == (2.0, True)
    assert cue_strength("but i was wrong in my belief, that would be a mistake.", "mistake") == (2.0, True)
    assert cue_strength("if you skip the homework that would be a mistake because", "mistake")[0] == 0
    assert cue_strength("well, that would be a mistake to make.", "mistake")[0] == 0
    # a name given for what was just said
    hence = "it makes sense to call this the beginning of the cycle, hence the term \u201cnew moon\u201d."
    assert cue_strength(hence, "new moon") == (3.0, True)
    assert cue_strength("that's where the name new moon comes from", "new moon") == (3.0, True)
    # how the term comes about, between commas; the term as what meets a need just told (a comma after 'for this')
    formed = "polar covalent bonds, formed by the uneven sharing of electrons between two non-metals;"
    assert cue_strength(formed, "polar covalent bonds")[0] >= 2
    assert cue_strength("for this, computer scientists use data structures!", "data structures") == (2.0, True)
    assert cue_strength("training for this network uses a dataset of datasets", "dataset")[0] == 0
    # how the term works; another word for it
    assert cue_strength("pseudo labeling works by training on its own predictions", "pseudo labeling")[0] >= 2
    assert cue_strength("another word for the support set is the training set", "support set")[0] >= 3
    assert cue_strength("we need another word for the support set", "support set")[0] == 0
    famous = "as you will all guess, this is the famous independent set problem."
    assert cue_strength(famous, "independent set") == (2.0, True)  # what was just described, named
    doctrine = "one of the most influential versions of moral theory and that's the philosophy of utilitarianism."
    assert cue_strength(doctrine, "utilitarianism") == (2.0, True)  # the idea just described, named as an idea
    assert cue_strength("that's the idea of this mean teacher approach", "mean teacher")[0] == 0  # it goes on
    # a plural term's verb agrees with it; a turn of the argument between the term and its verb
    aside = "percentiles, on the other hand, refer to the position of values within a data set."
    assert cue_strength(aside, "percentiles") == (3.0, False)
    assert cue_strength("the ventricles, meanwhile, are the discharging chambers", "ventricles")[0] >= 2
    assert cue_strength("divided by the sample mean", "sample")[0] == 0  # 'sample mean' is a noun
    # the term glossed after an 'or'; not two things named side by side
    gloss = "developing both immunocompetence -- or how to recognize and bind to a particular antigen"
    assert cue_strength(gloss, "immunocompetence")[0] >= 2
    assert cue_strength("self-tolerance, or knowing how to not attack your own cells.", "self-tolerance")[0] >= 2
    assert cue_strength("is it immunocompetence, or the antigen?", "immunocompetence")[0] == 0
    # the term placed under a wider idea; not a likeness
    assert cue_strength("transfer learning can be viewed as a type of meta learning", "transfer learning")[0] >= 2
    assert cue_strength("a neuron can be thought of as a kind of function", "neuron")[0] >= 2
    assert cue_strength("a neuron can be thought of as a light bulb", "neuron")[0] < 2
    # naming by a field's people, or with an adverb: 'what economists call', 'we just call them'
    economists = "the information that markets generate is what economists call price signals."
    assert cue_strength(economists, "price signals") == (3.0, True)
    assert cue_strength("so we just call them newtons.", "newtons") == (3.0, True)
    assert cue_strength("what psychologists call working memory", "working memory") == (3.0, True)
    assert cue_strength("that economy is what the market prices", "market")[0] == 0
    # a court case named as it is introduced; 'in the case of X' only speaks of X
    case = "a real-life story, the case of the queen versus dudley and stephens."
    assert cue_strength(case, "queen versus dudley and stephens")[0] >= 3
    assert cue_strength("in the case of the lungs, oxygen moves in", "lungs")[0] == 0
    two_ways = "variance and standard deviation are the two most common ways to describe how spread out values are"
    assert cue_strength(two_ways, "variance")[0] >= 2
    likeness = "the concept of the duty of good faith, like the concept of fiduciary duty is a stab at the terms"
    assert cue_strength(likeness, "fiduciary duty")[0] == 0  # a likeness, no definition
    # naming in the future tense, contracted or not, of a pronoun or after a relative word
    assert cue_strength("and we're going to call this the support set", "support set") == (3.0, True)
    assert cue_strength("which we'll call the kernel", "kernel") == (3.0, True)
    assert cue_strength("i'm gonna refer to this as black box adaptation", "black box adaptation") == (3.0, True)
    assert cue_strength("we can just call it momentum", "momentum") == (3.0, True)
    # what is run or referred to is not named: 'call the api', and 'call the rest of the graph H' names H
    assert cue_strength("now we'll call the api with our key", "api")[0] < 3
    assert cue_strength("i'm going to refer to the paper by smith", "paper")[0] < 3
    assert cue_strength("we're going to call the rest of the graph h", "rest")[0] < 3
    assert cue_strength("a tensor is nothing but an array with more axes", "tensor")[0] >= 2
    assert cue_strength("in this way, atoms are a lot like us", "atoms")[0] < 2  # a likeness, no definition
    # 'its X' is one thing's own X; a lecture's 'your X' is anyone's
    assert cue_strength("its activation is a high number", "activation")[0] < 2
    assert cue_strength("you shuffle it into your short-term memory, where you encode it through rehearsal",
                        "short-term memory")[0] >= 2
    assert cue_strength("the variance is calculated as the mean squared distance", "variance")[0] >= 2
    # what a term represents or measures, said in a relative clause, or what it shows or splits
    assert cue_strength("we can find the median, which represents the middle value", "median")[0] >= 2
    # '..., which is not surprising' judges what was said of X; it says nothing of what X is
    assert cue_strength("many problems are pspace complete, which is not surprising", "pspace complete")[0] == 0
    assert cue_strength("the kernel, which is very small here", "kernel")[0] == 0
    assert cue_strength("percentiles, which represent the rank position of a value", "percentiles")[0] >= 2
    assert cue_strength("a histogram shows how often values occur in each bin", "histogram")[0] >= 1
    assert cue_strength("quartiles split the data into four equal parts", "quartiles")[0] >= 1
    assert cue_strength("we plotted the histogram", "histogram")[0] == 0
    named_aside = ("a set of basis vectors which are also eigenvectors is called, again, reasonably enough, "
                   "an eigenbasis")
    assert cue_strength(named_aside, "eigenbasis") == (3.0, True)
    listed = "you need things like determinants, linear systems of equations, and change of basis"
    assert cue_strength(listed, "determinants")[0] < 2  # a list, not an appositive
    assert cue_strength("eigenvalues is one of those topics students find hard", "eigenvalues")[0] < 2
    among = "analyst recommendation is one of the common things in a report"
    assert cue_strength(among, "analyst recommendation")[0] < 2
    named = "there is a characteristic evasion, the name of the evasion is skepticism."
    assert cue_strength(named, "evasion")[0] < 2 and cue_strength(named, "skepticism")[0] >= 3
    assert cue_strength("the fourth crew member was the cabin boy", "crew member")[0] < 2  # narration
    aside = "when a function is called, the stack frame is pushed onto the call stack"
    assert cue_strength(aside, "stack frame")[0] < 3  # 'is called,' then a new clause: no naming
    # a value, not a meaning
    assert cue_strength("when lambda equals one the matrix squishes space", "lambda")[0] < 2
    # 'that is' as 'i.e.' against a relative clause, on speech without commas
    assert cue_strength("acquiring these priors that is can we learn how to learn", "priors")[0] >= 2
    assert cue_strength("the prior, that is, what we believed before", "prior")[0] >= 2
    assert cue_strength("the insight that is needed here is rare", "insight")[0] < 2
    assert cue_strength("and therapy that is why they matter", "therapy")[0] < 2
    assert cue_strength("a meaning crisis which is being discussed in academia", "meaning crisis")[0] < 2
    assert cue_strength("a meaning crisis which is a loss of sense", "meaning crisis")[0] >= 2
    # what is said of someone's own X tells of that one X ('their apis where you can ...'); naming still holds
    own = "we integrated it with the system through their apis where you can pull the leaves"
    assert cue_strength(own, "apis")[0] == 0.0
    assert cue_strength("our sample, where most students are", "sample")[0] == 0.0
    assert cue_strength("each neuron is lit up when its activation is a high number", "activation")[0] == 0.0
    assert cue_strength("an api where one program asks another for data", "api")[0] >= 2
    assert cue_strength("the activation is a number between zero and one", "activation")[0] >= 2
    # 'the ... of X is' is about what comes before 'of', unless that is the definition or idea of X
    kant = "the most important philosopher of categorical moral reasoning is the german philosopher kant"
    assert cue_strength(kant, "categorical moral reasoning")[0] == 0.0
    assert cue_strength("the definition of entropy is the expected surprise", "entropy")[0] >= 2
    # 'X, which is like four hundred ...' gives a quantity, not what X is
    assert cue_strength("label data points which is like four hundred labels per class", "label data")[0] == 0.0
    assert cue_strength("the batch size which is 32 here", "batch size")[0] == 0.0
    assert cue_strength("the learning rate which is one of the knobs you tune", "learning rate")[0] >= 2
    # what someone means when they say X
    assert cue_strength("if someone says support they mean the inner training set", "support")[0] >= 2
    said = "if someone says i have a five-way classification problem they're referring to the number of classes"
    assert cue_strength(said, "five-way classification")[0] >= 2
    # 'X is called Y' names Y; of X it only says that X is also Y
    named = "hegel's basic philosophy book is called the logic"
    assert cue_strength(named, "philosophy book")[0] < 3 <= cue_strength(named, "logic")[0]
    assert cue_strength("entropy is defined as the expected surprise", "entropy")[0] >= 3
    inside = "this number inside the neuron is called its activation"  # names what is in the neuron
    assert cue_strength(inside, "neuron")[0] == 0.0 and cue_strength("the neuron is called a unit", "neuron")[0] >= 2
    # nor is 'the ... of the X is', 'a thing about X is', 'in that X is': X is no subject there
    yellow = "which means that the neighborhood of the yellow vertex is an independent set"
    assert cue_strength(yellow, "yellow vertex")[0] == 0.0
    assert cue_strength("a very useful thing about pspace is that it equals npspace", "pspace")[0] == 0.0
    assert cue_strength("what is useful in that reduction is the graph it builds", "reduction")[0] == 0.0
    assert cue_strength("in summary, pspace is the class of problems solved in polynomial space", "pspace")[0] >= 2
    assert cue_strength("so a reduction is a way to turn one problem into another", "reduction")[0] >= 2
    # narration, not what the term is
    assert cue_strength("the trolley car is hurdling down the track", "trolley car")[0] == 0.0
    assert cue_strength("the trolley car is about to careen into the five", "trolley car")[0] == 0.0
    assert cue_strength("utilitarianism is about maximizing happiness", "utilitarianism")[0] >= 2


def test_clean_definition_is_short_and_capitalised():
    text = clean_definition("uh momentum means you keep a running average of past gradients " + "and more " * 30)
    assert text.startswith("Momentum means you keep a running average")
    assert len(text.split()) <= 40
    # a wording cut short does not end on a word that leads on, but a pronoun 'that' may end one
    cut = clean_definition("the probabilistic view extracts prior information from a set of meta training tasks that")
    assert cut == "The probabilistic view extracts prior information from a set of meta training tasks"
    assert clean_definition("a neuron holds a number and it is no more than that").endswith("no more than that")
    assert clean_definition("a loss function tells you how bad your model is").endswith("how bad your model is")
    assert clean_definition("a histogram shows what your data looks like").endswith("looks like")
    # a wording cut inside its sentence says so; one cut at a sentence's end does not, and a sentence that ends a
    # few words past the limit is kept whole rather than cut just short of its end
    long = ("If I have to put it in a very simple definition, agentic AI is an AI system that can make decisions and "
            "take actions on its own to achieve a goal without being told exactly what to do at every step")
    assert clean_definition(long + ".").endswith("what to do at every step.")
    longer = long + " or at any point of the plan that it goes on to make for itself when it is given a goal."
    forty = " ".join(f"w{i}" for i in range(39)) + " end."  # a sentence of exactly forty words stops there
    assert clean_definition(forty + " Then another sentence follows it.") == "W0" + forty[2:]
    assert clean_definition(longer).endswith("what to do at every\u2026")
    two = "Agentic AI acts on its own. " + "It plans, acts and checks what it did before it goes on again. " * 4
    assert clean_definition(two).endswith("before it goes on again.")
    # speech's contractions are written out on a card
    assert clean_definition("theta is gonna hold whatever we wanna know about the tasks") == \
        "Theta is going to hold whatever we want to know about the tasks"
    # every word that only leads in goes, however many ('uh, and so what ...')
    assert clean_definition("uh, and so what we are going to do is compile the data") == \
        "What we are going to do is compile the data"

    # captions that keep capitals but drop full stops: the definition is the sentence that holds the term
    text = "a neuron holds a number between 0 and 1 Well the task goes on"
    first = unmarked_sentence(text, 0, len(text), 2)
    assert text[slice(*first)] == "a neuron holds a number between 0 and 1 "
    text = "let me draw the loss surface And gradient descent means a small step downhill"
    at = text.index("gradient")
    holding = unmarked_sentence(text, 0, len(text), at)
    assert text[slice(*holding)] == "And gradient descent means a small step downhill"
    text = "neural networks are inspired by the brain What are the neurons and how are they linked?"
    assert text[slice(*unmarked_sentence(text, 0, len(text), 0))] == "neural networks are inspired by the brain "
    # a card cut from 'when we say X we mean ...' says what X means
    from quizgen.nlp.definitions import _said_to_mean
    assert _said_to_mean("Meta training we mean the whole set of tasks", "meta training") \
        == "Meta training means the whole set of tasks"
    assert _said_to_mean("Overfitting, i mean that the model memorizes", "overfitting") \
        == "Overfitting means the model memorizes"
    assert _said_to_mean("Overfitting is what we mean by memorizing", "overfitting") \
        == "Overfitting is what we mean by memorizing"
    assert _said_to_mean("Quarry they're referring to the inner test set", "quarry") \
        == "Quarry refers to the inner test set"  # 'when someone says quarry, they're referring to ...'
    assert _said_to_mean("Quarry they're taking to the test", "quarry") == "Quarry they're taking to the test"
    # the rest put off to what comes next, where the wording ends
    put_off = "a neural network is a function of many neurons, but let's break that down"
    assert clean_definition(put_off) == "A neural network is a function of many neurons"


def test_a_card_wording_drops_how_the_speaker_leads_into_it():
    formal = "Formally, statistics is a branch of mathematics"
    assert clean_definition(formal) == "Statistics is a branch of mathematics"
    assert clean_definition("So, basically, entropy is the average surprise of an outcome") \
        == "Entropy is the average surprise of an outcome"
    example = "For example, quartiles split the data into four equal parts"
    assert clean_definition(example) == example  # an example says what it is one of
    assert clean_definition("Well, entropy is hard.") == "Well, entropy is hard."  # too little would be left
    assert clean_definition("Like, recall is how you bring up information you learned") \
        == "Recall is how you bring up information you learned"
    assert clean_definition("And relearning is like refreshing old information.") \
        == "Relearning is like refreshing old information."  # an 'and' with no comma leads in too
    assert clean_definition("then the way you condition on the task is multiplicative gating") \
        == "The way you condition on the task is multiplicative gating"  # speech says 'then' with no comma
    assert clean_definition("plus the first term is referred to as the likelihood") \
        == "The first term is referred to as the likelihood"
    # its subject said twice opens it once; a repeat further on may be two unpunctuated sentences
    assert clean_definition("a price ceiling a price ceiling is a legal maximum price") == \
        "A price ceiling is a legal maximum price"
    assert clean_definition("So, a price ceiling a price ceiling is a legal maximum price") == \
        "A price ceiling is a legal maximum price"
    recall = "Recall, on the other hand, is the share of positives the model finds"
    assert clean_definition(recall) == "Recall is the share of positives the model finds"  # a term, not a lead-in
    two = "this is the meta learning problem the meta learning problem is to pull out theta"
    assert clean_definition(two) == two[:1].upper() + two[1:]


def test_unpunctuated_wording_stops_where_the_speaker_moves_on():
    spoken = "phi denotes the parameters of your model so if you train a deep network phi refers to the weights"
    assert clean_definition(spoken) == "Phi denotes the parameters of your model"
    purpose = "dropout is used during training so that the network does not overfit to the training data"
    assert clean_definition(purpose) == purpose[:1].upper() + purpose[1:]
    short = "phi so if you train a deep network phi refers to the weights"  # too little before 'so' to stop
    assert clean_definition(short).endswith("weights")
    for whole in ("the cross entropy loss is another name for the negative log likelihood",
                  "a markov chain moves from one state to another with fixed probabilities",
                  "a support vector machine is a classifier that uses the so called kernel trick",
                  "overfitting is when the model fits the training data so well that it fails on new data",
                  "photosynthesis turns light into chemical energy right now we know how it works"):
        assert clean_definition(whole).lower() == whole  # no place where the speaker moves on
    decimal = "the rate is set to 0.01 so if you double it the loss explodes"  # '0.01' is no full stop
    assert clean_definition(decimal) == "The rate is set to 0.01"
    written = "Phi denotes the parameters, so if you train a network, phi refers to the weights."
    assert clean_definition(written).endswith("weights.")  # punctuated text is cut at its own commas


def test_units_are_clause_sized_and_keep_their_second():
    from quizgen.nlp.models import load_spacy

    lec = lecture()
    text, offsets = lecture_text(lec)
    doc = load_spacy()(text)
    units = split_units(doc, lec, offsets)
    assert len(units) >= 4  # about 100 words of speech
    assert all(u.tok_end - u.tok_start <= 45 for u in units)
    for unit in units:
        segment = max(i for i, off in enumerate(offsets) if off <= unit.char_start)
        assert unit.second == int(ASR[segment][0])
        assert text[unit.char_start:unit.char_end] == unit.text


def test_key_terms_and_definitions_on_unpunctuated_speech(analysis):
    terms = [t.term.lower() for t in analysis.key_terms]
    assert "gradient descent" in terms and "learning rate" in terms and "momentum" in terms
    by_term = {d.term.lower(): d for d in analysis.definitions}
    assert by_term["gradient descent"].start_second in (0, 6)
    assert "small step against the gradient" in by_term["gradient descent"].evidence
    joined = " ".join(seg.text for seg in lecture().segments)
    assert all(d.evidence in joined for d in analysis.definitions)  # verbatim, findable by string search
    assert all(len(d.definition.split()) <= 40 for d in analysis.definitions)
    # where the wording runs past the few words of evidence, its passage holds the transcript words it came from
    runs_on = [d for d in analysis.definitions if d.passage]
    assert runs_on and all(d.passage in joined and d.evidence.strip() in d.passage for d in runs_on)
    assert all(_content(d.definition) <= _content(d.passage) for d in runs_on), [
        (d.definition, d.passage) for d in runs_on]
    # and stops where the wording or the evidence does, not where the transcript words it was cut from end
    def last(text: str) -> list[str]:
        return re.findall(r"\w+", text.lower())[-2:]

    assert all(last(d.passage) in (last(d.definition), last(d.evidence)) for d in runs_on), [
        (d.definition, d.passage) for d in runs_on]


def test_a_passage_ends_where_the_cards_wording_does():
    from quizgen.nlp.definitions import _said_through

    text = "so the training set is what the model needs to read in but then needs to be trained on a test set"
    start = text.index("the training")
    end = _said_through(text, start, len(text), "The training set is what the model needs to read in")
    assert text[start:end] == "the training set is what the model needs to read in"
    # where its last words are said twice, the place nearest its length; the whole span where they are not said
    twice = "we read in the data and then we read in the labels"
    assert _said_through(twice, 0, len(twice), "We read in the data and then we read in") == twice.rindex(" the")
    assert _said_through(twice, 0, len(twice), "We read in") == len("we read in")
    assert _said_through(text, start, len(text), "The training set is what it reads") == len(text)


def _content(text: str) -> set[str]:
    return set(re.findall(r"[a-z]{4,}", text.lower()))


def test_an_acronym_and_its_expansion_are_one_term():
    rows = [
        (0.0, "so today we look at the large language model which is a network trained to predict words"),
        (6.0, "a large language model or llm reads a prompt and writes text one token at a time"),
        (12.0, "the llm has no memory of its own so we give the llm tools and a vector database"),
        (18.0, "when the llm calls a tool the tool result goes back into the prompt of the llm"),
        (24.0, "retrieval means the vector database returns the passages closest to the question"),
    ]
    terms, keys = _key_terms(rows)
    assert term_key("large language model") in keys and "llm" not in keys
    merged = next(t for t in terms if term_key(t.term) == term_key("large language model"))
    assert "llm" in merged.aliases


def test_acronyms_keep_their_capitals_where_the_transcript_has_them():
    rows = [
        (0.0, "Today we build an agent on top of an LLM. The LLM reads a prompt and writes text."),
        (6.0, "The agent calls tools through an MCP server. An MCP server exposes tools to the LLM."),
        (12.0, "Each tool is a small program, and the MCP server passes its result back to the LLM."),
    ]
    analysis = analyze_lecture(lecture(rows))
    terms = {t.term for t in analysis.key_terms}
    assert "LLM" in terms and "MCP server" in terms
    assert {d.term for d in analysis.definitions} <= terms


def test_a_naming_verb_is_not_part_of_the_term():
    said = "so people built agentic systems and this is what is called agentic ai in the industry"
    keys = set(_candidates([(0.0, said)]))
    assert term_key("agentic ai") in keys
    assert not any(k.startswith(("called", "built")) for k in keys)
    named = set(_candidates([(0.0, "they bind many antigens at once in a process called agglutination")]))
    assert term_key("agglutination") in named and not any("called" in k for k in named)


def test_a_question_about_a_term_is_answered_by_the_next_sentence():
    rows = [
        (0.0, "Today we look at hash tables. A hash table stores keys in buckets."),
        (8.0, "So what is a collision? Two keys land in the same bucket, and the table must keep both."),
        (16.0, "A collision is handled by chaining. Chaining keeps a short list in every bucket."),
        (24.0, "Every collision makes a lookup slower, so a good hash function spreads the keys."),
    ]
    analysis = analyze_lecture(lecture(rows))
    asked = [d for d in analysis.definitions if d.evidence.startswith("So what is a collision?")]
    assert asked and "Two keys land in the same bucket" in asked[0].evidence
    assert asked[0].definition.startswith("Two keys land in the same bucket")  # the card says the answer
    # an answer put off to later is none: no card says 'Well, you'll have a clear idea by the end'
    rows[1] = (8.0, "So what is a collision? Well, you'll have a fairly clear idea after the end of the lecture.")
    put_off = analyze_lecture(lecture(rows)).definitions
    assert not any(d.evidence.startswith("So what is a collision?") for d in put_off)
    assert any(d.term == "collision" for d in put_off)  # the collision's other explanations stay


def test_a_term_named_takes_the_sentence_that_goes_on_about_it():
    rows = [
        (0.0, "Today we look at a famous trial. It is a real story, the case of the Queen versus Dudley and Stephens."),
        (8.0, "This was a British law case that is much debated in law schools."),
        (16.0, "Later, the case of the Queen versus Dudley and Stephens shows how a jury weighs a defence."),
    ]
    analysis = analyze_lecture(lecture(rows))
    assert "Queen versus Dudley and Stephens" in {t.term for t in analysis.key_terms}  # as written
    named = [d for d in analysis.definitions if "Dudley" in d.term]
    assert named and "This was a British law case" in named[0].evidence
    assert "This was a British law case" in named[0].definition


def _kept_after_sharing(*found: tuple) -> list[tuple[str, int]]:
    """(term, second) of the definitions `_shared_evidence_to_its_term` keeps, from (position, term, wording,
    evidence, second, confidence) rows."""
    from quizgen.model import Definition
    from quizgen.nlp.definitions import _shared_evidence_to_its_term

    rows = [(at, term, Definition(term, wording, evidence, second, sure))
            for at, term, wording, evidence, second, sure in found]
    return [(f[1], f[2].start_second) for f in _shared_evidence_to_its_term(rows)]


def test_a_passage_chosen_for_several_terms_defines_the_one_it_fits():
    passage = "so the first rule is what we call token jumping"
    kept = _kept_after_sharing((0, "token jumping", passage, passage, 10, 0.9),
                               (0, "tokens", passage, passage, 10, 0.1),
                               (9, "tokens", "tokens sit on vertices", "tokens sit on vertices", 20, 0.2))
    assert kept == [("token jumping", 10), ("tokens", 20)]
    # nearly the same passage, chosen for a term and a longer term holding it: the longer one keeps it
    named = "because we're going through what's called the mindfulness revolution"
    kept = _kept_after_sharing((100, "mindfulness", named, "and " + named, 73, 0.98),
                               (104, "mindfulness revolution", named, named, 73, 0.99),
                               (900, "mindfulness", "mindfulness is", "mindfulness is attention", 90, 0.9))
    assert kept == [("mindfulness revolution", 73), ("mindfulness", 90)]
    # a passage of the longer term that runs on into the shorter one's own sentence leaves it that sentence
    meant = "He meant by utility the balance of pleasure over pain."
    arrived = meant + " Here's how we arrived at the principle of maximizing utility."
    kept = _kept_after_sharing((0, "utility", meant, meant, 1681, 0.5),
                               (0, "principle of maximizing utility", arrived, arrived, 1686, 0.2))
    assert kept == [("utility", 1681), ("principle of maximizing utility", 1686)]
    # the longer term said with a hyphen, or in the plural, is said all the same
    for said, longer in (("what we call k-means clustering", "k-means clustering"),
                         ("the support sets of each task", "support set")):
        shorter = longer.split()[-1] if " " in longer else longer
        kept = _kept_after_sharing((0, shorter, said, said, 10, 0.5), (0, longer, said, said, 10, 0.6))
        assert kept == [(longer, 10)], said
    # one term, much the same passage twice: the surer one stays
    first = "Gen AI versus agentic AI. Well, Genai is part of agentic AI."
    second = "Well, Genai is part of agentic AI. So"
    kept = _kept_after_sharing((0, "generative AI", first, first, 698, 0.4),
                               (26, "generative AI", second, second, 707, 0.7),
                               (400, "generative AI", "it generates text", "it generates text", 729, 0.7))
    assert kept == [("generative AI", 707), ("generative AI", 729)]
    # the very same passage twice for one term (two mentions that quote one sentence): one stays
    named = "The best perspective would be what we call a Mount Fuji landscape."
    kept = _kept_after_sharing((50, "Mount Fuji landscape", named, named, 446, 0.99),
                               (50, "Mount Fuji landscape", named, named, 446, 0.98))
    assert kept == [("Mount Fuji landscape", 446)]
    # a passage that opens 'So the bucket is ...' defines the bucket, not the array its predicate names
    slot = "So the bucket is just one slot of the array where the entries for that number live."
    kept = _kept_after_sharing((0, "array", slot, slot, 40, 0.8), (0, "bucket", slot, slot, 40, 0.9))
    assert kept == [("bucket", 40)]
    both = "Variance and standard deviation are the two most common ways to describe spread."
    kept = _kept_after_sharing((0, "variance", both, both, 60, 0.9), (0, "standard deviation", both, both, 60, 0.8))
    assert kept == [("variance", 60), ("standard deviation", 60)]  # no one subject: both keep it


def test_a_hyphenated_word_of_stop_words_is_a_candidate():
    keys = set(_candidates([(0.0, "the half-life of the things stored here is long, and half-life depends on the "
                                  "isotope; half of the life of a star is quiet")]))
    assert term_key("half-life") in keys  # one word, though 'half' and 'life' are stop words
    assert "life" not in keys and term_key("half of the life") not in keys  # unhyphenated, the words stay stop words


def test_a_phrase_said_after_the_same_adjective_each_time_is_named_with_it():
    rows = [(0.0, "during the last glacial maximum the sea was low."),
            (5.0, "after the last glacial maximum the ice melted."),
            (9.0, "since the last glacial maximum the coast has moved."),
            (14.0, "we saw the same distribution here, the same distribution there and the same distribution again.")]
    keys = set(_candidates(rows))
    assert term_key("last glacial maximum") in keys  # 'last' is a stop word, but the phrase is never said without it
    assert term_key("glacial maximum") not in keys
    # a word of how much or which names nothing, however often it is said before a phrase
    assert term_key("distribution") in keys and term_key("same distribution") not in keys


def test_a_verb_the_tagger_reads_as_a_noun_ends_no_term():
    keys = set(_candidates([(0.0, "you insert every entry again, because every bucket index changes."),
                            (5.0, "the bucket index is the hash modulo the table size.")]))
    assert term_key("bucket index changes") not in keys and term_key("index changes") not in keys
    assert term_key("bucket index") in keys  # said as a noun phrase, it is one


def test_half_a_hyphenated_compound_is_no_term():
    keys = set(_candidates([(0.0, "the matrix moves i-hat to the x-axis and leaves j-hat on its own span")]))
    assert term_key("x-axis") in keys and "hat" not in keys
    # nor is the phrase that ends on its first half ('higher x' of 'a higher x-height,', where the tagger reads
    # 'height' as an adjective and the run of nouns stops at the hyphen)
    keys = set(_candidates([(0.0, "Some typefaces have a higher x-height, like Lucida Bright or Georgia.")]))
    assert term_key("higher x") not in keys


def test_a_phrase_written_in_capitals_inside_a_sentence_is_a_name_though_an_everyday_word_opens_it():
    cands = _candidates([(0.0, "At New Moon, the Moon stays near the Sun, hence the term \u201cNew Moon\u201d."),
                         (6.0, "after the Great Depression came. New data arrives, and the new data is big."),
                         (12.0, "Big models learn, but the big model is slow.")])
    assert {term_key("new moon"), term_key("great depression")} <= set(cands)
    assert cands[term_key("new moon")].count == 2
    assert not {term_key("new data"), term_key("big model")} & set(cands)  # a sentence's first capital names nothing
    from quizgen.nlp.terms import _titled_phrases

    _, doc, _ = _parsed([(0.0, "Then We Train On the New Data, And the New Data Is Big.")])
    assert _titled_phrases(doc) == frozenset()  # captions that capitalise every word mark no name so


def _kept_keys(rows) -> set[str]:
    """The term keys that `select_terms` keeps of a lecture's ranked candidates, with room for 30."""
    from quizgen.nlp.pipeline import rank_candidates, select_terms

    _, doc, units = _parsed(rows)
    return {r.candidate.key for r in select_terms(rank_candidates(doc, units)[0], 30)}


def test_a_stop_word_that_modifies_a_noun_opens_a_term_and_a_name_keeps_its_every_word():
    cands = _candidates([
        (0.0, "At New Moon the Moon is dark, and two weeks later we see a full Moon in the sky."),
        (6.0, "The full Moon rises at sunset; the empty set has no members, and we sat at the back of the room."),
        (12.0, "So a New Moon and a full Moon are the two ends of the cycle of the Moon."),
    ])
    assert {term_key("full moon"), term_key("empty set")} <= set(cands)
    assert term_key("back") not in cands and term_key("back of the room") not in cands
    history = [(0.0, "After the Great Depression began, every depression was measured against it."),
               (6.0, "A depression is a long downturn, and this depression lasted a decade."),
               (12.0, "The Great Depression ended with the war, and no depression since has been as deep."),
               (18.0, "We train on new data, and the new data differ from the old data and other data.")]
    kept = _kept_keys(history)
    assert {term_key("great depression"), term_key("depression")} <= kept  # a name, no variant of 'depression'
    assert term_key("new data") not in kept  # 'new data' is a variant of 'data'


def test_a_phrase_that_starts_inside_a_kept_term_each_time_is_no_term():
    rows = [(0.0, "A price floor is a minimum price, and a price floor binds every seller in the market."),
            (6.0, "Removing the price floor requirement would change the labor market and the price floor."),
            (12.0, "So the price floor requirement holds, and a price floor means a legal minimum."),
            (18.0, "The price floor requirement is a mandatory rule of the labor market.")]
    kept = _kept_keys(rows)
    assert term_key("price floor") in kept and term_key("floor requirement") not in kept
    assert term_key("labor market") in kept


def test_an_es_plural_is_one_candidate_with_its_singular_but_a_different_word_is_not():
    cands = _candidates([
        (0.0, "each neuron adds a bias to its weighted sum and the biases shift when the network trains"),
        (6.0, "the biases start at zero and a pilot has a plan for the planes he flies"),
    ])
    bias = cands[term_key("bias")]
    assert term_key("biases") not in cands and sorted(bias.surfaces) == ["bias", "biases"] and bias.count == 3
    assert term_key("planes") in cands and cands[term_key("planes")].count == 1
    peaks = _candidates([(0.0, "a Mount Fuji landscape has one peak, and few perspectives create Mount Fujis"),
                         (6.0, "the analysis of the basis vectors takes the virus as its example")])
    fuji = peaks[term_key("mount fuji")]
    assert term_key("mount fujis") not in peaks and sorted(fuji.surfaces) == ["mount fuji", "mount fujis"]
    assert {term_key("analysis"), term_key("virus")} <= set(peaks)  # no 'analysi' or 'viru' was said
    latin = _candidates([(0.0, "the atria receive blood, and the left atrium pumps it on to a stimulus"),
                         (6.0, "two stimuli and three criteria, one criterion each, and a camera or two")])
    assert term_key("atria") not in latin and sorted(latin[term_key("atrium")].surfaces) == ["atria", "atrium"]
    assert term_key("stimuli") not in latin and term_key("criteria") not in latin
    assert term_key("camera") in latin  # no 'camerum' was said


def test_a_rare_noun_said_once_is_a_candidate_where_the_speaker_defines_it():
    from quizgen.nlp.pipeline import rank_candidates

    rows = [
        (0.0, "today we look at how a model can fit the training data too closely"),
        (6.0, "we will look at regularization which is the idea of keeping the weights small"),
        (12.0, "the weights grow during training and the training loss falls"),
        (18.0, "some people also try normalization of the inputs before the weights are trained"),
        (24.0, "and the loss on the validation set tells us when the weights fit too closely"),
        (30.0, "there is also this system called attitude that tunes the weights for you"),
    ]
    _, doc, units = _parsed(rows)
    pooled = {term_key(r.candidate.display): r for r in rank_candidates(doc, units)[0]}
    assert term_key("regularization") in pooled and pooled[term_key("regularization")].features.lone_once
    assert term_key("normalization") not in pooled  # said once, and never defined
    assert term_key("attitude") not in pooled  # an everyday word, named once: a product, no term


def test_two_nouns_said_as_a_pair_often_name_one_thing_and_stay_terms_alone():
    rows = [(0.0, "supply and demand set the price. supply and demand meet at one point."),
            (6.0, "we draw supply and demand on one graph, and supply and demand move together."),
            (12.0, "supply rises when the price rises, and demand falls."),
            (18.0, "the weights and biases are set. weights and biases change. weights and biases learn. "
                   "weights and biases are numbers."),
            (24.0, "we study price and quantity here. the quantity and price table is here. we plot price and "
                   "quantity now. the quantity and price rows matter. a price and quantity pair. the quantity and "
                   "price list. price and quantity again. the quantity and price again.")]
    cands = _candidates(rows)
    assert cands[term_key("supply and demand")].count == 4
    assert cands[term_key("supply")].count >= 5  # each noun is still said, and counted, where the pair is
    assert term_key("weights and biases") not in cands  # plurals: two things, not one name
    assert term_key("price and quantity") not in cands and term_key("quantity and price") not in cands  # either order


def test_words_the_captions_quote_as_a_name_are_candidates_whatever_their_part_of_speech():
    from quizgen.nlp.pipeline import rank_candidates

    rows = [
        (0.0, "Now more than half full, we say its shape is \u201cgibbous\u201d, which means swollen or convex."),
        (6.0, "This phase is properly named \u201cfirst quarter\u201d, though the Moon looks half full."),
        (12.0, "A few days later the gibbous Moon is bright, and it stays gibbous for a week."),
        (18.0, "My friend said \u201cthat is not a real moon at all\u201d and laughed."),
        (24.0, "[I] bet many of you saw it as \u201cTHE CAT\u201d, and fewer people saw something else."),
        (30.0, "The font has a large \u201cx\u201d height, and a gibbous bowl."),
        (36.0, "When the lit part shrinks we call the Moon \u201cwaning\u201d, and it keeps waning for two weeks."),
        (42.0, "The Moon is waning now, and a waning Moon rises late."),
    ]
    doc, units, cands = _parsed_candidates(rows)
    assert cands[term_key("gibbous")].quoted == 1 and cands[term_key("gibbous")].count == 4  # every place it is said
    assert cands[term_key("first quarter")].quoted == 1  # 'first' is a stop word, and opens it here
    # speech quoted at length, capitals and a letter are no name given
    assert all(c.words <= 3 for c in cands.values() if c.quoted)
    assert all(cands[k].quoted == 0 for k in (term_key("the cat"), term_key("cat")) if k in cands)
    assert term_key("x") not in cands or cands[term_key("x")].quoted == 0
    pooled = {term_key(r.candidate.display) for r in rank_candidates(doc, units)[0]}
    assert term_key("gibbous") in pooled  # an adjective each time it is said, but named
    assert cands[term_key("waning")].verbal * 2 > cands[term_key("waning")].count  # said as a verb, mostly,
    assert term_key("waning") in pooled  # but named


def test_a_name_the_captions_spell_both_ways_is_no_term_nor_part_of_one():
    from quizgen.nlp.pipeline import rank_candidates

    rows = [
        (0.0, "In the dialogue, one of his friends Calicles tries to talk him out of philosophy."),
        (6.0, "calicles tells Socrates philosophy is a pretty toy."),
        (12.0, "Take my advice calicles says, and go into business."),
        (18.0, "So Calicles is really saying that philosophy is dangerous."),
        (24.0, "and calicles did have a point about philosophy."),
        (30.0, "Eigenbasis is a basis of eigenvectors. Eigenbasis makes the matrix diagonal."),
        (36.0, "Eigenbasis changes little, and with an eigenbasis the powers are easy."),
        (42.0, "We then fit an XGBoost model, and the XGBoost model beats the forest; an XGBoost model is fast."),
    ]
    doc, units, cands = _parsed_candidates(rows)
    assert cands[term_key("calicles")].proper_inside == 2  # 'friends Calicles tries', 'So Calicles is'
    assert cands[term_key("eigenbasis")].proper == 3 and cands[term_key("eigenbasis")].proper_inside == 0
    pooled = {term_key(r.candidate.display) for r in rank_candidates(doc, units)[0]}
    assert term_key("calicles") not in pooled and term_key("advice calicles") not in pooled
    assert term_key("eigenbasis") in pooled  # no English word either, but capitalised only where sentences start
    assert term_key("xgboost model") in pooled  # a name kept in capitals throughout names a thing taught


def test_a_plural_noun_naming_a_term_is_that_term():
    rows = [
        (0.0, "so theta means the weights of the network that the optimizer changes at every step"),
        (6.0, "we update the parameters theta with gradient descent and the parameters theta move downhill"),
        (12.0, "after training the parameters theta fit the data and theta is what we save to disk"),
        (18.0, "gradient descent means you take a small step against the gradient of the loss function"),
    ]
    terms, keys = _key_terms(rows)
    assert "theta" in keys and term_key("parameters theta") not in keys


def test_a_clipped_form_is_the_term_spelled_out_but_an_inflection_is_not():
    from quizgen.nlp.pipeline import _clipped

    assert _clipped("gen ai", "generative ai") and _clipped("stat mech", "statistical mechanics")
    assert not _clipped("meta train", "meta training") and not _clipped("meta test", "meta testing")
    assert not _clipped("support set", "support set") and not _clipped("k means", "kernel means")


def test_title_case_terms_are_not_names_and_gerund_terms_are_not_verbs():
    cands = _candidates([
        (0.0, "A Markov Chain moves between states, as Jeremy Bentham never said."),
        (6.0, "Overfitting happens when a model memorises noise, so we fight overfitting with data."),
        (12.0, "He signed it as Johannes de Silentio, not as Kierkegaard."),
    ])
    assert cands[term_key("markov chain")].person == 0 and cands[term_key("jeremy bentham")].person > 0
    assert cands[term_key("johannes de silentio")].person > 0  # a name with a particle inside
    over = cands[term_key("overfitting")]
    assert over.verbal == 0


def test_a_word_said_bare_after_these_or_we_is_a_verb_though_tagged_a_noun():
    cands = _candidates([
        (0.0, "it's almost like a clustering and these overlap and these overlap but not with the others"),
        (6.0, "and these test points are held out so we test on the test points"),
    ])
    assert cands[term_key("overlap")].verbal == 2  # 'these overlap': no noun is said bare after 'these'
    assert cands[term_key("test points")].verbal == 0  # 'these test points': a compound, a noun follows


def test_a_term_said_with_capitals_is_no_name_and_a_name_from_anywhere_is_one():
    cands = _candidates([
        (0.0, "We can also present the data using Kernel Density Estimation, a smooth histogram."),
        (6.0, "The Upper Paleolithic saw the first calendars, and Tibetan Buddhism came much later."),
        (12.0, "Hans Moravec and Emmanuel Kant both wrote about it, and so did Max Weber."),
    ])
    for term in ("kernel density estimation", "upper paleolithic", "tibetan buddhism"):
        assert cands[term_key(term)].person == 0, term
    for name in ("hans moravec", "emmanuel kant", "max weber"):  # given names the census lists do not hold
        assert cands[term_key(name)].person > 0, name
    form = _candidates([(0.0, "Every square matrix has a Jordan Normal Form, and the Jordan Normal Form is unique.")])
    assert form[term_key("jordan normal form")].person == 0  # a given name first, but a common word last


def test_a_name_put_beside_the_role_it_held_is_a_name():
    cands = _candidates([
        (0.0, "This was the argument put forth by the Roman historian Tacitus in his book."),
        (6.0, "The last emperor was the Roman emperor Romulus Augustus, deposed in 476."),
        (12.0, "Vinyals and colleagues tested it on the mini ImageNet benchmark."),
    ])
    for name in ("roman historian tacitus", "historian tacitus", "roman emperor romulus augustus",
                 "emperor romulus augustus"):
        assert cands[term_key(name)].person > 0, name
    assert cands[term_key("mini imagenet")].person == 0  # a brand's capitals inside a word: no name
    cands = _candidates([(0.0, "Nodes that have no children are called Leaf Nodes, and Emperor Justinian wrote laws.")])
    assert cands[term_key("leaf nodes")].person == 0  # 'leaf' is a common word, no rare given name
    assert cands[term_key("emperor justinian")].person > 0  # a ruler's title before a name
    court = _candidates([(0.0, "Judge Posner writes for the court, and the criminal justice system holds.")])
    assert court[term_key("judge posner")].person > 0  # a judge's title too
    assert court[term_key("justice system")].person == 0


def test_a_hyphenated_compound_opened_by_a_short_word_is_kept_whole():
    keys = set(_candidates([(0.0, "few-shot learning needs b-cell data and a p-value")]))
    assert term_key("few-shot learning") in keys and term_key("shot learning") not in keys


def test_a_compound_that_speech_recognition_wrote_without_its_hyphen_is_kept_whole():
    cands = _candidates([
        (0.0, "so few shot learning asks a model to solve a five shot classification problem"),
        (6.0, "we used six training data points and a few label samples for each class"),
    ])
    for term in ("few shot learning", "five shot classification problem", "five shot classification"):
        assert term_key(term) in cands and cands[term_key(term)].person == 0, term
    assert term_key("shot learning") not in cands  # half of 'few shot learning'
    # a count, not a compound: six counts the points, few the samples
    assert not {term_key("six training data points"), term_key("six training"),
                term_key("few label samples")} & set(cands)
    assert term_key("training data points") in cands and term_key("label samples") in cands


def test_a_spoken_compound_said_once_before_a_singular_noun_is_one_before_a_plural_too():
    said_so = [(0.0, "so this is a few shot regression problem"),
               (6.0, "we solve many few shot tasks and then a few label samples are left")]
    cands = _candidates(said_so)
    assert term_key("few shot tasks") in cands and term_key("shot tasks") not in cands
    assert term_key("few label samples") not in cands  # 'few label' is never said as a compound
    # said only before plurals, the pair stays a count
    assert term_key("few shot tasks") not in _candidates([(0.0, "we solve many few shot tasks here")])
    # and so does a pair whose rest the lecture says without the number: the two counts the sample means
    counted = _candidates([(0.0, "the two sample t test compares two sample means"),
                           (6.0, "and the sample means differ when the groups differ")])
    assert term_key("two sample t test") in counted and term_key("two sample means") not in counted


def test_a_noun_of_a_noun_said_twice_the_same_way_is_one_candidate():
    cands = _candidates([
        (0.0, "the change of basis matrix translates between the two coordinate systems"),
        (6.0, "a change of basis is a way to see the same vector in another grid"),
        (12.0, "the axis of rotation stays fixed, and lots of data is no term"),
        (18.0, "every vertex of degree 3 is fine, and every vertex of degree 4 too"),
        (24.0, "lots of data again, and one axis of rotation again"),
    ])
    for term in ("change of basis matrix", "change of basis", "axis of rotation"):
        assert term_key(term) in cands, term
    assert term_key("basis matrix") in cands  # a phrase inside it is still one
    # a generic word, a measure ('degree 3')
    assert not {term_key("lots of data"), term_key("vertex of degree")} & set(cands)
    # an amount of a thing, said twice the same way, is so much of the thing: no term of its own
    amounts = _candidates([(0.0, "a box of strawberries costs more, and so do barrels of ale and boxes of figs"),
                           (6.0, "so we sell each box of strawberries, brew barrels of ale and pack boxes of figs")])
    assert not {term_key("box of strawberries"), term_key("barrels of ale"), term_key("boxes of figs")} & set(amounts)


def test_a_borrowed_french_phrase_said_twice_is_one_candidate_and_not_its_halves():
    cands = _candidates([
        (0.0, "The most common sign is café au lait spots."),
        (6.0, "Café au lait spots are flat patches of skin, the colour of coffee with milk."),
        (12.0, "The cry of the baby gave cri du chat syndrome its name; cri du chat syndrome is genetic."),
    ])
    assert {term_key("café au lait spots"), term_key("cri du chat syndrome")} <= set(cands)
    halves = {"lait spots", "café", "café au", "chat syndrome", "cri", "cri du"}
    assert not {term_key(h) for h in halves} & set(cands)
    # a name with 'de' is no borrowed phrase: its terms stay as they were
    named = _candidates([(0.0, "The de Broglie wavelength of a moving particle is h over p."),
                         (6.0, "So the de Broglie wavelength shrinks as the momentum grows."),
                         (12.0, "By De Morgan's laws the negation of an and is an or of negations."),
                         (18.0, "De Morgan's laws again: the de Broglie wavelength is another story.")])
    assert {term_key("de Broglie"), term_key("broglie wavelength"), term_key("de morgan")} <= set(named)


def test_a_name_given_then_explained_is_explained_after_it():
    units, options = _options([(0.0, "explicit memory, also called declarative memory, is the stuff you recall."),
                               (6.0, "You know facts and events, and we call this declarative memory.")],
                              "declarative memory")
    assert [options[u.index].before for u in units if u.index in options] == [False, True]


def test_a_cue_is_read_at_the_mention_it_holds_where_the_term_is_said_twice():
    rows = [(0.0, "today we talk about moral reflection and why people give up on it"),
            (6.0, "kant described the problem with skepticism when he wrote skepticism is a resting place for human "
                  "reason"),
            (12.0, "it is no dwelling place for permanent settlement and we need to keep reasoning")]
    found = {d.term: d for d in analyze_lecture(lecture(rows)).definitions}
    assert found["skepticism"].definition == "Skepticism is a resting place for human reason"
    assert found["skepticism"].evidence.startswith("skepticism is a resting place")


def test_a_wording_that_goes_on_to_promise_the_term_is_no_card():
    # the clause ends at 'which', so the card takes the next one, which only promises to come to the term
    rows = [(0.0, "the paper has ten pages of experiments on protein folding okay"),
            (5.0, "and then there is this immune repertoire classification which okay"),
            (9.0, "i will spend one minute looking at it okay"),
            (14.0, "so immune repertoire classification needs attention over thousands of sequences")]
    analysis = analyze_lecture(lecture(rows))
    assert "immune repertoire classification" in [t.term for t in analysis.key_terms]
    assert "immune repertoire classification" not in [d.term for d in analysis.definitions]
    assert announces("attention, which we'll talk about later, is a weighting", "attention")
    assert not announces("attention, which is a weighting", "attention")


def test_a_term_said_often_keeps_the_card_its_one_late_cue_gives():
    uses = ["later we will talk about fiduciary duty in the lease",
            "the judge looked at fiduciary duty in the contract",
            "the trust had to negotiate in fiduciary duty with the buyer",
            "posner wrote about fiduciary duty at length",
            "the seller ignored fiduciary duty in the deal", "the court weighed fiduciary duty against the price",
            "the buyer relied on fiduciary duty in the talks", "the lawyers disputed fiduciary duty in the appeal",
            "the lease says nothing about fiduciary duty in plain words",
            "the trust claimed fiduciary duty in its letter",
            "the opinion returns to fiduciary duty in the end", "critics doubt fiduciary duty in such contracts"]
    uses += [u.replace("the ", "then the ", 1) for u in uses] + [u.replace("the ", "and the ", 1) for u in uses]
    rows = [(6.0 * i, u + ".") for i, u in enumerate(uses)]
    late = "Fiduciary duty is an implied duty not to take advantage of the other party's ignorance."
    rows.append((6.0 * len(uses), late))
    # the 37th mention: its place alone puts the cue under the bar a first definition needs without one
    assert 0.05 <= _options(rows, "fiduciary duty")[1][len(uses)].score < 0.09
    found = [d.definition for d in analyze_lecture(lecture(rows)).definitions if d.term == "fiduciary duty"]
    assert found == [late]


def test_a_card_keeps_the_preposition_of_a_term_that_frames_what_is_said_next():
    rows = [(0.0, "today we compare supervised learning with semi-supervised learning on images"),
            (6.0, "let's look at supervised learning in supervised learning you have a label for every single image"),
            (12.0, "and regular supervised learning needs a lot of labels but in semi-supervised learning you have "
                   "a few labeled images and a lot of unlabeled images"),
            (18.0, "semi-supervised learning is cheaper because labels cost money and supervised learning is not"),
            (24.0, "with gradient descent the loss of the classifier goes down for both supervised learning and "
                   "semi-supervised learning")]
    found = [(d.term, d.definition) for d in analyze_lecture(lecture(rows)).definitions]
    assert ("supervised learning", "In supervised learning you have a label for every single image") in found
    assert any(term == "semi-supervised learning" and wording.startswith("In semi-supervised learning you have a few")
               for term, wording in found), found  # not 'Semi-supervised learning you have a few ...'
    assert not any(wording.startswith(("At ", "With ")) for _, wording in found), found


def test_two_cued_clauses_side_by_side_are_two_cards():
    rows = [(0.0, "Each neuron takes a weighted sum of the activations in the layer before it."),
            (6.0, "A bias is a number added to the weighted sum of a neuron."),
            (12.0, "The bias tells you how high the weighted sum needs to be before the neuron gets active."),
            (18.0, "Later layers combine these patterns into digits.")]
    found = [d.definition for d in analyze_lecture(lecture(rows)).definitions if d.term == "bias"]
    assert found == ["A bias is a number added to the weighted sum of a neuron.",
                     "The bias tells you how high the weighted sum needs to be before the neuron gets active."]


def test_a_name_given_after_a_description_quotes_the_description_from_where_it_starts():
    rows = [(0.0, "Today we talk about software agents."),
            (4.0, "And any AI system that you build which has autonomy can make certain decisions and take actions."),
            (10.0, "Plus it has multi-step reasoning and planning."),
            (14.0, "That system is called agentic AI."),
            (18.0, "Agentic AI books flights and answers email for you.")]
    named = next(d for d in analyze_lecture(lecture(rows)).definitions if d.term == "agentic AI")
    assert named.evidence.startswith("And any AI system that you build") and named.start_second == 4
    # 'Plus it ...' goes on about what the sentence before brought in; a sentence opening with 'And' brings
    # in something of its own, and no sentence before it is taken
    assert "software agents" not in named.evidence


def test_a_name_given_to_what_this_points_back_at_quotes_what_it_points_at_unless_the_name_is_glossed():
    rows = [(0.0, "Atoms share electrons in a bond, and polar bonds are common."),
            (5.0, "When the electrons stay closer to one atom, that side of the bond gets a slight negative charge."),
            (11.0, "This separation of charges is called polarity, and polarity makes water special."),
            (16.0, "Polarity shows up in many molecules, and polarity matters for bonds."),
            (21.0, "They are attracted to each other, which means energy is needed to keep them apart."),
            (26.0, "This type of bond is unsurprisingly called an ionic bond, a bond formed between a positive ion and "
                   "a negative ion."),
            (31.0, "An ionic bond holds salt together, and every ionic bond is strong.")]
    found = {d.term: d for d in analyze_lecture(lecture(rows)).definitions}
    polarity, ionic = found["polarity"], found["ionic bond"]
    assert polarity.evidence.startswith("When the electrons stay closer") and polarity.start_second == 5
    assert ionic.evidence.startswith("This type of bond") and ionic.start_second == 26  # glossed where named


def test_a_letter_naming_a_kind_opens_a_term_but_a_symbol_with_a_subscript_does_not():
    from quizgen.nlp.pipeline import _as_written
    from quizgen.nlp.terms import find_candidates

    _, doc, units = _parsed([
        (0.0, "B cells make antibodies, and helper T cells tell the B cells when to start"),
        (6.0, "the t test gives a p value for the difference"),
    ])
    cands = find_candidates(doc, units)
    for term in ("b cells", "helper t cells", "t cells", "t test", "p value"):
        assert term_key(term) in cands, term
    assert _as_written(cands[term_key("b cells")], doc) == "B cells"
    assert _as_written(cands[term_key("t test")], doc) == "t test"  # written in lower case, it stays so
    _, doc, units = _parsed([(0.0, "The NaCl bond is strong, and the NaCl bond is ionic, unlike a Hydrogen bond.")])
    cands = find_candidates(doc, units)
    assert _as_written(cands[term_key("nacl bond")], doc) == "NaCl bond"  # capitals inside a word: as written
    assert _as_written(cands[term_key("hydrogen bond")], doc) == "hydrogen bond"  # a capital that opens it: no
    # a lecture that says D and Y alone uses them as symbols: 'D train' is D with a subscript
    cands = _candidates([
        (0.0, "given D, we fit phi to D train and evaluate on Y test and Z test"),
        (6.0, "where Y is the label and the model predicts Y."),
    ])
    assert not {term_key("d train"), term_key("y test")} & set(cands)
    assert term_key("z test") in cands  # Z is never said alone here
    # a letter opens its own term rather than joining the phrase before it, unless that modifies its noun
    cands = _candidates([(0.0, "there are two kinds of lymphocytes b cells and t cells"),
                         (6.0, "a B-cell is a lymphocyte; the k nearest neighbors algorithm"),
                         (12.0, "an n gram language model counts n grams where n is three")])
    assert term_key("b cells") in cands and cands[term_key("b cells")].count == 2  # 'B-cell' is no symbol
    assert term_key("lymphocytes b cells") not in cands
    assert {term_key("k nearest neighbors"), term_key("n gram")} <= set(cands)  # k, n and x are words too


def test_a_law_named_for_someone_is_a_term_spelled_as_written():
    from quizgen.nlp.pipeline import _as_written
    from quizgen.nlp.terms import find_candidates

    _, doc, units = _parsed([
        (0.0, "Newton's second law says that force equals mass times acceleration"),
        (6.0, "it depends on force ohm's law says the current follows, as Bayes' rule and dijkstra's algorithm do"),
        (12.0, "the model's output and today's lecture, and Kierkegaard's thesis was on Socrates"),
    ])
    cands = find_candidates(doc, units)
    for term, written in (("newton's second law", "Newton's second law"), ("ohm's law", "ohm's law"),
                          ("bayes' rule", "Bayes' rule"), ("dijkstra's algorithm", "dijkstra's algorithm")):
        assert term_key(term) in cands and cands[term_key(term)].person == 0, term
        assert _as_written(cands[term_key(term)], doc) == written
    assert cands[term_key("newton's second law")].words == 3
    laws = _candidates([(0.0, "the law of demand, the law of large numbers and conservation of energy"),
                        (6.0, "and the principle of utility; the rest of the talk and a law of the land")])
    for term in ("law of demand", "law of large numbers", "conservation of energy", "principle of utility"):
        assert term_key(term) in laws, term
    assert not {term_key("rest of the talk"), term_key("law of the land"), term_key("of demand")} & set(laws)
    # a law of doing something to something is named whole, never cut after its -ing word
    doing = _candidates([(0.0, "the law of diminishing returns says each extra worker adds less output"),
                         (6.0, "here is how we arrived at the principle of maximizing utility")])
    assert {term_key("law of diminishing returns"), term_key("principle of maximizing utility")} <= set(doing)
    assert not {term_key("law of diminishing"), term_key("principle of maximizing")} & set(doing)
    longer = _candidates([(0.0, "the law of diminishing marginal utility says each extra unit pleases less")])
    assert term_key("law of diminishing") in longer  # more words than a candidate holds: its opening stays one
    # what belongs to an everyday thing, or a person's own thing, is no named law
    assert not {term_key("model's output"), term_key("today's lecture"), term_key("kierkegaard's thesis"),
                term_key("s second law"), term_key("force ohm's law")} & set(cands)  # the name opens the term
    _, doc, units = _parsed([(0.0, "the vaccine's effect lasts; Le Chatelier's principle holds in theory of course"),
                             (6.0, "what Bayes' theorem tells us is that all Newton's laws hold; Fisher's F test too")])
    others = find_candidates(doc, units)
    assert _as_written(others[term_key("le chatelier's principle")], doc) == "Le Chatelier's principle"
    assert term_key("newton's law of gravitation") in _candidates([(0.0, "Newton's law of gravitation")])
    ordinals = _candidates([(0.0, "Newton's first law is about inertia, and the third law of thermodynamics too"),
                            (6.0, "first we look at the data, then the first result")])  # 'first' is a stop word
    assert {term_key("newton's first law"), term_key("third law of thermodynamics")} <= set(ordinals)
    assert not {term_key("first result"), term_key("first data")} & set(ordinals)
    for term in ("bayes' theorem", "newton's laws", "fisher's f test"):  # 'what' and 'all' are no articles
        assert term_key(term) in others, term
    assert not {term_key("vaccine's effect"), term_key("theory of course")} & set(others)
    # a puzzle named for whose it is takes 'the', and its head stays part of its name
    from quizgen.config import config_words
    from quizgen.nlp.pipeline import core_key

    puzzles = _candidates([(0.0, "So the brewer's problem is what to brew, and the prisoner's dilemma a game."),
                           (6.0, "We met the gambler's fallacy, the vaccine's effect, and the student's problem.")])
    for term in ("brewer's problem", "prisoner's dilemma", "gambler's fallacy"):
        assert term_key(term) in puzzles, term
    assert not {term_key("vaccine's effect"), term_key("student's problem")} & set(puzzles)
    edges, stop = config_words("stop_terms", "edge_words"), config_words("stop_terms")
    assert core_key("brewer's problem", edges, stop) != core_key("brewer", edges, stop)  # no variant of 'brewer'
    assert core_key("supervised learning problem", edges, stop) == core_key("supervised learning", edges, stop)
    _, curly, curly_units = _parsed([(0.0, "Newton\u2019s second law says force is mass times acceleration")])
    said = find_candidates(curly, curly_units)[term_key("newton's second law")]
    assert _as_written(said, curly) == "Newton\u2019s second law"


def test_a_number_compound_is_a_term_and_its_longer_generic_variant_leaves_it_its_count():
    from quizgen.nlp.terms import effective_counts

    cands = _candidates([
        (0.0, "today we solve a five-way classification problem with five images per class"),
        (6.0, "the five-way classification problem has a support set and a query set"),
        (12.0, "five-way classification means the model picks one of five classes"),
        (18.0, "and the meta learning problem is harder than a supervised learning problem"),
        (24.0, "so the meta learning problem asks for priors and in 1990 nobody asked"),
    ])
    counts = effective_counts(cands)
    assert counts[term_key("five-way classification")] == 3  # not taken by '... classification problem'
    assert counts[term_key("learning problem")] == 1  # 'meta learning problem' is a longer term, and takes it
    assert term_key("1990") not in cands and cands[term_key("five-way classification")].person == 0


def test_a_verb_that_modifies_nothing_after_it_is_no_part_of_a_term():
    cands = _candidates([(0.0, "the committee led by robespierre executed thousands of people"),
                         (6.0, "we trained on labeled data and used supervised learning")])
    assert not {term_key("robespierre executed thousands"), term_key("executed thousands")} & set(cands)
    assert term_key("labeled data") in cands and term_key("supervised learning") in cands


def test_a_participle_that_takes_an_object_ends_no_term():
    cands = _candidates([(0.0, "you can shift the reaction raising the temperature, and A is the matrix representing "
                               "that transformation"),
                         (6.0, "we did transfer learning and the meta learning approach")])
    for verb in ("reaction raising", "matrix representing"):  # acting on an object each time: no name of a thing
        assert cands[term_key(verb)].acting == cands[term_key(verb)].count == 1
    assert cands[term_key("transfer learning")].acting == cands[term_key("meta learning approach")].acting == 0
    # unpunctuated speech runs 'after feature scaling | the inputs lie' together; said alone, it is a term again
    scaled = _candidates([(0.0, "after feature scaling the inputs lie in one range so feature scaling helps")])
    assert scaled[term_key("feature scaling")].acting == 1 < scaled[term_key("feature scaling")].count
    from quizgen.nlp.terms import effective_counts

    catalyst = _candidates([(0.0, "the catalyst lowering the activation energy is fast"),
                            (6.0, "and the catalyst lowering the activation energy again")])
    assert effective_counts(catalyst)[term_key("catalyst")] == 2  # no longer term took its mentions


def test_what_is_named_in_the_words_of_logistics_is_no_candidate():
    cands = _candidates([(0.0, "Your support will help MIT OpenCourseWare continue to offer free resources."),
                         (6.0, "The homework on gradient descent is due Friday."),
                         (12.0, "Gradient descent takes a small step downhill, the lecture slides show and the "
                                "learning rate sets its size.")])
    assert term_key("mit opencourseware") not in cands and term_key("lecture slides") not in cands
    assert cands[term_key("gradient descent")].count == 1  # said in the homework's words too, but not counted
    assert term_key("learning rate") in cands  # the clause goes on past the logistics
    thanks = _candidates([(0.0, "Thanks for watching, especially to our Subbable subscribers, who make this possible."),
                          (6.0, "It's a voluntary subscription platform that lets viewers like you support us.")])
    assert not {term_key("subbable subscribers"), term_key("voluntary subscription platform")} & set(thanks)
    opening = _candidates([(0.0, "The following content is provided under a Creative Commons license.")])
    assert not {term_key("creative commons license"), term_key("commons license")} & set(opening)
    credit = _candidates([(0.0, "The credit assignment problem is hard, and the quadratic assignment problem too.")])
    assert {term_key("credit assignment problem"), term_key("quadratic assignment problem")} <= set(credit)


def test_a_formula_read_aloud_is_no_term():
    cands = _candidates([(0.0, "the amplitude decays as exponential minus gamma t and momentum is mass times velocity"
                               " so a function like e x arctan x is hard"),
                         (6.0, "so x is a1 b1 and the angle is cosine omega t, which takes theta n log n time"),
                         (12.0, "here theta star is the estimate and the arrival times vary")])
    said = set(cands)
    assert not {term_key(t) for t in ("exponential minus gamma", "mass times velocity", "a1 b1", "cosine omega",
                                      "theta n log", "x arctan")} & said
    assert {term_key(t) for t in ("theta star", "arrival times", "momentum")} <= said
    squared = set(_candidates([(0.0, "we minimize the mean squared error and run a chi squared test")]))
    assert {term_key("mean squared error"), term_key("chi squared test")} <= squared


def test_stutters_addresses_titled_names_and_et_cetera_are_no_terms():
    cands = _candidates([(0.0, "a stereotype stereotype threat study by professor drennan on a log log plot"),
                         (6.0, "see beethoven project dot com for the fortepiano recordings, concertos et cetera"),
                         (12.0, "the yo-yo and the org chart, and an mr imaging scan, since imaging needs a magnet")])
    said = set(cands)
    assert not {term_key(t) for t in ("stereotype stereotype", "beethoven project dot com", "beethoven project",
                                      "et cetera", "cetera", "concertos et")} & said
    assert {term_key(t) for t in ("stereotype threat", "log log plot", "fortepiano recordings", "yo-yo",
                                  "org chart")} <= said
    assert cands[term_key("professor drennan")].person == 1  # a person, so never a key term
    assert cands[term_key("mr imaging")].person == 0  # 'imaging' is said without the title too
    names = _candidates([(0.0, "professor eric lander and professor drennan, in drennan's lab, and the doctor "
                               "patient relationship on the dot net framework")])
    assert names[term_key("professor eric lander")].person and names[term_key("professor drennan")].person
    assert not names[term_key("doctor patient relationship")].person and term_key("dot net framework") in names


def test_an_ordinal_spelled_out_may_open_a_term():
    cands = _candidates([(0.0, "the second derivative tells you the concavity, by the second law of thermodynamics"),
                         (6.0, "and the second derivative is positive here in the second step")])
    assert cands[term_key("second derivative")].count == 2 and cands[term_key("second derivative")].person == 0
    assert term_key("second law of thermodynamics") in cands and term_key("second step") not in cands


def test_a_generic_noun_may_open_a_longer_term_but_is_none_alone():
    keys = set(_candidates([
        (0.0, "each task gets a task descriptor and the attention mechanism reads the task descriptor"),
        (6.0, "the mean teacher averages the weights and the lecture slides show the same thing"),
        (12.0, "a hash table is a data structure for data points"),
    ]))
    assert {term_key("task descriptor"), term_key("attention mechanism"), term_key("mean teacher"),
            term_key("data structure")} <= keys
    assert not {term_key("task"), term_key("lecture slides"), term_key("same thing"), term_key("data points"),
                term_key("data")} & keys


def test_a_noun_of_explaining_is_no_term_alone_but_may_end_one():
    keys = set(_candidates([(0.0, "so the equation here is a differential equation with one input"),
                            (6.0, "and the output follows a pattern, as the quadratic formula says")]))
    assert {term_key("differential equation"), term_key("quadratic formula")} <= keys
    assert not {term_key(w) for w in ("equation", "input", "output", "pattern", "formula")} & keys
    said = set(_candidates([(0.0, "the differences between men and women, and why fewer women study physics"),
                            (6.0, "a finite difference approximates the derivative, with less noise")]))
    assert term_key("finite difference") in said
    assert not {term_key("differences"), term_key("fewer women"), term_key("less noise")} & said


def test_a_court_case_named_is_one_term():
    rows = [(0.0, "today we examine the case of market street associates versus fry."),
            (6.0, "the decision in market street associates versus fry turned on good faith."),
            (12.0, "then there is the case of the Queen versus Dudley and Stephens."),
            (18.0, "we talked about free speech versus hate speech.")]
    cands = _candidates(rows)
    case = cands[term_key("market street associates versus fry")]
    assert len(case.mentions) == 2  # said after 'case', then again without it
    assert term_key("queen versus dudley and stephens") in cands
    assert term_key("free speech versus hate speech") not in cands  # a contrast, no case


def test_a_noun_the_tagger_reads_as_a_participle_still_ends_a_term():
    rows = [(0.0, "so what is a support set well the support set is the handful of labeled examples for a new task"),
            (6.0, "and the query set is where you evaluate after adapting on the support set"),
            (12.0, "so you only see the support set and then you predict on the query set")]
    cands = _candidates(rows)
    assert len(cands[term_key("support set")].mentions) == 4  # 'set' is read as 'support (that was) set'
    assert term_key("query set") in cands


def test_a_pair_said_as_one_name_is_one_term():
    rows = [(6.0 * i, f"so divide and conquer splits the problem and supply and demand set the price {i}")
            for i in range(4)] + [(30.0, "demand rises, supply falls, demand shifts, supply shifts and demand again")]
    keys = set(_candidates(rows))
    assert term_key("divide and conquer") in keys and not {term_key("divide"), term_key("conquer")} & keys
    # said as a pair often, 'supply and demand' names one thing too, but each noun stays a term of its own
    assert term_key("supply and demand") in keys and {term_key("supply"), term_key("demand")} <= keys
    graded = set(_candidates([(6.0 * i, f"the quizzes and exams count for half of the grade {i}") for i in range(4)]))
    assert term_key("quizzes and exams") not in graded  # logistics
    salts = set(_candidates([(6.0 * i, f"we need sodium and potassium in the body {i}") for i in range(5)]))
    assert {term_key("sodium"), term_key("potassium")} <= salts  # two things, not a way of doing that takes both


def test_what_is_named_as_a_company_is_a_name_in_any_case():
    cands = _candidates([(0.0, "he now works for a startup called crash course and studies "
                               "a process called gradient boosting")])
    assert cands[term_key("crash course")].person == 1
    assert cands[term_key("gradient boosting")].person == 0
    cands = _candidates([(0.0, "the lstm keeps a second channel called the cell state during a five-minute break")])
    assert cands[term_key("cell state")].person == 0  # a channel of a network is no company
    assert cands[term_key("five-minute break")].person == 1  # a span of time is no term
    named = _candidates([(0.0, "this one was made by a guy named paul mcnulty using a method called lost wax casting")])
    assert named[term_key("paul mcnulty")].person == 1 and named[term_key("lost wax casting")].person == 0
    works = _candidates([(0.0, "a robot maker published a book called Mind Children about machine learning "
                               "and his second book is called the robot age while a game called nim teaches strategy")])
    assert works[term_key("mind children")].person == 1 and works[term_key("robot age")].person == 1  # titles
    assert works[term_key("machine learning")].person == 0 and works[term_key("nim")].person == 0


def test_variant_keys_merge_followers_of_a_doctrine_but_not_different_words():
    from quizgen.config import config_words

    edges = config_words("stop_terms", "edge_words")
    doctrine = core_key("consequentialist moral reasoning", edges)
    assert doctrine == core_key("consequential moral reasoning", edges)
    assert core_key("utilitarianist", edges) == core_key("utilitarianism", edges)
    assert core_key("physicist", edges) != core_key("classical physics", edges)
    assert core_key("capitalism", edges) != core_key("capital", edges)


def test_clipping_is_not_derivation():
    from quizgen.nlp.pipeline import _clipped

    assert not _clipped("graph model", "graphical model")
    assert not _clipped("social contract", "socialist contract")
    assert not _clipped("class label", "classification label")


def test_a_plural_naming_a_word_is_not_merged_and_capitals_everywhere_are_no_acronyms():
    rows = [
        (0.0, "Bayes theorem tells us how to update a belief when new evidence arrives."),
        (6.0, "The theorem follows from the definition of conditional probability."),
        (12.0, "Bayes theorem is used in spam filters, and the theorem is short."),
    ]
    keys = [term_key(t.term) for t in analyze_lecture(lecture(rows)).key_terms]
    assert term_key("bayes theorem") in keys
    from quizgen.ingest import finish_lecture

    shouting = finish_lecture(id="abcdefghijk", title="Optimisation", url=None, source="t.vtt", fmt="vtt",
                              segments=[Segment(s, s + 6, text.upper()) for s, text in ASR])
    terms = [t.term for t in analyze_lecture(shouting).key_terms]
    assert terms and all(t == t.lower() for t in terms)
    assert terms == [t.term for t in analyze_lecture(lecture()).key_terms]  # read as the same speech in lower case


def test_a_misheard_term_is_merged_into_the_term_it_sounds_like():
    rows = [
        (0.0, "so the meta train set is a collection of tasks and each task has its own data"),
        (6.0, "we sample a task from the meta train set and adapt the model to that task"),
        (12.0, "so the meta terrain is labeled data for all of the different tasks we have"),
        (18.0, "after the meta train phase we evaluate on the held out tasks of the meta test set"),
    ]
    terms, keys = _key_terms(rows)
    assert term_key("meta train set") in keys or term_key("meta train") in keys
    assert not any("terrain" in key for key in keys)
    merged = next(t for t in terms if "metatrain" in term_key(t.term))
    assert any("terrain" in alias for alias in merged.aliases)


def test_a_rare_name_and_its_name_with_the_word_for_its_kind_are_one_term():
    said = ["a common function that does this is called the sigmoid function and every neuron uses it",
            "the sigmoid function squishes the real number line into the range between zero and one",
            "very negative inputs end up close to zero after the sigmoid and positive ones close to one",
            "so after the weighted sum and the bias of every neuron comes the sigmoid",
            "later the sigmoid function was found hard to train and rectified linear units took over"]
    terms, _ = _key_terms([(6.0 * i, text) for i, text in enumerate(said)])
    sigmoid = [t for t in terms if "sigmoid" in t.term]  # which words may drop their kind: tests/study, quiz
    assert [t.term for t in sigmoid] == ["sigmoid function"] and "sigmoid" in sigmoid[0].aliases
    # the name given is read whole, though 'sigmoid' alone is said more often: the wording does not stop short
    named = analyze_lecture(lecture([(6.0 * i, text) for i, text in enumerate(said)])).definitions
    assert any(d.definition.endswith("called the sigmoid function") for d in named), [d.definition for d in named]


def test_a_phrase_and_the_phrase_with_the_word_for_its_kind_are_one_term():
    said = ["the first rule is token jumping where a token may jump to any vertex of the graph",
            "so token jumping keeps the set independent after every single move of a token",
            "you can jump to any other vertex as long as you keep independence and we call that the token jumping rule",
            "the token jumping rule is easier than token sliding on bipartite graphs",
            "token sliding moves a token only along an edge of the graph to a neighbour",
            "and token sliding is pspace complete even on planar graphs of bounded degree"]
    terms, keys = _key_terms([(6.0 * i, text) for i, text in enumerate(said)])
    jumping = [t for t in terms if "jumping" in t.term]
    assert [t.term for t in jumping] == ["token jumping"] and "token jumping rule" in jumping[0].aliases
    assert term_key("token sliding") in keys


def test_a_name_and_its_name_with_a_kind_word_stay_two_terms_where_the_speaker_defines_each():
    said = ["when we divide one function by another the result is called the quotient",
            "the quotient of two polynomials is a rational function",
            "to differentiate a quotient we use the quotient rule",
            "the quotient rule says low d high minus high d low over low squared",
            "so the quotient rule is the derivative of a quotient of two functions",
            "and the product rule is the derivative of a product of two functions"]
    _, keys = _key_terms([(6.0 * i, text) for i, text in enumerate(said)])
    assert {term_key("quotient"), term_key("quotient rule")} <= set(keys)


def test_two_names_said_one_after_the_other_are_one_term_only_where_the_second_renames_the_first():
    said = ["supervised learning uses labeled data where every example comes with the right answer",
            "unsupervised learning uses unlabeled data and finds structure such as clusters on its own",
            "in supervised learning the model learns a mapping from inputs to the labels",
            "in unsupervised learning there are no labels so the model groups similar examples together",
            "so if I give you photos with no captions is that what we call supervised learning, or unsupervised "
            "learning",
            "it is unsupervised learning because nobody labeled the photos for the model"]
    _, keys = _key_terms([(6.0 * i, text) for i, text in enumerate(said)])
    assert {term_key("supervised learning"), term_key("unsupervised learning")} <= set(keys)  # a question of two
    said = ["gradient descent moves the weights a small step against the gradient of the loss",
            "plain gradient descent computes the gradient over the whole training set before each step",
            "stochastic gradient descent, also called online learning, updates the weights after every example",
            "stochastic gradient descent is noisy but each of its steps is very cheap",
            "online learning also suits data that arrives as a stream one example at a time",
            "so gradient descent is exact and slow while stochastic gradient descent is noisy and fast"]
    terms, keys = _key_terms([(6.0 * i, text) for i, text in enumerate(said)])
    assert term_key("gradient descent") in keys  # 'stochastic gradient descent' was renamed, not it
    sgd = next(t for t in terms if term_key(t.term) == term_key("stochastic gradient descent"))
    assert "online learning" in sgd.aliases
    from quizgen.nlp.normalize import renames

    said = "the derivative of the loss function is often called the error signal"
    first, second = said.index("loss function"), said.index("error signal")
    assert not renames(said, first, first + len("loss function"), second)  # it renames the derivative
    said = "the loss function is often called the cost"
    first, second = said.index("loss function"), said.index("cost")
    assert renames(said, first, first + len("loss function"), second)


def test_a_second_name_given_as_the_speaker_says_the_first_is_an_alias_of_it():
    said = ["a common function that does this is called the sigmoid function also known as a logistic curve",
            "the sigmoid function squishes the real number line into the range between zero and one",
            "the logistic curve rises slowly then quickly then slowly again near one",
            "so the sigmoid function is applied after the weighted sum of every neuron",
            "the logistic curve is smooth so the network can be trained with gradients",
            "and gradient descent moves the weights against the gradient of the cost"]
    terms, keys = _key_terms([(6.0 * i, text) for i, text in enumerate(said)])
    assert term_key("logistic curve") not in keys
    merged = next(t for t in terms if term_key(t.term) == term_key("sigmoid function"))
    assert "logistic curve" in merged.aliases
    said = ["a hash table keeps its keys in buckets and the load factor says how full the buckets are",
            "when the load factor gets too high the table grows and we call this resizing, or rehashing",
            "rehashing moves every key of the hash table to a bucket of a bigger array",
            "so resizing costs time once in a while but the amortized cost of an insert stays small",
            "rehashing is why a hash table insert is amortized constant time",
            "and resizing needs a new hash function only if the table size is part of it"]
    terms, keys = _key_terms([(6.0 * i, text) for i, text in enumerate(said)])
    assert term_key("rehashing") not in keys  # named second: the first name stands
    assert "rehashing" in next(t for t in terms if term_key(t.term) == term_key("resizing")).aliases


def test_a_term_misheard_a_sound_apart_is_merged_too():
    from quizgen.nlp.pipeline import sound_key

    said = ["combinatorial reconfiguration studies the steps between two solutions of a puzzle",
            "in combinatorial reconfiguration one token moves at a time along an edge",
            "so combinatorial reconfiguration asks whether one solution reaches another",
            "we ask it of combinatorial configuration in puzzles with a vertex for every solution",
            "and combinatorial reconfiguration is hard in general for independent sets"]
    rows = [(6.0 * i, text) for i, text in enumerate(said)]
    assert sound_key(["combinatorial", "configuration"]) != sound_key(["combinatorial", "reconfiguration"])
    terms, keys = _key_terms(rows)
    assert term_key("combinatorial reconfiguration") in keys
    assert term_key("combinatorial configuration") not in keys
    merged = next(t for t in terms if term_key(t.term) == term_key("combinatorial reconfiguration"))
    assert "combinatorial configuration" in merged.aliases
    # two words of a subject a letter apart are both meant, not one misheard as a much commoner word
    cells = [(6.0 * i, "diploid cells carry two copies of each chromosome in the nucleus") for i in range(5)]
    cells.append((30.0, "and haploid cells carry one copy of each chromosome"))
    assert term_key("haploid cells") in _key_terms(cells)[1]
    # two everyday words a sound apart stay two terms ('white pixels' and 'red pixels' are both meant)
    assert term_key("red pixels") in {k for k in _key_terms([
        (0.0, "white pixels are bright and white pixels fill the background of the white pixels image"),
        (6.0, "a red pixels region marks the digit"), (12.0, "white pixels again")])[1]}


@pytest.mark.parametrize("rows,kept,alias", [
    ([(0.0, "theta refers to the parameters that the outer loop of meta learning learns"),
      (6.0, "we update theta with gradient descent on the loss of every task"),
      (12.0, "for architecture search it is the same deal theta refers to the parameters of the architecture"),
      (18.0, "after training theta stays fixed and each new task adapts from it")],
     "theta", "deal theta"),  # a word before it: the same term in use
    ([(0.0, "the metastable region is where the update rule settles between the stored patterns"),
      (6.0, "a query that starts inside the metastable region converges to an average of patterns"),
      (12.0, "call it metastable region k, the one around the k-th cluster of patterns"),
      (18.0, "the metastable region grows when the inverse temperature is small")],
     "metastable region", "metastable region k"),  # a letter after it: the term named by a symbol
])
def test_a_phrase_said_once_around_a_kept_term_is_a_use_of_it_not_a_new_term(rows, kept, alias):
    terms, keys = _key_terms(rows)
    assert term_key(kept) in keys and term_key(alias) not in keys
    term = next(t for t in terms if term_key(t.term) == term_key(kept))
    assert alias in term.aliases


def test_a_term_said_once_after_a_rare_modifier_counts_for_the_term_but_is_no_name_of_it():
    rows = [
        (0.0, "a chatbot answers questions about your leave policy from the handbook"),
        (6.0, "the chatbot cannot book anything, it only answers"),
        (12.0, "when it remembers what you said and acts for you, well, this is agentic chatbot."),
        (18.0, "a chatbot like that still needs a person to check its answers"),
    ]
    terms, keys = _key_terms(rows)
    assert term_key("chatbot") in keys and term_key("agentic chatbot") not in keys
    chatbot = next(t for t in terms if term_key(t.term) == term_key("chatbot"))
    assert "agentic chatbot" not in chatbot.aliases
    # 'this is agentic chatbot.' names the agentic kind, so it is no definition of the chatbot
    definitions = analyze_lecture(lecture(rows)).definitions
    assert not any("agentic" in d.evidence for d in definitions if term_key(d.term) == term_key("chatbot"))


def test_a_card_says_what_its_evidence_says_when_the_passage_is_too_long_to_quote():
    story = ("the first principle that emerged from the discussion said that the right thing to do the moral thing "
             "to do depends on the consequences that will result from your action at the end of the day and so on "
             "and people kept saying it again and again and again in every one of the cases that we looked at today "
             "better that five should live even if one must die.")
    rows = [
        (0.0, story),
        (30.0, "That's an example of consequentialist reasoning."),
        (34.0, "consequentialist reasoning locates morality in the consequences of an act."),
        (40.0, "we went further, and people weren't so sure about consequentialist reasoning."),
        (46.0, "Some held that consequentialist reasoning ignores the act itself."),
    ]
    found = [d for d in analyze_lecture(lecture(rows)).definitions
             if term_key(d.term) == term_key("consequentialist reasoning")]
    assert found
    for d in found:
        assert "principle" not in d.definition and "consequences of an act" in d.definition, d
        assert "consequences of an act" in d.evidence  # the card's words are the evidence's


def test_a_relative_clause_cut_off_by_a_full_stop_is_part_of_the_sentence_before():
    from quizgen.nlp.models import load_spacy
    from quizgen.nlp.units import sentence_spans

    text = ("By gender, we mean the social and cultural meanings. Which get attributed to sex. You know this law "
            "as every action has an equal reaction. Which just means that a push is pushed back. Which one is it?")
    doc = load_spacy()(text)
    sentences = [text[a:b] for a, b in sentence_spans(doc)]
    assert "By gender, we mean the social and cultural meanings. Which get attributed to sex." in sentences
    assert "Which just means that a push is pushed back." in sentences  # a sentence of its own
    assert "Which one is it?" in sentences  # a question
    assert len(sentences) == len(list(doc.sents)) - 1


def test_a_made_up_case_is_no_definition():
    rows = [(0.0, "Let\u2019s say you\u2019ve got a refrigerator, and the problem is that the freezer is too cold."),
            (6.0, "Suppose I'm designing a new freezer with one dial for the refrigerator and the freezer."),
            (12.0, "A mental model is what a user believes about how a system works, like the freezer's dial."),
            (18.0, "The freezer and the refrigerator share one cooling unit, which the mental model gets wrong.")]
    definitions = analyze_lecture(lecture(rows)).definitions
    assert any(d.definition.startswith("A mental model is what a user believes") for d in definitions)
    assert not any(d.evidence.startswith(("Let", "Suppose")) for d in definitions), definitions


def test_no_card_states_what_the_speaker_denies_or_refutes():
    rows = [
        (0.0, "Gender expectations shape how a child is raised from the first day of its life."),
        (6.0, "By gender, we mean the social, cultural and psychological meanings that get attributed to sex."),
        (12.0, "This is not to suggest that brain science does not have a great deal to contribute to our "
               "understanding of gender by looking at the brains of boys and girls and the ways those brains "
               "change over the long years of childhood, as any parent who has watched a child grow up from a "
               "baby into a teenager in a family like ours will already know quite well."),
        (24.0, "One explanation people give is that brain science fixes gender at birth. But that is wrong."),
        (30.0, "Brain science studies the brain, and gender expectations are socially constructed."),
    ]
    definitions = analyze_lecture(lecture(rows)).definitions
    assert any(d.definition.startswith("By gender, we mean the social") for d in definitions)
    for d in definitions:
        assert not d.definition.lower().startswith("brain science does not have"), d
        assert "fixes gender at birth" not in d.definition, d


def test_a_card_of_a_long_sentence_starts_at_the_clause_of_its_term():
    long = ("As you might have guessed by now, these special vectors are called the eigenvectors of the "
            "transformation, and each eigenvector has associated with it what's called an eigenvalue, which is "
            "just the factor by which it's stretched or squished during the transformation.")
    rows = [(0.0, "A matrix moves most vectors off their span, and the eigenvalue tells how far."), (5.0, long),
            (15.0, "An eigenvalue of two doubles the length of its eigenvector."),
            (20.0, "So the eigenvalue and the eigenvector go together.")]
    found = [d for d in analyze_lecture(lecture(rows)).definitions if d.start_second == 5
             and term_key(d.term) == term_key("eigenvalue")]
    assert found and found[0].definition.startswith("Each eigenvector has associated with it")
    assert "stretched or squished" in found[0].definition
    assert long in found[0].evidence  # the evidence is still the sentence
    named_after = ("We pass every unlabeled image through the network twice with two different random "
                   "augmentations, and we penalise the squared difference between the two predictions so that the "
                   "network learns to give the same answer for both views of the image, and this whole idea is "
                   "called the pi model.")
    rows = [(0.0, "Semi-supervised learning uses unlabeled images as well as labeled ones."), (5.0, named_after),
            (15.0, "The pi model needs no labels for its consistency term."),
            (20.0, "Later methods improved on the pi model with a teacher network.")]
    named = [d for d in analyze_lecture(lecture(rows)).definitions
             if d.start_second == 5 and term_key(d.term) == term_key("pi model")]
    assert named and "augmentations" in named[0].definition  # what the name names stays
    from quizgen.nlp.definitions import _clause_start

    listed = "Mitosis, meiosis, and binary fission are the three ways that cells divide, and each one copies DNA"
    assert _clause_start(listed, 0, listed.index("binary fission")) == 0  # ', and' ends a list here
    assert listed[_clause_start(listed, 0, listed.index("each one")):].startswith("each one")


def test_a_clause_that_asks_something_is_no_card():
    rows = [(0.0, "Negative weights where the brightness of that pixel is some loose depiction of the weights value?"),
            (5.0, "So negative weights pull the sum down for the pixels in the region."),
            (10.0, "We add the negative weights and the positive weights together."),
            (15.0, "With negative weights the neuron can ignore the pixels around the edge.")]
    assert term_key("negative weights") in _key_terms(rows)[1]
    assert not [d for d in analyze_lecture(lecture(rows)).definitions if "?" in d.definition]
    agreed = [(0.0, "Natural selection is the process by which individuals with helpful traits leave more "
                    "offspring, right?"),
              (6.0, "Over many generations natural selection changes a population."),
              (12.0, "Darwin saw natural selection at work in finches.")]
    assert any(term_key(d.term) == term_key("natural selection") for d in analyze_lecture(lecture(agreed)).definitions)


def test_what_a_name_is_given_to_describes_the_named_thing_not_its_parts():
    named = "A set of basis vectors which are also eigenvectors is called, again, reasonably enough, an eigenbasis."
    restated = "These special vectors are called the eigenvectors of the transformation."
    text, _, units = _parsed([(0.0, named), (6.0, restated)])
    described = {u.char_start + i for u in units for i in u.described}
    assert text.index("basis vectors") in described  # what sets the set apart, not what is named
    assert text.index("special vectors") not in described  # the head: named, so said again in other words
    rows = [(0.0, "The basis vectors are where i-hat and j-hat land, and a basis vector spans one axis."), (6.0, named),
            (12.0, "With an eigenbasis the matrix of the transformation is diagonal, and the basis vectors stay put."),
            (18.0, "So the basis vectors of an eigenbasis are only scaled, and the eigenbasis makes powers easy.")]
    found = analyze_lecture(lecture(rows)).definitions
    assert any(term_key(d.term) == term_key("eigenbasis") and "is called" in d.evidence for d in found)
    assert not any(term_key(d.term) == term_key("basis vectors") and "is called" in d.evidence for d in found)


def test_a_hyphenated_modifier_said_once_makes_a_different_term():
    rows = [
        (0.0, "adaptation is how the model learns new parameters for a new task from its small training set"),
        (6.0, "we run adaptation with a few gradient steps on the support set of the task"),
        (12.0, "lastly a class of algorithms that I will refer to as black-box adaptation approaches"),
        (18.0, "after adaptation the model is evaluated on the query set of the same task"),
    ]
    terms, keys = _key_terms(rows)
    adaptation = next(t for t in terms if term_key(t.term) == term_key("adaptation"))
    assert not any("black" in alias for alias in adaptation.aliases)  # 'black-box' is no mis-segmented word


def test_sound_keys_need_two_words_and_keep_numbers():
    from quizgen.nlp.pipeline import _misheard, sound_key

    assert sound_key(["meta", "terrain"]) == sound_key(["meta", "train"])
    assert sound_key(["sigmoid", "squish", "evocation"]) == sound_key(["sigmoid", "squishification"])
    assert sound_key(["matrix"]) is None  # 'matrix' and 'metrics' sound alike and are both terms
    assert sound_key(["25th", "percentile"]) != sound_key(["75th", "percentile"])
    assert sound_key(["α", "helix"]) is None  # Metaphone reads no Greek: 'α helix' is not 'β helix'
    assert _misheard(["meta", "terrain"], 1, ["meta", "train"], 10)
    assert not _misheard(["general-purpose", "ai"], 1, ["general-purpose"], 9)  # a word added is another term
    assert not _misheard(["red", "node"], 4, ["root", "node"], 6)  # both said often: two terms
    assert not _misheard(["band", "energy"], 1, ["bond", "energy"], 6)  # two everyday words, both meant
    assert sound_key(["unsupervised", "learning"]) != sound_key(["supervised", "learning"])


def test_a_stand_in_for_a_noun_ends_no_term():
    keys = set(_candidates([(0.0, "the red ones fire together and the blue ones stay quiet in the hidden layer")]))
    assert term_key("hidden layer") in keys
    assert not any(key.endswith("one") for key in keys)


def test_a_clause_that_only_announces_a_term_is_no_definition():
    from quizgen.nlp.definitions import announces

    assert announces("so let's talk about variance and standard deviation.", "variance")
    assert announces("next, we have the median.", "median")
    recap = "i'd like to follow up on our last lecture about the sociological imagination and ask three questions"
    assert announces(recap, "sociological imagination")  # another session's topic
    assert announces("we last left off studying the heat equation in the one-dimensional case of a rod.",
                     "heat equation")  # where the last session stopped
    assert announces("moving on, number three, here, is what we talked about last time, which is the gravitational "
                     "redshift.", "gravitational redshift")  # the same, said after it
    assert not announces("we talked about last time how light bends, and the redshift is the change in wavelength",
                         "redshift")
    assert not announces("the last lecture on entropy is entropy's best", "lecture")
    assert not announces("the variance is the mean squared distance from the mean.", "variance")
    crazy = "polarity is crazy important. so important that we'll do a whole episode on it."
    assert announces(crazy, "polarity", cue_strength(crazy, "polarity")[0])  # an opinion of it, however cued
    assert announces("let\u2019s talk about variance and standard deviation.", "variance")  # a curly apostrophe
    assert not announces("next we have entropy, which measures the average surprise", "entropy")
    assert not announces("the model is going to focus on the attention weights", "attention weights")
    # a question put off ('what X is') announces; a pseudo-cleft ('what X is is ...') answers
    assert announces("Now I'm ready to tell you next what existential thinking is.", "existential thinking")
    assert announces("a program telling you what it thinks the digit is", "digit")
    assert not announces("so what entropy is is the average surprise of an outcome", "entropy")
    praise = "Eigenvectors and eigenvalues is one of those topics that a lot of students find unintuitive."
    assert announces(praise, "eigenvalue")  # talk about the topic, not what it is
    assert not announces("entropy is one of the ways to measure surprise", "entropy")
    assert announces("which is why vaccination is pretty much the greatest thing to happen to medicine", "vaccination")
    instance = "there is another example of a workflow where you perform tasks and then aggregate them"
    assert announces(instance, "workflow", cue_strength(instance, "workflow")[0])
    assert not announces("that's an example of consequentialist moral reasoning.", "consequentialist moral reasoning")
    assert not announces("an example of a workflow is a chain of prompts", "workflow")
    common = "analyst recommendation is one of the common things you'll find in any research report"
    assert announces(common, "analyst recommendation", cue_strength(common, "analyst recommendation")[0])
    assert not announces("a histogram is the simplest tool to see a distribution", "histogram")
    # an opinion of the term holds against any cue but a naming one; a put-off question only against a weak one
    opinion = "and again, the math is a much better example of this than medicine."
    assert announces(opinion, "math", cue_strength(opinion, "math")[0]) and cue_strength(opinion, "math")[0] >= 2
    assert announces("these experiments are pretty pretty interesting", "experiments", 1.0)
    assert not announces("the experiments are set up so that each layer is frozen", "experiments", 1.0)
    following = "the initial condition is the following"  # a formula or a list comes after it
    assert announces(following, "initial condition", cue_strength(following, "initial condition")[0])
    assert not announces("the initial condition is the position at time zero", "initial condition", 2.0)
    # 'what do we mean by X', asked and put off, holds against its own naming cue; answered, it names
    deferred = "and what do we mean by mindfulness some of the work i've done is trying to get clear about that"
    assert cue_strength(deferred, "mindfulness")[0] >= 3 and announces(deferred, "mindfulness", 3.0)
    assert not announces("so what do we mean by regularization we mean adding a penalty", "regularization", 3.0)
    answered = "what do you mean by variance it's the average squared distance from the mean let's look at it"
    assert not announces(answered, "variance", 3.0)
    asked = "so intuitively, let's talk about what the demand curve represents."  # the answer comes next
    assert cue_strength(asked, "demand curve")[0] >= 3 and announces(asked, "demand curve", 3.0)
    put_off = "what this expression is saying is that a times v is a scaled v"
    assert announces(put_off, "expression") and not announces(put_off, "expression", 2.0)
    assert not announces("entropy is pretty interesting and is called the surprise", "entropy", 3.0)
    # 'what X means' put off holds against the naming cue it holds itself; said of what came before, it names
    assert announces("that's what i said, what entropy means we'll see", "entropy", 3.0)  # another 'what'
    asked = "for any of you who want to know what matrix vector multiplication means take a look at my series"
    assert cue_strength(asked, "multiplication")[0] == 3.0 and announces(asked, "multiplication", 3.0)
    for named in ("and that's what entropy means", "so what entropy means is the average surprise",
                  "that is really what entropy means", "what entropy means in practice is the average surprise",
                  "this is basically exactly what entropy means"):
        assert not announces(named, "entropy", cue_strength(named, "entropy")[0]), named
    rows = [
        (0.0, "Today we measure how spread out a data set is."),
        (5.0, "Let's talk about variance and the standard deviation."),
        (10.0, "To get there we first square every distance from the mean."),
        (15.0, "The variance is the average of those squared distances."),
        (20.0, "The standard deviation is the square root of the variance."),
        (25.0, "A large variance means the values are far from the mean."),
    ]
    defs = [d for d in analyze_lecture(lecture(rows)).definitions if d.term == "variance"]
    assert defs and not any("talk about" in d.evidence.lower() for d in defs)


MODIFIED = [
    (0.0, "so a layer is a group of neurons that all read the same inputs at the same time."),
    (6.0, "and the brightest neuron of that output layer is the network's choice for the digit."),
    (12.0, "you can use this extra data to improve your supervised learning objective even more."),
    (18.0, "the second one tool augmented chatbot is reactive and it answers questions."),
    (24.0, "the word shaman means one who knows, one who sees."),
]


def _words_at(unit, offsets) -> set[str]:
    return {unit.text[i:].split()[0] for i in offsets}


def test_a_mention_inside_a_longer_phrase_is_marked_modified():
    _, _, units = _parsed(MODIFIED)
    modified = set().union(*(_words_at(u, u.modified) for u in units))
    assert "layer" in modified  # 'that output layer'
    assert "supervised" not in modified and "tool" not in modified  # 'your ...', 'one ...' make no longer term
    assert "shaman" not in modified  # 'the word' quotes the term, no kind of it
    first = next(u for u in units if "a layer is a group" in u.text)
    assert first.text.index("layer") not in first.modified


def test_card_wording_keeps_the_phrase_a_term_is_part_of():
    from quizgen.nlp.definitions import _sentence_around

    text, _, units = _parsed(MODIFIED)
    unit = next(u for u in units if "output layer" in u.text)
    m0 = unit.char_start + unit.text.index("layer is the network")
    _, _, start = _sentence_around(m0, m0 + len("layer"), False, text, [], [], unit, units)
    assert start < m0 and text[start:m0].strip().endswith("output")  # not "Layer is the network's choice"
    plain = next(u for u in units if "a layer is a group" in u.text)
    p0 = plain.char_start + plain.text.index("layer")
    assert _sentence_around(p0, p0 + 5, False, text, [], [], plain, units)[2] <= p0


def test_card_wording_keeps_the_what_that_asks_what_the_term_does():
    from quizgen.nlp.definitions import _sentence_around

    text, _, units = _parsed([(0.0, "and what a shaman is typically doing is trying to disrupt the ways we see")])
    unit = units[0]
    m0 = unit.char_start + unit.text.index("shaman")
    _, _, start = _sentence_around(m0, m0 + len("shaman"), False, text, [], [], unit, units)
    assert text[start:].lower().startswith("what a shaman")  # not "A shaman is typically doing is ..."


def test_a_mention_inside_a_longer_phrase_scores_lower_as_a_definition():
    units, options = _options(MODIFIED, "layer")
    inside = [o for o in options.values() if "output layer" in units[o.unit].text]
    assert inside and all(o.score < o.score_ignoring("modified") for o in inside)


def test_a_term_that_modifies_the_noun_after_it_is_part_of_a_longer_phrase():
    import dataclasses

    from quizgen.nlp.definitions import mention_options
    from quizgen.nlp.models import embed
    from quizgen.nlp.pipeline import UnitVectors
    from quizgen.nlp.terms import find_candidates

    rows = [
        (0.0, "and so your gradient descent can't tell the difference between these two activations."),
        (6.0, "the gradient is the vector of partial derivatives of the loss."),
        (12.0, "we create initiation rituals rituals that are designed to show our commitment to the group."),
    ]
    _, doc, units = _parsed(rows)
    ends = [{u.text[:i].split()[-1] for i in u.modifying} for u in units]
    assert "gradient" in ends[0] and "rituals" not in ends[2]  # 'rituals rituals' is no longer phrase
    # the tagger reads this 'gradient' as an adjective, so the pipeline finds the mention by its spelling
    cand = find_candidates(doc, units)[term_key("gradient")]
    cand = dataclasses.replace(cand, mentions=sorted({*cand.mentions, (0, -1, -1)}))
    inside, plain = mention_options(cand, units, UnitVectors(units), embed(["gradient"])[0])
    assert inside.features[FEATURES.index("modified")] == 1.0 and inside.score < inside.score_ignoring("modified")
    assert plain.features[FEATURES.index("modified")] == 0.0 and plain.cue >= 2


def test_a_weak_cue_on_a_longer_phrase_is_no_cue_for_the_term_inside_it():
    rows = [
        (0.0, "a second difference is that adaptive immunity is systemic and works across the whole body."),
        (6.0, "immunity takes weeks to build after the first infection."),
    ]
    inside, plain = _options_saying(rows, "immunity", "adaptive immunity", "takes weeks")
    assert inside.cue == 0.0 and plain.cue > 0.0  # 'adaptive immunity is ...' tells of adaptive immunity


def test_a_mention_followed_by_a_new_subject_or_question_scores_lower_as_a_definition():
    rows = [
        (0.0, "There is increasing public interest in psychedelics I gave a talk at Yale last week."),
        (6.0, "Psychedelics are substances that alter perception and mood for several hours."),
        (12.0, "Psychedelics you take in a clinic work differently from those taken alone."),
    ]
    dangling, *others = _options_saying(rows, "psychedelics", "I gave a talk", "are substances", "you take")
    assert dangling.features[FEATURES.index("dangling")] == 1.0 and dangling.score < dangling.score_ignoring("dangling")
    assert not any(o.features[FEATURES.index("dangling")] for o in others)
    # a connective that opens a new thought ('... the normal 98 atomic mass | and so the next challenge ...', where
    # on unpunctuated speech our cut opened a clause with the last words of the one before)
    rows = [(0.0, "It's an isotope of the normal 98 atomic mass and so the next challenge is a new imaging agent."),
            (6.0, "The atomic mass is the number of protons and neutrons in the nucleus.")]
    cut, plain = _options_saying(rows, "atomic mass", "next challenge", "protons")
    assert cut.features[FEATURES.index("dangling")] == 1.0 and plain.features[FEATURES.index("dangling")] == 0.0


def test_a_mention_in_a_question_scores_lower_as_a_definition():
    rows = [
        (0.0, "The worker on the side track made no sacrifice of his own choosing, did he?"),
        (6.0, "A sacrifice is giving up something of value for the sake of others."),
        (12.0, "What is a sacrifice?"),
        (15.0, "It is giving up something you value."),
        (20.0, "And what happens in a sacrifice?"),
        (24.0, "Well, this kind of thing, I skipped a page."),
    ]
    asked, what, happens = _options_saying(rows, "sacrifice", "did he?", "What is", "what happens")
    assert asked.features[FEATURES.index("question")] == 1.0 and asked.score < asked.score_ignoring("question")
    assert what.features[FEATURES.index("question")] == 0.0  # answered by the sentence after it
    assert happens.features[FEATURES.index("question")] == 1.0  # asks no what-is: the next sentence is no answer


def test_a_yes_or_no_question_that_names_a_term_is_no_cue():
    rows = [
        (0.0, "It answers questions about your leave policy. Do we call this agentic AI?"),
        (6.0, "Is that clear? Well, a system that acts on its own is what we call agentic AI."),
        (12.0, "Can everyone see that agentic AI is a system that plans and acts?"),
    ]
    asked, named, rhetorical = _options_saying(rows, "agentic AI", "Do we call", "acts on its own", "everyone")
    assert asked.cue == 0.0 and named.cue >= 3.0  # a question before the term's sentence takes nothing
    assert rhetorical.cue >= 2.0  # only a naming cue waits for the answer


def test_what_is_questions_are_told_from_other_questions():
    from quizgen.nlp.definitions import _asks_what

    for asked in ("What\u2019s a hash table?", "So what exactly is a binary search tree?", "whats a heap?",
                  "Can anyone tell me what a trie is?", "What does a hash function do?",
                  "What's the difference between a list and a tree?"):
        assert _asks_what(asked), asked
    for other in ("And what happens in morality?", "And morality, what about that?", "What a day?"):
        assert not _asks_what(other), other


def test_a_term_said_in_a_list_is_marked_listed_and_scores_lower_as_a_definition():
    rows = [
        (0.0, "today we will look at entropy minimization, pseudo labeling and temporal ensembling."),
        (6.0, "temporal ensembling keeps a moving average of the predictions for every sample."),
    ]
    units, options = _options(rows, "temporal ensembling")
    listed = {u.index: _words_at(u, u.listed) for u in units}
    assert "temporal" in listed[0] and "temporal" not in listed[1]
    assert options[0].score < options[0].score_ignoring("listed")
    assert options[1].score == options[1].score_ignoring("listed")


def test_a_term_among_examples_that_run_on_with_and_so_on_scores_lower_as_a_definition():
    rows = [
        (0.0, "In this system I might have integrated a Skyfare API for booking flights, a Meteo API for the "
              "weather and so on."),
        (6.0, "The Skyfare API takes a city and a date and returns the cheapest flights."),
    ]
    among, plain = _options_saying(rows, "skyfare api", "and so on", "returns the cheapest")
    assert among.features[FEATURES.index("listed")] == 1.0 and among.score < among.score_ignoring("listed")
    assert plain.features[FEATURES.index("listed")] == 0.0


def test_mentions_inside_a_longer_compound_are_counted():
    cands = _candidates([
        (0.0, "the label data is small, so each label data point is precious."),
        (6.0, "a label is the class a person gave to an image."),
    ])
    label = cands[term_key("label")]
    assert label.count == 3 and label.compounded == 2  # 'label data' twice; 'a label is' stands alone


def test_a_wording_that_says_nothing_besides_the_term_is_no_definition():
    from quizgen.nlp.normalize import says_little

    assert says_little("The digit is", "digit")
    assert says_little("Yes, logic.", "logic")
    assert says_little("So this is agentic chatbot.", "agentic chatbot")
    assert not says_little("A histogram shows how often values occur in each bin.", "histogram")
    assert says_little("Phi denotes the parameters", "phi", "parameters phi")  # an alias's words are the term's


def test_a_wording_that_ends_with_the_name_it_gives_keeps_its_end():
    spoken = ("and then you train it to agree with itself on two noisy views of the same unlabeled image "
              "so this idea is called the pi model")
    assert clean_definition(spoken, ends_with_name=True).endswith("this idea is called the pi model")
    assert "pi model" not in clean_definition(spoken)  # elsewhere the wording stops where the speaker moves on
    long_one = clean_definition(" ".join(["word"] * 50) + " called the pi model", ends_with_name=True)
    assert long_one.endswith("pi model") and len(long_one.split()) <= 40


SHORT_SENTENCES = [
    (0.0, "Do we call this agentic AI? Well, the answer is no. It cannot plan or act on its own goals."),
    (6.0, "This is a tool augmented chatbot."),
    (9.0, "Token jumping is next. Any token may jump to any other vertex of the graph."),
]


def test_a_wording_that_starts_again_with_its_term_keeps_the_second_start():
    from quizgen.nlp.definitions import _without_false_start

    restarted = "Supervised learning in supervised learning you have a joint distribution"
    assert _without_false_start(restarted, "supervised learning") == \
        "In supervised learning you have a joint distribution"
    assert _without_false_start("Skepticism, skepticism is a resting place", "skepticism") == \
        "Skepticism is a resting place"
    explained = "Theta star where theta star is whatever maximizes the log probability"
    assert _without_false_start(explained, "theta star") == explained  # 'where' explains the first


def test_a_short_sentence_does_not_take_a_next_sentence_that_names_something_else():
    from quizgen.nlp.definitions import _sentence_around
    from quizgen.nlp.units import Unit

    first, naming, plain = ("Well, this again requires multi-step planning.", "So, let's call this a broader goal.",
                            "It breaks the goal into steps and orders them.")
    for after, extended in ((naming, False), (plain, True)):
        text = f"{first} {after}"
        sentences = [(0, len(first)), (len(first) + 1, len(text))]
        m0 = text.index("multi-step planning")
        unit = Unit(0, 0, 0, 0, len(first), first, 0)
        _, b, _ = _sentence_around(m0, m0 + len("multi-step planning"), False, text, sentences, [0, len(first) + 1],
                                   unit, [unit])
        assert (b == len(text)) == extended


def test_a_wording_cut_where_its_thought_goes_on_takes_the_next_clause():
    from quizgen.nlp.definitions import _continues
    from quizgen.nlp.units import Unit

    texts = ["finally we look at regularization which is the idea of taking a model making sure",
             "that it's generalizing well to a new validation set", "so now let's move on to the results"]
    units, pos = [], 0
    for i, t in enumerate(texts):
        units.append(Unit(i, 0, 0, pos, pos + len(t), t, i * 5))
        pos += len(t) + 1
    wording = "regularization which is the idea of taking a model making sure"
    assert _continues(units, 0, wording)  # '... making sure | that it's generalizing well ...'
    assert not _continues(units, 1, "that it's generalizing well to a new validation set")  # 'so now ...' is new
    assert not _continues(units, 2, "so now let's move on to the results")  # no clause after it


def test_a_wording_cut_inside_a_phrase_takes_the_clause_that_ends_it():
    from quizgen.nlp.definitions import _ends_the_phrase, _stops_inside

    cut = "foolishness is a lack of"
    assert _stops_inside(cut) and not _stops_inside("foolishness is a lack of wisdom")
    assert _ends_the_phrase(cut, "foolishness is a lack of wisdom and it undermines your goals")
    assert not _ends_the_phrase("theta star come from", "theta star come from well")  # a word more says nothing
    assert not _ends_the_phrase("therapy is booming in our culture part of",
                                "therapy is booming in our culture part of why it's booming is a lack of")


def test_a_short_sentence_takes_the_sentences_that_say_what_the_term_is():
    from quizgen.nlp.definitions import _sentence_around

    text, doc, units = _parsed(SHORT_SENTENCES)
    sentences = [(s.start_char, s.end_char) for s in doc.sents]
    starts = [a for a, _ in sentences]

    def around(term):
        m0 = text.index(term)
        unit = next(u for u in units if u.char_start <= m0 < u.char_end)
        a, b, _ = _sentence_around(m0, m0 + len(term), False, text, sentences, starts, unit, units)
        return text[a:b]

    chatbot = around("tool augmented chatbot")  # 'This is X.': what 'this' is was said before
    assert chatbot.startswith("It cannot plan") and chatbot.endswith("chatbot.")
    jumping = around("Token jumping")  # 'X is next.': what it is comes after
    assert jumping.startswith("Token jumping") and "jump to any other vertex" in jumping


def test_a_mention_is_read_in_the_form_said_there_not_the_commonest_form():
    rows = [
        (0.0, "we draw the basis vectors in green and the basis vectors stay fixed."),
        (6.0, "later the basis vectors move with the grid."),
        (12.0, "the basis vector i hat points along the x axis of the plane."),
    ]
    said_singular, = _options_saying(rows, "basis vectors", "the basis vector i hat")
    assert said_singular.surface == "basis vector"
    assert dict(zip(FEATURES, said_singular.features))["at_start"] == 1.0


def test_this_is_x_names_what_the_sentences_before_it_described():
    assert cue_strength("everything is hardwired through code here. so this is a workflow.", "workflow") == (2.0, True)
    assert cue_strength("this is agentic ai folks", "agentic ai") == (2.0, True)
    assert cue_strength("this is a workflow that the code fixes", "workflow")[0] < 2  # said of it, not named
    rows = [
        (0.0, "Every question goes to a router, and the router sends it down a path that the code fixes in advance."),
        (6.0, "Okay."),
        (8.0, "So this is a workflow."),
        (12.0, "A workflow never decides on its own which path to take, and an agent does."),
        (18.0, "The agent plans, calls tools and checks the result before it answers."),
    ]
    named = [d for d in analyze_lecture(lecture(rows)).definitions if d.term == "workflow"]
    # 'Okay.' says nothing, so the passage reaches back to the sentence that described the workflow
    assert named[0].evidence.startswith("Every question goes to a router") and named[0].start_second == 0
    assert named[0].evidence.endswith("So this is a workflow.")
    # 'So this is X.' then 'X is ...' opens a topic: the explanation is what follows, not what came before
    rows = [
        (0.0, "The loss adds up the squared errors. We square each error and add them up over the whole data set."),
        (6.0, "Okay, next slide. So this is gradient descent."),
        (9.0, "Gradient descent is an algorithm that updates the weights a small step against the gradient."),
        (15.0, "Each step of gradient descent makes the loss a little smaller."),
    ]
    opened = [d for d in analyze_lecture(lecture(rows)).definitions if d.term == "gradient descent"]
    assert opened[0].definition.startswith("Gradient descent is an algorithm"), opened


def test_a_persons_name_said_in_lower_case_is_no_term_but_an_eponym_stays():
    rows = [
        (0.0, "today we talk about stereotype threat and the work of claude steele who studied it for decades"),
        (6.0, "claude steele showed that stereotype threat lowers test scores when a stereotype is made salient"),
        (12.0, "steele ran the first experiments at stanford and steele found that stereotype threat is about the "
               "situation"),
        (18.0, "the shannon entropy of the answers and a taylor series of the curve are side notes"),
        (24.0, "paul mcnulty argued with claude steele about stereotype threat and shannon entropy and the taylor "
               "series"),
        (30.0, "in the end claude steele and paul mcnulty agreed that stereotype threat and the taylor series matter"),
    ]
    terms, keys = _key_terms(rows)
    assert term_key("stereotype threat") in keys
    assert term_key("shannon entropy") in keys and term_key("taylor series") in keys  # a given name, then no surname
    assert not {term_key("claude steele"), term_key("paul mcnulty"), "steele", "paul"} & set(keys), keys
    assert not any("mcnulty" in key for key in keys), keys  # 'notes paul mcnulty' holds his name too
    # a full name with more after it names a thing
    cands = _candidates([(0.0, "the shannon hartley theorem bounds a channel, as claude shannon and ralph hartley saw"),
                         (6.0, "so the shannon hartley theorem and the marshall lerner condition are eponyms")])
    assert cands[term_key("shannon hartley theorem")].person == 0, "an eponym"
    assert cands[term_key("marshall lerner condition")].person == 0, "an eponym"
    assert cands[term_key("claude shannon")].person > 0 and cands[term_key("ralph hartley")].person > 0


def test_an_unmarked_new_sentence_in_unpunctuated_speech_ends_a_cards_wording():
    from quizgen.nlp.models import load_spacy
    from quizgen.nlp.units import run_on_starts

    said = ("the mechanistic view is probably the one that makes it clearest the probabilistic view treats it as a "
            "prior that tasks share")  # a 'that' after its verb does not make it a relative clause
    assert [said[i:i + 22] for i in run_on_starts(load_spacy()(said))] == ["the probabilistic view"]
    # a 'where' clause the parser hangs on the next sentence is a relative clause of the one before
    said = ("but you can view multitask learning is a special case where Phi is just equal to theta another very "
            "closely related problem setting is type of parameter optimization and auto ml")
    assert [said[i:i + 12] for i in run_on_starts(load_spacy()(said))] == ["another very"]
    assert run_on_starts(load_spacy()("where the curve crosses zero the function changes sign")) == []
    for joined in ("i think the model is wrong because the data is noisy and we know that the labels are late",
                   "a loss function is a formula that tells you how bad the predictions of your model are",
                   "as you start to read other people's mental states you increase your ability to read your own"):
        assert run_on_starts(load_spacy()(joined)) == [], joined
    rows = [
        (0.0, "okay so the mechanistic view is a way of looking at meta learning as a network that reads a whole "
              "data set the probabilistic view treats meta learning as inference over a prior"),
        (9.0, "so the mechanistic view reads a whole data set and the probabilistic view learns a prior from tasks"),
        (15.0, "both the mechanistic view and the probabilistic view describe the same meta learning algorithms"),
    ]
    wording = {}
    for d in analyze_lecture(lecture(rows)).definitions:
        wording.setdefault(d.term, d.definition)  # each term's first card
    assert wording["mechanistic view"].endswith("a network that reads a whole data set")
    assert wording["probabilistic view"].startswith("The probabilistic view treats meta learning")


def test_a_term_said_as_a_of_b_and_as_b_a_is_one_term_and_an_adjective_that_makes_a_term_stays():
    said = ["the rope pulls the box up with a tension force and gravity pulls it down",
            "so the tension force balances the weight of the box when nothing moves",
            "the force of tension in the rope is five newtons when the box weighs five newtons",
            "in a lift the force of tension pulls the lift up",
            "the floor pushes back with a normal force on the box",
            "this normal force is perpendicular to the floor",
            "the gravitational force on the box points down, and the normal force points up",
            "the tension force and the normal force are contact forces"]
    terms, keys = _key_terms([(6.0 * i, text) for i, text in enumerate(said)])
    assert term_key("force of tension") not in keys  # said as 'tension force' too: one term
    tension = next(t for t in terms if term_key(t.term) == term_key("tension force"))
    assert "force of tension" in tension.aliases
    normal = next(t for t in terms if term_key(t.term) == term_key("normal force"))
    assert "gravitational force" not in normal.aliases  # 'normal' is no generic edge of 'normal force'


def test_a_term_keeps_the_words_it_is_always_said_with():
    said = ["the first step in solving a problem like this is to draw what is known as a free body diagram",
            "basically you draw the object and every force acting on it as an arrow",
            "for our box the free body diagram is pretty simple with gravity down and tension up",
            "now let us draw a free body diagram for the lift with up as the positive direction"]
    terms, keys = _key_terms([(6.0 * i, text) for i, text in enumerate(said)])
    assert term_key("free body diagram") in keys and term_key("free body") not in keys


def test_a_short_dense_lecture_gets_more_terms_a_minute_than_a_long_one():
    from quizgen.nlp.pipeline import _term_budget

    def budget(words: int) -> int:
        return _term_budget(lecture([(0.0, " ".join(["word"] * words))]))

    assert budget(100) == 12 and budget(700) == 14  # a clip: a dozen or so
    assert budget(1300) == 18 and budget(2000) == 18  # a 10-minute explainer: as many as a 20-minute talk
    assert budget(3500) == 22 and budget(9000) == 30  # then one more per 350 words, to 30


def test_a_kind_named_once_is_its_own_term_not_a_mention_of_its_head():
    said = ["A tree is a data structure made of nodes, and each node stores a value and pointers.",
            "The top most node is called the root.",
            "And any nodes that hang from other nodes are called children nodes.",
            "As you might expect, nodes above children are called parent nodes.",
            "Each node stores a value and a pointer to the next node in memory."]
    terms, keys = _key_terms([(6.0 * i, text) for i, text in enumerate(said)])
    # named: kinds of node, each its own term, not the node said again
    assert {"children nodes", "parent nodes"} <= {t.term for t in terms}
    assert term_key("node") not in {term_key(t.term) for t in terms}  # the kinds stand for it (select_terms' hubs)
    assert not any({"children nodes", "parent nodes"} & set(t.aliases) for t in terms)


def test_a_lone_word_the_lecture_defines_stays_a_term_beside_its_kinds():
    said = ["The electron is a negatively charged particle that orbits the nucleus of an atom.",
            "The electron configuration of an atom lists where each electron sits.",
            "Two electrons that share an orbital form an electron pair.",
            "An electron pair can be shared between two atoms in a covalent bond.",
            "The electron configuration decides how an atom bonds.",
            "So every electron pair and every electron configuration comes back to the electron itself."]
    terms, _ = _key_terms([(6.0 * i, text) for i, text in enumerate(said)])
    kept = {term_key(t.term) for t in terms}
    assert {term_key("electron pair"), term_key("electron configuration"), term_key("electron")} <= kept


def test_a_lone_word_that_two_kept_terms_are_built_on_is_no_term_of_its_own():
    from types import SimpleNamespace

    from quizgen.nlp.pipeline import _without_hubs

    def kept(*names, named=(), subject=()):
        return [SimpleNamespace(candidate=SimpleNamespace(display=name), named_as_such=name in named,
                                defined_as_subject=name in subject) for name in names]

    def names(chosen):
        return [r.candidate.display for r in chosen]

    # 'graph' heads two kept terms, 'label' modifies two (as said, in the plural too): the field's own words
    assert names(_without_hubs(kept("graph", "bipartite graphs", "reconfiguration graph", "token"))) == [
        "bipartite graphs", "reconfiguration graph", "token"]
    assert names(_without_hubs(kept("labels", "label consistency", "label-smoothing", "entropy"))) == [
        "label consistency", "label-smoothing", "entropy"]
    # one kept term built on it is not enough, and a symbol is what its phrases are about
    assert names(_without_hubs(kept("graph", "bipartite graph", "vertex"))) == ["graph", "bipartite graph", "vertex"]
    assert names(_without_hubs(kept("theta", "theta star", "parameters theta", "x", "x test", "x train"))) == [
        "theta", "theta star", "parameters theta", "x", "x test", "x train"]
    # and a word the speaker names as such ('... is called a graph') is a term of its own
    assert names(_without_hubs(kept("graph", "bipartite graphs", "planar graph", named=("graph",)))) == [
        "graph", "bipartite graphs", "planar graph"]
    assert names(_without_hubs(kept("electron", "electron configuration", "electron pair",
                                    subject=("electron",)))) == ["electron", "electron configuration", "electron pair"]


def test_a_kept_term_that_restates_a_better_ranked_one_is_no_term_of_its_own():
    from types import SimpleNamespace

    from quizgen.nlp.pipeline import _without_variants

    def kept(*names, defined=()):
        return [SimpleNamespace(candidate=SimpleNamespace(display=name),
                                features=SimpleNamespace(defined=1.0 if name in defined else 0.0)) for name in names]

    def names(chosen):
        return [r.candidate.display for r in chosen]

    # the people of a better-ranked term's field or doctrine: the same concept, said another way
    assert names(_without_variants(kept("philosophy", "philosophers", "consequential moral reasoning",
                                        "consequentialist", "english political philosopher"))) == [
        "philosophy", "consequential moral reasoning"]
    # other words that open alike are other concepts, and so is a defined one
    assert names(_without_variants(kept("electron", "electrode", "capacitor", "capacitance", "function",
                                        "functional", "linear transformation", "transformer"))) == [
        "electron", "electrode", "capacitor", "capacitance", "function", "functional", "linear transformation",
        "transformer"]
    assert names(_without_variants(kept("physics", "physicist", defined=("physicist",)))) == ["physics", "physicist"]
    # a kept lone word with an everyday word more says no more than that word, unless the speaker explains it;
    # a technical word more makes a term of its own
    assert names(_without_variants(kept("eigenvalue", "corresponding eigenvalue", "puzzle", "puzzle game",
                                        "weights", "negative weights", defined=("negative weights",)))) == [
        "eigenvalue", "puzzle", "weights", "negative weights"]
    assert names(_without_variants(kept("gradient", "gradient descent", "rituals", "initiation rituals"))) == [
        "gradient", "gradient descent", "rituals", "initiation rituals"]
    # only a better-ranked lone word counts, and a symbol's phrases stay
    assert names(_without_variants(kept("label consistency", "consistency", "theta", "theta star",
                                        "humoral immunity", "passive humoral immunity"))) == [
        "label consistency", "consistency", "theta", "theta star", "humoral immunity", "passive humoral immunity"]


def test_an_ing_word_that_modifies_its_noun_opens_a_term_and_one_that_takes_an_object_does_not():
    cands = _candidates([
        (0.0, "They updated it to the more comprehensive concept of working memory."),
        (6.0, "Working memory involves all of the things you are processing. Yet, our working memory often "
              "transfers stuff to long-term storage."),
        (12.0, "We train the network using gradient descent."),
    ])
    assert cands[term_key("working memory")].count >= 3
    assert term_key("using gradient descent") not in cands


def test_an_everyday_word_defined_as_a_textbook_does_is_a_candidate():
    from quizgen.nlp.pipeline import rank_candidates

    rows = [(0.0, "So a market is any place where buyers and sellers meet to exchange goods and services."),
            (6.0, "The key to markets is voluntary exchange, and every market sets a price."),
            (12.0, "A change in the price changes what we buy, and the change is quick.")]
    _, doc, units = _parsed(rows)
    ranked, _ = rank_candidates(doc, units)
    keys = {r.candidate.key for r in ranked}
    assert term_key("market") in keys  # defined: 'a market is any place where ...'
    assert term_key("change") not in keys  # an everyday word said twice, and not defined so
    rows = [(0.0, "The first category is a slip, and we make it all the time."),
            (6.0, "On the other hand, a mistake is when I do what I intend to do with the wrong model."),
            (12.0, "A mistake like that is hard to see.")]
    _, doc, units = _parsed(rows)
    assert term_key("mistake") in {r.candidate.key for r in rank_candidates(doc, units)[0]}  # after a lead-in
    rows = [(0.0, "The period refers to the amount of time it takes for a full cycle of the wave."),
            (6.0, "So if the period is two seconds, the wave repeats every two seconds, and the time is short.")]
    _, doc, units = _parsed(rows)
    keys = {r.candidate.key for r in rank_candidates(doc, units)[0]}
    assert term_key("period") in keys and term_key("time") not in keys  # 'the X refers to', 'X is defined as'


def test_a_term_named_as_such_joins_past_the_budget_unless_a_kept_term_holds_it():
    import dataclasses

    from quizgen.nlp.pipeline import rank_candidates, select_terms

    rows = [(0.0, "Prices go up when supply falls, and prices go down when the supply curve moves right."),
            (6.0, "If the price goes down, people buy more strawberries. This is called the law of demand."),
            (12.0, "Supply and demand meet at the market price, and the market price clears the market."),
            (18.0, "The supply curve slopes up, and the market price moves along the supply curve.")]
    _, doc, units = _parsed(rows)
    ranked = rank_candidates(doc, units)[0]
    law = next(r for r in ranked if r.candidate.key == term_key("law of demand"))
    assert law.named_as_such and not any(r.named_as_such for r in ranked if r is not law)
    rest = [r for r in ranked if r is not law]
    assert len(rest) >= 4

    def kept(score: float, limit: int = 2) -> list[str]:
        order = rest[:limit] + [dataclasses.replace(law, score=score)] + rest[limit:]
        return [r.candidate.key for r in select_terms(order, limit)]

    assert kept(3.0) == [rest[0].candidate.key, rest[1].candidate.key, law.candidate.key]  # one past the budget
    assert kept(1.0) == [rest[0].candidate.key, rest[1].candidate.key]  # named, but ranked too low
    # a name that runs on into more words may be the start of a misheard one: no extra term
    _, doc, units = _parsed(rows[:1] + [(6.0, "we test on a benchmark called the mini image in a data set today")]
                            + rows[2:])
    mini = next(r for r in rank_candidates(doc, units)[0] if r.candidate.key == term_key("mini image"))
    assert not mini.named_as_such and mini.features.named
    schedule = dataclasses.replace(rest[0].candidate, name="law of demand schedule")
    order = [dataclasses.replace(rest[0], candidate=schedule), rest[1], dataclasses.replace(law, score=3.0)]
    assert len(select_terms(order, 2)) == 2  # part of a kept term's name


def test_a_symbol_and_its_starred_or_primed_form_are_one_term():
    rows = [(0.0, "theta denotes the meta parameters, and we learn theta from the meta training data"),
            (6.0, "theta star is whatever maximizes the log probability of theta given the meta training data"),
            (12.0, "then theta star determines the mapping, and phi star comes from theta star and the data"),
            (18.0, "phi denotes the task parameters, and phi is learned from theta star for each task")]
    kept = _kept_keys(rows)
    assert term_key("theta") in kept or term_key("theta star") in kept
    assert not {term_key("theta"), term_key("theta star")} <= kept
    assert not {term_key("phi"), term_key("phi star")} <= kept
    assert term_key("meta training data") in kept  # a phrase of words is no symbol


@pytest.mark.parametrize("punctuated", [True, False])
def test_a_terms_best_explanation_is_kept_on_less_evidence_where_the_captions_mark_sentences(monkeypatch,
                                                                                            punctuated):
    from quizgen.nlp import definitions as D
    from quizgen.nlp.terms import find_candidates
    from quizgen.nlp.units import run_on_starts, sentence_spans

    said = "Gradient descent takes small steps down the loss surface. It stops where the slope is flat."
    text, doc, units = _parsed([(0.0, said if punctuated else said.lower().replace(".", ""))])
    cand = find_candidates(doc, units)[term_key("gradient descent")]
    # one mention, scored between the two thresholds, and no cue: kept only where the evidence is a sentence
    score = (D.ACCEPT_FIRST_SENTENCES + D.ACCEPT_FIRST) / 2
    option = D.Option(0, "gradient descent", False, tuple(0.0 for _ in FEATURES), score)
    monkeypatch.setattr(D, "mention_options", lambda *args: [option])
    found = D.find_definitions([cand], units, None, [None], text, lambda c: 0, sentence_spans(doc),
                               run_ons=run_on_starts(doc))
    assert [d.term for d in found] == (["gradient descent"] if punctuated else [])


def test_a_phrase_written_in_capitals_and_once_said_to_be_a_name_is_a_person():
    from quizgen.nlp.pipeline import _a_person

    rows = [(0.0, "In 1967 a graduate student named Jocelyn Bell found a strange signal in her radio data."),
            (6.0, "They awarded a Nobel Prize to Jocelyn Bell's thesis supervisor, not to her."),
            (12.0, "The story of Jocelyn Bell and the discovery of pulsars is worth knowing."),
            (18.0, "A pulsar is a rotating neutron star. The Nobel Prize went to the supervisor.")]
    cands = _candidates(rows)
    bell = cands[term_key("jocelyn bell")]
    assert bell.person == 1 and bell.count == 3  # 'bell' is an everyday word, so only 'named' says it there
    assert _a_person(bell) and not _a_person(cands[term_key("nobel prize")])
    assert term_key("jocelyn bell") not in _kept_keys(rows)


@pytest.fixture
def own_config(tmp_path, monkeypatch):
    """A copy of config/ that a test may spoil, with every cached reading of the config forgotten around it."""
    import shutil

    from quizgen.config import _shipped_config_dir
    from quizgen.nlp import definitions, normalize

    folder = tmp_path / "config"
    shutil.copytree(_shipped_config_dir(), folder)
    monkeypatch.setenv("QUIZGEN_CONFIG", str(folder))
    cached = (normalize._repairs, normalize._filler_pattern, normalize._aside_patterns, definitions.cues,
              definitions._announcements, definitions._cue_patterns)
    for f in cached:
        f.cache_clear()
    yield folder
    for f in cached:
        f.cache_clear()


@pytest.mark.parametrize("name, text, said", [
    ("glossary", '[repairs]\n"lode factor" = 5\n', "glossary.toml: [repairs] must map"),
    ("glossary", 'repairs = ["x"]\n', "glossary.toml: [repairs] must map"),
    ("definition_cues", '[[cue]]\npattern = "TERM means"\nweight = "high"\n', "weight is a number"),
    ("definition_cues", '[[cue]]\npattern = "(TERM means"\n', "bad cue pattern"),
    ("definition_cues", '[[cue]]\npatern = "TERM means"\n', "needs a pattern"),
    ("definition_cues", 'cue = "x"\n', "must be a [[cue]] table"),
])
def test_a_bad_config_value_is_one_error_naming_its_file(own_config, name, text, said):
    from quizgen.errors import QuizgenError
    from quizgen.nlp.definitions import cues
    from quizgen.nlp.normalize import repair_term

    (own_config / f"{name}.toml").write_text(text, encoding="utf-8")
    with pytest.raises(QuizgenError, match=re.escape(said)) as caught:
        repair_term("metal learning") if name == "glossary" else cues()
    assert str(caught.value).startswith(str(own_config / f"{name}.toml"))


def test_a_config_file_that_cannot_be_read_is_named(own_config):
    from quizgen.errors import QuizgenError
    from quizgen.nlp.normalize import repair_term

    (own_config / "glossary.toml").unlink()
    (own_config / "glossary.toml").mkdir()  # a folder where the file should be
    with pytest.raises(QuizgenError, match=r"glossary.toml: cannot read the configuration file"):
        repair_term("metal learning")
    (own_config / "glossary.toml").rmdir()
    (own_config / "glossary.toml").write_bytes('[repairs]\n"caf\u00e9" = "cafe"\n'.encode("latin-1"))
    from quizgen.config import _load

    _load.cache_clear()
    with pytest.raises(QuizgenError, match="not UTF-8"):
        repair_term("metal learning")


def test_empty_filler_lists_remove_no_filler(own_config):
    (own_config / "fillers.toml").write_text("words = []\nphrases = []\ndoubled = []\n", encoding="utf-8")
    from quizgen.config import _words

    _words.cache_clear()
    said = "a hash function takes a key (a string, say), turns it into a number, and picks a bucket"
    assert remove_fillers(said) == said


def test_an_empty_aside_list_removes_no_aside(own_config):
    (own_config / "fillers.toml").write_text("words = []\nphrases = []\ndoubled = []\nasides = []\n", encoding="utf-8")
    from quizgen.config import _words

    _words.cache_clear()
    said = "It is called, reasonably enough, a diagonal matrix"
    assert remove_asides(said) == said


def test_a_config_folder_may_hold_only_the_files_a_user_changed(tmp_path, monkeypatch):
    from quizgen.cache import _config_digest
    from quizgen.config import config_words
    from quizgen.logistics import read_logistics_words
    from quizgen.nlp import normalize

    shipped_stop, shipped_logistics, shipped_digest = config_words("stop_terms"), read_logistics_words(), \
        _config_digest()
    (tmp_path / "glossary.toml").write_text('[repairs]\n"lode factor" = "load factor"\n', encoding="utf-8")
    monkeypatch.setenv("QUIZGEN_CONFIG", str(tmp_path))
    normalize._repairs.cache_clear()
    try:
        assert normalize.repair_term("the lode factor") == "the load factor"  # the user's glossary
        (tmp_path / "glossary.toml").write_text('"fill ratio" = "load factor"\n', encoding="utf-8")
        from quizgen.config import _load

        _load.cache_clear()
        normalize._repairs.cache_clear()
        assert normalize.repair_term("the fill ratio") == "the load factor"  # a repair above the [repairs] table
        assert config_words("stop_terms") == shipped_stop and read_logistics_words() == shipped_logistics
        assert _config_digest() != shipped_digest  # the glossary is part of what a cached analysis depends on
        monkeypatch.setenv("QUIZGEN_CONFIG", str(tmp_path / "no-such-folder"))
        from quizgen.errors import QuizgenError

        normalize._repairs.cache_clear()
        with pytest.raises(QuizgenError, match="QUIZGEN_CONFIG names no folder"):
            normalize.repair_term("the lode factor")
    finally:
        normalize._repairs.cache_clear()


def test_a_users_config_words_match_whatever_their_case_and_the_folder_may_start_with_a_tilde(tmp_path,
                                                                                             monkeypatch):
    from quizgen.config import config_dir, config_words

    home = tmp_path / "home"
    (home / "cfg").mkdir(parents=True)
    (home / "cfg" / "stop_terms.toml").write_text('words = ["Homework", "QUIZ"]\n', encoding="utf-8")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("QUIZGEN_CONFIG", "~/cfg")
    assert config_dir() == home / "cfg"  # as a shell would have it, had the user not quoted it
    assert config_words("stop_terms") == {"homework", "quiz"}  # compared with lower-cased words


def test_a_term_that_runs_straight_on_into_a_clause_about_it_is_set_off_with_a_colon():
    from quizgen.nlp.definitions import _set_off

    assert _set_off("Sigmoid layers you need to pick those random values", "sigmoid layers") == \
        "Sigmoid layers: you need to pick those random values"
    assert _set_off("Supervised learning what we're doing is finding parameters", "supervised learning") == \
        "Supervised learning: what we're doing is finding parameters"
    for said in ("Sigmoid layers squash their inputs", "In supervised learning you have labels",
                 "The sigmoid layers, you see, squash"):
        assert _set_off(said, "sigmoid layers" if "igmoid" in said else "supervised learning") == said
