"""The picture of an entity's neighbourhood, as vis-network data built with pyvis.

pyvis builds the nodes, edges and options; the page draws them with the vis-network library it
serves itself (pyvis's own HTML template links a CDN). Never a hairball: a node with more than
CAP neighbours shows the CAP best connected and one summary node for the rest, and a picture
stops growing at MAX_NODES.
"""
from __future__ import annotations

import json
from collections import Counter
from typing import Callable

import networkx as nx
from pyvis.network import Network

from .entity import Entity, entity, kind_words
from .network import COLOURS, KIND_ORDER, RELATION_LABELS, relation_view
from .paths import Path

CAP = 20
MAX_NODES = 120
SIZES = [26, 16, 11]  # node size by distance from the centre
SUMMARY_COLOUR = "#d9d9d9"
OPTIONS = {
    # A fixed seed: the same neighbourhood is drawn the same way each time.
    "layout": {"randomSeed": 7, "improvedLayout": True},
    "physics": {"solver": "forceAtlas2Based",
                "forceAtlas2Based": {"gravitationalConstant": -60, "springLength": 110, "avoidOverlap": 0.4},
                "stabilization": {"iterations": 300, "fit": True}},
    "nodes": {"shape": "dot", "font": {"size": 13, "face": "system-ui, sans-serif"}, "borderWidth": 1},
    "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.5}}, "color": {"color": "#a0a0a0"},
              "font": {"size": 10, "color": "#666666", "strokeWidth": 3, "align": "middle"},
              "smooth": {"enabled": True, "type": "continuous"}},
    "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": False},
}
# Paths read left to right, one column per step; nothing moves.
PATH_OPTIONS = {
    "layout": {"hierarchical": {"enabled": True, "direction": "LR", "levelSeparation": 190,
                                "nodeSpacing": 70, "sortMethod": "directed"}},
    "physics": {"enabled": False},
    "nodes": OPTIONS["nodes"],
    "edges": {**OPTIONS["edges"], "smooth": {"enabled": True, "type": "cubicBezier", "forceDirection": "horizontal"}},
    "interaction": OPTIONS["interaction"],
}


def _short(label: str, width: int = 28) -> str:
    return label if len(label) <= width else label[:width - 1] + "…"


def _reach(view: nx.MultiDiGraph, centre: str, depth: int, cap: int,
           max_nodes: int) -> tuple[dict[str, int], dict[str, list[str]]]:
    """Breadth first from the centre: {node: distance} shown, and {node: neighbours left out}."""
    shown = {centre: 0}
    left_out: dict[str, list[str]] = {}
    frontier = [centre]
    for distance in range(1, depth + 1):
        following = []
        for node in frontier:
            new = {n for n in nx.all_neighbors(view, node) if n not in shown}
            # The best connected first: they lead somewhere; ties in label order, for a stable picture.
            ranked = sorted(new, key=lambda n: (-view.degree(n), view.nodes[n]["label"], n))
            room = max(0, min(cap, max_nodes - len(shown)))
            for n in ranked[:room]:
                shown[n] = distance
                following.append(n)
            if ranked[room:]:
                left_out[node] = ranked[room:]
        frontier = following
    return shown, left_out


def neighbourhood(graph: nx.MultiDiGraph, centre: str, depth: int = 1, relations: set[str] | None = None,
                  link: Callable[[str], str] = str, cap: int = CAP, max_nodes: int = MAX_NODES) -> dict:
    """vis-network data for the entities within `depth` links of `centre`, through `relations` only
    if given. `link` gives the page of an entity. JSON-ready: nodes, edges, options, legend, capped."""
    view = relation_view(graph, relations)
    shown, left_out = _reach(view, centre, depth, cap, max_nodes)
    net = _network(OPTIONS)
    for iri, distance in shown.items():
        _add(net, entity(graph, iri), link, SIZES[min(distance, 2)], centre=distance == 0)
    # One edge per linked pair and direction, naming every relation: parallel edges would overlap.
    pairs: dict[tuple[str, str], list[str]] = {}
    for u, v, relation in view.edges(list(shown), keys=True):
        if v in shown:
            pairs.setdefault((u, v), []).append(relation)
    for (u, v), rels in pairs.items():
        words = ", ".join(RELATION_LABELS[r] for r in sorted(rels, key=list(RELATION_LABELS).index))
        net.add_edge(u, v, label=words, title=words, relations=rels)
    capped = []
    for node, rest in left_out.items():
        counts = Counter(rel for n in rest for rel in _relations_between(view, node, n))
        summary = ", ".join(f"{n} {RELATION_LABELS[rel]}" for rel, n in counts.most_common())
        label = graph.nodes[node]["label"]
        net.add_node(f"more:{node}", label=f"+{len(rest)} more", shape="box", color=SUMMARY_COLOUR,
                     title=f"{len(rest)} more linked to {label}: {summary}", url=link(node), kind="summary")
        net.add_edge(node, f"more:{node}", dashes=True, arrows="")
        capped.append({"iri": node, "label": label, "hidden": len(rest), "summary": summary})
    return {**_data(net, {graph.nodes[n]["kind"] for n in shown}), "capped": capped}


def paths_picture(paths: list[Path], link: Callable[[str], str] = str) -> dict:
    """vis-network data for some paths between two entities, drawn left to right."""
    net = _network(PATH_OPTIONS)
    ends = {paths[0].entities[0].iri, paths[0].entities[-1].iri} if paths else set()
    for path in paths:
        for position, e in enumerate(path.entities):
            if e.iri not in net.node_map:
                _add(net, e, link, SIZES[0 if e.iri in ends else 1], centre=e.iri in ends, level=position)
    drawn = set()
    for step in (s for path in paths for s in path.steps):
        # Drawn along the path, left to right; the arrow still points from the triple's subject.
        key = (step.source.iri, step.target.iri, step.relation)
        if key not in drawn and key[1::-1] + key[2:] not in drawn:
            drawn.add(key)
            net.add_edge(step.source.iri, step.target.iri, label=RELATION_LABELS[step.relation],
                         title=RELATION_LABELS[step.relation], arrows="to" if step.forward else "from")
    return _data(net, {e.kind for path in paths for e in path.entities})


def _network(options: dict) -> Network:
    net = Network(directed=True)
    net.options = options  # a dict: get_network_data() passes it through as JSON
    return net


def _add(net: Network, e: Entity, link: Callable[[str], str], size: int, centre: bool = False, **extra) -> None:
    net.add_node(e.iri, label=_short(e.name), color=COLOURS[e.kind], size=size,
                 title=f"{e.label} ({e.description})", url=link(e.iri), kind=e.kind,
                 **({"borderWidth": 3, "font": {"size": 16, "bold": True}} if centre else {}), **extra)


def legend(kinds: set[str]) -> list[dict]:
    """The key to a picture's colours: the kinds it shows, in a fixed order."""
    return [{"kind": k, "word": kind_words()[k], "colour": COLOURS[k]} for k in KIND_ORDER if k in kinds]


def _data(net: Network, kinds: set[str]) -> dict:
    nodes, edges, *_, options = net.get_network_data()
    return {"nodes": nodes, "edges": edges, "options": json.loads(options), "legend": legend(kinds)}


def _relations_between(view: nx.MultiDiGraph, u: str, v: str) -> list[str]:
    return [*view.get_edge_data(u, v, default={}), *view.get_edge_data(v, u, default={})]

