"""Where the handbook is published: one setting for the site and the wizard.

Set ``HANDBOEK_URL`` (Read the Docs gives ``READTHEDOCS_CANONICAL_URL``).

- :func:`published_url` is that address, or ``None`` when none is set. The site
  takes its canonical links, ``og:url``, ``sitemap.xml`` and ``robots.txt``
  from it, and has none of them without it: a link to this computer
  (127.0.0.1) in a published page would be wrong everywhere else.
- :func:`handbook_url` is where a reader finds the handbook: the published
  address, or else :data:`LOCAL_URL`, where ``make serve`` shows it. The
  wizard's change report links there.

The browser wizard (``protocolwizard web``) has one setting too, ``WIZARD_URL``:
:func:`wizard_url` is that address or ``None``, and :func:`wizard_kwestie_url` the wizard's
page for one kwestie (the route ``kwestie/<kwestie-id>``), which the handbook links each
kwestie to ("Besluiten vastleggen").

An address must be ``http`` or ``https`` with a host (:func:`check_url`).
"""

from __future__ import annotations

import os
from urllib.parse import quote, urlsplit

#: Where ``make serve`` shows the site (its HOST and PORT).
LOCAL_URL = "http://127.0.0.1:8000/"
#: The settings that give the address, the first one set wins.
VARIABLES = ("HANDBOEK_URL", "READTHEDOCS_CANONICAL_URL")
#: The setting with the address of the browser wizard (``protocolwizard web``).
WIZARD_VARIABLE = "WIZARD_URL"
#: The browser wizard's page for one kwestie, relative to its address (the route both sides use).
WIZARD_KWESTIE_ROUTE = "kwestie/{kwestie_id}"


class AddressError(ValueError):
    """The address is no web address (http or https with a host)."""


#: Characters a plain address does not need and that could end or change a link in HTML or Markdown.
_NOT_IN_LINKS = frozenset(" <>\"'()\\`{}|^")


def check_url(url: str, name: str = "het adres van het handboek") -> str:
    """``url`` with one slash at the end, or :class:`AddressError` with a Dutch message.

    The address goes into links in HTML and Markdown, so a ``javascript:`` or ``data:`` address,
    or one with spaces, quotes or control characters, is refused rather than escaped.
    """
    url = url.strip()
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        parts, host = None, None
    if (parts is None or parts.scheme.lower() not in ("http", "https") or not host
            or any(c in _NOT_IN_LINKS or not c.isprintable() for c in url)):
        shown = url if len(url) <= 60 else url[:59] + "…"
        raise AddressError(f"{name} moet een webadres zijn dat begint met http:// of https://, niet '{shown}'.")
    return url.rstrip("/") + "/"


def published_url() -> str | None:
    """The address the site is published at, checked; ``None`` if none is set."""
    for variable in VARIABLES:
        value = os.environ.get(variable, "").strip()
        if value:
            return check_url(value, variable)
    return None


def handbook_url() -> str:
    """Where a reader finds the handbook: the published address, else :data:`LOCAL_URL`.

    An address that is set but is no web address is returned as it is, for the caller to
    reject with :func:`check_url` (the wizard does so with its own message and exit code).
    """
    for variable in VARIABLES:
        value = os.environ.get(variable, "").strip()
        if value:
            try:
                return check_url(value, variable)
            except AddressError:
                return value
    return LOCAL_URL


def wizard_url() -> str | None:
    """The address of the browser wizard (``WIZARD_URL``), checked; ``None`` if none is set."""
    value = os.environ.get(WIZARD_VARIABLE, "").strip()
    return check_url(value, WIZARD_VARIABLE) if value else None


def wizard_kwestie_url(wizard: str, kwestie_id: str) -> str:
    """The browser wizard's page for a kwestie (its loader id, e.g. ``populaire-hiphopleraar/3``)."""
    return wizard.rstrip("/") + "/" + WIZARD_KWESTIE_ROUTE.format(kwestie_id=quote(kwestie_id, safe="/"))
