"""One message at a time (batch 1, 2 threads): median of 30 encoder passes, float32 and PyTorch's
dynamic int8, for the training examples' median and 95th-percentile lengths.

usage: latency.py TEXTS.json MODEL_DIR [MODEL_DIR ...]
"""

import json
import statistics
import sys
import time

import torch
from transformers import AutoModel, AutoTokenizer

torch.set_num_threads(2)
texts = sorted(json.load(open(sys.argv[1])), key=len)
samples = {"median": texts[len(texts) // 2], "p95": texts[int(len(texts) * 0.95)]}
for model_dir in sys.argv[2:]:
    tokenizer = AutoTokenizer.from_pretrained(model_dir)
    model = AutoModel.from_pretrained(model_dir).eval()
    int8 = torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8)
    for label, runnable in [("float32", model), ("int8", int8)]:
        for length, text in samples.items():
            encoded = tokenizer([text], return_tensors="pt", truncation=True, max_length=384)
            times = []
            with torch.inference_mode():
                for _ in range(30):
                    start = time.perf_counter()
                    runnable(**encoded)
                    times.append(time.perf_counter() - start)
            pieces = encoded["input_ids"].shape[1]
            print(
                f"{model_dir} {label}, {length}-length text ({pieces} pieces): "
                f"{1000 * statistics.median(times):.1f} ms"
            )
