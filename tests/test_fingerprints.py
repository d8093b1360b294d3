"""Rasa's training cache sees the training data and the config, not the code and built files the
learned components' features run through: each component adds those to its fingerprint, so a
changed abbreviation list, spaCy pipeline or encoder retrains it (a stale model once measured a
change as doing nothing)."""

from nlu import fingerprints
from nlu.fingerprints import CLASSIFIER_INPUTS, FEATURE_INPUTS, files_digest
from nlu.safety import SafetyNet
from nlu.tfidf_intent_classifier import TfidfIntentClassifier


def test_the_digest_changes_with_a_files_bytes_a_folders_files_and_a_missing_file(tmp_path):
    folder, single = tmp_path / "pipeline", tmp_path / "abbreviations.py"
    folder.mkdir()
    (folder / "meta.json").write_text("{}")
    single.write_text("ANY_CASE = {}")
    before = files_digest([folder, single])
    single.write_text("ANY_CASE = {'echp': 'ehc plan'}")
    after_file = files_digest([folder, single])
    (folder / "lemmatizer").write_text("lookups")
    after_folder = files_digest([folder, single])
    missing = files_digest([folder, tmp_path / "gone.onnx"])
    assert len({before, after_file, after_folder, missing}) == 4
    assert files_digest([folder, single]) == after_folder  # the same files, the same digest


def test_the_classifier_and_the_safety_net_fingerprint_what_their_features_read(monkeypatch):
    assert fingerprints.NLU / "abbreviations.py" in FEATURE_INPUTS
    assert fingerprints.ENCODER in FEATURE_INPUTS
    assert fingerprints.SPACY_MODEL in CLASSIFIER_INPUTS
    assert set(FEATURE_INPUTS) <= set(CLASSIFIER_INPUTS)
    classifier, safety = (
        TfidfIntentClassifier.fingerprint_addon({}),
        SafetyNet.fingerprint_addon({}),
    )
    seen = []

    def digest_of(paths):
        seen.append(list(paths))
        return "changed"

    monkeypatch.setattr("nlu.tfidf_intent_classifier.files_digest", digest_of)
    monkeypatch.setattr("nlu.safety.files_digest", digest_of)
    assert TfidfIntentClassifier.fingerprint_addon({}) == "changed" != classifier
    assert SafetyNet.fingerprint_addon({}) == "changed" != safety
    assert all(fingerprints.NLU / "abbreviations.py" in paths for paths in seen)
