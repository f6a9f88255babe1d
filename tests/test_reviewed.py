"""What a page reviews, found from the whole page: site furniture is no headline, the title comes
from the headline, a title line, a label, kind words or quotes, and a page that shows no title
well enough reviews none. Pages here are invented; they copy the shapes real pages have."""
from __future__ import annotations

import pytest

from graph.extract import extract
from graph.extract.furniture import furniture
from graph.read import text_review


def reviewed(text: str) -> list[str]:
    return extract(text_review(text, "page")).to_json()["review"]["reviews"]


def works(text: str) -> set[str]:
    return {w["title"] for w in extract(text_review(text, "page")).to_json()["works"]}


BODY = ("Moth Hunter follows a lighthouse keeper who collects rare moths. The novel is quiet; "
        "the film of Moth Hunter is louder, and I liked it less.\n")


def test_furniture_by_shape():
    lines = ["Home", "Reviews", "Film Stills", "Movie Posters",  # a menu: a run of short bare lines
             "Posted by marigold | March 3, 2019",  # a byline with its date
             "October 1, 2007",  # a dateline
             "Share this: Twitter Facebook",
             "Keira Knightley plays Cecilia in the film.",
             "Keira Knightley plays Cecilia in the film.",  # printed twice: the second is the copy
             "14 Comments"]
    assert furniture(lines, person_lines=set()) == {0, 1, 2, 3, 4, 5, 6, 8, 9}


def test_a_list_of_names_is_a_cast_not_a_menu():
    lines = ["Cast", "Lena Frost", "Owen Pike", "Dana Wolfe", "The film is long."]
    assert furniture(lines, person_lines={1, 2, 3}) == set()
    assert furniture(lines, person_lines={2}) == {0, 1, 2, 3}


@pytest.mark.parametrize("top", [
    "The Harbour Lights Weekly: Film",  # a site's name and section
    "Appreciating all the small things in life",  # a slogan
    "Film & TV Reviews",  # a section label
])
def test_a_site_line_above_the_title_is_not_the_title(top):
    page = f"{top}\n\nMoth Hunter\nDirected by Rufus Hale\n\n{BODY}"
    assert reviewed(page) == ["Moth Hunter (novel)", "Moth Hunter (film)"]
    assert not any(word in " ".join(works(page)) for word in ("Weekly", "Appreciating", "Reviews"))


def test_a_page_with_no_headline_takes_the_title_its_kind_words_give():
    page = ("I finally saw the film adaptation of Ada Crane's novel, Moth Hunter, and it was better than I feared. "
            "Rufus Hale directed it.\n\nMoth Hunter is slow in places.\n")
    assert reviewed(page) == ["Moth Hunter (novel)", "Moth Hunter (film)"]


def test_a_labelled_line_names_the_title():
    assert reviewed(f"Our Monthly Picks\n\nFILM REVIEW: Moth Hunter\n\n{BODY}")[1] == "Moth Hunter (film)"


def test_people_in_the_headline_are_not_the_title():
    page = (f"Lena Frost and Owen Pike Explain Why Moth Hunter Works\n\n{BODY}"
            "Lena Frost plays the keeper, and Owen Pike plays her brother.\n")
    assert reviewed(page) == ["Moth Hunter (novel)", "Moth Hunter (film)"]


def test_vs_inside_a_title_is_part_of_it():
    page = ("Moth Hunter vs. the Lantern: a faithful film\n\n"
            "Moth Hunter vs. the Lantern is the film of the comic, and Moth Hunter vs. the Lantern keeps its jokes.\n")
    assert reviewed(page)[1] == "Moth Hunter vs. the Lantern (film)"


def test_a_headline_of_two_titles_gives_the_book_and_the_film():
    page = ("Night Ferry and “The Ferryman's Daughter”\n\n"
            "Night Ferry is a film I love. It adapts the novella “The Ferryman's Daughter”, and Night Ferry keeps "
            "its ending.\n")
    assert set(reviewed(page)) == {"The Ferryman's Daughter (novel)", "Night Ferry (film)"}


def test_a_headline_that_is_only_a_title_names_it_even_unrepeated():
    assert reviewed("Moth Hunter (2019) — Review\n\nA quiet film about a keeper and his moths.\n")[1] == "Moth Hunter (film)"


def test_a_page_that_shows_no_title_reviews_nothing():
    page = "Doing all the things we love\n\nI watched something last night and read something after. Both were fine.\n"
    assert reviewed(page) == []
    assert works(page) == set()


# The gazetteer (graph.gazetteer) knows real works and people: it recognises, it adds no fact.

def facts_with(text: str, known):
    from graph.extract import extract_parsed, parse
    return extract_parsed(next(parse([text_review(text, "page")])), known=known).to_json()


def test_a_known_book_and_film_a_page_opens_with_is_what_it_reviews():
    from graph.gazetteer import Gazetteer

    page = "Dune was a surprise to me. Dune drags in the middle, but the desert looks wonderful.\n"
    assert facts_with(page, Gazetteer.default())["review"]["reviews"] == ["Dune (novel)", "Dune (film)"]
    assert facts_with(page, Gazetteer())["review"]["reviews"] == []  # without it: nothing marks the title


def test_a_known_name_is_spelt_as_its_person_and_the_variant_kept():
    from graph.gazetteer import Gazetteer

    facts = facts_with("Jaws Book vs Movie Review\n\nThe film was directed by Steve Spielberg.\n", Gazetteer.default())
    assert ("Steven Spielberg", "director", "Jaws (film)") in {(c["person"], c["role"], c["work"]) for c in facts["credits"]}
    assert {"variant": "Steve Spielberg", "person": "Steven Spielberg"} in facts["aliases"]


def test_a_known_actor_is_the_actor_of_a_pair_where_the_review_alone_would_say_otherwise():
    """The review calls the actor by first name and the character by surname, as reviews seldom
    do: by that alone "Keira Knightley (Cecilia Tallis)" reads character first."""
    from graph.extract.builder import Builder
    from graph.extract.rules.cast import actor_first
    from graph.gazetteer import Gazetteer

    text = "Keira Knightley (Cecilia Tallis). Keira smiles, Keira swims. The Tallis house, the Tallis fountain."
    full = {"keira knightley": "Keira Knightley", "cecilia tallis": "Cecilia Tallis"}
    assert not actor_first(Builder(text, dict(full), {}, [], known=Gazetteer()), "Keira Knightley", "Cecilia Tallis")
    assert actor_first(Builder(text, dict(full), {}, [], known=Gazetteer.default()), "Keira Knightley", "Cecilia Tallis")


def test_a_known_person_in_the_headline_is_no_title():
    from graph.gazetteer import Gazetteer

    from graph.extract.titles import candidates

    lines = ["Joseph Fiennes on Moth Hunter", "Moth Hunter follows a keeper, and Joseph Fiennes is in it."]
    assert "joseph fiennes" in candidates(lines, {}, (), Gazetteer())
    assert "joseph fiennes" not in candidates(lines, {}, (), Gazetteer.default())


def test_a_known_title_keeps_its_comma_its_case_and_the_name_it_ends_in():
    from graph.gazetteer import Gazetteer

    known = Gazetteer.default()
    comma = "Girl, Interrupted\n\nI saw the film first and read the memoir a year later. The memoir is sharper.\n"
    assert facts_with(comma, known)["review"]["reviews"] == ["Girl, Interrupted (memoir)", "Girl, Interrupted (film)"]
    lower = ("the curious case of benjamin button book and movie\n\n"
             "Benjamin Button is born old. The story is short; the film runs nearly three hours.\n")
    assert facts_with(lower, known)["review"]["reviews"][1] == "The Curious Case of Benjamin Button (film)"
    assert facts_with(comma, Gazetteer())["review"]["reviews"][:1] != ["Girl, Interrupted (memoir)"]


def test_a_headline_part_that_only_names_the_kinds_is_no_title():
    page = "The Novel vs The TV Show: Moth Hunter\n\n" + BODY
    assert reviewed(page) == ["Moth Hunter (novel)", "Moth Hunter (tv_series)"]
    assert "Vs Movie" not in works("Moth Hunter\n\nAnother of my Book Vs Movie posts. " + BODY)


def test_a_verb_in_a_title_cased_line_ends_no_name():
    from graph.extract.names import person_shaped

    assert not person_shaped("Matthew Vaughn Made Stardust")
    assert person_shaped("Matthew Vaughn")


def test_an_opening_imperative_or_adverb_alone_is_no_title():
    page = ("Moth Hunter: book vs movie\n\nRemember the 2004 novel by Ada Quill, Moth Hunter? The film is out. "
            "Surprisingly, the film of Moth Hunter is quieter than the novel.\n")
    assert not works(page) & {"Remember", "Surprisingly"}
    assert "Moth Hunter" in works(page)


def test_a_name_at_a_titles_end_is_a_persons_only_where_the_page_uses_it_so():
    from graph.extract.titles import _Acting, _names_person

    people = {"wren street": "Wren Street"}
    unused = "The Lamplighter of Wren Street is a slow novel. The film moves it to Wren Street's station."
    assert not _names_person("lamplighter of wren street", people, _Acting(people, unused), False)
    used = "The Lamplighter of Wren Street is a novel by Wren Street."
    assert _names_person("lamplighter of wren street", people, _Acting(people, used), False)


def test_a_headline_title_the_gazetteer_knows_only_as_a_film_is_the_film():
    from graph.gazetteer import Gazetteer

    page = ("Electric Sheep and Neon: Blade Runner vs. the Book Behind It\n\n"
            "Ridley Scott's Blade Runner is based on Philip K. Dick's novel Do Androids Dream of Electric Sheep?, "
            "and the two share little but a hunter of androids. The film is the one people quote.\n")
    assert facts_with(page, Gazetteer.default())["review"]["reviews"] == \
        ["Do Androids Dream of Electric Sheep (novel)", "Blade Runner (film)"]


def test_a_title_brought_to_the_screen_or_opening_in_theaters_is_what_is_reviewed():
    # No headline names it and the title is an everyday word: what is done with it says it is a film.
    page = ("News and Features 2004\n\nFrom the Page to the Cinema\n\n"
            "A small studio has brought Lanterns to the big screen, directed by Ruth Okonjo. "
            "Lanterns follows a girl who keeps a lighthouse. Lanterns opens in theaters in May.\n")
    assert reviewed(page) == ["Lanterns (novel)", "Lanterns (film)"]
    assert reviewed(page.replace("has brought Lanterns to the big screen", "has finished a film").replace(
        "Lanterns opens in theaters in May", "Lanterns is nice")) == []


def test_a_title_known_on_one_side_only_takes_its_partner_from_the_page():
    from graph.gazetteer import Gazetteer, KnownWork

    known = Gazetteer([KnownWork("Salt Harbour", "film", 2011), KnownWork("The Drowned Bell", "book", 1990),
                       KnownWork("Mara Quint and the Salt Harbour", "book", 1984),
                       KnownWork("Mara Quint and the Long Winter", "film", 2016), KnownWork("Mara Quint and the Long Winter", "book", 2001)])
    # the headline names both; the gazetteer tells which is the film
    page = ("Salt Harbour vs. The Drowned Bell\n\n"
            "“Salt Harbour” is loud where “The Drowned Bell” was quiet. I saw “Salt Harbour” twice, and I liked it.\n")
    assert facts_with(page, known)["review"]["reviews"] == ["The Drowned Bell (novel)", "Salt Harbour (film)"]
    assert facts_with(page, Gazetteer())["review"]["reviews"] != ["The Drowned Bell (novel)", "Salt Harbour (film)"]
    # a film whose words are all the book's is its film; another volume of the series is not
    page = ("The novel “Mara Quint and the Salt Harbour” is long. Then came the film of Salt Harbour, which is short. "
            "I read the novel twice.\n")
    assert facts_with(page, known)["review"]["reviews"] == ["Mara Quint and the Salt Harbour (novel)", "Salt Harbour (film)"]
    page = ("Mara Quint and the Salt Harbour: Book vs. Film\n\n"
            "The novel “Mara Quint and the Salt Harbour” is long, and I read the novel twice. It has a film too. "
            "I liked the film of “Mara Quint and the Long Winter” more.\n")
    assert facts_with(page, known)["review"]["reviews"] == ["Mara Quint and the Salt Harbour (novel)",
                                                            "Mara Quint and the Salt Harbour (film)"]


def test_a_series_named_as_one_gives_way_to_the_volume_the_page_reviews():
    from graph.gazetteer import Gazetteer, KnownWork

    known = Gazetteer([KnownWork("Moon Gate and the Glass Key", "book", 1999), KnownWork("Moon Gate and the Glass Key", "film", 2003)])
    page = ("Moon Gate is one of the best loved book series, and Moon Gate must save the day in every volume. "
            "This series is long.\n\nMoon Gate and the Glass Key: Facts\n\n"
            "The first book of the Moon Gate series, Moon Gate and the Glass Key, came out in 1999. "
            "The first movie of the Moon Gate series came in 2003, and Moon Gate and the Glass Key is a good movie.\n")
    assert facts_with(page, known)["review"]["reviews"] == ["Moon Gate and the Glass Key (novel)", "Moon Gate and the Glass Key (film)"]


def test_a_known_title_that_opens_with_a_kind_word_keeps_it():
    from graph.gazetteer import Gazetteer, KnownWork

    known = Gazetteer([KnownWork("The Book Collector", "book", 2005), KnownWork("The Book Collector", "film", 2013)])
    page = ("Episode transcript\n\nToday I am talking about the Book Collector by Ann Pell and its 2013 adaptation, "
            "the Book Collector, directed by Joe Rook.\n")
    assert facts_with(page, known)["review"]["reviews"] == ["The Book Collector (novel)", "The Book Collector (film)"]
    assert "Collector by Ann Pell" not in {w["title"] for w in facts_with(page, known)["works"]}


def test_a_known_person_the_tagger_misses_is_a_name_its_surname_stands_for():
    from graph.gazetteer import Gazetteer, KnownPerson

    page = ("The Salt Orchard: Book vs. Film\n\nCormac McCarthy and the Coen brothers - it is a wonder they have never teamed up before. "
            "In adapting McCarthy's novel, the Coens stay faithful to it.\n")
    credits = {(c["person"], c["role"]) for c in facts_with(page, Gazetteer(people=[KnownPerson("Cormac McCarthy")]))["credits"]}
    assert ("Cormac McCarthy", "author") in credits
    assert not {(c["person"], c["role"]) for c in facts_with(page, Gazetteer())["credits"]}


def test_a_prize_before_a_suspended_hyphen_is_no_title():
    page = ("Lanterns: Book vs. Film\n\nAdapted from the Nebula Medal- and Hugo Award-winning novel by Ruth Okonjo, "
            "and directed by Joe Rook, Lanterns opens in theaters in May.\n")
    assert not any("Nebula" in title for title in works(page))


def test_another_work_the_gazetteer_knows_is_read_as_one_name_apostrophe_and_all():
    from graph.gazetteer import Gazetteer, KnownWork

    page = "Salt Harbour: Book vs. Film\n\nSalt Harbour is directed by Ann Pell, who also directed All the Queen’s Horses.\n"
    wanted = ("Ann Pell", "director", "All the Queen's Horses (film)")

    def credits(known):
        return {(c["person"], c["role"], c["work"]) for c in facts_with(page, known)["credits"]}

    assert wanted in credits(Gazetteer([KnownWork("All the Queen's Horses", "film", 1999)]))
    assert wanted not in credits(Gazetteer())  # without it the possessive splits the title


def test_a_ratings_line_is_furniture():
    assert furniture(["Book: ★★★★★ (Author: Ann Pell)", "TV Series: ⭐️⭐️⭐️⭐️ (Streaming: HBO)",
                      "★★★★☆ Moth Hunter — a reread", "Moth Hunter is long."], person_lines=set()) == {0, 1}


def test_the_actors_of_a_film_are_no_title_of_it():
    page = ("Lanterns: Book vs. Film\n\nLanterns is a quiet novel. Ann Pell, Joe Rook, and Ulla-Britt Rask star in a film "
            "written by Tove Lind, based on the book by Ruth Okonjo.\n")
    assert works(page) == {"Lanterns"}


def test_a_word_before_the_compared_title_is_not_part_of_it():
    """"Comparing W book vs. movie": the title is the run the page names again, not the verb before it."""
    page = f"Contrasting Moth Hunter book vs. movie\n\n{BODY}"
    assert reviewed(page) == ["Moth Hunter (novel)", "Moth Hunter (film)"]
    assert not any("Contrasting" in w for w in works(page))


def test_a_year_on_a_credit_line_is_no_title():
    page = ("PAGE TO SCREEN: Moth Hunter (2012)\n\n2012, directed by Rufus Hale\n\n" + BODY)
    assert reviewed(page) == ["Moth Hunter (novel)", "Moth Hunter (film)"]
    assert "2012" not in works(page)


def test_a_books_subtitle_names_the_book_the_page_reviews():
    page = (f"Moth Hunter Movie vs. Book\n\n{BODY}It adapts “Moth Hunter,” the 2006 book by Ada Crane. Rufus Hale "
            "bought the rights to Crane's “Moth Hunter: A Keeper's Notebook” in 2009.\n")
    assert works(page) == {"Moth Hunter"}


def test_a_year_before_a_title_is_no_title():
    page = ("Marnie Book vs Movie\n\nMarnie (Ada Quill) is a thief in the film. In 1961, Marnie, written by Winston Graham, "
            "was published and soon became a hit.\n")
    assert "1961" not in works(page)


def test_an_acronym_the_page_does_not_set_apart_is_no_title():
    page = f"Moth Hunter Book vs Movie\n\n{BODY}While spending an evening at IMDB, I found the 2012 movie by Rufus Hale.\n"
    assert works(page) == {"Moth Hunter"}


def test_a_shorter_title_the_page_watched_is_the_film_of_a_book_known_both_ways():
    """The gazetteer knows "The Wonderful Wizard of Oz" as a book and as a (1910) film; the page
    watched "The Wizard of Oz", a film it knows too: that is the screen version reviewed."""
    page = ("My Reading Shelf: The Wonderful Wizard of Oz\n\nAuthor: L. Frank Baum\n\nI watched The Wizard of Oz every "
            "winter as a child, but only this year did I pick up The Wonderful Wizard of Oz. The book is stranger than "
            "the film.\n")
    book, film = reviewed(page)
    assert book == "The Wonderful Wizard of Oz (novel)" and film.removeprefix("The ") == "Wizard of Oz (film)"


def test_a_hero_the_work_is_named_for_is_the_work_a_credit_after_it_speaks_of():
    page = ("Marnie Book vs Movie\n\nMarnie (Ada Quill) is a thief in the film. In 1961, Marnie, written by Winston Graham, "
            "was published and soon became a hit.\n")
    credits = extract(text_review(page, "page")).to_json()["credits"]
    assert [(c["person"], c["role"], c["work"]) for c in credits] == [("Winston Graham", "author", "Marnie (novel)")]


def test_a_credit_line_naming_the_novel_and_its_author_names_the_book():
    page = ("Director: Rufus Hale, 2012\n\nMOTH HUNTER, novel by Ada Crane, first published in 1990\n\n"
            "I saw The Lamp first, then this film, and then read the original novel, Moth Hunter.\n")
    assert reviewed(page)[0].lower() == "moth hunter (novel)"


def test_a_title_directed_by_someone_is_a_screen_version():
    page = ("From the Archive. First published 13th June 2002:\n\nAda Crane's books have done well on screen, like those of "
            "H. G. Wells: The Invisible Man was filmed. Which brings us to the new version of Moth Hunter, directed by Rufus "
            "Hale and starring Owen Pike.\n")
    assert reviewed(page)[1] == "Moth Hunter (film)"
    assert not any("June" in w for w in works(page))


def test_titles_a_crawler_glued_together_are_no_title():
    page = (f"Moth Hunter Book vs Movie\n\n{BODY}Ada Crane is known for writing books such as The Lamp LighterCold Harbour, "
            "and Moth Hunter.\n")
    assert not any("LighterCold" in w for w in works(page))


def test_a_sites_name_and_its_related_links_are_not_what_is_reviewed():
    page = ("The Harbour Review\n\nRelated Links\n\nThe Lamp at Dusk by Ada Crane\n\nAda Crane's novel Moth Hunter is long, "
            "and the film of Moth Hunter is short. Rufus Hale directed it.\n")
    assert reviewed(page) == ["Moth Hunter (novel)", "Moth Hunter (film)"]
    assert "The Harbour" not in works(page)


def test_a_known_title_the_page_writes_with_a_small_verb_is_read_whole():
    page = f"Moth Hunter Book vs Movie\n\n{BODY}Nicola Yoon's The Sun is Also a Star came next on my list.\n"
    assert "The Sun is Also a Star" in works(page) and "The Sun" not in works(page)
