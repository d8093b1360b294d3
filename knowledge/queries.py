"""The query API the assistant uses: councils, contacts, topics, ladders and timescales.

Content is read from the database into an immutable in-memory snapshot, so a query costs
microseconds; the snapshot is swapped when a reload changes the content version.
"""

import difflib
import logging
import re
import threading
import time
from functools import cache

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from . import models as m
from . import views
from .db import engine_for
from .errors import KnowledgeUnavailable
from .names import normalise
from .paths import database_url

# A misspelt council name ("hampshir": 0.94) is offered back from this likeness up; short
# words are left alone ("bath" is a council, "bat" is not a typo of it).
SPELT_LIKE = 0.85
MIN_SPELT_LIKE_CHARS = 5
# A council typed in answer is a few words; a long message is not searched (0.16 s at 130 words).
MAX_SPELT_LIKE_WORDS = 12

log = logging.getLogger(__name__)
VERSION_CHECK_SECONDS = 2.0
_MAX_NAME_WORDS = 7


class Snapshot:
    """Everything in the knowledge base at one content version."""

    def __init__(self, session: Session):
        self.version = session.get(m.Meta, "version").value
        self.sources = {
            s.id: views.from_row(views.SourceView, s) for s in session.scalars(select(m.Source))
        }
        citations: dict[tuple, list] = {}
        for c in session.scalars(select(m.Citation).order_by(m.Citation.position)):
            citations.setdefault((c.owner_type, c.owner_id), []).append(
                views.CitationView(self.sources[c.source_id], c.ref)
            )
        cite = lambda kind, owner: tuple(citations.get((kind, owner), ()))  # noqa: E731

        services = list(session.scalars(select(m.Service).order_by(m.Service.position)))
        self.national = {s.national_id: self._service(s) for s in services if s.national_id}
        local: dict[str, list] = {}
        for s in services:
            if s.area_id:
                local.setdefault(s.area_id, []).append(self._service(s))
        funding: dict[str, list] = {}
        for f in session.scalars(select(m.FundingRoute).order_by(m.FundingRoute.position)):
            funding.setdefault(f.area_id, []).append(views.from_row(views.FundingRouteView, f))

        self.areas = {a.id: a for a in session.scalars(select(m.Area))}
        councils = {c.code: c for c in session.scalars(select(m.Council))}
        area_councils: dict[str, list] = {}
        for c in sorted(councils.values(), key=lambda c: c.code):
            if c.area_id:
                area_councils.setdefault(c.area_id, []).append(c.code)

        def place_for(code: str | None, area_id: str | None) -> views.Place:
            area = self.areas.get(area_id) if area_id else None
            common = dict(covered=area is not None)
            if area:
                common.update(
                    area_id=area.id,
                    source=self.sources[area.source_id],
                    reviewed=area.reviewed.isoformat(),
                    services=tuple(local.get(area.id, ())),
                    funding_routes=tuple(funding.get(area.id, ())),
                )
            if code:
                return views.Place(
                    key=code, name=councils[code].everyday_name, council_codes=(code,), **common
                )
            return views.Place(
                key=area.id, name=area.name, council_codes=tuple(area_councils[area.id]), **common
            )

        self.places: dict[tuple, views.Place] = {}
        self.names: dict[str, tuple] = {}
        self.capitalised_only = set()
        self.written_names: dict[str, str] = {}
        self.ambiguous_towns = set()  # towns also found in other councils: confirmed before use
        for n in session.scalars(select(m.PlaceName)):
            self.written_names[n.normalised] = n.written
            if n.also_elsewhere:
                self.ambiguous_towns.add(n.normalised)
            target = (
                n.council_code,
                n.area_id if not n.council_code else councils[n.council_code].area_id,
            )
            self.places.setdefault(target, place_for(*target))
            self.names[n.normalised] = target
            if n.capitalised_only:
                self.capitalised_only.add(n.normalised)
        for code in councils:
            target = (code, councils[code].area_id)
            self.places.setdefault(target, place_for(*target))
        self.council_names = {code: c.everyday_name for code, c in councils.items()}

        self.topics = {}
        for t in session.scalars(select(m.Topic).order_by(m.Topic.position)):
            self.topics[t.id] = views.from_row(
                views.TopicView,
                t,
                citations=cite("topic", t.id),
                national=tuple(self.national[n] for n in t.national),
            )
        steps: dict[str, list] = {}
        for s in session.scalars(select(m.LadderStep).order_by(m.LadderStep.position)):
            steps.setdefault(s.ladder_id, []).append(
                views.from_row(views.StepView, s, citations=cite("step", f"{s.ladder_id}/{s.key}"))
            )
        self.ladders = {
            lad.id: views.from_row(views.LadderView, lad, steps=tuple(steps.get(lad.id, ())))
            for lad in session.scalars(select(m.Ladder).order_by(m.Ladder.position))
        }
        self.timescales = {}
        for t in session.scalars(select(m.Timescale).order_by(m.Timescale.position)):
            rule = cite(m.CHRISTMAS_AUGUST_OWNER, t.id)
            self.timescales[t.id] = views.from_row(
                views.TimescaleView,
                t,
                citation=cite("timescale", t.id)[0],
                christmas_august_rule=rule[0] if rule else None,
            )

    def _service(self, s: m.Service) -> views.ServiceView:
        return views.from_row(
            views.ServiceView, s, id=s.national_id, source=self.sources[s.source_id]
        )


class KnowledgeBase:
    """Queries over the current snapshot; reloads are picked up within a couple of seconds."""

    def __init__(self, url: str = None):
        self.url = url or database_url()
        self._snapshot: Snapshot | None = None
        self._checked_at = 0.0
        self._lock = threading.Lock()

    # -- snapshot management ------------------------------------------------------------
    def _current(self) -> Snapshot:
        now = time.monotonic()
        if self._snapshot is not None and now - self._checked_at < VERSION_CHECK_SECONDS:
            return self._snapshot
        with self._lock:
            if self._snapshot is not None and now - self._checked_at < VERSION_CHECK_SECONDS:
                return self._snapshot
            try:
                with Session(engine_for(self.url)) as session:
                    meta = session.get(m.Meta, "version")
                    if meta is None:
                        raise KnowledgeUnavailable(
                            "the knowledge database is empty: run `python -m knowledge load`"
                        )
                    if self._snapshot is None or self._snapshot.version != meta.value:
                        self._snapshot = Snapshot(session)
                        log.info("knowledge base content version %s", self._snapshot.version)
            except SQLAlchemyError as exc:
                if self._snapshot is None:
                    raise KnowledgeUnavailable(
                        f"cannot read the knowledge database: {exc.__class__.__name__}"
                    ) from exc
                log.error(
                    "knowledge database unavailable (%s); serving content version %s",
                    exc.__class__.__name__,
                    self._snapshot.version,
                )
            self._checked_at = now
            return self._snapshot

    @property
    def version(self) -> str:
        return self._current().version

    # -- councils -----------------------------------------------------------------------
    def find_place(self, text: str | None) -> views.Place | None:
        """A council from its name, alias, everyday form or one of its towns ("Eastleigh"),
        forgiving of case and punctuation. A town that is also a place elsewhere gives None: see
        `ambiguous_town`."""
        if not text:
            return None
        snap = self._current()
        key = normalise(text)
        target = snap.names.get(key) if key not in snap.ambiguous_towns else None
        return snap.places[target] if target else None

    def ambiguous_town(self, text: str | None) -> tuple[str, views.Place] | None:
        """(town as written, its covered council) for a town also found elsewhere ("Hythe"),
        which the assistant confirms ("Is that Hythe in Hampshire?") before using."""
        snap = self._current()
        key = normalise(text or "")
        if key not in snap.ambiguous_towns:
            return None
        return snap.written_names[key], snap.places[snap.names[key]]

    def ambiguous_town_in_text(self, text: str) -> tuple[str, views.Place] | None:
        """A town also found elsewhere, written in a sentence ("we moved to Hythe")."""
        snap = self._current()
        for word in re.findall(r"[A-Z][A-Za-z'’-]+(?:[ -][A-Z][A-Za-z'’-]+)*", text or ""):
            for candidate in (word, *word.split()):
                found = (
                    self.ambiguous_town(candidate)
                    if normalise(candidate) in snap.ambiguous_towns
                    else None
                )
                if found:
                    return found
        return None

    def find_place_in_text(self, text: str) -> views.Place | None:
        """The longest council or town name anywhere in a sentence ('we live in North Somerset');
        never a town also found elsewhere (see `ambiguous_town_in_text`)."""
        snap = self._current()
        words = re.findall(r"[A-Za-z0-9&'’.-]+", text or "")
        best = None
        for start in range(len(words)):
            for end in range(min(len(words), start + _MAX_NAME_WORDS), start, -1):
                phrase = " ".join(words[start:end])
                key = normalise(phrase)
                if key in snap.ambiguous_towns:
                    continue
                if key in snap.names and (key not in snap.capitalised_only or phrase[:1].isupper()):
                    if best is None or end - start > best[0]:
                        best = (end - start, snap.names[key])
                    break
        return snap.places[best[1]] if best else None

    def places_spelt_like(self, text: str, limit: int = 3) -> list[views.Place]:
        """Councils whose name (or a town's) is spelt nearly like a word or two of the message
        ("hampshir", "northumberlnd"): offered to confirm, never used unasked."""
        snap = self._current()
        words = re.findall(r"[A-Za-z'’.-]+", text or "")
        if len(words) > MAX_SPELT_LIKE_WORDS:
            return []
        phrases = {" ".join(words[i : i + n]) for n in (1, 2, 3) for i in range(len(words) - n + 1)}
        scored = {}
        for phrase in phrases:
            key = normalise(phrase)
            if len(key) < MIN_SPELT_LIKE_CHARS:
                continue
            for match in difflib.get_close_matches(key, snap.names, n=limit, cutoff=SPELT_LIKE):
                if match in snap.ambiguous_towns:
                    continue
                ratio = difflib.SequenceMatcher(None, key, match).ratio()
                target = snap.names[match]
                scored[target] = max(scored.get(target, 0), ratio)
        best = sorted(scored, key=lambda t: -scored[t])[:limit]
        return [snap.places[t] for t in best]

    def covered_places(self) -> list[views.Place]:
        """The councils with local guidance, one entry per council (both Northamptonshires)."""
        snap = self._current()
        found = [
            snap.places[(code, area_id)] for (code, area_id) in snap.places if code and area_id
        ]
        return sorted(found, key=lambda p: p.name)

    def all_councils(self) -> dict[str, str]:
        """ONS code -> everyday name, for all 153 councils."""
        return dict(self._current().council_names)

    def council_name_forms(self) -> list[dict]:
        """Every council and town name as normalised and as written, for the NLU's entity patterns;
        `ambiguous` marks towns also found elsewhere (the NLU tags those `town`, not `council`)."""
        snap = self._current()
        return [
            {
                "normalised": key,
                "written": snap.written_names[key],
                "place": snap.places[target].key,
                "capitalised_only": key in snap.capitalised_only,
                "ambiguous": key in snap.ambiguous_towns,
            }
            for key, target in snap.names.items()
        ]

    # -- guidance -----------------------------------------------------------------------
    def topic(self, topic_id: str) -> views.TopicView | None:
        return self._current().topics.get(topic_id)

    def topics(self) -> list[views.TopicView]:
        return list(self._current().topics.values())

    def national_services(self) -> list[views.ServiceView]:
        return [s for s in self._current().national.values() if s.kind == "national"]

    def safety_contacts(self) -> list[views.ServiceView]:
        return [s for s in self._current().national.values() if s.kind == "safety"]

    def service(self, service_id: str) -> views.ServiceView | None:
        return self._current().national.get(service_id)

    # -- escalation ---------------------------------------------------------------------
    def ladder(self, ladder_id: str) -> views.LadderView | None:
        return self._current().ladders.get(ladder_id)

    def ladders(self) -> list[views.LadderView]:
        return list(self._current().ladders.values())

    # -- timescales ---------------------------------------------------------------------
    def timescale(self, timescale_id: str) -> views.TimescaleView | None:
        return self._current().timescales.get(timescale_id)

    def timescales(self) -> list[views.TimescaleView]:
        return list(self._current().timescales.values())


# Set by tests (the `kb` fixture in tests/conftest.py) to point every caller at another
# knowledge base; None means the process-wide one.
_chosen: KnowledgeBase | None = None


@cache
def _process_kb() -> KnowledgeBase:
    return KnowledgeBase()


def default_kb() -> KnowledgeBase:
    """The knowledge base for KNOWLEDGE_DB_URL (or the default SQLite file): the one way in for
    actions, channels, the staff API and the advice logic."""
    return _chosen if _chosen is not None else _process_kb()
