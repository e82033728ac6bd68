# pantau: the two commands of the README, and what they need.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test install lint model bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

install: $(STAMP)

## make demo: sample news network -> crawl -> data/pantau.db -> Datasette on :8001
demo: install
	$(BIN)/pantau demo --db data/pantau.db --port 8001

## make test: lint (ruff rules and formatting), then the whole test suite
test: lint
	$(BIN)/python -m pytest -q

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

## make model: rebuild the rule pipeline under models/ from its data
model: install
	$(BIN)/python -m extract.region_source
	PYTHONHASHSEED=0 $(BIN)/python -m models.build

## make bench: the speed figures of bench/README.md (a few minutes)
bench: install
	$(BIN)/python bench/extract_speed.py
	$(BIN)/python bench/crawl_speed.py --scale 5
	$(BIN)/python bench/publish_views.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache

## make ner: re-train the statistical NER (models/ner/model) from the IndoNLU data, score it
## and rewrite its figures in models/README.md (~30 minutes on one core)
.PHONY: ner
ner: install
	@test -n "$(NER_DATA)" || { echo "make ner NER_DATA=DIR (the IndoNLU NER folder)"; exit 2; }
	$(BIN)/python -m pip install -q -e '.[dev,ner]'
	$(BIN)/python -m models.ner.train --data $(NER_DATA)

## make boundaries BOUNDARIES=<indonesia-geojson folder>: rewrite publish/data/boundaries.json
## from the boundary source (run once when the source changes; the file is committed)
.PHONY: boundaries
boundaries: install
	$(BIN)/python -m publish.build_boundaries $(BOUNDARIES)
