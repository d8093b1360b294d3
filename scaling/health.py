"""GET /webhooks/health: whether this replica can serve, for a load balancer.

credentials.yml: `scaling.health.HealthInput:` (a channel only for its route). The answer is
200 when the tracker store's database, the lock store and the action server all answer, 503
otherwise, with a JSON body saying which one failed:

    {"status": "ok", "checks": {"tracker_store": {"ok": true, "detail": "reachable",
     "pending_events": 0, ...}, "lock_store": {...}, "action_server": {...}}}

`pending_events` counts events kept in memory while the database was down
(scaling/tracker_store.py).
Each check is bounded by a few seconds, so a load balancer's probe never hangs.
"""

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp
from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

log = logging.getLogger(__name__)
CHECK_SECONDS = 3.0


class HealthInput(InputChannel):
    @classmethod
    def name(cls) -> str:
        return "health"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("scaling_health", __name__)

        @bp.route("/", methods=["GET", "HEAD"], name="health")
        async def health(request: Request) -> HTTPResponse:
            checks = await check_all(getattr(request.app.ctx, "agent", None))
            ok = all(check["ok"] for check in checks.values())
            return response.json(
                {"status": "ok" if ok else "unavailable", "checks": checks},
                status=200 if ok else 503,
                headers={"Cache-Control": "no-store"},
            )

        return bp


async def check_all(agent: Any) -> dict[str, dict[str, Any]]:
    if agent is None or not agent.is_ready():
        no_model = {"ok": False, "detail": "no model loaded"}
        return {"tracker_store": no_model, "lock_store": no_model, "action_server": no_model}
    tracker, lock, actions = await asyncio.gather(
        _bounded(_store_health(agent.tracker_store)),
        _bounded(_store_health(agent.lock_store)),
        _bounded(_action_server(agent.action_endpoint.url if agent.action_endpoint else None)),
    )
    return {"tracker_store": tracker, "lock_store": lock, "action_server": actions}


async def _bounded(check: Awaitable[dict[str, Any]]) -> dict[str, Any]:
    try:
        return await asyncio.wait_for(check, CHECK_SECONDS)
    except asyncio.TimeoutError:
        return {"ok": False, "detail": f"no answer within {CHECK_SECONDS:g} s"}
    except Exception as exc:  # noqa: BLE001 - a failing check is an answer, not an error
        return {"ok": False, "detail": f"{exc.__class__.__name__}: {exc}"}


async def _store_health(store: Any) -> dict[str, Any]:
    """Stores with a `health()` method (ours) run it off the event loop; others are in memory."""
    inner = getattr(store, "_tracker_store", store)  # Rasa's FailSafeTrackerStore wraps others
    if hasattr(inner, "health"):
        result = await asyncio.get_running_loop().run_in_executor(None, inner.health)
        if hasattr(inner, "health_counts"):
            result.update(inner.health_counts())
        return result
    return {"ok": True, "detail": f"{inner.__class__.__name__} (in this process)"}


async def _action_server(webhook_url: str | None) -> dict[str, Any]:
    if not webhook_url:
        return {"ok": True, "detail": "no action server configured"}
    url = webhook_url.rsplit("/webhook", 1)[0].rstrip("/") + "/health"
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=CHECK_SECONDS)) as session:
        async with session.get(url) as answer:
            return {"ok": answer.status == 200, "detail": f"HTTP {answer.status}"}
