"""Links to Wikidata: an extraction's items become owl:sameAs in its review's graph (a real
Oxigraph store), the shapes accept them and nothing else, the explorer links to the item, and
`atlas ingest` and `atlas extract` link with the gazetteer."""
from __future__ import annotations

import gc
import json
import urllib.request

import pytest
from pyoxigraph import NamedNode, Quad

from conftest import ID, REVIEWS, atlas
from graph import queries
from graph.facts import Credit, Evidence, Extraction, Work
from graph.rdf import review_quads
from graph.read import Review, read_file
from graph.resolve import Resolver, review_iri

SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"
WD = "http://www.wikidata.org/entity/"
NOVEL = ID + "work/cloud-harbour--page"
FILM = ID + "work/cloud-harbour--film"
QUILL = ID + "person/ada-quill"
ORME = ID + "person/ben-orme"


def items(store, iri: str) -> set[str]:
    found = queries.rows(store, "SELECT ?s ?o WHERE { ?s <http://www.w3.org/2002/07/owl#sameAs> ?o }",
                         s=NamedNode(iri))
    return {r["o"] for r in found}


@pytest.fixture(scope="module")
def linked(tmp_path_factory):
    """A real store holding one review whose extraction carries Wikidata items for the novel and
    its author (not for the film or its director)."""
    from graph.store import Store

    folder = tmp_path_factory.mktemp("linked")
    text = "Cloud Harbour\nAda Quill wrote the novel Cloud Harbour. Ben Orme directed the film."
    review = Review("cloud-harbour", folder / "cloud-harbour.txt", "Cloud Harbour", text, "0" * 64)
    novel, film = Work("Cloud Harbour", "novel", 2001), Work("Cloud Harbour", "film")
    ev = Evidence("Ada Quill wrote the novel Cloud Harbour.", 14, 54, "test")
    extraction = Extraction("cloud-harbour", "Cloud Harbour", text, reviewed=[novel, film],
                            credits=[Credit("Ada Quill", "author", novel, ev), Credit("Ben Orme", "director", film, ev)],
                            wikidata={"Cloud Harbour (novel)": "Q101", "Ada Quill": "Q201"})
    store = Store(folder / "store")
    store.replace_graph(review_iri("cloud-harbour"), review_quads(review, extraction, Resolver()))
    yield store
    del store
    gc.collect()


def test_an_extractions_items_are_owl_same_as_in_the_reviews_graph(linked):
    assert items(linked, NOVEL) == {WD + "Q101"}
    assert items(linked, QUILL) == {WD + "Q201"}
    assert items(linked, FILM) == items(linked, ORME) == set()
    graphs = queries.rows(linked, "SELECT ?g ?s ?p WHERE { GRAPH ?g { ?s ?p ?o } }",
                          s=NamedNode(NOVEL), p=NamedNode(SAME_AS))
    assert {r["g"] for r in graphs} == {review_iri("cloud-harbour").value}


def test_the_shapes_take_an_item_and_refuse_any_other_same_as(linked):
    from graph.validate import validate

    conforms, report = validate(linked)
    assert conforms, report
    wrong = Quad(NamedNode(QUILL), NamedNode(SAME_AS), NamedNode("http://example.org/ada"), review_iri("wrong"))
    linked.replace_graph(review_iri("wrong"), [wrong])
    try:
        conforms, report = validate(linked)
        assert not conforms and "example.org/ada" in report
    finally:
        linked.drop_graph(review_iri("wrong"))


@pytest.fixture(scope="module")
def site(linked):
    from webapp import create_app
    from webapp.server import serving

    with serving(create_app(linked)) as url:
        yield url


def page(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        assert response.status == 200
        return response.read().decode("utf-8")


@pytest.mark.parametrize("iri, qid", [(NOVEL, "Q101"), (QUILL, "Q201")])
def test_the_entity_page_links_to_the_item(site, iri, qid):
    html = page(site + iri.replace(ID, "/id/"))
    assert f'<p class="wikidata">Wikidata: <a href="https://www.wikidata.org/wiki/{qid}"' in html


@pytest.mark.parametrize("iri", [FILM, ORME])
def test_an_entity_without_an_item_has_no_link(site, iri):
    html = page(site + iri.replace(ID, "/id/"))
    assert "wikidata.org" not in html


# ---------------------------------------------------------------- the pipeline with the shipped gazetteer

def test_ingest_links_the_sample_reviews_books_to_their_items(ro_store):
    assert items(ro_store, ID + "work/the-beach--page") == {WD + "Q1197181"}
    assert items(ro_store, ID + "work/never-let-me-go--page") == {WD + "Q951587"}
    assert items(ro_store, ID + "work/the-beach--film") == set()


def test_the_sample_reviews_book_page_shows_its_item(server):
    html = page(server + "/id/work/the-beach--page")
    assert 'href="https://www.wikidata.org/wiki/Q1197181"' in html


def test_extract_json_names_items_and_is_unchanged_without_them():
    review = REVIEWS / "the-beach.txt"
    on = atlas("extract", str(review), "--format", "json")
    off = atlas("extract", str(review), "--format", "json", env={"ATLAS_GAZETTEER": "off"})
    assert on.returncode == off.returncode == 0, on.stderr + off.stderr
    assert json.loads(on.stdout)["wikidata"] == {"The Beach (novel)": "Q1197181"}
    from graph.extract import extract

    unlinked = extract(read_file(review)[0]).to_json()
    assert "wikidata" not in unlinked
    assert off.stdout == json.dumps(unlinked, indent=2, ensure_ascii=False) + "\n"
