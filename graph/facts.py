"""The facts one review yields, before they get IRIs.

Shared by extraction (which makes them), resolution and RDF (which read
them) and the JSON output of ``atlas extract`` (the shape score.py reads).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

PAGE_KINDS = ("novel", "book", "short_story", "comic", "memoir", "nonfiction_book")
SCREEN_KINDS = ("film", "tv_series")
KINDS = PAGE_KINDS + SCREEN_KINDS


# Typographic apostrophes as the plain one: "The Handmaid’s Tale" and "The Handmaid's Tale" are one title.
APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'"})


def plain(name: str) -> str:
    """A title or name as facts carry it: its apostrophes plain."""
    return name.translate(APOSTROPHES)


def norm(text: str) -> str:
    """Comparison key for names and titles: case, accents, punctuation, leading article."""
    text = unicodedata.normalize("NFKD", plain(text)).encode("ascii", "ignore").decode().lower()
    words = re.sub(r"[^a-z0-9 ]+", " ", text.replace("&", " and ")).split()
    if words and words[0] in {"the", "a", "an"}:
        words = words[1:]
    return " ".join(words)


def medium(kind: str) -> str:
    """'page', 'film' or 'tv_series': works are told apart by title and medium."""
    return "page" if kind in PAGE_KINDS else kind


@dataclass(frozen=True)
class Evidence:
    sentence: str
    start: int  # character offsets of the sentence in the review text
    end: int
    rule: str
    confidence: float = 0.9


@dataclass
class Work:
    title: str
    kind: str
    year: int | None = None
    evidence: Evidence | None = None

    @property
    def ref(self) -> str:
        return f"{self.title} ({self.kind})"


@dataclass(frozen=True)
class Credit:
    person: str
    role: str  # author | director | screenwriter
    work: Work
    evidence: Evidence


@dataclass(frozen=True)
class Cast:
    actor: str
    character: str | None  # None: a cast member with no named role
    work: Work
    evidence: Evidence


@dataclass(frozen=True)
class Adaptation:
    adaptation: Work
    source: Work
    evidence: Evidence


# What a review says an adaptation did with its source.
DIFFERENCE_KINDS = ("omitted", "added", "changed", "merged", "moved", "softened", "darkened", "faithful")
SIDES = ("page", "screen", "both", "neither", "undecided")  # which version the reviewer prefers


@dataclass(frozen=True)
class Difference:
    adaptation: Work
    source: Work
    kind: str  # one of DIFFERENCE_KINDS
    concerns: tuple[str, ...]  # the characters, places or elements it is about, as the review names them
    evidence: tuple[Evidence, ...]  # the sentence, or the two of "In the book, X. In the film, Y."
    spoiler: bool  # it gives away an ending, a death or a twist


@dataclass
class Extraction:
    review_id: str
    title: str
    text: str
    reviewed: list[Work] = field(default_factory=list)
    works: list[Work] = field(default_factory=list)
    adaptations: list[Adaptation] = field(default_factory=list)
    credits: list[Credit] = field(default_factory=list)
    cast: list[Cast] = field(default_factory=list)
    verdict: tuple[Work, Evidence] | None = None  # the version the reviewer prefers
    side: str = "undecided"  # one of SIDES: the preferred version's, or both, neither, undecided
    side_evidence: Evidence | None = None  # where "both" or "neither" is said
    scores: dict[str, str] = field(default_factory=dict)  # {"page": "4/5", "screen": "2/5"} where given
    differences: list[Difference] = field(default_factory=list)
    spoiler_warning: bool = False  # the review warns of spoilers
    aliases: list[tuple[str, str]] = field(default_factory=list)  # (misspelt variant, full name) merged
    # Wikidata items of the works (by ref, "Title (kind)") and people (by name) named here: graph.gazetteer.
    wikidata: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict:
        def ev(e: Evidence) -> dict:
            return {"sentence": e.sentence, "start": e.start, "end": e.end,
                    "rule": e.rule, "confidence": e.confidence}

        return {
            "review": {"id": self.review_id, "title": self.title,
                       "reviews": [w.ref for w in self.reviewed]},
            "works": [{"title": w.title, "type": w.kind, "year": w.year,
                       **({"evidence": ev(w.evidence)} if w.evidence else {})} for w in self.works],
            "adaptations": [{"adaptation": a.adaptation.ref, "source": a.source.ref,
                             "evidence": ev(a.evidence)} for a in self.adaptations],
            "credits": [{"person": c.person, "role": c.role, "work": c.work.ref,
                         "evidence": ev(c.evidence)} for c in self.credits],
            "cast": [{"actor": c.actor, "character": c.character, "work": c.work.ref,
                      "evidence": ev(c.evidence)} for c in self.cast if c.character],
            "appearances": [{"actor": c.actor, "work": c.work.ref, "evidence": ev(c.evidence)}
                            for c in self.cast if not c.character],
            "verdict": ({"prefers": self.verdict[0].ref, "evidence": ev(self.verdict[1]), "side": self.side,
                         **({"scores": self.scores} if self.scores else {})} if self.verdict else
                        {"prefers": None, "side": self.side, "evidence": ev(self.side_evidence)} if self.side_evidence
                        else None),
            "differences": [{"adaptation": d.adaptation.ref, "source": d.source.ref, "kind": d.kind,
                             "concerns": list(d.concerns), "spoiler": d.spoiler,
                             "evidence": [ev(e) for e in d.evidence]} for d in self.differences],
            "spoiler_warning": self.spoiler_warning,
            "aliases": [{"variant": v, "person": p} for v, p in self.aliases],
            # Only when there is one: without links the output is what it always was.
            **({"wikidata": dict(sorted(self.wikidata.items()))} if self.wikidata else {}),
        }
