"""Removing personal data from text before it is stored or logged.

Replaced with placeholders: email addresses, UK phone numbers, NHS numbers, UK postcodes,
addresses (a house number and a street), dates of birth (a date after "born", "DOB",
"date of birth" or "birthday"), and names, whether introduced ("my son is called Sam") or
not ("my son Jack Smith was...", "my DS Oliver", "Tom is my son", "I'm Sarah, mum to Leo").
There is no name recogniser: a name with none of these around it ("Oliver hates school") is
kept. The assistant never needs any of them. Other dates are
kept: the deadline calculator reads them ("the decision letter was dated 10/01/2026").
"""

import re

EMAIL_MARK, PHONE_MARK, POSTCODE_MARK, NAME_MARK = (
    "[email]",
    "[phone]",
    "[postcode]",
    "[name]",
)
NHS_MARK, ADDRESS_MARK, BIRTH_DATE_MARK = "[nhs number]", "[address]", "[date of birth]"

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
# UK numbers: +44 or 0 followed by 9-10 more digits, with spaces, dots or dashes between.
_PHONE = re.compile(r"(?<![\w])(?:\+44\s?\(?0?\)?|\(?0)(?:[\s.-]?\d\)?){9,10}(?![\w])")
# NHS numbers: ten digits, usually written 3-3-4.
_NHS = re.compile(r"(?<![\w/.-])\d{3}[\s-]?\d{3}[\s-]?\d{4}(?![\w/.-])")
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)
_STREET_WORDS = (
    "road|rd|street|st|avenue|ave|lane|ln|close|drive|dr|way|crescent|court|ct|place|pl|gardens|grove|"
    "terrace|hill|park|row|square|sq|mews|view|walk|rise|parade|green|meadows?|fields?|end|gate|"
    "croft|wharf|boulevard|approach"
)
_ADDRESS = re.compile(
    rf"\b(?:flat\s+\d+[a-z]?,?\s+)?\d{{1,4}}[a-z]?,?\s+(?:[a-z][a-z'-]*\s+){{1,3}}(?:{_STREET_WORDS})\b\.?",
    re.IGNORECASE,
)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
_DATE = (
    rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+\d{{4}})?"
    rf"|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?|{_MONTH}\s+\d{{4}}|\d{{4}})"
)
_BIRTH_DATE = re.compile(
    rf"(?P<intro>\b(?:born(?:\s+(?:on|in))?|d\.?o\.?b\.?|date\s+of\s+birth|birth\s*day|birthdate)"
    rf"(?:\s+is|\s+was)?\s*:?\s*)(?P<date>{_DATE})\b",
    re.IGNORECASE,
)
_NAME_INTRO = re.compile(
    r"(?P<intro>\b(?:(?:my|our|his|her|their)\s+(?:son|daughter|child|kid|boy|girl|lad|grandson|granddaughter|"
    r"name)(?:'s|’s|s|\s+is)?\s+(?:called|named|name\s+is)|(?:he|she|they)\s+(?:is|are)\s+called|"
    r"(?:his|her|their)\s+name\s+is|my\s+name\s+is|i\s+am\s+called|i'm\s+called|call\s+(?:him|her|me))\s+)"
    r"(?P<name>[A-Za-z][A-Za-z'-]*(?:\s+[A-Z][A-Za-z'-]*)?)",
    re.IGNORECASE,
)
# "my son Jack Smith was born...": a capitalised word straight after the relation is a name.
_RELATION = (
    r"(?i:\b(?:my|our|his|her|their)\s+(?:little\s+|eldest\s+|youngest\s+|older\s+|younger\s+)?"
    r"(?:son|daughter|child|kid|boy|girl|lad|grandson|granddaughter|stepson|stepdaughter|"
    r"foster\s+(?:son|daughter|child)))"
)
# Forum shorthand for a son, daughter or children ("my DS Oliver", "DD2 Amelia"): capitals only.
_SHORTHAND_RELATION = r"(?:\b(?i:my|our)\s+)?\b(?:DS|DD|DC|DSS|DSD)\d?\b"
_NAME_WORDS = r"[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?(?:\s+[A-Z][a-z]+(?:-[A-Z]?[a-z]+)?)?"
_NAME_AFTER_RELATION = re.compile(
    rf"(?P<intro>(?:{_RELATION}|{_SHORTHAND_RELATION}),?\s+)(?P<name>{_NAME_WORDS})(?P<possessive>'s|’s)?"
)
# A name before the relation: "Tom is my son", "Leo (my son)", "mum to Leo", "I'm Sarah, mum to..."
_KIN = r"(?:son|daughter|child|boy|girl|grandson|granddaughter|stepson|stepdaughter|foster\s+child)"
_NAME_BEFORE_RELATION = re.compile(
    rf"(?P<name>\b{_NAME_WORDS})(?P<rest>(?:\s*\(\s*(?i:my|our)\s+(?i:{_KIN})\s*\)"
    rf"|,\s*(?i:my|our)\s+(?i:{_KIN}),|\s+(?i:is)\s+(?i:my|our)\s+(?i:{_KIN})\b(?!'|’)))"
)
_NAME_AFTER_PARENT = re.compile(
    rf"(?P<intro>\b(?i:(?:mum|mom|mother|dad|father|parent|carer|grandma|grandad|nan)\s+(?:to|of))\s+)"
    rf"(?P<name>{_NAME_WORDS})"
)
_SELF_INTRO = re.compile(
    rf"(?P<intro>\b(?i:i\s+am|i'm|i’m|im|this\s+is)\s+)(?P<name>{_NAME_WORDS})"
    r"(?=\s*(?:,|\.|!|$|\s(?i:and|mum|mom|mother|dad|father|here|from)\b))"
)
# Capitalised words that follow "my son" without being names.
_NOT_NAMES = {
    "i",
    "he",
    "she",
    "they",
    "we",
    "is",
    "was",
    "has",
    "had",
    "who",
    "and",
    "but",
    "year",
    "age",
    "aged",
    "sen",
    "send",
    "senco",
    "ehc",
    "ehcp",
    "asd",
    "adhd",
    "also",
    "at",
    "in",
    "on",
    "does",
    "did",
    "can",
    "cannot",
    "will",
    "would",
    "the",
    "a",
    "an",
    "just",
    "now",
    "still",
    "recently",
    # shorthand and words that follow "DS" or "my son" in forum posts
    "asc",
    "pda",
    "semh",
    "camhs",
    "ot",
    "salt",
    "ta",
    "la",
    "lea",
    "school",
    "mainstream",
    "primary",
    "secondary",
    "reception",
    "nursery",
    "college",
    "yr",
    "autistic",
    "dyslexic",
    "got",
    "gets",
    "goes",
    "went",
    "started",
    "starts",
    "this",
    "that",
    "it",
    "there",
    "here",
    "today",
    "yesterday",
    "what",
    "which",
    "when",
    "where",
    "why",
    "how",
    "so",
    "if",
    "my",
    "our",
    "your",
    "back",
    "after",
    "before",
    "by",
    "via",
    "or",
    "please",
    "tomorrow",
    "later",
    "asap",
    "not",
    "no",
    "yes",
    "hi",
    "hello",
    "thanks",
    "worried",
    "struggling",
    "desperate",
    "exhausted",
    "new",
    "local",
}


def _name_unless_a_word(match: "re.Match") -> str:
    """The match with its name replaced, unless the "name" is an ordinary word ("call me on",
    "my son Year 6"); what the pattern matched around the name is kept."""
    first = match.group("name").split()[0]
    if first.lower() in _NOT_NAMES:
        return match.group(0)
    around = match.groupdict()
    return (
        (around.get("intro") or "")
        + NAME_MARK
        + (around.get("possessive") or "")
        + (around.get("rest") or "")
    )


def redact(text: str) -> str:
    if not text or not isinstance(text, str):
        return text
    text = _EMAIL.sub(EMAIL_MARK, text)
    text = _BIRTH_DATE.sub(lambda m: m.group("intro") + BIRTH_DATE_MARK, text)
    text = _PHONE.sub(PHONE_MARK, text)
    text = _NHS.sub(NHS_MARK, text)
    text = _POSTCODE.sub(POSTCODE_MARK, text)
    text = _ADDRESS.sub(ADDRESS_MARK, text)
    text = _NAME_INTRO.sub(_name_unless_a_word, text)
    text = _NAME_AFTER_PARENT.sub(_name_unless_a_word, text)
    text = _SELF_INTRO.sub(_name_unless_a_word, text)
    text = _NAME_BEFORE_RELATION.sub(_name_unless_a_word, text)
    return _NAME_AFTER_RELATION.sub(_name_unless_a_word, text)


_MARKS = re.compile(r"\[(?:email|phone|postcode|name|nhs number|address|date of birth)\]")


def personal_data_in(text: str) -> list[str]:
    """The pieces of `text` that redaction removes (to remove them wherever else they appear)."""
    if not text or not isinstance(text, str):
        return []
    redacted = redact(text)
    if redacted == text:
        return []
    # Walk both strings: what lies between the unchanged stretches is personal data.
    pieces, parts = [], _MARKS.split(redacted)
    position = 0
    for index, part in enumerate(parts):
        start = text.find(part, position) if part else position
        if start < 0:
            break
        if index:
            piece = text[position:start].strip()
            if len(piece) >= 3 and not piece.isdigit():  # a bare year is no one's
                pieces.append(piece)
        position = start + len(part)
    if len(parts) > 1 and position < len(text) and not parts[-1]:
        piece = text[position:].strip()
        if len(piece) >= 3 and not piece.isdigit():
            pieces.append(piece)
    return pieces
