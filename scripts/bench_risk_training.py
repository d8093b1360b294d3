"""Time the risk model's training with its out-of-fold fits in one process and in workers.

Fits the model as `SafetyNet.train` does, `--runs` times for each setting of
`learned.TRAINING_JOBS`, interleaved so that a busy spell on the machine hits both alike. Prints
each run, the median per setting, and whether every run chose the same thresholds (they must:
the workers run the same fits). Each run encodes the training texts afresh, as `rasa train` does.

Usage: .venv/bin/python scripts/bench_risk_training.py [--runs 3] [--jobs 1 2]
"""

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from nlu.risk import learned, sets  # noqa: E402

SAFETY_INTENT = "safety_concern"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = parser.parse_args()
    from nlu.topic_importer import configured_training_data

    intent_examples = configured_training_data(REPO).intent_examples
    examples = sets.training_examples(intent_examples, SAFETY_INTENT)
    print(f"{len(examples)} training examples; {args.runs} runs of each of jobs={args.jobs}")
    seconds = {jobs: [] for jobs in args.jobs}
    thresholds = set()
    for run in range(args.runs):
        for jobs in args.jobs:
            learned.TRAINING_JOBS = jobs
            started = time.perf_counter()
            model = learned.RiskModel.fit(examples)
            seconds[jobs].append(time.perf_counter() - started)
            thresholds.add((model.threshold, model.check_threshold))
            print(f"run {run + 1}, jobs={jobs}: {seconds[jobs][-1]:.1f} s", flush=True)
    for jobs, values in seconds.items():
        print(f"jobs={jobs}: median {statistics.median(values):.1f} s over {len(values)} runs")
    print(f"same thresholds in every run: {len(thresholds) == 1} {sorted(thresholds)}")
    return 0 if len(thresholds) == 1 else 1


if __name__ == "__main__":
    sys.exit(main())
