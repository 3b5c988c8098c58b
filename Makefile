# Two entry points (see README): `make run` and `make test`. Both create .venv on first use.
PY ?= $(shell command -v python3.12 2>/dev/null || echo python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[test]'
	$(BIN)/python -c "from campaign_sim.model import compile_kernels as c; print(f'compiled the model kernels in {c():.1f} s (cached)')"
	touch $(STAMP)

.PHONY: setup run test lint bench validate
setup: $(STAMP)

run: $(STAMP)
	$(BIN)/campaign-sim compare experiments/training_trial.toml
	@echo "Report: $(CURDIR)/results/training_trial/report.html (open it in a browser; no network needed)"

# lint-imports checks the layer contracts in pyproject.toml (core -> input/output -> applications)
test: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -n 2

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/lint-imports

validate: $(STAMP)
	$(BIN)/campaign-sim validate

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_model.py
	$(BIN)/python benchmarks/bench_sweep.py
	$(BIN)/python benchmarks/bench_ui.py
