"""Issue 10 item 5: the right source on every reply.

A national fact cites the law or national guidance, a national service its own website, and a
council's fact that council's own source. No reply cites another council's leaflet.
"""

import pytest

from actions.answers import ActionAnswerTopic
from replies import render
from tests.dialogue import run, tracker
from tests.source_rules import AWAITING_A_NATIONAL_CITATION, other_leaflets, source_line


@pytest.mark.parametrize("council", [None, "Leeds", "Hampshire", "Stockton", "Northampton"])
@pytest.mark.parametrize("staff", [False, True])
def test_no_topic_reply_cites_another_councils_leaflet(kb, council, staff):
    place = kb.find_place(council) if council else None
    others = other_leaflets(kb, place)
    assert others  # the check below means something
    for topic in kb.topics():
        reply = render.topic_reply(topic, place, staff)
        for short in others:
            assert short not in reply, (topic.id, council, short)


def test_a_leeds_parent_no_longer_sees_the_northumberland_leaflet(kb):
    leeds = kb.find_place("Leeds")
    for topic_id in ("national_services", "sen_support", "iass", "legal_advice"):
        reply = render.topic_reply(kb.topic(topic_id), leeds)
        assert "Northumberland" not in reply, topic_id
    national = render.topic_reply(kb.topic("national_services"), leeds)
    # National services cite their own sites, linked (knowledge/citations.py).
    assert "(https://www.ipsea.org.uk/)" in source_line(national)
    assert "[Contact (contact.org.uk)](https://www.contact.org.uk)" in source_line(national)
    unknown = render.unknown_council_reply(leeds, kb.national_services())
    assert "Northumberland" not in unknown and "www.ipsea.org.uk" in source_line(unknown)


def test_a_councils_own_leaflet_is_still_cited_for_its_parents(kb):
    stockton = kb.find_place("Stockton")
    reply = render.topic_reply(kb.topic("areas_of_need"), stockton)
    assert stockton.source.short in source_line(reply)


def test_every_national_topic_carries_a_non_leaflet_citation(kb):
    """Every topic file that is not only about the assistant: a parent of any council (here an
    uncovered one) gets a source from the law, national guidance or a national service."""
    leeds = kb.find_place("Leeds")
    missing = set()
    for topic in kb.topics():
        if topic.about_assistant or topic.local == "required":
            continue
        national = [c for c in topic.citations if c.source.kind != "leaflet"]
        if not (national or topic.national) or not source_line(render.topic_reply(topic, leeds)):
            missing.add(topic.id)
    assert missing <= AWAITING_A_NATIONAL_CITATION, sorted(missing - AWAITING_A_NATIONAL_CITATION)


@pytest.mark.parametrize("council", ["Hampshire", "Leeds", "Bath"])
def test_ladders_cite_no_other_councils_leaflet(kb, council):
    place = kb.find_place(council)
    others = other_leaflets(kb, place)
    for ladder in kb.ladders():
        reply = render.ladder_reply(ladder, place)
        for step in ladder.steps:
            reply += render.step_reply(ladder, step, place, (), kb.national_services(), True)
        for short in others:
            assert short not in reply, (ladder.id, council, short)


def test_staff_panel_step_citations_fit_the_council(kb):
    from webchat.staff_api import council_detail

    hampshire = kb.find_place("Hampshire")
    detail = council_detail(kb, hampshire)
    cited = " ".join(
        c["text"] for lad in detail["ladders"] for s in lad["steps"] for c in s["citations"]
    )
    for short in other_leaflets(kb, hampshire):
        assert short not in cited
    assert "SEND Code of Practice" in cited


# ---------------------------------------------------------------- another council's services
def _asking_about(council, intent, home_slot=None, widget=None):
    events = [{"event": "slot", "name": "council", "value": home_slot}] if home_slot else []
    events.append({"event": "user", "text": f"what is {council}'s SENDIASS number?"})
    return tracker(
        f"what is {council}'s SENDIASS number?",
        intent=intent,
        slots={"council": council},  # the entity has already filled the slot
        entities=[{"entity": "council", "value": council}],
        metadata={"council": widget} if widget else None,
        events=events,
    )


@pytest.mark.parametrize("intent", ["council_contacts", "iass"])
def test_southampton_parent_asking_for_hampshire_gets_a_clear_note(kb, intent):
    text, messages, events = run(
        ActionAnswerTopic(), _asking_about("Hampshire", intent, "Southampton")
    )
    note = "Southampton is a separate council from Hampshire, with its own"
    assert note in text and "0808 164 5504" in text
    assert text.index(note) < text.index("0808 164 5504")  # the note comes first
    assert "search for Southampton's Local Offer" in text
    assert {"event": "slot", "name": "council", "value": "Southampton"} in [
        {k: e.get(k) for k in ("event", "name", "value")} for e in events
    ]  # the parent still lives in Southampton


def test_widget_on_southampton_site_asking_for_hampshire_gets_the_note(kb):
    text, _, _ = run(
        ActionAnswerTopic(), _asking_about("Hampshire", "council_contacts", widget="Southampton")
    )
    assert "Southampton is a separate council from Hampshire" in text


@pytest.mark.parametrize(
    "home, asked", [("Hampshire", "Hampshire"), ("North Northamptonshire", "West Northamptonshire")]
)
def test_no_note_for_the_parents_own_services(kb, home, asked):
    text, _, _ = run(ActionAnswerTopic(), _asking_about(asked, "council_contacts", home))
    assert "separate council" not in text


def _saying(text, places, intent, home_slot=None, widget=None):
    """A message naming `places` (each found in the text as written) after an earlier council."""
    events = [{"event": "slot", "name": "council", "value": home_slot}] if home_slot else []
    events.append({"event": "user", "text": text})
    entities = [
        {"entity": "council", "value": p, "start": text.index(p), "end": text.index(p) + len(p)}
        for p in places
    ]
    return tracker(
        text,
        intent=intent,
        slots={"council": places[-1]},
        entities=entities,
        metadata={"council": widget} if widget else None,
        events=events,
    )


def _council_set(events):
    return [
        e.get("value") for e in events if e.get("event") == "slot" and e.get("name") == "council"
    ]


def test_a_parent_who_says_they_live_in_a_town_is_not_told_it_is_another_council(kb):
    # Found by hand: after "Rochdale", "i live in corby ..." was told Rochdale is a separate
    # council and to search Rochdale's Local Offer, and Rochdale stayed remembered.
    conversation = _saying(
        "i live in corby and the school keeps sending ds home at lunch",
        ["corby"],
        "unofficial_exclusion",
        home_slot="Rochdale",
    )
    text, _, events = run(ActionAnswerTopic(), conversation)
    assert "separate council" not in text and "Rochdale" not in text
    assert "For North Northamptonshire" in text
    assert _council_set(events) == ["North Northamptonshire"]


@pytest.mark.parametrize(
    "text",
    [
        "We’re in Eastleigh now, who is the SENDIASS?",
        "we moved to Eastleigh in the summer, who is the SENDIASS?",
        "im in Eastleigh, sendiass number?",
    ],
)
def test_saying_where_you_live_overrides_the_widgets_council(kb, text):
    conversation = _saying(text, ["Eastleigh"], "iass", widget="Southampton")
    reply, _, events = run(ActionAnswerTopic(), conversation)
    assert "separate council" not in reply and "0808 164 5504" in reply
    assert _council_set(events) == ["Hampshire"]


def test_living_in_one_council_and_asking_about_another_still_gets_the_note(kb):
    conversation = _saying(
        "I'm in Southampton, what does Hampshire SENDIASS do?",
        ["Southampton", "Hampshire"],
        "iass",
    )
    text, _, events = run(ActionAnswerTopic(), conversation)
    assert "Southampton is a separate council from Hampshire" in text
    assert _council_set(events) == ["Southampton"]  # where the parent lives is remembered


def test_a_council_named_without_saying_you_live_there_is_a_question_about_it(kb):
    conversation = _saying(
        "what does Hampshire SENDIASS do?", ["Hampshire"], "iass", home_slot="Southampton"
    )
    text, _, _ = run(ActionAnswerTopic(), conversation)
    assert "Southampton is a separate council from Hampshire" in text


def test_places_know_which_councils_share_services(kb):
    southampton, hampshire = kb.find_place("Southampton"), kb.find_place("Hampshire")
    assert not southampton.shares_services_with(hampshire)
    north, west = kb.find_place("North Northamptonshire"), kb.find_place("West Northamptonshire")
    assert north.shares_services_with(west) and hampshire.shares_services_with(hampshire)


@pytest.mark.parametrize("staff", [False, True])
def test_a_parent_of_another_council_reads_no_covered_councils_details(kb, staff):
    """A national answer is for every council's parents: one council's own details ("In
    Stockton-on-Tees it names the SEND governor") belong to that council, not to a Leeds parent.
    Staff detail may name a council as an example."""
    leeds = kb.find_place("Leeds")
    for topic in kb.topics():
        reply = render.topic_reply(topic, leeds, staff)
        shown = reply.replace(topic.detail, "") if topic.detail else reply
        named = [p.name for p in kb.covered_places() if p.name in shown]
        assert named == [], (topic.id, named)
