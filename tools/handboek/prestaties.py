"""Each page loads only what it uses, and no script holds up the first paint.

The budget (see ``benchmarks/README.md``) allows 15 requests a page. Sphinx and
its extensions add their stylesheets and scripts to every page; the ones in
:data:`OPTIONAL_ASSETS` are dropped from a page whose body does not use them
(sphinx-design's styles where there is no grid, Pygments' where there is no
code, sphinx-design's tab script where there are no tabs). Every external
script is loaded with ``defer``, which keeps their order and lets the browser
paint the page before running them.
"""

from __future__ import annotations

import posixpath
import re
from typing import Any

from sphinx.application import Sphinx

from .paginafilters import add_page_filter

#: Assets only some pages need: file name -> what in the page's body needs it, as a text the body must
#: hold and a pattern that decides. The text comes first: most pages lack it, and finding it is many
#: times quicker than the pattern's search (build speed).
OPTIONAL_ASSETS: dict[str, tuple[str, re.Pattern[str]]] = {
    "pygments.css": ('class="highlight', re.compile(r'class="highlight')),
    "graphviz.css": ("graphviz", re.compile(r'<(?:img|object)\b[^>]*class="[^"]*\bgraphviz')),
    "sphinx-design.min.css": ("sd-", re.compile(r'class="(?:[^"]*\s)?sd-')),
    "design-tabs.js": ("sd-tab-set", re.compile(r'class="(?:[^"]*\s)?sd-tab-set')),
}

_BLOCKING_SCRIPT = re.compile(r"<script\b(?=[^>]*\bsrc=)(?![^>]*\b(?:defer|async)\b)")


def needed(filename: str, body: str) -> bool:
    """Whether a page with this body needs the stylesheet or script ``filename``."""
    need = OPTIONAL_ASSETS.get(posixpath.basename(filename.split("?", 1)[0]))
    if need is None:
        return True
    text, pattern = need
    return text in body and bool(pattern.search(body))


def _drop_unused_assets(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    body = context.get("body", "")
    for key in ("css_files", "script_files"):
        if key in context:
            context[key] = [asset for asset in context[key] if needed(str(asset.filename), body)]


def defer_scripts(html: str, context: dict[str, Any] | None = None) -> str:
    """Page filter: every external script gets ``defer``."""
    return _BLOCKING_SCRIPT.sub("<script defer", html)


def setup_prestaties(app: Sphinx) -> None:
    app.connect("html-page-context", _drop_unused_assets)
    add_page_filter(app, defer_scripts)
