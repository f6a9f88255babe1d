"""Turtle and TriG as a person writes them, for the exports and the explorer's "As data" links.

pyoxigraph's writer is correct but written for machines: local names escaped (`id:person\\/x`),
subjects in the store's order, an evidence record far from its fact. Here the prefixes are the
project's (graph/vocab.py), with one per kind of entity so that `person:alex-garland` needs no
escape; an IRI that would need one is written whole. Subjects come in groups (works, people,
characters, performances, reviews and catalog sources, differences, their passages, anything
else, then evidence records,
in the order of the facts they record), each sorted by IRI; a subject's properties come in a
fixed order (PROPERTY_ORDER, then by IRI), and a literal carries its datatype or language only
where Turtle needs it. The whole document is built in memory, which suits the exports that use
it (N-Triples and N-Quads stream instead).
"""
from __future__ import annotations

import re
from collections import defaultdict
from typing import BinaryIO, Iterable

from pyoxigraph import BlankNode, DefaultGraph, Literal, NamedNode, Quad

from .vocab import ATLAS, ENTITY_PREFIXES, KIND_CLASS, PREFIXES, RDF, RDFS, SCHEMA, SKOS, XSD, XSD_NS

# The groups subjects are written in, by class; a subject of none of them goes before evidence.
GROUPS = [{ATLAS.Work, *KIND_CLASS.values()}, {ATLAS.Person}, {ATLAS.Character}, {ATLAS.Performance},
          {ATLAS.Review, ATLAS.CatalogSource}, {ATLAS.Difference}, {ATLAS.Passage}]
EVIDENCE = len(GROUPS) + 1
PROPERTY_ORDER = [RDF.type, RDFS.label, SKOS.altLabel, ATLAS.year, ATLAS.author, ATLAS.director,
                  ATLAS.screenwriter, ATLAS.castMember, ATLAS.performance, ATLAS.character, ATLAS.adaptationOf,
                  ATLAS.performer, ATLAS.characterRole, ATLAS.reviewOf, ATLAS.prefers, ATLAS.verdictSide,
                  ATLAS.bookScore, ATLAS.screenScore, ATLAS.spoilerWarning, SCHEMA.url, ATLAS.adaptation,
                  ATLAS.comparedWith, ATLAS.differenceKind, ATLAS.concerns, ATLAS.element, ATLAS.spoiler, ATLAS.passage,
                  SCHEMA.datePublished, RDF.subject, RDF.predicate, RDF.object, ATLAS.fromReview, ATLAS.sentence,
                  ATLAS.start, ATLAS.end, ATLAS.rule, ATLAS.confidence]
NAMESPACES = {**PREFIXES, **ENTITY_PREFIXES}
# A local name that Turtle reads as it is (a subset of PN_LOCAL: no escapes, no final dot).
_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?")
# Literals Turtle writes bare, by datatype, when their text is in that syntax.
_BARE = {XSD.integer: re.compile(r"[+-]?[0-9]+"), XSD.decimal: re.compile(r"[+-]?[0-9]*\.[0-9]+"),
         NamedNode(XSD_NS + "boolean"): re.compile(r"true|false")}
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def write(quads: Iterable[Quad], out: BinaryIO, dataset: bool) -> None:
    """Write quads as TriG (`dataset`: each named graph in a block of its own, the default graph's
    triples first) or as Turtle (their triples, each once)."""
    graphs: dict[object, set] = defaultdict(set)
    for quad in quads:
        graphs[quad.graph_name if dataset else DefaultGraph()].add((quad.subject, quad.predicate, quad.object))
    names = Names()
    blocks = []
    for graph in sorted(graphs, key=lambda g: (not isinstance(g, DefaultGraph), str(g))):
        if isinstance(graph, DefaultGraph):
            blocks.append(_graph(graphs[graph], names, ""))
        else:
            blocks.append(f"{names.term(graph)} {{\n{_graph(graphs[graph], names, '    ')}}}\n")
    out.write(("".join(f"@prefix {p}: <{NAMESPACES[p]}> .\n" for p in sorted(names.used)) + "\n"
               + "\n".join(blocks)).encode("utf-8"))


class Names:
    """Writes terms, and remembers the prefixes it used."""

    def __init__(self):
        self.used: set[str] = set()
        # Longest namespace first: person: before id:.
        self._namespaces = sorted(NAMESPACES.items(), key=lambda item: -len(item[1]))

    def term(self, term) -> str:
        if isinstance(term, NamedNode):
            return self.iri(term)
        if isinstance(term, BlankNode):
            return str(term)
        return self.literal(term)

    def iri(self, iri: NamedNode) -> str:
        for prefix, namespace in self._namespaces:
            if iri.value.startswith(namespace) and _LOCAL.fullmatch(iri.value[len(namespace):]):
                self.used.add(prefix)
                return f"{prefix}:{iri.value[len(namespace):]}"
        return str(iri)

    def literal(self, literal: Literal) -> str:
        if literal.language:
            return f"{_quoted(literal.value)}@{literal.language}"
        if literal.datatype.value == XSD_NS + "string":
            return _quoted(literal.value)
        bare = _BARE.get(literal.datatype)
        if bare and bare.fullmatch(literal.value):
            return literal.value
        return f"{_quoted(literal.value)}^^{self.iri(literal.datatype)}"


def _quoted(text: str) -> str:
    """A string in Turtle: long quotes around text with line breaks, so that it reads as lines."""
    if "\n" in text:
        body = "".join(_ESCAPES.get(c, c) if c in '\\"\r' else c for c in text)
        return f'"""{body}"""'
    return '"' + "".join(_ESCAPES.get(c, f"\\u{ord(c):04X}" if ord(c) < 0x20 else c) for c in text) + '"'


def _graph(triples: set, names: Names, indent: str) -> str:
    """One graph's triples, a block per subject, in the order the module's docstring gives; each
    line after `indent` (the lines of a long string stay as they are)."""
    about: dict[object, dict[object, list]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in triples:
        about[s][p].append(o)
    group = {s: _group(properties.get(RDF.type, ())) for s, properties in about.items()}

    def fact_order(subject) -> tuple:
        """An evidence record goes where the fact it records does (its subject's group and IRI)."""
        fact = about[subject]
        recorded = fact.get(RDF.subject, [None])[0]
        return (group.get(recorded, EVIDENCE - 1), str(recorded), str(fact.get(RDF.predicate, [""])[0]),
                str(fact.get(RDF.object, [""])[0]), str(subject))

    order = sorted(about, key=lambda s: (group[s], fact_order(s) if group[s] == EVIDENCE else str(s)))
    return "\n".join(_block(subject, about[subject], names, indent) for subject in order)


def _group(classes: Iterable) -> int:
    if ATLAS.Evidence in classes:
        return EVIDENCE
    return next((n for n, members in enumerate(GROUPS) if members & set(classes)), len(GROUPS))


def _block(subject, properties: dict, names: Names, indent: str) -> str:
    rank = {p: n for n, p in enumerate(PROPERTY_ORDER)}
    lines = []
    for predicate in sorted(properties, key=lambda p: (rank.get(p, len(rank)), str(p))):
        verb = "a" if predicate == RDF.type else names.iri(predicate)
        objects = sorted(names.term(o) for o in properties[predicate])
        lines.append(f"{verb} " + f" ,\n{indent}        ".join(objects))
    return f"{indent}{names.term(subject)}\n{indent}    " + f" ;\n{indent}    ".join(lines) + " .\n"
