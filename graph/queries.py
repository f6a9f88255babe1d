"""SPARQL queries: the example queries in ontology/queries and the pipeline's own in graph/sparql."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Collection, Iterable, NamedTuple

from pyoxigraph import Literal

from .store import GraphStore
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
        if term.datatype.value.endswith("#boolean"):
            return term.value in ("true", "1")
        return term.value
    return term.value


# Where a query's WHERE clause opens (its first, outermost one; ASK may leave WHERE out).
_WHERE = re.compile(r"\b(?:WHERE|ASK)\s*\{", re.I)
# IRIs and strings, which may hold a '#' or a 'WHERE {', and comments.
_TOKENS = re.compile(r"<[^<>\"{}|^`\\\s]*>|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'|#[^\n]*")


def code(query: str) -> str:
    """The query with its comments, IRIs and strings blanked out, each to as many spaces."""
    return _TOKENS.sub(lambda m: " " * len(m.group()), query)


# A query form's keyword: not part of a prefixed name (`ask:x`) or a variable.
_FORM = re.compile(r"(?<![\w:?$-])(SELECT|ASK|CONSTRUCT|DESCRIBE)(?![\w:-])", re.I)
# A dataset clause of the query's own.
_FROM = re.compile(r"(?<![\w:?$-])FROM(?![\w:-])", re.I)


def form(query: str) -> str | None:
    """The query's form (SELECT, ASK, CONSTRUCT or DESCRIBE), read from its first keyword: a
    subquery's SELECT comes after it. None for text that is no query."""
    found = _FORM.search(code(query))
    return found.group(1).upper() if found else None


def names_dataset(query: str) -> bool:
    """Whether the query says which graphs it reads (FROM or FROM NAMED)."""
    return _FROM.search(code(query)) is not None


def closing_brace(code_text: str, opening: int) -> int:
    """Where the group opened at `opening` closes, in a query's code (see `code`)."""
    depth = 0
    for at in range(opening, len(code_text)):
        depth += {"{": 1, "}": -1}.get(code_text[at], 0)
        if depth == 0:
            return at
    raise ValueError("a group that never closes")


def where_group(query: str) -> tuple[int, int] | None:
    """Where the query's WHERE clause (its outermost group) opens and closes; None if it has none
    (DESCRIBE <iri>). `SELECT * { ... }` may leave the keyword out."""
    text = code(query)
    found = _WHERE.search(text)
    if found:
        opening = found.end() - 1
    else:
        keyword = _FORM.search(text)
        opening = text.find("{", keyword.end()) if keyword and keyword.group(1).upper() == "SELECT" else -1
        if opening < 0:
            return None
    return opening, closing_brace(text, opening)


def bind(query: str, bindings: dict) -> str:
    """The query with its variables given values (RDF terms) in a VALUES block opening its WHERE clause.

    Not Oxigraph's own substitutions: pyoxigraph 0.5 plans a query without them, so a plan
    does not start from the entity it is about (an entity page's evidence query took 400 ms at
    200,000 triples with ?entity substituted, 0.5 ms with it in VALUES). A VALUES block in the
    outermost group binds the variable for all of it, FILTERs included, as a substitution does.
    The terms are written in N-Triples syntax by pyoxigraph, which escapes them: a user's text or
    an IRI from a URL stays a term and never becomes query syntax.
    """
    if not bindings:
        return query
    names, terms = " ".join(f"?{n}" for n in bindings), " ".join(str(t) for t in bindings.values())
    return _opening_where(query, f"VALUES ({names}) {{ ({terms}) }}")


def bind_each(query: str, name: str, terms: Iterable) -> str:
    """The query with the variable `name` taking each of `terms` in turn (a VALUES block opening
    its WHERE clause, as `bind` writes it)."""
    return _opening_where(query, f"VALUES ?{name} {{ {' '.join(str(t) for t in terms)} }}")


def _opening_where(query: str, block: str) -> str:
    where = where_group(query)
    if where is None:
        raise ValueError("no WHERE clause to bind variables in")
    return f"{query[:where[0] + 1]} {block}{query[where[0] + 1:]}"


def query(store: GraphStore, text: str, **bindings):
    """Store.query with `bindings` (variable name -> RDF term) bound by `bind`."""
    return store.query(bind(text, bindings))


def rows(store: GraphStore, text: str, **bindings) -> list[dict]:
    """A SELECT query's solutions as plain Python values; `bindings` as in `query`."""
    solutions = query(store, text, **bindings)
    names = [v.value for v in solutions.variables]
    return [{n: _value(s[n]) for n in names} for s in solutions]


def known_works(store: GraphStore, excluding: Collection[str] = ()) -> list[tuple[str, str, int | None]]:
    """(work, label, year) as the named graphs say, leaving out the graphs named in `excluding`;
    in the order of graph, work and label, so that the first label and year seen are always the same."""
    years: dict[tuple[str, str, str], int | None] = {}
    for r in rows(store, internal("known-works")):
        key = (r["g"], r["work"], r["label"])
        if r["g"] not in excluding and years.get(key) is None:
            years[key] = r["year"]
    return list(dict.fromkeys((work, label, years[g, work, label]) for g, work, label in sorted(years)))


def known_labels(store: GraphStore, excluding: Collection[str] = ()) -> list[tuple[str, str]]:
    """(entity, label) for people and characters, leaving out the graphs named in `excluding`;
    the first label of an entity in each graph, in the order of graph and entity."""
    labels: dict[tuple[str, str], str] = {}
    for r in sorted((r["g"], r["entity"], r["label"]) for r in rows(store, internal("known-labels"))):
        if r[0] not in excluding:
            labels.setdefault(r[:2], r[2])
    return list(dict.fromkeys((entity, label) for (_, entity), label in labels.items()))


class ReviewSource(NamedTuple):
    hash: str  # of the review's file
    file: str
    curation: str  # hash of the curation file applied, or ''
    builder: str  # hash of the code that made the review's graph, or ''


def review_sources(store: GraphStore) -> dict[str, ReviewSource]:
    """review IRI -> where its graph came from, for every review in the store."""
    return {r["review"]: ReviewSource(r["hash"], r["file"], r["curation"] or "", r["builder"] or "")
            for r in rows(store, internal("review-hashes"))}


def counts(store: GraphStore) -> dict[str, int]:
    found = {r["class"].rsplit("#", 1)[-1]: r["count"] for r in rows(store, internal("counts"))}
    total = rows(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"]
    return {"triples": total, **{k: found.get(k, 0) for k in
                                 ("Review", "Work", "Person", "Character", "Performance", "Evidence")}}
