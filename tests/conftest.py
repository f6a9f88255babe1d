"""Shared fixtures: the sample reviews ingested once into a real on-disk Oxigraph store, and into each real engine."""
from __future__ import annotations

import gc
import os
import subprocess
import sys
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import pytest

from engines import KINDS as ENGINE_KINDS

REPO = Path(__file__).resolve().parent.parent
REVIEWS = REPO / "data" / "reviews"
ARTIFACTS = REPO / "test-artifacts"
ID = "https://w3id.org/adaptation-atlas/id/"
ATLAS = "https://w3id.org/adaptation-atlas/ontology#"


def review_files() -> list[Path]:
    from graph.read import REVIEW_SUFFIXES

    return sorted(p for p in REVIEWS.iterdir() if p.is_file() and p.suffix.lower() in REVIEW_SUFFIXES)


@dataclass(frozen=True)
class Built:
    path: Path  # the store folder; closed, open it read-only
    counts: dict[str, int]  # queries.counts() taken before the store was closed
    report: object  # the IngestReport


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Built:
    """data/reviews ingested with graph.ingest (and data/curation.yaml) into a fresh store, which is then closed."""
    from graph import curation, queries
    from graph.ingest import ingest
    from graph.store import Store

    location = tmp_path_factory.mktemp("built") / "store"
    store = Store(location)
    report = ingest(store, [REVIEWS], curation=curation.load(None))  # as `atlas ingest` does
    counts = queries.counts(store)
    del store
    gc.collect()  # the last reference goes: RocksDB's lock is released
    assert not report.failed, report.failed
    return Built(location, counts, report)


@pytest.fixture(scope="session")
def built_store(built) -> Path:
    return built.path


@pytest.fixture(scope="session")
def engines(tmp_path_factory):
    """Each real engine (tests/engines.py) with data/reviews ingested over HTTP, as `atlas ingest
    --store URL` does: a function from the engine's kind to its Engine, started when first asked for."""
    from engines import running
    from graph import curation
    from graph.ingest import ingest

    started = {}
    with ExitStack() as stack:
        def get(kind: str):
            if kind not in started:
                engine = stack.enter_context(running(kind, tmp_path_factory.mktemp(kind) / "data"))
                report = ingest(engine.open(), [REVIEWS], curation=curation.load(None))
                assert not report.failed, report.failed
                started[kind] = engine
            return started[kind]
        yield get


@pytest.fixture(scope="session", params=ENGINE_KINDS)
def engine(request, engines):
    """The built graph in each real engine: the Oxigraph server and Virtuoso."""
    return engines(request.param)


@pytest.fixture(scope="session", params=["embedded", *ENGINE_KINDS])
def ro_store(request, built, engines):
    """The built graph, read-only, in each backend: the embedded store (several readers may share
    the folder), a real Oxigraph server and a real Virtuoso over HTTP. Every test that reads it runs
    on all three."""
    from graph.store import open_store

    if request.param == "embedded":
        return open_store(built.path, read_only=True)
    return engines(request.param).open(read_only=True)


def atlas(*args: str, env: dict | None = None, cwd: Path = REPO, timeout: float = 120) -> subprocess.CompletedProcess:
    """Run the real command line, `python -m graph ARGS`, in a clean environment."""
    full_env = {k: v for k, v in os.environ.items() if k != "ATLAS_STORE"}
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "graph", *args], cwd=cwd, env=full_env,
                          capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)


@pytest.fixture(scope="session")
def server(ro_store) -> str:
    """The explorer over the built store, served as `atlas serve` serves it, on 127.0.0.1: its base URL."""
    from webapp import create_app
    from webapp.server import serving

    with serving(create_app(ro_store)) as url:
        yield url
