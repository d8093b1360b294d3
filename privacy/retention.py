"""Deleting conversations older than N days (default 30) from the tracker store.

  python -m privacy.retention [--days 30] [--dry-run]

The Rasa server also runs this by itself on a timer (privacy/retention_schedule.py).

Uses the same settings as endpoints.yml (TRACKER_DIALECT, TRACKER_HOST, ...), so it works
on SQLite and PostgreSQL alike. A conversation is deleted whole once its latest event is
older than the limit, so nothing half-remembered is left behind.
"""

import argparse
import datetime as dt
import os
import sys
import time

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore

DEFAULT_DAYS = 30


def tracker_db_url() -> sa.engine.URL:
    blank = lambda name: os.environ.get(name) or None  # noqa: E731
    port = blank("TRACKER_PORT")
    return SQLTrackerStore.get_db_url(
        dialect=blank("TRACKER_DIALECT") or "sqlite",
        host=blank("TRACKER_HOST"),
        port=int(port) if port else None,
        db=blank("TRACKER_DB") or "tracker.db",
        username=blank("TRACKER_USER"),
        password=blank("TRACKER_PASSWORD"),
    )


def delete_old_conversations(
    engine: sa.engine.Engine, days: int, now: float = None, dry_run: bool = False
) -> int:
    """Delete every conversation whose latest event is more than `days` old; return how many."""
    cutoff = (now or time.time()) - days * 86400
    events = SQLTrackerStore.SQLEvent.__table__
    with engine.begin() as conn:
        if not sa.inspect(conn).has_table(events.name):
            return 0
        latest = (
            sa.select(events.c.sender_id)
            .group_by(events.c.sender_id)
            .having(sa.func.max(events.c.timestamp) < cutoff)
        )
        senders = [row[0] for row in conn.execute(latest)]
        if senders and not dry_run:
            conn.execute(events.delete().where(events.c.sender_id.in_(senders)))
    return len(senders)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Delete conversations older than N days.")
    parser.add_argument(
        "--days",
        type=int,
        default=DEFAULT_DAYS,
        help=f"keep this many days (default {DEFAULT_DAYS})",
    )
    parser.add_argument("--dry-run", action="store_true", help="count, but delete nothing")
    args = parser.parse_args(argv)
    if args.days < 1:
        parser.error("--days must be at least 1")
    url = tracker_db_url()
    count = delete_old_conversations(sa.create_engine(url), args.days, dry_run=args.dry_run)
    verb = "would delete" if args.dry_run else "deleted"
    where = url.render_as_string(hide_password=True)
    print(f"{verb} {count} conversation(s) older than {args.days} days from {where}")
    # Ratings hold no conversation id, but are kept no longer than conversations.
    from feedback.store import FeedbackStore

    cutoff = (dt.datetime.now(dt.timezone.utc) - dt.timedelta(days=args.days)).date()
    rated = FeedbackStore(sa.create_engine(url)).delete_before(cutoff, dry_run=args.dry_run)
    print(f"{verb} {rated} answer rating(s) older than {args.days} days")
    return 0


if __name__ == "__main__":
    sys.exit(main())
