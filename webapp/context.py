"""What every view needs: the app's Explorer, and the page of an entity."""
from __future__ import annotations

from flask import abort, current_app, url_for

from graph.entity import Entity
from graph.explore import Explorer
from graph.vocab import ID_NS


def explorer() -> Explorer:
    return current_app.extensions["explorer"]


def page_url(iri: str) -> str | None:
    """The entity's page on this server: its IRI's path, so that /id/... dereferences here too."""
    if not iri.startswith(ID_NS):
        return None
    return url_for("linked.entity", rest=iri[len(ID_NS):])


def known(iri: str | None) -> Entity:
    """The entity an IRI from a request names; 404 when the graph has no such entity."""
    found = explorer().entity(iri) if iri else None
    if found is None:
        abort(404, description=f"No entity {iri!r} in the graph." if iri else "No entity given.")
    return found


def path_url(source: str, target: str) -> str:
    """The page of the connections between two entities."""
    return url_for("pages.path", **{"from": source, "to": target})
