"""Entity resolution across reviews: one IRI per person and per work."""
from __future__ import annotations

import re

import pytest
from slugify import slugify

from conftest import ATLAS, ID
from graph import queries
from graph.facts import Work
from graph.resolve import Resolver, entity_iri

GARLAND = ID + "person/alex-garland"
ISHIGURO = ID + "person/kazuo-ishiguro"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def ask(store, query: str) -> bool:
    return bool(store.query(query))


def people_labelled(store, surname: str) -> set[str]:
    rows = queries.rows(store, f"""
        SELECT DISTINCT ?p WHERE {{ ?p a <{ATLAS}Person> ; <{RDFS_LABEL}> ?l .
                                    FILTER(CONTAINS(LCASE(STR(?l)), "{surname.lower()}")) }}""")
    return {r["p"] for r in rows}


def test_alex_garland_is_one_person(ro_store):
    assert people_labelled(ro_store, "Garland") == {GARLAND}
    labels = queries.rows(ro_store, f"SELECT DISTINCT ?l WHERE {{ <{GARLAND}> <{RDFS_LABEL}> ?l }}")
    assert [r["l"] for r in labels] == ["Alex Garland"]


@pytest.mark.parametrize("work, role", [
    ("the-beach--page", "author"),
    ("never-let-me-go--film", "screenwriter"),
    ("annihilation--film", "director"),
    ("annihilation--film", "screenwriter"),
])
def test_alex_garland_credits(ro_store, work, role):
    assert ask(ro_store, f"ASK {{ <{ID}work/{work}> <{ATLAS}{role}> <{GARLAND}> }}"), \
        f"Alex Garland is not {role} of {work}"


def test_alex_garland_links_three_works_across_reviews(ro_store):
    rows = queries.rows(ro_store, f"""
        SELECT DISTINCT ?g ?w WHERE {{ GRAPH ?g {{ ?w ?role <{GARLAND}> }}
          VALUES ?role {{ <{ATLAS}author> <{ATLAS}director> <{ATLAS}screenwriter> }} }}""")
    assert {r["w"].rsplit("/", 1)[-1] for r in rows} >= {"the-beach--page", "never-let-me-go--film",
                                                         "annihilation--film"}
    assert len({r["g"] for r in rows}) >= 3  # three reviews, one node


def test_kazuo_ishiguro_is_one_person_across_reviews(ro_store):
    assert people_labelled(ro_store, "Ishiguro") == {ISHIGURO}
    graphs = {r["g"].rsplit("/", 1)[-1] for r in queries.rows(
        ro_store, f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?w <{ATLAS}author> <{ISHIGURO}> }} }}")}
    assert {"never-let-me-go", "the-remains-of-the-day"} <= graphs
    for work in ("never-let-me-go--page", "the-remains-of-the-day--page"):
        assert ask(ro_store, f"ASK {{ <{ID}work/{work}> <{ATLAS}author> <{ISHIGURO}> }}"), work


def test_person_iris_are_name_slugs(ro_store):
    rows = queries.rows(ro_store, f"SELECT DISTINCT ?p ?l WHERE {{ ?p a <{ATLAS}Person> ; <{RDFS_LABEL}> ?l }}")
    assert rows
    for r in rows:
        assert r["p"] == ID + "person/" + slugify(r["l"]), r


MEDIUM_OF_CLASS = {"Film": "film", "TVSeries": "tv-series"}


def test_work_iris_are_title_and_medium_slugs(ro_store):
    rows = queries.rows(ro_store, f"""
        SELECT ?w (SAMPLE(?l) AS ?label) (GROUP_CONCAT(DISTINCT STRAFTER(STR(?c), "#"); separator=" ") AS ?classes)
        WHERE {{ ?w a <{ATLAS}Work> ; <{RDFS_LABEL}> ?l ; a ?c . FILTER(STRSTARTS(STR(?c), "{ATLAS}")) }}
        GROUP BY ?w""")
    assert len(rows) >= 10
    for r in rows:
        classes = set(r["classes"].split())
        screen = {MEDIUM_OF_CLASS[c] for c in classes if c in MEDIUM_OF_CLASS}
        assert len(screen) <= 1, r
        medium = screen.pop() if screen else "page"
        pattern = re.escape(ID + "work/" + slugify(r["label"]) + "--" + medium) + r"(--\d{4})?"
        assert re.fullmatch(pattern, r["w"]), r
        labels = queries.rows(ro_store, f"SELECT DISTINCT ?l WHERE {{ <{r['w']}> <{RDFS_LABEL}> ?l }}")
        assert len(labels) == 1, (r["w"], labels)  # one label per work, however many reviews name it


def test_book_and_film_of_one_title_are_two_works(ro_store):
    for title in ("the-beach", "never-let-me-go", "annihilation"):
        page, film = f"<{ID}work/{title}--page>", f"<{ID}work/{title}--film>"
        assert ask(ro_store, f"ASK {{ {film} <{ATLAS}adaptationOf> {page} }}"), title


# --- graph.resolve.Resolver on its own --------------------------------------------

BASE = ID + "work/sense-and-sensibility--film"


def test_remake_with_another_year_gets_a_year_suffix():
    r = Resolver()
    assert r.work(Work("Sense and Sensibility", "film", 1995)).value == BASE
    assert r.work(Work("Sense and Sensibility", "film", 2008)).value == BASE + "--2008"
    assert r.work(Work("Sense and Sensibility", "film", 1995)).value == BASE
    assert r.work(Work("Sense and Sensibility", "film", 2008)).value == BASE + "--2008"


def test_mention_without_year_is_the_base_work():
    r = Resolver()
    r.work(Work("Sense and Sensibility", "film", 1995))
    r.work(Work("Sense and Sensibility", "film", 2008))
    assert r.work(Work("Sense and Sensibility", "film", None)).value == BASE
    assert Resolver().work(Work("Sense and Sensibility", "film", None)).value == BASE


def test_known_works_from_the_store_are_reused():
    r = Resolver(known_works=[(BASE, "Sense and Sensibility", 1995)])
    assert r.work(Work("sense & sensibility", "film", None)).value == BASE
    assert r.work(Work("Sense and Sensibility", "film", 1995)).value == BASE
    assert r.work(Work("Sense and Sensibility", "film", 2008)).value == BASE + "--2008"


def test_a_year_first_seen_later_stays_the_base_work():
    r = Resolver()
    assert r.work(Work("The Beach", "film", None)).value == ID + "work/the-beach--film"
    assert r.work(Work("The Beach", "film", 2000)).value == ID + "work/the-beach--film"
    assert r.work(Work("The Beach", "film", 2000)).value == ID + "work/the-beach--film"


def test_medium_not_kind_tells_works_apart():
    r = Resolver()
    novel = r.work(Work("The Beach", "novel", 1996))
    book = r.work(Work("The Beach", "book", None))
    film = r.work(Work("The Beach", "film", 2000))
    assert novel == book and novel.value == ID + "work/the-beach--page"
    assert film.value == ID + "work/the-beach--film"
    assert r.work(Work("The Beach", "tv_series", None)).value == ID + "work/the-beach--tv-series"


def test_people_and_characters_keep_their_first_label():
    r = Resolver(known_labels=[(GARLAND, "Alex Garland")])
    iri = r.person("alex garland")
    assert iri.value == GARLAND and r.label(iri, "alex garland") == "Alex Garland"
    miss = r.character("Miss Emily", "Never Let Me Go")
    assert miss == entity_iri("character", "Miss Emily", "Never Let Me Go")
    assert miss.value == ID + "character/miss-emily--never-let-me-go"


def test_misspelt_names_merge_only_when_unambiguous(tmp_path):
    """'Jodi Foster' in one review is the Jodie Foster another review names; the variant is kept as an altLabel."""
    from graph.ingest import ingest
    from graph.store import Store
    from graph import queries

    first = tmp_path / "lambs.txt"
    first.write_text("The Silence of the Lambs Book vs Movie Review\n\nThe Silence of the Lambs by Thomas Harris (1988)\n\n"
                     "The Silence of the Lambs directed by Jonathan Demme (1991)\n\nJodie Foster plays Clarice Starling.\n",
                     encoding="utf-8")
    second = tmp_path / "contact.txt"
    second.write_text("Contact Book vs Movie Review\n\nContact by Carl Sagan (1985)\n\nContact directed by Robert Zemeckis (1997)\n\n"
                      "Jodi Foster plays Ellie Arroway. Emma Stone plays nobody here, and Emma Thompson neither.\n",
                      encoding="utf-8")
    store = Store(tmp_path / "store")
    ingest(store, [first])
    ingest(store, [second])
    people = {r["p"] for r in queries.rows(store, "SELECT DISTINCT ?p WHERE { ?p a <https://w3id.org/adaptation-atlas/ontology#Person> }")}
    assert f"{ID}person/jodie-foster" in people and f"{ID}person/jodi-foster" not in people
    alt = queries.rows(store, f"SELECT ?a WHERE {{ <{ID}person/jodie-foster> <http://www.w3.org/2004/02/skos/core#altLabel> ?a }}")
    assert [r["a"] for r in alt] == ["Jodi Foster"]
    roles = queries.rows(store, f"SELECT ?w WHERE {{ ?w <https://w3id.org/adaptation-atlas/ontology#castMember> <{ID}person/jodie-foster> }}")
    assert {r["w"] for r in roles} == {f"{ID}work/the-silence-of-the-lambs--film", f"{ID}work/contact--film"}
