"""The staff report in Chromium: signing in with the form, the report itself, axe-core clean."""

import os

import pytest
from playwright.sync_api import expect

from staff_auth.passwords import hash_password

from .accessibility import serious_violations

PASSWORD = "a long staff password for tests"


@pytest.fixture(scope="module", autouse=True)
def staff_password():
    # Autouse, module scope: set before the `assistant` fixture copies the environment.
    os.environ["STAFF_PASSWORD_HASH"] = hash_password(PASSWORD)
    yield
    del os.environ["STAFF_PASSWORD_HASH"]


def test_sign_in_then_read_the_report(page, assistant, artifacts):
    # A conversation with something the assistant cannot answer, so the report has content.
    page.goto(assistant.demo)
    page.get_by_role("button", name="Ask about SEND support").click()
    box = page.get_by_role("textbox", name="Your message")
    box.fill("zxqv blorp, ring me on 07700 900123")
    box.press("Enter")
    expect(
        page.get_by_role("log", name="Conversation").locator(".sendchat-msg--bot")
    ).to_have_count(1, timeout=60_000)

    response = page.goto(assistant.base + "staff/report")
    assert response.status == 401
    expect(page.get_by_role("heading", name="Sign in to the staff area")).to_be_visible()
    field = page.get_by_label("Staff password")
    field.fill("wrong")
    field.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("Enter the correct staff password")
    assert serious_violations(page) == []

    field = page.get_by_label("Staff password")
    field.fill(PASSWORD)
    field.press("Enter")
    expect(page).to_have_url(assistant.base + "staff/report")
    expect(page.get_by_role("heading", level=1)).to_contain_text("What parents asked")
    expect(page.get_by_role("table", name="Per day")).to_be_visible()
    expect(
        page.get_by_role("img", name="Bar chart of messages per day", exact=False)
    ).to_be_visible()
    assert serious_violations(page) == []
    page.screenshot(path=str(artifacts / "report.png"), full_page=True)

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in to the staff area")).to_be_visible()
    assert page.goto(assistant.base + "staff/report").status == 401
