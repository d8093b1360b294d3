"""The dialogue actions, run with real rasa_sdk Trackers against a freshly built knowledge base."""

import pytest

from actions.answers import ActionAnswerTopic
from actions.context import kb
from actions.council import ActionCouncilSet
from actions.escalation import ActionEscalation, ActionEscalationPath
from actions.support import ActionClarify, ActionHandoff, ActionSafety
from knowledge import default_kb
from replies import phrases
from tests.dialogue import run, tracker


@pytest.fixture(autouse=True)
def use_built_kb(kb):
    return kb


def council(value):
    return {"entity": "council", "value": value}


def slot(events, name):
    return next(
        (e["value"] for e in events if e.get("event") == "slot" and e.get("name") == name), "unset"
    )


def test_hampshire_then_sendiass_contact_gives_the_number():
    text, _, events = run(
        ActionCouncilSet(),
        tracker("I live in Hampshire", "inform_council", entities=[council("Hampshire")]),
    )
    assert slot(events, "council") == "Hampshire" and "0808 164 5504" in text
    text, _, _ = run(
        ActionAnswerTopic(),
        tracker("how do I contact SENDIASS?", "council_contacts", slots={"council": "Hampshire"}),
    )
    assert (
        "Hampshire SENDIASS" in text
        and "0808 164 5504" in text
        and "Source: Hampshire SENDIASS leaflet" in text
    )


def test_contacts_without_a_council_asks_with_six_buttons_then_answers():
    text, messages, events = run(
        ActionAnswerTopic(), tracker("SEN team phone number", "council_contacts")
    )
    assert "Which council" in text and len(messages[0]["buttons"]) == 6
    assert slot(events, "pending_topic") == "council_contacts"
    text, _, events = run(
        ActionCouncilSet(),
        tracker(
            '/inform_council{"council": "Stockton-on-Tees"}',
            "inform_council",
            slots={"pending_topic": "council_contacts"},
            entities=[council("Stockton-on-Tees")],
        ),
    )
    assert "01642 527145" in text and "sensection@stockton.gov.uk" in text
    assert slot(events, "pending_topic") is None


def test_general_question_is_answered_at_once_with_its_source():
    text, messages, _ = run(
        ActionAnswerTopic(), tracker("how often should school meet me", "parent_meetings")
    )
    assert (
        "at least three times a year" in text
        and "SEND Code of Practice, paragraph 6.65" in text
        and "Next step:" in text
    )
    assert not any(m.get("buttons") for m in messages)


def test_local_topic_answers_first_then_offers_council_buttons():
    text, messages, _ = run(ActionAnswerTopic(), tracker("what is the local offer", "local_offer"))
    assert "Local Offer" in text and messages[-1]["buttons"]


@pytest.mark.parametrize("typed", ["Leeds", "Southampton", "Stockport", "North Somerset"])
def test_council_outside_the_six_gets_national_services_never_another_councils(typed):
    text, _, events = run(
        ActionCouncilSet(),
        tracker(f"I live in {typed}", "inform_council", entities=[council(typed)]),
    )
    assert "don't have local contact details" in text and "IPSEA" in text and "Local Offer" in text
    for other in ("0808 164 5504", "01642", "01670", "01225"):
        assert other not in text


def test_naming_another_council_later_switches_it():
    _, _, events = run(
        ActionAnswerTopic(),
        tracker(
            "what's Stockton's SENDIASS number",
            "council_contacts",
            slots={"council": "Hampshire"},
            entities=[council("Stockton")],
        ),
    )
    assert slot(events, "council") == "Stockton-on-Tees"


def test_widget_council_is_used_when_none_was_named():
    text, _, _ = run(
        ActionAnswerTopic(), tracker("contacts", "council_contacts", metadata={"council": "BANES"})
    )
    assert "01225 394382" in text and "10.00am to 3.00pm, Monday to Thursday" in text


def test_ladder_asks_what_was_tried_then_gives_the_next_step():
    text, messages, events = run(
        ActionEscalation(), tracker("school isn't meeting his needs", "school_not_meeting_needs")
    )
    assert "what have you tried" in text and "IASS can help at any stage" in text
    assert [b["title"] for b in messages[0]["buttons"]][0] == "Nothing yet"
    tried = slot(events, "steps_tried")
    text, _, events = run(
        ActionEscalation(),
        tracker(
            "I've spoken to the SENCO and the head",
            "steps_taken",
            slots={
                "ladder": "school_not_meeting_needs",
                "steps_tried": tried,
                "council": "Hampshire",
            },
        ),
    )
    assert "Next step (4 of" in text and "governor" in text.lower() and "0808 164 5504" in text
    assert "You've already tried: the SENCO and the headteacher" in text  # reads as a sentence
    assert "EHC needs assessment at any time" in text
    assert "school_not_meeting_needs:headteacher" in slot(events, "steps_tried")


def test_a_step_asked_about_is_explained_not_counted_as_tried():
    text, messages, events = run(
        ActionEscalation(),
        tracker("The LA refused to assess my son, how do I appeal?", "ehc_refused"),
    )
    assert "Step (4 of 5): The First-tier Tribunal (SEND)" in text
    assert "already tried" not in text and "Ombudsman" not in text.split("How:")[0]
    assert slot(events, "steps_tried") == []
    assert messages[0]["buttons"][0]["payload"] == '/steps_taken{"step": "tribunal"}'


def test_after_a_tribunal_appeal_the_refusal_ladder_does_not_send_to_the_ombudsman():
    text, _, events = run(
        ActionEscalation(),
        tracker("The LA refused to assess, we have appealed to the tribunal", "ehc_refused"),
    )
    assert "You've reached the last step I know" in text
    assert "Ombudsman" not in text
    assert slot(events, "steps_tried") == ["ehc_refused:tribunal"]


def test_a_step_said_as_not_done_yet_is_not_tried():
    text, _, events = run(
        ActionEscalation(),
        tracker(
            "I haven't spoken to the senco yet but the school isn't meeting his needs",
            "school_not_meeting_needs",
        ),
    )
    assert "what have you tried" in text and "already tried" not in text
    assert slot(events, "steps_tried") == []


def test_a_step_taken_and_a_step_asked_about_in_one_message():
    text, _, events = run(
        ActionEscalation(),
        tracker("I spoke to the SENCO, should I go to the head?", "school_not_meeting_needs"),
    )
    assert "You've already tried: the SENCO. Step (3 of 6): The headteacher" in text
    assert slot(events, "steps_tried") == ["school_not_meeting_needs:senco"]


def test_ladder_remembers_steps_across_turns():
    slots = {
        "ladder": "school_not_meeting_needs",
        "steps_tried": ["school_not_meeting_needs:governors"],
    }
    text, _, _ = run(
        ActionEscalation(),
        tracker(
            '/steps_taken{"step": "governors"}',
            "steps_taken",
            slots=slots,
            entities=[{"entity": "step", "value": "governors"}],
        ),
    )
    assert "Next step (5 of" in text and "council's SEN team" in text


def test_asking_the_council_for_an_assessment_does_not_skip_the_school_s_own_steps():
    # the council step can be taken at any stage: told alone, the school's complaints procedure
    # is still to come, so the Department for Education (after that procedure) is not next
    text, _, events = run(
        ActionEscalation(),
        tracker(
            "We have asked the council for an EHC needs assessment but the school still isn't "
            "meeting his needs",
            "school_not_meeting_needs",
        ),
    )
    assert "Next step (1 of 6): Your child's class or subject teacher" in text
    assert "Department for Education" not in text
    assert slot(events, "steps_tried") == ["school_not_meeting_needs:ehc_assessment"]
    text, _, _ = run(
        ActionEscalation(),
        tracker(
            "I've been to the governors too",
            "steps_taken",
            slots={
                "ladder": "school_not_meeting_needs",
                "steps_tried": slot(events, "steps_tried"),
            },
        ),
    )
    assert "Next step (6 of 6): The Department for Education" in text


def test_the_council_step_chosen_as_the_furthest_reached_means_the_school_s_steps_came_first():
    text, _, events = run(
        ActionEscalation(),
        tracker(
            '/steps_taken{"step": "ehc_assessment"}',
            "steps_taken",
            slots={"ladder": "school_not_meeting_needs"},
            entities=[{"entity": "step", "value": "ehc_assessment"}],
        ),
    )
    assert "Next step (6 of 6): The Department for Education" in text
    assert "school_not_meeting_needs:governors" in slot(events, "steps_tried")


def test_council_refusal_ladder_from_nothing_yet():
    text, _, _ = run(
        ActionEscalation(),
        tracker(
            '/steps_taken{"step": "none"}',
            "steps_taken",
            slots={"ladder": "ehc_refused", "council": "Stockton"},
            entities=[{"entity": "step", "value": "none"}],
        ),
    )
    assert "Next step (1 of" in text and "6 weeks" in text and "01642 527145" in text


def test_staff_escalation_path_is_one_complete_reply(built_kb):
    text, messages, _ = run(
        ActionEscalationPath(),
        tracker("Hampshire escalation path", "escalation_path", entities=[council("Hampshire")]),
    )
    assert len(messages) == 1
    assert "1. Your child's class or subject teacher" in text and "0808 164 5504" in text
    # One button for each of the other escalation ladders.
    assert (
        "SEND Code of Practice 6.65" in text
        and len(messages[0]["buttons"]) == len(built_kb.ladders()) - 1
    )


def test_safety_contacts_come_first():
    text, messages, _ = run(ActionSafety(), tracker("she wants to die", "safety_concern"))
    first = messages[0]["text"]
    assert (
        "999" in first and "0808 800 5000" in first and "0800 1111" in first and "116 123" in first
    )


def test_clarify_offers_the_two_likeliest_topics():
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.5},
        {"name": "greet", "confidence": 0.3},
        {"name": "ehc_timescales", "confidence": 0.2},
        {"name": "areas_of_need", "confidence": 0.1},
        {"name": "senco", "confidence": 0.05},
    ]
    text, messages, _ = run(ActionClarify(), tracker("blorp", "nlu_fallback", ranking=ranking))
    titles = [b["title"] for b in messages[0]["buttons"]]
    assert titles[:2] == ["EHC needs assessment timescales", "The four broad areas of need"]


def _clarified(first_text, first_ranking, offered):
    """The parent typed `first_text`; the assistant asked which of `offered` topics they meant."""
    return [
        {"event": "user", "text": first_text, "parse_data": {"intent_ranking": first_ranking}},
        {"event": "action", "name": "action_clarify"},
        {
            "event": "bot",
            "text": "Did you mean one of these?",
            "data": {"buttons": [{"title": t, "payload": f"/{t}"} for t in offered]},
        },
        {"event": "action", "name": "action_listen"},
    ]


def test_second_clarification_that_adds_nothing_new_hands_over_to_people():
    events = _clarified("blorp", [{"name": "senco", "confidence": 0.2}], ["senco", "iass"])
    events.append({"event": "user", "text": "zzz"})
    text, _, _ = run(
        ActionClarify(),
        tracker(
            "zzz", "nlu_fallback", events=events, ranking=[{"name": "senco", "confidence": 0.2}]
        ),
    )
    assert "IPSEA" in text and "still not sure" in text


SCHOOL_REFUSED = "The council won't give him a place at the special school we asked for"
SCHOOL_REFUSED_RANKING = [
    {"name": "special_school_refused", "confidence": 0.25},
    {"name": "naming_school", "confidence": 0.2},
]


def test_more_words_after_a_clarifying_question_are_read_with_the_message_before():
    events = _clarified(SCHOOL_REFUSED, SCHOOL_REFUSED_RANKING, ["naming_school", "iass"])
    follow_up = "Lack of space, according to the letter"
    events.append({"event": "user", "text": follow_up})
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.3},
        {"name": "transport", "confidence": 0.12},
    ]
    text, messages, _ = run(
        ActionClarify(), tracker(follow_up, "nlu_fallback", events=events, ranking=ranking)
    )
    payloads = [b["payload"] for b in messages[0]["buttons"]]
    assert "Reading this with your last message" in text and "still not sure" not in text
    # the school refused comes from the first message's words: this one alone names no school
    assert payloads[0] == "/special_school_refused"
    assert payloads[-2:] == ["/iass", "/ask_human"]


def test_asked_twice_with_earlier_words_then_the_people_who_can_help():
    events = _clarified(SCHOOL_REFUSED, SCHOOL_REFUSED_RANKING, ["naming_school", "iass"])
    events[-2]["text"] = phrases.DID_YOU_MEAN_WITH_EARLIER
    events.append({"event": "user", "text": "they said it was full"})
    ranking = [{"name": "transport", "confidence": 0.12}]
    text, _, _ = run(
        ActionClarify(),
        tracker("they said it was full", "nlu_fallback", events=events, ranking=ranking),
    )
    assert "still not sure" in text and "IPSEA" in text


def test_unsure_follow_up_to_an_answer_offers_the_earlier_message_s_topics_not_the_one_answered():
    events = [
        {
            "event": "user",
            "text": "We've been told the annual review is next month",
            "parse_data": {
                "intent": {"name": "annual_review"},
                "intent_ranking": [
                    {"name": "annual_review", "confidence": 0.7},
                    {"name": "review_late", "confidence": 0.2},
                ],
            },
        },
        {"event": "action", "name": "action_answer_topic"},
        {"event": "bot", "text": "An EHC plan must be reviewed at least every 12 months."},
        {"event": "action", "name": "action_listen"},
    ]
    follow_up = "I just hope they don't decide to discontinue it"
    events.append({"event": "user", "text": follow_up})
    text, messages, _ = run(
        ActionClarify(),
        tracker(
            follow_up, "nlu_fallback", events=events, ranking=[{"name": "senco", "confidence": 0.1}]
        ),
    )
    payloads = [b["payload"] for b in messages[0]["buttons"]]
    assert "/ceasing_plan" in payloads  # its cue word "discontinue"
    assert "/review_late" in payloads  # from the message before
    assert "/annual_review" not in payloads  # just answered


def test_handoff_gives_iass_with_opening_hours():
    text, _, _ = run(
        ActionHandoff(), tracker("can I talk to someone", "ask_human", slots={"council": "BANES"})
    )
    assert "01225 394382" in text and "Monday to Thursday" in text


def test_handoff_without_a_council_gives_national_services_and_asks():
    text, messages, _ = run(ActionHandoff(), tracker("speak to a human", "ask_human"))
    assert "IPSEA" in text and "0808 808 3555" in text and len(messages[0]["buttons"]) == 6


def test_staff_mode_adds_detail_and_full_citations():
    parent, _, _ = run(ActionAnswerTopic(), tracker("complaints", "complaints"))
    staff, _, _ = run(
        ActionAnswerTopic(), tracker("complaints", "complaints", metadata={"mode": "staff"})
    )
    assert "Ombudsman cannot look at" in staff and "Ombudsman cannot look at" not in parent
    assert "https://www.lgo.org.uk" in staff


def test_northamptonshire_iass_has_no_invented_number():
    text, _, _ = run(
        ActionAnswerTopic(), tracker("contacts", "council_contacts", slots={"council": "Northants"})
    )
    assert "Local Offer" in text and "Global Mediation" in text
    assert "Northamptonshire IASS: phone" not in text


def test_a_topic_leads_into_its_ladder_and_its_letter():
    """Sent home without a formal exclusion: the answer offers the exclusion ladder's steps and
    the letter to the headteacher, and both buttons lead where they say."""
    from actions.letters import ActionOfferLetter

    text, messages, events = run(
        ActionAnswerTopic(), tracker("he keeps being sent home at lunch", "unofficial_exclusion")
    )
    buttons = {b["title"]: b["payload"] for m in messages for b in m.get("buttons") or []}
    assert buttons["What can I do next?"] == '/steps_taken{"ladder": "exclusion"}'
    assert buttons["Draft a letter"] == '/request_letter{"letter_kind": "sent_home_unofficial"}'
    assert slot(events, "ladder") == "exclusion"
    step_text, step_messages, step_events = run(
        ActionEscalation(),
        tracker(
            buttons["What can I do next?"],
            "steps_taken",
            entities=[{"entity": "ladder", "value": "exclusion"}],
        ),
    )
    # The ladder asks what has been tried, offering the exclusion ladder's own steps.
    exclusion = default_kb().ladder("exclusion")
    offered = [b["title"] for m in step_messages for b in m.get("buttons") or []]
    assert "what have you tried" in step_text.lower()
    assert exclusion.steps[0].who in offered and slot(step_events, "ladder") == "exclusion"
    _, letter_messages, _ = run(
        ActionOfferLetter(),
        tracker(
            buttons["Draft a letter"],
            "request_letter",
            entities=[{"entity": "letter_kind", "value": "sent_home_unofficial"}],
        ),
    )
    letter = next(m["custom"]["letter"] for m in letter_messages if m.get("custom"))
    assert "headteacher" in letter["text"].lower()


def test_a_topic_without_a_ladder_or_letter_offers_no_such_buttons():
    _, messages, events = run(ActionAnswerTopic(), tracker("what is a senco", "senco"))
    titles = [b["title"] for m in messages for b in m.get("buttons") or []]
    assert "What can I do next?" not in titles and "Draft a letter" not in titles
    assert slot(events, "ladder") == "unset"


@pytest.mark.parametrize(
    "asked,title",
    [
        ("show me the escalation ladder for transport", "home-to-school transport"),
        ("escalation path for exclusions", "excluded or keeps being sent home"),
        ("ladder for when the plan isn't delivered", "is not being delivered"),
        ("what's the path when the annual review is late", "annual review is late"),
        ("escalation ladder when the LA refuses an EHCNA", "refuses or delays an EHC"),
        ("escalation path", "The school is not meeting"),
    ],
)
def test_the_path_asked_for_is_the_one_named(asked, title):
    text, _, _ = run(ActionEscalationPath(), tracker(asked, "escalation_path"))
    assert text.splitlines()[0] == "Escalation path: " + next(
        lad.title for lad in kb().ladders() if title in lad.title
    )
