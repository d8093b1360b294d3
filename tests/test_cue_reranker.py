"""The cue re-ranker: a topic the message names in its own cue words moves up the ranking."""

import pytest
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from nlu.cue_reranker import CueReranker, reranked
from nlu.topic_importer import topic_cues

CUES = {"transport": ["taxi", "transport"], "exclusion_suspension": ["suspended", "sent home"]}
RANKING = [
    {"name": "exclusion_suspension", "confidence": 0.45},
    {"name": "transport", "confidence": 0.35},
    {"name": "greet", "confidence": 0.20},
]


def test_a_topic_named_in_its_cue_words_is_promoted_over_a_close_one():
    ranking = reranked("the council stopped his taxi to school", RANKING, CUES, 10)
    assert [r["name"] for r in ranking] == ["transport", "exclusion_suspension", "greet"]
    assert sum(r["confidence"] for r in ranking) == pytest.approx(1.0)


def test_each_topic_keeps_the_classifiers_own_confidence_beside_the_reranked_one():
    ranking = reranked("the council stopped his taxi to school", RANKING, CUES, 10)
    transport = next(r for r in ranking if r["name"] == "transport")
    assert transport["confidence"] > 0.35 and transport["classifier_confidence"] == 0.35
    # Re-ranking a ranking again keeps the first classifier's figure, not the bonus.
    again = reranked("the council stopped his taxi to school", ranking, CUES, 10)
    assert next(r for r in again if r["name"] == "transport")["classifier_confidence"] == 0.35


def test_a_clear_lead_is_kept_and_no_cue_words_change_nothing():
    clear = [dict(RANKING[0], confidence=0.9), dict(RANKING[1], confidence=0.05), RANKING[2]]
    assert reranked("his taxi", clear, CUES, 10)[0]["name"] == "exclusion_suspension"
    unchanged = reranked("what can I do", RANKING, CUES, 10)
    assert [(r["name"], round(r["confidence"], 6)) for r in unchanged] == [
        (r["name"], r["confidence"]) for r in RANKING
    ]


def test_at_most_three_cue_words_count_and_the_ranking_is_trimmed():
    many = {"transport": ["taxi", "bus", "transport", "escort", "route"]}
    ranking = reranked("taxi bus transport escort route", RANKING, many, 2)
    assert len(ranking) == 2
    assert ranking[0]["confidence"] == pytest.approx((0.35 + 0.45) / (1 + 0.45))


def test_abbreviations_are_expanded_before_cues_are_matched():
    cues = {"ehc_assessment_how": ["needs assessment"]}
    ranking = [
        {"name": "annual_review", "confidence": 0.5},
        {"name": "ehc_assessment_how", "confidence": 0.4},
    ]
    assert (
        reranked("the LA refused the EHCNA", ranking, cues, 10)[0]["name"] == "ehc_assessment_how"
    )


def test_the_assistants_own_topics_are_never_promoted():
    cues = topic_cues()
    assert "privacy" not in cues and "bot_capabilities" not in cues
    assert "transport" in cues


def test_the_cues_are_kept_in_the_model_and_reranking_works_after_loading(tmp_path):
    storage, resource = LocalModelStorage(tmp_path), Resource("cue_reranker")
    trainer = CueReranker.create({**CueReranker.get_default_config()}, storage, resource, None)
    trainer.train(
        TrainingData(
            [
                Message(data={TEXT: "his taxi was stopped", INTENT: "transport"}),
                Message(data={TEXT: "he was suspended", INTENT: "exclusion_suspension"}),
            ]
        )
    )
    loaded = CueReranker.load({**CueReranker.get_default_config()}, storage, resource, None)
    assert set(loaded.cue_words) == {"transport", "exclusion_suspension"}
    message = Message(data={TEXT: "school transport was cancelled", INTENT_RANKING_KEY: RANKING})
    loaded.process([message])
    assert message.get(INTENT)["name"] == "transport"


def test_a_message_without_a_ranking_is_left_alone(tmp_path):
    component = CueReranker({"ranking_length": 10}, None, None, CUES)
    message = Message(data={TEXT: "taxi"})
    component.process([message])
    assert message.get(INTENT) is None


def test_cues_match_across_line_breaks_any_case_and_plurals_for_every_topic_at_once():
    from nlu.cues import cue_hits_by_topic

    found = cue_hits_by_topic(
        "Her ANNUAL\nreview is late. Two taxis were cancelled. The LA refused the EHCNA.",
        {
            "annual_review": ["annual review"],
            "transport": ["taxi"],
            "ehc_assessment_how": ["needs assessment"],
            "exam_access": ["exam"],
        },
    )
    assert found == {
        "annual_review": ["annual review"],
        "transport": ["taxi"],
        "ehc_assessment_how": ["needs assessment"],
        "exam_access": [],
    }


def test_every_cue_is_found_in_capitals_typed_on_a_turkish_keyboard_or_with_a_curly_apostrophe():
    from nlu.cues import cue_hits

    for topic, words in topic_cues().items():
        for cue in words:
            for typed in (
                cue.upper(),
                cue.upper().replace("I", "\u0130"),
                cue.replace("'", "\u2019"),
            ):
                assert cue in cue_hits(f"about {typed} please", [cue]), (topic, typed)


def test_a_cue_with_a_symbol_matches_and_a_number_does_not_run_into_the_next_digits():
    from nlu.cues import cue_hits

    assert cue_hits("is the £6,000 the school's money?", ["£6,000"]) == ["£6,000"]
    assert cue_hits("call 07700 900123 or he is 160cm", ["0", "16"]) == []
    assert cue_hits("he turns 16 in May", ["16"]) == ["16"]


def test_a_cue_does_not_span_the_end_of_the_message_and_its_expanded_copy():
    from nlu.cues import cue_hits

    assert cue_hits("we want an annual", ["annual we"]) == []


def test_the_assistants_own_topics_gain_nothing_from_their_words():
    ranking = [{"name": "sen_support", "confidence": 0.5}, {"name": "privacy", "confidence": 0.45}]
    top = reranked("what data is stored about my privacy", ranking, topic_cues(), 10)[0]
    assert top["name"] == "sen_support"


def test_editing_a_topics_cues_changes_the_fingerprint_so_rasa_retrains(monkeypatch):
    import nlu.cue_reranker as module

    before = CueReranker.fingerprint_addon({})
    monkeypatch.setattr(module, "topic_cues", lambda: {**topic_cues(), "transport": ["cab"]})
    assert CueReranker.fingerprint_addon({}) != before
