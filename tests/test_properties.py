"""Property tests (hypothesis), bounded so that the suite stays fast: the extractor never fails and
every fact's evidence is a span of the text; any name gives a valid, stable IRI; any request to
/sparql is answered 200 or 4xx, never 5xx."""
from __future__ import annotations

import re
import urllib.parse
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from graph.read import ReadError, read_file

# Review-like text: the words, names, titles and phrasings the extractor's rules look for,
# joined by spaces, punctuation, quotes and line breaks, with any other text mixed in.
PIECES = ["The Beach", "Never Let Me Go", "Alex Garland", "Danny Boyle", "Leonardo DiCaprio", "Richard", "Kazuo Ishiguro's",
          "novel", "film", "book", "movie", "series", "directed by", "written by", "adapted from", "based on the",
          "plays", "as", "stars", "screenplay by", "Director:", "Cast:", "Book vs Movie Review", "(2000)", "1996",
          "the book is better", "I prefer the film", "rumoured", "turned down", "his", "her", "who", "which",
          "became", "'s", "’s", "“", "”", '"', "'", "—", "-", ",", ".", ":", ";", "(", ")", "\n", "\n\n", "#", "*", "1.",
          "Mr.", "Dr.", "St.", "e.g.", "\u00a0", "\t", "é", "ß", "名前"]
TOKENS = st.one_of(st.sampled_from(PIECES), st.text(min_size=1, max_size=12))
REVIEW_TEXT = st.lists(TOKENS, min_size=1, max_size=80).map(lambda parts: " ".join(parts))
SETTINGS = dict(max_examples=60, deadline=2000, suppress_health_check=[HealthCheck.too_slow])


def evidence_of(facts) -> list[dict]:
    """Every evidence record in an extraction's JSON, wherever it sits."""
    if isinstance(facts, dict):
        found = [facts["evidence"]] if isinstance(facts.get("evidence"), dict) else []
        return found + [e for value in facts.values() for e in evidence_of(value)]
    if isinstance(facts, list):
        return [e for value in facts for e in evidence_of(value)]
    return []


@pytest.fixture(scope="module")
def extract():
    from graph.extract import extract
    from graph.nlp import pipeline

    pipeline()  # loaded once, before any example is timed
    return extract


@pytest.fixture(scope="module")
def review_file(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("property") / "review.txt"


@settings(**SETTINGS)
@given(text=REVIEW_TEXT)
@example(text="\xa0 The Beach")  # found by this test: a leading indent shifted the title's evidence
@example(text="\n\n  The Beach Book vs Movie Review\n\nAlex Garland wrote the novel.")
@example(text="“ “")  # found by this test: a headline of quotation marks alone
@example(text="“ ” The Beach")
def test_extractor_never_fails_and_evidence_is_in_the_text(extract, review_file, text):
    """Any text file, read as `atlas ingest` reads it (a file it refuses is not a review)."""
    review_file.write_bytes(text.encode("utf-8", "surrogatepass"))
    try:
        review = read_file(review_file)[0]
    except ReadError:
        assume(False)
    assert review.text.startswith(review.title)  # where the title's evidence points
    facts = extract(review).to_json()
    for evidence in evidence_of(facts):
        start, end = evidence["start"], evidence["end"]
        assert 0 <= start <= end <= len(review.text), evidence
        assert review.text[start:end] == evidence["sentence"], evidence


# --- IRIs -----------------------------------------------------------------------------------

SLUG = re.compile(r"[a-z0-9]+(?:-+[a-z0-9]+)*|x")


@settings(max_examples=300, deadline=500)
@given(name=st.text(max_size=60), kind=st.sampled_from(["person", "work", "character"]))
def test_any_name_gives_a_valid_stable_iri(name, kind):
    import rdflib
    from pyoxigraph import NamedNode

    from graph.resolve import entity_iri
    from graph.vocab import ID_NS

    iri = entity_iri(kind, name)
    assert iri == entity_iri(kind, name)  # stable
    assert isinstance(iri, NamedNode) and iri.value.startswith(f"{ID_NS}{kind}/")
    assert SLUG.fullmatch(iri.value[len(f"{ID_NS}{kind}/"):]), iri  # nothing to escape in a URL or in Turtle
    assert NamedNode(iri.value) == iri and rdflib.URIRef(iri.value).n3() == f"<{iri.value}>"


def test_iris_do_not_change_between_versions():
    """Stable across runs too: IRIs already published keep meaning what they meant."""
    from graph.resolve import entity_iri

    assert entity_iri("person", "Alex Garland").value.endswith("/person/alex-garland")
    assert entity_iri("work", "Never Let Me Go", "film").value.endswith("/work/never-let-me-go--film")
    assert entity_iri("person", "Björk Guðmundsdóttir").value.endswith("/person/bjork-gudmundsdottir")
    assert entity_iri("person", "").value.endswith("/person/x")


# --- /sparql ----------------------------------------------------------------------------

# SPARQL-like text: keywords, variables, terms and punctuation, so that some of it parses and runs.
SPARQL_PIECES = ["SELECT", "ASK", "CONSTRUCT", "DESCRIBE", "WHERE", "{", "}", "(", ")", ".", ";", ",", "*", "?s", "?p", "?o",
                 "?x", "$y", "<http://example.org/a>", "<https://w3id.org/adaptation-atlas/id/person/alex-garland>",
                 "rdfs:label", "atlas:author", "PREFIX", "rdfs:", "atlas:", "<http://www.w3.org/2000/01/rdf-schema#>",
                 "<https://w3id.org/adaptation-atlas/ontology#>", "FILTER", "OPTIONAL", "UNION", "MINUS", "GRAPH", "FROM",
                 "FROM NAMED", "LIMIT", "OFFSET", "10", "1", "-1", "ORDER BY", "GROUP BY", "COUNT", "DISTINCT", "BIND", "AS",
                 "VALUES", "SERVICE", "LOAD", "INSERT DATA", "DELETE", "DROP", "CLEAR", "BASE", "<>", "<a>", "'x'", '"y"@en',
                 "3.5", "true", "a", "REGEX", "STR", "LANG", "#", "\n", "\\u0041", "\x00", "_:b", "[]", "^^", "||", "&&", "!"]
SPARQL_TEXT = st.one_of(st.lists(st.sampled_from(SPARQL_PIECES), max_size=30).map(" ".join), st.text(max_size=200))


@pytest.fixture(scope="module")
def client(ro_store):
    from webapp import create_app

    return create_app(ro_store).test_client()


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=SPARQL_TEXT, accept=st.sampled_from(["application/sparql-results+json", "text/csv", "text/turtle",
                                                    "text/html", "*/*", "application/x-nonsense", ""]))
def test_any_query_gets_200_or_4xx(client, query, accept):
    response = client.get("/sparql", query_string={"query": query}, headers={"Accept": accept})
    assert response.status_code < 500, (query, response.status_code, response.get_data(as_text=True)[:300])
    response = client.post("/sparql", data=query.encode("utf-8", "surrogatepass"),
                           headers={"Content-Type": "application/sparql-query", "Accept": accept})
    assert response.status_code < 500, (query, response.status_code, response.get_data(as_text=True)[:300])


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(raw=st.binary(max_size=300))
def test_any_raw_query_string_gets_200_or_4xx(client, raw):
    """Whatever bytes follow /sparql? (bad percent-escapes, bad UTF-8, repeated parameters)."""
    response = client.get("/sparql?" + urllib.parse.quote(raw, safe="=&%+;"))
    assert response.status_code < 500, (raw, response.status_code, response.get_data(as_text=True)[:300])
