"""The report's SQL on PostgreSQL (its JSON functions and day arithmetic differ from SQLite's)."""

import datetime as dt

import sqlalchemy as sa

from feedback.store import FeedbackStore, Rating
from reporting.build import build_report
from reporting.generate import generate
from reporting.queries import NOT_TOPICS, read_report

NOW = dt.datetime(2026, 11, 20, 15, 0, tzinfo=dt.timezone.utc).timestamp()


def test_report_counts_on_postgresql(postgres):
    postgres.create_database("report")
    engine = sa.create_engine(postgres.url("report"))
    expected = generate(engine, conversations=300, days=6, now=NOW, seed=3)
    FeedbackStore(engine).add(
        Rating(
            helpful=False,
            topic="mediation",
            council="Kent",
            channel="rest",
            day=dt.date(2026, 11, 19),
            comment="costs",
        )
    )
    data = read_report(engine, days=7, now=NOW)
    assert (data.conversations, data.messages, data.not_understood) == (
        300,
        expected.messages,
        expected.not_understood,
    )
    assert {d.day: d.messages for d in data.days if d.messages} == dict(expected.per_day)
    assert dict((t, m) for t, m, _ in data.topics) == {
        t: n for t, n in expected.topics.items() if t not in NOT_TOPICS
    }
    assert dict(data.councils) == dict(expected.councils)
    assert dict(data.letters) == dict(expected.letters)
    assert dict(data.fallback_texts) == dict(expected.fallback_texts)
    assert (data.feedback.unhelpful, data.feedback.comments[0][2]) == (1, "costs")
    assert "[phone]" in build_report(engine, days=7, now=NOW)
