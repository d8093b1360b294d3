"""Keeping a turn the assistant could not process in the conversation's record.

When the lock store (Redis) is unreachable, a turn fails before Rasa reads the conversation,
and the channel sends the apology with contacts. Without this, the stored conversation would
not show what the parent said or what they were told. The message is stored as said
(redacted, like every user message), without an intent, followed by the apology; the next
turns are predicted as if it had not been there, since no action follows it.
"""

import logging
from typing import Any

from rasa.shared.core.constants import ACTION_LISTEN_NAME, ACTION_SESSION_START_NAME
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, UserUttered

from .lock_store import LockStoreUnavailable

log = logging.getLogger(__name__)


def was_not_processed(error: BaseException | None) -> bool:
    """Whether this failure stopped the turn before Rasa touched the conversation."""
    return isinstance(error, LockStoreUnavailable)


async def record_unprocessed_turn(
    agent: Any,
    sender_id: str,
    text: str,
    reply: str,
    input_channel: str,
    metadata: dict | None = None,
) -> bool:
    """Append the message and the apology to the stored conversation; False if that failed too."""
    store = getattr(agent, "tracker_store", None)
    if store is None:
        return False
    try:
        tracker = await store.get_or_create_tracker(sender_id, append_action_listen=False)
        if not tracker.events:  # a new conversation: start it as Rasa's action_session_start does
            for event in (
                ActionExecuted(ACTION_SESSION_START_NAME),
                SessionStarted(),
                ActionExecuted(ACTION_LISTEN_NAME),
            ):
                tracker.update(event)
        tracker.update(UserUttered(text, input_channel=input_channel, metadata=metadata or {}))
        tracker.update(BotUttered(reply, metadata={"unprocessed": "lock store unavailable"}))
        await store.save(tracker)
        return True
    except Exception as exc:  # noqa: BLE001 - the apology has been sent; say what was not stored
        log.error(
            "could not store an unprocessed turn of conversation %s (%s)",
            sender_id,
            exc.__class__.__name__,
        )
        return False
