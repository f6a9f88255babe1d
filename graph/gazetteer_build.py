"""Builds the shipped gazetteer, graph/data/gazetteer.json.gz, from the source datasets.

    python -m graph.gazetteer_build /path/to/shared/datasets      (make gazetteer)

Not needed at run time: the built file is committed. graph/data/README.md says what each source
gives and under which licence. The same sources give the same file, byte for byte.
"""
from __future__ import annotations

import csv
import gzip
import json
import re
import sys
from collections import Counter
from pathlib import Path

from .facts import SCREEN_KINDS, norm
from .gazetteer import FILE, KnownPerson, KnownWork, person_row, work_row

WIKIDATA_WORKS = "wikidata-book-adaptations/work_title_author.csv"
GOODBOOKS = "goodbooks-10k/books.csv.gz"
FILMS = "wikipedia-american-films/movies.jsonl.gz"

# A lead paragraph's credit: "directed by Steven Spielberg", "screenplay by Robert Bolt".
# A name's words are initials ("F.") or words without a full stop: "John Warren. It was..." ends at Warren.
CREDIT = re.compile(r"\b(?:directed|written|screenplay|novel|book) by ((?:(?:[A-Z]\.|[A-Z][\w'-]*) ){0,3}[A-Z][\w'-]*[a-z])")
NOT_A_NAME = {"The", "And", "Pictures", "Productions", "Studios", "Company", "Films", "Film", "Corporation",
              "Entertainment", "Brothers", "Bros", "Inc", "Ltd", "Disney", "Paramount", "Universal", "Columbia"}
# A title's lower-case use in the films' lead paragraphs, this many times over, makes it a common word.
COMMON_USES = 2
# A first name or surname this many known people have makes a one-word title a name too ("Emma").
COMMON_NAME = 3


def _clean(text: str) -> str:
    return " ".join(text.replace("|", "/").split())


def readable(title: str) -> bool:
    """Whether the title's key keeps most of its letters: "進撃の巨人 1" would be known as "1"."""
    letters = re.sub(r"\W", "", title)
    return bool(letters) and len(norm(title).replace(" ", "")) * 2 >= len(letters)


def person_shaped(name: str) -> bool:
    """Two to four capitalised words and no digits: a name to index, not "Cher" or "Crew #2"."""
    words = name.split()
    return (2 <= len(words) <= 4 and not re.search(r"\d", name) and all(w[0].isupper() for w in words)
            and not NOT_A_NAME & set(words) and bool(norm(name)))


def wikidata_works(path: Path) -> list[KnownWork]:
    """Written works adapted for the screen (Wikidata, CC0): label, title (P1476), authors."""
    rows: dict[str, dict] = {}
    with path.open(encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            qid = r["book"].rsplit("/", 1)[-1]
            work = rows.setdefault(qid, {"titles": [], "authors": []})
            for title in (r["bookLabel"], r["title"]):
                title = _clean(title)
                if title and title != qid and readable(title) and title not in work["titles"]:
                    work["titles"].append(title)
            if r["authorLabel"] and _clean(r["authorLabel"]) not in work["authors"]:
                work["authors"].append(_clean(r["authorLabel"]))
    return [KnownWork(title, "book", None, qid, creators=tuple(w["authors"]))
            for qid, w in rows.items() for title in w["titles"]]


def goodbooks(path: Path) -> list[KnownWork]:
    """Goodreads' 10,000 most rated books (goodbooks-10k, CC BY-SA 4.0): title, first year, first author."""
    works = []
    with gzip.open(path, "rt", encoding="utf-8", newline="") as f:
        for r in csv.DictReader(f):
            year = int(float(r["original_publication_year"])) if r["original_publication_year"] else None
            author = _clean(r["authors"].split(",")[0])
            titles = {_clean(re.sub(r"\s*\([^()]*#[^()]*\)$", "", r["title"])), _clean(r["original_title"])}
            works += [KnownWork(t, "book", year, creators=(author,)) for t in sorted(titles) if readable(t)]
    return works


def films(path: Path) -> tuple[list[KnownWork], list[str], list[str]]:
    """American films (Wikipedia, CC BY-SA 4.0): title and year; the cast; the people the lead
    paragraph credits. And the lead paragraphs, to tell common words from titles."""
    works, people, leads = [], [], []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            film = json.loads(line)
            if readable(film["title"]):
                works.append(KnownWork(_clean(film["title"]), "film", film["year"]))
            lead = film.get("extract") or ""
            leads.append(lead)
            people += [_clean(n) for n in film.get("cast", [])]
            people += [_clean(m.group(1)) for m in CREDIT.finditer(lead)]
    return works, people, leads


def lower_case_uses(leads: list[str], keys: set[str]) -> Counter:
    """How often each title key (of up to three words) is written in lower case in running text."""
    longest = max((len(k.split()) for k in keys), default=0)
    uses: Counter = Counter()
    for lead in leads:
        words = re.findall(r"[A-Za-z]+", lead)
        for i in range(len(words)):
            for n in range(1, min(3, longest) + 1):
                gram = words[i:i + n]
                if len(gram) == n and all(w.islower() for w in gram):
                    key = " ".join(gram)
                    if key in keys:
                        uses[key] += 1
    return uses


def build(sources: Path) -> tuple[list[KnownWork], list[KnownPerson]]:
    linked = wikidata_works(sources / WIKIDATA_WORKS)
    books = goodbooks(sources / GOODBOOKS)
    screen, credited, leads = films(sources / FILMS)
    # An item's year: the one Goodreads gives a book of its title by an author of its surname.
    years: dict[tuple[str, str], set[int]] = {}
    for b in books:
        if b.year is not None:
            years.setdefault((norm(b.title), _surname(b.creators[0])), set()).add(b.year)
    dated = []
    for w in linked:
        found = set().union(*(years.get((norm(w.title), _surname(a)), set()) for a in w.creators))
        dated.append(KnownWork(w.title, w.kind, next(iter(found)) if len(found) == 1 else None, w.qid,
                               creators=w.creators))
    # Of the spellings of one name key ("E. M. Forster", "E.M. Forster"), Wikidata's label is kept.
    spelt: dict[str, str] = {}
    for name in (*(a for w in linked for a in w.creators), *credited, *(a for w in books for a in w.creators)):
        if person_shaped(name):
            spelt.setdefault(norm(name), name)
    people = [spelt[key] for key in sorted(spelt)]
    return _flag_common(_unique(dated + books + screen), people, leads), [KnownPerson(n) for n in people]


def _surname(name: str) -> str:
    return (norm(name).split() or [""])[-1]


def _unique(works: list[KnownWork]) -> list[KnownWork]:
    """One row per title key, kind, year and item: the first source's spelling. A row without an
    item is left out where an item's row has the same title, kind and year: it adds nothing."""
    kept: dict[tuple, KnownWork] = {}
    linked: set[tuple] = set()
    for w in works:
        key = (norm(w.title), w.kind, w.year)
        if w.qid:
            linked.add(key)
        elif key in linked:
            continue
        kept.setdefault((*key, w.qid), w)
    return sorted(kept.values(), key=lambda w: (norm(w.title), w.kind, w.year or 0, w.qid or "", w.title))


def _flag_common(works: list[KnownWork], people: list[str], leads: list[str]) -> list[KnownWork]:
    keys = {norm(w.title) for w in works}
    uses = lower_case_uses(leads, keys)
    name_words = Counter(w for n in people for w in (norm(n).split()[0], norm(n).split()[-1]))
    full_names = {norm(n) for n in people}
    out = []
    for w in works:
        key = norm(w.title)
        common = (len(key) <= 3 or uses[key] >= COMMON_USES or key in full_names
                  or (" " not in key and name_words[key] >= COMMON_NAME))
        out.append(KnownWork(w.title, w.kind, w.year, w.qid, common, w.creators))
    return out


def write(works: list[KnownWork], people: list[KnownPerson], path: Path = FILE) -> None:
    data: dict[str, dict[str, list]] = {"works": {}, "people": {}}
    for w in works:
        data["works"].setdefault(norm(w.title), []).append(work_row(w))
    for p in people:
        data["people"].setdefault(norm(p.name), []).append(person_row(p))
    path.parent.mkdir(parents=True, exist_ok=True)
    # mtime 0 and no file name in the header: the same rows give the same bytes.
    with open(path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as out:
        out.write(json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not Path(argv[0], WIKIDATA_WORKS).is_file():
        print(f"usage: python -m graph.gazetteer_build DATASETS  (the folder holding {WIKIDATA_WORKS}, "
              f"{GOODBOOKS} and {FILMS})", file=sys.stderr)
        return 2
    works, people = build(Path(argv[0]))
    write(works, people)
    screen = sum(w.kind in SCREEN_KINDS for w in works)
    print(f"{FILE}: {len(works):,} titles ({screen:,} films, {sum(bool(w.qid) for w in works):,} with a "
          f"Wikidata item, {sum(w.common for w in works):,} common words), {len(people):,} people, "
          f"{FILE.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
