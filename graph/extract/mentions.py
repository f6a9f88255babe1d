"""Mentions: the name-like spans of a sentence (capitalised runs, known titles, quoted titles,
"Miss lucy", known names in lower case), and the sentence as a template in which each is a
numbered slot, e.g. "Annihilation, which Garland wrote the script for and directed." becomes
"<0>, which <1> wrote the script for and directed." The words that name kinds of work live
here too: mentions and the rules over them both read them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from ..facts import PAGE_KINDS, norm

# Words a reviewer uses for a kind of work, longest first so that
# "graphic novel" wins over "novel".
KIND_WORDS = {
    "graphic novel": "comic", "comic book": "comic", "comics": "comic", "comic": "comic",
    "manga": "comic", "short story": "short_story", "novella": "novel", "novel": "novel",
    "memoir": "memoir", "autobiography": "memoir", "non-fiction book": "nonfiction_book",
    "nonfiction book": "nonfiction_book", "book": "book",
    "tv series": "tv_series", "television series": "tv_series", "miniseries": "tv_series",
    "mini-series": "tv_series", "tv show": "tv_series", "series": "tv_series",
    "show": "tv_series", "serial": "tv_series", "film": "film", "movie": "film", "screen version": "film",
}
KIND_RE = "|".join(re.escape(w) for w in sorted(KIND_WORDS, key=len, reverse=True))
PAGE_RE = "|".join(re.escape(w) for w, k in KIND_WORDS.items() if k in PAGE_KINDS)
SCREEN_RE = "|".join(re.escape(w) for w, k in KIND_WORDS.items() if k not in PAGE_KINDS)

# Honorifics mark characters ("Miss Emily", "Mr. Stevens"); they also carry the
# next word whatever its case ("Miss lucy").
HONORIFICS = {"miss", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "madame", "mme", "dr", "dr.",
              "lady", "lord", "sir", "uncle", "aunt", "auntie", "professor", "captain",
              "father", "mother", "sister", "brother", "king", "queen", "prince", "princess"}
# Lower-case words allowed inside a capitalised title ("The Shape of Water").
CONNECTORS = {"of", "the", "a", "an", "de", "la", "le", "du", "von", "van", "der", "del"}
# Role nouns that stand before a name without being part of it ("Director Mark Romanek").
ROLE_NOUNS = {"director", "author", "novelist", "writer", "screenwriter", "actor", "actress",
              "filmmaker", "producer", "star", "co-star"}
APOSTROPHES = "'’‘"  # "Gaiman‘s": some sites type the opening quote for the apostrophe

SLOT = "⟨{}⟩"


def strip_possessive(text: str) -> str:
    return re.sub(r"[" + APOSTROPHES + r"]s?$", "", text)


@dataclass
class Mention:
    start: int
    end: int
    text: str


@dataclass
class Sentence:
    text: str
    offset: int  # of the sentence in the review text
    mentions: list[Mention]
    template: str
    is_line: bool  # the sentence is a whole line (a title or credit line)

    def mention(self, slot: int) -> str:
        return self.mentions[slot].text


# A possessive "'s" is a word of its own, so that "Garland's film" keeps "Garland" as the name.
WORD = re.compile(r"[\w.\-]+(?:[" + APOSTROPHES + r"](?!s\b)\w+)*|[" + APOSTROPHES + r"]s\b|[^\w\s]")
# Words that label a credit ("Director: ...") rather than name anything.
LABEL_WORDS = ROLE_NOUNS | {w + "s" for w in ROLE_NOUNS} | set(KIND_WORDS) | {
    "screenplay", "script", "starring", "cast", "written", "directed", "based", "adapted", "music", "spoilers",
    "warning", "source"}
# Words that open a sentence or a credit without being part of the name after them:
# "Starring Amy Adams", "Directed By Rufus Hale", "Meet Annie Wilkes", "Unlike Roy Neary".
OPENERS = LABEL_WORDS | {"meet", "remember", "unlike", "luckily", "featuring", "introducing", "watching", "reading",
                         "including", "plus", "cast", "stars", "played", "portrayed", "voiced"}
DEMONYMS = {"aussie", "australian", "british", "english", "american", "canadian", "irish", "scottish", "welsh", "french",
            "german", "swedish", "danish", "norwegian", "italian", "spanish", "mexican", "japanese", "korean", "chinese",
            "indian", "russian", "dutch", "polish", "kiwi", "brazilian", "icelandic", "finnish", "belgian", "austrian"}
# Joining words allowed inside a title only where what follows reads as a title
# ("Klara and the Sun", "Pride and Prejudice") and no person's name is on either side.
SOFT_CONNECTORS = {"and", "&", "with", "in", "on", "to", "for", "from", "at"}


def capitalised_spans(text: str, protected: list[tuple[int, int]], person_words: set[str]) -> list[Mention]:
    """Runs of capitalised words ("The Immortal Life of Henrietta Lacks") outside protected spans."""
    spans: list[Mention] = []
    words = [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]

    def free(k: int) -> bool:
        return not any(ps <= words[k][0] < pe for ps, pe in protected)

    def capital(k: int) -> bool:
        w = words[k][2]
        # a number opens a title ("2001 A Space Odyssey"), not a name ("in 2015 Ridley Scott")
        return w[:1].isupper() or (w[:1].isdigit() and k + 1 < len(words) and words[k + 1][2][:1].isupper()
                                   and words[k + 1][2] not in person_words)

    i = 0
    while i < len(words):
        if not free(i) or not capital(i) or re.match(r"I(?:$|['’])", words[i][2]):
            i += 1
            continue
        j = last = i
        # Right after "novel", "film"... a title is what follows, whatever the tagger says.
        after_kind = i > 0 and words[i - 1][2].lower() in KIND_WORDS
        while j + 1 < len(words) and free(j + 1) and words[j + 1][0] - words[j][1] <= 1:
            nxt = words[j + 1][2]
            if capital(j + 1) or (nxt.isdigit() and capital(j) and (
                    j + 2 >= len(words) or not words[j + 2][2][:1].isalnum())):  # "Blade Runner 2049"
                j = last = j + 1
            elif nxt.lower() in CONNECTORS:
                j += 1
            elif (nxt.lower() in SOFT_CONNECTORS and j + 2 < len(words) and free(j + 2)
                  and (after_kind or (words[j][2] not in person_words and words[j + 2][2] not in person_words)
                       # "Harry Potter and the Prisoner of Azkaban": a name, "and the", and no name after
                       or (nxt.lower() == "and" and words[j + 2][2] == "the" and j + 3 < len(words)
                           and capital(j + 3) and words[j + 3][2] not in person_words))
                  and (words[j + 2][2] in {"the", "a", "an"}
                       or ((j == i or (j - i == 1 and nxt.lower() not in {"and", "&"}))
                           and capital(j + 2) and words[j + 2][2] not in {"The", "A", "An"}
                           and (j + 3 >= len(words) or not capital(j + 3))))):
                j += 1
            else:
                break
        if i == 0:  # a capitalised first word is usually just the start of the sentence
            while i < last and words[i][2].lower() not in {"the", "a", "an"} and (
                    words[i][2].lower() in STOP_WORDS or words[i][2].lower() in OPENERS):
                i += 1
            # "Remember the novel by X?", "Surprisingly, ...": an opener or an adverb alone names nothing
            first = words[i][2]
            if i == last and (first.lower() in OPENERS or first.endswith("ly") and text[words[i][1]:words[i][1] + 1] == ","):
                i = last + 1
                continue
        # "Aussie John Hillcoat", "English Joe Wright": a nationality before the tagger's name describes the person
        if last - i >= 2 and words[i][2].lower() in DEMONYMS and all(words[k][2].rstrip(".") in person_words for k in range(i + 1, last + 1)):
            i += 1
        if not _names_nothing(text, words, i, last):
            start, end = words[i][0], words[last][1]
            piece = text[start:end].rstrip(".")
            spans.append(Mention(start, start + len(piece), piece))
        i = last + 1
    return spans


def _names_nothing(text: str, words: list[tuple[int, int, str]], i: int, last: int) -> bool:
    """Whether the capitalised run of words i..last names nothing: a nationality before a role
    ("by Irish writer X"; "Welsh's novel" is a name), a run that ends as an adjective ("Newbery
    Award-winning", "the Newbery Medal- and ..."), a length ("104 Minutes"), or nothing but labels
    and small words ("Directed & Written")."""
    if i == last and words[i][2].lower() in DEMONYMS and i + 1 < len(words) and words[i + 1][2].lower() in ROLE_NOUNS:
        return True
    if re.search(r"-(?:[a-z]{2,}(?:ing|ed)|like|based|style|era|born|esque|type|length|old|themed|sized)?$", words[last][2]):
        return True
    if re.fullmatch(r"\d+\s+(?:Minutes|Mins?|Pages|Hours|Hrs|Episodes|Seasons|Chapters)", text[words[i][0]:words[last][1]]):
        return True
    return all(w.lower() in STOP_WORDS or w.lower() in LABEL_WORDS or not w[:1].isalnum()
               for w in (words[k][2] for k in range(i, last + 1)))


def honorific_spans(text: str, protected: list[tuple[int, int]]) -> list[Mention]:
    out = []
    for m in re.finditer(r"\b([A-Z][a-z]+\.?)\s+([A-Za-z][\w\-]+(?:\s+[A-Z][\w\-]+)?)", text):
        if m.group(1).lower() in HONORIFICS and not any(ps <= m.start() < pe for ps, pe in protected):
            name = m.group(1) + " " + " ".join(w[:1].upper() + w[1:] for w in m.group(2).split())
            out.append(Mention(m.start(), m.end(), name))
            protected.append((m.start(), m.end()))
    return out


def title_spans(text: str, titles: list[str], protected: list[tuple[int, int]]) -> list[Mention]:
    out = []
    for title in sorted(titles, key=len, reverse=True):  # "The Lord of the Rings: The Fellowship of the Ring" before its tail
        core = re.sub(r"^(?:the|a|an)\s+", "", title, flags=re.I)
        # either apostrophe: the title as facts carry it has the plain one, the text may not
        pattern = r"(?<![\w])(?:(?:[Tt]he|[Aa]n?)\s+)?" + re.sub(r"['’]", "['’]", re.escape(core)) + r"(?![\w])"
        for m in re.finditer(pattern, text):
            if re.match(r" [A-Z0-9]", text[m.end():m.end() + 2]):
                continue  # part of a longer title: "Blade Runner 2049"
            if not any(ps < m.end() and m.start() < pe for ps, pe in protected):
                out.append(Mention(m.start(), m.end(), title))
                protected.append((m.start(), m.end()))
    return out


QUOTED = re.compile(r"[“\"]([A-Z][^“”\"]{0,80}?)[”\"]")


def quoted_spans(text: str, protected: list[tuple[int, int]], holding: list[str] | None = None) -> list[Mention]:
    """A capitalised phrase in quotation marks is one name, whatever its small words: the usual
    way to cite a short story or an episode ("We Can Remember It for You Wholesale"). `holding`:
    only those that hold one of these title keys and more."""
    out = []
    for m in QUOTED.finditer(text):
        words = m.group(1).split()
        key = norm(m.group(1))
        if holding is not None and not any(t and t != key and re.search(rf"(?<!\w){re.escape(t)}(?!\w)", key)
                                           for t in holding):
            continue
        if len(words) <= 12 and not m.group(1).rstrip().endswith((".", ",", "!")) and not any(
                ps < m.end(1) and m.start(1) < pe for ps, pe in protected):
            out.append(Mention(m.start(1), m.end(1), m.group(1).rstrip("?")))
            protected.append((m.start(1), m.end(1)))
    return out


def lowercase_names(names) -> re.Pattern | None:
    """One pattern for every known name written in lower case, longest first; built once a review,
    so that a review naming thousands of people stays linear."""
    ordered = sorted({n.lower() for n in names}, key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(map(re.escape, ordered)) + r")(?![\w])") if ordered else None


def lowercase_name_spans(text: str, names: re.Pattern | None, protected: list[tuple[int, int]]) -> list[Mention]:
    """Known people written in lower case ("harris is a colder writer", "demme's version")."""
    out = []
    for m in names.finditer(text) if names is not None else ():
        if not any(ps < m.end() and m.start() < pe for ps, pe in protected):
            out.append(Mention(m.start(), m.end(), m.group()))
            protected.append((m.start(), m.end()))
    return out


def make_sentence(text: str, offset: int, titles: list[str], is_line: bool,
                  person_words: set[str] = frozenset(), names: re.Pattern | None = None) -> Sentence:
    protected: list[tuple[int, int]] = []
    # A quoted title that holds a known one ("Rita Hayworth and Shawshank Redemption") is one name
    mentions = quoted_spans(text, protected, holding=[norm(t) for t in titles])
    mentions += title_spans(text, titles, protected)
    mentions += lowercase_name_spans(text, names, protected)
    mentions += quoted_spans(text, protected)
    mentions += honorific_spans(text, protected)
    mentions += capitalised_spans(text, protected, person_words)
    mentions.sort(key=lambda m: m.start)
    parts, pos = [], 0
    for i, m in enumerate(mentions):
        parts.append(text[pos:m.start])
        parts.append(SLOT.format(i))
        pos = m.end
    parts.append(text[pos:])
    return Sentence(text, offset, mentions, "".join(parts), is_line)
