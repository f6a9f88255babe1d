"""SHACL validation of the whole graph against ontology/shapes.ttl."""
from __future__ import annotations

import rdflib
from pyshacl import validate as shacl_validate
from pyoxigraph import RdfFormat

from .store import GraphStore
from .vocab import ONTOLOGY_FILE, SHAPES_FILE


def union_graph(store: GraphStore) -> rdflib.Graph:
    """The union of all review graphs as an rdflib graph (what pyshacl reads)."""
    data = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }").serialize(format=RdfFormat.N_TRIPLES)
    return rdflib.Graph().parse(data=data, format="nt")


def validate(store: GraphStore) -> tuple[bool, str]:
    """(conforms, report text)."""
    shapes = rdflib.Graph().parse(SHAPES_FILE)
    ontology = rdflib.Graph().parse(ONTOLOGY_FILE)
    conforms, _, text = shacl_validate(union_graph(store), shacl_graph=shapes, ont_graph=ontology,
                                       inference="none", allow_warnings=True)
    return conforms, text
