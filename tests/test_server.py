"""webapp/server.py: the server `atlas serve` runs the app on, started and stopped as the tests do."""
from __future__ import annotations

import http.client
import threading
from urllib.parse import urlsplit

import pytest

from webapp import MAX_CONTENT_LENGTH, create_app
from webapp.server import serving


@pytest.fixture(scope="module")
def app(built):
    from graph.store import open_store

    return create_app(open_store(built.path, read_only=True))


def _post(host: str, path: str, size: int, send_body: bool = True) -> int:
    """The status of a POST declaring a body of `size` bytes (sent, or not: an answer that comes
    before the body is read is one that did not need it)."""
    connection = http.client.HTTPConnection(host, timeout=30)
    connection.putrequest("POST", path)
    connection.putheader("Content-Type", "application/octet-stream")
    connection.putheader("Content-Length", str(size))
    connection.endheaders(b"x" * size if send_body else None)
    status = connection.getresponse().status
    connection.close()
    return status


def test_a_body_of_the_limit_reaches_the_app_and_one_byte_more_does_not(app):
    with serving(app) as url:
        host = urlsplit(url).netloc
        assert _post(host, "/", MAX_CONTENT_LENGTH) == 405  # the app's answer: / takes no POST
        assert _post(host, "/", MAX_CONTENT_LENGTH + 1, send_body=False) == 413


def test_serving_ends_while_a_client_keeps_its_connection_open(app):
    before = set(threading.enumerate())
    with serving(app) as url:
        kept = http.client.HTTPConnection(urlsplit(url).netloc, timeout=30)
        kept.request("GET", "/")
        assert kept.getresponse().read() and kept.sock is not None  # kept alive
    assert set(threading.enumerate()) <= before  # its loop and its threads are gone
    with pytest.raises(OSError):
        http.client.HTTPConnection(urlsplit(url).netloc, timeout=5).request("GET", "/")
    kept.close()
