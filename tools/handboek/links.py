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
from sphinx.util.nodes import make_refnode


def link(env: BuildEnvironment, fromdoc: str, todoc: str, anchor: str | None,
         content: nodes.Node, title: str | None = None) -> nodes.Node:
    try:
        return make_refnode(env._app.builder, fromdoc, todoc, anchor, content, title)
    except NoUri:
        return content


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
