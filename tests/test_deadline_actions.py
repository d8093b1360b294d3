"""The deadline and letter actions, run with real rasa_sdk Trackers and a CollectingDispatcher."""

import datetime as dt
import json

import pytest
from rasa_sdk.events import SlotSet

from actions.deadlines import ActionCalculateDeadline, uk_today
from actions.letters import ActionOfferLetter
from tests import dialogue

TODAY = dt.date(2026, 4, 1)


def tracker(text, intent="deadline_calculation", **kwargs):
    return dialogue.tracker(text, intent, **kwargs)


def run(action, conversation):
    """(messages, events): these tests look at each message, not the joined text."""
    _, messages, events = dialogue.run(action, conversation)
    return messages, events


@pytest.fixture
def deadline_action(kb):
    return ActionCalculateDeadline(today=lambda: TODAY)


@pytest.fixture
def letter_action(kb):
    return ActionOfferLetter()


# ---------------------------------------------------------------- action_calculate_deadline
def test_deadline_action_name():
    assert ActionCalculateDeadline().name() == "action_calculate_deadline"


@pytest.mark.parametrize(
    "utc, england",
    [
        (
            dt.datetime(2026, 6, 30, 23, 30),
            dt.date(2026, 7, 1),
        ),  # British Summer Time: already tomorrow
        (dt.datetime(2026, 12, 31, 23, 30), dt.date(2026, 12, 31)),  # GMT: still today
        (dt.datetime(2026, 3, 29, 0, 30), dt.date(2026, 3, 29)),  # the night the clocks go forward
    ],
)
def test_uk_today_is_the_date_in_england(utc, england):
    """At 00:30 in June a parent's "yesterday" is the day before their date, not the server's."""
    assert uk_today(utc.replace(tzinfo=dt.timezone.utc)) == england


def test_answers_kind_and_date_in_one_message(deadline_action):
    messages, events = run(
        deadline_action, tracker("I sent the EHC needs assessment request on 3 March")
    )
    assert len(messages) == 1
    text = messages[0]["text"]
    assert "by Tuesday 14 April 2026 (6 weeks from 3 March 2026)" in text
    assert "SEND Regulations 2014, regulation 5(1)" in text and "not legal advice" in text
    assert events == [SlotSet("deadline_kind", None)]


def test_asks_which_deadline_with_buttons(deadline_action):
    messages, events = run(deadline_action, tracker("can you work out a deadline for me?"))
    buttons = messages[0]["buttons"]
    payloads = [b["payload"] for b in buttons]
    assert '/deadline_calculation{"deadline_kind": "decide_to_assess"}' in payloads
    kinds = [json.loads(p[len("/deadline_calculation") :])["deadline_kind"] for p in payloads]
    assert kinds == [
        "decide_to_assess",
        "decide_to_issue_plan",
        "final_plan",
        "draft_plan_comments",
        "appeal",
        "annual_review",
        "phase_transfer",
    ]
    assert all(b["title"] for b in buttons)
    assert events == []


def test_button_payload_asks_for_the_date_and_remembers_the_kind(deadline_action):
    payload = '/deadline_calculation{"deadline_kind": "draft_plan_comments"}'
    t = tracker(
        payload,
        slots={"deadline_kind": "draft_plan_comments"},
        entities=[{"entity": "deadline_kind", "value": "draft_plan_comments"}],
    )
    messages, events = run(deadline_action, t)
    assert messages[0]["text"] == "What date did you receive the draft EHC plan?"
    assert events == [SlotSet("deadline_kind", "draft_plan_comments")]


def test_kind_without_date_asks_what_date(deadline_action):
    messages, events = run(
        deadline_action, tracker("when will the council decide whether to assess?")
    )
    assert messages[0]["text"].startswith("What date did the council receive your request")
    assert events == [SlotSet("deadline_kind", "decide_to_assess")]


def test_date_reply_uses_the_remembered_kind_then_clears_it(deadline_action):
    # The question mentions "request"; the slot, not the words, decides the kind.
    t = tracker("they got my request on 3/3/2026", slots={"deadline_kind": "final_plan"})
    messages, events = run(deadline_action, t)
    assert (
        "must issue the final EHC plan by Tuesday 21 July 2026 (20 weeks from 3 March 2026)"
        in messages[0]["text"]
    )
    assert events == [SlotSet("deadline_kind", None)]


def test_impossible_date_keeps_the_kind(deadline_action):
    t = tracker("31/02/2026", slots={"deadline_kind": "decide_to_assess"})
    messages, events = run(deadline_action, t)
    assert "does not exist" in messages[0]["text"]
    assert events == [SlotSet("deadline_kind", "decide_to_assess")]


def test_future_date_gets_a_clear_message(deadline_action):
    messages, events = run(deadline_action, tracker("we received the draft plan tomorrow"))
    assert "in the future" in messages[0]["text"]
    assert events == [SlotSet("deadline_kind", "draft_plan_comments")]


def test_appeal_with_both_dates(deadline_action):
    text = "the decision letter was dated 12/03/2026 and the mediation certificate 25/03/2026"
    messages, _ = run(deadline_action, tracker(text))
    assert (
        "by Tuesday 12 May 2026" in messages[0]["text"]
        and "the later date counts" in messages[0]["text"]
    )


def test_phase_transfer(deadline_action):
    messages, _ = run(deadline_action, tracker("he moves to secondary school in September 2027"))
    assert "by Monday 15 February 2027" in messages[0]["text"]


def test_unknown_slot_value_is_ignored(deadline_action):
    messages, _ = run(deadline_action, tracker("hello", slots={"deadline_kind": "nonsense"}))
    assert messages[0]["buttons"]


def test_knowledge_base_down(kb_down):
    action = ActionCalculateDeadline(today=lambda: TODAY)
    messages, events = run(action, tracker("I sent the request on 3 March"))
    assert "Sorry" in messages[0]["text"] and events == [SlotSet("deadline_kind", None)]


# ---------------------------------------------------------------- action_offer_letter
def test_letter_action_name():
    assert ActionOfferLetter().name() == "action_offer_letter"


def test_offers_letters_with_buttons(letter_action):
    messages, events = run(
        letter_action, tracker("can you help me write something?", intent="request_letter")
    )
    payloads = [b["payload"] for b in messages[0]["buttons"]]
    assert payloads == [
        f'/request_letter{{"letter_kind": "{k}"}}'
        for k in ("request_assessment", "concerns_to_school", "school_complaint", "chase_deadline")
    ]
    assert events == []


def test_request_letter_for_stockton(letter_action):
    t = tracker(
        "please write me a letter to ask for an EHC needs assessment",
        intent="request_letter",
        slots={"council": "Stockton"},
    )
    messages, events = run(letter_action, t)
    intro, letter = messages
    assert "[square brackets]" in intro["text"] and "not legal advice" in intro["text"]
    assert "Stockton-on-Tees SEN Team" in intro["text"]
    assert "sensection@stockton.gov.uk" in letter["text"]
    assert "section 36(1) of the Children and Families Act 2014" in letter["text"]
    payload = letter["custom"]["letter"]
    assert payload["filename"] == "request-for-ehc-needs-assessment.txt"
    assert payload["text"] == letter["text"] and payload["title"]
    assert events == [SlotSet("letter_kind", None)]


def test_letter_from_button_payload(letter_action):
    t = tracker(
        '/request_letter{"letter_kind": "chase_deadline"}',
        intent="request_letter",
        slots={"letter_kind": "chase_deadline", "council": "Hampshire County Council"},
        entities=[{"entity": "letter_kind", "value": "chase_deadline"}],
    )
    messages, _ = run(letter_action, t)
    intro, letter = messages
    assert "Local Offer" in intro["text"]
    assert "[Your council's SEN team]\nHampshire\n" in letter["text"]
    assert letter["custom"]["letter"]["filename"] == "missed-deadline-letter.txt"


def test_letter_for_unknown_council_uses_placeholders(letter_action):
    t = tracker(
        "I want to raise concerns with the SENCO",
        intent="request_letter",
        slots={"council": "Atlantis"},
    )
    messages, _ = run(letter_action, t)
    assert messages[1]["custom"]["letter"]["filename"] == "concerns-about-my-childs-needs.txt"
    assert "[Name of class teacher or SENCO]" in messages[1]["text"]


def test_chase_letter_uses_the_deadline_kind_slot(letter_action):
    t = tracker(
        "the council missed the deadline",
        intent="request_letter",
        slots={"deadline_kind": "final_plan"},
    )
    text = run(letter_action, t)[0][1]["text"]
    assert "20 weeks" in text and "6 weeks" not in text


def test_child_name_never_reaches_the_letter_or_a_slot(letter_action):
    t = tracker("I need a formal complaint letter for my son Tom Smith", intent="request_letter")
    messages, events = run(letter_action, t)
    assert all("Tom" not in (m["text"] or "") for m in messages)
    assert "[child's full name]" in messages[1]["text"]
    assert events == [SlotSet("letter_kind", None)]


def test_letter_uses_the_council_named_in_the_message_or_widget(letter_action):
    t = tracker(
        "letter to request an assessment",
        intent="request_letter",
        entities=[{"entity": "council", "value": "Stockton-on-Tees"}],
    )
    assert "sensection@stockton.gov.uk" in run(letter_action, t)[0][1]["text"]
    t = tracker("letter to request an assessment", intent="request_letter")
    t.latest_message["metadata"] = {"council": "Stockton"}
    assert "sensection@stockton.gov.uk" in run(letter_action, t)[0][1]["text"]
