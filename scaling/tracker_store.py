"""The redacting SQL tracker store: waits for its database, keeps every event through outages,
and makes a turn cost the same at message 200 as at message 2.

endpoints.yml: `type: scaling.tracker_store.WaitingSQLTrackerStore` (Rasa's SQL settings).

What it changes in Rasa 3.6's SQLTrackerStore, and why:

- Startup: Rasa serves without tables when PostgreSQL is down at startup (it only retries
  with `login_db`); this store waits, saying why every few seconds.
- Cost per turn: Rasa reads and replays the whole conversation on every turn and counts the
  stored events to find the new ones. This store keeps each conversation's tracker in memory
  (scaling/conversation_cache.py) and, per turn, reads only the rows stored after the newest
  one it has seen, so several replicas never serve a stale conversation; a save inserts only
  the new events.
- Outages: Rasa's FailSafeTrackerStore turns a database error into an in-memory tracker, so
  the events never reach the database and a reply may be built on an empty conversation.
  This store is used without that wrapper: a failed save keeps the events in order and
  retries with back-off (scaling/pending_events.py), waiting up to `save_wait_seconds` before
  the reply goes out; a read waits up to `read_wait_seconds` for the database and otherwise
  fails the turn, so the channel apologises with contacts. Nothing is dropped without an
  ERROR line in the log (buffer full, or the process stopping with unsaved events).
- Exactly once, in order: on PostgreSQL each save holds a per-conversation advisory lock;
  a save whose commit was lost with the connection is recognised on retry, not repeated.
"""

import asyncio
import atexit
import json
import logging
import os
import time
import weakref
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event, Restarted, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from sqlalchemy.exc import DBAPIError, OperationalError, ProgrammingError

from privacy.redaction import redact
from privacy.tracker_store import (
    RedactingSQLTrackerStore,
    personal_data_typed,
    redacted_event,
)

from .conversation_cache import Cached, ConversationCache
from .pending_events import Backoff, PendingEvents, StoredRow

log = logging.getLogger(__name__)
RETRY_SECONDS = float(os.environ.get("TRACKER_STORE_RETRY_SECONDS", 5))
# How long a turn waits for the database. Reading: several replicas may serve one conversation,
# so a cached tracker is used unchecked only after this wait (and with nothing cached, the turn
# fails: the channel apologises); with SQLite there is one process, so no wait. Saving: the
# reply goes out after this wait, the events stay queued.
READ_WAIT_SECONDS = os.environ.get("TRACKER_STORE_READ_WAIT_SECONDS")
SAVE_WAIT_SECONDS = float(os.environ.get("TRACKER_STORE_SAVE_WAIT_SECONDS", 40))
MAX_PENDING_EVENTS = int(os.environ.get("TRACKER_STORE_MAX_PENDING_EVENTS", 20000))
CACHED_CONVERSATIONS = int(os.environ.get("TRACKER_STORE_CACHED_CONVERSATIONS", 2000))
# Events a tracker holds in memory (scaling/conversation_cache.py); a turn adds about ten.
EVENTS_IN_MEMORY = int(os.environ.get("TRACKER_STORE_EVENTS_IN_MEMORY", 100))
# Errors that mean "the database is not answering", as opposed to a bug in a query.
UNREACHABLE = (OperationalError, DBAPIError)


# Each turn reads "rows of this conversation after id N": one index answers it. Defined once:
# it belongs to Rasa's `events` table from now on, so create_all() makes it with the table.
EVENTS_BY_CONVERSATION = sa.Index(
    "ix_events_sender_id_id", SQLTrackerStore.SQLEvent.sender_id, SQLTrackerStore.SQLEvent.id
)


class TrackerStoreUnavailable(RuntimeError):
    """The conversation cannot be read: the turn must fail (and the channel apologise)."""


class WaitingSQLTrackerStore(RedactingSQLTrackerStore):
    def __init__(
        self,
        *args,
        read_wait_seconds: Any = None,
        save_wait_seconds: Any = None,
        max_pending_events: Any = None,
        cached_conversations: Any = None,
        events_in_memory: Any = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        wait_for_tables(self)
        self.is_postgres = self.engine.dialect.name == "postgresql"
        shared = self.engine.dialect.name != "sqlite"
        self.read_wait = float(read_wait_seconds or READ_WAIT_SECONDS or (40 if shared else 0))
        self.window = int(events_in_memory or EVENTS_IN_MEMORY)
        self.save_wait = float(save_wait_seconds or SAVE_WAIT_SECONDS)
        self.pending = PendingEvents(int(max_pending_events or MAX_PENDING_EVENTS))
        self.cache = ConversationCache(
            int(cached_conversations or CACHED_CONVERSATIONS), keep=self.pending.has
        )
        self.database_down_since: float | None = None
        self._flusher: asyncio.Task | None = None
        _LIVE_STORES.add(self)

    # -- reading ------------------------------------------------------------------------------
    async def retrieve(self, sender_id: str) -> DialogueStateTracker | None:
        """The conversation since its last session start, as stored plus anything still pending."""
        backoff = Backoff()
        deadline = time.monotonic() + self.read_wait
        while True:
            entry = self.cache.get(sender_id)
            if (
                entry is not None
                and not entry.in_step_with_tracker()
                and not self.pending.has(sender_id)
            ):
                entry.tracker = None  # a turn failed before saving: read the conversation again
            if self.pending.has(sender_id):
                # Only this process has these events, and every save of this conversation waits
                # for them: the database cannot be ahead of this tracker.
                await self._flush_quietly(sender_id)
                if self.pending.has(sender_id):
                    return entry.tracker if entry else None
            try:
                tracker = self._refresh(sender_id, entry)
                self._database_answered()
                return tracker
            except UNREACHABLE as exc:
                self._database_failed(exc, "read")
                if time.monotonic() >= deadline and entry is not None and entry.tracker is not None:
                    # Best effort: right with one replica (or sticky sessions); with several,
                    # another may have served this conversation while the database was down.
                    log.warning(
                        "tracker store: serving conversation %s from memory: the database has "
                        "not answered for %g s",
                        sender_id,
                        self.read_wait,
                    )
                    return entry.tracker
                if time.monotonic() >= deadline:
                    raise TrackerStoreUnavailable(
                        f"tracker store database unreachable for {self.read_wait:g} s: cannot read "
                        f"conversation {sender_id}"
                    ) from exc
                await asyncio.sleep(backoff.next_delay(deadline))

    def cached_tracker(self, sender_id: str) -> DialogueStateTracker | None:
        """The tracker held in memory, without asking the database (e.g. for an apology)."""
        entry = self.cache.get(sender_id)
        return entry.tracker if entry else None

    def _refresh(self, sender_id: str, entry: Cached | None) -> DialogueStateTracker | None:
        """Bring the cached tracker up to date with the rows stored after the newest one seen."""
        if entry is None or entry.tracker is None:
            return self._load(sender_id)
        with self.session_scope() as session:
            rows = session.execute(
                sa.select(self.SQLEvent.id, self.SQLEvent.type_name, self.SQLEvent.data)
                .where(self.SQLEvent.sender_id == sender_id, self.SQLEvent.id > entry.last_id)
                .order_by(self.SQLEvent.id)
            ).all()
        if not rows:
            return entry.tracker
        if any(r.type_name == SessionStarted.type_name for r in rows):
            return self._load(sender_id)  # a new session: rebuild from its start, as Rasa does
        # Another replica answered since: apply its events, in stored order.
        for row in rows:
            entry.tracker.update(Event.from_parameters(json.loads(row.data)), self.domain)
        entry.last_id, entry.last_event = rows[-1].id, entry.tracker.events[-1]
        return entry.tracker

    def _load(self, sender_id: str) -> DialogueStateTracker | None:
        with self.session_scope() as session:
            rows = (
                self._event_query(session, sender_id, fetch_events_from_all_sessions=False)
                .with_entities(self.SQLEvent.id, self.SQLEvent.data)
                .all()
            )
        if not rows:
            self.cache.put(sender_id, Cached(None, last_event=None, last_id=0))
            return None
        tracker = DialogueStateTracker.from_dict(
            sender_id,
            [json.loads(r.data) for r in rows],
            self.domain.slots,
            max_event_history=self.window,
        )
        newest = tracker.events[-1] if tracker.events else None
        self.cache.put(sender_id, Cached(tracker, last_event=newest, last_id=rows[-1].id))
        return tracker

    def init_tracker(self, sender_id: str) -> DialogueStateTracker:
        """A new conversation, holding the same window of events as a cached one."""
        return DialogueStateTracker(sender_id, self.domain.slots, max_event_history=self.window)

    # -- saving -------------------------------------------------------------------------------
    async def save(self, tracker: DialogueStateTracker) -> None:
        """Store the events added since the tracker was read; on failure keep them and retry."""
        sender_id = tracker.sender_id
        entry = self.cache.get(sender_id)
        if entry is None or (entry.tracker is not None and entry.tracker is not tracker):
            # A tracker this store did not hand out (Rasa's HTTP API, a script): as Rasa does,
            # count what is stored and take the rest as new.
            entry = Cached(None, last_event=None, last_id=0)
            new = list(tracker.events)[self._stored_count(sender_id) :]
        else:
            new = entry.new_events(tracker)
            if new is None:
                log.error(
                    "tracker store: conversation %s added more than %d events in one turn; the "
                    "oldest of them were not kept and are NOT stored (raise events_in_memory)",
                    sender_id,
                    self.window,
                )
                new = list(tracker.events)
        # Redacted as privacy/tracker_store.py redacts: text, entities, slots, echoes in replies.
        echoes = personal_data_typed(tracker.events)
        rows = [self._row(event, echoes) for event in new]
        if (
            self.event_broker is not None
        ):  # Rasa's stream_events would re-read: the new events are known
            await self._stream_new_events(self.event_broker, new, sender_id)
        entry.tracker = tracker
        entry.last_event = tracker.events[-1] if tracker.events else None
        self.cache.put(sender_id, entry)
        if rows and not self.pending.add(sender_id, rows):
            self.cache.drop(sender_id)  # it no longer matches what will be stored
            return
        await self._flush_within(sender_id, self.save_wait)
        restarts = [event for event in new if isinstance(event, Restarted)]
        if restarts:  # Restart and "delete my conversation": forget what came before
            self._forget_before(sender_id, restarts[-1].timestamp)

    def _forget_before(self, sender_id: str, timestamp: float) -> None:
        try:
            self.delete_before(sender_id, timestamp)
        except UNREACHABLE as exc:
            log.error(
                "tracker store: could not delete a restarted conversation's earlier events "
                "(%s); retention will delete them",
                exc.__class__.__name__,
            )
        self.cache.drop(sender_id)  # read back what remains on the next turn

    def _stored_count(self, sender_id: str) -> int:
        with self.session_scope() as session:
            return self._event_query(
                session, sender_id, fetch_events_from_all_sessions=False
            ).count()

    @staticmethod
    def _row(event: Event, echoes: Iterable[str] = ()) -> StoredRow:
        if isinstance(event, UserUttered) and event.text:
            # Redacted in place: the cached tracker then holds what every replica reads back.
            event.text = redact(event.text)
            if isinstance(event.parse_data, dict) and "text" in event.parse_data:
                event.parse_data["text"] = event.text
        data = redacted_event(event, echoes).as_dict()
        parse_data = data.get("parse_data") if isinstance(data.get("parse_data"), dict) else {}
        return StoredRow(
            type_name=event.type_name,
            timestamp=data.get("timestamp"),
            intent_name=(parse_data.get("intent") or {}).get(INTENT_NAME_KEY),
            action_name=data.get("name"),
            data=json.dumps(data),
        )

    async def _flush_within(self, sender_id: str, seconds: float) -> None:
        """Store the conversation's pending events, retrying with back-off for `seconds`."""
        backoff, deadline = Backoff(), time.monotonic() + seconds
        while self.pending.has(sender_id):
            try:
                self._store_pending(sender_id)
                self._database_answered()
                return
            except UNREACHABLE as exc:
                self._database_failed(exc, "save")
                if time.monotonic() >= deadline:
                    log.warning(
                        "tracker store: %d event(s) of conversation %s kept in memory after %g s; "
                        "retrying in the background, later turns use them",
                        self.pending.count(sender_id),
                        sender_id,
                        seconds,
                    )
                    self._start_background_flush()
                    return
                await asyncio.sleep(backoff.next_delay(deadline))

    async def _flush_quietly(self, sender_id: str) -> None:
        try:
            self._store_pending(sender_id)
            self._database_answered()
        except UNREACHABLE as exc:
            self._database_failed(exc, "save")

    def _store_pending(self, sender_id: str) -> None:
        """One transaction: skip rows an earlier, lost-looking commit did store; insert the rest."""
        rows = self.pending.rows(sender_id)
        if not rows:
            return
        entry = self.cache.get(sender_id)
        last_id = entry.last_id if entry else 0
        with self.session_scope() as session:
            if self.is_postgres:  # one writer per conversation, so ids follow the stored order
                session.execute(
                    sa.text("SELECT pg_advisory_xact_lock(hashtext(:s))"), {"s": sender_id}
                )
            newer = session.execute(
                sa.select(self.SQLEvent.id, self.SQLEvent.data)
                .where(self.SQLEvent.sender_id == sender_id, self.SQLEvent.id > last_id)
                .order_by(self.SQLEvent.id)
            ).all()
            already = _stored_prefix(newer, rows)
            others = len(newer) - already
            inserted = [
                self.SQLEvent(
                    sender_id=sender_id,
                    type_name=r.type_name,
                    timestamp=r.timestamp,
                    intent_name=r.intent_name,
                    action_name=r.action_name,
                    data=r.data,
                )
                for r in rows[already:]
            ]
            session.add_all(inserted)
            session.flush()
            newest = max([r.id for r in newer] + [e.id for e in inserted] + [last_id])
            session.commit()
        self.pending.stored(sender_id, len(rows))
        if already:
            log.warning(
                "tracker store: %d event(s) of conversation %s were stored by a commit whose "
                "answer was lost; not stored twice",
                already,
                sender_id,
            )
        if entry is not None:
            entry.last_id = newest
            if others:
                # Someone else wrote to this conversation meanwhile: read it again next turn.
                entry.tracker, entry.last_id = None, 0
        log.debug(
            "tracker store: stored %d event(s) of conversation %s", len(rows) - already, sender_id
        )

    # -- background retries and shutdown ------------------------------------------------------
    def _start_background_flush(self) -> None:
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.get_event_loop().create_task(self._flush_all_in_background())

    async def _flush_all_in_background(self) -> None:
        backoff = Backoff(most=30.0)
        while self.pending.total():
            for sender_id in self.pending.conversations():
                await self._flush_quietly(sender_id)
            if self.pending.total():
                await asyncio.sleep(backoff.next_delay())

    def flush_before_exit(self) -> None:
        """Last attempt to store pending events; what cannot be stored is named in the log."""
        for sender_id in self.pending.conversations():
            try:
                self._store_pending(sender_id)
            except Exception as exc:  # noqa: BLE001 - reported just below
                log.error(
                    "tracker store: stopping with %d unsaved event(s) of conversation %s: the "
                    "database did not answer (%s). They are lost.",
                    self.pending.count(sender_id),
                    sender_id,
                    _reason(exc),
                )

    # -- database state, for the log and the health check -------------------------------------
    def _database_failed(self, exc: Exception, doing: str) -> None:
        if self.database_down_since is None:
            self.database_down_since = time.monotonic()
            log.warning(
                "tracker store database %s is unreachable (%s); keeping events and retrying (%s)",
                self._where(),
                _reason(exc),
                doing,
            )

    def _database_answered(self) -> None:
        if self.database_down_since is not None:
            log.warning(
                "tracker store database %s is reachable again after %.1f s; "
                "%d event(s) still to store",
                self._where(),
                time.monotonic() - self.database_down_since,
                self.pending.total(),
            )
            self.database_down_since = None

    def _where(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    def health(self) -> dict:
        """Whether the database answers now (blocking: scaling/health.py runs it in a thread)."""
        try:
            with self.engine.connect() as connection:
                connection.execute(sa.text("SELECT 1"))
            return {"ok": True, "detail": "reachable"}
        except Exception as exc:  # noqa: BLE001 - any failure is "not reachable"
            return {"ok": False, "detail": _reason(exc)}

    def health_counts(self) -> dict:
        """Events waiting to be stored and conversations in memory (on the event loop's thread)."""
        return {"pending_events": self.pending.total(), "cached_conversations": len(self.cache)}


def _stored_prefix(newer: list[Any], rows: list[StoredRow]) -> int:
    """How many of `rows` are already the first rows stored after the newest one we knew."""
    count = 0
    for stored, row in zip(newer, rows, strict=False):  # newer may be shorter than rows
        if stored.data != row.data:
            break
        count += 1
    return count


def _reason(exc: BaseException) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else exc.__class__.__name__


def wait_for_tables(store: SQLTrackerStore, retry_seconds: float = RETRY_SECONDS) -> None:
    """Create the tracker tables (a no-op when they exist), retrying until the database answers."""
    where = store.engine.url.render_as_string(hide_password=True)
    attempt = 0
    while True:
        try:
            store.Base.metadata.create_all(store.engine)
            EVENTS_BY_CONVERSATION.create(
                store.engine, checkfirst=True
            )  # tables made before it existed
            if attempt:
                log.warning("tracker store database %s is reachable again; starting", where)
            return
        except (OperationalError, ProgrammingError) as exc:
            attempt += 1
            reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
            log.warning(
                "tracker store database %s is not reachable (%s); "
                "not serving yet, retry %d in %g s",
                where,
                reason,
                attempt,
                retry_seconds,
            )
            time.sleep(retry_seconds)


# -- Rasa wiring ------------------------------------------------------------------------------
_LIVE_STORES: "weakref.WeakSet[WaitingSQLTrackerStore]" = weakref.WeakSet()


@atexit.register
def _report_unsaved_events() -> None:
    for store in list(_LIVE_STORES):
        store.flush_before_exit()


def _use_without_rasa_fail_safe() -> None:
    """Rasa's Agent wraps every tracker store in FailSafeTrackerStore, which answers a database
    error by serving a new, empty, in-memory conversation. This store handles errors itself."""
    from rasa.core.agent import Agent

    original = Agent._create_tracker_store
    if getattr(original, "keeps_waiting_store", False):
        return

    def create_tracker_store(store, domain):
        if isinstance(store, WaitingSQLTrackerStore):
            store.domain = domain
            return store
        return original(store, domain)

    create_tracker_store.keeps_waiting_store = True
    Agent._create_tracker_store = staticmethod(create_tracker_store)


_use_without_rasa_fail_safe()


def all_stores() -> Iterable[WaitingSQLTrackerStore]:
    return list(_LIVE_STORES)
