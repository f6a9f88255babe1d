"""The embedded Oxigraph store on disk: persistence, incremental re-ingest, atomic graph replacement."""
from __future__ import annotations

import gc
import hashlib
import shutil
import threading
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, Quad, Triple

from conftest import ATLAS, ID, REVIEWS, review_files
from graph import queries
from graph.curation import load as load_curation
from graph.ingest import ingest
from graph.rdf import builder_hash
from graph.read import read_review
from graph.resolve import review_iri
from graph.store import Store, StoreError

CURATION = load_curation(None)  # the built store was made with data/curation.yaml, as `atlas ingest` does


def quads(store: Store, graph: NamedNode | None = None) -> set[str]:
    """A graph's (or every named graph's) content as a set of N-Quads lines."""
    where = f"GRAPH {graph} {{ ?s ?p ?o }} BIND({graph} AS ?g)" if graph else "GRAPH ?g { ?s ?p ?o }"
    return {f"{r['s']} {r['p']} {r['o']} {r['g']}" for r in store.query(f"SELECT * WHERE {{ {where} }}")}


def quad_count(store: Store) -> int:
    return queries.counts(store)["triples"]


@pytest.fixture
def store_copy(built_store, tmp_path) -> Path:
    """A private copy of the built (closed) store, free to open read-write."""
    return Path(shutil.copytree(built_store, tmp_path / "store"))


@pytest.fixture
def reviews_copy(tmp_path) -> Path:
    folder = tmp_path / "reviews"
    folder.mkdir()
    for path in review_files():
        shutil.copy(path, folder / path.name)
    return folder


def test_ingest_reports_every_review_added(built):
    names = {read_review(p).id for p in review_files()}
    assert set(built.report.added) == names
    assert not built.report.replaced and not built.report.unchanged and not built.report.failed
    assert built.counts["Review"] == len(names) >= 9
    assert built.counts["Work"] > 0 and built.counts["Person"] > 0 and built.counts["Evidence"] > 0


def test_one_named_graph_per_review(ro_store):
    graphs = {g.value for g in ro_store.named_graphs()}
    assert graphs == {review_iri(read_review(p).id).value for p in review_files()}


def test_reopen_read_only_and_read_write_sees_the_same_graph(built, store_copy):
    ro = Store(store_copy, read_only=True)
    assert queries.counts(ro) == built.counts
    before = quads(ro)
    del ro
    gc.collect()
    rw = Store(store_copy)
    assert queries.counts(rw) == built.counts
    assert quads(rw) == before
    del rw
    gc.collect()
    again = Store(store_copy)  # the lock was released when the last reference went
    assert quad_count(again) == built.counts["triples"]


def test_two_writers_on_one_folder_fail_with_one_line(store_copy):
    first = Store(store_copy)
    with pytest.raises(StoreError) as err:
        Store(store_copy)
    assert "\n" not in str(err.value) and str(store_copy) in str(err.value)
    del first


def test_read_only_open_of_a_missing_store_fails_cleanly(tmp_path):
    with pytest.raises(StoreError, match="no store at"):
        Store(tmp_path / "nothing-here", read_only=True)


def test_reingesting_unchanged_files_changes_nothing(built, store_copy):
    store = Store(store_copy)
    before = quads(store)
    report = ingest(store, [REVIEWS], curation=CURATION)
    assert sorted(report.unchanged) == sorted(built.report.added)
    assert not report.added and not report.replaced and not report.failed
    assert quad_count(store) == built.counts["triples"]
    assert quads(store) == before


def _swap_director(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    old = "The Beach directed by Danny Boyle (2000)"
    assert old in text
    path.write_text(text.replace(old, "The Beach directed by Kathryn Bigelow (2000)"), encoding="utf-8")


def test_modified_review_replaces_its_graph(built, store_copy, reviews_copy):
    store = Store(store_copy)
    graph = review_iri("the-beach")
    film = NamedNode(ID + "work/the-beach--film")
    director = NamedNode(ATLAS + "director")
    old_fact = Quad(film, director, NamedNode(ID + "person/danny-boyle"), graph)
    new_fact = Quad(film, director, NamedNode(ID + "person/kathryn-bigelow"), graph)
    assert list(store._store.quads_for_pattern(*old_fact)), "the sample review should credit Danny Boyle"

    path = reviews_copy / "the-beach.txt"
    _swap_director(path)
    report = ingest(store, [reviews_copy], curation=CURATION)
    assert report.replaced == ["the-beach"]
    assert len(report.unchanged) == len(built.report.added) - 1 and not report.added and not report.failed

    assert not list(store._store.quads_for_pattern(*old_fact)), "the old credit survived the replacement"
    assert list(store._store.quads_for_pattern(*new_fact)), "the new credit is missing"
    assert queries.counts(store)["Review"] == built.counts["Review"]

    # The graph now holds exactly what the new file yields: nothing of the old version, nothing twice.
    review = read_review(path)
    sources = queries.review_sources(store)
    assert sources[graph.value][0] == hashlib.sha256(path.read_bytes()).hexdigest() == review.sha256
    content = list(store._store.quads_for_pattern(None, None, None, graph))
    assert len(content) == len(set(content))
    rows = queries.rows(store, f"SELECT ?h WHERE {{ GRAPH {graph} {{ {graph} <{ATLAS}contentHash> ?h }} }}")
    assert [r["h"] for r in rows] == [review.sha256]
    fresh = Store(store_copy.parent / "fresh")
    ingest(fresh, [path], curation=CURATION)
    assert quads(store, graph) == quads(fresh, graph)


def test_corrected_year_is_not_a_remake(tmp_path):
    """Re-ingesting a review whose year was corrected keeps the work's IRI (not a '--1997' remake)."""
    path = tmp_path / "the-beach.txt"
    path.write_text(
        "The Beach Book vs Movie Review\n\nThe Beach by Alex Garland (1996)\n\n"
        "The Beach directed by Danny Boyle (2000)\n\n"
        "Alex Garland wrote The Beach (novel, 1996) in Thailand, and The Beach (film, 2000) followed.\n",
        encoding="utf-8")
    store = Store(tmp_path / "store")
    ingest(store, [path])
    book = ID + "work/the-beach--page"
    year_query = f"SELECT ?y WHERE {{ <{book}> <{ATLAS}year> ?y }}"
    assert [r["y"] for r in queries.rows(store, year_query)] == [1996]

    path.write_text(path.read_text(encoding="utf-8").replace("1996", "1997"), encoding="utf-8")
    assert ingest(store, [path]).replaced == ["the-beach"]
    works = {r["w"] for r in queries.rows(store, f"SELECT DISTINCT ?w WHERE {{ ?w a <{ATLAS}Work> }}")}
    assert book in works and book + "--1997" not in works
    assert [r["y"] for r in queries.rows(store, year_query)] == [1997]


def test_replace_graph_leaves_other_graphs_alone(tmp_path):
    store = Store(tmp_path / "store")
    p = NamedNode("http://example.org/p")
    g1, g2 = NamedNode("http://example.org/g1"), NamedNode("http://example.org/g2")
    store.replace_graph(g1, [Quad(NamedNode("http://example.org/a"), p, Literal("one"), g1)])
    store.replace_graph(g2, [Quad(NamedNode("http://example.org/a"), p, Literal("two"), g2)])
    store.replace_graph(g1, [Quad(NamedNode("http://example.org/b"), p, Literal('new "quoted"\nline'), g1)])
    assert quads(store, g2) == {f'<http://example.org/a> {p} "two" {g2}'}
    assert [q.object.value for q in store._store.quads_for_pattern(None, None, None, g1)] == ['new "quoted"\nline']
    store.replace_graph(g1, [])
    assert quads(store, g1) == set() and len(quads(store, g2)) == 1


def test_failed_replace_graph_keeps_the_old_content(tmp_path):
    """A replacement that fails part way leaves the graph as it was: no half-dropped graph."""
    store = Store(tmp_path / "store")
    g = NamedNode("http://example.org/g")
    s, p = NamedNode("http://example.org/s"), NamedNode("http://example.org/p")
    old = [Quad(s, p, Literal(str(i)), g) for i in range(5)]
    store.replace_graph(g, old)
    before = quads(store, g)
    # A triple term cannot be written this way: the single update fails after the valid quads.
    bad = [Quad(s, p, Literal("new"), g), Quad(s, p, Triple(s, p, s), g)]
    with pytest.raises(Exception):
        store.replace_graph(g, bad)
    assert quads(store, g) == before


def test_readers_see_all_old_or_all_new(tmp_path):
    """While one thread replaces a graph back and forth, readers never see a mix or an empty graph."""
    store = Store(tmp_path / "store")
    g = NamedNode("http://example.org/g")
    p = NamedNode("http://example.org/p")
    versions = {
        "a": [Quad(NamedNode(f"http://example.org/a{i}"), p, Literal("a"), g) for i in range(300)],
        "b": [Quad(NamedNode(f"http://example.org/b{i}"), p, Literal("b"), g) for i in range(500)],
    }
    store.replace_graph(g, versions["a"])
    query = f"SELECT ?o (COUNT(*) AS ?n) WHERE {{ GRAPH {g} {{ ?s ?p ?o }} }} GROUP BY ?o"
    seen: list[dict] = []
    stop = threading.Event()

    def read() -> None:
        while not stop.is_set():
            seen.append({r["o"]: r["n"] for r in queries.rows(store, query)})

    readers = [threading.Thread(target=read) for _ in range(2)]
    for t in readers:
        t.start()
    try:
        for i in range(40):
            store.replace_graph(g, versions["ab"[i % 2]])
    finally:
        stop.set()
        for t in readers:
            t.join(timeout=30)
    assert seen
    bad = [s for s in seen if s not in ({"a": 300}, {"b": 500})]
    assert not bad, bad[:3]


def default_graph(store: Store) -> set[str]:
    return {f"{r['s']} {r['p']} {r['o']}" for r in store.query("SELECT * WHERE { ?s ?p ?o }")}


def union_of_named_graphs(store: Store) -> set[str]:
    return {f"{r['s']} {r['p']} {r['o']}" for r in store.query("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }")}


def test_default_graph_is_the_union_of_review_graphs(store_copy, reviews_copy):
    store = Store(store_copy)
    assert default_graph(store) == union_of_named_graphs(store)
    # A person named in several reviews is stated in several graphs, yet answers once.
    rows = queries.rows(store, f"SELECT ?label WHERE {{ <{ID}person/alex-garland> <http://www.w3.org/2000/01/rdf-schema#label> ?label }}")
    assert rows == [{"label": "Alex Garland"}]

    # Replacing one review keeps the invariant, and keeps what other reviews still state.
    path = reviews_copy / "the-beach.txt"
    path.write_text(path.read_text(encoding="utf-8").replace("Tilda Swinton", "Tilda Swintonn"), encoding="utf-8")
    ingest(store, [reviews_copy], curation=CURATION)
    assert default_graph(store) == union_of_named_graphs(store)
    assert rows == queries.rows(store, f"SELECT ?label WHERE {{ <{ID}person/alex-garland> <http://www.w3.org/2000/01/rdf-schema#label> ?label }}")

    # Dropping a review removes only what no other review states.
    store.drop_graph(review_iri("the-beach"))
    assert default_graph(store) == union_of_named_graphs(store)
    assert not queries.rows(store, f"SELECT * WHERE {{ <{ID}person/tilda-swintonn> ?p ?o }}")
    assert queries.rows(store, f"SELECT * WHERE {{ <{ID}person/alex-garland> ?p ?o }}")


def test_a_review_made_by_another_version_of_the_code_is_read_again(tmp_path, monkeypatch):
    store = Store(tmp_path / "store")
    paths = [REVIEWS / "the-beach.txt", REVIEWS / "atonement.txt"]
    assert len(ingest(store, paths).added) == 2
    sources = queries.review_sources(store)
    assert {s.builder for s in sources.values()} == {builder_hash()}
    assert len(ingest(store, paths).unchanged) == 2
    # As after an upgrade: the stored graphs were made by other code.
    monkeypatch.setattr("graph.ingest.builder_hash", lambda: "0" * 64)
    again = ingest(store, paths)
    assert len(again.replaced) == 2 and not again.unchanged
    assert {s.builder for s in queries.review_sources(store).values()} == {builder_hash()}
