"""The deadline and letter actions, run with real rasa_sdk Trackers and a CollectingDispatcher."""

import datetime as dt
import json

import pytest
from rasa_sdk.events import SlotSet

from actions.deadlines import ActionCalculateDeadline, uk_today
from actions.letters import ActionOfferLetter
from tests import dialogue
from tests.test_letters import LETTER_IDS  # every letter, in the order offered

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
    assert len(messages) == 2  # the answer, then the same dates as a timeline payload
    text = messages[0]["text"]
    assert "by Tuesday 14 April 2026 (6 weeks from 3 March 2026)" in text
    assert "SEND Regulations 2014, regulation 5(1)" in text and "not legal advice" in text
    assert events == [SlotSet("deadline_kind", None)]


def test_ehc_timeline_payload_has_request_and_the_three_steps(deadline_action):
    messages, _ = run(
        deadline_action, tracker("I sent the EHC needs assessment request on 3 March")
    )
    timeline = messages[1]["custom"]["timeline"]
    assert [(e["label"], e["date"], e["passed"]) for e in timeline["events"]] == [
        ("The council received your request", "2026-03-03", True),
        ("6 weeks: Decision on an assessment", "2026-04-14", False),
        ("16 weeks: Decision on issuing a plan", "2026-06-23", False),
        ("20 weeks: Final EHC plan", "2026-07-21", False),
    ]
    assert timeline["events"][1]["date_text"] == "Tuesday 14 April 2026"
    assert (timeline["today"], timeline["today_text"]) == ("2026-04-01", "Wednesday 1 April 2026")
    # The picture shows what the text says: the same 6-week date.
    assert timeline["events"][1]["date_text"] in messages[0]["text"]


def test_appeal_timeline_payload_has_letter_certificate_and_deadline(deadline_action):
    messages, _ = run(
        deadline_action,
        tracker(
            "decision letter 10 February, mediation certificate 12 March",
            slots={"deadline_kind": "appeal"},
        ),
    )
    events = messages[1]["custom"]["timeline"]["events"]
    assert [(e["label"], e["date"], e["deadline"]) for e in events] == [
        ("The decision letter", "2026-02-10", False),
        ("The mediation certificate", "2026-03-12", False),
        ("Last day to appeal to the tribunal", "2026-04-12", True),
    ]


def test_draft_plan_timeline_payload_says_when_comments_are_due(deadline_action):
    messages, _ = run(
        deadline_action,
        tracker(
            "we got the draft plan on 20 March", slots={"deadline_kind": "draft_plan_comments"}
        ),
    )
    events = messages[1]["custom"]["timeline"]["events"]
    assert [(e["label"], e["date_text"]) for e in events] == [
        ("You received the draft plan", "Friday 20 March 2026"),
        # At least 15 days beginning with the day served (reg 13(1)(a)): 20 March to 3 April.
        ("Last day to comment on the draft plan", "Friday 3 April 2026"),
    ]


def test_phase_transfer_has_no_timeline_of_the_parents_dates(deadline_action):
    messages, _ = run(deadline_action, tracker("he moves to secondary school in September 2027"))
    assert len(messages) == 1


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
        "review_decision",
        "amended_plan",
        "annual_review",
        "phase_transfer",
        "discrimination_claim",
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
    assert messages[0]["text"] == "What date was the draft EHC plan sent (served) to you?"
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
    assert payloads == [f'/request_letter{{"letter_kind": "{k}"}}' for k in LETTER_IDS]
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
    # The sources give no address for assessment requests: the parent adds it (issue 10).
    assert (
        "Add your council's SEN team details" in intro["text"]
        and "Stockton-on-Tees SEN Team" not in intro["text"]
    )
    assert "[Your council's SEN team]\nStockton-on-Tees\n" in letter["text"]
    assert "sensection@stockton.gov.uk" not in letter["text"]
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
    assert "[Your council's SEN team]\nStockton-on-Tees\n" in run(letter_action, t)[0][1]["text"]
    t = tracker("letter to request an assessment", intent="request_letter")
    t.latest_message["metadata"] = {"council": "Stockton"}
    assert "[Your council's SEN team]\nStockton-on-Tees\n" in run(letter_action, t)[0][1]["text"]
