"""Running a user's SPARQL query so that no query can hurt the service.

Each query is checked first (graph/safety.py), runs on the dataset its request names, and has
its answer written in full before anything is sent, so a query that runs out of time or space
ends with an error, never with a 200 and a truncated body (which is what Oxigraph's own server
sends when its timeout fires mid-stream).

`QueryService` runs queries in worker processes that the time limit ends. A process, because
pyoxigraph evaluates a query in Rust with no way to cancel it: a thread that runs past its time
cannot be stopped and keeps a core busy for as long as the query lasts, while a process can be
killed. Workers are forked from a zygote, a clean single-threaded process that has already
imported this module (so pyoxigraph and rdflib), so they inherit none of the web server's threads
or locks. A worker keeps the store open read-only and answers one query after another over its
pipe, under a memory limit of its own, so a query costs the server a pipe's round trip (about
0.2 ms) more than in its own process. One that runs out of time is killed, one that fails is let
go, and the next query gets a new one (a fork and an opening of the store, 10-25 ms). Before each
query a worker looks at the store's version and opens it again if `atlas ingest` changed it.

Measured on the sample reviews (2-core machine, medians; the service's time is `run`, /sparql's
the Flask test client's GET; raw is pyoxigraph in-process, the answer written as JSON):

| query | raw | service | /sparql |
|---|---|---|---|
| ASK | 0.02 ms | 0.21 ms | 0.66 ms |
| one entity's neighbourhood | 0.03 ms | 0.24 ms | 0.70 ms |
| label search (CONTAINS) | 0.14 ms | 0.39 ms | 0.92 ms |
| people with several roles | 1.56 ms | 1.82 ms | 3.11 ms |
| 2-hop path between two people | 0.03 ms | 0.25 ms | 0.73 ms |
| COUNT | 0.99 ms | 1.23 ms | 1.82 ms |

A worker per query (fork, open, answer, exit) took 17-36 ms for ASK, neighbourhood, label search
and COUNT on an otherwise idle machine, 24-98 ms for each query beside other work. The times are
for a query text seen before (graph/safety.py keeps its recent verdicts); a new text adds
rdflib's parse, 0.7-5 ms. On a store of 197,000 triples the overhead stays the
same: label search 7.8 ms raw, 9.1 ms through the service; several roles 98 and 103 ms.
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
from typing import Callable

from pyoxigraph import NamedNode

from . import formats, safety
from .formats import Format
from .remote import AnswerTooLarge, EngineTimeout, RemoteStore
from .store import GraphStore, Store, StoreError, first_line, folder_version
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


class _Slots:
    """At most `max_running` queries at once; one more is refused at once rather than queued,
    since a queue would make a short query wait for long ones."""

    def __init__(self, max_running: int):
        self.max_running = max_running
        self._slots = threading.BoundedSemaphore(max_running)

    def run(self, query: Query) -> Answer:
        """The answer, or a QueryError saying why there is none."""
        if not self._slots.acquire(blocking=False):
            raise Busy(f"{self.max_running} queries are running already; try again in a moment.")
        try:
            return self._answer(query)
        finally:
            self._slots.release()

    def _answer(self, query: Query) -> Answer:
        raise NotImplementedError


class QueryService(_Slots):
    """Runs queries on the store at `location` in worker processes that keep it open."""

    def __init__(self, location: Path | str, timeout: float | None = DEFAULT_TIMEOUT,
                 max_running: int = DEFAULT_MAX_RUNNING,
                 max_result_bytes: int | None = DEFAULT_MAX_RESULT_BYTES,
                 max_memory_bytes: int | None = DEFAULT_MAX_MEMORY_BYTES):
        super().__init__(max_running)
        self.location = str(location)
        self.timeout = timeout or None  # 0 or None: no limit
        self.max_result_bytes = max_result_bytes
        self.max_memory_bytes = max_memory_bytes
        # Workers waiting for a query: at most one per slot. The last one back goes out first,
        # so a steady trickle of queries keeps reusing one worker whose caches are warm.
        self._idle: list[_Worker] = []
        self._idle_lock = threading.Lock()

    def _answer(self, query: Query) -> Answer:
        worker = self._take()
        goes_on = False
        try:
            try:
                worker.connection.send((query, self.max_result_bytes))
                if not worker.connection.poll(self.timeout):
                    raise timed_out(self.timeout)
                outcome, goes_on = worker.connection.recv()
            except (EOFError, OSError):  # it died: RLIMIT_AS makes an allocation fail, and Rust aborts
                raise QueryFailed("The query's worker process ended without an answer, most likely for going "
                                  "over its memory limit. Narrow the query and try again.") from None
        finally:
            if goes_on:
                with self._idle_lock:
                    self._idle.append(worker)
            else:  # out of time (ended now, so that it takes no more of a core), failed, or gone
                worker.end()
        if isinstance(outcome, QueryError):
            raise outcome
        form, name, body = outcome
        return Answer(form, formats.BY_NAME[name], body)

    def _take(self) -> _Worker:
        while True:
            with self._idle_lock:
                worker = self._idle.pop() if self._idle else None
            if worker is None:
                return _Worker.start(self.location, self.max_memory_bytes)
            # An idle worker has nothing to say: something to read is the end of file of one that died.
            if not worker.connection.poll(0):
                return worker
            worker.end()


class EngineQueryService(_Slots):
    """Runs queries on a remote SPARQL engine (graph/remote.py), in the request's own thread.

    The engine does the work in its own process, so no worker is needed here. The time limit is
    on the engine's whole answer, read as it comes: past it, the client hears that no answer
    came in time, and the engine's own time limit, if it has one, is what stops the query there.
    The answer is read only up to twice the size limit (the engine's JSON and ours differ a
    little), so a huge result never fills the server's memory. The check, the dataset, the
    formats and the Busy refusal are the same as for the embedded store.
    """

    def __init__(self, store: RemoteStore, timeout: float | None = DEFAULT_TIMEOUT,
                 max_running: int = DEFAULT_MAX_RUNNING,
                 max_result_bytes: int | None = DEFAULT_MAX_RESULT_BYTES):
        super().__init__(max_running)
        self.timeout = timeout or None
        self.store = store.with_limits(self.timeout, 2 * max_result_bytes if max_result_bytes else None)
        self.max_result_bytes = max_result_bytes

    def _answer(self, query: Query) -> Answer:
        try:
            return execute(self.store, query, self.max_result_bytes)
        except EngineTimeout:
            raise QueryTimeout(f"The engine sent no answer within {self.timeout:g} s. Narrow the query "
                               f"(a LIMIT, fewer unbound patterns) and try again.") from None
        except AnswerTooLarge:
            raise too_large(self.max_result_bytes) from None
        except StoreError as err:
            raise QueryFailed(f"The query failed: {err}") from None


def service_for(store: GraphStore, timeout: float | None = DEFAULT_TIMEOUT) -> QueryService | EngineQueryService:
    """The query service for a store: worker processes over an embedded store, or the engine's own."""
    if isinstance(store, RemoteStore):
        return EngineQueryService(store, timeout=timeout)
    return QueryService(store.location, timeout=timeout)


@dataclass(frozen=True)
class _Worker:
    connection: Connection
    pid: int

    @classmethod
    def start(cls, location: str, max_memory_bytes: int | None) -> _Worker:
        worker = cls(*_zygote.fork())
        try:
            worker.connection.send((location, max_memory_bytes))
        except OSError:
            worker.end()
            raise
        return worker

    def end(self) -> None:
        self.connection.close()
        _zygote.kill(self.pid)


def timed_out(seconds: float) -> QueryTimeout:
    return QueryTimeout(f"The query ran out of time and was stopped after {seconds:g} s. "
                        f"Narrow it (a LIMIT, fewer unbound patterns) and try again.")


def warm_up() -> None:
    """Start the zygote now, so that the first query does not wait for its imports."""
    _zygote.start()


class _Zygote:
    """A clean, single-threaded process that forks the query workers, and kills one on request.

    Started with subprocess, it imports this module (so rdflib, pyoxigraph and a warm SPARQL
    parser) and nothing of the server's. multiprocessing's forkserver would do the same but, on
    Python 3.11, re-runs the server's main script in every worker: for `atlas serve` that is
    spaCy's import, 1.7 s a worker. The zygote is the workers' parent and reaps them, so it is
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
    """A worker: answer the queries that come on `fd`, each with its answer or error, until the
    service lets go of it or a failure leaves it in a state not to be trusted with another query."""
    try:
        _die_with_parent()
        connection = Connection(fd)
        location, max_memory_bytes = connection.recv()
        if max_memory_bytes:
            resource.setrlimit(resource.RLIMIT_AS, (max_memory_bytes, max_memory_bytes))
        store = _LiveStore(location)
        goes_on = True
        while goes_on:
            try:
                query, max_result_bytes = connection.recv()
            except EOFError:  # the service is done with this worker
                break
            try:
                answer = _execute(store.current, query, max_result_bytes)
                outcome = (answer.form, answer.format.name, answer.body)
            except QueryError as err:
                outcome = err
            except MemoryError:
                outcome, goes_on = OverLimit("The query needed more memory than a query may use. "
                                             "Narrow it and try again."), False
            except Exception as err:  # an engine or storage failure: reported, not raised into the void
                outcome, goes_on = QueryFailed(f"The query failed: {first_line(err)}"), False
            connection.send((outcome, goes_on))
    finally:
        os._exit(0)  # never back into the zygote's loop


class _LiveStore:
    """A worker's read-only opening of the store, opened again whenever the store changed.

    A read-only opening is a snapshot that never sees a later write, so each query looks first
    (Store.version, about 50 µs): a query sees every ingest that ended before it came, as it did
    when each query opened the store for itself.
    """

    def __init__(self, location: str):
        self.location = location
        self._store: Store | None = None
        # The version read before the opening in use: a version read after it could already
        # count a write that the opening missed.
        self._seen: object = None

    def current(self) -> Store:
        now = folder_version(self.location)
        if self._store is None or now is None or now != self._seen:
            self._store = None  # the old snapshot's memory goes before the new one is taken
            self._store = Store(self.location, read_only=True)
            self._seen = now
        return self._store


def _die_with_parent() -> None:
    """Have Linux kill this worker if its zygote dies, whatever the query is doing."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the zygote's own exit path ends its workers
        pass


_PR_SET_PDEATHSIG = 1


def execute(store: GraphStore, query: Query, max_result_bytes: int | None = DEFAULT_MAX_RESULT_BYTES) -> Answer:
    """Check, run and write one query here, in this process and without a time limit."""
    return _execute(lambda: store, query, max_result_bytes)


def _execute(open_store: Callable[[], GraphStore], query: Query, max_result_bytes: int | None) -> Answer:
    checked = safety.check(query.text)  # before the store is even looked at
    fmt = formats.choose(checked.form, query.formats)
    if fmt is None:
        offered = ", ".join(f"{f.name} ({f.media_type})" for f in formats.FORMATS if f.suits(checked.form))
        raise NotAcceptable(f"{checked.form} answers come as {offered}.")
    dataset = {}
    if query.default_graphs is not None or query.named_graphs is not None:
        dataset = {"default_graph": _graphs(query.default_graphs), "named_graphs": _graphs(query.named_graphs)}
    store = open_store()  # retried: `atlas ingest` may be compacting the store
    try:
        # The result goes straight to the writer, never into a local: rdflib's parser leaves
        # cyclic garbage that keeps this frame alive, and pyoxigraph's result must be freed by
        # the thread that made it, not by whichever thread's garbage collection comes next.
        body = formats.serialize(store.query(checked.text, base_iri=query.base_iri, **dataset), fmt,
                                 max_result_bytes)
    except SyntaxError as err:  # read by rdflib, but not by Oxigraph (a relative IRI with no base...)
        raise _oxigraph_syntax_error(err) from None
    except formats.Overflow:
        raise too_large(max_result_bytes) from None
    return Answer(checked.form, fmt, body)


def too_large(max_result_bytes: int) -> ResultTooLarge:
    return ResultTooLarge(f"The result is larger than the {max_result_bytes / 2**20:g} MiB a query may "
                          f"return. Add a LIMIT (and OFFSET to page through it).")


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
