"""/sparql against the W3C SPARQL 1.1 Protocol and Service Description test suites, run on the real
server, and the protocol's content negotiation and datasets on the atlas's own graph.

The manifests are read from shared/datasets/w3c-sparql11-protocol (beside the repository, as CI
lays it out); the endpoint under test holds protocol/data1-3.nt under their kasei.us graph
names. Updates are refused by this read-only endpoint, so the update tests expect a 4xx where
the manifest expects success, and the query that follows each update must find nothing written.
"""
from __future__ import annotations

import io
import json
import urllib.parse
from pathlib import Path

import pytest
import rdflib
from pyoxigraph import RdfFormat, parse
from rdflib import RDF, Namespace, URIRef
from rdflib.collection import Collection

from conftest import ATLAS, ID, REPO
from sparql_servers import build_store, send, serving

SUITE = REPO.parent / "shared" / "datasets" / "w3c-sparql11-protocol"
MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
SD = Namespace("http://www.w3.org/ns/sparql-service-description#")
KASEI = "http://kasei.us/2009/09/sparql/data/"

needs_suite = pytest.mark.skipif(not SUITE.is_dir(), reason=f"no W3C test suite at {SUITE}")

RESULT_TYPES = {"application/sparql-results+json": "json", "application/sparql-results+xml": "xml",
                "text/csv": "csv", "text/tab-separated-values": "tsv"}
RDF_TYPES = {"text/turtle": "turtle", "application/n-triples": "nt", "application/rdf+xml": "xml",
             "application/ld+json": "json-ld"}


def manifest_tests(manifest: Path) -> list:
    """(name, graph, test node) for each entry of a manifest, in its order."""
    if not manifest.is_file():
        return []
    graph = rdflib.Graph().parse(manifest, format="turtle")
    head = graph.value(next(graph.subjects(RDF.type, MF.Manifest)), MF.entries)
    return [pytest.param(graph, test, id=str(test).rsplit("#", 1)[-1]) for test in Collection(graph, head)]


PROTOCOL_TESTS = manifest_tests(SUITE / "protocol" / "manifest.ttl")
SD_TESTS = manifest_tests(SUITE / "service-description" / "manifest.ttl")


@pytest.fixture(scope="module")
def w3c_endpoint(tmp_path_factory):
    if not SUITE.is_dir():
        pytest.skip(f"no W3C test suite at {SUITE}")
    graphs = {f"{KASEI}{path.stem}.rdf": list(parse(path=str(path), format=RdfFormat.N_TRIPLES))
              for path in sorted((SUITE / "protocol").glob("data*.nt"))}
    assert len(graphs) == 3
    location = build_store(tmp_path_factory.mktemp("w3c") / "store", graphs)
    with serving(location) as url:
        yield url + "/sparql"


def _request(graph: rdflib.Graph, node) -> dict:
    """An ht:Request as method, path, headers and body bytes."""
    headers = {}
    if (listed := graph.value(node, HT.headers)) is not None:
        for header in Collection(graph, listed):
            headers[str(graph.value(header, HT.fieldName))] = str(graph.value(header, HT.fieldValue))
    body = None
    if (content := graph.value(node, HT.body)) is not None:
        body = str(graph.value(content, CNT.chars)).encode(str(graph.value(content, CNT.characterEncoding)))
    # "replace this value with whatever path prefix is appropriate for the endpoint being tested"
    path = str(graph.value(node, HT.absolutePath)).replace("/sparql/", "", 1)
    response = graph.value(node, HT.resp)
    return {"method": str(graph.value(node, HT.methodName)), "path": path, "headers": headers, "body": body,
            "status": {str(s).rsplit("#StatusCode", 1)[-1][0] for s in graph.objects(response, MF.expectedStatus)},
            "format": graph.value(response, MF.expectedFormat),
            "boolean": graph.value(response, MF.expectedBoolean)}


def boolean_of(reply) -> bool:
    assert reply.media_type in ("application/sparql-results+json", "application/sparql-results+xml"), reply
    if reply.media_type.endswith("json"):
        return json.loads(reply.body)["boolean"]
    return rdflib.query.Result.parse(io.BytesIO(reply.body), format="xml").askAnswer


def check_format(reply, expected: str) -> None:
    if expected == "boolean":
        boolean_of(reply)
    elif expected == "tabular":
        assert reply.media_type in RESULT_TYPES, reply.headers
        result = rdflib.query.Result.parse(io.BytesIO(reply.body), format=RESULT_TYPES[reply.media_type])
        assert [str(v) for v in result.vars] == ["value"] and [int(row[0]) for row in result] == [1]
    elif expected == "RDF":
        assert reply.media_type in RDF_TYPES, reply.headers
        rdflib.Graph().parse(data=reply.body, format=RDF_TYPES[reply.media_type])
    else:
        raise AssertionError(f"unknown expected format {expected!r}")


@needs_suite
@pytest.mark.parametrize("graph, test", PROTOCOL_TESTS)
def test_w3c_protocol(w3c_endpoint, graph, test):
    name = str(test).rsplit("#", 1)[-1]
    requests = [_request(graph, node) for node in Collection(graph, graph.value(graph.value(test, MF.action), HT.requests))]
    for i, req in enumerate(requests):
        reply = send(w3c_endpoint + req["path"], req["method"], req["body"], req["headers"])
        context = (name, i, req, reply.status, reply.body[:300])
        if name.startswith("update_"):
            if i == 0:  # the update: refused by this read-only endpoint
                assert 400 <= reply.status < 500, context
            else:  # the query that checks the update's effect: nothing was written
                assert reply.status == 200 and boolean_of(reply) is False, context
            continue
        if req["status"] == {"4"}:
            assert 400 <= reply.status < 500, context
            continue
        assert req["status"] >= {"2"} and 200 <= reply.status < 300, context
        if req["format"] is not None:
            check_format(reply, str(req["format"]))
        if req["boolean"] is not None:
            assert boolean_of(reply) is req["boolean"].toPython(), context


def test_the_suite_is_all_there():
    if not SUITE.is_dir():
        pytest.skip(f"no W3C test suite at {SUITE}")
    assert len(PROTOCOL_TESTS) == 34 and len(SD_TESTS) == 3


# --- the service description --------------------------------------------------------

# The domain and range of each SPARQL 1.1 Service Description property the endpoint uses, and the
# class of each vocabulary instance it names (https://www.w3.org/TR/sparql11-service-description/).
SD_SCHEMA = {SD.endpoint: (SD.Service, None), SD.supportedLanguage: (SD.Service, SD.Language),
             SD.resultFormat: (SD.Service, None), SD.feature: (SD.Service, SD.Feature),
             SD.defaultDataset: (SD.Service, SD.Dataset), SD.defaultGraph: (SD.Dataset, SD.Graph),
             SD.namedGraph: (SD.GraphCollection, SD.NamedGraph), SD.name: (SD.NamedGraph, None)}
SD_INSTANCES = {SD.SPARQL11Query: SD.Language, SD.UnionDefaultGraph: SD.Feature}
SD_SUBCLASSES = {SD.Dataset: {SD.GraphCollection}}


def description(url: str, accept: str | None = None) -> rdflib.Graph:
    reply = send(url, headers={"Accept": accept} if accept else {})
    assert reply.status == 200, reply
    assert reply.media_type in RDF_TYPES, reply.headers
    return rdflib.Graph().parse(data=reply.body, format=RDF_TYPES[reply.media_type])


def classes(graph: rdflib.Graph, node) -> set:
    found = set(graph.objects(node, RDF.type)) | ({SD_INSTANCES[node]} if node in SD_INSTANCES else set())
    return found | {sup for c in found for sup in SD_SUBCLASSES.get(c, ())}


@needs_suite
@pytest.mark.parametrize("graph, test", SD_TESTS)
def test_w3c_service_description(w3c_endpoint, graph, test):
    name = str(test).rsplit("#", 1)[-1]
    if name == "returns-rdf":
        for accept in (None, "text/turtle", "application/rdf+xml", "application/ld+json", "application/n-triples"):
            assert len(description(w3c_endpoint, accept)) > 5, accept
    elif name == "has-endpoint-triple":
        assert list(description(w3c_endpoint).subjects(SD.endpoint, URIRef(w3c_endpoint)))
    elif name == "conforms-to-schema":
        sd = description(w3c_endpoint)
        assert len(set(sd.subjects(RDF.type, SD.Service))) == 1
        for s, p, o in sd:
            if p == RDF.type:
                assert str(o).startswith(str(SD)), o
                continue
            assert p in SD_SCHEMA or not str(p).startswith(str(SD)), p
            domain, range_ = SD_SCHEMA.get(p, (None, None))
            assert domain is None or domain in classes(sd, s), (s, p, o)
            assert range_ is None or range_ in classes(sd, o), (s, p, o)
        names = [sd.value(g, SD.name) for g in sd.subjects(RDF.type, SD.NamedGraph)]
        assert sorted(map(str, names)) == [f"{KASEI}data{i}.rdf" for i in (1, 2, 3)]
    else:
        raise AssertionError(f"a service description test this file does not know: {name}")


# --- negotiation, datasets and limits on the atlas's graph --------------------------------

BEACH_GRAPH = ID + "review/the-beach"
GARLAND = ID + "person/alex-garland"


@pytest.fixture(scope="module")
def atlas_endpoint(built_store):
    with serving(built_store) as url:
        yield url + "/sparql"


def get(endpoint: str, query: str, accept: str | None = None, **params) -> object:
    fields = [("query", query)] + [(k.replace("_", "-"), v) for k, vs in params.items()
                                   for v in (vs if isinstance(vs, list) else [vs])]
    return send(f"{endpoint}?{urllib.parse.urlencode(fields)}", headers={"Accept": accept} if accept else {})


@pytest.mark.parametrize("accept, media_type", [
    (None, "application/sparql-results+json"),
    ("*/*", "application/sparql-results+json"),
    ("application/json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
])
def test_select_negotiates_its_format(atlas_endpoint, accept, media_type):
    reply = get(atlas_endpoint, f"SELECT ?name WHERE {{ <{GARLAND}> <http://www.w3.org/2000/01/rdf-schema#label> ?name }}",
                accept)
    assert reply.status == 200 and reply.media_type == media_type, reply
    assert "Alex Garland" in reply.text
    assert "Accept" in reply.headers["vary"]


@pytest.mark.parametrize("accept, media_type", [
    (None, "text/turtle"), ("application/n-triples", "application/n-triples"),
    ("application/rdf+xml", "application/rdf+xml"), ("application/ld+json", "application/ld+json"),
])
def test_describe_and_construct_answer_rdf(atlas_endpoint, accept, media_type):
    for query in (f"DESCRIBE <{GARLAND}>", f"CONSTRUCT WHERE {{ <{GARLAND}> ?p ?o }}"):
        reply = get(atlas_endpoint, query, accept)
        assert reply.status == 200 and reply.media_type == media_type, reply
        graph = rdflib.Graph().parse(data=reply.body, format=RDF_TYPES[media_type])
        assert (URIRef(GARLAND), rdflib.RDFS.label, rdflib.Literal("Alex Garland")) in graph


def test_format_parameter_wins_and_suits_the_form(atlas_endpoint):
    reply = get(atlas_endpoint, "SELECT (1 AS ?x) {}", "application/sparql-results+json", format="csv")
    assert reply.media_type == "text/csv" and reply.text.split() == ["x", "1"]
    # SPARQLWrapper says format=xml for RDF/XML too: the form decides which XML.
    reply = get(atlas_endpoint, f"DESCRIBE <{GARLAND}>", None, format="xml")
    assert reply.media_type == "application/rdf+xml"


def test_unacceptable_format_is_406(atlas_endpoint):
    reply = get(atlas_endpoint, "ASK {}", "text/csv")
    assert reply.status == 406 and "json" in reply.text


def test_default_graph_uri_picks_one_review(atlas_endpoint):
    query = "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }"
    whole = json.loads(get(atlas_endpoint, query).body)["results"]["bindings"][0]["n"]["value"]
    beach = json.loads(get(atlas_endpoint, query, default_graph_uri=BEACH_GRAPH).body)["results"]["bindings"][0]["n"]["value"]
    assert 0 < int(beach) < int(whole)
    # a graph the store does not hold is empty, and is never fetched
    none = json.loads(get(atlas_endpoint, query, default_graph_uri="http://example.org/nowhere").body)
    assert none["results"]["bindings"][0]["n"]["value"] == "0"


def test_named_graph_uri_limits_graph_patterns(atlas_endpoint):
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    reply = get(atlas_endpoint, query, named_graph_uri=BEACH_GRAPH, accept="text/csv")
    assert reply.text.split() == ["g", BEACH_GRAPH]
    # With only named graphs given, the default graph is empty (SPARQL 1.1 Query, 13.2).
    reply = get(atlas_endpoint, "ASK { ?s ?p ?o }", named_graph_uri=BEACH_GRAPH)
    assert json.loads(reply.body)["boolean"] is False


def test_from_picks_a_review_of_the_store(atlas_endpoint):
    adaptation = f"?w <{ATLAS}adaptationOf> ?b"
    reply = get(atlas_endpoint, f"ASK FROM <{BEACH_GRAPH}> {{ {adaptation} }}")
    assert reply.status == 200 and json.loads(reply.body)["boolean"] is True
    reply = get(atlas_endpoint, f"ASK FROM <http://example.org/nowhere> {{ {adaptation} }}")
    assert reply.status == 200 and json.loads(reply.body)["boolean"] is False


def test_bad_graph_name_is_400(atlas_endpoint):
    reply = get(atlas_endpoint, "ASK {}", default_graph_uri="not an iri")
    assert reply.status == 400 and "not an iri" in reply.text


def test_malformed_query_says_where(atlas_endpoint):
    reply = get(atlas_endpoint, "SELECT ?x WHERE {\n  ?x ?y\n}")
    assert reply.status == 400 and reply.media_type == "text/plain"
    assert "line 2, column 3" in reply.text, reply.text


def test_relative_iris_resolve_against_the_endpoint(atlas_endpoint):
    reply = get(atlas_endpoint, "CONSTRUCT { <s> <p> 1 } WHERE {}", "application/n-triples")
    assert reply.text.startswith(f"<{atlas_endpoint.rsplit('/', 1)[0]}/s>"), reply.text


def test_request_size_is_limited(atlas_endpoint):
    from webapp.sparql import MAX_REQUEST_BYTES

    padding = "#" + "x" * MAX_REQUEST_BYTES + "\n"
    reply = send(atlas_endpoint, "POST", (padding + "ASK {}").encode(), {"Content-Type": "application/sparql-query"})
    assert reply.status == 413, reply
    reply = send(atlas_endpoint + "?query=" + urllib.parse.quote(padding + "ASK {}"))
    assert reply.status == 414, reply
    # just under the limit is fine
    small = "#" + "x" * (MAX_REQUEST_BYTES // 2) + "\nASK {}"
    reply = send(atlas_endpoint, "POST", small.encode(), {"Content-Type": "application/sparql-query"})
    assert reply.status == 200, reply


def test_browser_gets_the_page_and_clients_the_description(atlas_endpoint):
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    page = send(atlas_endpoint, headers={"Accept": browser})
    assert page.status == 200 and page.media_type == "text/html"
    assert 'id="sparql-settings"' in page.text
    with_query = get(atlas_endpoint, "SELECT * { ?s ?p ?o } LIMIT 1", browser)
    assert with_query.media_type == "text/html" and "LIMIT 1" in with_query.text
    for accept in ("*/*", "text/turtle", None):
        reply = send(atlas_endpoint, headers={"Accept": accept} if accept else {})
        assert reply.status == 200 and reply.media_type == "text/turtle", (accept, reply.headers)
        sd = rdflib.Graph().parse(data=reply.body, format="turtle")
        assert URIRef(BEACH_GRAPH) in set(sd.objects(None, SD.name))
