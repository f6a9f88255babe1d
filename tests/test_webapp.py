"""The Flask explorer, served for real by werkzeug on 127.0.0.1, read with urllib and headless Chromium."""
from __future__ import annotations

import re
import threading
import urllib.request
from html.parser import HTMLParser
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from conftest import ARTIFACTS
from graph import queries

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 # Chromium's own look-ups (updates, accounts) go nowhere: every request seen is the page's.
                 "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]


@pytest.fixture(scope="module")
def server(ro_store):
    from webapp import create_app

    app = create_app(ro_store)
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def home(server) -> str:
    with urllib.request.urlopen(server + "/", timeout=30) as response:
        assert response.status == 200
        assert response.headers.get_content_type() == "text/html"
        return response.read().decode("utf-8")


class People(HTMLParser):
    """The items of <ul class="people">, as text."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.items: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "ul" and ("class", "people") in attrs:
            self.depth = 1
        elif self.depth and tag == "li":
            self.items.append("")

    def handle_endtag(self, tag):
        if tag == "ul" and self.depth:
            self.depth = 0

    def handle_data(self, data):
        if self.depth and self.items:
            self.items[-1] += data


def people_items(html: str) -> dict[str, str]:
    parser = People()
    parser.feed(html)
    return {" ".join(item.split()[:2]): " ".join(item.split()) for item in parser.items}


def test_home_page_shows_the_counts(home, ro_store):
    assert "<h1>Adaptation Atlas</h1>" in home
    counts = queries.counts(ro_store)
    assert f"{counts['Review']} reviews" in home and f"{counts['triples']} triples" in home


def test_home_page_lists_alex_garland(home):
    items = people_items(home)
    assert "Alex Garland" in items, sorted(items)
    garland = items["Alex Garland"]
    for work in ("The Beach", "Never Let Me Go", "Annihilation"):
        assert work in garland, garland


def test_home_page_lists_each_work_once_per_role(home):
    items = people_items(home)
    assert items
    for person, text in items.items():
        for role, works in re.findall(r"(\w+):\s*([^;:]*?)(?=\s+\w+:|;|$)", text):
            listed = [w.strip() for w in works.split(",") if w.strip()]
            assert len(listed) == len(set(listed)), (person, role, listed)


def test_static_files_are_served(server):
    with urllib.request.urlopen(server + "/static/atlas.css", timeout=30) as response:
        assert response.status == 200


def test_unknown_page_is_404(server):
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(server + "/no-such-page", timeout=30)
    assert err.value.code == 404


@pytest.mark.browser
def test_home_page_in_chromium(server):
    if not CHROMIUM.exists():
        pytest.fail("no /usr/bin/chromium: run `make chromium` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    requests: list[str] = []
    failed: list[str] = []
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.on("request", lambda r: requests.append(r.url))
            page.on("requestfailed", lambda r: failed.append(r.url))
            page.on("pageerror", lambda e: errors.append(str(e)))
            response = page.goto(server + "/", wait_until="networkidle")
            assert response is not None and response.status == 200
            heading = page.locator("h1")
            assert heading.inner_text().strip() == "Adaptation Atlas"
            assert page.title() == "Adaptation Atlas"
            assert page.locator("ul.people li").count() >= 1
            # The stylesheet loaded and applied: the page is not the browser's default look.
            assert page.evaluate("document.styleSheets.length") >= 1
            page.screenshot(path=str(ARTIFACTS / "home.png"), full_page=True)
        finally:
            browser.close()
    assert requests and requests[0] == server + "/"
    foreign = [url for url in requests if not url.startswith(server + "/")]
    assert not foreign, f"requests left the origin: {foreign}"
    assert not failed and not errors, (failed, errors)
    assert (ARTIFACTS / "home.png").stat().st_size > 5000
