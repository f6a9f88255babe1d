"""Every rule's own examples, each run through the whole extractor (spaCy included): the facts a
rule must read are read, by that rule, and the sentences it must not read give it nothing."""
from __future__ import annotations

import re
from functools import lru_cache

import pytest

from graph.extract import explain
from graph.extract.registry import Rule, declaration_problems, example_problems, reads, refuses, register, work
from graph.extract.rules import SENTENCE_RULES, VERDICT_RULES
from graph.read import text_review

RULES = SENTENCE_RULES + VERDICT_RULES
EXAMPLES = [(r, n) for r in RULES for n in range(len(r.examples))]


@lru_cache(maxsize=None)
def _explained(text: str):
    return explain(text_review(text, "example"))


def _facts(extraction) -> set[tuple]:
    """The extraction's facts in the shape the examples state them."""
    j = extraction.to_json()
    facts = {("work", w["title"] + f" ({w['type']})", w["year"]) for w in j["works"]}
    facts |= {("adaptation", a["adaptation"], a["source"]) for a in j["adaptations"]}
    facts |= {("credit", c["person"], c["role"], c["work"]) for c in j["credits"]}
    facts |= {("cast", c["actor"], c["character"], c["work"]) for c in j["cast"]}
    facts |= {("cast", c["actor"], None, c["work"]) for c in j["appearances"]}
    if j["verdict"]:
        facts.add(("verdict", j["verdict"]["prefers"]))
    facts |= {("difference", d["kind"]) for d in j["differences"]}
    return facts


def _has(facts, fact: tuple) -> bool:
    if fact[0] == "work":  # a work's year is checked where the example gives one
        return any(f[:2] == fact[:2] and (fact[2] is None or f[2] == fact[2]) for f in facts)
    return fact in facts


def test_there_are_rules_of_every_kind():
    assert {r.asserts for r in RULES} == {"works", "adaptations", "credits", "cast", "verdict", "differences"}
    assert len({r.name for r in RULES}) == len(RULES)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_every_rule_shows_a_sentence_it_reads_and_one_it_refuses(rule):
    assert not example_problems(rule), example_problems(rule)


@pytest.mark.parametrize("rule,n", EXAMPLES, ids=lambda x: x.name if isinstance(x, Rule) else str(x))
def test_rule_example(rule, n):
    example = rule.examples[n]
    extraction, trace = _explained(example.text)
    given = trace.given_by(rule.name)
    if not example.gives:
        assert not given, f"{rule.name} must not read {example.text!r}, yet gave {given}"
        return
    facts = _facts(extraction)
    for fact in example.gives:
        assert _has(given, fact), f"{rule.name} did not give {fact} in {example.text!r}; it gave {given}"
        assert _has(facts, fact), f"{fact} given by {rule.name} is not among the review's facts {sorted(map(str, facts))}"


def test_a_rule_without_examples_is_reported():
    bare = Rule("bare", "credits", (re.compile("x"),), {}, 1, lambda ctx, m: None)
    assert example_problems(bare) == ["no example it reads (with the facts it gives)",
                                      "no example it refuses (a denial, a hedge or a look-alike)"]
    only_reads = Rule("half", "works", (), {}, 1, lambda ctx, m: None,
                      examples=(reads("W\n\nW is a novel.", work("W (novel)")),))
    assert example_problems(only_reads) == ["no example it refuses (a denial, a hedge or a look-alike)"]
    assert example_problems(Rule("whole", "works", (), {}, 1, lambda ctx, m: None,
                                 examples=(reads("W\n\nW is a novel.", work("W (novel)")), refuses("W\n\nNo.")))) == []


def test_a_declaration_that_leaves_precedence_to_chance_is_refused():
    taken = SENTENCE_RULES[0]
    clash = Rule("newcomer", "credits", (), {"p": "person"}, taken.priority, lambda ctx, m: None)
    assert f"priority {taken.priority} is {taken.name}'s" in declaration_problems(clash)[0]
    with pytest.raises(ValueError, match="newcomer"):
        register(clash)
    odd = Rule("odd", "opinions", (), {"p": "someone"}, 99_999, lambda ctx, m: None, yields=("creator", "q"))
    assert len(declaration_problems(odd)) == 3


def test_rules_run_in_declared_priority_order():
    assert [r.priority for r in SENTENCE_RULES] == sorted(r.priority for r in SENTENCE_RULES)
    assert all(r.lines for r in SENTENCE_RULES[:4]) and not any(r.lines for r in SENTENCE_RULES[4:])
