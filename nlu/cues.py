"""Cue words: the words in a topic file that signal its topic ("taxi", "EHCNA", "annual review").

One matching rule for everyone who asks "which topics does this message name?": the cue
re-ranker in the NLU pipeline (nlu/cue_reranker.py), the "You also mentioned" buttons and the
clarifying question (advice/issues.py).
"""

import re
from collections.abc import Iterable, Mapping
from functools import lru_cache

from nlu.abbreviations import expand

# Weight each cue word found adds to a topic's score, for at most MAX_CUES_COUNTED cues: chosen
# for the clarifying question, and the value the re-ranker was measured with (docs/nlu.md,
# round 22).
CUE_BONUS = 0.15
MAX_CUES_COUNTED = 3
# The key, in each intent-ranking entry, of the classifier's confidence before the cue bonus.
CLASSIFIER_CONFIDENCE = "classifier_confidence"


@lru_cache(maxsize=4096)
def _cue_pattern(cue: str) -> re.Pattern:
    # Whole words, any case, flexible spaces; a cue ending in a letter also matches plurals.
    # Look-arounds, not \b, so a cue may start or end with a symbol ("£6,000").
    words = [re.escape(w) for w in cue.lower().split()]
    plural = r"(s|es)?" if cue[-1:].isalpha() else ""
    return re.compile(r"(?<!\w)" + r"\s+".join(words) + plural + r"(?!\w)", re.IGNORECASE)


# Letters that IGNORECASE matches but str.lower() does not turn into i or s (a Turkish
# keyboard's dotted and dotless i, the long s), and the curly apostrophe phones type.
_PLAIN = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u2019": "'"})


def _haystack(text: str) -> tuple[str, str]:
    """The message and its expanded form ('EHCNA'), as written and in lower case."""
    plain = text.translate(_PLAIN)
    # The "|" keeps a cue from spanning the end of the message and the start of its copy.
    joined = f"{plain}\n|\n{expand(plain)}"
    return joined, joined.lower()


def _found(haystack: tuple[str, str], cues: Iterable[str]) -> list[str]:
    joined, lowered = haystack
    # A cue's first word must be there in lower case before its regex is worth running: this
    # cheap test skips most of the several hundred cues for a long message.
    return [
        cue
        for cue in cues
        if (stripped := cue.strip())
        and stripped.lower().split()[0] in lowered
        and _cue_pattern(stripped).search(joined)
    ]


def cue_hits(text: str, cues: Iterable[str]) -> list[str]:
    """The cues found in the message (abbreviations expanded first: 'EHCNA')."""
    return _found(_haystack(text), cues)


def cue_hits_by_topic(text: str, topic_cues: Mapping[str, Iterable[str]]) -> dict[str, list[str]]:
    """Each topic's cues found in the message, the message read once for all of them."""
    haystack = _haystack(text)
    return {topic: _found(haystack, cues) for topic, cues in topic_cues.items()}


@lru_cache(maxsize=4096)
def _spelt_out(cue: str) -> str:
    return f" {' '.join(expand(cue).lower().split())} "


def mentions(found: Iterable[str]) -> int:
    """How many separate things the found cues name: one written "SENCO" is found as "senco" and
    as "special needs coordinator", and "after school club" also holds "club"."""
    spelt = {_spelt_out(cue) for cue in found}
    return sum(1 for cue in spelt if not any(cue in other and cue != other for other in spelt))


def cue_bonus(hits: int, per_cue: float = CUE_BONUS) -> float:
    return per_cue * min(hits, MAX_CUES_COUNTED)
