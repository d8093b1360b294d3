"""The loader: every kind of content error is caught, named by file and field, and loses nothing."""

import datetime as dt
import re

import pytest
import yaml
from sqlalchemy import select
from sqlalchemy.orm import Session

from advice import deadlines
from knowledge import models as m
from knowledge.__main__ import main as cli
from knowledge.content import read_content
from knowledge.db import engine_for
from knowledge.errors import ContentErrors
from knowledge.loader import load
from knowledge.queries import KnowledgeBase


def edit_yaml(path, change):
    data = yaml.safe_load(path.read_text())
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


def errors_for(root):
    with pytest.raises(ContentErrors) as caught:
        read_content(root)
    return [str(e) for e in caught.value.errors]


def test_real_content_loads_cleanly(content_copy):
    content = read_content(content_copy)
    assert len(content.councils) == 153
    assert {a.id for _, a in content.areas} == {
        "hampshire",
        "northumberland",
        "stockton-on-tees",
        "bath-and-north-east-somerset",
        "northamptonshire",
    }


def test_unknown_key_is_named_with_file_and_field(content_copy):
    edit_yaml(
        content_copy / "councils/hampshire.yaml",
        lambda d: d["services"][0].update(fax="01234 567890"),
    )
    errors = errors_for(content_copy)
    assert any(
        "councils/hampshire.yaml: services.0.fax" in e and "extra fields not permitted" in e
        for e in errors
    )


def test_a_cue_split_at_an_unquoted_comma_is_refused(content_copy):
    # `cues: [money, £6,000]` in YAML is the list ["money", "£6", "0"]: "0" would match every
    # phone number, so a one-character cue is an error that says to quote it.
    path = content_copy / "topics/funding.yaml"
    path.write_text(path.read_text().replace('"£6,000"', "£6,000"))
    errors = errors_for(content_copy)
    assert any(
        "topics/funding.yaml: cues." in e and "quote a cue with a comma" in e for e in errors
    )


def test_a_next_step_offering_a_letter_must_name_it(content_copy):
    # "I can draft the letter for you" with no `letter` showed no "Draft a letter" button: the
    # most asked question, how to request an EHC assessment, made that empty promise.
    edit_yaml(content_copy / "topics/ehc_assessment_how.yaml", lambda d: d.pop("letter"))
    errors = errors_for(content_copy)
    assert any(
        "topics/ehc_assessment_how.yaml: letter" in e and "offers to draft a letter" in e
        for e in errors
    )


def test_missing_citation(content_copy):
    edit_yaml(content_copy / "topics/sen_support.yaml", lambda d: d.update(citations=[]))
    errors = errors_for(content_copy)
    assert any(
        "topics/sen_support.yaml: (file)" in e and "needs at least one citation" in e
        for e in errors
    )


def test_missing_citation_on_a_ladder_step(content_copy):
    edit_yaml(
        content_copy / "national/ladders.yaml",
        lambda d: d["ladders"][0]["steps"][1].update(citations=[]),
    )
    assert any("ladders.0.steps.1.citations" in e for e in errors_for(content_copy))


def test_a_topic_names_a_deadline_the_calculator_knows(content_copy):
    named = {t.deadline for t in read_content(content_copy).topics if t.deadline}
    assert "draft_plan_comments" in named and named <= set(deadlines.KINDS)
    edit_yaml(content_copy / "topics/draft_plan.yaml", lambda d: d.update(deadline="draft_pan"))
    assert any(
        "topics/draft_plan.yaml: deadline" in e and "unknown timescale 'draft_pan'" in e
        for e in errors_for(content_copy)
    )


def test_a_step_not_after_a_step_that_does_not_come_before_it(content_copy):
    edit_yaml(
        content_copy / "national/ladders.yaml",
        lambda d: d["ladders"][0]["steps"][0].update(not_after=["senco"]),
    )
    assert any(
        "ladders.0.steps" in e and "not_after names ['senco'], which are not earlier steps" in e
        for e in errors_for(content_copy)
    )


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("phone", ["0808 164 550"], "not a valid UK phone number"),
        ("phone", ["call us"], "not a valid UK phone number"),
        ("email", "info@hampshiresendiass", "not a valid email address"),
        ("email", "info at hampshiresendiass.co.uk", "not a valid email address"),
        ("website", "www hampshiresendiass", "not a valid web address"),
        ("website", "javascript:alert(1)", "not a valid web address"),
    ],
)
def test_malformed_contact_details(content_copy, field, value, message):
    edit_yaml(
        content_copy / "councils/hampshire.yaml", lambda d: d["services"][0].update({field: value})
    )
    errors = errors_for(content_copy)
    assert any(
        f"councils/hampshire.yaml: services.0.{field}" in e and message in e for e in errors
    ), errors


def test_alias_claimed_by_two_councils(content_copy):
    edit_yaml(content_copy / "councils/northumberland.yaml", lambda d: d["aliases"].append("Hants"))
    errors = errors_for(content_copy)
    assert any(
        "councils/northumberland.yaml: aliases" in e and "'Hants' is already claimed" in e
        for e in errors
    )


def test_alias_that_is_another_councils_official_name(content_copy):
    edit_yaml(
        content_copy / "councils/hampshire.yaml", lambda d: d["aliases"].append("Southampton")
    )
    assert any("'Southampton' is already claimed" in e for e in errors_for(content_copy))


def test_citation_of_a_source_that_does_not_exist(content_copy):
    added = []
    edit_yaml(
        content_copy / "topics/sen_support.yaml",
        lambda d: (
            d["citations"].append({"source": "code_of_practise", "ref": "6.1"}),
            added.append(len(d["citations"]) - 1),
        ),
    )
    errors = errors_for(content_copy)
    assert any(
        f"topics/sen_support.yaml: citations.{added[0]}.source" in e
        and "unknown source 'code_of_practise'" in e
        for e in errors
    )


def test_council_code_that_is_not_an_english_council(content_copy):
    edit_yaml(content_copy / "councils/hampshire.yaml", lambda d: d.update(councils=["W06000001"]))
    assert any(
        "councils.0" in e and "not an English council" in e for e in errors_for(content_copy)
    )


def test_malformed_yaml_names_file_and_line(content_copy):
    (content_copy / "councils/hampshire.yaml").write_text("id: hampshire\nname: [Hampshire\n")
    errors = errors_for(content_copy)
    assert any(re.search(r"councils/hampshire\.yaml: line \d+: not valid YAML", e) for e in errors)


def test_every_problem_is_reported_at_once(content_copy):
    edit_yaml(
        content_copy / "councils/hampshire.yaml", lambda d: d["services"][0].update(email="nope")
    )
    edit_yaml(content_copy / "topics/who_decides.yaml", lambda d: d.update(citations=[]))
    assert len(errors_for(content_copy)) == 2


def test_failed_load_leaves_the_previous_database_untouched(content_copy, tmp_path):
    engine = engine_for(f"sqlite:///{tmp_path / 'kb.db'}")
    load(engine, content_copy)
    before = KnowledgeBase(str(engine.url)).find_place("Hampshire").service("iass").phones
    edit_yaml(
        content_copy / "councils/hampshire.yaml",
        lambda d: d["services"][0].update(phone=["0808 000"]),
    )
    with pytest.raises(ContentErrors):
        load(engine, content_copy)
    with Session(engine) as session:
        phones = session.scalars(
            select(m.Service.phones).where(m.Service.name == "Hampshire SENDIASS")
        ).one()
    assert tuple(phones) == before == ("0808 164 5504",)


def test_an_officer_changes_one_phone_number_in_one_file(content_copy, tmp_path):
    engine = engine_for(f"sqlite:///{tmp_path / 'kb.db'}")
    load(engine, content_copy)
    path = content_copy / "councils/stockton-on-tees.yaml"
    path.write_text(path.read_text().replace("01642 527158", "01642 527999"))
    load(engine, content_copy)
    kb = KnowledgeBase(str(engine.url))
    assert kb.find_place("Stockton").service("iass").phones == ("01642 527999",)
    assert kb.find_place("Hampshire").service("iass").phones == ("0808 164 5504",)


def test_stale_entries_are_reported(content_copy):
    edit_yaml(content_copy / "councils/hampshire.yaml", lambda d: d.update(reviewed="2024-01-31"))
    content = read_content(content_copy)
    stale = content.stale_entries(dt.date(2026, 11, 22))
    assert len(stale) == 1 and "hampshire.yaml" in stale[0] and "2024-01-31" in stale[0]
    assert content.stale_entries(dt.date(2024, 6, 1)) == []


def test_cli_check_reports_errors_and_exits_non_zero(content_copy, capsys, monkeypatch):
    edit_yaml(
        content_copy / "councils/hampshire.yaml", lambda d: d["services"][0].update(email="bad")
    )
    monkeypatch.setattr("knowledge.__main__.CONTENT_DIR", content_copy)
    assert cli(["check"]) == 1
    assert "councils/hampshire.yaml: services.0.email" in capsys.readouterr().err


@pytest.mark.parametrize(
    "change, where",
    [
        (lambda d: d.update(order="four"), "letters/request_assessment.yaml: order"),
        (
            lambda d: d.update(subject=d["subject"] + " $child_name"),
            "letters/request_assessment.yaml: subject: unknown",
        ),
        (
            lambda d: d.update(body=d["body"] + " $no_such_timescale_period"),
            "request_assessment.yaml: body: unknown",
        ),
        (lambda d: d.pop("filename"), "letters/request_assessment.yaml: filename"),
    ],
)
def test_cli_check_reports_a_bad_letter_with_file_and_field(
    content_copy, capsys, monkeypatch, change, where
):
    """A letter that would fail in the conversation fails the check (and `make knowledge`)."""
    edit_yaml(content_copy / "letters/request_assessment.yaml", change)
    monkeypatch.setattr("knowledge.__main__.CONTENT_DIR", content_copy)
    assert cli(["check"]) == 1
    assert where in capsys.readouterr().err


def test_cli_check_passes_the_real_letters(capsys):
    assert cli(["check"]) == 0
    assert re.search(r"\b[1-9][0-9]* letters", capsys.readouterr().out)


def test_cli_council_and_topic(capsys, built_kb, monkeypatch):
    monkeypatch.setenv("KNOWLEDGE_DB_URL", built_kb.url)
    assert cli(["council", "Hants"]) == 0
    out = capsys.readouterr().out
    assert "0808 164 5504" in out and "Escalation path" in out
    assert cli(["topic", "parent_meetings"]) == 0
    assert "SEND Code of Practice 6.65" in capsys.readouterr().out
    assert cli(["council", "Narnia"]) == 1


def test_a_topic_file_must_be_named_after_its_id(content_copy):
    (content_copy / "topics/sen_support.yaml").rename(content_copy / "topics/sen-support.yaml")
    assert any(
        "topics/sen-support.yaml: id" in e and "sen_support.yaml" in e
        for e in errors_for(content_copy)
    )


def test_a_topic_names_an_existing_ladder_and_letter(content_copy):
    edit_yaml(
        content_copy / "topics/complaints.yaml",
        lambda d: d.update(ladder="no_such_ladder", letter="nope"),
    )
    errors = errors_for(content_copy)
    assert any(
        "topics/complaints.yaml: ladder" in e and "unknown escalation ladder" in e for e in errors
    )
    assert any("topics/complaints.yaml: letter" in e and "no letter template" in e for e in errors)


def test_a_topic_needs_cues_and_enough_rasa_style_examples(content_copy):
    edit_yaml(
        content_copy / "topics/senco.yaml",
        lambda d: d.update(cues=[], examples="- what is a senco\n"),
    )
    errors = errors_for(content_copy)
    assert any("topics/senco.yaml: cues" in e for e in errors)
    assert any("topics/senco.yaml: examples" in e and "at least 25 examples" in e for e in errors)
    edit_yaml(
        content_copy / "topics/senco.yaml", lambda d: d.update(examples="what is a senco\n" * 30)
    )
    assert any(
        "topics/senco.yaml: examples" in e and "starting with '- '" in e
        for e in errors_for(content_copy)
    )


def test_load_rebuilds_a_database_built_before_a_column_was_added(tmp_path):
    """An existing deployment's database (here: timescales stored before counts_first_day had a
    column of its own) is rebuilt by the next load, which replaces all content anyway."""
    url = f"sqlite:///{tmp_path / 'older.db'}"
    engine = engine_for(url)
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "CREATE TABLE kb_timescales (id VARCHAR(64) PRIMARY KEY, label TEXT, period JSON,"
            " fixed_date JSON, starts TEXT, position INTEGER)"
        )
    load(engine)
    kb = KnowledgeBase(url)
    assert [t.id for t in kb.timescales() if t.counts_first_day] == ["draft_plan_comments"]
    assert kb.timescale("draft_plan_comments").period == {"days": 15}
