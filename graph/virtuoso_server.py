"""A throwaway Virtuoso 7 for the tests and the benchmark, set up as the atlas needs it.

Debian's virtuoso-opensource (`make virtuoso`) is started on its own database folder, on free
ports of 127.0.0.1 only, from a copy of Debian's virtuoso.ini with these changes (the README's
Virtuoso settings, each needed for an answer to be whole and the same as elsewhere):

- ResultSetMaxRows: Virtuoso cuts a larger result at 10,000 rows and says so only in a header;
- MaxQueryExecutionTime 0: past it, Virtuoso answers a 200 with the rows found so far;
- DefaultHost: the host that Virtuoso names its own graphs after.

Then, through isql (`SETUP`): the SPARQL endpoint's user may run updates, and the graphs the new
database already holds (about 5,600 triples of Virtuoso's own: schemas, WebDAV, the service
description) are made private, so that GRAPH ?g in a query sees only the atlas's graphs.
"""
from __future__ import annotations

import re
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

DEBIAN_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
DEBIAN_DB = "/var/lib/virtuoso-opensource-7/db/"
SERVER, ISQL = "virtuoso-t", "isql-vt"
PRIVATE = "http://www.openlinksw.com/schemas/virtrdf#PrivateGraphs"
# 'nobody', the endpoint's anonymous user, on private graphs: nothing; on the others: read and
# write (no sponging: a FROM <url> is never fetched).
SETUP = ['GRANT SPARQL_UPDATE TO "SPARQL"',
         f"DB.DBA.RDF_GRAPH_GROUP_CREATE ('{PRIVATE}', 1)",
         "DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 0, 1)",
         "DB.DBA.RDF_DEFAULT_USER_PERMS_SET ('nobody', 3)"]
READY_TIMEOUT = 60  # seconds; a new database answers after about 5


MISSING = f"no {SERVER}: install Debian's virtuoso-opensource (make virtuoso)"


def virtuoso_installed() -> bool:
    return shutil.which(SERVER) is not None and shutil.which(ISQL) is not None and DEBIAN_INI.exists()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def config(folder: Path, sql_port: int, http_port: int, buffers: int | None = None,
           max_rows: int = 1_000_000_000) -> str:
    """Debian's virtuoso.ini for a database in `folder`, served on 127.0.0.1 only. `buffers`:
    8 KiB pages of cache (Debian's 10,000 unless given; its ini suggests 170,000 for 2 GB);
    `max_rows`: the most rows Virtuoso sends of an answer (ResultSetMaxRows)."""
    text = DEBIAN_INI.read_text(encoding="utf-8").replace(DEBIAN_DB, f"{folder}/")
    settings = {"ServerPort": None, "DefaultHost": f"127.0.0.1:{http_port}", "ResultSetMaxRows": str(max_rows),
                "MaxQueryExecutionTime": "0", "DirsAllowed": f"., {folder}"}
    if buffers:
        settings |= {"NumberOfBuffers": str(buffers), "MaxDirtyBuffers": str(buffers * 3 // 4)}
    ports = iter([f"127.0.0.1:{sql_port}", f"127.0.0.1:{http_port}"])  # [Parameters], then [HTTPServer]
    for name, value in settings.items():
        text = re.sub(rf"(?m)^{name}(\s*)=.*$",
                      lambda m: f"{name}{m.group(1)}= {value or next(ports)}", text)
    return text


@dataclass(frozen=True)
class Running:
    url: str  # HTTP, under which /sparql and /sparql-graph-crud answer
    sql_port: int  # isql's
    pid: int


@contextmanager
def virtuoso(folder: Path, buffers: int | None = None, max_rows: int = 1_000_000_000) -> Iterator[Running]:
    """A new Virtuoso database in `folder`, running and set up (`buffers`, `max_rows`: see config)."""
    if not virtuoso_installed():
        raise RuntimeError(MISSING)
    folder.mkdir(parents=True, exist_ok=True)
    sql_port, http_port = free_port(), free_port()
    ini = folder / "virtuoso.ini"
    ini.write_text(config(folder, sql_port, http_port, buffers, max_rows), encoding="utf-8")
    log = (folder / "server.log").open("w")
    process = subprocess.Popen([SERVER, "+foreground", "+configfile", str(ini)], cwd=folder,
                               stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{http_port}"
    try:
        _wait(url, process, folder / "server.log")
        isql(sql_port, *SETUP, *(f"DB.DBA.RDF_GRAPH_GROUP_INS ('{PRIVATE}', '{g}')" for g in _graphs(url)))
        yield Running(url, sql_port, process.pid)
    finally:
        process.terminate()  # Virtuoso checkpoints and stops
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def isql(port: int, *statements: str) -> str:
    """Run SQL statements as the database's administrator; their output. Fails on the first error."""
    script = "".join(f"{s};\n" for s in statements)
    done = subprocess.run([ISQL, str(port), "dba", "dba", "VERBOSE=OFF", "ERRORS=STDOUT",
                           "BANNER=OFF", "PROMPT=OFF", f"EXEC=SET ECHO OFF; {script}"],
                          capture_output=True, text=True, timeout=600, stdin=subprocess.DEVNULL)
    if done.returncode != 0 or "*** Error" in done.stdout:
        raise RuntimeError(f"isql failed: {(done.stdout + done.stderr).strip()[-500:]}")
    return done.stdout


def _wait(url: str, process: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + READY_TIMEOUT
    while True:
        try:
            with urllib.request.urlopen(f"{url}/sparql?query=ASK%7B%7D", timeout=5):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"Virtuoso did not start: {log.read_text()[-800:]}") from None
            time.sleep(0.2)


def _graphs(url: str) -> list[str]:
    """The graphs the database holds (as Virtuoso's anonymous user sees them)."""
    query = urllib.parse.urlencode({"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"})
    request = urllib.request.Request(f"{url}/sparql?{query}", headers={"Accept": "text/csv"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return [line.strip().strip('"') for line in response.read().decode().splitlines()[1:] if line.strip()]

