"""Which issues a message raises: the main one and the others worth offering.

Parents' real messages often carry two or three issues ("he's been sent home again, the LA
refused the EHCNA and now they've stopped his taxi"). The classifier's ranking says which topics
the whole message is most like; each topic's `cues` (words that signal it, from its topic file)
say which issues are actually written in it. A topic is offered as "you also mentioned" only
when its cue words are in the message, so the assistant never claims the parent said
something they did not.
"""

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from knowledge import LadderView, TopicView
from nlu import cues
from nlu.intents import CONVERSATION_INTENTS, FALLBACK_INTENT

MIN_RANKING_CONFIDENCE = 0.01  # a cue-matched topic must also be somewhere in the classifier's view
MAX_OTHER_ISSUES = 3
MIN_CLARIFY_CONFIDENCE = 0.1  # a topic without cue words in the message needs this much weight
# Intents that are not a topic worth offering when the assistant is unsure.
NOT_TOPICS = CONVERSATION_INTENTS | {FALLBACK_INTENT, "iass", "safety_concern"}
MAX_CHOICES = 3
MIN_LADDER_CONFIDENCE = 0.15  # an escalation ladder the classifier is fairly sure of
# A follow-up is read with the parent's previous message, which counts half as much: set before
# measuring on 37 real follow-ups, not tuned on them (docs/nlu.md, "Sixteenth session").
EARLIER_WEIGHT = 0.5


def offerable(topic: TopicView) -> bool:
    """Topics about the assistant itself are answered only when asked for by name, never offered."""
    return not topic.about_assistant


def _classifier_confidence(ranking: Sequence[dict] | None) -> dict[str, float]:
    """Each intent's confidence before the cue re-ranker's bonus: after it, any cue found would
    pass the bars below, and a cue would count twice where its bonus is added again."""
    return {
        r.get("name"): float(r.get(cues.CLASSIFIER_CONFIDENCE, r.get("confidence")) or 0)
        for r in ranking or []
    }


def other_issues(
    text: str,
    main: str,
    ranking: Sequence[dict],
    topics: Iterable[TopicView],
    limit: int = MAX_OTHER_ISSUES,
) -> list[TopicView]:
    """Topics besides `main` that the message mentions, most likely first.

    A topic qualifies when at least one of its cues is in the message and the classifier also
    gives it some weight (or its cues name two different things); ties are broken by the ranking.
    """
    confidence = _classifier_confidence(ranking)
    candidates = [t for t in topics if t.id != main and offerable(t)]
    hits_by_topic = cues.cue_hits_by_topic(text, {t.id: t.cues for t in candidates})
    found: list[tuple[float, int, TopicView]] = []
    for topic in candidates:
        hits = hits_by_topic[topic.id]
        weight = confidence.get(topic.id, 0.0)
        if hits and (weight >= MIN_RANKING_CONFIDENCE or cues.mentions(hits) >= 2):
            found.append((weight, len(hits), topic))
    found.sort(key=lambda f: (f[0], f[1]), reverse=True)
    return [topic for _, _, topic in found[:limit]]


class EarlierMessage(NamedTuple):
    """The parent's previous typed message: its words and the classifier's ranking of it."""

    text: str
    ranking: Sequence[dict]


def _clarify_scores(
    text: str, ranking: Sequence[dict], candidates: Sequence[TopicView]
) -> dict[str, float]:
    """Each candidate topic's score for a clarifying question: the classifier's weight plus a
    bonus per cue found, for topics with a cue in the message or real weight."""
    confidence = _classifier_confidence(ranking)
    hits_by_topic = cues.cue_hits_by_topic(text, {t.id: t.cues for t in candidates})
    scores = {}
    for topic in candidates:
        hits, weight = len(hits_by_topic[topic.id]), confidence.get(topic.id, 0.0)
        if hits or weight >= MIN_CLARIFY_CONFIDENCE:
            scores[topic.id] = weight + cues.cue_bonus(hits)
    return scores


def best_matches(
    text: str,
    ranking: Sequence[dict],
    topics: Iterable[TopicView],
    limit: int = 3,
    skip: Iterable[str] = (),
    earlier: EarlierMessage | None = None,
) -> list[TopicView]:
    """For a clarifying question: the topics that best match the message's words.

    A topic counts when its cue words are in the message or the classifier gives it real weight;
    each cue found adds to its score. Nothing is offered just to fill a slot, so an unrelated
    topic such as privacy never appears. A follow-up is read with the parent's `earlier`
    message, which counts EARLIER_WEIGHT as much: "Lack of space, according to the letter" only
    makes sense after the message about the school place.
    """
    skipped = set(skip)
    candidates = [t for t in topics if offerable(t) and t.id not in skipped]
    scores = _clarify_scores(text, ranking, candidates)
    if earlier is not None:
        for topic_id, score in _clarify_scores(earlier.text, earlier.ranking, candidates).items():
            scores[topic_id] = scores.get(topic_id, 0.0) + EARLIER_WEIGHT * score
    found = sorted(
        (t for t in candidates if t.id in scores), key=lambda t: scores[t.id], reverse=True
    )
    return found[:limit]


def clarifying_choices(
    text: str,
    ranking: Sequence[dict],
    topics: Iterable[TopicView],
    ladders: Iterable[LadderView],
    earlier: EarlierMessage | None = None,
    skip: Iterable[str] = (),
) -> list[tuple[str, str]]:
    """The clarifying question's choices, as (intent, title): the topics that best match the
    message (read with the `earlier` one, if given), then an escalation ladder the classifier is
    fairly sure of, at most MAX_CHOICES. `skip`: intents not to offer (one just answered)."""
    skipped = NOT_TOPICS | set(skip)
    ranking = [r for r in ranking or [] if r.get("name") not in skipped]
    found = best_matches(text, ranking, topics, limit=MAX_CHOICES, skip=skipped, earlier=earlier)
    choices = [(t.id, t.title) for t in found]
    ladder_of = {ladder.intent: ladder for ladder in ladders}
    for ranked in _blended(ranking, earlier.ranking if earlier else []):
        if ranked.get("name") in skipped:
            continue
        ladder = ladder_of.get(ranked.get("name"))
        if (
            ladder
            and ladder.intent not in dict(choices)  # the exclusion ladder's intent is a topic's
            and len(choices) < MAX_CHOICES
            and float(ranked.get("confidence") or 0) >= MIN_LADDER_CONFIDENCE
        ):
            choices.append((ladder.intent, ladder.title))
    return choices


def _blended(ranking: Sequence[dict], earlier_ranking: Sequence[dict]) -> list[dict]:
    """This message's ranking with the earlier message's confidences added at EARLIER_WEIGHT, for
    the ladders (topics are blended in best_matches, which reads the classifier's own weights)."""
    if not earlier_ranking:
        return list(ranking or [])
    confidence: dict[str, float] = {}
    for weight, entries in ((1.0, ranking or []), (EARLIER_WEIGHT, earlier_ranking)):
        for entry in entries:
            name = entry.get("name")
            confidence[name] = confidence.get(name, 0.0) + weight * float(
                entry.get("confidence") or 0
            )
    ordered = sorted(confidence.items(), key=lambda item: item[1], reverse=True)
    return [{"name": name, "confidence": value} for name, value in ordered]
