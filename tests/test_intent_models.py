"""The intent models' calibrated confidences (nlu/intent_models.py), on small made-up data."""

import numpy as np
import pytest

from nlu.intent_models import (
    BASES,
    TfidfModel,
    fitted_temperature,
    model_for,
    real_message_weights,
    real_source,
    real_weight_of,
)

TRAINING = {
    "transport": [
        "can my son get a taxi to school",
        "the council stopped his school bus",
        "home to school transport for my daughter",
        "is there free travel to the special school",
        "who pays for the minibus to school",
        "transport was refused by the council",
    ],
    "exclusion": [
        "my son was excluded from school",
        "the head sent him home for a week",
        "she got a fixed term exclusion",
        "can the school exclude him for his autism",
        "he has been permanently excluded",
        "they keep excluding my daughter",
    ],
    "assessment": [
        "how do I ask for an ehc needs assessment",
        "the council refused to assess my child",
        "request an education health and care assessment",
        "can I apply for an EHC assessment myself",
        "how long does the needs assessment take",
        "the local authority will not do an assessment",
    ],
}


def train(**kwargs):
    texts = [t for examples in TRAINING.values() for t in examples]
    labels = [intent for intent, examples in TRAINING.items() for _ in examples]
    return TfidfModel(**kwargs).fit(texts, texts, labels)


def test_confidences_are_a_probability_distribution_best_first():
    ranking = train().rank("the council stopped the taxi", "the council stopped the taxi")
    confidences = [c for _, c in ranking]
    assert ranking[0][0] == "transport"
    assert confidences == sorted(confidences, reverse=True)
    assert np.isclose(sum(confidences), 1.0) and all(0 <= c <= 1 for c in confidences)


def test_calibration_sharpens_the_flat_svm_softmax():
    # Raw SVM margins lie within about +-1, so a plain softmax over them is nearly flat: a
    # clear transport question would stay under any useful fallback threshold.
    text = "can my son get a taxi to school please"
    calibrated = train().rank(text, text)[0]
    raw = train(calibrate=False).rank(text, text)[0]
    assert calibrated[0] == raw[0] == "transport"
    assert calibrated[1] > raw[1] and calibrated[1] > 0.55


def test_fitted_temperature_is_the_one_that_fits_held_out_scores_best():
    classes = np.array(["a", "b"])
    # Scores right 3 times in 4 with a margin of 1: the best temperature is 1 / ln 3 ~ 0.91.
    scores = np.array([[0.5, -0.5]] * 3 + [[-0.5, 0.5]])
    labels = np.array(["a", "a", "a", "a"])
    assert fitted_temperature(scores, classes, labels) == pytest.approx(1 / np.log(3), rel=0.05)


def test_an_unknown_classifier_is_refused():
    with pytest.raises(ValueError, match="svm"):
        TfidfModel(classifier="forest")


def test_logistic_regression_stays_available_for_comparison():
    model = BASES["tfidf-logistic"]()
    assert model.classifier_kind == "logistic"


def test_a_real_message_counted_more_outweighs_written_examples_that_disagree():
    """`@real<K>`: a parent's real message counts K times beside the written examples."""
    texts = [t for examples in TRAINING.values() for t in examples]
    labels = [intent for intent, examples in TRAINING.items() for _ in examples]
    # A real parent's "sent him home" message is about an assessment, not an exclusion.
    texts.append("the school sent him home and said the council must assess him")
    labels.append("assessment")
    real = np.array([1.0 if i == len(texts) - 1 else 0.0 for i in range(len(texts))])
    query = "the school sent him home again"

    def top(factor):
        weights = np.where(real == 1, factor, 1.0)
        model = TfidfModel(calibrate=False).fit(texts, texts, labels, weights)
        return model.rank(query, query)[0][0]

    assert (top(1.0), top(8.0)) == ("exclusion", "assessment")


def test_features_name_a_real_message_weight():
    assert real_weight_of("tfidf|embeddings@real3") == 3.0
    assert real_weight_of("tfidf|embeddings") == 1.0
    assert real_message_weights("tfidf|embeddings", [True, False]) is None
    assert list(real_message_weights("tfidf@real3", [True, False])) == [3.0, 1.0]
    assert isinstance(model_for("tfidf@real2"), TfidfModel)
    with pytest.raises(ValueError, match="features must be one of"):
        model_for("forest@real2")


def test_only_blocks_that_name_their_page_are_real():
    assert (
        real_source({"intent": {"source": "https://example.org/t/1"}}) == "https://example.org/t/1"
    )
    assert real_source({"example": {"note": "written"}}) is None
    assert real_source(None) is None
