"""The explorer: a Flask app over a read-only graph store (see graph.explore)."""
from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from graph.explore import Explorer
from graph.store import GraphStore

from . import api, linked, pages, vendor
from . import exports
from .context import page_url, path_url
from .live import LiveStore

# No request may leave the app's origin: every script, style and image is served here.
# Styles set by scripts (vis-network's canvas and tooltips) are CSSOM and allowed by style-src 'self'.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; "
                               "base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",  # frame-ancestors for browsers that predate it
    "Referrer-Policy": "same-origin",
}
# The largest request body taken (the server answers 413 beyond it before reading it, webapp/server.py):
# the explorer takes no uploads, and /sparql's own limit on a query is lower (webapp/sparql.py).
MAX_CONTENT_LENGTH = 1 * 2**20


def create_app(store: GraphStore) -> Flask:
    """The explorer over `store`, opened read-only: the explorer caches what it reads, and serves
    it again when the store's version changes."""
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = MAX_CONTENT_LENGTH
    app.register_blueprint(exports.bp)
    from .sparql import blueprint as sparql; app.register_blueprint(sparql)  # /sparql: endpoint and query page

    def serve(snapshot: GraphStore) -> None:
        app.config["STORE"] = snapshot
        app.extensions["explorer"] = Explorer(snapshot)

    serve(store)
    if store.read_only:  # `atlas ingest` may write the store meanwhile: serve what it wrote (webapp/live.py)
        app.before_request(LiveStore(store, serve).check)
    for blueprint in (pages.bp, api.bp, linked.bp, vendor.bp):
        app.register_blueprint(blueprint)
    app.jinja_env.globals.update(page_url=page_url, path_url=path_url)

    @app.errorhandler(HTTPException)
    def error(err: HTTPException):
        """Errors as JSON for the API, as a page for people."""
        if request.path.startswith("/api/"):
            return jsonify({"error": err.description, "status": err.code}), err.code
        return render_template("error.html", error=err), err.code

    @app.after_request
    def secure(response):
        for header, value in SECURITY_HEADERS.items():
            response.headers.setdefault(header, value)
        return response

    return app
