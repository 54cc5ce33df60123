"""sphinx-design's page-wide work only on the pages that hold its components.

While writing, sphinx-design walks every node of every page six times (for dropdowns,
tab sets, asides, links that open in a new tab, and the content and tooltip of buttons and
badges that link within the site), also on the many pages without any of its components:
at 60 cards more than a quarter of resolving the pages (benchmarks/README.md). When a page
is read, one walk notes whether it holds a sphinx-design component, a new-tab marker or a
cross-referencing button or badge, the things those six look for; they then run, unchanged,
on the pages that do. (Their counterparts after resolving, the "grafts", find nothing to do
where nothing was stashed.)
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from .paginadoorloop import only_where, qualified_name, when_read
from .store import doc_store

#: sphinx-design's post-transforms and handlers that walk a whole page for its components.
PAGE_WALKS = {
    "sphinx_design.dropdown.DropdownHtmlTransform",
    "sphinx_design.tabs.TabSetHtmlTransform",
    "sphinx_design.aside.AsideHtmlTransform",
    "sphinx_design.extension._resolve_new_tab_refs",
    "sphinx_design.badges_buttons.ButtonRefContentStash",
    "sphinx_design.badges_buttons.BadgeRefTooltipStash",
}

_STORE = "sphinx_design"


def _is_component(node: nodes.Element) -> bool:
    """A sphinx-design component (``design_component``), an element marked to open links in a new
    tab, or a button (``sd-btn``) or badge with a tooltip (``sd_tooltip``) that links within the site."""
    return (
        node.get("design_component") is not None or bool(node.get("sd_new_tab"))
        or "sd_tooltip" in node.attributes or "sd-btn" in node["classes"]
    )


def _note_components(app: Sphinx, doctree: nodes.document, elements: list[nodes.Element]) -> None:
    """A page has been read (``paginadoorloop``): note whether any of its elements is a component."""
    doc_store(app.env, _STORE)[app.env.docname] = any(_is_component(element) for element in elements)


def has_components(env: Any, docname: str) -> bool:
    """Whether the page, as read, holds a sphinx-design component (unknown pages: yes)."""
    return doc_store(env, _STORE).get(docname, True)


def _handler_where_used(handler: Any) -> Any:
    def handler_where_used(app: Sphinx, doctree: nodes.document, docname: str) -> None:
        if has_components(app.env, docname):
            handler(app, doctree, docname)

    return handler_where_used


def _limit_page_walks(app: Sphinx) -> None:
    """After every extension's setup: put each of :data:`PAGE_WALKS` behind :func:`has_components`."""
    only_where(app, PAGE_WALKS, lambda env, docname, name: has_components(env, docname))
    for listener in list(app.events.listeners.get("doctree-resolved", [])):
        if qualified_name(listener.handler) in PAGE_WALKS:
            app.disconnect(listener.id)
            app.connect("doctree-resolved", _handler_where_used(listener.handler), priority=listener.priority)


def setup_ontwerpcomponenten(app: Sphinx) -> None:
    when_read(app, nodes.Element, _note_components)
    app.connect("builder-inited", _limit_page_walks)
