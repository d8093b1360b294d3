"""The web chat in a real browser (Debian's Chromium via Playwright) against
the running assistant: the demo page as a parent sees it, and the staff page.
"""

import json
import re

from playwright.sync_api import expect

from .accessibility import every_violation

QUESTION = "how do I contact SENDIASS?"
COUNCILS = [
    "Hampshire",
    "Northumberland",
    "Stockton-on-Tees",
    "Bath and North East Somerset",
    "North Northamptonshire",
    "West Northamptonshire",
]
HAMPSHIRE_IASS = "0808 164 5504"
BOT_TIMEOUT = 60_000
STORE = "sendchat:v1:parent"


# ---------------------------------------------------------------- helpers


def launcher(page):
    return page.get_by_role("button", name="Ask about SEND support")


def chat_log(page):
    return page.get_by_role("log", name="Conversation")


def message_box(page):
    return page.get_by_role("textbox", name="Your message")


def open_chat(page):
    launcher(page).click()
    expect(message_box(page)).to_be_focused()


def ask(page, text):
    message_box(page).fill(text)
    page.get_by_role("button", name="Send", exact=True).click()


def ask_and_pick_hampshire(page):
    ask(page, QUESTION)
    log = chat_log(page)
    expect(log.get_by_role("button", name="Hampshire", exact=True)).to_be_visible(
        timeout=BOT_TIMEOUT
    )
    for council in COUNCILS:
        expect(log.get_by_role("button", name=council, exact=True)).to_be_visible()
    log.get_by_role("button", name="Hampshire", exact=True).click()
    expect(log).to_contain_text(HAMPSHIRE_IASS, timeout=BOT_TIMEOUT)


def stored(page):
    return page.evaluate(f"JSON.parse(sessionStorage.getItem('{STORE}'))")


# ---------------------------------------------------------------- the parent's journey


def test_ask_click_a_council_button_and_get_the_answer(page, assistant, artifacts):
    page.goto(assistant.demo)
    open_chat(page)
    ask_and_pick_hampshire(page)
    # The number is a real tel: link, built by the widget.
    link = chat_log(page).get_by_role("link", name=HAMPSHIRE_IASS).first
    expect(link).to_have_attribute("href", "tel:+448081645504")
    assert page.js_errors == []
    page.screenshot(path=str(artifacts / "demo.png"), full_page=False)


def test_deadline_from_the_parents_own_date(page, assistant):
    page.goto(assistant.demo)
    open_chat(page)
    ask(
        page,
        "I sent my request for an EHC needs assessment on 3 March 2026, when should the council reply?",
    )
    expect(chat_log(page)).to_contain_text("by Tuesday 14 April 2026", timeout=BOT_TIMEOUT)
    source = chat_log(page).get_by_role(
        "link", name=re.compile(r"^SEND Regulations 2014, regulation 5\(1\)")
    )
    expect(source).to_have_attribute(
        "href", "https://www.legislation.gov.uk/uksi/2014/1530/regulation/5"
    )
    expect(chat_log(page)).to_contain_text(
        "Source: SEND Regulations 2014, regulation 5(1) (legislation.gov.uk)"
    )


def test_letter_is_offered_as_a_download_addressed_to_the_council(page, assistant, tmp_path):
    page.goto(assistant.demo)
    open_chat(page)
    ask(page, "I live in Stockton")
    expect(chat_log(page)).to_contain_text("01642 527158", timeout=BOT_TIMEOUT)
    ask(page, "can you write me a letter to ask the council for an EHC needs assessment")
    button = chat_log(page).get_by_role("button", name=re.compile("^Download letter")).first
    expect(button).to_be_visible(timeout=BOT_TIMEOUT)
    with page.expect_download() as info:
        button.click()
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    letter = saved.read_text()
    # Addressed to the council; the sources give no address for requests, so the parent adds it (issue 10).
    assert "section 36" in letter and "[Your council's SEN team]\nStockton-on-Tees\n" in letter
    assert "sensection@stockton.gov.uk" not in letter
    assert "[child's full name]" in letter


def test_history_survives_navigation_then_restart(page, assistant):
    page.goto(assistant.demo)
    open_chat(page)
    ask_and_pick_hampshire(page)
    sender = stored(page)["sender"]

    page.get_by_role("link", name="EHC needs assessments").click()
    expect(page).to_have_url(assistant.demo2)
    log = chat_log(page)
    expect(log).to_be_visible()  # the panel stays open across pages
    expect(log).to_contain_text(QUESTION)
    expect(log).to_contain_text(HAMPSHIRE_IASS)
    assert stored(page)["sender"] == sender

    page.get_by_role("button", name="Restart").click()
    page.get_by_role("button", name="Yes, delete it").click()
    expect(log).not_to_contain_text(HAMPSHIRE_IASS)
    expect(log).to_contain_text("You started a new conversation.")
    expect(message_box(page)).to_be_focused()
    assert stored(page)["sender"] != sender
    assert stored(page)["items"] == [{"from": "notice", "text": "You started a new conversation."}]

    # The new conversation works too, and the restart survives navigation.
    ask(page, QUESTION)
    expect(log.get_by_role("button", name="Hampshire", exact=True)).to_be_visible(
        timeout=BOT_TIMEOUT
    )
    page.get_by_role("link", name="SEND support", exact=True).click()
    expect(chat_log(page)).not_to_contain_text(HAMPSHIRE_IASS)


# ---------------------------------------------------------------- injection


PAYLOAD = (
    "<script>window.__pwned='script'</script><img src=x onerror=\"window.__pwned='img'\">"
    " <b>bold?</b>"
)


def assert_inert(page):
    root = page.locator(".sendchat-root")
    assert root.locator("script, img, b, iframe, object, svg").count() == 0
    assert root.locator("a[href^='javascript:'], a[href^='data:']").count() == 0
    assert page.evaluate("window.__pwned") is None


def test_user_message_with_html_stays_text(page, assistant):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(assistant.demo)
    open_chat(page)
    ask(page, PAYLOAD)
    log = chat_log(page)
    expect(log.locator(".sendchat-msg--user").last).to_contain_text(
        "<script>window.__pwned='script'</script>"
    )
    expect(log.locator(".sendchat-msg--bot").last).to_be_visible(timeout=BOT_TIMEOUT)
    assert_inert(page)
    page.reload()  # history is re-rendered from sessionStorage the same safe way
    expect(chat_log(page)).to_contain_text("<img src=x onerror=")
    assert_inert(page)
    assert dialogs == []


def test_bot_reply_with_html_stays_text(page, assistant):
    """A reply carrying markup (injected at the network layer, since the real
    bot never sends any) is shown as text; only safe links are built."""
    hostile = {
        "messages": [
            {
                "text": PAYLOAD
                + ' javascript:alert(1) see https://example.org/a"><img src=x onerror=alert(1)>'
                " or www.example.org or email help@example.org or call 0808 164 5504."
                " [evil](javascript:alert(1)) [data](data:text/html,x)"
            },
            {
                "text": "Pick one",
                "buttons": [
                    {
                        "title": "<img src=x onerror=\"window.__pwned='button'\">",
                        "payload": "/greet",
                    }
                ],
            },
            {
                "custom": {
                    "letter": {
                        "title": "<script>alert(1)</script>",
                        "filename": "../../evil.sh",
                        "text": "<img src=x onerror=alert(1)>",
                    }
                }
            },
        ]
    }
    page.route(
        "**/webhooks/webchat/message",
        lambda route: route.fulfill(
            status=200, content_type="application/json", body=json.dumps(hostile)
        ),
    )
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(assistant.demo)
    open_chat(page)
    ask(page, "hello")
    log = chat_log(page)
    expect(log).to_contain_text("<script>window.__pwned='script'</script>")
    expect(
        log.get_by_role("button", name="<img src=x onerror=\"window.__pwned='button'\">")
    ).to_be_visible()
    assert_inert(page)
    hrefs = log.locator(".sendchat-msg--bot a").evaluate_all(
        "links => links.map(a => a.getAttribute('href'))"
    )
    assert hrefs == [
        "https://example.org/a",
        "https://www.example.org/",
        "mailto:help@example.org",
        "tel:+448081645504",
    ]
    log.get_by_role(
        "button", name=re.compile("^<img")
    ).click()  # a hostile button is still just a button
    assert_inert(page)
    with page.expect_download() as info:
        log.get_by_role("button", name=re.compile("^Download letter")).first.click()
    assert info.value.suggested_filename == "evil.sh.txt"
    assert dialogs == []


# ---------------------------------------------------------------- accessibility


def test_axe_demo_page_has_no_serious_violations(page, assistant, artifacts):
    page.goto(assistant.demo)
    assert every_violation(page) == []  # closed
    open_chat(page)
    ask_and_pick_hampshire(page)
    assert every_violation(page) == []  # open, with buttons, links and answers


def test_axe_staff_page_has_no_serious_violations(page, assistant, artifacts):
    requests = []
    page.on(
        "request",
        lambda r: requests.append(r) if r.url.endswith("/message") and r.method == "POST" else None,
    )
    page.goto(assistant.staff)
    expect(page.get_by_role("table")).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text("EHC")
    # Issue 10 item 7: the time limits are worded like the chat's.
    expect(page.get_by_role("table")).to_contain_text("1 month")
    expect(page.get_by_role("table")).not_to_contain_text("1 months")
    page.get_by_label("Council", exact=True).select_option(label="Hampshire")
    contacts = page.locator("#council-detail")
    expect(contacts).to_contain_text(HAMPSHIRE_IASS)
    expect(page.get_by_role("status").first).to_contain_text("Hampshire")
    page.locator("details.ladder summary").first.click()
    # Staff chat: same widget, inline, in staff mode.
    ask(page, QUESTION)
    log = chat_log(page)
    expect(log.get_by_role("button", name="Hampshire", exact=True)).to_be_visible(
        timeout=BOT_TIMEOUT
    )
    log.get_by_role("button", name="Hampshire", exact=True).click()
    expect(log).to_contain_text(HAMPSHIRE_IASS, timeout=BOT_TIMEOUT)
    assert all(json.loads(r.post_data)["metadata"]["mode"] == "staff" for r in requests)
    assert every_violation(page) == []
    page.screenshot(path=str(artifacts / "staff.png"), full_page=True)
    assert page.js_errors == []


def test_keyboard_only_conversation(page, assistant):
    page.goto(assistant.demo)
    for _ in range(30):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('sendchat-launcher')"):
            break
    else:
        raise AssertionError("Tab never reached the chat launcher")
    page.keyboard.press("Enter")
    expect(message_box(page)).to_be_focused()
    page.keyboard.type(QUESTION)
    page.keyboard.press("Enter")
    log = chat_log(page)
    expect(log.get_by_role("button", name="Hampshire", exact=True)).to_be_visible(
        timeout=BOT_TIMEOUT
    )
    for _ in range(30):  # back from the message box to the newest choices
        page.keyboard.press("Shift+Tab")
        if page.evaluate("document.activeElement.textContent") == "Hampshire":
            break
    else:
        raise AssertionError("Shift+Tab never reached the Hampshire button")
    focus = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
                                      return [s.outlineStyle, s.outlineWidth, s.boxShadow]; }""")
    assert focus[0] != "none" and focus[1] != "0px", f"no visible focus: {focus}"
    page.keyboard.press("Enter")
    expect(log).to_contain_text(HAMPSHIRE_IASS, timeout=BOT_TIMEOUT)

    # No focus trap: Tab moves on past the last control, out of the chat.
    page.get_by_role("button", name="Send", exact=True).focus()
    page.keyboard.press("Tab")
    assert not page.evaluate(
        "document.querySelector('.sendchat-panel').contains(document.activeElement)"
    )
    # Escape closes the panel and puts focus back on the launcher.
    message_box(page).focus()
    page.keyboard.press("Escape")
    expect(log).to_be_hidden()
    expect(launcher(page)).to_be_focused()
    expect(launcher(page)).to_have_attribute("aria-expanded", "false")


def test_log_region_and_labels(page, assistant):
    page.goto(assistant.demo)
    open_chat(page)
    log = chat_log(page)
    expect(log).to_have_attribute("aria-live", "polite")
    expect(page.get_by_role("dialog", name="SEND advice chat")).to_be_visible()
    expect(launcher(page)).to_have_attribute("aria-expanded", "true")
    for name in ["Restart", "Close chat", "Print conversation", "Save as text file", "Send"]:
        expect(page.get_by_role("button", name=name, exact=True)).to_be_visible()


def test_reflow_at_320px_and_200_percent_zoom(browser, assistant, artifacts):
    # 1280 px at 200% zoom is a 640 px viewport; 320 px is the WCAG reflow width.
    for width, height, shot in [(320, 640, "demo-320px.png"), (640, 400, "demo-200pc.png")]:
        ctx = browser.new_context(viewport={"width": width, "height": height})
        page = ctx.new_page()
        page.goto(assistant.demo)
        open_chat(page)
        ask(page, "x" * 300)  # a long unbroken word must wrap, not scroll sideways
        expect(chat_log(page).locator(".sendchat-msg--bot").last).to_be_visible(timeout=BOT_TIMEOUT)
        overflow = page.evaluate("""() => {
            const p = document.querySelector('.sendchat-panel');
            return {page: document.documentElement.scrollWidth, panel: p.scrollWidth - p.clientWidth,
                    right: p.getBoundingClientRect().right};
        }""")
        assert overflow["page"] <= width, overflow
        assert overflow["panel"] <= 0, overflow
        assert overflow["right"] <= width, overflow
        expect(page.get_by_role("button", name="Send", exact=True)).to_be_visible()
        page.screenshot(path=str(artifacts / shot))
        ctx.close()


def test_staff_page_reflows_at_320px(browser, assistant, artifacts):
    ctx = browser.new_context(viewport={"width": 320, "height": 640})
    page = ctx.new_page()
    page.goto(assistant.staff)
    expect(page.get_by_role("table")).to_contain_text("EHC")
    page.get_by_label("Council", exact=True).select_option(label="Hampshire")
    expect(page.locator("#council-detail")).to_contain_text(HAMPSHIRE_IASS)
    page.locator("details.ladder summary").first.click()
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.screenshot(path=str(artifacts / "staff-320px.png"), full_page=True)
    ctx.close()


def test_reduced_motion_is_respected(browser, assistant):
    ctx = browser.new_context(reduced_motion="reduce")
    page = ctx.new_page()
    page.goto(assistant.demo)
    open_chat(page)
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.sendchat-panel')).animationName")
        == "none"
    )
    ctx.close()


def test_contrast_of_widget_text(page, assistant):
    """Axe checks contrast too; this pins the key pairs at 4.5:1 or more."""
    page.goto(assistant.demo)
    open_chat(page)
    ratios = page.evaluate("""() => {
      const lum = c => { const [r, g, b] = c.match(/\\d+/g).slice(0, 3).map(v => {
          v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
          return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
      const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((m, n) => n - m);
          return (x + 0.05) / (y + 0.05); };
      const pick = sel => { const s = getComputedStyle(document.querySelector(sel));
          return [s.color, s.backgroundColor]; };
      return ['.sendchat-launcher', '.sendchat-send', '.sendchat-small'].map(sel => {
          const [fg, bg] = pick(sel); return ratio(fg, bg); });
    }""")
    assert min(ratios) >= 4.5, ratios


# ---------------------------------------------------------------- limits and saving


def test_too_long_message_is_explained_and_not_sent(page, assistant):
    requests = []
    page.on(
        "request",
        lambda r: (
            requests.append(r.url) if r.url.endswith("/message") and r.method == "POST" else None
        ),
    )
    page.goto(assistant.demo)
    open_chat(page)
    box = message_box(page)
    # The server's limit, not the default 2,000, as the server sets it for this test.
    expect(page.locator("#sendchat-limit")).to_have_text(
        f"You can enter up to {assistant.message_limit:,} characters."
    )
    box.fill("a" * (assistant.message_limit + 1))
    expect(page.locator("#sendchat-count")).to_contain_text("too long")
    expect(page.locator("#sendchat-count")).to_be_visible()
    expect(box).to_have_attribute("aria-invalid", "true")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(chat_log(page)).to_contain_text(
        f"Your message is too long. Please keep it to {assistant.message_limit:,} characters"
    )
    assert requests == []


def test_save_and_print_the_conversation(page, assistant):
    page.add_init_script(
        "window.print = () => { window.__printed = (window.__printed || 0) + 1; };"
    )
    page.goto(assistant.demo)
    open_chat(page)
    ask_and_pick_hampshire(page)
    with page.expect_download() as info:
        page.get_by_role("button", name="Save as text file").click()
    text = open(info.value.path(), encoding="utf-8").read()
    assert info.value.suggested_filename.startswith("send-advice-chat-")
    assert f"You: {QUESTION}" in text and HAMPSHIRE_IASS in text

    page.get_by_role("button", name="Print conversation").click()
    assert page.evaluate("window.__printed") == 1
    # The print stylesheet shows the conversation and hides the council page.
    page.evaluate("document.documentElement.classList.add('sendchat-printing')")
    page.emulate_media(media="print")
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.site-header')).visibility")
        == "hidden"
    )
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.sendchat-log')).visibility")
        == "visible"
    )
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.sendchat-form')).display")
        == "none"
    )


# ---------------------------------------------------------------- embedding on a council site


def test_embedded_on_an_allowed_council_site(page, assistant):
    requests = []
    page.on(
        "request",
        lambda r: requests.append(r) if r.url.endswith("/message") and r.method == "POST" else None,
    )
    page.goto(assistant.council_allowed)
    open_chat(page)
    ask(page, QUESTION)
    # data-council="Hampshire" rides along, so the assistant need not ask which council.
    expect(chat_log(page)).to_contain_text(HAMPSHIRE_IASS, timeout=BOT_TIMEOUT)
    body = json.loads(requests[0].post_data)
    assert body["metadata"] == {"mode": "parent", "council": "Hampshire"}
    assert re.fullmatch(r"[0-9a-f]{32}", body["sender"])


def test_refused_on_a_site_that_is_not_allowed(page, assistant):
    page.goto(assistant.council_refused)
    open_chat(page)
    ask(page, QUESTION)
    expect(chat_log(page)).to_contain_text("Your message was not sent.", timeout=BOT_TIMEOUT)
    # The text comes back to the message box so nothing typed is lost.
    expect(message_box(page)).to_have_value(QUESTION)


# ---------------------------------------------------------------- issue 16: a stressed parent on a phone

CRISIS = "I want to kill myself"
# Every phone number as a parent would read it, and the address it must dial.
NUMBER = re.compile(r"(?<![\d£])(?:0\d{2,4} ?\d{3,4} ?\d{3,4}|0800 ?\d{4}|116 ?\d{3}|999)(?!\d)")


def bot_messages(page):
    return chat_log(page).locator(".sendchat-msg--bot")


def posts(page):
    sent = []
    page.on(
        "request",
        lambda r: (
            sent.append(json.loads(r.post_data)["message"])
            if r.url.endswith("/message") and r.method == "POST"
            else None
        ),
    )
    return sent


def test_opening_message_says_what_this_is(page, assistant):
    page.goto(assistant.demo)
    open_chat(page)
    opening = chat_log(page).locator(".sendchat-msg").first
    expect(opening).to_contain_text("automated assistant, not a person")
    expect(opening).to_contain_text("information, not legal advice")
    expect(opening.get_by_role("link", name="999")).to_have_attribute("href", "tel:999")
    help_list = opening.get_by_role("list")
    expect(help_list.get_by_role("listitem")).to_have_count(5)
    expect(help_list).to_contain_text("EHC needs assessment")


def test_restart_asks_first_and_sits_apart_from_close(page, assistant):
    page.goto(assistant.demo)
    open_chat(page)
    ask_and_pick_hampshire(page)
    restart = page.get_by_role("button", name="Restart")
    close = page.get_by_role("button", name="Close chat")
    gap = close.bounding_box()["x"] - (
        restart.bounding_box()["x"] + restart.bounding_box()["width"]
    )
    assert gap >= 24, f"Restart is only {gap}px from Close"

    restart.click()
    question = page.get_by_role("group", name=re.compile("^Start a new conversation?"))
    expect(question).to_be_focused()
    expect(restart).to_have_attribute("aria-expanded", "true")
    expect(chat_log(page)).to_contain_text(HAMPSHIRE_IASS)  # nothing deleted yet
    assert every_violation(page) == []  # the question and its red "Yes, delete it" button
    page.get_by_role("button", name="No, keep it").click()
    expect(question).to_be_hidden()
    expect(restart).to_be_focused()
    expect(chat_log(page)).to_contain_text(HAMPSHIRE_IASS)
    page.keyboard.press("Enter")  # Restart again, by keyboard; Escape also keeps it
    expect(question).to_be_focused()
    page.keyboard.press("Escape")
    expect(question).to_be_hidden()
    expect(chat_log(page)).to_contain_text(HAMPSHIRE_IASS)

    restart.click()
    page.get_by_role("button", name="Yes, delete it").click()
    expect(chat_log(page)).not_to_contain_text(HAMPSHIRE_IASS)
    expect(message_box(page)).to_be_focused()


def test_a_choice_moves_focus_to_the_message_box_and_closes_its_group(page, assistant):
    page.goto(assistant.demo)
    sent = posts(page)
    open_chat(page)
    ask(page, QUESTION)
    log = chat_log(page)
    hampshire = log.get_by_role("button", name="Hampshire", exact=True)
    expect(hampshire).to_be_visible(timeout=BOT_TIMEOUT)
    hampshire.focus()
    page.keyboard.press("Enter")
    expect(message_box(page)).to_be_focused()
    expect(log).to_contain_text(HAMPSHIRE_IASS, timeout=BOT_TIMEOUT)
    chosen = log.get_by_role("button", name="Hampshire (your choice)")
    expect(chosen).to_be_disabled()
    for council in COUNCILS[1:]:
        expect(log.get_by_role("button", name=council, exact=True)).to_be_disabled()
    assert every_violation(page) == []
    page.keyboard.press("Enter")  # the empty message box sends nothing, the old button nothing
    chosen.click(force=True)
    log.get_by_role("button", name="Northumberland", exact=True).click(force=True)
    page.wait_for_timeout(500)
    assert sent == [QUESTION, sent[1]] and len(sent) == 2, sent
    # Closed stays closed on the next page.
    page.reload()
    expect(chat_log(page).get_by_role("button", name="Northumberland", exact=True)).to_be_disabled()


def test_typing_instead_of_choosing_closes_old_choices(page, assistant):
    page.goto(assistant.demo)
    open_chat(page)
    ask(page, QUESTION)
    log = chat_log(page)
    expect(log.get_by_role("button", name="Hampshire", exact=True)).to_be_enabled(
        timeout=BOT_TIMEOUT
    )
    ask(page, "Stockton")
    expect(log.get_by_role("button", name="Hampshire", exact=True)).to_be_disabled()


def test_crisis_reply_has_real_lists_and_every_number_is_a_tel_link(page, assistant):
    page.goto(assistant.demo)
    open_chat(page)
    ask(page, CRISIS)
    reply = bot_messages(page).last
    expect(reply).to_contain_text("999", timeout=BOT_TIMEOUT)
    # Lists in the accessibility tree, not "•" typed into a paragraph.
    items = reply.get_by_role("list").get_by_role("listitem")
    assert items.count() >= 3
    assert "•" not in reply.inner_text()
    # A parent at risk gets 999, Samaritans and urgent NHS mental health help (the contacts
    # depend on who is at risk: tests/test_safety_reply.py); every number is a tel: link.
    numbers = NUMBER.findall(reply.inner_text())
    assert {"999", "116 123"} <= set(numbers), numbers
    links = {
        a["text"]: a["href"]
        for a in reply.locator("a[href^='tel:']").evaluate_all(
            "links => links.map(a => ({text: a.textContent, href: a.getAttribute('href')}))"
        )
    }
    for number in numbers:
        assert number in links, f"{number} is not a link"
    assert links["999"] == "tel:999" and links["116 123"] == "tel:116123"


def phone(browser):
    return browser.new_context(
        viewport={"width": 390, "height": 400}, has_touch=True, is_mobile=True
    )


def test_phone_390x400_shows_the_conversation_with_a_fixed_header(browser, assistant, artifacts):
    ctx = phone(browser)
    page = ctx.new_page()
    page.goto(assistant.demo)
    launcher(page).click()
    dialog = page.get_by_role("dialog", name="SEND advice chat")
    expect(dialog).to_have_attribute("aria-modal", "true")
    assert page.evaluate(
        "document.querySelector('main').inert && document.querySelector('header').inert"
    )
    ask(page, CRISIS)
    expect(bot_messages(page).last).to_contain_text("116 123", timeout=BOT_TIMEOUT)
    message_box(page).focus()
    # No keyboard, so no keyboard hint; no count until near the limit.
    expect(page.get_by_text("Press Enter to send")).to_be_hidden()
    expect(page.locator("#sendchat-count")).to_be_hidden()
    shown = page.evaluate("""() => {
        const s = document.querySelector('.sendchat-scroll').getBoundingClientRect();
        return Math.min(s.bottom, innerHeight) - Math.max(s.top, 0); }""")
    assert shown >= 200, f"only {shown}px of conversation on a 400px screen"
    # Scrolling the conversation leaves Close and Restart where they are.
    page.evaluate("document.querySelector('.sendchat-scroll').scrollTop = 0")
    for name in ["Close chat", "Restart"]:
        box = page.get_by_role("button", name=name).bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= 400, (name, box)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(artifacts / "phone-390x400.png"))
    message_box(page).fill("a" * (assistant.message_limit - 200))
    expect(page.locator("#sendchat-count")).to_have_text("You have 200 characters remaining")
    expect(page.locator("#sendchat-count")).to_be_visible()  # near the server's limit, not 2,000
    assert every_violation(page) == []
    # Closing gives the page back.
    page.get_by_role("button", name="Close chat").click()
    assert not page.evaluate("document.querySelector('main').inert")
    ctx.close()


def test_desktop_panel_is_not_modal_and_shows_the_keyboard_hint(page, assistant):
    page.goto(assistant.demo)
    open_chat(page)
    expect(page.get_by_role("dialog", name="SEND advice chat")).to_have_attribute(
        "aria-modal", "false"
    )
    assert not page.evaluate("document.querySelector('main').inert")
    expect(page.get_by_text("Press Enter to send")).to_be_visible()


def test_launcher_never_covers_the_focused_link(page, assistant):
    page.set_viewport_size({"width": 390, "height": 500})
    page.goto(assistant.short_page)
    corner = page.locator("#corner")
    expect(launcher(page)).to_be_visible()
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "corner":
            break
    expect(corner).to_be_focused()
    a, b = corner.bounding_box(), launcher(page).bounding_box()
    apart = (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )
    assert apart, (a, b)


def test_a_letter_is_one_message_with_download_and_print(page, assistant):
    page.add_init_script(
        "window.print = () => { window.__printed = (window.__printed || 0) + 1; };"
    )
    page.goto(assistant.demo)
    open_chat(page)
    ask(page, "I live in Stockton")
    expect(chat_log(page)).to_contain_text("01642 527158", timeout=BOT_TIMEOUT)
    before = bot_messages(page).count()
    ask(page, "can you write me a letter to ask the council for an EHC needs assessment")
    letter = chat_log(page).locator(".sendchat-letter")
    expect(letter).to_have_count(1, timeout=BOT_TIMEOUT)
    # The short introduction and the letter itself: two messages, not 13.
    expect(bot_messages(page)).to_have_count(before + 2)
    message = bot_messages(page).last
    expect(message.get_by_role("button", name=re.compile("^Download letter"))).to_be_visible()
    expect(message.get_by_role("button", name=re.compile("^Print letter"))).to_be_visible()
    assert (
        chat_log(page).inner_text().count("Subject: Request for an education, health and care") == 1
    )
    assert every_violation(page) == []
    message.get_by_role("button", name=re.compile("^Print letter")).click()
    assert page.evaluate("window.__printed") == 1


def test_sources_are_plain_words_linked_to_the_exact_regulation(page, assistant):
    page.goto(assistant.demo)
    open_chat(page)
    ask(page, "what are the timescales for an EHC plan")
    reply = bot_messages(page).last
    expect(reply).to_contain_text("Source", timeout=BOT_TIMEOUT)
    links = reply.get_by_role("link", name=re.compile(r"\(legislation\.gov\.uk\)"))
    assert links.count() >= 1
    for text, href in links.evaluate_all("ls => ls.map(a => [a.firstChild.textContent, a.href])"):
        word, number = re.search(r"(regulation|section|rule) (\d+)", text).groups()
        assert href.endswith(f"/{word}/{number}"), (text, href)
    assert "reg " not in reply.inner_text()


def test_staff_ladder_shows_each_contact_once_with_its_checked_date(page, assistant):
    page.goto(assistant.staff)
    page.get_by_label("Council", exact=True).select_option(label="Hampshire")
    detail = page.locator("#council-detail")
    expect(detail).to_contain_text(HAMPSHIRE_IASS)
    for summary in page.locator("details.ladder summary").all():
        summary.click()
    # Every ladder open, and the IASS number still appears once.
    assert detail.inner_text().count(HAMPSHIRE_IASS) == 1
    expect(detail).to_contain_text("Last checked")
    step = (
        detail.locator("details.ladder")
        .first.get_by_role("link", name=re.compile("SENCO|SENDIASS|IASS"))
        .first
    )
    target = step.get_attribute("href")
    assert target.startswith("#contact-")
    step.click()
    expect(page.locator(target)).to_be_focused()
    # Ladder sources are linked words, like the chat's.
    expect(detail.locator(".citations a").first).to_have_attribute("href", re.compile("^https://"))
    # The staff timescales table links each row to its own regulation or section.
    table = page.get_by_role("table")
    row = table.get_by_role("row").filter(has_text="final EHC plan")
    expect(row.get_by_role("link")).to_have_attribute(
        "href", "https://www.legislation.gov.uk/uksi/2014/1530/regulation/13"
    )


def test_staff_chat_understands_a_call_summary(page, assistant):
    page.goto(assistant.staff)
    ask(page, "parent has spoken to SENCO and head, school still not meeting needs, Hampshire")
    reply = bot_messages(page).last
    expect(reply).to_contain_text("Next step", timeout=BOT_TIMEOUT)
    expect(reply).to_contain_text("governors")
    expect(reply).to_contain_text(HAMPSHIRE_IASS)
    expect(reply).to_contain_text("already tried: the SENCO and the headteacher")
