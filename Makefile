# IMMEX Guide — the two commands: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# A CPU build of torch: the local wheel pip finds on this machine; elsewhere, PyTorch's CPU index.
TORCH_VERSION ?= 2.13.0
TORCH_CPU_INDEX ?= https://download.pytorch.org/whl/cpu

.PHONY: help install run test lint typecheck unit index ci browser-deps audit clean

help:
	@echo "make run    install what is missing, build/update the index, start the API and the UI"
	@echo "make test   install what is missing, then lint, type-check and run the test suite"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	@if ! $(BIN)/python -c "import torch" 2>/dev/null; then \
	  if ls /opt/wheels/torch-$(TORCH_VERSION)+cpu-*.whl >/dev/null 2>&1 || \
	     ls $${PIP_FIND_LINKS:-/nonexistent}/torch-*+cpu-*.whl >/dev/null 2>&1; then \
	    $(BIN)/pip install "torch==$(TORCH_VERSION)"; \
	  else \
	    $(BIN)/pip install "torch==$(TORCH_VERSION)" --index-url $(TORCH_CPU_INDEX); \
	  fi; \
	fi
	$(BIN)/pip install -e ".[dev,llm]"
	@touch $(STAMP)

install: $(STAMP)

index: install
	$(BIN)/assistant ingest

run: install index
	@bash ui/run_all.sh

lint: install
	$(BIN)/ruff check assistant ui evals tests

typecheck: install
	$(BIN)/mypy assistant ui evals

unit: install
	$(BIN)/pytest -q

test: lint typecheck unit

browser-deps:
	bash ui/install_browser.sh

audit: install
	bash .ci/audit

clean:
	rm -rf $(VENV) data .pytest_cache .mypy_cache .ruff_cache
