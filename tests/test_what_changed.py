"""What changed and book or film (#14) in the explorer, served for real (conftest's `server`) and
read with urllib: an adaptation's differences and verdict bar, a character's differences, the
review page's marks, verdict and warnings, the "Book or film?" ranking and the JSON API; and the
differences and verdicts in the exports, read back by rdflib, pyoxigraph and networkx.
Spoilers in Chromium: test_browser.py."""
from __future__ import annotations

import gc
import io
import re
from collections import Counter
from html import unescape

import networkx as nx
import pyoxigraph
import pytest
import rdflib
from pyoxigraph import RdfFormat

from conftest import ID, REPO
from graph import network, queries
from graph.extract import extract
from graph.read import read_review
from graph.store import Store
from graph.vocab import ATLAS, DIFFERENCE_KIND
from test_export import exported, rdflib_term, triples_graph
from test_webapp import api, fetch

ANNIHILATION_FILM = ID + "work/annihilation--film"
LENA = ID + "character/lena--annihilation"
SPOILER = ID + "difference/persepolis--4"


def section(page: str, opening: str, closing: str = "</section>") -> str:
    """The HTML after the first `opening`, up to the next `closing`."""
    assert opening in page, opening
    return page.split(opening, 1)[1].split(closing, 1)[0]


def text(html: str) -> str:
    """What a reader sees of some HTML, its spaces as one."""
    return " ".join(unescape(re.sub(r"<[^>]+>", "", html)).split())


def test_adaptation_page_shows_what_changed_by_kind(server):
    noted = extract(read_review(REPO / "data" / "reviews" / "annihilation.md")).differences  # its one review
    counts = Counter(d.kind for d in noted)
    page = fetch(server, "/id/work/annihilation--film")[3]
    changed = section(page, '<section class="what-changed"')
    assert [text(h) for h in re.findall(r'<h3 class="difference-kind">(.*?)</h3>', changed)] == \
        [f"{kind.capitalize()} {counts[kind]}" for kind in DIFFERENCE_KIND if counts[kind]]
    items = re.findall(r'<li class="difference">(.*?)</li>\s*(?=<li class="difference">|</ul>\s*(?:<h3|$))', changed, re.S)
    assert len(items) == len(noted) >= 3
    changed_item = next(i for i in items if "Crawler" in i)
    # Chips: the character links to its page, an element is plain.
    assert re.search(r'<ul class="chips"[^>]*><li><a class="entity kind-Character" href="/id/character/lena--annihilation">Lena</a>',
                     changed_item)
    assert '<li class="element">Crawler</li>' in changed_item
    # Each difference quotes its sentence and links its review at that sentence.
    anchors = re.findall(r'<a class="source" href="(/id/review/annihilation)#(s-\d+)">Annihilation Book vs Movie Review</a>',
                         changed)
    assert len(anchors) == len(noted)
    review = fetch(server, "/id/review/annihilation")[3]
    for path, anchor in anchors:
        assert re.search(rf'<mark class="[^"]*\bdifference-sentence\b[^"]*" id="{anchor}">', review), anchor


def test_adaptation_page_shows_a_verdict_bar_with_its_counts(server):
    page = fetch(server, "/id/work/annihilation--film")[3]
    verdicts = section(page, '<section class="verdicts"')
    assert text(section(verdicts, "<figcaption>", "</figcaption>")) == "the book: 0 the film: 1 both: 0 neither: 0 of 1 review"
    assert re.findall(r'<rect class="side-(\w+)" x="([\d.]+)" y="0" width="([\d.]+)"', verdicts) == [("screen", "0.0", "100.0")]
    assert '<a href="/book-or-film">' in verdicts
    # A work that no review judges as an adaptation has no bar.
    novel = fetch(server, "/id/work/annihilation--page")[3]
    assert '<section class="verdicts"' not in novel and '<section class="what-changed"' not in novel


def test_a_spoiler_is_behind_a_click_and_nothing_else_is(server):
    page = fetch(server, "/id/work/persepolis--film")[3]
    hidden = re.findall(r'<details class="spoiler"><summary>Spoiler: show</summary>(.*?)</details>', page, re.S)
    assert len(hidden) == 1 and "I cried at the end of both" in hidden[0]
    outside = re.sub(r'<details class="spoiler">.*?</details>', "", page, flags=re.S)
    assert "I cried at the end of both" not in outside
    assert "The movie keeps the black-and-white look" in outside  # no spoiler: shown as it is


def test_a_character_page_lists_the_differences_about_them(server):
    page = fetch(server, "/id/character/lena--annihilation")[3]
    changed = section(page, '<section class="what-changed"')
    assert text(re.search(r"<h2[^>]*>(.*?)</h2>", changed).group(1)) == "What changed for Lena"
    kinds = re.findall(r'<span class="difference-kind">(\w+)</span> in <a class="entity kind-Film" href="/id/work/annihilation--film">',
                       changed)
    assert sorted(kinds) == ["added", "changed"]
    assert '<section class="what-changed"' not in fetch(server, "/id/person/alex-garland")[3]


def test_review_page_marks_difference_sentences_apart_and_gives_side_and_warning(server):
    page = fetch(server, "/id/review/persepolis")[3]
    marks = dict((anchor, set(classes.split())) for classes, anchor in
                 re.findall(r'<mark class="([^"]*)" id="(s-\d+)">', page))
    differences = {anchor for anchor, classes in marks.items() if "difference-sentence" in classes}
    evidence = {anchor for anchor, classes in marks.items() if "evidence-sentence" in classes}
    assert len(differences) == 4 and evidence - differences
    aside = page.split('<aside class="review-facts">', 1)[1].split("</aside>", 1)[0]
    assert {f"s-{n}" for n in re.findall(r'<a class="source" href="/id/review/persepolis#s-(\d+)">Persepolis Book', aside)} \
        == differences
    assert aside.count('<details class="spoiler">') == 1
    assert text(re.search(r'<p class="verdict-side">(.*?)</p>', page, re.S).group(1)) == "Side: the book"
    assert '<p class="spoiler-warning" role="note">' in page


@pytest.fixture(scope="module")
def scored_server(tmp_path_factory):
    """The explorer over a store holding one review that gives scores and warns of no spoiler."""
    from graph import curation
    from graph.ingest import ingest
    from graph.store import Store, open_store
    from webapp import create_app
    from webapp.server import serving

    location = tmp_path_factory.mktemp("scored") / "store"
    store = Store(location)
    report = ingest(store, [REPO / "data" / "eval" / "lovely-bones.txt"], curation=curation.load(None))
    assert not report.failed, report.failed
    del store
    gc.collect()  # RocksDB's lock goes with the last reference
    with serving(create_app(open_store(location, read_only=True))) as url:
        yield url


def test_review_page_shows_the_scores_and_no_warning_it_did_not_give(scored_server):
    page = fetch(scored_server, "/id/review/lovely-bones")[3]
    assert text(re.search(r'<p class="verdict-side">(.*?)</p>', page, re.S).group(1)) == \
        "Side: the book · Scores: book 4/5, screen 2/5"
    assert "spoiler-warning" not in page


def test_book_or_film_ranks_adaptations_and_creators_with_their_counts(server, ro_store):
    status, _, _, page = fetch(server, "/book-or-film")
    assert status == 200 and "<h1>Book or film?</h1>" in page
    adaptations, creators = page.split('<table class="ranking">')[1:3]

    def rows(table: str) -> dict[str, list[int]]:
        """name -> the counts: book, screen, both, neither, undecided, reviews."""
        found = {}
        for row in re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", table, re.S):
            name = text(re.search(r'<a class="entity[^"]*" href="[^"]*">(.*?)</a>', row).group(1))
            found[name] = [int(n) for n in re.findall(r'<td class="num[^"]*">(\d+)</td>', row)]
        return found

    by_creator = {e.name: e for e in queries.examples()}["verdicts-by-creator"]
    expected = {r["name"]: (r["bookWins"], r["screenWins"], r["reviews"]) for r in queries.rows(ro_store, by_creator.text)}
    listed = rows(creators)
    assert {name: (c[0], c[1], c[5]) for name, c in listed.items()} == expected
    assert all(sum(c[:5]) == c[5] for c in listed.values())
    films = rows(adaptations)
    assert films["Annihilation"] == [0, 1, 0, 0, 0, 1] and films["Persepolis"] == [1, 0, 0, 0, 0, 1]
    leads = [c[1] - c[0] for c in films.values()]  # in page order: the screen version's lead first
    assert leads == sorted(leads, reverse=True) and len(films) >= 9


@pytest.mark.parametrize("path", ["/", "/id/work/annihilation--film", "/book-or-film"])
def test_home_and_navigation_link_to_book_or_film(server, path):
    page = fetch(server, path)[3]
    nav = page.split('<nav class="site" aria-label="Site">', 1)[1].split("</nav>", 1)[0]
    assert '<a href="/book-or-film">Book or film?</a>' in nav and '<a href="/sparql">' in nav
    if path == "/":
        assert '<p class="more"><a href="/book-or-film">' in page


def test_api_differences_carry_the_spoiler_flag_and_the_verdicts(server):
    status, answer = api(server, "/api/differences", iri=ID + "work/persepolis--film")
    assert status == 200 and answer["entity"]["iri"] == ID + "work/persepolis--film"
    assert answer["verdicts"] == {"page": 1, "screen": 0, "both": 0, "neither": 0, "undecided": 0, "reviews": 1}
    flags = {d["iri"]: d["spoiler"] for d in answer["differences"]}
    assert len(flags) == 4 and flags.pop(SPOILER) is True and set(flags.values()) == {False}
    spoiler = next(d for d in answer["differences"] if d["iri"] == SPOILER)
    assert spoiler["kind"] == "faithful" and spoiler["elements"] == ["Marji"]
    passage = spoiler["passages"][0]
    assert passage["url"] == f"/id/review/persepolis#s-{passage['start']}" and "cried" in passage["sentence"]
    status, answer = api(server, "/api/differences", iri=LENA)
    assert status == 200 and {c["url"] for d in answer["differences"] for c in d["characters"]} == \
        {"/id/character/lena--annihilation"}
    assert api(server, "/api/differences", iri=ID + "work/nothing")[0] == 404


def test_a_difference_dereferences_as_a_record(server):
    status, ctype, _, page = fetch(server, "/id/difference/persepolis--4")
    assert status == 200 and ctype == "text/html"
    assert "atlas:spoiler" in page and "atlas:differenceKind" in page
    turtle = fetch(server, "/id/difference/persepolis--4?format=ttl")[3]
    assert "atlas:spoiler true" in turtle


# ---------------------------------------------------------------- exports

CHANGES = """PREFIX atlas: <https://w3id.org/adaptation-atlas/ontology#>
SELECT ?s ?p ?o WHERE {
  { ?s a atlas:Difference } UNION { ?difference a atlas:Difference ; atlas:passage ?s }
  UNION { VALUES ?p { atlas:verdictSide atlas:bookScore atlas:screenScore atlas:spoilerWarning } ?s ?p ?o }
  ?s ?p ?o }"""


def store_changes(store: Store) -> rdflib.Graph:
    """The store's differences (with their passages) and reviews' verdicts, as rdflib reads terms."""
    return triples_graph((rdflib_term(r["s"]), rdflib_term(r["p"]), rdflib_term(r["o"]))
                         for r in store.query(CHANGES))


@pytest.mark.parametrize("fmt", ["turtle", "jsonld"])
def test_turtle_and_jsonld_give_back_every_difference_and_verdict(ro_store, fmt):
    expected = store_changes(ro_store)
    atlas = rdflib.Namespace(network.ATLAS_NS)
    assert len(set(expected.subjects(rdflib.RDF.type, atlas.Difference))) >= 10
    assert (None, atlas.spoiler, rdflib.Literal(True)) in expected  # typed xsd:boolean, as the store has it
    assert len(set(expected.subjects(atlas.verdictSide, None))) == queries.counts(ro_store)["Review"]
    data = exported(ro_store, fmt)
    if fmt == "jsonld":  # the review graphs, as one graph of the triples they state
        dataset = rdflib.Dataset()
        dataset.parse(data=data, format="json-ld")
        got = triples_graph((s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None)))
    else:
        got = triples_graph(rdflib.Graph().parse(data=data, format="turtle"))
    missing = [t for t in expected if t not in got]
    assert not missing, f"{len(missing)} of {len(expected)} missing from {fmt}, e.g. {missing[:2]}"


def test_graphml_carries_differences_linked_to_their_adaptation_and_characters(ro_store):
    data = exported(ro_store, "graphml")
    for declared in ('attr.name="differenceKind" attr.type="string"', 'attr.name="spoiler" attr.type="boolean"',
                     'attr.name="verdictSide" attr.type="string"'):
        assert declared in data.decode("utf-8"), declared
    graph = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    found = queries.rows(ro_store, """PREFIX atlas: <https://w3id.org/adaptation-atlas/ontology#>
        SELECT ?d ?kind ?spoiler ?adaptation ?source WHERE {
          ?d a atlas:Difference ; atlas:differenceKind ?kind ; atlas:spoiler ?spoiler ;
             atlas:adaptation ?adaptation ; atlas:comparedWith ?source }""")
    nodes = {n: d for n, d in graph.nodes(data=True) if d["kind"] == "Difference"}
    assert found and set(nodes) == {r["d"] for r in found}
    assert {d["spoiler"] for d in nodes.values()} == {True, False}
    for r in found:
        assert nodes[r["d"]]["differenceKind"] == r["kind"].rsplit("#", 1)[1].lower()
        assert nodes[r["d"]]["spoiler"] is r["spoiler"]
        assert graph.has_edge(r["d"], r["adaptation"], key="adaptation")
        assert graph.has_edge(r["d"], r["source"], key="comparedWith")
    concerned = queries.rows(ro_store, f"SELECT ?d ?c WHERE {{ ?d <{ATLAS.concerns.value}> ?c }}")
    assert concerned
    for r in concerned:
        assert graph.has_edge(r["d"], r["c"], key="concerns") and graph.nodes[r["c"]]["kind"] == "Character"
    sides = queries.rows(ro_store, f"SELECT ?review ?side WHERE {{ ?review <{ATLAS.verdictSide.value}> ?side }}")
    assert sides and {r["review"]: r["side"] for r in sides} == \
        {n: d["verdictSide"] for n, d in graph.nodes(data=True) if "verdictSide" in d}


def test_an_adaptations_neighbourhood_rdf_holds_its_differences_and_their_passages(ro_store):
    around = network.neighbourhood(network.project(ro_store), ANNIHILATION_FILM, 1)
    differences = {n for n, kind in around.nodes(data="kind") if kind == "Difference"}
    assert differences
    data = exported(ro_store, "nquads", entity=ANNIHILATION_FILM, depth=1)
    got = {(q.subject, q.predicate, q.object) for q in pyoxigraph.parse(data, RdfFormat.N_QUADS)}
    about = ro_store.query(f"""SELECT DISTINCT ?s ?p ?o WHERE {{
        VALUES ?d {{ {" ".join(f"<{d}>" for d in differences)} }}
        {{ ?d ?p ?o BIND (?d AS ?s) }} UNION {{ ?d <{ATLAS.passage.value}> ?s . ?s ?p ?o }} }}""")
    expected = {(r["s"], r["p"], r["o"]) for r in about}
    assert any(p == ATLAS.passage for _, p, _ in expected) and any(p == ATLAS.concerns for _, p, _ in expected)
    assert expected <= got, sorted(map(str, expected - got))[:3]
