"""sphinx-design's page-wide work only on the pages that hold its components.

While writing, sphinx-design walks every node of every page four times (for dropdowns,
tab sets, asides, and links that open in a new tab), also on the many pages without
any of its components: at 60 cards more than a quarter of resolving the pages
(benchmarks/README.md). When a page is read, one walk notes whether it holds a
sphinx-design component or a new-tab marker, the things those four look for; they then
run, unchanged, on the pages that do.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from .store import doc_store

#: sphinx-design's post-transforms and handlers that walk a whole page for its components.
PAGE_WALKS = {
    "sphinx_design.dropdown.DropdownHtmlTransform",
    "sphinx_design.tabs.TabSetHtmlTransform",
    "sphinx_design.aside.AsideHtmlTransform",
    "sphinx_design.extension._resolve_new_tab_refs",
}

_STORE = "sphinx_design"


def _qualified_name(thing: Any) -> str:
    return f"{getattr(thing, '__module__', '')}.{getattr(thing, '__qualname__', '')}"


def _is_component(node: nodes.Node) -> bool:
    """A sphinx-design component (``design_component``) or an element marked to open links in a new tab."""
    return isinstance(node, nodes.Element) and (
        node.get("design_component") is not None or bool(node.get("sd_new_tab"))
    )


def _note_components(app: Sphinx, doctree: nodes.document) -> None:
    doc_store(app.env, _STORE)[app.env.docname] = next(doctree.findall(_is_component), None) is not None


def has_components(env: Any, docname: str) -> bool:
    """Whether the page, as read, holds a sphinx-design component (unknown pages: yes)."""
    return doc_store(env, _STORE).get(docname, True)


def _where_used(transform: type[SphinxPostTransform]) -> type[SphinxPostTransform]:
    def apply(self: SphinxPostTransform, **kwargs: Any) -> None:
        if has_components(self.env, self.env.docname):
            transform.apply(self, **kwargs)

    return type(transform.__name__, (transform,), {"apply": apply, "__module__": __name__})


def _handler_where_used(handler: Any) -> Any:
    def handler_where_used(app: Sphinx, doctree: nodes.document, docname: str) -> None:
        if has_components(app.env, docname):
            handler(app, doctree, docname)

    return handler_where_used


def _limit_page_walks(app: Sphinx) -> None:
    """After every extension's setup: put each of :data:`PAGE_WALKS` behind :func:`has_components`."""
    transforms = app.registry.get_post_transforms()
    transforms[:] = [_where_used(t) if _qualified_name(t) in PAGE_WALKS else t for t in transforms]
    for listener in list(app.events.listeners.get("doctree-resolved", [])):
        if _qualified_name(listener.handler) in PAGE_WALKS:
            app.disconnect(listener.id)
            app.connect("doctree-resolved", _handler_where_used(listener.handler), priority=listener.priority)


def setup_ontwerpcomponenten(app: Sphinx) -> None:
    app.connect("doctree-read", _note_components)
    app.connect("builder-inited", _limit_page_walks)
