"""Export benchmark: a store of a million triples or more, written as N-Triples through
graph.export, against pyoxigraph's own Store.dump of the same store, in the same run.

    make bench-export                       # or: .venv/bin/python bench/export_bench.py [--reviews N]

The store is synthetic but shaped like the real one: per-review named graphs of works, people,
characters, performances and facts with their evidence records, the default graph holding their
union as graph.store keeps it. Each export runs in a child process of its own, which reports the
export's time and its own peak resident memory (ru_maxrss), so one measurement never inherits
another's peak.
"""
from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # run as a script from anywhere: graph is imported from this checkout

TARGET_MB = 300  # the ceiling for the peak memory of an N-Triples export


# --- the synthetic store ------------------------------------------------------------------------

def review_triples(i: int, people: int) -> list[str]:
    """One synthetic review's triples as N-Triples terms (without the final ' .')."""
    from graph.vocab import ATLAS_NS, ID_NS, RDF_NS, RDFS_NS, XSD_NS

    a, r, rdfs, x = f"<{ATLAS_NS}", f"<{RDF_NS}", f"<{RDFS_NS}", f"<{XSD_NS}"
    typ = f"{r}type>"
    review = f"<{ID_NS}review/bench-{i}>"
    book, film = f"<{ID_NS}work/bench-{i}--page>", f"<{ID_NS}work/bench-{i}--film>"
    out = [f"{review} {typ} {a}Review>", f'{review} {rdfs}label> "Bench review {i}"',
           f'{review} {a}sourceFile> "bench/review-{i}.txt"', f'{review} {a}contentHash> "{i:064x}"',
           f'{review} {a}text> "{"A review of a book and its film, with the people who made them. " * 4}"',
           f"{review} {a}reviewOf> {film}", f"{review} {a}reviewOf> {book}"]
    for work, kind, year in ((book, "Novel", 1900 + i % 100), (film, "Film", 1950 + i % 70)):
        out += [f"{work} {typ} {a}Work>", f"{work} {typ} {a}{kind}>",
                f'{work} {rdfs}label> "Bench {kind} {i}"', f'{work} {a}year> "{year}"^^{x}integer>']

    def entity(kind: str, key: str, label: str, cls: str) -> str:
        iri = f"<{ID_NS}{kind}/{key}>"
        out.extend([f"{iri} {typ} {a}{cls}>", f'{iri} {rdfs}label> "{label}"'])
        return iri

    evidence = 0

    def fact(s: str, p: str, o: str) -> None:
        nonlocal evidence
        evidence += 1
        e = f"<{ID_NS}evidence/bench-{i}/{evidence}>"
        out.extend([f"{s} {p} {o}", f"{e} {typ} {a}Evidence>", f"{e} {r}subject> {s}", f"{e} {r}predicate> {p}",
                    f"{e} {r}object> {o}", f"{e} {a}fromReview> {review}",
                    f'{e} {a}sentence> "A sentence of review {i} that states fact {evidence}."',
                    f'{e} {a}start> "{evidence * 100}"^^{x}integer>',
                    f'{e} {a}end> "{evidence * 100 + 60}"^^{x}integer>',
                    f'{e} {a}rule> "bench"', f'{e} {a}confidence> "0.90"^^{x}decimal>'])

    def person(k: int) -> str:
        k %= people  # people recur across reviews, as Garland and Boyle do in data/reviews
        return entity("person", f"bench-person-{k}", f"Person {k}", "Person")

    fact(film, f"{a}adaptationOf>", book)
    fact(book, f"{a}author>", person(i * 7))
    fact(film, f"{a}director>", person(i * 11 + 1))
    fact(film, f"{a}screenwriter>", person(i * 13 + 2))
    for c in range(4):
        actor = person(i * 17 + c + 3)
        character = entity("character", f"bench-{i}-{c}", f"Character {c} of {i}", "Character")
        performance = f"<{ID_NS}performance/bench-{i}-{c}>"
        fact(film, f"{a}castMember>", actor)
        fact(film, f"{a}character>", character)
        fact(book, f"{a}character>", character)
        out += [f"{performance} {typ} {a}Performance>", f"{film} {a}performance> {performance}",
                f"{performance} {a}performer> {actor}"]
        fact(performance, f"{a}characterRole>", character)
    return out


def build(location: Path, reviews: int) -> int:
    """A store of `reviews` synthetic reviews at `location`; returns its default graph's size."""
    import pyoxigraph

    from graph.vocab import ID_NS

    people = max(reviews * 2, 10)
    source = location.parent / "bench.nq"
    with source.open("w", encoding="utf-8") as out:
        for i in range(reviews):
            graph = f"<{ID_NS}review/bench-{i}>"
            for triple in review_triples(i, people):
                out.write(f"{triple} {graph} .\n{triple} .\n")  # the review graph, and the union
    store = pyoxigraph.Store(str(location))
    store.bulk_load(path=str(source), format=pyoxigraph.RdfFormat.N_QUADS)
    store.flush()
    source.unlink()
    count = next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))["n"]
    del store
    return int(count.value)


# --- the measured children ----------------------------------------------------------------------

def child(kind: str, location: str, output: str) -> None:
    """One export in this process; prints its time and this process's peak memory as JSON."""
    if kind == "oxigraph":
        import pyoxigraph

        store = pyoxigraph.Store.read_only(location)
        start = time.perf_counter()
        store.dump(output, pyoxigraph.RdfFormat.N_TRIPLES, from_graph=pyoxigraph.DefaultGraph())
    else:
        from graph import export
        from graph.store import Store

        store = Store(Path(location), read_only=True)
        start = time.perf_counter()
        export.save(export.prepare(store, kind), Path(output))
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb()}))


def peak_mb() -> float:
    """This process's peak resident memory.

    VmHWM, not ru_maxrss: Linux carries ru_maxrss over fork and exec, so a child would report the
    peak of the parent that built the store.
    """
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024  # kB
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(kind: str, location: Path, output: Path) -> dict:
    result = subprocess.run([sys.executable, __file__, "--child", kind, str(location), str(output)],
                            capture_output=True, text=True, check=True)
    row = json.loads(result.stdout.strip().splitlines()[-1])
    lines = sum(1 for _ in output.open("rb"))
    return {**row, "lines": lines, "bytes": output.stat().st_size}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reviews", type=int, default=4000, help="synthetic reviews (4000: about 1.07M triples)")
    parser.add_argument("--min-triples", type=int, default=1_000_000, help="fail if the store is smaller")
    parser.add_argument("--dir", type=Path, default=None, help="work folder, kept (default: a temporary one, removed)")
    parser.add_argument("--child", nargs=3, metavar=("KIND", "STORE", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return 0

    work = args.dir or Path(tempfile.mkdtemp(prefix="atlas-export-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        start = time.perf_counter()
        triples = build(work / "store", args.reviews)
        print(f"store: {args.reviews} reviews, {triples:,} triples in the default graph "
              f"(and again, as quads, in the review graphs), built in {time.perf_counter() - start:.1f} s")
        if triples < args.min_triples:
            print(f"error: {triples:,} triples, fewer than --min-triples {args.min_triples:,}", file=sys.stderr)
            return 1
        rows = {
            "graph.export ntriples": measure("ntriples", work / "store", work / "atlas.nt"),
            "pyoxigraph Store.dump N-Triples": measure("oxigraph", work / "store", work / "oxigraph.nt"),
            "graph.export nquads (review graphs)": measure("nquads", work / "store", work / "atlas.nq"),
        }
    finally:
        if args.dir is None:
            shutil.rmtree(work, ignore_errors=True)
    ours, theirs = rows["graph.export ntriples"], rows["pyoxigraph Store.dump N-Triples"]
    print("\n| export | time (s) | peak RSS (MB) | lines | MB written |\n|---|---|---|---|---|")
    for name, row in rows.items():
        print(f"| {name} | {row['seconds']:.2f} | {row['peak_mb']:.0f} | {row['lines']:,} | {row['bytes'] / 1e6:.0f} |")
    print(f"\ngraph.export / pyoxigraph: time x{ours['seconds'] / theirs['seconds']:.2f}, "
          f"peak memory x{ours['peak_mb'] / theirs['peak_mb']:.2f}")
    same = ours["lines"] == theirs["lines"] == triples
    print(f"N-Triples lines equal the store's triples: {'yes' if same else 'NO'}; "
          f"peak memory {'under' if ours['peak_mb'] < TARGET_MB else 'OVER'} the {TARGET_MB} MB target")
    return 0 if same and ours["peak_mb"] < TARGET_MB else 1


if __name__ == "__main__":
    sys.exit(main())
