"""The formats a query's answer can be written in: SPARQL results for SELECT and ASK, RDF for graphs.

One list serves `atlas query --format`, the endpoint's content negotiation and its service
description, so a format offered in one place is offered in all of them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from pyoxigraph import QueryResultsFormat, RdfFormat

# A result form's kind: SELECT and ASK answer with SPARQL results, CONSTRUCT and DESCRIBE with RDF.
KIND = {"SELECT": "results", "ASK": "results", "CONSTRUCT": "graph", "DESCRIBE": "graph"}


@dataclass(frozen=True)
class Format:
    name: str  # as `atlas query --format` and the endpoint's `format` parameter say it
    label: str  # as people call it, for download buttons
    kind: str  # "results" or "graph"
    oxigraph: QueryResultsFormat | RdfFormat
    also: tuple[str, ...] = ()  # other media types clients ask for it by
    w3c: str = ""  # its IRI at http://www.w3.org/ns/formats/, for the service description
    boolean: bool = False  # an ASK answer can be written in it (CSV and TSV have no boolean)

    @property
    def media_type(self) -> str:
        return self.oxigraph.media_type

    @property
    def media_types(self) -> tuple[str, ...]:
        return (self.media_type.split(";")[0], *self.also)

    @property
    def extension(self) -> str:
        return self.oxigraph.file_extension

    def suits(self, form: str) -> bool:
        return KIND[form] == self.kind and (form != "ASK" or self.boolean)


_W3C = "http://www.w3.org/ns/formats/"

# In order of preference: the first that suits a query is the answer's format when a client
# accepts anything.
FORMATS = (
    Format("json", "JSON", "results", QueryResultsFormat.JSON, ("application/json",), _W3C + "SPARQL_Results_JSON", True),
    Format("xml", "XML", "results", QueryResultsFormat.XML, ("application/xml", "text/xml"), _W3C + "SPARQL_Results_XML",
           True),
    Format("csv", "CSV", "results", QueryResultsFormat.CSV, (), _W3C + "SPARQL_Results_CSV"),
    Format("tsv", "TSV", "results", QueryResultsFormat.TSV, (), _W3C + "SPARQL_Results_TSV"),
    Format("turtle", "Turtle", "graph", RdfFormat.TURTLE, ("application/x-turtle",), _W3C + "Turtle"),
    Format("ntriples", "N-Triples", "graph", RdfFormat.N_TRIPLES, (), _W3C + "N-Triples"),
    Format("rdfxml", "RDF/XML", "graph", RdfFormat.RDF_XML, (), _W3C + "RDF_XML"),
    Format("jsonld", "JSON-LD", "graph", RdfFormat.JSON_LD, ("application/json",), _W3C + "JSON-LD"),
)
BY_NAME = {f.name: f for f in FORMATS}
NAMES = tuple(BY_NAME)


def choose(form: str, wanted: Iterable[str]) -> Format | None:
    """The first format named in `wanted` that suits the query form, or None."""
    for name in wanted:
        fmt = BY_NAME.get(name)
        if fmt is not None and fmt.suits(form):
            return fmt
    return None


class Overflow(Exception):
    """The answer grew past the size allowed."""


class _Capped:
    """A bytes buffer that refuses to grow past `limit`: the serializer stops with Overflow."""

    def __init__(self, limit: int | None):
        self.limit, self.parts, self.size = limit, [], 0

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.limit is not None and self.size > self.limit:
            raise Overflow(self.limit)
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def getvalue(self) -> bytes:
        return b"".join(self.parts)


def serialize(result, fmt: Format, limit: int | None = None) -> bytes:
    """A query's result written in `fmt`, or Overflow past `limit` bytes."""
    out = _Capped(limit)
    result.serialize(out, fmt.oxigraph)
    return out.getvalue()
