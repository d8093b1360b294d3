"""Which issues a message raises: the main one and the others worth offering.

Parents' real messages often carry two or three issues ("he's been sent home again, the LA
refused the EHCNA and now they've stopped his taxi"). The classifier's ranking says which topics
the whole message is most like; each topic's `cues` (words that signal it, from its topic file)
say which issues are actually written in it. A topic is offered as "you also mentioned" only
when its cue words are in the message, so the assistant never claims the parent said
something they did not.
"""

from collections.abc import Iterable, Sequence

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
    confidence = _classifier_confidence(ranking)
    candidates = [t for t in topics if offerable(t) and t.id not in skipped]
    hits_by_topic = cues.cue_hits_by_topic(text, {t.id: t.cues for t in candidates})
    scored = []
    for topic in candidates:
        hits, weight = len(hits_by_topic[topic.id]), confidence.get(topic.id, 0.0)
        if hits or weight >= MIN_CLARIFY_CONFIDENCE:
            scored.append((weight + cues.cue_bonus(hits), topic))
    scored.sort(key=lambda s: s[0], reverse=True)
    return [topic for _, topic in scored[:limit]]


def clarifying_choices(
    text: str,
    ranking: Sequence[dict],
    topics: Iterable[TopicView],
    ladders: Iterable[LadderView],
) -> list[tuple[str, str]]:
    """The clarifying question's choices, as (intent, title): the topics that best match the
    message, then an escalation ladder the classifier is fairly sure of, at most MAX_CHOICES."""
    ranking = [r for r in ranking or [] if r.get("name") not in NOT_TOPICS]
    found = best_matches(text, ranking, topics, limit=MAX_CHOICES, skip=NOT_TOPICS)
    choices = [(t.id, t.title) for t in found]
    ladder_of = {ladder.intent: ladder for ladder in ladders}
    for ranked in ranking:
        ladder = ladder_of.get(ranked.get("name"))
        if (
            ladder
            and ladder.intent not in dict(choices)  # the exclusion ladder's intent is a topic's
            and len(choices) < MAX_CHOICES
            and float(ranked.get("confidence") or 0) >= MIN_LADDER_CONFIDENCE
        ):
            choices.append((ladder.intent, ladder.title))
    return choices
