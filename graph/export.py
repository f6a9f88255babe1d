"""Data out: the whole graph, one entity's neighbourhood or a query's result, in a file format.

RDF formats (Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML) come from the store; the whole
graph is streamed by Store.dump. Network formats (GraphML, GEXF, CSV, Cytoscape.js, HTML) come
from graph.network's projection. A SELECT query's result goes out as SPARQL results CSV or JSON.

`prepare` checks the request and fails with an ExportError before anything is written, so that
the CLI and the web app never leave half a file behind a bad argument.
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
import tempfile
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Protocol

import networkx as nx
import pyoxigraph
from pyoxigraph import Literal, NamedNode, Quad, RdfFormat, Triple

from . import formats, network, queries, turtle
from .store import GraphStore, first_line, is_graph
from .vocab import ATLAS, ATLAS_NS, CONTEXT_FILE, PREFIXES, RDF


class ExportError(ValueError):
    """The export cannot be made as asked; the message says why in one line."""


class Scope(Protocol):
    """What is exported: its RDF, its network, and names for the file and the page."""
    name: str
    title: str

    def write_rdf(self, out: BinaryIO, fmt: RdfFormat) -> None: ...

    def network(self) -> nx.MultiDiGraph: ...


@dataclass(frozen=True)
class Format:
    label: str  # as people call it, for help texts and download links
    media_type: str
    suffix: str
    write: Callable[[Scope, BinaryIO], None]
    rdf: bool  # an RDF format, the only kind a CONSTRUCT query's result can take


@dataclass(frozen=True)
class Export:
    """One export, checked and ready: `write` produces it."""
    media_type: str
    filename: str  # a name to suggest for the download
    write: Callable[[BinaryIO], None]


# --- scopes -------------------------------------------------------------------------------------

class Whole:
    name = "adaptation-atlas"
    title = "Adaptation Atlas"

    def __init__(self, store: GraphStore):
        self.store = store

    def write_rdf(self, out: BinaryIO, fmt: RdfFormat) -> None:
        if fmt not in READABLE:
            self.store.dump(out, fmt, prefixes=PREFIXES)
            return
        dumped = io.BytesIO()  # the readable writer groups and sorts, so it needs the whole graph
        machine = RdfFormat.N_QUADS if fmt.supports_datasets else RdfFormat.N_TRIPLES
        self.store.dump(dumped, machine)
        _serialize(pyoxigraph.parse(dumped.getvalue(), machine), out, fmt)

    def network(self) -> nx.MultiDiGraph:
        return network.project(self.store)


class Neighbourhood:
    """The entities within `depth` links of one entity, the links among them and their evidence."""

    def __init__(self, store: GraphStore, entity: str, depth: int):
        whole = network.project(store)
        if entity not in whole:
            raise ExportError(f"no entity {entity} in the graph")
        self.store = store
        self.graph = network.neighbourhood(whole, entity, depth)
        self.name = f"{entity.rstrip('/').rsplit('/', 1)[-1]}-depth-{depth}"
        self.title = f"Adaptation Atlas: around {whole.nodes[entity]['label']} (depth {depth})"

    def write_rdf(self, out: BinaryIO, fmt: RdfFormat) -> None:
        _serialize(neighbourhood_quads(self.store, set(self.graph)), out, fmt)

    def network(self) -> nx.MultiDiGraph:
        return self.graph


class Constructed:
    """A CONSTRUCT or DESCRIBE query's triples, which belong to no review graph."""

    def __init__(self, triples: Iterable[Triple], name: str):
        self.triples, self.name, self.title = triples, name, f"Adaptation Atlas: {name}"

    def write_rdf(self, out: BinaryIO, fmt: RdfFormat) -> None:
        _serialize((Quad(t.subject, t.predicate, t.object) for t in self.triples), out, fmt)

    def network(self) -> nx.MultiDiGraph:
        raise ExportError("a query's result has no network projection")  # prepare() never asks


def neighbourhood_quads(store: GraphStore, nodes: set[str]) -> list[Quad]:
    """The review-graph quads that stay inside a set of entities, with their provenance.

    An entity's statements are kept when their object is a literal, a term of the vocabulary (a
    class, a kind of difference), or inside the set; a performance when its actor and character
    are inside; a difference's passages with the difference; an evidence record when the fact it
    records is kept.
    """
    # The node IRIs come from the store's own projection, never from the caller's text.
    text = queries.bind_each(queries.internal("neighbourhood-quads"), "node", (NamedNode(n) for n in sorted(nodes)))
    found = [Quad(r["s"], r["p"], r["o"], r["g"]) for r in store.query(text)]
    about: dict[object, dict[NamedNode, set]] = {}
    for quad in found:
        about.setdefault(quad.subject, {}).setdefault(quad.predicate, set()).add(quad.object)
    inside = {NamedNode(node) for node in nodes}
    inside |= {subject for subject, properties in about.items()
               if properties.get(ATLAS.performer, set()) & inside
               and properties.get(ATLAS.characterRole, set()) & inside}
    inside |= {passage for node in inside for passage in about.get(node, {}).get(ATLAS.passage, ())}
    facts = [q for q in found if q.subject in inside
             and (q.predicate == RDF.type or isinstance(q.object, Literal) or q.object in inside
                  or (isinstance(q.object, NamedNode) and q.object.value.startswith(ATLAS_NS)))]
    stated = {(q.subject, q.predicate, q.object) for q in facts}

    def recorded(record) -> tuple:
        """The fact an evidence record is about: its rdf:subject, rdf:predicate and rdf:object."""
        return tuple(next(iter(about[record].get(part, ())), None)
                     for part in (RDF.subject, RDF.predicate, RDF.object))

    evidence = [q for q in found if q.subject not in inside and recorded(q.subject) in stated]
    # Grouped by review graph and subject, so that TriG and Turtle write each block once.
    return sorted(facts + evidence, key=lambda q: (str(q.graph_name), str(q.subject)))


# Written as a person writes them (graph/turtle.py); the other formats by pyoxigraph.
READABLE = (RdfFormat.TURTLE, RdfFormat.TRIG)


def _serialize(quads: Iterable[Quad], out: BinaryIO, fmt: RdfFormat) -> None:
    """Quads for a dataset format; for a triple format their triples, each once (several reviews
    may state the same triple, and it is one triple)."""
    if fmt in READABLE:
        turtle.write(quads, out, dataset=fmt.supports_datasets)
        return
    items = quads if fmt.supports_datasets else dict.fromkeys(
        Triple(q.subject, q.predicate, q.object) for q in quads)
    pyoxigraph.serialize(items, out, fmt, prefixes=PREFIXES)


# --- RDF formats --------------------------------------------------------------------------------

def _rdf(fmt: RdfFormat) -> Format:
    return Format(fmt.name, fmt.media_type, fmt.file_extension,
                  lambda scope, out: scope.write_rdf(out, fmt), rdf=True)


@lru_cache(maxsize=None)
def _context() -> dict:
    return json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))


def _no_fetch(url: str, options: dict | None = None):
    from pyld.jsonld import JsonLdError

    # No network at run time: the project's context is given inline, nothing else may be loaded.
    raise JsonLdError(f"refusing to load {url}: exports never fetch remote documents",
                      "jsonld.LoadDocumentError", code="loading document failed")


def _jsonld(scope: Scope, out: BinaryIO) -> None:
    """The N-Quads export read into JSON-LD and compacted with ontology/context.jsonld.

    JSON-LD holds datasets, so the whole graph keeps its review graphs, as in TriG.
    """
    from pyld import jsonld  # here, not at the top: pyld adds a tenth of a second to every `atlas` start

    nquads = io.BytesIO()
    scope.write_rdf(nquads, RdfFormat.N_QUADS)
    expanded = jsonld.from_rdf(nquads.getvalue().decode("utf-8"), {"format": "application/n-quads"})
    compacted = jsonld.compact(expanded, _context(), {"documentLoader": _no_fetch})
    out.write(json.dumps(compacted, ensure_ascii=False, indent=1).encode("utf-8"))


# --- network formats ----------------------------------------------------------------------------

def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _graphml(scope: Scope, out: BinaryIO) -> None:
    graph = scope.network().copy()
    for _, data in graph.nodes(data=True):
        data.update(zip("rgb", _rgb(data["colour"])))  # Gephi colours a GraphML node from r, g, b
    nx.write_graphml(graph, out)


def _gexf(scope: Scope, out: BinaryIO) -> None:
    graph = scope.network().copy()
    for _, data in graph.nodes(data=True):
        r, g, b = _rgb(data["colour"])
        data["viz"] = {"color": {"r": r, "g": g, "b": b, "a": 1.0}}  # written as viz:color, which Gephi shows
    nx.write_gexf(graph, out)


NODE_COLUMNS = ["id", *network.NODE_ATTRIBUTES]
EDGE_COLUMNS = ["source", "target", "relation", "label"]


def _table(columns: list[str], records: Iterable[dict]) -> str:
    text = io.StringIO()
    writer = csv.DictWriter(text, columns, extrasaction="ignore")
    writer.writeheader()
    writer.writerows(records)
    return text.getvalue()


def _csv(scope: Scope, out: BinaryIO) -> None:
    """nodes.csv and edges.csv in one zip: one download, and the two tables travel together."""
    graph = scope.network()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("nodes.csv", _table(NODE_COLUMNS, ({"id": n, **d} for n, d in graph.nodes(data=True))))
        archive.writestr("edges.csv", _table(EDGE_COLUMNS, ({"source": u, "target": v, **d}
                                                            for u, v, d in graph.edges(data=True))))


# Cytoscape.js draws node colours and labels from the elements' data with this style.
CYTOSCAPE_STYLE = [
    {"selector": "node", "style": {"label": "data(label)", "background-color": "data(colour)"}},
    {"selector": "edge", "style": {"label": "data(label)", "curve-style": "bezier",
                                   "target-arrow-shape": "triangle"}},
]


def _cytoscape(scope: Scope, out: BinaryIO) -> None:
    data = nx.cytoscape_data(scope.network(), name="label")
    data["style"] = CYTOSCAPE_STYLE
    out.write(json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))


# pyvis's template links Bootstrap's CSS and JS from a CDN even when it inlines vis-network. The
# page uses neither, so every tag that would load something from the network is dropped.
_REMOTE = re.compile(r'<link\b[^>]*\bhref="https?://[^"]*"[^>]*>'
                     r'|<script\b[^>]*\bsrc="https?://[^"]*"[^>]*>\s*</script>', re.IGNORECASE)


def _html(scope: Scope, out: BinaryIO) -> None:
    """One page that draws the network with vis-network, inlined: it works offline."""
    from pyvis.network import Network  # here, not at the top: pyvis (and IPython) take a fifth of a second

    graph = scope.network()
    net = Network(height="90vh", width="100%", directed=True, cdn_resources="in_line")
    for node, data in graph.nodes(data=True):
        net.add_node(node, label=data["label"], color=data["colour"], title=f"{data['label']} ({data['kind']})")
    for source, target, data in graph.edges(data=True):
        net.add_edge(source, target, label=data["label"], title=data["label"])
    page = _REMOTE.sub("", net.generate_html())
    page = page.replace("<head>", f"<head>\n<title>{escape(scope.title)}</title>", 1)
    out.write(page.encode("utf-8"))


FORMATS: dict[str, Format] = {
    "turtle": _rdf(RdfFormat.TURTLE),
    "ntriples": _rdf(RdfFormat.N_TRIPLES),
    "nquads": _rdf(RdfFormat.N_QUADS),
    "trig": _rdf(RdfFormat.TRIG),
    "jsonld": Format("JSON-LD", "application/ld+json", "jsonld", _jsonld, rdf=True),
    "rdfxml": _rdf(RdfFormat.RDF_XML),
    "graphml": Format("GraphML", "application/graphml+xml", "graphml", _graphml, rdf=False),
    "gexf": Format("GEXF", "application/gexf+xml", "gexf", _gexf, rdf=False),
    "csv": Format("CSV (nodes and edges, zipped)", "application/zip", "csv.zip", _csv, rdf=False),
    "cytoscape": Format("Cytoscape.js JSON", "application/json", "cyjs", _cytoscape, rdf=False),
    "html": Format("HTML page (works offline)", "text/html", "html", _html, rdf=False),
}
# A SELECT or ASK query's result: SPARQL results CSV or JSON.
RESULT_FORMATS = ("csv", "json")
NAMES = sorted(set(FORMATS) | set(RESULT_FORMATS))


# --- entry points -------------------------------------------------------------------------------

def prepare(store: GraphStore, fmt: str, entity: str | None = None, depth: int | None = None,
            query: str | None = None, name: str = "query") -> Export:
    """Check an export of the whole graph, of `entity`'s neighbourhood or of `query`'s result."""
    if fmt not in NAMES:
        raise ExportError(f"unknown format {fmt!r}: choose one of {', '.join(NAMES)}")
    if entity is not None and query is not None:
        raise ExportError("export an entity's neighbourhood or a query's result, not both")
    if depth is not None and entity is None:
        raise ExportError("a depth needs an entity")
    if depth is not None and depth < 0:
        raise ExportError(f"depth {depth}: it counts links, 0 or more")
    if query is not None:
        return _query_export(store, fmt, query, name)
    if fmt not in FORMATS:
        raise ExportError(f"{fmt} is for a SELECT query's result; the graph exports as {', '.join(FORMATS)}")
    scope = Whole(store) if entity is None else Neighbourhood(store, entity, 1 if depth is None else depth)
    chosen = FORMATS[fmt]
    return Export(chosen.media_type, f"{scope.name}.{chosen.suffix}", lambda out: chosen.write(scope, out))


def _query_export(store: GraphStore, fmt: str, text: str, name: str) -> Export:
    try:
        result = store.query(text)
    except SyntaxError as err:
        raise ExportError(f"bad SPARQL: {first_line(err)}") from None
    if is_graph(result):
        chosen = FORMATS.get(fmt)
        if chosen is None or not chosen.rdf:
            rdf = ", ".join(n for n, f in FORMATS.items() if f.rdf)
            raise ExportError(f"a CONSTRUCT query's result exports as {rdf}, not {fmt}")
        scope = Constructed(result, name)
        return Export(chosen.media_type, f"{name}.{chosen.suffix}", lambda out: chosen.write(scope, out))
    if fmt not in RESULT_FORMATS:
        raise ExportError(f"a SELECT query's result exports as {' or '.join(RESULT_FORMATS)}, not {fmt}")
    results_format = formats.BY_NAME[fmt].oxigraph
    media_type = results_format.media_type.split(";")[0]  # bare, like the others: the web adds the charset
    return Export(media_type, f"{name}.{fmt}", lambda out: result.serialize(out, results_format))


def save(export: Export, path: Path) -> None:
    """Write an export to `path` whole or not at all: into a temporary file beside it, then renamed."""
    path = Path(path)
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as out:
            # mkstemp makes the file private (0600); the export gets the mode any new file gets.
            umask = os.umask(0)
            os.umask(umask)
            os.fchmod(out.fileno(), 0o666 & ~umask)
            export.write(out)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
