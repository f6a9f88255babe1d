"""The graph as a network of entities (networkx), for pictures, paths and network exports.

Works, people, characters, reviews and the differences reviews note between an adaptation and
its source are nodes; creator, cast, character, adaptation and review links, and a difference's
links to its adaptation, source, characters and review, are edges. Evidence records and passages
stay in RDF, and a performance becomes one edge from the actor to the character.
"""
from __future__ import annotations

import networkx as nx

from . import queries
from .store import GraphStore
from .vocab import ATLAS_NS, DIFFERENCE_KIND

# Node kinds, in order of precedence when a node has several classes (a Novel is also a Book).
KIND_ORDER = ["Novel", "ShortStory", "Comic", "Memoir", "NonFictionBook", "Book", "Film", "TVSeries",
              "Person", "Character", "Review", "Difference"]
COLOURS = {
    "Novel": "#4e79a7", "ShortStory": "#4e79a7", "Comic": "#76b7b2", "Memoir": "#59a14f",
    "NonFictionBook": "#59a14f", "Book": "#4e79a7", "Film": "#e15759", "TVSeries": "#f28e2b",
    "Person": "#edc948", "Character": "#b07aa1", "Review": "#bab0ac", "Difference": "#9c755f",
}
RELATION_LABELS = {
    "author": "author", "director": "director", "screenwriter": "screenwriter",
    "castMember": "cast member", "character": "character", "adaptationOf": "adaptation of",
    "reviewOf": "review of", "characterRole": "plays",
    "adaptation": "difference in", "comparedWith": "compared with", "concerns": "concerns", "fromReview": "noted in",
}
# What a node may carry: every node its label, kind and colour; a work its year; a review its
# verdict side (atlas:verdictSide); a difference its kind ("changed") and spoiler flag.
NODE_ATTRIBUTES = ("label", "kind", "colour", "year", "verdictSide", "differenceKind", "spoiler")
# atlas:Changed -> "changed": the kind of a difference as the ontology labels it.
DIFFERENCE_KINDS = {iri.value: kind for kind, iri in DIFFERENCE_KIND.items()}


def local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1] if iri.startswith(ATLAS_NS) else iri


def project(store: GraphStore) -> nx.MultiDiGraph:
    """The whole store as a directed multigraph with labelled, coloured nodes and edges."""
    graph = nx.MultiDiGraph()
    for row in queries.rows(store, queries.internal("network-nodes")):
        kind = local(row["class"])
        node = graph.nodes.get(row["node"])
        if node is None or KIND_ORDER.index(kind) < KIND_ORDER.index(node["kind"]):
            graph.add_node(row["node"], label=row["label"], kind=kind, colour=COLOURS[kind],
                           **({"year": row["year"]} if row["year"] else {}),
                           **({"verdictSide": row["side"]} if row["side"] else {}))
    _add_differences(graph, store)
    for row in queries.rows(store, queries.internal("network-edges")):
        if row["source"] in graph and row["target"] in graph:
            relation = local(row["relation"])
            graph.add_edge(row["source"], row["target"], key=relation, relation=relation,
                           label=RELATION_LABELS[relation])
    return graph


def _add_differences(graph: nx.MultiDiGraph, store: GraphStore) -> None:
    """Each difference as a node labelled by its kind and what it concerns ("changed: Lena"),
    with its kind and spoiler flag as attributes. Its edges come with the others'."""
    concerned: dict[str, list[str]] = {}
    rows = queries.rows(store, queries.internal("network-differences"))
    for row in rows:
        concerned.setdefault(row["node"], [])
        if row["concern"] is not None:
            concerned[row["node"]].append(row["concern"])
    for row in rows:
        if row["node"] not in graph:
            kind = DIFFERENCE_KINDS[row["kind"]]
            label = f"{kind}: {', '.join(concerned[row['node']])}" if concerned[row["node"]] else kind
            graph.add_node(row["node"], label=label, kind="Difference", colour=COLOURS["Difference"],
                           differenceKind=kind, spoiler=row["spoiler"])


def relation_view(graph: nx.MultiDiGraph, relations: set[str] | None = None) -> nx.MultiDiGraph:
    """The graph with only the edges of some relations (all of them when `relations` is None)."""
    if relations is None:
        return graph
    return nx.subgraph_view(graph, filter_edge=lambda u, v, k: graph.edges[u, v, k]["relation"] in relations)


def neighbourhood(graph: nx.MultiDiGraph, node: str, depth: int = 1,
                  relations: set[str] | None = None) -> nx.MultiDiGraph:
    """The nodes within `depth` links of `node` (either direction), optionally through some relations only."""
    view = relation_view(graph, relations)
    return nx.MultiDiGraph(nx.ego_graph(view, node, radius=depth, undirected=True))
