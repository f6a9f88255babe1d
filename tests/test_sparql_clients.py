"""Real SPARQL clients against the running endpoint: SPARQLWrapper and rdflib's SPARQLStore get the
same answers as the store itself gives."""
from __future__ import annotations

import pytest
import rdflib
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, N3, POST, RDFXML, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from conftest import ATLAS, ID
from graph import queries
from sparql_servers import serving

GARLAND = URIRef(ID + "person/alex-garland")
BEACH_GRAPH = URIRef(ID + "review/the-beach")
SEVERAL_ROLES = next(e for e in queries.examples() if e.name == "people-with-several-roles").text


@pytest.fixture(scope="module")
def sparql_url(built_store):
    with serving(built_store) as url:
        yield url + "/sparql"


@pytest.fixture(scope="module")
def expected_rows(ro_store) -> set[tuple]:
    """The example query's rows as the store gives them, to compare what the clients get with."""
    return {tuple(str(r[k]) for k in ("person", "personLabel", "role", "work", "workLabel"))
            for r in queries.rows(ro_store, SEVERAL_ROLES)}


def wrapper(url: str, query: str, fmt: str, method: str | None = None) -> SPARQLWrapper:
    client = SPARQLWrapper(url)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    if method:
        client.setMethod(method)
    return client


@pytest.mark.parametrize("method", [None, POST])
def test_sparqlwrapper_select_json(sparql_url, expected_rows, method):
    results = wrapper(sparql_url, SEVERAL_ROLES, JSON, method).query().convert()
    got = {tuple(b[k]["value"] for k in ("person", "personLabel", "role", "work", "workLabel"))
           for b in results["results"]["bindings"]}
    assert got == expected_rows and len(results["results"]["bindings"]) == len(expected_rows)


def test_sparqlwrapper_select_xml(sparql_url, expected_rows):
    document = wrapper(sparql_url, SEVERAL_ROLES, XML).query().convert()  # an xml.dom Document
    results = document.getElementsByTagName("result")
    assert len(results) == len(expected_rows)
    assert str(GARLAND) in document.toxml()


def test_sparqlwrapper_ask(sparql_url):
    yes = wrapper(sparql_url, f"ASK {{ <{GARLAND}> ?p ?o }}", JSON).query().convert()
    no = wrapper(sparql_url, "ASK { <http://example.org/nobody> ?p ?o }", JSON).query().convert()
    assert yes["boolean"] is True and no["boolean"] is False


@pytest.mark.parametrize("fmt", [RDFXML, TURTLE, N3])
def test_sparqlwrapper_construct(sparql_url, ro_store, fmt):
    query = f"CONSTRUCT {{ ?w <{ATLAS}screenwriter> <{GARLAND}> }} WHERE {{ ?w <{ATLAS}screenwriter> <{GARLAND}> }}"
    converted = wrapper(sparql_url, query, fmt).query().convert()
    graph = converted if isinstance(converted, Graph) else Graph().parse(data=converted, format="turtle")
    expected = {str(r["w"]) for r in queries.rows(ro_store, f"SELECT ?w {{ ?w <{ATLAS}screenwriter> <{GARLAND}> }}")}
    assert expected and {str(s) for s in graph.subjects()} == expected


def test_sparqlwrapper_sees_a_bad_query(sparql_url):
    with pytest.raises(QueryBadFormed):
        wrapper(sparql_url, "SELECT ?x WHERE { ?x", JSON).query()


@pytest.fixture(scope="module", params=["GET", "POST", "POST_FORM"])
def remote(request, sparql_url) -> SPARQLStore:
    store = SPARQLStore(sparql_url, method=request.param)
    yield store
    store.close()


def test_sparqlstore_query(remote, expected_rows):
    graph = Graph(store=remote)
    rows = {tuple(str(v) for v in row) for row in graph.query(SEVERAL_ROLES)}
    assert rows == expected_rows


def test_sparqlstore_triples_and_contains(remote, ro_store):
    graph = Graph(store=remote)
    assert (GARLAND, rdflib.RDFS.label, Literal("Alex Garland")) in graph
    assert (GARLAND, rdflib.RDFS.label, Literal("Someone Else")) not in graph
    got = {(str(p), str(o)) for _, p, o in graph.triples((GARLAND, None, None))}
    expected = {(str(r["p"]), str(r["o"])) for r in queries.rows(ro_store, f"SELECT ?p ?o {{ <{GARLAND}> ?p ?o }}")}
    assert got == expected and expected


def test_sparqlstore_named_graph_is_the_review(remote, ro_store):
    """A Graph named by a review's IRI reaches that review's graph only (default-graph-uri)."""
    review = Graph(store=remote, identifier=BEACH_GRAPH)
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{BEACH_GRAPH}> {{ ?s ?p ?o }} }}"
    expected = queries.rows(ro_store, count)[0]["n"]
    assert expected > 0
    assert len(review) == expected
    whole = Graph(store=remote)
    assert len(whole) > len(review)


def test_sparqlstore_construct(remote):
    graph = Graph(store=remote)
    result = graph.query(f"CONSTRUCT WHERE {{ <{GARLAND}> ?p ?o }}")
    assert (GARLAND, rdflib.RDFS.label, Literal("Alex Garland")) in result.graph
