"""Everything the assistant says: fixed wording (phrases.py), replies built from knowledge
(render.py) and the deadline calculator's wording (deadlines.py)."""
