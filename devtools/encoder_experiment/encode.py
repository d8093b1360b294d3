"""Frozen sentence embeddings (mean pooling, L2 norm, as sentence-transformers pools) of a list
of texts, with PyTorch and transformers (the experiment's own venv, not the product's).

usage: encode.py MODEL_DIR MAX_PIECES TEXTS.json OUT.npy
"""

import json
import sys
import time

import numpy as np
import torch
from transformers import AutoModel, AutoTokenizer

model_dir, max_pieces, texts_file, out_file = (
    sys.argv[1],
    int(sys.argv[2]),
    sys.argv[3],
    sys.argv[4],
)
texts = json.load(open(texts_file))
tokenizer = AutoTokenizer.from_pretrained(model_dir)
model = AutoModel.from_pretrained(model_dir).eval()
torch.set_num_threads(2)
order = np.argsort([len(t) for t in texts])  # similar lengths per batch: less padding
out = np.zeros((len(texts), model.config.hidden_size), np.float32)
started = time.time()
with torch.inference_mode():
    for start in range(0, len(texts), 32):
        batch = order[start : start + 32]
        encoded = tokenizer(
            [texts[i] for i in batch],
            padding=True,
            truncation=True,
            max_length=max_pieces,
            return_tensors="pt",
        )
        hidden = model(**encoded).last_hidden_state
        mask = encoded["attention_mask"].unsqueeze(-1).float()
        pooled = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
        out[batch] = torch.nn.functional.normalize(pooled, dim=-1).numpy()
np.save(out_file, out)
print(f"{model_dir}: {out.shape} in {time.time() - started:.0f} s")
