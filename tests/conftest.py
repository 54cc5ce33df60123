"""Shared fixtures: the handbook built once per test session with Sphinx's test app."""

from __future__ import annotations

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


def copy_docs(target: Path) -> Path:
    """A copy of docs/ with the project's conf.py, ready for SphinxTestApp."""
    shutil.copytree(DOCS, target, ignore=shutil.ignore_patterns("*.mo"))
    (target / "conf.py").write_text(CONF_SHIM, encoding="utf-8")
    return target


class BuiltSite:
    """A finished build: its output folder and the warnings it printed."""

    def __init__(self, srcdir: Path, buildername: str = "html") -> None:
        self.srcdir = srcdir
        self.warnings = StringIO()
        self.app = SphinxTestApp(
            buildername,
            srcdir=srcdir,
            builddir=srcdir / "_build",
            freshenv=True,
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
