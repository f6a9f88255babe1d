"""What a rule's words point at: the work a trigger speaks of ("the film", the title before it),
whom "he" or "his novel" means, whether a denial or hedge stands before a credit, and the kind
a matched kind word names."""
from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from ..facts import Evidence, Work, medium, norm
from .builder import Builder
from .mentions import APOSTROPHES, KIND_RE, KIND_WORDS, Sentence
from .patterns import NEGATION, slots


def evidence(sent: Sentence, rule_name: str, confidence: float = 0.9) -> Evidence:
    return Evidence(sent.text, sent.offset, sent.offset + len(sent.text), rule_name, confidence)


# A name that is, alone or in its list, the subject of acting
ACTING = re.compile(r"(?:\s*,\s*(?:and\s+)?⟨\d+⟩|\s+(?:and|&)\s+⟨\d+⟩)*\s+(?:star|stars|starred|co-stars?|play|plays|played)\b")


def anchor(b: Builder, sent: Sentence, before: int, ev: Evidence, want: str) -> Work | None:
    """The work a trigger at `before` speaks of: the nearest title or 'the film' before it.
    "Wright's film" is the reviewed one only where no title comes before it: after one
    ("W became X's film, written by Y") it describes that title."""
    best = None
    # An owner ("Autumn de Wilde's Emma") is no title, whether or not the tagger knows the name.
    for m in re.finditer(r"⟨(\d+)⟩(?![" + APOSTROPHES + r"]s\s+(?:(?:\w+\s+)?(?:" + KIND_RE + r"|script|screenplay|adaptation)\b|⟨))"
                         r"|(?:\b(?:the|this|that|its)|(?P<owner>⟨\d+⟩[" + APOSTROPHES + r"]s))\s+(?:\w+\s+)?(?P<kind>" + KIND_RE
                         + r"|script|screenplay|adaptation)\b|\ba\s+(?P<script>script|screenplay)\b", sent.template[:before], re.I):
        if m.group("owner") and best is not None and best[0] == "title":
            continue
        if m.group(1) is not None:
            if ACTING.match(sent.template, m.end()):
                continue  # "A, B and C star in a film written by X": the names are the film's actors
            if re.search(r"⟨\d+⟩\s*\(\s*(?:[^()]*,\s*)?$", sent.template[:m.start()]):
                continue  # "developed by X (W), directed by Y": W is what X is known for, not the work at hand
            title = b.title_of(sent.mention(int(m.group(1))))
            # "the BBC serial", "a British television comedy series", "the HBO adaptation": whose, not which
            modifier = re.match(rf"\s+((?:[a-z][\w-]*\s+){{0,3}}?)({KIND_RE}|adaptation)\b", sent.template[m.end():before], re.I)
            if modifier and not set(modifier.group(1).lower().split()) & STOP_WORDS and not b.is_title(
                    sent.mention(int(m.group(1)))):
                best = ("kind", modifier.group(2).lower(), m)
            elif title and (not b.is_character(sent.mention(int(m.group(1)))) or any(
                    w is not None and norm(w.title) == norm(title) for w in (b.reviewed_page, b.reviewed_screen))):
                best = ("title", title, m)  # a hero the work is named for is the work here ("Eragon, written by X")
        else:  # "working from a script that ..., rewritten by X": a script is the screen version's
            best = ("kind", (m.group("kind") or m.group("script")).lower(), m)
    if best is None:
        return None
    what, value, m = best
    if what == "title":
        between = sent.template[m.end():before]
        k = re.search(rf"\b({KIND_RE})\b", between, re.I)
        if k:
            return b.work(value, KIND_WORDS[k.group(1).lower()], ev)
        known = [w for key, w in b.works.items() if key[0] == norm(value)]
        if len(known) == 1 and medium(known[0].kind) != want and b.reviewed_page is not known[0]:
            return known[0]  # a film named just before as one: "W (2017), directed by X and written by Y"
        return b.work_like(value, want, ev)
    return reviewed_of_kind(b, "film" if value in ("script", "screenplay", "adaptation") else KIND_WORDS[value], ev)


def reviewed_of_kind(b: Builder, kind: str, ev: Evidence) -> Work | None:
    """The reviewed work a kind word ("the film", "Wright's film") speaks of."""
    reviewed = b.reviewed_page if medium(kind) == "page" else b.reviewed_screen
    if reviewed is not None and medium(kind) != medium(reviewed.kind):
        return b.work(reviewed.title, kind, ev)  # "the serial" in a review of a novel and its film
    return reviewed


def negated(sent: Sentence, start: int, end: int | None = None) -> bool:
    """A denial or hedge in the same clause up to 40 characters before `start`, or between
    `start` and `end` ("for anyone who doesn't know: X is a novel by Y" denies nothing; nor does
    "I can't say how glad I was when director X took it on")."""
    before = re.split(r"[,;:—–(]|\b(?:when|because|while|although|though|but)\b", sent.template[max(0, start - 40):start])[-1]
    return bool(NEGATION.search(before + sent.template[start:end if end is not None else start]))


def named_before(b: Builder, sent: Sentence, pos: int, prefer: set[str] = frozenset()) -> str | None:
    """The last real person the sentence names before `pos`, or the last of them in `prefer`."""
    # A full name the tagger knows counts before any fact makes it real: in "Scorsese directed it,
    # and he wrote the screenplay", "he" is read before "directed it" is.
    named = [b.person(sent.mention(i)) for i in slots(sent.template[:pos])
             if b.is_real(sent.mention(i)) or (b.person(sent.mention(i)) and not b.is_character(sent.mention(i))
                                               and norm(sent.mention(i)) in b.full_names)]
    return next((p for p in reversed(named) if p in prefer), named[-1] if named else None)


def person_before(b: Builder, sent: Sentence, pos: int) -> str | None:
    """Whom 'he' or 'her' at `pos` most likely means: the last full name before it."""
    return named_before(b, sent, pos) or b.last_person


def owner_before(b: Builder, sent: Sentence, pos: int) -> str | None:
    """Whose book "his novel" at `pos` is: someone named before it in the sentence (an author
    among them first: in "X and Y filmed her novel" it is the novelist's), else the review's one
    author, else the last person named."""
    authors = {c.person for c in b.credits.values() if c.role == "author"}
    return named_before(b, sent, pos, authors) or (next(iter(authors)) if len(authors) == 1 else b.last_person)


def a_film_year(b: Builder, person: str, title: str, media: set[str], dated: re.Match) -> bool:
    """Whether "X's W (1940)" dates a film. Yes where the book of W has another year; where
    a film of W has another year and the book's is unknown, "X's Dune (1965)" may be the book
    as well as another film, so no; where W is known as a book and as a film, with nothing
    else to go by, no ("Collins's The Hunger Games (2008)"); else yes, on the second reading,
    once the first has told who directed the film and who wrote the book (see `foreseen`)."""
    year = int(re.search(r"\d{4}", dated.group()).group())
    same = [w for key, w in b.works.items() if key[0] == norm(title) and w.year]
    if any(medium(w.kind) == "page" for w in same):
        return all(w.year != year for w in same if medium(w.kind) == "page")
    if any(w.year != year for w in same):
        return False
    if b.foreseen.get((norm(title), "author"), set()) - {person}:
        return True  # someone else wrote the book: "Spielberg's Minority Report (2002), from Dick's story"
    return not b.first_reading and not ("page" in media and len(media) > 1)


def says_kind(t: str, m: re.Match) -> bool:
    """Whether a TITLE_IS_KIND match calls the title a work: not "C, is the film's secret weapon",
    and, in a bare apposition, only where the kind word ends its phrase ("W, the film, ..."), not
    "whose real name, June, the show reveals"."""
    after = t[m.end():]
    if re.match(r"[" + APOSTROPHES + r"]s\b", after):
        return False
    bare = re.match(r"⟨\d+⟩,\s+(?:a|an|the|his|her|their)\b", m.group())
    return not bare or bool(re.match(r"\s*(?:[,.;:()!?]|$)|\s+(?:of|by|from|that|which|about|in|starring|written|"
                                     r"directed|adapted|based|⟨)", after))


def kind_of(m: re.Match, group: str = "kind") -> str | None:
    word = m.groupdict().get(group)
    # A bare "story" is a kind only where a rule names a source with it ("from X's story S").
    return KIND_WORDS.get(word.lower().strip(), "short_story") if word else None


def screen_of(b: Builder, work: Work | None, ev: Evidence) -> Work | None:
    """The screen version of a work: of the reviewed book, the reviewed screen version, whatever its title."""
    if work is not None and work is b.reviewed_page and b.reviewed_screen is not None:
        return b.reviewed_screen
    if work is not None and medium(work.kind) == "page":
        return b.work_like(work.title, "screen", ev)
    return work
