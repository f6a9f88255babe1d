"""Adaptations: which screen work adapts which book, often with who made each ("X's film of Y's
novel W", "W is based on Y's 1968 novel V", "W became X's film", "the film version of W")."""
from __future__ import annotations

import re

from ...facts import medium, norm
from ..clues import kind_of, owner_before
from ..mentions import APOSTROPHES
from ..patterns import template
from ..registry import adaptation, credit, reads, refuses, rule

ADAPTATION_OF = template(r"{p}[" + APOSTROPHES + r"]s\s+(?:\d{4}\s+)?(?:(?:latest|new|recent|first|faithful|loose|own|flawless|acclaimed)\s+)?(?:SCREEN\s+)?(?:adaptation|version)\s+of\s+"
                         r"(?:{o}[" + APOSTROPHES + r"]s\s+)?(?:the\s+)?(?:(?P<year>\d{4})\s+)?(?:(?P<kind>PAGE)\b\s*)?"
                         r"(?:{w}(?![" + APOSTROPHES + r"]s))?")
# "Big Little Lies, the television version of Liane Moriarty's novel"
APPOSITION_ADAPTATION = template(r"{w},\s+(?:the|a|an|his|her|their)\s+(?:\w+\s+)?(?:(?P<k2>SCREEN|television|tv)\s+)?"
                                 r"(?:version|adaptation)\s+of\s+{o}[" + APOSTROPHES + r"]s\s+(?:\w+\s+)?(?P<k1>PAGE)\b")
# "The Blind Side, his 2006 book, became John Lee Hancock's 2009 film"
BECAME = template(r"(?:(?P<owner0>\b(?:his|her|their))\s+(?:\w+\s+)?(?P<k0>PAGE),\s+)?(?:{o}[" + APOSTROPHES + r"]s\s+)?{w}(?P<appos>,\s+(?P<owner>his\s+|her\s+|their\s+|an?\s+|the\s+)?(?:(?P<y1>\d{4})\s+)?(?P<k1>PAGE)\s*,"
                  r"|,[^,⟨]{0,60},)?,?\s+(?:became|was\s+turned\s+into|was\s+made\s+into)\s+(?:{p}[" + APOSTROPHES
                  + r"]s(?:\s+(?:(?P<y2>\d{4})\s+)?(?P<k2>SCREEN)\b)?|an?\s+(?:(?P<y3>\d{4})\s+)?(?P<k3>SCREEN)\b)")
# "Arrival (2016), Denis Villeneuve's film of Ted Chiang's short story 'Story of Your Life'"
# "W (1994), X's flawless adaptation of S": the kind may go unsaid.
APPOSITION_FILM_OF = template(r"{f}(?:\s*\(\d{4}\))?,\s+{p}[" + APOSTROPHES + r"]s\s+(?:(?-i:[a-z]+)\s+)?"
                              r"(?:(?P<k2>SCREEN)\s+(?:version\s+|adaptation\s+)?|(?:version|adaptation)\s+)of\s+"
                              r"(?:{o}[" + APOSTROPHES + r"]s\s+)?(?:the\s+)?(?:(?P<k1>PAGE)\b\s*)?(?:[“\"]?{s})?")
# "X, who had already filmed Y's novel in W (1995) and Z's in V": each W a film of its owner's book of that title.
FILMED_IN = template(r"{p},?\s+(?:who\s+)?(?:(?:had|has|also|already|previously|once)\s+){0,3}(?:filmed|adapted)\s+{o}["
                     + APOSTROPHES + r"]s\s+(?:\w+\s+)?(?P<kind>PAGE)\s+in\s+{w}(?:\s*\(\d{4}\))?"
                     r"(?:,?\s+and\s+{o2}[" + APOSTROPHES + r"]s\s+(?:(?:\w+\s+)?(?P<kind2>PAGE)\s+)?in\s+{w2})?")
# "Blade Runner (1982) is based on Philip K. Dick's 1968 novel Do Androids Dream of Electric Sheep?",
# "Total Recall (1990), from the short story 'We Can Remember It for You Wholesale'": "W, from the S"
# names a source only with its kind.
BASED_ON = template(r"{w}(?:\s*\(\d{4}\))?(?:(?:\s+(?:is|was)\s+(?:loosely\s+)?|,?\s+(?:which|that)\s+(?:is|was)\s+(?:loosely\s+)?|,\s+)"
                    r"(?:based\s+on|adapted\s+from)\s+"
                    r"(?:{o}[" + APOSTROPHES + r"]s\s+)?(?:the\s+|a\s+|an\s+)?(?:(?P<year>\d{4})\s+)?(?:(?P<kind>PAGE)\s+)?"
                    r"|,\s+from\s+(?:{o2}[" + APOSTROPHES + r"]s\s+)?(?:the\s+|a\s+|an\s+)?(?:(?P<year2>\d{4})\s+)?"
                    r"(?P<kind2>PAGE|story)\s+)[“\"]?{s}(?![" + APOSTROPHES + r"]s)")
# "Red Dragon (1981), which Michael Mann filmed as Manhunter in 1986"
FILMED_AS = template(r"{s}(?:\s*\(\d{4}\))?,?\s+(?:which|that)\s+{p}\s+(?:(?:filmed|adapted|made)\s+as|turned\s+into|made\s+into)\s+{f}")
FILM_OF = template(r"\bthe\s+(?P<k2>SCREEN)\s+(?:version\s+|adaptation\s+)?of\s+(?:{o}[" + APOSTROPHES
                   + r"]s\s+)?(?:(?:the|his|her|their)\s+)?(?:(?P<k1>PAGE)\s+)?[“\"‘]?{w}(?![" + APOSTROPHES + r"]s\b)")
GOT_A_FILM = template(r"{w}\s+(?:got\s+its\s+own|was\s+(?:made|turned|adapted)\s+into\s+an?|became\s+an?)\s+(?:\w+\s+)?(?P<k2>SCREEN)")
BOTH_CALLED = template(r"\b(?P<k1>PAGE)\s+and\s+(?:a\s+)?(?P<k2>SCREEN)\b[^⟨.]*?\b(?:called|titled|named)\s+{w}")
ALSO_A = template(r"(?P<owner>\b(?:his|her|their)\s+)?(?:\w+\s+){0,3}?(?P<k1>KIND),?\s+which\s+(?:is|was)\s+also\s+an?\s+(?P<k2>KIND),?\s+(?:is|was)\s+{w}")

HEAD = "Rebecca Book vs Movie Review\n\n"


@rule("adaptation-of", asserts="adaptations", priority=230, patterns=[ADAPTATION_OF],
      slots={"p": "person", "o": "person", "w": "title"}, examples=[
          reads(HEAD + "Alfred Hitchcock's 1940 adaptation of Daphne du Maurier's novel is the one to see.",
                adaptation("Rebecca (film)", "Rebecca (novel)"), credit("Alfred Hitchcock", "director", "Rebecca (film)"),
                credit("Daphne du Maurier", "author", "Rebecca (novel)")),
          refuses(HEAD + "It is not Alfred Hitchcock's adaptation of Daphne du Maurier's novel that I mean."),
          refuses(HEAD + "Then came Manderley (1940), Alfred Hitchcock's adaptation of Rebecca.")])
def adaptation_of(ctx, m) -> None:
    b = ctx.b
    if ctx.negated(m.start()) or re.search(r"⟨\d+⟩(?:\s*\(\d{4}\))?,\s+$", ctx.t[:m.start()]):
        return  # "F (1994), X's adaptation of S" names the film F: apposition-film-of reads it
    ev = ctx.evidence()
    if m.group("w") is not None:
        title = b.slot_title(ctx.mention(m.group("w")))
        if not title:
            return
        source = b.work(title, kind_of(m) or "book", ev)
        film = b.work(title, "film", ev)
    elif m.group("kind") and b.reviewed_page is not None:
        # "X's film version of Y's 1977 novel": the reviewed pair itself.
        source, film = b.reviewed_page, b.reviewed_screen
    else:
        return
    if m.group("year"):
        b.work(source.title, source.kind, ev, int(m.group("year")))
    b.adapt(film, source, ev)
    ctx.credit_one(m.group("p"), "director", film)
    if m.group("o"):
        ctx.credit_one(m.group("o"), "author", source)


@rule("apposition-adaptation", asserts="adaptations", priority=240, patterns=[APPOSITION_ADAPTATION],
      slots={"w": "title", "o": "person"}, examples=[
          reads("Big Little Lies Book vs Series Review\n\nI watched Big Little Lies, the glossy television version of "
                "Liane Moriarty's novel, in one weekend.",
                adaptation("Big Little Lies (tv_series)", "Big Little Lies (novel)"),
                credit("Liane Moriarty", "author", "Big Little Lies (novel)")),
          refuses("Big Little Lies Book vs Series Review\n\nBig Little Lies, never a version of "
                  "Liane Moriarty's novel, was a play.")])
def apposition_adaptation(ctx, m) -> None:
    b, title = ctx.b, ctx.b.slot_title(ctx.mention(m.group("w")))
    if not title or ctx.negated(m.start()):
        return
    ev = ctx.evidence(confidence=0.8)
    screen = "tv_series" if (m.group("k2") or "").lower() in ("television", "tv") else kind_of(m, "k2") or "film"
    source, adapted = b.work(title, kind_of(m, "k1"), ev), b.work(title, screen, ev)
    b.adapt(adapted, source, ev)
    ctx.credit_one(m.group("o"), "author", source, confidence=0.8)


@rule("became", asserts="adaptations", priority=360, patterns=[BECAME], slots={"w": "title", "p": "person", "o": "person"},
      examples=[
          reads("The Blind Side Book vs Movie Review\n\nThe Blind Side, his 2006 book, became John Lee Hancock's 2009 film.",
                adaptation("The Blind Side (film)", "The Blind Side (novel)"),
                credit("John Lee Hancock", "director", "The Blind Side (film)")),
          refuses("The Blind Side Book vs Movie Review\n\nThe Blind Side never became a film in France.")])
def became(ctx, m) -> None:
    b, t = ctx.b, ctx.t
    title = b.slot_title(ctx.mention(m.group("w")))
    if not title or ctx.negated(m.start()):
        return
    ev = ctx.evidence(confidence=0.8)
    source = b.work(title, kind_of(m, "k1") or kind_of(m, "k0") or "book", ev,
                    int(m.group("y1")) if m.group("y1") else None)
    year = m.group("y2") or m.group("y3") or (re.match(r"\s+in\s+(\d{4})\b", t[m.end():]) or [None, None])[1]
    film = b.work(title, kind_of(m, "k2") or kind_of(m, "k3") or "film", ev, int(year) if year else None)
    b.adapt(film, source, ev)
    if m.group("p"):
        ctx.credit_one(m.group("p"), "director", film, confidence=0.8)
    if m.group("o"):
        ctx.credit_one(m.group("o"), "author", source, confidence=0.8)
    if (m.group("owner") or m.group("owner0") or "").strip().lower() in ("his", "her", "their"):
        owner = owner_before(b, ctx.sent, m.start())
        if owner:
            b.credit(owner, "author", source, ctx.evidence("became-owner", 0.6))


@rule("apposition-film-of", asserts="adaptations", priority=390, patterns=[APPOSITION_FILM_OF],
      slots={"f": "title", "p": "person", "o": "person", "s": "title"}, examples=[
          reads("Arrival Book vs Movie Review\n\nArrival (2016), Denis Villeneuve's film of Ted Chiang's "
                "novella \"Story of Your Life\", is quiet.",
                adaptation("Arrival (film)", "Story of Your Life (novel)"),
                credit("Denis Villeneuve", "director", "Arrival (film)"),
                credit("Ted Chiang", "author", "Story of Your Life (novel)")),
          reads("Arrival Book vs Movie Review\n\nThen came Arrival (2016), Denis Villeneuve's patient adaptation of "
                "\"Story of Your Life\".", adaptation("Arrival (film)", "Story of Your Life (book)"),
                credit("Denis Villeneuve", "director", "Arrival (film)")),
          refuses("Arrival Book vs Movie Review\n\nArrival, not Denis Villeneuve's film of \"Story of Your Life\", "
                  "is what I mean.")])
@rule("based-on", asserts="adaptations", priority=420, patterns=[BASED_ON],
      slots={"w": "title", "o": "person", "o2": "person", "s": "title"}, examples=[
          reads("Blade Runner Book vs Movie Review\n\nBlade Runner (1982) is based on Philip K. Dick's 1968 novel "
                "Do Androids Dream of Electric Sheep?",
                adaptation("Blade Runner (film)", "Do Androids Dream of Electric Sheep (novel)"),
                credit("Philip K. Dick", "author", "Do Androids Dream of Electric Sheep (novel)")),
          reads("Blade Runner Book vs Movie Review\n\nThe first was Blade Runner which was adapted from Electric Sheep.",
                adaptation("Blade Runner (film)", "Electric Sheep (book)")),
          refuses("Blade Runner Book vs Movie Review\n\nBlade Runner is not based on Philip K. Dick's 1968 novel "
                  "Do Androids Dream of Electric Sheep?")])
@rule("filmed-as", asserts="adaptations", priority=430, patterns=[FILMED_AS],
      slots={"s": "title", "p": "person", "f": "title"}, examples=[
          reads("Red Dragon Book vs Movie Review\n\nRed Dragon (1981), which Michael Mann filmed as Manhunter in 1986, "
                "came first.",
                adaptation("Manhunter (film)", "Red Dragon (novel)"), credit("Michael Mann", "director", "Manhunter (film)")),
          refuses("Red Dragon Book vs Movie Review\n\nRed Dragon, which Michael Mann never filmed as Manhunter, came first.")])
def film_from_source(ctx, m) -> None:
    """A film (slot f, with director p) adapting a differently titled source (slot s, author o)."""
    b, groups = ctx.b, m.groupdict()
    film_title = b.slot_title(ctx.mention(groups.get("f") or groups["w"]))
    # "Out of Sight (1998), Soderbergh's film of Leonard's novel": the novel has the film's title
    source_title = b.slot_title(ctx.mention(m.group("s"))) if m.group("s") else (
        film_title if groups.get("k1") else None)
    if not film_title or not source_title or ctx.negated(m.start()):
        return
    ev = ctx.evidence(confidence=0.8)
    year = groups.get("year") or groups.get("year2")
    source = b.work(source_title, kind_of(m, "k1") or kind_of(m) or kind_of(m, "kind2") or "book", ev,
                    int(year) if year else None)
    film = b.work(film_title, kind_of(m, "k2"), ev) if groups.get("k2") else b.work_like(film_title, "screen", ev)
    b.adapt(film, source, ev)
    if groups.get("p"):
        ctx.credit_one(m.group("p"), "director", film, confidence=0.8)
    owner = groups.get("o") or groups.get("o2")
    if owner:
        ctx.credit_one(owner, "author", source, confidence=0.8)


@rule("filmed-in", asserts="adaptations", priority=400, patterns=[FILMED_IN],
      slots={"p": "person", "o": "person", "w": "title", "o2": "person", "w2": "title"}, examples=[
          reads("Sense and Sensibility Book vs Movie Review\n\nAng Lee, who had already filmed Jane Austen's novel "
                "in Sense and Sensibility, went on.",
                adaptation("Sense and Sensibility (film)", "Sense and Sensibility (novel)"),
                credit("Ang Lee", "director", "Sense and Sensibility (film)"),
                credit("Jane Austen", "author", "Sense and Sensibility (novel)")),
          refuses("Sense and Sensibility Book vs Movie Review\n\nAng Lee, who never filmed Jane Austen's novel "
                  "in Sense and Sensibility, went on.")])
def filmed_in(ctx, m) -> None:
    b = ctx.b
    if ctx.negated(m.start()):
        return
    ev = ctx.evidence(confidence=0.8)
    for owner, slot, kind in (("o", "w", "kind"), ("o2", "w2", "kind2")):
        title = b.slot_title(ctx.mention(m.group(slot))) if m.group(slot) else None
        if title:
            source, film = b.work(title, kind_of(m, kind) or kind_of(m), ev), b.work_like(title, "screen", ev)
            b.adapt(film, source, ev)
            ctx.credit_one(m.group(owner), "author", source, confidence=0.8)
            ctx.credit_one(m.group("p"), "director", film, confidence=0.8)


@rule("film-of", asserts="adaptations", priority=440, patterns=[FILM_OF], slots={"o": "person", "w": "title"}, examples=[
    reads(HEAD + "The film version of Jamaica Inn came a year earlier.",
          adaptation("Jamaica Inn (film)", "Jamaica Inn (book)")),
    reads(HEAD + "I saw the film version of DdM’s “Jamaica Inn” (1936) first.",  # an owner's initials are no title
          adaptation("Jamaica Inn (film)", "Jamaica Inn (book)")),
    reads(HEAD + "Then came Alfred Hitchcock's “Rebecca” (1940); the film version of “Manderley Burning”.",
          adaptation("Rebecca (film)", "Manderley Burning (book)")),
    refuses(HEAD + "There is no film version of Jamaica Inn.")])
@rule("got-a-film", asserts="adaptations", priority=450, patterns=[GOT_A_FILM], slots={"w": "title"}, examples=[
    reads(HEAD + "Jamaica Inn got its own film in 1939.", adaptation("Jamaica Inn (film)", "Jamaica Inn (book)")),
    refuses(HEAD + "Jamaica Inn never became a film I liked.")])
def film_of_title(ctx, m) -> None:
    b, title = ctx.b, ctx.b.slot_title(ctx.mention(m.group("w")))
    if not title or ctx.negated(m.start()):
        return
    ev = ctx.evidence(confidence=0.8)
    known_page = (norm(title), "page") in b.works
    source = b.work(title, kind_of(m, "k1") or (b.works[(norm(title), "page")].kind if known_page else "book"), ev)
    # "F (1982); the film version of W": the film named just before, in apposition, adapts W
    before = re.search(r"⟨(\d+)⟩[”\"’]?(?:\s*\(\d{4}\))?\s*[,;]\s*$", ctx.t[:m.start()])
    named = before and b.slot_title(ctx.mention(before.group(1)))
    film = b.work_like(named, "screen", ev) if named and (norm(named), "film") in b.works else b.work(title, kind_of(m, "k2"), ev)
    b.adapt(film, source, ev)
    if m.groupdict().get("o"):
        ctx.credit_one(m.group("o"), "author", source)


@rule("book-and-film-called", asserts="adaptations", priority=510, patterns=[BOTH_CALLED], slots={"w": "title"}, examples=[
    reads(HEAD + "There is a novel and a film called Jamaica Inn.", adaptation("Jamaica Inn (film)", "Jamaica Inn (novel)")),
    refuses(HEAD + "There is a novel and a play called Jamaica Inn.")])
@rule("also-a", asserts="adaptations", priority=520, patterns=[ALSO_A], slots={"w": "title"}, examples=[
    reads(HEAD + "Her next novel, which was also a film, was Jamaica Inn.",
          adaptation("Jamaica Inn (film)", "Jamaica Inn (novel)")),
    refuses(HEAD + "Her next novel, which was also a novella, was Jamaica Inn.")])
def both_kinds(ctx, m) -> None:
    """A title named as a book and as a film at once: the film adapts the book."""
    b, title = ctx.b, ctx.b.slot_title(ctx.mention(m.group("w")))
    k1, k2 = kind_of(m, "k1"), kind_of(m, "k2")
    if not title or medium(k1) == medium(k2):
        return
    ev = ctx.evidence(confidence=0.8)
    page, screen = (k1, k2) if medium(k1) == "page" else (k2, k1)
    source, adapted = b.work(title, page, ev), b.work(title, screen, ev)
    b.adapt(adapted, source, ev)
    if m.groupdict().get("owner"):
        owner = owner_before(b, ctx.sent, m.start())
        if owner:
            b.credit(owner, "author", source, ctx.evidence(ctx.rule.label + "-owner", 0.6))
