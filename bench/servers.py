"""The SPARQL servers the scale benchmark queries over HTTP, each a process of its own, and the
peak memory of a server's process tree.

    atlas serve                     the project's explorer and /sparql (bench/load_bench.py starts it)
    oxigraph serve-read-only        the Oxigraph server (PyPI `oxigraph`) on the same store folder
    rdflib-endpoint on uvicorn      an rdflib Graph of the same triples: what a user would pick instead
    Virtuoso 7                      Debian's, the same quads bulk-loaded (graph/virtuoso_server.py)

Run as a script, this module is the rdflib-endpoint server: `python bench/servers.py rdflib FILE.nt PORT`.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from load_bench import free_port

READY_TIMEOUT = 180  # seconds; rdflib takes some 25 s (and 1.5 GB) to load a million triples


def wait_ready(url: str, process: subprocess.Popen, log: Path, timeout: float = READY_TIMEOUT) -> None:
    """Wait until `url` answers (any HTTP status), or fail with the end of the server's log."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=10):
                return
        except urllib.error.HTTPError:
            return  # it answers, if not with a 200 to a bare GET
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError(f"{url} did not start: {log.read_text()[-2000:]}") from None
            time.sleep(0.2)


def oxigraph_server(location: Path, log: Path) -> tuple[str, subprocess.Popen]:
    """`oxigraph serve-read-only` on the store folder: (its SPARQL query URL, process)."""
    binary = Path(sys.executable).with_name("oxigraph")
    binary = str(binary) if binary.exists() else shutil.which("oxigraph")
    if binary is None:
        raise RuntimeError("the Oxigraph server is not installed: pip install -c requirements.lock -e '.[bench]'")
    port = free_port()
    with log.open("w") as out:
        process = subprocess.Popen([binary, "serve-read-only", "--location", str(location),
                                    "--bind", f"127.0.0.1:{port}"], stdout=out, stderr=out)
    base = f"http://127.0.0.1:{port}"
    wait_ready(base + "/query?query=ASK%7B%7D", process, log)
    return base + "/query", process


def rdflib_server(ntriples: Path, log: Path) -> tuple[str, subprocess.Popen]:
    """rdflib-endpoint serving an rdflib Graph loaded from `ntriples`: (its SPARQL URL, process)."""
    port = free_port()
    with log.open("w") as out:
        process = subprocess.Popen([sys.executable, __file__, "rdflib", str(ntriples), str(port)],
                                   stdout=out, stderr=out)
    url = f"http://127.0.0.1:{port}/"
    wait_ready(url + "?query=ASK%7B%7D", process, log)
    return url, process


def load_virtuoso(running, nquads: Path) -> float:
    """Virtuoso's bulk loader over an N-Quads file in its database folder, the default graph's
    triples into the union graph, as graph/virtuoso.py keeps them; the seconds it took, with the
    checkpoint that makes them durable."""
    from graph.virtuoso_server import isql
    from graph.vocab import UNION_GRAPH

    start = time.perf_counter()
    isql(running.sql_port, f"ld_dir('{nquads.parent}', '{nquads.name}', '{UNION_GRAPH}')", "rdf_loader_run()",
         "checkpoint")
    seconds = time.perf_counter() - start
    failed = isql(running.sql_port, "SELECT ll_file, ll_error FROM DB.DBA.LOAD_LIST WHERE ll_error IS NOT NULL")
    if nquads.name in failed:
        raise RuntimeError(f"Virtuoso's loader failed: {failed.strip()[-500:]}")
    return seconds


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class PeakMemory:
    """Samples a process's resident memory, and that of its process tree, every `interval` s.

    The tree's figure adds up its processes' RSS: pages that forked workers share with their
    parent are counted once per process, so it is an upper bound.
    """

    def __init__(self, pid: int, interval: float = 0.05):
        import psutil

        self.process = psutil.Process(pid)
        self.interval = interval
        self.own = self.tree = 0  # bytes
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        import psutil

        while not self._stop.wait(self.interval):
            try:
                own = self.process.memory_info().rss
                children = sum(c.memory_info().rss for c in self.process.children(recursive=True))
            except psutil.Error:  # a worker ended while it was looked at: the next sample counts
                continue
            self.own, self.tree = max(self.own, own), max(self.tree, own + children)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def serve_rdflib(ntriples: str, port: int) -> None:
    """rdflib-endpoint as its documentation runs it: a SparqlEndpoint app on uvicorn."""
    import rdflib
    import uvicorn
    from rdflib_endpoint import SparqlEndpoint

    graph = rdflib.Graph()
    graph.parse(ntriples, format="nt")
    uvicorn.run(SparqlEndpoint(graph=graph), host="127.0.0.1", port=port, log_level="warning")


if __name__ == "__main__":
    if sys.argv[1:2] == ["rdflib"]:
        serve_rdflib(sys.argv[2], int(sys.argv[3]))
