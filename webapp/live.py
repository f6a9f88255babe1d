"""Serving what `atlas ingest` writes while the server runs.

Oxigraph allows one writer per store folder, so the server opens the store read-only and
`atlas ingest` writes it. But a read-only store is a snapshot of the folder when it was opened:
it never sees a later write (pyoxigraph 0.5.13, measured), and the Explorer caches what it
computes from any store. So the server serves the store again when its version changed
(GraphStore.version: one scandir of the folder, or one small query to a remote engine), looked
at most once per `interval` seconds. Opening an embedded store again replays the writer's log
since its last flush (some 30 ms after an ingest of the sample reviews, seconds after hundreds
of megabytes), so it is done on a thread of its own while the requests go on with the snapshot
they have. A reopening that fails keeps that snapshot until the next look.
"""
from __future__ import annotations

import threading
import time
from typing import Callable

from graph.store import GraphStore, StoreError

DEFAULT_INTERVAL = 1.0


class LiveStore:
    """Calls `serve(store)` with the store as it is now whenever its version changed."""

    def __init__(self, store: GraphStore, serve: Callable[[GraphStore], None], interval: float = DEFAULT_INTERVAL):
        self.store = store
        self.serve = serve
        self.interval = interval
        self._seen = store.version()
        self._next_look = time.monotonic() + interval
        self._lock = threading.Lock()  # held from a look that found a change to the end of its reopening

    def check(self) -> None:
        """Run before each request: one clock read, and one look per `interval` at most."""
        now = time.monotonic()
        if now < self._next_look or not self._lock.acquire(blocking=False):
            return  # not yet, or a reopening is under way
        self._next_look = now + self.interval
        threading.Thread(target=self._look, daemon=True, name="store-reopen").start()

    def _look(self) -> None:
        try:
            current = self.store.version()
            if current is not None and current != self._seen:
                self.store = self.store.reopened()
                self._seen = current
                self.serve(self.store)
        except StoreError:
            pass  # looked at again after the interval
        finally:
            self._lock.release()
