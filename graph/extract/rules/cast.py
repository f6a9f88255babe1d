"""Cast said around the verb or in a list: "X, who played C in W, is D", "as C in W", "A and B
play C and D", "C is played by X", "C (X)" or "X (C)", a cast list's lines, "starring X".
Their work is the film named before them, else the reviewed one."""
from __future__ import annotations

import re

from ...facts import Work, norm
from ..builder import Builder
from ..mentions import APOSTROPHES, Sentence
from ..patterns import slots, template
from ..registry import cast, credit, reads, refuses, rule

# "X, who played C in W, is D": C is a role in W, D the role in the reviewed film.
WHO_PLAYED_IN = template(r"{a},\s+who\s+(?:also\s+)?(?:played|portrayed|voiced)\s+{c}\s+in\s+{w},\s+(?:is|plays)\s+{d}")
# "... as Red Grant in From Russia with Love", "went on to play Roy Neary in Spielberg's Close Encounters"
ROLE_IN_WORK = template(r"\b(?:as|play|plays|played|playing)\s+(?:the\s+[a-z]+\s+)?{c}\s+(?:again\s+|too\s+|also\s+)?in\s+(?:{p}[" + APOSTROPHES
                        + r"]s\s+)?{w}")
# "Marcia Gay Harden and Laura Linney play the wives, Celeste and Annabeth": each the one in her place.
# "Celeste and Annabeth" may come as one name, as "Pride and Prejudice" does.
PAIRED = template(r"{a}\s+and\s+{b}\s+(?:play|played|are|were|portray|portrayed|as)\s+(?:(?:the|his|her|their)\s+[a-z]+(?:\s+[a-z]+)?,\s+)?"
                  r"(?:{c}\s+and\s+{d}|{e})")
WHERE_PLAYED = template(r"{w},?\s+(?:where|in\s+which)\s+(?:he|she)\s+(?:also\s+)?(?:played|plays|portrayed|voiced)\s+{c}")
# "C in the film, played by X": the medium may stand between the role and its actor.
# "C, played by X,", "C is played brilliantly by X": a comma or an adverb may come between.
# "A, played by X, and B, played by Y": B starts the next pair, not the list of A's actors.
# "C, who is played by the wonderful X": a relative clause, and the actor praised; "C, the claims man played by X".
PLAYED_BY = template(r"{c}\s*,?\s+(?:in\s+the\s+(?:SCREEN),\s+|the\s+(?-i:[a-z-]+\s+){1,3})?(?:who\s+)?(?:is\s+|was\s+|are\s+|were\s+)?(?:played|portrayed|voiced|brought\s+to\s+life|embodied)"
                     r"\s+(?:[a-z]+ly\s+)?by\s+(?:the\s+(?-i:[a-z]+\s+){1,2})?{a*}(?!,?\s+(?:played|portrayed|voiced)\b)")
# "C (X)", "X (C)", and what a parenthesis adds after the name: "(X, also superb)", "(C - 30 years old)"
# "(X, “Other Film”)": a quoted title among the extras is the actor's other work; "(C, Tom's wife)".
# Lower-case words may describe the role before its name: "X (the hero's brother C)", "(consigliere C)";
# a work the actor is known for may come before the actor's: "C (Stranger Things' X)"; "C's (X) story".
LEAD_IN = (r"(?:(?-i:[a-z]+(?:[" + APOSTROPHES + r"]s)?\s+){0,4}?(?!(?:by|with|from|of|in|on|at|to|for|like|as|than|aka|see|via|and|or|the|a|an|"
           r"his|her|their|its|is|was|were|are)\s)(?-i:[a-z]+)\s+)?")
PAREN = template(r"{x}(?:[" + APOSTROPHES + r"]s)?\s*\(\s*(?:played\s+by\s+|(?:⟨\d+⟩[" + APOSTROPHES + r"]s?\s+)?" + LEAD_IN + r"){y}\s*(?:(?:,|\s[-–—]|-)(?:[^()⟨]|[“\"‘]⟨\d+⟩[”\"’]|⟨\d+⟩["
                 + APOSTROPHES + r"]s\b)*)?\)")
# "Pi (A, B, C and D)": several actors for one character, at several ages
SHARED = template(r"{x}\s*\(\s*{y*}\s*\)")
# A cast list's line of two names: "Frodo Baggins (Elijah Wood)", "Renata Klein — Laura Dern".
# "*Jack Salmon: Mark Wahlberg (The Departed)": the line may end in what the actor is known for.
PAIR_LINE = template(r"^\W*{x}(?:\s*\(\s*|\s*[—–:]\s*|\s+-\s+){y}\s*\)?(?:\s*\((?:[^()⟨]|⟨\d+⟩){1,60}\))?\W*$")
# A book's or film's particulars, set out as "Label: value" lines like a cast list's: no role.
PARTICULARS = {"rating", "rated", "release", "released", "date", "published", "publisher", "genre", "runtime",
               "running", "length", "pages", "language", "country", "studio", "distributor", "format", "isbn",
               "budget", "office", "awards", "source", "series", "edition", "price"}
STARRING = template(r"\b(?:starring|stars|co-starring)\s+{a*}")

HEAD = "Atonement Book vs Movie Review\n\n"
FILM = "Atonement (film)"


def film_for(ctx, pos: int) -> Work | None:
    """The film a cast fact at `pos` belongs to: the last film named before it, the one "it" of
    "when X filmed it" means, else the reviewed one."""
    b, t, sent = ctx.b, ctx.t, ctx.sent
    for i in reversed(slots(t[:pos])):
        key = norm(sent.mention(i))
        for kind in ("film", "tv_series"):
            if (key, kind) in b.works:
                return b.works[(key, kind)]
    # "When X filmed it, with A as C": the work the sentence before named
    if b.last_title and re.search(r"\b(?:filmed|directed|adapted|made)\s+it\b", t[:pos]):
        for kind in ("film", "tv_series"):
            if (norm(b.last_title), kind) in b.works:
                return b.works[(norm(b.last_title), kind)]
    return b.reviewed_screen


def add(ctx, actor_name: str, character_name: str | None, pos: int, name: str | None = None, loose: bool = True) -> bool:
    """Casts the actor as the character in the film at `pos`, where the names qualify."""
    b = ctx.b
    actor = b.person(actor_name, loose=loose)
    character = b.character(character_name) if character_name else None
    film = film_for(ctx, pos)
    if not actor or (character_name and not character) or film is None:
        return False
    b.cast_member(actor, character, film, ctx.evidence(name))
    return True


@rule("who-played-in", asserts="cast", priority=600, patterns=[WHO_PLAYED_IN],
      slots={"a": "person", "c": "character", "w": "title", "d": "character"}, examples=[
          reads(HEAD + "James McAvoy, who played Tumnus in The Chronicles of Narnia, is Robbie.",
                cast("James McAvoy", "Tumnus", "The Chronicles of Narnia (film)"), cast("James McAvoy", "Robbie", FILM)),
          refuses(HEAD + "James McAvoy, who played Tumnus in The Chronicles of Narnia, is great.")])
def who_played_in(ctx, m) -> None:
    b = ctx.b
    ctx.claim("role", ctx.mention(m.group("c")))
    actor, other = ctx.mention(m.group("a")), ctx.mention(m.group("w"))
    title = b.slot_title(other)
    if title and b.person(actor, loose=True) and b.character(ctx.mention(m.group("c"))):
        ev = ctx.evidence()
        film = b.work_like(title, "screen", ev)
        b.cast_member(b.person(actor), b.character(ctx.mention(m.group("c"))), film, ev)
        add(ctx, actor, ctx.mention(m.group("d")), m.start())


@rule("role-in-work", asserts="cast", priority=610, patterns=[ROLE_IN_WORK],
      slots={"c": "character", "p": "person", "w": "title"}, examples=[
          reads(HEAD + "Before this, James McAvoy played Tumnus in Andrew Adamson's Narnia.",
                cast("James McAvoy", "Tumnus", "Narnia (film)"), credit("Andrew Adamson", "director", "Narnia (film)")),
          refuses(HEAD + "James McAvoy was never cast as Tumnus in Narnia.")])
def role_in_work(ctx, m) -> None:
    b, t = ctx.b, ctx.t
    ctx.claim("role", ctx.mention(m.group("c")))
    title = b.slot_title(ctx.mention(m.group("w")))
    character = b.character(ctx.mention(m.group("c")))
    before = slots(t[:m.start()])
    actors = [a for a in (b.person(ctx.mention(i)) for i in before) if a and not b.is_character(a)] or [
        a for a in (b.person(ctx.mention(i), loose=True) for i in before) if a and not b.is_character(a)]
    if not actors and b.last_actor and re.search(r"\b(?:he|she)\s+(?:\w+\s+)?$", t[:m.start()], re.I):
        actors = [b.last_actor]  # "after he played C in W": the actor named last
    if not title or not character or not actors or ctx.negated(m.start()):
        return
    ev = ctx.evidence(confidence=0.7)
    film = b.work_like(title, "screen", ev)
    b.cast_member(actors[0], character, film, ev)
    if m.group("p"):
        director = b.person(ctx.mention(m.group("p")), loose=True)
        if director:
            b.credit(director, "director", film, ev)


@rule("actors-play-roles", asserts="cast", priority=620, patterns=[PAIRED],
      slots={"a": "person", "b": "person", "c": "character", "d": "character", "e": "character"}, examples=[
          reads(HEAD + "Keira Knightley and James McAvoy play the lovers, Cecilia and Robbie.",
                cast("Keira Knightley", "Cecilia", FILM), cast("James McAvoy", "Robbie", FILM)),
          reads(HEAD + "Keira Knightley and James McAvoy as Cecilia and Robbie in Atonement.",
                cast("Keira Knightley", "Cecilia", FILM), cast("James McAvoy", "Robbie", FILM)),
          refuses(HEAD + "Keira Knightley and James McAvoy are not Cecilia and Robbie to me.")])
def actors_play_roles(ctx, m) -> None:
    roles = ([ctx.mention(m.group("c")), ctx.mention(m.group("d"))] if m.group("c")
             else ctx.mention(m.group("e")).split(" and "))
    if len(roles) == 2 and not ctx.negated(m.start()):
        for actor, character in zip((m.group("a"), m.group("b")), roles):
            if add(ctx, ctx.mention(actor), character, m.start()):
                ctx.claim("role", character)


@rule("where-played", asserts="cast", priority=770, patterns=[WHERE_PLAYED], slots={"w": "title", "c": "character"}, examples=[
    reads(HEAD + "James McAvoy plays Robbie; he was known from Narnia, where he played Tumnus.",
          cast("James McAvoy", "Tumnus", "Narnia (film)")),
    refuses(HEAD + "He was known from Narnia, where he played Tumnus.")])
def where_played(ctx, m) -> None:
    b, t = ctx.b, ctx.t
    title = b.slot_title(ctx.mention(m.group("w")))
    character = b.character(ctx.mention(m.group("c")))
    actors = [b.person(ctx.mention(i)) for i in slots(t[:m.start()])
              if any(c.actor == b.person(ctx.mention(i)) for c in b.cast.values())]
    if title and character and actors and not ctx.negated(m.start()):
        ev = ctx.evidence(confidence=0.7)
        b.cast_member(actors[-1], character, b.work_like(title, "screen", ev), ev)


@rule("played-by", asserts="cast", priority=780, patterns=[PLAYED_BY], slots={"c": "character", "a": "person"}, examples=[
    reads(HEAD + "Briony is played by Saoirse Ronan, Romola Garai and Vanessa Redgrave.",
          cast("Saoirse Ronan", "Briony", FILM), cast("Vanessa Redgrave", "Briony", FILM)),
    reads(HEAD + "Cecilia, played by Keira Knightley, swims in the fountain.", cast("Keira Knightley", "Cecilia", FILM)),
    reads(HEAD + "Briony envies Cecilia, who is played by the luminous Keira Knightley.", cast("Keira Knightley", "Cecilia", FILM)),
    reads(HEAD + "It deepens Robbie and Grace, the loyal housekeeper played by Brenda Blethyn.", cast("Brenda Blethyn", "Grace", FILM)),
    reads(HEAD + "Cecilia is brought to life by Keira Knightley, fresh off her turns in two period films.",
          cast("Keira Knightley", "Cecilia", FILM)),
    reads(HEAD + "It follows Cecilia, played by Keira Knightley, and Robbie Turner, played by James McAvoy, who fall in love.",
          cast("Keira Knightley", "Cecilia", FILM), cast("James McAvoy", "Robbie Turner", FILM)),
    refuses(HEAD + "Briony is not played by Keira Knightley.")])
def played_by(ctx, m) -> None:
    if not ctx.negated(m.start()):
        for i in slots(m.group("a")):
            add(ctx, ctx.mention(i), ctx.mention(m.group("c")), m.start())


def known_actor(b: Builder, name: str) -> bool:
    """A person the gazetteer knows, by the name or by the full name the review gives it ("Caan")."""
    full = b.person(name)
    return b.known_person(name) or bool(full) and full != name and b.known_person(full)


def sentence_order(ctx) -> int:
    """Which way a sentence's "X (Y)" pairs go, by those where one side alone is a known person:
    1 actor first, -1 character first, 0 undecided. A writer sets one list's pairs one way, so
    "Brando (Vito) to Pacino (Michael)" casts Pacino though only Brando is known."""
    votes = 0
    for m in PAREN.finditer(ctx.t):
        x, y = known_actor(ctx.b, ctx.mention(m.group("x"))), known_actor(ctx.b, ctx.mention(m.group("y")))
        votes += x - y
    return (votes > 0) - (votes < 0)


def actor_first(b: Builder, x: str, y: str, order: int = 0) -> bool:
    """Whether "X (Y)" names the actor first. "Character (Actor)" is the usual order; "Actor
    (Character)" when only the first is a person. Where both could be people, the one that is a
    known person is the actor; else the way the sentence's other pairs go (`order`, see
    sentence_order); else the character is the one the review names more often."""
    if b.is_real(x) == b.is_real(y) and known_actor(b, x) != known_actor(b, y):
        return known_actor(b, x)
    if b.is_real(x) == b.is_real(y) and order:
        return order > 0
    return b.is_real(x) and not b.is_real(y) or (
        not b.is_real(y) and bool(b.person(x)) and not b.person(y)) or (
        not b.is_real(x) and not b.is_real(y) and (b.personhood(x) - b.personhood(y) or
                                                   b.mentions(y) - b.mentions(x)) > 0)


def list_order(b: Builder, sentences: list[tuple[Sentence, bool]]) -> int:
    """Which way a review's cast-list lines name their pairs: 1 actor first, -1 character first,
    0 for no list. Each line votes by what it alone shows; the tagger knows some actors' names and
    not others', so a list read line by line would come out in both orders."""
    votes, lines = 0, 0
    for sent, _ in sentences:
        m = PAIR_LINE.match(sent.template) if sent.is_line else None
        if m:
            lines += 1
            votes += 1 if actor_first(b, sent.mention(int(m.group("x"))), sent.mention(int(m.group("y")))) else -1
    # A tie goes to the usual order, character first.
    return 1 if votes > 0 else -1 if lines else 0


def _pairs(ctx):
    """A cast list's line of two names, or else each "X (Y)" of the sentence."""
    line = PAIR_LINE.match(ctx.t) if ctx.sent.is_line else None
    return [line] if line is not None else PAREN.finditer(ctx.t)


@rule("parenthesis", asserts="cast", priority=790, patterns=[PAREN, PAIR_LINE], find=_pairs,
      slots={"x": "names", "y": "names"}, evidence="actor-(character)", examples=[
          reads(HEAD + "Robbie (James McAvoy) is accused.", cast("James McAvoy", "Robbie", FILM)),
          reads(HEAD + "Robbie (James McAvoy, superb as always) is accused.", cast("James McAvoy", "Robbie", FILM)),
          reads(HEAD + "There's Lola (Juno Temple, “Cracks”), who is quiet.", cast("Juno Temple", "Lola", FILM)),
          reads(HEAD + "There's Lola (Harry Potter’s Juno Temple), who is quiet.", cast("Juno Temple", "Lola", FILM)),
          reads(HEAD + "The book tells more of Lola's (Juno Temple) family.", cast("Juno Temple", "Lola", FILM)),
          reads("Matilda Book vs Movie\n\nThe film casts Mara Wilson (Matilda) and Danny DeVito (Harry Wormwood).",
                cast("Mara Wilson", "Matilda", "Matilda (film)"), cast("Danny DeVito", "Harry Wormwood", "Matilda (film)")),
          reads(HEAD + "The cast runs from Keira Knightley (Cecilia) to Ada Quill (Lola Quincey) and James McAvoy "
                "(the housekeeper's son Robbie, Cecilia's lover).", cast("Ada Quill", "Lola Quincey", FILM),
                cast("James McAvoy", "Robbie", FILM)),
          reads(HEAD + "Cast\n\n*Cecilia: Keira Knightley (Pride & Prejudice)\n\n*Robbie: James McAvoy (Wanted)",
                cast("Keira Knightley", "Cecilia", FILM), cast("James McAvoy", "Robbie", FILM)),
          reads(HEAD + "Cast\n\nCecilia — Keira Knightley\n\nRobbie — James McAvoy",
                cast("Keira Knightley", "Cecilia", FILM), cast("James McAvoy", "Robbie", FILM)),
          refuses(HEAD + "Release Date: September 2007\n\nMotion Picture Rating: R\n\nGenre: Period Drama"),
          refuses(HEAD + "The house (a mansion) burns.")])
def parenthesis(ctx, m) -> None:
    b = ctx.b
    x, y = ctx.mention(m.group("x")), ctx.mention(m.group("y"))
    if m.re is PAIR_LINE and set(x.lower().split()) & PARTICULARS:
        return  # "Release Date: February 1972", "Genre: Literary Fiction"
    order = sentence_order(ctx) if m.re is PAREN else b.list_order
    if m.re is PAIR_LINE and not (b.is_real(x) or b.is_real(y)) and b.list_order:
        x_first = b.list_order > 0  # a line of a cast list goes the way most of its lines go
    else:
        x_first = actor_first(b, x, y, order if m.re is PAREN else 0)
    film, actor = film_for(ctx, m.start()), b.person(x, loose=True)
    if x_first and order > 0 and film is not None and norm(y) == norm(film.title) and actor and not b.roles_of(actor):
        # "Mara Wilson (Matilda)" where the pairs go actor first: the hero the film is named for
        b.cast_member(actor, y, film, ctx.evidence("actor-(character)"))
    elif x_first:
        # (one-word known titles are too often names: "Spud", "Rebecca")
        if (b.is_title(y) or b.known_title(y) and len(y.split()) > 1) and not b.known_person(y) and not b.is_character(y) \
                or b.roles_of(b.person(x) or "") and b.known_title(y):
            return  # "Aaron Sorkin (The Social Network)": what the person is known for, not a role
        add(ctx, x, y, m.start(), "actor-(character)")
    elif b.person(y, loose=True):
        if b.is_title(x) and not b.roles_of(b.person(y, loose=True)):
            # "Jackie Brown (Pam Grier)": a character may bear the film's name
            if film is not None:
                b.cast_member(b.person(y, loose=True), x, film, ctx.evidence("character-(actor)"))
        else:
            add(ctx, y, x, m.start(), "character-(actor)")


@rule("shared-role", asserts="cast", priority=795, patterns=[SHARED], slots={"x": "character", "y": "person"}, examples=[
    reads(HEAD + "Briony (Saoirse Ronan, Romola Garai and Vanessa Redgrave) tells the story.",
          cast("Saoirse Ronan", "Briony", FILM), cast("Romola Garai", "Briony", FILM), cast("Vanessa Redgrave", "Briony", FILM)),
    reads(HEAD + "In the film, Briony Tallis (Saoirse Ronan, Romola Garai, and Vanessa Redgrave) tells the story.",
          cast("Saoirse Ronan", "Briony Tallis", FILM), cast("Romola Garai", "Briony Tallis", FILM)),
    refuses(HEAD + "The house (Tallis Hall) burns.")])
def shared_role(ctx, m) -> None:
    actors = slots(m.group("y"))
    if len(actors) < 2 or ctx.negated(m.start()):
        return
    people = [ctx.b.person(ctx.mention(i), loose=True) for i in actors]
    if all(people) and not ctx.b.is_real(ctx.mention(m.group("x"))):  # a character may bear a full name: "Pi Patel"
        for i in actors:
            add(ctx, ctx.mention(i), ctx.mention(m.group("x")), m.start())


@rule("starring", asserts="cast", priority=800, patterns=[STARRING], slots={"a": "person"}, examples=[
    reads(HEAD + "The film, starring Keira Knightley and James McAvoy, opened in 2007.",
          cast("Keira Knightley", None, FILM), cast("James McAvoy", None, FILM)),
    refuses(HEAD + "The film stars in my memory.")])
def starring(ctx, m) -> None:
    for i in slots(m.group("a")):
        add(ctx, ctx.mention(i), None, m.start())
