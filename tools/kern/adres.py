"""Where the handbook is published: one setting for the site and the wizard.

Behind the canonical links, og:url, sitemap.xml, robots.txt, the 404 page and
the links in the wizard's change report. Set ``HANDBOEK_URL``; Read the Docs
gives ``READTHEDOCS_CANONICAL_URL``. The default is where ``make serve`` shows
the site.
"""

from __future__ import annotations

import os

DEFAULT_URL = "http://127.0.0.1:8000/"


def handbook_url() -> str:
    url = os.environ.get("HANDBOEK_URL") or os.environ.get("READTHEDOCS_CANONICAL_URL") or DEFAULT_URL
    return url.strip().rstrip("/") + "/"


_NOT_IN_LINKS = frozenset(" <>\"'()\\`{}|^")


def checked_url(url: str) -> str:
    """``url`` with one trailing slash if it is a plain http or https address; else ``ValueError`` (Dutch).

    The address goes into links in HTML and Markdown, so a ``javascript:`` or
    ``data:`` address, or one with spaces or quotes, is refused rather than escaped.
    """
    from urllib.parse import urlsplit

    url = url.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        parts = None
    if (
        parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname
        or any(c in _NOT_IN_LINKS or not c.isprintable() for c in url)
    ):
        shown = url if len(url) <= 60 else url[:59] + "…"
        raise ValueError(f"'{shown}' is geen webadres; geef een adres dat begint met http:// of https://.")
    return url.rstrip("/") + "/"
