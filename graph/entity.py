"""An entity as people read it: its label, its kind in English and its year; and a sentence of a
review quoted about it."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import networkx as nx
import pyoxigraph

from .network import KIND_ORDER
from .vocab import ATLAS_NS, ONTOLOGY_FILE, RDFS

WORK_KINDS = frozenset(KIND_ORDER[:KIND_ORDER.index("Person")])


@lru_cache(maxsize=None)
def kind_words() -> dict[str, str]:
    """'Novel' -> 'novel', 'TVSeries' -> 'TV series': the class labels of ontology/atlas.ttl."""
    words = {}
    for triple in pyoxigraph.parse(path=str(ONTOLOGY_FILE), format=pyoxigraph.RdfFormat.TURTLE):
        if triple.predicate == RDFS.label and triple.subject.value.startswith(ATLAS_NS):
            words[triple.subject.value[len(ATLAS_NS):]] = triple.object.value
    return {kind: words[kind] for kind in KIND_ORDER}


@dataclass(frozen=True)
class Entity:
    iri: str
    label: str
    kind: str  # the most specific class, as in graph.network: Novel, Film, Person, Character, Review...
    year: int | None = None

    @property
    def is_work(self) -> bool:
        return self.kind in WORK_KINDS

    @property
    def kind_word(self) -> str:
        return kind_words().get(self.kind, self.kind)

    @property
    def name(self) -> str:
        """The label, with the medium for a work: the novel and its film often share a title."""
        return f"{self.label} ({self.kind_word})" if self.is_work else self.label

    @property
    def description(self) -> str:
        """'film, 2010', 'person': what the entity is, to show beside its label."""
        return f"{self.kind_word}, {self.year}" if self.year else self.kind_word

    def to_json(self) -> dict:
        return {"iri": self.iri, "label": self.label, "type": self.kind,
                "description": self.description, **({"year": self.year} if self.year else {})}


@dataclass(frozen=True)
class Quote:
    review: Entity
    sentence: str
    start: int  # the sentence's offset in the review's text: its anchor on the review page


def entity(graph: nx.MultiDiGraph, iri: str) -> Entity | None:
    """The entity a node of the network projection stands for; None if the network lacks it."""
    node = graph.nodes.get(iri)
    if node is None:
        return None
    return Entity(iri, node["label"], node["kind"], node.get("year"))
