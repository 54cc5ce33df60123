"""Hosting conventions: canonical URLs, sitemap, robots.txt, the 404 page, favicon,
description and Open Graph tags, Read the Docs, all from one base URL."""

from __future__ import annotations

import re
import runpy
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from sphinx.util.tags import Tags

from handboek.publicatie import root_path, root_relative_links, shorten
from handboek.webserver import site_pages

DEFAULT_BASE = "http://127.0.0.1:8000/"
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def conf(monkeypatch, tags: tuple[str, ...] = (), **environment: str) -> dict:
    for name in ("HANDBOEK_URL", "READTHEDOCS_CANONICAL_URL"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "conf.py"), init_globals={"tags": Tags(list(tags))})


def test_base_url_comes_from_one_setting(monkeypatch):
    assert conf(monkeypatch)["html_baseurl"] == DEFAULT_BASE
    assert conf(monkeypatch, HANDBOEK_URL="https://example.org/handboek")["html_baseurl"] == "https://example.org/handboek/"
    rtd = conf(monkeypatch, READTHEDOCS_CANONICAL_URL="https://handboek.example.org/nl/latest/")
    assert rtd["html_baseurl"] == "https://handboek.example.org/nl/latest/"


def test_every_page_has_canonical_url_and_open_graph_tags(site):
    for page in site_pages(site.outdir):
        html = site.html(page)
        url = DEFAULT_BASE + page
        assert html.find("link", rel="canonical")["href"] == url, page
        meta = {tag.get("property") or tag.get("name"): tag["content"] for tag in html.find_all("meta", content=True)}
        assert meta["og:url"] == url
        title = html.find("h1").get_text().rstrip("#").strip()
        assert meta["og:title"] == title, page
        assert meta["og:locale"] == "nl_NL"
        assert meta["og:site_name"] == "Sociale media op school"
        assert 50 <= len(meta["description"]) <= 200, page
        assert meta["og:description"] == meta["description"]
        assert not any(key.endswith(":image") for key in meta), "geen voorbeeldplaatje van elders"


def test_description_is_the_first_paragraph(site, cards):
    for card in cards:
        html = site.html(f"kaarten/{card.id}.html")
        description = html.find("meta", attrs={"name": "description"})["content"]
        first = html.find("article").find("p").get_text(" ", strip=True)
        assert description == shorten(first)


def test_sitemap_lists_every_content_page_and_robots_points_to_it(site, cards):
    tree = ET.parse(site.outdir / "sitemap.xml")
    urls = [loc.text for loc in tree.getroot().findall("s:url/s:loc", SITEMAP_NS)]
    expected = [DEFAULT_BASE + page for page in site_pages(site.outdir) if page not in ("404.html", "search.html", "genindex.html")]
    assert sorted(urls) == sorted(expected)
    assert {f"{DEFAULT_BASE}kaarten/{card.id}.html" for card in cards} <= set(urls)
    robots = (site.outdir / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {DEFAULT_BASE}sitemap.xml" in robots.splitlines()


def test_not_found_page_is_dutch_and_links_from_the_root(site):
    html = (site.outdir / "404.html").read_text(encoding="utf-8")
    assert re.search(r"<h1>Pagina niet gevonden", html)
    assert 'data-content_root="/"' in html
    for attribute, url in re.findall(r'\s(href|src|action)="([^"]*)"', html):
        assert url.startswith(("/", "#", "http://", "https://")), f"{attribute}={url!r} werkt niet vanaf elke diepte"
    assert 'href="/index.html"' in html
    assert 'href="/_static/styles/furo.css' in html
    assert "Pagina niet gevonden" not in (site.outdir / "searchindex.js").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("baseurl", "root"),
    [("http://127.0.0.1:8000/", "/"), ("https://example.org", "/"), ("https://x.readthedocs.io/nl/latest/", "/nl/latest/"),
     ("https://example.org/handboek", "/handboek/")],
)
def test_root_path_of_the_base_url(baseurl, root):
    assert root_path(baseurl) == root


def test_root_relative_links_leave_absolute_and_fragment_links_alone():
    html = ('<html data-content_root="./"><a href="index.html">x</a><a href="#top">t</a>'
            '<a href="https://example.org/">e</a><img src="_static/a.svg"><form action="search.html">'
            '<a href="mailto:a@b.nl">m</a><use href="#svg-menu">')
    result = root_relative_links(html, "/nl/latest/")
    assert 'data-content_root="/nl/latest/"' in result
    assert 'href="/nl/latest/index.html"' in result
    assert 'src="/nl/latest/_static/a.svg"' in result
    assert 'action="/nl/latest/search.html"' in result
    for kept in ('href="#top"', 'href="https://example.org/"', 'href="mailto:a@b.nl"', 'href="#svg-menu"'):
        assert kept in result


def test_not_found_page_is_not_in_the_pdf(monkeypatch):
    assert "404.md" in conf(monkeypatch, ("pdf",))["exclude_patterns"]
    assert "404.md" not in conf(monkeypatch)["exclude_patterns"]


def test_every_page_has_the_favicon(site):
    assert (site.outdir / "_static" / "favicon.svg").is_file()
    for page in site_pages(site.outdir):
        icon = site.html(page).find("link", rel="icon")
        assert icon is not None and icon["href"].endswith("_static/favicon.svg"), page


def test_shorten_cuts_at_a_word():
    assert shorten("kort") == "kort"
    long = "woord " * 60
    short = shorten(long)
    assert len(short) <= 200 and short.endswith("woord…")


def test_read_the_docs_builds_html_and_pdf_like_make():
    config = yaml.safe_load((ROOT / ".readthedocs.yaml").read_text(encoding="utf-8"))
    assert config["version"] == 2
    assert "pdf" in config["formats"]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    options = re.search(r"^SPHINXOPTS\s*\?=\s*(.+)$", makefile, re.MULTILINE).group(1).strip()
    html = config["build"]["jobs"]["build"]["html"]
    assert any(f"-c . {options} -b html docs $READTHEDOCS_OUTPUT/html" in command for command in html)
    pdf = config["build"]["jobs"]["build"]["pdf"]
    assert any("handboek.pdf handboek" in command for command in pdf)
    assert any("$READTHEDOCS_OUTPUT/pdf" in command for command in pdf)
    packages = set(config["build"]["apt_packages"])
    script = (ROOT / "tools" / "systeempakketten.sh").read_text(encoding="utf-8")
    # Needed by the tests only (PDF text, spelling), not by a build on Read the Docs.
    test_only = {"poppler-utils", "hunspell", "hunspell-nl"}
    for group in ("html", "pdf"):
        wanted = set(re.search(rf"^{group}=\(([^)]*)\)", script, re.MULTILINE).group(1).split()) - test_only
        assert wanted <= packages, group
    assert Path(ROOT / config["sphinx"]["configuration"]).is_file()
