"""The explorer's HTML pages: home, search results, entity pages, reviews and connections."""
from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request

from graph import changes, picture
from graph.network import COLOURS, RELATION_LABELS

from .context import explorer, known, page_url

bp = Blueprint("pages", __name__)

DEPTHS = (1, 2)
SCREEN_KINDS = ("Film", "TVSeries")  # an adaptation's page tells what changed and which version reviews prefer


def picture_request() -> tuple[int, set[str] | None]:
    """The depth and relations a neighbourhood picture is asked for (?depth=2&relation=author...)."""
    depth = request.args.get("depth", "1")
    if depth not in {str(d) for d in DEPTHS}:
        abort(400, description=f"depth must be one of {', '.join(map(str, DEPTHS))}")
    relations = set(request.args.getlist("relation"))
    unknown = relations - set(RELATION_LABELS)
    if unknown:
        abort(400, description=f"unknown relation {sorted(unknown)[0]!r}")
    return int(depth), relations or None


@bp.get("/")
def home():
    return render_template("home.html", home=explorer().home)


@bp.get("/book-or-film")
def book_or_film():
    """Adaptations and the people who directed or wrote them, ranked by their reviews' verdicts."""
    return render_template("book-or-film.html", ranking=explorer().book_or_film)


@bp.get("/search")
def search():
    """Search without JavaScript: the search box's form lands here."""
    q = request.args.get("q", "")[:200]
    return render_template("search.html", q=q, results=explorer().search(q, limit=50) if q.strip() else [])


@bp.get("/path")
def path():
    """How two entities are connected: ranked paths, each a sentence and a drawing."""
    source, target = known(request.args.get("from")), known(request.args.get("to"))
    found = explorer().paths(source.iri, target.iri)
    return render_template("path.html", source=source, target=target, paths=found,
                           picture=picture.paths_picture(found, page_url) if found else None,
                           relation_labels=RELATION_LABELS)


@bp.get("/kinds.css")
def kinds_css():
    """Each kind's colour as a CSS variable (.kind-Film { --kind: ... }), from the same table the
    graph pictures use: links, swatches and highlights match the nodes."""
    rules = "".join(f".kind-{kind} {{ --kind: {colour}; }}\n" for kind, colour in COLOURS.items())
    return Response(rules, mimetype="text/css")


def explained(x, iri: str):
    """The extractor's reading of the sentence a review page is asked to explain (?explain=OFFSET)."""
    at = request.args.get("explain")
    if at is None:
        return None
    if not at.isdigit():
        abort(400, description="explain takes the offset of a sentence in the review's text")
    found = x.explanation(iri, int(at))
    if found is None:
        abort(404, description=f"no sentence of this review starts at offset {at}")
    return found


def what_changed(x, e) -> dict:
    """An adaptation's differences by kind and its verdict tally; a character's differences."""
    if e.kind in SCREEN_KINDS:
        return {"kinds": changes.by_kind(x.differences(e.iri)), "tally": x.tally(e.iri)}
    if e.kind == "Character":
        return {"differences": x.differences(e.iri)}
    return {}


def entity_page(iri: str):
    """The HTML page of an entity (the /id/... URL answers it to browsers)."""
    x = explorer()
    e = x.entity(iri)
    if e is None or e.kind == "Difference":  # a record (performance, evidence, difference): its description
        return render_template("resource.html", iri=iri, triples=x.properties(iri))
    if e.kind == "Review":
        review = x.review(iri)
        kinds = {p.entity.kind for b in review.blocks for p in b.pieces if p.entity}
        return render_template("review.html", entity=e, review=review, sections=x.sections(iri),
                               legend=picture.legend(kinds), explained=explained(x, iri))
    depth, relations = picture_request()
    return render_template(
        "entity.html", entity=e, sections=x.sections(iri), items=x.wikidata(iri), depth=depth, relations=relations,
        picture=x.picture(iri, depth, relations, page_url), relation_labels=RELATION_LABELS,
        suggestions=x.suggestions(iri), **what_changed(x, e))
