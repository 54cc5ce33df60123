"""Filters over every finished HTML page.

Some fixes can only be made on the rendered page: the theme writes English
labels and ARIA attributes without a hook, and the 404 page needs its links
rewritten. Each such fix is a *page filter*, a function
``(html, context) -> html``; the extension's components register theirs with
:func:`add_page_filter`, and one wrapper around the template renderer applies
them in order of registration.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sphinx.application import Sphinx

PageFilter = Callable[[str, dict[str, Any]], str]

_ATTRIBUTE = "handboek_page_filters"


def page_filters(app: Sphinx) -> list[PageFilter]:
    """The filters registered on ``app``, in the order they run."""
    return app.__dict__.setdefault(_ATTRIBUTE, [])


def add_page_filter(app: Sphinx, page_filter: PageFilter) -> None:
    page_filters(app).append(page_filter)


def replacing(replacements: dict[str, str]) -> PageFilter:
    """A page filter that replaces every key of ``replacements`` by its value."""

    def page_filter(html: str, context: dict[str, Any] | None = None) -> str:
        for old, new in replacements.items():
            html = html.replace(old, new)
        return html

    return page_filter


def apply_page_filters(filters: list[PageFilter], html: str, context: dict[str, Any]) -> str:
    for page_filter in filters:
        html = page_filter(html, context)
    return html


def _wrap_renderer(app: Sphinx) -> None:
    """Pass every page the HTML builder renders through the registered filters."""
    templates = getattr(app.builder, "templates", None)
    if templates is None or app.builder.format != "html":
        return
    render = templates.render
    filters = page_filters(app)

    def render_filtered(template: str, context: dict[str, Any]) -> str:
        return apply_page_filters(filters, render(template, context), context)

    templates.render = render_filtered


def setup_paginafilters(app: Sphinx) -> None:
    app.connect("builder-inited", _wrap_renderer)
