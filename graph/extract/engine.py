"""Reading one sentence: every rule, in its declared order, over the sentence's template. A match
whose name an earlier rule claimed is left by a rule declared to yield; a line a line rule
takes is read by that rule alone."""
from __future__ import annotations

import re
from itertools import chain
from typing import Iterable

from .builder import Builder
from .context import Context
from .mentions import Sentence
from .registry import Rule
from .rules import SENTENCE_RULES


def read_sentence(b: Builder, sent: Sentence, trace=None) -> None:
    ctx = Context(b, sent, trace)
    if trace is not None:
        trace.sentence(sent)
    for rule in SENTENCE_RULES:
        if rule.lines and not sent.is_line or rule.needs is not None and not rule.needs.search(sent.template):
            continue
        for m in _matches(rule, ctx):
            if _read(rule, ctx, m) and rule.lines:
                return


def _matches(rule: Rule, ctx: Context) -> Iterable[re.Match]:
    if rule.find is not None:
        return rule.find(ctx)
    return chain.from_iterable(pattern.finditer(ctx.t) for pattern in rule.patterns)


def _read(rule: Rule, ctx: Context, m: re.Match) -> bool:
    if rule.yields and m.group(rule.yields[1]) is not None:
        claimant = ctx.claimant(rule.yields[0], m.group(rule.yields[1]))
        if claimant is not None:
            if ctx.trace is not None:
                ctx.trace.overruled(rule, m, ctx.sent, claimant)
            return False
    ctx.rule = rule
    if ctx.trace is not None:
        ctx.trace.begin(rule, m, ctx.sent)
    try:
        return bool(rule.read(ctx, m))
    finally:
        if ctx.trace is not None:
            ctx.trace.end()
