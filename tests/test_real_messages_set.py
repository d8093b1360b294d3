"""Integrity of the real-phrasing test set (tests/nlu/real_messages.yml), not of the model.

The set holds messages written by real parents and young people (forums, charities' and
councils' FAQ pages). It is only useful as a test if every entry is traceable to its source,
labelled with ids the assistant knows, and never seen in training.
"""

import csv
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
SET_FILE = REPO / "tests" / "nlu" / "real_messages.yml"
TOPIC_FILES = REPO / "knowledge" / "content" / "topics"
OLD_TOPICS_FILE = REPO / "knowledge" / "content" / "national" / "topics.yaml"
COUNCILS_CSV = REPO / "knowledge" / "content" / "national" / "english_local_authorities.csv"

# Topic ids added by issue 11. Until every topic lives in knowledge/content/topics/<id>.yaml
# these are accepted from this list; once a file exists for an id it is read from there too.
NEW_TOPIC_IDS = {
    "exclusion_suspension",
    "exclusion_permanent",
    "unofficial_exclusion",
    "part_time_timetable",
    "attendance_anxiety",
    "out_of_school",
    "transport",
    "transport_appeal",
    "transport_post16",
    "ehcp_contents",
    "provision_not_delivered",
    "review_late",
    "ceasing_plan",
    "post16_plans",
    "moving_council",
    "naming_school",
    "school_cannot_meet_needs",
    "special_school_refused",
    "personal_budget",
    "health_provision",
    "reasonable_adjustments",
    "disability_discrimination",
    "exam_access",
    "restraint",
    "social_care",
    "home_education",
    "early_years_assessment",
    "assessment_evidence",
    "late_appeal",
    "council_missed_deadline",
    "outside_england",
}
# Dialogue intents a message may be labelled with (hand-written Rasa data, not topics).
FLOW_INTENTS = {
    "school_not_meeting_needs",
    "ehc_refused",
    "ehcp_disagree",
    "deadline_calculation",
    "request_letter",
    "steps_taken",
    "escalation_path",
    "ask_human",
    "out_of_scope",
}
FIELDS = {"text", "source", "topics", "council", "place_text", "risk"}
ANNOTATION = re.compile(r"\[([^\]]+)\]\([^)]+\)")


def normalised(text):
    """Lowercase and collapse everything that is not a letter or digit (as test_nlu_data does)."""
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def known_topic_ids():
    ids = set(NEW_TOPIC_IDS)
    if OLD_TOPICS_FILE.exists():
        ids |= {t["id"] for t in yaml.safe_load(OLD_TOPICS_FILE.read_text())["topics"]}
    for path in sorted(TOPIC_FILES.glob("*.yaml")):
        ids.add(yaml.safe_load(path.read_text())["id"])
    return ids


def official_council_names():
    with COUNCILS_CSV.open(newline="") as f:
        return {row["la_name"] for row in csv.DictReader(f)}


def example_lines(block):
    """The '- ' lines of a Rasa-style examples block, annotations removed."""
    found = []
    for line in (block or "").splitlines():
        line = line.strip()
        if line.startswith("- "):
            found.append(ANNOTATION.sub(r"\1", line[2:]).strip())
    return found


def training_texts():
    """Every training example: data/**/*.yml NLU blocks and topic files' `examples:`."""
    texts = []
    for path in sorted((REPO / "data").rglob("*.yml")):
        content = yaml.safe_load(path.read_text()) or {}
        for block in content.get("nlu", []) if isinstance(content, dict) else []:
            texts.extend(example_lines(block.get("examples")))
    for path in sorted(TOPIC_FILES.glob("*.yaml")):
        texts.extend(example_lines((yaml.safe_load(path.read_text()) or {}).get("examples")))
    return texts


ENTRIES = yaml.safe_load(SET_FILE.read_text())
# Fresh posts read by hand (not scored): kept out of training like the set itself.
FRESH_FILES = sorted((REPO / "tests" / "nlu").glob("fresh_posts_*.yml"))
FRESH = [e for path in FRESH_FILES for e in yaml.safe_load(path.read_text())]
NEVER_TRAINED = ENTRIES + FRESH
VERDICTS = {"right", "clarifying", "neighbouring", "wrong"}


def test_at_least_200_messages():
    assert isinstance(ENTRIES, list)
    assert len(ENTRIES) >= 200


@pytest.mark.parametrize("index", range(len(ENTRIES)))
def test_entry_has_the_fields_and_types(index):
    entry = ENTRIES[index]
    assert set(entry) == FIELDS, entry.get("text")
    assert isinstance(entry["text"], str) and entry["text"].strip()
    assert isinstance(entry["topics"], list) and entry["topics"], entry["text"]
    assert len(set(entry["topics"])) == len(entry["topics"]), entry["text"]
    assert isinstance(entry["risk"], bool)
    assert entry["council"] is None or isinstance(entry["council"], str)
    assert entry["place_text"] is None or isinstance(entry["place_text"], str)


def test_every_message_has_a_web_source():
    bad = [
        e["text"][:60]
        for e in ENTRIES
        if not re.match(r"^https?://[^\s/]+\.[^\s/]+", str(e.get("source", "")))
    ]
    assert bad == []


def test_every_label_is_a_known_topic_or_intent():
    allowed = known_topic_ids() | FLOW_INTENTS
    unknown = sorted({t for e in ENTRIES for t in e["topics"] if t not in allowed})
    assert unknown == []


def test_councils_are_official_names():
    names = official_council_names()
    assert [e["council"] for e in ENTRIES if e["council"] and e["council"] not in names] == []


def test_a_named_council_comes_with_the_words_that_named_it():
    assert [e["text"][:60] for e in ENTRIES if e["council"] and not e["place_text"]] == []


def test_no_duplicate_messages():
    counts = Counter(normalised(e["text"]) for e in ENTRIES)
    assert [t for t, n in counts.items() if n > 1] == []


def test_no_message_is_in_the_training_data():
    trained = {normalised(t) for t in training_texts()}
    leaked = [e["text"][:80] for e in NEVER_TRAINED if normalised(e["text"]) in trained]
    assert leaked == []


# A forum thread's number (Mumsnet's /4814179-..., phpBB's t=12345): any page of that thread.
THREAD_NUMBER = re.compile(r"(?:/|[?&]t=)(\d{5,})")


def page_keys(url):
    """The page's address without scheme, www or page/comment number, plus its thread number."""
    page = re.sub(r"^https?://(www\.)?", "", url.split()[0].lower()).split("#")[0]
    # Which page of a thread, or which comment, does not make it another thread.
    page = re.sub(r"[?&](page|do|comment|p)=[^&]*", "", page)
    keys = {page.rstrip("/?&")}
    keys |= {f"thread {n}" for n in THREAD_NUMBER.findall(page)}
    return keys


def training_sources():
    """The pages the real messages trained on come from: each block's `metadata: {source: }`."""
    return {
        block["metadata"]["source"]: path.name
        for path in sorted((REPO / "data").rglob("*.yml"))
        for block in (yaml.safe_load(path.read_text()) or {}).get("nlu", [])
        if isinstance(block.get("metadata"), dict) and block["metadata"].get("source")
    }


def test_no_training_page_or_thread_is_a_test_source():
    """Real messages trained on come from other pages and threads than the test set's, so the
    set measures wordings the model has never seen, not the rest of a thread it has."""
    test_keys = set().union(*(page_keys(e["source"]) for e in NEVER_TRAINED))
    shared = sorted(
        f"{url} ({name})" for url, name in training_sources().items() if page_keys(url) & test_keys
    )
    assert shared == []


def test_every_block_of_real_messages_names_its_page():
    for path in sorted((REPO / "data" / "nlu").glob("forum_messages*.yml")):
        blocks = yaml.safe_load(path.read_text())["nlu"]
        unsourced = [b["intent"] for b in blocks if not (b.get("metadata") or {}).get("source")]
        assert unsourced == [], path.name
        assert all(b["metadata"]["source"].startswith("http") for b in blocks), path.name


def word_runs(text, length=10):
    words = normalised(text).split()
    return {" ".join(words[i : i + length]) for i in range(len(words) - length + 1)}


def test_no_training_example_repeats_ten_words_of_a_test_message():
    """Catches a longer or shorter cut of the same post, which the exact-text check cannot."""
    tested = set().union(*(word_runs(e["text"]) for e in NEVER_TRAINED))
    repeated = [t[:80] for t in training_texts() if word_runs(t) & tested]
    assert repeated == []


def test_the_set_covers_every_new_topic():
    """Each topic added by issue 11 has at least one real message (most have three or more)."""
    labelled = {t for e in ENTRIES for t in e["topics"]}
    assert sorted(NEW_TOPIC_IDS - labelled) == []


def test_fresh_posts_are_sourced_and_read():
    assert FRESH, "tests/nlu/fresh_posts_*.yml"
    for entry in FRESH:
        assert set(entry) == {"text", "source", "asks", "first_reply_before"}, entry["text"][:60]
        assert entry["source"].startswith("http") and entry["text"].strip()
        assert entry["first_reply_before"] in VERDICTS


def test_fresh_posts_are_not_in_the_scored_set():
    scored = {normalised(e["text"]) for e in ENTRIES}
    assert [e["text"][:60] for e in FRESH if normalised(e["text"]) in scored] == []
