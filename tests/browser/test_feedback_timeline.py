"""Feedback on answers and the parent's timeline, in Chromium against the running assistant:
keyboard use, what screen readers get, what is stored, printing, and axe-core."""

import json
import re
import sqlite3
import urllib.request

from playwright.sync_api import expect

from .accessibility import serious_violations

BOT_TIMEOUT = 60_000
EHC_QUESTION = (
    "I sent my request for an EHC needs assessment on 3 March 2026, when should the council reply?"
)


def chat_log(page):
    return page.get_by_role("log", name="Conversation")


def open_and_ask(page, url, text):
    page.goto(url)
    page.get_by_role("button", name="Ask about SEND support").click()
    box = page.get_by_role("textbox", name="Your message")
    box.fill(text)
    box.press("Enter")


def feedback_rows(assistant):
    db = assistant.logs["rasa"].parent / "tracker.db"  # the test's own tracker store (conftest)
    with sqlite3.connect(db) as conn:
        conn.row_factory = sqlite3.Row
        return [dict(r) for r in conn.execute("SELECT * FROM answer_feedback ORDER BY id")]


def test_feedback_by_keyboard_with_a_comment_that_is_stored_redacted(page, assistant):
    open_and_ask(page, assistant.demo, "what is a SENCO?")
    log = chat_log(page)
    group = log.get_by_role("group", name="Was this helpful?")
    expect(group).to_be_visible(timeout=BOT_TIMEOUT)
    yes = group.get_by_role("button", name=re.compile(r"^Yes ?this answer was helpful$"))
    no = group.get_by_role("button", name=re.compile(r"^No ?this answer was not helpful$"))
    expect(yes).to_be_visible()
    assert serious_violations(page) == []

    no.focus()
    page.keyboard.press("Enter")
    field = log.get_by_role("textbox", name=re.compile("^Thank you. What was missing?"))
    expect(field).to_be_focused()
    field.type("what the SENCO does in my school, call me on 07700 900123")
    page.keyboard.press("Enter")
    status = log.get_by_text("Thank you for telling us what was missing.")
    expect(status).to_be_focused()
    assert serious_violations(page) == []

    row = feedback_rows(assistant)[-1]
    assert (row["topic"], row["helpful"]) == ("senco", 0)
    assert row["comment"].startswith("what the SENCO does in my school, call me")
    assert row["comment"].endswith("[phone]") and "07700" not in row["comment"]
    sender = page.evaluate("JSON.parse(sessionStorage.getItem('sendchat:v1:parent')).sender")
    assert all(sender not in str(value) for value in row.values())
    assert page.js_errors == []


def test_feedback_yes_thanks_and_the_prompt_goes_when_the_parent_asks_again(page, assistant):
    open_and_ask(page, assistant.demo, "what is SEN support?")
    log = chat_log(page)
    before = len(feedback_rows(assistant))
    log.get_by_role("button", name=re.compile(r"^Yes ?this answer was helpful$")).click(
        timeout=BOT_TIMEOUT
    )
    expect(log.get_by_text("Thank you for your feedback.")).to_be_focused()
    assert len(feedback_rows(assistant)) == before + 1
    # The thanks survives moving to another page of the council site.
    page.get_by_role("link", name="EHC needs assessments").click()
    expect(chat_log(page).get_by_text("Thank you for your feedback.")).to_be_visible()

    box = page.get_by_role("textbox", name="Your message")
    box.fill("what is a SENCO?")
    box.press("Enter")
    expect(chat_log(page).get_by_role("group", name="Was this helpful?")).to_have_count(
        1, timeout=BOT_TIMEOUT
    )


def test_the_timeline_is_drawn_with_today_and_every_date_in_words(page, assistant, artifacts):
    open_and_ask(page, assistant.demo, EHC_QUESTION)
    log = chat_log(page)
    figure = log.locator("figure.sendchat-timeline")
    expect(figure).to_be_visible(timeout=BOT_TIMEOUT)
    expect(figure.locator("figcaption")).to_have_text("Your EHC needs assessment timeline")
    expect(figure.get_by_role("img", name=re.compile("Picture of the timeline"))).to_be_visible()
    items = figure.get_by_role("listitem")
    texts = items.all_inner_texts()
    assert texts[0].endswith("The council received your request: Tuesday 3 March 2026 (passed)")
    assert any("6 weeks: Decision on an assessment: Tuesday 14 April 2026" in t for t in texts)
    assert any("16 weeks: Decision on issuing a plan: Tuesday 23 June 2026" in t for t in texts)
    assert any("20 weeks: Final EHC plan: Tuesday 21 July 2026" in t for t in texts)
    today = [t for t in texts if t.startswith("Today: ")]
    assert len(today) == 1 and re.match(r"Today: \w+day \d{1,2} \w+ \d{4}$", today[0])
    # Today sits in date order: all four dates in 2026 have passed by the time these tests run.
    assert texts[-1] == today[0]
    expect(figure.locator("time").first).to_have_attribute("datetime", "2026-03-03")
    assert serious_violations(page) == []
    figure.scroll_into_view_if_needed()
    figure.screenshot(path=str(artifacts / "timeline.png"))

    # Printing keeps the timeline and drops the feedback buttons.
    page.emulate_media(media="print")
    page.evaluate("document.documentElement.classList.add('sendchat-printing')")
    expect(figure).to_be_visible()
    expect(log.get_by_role("group", name="Was this helpful?")).to_be_hidden()
    assert page.js_errors == []


def test_the_rest_channel_carries_the_same_timeline_and_takes_feedback(assistant):
    rest = assistant.base.replace("/webchat/", "/rest/webhook")
    request = urllib.request.Request(
        rest,
        data=json.dumps(
            {"sender": "rest-timeline-4f6c2a9e1b7d3c5a", "message": EHC_QUESTION}
        ).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=120) as res:
        replies = json.load(res)
    timeline = next(r["custom"]["timeline"] for r in replies if "custom" in r)
    assert [e["date_text"] for e in timeline["events"]] == [
        "Tuesday 3 March 2026",
        "Tuesday 14 April 2026",
        "Tuesday 23 June 2026",
        "Tuesday 21 July 2026",
    ]
    assert any("by Tuesday 14 April 2026" in r.get("text", "") for r in replies)

    # Rating that answer through the REST channel's feedback route.
    request = urllib.request.Request(
        rest.rsplit("/", 1)[0] + "/feedback",
        data=json.dumps({"sender": "rest-timeline-4f6c2a9e1b7d3c5a", "helpful": True}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=60) as res:
        assert json.load(res)["status"] == "recorded"
    row = feedback_rows(assistant)[-1]
    assert (row["topic"], row["channel"], row["helpful"]) == ("deadline_calculation", "rest", 1)
