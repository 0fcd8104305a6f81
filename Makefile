# tidings: `make demo` and `make test` do all the set-up a fresh machine needs.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO_DB := .demo/tidings.db
SAMPLES := src/tidings/samples/bluetide.jsonl

.PHONY: install demo test lint typecheck unit bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

# Every dependency, direct and indirect, is pinned: pyproject.toml names the direct ones and
# requirements.lock fixes the versions of all of them.
$(STAMP): pyproject.toml requirements.lock | $(BIN)/python
	$(BIN)/pip install -q -c requirements.lock -e ".[dev]"
	touch $@

install: $(STAMP)

demo: install
	@rm -rf .demo && mkdir -p .demo
	@echo "== ingesting the sample corpus (13 invented articles, Chinese and English) =="
	$(BIN)/tidings --db $(DEMO_DB) ingest $(SAMPLES)
	@echo
	@echo "== asking =="
	@$(BIN)/tidings --db $(DEMO_DB) ask "海澄港务局订购了多少台潮汐3号?"
	@echo
	@$(BIN)/tidings --db $(DEMO_DB) ask "Who led BlueTide Robotics' Series B round?"
	@echo
	@$(BIN)/tidings --db $(DEMO_DB) ask "青澜潮汐B轮融资了多少钱?"
	@echo
	@$(BIN)/tidings --db $(DEMO_DB) ask "卡塔琳娜·沃斯是谁?"
	@echo
	@$(BIN)/tidings --db $(DEMO_DB) ask "Where did BlueTide lose the Tide-3 robot?"
	@echo
	@$(BIN)/tidings --db $(DEMO_DB) ask "今天北京的天气怎么样?"
	@echo
	@echo "== who is who: one entity per person or company, whatever the spelling or language =="
	@$(BIN)/tidings --db $(DEMO_DB) entities --min-mentions 2
	@echo
	@echo "== stories, and the timeline of the largest =="
	@$(BIN)/tidings --db $(DEMO_DB) stories
	@echo
	@$(BIN)/tidings --db $(DEMO_DB) timeline $$($(BIN)/tidings --db $(DEMO_DB) stories --json \
		| $(BIN)/python -c "import json, sys; print(json.load(sys.stdin)[0]['id'])")
	@echo
	@echo "== where the sources disagree =="
	@$(BIN)/tidings --db $(DEMO_DB) disputes

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: install
	$(BIN)/mypy

unit: install
	$(BIN)/pytest

test: lint typecheck unit

bench: install
	$(BIN)/pip install -q -c requirements.lock -e ".[dev,bench]"
	$(BIN)/python bench/extract.py
	$(BIN)/python bench/qa.py
	$(BIN)/python bench/ner.py
	$(BIN)/python bench/dates.py
	$(BIN)/python bench/stories.py

clean:
	rm -rf $(VENV) .demo .pytest_cache .mypy_cache .ruff_cache src/*.egg-info
