"""Every IRI the code writes or queries. tests/test_vocab.py checks it against ontology/atlas.ttl."""
from __future__ import annotations

from pathlib import Path

from pyoxigraph import NamedNode

ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"
ONTOLOGY_FILE = ONTOLOGY_DIR / "atlas.ttl"
SHAPES_FILE = ONTOLOGY_DIR / "shapes.ttl"
CONTEXT_FILE = ONTOLOGY_DIR / "context.jsonld"
QUERY_DIR = ONTOLOGY_DIR / "queries"

ATLAS_NS = "https://w3id.org/adaptation-atlas/ontology#"
ID_NS = "https://w3id.org/adaptation-atlas/id/"
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS_NS = "http://www.w3.org/2000/01/rdf-schema#"
XSD_NS = "http://www.w3.org/2001/XMLSchema#"
SCHEMA_NS = "https://schema.org/"
WIKIDATA_NS = "http://www.wikidata.org/entity/"
# A graph that nothing writes: the default graph of a query whose dataset names none (graph/remote.py).
EMPTY_GRAPH = ID_NS + "graph/empty"
# Where an engine whose default graph cannot be the union of the named graphs (Virtuoso's is every
# graph it holds) keeps that union: the default graph of every query (graph/virtuoso.py).
UNION_GRAPH = ID_NS + "graph/union"

PREFIXES = {"atlas": ATLAS_NS, "id": ID_NS, "rdf": RDF_NS, "rdfs": RDFS_NS, "xsd": XSD_NS,
            "schema": SCHEMA_NS, "skos": "http://www.w3.org/2004/02/skos/core#", "prov": "http://www.w3.org/ns/prov#"}
# A prefix for each kind of entity, so that a readable Turtle export writes person:alex-garland
# where id: would need id:person\/alex-garland (graph/turtle.py).
ENTITY_PREFIXES = {kind: f"{ID_NS}{kind}/" for kind in
                   ("work", "person", "character", "performance", "review", "difference", "passage", "evidence", "source")}


class ATLAS:
    # Classes
    Work = NamedNode(ATLAS_NS + "Work")
    Book = NamedNode(ATLAS_NS + "Book")
    Novel = NamedNode(ATLAS_NS + "Novel")
    ShortStory = NamedNode(ATLAS_NS + "ShortStory")
    Comic = NamedNode(ATLAS_NS + "Comic")
    Memoir = NamedNode(ATLAS_NS + "Memoir")
    NonFictionBook = NamedNode(ATLAS_NS + "NonFictionBook")
    Film = NamedNode(ATLAS_NS + "Film")
    TVSeries = NamedNode(ATLAS_NS + "TVSeries")
    Person = NamedNode(ATLAS_NS + "Person")
    Character = NamedNode(ATLAS_NS + "Character")
    Performance = NamedNode(ATLAS_NS + "Performance")
    Review = NamedNode(ATLAS_NS + "Review")
    Evidence = NamedNode(ATLAS_NS + "Evidence")
    CatalogSource = NamedNode(ATLAS_NS + "CatalogSource")
    Difference = NamedNode(ATLAS_NS + "Difference")
    Passage = NamedNode(ATLAS_NS + "Passage")
    DifferenceKind = NamedNode(ATLAS_NS + "DifferenceKind")
    # Individuals: the kinds of difference
    Omitted = NamedNode(ATLAS_NS + "Omitted")
    Added = NamedNode(ATLAS_NS + "Added")
    Changed = NamedNode(ATLAS_NS + "Changed")
    Merged = NamedNode(ATLAS_NS + "Merged")
    Moved = NamedNode(ATLAS_NS + "Moved")
    Softened = NamedNode(ATLAS_NS + "Softened")
    Darkened = NamedNode(ATLAS_NS + "Darkened")
    Faithful = NamedNode(ATLAS_NS + "Faithful")
    # Properties
    year = NamedNode(ATLAS_NS + "year")
    adaptationOf = NamedNode(ATLAS_NS + "adaptationOf")
    creator = NamedNode(ATLAS_NS + "creator")
    author = NamedNode(ATLAS_NS + "author")
    director = NamedNode(ATLAS_NS + "director")
    screenwriter = NamedNode(ATLAS_NS + "screenwriter")
    castMember = NamedNode(ATLAS_NS + "castMember")
    character = NamedNode(ATLAS_NS + "character")
    performance = NamedNode(ATLAS_NS + "performance")
    performer = NamedNode(ATLAS_NS + "performer")
    characterRole = NamedNode(ATLAS_NS + "characterRole")
    reviewOf = NamedNode(ATLAS_NS + "reviewOf")
    prefers = NamedNode(ATLAS_NS + "prefers")
    sourceFile = NamedNode(ATLAS_NS + "sourceFile")
    contentHash = NamedNode(ATLAS_NS + "contentHash")
    curationHash = NamedNode(ATLAS_NS + "curationHash")
    builderHash = NamedNode(ATLAS_NS + "builderHash")
    text = NamedNode(ATLAS_NS + "text")
    emphasis = NamedNode(ATLAS_NS + "emphasis")
    fromReview = NamedNode(ATLAS_NS + "fromReview")
    sentence = NamedNode(ATLAS_NS + "sentence")
    start = NamedNode(ATLAS_NS + "start")
    end = NamedNode(ATLAS_NS + "end")
    rule = NamedNode(ATLAS_NS + "rule")
    confidence = NamedNode(ATLAS_NS + "confidence")
    format = NamedNode(ATLAS_NS + "format")
    mapping = NamedNode(ATLAS_NS + "mapping")
    rowCount = NamedNode(ATLAS_NS + "rowCount")
    skippedRows = NamedNode(ATLAS_NS + "skippedRows")
    adaptation = NamedNode(ATLAS_NS + "adaptation")
    comparedWith = NamedNode(ATLAS_NS + "comparedWith")
    differenceKind = NamedNode(ATLAS_NS + "differenceKind")
    concerns = NamedNode(ATLAS_NS + "concerns")
    element = NamedNode(ATLAS_NS + "element")
    spoiler = NamedNode(ATLAS_NS + "spoiler")
    passage = NamedNode(ATLAS_NS + "passage")
    verdictSide = NamedNode(ATLAS_NS + "verdictSide")
    bookScore = NamedNode(ATLAS_NS + "bookScore")
    screenScore = NamedNode(ATLAS_NS + "screenScore")
    spoilerWarning = NamedNode(ATLAS_NS + "spoilerWarning")


# What a review says an adaptation did (graph.facts.DIFFERENCE_KINDS), as atlas:DifferenceKind individuals.
DIFFERENCE_KIND = {kind: getattr(ATLAS, kind.capitalize()) for kind in
                   ("omitted", "added", "changed", "merged", "moved", "softened", "darkened", "faithful")}


class SKOS:
    altLabel = NamedNode("http://www.w3.org/2004/02/skos/core#altLabel")


class OWL:
    sameAs = NamedNode("http://www.w3.org/2002/07/owl#sameAs")


def wikidata_item(qid: str) -> NamedNode:
    """Q42 -> wd:Q42, the object of an entity's owl:sameAs."""
    return NamedNode(WIKIDATA_NS + qid)


class PROV:
    Entity = NamedNode("http://www.w3.org/ns/prov#Entity")
    wasDerivedFrom = NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
    generatedAtTime = NamedNode("http://www.w3.org/ns/prov#generatedAtTime")


class SCHEMA:
    url = NamedNode(SCHEMA_NS + "url")
    datePublished = NamedNode(SCHEMA_NS + "datePublished")
    keywords = NamedNode(SCHEMA_NS + "keywords")


class RDF:
    type = NamedNode(RDF_NS + "type")
    subject = NamedNode(RDF_NS + "subject")
    predicate = NamedNode(RDF_NS + "predicate")
    object = NamedNode(RDF_NS + "object")


class RDFS:
    label = NamedNode(RDFS_NS + "label")


class XSD:
    boolean = NamedNode(XSD_NS + "boolean")
    integer = NamedNode(XSD_NS + "integer")
    date = NamedNode(XSD_NS + "date")
    decimal = NamedNode(XSD_NS + "decimal")
    dateTime = NamedNode(XSD_NS + "dateTime")


# The kinds extraction speaks of (graph.facts.KINDS) and their classes.
KIND_CLASS = {
    "novel": ATLAS.Novel, "book": ATLAS.Book, "short_story": ATLAS.ShortStory,
    "comic": ATLAS.Comic, "memoir": ATLAS.Memoir, "nonfiction_book": ATLAS.NonFictionBook,
    "film": ATLAS.Film, "tv_series": ATLAS.TVSeries,
}
ROLE_PROPERTY = {"author": ATLAS.author, "director": ATLAS.director,
                 "screenwriter": ATLAS.screenwriter}
