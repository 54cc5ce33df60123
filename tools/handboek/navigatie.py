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

Even so, the same tree is resolved and rendered for every page, and only two
things differ from page to page: the links are relative to the page's folder,
and the page's own entry is marked current. So, for a tree without children,
:func:`folder_navigation` renders it once per folder with no entry current,
and marks the page's entry as Sphinx does. A test compares the result with
Sphinx's and furo's own on every page.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from html import escape
from typing import Any

from docutils import nodes
from furo.navigation import get_navigation_tree
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.environment.adapters.toctree import global_toctree_for_doc

_ATTRIBUTE = "handboek_titles_tocs"
_KEPT_TOCTREE = "handboek_toctree"
_FOLDERS = "handboek_folder_navigation"
#: The options furo resolves its navigation with.
NAVIGATION_OPTIONS = {"collapse": False, "titles_only": True, "maxdepth": -1, "includehidden": True}
#: An entry with children: a list inside a list item.
_NESTED = re.compile(r"<li\b(?:(?!</li>).)*?<ul\b", re.DOTALL)
_ENTRY_CLASS = re.compile(r'<li class="([^"]*)"')
_LIST = re.compile(r'<ul(?: class="([^"]*)")?>')


def titles_only(toc: nodes.bullet_list) -> nodes.bullet_list:
    """A page's table of contents with only its title(s) and nested toctrees (as Sphinx prunes it).

    Copies only what is kept (build speed: a card page's contents hold every heading and kwestie,
    of which only the title stays): the same tree as a deep copy pruned afterwards.
    """
    pruned = toc.copy()
    for top_level in toc.children:
        item = top_level.copy()
        pruned += item
        subtrees = list(top_level.findall(addnodes.toctree)) if len(top_level) > 1 else []
        for position, child in enumerate(top_level.children):
            if position != 1:
                item += child.deepcopy()
            elif subtrees:  # the entry's sub-list, holding only the nested toctrees
                item += child.copy()
                item[1] += [subtree.deepcopy() for subtree in subtrees]
    return pruned


def _forget(app: Sphinx, builder: Builder) -> None:
    app.__dict__.pop(_ATTRIBUTE, None)
    app.__dict__.pop(_FOLDERS, None)


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


def _stand_in(folder: str) -> str:
    """A page name in ``folder`` that no page has (Sphinx never reads a file starting with a dot)."""
    return posixpath.join(folder, ".navigatie")


def _unmarked(app: Sphinx, folder: str) -> str | None:
    """The titles-only tree for pages in ``folder``, no entry current; ``None`` if it has children."""
    cache = app.__dict__.setdefault(_FOLDERS, {})
    if folder not in cache:
        env = app.env
        full, env.tocs = env.tocs, _titles_tocs(app)
        try:
            tree = global_toctree_for_doc(env, _stand_in(folder), app.builder, tags=app.builder.tags, **NAVIGATION_OPTIONS)
        finally:
            env.tocs = full
        html = app.builder.render_partial(tree)["fragment"] if tree is not None else ""
        cache[folder] = None if _NESTED.search(html) else html
    return cache[folder]


def folder_navigation(app: Sphinx, pagename: str) -> str | None:
    """The page's titles-only toctree HTML made from its folder's (see the module's notes), or
    ``None`` where Sphinx must make it (a tree with children, a page listed more than once)."""
    folder = posixpath.dirname(pagename)
    html = _unmarked(app, folder)
    if html is None:
        return None
    link = f'<a class="reference internal" href="{escape(app.builder.get_relative_uri(_stand_in(folder), pagename))}">'
    count = html.count(link)
    if count == 0:
        listed = any(pagename in included for included in app.env.toctree_includes.values())
        return None if listed else html
    if count > 1:
        return None
    # As Sphinx marks it: the link, its list item and the list holding it are "current".
    start = html.index(link)
    entry = _ENTRY_CLASS.search(html, html.rfind("<li ", 0, start))
    listing = _LIST.search(html, html.rfind("<ul", 0, start))
    if entry is None or html.index(">", entry.start()) + 1 != start or listing is None:
        return None
    classes = f'{listing.group(1) or ""} current'.strip()
    return (html[: listing.start()] + f'<ul class="{classes}">' + html[listing.end(): entry.start()]
            + f'<li class="{entry.group(1)} current">' + '<a class="current reference internal" href="#">'
            + html[start + len(link):])


def navigation_tree(toctree_html: str) -> str:
    """furo's sidebar navigation for a titles-only toctree's HTML (see the module's notes)."""
    if not toctree_html or _NESTED.search(toctree_html):
        return get_navigation_tree(toctree_html)
    return _mark_current_page(toctree_html)


def _mark_current_page(toctree_html: str) -> str:
    """furo's sidebar navigation for a titles-only toctree's HTML in which no entry has children."""
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
    # The 404 page's tree links from the site's root (sphinx-notfound-page's toctree): made as it is.
    html = folder_navigation(app, pagename) if pagename != app.config.notfound_pagename else None
    if html is not None:  # from its folder's tree, in which no entry has children
        context["furo_navigation_tree"] = _mark_current_page(html)
    else:
        context["furo_navigation_tree"] = navigation_tree(toctree(**NAVIGATION_OPTIONS))


def setup_navigatie(app: Sphinx) -> None:
    app.connect("write-started", _forget)
    # After sphinx-notfound-page (400) set the 404 page's toctree, before furo (500) would make
    # its navigation from it; the navigation is made after furo's handler.
    app.connect("html-page-context", _keep_toctree_from_furo, priority=450)
    app.connect("html-page-context", _navigation, priority=550)
