"""SPARQL queries: the example queries in ontology/queries and the pipeline's own in graph/sparql."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Collection

from pyoxigraph import Literal

from .store import Store
from .vocab import QUERY_DIR

INTERNAL_DIR = Path(__file__).resolve().parent / "sparql"


@dataclass(frozen=True)
class Example:
    name: str
    title: str  # the first comment line of the .rq file
    text: str


def examples() -> list[Example]:
    out = []
    for path in sorted(QUERY_DIR.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        m = re.match(r"#\s*(.+)", text)
        out.append(Example(path.stem, m.group(1).strip() if m else path.stem, text))
    return out


@lru_cache(maxsize=None)
def internal(name: str) -> str:
    return (INTERNAL_DIR / f"{name}.rq").read_text(encoding="utf-8")


def _value(term):
    if term is None:
        return None
    if isinstance(term, Literal):
        if term.datatype.value.endswith(("#integer", "#int", "#long")):
            return int(term.value)
        return term.value
    return term.value


def rows(store: Store, query: str, **bindings) -> list[dict]:
    """A SELECT query's solutions as plain Python values; `bindings` as in Store.query."""
    solutions = store.query(query, **bindings)
    names = [v.value for v in solutions.variables]
    return [{n: _value(s[n]) for n in names} for s in solutions]


def known_works(store: Store, excluding: Collection[str] = ()) -> list[tuple[str, str, int | None]]:
    """(work, label, year) as the review graphs say, leaving out the graphs named in `excluding`."""
    found = (r for r in rows(store, internal("known-works")) if r["g"] not in excluding)
    return list(dict.fromkeys((r["work"], r["label"], r["year"]) for r in found))


def known_labels(store: Store, excluding: Collection[str] = ()) -> list[tuple[str, str]]:
    """(entity, label) for people and characters, leaving out the graphs named in `excluding`."""
    found = (r for r in rows(store, internal("known-labels")) if r["g"] not in excluding)
    return list(dict.fromkeys((r["entity"], r["label"]) for r in found))


def review_sources(store: Store) -> dict[str, tuple[str, str, str]]:
    """review IRI -> (content hash, source file, curation file hash or '') for every review in the store."""
    return {r["review"]: (r["hash"], r["file"], r["curation"] or "") for r in rows(store, internal("review-hashes"))}


def counts(store: Store) -> dict[str, int]:
    found = {r["class"].rsplit("#", 1)[-1]: r["count"] for r in rows(store, internal("counts"))}
    total = rows(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"]
    return {"triples": total, **{k: found.get(k, 0) for k in
                                 ("Review", "Work", "Person", "Character", "Performance", "Evidence")}}
