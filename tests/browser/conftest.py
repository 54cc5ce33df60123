"""The built site in a real browser: Debian's Chromium driven by Playwright.

The session's site (built by ``tests/conftest.py``) is served on 127.0.0.1 as a
web host serves it (``tests/webserver.py``): a missing address gets the 404
page. Without Chromium the browser tests skip with one line saying how to
install it; under CI (``CI=true``) a missing browser or axe-core is a failure
(:func:`conftest.missing`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from conftest import missing

from webserver import SiteServer, site_pages

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
MISSING_CHROMIUM = "Chromium ontbreekt: installeer het met 'make browser' (Debian-pakket chromium)."
MISSING_AXE = "axe-core ontbreekt: installeer het met 'make browser' (npm-pakketten uit package.json)."
MISSING_PLAYWRIGHT = "Playwright ontbreekt: 'make test' installeert het uit requirements-dev.lock."
PHONE = {"width": 390, "height": 844}


@dataclass
class Server:
    """The running site: ``server("kaarten/x.html")`` is that page's address."""

    url: str

    def __call__(self, page: str = "") -> str:
        return self.url + page


# The site under test is the ``site`` fixture; a module may override it (and ``pages``) to run
# these tests on another build, e.g. with a third card (test_nieuwe_kaart.py). So the fixtures
# that depend on it are module-scoped.


@pytest.fixture(scope="module")
def server(site) -> Iterator[Server]:
    with SiteServer(site.outdir) as running:
        yield Server(running.url)


@pytest.fixture(scope="module")
def pages(site) -> list[str]:
    return site_pages(site.outdir)


@pytest.fixture(scope="module")
def site_cards(site) -> list:
    """The cards of the site under test, as the loader reads them."""
    from kern.loader import load_cards

    return load_cards(site.srcdir / "kaarten")


@pytest.fixture(scope="package")
def browser():
    """Chromium, for the tests of this folder only: Playwright's event loop must be gone before
    other tests run theirs (the wizard's prompts use asyncio.run)."""
    if not CHROMIUM.exists():
        missing(MISSING_CHROMIUM)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing(MISSING_PLAYWRIGHT)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Watch:
    """What a page did that a reader should never see: console errors, requests elsewhere."""

    origin: str
    errors: list[str] = field(default_factory=list)
    foreign: list[str] = field(default_factory=list)

    def attach(self, page) -> None:
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("request", self._request)

    def _request(self, request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about"):
            return
        if f"{parts.scheme}://{parts.netloc}/" != self.origin:
            self.foreign.append(request.url)


@pytest.fixture
def context(browser, server):
    """A fresh browser context (own storage, light colour scheme, desktop size)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light", locale="nl-NL")
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def watch(server) -> Watch:
    return Watch(server.url)


@pytest.fixture
def page(context, watch):
    """A new tab in the desktop context, watched for errors and requests elsewhere."""
    page = context.new_page()
    watch.attach(page)
    return page


@pytest.fixture
def phone(browser, server):
    """A phone's browser context: 390 by 844 CSS pixels, touch."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=3, is_mobile=True, has_touch=True,
                                  color_scheme="light", locale="nl-NL")
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def visit(context, server, watch):
    """Open a page of the site in a new tab: ``visit(path, theme=None, context=None)``."""

    def open_page(path: str, theme: str | None = None, in_context=None):
        page = (in_context or context).new_page()
        watch.attach(page)
        if theme:
            page.add_init_script(f"localStorage.setItem('theme', {theme!r})")
        page.goto(server(path), wait_until="load")
        return page

    return open_page


@pytest.fixture(scope="session")
def axe_script() -> Path:
    if not AXE.is_file():
        missing(MISSING_AXE)
    return AXE
