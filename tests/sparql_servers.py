"""The SPARQL tests' servers: the real app, served as `atlas serve` serves it, on 127.0.0.1 in a thread, over a
store the test builds; and raw HTTP, so that a request carries exactly the headers a test gives."""
from __future__ import annotations

import gc
import http.client
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator
from urllib.parse import urlsplit

from pyoxigraph import NamedNode, Quad, Triple

from webapp import server


@contextmanager
def serving(location: Path, timeout: float = 30) -> Iterator[str]:
    """The app over the store at `location`, opened read-only as `atlas serve` opens it."""
    from graph.store import Store
    from webapp import create_app

    app = create_app(Store(location, read_only=True))
    app.config["SPARQL_QUERY_TIMEOUT"] = timeout
    with server.serving(app) as url:
        yield url


def build_store(location: Path, graphs: dict[str, Iterable[Triple]]) -> Path:
    """A store with one named graph per entry (and the default graph their union, as ingest keeps it)."""
    from graph.store import Store

    store = Store(location)
    for name, triples in graphs.items():
        graph = NamedNode(name)
        store.replace_graph(graph, [Quad(t.subject, t.predicate, t.object, graph) for t in triples])
    store.flush()
    del store
    gc.collect()  # the last reference goes: RocksDB's lock is released for the read-only server
    return location


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[str, str]  # names in lower case
    body: bytes

    @property
    def media_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip()

    @property
    def text(self) -> str:
        return self.body.decode("utf-8")


def send(url: str, method: str = "GET", body: bytes | None = None, headers: dict[str, str] | None = None,
         timeout: float = 60) -> Reply:
    """One HTTP request with only the headers given (urllib would add a Content-Type to a POST)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
    finally:
        connection.close()
