"""Letters a parent can send: the templates (knowledge/letter_templates.py) filled in
for their council.

A template holds the wording; this module adds the parent's header, the recipient (the
council's SEN team where the knowledge base has it, else a clear placeholder) and the
statutory periods and rules from the knowledge base. The child's details always stay
as placeholders such as [child's full name]: nothing here accepts or stores them.
"""

import string
from dataclasses import dataclass
from functools import lru_cache

from knowledge.errors import ContentError
from knowledge.letter_templates import LetterTemplate, load_templates

from .deadlines import describe_period, timescale

# The only facts a caller may pass in: never anything that identifies the child.
ALLOWED_FACTS = frozenset({"deadline_kind"})

_HEADER = "[Your name]\n[Your address]\n[Your email or phone number]\n\n[Date]"
_SIGN_OFF = "Yours sincerely,\n\n[Your name]\nParent of [child's full name]"


@dataclass(frozen=True)
class Letter:
    title: str
    filename: str
    text: str


@lru_cache(maxsize=1)
def _templates() -> dict[str, LetterTemplate]:
    return load_templates()


def available_letters() -> list[LetterTemplate]:
    """Every letter the assistant offers, in the order to offer them."""
    return list(_templates().values())


def detect_letter_kind(text: str) -> str | None:
    """Which letter a message asks for: the most specific keyword wins ("missed deadline"
    over "complain")."""
    words = (text or "").lower()
    best = None
    for t in available_letters():
        for keyword in t.keywords:
            if keyword in words and (best is None or len(keyword) > best[0]):
                best = (len(keyword), t.id)
    return best[1] if best else None


# ---------------------------------------------------------------- rendering
def _council_name(place) -> str:
    return place.name if place is not None else "[your council]"


def _council_sen_team(place) -> str:
    """The council SEN team's name and contact details, as far as the knowledge base knows them."""
    team = place.service("sen_team") if place is not None else None
    if team is not None:
        lines = [team.name]
        lines += [team.address] if team.address else []
        lines += [f"Email: {team.email}"] if team.email else []
        return "\n".join(lines)
    where = "[SEN team's email or postal address]"
    offer = place.service("local_offer") if place is not None else None
    if offer is not None and offer.website:
        where = f"[SEN team's email or postal address: see the {offer.name}, {offer.website}]"
    return "\n".join(["[Your council's SEN team]", _council_name(place), where])


class _Values(dict):
    """Template values; a timescale's period and rule are looked up on first use
    ($final_plan_period)."""

    def __init__(self, **fixed):
        super().__init__(**fixed)

    def __missing__(self, key):
        for suffix in ("_period", "_rule"):
            if key.endswith(suffix):
                try:
                    ts = timescale(key[: -len(suffix)])
                except KeyError:
                    break
                return describe_period(ts.period) if suffix == "_period" else ts.citation.text
        raise KeyError(key)


def _fill(template: LetterTemplate, field: str, text: str, values: _Values) -> str:
    try:
        return string.Template(text).substitute(values)
    except KeyError as exc:
        raise ContentError(template.file, field, f"unknown placeholder ${exc.args[0]}") from None
    except ValueError as exc:  # a stray "$"
        raise ContentError(template.file, field, f"bad placeholder: {exc}") from None


def _unwrap(text: str) -> str:
    """Join the lines the YAML wraps for editors: each paragraph or bullet is one line."""
    paragraphs = []
    for paragraph in text.split("\n\n"):
        lines: list[str] = []
        for line in paragraph.splitlines():
            if lines and not line.startswith("- "):  # a wrapped line carries on the one before
                lines[-1] += " " + line.strip()
            else:
                lines.append(line.strip())
        paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)


def _options(template: LetterTemplate, deadline_kind: str | None) -> str:
    chosen = dict(template.options).get(deadline_kind) if deadline_kind else None
    if chosen:
        return f"- {chosen}"
    lines = [f"- {line}" for _, line in template.options]
    return "\n".join(lines + [template.options_prompt])


def render_letter(letter_id: str, place=None, facts: dict | None = None) -> Letter:
    """The letter as plain text, addressed for the parent's council (a Place) where known."""
    template = _templates().get(letter_id)
    if template is None:
        raise KeyError(f"no letter {letter_id!r}; known letters: {', '.join(_templates())}")
    return render_template(template, place, facts)


def render_template(template: LetterTemplate, place=None, facts: dict | None = None) -> Letter:
    """Fill in one template; a ContentError names the file and field of any unknown placeholder."""
    facts = dict(facts or {})
    unexpected = set(facts) - ALLOWED_FACTS
    if unexpected:
        raise ValueError(
            f"letters take no facts named {sorted(unexpected)}: "
            "the child's details stay as placeholders"
        )
    values = _Values(council=_council_name(place), council_sen_team=_council_sen_team(place))
    values["options"] = _fill(
        template, "options.lines", _options(template, facts.get("deadline_kind")), values
    )
    to = "\n".join(_fill(template, "to", line, values) for line in template.to)
    parts = [
        _HEADER,
        f"To:\n{to}",
        f"Subject: {_fill(template, 'subject', template.subject, values)}",
        _fill(template, "greeting", template.greeting, values),
        _fill(template, "body", _unwrap(template.body), values),
        _SIGN_OFF,
    ]
    return Letter(title=template.title, filename=template.filename, text="\n\n".join(parts) + "\n")


def law_cited(letter_id: str) -> list[str]:
    """The legal references a letter makes, timescale rules filled in (for checks and tests)."""
    template = _templates()[letter_id]
    values = _Values()
    return [_fill(template, "law", item, values) for item in template.law]
