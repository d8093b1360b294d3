"""Rasa's SQL tracker store, storing nothing personal and forgetting restarted conversations.

Configured in endpoints.yml (through scaling.tracker_store.WaitingSQLTrackerStore); empty
settings from the environment count as unset, so one endpoints.yml serves SQLite on one
machine and PostgreSQL for several replicas.

Before an event is written:
- user messages: the text, the parse data (text, entity values) and metadata are redacted;
- slot values are redacted (a slot can be filled from an entity the parent typed);
- bot messages: anything personal the parent typed in this conversation is removed where the
  assistant repeats it. Only echoes: the assistant's own text (helpline numbers, addresses of
  services) is published guidance and stays as sent.
When a conversation is restarted (the Restart button, "/restart", "delete my conversation"),
every stored event before the restart is deleted.
"""

import logging
from collections.abc import Iterable, Iterator
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import (
    BotUttered,
    Event,
    Restarted,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from .redaction import personal_data_in, redact

log = logging.getLogger(__name__)


def _unset_if_blank(value: Any) -> Any | None:
    return None if value is None or (isinstance(value, str) and not value.strip()) else value


def _deep(value: Any, clean) -> Any:
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, list):
        return [_deep(v, clean) for v in value]
    if isinstance(value, dict):
        return {k: _deep(v, clean) for k, v in value.items()}
    return value


def _without(pieces: Iterable[str]):
    pieces = sorted(set(pieces), key=len, reverse=True)

    def clean(text: str) -> str:
        for piece in pieces:
            text = text.replace(piece, "[removed]")
        return text

    return clean


def redacted_event(event: Event, echoes: Iterable[str] = ()) -> Event:
    """The event as it may be stored: personal data replaced by placeholders."""
    if isinstance(event, (UserUttered, SlotSet)):
        cleaned = Event.from_parameters(_deep(event.as_dict(), redact))
    elif isinstance(event, BotUttered) and echoes:
        cleaned = Event.from_parameters(_deep(event.as_dict(), _without(echoes)))
    else:
        return event
    return cleaned if cleaned is not None else event


def personal_data_typed(events: Iterable[Event]) -> list[str]:
    """Everything personal the parent typed in these events (to remove where it is echoed)."""
    found: list[str] = []
    for event in events:
        if isinstance(event, UserUttered):
            found += personal_data_in(event.text or "")
            for entity in event.entities or []:
                found += personal_data_in(str(entity.get("value", "")))
    return found


def last_restart(events: list[Event]) -> int | None:
    for index in range(len(events) - 1, -1, -1):
        if isinstance(events[index], Restarted):
            return index
    return None


def current_session_start(events: list[Event], restart: int) -> int:
    """Where the events Rasa would read back begin: the last session start after the restart,
    else the restart (Rasa's SQL store counts stored events from the last session start)."""
    for index in range(len(events) - 1, restart, -1):
        if isinstance(events[index], SessionStarted):
            return index
    return restart


class RedactingSQLTrackerStore(SQLTrackerStore):
    def __init__(
        self,
        domain=None,
        dialect: str = "sqlite",
        host=None,
        port=None,
        db: str = "rasa.db",
        username=None,
        password=None,
        **kwargs,
    ):
        super().__init__(
            domain,
            dialect=_unset_if_blank(dialect) or "sqlite",
            host=_unset_if_blank(host),
            port=_unset_if_blank(port),
            db=_unset_if_blank(db) or "rasa.db",
            username=_unset_if_blank(username),
            password=_unset_if_blank(password),
            **{k: _unset_if_blank(v) for k, v in kwargs.items()},
        )

    async def save(self, tracker: DialogueStateTracker) -> None:
        events = list(tracker.events)
        restart = last_restart(events)
        if restart:  # a restart after other events: forget those
            self.delete_before(tracker.sender_id, events[restart].timestamp)
            # What remains of the conversation is the restart and what followed it.
            start = current_session_start(events, restart)
            tracker = DialogueStateTracker.from_events(
                tracker.sender_id, events[start:], slots=list(tracker.slots.values())
            )
        await super().save(tracker)

    def delete_before(self, sender_id: str, timestamp: float) -> int:
        """Delete the conversation's events stored before `timestamp`; return how many."""
        table = self.SQLEvent.__table__
        with self.engine.begin() as conn:
            result = conn.execute(
                table.delete().where(
                    sa.and_(table.c.sender_id == sender_id, table.c.timestamp < timestamp)
                )
            )
        if result.rowcount:
            log.info(
                "tracker store: restart deleted %d stored events of a conversation",
                result.rowcount,
            )
        return result.rowcount or 0

    def delete_conversation(self, sender_id: str) -> int:
        table = self.SQLEvent.__table__
        with self.engine.begin() as conn:
            return conn.execute(table.delete().where(table.c.sender_id == sender_id)).rowcount or 0

    def _additional_events(self, session, tracker) -> Iterator:
        echoes = personal_data_typed(tracker.events)
        for event in super()._additional_events(session, tracker):
            yield redacted_event(event, echoes)
