"""What the adaptation changed: a sentence that compares the screen version with its source, by
the verb it uses ("the film leaves out", "adds", "changes", "merges", "moves", "softens", "is
darker", "stays faithful"), or two sentences that set the versions side by side ("In the book,
X. In the film, Y.", also across a paragraph or two). One difference a clause: the most specific
kind its words give claims it. A sentence counts where it names a version, someone who made or
plays in the screen one, or follows one in its paragraph that does. A hedge ("I think they may have
cut") or a remark about all adaptations is none; a denied cut ("nothing important is cut") is
fidelity."""
from __future__ import annotations

import re

from ..patterns import template
from ..registry import difference, reads, refuses, rule

# The versions a comparison speaks of: the screen version, or the book set against it.
VERSION = re.compile(r"\b(?:film|films|movie|movies|adaptation|series|serial|show|episodes?|screenplay|script|version|"
                     r"versions|miniseries|book|novel|novella|comic|manga|memoir|page|screen|source|original|story|"
                     r"in\s+both|in\s+either|(?:one|another|the\s+other|the\s+(?:big|biggest|main|major)|"
                     r"a\s+(?:big|major|small))\s+(?:change|difference))\b", re.I)
# Words that make a sentence the site's or a general remark ("Tell us in the comments"), or a
# comparison with something other than the other version ("sadder than I expected")
REMARK = re.compile(r"\b(?:comments?|subscribe|you['’]d|leave\s+us|changes\s+that\s+were\s+made|than\s+(?:i|we|you)\s+"
                    r"(?:expected|thought|remembered|imagined)|(?:better|worse)\s+than\s+the\s+other)\b", re.I)
HEDGE = re.compile(r"\b(?:i\s+think|i\s+believe|maybe|perhaps|might\s+have|may\s+have|originally|probably|"
                   r"i\s+(?:don['’]t|can['’]t)\s+remember|if\s+i\s+recall|every\s+adaptation|all\s+adaptations|any\s+adaptation|"
                   r"as\s+(?:films|movies|adaptations)\s+(?:always|usually|often)|always\s+do|inevitably)\b", re.I)
SPOILER = re.compile(r"\b(?:end|ends|ending|endings|dies|die|died|death|dead|kill|kills|killed|murder\w*|twist|reveal\w*|"
                     r"turns\s+out|survives?|suicide|finale|climax|last\s+scene|final\s+scene|fate)\b", re.I)
ELEMENT = re.compile(r"\bthe\s+(?:ending|opening|climax|finale|narrator|narration|voice-?over|epilogue|prologue|"
                     r"subplot|love\s+story|romance|backstory|flashbacks?)\b", re.I)

def cues(*words: str, unbounded: tuple[str, ...] = ()) -> re.Pattern:
    """A kind's cues, one alternative a line, matched as whole words (`unbounded` ones as they are)."""
    return template("|".join([r"\b(?:" + "|".join(words) + r")\b", *unbounded]))


PRONOUN = r"(?:him|her|them|⟨\d+⟩)"
PAGE_WORD = r"(?:book|novel|novella|comic|memoir)"
DENY = r"(?:doesn['’]t|does\s+not|didn['’]t|did\s+not)"

OMITTED = cues(
    r"leaves?\s+out", r"left\s+out", r"leaving\s+out", r"omits", r"omitted", r"omitting",
    r"cuts(?!\s+(?:to|between|away|back))",
    r"cut\s+(?:out|him|her|them|it|the|his|their|all|most|completely|entirely|altogether)",
    r"(?:is|was|are|were|been|got|gets)\s+cut", r"(?:biggest|big|main|other|first)\s+cut", r"cutting",
    r"drops", r"dropped", r"dropping", r"skips", r"skipped", r"removes", r"removed", r"loses", r"lost", r"loss",
    r"ditch(?:es|ed)", r"jettisons?", r"(?:does|did)\s+away\s+with", r"gloss(?:es|ed)\s+over",
    r"strips?\s+(?:\S+\s+)?(?:down|out|away)",
    r"eliminat\w+", r"vanish(?:es|ed)", r"(?:is|are)\s+(?:gone|missing|absent)", r"no\s+(?:sign|trace)\s+of",
    r"(?:has|have|had)\s+no",
    r"never\s+(?:appears?|shows?\s+up|gets\s+(?:round|around)\s+to)",
    rf"(?<!book\s)(?<!novel\s){DENY}\s+(?:have|include|show)\s+(?:the|a|an|any)",  # "the film doesn't have the scene"
    r"can['’]?t\s+(?:show|convey|capture|reproduce|give|match)", r"can\s+only\s+gesture", r"thinner",
    r"(?:is|are|was|were|isn['’]t|aren['’]t|wasn['’]t)\s+(?:not\s+)?in\s+the\s+(?:film|movie|show|series|adaptation)",
    r"(?:covers|adapts)\s+only", r"only\s+(?:covers|adapts)", r"only\s+(?:really\s+)?(?:works?|exists?)\s+on\s+the\s+page",
    r"(?:none|little)\s+of\s+(?:that|this|it)\s+is\s+in")
ADDED = cues(
    r"adds", r"added", r"adding", r"invents", r"invented", r"introduces", r"introduced", r"creates?\s+(?:a|an)\s+new",
    r"new\s+(?:scene|character|subplot|ending|opening|framing)",
    r"(?:is|was|are|were)\s+(?:also\s+)?(?:mostly\s+|entirely\s+|all\s+)?new",
    rf"(?:is|was|are|were|isn['’]t|wasn['’]t|aren['’]t|weren['’]t)\s+(?:not\s+)?(?:mentioned\s+|anywhere\s+)?in\s+the\s+"
    rf"(?:{PAGE_WORD}|original)",
    r"(?:film|movie|screen|show|series)['’]?s?\s+(?:own\s+)?invention",
    r"(?:extra|additional)\s+(?:\w+\s+)?(?:scenes?|epilogue|ending|characters?|subplots?|material)",
    r"fill(?:s|ed)?\s+(?:(?:it|them)\s+out|out\s+|in\s+(?:the|many|some|more|gaps|blanks)\b)",
    r"(?:book|novel|page)\s+(?:cannot|can['’]t|could\s+not|couldn['’]t)", r"outruns?", r"goes\s+beyond",
    rf"the\s+{PAGE_WORD}\s+(?:never\s+(?:does|did|mentions|says|shows|explains)|(?:\w+\s+)?withholds|"
    rf"{DENY}\s+(?:have|include|mention))",
    rf"(?:that|which)\s+the\s+{PAGE_WORD}\s+(?:{DENY}|only\s+hints\s+at)",
    r"gets\s+(?:much\s+)?more\s+to\s+do", r"(?P<more>(?:bigger|larger|fuller|richer)\s+(?:presence|part|role|figure))",
    r"expands?", r"expanded", r"enlarges?",
    rf"(?:film|movie|show|series|script|screenplay|version|adaptation)\s+(?:also\s+|even\s+)?gives?\s+{PRONOUN}\s+(?:a|an)",
    rf"gives?\s+{PRONOUN}\s+(?:a|an)\s+(?:new|whole|bigger|larger|extra)", rf"gives?\s+{PRONOUN}\s+(?:\w+\s+)?more")
CHANGED = cues(
    r"changes\s+(?:the|his|her|its|their|⟨)", r"changed", r"changing", r"alters", r"altered", r"turns?\s+(?:\S+\s+){1,4}?into",
    r"renames", r"renamed", r"replaces", r"replaced", r"replacement", r"swaps", r"swapped", r"rewrites", r"rewrote",
    r"reimagines", r"reinvents", r"becomes(?!\s+(?:a|an)\s+(?:\S+\s+)?(?:film|movie|series|show|miniseries|serial))",
    r"instead", r"rather\s+than", r"differ(?:s|ed)", r"differently", r"(?:the\s+)?(?:other|big|biggest|main|one)\s+change",
    r"nothing\s+like", r"(?:a|the)\s+(?:much\s+|far\s+)?more\s+\w+\s+version", r"focus(?:es|ed)?\s+(?:much\s+)?more\s+on",
    r"unlike\s+(?:in\s+)?the\s+(?:book|novel|film|movie)", r"whereas", r"[;,]\s+in\s+the\s+(?:film|movie|book|novel)",
    r"(?:(?!better\b|worse\b)\w+er|more\s+\w+|less\s+\w+)\s+than\s+(?:in\s+)?the\s+(?:book|novel|film|movie)['’]?s?",
    r"(?:makes?|made)\s+(?:\S+\s+){1,3}?(?:more|less)\s+(?!sense\b)\w+", r"promoted", r"demoted",
    r"(?:younger|older)\s+(?:and\s+\w+\s+)?than",
    unbounded=(r"\((?:[^()]*\s)?in\s+the\s+(?:book|novel|novella|story|comic)\)",))  # "(Gary in the story)"
MERGED = cues(
    r"combines?", r"combined", r"merges?", r"merged", r"folds?\s+(?:\S+\s+){1,4}?into", r"folded\s+into", r"composite",
    r"rolled\s+into\s+one", r"into\s+(?:a\s+single|one)\s+(?:character|person|figure)",
    r"compress(?:es|ed)\s+(?:\S+\s+){0,3}?into")
MOVED = cues(
    r"(?:moves|moved|moving)\s+(?!from\b)(?:\S+\s+){1,4}?(?:to|into|forward|back|earlier|later|from\s+⟨\d+⟩)",
    r"relocates?", r"relocated", r"transplants?", r"transplanted", r"reorders?", r"rearranges?", r"rearranged",
    r"shifts?\s+(?:the\s+)?(?:setting|action|story)", r"set\s+in\s+\S+\s+instead")
SOFTENED = cues(
    r"softens?", r"softened", r"softening", r"tones?\s+down", r"toned\s+down", r"sanitiz\w+", r"sanitis\w+",
    r"cleans?\s+up", r"cleaned\s+up", r"happier", r"gentler", r"tamer", r"kinder", r"smooths?",
    r"(?:never|not|isn['’]t|wasn['’]t)\s+(?:\w+\s+)?as\s+(?:dark|bleak|violent|grim|brutal|cruel)\s+as",
    r"more\s+(?:hopeful|upbeat|optimistic|romantic)", r"less\s+(?:violent|graphic|dark|bleak|brutal|cruel|explicit|disturbing)")
DARKENED = cues(
    r"darker", r"bleaker", r"grimmer", r"sadder", r"colder", r"harsher", r"crueller", r"crueler", r"nastier",
    r"more\s+(?:violent|graphic|brutal|disturbing|frightening|sinister|explicit|gruesome)")
FAITHFUL = cues(
    r"faithful(?:ly)?", r"true\s+to", r"sticks?\s+(?:closely\s+)?(?:to|with)", r"stays?\s+(?:\w+ly\s+)?(?:close|true)\s+to",
    r"(?:keeps|kept)\s+(?!a\b|an\b|\w+(?<!th)ing\b)",  # "keeps the bones", not "keeps showing up"
    r"retains?", r"retained", r"preserves?", r"preserved", r"intact", r"word\s+for\s+word", r"verbatim",
    r"(?:shot|panel|line|scene)\s+for\s+(?:shot|panel|line|scene)",
    r"(?:lifted|taken)\s+(?:almost\s+)?(?:straight|directly|whole)?\s*(?:from|off|out\s+of)\s+the\s+(?:page|book|novel)",
    r"close\s+to\s+the\s+(?:book|novel|page|source|original)", r"(?:same|identical)\s+as\s+(?:in\s+)?the",
    r"the\s+same\s+(?:dialogue|ending|plot|story|lines?|speech|scene)", r"(?:the\s+)?same\s+in\s+both",
    rf"as\s+\w+\s+(?:and\s+as\s+\w+\s+)?as\s+the\s+{PAGE_WORD}",
    r"(?:every|each|all)\s+(?:\S+\s+){0,5}?(?:is|are)\s+in\s+the\s+(?:film|movie|show|series)",
    r"in\s+the\s+(?:film|movie)\s+too",
    r"just\s+as\s+(?:in\s+)?the", r"exactly\s+as", r"both\s+versions", r"in\s+either\s+version", r"in\s+both",
    r"follows?\s+(?:(?:the\s+)?(?:book|novel|story|storyline|plot)|(?:\S+\s+){1,2}?(?:closely|faithfully|exactly))")

# "In the book, X. In the film, Y.": two sentences set side by side, one difference
SIDE_BY_SIDE = template(r"^\W*(?:but\s+|whereas\s+|while\s+)?in\s+the\s+(?P<side>film|movie|adaptation|series|show|book|novel|"
                        r"comic|memoir|novella)\b")
# The sentence before may name its version as subject instead: "The movie says X. But in the book, Y."
SIDE_SUBJECT = template(r"^\W*the\s+(?P<side>film|movie|adaptation|series|show|book|novel|comic|memoir|novella)\s+"
                        r"(?:says|has|shows|is|was|makes|gives|lets|tells)\b")

HEAD = "Atonement Book vs Movie Review\n\n"


def _difference(ctx, m) -> None:
    """The sentence as a difference of the kind the rule names, where it compares the versions."""
    b, text = ctx.b, ctx.sent.text
    if b.reviewed_screen is None or b.reviewed_page is None or HEDGE.search(text) or REMARK.search(text):
        return
    about_versions = VERSION.search(text) or _screen_people_named(ctx) or _in_comparison(ctx)
    if not re.search(r"[.!:;”\"’)]\s*$", text) or not about_versions:
        return  # a heading ("What the film changes"), or a sentence that speaks of no version
    kind = ctx.rule.name
    if m.groupdict().get("more") and _said_of_the_book(ctx.t[:m.start()]):
        kind = "omitted"  # "in the book he's a bigger presence"
    if denial := _denied(ctx.t, m.start()):
        if kind != "omitted" or denial == "far":
            return
        kind = "faithful"  # "nothing important is cut": the adaptation kept it
    if kind in TONE and _said_of_the_book(ctx.t[:m.start()]):
        kind = TONE[kind]  # "the book is sadder": the film is the softer one
    b.differ(kind, ctx.sent, _concerns(ctx), bool(SPOILER.search(text)), ctx.evidence(confidence=0.7),
             part=len(CLAUSE.findall(ctx.t[:m.start()])))


# Where a sentence turns to a second comparison: "X plays him as a rich kid; the affair vanishes"
CLAUSE = re.compile(r";|—|,\s+(?:and|but|while|whereas)\b|\band\s+so\s+does\b", re.I)


# A denial just before the cue in its clause: "doesn't leave out". Not the facts' wider hedges:
# "X was supposed to die; in the film he lives" is a difference.
DENIAL = re.compile(r"\b(?:not|no|never|hardly|barely|nothing)\b|n['’]t\b", re.I)


def _denied(template_text: str, start: int) -> str | None:
    """"close" where the denial governs the cue ("was not cut", "no scenes were dropped"), "far"
    where it is only in the clause before it."""
    clause = re.split(r"[,;:—–(]|\bif\b", template_text[max(0, start - 30):start])[-1]
    found = list(DENIAL.finditer(clause))
    if not found:
        return None
    return "close" if len(clause[found[-1].end():].split()) <= 3 else "far"


TONE = {"softened": "darkened", "darkened": "softened"}
SIDE_WORD = re.compile(r"\b(?:(?P<page>book|novel|novella|comic|manga|memoir|page|source|original)|film|movie|adaptation|"
                       r"series|serial|show|screen|version)\b", re.I)


def _said_of_the_book(before: str) -> bool:
    """Whether the last version named before a comparative is the book ("the book is sadder")."""
    last = None
    for last in SIDE_WORD.finditer(before):
        pass
    return bool(last and last.group("page"))


def _screen_people_named(ctx) -> bool:
    """The sentence names who made or played in the screen version: "Selick added a new character",
    "DiCaprio plays Richard as an American instead"."""
    b = ctx.b
    people = {c.person for c in b.credits.values() if c.work is b.reviewed_screen}
    people |= {c.actor for c in b.cast.values() if c.work is b.reviewed_screen}
    return any(b.person(m.text) in people for m in ctx.sent.mentions)


def _in_comparison(ctx) -> bool:
    """The sentence goes on from one in its paragraph that names a version: "The film rushes the
    ending. Iran and Mercer are gone entirely." """
    before = ctx.b.previous
    if before is None or "\n" in ctx.b.text[before.offset + len(before.text):ctx.sent.offset]:
        return False
    return bool(VERSION.search(before.text))


def _concerns(ctx) -> tuple[str, ...]:
    """The characters and story elements a sentence names."""
    b = ctx.b
    names = [m.text for m in ctx.sent.mentions if b.is_character(m.text) or (
        not b.person(m.text) and not b.is_title(m.text) and len(m.text.split()) <= 3 and m.text[:1].isupper()
        and norm_word(m.text) not in VERSION_WORDS)]
    return tuple(dict.fromkeys([*names, *(e.group().lower() for e in ELEMENT.finditer(ctx.sent.text))]))


VERSION_WORDS = {"film", "movie", "book", "novel", "series", "show", "the film", "the movie", "the book", "the novel"}


def norm_word(text: str) -> str:
    return text.lower().strip()


@rule("merged", asserts="differences", priority=900, patterns=[MERGED], examples=[
    reads(HEAD + "The film merges Cecilia's two sisters into one.", difference("merged")),
    reads(HEAD + "Hampton's script folds the nurse, the sister and the cook into one character.", difference("merged")),
    refuses(HEAD + "The two families merge at the wedding.")])
@rule("moved", asserts="differences", priority=965, patterns=[MOVED], examples=[
    reads(HEAD + "The film moves the library scene to the garden.", difference("moved")),
    refuses(HEAD + "Robbie moves to London.")])
@rule("softened", asserts="differences", priority=920, patterns=[SOFTENED], examples=[
    reads(HEAD + "The film softens Lola's attacker and tones down the war.", difference("softened")),
    refuses(HEAD + "I think the film may have softened the war, but I can't remember.")])
@rule("darkened", asserts="differences", priority=930, patterns=[DARKENED], examples=[
    reads(HEAD + "The film's Dunkirk is far bleaker than the book's.", difference("darkened")),
    reads(HEAD + "The film is quick; the book is sadder.", difference("softened")),
    refuses(HEAD + "The sky gets darker at night.")])
@rule("omitted", asserts="differences", priority=940, patterns=[OMITTED], examples=[
    reads(HEAD + "The movie leaves out Briony's nursing chapters.", difference("omitted")),
    reads(HEAD + "The movie doesn't leave out anything important.", difference("faithful")),
    reads(HEAD + "The film rushes the war. Briony's nursing chapters are gone entirely.", difference("omitted")),
    refuses(HEAD + "Every adaptation leaves things out.")])
@rule("added", asserts="differences", priority=950, patterns=[ADDED], examples=[
    reads(HEAD + "The film adds a scene at the typewriter that is not in the book.", difference("added")),
    reads(HEAD + "Lola gets a much bigger part in the film.", difference("added")),
    reads(HEAD + "In the book Paul is a much bigger presence.", difference("omitted")),
    reads(HEAD + "The fountain scene is a movie invention.", difference("added")),
    refuses(HEAD + "Robbie adds a line to his letter.")])
@rule("changed", asserts="differences", priority=960, patterns=[CHANGED], examples=[
    reads(HEAD + "The film changes Briony's age from thirteen to twelve.", difference("changed")),
    reads(HEAD + "James McAvoy plays Robbie Turner (Robert in the novel).", difference("changed")),
    refuses(HEAD + "The movie is better than the book."),
    refuses(HEAD + "Briony changes her mind about everything.")])
@rule("faithful", asserts="differences", priority=970, patterns=[FAITHFUL], examples=[
    reads(HEAD + "Hampton's script stays faithful to the novel.", difference("faithful")),
    reads(HEAD + "The library scene is the same in both.", difference("faithful")),
    refuses(HEAD + "Robbie keeps showing up at the house in the film."),
    refuses(HEAD + "Robbie stays faithful to Cecilia.")])
def compared(ctx, m) -> None:
    _difference(ctx, m)


@rule("side-by-side", asserts="differences", priority=980, patterns=[SIDE_BY_SIDE], examples=[
    reads(HEAD + "In the book, Robbie writes two letters. In the film, he writes only one.", difference("changed")),
    reads(HEAD + "In the film Briony is twelve. She lies.\n\nRobbie\n\nIn the book she is thirteen.", difference("changed")),
    reads(HEAD + "The film says Robbie wrote one letter. But in the book, he wrote two.", difference("changed")),
    refuses(HEAD + "In the film, Robbie writes a letter.")])
def side_by_side(ctx, m) -> None:
    """"In the film, Y." after "In the book, X." (or after a paragraph that opened so): the two
    sentences, one difference."""
    b = ctx.b
    if b.reviewed_screen is None or b.reviewed_page is None or HEDGE.search(ctx.sent.text):
        return
    before = b.previous
    prior = before and (SIDE_BY_SIDE.match(before.template) or SIDE_SUBJECT.match(before.template))
    if b.opens_paragraph(ctx.sent):
        if not prior and b.side_opener is not None and _paragraphs(b.text[b.side_opener.offset:ctx.sent.offset]) <= 4:
            before, prior = b.side_opener, SIDE_BY_SIDE.match(b.side_opener.template)
        b.side_opener = ctx.sent
    if not prior or _medium(prior.group("side")) == _medium(m.group("side")):
        return
    spoiler = bool(SPOILER.search(before.text + " " + ctx.sent.text))
    b.differ("changed", ctx.sent, _concerns(ctx), spoiler, ctx.evidence(confidence=0.7), before=before)


def _paragraphs(text: str) -> int:
    return len(re.findall(r"\n\s*\n", text))


def _medium(word: str) -> str:
    return "screen" if word.lower() in ("film", "movie", "adaptation", "series", "show") else "page"

