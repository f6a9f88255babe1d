"""Rules as declared units. Each names its pattern(s), what each slot becomes, the kind of fact
it asserts, its priority and its examples: sentences it must read (with the facts it gives) and
sentences it must not (denials, hedges, look-alikes). The extractor runs the rules in priority
order; where two rules could claim one name, the earlier claims it and a rule declared to yield
leaves it alone. Every rule's examples run through the whole extractor in the tests.

    @rule("directed-by", asserts="credits", priority=110, patterns=[DIRECTED], slots={"p": "person"},
          yields=("creator", "p"),
          examples=[reads("Arrival\\n\\nArrival was directed by Denis Villeneuve.",
                          credit("Denis Villeneuve", "director", "Arrival (film)")),
                    refuses("Arrival\\n\\nIt was not directed by Denis Villeneuve.")])
    def directed_by(ctx, m): ...
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, Iterable

ASSERTS = ("works", "adaptations", "credits", "cast", "verdict", "differences")
SLOT_KINDS = ("person", "title", "character", "names")  # names: a person or a title, decided by the rule
CLAIMS = ("creator", "role")  # a slot credited to a creator; a character given to an actor


@dataclass(frozen=True)
class Example:
    """A short review (its first line the headline) and the facts the rule must give in it;
    none for a counterexample, in which the rule must give nothing."""
    text: str
    gives: tuple[tuple, ...] = ()


def reads(text: str, *facts: tuple) -> Example:
    return Example(text, facts)


def refuses(text: str) -> Example:
    return Example(text)


# Facts as examples state them, in the shape the extraction's JSON has.
def work(ref: str, year: int | None = None) -> tuple:
    return ("work", ref, year)


def adaptation(adapted: str, source: str) -> tuple:
    return ("adaptation", adapted, source)


def credit(person: str, role: str, work_ref: str) -> tuple:
    return ("credit", person, role, work_ref)


def cast(actor: str, character: str | None, work_ref: str) -> tuple:
    return ("cast", actor, character, work_ref)


def verdict(work_ref: str) -> tuple:
    return ("verdict", work_ref)


def difference(kind: str) -> tuple:
    """A difference of that kind between the reviewed screen version and its source."""
    return ("difference", kind)


@dataclass(frozen=True)
class Rule:
    name: str
    asserts: str
    patterns: tuple[re.Pattern, ...]
    slots: dict[str, str]  # named group -> what its slot becomes
    priority: int
    read: Callable  # (context, match) -> whether a line rule took the line
    examples: tuple[Example, ...] = ()
    yields: tuple[str, str] | None = None  # (claim, group): a match whose group was claimed is left
    lines: bool = False  # reads a whole line, and a line it takes no other rule reads
    evidence: str | None = None  # the name its evidence records carry, where rules share one
    find: Callable | None = None  # (context) -> matches, where not each pattern's finditer
    # a word the sentence must hold for the patterns to be tried: a pattern that opens with a list
    # of names costs, on a sentence of thousands of names, what a plain search does not
    needs: re.Pattern | None = None
    verdict: bool = field(default=False)  # read over the whole review, not sentence by sentence

    @property
    def label(self) -> str:
        return self.evidence or self.name


_RULES: dict[str, Rule] = {}


def rule(name: str, *, asserts: str, priority: int, patterns: Iterable[re.Pattern] = (), slots: dict[str, str] | None = None,
         examples: Iterable[Example] = (), **options) -> Callable:
    """Declare the decorated function as the rule `name` (see the module's docstring)."""
    def declare(read: Callable) -> Callable:
        register(Rule(name, asserts, tuple(patterns), dict(slots or {}), priority, read, tuple(examples), **options))
        return read
    return declare


def register(new: Rule) -> None:
    problems = declaration_problems(new)
    if problems:
        raise ValueError(f"rule {new.name}: " + "; ".join(problems))
    _RULES[new.name] = new


def declaration_problems(new: Rule) -> list[str]:
    """What makes a declaration unusable: a name or priority taken, an unknown kind of fact,
    slot or claim. (Missing examples are `example_problems`', so that the tests name them.)"""
    problems = []
    if new.name in _RULES:
        problems.append("the name is taken")
    clash = [r.name for r in _RULES.values() if r.priority == new.priority and r.verdict == new.verdict]
    if clash:
        problems.append(f"priority {new.priority} is {clash[0]}'s: precedence must be declared, not left to chance")
    if new.asserts not in ASSERTS:
        problems.append(f"asserts {new.asserts!r}, not one of {ASSERTS}")
    problems += [f"slot {g} becomes {k!r}" for g, k in new.slots.items() if k not in SLOT_KINDS]
    if new.yields and (new.yields[0] not in CLAIMS or new.yields[1] not in new.slots):
        problems.append(f"yields {new.yields}: an unknown claim or an undeclared slot")
    return problems


def example_problems(r: Rule) -> list[str]:
    """A rule must show at least one sentence it reads, with its facts, and one it must not read."""
    problems = []
    if not any(e.gives for e in r.examples):
        problems.append("no example it reads (with the facts it gives)")
    if not any(not e.gives for e in r.examples):
        problems.append("no example it refuses (a denial, a hedge or a look-alike)")
    return problems


def declared(verdicts: bool | None = None) -> list[Rule]:
    """The rules declared so far in the order they claim names: the sentence rules, the verdict
    rules (read over the whole review) or, with None, both."""
    return sorted((r for r in _RULES.values() if verdicts is None or r.verdict == verdicts),
                  key=lambda r: (r.verdict, r.priority))
