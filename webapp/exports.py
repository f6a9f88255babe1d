"""Downloads: /export/FORMAT for the whole graph, ?entity=IRI&depth=N for one entity's
neighbourhood, ?query=NAME for the result of an example query in ontology/queries.

The web takes example queries by name only, never SPARQL text: a query could otherwise make the
store fetch URLs (SERVICE, LOAD), which Oxigraph has no switch to refuse.
"""
from __future__ import annotations

import tempfile

from flask import Blueprint, abort, current_app, request, send_file

from graph import export, queries

bp = Blueprint("exports", __name__)

# An export is written whole before the response starts, so that a failure is an error page and
# not a truncated download; past this size it waits on disk rather than in memory.
SPOOL_BYTES = 8 << 20


@bp.get("/export/<fmt>")
def download(fmt: str):
    if fmt not in export.NAMES:
        abort(404, description=f"unknown format {fmt!r}: choose one of {', '.join(export.NAMES)}")
    args = request.args
    try:
        depth = args.get("depth")
        if depth is not None and not depth.isdigit():
            raise export.ExportError(f"depth {depth!r}: it counts links, 0 or more")
        query, name = None, "query"
        if "query" in args:
            examples = {e.name: e for e in queries.examples()}
            if args["query"] not in examples:
                raise export.ExportError(f"no example query named {args['query']!r}: "
                                         f"choose one of {', '.join(examples)}")
            query, name = examples[args["query"]].text, args["query"]
        prepared = export.prepare(current_app.config["STORE"], fmt, entity=args.get("entity"),
                                  depth=None if depth is None else int(depth), query=query, name=name)
    except export.ExportError as err:
        abort(400, description=str(err))
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)
    prepared.write(spool)
    spool.seek(0)
    return send_file(spool, mimetype=prepared.media_type, as_attachment=True,
                     download_name=prepared.filename)


@bp.app_context_processor
def download_links() -> dict:
    """What a template needs for a Download section: the formats and the example queries."""
    return {"export_formats": export.FORMATS, "export_queries": [e.name for e in queries.examples()]}
