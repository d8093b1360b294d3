"""The report in the staff area (behind staff_auth): GET .../staff/report?days=30."""

import asyncio
import logging

import sqlalchemy as sa
from sanic.request import Request
from sanic.response import HTTPResponse

from staff_auth.pages import html_page, raw_html

from .build import MAX_DAYS, build_report, tracker_engine
from .html import STYLE

log = logging.getLogger(__name__)
_engine: sa.engine.Engine | None = None


def _tracker_engine(request: Request) -> sa.engine.Engine:
    global _engine
    engine = getattr(
        request.app.ctx, "report_engine", None
    )  # tests and other deployments may set one
    if engine is not None:
        return engine
    if _engine is None:
        _engine = tracker_engine()
    return _engine


async def report_page(request: Request) -> HTTPResponse:
    raw = request.args.get("days", "30")
    if not raw.isdigit() or not 1 <= int(raw) <= MAX_DAYS:
        return html_page(
            "Error: report",
            f"<h1>Cannot show the report</h1><p>'days' must be a whole number "
            f"from 1 to {MAX_DAYS}.</p>",
            status=400,
        )
    engine = _tracker_engine(request)
    try:
        page = await asyncio.get_running_loop().run_in_executor(
            None, lambda: build_report(engine, int(raw), sign_out=True)
        )
    except Exception:
        log.exception("staff.report.failure")
        return html_page(
            "Report unavailable",
            "<h1>The report is not available just now</h1>"
            "<p>The conversation store could not be read. Try again in a few minutes.</p>",
            status=503,
        )
    return raw_html(page, STYLE)
