"""Which titles a page is about, from evidence across the whole page rather than its first line:
the headline (the first line that is not site furniture), a line near the top that is nothing
but a title, a labelled line ("FILM REVIEW: W", "Book/Movie: W"), the title after a kind word
("X's novel W", "the film W", "the film adaptation of X's novel, W") or before one ("W is the
film version of"), quotation marks and italics, and how often the page names it. A name the
page uses as a person's is no title; a phrase with nothing but its repetition to show is none;
where nothing qualifies, no work is reviewed."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.lang.en.stop_words import STOP_WORDS

from ..facts import medium, norm
from .headline import TITLE_NOISE
from .known import kind_in_title, known_in, known_only_as, known_pair, partner
from .mentions import LABEL_WORDS
from .names import used_as_person

SMALL = r"(?:of|the|a|an|and|in|on|to|for|with|at|from|by|vs\.?|or|&|de|la|le|du|von|van)"
WORD = r"(?:Mr|Mrs|Ms|Dr|St|Jr)\.|[A-Z0-9][\w'’&!.-]*[\w'’!]|[A-Z0-9]"  # "The Talented Mr. Ripley"
RUN = rf"(?:{WORD})(?:(?:\s+{SMALL})*\s+(?:{WORD}))*"  # "The Perks of Being a Wallflower"
END = rf"(?![\w'’])(?!\s+(?:{SMALL}\s+)*[A-Z0-9])"  # where the run ends, not a shorter part of it ("Ernest" of "Ernest Cline's")
QUOTES = "“\"‘'"
CLOSE = "”\"’'"
PAGE_KIND = r"(?:graphic\s+novel|novella|novel|book|memoir|comic(?:\s+book)?|short\s+story|story|bestseller)"
SCREEN_KIND = r"(?:film|movie|(?:tv\s+|television\s+)?(?:series|show|miniseries))"
KIND = rf"(?:{PAGE_KIND}|{SCREEN_KIND}|adaptation|version)"
# The title after its kind ("the novel W"), after what a film is of or based on, before "is the film ...".
# "In the film, Pi Patel ..." sets a scene: what follows its comma is no title.
AFTER_KIND = re.compile(rf"(?<!\bin the )(?<!\bIn the )(?i:\b(?P<k>{PAGE_KIND}|{SCREEN_KIND}))\s*,?\s+(?i:(?:called|titled|entitled|named)\s+)?[{QUOTES}]?(?P<w>{RUN}){END}")
AFTER_OF = re.compile(rf"(?i:\b(?P<k>adaptation|version|film|movie)\s+of|based\s+(?:up)?on|adapted\s+from)\s+"
                      rf"(?:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{0,3}}['’]s?\s+)?(?:(?i:\w+),?\s+){{0,3}}?[{QUOTES}]?(?P<w>{RUN}){END}")
BEFORE_KIND = re.compile(rf"(?P<w>{RUN})[{CLOSE}]?,?\s+(?i:is|was|became)\s+(?i:the|a|an|one\s+of\s+(?:the|my|his|her|our))\s+(?:(?i:[\w-]+)\s+){{0,3}}?"
                         rf"(?i:(?P<k>{KIND}))\b")
# "Disney has brought W to the big screen", "W opens in theaters on April 18": the screen version
BROUGHT = re.compile(rf"\b(?i:brings?|brought|bringing)\s+[{QUOTES}]?(?P<w>{RUN}){END}[{CLOSE}]?\s+(?i:to\s+(?:the\s+)?(?:big|silver|small)\s+screen"
                     rf"|to\s+(?:life\s+on\s+)?(?:the\s+)?screen|to\s+(?:theaters|theatres|cinemas))\b"
                     rf"|(?P<v>{RUN})[{CLOSE}]?\s+(?i:(?:will\s+)?(?:opens?|hits?|arrives?)\s+(?:in\s+)?(?:theaters|theatres|cinemas))\b")
# "W, directed by X": a film
DIRECTED = re.compile(rf"[{QUOTES}]?(?P<w>{RUN}){END}[{CLOSE}]?,?\s+(?i:directed|helmed)\s+by\s+[A-Z]")
# "I watched W several times", "had never read W": the version a reader's verb takes
TAKEN_IN = re.compile(rf"\b(?i:(?P<screen>watched|rewatched|re-watched)|(?P<page>reread|re-read|had\s+read|have\s+read))\s+[{QUOTES}]?(?P<w>{RUN}){END}")
# "the Harry Potter series", "the Hunger Games books": a series, whose volumes are titles of their own
SERIES = re.compile(rf"(?P<w>{RUN}){END}\s+(?i:(?:book\s+|film\s+|movie\s+)?(?:series|saga|franchise|books|novels|films|movies))\b")
COMPARED = re.compile(r"\b(?:book|novel|memoir|comic)\s+(?:vs\.?|versus|v\.?|or|and|to)\s+(?:the\s+)?(?:movie|film|tv|series|show|screen)\b"
                      r"|\b(?:movie|film|show|series)\s+(?:vs\.?|versus|v\.?|or|and|of)\s+(?:the\s+)?(?:book|novel)\b", re.I)
CREDIT = re.compile(r"^\W*(?:(?:written\s+and\s+)?directed\s+by|director|screenplay|written\s+by|starring|cast|novel\s+by|"
                    r"release\s+date|running\s+time|rated)\b", re.I)
KINDS_ONLY = re.compile(rf"(?i:(?:the\s+)?{KIND}(?:\s+(?:vs\.?|versus|v\.?|or|and|to|of)\s+(?:the\s+)?{KIND})?)")  # "Film of the book"
QUOTED = re.compile(rf"[“\"‘](?P<w>{RUN})[”\"’]")
# "Michael Lewis's Moneyball": the title a person owns (the owner must be a name the page gives)
OWNED = re.compile(rf"(?P<o>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){{0,3}})['’]s\s+[{QUOTES}]?(?P<w>{RUN}){END}")
# "FILM REVIEW: W", "Book/Movie: W", "Book v Film: W", "Movie: W"
LABEL = re.compile(rf"^\W*(?i:(?:(?:book|novel|film|movie|tv|series|show)(?:\s*(?:/|vs\.?|v\.?|or|and|&)\s*(?:book|novel|film|movie|tv|series|show))?"
                   rf"(?:\s+review)?|review))\s*[:\-–—|]\s*[{QUOTES}]?(?P<w>{RUN})[{CLOSE}]?\W*$")
# Words that make a phrase the site's ("Movie Reviews & Interviews") or a heading's ("Thoughts on the Book").
SITE_WORDS = {"review", "reviews", "interview", "interviews", "news", "magazine", "blog", "posts", "comments", "menu",
              "home", "features", "presents", "staff", "editor", "podcast", "episode", "newsletter",
              "medal", "award", "awards", "prize", "oscar", "oscars"}  # and the prizes a work wins
HEADING_WORDS = {"verdict", "thoughts", "story", "plot", "summary", "conclusion", "introduction", "cast", "characters",
                 "differences", "similarities", "ending", "spoilers", "spoiler", "final", "winner", "better", "overview",
                 "background", "credits", "trailer", "rating", "why", "what", "how", "changes", "comparison"}
TOP_LINES = 6  # a title line or a label counts near the top only: further down, lines are headings
MIN_SCORE = 4


@dataclass
class Evidence:
    form: str  # the spelling it first had
    signals: Counter = field(default_factory=Counter)
    occurrences: int = 0

    @property
    def score(self) -> float:
        s = self.signals
        return (8 * min(s["headline"], 1) + 6 * min(s["compared"], 1) + 5 * min(s["line"], 1)
                + 6 * min(s["label"] + s["credit label"], 1)
                + 3 * min(s["page"] + s["screen"] + s["kind"], 3) + 2 * min(s["quoted"] + s["italic"] + s["owned"], 3)
                + s["known"]
                + min(self.occurrences, 8))

    @property
    def titled(self) -> bool:
        """Whether the page shows it as its title: in the headline and named again, on a line of
        its own near the top and named again, labelled, called a book or film, or set apart (quoted,
        in italics) and named more than once."""
        s, named = self.signals, self.occurrences
        return bool(s["headline"] and named or s["compared"] or s["alone"] or s["line"] and named >= 2 or s["label"]
                    or s["credit label"] or s["page"] or s["screen"] or s["known"] and named >= 2 or s["known"] == 3 and s["mention"]
                    or s["kind"] or s["quoted"] + s["italic"] + s["owned"] >= 2 and named >= 2)

    @property
    def side(self) -> str | None:
        """'page' or 'screen' where the page's kind words call it one and not the other."""
        page, screen = self.signals["page"], self.signals["screen"]
        return "page" if page > screen else "screen" if screen > page else None


def reviewed_titles(lines: list[str], people: dict[str, str], italics: tuple[str, ...] = (),
                    known=None) -> tuple[str | None, str | None]:
    """(book title, screen title) of what the page reviews; one title for both where the page
    shows no two; (None, None) where nothing says so well enough. `lines`: the page's lines
    without furniture, headline first; `people`: norm(name) -> full name; `known`: a gazetteer."""
    found = candidates(lines, people, italics, known)
    ranked = sorted((e for e in found.values() if e.titled and e.score >= MIN_SCORE),
                    key=lambda e: (e.score, e.signals["headline"] > 0, e.signals["italic"] + e.signals["quoted"], len(e.form)),
                    reverse=True)
    if not ranked:
        # A headline that is a title and little else names the work even where the body never
        # repeats it: "No Country for Old Men (2007) — Review", "THE SHINING (1980)".
        first = _headline_title(lines[0]) if lines and _headline_shaped(lines[0]) else None
        title = first if first and not _not_a_title(first, norm(first), False) else None
        return title, title
    best = ranked[0]
    # a headline the page never names again ("The Richmond Review", a site's name) gives way to a title
    # the text calls a book or a film and names again
    named = [e for e in ranked[1:] if e.occurrences >= 2 and (e.signals["page"] or e.signals["screen"])]
    if named and not best.occurrences and not any(best.signals[k] for k in ("known", "page", "screen", "kind")):
        best = named[0]
    # a series named as such gives way to the volume of it the page names ("Harry Potter and the Sorcerer's Stone")
    volume = [e for e in ranked[1:] if best.signals["series"] and set(norm(best.form).split()) < set(norm(e.form).split())]
    best = volume[0] if volume else best
    # "Arrival and the novella “Story of Your Life”": two titles in the headline, the page's kind
    # words making one the book; the other, a title the page does not call a book, the film.
    shown = ("page", "screen", "kind", "quoted", "italic", "line", "label", "owned")
    other = next((e for e in ranked[1:] if e.signals["headline"] and e.side != best.side
                  and (any(e.signals[s] for s in shown) or best.side and known_only_as(e.form, _other_side(best.side), known))
                  and not (set(norm(e.form).split()) & set(norm(best.form).split()))), None)
    if best.signals["headline"] and best.side and other is not None:
        return (best.form, other.form) if best.side == "page" else (other.form, best.form)
    paired = partner(best, ranked[1:], known)
    if paired is not None:
        return paired
    return best.form, best.form


def _other_side(side: str) -> str:
    return "screen" if side == "page" else "page"


def candidates(lines: list[str], people: dict[str, str], italics: tuple[str, ...] = (), known=None) -> dict[str, Evidence]:
    """norm(title) -> the evidence that the page is about it. A title the gazetteer knows, and
    not as an everyday word, counts as shown; a name it knows as a person's and not as a title is none."""
    found: dict[str, Evidence] = {}
    if not lines:
        return found
    whole = "\n".join(lines)
    acting = _Acting(people, whole)
    surnames = {key.split()[-1] for key in people if len(key.split()) > 1}
    headline = lines[0] if _headline_shaped(lines[0]) else None
    first = _headline_title(headline) if headline else None

    def note(title: str, signal: str) -> None:
        title = re.sub(r"\s*\((?:19|20)\d\d\)$", "", title.strip()).strip(" .:!?" + QUOTES + CLOSE)
        key = norm(title)
        marked = signal in ("quoted", "italic", "label", "line")
        works = [w for w in known.works_titled(title) if not w.common] if known is not None else []
        titled = 3 if len({medium(w.kind) == "page" for w in works}) == 2 else 1 if works else 0  # a book and its film
        if not titled and known is not None and known.person(title) is not None and len(key.split()) > 1:
            return  # "Joseph Fiennes", "Jane Austen"
        # A title known as a book and a film may end in a name ("The Curious Case of Benjamin Button"):
        # only the page's use of it as a person's makes it one.
        named = key in people and key in acting if titled == 3 else _names_person(key, people, acting, title == first)
        if key and not _not_a_title(title, key, marked) and not named \
                and not (len(key.split()) == 1 and used_as_person(title, whole)) \
                and not (signal == "credit label" and key in people):  # "Novel: Ian McEwan" is a credit
            evidence = found.setdefault(key, Evidence(title))
            evidence.signals[signal] += 1
            evidence.signals["known"] = titled

    known_headline = known_in(headline, known) if headline and known is not None else []
    for phrase in [*_phrases(headline or ""), *([first] if first else []), *known_headline]:
        note(phrase, "headline")  # "Girl, Interrupted": a known title keeps its comma
    if first and COMPARED.search(headline):
        note(first, "compared")  # "W: Book vs. Movie", "Book v Film: W": the headline says what it compares
    elif first and norm(first) == norm(TITLE_NOISE.sub(" ", headline)):
        note(first, "alone")  # "W (2019) — Review", "THE SHINING": a headline that is only a title
    for line in lines[1:TOP_LINES]:
        label = LABEL.match(line)
        if label:
            # "Novel: X" may credit its author; "FILM REVIEW: X", "Book/Movie: X" name a title
            note(label.group("w"), "credit label" if re.match(r"^\W*\w+\s*:", line) else "label")
        elif _title_line(line):
            note(line, "line")
    body = lines if headline is None else lines[1:]
    for line in body:  # a phrase of the text stays within its line: "The movie" is a heading, "Witherspoon" the next line's
        for phrase, signal in _body_signals(line, people, surnames, known):
            note(phrase, signal)
    text = "\n".join(body)
    for phrase in italics:
        note(phrase, "italic")
    if known is not None:
        # A title known as a book and as a film, named near the top with nothing else to mark it,
        # however the page sets it: "Dune is a sweeping space opera ...", "Girl, Interrupted",
        # "the curious case of benjamin button book movie comparison"
        for line in lines[:TOP_LINES]:
            runs = [m.group() for m in re.finditer(rf"{RUN}{END}", line)]
            for title in dict.fromkeys([*(r for r in runs if known_pair(r, known)), *known_in(line, known)]):
                note(title, "mention")
    _count(found, text)
    return found


def _body_signals(line: str, people: dict[str, str], surnames: set[str], known):
    """(phrase, signal) for each title a line of the text shows: after or before a kind word, as a
    series, directed, watched or read, brought to the screen, in quotes, owned by a person the page names."""
    for pattern in (AFTER_KIND, AFTER_OF, BEFORE_KIND):
        for m in pattern.finditer(line):
            spelt = kind_in_title(line, m, known) if pattern is AFTER_KIND else None
            if spelt:
                yield spelt, "mention"  # "the Book Thief by Markus Zusak": the kind word is the title's
            else:
                yield m.group("w"), _side_of(m.group("k"))
    for m in SERIES.finditer(line):
        yield m.group("w"), "series"
    for m in DIRECTED.finditer(line):
        yield m.group("w"), "screen"
    for m in TAKEN_IN.finditer(line):
        yield m.group("w"), "screen" if m.group("screen") else "page"
    for m in BROUGHT.finditer(line):
        yield m.group("w") or m.group("v"), "screen"
    for m in QUOTED.finditer(line):
        yield m.group("w"), "quoted"
    for m in OWNED.finditer(line):
        if norm(m.group("o")) in people or norm(m.group("o")) in surnames:
            yield m.group("w"), "owned"


def _side_of(kind: str | None) -> str:
    if not kind:
        return "kind"
    return "page" if re.fullmatch(PAGE_KIND, kind, re.I) else "screen" if re.fullmatch(SCREEN_KIND, kind, re.I) else "kind"


def _headline_shaped(line: str) -> bool:
    """A headline is short, no sentence and no credit: a first line of body prose is not one, nor
    a credit block's first line ("Directed by: X")."""
    return len(line.split()) <= 20 and not (len(line.split()) > 8 and re.search(r"[.,]\s*$", line)) and not CREDIT.match(line)


def _headline_title(headline: str) -> str | None:
    """The headline's first part, where it is a title: "Emma, Three Ways" -> "Emma"."""
    clean = TITLE_NOISE.sub(" ", headline).strip()
    segments = [p.strip(" " + QUOTES + CLOSE) for p in re.split(r"\s*(?::|—|–|\s-\s|\||,)\s*", clean)]
    # "The Book vs The TV Show: Little Fires Everywhere": the part that only names the kinds is no title
    first = next((p for p in segments if not KINDS_ONLY.fullmatch(p)), "")
    return first if re.fullmatch(RUN, first) and len(first.split()) <= 8 else None


def _title_line(line: str) -> bool:
    """A line that is nothing but a title ("Children Of Men", "“Jane Eyre” (2011)")."""
    core = re.sub(r"\s*\((?:19|20)\d\d\)\s*$", "", line.strip()).strip(QUOTES + CLOSE + " ")
    return bool(re.fullmatch(RUN, core)) and len(core.split()) <= 10


def _phrases(headline: str):
    """Every run of the headline's capitalised words, and every quoted phrase in it. "vs." parts
    it only before a kind word ("Blade Runner vs. the Novel", not "Scott Pilgrim vs. the World")."""
    clean = TITLE_NOISE.sub(" ", headline)
    for m in QUOTED.finditer(clean):
        yield m.group("w")
    for segment in re.split(r"\s*(?::|—|–|\s-\s|\||\?|!|,|\bvs\.?(?=\s+(?:the\s+)?(?i:book|novel|movie|film|show|series|tv)\b))\s*",
                            clean):
        words = segment.split()
        for i in range(len(words)):
            for j in range(i + 1, min(len(words), i + 12) + 1):
                phrase = " ".join(words[i:j]).strip(QUOTES + CLOSE + ".")
                if re.fullmatch(RUN, phrase):
                    yield phrase


def _not_a_title(title: str, key: str, marked: bool) -> bool:
    """A number, a sentence, an owner ("Moriarty's"), the site's words, a heading's words, and
    small words unless set apart ("IT", “Us”)."""
    words = key.split()
    if re.fullmatch(r"[\d ]+", key) or len(words) > 12 or re.search(r"['’]s?$", title) or set(words) & SITE_WORDS:
        return True
    if re.match(r"(?:by|vs|versus)\b", key) or re.fullmatch(r"\w+-[a-z]+", title):
        return True  # a byline ("By Alice Sebold"), a kind compared ("Vs Movie"), a compound adjective ("Award-winning")
    plain = STOP_WORDS | LABEL_WORDS | HEADING_WORDS
    return all(w in plain for w in words) and not (marked and not set(words) & (LABEL_WORDS | HEADING_WORDS)
                                                   or len(title) > 1 and title.isupper() and all(w in STOP_WORDS for w in words))


def _names_person(key: str, people: dict[str, str], acting: _Acting, headline_first: bool) -> bool:
    """The name, the surname or the first name ("Tim") of someone the page uses as a person, or a
    title with such a name after it ("The Perks of Being a Wallflower Stephen Chbosky"). The
    tagger takes titles and places for names too ("Normal People", "Larkspur Road"): a name it
    tags is a person's only where the page uses it as one."""
    for p in people:
        words = p.split()
        if (key == p or key.endswith(" " + p) or len(words) > 1 and key == words[-1]) and p in acting:
            return True
        if len(words) > 1 and key == words[0] and p in acting and not headline_first:
            return True
    return False


class _Acting:
    """The people's names the page uses as people's, found as they are asked about."""

    def __init__(self, people: dict[str, str], text: str):
        self.people, self.text, self.found = people, text, {}

    def __contains__(self, key: str) -> bool:
        if key not in self.found:
            self.found[key] = key in self.people and used_as_person(self.people[key], self.text)
        return self.found[key]


def _count(found: dict[str, Evidence], text: str) -> None:
    """How often the page names each title, capitalised as titles are ("Children of Men" for
    "Children Of Men"), a mention inside a longer title ("Scott Pilgrim" in "Scott Pilgrim vs. the
    World") being the longer one's; and of a headline's nested runs, the longest the page names
    again is the title."""
    spans = {key: _spans(e.form, text) for key, e in found.items()}
    for key, evidence in found.items():
        longer = [k for k in found if k != key and re.search(rf"(?<!\w){re.escape(key)}(?!\w)", k)]
        covered = [s for k in longer for s in spans[k]]
        evidence.occurrences = sum(1 for a, b in spans[key] if not any(c <= a and b <= d for c, d in covered))
    for key, evidence in list(found.items()):
        # "Comparing The Hobbit book vs. movie": a compared run the page never names again gives
        # way to the longest run it ends in that the page does name (a word before the title)
        ending = [e for k, e in found.items() if k != key and e.occurrences and e.signals["headline"]
                  and re.search(rf"(?<=\s){re.escape(k)}$", key)]
        if evidence.signals["compared"] and not evidence.occurrences and ending:
            max(ending, key=lambda e: len(e.form)).signals["compared"] += evidence.signals.pop("compared")
            del evidence.signals["headline"]
    for key, evidence in list(found.items()):
        if not evidence.signals["headline"]:
            continue
        longer = [found[k] for k in found if k != key and re.search(rf"(?<!\w){re.escape(key)}(?!\w)", k)]
        named = [e for e in longer if e.occurrences]
        # the headline's title is the longer one, named again or the one the headline compares
        # ("Film of the book: ‘Bridget Jones's Diary’": not "Bridget")
        if any(e.signals["headline"] for e in named) or any(e.signals["compared"] for e in longer):
            del evidence.signals["headline"]
        elif not evidence.occurrences and named:
            # "Shawshank" in the headline, "The Shawshank Redemption" in the text: the full title
            max(named, key=lambda e: (e.occurrences, -len(e.form))).signals["headline"] += 1
            del evidence.signals["headline"]


def _spans(form: str, text: str) -> list[tuple[int, int]]:
    core = re.sub(r"^(?:the|a|an)\s+", "", form, flags=re.I)
    words = (re.sub(r"['’]", "['’]", re.escape(w)) for w in core.split())
    pattern = r"(?<![\w])(?:(?:the|a|an)\s+)?" + r"\s+".join(words) + r"(?![\w])"
    return [m.span() for m in re.finditer(pattern, text, re.I) if _title_cased(m.group())]


def _title_cased(phrase: str) -> bool:
    """Capitalised as a title is, its article aside ("the Book Thief")."""
    core = re.sub(r"^(?:the|a|an)\s+", "", phrase, flags=re.I)
    return core[:1].isupper() or core[:1].isdigit()
