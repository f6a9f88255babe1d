"""Bad input: every kind of file a blog platform's export or a careless folder holds.

Each bad file is one line naming it; the good files of the same batch still go in, each review
graph whole; the run ends with a summary and a non-zero status; never a traceback.
"""
from __future__ import annotations

import itertools
import json
import random
import subprocess
import time

import pytest

from conftest import ID, REVIEWS, atlas
from review_graphs import clean_graph, graph_quads
from graph import queries
from graph.curation import load as load_curation
from graph.extract import extract_parsed
from graph.ingest import ingest
from graph.nlp import pipeline
from graph.read import MAX_REVIEW_CHARS, ReadError, read_file, read_review
from graph.resolve import review_iri
from graph.store import Store

CURATION = load_curation(None)
BEACH = (REVIEWS / "the-beach.txt").read_text(encoding="utf-8")


def names_review(n: int) -> str:
    """A review whose cast list runs to `n` distinct names (n <= 3,024), half of them actors each
    playing one of the other half in a sentence of their own."""
    first = "Anna Boris Clara David Elena Frank Greta Hugo Irene Jonas Karl Lena Marta Nils".split()
    last = "Abbott Bennett Carver Dalton Ellis Fisher Hughes Ingram Jensen Keller Lowry Mercer".split()
    names = [f"{f} {m}. {l}" for f, m, l in itertools.islice(itertools.product(first, "ABCDEFGHJKLMNPRSTW", last), n)]
    random.Random(n).shuffle(names)
    sentences = "\n".join(f"{a} plays {b} in the film." for a, b in zip(names[::2], names[1::2]))
    return ("Never Let Me Go Book vs Movie Review\n\nThe film was directed by Mark Romanek. "
            f"The cast: {', '.join(names)}.\n\n{sentences}\n")


# Each bad file, and what its one line must say.
BAD_FILES = {
    "empty.txt": (b"", "empty file"),
    "blank.md": (b" \n\t\n", "empty file"),
    "cover.png.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file"),
    "garbled.txt": (b"The Beach Book vs Movie Review\n" + bytes(range(128, 256)) * 4, "not UTF-8"),
    "broken.xml": (b"<rss><channel><item><title>x</title></channel>", "malformed XML"),
    "atom.xml": (b"<?xml version='1.0'?><feed><entry/></feed>", "not a WordPress export"),
    "drafts.xml": (b"<rss><channel><item><title>Draft</title><wp:status xmlns:wp='http://wordpress.org/"
                   b"export/1.2/'>draft</wp:status></item></channel></rss>", "without published posts"),
    "front.md": (b"---\ntitle: [unclosed\n---\nBody\n", "malformed YAML front matter"),
    "list.md": (b"---\n- a\n- b\n---\nBody\n", "not a mapping"),
    "script-only.html": (b"<html><head><script>var x = 1;</script></head><body><nav>menu</nav></body></html>",
                         "no text"),
}


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """One `atlas ingest` over a folder of good files and every kind of bad one."""
    folder = tmp_path_factory.mktemp("batch")
    for name, (content, _) in BAD_FILES.items():
        (folder / name).write_bytes(content)
    # 50 MB of real text: refused by its size before it is read.
    (folder / "huge.txt").write_bytes(BEACH.encode() * (50 * 2**20 // len(BEACH.encode()) + 1))
    # Good files: UTF-8, Windows-1252 (curly quotes, accents), a broken-but-readable HTML page,
    # and a review naming 400 people (thousands: test_thousands_of_names_finish_in_bounded_time).
    (folder / "the-beach.txt").write_text(BEACH, encoding="utf-8")
    (folder / "cp1252.txt").write_bytes(
        "Les Misérables Book vs Movie Review\n\nVictor Hugo’s novel became Tom Hooper’s 2012 film. "
        "Hugh Jackman plays Jean Valjean.\n".encode("cp1252"))
    (folder / "unclosed.html").write_bytes(b"<html><body><article><h1>Atonement Book vs Movie Review"
                                           b"<p>Joe Wright directed the film of Ian McEwan's novel <b>Atonement"
                                           b"<div><p>Keira Knightley plays Cecilia.")
    (folder / "many-names.txt").write_text(names_review(400), encoding="utf-8")
    location = tmp_path_factory.mktemp("store") / "store"
    started = time.monotonic()
    result = atlas("ingest", str(folder), "--store", str(location), timeout=300)
    return folder, location, result, time.monotonic() - started


def test_each_bad_file_is_one_line_naming_it(batch):
    folder, _, result, _ = batch
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    expected = {**{name: message for name, (_, message) in BAD_FILES.items()}, "huge.txt": "50.0 MB, more than the 20.0 MB"}
    for name, message in expected.items():
        hits = [line for line in lines if str(folder / name) in line]
        assert len(hits) == 1 and message in hits[0], (name, result.stderr)
    assert len(lines) == len(expected), result.stderr


def test_summary_and_status(batch):
    _, _, result, _ = batch
    assert result.returncode == 1
    assert f"4 added, 0 replaced, 0 unchanged, 0 pruned, {len(BAD_FILES) + 1} failed" in result.stdout, result.stdout


def test_good_files_of_the_batch_go_in_whole(batch):
    """Exactly the good reviews are in the store, each graph equal to what its file gives alone."""
    folder, location, _, _ = batch
    store = Store(location, read_only=True)
    graphs = {g.value for g in store.named_graphs()}
    assert graphs == {f"{ID}review/{name}" for name in ("the-beach", "cp1252", "unclosed", "many-names")}
    for name in ("the-beach", "cp1252", "unclosed"):
        review = read_review(folder / f"{name}.txt" if name != "unclosed" else folder / "unclosed.html")
        assert graph_quads(store, review_iri(review.id)) == clean_graph(review, CURATION), name


def test_legacy_encoding_is_read_not_garbled(batch):
    folder, location, _, _ = batch
    text = read_review(folder / "cp1252.txt").text
    assert "Misérables" in text and "Hugo’s" in text
    store = Store(location, read_only=True)
    assert bool(store.query(f"ASK {{ <{ID}person/hugh-jackman> ?p ?o }}"))


def test_hundreds_of_names_go_in(batch):
    _, location, _, seconds = batch
    assert seconds < 60, seconds  # measured: about 8 s for the whole batch on the 2-core machine
    store = Store(location, read_only=True)
    people = queries.rows(store, f"SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE {{ GRAPH <{ID}review/many-names> "
                                 "{ ?p a <https://w3id.org/adaptation-atlas/ontology#Person> } }")
    assert people[0]["n"] > 180, people  # the 200 actors (and the director)


def test_thousands_of_names_finish_in_bounded_time(tmp_path):
    """2,000 names: a linear extractor reads them in seconds (measured: about 11 s with spaCy's loading)."""
    path = tmp_path / "many-names.txt"
    path.write_text(names_review(2000), encoding="utf-8")
    try:
        result = atlas("extract", str(path), timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail("2,000 names took more than 30 s")
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["cast"]) > 900  # the 1,000 castings were read, not skipped


# --- the reader on its own ----------------------------------------------------------

@pytest.mark.parametrize("encoding, text", [
    ("cp1252", "Das Parfum — Patrick Süskind’s novel, Tom Tykwer’s film"),
    ("cp1251", "Война и мир: роман Льва Толстого и фильм Сергея Бондарчука"),
    ("latin-1", "Amélie et Jean-Pierre Jeunet: le film"),
    ("shift_jis", "羅生門：芥川龍之介の小説と黒澤明の映画"),
])
def test_older_encodings_are_detected(tmp_path, encoding, text):
    path = tmp_path / "review.txt"
    path.write_bytes(text.encode(encoding))
    assert read_review(path).text == text


def test_quotes_a_wrong_code_page_turned_into_question_marks_are_put_back(tmp_path):
    path = tmp_path / "review.txt"
    path.write_text("Moth Hunter\n\nIt?s long, and ?Moth Hunter: The Night Garden,? Ann Pell?s novel, is longer. "
                    "Was it worth it? I think so. Don?t read ?Moth Hunter? in one go.\n", encoding="utf-8")
    assert read_review(path).text == ("Moth Hunter\n\nIt’s long, and “Moth Hunter: The Night Garden,” Ann Pell’s novel, is longer. "
                                      "Was it worth it? I think so. Don’t read “Moth Hunter” in one go.\n")
    path.write_text("Moth Hunter\n\nWhy? It?s long. ?Because?\n", encoding="utf-8")  # one of each: no sign of damage
    assert read_review(path).text == "Moth Hunter\n\nWhy? It?s long. ?Because?\n"


def test_a_line_broken_mid_sentence_at_each_title_is_joined_again(tmp_path):
    path = tmp_path / "review.txt"
    path.write_text("Moth Hunter\n\nLena and Tom, at the heart of Ada Crane's debut novel, \nMoth Hunter are cousins. "
                    "Like her other books (\nThe Lamp and \nCold Harbour), it was filmed.\nDirector: Rufus Hale \n"
                    "Screenplay: Owen Pike\nA sentence ends here. \nAnother line.\n", encoding="utf-8")
    text = read_review(path).text
    assert text == ("Moth Hunter\n\nLena and Tom, at the heart of Ada Crane's debut novel,  Moth Hunter are cousins. "
                    "Like her other books ( The Lamp and  Cold Harbour), it was filmed.\nDirector: Rufus Hale \n"
                    "Screenplay: Owen Pike\nA sentence ends here. \nAnother line.\n")


def test_size_limit_is_checked_before_reading(tmp_path):
    path = tmp_path / "big.txt"
    with path.open("wb") as f:  # sparse: 3 GB on the size, nothing on disk
        f.truncate(3 * 2**30)
    with pytest.raises(ReadError, match=r"big\.txt: 3,072\.0 MB, more than the 20\.0 MB a review file may have"):
        read_file(path)
    small = tmp_path / "beach.txt"
    small.write_text(BEACH, encoding="utf-8")
    with pytest.raises(ReadError, match="more than the 1,048 bytes"):
        read_file(small, max_bytes=1048)
    assert read_file(small, max_bytes=None)


def test_max_file_mb_option(tmp_path):
    path = tmp_path / "the-beach.txt"
    path.write_text(BEACH, encoding="utf-8")
    refused = atlas("ingest", str(path), "--max-file-mb", "0.001", "--store", str(tmp_path / "store"))
    assert refused.returncode == 1 and "more than the 1,048 bytes" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1


def test_a_review_longer_than_the_extractor_takes_is_refused(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("The Beach Book vs Movie Review\n\n" + "word " * (MAX_REVIEW_CHARS // 5 + 1), encoding="utf-8")
    with pytest.raises(ReadError, match=r"long\.txt: review 'long' is [\d,]+ characters long"):
        read_file(path)


class _SpacyFailsOn:
    """The real spaCy pipeline, failing as a bug inside it would on any batch that holds `marker`."""

    def __init__(self, marker: str):
        self.marker, self.nlp, self.calls = marker, pipeline(), 0

    def pipe(self, texts, as_tuples=False):
        items = list(texts)
        self.calls += 1
        if any(self.marker in (t[0] if as_tuples else t) for t in items):
            raise IndexError("list index out of range")
        return self.nlp.pipe(items, as_tuples=as_tuples)


@pytest.mark.parametrize("stage", ["rules", "spacy"])
def test_an_extractor_failure_costs_only_its_review(tmp_path, monkeypatch, stage):
    """A bug the extractor meets on one review, in its rules or inside spaCy, is that review's
    line; the others go in, those read in the same spaCy batch too."""
    import graph.extract.page
    import graph.ingest

    folder = tmp_path / "reviews"
    folder.mkdir()
    names = ("the-beach.txt", "atonement.txt", "never-let-me-go.md")
    for name in names:
        (folder / name).write_bytes((REVIEWS / name).read_bytes())

    def fragile(parsed, **options):
        if parsed.review.id == "atonement":
            raise IndexError("list index out of range")
        return extract_parsed(parsed, **options)

    if stage == "rules":
        monkeypatch.setattr(graph.ingest, "extract_parsed", fragile)
    else:
        failing = _SpacyFailsOn("Atonement")  # in the atonement review only
        monkeypatch.setattr(graph.extract.page, "pipeline", lambda: failing)
    store = Store(tmp_path / "store")
    report = ingest(store, [folder], curation=CURATION)
    assert sorted(report.added) == ["never-let-me-go", "the-beach"]
    assert len(report.failed) == 1 and str(folder / "atonement.txt") in report.failed[0]
    assert "IndexError" in report.failed[0] and "\n" not in report.failed[0]
    assert {g.value for g in store.named_graphs()} == {review_iri("never-let-me-go").value,
                                                        review_iri("the-beach").value}
    if stage == "spacy":  # one stream for the three; each alone after the failure; the stream goes on (empty)
        assert failing.calls == 5
