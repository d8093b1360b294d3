"""Rasa's SQL tracker store, storing user messages only after personal data is redacted.

Configured in endpoints.yml (`type: privacy.tracker_store.RedactingSQLTrackerStore`);
empty settings from the environment count as unset, so one endpoints.yml serves SQLite
on one machine and PostgreSQL for several replicas.
"""

import copy
from collections.abc import Iterator
from typing import Any

from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event, UserUttered

from .redaction import redact


def _unset_if_blank(value: Any) -> Any | None:
    return None if value is None or (isinstance(value, str) and not value.strip()) else value


def redacted_event(event: Event) -> Event:
    if not isinstance(event, UserUttered) or not event.text:
        return event
    clean = copy.deepcopy(event)
    clean.text = redact(event.text)
    if isinstance(clean.parse_data, dict) and "text" in clean.parse_data:
        clean.parse_data["text"] = clean.text
    return clean


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

    def _additional_events(self, session, tracker) -> Iterator:
        for event in super()._additional_events(session, tracker):
            yield redacted_event(event)
