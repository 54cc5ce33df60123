"""What a published website needs beyond its pages, from one setting.

The address comes from :func:`kern.adres.published_url` (``conf.py`` sets
``html_baseurl``, ``ogp_site_url`` and ``notfound_urls_prefix`` from it).
Maintained extensions do the work:

- Sphinx writes each page's canonical link from ``html_baseurl``;
- sphinxext-opengraph writes the description and the Open Graph tags from
  each page's text (``og:url`` from the address);
- sphinx-sitemap writes ``sitemap.xml`` (loaded only when there is an address);
- sphinx-notfound-page makes the 404 page's theme links (assets, navigation,
  search form) start at the site's root, since a host shows that page for a
  missing address at any depth.

What they leave undone is here, each for the reason given:

- ``robots.txt`` pointing to the sitemap: sphinx-sitemap writes none;
- without an address sphinxext-opengraph still writes ``og:url``, as a
  relative link, which Open Graph does not allow: it is dropped;
- pages without a doctree (search, index) get no tags from
  sphinxext-opengraph; they get the site's description;
- sphinx-notfound-page rewrites only the theme's links and images on the 404
  page, not the links in its text, nor ``data-content_root`` (which Sphinx's
  search script reads): both are made to start at the site's root here.

Nothing refers to another host: there is no preview image.
"""

from __future__ import annotations

import contextlib
import io
import posixpath
import re
from html import escape
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from kern.adres import AddressError, published_url

logger = logging.getLogger(__name__)

#: A URL with a scheme (https:, mailto:, ...), which needs no rewriting.
_ABSOLUTE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
#: The relative og:url sphinxext-opengraph writes when there is no address.
_OG_URL = re.compile(r'<meta property="og:url" content="[^"]*" />\n?')


def root_relative(uri: str, root: str) -> str:
    """A link that starts at the site's root (``root``: its path, with a slash at both ends)."""
    if not uri or uri.startswith(("/", "#")) or _ABSOLUTE.match(uri):
        return uri
    return root + uri.removeprefix("./")


def _not_found_page(app: Sphinx) -> str:
    return app.config.notfound_pagename


def _root(app: Sphinx) -> str:
    return app.config.notfound_urls_prefix or "/"


def _root_relative_text_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if docname != _not_found_page(app):
        return
    for reference in doctree.findall(nodes.reference):
        if "refuri" in reference:
            reference["refuri"] = root_relative(reference["refuri"], _root(app))


def _page_context(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    if not app.config.html_baseurl:
        context["metatags"] = _OG_URL.sub("", context.get("metatags") or "")
    if doctree is None and 'name="description"' not in (context.get("metatags") or ""):
        description = escape(app.config.handboek_beschrijving)
        context["metatags"] = (context.get("metatags") or "") + f'<meta name="description" content="{description}" />\n'
    if pagename == _not_found_page(app):
        context["content_root"] = _root(app)


def robots_txt(site_url: str, sitemap: str = "sitemap.xml") -> str:
    return f"User-agent: *\nDisallow:\n\nSitemap: {posixpath.join(site_url, sitemap)}\n"


def _write_robots(app: Sphinx, exception: Exception | None) -> None:
    if exception or app.builder.format != "html" or not app.config.html_baseurl:
        return
    sitemap = getattr(app.config, "sitemap_filename", None)
    if sitemap and (Path(app.outdir) / sitemap).is_file():
        (Path(app.outdir) / "robots.txt").write_text(robots_txt(app.config.html_baseurl, sitemap), encoding="utf-8")


def _check_address(app: Sphinx, config: Any) -> None:
    """An address that is no web address is left out (``conf.py``), and reported here."""
    try:
        published_url()
    except AddressError as error:
        logger.warning("%s De site wordt zonder adres gebouwd.", error, type="handboek", subtype="adres")


def setup_publicatie(app: Sphinx) -> None:
    # sphinxext-opengraph prints on import that matplotlib (for preview images, not used here) is missing.
    with contextlib.redirect_stdout(io.StringIO()):
        app.setup_extension("sphinxext.opengraph")
    app.setup_extension("notfound.extension")
    app.add_config_value("handboek_beschrijving", "", "html", types=(str,))
    app.connect("config-inited", _check_address)
    app.connect("doctree-resolved", _root_relative_text_links)
    # After sphinxext-opengraph (500) wrote its tags.
    app.connect("html-page-context", _page_context, priority=600)
    # After sphinx-sitemap (500) wrote sitemap.xml.
    app.connect("build-finished", _write_robots, priority=600)
