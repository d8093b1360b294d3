"""Every phone number, email address and web address the assistant can state traces to the sources.

The sources are the project's own copy of ../shared (knowledge/reference/); test_reference_copy.py
shows where that copy differs from ../shared."""

import re
from pathlib import Path

import pytest

from knowledge import reference

REPO = Path(__file__).resolve().parent.parent
STATED_FILES = [p for p in (REPO / "knowledge" / "content").rglob("*.yaml")]

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
URL = re.compile(r"(?:https?://|www\.)[A-Za-z0-9./_-]+[A-Za-z0-9/]")
PHONE = re.compile(r"(?<![\d£])(?:0\d{2,4}[ ]?\d{3,4}[ ]?\d{3,4}|999|116 123|0800 1111)(?![\d])")


def shared_text() -> str:
    return "\n".join(f.read_text(encoding="utf-8") for f in reference.source_texts())


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def stated(pattern):
    found = set()
    for path in STATED_FILES:
        found.update(pattern.findall(path.read_text(encoding="utf-8")))
    return sorted(found)


def test_there_is_content_to_check():
    assert len(stated(PHONE)) >= 10 and len(stated(EMAIL)) >= 6 and len(stated(URL)) >= 10


@pytest.mark.parametrize("phone", stated(PHONE))
def test_phone_numbers_trace_to_the_sources(phone):
    shared_digits = {digits(p) for p in PHONE.findall(shared_text())}
    assert digits(phone) in shared_digits, f"{phone} is not in the sources"


@pytest.mark.parametrize("email", stated(EMAIL))
def test_email_addresses_trace_to_the_sources(email):
    assert email.lower() in shared_text().lower(), f"{email} is not in the sources"


@pytest.mark.parametrize("url", stated(URL))
def test_web_addresses_trace_to_the_sources(url):
    bare = re.sub(r"^https?://", "", url).rstrip("/")
    assert bare.lower() in shared_text().lower(), f"{url} is not in the sources"


def test_the_copy_holds_every_leaflet_and_the_facts():
    texts = reference.source_texts()
    assert len([p for p in texts if p.suffix == ".txt"]) == 5
    assert all(p.exists() and p.stat().st_size > 0 for p in texts)
