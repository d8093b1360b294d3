"""Every source link points at the section, regulation or rule its words name, and replies
say their source in words ("SEND Regulations 2014, regulation 13(2)"), not legal shorthand."""

import re

import pytest

from knowledge import citations
from replies import render

# legislation.gov.uk's word for each kind of provision, as the link text names it.
PROVISION = re.compile(r", (regulation|section|rule) (\d+[A-Z]?)")
PAGE = re.compile(
    r"^https://www\.legislation\.gov\.uk/(?:uksi|ukpga)/\d{4}/\d+/(regulation|section|rule)/(\d+[A-Z]?)$"
)


def every_citation(kb):
    for topic in kb.topics():
        yield f"topic {topic.id}", topic.citations
    for ladder in kb.ladders():
        for step in ladder.steps:
            yield f"ladder {ladder.id} step {step.key}", step.citations
    for t in kb.timescales():
        yield f"timescale {t.id}", (t.citation,)


def test_every_legislation_link_points_at_the_provision_it_names(built_kb):
    checked = 0
    for owner, cited in every_citation(built_kb):
        for c in cited:
            url, words = citations.citation_url(c), citations.plain_text(c)
            if not url or "legislation.gov.uk" not in url:
                continue
            named = PROVISION.search(words)
            if named is None:  # the instrument as a whole: its own page
                continue
            page = PAGE.match(url)
            assert page, f"{owner}: {words!r} links to {url}, not to one provision"
            assert page.groups() == named.groups(), f"{owner}: {words!r} links to {url}"
            checked += 1
    assert checked >= 10


@pytest.mark.parametrize(
    "timescale,words,url",
    [
        (
            "decide_to_assess",
            "SEND Regulations 2014, regulation 5(1)",
            "https://www.legislation.gov.uk/uksi/2014/1530/regulation/5",
        ),
        (
            "decide_to_issue_plan",
            "SEND Regulations 2014, regulation 10",
            "https://www.legislation.gov.uk/uksi/2014/1530/regulation/10",
        ),
        (
            "final_plan",
            "SEND Regulations 2014, regulation 13(2)",
            "https://www.legislation.gov.uk/uksi/2014/1530/regulation/13",
        ),
        (
            "draft_plan_comments",
            "Children and Families Act 2014, section 38",
            "https://www.legislation.gov.uk/ukpga/2014/6/section/38",
        ),
        (
            "appeal_from_decision",
            "Tribunal Procedure Rules 2008, rule 20",
            "https://www.legislation.gov.uk/uksi/2008/2699/rule/20",
        ),
        (
            "mediation_certificate",
            "SEND Regulations 2014, regulation 33 onwards",
            "https://www.legislation.gov.uk/uksi/2014/1530/regulation/33",
        ),
    ],
)
def test_the_links_that_used_to_go_to_the_wrong_provision(built_kb, timescale, words, url):
    cited = next(t for t in built_kb.timescales() if t.id == timescale).citation
    assert citations.plain_text(cited) == words
    assert citations.citation_url(cited) == url


def test_phase_transfer_links_to_regulation_18(built_kb):
    cited = next(t for t in built_kb.timescales() if t.citation.ref == "reg 18").citation
    assert citations.citation_url(cited).endswith("/uksi/2014/1530/regulation/18")


def test_code_of_practice_paragraphs_share_one_link(built_kb):
    cop = next(c for _, cited in every_citation(built_kb) for c in cited if c.source.id == "cop")
    line = citations.sources_line(
        [cop, type(cop)(cop.source, "6.45"), type(cop)(cop.source, "6.49")]
    )
    assert line.count("](") == 1
    assert (
        "SEND Code of Practice, paragraphs " in line
        and " and 6.49 (gov.uk)](https://www.gov.uk/" in line
    )


def test_a_topic_reply_names_its_source_in_words_with_a_link(built_kb):
    topic = next(
        t for t in built_kb.topics() if any(c.source.id == "send_regs" for c in t.citations)
    )
    reply = render.topic_reply(topic, None)
    last = reply.split("\n\n")[-1]
    assert last.startswith(("Source: ", "Sources: "))
    assert "reg " not in last and "s." not in last.replace("legislation.gov.uk", "")
    assert "(legislation.gov.uk)](https://www.legislation.gov.uk/uksi/2014/1530/regulation/" in last


def test_a_leaflet_is_named_without_a_link(built_kb):
    place = built_kb.find_place("Hampshire")
    line = render.sources_line([type(next(iter(built_kb.topics())).citations[0])(place.source)])
    assert line == "Source: Hampshire SENDIASS leaflet"


def test_staff_keep_the_legal_shorthand_with_the_exact_link(built_kb):
    cited = next(t for t in built_kb.timescales() if t.id == "final_plan").citation
    assert citations.sources_line([cited], staff=True) == (
        "Source: [SEND Regulations 2014 reg 13(2) (legislation.gov.uk)]"
        "(https://www.legislation.gov.uk/uksi/2014/1530/regulation/13)"
    )
