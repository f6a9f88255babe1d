"""The gazetteer of known works and people (graph/gazetteer.py): look-ups, nickname and misspelling
resolution, links to Wikidata, the store's additions and the switch; the shipped file and its builder."""
from __future__ import annotations

import gc
import gzip
import json
import subprocess
import sys

import pytest

from conftest import REPO
from graph.facts import Credit, Evidence, Extraction, Work
from graph.gazetteer import FILE, Gazetteer, KnownPerson, KnownWork

EV = Evidence("A sentence.", 0, 11, "test")

PEOPLE = [KnownPerson(n) for n in (
    "Steven Spielberg", "Sasha Spielberg", "Christopher Nolan", "Jonathan Nolan", "Stanley Kubrick",
    "Jodie Foster", "Mary Foster", "Preston Foster", "Anthony Hopkins", "Miriam Hopkins", "T. S. Eliot")]


@pytest.fixture(scope="module")
def small() -> Gazetteer:
    return Gazetteer(people=PEOPLE)


@pytest.fixture(scope="module")
def shipped() -> Gazetteer:
    return Gazetteer.default()


@pytest.mark.parametrize("written, meant", [
    ("Steve Spielberg", "Steven Spielberg"),  # nickname
    ("Chris Nolan", "Christopher Nolan"),
    ("Tony Hopkins", "Anthony Hopkins"),
    ("Stanley Kubrik", "Stanley Kubrick"),  # a letter lost from the surname
    ("Stanley Kubrikc", "Stanley Kubrick"),  # two swapped
    ("Jodi Foster", "Jodie Foster"),  # a letter lost from the given name
    ("jodie  FOSTER", "Jodie Foster"),  # the name itself, in another case
    ("TS Eliot", "T. S. Eliot"),  # initials run together
    ("Jdoie Foster", "Jodie Foster"),  # two letters of the given name swapped
])
def test_a_nickname_or_a_slip_names_the_one_known_person(small, written, meant):
    assert small.resolve_person(written) == KnownPerson(meant)


@pytest.mark.parametrize("written", [
    "Mark Foster",  # one letter from Mary Foster, but a name of its own: no guess
    "Ada Quill",  # nobody known
    "Spielberg",  # a surname alone
    "Steven Spielberger",  # a longer name is not a slip
    "Stan Kubrik",  # a nickname and a slip at once
    "Stanley Qubrick",  # a slip in the first letter
    "Ts Eliot",  # a given name, not initials
])
def test_no_guess_where_no_one_or_not_one_person_is_meant(small, written):
    assert small.resolve_person(written) is None


def test_two_people_a_nickname_could_mean_are_no_one():
    both = Gazetteer(people=[KnownPerson("Christopher Vale"), KnownPerson("Christina Vale")])
    assert both.resolve_person("Chris Vale") is None
    assert both.resolve_person("Christina Vale") == KnownPerson("Christina Vale")


def test_a_surname_many_people_share_takes_no_nickname():
    """Of 41 known Joneses, one Thomas: a Tom Jones in a review is likelier someone else."""
    many = Gazetteer(people=[KnownPerson("Thomas Jones"), *(KnownPerson(f"Person{i} Jones") for i in range(40))])
    few = Gazetteer(people=[KnownPerson("Thomas Jones"), KnownPerson("Carol Jones")])
    assert many.resolve_person("Tom Jones") is None
    assert few.resolve_person("Tom Jones") == KnownPerson("Thomas Jones")


def test_a_surname_hint_completes_a_given_name(small):
    assert small.resolve_person("Steve", surname_hint="Spielberg") == KnownPerson("Steven Spielberg")
    assert small.resolve_person("Steven", surname_hint="Spielberg") == KnownPerson("Steven Spielberg")
    assert small.resolve_person("Steve", surname_hint="Kubrick") is None
    assert small.resolve_person("Steve Spielberg", surname_hint="Nolan") is None  # the hint disagrees


def test_a_person_is_found_by_name_or_alias_with_the_canonical_name():
    g = Gazetteer(people=[KnownPerson("Kazuo Ishiguro", "Q272855", ("Kazuo Ishiguru",))])
    assert g.person("kazuo ishiguro") == g.person("Kazuo Ishiguru") == KnownPerson(
        "Kazuo Ishiguro", "Q272855", ("Kazuo Ishiguru",))
    assert g.resolve_person("Kazuo Ishiguru").name == "Kazuo Ishiguro"
    assert g.person("Kazuo") is None
    assert list(g.people_names()) == ["Kazuo Ishiguro", "Kazuo Ishiguru"]


def test_namesakes_with_two_items_are_a_known_name_without_an_item():
    g = Gazetteer(people=[KnownPerson("John Smith", "Q1"), KnownPerson("John Smith", "Q2")])
    assert g.person("John Smith") == KnownPerson("John Smith")
    same = Gazetteer(people=[KnownPerson("Ann Lee"), KnownPerson("Ann Lee", "Q3")])
    assert same.person("Ann Lee").qid == "Q3"


def test_works_are_found_by_title_key_and_listed():
    works = [KnownWork("The Beach", "book", 1996, "Q1197181", True, ("Alex Garland",)),
             KnownWork("The Beach", "film", 2000)]
    g = Gazetteer(works)
    assert g.works_titled("beach") == g.works_titled("THE BEACH!") == works
    assert g.works_titled("The Beaches") == []
    assert list(g.titles()) == works


# ---------------------------------------------------------------- links

LINKED = Gazetteer([
    KnownWork("Cloud Harbour", "book", 2001, "Q101", creators=("Ada Quill",)),
    KnownWork("Cloud Harbour", "film", 2004, "Q102"),
    KnownWork("Cloud Harbour", "film", 2019, "Q103"),
    KnownWork("Room", "book", 2010, "Q104", common=True, creators=("Emma Donoghue",)),
    KnownWork("Salt Lanterns", "film", 1999, "Q105"),
    KnownWork("Salt Lanterns", "film", 1999, "Q106"),
], [KnownPerson("Ada Quill", "Q201"), KnownPerson("Ben Orme")])


@pytest.mark.parametrize("work, authors, item", [
    (Work("Cloud Harbour", "novel"), (), "Q101"),  # the one book of the title: a novel is a book
    (Work("Cloud Harbour", "novel"), ("Ada Quill",), "Q101"),
    (Work("Cloud Harbour", "novel"), ("Ben Orme",), None),  # the review's author is not the source's
    (Work("Cloud Harbour", "film"), (), None),  # two films of the title, no year to tell them apart
    (Work("Cloud Harbour", "film", 2019), (), "Q103"),
    (Work("Cloud Harbour", "film", 2011), (), None),
    (Work("Cloud Harbour", "tv_series"), (), None),  # no series of that title
    (Work("Room", "novel"), (), None),  # a common word, and nothing else to go by
    (Work("Room", "novel"), ("Emma Donoghue",), "Q104"),
    (Work("Salt Lanterns", "film", 1999), (), None),  # two items of one title and year
])
def test_a_work_is_linked_only_to_the_one_item_it_can_be(work, authors, item):
    assert LINKED.work_item(work, authors) == item


def test_links_name_the_extractions_works_by_ref_and_people_by_name():
    novel, film = Work("Cloud Harbour", "novel"), Work("Cloud Harbour", "film", 2019)
    extraction = Extraction("r", "A review", "text", reviewed=[novel, film],
                            credits=[Credit("Ada Quill", "author", novel, EV), Credit("Ben Orme", "director", film, EV)])
    assert LINKED.links(extraction) == {"Cloud Harbour (novel)": "Q101", "Cloud Harbour (film)": "Q103",
                                        "Ada Quill": "Q201"}
    assert Gazetteer().links(extraction) == {}


def test_works_of_one_ref_and_several_years_are_not_linked():
    """Two films of one title in a review share the ref "Cloud Harbour (film)": its item would go to both."""
    films = [Work("Cloud Harbour", "film", 2004), Work("Cloud Harbour", "film", 2019)]
    assert LINKED.links(Extraction("r", "A review", "text", works=films)) == {}
    assert LINKED.links(Extraction("r", "A review", "text", works=films[1:])) == {"Cloud Harbour (film)": "Q103"}


def test_the_json_of_an_extraction_names_items_only_when_there_are_some():
    extraction = Extraction("r", "A review", "text")
    assert "wikidata" not in extraction.to_json()
    extraction.wikidata = {"B (film)": "Q2", "A (novel)": "Q1"}
    assert list(extraction.to_json()["wikidata"].items()) == [("A (novel)", "Q1"), ("B (film)", "Q2")]


# ---------------------------------------------------------------- the shipped file

@pytest.mark.parametrize("written, meant", [
    ("Steve Spielberg", "Steven Spielberg"), ("Chris Nolan", "Christopher Nolan"),
    ("Stanley Kubrik", "Stanley Kubrick"), ("Jodi Foster", "Jodie Foster"), ("Keira Knightly", "Keira Knightley"),
])
def test_the_shipped_gazetteer_knows_the_people_reviews_misname(shipped, written, meant):
    assert shipped.resolve_person(written).name == meant


@pytest.mark.parametrize("title", ["It", "Room", "Holes", "Wild", "Emma", "Her", "The Beach"])
def test_titles_that_are_everyday_words_or_names_are_flagged(shipped, title):
    found = shipped.works_titled(title)
    assert found and all(w.common for w in found)


@pytest.mark.parametrize("title, kind, item", [
    ("Never Let Me Go", "book", "Q951587"), ("Trainspotting", "book", "Q11279562"), ("Annihilation", "film", None)])
def test_distinctive_titles_are_not_flagged_and_keep_their_items(shipped, title, kind, item):
    found = [w for w in shipped.works_titled(title) if w.kind == kind]
    assert found and not any(w.common for w in found)
    assert item is None or item in {w.qid for w in found}


def test_the_shipped_file_is_compact_json_keyed_by_norm():
    from graph.facts import norm

    assert FILE.stat().st_size < 3 * 2**20
    with gzip.open(FILE, "rt", encoding="utf-8") as f:
        data = json.load(f)
    for table in ("works", "people"):
        key, rows = next(iter(data[table].items()))
        assert norm(rows[0][0]) == key


def test_a_changed_norm_rebuilds_the_keys(monkeypatch):
    """Keys the file was built with that the code's norm no longer gives are made anew."""
    from graph import gazetteer

    monkeypatch.setattr(gazetteer, "norm", lambda text: "x" + text.lower())
    rebuilt = gazetteer._indexed({"works": {"the beach": [["The Beach", "film", 2000, None, False, []]]},
                                  "people": {"alex garland": [["Alex Garland", None, []]]}})
    assert [w.year for w in rebuilt.works_titled("The Beach")] == [2000]
    assert rebuilt.person("Alex Garland") == KnownPerson("Alex Garland")


def test_switched_off_it_knows_nothing(monkeypatch, tmp_path):
    from graph.store import Store

    monkeypatch.setenv("ATLAS_GAZETTEER", "off")
    assert list(Gazetteer.default().titles()) == [] and Gazetteer.default().person("Steven Spielberg") is None
    store = Store(tmp_path / "store")
    assert list(Gazetteer.default().with_store(store).people_names()) == []
    monkeypatch.setenv("ATLAS_GAZETTEER", "on")
    assert Gazetteer.default().person("Steven Spielberg") is not None
    del store
    gc.collect()


def test_the_builder_says_what_it_needs():
    result = subprocess.run([sys.executable, "-m", "graph.gazetteer_build", str(REPO)], cwd=REPO,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "work_title_author.csv" in result.stderr


def test_the_builder_makes_the_shipped_file_from_the_shared_datasets(tmp_path):
    from graph import gazetteer_build

    sources = REPO.parent / "shared" / "datasets"
    if not (sources / gazetteer_build.WIKIDATA_WORKS).is_file():
        pytest.skip("shared/datasets is not beside the repository")
    gazetteer_build.write(*gazetteer_build.build(sources), tmp_path / "built.json.gz")
    assert (tmp_path / "built.json.gz").read_bytes() == FILE.read_bytes()


def test_the_store_adds_its_catalog_items_and_the_variants_reviews_wrote(tmp_path):
    """A Wikidata catalog import and a review in a real store: their works, items and people,
    and a misspelling a review merged, become known."""
    from graph.catalog import import_catalog
    from graph.rdf import review_quads
    from graph.read import Review
    from graph.resolve import Resolver, review_iri
    from graph.store import Store

    catalog = tmp_path / "films.csv"
    catalog.write_text("film,filmLabel,year,directorLabel,book,bookLabel,authorLabel\n"
                       "http://www.wikidata.org/entity/Q900,Glass Orchard,2011,Nell Pryce,"
                       "http://www.wikidata.org/entity/Q901,An Orchard of Glass,Tom Avery\n", encoding="utf-8")
    store = Store(tmp_path / "store")
    import_catalog(store, catalog)
    review = Review("orchard", tmp_path / "orchard.txt", "Orchard", "Nel Pryce directed it.", "0" * 64)
    extraction = Extraction("orchard", "Orchard", review.text, aliases=[("Nel Pryce", "Nell Pryce")])
    store.replace_graph(review_iri("orchard"), review_quads(review, extraction, Resolver()))

    known = Gazetteer().with_store(store)
    assert known.works_titled("Glass Orchard") == [KnownWork("Glass Orchard", "film", 2011, "Q900")]
    assert [(w.kind, w.qid) for w in known.works_titled("orchard of glass")] == [("book", "Q901")]
    assert known.person("Nel Pryce") == KnownPerson("Nell Pryce", None, ("Nel Pryce",))
    assert known.resolve_person("Tommy Avery") == KnownPerson("Tom Avery")
    assert known.work_item(Work("Glass Orchard", "film")) == "Q900"
    # Without the review's graph (as when that review is read again), its variant is not known.
    assert Gazetteer().with_store(store, excluding={review_iri("orchard").value}).person("Nel Pryce") is None
    # What the store adds goes to the copy only.
    assert known.person("Tom Avery") and Gazetteer.default().person("Tom Avery") is None
    del store
    gc.collect()
