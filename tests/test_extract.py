"""Extraction on real text with the real spaCy pipeline (quality scores live in test_extraction_quality.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import REVIEWS, review_files
from graph.extract import extract, extract_parsed, parse
from graph.read import Review, read_review

EVAL = REVIEWS.parent / "eval"


@pytest.mark.parametrize("path", review_files(), ids=lambda p: p.name)
def test_evidence_sentences_occur_in_the_review(path):
    review = read_review(path)
    facts = extract(review).to_json()
    evidence = [f["evidence"] for key in ("credits", "cast", "adaptations", "appearances", "works")
                for f in facts[key] if "evidence" in f]
    assert evidence
    for ev in evidence:
        assert ev["sentence"].strip(), ev
        assert ev["sentence"] in review.text, ev
        assert review.text[ev["start"]:ev["end"]] == ev["sentence"], ev


@pytest.mark.parametrize("path", review_files(), ids=lambda p: p.name)
def test_people_are_full_names_and_never_characters(path):
    facts = extract(read_review(path)).to_json()
    people = {c["person"] for c in facts["credits"]} | {c["actor"] for c in facts["cast"]}
    characters = {c["character"] for c in facts["cast"]}
    assert not people & characters
    for name in people:
        assert len(name.split()) >= 2, f"{name!r} is not a full name"


def test_reviews_parsed_together_come_out_in_order_with_the_facts_of_each_alone():
    reviews = [read_review(p) for p in review_files()[:3]]
    blank = Review(id="blank", path=Path("blank.txt"), title="", text="\n\n", sha256="0")
    stream = [blank, reviews[0], blank, reviews[1], reviews[2], blank]
    parsed = list(parse(stream))
    assert [p.review for p in parsed] == stream
    for p in parsed:  # each review holds spaCy's reading of its own lines, in order
        assert [doc.text for doc in p.docs] == [line for _, line in p.lines]
    for p in parsed:  # spaCy's batches span reviews; a review's facts do not depend on its neighbours
        assert extract_parsed(p).to_json() == extract(p.review).to_json()


def _review(tmp_path: Path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_review(path)


def test_surname_resolves_to_the_full_name_in_the_same_review(tmp_path):
    review = _review(tmp_path, "ex-machina.txt", (
        "Ex Machina Book vs Movie Review\n\n"
        "I seem to be on an accidental Alex Garland streak lately.\n\n"
        "Two weeks ago I covered Annihilation, which Garland wrote the script for and directed.\n"))
    facts = extract(review).to_json()
    credits = {(c["person"], c["role"], c["work"]) for c in facts["credits"]}
    assert ("Alex Garland", "screenwriter", "Annihilation (film)") in credits
    assert ("Alex Garland", "director", "Annihilation (film)") in credits
    assert not any(person == "Garland" for person, _, _ in credits)
    sentence = "Two weeks ago I covered Annihilation, which Garland wrote the script for and directed."
    assert all(c["evidence"]["sentence"] == sentence for c in facts["credits"]
               if c["work"] == "Annihilation (film)")


def test_surname_without_a_full_name_is_no_person(tmp_path):
    review = _review(tmp_path, "annihilation.txt", (
        "Annihilation Book vs Movie Review\n\n"
        "Two weeks ago I covered Annihilation, which Garland wrote the script for and directed.\n"))
    facts = extract(review).to_json()
    assert not [c for c in facts["credits"] if "Garland" in c["person"]]


def test_markdown_review_offsets_point_into_the_plain_text(tmp_path):
    review = _review(tmp_path, "the-beach.md", (
        "# The Beach Book vs Movie Review\n\n"
        "- **Novel:** *The Beach* by Alex Garland (1996)\n"
        "- **Film:** *The Beach* (2000)\n"
        "- **Director:** Danny Boyle\n\n"
        "Before *Alex Garland* was making movies, he was a novelist.\n"))
    assert "**" not in review.text and "#" not in review.text
    facts = extract(review).to_json()
    assert facts["credits"]
    for c in facts["credits"]:
        ev = c["evidence"]
        assert review.text[ev["start"]:ev["end"]] == ev["sentence"]


@pytest.mark.parametrize("ending, prefers", [
    ("It's hard to say which is better, but I would say the book.", "novel"),
    ("Which Is Better?\n\nThe movie. It simply works better on screen.", "film"),
    ("I loved the book, but I'm picking the movie.", "film"),
    ("The novel is far better, in the end.", "novel"),
    ("Both have their charms.", None),
    ("Verdict: the movie, by a nose.", "film"),
    ("Verdict: the book is richer, but this is the first film that feels like it.", "novel"),
    ("Verdict\n\nThe film is funnier; the book is sadder. I'd say the book.", "novel"),
    ("Which is better? The book, but only just.", "novel"),
    ("After the escape, the film beats the book.", "film"),
    ("The film is funnier. Which is better? Hard to say.", None),
    ("Both are great. I slightly prefer the story.", "novel"),
    ("Joe Wright's film wins, easily.", "film"),
    ("Book or film? The film, for Knightley alone.", "film"),
    ("Book: 4/5 | Film: 2/5", "novel"),
    ("Book: 3/5 | Film: 3/5", None),
    ("Verdict: the film is weaker than the novel.", None),
    ("On the whole the film tends to stick with the book.", None),
    ("Stick with the novel.", "novel"),
    ("Read the book; skip the film.", "novel"),
])
def test_verdict(tmp_path, ending, prefers):
    path = tmp_path / "review.txt"
    path.write_text("Atonement Book vs Movie Review\n\nAtonement by Ian McEwan (2001)\n\n"
                    "Atonement directed by Joe Wright (2007)\n\nThe story begins in 1935.\n\n" + ending + "\n",
                    encoding="utf-8")
    verdict = extract(read_review(path)).to_json()["verdict"]
    if prefers is None:
        assert verdict is None
    else:
        assert verdict["prefers"] == f"Atonement ({prefers})"
        assert verdict["evidence"]["sentence"] in path.read_text(encoding="utf-8")


def test_negated_and_hedged_credits_are_not_facts(tmp_path):
    path = tmp_path / "hedges.txt"
    path.write_text(
        "Atonement Book vs Movie Review\n\nAtonement by Ian McEwan (2001)\n\nAtonement directed by Joe Wright (2007)\n\n"
        "Richard Eyre was originally going to direct the movie before Joe Wright took over. "
        "Cecilia is not played by Rosamund Pike, as early rumours had it. "
        "Sam Mendes turned down the chance to direct it. "
        "There were rumours that Cate Blanchett would play Briony, but it never happened. "
        "James McAvoy plays Robbie Turner.\n", encoding="utf-8")
    facts = extract(read_review(path)).to_json()
    people = {c["person"] for c in facts["credits"]} | {c["actor"] for c in facts["cast"]} | {
        a["actor"] for a in facts["appearances"]}
    assert people == {"Ian McEwan", "Joe Wright", "James McAvoy"}


def _facts(tmp_path: Path, body: str, header: str = "Atonement Book vs Movie Review\n\nAtonement by Ian McEwan (2001)\n\n"
           "Atonement directed by Joe Wright (2007)\n\n") -> set[tuple]:
    """Every fact of a review as a flat tuple: ('credit', person, role, work), ('cast', actor, character,
    work), ('work', ref), ('adaptation', adaptation, source)."""
    facts = extract(_review(tmp_path, "review.txt", header + body + "\n")).to_json()
    return ({("credit", c["person"], c["role"], c["work"]) for c in facts["credits"]}
            | {("cast", c["actor"], c["character"], c["work"]) for c in facts["cast"]}
            | {("work", f"{w['title']} ({w['type']})") for w in facts["works"]}
            | {("adaptation", a["adaptation"], a["source"]) for a in facts["adaptations"]})


# Each general pattern with a sentence of its own (none taken from the evaluation reviews).
@pytest.mark.parametrize("body, wanted, unwanted", [
    # a credit block whose labels are plural, with the adapted book under "Source"
    ("Director: Ann Lowe | Writers: Tom Marsh, Ida Bell | Source: The Long Night by Rupert Vale (1961)",
     {("credit", "Tom Marsh", "screenwriter", "Atonement (film)"), ("credit", "Ida Bell", "screenwriter", "Atonement (film)"),
      ("credit", "Rupert Vale", "author", "The Long Night (book)")}, set()),
    ("Keira Knightley plays the doomed Cecilia.", {("cast", "Keira Knightley", "Cecilia", "Atonement (film)")}, set()),
    ("Tom Marsh's Harvest (1974), from Ida Bell's story \"The Reapers\", is another matter.",
     {("adaptation", "Harvest (film)", "The Reapers (short_story)"), ("credit", "Ida Bell", "author", "The Reapers (short_story)")},
     set()),
    ("The novel's Mrs. Tallis becomes Emily Tallis in the film, played by Harriet Walter, who is superb.",
     {("cast", "Harriet Walter", "Emily Tallis", "Atonement (film)")}, set()),
    ("The Long Night (1961), directed by Ann Lowe and written by Tom Marsh with Ida Bell, came first.",
     {("credit", "Ida Bell", "screenwriter", "The Long Night (film)"),
      ("credit", "Tom Marsh", "screenwriter", "The Long Night (film)")}, set()),
    ("The title comes from an older novel, Rupert Vale's The Long Night, about a lighthouse.",
     set(), {("work", "Rupert Vale (book)"), ("work", "Rupert Vale (novel)")}),
    ("Ian McEwan's other novels: Saturday (2005) and Solar (2010).",
     {("credit", "Ian McEwan", "author", "Saturday (novel)"), ("credit", "Ian McEwan", "author", "Solar (novel)")}, set()),
    ("His Enduring Love (1997), which Roger Michell filmed as Love Story in 2004, is darker.",
     {("adaptation", "Love Story (film)", "Enduring Love (book)")},
     {("credit", "Roger Michell", "director", "Enduring Love (film)")}),
    ("The film has a screenplay by the playwright Christopher Hampton, who keeps the structure.",
     {("credit", "Christopher Hampton", "screenwriter", "Atonement (film)")}, set()),
    ("Keira Knightley plays Cecilia, and it suits her; she was known from Bend It Like Beckham, where she played Jules.",
     {("cast", "Keira Knightley", "Jules", "Bend It Like Beckham (film)")}, set()),
    ("Ann Lowe, who had already filmed Edith Wharton's novel in The Reef (1999) and Henry James's in Daisy Miller (2003), "
     "knows restraint.",
     {("adaptation", "The Reef (film)", "The Reef (novel)"), ("credit", "Edith Wharton", "author", "The Reef (novel)"),
      ("credit", "Ann Lowe", "director", "The Reef (film)"), ("credit", "Henry James", "author", "Daisy Miller (novel)"),
      ("credit", "Ann Lowe", "director", "Daisy Miller (film)")}, set()),
    ("Iris Fenwick's Salt Marsh: A Coastal Year (2003) is a nature book, not a novel.",
     {("credit", "Iris Fenwick", "author", "Salt Marsh (book)")}, set()),
    ("Iris Fenwick wrote the novel Salt Marsh, and Tom Marsh directed Harvest. Years later, Iris Fenwick and Tom Marsh filmed her graphic novel Dry Creek.",
     {("credit", "Iris Fenwick", "author", "Dry Creek (comic)")}, {("credit", "Tom Marsh", "author", "Dry Creek (comic)")}),
    ("Iris Fenwick wrote the novel Salt Marsh, and Tom Marsh directed Harvest.",
     {("credit", "Tom Marsh", "director", "Harvest (film)")}, {("work", "Tom Marsh (novel)")}),
    ("Joe Wright had made Hanna (2011) with a much colder eye.",
     {("credit", "Joe Wright", "director", "Hanna (film)")}, {("work", "Hanna (book)")}),
    ("In 2017, Ann Lowe directed the first season of Dry Creek, and it was a hit.",
     {("credit", "Ann Lowe", "director", "Dry Creek (tv_series)")}, set()),
    ("James McAvoy plays Robbie. It came only a year after he played Mr. Tumnus in Narnia.",
     {("cast", "James McAvoy", "Mr. Tumnus", "Narnia (film)")}, set()),
    # a director's actor "as" a role: the actor is no film
    ("Ann Lowe directed Ida Bell as Cecilia, and she is wonderful.",
     {("credit", "Ann Lowe", "director", "Atonement (film)"), ("cast", "Ida Bell", "Cecilia", "Atonement (film)")},
     {("work", "Ida Bell (film)"), ("credit", "Ann Lowe", "director", "Ida Bell (film)")}),
    # a role described in an apposition, or after "is his/her"; the film's possessive calls no role a film
    ("Tom Marsh, as Robbie's brother Danny, is the film's secret weapon.",
     {("cast", "Tom Marsh", "Danny", "Atonement (film)")}, {("work", "Danny (film)")}),
    ("Ida Bell is her sister Briony, all nerves.", {("cast", "Ida Bell", "Briony", "Atonement (film)")}, set()),
    ("Ida Bell plays Cecilia, whose real name, Celia, the film reveals at the end.",
     {("cast", "Ida Bell", "Cecilia", "Atonement (film)")}, {("work", "Celia (film)")}),
    # a dated version "by" its director; a possessive title set against the book is the film
    ("The novel was filmed before: the 1990 attempt by Ann Lowe is forgotten.",
     {("credit", "Ann Lowe", "director", "Atonement (film)")}, set()),
    ("Tom Marsh's Atonement covers only the first half of the book.",
     {("credit", "Tom Marsh", "director", "Atonement (film)")}, {("credit", "Tom Marsh", "author", "Atonement (novel)")}),
    # a title that starts with a name: "Harry Potter and the Prisoner of Azkaban" is one title
    ("Ann Lowe later made Harry Potter and the Prisoner of Azkaban, directed by Alfonso Cuarón.",
     {("credit", "Alfonso Cuarón", "director", "Harry Potter and the Prisoner of Azkaban (film)")},
     {("work", "the Prisoner of Azkaban (film)"), ("work", "Prisoner of Azkaban (film)")}),
    # screenwriters: a credit, a partner after "he", the script "for" the director
    ("Ida Bell gets the only screenplay credit.", {("credit", "Ida Bell", "screenwriter", "Atonement (film)")}, set()),
    ("Ian McEwan's novel came first. Tom Marsh directed it, and he wrote the screenplay with Ida Bell.",
     {("credit", "Tom Marsh", "screenwriter", "Atonement (film)"), ("credit", "Ida Bell", "screenwriter", "Atonement (film)")},
     {("credit", "Ian McEwan", "screenwriter", "Atonement (film)")}),
    ("Ida Bell wrote the script for Wright.", {("credit", "Ida Bell", "screenwriter", "Atonement (film)")},
     {("work", "Wright (film)")}),
    # roles: "as the Major", "has the smaller part of"
    ("The remake came with Keira Knightley as the Major.", {("cast", "Keira Knightley", "Major", "Atonement (film)")}, set()),
    ("Ida Bell has the smaller part of Grace Turner.", {("cast", "Ida Bell", "Grace Turner", "Atonement (film)")}, set()),
    # "dir.", "directed the first film ... and he co-wrote", "wrote and directed as a comedy"
    ("Movie: Atonement (2007), dir. Ann Lowe", {("credit", "Ann Lowe", "director", "Atonement (film)")}, set()),
    ("Ian McEwan's novel came first. Tom Marsh directed the first film (2012), and he co-wrote the screenplay with Ida Bell.",
     {("credit", "Tom Marsh", "director", "Atonement (film)"), ("credit", "Tom Marsh", "screenwriter", "Atonement (film)"),
      ("credit", "Ida Bell", "screenwriter", "Atonement (film)")}, set()),
    ("And then there is Harvest (1995), which Ann Lowe wrote and directed as a comedy.",
     {("credit", "Ann Lowe", "director", "Harvest (film)"), ("credit", "Ann Lowe", "screenwriter", "Harvest (film)")},
     {("credit", "Ann Lowe", "author", "Harvest (book)")}),
    # "appears as the actor X", "plays the local sheriff, Buster"
    ("Ida Bell appears as the actor Arthur Leander.", {("cast", "Ida Bell", "Arthur Leander", "Atonement (film)")}, set()),
    ("Tom Marsh plays the local sheriff, Buster, who is new.", {("cast", "Tom Marsh", "Buster", "Atonement (film)")}, set()),
    # "almost" hedges a credit, not an adjective
    ("Ida Bell, almost unrecognisable, plays Grace Turner.", {("cast", "Ida Bell", "Grace Turner", "Atonement (film)")}, set()),
    ("Ida Bell almost played Grace Turner.", set(), {("cast", "Ida Bell", "Grace Turner", "Atonement (film)")}),
    ("Ida Bell was almost cast as Grace Turner.", set(), {("cast", "Ida Bell", "Grace Turner", "Atonement (film)")}),
    ("Ida Bell, almost unrecognised, plays Grace Turner.", {("cast", "Ida Bell", "Grace Turner", "Atonement (film)")}, set()),
    # no screenwriter without a film and a partner, no director of a title "as" another, nor of a stage version
    ("Ian McEwan, who wrote it over five years, is a careful stylist.", set(),
     {("credit", "Ian McEwan", "screenwriter", "Atonement (film)")}),
    ("Ann Lowe directed Red Harvest as Blood Moon.", set(), {("credit", "Ann Lowe", "director", "Atonement (film)")}),
    ("The stage version by Ida Bell came first.", set(), {("credit", "Ida Bell", "director", "Atonement (film)")}),
    # "who wrote it with", "written by" on the film's line, "drawn by"
    ("The film is directed by Joe Wright, who wrote it with Ida Bell.",
     {("credit", "Joe Wright", "screenwriter", "Atonement (film)"), ("credit", "Ida Bell", "screenwriter", "Atonement (film)")}, set()),
    ("Film: Atonement (2007), directed by Joe Wright, written by Ida Bell",
     {("credit", "Ida Bell", "screenwriter", "Atonement (film)")}, {("credit", "Ida Bell", "author", "Atonement (novel)")}),
    ("The comic Harvest, written by Tom Marsh, drawn by Ida Bell, came first.",
     {("credit", "Tom Marsh", "author", "Harvest (comic)"), ("credit", "Ida Bell", "author", "Harvest (comic)")}, set()),
    # "the 2009 stop-motion film" is the film at hand, "the other film" is not
    ("Ann Lowe wrote and directed the 2009 stop-motion film.",
     {("credit", "Ann Lowe", "director", "Atonement (film)"), ("credit", "Ann Lowe", "screenwriter", "Atonement (film)")}, set()),
    ("Ann Lowe directed the other film.", set(), {("credit", "Ann Lowe", "director", "Atonement (film)")}),
    # a role ends its phrase
    ("Ida Bell is the NASA director, Teddy Sanders.", set(), {("cast", "Ida Bell", "NASA", "Atonement (film)")}),
    # a screenplay may have several writers
    ("Ida Bell's screenplay keeps nearly all the dialogue.", {("credit", "Ida Bell", "screenwriter", "Atonement (film)")}, set()),
    # two actors, two roles, in order
    ("Ida Bell and Keira Knightley play the sisters, Briony and Cecilia.",
     {("cast", "Ida Bell", "Briony", "Atonement (film)"), ("cast", "Keira Knightley", "Cecilia", "Atonement (film)")}, set()),
    # the film, the adaptation, the script: the one the review is about
    ("Tom Marsh wrote the script. Ida Bell wrote and directed the best adaptation of the novel anyone has made.",
     {("credit", "Tom Marsh", "screenwriter", "Atonement (film)"), ("credit", "Ida Bell", "director", "Atonement (film)"),
      ("credit", "Ida Bell", "screenwriter", "Atonement (film)")}, set()),
])
def test_general_patterns(tmp_path, body, wanted, unwanted):
    facts = _facts(tmp_path, body)
    assert wanted <= facts, wanted - facts
    assert not unwanted & facts


def test_a_possessive_title_that_was_published_names_its_author(tmp_path):
    facts = _facts(tmp_path, "Iris Fenwick's Salt Marsh was published in 1931, and it has been filmed twice.",
                   header="Salt Marsh on Page and Screen\n\n")
    assert ("credit", "Iris Fenwick", "author", "Salt Marsh (novel)") in facts


def test_a_directors_film_in_a_review_of_a_serial_is_a_film_of_the_same_title(tmp_path):
    facts = _facts(tmp_path, "The 1981 serial was written by Hugh Crane and runs six hours. "
                   "Ann Lowe's film, from a screenplay by Tom Marsh, is half as long.",
                   header="Salt Marsh: Book vs Series\n\nIris Fenwick's Salt Marsh came out in 1931. "
                   "Salt Marsh was adapted twice, and I watched both.\n\n")
    assert ("credit", "Ann Lowe", "director", "Salt Marsh (film)") in facts
    assert ("credit", "Tom Marsh", "screenwriter", "Salt Marsh (film)") in facts


def test_episodes_split_between_two_directors(tmp_path):
    facts = _facts(tmp_path, "The direction is shared: Ann Lowe, who made Dry Creek, directed the first four "
                   "episodes, and Tom Marsh directed the last four.",
                   header="Salt Marsh: Book vs TV Series\n\nIris Fenwick's Salt Marsh came out in 1931. "
                   "Salt Marsh was adapted as a series in 2020.\n\n")
    assert {("credit", "Ann Lowe", "director", "Salt Marsh (tv_series)"),
            ("credit", "Tom Marsh", "director", "Salt Marsh (tv_series)"),
            ("credit", "Ann Lowe", "director", "Dry Creek (film)")} <= facts


def test_a_possessive_inside_a_title_and_filmed_it(tmp_path):
    facts = _facts(tmp_path, "Nobody forgets Bridget's Summer, Ann Lowe's 1996 novel, which borrowed the plot. "
                   "When Tom Marsh filmed it in 2001, with Emma Stone as Bridget Hale, the loop closed.")
    assert {("work", "Bridget's Summer (novel)"), ("credit", "Ann Lowe", "author", "Bridget's Summer (novel)"),
            ("credit", "Tom Marsh", "director", "Bridget's Summer (film)"),
            ("adaptation", "Bridget's Summer (film)", "Bridget's Summer (novel)"),
            ("cast", "Emma Stone", "Bridget Hale", "Bridget's Summer (film)")} <= facts
    assert not any(f[0] == "work" and f[1].startswith("Summer") for f in facts)


def test_a_headline_year_dates_the_film_and_a_dated_possessive_of_the_book_credits_no_director(tmp_path):
    facts = extract(_review(tmp_path, "dune.txt", (
        "Dune (2021) vs. the novel\n\n"
        "Frank Herbert's Dune (1965) was long called unfilmable.\n\n"
        "Denis Villeneuve directed the new one, and Timothée Chalamet plays Paul Atreides.\n"))).to_json()
    assert {(w["title"], w["type"], w["year"]) for w in facts["works"]} >= {("Dune", "novel", 1965), ("Dune", "film", 2021)}
    assert not [c for c in facts["credits"] if c["person"] == "Frank Herbert" and c["role"] == "director"]


def test_a_headline_drops_its_dated_parenthesis(tmp_path):
    facts = extract(_review(tmp_path, "tale.txt", (
        "The Handmaid's Tale (Hulu, 2017) — capsule review\n\n"
        "Margaret Atwood's 1985 novel becomes a TV series, and Elisabeth Moss plays Offred.\n"))).to_json()
    assert {(w["title"], w["type"]) for w in facts["works"]} == {
        ("The Handmaid's Tale", "novel"), ("The Handmaid's Tale", "tv_series")}
    assert {w["year"] for w in facts["works"] if w["type"] == "tv_series"} == {2017}
    assert {(c["actor"], c["character"], c["work"]) for c in facts["cast"]} == {
        ("Elisabeth Moss", "Offred", "The Handmaid's Tale (tv_series)")}


def test_each_numbered_section_of_one_title_takes_its_own_director(tmp_path):
    facts = extract(_review(tmp_path, "ranked.md", (
        "# Every Atonement, ranked\n\n"
        "Ian McEwan published Atonement in 2001, and it has been filmed twice.\n\n"
        "## 1. Atonement (2007)\n\nJoe Wright's film is the one everyone knows.\n\n"
        "## 2. Atonement (2019)\n\nAnn Lowe's colour-drained version is forgotten. Tom Marsh wrote the script.\n"))).to_json()
    directors = {c["person"] for c in facts["credits"] if c["role"] == "director" and c["work"] == "Atonement (film)"}
    assert directors == {"Joe Wright", "Ann Lowe"}
    assert ("Tom Marsh", "screenwriter", "Atonement (film)") in {(c["person"], c["role"], c["work"]) for c in facts["credits"]}


def test_a_cast_list_reads_all_its_lines_the_same_way(tmp_path):
    """The tagger knows some of these actors' names and not others': each line alone would
    come out either way round."""
    facts = extract(_review(tmp_path, "fellowship.md", (
        "# The Fellowship of the Ring: book vs. film\n\n"
        "Peter Jackson's film is a miracle.\n\n"
        "- Frodo Baggins (Elijah Wood)\n- Gandalf (Ian McKellen)\n- Aragorn (Viggo Mortensen)\n"
        "- Samwise Gamgee (Sean Astin)\n- Boromir (Sean Bean)\n- Galadriel (Cate Blanchett)\n\n"
        "McKellen is the film's anchor.\n"))).to_json()
    assert {(c["actor"], c["character"]) for c in facts["cast"]} == {
        ("Elijah Wood", "Frodo Baggins"), ("Ian McKellen", "Gandalf"), ("Viggo Mortensen", "Aragorn"),
        ("Sean Astin", "Samwise Gamgee"), ("Sean Bean", "Boromir"), ("Cate Blanchett", "Galadriel")}


def test_a_cast_list_of_dashed_lines_and_a_role_after_her(tmp_path):
    facts = _facts(tmp_path, "The cast:\n\nCecilia Tallis — Keira Knightley\n\nBriony Tallis — Saoirse Ronan\n\n"
                             "Robbie Turner — James McAvoy\n\nKnightley and Ronan are superb, and Benedict Cumberbatch, "
                             "who plays her cousin Paul, is a creep.")
    assert {("cast", "Keira Knightley", "Cecilia Tallis", "Atonement (film)"),
            ("cast", "Saoirse Ronan", "Briony Tallis", "Atonement (film)"),
            ("cast", "James McAvoy", "Robbie Turner", "Atonement (film)"),
            ("cast", "Benedict Cumberbatch", "Paul", "Atonement (film)")} <= facts


def test_a_long_title_is_not_read_as_the_shorter_title_it_ends_with(tmp_path):
    facts = _facts(tmp_path, "", header=(
        "The Fellowship of the Ring: Tolkien vs. Jackson\n\n"
        "Book: The Fellowship of the Ring by J.R.R. Tolkien (1954)\n"
        "Film: The Lord of the Rings: The Fellowship of the Ring (2001), directed by Peter Jackson\n"))
    assert ("credit", "Peter Jackson", "director", "The Lord of the Rings: The Fellowship of the Ring (film)") in facts
    assert ("work", "The Fellowship of the Ring (film)") not in facts


def test_italic_titles_name_the_works_a_short_headline_abbreviates(tmp_path):
    page = tmp_path / "shawshank.html"
    page.write_text(
        "<html><body><article><h1>Hope Is a Good Thing: Shawshank, Page and Screen</h1>"
        "<p>Stephen King's novella <em>Rita Hayworth and Shawshank Redemption</em> appeared in <em>Different Seasons</em>, "
        "the collection that gave us <em>The Body</em>, which Rob Reiner turned into <em>Stand by Me</em>.</p>"
        "<p>Frank Darabont wrote and directed <em>The Shawshank Redemption</em> (1994). Tim Robbins plays Andy Dufresne.</p>"
        "</article></body></html>", encoding="utf-8")
    facts = extract(read_review(page)).to_json()
    film = "The Shawshank Redemption (film)"
    assert {(a["adaptation"], a["source"]) for a in facts["adaptations"]} >= {
        (film, "Rita Hayworth and Shawshank Redemption (novel)"), ("Stand by Me (film)", "The Body (book)")}
    assert {(c["person"], c["role"], c["work"]) for c in facts["credits"]} >= {
        ("Frank Darabont", "director", film), ("Frank Darabont", "screenwriter", film), ("Rob Reiner", "director", "Stand by Me (film)")}
    assert {(c["actor"], c["character"], c["work"]) for c in facts["cast"]} == {("Tim Robbins", "Andy Dufresne", film)}
    titles = {(w["title"], w["type"]) for w in facts["works"]}
    assert ("The Body", "film") not in titles and not any(t == "Shawshank" for t, _ in titles)


def test_a_comic_by_two_and_a_film_credited_apart_from_its_list(tmp_path):
    facts = _facts(tmp_path, (
        "Alan Moore and Dave Gibbons's Watchmen (1986-87) is the comic everyone said could not be filmed. "
        "Zack Snyder finally directed it in 2009, from a screenplay by David Hayter and Alex Tse, and Moore, "
        "as usual, had his name taken off the credits. The film's ending differs; the HBO series went further."),
        header="Who Adapts the Watchmen?\n\n")
    assert {("credit", "Alan Moore", "author", "Watchmen (comic)"), ("credit", "Dave Gibbons", "author", "Watchmen (comic)"),
            ("credit", "Zack Snyder", "director", "Watchmen (film)"), ("credit", "David Hayter", "screenwriter", "Watchmen (film)"),
            ("credit", "Alex Tse", "screenwriter", "Watchmen (film)")} <= facts
    assert not {f for f in facts if f[0] == "credit" and f[1] == "Alan Moore" and f[2] != "author"}
    assert ("work", "Watchmen (tv_series)") not in facts  # one "film", one "series": the tie goes to the film


def test_a_possessive_before_the_credits_is_read_with_what_the_review_says_later(tmp_path):
    facts = _facts(tmp_path, "Iris Fenwick's Salt Marsh won every prize going. Years later Tom Marsh directed the film, "
                             "and it flopped.", header="Salt Marsh: Book vs Film\n\n")
    assert {("credit", "Iris Fenwick", "author", "Salt Marsh (novel)"), ("credit", "Tom Marsh", "director", "Salt Marsh (film)")} <= facts
    assert ("credit", "Iris Fenwick", "director", "Salt Marsh (film)") not in facts


def test_an_italic_title_in_the_headline_beats_a_word_named_more_often(tmp_path):
    facts = extract(_review(tmp_path, "fences.md", (
        "---\ntitle: \"Tides: From Broadway to the Backyard\"\n---\n\n"
        "Iris Fenwick's play *Tides* opened on Broadway in 1987 and ran on Broadway for years.\n\n"
        "Tom Marsh directs the film and stars as Troy.\n"))).to_json()
    assert {w["title"] for w in facts["works"]} == {"Tides"}


def test_a_newsletter_of_dated_sections_is_about_the_sections_works(tmp_path):
    facts = extract(_review(tmp_path, "monthly.txt", (
        "Page to Screen Monthly — November\n\n"
        "REBECCA (2020)\n\n"
        "Ann Lowe's Rebecca, on Netflix, is the second film of Iris Fenwick's 1938 novel, after Tom Marsh's Rebecca (1940). "
        "Ida Bell plays Mrs Danvers.\n\n"
        "THE LOST DAUGHTER (2021)\n\n"
        "Ann Lowe wrote the screenplay with the novelist Rupert Vale. Keira Knightley is Leda.\n"))).to_json()
    credits = {(c["person"], c["role"], c["work"]) for c in facts["credits"]}
    assert credits >= {("Iris Fenwick", "author", "Rebecca (novel)"), ("Tom Marsh", "director", "Rebecca (film)"),
                       ("Ann Lowe", "screenwriter", "The Lost Daughter (film)"),
                       ("Rupert Vale", "screenwriter", "The Lost Daughter (film)")}
    assert {(c["actor"], c["character"], c["work"]) for c in facts["cast"]} == {
        ("Ida Bell", "Mrs Danvers", "Rebecca (film)"), ("Keira Knightley", "Leda", "The Lost Daughter (film)")}
    titles = {w["title"] for w in facts["works"]}
    assert "Netflix" not in titles and "Page to Screen Monthly" not in titles


def test_a_dated_possessive_waits_for_what_the_review_says_later(tmp_path):
    facts = _facts(tmp_path, "Iris Fenwick's Salt Marsh (1963) has ten sentences. Tom Marsh's film of it runs two hours. "
                             "Years later, Ann Lowe remade it in English as Low Tide.",
                   header="Salt Marsh: Book vs Film\n\n")
    assert {("credit", "Iris Fenwick", "author", "Salt Marsh (novel)"), ("credit", "Tom Marsh", "director", "Salt Marsh (film)"),
            ("credit", "Ann Lowe", "director", "Low Tide (film)"), ("adaptation", "Low Tide (film)", "Salt Marsh (novel)")} <= facts
    assert ("credit", "Iris Fenwick", "director", "Salt Marsh (film)") not in facts


def test_a_quoted_story_the_headline_names_is_the_films_source(tmp_path):
    page = tmp_path / "arrival.html"
    page.write_text('<html><body><article><h1>Arrival and "Story of Your Life"</h1>'
                    '<p>Ted Chiang\'s novella "Story of Your Life" (1998) is about a linguist. Denis Villeneuve\'s '
                    '<em>Arrival</em> (2016) builds a thriller around it. Amy Adams plays Louise Banks.</p>'
                    '</article></body></html>', encoding="utf-8")
    facts = extract(read_review(page)).to_json()
    assert {(a["adaptation"], a["source"]) for a in facts["adaptations"]} == {("Arrival (film)", "Story of Your Life (novel)")}
    assert ("Ted Chiang", "author", "Story of Your Life (novel)") in {(c["person"], c["role"], c["work"]) for c in facts["credits"]}
    assert not [w for w in facts["works"] if w["title"] == "Arrival" and w["type"] != "film"]


def test_a_dated_possessive_with_nothing_else_to_go_by_credits_no_one(tmp_path):
    facts = _facts(tmp_path, "Iris Fenwick's Salt Marsh (2008) is my whole teenage personality. The film is fine.",
                   header="Salt Marsh — book vs. movie!!\n\n")
    assert not [f for f in facts if f[0] == "credit" and f[1] == "Iris Fenwick" and f[2] == "director"]


def test_a_headline_of_a_title_and_a_tagline_is_the_title(tmp_path):
    facts = _facts(tmp_path, "Three films of the novel, and a modern retelling.", header="Salt Marsh, Three Ways\n\n")
    assert ("work", "Salt Marsh (novel)") in facts and not [f for f in facts if "Three Ways" in str(f)]



def test_an_owner_the_tagger_does_not_know_is_no_title(tmp_path):
    review = _review(tmp_path, "emma.txt", (EVAL / "emma.txt").read_text(encoding="utf-8"))
    works = {w["title"] for w in extract(review).to_json()["works"]}
    assert "Emma" in works and "Autumn de Wilde" not in works  # "Autumn de Wilde's Emma (2020), written by ..."


def test_upper_case_headings_keep_the_titles_case(tmp_path):
    facts = extract(_review(tmp_path, "monthly.txt", (
        "Page to Screen Monthly\n\nTHE HANDMAID'S TALE (2017)\n\nElisabeth Moss plays Offred in The Handmaid's Tale.\n\n"
        "THE LORD OF THE RINGS (2001)\n\nElijah Wood plays Frodo.\n"))).to_json()
    assert {w["title"] for w in facts["works"]} == {"The Handmaid's Tale", "The Lord of the Rings"}


def test_a_possessive_phrase_ends_at_a_preposition(tmp_path):
    facts = _facts(tmp_path, "This is Tom Marsh's noir on film.",
                   header="Atonement Book vs Movie Review\n\nAtonement by Ian McEwan (2001)\n\n")
    assert not [f for f in facts if f[0] == "credit" and f[1] == "Tom Marsh"]


def test_the_owner_of_a_known_title_is_a_person_the_tagger_missed():
    facts = extract(read_review(EVAL / "the-road.html")).to_json()
    assert ("Cormac McCarthy", "author", "The Road (novel)") in {(c["person"], c["role"], c["work"]) for c in facts["credits"]}


def test_the_possessive_after_adaptation_of_is_the_book(tmp_path):
    facts = _facts(tmp_path, "Tom Marsh's first American film is an adaptation of Iris Fenwick's Salt Marsh, published "
                             "two years earlier.", header="Salt Marsh (1940)\n\n")
    assert ("credit", "Iris Fenwick", "author", "Salt Marsh (novel)") in facts
    assert ("credit", "Iris Fenwick", "director", "Salt Marsh (film)") not in facts


def test_a_year_before_a_name_the_review_gives_is_no_part_of_it():
    # The tagger reads "Garth Jennings" here as a place; the credit line has named him.
    from graph.read import text_review

    page = ("The Long Ice: Book vs. Film\n\nDirected by Garth Jennings.\n\n"
            "The Long Ice was a quiet novel, and in 2015 Garth Jennings turned it into a film from a screenplay by Ann Pell.\n")
    facts = extract(text_review(page, "page")).to_json()
    assert {w["title"] for w in facts["works"]} == {"The Long Ice"}
    assert {(c["person"], c["role"]) for c in facts["credits"]} == {("Garth Jennings", "director"), ("Ann Pell", "screenwriter")}


@pytest.mark.parametrize("name, shaped", [
    ("Tuva Novotny", True), ("E. M. Forster", True), ("Sally Hawkins", True), ("Emily Blunt", True),
    ("Essentially Vonnegut", False),  # an adverb opening the sentence
    ("Laura J.", False),  # an initial for a surname: a blogger's byline
    ("Ruth Okonjo. Lanterns", False),  # a sentence's end inside
])
def test_what_reads_as_a_persons_name(name, shaped):
    from graph.extract.names import person_shaped

    assert person_shaped(name) is shaped
