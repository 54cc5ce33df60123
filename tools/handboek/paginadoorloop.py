"""One walk over each page for all the components: when it has been read, and when it is written.

Several components look for nodes of their own in every page. Rather than each walking the whole
page (a few milliseconds a page each, at 60 cards a few hundredths of a second of every build),
they register the node classes they look for, and one walk finds them all (build speed):

- :func:`when_read`: a function that gets a page's nodes of a class once the page has been read
  (``doctree-read``, after Sphinx's table of contents collector), e.g. the citations on a page,
  the kwesties for its contents, the glossary's definitions;
- :func:`add_placeholder`: a node a component leaves in a page when it is read, and a function
  that fills it in when the page is written, from what every page recorded: links to kwesties
  (``verwijzingen``), citations and the list of sources (``bronnen``), the rules under each
  kwestie (``voorbeeldprotocol``), the wizard's address (``wizard``).

Components are handed their nodes in document order, in the order they registered.

The placeholders are filled in late: what they become (hundreds of nodes on a card page,
thousands on the Voorbeeldprotocol page) holds only paragraphs, lists and internal links,
nothing that Sphinx's and the theme's post-transforms that walk the whole page look for (code
highlighting at 400, furo's table wrappers at 500, LaTeX's URLs and literal blocks at 400).
Filled in after those, the pages they walk are the small pages as read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

#: Gets a page's nodes of one class once the page has been read: ``(app, doctree, found) -> None``.
Reader = Callable[[Sphinx, nodes.document, list[Any]], None]
#: Fills in a page's placeholders of one class: ``(transform, placeholders) -> None``.
Filler = Callable[[SphinxPostTransform, list[Any]], None]

_READERS = "handboek_page_readers"
_FILLERS = "handboek_placeholders"
#: After Sphinx's TocTreeCollector (priority 500) has stored ``env.tocs[docname]``.
READ_PRIORITY = 600


def when_read(app: Sphinx, node_class: type[nodes.Node], read: Reader) -> None:
    """Hand ``read`` every ``node_class`` node of each page once the page has been read (also none)."""
    app.__dict__.setdefault(_READERS, []).append((node_class, read))


def add_placeholder(app: Sphinx, node_class: type[nodes.Element], fill: Filler) -> None:
    """Fill in every ``node_class`` node of a page with ``fill`` when the page is written."""
    app.__dict__.setdefault(_FILLERS, []).append((node_class, fill))


def nodes_of(tree: nodes.Node, classes: tuple[type[nodes.Node], ...]) -> list[nodes.Node]:
    """Every node of ``tree`` (itself included) that is an instance of one of ``classes``, in document
    order. The same as ``tree.findall(...)`` for each class, in one pass and without docutils'
    nested generators (a few times faster on a page of a thousand nodes)."""
    found = []
    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, classes):
            found.append(node)
        if node.children:
            stack.extend(reversed(node.children))
    return found


def _by_class(tree: nodes.Node, registered: list[tuple[type, Callable]]) -> list[tuple[Callable, list]]:
    """Each registered function with the nodes of its class in ``tree``."""
    everything = nodes_of(tree, tuple(node_class for node_class, _ in registered))
    return [(function, [node for node in everything if isinstance(node, node_class)])
            for node_class, function in registered]


def _read(app: Sphinx, doctree: nodes.document) -> None:
    for read, found in _by_class(doctree, app.__dict__.get(_READERS, [])):
        read(app, doctree, found)


class FillPlaceholders(SphinxPostTransform):
    """Hand each component the placeholders it registered, found in one walk over the page."""

    #: After the post-transforms that walk the whole page (see the module's notes).
    default_priority = 550

    def run(self, **kwargs: Any) -> None:
        for fill, placeholders in _by_class(self.document, self.app.__dict__.get(_FILLERS, [])):
            if placeholders:
                fill(self, placeholders)


def setup_paginadoorloop(app: Sphinx) -> None:
    app.connect("doctree-read", _read, priority=READ_PRIORITY)
    app.add_post_transform(FillPlaceholders)
