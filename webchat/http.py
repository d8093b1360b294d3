"""JSON responses and headers shared by the web chat's routes (chat, static assets, staff API)."""

from sanic import response
from sanic.response import HTTPResponse

from channels.protection import RequestError

API_CSP = "default-src 'none'; frame-ancestors 'none'"


def common_headers() -> dict[str, str]:
    return {
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
    }


def json_response(body: dict, status: int = 200) -> HTTPResponse:
    headers = common_headers()
    # Why no-store: replies may echo what a parent wrote about their child.
    headers.update({"Cache-Control": "no-store", "Content-Security-Policy": API_CSP})
    return response.json(body, status=status, headers=headers)


def json_error(status: int, code: str, message: str, **extra_headers: str) -> HTTPResponse:
    resp = json_response(RequestError(status, code, message).as_json(), status=status)
    for name, value in extra_headers.items():
        resp.headers[name.replace("_", "-")] = value
    return resp
