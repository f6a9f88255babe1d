"""The pipeline: review files -> extraction -> resolution -> RDF -> the store."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from pyoxigraph import NamedNode

from . import queries
from .extract import extract
from .rdf import review_quads
from .read import ReadError, Review, find_reviews, read_file
from .resolve import Resolver, review_iri
from .store import Store


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # one line per file, naming it


def ingest(store: Store, paths: list[Path], prune: bool = False,
           progress: Callable[[list[Review]], Iterable[Review]] = lambda reviews: reviews) -> IngestReport:
    """Ingest review files; each review's graph is replaced whole or not at all.

    An unchanged review (same content hash) is not extracted again. With `prune`, reviews
    whose source file is gone are dropped from the store.
    """
    report = IngestReport()
    files: list[Path] = []
    for path in paths:  # a missing path fails alone; the rest of the batch still goes in
        try:
            files.extend(find_reviews([path]))
        except ReadError as err:
            report.failed.append(str(err))
    known = queries.review_sources(store)
    changed: list[Review] = []
    seen: dict[str, Path] = {}
    for path in files:
        try:
            reviews = read_file(path)
        except ReadError as err:
            report.failed.append(str(err))
            continue
        for review in reviews:
            if review.id in seen:
                report.failed.append(f"{path}: same review name '{review.id}' as in {seen[review.id]}; "
                                     "rename one of them")
                continue
            seen[review.id] = path
            old = known.get(review_iri(review.id).value)
            if old and old[0] == review.sha256:
                report.unchanged.append(review.id)
            else:
                changed.append(review)
    # A changed review is resolved against the graph without its own old version: else a
    # corrected year would make its work a remake of itself, and a corrected name keep the old label.
    stale = {review_iri(review.id).value for review in changed}
    resolver = Resolver(queries.known_works(store, excluding=stale),
                        queries.known_labels(store, excluding=stale))
    for review in progress(changed):
        graph = review_iri(review.id)
        store.replace_graph(graph, review_quads(review, extract(review), resolver))
        (report.replaced if graph.value in known else report.added).append(review.id)
    if prune:
        for graph, (_, source) in known.items():
            if not Path(source).exists():
                store.drop_graph(NamedNode(graph))
                report.pruned.append(graph.rsplit("/", 1)[-1])
    store.flush()
    return report
