"""Letters: addressed for the parent's council, citing only the law facts.md allows, the
child's details as placeholders."""

import re
from dataclasses import replace
from pathlib import Path

import pytest

from advice import letters as L
from knowledge import letter_templates as templates
from knowledge.errors import ContentError

FACTS_MD = Path(__file__).resolve().parents[2] / "shared" / "domain" / "facts.md"
LETTER_IDS = ["request_assessment", "concerns_to_school", "school_complaint", "chase_deadline"]
# Every legal reference a letter may make, and how facts.md writes it.
ALLOWED_LAW = {
    "section 36(1) of the Children and Families Act 2014": "CFA s.36(1)",
    "section 36(8)": "CFA s.36(8)",
    "SEND Regulations 2014 reg 5(1)": "SEND Regs reg 5(1)",
    "SEND Regulations 2014 reg 10": "SEND Regs reg 10",
    "SEND Regulations 2014 reg 13(2)": "SEND Regs reg 13(2)",
    "paragraph 6.2": "CoP 6.2",
    "paragraph 6.45": "CoP 6.45",
    "paragraph 6.65": "CoP 6.65",
}


def test_available_letters():
    assert [t.id for t in L.available_letters()] == LETTER_IDS
    for t in L.available_letters():
        assert (templates.LETTERS_DIR / f"{t.id}.yaml").exists()
        assert t.filename.endswith(".txt") and t.title and t.button


@pytest.mark.parametrize("letter_id", LETTER_IDS)
def test_every_letter_keeps_the_childs_details_as_placeholders(kb, letter_id):
    letter = L.render_letter(letter_id, kb.find_place("Stockton"))
    assert "[child's full name]" in letter.text
    assert "[Your name]" in letter.text and "[Date]" in letter.text
    assert "$" not in letter.text and "{" not in letter.text  # nothing left unfilled


@pytest.mark.parametrize("letter_id", ["request_assessment", "chase_deadline"])
def test_council_letters_ask_for_date_of_birth(kb, letter_id):
    assert "[date of birth]" in L.render_letter(letter_id, None).text


@pytest.mark.parametrize(
    "letter_id", ["request_assessment", "concerns_to_school", "school_complaint"]
)
def test_school_placeholder(kb, letter_id):
    assert "[school]" in L.render_letter(letter_id, None).text


@pytest.mark.parametrize("letter_id", LETTER_IDS)
def test_every_legal_reference_is_in_the_letter_and_in_facts_md(kb, letter_id):
    # Fails rather than skips without the sources, as test_sources_traceable.py does: a letter's
    # law that cannot be checked must not pass as checked.
    assert FACTS_MD.exists(), (
        f"{FACTS_MD} is missing: the shared sources must sit beside the repository"
    )
    facts = " ".join(FACTS_MD.read_text(encoding="utf-8").split())  # facts.md wraps its lines
    letter = L.render_letter(letter_id, None)
    cited = L.law_cited(letter_id)
    assert cited
    for ref in cited:
        assert ref in letter.text, f"{letter_id} lists {ref!r} but does not cite it"
        assert ref in ALLOWED_LAW, f"{letter_id} cites {ref!r}, which the test does not know"
        assert ALLOWED_LAW[ref] in facts, f"{ref!r} is not in facts.md as {ALLOWED_LAW[ref]!r}"


def test_request_letter_law_and_six_week_duty(kb):
    text = L.render_letter("request_assessment", None).text
    assert "section 36(1) of the Children and Families Act 2014" in text
    assert "section 36(8)" in text
    assert "within 6 weeks of receiving this request (SEND Regulations 2014 reg 5(1))" in text


def test_request_letter_to_stockton_sen_team(kb):
    text = L.render_letter("request_assessment", kb.find_place("Stockton-on-Tees")).text
    assert "To:\nStockton-on-Tees SEN Team\nEmail: sensection@stockton.gov.uk" in text
    assert "[Your council's SEN team]" not in text


def test_request_letter_without_sen_team_names_the_council_and_local_offer(kb):
    text = L.render_letter("request_assessment", kb.find_place("Hampshire")).text
    assert "[Your council's SEN team]\nHampshire\n" in text
    assert "www.hantslocaloffer.info" in text


def test_request_letter_for_a_council_we_have_no_contacts_for(kb):
    place = kb.find_place("Leeds")
    assert place is not None and not place.covered
    text = L.render_letter("request_assessment", place).text
    assert "[Your council's SEN team]\nLeeds\n[SEN team's email or postal address]" in text


def test_request_letter_with_no_council(kb):
    text = L.render_letter("request_assessment", None).text
    assert "[Your council's SEN team]\n[your council]\n" in text


def test_chase_letter_to_council_with_all_three_duties(kb):
    text = L.render_letter("chase_deadline", kb.find_place("Stockton")).text
    assert "sensection@stockton.gov.uk" in text
    assert "within 6 weeks of receiving my request (SEND Regulations 2014 reg 5(1))" in text
    assert "within 16 weeks of receiving my request (SEND Regulations 2014 reg 10)" in text
    assert "within 20 weeks of receiving my request (SEND Regulations 2014 reg 13(2))" in text
    assert "[Keep the line for the deadline that has been missed and delete the others.]" in text
    assert "Local Government and Social Care Ombudsman" in text


def test_chase_letter_for_one_deadline(kb):
    text = L.render_letter("chase_deadline", None, {"deadline_kind": "final_plan"}).text
    assert "20 weeks" in text and "6 weeks" not in text and "[Keep the line" not in text


def test_school_letters_go_to_the_school(kb):
    concerns = L.render_letter("concerns_to_school", kb.find_place("Stockton")).text
    assert "To:\n[Name of class teacher or SENCO]\n[school]" in concerns
    assert "sensection" not in concerns
    complaint = L.render_letter("school_complaint", None).text
    assert "complaints policy" in complaint and "academy trust" in complaint


def test_no_email_address_is_invented(kb):
    known = {s.email for p in kb.covered_places() for s in p.services if s.email}
    for place in [None] + kb.covered_places():
        for letter_id in LETTER_IDS:
            text = L.render_letter(letter_id, place).text
            assert set(re.findall(r"[\w.+-]+@[\w.-]+", text)) <= known


def test_periods_come_from_the_knowledge_base(kb, monkeypatch):
    class EditedKB:
        def timescale(self, timescale_id):
            return replace(kb.timescale(timescale_id), period={"weeks": 7})

    monkeypatch.setattr("knowledge.queries._chosen", EditedKB())
    assert "within 7 weeks of receiving this request" in L.render_letter("request_assessment").text


def test_letters_take_no_child_details(kb):
    with pytest.raises(ValueError, match="placeholders"):
        L.render_letter("request_assessment", None, {"child_name": "Sam"})


def test_unknown_letter(kb):
    with pytest.raises(KeyError, match="no letter"):
        L.render_letter("nonsense")


@pytest.mark.parametrize(
    "text, letter_id",
    [
        ("can you help me write a letter to request an assessment", "request_assessment"),
        ("I want to ask for an EHC needs assessment", "request_assessment"),
        ("letter to the SENCO about my concerns", "concerns_to_school"),
        ("I'm worried, can I write to his class teacher", "concerns_to_school"),
        ("how do I make a formal complaint to the school", "school_complaint"),
        ("I want to complain to the headteacher", "school_complaint"),
        ("the council missed the deadline", "chase_deadline"),
        ("I want to complain about the missed deadline", "chase_deadline"),
        ("we have not heard back from the council", "chase_deadline"),
        ("hello", None),
    ],
)
def test_detect_letter_kind(text, letter_id):
    assert L.detect_letter_kind(text) == letter_id


# ---------------------------------------------------------------- template checking
GOOD = """id: {id}
order: 1
title: A letter
button: A letter
filename: a-letter.txt
keywords: [letter]
law: [paragraph 6.2]
to: ["[school]"]
subject: Subject
greeting: Dear [name],
body: |
  Text.
"""


def write(folder, name, text):
    (folder / f"{name}.yaml").write_text(text, encoding="utf-8")


def test_good_template_loads(tmp_path):
    write(tmp_path, "a_letter", GOOD.format(id="a_letter"))
    assert list(templates.load_templates(tmp_path)) == ["a_letter"]


@pytest.mark.parametrize(
    "change, field",
    [
        (lambda t: t.replace("body: |\n  Text.\n", ""), "body"),
        (lambda t: t.replace("keywords: [letter]", "keywords: []"), "keywords"),
        (lambda t: t.replace("id: a_letter", "id: other"), "id"),
        (lambda t: t.replace("a-letter.txt", "../a-letter.pdf"), "filename"),
        (lambda t: t.replace("order: 1", "order: first"), "order"),
        (lambda t: t + "child_name: x\n", "child_name"),
        (lambda t: t + "options: {prompt: keep one}\n", "options.lines"),
    ],
)
def test_bad_templates_name_the_file_and_field(tmp_path, change, field):
    write(tmp_path, "a_letter", change(GOOD.format(id="a_letter")))
    with pytest.raises(ContentError) as err:
        templates.load_templates(tmp_path)
    assert err.value.file == "content/letters/a_letter.yaml" and err.value.field == field


def test_invalid_yaml_is_reported(tmp_path):
    write(tmp_path, "a_letter", "id: [unclosed\n")
    with pytest.raises(ContentError, match="a_letter.yaml: \\(file\\): not valid YAML"):
        templates.load_templates(tmp_path)


def test_unknown_placeholder_names_the_file_and_field(tmp_path):
    write(
        tmp_path, "a_letter", GOOD.format(id="a_letter").replace("Text.", "Within $no_such_period.")
    )
    template = templates.load_templates(tmp_path)["a_letter"]
    with pytest.raises(
        ContentError, match="a_letter.yaml: body: unknown placeholder \\$no_such_period"
    ):
        L.render_template(template, None)
