"""Serving the explorer over HTTP: waitress, a production WSGI server in pure Python (one of the
servers Flask's deployment guide lists), for `atlas serve` and for the tests alike.

Against werkzeug's development server it takes about 0.3 ms off every request (a bare WSGI app
over a new connection: 0.55 against 0.83 ms, the client's time included), and a fixed pool of
threads serves the requests instead of a new thread per connection. Waitress reads a request's
whole body before the app sees it, so it is told the app's own limit and refuses (413) a larger
body on its declared length, without reading it. That answer, and its others to a request it
cannot read (400, 431), are waitress's own plain text, without the app's security headers. Its
limit on the request line and headers is above /sparql's on a query in the URL, so that /sparql
is the one to answer that (414, saying to POST it instead).
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Iterator

import waitress
from flask import Flask
from waitress import wasyncore

from graph.endpoint import DEFAULT_MAX_RUNNING

from .sparql import MAX_REQUEST_BYTES

# /sparql runs at most DEFAULT_MAX_RUNNING queries at once; the threads beyond them keep the
# explorer's pages answering while that many long queries run.
THREADS = DEFAULT_MAX_RUNNING + 4
MAX_HEADER_BYTES = MAX_REQUEST_BYTES + 64 * 1024


class Server:
    """A waitress server for `app`, bound on creation (port 0: a free one): `run()` serves until
    `close()`, from another thread or on Ctrl-C."""

    def __init__(self, app: Flask, host: str = "127.0.0.1", port: int = 0):
        # Its sockets: the listening ones (a name such as localhost may stand for several), its
        # wake-up trigger, and the connections clients keep alive, which keep its loop going.
        self._sockets: dict = {}
        self._server = waitress.create_server(
            app, map=self._sockets, host=host, port=port, threads=THREADS,
            # waitress refuses a body of its limit or more, the app one over MAX_CONTENT_LENGTH
            max_request_body_size=app.config["MAX_CONTENT_LENGTH"] + 1,
            max_request_header_size=MAX_HEADER_BYTES)
        listening = getattr(self._server, "effective_listen", None) or [
            (self._server.effective_host, self._server.effective_port)]
        host, port = listening[0]
        self.url = f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"

    def run(self) -> None:
        self._server.run()

    def close(self) -> None:
        """End the threads once the requests they serve are done, then close every socket. (In
        the other order a request still being answered wakes a main loop that is gone, and fails.)"""
        self._server.task_dispatcher.shutdown()
        wasyncore.close_all(self._sockets)


@contextmanager
def serving(app: Flask) -> Iterator[str]:
    """`app` served on a free port of 127.0.0.1 in a thread of this process: its base URL."""
    server = Server(app)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield server.url
    finally:
        server.close()
        thread.join(timeout=10)
