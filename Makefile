# Outsource Advisor. `make demo` and `make test` work on a fresh machine with python3 and make.
# Picks the newest Python >= 3.11 on PATH. durable-rules 2.0.28 calls PyEval_CallObject, which
# CPython 3.13 removed: on 3.13+ it is built with a define mapping it to PyObject_CallObject
# (CPPFLAGS: its setup.py overwrites CFLAGS), without pip's wheel cache (a cached wheel built
# without the define would be reused).
SHELL := /bin/bash
VENV ?= .venv
PY := $(VENV)/bin/python
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	  if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(0 if sys.version_info[:2] >= (3,11) else 1)' 2>/dev/null; then echo $$p; break; fi; \
	done)
DURABLE_CPPFLAGS := -DPyEval_CallObject(f,a)=PyObject_CallObject(f,a)

.PHONY: demo test run bench bench-compare stress clean check-python install install-test docs

check-python:
	@if [ -z "$(PYTHON)" ]; then echo "error: need Python 3.11 or newer on PATH; or set PYTHON=/path/to/python3" >&2; exit 2; fi

$(VENV)/.created: | check-python
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	if $(PY) -c 'import sys; sys.exit(0 if sys.version_info[:2] >= (3,13) else 1)'; then \
	  CPPFLAGS='$(DURABLE_CPPFLAGS)' $(PY) -m pip install --quiet --no-cache-dir durable-rules==2.0.28; fi
	touch $@

$(VENV)/.installed: $(VENV)/.created pyproject.toml
	$(PY) -m pip install --quiet -e '.[serve]'
	touch $@

$(VENV)/.installed-test: $(VENV)/.created pyproject.toml
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

demo: $(VENV)/.installed
	$(VENV)/bin/outsource demo

run: $(VENV)/.installed
	$(VENV)/bin/outsource

# Every test, on every core (pytest-xdist), property tests at the fast Hypothesis profile
# (tests/profiles.py). `make stress` runs the slow tests and every property test at full size.
# One worker more than cores: many tests spend part of their time waiting (on the engine process,
# a CLI child, a subprocess being killed), and the extra worker fills that time (2 cores: 3 min
# 26 s with 3 workers, 3 min 57 s with 2, 3 min 49 s with 4).
TEST_WORKERS ?= $(shell n=$$(nproc 2>/dev/null || echo 1); echo $$((n + 1)))
# The `deep` tests (the wheel built and installed in a fresh venv, the whole benchmark harness)
# run only under `make stress`: they check packaging and tooling, not what a change to the app
# can break between two commits, and take a third of a minute each.
# Bytecode is written even where PYTHONDONTWRITEBYTECODE is set (some images set it): without it
# every worker, CLI child and engine process compiled the sources again and every worker
# re-rewrote the tests' asserts (collection 6.2 -> 3.2 s of CPU per worker; __pycache__ is ignored).
PYTEST_ENV := env -u PYTHONDONTWRITEBYTECODE
test: $(VENV)/.installed-test
	$(PYTEST_ENV) $(PY) -m pytest -q -p no:cacheprovider -n $(TEST_WORKERS) --dist worksteal -m "not deep"

# docs/rules.md's per-rule table and list, from the shipped packs (tests/test_docs_rules.py fails
# in `make test` while the page is stale).
docs: $(VENV)/.installed
	$(PY) -m advisor.rules.docs docs/rules.md

bench: $(VENV)/.installed-test
	$(PY) -m benchmarks

# The headline figures of an earlier commit and of this working tree, run alternately in the same
# minutes (benchmarks/compare.py; ratios to BASE): `make bench-compare BASE=46d667c`. BASE's tree
# is exported with `git archive` into a temporary folder, removed afterwards.
BASE ?=
ROUNDS ?= 5
FIGURES ?= check1000,check10000,json10000,app1000,app10000
bench-compare: $(VENV)/.installed-test
	@if [ -z "$(BASE)" ]; then echo "usage: make bench-compare BASE=<commit> [ROUNDS=5] [FIGURES=check1000,app1000]" >&2; exit 2; fi
	@name=$$(git rev-parse --short "$(BASE)^{commit}") || exit 2; \
	tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	git archive "$$name" | tar -x -C "$$tmp" && \
	$(PY) -m benchmarks.compare "$$name=$$tmp" "new=$(CURDIR)" --rounds $(ROUNDS) --figures $(FIGURES)

stress: $(VENV)/.installed-test
	HYPOTHESIS_PROFILE=deep OUTSOURCE_STRESS=1 $(PYTEST_ENV) $(PY) -m pytest -q -p no:cacheprovider -n $(TEST_WORKERS) --dist worksteal -m "slow or hypothesis or deep"

clean:
	rm -rf $(VENV) dist build .pytest_cache .hypothesis
