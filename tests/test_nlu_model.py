"""The trained model on messages it never saw: the real-phrasing set and the held-out files.

Measured the same way as `make nlu-eval` prints them (devtools/real_messages.py). The council
threshold is issue 12's target; the topic thresholds are the honest current floors below the
targets (see REAL_MAIN_FLOOR). Each failure lists the misses so the training data can be improved.
"""

import pytest

from devtools.real_messages import (
    TARGET_HOLDOUT,
    TARGET_REAL_COUNCIL,
    TARGET_REAL_MAIN,
    holdout_accuracy,
    load_real_set,
    score_real_set,
)

# Issue 12's real-set target is not met yet (docs/nlu.md): on 2026-11-25 the trained model (TF-IDF
# SVM + MiniLM sentence embeddings from the int8 ONNX encoder, calibrated, then the cue re-ranker,
# threshold 0.3) measured 0.649 (155/239) on the real set's main topic (target 0.85) and 0.939
# (276/294) on the held-out files (target 0.93, met; a held-out message labelled safety_concern
# counts when the crisis reply comes). The real-set floor, just under its figure, stops any slide;
# raise it towards the target as the model improves, never above what it measures. Training is
# seeded, so the same data gives the same figures.
REAL_MAIN_FLOOR = 0.64
HOLDOUT_FLOOR = TARGET_HOLDOUT
# "You also mentioned" after an answer, on the real set (twelfth session: precision 0.380,
# 35/92; recall 0.211, 35/166; 0.261 and 0.289 while the cue bonus could pass its gate).
OTHERS_PRECISION_FLOOR = 0.35
OTHERS_RECALL_FLOOR = 0.19
# The clarifying question offers one of the message's labels (twelfth session: 28/37 = 0.757,
# the main label first for 12).
CLARIFY_WITH_A_LABEL_FLOOR = 0.7
assert REAL_MAIN_FLOOR <= TARGET_REAL_MAIN and HOLDOUT_FLOOR <= TARGET_HOLDOUT


@pytest.fixture(scope="module")
def real_score(trained_parse, built_kb):
    return score_real_set(load_real_set(), trained_parse, built_kb)


def test_real_messages_main_topic(real_score):
    misses = "\n".join(
        f"{want[0]} -> {got} ({c:.2f}): {text[:90]}" for want, got, c, text in real_score.misses
    )
    assert real_score.main >= REAL_MAIN_FLOOR, (
        f"main topic {real_score.main:.3f}; misses:\n{misses}"
    )


def test_real_messages_any_labelled_topic_is_at_least_the_main_topic_figure(real_score):
    assert real_score.any >= real_score.main and real_score.any >= REAL_MAIN_FLOOR


def test_also_mentioned_keeps_its_real_set_floors(real_score):
    assert real_score.others_offered >= 50
    assert real_score.others_precision >= OTHERS_PRECISION_FLOOR
    assert real_score.others_recall >= OTHERS_RECALL_FLOOR


def test_the_clarifying_question_offers_what_the_message_is_about(real_score):
    assert real_score.below_fallback >= 20
    share = real_score.clarify_with_a_label / real_score.below_fallback
    assert share >= CLARIFY_WITH_A_LABEL_FLOOR


def test_real_messages_council_from_a_council_or_covered_town(real_score):
    assert real_score.council_total >= 10
    assert real_score.council >= TARGET_REAL_COUNCIL, real_score.council_misses


def test_existing_holdout(trained_parse):
    accuracy, misses = holdout_accuracy(trained_parse)
    assert accuracy >= HOLDOUT_FLOOR, misses


@pytest.mark.parametrize(
    "text, council",
    [
        ("we're in Eastleigh and the school won't do anything", "Hampshire"),
        ("my DS goes to school in Corby, can I get transport", "North Northamptonshire"),
        ("Hexham mum here, the LA refused the EHCNA", "Northumberland"),
    ],
)
def test_a_covered_town_anywhere_in_the_message_names_its_council(
    trained_parse, built_kb, text, council
):
    from devtools.real_messages import council_of

    assert council_of(trained_parse(text), built_kb) == built_kb.find_place(council).council_codes


def test_an_ambiguous_town_is_tagged_town_not_council(trained_parse):
    entities = trained_parse("we live in Hythe and his EHCP is not being followed")["entities"]
    assert [(e["entity"], e["value"]) for e in entities] == [("town", "Hythe")]


@pytest.mark.parametrize(
    "text, intent",
    [
        # "help" typed alone once got the thanks reply ("You're welcome...")
        ("help", "bot_capabilities"),
        ("Help!", "bot_capabilities"),
        ("i need help", "bot_capabilities"),
        # typed instead of pressing the clarifying question's "Something else" button
        ("Something else", "ask_human"),
        ("none of these", "ask_human"),
    ],
)
def test_one_word_openings_get_a_useful_reply(trained_parse, text, intent):
    assert trained_parse(text)["intent"]["name"] == intent


@pytest.mark.parametrize(
    "text",
    [
        # Before the transport_problems topic these got the answer on who is eligible.
        "the taxi to school was late again this morning, what can I do",
        "SEN transport has not turned up for the third day running",
        "DS has a new escort every week on his school taxi and he can't cope",
    ],
)
def test_transport_that_is_late_or_missing_gets_its_own_answer(trained_parse, text):
    assert trained_parse(text)["intent"]["name"] == "transport_problems"


@pytest.mark.parametrize(
    "text",
    [
        # Before the benefits topic, real posts about PIP got the answer on EHC assessment.
        "is there any financial help like DLA for kids with autism",
        "my 16 year old's PIP claim was turned down",
        "can I still get carer's allowance if I work",
    ],
)
def test_a_benefits_question_gets_the_answer_that_says_what_the_assistant_does_not_know(
    trained_parse, text
):
    assert trained_parse(text)["intent"]["name"] == "benefits"


def test_type_1_diabetes_at_school_gets_the_medical_conditions_answer(trained_parse):
    # "pump therapy" matched a health cue ("therapy") and no medical-conditions cue: real posts
    # about an insulin pump at school got the Section G answer or a clarifying question.
    text = (
        "DS was diagnosed with type 1 last spring and moved onto pump therapy over the summer. He "
        "starts reception in September and I'm really worried, the head says the teaching "
        "assistants won't be trained to manage it and I'd have to come in at lunch"
    )
    assert trained_parse(text)["intent"]["name"] == "medical_conditions"
