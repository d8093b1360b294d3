"""Everything the assistant says: fixed wording (phrases.py) and replies built from knowledge (render.py)."""
