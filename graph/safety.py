"""A user's SPARQL checked before anything runs it: read-only queries that reach no other server.

Oxigraph runs SERVICE (a request to any URL the query names) and LOAD whenever it is asked to,
and has no switch to turn that off. So a query from outside is parsed here first, with rdflib's
SPARQL parser, and refused if it is an update (LOAD, INSERT, CLEAR...) or calls SERVICE
anywhere: prefixed (`SERVICE ex:x`), through a variable, SILENT, or nested in OPTIONAL, MINUS,
GRAPH, EXISTS, BIND or a subquery. FROM and FROM NAMED are harmless: Oxigraph reads them as
the store's own graphs and never fetches them.

Two parsers read the same text (rdflib here, Oxigraph when it runs), so a text that one of them
reads differently could slip through a check made by the other alone. A second, lexical check
closes that gap: after comments, strings and IRIs are set aside, a SERVICE keyword anywhere is
refused, whatever either parser makes of it.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from pyparsing import ParseBaseException, ParseResults
from rdflib.plugins.sparql import parser
from rdflib.plugins.sparql.parserutils import CompValue

FORMS = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT",
         "DescribeQuery": "DESCRIBE"}


class QueryError(ValueError):
    """A query that is not run; the message is one line a person can act on.

    The constructor's arguments are the exception's args, so an error pickles unchanged
    from the worker process that found it (graph/endpoint.py) to the process that reports it.
    """

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message, line, column)
        self.message, self.line, self.column = message, line, column

    def __str__(self) -> str:
        return self.message


class QuerySyntaxError(QueryError):
    """Not SPARQL; `line` and `column` (1-based) point at the problem where the parser knows."""


class QueryRefused(QueryError):
    """Well-formed, but this read-only, self-contained service does not run it."""


@dataclass(frozen=True)
class CheckedQuery:
    text: str
    form: str  # SELECT, ASK, CONSTRUCT or DESCRIBE


def check(text: str) -> CheckedQuery:
    """The query if it may run; QuerySyntaxError or QueryRefused if not."""
    # rdflib's parse is most of a small query's time (0.7-5 ms against Oxigraph's 0.02-0.2 ms for
    # the query itself), and clients send the same texts again and again (a page, a dashboard, a
    # benchmark). The verdict depends on the text alone, so the recent ones are kept. Refusals are
    # not (lru_cache keeps no raised exception), nor long texts, which would make the cache big.
    if len(text) <= _CACHED_TEXT_LENGTH:
        return _cached_check(text)
    return _check(text)


def _check(text: str) -> CheckedQuery:
    try:
        tree = parser.parseQuery(text)
    except ParseBaseException as err:
        if _is_update(text):
            raise QueryRefused("SPARQL Update (LOAD, INSERT, DELETE, CLEAR, DROP...) is refused: "
                               "this service is read-only") from None
        raise syntax_error(err) from None
    except (RecursionError, ValueError) as err:  # very deep nesting; a bad \u escape
        raise QuerySyntaxError(f"SPARQL syntax error: {type(err).__name__}: {err}") from None
    if _has_service(tree) or _service_keyword(text):
        raise QueryRefused("SERVICE is refused: this service sends no requests to other servers")
    return CheckedQuery(text, FORMS[tree[1].name])


_CACHED_TEXT_LENGTH = 16 * 1024
_cached_check = functools.lru_cache(maxsize=256)(_check)  # a few MiB at most


def syntax_error(err: ParseBaseException) -> QuerySyntaxError:
    # str(err) ends with "(at char N), (line:L, col:C)": said once, in words, by the prefix.
    what = re.sub(r"\s*\(at char \d+\), \(line:\d+, col:\d+\)\s*$", "", str(err))
    return QuerySyntaxError(f"SPARQL syntax error at line {err.lineno}, column {err.col}: {what}",
                            err.lineno, err.col)


def _is_update(text: str) -> bool:
    try:
        parser.parseUpdate(text)
    except (ParseBaseException, RecursionError, ValueError):
        return False
    return True


def _has_service(node) -> bool:
    """Whether the parse tree holds a SERVICE pattern at any depth."""
    if isinstance(node, CompValue):
        return node.name == "ServiceGraphPattern" or any(_has_service(v) for v in node.values())
    if isinstance(node, (list, tuple, ParseResults)):
        return any(_has_service(v) for v in node)
    return False


# SPARQL's tokens that may hold the letters S-E-R-V-I-C-E without being the keyword. IRIREF
# follows the grammar exactly (no spaces, no '<'), so `?a < ?b` is never read as an IRI.
_SET_ASIDE = re.compile(r"""
      '''(?:[^'\\]|\\.|'(?!''))*'''
    | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
    | '(?:[^'\\\n\r]|\\.)*'
    | "(?:[^"\\\n\r]|\\.)*"
    | <[^<>"{}|^`\\\x00-\x20]*>
    | \#[^\n\r]*
    | [?$]\w+                                   # variables (their names may start with a digit)
    | (?:[^\W\d][\w.\-]*)?:[\w.\-%\\:]*         # prefixed names (`:x` too) and blank nodes
    | [^\W\d]\w*                                  # keywords and other words
    """, re.VERBOSE | re.DOTALL)


def _service_keyword(text: str) -> bool:
    text = parser.expandUnicodeEscapes(text)  # both parsers expand \u0053ERVICE before reading
    return any(m.group().upper() == "SERVICE" for m in _SET_ASIDE.finditer(text))


# pyparsing readies rdflib's SPARQL grammar on its first parse (some 40 ms). Done here, once in
# each process that imports this module, it is done for every query worker forked from the
# zygote (graph/endpoint.py), which then starts warm.
parser.parseQuery("PREFIX a: <http://a/> SELECT ?x (COUNT(*) AS ?n) WHERE { ?x a:p ?y OPTIONAL { ?y a:q 'z'@en } "
                  "FILTER(?y > 2 && REGEX(STR(?x), '^a')) } GROUP BY ?x ORDER BY DESC(?n) LIMIT 10")
