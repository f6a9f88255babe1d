"""One review's facts as the rules find them: works, adaptations, credits and cast, each kept
once (a repeat merges into the first), and what the review has shown so far about its names
(who is a person, a character or a title), which the rules ask before they assert anything."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..facts import Adaptation, Cast, Credit, Difference, Evidence, Work, medium, norm, plain
from .mentions import HONORIFICS, strip_possessive
from .names import person_shaped

# "13th June 2002", "June 13, 2002": a date, which a slot may hold but no title is
DATE = re.compile(r"(?:\d{1,2}(?:st|nd|rd|th)?\s+)?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"
                  r"(?:\s+\d{1,2}(?:st|nd|rd|th)?,?)?\s+\d{4}")


@dataclass
class Builder:
    """Collects one review's facts, merging repeats of the same work or fact."""

    text: str
    full_names: dict[str, str]  # norm(name) -> canonical full name
    surnames: dict[str, str]    # norm(surname) -> canonical full name
    titles: list[str]
    reviewed_page: Work | None = None
    reviewed_screen: Work | None = None
    works: dict[tuple[str, str], Work] = field(default_factory=dict)
    adaptations: dict[tuple, Adaptation] = field(default_factory=dict)
    credits: dict[tuple, Credit] = field(default_factory=dict)
    cast: dict[tuple, Cast] = field(default_factory=dict)
    last_person: str | None = None
    last_actor: str | None = None  # whom "he played C in W" means
    last_title: str | None = None
    characters: set[str] = field(default_factory=set)
    # How many credits came before the listicle section being read: films of one title are one
    # work, so "Armstrong's film" in the 1994 section must not be refused for Cukor's in 1933's.
    section_credits: int = 0
    list_order: int = 0  # see _list_order
    # Who the first reading of the review found in each role, by title: (norm(title), role) -> people
    foreseen: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    first_reading: bool = False
    trace: object | None = None  # an explain.Trace, told of every fact a rule gives
    known: object | None = None  # a graph.gazetteer.Gazetteer: who and what is known beyond the review
    renamed: list[tuple[str, str]] = field(default_factory=list)  # (variant, known name) the builder spelt anew
    differences: list[Difference] = field(default_factory=list)
    difference_parts: dict[int, set[int]] = field(default_factory=dict)  # a sentence's clauses that hold one
    previous: object | None = None  # the sentence read before this one (a mentions.Sentence)
    side_opener: object | None = None  # the last paragraph that opened "In the book/film, ..." (a mentions.Sentence)

    def differ(self, kind: str, sent, concerns: tuple[str, ...], spoiler: bool, ev: Evidence, before=None,
               part: int = 0) -> None:
        """A difference between the reviewed versions, one a clause of a sentence: a clause a difference
        already holds gives no other, nor does a sentence one of the same kind; "In the film, Y." joins
        the difference its "In the book, X." began."""
        def holds(d: Difference, s) -> bool:
            return s is not None and any(e.start == s.offset for e in d.evidence)

        taken = self.difference_parts.setdefault(sent.offset, set())
        if part in taken or any(holds(d, sent) and d.kind == kind for d in self.differences):
            return
        taken.add(part)
        earlier = next((i for i, d in enumerate(self.differences) if holds(d, before)), None)
        if earlier is not None:
            d = self.differences[earlier]
            self.differences[earlier] = Difference(d.adaptation, d.source, d.kind, tuple(dict.fromkeys(d.concerns + concerns)),
                                                   d.evidence + (ev,), d.spoiler or spoiler)
        else:
            first = () if before is None else (Evidence(before.text, before.offset, before.offset + len(before.text),
                                                        ev.rule, ev.confidence),)
            self.differences.append(Difference(self.reviewed_screen, self.reviewed_page, kind, concerns,
                                               first + (ev,), spoiler))
        self._gave(("difference", kind))

    def opens_paragraph(self, sent) -> bool:
        return not self.text[:sent.offset].rstrip(" \t") or self.text[:sent.offset].rstrip(" \t").endswith("\n")

    def canonical(self, name: str) -> str:
        """A name the tagger did not find, spelt as the one known person it names ("Dylan O'Brian"),
        the variant kept in `renamed`; any other name as it is."""
        if self.known is None or self.known.person(name) is not None:
            return name
        person = self.known.resolve_person(name)
        if person is None:
            return name
        if (name, person.name) not in self.renamed:
            self.renamed.append((name, person.name))
        return person.name

    def known_person(self, name: str) -> bool:
        return self.known is not None and self.known.person(strip_possessive(name)) is not None

    def known_author(self, person: str, title: str) -> bool:
        """Whether the gazetteer knows a book of that title by that person (by surname), older than
        its films: a novelisation of the film's year is the film-maker's "book" too."""
        works = self.known.works_titled(title) if self.known is not None else []
        films = [w.year for w in works if medium(w.kind) != "page" and w.year]
        surname = norm(person).split()[-1:]
        return any(medium(w.kind) == "page" and surname in (norm(c).split()[-1:] for c in w.creators)
                   and not (w.year and films and w.year >= min(films)) for w in works)

    def known_title(self, name: str) -> bool:
        return self.known is not None and any(not w.common for w in self.known.works_titled(name))

    # -- classifying slots --
    def person(self, name: str, loose: bool = False) -> str | None:
        """The full name a mention stands for. Loose: also a new name that looks like a person's
        ("Tuva Novotny"), for slots where only a person can stand."""
        name = strip_possessive(name).strip()
        key = norm(name)
        if key in self.full_names:
            return self.full_names[key]
        if key in self.surnames:
            return self.surnames[key]
        if loose and person_shaped(name) and not self.is_title(name) and key not in self.characters:
            return name
        return None

    def know(self, person: str) -> None:
        """A name that got a fact is a person from now on, and so is its surname alone."""
        self.full_names.setdefault(norm(person), person)
        self.surnames.setdefault(norm(person.split()[-1]), person)

    def is_title(self, name: str) -> bool:
        return any(norm(t) == norm(name) for t in self.titles) or (norm(name), "page") in self.works \
            or (norm(name), "film") in self.works

    def is_character(self, name: str) -> bool:
        return norm(name) in self.characters or norm(name.split()[0]) in HONORIFICS

    def title_of(self, name: str) -> str | None:
        if self.person(name) or norm(name.split()[0]) in HONORIFICS:
            return None
        return self._spelt_as_title(name)

    def slot_title(self, name: str) -> str | None:
        """A title in a slot only a work can fill ("directed <Ex Machina>"), even if the tagger
        took it for a name: refused only when it names a credited person or a character."""
        if self.is_real(name) or self.is_character(name):
            return None
        return self._spelt_as_title(name)

    def _spelt_as_title(self, name: str) -> str | None:
        """The name as the page spells the title elsewhere, or bare of its quotes and marks; a
        number alone ("In 2002, W, written by X"), a date, an unknown acronym or glued words are none."""
        bare = name.strip("‘’“”\"'*_ ")
        spelt = next((title for title in self.titles if norm(title) == norm(name)), None)
        if spelt is not None:
            return spelt
        if re.fullmatch(r"[\d\s]+", bare) or DATE.fullmatch(bare):
            return None
        # an acronym not set apart as a title ("at IMDB", "PKD's"), titles a crawler glued together
        # ("The Andromeda StrainCongo"): none, unless the gazetteer knows them
        odd = re.fullmatch(r"[A-Z]{2,5}", bare) and bare == name or re.search(r"[a-z]{3}[A-Z][a-z]", bare)
        if odd and not (self.known is not None and self.known.works_titled(bare)):
            return None
        return bare

    def character(self, name: str) -> str | None:
        """A character's name; a name already known as a real person's is never one."""
        if self.is_title(name) or self.is_real(name):
            return None
        return strip_possessive(name.strip())

    def is_real(self, name: str) -> bool:
        """The name stands for someone the review credits or casts: a real person."""
        person = self.person(name)
        return bool(person) and (bool(self.roles_of(person)) or any(
            c.actor == person for c in self.cast.values()))

    def mentions(self, name: str) -> int:
        return len(re.findall(r"\b" + re.escape(strip_possessive(name)) + r"\b", self.text))

    def personhood(self, name: str) -> int:
        """How much the review treats a name as a real person's rather than a character's:
        people come back by surname ("Jackson"), characters by first name ("Ordell")."""
        words = strip_possessive(name).split()
        if len(words) < 2:
            return 0
        by_surname = len(re.findall(rf"(?<!{re.escape(words[-2])} )\b{re.escape(words[-1])}\b", self.text))
        by_first = len(re.findall(rf"\b{re.escape(words[0])}\b(?! {re.escape(words[1])})", self.text))
        return by_surname - by_first

    def roles_of(self, person: str) -> set[str]:
        return {c.role for c in self.credits.values() if c.person == person}

    # -- recording facts --
    def work(self, title: str, kind: str, ev: Evidence, year: int | None = None) -> Work:
        title = plain(title)
        key = (norm(title), medium(kind))
        main = (norm(re.split(r"[:;]", title)[0]), key[1])
        if key not in self.works and key[1] == "page" and main in self.works:
            key = main  # "World War Z: An Oral History of the Zombie War", "Frankenstein; or, The Modern Prometheus"
        work = self.works.get(key)
        if work is None:
            work = self.works[key] = Work(title, kind, year, ev)
        else:
            if work.kind == "book" and kind != "book":
                work.kind = kind
            if year and not work.year:
                work.year = year
        self._gave(("work", work.ref, work.year))
        return work

    def work_like(self, title: str, medium_of: str, ev: Evidence) -> Work:
        """The work of that title in the page or screen medium."""
        if medium_of == "page":
            reviewed = self.reviewed_page
            kind = reviewed.kind if reviewed and norm(reviewed.title) == norm(title) else "book"
        else:
            reviewed = self.reviewed_screen
            kind = reviewed.kind if reviewed and norm(reviewed.title) == norm(title) else "film"
        return self.work(title, kind, ev)

    def adapt(self, adaptation: Work, source: Work, ev: Evidence) -> None:
        key = (norm(adaptation.title), medium(adaptation.kind), norm(source.title), medium(source.kind))
        self.adaptations.setdefault(key, Adaptation(adaptation, source, ev))
        self._gave(("adaptation", adaptation.ref, source.ref))

    def credit(self, person: str, role: str, work: Work, ev: Evidence) -> None:
        person = self.canonical(plain(person))
        key = (norm(person), role, norm(work.title), medium(work.kind))
        self.credits.setdefault(key, Credit(person, role, work, ev))
        self.know(person)
        self._gave(("credit", person, role, work.ref))

    def cast_member(self, actor: str, character: str | None, work: Work, ev: Evidence) -> None:
        actor, character = self.canonical(plain(actor)), character and plain(character)
        if character:
            self.cast.pop((norm(actor), None, norm(work.title)), None)
        elif any(k[0] == norm(actor) and k[2] == norm(work.title) for k in self.cast):
            return
        key = (norm(actor), norm(character) if character else None, norm(work.title))
        self.cast.setdefault(key, Cast(actor, character, work, ev))
        self.know(actor)
        if character:
            self.characters.add(norm(character))
        self._gave(("cast", actor, character, work.ref))

    def _gave(self, fact: tuple) -> None:
        if self.trace is not None:
            self.trace.gave(fact)
