"""One way to make an internal link that degrades to plain text.

A LaTeX document (a handout) holds only some pages; a link to a page it does
not hold becomes the link's text, as Sphinx does for its own references.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.environment import BuildEnvironment
from sphinx.errors import NoUri
from sphinx.util.nodes import make_refnode


def link(env: BuildEnvironment, fromdoc: str, todoc: str, anchor: str | None,
         content: nodes.Node, title: str | None = None) -> nodes.Node:
    try:
        return make_refnode(env._app.builder, fromdoc, todoc, anchor, content, title)
    except NoUri:
        return content
