"""Placeholders left in a page when it is read and filled in when it is written, in one walk per page.

Several components leave a node of their own in a page when it is read and replace it when the
page is written, from what every page recorded: links to kwesties (``verwijzingen``), citations
and the list of sources (``bronnen``), the rules under each kwestie (``voorbeeldprotocol``), the
wizard's address (``wizard``). Each registers its node class and a function that fills in a
page's nodes of that class with :func:`add_placeholder`; one post-transform walks each page once
and hands every component its nodes, in document order, components in order of registration.

Build speed: one walk instead of one per component, and late. What these fill in (hundreds of
nodes on a card page, thousands on the Voorbeeldprotocol page) holds only paragraphs, lists and
internal links: nothing that Sphinx's and the theme's post-transforms that walk the whole page
look for (code highlighting at 400, furo's table wrappers at 500, LaTeX's URLs and literal blocks
at 400). Filled in after those, the pages they walk are the small pages as read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

#: Fills in a page's placeholders of one class: ``(transform, placeholders) -> None``.
Filler = Callable[[SphinxPostTransform, list[nodes.Element]], None]

_ATTRIBUTE = "handboek_placeholders"


def _fillers(app: Sphinx) -> dict[type[nodes.Element], Filler]:
    return app.__dict__.setdefault(_ATTRIBUTE, {})


def add_placeholder(app: Sphinx, node_class: type[nodes.Element], fill: Filler) -> None:
    """Fill in every ``node_class`` node of a page with ``fill`` when the page is written."""
    _fillers(app)[node_class] = fill


def nodes_of(tree: nodes.Node, classes: tuple[type[nodes.Node], ...]) -> list[nodes.Node]:
    """Every node of ``tree`` (itself included) that is an instance of one of ``classes``, in document
    order. The same as ``tree.findall(...)`` for each class, in one pass and without docutils'
    nested generators (build speed: a few times faster on a page of a thousand nodes)."""
    found = []
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, classes):
            found.append(node)
        if node.children:
            stack.extend(reversed(node.children))
    return found


class FillPlaceholders(SphinxPostTransform):
    """Hand each component the placeholders it registered, found in one walk over the page."""

    #: After the post-transforms that walk the whole page (see the module's notes).
    default_priority = 550

    def run(self, **kwargs: Any) -> None:
        fillers = _fillers(self.app)
        placed = nodes_of(self.document, tuple(fillers))
        for node_class, fill in fillers.items():
            if mine := [node for node in placed if isinstance(node, node_class)]:
                fill(self, mine)


def setup_plaatshouders(app: Sphinx) -> None:
    app.add_post_transform(FillPlaceholders)
