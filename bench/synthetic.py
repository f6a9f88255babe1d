"""Synthetic book-vs-movie reviews with known facts, for benchmarks at any scale.

    .venv/bin/python bench/synthetic.py OUT_DIR --reviews 200     # REVIEW.txt and REVIEW.gold.json each

Each review is a few hundred words of ordinary English about one novel and its film: the book's
author, the film's director and screenwriter (sometimes the same person), and three to five
actors with the characters they play, each fact said in one of several ways, among sentences of
plot and opinion that name the characters again. Beside each review is its gold file in the
format graph/evaluate.py reads, so the extractor's F1 on them can be measured. The same seed
gives the same reviews; people recur across reviews, as directors and actors do.
"""
from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass
from pathlib import Path

FIRST = ("Alice Anna Ben Carla Daniel Edith Felix Grace Henry Iris Jonas Karen Leo Maria Nathan Olga Peter "
         "Rosa Simon Tessa Victor Wendy Adrian Beatrice Conrad Delia Elliot Fiona Gordon Helena Ivan Julia "
         "Kenneth Laura Martin Nora Oscar Paula Quentin Rachel Stefan Ursula Vincent Yvonne").split()
SURNAMES = ("Abbott Barlow Calloway Dempsey Ellison Fairbanks Galloway Hargreaves Ingram Jarvis Kendrick "
            "Lockhart Marchetti Northcott Osborne Pemberton Quinlan Ravenscroft Sandoval Thackeray Underwood "
            "Vance Whitlock Yardley Ashdown Blackwood Carrington Davenport Eastwick Fenwick Greenhalgh "
            "Holloway Kensington Langley Merriweather Oakley Prescott Redgrave Sinclair Talbot Wetherby").split()
PEOPLE = [f"{f} {s}" for f in FIRST for s in SURNAMES]
# Characters' first names are kept apart from the people's, so that no character is taken for a person.
CHARACTER_FIRST = ("Abigail Barnaby Clementine Dorian Esme Ferdinand Gwendolyn Horatio Imogen Jasper Lavinia "
                   "Montague Ophelia Percival Rosalind Sebastian Theodora Wilhelmina Cornelius Arabella "
                   "Leopold Marigold Ambrose Philippa").split()
CHARACTER_SURNAMES = "Ashby Brightwater Coldharbour Dunmore Everly Foxworth Greystone Hollins Merrow Stroud".split()
ADJECTIVES = ("Silent Hollow Distant Broken Golden Winter Crimson Quiet Forgotten Burning Patient Narrow "
              "Drowned Velvet Restless").split()
NOUNS = "Orchard Harbour Lantern Meridian Garden Tide Letter Island Cartographer Ferryman Archive Vineyard".split()
PLACES = "Kestrel Bay,Marrow Hill,Ashcombe,Larkspur Road,the Northern Reach,Saint Alder,Greyfield".split(",")


@dataclass(frozen=True)
class Synthetic:
    name: str  # the file's stem
    text: str
    gold: dict


def title(rng: random.Random) -> str:
    shapes = (lambda: f"The {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}",
              lambda: f"The {rng.choice(NOUNS)} of {rng.choice(PLACES)}",
              lambda: f"A {rng.choice(NOUNS)} in {rng.choice(PLACES)}",
              lambda: f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}s")
    return rng.choice(shapes)()


def review(i: int, seed: int = 0) -> Synthetic:
    """The i-th synthetic review and its gold facts."""
    rng = random.Random(f"{seed}-{i}")
    # Some 1,800 names: over a few hundred reviews, many people come back.
    author, director, writer, *actors = rng.sample(PEOPLE, 7)
    actors = actors[:rng.randint(3, 4)]
    if rng.random() < 0.3:
        writer = director  # "written and directed by"
    characters = [f"{f} {rng.choice(CHARACTER_SURNAMES)}" if rng.random() < 0.5 else f
                  for f in rng.sample(CHARACTER_FIRST, len(actors))]
    t = title(rng)
    book_year = rng.randint(1920, 2010)
    film_year = rng.randint(book_year + 2, 2023)
    book, film = f"{t} (novel)", f"{t} (film)"
    short = {a: a.split()[-1] for a in (author, director, writer, *actors)}

    paragraphs = [rng.choice((f"{t} Book vs Movie Review", f"{t}: Book or Film?", f"Book vs. Movie: {t}"))]
    if rng.random() < 0.5:  # credit lines under the headline, as many book blogs write them
        paragraphs.append(f"{t} by {author} ({book_year})\n\n{t} directed by {director} ({film_year})")
    paragraphs.append(" ".join([
        rng.choice((f"I finally got round to {author}'s novel {t}, first published in {book_year}.",
                    f"{t} is a novel by {author}, and it has sat on my shelf since {book_year} or so.",
                    f"My book club picked {t}, the {book_year} novel by {author}.")),
        rng.choice((f"The story follows {characters[0]} through one long summer in {rng.choice(PLACES)}.",
                    f"It is the story of {characters[0]}, who comes home to {rng.choice(PLACES)} after twenty years.",
                    f"At its heart is {characters[0]}, a stubborn and funny narrator.")),
        rng.choice(("The prose is careful and a little cold, but the last chapters are wonderful.",
                    "It is slow to start, and then impossible to put down.",
                    "I loved the letters that open every chapter.")),
    ]))
    if writer == director:
        crew = rng.choice((f"The {film_year} film was written and directed by {director}.",
                           f"The film ({film_year}) was written and directed by {director}, who clearly loves the book."))
    else:
        crew = " ".join([
            rng.choice((f"The {film_year} film was directed by {director}.",
                        f"{director} directs the film adaptation, released in {film_year}.",
                        f"The film adaptation, directed by {director}, came out in {film_year}.")),
            rng.choice((f"The screenplay is by {writer}.", f"The screenplay was written by {writer}.",
                        f"{writer} wrote the screenplay, and it cuts a lot.")),
        ])
    paragraphs.append(crew + " " + rng.choice(("It is shorter than the book but keeps its spirit.",
                                                "Most of the subplots are gone.",
                                                "The ending is changed, which I did not expect.")))
    cast = []
    for actor, character in zip(actors, characters):
        cast.append(rng.choice((f"{actor} plays {character}.", f"{actor} is wonderful as {character}.",
                                f"{character} is played by {actor}.", f"{actor} stars as {character}.")))
    cast.append(rng.choice((f"{short[actors[0]]} carries the whole film.",
                            f"I would watch {short[actors[1]]} in anything.",
                            f"{short[actors[-1]]} is wasted in a small part.")))
    paragraphs.append(" ".join(cast))
    paragraphs.append(" ".join([
        rng.choice((f"In the book, {characters[0]} and {characters[1]} barely speak until the final chapter.",
                    f"The scene where {characters[1]} finds the letters is better on screen.",
                    f"The film gives {characters[-1]} much more to do than the book does.")),
        rng.choice((f"{short[author]} writes about grief better than anyone.",
                    f"{short[director]} shoots the coast in grey and green, and it looks cold.",
                    "The music is lovely.")),
        rng.choice(("Some of the dialogue is lifted straight from the page.",
                    "A few scenes felt rushed, especially in the middle.",
                    "The pacing is uneven, but it never drags.")),
    ]))
    paragraphs.append("Which Is Better?")
    prefers_book = rng.random() < 0.6
    paragraphs.append(("The book, without a doubt. " if prefers_book else "The movie, for once. ")
                      + rng.choice(("Read it first, then watch the film on a rainy evening.",
                                    "Both are worth your time, though.",
                                    "I will be thinking about it for a while.")))

    credits = [{"person": author, "role": "author", "work": book},
               {"person": director, "role": "director", "work": film},
               {"person": writer, "role": "screenwriter", "work": film}]
    gold = {
        "review": {"title": paragraphs[0], "reviews": [book, film]},
        "works": [{"title": t, "type": "novel", "year": book_year}, {"title": t, "type": "film", "year": film_year}],
        "adaptations": [{"adaptation": film, "source": book}],
        "credits": credits,
        "cast": [{"actor": a, "character": c, "work": film} for a, c in zip(actors, characters)],
        "verdict": {"prefers": book if prefers_book else film},
    }
    return Synthetic(f"synthetic-{seed}-{i:05d}", "\n\n".join(paragraphs) + "\n", gold)


def write(folder: Path, count: int, seed: int = 0) -> list[Synthetic]:
    """`count` reviews and their gold files in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    made = [review(i, seed) for i in range(count)]
    for r in made:
        (folder / f"{r.name}.txt").write_text(r.text, encoding="utf-8")
        (folder / f"{r.name}.gold.json").write_text(json.dumps(r.gold, indent=1), encoding="utf-8")
    return made


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--reviews", type=int, default=100)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    made = write(args.out, args.reviews, args.seed)
    words = sum(len(r.text.split()) for r in made)
    print(f"{len(made)} reviews, {words:,} words, in {args.out}")


if __name__ == "__main__":
    main()
