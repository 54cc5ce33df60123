"""A Content-Security-Policy in every page: the site may load and run only its own files.

A school that hosts the site gets this protection without configuring its
server: every page carries ``<meta http-equiv="Content-Security-Policy">`` as
the first element of its head (a policy in a meta tag governs only what comes
after it). The policy (:func:`policy`):

- scripts only from the site itself, and no ``'unsafe-inline'`` or
  ``'unsafe-eval'``: the page's own inline scripts (furo's colour-scheme
  switch, which must run before the first paint) are allowed by their sha256
  hash, computed from the finished page at build time;
- styles from the site, and the page's inline ``<style>`` elements (furo's
  colour variables) by hash. Style attributes would need
  ``'unsafe-inline'``: the few that furo and Sphinx write are replaced by SVG
  presentation attributes or classes (:data:`STYLE_ATTRIBUTES`), and one left
  over is a build warning (so ``make html`` fails on it);
- images from the site and ``data:`` URIs (furo draws its icons with those in
  its stylesheet); no plugins; forms and ``<base>`` only to the site.

Sphinx's ``Documentation.addTranslations`` builds the plural rule with
``new Function``, which the policy forbids: the Dutch catalogue that
:mod:`handboek.vertaling` writes sets it as a plain function instead.
"""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

from .paginafilters import add_page_filter, replacing

logger = logging.getLogger(__name__)

#: Style attributes furo and Sphinx write, and what replaces each (styled in handboek.css).
STYLE_ATTRIBUTES = {
    # furo's icon sprite, and the half-transparent strokes of its sun icons
    '<svg xmlns="http://www.w3.org/2000/svg" style="display: none;">':
        '<svg xmlns="http://www.w3.org/2000/svg" class="handboek-sprite" aria-hidden="true">',
    ' style="opacity: 50%"': ' opacity="0.5"',
    # the columns of the general index
    '<table style="width: 100%" class="indextable genindextable">': '<table class="indextable genindextable">',
    '<td style="width: 33%; vertical-align: top;">': '<td class="genindex-kolom">',
}

#: Every fetch and run the policy governs, and what it allows besides the page's inline hashes.
DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
}

_INLINE = re.compile(r"<(script|style)\b([^>]*)>(.*?)</\1\s*>", re.DOTALL | re.IGNORECASE)
_SOURCE = re.compile(r"\bsrc\s*=", re.IGNORECASE)
#: A style attribute's value; :func:`style_attribute` checks that it stands in a tag. (Searching
#: for the whole tag at once, ``<[a-zA-Z][^<>]*?\sstyle=...``, tries every ``<`` of the page:
#: most of the time this filter took.)
_STYLE_VALUE = re.compile(r"style\s*=\s*\"[^\"]*\"")
_TAG_START = re.compile(r"<[a-zA-Z]")
_CHARSET = re.compile(r"<meta charset=[^>]*>", re.IGNORECASE)


def sha256_source(text: str) -> str:
    """A CSP hash source for an inline element with this content."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def inline_hashes(html: str) -> dict[str, list[str]]:
    """The hash sources of a page's inline scripts and ``<style>`` elements, by directive."""
    found: dict[str, list[str]] = {"script-src": [], "style-src": []}
    for match in _INLINE.finditer(html):
        tag, attributes, content = match.groups()
        if tag.lower() == "script" and _SOURCE.search(attributes):
            continue
        sources = found["script-src" if tag.lower() == "script" else "style-src"]
        if (source := sha256_source(content)) not in sources:
            sources.append(source)
    return found


def policy(hashes: dict[str, list[str]]) -> str:
    return "; ".join(" ".join([name, *sources, *hashes.get(name, [])]) for name, sources in DIRECTIVES.items())


def meta_tag(html: str) -> str:
    return f'<meta http-equiv="Content-Security-Policy" content="{policy(inline_hashes(html))}">'


def with_policy(html: str) -> str:
    """The page with its policy right after ``<meta charset>`` (or at the start of its head)."""
    tag = meta_tag(html)
    if match := _CHARSET.search(html):
        return html[: match.end()] + "\n" + tag + html[match.end() :]
    return html.replace("<head>", "<head>\n" + tag, 1)


#: Page filter: the known style attributes replaced.
replace_style_attributes = replacing(STYLE_ATTRIBUTES)


def style_attribute(html: str) -> str | None:
    """The first tag with a style attribute, from its ``<`` to the attribute's end, or ``None``."""
    for match in _STYLE_VALUE.finditer(html):
        start = match.start()
        if start and html[start - 1].isspace():
            tag = html.rfind("<", 0, start)
            if tag >= 0 and html.find(">", tag, start) == -1 and _TAG_START.match(html, tag):
                return html[tag : match.end()]
    return None


def add_policy(html: str, context: dict[str, Any] | None = None) -> str:
    """Page filter (the last one): the policy for the finished page; a style attribute is a warning."""
    if leftover := style_attribute(html):
        logger.warning(
            "style-attribuut dat de Content-Security-Policy tegenhoudt: %s (vervang het in beveiliging.py)",
            leftover[:120], location=(context or {}).get("pagename"),
            type="handboek", subtype="csp",
        )
    return with_policy(html)


def setup_beveiliging(app: Sphinx) -> None:
    add_page_filter(app, replace_style_attributes)
    add_page_filter(app, add_policy)
