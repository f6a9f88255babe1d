"""What the gazetteer brings: figures for data/reviews and data/eval with it on and off.

    .venv/bin/python bench/gazetteer_figures.py      (about two minutes; not part of `make test`)

For each folder, with ATLAS_GAZETTEER on and off: extraction scored as `atlas eval` scores it, the
works and people the extractions are linked to Wikidata by (what `atlas ingest` writes as
owl:sameAs), and how many of the gold files' works and people the gazetteer knows. Then the
names the extractor wrote that `resolve_person` would turn into another known name, to be judged
by eye, and the time the shipped file takes to load.
"""
from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # run as a script from anywhere: graph is imported from this checkout

FOLDERS = [REPO / "data" / "reviews", REPO / "data" / "eval"]


def gold_known(gazetteer, gold_files: list[Path]) -> tuple[str, str]:
    from graph.facts import medium

    works = people = known_works = known_people = 0
    for gold_file in gold_files:
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        for w in gold.get("works", []):
            works += 1
            known_works += any(medium(k.kind) == medium(w["type"]) for k in gazetteer.works_titled(w["title"]))
        names = {c["person"] for c in gold.get("credits", [])} | {c["actor"] for c in gold.get("cast", [])}
        people += len(names)
        known_people += sum(gazetteer.person(n) is not None for n in names)
    return f"{known_works}/{works}", f"{known_people}/{people}"


def figures(folder: Path, switch: str) -> list[str]:
    from graph.evaluate import evaluate, review_for
    from graph.extract import extract
    from graph.gazetteer import Gazetteer
    from graph.read import read_file

    os.environ["ATLAS_GAZETTEER"] = switch
    gazetteer = Gazetteer.default()
    scored = evaluate([folder]).micro
    gold_files = sorted(folder.rglob("*.gold.json"))
    works = people = linked_works = linked_people = 0
    renamed = []
    for gold_file in gold_files:
        for review in read_file(review_for(gold_file)):
            extraction = extract(review)
            links = gazetteer.links(extraction)
            refs = {w.ref for w in (*extraction.reviewed, *extraction.works)}
            names = {c.person for c in extraction.credits} | {c.actor for c in extraction.cast}
            works, people = works + len(refs), people + len(names)
            linked_works += len(refs & set(links))
            linked_people += len(names & set(links))
            for name in sorted(names):
                found = gazetteer.resolve_person(name)
                if found is not None and found.name != name:
                    renamed.append(f"{review.id}: {name} -> {found.name}")
    gold_works, gold_people = gold_known(gazetteer, gold_files)
    row = (f"| {folder.name} | {switch} | {scored.precision:.3f} | {scored.recall:.3f} | {scored.f1:.3f} | "
           f"{linked_works}/{works} | {linked_people}/{people} | {gold_works} | {gold_people} |")
    return [row, *(f"    would rename {r}" for r in renamed)]


def main() -> None:
    from graph import gazetteer

    start = time.perf_counter()
    gazetteer._shipped()
    print(f"shipped gazetteer: {gazetteer.FILE.stat().st_size:,} bytes, loaded in {time.perf_counter() - start:.2f} s")
    print("| folder | gazetteer | P | R | F1 | works linked | people linked | gold works known | gold people known |")
    print("|---|---|---|---|---|---|---|---|---|")
    notes = []
    for folder in FOLDERS:
        for switch in ("on", "off"):
            row, *renamed = figures(folder, switch)
            print(row, flush=True)
            notes += renamed
    print("\n".join(notes))


if __name__ == "__main__":
    main()
