"""Read-only views of the knowledge the assistant uses: plain frozen dataclasses, safe to share."""
from dataclasses import dataclass, field
from typing import Dict, Optional, Tuple


@dataclass(frozen=True)
class SourceView:
    id: str
    title: str
    short: str
    kind: str
    publisher: Optional[str] = None
    url: Optional[str] = None


@dataclass(frozen=True)
class CitationView:
    source: SourceView
    ref: Optional[str] = None

    @property
    def text(self) -> str:
        """Brief form for a reply: 'SEND Code of Practice 6.65'."""
        return f"{self.source.short} {self.ref}" if self.ref else self.source.short


@dataclass(frozen=True)
class ServiceView:
    kind: str
    name: str
    phones: Tuple[str, ...] = ()
    text_phone: Optional[str] = None
    email: Optional[str] = None
    website: Optional[str] = None
    hours: Optional[str] = None
    address: Optional[str] = None
    offers: Optional[str] = None
    id: Optional[str] = None
    source: Optional[SourceView] = None

    @property
    def reachable(self) -> bool:
        return bool(self.phones or self.text_phone or self.email or self.website)


@dataclass(frozen=True)
class FundingRouteView:
    name: str
    summary: str
    school_must_provide: Tuple[str, ...] = ()


@dataclass(frozen=True)
class Place:
    """Where the user lives: a council, or councils sharing one guide (the Northamptonshires)."""

    key: str
    name: str
    covered: bool
    council_codes: Tuple[str, ...]
    area_id: Optional[str] = None
    source: Optional[SourceView] = None
    reviewed: Optional[str] = None
    services: Tuple[ServiceView, ...] = ()
    funding_routes: Tuple[FundingRouteView, ...] = ()

    def service(self, kind: str) -> Optional[ServiceView]:
        return next((s for s in self.services if s.kind == kind), None)


@dataclass(frozen=True)
class TopicView:
    id: str
    title: str
    answer: str
    next_step: str
    local: str
    citations: Tuple[CitationView, ...]
    detail: Optional[str] = None
    show: Tuple[str, ...] = ()
    national: Tuple[ServiceView, ...] = ()
    about_assistant: bool = False
    ladder: Optional[str] = None
    letter: Optional[str] = None
    cues: Tuple[str, ...] = ()


@dataclass(frozen=True)
class StepView:
    key: str
    who: str
    how: str
    ask_for: str
    contact_kind: str
    mentions: Tuple[str, ...]
    citations: Tuple[CitationView, ...]


@dataclass(frozen=True)
class LadderView:
    id: str
    title: str
    intent: str
    steps: Tuple[StepView, ...]

    def step(self, key: str) -> Optional[StepView]:
        return next((s for s in self.steps if s.key == key), None)


@dataclass(frozen=True)
class TimescaleView:
    id: str
    label: str
    starts: str
    citation: CitationView
    period: Optional[Dict[str, int]] = field(default=None, hash=False, compare=False)
    fixed_date: Optional[Dict[str, int]] = field(default=None, hash=False, compare=False)
