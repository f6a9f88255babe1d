"""Entity resolution: one stable, readable IRI per real person, work and character.

Within a review, extraction already turned surnames into full names. Here the
names and titles meet the rest of the graph: people and characters are keyed
by their normalised names, works by title and medium. A year enters a work's
IRI only when it tells a remake from an earlier work of the same title.
"""
from __future__ import annotations

import hashlib

from pyoxigraph import NamedNode
from slugify import slugify

from .facts import Work, medium, norm
from .vocab import ID_NS


PEOPLE = ID_NS + "person/"


def entity_iri(kind: str, *parts: str) -> NamedNode:
    return NamedNode(ID_NS + kind + "/" + "--".join(slugify(p) or "x" for p in parts))


def review_iri(review_id: str) -> NamedNode:
    return NamedNode(ID_NS + "review/" + review_id)


def evidence_iri(review_id: str, *fact: object) -> NamedNode:
    digest = hashlib.sha1(" ".join(map(str, fact)).encode()).hexdigest()[:16]
    return NamedNode(f"{ID_NS}evidence/{review_id}/{digest}")


class Resolver:
    """Keeps the works and labels already in the graph, and those added since."""

    def __init__(self, known_works=(), known_labels=()):
        # (title key, medium) -> {iri: year}
        self._works: dict[tuple[str, str], dict[str, int | None]] = {}
        self._labels: dict[str, str] = {}
        # initials -> {person IRI: normalised label}: a misspelling keeps its initials, so a new
        # name is compared with those people only, not with every label in the graph.
        self._people: dict[tuple[str, ...], dict[str, str]] = {}
        for iri, label, year in known_works:
            self._remember(iri, label, self._medium_of(iri), year)
        for iri, label in known_labels:
            self._labels[iri] = label
        for iri, label in self._labels.items():
            self._index_person(iri, label)

    @staticmethod
    def _medium_of(iri: str) -> str:
        parts = iri.rsplit("/", 1)[-1].split("--")  # title--medium[--year]
        return parts[1].replace("-", "_") if len(parts) > 1 else "page"

    def _remember(self, iri: str, label: str, med: str, year: int | None) -> None:
        entry = self._works.setdefault((norm(label), med), {})
        if entry.get(iri) is None:
            entry[iri] = year
        self._labels.setdefault(iri, label)

    def work(self, work: Work, several: bool = False) -> NamedNode:
        """The work's IRI. `several`: the caller knows of other works of this title and medium
        with other years (a catalog's remakes), so a dated work is never taken for a yearless one."""
        med = medium(work.kind)
        key = (norm(work.title), med)
        known = self._works.get(key, {})
        base = entity_iri("work", work.title, med.replace("_", "-")).value
        if work.year is None:
            iri = base if base in known or not known else next(iter(known))
        elif any(y == work.year for y in known.values()):
            iri = next(i for i, y in known.items() if y == work.year)
        elif several or (base in known and known[base] not in (None, work.year)):
            iri = base + "--" + str(work.year)
        else:
            iri = base
        self._remember(iri, work.title, med, work.year)
        return NamedNode(iri)

    def label(self, iri: NamedNode, proposed: str) -> str:
        label = self._labels.get(iri.value)
        if label is None:  # a new entity: the first label proposed is its label
            label = self._labels[iri.value] = proposed
            self._index_person(iri.value, label)
        return label

    @staticmethod
    def _initials(name: str) -> tuple[str, ...]:
        return tuple(w[0].lower() for w in name.split())

    def _index_person(self, iri: str, label: str) -> None:
        if iri.startswith(PEOPLE):
            self._people.setdefault(self._initials(label), {})[iri] = norm(label)

    def person(self, name: str) -> NamedNode:
        """A person's IRI; a new name that is a near-certain misspelling of exactly one person
        already in the graph ("Jodi Foster") is that person."""
        iri = entity_iri("person", name)
        if iri.value not in self._labels:
            close = self._close_people(name)
            if len(close) == 1:
                return NamedNode(close[0])
        self.label(iri, name)
        return iri

    def _close_people(self, name: str) -> list[str]:
        from rapidfuzz import fuzz

        wanted = norm(name)
        return [iri for iri, label in self._people.get(self._initials(name), {}).items()
                if fuzz.ratio(label, wanted) >= 90]

    def character(self, name: str, story: str) -> NamedNode:
        """A character is one node across a book and its adaptations: keyed by the source's title."""
        iri = entity_iri("character", name, story)
        self.label(iri, name)
        return iri
