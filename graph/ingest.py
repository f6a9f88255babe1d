"""The pipeline: review files -> extraction -> resolution -> RDF -> the store."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from . import queries
from .extract import extract
from .rdf import review_quads
from .read import ReadError, Review, find_reviews, read_review
from .resolve import Resolver, review_iri
from .store import Store


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # one line per file, naming it


def ingest(store: Store, paths: list[Path],
           progress: Callable[[list[Review]], Iterable[Review]] = lambda reviews: reviews) -> IngestReport:
    """Ingest review files; each review's graph is replaced whole or not at all."""
    report = IngestReport()
    files: list[Path] = []
    for path in paths:  # a missing path fails alone; the rest of the batch still goes in
        try:
            files.extend(find_reviews([path]))
        except ReadError as err:
            report.failed.append(str(err))
    hashes = queries.review_hashes(store)
    changed: list[Review] = []
    seen: dict[str, Path] = {}
    for path in files:
        try:
            review = read_review(path)
            if review.id in seen:
                raise ReadError(f"{path}: same review name as {seen[review.id]}; rename one of them")
            seen[review.id] = path
        except ReadError as err:
            report.failed.append(str(err))
            continue
        if hashes.get(review_iri(review.id).value) == review.sha256:
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
        (report.replaced if graph.value in hashes else report.added).append(review.id)
    store.flush()
    return report
