"""The Flask explorer, served for real as `atlas serve` serves it (conftest's `server`, on
127.0.0.1), read with urllib: pages, the JSON API, linked data and the security basics. Chromium: test_browser.py."""
from __future__ import annotations

import json
import re
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser

import pyoxigraph
import pytest

from conftest import ID
from graph import queries

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


# ---------------------------------------------------------------- helpers

GARLAND = ID + "person/alex-garland"
ISHIGURO = ID + "person/kazuo-ishiguro"


def fetch(server: str, path: str, accept: str | None = None):
    """(status, content type, headers, body text) of a GET, errors included."""
    request = urllib.request.Request(server + path, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers.get_content_type(), response.headers, response.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.headers.get_content_type(), err.headers, err.read().decode()


def api(server: str, path: str, **params):
    status, ctype, _, body = fetch(server, f"{path}?{urllib.parse.urlencode(params, doseq=True)}")
    assert ctype == "application/json", (status, body[:200])
    return status, json.loads(body)


class Sections(HTMLParser):
    """An entity page's <section class="role">s: {relation: [labels of the entities linked]}."""

    def __init__(self):
        super().__init__()
        self.sections: dict[str, list[str]] = {}
        self.current: str | None = None
        self.evidence: dict[str, int] = {}  # relation -> evidence quotes
        self.in_link = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "section" and a.get("class") == "role":
            self.current = a["data-relation"]
            self.sections[self.current] = []
        elif self.current and tag == "a" and "entity" in a.get("class", "").split():
            self.in_link = True
            self.sections[self.current].append("")
        elif self.current and tag == "blockquote":
            self.evidence[self.current] = self.evidence.get(self.current, 0) + 1

    def handle_endtag(self, tag):
        if tag == "a":
            self.in_link = False
        elif tag == "section":
            self.current = None

    def handle_data(self, data):
        if self.in_link:
            self.sections[self.current][-1] += data


def sections_of(html: str) -> Sections:
    parser = Sections()
    parser.feed(html)
    return parser


# ---------------------------------------------------------------- JSON API


def test_api_search_finds_garland_with_a_url_whose_page_lists_his_three_works(server):
    status, found = api(server, "/api/search", q="Garland")
    assert status == 200
    garland = next(item for item in found if item["iri"] == GARLAND)
    assert garland["label"] == "Alex Garland" and garland["type"] == "Person"
    status, ctype, _, page = fetch(server, garland["url"])
    assert status == 200 and ctype == "text/html"
    parsed = sections_of(page)
    listed = {label for labels in parsed.sections.values() for label in labels}
    assert {"Annihilation", "The Beach", "Never Let Me Go"} <= listed, parsed.sections
    assert "The Beach" in parsed.sections["author"] and "Never Let Me Go" in parsed.sections["screenwriter"]
    assert "Annihilation" in parsed.sections["director"]
    assert all(parsed.evidence.get(relation) for relation in ("author", "screenwriter", "director"))


def test_api_search_items_have_iri_label_type_url(server):
    status, found = api(server, "/api/search", q="never")
    assert status == 200 and found
    for item in found:
        assert {"iri", "label", "type", "url"} <= set(item)
        assert item["url"] == "/id/" + item["iri"][len(ID):]
        assert "never" in item["label"].lower()
    assert api(server, "/api/search", q="")[1] == []
    assert api(server, "/api/search", q="zzzz-no-such-name")[1] == []
    assert api(server, "/api/search", q="x" * 201)[0] == 400


def test_api_path_from_garland_to_ishiguro_is_at_most_three_steps(server):
    status, answer = api(server, "/api/path", **{"from": GARLAND, "to": ISHIGURO})
    assert status == 200 and answer["from"]["iri"] == GARLAND and answer["to"]["iri"] == ISHIGURO
    best = answer["paths"][0]
    steps = best["steps"]
    assert len(steps) <= 3 and best["length"] == len(steps)
    assert steps[0]["from"]["iri"] == GARLAND and steps[-1]["to"]["iri"] == ISHIGURO
    for before, after in zip(steps, steps[1:]):
        assert before["to"]["iri"] == after["from"]["iri"]
    for step in steps:
        assert step["from"]["label"] and step["to"]["label"] and step["relation"]
        assert step["direction"] in ("forward", "backward") and step["to"]["url"].startswith("/id/")
    assert any(step["to"]["label"] == "Never Let Me Go" for step in steps)
    assert best["sentence"].startswith("Alex Garland ") and best["sentence"].endswith("Kazuo Ishiguro")


def test_api_errors_are_json(server):
    assert api(server, "/api/path", **{"from": GARLAND, "to": ID + "person/nobody"})[0] == 404
    status, answer = api(server, "/api/path", to=ISHIGURO)
    assert status == 404 and answer["error"]
    assert api(server, "/api/neighbourhood", iri=GARLAND, depth=3)[0] == 400
    assert api(server, "/api/neighbourhood", iri=GARLAND, relation="knows")[0] == 400


def test_api_neighbourhood_depth_and_relations(server):
    one = api(server, "/api/neighbourhood", iri=GARLAND)[1]
    two = api(server, "/api/neighbourhood", iri=GARLAND, depth=2)[1]
    assert len(two["nodes"]) > len(one["nodes"]) > 3
    authored = api(server, "/api/neighbourhood", iri=GARLAND, relation=["author"])[1]
    assert {n["label"] for n in authored["nodes"]} == {"Alex Garland", "The Beach (novel)"}
    assert all(n["url"].startswith("/id/") for n in two["nodes"])


# ---------------------------------------------------------------- linked data

RDF_TYPES = {"text/turtle": pyoxigraph.RdfFormat.TURTLE, "application/ld+json": pyoxigraph.RdfFormat.JSON_LD,
             "application/n-triples": pyoxigraph.RdfFormat.N_TRIPLES}


@pytest.mark.parametrize("media_type", list(RDF_TYPES))
def test_entity_iri_answers_rdf_by_accept_header(server, media_type):
    status, ctype, headers, body = fetch(server, "/id/person/alex-garland", accept=media_type)
    assert status == 200 and ctype == media_type
    assert "Accept" in headers.get("Vary", "")
    triples = {q.triple for q in pyoxigraph.parse(body.encode(), format=RDF_TYPES[media_type])}
    garland = pyoxigraph.NamedNode(GARLAND)
    assert pyoxigraph.Triple(garland, pyoxigraph.NamedNode("http://www.w3.org/2000/01/rdf-schema#label"),
                             pyoxigraph.Literal("Alex Garland")) in triples
    screenwriter = pyoxigraph.NamedNode("https://w3id.org/adaptation-atlas/ontology#screenwriter")
    assert any(t.predicate == screenwriter and t.object == garland for t in triples)


@pytest.mark.parametrize("accept", [None, "text/html", "*/*",
                                    "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"])
def test_entity_iri_answers_html_to_browsers(server, accept):
    status, ctype, headers, body = fetch(server, "/id/person/alex-garland", accept=accept)
    assert status == 200 and ctype == "text/html"
    assert "<h1>Alex Garland</h1>" in body


def test_content_negotiation_weighs_the_accept_header(server):
    assert fetch(server, "/id/person/alex-garland", accept="text/html;q=0.5, text/turtle")[1] == "text/turtle"
    assert fetch(server, "/id/person/alex-garland", accept="application/pdf")[0] == 406
    assert fetch(server, "/id/person/alex-garland?format=jsonld")[1] == "application/ld+json"
    assert fetch(server, "/id/person/nobody", accept="text/turtle")[0] == 404
    assert fetch(server, "/id/person/nobody")[0] == 404
    for not_an_iri in ("/id/person/a%20b", "/id/person/%3Cx%3E", "/id/person/%22"):
        assert fetch(server, not_an_iri)[0] == 404


def test_records_without_pages_of_their_own_dereference_too(server):
    """A performance has no entity page, but its IRI answers with its statements."""
    status, _, _, turtle = fetch(server, "/id/person/carey-mulligan", accept="text/turtle")
    described = pyoxigraph.parse(turtle.encode("utf-8"), pyoxigraph.RdfFormat.TURTLE)
    performance = next((q.subject.value for q in described if q.subject.value.startswith(ID + "performance/")), None)
    assert status == 200 and performance, turtle[:500]
    status, ctype, _, page = fetch(server, "/id/" + performance[len(ID):])
    assert status == 200 and ctype == "text/html" and "Carey Mulligan" in page


# ---------------------------------------------------------------- pages


def test_evidence_links_land_on_the_sentence_in_the_review(server):
    page = fetch(server, "/id/person/alex-garland")[3]
    links = set(re.findall(r'href="(/id/review/[^"#]+)#(s-\d+)"', page))
    assert links
    for review, anchor in links:
        review_page = fetch(server, review)[3]
        assert re.search(rf'<mark class="evidence-sentence( [^"]*)?" id="{anchor}">', review_page), anchor


def test_review_page_shows_its_text_with_names_marked_and_its_facts(server):
    status, _, _, page = fetch(server, "/id/review/never-let-me-go")
    assert status == 200
    assert 'class="review-text"' in page and "Hailsham" in page  # words of the review itself
    assert re.search(r'<a class="mention kind-Person" href="/id/person/alex-garland"', page)
    assert re.search(r'<a class="mention kind-Character" href="/id/character/kathy--never-let-me-go"', page)
    facts = re.findall(r"<li>(.*?)</li>", page.split('class="facts-list"')[1], re.S)
    assert any("wrote the screenplay of" in f for f in facts)


def test_review_page_explains_a_fact_on_request(server):
    """Each fact's "why?" link shows how the extractor read its sentence: the template, the rule,
    what each slot became and the facts it gave, as `atlas extract --explain` does."""
    page = fetch(server, "/id/review/never-let-me-go")[3]
    assert "explanation" not in page  # only on request
    links = re.findall(r'<a class="source" href="#s-(\d+)">[^<]*</a>\s*<a class="why" href="\?explain=(\d+)#why"', page)
    assert links and all(anchor == offset for anchor, offset in links)
    sentence = next(offset for offset, text in re.findall(r'href="#s-(\d+)">“([^”]*)”', page)
                    if text.startswith("Never Let Me Go directed by Mark Romanek"))
    status, _, _, why = fetch(server, f"/id/review/never-let-me-go?explain={sentence}")
    assert status == 200
    section = why.split('<section class="explanation" id="why"')[1].split("</section>")[0]
    assert "<strong>credit-line-screen</strong>" in section
    assert "⟨0⟩ directed by ⟨1⟩" in section and "p (person): Mark Romanek" in section
    assert "gave director of Never Let Me Go (film): Mark Romanek" in section
    assert fetch(server, "/id/review/never-let-me-go?explain=3")[0] == 404  # no sentence starts there
    assert fetch(server, "/id/review/never-let-me-go?explain=x")[0] == 400


def test_path_page_writes_and_draws_the_paths(server):
    query = urllib.parse.urlencode({"from": GARLAND, "to": ISHIGURO})
    status, _, _, page = fetch(server, "/path?" + query)
    assert status == 200
    sentence = re.sub(r"<[^>]+>", "", page.split('<p class="sentence">')[1].split("</p>")[0])
    assert sentence == ("Alex Garland wrote the screenplay of Never Let Me Go (film), an adaptation of "
                        "Never Let Me Go (novel) by Kazuo Ishiguro.")
    assert 'id="graph-data"' in page
    assert fetch(server, "/path?from=" + urllib.parse.quote(GARLAND))[0] == 404


def test_entity_page_offers_the_path_to_ishiguro_in_one_click(server):
    page = fetch(server, "/id/person/alex-garland")[3]
    links = [urllib.parse.parse_qs(urllib.parse.urlsplit(href.replace("&amp;", "&")).query)
             for href in re.findall(r'href="(/path\?[^"]+)"', page)]
    assert {"from": [GARLAND], "to": [ISHIGURO]} in links, links


def test_kind_colours_are_one_table(server):
    from graph.network import COLOURS

    css = fetch(server, "/kinds.css")[3]
    for kind, colour in COLOURS.items():
        assert f".kind-{kind} {{ --kind: {colour}; }}" in css


# ---------------------------------------------------------------- offline and security basics


@pytest.mark.parametrize("path", ["/", "/id/person/alex-garland", "/id/review/never-let-me-go",
                                  f"/path?from={GARLAND}&to={ISHIGURO}", "/search?q=garland",
                                  "/id/work/persepolis--film", "/book-or-film"])
def test_pages_load_nothing_from_another_origin(server, path):
    status, _, headers, page = fetch(server, path)
    assert status == 200
    for attribute, url in re.findall(r'\b(src|href|action)="([^"]*)"', page):
        assert url.startswith(("/", "?", "#")) and not url.startswith("//"), (attribute, url)
    csp = headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "http" not in csp


def test_vis_network_is_served_by_the_app(server):
    page = fetch(server, "/id/person/alex-garland")[3]
    scripts = re.findall(r'<script src="([^"]+)"', page)
    vis = [s for s in scripts if s.endswith("vis-network.min.js")]
    assert vis, scripts
    status, ctype, _, body = fetch(server, vis[0])
    assert status == 200 and ctype in ("text/javascript", "application/javascript") and "vis-network" in body[:500]


def test_pages_escape_what_they_are_given(server):
    status, _, _, page = fetch(server, "/search?q=" + urllib.parse.quote("<script>alert(1)</script>"))
    assert status == 200
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    status, _, _, page = fetch(server, "/id/person/alex-garland?depth=" + urllib.parse.quote("<b>"))
    assert status == 400 and "<b>" not in page


def test_the_app_never_runs_in_debug_mode(ro_store, server):
    from webapp import create_app

    app = create_app(ro_store)
    assert not app.debug and not app.testing
    status, _, _, page = fetch(server, "/id/person/alex-garland?depth=9")
    assert status == 400 and "Traceback" not in page and "Werkzeug Debugger" not in page
