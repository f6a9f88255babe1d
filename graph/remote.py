"""A SPARQL 1.1 engine over HTTP as the graph store (Oxigraph server, Fuseki, GraphDB...; Virtuoso
through graph/virtuoso.py, which builds on this).

Reads go to the engine's query URL (SPARQL 1.1 Protocol), writes to its update URL, and a
dump reads its Graph Store Protocol URL graph by graph. The defaults are the Oxigraph server's
(/query, /update, /store); other engines name them otherwise (Fuseki: /DATASET/query,
/DATASET/update, /DATASET/data), so each can be set, absolute or relative to the store's URL.
Answers come back as pyoxigraph's own result objects, so the code that reads the embedded store
reads an engine the same way.
"""
from __future__ import annotations

import copy
import re
import time
from typing import BinaryIO, Iterator

import pyoxigraph
import requests
import urllib3
from pyoxigraph import NamedNode, QueryResultsFormat, Quad, RdfFormat, Triple
from requests.adapters import HTTPAdapter

from . import queries
from .store import GraphStore, StoreError, first_line
from .vocab import EMPTY_GRAPH

DEFAULT_TIMEOUT = 60.0  # seconds a query's answer may take; a slower engine is reported, not waited for
CONNECT_TIMEOUT = 5.0
# Connections kept open to the engine: one per request the explorer and /sparql serve at once.
POOL_SIZE = 32
# What to ask for: JSON results for SELECT and ASK, N-Triples for CONSTRUCT and DESCRIBE. One
# type by the query's form, not a list with preferences: Virtuoso ignores the q values and sends
# a CONSTRUCT as JSON results, or a SELECT as broken N-Triples, when the other type comes first.
RESULTS_ACCEPT = "application/sparql-results+json"
TRIPLES_ACCEPT = "application/n-triples"


class EngineTimeout(StoreError):
    """The engine sent no whole answer in time."""


class AnswerTooLarge(StoreError):
    """The engine's answer grew past the size allowed."""


class RemoteStore(GraphStore):
    """The graph in a SPARQL engine at `url`. Reads see every write at once.

    `timeout` bounds each query's whole answer, `max_bytes` its size (None: no bound). An update
    has no time bound: the engine applies it whatever the client does, so giving up on it
    would report a failure that did not happen.
    """

    # Where the engine takes queries, updates and Graph Store Protocol requests, under its URL:
    # the Oxigraph server's, unless the user names others.
    QUERY_PATH, UPDATE_PATH, GRAPH_STORE_PATH = "query", "update", "store"
    # The named graph that holds the union of the others, where the engine's default graph cannot.
    union_graph: NamedNode | None = None

    def __init__(self, url: str, read_only: bool = False, query_url: str | None = None,
                 update_url: str | None = None, graph_store_url: str | None = None,
                 timeout: float | None = DEFAULT_TIMEOUT, max_bytes: int | None = None):
        self.location = url.rstrip("/")
        self.read_only = read_only
        self.query_url = _under(self.location, query_url or self.QUERY_PATH)
        self.update_url = _under(self.location, update_url or self.UPDATE_PATH)
        self.graph_store_url = _under(self.location, graph_store_url or self.GRAPH_STORE_PATH)
        self.timeout, self.max_bytes = timeout, max_bytes
        # A session is shared by the server's threads: urllib3's pool is thread-safe, and sized
        # so that no answer waits for, or throws away, a connection.
        self._http = requests.Session()
        self._http.mount("http://", HTTPAdapter(pool_maxsize=POOL_SIZE))
        self._http.mount("https://", HTTPAdapter(pool_maxsize=POOL_SIZE))
        self.query("ASK WHERE {}")  # an engine that is not there is one clear line now, not a failure later

    def with_limits(self, timeout: float | None, max_bytes: int | None = None) -> RemoteStore:
        """The same store (and connections), with other bounds on each query's answer."""
        clone = copy.copy(self)
        clone.timeout, clone.max_bytes = timeout, max_bytes
        return clone

    def query(self, sparql, *, base_iri=None, default_graph=None, named_graphs=None):
        text = sparql
        if base_iri:
            text = f"BASE {NamedNode(base_iri)}\n{text}"
        accept = RESULTS_ACCEPT if queries.form(text) in ("SELECT", "ASK") else TRIPLES_ACCEPT
        text, dataset = self.prepare(text, default_graph, named_graphs)
        form = [("query", text), *dataset]
        deadline = time.monotonic() + self.timeout if self.timeout else None
        response = self._send("POST", self.query_url, self.timeout, data=form, headers={"Accept": accept},
                              stream=True)
        with response:
            if response.status_code == 400:
                raise SyntaxError(f"the engine refused the query: {_reason(response)}")
            self._check(response, "query")
            self._check_whole(response)
            body = self._body(response, deadline)
        media_type = response.headers.get("Content-Type", "").split(";")[0].strip()
        body = self._normalised(body, media_type)
        try:
            results_format = QueryResultsFormat.from_media_type(media_type)
            if results_format is not None:
                return pyoxigraph.parse_query_results(body, results_format)
            rdf_format = RdfFormat.from_media_type(media_type)
            if rdf_format is not None:
                return Triples(pyoxigraph.parse(body, rdf_format))
        except SyntaxError as err:  # Oxigraph's server appends its timeout message to a 200 answer
            raise StoreError(f"the engine at {self.query_url} sent a broken answer: {first_line(err)}") from None
        raise StoreError(f"the engine at {self.query_url} answered in an unknown format: {media_type or 'none'}")

    def prepare(self, sparql: str, default_graph: list[NamedNode] | None = None,
                named_graphs: list[NamedNode] | None = None) -> tuple[str, list[tuple[str, str]]]:
        """The query as this engine is sent it, and the protocol's dataset parameters: none,
        unless the caller gives a dataset. A part of it left out is empty, and the protocol has
        no way to say "empty": a graph no one writes is."""
        if default_graph is None and named_graphs is None:
            return sparql, []
        return sparql, ([("default-graph-uri", g.value) for g in default_graph or [NamedNode(EMPTY_GRAPH)]]
                        + [("named-graph-uri", g.value) for g in named_graphs or [NamedNode(EMPTY_GRAPH)]])

    def update(self, sparql: str) -> None:
        self._writable()
        response = self._send("POST", self.update_url, None, data={"update": sparql})
        self._check(response, "update")

    def named_graphs(self) -> list[NamedNode]:
        return [s["g"] for s in self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g {} }")]

    def version(self) -> tuple | None:
        try:
            return tuple(tuple(s) for s in self.query(queries.internal("graph-versions")))
        except (StoreError, SyntaxError):  # the engine is away for a moment: ask again later
            return None

    def dump(self, output: BinaryIO, fmt: RdfFormat, prefixes: dict[str, str] | None = None) -> None:
        if fmt.supports_datasets:
            quads: Iterator = (Quad(t.subject, t.predicate, t.object, graph) for graph in self.named_graphs()
                               for t in self._graph_triples({"graph": graph.value}))
            pyoxigraph.serialize(quads, output, fmt, prefixes=prefixes)
        else:
            union = {"graph": self.union_graph.value} if self.union_graph else {"default": ""}
            pyoxigraph.serialize(self._graph_triples(union), output, fmt, prefixes=prefixes)

    def _graph_triples(self, params: dict[str, str]) -> Iterator[Triple]:
        """One graph's triples through the Graph Store Protocol, parsed as they arrive."""
        response = self._send("GET", self.graph_store_url, self.timeout, params=params,
                              headers={"Accept": "application/n-triples"}, stream=True)
        with response:
            if response.status_code == 404:  # an empty graph, for some engines
                return
            self._check(response, "graph store")
            response.raw.decode_content = True
            try:
                yield from pyoxigraph.parse(response.raw, RdfFormat.N_TRIPLES)
            except SyntaxError as err:
                raise StoreError(f"the engine at {self.graph_store_url} sent broken N-Triples: "
                                 f"{first_line(err)}") from None
            except (requests.RequestException, urllib3.exceptions.HTTPError, OSError) as err:
                raise StoreError(f"the connection to the engine at {self.graph_store_url} broke while "
                                 f"it sent the graph: {_cause(err)}") from None

    def _body(self, response: requests.Response, deadline: float | None) -> bytes:
        """The whole answer, read while the deadline and the size bound hold."""
        parts, size = [], 0
        try:
            for chunk in response.iter_content(chunk_size=1 << 16):
                size += len(chunk)
                if self.max_bytes is not None and size > self.max_bytes:
                    raise AnswerTooLarge(f"the engine's answer is larger than {self.max_bytes / 2**20:g} MiB")
                if deadline is not None and time.monotonic() > deadline:
                    raise self._late(response.url)
                parts.append(chunk)
        except requests.Timeout:
            raise self._late(response.url) from None
        except requests.RequestException as err:
            raise StoreError(f"the connection to the engine at {response.url} broke: {_cause(err)}") from None
        return b"".join(parts)

    def _late(self, url: str) -> EngineTimeout:
        return EngineTimeout(f"the engine at {url} sent no whole answer within {self.timeout:g} s")

    def _send(self, method: str, url: str, timeout: float | None, **kwargs) -> requests.Response:
        try:
            return self._http.request(method, url, timeout=(CONNECT_TIMEOUT, timeout), **kwargs)
        except requests.ConnectTimeout:
            raise StoreError(f"cannot reach the SPARQL engine at {url} within {CONNECT_TIMEOUT:g} s") from None
        except requests.Timeout:
            raise self._late(url) from None
        except requests.RequestException as err:
            raise StoreError(f"cannot reach the SPARQL engine at {url}: {_cause(err)}") from None

    def _normalised(self, body: bytes, media_type: str) -> bytes:
        """An answer's body as the parsers should read it; an engine's backend may mend its quirks."""
        return body

    def _check_whole(self, response: requests.Response) -> None:
        """Fails on an answer the engine says it cut short (none of the SPARQL 1.1 engines does)."""

    @staticmethod
    def _check(response: requests.Response, what: str) -> None:
        if not response.ok:
            raise StoreError(f"the engine's {what} URL {response.url} answered {response.status_code}: "
                             f"{_reason(response)}")


class Triples(list):
    """A CONSTRUCT or DESCRIBE answer: its triples, and `serialize` as pyoxigraph's QueryTriples has."""

    def serialize(self, output: BinaryIO | None = None, format: RdfFormat = RdfFormat.N_TRIPLES):
        return pyoxigraph.serialize(self, output, format)


def _under(base: str, url: str) -> str:
    return url if re.match(r"[a-z][a-z0-9+.-]*://", url, re.IGNORECASE) else f"{base}/{url.lstrip('/')}"


def _reason(response: requests.Response) -> str:
    text = response.text.strip()
    return first_line(Exception(text)) if text else response.reason or "no reason given"


def _cause(err: Exception) -> str:
    # requests nests the OS error several wrappers deep; its last words are the useful ones.
    return str(err).rsplit(": ", 1)[-1].strip("')\"") or type(err).__name__
