"""The decision-rule helpers of scripts/compare_classifiers.py (the fallback threshold tuning)."""

import pytest

from tests.scripts import load_script


@pytest.fixture(scope="module")
def harness():
    return load_script("compare_classifiers")


def test_the_tuned_threshold_is_the_lowest_whose_answers_are_right_often_enough(harness):
    # Confident examples are right, unsure ones wrong: answering from just above 0.2 is 90% right.
    decisions = [(0.9, True)] * 8 + [(0.55, True), (0.55, False)] + [(0.2, False)] * 5
    # A one-pass iterator, as zip() gives, must be read once for every threshold tried.
    assert harness.tuned_threshold(iter(decisions), precision=0.9) == 0.25
    assert harness.tuned_threshold(decisions, precision=1.0) == 0.6


def test_decision_figures_split_the_real_set_at_the_threshold(harness):
    # (confidence, main topic right, main topic among the buttons)
    decisions = [(0.8, True, True), (0.7, False, True), (0.2, False, True), (0.1, True, True)]
    figures = harness.decision_figures(decisions, 0.5)
    assert figures["answered"] == 0.5 and figures["answered_right"] == 0.5
    assert figures["asked_top1_right"] == 0.5 and figures["asked_in_buttons"] == 1.0
