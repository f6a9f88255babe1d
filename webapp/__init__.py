"""The explorer: a Flask app over the graph store."""
from __future__ import annotations

from flask import Flask, render_template

from graph import queries
from graph.store import Store

from . import exports


def create_app(store: Store) -> Flask:
    app = Flask(__name__)
    app.config["STORE"] = store
    app.register_blueprint(exports.bp)

    @app.get("/")
    def home():
        examples = {e.name: e for e in queries.examples()}
        people: dict[str, dict] = {}
        for row in queries.rows(store, examples["people-with-several-roles"].text):
            person = people.setdefault(row["person"], {"label": row["personLabel"], "roles": {}})
            role = row["role"].rsplit("#", 1)[-1]
            person["roles"].setdefault(role, []).append(row["workLabel"])
        return render_template(
            "home.html", counts=queries.counts(store), people=people.values(),
            adaptations=queries.rows(store, examples["adaptations"].text))

    return app
