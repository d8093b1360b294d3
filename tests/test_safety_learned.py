"""The learned half of the risk detector and how it combines with the patterns (nlu/risk).

The figures on the labelled sets and the untouched holdout are in tests/test_safety_model.py
(through the trained model); these tests check the rules around the learned model: when it may
decide, what it reports, and that training chooses a threshold within the false-alarm budget.
"""

import numpy as np
import pytest

from nlu.risk import learned
from nlu.risk.combined import RiskDetector
from nlu.risk.concepts import tags
from nlu.risk.detector import clean_text
from nlu.risk.learned import Example, RiskModel, pieces


class FixedModel:
    """A learned model that gives every message the same score and kind of risk."""

    def __init__(self, score, category="self_harm_suicide", threshold=0.5):
        self._score, self._category, self.threshold = score, category, threshold

    def score(self, text):
        return self._score

    def category(self, text):
        return self._category


def test_a_confident_model_flags_what_no_pattern_saw_and_says_whose_risk_it_is():
    risk = RiskDetector(FixedModel(0.9)).detect("some nights I hold the pills and think about it")
    assert risk.categories == ("self_harm_suicide",)
    assert risk.who == ("parent",) and risk.rules[0].startswith("learned:")


def test_below_its_threshold_the_model_adds_nothing():
    assert not RiskDetector(FixedModel(0.4)).detect("he cries every night about school")


@pytest.mark.parametrize(
    "text",
    ["he is not suicidal, just very anxious", "no self harm, but he is very low"],
)
def test_the_model_cannot_overrule_a_negation_the_patterns_saw(text):
    assert not RiskDetector(FixedModel(5.0)).detect(text)


def test_patterns_decide_first_and_keep_their_categories():
    risk = RiskDetector(FixedModel(5.0, category="not_eating")).detect("he said he wants to die")
    assert risk.categories == ("self_harm_suicide",) and risk.who == ("child",)


def test_staff_named_beside_an_injury_found_by_the_model_bring_in_the_dsl_and_lado():
    model = FixedModel(0.9, category="abuse")
    assert RiskDetector(model).detect("the TA left marks on his arm").staff
    assert not RiskDetector(model).detect("his uncle left marks on his arm").staff


def test_each_sentence_of_a_long_message_is_scored_on_its_own():
    text = clean_text(
        "We asked for an EHC needs assessment in March. The council said no. "
        "She has been hiding tablets in her room."
    )
    parts = pieces(text)
    assert len(parts) == 4 and parts[-1].startswith("she has been hiding tablets in her room")
    assert "zzmeans" in parts[-1]


def test_concept_tags_name_the_word_classes_in_a_message():
    assert set(tags("she sits with the paracetamol at night").split()) >= {"zzmeans"}
    assert "zzmeans" not in tags("he needs speech therapy twice a week")


def test_training_picks_the_lowest_threshold_within_the_false_alarm_budget(monkeypatch):
    # Scores chosen so that the budget allows exactly one false alarm in 100 upset messages.
    examples = [Example(f"risk {i}", True) for i in range(10)]
    examples += [Example(f"upset {i}", False, upset=True) for i in range(100)]
    labels = np.array([e.risk for e in examples])
    scores = np.array([float(i) for i in range(10)] + [8.5] + [0.0] * 99)
    monkeypatch.setattr(learned, "out_of_fold_scores", lambda texts, labels: scores)
    texts = [e.text for e in examples]
    assert learned.choose_threshold(examples, texts, labels, 0.01) == 1.0
    assert learned.choose_threshold(examples, texts, labels, 0.0) == 9.0


def test_a_model_fitted_on_a_few_messages_scores_new_wordings_of_them_as_risk():
    risk = [
        "she keeps saying she wants to die",
        "he said he wants to kill himself",
        "I found cuts on her arms",
        "my son has gone missing and the police are looking",
    ] * 5
    ordinary = [
        "the council refused the assessment",
        "he cries every morning before school",
        "I'm exhausted and fed up with the LA",
        "the taxi is late again",
    ] * 10
    examples = [Example(t, True, "self_harm_suicide") for t in risk]
    examples += [Example(t, False, upset=True) for t in ordinary]
    model = RiskModel.fit(examples, max_false_alarms=0.05)
    assert model.score("my daughter says she wants to die") > model.score("the taxi was late")
