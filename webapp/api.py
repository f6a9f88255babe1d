"""The JSON API: search, paths, neighbourhood pictures, and what changed in an adaptation."""
from __future__ import annotations

from flask import Blueprint, abort, jsonify, request

from .context import explorer, known, page_url
from .pages import picture_request

bp = Blueprint("api", __name__, url_prefix="/api")


def _json(entity) -> dict:
    return {**entity.to_json(), "url": page_url(entity.iri)}


@bp.get("/search")
def search():
    """?q=TEXT -> [{iri, label, type, url, description}], best matches first."""
    q = request.args.get("q", "")
    if len(q) > 200:
        abort(400, description="search text longer than 200 characters")
    limit = max(1, min(request.args.get("limit", default=10, type=int), 50))
    return jsonify([_json(e) for e in explorer().search(q, limit=limit)])


@bp.get("/path")
def path():
    """?from=IRI&to=IRI -> {from, to, paths: [{length, sentence, steps: [{from, relation, to}]}]}."""
    source, target = known(request.args.get("from")), known(request.args.get("to"))
    found = explorer().paths(source.iri, target.iri)
    return jsonify({"from": _json(source), "to": _json(target),
                    "paths": [_with_urls(p.to_json()) for p in found]})


def _with_urls(path: dict) -> dict:
    for step in path["steps"]:
        for end in (step["from"], step["to"]):
            end["url"] = page_url(end["iri"])
    return path


@bp.get("/neighbourhood")
def neighbourhood():
    """?iri=IRI&depth=1|2&relation=R... -> vis-network data: nodes, edges, options, legend, capped."""
    entity = known(request.args.get("iri"))
    depth, relations = picture_request()
    return jsonify(explorer().picture(entity.iri, depth, relations, page_url))


@bp.get("/differences")
def differences():
    """?iri=IRI -> {entity, verdicts: {page, screen, both, neither, undecided, reviews}, differences:
    [{iri, kind, spoiler, adaptation, source, characters, elements, review, passages}]}: the
    differences about an adaptation, a character or in a review, and an adaptation's verdicts."""
    entity = known(request.args.get("iri"))
    x = explorer()
    return jsonify({"entity": _json(entity), "verdicts": x.tally(entity.iri).to_json(),
                    "differences": [d.to_json(page_url) for d in x.differences(entity.iri)]})
