"""Serving the explorer over HTTP: waitress, a production WSGI server in pure Python (one of the
servers Flask's deployment guide lists), for `atlas serve` and for the tests alike.

Against werkzeug's development server it takes about 0.3 ms off every request (a bare WSGI app
over a new connection: 0.55 against 0.83 ms, the client's time included), and a fixed pool of
threads serves the requests instead of a new thread per connection. Waitress reads a request's
whole body before the app sees it, so it is told the app's own limit and refuses (413) a larger
body without reading it. Its limit on the request line and headers is raised above /sparql's on
a query in the URL, so that /sparql is the one to answer (414, saying to POST it instead).
"""
from __future__ import annotations

import threading
from contextlib import contextmanager
from typing import Iterator

import waitress
from flask import Flask

from graph.endpoint import DEFAULT_MAX_RUNNING

from .sparql import MAX_REQUEST_BYTES

# /sparql runs at most DEFAULT_MAX_RUNNING queries at once; the threads beyond them keep the
# explorer's pages answering while that many long queries run.
THREADS = DEFAULT_MAX_RUNNING + 4
MAX_HEADER_BYTES = MAX_REQUEST_BYTES + 64 * 1024


def make_server(app: Flask, host: str = "127.0.0.1", port: int = 0, threads: int = THREADS):
    """A waitress server for `app`, bound (port 0: a free one); `.run()` serves until `.close()`."""
    return waitress.create_server(app, host=host, port=port, threads=threads,
                                  max_request_body_size=app.config["MAX_CONTENT_LENGTH"],
                                  max_request_header_size=MAX_HEADER_BYTES)


def base_url(server) -> str:
    return f"http://{server.effective_host}:{server.effective_port}"


def close(server) -> None:
    """End the threads once the requests they serve are done, then stop listening. (In the other
    order a request still being answered wakes a main loop that is gone, and fails.)"""
    server.task_dispatcher.shutdown()
    server.close()


@contextmanager
def serving(app: Flask, threads: int = THREADS) -> Iterator[str]:
    """`app` served on a free port of 127.0.0.1 in a thread of this process: its base URL."""
    server = make_server(app, threads=threads)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield base_url(server)
    finally:
        close(server)
        thread.join(timeout=10)
