"""The embedded, persistent Oxigraph store: one named graph per review."""
from __future__ import annotations

import os
import time
from pathlib import Path
from typing import BinaryIO

import pyoxigraph
from pyoxigraph import DefaultGraph, NamedNode, Quad, RdfFormat, Variable

DEFAULT_LOCATION = Path(__file__).resolve().parent.parent / "data" / "store"


class StoreError(Exception):
    """The store cannot be opened or written; the message says why in one line."""


def default_location() -> Path:
    return Path(os.environ.get("ATLAS_STORE") or DEFAULT_LOCATION)


class Store:
    """A graph store with one named graph per review.

    The default graph is kept equal to the union of the review graphs, written in the same
    transaction as each review. Queries then read a plain default graph with set semantics:
    pyoxigraph 0.5's union-default-graph mode returns a triple once per graph that holds it.
    """

    def __init__(self, location: Path | None = None, read_only: bool = False):
        self.location = Path(location or default_location())
        self.read_only = read_only
        try:
            if read_only:
                if not self.location.exists():
                    raise StoreError(f"no store at {self.location}: run 'atlas ingest' first")
                self._store = open_read_only(self.location)
            else:
                self.location.parent.mkdir(parents=True, exist_ok=True)
                self._store = pyoxigraph.Store(str(self.location))
        except (OSError, RuntimeError) as err:  # RuntimeError: RocksDB's 'Corruption', e.g. a store being written
            raise StoreError(f"cannot open the store at {self.location}: {first_line(err)}") from None

    def query(self, sparql: str, **bindings):
        """Run a SPARQL query; the default graph is the union, GRAPH ?g sees each review.

        `bindings` give variables their values (RDF terms) by substitution, so that a user's
        text or an IRI from a URL never becomes part of the query's text. (Oxigraph's rule: a
        SELECT query must project each variable it binds.)
        """
        substitutions = {Variable(name): term for name, term in bindings.items()}
        return self._store.query(sparql, substitutions=substitutions or None)

    def replace_graph(self, graph: NamedNode, quads: list[Quad]) -> None:
        """Replace a named graph's content in one transaction: readers see all old or all new."""
        body = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
        self._store.update(f"{_forget(graph)} ;\nINSERT DATA {{ GRAPH {graph} {{\n{body}\n}}\n{body}\n}}")

    def drop_graph(self, graph: NamedNode) -> None:
        self._store.update(_forget(graph))

    def named_graphs(self) -> list[NamedNode]:
        return [g for g in self._store.named_graphs() if isinstance(g, NamedNode)]

    def dump(self, output: BinaryIO, fmt: RdfFormat, prefixes: dict[str, str] | None = None) -> None:
        """Write the graph to `output` as it is read, never whole in memory.

        A triple format gets the default graph. A dataset format gets the review graphs only:
        the default graph, their union, would state every triple a second time.
        """
        if fmt.supports_datasets:
            quads = (quad for graph in self.named_graphs()
                     for quad in self._store.quads_for_pattern(None, None, None, graph))
            pyoxigraph.serialize(quads, output, fmt, prefixes=prefixes)
        else:
            self._store.dump(output, fmt, from_graph=DefaultGraph(), prefixes=prefixes)

    def flush(self) -> None:
        self._store.flush()


def open_read_only(location: Path | str, attempts: int = 10) -> pyoxigraph.Store:
    """A read-only opening of the store, while another process may be writing it.

    Opening reads the list of the store's files, then the files; a writer that compacts in
    between deletes some of them, and the opening fails ("Corruption: ... No such file"; seen in
    about one opening of a hundred during an ingest). Trying again reads the new list.
    """
    for attempt in range(attempts):
        try:
            return pyoxigraph.Store.read_only(str(location))
        except (OSError, RuntimeError):
            if attempt == attempts - 1:
                raise
            time.sleep(0.02 * (attempt + 1))
    raise AssertionError("unreachable")


def _forget(graph: NamedNode) -> str:
    """An update that drops a review graph and those of its triples no other review states."""
    return (f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER (?other != {graph}) }} }} ;\n"
            f"DROP SILENT GRAPH {graph}")


def first_line(err: BaseException) -> str:
    return (str(err).strip().splitlines() or [type(err).__name__])[0]
