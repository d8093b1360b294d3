"""SQLAlchemy tables of the knowledge base (2.0-style code that runs on SQLAlchemy 1.4).

A content record's fields are declared once, in its checked shape (schema.py): its table takes
one column per field from there (`fields_of`), and adds only keys, references and order.
"""

import datetime as dt

from pydantic import BaseModel
from pydantic.fields import SHAPE_SINGLETON, ModelField
from sqlalchemy import JSON, Boolean, Column, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import declarative_base

from . import schema

Base = declarative_base()

_COLUMN_TYPES = {str: Text, bool: Boolean, int: Integer, dt.date: Date}


def fields_of(record: type[BaseModel], skip: tuple[str, ...] = ()) -> type:
    """A mixin with a column for each field of a checked record, named as the field: text, flags,
    numbers and dates as such, lists and nested records as JSON; nullable where the field may be
    None. `skip` names the fields stored elsewhere (citations in their own table)."""
    columns = {
        name: Column(_column_type(field), nullable=field.allow_none)
        for name, field in record.__fields__.items()
        if name not in skip
    }
    return type(f"{record.__name__}Columns", (), columns)


def _column_type(field: ModelField):
    kind = field.type_
    if field.shape != SHAPE_SINGLETON or (isinstance(kind, type) and issubclass(kind, BaseModel)):
        return JSON
    return _COLUMN_TYPES[kind]


class _Keyed:
    """A record keyed by its content id, kept in the order of its content file."""

    id = Column(String(64), primary_key=True)
    position = Column(Integer, nullable=False)


class _Part:
    """A part of another record (a service of a council, a step of a ladder), kept in order."""

    id = Column(Integer, primary_key=True, autoincrement=True)
    position = Column(Integer, nullable=False)


class Source(Base, fields_of(schema.SourceIn)):
    __tablename__ = "kb_sources"
    id = Column(String(64), primary_key=True)


class Area(Base):
    """A council (or councils sharing one source page) with local guidance."""

    __tablename__ = "kb_areas"
    id = Column(String(64), primary_key=True)
    name = Column(Text, nullable=False)
    source_id = Column(String(64), ForeignKey("kb_sources.id"), nullable=False)
    reviewed = Column(Date, nullable=False)
    content_file = Column(Text, nullable=False)


class Council(Base):
    """One of the 153 English councils with education duties."""

    __tablename__ = "kb_councils"
    code = Column(String(16), primary_key=True)
    name = Column(Text, nullable=False)
    everyday_name = Column(Text, nullable=False)
    la_type = Column(Text, nullable=False)
    dfe_number = Column(Integer, nullable=False)
    area_id = Column(String(64), ForeignKey("kb_areas.id"))


class PlaceName(Base):
    """A normalised name people use, pointing at a council or a multi-council area."""

    __tablename__ = "kb_place_names"
    normalised = Column(String(200), primary_key=True)
    written = Column(Text, nullable=False)
    council_code = Column(String(16), ForeignKey("kb_councils.code"))
    area_id = Column(String(64), ForeignKey("kb_areas.id"))
    capitalised_only = Column(Boolean, nullable=False, default=False)
    # A town in a covered council (covered_council_towns.csv); also_elsewhere: confirm it first.
    town = Column(Boolean, nullable=False, default=False)
    also_elsewhere = Column(Boolean, nullable=False, default=False)


class Service(Base, _Part, fields_of(schema.ContactFields)):
    """A contactable service: a council's (area_id set) or a national one (national_id set)."""

    __tablename__ = "kb_services"
    area_id = Column(String(64), ForeignKey("kb_areas.id"))
    national_id = Column(String(64), unique=True)
    group = Column(String(32), nullable=False)
    kind = Column(String(32), nullable=False)
    source_id = Column(String(64), ForeignKey("kb_sources.id"), nullable=False)


class FundingRoute(Base, _Part, fields_of(schema.FundingRouteIn)):
    __tablename__ = "kb_funding_routes"
    area_id = Column(String(64), ForeignKey("kb_areas.id"), nullable=False)


class Topic(Base, _Keyed, fields_of(schema.TopicIn, skip=("citations", "examples"))):
    __tablename__ = "kb_topics"


class Citation(Base, _Part):
    """A citation of a source, owned by a topic, a ladder step or a timescale."""

    __tablename__ = "kb_citations"
    owner_type = Column(String(16), nullable=False)
    owner_id = Column(String(128), nullable=False)
    source_id = Column(String(64), ForeignKey("kb_sources.id"), nullable=False)
    ref = Column(Text)


class Ladder(Base, _Keyed, fields_of(schema.LadderIn, skip=("steps",))):
    __tablename__ = "kb_ladders"


class LadderStep(Base, _Part, fields_of(schema.StepIn, skip=("citations",))):
    __tablename__ = "kb_ladder_steps"
    ladder_id = Column(String(64), ForeignKey("kb_ladders.id"), nullable=False)


# Citation owner type for a timescale's Tribunal 25 December-1 January and August rule.
CHRISTMAS_AUGUST_OWNER = "timescale_r12"


class Timescale(
    Base, _Keyed, fields_of(schema.TimescaleIn, skip=("citation", "christmas_august_rule"))
):
    __tablename__ = "kb_timescales"


class Meta(Base):
    """Load bookkeeping: the content version readers use to notice a reload."""

    __tablename__ = "kb_meta"
    key = Column(String(64), primary_key=True)
    value = Column(Text, nullable=False)


ALL_TABLES_CHILD_FIRST = [
    Citation,
    LadderStep,
    Ladder,
    Timescale,
    Topic,
    FundingRoute,
    Service,
    PlaceName,
    Council,
    Area,
    Source,
    Meta,
]
