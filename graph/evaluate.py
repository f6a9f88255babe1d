"""Scoring extraction against hand-written gold files.

The matching rules are those the project's evaluations use: names and titles compared after
folding case, accents, punctuation and a leading article; a work is its title and medium
(page or screen); a character matches when one name's words include the other's ("Kathy" and
"Kathy H."); people must be the full canonical name.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .extract import extract
from .facts import norm
from .read import REVIEW_SUFFIXES, read_file

KINDS = ("works", "adaptations", "credits", "cast")
PAGE = {"novel", "book", "short_story", "shortstory", "comic", "graphic_novel", "memoir",
        "nonfiction_book", "nonfiction", "novella", "play", "poem", "story"}
SCREEN = {"film", "movie", "tv_series", "series", "tv", "miniseries", "tv_film", "short_film"}


def fold(text) -> str:
    """A gold or predicted name as compared: the extractor's own comparison key, None as empty."""
    return norm(str(text or ""))


def medium_of(kind) -> str:
    key = fold(kind).replace(" ", "_")
    return "page" if key in PAGE else "screen" if key in SCREEN else (key or "?")


def work_key(ref) -> tuple[str, str]:
    """A work from {'title', 'type'} or 'Title (type)'."""
    if isinstance(ref, dict):
        return fold(ref.get("title")), medium_of(ref.get("type"))
    m = re.fullmatch(r"(.*)\(([^()]*)\)\s*", str(ref or ""), re.S)
    return (fold(m.group(1)), medium_of(m.group(2))) if m else (fold(ref), "?")


def fact_keys(doc: dict, kind: str) -> set[tuple]:
    rows = doc.get(kind) or []
    if kind == "works":
        return {work_key(r) for r in rows}
    if kind == "adaptations":
        return {(work_key(r.get("adaptation")), work_key(r.get("source"))) for r in rows}
    if kind == "credits":
        return {(fold(r.get("person")), fold(r.get("role")), work_key(r.get("work"))) for r in rows}
    return {(fold(r.get("actor")), fold(r.get("character")), work_key(r.get("work"))[0]) for r in rows}


def same(kind: str, predicted: tuple, gold: tuple) -> bool:
    if kind != "cast":
        return predicted == gold
    a, b = set(predicted[1].split()), set(gold[1].split())
    return predicted[0] == gold[0] and predicted[2] == gold[2] and bool(a and b) and (a <= b or b <= a)


@dataclass
class Tally:
    matched_gold: int = 0
    matched_predicted: int = 0
    gold: int = 0
    predicted: int = 0
    missing: list = field(default_factory=list)
    extra: list = field(default_factory=list)

    def add(self, other: "Tally") -> None:
        self.matched_gold += other.matched_gold
        self.matched_predicted += other.matched_predicted
        self.gold += other.gold
        self.predicted += other.predicted
        self.missing += other.missing
        self.extra += other.extra

    @property
    def precision(self) -> float:
        return self.matched_predicted / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def set_aside(gold: dict, predicted: dict) -> dict:
    """The predicted facts but those about a work the gold lists under "other_works" (titles the
    text names with no fact labelled): what is left counts, a work made up from a menu included."""
    titles = {work_key(w)[0] for w in gold.get("works") or []}
    others = {work_key(w)[0] for w in gold.get("other_works") or []} - titles
    kept = dict(predicted)
    kept["works"] = [w for w in predicted.get("works") or [] if work_key(w)[0] not in others]
    kept["adaptations"] = [a for a in predicted.get("adaptations") or []
                           if not {work_key(a.get("adaptation"))[0], work_key(a.get("source"))[0]} & others]
    for kind in ("credits", "cast"):
        kept[kind] = [f for f in predicted.get(kind) or [] if work_key(f.get("work"))[0] not in others]
    return kept


def score(gold: dict, predicted: dict, strict_works: bool = False) -> dict[str, Tally]:
    """Per kind of fact, how the predicted facts match the gold ones. `strict_works`: as
    score.py --strict-works, only facts about the gold's other works are set aside."""
    if strict_works:
        predicted = set_aside(gold, predicted)
    out = {}
    for kind in KINDS:
        g, p = fact_keys(gold, kind), fact_keys(predicted, kind)
        found = {x for x in g if any(same(kind, y, x) for y in p)}
        right = {y for y in p if any(same(kind, y, x) for x in g)}
        out[kind] = Tally(len(found), len(right), len(g), len(p), sorted(map(str, g - found)),
                          sorted(map(str, p - right)))
    return out


@dataclass
class Evaluation:
    per_review: dict[str, dict[str, Tally]]
    per_kind: dict[str, Tally]
    micro: Tally
    verdicts: Tally  # the preferred version, where the gold names one; kept out of the micro average


def review_for(gold_file: Path) -> Path:
    stem = gold_file.name[: -len(".gold.json")]
    for candidate in sorted(gold_file.parent.glob(stem + ".*")):
        if candidate.suffix.lower() in REVIEW_SUFFIXES:
            return candidate
    raise FileNotFoundError(f"{gold_file}: no review file beside it named {stem}.*")


def evaluate(folders: list[Path], strict_works: bool = False) -> Evaluation:
    """Extract every review that has a gold file beside it and score it; totals are micro-averaged."""
    gold_files = sorted(p for folder in folders for p in folder.rglob("*.gold.json"))
    if not gold_files:
        raise FileNotFoundError(f"no *.gold.json files in {', '.join(map(str, folders))}")
    per_review, per_kind, micro, verdicts = {}, {k: Tally() for k in KINDS}, Tally(), Tally()
    for gold_file in gold_files:
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        predicted: dict[str, list] = {}
        for review in read_file(review_for(gold_file)):
            for kind, facts in extract(review).to_json().items():
                if isinstance(facts, list):
                    predicted.setdefault(kind, []).extend(facts)
                elif kind == "verdict" and facts:
                    predicted.setdefault("verdicts", []).append(facts["prefers"])
        verdicts.add(score_verdict(gold.get("verdict"), predicted.get("verdicts", [])))
        scores = per_review[gold_file.name[: -len(".gold.json")]] = score(gold, predicted, strict_works)
        for kind, tally in scores.items():
            per_kind[kind].add(tally)
            micro.add(tally)
    return Evaluation(per_review, per_kind, micro, verdicts)


def score_verdict(gold: dict | None, predicted: list[str]) -> Tally:
    wanted = {work_key(gold["prefers"])} if gold and gold.get("prefers") else set()
    said = {work_key(p) for p in predicted}
    right = len(wanted & said)
    return Tally(right, right, len(wanted), len(said), sorted(map(str, wanted - said)),
                 sorted(map(str, said - wanted)))
