# flexorch developer entry points. `make demo` runs the main job against the built-in lab;
# `make test` sets everything up from scratch and runs the full test suite (what CI runs).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup system-deps test demo check bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[lab,celery,test,dev]'
	touch $(STAMP)

setup: $(STAMP)

system-deps:
	scripts/system-deps.sh

test: setup system-deps
	$(BIN)/python -m pytest -q -p no:cacheprovider

demo: setup
	scripts/demo.sh

check: setup
	$(BIN)/ruff check flexorch tasks tests
	$(BIN)/mypy
	$(BIN)/lint-imports

bench: setup
	for b in tests/bench/bench_*.py; do $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache .ruff_cache
