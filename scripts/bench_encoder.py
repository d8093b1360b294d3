#!/usr/bin/env python
"""Time the sentence encoders on the messages the assistant gets (issue 12).

For each encoder: the median time to encode one message (median of --runs passes per message),
by word-piece length bucket, over the real-phrasing set (tests/nlu/real_messages.yml) and over
the texts `make bench` sends (scripts/bench_conversations.yml); then how close each encoder's
vectors are to the numpy float32 reference (mean and minimum cosine over the real set).

    .venv/bin/python scripts/bench_encoder.py [--runs 5] [--encoders numpy,onnx-int8]
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from nlu import onnx_encoder  # noqa: E402
from nlu.sentence_encoder import SentenceEncoder  # noqa: E402

BUCKETS = [(0, 16), (17, 32), (33, 64), (65, 128), (129, 256)]


def real_texts() -> list[str]:
    return [e["text"] for e in yaml.safe_load((REPO / "tests/nlu/real_messages.yml").read_text())]


def bench_texts() -> list[str]:
    conversations = yaml.safe_load((REPO / "scripts/bench_conversations.yml").read_text())
    return [
        turn["text"] if isinstance(turn, dict) else str(turn)
        for conv in conversations["assistant"]
        for turn in conv["turns"]
    ]


def encoders(names: list[str], int8_path: Path, fp32_path: Path):
    made = {}
    for name in names:
        if name == "numpy":
            made[name] = SentenceEncoder()
        elif name.startswith("onnx-int8") or name.startswith("onnx-fp32"):
            path = int8_path if "int8" in name else fp32_path
            if not path.exists():
                onnx_encoder.build(path, quantise="int8" in name)
            threads = 2 if name.endswith("-2t") else 1
            made[name] = onnx_encoder.OnnxEncoder(path, threads=threads)
        else:
            raise SystemExit(f"unknown encoder {name}")
    return made


def per_message_ms(encoder, texts, runs) -> list[float]:
    encoder.encode_one(texts[0])  # warm up
    out = []
    for text in texts:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            encoder.encode_one(text)
            times.append((time.perf_counter() - start) * 1000)
        out.append(statistics.median(times))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--encoders", default="numpy,onnx-fp32,onnx-int8,onnx-int8-2t")
    parser.add_argument("--int8", type=Path, default=onnx_encoder.DEFAULT_PATH)
    parser.add_argument("--fp32", type=Path, default=REPO / "models" / "minilm_fp32.onnx")
    args = parser.parse_args()
    made = encoders(args.encoders.split(","), args.int8, args.fp32)
    tokenizer = next(iter(made.values())).tokenizer
    sets = {"real set": real_texts(), "bench turns": bench_texts()}
    for set_name, texts in sets.items():
        lengths = np.array([len(tokenizer.encode(t)) for t in texts])
        print(
            f"\n{set_name}: {len(texts)} messages, word-pieces median {int(np.median(lengths))}, "
            f"p95 {int(np.percentile(lengths, 95))}, max {lengths.max()} (cap 256)"
        )
        timings = {name: np.array(per_message_ms(e, texts, args.runs)) for name, e in made.items()}
        header = f"{'word-pieces':>12} {'n':>4}" + "".join(f" {n:>13}" for n in made)
        print(header)
        rows = [(f"{lo}-{hi}", (lengths >= lo) & (lengths <= hi)) for lo, hi in BUCKETS]
        rows += [("all p50", np.ones(len(texts), bool))]
        for label, chosen in rows:
            if not chosen.any():
                continue
            cells = "".join(f" {np.median(t[chosen]):10.1f} ms" for t in timings.values())
            print(f"{label:>12} {chosen.sum():4d}{cells}")
        cells = "".join(f" {np.percentile(t, 95):10.1f} ms" for t in timings.values())
        print(f"{'all p95':>12} {len(texts):4d}{cells}")
    if "numpy" in made and len(made) > 1:
        texts = real_texts()
        reference = made["numpy"].encode(texts)
        print("\ncosine to the numpy float32 reference over the real set:")
        for name, encoder in made.items():
            if name != "numpy":
                cosines = (encoder.encode(texts) * reference).sum(1)
                print(f"  {name:14} mean {cosines.mean():.5f}  min {cosines.min():.5f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
