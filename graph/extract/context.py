"""One sentence as the rules read it: the review's facts so far, the sentence and its template,
and which names the rules before have claimed (a slot credited to a creator, a character given
to an actor), so that a rule declared to yield leaves them alone."""
from __future__ import annotations

import re

from ..facts import Evidence, Work
from .builder import Builder
from .clues import evidence, negated, person_before
from .mentions import Sentence
from .patterns import items, slots


class Context:
    def __init__(self, b: Builder, sent: Sentence, trace=None):
        self.b, self.sent, self.t = b, sent, sent.template
        self.claims: dict[str, dict] = {"creator": {}, "role": {}}  # claim -> {slot or name: rule}
        self.rule = None  # the rule reading now
        self.trace = trace

    def mention(self, slot: int | str) -> str:
        return self.sent.mention(int(slot))

    def evidence(self, name: str | None = None, confidence: float = 0.9) -> Evidence:
        return evidence(self.sent, name or self.rule.label, confidence)

    def titles(self, group: str | None) -> list[str]:
        """The titles in a group of slots, those that can be titles."""
        found = [self.b.slot_title(self.sent.mention(i)) for i in items(group or "")]
        return [x for x in found if x]

    def negated(self, start: int, end: int | None = None) -> bool:
        """Whether a denial or hedge governs the match (see clues.negated); the trace notes it."""
        if negated(self.sent, start, end):
            if self.trace is not None:
                self.trace.note("hedged or denied")
            return True
        return False

    # -- claims --
    def claim(self, claim: str, key) -> None:
        self.claims[claim].setdefault(key, self.rule.name)

    def claimant(self, claim: str, group_text: str) -> str | None:
        """The rule that claimed a name of this group of the match, if one did."""
        if claim == "creator":
            keys = [int(group_text)] if group_text.isdigit() else slots(group_text)
        else:
            keys = [self.sent.mention(int(group_text))]
        return next((self.claims[claim][k] for k in keys if k in self.claims[claim]), None)

    # -- credits --
    def credit_all(self, group: str, role: str, work: Work | None, name: str | None = None,
                   confidence: float = 0.9) -> None:
        """Each person named in a group of slots gets the role; each slot is claimed."""
        if work is None:
            return
        ev = self.evidence(name, confidence)
        for i in items(group):
            person = self.b.person(self.sent.mention(i), loose=True)
            if person:
                self.b.credit(person, role, work, ev)
                self.claim("creator", i)

    def credit_one(self, slot: str, role: str, work: Work | None, name: str | None = None,
                   confidence: float = 0.9) -> None:
        """The person in one slot (a group's number) gets the role."""
        self.credit_all(f"⟨{slot}⟩", role, work, name, confidence)

    def credit_subject(self, m: re.Match, role: str, work: Work | None, name: str | None = None,
                       confidence: float = 0.9) -> None:
        """The subject of the match's verb: the people of group p, or whom its "he" or "she" means."""
        name = name or self.rule.label
        if m.group("pron"):
            person = person_before(self.b, self.sent, m.start())
            if person and work is not None:
                self.b.credit(person, role, work, evidence(self.sent, name + "-pronoun", 0.6))
        else:
            self.credit_all(m.group("p"), role, work, name, confidence)
