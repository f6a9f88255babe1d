"""The rules, grouped by what they assert. Declaring a rule registers it (see
graph.extract.registry); the order they run in is their declared priority, not this list's."""
from __future__ import annotations

from ..registry import declared
from . import active, adaptations, cast, credits, differences, lines, possessives, roles, verdicts, works  # noqa: F401

SENTENCE_RULES = declared(verdicts=False)
VERDICT_RULES = declared(verdicts=True)
