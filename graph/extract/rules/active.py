"""Credits said with a verb and its subject: "X wrote and directed W", "W, which X directed",
"X, who had already made W (1994)", "he directed it", "X remade it as W", "X, whose novels
include W"."""
from __future__ import annotations

import re

from ...facts import medium, norm
from ..clues import anchor, kind_of, person_before
from ..mentions import APOSTROPHES, KIND_WORDS, PAGE_RE
from ..patterns import slots, template
from ..registry import adaptation, credit, reads, refuses, rule

WHICH_SPLIT = template(r"{w}(?:\s*\(\d{4}\))?,?\s+(?:which|that)\s+(?:(?P<pron>he|she)|{p})\s+(?:wrote|scripted)\s+and\s+{q}\s+directed\b")
WHICH_ACTIVE = template(
    r"{w}(?:\s*\(\d{4}\))?,?\s+(?:which|that)\s+{p}\s+(?:also\s+)?(?P<verbs>wrote\s+the\s+(?:script|screenplay)(?:\s+for)?"
    r"(?:\s+and\s+directed)?|wrote\s+and\s+directed|directed|(?:filmed|adapted)(?!\s+as\b)|wrote)\b")  # "filmed as": filmed-as
SUBJECT = (r"(?:{p*}|(?P<pron>\bhe|\bshe))\s+(?:(?:also|later|then|had|has|already|just|previously|once|first|"
           r"finally|eventually|duly)\s+){0,3}"
           r"(?:went\s+on\s+to\s+)?")
# "X had made W (1994)": made, with the film's year, is directed; "directed the first season of W": a series.
ACTIVE = template(
    SUBJECT + r"(?P<verbs>wrote\s+and\s+directed|directed|direct|wrote\s+the\s+(?:script|screenplay)\s+for|adapted|"
    r"co-?wrote|wrote|write|published|scripted|penned|helped\s+(?:to\s+)?write|(?:was|were)\s+involved\s+in\s+writing|"
    r"made(?=\s+⟨\d+⟩\s*\(\d{4}\)))\s+(?:(?P<book>the\s+(?:original\s+|first\s+)?(?:PAGE))\b(?!\s+(?:⟨|on\b|of\b))|(?P<film>the\s+(?:\d{4}\s+)?(?:(?!(?:other|next|previous|last|earlier|later|second|third|rival|same)\b)[a-z][\w-]*\s+)?(?:movie|film)|the\s+(?:[\w-]+\s+)?(?:adaptation|script|screenplay)(?!\s+of\s+(?:[\w-]+\s+){0,3}⟨))\b|an?\s+(?:[\w-]+\s+)?(?:SCREEN|adaptation|version)\s+of\s+"
    r"(?:{o}[" + APOSTROPHES + r"]s\s+)?(?:(?:his|her|their|the)\s+)?(?P<src>(?:PAGE)\s+)?{s}|"
    r"(?:(?:his|her|their)\s+(?:\w+\s+){0,2}?(?:feature|film|movie|novel|book)s?,?\s+)?"
    r"(?:the\s+(?P<kind>KIND)\s+|the\s+(?:\w+\s+)?(?P<season>season|seasons|series|episodes)\s+of\s+)?{w*})")
# "Dashner also wrote a prequel to The Maze Runner, entitled The Kill Order"
WROTE_ENTITLED = template(SUBJECT + r"(?P<verbs>wrote|published)\s+an?\s+(?:[\w-]+\s+){0,2}?(?:prequel|sequel|follow-up|novel|novella|book|memoir)\b"
                          r"[^.;]{0,60}?,?\s+(?:entitled|titled|called)\s+{w}")
# "X created a two hour film based on the book", "Y adapted Ishiguro's 2005 novel Never Let Me Go":
# the reviewed screen version, made from the book the review speaks of.
FILM_OF_BOOK = template(SUBJECT + r"(?P<verbs>made|created|directed|shot|wrote|adapted)\s+an?\s+(?:[\w-]+\s+){0,3}?(?:film|movie|feature)\s+"
                        r"(?:adaptation\s+|version\s+)?(?:based\s+on|of|from)\s+(?:the|his|her|their|this)\s+(?:[\w-]+\s+){0,2}?(?:PAGE)\b")
ADAPTED_BOOK = template(SUBJECT + r"(?P<verbs>adapted)\s+{o}[" + APOSTROPHES + r"]s\s+(?:[\w-]+\s+){0,3}?(?:PAGE)\s+{s}")
REMADE_AS = template(SUBJECT + r"(?P<verbs>remade)\s+(?:it|⟨\d+⟩)[^.;]{0,60}?\bas\s+{f}")
ACTIVE_IT = template(SUBJECT + r"(?P<verbs>wrote\s+and\s+directed|directed|filmed|wrote|adapted)\s+(?:it|that\s+one|that\s+film|this\s+one)\b")
WHO_ACTIVE = template(r"{p},?\s+who\s+(?:had\s+|has\s+)?(?P<before>already\s+|also\s+|previously\s+|later\s+|just\s+)?"
                      r"(?P<verbs>scripted|wrote\s+and\s+directed|directed|made(?=\s+⟨\d+⟩\s*(?:\(\d{4}\)|,))|"
                      r"(?<=had just )made|(?<=had already )made)\s+{w*}")
# "directed by Destin Daniel Cretton, who wrote it with Andrew Lanham"
WHO_WROTE_IT = template(r"{p},?\s+who\s+(?:also\s+)?(?:wrote|co-?wrote|scripted)\s+it\s+(?:together\s+)?with\s+{q*}")
# "Larry McMurtry, whose novels include Lonesome Dove"
WHOSE_WORKS = template(r"{p},?\s+whose\s+(?:\w+\s+)?(?P<kind>PAGE|films|movies)s?\s+include\s+{w*}")
# "Iris Fenwick's other novels: A (2017) and B", "X's earlier films include A and B"
OTHER_WORKS = template(r"{p}[" + APOSTROPHES + r"]s\s+(?:other|earlier|later|previous|subsequent)\s+(?P<kind>PAGE|films|movies)s?"
                       r"\s*(?::|,|\s+include|\s+are|\s+were)\s+{w*}")
WHO_FOR = template(r"{p},?\s+who\s+[^.;]*?\bfor\s+(?P<verbs>writing|directing|adapting)\s+{w}")

HEAD = "Never Let Me Go Book vs Movie Review\n\n"
NLMG = "Never Let Me Go (film)"


@rule("which-split", asserts="credits", priority=250, patterns=[WHICH_SPLIT],
      slots={"w": "title", "p": "person", "q": "person"}, examples=[
          reads(HEAD + "Never Let Me Go, which Alex Garland wrote and Mark Romanek directed, is sad.",
                credit("Alex Garland", "screenwriter", NLMG), credit("Mark Romanek", "director", NLMG)),
          refuses(HEAD + "Never Let Me Go, which Alex Garland wrote and Mark Romanek never directed, is sad.")])
def which_split(ctx, m) -> None:
    b, title = ctx.b, ctx.b.slot_title(ctx.mention(m.group("w")))
    if not title or ctx.negated(m.start()):
        return
    found = b.work_like(title, "screen", ctx.evidence())
    writer = person_before(b, ctx.sent, m.start("pron")) if m.group("pron") else b.person(
        ctx.mention(m.group("p")), loose=True)
    if writer:
        b.credit(writer, "screenwriter", found, ctx.evidence(confidence=0.8))
    ctx.credit_one(m.group("q"), "director", found)


@rule("which-active", asserts="credits", priority=260, patterns=[WHICH_ACTIVE], slots={"w": "title", "p": "person"},
      examples=[
          reads(HEAD + "I covered Annihilation, which Alex Garland wrote the script for and directed.",
                credit("Alex Garland", "screenwriter", "Annihilation (film)"),
                credit("Alex Garland", "director", "Annihilation (film)")),
          reads(HEAD + "I read The Beach, which Alex Garland wrote, years ago.",
                credit("Alex Garland", "author", "The Beach (book)")),
          refuses(HEAD + "I covered Annihilation, which Alex Garland never directed.")])
def which_active(ctx, m) -> None:
    b, title = ctx.b, ctx.b.slot_title(ctx.mention(m.group("w")))
    if not title or ctx.negated(m.start("verbs")):
        return
    verbs, ev = m.group("verbs").lower(), ctx.evidence()
    if verbs == "wrote":
        ctx.credit_one(m.group("p"), "author", b.work_like(title, "page", ev))
        return
    found = b.work_like(title, "screen", ev)
    if "wrote" in verbs or "adapted" in verbs:
        ctx.credit_one(m.group("p"), "screenwriter", found)
    if "directed" in verbs or verbs == "filmed":
        ctx.credit_one(m.group("p"), "director", found)


def _adapted_source(ctx, m, ev) -> list:
    """'X directed a film of Y's novel S': the film of S, its source credited to Y or to X's own."""
    b, t = ctx.b, ctx.t
    title = b.slot_title(ctx.mention(m.group("s")))
    if not title:
        return []
    source = b.work(title, kind_of(m, "src") or "book", ev)
    film = b.work(title, "film", ev)
    b.adapt(film, source, ev)
    if m.group("o") is not None:
        ctx.credit_one(m.group("o"), "author", source, "active-owner")
    elif re.search(rf"\b(?:his|her)\s+(?:(?:{PAGE_RE})\s+)?$", t[:m.start("s")]) and (
            m.group("pron") or len(slots(m.group("p"))) == 1):
        # "her novel" is the subject's own only when there is one subject to be "her".
        owner = person_before(b, ctx.sent, m.start("s")) if m.group("pron") else b.person(
            ctx.mention(slots(m.group("p"))[0]))
        if owner:
            b.credit(owner, "author", source, ctx.evidence("active-owner", 0.6))
    return [film]


def _active_works(ctx, m, verbs: str, screenish: bool, ev) -> list | None:
    """The works the verb's object names; None where it names none."""
    b, t = ctx.b, ctx.t
    if m.group("book"):  # "X wrote the novel", "X published the original novel"
        return None if screenish else [b.reviewed_page]
    if m.group("film"):
        return [b.reviewed_screen]
    if m.group("s") is not None:
        return _adapted_source(ctx, m, ev) or None
    role = re.match(r"\s+as\s+⟨(\d+)⟩", t[m.end():])
    if role and len(slots(m.group("w"))) == 1:
        actor = ctx.mention(slots(m.group("w"))[0])
        if actor and b.person(actor) and not (b.is_title(actor) or b.is_title(ctx.mention(role.group(1)))):
            # "Cukor directed Katharine Hepburn as Jo": an actor and a role in the film at hand
            return [anchor(b, ctx.sent, m.start(), ev, "screen") or b.reviewed_screen] if "direct" in verbs else None
    kind = "tv_series" if m.group("season") else kind_of(m)
    names = ctx.titles(m.group("w"))
    if not names and re.search(r"\bfor$", verbs):
        names = [x.title for x in [anchor(b, ctx.sent, m.start(), ev, "screen") or b.reviewed_screen] if x]
        kind = kind or "film"  # "Itō wrote the script for Oshii": the film at hand, for its director
    if not names:
        return None
    if kind:
        return [b.work(x, kind, ev) for x in names]
    return [b.work_like(x, "screen" if screenish else "page", ev) for x in names]


@rule("active", asserts="credits", priority=270, patterns=[ACTIVE], slots={"p": "person", "o": "person", "s": "title", "w": "names"},
      needs=re.compile(r"\b(?:wrote|write|writing|directed|direct|adapted|co-?wrote|published|scripted|penned|made)\b", re.I),
      examples=[
          reads(HEAD + "Alex Garland wrote and directed Ex Machina.",
                credit("Alex Garland", "screenwriter", "Ex Machina (film)"), credit("Alex Garland", "director", "Ex Machina (film)")),
          reads(HEAD + "Mark Romanek directed the film with care.", credit("Mark Romanek", "director", NLMG)),
          reads(HEAD + "No surprise there, considering Alex Garland was involved in writing the screenplay.",
                credit("Alex Garland", "screenwriter", NLMG)),
          reads(HEAD + "Alex Garland penned the screenplay, and Mark Romanek co-wrote the script.",
                credit("Alex Garland", "screenwriter", NLMG), credit("Mark Romanek", "screenwriter", NLMG)),
          reads(HEAD + "The film came four years after Kazuo Ishiguro published the original novel.",
                credit("Kazuo Ishiguro", "author", "Never Let Me Go (novel)")),
          reads(HEAD + "Kazuo Ishiguro wrote The Remains of the Day.",
                credit("Kazuo Ishiguro", "author", "The Remains of the Day (book)")),
          refuses(HEAD + "Mark Romanek was originally going to direct the film.")])
def active(ctx, m) -> None:
    if ctx.negated(m.start("verbs")):
        return
    verbs, ev = m.group("verbs").lower(), ctx.evidence()
    # "X wrote W, and Y directed it": what gets directed is a film.
    screenish = any(v in verbs for v in ("direct", "script", "screenplay", "adapted", "made")) or bool(
        re.search(r"\bdirected\s+it\b", ctx.t[m.end("verbs"):]))
    for found in _active_works(ctx, m, verbs, screenish, ev) or ():
        if found is None:
            continue
        if medium(found.kind) == "page":
            ctx.credit_subject(m, "author", found)
            continue
        if any(v in verbs for v in ("wrote", "write", "writing", "penned", "adapted", "scripted")):
            ctx.credit_subject(m, "screenwriter", found)
        if "direct" in verbs or verbs == "made":
            ctx.credit_subject(m, "director", found)


@rule("wrote-entitled", asserts="credits", priority=275, patterns=[WROTE_ENTITLED], slots={"p": "person", "w": "title"},
      needs=re.compile(r"\b(?:entitled|titled|called)\b", re.I), examples=[
    reads(HEAD + "Kazuo Ishiguro also wrote a prequel to it, entitled The Buried Giant, in 2015.",
          credit("Kazuo Ishiguro", "author", "The Buried Giant (book)")),
    refuses(HEAD + "Kazuo Ishiguro never wrote a prequel to it, entitled The Buried Giant.")])
def wrote_entitled(ctx, m) -> None:
    title = ctx.b.slot_title(ctx.mention(m.group("w")))
    if title and not ctx.negated(m.start("verbs")):
        ctx.credit_subject(m, "author", ctx.b.work_like(title, "page", ctx.evidence()))


@rule("film-of-the-book", asserts="credits", priority=278, patterns=[FILM_OF_BOOK, ADAPTED_BOOK],
      slots={"p": "person", "o": "person", "s": "title"}, needs=re.compile(r"\b(?:film|movie|feature|adapted)\b", re.I), examples=[
          reads(HEAD + "In 2010, American director Mark Romanek created a two hour film based on the book.",
                credit("Mark Romanek", "director", NLMG)),
          reads(HEAD + "Oscar winning writer Alex Garland adapted Kazuo Ishiguro's 2005 novel Never Let Me Go for the screen.",
                credit("Alex Garland", "screenwriter", NLMG)),
          refuses(HEAD + "Mark Romanek never made a film based on the book."),
          refuses(HEAD + "Alex Garland adapted Kazuo Ishiguro's 1989 novel The Remains of the Day for the stage.")])
def film_of_the_book(ctx, m) -> None:
    b = ctx.b
    if ctx.negated(m.start()) or b.reviewed_screen is None:
        return
    if m.re is ADAPTED_BOOK:
        title = b.slot_title(ctx.mention(m.group("s")))
        if not (title and b.reviewed_page is not None and norm(title) == norm(b.reviewed_page.title)):
            return  # another book: its film, if any, is not the one reviewed
    role = "director" if m.group("verbs").lower() in ("made", "created", "directed", "shot") else "screenwriter"
    ctx.credit_subject(m, role, b.reviewed_screen, confidence=0.8)


@rule("remade-as", asserts="credits", priority=280, patterns=[REMADE_AS], slots={"p": "person", "f": "title"},
      needs=re.compile(r"\bremade\b", re.I), examples=[
    reads("Let the Right One In Book vs Movie Review\n\nI loved Let the Right One In. Matt Reeves remade it in English as Let Me In.",
          credit("Matt Reeves", "director", "Let Me In (film)"),
          adaptation("Let Me In (film)", "Let the Right One In (novel)")),
    refuses("Let the Right One In Book vs Movie Review\n\nMatt Reeves never remade it as Let Me In.")])
def remade_as(ctx, m) -> None:
    b, title = ctx.b, ctx.b.slot_title(ctx.mention(m.group("f")))
    if not title or ctx.negated(m.start("verbs")):
        return
    ev = ctx.evidence(confidence=0.8)
    remake = b.work(title, "film", ev)
    if b.reviewed_page is not None:
        b.adapt(remake, b.reviewed_page, ev)  # a remake of the film adapts the film's source
    ctx.credit_subject(m, "director", remake)


@rule("active-it", asserts="credits", priority=290, patterns=[ACTIVE_IT], slots={"p": "person"},
      needs=re.compile(r"\b(?:directed|filmed|wrote|adapted)\s+(?:it|that|this)\b", re.I), examples=[
    reads(HEAD + "Kazuo Ishiguro wrote Never Let Me Go, and Mark Romanek directed it.",
          credit("Mark Romanek", "director", NLMG)),
    refuses(HEAD + "Kazuo Ishiguro wrote Never Let Me Go, and Mark Romanek never directed it.")])
def active_it(ctx, m) -> None:
    b = ctx.b
    earlier = [x for x in ctx.titles(ctx.t[:m.start("verbs")]) if not b.person(x)]
    it = earlier[-1] if earlier else b.last_title
    if ctx.negated(m.start("verbs")) or it is None:
        return
    verbs, ev = m.group("verbs").lower(), ctx.evidence(confidence=0.7)
    book = b.works.get((norm(it), "page"))
    found = b.work_like(it, "screen", ev)
    if book is not None and verbs != "wrote":
        b.adapt(found, book, ev)  # "Rupert Vale's novel ... When Ann Lowe filmed it"
    if "wrote" in verbs or "adapted" in verbs:
        ctx.credit_subject(m, "screenwriter", found)
    if "directed" in verbs or verbs == "filmed":
        ctx.credit_subject(m, "director", found)


@rule("who-active", asserts="credits", priority=300, patterns=[WHO_ACTIVE], slots={"p": "person", "w": "title"}, examples=[
    reads(HEAD + "It stars Keira Knightley and was made by Mark Romanek, who had already directed One Hour Photo.",
          credit("Mark Romanek", "director", "One Hour Photo (film)")),
    refuses(HEAD + "Mark Romanek, who never directed a comedy, made it.")])
def who_active(ctx, m) -> None:
    verbs, ev = m.group("verbs").lower(), ctx.evidence()
    for title in ctx.titles(m.group("w")):
        found = ctx.b.work_like(title, "screen", ev)
        if "scripted" in verbs or "wrote" in verbs:
            ctx.credit_one(m.group("p"), "screenwriter", found)
        if "directed" in verbs or verbs == "made":
            ctx.credit_one(m.group("p"), "director", found)


@rule("who-wrote-it", asserts="credits", priority=310, patterns=[WHO_WROTE_IT], slots={"p": "person", "q": "person"}, examples=[
    reads(HEAD + "The film was directed by Mark Romanek, who wrote it with Alex Garland.",
          credit("Mark Romanek", "screenwriter", NLMG), credit("Alex Garland", "screenwriter", NLMG)),
    refuses(HEAD + "Kazuo Ishiguro, who wrote it with care, lives in London.")])
def who_wrote_it(ctx, m) -> None:
    ev = ctx.evidence(confidence=0.8)
    found = anchor(ctx.b, ctx.sent, m.start(), ev, "screen")  # "The film was directed by X, who wrote it with Y"
    if not ctx.negated(m.start()) and found is not None and medium(found.kind) != "page":
        ctx.credit_all(f"⟨{m.group('p')}⟩" + m.group("q"), "screenwriter", found, confidence=0.8)


@rule("whose-works", asserts="credits", priority=320, patterns=[WHOSE_WORKS], slots={"p": "person", "w": "title"}, examples=[
    reads(HEAD + "The novel is by Kazuo Ishiguro, whose novels include The Buried Giant.",
          credit("Kazuo Ishiguro", "author", "The Buried Giant (novel)")),
    refuses(HEAD + "The novel is by Kazuo Ishiguro, whose friends include Keira Knightley.")])
@rule("other-works", asserts="credits", priority=330, patterns=[OTHER_WORKS], slots={"p": "person", "w": "title"},
      evidence="whose-works", examples=[
          reads(HEAD + "Mark Romanek's earlier films include One Hour Photo.",
                credit("Mark Romanek", "director", "One Hour Photo (film)")),
          refuses(HEAD + "Mark Romanek's earlier videos include Closer.")])
def works_of(ctx, m) -> None:
    """A person's works listed by kind: each the person's book, or film."""
    kind = KIND_WORDS.get(m.group("kind").lower().rstrip("s"), "film")
    ev = ctx.evidence(confidence=0.8)
    for title in ctx.titles(m.group("w")):
        found = ctx.b.work(title, kind, ev)
        ctx.credit_one(m.group("p"), "author" if medium(kind) == "page" else "director", found, confidence=0.8)


@rule("who-for", asserts="credits", priority=410, patterns=[WHO_FOR], slots={"p": "person", "w": "title"}, examples=[
    reads(HEAD + "It was adapted by Alex Garland, who is best known for writing 28 Days Later.",
          credit("Alex Garland", "screenwriter", "28 Days Later (film)")),
    refuses(HEAD + "It was adapted by Alex Garland, who is known for his novels.")])
def who_for(ctx, m) -> None:
    title = ctx.b.slot_title(ctx.mention(m.group("w")))
    if not title:
        return
    found = ctx.b.work_like(title, "screen", ctx.evidence())
    ctx.credit_one(m.group("p"), "director" if m.group("verbs").lower() == "directing" else "screenwriter", found)
