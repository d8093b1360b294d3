"""The report as one self-contained HTML page: inline style, inline SVG charts, no script,
nothing loaded from elsewhere. Every value from the database is escaped."""

import datetime as dt
from collections.abc import Iterable, Sequence
from html import escape

from .charts import BLUE, ORANGE, daily_bars, horizontal_bars
from .clusters import Group
from .queries import ReportData

TOP = 15
STYLE = """
body{font-family:Arial,Helvetica,sans-serif;margin:0;color:#0b0c0c;background:#fff;line-height:1.4}
main{max-width:64rem;margin:0 auto;padding:1rem}
h1{font-size:2rem;margin:.5rem 0}
h2{font-size:1.5rem;margin:2rem 0 .5rem;border-top:2px solid #1d70b8;padding-top:.5rem}
.summary{display:flex;flex-wrap:wrap;gap:1rem;padding:0;list-style:none}
.summary li{border-left:5px solid #1d70b8;padding:.25rem .75rem;min-width:10rem}
.summary strong{display:block;font-size:1.6rem}
.pair{display:flex;flex-wrap:wrap;gap:1.5rem;align-items:flex-start}
.pair figure{flex:2 1 28rem;margin:0}
.pair .table-wrap{flex:1 1 16rem;max-height:24rem;overflow:auto}
.table-wrap:focus{outline:3px solid #fd0}
table{border-collapse:collapse;width:100%;font-size:.95rem}
caption{text-align:left;font-weight:bold;padding-bottom:.25rem}
th,td{border-bottom:1px solid #b1b4b6;padding:.25rem .5rem;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
tbody th{white-space:nowrap;font-weight:normal}
figcaption{font-size:.9rem;color:#505a5f}
.muted{color:#505a5f}
ul.wordings{margin:.25rem 0 0;padding-left:1.2rem}
.signout{float:right}.signout button{font-size:1rem;padding:.3rem .8rem}
@media print{.table-wrap{max-height:none;overflow:visible}.signout{display:none}}
"""


def _n(value: int) -> str:
    return f"{value:,}"


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "no data"


def _table(
    table_id: str, caption: str, headings: Sequence[str], rows: Iterable[Sequence], numeric=()
) -> str:
    head = "".join(
        f'<th scope="col"{" class=n" if i in numeric else ""}>{escape(h)}</th>'
        for i, h in enumerate(headings)
    )
    body = []
    for row in rows:
        cells = []
        for i, value in enumerate(row):
            text = _n(value) if isinstance(value, int) else escape(str(value))
            cells.append(
                f'<th scope="row">{text}</th>'
                if i == 0
                else f"<td{' class=n' if i in numeric else ''}>{text}</td>"
            )
        body.append("<tr>" + "".join(cells) + "</tr>")
    if not body:
        body = [f'<tr><td colspan="{len(headings)}">None in this period.</td></tr>']
    return (
        f'<div class="table-wrap" tabindex="0" role="region" aria-labelledby="{table_id}">'
        f'<table><caption id="{table_id}">{escape(caption)}</caption><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )


def _pair(chart: str, note: str, table: str, empty: bool = False) -> str:
    if empty:  # no picture of nothing: the table says "None in this period."
        return f'<div class="pair">{table}</div>'
    caption = f"<figcaption>{escape(note)}</figcaption>"
    return f'<div class="pair"><figure>{chart}{caption}</figure>{table}</div>'


def _times(n: int) -> str:
    return "once" if n == 1 else f"{n:,} times"


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%b}"


def _groups(groups: list[Group]) -> str:
    if not groups:
        return "<p>No messages went un-understood in this period.</p>"
    rows = []
    for i, g in enumerate(groups, 1):
        listed = "".join(
            f"<li>{escape(t)} <span class=muted>({_n(n)})</span></li>" for t, n in g.wordings[:8]
        )
        more = len(g.wordings) - 8
        if more > 0:
            listed += f"<li class=muted>and {more:,} more similar wordings</li>"
        rows.append(
            f'<tr><td class="n">{i}</td><td class="n">{_n(g.total)}</td>'
            f'<td><strong>{escape(g.label)}</strong><ul class="wordings">{listed}</ul></td></tr>'
        )
    return (
        '<div class="table-wrap" tabindex="0" role="region" aria-labelledby="fallback-caption">'
        "<table>"
        '<caption id="fallback-caption">Messages not understood, grouped by similar wording '
        "(personal details already removed)</caption><thead><tr>"
        '<th scope="col" class="n">Rank</th><th scope="col" class="n">Messages</th>'
        '<th scope="col">Wordings (times sent)</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def render_report(
    data: ReportData, groups: list[Group], generated: dt.datetime, sign_out: bool = False
) -> str:
    fb = data.feedback
    labels = [_day(d.day) for d in data.days]
    understood = [d.messages - d.not_understood for d in data.days]
    period = f"{data.start:%-d %B %Y} to {data.end:%-d %B %Y}"
    out = []
    if sign_out:
        out.append(
            '<form class="signout" method="post" action="logout">'
            '<button type="submit">Sign out</button></form>'
        )
    out.append(
        f"<h1>What parents asked: {escape(period)}</h1>"
        f'<p class="muted">Made {generated:%-d %B %Y at %H:%M} UTC from the conversation store. '
        "Days are UTC. Messages are stored with personal details removed.</p>"
    )
    out.append(
        '<ul class="summary">'
        f"<li><strong>{_n(data.conversations)}</strong> conversations</li>"
        f"<li><strong>{_n(data.messages)}</strong> messages from parents and staff</li>"
        f"<li><strong>{_share(data.not_understood, data.messages)}</strong> "
        "of messages not understood "
        f"({_n(data.not_understood)})</li>"
        f"<li><strong>{_share(fb.unhelpful, fb.rated)}</strong> of rated answers unhelpful "
        f"({_n(fb.unhelpful)} of {_n(fb.rated)})</li></ul>"
    )

    out.append('<h2 id="per-day">Conversations and messages per day</h2>')
    out.append(
        _pair(
            daily_bars(
                "chart-messages",
                "Bar chart of messages per day, not understood stacked on top. "
                "The figures are in the table beside it.",
                labels,
                [
                    ("Understood", BLUE, understood),
                    ("Not understood", ORANGE, [d.not_understood for d in data.days]),
                ],
            ),
            "Messages per day; the assistant asked a clarifying question "
            f"{_times(data.clarify_runs)}.",
            _table(
                "table-days",
                "Per day",
                ["Day", "Conversations", "Messages", "Not understood"],
                [
                    (f"{d.day:%a %-d %b}", d.conversations, d.messages, d.not_understood)
                    for d in data.days
                ],
                numeric=(1, 2, 3),
            ),
        )
    )

    out.append(
        '<h2 id="not-understood">What the assistant did not understand</h2>'
        "<p>The most frequent messages it could not match to a topic, grouped by similar wording. "
        "These are the best candidates for new content or training phrases.</p>"
    )
    out.append(_groups(groups))

    out.append(
        '<h2 id="feedback">Answers rated unhelpful</h2>'
        f"<p>{_n(fb.rated)} answers rated: {_n(fb.helpful)} helpful, "
        f"{_n(fb.unhelpful)} not helpful.</p>"
    )
    out.append(
        _pair(
            horizontal_bars(
                "chart-unhelpful",
                "Bar chart of unhelpful ratings by topic. The figures are in the table beside it.",
                [(t, n) for t, _, n in fb.by_topic[:TOP]],
                ORANGE,
            ),
            "Unhelpful ratings by topic.",
            _table(
                "table-feedback",
                "Ratings by topic",
                ["Topic", "Helpful", "Not helpful", "Share not helpful"],
                [(t, y, n, _share(n, y + n)) for t, y, n in fb.by_topic[:TOP]],
                numeric=(1, 2, 3),
            ),
            empty=not any(n for _, _, n in fb.by_topic),
        )
    )
    out.append(
        _table(
            "table-comments",
            "What parents said was missing (latest first)",
            ["Day", "Topic", "Comment"],
            [(f"{d:%-d %b}", t, c) for d, t, c in fb.comments],
        )
    )

    out.append('<h2 id="topics">Top topics</h2>')
    out.append(
        _pair(
            horizontal_bars(
                "chart-topics",
                "Bar chart of the top topics by messages. The figures are in the table beside it.",
                [(t, m) for t, m, _ in data.topics[:TOP]],
            ),
            "Messages per topic (the intent the assistant recognised).",
            _table(
                "table-topics",
                "Top topics",
                ["Topic", "Messages", "Conversations"],
                data.topics[:TOP],
                numeric=(1, 2),
            ),
            empty=not data.topics,
        )
    )
    out.append('<h2 id="councils">Top councils</h2>')
    out.append(
        _pair(
            horizontal_bars(
                "chart-councils",
                "Bar chart of conversations per council. The figures are in the table beside it.",
                data.councils[:TOP],
            ),
            "Conversations in which the parent's council was known.",
            _table(
                "table-councils",
                "Top councils",
                ["Council", "Conversations"],
                data.councils[:TOP],
                numeric=(1,),
            ),
            empty=not data.councils,
        )
    )
    out.append('<h2 id="letters">Letters written</h2>')
    out.append(
        _table(
            "table-letters",
            "Letters drafted for parents",
            ["Letter", "Letters"],
            data.letters,
            numeric=(1,),
        )
    )
    return (
        '<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>SEND assistant report: {escape(period)}</title><style>{STYLE}</style></head>"
        f"<body><main>{''.join(out)}</main></body></html>\n"
    )
