"""SQL aggregations over Rasa's ``events`` table and the ``answer_feedback`` table.

Each figure is one GROUP BY query filtered on the time window, so the database does the
counting and only small result sets reach Python. Rasa's row layout (SQLTrackerStore):
``type_name`` is the event type; ``intent_name`` is set on user events; ``action_name``
holds the action for action events and the *slot name* for slot events; ``data`` is the
event as JSON text, read with the database's own JSON functions.
"""

import datetime as dt
from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

from feedback.store import TABLE as FEEDBACK

FALLBACK_INTENT = "nlu_fallback"
CLARIFY_ACTION = "action_clarify"
# Conversation moves rather than subjects: not listed as topics.
NOT_TOPICS = frozenset(
    {
        FALLBACK_INTENT,
        "greet",
        "goodbye",
        "thanks",
        "affirm",
        "deny",
        "bot_challenge",
        "inform_council",
        "steps_taken",
        "session_start",
        "restart",
    }
)
MAX_FALLBACK_TEXTS = 3000  # the most frequent distinct wordings sent on to grouping

EVENTS = sa.table(
    "events",
    sa.column("sender_id"),
    sa.column("type_name"),
    sa.column("timestamp"),
    sa.column("intent_name"),
    sa.column("action_name"),
    sa.column("data"),
)


@dataclass
class DayCounts:
    day: dt.date
    conversations: int
    messages: int
    not_understood: int


@dataclass
class FeedbackSummary:
    helpful: int = 0
    unhelpful: int = 0
    by_topic: list[tuple[str, int, int]] = field(default_factory=list)  # topic, helpful, unhelpful
    comments: list[tuple[dt.date, str, str]] = field(default_factory=list)  # day, topic, comment

    @property
    def rated(self) -> int:
        return self.helpful + self.unhelpful


@dataclass
class ReportData:
    start: dt.date
    end: dt.date
    days: list[DayCounts]
    conversations: int
    messages: int
    not_understood: int
    clarify_runs: int
    topics: list[tuple[str, int, int]]  # intent, messages, conversations
    councils: list[tuple[str, int]]  # council, conversations
    letters: list[tuple[str, int]]  # letter title, letters written
    fallback_texts: list[tuple[str, int]]  # redacted wording, times sent
    feedback: FeedbackSummary


def _json_text(engine: sa.engine.Engine, column, *path: str):
    """The JSON value at ``path`` inside a text column, as text, in this database's dialect."""
    if engine.dialect.name == "sqlite":
        return sa.func.json_extract(column, "$." + ".".join(path))
    if engine.dialect.name == "postgresql":
        return sa.func.json_extract_path_text(sa.cast(column, postgresql.JSON), *path)
    raise NotImplementedError(
        f"the report reads SQLite or PostgreSQL tracker stores, not {engine.dialect.name}"
    )


def _day_number(engine: sa.engine.Engine, column):
    """Days since 1970-01-01 (UTC) for a Unix timestamp column."""
    if engine.dialect.name == "sqlite":
        return sa.cast(
            column / 86400, sa.Integer
        )  # timestamps are positive: the cast truncates = floor
    return sa.cast(sa.func.floor(column / 86400), sa.Integer)


def _epoch_day(number: int) -> dt.date:
    return dt.date(1970, 1, 1) + dt.timedelta(days=int(number))


def read_report(engine: sa.engine.Engine, days: int, now: float | None = None) -> ReportData:
    """Every figure in the report for the ``days`` days up to ``now`` (UTC)."""
    now = dt.datetime.now(dt.timezone.utc).timestamp() if now is None else now
    end_day = dt.datetime.fromtimestamp(now, dt.timezone.utc).date()
    start_day = end_day - dt.timedelta(days=days - 1)
    since = dt.datetime.combine(start_day, dt.time(), dt.timezone.utc).timestamp()
    e = EVENTS.c
    in_window = e.timestamp >= since
    user = sa.and_(e.type_name == "user", in_window)
    with engine.connect() as conn:
        if not sa.inspect(conn).has_table("events"):
            raise LookupError("no 'events' table: is this Rasa's tracker store database?")
        day = _day_number(engine, e.timestamp).label("day")
        per_day = conn.execute(
            sa.select(
                day,
                sa.func.count(sa.distinct(e.sender_id)),
                sa.func.count(),
                sa.func.sum(sa.case((e.intent_name == FALLBACK_INTENT, 1), else_=0)),
            )
            .where(user)
            .group_by(day)
            .order_by(day)
        ).all()
        conversations = (
            conn.execute(sa.select(sa.func.count(sa.distinct(e.sender_id))).where(user)).scalar()
            or 0
        )
        clarify = (
            conn.execute(
                sa.select(sa.func.count()).where(
                    e.type_name == "action", e.action_name == CLARIFY_ACTION, in_window
                )
            ).scalar()
            or 0
        )
        topics = conn.execute(
            sa.select(e.intent_name, sa.func.count(), sa.func.count(sa.distinct(e.sender_id)))
            .where(user, e.intent_name.isnot(None))
            .group_by(e.intent_name)
        ).all()
        council = _json_text(engine, e.data, "value").label("council")
        councils = conn.execute(
            sa.select(council, sa.func.count(sa.distinct(e.sender_id)))
            .where(e.type_name == "slot", e.action_name == "council", in_window)
            .group_by(council)
        ).all()
        title = _json_text(engine, e.data, "data", "custom", "letter", "title").label("title")
        letters = conn.execute(
            sa.select(title, sa.func.count())
            .where(e.type_name == "bot", in_window, e.data.like('%"letter"%'))
            .group_by(title)
        ).all()
        text = _json_text(engine, e.data, "text").label("text")
        count = sa.func.count().label("n")
        fallback_texts = conn.execute(
            sa.select(text, count)
            .where(user, e.intent_name == FALLBACK_INTENT)
            .group_by(text)
            .order_by(count.desc(), text)
            .limit(MAX_FALLBACK_TEXTS)
        ).all()
        feedback = _read_feedback(conn, start_day)

    day_rows = [DayCounts(_epoch_day(d), c, m, int(f or 0)) for d, c, m, f in per_day]
    return ReportData(
        start=start_day,
        end=end_day,
        days=_fill_days(day_rows, start_day, end_day),
        conversations=conversations,
        messages=sum(d.messages for d in day_rows),
        not_understood=sum(d.not_understood for d in day_rows),
        clarify_runs=clarify,
        topics=sorted(
            ((t, m, c) for t, m, c in topics if t not in NOT_TOPICS), key=lambda r: (-r[1], r[0])
        ),
        councils=sorted(((n, c) for n, c in councils if n), key=lambda r: (-r[1], r[0])),
        letters=sorted(((n, c) for n, c in letters if n), key=lambda r: (-r[1], r[0])),
        fallback_texts=[(t, n) for t, n in fallback_texts if t],
        feedback=feedback,
    )


def _fill_days(rows: list[DayCounts], start: dt.date, end: dt.date) -> list[DayCounts]:
    """One row per day of the window, quiet days as zeros (a gap in a chart would mislead)."""
    known: dict[dt.date, DayCounts] = {r.day: r for r in rows}
    out, day = [], start
    while day <= end:
        out.append(known.get(day) or DayCounts(day, 0, 0, 0))
        day += dt.timedelta(days=1)
    return out


def _read_feedback(conn, start_day: dt.date) -> FeedbackSummary:
    if not sa.inspect(conn).has_table(FEEDBACK.name):
        return FeedbackSummary()
    f = FEEDBACK.c
    recent = f.day >= start_day
    yes = sa.func.sum(sa.case((f.helpful.is_(True), 1), else_=0))
    no = sa.func.sum(sa.case((f.helpful.is_(False), 1), else_=0))
    by_topic = conn.execute(sa.select(f.topic, yes, no).where(recent).group_by(f.topic)).all()
    comments = conn.execute(
        sa.select(f.day, f.topic, f.comment)
        .where(recent, f.comment.isnot(None))
        .order_by(f.day.desc(), f.id.desc())
        .limit(50)
    ).all()
    rows = sorted(
        ((t, int(y or 0), int(n or 0)) for t, y, n in by_topic), key=lambda r: (-r[2], -r[1], r[0])
    )
    return FeedbackSummary(
        helpful=sum(r[1] for r in rows),
        unhelpful=sum(r[2] for r in rows),
        by_topic=rows,
        comments=[(d, t, c) for d, t, c in comments],
    )
