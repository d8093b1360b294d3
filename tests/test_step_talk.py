"""What a message says of each escalation step: taken, asked about (or coming up), or not yet."""

import pytest

from advice import ladders

SCHOOL, REFUSED = "school_not_meeting_needs", "ehc_refused"


@pytest.mark.parametrize(
    "ladder_id, text, done, asked",
    [
        (SCHOOL, "I've spoken to the SENCO and the head", ["senco", "headteacher"], []),
        (SCHOOL, "I spoke to the SENCO, should I go to the head?", ["senco"], ["headteacher"]),
        (
            SCHOOL,
            "school not meeting her needs, do I need to speak to the governors?",
            [],
            ["governors"],
        ),
        (SCHOOL, "should I talk to the SENCO or the head first?", [], ["senco", "headteacher"]),
        (SCHOOL, "the SENCO said I should ask the head", ["senco"], ["headteacher"]),
        (SCHOOL, "I'll write to the governors next week", [], ["governors"]),
        (SCHOOL, "We are waiting for the SENCO to get back to us", ["senco"], []),
        (
            SCHOOL,
            "The head refused to meet me and the SENCO never replies",
            ["senco", "headteacher"],
            [],
        ),
        (SCHOOL, "didn't get anywhere with the head", ["headteacher"], []),
        (
            SCHOOL,
            "I haven't spoken to the senco yet but the school isn't meeting his needs",
            [],
            [],
        ),
        (SCHOOL, "I don't want to go to the governors", [], []),
        # The negated verb is the mention's own first word.
        (SCHOOL, "we have never asked the council", [], []),
        (REFUSED, "The LA refused to assess my son, how do I appeal?", [], ["tribunal"]),
        (
            REFUSED,
            "LA refused EHCNA for my DS, we have a tribunal coming up in March",
            [],
            ["tribunal"],
        ),
        (REFUSED, "we're waiting for mediation", [], ["mediation"]),
        # The SEN team named is not a step taken: only contacting or chasing it is.
        (REFUSED, "our request was turned down by the SEN team in March", [], []),
        (REFUSED, "we have a caseworker in the SEN team", [], []),
        (REFUSED, "I've chased the SEN team twice", ["check_dates"], []),
        (REFUSED, "we sent a complaint already", ["council_complaint"], []),
        # "can't" negates as "haven't" does (a real parent, on an appeal not yet possible).
        (REFUSED, "we can't appeal yet, the LA haven't finalised the plan", [], []),
        (REFUSED, "we cannot go to mediation until they decide", [], []),
        (REFUSED, "I've been to mediation and it went nowhere", ["mediation"], []),
        (REFUSED, "we appealed to the tribunal last year and won", ["tribunal"], []),
        (REFUSED, "we finally got our tribunal date - July - I am a total wreck", [], ["tribunal"]),
        (REFUSED, "Can I claim transport costs (appeal was successful)?", ["tribunal"], []),
        (
            SCHOOL,
            "When I met with the Senco last week they suggested a reduced timetable",
            ["senco"],
            [],
        ),
    ],
)
def test_steps_heard(built_kb, ladder_id, text, done, asked):
    heard = ladders.steps_heard(built_kb.ladder(ladder_id), text)
    assert (heard.done, heard.asked) == (done, asked)


@pytest.mark.parametrize("text", ["I complained to the LA", "we complained to the local authority"])
def test_the_la_is_the_council(built_kb, text):
    heard = ladders.steps_heard(built_kb.ladder("provision_not_delivered"), text)
    assert "council_complaint" in heard.done


def test_a_council_at_the_end_of_a_clause_is_still_heard(built_kb):
    # The council-name normaliser drops a trailing "council"; step mentions must not.
    heard = ladders.steps_heard(
        built_kb.ladder("provision_not_delivered"), "I complained to the council."
    )
    assert heard.done == ["council_complaint"]
