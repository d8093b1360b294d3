"""The staff page's quick panels: JSON read from the knowledge base, and their routes.

GET /api/councils, /api/councils/<key>, /api/timescales, /api/topics[?q=word]. A ladder
step's contact is the one the chat names (advice.ladders.step_contact), so both always agree.
"""

import dataclasses
import datetime
import logging
from collections.abc import Callable
from typing import Any

from sanic import Blueprint
from sanic.request import Request
from sanic.response import HTTPResponse

from advice.ladders import step_contact
from knowledge import KnowledgeUnavailable, default_kb
from knowledge.citations import citation_url, plain_text
from replies import phrases, render
from webchat.http import json_error, json_response

logger = logging.getLogger(__name__)

SERVICE_FIELDS = (
    "kind",
    "name",
    "phones",
    "text_phone",
    "email",
    "website",
    "hours",
    "address",
    "offers",
)


def plain(value: Any) -> Any:
    """Turn view objects (dataclasses, tuples, dates) into JSON values."""
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


def _service(service: Any) -> dict[str, Any]:
    return {field: plain(getattr(service, field, None)) for field in SERVICE_FIELDS}


def councils(kb: Any) -> list[dict[str, str]]:
    places = sorted(kb.covered_places(), key=lambda p: p.name)
    return [{"key": p.key, "name": p.name} for p in places]


def find_covered(kb: Any, key: str) -> Any | None:
    for place in kb.covered_places():
        if place.key == key:
            return place
    return None


def _cited(citation: Any) -> dict[str, Any]:
    """A citation in words, with a link to the exact provision it names."""
    return {"text": plain_text(citation), "url": citation_url(citation)}


def council_detail(kb: Any, place: Any) -> dict[str, Any]:
    """One council's contacts, plus every escalation ladder with each step's contact for that
    council: its service of the step's kind, else its IASS (as the chat says)."""
    ladders = []
    for ladder in kb.ladders():
        steps = []
        for step in ladder.steps:
            contact = step_contact(step, place)
            steps.append(
                {
                    "key": step.key,
                    "who": step.who,
                    "how": step.how,
                    "ask_for": step.ask_for,
                    "contact_kind": step.contact_kind,
                    "contact": _service(contact) if contact is not None else None,
                    # This council's own leaflet, never another council's (as in the chat).
                    "citations": [
                        _cited(c) for c in render.fitting_citations(step.citations, place)
                    ],
                }
            )
        ladders.append({"id": ladder.id, "title": ladder.title, "steps": steps})
    return {
        "council": {
            "key": place.key,
            "name": place.name,
            # When the council's file was last checked against its sources.
            "reviewed": plain(place.reviewed),
            "services": [_service(s) for s in place.services],
            "funding_routes": plain(place.funding_routes),
        },
        "ladders": ladders,
        "national": [_service(s) for s in kb.national_services()],
    }


def timescales(kb: Any) -> list[dict[str, Any]]:
    return [
        {
            "id": item.id,
            "label": item.label,
            "period": plain(item.period),
            "fixed_date": plain(item.fixed_date),
            # Worded on the server, by the same function as the chat ("1 month", not "1 months").
            "time_limit": render.time_limit_text(item),
            "counts_first_day": item.counts_first_day,
            "starts": item.starts,
            "citation": plain_text(item.citation),
            "citation_url": citation_url(item.citation),
        }
        for item in kb.timescales()
    ]


def topic_json(topic: Any) -> dict[str, Any]:
    return {
        "id": topic.id,
        "title": topic.title,
        "answer": topic.answer,
        "detail": topic.detail,
        "next_step": topic.next_step,
        "citations": [_cited(c) for c in topic.citations],
        "cues": list(topic.cues),
    }


def _has_words(text: str, words: list[str]) -> bool:
    text = text.lower()
    return all(word in text for word in words)


def matching_topics(topics: list[dict[str, Any]], query: str) -> list[dict[str, Any]]:
    """Topics whose title or cues hold every word of the query; only when none do, topics
    whose answer holds them. Why: "exclusion" should give the exclusion topics, not every
    answer that mentions one in passing. staff.js applies the same rule in the browser."""
    words = query.lower().split()
    if not words:
        return topics
    named = [t for t in topics if _has_words(t["title"] + " " + " ".join(t["cues"]), words)]
    return named or [t for t in topics if _has_words(t["answer"], words)]


def topics(kb: Any, query: str = "") -> list[dict[str, Any]]:
    """Every loaded (published) guidance topic, in the knowledge base's order."""
    return matching_topics([topic_json(t) for t in kb.topics()], query)


def knowledge_base() -> Any:
    """The knowledge base the panels read (the same one the actions use)."""
    return default_kb()


def _answer(channel: Any, request: Request, build: Callable[[Any], Any]) -> HTTPResponse:
    if request.method == "OPTIONS":
        return channel.preflight(request)
    if request.method not in ("GET", "HEAD"):
        return json_error(405, "method_not_allowed", "Use GET.")
    if not channel.origin_ok(request):
        return json_error(403, "origin_not_allowed", phrases.ORIGIN_NOT_ALLOWED)
    try:
        return json_response(build(knowledge_base()))
    except KnowledgeUnavailable:
        return json_error(503, "knowledge_unavailable", phrases.STAFF_CONTACTS_UNAVAILABLE)
    except LookupError:
        return json_error(404, "not_found", phrases.STAFF_NO_SUCH_COUNCIL)
    except Exception:
        logger.exception("webchat.staff_api.failure")
        return json_error(503, "knowledge_unavailable", phrases.STAFF_CONTACTS_UNAVAILABLE)


def add_routes(bp: Blueprint, channel: Any, methods: list) -> None:
    @bp.route("/api/councils", methods=methods, name="api_councils")
    async def api_councils(request: Request) -> HTTPResponse:
        return _answer(channel, request, lambda kb: {"councils": councils(kb)})

    @bp.route("/api/councils/<key:str>", methods=methods, name="api_council")
    async def api_council(request: Request, key: str) -> HTTPResponse:
        def build(kb: Any) -> dict[str, Any]:
            place = find_covered(kb, key)
            if place is None:
                raise LookupError(key)
            return council_detail(kb, place)

        return _answer(channel, request, build)

    @bp.route("/api/timescales", methods=methods, name="api_timescales")
    async def api_timescales(request: Request) -> HTTPResponse:
        return _answer(channel, request, lambda kb: {"timescales": timescales(kb)})

    @bp.route("/api/topics", methods=methods, name="api_topics")
    async def api_topics(request: Request) -> HTTPResponse:
        query = request.args.get("q", "")[:100]
        return _answer(channel, request, lambda kb: {"topics": topics(kb, query)})
