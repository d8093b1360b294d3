"""Grouping not-understood messages by similar wording, so editors see themes, not 500 lines.

TF-IDF over words and character n-grams (so "EHCP" and "EHC plan", or typos, still meet),
then a greedy pass from the most frequent wording down: each wording joins the first
group whose leading wording it resembles (cosine similarity >= threshold), else starts a
new group. Deterministic and easy to explain: a group is named by its most-sent wording.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

SIMILARITY = 0.3


@dataclass
class Group:
    label: str  # the most-sent wording in the group
    total: int = 0  # messages in the group
    wordings: list[tuple[str, int]] = field(
        default_factory=list
    )  # (wording, times sent), most first


def _vectors(texts: Sequence[str]):
    words = TfidfVectorizer(
        lowercase=True, ngram_range=(1, 2), sublinear_tf=True, stop_words="english"
    )
    chars = TfidfVectorizer(
        lowercase=True, analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True
    )
    return normalize(hstack([words.fit_transform(texts), chars.fit_transform(texts)]).tocsr())


def group_similar(counted: Sequence[tuple[str, int]], threshold: float = SIMILARITY) -> list[Group]:
    """Groups of (wording, count) pairs, largest group first."""
    items = sorted(((t, n) for t, n in counted if t and t.strip()), key=lambda x: (-x[1], x[0]))
    if not items:
        return []
    if len(items) == 1:
        return [Group(items[0][0], items[0][1], list(items))]
    vectors = _vectors([t for t, _ in items])
    leaders: list[int] = []  # row index of each group's leading wording
    groups: list[Group] = []
    for i, (text, n) in enumerate(items):
        chosen = -1
        if leaders:
            sims = (vectors[leaders] @ vectors[i].T).toarray().ravel()
            best = int(np.argmax(sims))
            if sims[best] >= threshold:
                chosen = best
        if chosen < 0:
            leaders.append(i)
            groups.append(Group(text))
            chosen = len(groups) - 1
        groups[chosen].total += n
        groups[chosen].wordings.append((text, n))
    return sorted(groups, key=lambda g: (-g.total, g.label))
