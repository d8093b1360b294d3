"""Everything the assistant says: fixed wording (text.py) and replies built from knowledge (render.py)."""
