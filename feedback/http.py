"""The feedback POST route, shared by the web chat channel (/webhooks/webchat/feedback) and
the REST channel (/webhooks/rest/feedback). The request format is in submit.py and README.
"""

import asyncio
import logging
from collections.abc import Callable
from typing import Any

from sanic import response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.protection import RateLimiter, RequestError

from .store import FeedbackStore, default_store
from .submit import OncePerAnswer, parse_feedback, rating_from_tracker, uk_today

log = logging.getLogger(__name__)

# A person rates a few answers a minute; this stops a script filling the table.
_per_address = RateLimiter(30)
_once = OncePerAnswer()


def _json(body: dict, status: int = 200) -> HTTPResponse:
    return response.json(
        body,
        status=status,
        headers={
            "Cache-Control": "no-store",
            "X-Content-Type-Options": "nosniff",
            "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
        },
    )


def _error(error: RequestError, **headers: str) -> HTTPResponse:
    resp = _json(error.as_json(), error.status)
    for name, value in headers.items():
        resp.headers[name.replace("_", "-")] = value
    return resp


async def receive_feedback(
    request: Request,
    channel: str,
    store: Callable[[], FeedbackStore] | None = None,
    conversation_prefix: str = "",
) -> HTTPResponse:
    """Handle one feedback POST; always JSON, never a bare 500."""
    wait = _per_address.retry_after("ip:" + str(request.remote_addr or request.ip))
    if wait:
        return _error(
            RequestError(429, "rate_limited", "Too much feedback at once. Please wait a moment."),
            Retry_After=str(wait),
        )
    try:
        feedback = parse_feedback(request.body or b"")
        return _json(
            await _record(
                request, feedback, channel, (store or _store_for(request))(), conversation_prefix
            )
        )
    except RequestError as error:
        return _error(error)
    except Exception:
        log.exception("feedback.failure")
        return _error(
            RequestError(
                503, "feedback_unavailable", "Sorry, your feedback could not be saved just now."
            )
        )


def _store_for(request: Request) -> Callable[[], FeedbackStore]:
    # Tests (and other deployments) may put a store on the app; otherwise the tracker database.
    return lambda: getattr(request.app.ctx, "feedback_store", None) or default_store()


async def _record(
    request: Request, feedback: Any, channel: str, store: FeedbackStore, prefix: str = ""
) -> dict:
    loop = asyncio.get_running_loop()
    if feedback.ref is not None:
        added = await loop.run_in_executor(None, store.add_comment, feedback.ref, feedback.comment)
        if not added:
            raise RequestError(
                404,
                "unknown_ref",
                "That rating cannot take a comment (already has one, or unknown).",
            )
        return {"status": "recorded"}
    agent = getattr(request.app.ctx, "agent", None)
    tracker_store = getattr(agent, "tracker_store", None)
    if tracker_store is None:
        raise RequestError(
            503, "feedback_unavailable", "Sorry, your feedback could not be saved just now."
        )
    # Each channel stores its conversations under its own prefix (channels/gate.py).
    tracker = await tracker_store.retrieve(prefix + feedback.sender)
    rating = rating_from_tracker(tracker, feedback.helpful, channel, uk_today())
    if not _once.first_time(feedback.sender, tracker):
        raise RequestError(409, "already_rated", "You have already rated this answer. Thank you.")
    ref = await loop.run_in_executor(None, store.add, rating)
    return {"status": "recorded", "ref": ref}


def add_feedback_route(
    bp: Any,
    origin_ok: Callable[[Request], bool],
    preflight: Callable[[Request], HTTPResponse],
    channel: str = "webchat",
    conversation_prefix: str = "",
) -> None:
    """POST <channel prefix>/feedback for a browser channel: the same origin rules and CORS
    preflight as its messages."""

    async def feedback(request: Request) -> HTTPResponse:
        if request.method == "OPTIONS":
            return preflight(request)
        if request.method != "POST":
            return _error(RequestError(405, "method_not_allowed", "Send feedback with POST."))
        if not origin_ok(request):
            return _error(
                RequestError(403, "origin_not_allowed", "This site may not use the chat.")
            )
        # JSON only, so a cross-site page cannot send a "simple" form request without a preflight.
        if not (request.headers.get("content-type") or "").lower().startswith("application/json"):
            return _error(
                RequestError(
                    415, "unsupported_media_type", "Send the feedback as application/json."
                )
            )
        return await receive_feedback(request, channel, conversation_prefix=conversation_prefix)

    bp.add_route(feedback, "/feedback", methods=["GET", "POST", "OPTIONS"], name="feedback")
