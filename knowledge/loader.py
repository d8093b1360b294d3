"""Building the database from checked content, in one transaction: a failed load changes nothing."""

import datetime as dt
import hashlib
import json
from pathlib import Path

from sqlalchemy import delete
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
    m.Base.metadata.create_all(engine)
    with engine.begin() as conn:
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


def _group(rows):
    """Insert parents before children, each table in one executemany."""
    order = list(reversed(m.ALL_TABLES_CHILD_FIRST))
    by_model = {}
    for model, values in rows:
        by_model.setdefault(model, []).append(values)
    return [(model, by_model[model]) for model in order if model in by_model]


def _contact(item, position, **extra):
    return dict(
        name=item.name,
        phones=list(item.phone),
        text_phone=item.text_phone,
        email=item.email,
        website=item.website,
        hours=item.hours,
        address=item.address,
        offers=item.offers,
        position=position,
        **extra,
    )


def _citations(owner_type, owner_id, citations):
    for i, c in enumerate(citations):
        yield (
            m.Citation,
            dict(
                owner_type=owner_type, owner_id=owner_id, source_id=c.source, ref=c.ref, position=i
            ),
        )


def _rows(content: Content):
    for s in content.sources:
        yield m.Source, s.dict()
    for file, area in content.areas:
        yield (
            m.Area,
            dict(
                id=area.id,
                name=area.name,
                source_id=area.source,
                reviewed=area.reviewed,
                content_file=file,
            ),
        )
        for i, s in enumerate(area.services):
            yield (
                m.Service,
                _contact(
                    s,
                    i,
                    area_id=area.id,
                    national_id=None,
                    group="local",
                    kind=s.kind,
                    source_id=area.source,
                ),
            )
        for i, f in enumerate(area.funding_routes):
            yield (
                m.FundingRoute,
                dict(
                    area_id=area.id,
                    name=f.name,
                    summary=f.summary,
                    school_must_provide=list(f.school_must_provide),
                    position=i,
                ),
            )
    area_of = {code: area.id for _, area in content.areas for code in area.councils}
    for c in content.councils:
        yield (
            m.Council,
            dict(
                code=c.code,
                name=c.name,
                everyday_name=everyday_form(c.name),
                la_type=c.la_type,
                dfe_number=c.dfe_number,
                area_id=area_of.get(c.code),
            ),
        )
    for key, t in content.names.items():
        yield (
            m.PlaceName,
            dict(
                normalised=key,
                written=t.written,
                council_code=t.council_code,
                area_id=t.area_id,
                capitalised_only=t.capitalised_only,
            ),
        )
    for i, s in enumerate(content.services):
        yield (
            m.Service,
            _contact(
                s,
                i,
                area_id=None,
                national_id=s.id,
                group=s.group,
                kind=s.group,
                source_id=s.source,
            ),
        )
    for i, t in enumerate(content.topics):
        yield (
            m.Topic,
            dict(
                id=t.id,
                title=t.title,
                answer=t.answer,
                detail=t.detail,
                next_step=t.next_step,
                local=t.local,
                show=list(t.show),
                national=list(t.national),
                about_assistant=t.about_assistant,
                ladder=t.ladder,
                letter=t.letter,
                cues=list(t.cues),
                position=i,
            ),
        )
        yield from _citations("topic", t.id, t.citations)
    for i, ladder in enumerate(content.ladders):
        yield m.Ladder, dict(id=ladder.id, title=ladder.title, intent=ladder.intent, position=i)
        for j, step in enumerate(ladder.steps):
            yield (
                m.LadderStep,
                dict(
                    ladder_id=ladder.id,
                    key=step.key,
                    who=step.who,
                    how=step.how,
                    ask_for=step.ask_for,
                    contact_kind=step.contact,
                    mentions=list(step.mentions),
                    position=j,
                ),
            )
            yield from _citations("step", f"{ladder.id}/{step.key}", step.citations)
    for i, t in enumerate(content.timescales):
        yield (
            m.Timescale,
            dict(
                id=t.id,
                label=t.label,
                period=t.period.dict(exclude_none=True) if t.period else None,
                fixed_date=t.fixed_date.dict() if t.fixed_date else None,
                starts=t.starts,
                position=i,
            ),
        )
        yield from _citations("timescale", t.id, [t.citation])
