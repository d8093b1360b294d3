"""The topics parents ask about most (issue 11) state their key facts, and the content fixes of
issue 10 stay fixed: checked through the knowledge base API, reply rendering and the letters."""

from pathlib import Path

import pytest

from actions.answers import next_buttons
from advice import letters as L
from advice.ladders import step_contact
from knowledge.citations import citation_url
from replies import render
from tests.key_facts import (
    CHILD_PLACEHOLDERS,
    COUNCIL_LETTERS,
    HEADTEACHER_ADDRESS,
    NEW_LADDERS,
    NEW_TOPICS,
    PARENT_FACTS,
    SCHOOL_LETTERS,
    STAFF_REFS,
    flat,
)

CONTENT = Path(__file__).resolve().parent.parent / "knowledge" / "content"


# ---------------------------------------------------------------- the new topics
def test_every_new_topic_is_in_the_knowledge_base(kb):
    assert set(NEW_TOPICS) <= {t.id for t in kb.topics()}
    assert set(STAFF_REFS) == set(PARENT_FACTS)


@pytest.mark.parametrize("topic_id", NEW_TOPICS)
def test_parent_answer_states_the_key_facts(kb, topic_id):
    answer = flat(kb.topic(topic_id).answer)
    missing = [fact for fact in PARENT_FACTS[topic_id] if fact not in answer]
    assert missing == [], f"{topic_id} answer lacks {missing}"


@pytest.mark.parametrize("topic_id", NEW_TOPICS)
def test_staff_reply_names_the_law_and_links_the_source(kb, topic_id):
    topic = kb.topic(topic_id)
    staff = flat(render.topic_reply(topic, None, staff=True))
    missing = [ref for ref in STAFF_REFS[topic_id] if ref not in staff]
    assert missing == [], f"{topic_id} staff reply lacks {missing}"
    # Sources link to the exact section or regulation cited (the widget's plain-words links),
    # so every citation's own page must be linked, not just the instrument's.
    urls = [citation_url(c) for c in topic.citations if c.source.url]
    assert urls, f"{topic_id} has no citation with a web address"
    unlinked = [url for url in urls if f"]({url})" not in staff]
    assert unlinked == [], f"{topic_id} staff reply does not link {unlinked}"


@pytest.mark.parametrize("topic_id", NEW_TOPICS)
def test_every_new_topic_has_a_next_step_and_plain_short_sentences(kb, topic_id):
    topic = kb.topic(topic_id)
    assert len(topic.next_step.split()) >= 6
    assert "Next step: " in render.topic_reply(topic, None)
    # Reading age 9 to 11: no sentence (or list item) in the short answer runs past about 20 words.
    import re

    pieces = [p for p in re.split(r"(?<=[.;:])\s+|\n", topic.answer) if p.strip()]
    assert max(len(p.split()) for p in pieces) <= 21, topic_id


@pytest.mark.parametrize("topic_id", NEW_TOPICS)
def test_reply_for_a_covered_and_an_uncovered_council(kb, topic_id):
    topic = kb.topic(topic_id)
    hampshire, leeds = kb.find_place("Hampshire"), kb.find_place("Leeds")
    for place in (hampshire, leeds):
        for staff in (False, True):
            text = render.topic_reply(topic, place, staff=staff)
            assert topic.answer in text and f"Next step: {topic.next_step}" in text
            assert "Source" in text
    leeds_text = render.topic_reply(topic, leeds, staff=True)
    # A national answer never cites another council's leaflet.
    assert "Hampshire" not in leeds_text and "leaflet" not in leeds_text.lower()
    if "iass" in topic.show:
        assert "Hampshire SENDIASS" in render.topic_reply(topic, hampshire)
        assert "Local Offer" in render.topic_reply(topic, leeds)


def test_topics_lead_into_the_new_ladders_and_letters(kb):
    assert {ladder.id for ladder in kb.ladders()} >= set(NEW_LADDERS)
    expected = {
        "unofficial_exclusion": ("exclusion", "sent_home_unofficial"),
        "out_of_school": (None, "s19_education"),
        "review_late": ("review_late", "early_review"),
        "transport_appeal": ("transport_refused", "transport_review"),
        "provision_not_delivered": ("provision_not_delivered", "provision_not_delivered"),
    }
    import yaml

    for topic_id, (ladder, letter) in expected.items():
        raw = yaml.safe_load((CONTENT / "topics" / f"{topic_id}.yaml").read_text(encoding="utf-8"))
        assert raw.get("ladder") == ladder and raw.get("letter") == letter, topic_id


def test_confusable_topics_do_not_share_cue_words():
    import yaml

    groups = [
        ("exclusion_suspension", "exclusion_permanent", "unofficial_exclusion"),
        ("transport", "transport_appeal", "transport_post16"),
        ("annual_review", "review_late"),
        ("naming_school", "school_cannot_meet_needs", "special_school_refused"),
    ]
    for group in groups:
        cues = {
            t: {
                c.lower()
                for c in yaml.safe_load((CONTENT / "topics" / f"{t}.yaml").read_text())["cues"]
            }
            for t in group
        }
        for a in group:
            for b in group:
                if a < b:
                    assert not cues[a] & cues[b], (a, b, cues[a] & cues[b])


# ---------------------------------------------------------------- the new ladders
@pytest.mark.parametrize("ladder_id", NEW_LADDERS)
def test_new_ladder_steps_say_who_how_what_and_cite(kb, ladder_id):
    ladder = kb.ladder(ladder_id)
    assert kb.topic(ladder.intent) is not None, "a ladder starts from one of the topics"
    assert len(ladder.steps) >= 3
    for step in ladder.steps:
        assert step.who and step.how and step.ask_for and step.citations
    leeds = kb.find_place("Leeds")
    text = render.ladder_reply(ladder, leeds)
    assert "IASS" in text


def test_exclusion_ladder_facts(kb):
    text = flat(render.ladder_reply(kb.ladder("exclusion"), None))
    for fact in (
        "unlawful, even if you agree",
        "within 15 school days",
        "sixth school day",
        "independent review within 15 school days",
        "SEN expert",
        "within 6 months",
    ):
        assert fact in text


def test_transport_ladder_is_review_appeal_ombudsman_never_the_tribunal(kb):
    ladder = kb.ladder("transport_refused")
    assert [s.key for s in ladder.steps] == ["stage_one", "stage_two", "ombudsman"]
    text = flat(render.ladder_reply(ladder, None))
    assert "within 20 working days" in text and "independent appeal panel" in text
    assert "do not go to the SEND Tribunal" in text


def test_provision_ladder_puts_the_duty_on_the_council(kb):
    ladder = kb.ladder("provision_not_delivered")
    sen_team = next(s for s in ladder.steps if s.key == "sen_team")
    assert sen_team.contact_kind == "sen_team" and "section 42" in sen_team.ask_for
    assert ladder.steps[-1].key == "ombudsman"
    stockton = kb.find_place("Stockton")
    assert "sensection@stockton.gov.uk" in render.contact_for_step(sen_team, stockton, [])


def test_review_late_ladder_timescales(kb):
    text = flat(render.ladder_reply(kb.ladder("review_late"), None))
    for fact in (
        "two weeks' notice",
        "within 2 weeks of the meeting",
        "at least every 12 months",
        "within 4 weeks of the review meeting",
        "12 weeks after the meeting",
        "early review",
    ):
        assert fact in text


# ---------------------------------------------------------------- the new letters
@pytest.mark.parametrize("letter_id", sorted(COUNCIL_LETTERS))
def test_council_letter_is_addressed_to_the_council_and_cites_the_law(kb, letter_id):
    for name in ("Hampshire", "Leeds", "Stockton-on-Tees"):
        text = L.render_letter(letter_id, kb.find_place(name)).text
        to_block = text.split("To:\n", 1)[1].split("\n\nSubject:", 1)[0]
        assert name in to_block, f"{letter_id} is not addressed to {name}"
        assert (
            "sensection@stockton.gov.uk" not in text
        )  # no address the sources do not give for this
        body = flat(text)
        for law in COUNCIL_LETTERS[letter_id]:
            assert law in body, f"{letter_id} lacks {law!r}"
        assert all(p in text for p in CHILD_PLACEHOLDERS)
    unknown = L.render_letter(letter_id, None).text
    assert "[your council]" in unknown


def test_sent_home_letter_goes_to_the_headteacher_and_says_it_is_unlawful(kb):
    text = L.render_letter("sent_home_unofficial", kb.find_place("Hampshire")).text
    assert HEADTEACHER_ADDRESS in text
    body = flat(text)
    for fact in SCHOOL_LETTERS["sent_home_unofficial"]:
        assert fact in body


def test_transport_letter_keeps_post16_apart(kb):
    body = flat(L.render_letter("transport_review", None).text)
    assert "post-16 transport policy statement" in body and "section 508F" in body


@pytest.mark.parametrize(
    "text, letter_id",
    [
        ("can you write a letter to the head, they keep sending him home", "sent_home_unofficial"),
        ("letter to the council asking for section 19 education", "s19_education"),
        ("I need a letter asking for an early review", "early_review"),
        ("help me write a transport review letter", "transport_review"),
        (
            "letter to the council, the provision in section F is not being delivered",
            "provision_not_delivered",
        ),
    ],
)
def test_new_letters_are_found_from_what_parents_ask(text, letter_id):
    assert L.detect_letter_kind(text) == letter_id


# ---------------------------------------------------------------- issue 10: wrong statements
def test_school_ladder_dfe_step_covers_maintained_schools_and_not_ofsted(kb):
    step = next(
        s
        for s in kb.ladder("school_not_meeting_needs").steps
        if s.key == "department_for_education"
    )
    words = " ".join([step.who, step.how, step.ask_for] + list(step.mentions)).lower()
    assert "ofsted" not in words
    assert "council's complaints procedure" not in words
    assert "maintained schools" in words and "department for education" in words
    assert any(c.source.url == "https://www.gov.uk/complain-about-school" for c in step.citations)


def test_draft_plan_period_begins_with_the_day_served_and_cites_reg_13_1_a(kb):
    ts = kb.timescale("draft_plan_comments")
    assert ts.period == {"days": 15}
    assert ts.citation.text == "SEND Regulations 2014 reg 13(1)(a)"
    assert (
        "served" in ts.starts
        and "counting that day" in ts.starts
        and "until at least 15 March" in ts.starts
    )
    topic = kb.topic("draft_plan")
    assert "1 March leaves until at least 15 March" in flat(topic.answer)
    assert any(c.ref == "reg 13(1)(a)" for c in topic.citations)
    draft_step = kb.ladder("ehcp_disagree").steps[0]
    assert any(c.ref == "reg 13(1)(a)" for c in draft_step.citations) and "served" in draft_step.how


def test_no_content_counts_the_draft_period_from_receipt():
    for path in CONTENT.rglob("*.yaml"):
        text = path.read_text(encoding="utf-8").split("\nexamples:")[
            0
        ]  # parents' own words may say "received"
        assert "receive the draft" not in text and "received the draft" not in text, path.name


def test_mediation_30_days_count_from_the_council_being_told(kb):
    ts = kb.timescale("mediation_held")
    assert ts.starts == "the date the council is told that you want mediation"
    assert "within 30 days of being told that you want it" in flat(kb.topic("mediation").answer)
    step = next(s for s in kb.ladder("ehc_refused").steps if s.key == "mediation")
    assert "within 30 days of being told you want it" in step.how
    for path in CONTENT.rglob("*.yaml"):
        assert (
            "mediation takes place within 30 days" not in path.read_text(encoding="utf-8").lower()
        )


# ---------------------------------------------------------------- issue 10: unsupported statements
def test_ipsea_is_described_as_its_own_site_does(kb):
    ipsea = kb.service("ipsea")
    assert "legal advice" not in ipsea.offers
    assert (
        "booked through its website" in ipsea.offers
        and ipsea.source.url == "https://www.ipsea.org.uk/"
    )
    assert "free independent legal advice" not in kb.topic("legal_advice").answer
    for path in CONTENT.rglob("*.yaml"):
        assert "free independent legal advice" not in path.read_text(encoding="utf-8").lower(), (
            path.name
        )


def test_iass_topic_says_only_what_the_leaflet_says(kb):
    answer = kb.topic("iass").answer
    assert "meetings" not in answer
    assert "complaints, disagreement resolution, mediation and appeals" in flat(answer)


def test_northamptonshire_says_only_what_its_page_says(kb):
    northants = kb.find_place("Northampton")
    offer = northants.service("local_offer")
    assert "Descriptors" not in (offer.offers or "")
    assert northants.service("mediation") is None  # not the mediation adviser before an appeal
    iass = northants.service("iass")
    assert "Commissioned by the councils" not in iass.offers
    assert "disagreements with an education setting" in flat(iass.offers)
    mediation_step = next(s for s in kb.ladder("ehc_refused").steps if s.key == "mediation")
    assert step_contact(mediation_step, northants).name == "Northamptonshire IASS"


def test_stockton_sen_team_is_not_given_as_the_address_for_requests(kb):
    stockton = kb.find_place("Stockton")
    for letter_id in ("request_assessment", "chase_deadline"):
        assert "sensection@stockton.gov.uk" not in L.render_letter(letter_id, stockton).text


# ---------------------------------------------------------------- issue 10: imprecise statements
def test_sixteen_week_duty_is_to_say_when_no_plan_will_be_issued(kb):
    ts = kb.timescale("decide_to_issue_plan")
    assert "not to issue" in ts.label and ts.citation.text == "SEND Regulations 2014 reg 10(1)"
    answer = flat(kb.topic("ehc_timescales").answer)
    assert "if, after assessing, it decides not to issue an EHC plan, tell you so" in answer
    step = kb.ladder("ehc_refused").steps[0]
    assert "decides not to issue a plan, it must tell you within 16 weeks" in step.how


def test_timescales_state_the_exceptions(kb):
    assert "except in a few exceptional cases" in kb.topic("ehc_timescales").answer
    assert "except in a few exceptional cases" in kb.ladder("ehc_refused").steps[0].how
    assert "reg 5(4), 10(4), 13(3)" in kb.topic("ehc_timescales").detail


def test_annual_review_cites_cfa_section_44_1(kb):
    assert kb.timescale("annual_review").citation.text == "Children and Families Act 2014 s.44(1)"
    assert any(
        c.text == "Children and Families Act 2014 s.44(1)"
        for c in kb.topic("annual_review").citations
    )


def test_young_person_is_over_compulsory_school_age_and_under_25(kb):
    topic = kb.topic("young_people_16")
    assert "over compulsory school age and under 25" in flat(topic.answer)
    assert "last Friday in June" in flat(topic.detail)
    assert any(c.ref == "s.83(2)" for c in topic.citations)
    for path in (CONTENT / "topics").glob("*.yaml"):
        assert "aged 16 to 25" not in path.read_text(encoding="utf-8").split("\nexamples:")[0], (
            path.name
        )


def test_plan_test_is_told_apart_from_the_assessment_test(kb):
    detail = flat(kb.topic("ehc_assessment_criteria").detail)
    assert "CFA s.36(8)" in detail and "CFA s.37(1)" in detail and "necessary" in detail
    answer = flat(kb.topic("sen_support_vs_ehcp").answer)
    assert "decides a plan is necessary" in answer
    assert "for a child who may need special educational provision through a plan" not in answer


def test_stockton_6000_is_sen_funding_in_the_budget_not_the_schools_sen_budget(kb):
    route = kb.find_place("Stockton").funding_routes[0]
    assert "SEN funding in their budget (£6,000 a year)" in flat(route.summary)
    assert "SEN budget (£6,000" not in route.summary
    assert "£6,000" not in (kb.topic("funding").detail or "")  # a council's figure is not national


def test_mediation_cites_the_regulations_not_disagreement_resolution(kb):
    assert not any(c.ref and "11.6" in c.ref for c in kb.topic("mediation").citations)
    step = next(s for s in kb.ladder("ehcp_disagree").steps if s.key == "mediation")
    assert not any(c.ref and "11.6" in c.ref for c in step.citations)
    assert any(c.ref == "reg 33 onwards" for c in step.citations)


def test_sen_support_definition_is_not_cited_to_cop_6_1(kb):
    assert not any(c.ref == "6.1" for c in kb.topic("sen_support").citations)


def test_phase_transfer_is_reviewed_and_amended_where_necessary(kb):
    answer = flat(kb.topic("phase_transfer").answer)
    assert "reviewed, and amended where necessary, by 15 February" in answer
    assert "from secondary school into a post-16 institution, the date is 31 March" in answer
    assert (
        "secondary school into a post-16 institution" in kb.timescale("phase_transfer_post16").label
    )


def test_request_letter_states_the_legal_test_and_has_young_person_wording(kb):
    text = flat(L.render_letter("request_assessment", None).text)
    assert "more help than the school can give" not in text
    assert "may need special educational provision to be made through an EHC plan" in text
    assert (
        "If you are a young person (over compulsory school age and under 25) writing for yourself"
        in text
    )


def test_complaints_topic_sends_maintained_schools_to_the_dfe(kb):
    detail = flat(kb.topic("complaints").detail)
    assert (
        "maintained school" in detail and "Department for Education, not to the council" in detail
    )


@pytest.mark.parametrize("topic_id", ["ehc_assessment_how", "ehc_assessment_who"])
def test_asking_how_to_request_an_assessment_offers_the_request_letter(kb, topic_id):
    payloads = [b["payload"] for b in next_buttons(kb.topic(topic_id))]
    assert '/request_letter{"letter_kind": "request_assessment"}' in payloads
