"""The explorer's doors: security headers on every answer, everything a user wrote escaped
(reviews, names, titles, query strings, URLs), request bodies limited, no debug mode, and no
connection made to another host while pages are served.

The store here holds reviews written to attack: a title, a person's name (by the curation file,
which takes any text) and review text carrying script and markup.
"""
from __future__ import annotations

import gc
import http.client
import socket
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from conftest import ID, REVIEWS

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
PAYLOADS = (SCRIPT, IMG, "<img src=x onerror=alert(1)>")
REVIEW = ID + "review/xss"
PERSON = ID + "person/img-src-x-onerror-alert-1"  # the name IMG, as entity_iri makes it
WORK = ID + "work/script-alert-1-script--film"  # the title SCRIPT
GARLAND = ID + "person/alex-garland"

XSS_REVIEW = f"""---
title: "{SCRIPT} Book vs Movie Review"
url: "javascript:alert(1)"
tags: ["{IMG.replace('"', chr(92) + '"')}"]
---
The novel {SCRIPT} by Alex Garland became a film directed by Danny Boyle.

{IMG} is the name the narrator gives himself; Leonardo DiCaprio plays Richard.
"""
CURATION = f"""names:
  Tilda Swinton: '{IMG}'
titles:
  The Beach: '{SCRIPT}'
"""


@pytest.fixture(scope="module")
def xss_store(tmp_path_factory) -> Path:
    from graph import curation
    from graph.ingest import ingest
    from graph.store import Store

    folder = tmp_path_factory.mktemp("xss")
    (folder / "reviews").mkdir()
    (folder / "reviews" / "the-beach.txt").write_bytes((REVIEWS / "the-beach.txt").read_bytes())
    (folder / "reviews" / "xss.md").write_text(XSS_REVIEW, encoding="utf-8")
    (folder / "curation.yaml").write_text(CURATION, encoding="utf-8")
    store = Store(folder / "store")
    report = ingest(store, [folder / "reviews"], curation=curation.load(folder / "curation.yaml"))
    assert not report.failed and len(report.added) == 2
    labels = {r["l"].value for r in store.query("SELECT ?l WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?l }")}
    assert {SCRIPT, IMG, f"{SCRIPT} Book vs Movie Review"} <= labels  # the attack is in the graph
    del store
    gc.collect()
    return folder / "store"


@pytest.fixture(scope="module")
def app(xss_store):
    from graph.store import Store
    from webapp import create_app

    return create_app(Store(xss_store, read_only=True))


@pytest.fixture(scope="module")
def xss_server(app) -> str:
    from webapp.server import serving

    with serving(app) as url:
        yield url


def q(value: str) -> str:
    return urllib.parse.quote(value, safe="")


# Pages that show what the attacking reviews wrote, and pages given an attack in their URL.
STORED = ["/", "/id/review/xss", "/id/review/the-beach", "/id/person/img-src-x-onerror-alert-1",
          "/id/work/script-alert-1-script--film", "/id/person/alex-garland", "/search?q=img",
          "/search?q=script", f"/path?from={q(PERSON)}&to={q(GARLAND)}", "/id/review/xss?format=ttl"]
REFLECTED = [f"/search?q={q(SCRIPT)}", f"/search?q={q(IMG)}", f"/id/person/{q(SCRIPT)}", f"/id/{q(IMG)}",
             f"/path?from={q(SCRIPT)}&to={q(GARLAND)}", f"/path?from={q(GARLAND)}&to={q(ID + IMG)}",
             f"/id/person/alex-garland?depth={q(SCRIPT)}", f"/id/person/alex-garland?relation={q(IMG)}",
             f"/api/path?from={q(SCRIPT)}&to={q(IMG)}", f"/export/{q(SCRIPT)}", f"/export/turtle?entity={q(IMG)}",
             f"/sparql?query={q('SELECT * WHERE { ?s ?p ' + repr(SCRIPT) + ' }')}", f"/sparql?query={q(IMG)}",
             f"/{q(SCRIPT)}"]


def fetch(base: str, path: str, accept: str = "text/html") -> tuple[int, dict, str]:
    request = urllib.request.Request(base + path, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=60) as r:
            return r.status, dict(r.headers), r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as err:
        return err.code, dict(err.headers), err.read().decode("utf-8", "replace")


def test_every_answer_carries_the_security_headers(xss_server):
    for path in ["/", "/id/review/xss", "/static/atlas.css", "/api/search?q=garl", "/nowhere", "/kinds.css",
                 f"/sparql?query={q('ASK {}')}", "/export/turtle", "/id/person/alex-garland?format=jsonld"]:
        status, headers, _ = fetch(xss_server, path, accept="*/*")
        assert status in (200, 404), (path, status)
        csp = headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp, path
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp and "*" not in csp, path
        assert headers["X-Content-Type-Options"] == "nosniff", path
        assert headers["X-Frame-Options"] == "DENY", path
        assert headers["Referrer-Policy"] == "same-origin", path


@pytest.mark.parametrize("path", STORED + REFLECTED)
def test_what_users_wrote_comes_back_escaped(xss_server, path):
    status, headers, body = fetch(xss_server, path)
    assert status < 500, (path, status, body[:300])
    if not headers["Content-Type"].startswith("text/html"):  # data (Turtle, JSON): as written, never rendered
        assert headers["Content-Type"].startswith(("text/turtle", "application/json")), (path, headers)
        return
    for payload in PAYLOADS:
        assert payload not in body, (path, payload)


def test_stored_attacks_are_shown_as_text(xss_server):
    """The attacking title, name and text are on the pages, as text (else the test above proves nothing)."""
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in fetch(xss_server, "/id/review/xss")[2]
    assert "&lt;img src=x onerror=alert(1)&gt;" in fetch(xss_server, "/id/person/img-src-x-onerror-alert-1")[2]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in fetch(xss_server, "/search?q=script")[2]


def test_json_answers_cannot_be_read_as_html(xss_server):
    for path in ["/api/search?q=img", f"/api/search?q={q(SCRIPT)}", f"/api/path?from={q(PERSON)}&to={q(GARLAND)}",
                 f"/api/neighbourhood?iri={q(PERSON)}"]:
        status, headers, body = fetch(xss_server, path, accept="application/json")
        assert status in (200, 400, 404), path
        assert headers["Content-Type"].startswith("application/json") and headers["X-Content-Type-Options"] == "nosniff"
    assert IMG.replace('"', '\\"') in fetch(xss_server, "/api/search?q=img")[2]  # JSON escaping: the name is there


def test_request_bodies_are_limited(xss_server):
    """A body over the limit is refused on its declared length, before any of it is read."""
    from webapp import MAX_CONTENT_LENGTH

    host = urllib.parse.urlsplit(xss_server).netloc
    for path in ["/sparql", "/", "/api/search"]:
        connection = http.client.HTTPConnection(host, timeout=10)
        connection.putrequest("POST", path)
        connection.putheader("Content-Type", "application/x-www-form-urlencoded")
        connection.putheader("Content-Length", str(MAX_CONTENT_LENGTH + 1))
        connection.endheaders()
        assert connection.getresponse().status == 413, path
        connection.close()


def test_never_in_debug_mode(app):
    assert not app.debug and not app.testing and not app.config["PROPAGATE_EXCEPTIONS"]


# --- no connection leaves the machine -------------------------------------------------

LOOPBACK = {"127.0.0.1", "::1", "localhost"}


@pytest.fixture
def no_outbound(monkeypatch) -> list:
    """Every attempt to reach a host other than this one is recorded and fails."""
    attempts: list = []
    connect, create_connection, getaddrinfo = socket.socket.connect, socket.create_connection, socket.getaddrinfo

    def host_of(address) -> str | None:
        return address[0] if isinstance(address, tuple) else None  # None: a Unix socket

    def guarded_connect(sock, address):
        if host_of(address) not in LOOPBACK | {None}:
            attempts.append(address)
            raise OSError(f"outbound connection to {address} refused by the test")
        return connect(sock, address)

    def guarded_create_connection(address, *args, **kwargs):
        if address[0] not in LOOPBACK:
            attempts.append(address)
            raise OSError(f"outbound connection to {address} refused by the test")
        return create_connection(address, *args, **kwargs)

    def guarded_getaddrinfo(host, *args, **kwargs):
        if host not in LOOPBACK and host is not None:
            attempts.append(host)
            raise socket.gaierror(f"name look-up of {host} refused by the test")
        return getaddrinfo(host, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket, "create_connection", guarded_create_connection)
    monkeypatch.setattr(socket, "getaddrinfo", guarded_getaddrinfo)
    return attempts


def test_the_guard_sees_an_outbound_connection(no_outbound):
    with pytest.raises(OSError):
        socket.create_connection(("192.0.2.1", 80), timeout=1)  # TEST-NET-1: never routed
    with pytest.raises(OSError):
        urllib.request.urlopen("http://example.org/", timeout=1)
    assert len(no_outbound) == 2


def test_serving_pages_connects_nowhere(app, no_outbound):
    """Every kind of page, answered in this process, with the socket layer guarded.
    (SPARQL queries run in worker processes: tests/test_sparql_safety.py listens for them.)"""
    client = app.test_client()
    jsonld = "/id/person/alex-garland?format=jsonld"  # JSON-LD: its context must never be fetched
    paths = STORED + REFLECTED + [jsonld, "/export/jsonld", "/export/html", "/export/csv?query=adaptations",
                                  f"/api/neighbourhood?iri={q(GARLAND)}&depth=2", "/sparql"]
    for path in paths:
        response = client.get(path, headers={"Accept": "text/html"})
        assert response.status_code < 500, (path, response.status_code)
    assert not no_outbound, no_outbound


# --- in a browser, with the Content-Security-Policy switched off -------------------------

@pytest.mark.browser
def test_no_script_of_theirs_runs_in_a_browser(xss_server):
    """Chromium opens every page and types the attacks into the search box; no dialog opens.
    The page's CSP is bypassed, so that escaping alone is what is tested."""
    from playwright.sync_api import sync_playwright

    from test_browser import CHROMIUM, CHROMIUM_ARGS

    dialogs: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(bypass_csp=True)
            page = context.new_page()
            page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
            for path in STORED + REFLECTED:
                page.goto(xss_server + path, wait_until="load")
            page.goto(xss_server + "/", wait_until="load")
            box = page.locator("form.search input[type=search]").first
            for text in ("img src", "script", SCRIPT):  # the suggestions list shows the names
                box.fill("")
                box.press_sequentially(text, delay=20)
                page.wait_for_timeout(400)
            box.press("Enter")
            page.wait_for_load_state("load")
            query = "SELECT ?label WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#label> ?label }"
            page.goto(xss_server + "/sparql?" + urllib.parse.urlencode({"query": query}), wait_until="networkidle")
            page.wait_for_selector("table.sparql-results tbody tr", timeout=20_000)
            assert SCRIPT in page.locator("table.sparql-results").inner_text()  # shown, as text
            page.wait_for_timeout(300)
        finally:
            browser.close()
    assert not dialogs, dialogs
