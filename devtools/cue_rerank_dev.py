"""Dev figures for the cue re-ranker (nlu/cue_reranker.py): 5 folds over the real training
messages (written examples always trained on, the folds of devtools/finetune_experiment), the
shipped classifier, its full ranking re-ranked with each cue bonus. Never reads tests/.

Prints, per bonus: main topic right / right with confidence >= the fallback threshold / below it.

usage: .venv/bin/python devtools/cue_rerank_dev.py
"""

import sys
from pathlib import Path

import numpy as np
import spacy
from sklearn.model_selection import KFold

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from nlu import cue_reranker, intent_models  # noqa: E402
from nlu.sentence_embedding import kept_for_training  # noqa: E402
from nlu.topic_importer import configured_training_data, topic_cues  # noqa: E402

BONUSES = [0.0, 0.05, 0.1, 0.15, 0.2, 0.3]
FALLBACK = 0.3


def main() -> None:
    examples = configured_training_data(REPO).intent_examples
    texts = [e.get("text") for e in examples]
    labels = np.array([e.get("intent") for e in examples])
    real = np.array(
        [i for i, e in enumerate(examples) if intent_models.real_source(e.get("metadata"))]
    )
    nlp = spacy.load(REPO / "models" / "spacy_send")
    lemmas = [" ".join(t.lemma_ or t.text for t in nlp(text)) for text in texts]
    cue_words = topic_cues()
    right = {b: 0 for b in BONUSES}
    answered = {b: 0 for b in BONUSES}
    below = {b: 0 for b in BONUSES}
    with kept_for_training():
        for _, held_out in KFold(5, shuffle=True, random_state=7).split(real):
            held = set(real[held_out])
            keep = [i for i in range(len(texts)) if i not in held]
            model = intent_models.model_for("tfidf|embeddings").fit(
                [texts[i] for i in keep], [lemmas[i] for i in keep], labels[keep], None
            )
            for i in sorted(held):
                ranking = [{"name": n, "confidence": c} for n, c in model.rank(texts[i], lemmas[i])]
                for bonus in BONUSES:
                    top = cue_reranker.reranked(texts[i], ranking, cue_words, 1, bonus)[0]
                    right[bonus] += top["name"] == labels[i]
                    answered[bonus] += top["name"] == labels[i] and top["confidence"] >= FALLBACK
                    below[bonus] += top["confidence"] < FALLBACK
    for bonus in BONUSES:
        print(
            f"cue bonus {bonus:.2f}: main topic right {right[bonus]}/{len(real)}, "
            f"right and answered {answered[bonus]}, below the fallback {below[bonus]}"
        )


if __name__ == "__main__":
    main()
