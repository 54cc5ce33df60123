"""The handbook builds without a single warning, in Dutch."""

import re


def test_build_has_no_warnings(site):
    assert site.warnings.getvalue() == ""


def test_every_page_is_dutch(site):
    for page in site.outdir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert re.search(r'<html[^>]* lang="nl"', html), page


ENGLISH_CHROME = [
    "Table of Contents", "Skip to content", "Back to top", "On this page", "Toggle",
    "Light mode", "Dark mode", "Made with", "Search Results", "Searching for multiple words",
    "Please activate JavaScript", "Link to this heading", ">Contents<", "Copyright",
]


def test_no_english_interface_strings(site):
    for page in site.outdir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for english in ENGLISH_CHROME:
            assert english not in html, f"{english!r} in {page.name}"


def test_search_strings_are_dutch(site):
    js = (site.outdir / "_static" / "translations.js").read_text(encoding="utf-8")
    assert '"Search Results": "Zoekresultaten"' in js
    assert "pagina's gevonden" in js
    assert re.search(r'"Table of Contents": "Inhoud"', js)


def test_search_index_uses_dutch_stemmer(site):
    assert "dumping search index in Dutch" in site.app._status.getvalue()
