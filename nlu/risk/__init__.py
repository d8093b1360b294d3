"""A precise risk detector: does a message show that a child or a parent may be at real risk?

`detect(text)` returns a `Risk` with the categories found (danger, self_harm_suicide, abuse,
missing, restraint_injury, exploitation, not_eating), who is at risk (the child or the parent
writing) and whether staff are involved (then the school's designated safeguarding lead and
the council's LADO are named). Upset, anger, tiredness, behaviour, disability and exclusion
are not risk: see lexicon.py for the patterns and the everyday idioms they ignore.

`detect` is the patterns alone. What ships is `combined.RiskDetector`: the patterns, then a
learned model (learned.py, trained by nlu/safety.py's SafetyNet inside the Rasa model) for the
phrasings no pattern foresaw.
"""

from .detector import Risk, detect

__all__ = ["Risk", "detect"]
