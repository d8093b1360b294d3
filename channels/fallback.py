"""What to say when the assistant could not answer: an apology and people to contact.

Every contact comes from the knowledge base, never from here; when the knowledge base
cannot be read either, the reply gives no numbers at all rather than possibly stale ones.
The wording is replies/ (the same handoff reply the "talk to a person" action gives).
"""

import logging
from collections.abc import Iterable

from knowledge import default_kb
from replies import phrases, render

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
