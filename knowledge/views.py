"""Read-only views of the knowledge the assistant uses: plain frozen dataclasses, safe to share."""

from dataclasses import dataclass, field


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
    cues: tuple[str, ...] = ()


@dataclass(frozen=True)
class StepView:
    key: str
    who: str
    how: str
    ask_for: str
    contact_kind: str
    mentions: tuple[str, ...]
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
