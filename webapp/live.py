"""Serving what `atlas ingest` writes while the server runs.

Oxigraph allows one writer per store folder, so the server opens the store read-only and
`atlas ingest` writes it. But a read-only store is a snapshot of the folder when it was opened:
it never sees a later write (pyoxigraph 0.5.13, measured), and the Explorer caches what it
computes from it. So the server opens the store again when the folder changes: every commit
appends to RocksDB's write-ahead log (and a flush or compaction writes new files), so a change
of a data file's name, size or modification time means new data. Looking is one scandir of
some twenty files (about 50 µs), done at most once per `interval` seconds. Opening the store
again replays the writer's log since its last flush (some 30 ms after an ingest of the sample
reviews, seconds after hundreds of megabytes), so it is done on a thread of its own while the
requests go on with the snapshot they have. A reopening that fails keeps that snapshot until
the next look.
"""
from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Callable

from graph.store import Store, StoreError

DEFAULT_INTERVAL = 1.0


def signature(location: Path) -> tuple | None:
    """What changes when the store's data changes: its files' names, sizes and times (RocksDB's
    own diagnostic LOG files left out: opening the store writes to them). None if the folder
    cannot be read now (a file went while it was looked at): look again later."""
    try:
        return tuple(sorted((entry.name, stat.st_size, stat.st_mtime_ns)
                            for entry in os.scandir(location) if not entry.name.startswith("LOG")
                            for stat in (entry.stat(),)))
    except OSError:
        return None


class LiveStore:
    """Calls `serve(store)` with a fresh read-only opening of the store whenever its folder changed."""

    def __init__(self, store: Store, serve: Callable[[Store], None], interval: float = DEFAULT_INTERVAL):
        self.location = store.location
        self.serve = serve
        self.interval = interval
        self._seen = signature(self.location)
        self._next_look = time.monotonic() + interval
        self._lock = threading.Lock()  # held from a look that found a change to the end of its reopening

    def check(self) -> None:
        """Run before each request: one clock read, and one scandir per `interval` at most."""
        now = time.monotonic()
        if now < self._next_look or not self._lock.acquire(blocking=False):
            return  # not yet, or a reopening is under way
        self._next_look = now + self.interval
        current = signature(self.location)
        if current is None or current == self._seen:
            self._lock.release()
            return
        threading.Thread(target=self._reopen, args=(current,), daemon=True, name="store-reopen").start()

    def _reopen(self, current: tuple) -> None:
        try:
            store = Store(self.location, read_only=True)
            self._seen = current
            self.serve(store)
        except StoreError:
            pass  # looked at again after the interval
        finally:
            self._lock.release()
