"""Works named with their kind ("the novel W", "W is a film", "W (the film, 2016)"), their years
("W (1940)"), and titles that can only be films ("films like W", "a role in W", "an Oscar for W")."""
from __future__ import annotations

import re

from ...facts import medium, norm
from ..clues import kind_of, owner_before, says_kind
from ..mentions import APOSTROPHES, PAGE_RE
from ..patterns import template
from ..registry import credit, reads, refuses, rule, work

KIND_TITLE = template(r"\b(?:(?<!\bin )the|a|an|(?P<owner>his|her|their))\s+(?:\w+\s+){0,2}?(?P<kind>KIND)\s*,?\s+(?:called\s+|titled\s+|named\s+)?{w}(?![" + APOSTROPHES + r"]s\b)")
TITLE_IS_KIND = template(r"{w}(?:,\s+(?:which\s+is\s+)?|\s+(?:which\s+is|is|was)\s+)(?:a|an|the|his|her|their)\s+(?:\w+\s+){0,2}?(?P<kind>KIND)\b")
TITLE_PAREN_KIND = template(r"{w}\s*\((?:the\s+)?(?P<kind>KIND)(?:,\s*(?P<year>\d{4}))?\)")
TITLE_YEAR = template(r"{w}\s*\((?P<year>1[5-9]\d\d|20\d\d)\)")
SEEN_IN = template(r"\b(?:movies|films)\b(?:\s+\w+){0,5}?\s+(?:aside\s+from|like|such\s+as|including|except)\s+{w}")
# the first title after it, closing quote and all: "(who starred in “Short Term 12”) and, as ..., X" names one film
ROLE_IN = template(r"\b(?:role\s+in|starring\s+in|starred\s+in|appeared\s+in)\s+[^.;]*?{w}(?=[”\"’]?\s*(?:[.,;:!?)]|$|which|and|where|opposite|with))")
AWARD_FOR = template(r"\b(?:won|winning|nominated\s+for)\s+(?:an?\s+|the\s+|two\s+|his\s+|her\s+)?"
                     r"(?:⟨\d+⟩|Oscars?|Academy\s+Awards?)\s+for\s+(?!(?:the\s+)?⟨\d+⟩\s+(?:for|in)\b){w}(?![^.;]*\bfor\s+(?:playing|his|her))")

HEAD = "Atonement Book vs Movie Review\n\n"
TITLE = {"w": "title"}


@rule("kind-title", asserts="works", priority=460, patterns=[KIND_TITLE], slots=TITLE, examples=[
    reads(HEAD + "Ian McEwan wrote it after his novel Enduring Love.",
          work("Enduring Love (novel)"), credit("Ian McEwan", "author", "Enduring Love (novel)")),
    refuses(HEAD + "I saw it in the film Keira Knightley made next."),
    refuses(HEAD + "It is the Booker Prize-winning novel of its year.")])
@rule("title-is-kind", asserts="works", priority=470, patterns=[TITLE_IS_KIND], slots=TITLE, examples=[
    reads(HEAD + "Enduring Love is a novel about an accident.", work("Enduring Love (novel)")),
    refuses(HEAD + "Briony, the film's narrator, is a novelist.")])
@rule("title-kind", asserts="works", priority=480, patterns=[TITLE_PAREN_KIND], slots=TITLE, examples=[
    reads(HEAD + "Then came Enduring Love (the film, 2004), which flopped.", work("Enduring Love (film)", 2004)),
    refuses(HEAD + "Then came Enduring Love (the play), which flopped.")])
def work_with_kind(ctx, m) -> None:
    """The work the match names, of the kind it says; "his novel W" is the owner's."""
    b, title = ctx.b, ctx.b.slot_title(ctx.mention(m.group("w")))
    if not title or b.is_character(title) or ctx.rule.name == "title-is-kind" and not says_kind(ctx.t, m):
        return
    year = m.groupdict().get("year")
    found = b.work(title, kind_of(m), ctx.evidence(), int(year) if year else None)
    if m.groupdict().get("owner") and medium(found.kind) == "page":
        owner = owner_before(b, ctx.sent, m.start())
        if owner:
            b.credit(owner, "author", found, ctx.evidence(ctx.rule.label + "-owner", 0.6))


@rule("title-year", asserts="works", priority=500, patterns=[TITLE_YEAR], slots=TITLE, examples=[
    reads(HEAD + "Christopher Nolan directed Dunkirk (2017).", work("Dunkirk (film)", 2017)),
    refuses(HEAD + "Dunkirk (2017) opens on a beach.")])
def title_year(ctx, m) -> None:
    b, title = ctx.b, ctx.b.slot_title(ctx.mention(m.group("w")))
    same = [w for w in b.works.values() if title and norm(w.title) == norm(title)]
    # A year one of them has already says nothing new ("Dune (2021)" under a headline that dated the film).
    if not any(w.year == int(m.group("year")) for w in same):
        for found in same:
            if not found.year:  # the work is there: this only dates it
                b.work(found.title, found.kind, ctx.evidence(), int(m.group("year")))
                break


@rule("films-like", asserts="works", priority=530, patterns=[SEEN_IN], slots=TITLE, examples=[
    reads(HEAD + "I like films such as Dunkirk.", work("Dunkirk (film)")),
    refuses(HEAD + "I like novels such as Dunkirk.")])
@rule("role-in", asserts="works", priority=540, patterns=[ROLE_IN], slots=TITLE, examples=[
    reads(HEAD + "She had a small role in Dunkirk.", work("Dunkirk (film)")),
    reads(HEAD + "The part is shared by Ann Pell (who starred in “Dunkirk”) and, as a child, Joan Rook.", work("Dunkirk (film)")),
    refuses(HEAD + "The novella first appeared in Granta.")])
@rule("award-for", asserts="works", priority=550, patterns=[AWARD_FOR], slots=TITLE, examples=[
    reads(HEAD + "She was nominated for an Oscar for Dunkirk.", work("Dunkirk (film)")),
    refuses(HEAD + "She won an Oscar for Best Supporting Actress.")])
def film_by_place(ctx, m) -> None:
    """A title in a place only a film's can stand."""
    b, t = ctx.b, ctx.t
    title = b.slot_title(ctx.mention(m.group("w")))
    if ctx.rule.name == "role-in" and re.search(rf"\b(?:{PAGE_RE})\b", t[:m.start()], re.I):
        return  # "the novella W appeared in C, the collection that gave us V": print, not a role
    if title and not b.is_character(title) and not title.startswith("Best "):  # an award category
        b.work_like(title, "screen", ctx.evidence(confidence=0.7))
