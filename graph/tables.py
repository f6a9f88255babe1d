"""Catalog files as rows: CSV, JSON Lines and SPARQL JSON results (application/sparql-results+json).

A file is read whole before anything is written, so one that is not what it was declared to be
(or guessed from its suffix) is a CatalogError naming it, and the store is left as it was.
Gzipped files are recognised by their first bytes, whatever their name.
"""
from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

FORMATS = ("csv", "jsonl", "sparql-json")
SUFFIXES = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "sparql-json", ".srj": "sparql-json"}


class CatalogError(ValueError):
    """A catalog file or mapping that cannot be used; the message is one line and names it."""


@dataclass
class Table:
    path: Path
    format: str
    sha256: str
    columns: list[str]
    rows: list[tuple[int, dict]]  # (line, or result number for SPARQL JSON; the row's values by column)


def file_format(path: Path, declared: str | None) -> str:
    if declared:
        return declared
    suffixes = [s.lower() for s in path.suffixes if s.lower() != ".gz"]
    if suffixes and suffixes[-1] in SUFFIXES:
        return SUFFIXES[suffixes[-1]]
    raise CatalogError(f"{path}: cannot tell the format from the name; give --format ({', '.join(FORMATS)})")


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def read_table(path: Path, fmt: str, digest: str) -> Table:
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as err:
            raise CatalogError(f"{path}: a damaged gzip file ({err})") from None
    if b"\0" in data[:65536]:
        raise CatalogError(f"{path}: binary data, not {fmt}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise CatalogError(f"{path}: not UTF-8 text (byte {err.start}), so not {fmt}") from None
    columns, rows = {"csv": _csv, "jsonl": _jsonl, "sparql-json": _sparql_json}[fmt](path, text)
    return Table(path, fmt, digest, columns, rows)


def _csv(path: Path, text: str) -> tuple[list[str], list[tuple[int, dict]]]:
    # The csv module refuses a field over 128 KiB; a catalog's summary or cast list may be longer.
    csv.field_size_limit(max(csv.field_size_limit(), len(text)))
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if not header or not any(h.strip() for h in header):
            raise CatalogError(f"{path}: empty, no CSV header")
        columns = [h.strip() for h in header]
        rows = []
        for cells in reader:
            if any(c.strip() for c in cells):
                rows.append((reader.line_num, dict(zip(columns, cells))))
    except csv.Error as err:
        raise CatalogError(f"{path}: line {reader.line_num}: not CSV ({err})") from None
    return columns, rows


def _jsonl(path: Path, text: str) -> tuple[list[str], list[tuple[int, dict]]]:
    columns: dict[str, None] = {}
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise CatalogError(f"{path}: line {number} is not JSON ({err.msg}), so not JSON Lines") from None
        if not isinstance(record, dict):
            raise CatalogError(f"{path}: line {number} is a JSON {type(record).__name__}, not an object")
        columns.update(dict.fromkeys(record))
        rows.append((number, record))
    return list(columns), rows


def _sparql_json(path: Path, text: str) -> tuple[list[str], list[tuple[int, dict]]]:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as err:
        raise CatalogError(f"{path}: not JSON ({err.msg} at line {err.lineno}), so not SPARQL JSON results") from None
    try:
        columns = list(document["head"]["vars"])
        bindings = document["results"]["bindings"]
        rows = [(number, {name: term["value"] for name, term in binding.items()})
                for number, binding in enumerate(bindings, 1)]
    except (KeyError, TypeError, AttributeError):
        raise CatalogError(f"{path}: JSON, but not SPARQL results (no head.vars and results.bindings)") from None
    return columns, rows


def header_summary(columns: list[str], limit: int = 8) -> str:
    """A header as one short line, for an error message."""
    shown = ", ".join(re.sub(r"\s+", " ", c)[:40] for c in columns[:limit])
    return shown + (f", ... ({len(columns)} in all)" if len(columns) > limit else "")
