# newstag: common tasks. `make help` lists them.
PY ?= .venv/bin/python
VENV_BIN := $(dir $(PY))

.PHONY: help install run test test-all lint bench corpus clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-10s %s\n", $$1, $$2}'

.venv/bin/python:
	python3 -m venv .venv

install: .venv/bin/python  ## editable install with every extra and the dev tools
	$(PY) -m pip install -e ".[dev]"

run: .venv/bin/python  ## the main job: train the default model, tag the sample article
	$(PY) -m pip install -q .
	$(VENV_BIN)newstag train
	$(VENV_BIN)newstag tag models/default data/sample_article.txt

test: install  ## fast tests
	$(PY) -m pytest

test-all: install  ## all tests, slow ones included
	$(PY) -m pytest -m ""

lint:  ## ruff (lint and format check) and mypy
	$(PY) -m ruff check src tests benchmarks data/tools
	$(PY) -m ruff format --check src tests benchmarks data/tools
	$(PY) -m mypy src

bench:  ## the benchmarks (print figures; take minutes)
	$(PY) benchmarks/segment.py
	$(PY) benchmarks/train.py
	$(PY) benchmarks/quality.py
	$(PY) benchmarks/tag.py

corpus:  ## check the shipped corpus
	python3 ../shared/tools/check_corpus.py data/sentences.jsonl --articles data/articles

clean:  ## remove run outputs and caches
	rm -rf runs multirun outputs .pytest_cache .ruff_cache .mypy_cache
