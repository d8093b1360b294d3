"""Rasa custom input channel ``webchat``: routes under ``/webhooks/webchat/``.

This module holds the channel's settings and CORS, and puts the routes together:
the chat in webchat/chat.py, static files in webchat/static_assets.py and the staff
panels in webchat/staff_api.py.

credentials.yml::

    webchat.channel.WebChatInput:
      allowed_origins: ["https://www.hants.gov.uk"]   # default: same origin only
      max_message_chars: 1000
      rate_limit_per_minute: 20          # per conversation (sender id)
      rate_limit_per_minute_per_ip: 120  # per client address; 0 turns it off

Do not also pass ``--cors`` to ``rasa run``: this channel answers CORS for
its own routes and overrides whatever the global CORS layer adds to them.
Behind a reverse proxy, set ``SANIC_PROXIES_COUNT=1`` (or
``SANIC_REAL_IP_HEADER``) so the per-address limit sees real client
addresses rather than one shared proxy address.
"""

from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.protection import OriginPolicy, RateLimiter
from replies import phrases
from webchat import chat, staff_api, static_assets
from webchat.http import common_headers, json_error, json_response

ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]


class WebChatInput(InputChannel):
    """Web chat for council sites, the demo page and the IASS staff page."""

    @classmethod
    def name(cls) -> str:
        return "webchat"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        credentials = credentials or {}
        origins = credentials.get("allowed_origins") or []
        if isinstance(origins, str):
            origins = [origins]
        return cls(
            allowed_origins=origins,
            max_message_chars=int(credentials.get("max_message_chars", 1000)),
            rate_limit_per_minute=int(credentials.get("rate_limit_per_minute", 20)),
            rate_limit_per_minute_per_ip=int(credentials.get("rate_limit_per_minute_per_ip", 120)),
        )

    def __init__(
        self,
        allowed_origins: list[str] | None = None,
        max_message_chars: int = 1000,
        rate_limit_per_minute: int = 20,
        rate_limit_per_minute_per_ip: int = 120,
    ) -> None:
        self.origins = OriginPolicy(allowed_origins)
        self.max_message_chars = max_message_chars
        self.sender_limiter = RateLimiter(rate_limit_per_minute)
        # Why a second limit: the sender id is chosen by the client, so a
        # script could rotate it; the address limit caps that.
        self.ip_limiter = RateLimiter(rate_limit_per_minute_per_ip)

    # -- CORS ---------------------------------------------------------------

    def origin_ok(self, request: Request) -> bool:
        return self.origins.is_allowed(request.headers.get("origin"), request.host)

    def preflight(self, request: Request) -> HTTPResponse:
        if not self.origin_ok(request):
            return json_error(403, "origin_not_allowed", phrases.ORIGIN_NOT_ALLOWED)
        headers = common_headers()
        headers.update(
            {
                "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
                "Access-Control-Allow-Headers": "Content-Type",
                "Access-Control-Max-Age": "600",
            }
        )
        return response.empty(status=204, headers=headers)

    def _apply_cors(self, request: Request, resp: HTTPResponse) -> HTTPResponse | None:
        """Last response middleware: our CORS answer replaces any other."""
        replaced = None
        if request.method == "OPTIONS":
            # Rasa's global CORS layer may have answered the preflight already.
            resp = replaced = self.preflight(request)
        else:
            # Drop what a global CORS layer added; this channel decides alone.
            for header in [
                h for h in resp.headers.keys() if h.lower().startswith("access-control-")
            ]:
                del resp.headers[header]
        origin = request.headers.get("origin")
        if origin and self.origin_ok(request):
            for name, value in self.origins.cors_headers(origin):
                resp.headers[name] = value
        else:
            resp.headers["Vary"] = "Origin"
        return replaced

    # -- routes ---------------------------------------------------------------

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("webchat_channel", __name__)

        @bp.route("/", methods=["GET", "HEAD"], name="health")
        async def health(request: Request) -> HTTPResponse:
            return json_response({"status": "ok"})

        static_assets.add_routes(bp)
        chat.add_routes(bp, self, on_new_message, ALL_METHODS)
        staff_api.add_routes(bp, self, ALL_METHODS)

        @bp.route("/<path:path>", methods=ALL_METHODS, name="not_found")
        async def not_found(request: Request, path: str) -> HTTPResponse:
            if not path.strip("/"):  # "/webhooks/webchat/" lands here, not on "/"
                return json_response({"status": "ok"})
            return json_error(404, "not_found", "No such address.")

        @bp.middleware("response")
        async def cors(request: Request, resp: HTTPResponse) -> HTTPResponse | None:
            return self._apply_cors(request, resp)

        return bp
