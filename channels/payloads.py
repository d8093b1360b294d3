"""Typed payloads (`/intent{...}`) are honoured only when they are a button just offered.

Rasa reads any message starting with "/" as an intent with entities, skipping the
classifier: anyone could type `/inform_council{"council": "<anything>"}` into a slot, or
`/greet ... I want to kill myself` past the safety check. A button click sends exactly
the payload the assistant offered in its last reply, so that is all we accept; anything
else starting with "/" is passed on as ordinary words (the slashes removed), so the NLU
pipeline, safety check included, reads it like any other message.
"""

import logging
import re
from typing import Any

from rasa.shared.core.events import BotUttered, UserUttered

log = logging.getLogger(__name__)

PREFIX = "/"
RESTART = "/restart"
# Always allowed: the widget's Restart button sends it, and it only forgets the conversation.
ALWAYS_ALLOWED = frozenset({RESTART})
# "delete my conversation" (the privacy answer tells parents to say it) is a restart.
DELETE_REQUEST = re.compile(
    r"^\W*(?:please\W+)?(?:delete|erase|remove|forget|clear)\W+(?:all\W+)?(?:of\W+)?(?:my|this|our|the)\W+"
    r"(?:conversation|chat|messages|data|chat\W+history|history)\W*(?:please)?\W*$",
    re.IGNORECASE,
)


def is_typed_payload(text: str) -> bool:
    return text.lstrip().startswith(PREFIX)


async def offered_payloads(agent: Any, sender_id: str) -> frozenset[str]:
    """The button payloads in the assistant's replies since the conversation's last user message."""
    store = getattr(agent, "tracker_store", None)
    if store is None:
        return frozenset()
    try:
        tracker = await store.retrieve(sender_id)
    except Exception as exc:  # no buttons known: the text is read as words, which is safe
        log.warning("payloads: cannot read the conversation (%s)", exc.__class__.__name__)
        return frozenset()
    if tracker is None:
        return frozenset()
    payloads = set()
    for event in reversed(list(tracker.events)):
        if isinstance(event, UserUttered):
            break
        if isinstance(event, BotUttered):
            for button in (event.data or {}).get("buttons") or []:
                if isinstance(button, dict) and isinstance(button.get("payload"), str):
                    payloads.add(button["payload"].strip())
    return frozenset(payloads)


def screened(text: str, offered: frozenset[str]) -> str:
    """`text` if not a payload or one just offered; else the same words without the slashes."""
    if not is_typed_payload(text):
        return text
    stripped = text.strip()
    if stripped in offered or stripped in ALWAYS_ALLOWED:
        return stripped
    words = stripped.lstrip(PREFIX).strip()
    return words or "?"


async def screen(agent: Any | None, sender_id: str, text: str) -> str:
    """The text to give Rasa (reads the conversation only for payload-like text)."""
    if DELETE_REQUEST.match(text):
        return RESTART
    if not is_typed_payload(text):
        return text
    return screened(text, await offered_payloads(agent, sender_id))
