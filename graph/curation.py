"""Curation: a human-edited file of corrections applied to every review's facts at ingest.

    names:    {extracted person or character name: name to use}   merges and renames
    titles:   {extracted work title: title to use}
    reject:   [{person, role, work} | {actor, character, work} | {adaptation, source}, review?]
    add:      [the same shapes with a review id, and a note saying why]

A rule without `review` applies to every review. Because corrections are applied on every
ingest, and a change of the file makes every review be read again, they are never lost.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from .facts import KINDS, Adaptation, Cast, Credit, Evidence, Extraction, Work, norm

DEFAULT_LOCATION = Path(__file__).resolve().parent.parent / "data" / "curation.yaml"


class CurationError(Exception):
    """The curation file cannot be used; the message names the file and the entry."""


def default_location() -> Path:
    return Path(os.environ.get("ATLAS_CURATION") or DEFAULT_LOCATION)


@dataclass(frozen=True)
class Curation:
    names: dict[str, str] = field(default_factory=dict)  # norm(name) -> name
    titles: dict[str, str] = field(default_factory=dict)  # norm(title) -> title
    reject: tuple[dict, ...] = ()
    add: tuple[dict, ...] = ()
    digest: str = ""  # of the file: a change means every review is curated anew

    def apply(self, extraction: Extraction) -> list[str]:
        """Correct one review's facts in place; returns one line per change made."""
        applied: list[str] = []
        review = extraction.review_id
        works: dict[int, Work] = {}

        def work(w: Work) -> Work:
            if id(w) not in works:
                title = self.titles.get(norm(w.title), w.title)
                if title != w.title:
                    applied.append(f"{review}: title '{w.title}' -> '{title}'")
                works[id(w)] = replace(w, title=title)
            return works[id(w)]

        def name(n: str | None) -> str | None:
            new = self.names.get(norm(n), n) if n else n
            if new != n:
                applied.append(f"{review}: name '{n}' -> '{new}'")
            return new

        extraction.reviewed = [work(w) for w in extraction.reviewed]
        extraction.works = [work(w) for w in extraction.works]
        extraction.credits = [Credit(name(c.person), c.role, work(c.work), c.evidence) for c in extraction.credits]
        extraction.cast = [Cast(name(c.actor), name(c.character), work(c.work), c.evidence) for c in extraction.cast]
        extraction.adaptations = [Adaptation(work(a.adaptation), work(a.source), a.evidence)
                                  for a in extraction.adaptations]
        if extraction.verdict:
            extraction.verdict = (work(extraction.verdict[0]), extraction.verdict[1])

        for rule in self.reject:
            if rule.get("review", review) != review:
                continue
            for facts in ("credits", "cast", "adaptations"):
                kept = [f for f in getattr(extraction, facts) if not _matches(rule, f)]
                if len(kept) < len(getattr(extraction, facts)):
                    applied.append(f"{review}: rejected {_describe(rule)}")
                    setattr(extraction, facts, kept)
        for rule in self.add:
            if rule.get("review") == review:
                _add(extraction, rule)
                applied.append(f"{review}: added {_describe(rule)}")
        return applied


def load(path: Path | None) -> Curation:
    """The curation file at `path` (a missing default file means no curation)."""
    path = Path(path) if path else default_location()
    if not path.exists():
        if path == default_location():
            return Curation()
        raise CurationError(f"{path}: no such curation file")
    data = path.read_bytes()
    try:
        doc = yaml.safe_load(data) or {}
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        raise CurationError(f"{path}: malformed YAML{f' at line {mark.line + 1}' if mark else ''}") from None
    if not isinstance(doc, dict) or set(doc) - {"names", "titles", "reject", "add"}:
        raise CurationError(f"{path}: expected the sections names, titles, reject and add only")
    for section in ("reject", "add"):
        for i, rule in enumerate(doc.get(section) or []):
            if not isinstance(rule, dict) or _shape(rule) is None:
                raise CurationError(f"{path}: {section} entry {i + 1} is not a credit, cast or adaptation")
            if section == "add" and "review" not in rule:
                raise CurationError(f"{path}: add entry {i + 1} needs the review it belongs to")
            for key in ("work", "adaptation", "source"):
                if key in rule and _work(rule[key]) is None:
                    raise CurationError(f"{path}: {section} entry {i + 1}: '{rule[key]}' is not 'Title (kind)'")
    return Curation(
        names={norm(k): str(v) for k, v in (doc.get("names") or {}).items()},
        titles={norm(k): str(v) for k, v in (doc.get("titles") or {}).items()},
        reject=tuple(doc.get("reject") or ()), add=tuple(doc.get("add") or ()),
        digest=hashlib.sha256(data).hexdigest())


def _shape(rule: dict) -> str | None:
    if {"person", "role", "work"} <= set(rule) and rule["role"] in ("author", "director", "screenwriter"):
        return "credit"
    if {"actor", "work"} <= set(rule):
        return "cast"
    if {"adaptation", "source"} <= set(rule):
        return "adaptation"
    return None


def _work(ref: str) -> tuple[str, str] | None:
    title, _, kind = str(ref).rpartition(" (")
    kind = kind.rstrip(")")
    return (title, kind) if title and kind in KINDS else None


def _same_work(ref: str, work: Work) -> bool:
    title, kind = _work(ref)
    return norm(title) == norm(work.title) and kind == work.kind


def _matches(rule: dict, fact) -> bool:
    shape = _shape(rule)
    if shape == "credit" and isinstance(fact, Credit):
        return norm(rule["person"]) == norm(fact.person) and rule["role"] == fact.role and _same_work(rule["work"], fact.work)
    if shape == "cast" and isinstance(fact, Cast):
        return (norm(rule["actor"]) == norm(fact.actor) and _same_work(rule["work"], fact.work)
                and ("character" not in rule or norm(rule["character"] or "") == norm(fact.character or "")))
    if shape == "adaptation" and isinstance(fact, Adaptation):
        return _same_work(rule["adaptation"], fact.adaptation) and _same_work(rule["source"], fact.source)
    return False


def _add(extraction: Extraction, rule: dict) -> None:
    evidence = Evidence(str(rule.get("note") or "added by curation"), 0, 0, "curation", 1.0)

    def work(ref: str) -> Work:
        title, kind = _work(ref)
        for w in extraction.works:
            if norm(w.title) == norm(title) and w.kind == kind:
                return w
        extraction.works.append(Work(title, kind, None, evidence))
        return extraction.works[-1]

    shape = _shape(rule)
    if shape == "credit":
        extraction.credits.append(Credit(rule["person"], rule["role"], work(rule["work"]), evidence))
    elif shape == "cast":
        extraction.cast.append(Cast(rule["actor"], rule.get("character"), work(rule["work"]), evidence))
    else:
        extraction.adaptations.append(Adaptation(work(rule["adaptation"]), work(rule["source"]), evidence))


def _describe(rule: dict) -> str:
    return ", ".join(f"{k}={v}" for k, v in rule.items() if k not in ("review", "note"))
