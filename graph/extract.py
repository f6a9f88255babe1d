"""Extraction: one review's text into works, adaptations, credits and cast.

spaCy splits sentences and finds people's names; graph.headline finds the
book and film the review is about; graph.mentions turns each sentence into a
template in which every name-like span (a capitalised run, a known title,
"Miss lucy") becomes a numbered slot, e.g.

    "Annihilation, which Garland wrote the script for and directed."
    "<0>, which <1> wrote the script for and directed."

and the rules below are regular expressions over such templates. Whether a
slot is a person, a character or a title is decided by the rule that
matched it and checked against what the review says elsewhere: a person
must be a full name or the surname of one found in the same review, a
character is never a person, a title is never a person's name.
"""
from __future__ import annotations

import re
from collections import Counter, deque
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from spacy.lang.en.stop_words import STOP_WORDS

from .facts import PAGE_KINDS, Adaptation, Cast, Credit, Evidence, Extraction, Work, medium
from .headline import (SECTION_WORK, credit_line_titles, dominant_kind, headline_year, reviewed_title, section_title,
                       title_line_title)
from .mentions import (APOSTROPHES, HONORIFICS, KIND_RE, KIND_WORDS, LABEL_WORDS, PAGE_RE, ROLE_NOUNS, SCREEN_RE,
                       Sentence, lowercase_names, make_sentence, norm, strip_possessive)
from .nlp import pipeline
from .read import Review

_NUM = r"⟨(?P<{}>\d+)⟩"
# A list may date its items, but the last item's year is left to the rule ("A (2017) and B").
# "and" joins its last item: in "by A and B, and C had his name removed" C starts a clause.
_ITEM = r"⟨\d+⟩(?![" + APOSTROPHES + r"]s\b){1}"
_LIST = (r"(?P<{0}>⟨\d+⟩(?![" + APOSTROPHES + r"]s\b)(?:(?:\s*\(\d{{4}}\))?\s*,\s*" + _ITEM + r")*"
         r"(?:(?:\s*\(\d{{4}}\))?(?:\s*,\s*and\s+|\s+and\s+|\s*&\s*)" + _ITEM + r")?)")
# In a list of titles, a name followed by its own verb starts a new clause ("wrote W, and X directed V").
_NEW_CLAUSE = r"(?!\s+(?:also\s+)?(?:directed|directs|wrote|writes|adapted|adapts|filmed|made|plays|played|stars|starred)\b)"


def rule(template: str) -> re.Pattern:
    """Compile a rule: {w} is one slot, {p*} a list of slots ("<1>, <2> and <3>")."""
    def expand(m: re.Match) -> str:
        name = m.group(1)
        if name.endswith("*"):
            return _LIST.format(name[:-1], _NEW_CLAUSE if name.startswith("w") else "")
        return _NUM.format(name)

    pattern = re.sub(r"\{([a-z]\w*\*?)\}", expand, template).replace("BY", BY)
    pattern = pattern.replace("PAGE", f"(?:{PAGE_RE})").replace("SCREEN", f"(?:{SCREEN_RE})")
    pattern = pattern.replace("KIND", f"(?:{KIND_RE})")
    return re.compile(pattern, re.I)


# "by" and the person, who may come with a description ("by the novelist X").
BY = r"by\s+(?:the\s+(?:[\w-]+\s+)?(?:" + "|".join(sorted(ROLE_NOUNS | {"playwright", "poet", "journalist", "cartoonist"})) + r")\s+)?"


def slots(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"⟨(\d+)⟩", text)]


# --- rules ----------------------------------------------------------------------

YEAR = r"(?:\s*\((?:[a-z]+\s+)*(?P<year>1[5-9]\d\d|20\d\d)\))?"  # "(2005)", "(collected 1997)"

CREDIT_LINE_BY = rule(r"^(?:(?:(?P<label>KIND)|(?P<source>source|original|based\s+on|adapted\s+from))\s*:\s*)?{w}(?:\s*[,:\-–]\s*(?:a|the)?\s*(?P<kind>PAGE))?\s+(?:written\s+)?by\s+{p*}" + YEAR + r"\W*$")
CREDIT_LINE_SCREEN = rule(
    r"^(?:(?P<label>KIND)\s*:\s*)?{w}(?:\s*\((?P<y0>\d{4})\))?,?\s+(?:(?:the\s+)?(?P<kind>SCREEN),?\s+)?"
    r"(?:(?P<rel>written\s+and\s+directed|directed|created)\s+by|dir\.)\s+{p*}" + YEAR + r"\W*$")
LABELLED_WORK = rule(r"^(?P<label>KIND)\s*:\s*{w}" + YEAR + r"\W*$")
CREDIT_BLOCK = rule(
    r"^\W*(?P<label>directed by|director|directors|screenplay by|screenplay|script|screenwriters?|"
    r"written by|writer|writers|adapted by|based on the (?:PAGE) by|(?:PAGE) by|PAGE|authors?|"
    r"starring|cast|stars)\s*[:\-–—]?\s*{p*}" + YEAR + r"\W*$")

WRITTEN_DIRECTED = rule(r"\bwritten\s+and\s+directed\s+by\s+{p*}")
DIRECTED = rule(r"(?P<both>\bboth\s+)?\b(?<!written and )(?:directed|filmed)\s+BY{p*}")
SCRIPT_BY = rule(r"\b(?:screenplay|script)\b[^⟨.;]*?\b(?:BY|credited\s+to\s+|goes\s+to\s+){p*}")
# "Sidney Howard gets the only screenplay credit"
SCRIPT_CREDIT = rule(r"{p*}\s+(?:gets|got|has|had|shares|shared|received|receives)\s+(?:the\s+|a\s+)?(?:only\s+|sole\s+)?"
                     r"(?:screenplay|script|screenwriting|writing)\s+credit")
# "Rooney adapted her own book, co-writing the scripts with Alice Birch"
ADAPTED_OWN = rule(r"{p*}\s+adapted\s+(?:his|her|their)\s+(?:own\s+)?(?:PAGE)\b")
CO_WRITING = rule(r"(?:⟨(?P<subject>\d+)⟩\s+|(?P<pron>\bhe|\bshe)\s+)?\b(?:co-?writing|co-?wrote|writing|wrote)\s+the\s+(?:scripts?|screenplays?|teleplays?)\s+"
                  r"(?:together\s+)?with\s+(?:the\s+(?:[\w-]+\s+)?(?:novelist|writer|playwright|screenwriter|author|director)\s+)?{p*}")
# "Rob Reiner directs; William Goldman writes the screenplay from his own 1973 novel."
PRESENT_CREDIT = rule(r"{p*}\s+(?:also\s+)?(?P<verb>directs|writes\s+the\s+(?:screenplay|script)|adapts)\b(?!\s+⟨)"
                      r"(?:\s+from\s+(?P<own>his|her|their)\s+own\s+(?:(?P<year>\d{4})\s+)?(?P<kind>PAGE))?")
# "X directed the first six episodes, and Y directed the last six": the second names no episodes.
EPISODES = rule(r"{p*}(?:,[^,;.]{0,60},)?\s+(?:also\s+)?directed\s+(?:the\s+)?(?:[\w-]+\s+){0,2}episodes\b"
                r"(?:,?\s+(?:and|while|with)\s+{q}\s+(?:directing|directed)\s+the\s+(?:last|other|remaining|rest|final)\b)?")
ADAPTED_FROM_BY = rule(r"\badapted\s+from\s+[^.;⟨]*(?:⟨\d+⟩[" + APOSTROPHES + r"]s\s+[^.;⟨]*)?\bby\s+(?:the\s+)?"
                       r"(?:screenwriters?|writers?)\s+{p*}")
ADAPTED_BY = rule(r"\badapted\s+(?:for\s+the\s+screen\s+|into\s+a\s+(?:SCREEN)\s+)?BY{p*}")
# "written by X with Y": a co-writer joined by "with".
WRITTEN_BY = rule(r"\b(?<!written and )(?:written|penned|drawn|illustrated)\s+BY{p*}(?:\s+with\s+{q})?")  # a comic's artist is its author too
VERSION_BY = rule(r"\bthe\s+(?:\d{4}\s+)?(?:(?!(?:stage|audio|audiobook|radio|theatre|theater|musical|comic|graphic|print|"
                  r"book|novel|french|translated)\b)[\w-]+\s+)?(?:SCREEN|version|attempt)\s+by\s+{p*}")
KIND_BY = rule(r"\b(?P<kind>PAGE)\s+(?:\w+\s+)?BY{p*}")
POSSESSIVE = rule(r"{p}[" + APOSTROPHES + r"]s?\s+(?:(?:(?!(?:on|in|of|at|to|for|from|with|about|into)\s)[\w-]+\s+){0,2})?(?P<kind>KIND|script|screenplay|version)\b(?:\s+(?:version|adaptation))?"
                  r"(?:\s*,?\s*(?:for\s+|of\s+)?[“\"]?{w}(?![" + APOSTROPHES + r"]s))?")
# "Big Little Lies, the television version of Liane Moriarty's novel"
APPOSITION_ADAPTATION = rule(r"{w},\s+(?:the|a|an|his|her|their)\s+(?:\w+\s+)?(?:(?P<k2>SCREEN|television|tv)\s+)?"
                             r"(?:version|adaptation)\s+of\s+{o}[" + APOSTROPHES + r"]s\s+(?:\w+\s+)?(?P<k1>PAGE)\b")
POSSESSIVE_TITLE = rule(r"{p}[" + APOSTROPHES + r"]s\s+{w}")
# "Contact, Carl Sagan's 1985 novel and Robert Zemeckis's 1997 film"
# A possessive before the title is part of it where the apposition names another owner:
# "Bridget's Summer, Ann Lowe's 1996 novel" is a novel called "Bridget's Summer".
APPOSITION_POSSESSIVE = rule(r"(?:{t}[" + APOSTROPHES + r"]s\s+)?{w},\s+{p}[" + APOSTROPHES + r"]s\s+(?:(?P<y1>\d{4})\s+)?(?:\w+\s+){0,1}?(?P<kind>KIND)\b"
                             r"(?:\s+and\s+{q}[" + APOSTROPHES + r"]s\s+(?:(?P<y2>\d{4})\s+)?(?P<k2>KIND)\b)?")
# "Arrival (2016), Denis Villeneuve's film of Ted Chiang's short story 'Story of Your Life'"
APPOSITION_FILM_OF = rule(r"{f}(?:\s*\(\d{4}\))?,\s+{p}[" + APOSTROPHES + r"]s\s+(?P<k2>SCREEN)\s+(?:version\s+|adaptation\s+)?of\s+"
                          r"(?:{o}[" + APOSTROPHES + r"]s\s+)?(?:the\s+)?(?:(?P<k1>PAGE)\b\s*)?(?:[“\"]?{s})?")
# "X, who had already filmed Y's novel in W (1995) and Z's in V": each W a film of its owner's book of that title.
FILMED_IN = rule(r"{p},?\s+(?:who\s+)?(?:(?:had|has|also|already|previously|once)\s+){0,3}(?:filmed|adapted)\s+{o}["
                 + APOSTROPHES + r"]s\s+(?:\w+\s+)?(?P<kind>PAGE)\s+in\s+{w}(?:\s*\(\d{4}\))?"
                 r"(?:,?\s+and\s+{o2}[" + APOSTROPHES + r"]s\s+(?:(?:\w+\s+)?(?P<kind2>PAGE)\s+)?in\s+{w2})?")
WHO_FOR = rule(r"{p},?\s+who\s+[^.;]*?\bfor\s+(?P<verbs>writing|directing|adapting)\s+{w}")
FILM_OF = rule(r"\bthe\s+(?P<k2>SCREEN)\s+(?:version\s+|adaptation\s+)?of\s+(?:{o}[" + APOSTROPHES
               + r"]s\s+)?(?:(?:the|his|her|their)\s+)?(?:(?P<k1>PAGE)\s+)?{w}")
# "Blade Runner (1982) is based on Philip K. Dick's 1968 novel Do Androids Dream of Electric Sheep?",
# "Total Recall (1990), from the short story 'We Can Remember It for You Wholesale'"
BASED_ON = rule(r"{w}(?:\s*\(\d{4}\))?(?:(?:\s+(?:is|was)\s+(?:loosely\s+)?|,\s+)(?:based\s+on|adapted\s+from)\s+"
                r"(?:{o}[" + APOSTROPHES + r"]s\s+)?(?:the\s+|a\s+|an\s+)?(?:(?P<year>\d{4})\s+)?(?:(?P<kind>PAGE)\s+)?"
                r"|,\s+from\s+(?:{o2}[" + APOSTROPHES + r"]s\s+)?(?:the\s+|a\s+|an\s+)?(?:(?P<year2>\d{4})\s+)?"
                r"(?P<kind2>PAGE|story)\s+)[“\"]?{s}")  # "W, from the S" names a source only with its kind
# "The Blind Side, his 2006 book, became John Lee Hancock's 2009 film"
BECAME = rule(r"(?:(?P<owner0>\b(?:his|her|their))\s+(?:\w+\s+)?(?P<k0>PAGE),\s+)?(?:{o}[" + APOSTROPHES + r"]s\s+)?{w}(?P<appos>,\s+(?P<owner>his\s+|her\s+|their\s+|an?\s+|the\s+)?(?:(?P<y1>\d{4})\s+)?(?P<k1>PAGE)\s*,"
              r"|,[^,⟨]{0,60},)?,?\s+(?:became|was\s+turned\s+into|was\s+made\s+into)\s+(?:{p}[" + APOSTROPHES
              + r"]s(?:\s+(?:(?P<y2>\d{4})\s+)?(?P<k2>SCREEN)\b)?|an?\s+(?:(?P<y3>\d{4})\s+)?(?P<k3>SCREEN)\b)")
GOT_A_FILM = rule(r"{w}\s+(?:got\s+its\s+own|was\s+(?:made|turned|adapted)\s+into\s+an?|became\s+an?)\s+(?:\w+\s+)?(?P<k2>SCREEN)")
ADAPTATION_OF = rule(r"{p}[" + APOSTROPHES + r"]s\s+(?:\d{4}\s+)?(?:SCREEN\s+)?(?:adaptation|version)\s+of\s+"
                     r"(?:{o}[" + APOSTROPHES + r"]s\s+)?(?:the\s+)?(?:(?P<year>\d{4})\s+)?(?:(?P<kind>PAGE)\b\s*)?"
                     r"(?:{w}(?![" + APOSTROPHES + r"]s))?")
TITLE_IS_POSSESSIVE = rule(r"{w}\s+(?:is|was)\s+{p}[" + APOSTROPHES + r"]s\s+(?:\w+\s+){0,2}?(?P<kind>KIND)\b")
PERSON_KIND_TITLE = rule(r"\bthe\s+{p}\s+(?P<kind>KIND)\s+{w}")
WHICH_SPLIT = rule(r"{w}(?:\s*\(\d{4}\))?,?\s+(?:which|that)\s+(?:(?P<pron>he|she)|{p})\s+(?:wrote|scripted)\s+and\s+{q}\s+directed\b")
WHICH_ACTIVE = rule(
    r"{w}(?:\s*\(\d{4}\))?,?\s+(?:which|that)\s+{p}\s+(?:also\s+)?(?P<verbs>wrote\s+the\s+(?:script|screenplay)(?:\s+for)?"
    r"(?:\s+and\s+directed)?|wrote\s+and\s+directed|directed|(?:filmed|adapted)(?!\s+as\b)|wrote)\b")  # "filmed as": filmed-as
SUBJECT = (r"(?:{p*}|(?P<pron>\bhe|\bshe))\s+(?:(?:also|later|then|had|has|already|just|previously|once|first|"
           r"finally|eventually|duly)\s+){0,3}"
           r"(?:went\s+on\s+to\s+)?")
# "X had made W (1994)": made, with the film's year, is directed; "directed the first season of W": a series.
ACTIVE = rule(
    SUBJECT + r"(?P<verbs>wrote\s+and\s+directed|directed|direct|wrote\s+the\s+(?:script|screenplay)\s+for|adapted|"
    r"wrote|write|published|scripted|made(?=\s+⟨\d+⟩\s*\(\d{4}\)))\s+(?:(?P<film>the\s+(?:\d{4}\s+)?(?:(?!(?:other|next|previous|last|earlier|later|second|third|rival|same)\b)[a-z][\w-]*\s+)?(?:movie|film)|the\s+(?:[\w-]+\s+)?(?:adaptation|script|screenplay)(?!\s+of\s+(?:[\w-]+\s+){0,3}⟨))\b|an?\s+(?:[\w-]+\s+)?(?:SCREEN|adaptation|version)\s+of\s+"
    r"(?:{o}[" + APOSTROPHES + r"]s\s+)?(?:(?:his|her|their|the)\s+)?(?P<src>(?:PAGE)\s+)?{s}|"
    r"(?:(?:his|her|their)\s+(?:\w+\s+){0,2}?(?:feature|film|movie|novel|book)s?,?\s+)?"
    r"(?:the\s+(?P<kind>KIND)\s+|the\s+(?:\w+\s+)?(?P<season>season|seasons|series|episodes)\s+of\s+)?{w*})")
REMADE_AS = rule(SUBJECT + r"(?P<verbs>remade)\s+(?:it|⟨\d+⟩)[^.;]{0,60}?\bas\s+{f}")
ACTIVE_IT = rule(SUBJECT + r"(?P<verbs>wrote\s+and\s+directed|directed|filmed|wrote|adapted)\s+(?:it|that\s+one|that\s+film|this\s+one)\b")
WHO_ACTIVE = rule(r"{p},?\s+who\s+(?:had\s+|has\s+)?(?P<before>already\s+|also\s+|previously\s+|later\s+|just\s+)?"
                  r"(?P<verbs>scripted|wrote\s+and\s+directed|directed|made(?=\s+⟨\d+⟩\s*(?:\(\d{4}\)|,))|"
                  r"(?<=had just )made|(?<=had already )made)\s+{w*}")
# "directed by Destin Daniel Cretton, who wrote it with Andrew Lanham"
WHO_WROTE_IT = rule(r"{p},?\s+who\s+(?:also\s+)?(?:wrote|co-?wrote|scripted)\s+it\s+(?:together\s+)?with\s+{q*}")
# "Larry McMurtry, whose novels include Lonesome Dove"
WHOSE_WORKS = rule(r"{p},?\s+whose\s+(?:\w+\s+)?(?P<kind>PAGE|films|movies)s?\s+include\s+{w*}")
# "Iris Fenwick's other novels: A (2017) and B", "X's earlier films include A and B"
OTHER_WORKS = rule(r"{p}[" + APOSTROPHES + r"]s\s+(?:other|earlier|later|previous|subsequent)\s+(?P<kind>PAGE|films|movies)s?"
                   r"\s*(?::|,|\s+include|\s+are|\s+were)\s+{w*}")

KIND_TITLE = rule(r"\b(?:(?<!\bin )the|a|an|(?P<owner>his|her|their))\s+(?:\w+\s+){0,2}?(?P<kind>KIND)\s*,?\s+(?:called\s+|titled\s+|named\s+)?{w}(?![" + APOSTROPHES + r"]s\b)")
TITLE_IS_KIND = rule(r"{w}(?:,\s+(?:which\s+is\s+)?|\s+(?:which\s+is|is|was)\s+)(?:a|an|the|his|her|their)\s+(?:\w+\s+){0,2}?(?P<kind>KIND)\b")
TITLE_PAREN_KIND = rule(r"{w}\s*\((?:the\s+)?(?P<kind>KIND)(?:,\s*(?P<year>\d{4}))?\)")
TITLE_YEAR = rule(r"{w}\s*\((?P<year>1[5-9]\d\d|20\d\d)\)")
BOTH_CALLED = rule(r"\b(?P<k1>PAGE)\s+and\s+(?:a\s+)?(?P<k2>SCREEN)\b[^⟨.]*?\b(?:called|titled|named)\s+{w}")
ALSO_A = rule(r"(?P<owner>\b(?:his|her|their)\s+)?(?:\w+\s+){0,3}?(?P<k1>KIND),?\s+which\s+(?:is|was)\s+also\s+an?\s+(?P<k2>KIND),?\s+(?:is|was)\s+{w}")
AWARD_FOR = rule(r"\b(?:won|winning|nominated\s+for)\s+(?:an?\s+|the\s+|two\s+|his\s+|her\s+)?"
                 r"(?:⟨\d+⟩|Oscars?|Academy\s+Awards?)\s+for\s+(?!(?:the\s+)?⟨\d+⟩\s+(?:for|in)\b){w}(?![^.;]*\bfor\s+(?:playing|his|her))")
SEEN_IN = rule(r"\b(?:movies|films)\b(?:\s+\w+){0,5}?\s+(?:aside\s+from|like|such\s+as|including|except)\s+{w}")
ROLE_IN = rule(r"\b(?:role\s+in|starring\s+in|starred\s+in|appeared\s+in)\s+[^.;]*?{w}(?=\s*(?:[.,;:!?)]|$|which|and|where|opposite|with))")

AS_NOT_CAST = r"(?!\s*(?:[" + APOSTROPHES + r"]s\b|says|said|mentions|tells|puts|explains|notes|realizes|realises|thinks))"
CAST_VERBS = r"(?:cast\s+as|plays|played|playing|portrays|portrayed|voices|voiced|stars\s+as|starred\s+as|starring\s+as)"
# "X, who played C in W, is D": C is a role in W, D the role in the reviewed film.
WHO_PLAYED_IN = rule(r"{a},\s+who\s+(?:also\s+)?(?:played|portrayed|voiced)\s+{c}\s+in\s+{w},\s+(?:is|plays)\s+{d}")
CAST_NAMED = rule(r"{a}(?:[^⟨.;]{0,60}?)\b" + CAST_VERBS + r"\s+an?\s+[^.;]{0,40}?\b(?:named|called)\s+{c}")
# No pronoun between the name and the verb: in "W, where he played C" the actor is "he".
# "X plays the unnamed Narrator": a role may come with its article and a word or two of description.
CAST_VERB = rule(r"{a}(?:(?:(?!\b(?:he|she|they)\b)[^⟨.;]){0,60}?)\b" + CAST_VERBS + r"\s+(?:(?:the|his|her|their)\s+(?:[a-z-]+\s+){0,2})?{c}" + AS_NOT_CAST)
# "Shelley Duvall's Wendy is all raw nerves", "Danny Lloyd, as Danny, ..."
POSSESSIVE_ROLE = rule(r"{a}[" + APOSTROPHES + r"]s\s+{c}\s+(?:is|was|feels|seems|comes)\b")
# "Bruce Willis's wisecracking John McClane"
POSSESSIVE_ROLE_ADJ = rule(r"{a}[" + APOSTROPHES + r"]s\s+(?:[a-z][a-z-]+\s+){1,2}{c}")
APPOSITION_AS = rule(r"{a},\s+as\s+(?:(?:his|her|their|the|⟨\d+⟩[" + APOSTROPHES + r"]s)\s+(?:[a-z-]+\s+){0,3}?)?{c},")
STARS_AS = rule(r"\b(?:stars|starring|starred|co-stars|has|with|casts?|brings)\s+{a}\s+(?:back\s+)?as\s+"
                r"(?:the\s+(?:[a-z]+\s+)?)?{c}")
# "... as Red Grant in From Russia with Love", "went on to play Roy Neary in Spielberg's Close Encounters"
ROLE_IN_WORK = rule(r"\b(?:as|play|plays|played|playing)\s+(?:the\s+[a-z]+\s+)?{c}\s+(?:again\s+|too\s+|also\s+)?in\s+(?:{p}[" + APOSTROPHES
                    + r"]s\s+)?{w}")
# "everything else is pure pleasure: Cary Elwes as Westley, Robin Wright as Buttercup", "hands X the role of C"
LIST_AS = rule(r"(?:^|[:;,]\s*|\band\s+){a}\s+as\s+(?:the\s+(?:[a-z-]+\s+){0,2})?{c}" + AS_NOT_CAST)
ROLE_GIVEN = rule(r"{a}(?:\s+(?:has|had|gets|got|takes|took|plays|played))?\s+the\s+(?:\w+\s+)?(?:role|part)\s+of\s+{c}")
IN_WHICH_PLAYED = rule(r"\b(?:where|in\s+which)\s+{a}\s+(?:also\s+)?(?:played|plays|portrayed|voiced)\s+{c}")
# "Laura Dern plays Cheryl's mother, Bobbi"
CAST_APPOSITION = rule(r"{a}(?:[^⟨.;]{0,40}?)\b(?:plays|played|playing|portrays|portrayed)\s+(?:⟨\d+⟩[" + APOSTROPHES
                       + r"]s\s+)?(?:the\s+)?[a-z]+(?:\s+[a-z]+)?,\s+{c}")
WHERE_PLAYED = rule(r"{w},?\s+(?:where|in\s+which)\s+(?:he|she)\s+(?:also\s+)?(?:played|plays|portrayed|voiced)\s+{c}")
# At the head of a sentence the actor may be far from the verb ("X won the Oscar for playing C").
CAST_VERB_FAR = rule(r"^{a}(?:,|\s)[^.;]{0,80}?\b" + CAST_VERBS + r"\s+{c}" + AS_NOT_CAST)
CAST_AS = rule(r"{a}(?:[^⟨.;]{0,60}?)\b(?<!filmed\s)(?<!released\s)(?<!known\s)(?<!retitled\s)as\s+(?:the\s+(?:actor|actress|character|title\s+character)\s+)?{c}"
               + AS_NOT_CAST)
# "Red Dragon (1981), which Michael Mann filmed as Manhunter in 1986"
FILMED_AS = rule(r"{s}(?:\s*\(\d{4}\))?,?\s+(?:which|that)\s+{p}\s+(?:(?:filmed|adapted|made)\s+as|turned\s+into|made\s+into)\s+{f}")
# "C in the film, played by X": the medium may stand between the role and its actor.
PLAYED_BY = rule(r"{c}\s+(?:in\s+the\s+(?:SCREEN),\s+)?(?:is\s+|was\s+|are\s+|were\s+)?(?:played|portrayed|voiced)\s+by\s+{a*}")
PAREN = rule(r"{x}\s*\(\s*(?:played\s+by\s+)?{y}\s*\)")
# A cast list's line of two names: "Frodo Baggins (Elijah Wood)", "Renata Klein — Laura Dern".
PAIR_LINE = rule(r"^\W*{x}(?:\s*\(\s*|\s*[—–:]\s*|\s+-\s+){y}\s*\)?\W*$")
# The role ends its phrase: "is the NASA director" names nobody; "is a shyer Darcy than Firth's" is Darcy.
IS_CHARACTER = rule(r"(?:^|,\s+|\band\s+){a}\s+(?:is|was)\s+(?:(?:a|an|the|his|her|their)\s+(?:[\w-]+,?\s+){0,3})?{c}"
                    r"(?!\s*(?:'s|’s))(?!\s+(?!(?:than|and|or|but|who|whose|with|in|on|at|for|from|to|again|too)\b)[a-z])")
ROLE_OF = rule(r"^{a}\s+(?:\w+\s+){0,4}?role\s+of\s+{c}")
# "Marcia Gay Harden and Laura Linney play the wives, Celeste and Annabeth": each the one in her place
PAIRED = rule(r"{a}\s+and\s+{b}\s+(?:play|played|are|were|portray|portrayed)\s+(?:(?:the|his|her|their)\s+[a-z]+(?:\s+[a-z]+)?,\s+)?"
              r"(?:{c}\s+and\s+{d}|{e})")  # "Celeste and Annabeth" may come as one name, as "Pride and Prejudice" does
STARRING = rule(r"\b(?:starring|stars|co-starring)\s+{a*}")

# Which version the reviewer prefers. Reviews give it at the end, often under a heading.
VERDICT_HEADING = re.compile(r"^\W*(?:which\s+is\s+better|book\s+(?:vs\.?|or)\s+(?:movie|film|show|series)|"
                             r"(?:the\s+|my\s+|final\s+)?verdict|final\s+thoughts|the\s+winner)\W*$", re.I)
VERDICT_KIND = KIND_RE + "|story|version"
VERDICT = re.compile(
    rf"\b(?:going|go|went)\s+with\s+(?:the\s+)?(?P<a>{KIND_RE})\b"
    rf"|(?:^|\b(?:i|we)(?:['’](?:d|ll))?\s+(?:would\s+|will\s+)?)(?:stick|stay)\s+with\s+(?:the\s+)?(?P<stick>{KIND_RE})\b"
    rf"|\b(?:pick|picking|choose|choosing|prefer|prefers|preferred|vote\s+for|give\s+it\s+to|take|"
    rf"come\s+down\s+on\s+the\s+side\s+of|side\s+with)\s+(?:the\s+)?(?P<b>{KIND_RE}|story)\b"
    rf"|\b(?:would|'d|’d)\s+(?:have\s+to\s+)?say\s+(?:the\s+)?(?P<c>{KIND_RE})\b"
    rf"|(?:\bthe|[’']s)\s+(?P<d>{VERDICT_KIND})\s+(?:is|was|remains)\s+(?:\w+\s+){{0,2}}?(?:better|greater|stronger|superior|"
    rf"the\s+winner|the\s+masterpiece|the\s+real\s+thing|the\s+one\s+I)\b"
    rf"|(?:\bthe|[’']s)\s+(?P<e>{KIND_RE})\s+(?:wins|beats|trumps|outdoes|surpasses)\b"
    rf"|\bthe\s+(?P<f>{KIND_RE})\s+is\s+(?:just\s+)?more\s+\w+\s+than\b"
    rf"|\bchoose\s+it\s+over\s+the\s+(?P<over>{KIND_RE})\b"
    rf"|\bskip\s+the\s+(?P<skip>{KIND_RE})\b", re.I)
# "Book: 4/5 | Film: 2/5": the better score
RATINGS = re.compile(rf"\b(?P<k1>{KIND_RE})\s*[:\-–]?\s*(?P<r1>\d+(?:\.\d)?)\s*/\s*(?P<of1>\d+)\b.*?"
                     rf"\b(?P<k2>{KIND_RE})\s*[:\-–]?\s*(?P<r2>\d+(?:\.\d)?)\s*/\s*(?P<of2>\d+)\b", re.I)
VERDICT_ANSWER = re.compile(rf"^\W*the\s+(?P<a>{KIND_RE})\b\W*(?:$|[.,!;:]|\s+(?:but|and|by|all|hands|easily|wins))", re.I)
# A verdict in the sentence's own label ("Verdict: the movie, by a nose."), where a comparison
# is the answer too ("Verdict: the book is richer, but ..."); under a heading it may be one of several.
VERDICT_LABEL = re.compile(r"^\W*(?:(?:my|the|final|our)\s+)?(?:verdict|winner|which\s+is\s+better\??)\s*[:\-–—]\s*", re.I)
VERDICT_QUESTION = re.compile(r"^\W*(?:so,?\s+)?(?:which\s+(?:one\s+)?is\s+better|(?:book|novel)\s+or\s+(?:film|movie|show|series))"
                              r"\s*\?\W*$", re.I)
LABELLED_ANSWER = re.compile(rf"^the\s+(?P<a>{KIND_RE})\s+(?:is|was)\s+(?:\w+\s+)?(?:better|richer|stronger|deeper|"
                             rf"greater|funnier|smarter|truer|warmer|braver|bolder|cleverer|sharper)\b", re.I)

# Words that make a credit hypothetical or denied: "X was originally going to direct",
# "not played by Y", "rumours that Z would play". A credit after them within the clause is dropped.
NEGATION = re.compile(r"(?:\b(?:not|never|originally|was going to|were going to|turned down|"
                      r"(?:almost|nearly)\s+(?!un)(?:\w+ed|cast|got|went|became|made|wrote|had|took|won)|"
                      r"instead of|would have|might have|could have|wanted to|supposed to|rumou?red|rumou?rs?|"
                      r"reportedly|considered|in talks)\b|n['’]t\b)", re.I)


@dataclass
class Builder:
    """Collects one review's facts, merging repeats of the same work or fact."""

    text: str
    full_names: dict[str, str]  # norm(name) -> canonical full name
    surnames: dict[str, str]    # norm(surname) -> canonical full name
    titles: list[str]
    reviewed_page: Work | None = None
    reviewed_screen: Work | None = None
    works: dict[tuple[str, str], Work] = field(default_factory=dict)
    adaptations: dict[tuple, Adaptation] = field(default_factory=dict)
    credits: dict[tuple, Credit] = field(default_factory=dict)
    cast: dict[tuple, Cast] = field(default_factory=dict)
    last_person: str | None = None
    last_actor: str | None = None  # whom "he played C in W" means
    last_title: str | None = None
    characters: set[str] = field(default_factory=set)
    # How many credits came before the listicle section being read: films of one title are one
    # work, so "Armstrong's film" in the 1994 section must not be refused for Cukor's in 1933's.
    section_credits: int = 0
    list_order: int = 0  # see _list_order
    # Who the first reading of the review found in each role, by title: (norm(title), role) -> people
    foreseen: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    first_reading: bool = False

    # -- classifying slots --
    def person(self, name: str, loose: bool = False) -> str | None:
        """The full name a mention stands for. Loose: also a new name that looks like a person's
        ("Tuva Novotny"), for slots where only a person can stand."""
        name = strip_possessive(name).strip()
        key = norm(name)
        if key in self.full_names:
            return self.full_names[key]
        if key in self.surnames:
            return self.surnames[key]
        if loose and person_shaped(name) and not self.is_title(name) and key not in self.characters:
            return name
        return None

    def know(self, person: str) -> None:
        """A name that got a fact is a person from now on, and so is its surname alone."""
        self.full_names.setdefault(norm(person), person)
        self.surnames.setdefault(norm(person.split()[-1]), person)

    def is_title(self, name: str) -> bool:
        return any(norm(t) == norm(name) for t in self.titles) or (norm(name), "page") in self.works \
            or (norm(name), "film") in self.works

    def is_character(self, name: str) -> bool:
        return norm(name) in self.characters or norm(name.split()[0]) in HONORIFICS

    def title_of(self, name: str) -> str | None:
        if self.person(name) or norm(name.split()[0]) in HONORIFICS:
            return None
        for title in self.titles:
            if norm(title) == norm(name):
                return title
        return name.strip("‘’“”\"'*_ ")

    def slot_title(self, name: str) -> str | None:
        """A title in a slot only a work can fill ("directed <Ex Machina>"), even if the tagger
        took it for a name: refused only when it names a credited person or a character."""
        if self.is_real(name) or self.is_character(name):
            return None
        for title in self.titles:
            if norm(title) == norm(name):
                return title
        return name.strip("‘’“”\"'*_ ")

    def character(self, name: str) -> str | None:
        """A character's name; a name already known as a real person's is never one."""
        if self.is_title(name) or self.is_real(name):
            return None
        return strip_possessive(name.strip())

    def is_real(self, name: str) -> bool:
        """The name stands for someone the review credits or casts: a real person."""
        person = self.person(name)
        return bool(person) and (bool(self.roles_of(person)) or any(
            c.actor == person for c in self.cast.values()))

    def mentions(self, name: str) -> int:
        return len(re.findall(r"\b" + re.escape(strip_possessive(name)) + r"\b", self.text))

    def personhood(self, name: str) -> int:
        """How much the review treats a name as a real person's rather than a character's:
        people come back by surname ("Jackson"), characters by first name ("Ordell")."""
        words = strip_possessive(name).split()
        if len(words) < 2:
            return 0
        by_surname = len(re.findall(rf"(?<!{re.escape(words[-2])} )\b{re.escape(words[-1])}\b", self.text))
        by_first = len(re.findall(rf"\b{re.escape(words[0])}\b(?! {re.escape(words[1])})", self.text))
        return by_surname - by_first

    def roles_of(self, person: str) -> set[str]:
        return {c.role for c in self.credits.values() if c.person == person}

    # -- recording facts --
    def work(self, title: str, kind: str, ev: Evidence, year: int | None = None) -> Work:
        key = (norm(title), medium(kind))
        work = self.works.get(key)
        if work is None:
            work = self.works[key] = Work(title, kind, year, ev)
        else:
            if work.kind == "book" and kind != "book":
                work.kind = kind
            if year and not work.year:
                work.year = year
        return work

    def work_like(self, title: str, medium_of: str, ev: Evidence) -> Work:
        """The work of that title in the page or screen medium."""
        if medium_of == "page":
            reviewed = self.reviewed_page
            kind = reviewed.kind if reviewed and norm(reviewed.title) == norm(title) else "book"
        else:
            reviewed = self.reviewed_screen
            kind = reviewed.kind if reviewed and norm(reviewed.title) == norm(title) else "film"
        return self.work(title, kind, ev)

    def adapt(self, adaptation: Work, source: Work, ev: Evidence) -> None:
        key = (norm(adaptation.title), medium(adaptation.kind), norm(source.title), medium(source.kind))
        self.adaptations.setdefault(key, Adaptation(adaptation, source, ev))

    def credit(self, person: str, role: str, work: Work, ev: Evidence) -> None:
        key = (norm(person), role, norm(work.title), medium(work.kind))
        self.credits.setdefault(key, Credit(person, role, work, ev))
        self.know(person)

    def cast_member(self, actor: str, character: str | None, work: Work, ev: Evidence) -> None:
        if character:
            self.cast.pop((norm(actor), None, norm(work.title)), None)
        elif any(k[0] == norm(actor) and k[2] == norm(work.title) for k in self.cast):
            return
        key = (norm(actor), norm(character) if character else None, norm(work.title))
        self.cast.setdefault(key, Cast(actor, character, work, ev))
        self.know(actor)
        if character:
            self.characters.add(norm(character))


def _evidence(sent: Sentence, rule_name: str, confidence: float = 0.9) -> Evidence:
    return Evidence(sent.text, sent.offset, sent.offset + len(sent.text), rule_name, confidence)


def _anchor(b: Builder, sent: Sentence, before: int, ev: Evidence, want: str) -> Work | None:
    """The work a trigger at `before` speaks of: the nearest title or 'the film' before it.
    "Wright's film" is the reviewed one only where no title comes before it: after one
    ("W became X's film, written by Y") it describes that title."""
    best = None
    # An owner ("Autumn de Wilde's Emma") is no title, whether or not the tagger knows the name.
    for m in re.finditer(r"⟨(\d+)⟩(?![" + APOSTROPHES + r"]s\s+(?:(?:\w+\s+)?(?:" + KIND_RE + r"|script|screenplay)\b|⟨))"
                         r"|(?:\b(?:the|this|that|its)|(?P<owner>⟨\d+⟩[" + APOSTROPHES + r"]s))\s+(?:\w+\s+)?(?P<kind>" + KIND_RE
                         + r"|script|screenplay)\b", sent.template[:before], re.I):
        if m.group("owner") and best is not None and best[0] == "title":
            continue
        if m.group(1) is not None:
            title = b.title_of(sent.mention(int(m.group(1))))
            modifier = re.match(rf"\s+({KIND_RE})\b", sent.template[m.end():before], re.I)
            if modifier and not b.is_title(sent.mention(int(m.group(1)))):
                best = ("kind", modifier.group(1).lower(), m)  # "the BBC serial": BBC says whose, not which
            elif title and not b.is_character(sent.mention(int(m.group(1)))):
                best = ("title", title, m)
        else:
            best = ("kind", m.group("kind").lower(), m)
    if best is None:
        return None
    what, value, m = best
    if what == "title":
        between = sent.template[m.end():before]
        k = re.search(rf"\b({KIND_RE})\b", between, re.I)
        if k:
            return b.work(value, KIND_WORDS[k.group(1).lower()], ev)
        known = [w for key, w in b.works.items() if key[0] == norm(value)]
        if len(known) == 1 and medium(known[0].kind) != want and b.reviewed_page is not known[0]:
            return known[0]  # a film named just before as one: "W (2017), directed by X and written by Y"
        return b.work_like(value, want, ev)
    return _reviewed_of_kind(b, "film" if value in ("script", "screenplay") else KIND_WORDS[value], ev)


def _reviewed_of_kind(b: Builder, kind: str, ev: Evidence) -> Work | None:
    """The reviewed work a kind word ("the film", "Wright's film") speaks of."""
    reviewed = b.reviewed_page if medium(kind) == "page" else b.reviewed_screen
    if reviewed is not None and medium(kind) != medium(reviewed.kind):
        return b.work(reviewed.title, kind, ev)  # "the serial" in a review of a novel and its film
    return reviewed


def _negated(sent: Sentence, start: int, end: int | None = None) -> bool:
    """A denial or hedge in the same clause up to 40 characters before `start`, or between
    `start` and `end` ("for anyone who doesn't know: X is a novel by Y" denies nothing)."""
    before = re.split(r"[,;:—–(]", sent.template[max(0, start - 40):start])[-1]
    return bool(NEGATION.search(before + sent.template[start:end if end is not None else start]))


def _named_before(b: Builder, sent: Sentence, pos: int, prefer: set[str] = frozenset()) -> str | None:
    """The last real person the sentence names before `pos`, or the last of them in `prefer`."""
    # A full name the tagger knows counts before any fact makes it real: in "Scorsese directed it,
    # and he wrote the screenplay", "he" is read before "directed it" is.
    named = [b.person(sent.mention(i)) for i in slots(sent.template[:pos])
             if b.is_real(sent.mention(i)) or (b.person(sent.mention(i)) and not b.is_character(sent.mention(i))
                                               and norm(sent.mention(i)) in b.full_names)]
    return next((p for p in reversed(named) if p in prefer), named[-1] if named else None)


def _person_before(b: Builder, sent: Sentence, pos: int) -> str | None:
    """Whom 'he' or 'her' at `pos` most likely means: the last full name before it."""
    return _named_before(b, sent, pos) or b.last_person


def _owner_before(b: Builder, sent: Sentence, pos: int) -> str | None:
    """Whose book "his novel" at `pos` is: someone named before it in the sentence (an author
    among them first: in "X and Y filmed her novel" it is the novelist's), else the review's one
    author, else the last person named."""
    authors = {c.person for c in b.credits.values() if c.role == "author"}
    return _named_before(b, sent, pos, authors) or (next(iter(authors)) if len(authors) == 1 else b.last_person)


def _a_film_year(b: Builder, person: str, title: str, media: set[str], dated: re.Match) -> bool:
    """Whether "X's W (1940)" dates a film. Yes where the book of W has another year; where
    a film of W has another year and the book's is unknown, "X's Dune (1965)" may be the book
    as well as another film, so no; where W is known as a book and as a film, with nothing
    else to go by, no ("Collins's The Hunger Games (2008)"); else yes, on the second reading,
    once the first has told who directed the film and who wrote the book (see `foreseen`)."""
    year = int(re.search(r"\d{4}", dated.group()).group())
    same = [w for key, w in b.works.items() if key[0] == norm(title) and w.year]
    if any(medium(w.kind) == "page" for w in same):
        return all(w.year != year for w in same if medium(w.kind) == "page")
    if any(w.year != year for w in same):
        return False
    if b.foreseen.get((norm(title), "author"), set()) - {person}:
        return True  # someone else wrote the book: "Spielberg's Minority Report (2002), from Dick's story"
    return not b.first_reading and not ("page" in media and len(media) > 1)


def _says_kind(t: str, m: re.Match) -> bool:
    """Whether a TITLE_IS_KIND match calls the title a work: not "C, is the film's secret weapon",
    and, in a bare apposition, only where the kind word ends its phrase ("W, the film, ..."), not
    "whose real name, June, the show reveals"."""
    after = t[m.end():]
    if re.match(r"[" + APOSTROPHES + r"]s\b", after):
        return False
    bare = re.match(r"⟨\d+⟩,\s+(?:a|an|the|his|her|their)\b", m.group())
    return not bare or bool(re.match(r"\s*(?:[,.;:()!?]|$)|\s+(?:of|by|from|that|which|about|in|starring|written|"
                                     r"directed|adapted|based|⟨)", after))


def _kind(m: re.Match, group: str = "kind") -> str | None:
    word = m.groupdict().get(group)
    # A bare "story" is a kind only where a rule names a source with it ("from X's story S").
    return KIND_WORDS.get(word.lower().strip(), "short_story") if word else None


def _screen(b: Builder, work: Work | None, ev: Evidence) -> Work | None:
    if work is not None and medium(work.kind) == "page":
        return b.work_like(work.title, "screen", ev)
    return work


def apply_rules(b: Builder, sent: Sentence) -> None:
    t = sent.template
    used: set[int] = set()  # slots already given a creator role in this sentence

    def titles(group: str | None) -> list[str]:
        found = [b.slot_title(sent.mention(i)) for i in slots(group or "")]
        return [x for x in found if x]

    def credit_all(group: str, role: str, work: Work | None, name: str, conf: float = 0.9) -> None:
        if work is None:
            return
        ev = _evidence(sent, name, conf)
        for i in slots(group):
            person = b.person(sent.mention(i), loose=True)
            if person:
                b.credit(person, role, work, ev)
                used.add(i)

    def credit_subject(m: re.Match, role: str, work: Work | None, name: str) -> None:
        if m.group("pron"):
            person = _person_before(b, sent, m.start())
            if person and work is not None:
                b.credit(person, role, work, _evidence(sent, name + "-pronoun", 0.6))
        else:
            credit_all(m.group("p"), role, work, name)

    def film_from_source(m: re.Match, name: str) -> None:
        """A film (slot f, with director p) adapting a differently titled source (slot s, author o)."""
        groups = m.groupdict()
        film_title = b.slot_title(sent.mention(int(groups.get("f") or groups["w"])))
        # "Out of Sight (1998), Soderbergh's film of Leonard's novel": the novel has the film's title
        source_title = b.slot_title(sent.mention(int(m.group("s")))) if m.group("s") else (
            film_title if groups.get("k1") else None)
        if not film_title or not source_title or _negated(sent, m.start()):
            return
        ev = _evidence(sent, name, 0.8)
        year = groups.get("year") or groups.get("year2")
        source = b.work(source_title, _kind(m, "k1") or _kind(m) or _kind(m, "kind2") or "book", ev,
                        int(year) if year else None)
        film = b.work(film_title, _kind(m, "k2"), ev) if groups.get("k2") else b.work_like(film_title, "screen", ev)
        b.adapt(film, source, ev)
        if groups.get("p"):
            credit_all(f"⟨{m.group('p')}⟩", "director", film, name, 0.8)
        owner = groups.get("o") or groups.get("o2")
        if owner:
            credit_all(f"⟨{owner}⟩", "author", source, name, 0.8)

    if sent.is_line and credit_line(b, sent, credit_all):
        return

    # Creators. The most specific phrasing claims a name first, so that in
    # "the script was adapted from the novel by X" X is the screenwriter only.
    for m in WRITTEN_DIRECTED.finditer(t):
        if _negated(sent, m.start()):
            continue
        ev = _evidence(sent, "written-and-directed-by")
        work = _screen(b, _anchor(b, sent, m.start(), ev, "screen") or b.reviewed_screen, ev)
        credit_all(m.group("p"), "screenwriter", work, "written-and-directed-by")
        credit_all(m.group("p"), "director", work, "written-and-directed-by")
    for m in DIRECTED.finditer(t):
        if _negated(sent, m.start()) or set(slots(m.group("p"))) & used:
            continue
        ev = _evidence(sent, "directed-by")
        listed = re.search(r"((?:⟨\d+⟩(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+))*⟨\d+⟩)\s*,?\s*$", t[:m.start()])
        if m.group("both") and listed:
            for title in titles(listed.group(1)):
                credit_all(m.group("p"), "director", b.work_like(title, "screen", ev), "directed-by")
            continue
        anchor = _anchor(b, sent, m.start(), ev, "screen") or b.reviewed_screen
        work = _screen(b, anchor, ev)
        if anchor is not None and work is not anchor and medium(anchor.kind) == "page":
            b.adapt(work, anchor, ev)  # "The Road, McCarthy's next novel, was filmed by John Hillcoat"
        credit_all(m.group("p"), "director", work, "directed-by")
    for m in VERSION_BY.finditer(t):
        if _negated(sent, m.start()) or set(slots(m.group("p"))) & used:
            continue
        ev = _evidence(sent, "version-by", 0.8)
        credit_all(m.group("p"), "director", _screen(b, _anchor(b, sent, m.start(), ev, "screen") or b.reviewed_screen, ev),
                   "version-by", 0.8)
    for m in PRESENT_CREDIT.finditer(t):
        if _negated(sent, m.start()) or b.reviewed_screen is None:
            continue
        role = "director" if m.group("verb").lower() == "directs" else "screenwriter"
        credit_all(m.group("p"), role, b.reviewed_screen, "present-credit", 0.8)
        if m.group("own") and b.reviewed_page is not None:
            ev = _evidence(sent, "present-credit")
            if m.group("year"):
                b.work(b.reviewed_page.title, b.reviewed_page.kind, ev, int(m.group("year")))
            credit_all(m.group("p"), "author", b.reviewed_page, "present-credit", 0.8)
    for pattern, role, name in ((ADAPTED_OWN, "screenwriter", "adapted-own"), (CO_WRITING, "screenwriter", "co-writing"),
                                (EPISODES, "director", "directed-episodes"), (SCRIPT_CREDIT, "screenwriter", "script-credit")):
        for m in pattern.finditer(t):
            if not _negated(sent, m.start()) and b.reviewed_screen is not None:
                credit_all(m.group("p") + "".join(f"⟨{m.group(g)}⟩" for g in ("q", "subject") if m.groupdict().get(g)),
                           role, b.reviewed_screen, name, 0.8)
                subject = _person_before(b, sent, m.start()) if m.groupdict().get("pron") else None
                if subject:  # "Gary Ross directed the film, and he co-wrote the screenplay with Collins"
                    b.credit(subject, role, b.reviewed_screen, _evidence(sent, name + "-pronoun", 0.6))
    for pattern, name in ((SCRIPT_BY, "script-by"), (ADAPTED_FROM_BY, "adapted-from-by"), (ADAPTED_BY, "adapted-by")):
        for m in pattern.finditer(t):
            if _negated(sent, m.start()) or set(slots(m.group("p"))) & used:
                continue
            ev = _evidence(sent, name)
            work = _screen(b, _anchor(b, sent, m.start(), ev, "screen") or b.reviewed_screen, ev)
            credit_all(m.group("p"), "screenwriter", work, name)
    for m in WRITTEN_BY.finditer(t):
        if _negated(sent, m.start()) or set(slots(m.group("p"))) & used:
            continue
        on_film_line = re.match(rf"^\W*(?:{SCREEN_RE})\s*:", t, re.I)  # "Film: W (2005), directed by X, written by Y"
        work = _anchor(b, sent, m.start(), _evidence(sent, "written-by"), "screen" if on_film_line else "page")
        if work is not None:
            role = "author" if medium(work.kind) == "page" else "screenwriter"
            credit_all(m.group("p") + (f"⟨{m.group('q')}⟩" if m.group("q") else ""), role, work, "written-by")
    for m in KIND_BY.finditer(t):
        if _negated(sent, m.start()) or set(slots(m.group("p"))) & used:
            continue
        kind = KIND_WORDS[m.group("kind").lower()]
        ev = _evidence(sent, "kind-by")
        before = re.search(r"⟨(\d+)⟩[^⟨]*$", t[:m.start()])
        title = (b.title_of(sent.mention(int(before.group(1))))
                 if before and len(t[before.end(1):m.start()]) < 30 else None)
        work = b.work(title, kind, ev) if title else b.reviewed_page
        if work is not None and medium(work.kind) == "page":
            credit_all(m.group("p"), "author", work, "kind-by")
    for m in ADAPTATION_OF.finditer(t):
        if _negated(sent, m.start()):
            continue
        ev = _evidence(sent, "adaptation-of")
        if m.group("w") is not None:
            title = b.slot_title(sent.mention(int(m.group("w"))))
            if not title:
                continue
            source = b.work(title, _kind(m) or "book", ev)
            film = b.work(title, "film", ev)
        elif m.group("kind") and b.reviewed_page is not None:
            # "X's film version of Y's 1977 novel": the reviewed pair itself.
            source, film = b.reviewed_page, b.reviewed_screen
        else:
            continue
        if m.group("year"):
            b.work(source.title, source.kind, ev, int(m.group("year")))
        b.adapt(film, source, ev)
        credit_all(f"⟨{m.group('p')}⟩", "director", film, "adaptation-of")
        if m.group("o"):
            credit_all(f"⟨{m.group('o')}⟩", "author", source, "adaptation-of")
    for m in APPOSITION_ADAPTATION.finditer(t):
        title = b.slot_title(sent.mention(int(m.group("w"))))
        if not title or _negated(sent, m.start()):
            continue
        ev = _evidence(sent, "apposition-adaptation", 0.8)
        screen = "tv_series" if (m.group("k2") or "").lower() in ("television", "tv") else _kind(m, "k2") or "film"
        source, adaptation = b.work(title, _kind(m, "k1"), ev), b.work(title, screen, ev)
        b.adapt(adaptation, source, ev)
        credit_all(f"⟨{m.group('o')}⟩", "author", source, "apposition-adaptation", 0.8)
    for m in WHICH_SPLIT.finditer(t):
        title = b.slot_title(sent.mention(int(m.group("w"))))
        if not title or _negated(sent, m.start()):
            continue
        work = b.work_like(title, "screen", _evidence(sent, "which-split"))
        writer = _person_before(b, sent, m.start("pron")) if m.group("pron") else b.person(
            sent.mention(int(m.group("p"))), loose=True)
        if writer:
            b.credit(writer, "screenwriter", work, _evidence(sent, "which-split", 0.8))
        credit_all(f"⟨{m.group('q')}⟩", "director", work, "which-split")
    for m in WHICH_ACTIVE.finditer(t):
        title = b.slot_title(sent.mention(int(m.group("w"))))
        if not title or _negated(sent, m.start("verbs")):
            continue
        verbs = m.group("verbs").lower()
        ev = _evidence(sent, "which-active")
        p = f"⟨{m.group('p')}⟩"
        if verbs == "wrote":
            credit_all(p, "author", b.work_like(title, "page", ev), "which-active")
            continue
        work = b.work_like(title, "screen", ev)
        if "wrote" in verbs or "adapted" in verbs:
            credit_all(p, "screenwriter", work, "which-active")
        if "directed" in verbs or verbs == "filmed":
            credit_all(p, "director", work, "which-active")
    for m in ACTIVE.finditer(t):
        if _negated(sent, m.start("verbs")):
            continue
        verbs = m.group("verbs").lower()
        ev = _evidence(sent, "active")
        # "X wrote W, and Y directed it": what gets directed is a film.
        screenish = any(v in verbs for v in ("direct", "script", "screenplay", "adapted", "made")) or bool(
            re.search(r"\bdirected\s+it\b", t[m.end("verbs"):]))
        if m.group("film"):
            works = [b.reviewed_screen]
        elif m.group("s") is not None:
            title = b.slot_title(sent.mention(int(m.group("s"))))
            if not title:
                continue
            source = b.work(title, _kind(m, "src") or "book", ev)
            film = b.work(title, "film", ev)
            b.adapt(film, source, ev)
            works = [film]
            if m.group("o") is not None:
                credit_all(f"⟨{m.group('o')}⟩", "author", source, "active-owner")
            elif re.search(rf"\b(?:his|her)\s+(?:(?:{PAGE_RE})\s+)?$", t[:m.start("s")]) and (
                    m.group("pron") or len(slots(m.group("p"))) == 1):
                # "her novel" is the subject's own only when there is one subject to be "her".
                owner = _person_before(b, sent, m.start("s")) if m.group("pron") else b.person(
                    sent.mention(slots(m.group("p"))[0]))
                if owner:
                    b.credit(owner, "author", source, _evidence(sent, "active-owner", 0.6))
            screenish = True
        elif (role := re.match(r"\s+as\s+⟨(\d+)⟩", t[m.end():])) and len(slots(m.group("w"))) == 1 and (
                actor := sent.mention(slots(m.group("w"))[0])) and b.person(actor) and not (
                b.is_title(actor) or b.is_title(sent.mention(int(role.group(1))))):
            # "Cukor directed Katharine Hepburn as Jo": an actor and a role in the film at hand
            if "direct" not in verbs:
                continue
            works = [_anchor(b, sent, m.start(), ev, "screen") or b.reviewed_screen]
        else:
            kind = "tv_series" if m.group("season") else _kind(m)
            names = titles(m.group("w"))
            if not names and re.search(r"\bfor$", verbs):
                names = [x.title for x in [_anchor(b, sent, m.start(), ev, "screen") or b.reviewed_screen] if x]
                kind = kind or "film"  # "Itō wrote the script for Oshii": the film at hand, for its director
            if not names:
                continue
            if kind:
                works = [b.work(x, kind, ev) for x in names]
            else:
                works = [b.work_like(x, "screen" if screenish else "page", ev) for x in names]
        for work in works:
            if work is None:
                continue
            if medium(work.kind) == "page":
                credit_subject(m, "author", work, "active")
                continue
            if any(v in verbs for v in ("wrote", "write", "adapted", "scripted")):
                credit_subject(m, "screenwriter", work, "active")
            if "direct" in verbs or verbs == "made":
                credit_subject(m, "director", work, "active")
    for m in REMADE_AS.finditer(t):
        title = b.slot_title(sent.mention(int(m.group("f"))))
        if not title or _negated(sent, m.start("verbs")):
            continue
        ev = _evidence(sent, "remade-as", 0.8)
        remake = b.work(title, "film", ev)
        if b.reviewed_page is not None:
            b.adapt(remake, b.reviewed_page, ev)  # a remake of the film adapts the film's source
        credit_subject(m, "director", remake, "remade-as")
    for m in ACTIVE_IT.finditer(t):
        earlier = [x for x in titles(t[:m.start("verbs")]) if not b.person(x)]
        it = earlier[-1] if earlier else b.last_title
        if _negated(sent, m.start("verbs")) or it is None:
            continue
        verbs = m.group("verbs").lower()
        ev = _evidence(sent, "active-it", 0.7)
        book = b.works.get((norm(it), "page"))
        work = b.work_like(it, "screen", ev)
        if book is not None and verbs != "wrote":
            b.adapt(work, book, ev)  # "Rupert Vale's novel ... When Ann Lowe filmed it"
        if "wrote" in verbs or "adapted" in verbs:
            credit_subject(m, "screenwriter", work, "active-it")
        if "directed" in verbs or verbs == "filmed":
            credit_subject(m, "director", work, "active-it")
    for m in WHO_ACTIVE.finditer(t):
        verbs = m.group("verbs").lower()
        ev = _evidence(sent, "who-active")
        for title in titles(m.group("w")):
            work = b.work_like(title, "screen", ev)
            if "scripted" in verbs or "wrote" in verbs:
                credit_all(f"⟨{m.group('p')}⟩", "screenwriter", work, "who-active")
            if "directed" in verbs or verbs == "made":
                credit_all(f"⟨{m.group('p')}⟩", "director", work, "who-active")
    for m in WHO_WROTE_IT.finditer(t):
        ev = _evidence(sent, "who-wrote-it", 0.8)
        work = _anchor(b, sent, m.start(), ev, "screen")  # "The film was directed by X, who wrote it with Y"
        if not _negated(sent, m.start()) and work is not None and medium(work.kind) != "page":
            credit_all(f"⟨{m.group('p')}⟩" + m.group("q"), "screenwriter", work, "who-wrote-it", 0.8)
    for m in (*WHOSE_WORKS.finditer(t), *OTHER_WORKS.finditer(t)):
        word = m.group("kind").lower().rstrip("s")
        kind = KIND_WORDS.get(word, "film")
        ev = _evidence(sent, "whose-works", 0.8)
        for title in titles(m.group("w")):
            work = b.work(title, kind, ev)
            credit_all(f"⟨{m.group('p')}⟩", "author" if medium(kind) == "page" else "director", work, "whose-works", 0.8)
    for m in PERSON_KIND_TITLE.finditer(t):
        person = b.person(sent.mention(int(m.group("p"))))
        title = b.slot_title(sent.mention(int(m.group("w"))))
        if person and title:
            kind = KIND_WORDS[m.group("kind").lower()]
            work = b.work(title, kind, _evidence(sent, "person-kind-title"))
            role = "author" if medium(kind) == "page" else "director"
            credit_all(f"⟨{m.group('p')}⟩", role, work, "person-kind-title")
    for m in TITLE_IS_POSSESSIVE.finditer(t):
        title = b.slot_title(sent.mention(int(m.group("w"))))
        if title and not _negated(sent, m.start()):
            kind = _kind(m)
            work = b.work(title, kind, _evidence(sent, "title-is-possessive"))
            role = "author" if medium(kind) == "page" else "director"
            credit_all(f"⟨{m.group('p')}⟩", role, work, "title-is-possessive")
    for m in BECAME.finditer(t):
        title = b.slot_title(sent.mention(int(m.group("w"))))
        if not title or _negated(sent, m.start()):
            continue
        ev = _evidence(sent, "became", 0.8)
        source = b.work(title, _kind(m, "k1") or _kind(m, "k0") or "book", ev,
                        int(m.group("y1")) if m.group("y1") else None)
        year = m.group("y2") or m.group("y3") or (re.match(r"\s+in\s+(\d{4})\b", t[m.end():]) or [None, None])[1]
        film = b.work(title, _kind(m, "k2") or _kind(m, "k3") or "film", ev, int(year) if year else None)
        b.adapt(film, source, ev)
        if m.group("p"):
            credit_all(f"⟨{m.group('p')}⟩", "director", film, "became", 0.8)
        if m.group("o"):
            credit_all(f"⟨{m.group('o')}⟩", "author", source, "became", 0.8)
        if (m.group("owner") or m.group("owner0") or "").strip().lower() in ("his", "her", "their"):
            owner = _owner_before(b, sent, m.start())
            if owner:
                b.credit(owner, "author", source, _evidence(sent, "became-owner", 0.6))
    for m in POSSESSIVE.finditer(t):
        if int(m.group("p")) in used or _negated(sent, m.start()) or re.search(r"\bthe\s+$", t[:m.start()], re.I) or \
                re.match(r"the\s", sent.mention(int(m.group("p"))), re.I):
            continue  # "the Wachowskis' script": a family, each named elsewhere
        if m.group("w") is None and re.search(r"⟨\d+⟩(?:\s*\(\d{4}\))?,\s+$", t[:m.start()]):
            continue  # "W, X's novel" describes W, not the reviewed work: apposition-possessive reads it
        ev = _evidence(sent, "possessive", 0.8)
        word = m.group("kind").lower()
        kind = KIND_WORDS.get(word) or (b.reviewed_screen.kind if b.reviewed_screen else "film")
        role = "screenwriter" if word in ("script", "screenplay") else (
            "author" if medium(kind) == "page" else "director")
        if m.group("w") is not None:
            title = b.slot_title(sent.mention(int(m.group("w"))))
            work = b.work(title, kind, ev) if title else None
        else:
            work = _reviewed_of_kind(b, kind, ev)
            # "Liane Moriarty's novel" in a review of Wild is another novel: the reviewed work
            # takes a possessive author (or director) only while it has none, or the same one;
            # a screenplay may have several writers.
            person = b.person(sent.mention(int(m.group("p"))))
            if work is not None and role != "screenwriter" and any(
                    c.role == role and c.work is work and c.person != person
                    for c in list(b.credits.values())[b.section_credits:]):
                work = None
        if work is None:
            continue
        credit_all(f"⟨{m.group('p')}⟩", role, work, "possessive", 0.8)
    for m in APPOSITION_POSSESSIVE.finditer(t):
        title = b.slot_title(sent.mention(int(m.group("w"))))
        if not title or _negated(sent, m.start()):
            continue
        if m.group("t") is not None and not b.is_real(sent.mention(int(m.group("t")))):
            start = sent.mentions[int(m.group("t"))].start
            title = sent.text[start:sent.mentions[int(m.group("w"))].end]
            b.last_title = title
        ev = _evidence(sent, "apposition-possessive")
        made = []
        for who, kind_group, year_group in (("p", "kind", "y1"), ("q", "k2", "y2")):
            if m.group(who) is None:
                continue
            kind = _kind(m, kind_group)
            work = b.work(title, kind, ev, int(m.group(year_group)) if m.group(year_group) else None)
            credit_all(f"⟨{m.group(who)}⟩", "author" if medium(kind) == "page" else "director",
                       work, "apposition-possessive")
            made.append(work)
        if len(made) == 2 and medium(made[0].kind) != medium(made[1].kind):
            page, screen = sorted(made, key=lambda w: medium(w.kind) != "page")
            b.adapt(screen, page, ev)
    for m in APPOSITION_FILM_OF.finditer(t):
        film_from_source(m, "apposition-film-of")
    for m in FILMED_IN.finditer(t):
        if _negated(sent, m.start()):
            continue
        ev = _evidence(sent, "filmed-in", 0.8)
        for owner, slot, kind in (("o", "w", "kind"), ("o2", "w2", "kind2")):
            title = b.slot_title(sent.mention(int(m.group(slot)))) if m.group(slot) else None
            if title:
                source, film = b.work(title, _kind(m, kind) or _kind(m), ev), b.work_like(title, "screen", ev)
                b.adapt(film, source, ev)
                credit_all(f"⟨{m.group(owner)}⟩", "author", source, "filmed-in", 0.8)
                credit_all(f"⟨{m.group('p')}⟩", "director", film, "filmed-in", 0.8)
    for m in WHO_FOR.finditer(t):
        title = b.slot_title(sent.mention(int(m.group("w"))))
        if not title:
            continue
        verbs = m.group("verbs").lower()
        work = b.work_like(title, "screen", _evidence(sent, "who-for"))
        credit_all(f"⟨{m.group('p')}⟩", "director" if verbs == "directing" else "screenwriter", work, "who-for")
    for m in BASED_ON.finditer(t):
        film_from_source(m, "based-on")
    for m in FILMED_AS.finditer(t):
        film_from_source(m, "filmed-as")
    for pattern, name in ((FILM_OF, "film-of"), (GOT_A_FILM, "got-a-film")):
        for m in pattern.finditer(t):
            title = b.slot_title(sent.mention(int(m.group("w"))))
            if not title or _negated(sent, m.start()):
                continue
            ev = _evidence(sent, name, 0.8)
            known_page = (norm(title), "page") in b.works
            source = b.work(title, _kind(m, "k1") or (b.works[(norm(title), "page")].kind if known_page else "book"), ev)
            film = b.work(title, _kind(m, "k2"), ev)
            b.adapt(film, source, ev)
            if m.groupdict().get("o"):
                credit_all(f"⟨{m.group('o')}⟩", "author", source, name)

    # Works named with their kind.
    for pattern, name in ((KIND_TITLE, "kind-title"), (TITLE_IS_KIND, "title-is-kind"),
                          (TITLE_PAREN_KIND, "title-kind")):
        for m in pattern.finditer(t):
            title = b.slot_title(sent.mention(int(m.group("w"))))
            if not title or b.is_character(title) or name == "title-is-kind" and not _says_kind(t, m):
                continue
            year = m.groupdict().get("year")
            work = b.work(title, _kind(m), _evidence(sent, name), int(year) if year else None)
            if m.groupdict().get("owner") and medium(work.kind) == "page":
                owner = _owner_before(b, sent, m.start())
                if owner:
                    b.credit(owner, "author", work, _evidence(sent, name + "-owner", 0.6))
    for m in POSSESSIVE_TITLE.finditer(t):
        dated = re.match(r"\s*\(\d{4}\)", t[m.end():])  # "Paul Verhoeven's Total Recall (1990)"
        kinded = re.search(rf"\b(?:{KIND_RE})s?\b", t[max(0, m.start() - 60):m.start()], re.I)
        title = b.slot_title(sent.mention(int(m.group("w"))))
        known = title is not None and any(key[0] == norm(title) for key in b.works)  # "Cormac McCarthy's The Road"
        person = b.person(sent.mention(int(m.group("p"))), loose=bool(dated or kinded or known))
        published = re.match(r"\s+(?:came\s+out|was\s+(?:first\s+)?published|appeared\s+in\s+print)\b", t[m.end():])
        adapted = re.search(r"\b(?:adaptation|version|film|movie)\s+of\s+$", t[:m.start()], re.I)  # "... of du Maurier's Rebecca"
        described = not published and re.match(rf"\s+(?:is|was)\b(?![^.;]{{0,40}}\b(?:{KIND_RE})\b)", t[m.end():], re.I)
        if not person or not title or int(m.group("p")) in used or described:
            continue  # "Dick's Rick Deckard is a bounty hunter", "Groom's Forrest is huge": characters
        # "X's W" is X's book or film: known from X's other credits, else from the one
        # medium the sentence speaks of ("graphic novels ... Spiegelman's Maus").
        roles = b.roles_of(person)
        ev = _evidence(sent, "possessive-title", 0.7)
        near = t[max(0, m.start() - 60):m.start()]
        if published:
            near += " book"  # "J.K. Rowling's Harry Potter and the Philosopher's Stone came out in 1997"
        kinds = set() if b.is_real(person) else {
            medium(KIND_WORDS[k.lower()]) for k in re.findall(rf"\b({KIND_RE})s?\b", near, re.I)}
        media = {key[1] for key in b.works if key[0] == norm(title)}
        if media in ({"page"}, {"film"}, {"tv_series"}):
            kinds = {"page"} if media == {"page"} else {"film"}
            dated = None
        # "X's W: A Subtitle (2003) is a business book": what the sentence calls it decides.
        called = re.match(rf"(?::\s*⟨\d+⟩)?(?:\s*\(\d{{4}}(?:[-–]\d{{2,4}})?\))?\s+(?:is|was)\s+(?:an?|the)\s+(?:[\w-]+\s+){{0,2}}?({KIND_RE})\b",
                          t[m.end():], re.I)
        if called or adapted:
            kinds, dated = {medium(KIND_WORDS[called.group(1).lower()]) if called else "page"}, None
        elif len(kinds) != 1 and len(media) > 1:  # the sentence names no kind, or both
            # "Villeneuve's Dune covers only half of the book": set against one version, it is the other.
            against = {medium(KIND_WORDS[k.lower()]) != "page"
                       for k in re.findall(rf"(?<!is )(?<!was )\b(?:the|its)\s+({KIND_RE})\b", t[m.end():], re.I)}
            if len(against) == 1:
                kinds = {"page"} if against.pop() else {"film"}
            elif not roles:
                # "Yann Martel's Life of Pi" where the review says elsewhere that Ang Lee directed
                # the film (and no one wrote the book): Martel's is the book; where someone else
                # wrote the book, X's is a film.
                directors = b.foreseen.get((norm(title), "director"), set()) - {person}
                authors = b.foreseen.get((norm(title), "author"), set()) - {person}
                if directors and not authors:
                    kinds, dated = {"page"}, None
                elif authors:  # someone else wrote the book: "Hitchcock's Rebecca" is a film
                    kinds = {"film"}
        # "Alan Moore and Dave Gibbons's Watchmen": the work of both
        partner = re.search(r"⟨(\d+)⟩\s+(?:and|&)\s+$", t[:m.start()])
        owners = [person] + [p for p in [partner and b.person(sent.mention(int(partner.group(1))), loose=True)] if p]
        if "author" in roles or (kinds == {"page"} and not dated):
            for owner in owners:
                b.credit(owner, "author", b.work_like(title, "page", ev), ev)
        elif "director" in roles or kinds == {"film"} or (dated and not roles and _a_film_year(b, person, title, media, dated)):
            for owner in owners:
                b.credit(owner, "director", b.work_like(title, "screen", ev), ev)
    for m in TITLE_YEAR.finditer(t):
        title = b.slot_title(sent.mention(int(m.group("w"))))
        same = [w for w in b.works.values() if title and norm(w.title) == norm(title)]
        # A year one of them has already says nothing new ("Dune (2021)" under a headline that dated the film).
        if not any(w.year == int(m.group("year")) for w in same):
            for work in same:
                if not work.year:
                    work.year = int(m.group("year"))
                    break
    for pattern, name in ((BOTH_CALLED, "book-and-film-called"), (ALSO_A, "also-a")):
        for m in pattern.finditer(t):
            title = b.slot_title(sent.mention(int(m.group("w"))))
            k1, k2 = _kind(m, "k1"), _kind(m, "k2")
            if not title or medium(k1) == medium(k2):
                continue
            ev = _evidence(sent, name, 0.8)
            page, screen = (k1, k2) if medium(k1) == "page" else (k2, k1)
            source, adaptation = b.work(title, page, ev), b.work(title, screen, ev)
            b.adapt(adaptation, source, ev)
            if m.groupdict().get("owner"):
                owner = _owner_before(b, sent, m.start())
                if owner:
                    b.credit(owner, "author", source, _evidence(sent, name + "-owner", 0.6))
    for pattern, name in ((SEEN_IN, "films-like"), (ROLE_IN, "role-in"), (AWARD_FOR, "award-for")):
        for m in pattern.finditer(t):
            title = b.slot_title(sent.mention(int(m.group("w"))))
            if pattern is ROLE_IN and re.search(rf"\b(?:{PAGE_RE})\b", t[:m.start()], re.I):
                continue  # "the novella W appeared in C, the collection that gave us V": print, not a role
            if title and not b.is_character(title) and not title.startswith("Best "):  # an award category
                b.work_like(title, "screen", _evidence(sent, name, 0.7))

    apply_cast_rules(b, sent)


def credit_line(b: Builder, sent: Sentence, credit_all) -> bool:
    """Title and credit lines ("Atonement by Ian McEwan (2001)", "Director: Joe Wright")."""
    t = sent.template
    ev = _evidence(sent, "credit-line")
    m = CREDIT_LINE_BY.match(t)
    if m and b.title_of(sent.mention(int(m.group("w")))):
        title = b.title_of(sent.mention(int(m.group("w"))))
        kind = _kind(m) or _kind(m, "label")
        work = b.work(title, kind, ev) if kind else b.work_like(title, "page", ev)
        if m.group("year"):
            b.work(work.title, work.kind, ev, int(m.group("year")))
        credit_all(m.group("p"), "author", work, "credit-line")
        if m.group("source") and b.reviewed_screen is not None and work is not b.reviewed_page:
            _source_is(b, work)  # "Source: Nothing Lasts Forever by Roderick Thorp (1979)"
        return True
    m = CREDIT_LINE_SCREEN.match(t)
    if m and b.title_of(sent.mention(int(m.group("w")))):
        title = b.title_of(sent.mention(int(m.group("w"))))
        kind = _kind(m) or _kind(m, "label")
        work = b.work(title, kind, ev) if kind else b.work_like(title, "screen", ev)
        year = m.group("year") or m.group("y0")
        if year:
            b.work(work.title, work.kind, ev, int(year))
        if "written" in (m.group("rel") or "").lower():
            credit_all(m.group("p"), "screenwriter", work, "credit-line")
        credit_all(m.group("p"), "director", work, "credit-line")
        return True
    m = LABELLED_WORK.match(t)
    if m and b.title_of(sent.mention(int(m.group("w")))) and (
            b.is_title(sent.mention(int(m.group("w")))) or not b.person(sent.mention(int(m.group("w"))), loose=True)):
        year = int(m.group("year")) if m.group("year") else None
        b.work(b.title_of(sent.mention(int(m.group("w")))), _kind(m, "label"), ev, year)
        return True
    m = CREDIT_BLOCK.match(t)
    if not m:
        return False
    label = m.group("label").lower()
    page, screen = b.reviewed_page, b.reviewed_screen
    if m.group("year"):
        dated = page if re.search(PAGE_RE + "|author|based", label) else screen
        if dated is not None:
            b.work(dated.title, dated.kind, ev, int(m.group("year")))
    if label.startswith("direct"):
        credit_all(m.group("p"), "director", screen, "credit-block")
    elif label.startswith(("screenplay", "script", "screenwriter", "adapted")):
        credit_all(m.group("p"), "screenwriter", screen, "credit-block")
    elif label.startswith(("starring", "cast", "stars")):
        for i in slots(m.group("p")):
            actor = b.person(sent.mention(i), loose=True)
            if actor and screen:
                b.cast_member(actor, None, screen, _evidence(sent, "credit-block"))
    elif label.startswith(("written", "writer")):
        credit_all(m.group("p"), "screenwriter" if screen else "author", screen or page, "credit-block")
    else:
        credit_all(m.group("p"), "author", page, "credit-block")
    return True


def _reviewed_verdict(b: Builder, sents: list[tuple[Sentence, bool]]) -> tuple[Work, Evidence] | None:
    return find_verdict(b, sents) if b.reviewed_page is not None else None


def _better_rated(text: str) -> re.Match | None:
    """The score of the better-rated version ("Book: 4/5 | Film: 2/5"), as a match whose one
    group is its kind word; none for a tie or unlike scales."""
    m = RATINGS.search(text)
    if not m or m.group("of1") != m.group("of2") or float(m.group("r1")) == float(m.group("r2")):
        return None
    better = "1" if float(m.group("r1")) > float(m.group("r2")) else "2"
    return re.match(rf"(?P<a>{re.escape(m.group('k' + better))})", m.group("k" + better))


def find_verdict(b: Builder, sents: list[tuple[Sentence, bool]]) -> tuple[Work, Evidence] | None:
    """The reviewer's preferred version: the last verdict sentence, one under a verdict heading first.

    `sents` pairs each sentence with whether it follows a verdict heading."""
    found = None
    asked = False  # the sentence before asked "Which is better?"
    for sent, after_heading in sents:
        after_heading, asked = after_heading or asked, bool(VERDICT_QUESTION.match(sent.text))
        label = VERDICT_LABEL.match(sent.text)
        answer = sent.text[label.end():] if label else sent.text
        after_heading = after_heading or bool(label)
        m = VERDICT.search(sent.text) or (VERDICT_ANSWER.match(answer) if after_heading else None) or (
            LABELLED_ANSWER.match(answer) if label else None) or _better_rated(sent.text)
        if m is None:
            continue
        word = next(g for g in m.groups() if g).lower()
        side = "page" if word == "story" or (word in KIND_WORDS and medium(KIND_WORDS[word]) == "page") else "screen"
        if word == "version":  # "Demme's movie is the better version": the kind is before
            side = "screen" if re.search(rf"\b(?:{SCREEN_RE})\s+is\s+the\s+better\s+version", sent.text, re.I) else "page"
        if m.groupdict().get("over") or m.groupdict().get("skip"):
            side = "screen" if side == "page" else "page"
        work = b.reviewed_page if side == "page" else b.reviewed_screen
        if work is not None and (after_heading or not (found and found[2])):
            found = (work, _evidence(sent, "verdict", 0.8), after_heading)
    return found[:2] if found else None


def apply_cast_rules(b: Builder, sent: Sentence) -> None:
    """Actor -> character facts; the film is the title named before them, else the reviewed one."""
    t = sent.template

    def film_for(pos: int) -> Work | None:
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

    def add(actor_name: str, character_name: str | None, pos: int, rule_name: str,
            loose: bool = True) -> bool:
        actor = b.person(actor_name, loose=loose)
        character = b.character(character_name) if character_name else None
        film = film_for(pos)
        if not actor or (character_name and not character) or film is None:
            return False
        b.cast_member(actor, character, film, _evidence(sent, rule_name))
        return True

    # After "plays" only an actor can come first; after a bare "as" ("won an Oscar for Black
    # Swan as ...") only a name already known as a person's counts.
    for m in WHO_PLAYED_IN.finditer(t):
        actor, other = sent.mention(int(m.group("a"))), sent.mention(int(m.group("w")))
        title = b.slot_title(other)
        if title and b.person(actor, loose=True) and b.character(sent.mention(int(m.group("c")))):
            ev = _evidence(sent, "who-played-in")
            film = b.work_like(title, "screen", ev)
            b.cast_member(b.person(actor), b.character(sent.mention(int(m.group("c")))), film, ev)
            add(actor, sent.mention(int(m.group("d"))), m.start(), "who-played-in")
    for m in ROLE_IN_WORK.finditer(t):
        title = b.slot_title(sent.mention(int(m.group("w"))))
        character = b.character(sent.mention(int(m.group("c"))))
        before = slots(t[:m.start()])
        actors = [a for a in (b.person(sent.mention(i)) for i in before) if a and not b.is_character(a)] or [
            a for a in (b.person(sent.mention(i), loose=True) for i in before) if a and not b.is_character(a)]
        if not actors and b.last_actor and re.search(r"\b(?:he|she)\s+(?:\w+\s+)?$", t[:m.start()], re.I):
            actors = [b.last_actor]  # "after he played C in W": the actor named last
        if not title or not character or not actors or _negated(sent, m.start()):
            continue
        ev = _evidence(sent, "role-in-work", 0.7)
        film = b.work_like(title, "screen", ev)
        b.cast_member(actors[0], character, film, ev)
        if m.group("p"):
            director = b.person(sent.mention(int(m.group("p"))), loose=True)
            if director:
                b.credit(director, "director", film, ev)
    claimed = {sent.mention(int(m.group("c"))) for m in (*WHO_PLAYED_IN.finditer(t), *ROLE_IN_WORK.finditer(t))}
    for m in PAIRED.finditer(t):
        roles = ([sent.mention(int(m.group("c"))), sent.mention(int(m.group("d")))] if m.group("c")
                 else sent.mention(int(m.group("e"))).split(" and "))
        if len(roles) == 2 and not _negated(sent, m.start()):
            for actor, character in zip((m.group("a"), m.group("b")), roles):
                if add(sent.mention(int(actor)), character, m.start(), "actors-play-roles"):
                    claimed.add(character)
    for pattern, name, loose in ((CAST_NAMED, "actor-plays-named", True), (CAST_APPOSITION, "actor-plays-named", True),
                                 (IN_WHICH_PLAYED, "in-which-played", False), (STARS_AS, "stars-as", True),
                                 (LIST_AS, "actor-as", True), (ROLE_GIVEN, "role-of", True),
                                 (CAST_VERB, "actor-plays", True),
                                 (POSSESSIVE_ROLE, "actor's-character", True), (POSSESSIVE_ROLE_ADJ, "actor's-character", True),
                                 (APPOSITION_AS, "actor-as", True),
                                 (CAST_VERB_FAR, "actor-plays", False), (CAST_AS, "actor-as", False),
                                 (IS_CHARACTER, "actor-is-character", True), (ROLE_OF, "role-of", False)):
        for m in pattern.finditer(t):
            character = sent.mention(int(m.group("c")))
            if _negated(sent, m.start(), m.start("c")) or character in claimed:
                continue
            # "X is C" and "X's C is" tell a role only where C reads as a character: one word or "Lord Darlington".
            # "X's C is" is an actor's role, unless the sentence is about a book ("Melville's Ahab").
            if pattern is POSSESSIVE_ROLE and (not (len(character.split()) == 1 or b.is_character(character))
                                               or b.roles_of(b.person(sent.mention(int(m.group("a")))) or "")
                                               or re.search(rf"\b(?:{PAGE_RE})\b", sent.text, re.I)):
                continue  # an author's character ("Groom's Forrest is huge") is nobody's role
            # An adjective between says less: only an actor the review already casts, never a creator.
            if pattern is POSSESSIVE_ROLE_ADJ and (b.roles_of(b.person(sent.mention(int(m.group("a")))) or "")
                                                   or not person_shaped(character) and not b.is_character(character)
                                                   or re.search(rf"\b(?:{PAGE_RE})\b", sent.text, re.I)):
                continue
            if add(sent.mention(int(m.group("a"))), character, m.start(), name, loose=loose):
                claimed.add(character)
    # After the rules above, so that "X plays C, ...; she was known from W, where she played D"
    # finds X already cast.
    for m in WHERE_PLAYED.finditer(t):
        title = b.slot_title(sent.mention(int(m.group("w"))))
        character = b.character(sent.mention(int(m.group("c"))))
        actors = [b.person(sent.mention(i)) for i in slots(t[:m.start()])
                  if any(c.actor == b.person(sent.mention(i)) for c in b.cast.values())]
        if title and character and actors and not _negated(sent, m.start()):
            ev = _evidence(sent, "where-played", 0.7)
            b.cast_member(actors[-1], character, b.work_like(title, "screen", ev), ev)
    for m in PLAYED_BY.finditer(t):
        if not _negated(sent, m.start()):
            for i in slots(m.group("a")):
                add(sent.mention(i), sent.mention(int(m.group("c"))), m.start(), "played-by")
    pair_line = PAIR_LINE.match(t) if sent.is_line else None
    for m in (PAREN.finditer(t) if pair_line is None else [pair_line]):
        x, y = sent.mention(int(m.group("x"))), sent.mention(int(m.group("y")))
        if pair_line is not None and not (b.is_real(x) or b.is_real(y)) and b.list_order:
            x_first = b.list_order > 0  # a line of a cast list goes the way most of its lines go
        else:
            x_first = _actor_first(b, x, y)
        if x_first:
            add(x, y, m.start(), "actor-(character)")
        elif b.person(y, loose=True):
            if b.is_title(x) and not b.roles_of(b.person(y, loose=True)):
                # "Jackie Brown (Pam Grier)": a character may bear the film's name
                b.cast_member(b.person(y, loose=True), x, film_for(m.start()), _evidence(sent, "character-(actor)"))
            else:
                add(y, x, m.start(), "character-(actor)")
    for m in STARRING.finditer(t):
        for i in slots(m.group("a")):
            add(sent.mention(i), None, m.start(), "starring")


def _actor_first(b: Builder, x: str, y: str) -> bool:
    """Whether "X (Y)" names the actor first. "Character (Actor)" is the usual order; "Actor
    (Character)" when only the first is a person. Where both could be people, the character is
    the one the review names more often."""
    return b.is_real(x) and not b.is_real(y) or (
        not b.is_real(y) and bool(b.person(x)) and not b.person(y)) or (
        not b.is_real(x) and not b.is_real(y) and (b.personhood(x) - b.personhood(y) or
                                                   b.mentions(y) - b.mentions(x)) > 0)


def _list_order(b: Builder, sentences: list[tuple[Sentence, bool]]) -> int:
    """Which way a review's cast-list lines name their pairs: 1 actor first, -1 character first,
    0 for no list. Each line votes by what it alone shows; the tagger knows some actors' names and
    not others', so a list read line by line would come out in both orders."""
    votes, lines = 0, 0
    for sent, _ in sentences:
        m = PAIR_LINE.match(sent.template) if sent.is_line else None
        if m:
            lines += 1
            votes += 1 if _actor_first(b, sent.mention(int(m.group("x"))), sent.mention(int(m.group("y")))) else -1
    # A tie goes to the usual order, character first.
    return 1 if votes > 0 else -1 if lines else 0


# --- the whole review -----------------------------------------------------------

def _names(doc) -> dict[str, str]:
    """Full names spaCy finds in a line: norm(name) -> name."""
    full: dict[str, str] = {}
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        name = strip_possessive(ent.text.strip())
        if not person_shaped(name):
            continue
        full.setdefault(norm(name), name)
    return full


PARTICLES = {"de", "van", "von", "der", "del", "da", "le", "la", "di", "du", "bin", "al"}


def person_shaped(name: str) -> bool:
    """Two to four capitalised words, none of them a kind or credit label: 'Tuva Novotny', 'E. M. Forster'."""
    words = name.split()
    return 2 <= len(words) <= 4 and words[0].lower() not in HONORIFICS and all(
        (w[:1].isupper() and not any(ch.isdigit() for ch in w) and w.lower() not in LABEL_WORDS)
        or w.lower() in PARTICLES for w in words) and words[-1][:1].isupper()


def merge_variants(full: dict[str, str], text: str) -> tuple[dict[str, str], list[tuple[str, str]]]:
    """Fold misspelt variants of a name into the one the review uses most ("Jodi Foster" into
    "Jodie Foster"): same initials, nearly the same letters, and only one name that close.
    Returns the names (variant keys now point to the canonical name) and (variant, canonical) pairs."""
    from rapidfuzz import fuzz

    names = sorted(set(full.values()), key=lambda n: (-text.count(n), -len(n)))
    canonical: dict[str, str] = {}
    by_initials: dict[tuple[str, ...], list[str]] = {}  # only names with the same initials are compared
    aliases = []
    for name in names:
        kept = by_initials.setdefault(tuple(w[0].lower() for w in name.split()), [])
        close = [c for c in kept if fuzz.ratio(norm(c), norm(name)) >= 88]
        if len(close) == 1:
            canonical[norm(name)] = close[0]
            aliases.append((name, close[0]))
        else:
            canonical[norm(name)] = name
            kept.append(name)
    return {**full, **canonical}, aliases


def surname_index(full: dict[str, str]) -> dict[str, str]:
    by_surname: dict[str, set[str]] = {}
    for name in full.values():
        by_surname.setdefault(norm(name.split()[-1]), set()).add(name)
    return {s: next(iter(n)) for s, n in by_surname.items() if len(n) == 1}


CREDIT_LABEL = re.compile(r"(?:^|[;·•|])\s*\W*(?:directed\s+by|directors?|screenplay|written\s+by|writers?|novel|book|"
                          r"based\s+on|source|starring|cast|author|film|music)\b", re.I)
LABELLED_LINE = re.compile(r"^\W*[A-Za-z][A-Za-z ]{1,20}:\s")
CREDIT_SEPARATOR = re.compile(r"\s*[;·•|]\s*")


def _source_by_another_title(b: Builder) -> None:
    """The headline's title names the film; where the review says the film adapts a book of
    another title ("Blade Runner ... based on Do Androids Dream of Electric Sheep?"), that book
    is the reviewed one, and the same-titled book assumed from the headline goes."""
    assumed, film = b.reviewed_page, b.reviewed_screen
    real = next((a.source for a in b.adaptations.values()
                 if a.adaptation is film and a.source is not assumed and norm(a.source.title) != norm(film.title)), None)
    if real is None and film is not None:
        # Else a book whose title holds the film's: "Rita Hayworth and Shawshank Redemption"
        holding = [w for w in b.works.values() if medium(w.kind) == "page" and w is not assumed
                   and norm(w.title) != norm(film.title) and re.search(rf"\b{re.escape(norm(film.title))}$", norm(w.title))]
        real = holding[0] if len(holding) == 1 else None
    if real is None and film is not None and not any(c.work is assumed for c in b.credits.values()):
        # Else, where nothing is said of the assumed book, the other book the headline names and
        # the review credits: 'Arrival and "Story of Your Life"', Ted Chiang's novella
        headline = norm(b.text.split("\n", 1)[0])
        credited = {id(c.work) for c in b.credits.values() if c.role == "author" and c.work is not assumed}
        others = [w for w in b.works.values() if medium(w.kind) == "page" and id(w) in credited
                  and re.search(rf"\b{re.escape(norm(w.title))}\b", headline)]
        real = others[0] if len(others) == 1 else None
    if real is not None:
        _source_is(b, real)


def _source_is(b: Builder, real: Work) -> None:
    """`real` is what the reviewed film adapts: it takes the place of the book assumed so far."""
    assumed, film = b.reviewed_page, b.reviewed_screen
    b.adapt(film, real, real.evidence)
    for key, a in list(b.adaptations.items()):
        if a.source is assumed:
            del b.adaptations[key]
    for key, c in list(b.credits.items()):
        if c.work is assumed:
            del b.credits[key]
            b.credit(c.person, c.role, real, c.evidence)
    b.works = {k: w for k, w in b.works.items() if w is not assumed}
    b.reviewed_page = real


def _lines(text: str):
    """(offset, line) for each non-empty line; a one-line credit block
    ("Director: X; Screenplay: Y; Novel: Z") counts as one line per credit."""
    offset = 0
    for line in text.split("\n"):
        if len(CREDIT_LABEL.findall(line)) >= 2 and not RATINGS.search(line):  # "Book: 4/5 | Film: 2/5" is one verdict
            start = 0
            for sep in [*CREDIT_SEPARATOR.finditer(line), None]:
                end = sep.start() if sep else len(line)
                if line[start:end].strip():
                    yield offset + start, line[start:end]
                start = sep.end() if sep else end
        elif line.strip():
            yield offset, line
        offset += len(line) + 1


CREDIT_NAME = re.compile(r"\b(?:by|director|directors|screenplay|script|novel|author|written by|starring)\s*:?\s+"
                         r"((?:[A-Z][\w\-'’.]*\s+){1,3}[A-Z][\w\-'’]+)")


@dataclass
class Parsed:
    """A review's lines, and spaCy's reading of each (or why there is none)."""
    review: Review
    lines: list[tuple[int, str]] = field(default_factory=list)  # (offset, line), from _lines
    docs: list = field(default_factory=list)
    error: Exception | None = None

    @property
    def done(self) -> bool:
        return self.error is not None or len(self.docs) == len(self.lines)


def parse(reviews: Iterable[Review]) -> Iterator[Parsed]:
    """Each review with its lines read by spaCy, in order. The lines of all the reviews go
    through one `nlp.pipe`, so its batches span reviews: 15 % less of spaCy's time than one
    call per review, whose batches are a review's few lines. A failure costs only its review:
    the reviews in flight when spaCy fails are read again one at a time."""
    reviews = iter(reviews)
    while True:
        waiting: deque[Parsed] = deque()
        try:
            for doc, parsed in pipeline().pipe(_stream(reviews, waiting), as_tuples=True):
                parsed.docs.append(doc)
                while waiting and waiting[0].done:
                    yield waiting.popleft()
            yield from waiting  # reviews with no lines, after the last that had some
            return
        except Exception:  # spaCy failed on one of them: find which, and go on after them
            if not waiting:
                raise  # on none of them: spaCy itself cannot run
            for parsed in waiting:
                yield _parse_alone(parsed)


def _stream(reviews: Iterator[Review], waiting: deque[Parsed]) -> Iterator[tuple[str, Parsed]]:
    for review in reviews:
        parsed = Parsed(review)
        waiting.append(parsed)
        try:
            parsed.lines = list(_lines(review.text))
        except Exception as err:  # noqa: BLE001
            parsed.error = err
        for _, line in parsed.lines:
            yield line, parsed


def _parse_alone(parsed: Parsed) -> Parsed:
    if parsed.error is None:
        try:
            parsed.docs = list(pipeline().pipe(line for _, line in parsed.lines))
        except Exception as err:  # noqa: BLE001
            parsed.error = err
    return parsed


def extract(review: Review) -> Extraction:
    return extract_parsed(next(parse([review])))


def _reads_as_title(phrase: str) -> bool:
    """An italic phrase that can be a title: capitalised, short, no sentence, not a lone small word
    ("*never*", "*The* film", "*really.*" are stress, not titles)."""
    words = phrase.split()
    return 0 < len(words) <= 12 and phrase[:1].isupper() and not re.search(r"[.!?,;:]$", phrase) and not (
        len(words) == 1 and (phrase.lower() in STOP_WORDS or phrase.lower() in LABEL_WORDS))


def extract_parsed(parsed: Parsed) -> Extraction:
    """The facts of a parsed review; the error spaCy met on it, raised here."""
    if parsed.error is not None:
        raise parsed.error
    review, lines, docs = parsed.review, parsed.lines, parsed.docs
    full: dict[str, str] = {}
    for doc in docs:
        full.update(_names(doc))
    # Names in credit lines are people even where the tagger misses them.
    for _, line in lines:
        for m in CREDIT_NAME.finditer(line):
            name = strip_possessive(m.group(1).strip())
            if name.split()[0].lower() not in HONORIFICS:
                full.setdefault(norm(name), name)

    # The reviewed pair: titles from the credit lines, else the one the headline and body share.
    credited = credit_line_titles([line for _, line in lines])
    _, screen_kind = reviewed_title(review.title)
    body = review.text[len(lines[0][1]):] if lines else ""
    headline = title_line_title(review.title, body, full, review.emphasis)
    italics = [e for e in review.emphasis if _reads_as_title(e)]
    # A newsletter of several dated sections ("REBECCA (2020)", "THE LOST DAUGHTER (2021)") under a
    # headline that names no work of its text is about the sections' works, not the headline's.
    headings = Counter(norm(section_title(h)) for _, line in lines[1:] if (h := SECTION_WORK.match(line)))
    if headline and len(headings) > 1 and norm(headline) not in headings and headline not in body:
        headline = None
    if headline:
        # "Shawshank" in the headline, "The Shawshank Redemption" in italics in the text: the full title
        longer = [e for e in italics
                  if norm(e) != norm(headline) and re.search(rf"(?<!\w){re.escape(headline)}(?!\w)", e)]
        if longer:
            headline = max(longer, key=lambda e: (len(re.findall(re.escape(e), body)), -len(e)))
    page_title = next((t for t, side in credited if side == "page"), None)
    screen_title = next((t for t, side in credited if side == "screen"), None)
    page_title = page_title or screen_title or headline
    screen_title = screen_title or page_title
    titles = list(dict.fromkeys(t for t in (page_title, screen_title, *(t for t, _ in credited),
                                            *italics) if t))
    for candidate in titles:
        full.pop(norm(candidate), None)

    page_words = [w for w, k in KIND_WORDS.items() if k in PAGE_KINDS and k != "book"]
    page_kind = dominant_kind(review.text, page_words, "novel")
    if screen_kind is None:
        screen_words = [w for w, k in KIND_WORDS.items() if k not in PAGE_KINDS]
        screen_kind = dominant_kind(review.text, screen_words, "film")

    full, aliases = merge_variants(full, review.text)
    # Full names and surnames long enough not to be common words, longest first.
    names_in_lower_case = lowercase_names(n for name in full.values() for n in (name, name.split()[-1]) if len(n) >= 5)
    # The sentences, with whether each follows a verdict heading.
    sentences: list[tuple[Sentence, bool]] = []
    sections: dict[int, tuple[str, int | None]] = {}  # sentence index -> the work its section is about
    after_heading = False
    for (line_offset, line), doc in zip(lines, docs):
        sents = list(doc.sents)
        if len(sents) > 1 and len(line) <= 160 and LABELLED_LINE.match(line):
            sents = [doc[:]]  # "Movie: Misery (1990), dir. Rob Reiner" is one credit, whatever the tagger's full stops
        if len(sents) == 1 and VERDICT_HEADING.match(line):
            after_heading = True
            continue
        section = SECTION_WORK.match(line) if len(doc) < 30 else None
        if section and page_title is not None and (norm(section_title(section)) != norm(page_title)
                                                   or headings[norm(page_title)] < 2):
            section = None  # in a review of one pair, only a list of its versions has sections ("every Little Women, ranked")
        if section:
            sections[len(sentences)] = (section_title(section), int(section.group("year")))
            titles.append(section_title(section))
        for sent in sents:
            person_words = {t.text for e in sent.ents if e.label_ == "PERSON" for t in e}
            sentences.append((make_sentence(sent.text, line_offset + sent.start_char, titles,
                                            len(sents) == 1, person_words, names_in_lower_case), after_heading))

    # Two readings: the first only learns who the characters are, so that "Dick's Rick
    # Deckard" early in a review is not taken for a book when the cast list comes later,
    # and who holds which credit, so that "Martel's Life of Pi" before "Ang Lee directed it"
    # is read as the book.
    characters: set[str] = set()
    foreseen: dict[tuple[str, str], set[str]] = {}
    for reading in range(2):
        b = Builder(review.text, dict(full), surname_index(full), titles, characters=set(characters), foreseen=foreseen,
                    first_reading=reading == 0)
        b.list_order = _list_order(b, sentences)
        title_ev = Evidence(review.title, 0, len(review.title), "review-title", 0.8)
        if page_title:
            b.reviewed_page = b.work(page_title, page_kind, title_ev)
            b.reviewed_screen = b.work(screen_title, screen_kind, title_ev, headline_year(review.title))
            b.adapt(b.reviewed_screen, b.reviewed_page, title_ev)
        for i, (s, _) in enumerate(sentences):
            if i in sections:  # a listicle's numbered section: its own book and film
                heading, year = sections[i]
                ev = _evidence(s, "section-heading", 0.8)
                b.reviewed_page = b.work(heading, page_kind, ev)
                b.reviewed_screen = b.work(heading, screen_kind, ev, year)
                b.adapt(b.reviewed_screen, b.reviewed_page, ev)
                b.section_credits = len(b.credits)
                continue
            apply_rules(b, s)
            for m in s.mentions:
                if b.is_real(m.text):
                    b.last_person = b.person(m.text)
                    if any(c.actor == b.last_person for c in b.cast.values()):
                        b.last_actor = b.last_person
                elif b.is_title(m.text):
                    b.last_title = b.slot_title(m.text) or b.last_title
        characters = b.characters
        foreseen = {}
        for c in b.credits.values():
            foreseen.setdefault((norm(c.work.title), c.role), set()).add(c.person)
    verdict_sentences = sentences

    if not credited and b.reviewed_page is not None:
        _source_by_another_title(b)
    return Extraction(
        review_id=review.id, title=review.title, text=review.text,
        verdict=_reviewed_verdict(b, verdict_sentences) if page_title else None,
        aliases=[(v, c) for v, c in aliases
                 if c in {x.person for x in b.credits.values()} | {x.actor for x in b.cast.values()}],
        reviewed=[w for w in (b.reviewed_page, b.reviewed_screen) if w is not None],
        works=list(b.works.values()), adaptations=list(b.adaptations.values()),
        credits=list(b.credits.values()), cast=list(b.cast.values()),
    )
