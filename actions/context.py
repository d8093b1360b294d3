"""What the actions need to know about the conversation: council, mode and escalation memory."""
from typing import List, Optional

from rasa_sdk import Tracker

from knowledge import default_kb
from knowledge import Place

COVERED_COUNCIL_BUTTONS = [
    "Hampshire", "Northumberland", "Stockton-on-Tees", "Bath and North East Somerset",
    "North Northamptonshire", "West Northamptonshire",
]


def kb():
    return default_kb()


def metadata(tracker: Tracker) -> dict:
    return (tracker.latest_message or {}).get("metadata") or {}


def is_staff(tracker: Tracker) -> bool:
    """The staff page marks every message; staff replies carry full details and citations."""
    return metadata(tracker).get("mode") == "staff"


def latest_entity(tracker: Tracker, name: str) -> Optional[str]:
    values = [e.get("value") for e in (tracker.latest_message or {}).get("entities", []) if e.get("entity") == name]
    return values[-1] if values else None


def entity_values(tracker: Tracker, name: str) -> List[str]:
    return [e.get("value") for e in (tracker.latest_message or {}).get("entities", []) if e.get("entity") == name]


def current_place(tracker: Tracker, knowledge=None) -> Optional[Place]:
    """The council named in this message, else the remembered one, else the widget's data-council."""
    knowledge = knowledge or kb()
    for candidate in (latest_entity(tracker, "council"), tracker.get_slot("council"), metadata(tracker).get("council")):
        place = knowledge.find_place(candidate) if isinstance(candidate, str) and candidate else None
        if place:
            return place
    return None


def council_buttons() -> list:
    return [{"title": name, "payload": f'/inform_council{{"council": "{name}"}}'} for name in COVERED_COUNCIL_BUTTONS]


def latest_intent(tracker: Tracker) -> str:
    return ((tracker.latest_message or {}).get("intent") or {}).get("name") or ""
