"""Same answers everywhere: every example query (ontology/queries) and every query the explorer runs
(graph/sparql, bound as the explorer binds them) gives the same rows, as a multiset, on the
embedded store, a real Oxigraph server and a real Virtuoso, over the demo reviews and an imported
catalog written to each of them by the project's own backends."""
from __future__ import annotations

import gc
import shutil
from collections import Counter
from contextlib import ExitStack
from pathlib import Path

import pytest
from pyoxigraph import Literal, NamedNode, QueryBoolean, QuerySolutions

from conftest import ENGINE_KINDS, ID, REPO
from engines import running
from graph import queries
from graph.catalog import import_catalog, load_mapping
from graph.store import GraphStore, Store

CATALOG = REPO / "tests" / "data" / "catalog"
# What the explorer binds its queries to: a person, a work, a character, a review; search texts.
ENTITIES = [ID + "person/alex-garland", ID + "work/never-let-me-go--film", ID + "character/kathy--never-let-me-go",
            ID + "work/the-beach--page", ID + "review/the-beach"]
REVIEWS = [ID + "review/the-beach", ID + "review/persepolis"]
SEARCHES = ["gar", "the", "never let", "é", "zzz"]
BINDINGS = {"entity": [NamedNode(e) for e in ENTITIES], "review": [NamedNode(r) for r in REVIEWS],
            "q": [Literal(s) for s in SEARCHES]}


# The internal queries the explorer runs with a variable bound (graph/explore.py), and which.
BOUND = {"describe": "entity", "entity-evidence": "entity", "entity-exists": "entity", "entity-links": "entity",
         "review": "review", "review-facts": "review", "review-mentions": "review", "search": "q"}


def runs() -> list[tuple[str, str]]:
    """(name, query text) for every example and every internal query: unbound, and bound as the
    explorer binds it."""
    out = [(f"example {e.name}", e.text) for e in queries.examples()]
    for path in sorted(queries.INTERNAL_DIR.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        out.append((path.stem, text))
        if path.stem == "neighbourhood-quads":  # graph.export binds ?node to a set of entities
            out.append((f"{path.stem} node=...", queries.bind_each(text, "node", BINDINGS["entity"])))
        elif path.stem in BOUND:
            name = BOUND[path.stem]
            out += [(f"{path.stem} {name}={term}", queries.bind(text, {name: term})) for term in BINDINGS[name]]
    return out


def answer(store: GraphStore, text: str):
    """The result as something to compare: rows as a multiset of N-Triples tuples, a boolean, or a
    CONSTRUCT's triples as a set (a graph)."""
    result = store.query(text)
    if isinstance(result, QueryBoolean):
        return bool(result)
    if isinstance(result, QuerySolutions):
        names = [v.value for v in result.variables]
        return Counter(tuple(str(s[n]) if s[n] is not None else None for n in names) for s in result)
    return {str(t) for t in result}


@pytest.fixture(scope="module")
def stores(built_store, tmp_path_factory):
    """The demo graph with the catalog imported (embedded), its named graphs then written into a
    fresh Oxigraph server and a fresh Virtuoso with the backends' replace_graph, as ingest writes."""
    folder = tmp_path_factory.mktemp("same-answers")
    embedded = Store(Path(shutil.copytree(built_store, folder / "store")))
    import_catalog(embedded, [CATALOG / "wikidata-film-based-on.csv", CATALOG / "wikidata-work-author.csv"],
                   load_mapping(), name="wikidata")
    import_catalog(embedded, [CATALOG / "wikipedia-films.jsonl"],
                   load_mapping(["title=title", "year=year", "cast=cast"], kind="film"), name="wikipedia-films")
    graphs = {g: list(embedded._store.quads_for_pattern(None, None, None, g)) for g in embedded.named_graphs()}
    embedded.flush()
    del embedded
    gc.collect()
    with ExitStack() as stack:
        opened = {"embedded": Store(folder / "store", read_only=True)}
        for kind in ENGINE_KINDS:
            engine = stack.enter_context(running(kind, folder / kind))
            opened[kind] = engine.open()
            for graph, quads in graphs.items():
                opened[kind].replace_graph(graph, quads)
        yield opened


@pytest.mark.parametrize("kind", ENGINE_KINDS)
def test_every_query_gives_the_same_rows(stores, kind):
    differ = []
    rows = 0
    for name, text in runs():
        expected, got = answer(stores["embedded"], text), answer(stores[kind], text)
        rows += sum(expected.values()) if isinstance(expected, Counter) else len(expected) if isinstance(expected, set) else 1
        if got != expected:
            differ.append(f"{name}: {_difference(expected, got)}")
    assert not differ, f"{len(differ)} queries answer otherwise on {kind}: {differ[:5]}"
    assert rows > 1000  # the comparison had something to compare


def test_the_catalog_and_the_reviews_are_in_every_store(stores):
    graphs = {kind: {g.value for g in store.named_graphs()} for kind, store in stores.items()}
    assert graphs["embedded"] == graphs["oxigraph"] == graphs["virtuoso"]
    assert {ID + "source/wikidata", ID + "source/wikipedia-films", ID + "review/the-beach"} <= graphs["embedded"]


def _difference(expected, got) -> str:
    if isinstance(expected, bool):
        return f"{expected} here, {got} there"
    missing, extra = (expected - got, got - expected)
    return f"{len(missing)} missing, e.g. {list(missing)[:1]}; {len(extra)} extra, e.g. {list(extra)[:1]}"
