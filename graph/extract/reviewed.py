"""What is reviewed: the book and the screen version a review is about, from its credit lines,
else the title its headline and body share (graph.extract.headline); the kinds of work it
speaks of most; and, once the review is read, the book the film really adapts where it has
another title than the one assumed."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from ..facts import PAGE_KINDS, Work, medium, norm
from ..read import Review
from .builder import Builder
from .headline import SECTION_WORK, credit_line_titles, dominant_kind, reviewed_title, section_title
from .mentions import KIND_WORDS, LABEL_WORDS
from .titles import reviewed_titles


@dataclass
class Reviewed:
    page_title: str | None
    screen_title: str | None
    page_kind: str
    screen_kind: str
    credited: list[tuple[str, str]]  # (title, side) from the credit lines
    titles: list[str]  # the titles known before the sentences are read, the reviewed ones first
    headings: Counter  # norm(title) -> how many dated section headings name it
    headline: tuple[int, str] | None  # (offset, line): the first line that is not furniture
    named_in: tuple[int, str] | None  # (offset, line): the first line that names the reviewed title


def reviewed_pair(review: Review, lines: list[tuple[int, str]], people: dict[str, str], known) -> Reviewed:
    """The reviewed pair: titles from the credit lines, else the title the page is about
    (graph.extract.titles). `lines`: the page's lines less its furniture."""
    credited = credit_line_titles([line for _, line in lines], review.text)
    first = lines[0] if lines else None
    _, screen_kind = reviewed_title(first[1] if first else "")
    body = "\n".join(line for _, line in lines[1:])
    italics = [e for e in review.emphasis if reads_as_title(e)]
    named = reviewed_titles([line for _, line in lines], people, tuple(italics), known)
    # A newsletter of several dated sections ("REBECCA (2020)", "THE LOST DAUGHTER (2021)") under a
    # headline that names none of them is about the sections' works, not one of its own.
    headings = Counter(norm(section_title(h)) for _, line in lines[1:] if (h := SECTION_WORK.match(line)))
    in_headline = bool(named[1] and first and norm(named[1]) in norm(first[1]))
    if len(headings) > 1 and not (in_headline and (norm(named[1]) in headings or named[1] in body)):
        named = (None, None)
    # "Shawshank" in the headline, "The Shawshank Redemption" in italics in the text: the full title
    named_page, named_screen = (_in_full(title, italics, body) for title in named)
    credited_page = next((t for t, side in credited if side == "page"), None)
    credited_screen = next((t for t, side in credited if side == "screen"), None)
    page_title = credited_page or credited_screen or named_page
    screen_title = credited_screen or (page_title if credited_page else named_screen)
    titles = list(dict.fromkeys(t for t in (page_title, screen_title, *(t for t, _ in credited),
                                            *italics) if t))
    page_words = [w for w, k in KIND_WORDS.items() if k in PAGE_KINDS and k != "book"]
    page_kind = dominant_kind(review.text, page_words, "novel")
    if screen_kind is None:
        screen_words = [w for w, k in KIND_WORDS.items() if k not in PAGE_KINDS]
        screen_kind = dominant_kind(review.text, screen_words, "film")
        if screen_kind == "tv_series" and _a_known_film(screen_title, review.text, known):
            screen_kind = "film"  # "the Harry Potter series" is a series of books and films, not on television
    named = next(((at, line) for at, line in lines if page_title and norm(page_title) in norm(line)), first)
    return Reviewed(page_title, screen_title, page_kind, screen_kind, credited, titles, headings, first, named)


def _in_full(title: str | None, italics: list[str], body: str) -> str | None:
    """The longest italic title that holds `title`, the one most named in the body, else `title`."""
    longer = [e for e in italics if title and norm(e) != norm(title) and re.search(rf"(?<!\w){re.escape(title)}(?!\w)", e)]
    return max(longer, key=lambda e: (len(re.findall(re.escape(e), body)), -len(e))) if longer else title


def reads_as_title(phrase: str) -> bool:
    """An italic phrase that can be a title: capitalised, short, no sentence, not a lone small word
    ("*never*", "*The* film", "*really.*" are stress, not titles)."""
    words = phrase.split()
    return 0 < len(words) <= 12 and phrase[:1].isupper() and not re.search(r"[.!?,;:]$", phrase) and not (
        len(words) == 1 and (phrase.lower() in STOP_WORDS or phrase.lower() in LABEL_WORDS))


def source_by_another_title(b: Builder, headline: str) -> None:
    """The headline's title names the film; where the review says the film adapts a book of
    another title ("Blade Runner ... based on Do Androids Dream of Electric Sheep?"), that book
    is the reviewed one, and the same-titled book assumed from the headline goes."""
    assumed, film = b.reviewed_page, b.reviewed_screen
    real = next((a.source for a in b.adaptations.values()
                 if a.adaptation is film and a.source is not assumed and norm(a.source.title) != norm(film.title)), None)
    if real is None and film is not None:
        # Else a book whose title holds the film's: "Rita Hayworth and Shawshank Redemption"
        holding = [w for w in b.works.values() if medium(w.kind) == "page" and w is not assumed
                   and norm(w.title) != norm(film.title) and re.search(rf"\b{re.escape(norm(film.title))}$", norm(w.title))]
        real = holding[0] if len(holding) == 1 else None
    if real is None and film is not None and not any(c.work is assumed for c in b.credits.values()):
        # Else, where nothing is said of the assumed book, the other book the headline names and
        # the review credits: 'Arrival and "Story of Your Life"', Ted Chiang's novella
        headline = norm(headline)
        credited = {id(c.work) for c in b.credits.values() if c.role == "author" and c.work is not assumed}
        others = [w for w in b.works.values() if medium(w.kind) == "page" and id(w) in credited
                  and re.search(rf"\b{re.escape(norm(w.title))}\b", headline)]
        real = others[0] if len(others) == 1 else None
    if real is not None:
        source_is(b, real)


def source_is(b: Builder, real: Work) -> None:
    """`real` is what the reviewed film adapts: it takes the place of the book assumed so far."""
    assumed, film = b.reviewed_page, b.reviewed_screen
    b.adapt(film, real, real.evidence)
    for key, a in list(b.adaptations.items()):
        if a.source is assumed:
            del b.adaptations[key]
    for key, c in list(b.credits.items()):
        if c.work is assumed:
            del b.credits[key]
            b.credit(c.person, c.role, real, c.evidence)
    b.works = {k: w for k, w in b.works.items() if w is not assumed}
    b.reviewed_page = real


def _a_known_film(title: str | None, text: str, known) -> bool:
    """Whether the gazetteer knows the title as a film and the page says nothing of television."""
    return bool(title and known is not None and any(w.kind == "film" and not w.common for w in known.works_titled(title))
                and not re.search(r"\b(?:episodes?|seasons?|mini-?series|tv|television|streaming)\b", text, re.I))
