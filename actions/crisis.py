"""Which crisis contacts a risk message gets, in which order, and the line that leads them.

The categories come from the risk detector (nlu/risk) through the parse data's `risk` key. 999
always comes first; then the contacts that fit what is happening, so a parent whose child is
missing is not first sent to a helpline for talking, and a parent with suicidal thoughts gets
Samaritans and urgent NHS mental health help rather than a child abuse line.
"""

EVERYTHING = (
    "emergency",
    "nspcc",
    "social_care",
    "childline",
    "nhs_mental_health",
    "samaritans",
)
BY_CATEGORY = {
    "danger": ("emergency", "nspcc", "social_care", "childline"),
    "missing": ("emergency", "social_care", "nspcc"),
    "abuse": ("emergency", "nspcc", "social_care", "childline"),
    "exploitation": ("emergency", "nspcc", "social_care", "childline"),
    "restraint_injury": ("emergency", "dsl", "lado", "nspcc", "social_care"),
    "not_eating": ("emergency", "nhs_mental_health", "childline"),
}
SELF_HARM = {
    "child": ("emergency", "nhs_mental_health", "childline", "samaritans"),
    "parent": ("emergency", "samaritans", "nhs_mental_health"),
}
# An injury at school or an allegation against staff is a safeguarding matter for the school's
# designated safeguarding lead and the council's LADO (DfE reasonable force guidance).
STAFF = ("dsl", "lado")

LEADS = {
    "missing": "If your child is missing and may be in danger, call 999 now.",
    "danger": "If anyone is in immediate danger, call 999 now.",
    "self_harm_suicide": "If someone has been hurt or is in danger now, call 999.",
    "restraint_injury": (
        "An injury from restraint at school is a safeguarding matter: "
        "please tell these people today."
    ),
    "abuse": "If your child is in immediate danger, call 999 now.",
    "exploitation": "If your child is in immediate danger, call 999 now.",
    "not_eating": "If your child is very unwell or in danger now, call 999.",
}
DEFAULT_LEAD = "Your safety and your child's safety come first. Please use these contacts now:"


def contact_ids(risk: dict | None) -> list[str]:
    """Service ids (knowledge/content/national/services.yaml) for this risk, 999 first."""
    categories = (risk or {}).get("categories") or []
    if not categories:
        return list(EVERYTHING)
    ids: list[str] = []
    for category in categories:
        if category == "self_harm_suicide":
            for who in risk.get("who") or ["child"]:
                ids.extend(SELF_HARM.get(who, SELF_HARM["child"]))
        else:
            ids.extend(BY_CATEGORY.get(category, EVERYTHING))
    if risk.get("staff"):
        ids.extend(STAFF)
    ordered = ["emergency"] + [i for i in ids if i != "emergency"]
    return list(dict.fromkeys(ordered))


def lead(risk: dict | None) -> str:
    categories = (risk or {}).get("categories") or []
    first = LEADS.get(categories[0]) if categories else None
    return f"{first} Your safety and your child's safety come first:" if first else DEFAULT_LEAD
