"""What the explorer reads from the graph: search, entity pages, reviews, paths and pictures.

An Explorer serves one read-only store as it is when the Explorer is made, and computes some
things from it once (the network projection, the home page's lists). When the store changes,
the web app makes a new Explorer (webapp/live.py).
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import cached_property
from typing import Callable

import networkx as nx
import pyoxigraph
from pyoxigraph import Literal, NamedNode

from . import changes, paths as paths_, picture, queries, turtle
from .entity import Entity, Quote, entity
from .highlight import Block, markup
from .network import RELATION_LABELS, local, project
from .sentences import Part, fact_parts
from .store import GraphStore
from .vocab import PREFIXES, WIKIDATA_NS

# The sections of an entity page, in order: (relation, direction) -> heading. "out": the entity
# is the subject of the link's triple; "in": its object (a person is the object of a credit).
SECTIONS: dict[tuple[str, str], str] = {
    ("adaptationOf", "out"): "Adaptation of",
    ("adaptationOf", "in"): "Adapted as",
    ("author", "out"): "Written by",
    ("author", "in"): "Author",
    ("screenwriter", "out"): "Screenplay by",
    ("screenwriter", "in"): "Screenwriter",
    ("director", "out"): "Directed by",
    ("director", "in"): "Director",
    ("castMember", "out"): "Cast",
    ("castMember", "in"): "Actor",
    ("character", "out"): "Characters",
    ("character", "in"): "Appears in",
    ("characterRole", "in"): "Played by",
    ("reviewOf", "out"): "Review of",
    ("reviewOf", "in"): "Reviewed in",
    ("prefers", "out"): "Prefers",
    ("prefers", "in"): "Preferred in",
}
ROLES = ["author", "screenwriter", "director", "castMember"]  # the home page's order


@dataclass(frozen=True)
class Item:
    entity: Entity
    via: Entity | None = None  # the character an actor plays; the work a character is played in
    evidence: tuple[Quote, ...] = ()


@dataclass(frozen=True)
class Section:
    heading: str
    relation: str
    direction: str
    items: list[Item]


@dataclass(frozen=True)
class Fact:
    subject: Entity
    relation: str
    object: Entity
    sentence: str
    start: int

    @property
    def parts(self) -> list[Part]:  # the fact as a clause
        return fact_parts(self.subject, self.relation, self.object)


@dataclass(frozen=True)
class Verdict:
    """The version a review's author prefers (atlas:prefers), and the sentence that says so."""
    review: Entity
    preferred: Entity
    sentence: str | None
    start: int | None


@dataclass(frozen=True)
class ReviewPage:
    entity: Entity
    blocks: list[Block]
    facts: list[Fact]
    differences: list[changes.Difference] = field(default_factory=list)
    side: str | None = None  # atlas:verdictSide
    scores: dict[str, str] = field(default_factory=dict)  # "page" and "screen" -> "4/5", as written
    spoiler_warning: bool = False

    @property
    def verdict(self) -> Fact | None:
        return next((f for f in self.facts if f.relation == "prefers"), None)


@dataclass(frozen=True)
class Adaptation:
    source: Entity
    adaptation: Entity
    verdicts: list[Verdict] = field(default_factory=list)  # of the reviews of both


@dataclass
class ReviewSummary:
    review: Entity
    works: list[Entity]
    verdict: Verdict | None


@dataclass(frozen=True)
class Home:
    counts: dict[str, int]
    people: list[tuple[Entity, dict[str, list[Entity]]]]  # person, {role: works by year}
    adaptations: list[Adaptation]
    reviews: list[ReviewSummary]


def compact(iri: str) -> str:
    """rdf:type for http://www.w3.org/1999/02/22-rdf-syntax-ns#type."""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def year_order(e: Entity) -> tuple:
    """Works in order of year (undated last), then of name."""
    return (e.year is None, e.year or 0, e.label, e.iri)


def by_year(entities) -> list[Entity]:
    return sorted(entities, key=year_order)


class Explorer:
    """The explorer's questions to one read-only store, answered as Entities, Sections, Paths..."""

    def __init__(self, store: GraphStore):
        self.store = store

    @cached_property
    def graph(self) -> nx.MultiDiGraph:
        return project(self.store)

    @cached_property
    def walk(self) -> nx.Graph:
        return paths_.walkable(self.graph)

    def entity(self, iri: str) -> Entity | None:
        return entity(self.graph, iri)

    def _entity(self, iri: str) -> Entity:
        """An entity that the graph may lack in the projection (an unlabelled one): named by its IRI."""
        return self.entity(iri) or Entity(iri, iri.rsplit("/", 1)[-1], "Resource")

    def exists(self, iri: str) -> bool:
        """Whether the store says anything about the IRI; False for a string that is no IRI."""
        try:
            node = NamedNode(iri)
        except ValueError:  # from a URL: "/id/person/a b" names nothing
            return False
        return bool(queries.query(self.store, queries.internal("entity-exists"), entity=node))

    # ------------------------------------------------------------------ search

    def search(self, text: str, limit: int = 10) -> list[Entity]:
        """Entities whose label contains the text, best matches first (see search.rq)."""
        text = " ".join(text.split()).lower()
        if not text:
            return []
        found = queries.rows(self.store, queries.internal("search"), q=Literal(text))
        return [self._entity(r["entity"]) for r in found[:limit]]

    # ------------------------------------------------------------------ entity pages

    def _evidence(self, iri: str) -> dict[tuple[str, str, str], list[Quote]]:
        quotes: dict[tuple[str, str, str], list[Quote]] = {}
        for r in queries.rows(self.store, queries.internal("entity-evidence"), entity=NamedNode(iri)):
            review = Entity(r["review"], r["reviewLabel"], "Review")
            quotes.setdefault((r["s"], r["p"], r["o"]), []).append(Quote(review, r["sentence"], r["start"]))
        return quotes

    def sections(self, iri: str) -> list[Section]:
        """The entity's links, incoming and outgoing, grouped by role, each with its evidence."""
        evidence = self._evidence(iri)
        grouped: dict[tuple[str, str], dict[tuple[str, str | None], Item]] = {}
        for r in queries.rows(self.store, queries.internal("entity-links"), entity=NamedNode(iri)):
            relation = local(r["relation"])
            key = (relation, r["direction"])
            if key not in SECTIONS:
                continue
            via = self._entity(r["via"]) if r["via"] else None
            quotes = tuple(evidence.get((r["s"], r["relation"], r["o"]), ()))
            grouped.setdefault(key, {})[(r["other"], r["via"])] = Item(self._entity(r["other"]), via, quotes)
        sections = []
        for key, heading in SECTIONS.items():
            if key not in grouped:
                continue
            items = sorted(grouped[key].values(), key=lambda i: (year_order(i.entity), i.via and i.via.label))
            if key == ("author", "in") and all(i.entity.kind == "Novel" for i in items):
                heading = "Novelist"
            sections.append(Section(heading, *key, items))
        return sections

    def wikidata(self, iri: str) -> list[str]:
        """The Wikidata items ("Q42") the entity is owl:sameAs."""
        found = queries.rows(self.store, queries.internal("entity-items"), entity=NamedNode(iri))
        return [r["item"][len(WIKIDATA_NS):] for r in found]

    def suggestions(self, iri: str, limit: int = 6) -> list[tuple[Entity, int]]:
        return paths_.suggestions(self.graph, self.walk, iri, limit)

    def picture(self, iri: str, depth: int, relations: set[str] | None, link: Callable[[str], str]) -> dict:
        return picture.neighbourhood(self.graph, iri, depth, relations, link)

    def paths(self, source: str, target: str, limit: int = 5) -> list[paths_.Path]:
        return paths_.paths(self.graph, self.walk, source, target, limit)

    def _description(self, iri: str) -> list[pyoxigraph.Triple]:
        return list(queries.query(self.store, queries.internal("describe"), entity=NamedNode(iri)))

    def describe(self, iri: str, fmt: pyoxigraph.RdfFormat) -> bytes:
        """The entity's description (describe.rq) in an RDF format, for linked data: Turtle as the
        exports write it (graph/turtle.py)."""
        if fmt == pyoxigraph.RdfFormat.TURTLE:
            out = io.BytesIO()
            turtle.write((pyoxigraph.Quad(*t) for t in self._description(iri)), out, dataset=False)
            return out.getvalue()
        return pyoxigraph.serialize(self._description(iri), format=fmt)

    def properties(self, iri: str) -> list[tuple[str, Entity | str]]:
        """(property, value) of the entity's own statements: the page of a record such as a
        performance or an evidence record, which has no page of its own."""
        return sorted(((compact(t.predicate.value),
                        self._entity(t.object.value) if isinstance(t.object, NamedNode) else t.object.value)
                       for t in self._description(iri) if t.subject.value == iri),
                      key=lambda pv: (pv[0], str(pv[1])))

    # ------------------------------------------------------------------ reviews

    def review(self, iri: str) -> ReviewPage | None:
        """A review's text with its evidence and difference sentences and named entities marked,
        its facts, the differences it notes and its verdict."""
        found = queries.rows(self.store, queries.internal("review"), review=NamedNode(iri))
        if not found:
            return None
        facts = [Fact(self._entity(r["actor"] or r["s"]), local(r["p"]), self._entity(r["o"]),
                      r["sentence"], r["start"])
                 for r in queries.rows(self.store, queries.internal("review-facts"), review=NamedNode(iri))]
        mentioned = [self._entity(r["entity"])
                     for r in queries.rows(self.store, queries.internal("review-mentions"), review=NamedNode(iri))]
        differences = self.differences(iri)
        marked = {"evidence": [(f.start, f.start + len(f.sentence)) for f in facts],
                  "difference": [(q.start, q.start + len(q.sentence)) for d in differences for q in d.passages]}
        info = found[0]
        scores = {side: info[f"{side}Score"] for side in ("page", "screen") if info[f"{side}Score"]}
        return ReviewPage(self._entity(iri), markup(info["text"], marked, mentioned), facts, differences,
                          info["side"], scores, bool(info["spoilerWarning"]))

    def explanation(self, iri: str, start: int):
        """How the extractor reads the review's sentence that starts at `start`, as
        `atlas extract --explain` shows it; None for a review or sentence not there."""
        found = queries.rows(self.store, queries.internal("review"), review=NamedNode(iri))
        if not found:
            return None
        # Imported here: browsing never needs spaCy, and loading it takes seconds.
        from .extract import explain_sentence

        emphasis = tuple(r["phrase"] for r in
                         queries.rows(self.store, queries.internal("review-emphasis"), review=NamedNode(iri)))
        return explain_sentence(found[0]["text"], emphasis, start)

    # ------------------------------------------------------------------ what changed, book or film

    def differences(self, iri: str) -> list[changes.Difference]:
        """The differences reviews note about an adaptation or a character, or that a review notes."""
        return changes.differences(self.store, self._entity, iri)

    @cached_property
    def _sides(self) -> dict[str, list[str]]:
        return changes.verdict_sides(self.store)

    def tally(self, iri: str) -> changes.Tally:
        """How many reviews of an adaptation and its source take each verdict side."""
        return changes.Tally.of(self._sides.get(iri, []))

    @cached_property
    def book_or_film(self) -> changes.BookOrFilm:
        return changes.book_or_film(self.graph, self._sides, self._entity)

    # ------------------------------------------------------------------ home

    @cached_property
    def home(self) -> Home:
        examples = {e.name: e.text for e in queries.examples()}
        people: dict[str, dict[str, set[str]]] = {}
        for r in queries.rows(self.store, examples["people-with-several-roles"]):
            people.setdefault(r["person"], {}).setdefault(local(r["role"]), set()).add(r["work"])
        people_list = [(self._entity(p), {RELATION_LABELS[role]: by_year(map(self._entity, roles[role]))
                                          for role in ROLES if role in roles})
                       for p, roles in people.items()]
        people_list.sort(key=lambda p: p[0].label)

        reviews: dict[str, ReviewSummary] = {}
        for r in queries.rows(self.store, queries.internal("reviews")):
            summary = reviews.get(r["review"])
            if summary is None:
                review = self._entity(r["review"])
                verdict = (Verdict(review, self._entity(r["preferred"]), r["sentence"], r["start"])
                           if r["preferred"] else None)
                summary = reviews[r["review"]] = ReviewSummary(review, [], verdict)
            if r["work"] and all(w.iri != r["work"] for w in summary.works):
                summary.works.append(self._entity(r["work"]))

        adaptations = []
        for r in queries.rows(self.store, examples["adaptations"]):
            pair = {r["source"], r["adaptation"]}
            verdicts = [s.verdict for s in reviews.values()
                        if s.verdict is not None and s.verdict.preferred.iri in pair
                        and pair <= {w.iri for w in s.works}]
            adaptations.append(Adaptation(self._entity(r["source"]), self._entity(r["adaptation"]), verdicts))
        return Home(queries.counts(self.store), people_list, adaptations,
                    sorted(reviews.values(), key=lambda s: s.review.label))

