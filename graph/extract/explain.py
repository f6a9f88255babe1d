"""Why a fact was read: per sentence, its template, the rules that matched, what each slot of
theirs became, the facts each gave, and the matches that gave nothing (hedged, or overruled by
the rule that had claimed the name). What a user needs to write a curation entry or report a
wrong fact."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .mentions import Sentence
from .patterns import slots
from .registry import Rule


@dataclass
class Firing:
    rule: str
    matched: str  # the part of the template the rule matched
    slots: list[tuple[str, str, list[str]]]  # (group, what it becomes, the names in it)
    facts: list[tuple] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def gave(self) -> list[str]:
        return [describe(f) for f in self.facts]


@dataclass
class SentenceTrace:
    text: str
    template: str
    start: int
    firings: list[Firing] = field(default_factory=list)


class Trace:
    """Told by the engine which rule reads which match, and by the builder each fact given."""

    def __init__(self) -> None:
        self.sentences: list[SentenceTrace] = []
        self.outside: list[tuple] = []  # facts given by no rule: the headline's pair, sections
        self.verdict: tuple[str, tuple] | None = None  # (rule, fact)
        self._current: Firing | None = None

    def sentence(self, sent: Sentence) -> None:
        self.sentences.append(SentenceTrace(sent.text, sent.template, sent.offset))

    def begin(self, rule: Rule, m: re.Match, sent: Sentence) -> None:
        self._current = _firing(rule, m, sent)
        self.sentences[-1].firings.append(self._current)

    def end(self) -> None:
        self._current = None

    def overruled(self, rule: Rule, m: re.Match, sent: Sentence, by: str) -> None:
        firing = _firing(rule, m, sent)
        firing.notes.append(f"overruled: {by} had claimed the name")
        self.sentences[-1].firings.append(firing)

    def note(self, text: str) -> None:
        if self._current is not None:
            self._current.notes.append(text)

    def gave(self, fact: tuple) -> None:
        facts = self._current.facts if self._current is not None else self.outside
        if fact not in facts:
            facts.append(fact)

    def given_by(self, rule: str) -> list[tuple]:
        found = [f for s in self.sentences for firing in s.firings if firing.rule == rule for f in firing.facts]
        if self.verdict is not None and self.verdict[0] == rule:
            found.append(self.verdict[1])
        return found


def _firing(rule: Rule, m: re.Match, sent: Sentence) -> Firing:
    named = [(group, kind, [sent.mention(i) for i in _slots_of(m.group(group))])
             for group, kind in rule.slots.items() if m.groupdict().get(group) is not None]  # a rule's patterns may name different slots
    return Firing(rule.name, m.group(), named)


def _slots_of(text: str) -> list[int]:
    return [int(text)] if text.isdigit() else slots(text)


def describe(fact: tuple) -> str:
    kind, *rest = fact
    if kind == "work":
        return f"work {rest[0]}" + (f", {rest[1]}" if rest[1] else "")
    if kind == "adaptation":
        return f"adaptation {rest[0]} of {rest[1]}"
    if kind == "credit":
        return f"{rest[1]} of {rest[2]}: {rest[0]}"
    if kind == "cast":
        return f"cast in {rest[2]}: {rest[0]}" + (f" as {rest[1]}" if rest[1] else "")
    return f"prefers {rest[0]}"


def render(trace: Trace, sentence: int | None = None) -> str:
    """The trace as text: every sentence (or only the one numbered `sentence`), then the verdict."""
    out = []
    if sentence is None and trace.outside:
        out.append("From the page's structure (headline, credit lines, sections):")
        out += [f"  gave {describe(f)}" for f in trace.outside]
    for n, s in enumerate(trace.sentences):
        if sentence is not None and n != sentence:
            continue
        out.append(f"[{n}] {s.text.strip()}")
        out.append(f"    template: {s.template.strip()}")
        out += [line for firing in s.firings for line in _render_firing(firing)]
    if sentence is None and trace.verdict is not None:
        out.append(f"Verdict ({trace.verdict[0]}): {describe(trace.verdict[1])}")
    return "\n".join(out) + "\n"


def _render_firing(firing: Firing) -> list[str]:
    head = f"    {firing.rule}: matched \u201c{firing.matched.strip()}\u201d"
    lines = [head + (f" ({'; '.join(firing.notes)})" if firing.notes else "")]
    lines += [f"        {group} ({kind}): {', '.join(names)}" for group, kind, names in firing.slots]
    lines += [f"        gave {fact}" for fact in firing.gave]
    if not firing.facts and not firing.notes:
        lines.append("        gave nothing (the names did not qualify)")
    return lines

