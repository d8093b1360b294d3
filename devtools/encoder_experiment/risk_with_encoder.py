"""Run scripts/risk_pattern_veto.py with the sentence encoder swapped (product venv).

  record DIR FILE.yml ...   as shipped (int8 MiniLM); writes every text the risk model encodes
                            to DIR/risk_texts.json and their expanded forms (what an encoder
                            reads) to DIR/risk_expanded.json
  NAME DIR FILE.yml ...     looks every text up in DIR/risk_NAME.npy (rows in risk_texts.json
                            order, from encode.py on risk_expanded.json)

The risk model is refitted on the embeddings given, so its thresholds follow the encoder.
One process (TRAINING_JOBS = 1): worker processes would not see the swapped encoder.
"""

import json
import runpy
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
from nlu import sentence_embedding
from nlu.abbreviations import expand
from nlu.risk import learned

learned.TRAINING_JOBS = 1
mode, work = sys.argv.pop(1), Path(sys.argv.pop(1))
if mode == "record":
    seen, shipped = {}, sentence_embedding._encode

    def _encode(text):
        seen[text] = expand(text)
        return shipped(text)

else:
    texts = json.loads((work / "risk_texts.json").read_text())
    vectors = np.load(work / f"risk_{mode}.npy")
    table = dict(zip(texts, vectors, strict=True))

    def _encode(text):
        return table[text].copy()


sentence_embedding._encode = _encode
sys.argv[0] = str(REPO / "scripts" / "risk_pattern_veto.py")
try:
    runpy.run_path(sys.argv[0], run_name="__main__")
finally:
    if mode == "record":
        (work / "risk_texts.json").write_text(json.dumps(list(seen)))
        (work / "risk_expanded.json").write_text(json.dumps(list(seen.values())))
        print("recorded", len(seen), "texts")
