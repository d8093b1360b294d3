"""Rasa custom input channel ``webchat``: routes under ``/webhooks/webchat/``.

This module holds the channel's settings and CORS, and puts the routes together:
the chat in webchat/chat.py, static files in webchat/static_assets.py and the staff
panels in webchat/staff_api.py.

credentials.yml::

    webchat.channel.WebChatInput:
      allowed_origins: ["https://www.hants.gov.uk"]   # default: same origin only

The limits (message size, rate limits, turn cap, sender ids) are the REST channel's, read
from the environment (channels/limits.py) and applied by channels/gate.py; the keys
``max_message_chars``, ``rate_limit_per_minute`` and ``rate_limit_per_minute_per_ip``
still override them here. Conversations are stored as ``web:<sender>``, so a web chat id
cannot be replayed over REST.

Do not also pass ``--cors`` to ``rasa run``: this channel answers CORS for
its own routes and overrides whatever the global CORS layer adds to them.
Behind a reverse proxy, see README "Behind a reverse proxy" (TRUSTED_PROXY_COUNT).
"""

import dataclasses
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.gate import ChannelGate, prepare_server
from channels.limits import Limits
from feedback.http import add_feedback_route
from replies import phrases
from reporting.web import report_page
from staff_auth.routes import add_staff_routes
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
        limits = Limits.from_env()
        overrides = {
            "max_message_chars": "max_message_chars",
            "rate_limit_per_minute": "per_conversation_per_minute",
            "rate_limit_per_minute_per_ip": "per_client_per_minute",
        }
        changes = {
            field: int(credentials[key]) for key, field in overrides.items() if key in credentials
        }
        return cls(allowed_origins=origins, limits=dataclasses.replace(limits, **changes))

    def __init__(
        self, allowed_origins: list[str] | None = None, limits: Limits | None = None
    ) -> None:
        self.gate = ChannelGate(limits, allowed_origins, conversation_prefix="web:")
        self.origins = self.gate.origins
        self.max_message_chars = self.gate.limits.max_message_chars

    # -- CORS ---------------------------------------------------------------

    def origin_ok(self, request: Request) -> bool:
        return self.gate.origin_ok(request)

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
        prepare_server(bp, self.gate.limits)

        @bp.route("/", methods=["GET", "HEAD"], name="health")
        async def health(request: Request) -> HTTPResponse:
            return json_response({"status": "ok"})

        static_assets.add_routes(bp, self.gate.limits)
        chat.add_routes(bp, self, on_new_message, ALL_METHODS)
        staff_api.add_routes(bp, self, ALL_METHODS)

        # POST /feedback (README); ratings find the conversation under the gate's prefix.
        add_feedback_route(
            bp,
            self.origin_ok,
            self.preflight,
            conversation_prefix=self.gate.conversation_prefix,
        )
        add_staff_routes(bp, {"/staff/report": report_page})  # sign-in; the report needs it

        @bp.route("/<path:path>", methods=ALL_METHODS, name="not_found")
        async def not_found(request: Request, path: str) -> HTTPResponse:
            if not path.strip("/"):  # "/webhooks/webchat/" lands here, not on "/"
                return json_response({"status": "ok"})
            return json_error(404, "not_found", "No such address.")

        @bp.middleware("response")
        async def cors(request: Request, resp: HTTPResponse) -> HTTPResponse | None:
            return self._apply_cors(request, resp)

        return bp
