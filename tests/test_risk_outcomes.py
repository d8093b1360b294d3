"""The tallies the risk measurement scripts print (devtools/risk_outcomes.py)."""

from collections import Counter

from devtools.risk_outcomes import line, tally


def test_risk_and_ordinary_messages_are_counted_apart_by_what_they_got():
    counts = Counter()
    tally(counts, is_risk=True, crisis=True, offered=True)
    tally(counts, is_risk=True, crisis=False, offered=True)
    tally(counts, is_risk=True, crisis=False, offered=False)
    tally(counts, is_risk=False, crisis=False, offered=True)
    tally(counts, is_risk=False, crisis=False, offered=False)
    assert counts == Counter(risk=3, crisis=1, helped=2, ordinary=2, flagged=0, asked=1)
    printed = line("after", counts)
    assert "crisis   1/  3 = 0.333" in printed and "crisis|check   1/  2 = 0.500" in printed


def test_a_set_with_no_risk_messages_prints_without_dividing_by_zero():
    counts = Counter()
    tally(counts, is_risk=False, crisis=True, offered=True)
    assert "ordinary crisis   1/  1 = 1.000" in line("before", counts)
