"""Shared fixtures: the handbook built once per test session with Sphinx's test app, and the
skips for a missing tool (TeX, Chromium, axe-core): one Dutch line saying how to install it,
and under CI (``CI=true``) a failure, since CI must never pass by not running a test."""

from __future__ import annotations

import os
import shutil
import sys
from io import StringIO
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.testing.util import SphinxTestApp

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

BLOCK_TAGS = ["p", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "div", "section",
              "summary", "blockquote", "details", "td", "th", "figcaption"]

CONF_SHIM = f"""\
# Test copy of the docs: use the project's own configuration.
import runpy
globals().update({{k: v for k, v in runpy.run_path({str(ROOT / "conf.py")!r}, init_globals={{"tags": tags}}).items()
                  if not k.startswith("__")}})
"""


BROWSER_TESTS = Path(__file__).resolve().parent / "browser"
#: Fixtures that make a test slow (an extra build of the handbook) or need TeX.
SLOW_FIXTURES = {"extended_site", "forms_site", "wizard_site"}
PDF_FIXTURES = {"pdfs", "tex"}
#: Modules whose tests use the wizard or the handbook end to end: documents in every format, the
#: wizard in a terminal or a login shell, the browser wizard's server, a Word import, or hundreds of
#: generated answers files each checked and rendered. Most of their tests take a second or more
#: (``pytest --durations``); together they are most of the suite's time. ``make test`` runs them.
SLOW_MODULES = {
    "test_bijwerken.py", "test_bijwerken_eigen.py", "test_eigen_protocol.py", "test_eigenbasis.py",
    "test_protocol_maken.py", "test_sessies.py", "test_web.py", "test_wizard_besproken.py",
    "test_wizard_eigenschappen.py", "test_wizard_interactief.py", "test_wizard_interactief_opslaan.py",
    "test_wizard_invoer.py", "test_wizard_lineair.py", "test_wizard_maak.py", "test_wizard_nederlands.py",
    "test_wizard_opdrachten.py", "test_wizard_pdf.py", "test_wizard_schema.py", "test_wizard_uitvoer.py",
}
#: Modules whose tests build the wizard's PDFs (LuaLaTeX) throughout.
PDF_MODULES = {"test_wizard_pdf.py"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark the tests that need a browser, TeX or much time, so that ``make test-snel`` can leave them out."""
    for item in items:
        path = Path(item.path)
        if BROWSER_TESTS in path.parents:
            item.add_marker(pytest.mark.browser)
        fixtures = set(getattr(item, "fixturenames", ()))
        if fixtures & PDF_FIXTURES or path.name in PDF_MODULES:
            item.add_marker(pytest.mark.pdf)
        if fixtures & SLOW_FIXTURES or path.name in SLOW_MODULES:
            item.add_marker(pytest.mark.slow)


# Reasons given to missing(): their skips are reported as one line each, not one per test.
MISSING_TOOLS: set[str] = set()


def missing(reason: str) -> None:
    """Skip, or under CI fail: CI must never pass by not running the tests that need a tool."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (op CI is dit een fout)", pytrace=False)
    MISSING_TOOLS.add(reason)
    pytest.skip(reason)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """A skip for a missing tool is reported at :func:`missing`, not at each test, so that
    pytest's summary folds them into one line saying what to install."""
    report = yield
    if report.skipped and isinstance(report.longrepr, tuple):
        reason = report.longrepr[2].removeprefix("Skipped: ")
        if reason in MISSING_TOOLS:
            report.longrepr = (__file__, missing.__code__.co_firstlineno, reason)
    return report


def pytest_sessionfinish(session, exitstatus) -> None:
    """Under CI nothing may skip, whatever the reason: a skipped test is a test that did not run."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = len(reporter.stats.get("skipped", [])) if reporter else 0
    if os.environ.get("CI") == "true" and skipped and session.exitstatus == 0:
        reporter.write_line(f"CI=true: {skipped} test(s) overgeslagen; op CI moet elke test draaien.", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(scope="session")
def tex() -> None:
    """TeX, its Dutch support and the fonts of both engines (the pdf group of
    tools/systeempakketten.sh), or one skip saying how to install them."""
    from kern import latex

    try:
        latex.check_tex(latex.PDFLATEX, latex.LUALATEX)
    except latex.PdfError as error:
        missing(str(error))
    if shutil.which("pdftotext") is None:  # the tests read the PDFs back as text
        missing("pdftotext ontbreekt: installeer het met 'make tex' (Debian-pakket poppler-utils).")


def copy_docs(target: Path) -> Path:
    """A copy of docs/ with the project's conf.py, ready for SphinxTestApp."""
    shutil.copytree(DOCS, target, ignore=shutil.ignore_patterns("*.mo"))
    (target / "conf.py").write_text(CONF_SHIM, encoding="utf-8")
    return target


#: A valid third card (tests/test_nieuwe_kaart.py, tests/browser/test_nieuwe_kaart.py).
NEW_CARD = FIXTURES / "nieuwe-kaart" / "testkaart-schoolfotos.md"


def copy_docs_with_new_card(target: Path) -> Path:
    """A copy of docs/ with :data:`NEW_CARD` added as one more file in kaarten/, as an editor adds one.

    The copy also links from the new card to the first kwestie of the first real card, so that
    links between cards are checked too."""
    from kern.loader import load_cards

    docs = copy_docs(target)
    first = load_cards(docs / "kaarten")[0]
    link = f"\n\nZie ook {{kwestie}}`{first.kwesties[0].id}`.\n"
    text = NEW_CARD.read_text(encoding="utf-8") + link
    (docs / "kaarten" / NEW_CARD.name).write_text(text, encoding="utf-8")
    return docs


class BuiltSite:
    """A finished build: its output folder and the warnings it printed."""

    def __init__(self, srcdir: Path, buildername: str = "html", fresh: bool = True) -> None:
        """Build ``srcdir`` into ``srcdir/_build``: from scratch, or (``fresh=False``) incrementally,
        reusing the environment a previous build there left, as ``make html`` does."""
        self.srcdir = srcdir
        self.warnings = StringIO()
        self.app = SphinxTestApp(
            buildername,
            srcdir=srcdir,
            builddir=srcdir / "_build",
            freshenv=fresh,
            confoverrides={"nitpicky": True},
            status=StringIO(),
            warning=self.warnings,
        )
        try:
            self.app.build()
        finally:
            self.app.cleanup()
        self.outdir = Path(self.app.outdir)

    def html(self, page: str) -> BeautifulSoup:
        return BeautifulSoup((self.outdir / page).read_text(encoding="utf-8"), "html.parser")

    def article(self, page: str) -> BeautifulSoup:
        return self.html(page).find("article")

    def text(self, page: str) -> str:
        """The article's text as a reader sees it: blocks separated by a space, without what the page
        hides until asked (the glossary popovers, ``hidden``)."""
        article = self.article(page)
        for hidden in article.select("[hidden]"):
            hidden.decompose()
        for block in article.find_all(BLOCK_TAGS):
            block.append(" ")
        return article.get_text()


@pytest.fixture(scope="session")
def model():
    from protocol.model import load_model

    return load_model()


@pytest.fixture(scope="session")
def cards():
    from kern.loader import load_cards

    return load_cards(DOCS / "kaarten")


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    return BuiltSite(copy_docs(tmp_path_factory.mktemp("site") / "docs"))


@pytest.fixture(scope="session")
def extended_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The handbook with a third card added (:func:`copy_docs_with_new_card`)."""
    return BuiltSite(copy_docs_with_new_card(tmp_path_factory.mktemp("nieuwe-kaart") / "docs"))


#: The browser wizard's address in :func:`wizard_site` (below the host's root, as behind a proxy).
WIZARD_ADDRESS = "https://protocol.example.nl/wizard/"


@pytest.fixture(scope="session")
def wizard_site(tmp_path_factory: pytest.TempPathFactory) -> BuiltSite:
    """The handbook built with ``WIZARD_URL`` set: every kwestie links to the browser wizard."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("WIZARD_URL", WIZARD_ADDRESS)
        return BuiltSite(copy_docs(tmp_path_factory.mktemp("wizard") / "docs"))
