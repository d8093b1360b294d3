"""What to say when the assistant could not answer: an apology and people to contact.

Every contact comes from the knowledge base, never from here; when the knowledge base
cannot be read either, the reply gives no numbers at all rather than possibly stale ones.
"""
import logging
from typing import Iterable, Optional

from replies import render
from knowledge import default_kb

log = logging.getLogger(__name__)

APOLOGY = "Sorry, something went wrong on our side and I can't answer that just now."
WITHOUT_KNOWLEDGE = (f"{APOLOGY} Please try again later. In the meantime your council's Information, Advice "
                     "and Support Service (IASS) can help: find it through your council's Local Offer.")


def fallback_text(council_hints: Iterable[Optional[str]] = (), message_text: str = "") -> str:
    """The apology, with the council's IASS (if covered) and the national services."""
    try:
        kb = default_kb()
        place = _place(kb, council_hints, message_text)
        national = kb.national_services()
    except Exception as exc:  # KnowledgeUnavailable or anything else: never fail the fallback itself
        log.error("fallback reply without contacts: knowledge base unavailable (%s)", exc)
        return WITHOUT_KNOWLEDGE
    iass = place.service("iass") if place is not None and place.covered else None
    parts = [f"{APOLOGY} Please try again in a few minutes."]
    if iass is not None:
        parts.append(f"You can talk to a person at {place.name}'s information, advice and support service:\n"
                     + render.contact_lines(iass, with_offer=not iass.reachable))
    parts.append("These free national services can also help:\n" + render.national_services_block(national))
    if iass is None:
        parts.append("Your council's IASS can help too: find it through your council's Local Offer.")
    return "\n\n".join(parts)


def _place(kb, council_hints, message_text):
    """The council named in this message first, else the first hint (remembered slot, widget metadata)."""
    place = kb.find_place_in_text(message_text) if message_text else None
    for hint in council_hints:
        if place is not None:
            break
        place = kb.find_place(hint) if isinstance(hint, str) and hint else None
    return place
