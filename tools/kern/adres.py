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
