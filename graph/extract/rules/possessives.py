"""Credits said with a possessive: "X's novel", "Hampton's script", "W, X's 1985 novel and Y's
1997 film", "W is X's first novel", "the Villeneuve film W", and the bare "X's W", whose medium
the rest of the review decides."""
from __future__ import annotations

import re

from ...facts import medium, norm
from ..clues import a_film_year, kind_of, person_before, reviewed_of_kind
from ..mentions import APOSTROPHES, KIND_RE, KIND_WORDS
from ..patterns import template
from ..registry import adaptation, credit, reads, refuses, rule

# "the Hillcoat film The Proposition", "Contact, the 1997 Robert Zemeckis film"
PERSON_KIND_TITLE = template(r"\bthe\s+{p}\s+(?P<kind>KIND)\s+{w}")
TITLE_PERSON_KIND = template(r"{w},\s+the\s+(?:\d{4}\s+)?{p}\s+(?P<kind>KIND)\b")
TITLE_IS_POSSESSIVE = template(r"{w}\s+(?:is|was)\s+{p}[" + APOSTROPHES + r"]s\s+(?:\w+\s+){0,2}?(?P<kind>KIND)\b")
POSSESSIVE = template(r"{p}[" + APOSTROPHES + r"]s?\s+(?:(?:(?!(?:on|in|of|at|to|for|from|with|about|into)\s)[\w-]+\s+){0,2})?(?P<kind>KIND|script|screenplay|version)\b(?:\s+(?:version|adaptation))?"
                      r"(?:\s*,?\s*(?:for\s+|of\s+)?[“\"]?{w}(?![" + APOSTROPHES + r"]s))?")
# "Contact, Carl Sagan's 1985 novel and Robert Zemeckis's 1997 film"
# A possessive before the title is part of it where the apposition names another owner:
# "Bridget's Summer, Ann Lowe's 1996 novel" is a novel called "Bridget's Summer".
APPOSITION_POSSESSIVE = template(r"(?:{t}[" + APOSTROPHES + r"]s\s+)?{w},\s+{p}[" + APOSTROPHES + r"]s\s+(?:(?P<y1>\d{4})\s+)?(?:\w+\s+){0,1}?(?P<kind>KIND)\b"
                                 r"(?:\s+and\s+{q}[" + APOSTROPHES + r"]s\s+(?:(?P<y2>\d{4})\s+)?(?P<k2>KIND)\b)?")
# "his novels in my school years: Congo, Sphere and Timeline", "X's books, such as W1 and W2", "known for
# writing books such as W1, W2": a list of the owner's books (up to "and" or the clause's end)
BOOK_LIST = template(r"(?:{p}[" + APOSTROPHES + r"]s|\b(?P<pron>his|her)|\bwriting)\s+(?:[\w-]+\s+){0,2}?(?:novels|books)\b"
                     r"(?:[^.;⟨:]{0,40}?:|,?\s+(?:such\s+as|like|including))\s+[“\"]?{w*}")
# "Alan Moore and David Lloyd's “V for Vendetta”", "Paul Greengrass’ “Jason Bourne”"
POSSESSIVE_TITLE = template(r"{p}[" + APOSTROPHES + r"](?P<s>s)?\s+(?P<q>[“\"])?{w}(?(q)[”\"]?)")

HEAD = "The Road Book vs Movie Review\n\n"
PERSON_TITLE = {"p": "person", "w": "title"}


@rule("person-kind-title", asserts="credits", priority=340, patterns=[PERSON_KIND_TITLE, TITLE_PERSON_KIND],
      slots=PERSON_TITLE, examples=[
          reads(HEAD + "Cormac McCarthy wrote it before the John Hillcoat film The Proposition came out... no, after.",
                credit("John Hillcoat", "director", "The Proposition (film)")),
          reads(HEAD + "The Proposition, the 2005 John Hillcoat film, came first.",
                credit("John Hillcoat", "director", "The Proposition (film)")),
          refuses(HEAD + "I watched the Hillcoat film The Proposition.")])
def person_kind_title(ctx, m) -> None:
    b = ctx.b
    person, title = b.person(ctx.mention(m.group("p"))), b.slot_title(ctx.mention(m.group("w")))
    if person and title:
        kind = KIND_WORDS[m.group("kind").lower()]
        found = b.work(title, kind, ctx.evidence())
        ctx.credit_one(m.group("p"), "author" if medium(kind) == "page" else "director", found)


@rule("title-is-possessive", asserts="credits", priority=350, patterns=[TITLE_IS_POSSESSIVE], slots=PERSON_TITLE, examples=[
    reads(HEAD + "Blood Meridian is Cormac McCarthy's fifth novel.", credit("Cormac McCarthy", "author", "Blood Meridian (novel)")),
    refuses(HEAD + "Blood Meridian is not Cormac McCarthy's first novel.")])
def title_is_possessive(ctx, m) -> None:
    title = ctx.b.slot_title(ctx.mention(m.group("w")))
    if title and not ctx.negated(m.start()):
        kind = kind_of(m)
        found = ctx.b.work(title, kind, ctx.evidence())
        ctx.credit_one(m.group("p"), "author" if medium(kind) == "page" else "director", found)


@rule("possessive", asserts="credits", priority=370, patterns=[POSSESSIVE], slots=PERSON_TITLE, yields=("creator", "p"),
      examples=[
          reads(HEAD + "Cormac McCarthy's novel is bleak, and Joe Penhall's script keeps it so.",
                credit("Cormac McCarthy", "author", "The Road (novel)"), credit("Joe Penhall", "screenwriter", "The Road (film)")),
          reads(HEAD + "It is Cormac McCarthy's novel \"Outer Dark\" I love.",
                credit("Cormac McCarthy", "author", "Outer Dark (novel)")),
          refuses(HEAD + "The Wachowskis' script is not the point.")])
def possessive(ctx, m) -> None:
    b, t = ctx.b, ctx.t
    if ctx.negated(m.start()) or re.search(r"\bthe\s+$", t[:m.start()], re.I) or \
            re.match(r"the\s", ctx.mention(m.group("p")), re.I):
        return  # "the Wachowskis' script": a family, each named elsewhere
    if m.group("w") is None and re.search(r"⟨\d+⟩(?:\s*\(\d{4}\))?,\s+$", t[:m.start()]):
        return  # "W, X's novel" describes W, not the reviewed work: apposition-possessive reads it
    ev = ctx.evidence(confidence=0.8)
    word = m.group("kind").lower()
    kind = KIND_WORDS.get(word) or (b.reviewed_screen.kind if b.reviewed_screen else "film")
    role = "screenwriter" if word in ("script", "screenplay") else (
        "author" if medium(kind) == "page" else "director")
    if m.group("w") is not None:
        title = b.slot_title(ctx.mention(m.group("w")))
        found = b.work(title, kind, ev) if title else None
    else:
        found = reviewed_of_kind(b, kind, ev)
        # "Liane Moriarty's novel" in a review of Wild is another novel: the reviewed work
        # takes a possessive author (or director) only while it has none, or the same one;
        # a screenplay may have several writers.
        person = b.person(ctx.mention(m.group("p")))
        if found is not None and role != "screenwriter" and any(
                c.role == role and c.work is found and c.person != person
                for c in list(b.credits.values())[b.section_credits:]):
            found = None
    if found is not None:
        ctx.credit_one(m.group("p"), role, found, confidence=0.8)


@rule("apposition-possessive", asserts="credits", priority=380, patterns=[APPOSITION_POSSESSIVE],
      slots={"t": "title", "w": "title", "p": "person", "q": "person"}, examples=[
          reads("Contact Book vs Movie Review\n\nContact, Carl Sagan's 1985 novel and Robert Zemeckis's 1997 film, "
                "asks big questions.",
                credit("Carl Sagan", "author", "Contact (novel)"), credit("Robert Zemeckis", "director", "Contact (film)"),
                adaptation("Contact (film)", "Contact (novel)")),
          refuses("Contact Book vs Movie Review\n\nContact, not Carl Sagan's only novel, asks big questions.")])
def apposition_possessive(ctx, m) -> None:
    b, sent = ctx.b, ctx.sent
    title = b.slot_title(ctx.mention(m.group("w")))
    if not title or ctx.negated(m.start()):
        return
    if m.group("t") is not None and not b.is_real(ctx.mention(m.group("t"))):
        start = sent.mentions[int(m.group("t"))].start
        title = sent.text[start:sent.mentions[int(m.group("w"))].end]
        b.last_title = title
    ev = ctx.evidence()
    made = []
    for who, kind_group, year_group in (("p", "kind", "y1"), ("q", "k2", "y2")):
        if m.group(who) is None:
            continue
        kind = kind_of(m, kind_group)
        found = b.work(title, kind, ev, int(m.group(year_group)) if m.group(year_group) else None)
        ctx.credit_one(m.group(who), "author" if medium(kind) == "page" else "director", found)
        made.append(found)
    if len(made) == 2 and medium(made[0].kind) != medium(made[1].kind):
        page, screen = sorted(made, key=lambda w: medium(w.kind) != "page")
        b.adapt(screen, page, ev)


def _read_medium(ctx, m, person: str, title: str, dated, published, adapted) -> tuple[set[str], object, set[str]]:
    """Which medium "X's W" names, as far as the sentence and the review tell: the media it can
    be ({"page"}, {"film"}, both or none), whether its date still counts, and W's known media."""
    b, t = ctx.b, ctx.t
    near = t[max(0, m.start() - 60):m.start()]
    if published:
        near += " book"  # "J.K. Rowling's Harry Potter and the Philosopher's Stone came out in 1997"
    elif re.match(r"\s+(?:(?:opened|premiered)\b(?![^.;]{0,30}\b(?:Broadway|stage|theatre|theater)\b)|(?:was|were)\s+released\b"
                  r"|hit\s+(?:theaters|theatres|cinemas)\b)", t[m.end():]):
        near += " film"  # "Rob Reiner's Stand By Me opened in limited release"; a play opens on Broadway
    kinds = set() if b.is_real(person) else {
        medium(KIND_WORDS[k.lower()]) for k in re.findall(rf"\b({KIND_RE})s?\b", near, re.I)}
    media = {key[1] for key in b.works if key[0] == norm(title)}
    if b.known_author(person, title):
        # "Harper Lee's To Kill a Mockingbird", "Forster's Howards End was the movie": a book the
        # gazetteer knows as X's is X's whatever the sentence goes on to call it
        return {"page"}, None, media
    if media in ({"page"}, {"film"}, {"tv_series"}):
        kinds = {"page"} if media == {"page"} else {"film"}
        dated = None
    # "X's W: A Subtitle (2003) is a business book": what the sentence calls it decides.
    called = re.match(rf"(?::\s*⟨\d+⟩)?(?:\s*\(\d{{4}}(?:[-–]\d{{2,4}})?\))?\s+(?:is|was)\s+(?:an?|the)\s+(?:[\w-]+\s+){{0,2}}?({KIND_RE})\b",
                      t[m.end():], re.I)
    if called or adapted:
        return {medium(KIND_WORDS[called.group(1).lower()]) if called else "page"}, None, media
    # "I read X's W" is a book, "we watched X's W" a film, whatever else the sentence speaks of
    verb = re.search(r"\b(?:(?P<read>read|reading|reread|re-read)|watch|watched|watching|saw|see|seen|rewatched)\s+"
                     r"(?:⟨\d+⟩\s+(?:and|&)\s+)?$", t[:m.start()], re.I)
    if verb:
        return ({"page"} if verb.group("read") else {"film"}), None, media
    if len(kinds) != 1 and len(media) > 1:  # the sentence names no kind, or both
        # "Villeneuve's Dune covers only half of the book": set against one version, it is the other
        # (near it: a clause later the sentence may speak of anything).
        against = {medium(KIND_WORDS[k.lower()]) != "page"
                   for k in re.findall(rf"(?<!is )(?<!was )\b(?:the|its)\s+({KIND_RE})\b", t[m.end():m.end() + 60], re.I)}
        if len(against) == 1:
            kinds = {"page"} if against.pop() else {"film"}
        elif not b.roles_of(person):
            # "Yann Martel's Life of Pi" where the review says elsewhere that Ang Lee directed
            # the film (and no one wrote the book): Martel's is the book; where someone else
            # wrote the book, X's is a film.
            directors = b.foreseen.get((norm(title), "director"), set()) - {person}
            authors = b.foreseen.get((norm(title), "author"), set()) - {person}
            if directors and not authors:
                kinds, dated = {"page"}, None
            elif authors:  # someone else wrote the book: "Hitchcock's Rebecca" is a film
                kinds = {"film"}
    return kinds, dated, media


@rule("book-list", asserts="credits", priority=385, patterns=[BOOK_LIST], slots=PERSON_TITLE,
      needs=re.compile(r"\b(?:novels|books)\b", re.I), examples=[
          reads(HEAD + "Cormac McCarthy wrote the novel. I read his novels in my school years: Outer Dark, Suttree and "
                "Child of God.", credit("Cormac McCarthy", "author", "Outer Dark (book)"),
                credit("Cormac McCarthy", "author", "Child of God (book)")),
          reads(HEAD + "Novelist Cormac McCarthy, known for writing books such as Outer Dark and Suttree, came next.",
                credit("Cormac McCarthy", "author", "Suttree (book)")),
          refuses(HEAD + "Cormac McCarthy never liked books such as Outer Dark and Suttree.")])
def book_list(ctx, m) -> None:
    b = ctx.b
    if ctx.negated(m.start()):
        return
    owner = b.person(ctx.mention(m.group("p"))) if m.group("p") else person_before(b, ctx.sent, m.start())
    if owner is None or b.is_character(owner):
        return
    ev = ctx.evidence(confidence=0.7)
    for title in ctx.titles(m.group("w")):
        b.credit(owner, "author", b.work_like(title, "page", ev), ev)


@rule("possessive-title", asserts="credits", priority=490, patterns=[POSSESSIVE_TITLE], slots=PERSON_TITLE,
      yields=("creator", "p"), examples=[
          reads(HEAD + "Cormac McCarthy's The Road is darker than the film.", credit("Cormac McCarthy", "author", "The Road (novel)")),
          reads(HEAD + "Of the film critics, few read Cormac McCarthy's “The Road” before it was a film.",
                credit("Cormac McCarthy", "author", "The Road (novel)")),
          reads(HEAD + "Of all the books I love, we watched John Hillcoat's “The Road” last.",
                credit("John Hillcoat", "director", "The Road (film)")),
          reads(HEAD + "I heard a film version was being made of Cormac McCarthy's The Road.",
                credit("Cormac McCarthy", "author", "The Road (novel)")),
          reads("Dune Book vs Movie Review\n\nOf the films, I prefer Denis Villeneuve's Dune.",
                credit("Denis Villeneuve", "director", "Dune (film)")),
          reads(HEAD + "Cormac McCarthy's The Road is a hard read, unlike the film.",
                credit("Cormac McCarthy", "author", "The Road (novel)")),
          reads(HEAD + "Two years on, Anders Thomas Jensens' “The Road” opened in limited release.",
                credit("Anders Thomas Jensens", "director", "The Road (film)")),
          reads(HEAD + "Two years on, John Hillcoat's The Road opened in limited release.",
                credit("John Hillcoat", "director", "The Road (film)")),
          reads(HEAD + "Its quiet courtroom scenes recall Harper Lee's To Kill a Mockingbird.",
                credit("Harper Lee", "author", "To Kill a Mockingbird (book)")),
          refuses(HEAD + "Its night skies recall Steven Spielberg's Close Encounters of the Third Kind."),
          refuses(HEAD + "Many met John Hillcoat's “The Road” in a cinema near home on a rainy winter evening, and few asked "
                  "how the film adaptation compares to what came first."),
          refuses(HEAD + "Cormac McCarthy's Boy is a brave child.")])
def possessive_title(ctx, m) -> None:
    b, t = ctx.b, ctx.t
    if not m.group("s") and not ctx.mention(m.group("p")).endswith("s"):
        return  # a closing quote, not the possessive of a name in -s
    dated = re.match(r"\s*\(\d{4}\)", t[m.end():])  # "Paul Verhoeven's Total Recall (1990)"
    kinded = re.search(rf"\b(?:{KIND_RE})s?\b", t[max(0, m.start() - 60):m.start()], re.I)
    title = b.slot_title(ctx.mention(m.group("w")))
    known = title is not None and any(key[0] == norm(title) for key in b.works)  # "Cormac McCarthy's The Road"
    person = b.person(ctx.mention(m.group("p")), loose=bool(dated or kinded or known))
    published = re.match(r"\s+(?:came\s+out|was\s+(?:first\s+)?published|appeared\s+in\s+print)\b", t[m.end():])
    # "... of du Maurier's Rebecca", "a movie version was being made of Goldman's W"
    adapted = re.search(r"\b(?:adaptation|version|film|movie)\s+(?:(?:is|was|were|being|been|to\s+be|made|filmed)\s+){0,3}of\s+$",
                        t[:m.start()], re.I)
    # "Dick's Rick Deckard is a bounty hunter": a character described, unless what follows is a
    # kind or a way to take a work in ("Crowley's Brooklyn is such a pleasure to watch")
    described = not published and re.match(rf"\s+(?:is|was)\b(?![^.;]{{0,40}}\b(?:{KIND_RE}|watch|read)\b)", t[m.end():], re.I)
    if not person or not title or described:
        return  # "Dick's Rick Deckard is a bounty hunter", "Groom's Forrest is huge": characters
    # "X's W" is X's book or film: known from X's other credits, else from the one
    # medium the sentence speaks of ("graphic novels ... Spiegelman's Maus").
    roles = b.roles_of(person)
    ev = ctx.evidence(confidence=0.7)
    kinds, dated, media = _read_medium(ctx, m, person, title, dated, published, adapted)
    # "Alan Moore and Dave Gibbons's Watchmen": the work of both
    partner = re.search(r"⟨(\d+)⟩\s+(?:and|&)\s+$", t[:m.start()])
    owners = [person] + [p for p in [partner and b.person(ctx.mention(partner.group(1)), loose=True)] if p]
    if "author" in roles or (kinds == {"page"} and not dated):
        for owner in owners:
            b.credit(owner, "author", b.work_like(title, "page", ev), ev)
    elif "director" in roles or kinds == {"film"} or (dated and not roles and a_film_year(b, person, title, media, dated)):
        for owner in owners:
            b.credit(owner, "director", b.work_like(title, "screen", ev), ev)
