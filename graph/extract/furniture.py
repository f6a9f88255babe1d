"""Site furniture among a page's lines: what a crawler keeps of the site around a review, told
by its shape, in plain text as in HTML. A menu (a run of short bare lines), a byline or a
dateline, a ratings line, share, subscribe and cookie text, a comment count, a line that repeats the line before
(a caption printed twice). Furniture is never a headline and gives no fact."""
from __future__ import annotations

import re

MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
DATE = re.compile(rf"\b(?:{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH},?\s+(?:19|20)\d\d"
                  r"|(?:19|20)\d\d-\d\d-\d\d|\d{1,2}/\d{1,2}/(?:19|20)?\d\d)\b", re.I)
# The words of the site around a review: navigation, sharing, subscribing, consent, comments.
NOTICE = re.compile(
    r"^\W*(?:skip\s+to\s+(?:main\s+)?content|share\s+(?:this|on|via)\b|tweet\b|pin\s+it|e-?mail\s+this|print\s+this|"
    r"subscribe\b|sign\s+(?:up|in)\b|log\s*in\b|register\b|we\s+use\s+cookies|this\s+(?:site|website)\s+uses\s+cookies|"
    r"cookie|privacy\s+policy|terms\s+of\s+(?:use|service)|all\s+rights\s+reserved|©|copyright\b|leave\s+a\s+(?:comment|reply)|"
    r"\d+\s+(?:comments?|responses?|replies)\b|comments?\s*(?:\(\d+\))?\s*$|related\s+(?:posts|articles|stories)|"
    r"(?:read|see)\s+(?:more|also)\b|continue\s+reading|advertisement|follow\s+(?:me|us)\b|posts?\s+tagged|"
    r"blog\s+stats|[\d,]+\s+hits\b|(?:filed|posted)\s+(?:under|in)\b|categor(?:y|ies)\s*:|tags?\s*:|"
    r"(?:previous|next|older|newer)\s+(?:post|entry|article)|search\s+for\b|menu\s*$|home\s*$|you\s+may\s+also\s+like|"
    r"like\s+this\s*:|loading\s*\.\.\.|photo\s*:|image\s*(?:from|:|credit)|uploaded\s+by\b|.*\bhas\s+moved\b)", re.I)
# "Posted by X", "Review by X", "Story by X, Staff Writer": who wrote the page, not the book.
BYLINE = re.compile(r"^\W*(?:posted|review(?:ed)?|story|words|article|text|photos?|reporting)\s+by\b|^\W*by\s*[|/]", re.I)
# A ratings line, a label and its stars: "Book: ★★★★☆ (Author: X)", "TV Miniseries: ⭐️⭐️⭐️⭐️".
# (A headline with stars before its title, "★★★★☆ Gone with the Wind", is a headline.)
RATING = re.compile(r"^\W*[\w ]{1,30}:\s*[⭐★☆✩✭]")
MENU_WORDS = 4  # a menu item is a few words
MENU_RUN = 3  # and a menu has a few items


def furniture(lines: list[str], person_lines: set[int]) -> set[int]:
    """The indices of the lines that are furniture. `person_lines`: those the tagger reads as
    nothing but a person's name (a list of names is a cast, not a menu)."""
    found = {i for i, line in enumerate(lines) if _furniture_shape(line)}
    found |= {i for i in range(1, len(lines)) if _same(lines[i], lines[i - 1])}
    run: list[int] = []
    for i, line in enumerate([*lines, ""]):
        if i < len(lines) and _menu_item(line):
            run.append(i)
            continue
        if len(run) >= MENU_RUN and len([j for j in run if j in person_lines]) <= 1:
            found |= set(run)
        run = []
    return found


def _furniture_shape(line: str) -> bool:
    words = line.split()
    if len(words) > 12:
        return False
    if NOTICE.match(line) or BYLINE.match(line) or RATING.search(line):
        return True
    # A dateline: a date with little else ("October 1, 2007", "Name / October 1, 2007 / Reviews").
    date = DATE.search(line)
    return bool(date) and (len(words) <= 5 or bool(re.search(r"\s[|/·•]\s?|[|/·•]\s", line)))


def _menu_item(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= MENU_WORDS and not re.search(r"[.,;:!?()\"“”‘’'\d]", line) and all(
        w[:1].isupper() or w in {"and", "&", "of", "the", "on", "in", "to", "a"} for w in words)


def _same(line: str, before: str) -> bool:
    """A line that repeats the one before it, as a caption printed twice, markup and all."""
    strip = re.compile(r"<[^>]+>|\s+")
    return len(line) > 20 and strip.sub(" ", line).strip() == strip.sub(" ", before).strip()
