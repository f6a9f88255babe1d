"""What a review's named graph holds, in a form two stores can be compared by."""
from __future__ import annotations

import pyoxigraph
from pyoxigraph import NamedNode, Quad

from graph.curation import Curation
from graph.extract import extract
from graph.gazetteer import Gazetteer
from graph.rdf import review_quads
from graph.read import Review
from graph.resolve import Resolver, review_iri


def graph_quads(store, graph: NamedNode) -> set[str]:
    """A named graph's content as N-Quads lines, as the store gives its terms back
    (Oxigraph writes a decimal canonically: "0.90" comes back as "0.9")."""
    return {f"{r['s']} {r['p']} {r['o']} {graph}"
            for r in store.query(f"SELECT ?s ?p ?o WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}")}


def as_stored(quads: list[Quad], graph: NamedNode) -> set[str]:
    memory = pyoxigraph.Store()
    memory.extend(quads)
    return graph_quads(memory, graph)


def clean_graph(review: Review, curation: Curation, resolver: Resolver | None = None) -> set[str]:
    """The graph a clean ingest of this one review writes into an empty store."""
    extraction = extract(review)
    curation.apply(extraction)
    extraction.wikidata = Gazetteer.default().links(extraction)  # an empty store adds nothing to it
    graph = review_iri(review.id)
    return as_stored(review_quads(review, extraction, resolver or Resolver(), curation.digest), graph)
