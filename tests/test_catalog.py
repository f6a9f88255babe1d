"""`atlas import`: catalog rows merged with the review-derived graph, one named graph per source."""
from __future__ import annotations

import gc
import hashlib
import io
import json
import shutil
from pathlib import Path

import pytest
from pyoxigraph import NamedNode, RdfFormat

from conftest import ATLAS, ENGINE_KINDS, ID, REPO, atlas
from graph import queries
from graph.catalog import Mapping, import_catalog, load_mapping, source_iri
from graph.store import Store
from graph.tables import CatalogError

DATA = REPO / "tests" / "data" / "catalog"
FILMS_BASED_ON = DATA / "wikidata-film-based-on.csv"
WORK_AUTHORS = DATA / "wikidata-work-author.csv"
WIKIPEDIA_FILMS = DATA / "wikipedia-films.jsonl"
GOODBOOKS = DATA / "goodbooks-books.csv"
WD = "http://www.wikidata.org/entity/"
FILM_MAPPING = ("--map", "title=title", "--map", "year=year", "--map", "cast=cast", "--kind", "film")


@pytest.fixture
def location(built_store, tmp_path) -> Path:
    """A copy of the store data/reviews was ingested into (closed: open it, or run the CLI on it)."""
    return Path(shutil.copytree(built_store, tmp_path / "store"))


@pytest.fixture(params=["embedded", *ENGINE_KINDS])
def store(request, tmp_path):
    """data/reviews ingested, writable: a copy of the embedded store, or a real engine."""
    if request.param == "embedded":
        opened = Store(request.getfixturevalue("location"))
        yield opened
        del opened
        gc.collect()  # RocksDB's lock goes with the last reference
        return
    from engines import running
    from graph import curation
    from graph.ingest import ingest

    with running(request.param, tmp_path / "engine") as engine:
        opened = engine.open()
        ingest(opened, [REPO / "data" / "reviews"], curation=curation.load(None))
        yield opened


def films() -> Mapping:
    return load_mapping(["title=title", "year=year", "cast=cast"], kind="film")


def graphs_of(store, s: str, p: str, o: str) -> set[str]:
    """The named graphs that state the triple."""
    found = queries.rows(store, "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }",
                         s=NamedNode(s), p=NamedNode(p), o=NamedNode(o))
    return {r["g"] for r in found}


def values(store, s: str, p: str, graph: str | None = None) -> set:
    where = f"GRAPH <{graph}> {{ ?s ?p ?o }}" if graph else "?s ?p ?o"
    return {r["o"] for r in queries.rows(store, f"SELECT ?s ?p ?o WHERE {{ {where} }}", s=NamedNode(s), p=NamedNode(p))}


def source_triples(store, graph: NamedNode) -> set[tuple[str, str, str]]:
    found = queries.rows(store, "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }", g=graph)
    return {(r["s"], r["p"], str(r["o"])) for r in found}


def dump(location: Path) -> bytes:
    out = io.BytesIO()
    store = Store(location, read_only=True)
    store.dump(out, RdfFormat.N_QUADS)
    del store
    gc.collect()
    return out.getvalue()


def test_wikidata_results_merge_with_the_reviews_works_and_people(store):
    report = import_catalog(store, [FILMS_BASED_ON, WORK_AUTHORS], name="wikidata")
    source = source_iri("wikidata").value
    assert report.source == source and not report.skipped and report.rows == 26 + 18
    novel, ishiguro = ID + "work/never-let-me-go--page", ID + "person/kazuo-ishiguro"
    # The catalog's novel and author are the reviews' own nodes: both graphs state the same triple.
    assert graphs_of(store, novel, ATLAS + "author", ishiguro) >= {source, ID + "review/never-let-me-go"}
    assert values(store, novel, "http://www.w3.org/2002/07/owl#sameAs") == {WD + "Q951587"}
    beach = ID + "work/the-beach--page"
    assert graphs_of(store, beach, ATLAS + "author", ID + "person/alex-garland") >= {source}
    assert values(store, beach, "http://www.w3.org/2000/01/rdf-schema#label") == {"The Beach"}
    # The films have no label in these results: each is its own node, labelled by its id as Wikidata shows it.
    sense = ID + "work/sense-and-sensibility--page"
    adaptations = {r["f"] for r in queries.rows(
        store, f"SELECT ?f WHERE {{ GRAPH <{source}> {{ ?f <{ATLAS}adaptationOf> <{sense}> }} }}")}
    assert len(adaptations) == 3 and all(a.startswith(ID + "work/q") for a in adaptations)
    assert values(store, ID + "work/q1130123--page", "http://www.w3.org/2000/01/rdf-schema#label") == {"Q1130123"}
    assert report.unlabelled >= 3 + 1
    # Two Wikidata items share a title and medium: two works, each with its own author.
    first, second = ID + "work/the-lost-world--page", ID + "work/the-lost-world--page--q785255"
    assert values(store, first, ATLAS + "author") == {ID + "person/michael-crichton"}
    assert values(store, second, ATLAS + "author") == {ID + "person/arthur-conan-doyle"}


def test_sparql_json_results_read_as_the_same_csv(store):
    csv_graph, srj_graph = source_iri("as-csv"), source_iri("as-srj")
    import_catalog(store, WORK_AUTHORS, name="as-csv")
    import_catalog(store, DATA / "wikidata-work-author.srj", name="as-srj")

    def facts(graph):
        return {t for t in source_triples(store, graph) if not t[0].startswith(graph.value)}

    assert facts(csv_graph) == facts(srj_graph) and len(facts(csv_graph)) > 50


def test_films_merge_by_name_kind_and_year(store):
    report = import_catalog(store, WIKIPEDIA_FILMS, films())
    source = source_iri("wikipedia-films").value
    assert report.rows == 15 and not report.skipped
    film = ID + "work/never-let-me-go--film"
    assert graphs_of(store, film, ATLAS + "castMember", ID + "person/carey-mulligan") == {
        source, ID + "review/never-let-me-go"}
    assert values(store, film, ATLAS + "year") == {2010}
    annihilation = ID + "work/annihilation--film"
    assert source in graphs_of(store, annihilation, ATLAS + "castMember", ID + "person/natalie-portman")
    # Same title and medium, another year: the 1919 Atonement is not the 2007 one of the review.
    assert values(store, ID + "work/atonement--film", ATLAS + "year") == {2007}
    assert values(store, ID + "work/atonement--film--1919", ATLAS + "year") == {1919}
    assert values(store, ID + "work/atonement--film--1919", ATLAS + "castMember") == {
        ID + "person/grace-davison", ID + "person/conway-tearle", ID + "person/huntley-gordon"}
    # A cast list's "." is nobody.
    assert not queries.rows(store, f"SELECT ?p WHERE {{ ?p a <{ATLAS}Person> FILTER STRENDS(STR(?p), '/x') }}")

    # Another kind (a TV series) of the same title: not the film.
    import_catalog(store, WIKIPEDIA_FILMS, load_mapping(["title=title", "year=year"], kind="tv_series"),
                   name="as-series")
    series = ID + "work/annihilation--tv-series"
    assert values(store, series, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type") == {ATLAS + "Work", ATLAS + "TVSeries"}
    assert ATLAS + "TVSeries" not in values(store, annihilation, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def test_csv_with_a_mapping_file(store):
    report = import_catalog(store, GOODBOOKS, load_mapping(file=DATA / "goodbooks.yaml"))
    assert report.rows == 20 and not report.skipped
    source = source_iri("goodbooks-books").value
    assert values(store, ID + "work/persepolis--page", ATLAS + "author", source) == {
        ID + "person/marjane-satrapi", ID + "person/mattias-ripa"}
    assert values(store, ID + "work/odusseia--page", ATLAS + "year") == {-720}  # Ὀδύσσεια
    # A blank original_title: the second column of "original_title|title".
    assert values(store, ID + "work/if-you-take-a-mouse-to-school--page", ATLAS + "year") == {2002}
    # Goodreads writes "E.M. Forster": the same person as the reviews' "E. M. Forster", who keeps the label.
    forster = ID + "person/e-m-forster"
    assert values(store, forster, "http://www.w3.org/2000/01/rdf-schema#label") == {"E. M. Forster"}
    assert values(store, forster, "http://www.w3.org/2004/02/skos/core#altLabel", source) == {"E.M. Forster"}


def test_reimport_replaces_the_source_and_an_unchanged_one_is_skipped(store, tmp_path):
    copy = tmp_path / "films.jsonl"
    shutil.copy(WIKIPEDIA_FILMS, copy)
    first = import_catalog(store, copy, films())
    graph = source_iri("films")
    stamp = values(store, graph.value, "http://www.w3.org/ns/prov#generatedAtTime")
    again = import_catalog(store, copy, films())
    assert again.unchanged and values(store, graph.value, "http://www.w3.org/ns/prov#generatedAtTime") == stamp
    assert source_triples(store, graph) and len(source_triples(store, graph)) == first.triples

    zane = ID + "person/billy-zane"  # in Titanic only
    assert values(store, zane, "http://www.w3.org/2000/01/rdf-schema#label") == {"Billy Zane"}
    copy.write_text("".join(line for line in WIKIPEDIA_FILMS.read_text(encoding="utf-8").splitlines(True)
                            if '"Titanic"' not in line), encoding="utf-8")
    changed = import_catalog(store, copy, films())
    assert changed.replaced and not changed.unchanged and changed.rows == 14
    assert not queries.rows(store, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }", s=NamedNode(zane))
    assert graph in store.named_graphs()
    # The reviews' facts are untouched; the same file under another mapping is read again.
    assert ID + "review/never-let-me-go" in graphs_of(store, ID + "work/never-let-me-go--film", ATLAS + "castMember",
                                                      ID + "person/carey-mulligan")
    assert not import_catalog(store, copy, load_mapping(["title=title", "year=year"], kind="film")).unchanged


def test_provenance_record(store):
    report = import_catalog(store, WIKIPEDIA_FILMS, films())
    graph = report.source
    prov, rdfs = "http://www.w3.org/ns/prov#", "http://www.w3.org/2000/01/rdf-schema#"
    assert values(store, graph, "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", graph) == {ATLAS + "CatalogSource"}
    assert values(store, graph, rdfs + "label") == {"wikipedia-films"}
    assert values(store, graph, ATLAS + "rowCount") == {15} and values(store, graph, ATLAS + "skippedRows") == {0}
    (digest,) = values(store, graph, ATLAS + "contentHash")  # of the files and the mapping: what a re-import compares
    assert len(digest) == 64
    mapping = json.loads(values(store, graph, ATLAS + "mapping").pop())
    assert mapping["columns"] == {"title": "title", "year": "year", "cast": "cast"} and mapping["kind"] == "film"
    (stamp,) = queries.rows(store, "SELECT ?s ?p (DATATYPE(?o) AS ?t) WHERE { ?s ?p ?o }",
                            s=NamedNode(graph), p=NamedNode(prov + "generatedAtTime"))
    assert stamp["t"].endswith("#dateTime")
    (file,) = values(store, graph, prov + "wasDerivedFrom")
    assert values(store, file, ATLAS + "sourceFile") == {str(WIKIPEDIA_FILMS.resolve())}
    assert values(store, file, ATLAS + "contentHash") == {hashlib.sha256(WIKIPEDIA_FILMS.read_bytes()).hexdigest()}
    assert values(store, file, ATLAS + "format") == {"jsonl"}


def test_mapping_mistakes_are_one_clear_error():
    with pytest.raises(CatalogError, match="unknown field 'titel'"):
        load_mapping(["titel=title"], kind="film")
    with pytest.raises(CatalogError, match="--kind"):
        load_mapping(["title=title"])
    with pytest.raises(CatalogError, match="'poem' is not one of"):
        load_mapping(["title=title"], kind="poem")
    with pytest.raises(CatalogError, match="FIELD=COLUMN"):
        load_mapping(["title"], kind="film")


def test_bad_rows_are_counted_and_reported(location):
    result = atlas("import", str(DATA / "bad-rows.csv"), "--map", "title=title", "--map", "year=year",
                   "--map", "author=author", "--map", "id=id", "--kind", "novel", "--store", str(location))
    assert result.returncode == 0, result.stderr
    assert "5 rows, 3 skipped" in result.stdout
    skipped = [line for line in result.stderr.splitlines() if "skipped row" in line]
    assert [line.split("bad-rows.csv:")[1].split(":")[0] for line in skipped] == ["3", "4", "5"]
    assert "no title" in skipped[0] and "not a year" in skipped[1] and "not a Wikidata item" in skipped[2]


@pytest.mark.parametrize("args, says", [
    ((str(GOODBOOKS), "--format", "jsonl", "--map", "title=title", "--kind", "novel"), "line 1 is not JSON"),
    ((str(WIKIPEDIA_FILMS), "--format", "sparql-json", *FILM_MAPPING), "not SPARQL JSON results"),
    ((str(WIKIPEDIA_FILMS), "--format", "csv", *FILM_MAPPING), "none of the mapped title or id columns"),
    ((str(GOODBOOKS),), "no Wikidata columns"),
    ((str(GOODBOOKS), "--map", "title=titel", "--kind", "novel"), "none of the mapped title or id columns"),
    ((str(GOODBOOKS), "--map", "title=title", "--map", "year=yeer", "--kind", "novel"), "'yeer' (year) is in none"),
])
def test_a_bad_file_is_one_line_and_leaves_the_store_unchanged(location, args, says):
    before = dump(location)
    result = atlas("import", *args, "--store", str(location))
    assert result.returncode == 1, result
    assert "Traceback" not in result.stderr + result.stdout
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("atlas: error: ") and says in lines[0], result.stderr
    assert dump(location) == before


def test_validate_passes_after_importing_every_sample(location):
    for args in ([str(FILMS_BASED_ON), str(WORK_AUTHORS), "--name", "wikidata"],
                 [str(GOODBOOKS), "--mapping", str(DATA / "goodbooks.yaml")],
                 [str(WIKIPEDIA_FILMS), *FILM_MAPPING]):
        result = atlas("import", *args, "--store", str(location))
        assert result.returncode == 0 and "added" in result.stdout, result.stderr
    again = atlas("import", str(WIKIPEDIA_FILMS), *FILM_MAPPING, "--store", str(location))
    assert "unchanged" in again.stdout
    result = atlas("validate", "--store", str(location))
    assert result.returncode == 0, result.stdout


def test_a_remade_title_never_takes_a_yearless_work(store, tmp_path):
    """A review's "Titanic" film without a year could be any Titanic: the catalog's 1953 and 1997
    films stay apart from it, and it gets no year."""
    from graph import curation
    from graph.ingest import ingest

    review = tmp_path / "reviews" / "titanic.txt"
    review.parent.mkdir()
    review.write_text("Titanic: book and film\n\nWalter Lord wrote the book A Night to Remember. "
                      "The film Titanic was directed by James Cameron.\n", encoding="utf-8")
    ingest(store, [review.parent], curation=curation.load(None))
    yearless = ID + "work/titanic--film"
    assert values(store, yearless, ATLAS + "director") == {ID + "person/james-cameron"}
    films_file = tmp_path / "titanics.jsonl"
    films_file.write_text('{"title": "Titanic", "year": 1953, "cast": ["Clifton Webb"]}\n'
                          '{"title": "Titanic", "year": 1997, "cast": ["Kate Winslet"]}\n', encoding="utf-8")
    import_catalog(store, films_file, films())
    assert values(store, yearless, ATLAS + "year") == set()
    assert values(store, ID + "work/titanic--film--1953", ATLAS + "castMember") == {ID + "person/clifton-webb"}
    assert values(store, ID + "work/titanic--film--1997", ATLAS + "castMember") == {ID + "person/kate-winslet"}
