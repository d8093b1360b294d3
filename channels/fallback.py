"""What to say when the assistant could not answer: an apology and people to contact.

Every contact comes from the knowledge base, never from here; when the knowledge base
cannot be read either, the reply gives no numbers at all rather than possibly stale ones.
The wording is replies/ (the same handoff reply the "talk to a person" action gives).
"""

import logging
from collections.abc import Iterable

from sanic.request import Request

from knowledge import default_kb
from replies import phrases, render

from .validation import ChatRequest

log = logging.getLogger(__name__)


def fallback_text(council_hints: Iterable[str | None] = (), message_text: str = "") -> str:
    """The apology, with the council's IASS (if covered) and the national services."""
    try:
        kb = default_kb()
        place = _place(kb, council_hints, message_text)
        national = kb.national_services()
    except (
        Exception
    ) as exc:  # KnowledgeUnavailable or anything else: never fail the fallback itself
        log.error("fallback reply without contacts: knowledge base unavailable (%s)", exc)
        return phrases.APOLOGY_WITHOUT_KNOWLEDGE
    return render.fallback_reply(place, national)


def _place(kb, council_hints, message_text):
    """The council named in this message, else the first hint (remembered slot, widget metadata)."""
    place = kb.find_place_in_text(message_text) if message_text else None
    for hint in council_hints:
        if place is not None:
            break
        place = kb.find_place(hint) if isinstance(hint, str) and hint else None
    return place


async def apology_for_failed_turn(
    request: Request, chat: ChatRequest, error: BaseException | None, channel: str
) -> str:
    """The apology with the conversation's council contacts, for a turn that failed or said
    nothing; the message and the apology are kept in the conversation if the turn never ran."""
    hints = [await remembered_council(request, chat.sender), chat.metadata.get("council")]
    text = fallback_text(hints, chat.text)
    await record_if_unprocessed(request, chat, error, text, channel)
    return text


async def remembered_council(request: Request, sender: str) -> str | None:
    """The conversation's `council` slot from the tracker store, if it can be read."""
    agent = getattr(request.app.ctx, "agent", None)
    store = getattr(agent, "tracker_store", None)
    if store is None:
        return None
    try:
        # In memory if possible: when the database is why we are here, reading it would wait.
        cached = getattr(store, "cached_tracker", None)
        tracker = cached(sender) if cached else await store.retrieve(sender)
        return tracker.get_slot("council") if tracker is not None else None
    except Exception as exc:  # the tracker store may be why we are here
        log.warning("fallback cannot read the conversation's council: %s", exc.__class__.__name__)
        return None


async def record_if_unprocessed(
    request: Request, chat: ChatRequest, error: BaseException | None, reply: str, channel: str
) -> None:
    """Keep the message and the apology in the conversation when the turn never ran
    (scaling/unanswered.py: the lock store was unreachable)."""
    from scaling.unanswered import record_unprocessed_turn, was_not_processed

    if was_not_processed(error):
        await record_unprocessed_turn(
            getattr(request.app.ctx, "agent", None),
            chat.sender,
            chat.text,
            reply,
            channel,
            dict(chat.metadata),
        )
