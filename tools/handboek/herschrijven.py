"""Which pages a rebuild writes again besides the ones it read again (build speed).

Sphinx writes again every page whose toctree lists a page that was read again: in
this handbook the start page, whose (hidden) toctree lists every card. What such a
page shows of a listed page is its title and table of contents (in a visible
toctree, in the sidebar, in the links to the previous and next page). So a listed
page that was read again with the same title and contents does not make the page
listing it be written again; one with a new title or heading does, as in Sphinx.

Bronnen is filled in when written from what every page recorded (store
``gathers``: the citations of every page and the titles of the pages citing them),
so it is written again when any of that changed, and not after a change elsewhere.

Both compare what the pages recorded before the rebuild read them
(``env-get-outdated``, before Sphinx purges them) with what they record after.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment import BuildEnvironment

from .store import doc_store, docs_with

_BEFORE = "handboek_recorded_before"
_FULL_TOCTREE_DEPENDENTS = "handboek_files_to_rebuild"


def _shown_in_toctrees(env: BuildEnvironment, docname: str) -> tuple[str, str, str] | None:
    """What a toctree listing ``docname`` shows of it (``None``: Sphinx has not read it)."""
    if docname not in env.titles:
        return None
    return (env.titles[docname].pformat(), env.longtitles[docname].pformat(),
            env.tocs[docname].pformat() if docname in env.tocs else "")


def _gathered(env: BuildEnvironment) -> tuple[dict, dict]:
    """What Bronnen is made from: every page's citations, and the title of each page citing."""
    citations = {docname: list(found) for docname, found in doc_store(env, "citations").items() if found}
    return citations, {docname: env.titles[docname].astext() for docname in citations if docname in env.titles}


def _record_before(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    _put_back(app, None)
    app.__dict__[_BEFORE] = (
        {docname: _shown_in_toctrees(env, docname) for docname in changed},
        _gathered(env),
    )
    return []


def _gathering_pages(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Bronnen and the like, when what they gather changed."""
    before = app.__dict__.get(_BEFORE)
    if before is not None and before[1] == _gathered(env):
        return []
    return docs_with(env, "gathers")


def _unchanged_in_toctrees(app: Sphinx, builder: Builder) -> None:
    """For this write only: no page is written again because it lists a page that was read again
    but shows the same in a toctree."""
    before = app.__dict__.get(_BEFORE)
    env = app.env
    if before is None:
        return
    same = {docname for docname, shown in before[0].items()
            if shown is not None and docname in env.files_to_rebuild and shown == _shown_in_toctrees(env, docname)}
    if same:
        app.__dict__[_FULL_TOCTREE_DEPENDENTS] = env.files_to_rebuild
        env.files_to_rebuild = {docname: listing for docname, listing in env.files_to_rebuild.items() if docname not in same}


def _put_back(app: Sphinx, exception: Exception | None) -> None:
    """Sphinx's own record (saved with the environment before writing) back in place."""
    full = app.__dict__.pop(_FULL_TOCTREE_DEPENDENTS, None)
    if full is not None:
        app.env.files_to_rebuild = full


def setup_herschrijven(app: Sphinx) -> None:
    app.connect("env-get-outdated", _record_before, priority=100)
    app.connect("env-updated", _gathering_pages)
    app.connect("write-started", _unchanged_in_toctrees)
    app.connect("build-finished", _put_back)
