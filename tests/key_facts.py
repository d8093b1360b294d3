"""The key facts of the issue-11 topics and letters, in one place: tests/test_topic_facts.py
checks them through the knowledge base and the renderer, tests/e2e/test_topics_over_rest.py in
the replies of the running assistant."""

# Each new topic's key facts, as a parent reads them in the short answer (parent mode), and the
# legal reference staff see (staff mode: detail and citations). Every fact is in facts.md.
PARENT_FACTS = {
    "exclusion_suspension": [
        "Only the headteacher",
        "45 school days",
        "in writing",
        "representations",
        "sixth school day",
    ],
    "exclusion_permanent": [
        "15 school days",
        "sixth school day",
        "the council must arrange",
        "independent review",
        "SEN expert",
    ],
    "unofficial_exclusion": ["collect them early", "illegal, even if you agree"],
    "part_time_timetable": [
        "full-time education",
        "exceptional circumstances",
        "date to go back to full time",
        "reviewed regularly",
        "not be used as a punishment",
    ],
    "attendance_anxiety": ["SEND or mental health", "support before any formal action"],
    "out_of_school": [
        "15 school days",
        "in a row or added up",
        "section 19 of the Education Act 1996",
    ],
    "transport": [
        "cannot reasonably be expected to walk",
        "nearest suitable school",
        "whatever the distance",
    ],
    "transport_appeal": [
        "two-stage review",
        "20 working days",
        "independent appeal panel",
        "Ombudsman",
        "do not go to the SEND Tribunal",
    ],
    "transport_problems": [
        "The council must arrange transport",
        "the council must put it right",
        "Give the dates",
        "the council's complaints procedure",
        "Local Government and Social Care Ombudsman",
    ],
    "transport_post16": [
        "no automatic right",
        "post-16 transport policy statement",
        "19 to 25",
        "must be free",
    ],
    "ehcp_contents": [
        "B: your child's special educational needs",
        "F: the special educational provision",
        "G: health provision",
        "H: social care provision",
        "I: the school",
        "quantified",
    ],
    "provision_not_delivered": [
        "Section F",
        "section 42 of the Children and Families Act 2014",
        "1:1 hours",
        "amended through the legal process",
        "Ombudsman",
    ],
    "annual_review": [
        "at least every 12 months",
        "2 weeks' notice",
        "within 2 weeks of the meeting",
        "within 4 weeks of the meeting",
        "at least 15 days",
        "within 8 weeks",
        "12 weeks from the meeting at most",
        "existing plan stands",
    ],
    "review_late": [
        "at least every 12 months",
        "within 4 weeks",
        "12 weeks",
        "early review",
        "Ombudsman",
    ],
    "ceasing_plan": [
        "no longer responsible",
        "no longer necessary",
        "turns 19",
        "appeal",
        "plan stays in place while the appeal is decided",
    ],
    "post16_plans": [
        "up to age 25",
        "turns 19",
        "end of the school year in which they turn 16",
        "capacity",
        "over compulsory school age and under 25",
    ],
    "moving_council": [
        "transfer the EHC plan",
        "keep the plan in place",
        "Within 6 weeks",
        "new assessment",
        # Two time limits, so a list (tests/test_readability.py): the later of the two dates.
        "review the plan by whichever of these is later: • 12 months from the last review "
        "• 3 months from the transfer",
    ],
    "naming_school": [
        "particular school or college",
        "age, ability, aptitude or SEN",
        "efficient use of resources",
        "mainstream",
    ],
    "school_cannot_meet_needs": [
        "must admit your child",
        "cannot change the placement itself",
        "review by the council",
        "appeal",
        "early review",
    ],
    "special_school_refused": [
        "appeal Section I",
        "2 months",
        "1 month from a mediation certificate",
        "whichever is later",
        "do not need to contact a mediation adviser",
        "section 39",
    ],
    "personal_budget": [
        "personal budget",
        "draft stage",
        "review or re-assessment",
        "young person",
    ],
    "health_provision": [
        "Section G",
        "NHS",
        "integrated care board",
        "CAMHS",
        "GP",
        "medical conditions",
    ],
    "reasonable_adjustments": [
        "Equality Act 2010",
        "reasonable adjustments",
        "auxiliary aids",
        "trips",
    ],
    "disability_discrimination": ["First-tier Tribunal (SEND)", "within 6 months", "exclusion"],
    "exam_access": [
        "extra time",
        "reader or a scribe",
        "rest breaks",
        "school applies",
        "normal way of working",
        "JCQ",
        # JCQ's rules are not every test's: the answer says what it does not know.
        "an 11+ test, have their own rules",
    ],
    "restraint": [
        "reasonable force",
        "committing an offence",
        "never be used as a punishment",
        "April 2026",
        "record each significant use of force",
        "safeguarding",
        "designated safeguarding lead",
        "LADO",
    ],
    "social_care": [
        "child in need",
        "children's social care",
        "assessment",
        "short breaks",
        "short breaks statement",
    ],
    "home_education": [
        "Education Act 1996 s.7",
        "council's consent",
        "EHC plan continues",
        "Section F stops only while your own arrangements are suitable",
    ],
    "early_years_assessment": [
        "under school age",
        "from birth",
        "do not need the nursery's agreement",
    ],
    "assessment_evidence": [
        "assess, plan, do, review",
        "reports from professionals",
        "at home",
        "masks",
        "diagnosis is not needed",
    ],
    "late_appeal": [
        "between 25 December and 1 January",
        "first working day after 1 January",
        "any day in August",
        "first working day after 31 August",
        "does not apply to disability discrimination claims",
        "late appeal with the reasons",
        "Tribunal decides",
    ],
    "council_missed_deadline": [
        "6 weeks",
        "20 weeks",
        "15 February",
        "complain to the council",
        "Local Government and Social Care Ombudsman",
        "judicial review pre-action letter",
        "IPSEA and IASS",
    ],
    "outside_england": [
        "England only",
        "SNAP Cymru",
        "snapcymru.org",
        "Enquire",
        "enquire.org.uk",
        "SENAC",
        "senac.co.uk",
    ],
}
STAFF_REFS = {
    "exclusion_suspension": ["DfE exclusion guidance"],
    "exclusion_permanent": ["DfE exclusion guidance", "whether or not the school recognises"],
    "unofficial_exclusion": ["DfE exclusion guidance"],
    "part_time_timetable": ["DfE attendance guidance", "Education Act 1996 s.19"],
    "attendance_anxiety": ["DfE attendance guidance", "Education Act 1996 s.19"],
    "out_of_school": ["Education Act 1996 s.19", "DfE health needs guidance"],
    "transport": ["Education Act 1996 s.508B and Schedule 35B"],
    "transport_appeal": ["DfE travel and transport guidance"],
    "transport_post16": ["Education Act 1996 s.508F"],
    "transport_problems": ["Education Act 1996 s.508B and Schedule 35B", "Ombudsman fact sheet"],
    "ehcp_contents": ["SEND Code of Practice 9.62", "SEND Code of Practice 9.69"],
    "provision_not_delivered": ["Children and Families Act 2014 s.42(2)"],
    "annual_review": [
        "Children and Families Act 2014 s.44(1)",
        "SEND Regulations 2014 reg 20(7)",
        "EWHC 493",
        "CoP 9.178",
    ],
    "review_late": ["Children and Families Act 2014 s.44(1)", "reg 20(7)"],
    "ceasing_plan": ["Children and Families Act 2014 s.45"],
    "post16_plans": ["SEND Code of Practice 8.13", "Children and Families Act 2014 s.83(2)"],
    "moving_council": ["SEND Regulations 2014 reg 15"],
    "naming_school": [
        "Children and Families Act 2014 s.39",
        "Children and Families Act 2014 s.33",
        "reg 13(1)(a)",
    ],
    "school_cannot_meet_needs": ["Children and Families Act 2014 s.43"],
    "special_school_refused": [
        "Children and Families Act 2014 s.39",
        "Tribunal Procedure Rules 2008 r.20",
    ],
    "personal_budget": ["Children and Families Act 2014 s.49"],
    "health_provision": [
        "Children and Families Act 2014 s.42(3)",
        "Children and Families Act 2014 s.100",
    ],
    "reasonable_adjustments": ["Equality Act 2010", "DfE Equality Act advice for schools"],
    "disability_discrimination": ["DfE Equality Act advice for schools", "r.12(3)"],
    "exam_access": ["JCQ access arrangements"],
    "restraint": ["Education and Inspections Act 2006 s.93", "DfE reasonable force guidance"],
    "social_care": ["Children Act 1989 s.17"],
    "home_education": ["Education Act 1996 s.7", "Children and Families Act 2014 s.42(5)"],
    "early_years_assessment": [
        "Children and Families Act 2014 s.36(1)",
        "SEND Code of Practice 9.178",
    ],
    "assessment_evidence": ["IPSEA guidance", "Children and Families Act 2014 s.36(8)"],
    "late_appeal": ["Tribunal Procedure Rules 2008 r.12(3)", "29 December"],
    "council_missed_deadline": [
        "SEND Regulations 2014 reg 5(1)",
        "reg 13(2)",
        "Ombudsman fact sheet",
    ],
    "outside_england": ["SNAP Cymru", "Enquire", "SENAC"],
}
NEW_TOPICS = sorted(PARENT_FACTS)
NEW_LADDERS = ["exclusion", "provision_not_delivered", "transport_refused", "review_late"]
# New council letters: the law each one must cite, as the letter words it.
COUNCIL_LETTERS = {
    "s19_education": ["section 19 of the Education Act 1996", "15 school days"],
    "early_review": [
        "section 44(1) of the Children and Families Act 2014",
        "SEND Regulations 2014 regs 18 to 22",
        "within 4 weeks of the meeting",
    ],
    "transport_review": [
        "section 508B of, and Schedule 35B to, the Education Act 1996",
        "20 working days",
        "stage one",
        "independent appeal panel",
    ],
    "provision_not_delivered": [
        "section 42(2) of the Children and Families Act 2014",
        "Section F",
        "Local Government and Social Care Ombudsman",
    ],
}
# The new letter to the school (headteacher), and what it must say.
SCHOOL_LETTERS = {
    "sent_home_unofficial": [
        "unlawful even if the parent agrees",
        "www.gov.uk/government/publications/school-exclusion",
        "early review",
        "[child's full name]",
    ],
}
HEADTEACHER_ADDRESS = "To:\n[Name of the headteacher]\n[school]"
# A letter to the council leaves the child's details for the parent to fill in.
CHILD_PLACEHOLDERS = ["[child's full name]", "[date of birth]"]


def flat(text: str) -> str:
    return " ".join(text.split())
