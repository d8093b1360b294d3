"""The web chat's static assets: widget, demo pages and staff page, with safe headers."""

import hashlib
import os

from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.limits import Limits
from webchat.http import common_headers, json_error

STATIC_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "static")

# Our own pages load nothing from elsewhere and run no inline script, so the
# policy can be strict; a council page embedding the widget sets its own.
PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; connect-src 'self'; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'; object-src 'none'"
)

CONTENT_TYPES = {
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".html": "text/html; charset=utf-8",
}

# path -> (file in static/, loaded by other sites' pages?)
STATIC_ROUTES = {
    "/widget.js": ("widget.js", True),
    "/widget.css": ("widget.css", True),
    "/demo": ("demo.html", False),
    "/demo/page-2": ("demo-page-2.html", False),
    "/base.css": ("base.css", False),
    "/demo.css": ("demo.css", False),
    "/staff": ("staff.html", False),
    "/staff.js": ("staff.js", False),
    "/staff.css": ("staff.css", False),
}

_cache: dict[tuple[str, tuple[tuple[str, str], ...]], tuple[float, bytes, str]] = {}


def _read(name: str, fill: dict[str, str] | None = None) -> tuple[bytes, str] | None:
    path = os.path.join(STATIC_DIR, name)
    try:
        mtime = os.path.getmtime(path)
    except OSError:
        return None
    key = (name, tuple(sorted((fill or {}).items())))
    cached = _cache.get(key)
    if not cached or cached[0] != mtime:
        with open(path, "rb") as handle:
            data = handle.read()
        for placeholder, value in (fill or {}).items():
            data = data.replace(placeholder.encode(), value.encode())
        cached = (mtime, data, f'"{hashlib.sha256(data).hexdigest()[:32]}"')
        _cache[key] = cached
    return cached[1], cached[2]


def static_file(
    request: Request, name: str, embeddable: bool = False, fill: dict[str, str] | None = None
) -> HTTPResponse:
    """Serve one file from static/ with a content type, ETag and safe headers.

    ``embeddable`` files (the widget's JS and CSS) are loaded by council
    pages on other origins, so they say so for pages that use COEP. ``fill``
    replaces placeholders in the file with this server's settings.
    """
    found = _read(name, fill)
    if found is None:
        return json_error(404, "not_found", "No such file.")
    data, etag = found
    headers = common_headers()
    headers["ETag"] = etag
    headers["Cache-Control"] = "no-cache"
    if name.endswith(".html"):
        headers["Content-Security-Policy"] = PAGE_CSP
        headers["X-Frame-Options"] = "DENY"
    if embeddable:
        headers["Cross-Origin-Resource-Policy"] = "cross-origin"
    if request.headers.get("if-none-match") == etag:
        return response.empty(status=304, headers=headers)
    content_type = CONTENT_TYPES[os.path.splitext(name)[1]]
    body = b"" if request.method == "HEAD" else data
    return response.raw(body, content_type=content_type, headers=headers)


def add_routes(bp: Blueprint, limits: Limits) -> None:
    """One GET/HEAD route per file in STATIC_ROUTES. widget.js is served with the channel's
    message limit filled in, so the widget counts to the limit of the server it came from."""
    widget_fill = {"__MAX_MESSAGE_CHARS__": str(limits.max_message_chars)}
    for path, (filename, embeddable) in STATIC_ROUTES.items():
        fill = widget_fill if filename == "widget.js" else None

        def serve(
            request: Request, _f: str = filename, _e: bool = embeddable, _fill: dict | None = fill
        ) -> HTTPResponse:
            return static_file(request, _f, embeddable=_e, fill=_fill)

        name = "static_" + filename.replace(".", "_").replace("-", "_")
        bp.add_route(serve, path, methods=["GET", "HEAD"], name=name)
