"""Explorer benchmark: server time of the entity pages on the demo graph (data/reviews).

    make bench-explorer                     # or: .venv/bin/python bench/explorer_bench.py [--rounds N]

data/reviews is ingested into a fresh store in a temporary folder, which is then opened read-only
as `atlas serve` opens it. Every entity page (people, works, characters, reviews) is requested
--rounds times through the WSGI app in this process, so a time is the server's alone: routing,
SPARQL, the neighbourhood picture, the template; no network, no browser. The first request of
all, which builds the explorer's network projection, is reported apart. A few other pages and
API calls are timed the same way for comparison. Exit status 1 if the entity pages' p50 misses
the target.
"""
from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # run as a script from anywhere: graph is imported from this checkout

TARGET_P50_MS = 50.0  # the target for an entity page
KINDS = {"Person": "person", "Character": "character", "Review": "review", "Difference": "difference"}  # any other kind is a work
ID = "https://w3id.org/adaptation-atlas/id/"


def build(location: Path) -> None:
    from graph.ingest import ingest
    from graph.store import Store

    store = Store(location)
    report = ingest(store, [REPO / "data" / "reviews"])
    if report.failed:
        sys.exit(f"ingest failed: {report.failed}")
    del store
    gc.collect()  # the last reference goes: RocksDB's lock is released for the read-only open


def percentile(times: list[float], q: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def timed(client, url: str) -> float:
    start = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - start) * 1000
    if response.status_code != 200:
        sys.exit(f"{url}: HTTP {response.status_code}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="requests of each page (default 5)")
    args = parser.parse_args()

    from graph.store import Store
    from webapp import create_app

    with tempfile.TemporaryDirectory() as tmp:
        location = Path(tmp) / "store"
        started = time.perf_counter()
        build(location)
        built = time.perf_counter() - started
        app = create_app(Store(location, read_only=True))
        client = app.test_client()
        explorer = app.extensions["explorer"]

        cold = timed(client, "/id/person/alex-garland")  # builds the projection
        pages: dict[str, list[str]] = {}
        for iri, kind in explorer.graph.nodes(data="kind"):
            pages.setdefault(KINDS.get(kind, "work"), []).append("/id/" + iri[len(ID):])
        times: dict[str, list[float]] = {kind: [] for kind in pages}
        for _ in range(args.rounds):
            for kind, urls in pages.items():
                times[kind] += [timed(client, url) for url in urls]

        garland, ishiguro = ID + "person/alex-garland", ID + "person/kazuo-ishiguro"
        others = {
            "home": "/",
            "path page": "/path?" + urllib.parse.urlencode({"from": garland, "to": ishiguro}),
            "entity, depth 2": "/id/person/alex-garland?depth=2",
            "api/search": "/api/search?q=garl",
            "api/path": "/api/path?" + urllib.parse.urlencode({"from": garland, "to": ishiguro}),
            "turtle": "/id/person/alex-garland?format=ttl",
        }
        other_times = {name: [timed(client, url) for _ in range(args.rounds * 10)] for name, url in others.items()}

    all_entities = [t for ts in times.values() for t in ts]
    rows = [(kind, len(pages[kind]), ts) for kind, ts in sorted(times.items())]
    rows.append(("all entity pages", sum(len(u) for u in pages.values()), all_entities))
    print(f"Demo graph: data/reviews, built in {built:.1f} s; {args.rounds} rounds; "
          f"first request (builds the projection): {cold:.1f} ms\n")
    def line(name: str, pages: int | str, ts: list[float]) -> str:
        return (f"{name:<18} {pages:>5} {len(ts):>8} {statistics.median(ts):>8.1f} "
                f"{percentile(ts, 0.95):>8.1f} {max(ts):>8.1f}")

    print(f"{'page':<18} {'pages':>5} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for name, n, ts in rows:
        print(line(name, n, ts))
    print()
    for name, ts in other_times.items():
        print(line(name, "", ts))
    p50 = statistics.median(all_entities)
    verdict = "met" if p50 <= TARGET_P50_MS else "MISSED"
    print(f"\nEntity page p50 {p50:.1f} ms, p95 {percentile(all_entities, 0.95):.1f} ms: "
          f"target p50 <= {TARGET_P50_MS:.0f} ms {verdict}.")
    return 0 if p50 <= TARGET_P50_MS else 1


if __name__ == "__main__":
    sys.exit(main())
