"""Building the database from checked content, in one transaction: a failed load changes nothing."""

import datetime as dt
import hashlib
import json
from pathlib import Path

from pydantic import BaseModel
from sqlalchemy import delete, inspect
from sqlalchemy.engine import Engine

from . import models as m
from .content import Content, read_content
from .names import everyday_form
from .paths import CONTENT_DIR


def content_version(content: Content) -> str:
    """A fingerprint of the content, so readers notice a reload."""
    blob = json.dumps(
        [s.dict() for s in content.sources]
        + [a.dict() for _, a in content.areas]
        + [t.dict() for t in content.topics]
        + [ladder.dict() for ladder in content.ladders]
        + [s.dict() for s in content.services]
        + [t.dict() for t in content.timescales]
        + sorted(content.names),
        default=str,
        sort_keys=True,
    )
    return hashlib.sha256(blob.encode()).hexdigest()[:16]


def load(engine: Engine, root: Path = CONTENT_DIR) -> Content:
    """Check all content first, then replace the database's content atomically."""
    content = read_content(root)
    rows = list(_rows(content))
    with engine.begin() as conn:
        _match_schema(conn)
        for table in m.ALL_TABLES_CHILD_FIRST:
            conn.execute(delete(table))
        for model, values in _group(rows):
            conn.execute(model.__table__.insert(), values)
        conn.execute(
            m.Meta.__table__.insert(),
            [
                {"key": "version", "value": content_version(content)},
                {"key": "loaded_at", "value": dt.datetime.now(dt.timezone.utc).isoformat()},
            ],
        )
    return content


def _match_schema(conn) -> None:
    """Create the tables; a database built by an older version (a column added since) is rebuilt,
    which loses nothing: a load replaces all content anyway."""
    found = inspect(conn)
    stale = [
        model
        for model in m.ALL_TABLES_CHILD_FIRST
        if found.has_table(model.__tablename__)
        and {c["name"] for c in found.get_columns(model.__tablename__)}
        != set(model.__table__.columns.keys())
    ]
    if stale:
        m.Base.metadata.drop_all(conn)
    m.Base.metadata.create_all(conn)


def _group(rows):
    """Insert parents before children, each table in one executemany."""
    order = list(reversed(m.ALL_TABLES_CHILD_FIRST))
    by_model = {}
    for model, values in rows:
        by_model.setdefault(model, []).append(values)
    return [(model, by_model[model]) for model in order if model in by_model]


def _row(table, record, **values) -> tuple:
    """The table's row for a content record: each column takes the record's field of the same
    name (lists as lists, nested records as JSON objects), unless given in `values` (keys,
    references, order). A column with neither is a mistake here and fails loudly."""
    row = {}
    for column in table.__table__.columns:
        if column.name in values:
            row[column.name] = values[column.name]
        elif not (column.primary_key and column.autoincrement is True):
            row[column.name] = _stored(getattr(record, column.name))
    return table, row


def _stored(value):
    if isinstance(value, BaseModel):
        return value.dict(exclude_none=True)
    return list(value) if isinstance(value, (list, tuple)) else value


def _citations(owner_type, owner_id, citations):
    for i, c in enumerate(citations):
        yield _row(
            m.Citation, c, owner_type=owner_type, owner_id=owner_id, source_id=c.source, position=i
        )


def _rows(content: Content):
    yield from (_row(m.Source, s) for s in content.sources)
    for file, area in content.areas:
        yield _row(m.Area, area, source_id=area.source, content_file=file)
        for i, s in enumerate(area.services):
            local = dict(area_id=area.id, national_id=None, group="local", source_id=area.source)
            yield _row(m.Service, s, position=i, **local)
        for i, f in enumerate(area.funding_routes):
            yield _row(m.FundingRoute, f, area_id=area.id, position=i)
    area_of = {code: area.id for _, area in content.areas for code in area.councils}
    for c in content.councils:
        yield _row(m.Council, c, everyday_name=everyday_form(c.name), area_id=area_of.get(c.code))
    for key, name in content.names.items():
        yield _row(m.PlaceName, name, normalised=key)
    for i, s in enumerate(content.services):
        national = dict(area_id=None, national_id=s.id, kind=s.group, source_id=s.source)
        yield _row(m.Service, s, position=i, **national)
    for i, t in enumerate(content.topics):
        yield _row(m.Topic, t, position=i)
        yield from _citations("topic", t.id, t.citations)
    for i, ladder in enumerate(content.ladders):
        yield _row(m.Ladder, ladder, position=i)
        for j, step in enumerate(ladder.steps):
            yield _row(m.LadderStep, step, ladder_id=ladder.id, position=j)
            yield from _citations("step", f"{ladder.id}/{step.key}", step.citations)
    for i, t in enumerate(content.timescales):
        yield _row(m.Timescale, t, position=i)
        yield from _citations("timescale", t.id, [t.citation])
        if t.christmas_august_rule:
            yield from _citations(m.CHRISTMAS_AUGUST_OWNER, t.id, [t.christmas_august_rule])
