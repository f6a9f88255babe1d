"""Title and credit lines: a whole line that names a work and who made it ("Atonement by Ian
McEwan (2001)", "Atonement directed by Joe Wright (2007)") or one credit ("Director: Joe Wright").
A line one of these rules takes is read by it alone."""
from __future__ import annotations

import re

from ..clues import kind_of
from ..mentions import PAGE_RE
from ..patterns import YEAR, slots, template
from ..registry import cast, credit, reads, refuses, rule, work
from ..reviewed import source_is

CREDIT_LINE_BY = template(r"^(?:(?:(?P<label>KIND)|(?P<source>source|original|based\s+on|adapted\s+from))\s*:\s*)?{w}(?:\s*[,:\-–]\s*(?:a|the)?\s*(?P<kind>PAGE))?\s+(?:written\s+)?by\s+{p*}" + YEAR + r"\W*$")
CREDIT_LINE_SCREEN = template(
    r"^(?:(?P<label>KIND)\s*:\s*)?{w}(?:\s*\((?P<y0>\d{4})\))?,?\s+(?:(?:the\s+)?(?P<kind>SCREEN),?\s+)?"
    r"(?:(?P<rel>written\s+and\s+directed|directed|created)\s+by|dir\.)\s+{p*}" + YEAR + r"\W*$")
LABELLED_WORK = template(r"^(?P<label>KIND)\s*:\s*{w}" + YEAR + r"\W*$")
# "Director: X, 1972": a year after a comma dates nothing (a page may list two films of one title).
CREDIT_BLOCK = template(
    r"^\W*(?P<label>(?:written|directed)\s+(?:and|&)\s+(?:written|directed)\s+by|directed by|director|directors|"
    r"(?:screenplay|novel)\s+written\s+by|screenplay by|screenplay|script|screen\s?writers?|"
    r"written by|writer|writers|adapted by|based on the (?:PAGE) by|(?:PAGE) by|PAGE|authors?|"
    r"starring|cast|stars)\s*[:\-–—]?\s*{p*}" + YEAR + r"(?:,\s*(?:1[89]\d\d|20\d\d))?(?P<aside>\s*\([^()]*\))?\W*$")

HEAD = "Atonement Book vs Movie Review\n\n"


@rule("credit-line-by", asserts="credits", priority=10, patterns=[CREDIT_LINE_BY], lines=True,
      slots={"w": "title", "p": "person"}, evidence="credit-line", examples=[
          reads(HEAD + "Atonement by Ian McEwan (2001)\n\nA slow start.",
                credit("Ian McEwan", "author", "Atonement (novel)"), work("Atonement (novel)", 2001)),
          reads(HEAD + "Source: Enduring Love by Ian McEwan\n\nA slow start.",
                credit("Ian McEwan", "author", "Enduring Love (book)")),
          refuses(HEAD + "Atonement by Ian McEwan is the slowest book I finished this year."),
          refuses(HEAD + "Produced by Working Title Films\n\nA slow start.")])
def credit_line_by(ctx, m) -> bool:
    found = _line_work(ctx, m, "page", m.group("year"))
    if found is None:
        return False
    ctx.credit_all(m.group("p"), "author", found)
    if m.group("source") and ctx.b.reviewed_screen is not None and found is not ctx.b.reviewed_page:
        source_is(ctx.b, found)  # "Source: Nothing Lasts Forever by Roderick Thorp (1979)"
    return True


def _line_work(ctx, m, side: str, year: str | None):
    """The work a credit line names: of the kind the line says, else of its side's; dated."""
    b, title = ctx.b, ctx.b.title_of(ctx.mention(m.group("w")))
    if not title or re.fullmatch(r"[A-Z][a-z]+ed", title):  # "Produced by X", "Released by Y": a credit's label
        return None
    ev = ctx.evidence()
    kind = kind_of(m) or kind_of(m, "label")
    found = b.work(title, kind, ev) if kind else b.work_like(title, side, ev)
    if year:
        b.work(found.title, found.kind, ev, int(year))
    return found


@rule("credit-line-screen", asserts="credits", priority=20, patterns=[CREDIT_LINE_SCREEN], lines=True,
      slots={"w": "title", "p": "person"}, evidence="credit-line", examples=[
          reads(HEAD + "Atonement directed by Joe Wright (2007)\n\nA slow start.",
                credit("Joe Wright", "director", "Atonement (film)"), work("Atonement (film)", 2007)),
          reads(HEAD + "Film: Atonement (2007), dir. Joe Wright\n\nA slow start.",
                credit("Joe Wright", "director", "Atonement (film)")),
          refuses(HEAD + "Atonement directed by Joe Wright is a film I saw twice.")])
def credit_line_screen(ctx, m) -> bool:
    found = _line_work(ctx, m, "screen", m.group("year") or m.group("y0"))
    if found is None:
        return False
    if "written" in (m.group("rel") or "").lower():
        ctx.credit_all(m.group("p"), "screenwriter", found)
    ctx.credit_all(m.group("p"), "director", found)
    return True


@rule("labelled-work", asserts="works", priority=30, patterns=[LABELLED_WORK], lines=True,
      slots={"w": "title"}, evidence="credit-line", examples=[
          reads(HEAD + "Novel: Atonement (2001)\n\nA slow start.", work("Atonement (novel)", 2001)),
          refuses(HEAD + "Novel: Ian McEwan\n\nA slow start.")])
def labelled_work(ctx, m) -> bool:
    b, name = ctx.b, ctx.mention(m.group("w"))
    if not (b.title_of(name) and (b.is_title(name) or not b.person(name, loose=True))):
        return False
    year = int(m.group("year")) if m.group("year") else None
    b.work(b.title_of(name), kind_of(m, "label"), ctx.evidence(), year)
    return True


@rule("credit-block", asserts="credits", priority=40, patterns=[CREDIT_BLOCK], lines=True,
      slots={"p": "person"}, examples=[
          reads(HEAD + "Director: Joe Wright\n\nScreenplay: Christopher Hampton\n\nStarring: Keira Knightley",
                credit("Joe Wright", "director", "Atonement (film)"),
                credit("Christopher Hampton", "screenwriter", "Atonement (film)"),
                cast("Keira Knightley", None, "Atonement (film)")),
          reads(HEAD + "Novel by Ian McEwan (2001)", credit("Ian McEwan", "author", "Atonement (novel)")),
          reads(HEAD + "Director: Joe Wright, 2007", credit("Joe Wright", "director", "Atonement (film)")),
          reads(HEAD + "Written and Directed by: Joe Wright (from the novel by Ian McEwan)",
                credit("Joe Wright", "director", "Atonement (film)"), credit("Joe Wright", "screenwriter", "Atonement (film)")),
          refuses(HEAD + "Director: unknown")])
def credit_block(ctx, m) -> bool:
    b, label = ctx.b, m.group("label").lower()
    page, screen = b.reviewed_page, b.reviewed_screen
    if m.group("year"):
        dated = page if re.search(PAGE_RE + "|author|based", label) else screen
        if dated is not None:
            b.work(dated.title, dated.kind, ctx.evidence("credit-line"), int(m.group("year")))
    if "direct" in label and "writ" in label:
        ctx.credit_all(m.group("p"), "director", screen)
        ctx.credit_all(m.group("p"), "screenwriter", screen)
    elif label.startswith("direct"):
        ctx.credit_all(m.group("p"), "director", screen)
    elif label.startswith(("screenplay", "script", "screen", "adapted")):
        ctx.credit_all(m.group("p"), "screenwriter", screen)
    elif label.startswith(("starring", "cast", "stars")):
        for i in slots(m.group("p")):
            actor = b.person(ctx.mention(i), loose=True)
            if actor and screen:
                b.cast_member(actor, None, screen, ctx.evidence())
    elif label.startswith(("written", "writer")):
        ctx.credit_all(m.group("p"), "screenwriter" if screen else "author", screen or page)
    else:
        ctx.credit_all(m.group("p"), "author", page)
    return not m.group("aside")  # "(based upon the novel by X)": the other rules read the aside


