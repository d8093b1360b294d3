"""The abbreviations parents use on SEND forums, and what they stand for.

Used twice: the spaCy pipeline's attribute ruler gives each abbreviation its expansion as the
lemma (so the classifier's lemma features see "son" for "DS" and "autism" for "ASC"), and
`expand` rewrites a message for the sentence encoder, which has never seen SEND shorthand.
Short forms that are also everyday words ("TA", "SALT", "LA") only count in capitals.
"""

import re

# Matched in any case: nobody writes these as ordinary words.
ANY_CASE: dict[str, str] = {
    "ehcna": "ehc needs assessment",
    "ehna": "ehc needs assessment",
    "ehcp": "ehc plan",
    "ehc": "education health and care",
    "lea": "local authority",
    "camhs": "child and adolescent mental health services",
    "sendiass": "information advice and support service",
    "sendias": "information advice and support service",
    "iass": "information advice and support service",
    "sendist": "send tribunal",
    "senco": "special needs coordinator",
    "asc": "autism",
    "asd": "autism",
    "adhd": "adhd attention deficit",
    "semh": "social emotional and mental health needs",
    "ebsa": "emotionally based school avoidance anxiety",
    "eotas": "education other than at school",
    "ehe": "elective home education",
    "slt": "speech and language therapy",
    "dla": "disability living allowance",
    "dsl": "designated safeguarding lead",
    "lado": "local authority designated officer",
    "cin": "child in need",
    "mld": "moderate learning difficulties",
    "spld": "specific learning difficulty",
    "dcd": "dyspraxia",
    "pda": "pathological demand avoidance autism",
    "ftt": "first tier tribunal",
    "ds": "son",
    "dd": "daughter",
    "dh": "husband",
    "dc": "children",
    "ds1": "son",
    "ds2": "son",
    "dd1": "daughter",
    "dd2": "daughter",
    "yp": "young person",
    "sen": "special educational needs",
}
# Only in capitals: the lower-case form is an ordinary word or too ambiguous.
CAPITALS_ONLY: dict[str, str] = {
    "LA": "local authority",
    "TA": "teaching assistant",
    "TAs": "teaching assistants",
    "EP": "educational psychologist",
    "SALT": "speech and language therapy",
    "OT": "occupational therapy",
    "AR": "annual review",
    "SN": "special needs",
    "MS": "mainstream",
    "HT": "headteacher",
    "PT": "part time",
    "SS": "special school",
    "PB": "personal budget",
    "LO": "local offer",
    "GP": "doctor gp",
    "PEX": "permanent exclusion",
    "FTE": "fixed term exclusion suspension",
    "SW": "social worker",
    "KS": "key stage",
    "LAs": "local authorities",
    "EPs": "educational psychologists",
    "SENCo": "special needs coordinator",
    "SEND": "special educational needs and disabilities",
}


def attribute_ruler_patterns() -> list[dict]:
    """Patterns for spaCy's attribute ruler: each abbreviation's lemma becomes its expansion."""
    patterns = [
        {"patterns": [[{"LOWER": short}]], "attrs": {"LEMMA": long}}
        for short, long in ANY_CASE.items()
    ]
    patterns += [
        {"patterns": [[{"ORTH": short}]], "attrs": {"LEMMA": long}}
        for short, long in CAPITALS_ONLY.items()
    ]
    # Slashed forms: "m/s" (mainstream) is one token in spaCy's English tokenizer.
    patterns.append({"patterns": [[{"LOWER": "m/s"}]], "attrs": {"LEMMA": "mainstream"}})
    patterns.append(
        {
            "patterns": [[{"LOWER": "m"}, {"ORTH": "/"}, {"LOWER": "s"}]],
            "attrs": {"LEMMA": "mainstream"},
            "index": 0,
        }
    )
    return patterns


_ANY = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, ANY_CASE), key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
_CAPS = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, CAPITALS_ONLY), key=len, reverse=True)) + r")\b"
)


def expand(text: str) -> str:
    """The message with each abbreviation replaced by what it stands for ('my DS' -> 'my son')."""
    text = _CAPS.sub(lambda m: CAPITALS_ONLY[m.group(1)], text or "")
    text = re.sub(r"\bm/s\b", "mainstream", text, flags=re.IGNORECASE)
    return _ANY.sub(lambda m: ANY_CASE[m.group(1).lower()], text)
