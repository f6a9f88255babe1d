"""An actor and the character they play, said around a verb: "X plays C", "X as C", "X is C",
"X's C is...", "X has the role of C". After "plays" only an actor can come first; after a bare
"as" ("won an Oscar for Black Swan as ...") only a name already known as a person's counts. A
character given to an actor is claimed: no later rule gives it again."""
from __future__ import annotations

import re

from ..mentions import APOSTROPHES, PAGE_RE
from ..names import person_shaped
from ..patterns import AS_NOT_CAST, CAST_VERBS, template
from ..registry import cast, reads, refuses, rule
from .cast import add

CAST_NAMED = template(r"{a}(?:[^⟨.;]{0,60}?)\b" + CAST_VERBS + r"\s+an?\s+[^.;]{0,40}?\b(?:named|called)\s+{c}")
# "Laura Dern plays Cheryl's mother, Bobbi"
CAST_APPOSITION = template(r"{a}(?:[^⟨.;]{0,40}?)\b(?:plays|played|playing|portrays|portrayed)\s+(?:⟨\d+⟩[" + APOSTROPHES
                           + r"]s\s+)?(?:the\s+)?[a-z]+(?:\s+[a-z]+)?,\s+{c}")
# "Played by X, C is the dominant husband"
PLAYED_BY_FIRST = template(r"^(?:played|portrayed)\s+(?:[a-z]+ly\s+)?by\s+{a},\s+{c}")
IN_WHICH_PLAYED = template(r"\b(?:where|in\s+which)\s+{a}\s+(?:also\s+)?(?:played|plays|portrayed|voiced)\s+{c}")
STARS_AS = template(r"\b(?:stars|starring|starred|co-stars|has|with|casts?|brings)\s+{a}\s+(?:back\s+)?as\s+"
                    r"(?:the\s+(?:[a-z-]+,?\s+){0,4}?)?{c}")
# "everything else is pure pleasure: Cary Elwes as Westley, Robin Wright as Buttercup", "hands X the role of C"
LIST_AS = template(r"(?:^|[:;,]\s*|\band\s+){a}\s+as\s+(?:the\s+(?:[a-z/-]+\s+){0,2})?{c}" + AS_NOT_CAST)  # "the quiet/bitter C"
ROLE_GIVEN = template(r"{a}(?:\s+(?:has|had|gets|got|takes|took|plays|played))?\s+the\s+(?:\w+\s+)?(?:role|part)\s+of\s+{c}")
# No pronoun between the name and the verb: in "W, where he played C" the actor is "he".
# "X plays the unnamed Narrator": a role may come with its article and a word or two of description.
# Nor a possessive ("Truffaut's adaptation ... the film portrays C"): a work that portrays is no actor.
# An aside may follow the actor: "A young X (who had been in W) stars as C".
CAST_VERB = template(r"{a}(?![" + APOSTROPHES + r"]s\b)(?:\s*\([^()]{0,120}\))?(?:(?:(?!\b(?:he|she|they)\b)[^⟨.;]){0,60}?)(?<!film\s)(?<!movie\s)(?<!book\s)(?<!novel\s)(?<!version\s)\b" + CAST_VERBS + r"\s+(?:(?:the|his|her|their)\s+(?:[a-z-]+\s+){0,2})?{c}" + AS_NOT_CAST)
# "I can't imagine a better C than X": praise that casts X as C
BETTER_THAN = template(r"\b(?:a|no)\s+(?:better|finer|more\s+[a-z]+)\s+{c}\s+than\s+{a}")
# "Shelley Duvall's Wendy is all raw nerves", "Danny Lloyd, as Danny, ..."
POSSESSIVE_ROLE = template(r"{a}[" + APOSTROPHES + r"]s\s+{c}\s+(?:is|was|feels|seems|comes)\b")
# "Bruce Willis's wisecracking John McClane"
POSSESSIVE_ROLE_ADJ = template(r"{a}[" + APOSTROPHES + r"]s\s+(?:[a-z][a-z-]+\s+){1,2}{c}")
APPOSITION_AS = template(r"{a},\s+as\s+(?:(?:his|her|their|the|⟨\d+⟩[" + APOSTROPHES + r"]s)\s+(?:[a-z-]+\s+){0,3}?)?{c},")
# At the head of a sentence the actor may be far from the verb ("X won the Oscar for playing C").
CAST_VERB_FAR = template(r"^{a}(?:,|\s)[^.;]{0,80}?\b" + CAST_VERBS + r"\s+{c}" + AS_NOT_CAST)
CAST_AS = template(r"{a}(?:[^⟨.;]{0,60}?)\b(?<!filmed\s)(?<!released\s)(?<!known\s)(?<!retitled\s)(?<!such\s)(?<!only\s)as\s+(?:the\s+(?:actor|actress|character|title\s+character)\s+|(?:the|an?)\s+(?:(?!(?:to|of|for|in|on|at|from|with|by)\b)[a-z-]+,?\s+){1,4}?)?{c}"
                   + AS_NOT_CAST)
# The role ends its phrase: "is the NASA director" names nobody; "is a shyer Darcy than Firth's" is Darcy.
# "X makes a likeable and understandable C": the role as the actor makes it.
IS_CHARACTER = template(r"(?:^|,\s+|\band\s+){a}\s+(?:(?:is|was)\s+(?:(?:a|an|the|his|her|their)\s+(?:[\w-]+,?\s+){0,3})?"
                        r"|(?:makes|made)\s+(?:a|an)\s+(?:[\w-]+,?\s+){0,3}){c}"
                        r"(?!\s*(?:'s|’s))(?!\s+(?!(?:than|and|or|but|who|whose|with|in|on|at|for|from|to|again|too)\b)[a-z])")
# "Robert Shaw, Quint in the movie and a novelist himself, ..."
APPOSITION_IN = template(r"(?:^|[,;:]\s+|\band\s+){a},\s+{c}\s+in\s+the\s+(?:SCREEN)\b")
ROLE_OF = template(r"(?:^|,\s+){a}\s+(?:\w+\s+){0,4}?role\s+of\s+(?:the\s+(?:[a-z-]+\s+){1,2})?{c}")
# "John Malkovich, for his pitch-perfect characterization of the gentle Lennie", "X's portrayal of C"
PORTRAYAL = template(r"{a}(?:[" + APOSTROPHES + r"]s|[^⟨.;]{0,50}?\b(?:his|her|their))\s+(?:[\w-]+\s+){0,2}?"
                     r"(?:portrayal|characteri[sz]ation|depiction|turn)\s+(?:of|as)\s+(?:the\s+(?:[a-z-]+\s+){0,3}?)?{c}")

HEAD = "Atonement Book vs Movie Review\n\n"
FILM = "Atonement (film)"
ROLE = {"a": "person", "c": "character"}
CLAIM = ("role", "c")


def _cast(ctx, m, loose: bool) -> None:
    """The actor of group a as the character of group c, unless a denial or hedge stands between."""
    character = ctx.mention(m.group("c"))
    if ctx.negated(m.start(), m.start("c")):
        return
    if add(ctx, ctx.mention(m.group("a")), character, m.start(), loose=loose):
        ctx.claim("role", character)


@rule("actor-plays-named", asserts="cast", priority=630, patterns=[CAST_NAMED], slots=ROLE, yields=CLAIM, examples=[
    reads(HEAD + "Benedict Cumberbatch plays a chocolate magnate named Paul Marshall.",
          cast("Benedict Cumberbatch", "Paul Marshall", FILM)),
    refuses(HEAD + "Benedict Cumberbatch never plays a man named Paul Marshall.")])
@rule("actor-plays-apposition", asserts="cast", priority=640, patterns=[CAST_APPOSITION], slots=ROLE, yields=CLAIM,
      evidence="actor-plays-named", examples=[
          reads(HEAD + "Brenda Blethyn plays Robbie's mother, Grace.", cast("Brenda Blethyn", "Grace", FILM)),
          refuses(HEAD + "Brenda Blethyn does not play Robbie's mother, Grace.")])
@rule("stars-as", asserts="cast", priority=660, patterns=[STARS_AS], slots=ROLE, yields=CLAIM, examples=[
    reads(HEAD + "The film stars Keira Knightley as Cecilia.", cast("Keira Knightley", "Cecilia", FILM)),
    reads(HEAD + "It stars Keira Knightley as the proud and restless Cecilia.", cast("Keira Knightley", "Cecilia", FILM)),
    refuses(HEAD + "The film never stars Keira Knightley as Cecilia.")])
@rule("list-as", asserts="cast", priority=670, patterns=[LIST_AS], slots=ROLE, yields=CLAIM, evidence="actor-as", examples=[
    reads(HEAD + "The cast is perfect: Keira Knightley as Cecilia, James McAvoy as Robbie.",
          cast("Keira Knightley", "Cecilia", FILM), cast("James McAvoy", "Robbie", FILM)),
    reads(HEAD + "Keira Knightley as the proud/stubborn Cecilia was perfect.", cast("Keira Knightley", "Cecilia", FILM)),
    refuses(HEAD + "The cast is perfect: Keira Knightley as Cecilia's says it all.")])
@rule("role-given", asserts="cast", priority=680, patterns=[ROLE_GIVEN], slots=ROLE, yields=CLAIM, evidence="role-of",
      examples=[
          reads(HEAD + "Juno Temple has the part of Lola.", cast("Juno Temple", "Lola", FILM)),
          refuses(HEAD + "Juno Temple almost got the part of Lola.")])
@rule("actor-plays", asserts="cast", priority=690, patterns=[CAST_VERB], slots=ROLE, yields=CLAIM, examples=[
    reads(HEAD + "Keira Knightley plays Cecilia Tallis.", cast("Keira Knightley", "Cecilia Tallis", FILM)),
    reads(HEAD + "A young Keira Knightley (who had been in Joe Wright's Pride & Prejudice) stars as Cecilia.",
          cast("Keira Knightley", "Cecilia", FILM)),
    refuses(HEAD + "Joe Wright's adaptation differs in that the film portrays Cecilia as cold."),
    refuses(HEAD + "Keira Knightley was originally going to play Cecilia Tallis.")])
@rule("apposition-as", asserts="cast", priority=720, patterns=[APPOSITION_AS], slots=ROLE, yields=CLAIM, evidence="actor-as",
      examples=[
          reads(HEAD + "Saoirse Ronan, as the young Briony, steals it.", cast("Saoirse Ronan", "Briony", FILM)),
          refuses(HEAD + "Saoirse Ronan, not as Briony, steals it.")])
@rule("actor-comma-character", asserts="cast", priority=755, patterns=[APPOSITION_IN], slots=ROLE, yields=CLAIM, examples=[
    reads(HEAD + "Keira Knightley, Cecilia in the film and a star already, said little.", cast("Keira Knightley", "Cecilia", FILM)),
    refuses(HEAD + "Keira Knightley, not Cecilia in the film, said little.")])
@rule("actor-is-character", asserts="cast", priority=750, patterns=[IS_CHARACTER], slots=ROLE, yields=CLAIM, examples=[
    reads(HEAD + "Keira Knightley is Cecilia, and James McAvoy is Robbie.",
          cast("Keira Knightley", "Cecilia", FILM), cast("James McAvoy", "Robbie", FILM)),
    reads(HEAD + "Beyond the leads, Brenda Blethyn makes a warm and foolish Grace Turner.",
          cast("Brenda Blethyn", "Grace Turner", FILM)),
    refuses(HEAD + "Keira Knightley makes Cecilia's choices clear."),
    refuses(HEAD + "Keira Knightley is the Oscar nominee.")])
def cast_any_name(ctx, m) -> None:
    """After "plays", "stars X as", "X is": the name can only be an actor's, known or new."""
    _cast(ctx, m, True)


@rule("played-by-first", asserts="cast", priority=645, patterns=[PLAYED_BY_FIRST], slots=ROLE, yields=CLAIM, examples=[
    reads(HEAD + "Played by Benedict Cumberbatch, Paul Marshall is the most hateful man in the story.",
          cast("Benedict Cumberbatch", "Paul Marshall", FILM)),
    refuses(HEAD + "Played by anyone else, it would not work.")])
@rule("in-which-played", asserts="cast", priority=650, patterns=[IN_WHICH_PLAYED], slots=ROLE, yields=CLAIM, examples=[
    reads(HEAD + "Keira Knightley is in it. It is the film in which Keira Knightley plays Cecilia.",
          cast("Keira Knightley", "Cecilia", FILM)),
    refuses(HEAD + "It is the film in which Keira Knightley never plays Cecilia.")])
@rule("actor-plays-far", asserts="cast", priority=730, patterns=[CAST_VERB_FAR], slots=ROLE, yields=CLAIM,
      evidence="actor-plays", examples=[
          reads(HEAD + "Keira Knightley, who was twenty-two then and famous from the pirate films, won praise for playing Cecilia.",
                cast("Keira Knightley", "Cecilia", FILM)),
          refuses(HEAD + "Keira Knightley is in it. Keira Knightley never won praise for playing Cecilia.")])
@rule("actor-as", asserts="cast", priority=740, patterns=[CAST_AS], slots=ROLE, yields=CLAIM, examples=[
    reads(HEAD + "Keira Knightley is in it. I liked Keira Knightley, who is great as Cecilia.",
          cast("Keira Knightley", "Cecilia", FILM)),
    reads(HEAD + "Keira Knightley is superb as the reserved and dutiful Cecilia, and Vanessa Redgrave is in it as an older Briony.",
          cast("Keira Knightley", "Cecilia", FILM), cast("Vanessa Redgrave", "Briony", FILM)),
    refuses(HEAD + "Robbie Turner changes from his easy ways as the son of Grace Turner."),
    refuses(HEAD + "I liked Atonement, which was released as Expiation in France."),
    refuses(HEAD + "Ian McEwan is in the news. Ian McEwan wrote books such as Saturday.")])
@rule("role-of", asserts="cast", priority=760, patterns=[ROLE_OF], slots=ROLE, yields=CLAIM, examples=[
    reads(HEAD + "Keira Knightley is in it. Keira Knightley took on the difficult role of Cecilia.",
          cast("Keira Knightley", "Cecilia", FILM)),
    reads(HEAD + "Keira Knightley is in it. Having read the book, Keira Knightley tackled the role of the proud Cecilia.",
          cast("Keira Knightley", "Cecilia", FILM)),
    refuses(HEAD + "Keira Knightley is in it. Keira Knightley never wanted the role of Cecilia.")])
@rule("portrayal-of", asserts="cast", priority=765, patterns=[PORTRAYAL], slots=ROLE, yields=CLAIM, examples=[
    reads(HEAD + "James McAvoy is in it, praised for his pitch-perfect characterization of the wronged Robbie.",
          cast("James McAvoy", "Robbie", FILM)),
    reads(HEAD + "James McAvoy is in it. Critics loved James McAvoy, above all his depiction of the wronged Robbie.",
          cast("James McAvoy", "Robbie", FILM)),
    refuses(HEAD + "James McAvoy is in it. James McAvoy disliked the book's portrayal of Robbie.")])
def cast_known_name(ctx, m) -> None:
    """After a bare "as" or far from the verb: only a name already known as a person's."""
    _cast(ctx, m, False)


@rule("better-than", asserts="cast", priority=767, patterns=[BETTER_THAN], slots=ROLE, yields=CLAIM, examples=[
    reads(HEAD + "I can't imagine a better Robbie than James McAvoy (the studio wanted another).",
          cast("James McAvoy", "Robbie", FILM)),
    refuses(HEAD + "There is no better Briony than the one in the book, wrote Ian McEwan."),
    refuses(HEAD + "I can't imagine a better film than Atonement.")])
def better_than(ctx, m) -> None:
    """"Can't imagine a better C than X", "no better C than X": the denial is the praise."""
    if add(ctx, ctx.mention(m.group("a")), ctx.mention(m.group("c")), m.start(), loose=False):
        ctx.claim("role", ctx.mention(m.group("c")))


def _creator(ctx, m) -> bool:
    """Whether the name of group a has a creator's credit in the review."""
    return bool(ctx.b.roles_of(ctx.b.person(ctx.mention(m.group("a"))) or ""))


def _about_the_book(ctx) -> bool:
    return bool(re.search(rf"\b(?:{PAGE_RE})\b", ctx.sent.text, re.I))


@rule("actor's-character", asserts="cast", priority=700, patterns=[POSSESSIVE_ROLE], slots=ROLE, yields=CLAIM, examples=[
    reads(HEAD + "Keira Knightley plays Cecilia. Saoirse Ronan's Briony is all nerves.",
          cast("Saoirse Ronan", "Briony", FILM)),
    refuses(HEAD + "In the novel, Ian McEwan's Briony is all nerves.")])
def actors_character(ctx, m) -> None:
    # "X is C" and "X's C is" tell a role only where C reads as a character: one word or "Lord Darlington".
    # "X's C is" is an actor's role, unless the sentence is about a book ("Melville's Ahab"): an
    # author's character ("Groom's Forrest is huge") is nobody's role.
    character = ctx.mention(m.group("c"))
    if not (len(character.split()) == 1 or ctx.b.is_character(character)) or _creator(ctx, m) or _about_the_book(ctx):
        return
    cast_any_name(ctx, m)


@rule("actor's-adjective-character", asserts="cast", priority=710, patterns=[POSSESSIVE_ROLE_ADJ], slots=ROLE, yields=CLAIM,
      evidence="actor's-character", examples=[
          reads(HEAD + "I loved Benedict Cumberbatch's oily Paul Marshall.", cast("Benedict Cumberbatch", "Paul Marshall", FILM)),
          refuses(HEAD + "In the novel, Ian McEwan's oily Paul Marshall gets away with it.")])
def actors_adjective_character(ctx, m) -> None:
    # An adjective between says less: only an actor the review already casts, never a creator.
    character = ctx.mention(m.group("c"))
    if _creator(ctx, m) or not person_shaped(character) and not ctx.b.is_character(character) or _about_the_book(ctx):
        return
    cast_any_name(ctx, m)
