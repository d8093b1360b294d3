"""Tallies of what the risk detector decides for labelled messages, and one printed line of them,
for the measurement scripts (scripts/risk_leave_one_round_out.py, scripts/risk_pattern_veto.py)."""

from collections import Counter


def tally(counts: Counter, is_risk: bool, crisis: bool, offered: bool) -> None:
    """One message: a risk one caught by the crisis reply (`crisis`) or by it or the safety check
    (`helped`); an ordinary one wrongly given the crisis reply (`flagged`) or either (`asked`)."""
    if is_risk:
        counts.update(risk=1, crisis=int(crisis), helped=int(offered))
    else:
        counts.update(ordinary=1, flagged=int(crisis), asked=int(offered))


def line(name: str, c: Counter) -> str:
    risk, ordinary = max(c["risk"], 1), max(c["ordinary"], 1)
    return (
        f"{name:>8}  crisis {c['crisis']:3d}/{c['risk']:3d} = {c['crisis'] / risk:.3f}  "
        f"crisis|check {c['helped']:3d}/{c['risk']:3d} = {c['helped'] / risk:.3f}  "
        f"ordinary crisis {c['flagged']:3d}/{c['ordinary']:3d} = {c['flagged'] / ordinary:.3f}  "
        f"crisis|check {c['asked']:3d}/{c['ordinary']:3d} = {c['asked'] / ordinary:.3f}"
    )
