"""Long multi-issue messages, towns and clarifying questions (issue 12), through the actions."""

import pytest

from actions.answers import ActionAnswerTopic
from actions.council import ActionCouncilSet
from actions.support import ActionClarify, ActionHandoff
from advice.issues import best_matches, clarifying_choices, other_issues
from nlu.cue_reranker import reranked
from nlu.cues import cue_hits
from tests.dialogue import run, tracker

HAMPSHIRE_IASS = "0808 164 5504"
LONG_MESSAGE = (
    "My DS is 9 and has ASC. For the third time this month school rang me at lunch to come "
    "and pick him up because he was 'dysregulated'. We applied for school transport in "
    "September and still nothing. I also want to know how to request an EHCNA myself, "
    "the SENCO says he's not bad enough?"
)


@pytest.fixture(autouse=True)
def use_built_kb(kb):
    return kb


def slot(events, name):
    return next(
        (e["value"] for e in events if e.get("event") == "slot" and e.get("name") == name), "unset"
    )


def ranking(*pairs):
    return [{"name": n, "confidence": c} for n, c in pairs]


def test_long_message_answers_the_main_issue_first_then_offers_the_others():
    ranked = ranking(
        ("unofficial_exclusion", 0.41),
        ("ehc_assessment_how", 0.12),
        ("transport", 0.05),
        ("senco", 0.03),
        ("privacy", 0.02),
    )
    _, messages, _ = run(
        ActionAnswerTopic(), tracker(LONG_MESSAGE, "unofficial_exclusion", ranking=ranked)
    )
    assert "exclusion" in messages[0]["text"].lower()
    also = next(m for m in messages if m["text"].startswith("You also mentioned"))
    payloads = [b["payload"] for b in also["buttons"]]
    assert payloads[:2] == ["/ehc_assessment_how", "/transport"]
    assert "/privacy" not in payloads and "/unofficial_exclusion" not in payloads


def test_a_topic_is_never_said_to_be_mentioned_without_its_words(kb):
    ranked = ranking(("ehc_assessment_how", 0.6), ("transport", 0.3), ("personal_budget", 0.2))
    found = other_issues(
        "how do I ask for an EHC needs assessment?", "ehc_assessment_how", ranked, kb.topics()
    )
    assert "transport" not in [t.id for t in found] and "personal_budget" not in [
        t.id for t in found
    ]


def test_one_cue_word_the_classifier_did_not_see_is_not_said_to_be_mentioned(kb):
    """ "summer holidays" is a cue word of late appeals (the Christmas and August rule). The
    re-ranker adds its bonus to that topic's confidence; the classifier itself gave it almost
    nothing, so it is not offered as something the parent mentioned."""
    text = "DS starts at his new school after the summer holidays, what will the SENCO there do?"
    classifier = ranking(("senco", 0.9), ("phase_transfer", 0.096), ("late_appeal", 0.004))
    ranked = reranked(text, classifier, {t.id: t.cues for t in kb.topics()}, 10)
    assert next(r for r in ranked if r["name"] == "late_appeal")["confidence"] > 0.1
    offered = other_issues(text, "senco", ranked, kb.topics())
    assert "late_appeal" not in [t.id for t in offered]


def test_one_abbreviation_is_one_mention_not_two_cue_words(kb):
    """ "SENCO" is found as the cue "senco" and, spelt out, as "special needs coordinator": one
    mention, so with no weight from the classifier the SENCO topic is not offered."""
    text = "the SENCO says the school taxi is not her job, who sorts it out?"
    found = other_issues(text, "transport", ranking(("transport", 0.9)), kb.topics())
    assert "senco" not in [t.id for t in found]
    # Two things named ("penalty notice", "attendance officer"), the classifier silent: offered.
    text = "we got a penalty notice after the attendance officer visited, and the taxi is late"
    found = other_issues(
        text, "transport_problems", ranking(("transport_problems", 0.9)), kb.topics()
    )
    assert "attendance_anxiety" in [t.id for t in found]


def test_abbreviations_count_as_cue_words(kb):
    # "AR" is "annual review" only in capitals.
    assert cue_hits("his AR is next week", kb.topic("annual_review").cues) == ["annual review"]
    assert not cue_hits("his ar is next week", kb.topic("annual_review").cues)


def test_short_clear_question_gets_no_also_mentioned():
    _, messages, _ = run(
        ActionAnswerTopic(),
        tracker("what is SEN support?", "sen_support", ranking=ranking(("sen_support", 0.9))),
    )
    assert not any(m["text"].startswith("You also mentioned") for m in messages)


def test_clarify_offers_topics_matching_the_words_never_unrelated_ones():
    ranked = ranking(
        ("nlu_fallback", 0.3), ("privacy", 0.22), ("transport", 0.08), ("bot_capabilities", 0.1)
    )
    _, messages, _ = run(
        ActionClarify(),
        tracker(
            "they've stopped his taxi and I don't know what to do", "nlu_fallback", ranking=ranked
        ),
    )
    titles = [b["title"] for b in messages[0]["buttons"]]
    payloads = [b["payload"] for b in messages[0]["buttons"]]
    assert "/transport" in payloads[:3]
    assert "/privacy" not in payloads and "/bot_capabilities" not in payloads
    assert titles[-2:] == ["Talk to IASS", "Something else"] and payloads[-2:] == [
        "/iass",
        "/ask_human",
    ]


def test_a_long_message_is_thanked_not_told_it_was_not_understood():
    ranked = ranking(("nlu_fallback", 0.3), ("unofficial_exclusion", 0.2), ("transport", 0.1))
    _, messages, _ = run(ActionClarify(), tracker(LONG_MESSAGE, "nlu_fallback", ranking=ranked))
    assert messages[0]["text"].startswith("Thank you for explaining")
    assert "not sure I understood" not in messages[0]["text"]
    _, messages, _ = run(
        ActionClarify(),
        tracker("they've stopped his taxi", "nlu_fallback", ranking=ranked),
    )
    assert messages[0]["text"].startswith("I'm not sure I understood")


def test_other_issues_are_named_as_a_sentence_reads():
    ranked = ranking(("part_time_timetable", 0.5), ("out_of_school", 0.2), ("transport", 0.1))
    text = "he's on a part time timetable, out of school most days, and they stopped his taxi"
    _, messages, _ = run(ActionAnswerTopic(), tracker(text, "part_time_timetable", ranking=ranked))
    also = next(m["text"] for m in messages if m["text"].startswith("You also mentioned"))
    assert "You also mentioned a child out of school" in also and "home-to-school" in also


def test_clarify_with_no_matching_words_or_weight_hands_over_to_people():
    text, messages, _ = run(
        ActionClarify(), tracker("blorp", "nlu_fallback", ranking=ranking(("privacy", 0.05)))
    )
    offered = [b["payload"] for m in messages for b in m.get("buttons") or []]
    assert "IPSEA" in text and "/privacy" not in offered


def test_something_else_gives_iass_and_national_services_for_the_parents_council():
    text, _, _ = run(
        ActionHandoff(), tracker("/ask_human", "ask_human", slots={"council": "Hampshire"})
    )
    assert HAMPSHIRE_IASS in text and "IPSEA" in text


@pytest.mark.parametrize(
    "town, council",
    [("Eastleigh", "Hampshire"), ("Corby", "North Northamptonshire"), ("Hexham", "Northumberland")],
)
def test_a_covered_town_gives_its_councils_contacts(town, council):
    text, _, events = run(
        ActionAnswerTopic(),
        tracker(
            f"who do I contact in {town}",
            "council_contacts",
            entities=[{"entity": "council", "value": town}],
        ),
    )
    assert slot(events, "council") == council
    assert "Which council" not in text


def test_an_ambiguous_town_is_confirmed_before_local_contacts():
    text, messages, events = run(
        ActionAnswerTopic(),
        tracker(
            "who can help me in Hythe",
            "council_contacts",
            entities=[{"entity": "town", "value": "Hythe"}],
        ),
    )
    assert text == "Is that Hythe in Hampshire?" and HAMPSHIRE_IASS not in text
    assert [b["title"] for b in messages[0]["buttons"]] == ["Yes", "No, somewhere else"]
    assert messages[0]["buttons"][0]["payload"] == '/inform_council{"council": "Hampshire"}'
    assert (
        slot(events, "pending_topic") == "council_contacts" and slot(events, "council") == "unset"
    )


def test_yes_to_the_town_question_answers_the_waiting_question():
    text, _, events = run(
        ActionCouncilSet(),
        tracker(
            '/inform_council{"council": "Hampshire"}',
            "inform_council",
            slots={"pending_topic": "council_contacts"},
            entities=[{"entity": "council", "value": "Hampshire"}],
        ),
    )
    assert HAMPSHIRE_IASS in text and slot(events, "council") == "Hampshire"


def test_no_to_the_town_question_asks_which_council():
    text, messages, _ = run(ActionCouncilSet(), tracker("/inform_council", "inform_council"))
    assert text.startswith("Which council area") and len(messages[0]["buttons"]) >= 5
    assert messages[0]["buttons"][-1]["payload"] == "/outside_england"  # Wales, Scotland, NI


def test_an_ambiguous_town_typed_alone_is_confirmed():
    text, _, events = run(ActionCouncilSet(), tracker("we live in Blyth", "inform_council"))
    assert text == "Is that Blyth in Northumberland?" and slot(events, "council") == "unset"


def test_best_matches_ranks_cue_words_above_a_weak_guess(kb):
    found = best_matches(
        "the taxi stopped coming", ranking(("funding", 0.15), ("transport", 0.02)), kb.topics()
    )
    assert found[0].id == "transport"


def test_clarifying_choices_keep_the_re_rankers_order_and_count_each_cue_once(kb):
    """The re-ranker already added each cue's bonus: the choices must not add it a second time."""
    text = "the taxi keeps changing and his review is due, not sure what to ask"
    classifier = ranking(("annual_review", 0.40), ("transport", 0.05), ("funding", 0.30))
    ranked = reranked(text, classifier, {t.id: t.cues for t in kb.topics()}, 10)
    order = [r["name"] for r in ranked]
    assert order.index("funding") < order.index("transport")  # 0.30 against 0.05 + 0.15
    found = [t.id for t in best_matches(text, ranked, kb.topics())]
    assert found.index("funding") < found.index("transport")


def test_a_review_that_has_not_happened_is_offered_as_another_issue():
    # Found by hand: this message named no late-review button.
    text = (
        "hi my son is 14 hes autistic and hes been on a part time timetable since october, only "
        "2 hours a day. is this allowed?? also his EHCP review hasnt happened this year"
    )
    ranked = ranking(("part_time_timetable", 0.6), ("review_late", 0.05), ("annual_review", 0.04))
    _, messages, _ = run(ActionAnswerTopic(), tracker(text, "part_time_timetable", ranking=ranked))
    also = next(m for m in messages if m["text"].startswith("You also mentioned"))
    assert "/review_late" in [b["payload"] for b in also["buttons"]]


def test_a_choice_is_offered_once_even_when_a_ladder_shares_its_topics_intent(kb):
    # The exclusion ladder's intent is the unofficial-exclusion topic: it was offered twice.
    text = "my son has been excluded and they keep sending him home"
    ranked = ranking(("unofficial_exclusion", 0.45), ("exclusion_suspension", 0.2))
    choices = clarifying_choices(text, ranked, kb.topics(), kb.ladders())
    intents = [intent for intent, _ in choices]
    assert intents.count("unofficial_exclusion") == 1 and "exclusion_suspension" in intents
