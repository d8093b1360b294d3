"""Rasa custom input channel ``webchat``: routes under ``/webhooks/webchat/``.

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

import logging
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from feedback.http import add_feedback_route
from reporting.web import report_page
from staff_auth.routes import add_staff_routes
from webchat import staff_api
from webchat.protection import OriginPolicy, RateLimiter, RequestError, parse_chat_request
from webchat.web import common_headers, json_error, json_response, static_file

logger = logging.getLogger(__name__)

ALL_METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]
# path -> (file in static/, loaded by other sites' pages?)
STATIC_ROUTES = {
    "/widget.js": ("widget.js", True),
    "/widget.css": ("widget.css", True),
    "/demo": ("demo.html", False),
    "/demo/page-2": ("demo-page-2.html", False),
    "/demo.css": ("demo.css", False),
    "/staff": ("staff.html", False),
    "/staff.js": ("staff.js", False),
    "/staff.css": ("staff.css", False),
}
UNAVAILABLE = "Sorry, the assistant is not available just now. Please try again in a few minutes."


def bot_message(message: Dict[Text, Any]) -> Dict[Text, Any]:
    """Keep the parts of a Rasa bot message the widget renders."""
    out: Dict[Text, Any] = {}
    if isinstance(message.get("text"), str):
        out["text"] = message["text"]
    buttons = [
        {"title": str(b.get("title", "")), "payload": str(b.get("payload", ""))}
        for b in message.get("buttons") or []
        if isinstance(b, dict) and b.get("title")
    ]
    if buttons:
        out["buttons"] = buttons
    if isinstance(message.get("custom"), dict):
        out["custom"] = message["custom"]
    return out


class WebChatInput(InputChannel):
    """Web chat for council sites, the demo page and the IASS staff page."""

    @classmethod
    def name(cls) -> Text:
        return "webchat"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        credentials = credentials or {}
        origins = credentials.get("allowed_origins") or []
        if isinstance(origins, str):
            origins = [origins]
        return cls(
            allowed_origins=origins,
            max_message_chars=int(credentials.get("max_message_chars", 1000)),
            rate_limit_per_minute=int(credentials.get("rate_limit_per_minute", 20)),
            rate_limit_per_minute_per_ip=int(
                credentials.get("rate_limit_per_minute_per_ip", 120)
            ),
        )

    def __init__(
        self,
        allowed_origins: Optional[List[Text]] = None,
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

    def _origin_ok(self, request: Request) -> bool:
        return self.origins.is_allowed(request.headers.get("origin"), request.host)

    def _preflight(self, request: Request) -> HTTPResponse:
        if not self._origin_ok(request):
            return json_error(403, "origin_not_allowed", "This site may not use the chat.")
        headers = common_headers()
        headers.update({
            "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
            "Access-Control-Allow-Headers": "Content-Type",
            "Access-Control-Max-Age": "600",
        })
        return response.empty(status=204, headers=headers)

    def _apply_cors(self, request: Request, resp: HTTPResponse) -> Optional[HTTPResponse]:
        """Last response middleware: our CORS answer replaces any other."""
        replaced = None
        if request.method == "OPTIONS":
            # Rasa's global CORS layer may have answered the preflight already.
            resp = replaced = self._preflight(request)
        else:
            # Drop what a global CORS layer added; this channel decides alone.
            for header in [h for h in resp.headers.keys() if h.lower().startswith("access-control-")]:
                del resp.headers[header]
        origin = request.headers.get("origin")
        if origin and self._origin_ok(request):
            for name, value in self.origins.cors_headers(origin):
                resp.headers[name] = value
        else:
            resp.headers["Vary"] = "Origin"
        return replaced

    # -- message ------------------------------------------------------------

    async def _receive(
        self, request: Request, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> HTTPResponse:
        if not self._origin_ok(request):
            return json_error(403, "origin_not_allowed", "This site may not use the chat.")
        wait = self.ip_limiter.retry_after("ip:" + str(request.remote_addr or request.ip))
        if wait:
            return self._too_many(wait)
        try:
            chat = parse_chat_request(
                request.body or b"", request.headers.get("content-type"), self.max_message_chars
            )
        except RequestError as error:
            return json_error(error.status, error.code, error.message)
        wait = self.sender_limiter.retry_after("sender:" + chat.sender)
        if wait:
            return self._too_many(wait)

        collector = CollectingOutputChannel()
        try:
            await on_new_message(
                UserMessage(
                    chat.text,
                    collector,
                    chat.sender,
                    input_channel=self.name(),
                    metadata=dict(chat.metadata),
                )
            )
        except Exception:
            logger.exception("webchat.message.failure")
            if not collector.messages:
                return json_error(503, "assistant_unavailable", UNAVAILABLE)
        return json_response({"messages": [bot_message(m) for m in collector.messages]})

    @staticmethod
    def _too_many(wait: int) -> HTTPResponse:
        return json_error(
            429,
            "rate_limited",
            "You are sending messages very quickly. Please wait a moment and try again.",
            Retry_After=str(wait),
        )

    # -- staff panels ---------------------------------------------------------

    def _staff(self, request: Request, build: Callable[[Any], Any]) -> HTTPResponse:
        if not self._origin_ok(request):
            return json_error(403, "origin_not_allowed", "This site may not use the chat.")
        try:
            return json_response(build(staff_api.knowledge_base()))
        except staff_api.KnowledgeUnavailable:
            return json_error(503, "knowledge_unavailable", "The contact details are not available just now.")
        except LookupError:
            return json_error(404, "not_found", "No council with that name is covered.")
        except Exception:
            logger.exception("webchat.staff_api.failure")
            return json_error(503, "knowledge_unavailable", "The contact details are not available just now.")

    # -- routes ---------------------------------------------------------------

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        bp = Blueprint("webchat_channel", __name__)

        @bp.route("/", methods=["GET", "HEAD"], name="health")
        async def health(request: Request) -> HTTPResponse:
            return json_response({"status": "ok"})

        for path, (filename, embeddable) in STATIC_ROUTES.items():
            def serve(request: Request, _f: str = filename, _e: bool = embeddable) -> HTTPResponse:
                return static_file(request, _f, embeddable=_e)

            bp.add_route(serve, path, methods=["GET", "HEAD"], name="static_" + filename.replace(".", "_").replace("-", "_"))

        @bp.route("/message", methods=ALL_METHODS, name="message")
        async def message(request: Request) -> HTTPResponse:
            if request.method == "OPTIONS":
                return self._preflight(request)
            if request.method != "POST":
                return json_error(405, "method_not_allowed", "Send messages with POST.")
            try:
                return await self._receive(request, on_new_message)
            except Exception:  # never let a request become a bare 500
                logger.exception("webchat.message.unexpected")
                return json_error(503, "assistant_unavailable", UNAVAILABLE)

        @bp.route("/api/councils", methods=ALL_METHODS, name="api_councils")
        async def api_councils(request: Request) -> HTTPResponse:
            return self._api(request, lambda kb: {"councils": staff_api.councils(kb)})

        @bp.route("/api/councils/<key:str>", methods=ALL_METHODS, name="api_council")
        async def api_council(request: Request, key: str) -> HTTPResponse:
            def build(kb: Any) -> Dict[str, Any]:
                place = staff_api.find_covered(kb, key)
                if place is None:
                    raise LookupError(key)
                return staff_api.council_detail(kb, place)

            return self._api(request, build)

        @bp.route("/api/timescales", methods=ALL_METHODS, name="api_timescales")
        async def api_timescales(request: Request) -> HTTPResponse:
            return self._api(request, lambda kb: {"timescales": staff_api.timescales(kb)})

        add_feedback_route(bp, self._origin_ok, self._preflight)  # POST /feedback (README)
        add_staff_routes(bp, {"/staff/report": report_page})  # sign-in; the report needs it

        @bp.route("/<path:path>", methods=ALL_METHODS, name="not_found")
        async def not_found(request: Request, path: str) -> HTTPResponse:
            if not path.strip("/"):  # "/webhooks/webchat/" lands here, not on "/"
                return json_response({"status": "ok"})
            return json_error(404, "not_found", "No such address.")

        @bp.middleware("response")
        async def cors(request: Request, resp: HTTPResponse) -> Optional[HTTPResponse]:
            return self._apply_cors(request, resp)

        return bp

    def _api(self, request: Request, build: Callable[[Any], Any]) -> HTTPResponse:
        if request.method == "OPTIONS":
            return self._preflight(request)
        if request.method not in ("GET", "HEAD"):
            return json_error(405, "method_not_allowed", "Use GET.")
        return self._staff(request, build)
