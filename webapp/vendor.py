"""vis-network's script and stylesheet, served from the copy the pyvis package carries.

Pages load them from this app, never from a CDN (pyvis's own HTML template links one). Serving
them from the installed package keeps them at the version pyvis was built and tested with, with
no copy in the repository to fall out of step.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

from flask import Blueprint


def _vis_folder() -> Path:
    """pyvis's newest bundled vis-network: lib/vis-<version>/ holds vis-network.min.js and .css."""
    lib = Path(importlib.util.find_spec("pyvis").submodule_search_locations[0]) / "lib"
    folders = [p for p in lib.glob("vis-*") if (p / "vis-network.min.js").is_file()]
    if not folders:
        raise RuntimeError(f"no vis-network in {lib}: is pyvis installed?")
    return max(folders, key=lambda p: tuple(int(n) for n in p.name[4:].split(".") if n.isdigit()))


bp = Blueprint("vendor", __name__, static_folder=str(_vis_folder()), static_url_path="/static/vendor/vis-network")
