"""Running a user's SPARQL query so that no query can hurt the service.

Each query is checked first (graph/safety.py), runs on the dataset its request names, and has
its answer written in full before anything is sent, so a query that runs out of time or space
ends with an error, never with a 200 and a truncated body (which is what Oxigraph's own server
sends when its timeout fires mid-stream).

`QueryService` runs each query in a worker process of its own that the time limit ends. A
process, because pyoxigraph evaluates a query in Rust with no way to cancel it: a thread that
runs past its time cannot be stopped and keeps a core busy for as long as the query lasts, while
a process can be killed. Workers are forked from a zygote, a clean single-threaded process that
has already imported this module (so pyoxigraph and rdflib), so a new one costs milliseconds and
inherits none of the web server's threads or locks. A worker opens the store read-only
(10-25 ms), answers one query, and exits; a query costs some 40-70 ms more than it would in the
server's own process.
"""
from __future__ import annotations

import ctypes
import os
import re
import resource
import select
import signal
import socket
import subprocess
import sys
import threading
from multiprocessing.connection import Connection
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph
from pyoxigraph import NamedNode

from . import formats, safety
from .formats import Format
from .store import first_line, open_read_only
from .safety import QueryError, QueryRefused, QuerySyntaxError  # noqa: F401  (callers catch these from here)

DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_RUNNING = 8
DEFAULT_MAX_RESULT_BYTES = 64 * 2**20
# Address space per worker: room for the store, the parser and a large result, but a cartesian
# product that grows without bound fails in its own worker instead of starving the machine.
DEFAULT_MAX_MEMORY_BYTES = 4 * 2**30


class InvalidRequest(QueryError):
    """The request around the query is wrong (a graph name that is not an IRI)."""


class NotAcceptable(QueryError):
    """None of the formats the client accepts can hold this kind of result."""


class OverLimit(QueryError):
    """The query went past a limit set to keep the service up for everyone."""


class QueryTimeout(OverLimit):
    pass


class ResultTooLarge(OverLimit):
    pass


class Busy(OverLimit):
    """As many queries as allowed are running; this one did not start."""


class QueryFailed(QueryError):
    """The engine or the worker failed on a query that was allowed to run."""


@dataclass(frozen=True)
class Query:
    text: str
    # Format names (graph/formats.py) the answer may come in, best first; the first that
    # suits the query's form is used.
    formats: tuple[str, ...] = formats.NAMES
    # The dataset given with the request (the protocol's default-graph-uri and named-graph-uri).
    # If either is given, it replaces the query's FROM / FROM NAMED; an absent part is empty.
    default_graphs: tuple[str, ...] | None = None
    named_graphs: tuple[str, ...] | None = None
    base_iri: str | None = None  # relative IRIs in the query resolve against it


@dataclass(frozen=True)
class Answer:
    form: str  # SELECT, ASK, CONSTRUCT or DESCRIBE
    format: Format
    body: bytes


class QueryService:
    """Runs queries on the store at `location`, each in its own worker process."""

    def __init__(self, location: Path | str, timeout: float | None = DEFAULT_TIMEOUT,
                 max_running: int = DEFAULT_MAX_RUNNING,
                 max_result_bytes: int | None = DEFAULT_MAX_RESULT_BYTES,
                 max_memory_bytes: int | None = DEFAULT_MAX_MEMORY_BYTES):
        self.location = str(location)
        self.timeout = timeout or None  # 0 or None: no limit
        self.max_running = max_running
        self.max_result_bytes = max_result_bytes
        self.max_memory_bytes = max_memory_bytes
        self._slots = threading.BoundedSemaphore(max_running)

    def run(self, query: Query) -> Answer:
        """The answer, or a QueryError saying why there is none."""
        # Refuse at once rather than queue: a queue would make a short query wait for long ones.
        if not self._slots.acquire(blocking=False):
            raise Busy(f"{self.max_running} queries are running already; try again in a moment.")
        try:
            return self._run_in_worker(query)
        finally:
            self._slots.release()

    def _run_in_worker(self, query: Query) -> Answer:
        worker, pid = _zygote.fork()
        answered = False
        try:
            worker.send((self.location, query, self.max_result_bytes, self.max_memory_bytes))
            if not worker.poll(self.timeout):
                raise timed_out(self.timeout)
            try:
                outcome = worker.recv()
                answered = True
            except EOFError:  # it died: RLIMIT_AS makes an allocation fail, and Rust aborts
                raise QueryFailed(f"The query's worker process ended without an answer, most likely for going "
                                  f"over its memory limit. Narrow the query and try again.") from None
        finally:
            worker.close()
            if not answered:  # out of time: ended now, so that it takes no more of a core
                _zygote.kill(pid)
        if isinstance(outcome, QueryError):
            raise outcome
        form, name, body = outcome
        return Answer(form, formats.BY_NAME[name], body)


def timed_out(seconds: float) -> QueryTimeout:
    return QueryTimeout(f"The query ran out of time and was stopped after {seconds:g} s. "
                        f"Narrow it (a LIMIT, fewer unbound patterns) and try again.")


def warm_up() -> None:
    """Start the zygote now, so that the first query does not wait for its imports."""
    _zygote.start()


class _Zygote:
    """A clean, single-threaded process that forks one worker per query, and kills it on request.

    Started with subprocess, it imports this module (so rdflib, pyoxigraph and a warm SPARQL
    parser) and nothing of the server's. multiprocessing's forkserver would do the same but, on
    Python 3.11, re-runs the server's main script in every worker: for `atlas serve` that is
    spaCy's import, 1.7 s a query. The zygote is the workers' parent and reaps them, so it is
    also the one to kill them: a pid it has not reaped yet cannot belong to another process.
    When the server goes, the zygote ends its workers and itself.
    """

    def __init__(self):
        self._lock = threading.Lock()  # one request on the control socket at a time
        self._process: subprocess.Popen | None = None
        self._control: socket.socket | None = None

    def start(self) -> None:
        with self._lock:
            self._ensure()

    def fork(self) -> tuple[Connection, int]:
        """A connection to a new worker, and its pid."""
        ours, theirs = socket.socketpair()
        try:
            with self._lock:
                for attempt in (1, 2):  # a zygote that died is started again, once
                    self._ensure()
                    try:
                        socket.send_fds(self._control, [_FORK], [theirs.fileno()])
                        reply = self._control.recv(8)
                        if len(reply) != 8:
                            raise OSError("the query workers' zygote did not answer")
                        pid = int.from_bytes(reply, "big")
                        break
                    except OSError:
                        self._process.kill()
                        self._process.wait()
                        if attempt == 2:
                            raise
        finally:
            theirs.close()
        if not pid:
            raise OSError("the query workers' zygote could not fork a worker")
        return Connection(ours.detach()), pid

    def kill(self, pid: int) -> None:
        with self._lock:
            try:
                self._control.sendall(_KILL + pid.to_bytes(8, "big"))
                self._control.recv(8)
            except OSError:  # the zygote is gone, and its workers with it (PR_SET_PDEATHSIG)
                pass

    def _ensure(self) -> None:
        if self._process is not None and self._process.poll() is None:
            return
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        code = f"import sys; sys.path[:0] = {sys.path!r}; from graph.endpoint import _zygote_main; _zygote_main({theirs.fileno()})"
        self._process = subprocess.Popen([sys.executable, "-c", code], pass_fds=[theirs.fileno()],
                                         stdin=subprocess.DEVNULL)
        theirs.close()
        self._control = ours


_FORK, _KILL = b"f", b"k"
_zygote = _Zygote()


def _zygote_main(control_fd: int) -> None:
    """The zygote's loop: fork a worker for each socket it is sent, kill one when asked."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the server, which ends this loop
    control = socket.socket(fileno=control_fd)
    live: set[int] = set()
    while True:
        ready, _, _ = select.select([control], [], [], 1.0)
        for pid in list(live):  # reap the workers that are done
            if os.waitpid(pid, os.WNOHANG)[0]:
                live.discard(pid)
        if not ready:
            continue
        message, fds, _, _ = socket.recv_fds(control, 9, 1)
        if not message:  # the server is gone: so are the queries it was waiting for
            for pid in live:
                os.kill(pid, signal.SIGKILL)
            os._exit(0)
        if message[:1] == _FORK:
            try:
                pid = os.fork()
            except OSError:
                pid = -1
            if pid == -1:
                os.close(fds[0])
                control.sendall(bytes(8))
                continue
            if pid == 0:
                control.close()
                _worker_main(fds[0])
            os.close(fds[0])
            live.add(pid)
            control.sendall(pid.to_bytes(8, "big"))
        elif message[:1] == _KILL:
            pid = int.from_bytes(message[1:9], "big")
            if pid in live:
                os.kill(pid, signal.SIGKILL)
            control.sendall(bytes(8))


# --- in a worker, or here for `execute` ----------------------------------------------------

def _worker_main(fd: int) -> None:
    """A worker: answer the one query that comes on `fd`, send the answer or the error, exit."""
    try:
        _die_with_parent()
        connection = Connection(fd)
        location, query, max_result_bytes, max_memory_bytes = connection.recv()
        if max_memory_bytes:
            resource.setrlimit(resource.RLIMIT_AS, (max_memory_bytes, max_memory_bytes))
        try:
            answer = execute(location, query, max_result_bytes)
            outcome = (answer.form, answer.format.name, answer.body)
        except QueryError as err:
            outcome = err
        except MemoryError:
            outcome = OverLimit("The query needed more memory than a query may use. Narrow it and try again.")
        except Exception as err:  # an engine or storage failure: reported, not raised into the void
            outcome = QueryFailed(f"The query failed: {first_line(err)}")
        connection.send(outcome)
    finally:
        os._exit(0)  # never back into the zygote's loop


def _die_with_parent() -> None:
    """Have Linux kill this worker if its zygote dies, whatever the query is doing."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the zygote's own exit path ends its workers
        pass


_PR_SET_PDEATHSIG = 1


def execute(location: Path | str, query: Query, max_result_bytes: int | None = DEFAULT_MAX_RESULT_BYTES) -> Answer:
    """Check, run and write one query here, in this process and without a time limit."""
    checked = safety.check(query.text)  # before the store is even opened
    fmt = formats.choose(checked.form, query.formats)
    if fmt is None:
        offered = ", ".join(f"{f.name} ({f.media_type})" for f in formats.FORMATS if f.suits(checked.form))
        raise NotAcceptable(f"{checked.form} answers come as {offered}.")
    dataset = {}
    if query.default_graphs is not None or query.named_graphs is not None:
        dataset = {"default_graph": _graphs(query.default_graphs), "named_graphs": _graphs(query.named_graphs)}
    store = open_read_only(location)  # retried: `atlas ingest` may be compacting the store
    try:
        result = store.query(checked.text, base_iri=query.base_iri, **dataset)
        body = formats.serialize(result, fmt, max_result_bytes)
    except SyntaxError as err:  # read by rdflib, but not by Oxigraph (a relative IRI with no base...)
        raise _oxigraph_syntax_error(err) from None
    except formats.Overflow:
        raise ResultTooLarge(f"The result is larger than the {max_result_bytes / 2**20:g} MiB a query may "
                             f"return. Add a LIMIT (and OFFSET to page through it).") from None
    return Answer(checked.form, fmt, body)


def _graphs(iris: tuple[str, ...] | None) -> list[NamedNode]:
    nodes = []
    for iri in iris or ():
        try:
            nodes.append(NamedNode(iri))
        except ValueError:
            raise InvalidRequest(f"Not an absolute IRI, so not a graph name: {iri!r}") from None
    return nodes


def _oxigraph_syntax_error(err: SyntaxError) -> QuerySyntaxError:
    message = first_line(err)
    at = re.match(r"error at (\d+):(\d+): ", message)
    # Oxigraph lists every token it expected; the start of the list is what a person can use.
    what = message[at.end():] if at else message
    what = what if len(what) <= 200 else what[:200] + "..."
    if at:
        line, column = int(at.group(1)), int(at.group(2))
        return QuerySyntaxError(f"SPARQL syntax error at line {line}, column {column}: {what}", line, column)
    return QuerySyntaxError(f"SPARQL syntax error: {what}")
