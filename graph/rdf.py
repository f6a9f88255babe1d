"""One review's extraction as RDF quads in the review's own named graph."""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from pyoxigraph import Literal, NamedNode, Quad

from .facts import Evidence, Extraction, medium, norm
from .nlp import MODEL_PACKAGE
from .read import Review
from .resolve import Resolver, entity_iri, evidence_iri, review_iri
from .vocab import ATLAS, DIFFERENCE_KIND, ENTITY_PREFIXES, KIND_CLASS, OWL, RDF, RDFS, ROLE_PROPERTY, SCHEMA, SKOS, XSD, wikidata_item


def review_quads(review: Review, extraction: Extraction, resolver: Resolver,
                 curation_digest: str = "") -> list[Quad]:
    graph = review_iri(review.id)
    quads: list[Quad] = []

    def add(s, p, o) -> None:
        quads.append(Quad(s, p, o, graph))

    def fact(s, p, o, ev: Evidence) -> None:
        add(s, p, o)
        e = evidence_iri(review.id, s, p, o)
        add(e, RDF.type, ATLAS.Evidence)
        add(e, RDF.subject, s)
        add(e, RDF.predicate, p)
        add(e, RDF.object, o)
        add(e, ATLAS.fromReview, graph)
        add(e, ATLAS.sentence, Literal(ev.sentence))
        add(e, ATLAS.start, Literal(ev.start))
        add(e, ATLAS.end, Literal(ev.end))
        add(e, ATLAS.rule, Literal(ev.rule))
        add(e, ATLAS.confidence, Literal(f"{ev.confidence:.2f}", datatype=XSD.decimal))

    def labelled(iri: NamedNode, cls: NamedNode, label: str) -> NamedNode:
        add(iri, RDF.type, cls)
        add(iri, RDFS.label, Literal(resolver.label(iri, label)))
        return iri

    works: dict[int, NamedNode] = {}

    def work(w) -> NamedNode:
        if id(w) not in works:
            iri = works[id(w)] = resolver.work(w)
            labelled(iri, ATLAS.Work, w.title)
            add(iri, RDF.type, KIND_CLASS[w.kind])
            if w.year:
                add(iri, ATLAS.year, Literal(w.year))
            linked(iri, w.ref)
        return works[id(w)]

    def person(name: str) -> NamedNode:
        iri = labelled(resolver.person(name), ATLAS.Person, name)
        if resolver.label(iri, name) != name:
            add(iri, SKOS.altLabel, Literal(name))  # the variant this review wrote, kept on record
        linked(iri, name)
        return iri

    def linked(iri: NamedNode, key: str) -> None:
        if key in extraction.wikidata:
            add(iri, OWL.sameAs, wikidata_item(extraction.wikidata[key]))

    labelled(graph, ATLAS.Review, review.title)
    for variant, name in extraction.aliases:
        add(person(name), SKOS.altLabel, Literal(variant))
    add(graph, ATLAS.sourceFile, Literal(str(review.path.resolve())))
    if review.url:
        add(graph, SCHEMA.url, Literal(review.url))
    if review.date and re.fullmatch(r"\d{4}-\d{2}-\d{2}", review.date):
        add(graph, SCHEMA.datePublished, Literal(review.date, datatype=XSD.date))
    for tag in review.tags:
        add(graph, SCHEMA.keywords, Literal(tag))
    add(graph, ATLAS.contentHash, Literal(review.sha256))
    if curation_digest:
        add(graph, ATLAS.curationHash, Literal(curation_digest))
    add(graph, ATLAS.builderHash, Literal(builder_hash()))
    add(graph, ATLAS.text, Literal(review.text))
    for phrase in review.emphasis:
        add(graph, ATLAS.emphasis, Literal(phrase))
    for w in extraction.reviewed:
        add(graph, ATLAS.reviewOf, work(w))
    for w in extraction.works:
        work(w)
    if extraction.verdict:
        preferred, evidence = extraction.verdict
        fact(graph, ATLAS.prefers, work(preferred), evidence)
    add(graph, ATLAS.verdictSide, Literal(extraction.side))
    for side, prop in (("page", ATLAS.bookScore), ("screen", ATLAS.screenScore)):
        if side in extraction.scores:
            add(graph, prop, Literal(extraction.scores[side]))
    add(graph, ATLAS.spoilerWarning, Literal(extraction.spoiler_warning))

    sources = {}  # adaptation key -> its source work, for naming characters
    for a in extraction.adaptations:
        fact(work(a.adaptation), ATLAS.adaptationOf, work(a.source), a.evidence)
        sources[(norm(a.adaptation.title), medium(a.adaptation.kind))] = a.source
    for c in extraction.credits:
        fact(work(c.work), ROLE_PROPERTY[c.role], person(c.person), c.evidence)
    for c in extraction.cast:
        film = work(c.work)
        actor = person(c.actor)
        fact(film, ATLAS.castMember, actor, c.evidence)
        if not c.character:
            continue
        source = sources.get((norm(c.work.title), medium(c.work.kind)))
        story = source.title if source else c.work.title
        character = labelled(resolver.character(c.character, story), ATLAS.Character, c.character)
        fact(film, ATLAS.character, character, c.evidence)
        if source is not None:
            fact(work(source), ATLAS.character, character, c.evidence)
        performance = entity_iri("performance", film.value.rsplit("/", 1)[-1], c.actor, c.character)
        add(performance, RDF.type, ATLAS.Performance)
        add(film, ATLAS.performance, performance)
        add(performance, ATLAS.performer, actor)
        fact(performance, ATLAS.characterRole, character, c.evidence)
    for n, d in enumerate(extraction.differences):
        node = NamedNode(f"{ENTITY_PREFIXES['difference']}{review.id}--{n + 1}")
        add(node, RDF.type, ATLAS.Difference)
        add(node, ATLAS.adaptation, work(d.adaptation))
        add(node, ATLAS.comparedWith, work(d.source))
        add(node, ATLAS.differenceKind, DIFFERENCE_KIND[d.kind])
        add(node, ATLAS.spoiler, Literal(d.spoiler))
        add(node, ATLAS.fromReview, graph)
        characters = {q.subject for q in quads if q.predicate == RDF.type and q.object == ATLAS.Character}
        for name in d.concerns:
            # A character the review casts is its node; anything else ("the ending", a place) is named.
            iri = entity_iri("character", name, d.source.title)
            add(node, *((ATLAS.concerns, iri) if iri in characters else (ATLAS.element, Literal(name))))
        for k, ev in enumerate(d.evidence):
            passage = NamedNode(f"{ENTITY_PREFIXES['passage']}{review.id}--{n + 1}--{k + 1}")
            add(passage, RDF.type, ATLAS.Passage)
            add(node, ATLAS.passage, passage)
            add(passage, ATLAS.sentence, Literal(ev.sentence))
            add(passage, ATLAS.start, Literal(ev.start))
            add(passage, ATLAS.end, Literal(ev.end))
    return quads


# The modules that make a review's graph from its file (extract/ with every module in it), and the data they read.
_BUILDERS = ("read", "nlp", "extract", "facts", "curation", "gazetteer", "resolve", "rdf", "vocab")
_DATA = ("data/gazetteer.json.gz",)


@lru_cache(maxsize=1)
def builder_hash() -> str:
    """SHA-256 of the code, the data and the spaCy model that make a review's graph: a review that a
    former version read is read again, so an upgrade's better extraction reaches every review."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for name in _BUILDERS:
        for path in sorted((here / name).rglob("*.py")) if (here / name).is_dir() else [here / f"{name}.py"]:
            digest.update(path.read_bytes())
    for name in _DATA:
        digest.update((here / name).read_bytes())
    digest.update(f"{MODEL_PACKAGE} {metadata.version(MODEL_PACKAGE)} spacy {metadata.version('spacy')}".encode())
    return digest.hexdigest()
