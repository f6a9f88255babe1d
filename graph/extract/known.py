"""What the gazetteer tells of a page's titles: a title known on one side only, a known book-and-film
title a line opens with or a kind word begins, and the other side's title of a pair it knows on
one side. Each lookup only recognises what the page names; none adds a title of its own."""
from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from ..facts import medium, norm

MARKS = " .,;:!?()“\"‘'”’"


def partner(best, others: list, known) -> tuple[str, str] | None:
    """(book, screen) where the gazetteer knows the page's title on one side only ("Blade Runner",
    a film) and another title the page shows on the other: one known only there that the headline
    names too ("Do Androids Dream of Electric Sheep?", a book), or one known there whose words are
    all the title's ("The Shawshank Redemption" for "Rita Hayworth and Shawshank Redemption"; not
    another volume of a series)."""
    if known is None:
        return None
    side = next((s for s in ("page", "screen") if known_only_as(best.form, s, known)), None)
    words = set(norm(best.form).split()) - STOP_WORDS
    if side is None:
        # Known as a book and a film: a shorter title the page names as the other version, that the
        # gazetteer knows as one ("I watched The Wizard of Oz" on a page about The Wonderful Wizard of Oz)
        shorter = next((e for e in others if e.side and set(norm(e.form).split()) - STOP_WORDS < words and any(
            _side(w) == e.side for w in known.works_titled(e.form))), None)
        if shorter is None:
            return None
        return (best.form, shorter.form) if shorter.side == "screen" else (shorter.form, best.form)
    other = "screen" if side == "page" else "page"
    for e in others:
        sides = {_side(w) for w in known.works_titled(e.form) if not w.common}
        if other in sides and e.side != side and (sides == {other} and e.signals["headline"]
                                                  or set(norm(e.form).split()) - STOP_WORDS <= words):
            return (best.form, e.form) if side == "page" else (e.form, best.form)
    return None


def _side(work) -> str:
    return "page" if medium(work.kind) == "page" else "screen"


def known_only_as(title: str, side: str, known) -> bool:
    """Whether the gazetteer knows the title, and only on that side: "Blade Runner", a film."""
    works = [w for w in known.works_titled(title) if not w.common] if known is not None else []
    return bool(works) and all((medium(w.kind) == "page") == (side == "page") for w in works)


def known_in(line: str, known) -> list[str]:
    """The longest runs of words opening a line or a sentence of it that are titles known as a book
    and as a film, as the gazetteer spells them (one named in passing is some other work:
    "his best roles are in The Devil Wears Prada")."""
    words, found, taken = line.split(), [], set()
    for size in range(min(len(words), 12), 0, -1):
        for i in range(len(words) - size + 1):
            if taken & set(range(i, i + size)) or i and not re.search(r"[.!?:]$", words[i - 1]):
                continue
            phrase = " ".join(words[i:i + size]).strip(MARKS)
            works = known_pair(phrase, known) if phrase[:1].isalnum() else []
            if works:
                found.append(works[0].title)
                taken |= set(range(i, i + size))
    return found


def kind_in_title(line: str, m: re.Match, known) -> str | None:
    """The known book-and-film title a kind word opens ("The Book Thief", "The Movie Critic"), as
    the gazetteer spells it."""
    if known is None:
        return None
    words = line[m.start("k"):m.end("w")].split()
    for size in range(len(words), 1, -1):
        works = known_pair(" ".join(words[:size]), known)
        if works:
            return works[0].title
    return None


def known_pair(title: str, known) -> list:
    """The gazetteer's works of the title, where it knows it as a book and as a film."""
    works = [w for w in known.works_titled(title) if not w.common]
    return works if {medium(w.kind) == "page" for w in works} == {True, False} else []


# A run of capitalised words and the small words titles keep, apostrophes and all:
# "Butch Cassidy and the Sundance Kid and All the President’s Men"; a page may write a title's
# short verb or pronoun small too ("The Sun is Also a Star"): the gazetteer decides what is one
TITLE_RUN = re.compile(r"[A-Z0-9][\w’'&!.-]*(?:\s+(?:(?:of|the|a|an|and|in|on|to|for|with|at|from|by|or|&|is|are|was|as|"
                       r"into|up|out|it|me|my|you|your|our|his|her)\s+)*[A-Z0-9][\w’'&!.-]*)*")


def known_titles_in(text: str, known, people: dict[str, str]) -> list[str]:
    """The titles of two words or more the gazetteer knows (not as everyday words) that the page
    names, as the page spells them, so that one is read as one name ("All the President's Men",
    "Butch Cassidy and the Sundance Kid"); never a person's name the page or the gazetteer knows."""
    found: dict[str, str] = {}
    for m in TITLE_RUN.finditer(text):
        words = m.group().split()
        i = 0
        while i < len(words):
            for j in range(min(len(words), i + 12), i + 1, -1):
                phrase = " ".join(words[i:j]).rstrip(".,’'")
                key = norm(phrase)
                if key and key not in people and known.person(phrase) is None \
                        and any(not w.common for w in known.works_titled(phrase)):
                    found.setdefault(key, phrase)
                    i = j - 1
                    break
            i += 1
    return list(found.values())
