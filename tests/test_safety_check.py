"""The gentle safety check (actions/safety_check.py): when the risk detector is unsure, the parent
is first asked whether anyone is at risk right now, with no phone numbers, and then answered."""

import re
from pathlib import Path

import pytest
import yaml

from actions.answers import ActionAnswerTopic
from actions.council import ActionCouncilSet
from actions.escalation import ActionEscalation
from actions.safety_check import ActionSafetyCheckIfUnsure
from actions.support import ActionClarify, ActionSafety
from replies import phrases
from tests.dialogue import run, tracker

RULES = Path(__file__).resolve().parent.parent / "data" / "rules.yml"
MARKED = {"safety_check": True}
PHONE = re.compile(r"\b999\b|\b0\d{3}[ \d]{6,}|\b116 123\b|\b111\b")
# A story told with circumstances only (what the risk model is unsure of), about school refusal.
UNSURE = (
    "ds hasn't left his room for 3 days and says there's no point to anything, "
    "school keeps ringing about attendance, what are my options"
)


@pytest.fixture(autouse=True)
def use_built_kb(kb):
    return kb


def test_an_unsure_message_is_asked_about_first_then_answered():
    text, messages, _ = run(
        ActionAnswerTopic(), tracker(UNSURE, "attendance_anxiety", parse=MARKED)
    )
    first = messages[0]
    assert first["text"] == phrases.SAFETY_CHECK and not PHONE.search(first["text"])
    assert first["buttons"] == [
        {"title": phrases.SAFETY_CHECK_BUTTON, "payload": "/safety_concern"}
    ]
    # The parent's question is still answered, in the same turn, after the check.
    assert len(messages) >= 2 and "attend" in " ".join(m["text"] or "" for m in messages[1:])


def test_a_message_the_detector_is_sure_is_ordinary_gets_no_check():
    text, messages, _ = run(ActionAnswerTopic(), tracker(UNSURE, "attendance_anxiety"))
    assert phrases.SAFETY_CHECK not in text


def test_the_button_gives_the_crisis_contacts_with_999_first():
    text, _, _ = run(ActionSafety(), tracker("/safety_concern", "safety_concern"))
    assert text.index("999") < text.index("Samaritans")


def test_an_unsure_message_that_gets_the_clarifying_question_is_asked_first_too():
    ranking = [
        {"name": "attendance_anxiety", "confidence": 0.2},
        {"name": "exclusion", "confidence": 0.1},
    ]
    _, messages, _ = run(
        ActionClarify(), tracker(UNSURE, "nlu_fallback", ranking=ranking, parse=MARKED)
    )
    assert messages[0]["text"] == phrases.SAFETY_CHECK
    assert messages[1]["text"] == phrases.DID_YOU_MEAN


def test_an_escalation_topic_is_asked_about_first_too():
    _, messages, _ = run(
        ActionEscalation(), tracker(UNSURE, "school_not_meeting_needs", parse=MARKED)
    )
    assert messages[0]["text"] == phrases.SAFETY_CHECK and len(messages) >= 2


def test_the_check_is_asked_once_in_a_turn_that_runs_two_answering_actions():
    """A council typed with the question: the council action, then the waiting topic."""
    asked = [
        {"event": "user", "text": UNSURE},
        {"event": "action", "name": "action_council_set"},
        {"event": "bot", "text": phrases.SAFETY_CHECK},
    ]
    text, _, _ = run(
        ActionAnswerTopic(),
        tracker(UNSURE, "attendance_anxiety", parse=MARKED, events=asked),
    )
    assert phrases.SAFETY_CHECK not in text
    # ... while a check asked in an earlier turn does not silence this turn's.
    earlier = asked + [{"event": "user", "text": UNSURE}]
    text, _, _ = run(
        ActionCouncilSet(),
        tracker(
            UNSURE,
            "inform_council",
            entities=[{"entity": "council", "value": "Hampshire"}],
            parse=MARKED,
            events=earlier,
        ),
    )
    assert text.startswith(phrases.SAFETY_CHECK)


@pytest.mark.parametrize("marked", [True, False])
def test_a_fixed_response_is_preceded_by_the_check_only_when_unsure(marked):
    """Greetings, thanks and goodbyes are fixed responses; the rules run the check first."""
    goodbye = "thanks for everything, you won't hear from me again"
    _, messages, events = run(
        ActionSafetyCheckIfUnsure(),
        tracker(goodbye, "thanks", parse=MARKED if marked else None),
    )
    assert [m["text"] for m in messages] == ([phrases.SAFETY_CHECK] if marked else [])
    assert events == []


def test_every_fixed_response_rule_runs_the_check_first():
    rules = yaml.safe_load(RULES.read_text())["rules"]
    for rule in rules:
        actions = [step["action"] for step in rule["steps"] if "action" in step]
        if actions and actions[-1].startswith("utter_"):
            assert actions[0] == "action_safety_check_if_unsure", rule["rule"]


def test_helpline_staff_are_not_asked_about_their_own_child():
    staff = {"mode": "staff"}
    text, _, _ = run(
        ActionAnswerTopic(),
        tracker(UNSURE, "attendance_anxiety", parse=MARKED, metadata=staff),
    )
    assert phrases.SAFETY_CHECK not in text and "attend" in text
