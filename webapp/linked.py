"""Linked data: an entity's IRI answers HTML to browsers and RDF to machines, by the Accept header.

https://w3id.org/adaptation-atlas/id/... is meant to redirect to this app's /id/...; a ?format=
parameter (ttl, jsonld, nt, rdf) picks a format where a link cannot set the header.
"""
from __future__ import annotations

from flask import Blueprint, Response, abort, request
from pyoxigraph import RdfFormat

from graph.vocab import ID_NS

from .context import explorer
from .pages import entity_page

bp = Blueprint("linked", __name__)

HTML = "text/html"
RDF_TYPES = {"text/turtle": RdfFormat.TURTLE, "application/ld+json": RdfFormat.JSON_LD,
             "application/n-triples": RdfFormat.N_TRIPLES, "application/rdf+xml": RdfFormat.RDF_XML}
FORMAT_PARAMETER = {"ttl": "text/turtle", "jsonld": "application/ld+json", "nt": "application/n-triples",
                    "rdf": "application/rdf+xml", "html": HTML}


def _chosen_type() -> str:
    if "format" in request.args:
        chosen = FORMAT_PARAMETER.get(request.args["format"])
        if chosen is None:
            abort(400, description=f"format must be one of {', '.join(FORMAT_PARAMETER)}")
        return chosen
    if not request.accept_mimetypes:  # no Accept header: anything will do (RFC 9110)
        return HTML
    # HTML first: a client that takes anything (*/*) gets the page.
    chosen = request.accept_mimetypes.best_match([HTML, *RDF_TYPES])
    if chosen is None:
        abort(406, description=f"this resource is available as {', '.join([HTML, *RDF_TYPES])}")
    return chosen


@bp.get("/id/<path:rest>")
def entity(rest: str):
    iri = ID_NS + rest
    chosen = _chosen_type()
    if not explorer().exists(iri):
        abort(404, description=f"No entity {iri!r} in the graph.")
    if chosen == HTML:
        response = Response(entity_page(iri), mimetype=HTML)
    else:
        response = Response(explorer().describe(iri, RDF_TYPES[chosen]), mimetype=chosen)
    response.vary.add("Accept")
    return response
