"""The `atlas` command line."""
from __future__ import annotations

import functools
import json
import os
import sys
import threading
from pathlib import Path

import click
import pyoxigraph
from rich.console import Console
from rich.progress import track
from rich.table import Table

from . import endpoint, formats, queries
from . import export as exports
from .curation import CurationError
from .curation import load as load_curation
from .extract import explain as explain_review
from .extract import extract as extract_review
from .extract.explain import render
from .gazetteer import Gazetteer
from .ingest import ingest as run_ingest
from .rdf import review_quads
from .read import DEFAULT_MAX_FILE_BYTES, ReadError, read_file
from .resolve import Resolver
from .store import ENGINES, StoreError, first_line, open_store
from .vocab import PREFIXES

# soft_wrap: an error line naming a long path stays one line, whatever the width.
err_console = Console(stderr=True, soft_wrap=True)


def progress(items: list, what: str):
    """`items`, with a progress bar on a terminal (and nothing else in a pipe or a log)."""
    return track(items, description=what, console=err_console, transient=True) if err_console.is_terminal else items


def store_options(command):
    """--store and the engine URLs; the command gets `open_store(read_only=...)` instead."""
    @click.option("--store", "where", envvar="ATLAS_STORE", default=None, metavar="DIR|URL",
                  help="Store folder (default: data/store), or a SPARQL engine's URL such as "
                       "http://127.0.0.1:7878 (also $ATLAS_STORE).")
    @click.option("--query-url", envvar="ATLAS_QUERY_URL", default=None, metavar="URL",
                  help="With an engine: its SPARQL query URL, absolute or under --store (default: query).")
    @click.option("--update-url", envvar="ATLAS_UPDATE_URL", default=None, metavar="URL",
                  help="With an engine: its SPARQL update URL (default: update).")
    @click.option("--graph-store-url", envvar="ATLAS_GRAPH_STORE_URL", default=None, metavar="URL",
                  help="With an engine: its Graph Store Protocol URL (default: store).")
    @click.option("--engine", envvar="ATLAS_ENGINE", default=None, type=click.Choice(sorted(ENGINES)),
                  help="With an engine that needs settings of its own: its kind; virtuoso also sets "
                       "the three URLs (default: sparql, any SPARQL 1.1 engine).")
    @functools.wraps(command)
    def with_store(*args, where, query_url, update_url, graph_store_url, engine, **kwargs):
        urls = {"query_url": query_url, "update_url": update_url, "graph_store_url": graph_store_url}
        return command(*args, open_store=functools.partial(open_store, where, engine=engine, **urls), **kwargs)
    return with_store


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="adaptation-atlas")
def cli():
    """Adaptation Atlas: book-vs-movie reviews into a knowledge graph."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--prune", is_flag=True, help="Drop reviews whose source file is gone.")
@click.option("--curation", "curation_file", type=click.Path(path_type=Path, dir_okay=False), default=None,
              envvar="ATLAS_CURATION", help="Corrections to apply (default: data/curation.yaml if present).")
@click.option("--max-file-mb", type=click.FloatRange(min=0, min_open=True), envvar="ATLAS_MAX_FILE_MB",
              default=DEFAULT_MAX_FILE_BYTES / 2**20, show_default=True,
              help="Refuse review files larger than this (a whole blog's export is a few MB).")
@store_options
def ingest(paths, prune, curation_file, max_file_mb, open_store):
    """Read review files or folders into the store (one named graph per review).

    Text, Markdown (YAML front matter too), HTML pages and WordPress WXR exports."""
    curation = load_curation(curation_file)
    store = open_store()
    report = run_ingest(store, list(paths), prune=prune, curation=curation,
                        progress=lambda reviews: progress(reviews, "Ingesting"),
                        max_bytes=int(max_file_mb * 2**20))
    for line in report.curated:
        err_console.print(f"curated {line}", highlight=False)
    for line in report.failed:
        err_console.print(f"[red]skipped[/red] {line}", highlight=False)
    click.echo(f"{len(report.added)} added, {len(report.replaced)} replaced, "
               f"{len(report.unchanged)} unchanged, {len(report.pruned)} pruned, {len(report.failed)} failed "
               f"-> {store.location}")
    if report.failed:
        sys.exit(1)


@cli.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--name", default=None,
              help="The source's name (default: the first file's, without suffixes); importing under a name "
                   "again replaces that source.")
@click.option("--format", "fmt", default=None, metavar="FORMAT",
              help="csv, jsonl or sparql-json (default: from each file's suffix; gzip is read too).")
@click.option("--map", "pairs", multiple=True, metavar="FIELD=COLUMN",
              help="The column holding a field (id, title, year, author, director, screenwriter, cast, "
                   "based_on_id, based_on_title, based_on_year, based_on_author); 'a|b': the first with a value. "
                   "With no mapping: Wikidata's film/movie, book/work, their ...Label and authorLabel.")
@click.option("--mapping", "mapping_file", type=click.Path(path_type=Path, exists=True, dir_okay=False),
              default=None, help="A YAML mapping: columns (FIELD: COLUMN), kind, based_on_kind, separator, format.")
@click.option("--kind", default=None, help="What each row's work is: novel, book, film, tv_series, ...")
@click.option("--based-on-kind", default=None, help="What the work it adapts is (default: book).")
@click.option("--separator", default=None, help="Between names in one cell (default ','; '' for one name a cell).")
@store_options
def import_(files, name, fmt, pairs, mapping_file, kind, based_on_kind, separator, open_store):
    """Import catalog data into its own named graph, merged with the reviews' works and people.

    Wikidata query results (SPARQL JSON or CSV), CSV or JSON Lines with a column mapping."""
    from .catalog import import_catalog, load_mapping

    mapping = load_mapping(pairs, kind=kind, based_on_kind=based_on_kind, separator=separator, fmt=fmt,
                           file=mapping_file)
    store = open_store()
    report = import_catalog(store, list(files), mapping, name=name, progress=progress)
    if report.unchanged:
        click.echo(f"{report.name}: unchanged (same files, same mapping) -> {report.source}")
        return
    for line in report.skipped[:10]:
        err_console.print(f"[yellow]skipped row[/yellow] {line}", highlight=False)
    if len(report.skipped) > 10:
        err_console.print(f"[yellow]skipped[/yellow] {len(report.skipped) - 10:,} more rows", highlight=False)
    unlabelled = f", {report.unlabelled:,} Wikidata items labelled by their id" if report.unlabelled else ""
    click.echo(f"{report.name}: {'replaced' if report.replaced else 'added'}, {report.rows:,} rows, "
               f"{len(report.skipped):,} skipped, {report.triples:,} triples{unlabelled} -> {report.source}")


@cli.command()
@click.argument("file", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["json", "turtle"]), default="json")
@click.option("--explain", is_flag=True,
              help="Instead of the facts, why each was read: per sentence, its template, the rules that matched, "
                   "what each slot became, the facts each gave, and the matches that gave nothing.")
def extract(file, fmt, explain):
    """Print the facts extracted from one review file (a list for a many-post export)."""
    reviews = read_file(file)
    if explain:
        for review in reviews:
            if len(reviews) > 1:
                click.echo(f"== {review.title}")
            click.echo(render(explain_review(review)[1]), nl=False)
        return
    extractions = [extract_review(review) for review in reviews]
    gazetteer = Gazetteer.default()
    for extraction in extractions:
        extraction.wikidata = gazetteer.links(extraction)
    if fmt == "json":
        facts = [e.to_json() for e in extractions]
        click.echo(json.dumps(facts[0] if len(facts) == 1 else facts, indent=2, ensure_ascii=False))
        return
    resolver = Resolver()
    triples = [pyoxigraph.Triple(q.subject, q.predicate, q.object)
               for review, extraction in zip(reviews, extractions)
               for q in review_quads(review, extraction, resolver)]
    click.echo(pyoxigraph.serialize(triples, format=pyoxigraph.RdfFormat.TURTLE,
                                    prefixes=PREFIXES).decode())


def _stop_after(seconds: float) -> threading.Timer:
    """The time limit of a query run here. pyoxigraph lets go of the GIL while it evaluates and
    writes, so this timer fires on time; a running query cannot be cancelled, so the process ends."""
    def expire():
        click.echo(f"atlas: error: {endpoint.timed_out(seconds)}", err=True)
        os._exit(1)

    timer = threading.Timer(seconds, expire)
    timer.daemon = True
    timer.start()
    return timer


@cli.command()
@click.argument("query")
@click.option("--format", "fmt", type=click.Choice(["table", *formats.NAMES]), default="table",
              help="table: a SELECT query's rows as a table (other queries as JSON or Turtle).")
@click.option("--timeout", type=float, default=endpoint.DEFAULT_TIMEOUT, show_default=True, metavar="SECONDS",
              help="Stop the query after this long (0: no limit).")
@store_options
def query(query, fmt, timeout, open_store):
    """Run a read-only SPARQL query (text or a .rq file) over the whole graph.

    The web endpoint's rules apply: SERVICE, LOAD and updates are refused, and the query stops
    at the time limit."""
    text = Path(query).read_text(encoding="utf-8") if query.endswith(".rq") else query
    # A missing store is one clear line; an engine's answer may take as long as the query may.
    store = open_store(read_only=True).with_limits(timeout or None)
    watchdog = _stop_after(timeout) if timeout else None
    answer = endpoint.execute(store, endpoint.Query(text, ("json", "turtle") if fmt == "table" else (fmt,)),
                              max_result_bytes=None)
    if watchdog:
        watchdog.cancel()
    if fmt == "table" and answer.form == "SELECT":
        results = json.loads(answer.body)
        names = results["head"]["vars"]
        table = Table(*names)
        for row in results["results"]["bindings"]:
            table.add_row(*[row[n]["value"] if n in row else "" for n in names])
        Console().print(table)
    else:
        sys.stdout.buffer.write(answer.body)
        sys.stdout.buffer.flush()


@cli.command()
@click.option("--format", "fmt", required=True, metavar="FORMAT",
              help=f"One of: {', '.join(exports.NAMES)} (csv and json also take a SELECT query's result).")
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="File to write, whole or not at all (default: standard output).")
@click.option("--entity", default=None, metavar="IRI", help="Export this entity's neighbourhood only.")
@click.option("--depth", type=int, default=None, help="With --entity: how many links out (default 1).")
@click.option("--query", "query_file", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Export this .rq file's result: CONSTRUCT as RDF, SELECT as csv or json.")
@store_options
def export(fmt, out, entity, depth, query_file, open_store):
    """Export the graph, one entity's neighbourhood or a query's result."""
    text = query_file.read_text(encoding="utf-8") if query_file else None
    prepared = exports.prepare(open_store(read_only=True), fmt, entity=entity, depth=depth,
                               query=text, name=query_file.stem if query_file else "query")
    if out is None:
        prepared.write(sys.stdout.buffer)
        sys.stdout.buffer.flush()
    else:
        exports.save(prepared, out)
        err_console.print(f"wrote {out}", highlight=False)


@cli.command("eval")
@click.argument("folders", nargs=-1, required=True,
                type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option("--verbose", is_flag=True, help="List every missing and extra fact.")
@click.option("--strict-works", is_flag=True,
              help="Set aside only the facts about works the gold lists under other_works: a work made up from "
                   "a menu or a heading counts against precision (as shared/eval/score.py --strict-works).")
def evaluate(folders, verbose, strict_works):
    """Score extraction against the *.gold.json files in FOLDERS (each beside its review)."""
    from .evaluate import evaluate as run_evaluate

    result = run_evaluate(list(folders), strict_works)
    for name, scores in result.per_review.items():
        f1s = " ".join(f"{kind} {t.f1:.2f}" for kind, t in scores.items())
        click.echo(f"{name:40s} {f1s}")
        if verbose:
            for kind, tally in scores.items():
                for fact in tally.missing:
                    click.echo(f"    missing {kind}: {fact}")
                for fact in tally.extra:
                    click.echo(f"    extra   {kind}: {fact}")
    click.echo("")
    for kind, tally in result.per_kind.items():
        click.echo(f"{kind:12s} precision {tally.precision:.3f}  recall {tally.recall:.3f}  F1 {tally.f1:.3f}  "
                   f"(gold {tally.gold}, predicted {tally.predicted})")
    v = result.verdicts
    click.echo(f"verdict      {v.matched_gold} of {v.gold} right ({v.predicted} given)")
    if result.sides.gold:
        s = result.sides
        click.echo(f"side         {s.matched_gold} of {s.gold} right (page, screen, both, neither, undecided)")
    d = result.differences
    if d.gold:
        click.echo(f"differences  precision {d.precision:.3f}  recall {d.recall:.3f}  F1 {d.f1:.3f}  "
                   f"(gold {d.gold}, predicted {d.predicted}); kind right for {d.kinds} of {d.matched_gold} found")
        if verbose:
            for sentence in d.missing:
                click.echo(f"    missing difference: {sentence}")
            for sentence in d.extra:
                click.echo(f"    extra   difference: {sentence}")
    m = result.micro
    click.echo(f"micro        precision {m.precision:.3f}  recall {m.recall:.3f}  F1 {m.f1:.3f}")


@cli.command()
@store_options
def validate(open_store):
    """Check the graph against the SHACL shapes; exit 1 on violations."""
    from .validate import validate as run_validate

    conforms, report = run_validate(open_store(read_only=True))
    if conforms:
        click.echo("The graph conforms to ontology/shapes.ttl.")
        return
    click.echo(report)
    sys.exit(1)


@cli.command()
@store_options
def stats(open_store):
    """Counts of reviews, works, people, characters and triples."""
    for name, n in queries.counts(open_store(read_only=True)).items():
        click.echo(f"{name:12s} {n}")


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--query-timeout", type=float, default=endpoint.DEFAULT_TIMEOUT, show_default=True, metavar="SECONDS",
              help="Stop a SPARQL query sent to /sparql after this long (0: no limit).")
@store_options
def serve(host, port, query_timeout, open_store):
    """Serve the explorer, and the SPARQL endpoint at /sparql."""
    from webapp import create_app
    from webapp.server import Server

    store = open_store(read_only=True)
    app = create_app(store)
    app.config["SPARQL_QUERY_TIMEOUT"] = query_timeout
    server = Server(app, host, port)
    endpoint.warm_up()  # the first query need not wait for the query workers' imports
    click.echo(f"Serving {store.location} on {server.url}/")
    server.run()


def main() -> None:
    """Entry point: expected failures become one line on stderr and exit status 1."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.ClickException as err:
        err.show()
        sys.exit(err.exit_code)
    except click.Abort:
        click.echo("atlas: interrupted", err=True)
        sys.exit(130)
    except (ReadError, StoreError, CurationError) as err:
        click.echo(f"atlas: error: {err}", err=True)
        sys.exit(1)
    except SyntaxError as err:
        click.echo(f"atlas: error: bad SPARQL: {first_line(err)}", err=True)
        sys.exit(1)
    except (OSError, ValueError) as err:
        click.echo(f"atlas: error: {first_line(err)}", err=True)
        sys.exit(1)
    except Exception as err:  # a bug: still one line, and a status that tells it from bad input
        click.echo(f"atlas: internal error ({type(err).__name__}): {first_line(err)}; please report it", err=True)
        sys.exit(2)
