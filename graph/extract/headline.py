"""The review as a whole: which book and film it reviews, read from its credit lines, its
headline and, in a listicle, its numbered sections; and the kinds of work it speaks of most."""
from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from ..facts import PAGE_KINDS, norm
from .mentions import APOSTROPHES, KIND_WORDS, LABEL_WORDS

TITLE_LINE = re.compile(
    r"^(?:(?:book|novel)\s+(?:vs\.?|versus|v\.?|or|and)\s+(?:the\s+)?(?:movie|film|tv series|series|show)"
    r"\s*(?:review)?\s*[:\-–—|]\s*)?"
    r"(?P<title>.+?)"
    r"(?:\s*[:\-–—|(]?\s*(?:the\s+)?(?:book|novel)\s+(?:vs\.?|versus|v\.?|or|and)\s+(?:the\s+)?"
    r"(?P<screen>movie|film|tv series|series|show|miniseries)\)?(?:\s+review)?)?"
    r"(?:\s*[:\-–—|]\s*review)?\s*$",
    re.I,
)


def reviewed_title(title_line: str) -> tuple[str, str | None]:
    """'Never Let Me Go Book vs Movie Review' -> ('Never Let Me Go', 'film')."""
    m = TITLE_LINE.match(title_line.strip().strip("#").strip())
    if not m:
        return title_line.strip(), None
    screen = m.group("screen")
    if screen:
        return m.group("title").strip(" :-–—|"), KIND_WORDS[screen.lower()]
    return m.group("title").strip(" :-–—|"), None


CREDIT_TITLE = re.compile(
    r"^\W*(?:(?P<label>[A-Za-z][A-Za-z ]{1,20}?)\s*:\s*)?[“\"‘']?(?P<title>[^“”\"()]{1,80}?)[”\"’']?"
    r"\s*(?:\((?P<year>\d{4})\))?(?:\s*,?\s+(?P<rel>(?:written\s+and\s+)?directed\s+by|created\s+by|written\s+by|by)"
    r"|\s*,\s*(?P<page>(?:a\s+)?(?:novel|novella|book|memoir|short\s+story)\s+(?:written\s+)?by))\s+[A-Z]")
# and any one participle before "by" ("Produced by", "Released by", "Distributed by"): a credit's label
NOT_A_TITLE = re.compile(r"(?i)^(?:directed|written|screenplay|script|novel|book|story|adapted|based|starring|music|"
                         r"posted|review(?:ed)?|photo|image|cover|illustrations?)\b|^[A-Za-z]+ed\W*$")


def credit_line_titles(lines: list[str], text: str) -> list[tuple[str, str]]:
    """(title, 'page' or 'screen') named by the credit lines at the head of a review (`text`: the
    whole page). An unlabelled line whose title the page names nowhere else is a link to another
    page ("Related Links ... W by X"), not a credit of this one."""
    found = []
    for line in lines[:15]:
        m = CREDIT_TITLE.match(line.strip())
        # A credit line is short and its title holds no sentence break and no lower-case word
        # but small ones ("The 1981 serial was written by X" is a sentence, not a credit).
        if not m or len(line) > 160 or NOT_A_TITLE.match(m.group("title")) or re.search(
                r"[.!?]\s|,\s+(?:from|with|and)\s", m.group("title")) or any(
                w.isalpha() and w.islower() and w not in STOP_WORDS for w in m.group("title").split()) or not re.search(
                r"[A-Z0-9][^\s]*$", m.group("title").strip(" *_\"”’'")) or not re.search(r"[A-Za-z]", m.group("title")):
            continue  # a title ends in a capitalised word or a number ("It was directed by X" is a sentence), not a year alone
        label = (m.group("label") or "").lower().strip()
        if label and label not in KIND_WORDS:
            continue
        title = m.group("title").strip(" *_")
        if not label and len(re.findall(rf"(?<!\w){re.escape(title)}(?!\w)", text, re.I)) < 2:
            continue
        if label:
            side = "page" if KIND_WORDS[label] in PAGE_KINDS else "screen"
        else:
            side = "page" if m.group("rel") == "by" or m.group("page") else "screen"  # "W, novel by X"
        found.append((title, side))
    return found


# "## 1. Psycho (1960)", "REBECCA (2020)": a heading of a section about one adaptation.
# Unnumbered, the heading is a title alone, no credit line ("Source: W by X (1979)").
_TITLE_WORD = r"(?:[A-Z0-9][\w'’&!?-]*|of|the|a|an|and|in|on|to|for|with|at|from|by)"
SECTION_WORK = re.compile(r"^\W*(?:\d{1,2}[.)]\s+(?P<title>[A-Z][^()]{0,80}?)|(?P<plain>[A-Z0-9][\w'’&!?-]*(?:\s+"
                          + _TITLE_WORD + r"){0,11}))\s*\((?P<year>1[89]\d\d|20\d\d)\)\W*$")


SMALL_WORDS = {"a", "an", "the", "and", "or", "of", "in", "on", "to", "for", "with", "at", "from", "by"}


def section_title(heading: re.Match) -> str:
    """A heading's title, in the case the text writes it: "THE HANDMAID'S TALE" is "The Handmaid's Tale"."""
    title = (heading.group("title") or heading.group("plain")).strip()
    if not title.isupper():
        return title
    words = title.lower().split()
    return " ".join(w if i and w in SMALL_WORDS else w[:1].upper() + w[1:] for i, w in enumerate(words))


TITLE_NOISE = re.compile(r"\[[^\]]*\]|[★☆½]+|\([^()]*\b(?:1[89]|20)\d\d\)|\b(?:book|novel|movie|film|tv|series|show|memoir|comic)\s+"
                         r"(?:vs\.?|versus|v\.?|or|and|to)\s+(?:the\s+)?(?:book|novel|movie|film|tv\s+series|series|show|screen)\b"
                         r"|\breview\b", re.I)


def title_line_title(title_line: str, body: str, people: dict[str, str], italics: tuple[str, ...] = ()) -> str | None:
    """The work a review's headline names: its longest run of capitalised words that the body
    names too (the most often named of equal length), so 'Electric Sheep and Tears in Rain: Blade
    Runner vs. the Novel' gives 'Blade Runner'. None for a headline about no one work ('5 Adaptations Better Than the Book')."""
    clean = TITLE_NOISE.sub(" ", title_line.strip().strip("#"))
    shouting = clean.upper() == clean
    candidates: dict[str, int] = {}
    for segment in re.split(r"\s*(?::|—|–|\s-\s|\||\bvs\.?(?=\s)|\bversus\b|\?|!|,)\s*", clean):
        words = segment.split()
        for i in range(len(words)):
            for j in range(i + 1, min(len(words), i + 10) + 1):
                phrase = " ".join(words[i:j]).strip("“”\"'‘’. ")
                parts = phrase.split()  # none for a phrase of quotation marks alone ('“ “')
                if not parts or not (parts[0][:1].isupper() or parts[0][:1].isdigit()) or not (
                        parts[-1][:1].isupper() or parts[-1][:1].isdigit()):
                    continue
                if phrase.isdigit() or all(w.lower() in STOP_WORDS | LABEL_WORDS | {"vs", "vs."} for w in parts):
                    continue
                # spaCy takes some titles for names ("Normal People"): only a lone surname is refused.
                if re.search(r"[" + APOSTROPHES + r"]s?$", phrase) or any(
                        norm(phrase) == norm(name.split()[-1]) for name in people.values() if len(name.split()) > 1):
                    continue
                pattern = r"(?<![\w])" + re.escape(phrase) + r"(?![\w])"
                hits = [m for m in re.finditer(pattern, body, re.I if shouting else 0)
                        if not shouting or m.group()[:1].isupper()]
                if hits:
                    form = hits[0].group() if shouting else phrase
                    candidates[form] = max(candidates.get(form, 0), len(hits))
    if not candidates:
        # A headline that is nothing but a title ("THE SHINING (1980)") names the work even
        # where the body never repeats it.
        first = re.split(r"\s*(?::|—|–|\s-\s|\||,)\s*", clean.strip())[0].strip()  # "Emma, Three Ways"
        words = first.split()
        if 0 < len(words) <= 8 and words[0][:1].isupper() and not all(
                w.lower() in STOP_WORDS | LABEL_WORDS for w in words):
            return first.title() if shouting else first
        return None
    italic = {norm(i) for i in italics}  # "Fences: From Broadway to the Backyard", with *Fences* in the text
    return max(candidates, key=lambda c: (norm(c) in italic, len(c.split()), candidates[c]))


def headline_year(title_line: str) -> int | None:
    """The year a headline dates its work with, "Dune (2021) vs. the Novel" or "The Handmaid's Tale
    (Hulu, 2017)", taken as the screen version's: a book-and-film review's headline dates the film
    (one that dates the book, "Dune (1965) vs. Villeneuve", is misread)."""
    years = re.findall(r"\((?:[^()]*,\s*)?(1[89]\d\d|20\d\d)\)", title_line)
    return int(years[0]) if len(years) == 1 else None


def dominant_kind(text: str, words: list[str], default: str) -> str:
    counts = {}
    for word in words:
        # "a famous book series", "the novel series" is no television series
        n = len(re.findall(rf"(?<!\bbook\s)(?<!\bnovel\s)(?<!\bbooks\s)\b{re.escape(word)}s?\b", text, re.I))
        if n:
            kind = KIND_WORDS[word]
            counts[kind] = counts.get(kind, 0) + n
    if not counts or list(counts.values()).count(max(counts.values())) > 1 and counts.get(default) == max(counts.values()):
        return default  # a tie goes to the default
    return max(counts, key=counts.get)
