"""Retention that runs by itself: inside the Rasa server, on a timer.

The channels register `start_retention` as a Sanic listener, so whoever runs the server
(`make run`, a container, the tests) gets it: conversations whose latest message is older
than RETENTION_DAYS (default 30) are deleted when the server starts and then every
RETENTION_INTERVAL_SECONDS (default 3600; 0 turns the schedule off, e.g. when a cron job
runs `make retention` instead). Replicas may all run it: deleting is idempotent.
"""

import asyncio
import logging
import os
from typing import Any

import sqlalchemy as sa

from .retention import DEFAULT_DAYS, delete_old_conversations, tracker_db_url

log = logging.getLogger(__name__)
_started = set()
_tasks = set()  # references keep the running schedules alive


def retention_settings() -> tuple:
    days = int(os.environ.get("RETENTION_DAYS") or DEFAULT_DAYS)
    interval = float(os.environ.get("RETENTION_INTERVAL_SECONDS") or 3600)
    return days, interval


async def run_retention_forever(
    days: int, interval: float, engine: sa.engine.Engine | None = None
) -> None:
    engine = engine or sa.create_engine(tracker_db_url())
    loop = asyncio.get_running_loop()
    while True:
        try:
            count = await loop.run_in_executor(None, delete_old_conversations, engine, days)
            if count:
                log.info(
                    "retention: deleted %d conversation(s) older than %d days",
                    count,
                    days,
                )
        except Exception as exc:  # the database may be down; try again next time
            log.warning("retention: could not run (%s); will retry", exc.__class__.__name__)
        await asyncio.sleep(interval)


def tracker_store_engine(app: Any) -> sa.engine.Engine | None:
    """The SQL engine of the tracker store Rasa loaded (through any wrapping store), if SQL."""
    store = getattr(getattr(getattr(app, "ctx", None), "agent", None), "tracker_store", None)
    for _ in range(4):
        if store is None:
            return None
        if isinstance(getattr(store, "engine", None), sa.engine.Engine):
            return store.engine
        store = getattr(store, "_tracker_store", None) or getattr(store, "tracker_store", None)
    return None


def start_retention(app: Any, loop: asyncio.AbstractEventLoop) -> None:
    """Start the schedule once per server (both channels call this, from a Sanic listener)."""
    days, interval = retention_settings()
    engine = tracker_store_engine(app)
    if interval <= 0 or engine is None or id(app) in _started:
        return
    _started.add(id(app))
    _tasks.add(loop.create_task(run_retention_forever(days, interval, engine)))
    log.info(
        "retention: deleting conversations older than %d days, every %g s",
        days,
        interval,
    )
