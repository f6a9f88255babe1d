"""The readable Turtle and TriG (graph/turtle.py) of the exports and the "As data" links: the same
triples for three parsers that share no code (rdflib, pyoxigraph, raptor's rapper), on every
backend, and written as a person writes them."""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import rdflib
from pyoxigraph import NamedNode

from engines import REQUIRED
from graph import queries
from test_export import (DATASET_FORMATS, GARLAND, assert_same, expected_rdf, exported, rdflib_term, read_oxigraph,
                         read_rdflib, triples_graph)


def read_rapper(fmt: str, data: bytes, tmp_path: Path) -> rdflib.Graph:
    """Read by raptor's rapper (Debian's raptor2-utils), a parser that shares no code with the others."""
    if shutil.which("rapper") is None:
        if os.environ.get(REQUIRED):
            pytest.fail("no rapper: `make test` installs raptor2-utils (make virtuoso)")
        pytest.skip("no rapper: install raptor2-utils (under `make test` this fails)")
    source = tmp_path / f"export.{fmt}"
    source.write_bytes(data)
    machine = "nquads" if fmt in DATASET_FORMATS else "ntriples"
    done = subprocess.run(["rapper", "-q", "-i", fmt, "-o", machine, str(source)], capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr.decode()
    return read_oxigraph(machine, done.stdout)


@pytest.mark.parametrize("fmt", ["turtle", "trig"])
def test_readable_rdf_reads_the_same_in_three_parsers(ro_store, fmt, tmp_path):
    data = exported(ro_store, fmt)
    expected = expected_rdf(ro_store, fmt)
    assert_same(expected, read_rdflib(fmt, data), f"{fmt} read by rdflib")
    assert_same(expected, read_oxigraph(fmt, data), f"{fmt} read by pyoxigraph")
    assert_same(expected, read_rapper(fmt, data, tmp_path), f"{fmt} read by rapper")


def test_turtle_reads_as_a_person_writes_it(ro_store):
    text = exported(ro_store, "turtle").decode("utf-8")
    assert "\\/" not in text, "an escaped local name"
    assert "@prefix person: <https://w3id.org/adaptation-atlas/id/person/> ." in text
    # Works, then people, then characters, ..., evidence last.
    starts = [text.index(f"\n{first}") for first in ("work:", "person:", "character:", "performance:", "review:",
                                                     "<https://w3id.org/adaptation-atlas/id/evidence/")]
    assert starts == sorted(starts), starts
    # Alex Garland: his own block, and his credits on the works' blocks.
    assert '\nperson:alex-garland\n    a atlas:Person ;\n    rdfs:label "Alex Garland" .\n' in text
    film = text[text.index("\nwork:annihilation--film\n"):]
    film = film[:film.index(" .\n")]
    assert "    atlas:director person:alex-garland ;\n" in film and "atlas:year 2018 ;" in film
    assert film.index("rdfs:label") < film.index("atlas:year") < film.index("atlas:director")
    assert "^^xsd:string" not in text and "^^xsd:integer" not in text


def test_as_data_links_give_the_readable_turtle(ro_store):
    from webapp import create_app

    response = create_app(ro_store).test_client().get("/id/person/alex-garland?format=ttl")
    assert response.status_code == 200 and response.mimetype == "text/turtle"
    text = response.get_data(as_text=True)
    assert '\nperson:alex-garland\n    a atlas:Person ;\n    rdfs:label "Alex Garland" .\n' in text
    assert "\\/" not in text
    assert_same(triples_graph((rdflib_term(t.subject), rdflib_term(t.predicate), rdflib_term(t.object))
                              for t in queries.query(ro_store, queries.internal("describe"), entity=NamedNode(GARLAND))),
                read_rdflib("turtle", text.encode("utf-8")), "the entity's Turtle")
