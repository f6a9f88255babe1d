"""The page's structure: its lines (a one-line credit block, "Director: X; Screenplay: Y",
counts as one line per credit), spaCy's reading of each line, and the sentences as templates,
with the headings that mark a verdict or a listicle's section."""
from __future__ import annotations

import re
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from ..facts import norm
from ..nlp import pipeline
from ..read import Review
from .headline import SECTION_WORK, section_title
from .mentions import KIND_RE, Sentence, make_sentence

# A line that rates each version ("Book: 4/5 | Film: 2/5"): one verdict, not a credit block
RATINGS = re.compile(rf"\b(?P<k1>{KIND_RE})\s*[:\-–]?\s*(?P<r1>\d+(?:\.\d)?)\s*/\s*(?P<of1>\d+)\b.*?"
                     rf"\b(?P<k2>{KIND_RE})\s*[:\-–]?\s*(?P<r2>\d+(?:\.\d)?)\s*/\s*(?P<of2>\d+)\b", re.I)

# A heading under which the reviewer gives the verdict ("Which Is Better?", "The Verdict").
VERDICT_HEADING = re.compile(r"^\W*(?:which\s+is\s+better|book\s+(?:vs\.?|or)\s+(?:movie|film|show|series)|"
                             r"(?:the\s+|my\s+|final\s+)?verdict|final\s+thoughts|the\s+winner)\W*$", re.I)
# The review's own warning: "Warning: spoilers ahead", "[spoiler]", "SPOILERS FOR THE BOOK"
SPOILER_WARNING = re.compile(r"\bspoilers?\b(?!\s*-?\s*free)(?<!no spoilers)(?<!without spoilers)", re.I)
CREDIT_LABEL = re.compile(r"(?:^|[;·•|])\s*\W*(?:directed\s+by|directors?|screenplay|written\s+by|writers?|novel|book|"
                          r"based\s+on|source|starring|cast|author|film|music)\b", re.I)
LABELLED_LINE = re.compile(r"^\W*[A-Za-z][A-Za-z ]{1,20}:\s")
CREDIT_SEPARATOR = re.compile(r"\s*[;·•|]\s*")


def lines_of(text: str):
    """(offset, line) for each non-empty line; a one-line credit block
    ("Director: X; Screenplay: Y; Novel: Z") counts as one line per credit."""
    offset = 0
    for line in text.split("\n"):
        if len(CREDIT_LABEL.findall(line)) >= 2 and not RATINGS.search(line):  # "Book: 4/5 | Film: 2/5" is one verdict
            start = 0
            for sep in [*CREDIT_SEPARATOR.finditer(line), None]:
                end = sep.start() if sep else len(line)
                if line[start:end].strip():
                    yield offset + start, line[start:end]
                start = sep.end() if sep else end
        elif line.strip():
            yield offset, line
        offset += len(line) + 1


@dataclass
class Parsed:
    """A review's lines, and spaCy's reading of each (or why there is none)."""
    review: Review
    lines: list[tuple[int, str]] = field(default_factory=list)  # (offset, line), from lines_of
    docs: list = field(default_factory=list)
    error: Exception | None = None

    @property
    def done(self) -> bool:
        return self.error is not None or len(self.docs) == len(self.lines)


def parse(reviews: Iterable[Review]) -> Iterator[Parsed]:
    """Each review with its lines read by spaCy, in order. The lines of all the reviews go
    through one `nlp.pipe`, so its batches span reviews: 15 % less of spaCy's time than one
    call per review, whose batches are a review's few lines. A failure costs only its review:
    the reviews in flight when spaCy fails are read again one at a time."""
    reviews = iter(reviews)
    while True:
        waiting: deque[Parsed] = deque()
        try:
            for doc, parsed in pipeline().pipe(_stream(reviews, waiting), as_tuples=True):
                parsed.docs.append(doc)
                while waiting and waiting[0].done:
                    yield waiting.popleft()
            yield from waiting  # reviews with no lines, after the last that had some
            return
        except Exception:  # spaCy failed on one of them: find which, and go on after them
            if not waiting:
                raise  # on none of them: spaCy itself cannot run
            for parsed in waiting:
                yield _parse_alone(parsed)


def _stream(reviews: Iterator[Review], waiting: deque[Parsed]) -> Iterator[tuple[str, Parsed]]:
    for review in reviews:
        parsed = Parsed(review)
        waiting.append(parsed)
        try:
            parsed.lines = list(lines_of(review.text))
        except Exception as err:  # noqa: BLE001
            parsed.error = err
        for _, line in parsed.lines:
            yield line, parsed


def _parse_alone(parsed: Parsed) -> Parsed:
    if parsed.error is None:
        try:
            parsed.docs = list(pipeline().pipe(line for _, line in parsed.lines))
        except Exception as err:  # noqa: BLE001
            parsed.error = err
    return parsed


def person_lines(docs) -> set[int]:
    """The lines that are nothing but a person's name, as the tagger reads them."""
    found = set()
    for i, doc in enumerate(docs):
        size = len(doc.text.strip())
        if size <= 60 and any(e.label_ == "PERSON" and len(e.text) >= size - 1 for e in doc.ents):
            found.add(i)
    return found


def sentences_of(parsed: Parsed, skip: set[int], titles: list[str], page_title: str | None, headings: Counter,
                 names: re.Pattern | None, name_words: frozenset[str] = frozenset(),
                 known_titles: tuple[str, ...] = ()) -> tuple[list[tuple[Sentence, bool]], dict[int, tuple[str, int]]]:
    """The review's sentences as templates (but those of the lines in `skip`, the site's
    furniture), each with whether it follows a verdict heading, and the listicle's sections:
    sentence index -> (title, year) of the work its heading names. The sections' titles are
    added to `titles`, so the sentences after a heading know its title. `name_words`: the
    words of the review's full names, names wherever the tagger reads them otherwise;
    `known_titles`: other works the page names that the gazetteer knows, each read as one name."""
    sentences: list[tuple[Sentence, bool]] = []
    sections: dict[int, tuple[str, int]] = {}
    after_heading = False
    for i, ((line_offset, line), doc) in enumerate(zip(parsed.lines, parsed.docs)):
        if i in skip:
            continue
        sents = list(doc.sents)
        if len(sents) > 1 and len(line) <= 160 and LABELLED_LINE.match(line):
            sents = [doc[:]]  # "Movie: Misery (1990), dir. Rob Reiner" is one credit, whatever the tagger's full stops
        if len(sents) == 1 and VERDICT_HEADING.match(line):
            after_heading = True
            continue
        section = SECTION_WORK.match(line) if len(doc) < 30 else None
        if section and page_title is not None and (norm(section_title(section)) != norm(page_title)
                                                   or headings[norm(page_title)] < 2):
            section = None  # in a review of one pair, only a list of its versions has sections ("every Little Women, ranked")
        if section:
            sections[len(sentences)] = (section_title(section), int(section.group("year")))
            titles.append(section_title(section))
        for sent in sents:
            person_words = {t.text for e in sent.ents if e.label_ == "PERSON" for t in e} | name_words
            sentences.append((make_sentence(sent.text, line_offset + sent.start_char, [*titles, *known_titles],
                                            len(sents) == 1, person_words, names), after_heading))
    return sentences, sections
