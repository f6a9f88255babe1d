"""Credits said with "by" or a credit word: "directed by X", "the screenplay by Y", "written by
Z", "X gets the only screenplay credit", "X directs; Y writes the screenplay". The most specific
phrasing claims a name first, so that in "the script was adapted from the novel by X" X is the
screenwriter only."""
from __future__ import annotations

import re

from ...facts import medium
from ..clues import anchor, person_before, screen_of
from ..mentions import APOSTROPHES, DEMONYMS, KIND_WORDS, PAGE_RE, SCREEN_RE
from ..patterns import template
from ..registry import adaptation, credit, reads, refuses, rule
from ..titles import COMPARED

WRITTEN_DIRECTED = template(r"\b(?:(?:co-?)?written\s+(?:and|&)\s+directed|directed\s+(?:and|&)\s+(?:co-?)?written)\s+by\s+{p*}")
DIRECTED = template(r"(?P<both>\bboth\s+)?\b(?<!written and )(?:directed|filmed)\s+BY{p*}")
VERSION_BY = template(r"\bthe\s+(?:\d{4}\s+)?(?:(?!(?:stage|audio|audiobook|radio|theatre|theater|musical|comic|graphic|print|"
                      r"book|novel|french|translated)\b)[\w-]+\s+)?(?:SCREEN|version|attempt)\s+by\s+{p*}")
# "Rob Reiner directs; William Goldman writes the screenplay from his own 1973 novel."
PRESENT_CREDIT = template(r"{p*}\s+(?:also\s+)?(?P<verb>directs|writes\s+the\s+(?:screenplay|script)|adapts)\b(?!\s+⟨)"
                          r"(?:\s+from\s+(?P<own>his|her|their)\s+own\s+(?:(?P<year>\d{4})\s+)?(?P<kind>PAGE))?")
# "Rooney adapted her own book, co-writing the scripts with Alice Birch"
ADAPTED_OWN = template(r"{p*}\s+adapted\s+(?:his|her|their)\s+(?:own\s+)?(?:PAGE)\b")
CO_WRITING = template(r"(?:⟨(?P<subject>\d+)⟩\s+|(?P<pron>\bhe|\bshe)\s+)?\b(?:co-?writing|co-?wrote|writing|wrote)\s+the\s+(?:scripts?|screenplays?|teleplays?)\s+"
                      r"(?:together\s+)?with\s+(?:the\s+(?:[\w-]+\s+)?(?:novelist|writer|playwright|screenwriter|author|director)\s+)?{p*}")
# "X directed the first six episodes, and Y directed the last six": the second names no episodes.
EPISODES = template(r"{p*}(?:,[^,;.]{0,60},)?\s+(?:also\s+)?directed\s+(?:the\s+)?(?:[\w-]+\s+){0,2}episodes\b"
                    r"(?:,?\s+(?:and|while|with)\s+{q}\s+(?:directing|directed)\s+the\s+(?:last|other|remaining|rest|final)\b)?")
# "X was chosen to direct", "Y has been hired to adapt it"
CHOSEN = template(r"{p*}\s+(?:was|were|is|are|has\s+been|had\s+been|got)\s+(?:\w+\s+)?(?:chosen|hired|tapped|picked|signed\s+on|"
                  r"brought\s+(?:on|in)|selected|enlisted|recruited|attached)\s+to\s+(?P<verb>direct|write|adapt|script)\b")
# "Sidney Howard gets the only screenplay credit"
SCRIPT_CREDIT = template(r"{p*}\s+(?:gets|got|has|had|shares|shared|received|receives)\s+(?:the\s+|a\s+)?(?:only\s+|sole\s+)?"
                         r"(?:screenplay|script|screenwriting|writing)\s+credit")
# "The screenplay for W, by X and Y": the film may come between.
SCRIPT_BY = template(r"\b(?:screenplay|screen\s+play|script)\b(?:\s+(?:for|of)\s+{w},?)?[^⟨.;]*?\b(?:BY|credited\s+to\s+|goes\s+to\s+){p*}")
ADAPTED_FROM_BY = template(r"\badapted\s+from\s+[^.;⟨]*(?:⟨\d+⟩[" + APOSTROPHES + r"]s\s+[^.;⟨]*)?\bby\s+(?:the\s+)?"
                           r"(?:screenwriters?|writers?)\s+{p*}")
ADAPTED_BY = template(r"\badapted\s+(?:(?:for|to)\s+the\s+(?:big\s+)?screen\s+|into\s+a\s+(?:SCREEN)\s+)?BY{p*}")
# "written by X with Y": a co-writer joined by "with"; a comic's artist is its author too.
WRITTEN_BY = template(r"\b(?<!written and )(?:(?:re|co-?)?written|penned|authored|scripted|drawn|illustrated)\s+BY(?:both\s+)?{p*}(?:\s+with\s+{q})?")
KIND_BY = template(r"\b(?P<kind>PAGE)(?:\s+\w+)?\s*,?\s+BY{p*}")  # "the novella by X", "The book, by X, like the movie"
# "director Joe Wright", "the novelist, Ian McEwan", "Director and co-writer X", "with X as director",
# "the director, Aussie X", "laid out by author X"; a title before the noun makes it that work's
# ("the Sicario director X"), which the rule tells apart from a nationality ("English director X").
ROLE_NOUN = template(r"(?:⟨(?P<before>\d+)⟩\s)?(?<!\bby\sthe\s)\b(?P<role>director|filmmaker|author|novelist|screen[\s-]?writer|scriptwriter)(?:\s+and\s+(?P<also>co-?writer|screenwriter))?"
                     r"\s*,?\s+(?:(?:" + "|".join(sorted(DEMONYMS)) + r")\s+)?{p}(?![" + APOSTROPHES + r"]s)(?P<aside>\s*\((?:[^()⟨]|⟨\d+⟩){0,60}\))?"
                     r"|\bwith\s+{q}\s+as\s+(?:the\s+)?(?P<as>director|screenwriter)\b")
# "Denis Villeneuve, director of Sicario,", "John Hughes, ..., and the scriptwriter of the family films W1 (1990) and W2"
ROLE_OF_TITLE = template(r"{p},\s+(?:[^.;⟨]{0,100}?\s)?(?:the\s+)?(?P<role>director|screenwriter|scriptwriter|author|novelist)\s+of\s+"
                         r"(?:(?:the|his|her)\s+)?(?:[\w-]+\s+){0,4}?(?:(?P<kind>films?|movies?|novels?|books?)\s+)?{w*}")
# "the book of the same name by X", "X's bestseller of the same name": the reviewed book's author
SAME_NAME = template(r"\b(?:PAGE|bestseller|story)\s+of\s+the\s+same\s+(?:name|title)(?:\s+by\s+(?:[a-z-]+\s+){0,3}{p})?"
                     r"|{o}[" + APOSTROPHES + r"]s\s+(?:[\w-]+\s+){0,3}?(?:PAGE|bestseller|story)\s+of\s+the\s+same\s+(?:name|title)")

# the medium whose credit a role noun names
ROLE_WORK = {"director": "screen", "filmmaker": "screen", "screenwriter": "screen", "scriptwriter": "screen",
             "author": "page", "novelist": "page"}

HEAD = "Arrival Book vs Movie Review\n\n"
FILM = "Arrival (film)"
PEOPLE = {"p": "person"}


@rule("written-and-directed-by", asserts="credits", priority=100, patterns=[WRITTEN_DIRECTED], slots=PEOPLE, examples=[
    reads(HEAD + "The film was written and directed by Denis Villeneuve.",
          credit("Denis Villeneuve", "screenwriter", FILM), credit("Denis Villeneuve", "director", FILM)),
    reads(HEAD + "Directed & Written by Denis Villeneuve; based on the story by Ted Chiang.",
          credit("Denis Villeneuve", "screenwriter", FILM), credit("Denis Villeneuve", "director", FILM)),
    reads(HEAD + "It's directed and co-written by Denis Villeneuve, who made Sicario.",
          credit("Denis Villeneuve", "screenwriter", FILM), credit("Denis Villeneuve", "director", FILM)),
    refuses(HEAD + "It was never written and directed by Denis Villeneuve.")])
def written_and_directed_by(ctx, m) -> None:
    if ctx.negated(m.start()):
        return
    ev = ctx.evidence()
    title = m.groupdict().get("w") and ctx.b.slot_title(ctx.mention(m.group("w")))
    found = ctx.b.work_like(title, "screen", ev) if title else screen_of(
        ctx.b, anchor(ctx.b, ctx.sent, m.start(), ev, "screen") or ctx.b.reviewed_screen, ev)
    ctx.credit_all(m.group("p"), "screenwriter", found)
    ctx.credit_all(m.group("p"), "director", found)


@rule("directed-by", asserts="credits", priority=110, patterns=[DIRECTED], slots=PEOPLE, yields=("creator", "p"), examples=[
    reads(HEAD + "The film was directed by Denis Villeneuve.", credit("Denis Villeneuve", "director", FILM)),
    reads(HEAD + "It was directed by Canadian Denis Villeneuve.", credit("Denis Villeneuve", "director", FILM)),
    reads(HEAD + "It was written by Eric Heisserer (Lights Out) and directed by Denis Villeneuve (Sicario, Enemy).",
          credit("Denis Villeneuve", "director", FILM)),
    reads(HEAD + "The film is directed by Bong Joon-ho, whose films I love.", credit("Bong Joon-ho", "director", FILM)),
    reads(HEAD + "2016, 116 Minutes, Directed by: Denis Villeneuve", credit("Denis Villeneuve", "director", FILM)),
    reads(HEAD + "Arrival came before Dune and Blade Runner 2049, both directed by Denis Villeneuve.",
          credit("Denis Villeneuve", "director", "Blade Runner 2049 (film)"), credit("Denis Villeneuve", "director", "Dune (film)")),
    reads(HEAD + "The Road, McCarthy's next novel, was filmed by John Hillcoat.",
          credit("John Hillcoat", "director", "The Road (film)"), adaptation("The Road (film)", "The Road (novel)")),
    refuses(HEAD + "The film was originally going to be directed by David Fincher.")])
def directed_by(ctx, m) -> None:
    b, t = ctx.b, ctx.t
    if ctx.negated(m.start()):
        return
    ev = ctx.evidence()
    listed = re.search(r"((?:⟨\d+⟩(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+))*⟨\d+⟩)\s*,?\s*$", t[:m.start()])
    if m.group("both") and listed:
        for title in ctx.titles(listed.group(1)):
            ctx.credit_all(m.group("p"), "director", b.work_like(title, "screen", ev))
        return
    anchored = anchor(b, ctx.sent, m.start(), ev, "screen") or b.reviewed_screen
    found = screen_of(b, anchored, ev)
    if anchored is not None and found is not anchored and medium(anchored.kind) == "page":
        b.adapt(found, anchored, ev)  # "The Road, McCarthy's next novel, was filmed by John Hillcoat"
    ctx.credit_all(m.group("p"), "director", found)


@rule("version-by", asserts="credits", priority=120, patterns=[VERSION_BY], slots=PEOPLE, yields=("creator", "p"), examples=[
    reads(HEAD + "I prefer the 2016 version by Denis Villeneuve.", credit("Denis Villeneuve", "director", FILM)),
    refuses(HEAD + "I prefer the stage version by Denis Villeneuve.")])
def version_by(ctx, m) -> None:
    if ctx.negated(m.start()):
        return
    ev = ctx.evidence(confidence=0.8)
    ctx.credit_all(m.group("p"), "director", screen_of(ctx.b, anchor(ctx.b, ctx.sent, m.start(), ev, "screen")
                                                       or ctx.b.reviewed_screen, ev), confidence=0.8)


@rule("present-credit", asserts="credits", priority=130, patterns=[PRESENT_CREDIT], slots=PEOPLE,
      needs=re.compile(r"\b(?:directs|writes|adapts)\b", re.I), examples=[
    reads(HEAD + "Denis Villeneuve directs; Eric Heisserer writes the screenplay.",
          credit("Denis Villeneuve", "director", FILM), credit("Eric Heisserer", "screenwriter", FILM)),
    refuses(HEAD + "Denis Villeneuve never directs comedies.")])
def present_credit(ctx, m) -> None:
    b = ctx.b
    if ctx.negated(m.start(), m.end()) or b.reviewed_screen is None:
        return
    role = "director" if m.group("verb").lower() == "directs" else "screenwriter"
    ctx.credit_all(m.group("p"), role, b.reviewed_screen, confidence=0.8)
    if m.group("own") and b.reviewed_page is not None:
        if m.group("year"):
            b.work(b.reviewed_page.title, b.reviewed_page.kind, ctx.evidence(), int(m.group("year")))
        ctx.credit_all(m.group("p"), "author", b.reviewed_page, confidence=0.8)


@rule("adapted-own", asserts="credits", priority=140, patterns=[ADAPTED_OWN], slots=PEOPLE,
      needs=re.compile(r"\badapted\s+(?:his|her|their)\b", re.I), examples=[
    reads(HEAD + "Ted Chiang adapted his own novella, which is rare.", credit("Ted Chiang", "screenwriter", FILM)),
    refuses(HEAD + "Ted Chiang never adapted his own novella.")])
@rule("co-writing", asserts="credits", priority=150, patterns=[CO_WRITING], slots={"p": "person", "subject": "person"},
      examples=[
          reads(HEAD + "Eric Heisserer wrote the screenplay with Ted Chiang.",
                credit("Eric Heisserer", "screenwriter", FILM), credit("Ted Chiang", "screenwriter", FILM)),
          refuses(HEAD + "Eric Heisserer did not write the screenplay with Ted Chiang.")])
@rule("directed-episodes", asserts="credits", priority=160, patterns=[EPISODES], slots={"p": "person", "q": "person"},
      needs=re.compile(r"\bepisodes\b", re.I), examples=[
          reads("Normal People Book vs Series Review\n\nLenny Abrahamson directed the first six episodes, "
                "and Hettie Macdonald directing the last six.",
                credit("Lenny Abrahamson", "director", "Normal People (tv_series)"),
                credit("Hettie Macdonald", "director", "Normal People (tv_series)")),
          refuses("Normal People Book vs Series Review\n\nLenny Abrahamson never directed the episodes.")])
@rule("chosen-to", asserts="credits", priority=175, patterns=[CHOSEN], slots=PEOPLE,
      needs=re.compile(r"\bto\s+(?:direct|write|adapt|script)\b", re.I), examples=[
    reads(HEAD + "The studio picked it up and Denis Villeneuve was chosen to direct.", credit("Denis Villeneuve", "director", FILM)),
    reads(HEAD + "Eric Heisserer was hired to adapt it.", credit("Eric Heisserer", "screenwriter", FILM)),
    refuses(HEAD + "Denis Villeneuve was originally chosen to direct."),
    refuses(HEAD + "Denis Villeneuve was never hired to direct.")])
@rule("script-credit", asserts="credits", priority=170, patterns=[SCRIPT_CREDIT], slots=PEOPLE,
      needs=re.compile(r"\bcredit\b", re.I), examples=[
    reads(HEAD + "Eric Heisserer gets the only screenplay credit.", credit("Eric Heisserer", "screenwriter", FILM)),
    refuses(HEAD + "Eric Heisserer never got a screenplay credit.")])
def reviewed_screen_credit(ctx, m) -> None:
    """The reviewed screen version's credit, to the people of groups p, q and subject, and to
    whom a "he" or "she" before the verb means."""
    directs = ctx.rule.name == "directed-episodes" or ctx.rule.name == "chosen-to" and m.group("verb").lower() == "direct"
    b, role = ctx.b, "director" if directs else "screenwriter"
    if ctx.negated(m.start(), m.end()) or b.reviewed_screen is None:
        return
    extra = "".join(f"⟨{m.group(g)}⟩" for g in ("q", "subject") if m.groupdict().get(g))
    ctx.credit_all(m.group("p") + extra, role, b.reviewed_screen, confidence=0.8)
    subject = person_before(b, ctx.sent, m.start()) if m.groupdict().get("pron") else None
    if subject:  # "Gary Ross directed the film, and he co-wrote the screenplay with Collins"
        b.credit(subject, role, b.reviewed_screen, ctx.evidence(ctx.rule.label + "-pronoun", 0.6))


@rule("script-by", asserts="credits", priority=180, patterns=[SCRIPT_BY], slots={**PEOPLE, "w": "title"}, yields=("creator", "p"),
      examples=[
    reads(HEAD + "The screenplay by Eric Heisserer is tight.", credit("Eric Heisserer", "screenwriter", FILM)),
    reads(HEAD + "The book is a fable of sorts by author Ted Chiang (screen play by Eric Heisserer).",
          credit("Eric Heisserer", "screenwriter", FILM)),
    reads("Arrival and the novella “Story of Your Life”\n\nThe novella “Story of Your Life” is quiet and the film “Arrival” "
          "is loud. I found the book far from the screenplay adaptation by Eric Heisserer.",
          credit("Eric Heisserer", "screenwriter", FILM)),
    reads(HEAD + "The screenplay for Sicario, by Taylor Sheridan, is lean.", credit("Taylor Sheridan", "screenwriter", "Sicario (film)")),
    refuses(HEAD + "It was reportedly the screenplay by Eric Heisserer.")])
@rule("adapted-from-by", asserts="credits", priority=190, patterns=[ADAPTED_FROM_BY], slots=PEOPLE,
      yields=("creator", "p"), examples=[
          reads(HEAD + "It was adapted from the story by the screenwriter Eric Heisserer.",
                credit("Eric Heisserer", "screenwriter", FILM)),
          refuses(HEAD + "It was adapted from the story by Ted Chiang.")])
@rule("adapted-by", asserts="credits", priority=200, patterns=[ADAPTED_BY], slots=PEOPLE, yields=("creator", "p"), examples=[
    reads(HEAD + "The story was adapted for the screen by Eric Heisserer.", credit("Eric Heisserer", "screenwriter", FILM)),
    reads(HEAD + "The story was adapted to the screen by Eric Heisserer.", credit("Eric Heisserer", "screenwriter", FILM)),
    refuses(HEAD + "The story was never adapted by Eric Heisserer.")])
def screenwriter_by(ctx, m) -> None:
    """The screenwriter of the work the phrase speaks of, else of the reviewed screen version."""
    if ctx.negated(m.start()):
        return
    ev = ctx.evidence()
    title = m.groupdict().get("w") and ctx.b.slot_title(ctx.mention(m.group("w")))
    found = ctx.b.work_like(title, "screen", ev) if title else screen_of(
        ctx.b, anchor(ctx.b, ctx.sent, m.start(), ev, "screen") or ctx.b.reviewed_screen, ev)
    ctx.credit_all(m.group("p"), "screenwriter", found)


@rule("written-by", asserts="credits", priority=210, patterns=[WRITTEN_BY], slots={"p": "person", "q": "person"},
      yields=("creator", "p"), examples=[
          reads(HEAD + "The novella was written by Ted Chiang.", credit("Ted Chiang", "author", "Arrival (novel)")),
          reads(HEAD + "The novella was authored by science-fiction writer Ted Chiang.", credit("Ted Chiang", "author", "Arrival (novel)")),
          reads(HEAD + "“Arrival” is based on a novella written by American writer Ted Chiang.", credit("Ted Chiang", "author", "Arrival (novel)")),
          reads(HEAD + "Written by former physics columnist Ted Chiang, the 1998 novella was a quiet success.",
                credit("Ted Chiang", "author", "Arrival (novel)")),
          reads(HEAD + "Written by Ted Chiang in 1998, Stories of Your Life follows a linguist.",
                credit("Ted Chiang", "author", "Stories of Your Life (book)")),
          reads(HEAD + "Film: Arrival (2016), directed by Denis Villeneuve, written by Eric Heisserer",
                credit("Eric Heisserer", "screenwriter", FILM)),
          reads(HEAD + "The script was rewritten by both Eric Heisserer (Lights Out) and Ted Chiang (no films).",
                credit("Eric Heisserer", "screenwriter", FILM), credit("Ted Chiang", "screenwriter", FILM)),
          reads(HEAD + "They worked from a script that began with Tom Leal, but was rewritten by Eric Heisserer.",
                credit("Eric Heisserer", "screenwriter", FILM)),
          refuses(HEAD + "The novella was not written by Ted Chiang's brother.")])
def written_by(ctx, m) -> None:
    if ctx.negated(m.start()):
        return
    on_film_line = re.match(rf"^\W*(?:{SCREEN_RE})\s*:", ctx.t, re.I)  # "Film: W (2005), directed by X, written by Y"
    found = anchor(ctx.b, ctx.sent, m.start(), ctx.evidence(), "screen" if on_film_line else "page")
    if found is None and re.match(rf",\s+(?:the|this|her|his|their)\s+(?:\d{{4}}\s+)?(?:{PAGE_RE})\b", ctx.t[m.end():], re.I):
        found = ctx.b.reviewed_page  # "Written by X, the 2005 memoir was ..."
    opening = re.match(r"(?:\s+in\s+\d{4})?,\s+⟨(\d+)⟩", ctx.t[m.end():]) if not ctx.t[:m.start()].strip() else None
    if found is None and opening and ctx.b.slot_title(ctx.mention(opening.group(1))):
        # "Written by X in 1937, W tells the story of ...": the sentence opens on W's author
        found = ctx.b.work_like(ctx.b.slot_title(ctx.mention(opening.group(1))), "page", ctx.evidence())
    if found is not None:
        role = "author" if medium(found.kind) == "page" else "screenwriter"
        ctx.credit_all(m.group("p") + (f"⟨{m.group('q')}⟩" if m.group("q") else ""), role, found)


@rule("kind-by", asserts="credits", priority=220, patterns=[KIND_BY], slots=PEOPLE, yields=("creator", "p"), examples=[
    reads(HEAD + "I read the novella by Ted Chiang first.", credit("Ted Chiang", "author", "Arrival (novel)")),
    reads(HEAD + "The novella, by Ted Chiang, like the film, is quiet.", credit("Ted Chiang", "author", "Arrival (novel)")),
    refuses(HEAD + "I read the novella, which was not by Ted Chiang.")])
def kind_by(ctx, m) -> None:
    b, t = ctx.b, ctx.t
    if ctx.negated(m.start()):
        return
    kind = KIND_WORDS[m.group("kind").lower()]
    ev = ctx.evidence()
    before = re.search(r"⟨(\d+)⟩[^⟨]*$", t[:m.start()])
    title = (b.title_of(ctx.mention(before.group(1)))
             if before and len(t[before.end(1):m.start()]) < 30 else None)
    found = b.work(title, kind, ev) if title else b.reviewed_page
    if found is not None and medium(found.kind) == "page":
        ctx.credit_all(m.group("p"), "author", found)


# "“W” by X is one of those classic books": a title and its maker, in a sentence about books only
TITLE_BY = template(r"{w}[”\"’]?,?\s+by\s+{p*}")


@rule("title-by", asserts="credits", priority=228, patterns=[TITLE_BY], slots={"w": "title", "p": "person"},
      yields=("creator", "p"), examples=[
          reads(HEAD + "“Stories of Your Life” by Ted Chiang is one of those books I reread.",
                credit("Ted Chiang", "author", "Stories of Your Life (book)")),
          reads(HEAD + "Years ago I read The Lifecycle of Software Objects by Ted Chiang on a train.",
                credit("Ted Chiang", "author", "The Lifecycle of Software Objects (book)")),
          reads("Stories of Your Life, by Ted Chiang: Book v. Movie\n\nI read the book first.",
                credit("Ted Chiang", "author", "Stories of Your Life (novel)")),
          refuses(HEAD + "Arrival by Denis Villeneuve is the film I rewatch, not the book."),
          refuses(HEAD + "The book is good. Published by Small Beer Press, it sold well."),
          refuses(HEAD + "Arrival by Denis Villeneuve is one I rewatch.")])
def title_by(ctx, m) -> None:
    """The book's author where the sentence speaks of books and not of films; which of them a
    bare "W by X" means is otherwise unsaid."""
    t = COMPARED.sub(" book ", ctx.t)  # "W, by X: Book v. Movie": a headline comparing the two speaks of the book first
    read = re.search(r"\b(?:read|reading|reread|re-read)\s+(?:the\s+)?[“\"]?$", t[:m.start()], re.I)  # "I read W by X"
    if ctx.negated(m.start()) or not (read or re.search(rf"\b(?:{PAGE_RE})s?\b", t, re.I)) or re.search(
            rf"\b(?:{SCREEN_RE})s?\b", t, re.I):
        return
    title = ctx.b.slot_title(ctx.mention(m.group("w")))
    if title and not re.fullmatch(r"[A-Z][a-z]+ed", title):  # "Published by X", "Illustrated by Y"
        ev = ctx.evidence(confidence=0.7)
        ctx.credit_all(m.group("p"), "author", ctx.b.work_like(title, "page", ev), confidence=0.7)


def _owned_role(ctx, m) -> bool:
    """Whether the role is some other work's or a character's job: a title before the noun ("the
    Sicario director X"), or a parenthesis after the name that is a person's name ("the camp director,
    Mr. Sir (Jon Voight)"); a nationality or a filmography ("(2013's Stuck in Love)") is neither."""
    before = m.group("before") and ctx.mention(m.group("before"))
    if before and before.lower() not in DEMONYMS:
        return True
    held = re.fullmatch(r"\s*\(\s*⟨(\d+)⟩\s*\)", m.group("aside") or "")
    return bool(held and ctx.b.person(ctx.mention(held.group(1))))


@rule("role-noun", asserts="credits", priority=224, patterns=[ROLE_NOUN], slots={"p": "person", "q": "person"},
      yields=("creator", "p"), examples=[
          reads(HEAD + "With only his third feature, director Denis Villeneuve finds a quiet register.",
                credit("Denis Villeneuve", "director", FILM)),
          reads(HEAD + "It was made with Denis Villeneuve as director.", credit("Denis Villeneuve", "director", FILM)),
          reads(HEAD + "Chiang had the idea, but screen writer Eric Heisserer made it work.",
                credit("Eric Heisserer", "screenwriter", FILM)),
          reads(HEAD + "With his fifth feature, Canadian director Denis Villeneuve finds a quiet register.",
                credit("Denis Villeneuve", "director", FILM)),
          reads(HEAD + "They gave it to a patient director, Canadian Denis Villeneuve, who took his time.",
                credit("Denis Villeneuve", "director", FILM)),
          reads(HEAD + "The heavy lifting was done by author Ted Chiang.", credit("Ted Chiang", "author", "Arrival (novel)")),
          reads(HEAD + "And director Denis Villeneuve (2015's Sicario) keeps it quiet.",
                credit("Denis Villeneuve", "director", FILM)),
          reads(HEAD + "I can't say how glad I was when director Denis Villeneuve took it on.",
                credit("Denis Villeneuve", "director", FILM)),
          reads(HEAD + "The book is a fable of sorts by author Ted Chiang (screen play by Eric Heisserer).",
                credit("Ted Chiang", "author", "Arrival (novel)")),
          refuses(HEAD + "The base's director, Colonel Weber (Forest Whitaker), is stern."),
          refuses(HEAD + "The Sicario director Denis Villeneuve is busy."),
          refuses(HEAD + "Director Denis Villeneuve's Sicario came first."),
          refuses(HEAD + "It was never made by director Denis Villeneuve."),
          refuses(HEAD + "Jeremy Renner plays the NASA director, Ian Donnelly."),
          refuses(HEAD + "Its original director David Fincher left early.")])
def role_noun(ctx, m) -> None:
    """A role noun before a name (or "with X as director") gives the reviewed work of its medium."""
    if ctx.negated(m.start(), m.end()) or _owned_role(ctx, m):
        return
    role_word = re.sub(r"[\s-]", "", (m.group("role") or m.group("as")).lower())  # "screen writer"
    side = ROLE_WORK[role_word]
    found = ctx.b.reviewed_page if side == "page" else ctx.b.reviewed_screen
    role = "author" if side == "page" else "screenwriter" if role_word in ("screenwriter", "scriptwriter") else "director"
    ctx.credit_one(m.group("p") or m.group("q"), role, found, confidence=0.7)
    if m.group("also"):
        ctx.credit_one(m.group("p"), "screenwriter", found, confidence=0.7)


@rule("role-of-title", asserts="credits", priority=227, patterns=[ROLE_OF_TITLE], slots={"p": "person", "w": "names"},
      examples=[
          reads(HEAD + "Denis Villeneuve, director of Sicario, was the right choice.",
                credit("Denis Villeneuve", "director", "Sicario (film)")),
          reads(HEAD + "Eric Heisserer, the man behind two horror films and the screenwriter of the hit films Lights Out (2016) "
                "and Bird Box, adapted it.", credit("Eric Heisserer", "screenwriter", "Lights Out (film)"),
                credit("Eric Heisserer", "screenwriter", "Bird Box (film)")),
          refuses(HEAD + "Denis Villeneuve, not the director of Sicario, was the right choice.")])
def role_of_title(ctx, m) -> None:
    if ctx.negated(m.start(), m.start("w")):
        return
    role_word, ev = m.group("role").lower(), ctx.evidence(confidence=0.8)
    side = ROLE_WORK[role_word]
    role = "author" if side == "page" else "director" if role_word == "director" else "screenwriter"
    for title in ctx.titles(m.group("w")):
        ctx.credit_one(m.group("p"), role, ctx.b.work_like(title, side, ev), confidence=0.8)


@rule("same-name", asserts="credits", priority=226, patterns=[SAME_NAME], slots={"p": "person", "o": "person"},
      examples=[
          reads(HEAD + "Arrival is based on the novella of the same name by the writer Ted Chiang.",
                credit("Ted Chiang", "author", "Arrival (novel)")),
          reads(HEAD + "It is based on Ted Chiang's award-winning novella of the same name.",
                credit("Ted Chiang", "author", "Arrival (novel)")),
          reads(HEAD + "Based on Ted Chiang's 1998 award-winning childrens book of the same title.",
                credit("Ted Chiang", "author", "Arrival (novel)")),
          reads(HEAD + "Hitchcock's The Birds came from Daphne du Maurier's story of the same name.",
                credit("Daphne du Maurier", "author", "The Birds (book)")),
          refuses(HEAD + "There is no novella of the same name.")])
def same_name(ctx, m) -> None:
    """"the book of the same name" shares its title with the film named before it, else the reviewed one's."""
    if ctx.negated(m.start()):
        return
    ev = ctx.evidence(confidence=0.8)
    named = anchor(ctx.b, ctx.sent, m.start(), ev, "page")
    found = ctx.b.work_like(named.title, "page", ev) if named is not None else ctx.b.reviewed_page
    ctx.credit_one(m.group("p") or m.group("o"), "author", found, confidence=0.8)
