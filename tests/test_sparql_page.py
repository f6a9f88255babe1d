"""The SPARQL query page in headless Chromium (Debian's, driven by plain Playwright), on the real
server: examples, highlighting, prefix completion, results table, graph, errors, downloads, and
no request that leaves the page's origin."""
from __future__ import annotations

import csv
import io
import urllib.parse
from pathlib import Path

import pytest

from conftest import ARTIFACTS, ID
from graph import queries
from sparql_servers import serving

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 # Chromium's own look-ups (updates, accounts) go nowhere: every request seen is the page's.
                 "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
EXAMPLES = queries.examples()
pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def server(built_store):
    with serving(built_store) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("no /usr/bin/chromium: run `make chromium` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server):
    """A page that records every request it makes and every script error it meets."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.requests, page.errors = [], []
    page.on("request", lambda r: page.requests.append(r.url))
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    # Queries refused on purpose answer 4xx; any other resource that fails is an error.
    page.on("response", lambda r: page.errors.append(f"{r.status} {r.url}")
            if r.status >= 400 and urllib.parse.urlsplit(r.url).path != "/sparql" else None)
    page.on("console", lambda m: page.errors.append(m.text)
            if m.type == "error" and not m.text.startswith("Failed to load resource") else None)
    yield page
    context.close()
    foreign = [url for url in page.requests if not url.startswith(server + "/")]
    assert not foreign, f"requests left the origin: {foreign}"
    assert not page.errors, page.errors


def editor_text(page) -> str:
    return page.evaluate("document.querySelector('.CodeMirror').CodeMirror.getValue()")


def set_editor_text(page, text: str) -> None:
    page.evaluate("t => document.querySelector('.CodeMirror').CodeMirror.setValue(t)", text)


def test_example_query_runs_into_a_table(page, server, ro_store):
    ARTIFACTS.mkdir(exist_ok=True)
    response = page.goto(server + "/sparql", wait_until="networkidle")
    assert response.status == 200 and page.title().startswith("SPARQL")
    # the editor, with the SPARQL mode's highlighting
    assert page.locator(".CodeMirror").count() == 1
    assert page.locator(".CodeMirror .cm-keyword").count() > 0
    assert page.locator(".CodeMirror .cm-variable-2").count() > 0
    # every example, with its title
    titles = [t.strip() for t in page.locator("a[data-example]").all_inner_texts()]
    assert titles == [e.title for e in EXAMPLES]

    example = next(e for e in EXAMPLES if e.name == "people-with-several-roles")
    page.click(f"a[data-example='{example.name}']")
    page.wait_for_selector("table.sparql-results tbody tr")
    expected = queries.rows(ro_store, example.text)
    assert page.locator("table.sparql-results tbody tr").count() == len(expected)
    headers = page.locator("table.sparql-results th").all_inner_texts()
    assert headers == ["?person", "?personLabel", "?role", "?work", "?workLabel"]
    assert "Alex Garland" in page.locator("table.sparql-results").inner_text()
    # the graph's IRIs link to the entity pages here
    garland = page.locator(f"table.sparql-results a[title='{ID}person/alex-garland']").first
    assert garland.get_attribute("href") == "/id/person/alex-garland"
    # the query is in the URL, so the page can be shared
    assert urllib.parse.parse_qs(urllib.parse.urlsplit(page.url).query)["query"] == [example.text]
    assert editor_text(page) == example.text
    page.screenshot(path=str(ARTIFACTS / "sparql-page.png"), full_page=True)
    assert (ARTIFACTS / "sparql-page.png").stat().st_size > 5000

    # the full result, downloaded as CSV
    with page.expect_download() as download:
        page.click("a.download[data-format='csv']")
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8"))))
    assert len(rows) == len(expected)


def test_shared_link_runs_its_query(page, server):
    query = f"SELECT ?label WHERE {{ <{ID}person/alex-garland> <http://www.w3.org/2000/01/rdf-schema#label> ?label }}"
    page.goto(server + "/sparql?" + urllib.parse.urlencode({"query": query}), wait_until="networkidle")
    page.wait_for_selector("table.sparql-results tbody tr")
    assert editor_text(page) == query
    assert page.locator("table.sparql-results tbody").inner_text().strip() == "Alex Garland"


def test_errors_are_shown_next_to_the_query(page, server):
    from playwright.sync_api import expect

    page.goto(server + "/sparql", wait_until="networkidle")
    set_editor_text(page, "SELECT ?x WHERE {\n  ?x ?y\n}")
    page.click("#run")
    error = page.locator("#query-error")
    expect(error).to_contain_text("line 2, column 3")
    assert page.locator(".CodeMirror .error-line").count() == 1  # the line is marked in the editor
    set_editor_text(page, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    page.click("#run")
    expect(error).to_contain_text("SERVICE")  # (the site's CSP forbids wait_for_function's eval)
    assert "403" in error.inner_text()


def test_prefixes_are_completed_and_declared(page, server):
    page.goto(server + "/sparql", wait_until="networkidle")
    set_editor_text(page, "SELECT * WHERE {\n  ?s ?p ?o .\n}")
    page.evaluate("""() => { const cm = document.querySelector('.CodeMirror').CodeMirror;
                             cm.focus(); cm.setCursor({line: 1, ch: 5}); }""")
    page.keyboard.type("foaf:")  # ?s foaf:?p ... : typing a known prefix declares it
    assert editor_text(page).startswith("PREFIX foaf: <http://xmlns.com/foaf/0.1/>\n")
    set_editor_text(page, "PREFIX at")
    page.evaluate("() => { const cm = document.querySelector('.CodeMirror').CodeMirror; cm.focus(); cm.setCursor({line: 0, ch: 9}); }")
    page.keyboard.press("Control+Space")
    page.wait_for_selector(".CodeMirror-hints li")
    assert "atlas: <https://w3id.org/adaptation-atlas/ontology#>" in page.locator(".CodeMirror-hints").inner_text()
    page.keyboard.press("Enter")
    assert editor_text(page) == "PREFIX atlas: <https://w3id.org/adaptation-atlas/ontology#>"


def test_construct_is_drawn_as_a_graph(page, server):
    query = (f"PREFIX atlas: <https://w3id.org/adaptation-atlas/ontology#>\n"
             f"CONSTRUCT {{ ?w ?role <{ID}person/alex-garland> . ?w <http://www.w3.org/2000/01/rdf-schema#label> ?l }}\n"
             f"WHERE {{ VALUES ?role {{ atlas:author atlas:director atlas:screenwriter }}\n"
             f"  ?w ?role <{ID}person/alex-garland> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l }}")
    page.goto(server + "/sparql?" + urllib.parse.urlencode({"query": query}), wait_until="networkidle")
    page.wait_for_selector("table.sparql-results tbody tr")
    assert page.locator("table.sparql-results th").all_inner_texts() == ["?subject", "?predicate", "?object"]
    assert "The Beach" in page.locator("table.sparql-results").inner_text()
    # vis-network is served by the app (webapp/vendor.py): the graph is drawn on a canvas
    page.wait_for_selector("#graph-result canvas")
    downloads = page.locator("a.download").all_inner_texts()
    assert downloads == ["Turtle", "N-Triples", "RDF/XML", "JSON-LD"]
    page.screenshot(path=str(ARTIFACTS / "sparql-graph.png"), full_page=True)


def test_rows_drawn_are_capped_and_the_download_is_whole(page, server, ro_store):
    from webapp.sparql import HTML_ROW_CAP

    query = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    total = queries.rows(ro_store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"]
    assert total > HTML_ROW_CAP
    page.goto(server + "/sparql?" + urllib.parse.urlencode({"query": query}), wait_until="networkidle")
    page.wait_for_selector("table.sparql-results tbody tr")
    assert page.locator("table.sparql-results tbody tr").count() == HTML_ROW_CAP
    assert f"of {total:,} rows" in page.locator("#capped").inner_text()
    with page.expect_download() as download:
        page.click("a.download[data-format='tsv']")
    lines = Path(download.value.path()).read_text(encoding="utf-8").rstrip("\n").split("\n")
    assert len(lines) == total + 1


@pytest.mark.parametrize("name, column, seen", [
    ("differences-by-adaptation", "?kind", "faithful"),
    ("verdicts-by-creator", "?name", "Alex Garland"),
])
def test_what_changed_examples_run_from_the_page(page, server, ro_store, name, column, seen):
    """The example queries of issue 14, picked from the list, fill the table with every row."""
    page.goto(server + "/sparql", wait_until="networkidle")
    example = next(e for e in EXAMPLES if e.name == name)
    page.click(f"a[data-example='{name}']")
    page.wait_for_selector("table.sparql-results tbody tr")
    expected = queries.rows(ro_store, example.text)
    assert expected and page.locator("table.sparql-results tbody tr").count() == len(expected)
    headers = page.locator("table.sparql-results th").all_inner_texts()
    assert headers == ["?" + variable for variable in expected[0]] and column in headers
    assert seen in page.locator("table.sparql-results").inner_text()
    assert editor_text(page) == example.text
