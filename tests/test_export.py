"""Exports: graph.export, `atlas export` and the /export downloads, every format read back by real
parsers (rdflib, pyoxigraph, pyld, networkx) and compared with the store or the network projection."""
from __future__ import annotations

import csv
import gc
import io
import json
import re
import shutil
import subprocess
import sys
import zipfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import networkx as nx
import pyoxigraph
import pytest
import pyvis
import rdflib
from click.testing import CliRunner
from pyoxigraph import BlankNode, Literal, NamedNode, Quad, RdfFormat
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from conftest import ARTIFACTS, ID, REPO, atlas
from graph import export, network, queries
from graph.store import Store
from graph.vocab import ATLAS, RDF, RDFS, XSD_NS

GARLAND = ID + "person/alex-garland"
RDF_FORMATS = [name for name, f in export.FORMATS.items() if f.rdf]
NETWORK_FORMATS = [name for name, f in export.FORMATS.items() if not f.rdf]
DATASET_FORMATS = {"nquads", "trig", "jsonld"}  # the review graphs, named
RDFLIB_NAMES = {"turtle": "turtle", "ntriples": "nt", "nquads": "nquads", "trig": "trig",
                "jsonld": "json-ld", "rdfxml": "xml"}
OXIGRAPH_FORMATS = {"turtle": RdfFormat.TURTLE, "ntriples": RdfFormat.N_TRIPLES, "nquads": RdfFormat.N_QUADS,
                    "trig": RdfFormat.TRIG, "jsonld": RdfFormat.JSON_LD, "rdfxml": RdfFormat.RDF_XML}
DEFAULT = rdflib.URIRef("urn:test:default-graph")  # the default graph, whatever a parser calls it
VIS_NETWORK = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2" / "vis-network.min.js"
CHROMIUM = Path("/usr/bin/chromium")
# Chromium's own look-ups (updates, accounts) go nowhere: every request seen is the page's.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
CONSTRUCT = """PREFIX atlas: <https://w3id.org/adaptation-atlas/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
CONSTRUCT { ?film atlas:adaptationOf ?book . ?film rdfs:label ?label } WHERE {
  ?film atlas:adaptationOf ?book ; rdfs:label ?label }"""


# --- RDF on both sides, as rdflib graphs ----------------------------------------------------------

def rdflib_term(term):
    """A pyoxigraph term as rdflib's; a plain string is one thing whoever wrote it."""
    if isinstance(term, NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    datatype = None if term.datatype.value == XSD_NS + "string" else rdflib.URIRef(term.datatype.value)
    return rdflib.Literal(term.value, datatype=datatype)


def plain(term):
    if isinstance(term, rdflib.Literal) and term.datatype == rdflib.XSD.string:
        return rdflib.Literal(str(term))
    return term


def triples_graph(triples) -> rdflib.Graph:
    graph = rdflib.Graph()
    for s, p, o in triples:
        graph.add((plain(s), p, plain(o)))
    return graph


def dataset_graph(quads) -> rdflib.Graph:
    """A dataset as one graph: each quad's graph name goes into its predicate, so that the
    isomorphism check still sees a blank node shared by two named graphs as one node."""
    graph = rdflib.Graph()
    for s, p, o, g in quads:
        graph.add((plain(s), rdflib.URIRef(f"urn:test:quad:{quote(str(p), safe='')}:{quote(str(g), safe='')}"),
                   plain(o)))
    return graph


def store_triples(store: Store) -> rdflib.Graph:
    return triples_graph((rdflib_term(r["s"]), rdflib_term(r["p"]), rdflib_term(r["o"]))
                         for r in store.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o }"))


def store_quads(store: Store) -> rdflib.Graph:
    return dataset_graph((rdflib_term(r["s"]), rdflib_term(r["p"]), rdflib_term(r["o"]), rdflib_term(r["g"]))
                         for r in store.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"))


def expected_rdf(store: Store, fmt: str) -> rdflib.Graph:
    return store_quads(store) if fmt in DATASET_FORMATS else store_triples(store)


def read_rdflib(fmt: str, data: bytes) -> rdflib.Graph:
    if fmt in DATASET_FORMATS:
        dataset = rdflib.Dataset()
        dataset.parse(data=data, format=RDFLIB_NAMES[fmt])
        return dataset_graph((s, p, o, DEFAULT if g == rdflib.graph.DATASET_DEFAULT_GRAPH_ID else g)
                             for s, p, o, g in dataset.quads((None, None, None, None)))
    return triples_graph(rdflib.Graph().parse(data=data, format=RDFLIB_NAMES[fmt]))


def read_oxigraph(fmt: str, data: bytes, as_triples: bool = False) -> rdflib.Graph:
    """Read by pyoxigraph; `as_triples`: a dataset's quads as the triples they state."""
    parsed = list(pyoxigraph.parse(data, OXIGRAPH_FORMATS[fmt]))
    if fmt in DATASET_FORMATS and not as_triples:
        return dataset_graph((rdflib_term(q.subject), rdflib_term(q.predicate), rdflib_term(q.object),
                              DEFAULT if isinstance(q.graph_name, pyoxigraph.DefaultGraph) else rdflib_term(q.graph_name))
                             for q in parsed)
    return triples_graph((rdflib_term(t.subject), rdflib_term(t.predicate), rdflib_term(t.object)) for t in parsed)


def read_pyld(data: bytes) -> rdflib.Graph:
    """JSON-LD expanded by pyld, then turned into quads by pyld (and read by pyoxigraph)."""
    from pyld import jsonld

    def no_fetch(url, options=None):
        raise AssertionError(f"the JSON-LD export made pyld fetch {url}")

    options = {"documentLoader": no_fetch}
    expanded = jsonld.expand(json.loads(data), options)
    nquads = jsonld.to_rdf(expanded, {**options, "format": "application/n-quads"})
    return read_oxigraph("nquads", nquads.encode("utf-8"))


def assert_same(expected: rdflib.Graph, got: rdflib.Graph, what: str) -> None:
    assert len(expected) > 0, f"{what}: nothing to compare"
    if not isomorphic(expected, got):
        _, missing, extra = graph_diff(to_isomorphic(expected), to_isomorphic(got))
        pytest.fail(f"{what}: {len(missing)} triples missing, e.g. {sorted(missing)[:2]}; "
                    f"{len(extra)} extra, e.g. {sorted(extra)[:2]}")


def exported(store: Store, fmt: str, **scope) -> bytes:
    out = io.BytesIO()
    export.prepare(store, fmt, **scope).write(out)
    return out.getvalue()


# --- networks on both sides, as networkx graphs shaped like graph.network's ----------------------

def rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


RELATIONS = {label: relation for relation, label in network.RELATION_LABELS.items()}


def read_network(fmt: str, data: bytes) -> nx.MultiDiGraph:
    """A network export read back with networkx (or, for HTML, from the page's vis.DataSets)
    and reduced to what graph.network.project gives: node label, kind, colour, year, verdict side,
    difference kind and spoiler flag; edge relation, label."""
    if fmt == "graphml":
        graph = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
        for _, node in graph.nodes(data=True):  # Gephi's colour channels say the same as the colour
            assert (node.pop("r"), node.pop("g"), node.pop("b")) == rgb(node["colour"])
    elif fmt == "gexf":
        graph = nx.read_gexf(io.BytesIO(data))
        for _, node in graph.nodes(data=True):
            colour = node.pop("viz")["color"]
            assert (colour["r"], colour["g"], colour["b"]) == rgb(node["colour"])
        for _, _, edge in graph.edges(data=True):
            del edge["id"]  # GEXF's own edge numbering
    elif fmt == "cytoscape":
        document = json.loads(data)
        assert any(rule["selector"] == "node" and rule["style"]["background-color"] == "data(colour)"
                   for rule in document["style"])
        graph = nx.cytoscape_graph(document)
        for _, node in graph.nodes(data=True):
            for key in ("id", "value", "name"):  # Cytoscape's element identity, not the projection's
                node.pop(key)
        for _, _, edge in graph.edges(data=True):
            for key in ("source", "target", "key"):
                edge.pop(key)
    elif fmt == "csv":
        archive = zipfile.ZipFile(io.BytesIO(data))
        assert sorted(archive.namelist()) == ["edges.csv", "nodes.csv"]
        graph = nx.MultiDiGraph()
        for row in csv.DictReader(io.TextIOWrapper(archive.open("nodes.csv"), encoding="utf-8", newline="")):
            node = row.pop("id")
            values = {key: value for key, value in row.items() if value}  # a node without the attribute
            if "year" in values:
                values["year"] = int(values["year"])
            if "spoiler" in values:
                values["spoiler"] = {"True": True, "False": False}[values["spoiler"]]
            graph.add_node(node, **values)
        for row in csv.DictReader(io.TextIOWrapper(archive.open("edges.csv"), encoding="utf-8", newline="")):
            graph.add_edge(row.pop("source"), row.pop("target"), key=row["relation"], **row)
    elif fmt == "html":
        page = data.decode("utf-8")
        nodes = json.loads(re.search(r"nodes = new vis\.DataSet\((.*?)\);\n", page).group(1))
        edges = json.loads(re.search(r"edges = new vis\.DataSet\((.*?)\);\n", page).group(1))
        graph = nx.MultiDiGraph()
        for node in nodes:
            kind = re.fullmatch(r"(.*) \((\w+)\)", node["title"]).group(2)
            graph.add_node(node["id"], label=node["label"], kind=kind, colour=node["color"])
        for edge in edges:
            relation = RELATIONS[edge["label"]]
            graph.add_edge(edge["from"], edge["to"], key=relation, relation=relation, label=edge["label"])
    else:
        raise AssertionError(fmt)
    return graph


def assert_same_network(expected: nx.MultiDiGraph, got: nx.MultiDiGraph, fmt: str) -> None:
    assert expected.number_of_nodes() > 0 and expected.number_of_edges() > 0
    # The page shows labels, kinds and colours, not years, sides or a difference's attributes.
    drop = set(network.NODE_ATTRIBUTES) - {"label", "kind", "colour"} if fmt == "html" else set()
    want = {n: {k: v for k, v in d.items() if k not in drop} for n, d in expected.nodes(data=True)}
    assert dict(got.nodes(data=True)) == want, fmt
    assert sorted(got.edges(keys=True, data=True)) == sorted(expected.edges(keys=True, data=True)), fmt


def check(fmt: str, data: bytes, store: Store, projection: nx.MultiDiGraph) -> None:
    """An export of the whole graph says what the store (RDF) or the projection (networks) says."""
    if fmt in RDF_FORMATS:
        assert_same(expected_rdf(store, fmt), read_rdflib(fmt, data), fmt)
    else:
        assert_same_network(projection, read_network(fmt, data), fmt)


# --- fixtures -----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def bnode_store(built_store, tmp_path_factory):
    """The built store plus one review graph written with blank nodes, as another tool might:
    an evidence record pointing to another blank node, a language tag, quotes and a newline."""
    location = Path(shutil.copytree(built_store, tmp_path_factory.mktemp("bnodes") / "store"))
    store = Store(location)
    graph = NamedNode(ID + "review/with-blank-nodes")
    record, note = BlankNode(), BlankNode()
    quads = [Quad(graph, RDF.type, ATLAS.Review, graph),
             Quad(graph, RDFS.label, Literal("A review with blank nodes"), graph),
             Quad(record, RDF.type, ATLAS.Evidence, graph),
             Quad(record, RDF.subject, NamedNode(GARLAND), graph),
             Quad(record, RDF.object, note, graph),
             Quad(record, ATLAS.fromReview, graph, graph),
             Quad(record, ATLAS.sentence, Literal('He said "Annihilation" \\ then\na new line, ünïcödé'), graph),
             Quad(note, RDFS.label, Literal("une note", language="fr"), graph)]
    store.replace_graph(graph, quads)
    store.flush()
    del store
    gc.collect()  # RocksDB's lock goes with the last reference
    return Store(location, read_only=True)


@pytest.fixture(scope="module")
def projection(ro_store) -> nx.MultiDiGraph:
    return network.project(ro_store)


@pytest.fixture(scope="module")
def garland(projection) -> nx.MultiDiGraph:
    return network.neighbourhood(projection, GARLAND, 1)


# --- RDF round trips ----------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", RDF_FORMATS)
def test_rdf_export_reads_back_as_the_store(bnode_store, fmt):
    data = exported(bnode_store, fmt)
    expected = expected_rdf(bnode_store, fmt)
    assert any(isinstance(term, rdflib.BNode) for triple in expected for term in triple)
    assert_same(expected, read_rdflib(fmt, data), f"{fmt} read by rdflib")
    assert_same(expected, read_oxigraph(fmt, data), f"{fmt} read by pyoxigraph")
    if fmt == "jsonld":
        assert_same(expected, read_pyld(data), "JSON-LD expanded by pyld")


def test_dataset_exports_hold_the_review_graphs_only(ro_store):
    """The default graph is the union of the review graphs: dumping it too would state each triple twice."""
    reviews = {g.value for g in ro_store.named_graphs()}
    for fmt in ("nquads", "trig"):
        quads = list(pyoxigraph.parse(exported(ro_store, fmt), OXIGRAPH_FORMATS[fmt]))
        assert {q.graph_name.value for q in quads if isinstance(q.graph_name, NamedNode)} == reviews
        assert not [q for q in quads if isinstance(q.graph_name, pyoxigraph.DefaultGraph)], fmt


def test_trig_keeps_each_fact_with_its_evidence_in_its_review_graph(ro_store):
    dataset = rdflib.Dataset()
    dataset.parse(data=exported(ro_store, "trig"), format="trig")
    records = 0
    for record, _, _, name in dataset.quads((None, rdflib.RDF.type, rdflib.URIRef(ATLAS.Evidence.value), None)):
        review = dataset.graph(name)
        fact = tuple(review.value(record, rdflib.RDF[part]) for part in ("subject", "predicate", "object"))
        assert fact in review, fact
        assert review.value(record, rdflib.URIRef(ATLAS.fromReview.value)) == name
        records += 1
    assert records == queries.counts(ro_store)["Evidence"] > 0


def test_jsonld_is_compacted_with_the_project_context(ro_store):
    from graph.vocab import CONTEXT_FILE

    document = json.loads(exported(ro_store, "jsonld"))
    assert document["@context"] == json.loads(CONTEXT_FILE.read_text())["@context"]
    review = document["@graph"][0]
    assert review["@id"].startswith("id:review/") and review["@graph"]
    keys = {key for node in review["@graph"] for key in node}
    assert {"type", "label", "sentence"} <= keys
    assert not [key for key in keys if key.startswith("http")], keys


def test_streamed_formats_go_through_store_dump(ro_store, monkeypatch):
    """N-Triples and N-Quads of the whole graph are written by Store.dump as they are read."""
    calls = []
    original = type(ro_store).dump

    def dump(self, out, fmt, **options):
        calls.append(fmt)
        original(self, out, fmt, **options)

    monkeypatch.setattr(type(ro_store), "dump", dump)
    for fmt in ("ntriples", "nquads"):
        exported(ro_store, fmt)
    assert calls == [RdfFormat.N_TRIPLES, RdfFormat.N_QUADS]


# --- network round trips ------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", NETWORK_FORMATS)
def test_network_export_reads_back_as_the_projection(ro_store, projection, fmt):
    assert_same_network(projection, read_network(fmt, exported(ro_store, fmt)), fmt)


@pytest.mark.parametrize("fmt", NETWORK_FORMATS)
def test_neighbourhood_network_export(ro_store, garland, fmt):
    data = exported(ro_store, fmt, entity=GARLAND, depth=1)
    assert_same_network(garland, read_network(fmt, data), fmt)
    assert 1 < garland.number_of_nodes() < network.project(ro_store).number_of_nodes()


def test_gephi_reads_labels_and_colours(ro_store, projection):
    """The attributes Gephi maps: GraphML label and r/g/b; GEXF label and viz:color; edge labels."""
    from xml.etree import ElementTree

    gexf = ElementTree.fromstring(exported(ro_store, "gexf"))
    ns = {"g": "http://www.gexf.net/1.2draft", "viz": "http://www.gexf.net/1.2draft/viz"}
    nodes = gexf.findall(".//g:node", ns)
    assert len(nodes) == projection.number_of_nodes()
    for node in nodes:
        colour = node.find("viz:color", ns)
        assert (int(colour.get("r")), int(colour.get("g")), int(colour.get("b"))) == \
            rgb(projection.nodes[node.get("id")]["colour"])
        assert node.get("label") == projection.nodes[node.get("id")]["label"]
    assert all(edge.get("label") for edge in gexf.findall(".//g:edge", ns))
    graphml = exported(ro_store, "graphml").decode()
    for name in ("label", "r", "g", "b"):
        assert f'for="node" attr.name="{name}"' in graphml
    assert 'for="edge" attr.name="label"' in graphml


class Resources(HTMLParser):
    """Every URL a page would load: script src, link href, img/iframe src, CSS url()."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("src", "href"):
            if attrs.get(name) and tag in ("script", "link", "img", "iframe", "source", "embed"):
                self.urls.append(attrs[name])
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)
        self.urls += re.findall(r"url\(\s*['\"]?(https?:[^)'\"]*)", data) + re.findall(r"@import\s+['\"]([^'\"]+)", data)


@pytest.mark.parametrize("entity", [None, GARLAND])
def test_html_export_loads_nothing_from_the_network(ro_store, entity):
    page = exported(ro_store, "html", entity=entity).decode("utf-8")
    resources = Resources()
    resources.feed(page)
    assert resources.urls == [], resources.urls
    assert not re.search(r"(src|href)\s*=\s*[\"']?(https?:)?//", page), "a tag still loads from the network"
    assert "cdn." not in page and "cdnjs" not in page
    library = VIS_NETWORK.read_text(encoding="utf-8")
    assert any(library.strip() in script for script in resources.scripts), "vis-network is not inlined"
    assert "<title>Adaptation Atlas" in page


@pytest.mark.browser
def test_html_export_draws_the_graph_offline_in_chromium(ro_store, garland, tmp_path):
    if not CHROMIUM.exists():
        pytest.fail("no /usr/bin/chromium: run `make chromium` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    page_file = tmp_path / "garland.html"
    export.save(export.prepare(ro_store, "html", entity=GARLAND, depth=1), page_file)
    requests, errors = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(offline=True)
            page = context.new_page()
            page.on("request", lambda r: requests.append(r.url))
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(page_file.as_uri(), wait_until="load")
            page.wait_for_function("typeof network !== 'undefined' && network.body !== undefined")
            assert page.evaluate("network.body.data.nodes.length") == garland.number_of_nodes()
            assert page.evaluate("network.body.data.edges.length") == garland.number_of_edges()
            assert page.locator("canvas").count() == 1
            ARTIFACTS.mkdir(exist_ok=True)
            page.wait_for_timeout(500)
            page.screenshot(path=str(ARTIFACTS / "export-garland.png"))
        finally:
            browser.close()
    assert [url for url in requests if not url.startswith(("file:", "data:"))] == []
    assert not errors, errors


# --- one entity's neighbourhood in RDF ----------------------------------------------------------

def test_neighbourhood_rdf_holds_its_links_and_their_evidence(ro_store, garland):
    data = exported(ro_store, "nquads", entity=GARLAND, depth=1)
    quads = {(q.subject, q.predicate, q.object, q.graph_name) for q in pyoxigraph.parse(data, RdfFormat.N_QUADS)}
    in_store = {(r["s"], r["p"], r["o"], r["g"]) for r in ro_store.query("SELECT * WHERE { GRAPH ?g { ?s ?p ?o } }")}
    assert quads and quads <= in_store
    triples = {(s, p, o) for s, p, o, _ in quads}
    nodes = {NamedNode(n) for n in garland}
    for source, target, relation in garland.edges(keys=True):  # every drawn link is there as RDF
        s, o = NamedNode(source), NamedNode(target)
        if relation == "characterRole":
            assert any((perf, ATLAS.performer, s) in triples and (perf, ATLAS.characterRole, o) in triples
                       for perf, _, _ in triples), (source, target)
        else:
            assert (s, NamedNode(network.ATLAS_NS + relation), o) in triples, (source, relation, target)
    for node in garland:  # every entity keeps its label and classes
        assert (NamedNode(node), RDFS.label, Literal(garland.nodes[node]["label"])) in triples
    evidence = {s for s, p, o in triples if p == RDF.type and o == ATLAS.Evidence}
    performances = {s for s, p, o in triples if p == RDF.type and o == ATLAS.Performance}
    assert evidence and {s for s, _, _ in triples} <= nodes | evidence | performances
    for s, p, o in triples:  # nothing points outside, but evidence to its review
        if isinstance(o, NamedNode) and p not in (RDF.type, RDF.predicate, ATLAS.fromReview):
            assert o in nodes | performances, (s, p, o)
    for record in evidence:  # each record's fact is exported, in the same review graph
        fact = [next(o for s, p, o in triples if s == record and p == part)
                for part in (RDF.subject, RDF.predicate, RDF.object)]
        assert tuple(fact) in triples
    facts = [(s, p, o) for s, p, o in triples if s in nodes and o in nodes and p != RDF.type]
    recorded = {tuple(next(o for s, p, o in triples if s == record and p == part)
                      for part in (RDF.subject, RDF.predicate, RDF.object)) for record in evidence}
    assert set(facts) <= recorded, "a link between two entities lost its evidence"


@pytest.mark.parametrize("fmt", RDF_FORMATS)
def test_neighbourhood_rdf_formats_agree(ro_store, fmt):
    nquads = exported(ro_store, "nquads", entity=GARLAND, depth=1)
    reference = read_oxigraph("nquads", nquads, as_triples=fmt not in DATASET_FORMATS)
    data = exported(ro_store, fmt, entity=GARLAND, depth=1)
    assert_same(reference, read_rdflib(fmt, data), f"{fmt} of a neighbourhood read by rdflib")
    assert_same(reference, read_oxigraph(fmt, data), f"{fmt} of a neighbourhood read by pyoxigraph")


def test_depth_zero_is_the_entity_alone(ro_store):
    graph = read_network("csv", exported(ro_store, "csv", entity=GARLAND, depth=0))
    assert list(graph) == [GARLAND] and graph.number_of_edges() == 0


# --- a query's result ---------------------------------------------------------------------------

def test_select_result_as_csv_and_json(ro_store):
    example = {e.name: e for e in queries.examples()}["adaptations"]
    expected = queries.rows(ro_store, example.text)
    assert expected
    table = list(csv.DictReader(io.StringIO(exported(ro_store, "csv", query=example.text).decode("utf-8"))))
    assert [row["adaptationLabel"] for row in table] == [row["adaptationLabel"] for row in expected]
    results = json.loads(exported(ro_store, "json", query=example.text))
    assert len(results["results"]["bindings"]) == len(expected)
    assert set(results["head"]["vars"]) == set(expected[0])


@pytest.mark.parametrize("fmt", RDF_FORMATS)
def test_construct_result_reads_back_as_the_query_result(ro_store, fmt):
    expected = triples_graph((rdflib_term(t.subject), rdflib_term(t.predicate), rdflib_term(t.object))
                             for t in ro_store.query(CONSTRUCT))
    if fmt in DATASET_FORMATS:  # a query's triples are in no review graph: the default graph
        expected = dataset_graph((s, p, o, DEFAULT) for s, p, o in expected)
    data = exported(ro_store, fmt, query=CONSTRUCT)
    assert_same(expected, read_rdflib(fmt, data), f"CONSTRUCT as {fmt}, rdflib")
    assert_same(expected, read_oxigraph(fmt, data), f"CONSTRUCT as {fmt}, pyoxigraph")


@pytest.mark.parametrize("scope, message", [
    ({"fmt": "yaml"}, "unknown format 'yaml'"),
    ({"fmt": "json"}, "json is for a SELECT query's result"),
    ({"fmt": "turtle", "entity": GARLAND, "query": CONSTRUCT}, "not both"),
    ({"fmt": "turtle", "depth": 2}, "a depth needs an entity"),
    ({"fmt": "turtle", "entity": GARLAND, "depth": -1}, "0 or more"),
    ({"fmt": "turtle", "entity": ID + "person/nobody"}, "no entity"),
    ({"fmt": "turtle", "query": "SELECT ?s WHERE { ?s ?p ?o }"}, "exports as csv or json, not turtle"),
    ({"fmt": "graphml", "query": CONSTRUCT}, "CONSTRUCT query's result exports as turtle"),
    ({"fmt": "csv", "query": "SELECT WHERE {"}, "bad SPARQL"),
])
def test_bad_requests_fail_before_writing(ro_store, scope, message):
    scope = dict(scope)
    fmt = scope.pop("fmt")
    with pytest.raises(export.ExportError, match=re.escape(message)):
        export.prepare(ro_store, fmt, **scope)


def test_save_writes_whole_or_not_at_all(tmp_path):
    def fail(out):
        out.write(b"half of it")
        raise OSError("disk full")

    target = tmp_path / "graph.ttl"
    target.write_bytes(b"the old export")
    with pytest.raises(OSError, match="disk full"):
        export.save(export.Export("text/turtle", "graph.ttl", fail), target)
    assert target.read_bytes() == b"the old export"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]
    export.save(export.Export("text/turtle", "graph.ttl", lambda out: out.write(b"new")), target)
    assert target.read_bytes() == b"new" and target.stat().st_mode & 0o777 != 0o600


# --- the command line ---------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", list(export.FORMATS))
def test_cli_exports_every_format(built_store, ro_store, projection, tmp_path, fmt):
    from graph.cli import cli

    out = tmp_path / f"graph.{export.FORMATS[fmt].suffix}"
    result = CliRunner().invoke(cli, ["export", "--format", fmt, "--out", str(out), "--store", str(built_store)])
    assert result.exit_code == 0, result.output
    check(fmt, out.read_bytes(), ro_store, projection)


def test_cli_neighbourhood_and_query_to_stdout(built_store, ro_store, garland):
    result = atlas("export", "--format", "cytoscape", "--entity", GARLAND, "--depth", "1", "--store", str(built_store))
    assert result.returncode == 0, result.stderr
    assert_same_network(garland, read_network("cytoscape", result.stdout.encode("utf-8")), "cytoscape")
    example = {e.name: e for e in queries.examples()}["adaptations"]
    result = atlas("export", "--format", "csv", "--query", "ontology/queries/adaptations.rq", "--store", str(built_store))
    assert result.returncode == 0, result.stderr
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    expected = queries.rows(ro_store, example.text)
    assert table and len(table) == len(expected) and set(table[0]) == set(expected[0])


BAD_CLI = {  # case: the arguments, and the names the one error line must give
    "unknown-format": (["--format", "yaml"], ["yaml"]),
    "select-as-turtle": (["--format", "turtle", "--query", "ontology/queries/adaptations.rq"], ["csv or json"]),
    "unknown-entity": (["--format", "turtle", "--entity", ID + "person/nobody"], ["person/nobody"]),
    "missing-query-file": (["--format", "turtle", "--query", "no-such-file.rq"], ["no-such-file.rq"]),
    "depth-alone": (["--format", "turtle", "--depth", "2"], ["depth"]),
}


@pytest.fixture(scope="module")
def bad_cli_runs(built_store, tmp_path_factory) -> dict:
    """Each bad case run once by the real command, side by side (each run starts a Python)."""
    from concurrent.futures import ThreadPoolExecutor

    def run(case: str):
        folder = tmp_path_factory.mktemp(case)
        result = atlas("export", *BAD_CLI[case][0], "--out", str(folder / "out.ttl"), "--store", str(built_store))
        return case, (result, folder)

    with ThreadPoolExecutor(max_workers=len(BAD_CLI)) as pool:
        return dict(pool.map(run, BAD_CLI))


@pytest.mark.parametrize("case", list(BAD_CLI))
def test_cli_bad_export_is_one_line_and_leaves_no_file(bad_cli_runs, case):
    from test_cli import one_line_error

    result, folder = bad_cli_runs[case]
    one_line_error(result, *BAD_CLI[case][1])
    assert list(folder.iterdir()) == []


# --- the web app --------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def client(ro_store):
    from webapp import create_app

    return create_app(ro_store).test_client()


@pytest.mark.parametrize("fmt", list(export.FORMATS))
def test_web_downloads_every_format(client, ro_store, projection, fmt):
    response = client.get(f"/export/{fmt}")
    assert response.status_code == 200
    assert response.mimetype == export.FORMATS[fmt].media_type
    assert response.headers["Content-Disposition"] == \
        f"attachment; filename=adaptation-atlas.{export.FORMATS[fmt].suffix}"
    check(fmt, response.data, ro_store, projection)


def test_web_downloads_a_neighbourhood_and_a_query(client, garland, ro_store):
    response = client.get("/export/graphml", query_string={"entity": GARLAND, "depth": "1"})
    assert response.status_code == 200
    assert "alex-garland-depth-1.graphml" in response.headers["Content-Disposition"]
    assert_same_network(garland, read_network("graphml", response.data), "graphml")
    response = client.get("/export/json", query_string={"query": "adaptations"})
    assert response.status_code == 200 and response.mimetype == "application/sparql-results+json"
    example = {e.name: e for e in queries.examples()}["adaptations"]
    assert len(response.json["results"]["bindings"]) == len(queries.rows(ro_store, example.text))


@pytest.mark.parametrize("url, status", [
    ("/export/yaml", 404),
    ("/export/json", 400),
    ("/export/turtle?depth=two&entity=" + quote(GARLAND), 400),
    ("/export/turtle?entity=" + quote(ID + "person/nobody"), 400),
    ("/export/turtle?query=no-such-query", 400),
    ("/export/turtle?query=adaptations", 400),
])
def test_web_refuses_bad_downloads(client, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert "Content-Disposition" not in response.headers


def test_home_page_links_every_download(client):
    response = client.get("/")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    for fmt in export.FORMATS:
        assert f'href="/export/{fmt}"' in page, fmt


# --- the benchmark ------------------------------------------------------------------------------

def test_benchmark_runs_on_a_small_store(tmp_path):
    """bench/export_bench.py end to end on a few reviews (`make bench-export` runs it on a million triples)."""
    result = subprocess.run([sys.executable, str(REPO / "bench" / "export_bench.py"), "--reviews", "20",
                             "--min-triples", "1000", "--dir", str(tmp_path)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "| graph.export ntriples |" in result.stdout and "| pyoxigraph Store.dump N-Triples |" in result.stdout
    assert "N-Triples lines equal the store's triples: yes" in result.stdout
