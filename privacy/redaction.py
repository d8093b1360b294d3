"""Removing personal data from text before it is stored or logged.

Email addresses, UK phone numbers, UK postcodes and names given after phrases like
"my son is called" are replaced with placeholders. The assistant never needs them.
"""

import re

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
# UK numbers: +44 or 0 followed by 9-10 more digits, with spaces, dots or dashes between.
_PHONE = re.compile(r"(?<![\w])(?:\+44\s?\(?0?\)?|\(?0)(?:[\s.-]?\d\)?){9,10}(?![\w])")
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)
_NAME_INTRO = re.compile(
    r"(?P<intro>\b(?:(?:my|our|his|her|their)\s+(?:son|daughter|child|kid|boy|girl|lad|grandson|granddaughter|"
    r"name)(?:'s|\s+is)?\s+(?:called|named|name\s+is)|(?:he|she|they)\s+(?:is|are)\s+called|"
    r"(?:his|her|their)\s+name\s+is|my\s+name\s+is|i\s+am\s+called|i'm\s+called|call\s+(?:him|her|me))\s+)"
    r"(?P<name>[A-Za-z][A-Za-z'-]*(?:\s+[A-Z][A-Za-z'-]*)?)",
    re.IGNORECASE,
)

EMAIL_MARK, PHONE_MARK, POSTCODE_MARK, NAME_MARK = "[email]", "[phone]", "[postcode]", "[name]"


def redact(text: str) -> str:
    if not text:
        return text
    text = _EMAIL.sub(EMAIL_MARK, text)
    text = _PHONE.sub(PHONE_MARK, text)
    text = _POSTCODE.sub(POSTCODE_MARK, text)
    return _NAME_INTRO.sub(lambda m: m.group("intro") + NAME_MARK, text)
