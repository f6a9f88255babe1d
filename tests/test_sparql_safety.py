"""The endpoint cannot be made a door: SERVICE, LOAD and updates are refused before anything runs
and no connection leaves the machine (a listening socket counts them); a query runs out of time
with a clear error while other queries go on; result size, memory and concurrency are bounded.
The same rules hold for `atlas query`."""
from __future__ import annotations

import gc
import json
import os
import signal
import socket
import threading
import time
import urllib.parse

import psutil
import pyoxigraph
import pytest
from pyoxigraph import Literal, NamedNode, Quad, Triple

from conftest import atlas
from graph import endpoint, safety
from graph.endpoint import Query, QueryService
from graph.store import Store
from sparql_servers import build_store, send, serving

# Never-ending: three copies of every triple side by side (SLOW_TRIPLES ** 3 rows to count).
LONG_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
SLOW_TRIPLES = 3000
TIMEOUT = 2.0


# --- what the check refuses and lets through ---------------------------------------------

SERVICE_FORMS = {
    "plain": "SELECT * WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    "silent": "SELECT * WHERE { SERVICE SILENT <{url}> { ?s ?p ?o } }",
    "prefixed": "PREFIX remote: <{url}> SELECT * WHERE { SERVICE remote:sparql { ?s ?p ?o } }",
    "variable": "SELECT * WHERE { VALUES ?where { <{url}> } SERVICE ?where { ?s ?p ?o } }",
    "lower case": "select * where { service <{url}> { ?s ?p ?o } }",
    "unicode escape": "SELECT * WHERE { \\u0053ERVICE <{url}> { ?s ?p ?o } }",
    "in optional": "SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE <{url}> { ?s ?p ?x } } }",
    "in exists": "SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <{url}> { ?s ?p ?x } } }",
    "in bind": "SELECT * WHERE { BIND(EXISTS { SERVICE <{url}> {} } AS ?b) }",
    "in subquery": "SELECT * WHERE { { SELECT ?s WHERE { GRAPH ?g { SERVICE <{url}> { ?s ?p ?o } } } } }",
    "in minus": "SELECT * WHERE { ?s ?p ?o MINUS { SERVICE <{url}> { ?s ?p ?o } } }",
    "in union": "ASK { { ?s ?p ?o } UNION { SERVICE <{url}> { ?s ?p ?o } } }",
    "in construct": "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <{url}> { ?s ?p ?o } }",
    "in describe": "DESCRIBE ?s WHERE { SERVICE <{url}> { ?s ?p ?o } }",
}
UPDATES = {
    "load": "LOAD <{url}>",
    "load silent into": "LOAD SILENT <{url}> INTO GRAPH <http://example.org/g>",
    "insert data": "INSERT DATA { <http://example.org/s> <http://example.org/p> 1 }",
    "delete where": "DELETE WHERE { ?s ?p ?o }",
    "clear": "CLEAR ALL",
    "drop": "DROP DEFAULT",
    "copy": "COPY DEFAULT TO <http://example.org/g>",
    "two operations": "CLEAR SILENT GRAPH <http://example.org/g> ; LOAD <{url}>",
}
ALLOWED = [
    "SELECT * WHERE { ?s ?p 'SERVICE <http://x/> {}' }",
    'SELECT * WHERE { ?s ?p """a SERVICE\nin a long string""" }',
    "SELECT ?service ?1service WHERE { ?service <http://example.org/SERVICE> ?1service }",
    "PREFIX service: <http://example.org/> PREFIX : <http://example.org/> SELECT * WHERE { ?s service:x :SERVICE }",
    "# SERVICE <http://x/> in a comment\nASK {}",
    "SELECT * WHERE { ?s ?p ?o FILTER(?o<?p) }",
]


@pytest.mark.parametrize("form", SERVICE_FORMS)
def test_service_is_refused_in_every_form(form):
    with pytest.raises(safety.QueryRefused, match="SERVICE"):
        safety.check(SERVICE_FORMS[form].replace("{url}", "http://127.0.0.1:9/sparql"))


@pytest.mark.parametrize("form", UPDATES)
def test_updates_are_refused(form):
    with pytest.raises(safety.QueryRefused, match="Update"):
        safety.check(UPDATES[form].replace("{url}", "http://127.0.0.1:9/data.ttl"))


@pytest.mark.parametrize("text", ALLOWED)
def test_look_alikes_are_let_through(text):
    assert safety.check(text).form in ("SELECT", "ASK")
    assert not safety._service_keyword(text)


def test_the_lexical_check_finds_service_on_its_own():
    """The second check, which does not trust either parser, finds the keyword by itself."""
    for text in SERVICE_FORMS.values():
        assert safety._service_keyword(text.replace("{url}", "http://127.0.0.1:9/")), text


def test_a_kept_verdict_is_the_verdict():
    """The check keeps recent verdicts (graph/safety.py): a text let through once is let through
    again as it was, and a refused one is refused every time."""
    for text in ALLOWED:
        assert safety.check(text) is safety.check(text)
    for text in [*SERVICE_FORMS.values(), *UPDATES.values()]:
        for _ in range(2):
            with pytest.raises(safety.QueryRefused):
                safety.check(text.replace("{url}", "http://127.0.0.1:9/"))


def test_syntax_errors_say_where():
    with pytest.raises(safety.QuerySyntaxError) as err:
        safety.check("PREFIX a: <http://a/>\nSELECT ?x WHERE {\n  ?x a:p\n}")
    assert (err.value.line, err.value.column) == (3, 3) and "line 3, column 3" in str(err.value)


# --- no connection leaves the machine ------------------------------------------------------

@pytest.fixture
def listener():
    """A socket on 127.0.0.1 that counts the connections made to it (and closes each at once)."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.settimeout(0.1)
    connections: list = []
    stop = threading.Event()

    def accept():
        while not stop.is_set():
            try:
                conn, peer = server.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            connections.append(peer)
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/", connections
    stop.set()
    thread.join(timeout=5)
    server.close()


def test_the_listener_sees_what_oxigraph_would_do(listener):
    """The control: left alone, Oxigraph does connect to a SERVICE, so silence below means something."""
    url, connections = listener
    try:
        list(pyoxigraph.Store().query(f"SELECT * WHERE {{ SERVICE <{url}sparql> {{ ?s ?p ?o }} }}"))
    except OSError:
        pass  # the listener hangs up; the connection was made all the same
    deadline = time.monotonic() + 5
    while not connections and time.monotonic() < deadline:
        time.sleep(0.05)
    assert connections


@pytest.fixture(scope="module")
def atlas_endpoint(built_store):
    with serving(built_store) as url:
        yield url + "/sparql"


def triple_count(endpoint_url: str) -> int:
    reply = send(endpoint_url + "?query=" + urllib.parse.quote("SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }"))
    return int(json.loads(reply.body)["results"]["bindings"][0]["n"]["value"])


def test_no_request_reaches_another_server(atlas_endpoint, listener, built_store):
    url, connections = listener
    before = triple_count(atlas_endpoint)
    refused = []
    for text in SERVICE_FORMS.values():
        query = text.replace("{url}", url)
        refused.append(send(atlas_endpoint + "?query=" + urllib.parse.quote(query)))
        refused.append(send(atlas_endpoint, "POST", query.encode(), {"Content-Type": "application/sparql-query"}))
    for text in UPDATES.values():
        update = text.replace("{url}", url)
        refused.append(send(atlas_endpoint, "POST", update.encode(), {"Content-Type": "application/sparql-update"}))
        refused.append(send(atlas_endpoint, "POST", urllib.parse.urlencode({"update": update}).encode(),
                            {"Content-Type": "application/x-www-form-urlencoded"}))
        refused.append(send(atlas_endpoint + "?" + urllib.parse.urlencode({"update": update})))
        # an update sent as a query is refused by the check too
        refused.append(send(atlas_endpoint + "?" + urllib.parse.urlencode({"query": update})))
    for reply in refused:
        assert 400 <= reply.status < 500, reply
        assert reply.media_type == "text/plain" and reply.text.strip(), reply
    # A dataset naming the listener is read from the store (where it is empty), never fetched.
    for params in ({"default-graph-uri": url}, {"named-graph-uri": url}):
        reply = send(atlas_endpoint + "?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }", **params}))
        assert reply.status == 200 and json.loads(reply.body)["boolean"] is False, reply
    for query in (f"ASK FROM <{url}> {{ ?s ?p ?o }}", f"ASK FROM NAMED <{url}> {{ GRAPH ?g {{ ?s ?p ?o }} }}",
                  f"DESCRIBE <{url}>"):
        reply = send(atlas_endpoint + "?" + urllib.parse.urlencode({"query": query}))
        assert reply.status == 200, reply
    # The command line keeps the same rules.
    for query in (SERVICE_FORMS["prefixed"].replace("{url}", url), UPDATES["load"].replace("{url}", url)):
        result = atlas("query", query, "--store", str(built_store))
        assert result.returncode == 1 and "refused" in result.stderr and "Traceback" not in result.stderr, result
    time.sleep(0.5)  # time enough for any request in flight to arrive
    assert connections == [], f"connections to {url}: {connections}"
    assert triple_count(atlas_endpoint) == before  # nothing was written either


# --- time, size, memory and concurrency -------------------------------------------------------

@pytest.fixture(scope="module")
def slow_store(tmp_path_factory):
    ex = "http://example.org/"
    triples = [Triple(NamedNode(f"{ex}s{i}"), NamedNode(f"{ex}p{i % 7}"), Literal(str(i)))
               for i in range(SLOW_TRIPLES)]
    return build_store(tmp_path_factory.mktemp("slow") / "store", {ex + "g": triples})


@pytest.fixture(scope="module")
def slow_endpoint(slow_store):
    with serving(slow_store, timeout=TIMEOUT) as url:
        yield url + "/sparql"


def zygote() -> psutil.Process:
    zygotes = [p for p in psutil.Process().children() if "_zygote_main" in " ".join(p.cmdline())]
    assert len(zygotes) == 1, zygotes
    return zygotes[0]


def query_workers() -> list[psutil.Process]:
    """The query worker processes alive now: the children of this process's zygote."""
    alive = []
    for worker in zygote().children():
        try:
            if worker.status() != psutil.STATUS_ZOMBIE:
                alive.append(worker)
        except psutil.NoSuchProcess:  # reaped since the listing
            pass
    return alive


def busy_worker() -> int:
    """The pid of the one query worker that is using a core now (the others wait for a query)."""
    def cpu() -> dict[int, float]:
        times = {}
        for worker in query_workers():
            try:
                times[worker.pid] = sum(worker.cpu_times()[:2])
            except psutil.NoSuchProcess:
                pass
        return times

    before = cpu()
    time.sleep(0.3)
    after = cpu()
    busy = [pid for pid in before if pid in after and after[pid] - before[pid] > 0.05]
    assert len(busy) == 1, (before, after)
    return busy[0]


def gone(pid: int, seconds: float = 5) -> bool:
    """Whether the zygote reaped the worker within `seconds`. A killed worker's main thread turns
    zombie while the store's threads may still hold its end of the pipe open; only once the
    last of them has ended can the zygote reap it, so only then is its end of file certain."""
    deadline = time.monotonic() + seconds
    while pid in {w.pid for w in zygote().children()}:
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_a_long_query_ends_at_the_timeout_while_a_short_one_answers(slow_endpoint):
    send(slow_endpoint + "?query=ASK%7B%7D")  # a worker is up: the timings below are the queries'
    outcome = {}

    def long_query():
        started = time.monotonic()
        outcome["reply"] = send(slow_endpoint + "?query=" + urllib.parse.quote(LONG_QUERY))
        outcome["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=long_query)
    thread.start()
    time.sleep(0.5)
    long_worker = busy_worker()
    started = time.monotonic()
    short = send(slow_endpoint + "?query=" + urllib.parse.quote("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"))
    short_seconds = time.monotonic() - started
    thread.join(timeout=60)
    assert short.status == 200 and f'"{SLOW_TRIPLES}"' in short.text, short
    assert short_seconds < 1.0, f"the short query waited {short_seconds:.2f} s"
    reply = outcome["reply"]
    assert reply.status == 503 and reply.media_type == "text/plain", reply
    assert f"stopped after {TIMEOUT:g} s" in reply.text, reply.text
    assert TIMEOUT <= outcome["seconds"] < TIMEOUT + 2, outcome["seconds"]
    assert gone(long_worker), "the timed-out query's worker is still running"


def test_the_command_line_stops_at_its_timeout(slow_store):
    started = time.monotonic()
    result = atlas("query", LONG_QUERY, "--timeout", "1", "--store", str(slow_store))
    assert result.returncode == 1 and "ran out of time" in result.stderr, result
    assert len(result.stderr.strip().splitlines()) == 1 and result.stdout == ""
    assert time.monotonic() - started < 30


def test_a_result_too_large_is_an_error_not_a_truncation(slow_store):
    service = QueryService(slow_store, timeout=30, max_result_bytes=10_000)
    with pytest.raises(endpoint.ResultTooLarge, match="LIMIT"):
        service.run(Query("SELECT * { ?s ?p ?o }"))
    small = service.run(Query("SELECT * { ?s ?p ?o } LIMIT 5", ("csv",)))
    assert len(small.body.decode().splitlines()) == 6


def test_a_query_that_eats_memory_fails_alone(slow_store):
    service = QueryService(slow_store, timeout=60, max_memory_bytes=1 * 2**30)
    with pytest.raises((endpoint.OverLimit, endpoint.QueryFailed), match="memory"):
        service.run(Query("SELECT * { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i"))
    assert service.run(Query("ASK { ?s ?p ?o }")).body  # and the service goes on


def test_busy_is_said_at_once_not_queued(slow_store):
    service = QueryService(slow_store, timeout=3, max_running=1)
    thread = threading.Thread(target=lambda: pytest.raises(endpoint.QueryTimeout, service.run, Query(LONG_QUERY)))
    thread.start()
    time.sleep(0.5)
    started = time.monotonic()
    with pytest.raises(endpoint.Busy):
        service.run(Query("ASK {}"))
    assert time.monotonic() - started < 0.5
    thread.join(timeout=30)
    assert service.run(Query("ASK {}")).body  # a slot is free again


# --- the workers: kept from query to query, replaced when they fail --------------------------

def worker_pids() -> set[int]:
    return {w.pid for w in query_workers()}


def test_a_kept_worker_sees_what_was_written_after_it_started(tmp_path):
    ex = "http://example.org/"
    location = build_store(tmp_path / "store", {ex + "g1": [Triple(NamedNode(ex + "a"), NamedNode(ex + "p"), Literal("1"))]})
    service = QueryService(location, timeout=30)
    count = Query("SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }", ("csv",))
    before = worker_pids()
    assert service.run(count).body.split() == [b"n", b"1"]
    workers = worker_pids() - before
    assert len(workers) == 1
    with pytest.raises(endpoint.QuerySyntaxError):  # a query's error leaves its worker as it was
        service.run(Query("SELECT nothing"))
    for n in (2, 3):  # once before a flush (the write is in RocksDB's log only), once after
        writer = Store(location)
        writer.replace_graph(NamedNode(f"{ex}g{n}"), [Quad(NamedNode(ex + "a"), NamedNode(ex + "p"), Literal(str(n)),
                                                           NamedNode(f"{ex}g{n}"))])
        if n == 3:
            writer.flush()
        del writer
        gc.collect()
        assert service.run(count).body.split() == [b"n", str(n).encode()]
    assert worker_pids() - before == workers  # the same worker all along, never a new one


def test_a_timed_out_worker_is_replaced(slow_store):
    service = QueryService(slow_store, timeout=1)
    before = worker_pids()
    assert service.run(Query("ASK {}")).body
    [worker] = worker_pids() - before
    with pytest.raises(endpoint.QueryTimeout):
        service.run(Query(LONG_QUERY))
    assert gone(worker)
    assert json.loads(service.run(Query("ASK { ?s ?p ?o }", ("json",))).body)["boolean"] is True
    assert len(worker_pids() - before) == 1


def test_a_worker_that_died_waiting_is_replaced(slow_store):
    service = QueryService(slow_store, timeout=30)
    before = worker_pids()
    assert service.run(Query("ASK {}")).body
    [worker] = worker_pids() - before
    os.kill(worker, signal.SIGKILL)
    assert gone(worker)
    assert json.loads(service.run(Query("ASK { ?s ?p ?o }", ("json",))).body)["boolean"] is True
