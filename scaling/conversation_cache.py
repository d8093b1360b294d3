"""The trackers of recent conversations, kept in memory between turns.

Each entry remembers how many of the tracker's events are known to the store (`known`) and
the id of the newest stored row it reflects (`last_id`): the next turn reads only rows after
that id, so a turn costs the same however long the conversation is, and events another
replica stored meanwhile are applied before the turn is served.
"""
from collections import OrderedDict
from dataclasses import dataclass
from typing import Callable, Dict, Optional

from rasa.shared.core.trackers import DialogueStateTracker


@dataclass
class Cached:
    tracker: Optional[DialogueStateTracker]  # None: not read yet, or must be read again
    known: int  # events of `tracker` that were stored or queued for storing
    last_id: int  # newest stored row reflected in `tracker` (0: none)
    reload_after_save: bool = False

    def in_step_with_tracker(self) -> bool:
        """False when a turn added events and then failed before saving them."""
        return self.tracker is None or len(self.tracker.events) == self.known


class ConversationCache:
    """Least recently used first out; never evicts a conversation `keep(sender_id)` protects."""

    def __init__(self, size: int, keep: Callable[[str], bool] = lambda sender_id: False) -> None:
        self.size, self.keep = size, keep
        self._entries: "OrderedDict[str, Cached]" = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, sender_id: str) -> Optional[Cached]:
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

    def rewind(self, sender_id: str, slots: Dict) -> Cached:
        """Forget events a failed turn added without saving, as Rasa's next read would."""
        entry = self._entries[sender_id]
        events = [event.as_dict() for event in list(entry.tracker.events)[: entry.known]]
        entry.tracker = DialogueStateTracker.from_dict(sender_id, events, slots) if events else None
        if entry.tracker is None:
            entry.last_id = 0
        return entry
