"""Dev real with a per-fold fine-tuned encoder (fold k's encoder never saw fold k's messages)."""

import json
import sys
from pathlib import Path

import numpy as np
import spacy

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
from nlu import intent_models
from nlu.sentence_embedding import kept_for_training

features = sys.argv[1] if len(sys.argv) > 1 else "tfidf|embeddings"
DATA = Path(sys.argv[2] if len(sys.argv) > 2 else "finetune-data")
rows = json.load(open(DATA / "train.json"))
nlp = spacy.load(REPO / "models" / "spacy_send")
texts = [r["text"] for r in rows]
labels = np.array([r["label"] for r in rows])
docs = {t: " ".join(x.lemma_ or x.text for x in nlp(t)) for t in set(texts)}
hits = top3 = n = 0
for k in range(5):
    E = np.load(DATA / f"fold{k}.safetensors.emb.npy")
    with kept_for_training({t: E[i] for i, t in enumerate(texts)}):
        held = [i for i, r in enumerate(rows) if r.get("fold") == k]
        keep = [i for i in range(len(rows)) if rows[i].get("fold") != k]
        m = intent_models.model_for(features).fit(
            [texts[i] for i in keep], [docs[texts[i]] for i in keep], labels[keep], None
        )
        p = m.proba([texts[i] for i in held], [docs[texts[i]] for i in held])
        order = np.argsort(-p, 1)
        for j, i in enumerate(held):
            n += 1
            hits += m.classes_[order[j, 0]] == labels[i]
            top3 += labels[i] in m.classes_[order[j, :3]]
print(f"per-fold fine-tuned {features}: dev real {hits}/{n} = {hits / n:.3f}, top-3 {top3 / n:.3f}")
