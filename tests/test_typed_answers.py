"""A typed yes or no answers the question just asked, as tapping its button would have."""

from actions.answers import ActionAnswerTopic
from actions.council import ActionCouncilSet
from actions.deadlines import ActionCalculateDeadline
from actions.escalation import ActionEscalation
from actions.letters import ActionOfferLetter
from actions.support import ActionClarify
from actions.typed_answers import ActionGoodbye, ActionYesOrNo
from replies import phrases
from tests.dialogue import run, tracker


def after(reply_messages, text, intent, slots=None, earlier_intent=""):
    """The parent's typed `text` just after the assistant's `reply_messages` (with buttons), in
    reply to a message of `earlier_intent`."""
    earlier = {"intent": {"name": earlier_intent, "confidence": 0.9}}
    events = [{"event": "user", "text": "earlier message", "parse_data": earlier}]
    events += [
        {"event": "bot", "text": m.get("text"), "data": {"buttons": m.get("buttons") or []}}
        for m in reply_messages
    ]
    events.append({"event": "user", "text": text})
    return tracker(text, intent, slots=slots, events=events)


def slot(events, name):
    return next(e["value"] for e in events if e.get("name") == name)


def test_not_yet_to_what_have_you_tried_gives_the_first_step(kb):
    _, asked, events = run(
        ActionEscalation(), tracker("school isn't meeting his needs", "school_not_meeting_needs")
    )
    assert "what have you tried" in asked[0]["text"]
    slots = {"ladder": slot(events, "ladder"), "steps_tried": slot(events, "steps_tried")}
    text, _, _ = run(ActionYesOrNo(), after(asked, "not yet", "deny", slots))
    assert "Next step (1 of 6): Your child's class or subject teacher" in text


def test_yes_to_i_have_done_this_step_gives_the_next_one(kb):
    slots = {"ladder": "school_not_meeting_needs", "steps_tried": []}
    _, shown, _ = run(
        ActionEscalation(),
        tracker("I've talked to his teacher", "steps_taken", slots=slots),
    )
    assert shown[0]["buttons"][0]["title"] == phrases.STEP_DONE
    slots["steps_tried"] = ["school_not_meeting_needs:class_teacher"]
    text, _, events = run(ActionYesOrNo(), after(shown, "yes done that", "affirm", slots))
    assert "Next step (3 of 6): The headteacher" in text
    assert "school_not_meeting_needs:senco" in slot(events, "steps_tried")


def test_yes_to_is_that_the_town_in_a_covered_council_sets_it(kb):
    question = [
        {
            "text": phrases.confirm_town("Hythe", "Hampshire"),
            "buttons": [
                {"title": phrases.YES, "payload": '/inform_council{"council": "Hampshire"}'},
                {"title": phrases.NO_SOMEWHERE_ELSE, "payload": "/inform_council"},
            ],
        }
    ]
    text, _, events = run(ActionYesOrNo(), after(question, "yes", "affirm"))
    assert slot(events, "council") == "Hampshire" and "Hampshire" in text
    text, messages, events = run(ActionYesOrNo(), after(question, "no", "deny"))
    assert text == phrases.ASK_COUNCIL and events == []
    assert "Hampshire" in [b["title"] for b in messages[0]["buttons"]]


def test_yes_to_the_safety_check_gives_the_crisis_contacts(kb):
    check = [
        {
            "text": phrases.SAFETY_CHECK,
            "buttons": [{"title": phrases.SAFETY_CHECK_BUTTON, "payload": "/safety_concern"}],
        },
        {"text": "An answer about reading support."},
    ]
    text, _, _ = run(ActionYesOrNo(), after(check, "yes", "affirm"))
    assert "999" in text


def test_yes_and_no_with_no_question_waiting_get_the_short_replies(kb):
    said = [{"text": "You're welcome. Is there anything else I can help with?"}]
    _, messages, _ = run(ActionYesOrNo(), after(said, "yes", "affirm"))
    assert [m["response"] for m in messages] == ["utter_affirm"]
    _, messages, _ = run(ActionYesOrNo(), after(said, "no", "deny"))
    assert [m["response"] for m in messages] == ["utter_deny"]


def test_a_button_typed_out_does_what_the_button_does(kb):
    slots = {"ladder": "school_not_meeting_needs", "steps_tried": []}
    _, shown, _ = run(
        ActionEscalation(), tracker("I've talked to his teacher", "steps_taken", slots=slots)
    )
    slots["steps_tried"] = ["school_not_meeting_needs:class_teacher"]
    # Too unlike any topic for the classifier: it reaches the clarifying action.
    text, _, _ = run(ActionClarify(), after(shown, "I've done this step", "nlu_fallback", slots))
    assert "Next step (3 of 6): The headteacher" in text


def test_yes_to_i_can_draft_the_letter_writes_it(kb):
    from actions.answers import ActionAnswerTopic

    _, offered, _ = run(
        ActionAnswerTopic(), tracker("he keeps being sent home at lunch", "unofficial_exclusion")
    )
    assert "Draft a letter" in [b["title"] for m in offered for b in m.get("buttons") or []]
    _, messages, _ = run(ActionYesOrNo(), after(offered, "yes please", "affirm"))
    letter = next(m["custom"]["letter"] for m in messages if m.get("custom"))
    assert "headteacher" in letter["text"].lower()


def test_a_step_taken_but_not_named_is_the_step_just_shown(kb):
    slots = {"ladder": "school_not_meeting_needs", "steps_tried": []}
    _, shown, _ = run(
        ActionEscalation(), tracker("I've talked to his teacher", "steps_taken", slots=slots)
    )
    slots["steps_tried"] = ["school_not_meeting_needs:class_teacher"]
    text, _, _ = run(ActionEscalation(), after(shown, "did that already", "steps_taken", slots))
    assert "Next step (3 of 6): The headteacher" in text
    # The same words as a new concern start the ladder's question, not the step's.
    text, _, _ = run(
        ActionEscalation(),
        after(shown, "the school still isn't coping", "school_not_meeting_needs", slots),
    )
    assert "Next step (2 of 6): The SENCO" in text


def _step_shown(kb):
    slots = {"ladder": "school_not_meeting_needs", "steps_tried": []}
    _, shown, _ = run(
        ActionEscalation(), tracker("I've talked to his teacher", "steps_taken", slots=slots)
    )
    slots["steps_tried"] = ["school_not_meeting_needs:class_teacher"]
    return shown, slots


def test_bare_done_after_a_step_marks_it_done_not_goodbye(kb):
    shown, slots = _step_shown(kb)
    for typed in ("done", "Done that.", "all done", "yep done it already"):
        text, _, events = run(ActionGoodbye(), after(shown, typed, "goodbye", slots))
        assert "Next step (3 of 6): The headteacher" in text, typed
        assert "school_not_meeting_needs:senco" in slot(events, "steps_tried")


def test_a_farewell_after_a_step_is_still_goodbye(kb):
    shown, slots = _step_shown(kb)
    for typed in ("bye", "I'm done for today, bye", "thanks, that's me done"):
        _, messages, events = run(ActionGoodbye(), after(shown, typed, "goodbye", slots))
        assert [m.get("response") for m in messages] == ["utter_goodbye"], typed
        assert not any(e.get("name") == "steps_tried" for e in events)


def test_done_with_no_step_shown_is_goodbye(kb):
    _, messages, _ = run(ActionGoodbye(), tracker("done", "goodbye"))
    assert [m.get("response") for m in messages] == ["utter_goodbye"]


def _asked_what_was_tried(text, intent):
    _, asked, events = run(ActionEscalation(), tracker(text, intent))
    assert "what have you tried" in asked[0]["text"]
    return asked, {"ladder": slot(events, "ladder"), "steps_tried": slot(events, "steps_tried")}


def test_a_step_told_as_done_in_the_words_of_a_topic_continues_the_ladder(kb):
    asked, slots = _asked_what_was_tried("the LA refused to assess my DS", "ehc_refused")
    text, _, events = run(
        ActionAnswerTopic(), after(asked, "we've been to mediation already", "mediation", slots)
    )
    assert "Next step (4 of 5): The First-tier Tribunal (SEND)" in text
    assert slot(events, "steps_tried") == ["ehc_refused:mediation"]


def test_a_step_told_as_done_when_unsure_continues_the_ladder(kb):
    asked, slots = _asked_what_was_tried(
        "school isn't meeting his needs", "school_not_meeting_needs"
    )
    text, _, _ = run(
        ActionClarify(), after(asked, "had a meeting with the senco", "nlu_fallback", slots)
    )
    assert "Next step (3 of 6): The headteacher" in text


def test_a_topic_question_after_the_ladder_question_is_still_answered(kb):
    asked, slots = _asked_what_was_tried("the LA refused to assess my DS", "ehc_refused")
    for text, intent in [
        ("how does mediation work?", "mediation"),
        (
            "we went to mediation in May but the real problem now is his taxi to school, "
            "which the council has stopped without telling us",
            "transport_appeal",
        ),
    ]:
        reply, _, events = run(ActionAnswerTopic(), after(asked, text, intent, slots))
        assert "Next step (" not in reply, text
        assert not any(e.get("name") == "steps_tried" for e in events)


def _topic_answered(text, intent):
    """The answer to a topic with a ladder, and the slots it leaves."""
    _, shown, events = run(ActionAnswerTopic(), tracker(text, intent))
    assert shown[0]["buttons"][0]["title"] == phrases.TOPIC_LADDER_BUTTON
    return shown, {"ladder": slot(events, "ladder")}


def test_i_wrote_to_the_head_after_an_exclusion_answer_is_a_step_not_a_letter(kb):
    shown, slots = _topic_answered("my ds has been excluded for 5 days", "exclusion_suspension")
    text, _, events = run(
        ActionOfferLetter(), after(shown, "I wrote to the head", "request_letter", slots)
    )
    assert "You've already tried: the headteacher" in text and "Next step (3 of 6)" in text
    assert slot(events, "steps_tried") == ["exclusion:headteacher"]
    # Asking for the letter still gets a letter.
    text, _, _ = run(
        ActionOfferLetter(), after(shown, "help me write to the head", "request_letter", slots)
    )
    assert "Next step (" not in text and "I can draft" in text


def test_a_step_told_in_a_later_turn_is_still_on_the_topic_ladder(kb):
    council_set = [{"text": "Thanks, I'll use Hampshire for local contacts.", "buttons": []}]
    slots = {"ladder": "provision_not_delivered", "council": "Hampshire"}
    text, _, _ = run(
        ActionOfferLetter(),
        after(council_set, "I've written to the school", "request_letter", slots),
    )
    assert "Next step (2 of 4): The council's SEN team" in text


def test_a_step_told_in_another_topics_words_follows_the_ladder_just_offered(kb):
    shown, slots = _topic_answered("the LA are refusing transport for my DD", "transport_appeal")
    text, _, _ = run(
        ActionAnswerTopic(),
        after(shown, "we asked for a review and it was turned down", "review_late", slots),
    )
    assert "Next step (2 of 3)" in text and "annual review" not in text.lower()


def test_what_next_after_a_topic_walks_its_ladder(kb):
    shown, slots = _topic_answered("he keeps being sent home at lunch", "unofficial_exclusion")
    text, messages, _ = run(ActionYesOrNo(), after(shown, "ok what next", "affirm", slots))
    assert "what have you tried" in text
    assert messages[0]["buttons"][0]["title"] == phrases.NOTHING_YET


def test_what_next_just_after_a_step_shows_the_whole_path(kb):
    shown, slots = _step_shown(kb)
    text, _, _ = run(ActionGoodbye(), after(shown, "what's next?", "goodbye", slots))
    for step in ("The SENCO", "The headteacher", "Department for Education"):
        assert step in text


def test_what_next_with_nothing_under_way_is_not_goodbye(kb):
    text, messages, _ = run(ActionGoodbye(), tracker("what's next", "goodbye"))
    assert text.startswith(phrases.NEXT_STEP_DEPENDS) and "IASS" in text
    assert not any(m.get("response") == "utter_goodbye" for m in messages)


def test_nothing_yet_after_a_topic_that_offered_its_ladder_gives_the_first_step(kb):
    shown, slots = _topic_answered("he keeps being sent home at lunch", "unofficial_exclusion")
    for typed in ("nothing yet", "not yet", "we haven't tried anything"):
        text, _, _ = run(ActionYesOrNo(), after(shown, typed, "deny", slots))
        assert "Next step (1 of 6)" in text, typed
    _, messages, _ = run(ActionYesOrNo(), after(shown, "no", "deny", slots))
    assert [m.get("response") for m in messages] == ["utter_deny"]


def test_when_do_i_reply_after_the_draft_plan_answer_works_out_its_dates(kb):
    shown, _ = run(ActionAnswerTopic(), tracker("we got the draft EHCP", "draft_plan"))[1:3]
    assert phrases.TOPIC_DEADLINE_BUTTON in [b["title"] for b in shown[0]["buttons"]]
    text, _, events = run(
        ActionCalculateDeadline(),
        after(shown, "when do I have to reply by?", "deadline_calculation"),
    )
    assert text == "What date was the draft EHC plan sent (served) to you?"
    asked = [{"text": text, "buttons": []}]
    slots = {"deadline_kind": slot(events, "deadline_kind")}
    # The date, in words the classifier reads as the draft plan topic, or does not understand.
    for action, intent in ((ActionAnswerTopic(), "draft_plan"), (ActionClarify(), "nlu_fallback")):
        text, _, _ = run(action, after(asked, "the draft came on 2 November 2026", intent, slots))
        assert "16 November 2026" in text, intent


def test_a_new_question_after_the_date_question_is_answered_as_itself(kb):
    asked = [{"text": "What date was the draft EHC plan sent (served) to you?", "buttons": []}]
    slots = {"deadline_kind": "draft_plan_comments"}
    text, _, _ = run(
        ActionAnswerTopic(), after(asked, "what is SEN support?", "sen_support", slots)
    )
    assert "SEN support" in text and "November" not in text


def test_what_can_i_do_after_a_topic_with_a_ladder_walks_it_not_the_bot_capabilities(kb):
    shown, slots = _topic_answered("he keeps being sent home at lunch", "unofficial_exclusion")
    later = [{"text": "I give information from official guidance...", "buttons": []}]
    text, _, _ = run(ActionAnswerTopic(), after(later, "what can I do?", "bot_capabilities", slots))
    assert "what have you tried" in text
    _, messages, _ = run(ActionAnswerTopic(), tracker("what can I do?", "bot_capabilities"))
    assert "I can:" in messages[0]["text"]


def test_the_same_answer_is_not_given_twice_in_a_row(kb):
    text, shown, _ = run(
        ActionAnswerTopic(),
        tracker("school are threatening fines for attendance", "attendance_anxiety"),
    )
    again, _, _ = run(
        ActionAnswerTopic(), after(shown, "what about the fines?", "attendance_anxiety")
    )
    assert text not in again
    assert again.startswith("My answer above is all I have on attendance problems and anxiety")
    assert "IPSEA" in again  # the people who can talk it through


def test_the_same_answer_again_still_offers_its_next_steps_and_the_new_issues(kb):
    _, shown, _ = run(
        ActionAnswerTopic(),
        tracker("school keep phoning me to collect him", "unofficial_exclusion"),
    )
    follow_up = "it happened again today and now they have stopped his taxi"
    conversation = after(shown, follow_up, "unofficial_exclusion")
    conversation.latest_message["intent_ranking"] = [
        {"name": "unofficial_exclusion", "confidence": 0.6},
        {"name": "transport", "confidence": 0.1},
    ]
    again, messages, _ = run(ActionAnswerTopic(), conversation)
    assert again.startswith("My answer above is all I have on")
    payloads = [b["payload"] for m in messages for b in m.get("buttons") or []]
    assert '/steps_taken{"ladder": "exclusion"}' in payloads  # the ladder is still the next step
    assert '/request_letter{"letter_kind": "sent_home_unofficial"}' in payloads
    assert "/transport" in payloads and "You also mentioned home-to-school transport" in again


def test_privacy_asked_again_is_answered_again(kb):
    text, shown, _ = run(ActionAnswerTopic(), tracker("what do you do with my data?", "privacy"))
    again, _, _ = run(ActionAnswerTopic(), after(shown, "do you store what I type?", "privacy"))
    assert again == text


def test_an_unsure_deadline_question_with_its_date_is_worked_out(kb):
    asked = (
        "I'm an IASS adviser, what's the deadline for a tribunal appeal if the decision letter "
        "was 3 July 2026?"
    )
    text, _, _ = run(ActionClarify(), tracker(asked, "nlu_fallback"))
    assert "3 September 2026" in text and "Did you mean" not in text
    # A date written with dots is one date, not three sentences.
    dotted = asked.replace("3 July 2026", "3.7.2026")
    text, _, _ = run(ActionClarify(), tracker(dotted, "nlu_fallback"))
    assert "3 September 2026" in text and "Did you mean" not in text
    # Without a date it is still the clarifying question.
    for told in (
        "tribunal appeal deadline, how does it work",
        # A deadline the parent already knows is not a date to count from.
        "the OT advice for his review leaves out sensory needs and the deadline is 20th May",
    ):
        _, messages, _ = run(ActionClarify(), tracker(told, "nlu_fallback"))
        assert phrases.SOMETHING_ELSE in [b["title"] for b in messages[0]["buttons"]], told


def test_a_deadline_question_with_a_date_in_another_clause_is_still_worked_out(kb):
    asked = "deadline for comments on the draft plan, it came on 3 March 2026"
    text, _, _ = run(ActionClarify(), tracker(asked, "nlu_fallback"))
    assert "17 March 2026" in text  # 15 days beginning with the day the draft came


def test_what_next_just_after_what_have_you_tried_gives_the_first_step(kb):
    asked, slots = _asked_what_was_tried(
        "school isn't meeting his needs", "school_not_meeting_needs"
    )
    text, _, _ = run(ActionGoodbye(), after(asked, "what next", "goodbye", slots))
    assert "Next step (1 of 6): Your child's class or subject teacher" in text


def test_an_unclear_reply_to_what_have_you_tried_asks_it_again_with_its_buttons(kb):
    asked, slots = _asked_what_was_tried(
        "school isn't meeting his needs", "school_not_meeting_needs"
    )
    text, messages, _ = run(ActionClarify(), after(asked, "he's in year 4", "nlu_fallback", slots))
    assert text == phrases.WHICH_STEP_AGAIN
    assert messages[0]["buttons"] == asked[0]["buttons"]
    # Unclear again: the people who can help, not the same question a third time.
    again = after([{"text": text, "buttons": asked[0]["buttons"]}], "year 4", "nlu_fallback", slots)
    again.events.insert(-1, {"event": "action", "name": "action_clarify"})
    text, _, _ = run(ActionClarify(), again)
    assert text != phrases.WHICH_STEP_AGAIN and "IASS" in text


def test_steps_told_with_the_word_council_are_steps_not_a_council_name(kb):
    shown, slots = _step_shown(kb)
    for remembered in (None, "Hampshire"):
        slots["council"] = remembered
        text, _, events = run(
            ActionCouncilSet(),
            after(shown, "the head and the council too", "inform_council", slots),
        )
        assert "Next step (4 of 6): The SEN governor" in text, remembered
        assert "school_not_meeting_needs:headteacher" in slot(events, "steps_tried")
    # A council named is still a council.
    text, _, events = run(
        ActionCouncilSet(), after(shown, "we're in Hampshire", "inform_council", slots)
    )
    assert slot(events, "council") == "Hampshire" and "Next step (" not in text


def test_what_can_i_do_after_a_topic_with_no_ladder_gives_its_next_step(kb):
    _, shown, _ = run(
        ActionAnswerTopic(), tracker("can my child get help with exams", "exam_access")
    )
    # An older ladder is remembered, but the answer just given was about exams.
    slots = {"ladder": "school_not_meeting_needs"}
    for action, intent in ((ActionAnswerTopic(), "bot_capabilities"), (ActionGoodbye(), "goodbye")):
        text, _, _ = run(
            action, after(shown, "what can I do?", intent, slots, earlier_intent="exam_access")
        )
        assert text.startswith("On exam access arrangements, the next step is: Ask the SENCO")
        assert "IPSEA" in text and "I can:" not in text and "Next step (" not in text


def test_a_story_with_a_date_and_when_in_different_sentences_is_not_a_deadline_question(kb):
    for story in (
        "He was lively when we first met him, a 9 year old now, and the head may exclude him "
        "again. The governors appeal went against us.",
        "The draft plan came on the 19th of Feb. The final plan came on 3 March. When will we "
        "hear if she has a place?",
    ):
        text, messages, _ = run(ActionClarify(), tracker(story, "nlu_fallback"))
        assert "exact day" not in text and "You have until" not in text, story
        assert "not sure" in text  # the clarifying question, or the people who can help


def test_what_can_i_do_after_a_topic_keeps_its_letter_so_yes_please_drafts_it(kb):
    _, shown, _ = run(
        ActionAnswerTopic(), tracker("DS has been out of school for months", "out_of_school")
    )
    text, again, _ = run(
        ActionAnswerTopic(),
        after(shown, "what can I do?", "bot_capabilities", earlier_intent="out_of_school"),
    )
    assert "I can draft the letter" in text
    assert again[0]["buttons"][0]["title"] == phrases.TOPIC_LETTER_BUTTON
    _, messages, _ = run(ActionYesOrNo(), after(again, "yes please", "affirm"))
    assert any(m.get("custom", {}).get("letter") for m in messages)
