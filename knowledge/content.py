"""Reading and checking the YAML content: every problem is collected, naming its file and field."""

import csv
import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from dateutil.relativedelta import relativedelta
from pydantic import ValidationError

from . import schema
from .errors import ContentError, ContentErrors
from .names import everyday_form, normalise, written_forms

COUNCILS_CSV = "national/english_local_authorities.csv"
TOWNS_CSV = "national/covered_council_towns.csv"
# Town names that are also everyday words: only a capitalised "Fleet" is the town.
TOWNS_CAPITALISED_ONLY = {"Fleet", "Hook", "Amble"}
TOPICS_DIR = "topics"
LETTERS_DIR = "letters"
# "I can draft the letter for you", "I can draft a letter asking for a review"
OFFERS_A_LETTER = re.compile(r"\bI can draft\b", re.IGNORECASE)
STALE_AFTER = relativedelta(months=12)


@dataclass
class CouncilRow:
    code: str
    name: str
    la_type: str
    dfe_number: int


@dataclass
class NameTarget:
    written: str
    council_code: str = None
    area_id: str = None
    capitalised_only: bool = False
    file: str = ""
    town: bool = False
    also_elsewhere: bool = False


@dataclass
class Content:
    sources: list[schema.SourceIn] = field(default_factory=list)
    councils: list[CouncilRow] = field(default_factory=list)
    areas: list[tuple[str, schema.CouncilFile]] = field(default_factory=list)
    services: list[schema.NationalServiceIn] = field(default_factory=list)
    topics: list[schema.TopicIn] = field(default_factory=list)
    topic_files: dict[str, str] = field(default_factory=dict)
    ladders: list[schema.LadderIn] = field(default_factory=list)
    timescales: list[schema.TimescaleIn] = field(default_factory=list)
    names: dict[str, NameTarget] = field(default_factory=dict)
    everyday: dict[str, str] = field(default_factory=dict)

    def stale_entries(self, today: dt.date) -> list[str]:
        """Council entries last reviewed more than 12 months before today."""
        return [
            f"{file}: reviewed {area.reviewed.isoformat()}, more than 12 months ago"
            for file, area in self.areas
            if area.reviewed < today - STALE_AFTER
        ]


class _Reader:
    def __init__(self, root: Path):
        self.root = root
        self.errors: list[ContentError] = []

    def rel(self, path: Path) -> str:
        return (
            str(path.relative_to(self.root.parent.parent))
            if self.root.parent.parent in path.parents
            else str(path)
        )

    def parse(self, path: Path, model):
        try:
            raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            self.errors.append(ContentError(self.rel(path), "(file)", "file is missing"))
            return None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            where = f"line {mark.line + 1}" if mark else "(file)"
            self.errors.append(
                ContentError(
                    self.rel(path), where, f"not valid YAML: {getattr(exc, 'problem', exc)}"
                )
            )
            return None
        try:
            return model.parse_obj(raw)
        except ValidationError as exc:
            for err in exc.errors():
                loc = ".".join(str(p) for p in err["loc"] if p != "__root__") or "(file)"
                self.errors.append(ContentError(self.rel(path), loc, err["msg"]))
            return None

    def error(self, path, field_name, message):
        self.errors.append(
            ContentError(self.rel(path) if isinstance(path, Path) else path, field_name, message)
        )


def read_content(root: Path) -> Content:
    """Parse and cross-check every content file; raise ContentErrors listing all problems."""
    reader, content = _Reader(root), Content()
    nat = root / "national"
    sources = reader.parse(nat / "sources.yaml", schema.SourcesFile)
    services = reader.parse(nat / "services.yaml", schema.ServicesFile)
    topic_files = sorted((root / TOPICS_DIR).glob("*.yaml"))
    topics = [(f, reader.parse(f, schema.TopicIn)) for f in topic_files]
    ladders = reader.parse(nat / "ladders.yaml", schema.LaddersFile)
    timescales = reader.parse(nat / "timescales.yaml", schema.TimescalesFile)
    names = reader.parse(nat / "council_names.yaml", schema.CouncilNamesFile)
    council_files = sorted((root / "councils").glob("*.yaml"))
    areas = [(f, reader.parse(f, schema.CouncilFile)) for f in council_files]
    content.councils = _read_councils(reader, root / COUNCILS_CSV)

    content.sources = sources.sources if sources else []
    content.services = services.services if services else []
    content.topics = [t for _, t in topics if t]
    content.topic_files = {t.id: reader.rel(f) for f, t in topics if t}
    content.ladders = ladders.ladders if ladders else []
    content.timescales = timescales.timescales if timescales else []
    # After the ladders and timescales: it checks the ladder and deadline each topic names.
    _check_topic_files(reader, root, topics, content)
    content.areas = [(reader.rel(f), a) for f, a in areas if a]

    _check_unique_ids(reader, nat, content)
    _check_citations(reader, nat, content)
    _check_areas(reader, content)
    _build_names(reader, content, names, nat / "council_names.yaml")
    _add_towns(reader, root / TOWNS_CSV, content)
    if reader.errors:
        raise ContentErrors(reader.errors)
    return content


def _read_councils(reader, path: Path) -> list[CouncilRow]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        return [
            CouncilRow(r["la_code"], r["la_name"], r["la_type"], int(r["dfe_la_number"]))
            for r in rows
        ]
    except (OSError, KeyError, ValueError) as exc:
        reader.error(path, "(file)", f"cannot read the council list: {exc}")
        return []


def _check_unique_ids(reader, nat, content):
    for label, items, file in (
        ("sources", content.sources, "sources.yaml"),
        ("services", content.services, "services.yaml"),
        ("ladders", content.ladders, "ladders.yaml"),
        ("timescales", content.timescales, "timescales.yaml"),
    ):
        seen = set()
        for i, item in enumerate(items):
            if item.id in seen:
                reader.error(nat / file, f"{label}.{i}.id", f"duplicate id {item.id!r}")
            seen.add(item.id)
    for area_file, area in content.areas:
        if sum(a.id == area.id for _, a in content.areas) > 1:
            reader.error(area_file, "id", f"another council file uses the id {area.id!r}")


def _check_citations(reader, nat, content):
    known = {s.id for s in content.sources}
    national_ids = {s.id for s in content.services}

    def check(file, where, citation):
        if citation.source not in known:
            reader.error(file, f"{where}.source", f"cites unknown source {citation.source!r}")

    for topic in content.topics:
        file = content.topic_files[topic.id]
        for j, c in enumerate(topic.citations):
            check(file, f"citations.{j}", c)
        for j, sid in enumerate(topic.national):
            if sid not in national_ids:
                reader.error(file, f"national.{j}", f"unknown national service {sid!r}")
    for i, ladder in enumerate(content.ladders):
        for j, step in enumerate(ladder.steps):
            for k, c in enumerate(step.citations):
                check(nat / "ladders.yaml", f"ladders.{i}.steps.{j}.citations.{k}", c)
    for i, t in enumerate(content.timescales):
        check(nat / "timescales.yaml", f"timescales.{i}.citation", t.citation)
        if t.christmas_august_rule:
            check(
                nat / "timescales.yaml",
                f"timescales.{i}.christmas_august_rule",
                t.christmas_august_rule,
            )
    for i, s in enumerate(content.services):
        if s.source not in known:
            reader.error(
                nat / "services.yaml", f"services.{i}.source", f"cites unknown source {s.source!r}"
            )
    for area_file, area in content.areas:
        if area.source not in known:
            reader.error(area_file, "source", f"cites unknown source {area.source!r}")


def _check_topic_files(reader, root, topics, content):
    """A topic's file is named after its id, and the ladder, letter and deadline it names exist."""
    ladders = {ladder.id for ladder in content.ladders}
    deadlines = {t.id for t in content.timescales} | {schema.APPEAL_DEADLINE}
    for path, topic in topics:
        if topic is None:
            continue
        if path.stem != topic.id:
            reader.error(path, "id", f"the file must be named after the topic id: {topic.id}.yaml")
        if topic.ladder and topic.ladder not in ladders:
            reader.error(path, "ladder", f"unknown escalation ladder {topic.ladder!r}")
        if topic.letter and not (root / LETTERS_DIR / f"{topic.letter}.yaml").exists():
            reader.error(path, "letter", f"no letter template {LETTERS_DIR}/{topic.letter}.yaml")
        if topic.deadline and topic.deadline not in deadlines:
            reader.error(path, "deadline", f"unknown timescale {topic.deadline!r}")
        if OFFERS_A_LETTER.search(topic.next_step) and not topic.letter:
            # The "Draft a letter" button comes from `letter`: without it the offer is empty.
            reader.error(path, "letter", "the next step offers to draft a letter: name the letter")
    seen = {}
    for path, topic in topics:
        if topic and topic.id in seen:
            reader.error(path, "id", f"duplicate topic id {topic.id!r} (also in {seen[topic.id]})")
        elif topic:
            seen[topic.id] = reader.rel(path)


def _check_areas(reader, content):
    codes = {c.code for c in content.councils}
    claimed = {}
    for area_file, area in content.areas:
        for i, code in enumerate(area.councils):
            if code not in codes:
                reader.error(
                    area_file, f"councils.{i}", f"{code!r} is not an English council's ONS code"
                )
            elif code in claimed:
                reader.error(
                    area_file, f"councils.{i}", f"{code} is already covered by {claimed[code]}"
                )
            claimed[code] = area_file


def _build_names(reader, content, names_file, names_path):
    """Every written form of every council, normalised; one name may point at one place only."""
    area_of = {code: area.id for _, area in content.areas for code in area.councils}
    multi = {area.id for _, area in content.areas if len(area.councils) > 1}
    capitalised = set(names_file.capitalised_only) if names_file else set()

    def claim(written, file, field_name, council_code=None, area_id=None):
        key = normalise(written)
        if not key:
            reader.error(file, field_name, f"name {written!r} is empty once normalised")
            return
        target = NameTarget(written, council_code, area_id, written in capitalised, str(file))
        existing = content.names.get(key)
        if existing and (existing.council_code, existing.area_id) != (council_code, area_id):
            reader.error(
                file,
                field_name,
                f"name {written!r} is already claimed by {existing.written!r} in {existing.file}",
            )
            return
        content.names.setdefault(key, target)

    csv_file = COUNCILS_CSV
    for council in content.councils:
        for form in written_forms(council.name):
            claim(
                form,
                csv_file,
                council.code,
                council_code=council.code,
                area_id=area_of.get(council.code),
            )
    _add_county_initials(content, area_of, csv_file)
    if names_file:
        for code, forms in names_file.everyday_names.items():
            if code not in {c.code for c in content.councils}:
                reader.error(
                    names_path, f"everyday_names.{code}", "not an English council's ONS code"
                )
                continue
            for i, form in enumerate(forms):
                claim(
                    form,
                    names_path,
                    f"everyday_names.{code}.{i}",
                    council_code=code,
                    area_id=area_of.get(code),
                )
    for area_file, area in content.areas:
        single = None if area.id in multi else area.councils[0]
        for i, alias in enumerate([area.name] + area.aliases):
            claim(
                alias,
                area_file,
                "name" if i == 0 else f"aliases.{i - 1}",
                council_code=single,
                area_id=area.id,
            )
        for code, forms in area.council_aliases.items():
            for i, form in enumerate(forms):
                claim(
                    form,
                    area_file,
                    f"council_aliases.{code}.{i}",
                    council_code=code,
                    area_id=area.id,
                )


def _add_county_initials(content, area_of, csv_file):
    """County councils by their initials ("KCC" is Kent County Council), capitalised only, and only
    where the initials are unambiguous ("HCC" could be Hampshire or Hertfordshire: not added)."""
    one_word = [
        c
        for c in content.councils
        if c.la_type in ("Counties", "Unitary Authorities") and " " not in everyday_form(c.name)
    ]
    by_initials: dict[str, list] = {}
    for council in one_word:
        by_initials.setdefault(everyday_form(council.name)[0].upper() + "CC", []).append(council)
    for initials, councils in by_initials.items():
        key = normalise(initials)
        if len(councils) == 1 and key not in content.names:
            code = councils[0].code
            content.names[key] = NameTarget(initials, code, area_of.get(code), True, csv_file)


def _add_towns(reader, path: Path, content):
    """Towns in the councils with local content ("Eastleigh" means Hampshire). A town that is also
    a place elsewhere (also_elsewhere=yes) is kept apart: the assistant confirms it first."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
    except OSError as exc:
        reader.error(TOWNS_CSV, "", f"cannot read: {exc}")
        return
    by_name = {c.name: c.code for c in content.councils}
    area_of = {code: area.id for _, area in content.areas for code in area.councils}
    earlier_errors, uncovered = bool(reader.errors), {}
    for line, row in enumerate(rows, start=2):
        town, council, elsewhere = (
            (row.get("town") or "").strip(),
            (row.get("council") or "").strip(),
            (row.get("also_elsewhere") or "").strip().lower(),
        )
        where = f"line {line}"
        code = by_name.get(council)
        if not town or code is None:
            reader.error(
                TOWNS_CSV,
                where,
                f"needs a town and an official council name, got {town!r}, {council!r}",
            )
            continue
        if code not in area_of:
            uncovered.setdefault(council, where)
            continue
        if elsewhere not in ("", "yes"):
            reader.error(
                TOWNS_CSV, where, f"also_elsewhere must be empty or 'yes', got {elsewhere!r}"
            )
            continue
        key = normalise(town)
        existing = content.names.get(key)
        if existing and (existing.council_code, existing.area_id) != (code, area_of[code]):
            reader.error(
                TOWNS_CSV,
                where,
                f"town {town!r} is already the name of {existing.written!r} in {existing.file}",
            )
            continue
        if existing:  # a council's own name ("Northumberland"): the council entry stands
            continue
        content.names[key] = NameTarget(
            town,
            code,
            area_of[code],
            town in TOWNS_CAPITALISED_ONLY,
            TOWNS_CSV,
            town=True,
            also_elsewhere=elsewhere == "yes",
        )
    if (
        not earlier_errors
    ):  # a council file that failed to read is reported already, under its own name
        for council, where in uncovered.items():
            reader.error(TOWNS_CSV, where, f"{council} has no local content in councils/")
