"""The site's navigation on every page, without copying every page's headings.

furo puts the whole site's navigation in every page's sidebar: Sphinx's global
toctree with ``titles_only=True``. Sphinx resolves it by copying each page's
full table of contents (every heading) and then dropping all but the page
titles and nested toctrees; with many cards that copy is most of the time a
page takes to write, and it grows with pages × headings.

Here the titles-only form of each page's table of contents is made once per
build (the same pruning Sphinx applies, so the result is the same), and a
titles-only toctree call on a page is resolved against those. Calls for
other toctrees (the page's own headings) are passed on as they are.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders import Builder

_ATTRIBUTE = "handboek_titles_tocs"


def titles_only(toc: nodes.bullet_list) -> nodes.bullet_list:
    """A page's table of contents with only its title(s) and nested toctrees (as Sphinx prunes it)."""
    pruned = toc.deepcopy()
    for top_level in pruned.children:
        if len(top_level) > 1:
            if subtrees := list(top_level.findall(addnodes.toctree)):
                top_level[1][:] = subtrees
            else:
                top_level.pop(1)
    return pruned


def _forget(app: Sphinx, builder: Builder) -> None:
    app.__dict__.pop(_ATTRIBUTE, None)


def _titles_tocs(app: Sphinx) -> dict[str, nodes.bullet_list]:
    if _ATTRIBUTE not in app.__dict__:
        app.__dict__[_ATTRIBUTE] = {docname: titles_only(toc) for docname, toc in app.env.tocs.items()}
    return app.__dict__[_ATTRIBUTE]


def _titles_only_toctree(app: Sphinx, toctree: Callable[..., str]) -> Callable[..., str]:
    def resolve(**options: Any) -> str:
        if not options.get("titles_only"):
            return toctree(**options)
        env = app.env
        full, env.tocs = env.tocs, _titles_tocs(app)
        try:
            return toctree(**options)
        finally:
            env.tocs = full

    return resolve


def _wrap_toctree(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    if "toctree" in context:
        context["toctree"] = _titles_only_toctree(app, context["toctree"])


def setup_navigatie(app: Sphinx) -> None:
    app.connect("write-started", _forget)
    # Before furo (500) computes its navigation tree, after sphinx-notfound-page (400) set the 404 page's.
    app.connect("html-page-context", _wrap_toctree, priority=450)
