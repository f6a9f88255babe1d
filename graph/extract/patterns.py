"""The language rules are written in: regular expressions over sentence templates, where each
name-like span is a numbered slot ("<0>, which <1> wrote the script for and directed."), and
the pieces many rules share (a list of names, "by the novelist X", a dated parenthesis, the
words that deny or hedge a credit)."""
from __future__ import annotations

import re

from .mentions import APOSTROPHES, DEMONYMS, KIND_RE, PAGE_RE, ROLE_NOUNS, SCREEN_RE

_NUM = r"⟨(?P<{}>\d+)⟩"
# A list may date its items, but the last item's year is left to the rule ("A (2017) and B").
# "and" joins its last item: in "by A and B, and C had his name removed" C starts a clause.
_ITEM = r"⟨\d+⟩(?![" + APOSTROPHES + r"]s\b){1}"
# An item may carry a parenthesis: a year, or a filmography ("X (The Social Network) and Y (Schindler's List)").
_ASIDE = r"(?:\s*\((?:[^()⟨]|⟨\d+⟩){{1,60}}\))?"
_LIST = (r"(?P<{0}>⟨\d+⟩(?![" + APOSTROPHES + r"]s\b)(?:" + _ASIDE + r"\s*,\s*" + _ITEM + r")*"
         r"(?:" + _ASIDE + r"(?:\s*,\s*and\s+|\s+and\s+|\s*&\s*)" + _ITEM + r")?)")
# In a list of titles, a name followed by its own verb starts a new clause ("wrote W, and X directed V").
_NEW_CLAUSE = r"(?!\s+(?:also\s+)?(?:directed|directs|wrote|writes|adapted|adapts|filmed|made|plays|played|stars|starred)\b)"

# "by" and the person, who may come with a description ("by the novelist X").
# "by the novelist X", "by crime writer X", "by former gossip columnist X", "by Canadian X", "Directed by: X"
BY = (r"by\s*:?\s+(?:(?:the\s+)?(?:[\w-]+\s+){0,2}?(?:" + "|".join(sorted(ROLE_NOUNS | {"playwright", "poet", "journalist", "cartoonist", "columnist"}))
      + r")\s+|(?:" + "|".join(sorted(DEMONYMS)) + r")\s+)?")


def template(text: str) -> re.Pattern:
    """Compile a rule's template: {w} is one slot, {p*} a list of slots ("<1>, <2> and <3>");
    BY, PAGE, SCREEN and KIND stand for the phrases above and the kind words."""
    def expand(m: re.Match) -> str:
        name = m.group(1)
        if name.endswith("*"):
            return _LIST.format(name[:-1], _NEW_CLAUSE if name.startswith("w") else "")
        return _NUM.format(name)

    pattern = re.sub(r"\{([a-z]\w*\*?)\}", expand, text).replace("BY", BY)
    pattern = pattern.replace("PAGE", f"(?:{PAGE_RE})").replace("SCREEN", f"(?:{SCREEN_RE})")
    pattern = pattern.replace("KIND", f"(?:{KIND_RE})")
    return re.compile(pattern, re.I)


def slots(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"⟨(\d+)⟩", text)]


def items(group: str) -> list[int]:
    """The slots of a list group, without what its parentheses add ("X (The Social Network) and Y")."""
    return slots(re.sub(r"\([^()]*\)", "", group))


YEAR = r"(?:\s*\((?:[a-z]+\s+)*(?P<year>1[5-9]\d\d|20\d\d)\))?"  # "(2005)", "(collected 1997)"

CAST_VERBS = r"(?:cast\s+as|plays|played|playing|portrays|portrayed|voices|voiced|stars\s+as|starred\s+as|starring\s+as)"
AS_NOT_CAST = r"(?!\s*(?:[" + APOSTROPHES + r"]s\b|says|said|mentions|tells|puts|explains|notes|realizes|realises|thinks))"

# Words that make a credit hypothetical or denied: "X was originally going to direct",
# "not played by Y", "rumours that Z would play". A credit after them within the clause is dropped.
NEGATION = re.compile(r"(?:\b(?:not|never|originally|original(?=\s+(?:director|screenwriter|choice))|was going to|were going to|turned down|"
                      r"(?:almost|nearly)\s+(?!un)(?:\w+ed|cast|got|went|became|made|wrote|had|took|won)|"
                      r"instead of|would have|might have|could have|wanted to|supposed to|rumou?red|rumou?rs?|"
                      r"reportedly|considered|in talks)\b|n['’]t\b)", re.I)
