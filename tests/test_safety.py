"""Safety first: risk phrases override the classifier; ordinary SEND questions do not trip it."""

import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from nlu.safety import SafetyNet, load_patterns, signals_risk

PATTERNS = load_patterns()


@pytest.mark.parametrize(
    "text",
    [
        "my son says he wants to kill himself",
        "She's been self-harming since year 7 and the senco won't listen",
        "I can't go on, I don't want to be here anymore",
        "i think shes cutting herself",
        "he said he wanted to die",
        "I'm worried his dad hits him",
        "the teaching assistant restrained him and he came home with bruises",
        "my daughter has gone missing",
        "I think he is being sexually abused",
        "I'm at breaking point",
        "he's in danger",
        "SUICIDAL thoughts, what do I do",
        "he tried to hang himself last night",
        "she has taken a load of tablets",
        "she's been burning herself with a lighter",
        "my kid is missin and not answering her phone",
        "an older boy touched her in her private parts",
    ],
)
def test_risk_is_recognised(text):
    assert signals_risk(text, PATTERNS)


@pytest.mark.parametrize(
    "text",
    [
        "the school isn't meeting my child's needs",
        "how do I ask for an EHC needs assessment",
        "he's missing lessons because of his anxiety",
        "the council missed the deadline",
        "is diabetes a special educational need",
        "what does a SENCO do",
        "she hates bath time",
        "my son is missing school because of anxiety",
        "the report is missing the speech therapy section",
        "he takes tablets for his ADHD",
        "the final EHC plan is missing his speech and language provision",
        "half the needs are missing from the plan",
    ],
)
def test_ordinary_questions_are_not_flagged(text):
    assert not signals_risk(text, PATTERNS)


def test_component_overrides_the_classifier_and_keeps_the_ranking():
    message = Message(data={TEXT: "the senco is useless and my son wants to die"})
    message.set(INTENT, {"name": "school_not_meeting_needs", "confidence": 0.93})
    message.set(INTENT_RANKING_KEY, [{"name": "school_not_meeting_needs", "confidence": 0.93}])
    SafetyNet({"intent": "safety_concern"}).process([message])
    assert message.get(INTENT) == {"name": "safety_concern", "confidence": 1.0}
    assert [r["name"] for r in message.get(INTENT_RANKING_KEY)] == [
        "safety_concern",
        "school_not_meeting_needs",
    ]
