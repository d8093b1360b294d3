"""How the NLU figures count a message: the measure itself must not miscount (docs/nlu.md)."""

from devtools.real_messages import answer_of, topic_of

CRISIS = {
    "intent": {"name": "safety_concern", "confidence": 1.0},
    "intent_ranking": [
        {"name": "safety_concern", "confidence": 1.0},
        {"name": "restraint", "confidence": 0.4},
    ],
}


def test_a_message_labelled_safety_concern_is_right_when_the_crisis_reply_comes():
    assert answer_of(CRISIS, "safety_concern") == "safety_concern"


def test_a_topic_label_is_scored_by_the_topic_behind_the_crisis_reply():
    # The crisis reply goes on to answer the SEND question: that topic is what is scored.
    assert topic_of(CRISIS) == "restraint"
    assert answer_of(CRISIS, "restraint") == "restraint"


def test_a_clarifying_question_is_scored_by_its_first_offered_topic():
    parsed = {
        "intent": {"name": "nlu_fallback", "confidence": 0.3},
        "intent_ranking": [
            {"name": "nlu_fallback", "confidence": 0.3},
            {"name": "transport", "confidence": 0.28},
        ],
    }
    assert answer_of(parsed, "transport") == "transport"
    assert answer_of(parsed, "nlu_fallback") == "nlu_fallback"
