#!/usr/bin/env python
"""`make nlu-eval`: how well the NLU understands parents, by cross-validation and a held-out set.

1. 5-fold cross-validation of all training data (data/nlu and the topic files) with config.yml (`rasa test nlu --cross-validation`):
   intent macro-F1 (target >= 0.95) and council entity F1 from the SpacyEntityExtractor
   (target >= 0.98), with the most frequent confusions.
2. The held-out phrasings in tests/nlu_holdout_*.yml (written separately from the training data
   and never trained on), merged into one file and run through the trained model
   models/send-assistant.tar.gz (trained first if missing): intent accuracy and macro-F1, the
   council entity F1, and every misclassified example (text, expected, predicted, confidence)
   so the training data can be improved.

3. The real-phrasing set in tests/nlu/real_messages.yml (239 messages written by real parents, never
   trained on) through the same trained model: main-topic accuracy (target >= 0.85), "any labelled
   topic" accuracy, council accuracy on the messages that name a council or a covered town
   (target >= 0.95), and every miss. Scored by devtools/real_messages.py, as the pytest
   thresholds in tests/test_nlu_model.py are.
4. The safety training sets data/safety/ordinary.yml (upset but ordinary: must not get the crisis
   contacts) and data/safety/risk.yml (genuine risk: must), per split (dev, holdout), then the
   real-phrasing set and each untouched holdout round (tests/nlu/safety_holdout_r*.yml) apart: the
   risk patterns (nlu/risk) alone, the trained model's final intent (patterns and the learned
   model), and the classifier without the safety net (what the old catch-all did); every miss and
   false alarm is listed.

Rasa writes its reports to results/nlu-eval/{cv,holdout}/ (intent_report.json,
intent_errors.json, SpacyEntityExtractor_report.json, ...).

Entities: `rasa test nlu` (3.6) drops the predictions of "pretrained" extractors, Duckling and
SpacyEntityExtractor, before evaluating (rasa.nlu.test.get_eval_data), so on its own it never
writes a SpacyEntityExtractor report. Our council extractor is a SpacyEntityExtractor over the
project's entity ruler, so this script runs the same `rasa test nlu` command line in a Python
process where only Duckling's predictions are dropped: the intent figures are unchanged and the
council entity is scored by Rasa's own entity evaluation. The extractor is not trained on
data/nlu (its patterns come from the knowledge base), so its cross-validated F1 is its F1 on
every example.

The exit code is 0 whether or not
the targets are met (it is a measurement; pass --strict to fail on a missed target) and non-zero
only if an evaluation could not run.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # the project's packages (nlu.topic_importer)
RASA = Path(sys.executable).parent / "rasa"
RASA_TEST = [
    sys.executable,
    str(Path(__file__).resolve()),
    "--rasa-cli",
]  # `rasa`, scoring the spaCy entities
MODEL = REPO / "models" / "send-assistant.tar.gz"
OUT = REPO / "results" / "nlu-eval"
HOLDOUT_GLOB = "nlu_holdout_*.yml"
ENTITY_EXTRACTOR = "SpacyEntityExtractor"
ENTITY = "council"
TARGET_INTENT_MACRO_F1 = 0.95
TARGET_COUNCIL_F1 = 0.98
TARGET_RISK_DETECTED = 0.99
TARGET_ORDINARY_FLAGGED = 0.01
SAFETY_INTENT = "safety_concern"


def rasa_cli_with_spacy_entities(argv: list) -> None:
    """`rasa ARGV...`, with SpacyEntityExtractor's entities kept for evaluation (see above)."""
    import rasa.nlu.test as nlu_test

    if os.environ.get("NLU_EVAL_FOLD_SEED"):
        # Rasa's StratifiedKFold(shuffle=True) has no random_state, so it draws from numpy's global
        # generator: seeding it gives the same folds on every run, and runs stay comparable.
        import numpy

        numpy.random.seed(int(os.environ["NLU_EVAL_FOLD_SEED"]))
    drop = nlu_test._remove_entities_of_extractors
    nlu_test._remove_entities_of_extractors = lambda result, names: drop(
        result, set(names) - {ENTITY_EXTRACTOR}
    )
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *argv]
    rasa_main()


def env() -> dict:
    out = dict(os.environ)
    out.update(
        {
            "RASA_TELEMETRY_ENABLED": "false",
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
        }
    )
    return out


def run(args, log_file: Path, extra_env=None) -> float:
    """Runs a rasa command with its output in log_file; returns the seconds it took."""
    shown = ["rasa", *args[3:]] if list(args[:3]) == RASA_TEST else args
    print(f"$ {' '.join(str(a) for a in shown)}", flush=True)
    start = time.perf_counter()
    with open(log_file, "wb") as out:
        result = subprocess.run(
            [str(a) for a in args],
            cwd=REPO,
            env=dict(env(), **(extra_env or {})),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        tail = "\n".join(log_file.read_text(errors="replace").splitlines()[-30:])
        raise RuntimeError(
            f"{' '.join(str(a) for a in shown[:4])} failed with exit code {result.returncode}:\n{tail}"
        )
    return seconds


def read_json(path: Path, default=None):
    return json.loads(path.read_text()) if path.exists() else default


def verdict(value: float, target: float) -> str:
    return "PASS" if value is not None and value >= target else "FAIL"


def entity_f1(out_dir: Path) -> tuple:
    """(f1, precision, recall, support) for the council entity from the entity extractor's report."""
    report = read_json(out_dir / f"{ENTITY_EXTRACTOR}_report.json", {})
    row = report.get(ENTITY)
    if not row:
        return None, None, None, 0
    return row["f1-score"], row["precision"], row["recall"], row["support"]


def entity_errors(out_dir: Path) -> list:
    """Examples where the council entity was missed, extra or wrong."""
    found = []
    for e in read_json(out_dir / f"{ENTITY_EXTRACTOR}_errors.json", []) or []:
        want = [
            (x["value"] if "value" in x else e["text"][x["start"] : x["end"]])
            for x in e.get("entities", [])
            if x.get("entity") == ENTITY
        ]
        got = [x.get("value") for x in e.get("predicted_entities", []) if x.get("entity") == ENTITY]
        if want != got:
            found.append((e["text"], want, got))
    return found


def confusions(out_dir: Path) -> Counter:
    return Counter(
        (e["intent"], e["intent_prediction"]["name"])
        for e in read_json(out_dir / "intent_errors.json", []) or []
    )


def other_extractor_reports(out_dir: Path) -> list:
    return sorted(
        p.name
        for p in out_dir.glob("*_report.json")
        if p.name
        not in (
            "intent_report.json",
            f"{ENTITY_EXTRACTOR}_report.json",
            "response_selection_report.json",
        )
    )


# -- parts --------------------------------------------------------------------------------------
def cross_validation(folds: int, cache: Path, seed: int) -> dict:
    out_dir = OUT / "cv"
    shutil.rmtree(out_dir, ignore_errors=True)
    out_dir.mkdir(parents=True)
    from nlu.topic_importer import export_training_nlu

    training = export_training_nlu(REPO, OUT / "training_nlu.yml")  # data/nlu plus the topic files
    seconds = run(
        [
            *RASA_TEST,
            "test",
            "nlu",
            "--nlu",
            training,
            "--config",
            "config.yml",
            "--cross-validation",
            "--folds",
            folds,
            "--out",
            out_dir,
            "--no-plot",
        ],
        OUT / "cv.log",
        {"RASA_CACHE_DIRECTORY": str(cache), "NLU_EVAL_FOLD_SEED": str(seed)},
    )
    intents = read_json(out_dir / "intent_report.json")
    if intents is None:
        raise RuntimeError(f"rasa wrote no {out_dir / 'intent_report.json'}: see {OUT / 'cv.log'}")
    f1, precision, recall, support = entity_f1(out_dir)
    return {
        "seconds": seconds,
        "folds": folds,
        "seed": seed,
        "intent_macro_f1": intents["macro avg"]["f1-score"],
        "intent_weighted_f1": intents["weighted avg"]["f1-score"],
        "intent_accuracy": intents.get("accuracy"),
        "examples": intents["macro avg"]["support"],
        "council_f1": f1,
        "council_precision": precision,
        "council_recall": recall,
        "council_support": support,
        "confusions": confusions(out_dir),
        "entity_errors": entity_errors(out_dir),
        "worst_intents": worst_intents(intents),
        "other_reports": other_extractor_reports(out_dir),
        "out": out_dir,
    }


def worst_intents(report: dict, n: int = 8) -> list:
    rows = [
        (name, row["f1-score"], row["support"])
        for name, row in report.items()
        if isinstance(row, dict) and name not in ("macro avg", "weighted avg", "micro avg")
    ]
    return sorted(rows, key=lambda r: r[1])[:n]


def merge_holdout(target: Path) -> tuple:
    files = sorted((REPO / "tests").glob(HOLDOUT_GLOB))
    if not files:
        raise RuntimeError(f"no tests/{HOLDOUT_GLOB} files")
    merged = []
    for f in files:
        merged.extend(yaml.safe_load(f.read_text(encoding="utf-8")).get("nlu") or [])
    target.write_text(
        yaml.safe_dump(
            {"version": "3.1", "nlu": merged}, sort_keys=False, allow_unicode=True, width=10_000
        ),
        encoding="utf-8",
    )
    return files, sum(
        len([ln for ln in (b.get("examples") or "").splitlines() if ln.strip().startswith("- ")])
        for b in merged
        if "intent" in b
    )


def stale_model_warning() -> str:
    inputs = [
        p for p in list((REPO / "data").rglob("*.yml")) + [REPO / "config.yml", REPO / "domain.yml"]
    ]
    newer = [p for p in inputs if p.stat().st_mtime > MODEL.stat().st_mtime]
    if newer:
        names = ", ".join(str(p.relative_to(REPO)) for p in newer[:4])
        return f"warning: {names} changed after the model was trained: run `make train` for current figures"
    return ""


def holdout() -> dict:
    train_seconds = None
    if not MODEL.exists():
        print(f"{MODEL.relative_to(REPO)} is missing: training it first", flush=True)
        OUT.mkdir(parents=True, exist_ok=True)
        train_seconds = run(
            [RASA, "train", "--fixed-model-name", "send-assistant", "--out", "models"],
            OUT / "train.log",
        )
    merged = OUT / "nlu_holdout_merged.yml"
    files, examples = merge_holdout(merged)
    out_dir = OUT / "holdout"
    shutil.rmtree(out_dir, ignore_errors=True)
    out_dir.mkdir(parents=True)
    seconds = run(
        [
            *RASA_TEST,
            "test",
            "nlu",
            "--nlu",
            merged.relative_to(REPO),
            "-m",
            MODEL.relative_to(REPO),
            "--out",
            out_dir,
            "--no-plot",
            "--successes",
        ],
        OUT / "holdout.log",
    )
    intents = read_json(out_dir / "intent_report.json")
    if intents is None:
        raise RuntimeError(
            f"rasa wrote no {out_dir / 'intent_report.json'}: see {OUT / 'holdout.log'}"
        )
    errors = read_json(out_dir / "intent_errors.json", []) or []
    successes = read_json(out_dir / "intent_successes.json", []) or []
    from devtools.real_messages import configured_fallback_threshold

    threshold = configured_fallback_threshold()
    low = [s for s in successes if threshold and s["intent_prediction"]["confidence"] < threshold]
    f1, precision, recall, support = entity_f1(out_dir)
    return {
        "seconds": seconds,
        "train_seconds": train_seconds,
        "files": [f.name for f in files],
        "examples": examples,
        "evaluated": intents["macro avg"]["support"],
        "accuracy": intents.get("accuracy"),
        "macro_f1": intents["macro avg"]["f1-score"],
        "errors": errors,
        "confusions": confusions(out_dir),
        "fallback_threshold": threshold,
        "correct_but_low": low,
        "council_f1": f1,
        "council_precision": precision,
        "council_recall": recall,
        "council_support": support,
        "entity_errors": entity_errors(out_dir),
        "out": out_dir,
        "stale": stale_model_warning(),
    }


def quiet_rasa_logs() -> None:
    """No per-message debug records from Rasa's processor: they carry the message text."""
    import logging

    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)
    logging.getLogger("rasa").setLevel(logging.WARNING)


def real_set() -> dict:
    from devtools.annotator_agreement import agreement, paired_second_labels
    from devtools.real_messages import load_real_set, model_parser, score_real_set
    from knowledge import default_kb

    quiet_rasa_logs()
    start = time.perf_counter()
    entries = load_real_set()
    score = score_real_set(entries, model_parser(MODEL), default_kb())
    agreed = agreement(entries, paired_second_labels(entries), score.topics_found)
    return {"seconds": time.perf_counter() - start, "score": score, "agreement": agreed}


def print_real_set(r: dict) -> None:
    from devtools.real_messages import TARGET_REAL_COUNCIL, TARGET_REAL_MAIN

    s = r["score"]
    print(
        f"\nReal-phrasing set (tests/nlu/real_messages.yml: {s.total} messages) on {MODEL.relative_to(REPO)}, "
        f"{r['seconds']:.0f} s"
    )
    print(
        f"  main topic         {f3(s.main)}   {verdict(s.main, TARGET_REAL_MAIN)} (target >= {TARGET_REAL_MAIN})"
        f"   [{s.main_hits}/{s.total}; {s.below_fallback} below the fallback threshold get a clarifying question]"
    )
    print(f"  any labelled topic {f3(s.any)}   [{s.any_hits}/{s.total}]")
    print(
        f'  "you also mentioned" after an answer: precision {f3(s.others_precision)} '
        f"[{s.others_offered_labelled}/{s.others_offered} offered topics are labels of the message], "
        f"recall {f3(s.others_recall)} [{s.others_labelled_offered}/{s.others_labelled} labelled other topics offered]"
    )
    print(
        f"  clarifying question: {s.clarify_with_a_label}/{s.below_fallback} offer one of the message's "
        f"labels among their choices, {s.clarify_main_first} the main label first"
    )
    a = r["agreement"]
    print(
        f"  a second, blind annotator (tests/nlu/real_messages_second_labels.yml) chose the same main "
        f"topic for {a.main_agree}/{a.total} = {f3(a.main)} [{a.clear_agree}/{a.clear_total} where "
        f"they saw one clear main issue]; their main is one of the first labels for "
        f"{a.second_main_in_first}/{a.total}; risk labels agree for {a.risk_agree}/{a.total}"
    )
    print(
        f"  the model's topic is the second annotator's main for {a.model_matches_second}/{a.total}, "
        f"either annotator's main for {a.model_matches_either}/{a.total}; "
        f"the first label for {a.model_matches_first_clear}/{a.clear_total} of those with one clear main issue"
    )
    print(
        f"  council            {f3(s.council)}   {verdict(s.council, TARGET_REAL_COUNCIL)} (target >= "
        f"{TARGET_REAL_COUNCIL})   [{s.council_hits}/{s.council_total} naming a council or covered town; "
        f"{s.uncovered_town_hits}/{s.uncovered_town_total} naming only a town outside the covered councils]"
    )
    if s.misses:
        print("  main-topic misses (labels -> predicted, confidence):")
        for labels, got, confidence, text in sorted(s.misses, key=lambda m: (m[0][0], m[1])):
            print(
                f"    {labels[0]}{' +' + ','.join(labels[1:]) if labels[1:] else ''} -> {got} ({confidence:.2f}): "
                f"{text[:110]}"
            )
    for council, place_text, found, text in s.council_misses:
        print(f"  council miss: {council} ({place_text!r}) -> {found}: {text[:80]}")


def safety_sets() -> dict:
    """Each safety set and split through the detector, the trained model, and the bare classifier."""
    import asyncio

    sys.path.insert(0, str(REPO))
    from rasa.core.agent import Agent

    import nlu.safety
    from nlu.intents import SAFETY_CHECK_KEY
    from nlu.risk import detect
    from nlu.risk.sets import (
        ORDINARY,
        RISK,
        holdout_rounds,
        load_holdout,
        load_real_messages,
        load_set,
    )

    quiet_rasa_logs()
    started = time.perf_counter()
    sets = {name: load_set(name) for name in (ORDINARY, RISK)}
    texts = [r["text"] for rows in sets.values() for r in rows]

    def parses(agent) -> dict:
        return {t: asyncio.run(agent.parse_message(t)) for t in texts}

    def intents(agent) -> dict:
        return {t: parsed["intent"]["name"] for t, parsed in parses(agent).items()}

    real = load_real_messages()
    texts += [r["text"] for r in real]
    # Untouched holdouts (tests/nlu/safety_holdout_r*.yml): never trained or tuned on.
    rounds = {n: load_holdout(n) for n in holdout_rounds()}
    texts += [r["text"] for rows in rounds.values() for r in rows]
    parsed = parses(Agent.load(str(MODEL)))
    model = {t: p["intent"]["name"] for t, p in parsed.items()}
    # Crisis reply or the gentle safety check first (actions/safety_check.py).
    helped = {
        t: model[t] == SAFETY_INTENT or bool(p.get(SAFETY_CHECK_KEY)) for t, p in parsed.items()
    }
    process = nlu.safety.SafetyNet.process
    nlu.safety.SafetyNet.process = lambda self, messages: messages  # the classifier on its own
    try:
        bare = intents(Agent.load(str(MODEL)))
    finally:
        nlu.safety.SafetyNet.process = process
    results = {}
    for name, rows in sets.items():
        for split in ("dev", "holdout"):
            part = [r for r in rows if r["split"] == split]
            results[(name, split)] = {
                "n": len(part),
                "detector": [r for r in part if bool(detect(r["text"])) == (name == ORDINARY)],
                "model": [
                    r for r in part if (model[r["text"]] == SAFETY_INTENT) == (name == ORDINARY)
                ],
                "bare": [
                    r for r in part if (bare[r["text"]] == SAFETY_INTENT) == (name == ORDINARY)
                ],
                "checked": [r for r in part if helped[r["text"]] == (name == ORDINARY)],
            }
    # The real-phrasing set (issue 12) was written by parents and labelled independently: both
    # halves; then each untouched holdout round.
    labelled = [("real", real)] + [(f"holdout_r{n}", rows) for n, rows in rounds.items()]
    for split, source in labelled:
        for name in (RISK, ORDINARY):
            rows = [r for r in source if bool(r["risk"]) == (name == RISK)]
            results[(name, split)] = {
                "n": len(rows),
                "detector": [r for r in rows if bool(detect(r["text"])) == (name == ORDINARY)],
                "model": [
                    r for r in rows if (model[r["text"]] == SAFETY_INTENT) == (name == ORDINARY)
                ],
                "bare": [
                    r for r in rows if (bare[r["text"]] == SAFETY_INTENT) == (name == ORDINARY)
                ],
                "checked": [r for r in rows if helped[r["text"]] == (name == ORDINARY)],
            }
    return {
        "results": results,
        "seconds": time.perf_counter() - started,
        "latency": detector_latency(texts),
    }


def detector_latency(texts: list[str], runs: int = 3) -> dict:
    """Milliseconds per message of the shipped risk detector (patterns, then the learned model
    read from the trained model's archive), median and p95 over `runs` passes."""
    import io
    import statistics
    import tarfile

    import joblib

    from nlu.risk.combined import RiskDetector

    with tarfile.open(MODEL) as archive:
        member = next(m for m in archive.getmembers() if m.name.endswith("risk_model.joblib"))
        model = joblib.load(io.BytesIO(archive.extractfile(member).read()))
    detector = RiskDetector(model)
    times = []
    for _ in range(runs):
        for text in texts:
            start = time.perf_counter()
            detector.detect(text)
            times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {
        "median_ms": statistics.median(times),
        "p95_ms": times[int(len(times) * 0.95)],
        "messages": len(texts),
        "threshold": model.threshold,
        "check_threshold": getattr(model, "check_threshold", model.threshold),
    }


def safety_rate(name: str, n: int, wrong: int) -> float:
    """Share detected (risk set) or flagged (ordinary set)."""
    return (n - wrong) / n if name == "risk" else wrong / n


def safety_verdicts(sf: dict) -> list:
    """The trained model (patterns and learned model) on the labelled sets, and on each untouched
    holdout round separately: the targets hold for new phrasings too, or the verdict says not."""
    missed = []
    splits = sorted({sp for _, sp in sf["results"]} - {"real"})
    groups = [("sets", ("dev", "holdout"))] + [
        (sp, (sp,)) for sp in splits if sp.startswith("holdout_r")
    ]
    for label, parts in groups:
        for name, target, ok in (
            ("risk", TARGET_RISK_DETECTED, lambda v, t: v >= t),
            ("ordinary", TARGET_ORDINARY_FLAGGED, lambda v, t: v <= t),
        ):
            n = sum(sf["results"][(name, sp)]["n"] for sp in parts)
            wrong = sum(len(sf["results"][(name, sp)]["model"]) for sp in parts)
            if n and not ok(safety_rate(name, n, wrong), target):
                missed.append(f"safety {name} ({label})")
    return missed


def print_safety(sf: dict) -> None:
    print(
        f"\nSafety sets (data/safety/*.yml; holdout_r*: tests/nlu/safety_holdout_r*.yml; split real: tests/nlu/real_messages.yml by its risk label) on {MODEL.relative_to(REPO)}, {sf['seconds']:.0f} s"
    )
    print(
        "  risk: share that gets the crisis reply (target >= 0.99); ordinary: share that wrongly gets it "
        "(target <= 0.01)"
    )
    print(
        "  crisis or check: the crisis reply or the gentle safety check first (actions/safety_check.py)"
    )
    print(
        f"  {'set':9} {'split':11} {'n':>4}  {'patterns':>9}  {'model':>9}  {'classifier alone':>16}"
        f"  {'crisis or check':>15}"
    )
    for (name, split), r in sf["results"].items():
        cells = [
            f"{safety_rate(name, r['n'], len(r[w])):.3f}"
            for w in ("detector", "model", "bare", "checked")
        ]
        print(
            f"  {name:9} {split:11} {r['n']:>4}  {cells[0]:>9}  {cells[1]:>9}  {cells[2]:>16}"
            f"  {cells[3]:>15}"
        )
    lat = sf["latency"]
    print(
        f"  risk detector: median {lat['median_ms']:.2f} ms, p95 {lat['p95_ms']:.2f} ms a message "
        f"({lat['messages']} messages x 3); learned model threshold {lat['threshold']:.3f}, "
        f"safety check from {lat['check_threshold']:.3f}"
    )
    for (name, split), r in sf["results"].items():
        label = "missed" if name == "risk" else "false alarm"
        for row in r["model"]:
            print(f"  {label} ({name}, {split}, model): {row['text']}")
        for row in r["detector"]:
            if row not in r["model"]:
                print(f"  {label} ({name}, {split}, patterns only): {row['text']}")
        for row in r["checked"]:
            if name == "risk":
                print(f"  missed even by the check ({name}, {split}): {row['text']}")
            elif row not in r["model"]:
                print(f"  asked the safety check ({name}, {split}): {row['text']}")


# -- report -------------------------------------------------------------------------------------
def f3(value) -> str:
    return "-" if value is None else f"{value:.3f}"


def print_cv(cv: dict) -> None:
    print(
        f"\nCross-validation ({cv['folds']} folds, seed {cv['seed']}, {cv['examples']} examples, "
        f"data/nlu + config.yml), {cv['seconds']:.0f} s"
    )
    print(
        f"  intent macro-F1    {f3(cv['intent_macro_f1'])}   {verdict(cv['intent_macro_f1'], TARGET_INTENT_MACRO_F1)}"
        f" (target >= {TARGET_INTENT_MACRO_F1})   [weighted F1 {f3(cv['intent_weighted_f1'])}, "
        f"accuracy {f3(cv['intent_accuracy'])}]"
    )
    print(
        f"  council entity F1  {f3(cv['council_f1'])}   {verdict(cv['council_f1'], TARGET_COUNCIL_F1)}"
        f" (target >= {TARGET_COUNCIL_F1})   [{ENTITY_EXTRACTOR}: precision {f3(cv['council_precision'])}, "
        f"recall {f3(cv['council_recall'])}, {cv['council_support']} tokens]"
    )
    if cv["other_reports"]:
        print(f"  other entity reports: {', '.join(cv['other_reports'])}")
    print("  lowest-F1 intents: " + ", ".join(f"{n} {f:.2f}" for n, f, _ in cv["worst_intents"]))
    if cv["confusions"]:
        print("  top confusions (expected -> predicted: count):")
        for (want, got), n in cv["confusions"].most_common(10):
            print(f"    {want} -> {got}: {n}")
    for text, want, got in cv["entity_errors"][:10]:
        print(f"  council entity: {text!r}: expected {want}, got {got}")
    print(f"  reports: {cv['out'].relative_to(REPO)}/")


def print_holdout(h: dict) -> None:
    print(
        f"\nHeld-out phrasings ({' + '.join(h['files'])}: {h['evaluated']} examples) on "
        f"{MODEL.relative_to(REPO)}, {h['seconds']:.0f} s"
        + (f" (+ {h['train_seconds']:.0f} s training)" if h["train_seconds"] else "")
    )
    if h["stale"]:
        print(f"  {h['stale']}")
    print(f"  intent accuracy    {f3(h['accuracy'])}   ({len(h['errors'])} misclassified)")
    print(f"  intent macro-F1    {f3(h['macro_f1'])}")
    print(
        f"  council entity F1  {f3(h['council_f1'])}   [precision {f3(h['council_precision'])}, "
        f"recall {f3(h['council_recall'])}, {h['council_support']} tokens]"
    )
    if h["fallback_threshold"]:
        print(
            f"  correct but below the fallback threshold {h['fallback_threshold']} (the user gets a clarifying "
            f"question): {len(h['correct_but_low'])}"
        )
    if h["errors"]:
        print("  misclassified (expected -> predicted, confidence):")
        for e in sorted(h["errors"], key=lambda e: (e["intent"], e["intent_prediction"]["name"])):
            p = e["intent_prediction"]
            print(f"    {e['intent']} -> {p['name']} ({p['confidence']:.2f}): {e['text']}")
    for text, want, got in h["entity_errors"]:
        print(f"  council entity: {text!r}: expected {want}, got {got}")
    print(f"  reports: {h['out'].relative_to(REPO)}/")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=42, help="seed for the fold split (default 42)")
    parser.add_argument("--skip-cv", action="store_true", help="only the held-out set")
    parser.add_argument("--skip-holdout", action="store_true", help="no held-out set")
    parser.add_argument("--skip-real", action="store_true", help="no real-phrasing set")
    parser.add_argument("--skip-safety", action="store_true", help="skip the safety sets")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()

    OUT.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    load = " ".join(Path("/proc/loadavg").read_text().split()[:3])
    print(
        f"NLU evaluation, {time.strftime('%Y-%m-%d %H:%M:%S')} ({os.cpu_count()} CPUs, load {load})",
        flush=True,
    )
    work = Path(tempfile.mkdtemp(prefix="send-nlu-eval-"))
    cv = h = real = sf = None
    try:
        if not args.skip_cv:
            cv = cross_validation(args.folds, work / "rasa-cache", args.seed)
            print_cv(cv)
        if not args.skip_holdout:
            h = holdout()
            print_holdout(h)
        if not args.skip_real:
            real = real_set()
            print_real_set(real)
        if not args.skip_safety:
            if not MODEL.exists():
                raise RuntimeError(f"{MODEL.relative_to(REPO)} is missing: run `make train`")
            sf = safety_sets()
            print_safety(sf)
    except RuntimeError as exc:
        print(f"\nThe evaluation could not run: {exc}", file=sys.stderr)
        return 2
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(
        "\nTime: "
        + ", ".join(
            part
            for part in (
                f"cross-validation {cv['seconds']:.0f} s" if cv else "",
                f"held-out {h['seconds']:.0f} s" if h else "",
                f"real set {real['seconds']:.0f} s" if real else "",
                f"total {time.perf_counter() - started:.0f} s",
            )
            if part
        )
        + f" (load at end {' '.join(Path('/proc/loadavg').read_text().split()[:3])})"
    )
    missed = []
    if real:
        from devtools.real_messages import TARGET_REAL_COUNCIL, TARGET_REAL_MAIN

        missed += [
            name
            for name, value, target in (
                ("real-set main topic", real["score"].main, TARGET_REAL_MAIN),
                ("real-set council", real["score"].council, TARGET_REAL_COUNCIL),
            )
            if verdict(value, target) == "FAIL"
        ]
    if cv:
        missed += [
            name
            for name, value, target in (
                ("intent macro-F1", cv["intent_macro_f1"], TARGET_INTENT_MACRO_F1),
                ("council entity F1", cv["council_f1"], TARGET_COUNCIL_F1),
            )
            if verdict(value, target) == "FAIL"
        ]
    if sf:
        missed += safety_verdicts(sf)
    print(
        "Verdict: "
        + (
            "all targets met"
            if cv and not missed
            else ("missed: " + ", ".join(missed))
            if missed
            else "no cross-validation run, no verdict"
        )
    )
    if args.json:

        def plain(d):
            return {
                k: (
                    dict((f"{a} -> {b}", n) for (a, b), n in v.most_common())
                    if isinstance(v, Counter)
                    else str(v)
                    if isinstance(v, Path)
                    else v
                )
                for k, v in d.items()
            }

        real_figures = None
        if real:
            sc = real["score"]
            real_figures = {
                "main": sc.main,
                "any": sc.any,
                "council": sc.council,
                "council_total": sc.council_total,
                "below_fallback": sc.below_fallback,
                "misses": sc.misses,
                "annotators_agree_main": real["agreement"].main,
                "model_matches_either_main": real["agreement"].model_matches_either / sc.total,
            }
        args.json.write_text(
            json.dumps(
                {
                    "cv": plain(cv) if cv else None,
                    "holdout": plain(h) if h else None,
                    "real": real_figures,
                },
                indent=1,
                default=str,
            )
        )
    return 1 if args.strict and missed else 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["--rasa-cli"]:
        rasa_cli_with_spacy_entities(sys.argv[2:])
        sys.exit(0)
    sys.exit(main())
