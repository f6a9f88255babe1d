"""The graph in real engines (`oxigraph serve`, Virtuoso 7), through the `atlas` command line and
the remote backends: the same answers as the embedded store, and clear failures.

(Every test that reads `ro_store` also runs against both engines: see conftest.py.)
"""
from __future__ import annotations

import json
import socket
import threading
import time
import urllib.request
from contextlib import contextmanager
from typing import Iterator
from urllib.parse import urlsplit

import pyoxigraph
import pytest
import rdflib
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat

from conftest import ATLAS, ENGINE_KINDS, ID, REPO, REVIEWS, atlas, review_files
from engines import require_virtuoso, running
from graph import queries
from graph.store import Store, StoreError, open_store
from test_cli import one_line_error

SEVERAL_ROLES = "ontology/queries/people-with-several-roles.rq"


# Each engine's own query, update and Graph Store Protocol URLs, under its base URL.
URLS = {"oxigraph": ("query", "update", "store"), "virtuoso": ("sparql", "sparql", "sparql-graph-crud")}


@pytest.fixture(scope="module", params=ENGINE_KINDS)
def fresh_engine(request, tmp_path_factory):
    """An empty engine that the tests in this module write through the command line."""
    with running(request.param, tmp_path_factory.mktemp("fresh") / "data") as engine:
        yield engine


@pytest.fixture(scope="module")
def cli_ingested(fresh_engine):
    result = atlas("ingest", str(REVIEWS), *fresh_engine.args)
    assert result.returncode == 0, result.stderr
    assert f"{len(review_files())} added, 0 replaced, 0 unchanged" in result.stdout
    return fresh_engine


def test_cli_ingest_gives_the_embedded_graph(cli_ingested, built):
    result = atlas("stats", *cli_ingested.args)
    assert result.returncode == 0, result.stderr
    stats = dict(line.split() for line in result.stdout.splitlines())
    assert {k: int(v) for k, v in stats.items()} == built.counts


def test_unchanged_reingest_reads_nothing(cli_ingested):
    result = atlas("ingest", str(REVIEWS), *cli_ingested.args)
    assert result.returncode == 0, result.stderr
    assert f"0 added, 0 replaced, {len(review_files())} unchanged" in result.stdout


def test_cli_query_answers_as_on_the_embedded_store(cli_ingested, built_store):
    answers = []
    for where in (cli_ingested.args, ["--store", str(built_store)]):
        result = atlas("query", SEVERAL_ROLES, "--format", "json", *where)
        assert result.returncode == 0, result.stderr
        rows = json.loads(result.stdout)["results"]["bindings"]
        answers.append(sorted(json.dumps(row, sort_keys=True) for row in rows))
    assert answers[0] == answers[1] and any("alex-garland" in row for row in answers[0])


@pytest.mark.parametrize("fmt", ["nquads", "turtle"])
def test_cli_export_equals_the_embedded_export(cli_ingested, built_store, tmp_path, fmt):
    graphs = []
    for name, where in (("engine", cli_ingested.args), ("embedded", ["--store", str(built_store)])):
        out = tmp_path / f"{name}.{fmt}"
        result = atlas("export", "--format", fmt, "--out", str(out), *where)
        assert result.returncode == 0, result.stderr
        read = rdflib.Dataset() if fmt == "nquads" else rdflib.Graph()
        read.parse(out, format=fmt)
        graphs.append(set(read.quads()) if fmt == "nquads" else set(read))
    assert graphs[0] == graphs[1] and len(graphs[0]) > 1000


def test_cli_validate_on_the_engine(cli_ingested):
    result = atlas("validate", *cli_ingested.args)
    assert result.returncode == 0, result.stdout + result.stderr


def test_engine_urls_are_configurable(cli_ingested):
    """An engine whose URLs are not the defaults (Fuseki: /ds/query, /ds/update, /ds/data): each
    URL given absolute, the store's own URL then only names it."""
    base = cli_ingested.url
    query, update, graph_store = URLS[cli_ingested.kind]
    urls = ["--query-url", f"{base}/{query}", "--update-url", f"{base}/{update}",
            "--graph-store-url", f"{base}/{graph_store}"]
    result = atlas("stats", *cli_ingested.options, "--store", f"{base}/dataset", *urls)
    assert result.returncode == 0, result.stderr
    wrong = atlas("stats", *cli_ingested.args, "--query-url", "no-such-path")
    one_line_error(wrong, f"{base}/no-such-path")


def test_an_engine_that_is_not_there_is_one_line(tmp_path):
    from engines import free_port

    url = f"http://127.0.0.1:{free_port()}"
    for args in (("stats",), ("ingest", str(REVIEWS / "the-beach.txt"))):
        one_line_error(atlas(*args, "--store", url), url)


def test_engine_options_with_a_folder_are_refused(tmp_path):
    one_line_error(atlas("stats", "--store", str(tmp_path), "--query-url", "http://x/query"), "query_url")


def test_read_only_opening_refuses_writes(cli_ingested):
    store = cli_ingested.open(read_only=True)
    with pytest.raises(StoreError, match="read-only"):
        store.drop_graph(NamedNode(ID + "review/the-beach"))
    assert NamedNode(ID + "review/the-beach") in store.named_graphs()


@contextmanager
def cutting_proxy(target: str, cut_after: int) -> Iterator[str]:
    """A TCP proxy to `target` that passes on the first `cut_after` bytes of each request, then
    drops both connections: a request cut off on the wire. Its base URL."""
    upstream = urlsplit(target)
    listener = socket.create_server(("127.0.0.1", 0))

    def serve():
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            with client, socket.create_connection((upstream.hostname, upstream.port)) as server:
                sent = 0
                while sent < cut_after and (data := client.recv(min(65536, cut_after - sent))):
                    server.sendall(data)
                    sent += len(data)

    threading.Thread(target=serve, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        listener.close()


def test_a_replacement_cut_off_on_the_wire_leaves_no_half_graph(fresh_engine):
    """A write the engine never got whole leaves no half of the new content in the graph or the
    default graph. The Oxigraph server gets a graph's replacement as one update, so the old content
    stays as it was. Virtuoso gets it through the Graph Store Protocol (graph/virtuoso.py): the
    old content is gone, and so is the graph's content hash, so the next ingest writes it again."""
    graph = NamedNode(ID + "review/cut-off")
    label = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")

    def content(n: int, word: str) -> list[Quad]:
        return [Quad(graph, NamedNode(ATLAS + "contentHash"), Literal(word), graph),
                *(Quad(NamedNode(f"{ID}work/cut-{i}"), label, Literal(f"{word} {i}"), graph) for i in range(n))]

    store = fresh_engine.open()
    store.replace_graph(graph, content(10, "old"))
    with cutting_proxy(fresh_engine.url, cut_after=20_000) as proxy:
        # The proxy passes nothing back: only the URL that takes the content goes through it.
        cut_url = ({"update_url": f"{proxy}/update"} if fresh_engine.kind == "oxigraph"
                   else {"graph_store_url": f"{proxy}/sparql-graph-crud"})
        cut = open_store(fresh_engine.url, **cut_url, engine="virtuoso" if fresh_engine.kind == "virtuoso" else None)
        with pytest.raises(StoreError):
            cut.replace_graph(graph, content(5_000, "new"))
    found = queries.rows(store, "SELECT ?g ?l WHERE { GRAPH ?g { ?s ?p ?l } }", g=graph)
    in_default = queries.rows(store, f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s {label} ?l FILTER STRSTARTS(?l, 'new') }}")
    assert in_default == [{"n": 0}]
    if fresh_engine.kind == "oxigraph":
        assert sorted(r["l"] for r in found) == sorted(["old", *(f"old {i}" for i in range(10))])
    else:
        assert not [r for r in found if r["l"] in ("old", "new")] and graph.value not in queries.review_sources(store)
    store.drop_graph(graph)


def test_bindings_are_values_not_query_text(cli_ingested):
    """A user's text bound to a variable is a literal, whatever it holds: never SPARQL."""
    store = cli_ingested.open()
    sneaky = Literal('x" } } ; DROP ALL ; SELECT * WHERE { ?a ?b "')
    rows = queries.rows(store, "SELECT ?q WHERE { BIND(STRLEN(?q) AS ?n) }", q=sneaky)
    assert rows == [{"q": sneaky.value}]
    assert queries.counts(store)["Review"] == len(review_files())


def test_explorer_on_the_engine_serves_a_new_review(tmp_path, fresh_engine):
    """The explorer over an engine shows a review ingested after it started (it asks the engine
    for its version once a second), as it does for the embedded store."""
    from webapp import create_app
    from webapp.server import serving

    atlas("ingest", str(REVIEWS), *fresh_engine.args)
    with serving(create_app(fresh_engine.open(read_only=True))) as base:
        review = tmp_path / "late-review.txt"
        review.write_text("Late Review: The Road\n\nCormac McCarthy wrote the novel The Road. "
                          "John Hillcoat directed the film The Road (2009).\n", encoding="utf-8")
        result = atlas("ingest", str(review), *fresh_engine.args)
        assert result.returncode == 0, result.stderr
        deadline = time.monotonic() + 15
        while True:
            with urllib.request.urlopen(f"{base}/search?q=Hillcoat", timeout=10) as response:
                if "John Hillcoat" in response.read().decode():
                    break
            assert time.monotonic() < deadline, "the new review never showed"
            time.sleep(0.3)
    fresh_engine.open().drop_graph(NamedNode(ID + "review/late-review"))


def test_embedded_and_engine_stores_share_one_interface(built_store, engine):
    for store in (Store(built_store, read_only=True), engine.open(read_only=True)):
        assert queries.counts(store)["Review"] == len(review_files())
        assert store.version() is not None


def test_sparql_endpoint_over_the_engine(engine, built_store):
    """/sparql of an explorer over the engine answers as the one over the embedded store, through
    a real SPARQL client."""
    from SPARQLWrapper import JSON, SPARQLWrapper

    from webapp import create_app
    from webapp.server import serving

    query = (REPO / SEVERAL_ROLES).read_text(encoding="utf-8")
    answers = []
    for store in (engine.open(read_only=True), Store(built_store, read_only=True)):
        with serving(create_app(store)) as url:
            client = SPARQLWrapper(f"{url}/sparql")
            client.setQuery(query)
            client.setReturnFormat(JSON)
            rows = client.queryAndConvert()["results"]["bindings"]
            answers.append(sorted(json.dumps(row, sort_keys=True) for row in rows))
    assert answers[0] == answers[1] and answers[0]


def test_engine_query_past_its_time_is_a_timeout(engine):
    from graph.endpoint import EngineQueryService, Query, QueryTimeout

    service = EngineQueryService(engine.open(read_only=True), timeout=0.3)
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    with pytest.raises(QueryTimeout, match="0.3 s"):
        service.run(Query(slow))
    assert service.run(Query("ASK WHERE { ?s ?p ?o }")).body  # the service goes on


def test_engine_answer_past_the_size_limit_is_refused(engine):
    from graph.endpoint import EngineQueryService, Query, ResultTooLarge

    service = EngineQueryService(engine.open(read_only=True), max_result_bytes=10_000)
    with pytest.raises(ResultTooLarge, match="LIMIT"):
        service.run(Query("SELECT * WHERE { ?s ?p ?o }"))
    assert service.run(Query("SELECT * WHERE { ?s ?p ?o } LIMIT 3")).body


def test_a_url_of_no_known_scheme_is_refused_not_made_a_folder(tmp_path):
    result = atlas("ingest", str(REVIEWS / "the-beach.txt"), "--store", "ftp://example.org/atlas", cwd=tmp_path)
    one_line_error(result, "ftp://")
    assert not any(tmp_path.iterdir())


def test_a_graph_of_over_10_mb_is_written_whole(fresh_engine):
    """A graph of some 11 MB of N-Triples goes in whole, in its named graph and in the default
    graph, and out again when dropped. (Virtuoso refuses an update over 10 MB, or one INSERT DATA of
    over some 1,000 triples: its backend writes through the Graph Store Protocol.)"""
    graph = NamedNode(ID + "review/large")
    label = NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    quads = [Quad(NamedNode(f"{ID}work/large-{i}"), label, Literal(f"{'a long title ' * 5}\"{i}\" ü"), graph)
             for i in range(65_000)]
    assert len(pyoxigraph.serialize([q.triple for q in quads], format=RdfFormat.N_TRIPLES)) > 10 * 2**20
    store = fresh_engine.open()
    store.replace_graph(graph, quads)
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER STRSTARTS(STR(?s), ?prefix) }"
    in_graph = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}"
    prefix = Literal(f"{ID}work/large-")
    assert queries.rows(store, in_graph) == queries.rows(store, count, prefix=prefix) == [{"n": 65_000}]
    last = queries.rows(store, f"SELECT ?o WHERE {{ <{ID}work/large-64999> {label} ?o }}")
    assert last == [{"o": quads[-1].object.value}]
    store.drop_graph(graph)
    assert queries.rows(store, count, prefix=prefix) == [{"n": 0}]


def test_an_answer_virtuoso_cuts_short_is_an_error_not_rows(tmp_path):
    """Past its ResultSetMaxRows, Virtuoso sends the first rows with a 200 (and a header). An answer
    of exactly that many rows has the header too, and fails as well: they cannot be told apart."""
    from graph.virtuoso_server import virtuoso

    require_virtuoso()
    with virtuoso(tmp_path / "virtuoso", max_rows=100) as started:
        store = open_store(started.url, engine="virtuoso")
        graph = NamedNode(ID + "review/many")
        store.replace_graph(graph, [Quad(NamedNode(f"{ID}work/many-{i}"), NamedNode(ATLAS + "year"), Literal(i), graph)
                                    for i in range(150)])
        assert len(list(store.query("SELECT * WHERE { ?s ?p ?o } LIMIT 99"))) == 99
        with pytest.raises(StoreError, match="cut its answer at 100 rows"):
            store.query("SELECT * WHERE { ?s ?p ?o }")
