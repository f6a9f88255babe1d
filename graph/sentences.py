"""Links between entities written as English: a fact as a clause, a path as one sentence.

"Alex Garland wrote the screenplay of Never Let Me Go (film), an adaptation of Never Let Me Go
(novel) by Kazuo Ishiguro": the first step of a path is a clause, each later step a phrase that
says what the previous entity is to the next one.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .entity import Entity


@dataclass(frozen=True)
class Phrases:
    clause: str  # the first step: "{a} ... {b}"
    tail: str  # a later step, read after {a}: "..., {b}"


# relation -> (forward, backward). Forward goes from the triple's subject to its object
# (a film to its director); backward from the object to the subject (the director to the film).
PHRASES: dict[str, tuple[Phrases, Phrases]] = {
    "author": (Phrases("{a} was written by {b}", " by {b}"),
               Phrases("{a} wrote {b}", ", who wrote {b}")),
    "director": (Phrases("{a} was directed by {b}", ", directed by {b}"),
                 Phrases("{a} directed {b}", ", who directed {b}")),
    "screenwriter": (Phrases("{a} has a screenplay by {b}", ", with a screenplay by {b}"),
                     Phrases("{a} wrote the screenplay of {b}", ", who wrote the screenplay of {b}")),
    "castMember": (Phrases("{a} stars {b}", ", starring {b}"),
                   Phrases("{a} acted in {b}", ", who acted in {b}")),
    "character": (Phrases("{a} features {b}", ", which features {b}"),
                  Phrases("{a} is a character in {b}", ", a character in {b}")),
    "adaptationOf": (Phrases("{a} is an adaptation of {b}", ", an adaptation of {b}"),
                     Phrases("{a} was adapted as {b}", ", adapted as {b}")),
    "characterRole": (Phrases("{a} played {b}", ", who played {b}"),
                      Phrases("{a} was played by {b}", ", played by {b}")),
    "reviewOf": (Phrases("{a} reviews {b}", ", a review of {b}"),
                 Phrases("{a} is reviewed in {b}", ", reviewed in {b}")),
    "prefers": (Phrases("{a} prefers {b}", ", which prefers {b}"),
                Phrases("{a} is preferred in {b}", ", preferred in {b}")),
    "adaptation": (Phrases("{a} is a difference in {b}", ", a difference in {b}"),
                   Phrases("{a} differs from its source: {b}", ", which differs from its source: {b}")),
    "comparedWith": (Phrases("{a} is set against {b}", ", set against {b}"),
                     Phrases("{a} is the source in {b}", ", the source in {b}")),
    "concerns": (Phrases("{a} concerns {b}", ", which concerns {b}"),
                 Phrases("{a} figures in {b}", ", who figures in {b}")),
    "fromReview": (Phrases("{a} is noted in {b}", ", noted in {b}"),
                   Phrases("{a} notes {b}", ", which notes {b}")),
}

# A fact on its own reads best with the person first: "Alex Garland directed Annihilation (film)".
PERSON_FIRST = {"author", "director", "screenwriter", "castMember"}

# Where two entities are linked in several ways, the one a path's sentence tells.
PREFERENCE = ["adaptationOf", "author", "screenwriter", "director", "castMember", "characterRole",
              "character", "reviewOf", "prefers", "adaptation", "concerns", "comparedWith", "fromReview"]

Part = tuple[str, Entity | None]  # a piece of text, and the entity it names (None: plain words)


@dataclass(frozen=True)
class Step:
    source: Entity
    relation: str
    forward: bool  # True: source is the subject of the triple, False: its object
    target: Entity


def _fill(template: str, a: Entity | None, b: Entity) -> list[Part]:
    parts: list[Part] = []
    for piece in re.split(r"(\{[ab]\})", template):
        if piece == "{a}":
            parts.append((a.name, a))
        elif piece == "{b}":
            parts.append((b.name, b))
        elif piece:
            parts.append((piece, None))
    return parts


def _phrases(step: Step) -> Phrases:
    forward, backward = PHRASES[step.relation]
    return forward if step.forward else backward


def path_parts(steps: list[Step]) -> list[Part]:
    """A path as one sentence, in parts so that a page can link each entity it names."""
    if not steps:
        return []
    parts = _fill(_phrases(steps[0]).clause, steps[0].source, steps[0].target)
    for step in steps[1:]:
        parts += _fill(_phrases(step).tail, None, step.target)
    return parts


def fact_parts(subject: Entity, relation: str, obj: Entity) -> list[Part]:
    """One fact (subject relation object) as a clause."""
    if relation in PERSON_FIRST:
        return _fill(PHRASES[relation][1].clause, obj, subject)
    return _fill(PHRASES[relation][0].clause, subject, obj)


def text(parts: list[Part]) -> str:
    return "".join(piece for piece, _ in parts)
