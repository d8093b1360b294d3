"""Which issues a message raises: the main one and the others worth offering.

Parents' real messages often carry two or three issues ("he's been sent home again, the LA
refused the EHCNA and now they've stopped his taxi"). The classifier's ranking says which topics
the whole message is most like; each topic's `cues` (words that signal it, from its topic file)
say which issues are actually written in it. A topic is offered as "you also mentioned" only
when its cue words are in the message, so the assistant never claims the parent said
something they did not.
"""

from collections.abc import Iterable, Sequence

from knowledge import TopicView
from nlu import cues

MIN_RANKING_CONFIDENCE = 0.01  # a cue-matched topic must also be somewhere in the classifier's view
MAX_OTHER_ISSUES = 3
MIN_CLARIFY_CONFIDENCE = 0.1  # a topic without cue words in the message needs this much weight


def offerable(topic: TopicView) -> bool:
    """Topics about the assistant itself are answered only when asked for by name, never offered."""
    return not topic.about_assistant


def other_issues(
    text: str,
    main: str,
    ranking: Sequence[dict],
    topics: Iterable[TopicView],
    limit: int = MAX_OTHER_ISSUES,
) -> list[TopicView]:
    """Topics besides `main` that the message mentions, most likely first.

    A topic qualifies when at least one of its cues is in the message and the classifier also
    gives it some weight (or two different cues are there); ties are broken by the ranking.
    """
    # The classifier's confidence before the cue bonus: after it, any cue found passes the bar.
    confidence: dict[str, float] = {
        r.get("name"): float(r.get(cues.CLASSIFIER_CONFIDENCE, r.get("confidence")) or 0)
        for r in ranking or []
    }
    candidates = [t for t in topics if t.id != main and offerable(t)]
    hits_by_topic = cues.cue_hits_by_topic(text, {t.id: t.cues for t in candidates})
    found: list[tuple[float, int, TopicView]] = []
    for topic in candidates:
        hits = hits_by_topic[topic.id]
        weight = confidence.get(topic.id, 0.0)
        if hits and (weight >= MIN_RANKING_CONFIDENCE or len(hits) >= 2):
            found.append((weight, len(hits), topic))
    found.sort(key=lambda f: (f[0], f[1]), reverse=True)
    return [topic for _, _, topic in found[:limit]]


def best_matches(
    text: str,
    ranking: Sequence[dict],
    topics: Iterable[TopicView],
    limit: int = 3,
    skip: Iterable[str] = (),
) -> list[TopicView]:
    """For a clarifying question: the topics that best match the message's words.

    A topic counts when its cue words are in the message or the classifier gives it real weight;
    each cue found adds to its score. Nothing is offered just to fill a slot, so an unrelated
    topic such as privacy never appears.
    """
    skipped = set(skip)
    confidence = {r.get("name"): float(r.get("confidence") or 0) for r in ranking or []}
    candidates = [t for t in topics if offerable(t) and t.id not in skipped]
    hits_by_topic = cues.cue_hits_by_topic(text, {t.id: t.cues for t in candidates})
    scored = []
    for topic in candidates:
        hits, weight = len(hits_by_topic[topic.id]), confidence.get(topic.id, 0.0)
        if hits or weight >= MIN_CLARIFY_CONFIDENCE:
            scored.append((weight + cues.cue_bonus(hits), topic))
    scored.sort(key=lambda s: s[0], reverse=True)
    return [topic for _, topic in scored[:limit]]
