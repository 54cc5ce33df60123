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

furo then turns that HTML into its sidebar (``furo.navigation.
get_navigation_tree``) by parsing it with BeautifulSoup, page by page, which
costs as much again. What it adds is a checkbox to every entry with children,
and the class ``current-page`` to the current page's entry. In a tree where no
entry has children (this handbook's) only the latter is left to do, and
:func:`navigation_tree` does that without parsing; any other tree goes to
furo's function. For that, the page's ``toctree`` is kept from furo while its
page-context handler runs, and :func:`navigation_tree` fills in
``furo_navigation_tree`` after it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from docutils import nodes
from furo.navigation import get_navigation_tree
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders import Builder

_ATTRIBUTE = "handboek_titles_tocs"
_KEPT_TOCTREE = "handboek_toctree"
#: An entry with children: a list inside a list item.
_NESTED = re.compile(r"<li\b(?:(?!</li>).)*?<ul\b", re.DOTALL)
_ENTRY_CLASS = re.compile(r'<li class="([^"]*)"')


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


def navigation_tree(toctree_html: str) -> str:
    """furo's sidebar navigation for a titles-only toctree's HTML (see the module's notes)."""
    if not toctree_html or _NESTED.search(toctree_html):
        return get_navigation_tree(toctree_html)
    current = [entry for entry in _ENTRY_CLASS.finditer(toctree_html) if "current" in entry.group(1).split()]
    if not current or "current-page" in current[-1].group(1).split():
        return toctree_html
    end = current[-1].end(1)
    return toctree_html[:end] + " current-page" + toctree_html[end:]


def _keep_toctree_from_furo(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    if "toctree" in context:
        context[_KEPT_TOCTREE] = _titles_only_toctree(app, context.pop("toctree"))


def _navigation(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    if _KEPT_TOCTREE not in context:
        return
    toctree = context["toctree"] = context.pop(_KEPT_TOCTREE)
    html = toctree(collapse=False, titles_only=True, maxdepth=-1, includehidden=True)
    context["furo_navigation_tree"] = navigation_tree(html)


def setup_navigatie(app: Sphinx) -> None:
    app.connect("write-started", _forget)
    # After sphinx-notfound-page (400) set the 404 page's toctree, before furo (500) would make
    # its navigation from it; the navigation is made after furo's handler.
    app.connect("html-page-context", _keep_toctree_from_furo, priority=450)
    app.connect("html-page-context", _navigation, priority=550)
