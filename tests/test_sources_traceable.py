"""Every phone number, email address and web address the assistant can state traces to ../shared."""

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
STATED_FILES = [p for p in (REPO / "knowledge" / "content").rglob("*.yaml")]

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
URL = re.compile(r"(?:https?://|www\.)[A-Za-z0-9./_-]+[A-Za-z0-9/]")
PHONE = re.compile(r"(?<![\d£])(?:0\d{2,4}[ ]?\d{3,4}[ ]?\d{3,4}|999|116 123|0800 1111)(?![\d])")


def shared_text() -> str:
    if not SHARED.is_dir():
        pytest.fail(f"../shared is missing: expected the source material at {SHARED}")
    files = list((SHARED / "sources").glob("*.txt")) + [
        SHARED / "domain" / "facts.md",
        SHARED / "sources" / "README.md",
    ]
    return "\n".join(f.read_text(encoding="utf-8") for f in files)


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
def test_phone_numbers_trace_to_shared(phone):
    shared_digits = {digits(p) for p in PHONE.findall(shared_text())}
    assert digits(phone) in shared_digits, f"{phone} is not in ../shared"


@pytest.mark.parametrize("email", stated(EMAIL))
def test_email_addresses_trace_to_shared(email):
    assert email.lower() in shared_text().lower(), f"{email} is not in ../shared"


@pytest.mark.parametrize("url", stated(URL))
def test_web_addresses_trace_to_shared(url):
    bare = re.sub(r"^https?://", "", url).rstrip("/")
    assert bare.lower() in shared_text().lower(), f"{url} is not in ../shared"


def test_council_list_is_the_shared_one():
    ours = (REPO / "knowledge/content/national/english_local_authorities.csv").read_text()
    assert ours == (SHARED / "data/english_local_authorities.csv").read_text()
