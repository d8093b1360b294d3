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

    def __init__(self, score, category="self_harm_suicide", threshold=0.5, check_threshold=0.3):
        self._score, self._category, self.threshold = score, category, threshold
        self.check_threshold = check_threshold

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
    "score, risk, check",
    [(0.2, False, False), (0.3, False, True), (0.45, False, True), (0.5, True, False)],
)
def test_just_below_its_threshold_the_model_asks_instead_of_flagging(score, risk, check):
    found = RiskDetector(FixedModel(score)).assess("she went out at ten and hasn't texted back")
    assert (bool(found.risk), found.check) == (risk, check)


def test_a_negation_the_patterns_saw_is_not_asked_about_either():
    assert not RiskDetector(FixedModel(0.45)).assess("he is not suicidal, just very anxious").check


def test_a_model_trained_before_the_check_existed_never_asks():
    model = FixedModel(0.45)
    del model.check_threshold
    assert not RiskDetector(model).assess("she went out at ten and hasn't texted back").check


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


def _upset_examples(scores):
    return [Example(f"upset {i}", False, upset=True) for i in range(len(scores))]


def test_the_threshold_flags_about_the_budget_of_ordinary_messages():
    # 1,000 upset messages scored evenly: a 1% budget puts the cut near the tenth-highest.
    scores = np.linspace(-2.0, 1.0, 1000)
    threshold = learned.threshold_for(_upset_examples(scores), scores, 0.01)
    assert 8 <= (scores >= threshold).sum() <= 12


def test_the_check_threshold_lies_below_the_crisis_threshold_within_its_own_budget():
    rng = np.random.default_rng(3)
    examples = [Example(f"ordinary {i}", False, upset=True) for i in range(400)]
    examples += [Example(f"risk {i}", True, "danger") for i in range(40)]
    scores = np.concatenate([rng.normal(-1, 0.5, 400), rng.normal(1, 0.5, 40)])
    crisis = learned.threshold_for(examples, scores, 0.005)
    check = learned.threshold_for(examples, scores, 0.05)
    asked = ((scores[:400] >= check) & (scores[:400] < crisis)).mean()
    assert check < crisis and 0.03 <= asked <= 0.06


def test_one_hard_ordinary_message_moves_the_threshold_less_than_one_order_statistic_does():
    # A sparse tail with a wide gap just above the cut (0.6 -> 1.2): one more hard message at the
    # top moved the old rule (about the fifth-highest score) across the whole gap; the smoothed
    # quantile, a weighted mean of its neighbours, moves much less.
    top = np.concatenate([0.1 * np.arange(1, 7), [1.2, 1.3, 1.4, 1.5]])
    scores = np.concatenate([np.linspace(-2.0, 0.0, 990), top])
    harder = np.append(scores, 2.0)
    fifth_highest_move = np.sort(harder)[-5] - np.sort(scores)[-5]
    before = learned.threshold_for(_upset_examples(scores), scores, 0.005)
    after = learned.threshold_for(_upset_examples(harder), harder, 0.005)
    assert fifth_highest_move > 0.5 and 0 < after - before < fifth_highest_move / 2


def test_messages_the_patterns_already_flag_add_no_false_alarm_to_the_budget():
    scores = np.concatenate([np.linspace(-2.0, 0.0, 990), 0.1 * np.arange(1, 11)])
    examples = _upset_examples(scores)
    # The top ten are the patterns' (a harm word with a person as its object): only the rest count.
    for i in range(990, 1000):
        examples[i] = Example("he said he wants to kill himself", False, upset=True)
    assert learned.threshold_for(examples, scores, 0.005) < 0.0


def test_training_averages_the_out_of_fold_scores_over_several_fold_splits(monkeypatch):
    splits = []

    def fake_scores(texts, labels, seed, groups=None):
        splits.append(seed)
        return np.full(len(texts), float(seed))

    monkeypatch.setattr(learned, "out_of_fold_scores", fake_scores)
    mean = learned.mean_out_of_fold_scores(["a", "b"], np.array([True, False]))
    assert len(set(splits)) >= 3 and mean.tolist() == [np.mean(splits)] * 2


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


def test_out_of_fold_scores_are_the_same_whether_the_folds_run_in_workers_or_here(monkeypatch):
    """The threshold, and so who gets the crisis reply, must not depend on the machine's cores."""
    risk = ["she keeps saying she wants to die", "I found cuts on her arms", "he's on the roof"]
    ordinary = ["the council refused the assessment", "the taxi is late again. he cried"]
    rows = [(clean_text(f"{t} ({i})"), t in risk) for i in range(6) for t in risk + ordinary]
    texts, labels = [t for t, _ in rows], np.array([is_risk for _, is_risk in rows])
    monkeypatch.setattr(learned, "_MIN_TEXTS_FOR_WORKERS", 0)
    by_run = {}
    for jobs in (1, 2):
        monkeypatch.setattr(learned, "TRAINING_JOBS", jobs)
        by_run[jobs] = learned.out_of_fold_scores(texts, labels, seed=12)
    assert np.isfinite(by_run[1]).all() and (by_run[1] == by_run[2]).all()
    assert by_run[1][labels].mean() > by_run[1][~labels].mean()


def test_adding_a_message_leaves_every_other_message_in_its_fold():
    texts = [f"message number {i}" for i in range(500)]
    before = learned.folds_by_text(texts, seed=12)
    after = learned.folds_by_text(["a new hard ordinary message"] + texts, seed=12)
    assert (after[1:] == before).all()
    assert set(before) == set(range(learned.FOLDS)) and min(np.bincount(before)) > 70
    assert (learned.folds_by_text(texts, seed=13) != before).any()


def _grouped_messages():
    texts = [f"message number {i}" for i in range(500)]
    # Seven authors' rounds of 40 messages each, then messages of no round.
    groups = [f"round_{i // 40:02d}" if i < 280 else None for i in range(500)]
    return texts, groups


def test_grouped_folds_keep_each_authors_round_within_one_fold():
    texts, groups = _grouped_messages()
    for seed in learned.CV_SEEDS:
        folds = learned.folds_by_text(texts, seed, groups)
        for group in set(groups) - {None}:
            assert len({f for f, g in zip(folds, groups, strict=True) if g == group}) == 1
        # Seven rounds dealt over five folds: no fold holds more than two of them.
        rounds_per_fold = np.bincount([folds[i] for i in range(0, 280, 40)], minlength=5)
        assert rounds_per_fold.max() <= 2 and rounds_per_fold.min() >= 1


def test_grouped_folds_leave_messages_of_no_round_in_their_own_fold():
    texts, groups = _grouped_messages()
    grouped = learned.folds_by_text(texts, seed=12, groups=groups)
    plain = learned.folds_by_text(texts, seed=12)
    assert (grouped[280:] == plain[280:]).all()
    assert (learned.folds_by_text(texts, 12, [None] * len(texts)) == plain).all()


def test_retired_round_examples_are_grouped_by_their_round():
    from nlu.risk import sets

    round_no = sets.retired_rounds()[0]
    assert {e.group for e in sets.round_examples(round_no)} == {f"round_{round_no:02d}"}


def test_a_model_fitted_with_grouped_folds_sets_its_threshold_on_the_grouped_scores(monkeypatch):
    seen = []

    def fake_mean_scores(texts, labels, groups=None):
        seen.append(groups)
        return np.linspace(-1.0, 1.0, len(texts))

    monkeypatch.setattr(learned, "mean_out_of_fold_scores", fake_mean_scores)
    examples = [
        Example(f"the taxi is late again {i}", False, upset=True, group="round_07")
        for i in range(10)
    ]
    examples += [
        Example(f"she keeps saying she wants to die {i}", True, "danger") for i in range(5)
    ]
    RiskModel.fit(examples, grouped_folds=True)
    RiskModel.fit(examples)
    assert seen == [["round_07"] * 10 + [None] * 5, None]
