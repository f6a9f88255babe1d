"""Virtuoso 7 as the graph store: where it differs from the SPARQL 1.1 engines of graph/remote.py.

- Its URLs: /sparql takes queries and updates, /sparql-graph-crud the Graph Store Protocol.
- Its default graph is the union of every graph it holds, its own included, with a triple once
  per graph that states it. So the union of the atlas's named graphs is kept in a named graph
  (UNION_GRAPH), and each query is sent with its WHERE clause inside GRAPH <UNION_GRAPH>, and a
  FILTER that leaves that graph out beside each GRAPH ?g. Not the protocol's default-graph-uri:
  given one, Virtuoso finds nothing in GRAPH <iri> (and counts that nothing as 1). Not its own
  `input:named-graph-exclude` either: it empties the default graph when that is the graph left
  out. A query that names its own graphs (FROM, FROM NAMED), or is given a dataset, is left as it
  is. Virtuoso's own graphs are made private to the endpoint's user when it is set up
  (graph/virtuoso_server.py, README).
- It turns an INSERT DATA into SQL of at most 10,000 lines (some 1,000 triples), takes no
  request over 10 MB, and keeps what the earlier operations of a failed update wrote. So a graph
  goes in through the Graph Store Protocol, which takes any size: the graph, then the union, then
  in an update of its own the graph's content hash. A write cut short leaves a graph with no
  hash, which the next ingest or import reads again (and forgets first). Readers may see a graph
  while it is written.
- Past ResultSetMaxRows it sends the first rows of an answer with a 200, and says so only in a
  header: such an answer is an error here. A query it estimates past MaxQueryCostEstimationTime it
  refuses at once: reported as a query past its time limit.
"""
from __future__ import annotations

import json
import re
from typing import Iterable

import pyoxigraph
from pyoxigraph import NamedNode, Quad, RdfFormat, Triple

from . import queries
from .remote import EngineTimeout, RemoteStore
from .store import StoreError, forget_update
from .vocab import ATLAS, UNION_GRAPH, XSD

# GRAPH with a variable, up to its group's opening brace.
_GRAPH_VARIABLE = re.compile(r"(?<![\w:?$-])GRAPH\s+([?$]\w+)\s*\{", re.I)
# The short form CONSTRUCT WHERE { template }, whose template is its pattern.
_SHORT_CONSTRUCT = re.compile(r"(?<![\w:?$-])CONSTRUCT\s+WHERE\s*\{", re.I)


class VirtuosoStore(RemoteStore):
    QUERY_PATH, UPDATE_PATH, GRAPH_STORE_PATH = "sparql", "sparql", "sparql-graph-crud"
    union_graph = NamedNode(UNION_GRAPH)

    def query(self, sparql, **dataset):
        try:
            return super().query(sparql, **dataset)
        except StoreError as err:
            # Virtuoso refuses at once a query whose estimated time is past its limit
            # (MaxQueryCostEstimationTime): a query too slow, as one past a time limit is.
            if isinstance(err, EngineTimeout) or "estimated execution time" not in str(err):
                raise
            raise EngineTimeout(str(err)) from None

    def _check_whole(self, response) -> None:
        # Past ResultSetMaxRows, Virtuoso sends the first rows with a 200 and this header (also on
        # an answer of exactly that many rows, which cannot be told apart).
        cut = response.headers.get("X-SPARQL-MaxRows")
        if cut:
            raise StoreError(f"the engine at {self.query_url} cut its answer at {cut} rows: "
                             f"raise ResultSetMaxRows in its virtuoso.ini")

    def _normalised(self, body: bytes, media_type: str) -> bytes:
        # Virtuoso's JSON results write a boolean as "1" or "0" (its N-Triples say "true"): valid
        # lexical forms, but not the canonical ones the other engines give and the explorer reads.
        if media_type != "application/sparql-results+json":
            return body
        answer = json.loads(body)
        for row in answer.get("results", {}).get("bindings", []):
            for term in row.values():
                if term.get("datatype") == XSD.boolean.value and term.get("value") in ("0", "1"):
                    term["value"] = "true" if term["value"] == "1" else "false"
        return json.dumps(answer).encode()

    def prepare(self, sparql, default_graph=None, named_graphs=None):
        text, dataset = super().prepare(sparql, default_graph, named_graphs)
        try:
            text = self._without_union(text)
            return (text, dataset) if dataset or queries.names_dataset(text) else (self._in_union(text), dataset)
        except ValueError:  # a group that never closes: Virtuoso says where the query is wrong
            return text, dataset

    def _without_union(self, sparql: str) -> str:
        """The query with a FILTER beside each GRAPH ?g that leaves the union graph out: in the
        group around the GRAPH pattern, where ?g is always bound (inside it, it is not yet)."""
        code = queries.code(sparql)
        ends = [(queries.closing_brace(code, found.end() - 1) + 1, found.group(1))
                for found in _GRAPH_VARIABLE.finditer(code)]
        for at, variable in reversed(ends):
            sparql = f"{sparql[:at]} FILTER ({variable} != {self.union_graph}){sparql[at:]}"
        return sparql

    def _in_union(self, sparql: str) -> str:
        """The query with its WHERE clause read in the union graph (a DESCRIBE with none reads
        every graph the endpoint's user sees, which as a set of triples is the union)."""
        short = _SHORT_CONSTRUCT.search(queries.code(sparql))
        where = queries.where_group(sparql)
        if where is None:
            return sparql
        opening, closing = where
        pattern = sparql[opening + 1:closing]
        inside = f"{{ GRAPH {self.union_graph} {{{pattern}}} }}"
        if short:  # CONSTRUCT WHERE { P } is CONSTRUCT { P } WHERE { P }
            return f"{sparql[:short.start()]}CONSTRUCT {{{pattern}}} WHERE {inside}{sparql[closing + 1:]}"
        return f"{sparql[:opening]}{inside}{sparql[closing + 1:]}"

    def named_graphs(self) -> list[NamedNode]:
        return [s["g"] for s in self.query(queries.internal("named-graphs"))]

    def replace_graph(self, graph: NamedNode, quads: Iterable[Quad]) -> None:
        self._writable()
        triples = [Triple(q.subject, q.predicate, q.object) for q in quads]
        hashes = [t for t in triples if t.subject == graph and t.predicate == ATLAS.contentHash]
        rest = [t for t in triples if not (t.subject == graph and t.predicate == ATLAS.contentHash)]
        if self.has_graph(graph):
            self.update(self._forget(graph))
        if rest:
            body = pyoxigraph.serialize(rest, format=RdfFormat.N_TRIPLES)
            self._write(graph, "PUT", body)
            self._write(self.union_graph, "POST", body)
        if hashes:
            stated = " ".join(f"{t} ." for t in hashes)
            self.update(f"INSERT DATA {{ GRAPH {graph} {{ {stated} }} GRAPH {self.union_graph} {{ {stated} }} }}")

    def drop_graph(self, graph: NamedNode) -> None:
        self._writable()
        self.update(self._forget(graph))

    def _forget(self, graph: NamedNode) -> str:
        # The content hash goes first: a graph left half-forgotten has none, and is read again.
        hashed = f"{graph} {ATLAS.contentHash} ?hash"
        return (f"DELETE {{ GRAPH {graph} {{ {hashed} }} GRAPH {self.union_graph} {{ {hashed} }} }} "
                f"WHERE {{ GRAPH {graph} {{ {hashed} }} }} ;\n{forget_update(graph, self.union_graph)}")

    def _write(self, graph: NamedNode, method: str, ntriples: bytes) -> None:
        """PUT (replace) or POST (add to) a graph's triples through the Graph Store Protocol."""
        response = self._send(method, self.graph_store_url, None, params={"graph": graph.value}, data=ntriples,
                              headers={"Content-Type": "application/n-triples"})
        self._check(response, "graph store")
