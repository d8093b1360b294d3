"""Small self-contained HTML pages for the staff area, with a CSP allowing only their own style."""

import base64
import hashlib
from html import escape

from sanic import response
from sanic.response import HTTPResponse

STYLE = """
body{font-family:Arial,Helvetica,sans-serif;margin:0;color:#0b0c0c;background:#fff;line-height:1.5}
main{max-width:40rem;margin:2rem auto;padding:0 1rem}
h1{font-size:2rem;margin:0 0 1rem}
label{display:block;font-weight:bold;margin-bottom:.25rem}
input[type=password]{font-size:1.1rem;padding:.4rem;border:2px solid #0b0c0c;width:100%;
  max-width:20rem;box-sizing:border-box}
button{font-size:1.1rem;padding:.5rem 1rem;margin-top:1rem;background:#00703c;color:#fff;
  border:0;box-shadow:0 2px 0 #002d18;cursor:pointer}
button:focus,input:focus{outline:3px solid #fd0;outline-offset:0;box-shadow:inset 0 0 0 2px #0b0c0c}
.error-summary{border:4px solid #d4351c;padding:1rem;margin-bottom:1.5rem}
.error-summary h2{margin-top:0;font-size:1.2rem}
.error-message{color:#d4351c;font-weight:bold}
"""


def style_csp(style: str, extra: str = "") -> str:
    """A strict policy that allows exactly this inline style (by hash) and nothing else."""
    digest = base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode()
    return (
        f"default-src 'none'; style-src 'sha256-{digest}'; img-src data:; form-action 'self'; "
        f"base-uri 'none'; frame-ancestors 'none'{extra}"
    )


def html_page(
    title: str, body: str, status: int = 200, style: str = STYLE, **headers: str
) -> HTTPResponse:
    """``body`` is trusted HTML built by this package; everything variable in it must be escaped."""
    page = (
        f'<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{style}</style></head>"
        f"<body><main>{body}</main></body></html>"
    )
    return raw_html(page, style, status, **headers)


def raw_html(page: str, style: str, status: int = 200, **headers: str) -> HTTPResponse:
    all_headers = {
        "Content-Security-Policy": style_csp(style),
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "same-origin",
    }
    all_headers.update({k.replace("_", "-"): v for k, v in headers.items()})
    return response.html(page, status=status, headers=all_headers)


def login_form(error: str = "") -> str:
    summary = ""
    described = ""
    if error:
        summary = (
            '<div class="error-summary" role="alert" aria-labelledby="error-title" tabindex="-1">'
            '<h2 id="error-title">There is a problem</h2>'
            f'<p><a href="#password">{escape(error)}</a></p></div>'
        )
        described = ' aria-describedby="password-error" aria-invalid="true"'
    message = f'<p id="password-error" class="error-message">{escape(error)}</p>' if error else ""
    return (
        f"{summary}<h1>Sign in to the staff area</h1>"
        "<p>The report of what parents ask is for IASS managers and content editors.</p>"
        '<form method="post" action="login" novalidate>'
        '<label for="password">Staff password</label>'
        f'{message}<input id="password" name="password" type="password" '
        'autocomplete="current-password"'
        f" required{described}>"
        '<div><button type="submit">Sign in</button></div></form>'
    )
