"""A real Oxigraph server (PyPI `oxigraph`, installed with the test extra) for the remote-store tests."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

# The server's own limit on a query, so that a test's deliberately slow query does not keep a
# core busy for the rest of the session after the client gave up on it.
QUERY_TIMEOUT_S = 10


def oxigraph_binary() -> str:
    found = Path(sys.executable).parent / "oxigraph"
    return str(found) if found.exists() else shutil.which("oxigraph") or "oxigraph"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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
