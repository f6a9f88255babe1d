"""The embedded, persistent Oxigraph store: one named graph per review."""
from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph
from pyoxigraph import NamedNode, Quad

DEFAULT_LOCATION = Path(__file__).resolve().parent.parent / "data" / "store"


class StoreError(Exception):
    """The store cannot be opened or written; the message says why in one line."""


def default_location() -> Path:
    return Path(os.environ.get("ATLAS_STORE") or DEFAULT_LOCATION)


class Store:
    """A graph store whose default graph, for queries, is the union of the review graphs."""

    def __init__(self, location: Path | None = None, read_only: bool = False):
        self.location = Path(location or default_location())
        try:
            if read_only:
                if not self.location.exists():
                    raise StoreError(f"no store at {self.location}: run 'atlas ingest' first")
                self._store = pyoxigraph.Store.read_only(str(self.location))
            else:
                self.location.parent.mkdir(parents=True, exist_ok=True)
                self._store = pyoxigraph.Store(str(self.location))
        except (OSError, RuntimeError) as err:  # RuntimeError: RocksDB's 'Corruption', e.g. a store being written
            raise StoreError(f"cannot open the store at {self.location}: {first_line(err)}") from None

    def query(self, sparql: str):
        """Run a SPARQL query over the union of all graphs (GRAPH ?g still sees each review)."""
        return self._store.query(sparql, use_default_graph_as_union=True)

    def replace_graph(self, graph: NamedNode, quads: list[Quad]) -> None:
        """Replace a named graph's content in one transaction: readers see all old or all new."""
        body = "\n".join(f"{q.subject} {q.predicate} {q.object} ." for q in quads)
        self._store.update(f"DROP SILENT GRAPH {graph} ;\nINSERT DATA {{ GRAPH {graph} {{\n{body}\n}} }}")

    def drop_graph(self, graph: NamedNode) -> None:
        self._store.update(f"DROP SILENT GRAPH {graph}")

    def named_graphs(self) -> list[NamedNode]:
        return [g for g in self._store.named_graphs() if isinstance(g, NamedNode)]

    def flush(self) -> None:
        self._store.flush()


def first_line(err: BaseException) -> str:
    return (str(err).strip().splitlines() or [type(err).__name__])[0]
