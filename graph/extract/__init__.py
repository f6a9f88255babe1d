"""Extraction: one review's text into works, adaptations, credits and cast, each fact with the
sentence it came from. The modules follow the steps:

    page        the page's lines (a credit block split per credit), spaCy's reading of them,
                and its sentences, with verdict headings and a listicle's sections
    names       the people the review names, misspelt variants folded in
    headline,   what is reviewed: the book and screen version, from credit lines, the headline
    reviewed,   and the body; known: what the gazetteer tells of the page's titles
    titles,
    known
    mentions    each sentence as a template of numbered name slots ("<0>, which <1> directed.")
    patterns    the language rules are written in
    registry    rules as declared units: pattern, slots, fact, priority, examples
    rules/      the rules, by what they assert: lines, credits, active, possessives,
                adaptations, works, cast, roles, verdicts
    builder,    the review's facts as the rules give them; what a rule's words point at
    clues,
    context
    engine      one sentence through every rule, in declared order
    assemble    the whole review: two readings, the verdict, the source's real title
    explain     why each fact was read (atlas extract --explain)
"""
from ..facts import Extraction
from .assemble import explain, explain_sentence, extract, extract_parsed
from .page import Parsed, parse

__all__ = ["Extraction", "Parsed", "explain", "explain_sentence", "extract", "extract_parsed", "parse"]
