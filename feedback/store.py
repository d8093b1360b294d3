"""Where ratings are kept: one small table, ``answer_feedback``, beside Rasa's ``events``.

Why the tracker database: one database to run, back up and report from, on SQLite or
PostgreSQL alike (the same TRACKER_* settings as endpoints.yml). Why a separate table:
a rating must not lead back to a parent. A row holds the topic (the intent answered),
the council, yes/no, an optional redacted comment, the channel and the *day* only:
never the conversation id, and no time of day that could be matched against the
``events`` table. The random ``ref`` lets the same browser add a comment to the rating
it has just made; it is not derived from anything about the parent.
"""

import datetime as dt
import secrets
import threading
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import declarative_base

Base = declarative_base()

TOPIC_CHARS = 64
COUNCIL_CHARS = 80
COMMENT_CHARS = 200


class AnswerFeedback(Base):
    __tablename__ = "answer_feedback"

    id = sa.Column(sa.Integer, primary_key=True)
    ref = sa.Column(sa.String(32), nullable=False, unique=True)
    day = sa.Column(sa.Date, nullable=False, index=True)
    helpful = sa.Column(sa.Boolean, nullable=False)
    topic = sa.Column(sa.String(TOPIC_CHARS), nullable=False)
    council = sa.Column(sa.String(COUNCIL_CHARS), nullable=True)
    channel = sa.Column(sa.String(16), nullable=False)
    comment = sa.Column(sa.String(COMMENT_CHARS), nullable=True)


TABLE = AnswerFeedback.__table__


@dataclass(frozen=True)
class Rating:
    helpful: bool
    topic: str
    council: str | None
    channel: str
    day: dt.date
    comment: str | None = None


class FeedbackStore:
    """Adds ratings and comments; creates its table on first use."""

    def __init__(self, engine: sa.engine.Engine) -> None:
        self.engine = engine
        self._ready = False
        self._lock = threading.Lock()

    def _ensure_table(self) -> None:
        if self._ready:
            return
        with self._lock:
            if not self._ready:
                Base.metadata.create_all(self.engine, tables=[TABLE], checkfirst=True)
                self._ready = True

    def add(self, rating: Rating) -> str:
        """Store a rating; return its random reference (for adding a comment once)."""
        self._ensure_table()
        ref = secrets.token_hex(16)
        with self.engine.begin() as conn:
            conn.execute(
                TABLE.insert().values(
                    ref=ref,
                    day=rating.day,
                    helpful=rating.helpful,
                    topic=rating.topic[:TOPIC_CHARS],
                    council=(rating.council or None) and rating.council[:COUNCIL_CHARS],
                    channel=rating.channel,
                    comment=rating.comment,
                )
            )
        return ref

    def add_comment(self, ref: str, comment: str) -> bool:
        """Attach a comment to a rating that has none yet; False if there is no such rating."""
        self._ensure_table()
        with self.engine.begin() as conn:
            result = conn.execute(
                TABLE.update()
                .where(TABLE.c.ref == ref, TABLE.c.comment.is_(None))
                .values(comment=comment[:COMMENT_CHARS])
            )
        return result.rowcount == 1

    def delete_before(self, day: dt.date, dry_run: bool = False) -> int:
        """Delete ratings made before ``day`` (the retention command); return how many."""
        with self.engine.begin() as conn:
            if not sa.inspect(conn).has_table(TABLE.name):
                return 0
            old = TABLE.c.day < day
            count = (
                conn.execute(sa.select(sa.func.count()).select_from(TABLE).where(old)).scalar() or 0
            )
            if count and not dry_run:
                conn.execute(TABLE.delete().where(old))
        return count


_default: FeedbackStore | None = None


def default_store() -> FeedbackStore:
    """The store in the tracker database that endpoints.yml configures (TRACKER_* variables)."""
    global _default
    if _default is None:
        from privacy.retention import tracker_db_url  # the one place the tracker URL is built

        _default = FeedbackStore(sa.create_engine(tracker_db_url(), pool_pre_ping=True))
    return _default
