"""Load benchmark: many clients at once against `atlas serve` on loopback.

    make bench-load                  # or: .venv/bin/python bench/load_bench.py [--seconds 30] [--clients 16]

data/reviews is ingested into a fresh store in a temporary folder and served by `atlas serve` (a
process of its own, as a user runs it). `--clients` threads then send requests back to back for
`--seconds`, each picking at random among the entity pages (every person, work, character and
review), searches (the page and the API), paths between two entities (the page and the API) and
the example SPARQL queries. A second run does the same while one client keeps a SPARQL query
that never finishes on its own running (it ends at the server's time limit, and is sent again):
the others' p95 must stay within LONG_QUERY_BOUND times the first run's. Prints requests, errors
and p50/p95 per kind; exit status 1 on any error or a missed bound. tests/test_load.py runs the
same, shorter, in `make test`.
"""
from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # run as a script from anywhere: graph is imported from this checkout

# A long query beside the others may slow them this much at p95, at most. It keeps one of the
# machine's two cores busy until the server's time limit ends it, so the others share one core.
LONG_QUERY_BOUND = 3.0
# Counts every pair of triples: nothing answers it before the time limit.
LONG_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
ENTITY_KINDS = {"Person": "person", "Work": "work", "Character": "character", "Review": "review"}
ID = "https://w3id.org/adaptation-atlas/id/"


def build(location: Path) -> None:
    """data/reviews in a store at `location`, as `atlas ingest` builds it."""
    from graph import curation
    from graph.ingest import ingest
    from graph.store import Store

    store = Store(location)
    report = ingest(store, [REPO / "data" / "reviews"], curation=curation.load(None))
    if report.failed:
        sys.exit(f"ingest failed: {report.failed}")
    store.flush()


def requests_for(location: Path, seed: int = 0) -> dict[str, list[str]]:
    """The paths the clients pick from, by kind of request."""
    from graph import queries
    from graph.store import Store

    store = Store(location, read_only=True)
    rows = queries.rows(store, "SELECT DISTINCT ?e ?label WHERE { ?e a ?kind ; <http://www.w3.org/2000/01/rdf-schema#label> ?label "
                               "VALUES ?kind { " + " ".join(f"<https://w3id.org/adaptation-atlas/ontology#{k}>"
                                                            for k in ENTITY_KINDS) + " } }")
    entities = sorted({r["e"] for r in rows if r["e"].startswith(ID)})
    words = sorted({w.lower() for r in rows for w in r["label"].split() if len(w) > 3})
    rng = random.Random(seed)
    pairs = [rng.sample(entities, 2) for _ in range(40)]
    q = lambda value: urllib.parse.quote(value, safe="")  # noqa: E731
    return {
        "entity": ["/id/" + e[len(ID):] for e in entities],
        "search": [f"/search?q={q(w[:4])}" for w in words] + [f"/api/search?q={q(w[:3])}" for w in words],
        "path": [f"/path?from={q(a)}&to={q(b)}" for a, b in pairs] + [f"/api/path?from={q(a)}&to={q(b)}" for a, b in pairs],
        "sparql": [f"/sparql?format=json&query={q(e.text)}" for e in queries.examples()],
    }


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(location: Path, log: Path, query_timeout: float = 5.0) -> tuple[str, subprocess.Popen]:
    """`atlas serve` on the store, ready to answer: (base URL, process)."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "ATLAS_STORE"}
    with log.open("w") as out:  # a pipe nobody reads would fill and stall the server
        process = subprocess.Popen([sys.executable, "-m", "graph", "serve", "--port", str(port), "--store", str(location),
                                    "--query-timeout", str(query_timeout)], cwd=REPO, env=env, stdout=out, stderr=out)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(base + "/", timeout=10):
                return base, process
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(f"atlas serve did not start: {log.read_text()[-2000:]}") from None
            time.sleep(0.1)


@dataclass
class Result:
    seconds: float
    times: dict[str, list[float]] = field(default_factory=dict)  # kind -> seconds per request
    errors: list[str] = field(default_factory=list)
    busy: int = 0  # "busy" answers from /sparql, each tried again (the time includes the retries)
    long_queries: list[tuple[int | str, float]] = field(default_factory=list)  # (status, seconds) of LONG_QUERY

    @property
    def requests(self) -> int:
        return sum(len(t) for t in self.times.values())

    def percentile(self, p: float, kind: str | None = None) -> float:
        times = self.times[kind] if kind else [t for ts in self.times.values() for t in ts]
        return statistics.quantiles(times, n=100, method="inclusive")[p - 1] if len(times) > 1 else times[0]

    def lines(self) -> list[str]:
        out = [f"{'kind':8s} {'requests':>8s} {'p50 ms':>8s} {'p95 ms':>8s}"]
        for kind in sorted(self.times):
            out.append(f"{kind:8s} {len(self.times[kind]):8d} {self.percentile(50, kind) * 1000:8.1f} "
                       f"{self.percentile(95, kind) * 1000:8.1f}")
        out.append(f"{'all':8s} {self.requests:8d} {self.percentile(50) * 1000:8.1f} {self.percentile(95) * 1000:8.1f}"
                   f"   ({self.requests / self.seconds:.0f} requests/s, {len(self.errors)} errors, "
                   f"{self.busy} busy answers retried)")
        for status, seconds in self.long_queries:
            out.append(f"long query: {status} after {seconds:.1f} s")
        return out


BUSY = b"queries are running already"  # /sparql's 503 when its workers are all taken (graph/endpoint.py)


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.read()


def load(base: str, paths: dict[str, list[str]], clients: int = 16, seconds: float = 10.0,
         long_query: bool = False, seed: int = 0) -> Result:
    """`clients` threads sending requests back to back for `seconds`; with `long_query`, one
    more keeps LONG_QUERY running (its answers, the time limit's 503, are not counted)."""
    result = Result(seconds, {kind: [] for kind in paths})
    lock = threading.Lock()
    stop = threading.Event()
    kinds = sorted(paths)

    def client(n: int) -> None:
        rng = random.Random(seed * 1000 + n)
        while not stop.is_set():
            kind = rng.choice(kinds)
            path = rng.choice(paths[kind])
            started = time.perf_counter()
            busy = 0
            try:
                status, body = get(base + path)
                # The endpoint refuses a query at once when its workers are all taken, rather
                # than queue it behind long ones; a client tries again, as a person would.
                while status == 503 and BUSY in body and not stop.is_set():
                    busy += 1
                    time.sleep(0.05)
                    status, body = get(base + path)
                error = None if status == 200 or stop.is_set() else f"{status} {path}"
            except OSError as err:
                error = f"{err!r} {path}"
            took = time.perf_counter() - started
            with lock:
                result.times[kind].append(took)
                result.busy += busy
                if error:
                    result.errors.append(error)

    def long_client() -> None:
        while not stop.is_set():
            started = time.perf_counter()
            try:
                status, _ = get(base + "/sparql?format=json&query=" + urllib.parse.quote(LONG_QUERY))
            except OSError as err:
                status = repr(err)
            result.long_queries.append((status, time.perf_counter() - started))

    threads = [threading.Thread(target=client, args=(n,), daemon=True) for n in range(clients)]
    if long_query:
        threads.append(threading.Thread(target=long_client, daemon=True))
        threads[-1].start()
        time.sleep(0.5)  # the long query is running before the others start
    for thread in threads[:clients]:
        thread.start()
    time.sleep(seconds)
    stop.set()
    for thread in threads:
        thread.join(timeout=90)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--clients", type=int, default=16)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        location = Path(tmp) / "store"
        build(location)
        paths = requests_for(location)
        base, server = serve(location, Path(tmp) / "serve.log")
        try:
            get(base + paths["entity"][0])  # the first request builds the explorer's caches
            alone = load(base, paths, args.clients, args.seconds)
            beside = load(base, paths, args.clients, args.seconds, long_query=True)
        finally:
            server.terminate()
            server.wait(timeout=30)
    print(f"{args.clients} clients for {args.seconds:g} s on loopback, `atlas serve` over data/reviews:")
    print("\n".join(alone.lines()))
    print("\nthe same beside a SPARQL query that runs to the server's time limit (5 s), again and again:")
    print("\n".join(beside.lines()))
    ratio = beside.percentile(95) / alone.percentile(95)
    print(f"\np95 beside the long query: {ratio:.2f}x (bound: {LONG_QUERY_BOUND:g}x)")
    for error in (alone.errors + beside.errors)[:10]:
        print("error:", error)
    return 1 if alone.errors or beside.errors or ratio > LONG_QUERY_BOUND else 0


if __name__ == "__main__":
    sys.exit(main())
