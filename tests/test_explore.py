"""The explorer's reading of the graph (graph.explore, paths, picture, sentences, highlight) on
the store built from data/reviews, and on small hand-made networks where a case needs one."""
from __future__ import annotations

import networkx as nx
import pyoxigraph
import pytest

from conftest import ID
from graph import changes, paths, picture, queries
from graph.entity import Entity, entity
from graph.explore import Explorer
from graph.highlight import markup
from graph.network import COLOURS, DIFFERENCE_KINDS, RELATION_LABELS
from graph.sentences import Step, fact_parts, path_parts, text
from graph.vocab import ATLAS, DIFFERENCE_KIND

GARLAND = ID + "person/alex-garland"
ISHIGURO = ID + "person/kazuo-ishiguro"
NLMG_FILM = ID + "work/never-let-me-go--film"
NLMG_NOVEL = ID + "work/never-let-me-go--page"
LENA = ID + "character/lena--annihilation"


@pytest.fixture(scope="module")
def explorer(ro_store) -> Explorer:
    return Explorer(ro_store)


# ---------------------------------------------------------------- search


def test_search_finds_alex_garland_by_a_prefix_of_his_surname(explorer):
    found = explorer.search("garl")
    assert found and found[0].iri == GARLAND and found[0].kind == "Person"


def test_search_is_case_and_space_insensitive(explorer):
    assert [e.iri for e in explorer.search("  ALEX   garland ")] == [GARLAND]


def test_search_ranks_label_starts_then_word_starts_then_the_rest(explorer):
    found = [e.label.lower() for e in explorer.search("the", limit=50)]
    ranks = [0 if label.startswith("the") else 1 if " the" in label else 2 for label in found]
    assert ranks == sorted(ranks) and {0, 1} <= set(ranks), found
    beach = [e.label for e in explorer.search("beach")]
    assert beach.index("The Beach") < beach.index("On Chesil Beach")  # shorter first among word starts


def test_search_text_is_data_not_sparql(explorer):
    assert explorer.search('") } SELECT * WHERE { ?s ?p ?o } #') == []
    assert explorer.search("") == []


# ---------------------------------------------------------------- entity pages


def test_garland_works_are_grouped_by_role_in_year_order_with_evidence(explorer):
    sections = {s.heading: s for s in explorer.sections(GARLAND)}
    assert sections["Novelist"].direction == "in"  # a person is the object of a credit
    assert [i.entity.label for i in sections["Novelist"].items] == ["The Beach"]
    screenplays = [i.entity for i in sections["Screenwriter"].items]
    assert {"Never Let Me Go", "Annihilation"} <= {e.label for e in screenplays}
    years = [e.year for e in screenplays if e.year]
    assert years == sorted(years) and screenplays[:len(years)] == [e for e in screenplays if e.year]
    assert "Annihilation" in [i.entity.label for i in sections["Director"].items]
    for section in sections.values():
        for item in section.items:
            assert item.evidence, (section.heading, item.entity.label)
            for quote in item.evidence:
                assert quote.review.iri.startswith(ID + "review/") and quote.sentence


def test_a_novel_is_written_by_and_adapted_as(explorer):
    sections = {(s.relation, s.direction): s for s in explorer.sections(NLMG_NOVEL)}
    assert [i.entity.iri for i in sections["author", "out"].items] == [ISHIGURO]
    assert NLMG_FILM in [i.entity.iri for i in sections["adaptationOf", "in"].items]


def test_cast_says_whom_an_actor_plays_and_a_character_by_whom_in_what(explorer):
    cast = next(s for s in explorer.sections(NLMG_FILM) if s.relation == "castMember")
    roles = {i.entity.label: i.via.label for i in cast.items if i.via}
    assert roles.get("Carey Mulligan") == "Kathy", roles
    kathy = explorer.sections(ID + "character/kathy--never-let-me-go")
    played = next(s for s in kathy if s.relation == "characterRole")
    assert [(i.entity.label, i.via.iri) for i in played.items] == [("Carey Mulligan", NLMG_FILM)]
    assert played.items[0].evidence


def test_describe_is_the_entity_in_each_rdf_format(explorer):
    turtle = explorer.describe(GARLAND, pyoxigraph.RdfFormat.TURTLE)
    triples = list(pyoxigraph.parse(turtle, format=pyoxigraph.RdfFormat.TURTLE))
    assert any(t.subject.value == GARLAND and t.object == pyoxigraph.Literal("Alex Garland") for t in triples)
    assert any(t.object.value == GARLAND and t.predicate.value.endswith("#screenwriter") for t in triples)
    for fmt in (pyoxigraph.RdfFormat.N_TRIPLES, pyoxigraph.RdfFormat.JSON_LD):
        again = set(pyoxigraph.parse(explorer.describe(GARLAND, fmt), format=fmt))
        assert again == set(triples)


# ---------------------------------------------------------------- paths


def test_garland_to_ishiguro_is_three_steps_through_never_let_me_go(explorer):
    found = explorer.paths(GARLAND, ISHIGURO)
    assert found and len(found[0].steps) == 3
    assert found[0].sentence == ("Alex Garland wrote the screenplay of Never Let Me Go (film), "
                                 "an adaptation of Never Let Me Go (novel) by Kazuo Ishiguro")
    lengths = [len(p.steps) for p in found]
    assert lengths == sorted(lengths) and max(lengths) <= lengths[0] + paths.SLACK


def test_paths_never_go_through_a_review_or_a_difference(explorer):
    """A difference links its adaptation, source and characters as a review links its works."""
    pairs = [(GARLAND, ISHIGURO), (ID + "person/keira-knightley", ID + "person/danny-boyle"),
             (LENA, ID + "person/jeff-vandermeer"), (ID + "character/renton--trainspotting", ID + "person/irvine-welsh")]
    for source, target in pairs:
        found = explorer.paths(source, target)
        assert found, (source, target)
        for path in found:
            assert all(e.kind not in ("Review", "Difference") for e in path.entities), path.sentence


def test_paths_that_differ_in_one_entity_are_told_once(explorer):
    found = explorer.paths(GARLAND, ISHIGURO)
    middles = [tuple(e.iri for e in p.entities) for p in found]
    for i, a in enumerate(middles):
        for b in middles[i + 1:]:
            assert len(a) != len(b) or sum(x != y for x, y in zip(a, b)) > 1
    through_characters = [p for p in found if any(e.kind == "Character" for e in p.entities)]
    assert all(e.kind == "Character" for p in through_characters for e in p.also_through)


def test_a_path_may_start_at_a_review_and_none_joins_unknown_entities(explorer):
    assert explorer.paths(ID + "review/never-let-me-go", ISHIGURO)[0].steps[0].relation == "reviewOf"
    from_difference = explorer.paths(ID + "difference/annihilation--3", ID + "person/jeff-vandermeer")[0]
    assert from_difference.sentence == ("changed: Crawler, Lena is set against Annihilation (novel) "
                                        "by Jeff VanderMeer")
    assert explorer.paths(GARLAND, ID + "person/nobody") == []
    assert explorer.paths(GARLAND, GARLAND) == []


def test_suggestions_offer_ishiguro_from_garland(explorer):
    offered = explorer.suggestions(GARLAND)
    assert ISHIGURO in [e.iri for e, _ in offered]
    assert all(e.kind == "Person" and d in (2, 3) for e, d in offered)


def test_ranking_prefers_the_path_through_less_connected_entities():
    # a and b are linked through a film with three credits and through one with thirty.
    g = nx.MultiDiGraph()
    for n, kind in [("a", "Person"), ("b", "Person"), ("small", "Film"), ("big", "Film")]:
        g.add_node(n, label=n, kind=kind)
    for film in ("small", "big"):
        g.add_edge(film, "a", key="director", relation="director")
        g.add_edge(film, "b", key="castMember", relation="castMember")
    for i in range(30):
        g.add_node(f"x{i}", label=f"x{i}", kind="Person")
        g.add_edge("big", f"x{i}", key="castMember", relation="castMember")
    found = paths.paths(g, paths.walkable(g), "a", "b")
    # The two paths differ in the film only: one path, told through the small film, "also through" the big.
    assert [(p.entities[1].iri, [e.iri for e in p.also_through]) for p in found] == [("small", ["big"])]
    assert found[0].sentence == "a directed small (film), starring b"


# ---------------------------------------------------------------- sentences


def test_each_relation_reads_both_ways():
    work, person = Entity("w", "Atonement", "Novel", 2001), Entity("p", "Ian McEwan", "Person")
    for relation in RELATION_LABELS:
        assert text(path_parts([Step(work, relation, True, person)])).startswith("Atonement (novel) ")
        assert text(path_parts([Step(person, relation, False, work)])).startswith("Ian McEwan ")
    assert text(fact_parts(work, "author", person)) == "Ian McEwan wrote Atonement (novel)"
    assert text(fact_parts(work, "adaptationOf", work)) == "Atonement (novel) is an adaptation of Atonement (novel)"


# ---------------------------------------------------------------- pictures


def test_neighbourhood_picture_depth_and_relation_filter(explorer):
    one = explorer.picture(GARLAND, 1, None, str)
    two = explorer.picture(GARLAND, 2, None, str)
    ids = {n["id"] for n in one["nodes"]}
    assert {GARLAND, NLMG_FILM, ID + "work/the-beach--page"} <= ids
    assert len(two["nodes"]) > len(one["nodes"])
    directed = explorer.picture(GARLAND, 1, {"director"}, str)
    assert {e["relations"] == ["director"] for e in directed["edges"]} == {True}
    assert len(directed["nodes"]) < len(ids)
    for node in two["nodes"]:
        assert node["color"] == COLOURS[node["kind"]] and node["url"] == node["id"]
    assert {k["kind"] for k in two["legend"]} == {n["kind"] for n in two["nodes"]}
    assert two["options"]["physics"]["solver"] == "forceAtlas2Based"


def test_a_node_with_hundreds_of_neighbours_is_capped_and_summarised():
    g = nx.MultiDiGraph()
    g.add_node("film", label="Big Film", kind="Film")
    for i in range(400):
        g.add_node(f"p{i}", label=f"Actor {i:03}", kind="Person")
        g.add_edge("film", f"p{i}", key="castMember", relation="castMember")
    g.add_node("novel", label="Source", kind="Novel")
    g.add_edge("film", "novel", key="adaptationOf", relation="adaptationOf")
    g.add_edge("novel", "p0", key="author", relation="author")  # p0 and the novel are better connected
    data = picture.neighbourhood(g, "film", depth=2)
    drawn = [n for n in data["nodes"] if n["kind"] != "summary"]
    assert len(drawn) == 1 + picture.CAP
    assert {"novel", "p0"} <= {n["id"] for n in drawn}
    assert data["capped"] == [{"iri": "film", "label": "Big Film", "hidden": 401 - picture.CAP,
                               "summary": f"{401 - picture.CAP} cast member"}]
    summary = next(n for n in data["nodes"] if n["kind"] == "summary")
    assert summary["label"] == f"+{401 - picture.CAP} more"
    # Depth 2 from an actor: the film's other neighbours are capped too, and the whole stays bounded.
    around_actor = picture.neighbourhood(g, "p5", depth=2)
    assert len(around_actor["nodes"]) <= picture.MAX_NODES + len(around_actor["capped"])


def test_paths_picture_draws_every_step(explorer):
    found = explorer.paths(GARLAND, ISHIGURO)
    data = picture.paths_picture(found)
    assert {n["id"] for n in data["nodes"]} == {e.iri for p in found for e in p.entities}
    first = found[0]
    drawn = {(e["from"], e["to"]) for e in data["edges"]}
    for step in first.steps:
        assert (step.source.iri, step.target.iri) in drawn


# ---------------------------------------------------------------- review text


def test_review_page_marks_evidence_sentences_and_names(explorer):
    review = explorer.review(ID + "review/never-let-me-go")
    assert review is not None and review.facts
    text_again = "".join(p.text for b in review.blocks for p in b.pieces)
    assert text_again.startswith("Never Let Me Go") and "Kathy" in text_again
    sentences = {b.start: "".join(p.text for p in b.pieces) for b in review.blocks if b.start is not None}
    for fact in review.facts:
        if fact.start in sentences:  # overlapping sentences keep the first
            assert sentences[fact.start] == fact.sentence
    named = {p.entity.iri for b in review.blocks for p in b.pieces if p.entity}
    assert {GARLAND, ISHIGURO, ID + "character/kathy--never-let-me-go"} <= named
    assert any(f.subject.iri == GARLAND and f.relation == "screenwriter" for f in review.facts) or \
        any(f.object.iri == GARLAND for f in review.facts)


def test_markup_keeps_the_text_and_prefers_the_longest_name():
    text_ = "Miss Lucy says it. Lucy Smith agrees with Smith and Garland."
    people = [Entity("l", "Miss Lucy", "Character"), Entity("s", "Lucy Smith", "Person"),
              Entity("g", "Alex Garland", "Person"), Entity("t", "Tom Smith", "Person")]
    blocks = markup(text_, {"evidence": [(0, 18)]}, people)
    assert "".join(p.text for b in blocks for p in b.pieces) == text_
    assert blocks[0].start == 0 and blocks[1].start is None
    names = [(p.text, p.entity.iri) for b in blocks for p in b.pieces if p.entity]
    # "Smith" alone is two people's surname: not marked. "Garland" is Alex Garland's alone.
    assert names == [("Miss Lucy", "l"), ("Lucy Smith", "s"), ("Garland", "g")]


def test_markup_marks_a_sentence_by_each_thing_it_is():
    text_ = "One fact. A difference. Both at once. Plain."
    blocks = markup(text_, {"evidence": [(0, 9), (24, 37)], "difference": [(10, 23), (24, 37)]}, [])
    assert "".join(p.text for b in blocks for p in b.pieces) == text_
    marked = [(b.start, "".join(p.text for p in b.pieces), b.marks) for b in blocks if b.start is not None]
    assert marked == [(0, "One fact.", ("evidence",)), (10, "A difference.", ("difference",)),
                      (24, "Both at once.", ("evidence", "difference"))]
    assert all(b.marks == () for b in blocks if b.start is None)


def test_entity_of_a_node_and_unknown_ones(explorer):
    garland = entity(explorer.graph, GARLAND)
    assert garland.name == "Alex Garland" and garland.description == "person"
    film = entity(explorer.graph, NLMG_FILM)
    assert film.name == "Never Let Me Go (film)" and film.description.startswith("film")
    assert entity(explorer.graph, ID + "person/nobody") is None


# ---------------------------------------------------------------- what changed, book or film

ANNIHILATION_FILM = ID + "work/annihilation--film"
PERSEPOLIS_FILM = ID + "work/persepolis--film"


def test_an_adaptations_differences_are_the_stores_grouped_by_kind(explorer, ro_store):
    found = explorer.differences(ANNIHILATION_FILM)
    stored = queries.rows(ro_store, f"""SELECT ?d ?kind WHERE {{
        ?d <{ATLAS.adaptation.value}> <{ANNIHILATION_FILM}> ; <{ATLAS.differenceKind.value}> ?kind }}""")
    assert sorted(d.iri for d in found) == sorted(r["d"] for r in stored) and len(found) >= 3
    assert {d.iri: d.kind for d in found} == {r["d"]: DIFFERENCE_KINDS[r["kind"]] for r in stored}
    groups = changes.by_kind(found)
    order = list(DIFFERENCE_KIND)
    assert [kind for kind, _ in groups] == sorted({d.kind for d in found}, key=order.index)
    assert all(d.kind == kind for kind, ds in groups for d in ds)
    changed = next(d for d in found if "Crawler" in d.elements)
    assert changed.kind == "changed" and [c.label for c in changed.characters] == ["Lena"] and changed.elements == ("Crawler",)
    assert changed.adaptation.iri == ANNIHILATION_FILM and changed.source.kind == "Novel"
    text = queries.rows(ro_store, queries.internal("review"), review=pyoxigraph.NamedNode(changed.review.iri))[0]["text"]
    for d in found:  # each passage is the review's own sentence, at its offset
        assert d.passages and all(text[q.start:q.start + len(q.sentence)] == q.sentence for q in d.passages)


def test_a_character_lists_the_differences_about_them_and_a_review_those_it_notes(explorer):
    about_lena = explorer.differences(LENA)
    assert len(about_lena) == 2 and all(LENA in {c.iri for c in d.characters} for d in about_lena)
    noted = explorer.differences(ID + "review/persepolis")
    assert len(noted) == 4 and {d.review.iri for d in noted} == {ID + "review/persepolis"}
    assert [d.spoiler for d in noted].count(True) == 1
    assert explorer.differences(GARLAND) == []


def test_an_adaptations_tally_counts_its_reviews_by_side(explorer):
    annihilation, persepolis = explorer.tally(ANNIHILATION_FILM), explorer.tally(PERSEPOLIS_FILM)
    assert (annihilation["screen"], annihilation["page"], annihilation.reviews) == (1, 0, 1)
    assert (persepolis["page"], persepolis["screen"], persepolis.reviews) == (1, 0, 1)
    assert explorer.tally(GARLAND).reviews == 0


def test_tally_segments_cover_the_bar_and_leave_out_sides_no_review_takes():
    tally = changes.Tally.of(["page", "screen", "screen", "neither"])
    assert tally.reviews == 4 and tally.lead == 1
    assert tally.segments() == [("page", 1, 0.0, 25.0), ("screen", 2, 25.0, 50.0), ("neither", 1, 75.0, 25.0)]
    assert changes.Tally.of([]).segments() == []


def test_book_or_film_ranks_as_the_example_query_counts(explorer, ro_store):
    """The creators' tallies agree with ontology/queries/verdicts-by-creator.rq, run on the store."""
    ranking = explorer.book_or_film
    example = {e.name: e for e in queries.examples()}["verdicts-by-creator"]
    expected = {r["person"]: (r["screenWins"], r["bookWins"], r["reviews"]) for r in queries.rows(ro_store, example.text)}
    got = {r.entity.iri: (r.tally["screen"], r.tally["page"], r.tally.reviews) for r in ranking.creators}
    assert len(expected) >= 5 and got == expected
    garland = next(r for r in ranking.creators if r.entity.iri == GARLAND)
    assert {a.iri for a in garland.adaptations} == {ANNIHILATION_FILM, NLMG_FILM}
    for ranked in (ranking.adaptations, ranking.creators):
        leads = [r.tally.lead for r in ranked]
        assert leads == sorted(leads, reverse=True) and max(leads) > 0 > min(leads)
    assert {r.entity.iri for r in ranking.adaptations} >= {ANNIHILATION_FILM, PERSEPOLIS_FILM, NLMG_FILM}


def test_review_page_marks_difference_sentences_and_gives_the_verdict(explorer):
    review = explorer.review(ID + "review/persepolis")
    assert review.side == "page" and review.spoiler_warning is True and review.scores == {}
    marked = {b.start: b.marks for b in review.blocks if b.start is not None}
    passages = {q.start for d in review.differences for q in d.passages}
    assert passages and all("difference" in marked[start] for start in passages)
    assert {f.start for f in review.facts} - passages <= {s for s, m in marked.items() if m == ("evidence",)}
