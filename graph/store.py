"""Where the graph lives: one named graph per review (or catalog source), behind one interface.

`GraphStore` is what the rest of the code uses. Two backends implement it: `Store`, the
embedded, on-disk Oxigraph store (the default), and `graph.remote.RemoteStore`, any SPARQL 1.1
engine with the Graph Store Protocol. `open_store` picks one from what the user wrote, as
rdflib's plugin registry picks a store from its name: a URL whose scheme is registered in
`BACKENDS` is a remote engine, anything else a folder.

Every backend keeps the default graph equal to the union of the named graphs, written in the
same transaction as each named graph. Queries then read a plain default graph with set
semantics on every engine: a union-default-graph mode (Oxigraph's, Fuseki's) returns a triple
once per graph that holds it, so counts would depend on how many reviews state a fact.
"""
from __future__ import annotations

import importlib
import os
import re
import time
from abc import ABC, abstractmethod
from pathlib import Path
from typing import BinaryIO, Iterable

import pyoxigraph
from pyoxigraph import DefaultGraph, NamedNode, Quad, QueryBoolean, QuerySolutions, RdfFormat

DEFAULT_LOCATION = Path(__file__).resolve().parent.parent / "data" / "store"


class StoreError(Exception):
    """The store cannot be opened or written; the message says why in one line."""


def default_location() -> Path:
    return Path(os.environ.get("ATLAS_STORE") or DEFAULT_LOCATION)


class GraphStore(ABC):
    """A dataset of named graphs whose default graph is their union. `read_only`: this opening
    never writes."""

    location: Path | str
    read_only: bool

    @abstractmethod
    def query(self, sparql: str, *, base_iri: str | None = None,
              default_graph: list[NamedNode] | None = None, named_graphs: list[NamedNode] | None = None):
        """Run a SPARQL query; the default graph is the union, GRAPH ?g sees each named graph.

        The result is pyoxigraph's: QuerySolutions, QueryBoolean or an iterable of triples with
        a `serialize(output, format)` method. `default_graph` and `named_graphs`, if given,
        replace the dataset the query reads, as the SPARQL protocol's parameters do. (To give a
        variable a value, graph.queries.query binds it in the query's text, for every backend.)
        """

    @abstractmethod
    def update(self, sparql: str) -> None:
        """Run a SPARQL update, as one transaction."""

    @abstractmethod
    def named_graphs(self) -> list[NamedNode]:
        """The named graphs: one per review and per catalog source."""

    @abstractmethod
    def dump(self, output: BinaryIO, fmt: RdfFormat, prefixes: dict[str, str] | None = None) -> None:
        """Write the graph to `output` as it is read, never whole in memory.

        A triple format gets the default graph. A dataset format gets the named graphs only:
        the default graph, their union, would state every triple a second time.
        """

    def flush(self) -> None:
        """Make what was written durable (a remote engine does so when it answers)."""

    @abstractmethod
    def version(self) -> object:
        """A value that changes whenever the data does, cheap enough to ask for every second;
        None when it cannot be told now (ask again later)."""

    def reopened(self) -> GraphStore:
        """This store as it is now: a new opening of a snapshot, the same object otherwise."""
        return self

    def with_limits(self, timeout: float | None, max_bytes: int | None = None) -> GraphStore:
        """This store with bounds on each query's answer, where it waits for one: an engine's.
        An embedded store answers in its caller's process, which bounds it (graph/endpoint.py)."""
        return self

    def replace_graph(self, graph: NamedNode, quads: Iterable[Quad]) -> None:
        """Replace a named graph's content in one transaction: readers see all old or all new."""
        self._writable()
        body = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
        # Oxigraph takes twice as long over an INSERT DATA that follows a DELETE in the same
        # update, even a DELETE of nothing (39 s against 18 s for 670,000 quads): a new graph has
        # nothing to forget.
        forget = f"{forget_update(graph)} ;\n" if self.has_graph(graph) else ""
        self.update(f"{forget}INSERT DATA {{ GRAPH {graph} {{\n{body}\n}}\n{body}\n}}")

    def has_graph(self, graph: NamedNode) -> bool:
        return bool(self.query(f"ASK WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} }}"))

    def drop_graph(self, graph: NamedNode) -> None:
        self._writable()
        self.update(forget_update(graph))

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(f"the store at {self.location} is open read-only")


class Store(GraphStore):
    """The embedded, on-disk Oxigraph store (pyoxigraph): one writer per folder, any number of
    read-only openings beside it, each a snapshot of the folder when it was opened."""

    def __init__(self, location: Path | str | None = None, read_only: bool = False):
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

    def query(self, sparql, *, base_iri=None, default_graph=None, named_graphs=None):
        dataset = {}
        if default_graph is not None or named_graphs is not None:
            dataset = {"default_graph": default_graph or [], "named_graphs": named_graphs or []}
        return self._store.query(sparql, base_iri=base_iri, **dataset)

    def update(self, sparql: str) -> None:
        self._store.update(sparql)

    def named_graphs(self) -> list[NamedNode]:
        return [g for g in self._store.named_graphs() if isinstance(g, NamedNode)]

    def dump(self, output, fmt, prefixes=None):
        if fmt.supports_datasets:
            quads = (quad for graph in self.named_graphs()
                     for quad in self._store.quads_for_pattern(None, None, None, graph))
            pyoxigraph.serialize(quads, output, fmt, prefixes=prefixes)
        else:
            self._store.dump(output, fmt, from_graph=DefaultGraph(), prefixes=prefixes)

    def flush(self) -> None:
        self._store.flush()

    def version(self) -> tuple | None:
        return folder_version(self.location)

    def reopened(self) -> Store:
        return Store(self.location, read_only=self.read_only)


def folder_version(location: Path | str) -> tuple | None:
    """The names, sizes and times of an embedded store's files: every commit appends to RocksDB's
    write-ahead log, and a flush or compaction writes new files. (RocksDB's diagnostic LOG files
    are left out: opening the store writes to them.) One scandir, about 50 µs."""
    try:
        return tuple(sorted((entry.name, stat.st_size, stat.st_mtime_ns)
                            for entry in os.scandir(location) if not entry.name.startswith("LOG")
                            for stat in (entry.stat(),)))
    except OSError:  # a file went while it was looked at
        return None


# URL scheme -> "module:class" of the backend for it, imported when first used (as rdflib's
# plugin registry does); a name without a scheme is a folder.
BACKENDS: dict[str, str] = {"http": "graph.remote:RemoteStore", "https": "graph.remote:RemoteStore"}
# Engines that need a backend of their own (`--engine`); "sparql" is any other SPARQL 1.1 engine.
ENGINES: dict[str, str] = {"sparql": "graph.remote:RemoteStore", "virtuoso": "graph.virtuoso:VirtuosoStore"}


def open_store(where: Path | str | None = None, read_only: bool = False, **options) -> GraphStore:
    """The store at `where`: a folder (default: data/store or $ATLAS_STORE) or an engine's URL.

    `options` go to a remote backend (its query, update and graph store URLs); `engine` picks
    the backend of an engine that needs its own.
    """
    scheme = re.match(r"([a-z][a-z0-9+.-]*)://", str(where or ""), re.IGNORECASE)
    options = {name: value for name, value in options.items() if value is not None}
    if not scheme:
        if options:
            raise StoreError(f"{', '.join(options)} apply to a SPARQL engine's URL, and the store is a folder "
                             f"({where or default_location()})")
        return Store(where, read_only=read_only)
    if scheme.group(1).lower() not in BACKENDS:
        raise StoreError(f"no store backend for {scheme.group(1)}:// URLs ({where}); "
                         f"a store is a folder or an {' or '.join(BACKENDS)} URL")
    engine = options.pop("engine", None)
    if engine is not None and engine not in ENGINES:
        raise StoreError(f"no engine {engine!r}: choose one of {', '.join(ENGINES)}")
    module, name = (ENGINES[engine] if engine else BACKENDS[scheme.group(1).lower()]).split(":")
    return getattr(importlib.import_module(module), name)(str(where), read_only=read_only, **options)


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


def forget_update(graph: NamedNode, union: NamedNode | None = None) -> str:
    """An update that drops a named graph and, from the union of the named graphs (the default
    graph, or the named graph `union` where an engine keeps it there), those of its triples no
    other graph states."""
    others, target = (f"{graph}, {union}", f"GRAPH {union} {{ ?s ?p ?o }}") if union else (str(graph), "?s ?p ?o")
    return (f"DELETE {{ {target} }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER (?other NOT IN ({others})) }} }} ;\n"
            f"DROP SILENT GRAPH {graph}")


def is_graph(result) -> bool:
    """Whether a query's result is triples (CONSTRUCT, DESCRIBE), whichever backend answered."""
    return not isinstance(result, (QuerySolutions, QueryBoolean))


def first_line(err: BaseException) -> str:
    return (str(err).strip().splitlines() or [type(err).__name__])[0]
