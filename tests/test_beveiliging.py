"""The Content-Security-Policy in every built page (tools/handboek/beveiliging.py): first in the
head, the hashes of exactly the page's inline scripts and styles, no style attribute left,
and nothing in the site's scripts that the policy would block."""

from __future__ import annotations

import re

import pytest

from handboek.beveiliging import DIRECTIVES, inline_hashes, policy, sha256_source, style_attribute, with_policy
from webserver import site_pages

CSP = 'meta[http-equiv="Content-Security-Policy"]'


def directives(content: str) -> dict[str, list[str]]:
    return {name: sources for name, *sources in (part.split() for part in content.split(";"))}


def test_every_page_carries_the_policy_before_anything_it_governs(site):
    for page in site_pages(site.outdir):
        html = site.html(page)
        head = [tag for tag in html.head.find_all(True, recursive=False)]
        assert head[0].name == "meta" and head[0].get("charset"), page
        assert head[1].name == "meta" and head[1].get("http-equiv") == "Content-Security-Policy", page
        assert len(html.select(CSP)) == 1, page


def test_the_policy_allows_exactly_the_pages_own_inline_scripts_and_styles(site):
    for page in site_pages(site.outdir):
        html = site.html(page)
        found = directives(html.select_one(CSP)["content"])
        scripts = {sha256_source(tag.string or "") for tag in html.find_all("script") if not tag.get("src")}
        styles = {sha256_source(tag.string or "") for tag in html.find_all("style")}
        assert {s for s in found["script-src"] if s.startswith("'sha256-")} == scripts, page
        assert {s for s in found["style-src"] if s.startswith("'sha256-")} == styles, page
        for name, sources in found.items():
            assert "'unsafe-inline'" not in sources and "'unsafe-eval'" not in sources, (page, name)
            assert not any(source.startswith(("http", "*")) for source in sources), (page, name)


def test_no_page_has_a_style_attribute_or_an_inline_event_handler(site):
    for page in site_pages(site.outdir):
        html = site.html(page)
        assert html.find(style=True) is None, f"{page}: {html.find(style=True)}"
        assert not any(attribute.startswith("on") for tag in html.find_all(True) for attribute in tag.attrs), page


def test_the_sites_scripts_make_no_code_from_strings(site):
    translations = (site.outdir / "_static" / "translations.js").read_text(encoding="utf-8")
    assert "new Function" not in translations and "eval(" not in translations
    assert "Documentation.PLURAL_EXPR = function (n)" in translations


def test_inline_hashes_cover_inline_elements_only():
    html = ("<head><meta charset='utf-8'><script>a()</script><script src='x.js'></script>"
            "<style>b{}</style><style>b{}</style></head>")
    assert inline_hashes(html) == {"script-src": [sha256_source("a()")], "style-src": [sha256_source("b{}")]}
    result = with_policy(html)
    assert result.index("Content-Security-Policy") < result.index("<script>")
    assert policy(inline_hashes(html)).startswith("default-src 'self'; script-src 'self' 'sha256-")


@pytest.mark.parametrize("name", sorted(DIRECTIVES))
def test_every_directive_names_the_site_or_nothing(name):
    assert DIRECTIVES[name][0] in ("'self'", "'none'")


def test_sha256_source_is_the_browsers_hash():
    # The example from the CSP specification's test suite: sha256 of "alert('Hello, world.');"
    assert sha256_source("alert('Hello, world.');") == "'sha256-qznLcsROx4GACP2dm0UCKCzCG+HiZ1guq6ZZDob/Tng='"
    assert re.fullmatch(r"'sha256-[A-Za-z0-9+/]{43}='", sha256_source(""))


@pytest.mark.parametrize(("html", "found"), [
    ('<p>a</p><div  class="x" style="color: red">', '<div  class="x" style="color: red"'),
    ('<a\nstyle = "q">', '<a\nstyle = "q"'),
    ('<img alt="b" style="c"><p style="d">', '<img alt="b" style="c"'),
    ('<div>style="x"</div><p>a style="y"</p>', None),
    ("<style>p{}</style><link rel=\"stylesheet\" href=\"s.css\">", None),
])
def test_a_style_attribute_is_found_in_tags_only(html, found):
    assert style_attribute(html) == found
