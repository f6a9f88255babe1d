"""The real SPARQL engines the backend tests run against, each started on a free port of 127.0.0.1
with a throwaway database folder: the Oxigraph server (PyPI `oxigraph`, the test extra) and
Virtuoso 7 (Debian's virtuoso-opensource, `make virtuoso`)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pytest

from graph.store import GraphStore, open_store
from graph.virtuoso_server import MISSING, free_port, virtuoso, virtuoso_installed

# The server's own limit on a query, so that a test's deliberately slow query does not keep a
# core busy for the rest of the session after the client gave up on it.
QUERY_TIMEOUT_S = 10
KINDS = ("oxigraph", "virtuoso")
# Set by `make test`, which installs Virtuoso: there a missing engine fails the tests. Elsewhere
# (pytest run by hand on a machine without it) its tests are skipped, and say why.
REQUIRED = "ATLAS_TEST_ENGINES_REQUIRED"


@dataclass(frozen=True)
class Engine:
    kind: str  # one of KINDS
    url: str

    @property
    def options(self) -> list[str]:
        """The command line's options for this kind of engine, beside --store."""
        return ["--engine", "virtuoso"] if self.kind == "virtuoso" else []

    @property
    def args(self) -> list[str]:
        return ["--store", self.url, *self.options]

    def open(self, read_only: bool = False) -> GraphStore:
        return open_store(self.url, read_only=read_only, engine="virtuoso" if self.kind == "virtuoso" else None)


def oxigraph_binary() -> str:
    found = Path(sys.executable).parent / "oxigraph"
    return str(found) if found.exists() else shutil.which("oxigraph") or "oxigraph"


@contextmanager
def running(kind: str, folder: Path) -> Iterator[Engine]:
    """A new engine of `kind` with its data in `folder`, while it runs."""
    if kind == "oxigraph":
        with oxigraph_server(folder) as url:
            yield Engine(kind, url)
        return
    require_virtuoso()
    with virtuoso(folder) as started:
        yield Engine(kind, started.url)


def require_virtuoso() -> None:
    """Without Virtuoso: fail under `make test`, skip (and say why) elsewhere."""
    if not virtuoso_installed():
        if os.environ.get(REQUIRED):
            pytest.fail(f"{MISSING}: `make test` installs it")
        pytest.skip(f"{MISSING} (under `make test` this fails)")


@contextmanager
def oxigraph_server(location: Path) -> Iterator[str]:
    """`oxigraph serve --location DIR` on a free port of 127.0.0.1: its base URL while it runs."""
    port = free_port()
    process = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}",
                                "--timeout-s", str(QUERY_TIMEOUT_S)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=2).read()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the Oxigraph server did not start: {process.stderr.read().decode()[-500:]}")
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)
