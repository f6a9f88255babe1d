"""/sparql: the SPARQL 1.1 Protocol for queries, the service description, and the query page.

A query comes by GET (?query=), by POST as a form (application/x-www-form-urlencoded) or by POST
as itself (application/sparql-query); default-graph-uri and named-graph-uri choose the dataset
from the store's graphs. The answer's format follows the Accept header (or a `format` parameter,
for links), from graph/formats.py. Asked without a query, the endpoint describes itself (SPARQL
1.1 Service Description) to machines and shows the query page to browsers.

Queries run through graph/endpoint.py: checked (no SERVICE, no update), time-limited, in worker
processes that keep the store open, one query at a time each, so the requests the server serves on
its threads never wait for each other. `atlas serve --query-timeout` sets the limit
(app.config["SPARQL_QUERY_TIMEOUT"]).
"""
from __future__ import annotations

import threading

from flask import Blueprint, Response, current_app, render_template, request, url_for
from pyoxigraph import BlankNode, Literal, NamedNode, Triple, serialize
from werkzeug.datastructures import MultiDict

from graph import endpoint, formats, queries
from graph.endpoint import EngineQueryService, Query, QueryService, service_for
from graph.vocab import ID_NS, PREFIXES, RDF_NS, RDFS_NS

blueprint = Blueprint("sparql", __name__)

MAX_REQUEST_BYTES = 256 * 1024  # a query, or a form with one; far more than any hand-written query
HTML_ROW_CAP = 500  # rows the query page draws; the downloads hold them all
HTML = "text/html"
READ_ONLY = "SPARQL Update is refused: this endpoint is read-only."
SD = "http://www.w3.org/ns/sparql-service-description#"
# Prefixes the query page completes, beyond the graph's own.
KNOWN_PREFIXES = {**PREFIXES, "owl": "http://www.w3.org/2002/07/owl#", "foaf": "http://xmlns.com/foaf/0.1/",
                  "dcterms": "http://purl.org/dc/terms/", "skos": "http://www.w3.org/2004/02/skos/core#",
                  "sd": SD, "wd": "http://www.wikidata.org/entity/", "wdt": "http://www.wikidata.org/prop/direct/"}
# Names clients put in `format` / `output` (SPARQLWrapper sends its own) that are not ours: each
# maps to format names, the first that suits the query's form wins ("xml" is RDF/XML for a graph).
FORMAT_ALIASES = {"xml": ("xml", "rdfxml"), "json": ("json", "jsonld"), "rdf": ("rdfxml",),
                  "rdf+xml": ("rdfxml",), "json-ld": ("jsonld",), "n3": ("turtle",), "n-triples": ("ntriples",)}
STATUS = ((endpoint.QuerySyntaxError, 400), (endpoint.InvalidRequest, 400), (endpoint.QueryRefused, 403),
          (endpoint.NotAcceptable, 406), (endpoint.OverLimit, 503), (endpoint.QueryError, 500))

_services_lock = threading.Lock()


class ProtocolError(Exception):
    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


@blueprint.route("/sparql", methods=["GET", "POST"])
def sparql():
    try:
        text, default_graphs, named_graphs = _protocol_request()
    except ProtocolError as err:
        return _error(err.status, err.message)
    explicit = _format_parameter()
    if not explicit and _wants_html():
        return _vary(Response(_page(text), mimetype=HTML))
    wanted = tuple(dict.fromkeys(explicit + _accepted()))
    if text is None:
        return _vary(_description(wanted))
    try:
        answer = _service().run(Query(text, wanted, default_graphs, named_graphs, base_iri=request.base_url))
    except endpoint.QueryError as err:
        return _error(next(status for kind, status in STATUS if isinstance(err, kind)), str(err))
    return _vary(Response(answer.body, content_type=answer.format.media_type))


def _protocol_request() -> tuple[str | None, tuple[str, ...] | None, tuple[str, ...] | None]:
    """The query (None if there is none), and the dataset the request gives, if it gives one."""
    if len(request.query_string) > MAX_REQUEST_BYTES:
        raise ProtocolError(414, f"The URL is longer than {MAX_REQUEST_BYTES // 1024} KiB; POST the query instead.")
    body = _body()
    if "update" in request.args or "update" in body:
        raise ProtocolError(403, READ_ONLY)
    found = request.args.getlist("query") + body.getlist("query")
    if len(found) > 1:
        raise ProtocolError(400, "The request holds more than one query; send one at a time.")
    default_graphs = request.args.getlist("default-graph-uri") + body.getlist("default-graph-uri")
    named_graphs = request.args.getlist("named-graph-uri") + body.getlist("named-graph-uri")
    if not default_graphs and not named_graphs:  # the query's FROM / FROM NAMED, or the whole store
        return (found or [None])[0], None, None
    return (found or [None])[0], tuple(default_graphs), tuple(named_graphs)


def _body() -> MultiDict:
    """A POST's parameters: the form's fields, or the query that is the whole body."""
    if request.method != "POST":
        return MultiDict()
    if request.content_length is not None and request.content_length > MAX_REQUEST_BYTES:
        raise ProtocolError(413, f"The request is larger than {MAX_REQUEST_BYTES // 1024} KiB.")
    request.max_content_length = MAX_REQUEST_BYTES  # a body sent without a length stops there too
    charset = request.mimetype_params.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise ProtocolError(415, f"SPARQL requests are UTF-8, not {charset}.")
    if request.mimetype == "application/x-www-form-urlencoded":
        return request.form
    if request.mimetype == "application/sparql-query":
        try:
            return MultiDict({"query": request.get_data(cache=False).decode("utf-8")})
        except UnicodeDecodeError:
            raise ProtocolError(400, "The query is not valid UTF-8.") from None
    if request.mimetype == "application/sparql-update":
        raise ProtocolError(403, READ_ONLY)
    raise ProtocolError(415, "POST a query as application/x-www-form-urlencoded (query=...) "
                             "or as application/sparql-query.")


def _format_parameter() -> list[str]:
    """Format names from `format` or `output`: a name, an alias, a media type or a file extension."""
    names: list[str] = []
    for value in request.values.getlist("format") + request.values.getlist("output"):
        value = value.strip().lower()
        names += FORMAT_ALIASES.get(value) or [
            f.name for f in formats.FORMATS if value in (f.name, f.extension, *f.media_types)]
    return names


def _accepted() -> list[str]:
    """Format names by the Accept header, best first; ties keep graph/formats.py's order."""
    accept = request.accept_mimetypes
    if not accept:  # no Accept header: anything will do
        return list(formats.NAMES)
    quality = {f.name: max(accept.quality(t) for t in f.media_types) for f in formats.FORMATS}
    return sorted((name for name in formats.NAMES if quality[name] > 0), key=lambda name: -quality[name])


def _wants_html() -> bool:
    """A browser: it prefers HTML to every format a query's answer comes in (*/* alone does not)."""
    accept = request.accept_mimetypes
    html = max(accept.quality(HTML), accept.quality("application/xhtml+xml"))
    return bool(accept) and html > max(accept.quality(t) for f in formats.FORMATS for t in f.media_types)


def _service() -> QueryService | EngineQueryService:
    """The app's query service, made on first use so that it sees the config `atlas serve` sets."""
    with _services_lock:
        service = current_app.extensions.get("sparql")
        if service is None:
            store = current_app.config["STORE"]
            timeout = current_app.config.get("SPARQL_QUERY_TIMEOUT", endpoint.DEFAULT_TIMEOUT)
            service = current_app.extensions["sparql"] = service_for(store, timeout=timeout)
        return service


def _error(status: int, message: str) -> Response:
    # Plain text, as SPARQL clients show it; the query page puts it next to the query.
    return _vary(Response(message.rstrip("\n") + "\n", status=status, mimetype="text/plain"))


def _vary(response: Response) -> Response:
    response.vary.add("Accept")
    return response


# --- the service description ----------------------------------------------------

def _description(wanted: tuple[str, ...]) -> Response:
    fmt = formats.choose("DESCRIBE", wanted)
    if fmt is None:
        offered = ", ".join(f.media_type for f in formats.FORMATS if f.kind == "graph")
        return _error(406, f"The service description can be sent as: {offered}.")
    body = serialize(service_description(request.base_url), format=fmt.oxigraph, prefixes={"sd": SD, "rdfs": RDFS_NS})
    return Response(body, content_type=fmt.media_type)


def service_description(endpoint_url: str) -> list[Triple]:
    """What the endpoint is and does (SPARQL 1.1 Service Description), as triples."""
    sd = {name: NamedNode(SD + name) for name in (
        "Service", "endpoint", "supportedLanguage", "SPARQL11Query", "resultFormat", "feature",
        "UnionDefaultGraph", "defaultDataset", "Dataset", "defaultGraph", "Graph", "namedGraph",
        "NamedGraph", "name")}
    a, label = NamedNode(RDF_NS + "type"), NamedNode(RDFS_NS + "label")
    service, dataset, default = BlankNode(), BlankNode(), BlankNode()
    triples = [
        Triple(service, a, sd["Service"]),
        Triple(service, label, Literal("Adaptation Atlas SPARQL endpoint (read-only)")),
        Triple(service, sd["endpoint"], NamedNode(endpoint_url)),
        Triple(service, sd["supportedLanguage"], sd["SPARQL11Query"]),
        *(Triple(service, sd["resultFormat"], NamedNode(f.w3c)) for f in formats.FORMATS),
        # The store keeps its default graph equal to the union of the review graphs.
        Triple(service, sd["feature"], sd["UnionDefaultGraph"]),
        Triple(service, sd["defaultDataset"], dataset),
        Triple(dataset, a, sd["Dataset"]),
        Triple(dataset, sd["defaultGraph"], default),
        Triple(default, a, sd["Graph"]),
    ]
    for graph in current_app.config["STORE"].named_graphs():
        named = BlankNode()
        triples += [Triple(dataset, sd["namedGraph"], named), Triple(named, a, sd["NamedGraph"]),
                    Triple(named, sd["name"], graph)]
    return triples


# --- the query page ---------------------------------------------------------------

def _page(text: str | None) -> str:
    """The page; with a query (from its URL), the page runs it as it opens."""
    examples = queries.examples()
    settings = {"endpoint": url_for("sparql.sparql"), "run": text is not None, "rowCap": HTML_ROW_CAP,
                # an entity's page is its IRI's path here (webapp/linked.py): ID_NS + rest -> /id/ + rest
                "idNamespace": ID_NS, "idPath": "/id/", "prefixes": KNOWN_PREFIXES,
                "downloads": [{"name": f.name, "label": f.label, "kind": f.kind, "extension": f.extension}
                              for f in formats.FORMATS]}
    return render_template("sparql.html", query=examples[0].text if text is None else text,
                           examples=examples, settings=settings,
                           # vis-network, where the app serves it (webapp/vendor.py), draws graph results
                           vis_network="vendor" in current_app.blueprints)
