"""scripts/label_audit.py on a tiny made-up data set: a deliberately mislabelled example is listed,
correct ones are not, and the same question filed under two intents is found."""

import numpy as np
import pytest

from tests.scripts import load_script

TRANSPORT = [
    "the school taxi did not turn up this morning",
    "can the council give him a bus pass for school",
    "home to school transport for my son",
    "the minibus driver keeps leaving him at the gate",
    "is there free school transport for a child with an EHCP",
    "the taxi route to his special school takes two hours",
    "who pays for the bus to school when we live 4 miles away",
    "transport to school was refused, he can't walk that far",
    "the escort on the school bus changed again",
    "can we get a travel pass for the bus",
    "the council stopped his taxi to school",
    "does the council have to provide a bus to school",
]
EXCLUSION = [
    "my son was excluded for three days",
    "the head suspended him for fighting",
    "he got a fixed term exclusion letter",
    "can the school exclude a child with autism",
    "she has been suspended twice this term",
    "what happens at the governors meeting after an exclusion",
    "the exclusion letter does not give a reason",
    "how many days can a school suspend a pupil for",
    "he was excluded after a meltdown in class",
    "do I have to keep him home during the suspension",
    "the school excluded her for the rest of the week",
    "can I challenge a suspension from school",
]
# A third intent: the models score two-intent data differently from the project's 80 intents.
TRIBUNAL = [
    "how do I appeal to the tribunal",
    "the tribunal hearing is next month",
    "can I appeal the EHCP to the SEND tribunal",
    "what happens at a tribunal hearing",
    "the council is opposing our tribunal appeal",
    "do I need a lawyer for the tribunal",
    "tribunal appeal form SEND35",
    "how long does a tribunal appeal take",
    "the tribunal ordered the council to name the school",
    "can I bring a witness to the tribunal",
    "the council conceded before the tribunal",
    "what evidence does the tribunal need",
]
MISLABELLED = "the school taxi driver did not come and the bus pass was refused"


@pytest.fixture(scope="module")
def audit():
    return load_script("label_audit")


def tiny_data():
    texts = TRANSPORT + EXCLUSION + TRIBUNAL + [MISLABELLED]
    labels = (
        ["transport"] * len(TRANSPORT)
        + ["exclusion"] * len(EXCLUSION)
        + ["tribunal"] * len(TRIBUNAL)
        + ["exclusion"]
    )
    return texts, [t.lower() for t in texts], np.array(labels), np.zeros(len(texts), dtype=bool)


def test_a_mislabelled_example_is_listed_and_correct_ones_are_not(audit):
    texts, lemma_texts, labels, is_real = tiny_data()
    oof = audit.out_of_fold("tfidf", texts, lemma_texts, labels, is_real)
    listed = {texts[s.index]: s for s in audit.suspects(oof, min_confidence=0.5)}

    assert MISLABELLED in listed
    suspect = listed[MISLABELLED]
    assert (suspect.label, suspect.predicted) == ("exclusion", "transport")
    assert suspect.confidence >= 0.5 > suspect.label_confidence
    # Clearly labelled examples are not listed, nor most of the others (on 37 examples the
    # mislabelled one also pulls a near neighbour or two its way, as label noise does).
    for correct in (TRANSPORT[1], EXCLUSION[2], TRIBUNAL[0]):
        assert correct not in listed
    assert len(listed) <= len(texts) // 5
    # The miss shows up in the confused pairs, in its direction.
    (pair, ab, ba), *_ = audit.confused_pairs(oof)
    assert pair == ("exclusion", "transport") and ab >= 1


def test_the_same_lemmas_under_two_intents_are_grouped_and_one_intent_is_not(audit):
    texts = ["What is section G in an EHCP?", "what is section G in the EHCP", "section G"]
    labels = ["ehcp_contents", "health_provision", "health_provision"]
    groups = audit.cross_intent_duplicates(texts, [t.lower() for t in texts], labels)
    assert groups == [[(0, "ehcp_contents"), (1, "health_provision")]]
    # The same text twice under one intent is not a labelling problem.
    assert audit.cross_intent_duplicates(texts[:2], texts[:2], ["a", "a"]) == []
