"""The pipeline: review files -> extraction -> resolution -> RDF -> the store."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from . import queries
from .extract import extract
from .rdf import review_quads
from .read import ReadError, find_reviews, read_review
from .resolve import Resolver, review_iri
from .store import Store


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # one line per file, naming it


def ingest(store: Store, paths: list[Path],
           progress: Callable[[list[Path]], list[Path]] = lambda files: files) -> IngestReport:
    """Ingest review files; each review's graph is replaced whole or not at all."""
    report = IngestReport()
    files = find_reviews(paths)
    resolver = Resolver(queries.known_works(store), queries.known_labels(store))
    hashes = queries.review_hashes(store)
    seen: dict[str, Path] = {}
    for path in progress(files):
        try:
            review = read_review(path)
            if review.id in seen:
                raise ReadError(f"{path}: same review name as {seen[review.id]}; rename one of them")
            seen[review.id] = path
            graph = review_iri(review.id)
            old = hashes.get(graph.value)
            if old == review.sha256:
                report.unchanged.append(review.id)
                continue
            store.replace_graph(graph, review_quads(review, extract(review), resolver))
            (report.replaced if old else report.added).append(review.id)
        except ReadError as err:
            report.failed.append(str(err))
    store.flush()
    return report
