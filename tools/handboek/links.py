"""One way to make an internal link that degrades to plain text.

A LaTeX document (a handout) holds only some pages; a link to a page it does
not hold becomes the link's text, as Sphinx does for its own references.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.errors import NoUri
from sphinx.util import docname_join


class PageLinks:
    """Links from page ``fromdoc``, as Sphinx's ``make_refnode`` makes them.

    Each target page's relative address is worked out once (build speed: a card page links to
    the same Voorbeeldprotocol page dozens of times, and that page to every card page dozens of
    times). Use one for the links made in one pass over a page: a LaTeX builder's pages change
    from one document it assembles to the next.
    """

    def __init__(self, env: BuildEnvironment, fromdoc: str) -> None:
        self.builder = env._app.builder
        self.fromdoc = fromdoc
        self._uris: dict[str, str | None] = {}

    def uri(self, todoc: str) -> str | None:
        """The address of ``todoc`` from this page; ``None`` if the builder has none (``NoUri``)."""
        if todoc not in self._uris:
            try:
                self._uris[todoc] = self.builder.get_relative_uri(self.fromdoc, todoc)
            except NoUri:
                self._uris[todoc] = None
        return self._uris[todoc]

    def link(self, todoc: str, anchor: str | None, content: nodes.Node, title: str | None = None) -> nodes.Node:
        """A link to ``anchor`` on page ``todoc`` around ``content``; ``content`` alone where the
        document being built has no such page."""
        node = nodes.reference("", "", internal=True)
        if todoc == self.fromdoc and anchor:
            node["refid"] = anchor
        else:
            uri = self.uri(todoc)
            if uri is None:
                return content
            node["refuri"] = f"{uri}#{anchor}" if anchor else uri
        if title:
            node["reftitle"] = title
        node += content
        return node


def _page_only_the_website_has(app: Sphinx, env: BuildEnvironment, node: addnodes.pending_xref,
                               contnode: nodes.TextElement) -> nodes.Node | None:
    """In a print edition, a ``{doc}`` link to a page the website has but the print edition leaves
    out (``conf.py``'s exclude_patterns, such as the wizard's pages) becomes its text, as above.
    Such a link normally stands in an ``{only} html`` block, which Sphinx drops only after
    resolving it. A page that does not exist at all is still reported."""
    if app.builder.format == "html" or node.get("reftype") != "doc":
        return None
    docname = docname_join(node.get("refdoc", ""), node["reftarget"])
    if any((Path(app.srcdir) / f"{docname}{suffix}").is_file() for suffix in app.config.source_suffix):
        return contnode
    return None


def setup_links(app: Sphinx) -> None:
    app.connect("missing-reference", _page_only_the_website_has)
