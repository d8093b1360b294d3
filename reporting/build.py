"""Read, group and render: the one function both the command and the staff page call."""

import datetime as dt

import sqlalchemy as sa

from .clusters import group_similar
from .html import render_report
from .queries import read_report

MAX_DAYS = 366
MAX_GROUPS = 25


def build_report(
    engine: sa.engine.Engine, days: int, now: float | None = None, sign_out: bool = False
) -> str:
    if not 1 <= days <= MAX_DAYS:
        raise ValueError(f"days must be between 1 and {MAX_DAYS}")
    data = read_report(engine, days, now)
    groups = group_similar(data.fallback_texts)[:MAX_GROUPS]
    generated = (
        dt.datetime.fromtimestamp(now, dt.timezone.utc) if now else dt.datetime.now(dt.timezone.utc)
    )
    return render_report(data, groups, generated, sign_out=sign_out)


def tracker_engine(url: str | None = None) -> sa.engine.Engine:
    """The tracker store's database: ``url`` if given, else endpoints.yml's TRACKER_* settings."""
    if url:
        return sa.create_engine(url)
    from privacy.retention import tracker_db_url

    return sa.create_engine(tracker_db_url())
