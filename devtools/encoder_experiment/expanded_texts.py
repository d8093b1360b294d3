"""Write the training texts as the encoder reads them (abbreviations expanded), in train.json's
order, and lay out DIR/<name>/ for the dev harness: every fold gets the same frozen embeddings.

usage: expanded_texts.py DIR            (after dump_training_data.py DIR/train.json)
       expanded_texts.py DIR NAME       (after encode.py wrote DIR/NAME.npy)
"""

import json
import shutil
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
from nlu.abbreviations import expand

work = Path(sys.argv[1])
if len(sys.argv) == 2:
    rows = json.loads((work / "train.json").read_text())
    (work / "expanded.json").write_text(json.dumps([expand(r["text"]) for r in rows]))
    print(len(rows), "texts")
else:
    name = sys.argv[2]
    (work / name).mkdir(exist_ok=True)
    shutil.copy(work / "train.json", work / name / "train.json")
    for fold in range(5):
        shutil.copy(work / f"{name}.npy", work / name / f"fold{fold}.safetensors.emb.npy")
