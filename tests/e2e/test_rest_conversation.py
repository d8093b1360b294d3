"""Talking to the running assistant over HTTP, as the REST channel's users do."""

import sqlite3
import uuid

from devtools.servers import button_payloads, say, text_of
from nlu.risk.sets import load_real_messages
from replies import phrases


def sender():
    return f"test-{uuid.uuid4().hex[:12]}"


def test_hampshire_then_sendiass_number(assistant):
    user = sender()
    say(assistant.port, user, "I live in Hampshire")
    reply = text_of(say(assistant.port, user, "how do I contact SENDIASS?"))
    assert "0808 164 5504" in reply and "Hampshire SENDIASS" in reply


def test_ladder_over_http_remembers_steps(assistant):
    user = sender()
    first = say(assistant.port, user, "my daughter's school isn't meeting her needs")
    assert any(m.get("buttons") for m in first)
    reply = text_of(say(assistant.port, user, "I've spoken to the SENCO and the head"))
    assert "governor" in reply.lower()
    reply = text_of(say(assistant.port, user, '/steps_taken{"step": "governors"}'))
    assert "council's SEN team" in reply


def test_safety_message_gets_crisis_contacts_first(assistant):
    reply = say(
        assistant.port, sender(), "the senco ignores me and my son told me he wants to kill himself"
    )
    assert "999" in reply[0]["text"] + reply[1]["text"] and "116 123" in text_of(reply)


def test_an_unsure_message_is_asked_the_safety_check_then_answered(assistant):
    """A real parent's message the risk detector is unsure of: a gentle question with one
    button and no phone numbers, then the answer; the button gives the crisis contacts."""
    ordinary = [r["text"] for r in load_real_messages() if not r["risk"]]
    for text in ordinary:
        user = sender()
        reply = say(assistant.port, user, text)
        if reply and reply[0].get("text") == phrases.SAFETY_CHECK:
            break
    else:
        raise AssertionError("no real parent's message was asked the safety check")
    assert "/safety_concern" in button_payloads(reply[:1])
    assert len(reply) > 1, "the check came without the answer"
    assert "999" not in text_of(reply) and "116 123" not in text_of(reply)
    pressed = say(assistant.port, user, "/safety_concern")
    assert "999" in pressed[0]["text"] + pressed[1]["text"] and "116 123" in text_of(pressed)


def test_typed_email_address_never_reaches_the_database(assistant):
    user = sender()
    say(
        assistant.port,
        user,
        "my email is jo.bloggs@example.com and my son is called Sam, "
        "how do I ask for an assessment",
    )
    with sqlite3.connect(assistant.tracker_db) as db:
        stored = "\n".join(
            row[0] for row in db.execute("select data from events where sender_id = ?", (user,))
        )
    assert "user" in stored and "[email]" in stored
    assert "jo.bloggs@example.com" not in stored and "Sam" not in stored


def test_saying_you_live_in_a_town_moves_the_conversation_to_its_council(assistant):
    """A parent who first named another council, then says they live in Corby, gets North
    Northamptonshire's contacts from then on, with no note that it is someone else's council."""
    user = sender()
    say(assistant.port, user, "Rochdale")
    reply = text_of(
        say(assistant.port, user, "i live in corby and the school keeps sending ds home at lunch")
    )
    assert "For North Northamptonshire" in reply
    assert "separate council" not in reply and "Rochdale" not in reply
    later = text_of(say(assistant.port, user, "who can I contact for help"))
    assert "North Northamptonshire" in later and "Rochdale" not in later


def test_a_misspelt_council_is_offered_back_and_the_waiting_question_answered(assistant):
    user = sender()
    say(assistant.port, user, "who can I contact for help with SEN")
    offered = say(assistant.port, user, "hampshir")
    assert '/inform_council{"council": "Hampshire"}' in button_payloads(offered)
    reply = text_of(say(assistant.port, user, '/inform_council{"council": "Hampshire"}'))
    assert "0808 164 5504" in reply
