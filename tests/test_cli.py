"""The real command line, run as `python -m graph` in a subprocess."""
from __future__ import annotations

import csv
import io
import json
import os
import select
import signal
import socket
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
import rdflib

from conftest import ATLAS, ID, REPO, REVIEWS, atlas, review_files
from engines import free_port
from graph.read import read_review

SEVERAL_ROLES = "ontology/queries/people-with-several-roles.rq"
GARLAND = ID + "person/alex-garland"


def one_line_error(result, *names: str) -> None:
    """Failed, no traceback, and each name appears on exactly one stderr line."""
    assert result.returncode != 0, result
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    for name in names:
        hits = [line for line in lines if name in line]
        assert len(hits) == 1, (name, result.stderr)


@pytest.fixture(scope="module")
def cli_store(tmp_path_factory) -> Path:
    """data/reviews ingested by `python -m graph ingest`."""
    location = tmp_path_factory.mktemp("cli") / "store"
    result = atlas("ingest", str(REVIEWS), "--store", str(location))
    assert result.returncode == 0, result.stderr
    n = len(review_files())
    assert f"{n} added, 0 replaced, 0 unchanged, 0 pruned, 0 failed" in result.stdout
    assert "Traceback" not in result.stderr
    return location


def test_help_lists_the_commands():
    result = atlas("--help")
    assert result.returncode == 0, result.stderr
    for command in ("ingest", "extract", "query", "validate", "stats", "serve"):
        assert command in result.stdout


def test_extract_explain_shows_why_each_fact_was_read():
    seed = REPO.parent / "shared" / "seeds" / "000_6164d26ec9dcd9e3.txt"
    if not seed.exists():
        pytest.skip("the shared seed review is not on this machine")
    result = atlas("extract", str(seed), "--explain")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    # The headline's pair, then every sentence with its template and the rules that read it.
    assert out.startswith("From the page's structure") and "gave work Never Let Me Go (novel)" in out
    sentence = out.split("Two weeks ago I covered Annihilation")[1].split("\n[")[0]
    assert "template: Two weeks ago I covered ⟨0⟩, which ⟨1⟩ wrote the script for and directed." in sentence
    assert "which-active: matched" in sentence and "p (person): Garland" in sentence
    assert "gave director of Annihilation (film): Alex Garland" in sentence
    # A match whose name another rule claimed says so.
    assert "(overruled: written-by had claimed the name)" in out
    assert out.rstrip().splitlines()[-1].startswith("Verdict (")


def test_console_script_matches_python_m():
    script = Path(REPO / ".venv" / "bin" / "atlas")
    if not script.exists():
        pytest.skip("no .venv/bin/atlas here")
    result = subprocess.run([str(script), "--version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "0.1.0" in result.stdout


@pytest.fixture(scope="module")
def beach_json() -> dict:
    result = atlas("extract", str(REVIEWS / "the-beach.txt"), "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_extract_json_shape(beach_json):
    assert {"review", "works", "adaptations", "credits", "cast"} <= set(beach_json)
    assert beach_json["review"]["title"] == "The Beach Book vs Movie Review"
    for work in beach_json["works"]:
        assert {"title", "type", "year"} <= set(work)
    for credit in beach_json["credits"]:
        assert {"person", "role", "work", "evidence"} <= set(credit)
        assert credit["role"] in ("author", "director", "screenwriter")
    for cast in beach_json["cast"]:
        assert {"actor", "character", "work", "evidence"} <= set(cast)
    assert beach_json["credits"] and beach_json["adaptations"]


def test_extract_json_evidence_is_review_text(beach_json):
    text = read_review(REVIEWS / "the-beach.txt").text
    for fact in beach_json["credits"] + beach_json["cast"] + beach_json["adaptations"]:
        ev = fact["evidence"]
        assert ev["sentence"] and ev["sentence"] in text, ev
        assert text[ev["start"]:ev["end"]] == ev["sentence"], ev
        assert 0 <= ev["confidence"] <= 1 and ev["rule"]


def test_extract_turtle_parses():
    result = atlas("extract", str(REVIEWS / "the-beach.txt"), "--format", "turtle")
    assert result.returncode == 0, result.stderr
    g = rdflib.Graph().parse(data=result.stdout, format="turtle")
    a = rdflib.Namespace(ATLAS)
    film = rdflib.URIRef(ID + "work/the-beach--film")
    book = rdflib.URIRef(ID + "work/the-beach--page")
    assert (film, a.adaptationOf, book) in g
    assert (book, a.author, rdflib.URIRef(GARLAND)) in g
    assert len(list(g.subjects(rdflib.RDF.type, a.Evidence))) >= 3


def test_extract_missing_file_is_a_usage_error(tmp_path):
    result = atlas("extract", str(tmp_path / "nope.txt"))
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_extract_empty_file_is_one_line(tmp_path):
    path = tmp_path / "empty.md"
    path.write_text("")
    result = atlas("extract", str(path))
    one_line_error(result, str(path))
    assert result.returncode == 1


# --- queries over the built store ------------------------------------------------

@pytest.fixture(scope="module")
def several_roles(cli_store) -> dict:
    result = atlas("query", SEVERAL_ROLES, "--format", "json", "--store", str(cli_store))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def _rows(several_roles) -> list[tuple[str, ...]]:
    names = several_roles["head"]["vars"]
    return [tuple(b[n]["value"] for n in names) for b in several_roles["results"]["bindings"]]


def test_query_json_is_sparql_results(several_roles):
    assert several_roles["head"]["vars"] == ["person", "personLabel", "role", "work", "workLabel"]
    bindings = several_roles["results"]["bindings"]
    assert bindings
    for b in bindings:
        assert b["person"]["type"] == "uri" and b["personLabel"]["type"] == "literal"


def test_query_finds_alex_garland_in_several_roles(several_roles):
    garland = [b for b in several_roles["results"]["bindings"] if b["person"]["value"] == GARLAND]
    assert garland, "Alex Garland is not among the people with several roles"
    assert {b["personLabel"]["value"] for b in garland} == {"Alex Garland"}
    assert len({b["work"]["value"] for b in garland}) >= 3
    assert len({b["role"]["value"] for b in garland}) >= 2


def test_query_rows_are_not_repeated(several_roles):
    """A fact stated in several reviews is one row (Oxigraph 0.5's union graph repeats matches)."""
    rows = _rows(several_roles)
    assert len(rows) == len(set(rows))


def test_query_csv_and_tsv_match_json(cli_store, several_roles):
    expected = sorted(_rows(several_roles))
    result = atlas("query", SEVERAL_ROLES, "--format", "csv", "--store", str(cli_store))
    assert result.returncode == 0, result.stderr
    reader = csv.DictReader(io.StringIO(result.stdout))
    assert reader.fieldnames == several_roles["head"]["vars"]
    assert sorted(tuple(r[n] for n in reader.fieldnames) for r in reader) == expected

    result = atlas("query", SEVERAL_ROLES, "--format", "tsv", "--store", str(cli_store))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.rstrip("\n").split("\n")
    assert lines[0].split("\t") == ["?" + n for n in several_roles["head"]["vars"]]

    def plain(term: str) -> str:  # TSV cells are N-Triples terms
        if term.startswith("<") and term.endswith(">"):
            return term[1:-1]
        if term.startswith('"'):
            return json.loads(term[:term.rindex('"') + 1])
        return term

    assert sorted(tuple(plain(c) for c in line.split("\t")) for line in lines[1:]) == expected


def test_query_table(cli_store, several_roles):
    result = atlas("query", SEVERAL_ROLES, "--store", str(cli_store), env={"COLUMNS": "300"})
    assert result.returncode == 0, result.stderr
    for name in several_roles["head"]["vars"]:
        assert name in result.stdout
    for label in {b["personLabel"]["value"] for b in several_roles["results"]["bindings"]}:
        assert label in result.stdout


def test_query_text_and_ask(cli_store):
    result = atlas("query", f"ASK {{ ?w <{ATLAS}adaptationOf> ?b }}", "--format", "json", "--store", str(cli_store))
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["boolean"] is True


def test_malformed_query_is_one_line_exit_1(cli_store):
    result = atlas("query", "SELECT ?x WHERE { ?x", "--store", str(cli_store))
    assert result.returncode == 1
    one_line_error(result, "SPARQL")
    assert len(result.stderr.strip().splitlines()) == 1


def test_missing_query_file_is_one_line(cli_store, tmp_path):
    missing = tmp_path / "nope.rq"
    result = atlas("query", str(missing), "--store", str(cli_store))
    one_line_error(result, str(missing))


def test_validate_conforms(cli_store):
    result = atlas("validate", "--store", str(cli_store))
    assert result.returncode == 0, result.stdout[-3000:]
    assert "conforms" in result.stdout


def test_stats_prints_counts(cli_store, built):
    result = atlas("stats", "--store", str(cli_store))
    assert result.returncode == 0, result.stderr
    counts = {line.split()[0]: int(line.split()[1]) for line in result.stdout.splitlines() if line.strip()}
    assert counts == built.counts  # the CLI and the library build the same graph
    assert counts["Review"] == len(review_files())


def test_store_option_and_environment_variable(cli_store, tmp_path):
    by_option = atlas("stats", "--store", str(cli_store))
    by_env = atlas("stats", env={"ATLAS_STORE": str(cli_store)})
    assert by_option.returncode == by_env.returncode == 0, by_env.stderr
    assert by_option.stdout == by_env.stdout
    missing = tmp_path / "no-store"
    wrong_env = atlas("stats", env={"ATLAS_STORE": str(missing)})
    one_line_error(wrong_env, str(missing))
    assert not missing.exists()  # a read-only command creates nothing
    option_wins = atlas("stats", "--store", str(cli_store), env={"ATLAS_STORE": str(missing)})
    assert option_wins.returncode == 0 and option_wins.stdout == by_option.stdout


def test_ingest_into_store_from_environment(tmp_path):
    location = tmp_path / "env-store"
    result = atlas("ingest", str(REVIEWS / "the-beach.txt"), env={"ATLAS_STORE": str(location)})
    assert result.returncode == 0, result.stderr
    assert str(location) in result.stdout and (location / "CURRENT").exists()


# --- bad input -------------------------------------------------------------------

def test_bad_files_fail_alone(tmp_path):
    folder = tmp_path / "a-rather-long-folder-name-so-that-an-error-line-would-wrap-at-80-columns"
    folder.mkdir()
    good = folder / "the-beach.txt"
    good.write_bytes((REVIEWS / "the-beach.txt").read_bytes())
    empty = folder / "empty.txt"
    empty.write_text("")
    binary = folder / "cover.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    missing = folder / "missing-review.md"
    location = tmp_path / "store"

    result = atlas("ingest", str(missing), str(empty), str(binary), str(good), "--store", str(location))
    one_line_error(result, str(missing), str(empty), str(binary))
    assert result.returncode == 1
    assert "1 added, 0 replaced, 0 unchanged, 0 pruned, 3 failed" in result.stdout
    bad_lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(bad_lines) == 3, result.stderr

    stats = atlas("stats", "--store", str(location))
    assert stats.returncode == 0
    assert "Review       1" in stats.stdout
    query = atlas("query", f"ASK {{ GRAPH <{ID}review/the-beach> {{ ?s ?p ?o }} }}", "--format", "json",
                  "--store", str(location))
    assert json.loads(query.stdout)["boolean"] is True


def test_undecodable_text_is_one_line(tmp_path):
    path = tmp_path / "garbled.txt"  # not UTF-8, and no other encoding reads it (tests/test_bad_input.py)
    path.write_bytes(b"Les Miserables Book vs Movie Review\n" + bytes(range(128, 256)) * 3)
    result = atlas("ingest", str(path), "--store", str(tmp_path / "store"))
    one_line_error(result, str(path))


def test_unwritable_store_is_one_line(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = atlas("ingest", str(REVIEWS / "the-beach.txt"), "--store", str(blocker / "store"))
    one_line_error(result, str(blocker))


def test_prune_drops_reviews_whose_file_is_gone(tmp_path):
    folder = tmp_path / "reviews"
    folder.mkdir()
    for name in ("the-beach.txt", "atonement.txt"):
        (folder / name).write_bytes((REVIEWS / name).read_bytes())
    location = str(tmp_path / "store")
    assert atlas("ingest", str(folder), "--store", location).returncode == 0
    (folder / "atonement.txt").unlink()

    kept = atlas("ingest", str(folder), "--store", location)
    assert "0 added, 0 replaced, 1 unchanged, 0 pruned" in kept.stdout  # without --prune nothing goes
    pruned = atlas("ingest", str(folder), "--prune", "--store", location)
    assert "0 added, 0 replaced, 1 unchanged, 1 pruned, 0 failed" in pruned.stdout, pruned.stdout
    stats = atlas("stats", "--store", location)
    assert "Review       1" in stats.stdout
    gone = atlas("query", f"ASK {{ <{ID}person/joe-wright> ?p ?o }}", "--format", "json", "--store", location)
    assert json.loads(gone.stdout)["boolean"] is False


def test_serve_answers_pages_and_sparql_and_stops_cleanly_on_ctrl_c(cli_store):
    """`atlas serve` itself: it says where it serves, answers there, and Ctrl-C ends it."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != "ATLAS_STORE"}
    process = subprocess.Popen([sys.executable, "-m", "graph", "serve", "--port", str(port), "--store", str(cli_store)],
                               cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               stdin=subprocess.DEVNULL)
    try:
        assert select.select([process.stdout], [], [], 60)[0], "atlas serve said nothing in 60 s"
        assert process.stdout.readline().strip() == f"Serving {cli_store} on http://127.0.0.1:{port}/"
        base = f"http://127.0.0.1:{port}"
        with urllib.request.urlopen(base + "/id/person/alex-garland", timeout=30) as page:
            assert page.status == 200 and "Alex Garland" in page.read().decode()
        ask = urllib.parse.urlencode({"query": f"ASK {{ <{GARLAND}> ?p ?o }}"})
        request = urllib.request.Request(f"{base}/sparql?{ask}", headers={"Accept": "application/sparql-results+json"})
        with urllib.request.urlopen(request, timeout=30) as answer:
            assert json.loads(answer.read())["boolean"] is True
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
        assert "Traceback" not in process.stderr.read()
    finally:
        process.kill()
        process.wait()


def test_serve_on_a_port_in_use_is_one_line(cli_store):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        result = atlas("serve", "--port", str(taken.getsockname()[1]), "--store", str(cli_store), timeout=60)
    one_line_error(result, "Address already in use")


@pytest.mark.parametrize("name", ["differences-by-adaptation", "verdicts-by-creator"])
def test_query_runs_the_what_changed_examples(cli_store, name):
    """`atlas query` gives the rows the store gives for the example queries of issue 14."""
    from graph import queries
    from graph.store import open_store

    result = atlas("query", f"ontology/queries/{name}.rq", "--format", "json", "--store", str(cli_store))
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    example = {e.name: e for e in queries.examples()}[name]
    expected = queries.rows(open_store(cli_store, read_only=True), example.text)
    assert expected and answer["head"]["vars"] == list(expected[0])
    assert len(answer["results"]["bindings"]) == len(expected)
    if name == "differences-by-adaptation":
        spoilers = {b["spoiler"]["value"] for b in answer["results"]["bindings"]}
        assert spoilers == {"true", "false"}
    else:
        garland = next(b for b in answer["results"]["bindings"] if b["person"]["value"] == GARLAND)
        assert (garland["screenWins"]["value"], garland["bookWins"]["value"], garland["reviews"]["value"]) == ("1", "1", "2")
