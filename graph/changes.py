"""What changed, and which version reviewers prefer: the differences reviews note between an
adaptation and its source, and the tallies of their verdict sides by adaptation and by creator."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Callable

import networkx as nx
from pyoxigraph import NamedNode

from . import queries
from .entity import Entity, Quote
from .network import DIFFERENCE_KINDS
from .store import GraphStore

# A review's verdict sides (atlas:verdictSide), in the order a verdict bar shows them.
SIDES = ("page", "screen", "both", "neither", "undecided")
CREATOR_ROLES = ("director", "screenwriter")


@dataclass(frozen=True)
class Difference:
    iri: str
    kind: str  # "changed": a key of graph.vocab.DIFFERENCE_KIND
    adaptation: Entity
    source: Entity
    characters: tuple[Entity, ...]
    elements: tuple[str, ...]  # what it concerns that is no character: "the ending"
    spoiler: bool
    review: Entity
    passages: tuple[Quote, ...]  # in the order of the review's text

    def to_json(self, link: Callable[[str], str | None]) -> dict:
        """As JSON, each entity with its page (`link`), each passage with its place on the review's."""
        def linked(e: Entity) -> dict:
            return {**e.to_json(), "url": link(e.iri)}

        return {"iri": self.iri, "kind": self.kind, "spoiler": self.spoiler,
                "adaptation": linked(self.adaptation), "source": linked(self.source),
                "characters": [linked(c) for c in self.characters], "elements": list(self.elements),
                "review": linked(self.review),
                "passages": [{"sentence": q.sentence, "start": q.start, "url": f"{link(q.review.iri)}#s-{q.start}"}
                             for q in self.passages]}


def differences(store: GraphStore, entity_of: Callable[[str], Entity], iri: str) -> list[Difference]:
    """The differences about an entity (the adaptation, a character, the review that notes them),
    by review and then in the order of its text."""
    rows = queries.rows(store, queries.internal("differences"), entity=NamedNode(iri))
    parts: dict[str, tuple[list, list, list]] = {}  # difference -> its passages, characters, elements
    for r in rows:
        passages, characters, elements = parts.setdefault(r["difference"], ([], [], []))
        if r["sentence"] is not None:
            passages.append((r["start"], r["sentence"]))
        if r["character"] is not None:
            characters.append(entity_of(r["character"]))
        if r["element"] is not None:
            elements.append(r["element"])
    found = []
    for r in {r["difference"]: r for r in rows}.values():
        passages, characters, elements = parts[r["difference"]]
        review = entity_of(r["review"])
        found.append(Difference(
            r["difference"], DIFFERENCE_KINDS[r["kind"]], entity_of(r["adaptation"]), entity_of(r["source"]),
            tuple(sorted(characters, key=lambda c: c.label)), tuple(sorted(elements)), r["spoiler"], review,
            tuple(Quote(review, sentence, start) for start, sentence in sorted(passages))))
    return sorted(found, key=lambda d: (d.review.label, [q.start for q in d.passages], d.iri))


def by_kind(found: list[Difference]) -> list[tuple[str, list[Difference]]]:
    """The differences grouped by kind, the kinds in the ontology's order (omitted ... faithful)."""
    kinds = list(DIFFERENCE_KINDS.values())
    groups: dict[str, list[Difference]] = {}
    for d in sorted(found, key=lambda d: kinds.index(d.kind)):
        groups.setdefault(d.kind, []).append(d)
    return list(groups.items())


@dataclass(frozen=True)
class Tally:
    """How many reviews take each verdict side."""
    counts: tuple[int, ...]  # in the order of SIDES

    @classmethod
    def of(cls, sides: list[str]) -> Tally:
        counted = Counter(sides)
        return cls(tuple(counted[side] for side in SIDES))

    def __getitem__(self, side: str) -> int:
        return self.counts[SIDES.index(side)]

    @property
    def reviews(self) -> int:
        return sum(self.counts)

    @property
    def lead(self) -> int:
        """How many more reviews prefer the screen version than the book (less than 0: the book leads)."""
        return self["screen"] - self["page"]

    def segments(self) -> list[tuple[str, int, float, float]]:
        """(side, count, start, width) of a bar the length of all the reviews, in percent; sides
        no review takes are left out."""
        found, start = [], 0.0
        for side, count in zip(SIDES, self.counts):
            if count:
                width = 100 * count / self.reviews
                found.append((side, count, round(start, 3), round(width, 3)))
                start += width
        return found

    def to_json(self) -> dict:
        return {**dict(zip(SIDES, self.counts)), "reviews": self.reviews}


@dataclass(frozen=True)
class Ranked:
    entity: Entity
    tally: Tally
    adaptations: tuple[Entity, ...] = ()  # a creator's adaptations that reviews judge


@dataclass(frozen=True)
class BookOrFilm:
    adaptations: list[Ranked]
    creators: list[Ranked]


def verdict_sides(store: GraphStore) -> dict[str, list[str]]:
    """adaptation -> the verdict side of each review of it and its source."""
    sides: dict[str, list[str]] = {}
    for r in queries.rows(store, queries.internal("verdict-sides")):
        sides.setdefault(r["adaptation"], []).append(r["side"])
    return sides


def _ranked(items: list[Ranked]) -> list[Ranked]:
    """The screen version's lead first, then the most reviews, then by name."""
    return sorted(items, key=lambda r: (-r.tally.lead, -r.tally.reviews, r.entity.label, r.entity.iri))


def book_or_film(graph: nx.MultiDiGraph, sides: dict[str, list[str]],
                 entity_of: Callable[[str], Entity]) -> BookOrFilm:
    """Adaptations ranked by their reviews' verdicts, and the people who directed or wrote them by
    the verdicts on all their adaptations (a review counts once for each of theirs it judges)."""
    made: dict[str, list[str]] = {}  # person -> their adaptations
    for adaptation in sides:
        for _, person, relation in graph.out_edges(adaptation, keys=True):
            if relation in CREATOR_ROLES and adaptation not in made.get(person, []):
                made.setdefault(person, []).append(adaptation)
    adaptations = [Ranked(entity_of(a), Tally.of(s)) for a, s in sides.items()]
    creators = [Ranked(entity_of(p), Tally.of([side for a in works for side in sides[a]]),
                       tuple(sorted(map(entity_of, works), key=lambda e: (e.label, e.iri))))
                for p, works in made.items()]
    return BookOrFilm(_ranked(adaptations), _ranked(creators))
