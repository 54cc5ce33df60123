"""Hosting conventions from one setting (HANDBOEK_URL): canonical links, Open Graph tags,
sitemap and robots.txt with an address, none of them without one; the 404 page, favicon,
descriptions and Read the Docs."""

from __future__ import annotations

import os
import re
import runpy
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from conftest import ROOT, BuiltSite, copy_docs
from sphinx.util.tags import Tags

from handboek.publicatie import root_relative
from webserver import site_pages
from kern.adres import LOCAL_URL, AddressError, check_url, handbook_url, published_url

#: A published address below the host's root, as on Read the Docs.
PUBLISHED = "https://handboek.example.nl/nl/latest/"
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
#: Pages Sphinx makes without a source: no doctree, so no text to describe them by.
GENERATED = ("search.html", "genindex.html")
NOT_IN_SITEMAP = ("404.html", *GENERATED)
ADDRESS_VARIABLES = ("HANDBOEK_URL", "READTHEDOCS_CANONICAL_URL")


def conf(monkeypatch, tags: tuple[str, ...] = (), **environment: str) -> dict:
    for name in ADDRESS_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(ROOT / "conf.py"), init_globals={"tags": Tags(list(tags))})


@pytest.fixture(scope="module")
def published_site(tmp_path_factory) -> BuiltSite:
    """The handbook built with an address set (below the host's root)."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        for name in ADDRESS_VARIABLES:
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("HANDBOEK_URL", PUBLISHED)
        return BuiltSite(copy_docs(tmp_path_factory.mktemp("gepubliceerd") / "docs"))


def meta_of(html) -> dict[str, str]:
    return {tag.get("property") or tag.get("name") or tag.get("http-equiv"): tag["content"]
            for tag in html.find_all("meta", content=True)}


def test_the_address_comes_from_one_setting(monkeypatch):
    assert conf(monkeypatch, HANDBOEK_URL="https://example.org/handboek")["html_baseurl"] == "https://example.org/handboek/"
    rtd = conf(monkeypatch, READTHEDOCS_CANONICAL_URL="https://handboek.example.org/nl/latest/")
    assert rtd["html_baseurl"] == "https://handboek.example.org/nl/latest/"
    assert rtd["ogp_site_url"] == rtd["html_baseurl"]
    assert rtd["notfound_urls_prefix"] == "/nl/latest/"
    assert "sphinx_sitemap" in rtd["extensions"]


def test_without_an_address_there_is_no_published_address(monkeypatch):
    unset = conf(monkeypatch)
    assert unset["html_baseurl"] == "" and unset["ogp_site_url"] == ""
    assert "sphinx_sitemap" not in unset["extensions"]
    assert unset["notfound_urls_prefix"] == "/"
    assert published_url() is None
    # The wizard's links still go somewhere: where make serve shows the site.
    assert handbook_url() == LOCAL_URL


@pytest.mark.parametrize("address", ["javascript:alert(1)", "ftp://example.org/", "https://", "example.org", "file:///etc/"])
def test_an_address_that_is_no_web_address_is_left_out(monkeypatch, address):
    settings = conf(monkeypatch, HANDBOEK_URL=address)
    assert settings["html_baseurl"] == "" and settings["ogp_site_url"] == ""
    assert "sphinx_sitemap" not in settings["extensions"]
    with pytest.raises(AddressError, match="HANDBOEK_URL moet een webadres zijn"):
        published_url()
    with pytest.raises(AddressError):
        check_url(address)


@pytest.mark.slow  # builds the handbook again
def test_an_address_that_is_no_web_address_stops_make_html(tmp_path):
    """The build says why in Dutch, as a warning: make html (-W) stops on it."""
    docs = copy_docs(tmp_path / "docs")
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-c", str(docs), "-W", "-q", "-b", "html", str(docs), str(tmp_path / "html")],
        capture_output=True, text=True, env={**os.environ, "HANDBOEK_URL": "javascript:alert(1)"},
    )
    assert result.returncode != 0
    assert "HANDBOEK_URL moet een webadres zijn" in result.stderr
    assert "Traceback" not in result.stderr


def test_pages_without_an_address_point_nowhere_else(site):
    address = published_url()
    for page in site_pages(site.outdir):
        html = site.html(page)
        canonical = html.find("link", rel="canonical")
        og_url = meta_of(html).get("og:url")
        if address is None:
            assert canonical is None and og_url is None, page
        else:
            assert canonical["href"] == og_url == address + page, page
        # No link or address attribute to this computer (a page may name 127.0.0.1 in its text,
        # as the wizard's pages do for what runs on the reader's own computer).
        local = [tag for tag in html.find_all(True) if any("127.0.0.1" in str(value) for value in tag.attrs.values())]
        assert local == [], page
    if address is None:
        assert not (site.outdir / "sitemap.xml").exists()
        assert not (site.outdir / "robots.txt").exists()


def test_every_page_has_a_canonical_link_and_open_graph_tags(published_site):
    for page in site_pages(published_site.outdir):
        html = published_site.html(page)
        meta = meta_of(html)
        assert html.find("link", rel="canonical")["href"] == PUBLISHED + page, page
        assert 50 <= len(meta["description"]) <= 200, page
        assert not any(key.endswith(":image") for key in meta), "geen voorbeeldplaatje (van elders)"
        if page in GENERATED:
            continue
        assert meta["og:url"] == PUBLISHED + page
        title = html.find("h1").get_text().rstrip("#").strip()
        assert meta["og:title"] == title, page
        assert meta["og:locale"] == "nl_NL"
        assert meta["og:site_name"] == "Sociale media op school"
        assert meta["og:description"] == meta["description"]


def test_a_card_is_described_by_its_own_text(site, cards):
    for card in cards:
        description = meta_of(site.html(f"kaarten/{card.id}.html"))["description"]
        assert " ".join(card.purpose.split())[:40] in description, card.id


def test_sitemap_lists_every_content_page_and_robots_points_to_it(published_site, cards):
    outdir = published_site.outdir
    urls = [loc.text for loc in ET.parse(outdir / "sitemap.xml").getroot().findall("s:url/s:loc", SITEMAP_NS)]
    expected = [PUBLISHED + page for page in site_pages(outdir) if page not in NOT_IN_SITEMAP]
    assert sorted(urls) == sorted(expected)
    assert {f"{PUBLISHED}kaarten/{card.id}.html" for card in cards} <= set(urls)
    robots = (outdir / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {PUBLISHED}sitemap.xml" in robots.splitlines()


def links_of(html: str) -> list[tuple[str, str]]:
    return re.findall(r'\s(href|src|action)="([^"]*)"', html)


@pytest.mark.parametrize("built", ["site", "published_site"])
def test_not_found_page_is_dutch_and_links_from_the_root(request, built):
    outdir = request.getfixturevalue(built).outdir
    root = urlsplit(PUBLISHED).path if built == "published_site" else urlsplit(published_url() or "/").path
    html = (outdir / "404.html").read_text(encoding="utf-8")
    assert re.search(r"<h1>Pagina niet gevonden", html)
    assert f'data-content_root="{root}"' in html
    for attribute, url in links_of(html):
        assert url.startswith((root, "#", "https://")), f"{attribute}={url!r} werkt niet vanaf elke diepte"
    article = re.search(r"<article.*?</article>", html, re.DOTALL).group(0)
    text_links = [url for attribute, url in links_of(article) if not url.startswith("#")]
    assert text_links and all(url.startswith(root) for url in text_links)
    assert f'href="{root}index.html"' in html
    assert f'href="{root}_static/styles/furo.css' in html
    assert "Pagina niet gevonden" not in (outdir / "searchindex.js").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("uri", "expected"),
    [("index.html", "/nl/index.html"), ("./_static/a.svg", "/nl/_static/a.svg"), ("#top", "#top"),
     ("https://example.org/", "https://example.org/"), ("mailto:a@b.nl", "mailto:a@b.nl"), ("/x.html", "/x.html")],
)
def test_root_relative_leaves_absolute_and_fragment_links_alone(uri, expected):
    assert root_relative(uri, "/nl/") == expected


@pytest.mark.parametrize(
    ("address", "normalised"),
    [("https://example.org", "https://example.org/"), (" http://x.nl/a/b// ", "http://x.nl/a/b/"),
     ("HTTPS://EXAMPLE.ORG/", "HTTPS://EXAMPLE.ORG/")],
)
def test_check_url_gives_one_trailing_slash(address, normalised):
    assert check_url(address) == normalised


def test_not_found_page_is_not_in_the_pdf(monkeypatch):
    assert "404.md" in conf(monkeypatch, ("pdf",))["exclude_patterns"]
    assert "404.md" not in conf(monkeypatch)["exclude_patterns"]
    assert "sphinx_sitemap" not in conf(monkeypatch, ("pdf",), HANDBOEK_URL=PUBLISHED)["extensions"]


def test_every_page_has_the_favicon(site):
    assert (site.outdir / "_static" / "favicon.svg").is_file()
    for page in site_pages(site.outdir):
        icon = site.html(page).find("link", rel="icon")
        assert icon is not None and icon["href"].endswith("_static/favicon.svg"), page


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
