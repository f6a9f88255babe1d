"""The explorer in headless Chromium (plain Playwright driving Debian's /usr/bin/chromium), as a
new user meets it: search, entity page, graph, neighbour, path. Every test also checks that no
request left the app's origin, that none failed and that the page raised no error.
Screenshots go to test-artifacts/."""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import ARTIFACTS, ID
from graph.network import RELATION_LABELS

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 # Chromium's own look-ups (updates, accounts) go nowhere: every request seen is the page's.
                 "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
GARLAND = ID + "person/alex-garland"
ISHIGURO = ID + "person/kazuo-ishiguro"
ANNIHILATION_FILM = ID + "work/annihilation--film"

# How many of the graph canvas's pixels are drawn on (not transparent).
DRAWN_PIXELS = """() => {
  const canvas = document.querySelector('.graph canvas');
  const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
  let drawn = 0;
  for (let i = 3; i < data.length; i += 4) if (data[i] > 0) drawn++;
  return drawn;
}"""
# Where a node of the drawn network is, in page coordinates.
NODE_POSITION = """(iri) => {
  const network = window.atlasNetwork;
  const at = network.canvasToDOM(network.getPositions([iri])[iri]);
  const box = document.querySelector('.graph canvas').getBoundingClientRect();
  return {x: box.left + at.x, y: box.top + at.y};
}"""
# Functions, not expressions: Playwright evaluates an expression with eval(), which the app's
# Content-Security-Policy rightly refuses.
GRAPH_READY = "() => document.querySelector('.graph') && document.querySelector('.graph').dataset.ready === '1'"
NODES_MORE_THAN = "(n) => window.atlasNetwork.body.data.nodes.length > n"


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("no /usr/bin/chromium: run `make chromium` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@dataclass
class Tab:
    """A page, and everything it asked for or complained about."""
    page: object
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def stayed_home(self, origin: str) -> None:
        assert self.requests, "no requests seen"
        foreign = [url for url in self.requests if not url.startswith(origin + "/")]
        assert not foreign, f"requests left the origin: {foreign}"
        assert not self.failed and not self.errors, (self.failed, self.errors)

    def graph_nodes(self) -> int:
        self.page.wait_for_function(GRAPH_READY, timeout=20_000)
        return self.page.evaluate("() => window.atlasNetwork.body.data.nodes.length")

    def suggest(self, form: str, text: str):
        """Type into a search form's box like a person; the first suggestion offered."""
        self.page.locator(f"{form} input[type=search]").press_sequentially(text, delay=40)
        first = self.page.locator(f"{form} ul.suggestions li a").first
        first.wait_for(state="visible", timeout=10_000)
        return first

    def shot(self, name: str) -> None:
        path = ARTIFACTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        assert path.stat().st_size > 5000


@contextmanager
def watched_tab(browser, **options) -> Iterator[Tab]:
    """A page in a new browser context (`options`: Playwright's, such as java_script_enabled)."""
    context = browser.new_context(viewport={"width": 1300, "height": 900}, **options)
    page = context.new_page()
    watched = Tab(page)
    page.on("request", lambda r: watched.requests.append(r.url))
    page.on("requestfailed", lambda r: watched.failed.append(f"{r.url}: {r.failure}"))
    page.on("pageerror", lambda e: watched.errors.append(str(e)))
    # Console errors include resources the browser refused (a Content-Security-Policy violation).
    page.on("console", lambda m: watched.errors.append(m.text) if m.type == "error" else None)
    try:
        yield watched
    finally:
        context.close()


@pytest.fixture
def tab(browser):
    with watched_tab(browser) as watched:
        yield watched


def test_home_page(tab, server):
    page = tab.page
    response = page.goto(server + "/", wait_until="networkidle")
    assert response is not None and response.status == 200
    assert page.locator("h1").inner_text().strip() == "Adaptation Atlas"
    assert page.title() == "Adaptation Atlas"
    assert page.locator("ul.people li").count() >= 1
    assert page.locator("ul.adaptations li").count() >= 1 and page.locator("ul.reviews li").count() >= 1
    # The stylesheet loaded and applied: the page is not the browser's default look.
    assert page.evaluate("() => getComputedStyle(document.body).fontFamily").startswith("system-ui")
    tab.shot("home")
    assert tab.requests[0] == server + "/"
    tab.stayed_home(server)


def test_from_garl_to_garland_to_a_neighbour_and_a_path_to_ishiguro(tab, server):
    page = tab.page
    page.goto(server + "/", wait_until="networkidle")

    # Typing "garl" offers Alex Garland.
    suggestion = tab.suggest(".hero form.search", "garl")
    assert suggestion.locator(".label").inner_text() == "Alex Garland"
    tab.shot("autocomplete")
    with page.expect_navigation():
        suggestion.click()
    assert urlsplit(page.url).path == "/id/person/alex-garland"
    assert page.locator("h1").inner_text() == "Alex Garland"

    # His works, grouped by role, each with evidence.
    def works(relation: str) -> list[str]:
        section = page.locator(f'section.role[data-relation="{relation}"]')
        return section.locator("ul.links > li > a.entity").all_inner_texts()

    assert "The Beach" in works("author")
    assert "Never Let Me Go" in works("screenwriter") and "Annihilation" in works("screenwriter")
    assert "Annihilation" in works("director")
    for item in page.locator("section.role ul.links > li").all():
        assert item.locator("blockquote.evidence a.source").count() >= 1

    # The graph draws its nodes.
    assert tab.graph_nodes() >= 6
    assert page.evaluate(DRAWN_PIXELS) > 2000
    legend = page.locator(".graph-panel ul.legend li").all_inner_texts()
    assert {"film", "person"} <= {text.strip() for text in legend}
    tab.shot("entity-garland")

    # Clicking a neighbour in the graph opens its page.
    page.locator(".graph").scroll_into_view_if_needed()
    at = page.evaluate(NODE_POSITION, ANNIHILATION_FILM)
    with page.expect_navigation():
        page.mouse.click(at["x"], at["y"])
    assert urlsplit(page.url).path == "/id/work/annihilation--film"
    assert page.locator("h1").inner_text() == "Annihilation"
    assert tab.graph_nodes() >= 3
    tab.shot("entity-annihilation")

    # Back on his page, one click finds the path to Kazuo Ishiguro, through Never Let Me Go.
    page.go_back(wait_until="networkidle")
    link = page.locator("ul.suggestions-list a", has_text="Kazuo Ishiguro")
    with page.expect_navigation():
        link.click()
    query = parse_qs(urlsplit(page.url).query)
    assert urlsplit(page.url).path == "/path" and query == {"from": [GARLAND], "to": [ISHIGURO]}
    best = page.locator("li.path").first
    assert best.locator("ol.chain li.link").count() <= 3
    sentence = best.locator("p.sentence").inner_text()
    assert sentence.startswith("Alex Garland") and sentence.endswith("Kazuo Ishiguro.")
    assert "Never Let Me Go" in sentence
    assert tab.graph_nodes() >= 4
    assert page.evaluate(DRAWN_PIXELS) > 1000
    tab.shot("path-garland-ishiguro")
    tab.stayed_home(server)


def test_graph_depth_and_link_filters_redraw_in_place(tab, server):
    page = tab.page
    page.goto(server + "/id/person/alex-garland", wait_until="networkidle")
    one = tab.graph_nodes()
    page.locator('form.graph-controls input[name=depth][value="2"]').check()
    page.wait_for_function(NODES_MORE_THAN, arg=one, timeout=20_000)
    two = tab.graph_nodes()
    assert "depth=2" in page.url
    tab.shot("entity-garland-depth2")
    for relation in (word for word in RELATION_LABELS.values() if word != "author"):
        page.locator("form.graph-controls label", has_text=relation).locator("input").uncheck()
    # Only the last choice is drawn and kept: once every answer to the quick clicks is in, no
    # older one has drawn over it or put its own choice back in the URL.
    page.wait_for_function("() => location.search === '?depth=2&relation=author'", timeout=20_000)
    page.wait_for_load_state("networkidle")
    assert tab.graph_nodes() < two
    labels = set(page.evaluate("() => window.atlasNetwork.body.data.nodes.get().map(n => n.label)"))
    assert {"Alex Garland", "The Beach (novel)"} <= labels and "Annihilation (film)" not in labels
    assert parse_qs(urlsplit(page.url).query)["relation"] == ["author"]
    tab.stayed_home(server)


def test_evidence_opens_the_review_at_its_sentence(tab, server):
    page = tab.page
    page.goto(server + "/id/person/alex-garland", wait_until="networkidle")
    source = page.locator('section.role[data-relation="screenwriter"] blockquote.evidence a.source').first
    quoted = source.locator("xpath=..").locator("q").inner_text()
    with page.expect_navigation():
        source.click()
    assert urlsplit(page.url).path.startswith("/id/review/") and urlsplit(page.url).fragment.startswith("s-")
    target = page.locator("mark.evidence-sentence:target")
    assert target.count() == 1 and target.inner_text() == quoted
    assert page.locator(".review-text a.mention").count() >= 5
    assert page.locator("ol.facts-list li").count() >= 5
    tab.shot("review")
    tab.stayed_home(server)


def test_connect_box_finds_a_path_to_anyone(tab, server):
    page = tab.page
    page.goto(server + "/id/person/alex-garland", wait_until="networkidle")
    tab.suggest("form.path-search", "mulligan")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    query = parse_qs(urlsplit(page.url).query)
    assert query["from"] == [GARLAND] and query["to"] == [ID + "person/carey-mulligan"]
    assert page.locator("li.path").count() >= 1
    tab.stayed_home(server)


@pytest.mark.parametrize("javascript", [True, False], ids=["script", "no-script"])
def test_a_spoiler_stays_hidden_until_clicked(browser, server, javascript):
    """The sentence of a difference that gives the plot away is hidden by <details>, not by a
    script: with scripts off it stays hidden too, and one click on its summary shows it."""
    with watched_tab(browser, java_script_enabled=javascript) as tab:
        page = tab.page
        page.goto(server + "/id/work/persepolis--film", wait_until="networkidle")
        spoiler = page.locator(".what-changed details.spoiler")
        assert spoiler.count() == 1
        sentence = spoiler.locator("blockquote.evidence q")
        assert "I cried at the end of both" in sentence.text_content()
        assert not sentence.is_visible()
        summary = spoiler.locator("summary")
        assert summary.is_visible() and summary.inner_text() == "Spoiler: show"
        # A difference that spoils nothing is shown as it is.
        assert page.locator(".what-changed blockquote.evidence q", has_text="black-and-white look").is_visible()
        assert page.locator("section.verdicts figure.verdict-bar").is_visible()
        tab.shot(f"adaptation-persepolis-{'script' if javascript else 'no-script'}")
        summary.click()
        assert sentence.is_visible() and spoiler.get_attribute("open") is not None
        tab.shot(f"adaptation-persepolis-spoiler-shown-{'script' if javascript else 'no-script'}")
        tab.stayed_home(server)


def test_book_or_film_from_the_navigation(tab, server):
    page = tab.page
    page.goto(server + "/id/work/annihilation--film", wait_until="networkidle")
    assert page.locator(".what-changed h3.difference-kind").count() >= 2
    assert page.locator(".what-changed ul.chips a.entity", has_text="Lena").count() >= 1
    tab.shot("adaptation-annihilation")
    with page.expect_navigation():
        page.locator("nav.site a", has_text="Book or film?").click()
    assert urlsplit(page.url).path == "/book-or-film" and page.locator("h1").inner_text() == "Book or film?"
    first = page.locator("table.ranking").first.locator("tbody tr").first
    assert first.locator("th a.entity").inner_text() and first.locator("td.total").inner_text().isdigit()
    assert page.locator("table.ranking svg.bar rect").count() >= 9  # one bar at least per adaptation
    tab.shot("book-or-film")
    tab.stayed_home(server)
