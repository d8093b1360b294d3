"""Every parent-mode topic answer is plain English: a reading age of about 9 to 11
(GOV.UK writes for 9), short sentences, and time limits as a list, not one long sentence.
Staff mode may add detail (topic.detail), which is not checked here.
Figures for every answer: .venv/bin/python -m knowledge.readability
"""

import re

import pytest

from knowledge.queries import default_kb
from knowledge.readability import parent_text, score, sentences, syllables

MAX_READING_AGE = 11.0  # Flesch-Kincaid grade 6
MAX_SENTENCE_WORDS = 20  # GOV.UK: aim for 15 to 20 at most
MAX_AVERAGE_WORDS = 14  # across every answer
TIME_LIMIT = re.compile(r"\b\d+ (?:working days|days|weeks|months)\b")


def topics():
    return default_kb().topics()


@pytest.mark.parametrize("topic", topics(), ids=lambda t: t.id)
def test_reading_age_is_11_or_under(topic):
    s = score(parent_text(topic))
    assert s.reading_age <= MAX_READING_AGE, (
        f"{topic.id}: reading age {s.reading_age:.1f}, {s.words_per_sentence:.1f} words a sentence"
    )


@pytest.mark.parametrize("topic", topics(), ids=lambda t: t.id)
def test_sentences_are_short(topic):
    long = [s for s in sentences(parent_text(topic)) if len(s.split()) > MAX_SENTENCE_WORDS]
    assert not long, f"{topic.id}: {long}"


@pytest.mark.parametrize("topic", topics(), ids=lambda t: t.id)
def test_several_time_limits_are_a_list(topic):
    """'within 6 weeks ...; within 16 weeks ...; within 20 weeks ...' in one sentence is hard
    to follow."""
    lines = parent_text(topic).splitlines()
    crowded = [line for line in lines if len(set(TIME_LIMIT.findall(line))) > 1]
    assert not crowded, f"{topic.id}: put each time limit on its own list line: {crowded}"


def test_answers_on_average_use_short_sentences():
    s = score("\n".join(parent_text(t) for t in topics()))
    assert s.words_per_sentence <= MAX_AVERAGE_WORDS, f"{s.words_per_sentence:.1f} words a sentence"


# ---------------------------------------------------------------- the measure itself can fail


def test_a_long_legal_sentence_scores_as_hard():
    hard = (
        "From the date the council receives the request: within 6 weeks it must tell you "
        "whether it will assess; within 16 weeks whether it will issue an EHC plan; and within "
        "20 weeks the final plan must be issued, notwithstanding any exceptions specified in "
        "the regulations."
    )
    s = score(hard)
    assert s.reading_age > 14 and s.longest > 40


def test_short_plain_sentences_score_as_easy():
    s = score(
        "You can ask the school for a meeting. Take a friend with you. Write down what they say."
    )
    assert s.reading_age < 9 and s.sentences == 3


def test_list_lines_are_sentences_and_markers_are_not_words():
    assert sentences("The council must:\n• tell you within 6 weeks\n• issue the plan") == [
        "The council must:",
        "tell you within 6 weeks",
        "issue the plan",
    ]


@pytest.mark.parametrize(
    "word,count",
    [
        ("the", 1),
        ("children", 2),
        ("review", 2),
        ("make", 1),
        ("named", 1),
        ("every", 3),
        ("SENCO", 2),
        ("SEN", 1),
        ("reasonable", 4),
    ],
)
def test_syllables(word, count):
    assert syllables(word) == count
