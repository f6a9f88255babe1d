"""The people a review names: full names the tagger finds or a credit line gives, their
misspelt variants folded into one, and the surnames that stand for them."""
from __future__ import annotations

import re

from ..facts import norm
from .mentions import HONORIFICS, LABEL_WORDS, strip_possessive

CREDIT_NAME = re.compile(r"\b(?:by|director|directors|screenplay|script|novel|author|written by|starring)\s*:?\s+"
                         r"((?:[A-Z][\w\-'’.]*\s+){1,3}[A-Z][\w\-'’]+)")
# An adverb opening a sentence is no given name: "Essentially Vonnegut" ("Sally" and "Emily" are).
ADVERB = re.compile(r"\w{3,}(?:ally|ently|antly|ously|ively|fully)$")
# A word, not an initial, ending in a full stop ends a sentence: "Ruth Okonjo. Lanterns" is no name.
SENTENCE_END = re.compile(r"(?<=[a-z]{3})\.\s")


def full_names(lines: list[tuple[int, str]], docs) -> dict[str, str]:
    """norm(name) -> name for every full name the review gives: the tagger's people, and names
    in credit lines, which are people even where the tagger misses them."""
    full: dict[str, str] = {}
    for doc in docs:
        full.update(_names(doc))
    for _, line in lines:
        for m in CREDIT_NAME.finditer(line):
            name = strip_possessive(SENTENCE_END.split(m.group(1).strip())[0].rstrip("."))  # "by X. Lanterns ..."
            words = name.split()
            while words and words[0].lower() in LABEL_WORDS:  # "by Author Khaled Hosseini"
                words = words[1:]
            name = name if words == name.split() else " ".join(words)
            if len(words) > 1 and words[0].lower() not in HONORIFICS:
                full.setdefault(norm(name), name)
    return full


def _names(doc) -> dict[str, str]:
    """Full names spaCy finds in a line: norm(name) -> name."""
    full: dict[str, str] = {}
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        name = strip_possessive(ent.text.strip())
        if not person_shaped(name):
            continue
        full.setdefault(norm(name), name)
    return full


PARTICLES = {"de", "van", "von", "der", "del", "da", "le", "la", "di", "du", "bin", "al"}
# A title-cased headline runs a name into its verb: "How Matthew Vaughn Made Stardust".
VERBS = {"is", "was", "are", "were", "has", "had", "made", "makes", "gets", "got", "says", "said", "does", "did", "wrote",
         "writes", "directed", "directs", "plays", "played", "became", "becomes", "returns", "explains", "reveals"}


def person_shaped(name: str) -> bool:
    """Two to four capitalised words, none of them a kind or credit label, no sentence's end
    inside and no initial for a surname ('Tuva Novotny', 'E. M. Forster'; not 'Ruth Okonjo.
    Lanterns', nor a blogger's 'Laura J.')."""
    words = name.split()
    return 2 <= len(words) <= 4 and words[0].lower() not in HONORIFICS and not SENTENCE_END.search(name) \
        and not re.fullmatch(r"[A-Z]\.?", words[-1]) and not ADVERB.search(words[0]) and all(
        (w[:1].isupper() and not any(ch.isdigit() for ch in w) and w.lower() not in LABEL_WORDS | VERBS)
        or w.lower() in PARTICLES for w in words) and words[-1][:1].isupper()


def merge_variants(full: dict[str, str], text: str) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Fold misspelt variants of a name into the one the review uses most ("Jodi Foster" into
    "Jodie Foster"): same initials, nearly the same letters, and only one name that close.
    Returns the names (variant keys now point to the canonical name) and (variant, canonical) pairs."""
    from rapidfuzz import fuzz

    names = sorted(set(full.values()), key=lambda n: (-text.count(n), -len(n)))
    canonical: dict[str, str] = {}
    by_initials: dict[tuple[str, ...], list[str]] = {}  # only names with the same initials are compared
    aliases = []
    for name in names:
        kept = by_initials.setdefault(tuple(w[0].lower() for w in name.split()), [])
        close = [c for c in kept if fuzz.ratio(norm(c), norm(name)) >= 88]
        if len(close) == 1:
            canonical[norm(name)] = close[0]
            aliases.append((name, close[0]))
        else:
            canonical[norm(name)] = name
            kept.append(name)
    return {**full, **canonical}, aliases


def surname_index(full: dict[str, str]) -> dict[str, str]:
    by_surname: dict[str, set[str]] = {}
    for name in full.values():
        by_surname.setdefault(norm(name.split()[-1]), set()).add(name)
    return {s: next(iter(n)) for s, n in by_surname.items() if len(n) == 1}


def known_names(full: dict[str, str], known) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """The names a review spells its own way ("Steve Spielberg", "Stanley Kubrik") as the one known
    person they name (graph.gazetteer); the variant kept, so the graph records it as an alias."""
    renamed, aliases = dict(full), []
    for key, name in full.items():
        person = known.resolve_person(name) if len(name.split()) > 1 else None
        if person is not None and norm(person.name) != key:
            renamed[key] = person.name
            aliases.append((name, person.name))
    return renamed, aliases


# A run of capitalised words on one line, a possessive aside: "Film Cormac McCarthy", "Gillian Flynn‘s"
NAME_RUN = re.compile(r"(?<![\w.])[A-Z][\w’'.-]*(?:[ \t]+(?:[A-Z][\w’'.-]*|de|van|von|del|da|le|la|di|du))+")


def known_in_text(full: dict[str, str], text: str, known) -> dict[str, str]:
    """The full names the tagger missed that the gazetteer knows as people's and the page uses as
    a person's ("Cormac McCarthy and the Coen brothers ... McCarthy's novel"), as the page spells them."""
    found = dict(full)
    for m in NAME_RUN.finditer(text):
        words = [strip_possessive(w).rstrip(".,’'") for w in m.group().split()]
        for size in (4, 3, 2):
            for i in range(len(words) - size + 1):
                name = " ".join(words[i:i + size])
                if person_shaped(name) and norm(name) not in found and known.person(name) is not None \
                        and used_as_person(name, text):  # not "Rita Hayworth" of "Rita Hayworth and Shawshank Redemption"
                    found[norm(name)] = name
    return found


def used_as_person(name: str, text: str) -> bool:
    """Whether the page uses a name, or its surname, as a person's: "X plays", "X, who",
    "directed by X", "actress X", "X's performance"."""
    names = "|".join(re.escape(n) for n in {name, name.split()[-1]})
    return bool(re.search(rf"(?:\b(?:actor|actress|director|author|novelist|writer|screenwriter|filmmaker|starring|"
                          rf"star|by)\s*:?\s+(?:{names})\b|\b(?:{names})(?:\s+(?:plays|played|stars|starred|portrays|"
                          rf"portrayed|directed|directs|wrote|writes|co-wrote|narrates)\b|['’]s\s+(?:performance|"
                          rf"(?:\w+\s+){{0,2}}?(?:novel|book|film|movie|adaptation|version|story|script|screenplay))\b"
                          rf"|['’]s\s+[A-Z]|,\s+who\b))", text))
