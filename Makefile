# newsflow — `make help` lists the targets.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PROTOS := $(wildcard schemas/newsflow/v1/*.proto)
GEN    := pipeline/proto

.DEFAULT_GOAL := help

help: ## list targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN{FS=":.*## "}{printf "  %-12s %s\n",$$1,$$2}'

# Two stamps: `make run` needs only the runtime packages (a newcomer's first command stays quick);
# tests, code generation and lint add the dev tools.
# Versions come from constraints.lock (`make lock` regenerates it from a fresh virtualenv); -qq keeps
# the first screen to what newsflow says (pip still prints errors).
$(BIN)/newsflow: setup.py constraints.lock
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --quiet --upgrade pip
	$(BIN)/pip install --quiet --quiet -c constraints.lock -e '.[embedded]'
	@touch $@

$(VENV)/.dev: $(BIN)/newsflow
	$(BIN)/pip install --quiet --quiet -c constraints.lock -e '.[dev]'
	@touch $@

lock: ## re-resolve every dependency in a fresh virtualenv and write constraints.lock
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet --upgrade pip
	.lock-venv/bin/pip install --quiet -e '.[embedded,dev]'
	{ head -n 2 constraints.lock; .lock-venv/bin/pip freeze --exclude-editable; } > constraints.lock.new
	mv constraints.lock.new constraints.lock && rm -rf .lock-venv

runtime: $(BIN)/newsflow ## create the virtualenv with the runtime packages only

# The extractor compiled by mypyc (setup.py, NEWSFLOW_COMPILE=1): building needs a C compiler, Python's
# headers and mypy; the wheel installs and runs without them. deploy/Dockerfile runs wheel-build.
DIST ?= dist
wheel: venv ## build dist/newsflow-*.whl with the extractor compiled (needs a C compiler; installs without one)
	$(MAKE) --no-print-directory wheel-build PYTHON=$(BIN)/python

wheel-build:
	NEWSFLOW_COMPILE=1 $(PYTHON) -m pip wheel --quiet --no-deps --no-build-isolation --wheel-dir $(DIST) .

venv: $(VENV)/.dev ## create the virtualenv and install newsflow with dev tools

# schemas/ is mapped to the virtual path pipeline/proto so that generated modules are named
# pipeline.proto.newsflow.v1.*_pb2: Beam pickles message classes by module name.
PROTOC := $(BIN)/python -m grpc_tools.protoc -I$(GEN)=schemas

proto: venv ## regenerate Python code from schemas/*.proto
	rm -f $(GEN)/newsflow/v1/*_pb2.py $(GEN)/newsflow/v1/*_pb2.pyi
	$(PROTOC) --python_out=. --pyi_out=. $(PROTOS)

proto-check: venv ## fail if the committed generated code differs from schemas/
	@tmp=$$(mktemp -d) && \
	$(PROTOC) --python_out=$$tmp --pyi_out=$$tmp $(PROTOS) && \
	for f in $$(cd $$tmp && find . -name '*_pb2.py*'); do \
	  cmp -s $$tmp/$$f $$f || { echo "stale generated code: $$f (run make proto)"; exit 1; }; \
	done && \
	n_gen=$$(find $$tmp -name '*_pb2.py' | wc -l) && n_have=$$(ls $(GEN)/newsflow/v1/*_pb2.py | wc -l) && \
	[ $$n_gen -eq $$n_have ] || { echo "generated files without a .proto in $(GEN)/newsflow/v1"; exit 1; }; \
	rm -rf $$tmp && echo "generated protobuf code is up to date"

run: runtime ## run the long-lived job on the embedded defaults (embedded broker + example feeds)
	$(BIN)/newsflow run

demo: runtime ## ingest the example feeds once, process them, print the quotes, exit
	$(BIN)/newsflow run --once

test: venv proto-check lint typecheck ## run the whole test suite (starts its own broker)
	$(BIN)/python -m pytest -q tests

unit: venv ## fast unit tests only (no broker)
	$(BIN)/python -m pytest -q -m 'not integration' tests

lint: venv ## static checks
	$(BIN)/ruff check pipeline tests tools bench

typecheck: venv ## mypy --strict on pipeline/ (settings in mypy.ini)
	$(BIN)/mypy

bench: venv ## quick benchmarks (extraction quality and speed, feed parsing); see README for the long ones
	$(BIN)/python -m bench.eval_quotes
	$(BIN)/python -m bench.extract_speed
	$(BIN)/python -m bench.feed_parse

clean: ## remove the venv, local data and build output
	rm -rf $(VENV) var .pytest_cache build dist


.PHONY: help runtime venv proto proto-check run demo test unit lint typecheck bench clean lock wheel wheel-build
