"""How two entities are connected: ranked shortest paths that avoid trivial hubs."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from itertools import islice, pairwise, takewhile

import networkx as nx

from .entity import Entity, entity
from .sentences import PREFERENCE, Part, Step, path_parts, text

# A review links every work it discusses, so a path through a review says nothing about how two
# works are related; nor does one through a difference, which a review notes about a film and
# its characters. (Classes are no nodes of the network at all.)
HUB_KINDS = {"Review", "Difference"}
# Paths up to this many steps longer than the shortest are offered as alternatives.
SLACK = 1
# How many candidate paths are ranked: enough for the alternatives, few enough on a dense graph.
CANDIDATES = 50
CREATOR_ROLES = {"author", "director", "screenwriter"}


@dataclass(frozen=True)
class Path:
    steps: list[Step]
    # Entities that could stand in for one on the path, giving a path otherwise the same
    # (the other characters a film and its novel share): told once, not as paths of their own.
    also_through: list[Entity] = field(default_factory=list)

    @property
    def parts(self) -> list[Part]:
        return path_parts(self.steps)

    @property
    def sentence(self) -> str:
        return text(self.parts)

    @property
    def entities(self) -> list[Entity]:
        return [self.steps[0].source, *(s.target for s in self.steps)]

    def to_json(self) -> dict:
        return {"length": len(self.steps), "sentence": self.sentence,
                "steps": [{"from": s.source.to_json(), "relation": s.relation,
                           "direction": "forward" if s.forward else "backward",
                           "to": s.target.to_json()} for s in self.steps],
                "alsoThrough": [e.to_json() for e in self.also_through]}


def walkable(graph: nx.MultiDiGraph) -> nx.Graph:
    """The network as paths walk it: undirected, one edge per linked pair, without the hubs."""
    walk = nx.Graph()
    walk.add_nodes_from(n for n, kind in graph.nodes(data="kind") if kind not in HUB_KINDS)
    walk.add_edges_from((u, v) for u, v in graph.edges() if u in walk and v in walk)
    return walk


def _with_endpoints(graph: nx.MultiDiGraph, walk: nx.Graph, *nodes: str) -> nx.Graph:
    """`walk`, plus the links of any of `nodes` that is a hub: a path may start or end at a review."""
    hubs = [n for n in nodes if n in graph and n not in walk]
    if not hubs:
        return walk
    walk = walk.copy()
    for hub in hubs:
        walk.add_edges_from((hub, other) for other in nx.all_neighbors(graph, hub) if other in walk)
    return walk


def _step(graph: nx.MultiDiGraph, u: str, v: str) -> Step:
    """The link from u to v that a sentence tells, when they are linked in several ways."""
    links = [(rel, True) for rel in graph.get_edge_data(u, v, default={})]
    links += [(rel, False) for rel in graph.get_edge_data(v, u, default={})]
    relation, forward = min(links, key=lambda link: PREFERENCE.index(link[0]))
    return Step(entity(graph, u), relation, forward, entity(graph, v))


def _specificity(walk: nx.Graph, nodes: list[str]) -> float:
    """Lower for paths through less connected entities: a link through a small film says more
    than one through a film with a cast of hundreds."""
    return sum(math.log(walk.degree(n)) for n in nodes[1:-1])


def paths(graph: nx.MultiDiGraph, walk: nx.Graph, source: str, target: str, limit: int = 5) -> list[Path]:
    """The shortest paths from source to target (and those up to SLACK steps longer), best first.

    `walk` is walkable(graph), made once for many calls.
    """
    if source not in graph or target not in graph or source == target:
        return []
    walk = _with_endpoints(graph, walk, source, target)
    try:
        found = nx.shortest_simple_paths(walk, source, target)
        shortest = next(found)
    except nx.NetworkXNoPath:
        return []
    # shortest_simple_paths yields paths by length: stop reading at the first one too long.
    longer = takewhile(lambda p: len(p) <= len(shortest) + SLACK, found)
    candidates = [shortest, *islice(longer, CANDIDATES - 1)]
    ranked = sorted(candidates, key=lambda p: (len(p), _specificity(walk, p)))
    chosen: list[tuple[list[str], list[str]]] = []  # (nodes, nodes that could replace one of them)
    for nodes in ranked:
        twin = next((c for c in chosen if _differ_in_one(c[0], nodes)), None)
        if twin is not None:
            twin[1].extend(n for n, m in zip(nodes, twin[0]) if n != m)
        elif len(chosen) < limit:
            chosen.append((nodes, []))
    return [Path([_step(graph, u, v) for u, v in pairwise(nodes)], [entity(graph, n) for n in also])
            for nodes, also in chosen]


def _differ_in_one(a: list[str], b: list[str]) -> bool:
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b)) == 1


def suggestions(graph: nx.MultiDiGraph, walk: nx.Graph, source: str, limit: int = 6) -> list[tuple[Entity, int]]:
    """People worth asking "how is SOURCE connected to them?", with their distance.

    Two or three steps away (nearer ones are on the page already). Creators (authors, directors,
    screenwriters) come before actors, and among each those reached across an adaptation, since
    book-to-film links are what the atlas is about; then the best connected.
    """
    if source not in walk:
        return []
    distances = nx.single_source_shortest_path_length(walk, source, cutoff=3)
    across: dict[str, bool] = {}  # some shortest path from source to the node crosses an adaptation
    for node in sorted(distances, key=distances.get):
        across[node] = any(across[p] or _is_adaptation(graph, p, node) for p in walk[node]
                           if distances.get(p) == distances[node] - 1)
    people = [n for n, d in distances.items() if d >= 2 and graph.nodes[n]["kind"] == "Person"]
    people.sort(key=lambda n: (not _is_creator(graph, n), not across[n], -walk.degree(n), distances[n],
                               graph.nodes[n]["label"]))
    return [(entity(graph, n), distances[n]) for n in people[:limit]]


def _is_creator(graph: nx.MultiDiGraph, person: str) -> bool:
    return any(relation in CREATOR_ROLES for _, _, relation in graph.in_edges(person, keys=True))


def _is_adaptation(graph: nx.MultiDiGraph, u: str, v: str) -> bool:
    return graph.has_edge(u, v, "adaptationOf") or graph.has_edge(v, u, "adaptationOf")
