"""The query API: councils by any name, look-alikes kept apart, topics, ladders, timescales."""

import pytest

from advice import ladders


@pytest.mark.parametrize(
    "typed,expected",
    [
        ("Hampshire", "Hampshire"),
        ("hants", "Hampshire"),
        ("Hampshire County Council", "Hampshire"),
        ("BANES", "Bath and North East Somerset"),
        ("B&NES", "Bath and North East Somerset"),
        ("Bath", "Bath and North East Somerset"),
        ("bath & north east somerset", "Bath and North East Somerset"),
        ("Stockton", "Stockton-on-Tees"),
        ("stockton on tees", "Stockton-on-Tees"),
        ("Stockton-on-Tees Borough Council", "Stockton-on-Tees"),
        ("Northumberland", "Northumberland"),
        ("Northants", "North and West Northamptonshire"),
        ("Northampton", "West Northamptonshire"),
        ("North Northamptonshire", "North Northamptonshire"),
        ("West Northants", "West Northamptonshire"),
    ],
)
def test_covered_councils_by_any_name(built_kb, typed, expected):
    place = built_kb.find_place(typed)
    assert place is not None and place.name == expected and place.covered


@pytest.mark.parametrize(
    "typed,not_this",
    [
        ("Southampton", "Hampshire"),
        ("Portsmouth", "Hampshire"),
        ("North Somerset", "Bath and North East Somerset"),
        ("Somerset", "Bath and North East Somerset"),
        ("Stockport", "Stockton-on-Tees"),
        ("North Tyneside", "Northumberland"),
        ("Newcastle", "Northumberland"),
    ],
)
def test_look_alikes_are_their_own_councils(built_kb, typed, not_this):
    place = built_kb.find_place(typed)
    assert place is not None and place.name != not_this
    assert not place.covered and place.services == ()


@pytest.mark.parametrize(
    "typed,expected",
    [
        ("Bristol", "Bristol"),
        ("Hull", "Kingston upon Hull"),
        ("Herefordshire", "Herefordshire"),
        ("Leeds", "Leeds"),
        ("St Helens", "St. Helens"),
        ("city of bristol", "Bristol"),
    ],
)
def test_all_english_councils_by_everyday_name(built_kb, typed, expected):
    place = built_kb.find_place(typed)
    assert place.name == expected and not place.covered


def test_all_153_councils_are_known(built_kb):
    names = built_kb.all_councils()
    assert len(names) == 153
    assert all(built_kb.find_place(name) for name in names.values())


def test_unknown_names(built_kb):
    assert built_kb.find_place("Narnia") is None
    assert built_kb.find_place("") is None


def test_council_named_inside_a_sentence(built_kb):
    assert (
        built_kb.find_place_in_text("we moved to North Somerset last year").name == "North Somerset"
    )
    assert built_kb.find_place_in_text("he finds reading hard").__class__.__name__ == "NoneType"


def test_contacts(built_kb):
    banes = built_kb.find_place("BANES")
    iass = banes.service("iass")
    assert iass.phones == ("01225 394382",) and iass.text_phone == "07530 263401"
    assert iass.hours == "10.00am to 3.00pm, Monday to Thursday"
    stockton = built_kb.find_place("Stockton")
    assert stockton.service("sen_team").email == "sensection@stockton.gov.uk"
    assert stockton.funding_routes[0].name == "One Point Panel"
    northants = built_kb.find_place("Northampton")
    assert northants.service("iass").phones == ()
    # The source names Global Mediation for disagreements with education settings, not as the
    # mediation adviser before a Tribunal appeal: it is mentioned with IASS, not as a mediation
    # service.
    assert (
        northants.service("mediation") is None
        and "Global Mediation" in northants.service("iass").offers
    )


def test_topic_with_citations(built_kb):
    topic = built_kb.topic("parent_meetings")
    assert "three times a year" in topic.answer
    assert [c.text for c in topic.citations] == ["SEND Code of Practice 6.65"]


def test_next_escalation_step_given_steps_tried(built_kb):
    ladder = built_kb.ladder("school_not_meeting_needs")
    assert ladders.next_step(ladder, []).key == "class_teacher"
    assert ladders.next_step(ladder, ["class_teacher"]).key == "senco"
    assert ladders.next_step(ladder, ["senco", "headteacher"]).key == "governors"
    assert ladders.next_step(ladder, [ladder.steps[-1].key]) is None


def test_a_complaint_about_delays_is_not_the_step_after_a_tribunal_appeal(built_kb):
    ladder = built_kb.ladder("ehc_refused")
    assert ladders.next_step(ladder, ["mediation"]).key == "tribunal"
    assert ladders.next_step(ladder, ["iass"]).key == "mediation"
    assert ladders.next_step(ladder, ["tribunal"]) is None


def test_timescales(built_kb):
    assess = built_kb.timescale("decide_to_assess")
    assert (
        assess.period == {"weeks": 6} and assess.citation.text == "SEND Regulations 2014 reg 5(1)"
    )
