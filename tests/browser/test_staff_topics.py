"""The staff page's Topics panel in Chromium: searching by a word, announced, axe-core clean."""

import re

from playwright.sync_api import expect

from .accessibility import serious_violations

TRANSPORT_TOPICS = (
    "Home-to-school transport",
    "Challenging a transport refusal",
    "Transport after 16 and for 19 to 25 year olds",
    "When school transport is late or does not come",
)


def test_search_topics_for_transport(page, assistant, artifacts):
    page.goto(assistant.staff)
    panel = page.get_by_role("region", name="Topics")
    topics = panel.locator("details.topic")
    status = panel.get_by_role("status")
    # Every topic is listed before any search.
    expect(status).to_contain_text("Showing all")
    total = topics.count()
    assert total >= 60
    expect(panel.locator("summary", has_text="Privacy")).to_have_count(1)

    panel.get_by_label("Search topics by a word").press_sequentially("transport")
    expect(topics).to_have_count(len(TRANSPORT_TOPICS))
    for title in TRANSPORT_TOPICS:
        expect(panel.locator("summary", has_text=title)).to_be_visible()
    expect(panel.locator("summary", has_text="Privacy")).to_have_count(0)
    expect(status).to_have_text(f"{len(TRANSPORT_TOPICS)} topics match \u201ctransport\u201d.")
    assert status.get_attribute("aria-live") == "polite"

    # Opening a topic shows its answer, next step and a linked source.
    panel.locator("summary", has_text="Home-to-school transport").click()
    opened = topics.filter(has_text="Home-to-school transport")
    expect(opened.get_by_text("Next step:", exact=False)).to_be_visible()
    expect(opened.locator(".citations a").first).to_have_attribute("href", re.compile(r"^https://"))

    assert serious_violations(page) == []
    assert page.js_errors == []
    page.screenshot(path=str(artifacts / "staff-topics.png"), full_page=True)
