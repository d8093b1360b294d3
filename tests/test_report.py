"""The conversation report on generated conversations: the counts are right, not-understood
messages appear redacted and grouped, feedback is summarised, and the file is self-contained."""

import asyncio
import datetime as dt
import re

import pytest
import sqlalchemy as sa
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from feedback.store import FeedbackStore, Rating
from privacy.tracker_store import RedactingSQLTrackerStore
from reporting.__main__ import main as report_main
from reporting.build import build_report
from reporting.clusters import group_similar
from reporting.generate import generate
from reporting.queries import NOT_TOPICS, read_report

NOW = dt.datetime(2026, 11, 20, 15, 0, tzinfo=dt.timezone.utc).timestamp()


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    engine = sa.create_engine(f"sqlite:///{tmp_path_factory.mktemp('report') / 'tracker.db'}")
    expected = generate(engine, conversations=400, days=6, now=NOW, seed=7)
    # An old conversation outside the report's window must not be counted.
    generate(engine, conversations=25, days=5, now=NOW - 20 * 86400, seed=8)
    store = FeedbackStore(engine)
    for helpful, topic in [
        (False, "tribunal_appeal"),
        (False, "tribunal_appeal"),
        (True, "senco"),
        (True, "iass"),
    ]:
        store.add(
            Rating(
                helpful=helpful,
                topic=topic,
                council="Kent",
                channel="webchat",
                day=dt.date(2026, 11, 19),
            )
        )
    store.add(
        Rating(helpful=False, topic="senco", council=None, channel="rest", day=dt.date(2026, 10, 1))
    )  # too old
    return engine, expected


def test_counts_match_the_generated_conversations(generated):
    engine, expected = generated
    data = read_report(engine, days=7, now=NOW)
    assert data.conversations == expected.conversations == 400
    assert data.messages == expected.messages
    assert data.not_understood == expected.not_understood > 0
    assert data.clarify_runs == expected.clarify_runs
    assert {d.day: d.messages for d in data.days if d.messages} == dict(expected.per_day)
    assert len(data.days) == 7 and data.days[-1].day == dt.date(2026, 11, 20)
    assert dict((t, m) for t, m, _ in data.topics) == {
        t: n for t, n in expected.topics.items() if t not in NOT_TOPICS
    }
    assert dict(data.councils) == dict(expected.councils)
    assert dict(data.letters) == dict(expected.letters)
    assert dict(data.fallback_texts) == dict(expected.fallback_texts)


def test_generated_fallbacks_are_stored_redacted(generated):
    engine, expected = generated
    texts = " ".join(expected.fallback_texts)
    assert "[phone]" in texts and "07700" not in texts and "[email]" in texts


def test_the_html_is_self_contained_and_has_tables_beside_charts(generated):
    engine, expected = generated
    page = build_report(engine, days=7, now=NOW)
    assert "<script" not in page and 'src="http' not in page and "<link" not in page
    svgs = re.findall(r'<svg id="([^"]+)" role="img" aria-label="([^"]+)"', page)
    assert {s for s, _ in svgs} == {
        "chart-messages",
        "chart-unhelpful",
        "chart-topics",
        "chart-councils",
    }
    assert all("table beside it" in label for _, label in svgs)
    assert f"<strong>{expected.conversations:,}</strong> conversations" in page
    share = 100 * expected.not_understood / expected.messages
    assert f"<strong>{share:.1f}%</strong> of messages not understood" in page
    assert "<strong>50.0%</strong> of rated answers unhelpful (2 of 4)" in page


def test_charts_are_left_out_when_there_is_nothing_to_draw(tmp_path):
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'tracker.db'}")
    generate(
        engine, conversations=3, days=2, now=NOW, seed=1, fallback_rate=1.0
    )  # nothing but fallbacks
    page = build_report(engine, days=7, now=NOW)
    assert re.findall(r'<svg id="([^"]+)"', page) == ["chart-messages"]
    assert page.count("None in this period.") >= 4


def _save(store, sender, events, domain):
    tracker = DialogueStateTracker.from_events(sender, events, slots=domain.slots)
    asyncio.run(store.save(tracker))


def test_a_fallback_from_the_real_tracker_store_is_listed_redacted_and_escaped(tmp_path):
    """Conversations saved by the project's redacting store, read back by the report."""
    domain = Domain.load("domain.yml")
    db = tmp_path / "tracker.db"
    store = RedactingSQLTrackerStore(domain, dialect="sqlite", db=str(db))
    fallback = {"name": "nlu_fallback", "confidence": 0.2}
    now = dt.datetime.now(dt.timezone.utc).timestamp()
    for i, text in enumerate(
        [
            "can I get school transport? call 07700 900123",
            "school transport help, my son is called Oliver",
            "<b>blue badge</b> please",
        ]
    ):
        _save(
            store,
            f"parent-{i}",
            [
                ActionExecuted("action_listen", timestamp=now - 60),
                UserUttered(
                    text,
                    intent=fallback,
                    parse_data={"intent": fallback, "entities": [], "text": text},
                    timestamp=now - 50,
                ),
                ActionExecuted("action_clarify", timestamp=now - 49),
                BotUttered("I'm not sure I understood.", timestamp=now - 48),
                SlotSet("council", "Hampshire", timestamp=now - 47),
            ],
            domain,
        )
    engine = sa.create_engine(f"sqlite:///{db}")
    FeedbackStore(engine).add(
        Rating(
            helpful=False,
            topic="tribunal_appeal",
            council="Hampshire",
            channel="webchat",
            day=dt.datetime.now(dt.timezone.utc).date(),
            comment="nothing about [phone] costs",
        )
    )
    FeedbackStore(engine).add(
        Rating(
            helpful=True,
            topic="senco",
            council=None,
            channel="rest",
            day=dt.datetime.now(dt.timezone.utc).date(),
        )
    )
    data = read_report(engine, days=30)
    assert (data.conversations, data.messages, data.not_understood, data.clarify_runs) == (
        3,
        3,
        3,
        3,
    )
    assert data.councils == [("Hampshire", 3)]
    page = build_report(engine, days=30)
    assert "can I get school transport? call [phone]" in page
    assert "my son is called [name]" in page and "Oliver" not in page and "07700" not in page
    assert "&lt;b&gt;blue badge&lt;/b&gt; please" in page and "<b>blue badge" not in page
    # The two transport wordings form one group, the badge its own.
    assert [g.total for g in group_similar(data.fallback_texts)] == [2, 1]
    assert "<strong>50.0%</strong> of rated answers unhelpful (1 of 2)" in page
    assert "nothing about [phone] costs" in page


def test_the_command_writes_the_file(tmp_path, generated, capsys):
    engine, _ = generated
    out = tmp_path / "results" / "report.html"
    assert report_main(["--days", "30", "--out", str(out), "--db-url", str(engine.url)]) == 0
    assert out.read_text().startswith("<!DOCTYPE html>")
    assert re.search(r"wrote .*report\.html .* in \d+\.\d\d s", capsys.readouterr().out)


def test_the_command_says_clearly_when_the_database_is_not_a_tracker_store(tmp_path, capsys):
    empty = f"sqlite:///{tmp_path / 'empty.db'}"
    assert report_main(["--db-url", empty, "--out", str(tmp_path / "r.html")]) == 1
    assert "no 'events' table" in capsys.readouterr().err
    assert not (tmp_path / "r.html").exists()


def test_similar_wordings_are_grouped_under_the_most_sent_one():
    groups = group_similar(
        [
            ("how do I get a blue badge", 4),
            ("blue badge for my child", 2),
            ("school transport help please", 3),
            ("can I get help with school transport", 5),
            ("hmm", 1),
        ]
    )
    assert [(g.label, g.total) for g in groups] == [
        ("can I get help with school transport", 8),
        ("how do I get a blue badge", 6),
        ("hmm", 1),
    ]
