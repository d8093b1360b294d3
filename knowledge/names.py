"""Turning the many ways people write a council's name into one comparable form."""

import re

_SUFFIXES = (
    "metropolitan borough council",
    "county borough council",
    "borough council",
    "county council",
    "city council",
    "district council",
    "council",
    "local authority",
)
_ORDER_SUFFIX = re.compile(r"^(?P<name>.+), (?P<kind>city|county) of$", re.IGNORECASE)


def normalise(text: str) -> str:
    """Lower case, '&' as 'and', punctuation as spaces, and no 'council' or leading 'the'."""
    text = text.lower().replace("&", " and ").replace("’", "'")
    text = re.sub(r"[^a-z0-9']+", " ", text).replace("'", "")
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"^the ", "", text)
    for suffix in _SUFFIXES:
        if text.endswith(" " + suffix):
            text = text[: -len(suffix) - 1]
            break
    return text


def everyday_form(official: str) -> str:
    """'Bristol, City of' -> 'Bristol'; other names are already everyday forms."""
    match = _ORDER_SUFFIX.match(official)
    return match.group("name") if match else official


def written_forms(official: str) -> list:
    """The official name plus the forms derived from it ('City of Bristol', 'Bristol')."""
    forms = [official]
    match = _ORDER_SUFFIX.match(official)
    if match:
        forms += [match.group("name"), f"{match.group('kind').title()} of {match.group('name')}"]
    return forms
