"""graph.vocab, ontology/atlas.ttl, shapes.ttl and context.jsonld agree with each other."""
from __future__ import annotations

import json
import re

import pytest
import rdflib
import rdflib.namespace as ns
from pyoxigraph import NamedNode

from graph.queries import INTERNAL_DIR
from graph.vocab import ATLAS, ATLAS_NS, CONTEXT_FILE, ONTOLOGY_FILE, QUERY_DIR, SHAPES_FILE

# rdflib.namespace.XSD and friends warn when pytest probes module attributes: keep them behind `ns`.
KINDS = {ns.OWL.Class: "class", ns.OWL.ObjectProperty: "object", ns.OWL.DatatypeProperty: "datatype",
         ns.OWL.NamedIndividual: "individual"}


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY_FILE, format="turtle")


@pytest.fixture(scope="module")
def declared(ontology) -> dict[str, set[str]]:
    """atlas: IRI -> the kinds (class, object, datatype) the ontology declares it as."""
    out: dict[str, set[str]] = {}
    for cls, kind in KINDS.items():
        for s in ontology.subjects(ns.RDF.type, cls):
            if str(s).startswith(ATLAS_NS):
                out.setdefault(str(s), set()).add(kind)
    return out


def vocab_terms() -> dict[str, str]:
    return {name: node.value for name, node in vars(ATLAS).items() if isinstance(node, NamedNode)}


@pytest.fixture(scope="module")
def jsonld_context() -> dict:
    return json.loads(CONTEXT_FILE.read_text(encoding="utf-8"))["@context"]


def test_vocab_is_not_empty():
    assert len(vocab_terms()) >= 30


@pytest.mark.parametrize("name", sorted(vocab_terms()))
def test_vocab_term_is_declared_in_ontology(name, declared):
    iri = vocab_terms()[name]
    assert iri == ATLAS_NS + name, f"ATLAS.{name} is {iri}"
    assert iri in declared, f"atlas:{name} is used by the code but not declared in {ONTOLOGY_FILE.name}"
    expected = {"class", "individual"} if name[0].isupper() else {"object", "datatype"}
    assert declared[iri] & expected and len(declared[iri]) == 1, (name, declared[iri])


def test_every_ontology_term_is_in_vocab(declared):
    missing = sorted(set(declared) - set(vocab_terms().values()))
    assert not missing, f"declared in the ontology but missing from graph.vocab.ATLAS: {missing}"


def test_ontology_declares_itself(ontology):
    assert (rdflib.URIRef("https://w3id.org/adaptation-atlas/ontology"), ns.RDF.type, ns.OWL.Ontology) in ontology


def test_every_atlas_iri_anywhere_is_declared(ontology, declared):
    """No typo in the ontology, the shapes or any query: each atlas: term they name exists."""
    used: dict[str, set[str]] = {}
    shapes = rdflib.Graph().parse(SHAPES_FILE, format="turtle")
    for name, graph in (("atlas.ttl", ontology), ("shapes.ttl", shapes)):
        for triple in graph:
            for term in triple:
                if isinstance(term, rdflib.URIRef) and str(term).startswith(ATLAS_NS):
                    used.setdefault(str(term), set()).add(name)
    queries = sorted(QUERY_DIR.glob("*.rq")) + sorted(INTERNAL_DIR.glob("*.rq"))
    assert queries
    for path in queries:
        text = path.read_text(encoding="utf-8")
        for local in re.findall(r"\batlas:([A-Za-z_]\w*)", text):
            used.setdefault(ATLAS_NS + local, set()).add(path.name)
    undeclared = {iri: sorted(where) for iri, where in used.items() if iri not in declared}
    assert not undeclared


def test_shapes_parse_and_target_declared_classes(declared):
    shapes = rdflib.Graph().parse(SHAPES_FILE, format="turtle")
    targets = {str(o) for o in shapes.objects(None, ns.SH.targetClass)}
    assert {ATLAS_NS + c for c in ("Work", "Person", "Character", "Performance", "Review", "Evidence")} <= targets
    assert all("class" in declared.get(t, ()) for t in targets), targets
    # sh:class with several values means "all of them": a value can't be a Film and a TVSeries.
    for prop in shapes.subjects(ns.SH["class"], None):
        assert len(list(shapes.objects(prop, ns.SH["class"]))) == 1, f"several sh:class on {prop}"


def _expand(value: str, context: dict) -> str:
    prefix, _, local = value.partition(":")
    if local and isinstance(context.get(prefix), str) and not value.startswith("http"):
        return context[prefix] + local
    return value


def test_context_terms_map_to_ontology_terms(jsonld_context, declared, ontology):
    context = jsonld_context
    assert context["atlas"] == ATLAS_NS
    mapped = {}
    for term, definition in context.items():
        if term.startswith("@") or (isinstance(definition, str) and definition.endswith(("#", "/"))):
            continue  # a keyword or a prefix
        target = definition if isinstance(definition, str) else definition["@id"]
        iri = _expand(target, context)
        if not iri.startswith(ATLAS_NS):
            continue
        assert iri in declared, f"context term {term!r} maps to undeclared {iri}"
        assert iri == ATLAS_NS + term, f"context term {term!r} maps to {iri}"
        mapped[iri] = definition
        kinds = declared[iri]
        kind = definition.get("@type") if isinstance(definition, dict) else None
        if "object" in kinds:
            assert kind in ("@id", "@vocab"), f"{term}: an object property must be @type @id"
        if "datatype" in kinds:
            assert kind not in ("@id", "@vocab"), term
            ranges = {str(r) for r in ontology.objects(rdflib.URIRef(iri), ns.RDFS.range)}
            if ranges & {str(ns.XSD.integer), str(ns.XSD.decimal)}:
                assert kind and _expand(kind, context) in ranges, f"{term}: @type {kind} vs range {ranges}"
    missing = sorted(set(declared) - set(mapped))
    assert not missing, f"ontology terms with no context term: {missing}"


def test_context_reads_a_document_into_atlas_triples(jsonld_context):
    doc = {
        "@context": jsonld_context,
        "@id": "id:work/the-beach--film", "type": "Film", "label": "The Beach", "year": 2000,
        "adaptationOf": "id:work/the-beach--page", "director": "id:person/danny-boyle",
    }
    g = rdflib.Graph().parse(data=json.dumps(doc), format="json-ld")
    film = rdflib.URIRef("https://w3id.org/adaptation-atlas/id/work/the-beach--film")
    a = rdflib.Namespace(ATLAS_NS)
    assert (film, ns.RDF.type, a.Film) in g
    assert (film, a.year, rdflib.Literal(2000, datatype=ns.XSD.integer)) in g
    assert (film, a.adaptationOf, rdflib.URIRef("https://w3id.org/adaptation-atlas/id/work/the-beach--page")) in g
    assert (film, a.director, rdflib.URIRef("https://w3id.org/adaptation-atlas/id/person/danny-boyle")) in g
    assert (film, ns.RDFS.label, rdflib.Literal("The Beach")) in g
