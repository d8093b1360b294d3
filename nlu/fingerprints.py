"""What Rasa's training cache cannot see: the code and built files a learned component's features
run through. Rasa fingerprints the training data and the config, so without these a changed
abbreviation list, spaCy pipeline or encoder would get the model trained before the change back
from the cache."""

import hashlib
from collections.abc import Iterable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NLU = REPO / "nlu"
SPACY_MODEL = REPO / "models" / "spacy_send"
ENCODER = REPO / "models" / "minilm_int8.onnx"
# The text every learned component reads goes through these (abbreviations expanded, then the
# sentence encoder), beside the encoder's weights.
FEATURE_INPUTS = (
    NLU / "abbreviations.py",
    NLU / "sentence_embedding.py",
    NLU / "sentence_encoder.py",
    NLU / "onnx_encoder.py",
    ENCODER,
)
CLASSIFIER_INPUTS = (
    NLU / "tfidf_intent_classifier.py",
    NLU / "intent_models.py",
    SPACY_MODEL,
    *FEATURE_INPUTS,
)


def files_digest(paths: Iterable[Path]) -> str:
    """One hash of the files' names and bytes; a folder counts as all the files in it, and a
    missing file as missing."""
    digest = hashlib.sha256()
    for path in paths:
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            digest.update(file.name.encode())
            digest.update(file.read_bytes() if file.is_file() else b"\0missing")
    return digest.hexdigest()
