"""The crisis reply: the contacts that fit the risk, 999 first, then the parent's SEND question."""

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.support import ActionSafety


@pytest.fixture(autouse=True)
def use_built_kb(monkeypatch, built_kb):
    monkeypatch.setattr("actions.context.default_kb", lambda: built_kb)


def reply(risk=None, text="message"):
    latest = {
        "text": text,
        "intent": {"name": "safety_concern", "confidence": 1.0},
        "entities": [],
        "intent_ranking": [],
        "metadata": {},
    }
    if risk is not None:
        latest["risk"] = risk
    tracker = Tracker("parent-1", {}, latest, [], False, None, {}, "action_listen")
    dispatcher = CollectingDispatcher()
    ActionSafety().run(dispatcher, tracker, {})
    return [m.get("text") or "" for m in dispatcher.messages]


def risk(*categories, who=(), staff=False, also=None):
    return {
        "categories": list(categories),
        "who": list(who),
        "staff": staff,
        "also_intent": also,
    }


def test_a_child_talking_of_suicide_gets_999_nhs_mental_health_help_childline_and_samaritans():
    first = reply(risk("self_harm_suicide", who=["child"]))[0]
    assert first.index("999") < first.index("111") < first.index("0800 1111")
    assert "mental health option" in first and "GP" in first and "116 123" in first
    assert (
        "www.nhs.uk/nhs-services/mental-health-services/where-to-get-urgent-help-for-mental-health"
        in first
    )
    assert "0808 800 5000" not in first  # not a child abuse line for a child's suicidal thoughts


def test_a_parent_with_suicidal_thoughts_gets_samaritans_before_nhs_and_no_childline():
    first = reply(risk("self_harm_suicide", who=["parent"]))[0]
    assert first.index("999") < first.index("116 123") < first.index("111")
    assert "0800 1111" not in first


def test_a_missing_child_gets_999_first_and_no_talking_helplines():
    first = reply(risk("missing"))[0]
    assert first.startswith("If your child is missing and may be in danger, call 999 now.")
    assert "116 123" not in first and "0800 1111" not in first


def test_a_restraint_injury_names_the_designated_safeguarding_lead_and_the_lado():
    first = reply(risk("restraint_injury", staff=True))[0]
    assert "designated safeguarding lead" in first and "LADO" in first and "999" in first


def test_an_allegation_against_staff_names_the_dsl_and_lado_but_abuse_at_home_does_not():
    assert "LADO" in reply(risk("abuse", staff=True))[0]
    home = reply(risk("abuse"))[0]
    assert "LADO" not in home and "0808 800 5000" in home and "children's social care" in home


def test_a_typed_safety_payload_without_categories_gets_every_crisis_contact():
    first = reply()[0]
    for number in ("999", "0808 800 5000", "0800 1111", "111", "116 123"):
        assert number in first


def test_the_send_question_is_answered_after_the_contacts():
    messages = reply(risk("self_harm_suicide", who=["child"], also="ehc_timescales"))
    assert "999" in messages[0] and "answer to your school question" in messages[0]
    assert len(messages) >= 2 and "6 weeks" in "\n".join(messages[1:]) and "999" not in messages[1]


def test_no_send_question_means_only_the_contacts():
    messages = reply(risk("self_harm_suicide", who=["child"], also=None))
    assert len(messages) == 1 and "When you are ready" in messages[0]
