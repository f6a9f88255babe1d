"""A review's facts from its parsed lines: the people it names, what it reviews, its sentences
as templates, then two readings of the sentences by the rules (the first learns who the
characters are and who holds which credit, the second reads with that knowledge), and last
the verdict and the book the film really adapts."""
from __future__ import annotations

from ..facts import Evidence, Extraction, medium, norm
from ..gazetteer import Gazetteer
from ..read import Review, text_review
from .builder import Builder
from .clues import evidence
from .engine import read_sentence
from .explain import SentenceTrace, Trace
from .furniture import furniture
from .headline import headline_year
from .mentions import Sentence, lowercase_names
from .known import known_titles_in
from .names import full_names, known_in_text, known_names, merge_variants, surname_index
from .page import SPOILER_WARNING, Parsed, parse, person_lines, sentences_of
from .reviewed import Reviewed, reviewed_pair, source_by_another_title
from .rules import VERDICT_RULES
from .rules.cast import list_order
from .rules.verdicts import find_side, find_verdict, scores


def extract(review: Review) -> Extraction:
    return extract_parsed(next(parse([review])))


def explain(review: Review) -> tuple[Extraction, Trace]:
    """The review's facts and the trace of how the rules read it."""
    trace = Trace()
    return extract_parsed(next(parse([review])), trace), trace


def explain_sentence(text: str, emphasis: tuple[str, ...], start: int) -> SentenceTrace | None:
    """How the rules read the sentence at offset `start` of a stored review's text (with the
    phrases its source set in italics, in reading order): what the explorer shows of a fact."""
    phrases = tuple(sorted(emphasis, key=lambda e: (text.find(e) % (len(text) + 1), e)))
    _, trace = explain(text_review(text, "review", phrases))
    return next((s for s in trace.sentences if s.start == start), None)


def extract_parsed(parsed: Parsed, trace: Trace | None = None, known: Gazetteer | None = None) -> Extraction:
    """The facts of a parsed review; the error spaCy met on it, raised here. `known`: the works and
    people to recognise (default: the shipped gazetteer); it states no fact of its own."""
    if parsed.error is not None:
        raise parsed.error
    known = known if known is not None else Gazetteer.default()
    review = parsed.review
    full = known_in_text(full_names(parsed.lines, parsed.docs), review.text, known)
    skip = furniture([line for _, line in parsed.lines], person_lines(parsed.docs))
    pair = reviewed_pair(review, [line for i, line in enumerate(parsed.lines) if i not in skip], full, known)
    for candidate in pair.titles:
        full.pop(norm(candidate), None)
    full, aliases = merge_variants(full, review.text)
    full, renamed = known_names(full, known)
    aliases += renamed
    # Full names and surnames long enough not to be common words, longest first.
    names_in_lower_case = lowercase_names(n for name in full.values() for n in (name, name.split()[-1]) if len(n) >= 5)
    sentences, sections = sentences_of(parsed, skip, pair.titles, pair.page_title, pair.headings, names_in_lower_case,
                                       frozenset(w for name in full.values() for w in name.split()),
                                       tuple(known_titles_in(review.text, known, full)))

    # Two readings: the first only learns who the characters are, so that "Dick's Rick
    # Deckard" early in a review is not taken for a book when the cast list comes later,
    # and who holds which credit, so that "Martel's Life of Pi" before "Ang Lee directed it"
    # is read as the book.
    characters: set[str] = set()
    foreseen: dict[tuple[str, str], set[str]] = {}
    for first in (True, False):
        b = Builder(review.text, dict(full), surname_index(full), pair.titles, characters=set(characters),
                    foreseen=foreseen, first_reading=first, trace=None if first else trace, known=known)
        _read(b, review, pair, sentences, sections)
        characters = b.characters
        foreseen = {}
        for c in b.credits.values():
            foreseen.setdefault((norm(c.work.title), c.role), set()).add(c.person)

    if not pair.credited and b.reviewed_page is not None:
        source_by_another_title(b, pair.headline[1] if pair.headline else "")
    found = find_verdict(b, sentences, VERDICT_RULES) if pair.page_title and b.reviewed_page is not None else None
    if found is not None and trace is not None:
        trace.verdict = (found[2], ("verdict", found[0].ref))
    side = find_side(sentences) if found is None else None
    if found is not None:
        said = "page" if medium(found[0].kind) == "page" else "screen"
    else:
        said = side[0] if side else "undecided"
    return Extraction(
        review_id=review.id, title=review.title, text=review.text,
        verdict=found[:2] if found else None, side=said, scores=scores(review.text),
        side_evidence=evidence(side[1], "verdict-side", 0.7) if side else None,
        spoiler_warning=bool(SPOILER_WARNING.search(review.text)),
        aliases=[(v, c) for v, c in dict.fromkeys([*aliases, *b.renamed])
                 if c in {x.person for x in b.credits.values()} | {x.actor for x in b.cast.values()}],
        reviewed=[w for w in (b.reviewed_page, b.reviewed_screen) if w is not None],
        works=list(b.works.values()), adaptations=list(b.adaptations.values()),
        credits=list(b.credits.values()), cast=list(b.cast.values()), differences=b.differences,
    )


def _read(b: Builder, review: Review, pair: Reviewed, sentences: list[tuple[Sentence, bool]],
          sections: dict[int, tuple[str, int]]) -> None:
    """One reading: the reviewed pair, then each sentence by the rules, a section's heading
    turning the reviewed pair to its own book and film."""
    b.list_order = list_order(b, sentences)
    if pair.page_title:
        at, line = pair.named_in
        title_ev = Evidence(line, at, at + len(line), "review-title", 0.8)
        b.reviewed_page = b.work(pair.page_title, pair.page_kind, title_ev)
        b.reviewed_screen = b.work(pair.screen_title, pair.screen_kind, title_ev,
                                   headline_year(pair.headline[1]) if pair.headline else None)
        b.adapt(b.reviewed_screen, b.reviewed_page, title_ev)
    for i, (s, _) in enumerate(sentences):
        if i in sections:  # a listicle's numbered section: its own book and film
            heading, year = sections[i]
            ev = evidence(s, "section-heading", 0.8)
            b.reviewed_page = b.work(heading, pair.page_kind, ev)
            b.reviewed_screen = b.work(heading, pair.screen_kind, ev, year)
            b.adapt(b.reviewed_screen, b.reviewed_page, ev)
            b.section_credits = len(b.credits)
            continue
        read_sentence(b, s, b.trace)
        b.previous = s
        for m in s.mentions:
            if b.is_real(m.text):
                b.last_person = b.person(m.text)
                if any(c.actor == b.last_person for c in b.cast.values()):
                    b.last_actor = b.last_person
            elif b.is_title(m.text):
                b.last_title = b.slot_title(m.text) or b.last_title
