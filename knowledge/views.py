"""Read-only views of the knowledge the assistant uses: plain frozen dataclasses, safe to share.

A view's plain fields are named as its record's fields (schema.py) and columns (models.py), so
`from_row` fills them by name; only references (sources, citations, services) are resolved by hand.
"""

from dataclasses import dataclass, field, fields


@dataclass(frozen=True)
class SourceView:
    id: str
    title: str
    short: str
    kind: str
    publisher: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class CitationView:
    source: SourceView
    ref: str | None = None

    @property
    def text(self) -> str:
        """Brief form for a reply: 'SEND Code of Practice 6.65'."""
        return f"{self.source.short} {self.ref}" if self.ref else self.source.short


@dataclass(frozen=True)
class ServiceView:
    kind: str
    name: str
    phones: tuple[str, ...] = ()
    text_phone: str | None = None
    email: str | None = None
    website: str | None = None
    hours: str | None = None
    address: str | None = None
    offers: str | None = None
    id: str | None = None
    source: SourceView | None = None

    @property
    def reachable(self) -> bool:
        return bool(self.phones or self.text_phone or self.email or self.website)


@dataclass(frozen=True)
class FundingRouteView:
    name: str
    summary: str
    school_must_provide: tuple[str, ...] = ()


@dataclass(frozen=True)
class Place:
    """Where the user lives: a council, or councils sharing one guide (the Northamptonshires)."""

    key: str
    name: str
    covered: bool
    council_codes: tuple[str, ...]
    area_id: str | None = None
    source: SourceView | None = None
    reviewed: str | None = None
    services: tuple[ServiceView, ...] = ()
    funding_routes: tuple[FundingRouteView, ...] = ()

    def service(self, kind: str) -> ServiceView | None:
        return next((s for s in self.services if s.kind == kind), None)

    def shares_services_with(self, other: "Place") -> bool:
        """True when both are served by the same local services: the same council, or councils
        sharing one guide (North and West Northamptonshire). Southampton and Hampshire are not:
        Southampton is a council of its own, with its own IASS."""
        if self.area_id and self.area_id == other.area_id:
            return True
        return bool(set(self.council_codes) & set(other.council_codes))


@dataclass(frozen=True)
class TopicView:
    id: str
    title: str
    answer: str
    next_step: str
    local: str
    citations: tuple[CitationView, ...]
    detail: str | None = None
    show: tuple[str, ...] = ()
    national: tuple[ServiceView, ...] = ()
    about_assistant: bool = False
    ladder: str | None = None
    letter: str | None = None
    deadline: str | None = None
    cues: tuple[str, ...] = ()


@dataclass(frozen=True)
class StepView:
    key: str
    who: str
    how: str
    ask_for: str
    contact_kind: str
    mentions: tuple[str, ...]
    not_after: tuple[str, ...]
    any_time: bool
    citations: tuple[CitationView, ...]


@dataclass(frozen=True)
class LadderView:
    id: str
    title: str
    intent: str
    steps: tuple[StepView, ...]

    def step(self, key: str) -> StepView | None:
        return next((s for s in self.steps if s.key == key), None)


@dataclass(frozen=True)
class TimescaleView:
    id: str
    label: str
    starts: str
    citation: CitationView
    period: dict[str, int] | None = field(default=None, hash=False, compare=False)
    fixed_date: dict[str, int] | None = field(default=None, hash=False, compare=False)
    counts_first_day: bool = False  # "beginning with" the start day: it is day 1
    christmas_august_rule: CitationView | None = None  # Tribunal r.12(3) applies (SEN appeals)


def from_row(view: type, row, **resolved):
    """A view of a stored row: each field takes the row's column of the same name (JSON lists as
    tuples), unless given in `resolved`. A field with neither fails loudly."""
    values = {}
    for f in fields(view):
        value = resolved[f.name] if f.name in resolved else getattr(row, f.name)
        values[f.name] = tuple(value) if isinstance(value, list) else value
    return view(**values)
