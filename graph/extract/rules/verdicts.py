"""Which version the reviewer prefers. Reviews give it at the end, often under a heading ("Which
Is Better?") or in a labelled line ("Verdict: the movie, by a nose."); the last verdict of the
review counts, one under a heading before one in passing. These rules read the whole review."""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...facts import Evidence, Work, medium
from ..builder import Builder
from ..clues import evidence
from ..mentions import KIND_RE, KIND_WORDS, SCREEN_RE, Sentence
from ..page import RATINGS
from ..registry import reads, refuses, rule, verdict

VERDICT_KIND = KIND_RE + "|story|version"
VERDICT = re.compile(
    rf"\b(?:going|go|went)\s+with\s+(?:the\s+)?(?P<a>{KIND_RE})\b"
    rf"|(?:^|\b(?:i|we)(?:['’](?:d|ll))?\s+(?:would\s+|will\s+)?)(?:stick|stay)\s+with\s+(?:the\s+)?(?P<stick>{KIND_RE})\b"
    rf"|\b(?:pick|picking|choose|choosing|prefer|prefers|preferred|vote\s+for|give\s+it\s+to|take|"
    rf"come\s+down\s+on\s+the\s+side\s+of|side\s+with)\s+(?:the\s+)?(?P<b>{KIND_RE}|story)\b"
    rf"|\b(?:would|'d|’d)\s+(?:have\s+to\s+)?say\s+(?:the\s+)?(?P<c>{KIND_RE})\b"
    rf"|(?:\bthe|[’']s)\s+(?P<d>{VERDICT_KIND})\s+(?:is|was|remains)\s+(?:\w+\s+){{0,2}}?(?:better|greater|stronger|superior|"
    rf"the\s+winner|the\s+masterpiece|the\s+real\s+thing|the\s+one\s+I)\b"
    rf"|(?:\bthe|[’']s)\s+(?P<e>{KIND_RE})\s+(?:wins|beats|trumps|outdoes|surpasses)\b"
    rf"|\bthe\s+(?P<f>{KIND_RE})\s+is\s+(?:just\s+)?more\s+\w+\s+than\b"
    rf"|\bchoose\s+it\s+over\s+the\s+(?P<over>{KIND_RE})\b"
    rf"|\bskip\s+the\s+(?P<skip>{KIND_RE})\b", re.I)
VERDICT_ANSWER = re.compile(rf"^\W*the\s+(?P<a>{KIND_RE})\b\W*(?:$|[.,!;:]|\s+(?:but|and|by|all|hands|easily|wins))", re.I)
# A verdict in the sentence's own label ("Verdict: the movie, by a nose."), where a comparison
# is the answer too ("Verdict: the book is richer, but ..."); under a heading it may be one of several.
VERDICT_LABEL = re.compile(r"^\W*(?:(?:my|the|final|our)\s+)?(?:verdict|winner|which\s+is\s+better\??)\s*[:\-–—]\s*", re.I)
VERDICT_QUESTION = re.compile(r"^\W*(?:so,?\s+)?(?:which\s+(?:one\s+)?is\s+better|(?:book|novel)\s+or\s+(?:film|movie|show|series))"
                              r"\s*\?\W*$", re.I)
LABELLED_ANSWER = re.compile(rf"^the\s+(?P<a>{KIND_RE})\s+(?:is|was)\s+(?:\w+\s+)?(?:better|richer|stronger|deeper|"
                             rf"greater|funnier|smarter|truer|warmer|braver|bolder|cleverer|sharper)\b", re.I)

HEAD = "Atonement Book vs Movie Review\n\n"
BOOK, FILM = "Atonement (novel)", "Atonement (film)"


@dataclass(frozen=True)
class Reading:
    """A sentence as the verdict rules see it."""
    text: str
    answer: str  # the text after a verdict label ("Verdict: ..."), else the whole text
    after_heading: bool  # under a verdict heading, after "Which is better?", or labelled
    labelled: bool


@rule("verdict-phrase", asserts="verdict", priority=10, verdict=True, patterns=[VERDICT], evidence="verdict", examples=[
    reads(HEAD + "A lovely film, but I prefer the book.", verdict(BOOK)),
    reads(HEAD + "Skip the book and see the film.", verdict(FILM)),
    refuses(HEAD + "The book is long and the film is short.")])
def verdict_phrase(v: Reading) -> re.Match | None:
    return VERDICT.search(v.text)


@rule("verdict-answer", asserts="verdict", priority=20, verdict=True, patterns=[VERDICT_ANSWER], evidence="verdict",
      examples=[
          reads(HEAD + "Which Is Better?\n\nThe film, by a nose.", verdict(FILM)),
          refuses(HEAD + "The film, by a nose, is shorter.")])
def verdict_answer(v: Reading) -> re.Match | None:
    return VERDICT_ANSWER.match(v.answer) if v.after_heading else None


@rule("labelled-answer", asserts="verdict", priority=30, verdict=True, patterns=[LABELLED_ANSWER], evidence="verdict",
      examples=[
          reads(HEAD + "Verdict: the book is richer, but the film is lovely.", verdict(BOOK)),
          refuses(HEAD + "In short: the book is richer in detail.")])
def labelled_answer(v: Reading) -> re.Match | None:
    return LABELLED_ANSWER.match(v.answer) if v.labelled else None


@rule("better-rated", asserts="verdict", priority=40, verdict=True, patterns=[RATINGS], evidence="verdict", examples=[
    reads(HEAD + "Book: 4/5 | Film: 2/5", verdict(BOOK)),
    refuses(HEAD + "Book: 4/5 | Film: 4/5")])
def better_rated(v: Reading) -> re.Match | None:
    """The score of the better-rated version ("Book: 4/5 | Film: 2/5"), as a match whose one
    group is its kind word; none for a tie or unlike scales."""
    m = RATINGS.search(v.text)
    if not m or m.group("of1") != m.group("of2") or float(m.group("r1")) == float(m.group("r2")):
        return None
    better = "1" if float(m.group("r1")) > float(m.group("r2")) else "2"
    return re.match(rf"(?P<a>{re.escape(m.group('k' + better))})", m.group("k" + better))


def find_verdict(b: Builder, sents: list[tuple[Sentence, bool]], rules) -> tuple[Work, Evidence, str] | None:
    """The reviewer's preferred version and the rule that read it: the last verdict sentence,
    one under a verdict heading first. `sents` pairs each sentence with whether it follows a
    verdict heading; `rules` are the verdict rules in their order."""
    found = None
    asked = False  # the sentence before asked "Which is better?"
    for sent, after_heading in sents:
        after_heading, asked = after_heading or asked, bool(VERDICT_QUESTION.match(sent.text))
        label = VERDICT_LABEL.match(sent.text)
        reading = Reading(sent.text, sent.text[label.end():] if label else sent.text, after_heading or bool(label),
                          bool(label))
        hit = next(((r, m) for r in rules if (m := r.read(reading)) is not None), None)
        if hit is None:
            continue
        work = _side(b, sent, hit[1])
        if work is not None and (reading.after_heading or not (found and found[2])):
            found = (work, evidence(sent, "verdict", 0.8), reading.after_heading, hit[0].name)
    return (found[0], found[1], found[3]) if found else None


def _side(b: Builder, sent: Sentence, m: re.Match) -> Work | None:
    """The reviewed work on the side the matched kind word names."""
    word = next(g for g in m.groups() if g).lower()
    side = "page" if word == "story" or (word in KIND_WORDS and medium(KIND_WORDS[word]) == "page") else "screen"
    if word == "version":  # "Demme's movie is the better version": the kind is before
        side = "screen" if re.search(rf"\b(?:{SCREEN_RE})\s+is\s+the\s+better\s+version", sent.text, re.I) else "page"
    if m.groupdict().get("over") or m.groupdict().get("skip"):
        side = "screen" if side == "page" else "page"
    return b.reviewed_page if side == "page" else b.reviewed_screen


# "I loved them both", "it's a tie"; "neither is worth it", "skip both"
BOTH = re.compile(r"\b(?:(?:love|loved|like|liked|enjoy|enjoyed|recommend)\s+(?:them\s+)?both|both\s+(?:are|were)\s+"
                  r"(?:great|excellent|wonderful|worth|good|brilliant)|it['’]s\s+a\s+tie|equally\s+(?:good|great|strong))\b", re.I)
NEITHER = re.compile(r"\b(?:neither\s+(?:one|version|is|was)\b[^.]{0,40}\b(?:good|worth|works|great)|skip\s+both|"
                     r"disappointed\s+(?:by|in|with)\s+both)\b", re.I)


def find_side(sents: list[tuple[Sentence, bool]]) -> tuple[str, Sentence] | None:
    """"both" or "neither", where the review says it of the two versions (its last word on it)."""
    found = None
    for sent, _ in sents:
        for side, pattern in (("both", BOTH), ("neither", NEITHER)):
            if pattern.search(sent.text):
                found = (side, sent)
    return found


def scores(text: str) -> dict[str, str]:
    """Each version's score, where the review rates both ("Book: 4/5 | Film: 2/5")."""
    m = RATINGS.search(text)
    if not m:
        return {}
    side = {True: "page", False: "screen"}
    page = lambda word: medium(KIND_WORDS[word.lower()]) == "page"  # noqa: E731
    if page(m.group("k1")) == page(m.group("k2")):
        return {}
    return {side[page(m.group("k1"))]: f"{m.group('r1')}/{m.group('of1')}", side[page(m.group("k2"))]: f"{m.group('r2')}/{m.group('of2')}"}
