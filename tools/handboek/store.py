"""Per-document data the extension keeps in the Sphinx environment.

Every store is a dict ``docname -> value``; purging and merging (for parallel
reads) is the same for all of them, so it lives here once.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

_ATTRIBUTE = "handboek_stores"


def doc_store(env: BuildEnvironment, name: str) -> dict[str, Any]:
    """The store ``name``: a dict from docname to that document's data."""
    stores = env.__dict__.setdefault(_ATTRIBUTE, {})
    return stores.setdefault(name, {})


def all_stores(env: BuildEnvironment) -> dict[str, dict[str, Any]]:
    return env.__dict__.setdefault(_ATTRIBUTE, {})


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    for store in all_stores(env).values():
        store.pop(docname, None)


def _merge(app: Sphinx, env: BuildEnvironment, docnames: set[str], other: BuildEnvironment) -> None:
    for name, store in all_stores(other).items():
        mine = doc_store(env, name)
        for docname in docnames:
            if docname in store:
                mine[docname] = store[docname]


def docs_with(env: BuildEnvironment, name: str) -> list[str]:
    """The documents that recorded something in store ``name``."""
    return sorted(doc for doc, value in doc_store(env, name).items() if value)


def _outdated_collectors(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Pages made from every card (store ``collects``: the grid, the Voorbeeldprotocol page) are
    read again when the cards changed; pages filled in when written from what every page recorded
    (store ``gathers``: Bronnen) are written again when that changed (``herschrijven``)."""
    from .kaarten import cards_changed

    if not cards_changed(env, added, changed, removed):
        return []
    return sorted(set(docs_with(env, "collects")) - removed)


def setup_store(app: Sphinx) -> None:
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-get-outdated", _outdated_collectors)
