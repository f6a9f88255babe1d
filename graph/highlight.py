"""A review's text marked up for reading: its marked sentences (a fact's evidence, a difference's
passage) and the entities it names."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .entity import Entity


@dataclass(frozen=True)
class Piece:
    text: str
    entity: Entity | None = None  # the entity these words name
    also: tuple[Entity, ...] = ()  # other entities with the same name (a novel and its film)


@dataclass
class Block:
    start: int | None  # the offset of a marked sentence; None for the text between them
    pieces: list[Piece] = field(default_factory=list)
    marks: tuple[str, ...] = ()  # what the sentence is: "evidence" (of a fact), "difference"...


def _names(entities: list[Entity]) -> dict[str, list[Entity]]:
    """The words that name each entity: its label and, for a person, a surname no one else in the
    review has (extraction resolved "Garland" to Alex Garland the same way)."""
    names: dict[str, list[Entity]] = {}
    for e in entities:
        names.setdefault(e.label, []).append(e)
    people = [e for e in entities if e.kind == "Person" and " " in e.label]
    surnames = [e.label.rsplit(" ", 1)[1] for e in people]
    for e, surname in zip(people, surnames):
        if surnames.count(surname) == 1 and surname not in names and len(surname) > 2:
            names[surname] = [e]
    return names


def _mentions(text: str, entities: list[Entity]) -> list[tuple[int, int, list[Entity]]]:
    """Non-overlapping (start, end, entities) where the text names an entity; the longest name wins."""
    found = []
    for name, named in _names(entities).items():
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
            found.append((m.start(), m.end(), named))
    found.sort(key=lambda f: (f[0], f[0] - f[1]))
    kept, reached = [], 0
    for start, end, named in found:
        if start >= reached:
            kept.append((start, end, named))
            reached = end
    return kept


def markup(text: str, sentences: dict[str, list[tuple[int, int]]], entities: list[Entity]) -> list[Block]:
    """The text cut into blocks (the sentences marked, by mark, and the text between them), each
    cut into pieces (plain words and the names of entities)."""
    marks: dict[tuple[int, int], list[str]] = {}
    for mark, spans in sentences.items():
        for span in spans:
            if mark not in marks.setdefault(span, []):
                marks[span].append(mark)
    # Blocks: the sentences in text order, skipping any that overlaps one already taken.
    cuts: list[tuple[int, int, int | None]] = []
    reached = 0
    for start, end in sorted(marks):
        if start >= reached and end <= len(text):
            if start > reached:
                cuts.append((reached, start, None))
            cuts.append((start, end, start))
            reached = end
    if reached < len(text):
        cuts.append((reached, len(text), None))

    mentions = _mentions(text, entities)
    blocks = []
    for begin, end, anchor in cuts:
        block, at = Block(anchor, marks=tuple(marks[begin, end]) if anchor is not None else ()), begin
        for m_start, m_end, named in mentions:
            if m_start >= begin and m_end <= end:  # a name across a block's edge stays plain
                if m_start > at:
                    block.pieces.append(Piece(text[at:m_start]))
                named = sorted(named, key=lambda e: (e.year or 0, e.kind, e.iri))
                block.pieces.append(Piece(text[m_start:m_end], named[0], tuple(named[1:])))
                at = m_end
        if at < end:
            block.pieces.append(Piece(text[at:end]))
        blocks.append(block)
    return blocks
