"""Catalog rows as works and people, merged with the review-derived ones, one named graph per source.

A row names a work (title, year, Wikidata item, the people who made it) and, optionally, the
work it adapts. Works resolve as the reviews' do (graph.resolve: title and medium, the year only
to tell a remake apart), so a catalog's "Never Let Me Go" novel is the reviews' node; a Wikidata
item the graph already has is found by its id before its title. Each source's graph carries a
record of where it came from: the files (path, SHA-256, format), the mapping, the row counts
and the time of the import. Importing a source again replaces its graph, unless its files and
mapping are the same as last time.
"""
from __future__ import annotations

import hashlib
import json
import re
import time
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterable

import yaml
from pyoxigraph import Literal, NamedNode, Quad

from . import queries
from .facts import KINDS, Work, medium, norm
from .resolve import Resolver, entity_iri
from .store import GraphStore
from .tables import FORMATS, SUFFIXES, CatalogError, Table, file_format, header_summary, read_table, sha256
from .vocab import ATLAS, KIND_CLASS, OWL, PROV, RDF, RDFS, SKOS, XSD, wikidata_item

ROLES = {"author": ATLAS.author, "director": ATLAS.director, "screenwriter": ATLAS.screenwriter,
         "cast": ATLAS.castMember}
BASED_ON_ROLES = {"author": ATLAS.author}
FIELDS = ("id", "title", "year", *ROLES, *(f"based_on_{f}" for f in ("id", "title", "year", *BASED_ON_ROLES)))
NAMING = ("id", "title", "based_on_id", "based_on_title")  # a file must have one of these columns


@dataclass(frozen=True)
class Mapping:
    """Which column holds each field ("a|b": the first of them with a value in the row)."""
    columns: dict[str, str] = field(default_factory=dict)
    kind: str | None = None  # of the row's work
    based_on_kind: str = "book"  # of the work it adapts: a book unless told (same medium as a novel)
    separator: str | None = ","  # between names in one cell; a JSON list needs none
    format: str | None = None  # None: each file's from its suffix
    conventions: bool = False  # Wikidata's: a column no file has is simply not there

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True, ensure_ascii=False)


# The variables of a WDQS query for films based on written works (P144) and their authors (P50),
# as the Query Service names labels: ?film ?filmLabel ?book ?bookLabel ?authorLabel.
WIKIDATA = Mapping(columns={"id": "film|movie", "title": "filmLabel|movieLabel", "year": "year|publicationDate",
                            "director": "directorLabel", "based_on_id": "book|work",
                            "based_on_title": "bookLabel|workLabel", "based_on_author": "authorLabel"},
                   kind="film", separator=None, conventions=True)


@dataclass
class ImportReport:
    source: str  # the source's graph IRI
    name: str
    unchanged: bool = False  # same files, same mapping: nothing was read
    replaced: bool = False  # the source was in the store before
    rows: int = 0
    skipped: list[str] = field(default_factory=list)  # "FILE:LINE: why", one per row left out
    triples: int = 0
    unlabelled: int = 0  # Wikidata items without a label, labelled by their id as Wikidata shows them
    seconds: dict[str, float] = field(default_factory=dict)  # read, resolve, write


def source_iri(name: str) -> NamedNode:
    return entity_iri("source", name)


def load_mapping(pairs: Iterable[str] = (), kind: str | None = None, based_on_kind: str | None = None,
                 separator: str | None = None, fmt: str | None = None, file: Path | None = None) -> Mapping:
    """A YAML mapping file's settings, then --map FIELD=COLUMN and the options over them.

    With no columns given at all, the Wikidata conventions (the options still apply)."""
    spec = _mapping_file(file) if file else {}
    columns = {str(k): str(v) for k, v in (spec.pop("columns", None) or {}).items()}
    for pair in pairs:
        name, eq, column = pair.partition("=")
        if not eq or not name.strip() or not column.strip():
            raise CatalogError(f"--map {pair}: write FIELD=COLUMN, e.g. --map title=original_title")
        columns[name.strip()] = column.strip()
    given = {"kind": kind, "based_on_kind": based_on_kind, "format": fmt}
    spec.update({k: v for k, v in given.items() if v is not None})
    if separator is not None:
        spec["separator"] = separator
    if "separator" in spec:
        spec["separator"] = spec["separator"] or None  # '' or null: one name per cell
    mapping = replace(WIKIDATA, **spec) if not columns and not file else Mapping(columns, **spec)
    _check(mapping)
    return mapping


def _mapping_file(path: Path) -> dict:
    try:
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        raise CatalogError(f"{path}: not a YAML mapping ({' '.join(str(err).split())[:120]})") from None
    known = {"columns", "kind", "based_on_kind", "separator", "format"}
    if not isinstance(spec, dict) or not set(spec) <= known or not isinstance(spec.get("columns") or {}, dict):
        raise CatalogError(f"{path}: a mapping is a YAML mapping of {', '.join(sorted(known))} "
                           "(columns: FIELD: COLUMN)")
    return {k: (str(v) if k != "columns" and v is not None else v) for k, v in spec.items()}


def _check(mapping: Mapping) -> None:
    unknown = sorted(set(mapping.columns) - set(FIELDS))
    if unknown:
        raise CatalogError(f"unknown field {unknown[0]!r} in the mapping; fields: {', '.join(FIELDS)}")
    for name, kind in (("kind", mapping.kind), ("based_on_kind", mapping.based_on_kind)):
        if kind is not None and kind not in KINDS:
            raise CatalogError(f"{name} {kind!r} is not one of {', '.join(KINDS)}")
    if mapping.format is not None and mapping.format not in FORMATS:
        raise CatalogError(f"format {mapping.format!r} is not one of {', '.join(FORMATS)}")
    if not set(NAMING) & set(mapping.columns):
        raise CatalogError("the mapping names no title or id column: give --map title=COLUMN")
    if mapping.kind is None and not all(f.startswith("based_on_") for f in mapping.columns):
        raise CatalogError(f"say what kind of work each row is: --kind one of {', '.join(KINDS)}")


def _present(mapping: Mapping, columns: list[str]) -> dict[str, list[str]]:
    have = set(columns)
    return {f: [c for c in spec.split("|") if c in have] for f, spec in mapping.columns.items()}


def _check_columns(mapping: Mapping, tables: list[Table]) -> None:
    for table in tables:
        if not any(_present(mapping, table.columns).get(f) for f in NAMING):
            if mapping.conventions:
                raise CatalogError(f"{table.path}: no mapping given, and it has no Wikidata columns (film or "
                                   f"movie, book or work) among: {header_summary(table.columns)}; map its columns, "
                                   "e.g. --map title=COLUMN --kind novel")
            raise CatalogError(f"{table.path}: none of the mapped title or id columns is in it; it has: "
                               f"{header_summary(table.columns)}")
    if not mapping.conventions:
        for name, spec in mapping.columns.items():
            if not any(c in t.columns for t in tables for c in spec.split("|")):
                raise CatalogError(f"column {spec!r} ({name}) is in none of the files; {tables[0].path.name} has: "
                                   f"{header_summary(tables[0].columns)}")


# ---------------------------------------------------------------- rows

class BadRow(Exception):
    """A row left out; the message says why."""


@dataclass
class Part:
    """One work a row names: the row's own, or the one it adapts."""
    kind: str
    title: str | None  # None: a Wikidata item whose label is in another row, or nowhere
    qid: str | None
    year: int | None
    people: list[tuple[NamedNode, str]]


def _first(values: dict, columns: list[str]):
    for column in columns:
        value = values.get(column)
        if value not in (None, []) and not (isinstance(value, str) and not value.strip()):
            return value
    return None


def _text(value, what: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, (list, dict)):
        raise BadRow(f"{what} is a {type(value).__name__}, not text")
    text = " ".join(str(value).split())
    return text if re.search(r"\w", text) else None  # "." stands for no one in some cast lists


def _year(value) -> int | None:
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    # "2008", "2008.0" (pandas wrote Goodreads' years so), "-720", an xsd:date or dateTime
    m = re.fullmatch(r"\s*(-?\d{1,4})(?:\.0*|-\d\d-\d\d(?:T[\d:.]+(?:Z|[+-]\d\d:\d\d)?)?)?\s*", str(value))
    if not m:
        raise BadRow(f"year {str(value)[:40]!r} is not a year")
    return int(m.group(1))


def _qid(value) -> str | None:
    text = _text(value, "id")
    if text is None:
        return None
    m = re.fullmatch(r"(?:https?://www\.wikidata\.org/entity/)?(Q\d+)", text)
    if not m:
        raise BadRow(f"id {text[:60]!r} is not a Wikidata item")
    return m.group(1)


def _names(value, separator: str | None) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list) else (str(value).split(separator) if separator else [value])
    return list(dict.fromkeys(name for item in items if (name := _text(item, "a name"))))


def _part(values: dict, cells: dict[str, list[str]], prefix: str, kind: str | None,
          roles: dict[str, NamedNode], separator: str | None) -> Part | None:
    def cell(name: str):
        return _first(values, cells.get(prefix + name, ()))

    qid, title, year = _qid(cell("id")), _text(cell("title"), "the title"), _year(cell("year"))
    people = [(prop, name) for role, prop in roles.items() for name in _names(cell(role), separator)]
    if title == qid:
        title = None  # the Query Service labels an item without a label in the language by its id
    if qid is None and title is None:
        if year is not None or people:
            raise BadRow(f"no {prefix.replace('_', ' ')}title")
        return None
    return Part(kind, title, qid, year, people)


def _rows(tables: list[Table], mapping: Mapping, report: ImportReport) -> list[tuple[Part | None, Part | None]]:
    parsed = []
    for table in tables:
        cells = _present(mapping, table.columns)
        for line, values in table.rows:
            report.rows += 1
            try:
                work = _part(values, cells, "", mapping.kind, ROLES, mapping.separator)
                source = _part(values, cells, "based_on_", mapping.based_on_kind, BASED_ON_ROLES, mapping.separator)
                if work is None and source is None:
                    raise BadRow("no title")
            except BadRow as why:
                report.skipped.append(f"{table.path.name}:{line}: {why}")
                continue
            parsed.append((work, source))
    return parsed


# ---------------------------------------------------------------- resolution

class _SourceGraph:
    """One source's quads, its works and people resolved against the rest of the store."""

    def __init__(self, store: GraphStore, graph: NamedNode):
        # Resolved without the source's own old graph, as a changed review is (graph.ingest).
        stale = {graph.value}
        works = queries.known_works(store, excluding=stale)
        self.resolver = Resolver(works, queries.known_labels(store, excluding=stale))
        self.years: dict[str, int] = {}  # atlas:year is functional: the first year a work was given stays
        for iri, _, year in works:
            if year is not None:
                self.years.setdefault(iri, year)
        self.items: dict[str, str] = {}  # Wikidata id -> IRI
        self.item_of: dict[str, str] = {}  # IRI -> Wikidata id
        for r in queries.rows(store, queries.internal("known-items")):
            if r["g"] not in stale:
                self._link(r["item"].rsplit("/", 1)[-1], r["entity"])
        self.graph = graph
        self.remade: set[tuple[str, str]] = set()  # (title key, medium) of works the source has with several years
        self.quads: set[Quad] = set()
        self.people: dict[str, NamedNode] = {}
        self.unlabelled: set[str] = set()

    def _link(self, qid: str, iri: str) -> None:
        self.items.setdefault(qid, iri)
        self.item_of.setdefault(iri, qid)

    def add(self, s, p, o) -> None:
        self.quads.add(Quad(s, p, o, self.graph))

    def work(self, part: Part, titles: dict[str, str]) -> NamedNode:
        title = part.title or titles.get(part.qid) or part.qid
        iri = self.items.get(part.qid) if part.qid else None
        if iri is None:
            several = (norm(title), medium(part.kind)) in self.remade
            iri = self.resolver.work(Work(title, part.kind, part.year), several).value
            if part.qid and self.item_of.get(iri, part.qid) != part.qid:
                # Another Wikidata item of the same title and medium has that IRI: this one is not it.
                iri = entity_iri("work", title, medium(part.kind), part.qid).value
            if part.qid:
                self._link(part.qid, iri)
        node = NamedNode(iri)
        if title == part.qid:
            self.unlabelled.add(iri)
        self.add(node, RDF.type, ATLAS.Work)
        self.add(node, RDF.type, KIND_CLASS[part.kind])
        self.add(node, RDFS.label, Literal(self.resolver.label(node, title)))
        if part.year is not None and self.years.setdefault(iri, part.year) == part.year:
            self.add(node, ATLAS.year, Literal(part.year))
        if part.qid:
            self.add(node, OWL.sameAs, wikidata_item(part.qid))
        for prop, name in part.people:
            self.add(node, prop, self.person(name))
        return node

    def person(self, name: str) -> NamedNode:
        iri = self.people.get(name)
        if iri is None:
            # A catalog spells names as its source does: the exact name is the key. (Resolver.person's
            # guess at misspellings is for review prose, and compares each new name with every one.)
            iri = self.people[name] = entity_iri("person", name)
            label = self.resolver.label(iri, name)
            self.add(iri, RDF.type, ATLAS.Person)
            self.add(iri, RDFS.label, Literal(label))
            if label != name:
                self.add(iri, SKOS.altLabel, Literal(name))
        return iri


def _provenance(source: _SourceGraph, report: ImportReport, tables: list[Table], mapping: Mapping,
                digest: str) -> None:
    graph, add = source.graph, source.add
    add(graph, RDF.type, ATLAS.CatalogSource)
    add(graph, RDFS.label, Literal(report.name))
    add(graph, ATLAS.contentHash, Literal(digest))
    add(graph, ATLAS.mapping, Literal(mapping.to_json()))
    add(graph, ATLAS.rowCount, Literal(report.rows))
    add(graph, ATLAS.skippedRows, Literal(len(report.skipped)))
    add(graph, PROV.generatedAtTime, Literal(datetime.now(timezone.utc).isoformat(timespec="seconds"),
                                             datatype=XSD.dateTime))
    for number, table in enumerate(tables, 1):
        file = NamedNode(f"{graph.value}/file/{number}")
        add(graph, PROV.wasDerivedFrom, file)
        add(file, RDF.type, PROV.Entity)
        add(file, ATLAS.sourceFile, Literal(str(table.path.resolve())))
        add(file, ATLAS.contentHash, Literal(table.sha256))
        add(file, ATLAS.format, Literal(table.format))


# ---------------------------------------------------------------- import

def _name(path: Path) -> str:
    name = path.name
    while (suffix := Path(name).suffix.lower()) in (".gz", *SUFFIXES):
        name = name[: -len(suffix)]
    return name or path.name


def import_catalog(store: GraphStore, paths: Path | str | Iterable[Path | str], mapping: Mapping | None = None,
                   name: str | None = None,
                   progress: Callable[[list, str], Iterable] = lambda items, what: items) -> ImportReport:
    """Import catalog files as one source, in the named graph source_iri(name), whole or not at all.

    `name` defaults to the first file's name without its suffixes; `mapping` to the Wikidata
    conventions. A file that cannot be read as its format is a CatalogError before anything is
    written; a row without a title, or with a year or id that cannot be read, is one line in
    `report.skipped`. Unchanged files under an unchanged mapping are not read again."""
    paths = [Path(paths)] if isinstance(paths, (str, Path)) else [Path(p) for p in paths]
    if not paths:
        raise CatalogError("no catalog file given")
    mapping = mapping or WIKIDATA
    name = name or _name(paths[0])
    graph = source_iri(name)
    report = ImportReport(graph.value, name)
    clock = time.perf_counter()
    formats = [file_format(p, mapping.format) for p in paths]
    hashes = [sha256(p) for p in paths]
    digest = hashlib.sha256("\n".join([mapping.to_json(), *hashes]).encode()).hexdigest()
    before = {r["hash"] for r in queries.rows(store, queries.internal("catalog-source"), source=graph)}
    report.replaced = bool(before)
    if before == {digest}:
        report.unchanged = True
        return report
    tables = [read_table(p, f, h) for p, f, h in zip(paths, formats, hashes)]
    _check_columns(mapping, tables)
    rows = _rows(tables, mapping, report)
    report.seconds["read"] = time.perf_counter() - clock

    clock = time.perf_counter()
    source = _SourceGraph(store, graph)
    # An item's label may be in another row or file than its links (Wikidata's film→book pairs
    # and the books' titles and authors): gather them first.
    titles: dict[str, str] = {}
    for parts in rows:
        for part in parts:
            if part is not None and part.qid and part.title:
                titles.setdefault(part.qid, part.title)
    # A title the source has with several years (Titanic, 1953 and 1997) is a remake: a
    # yearless work of that title in the reviews could be any of them, so none merges with it.
    years: dict[tuple[str, str], set[int]] = {}
    for parts in rows:
        for part in parts:
            if part is not None and part.title and part.year is not None:
                years.setdefault((norm(part.title), medium(part.kind)), set()).add(part.year)
    source.remade = {key for key, found in years.items() if len(found) > 1}
    for work, based_on in progress(rows, "Resolving"):
        adaptation = source.work(work, titles) if work else None
        original = source.work(based_on, titles) if based_on else None
        if adaptation is not None and original is not None:
            source.add(adaptation, ATLAS.adaptationOf, original)
    _provenance(source, report, tables, mapping, digest)
    report.unlabelled = len(source.unlabelled)
    report.triples = len(source.quads)
    report.seconds["resolve"] = time.perf_counter() - clock

    clock = time.perf_counter()
    store.replace_graph(graph, source.quads)
    store.flush()
    report.seconds["write"] = time.perf_counter() - clock
    return report
