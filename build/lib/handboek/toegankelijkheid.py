"""Accessibility fixes of the defaults (checked with axe-core, WCAG 2.1 A and AA).

- Sphinx writes the toctree caption as ``<p class="caption" role="heading">``
  without the ``aria-level`` a heading role requires: the page filter adds it.
- furo's two navigation trees (the site's, and the page's headings) are plain
  ``<div>`` elements: they become navigation landmarks with a Dutch name.
- Code blocks can scroll sideways; a keyboard user must be able to reach them
  to scroll, so every ``<pre>`` gets ``tabindex="0"``.
- ``sphinx.ext.graphviz`` puts an SVG in an ``<object>``, which has no text
  alternative and costs a request. The HTML visitor here writes the SVG into
  the page instead, as ``role="img"`` with the directive's ``:alt:`` as its
  label; a diagram without ``:alt:`` is a build warning.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.ext.graphviz import GraphvizError, graphviz, render_dot
from sphinx.util import logging
from sphinx.writers.html5 import HTML5Translator

from .paginafilters import add_page_filter, replacing

logger = logging.getLogger(__name__)

_CAPTION_HEADING = re.compile(r'(<p class="caption" role="heading")(?![^>]*\baria-level=)')
#: furo's navigation trees, and the landmark each one is.
NAVIGATION = {
    '<div class="sidebar-tree">': '<div class="sidebar-tree" role="navigation" aria-label="Handboek">',
    '<div class="toc-tree">': '<div class="toc-tree" role="navigation" aria-label="Op deze pagina">',
}
_PRE = re.compile(r"<pre(?![^>]*\btabindex=)(?=[\s>])")
_SVG_START = re.compile(r"<svg\b[^>]*>", re.DOTALL)
_SVG_SIZE = re.compile(r'\s(width|height)="([\d.]+)pt"')


def label_caption_headings(html: str, context: dict[str, Any] | None = None) -> str:
    """Page filter: toctree captions get the heading level their role needs."""
    return _CAPTION_HEADING.sub(r'\1 aria-level="2"', html)


#: Page filter: the navigation trees are landmarks a screen reader can jump to.
mark_navigation = replacing(NAVIGATION)


def focusable_code(html: str, context: dict[str, Any] | None = None) -> str:
    """Page filter: code blocks can be reached (and scrolled) with the keyboard."""
    return _PRE.sub('<pre tabindex="0"', html)


def inline_svg(svg: str, label: str) -> str:
    """An SVG file as an element for an HTML page: no prologue, labelled, scalable."""
    start = _SVG_START.search(svg)
    if start is None:
        raise ValueError("geen <svg>-element gevonden")
    tag = _SVG_SIZE.sub(lambda m: f' {m.group(1)}="{round(float(m.group(2)) * 4 / 3)}"', start.group(0))
    tag = tag[:-1] + f' role="img" aria-label="{escape(label)}" class="graphviz" focusable="false">'
    body = svg[start.end() :]
    body = re.sub(r"<!--.*?-->\n?", "", body, flags=re.DOTALL)
    return tag + body.strip()


def html_visit_graphviz(self: HTML5Translator, node: graphviz) -> None:
    label = node.get("alt", "")
    if not label:
        logger.warning("graphviz-diagram zonder :alt:; een lezer zonder beeld mist het", location=node)
    try:
        _fname, outfn = render_dot(self, node["code"], node["options"], "svg", "graphviz", node.get("filename"))
    except GraphvizError as exc:
        logger.warning("dot-code %r: %s", node["code"], exc, location=node)
        raise nodes.SkipNode from exc
    svg = Path(outfn).read_text(encoding="utf-8")
    self.body.append(f'<div class="graphviz">{inline_svg(svg, label)}</div>\n')
    raise nodes.SkipNode


def setup_toegankelijkheid(app: Sphinx) -> None:
    app.add_node(graphviz, override=True, html=(html_visit_graphviz, None))
    add_page_filter(app, label_caption_headings)
    add_page_filter(app, mark_navigation)
    add_page_filter(app, focusable_code)
