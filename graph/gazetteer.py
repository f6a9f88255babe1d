"""Known works and people: the gazetteer shipped in graph/data (built from Wikidata and the other
sources graph/data/README.md names), plus what `atlas import` and earlier reviews put in the store.

It states no fact of its own. Extraction asks it whether a title or a name is known and to turn a
nickname or a misspelling of exactly one known person into that person's name; `links` gives the
Wikidata item of a work or person a review already names, for `owl:sameAs`.

ATLAS_GAZETTEER=off makes `Gazetteer.default()` empty and `with_store` add nothing, so that the
pipeline runs as if there were no gazetteer (for measuring what it brings).
"""
from __future__ import annotations

import gc
import gzip
import json
import os
import re
from functools import cached_property, lru_cache
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Collection, Iterable, Iterator, NamedTuple

from spacy.lang.en.stop_words import STOP_WORDS

from . import queries
from .facts import Extraction, Work, medium, norm
from .resolve import PEOPLE
from .vocab import KIND_CLASS, WIKIDATA_NS

if TYPE_CHECKING:
    from .store import GraphStore

FILE = Path(__file__).resolve().parent / "data" / "gazetteer.json.gz"
SWITCH = "ATLAS_GAZETTEER"
KIND_OF_CLASS = {cls.value: kind for kind, cls in KIND_CLASS.items()}

# A nickname or a near-miss is trusted only for a surname few known people share: "Tom Jones" is
# likelier a Tom Jones the gazetteer lacks than its one Thomas Jones.
MAX_NAMESAKES = 40


class KnownWork(NamedTuple):
    title: str
    kind: str  # one of graph.facts.KINDS
    year: int | None = None
    qid: str | None = None  # Wikidata item, "Q..."
    common: bool = False  # a word or name in everyday use ("Room", "It", "Emma"): alone, no sign of a title
    creators: tuple[str, ...] = ()  # its authors as the source names them: a link must agree with the review's


class KnownPerson(NamedTuple):
    name: str
    qid: str | None = None
    aliases: tuple[str, ...] = ()


def enabled() -> bool:
    return os.environ.get(SWITCH, "on").strip().lower() not in {"off", "0", "no", "false"}


# ---------------------------------------------------------------- the shipped file
# gzip JSON: {"works": {key: [row, ...]}, "people": {key: [row, ...]}}, keyed by graph.mentions.norm
# of the title or name. A work's row: [title, kind, year, qid, common, [creators]]; a person's:
# [name, qid, [aliases]]. Rows stay lists until asked for: building 90,000 objects was most of
# the load time.

def work_row(w: KnownWork) -> list:
    return [w.title, w.kind, w.year, w.qid, w.common, list(w.creators)]


def person_row(p: KnownPerson) -> list:
    return [p.name, p.qid, list(p.aliases)]


def _work(row: list) -> KnownWork:
    return KnownWork(*row[:5], tuple(row[5]))


def _person(row: list) -> KnownPerson:
    return KnownPerson(row[0], row[1], tuple(row[2]))


@lru_cache(maxsize=1)
def _shipped() -> Gazetteer:
    # The collector would walk the 200,000 new lists again and again as they are made: with it
    # paused, loading takes a third of the time.
    collecting = gc.isenabled()
    gc.disable()
    try:
        with gzip.open(FILE, "rt", encoding="utf-8") as f:
            return _indexed(json.load(f))
    finally:
        if collecting:
            gc.enable()


def _indexed(data: dict) -> Gazetteer:
    gazetteer = Gazetteer()
    works, people = data["works"], data["people"]
    # Should norm have changed since the file was built, a sample of its keys shows it.
    sample = [(k, rows[0][0]) for table in (works, people) for k, rows in islice(table.items(), 0, None, 500)]
    if any(norm(text) != key for key, text in sample):
        gazetteer._add([(norm(r[0]), r) for rows in works.values() for r in rows],
                       [(norm(r[0]), r) for rows in people.values() for r in rows])
        return gazetteer
    gazetteer._works, gazetteer._people = works, people
    gazetteer._add((), [(key, row) for key, rows in list(people.items()) for row in rows if row[2]])
    return gazetteer


@lru_cache(maxsize=1)
def _nicknames() -> dict[str, frozenset[str]]:
    """Given name -> the names it is a nickname of or has as nicknames ('steve': steven, stephen)."""
    from nicknames import name_triplets  # Apache-2.0, a hand-curated table of English given names

    related: dict[str, set[str]] = {}
    for t in name_triplets():
        related.setdefault(t.name1, set()).add(t.name2)
        related.setdefault(t.name2, set()).add(t.name1)
    return {name: frozenset(others) for name, others in related.items()}


# ---------------------------------------------------------------- the gazetteer

class Gazetteer:
    """Works by title key (graph.mentions.norm) and people by name and alias key."""

    def __init__(self, works: Iterable[KnownWork] = (), people: Iterable[KnownPerson] = ()):
        self._works: dict[str, list[list]] = {}
        self._people: dict[str, list[list]] = {}  # name or alias key -> people
        self._add([(norm(w.title), work_row(w)) for w in works], [(norm(p.name), person_row(p)) for p in people])

    @classmethod
    def default(cls) -> Gazetteer:
        """The shipped gazetteer, loaded once; empty when ATLAS_GAZETTEER=off."""
        return _shipped() if enabled() else cls()

    def _add(self, works: Iterable[tuple[str, list]], people: Iterable[tuple[str, list]]) -> None:
        """Index (key, row) pairs, a person under its aliases too. Lists are replaced, never
        appended to: a copy made by `with_store` shares them."""
        for key, row in works:
            if key:
                self._works[key] = [*self._works.get(key, ()), row]
        for key, row in people:
            for k in {key, *map(norm, row[2])} - {""}:
                if not any(r is row for r in self._people.get(k, ())):
                    self._people[k] = [*self._people.get(k, ()), row]
        self.__dict__.pop("_surnames", None)
        self.__dict__.pop("_resolved", None)

    def with_store(self, store: GraphStore, excluding: Collection[str] = ()) -> Gazetteer:
        """This gazetteer and the works and people in the store's named graphs (but those in
        `excluding`): catalog imports with their Wikidata items, reviews with their variants."""
        if not enabled():
            return Gazetteer()
        items: dict[str, str] = {}
        for r in queries.rows(store, queries.internal("known-items")):
            if r["g"] not in excluding:
                items.setdefault(r["entity"], r["item"][len(WIKIDATA_NS):])
        kinds = {r["work"]: KIND_OF_CLASS[r["class"]] for r in queries.rows(store, queries.internal("known-kinds"))}
        aliases: dict[str, list[str]] = {}
        for r in queries.rows(store, queries.internal("known-aliases")):
            if r["g"] not in excluding:
                aliases.setdefault(r["person"], []).append(r["alias"])
        works = [(norm(label), [label, kinds[iri], year, items.get(iri), self._looks_common(norm(label)), []])
                 for iri, label, year in queries.known_works(store, excluding) if iri in kinds]
        people = [(norm(label), [label, items.get(iri), list(dict.fromkeys(aliases.get(iri, ())))])
                  for iri, label in queries.known_labels(store, excluding) if iri.startswith(PEOPLE)]
        copy = Gazetteer()
        copy._works, copy._people = dict(self._works), dict(self._people)
        copy._add(works, people)
        return copy

    def _looks_common(self, key: str) -> bool:
        return (len(key) <= 3 or all(w in STOP_WORDS for w in key.split())
                or any(row[4] for row in self._works.get(key, ())))

    # ------------------------------------------------------------ look-ups

    def works_titled(self, title: str) -> list[KnownWork]:
        """The known works of that title (case, accents, punctuation and a leading article aside)."""
        return [_work(row) for row in self._works.get(norm(title), ())]

    def titles(self) -> Iterator[KnownWork]:
        for rows in self._works.values():
            yield from map(_work, rows)

    def people_names(self) -> Iterator[str]:
        """Every known person's name and aliases, once each."""
        seen: set[int] = set()
        for rows in self._people.values():
            for row in rows:
                if id(row) not in seen:
                    seen.add(id(row))
                    yield row[0]
                    yield from row[2]

    def person(self, name: str) -> KnownPerson | None:
        """The person of that name or alias. Namesakes told apart by their items are one known
        name and no item."""
        found = self._people.get(norm(name))
        if not found:
            return None
        if len({row[1] for row in found if row[1]}) > 1:
            return KnownPerson(found[0][0])
        best = next((row for row in found if row[1]), found[0])
        return KnownPerson(best[0], best[1], tuple(dict.fromkeys(a for row in found for a in row[2])))

    def resolve_person(self, name: str, surname_hint: str | None = None) -> KnownPerson | None:
        """The one known person that `name` names: exactly, by an alias, by a nickname ("Steve
        Spielberg": Steven Spielberg) or by a near-certain misspelling ("Stanley Kubrik", "Jodi
        Foster"). None when no one or several could be meant.

        `surname_hint`: the surname the review gives this person elsewhere; a one-word name
        ("Steve") is then taken as a given name with that surname."""
        memo = self.__dict__.setdefault("_resolved", {})  # a review asks again for the names it repeats
        if (name, surname_hint) not in memo:
            memo[(name, surname_hint)] = self._resolve(name, surname_hint)
        return memo[(name, surname_hint)]

    def _resolve(self, name: str, surname_hint: str | None) -> KnownPerson | None:
        words = norm(name).split()
        hint = norm(surname_hint or "").split()[-1:]
        if hint and len(words) == 1:
            words += hint
        if len(words) < 2 or (hint and words[-1] != hint[0]):
            return None
        exact = self.person(" ".join(words))
        if exact is None and re.fullmatch(r"[A-Z]{2,3}", name.split()[0]):
            exact = self.person(" ".join([*words[0], *words[1:]]))  # "JK Rowling": J. K. Rowling
        if exact is not None:
            return exact
        matches, rivals = self._near(words)
        unique = {id(row): row for row in matches}
        if len(unique) != 1 or not {id(row) for row in rivals} <= set(unique):
            return None
        return _person(next(iter(unique.values())))

    def _near(self, words: list[str]) -> tuple[list[list], list[list]]:
        """Known people whose name differs from `words` in one word: a given name's nickname, one
        letter more or less or two swapped, or a surname's one slip (a letter lost, added, changed, or two
        swapped; five letters or more, the first kept); and, apart, the
        rivals: a given name one letter away in another way ("Mary" for "Mark"), which make the
        match ambiguous rather than sure."""
        from rapidfuzz.distance import OSA, Indel
        from rapidfuzz.process import extract

        surname, given = words[-1], words[:-1]
        nick = _nicknames()
        matches: list[list] = []
        rivals: list[list] = []
        namesakes = self._surnames.get(surname, ())
        for row in namesakes if len(namesakes) <= MAX_NAMESAKES else ():
            for other in _variants(row):
                slips = [(a, b) for a, b in zip(given, other[:-1]) if a != b]
                if len(other) != len(words) or other[-1] != surname or len(slips) != 1:
                    continue
                a, b = slips[0]
                # a nickname, a letter more or less, or two letters swapped ("Keria" for "Keira")
                if b in nick.get(a, ()) or (a[0] == b[0] and min(len(a), len(b)) >= 4 and (
                        Indel.distance(a, b) == 1 or sorted(a) == sorted(b) and OSA.distance(a, b) == 1)):
                    matches.append(row)
                elif OSA.distance(a, b) <= 1:
                    rivals.append(row)
        if len(surname) >= 5:
            for key, _, _ in extract(surname, list(self._surnames), scorer=OSA.distance, score_cutoff=1, limit=None):
                if key != surname and key[0] == surname[0]:
                    matches += [row for row in self._surnames[key] if [*given, key] in _variants(row)]
        return matches, rivals

    @cached_property
    def _surnames(self) -> dict[str, list[list]]:
        """Last word of a name or alias key -> the people (rows) who have it."""
        index: dict[str, dict[int, list]] = {}
        for key, rows in self._people.items():
            if " " in key:
                index.setdefault(key.rsplit(" ", 1)[1], {}).update((id(r), r) for r in rows)
        return {surname: list(rows.values()) for surname, rows in index.items()}

    # ------------------------------------------------------------ links

    def work_item(self, work: Work, authors: Collection[str] = ()) -> str | None:
        """The Wikidata item of a work the review names: the one known work of its title and
        medium with an item (of its year, if it has one). Where the source and the review both
        name authors, one must be the same; where neither does, a common-word title is not linked."""
        found = [k for k in self.works_titled(work.title) if k.qid and medium(k.kind) == medium(work.kind)]
        if work.year is not None:
            found = [k for k in found if k.year == work.year] or [k for k in found if k.year is None]
        if len({k.qid for k in found}) != 1:
            return None
        credited = {norm(a).split()[-1] for a in authors if norm(a)}
        sourced = {norm(c).split()[-1] for k in found for c in k.creators if norm(c)}
        if credited and sourced:
            return found[0].qid if credited & sourced else None
        return None if any(k.common for k in found) else found[0].qid

    def links(self, extraction: Extraction) -> dict[str, str]:
        """Wikidata items of the extraction's works (by ref, 'Title (kind)') and people (by name)."""
        authors: dict[str, set[str]] = {}
        for c in extraction.credits:
            if c.role == "author":
                authors.setdefault(c.work.ref, set()).add(c.person)
        works = [*extraction.reviewed, *extraction.works, *(w for a in extraction.adaptations
                                                             for w in (a.adaptation, a.source)),
                 *(c.work for c in extraction.credits), *(c.work for c in extraction.cast)]
        years: dict[str, set[int]] = {}
        for w in works:
            if w.year is not None:
                years.setdefault(w.ref, set()).add(w.year)
        found: dict[str, str] = {}
        for w in works:
            # Works of one ref and several years (the films of Little Women) are told apart by their
            # IRIs, and a ref's item would go to each of them: none is linked.
            if (w.ref not in found and len(years.get(w.ref, ())) < 2
                    and (qid := self.work_item(w, authors.get(w.ref, ())))):
                found[w.ref] = qid
        for name in [*(c.person for c in extraction.credits), *(c.actor for c in extraction.cast)]:
            person = self.person(name)
            if person is not None and person.qid:
                found.setdefault(name, person.qid)
        return found


def _variants(row: list) -> list[list[str]]:
    return [norm(name).split() for name in (row[0], *row[2])]
