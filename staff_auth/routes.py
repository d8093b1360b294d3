"""Sign-in, sign-out and the guard for protected staff pages, as Sanic routes.

``add_staff_routes(bp, {"/staff/report": handler})`` adds ``/staff/login``, ``/staff/logout``
and each protected page under the blueprint. A protected page without a valid session
answers 401 with the sign-in form; with no STAFF_PASSWORD_HASH configured it answers 503.
"""

import asyncio
import logging
import os
import secrets
from collections.abc import Awaitable, Callable, Mapping
from urllib.parse import parse_qs, urlsplit

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from .lockout import Lockout
from .pages import html_page, login_form
from .passwords import BadHash, parse_hash, verify_password
from .sessions import SessionSigner

log = logging.getLogger(__name__)
COOKIE = "send_staff_session"
Handler = Callable[[Request], Awaitable[HTTPResponse]]


def _address(request: Request) -> str:
    return str(request.remote_addr or request.ip)


class StaffGate:
    """Everything sign-in needs, read once from the environment."""

    def __init__(self, env: Mapping[str, str] = None, lockout: Lockout | None = None) -> None:
        env = os.environ if env is None else env
        self.password_hash: str | None = (env.get("STAFF_PASSWORD_HASH") or "").strip() or None
        if self.password_hash:
            try:
                parse_hash(self.password_hash)
            except BadHash as error:
                log.error("staff sign-in is off: %s", error)
                self.password_hash = None
        secret = (env.get("STAFF_SESSION_SECRET") or "").encode() or secrets.token_bytes(32)
        try:
            minutes = int(env.get("STAFF_SESSION_MINUTES") or 60)
        except ValueError:
            log.error("STAFF_SESSION_MINUTES must be a whole number of minutes; using 60")
            minutes = 60
        self.signer = SessionSigner(secret, self.password_hash or "", minutes)
        self.secure = (env.get("STAFF_COOKIE_SECURE") or "true").strip().lower() not in (
            "0",
            "false",
            "no",
        )
        self.lockout = lockout or Lockout()

    @property
    def enabled(self) -> bool:
        return self.password_hash is not None

    def signed_in(self, request: Request) -> bool:
        return self.enabled and self.signer.valid(request.cookies.get(COOKIE, ""))

    def cookie(self, value: str, max_age: int, path: str) -> str:
        parts = [
            f"{COOKIE}={value}",
            f"Path={path}",
            f"Max-Age={max_age}",
            "HttpOnly",
            "SameSite=Strict",
        ]
        if self.secure:
            parts.append("Secure")
        return "; ".join(parts)


def _disabled() -> HTTPResponse:
    return html_page(
        "Staff sign-in is not set up",
        "<h1>Staff sign-in is not set up</h1>"
        "<p>This page shows information from conversations, so it needs a sign-in. "
        "The service administrator must set STAFF_PASSWORD_HASH (see README).</p>",
        status=503,
    )


def _same_origin(request: Request) -> bool:
    # Why: a sign-in form posted from another site must not work (login CSRF).
    origin = request.headers.get("origin")
    return not origin or urlsplit(origin).netloc.lower() == (request.host or "").lower()


def add_staff_routes(
    bp: Blueprint,
    protected: dict[str, Handler],
    gate: StaffGate | None = None,
    prefix: str = "/staff",
) -> StaffGate:
    gate = gate or StaffGate()

    def staff_base(request: Request) -> str:
        return request.path.rsplit("/", 1)[0]  # e.g. /webhooks/webchat/staff

    def failed(request: Request, message: str, status: int, **headers: str) -> HTTPResponse:
        return html_page(
            "Error: sign in to the staff area", login_form(message), status=status, **headers
        )

    async def login(request: Request) -> HTTPResponse:
        if not gate.enabled:
            return _disabled()
        if request.method != "POST":
            if gate.signed_in(request):
                return response.redirect(staff_base(request) + "/report", status=303)
            return html_page("Sign in to the staff area", login_form())
        if not _same_origin(request):
            return failed(request, "Sign in from this site's own sign-in page.", 403)
        address = _address(request)
        wait = gate.lockout.retry_after(address)
        if wait:
            log.warning("staff.login.locked")
            return failed(
                request,
                f"Too many failed attempts. Try again in {max(1, wait // 60)} minutes.",
                429,
                Retry_After=str(wait),
            )
        password = (
            parse_qs((request.body or b"")[:4096].decode("utf-8", "replace")).get("password")
            or [""]
        )[0]
        ok = bool(password) and await asyncio.get_running_loop().run_in_executor(
            None, verify_password, password, gate.password_hash
        )
        if not ok:
            gate.lockout.failed(address)
            log.warning("staff.login.failed")
            return failed(
                request,
                "Enter the correct staff password." if password else "Enter the staff password.",
                401,
            )
        gate.lockout.succeeded(address)
        log.info("staff.login.ok")
        resp = response.redirect(staff_base(request) + "/report", status=303)
        resp.headers["Set-Cookie"] = gate.cookie(
            gate.signer.issue(), gate.signer.seconds, staff_base(request)
        )
        resp.headers["Cache-Control"] = "no-store"
        return resp

    async def logout(request: Request) -> HTTPResponse:
        resp = response.redirect(staff_base(request) + "/login", status=303)
        if _same_origin(request):
            resp.headers["Set-Cookie"] = gate.cookie("", 0, staff_base(request))
        return resp

    bp.add_route(login, prefix + "/login", methods=["GET", "HEAD", "POST"], name="staff_login")
    bp.add_route(logout, prefix + "/logout", methods=["POST"], name="staff_logout")

    for path, handler in protected.items():

        async def guarded(request: Request, _handler: Handler = handler) -> HTTPResponse:
            if not gate.enabled:
                return _disabled()
            if not gate.signed_in(request):
                # Refused, with the sign-in form (its relative action posts to ./login).
                return html_page("Sign in to the staff area", login_form(), status=401)
            return await _handler(request)

        bp.add_route(
            guarded,
            path,
            methods=["GET", "HEAD"],
            name="staff_" + path.strip("/").replace("/", "_"),
        )
    return gate
