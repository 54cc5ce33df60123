"""One walk over each page for all the components: when it has been read, and when it is written.

Several components look for nodes of their own in every page. Rather than each walking the whole
page (at 60 cards 0.01 to 0.02 s of processor time each), they register the node classes they look
for, and one walk finds them all (build speed):

- :func:`when_read`: a function that gets a page's nodes of a class once the page has been read
  (``doctree-read``, after Sphinx's table of contents collector), e.g. the citations on a page,
  the kwesties for its contents, the glossary's definitions;
- :func:`add_placeholder`: a node a component leaves in a page when it is read, and a function
  that fills it in when the page is written, from what every page recorded: links to kwesties
  (``verwijzingen``), citations and the list of sources (``bronnen``), the rules under each
  kwestie (``voorbeeldprotocol``), the wizard's address (``wizard``).

Components are handed their nodes in document order, in the order they registered.

Walks of others that find nothing: Sphinx's and furo's post-transforms in :data:`PAGE_WALKS` each
walk every page for nodes of a few classes (code blocks, images, tables) that most pages of this
handbook lack. The walk when a page is read notes which of them a page holds; they then run,
unchanged, on the pages that hold what they look for (:func:`only_where`, also used by
``ontwerpcomponenten``), and on every page with a toctree: LaTeX and single-page HTML resolve the
pages a toctree lists as part of the page that lists them.

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
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.domains import c, cpp
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from .store import doc_store

#: Gets a page's nodes of one class once the page has been read: ``(app, doctree, found) -> None``.
Reader = Callable[[Sphinx, nodes.document, list[Any]], None]
#: Fills in a page's placeholders of one class: ``(transform, placeholders) -> None``.
Filler = Callable[[SphinxPostTransform, list[Any]], None]

_READERS = "handboek_page_readers"
_FILLERS = "handboek_placeholders"
#: After Sphinx's TocTreeCollector (priority 500) has stored ``env.tocs[docname]``.
READ_PRIORITY = 600

#: Post-transforms (qualified names) that walk the whole page for nodes of these classes only.
PAGE_WALKS: dict[str, tuple[type[nodes.Node], ...]] = {
    "sphinx.transforms.post_transforms.code.HighlightLanguageTransform": (nodes.literal_block, addnodes.highlightlang),
    "sphinx.transforms.post_transforms.code.TrimDoctestFlagsTransform": (nodes.literal_block, nodes.doctest_block),
    "sphinx.transforms.post_transforms.images.ImageDownloader": (nodes.image,),
    "sphinx.transforms.post_transforms.images.DataURIExtractor": (nodes.image,),
    "sphinx.transforms.post_transforms.PropagateDescDomain": (addnodes.desc_signature,),
    "sphinx.domains.c.AliasTransform": (c.AliasNode,),
    "sphinx.domains.cpp.AliasTransform": (cpp.AliasNode,),
    "furo.WrapTableAndMathInAContainerTransform": (nodes.table, nodes.math_block),
}
_WALKS_STORE = "page_walks"


def when_read(app: Sphinx, node_class: type[nodes.Node] | tuple[type[nodes.Node], ...], read: Reader) -> None:
    """Hand ``read`` every ``node_class`` node (a class or a tuple of classes) of each page once the
    page has been read (also none)."""
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


def qualified_name(thing: Any) -> str:
    return f"{getattr(thing, '__module__', '')}.{getattr(thing, '__qualname__', '')}"


Transform = type[SphinxTransform]


def only_where(app: Sphinx, names: set[str], needed: Callable[[BuildEnvironment, str, str], bool]) -> None:
    """After every extension's setup: the post-transforms called ``names`` (qualified) run only on the
    pages where ``needed(env, docname, name)``; unchanged otherwise."""

    def where_needed(transform: Transform) -> Transform:
        name = qualified_name(transform)

        def apply(self: SphinxTransform, **kwargs: Any) -> None:
            if needed(self.env, self.env.docname, name):
                transform.apply(self, **kwargs)

        return type(transform.__name__, (transform,), {"apply": apply, "__module__": __name__})

    transforms = app.registry.get_post_transforms()
    transforms[:] = [where_needed(t) if qualified_name(t) in names else t for t in transforms]


def _note_page_walks(app: Sphinx, doctree: nodes.document, found: list[nodes.Node]) -> None:
    """Which of :data:`PAGE_WALKS` a page that has been read needs (all of them with a toctree)."""
    if any(isinstance(node, addnodes.toctree) for node in found):
        needed = set(PAGE_WALKS)
    else:
        needed = {name for name, classes in PAGE_WALKS.items() if any(isinstance(node, classes) for node in found)}
    doc_store(app.env, _WALKS_STORE)[app.env.docname] = needed


def _page_walk_needed(env: BuildEnvironment, docname: str, name: str) -> bool:
    needed = doc_store(env, _WALKS_STORE).get(docname)
    return needed is None or name in needed  # a page not read as such: run


def _limit_page_walks(app: Sphinx) -> None:
    only_where(app, set(PAGE_WALKS), _page_walk_needed)


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
        for fill, placeholders in _by_class(self.document, self.env._app.__dict__.get(_FILLERS, [])):
            if placeholders:
                fill(self, placeholders)


def setup_paginadoorloop(app: Sphinx) -> None:
    app.connect("doctree-read", _read, priority=READ_PRIORITY)
    app.add_post_transform(FillPlaceholders)
    when_read(app, (addnodes.toctree, *{cls for classes in PAGE_WALKS.values() for cls in classes}), _note_page_walks)
    app.connect("builder-inited", _limit_page_walks)
