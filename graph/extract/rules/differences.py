"""What the adaptation changed: a sentence that compares the screen version with its source, by
the verb it uses ("the film leaves out", "adds", "changes", "merges", "moves", "softens", "is
darker", "stays faithful"), or two sentences that set the versions side by side ("In the book,
X. In the film, Y."). One difference a sentence: the most specific kind its words give claims it.
A hedge ("I think they may have cut") or a remark about all adaptations is none."""
from __future__ import annotations

import re

from ..patterns import template
from ..registry import difference, reads, refuses, rule

# The versions a comparison speaks of: the screen version, or the book set against it.
VERSION = re.compile(r"\b(?:film|films|movie|movies|adaptation|series|serial|show|episodes?|screenplay|script|version|"
                     r"versions|miniseries|book|novel|novella|comic|manga|memoir|page|screen|source|original|story)\b", re.I)
# Words that make a sentence the site's or a general remark: "Tell us in the comments", "the film makes some changes"
REMARK = re.compile(r"\b(?:comments?|subscribe|you['’]d|leave\s+us|(?:some|big|few|many|major|several|minor|small)\s+changes|"
                    r"changes\s+that\s+were\s+made)\b", re.I)
HEDGE = re.compile(r"\b(?:i\s+think|i\s+believe|maybe|perhaps|might\s+have|may\s+have|would\s+have|originally|probably|i\s+(?:don['’]t|can['’]t)\s+"
                   r"remember|if\s+i\s+recall|every\s+adaptation|all\s+adaptations|any\s+adaptation|as\s+(?:films|movies|"
                   r"adaptations)\s+(?:always|usually|often)|always\s+do|inevitably)\b", re.I)
SPOILER = re.compile(r"\b(?:end|ends|ending|endings|dies|die|died|death|dead|kill|kills|killed|murder\w*|twist|reveal\w*|"
                     r"turns\s+out|survives?|suicide|finale|climax|last\s+scene|final\s+scene|fate)\b", re.I)
ELEMENT = re.compile(r"\bthe\s+(?:ending|opening|climax|finale|narrator|narration|voice-?over|epilogue|prologue|"
                     r"subplot|love\s+story|romance|backstory|flashbacks?)\b", re.I)

OMITTED = template(r"\b(?:leaves\s+out|left\s+out|leaving\s+out|omits|omitted|omitting|cuts|cut\s+(?:out|him|her|them|it|the|his|"
                   r"their)|cutting|drops|dropped|dropping|skips|skipped|removes|removed|loses|lost|loss|ditch(?:es|ed)|"
                   r"jettisons?|does\s+away\s+with|did\s+away\s+with|gloss(?:es|ed)\s+over|strips?\s+(?:\S+\s+)?(?:down|out|away)|"
                   r"eliminat\w+|is\s+(?:gone|missing|absent)|are\s+(?:gone|missing|absent)|never\s+(?:appears?|shows?\s+up)|"
                   r"no\s+(?:sign|trace)\s+of|can['’]?t\s+(?:show|convey|capture|reproduce)|(?:none|little)\s+of\s+(?:that|this|it)\s+is\s+in)\b")
ADDED = template(r"\b(?:adds|added|adding|invents|invented|introduces|introduced|creates?\s+(?:a|an)\s+new|new\s+(?:scene|character|"
                 r"subplot|ending|opening|framing)|(?:is|was|are|were)\s+(?:also\s+)?(?:mostly\s+|entirely\s+|all\s+)?new\b|"
                 r"(?:is|was|are|were)\s+not\s+in\s+the\s+(?:book|novel|comic|memoir)|gets\s+(?:much\s+)?more\s+to\s+do|"
                 r"expands?|expanded|enlarges?|gives?\s+(?:him|her|them|⟨\d+⟩)\s+(?:a|an|more)\b)")
CHANGED = template(r"\b(?:changes\s+(?:the|his|her|its|their|⟨)|changed|changing|alters|altered|turns?\s+(?:\S+\s+){1,4}?into|"
                   r"renames|renamed|replaces|replaced|swaps|swapped|rewrites|rewrote|reimagines|reinvents|becomes|instead\s+of|"
                   r"rather\s+than|differ(?:s|ed|ent|ently)|unlike\s+(?:in\s+)?the\s+(?:book|novel|film|movie)|whereas|"
                   r"[;,]\s+in\s+the\s+(?:film|movie|book|novel)\b|than\s+(?:in\s+)?the\s+(?:book|novel|film|movie)['’]?s?\b|"
                   r"promoted|demoted|younger|older)\b")
MERGED = template(r"\b(?:combines?|combined|merges?|merged|folds?\s+(?:\S+\s+){1,4}?into|folded\s+into|composite|"
                  r"rolled\s+into\s+one|compress(?:es|ed)\s+(?:\S+\s+){0,3}?into)\b")
MOVED = template(r"\b(?:moves|moved|moving|relocates?|relocated|transplants?|transplanted|reorders?|rearranges?|rearranged|"
                 r"shifts?\s+(?:the\s+)?(?:setting|action|story)|set\s+in\s+\S+\s+instead)\b")
SOFTENED = template(r"\b(?:softens?|softened|softening|tones?\s+down|toned\s+down|sanitiz\w+|sanitis\w+|cleans?\s+up|cleaned\s+up|"
                    r"happier|gentler|tamer|less\s+(?:violent|graphic|dark|bleak|brutal|cruel|explicit|disturbing)|smooths?)\b")
DARKENED = template(r"\b(?:darker|bleaker|grimmer|sadder|more\s+(?:violent|graphic|brutal|disturbing|frightening|sinister|"
                    r"explicit|gruesome))\b")
FAITHFUL = template(r"\b(?:faithful(?:ly)?|true\s+to|sticks?\s+(?:closely\s+)?(?:to|with)|stays?\s+(?:close|true)\s+to|"
                    r"(?:keeps|kept)\s+(?!a\b|an\b)|retains?|retained|preserves?|preserved|intact|word\s+for\s+word|verbatim|"
                    r"(?:same|identical)\s+as\s+(?:in\s+)?the|the\s+same\s+(?:dialogue|ending|plot|story|lines?)|"
                    r"just\s+as\s+(?:in\s+)?the|exactly\s+as|both\s+versions|in\s+either\s+version|"
                    r"follows?\s+(?:the\s+)?(?:book|novel|story|storyline|plot)|in\s+both\s+(?:the\s+)?(?:book|novel|film|movie|versions))\b")
# "In the book, X. In the film, Y.": two sentences set side by side, one difference
SIDE_BY_SIDE = template(r"^\W*(?:but\s+|whereas\s+|while\s+)?in\s+the\s+(?P<side>film|movie|adaptation|series|show|book|novel|"
                        r"comic|memoir|novella)\b")

HEAD = "Atonement Book vs Movie Review\n\n"


def _difference(ctx, m) -> None:
    """The sentence as a difference of the kind the rule names, where it compares the versions."""
    b, text = ctx.b, ctx.sent.text
    if b.reviewed_screen is None or b.reviewed_page is None or HEDGE.search(text) or REMARK.search(text):
        return
    if not re.search(r"[.!?:;”\"’)]\s*$", text) or not (VERSION.search(text) or _adapter_named(ctx)):
        return  # a heading ("What the film changes"), or a sentence that speaks of no version
    if ctx.negated(m.start(), m.end()):
        return
    kind = ctx.rule.name
    if kind in TONE and _said_of_the_book(ctx.t[:m.start()]):
        kind = TONE[kind]  # "the book is sadder": the film is the softer one
    b.differ(kind, ctx.sent, _concerns(ctx), bool(SPOILER.search(text)), ctx.evidence(confidence=0.7))


TONE = {"softened": "darkened", "darkened": "softened"}
SIDE_WORD = re.compile(r"\b(?:(?P<page>book|novel|novella|comic|manga|memoir|page|source|original)|film|movie|adaptation|"
                       r"series|serial|show|screen|version)\b", re.I)


def _said_of_the_book(before: str) -> bool:
    """Whether the last version named before a comparative is the book ("the book is sadder")."""
    last = None
    for last in SIDE_WORD.finditer(before):
        pass
    return bool(last and last.group("page"))


def _adapter_named(ctx) -> bool:
    """The sentence names who made the screen version: "Selick added a new character"."""
    makers = {c.person for c in ctx.b.credits.values() if c.work is ctx.b.reviewed_screen}
    return any(ctx.b.person(m.text) in makers for m in ctx.sent.mentions)


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
    refuses(HEAD + "The movie doesn't leave out anything important."),
    refuses(HEAD + "Every adaptation leaves things out.")])
@rule("added", asserts="differences", priority=950, patterns=[ADDED], examples=[
    reads(HEAD + "The film adds a scene at the typewriter that is not in the book.", difference("added")),
    refuses(HEAD + "Robbie adds a line to his letter.")])
@rule("changed", asserts="differences", priority=960, patterns=[CHANGED], examples=[
    reads(HEAD + "The film changes Briony's age from thirteen to twelve.", difference("changed")),
    refuses(HEAD + "Briony changes her mind about everything.")])
@rule("faithful", asserts="differences", priority=970, patterns=[FAITHFUL], examples=[
    reads(HEAD + "Hampton's script stays faithful to the novel.", difference("faithful")),
    refuses(HEAD + "Robbie stays faithful to Cecilia.")])
def compared(ctx, m) -> None:
    _difference(ctx, m)


@rule("side-by-side", asserts="differences", priority=980, patterns=[SIDE_BY_SIDE], examples=[
    reads(HEAD + "In the book, Robbie writes two letters. In the film, he writes only one.", difference("changed")),
    refuses(HEAD + "In the film, Robbie writes a letter.")])
def side_by_side(ctx, m) -> None:
    """"In the film, Y." after "In the book, X.": the two sentences, one difference."""
    b, before = ctx.b, ctx.b.previous
    if before is None or b.reviewed_screen is None or b.reviewed_page is None or HEDGE.search(ctx.sent.text):
        return
    prior = SIDE_BY_SIDE.match(before.template)
    if prior is None or _medium(prior.group("side")) == _medium(m.group("side")):
        return
    spoiler = bool(SPOILER.search(before.text + " " + ctx.sent.text))
    b.differ("changed", ctx.sent, _concerns(ctx), spoiler, ctx.evidence(confidence=0.7), before=before)


def _medium(word: str) -> str:
    return "screen" if word.lower() in ("film", "movie", "adaptation", "series", "show") else "page"

