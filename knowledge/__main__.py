"""Command line for content editors and helpline staff.

python -m knowledge check           check every content file; list problems and stale entries
python -m knowledge load            check, then rebuild the database (KNOWLEDGE_DB_URL or SQLite)
python -m knowledge council NAME    a council's contacts and escalation paths
python -m knowledge topic ID        a topic's answer with its citations (`topic list` lists them)
python -m knowledge timescales      the statutory timescales
"""

import argparse
import datetime as dt
import sys

from replies import render

from .content import read_content
from .db import engine_for
from .errors import ContentErrors, KnowledgeUnavailable
from .letter_templates import check_templates
from .loader import load
from .paths import CONTENT_DIR, database_url
from .queries import KnowledgeBase


def _read_all():
    """The content, with the letter templates checked too; ContentErrors lists every problem."""
    content = read_content(CONTENT_DIR)
    errors = check_templates(CONTENT_DIR / "letters", [t.id for t in content.timescales])
    if errors:
        raise ContentErrors(errors)
    return content


def _check(_args) -> int:
    content = _read_all()
    _report_stale(content)
    letters = len(list((CONTENT_DIR / "letters").glob("*.yaml")))
    print(
        f"OK: {len(content.topics)} topics, {len(content.ladders)} escalation ladders, "
        f"{len(content.areas)} local guides, {len(content.councils)} councils, "
        f"{len(content.names)} council names, {letters} letters."
    )
    return 0


def _load(_args) -> int:
    _read_all()
    content = load(engine_for(database_url()))
    _report_stale(content)
    where = engine_for(database_url()).url.render_as_string(hide_password=True)
    print(
        f"Loaded {len(content.topics)} topics, {len(content.areas)} local guides and "
        f"{len(content.councils)} councils into {where}"
    )
    return 0


def _report_stale(content) -> None:
    for line in content.stale_entries(dt.date.today()):
        print(f"STALE: {line}", file=sys.stderr)


def _council(args) -> int:
    kb = KnowledgeBase()
    place = kb.find_place(" ".join(args.name))
    if place is None:
        print(f"No English council called {' '.join(args.name)!r}.", file=sys.stderr)
        return 1
    print(render.council_contacts_reply(place, kb.national_services(), staff=True))
    if place.covered:
        for ladder in kb.ladders():
            print("\n" + render.ladder_reply(ladder, place))
    return 0


def _topic(args) -> int:
    kb = KnowledgeBase()
    if args.id == "list":
        for topic in kb.topics():
            print(f"{topic.id:28} {topic.title}")
        return 0
    topic = kb.topic(args.id)
    if topic is None:
        print(f"No topic {args.id!r}. Try `python -m knowledge topic list`.", file=sys.stderr)
        return 1
    print(render.topic_reply(topic, None, staff=True))
    return 0


def _timescales(_args) -> int:
    print(render.timescales_reply(KnowledgeBase().timescales()))
    return 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m knowledge", description="The SEND knowledge base."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check").set_defaults(run=_check)
    sub.add_parser("load").set_defaults(run=_load)
    council = sub.add_parser("council")
    council.add_argument("name", nargs="+")
    council.set_defaults(run=_council)
    topic = sub.add_parser("topic")
    topic.add_argument("id")
    topic.set_defaults(run=_topic)
    sub.add_parser("timescales").set_defaults(run=_timescales)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except ContentErrors as exc:
        print(exc, file=sys.stderr)
        return 1
    except KnowledgeUnavailable as exc:
        print(f"Knowledge base unavailable: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
