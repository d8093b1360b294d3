"""Events a save could not store yet, per conversation and in order, with a bound.

The bound keeps an outage from exhausting memory. When it would be exceeded, the new events
of that conversation are refused with an ERROR line, and so is everything the conversation
says after them until its buffer is empty again: the stored conversation may then end early,
but it never has a hole in the middle.
"""

import logging
import random
import time
from collections import OrderedDict
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StoredRow:
    """One row of Rasa's `events` table, serialised once so a retry stores the same bytes."""

    type_name: str
    timestamp: float | None
    intent_name: str | None
    action_name: str | None
    data: str


class PendingEvents:
    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._rows: OrderedDict[str, list[StoredRow]] = OrderedDict()
        self._refusing: dict[
            str, int
        ] = {}  # conversation -> events refused since its buffer filled

    def add(self, sender_id: str, rows: list[StoredRow]) -> bool:
        """Queue rows behind the conversation's earlier ones; False (and an ERROR) if refused."""
        total = self.total()
        if sender_id in self._refusing or (total and total + len(rows) > self.limit):
            self._refusing[sender_id] = self._refusing.get(sender_id, 0) + len(rows)
            log.error(
                "tracker store: buffer of unsaved events is full (%d of %d): %d event(s) of "
                "conversation %s will NOT be stored (%d so far); the stored conversation ends "
                "before them",
                total,
                self.limit,
                len(rows),
                sender_id,
                self._refusing[sender_id],
            )
            if not self._rows.get(sender_id):
                self._refusing.pop(sender_id, None)  # nothing queued before them: later ones may go
            return False
        self._rows.setdefault(sender_id, []).extend(rows)
        return True

    def rows(self, sender_id: str) -> list[StoredRow]:
        return list(self._rows.get(sender_id, ()))

    def stored(self, sender_id: str, count: int) -> None:
        """The first `count` rows of the conversation are in the database now."""
        left = self._rows.get(sender_id, [])[count:]
        if left:
            self._rows[sender_id] = left
        else:
            self._rows.pop(sender_id, None)
            self._refusing.pop(sender_id, None)

    def has(self, sender_id: str) -> bool:
        return bool(self._rows.get(sender_id))

    def count(self, sender_id: str) -> int:
        return len(self._rows.get(sender_id, ()))

    def total(self) -> int:
        return sum(len(rows) for rows in self._rows.values())

    def conversations(self) -> list[str]:
        return list(self._rows)


class Backoff:
    """Exponential back-off with jitter: 0.2 s, 0.4 s, ... up to `most` seconds."""

    def __init__(self, first: float = 0.2, most: float = 5.0) -> None:
        self.delay, self.most = first, most

    def next_delay(self, deadline: float | None = None) -> float:
        delay = self.delay * random.uniform(0.8, 1.2)
        self.delay = min(self.delay * 2, self.most)
        if deadline is not None:
            delay = max(0.0, min(delay, deadline - time.monotonic()))
        return delay
