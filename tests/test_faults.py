"""Faults: an ingest killed with SIGKILL half-way, and an ingest while the server runs.

Killed: the store reopens, validates, keeps the default graph equal to the union of the review
graphs, and holds each review either not at all or exactly as a clean ingest writes it (a first
ingest; ingesting again completes it), or exactly its old or its new version (a re-ingest of
changed reviews). Served: `atlas serve` keeps answering, with no error, while `atlas ingest`
writes the same store, and serves the new reviews once they are in.
"""
from __future__ import annotations

import gc
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from pyoxigraph import NamedNode

from conftest import REPO, REVIEWS, atlas, review_files
from graph import curation
from graph.ingest import ingest
from graph.store import Store, StoreError
from review_graphs import graph_quads

sys.path.insert(0, str(REPO / "bench"))
import load_bench  # noqa: E402  (starts `atlas serve` and waits for it)

COPIES = 8  # of each sample review, under its own name: 72 reviews, some 7 s of ingest


@pytest.fixture(scope="module")
def many_reviews(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("many")
    for i in range(COPIES):
        for path in review_files():
            shutil.copy(path, folder / f"{path.stem}-{i}{path.suffix}")
    return folder


@pytest.fixture(scope="module")
def changed_reviews(tmp_path_factory) -> Path:
    """The same reviews under the same names (so the same review graphs), each with a new paragraph."""
    folder = tmp_path_factory.mktemp("changed")
    for i in range(COPIES):
        for path in review_files():
            text = path.read_text(encoding="utf-8") + "\n\nRead again, and seen again, a year later.\n"
            (folder / f"{path.stem}-{i}{path.suffix}").write_text(text, encoding="utf-8")
    return folder


def clean_ingest(folder: Path, location: Path) -> dict[str, set[str]]:
    """Each review graph of a clean ingest of the folder (as `atlas ingest` does it: the shipped
    curation file, one batch into an empty store), the store left closed at `location`."""
    store = Store(location)
    report = ingest(store, [folder], curation=curation.load(None))
    assert not report.failed
    graphs = {g.value: graph_quads(store, g) for g in store.named_graphs()}
    del store
    gc.collect()
    return graphs


@pytest.fixture(scope="module")
def clean(many_reviews, tmp_path_factory) -> tuple[Path, dict[str, set[str]]]:
    location = tmp_path_factory.mktemp("clean") / "store"
    return location, clean_ingest(many_reviews, location)


def count(location: Path, query: str) -> int:
    """A COUNT query's answer in the store as a reader sees it now (0 while it cannot be opened)."""
    try:
        return int(next(iter(Store(location, read_only=True).query(query)))["n"].value)
    except StoreError:
        return 0


def kill_half_way(folder: Path, location: Path, written: str, target: int) -> None:
    """`atlas ingest FOLDER` killed with SIGKILL once the COUNT query `written` reaches `target`."""
    env = {k: v for k, v in os.environ.items() if k != "ATLAS_STORE"}
    process = subprocess.Popen([sys.executable, "-m", "graph", "ingest", str(folder), "--store", str(location)],
                               cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while count(location, written) < target and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert process.poll() is None, "the ingest finished before it could be killed: give it more reviews"
        process.send_signal(signal.SIGKILL)
    finally:
        process.kill()
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    validated = atlas("validate", "--store", str(location))
    assert validated.returncode == 0 and "conforms" in validated.stdout, validated.stdout + validated.stderr


def default_is_union(store: Store) -> bool:
    default = {f"{r['s']} {r['p']} {r['o']}" for r in store.query("SELECT * WHERE { ?s ?p ?o }")}
    union = {f"{r['s']} {r['p']} {r['o']}" for r in store.query("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }")}
    return default == union


GRAPHS = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def test_sigkill_half_way_leaves_each_review_absent_or_whole(many_reviews, clean, tmp_path):
    _, graphs = clean
    location = tmp_path / "store"
    kill_half_way(many_reviews, location, GRAPHS, len(graphs) // 3)

    store = Store(location)  # read-write: the writer's lock went with the process
    present = {g.value for g in store.named_graphs()}
    assert 0 < len(present) < len(graphs), len(present)
    for graph in present:
        assert graph_quads(store, NamedNode(graph)) == graphs[graph], graph
    assert default_is_union(store)

    report = ingest(store, [many_reviews], curation=curation.load(None))  # the next run completes it
    assert not report.failed and len(report.unchanged) == len(present)
    assert {g.value for g in store.named_graphs()} == set(graphs)
    assert default_is_union(store)


def test_sigkill_while_replacing_leaves_each_review_old_or_new(clean, changed_reviews, tmp_path):
    old_location, old = clean
    new = clean_ingest(changed_reviews, tmp_path / "clean-new")
    location = Path(shutil.copytree(old_location, tmp_path / "store"))
    replaced = ("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?g <https://w3id.org/adaptation-atlas/ontology#sourceFile> ?f "
                f"FILTER(STRSTARTS(?f, {str(changed_reviews.resolve())!r})) }} }}")
    kill_half_way(changed_reviews, location, replaced, len(old) // 3)

    store = Store(location)
    assert {g.value for g in store.named_graphs()} == set(old)
    versions = {"old": 0, "new": 0}
    for graph in old:
        content = graph_quads(store, NamedNode(graph))
        assert content in (old[graph], new[graph]), graph
        versions["old" if content == old[graph] else "new"] += 1
    assert versions["old"] and versions["new"], versions
    assert default_is_union(store)


# --- ingest while the server runs -------------------------------------------------

def get(url: str) -> int:
    return load_bench.get(url)[0]


@pytest.fixture
def served(built_store, tmp_path):
    """`atlas serve` on a copy of the built store, as a process of its own: (base URL, store, process)."""
    location = Path(shutil.copytree(built_store, tmp_path / "store"))
    base, process = load_bench.serve(location, tmp_path / "serve.log")
    yield base, location, process
    process.terminate()
    process.wait(timeout=30)


def test_ingest_while_serving(served, tmp_path):
    base, location, server = served
    new = tmp_path / "new"
    new.mkdir()
    # A review of another book, and a changed version of one already served.
    text = (REVIEWS / "the-beach.txt").read_text(encoding="utf-8")
    (new / "the-beach.txt").write_text(text.replace("Tilda Swinton", "Tilda Swintonova"), encoding="utf-8")
    (new / "beach-again.txt").write_text(text, encoding="utf-8")
    pages = ["/", "/id/person/alex-garland", "/id/review/the-beach", "/api/search?q=garl",
             "/search?q=swinton", "/sparql?query=ASK%7B%7D&format=json"]
    statuses: list[int] = []
    stop = threading.Event()

    def browse() -> None:
        while not stop.is_set():
            for page in pages:
                try:
                    statuses.append((page, get(base + page)))
                except OSError as err:  # a refused or dropped connection: the server fell over
                    statuses.append((page, repr(err)))

    readers = [threading.Thread(target=browse) for _ in range(3)]
    for reader in readers:
        reader.start()
    try:
        time.sleep(0.5)
        assert get(base + "/id/review/beach-again") == 404
        result = atlas("ingest", str(new), "--store", str(location))
        assert result.returncode == 0, result.stderr
        assert "1 added, 1 replaced" in result.stdout
        deadline = time.monotonic() + 10
        while get(base + "/id/review/beach-again") != 200:  # picked up within the reload interval
            assert time.monotonic() < deadline, "the server never served the new review"
            time.sleep(0.2)
        time.sleep(1)
    finally:
        stop.set()
        for reader in readers:
            reader.join(timeout=60)
    assert server.poll() is None
    errors = [(page, status) for page, status in statuses if status != 200]
    assert statuses and not errors, (errors[:5], (location.parent / "serve.log").read_text()[-3000:])
    assert get(base + "/id/person/tilda-swintonova") == 200
    assert "Tilda Swintonova" in load_bench.get(base + "/api/search?q=swintonova")[1].decode()
