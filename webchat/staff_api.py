"""JSON for the staff page's quick panels, read from the knowledge base.

Shapes follow ``knowledge.queries`` (Place, ServiceView, LadderView,
StepView, TimescaleView). Import is lazy so the chat keeps working if the
knowledge package is missing or broken; the panels then answer 503.
"""

import dataclasses
import datetime
import logging
from typing import Any, Dict, List, Optional

logger = logging.getLogger(__name__)

SERVICE_FIELDS = (
    "kind", "name", "phones", "text_phone", "email", "website", "hours", "address", "offers",
)


class KnowledgeUnavailable(Exception):
    pass


_kb = None


def knowledge_base() -> Any:
    """The shared knowledge base, loaded once on first use."""
    global _kb
    if _kb is None:
        try:
            from knowledge.queries import default_kb

            _kb = default_kb()
        except Exception as error:  # any import or load failure: report, don't crash
            logger.exception("webchat.staff_api.knowledge_unavailable")
            raise KnowledgeUnavailable(str(error)) from error
    return _kb


def plain(value: Any) -> Any:
    """Turn view objects (dataclasses, named tuples, tuples) into JSON values."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if hasattr(value, "_asdict"):
        return plain(value._asdict())
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [plain(v) for v in value]
    if hasattr(value, "__dict__"):
        return {k: plain(v) for k, v in vars(value).items() if not k.startswith("_")}
    return str(value)


def _service(service: Any) -> Dict[str, Any]:
    return {field: plain(getattr(service, field, None)) for field in SERVICE_FIELDS}


def _cited(citation: Any) -> Dict[str, Any]:
    """A citation in words with a link to the exact provision (knowledge.citations)."""
    from knowledge.citations import citation_url, plain_text

    try:
        return {"text": plain_text(citation), "url": citation_url(citation)}
    except AttributeError:  # not a CitationView: keep whatever text it has
        return {"text": getattr(citation, "text", str(citation)), "url": None}


def _citations(step: Any) -> List[Dict[str, Any]]:
    return [_cited(c) for c in getattr(step, "citations", ()) or ()]


def councils(kb: Any) -> List[Dict[str, str]]:
    places = sorted(kb.covered_places(), key=lambda p: p.name)
    return [{"key": p.key, "name": p.name} for p in places]


def find_covered(kb: Any, key: str) -> Optional[Any]:
    for place in kb.covered_places():
        if place.key == key:
            return place
    return None


def council_detail(kb: Any, place: Any) -> Dict[str, Any]:
    """One council's contacts, plus every escalation ladder with each step's
    contact resolved to that council's service of the step's kind."""
    services = [_service(s) for s in place.services]
    by_kind: Dict[str, Dict[str, Any]] = {}
    for service in services:
        by_kind.setdefault(service["kind"], service)
    ladders = []
    for ladder in kb.ladders():
        steps = []
        for step in ladder.steps:
            kind = getattr(step, "contact_kind", None)
            steps.append({
                "key": plain(getattr(step, "key", None)),
                "who": plain(getattr(step, "who", None)),
                "how": plain(getattr(step, "how", None)),
                "ask_for": plain(getattr(step, "ask_for", None)),
                "contact_kind": kind,
                "contact": by_kind.get(kind) if kind else None,
                "citations": _citations(step),
            })
        ladders.append({"id": ladder.id, "title": ladder.title, "steps": steps})
    return {
        "council": {
            "key": place.key,
            "name": place.name,
            # When the council's file was last checked against its sources.
            "reviewed": plain(getattr(place, "reviewed", None)),
            "services": services,
            "funding_routes": plain(getattr(place, "funding_routes", ())),
        },
        "ladders": ladders,
        "national": [_service(s) for s in _national(kb)],
    }


def _national(kb: Any) -> List[Any]:
    finder = getattr(kb, "national_services", None)
    return list(finder()) if callable(finder) else []


def timescales(kb: Any) -> List[Dict[str, Any]]:
    result = []
    for item in kb.timescales():
        citation = getattr(item, "citation", None)
        cited = _cited(citation) if citation else {"text": None, "url": None}
        result.append({
            "id": item.id,
            "label": item.label,
            "period": plain(getattr(item, "period", None)),
            "fixed_date": plain(getattr(item, "fixed_date", None)),
            "starts": plain(getattr(item, "starts", None)),
            "citation": cited["text"],
            "citation_url": cited["url"],
        })
    return result
