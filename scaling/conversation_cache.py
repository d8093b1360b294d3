"""The trackers of recent conversations, kept in memory between turns.

Each entry remembers the newest event the store knows of (`last_event`: stored, or queued
for storing) and the id of the newest stored row the tracker reflects (`last_id`). The next
turn reads only rows after that id, so events another replica stored meanwhile are applied
before the turn is served; and a save stores only the events after `last_event`.

A cached tracker holds only the last `window` events (Rasa's `max_event_history`); slots,
the active loop and the latest message are kept whatever their age. Rasa's policies and the
action server request walk every event of a tracker on every turn, so this is what keeps
turn 200 as cheap as turn 2. It is safe here because no rule spans more than one turn and no
slot influences the conversation (tests/scale/test_tracker_store.py checks the domain).
"""

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker


@dataclass
class Cached:
    tracker: DialogueStateTracker | None  # None: not read yet, or must be read again
    last_event: Event | None  # newest event of `tracker` stored or queued (None: none yet)
    last_id: int  # newest stored row reflected in `tracker` (0: none)

    def in_step_with_tracker(self) -> bool:
        """False when a turn added events and then failed before saving them."""
        if self.tracker is None:
            return True
        newest = self.tracker.events[-1] if self.tracker.events else None
        return newest is self.last_event

    def new_events(self, tracker: DialogueStateTracker) -> list | None:
        """Events of `tracker` after `last_event`; None if the window no longer reaches it."""
        events = list(tracker.events)
        if self.last_event is None:
            return events
        for index in range(len(events) - 1, -1, -1):
            if events[index] is self.last_event:
                return events[index + 1 :]
        return None


class ConversationCache:
    """Least recently used first out; never evicts a conversation `keep(sender_id)` protects."""

    def __init__(self, size: int, keep: Callable[[str], bool] = lambda sender_id: False) -> None:
        self.size, self.keep = size, keep
        self._entries: OrderedDict[str, Cached] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, sender_id: str) -> Cached | None:
        entry = self._entries.get(sender_id)
        if entry is not None:
            self._entries.move_to_end(sender_id)
        return entry

    def put(self, sender_id: str, entry: Cached) -> None:
        self._entries[sender_id] = entry
        self._entries.move_to_end(sender_id)
        if len(self._entries) > self.size:
            for old in list(self._entries)[: len(self._entries) - self.size]:
                if not self.keep(old):
                    del self._entries[old]

    def drop(self, sender_id: str) -> None:
        self._entries.pop(sender_id, None)
