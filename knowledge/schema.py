"""The shape of each content file, checked with pydantic: unknown keys and bad values are errors."""

import datetime as dt
import re
from urllib.parse import urlparse

from pydantic import BaseModel, Field, root_validator, validator

SERVICE_KINDS = ("iass", "sen_team", "parent_carer_forum", "mediation", "local_offer", "council")
TOPIC_LOCAL_MODES = ("none", "optional", "required")
SOURCE_KINDS = ("guidance", "law", "national_advice", "leaflet")
MIN_TOPIC_EXAMPLES = 25
# UK numbers: 11 digits starting 0, plus 0800 freephone forms and the short lines (999, 116 123).
_PHONE = re.compile(r"^(0\d{10}|0800\d{4}(\d{2})?|999|111|116\d{3})$")
_EMAIL = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$")
_HOST = re.compile(r"^([a-z0-9-]+\.)+[a-z]{2,}$")


def check_phone(value: str) -> str:
    if not _PHONE.match(value.replace(" ", "")):
        raise ValueError(f"not a valid UK phone number: {value!r}")
    return value


def check_email(value: str) -> str:
    if not _EMAIL.match(value):
        raise ValueError(f"not a valid email address: {value!r}")
    return value


def check_url(value: str) -> str:
    parsed = urlparse(value if "://" in value else f"https://{value}")
    if parsed.scheme not in ("http", "https") or not _HOST.match(parsed.netloc.lower()):
        raise ValueError(f"not a valid web address: {value!r}")
    return value


def one_of(options):
    """A validator that accepts only the listed values."""

    def check(value):
        if value not in options:
            raise ValueError(f"must be one of {', '.join(options)}")
        return value

    return check


class Strict(BaseModel):
    class Config:
        extra = "forbid"
        anystr_strip_whitespace = True
        min_anystr_length = 1


class CitationIn(Strict):
    source: str
    ref: str | None = None


class SourceIn(Strict):
    id: str
    title: str
    short: str
    kind: str
    publisher: str | None = None
    url: str | None = None
    file: str | None = None

    _url = validator("url", allow_reuse=True)(check_url)
    _kind = validator("kind", allow_reuse=True)(one_of(SOURCE_KINDS))


class SourcesFile(Strict):
    sources: list[SourceIn]


class ContactFields(Strict):
    name: str
    # Named as stored and read (ServiceView.phones); the YAML key stays "phone".
    phones: list[str] = Field(default_factory=list, alias="phone")
    text_phone: str | None = None
    email: str | None = None
    website: str | None = None
    hours: str | None = None
    address: str | None = None
    offers: str | None = None

    _phone = validator("phones", each_item=True, allow_reuse=True)(check_phone)
    _text_phone = validator("text_phone", allow_reuse=True)(check_phone)
    _email = validator("email", allow_reuse=True)(check_email)
    _website = validator("website", allow_reuse=True)(check_url)


class LocalServiceIn(ContactFields):
    kind: str

    _kind = validator("kind", allow_reuse=True)(one_of(SERVICE_KINDS))


class FundingRouteIn(Strict):
    name: str
    summary: str
    school_must_provide: list[str] = Field(default_factory=list)


class CouncilFile(Strict):
    id: str
    name: str
    councils: list[str] = Field(min_items=1)
    aliases: list[str] = Field(default_factory=list)
    council_aliases: dict[str, list[str]] = Field(default_factory=dict)
    source: str
    reviewed: dt.date
    services: list[LocalServiceIn] = Field(min_items=1)
    funding_routes: list[FundingRouteIn] = Field(default_factory=list)

    @root_validator(skip_on_failure=True)
    def _council_aliases_name_own_councils(cls, values):
        unknown = set(values["council_aliases"]) - set(values["councils"])
        if unknown:
            raise ValueError(f"council_aliases names councils not in 'councils': {sorted(unknown)}")
        return values


class NationalServiceIn(ContactFields):
    id: str
    group: str
    source: str

    _group = validator("group", allow_reuse=True)(one_of(("national", "safety")))


class ServicesFile(Strict):
    services: list[NationalServiceIn]


# The calculator's Tribunal appeal deadline: two timescales joined by the whichever-later rule.
APPEAL_DEADLINE = "appeal"


class TopicIn(Strict):
    id: str
    title: str
    answer: str
    detail: str | None = None
    next_step: str
    local: str = "none"
    show: list[str] = Field(default_factory=list)
    national: list[str] = Field(default_factory=list)
    about_assistant: bool = False
    citations: list[CitationIn] = Field(default_factory=list)
    # The escalation ladder and letter this topic leads into, if any.
    ladder: str | None = None
    letter: str | None = None
    # The deadline the calculator works out for it: a timescale id, or APPEAL_DEADLINE.
    deadline: str | None = None
    # Words that signal the topic inside a longer message (other issues, clarify buttons).
    cues: list[str] = Field(min_items=1)
    # Training examples in Rasa's format ("- text" lines); the Rasa importer derives the intent.
    examples: str

    @validator("cues", each_item=True)
    def _cue_has_two_characters_or_more(cls, value):
        # A YAML flow list splits "£6,000" at its comma into "£6" and "0", and "0" would then
        # match every phone number: quote such a cue.
        if len(str(value).strip()) < 2:
            raise ValueError(
                f"a cue needs two characters or more, not {value!r} (quote a cue with a comma)"
            )
        return value

    @validator("examples")
    def _examples_are_rasa_lines(cls, value):
        lines = [line.strip() for line in value.splitlines() if line.strip()]
        bad = [line for line in lines if not line.startswith("- ")]
        if bad:
            raise ValueError(f"each example is a line starting with '- ': {bad[0]!r}")
        if len(lines) < MIN_TOPIC_EXAMPLES:
            raise ValueError(f"needs at least {MIN_TOPIC_EXAMPLES} examples, has {len(lines)}")
        return value

    _local = validator("local", allow_reuse=True)(one_of(TOPIC_LOCAL_MODES))
    _show = validator("show", each_item=True, allow_reuse=True)(
        one_of(SERVICE_KINDS + ("funding",))
    )

    @root_validator(skip_on_failure=True)
    def _cited(cls, values):
        # Guidance must say where it comes from; only answers about the assistant itself,
        # or answers that are wholly the council's (cited by its own source), need none.
        if (
            not values["citations"]
            and not values["about_assistant"]
            and values["local"] != "required"
        ):
            raise ValueError("citations: a guidance topic needs at least one citation")
        return values


class StepIn(Strict):
    key: str
    who: str
    how: str
    ask_for: str
    # The kind of service to contact at this step (StepView.contact_kind); YAML key "contact".
    contact_kind: str = Field(alias="contact")
    mentions: list[str] = Field(default_factory=list)
    # Earlier steps after which this one is not the next step (a complaint about delays is no
    # route once a refusal has gone to the Tribunal).
    not_after: list[str] = Field(default_factory=list)
    # A step that can be taken at any stage (asking the council for an assessment): told as done,
    # it does not mean the steps before it were taken.
    any_time: bool = False
    citations: list[CitationIn] = Field(min_items=1)

    _contact = validator("contact_kind", allow_reuse=True)(one_of(SERVICE_KINDS))


class LadderIn(Strict):
    id: str
    title: str
    intent: str
    steps: list[StepIn] = Field(min_items=2)

    @validator("steps")
    def _not_after_names_earlier_steps(cls, steps):
        for i, step in enumerate(steps):
            earlier = {s.key for s in steps[:i]}
            unknown = [key for key in step.not_after if key not in earlier]
            if unknown:
                raise ValueError(
                    f"step {step.key!r}: not_after names {unknown}, which are not earlier steps"
                )
        return steps


class LaddersFile(Strict):
    ladders: list[LadderIn]


class PeriodIn(Strict):
    days: int | None = None
    working_days: int | None = None
    weeks: int | None = None
    months: int | None = None

    @root_validator(skip_on_failure=True)
    def _exactly_one(cls, values):
        if sum(v is not None for v in values.values()) != 1:
            raise ValueError("give exactly one of days, working_days, weeks, months")
        return values


class FixedDateIn(Strict):
    month: int = Field(ge=1, le=12)
    day: int = Field(ge=1, le=31)


class TimescaleIn(Strict):
    id: str
    label: str
    period: PeriodIn | None = None
    fixed_date: FixedDateIn | None = None
    starts: str
    citation: CitationIn
    # "15 days beginning with the day the draft was served" counts the start day as day 1;
    # most periods ("within 6 weeks of receiving the request") start the day after.
    counts_first_day: bool = False
    # The Tribunal's 25 December to 1 January and August rule (r.12(3)) applies: SEN appeals.
    christmas_august_rule: CitationIn | None = None

    @root_validator(skip_on_failure=True)
    def _period_or_date(cls, values):
        if (values.get("period") is None) == (values.get("fixed_date") is None):
            raise ValueError("give either period or fixed_date")
        if values.get("period") is None and (
            values.get("counts_first_day") or values.get("christmas_august_rule")
        ):
            raise ValueError("counts_first_day and christmas_august_rule need a period")
        return values


class TimescalesFile(Strict):
    timescales: list[TimescaleIn]


class CouncilNamesFile(Strict):
    everyday_names: dict[str, list[str]]
    capitalised_only: list[str] = Field(default_factory=list)
