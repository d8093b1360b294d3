"""Dump training examples (token ids as the runtime encoder sees them) for the fine-tune experiment.
Never reads tests/ (real set / held-out)."""

import json
import sys
from pathlib import Path

import numpy as np

REPO = Path.cwd()
sys.path.insert(0, str(REPO))
from sklearn.model_selection import KFold

from nlu import intent_models
from nlu.abbreviations import expand
from nlu.sentence_encoder import WordPiece, model_dir
from nlu.topic_importer import configured_training_data

OUT = Path(sys.argv[1] if len(sys.argv) > 1 else "finetune-data/train.json")
OUT.parent.mkdir(exist_ok=True)
wp = WordPiece(model_dir() / "vocab.txt")
train = configured_training_data(REPO).intent_examples
rows = []
for m in train:
    t = m.get("text")
    rows.append(
        {
            "text": t,
            "label": m.get("intent"),
            "real": bool(intent_models.real_source(m.get("metadata"))),
            "ids": wp.encode(expand(t)),
        }
    )
real_idx = np.array([i for i, r in enumerate(rows) if r["real"]])
for k, (_, te) in enumerate(KFold(5, shuffle=True, random_state=7).split(real_idx)):
    for i in real_idx[te]:
        rows[i]["fold"] = k
json.dump(rows, open(OUT, "w"))
L = [len(r["ids"]) for r in rows]
print(
    len(rows),
    "real",
    len(real_idx),
    "labels",
    len({r["label"] for r in rows}),
    "len median",
    np.median(L),
    "p95",
    np.percentile(L, 95),
    "max",
    max(L),
)
