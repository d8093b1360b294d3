"""SQLAlchemy tables of the knowledge base (2.0-style code that runs on SQLAlchemy 1.4)."""

from sqlalchemy import JSON, Boolean, Column, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class Source(Base):
    __tablename__ = "kb_sources"
    id = Column(String(64), primary_key=True)
    title = Column(Text, nullable=False)
    short = Column(Text, nullable=False)
    kind = Column(String(32), nullable=False)
    publisher = Column(Text)
    url = Column(Text)
    file = Column(Text)


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


class Service(Base):
    """A contactable service: a council's (area_id set) or a national one (national_id set)."""

    __tablename__ = "kb_services"
    id = Column(Integer, primary_key=True, autoincrement=True)
    area_id = Column(String(64), ForeignKey("kb_areas.id"))
    national_id = Column(String(64), unique=True)
    group = Column(String(32), nullable=False)
    kind = Column(String(32), nullable=False)
    name = Column(Text, nullable=False)
    phones = Column(JSON, nullable=False, default=list)
    text_phone = Column(Text)
    email = Column(Text)
    website = Column(Text)
    hours = Column(Text)
    address = Column(Text)
    offers = Column(Text)
    source_id = Column(String(64), ForeignKey("kb_sources.id"), nullable=False)
    position = Column(Integer, nullable=False)


class FundingRoute(Base):
    __tablename__ = "kb_funding_routes"
    id = Column(Integer, primary_key=True, autoincrement=True)
    area_id = Column(String(64), ForeignKey("kb_areas.id"), nullable=False)
    name = Column(Text, nullable=False)
    summary = Column(Text, nullable=False)
    school_must_provide = Column(JSON, nullable=False, default=list)
    position = Column(Integer, nullable=False)


class Topic(Base):
    __tablename__ = "kb_topics"
    id = Column(String(64), primary_key=True)
    title = Column(Text, nullable=False)
    answer = Column(Text, nullable=False)
    detail = Column(Text)
    next_step = Column(Text, nullable=False)
    local = Column(String(16), nullable=False)
    show = Column(JSON, nullable=False, default=list)
    national = Column(JSON, nullable=False, default=list)
    about_assistant = Column(Boolean, nullable=False, default=False)
    ladder = Column(String(64))
    letter = Column(String(64))
    cues = Column(JSON, nullable=False, default=list)
    position = Column(Integer, nullable=False)


class Citation(Base):
    """A citation of a source, owned by a topic, a ladder step or a timescale."""

    __tablename__ = "kb_citations"
    id = Column(Integer, primary_key=True, autoincrement=True)
    owner_type = Column(String(16), nullable=False)
    owner_id = Column(String(128), nullable=False)
    source_id = Column(String(64), ForeignKey("kb_sources.id"), nullable=False)
    ref = Column(Text)
    position = Column(Integer, nullable=False)


class Ladder(Base):
    __tablename__ = "kb_ladders"
    id = Column(String(64), primary_key=True)
    title = Column(Text, nullable=False)
    intent = Column(String(64), nullable=False)
    position = Column(Integer, nullable=False)


class LadderStep(Base):
    __tablename__ = "kb_ladder_steps"
    id = Column(Integer, primary_key=True, autoincrement=True)
    ladder_id = Column(String(64), ForeignKey("kb_ladders.id"), nullable=False)
    key = Column(String(64), nullable=False)
    who = Column(Text, nullable=False)
    how = Column(Text, nullable=False)
    ask_for = Column(Text, nullable=False)
    contact_kind = Column(String(32), nullable=False)
    mentions = Column(JSON, nullable=False, default=list)
    position = Column(Integer, nullable=False)


class Timescale(Base):
    __tablename__ = "kb_timescales"
    id = Column(String(64), primary_key=True)
    label = Column(Text, nullable=False)
    period = Column(JSON)
    fixed_date = Column(JSON)
    starts = Column(Text, nullable=False)
    position = Column(Integer, nullable=False)


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
