"""Load on loopback: 16 clients at once against `atlas serve` over the sample reviews, on every
kind of page, the API and /sparql, with no error; then the same beside a SPARQL query that runs
to the server's time limit, which may slow the others' p95 by LONG_QUERY_BOUND at most.
bench/load_bench.py (`make bench-load`) is the same, longer. The figures go to
test-artifacts/load.txt."""
from __future__ import annotations

import sys

import pytest

from conftest import ARTIFACTS, REPO

sys.path.insert(0, str(REPO / "bench"))
import load_bench  # noqa: E402

CLIENTS = 16


@pytest.fixture(scope="module")
def served(built_store, tmp_path_factory):
    base, process = load_bench.serve(built_store, tmp_path_factory.mktemp("load") / "serve.log", query_timeout=4)
    load_bench.get(base + "/id/person/alex-garland")  # the first request builds the explorer's caches
    yield base, load_bench.requests_for(built_store)
    process.terminate()
    process.wait(timeout=30)


@pytest.fixture(scope="module")
def alone(served):
    base, paths = served
    return load_bench.load(base, paths, CLIENTS, seconds=8)


def report(title: str, result) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    with (ARTIFACTS / "load.txt").open("a" if "beside" in title else "w") as out:
        out.write(f"{title}\n" + "\n".join(result.lines()) + "\n\n")
    print(title, *result.lines(), sep="\n")


def test_sixteen_clients_without_an_error(served, alone):
    report(f"{CLIENTS} clients for 8 s, `atlas serve` over data/reviews:", alone)
    assert not alone.errors, alone.errors[:5]
    assert set(alone.times) == {"entity", "search", "path", "sparql"}
    assert all(len(times) >= 20 for times in alone.times.values()), {k: len(v) for k, v in alone.times.items()}
    assert alone.percentile(95) < 2.0  # measured: p95 about 0.45 s on the 2-core machine


def test_a_long_query_does_not_hold_up_the_others(served, alone):
    base, paths = served
    beside = load_bench.load(base, paths, CLIENTS, seconds=6, long_query=True)
    report("the same beside a SPARQL query that runs to the time limit (4 s):", beside)
    assert not beside.errors, beside.errors[:5]
    assert beside.long_queries and all(status == 503 and seconds >= 3.5 for status, seconds in beside.long_queries[:1])
    assert beside.percentile(95) <= load_bench.LONG_QUERY_BOUND * alone.percentile(95)
