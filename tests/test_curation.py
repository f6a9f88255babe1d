"""The curation file: merges, renames, rejected and added facts, applied on every ingest."""
from __future__ import annotations

import re
import shutil

import pytest

from conftest import ID, REVIEWS, atlas
from graph import queries
from graph.curation import CurationError, load
from graph.ingest import ingest
from graph.store import Store

RDFS_LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"


def ask(store: Store, pattern: str) -> bool:
    return bool(queries.rows(store, f"SELECT * WHERE {{ {pattern} }} LIMIT 1"))


@pytest.fixture
def folder(tmp_path):
    reviews = tmp_path / "reviews"
    reviews.mkdir()
    for name in ("the-beach.txt", "trainspotting.md"):
        shutil.copy(REVIEWS / name, reviews / name)
    return reviews


def test_corrections_apply_and_survive_reingest(folder, tmp_path):
    curation_file = tmp_path / "curation.yaml"
    curation_file.write_text("""
names:
  Tilda Swinton: Katherine Matilda Swinton
titles:
  T2 Trainspotting: "T2: Trainspotting 2"
reject:
  - {person: Danny Boyle, role: director, work: "The Beach (film)"}
add:
  - {review: the-beach, actor: Paterson Joseph, character: Keaty, work: "The Beach (film)", note: "Paterson Joseph plays Keaty."}
""", encoding="utf-8")
    store = Store(tmp_path / "store")
    report = ingest(store, [folder], curation=load(curation_file))
    assert any("Katherine Matilda Swinton" in line for line in report.curated)
    assert ask(store, f"<{ID}person/katherine-matilda-swinton> {RDFS_LABEL} ?l")
    assert not ask(store, f"<{ID}person/tilda-swinton> ?p ?o")
    assert ask(store, f"<{ID}work/t2-trainspotting-2--film> ?p ?o")
    assert not ask(store, f"<{ID}work/t2-trainspotting--film> ?p ?o")
    assert not ask(store, f"<{ID}work/the-beach--film> <https://w3id.org/adaptation-atlas/ontology#director> ?p")
    assert ask(store, f"<{ID}work/trainspotting--film> <https://w3id.org/adaptation-atlas/ontology#director> "
                      f"<{ID}person/danny-boyle>"), "a rejection for one work must not touch another"
    assert ask(store, f"?perf <https://w3id.org/adaptation-atlas/ontology#performer> <{ID}person/paterson-joseph>")
    assert ask(store, "?e <https://w3id.org/adaptation-atlas/ontology#rule> 'curation' ; "
                      "<https://w3id.org/adaptation-atlas/ontology#sentence> 'Paterson Joseph plays Keaty.'")

    # Unchanged files and an unchanged curation file: nothing is read again, nothing is lost.
    again = ingest(store, [folder], curation=load(curation_file))
    assert len(again.unchanged) == 2 and not again.curated
    assert ask(store, f"<{ID}person/katherine-matilda-swinton> {RDFS_LABEL} ?l")

    # A changed curation file re-reads every review; a removed correction is undone.
    curation_file.write_text("titles:\n  T2 Trainspotting: 'T2: Trainspotting 2'\n", encoding="utf-8")
    changed = ingest(store, [folder], curation=load(curation_file))
    assert len(changed.replaced) == 2
    assert ask(store, f"<{ID}person/tilda-swinton> {RDFS_LABEL} ?l")
    assert not ask(store, f"<{ID}person/katherine-matilda-swinton> ?p ?o")
    assert ask(store, f"<{ID}work/the-beach--film> <https://w3id.org/adaptation-atlas/ontology#director> ?p")


@pytest.mark.parametrize("text, message", [
    ("names: [a, b", "malformed YAML"),
    ("colours: {}", "expected the sections"),
    ("add:\n  - {person: X Y, role: author, work: 'Z (novel)'}", "needs the review"),
    ("reject:\n  - {person: X Y, role: producer, work: 'Z (film)'}", "not a credit"),
    ("reject:\n  - {person: X Y, role: director, work: 'Z'}", "is not 'Title (kind)'"),
])
def test_bad_curation_files_are_one_line_errors(tmp_path, text, message):
    path = tmp_path / "curation.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CurationError, match=re.escape(message)):
        load(path)
    result = atlas("ingest", str(REVIEWS / "the-beach.txt"), "--curation", str(path),
                   "--store", str(tmp_path / "store"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and str(path) in result.stderr
    assert not (tmp_path / "store").exists(), "a bad curation file must stop before the store is touched"


def test_the_shipped_curation_file_loads_and_reports(tmp_path):
    result = atlas("ingest", str(REVIEWS), "--store", str(tmp_path / "store"))
    assert result.returncode == 0, result.stderr
    assert "curated trainspotting: added person=John Hodge, role=screenwriter, work=The Beach (film)" in result.stderr
