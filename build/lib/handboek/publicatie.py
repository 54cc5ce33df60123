"""What a published website needs beyond its pages, all from one setting.

``html_baseurl`` (set in ``conf.py`` from the environment) is the address the
site is published at. From it come:

- the canonical link of every page (Sphinx writes it) and ``og:url``;
- ``sitemap.xml`` and a ``robots.txt`` that points to it;
- the links on the 404 page: a host shows that page for any missing address,
  at any depth, so its relative links are made root-relative (the path of the
  base URL).

Every page also gets a description (its first paragraph) and Open Graph tags,
so a shared link shows the page's title and what it is about. Nothing refers
to another host: there is no preview image.
"""

from __future__ import annotations

import posixpath
import re
from html import escape, unescape
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from xml.sax.saxutils import escape as xml_escape

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.locale import _

from .paginafilters import add_page_filter

#: The page a host shows for a missing address (``docs/404.md``).
NOT_FOUND_PAGE = "404"
#: Longest description in characters (search engines show about this much).
DESCRIPTION_LENGTH = 200

_TAGS = re.compile(r"<[^>]+>")
_RELATIVE_URL = re.compile(
    r'(?P<attr>\s(?:href|src|action|data-content_root)=")(?![a-zA-Z][a-zA-Z0-9+.-]*:|/|#)(?P<url>[^"]*)"'
)


def plain(html: str) -> str:
    """Text of an HTML fragment, on one line."""
    return " ".join(unescape(_TAGS.sub("", html)).split())


def shorten(text: str, limit: int = DESCRIPTION_LENGTH) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + "…"


def first_paragraph(doctree: nodes.document | None) -> str:
    if doctree is None:
        return ""
    for paragraph in doctree.findall(nodes.paragraph):
        text = paragraph.astext().strip()
        if text:
            return text
    return ""


def meta_tags(title: str, description: str, url: str | None, site_name: str, locale: str) -> str:
    tags = [("name", "description", description), ("property", "og:type", "website"),
            ("property", "og:site_name", site_name), ("property", "og:locale", locale),
            ("property", "og:title", title), ("property", "og:description", description)]
    if url:
        tags.append(("property", "og:url", url))
    tags.append(("name", "twitter:card", "summary"))
    return "\n".join(f'<meta {kind}="{name}" content="{escape(value)}">' for kind, name, value in tags)


def root_path(baseurl: str) -> str:
    """The path part of the base URL, with a slash at both ends ("/" when there is none)."""
    path = urlsplit(baseurl).path or "/"
    return path if path.endswith("/") else path + "/"


def root_relative_links(html: str, root: str) -> str:
    """Every relative link, source and form action made relative to the site's root."""

    def absolute(match: re.Match[str]) -> str:
        url = match.group("url")
        url = url[2:] if url.startswith("./") else url
        return f'{match.group("attr")}{root}{"" if url == "." else url}"'

    return _RELATIVE_URL.sub(absolute, html)


def sitemap(urls: list[str]) -> str:
    entries = "".join(f"  <url><loc>{xml_escape(url)}</loc></url>\n" for url in urls)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{entries}</urlset>\n"
    )


def _add_meta(app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    # The index and search pages get their titles from their templates, not from the context.
    generated = {"genindex": _("Index"), "search": _("Search")}
    title = plain(context.get("title") or "") or generated.get(pagename) or app.config.html_title
    description = shorten(first_paragraph(doctree) or app.config.handboek_beschrijving)
    locale = {"nl": "nl_NL"}.get(app.config.language or "", app.config.language or "")
    tags = meta_tags(title, description, context.get("pageurl"), app.config.html_title, locale)
    context["metatags"] = (context.get("metatags") or "") + "\n" + tags + "\n"


def _fix_not_found_links(app: Sphinx):
    def page_filter(html: str, context: dict[str, Any]) -> str:
        if context.get("pagename") != NOT_FOUND_PAGE:
            return html
        return root_relative_links(html, root_path(app.config.html_baseurl))

    return page_filter


def _write_sitemap(app: Sphinx, exception: Exception | None) -> None:
    if exception or app.builder.format != "html" or not app.config.html_baseurl:
        return
    builder = app.builder
    urls = [
        posixpath.join(app.config.html_baseurl, builder.get_target_uri(docname))
        for docname in sorted(app.env.found_docs)
        if docname != NOT_FOUND_PAGE
    ]
    outdir = Path(app.outdir)
    (outdir / "sitemap.xml").write_text(sitemap(urls), encoding="utf-8")
    robots = f"User-agent: *\nDisallow:\n\nSitemap: {posixpath.join(app.config.html_baseurl, 'sitemap.xml')}\n"
    (outdir / "robots.txt").write_text(robots, encoding="utf-8")


def setup_publicatie(app: Sphinx) -> None:
    app.add_config_value("handboek_beschrijving", "", "html", types=(str,))
    app.connect("html-page-context", _add_meta)
    app.connect("build-finished", _write_sitemap)
    add_page_filter(app, _fix_not_found_links(app))
