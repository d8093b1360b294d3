"""What the actions need to know about the conversation: council, mode and escalation memory."""

from rasa_sdk import Tracker

from knowledge import Place, default_kb


def kb():
    """The knowledge base every action uses (tests point `actions.context.default_kb` elsewhere)."""
    return default_kb()


def metadata(tracker: Tracker) -> dict:
    return (tracker.latest_message or {}).get("metadata") or {}


def is_staff(tracker: Tracker) -> bool:
    """The staff page marks every message; staff replies carry full details and citations."""
    return metadata(tracker).get("mode") == "staff"


def latest_entity(tracker: Tracker, name: str) -> str | None:
    values = [
        e.get("value")
        for e in (tracker.latest_message or {}).get("entities", [])
        if e.get("entity") == name
    ]
    return values[-1] if values else None


def entity_values(tracker: Tracker, name: str) -> list[str]:
    return [
        e.get("value")
        for e in (tracker.latest_message or {}).get("entities", [])
        if e.get("entity") == name
    ]


def current_place(tracker: Tracker) -> Place | None:
    """The council named in this message, else the remembered one, else the widget's council."""
    knowledge = kb()
    for candidate in (
        latest_entity(tracker, "council"),
        tracker.get_slot("council"),
        metadata(tracker).get("council"),
    ):
        place = (
            knowledge.find_place(candidate) if isinstance(candidate, str) and candidate else None
        )
        if place:
            return place
    return None


def council_buttons() -> list:
    """One button per council with local guidance, from the knowledge base."""
    return [
        {"title": p.name, "payload": f'/inform_council{{"council": "{p.name}"}}'}
        for p in kb().covered_places()
    ]


def latest_intent(tracker: Tracker) -> str:
    return ((tracker.latest_message or {}).get("intent") or {}).get("name") or ""
