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
    kinds: int = 0  # of differences found, those whose kind is right

    def add(self, other: "Tally") -> None:
        self.matched_gold += other.matched_gold
        self.matched_predicted += other.matched_predicted
        self.gold += other.gold
        self.predicted += other.predicted
        self.missing += other.missing
        self.extra += other.extra
        self.kinds += other.kinds

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


def score_differences(gold: list[dict], predicted: list[dict], text: str) -> Tally:
    """Differences matched at sentence level: a predicted one is right where its evidence shares a
    sentence with a gold one (whose sentences are as the text writes them), and a gold one found
    where a predicted one shares a sentence with it. `kinds` counts the found ones whose kind a
    predicted one of the same sentences gives."""
    def spans(sentences: list[str]) -> list[tuple[int, int]]:
        found = [(text.find(s), len(s)) for s in sentences]
        return [(start, start + size) for start, size in found if start >= 0]

    def meet(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> bool:
        return any(s < f and t < e for s, e in a for t, f in b)

    golds = [(spans(g.get("sentences") or []), g.get("kind")) for g in gold]
    preds = [([(e["start"], e["end"]) for e in p["evidence"]], p["kind"]) for p in predicted]
    found = [(g, kind) for g, kind in golds if any(meet(g, p) for p, _ in preds)]
    right = [p for p, _ in preds if any(meet(g, p) for g, _ in golds)]
    tally = Tally(len(found), len(right), len(golds), len(preds),
                  sorted(text[g[0][0]:g[0][1]][:80] for g, _ in golds if g and not any(meet(g, p) for p, _ in preds)),
                  sorted(text[p[0][0]:p[0][1]][:80] for p, _ in preds if not any(meet(g, p) for g, _ in golds)))
    tally.kinds = sum(any(meet(g, p) and k == kind for p, k in preds) for g, kind in found)
    return tally


def score_side(gold: dict | None, predicted: dict | None) -> Tally:
    """Which version the reviewer prefers: page, screen, both, neither or undecided, right or not."""
    wanted = (gold or {}).get("side")
    if not wanted:
        return Tally()
    said = (predicted or {}).get("side") or "undecided"
    return Tally(int(said == wanted), int(said == wanted), 1, 1, [] if said == wanted else [wanted], [] if said == wanted else [said])


@dataclass
class Evaluation:
    per_review: dict[str, dict[str, Tally]]
    per_kind: dict[str, Tally]
    micro: Tally
    verdicts: Tally  # the preferred version, where the gold names one; kept out of the micro average
    differences: Tally = field(default_factory=Tally)  # sentence level; .kinds: of the found, the kind right
    sides: Tally = field(default_factory=Tally)  # page, screen, both, neither or undecided


def read_gold(gold_file: Path) -> tuple[dict, Path]:
    """A gold file and the review it is of. One that "extends" another gold file (the seed's,
    kept elsewhere) adds its keys to that one's, and is of that one's review."""
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    if "extends" not in gold:
        return gold, review_for(gold_file)
    base_file = (gold_file.parent / gold.pop("extends")).resolve()
    return {**json.loads(base_file.read_text(encoding="utf-8")), **gold}, review_for(base_file)


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
    differences, sides = Tally(), Tally()
    for gold_file in gold_files:
        gold, review_file = read_gold(gold_file)
        predicted: dict[str, list] = {}
        reviews = read_file(review_file)
        for review in reviews:
            for kind, facts in extract(review).to_json().items():
                if isinstance(facts, list):
                    predicted.setdefault(kind, []).extend(facts)
                elif kind == "verdict" and facts:
                    predicted.setdefault("verdicts", []).append(facts["prefers"])
                    predicted["verdict"] = facts
        verdicts.add(score_verdict(gold.get("verdict"), [p for p in predicted.get("verdicts", []) if p]))
        sides.add(score_side(gold.get("verdict"), predicted.get("verdict")))
        labelled = gold.get("differences")
        # Differences told in prose (the seed's shared gold) name no sentence to match: not scored
        if isinstance(labelled, list) and all(isinstance(d, dict) for d in labelled) and reviews:
            differences.add(score_differences(labelled, predicted.get("differences", []), reviews[0].text))
        scores = per_review[gold_file.name[: -len(".gold.json")]] = score(gold, predicted, strict_works)
        for kind, tally in scores.items():
            per_kind[kind].add(tally)
            micro.add(tally)
    return Evaluation(per_review, per_kind, micro, verdicts, differences, sides)


def score_verdict(gold: dict | None, predicted: list[str]) -> Tally:
    wanted = {work_key(gold["prefers"])} if gold and gold.get("prefers") else set()
    said = {work_key(p) for p in predicted}
    right = len(wanted & said)
    return Tally(right, right, len(wanted), len(said), sorted(map(str, wanted - said)),
                 sorted(map(str, said - wanted)))
