"""Each page loads only what it uses, from this site only, within the budget
(at most 15 requests and 250 KiB a page; ``make bench`` measures it in Chromium)."""

from __future__ import annotations

import gzip
import re
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urljoin, urlsplit
from urllib.request import Request, urlopen

import pytest

from handboek.prestaties import defer_scripts, needed
from webserver import SiteServer, site_pages

MAX_REQUESTS = 15
MAX_BYTES = 250 * 1024


def loaded_urls(site, page: str) -> list[str]:
    """What a browser fetches for ``page`` on opening it: stylesheets, scripts, icon, images."""
    html = site.html(page)
    urls = [link["href"] for link in html.find_all("link", href=True) if {"stylesheet", "icon"} & set(link["rel"])]
    urls += [tag["src"] for tag in html.find_all(["script", "img"], src=True)]
    urls += [tag["data"] for tag in html.find_all("object", data=True)]
    return urls


def loaded_files(site, page: str) -> list[str]:
    """The files behind :func:`loaded_urls`, relative to the site's root (the 404 page's URLs start
    at the root, "/_static/...", every other page's are relative to the page)."""
    return [urljoin(page, url.split("?", 1)[0]).lstrip("/") for url in loaded_urls(site, page)]


def test_every_page_loads_only_files_of_this_site(site):
    for page in site_pages(site.outdir):
        for url in loaded_urls(site, page):
            assert not urlsplit(url).scheme and not urlsplit(url).netloc, f"{page} laadt {url}"
        for path in loaded_files(site, page):
            assert (site.outdir / path).is_file(), f"{page} laadt {path}, dat niet bestaat"


def test_every_page_is_within_the_request_and_size_budget(site):
    for page in site_pages(site.outdir):
        files = loaded_files(site, page)
        if page == "search.html":
            files.append("searchindex.js")
        requests = 1 + len(files)
        size = (site.outdir / page).stat().st_size + sum((site.outdir / url).stat().st_size for url in files)
        assert requests <= MAX_REQUESTS, f"{page}: {requests} verzoeken"
        assert size <= MAX_BYTES, f"{page}: {size} bytes"


def test_unused_assets_are_not_loaded(site):
    for page in site_pages(site.outdir):
        files = {url.rsplit("/", 1)[-1] for url in loaded_files(site, page)}
        assert "design-tabs.js" not in files, page
        assert "graphviz.css" not in files, page
        body = (site.outdir / page).read_text(encoding="utf-8")
        assert ("pygments.css" in files) == ('class="highlight' in body), page
        assert ("sphinx-design.min.css" in files) == bool(re.search(r'class="(?:[^"]*\s)?sd-', body)), page
    assert "sphinx-design.min.css" in {url.rsplit("/", 1)[-1] for url in loaded_files(site, "index.html")}


def test_no_script_blocks_the_first_paint(site):
    for page in site_pages(site.outdir):
        for script in site.html(page).find_all("script", src=True):
            assert script.has_attr("defer") or script.has_attr("async"), f"{page}: {script['src']}"


def test_defer_keeps_inline_and_already_deferred_scripts():
    html = '<script>x()</script><script src="a.js"></script><script defer src="b.js"></script><script async src="c.js">'
    assert defer_scripts(html) == (
        '<script>x()</script><script defer src="a.js"></script><script defer src="b.js"></script><script async src="c.js">'
    )


def test_optional_asset_rules():
    assert needed("_static/pygments.css", '<div class="highlight"><pre>')
    assert not needed("_static/pygments.css", "<p>tekst</p>")
    assert needed("styles/furo.css", "")
    assert needed("sphinx-design.min.css?v=1", '<div class="sd-card sd-shadow-sm">')
    assert not needed("sphinx-design.min.css", '<div class="kaart">')
    assert not needed("design-tabs.js", '<div class="sd-card">')


def test_local_server_answers_like_a_web_host(site):
    with SiteServer(site.outdir) as server:
        request = Request(server.url + "_static/handboek.css", headers={"Accept-Encoding": "gzip"})
        with urlopen(request) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert gzip.decompress(response.read()) == (site.outdir / "_static" / "handboek.css").read_bytes()
        with urlopen(server.url + "index.html") as response:
            assert response.headers.get("Content-Encoding") is None
        with pytest.raises(HTTPError) as missing:
            urlopen(server.url + "kaarten/weg/niet-hier.html")
        assert missing.value.code == 404
        assert "Pagina niet gevonden" in missing.value.read().decode("utf-8")
    assert server.url.startswith("http://127.0.0.1:")


# Build speed (make bench measures it; these check the shortcuts change nothing) -------------


def test_navigation_from_titles_only_tocs_is_sphinxs_own(site):
    """The sidebar's navigation made from the pruned tables of contents equals Sphinx's, on every page."""
    from sphinx.environment.adapters.toctree import global_toctree_for_doc

    from handboek.navigatie import titles_only

    env, builder = site.app.env, site.app.builder
    options = {"collapse": False, "titles_only": True, "maxdepth": -1, "includehidden": True, "tags": builder.tags}
    pruned = {docname: titles_only(toc) for docname, toc in env.tocs.items()}
    assert sum(len(list(toc.findall())) for toc in pruned.values()) < sum(len(list(toc.findall())) for toc in env.tocs.values())
    for docname in sorted(env.found_docs):
        full = global_toctree_for_doc(env, docname, builder, **options)
        saved, env.tocs = env.tocs, pruned
        try:
            short = global_toctree_for_doc(env, docname, builder, **options)
        finally:
            env.tocs = saved
        assert short.pformat() == full.pformat(), docname


def rebuild(srcdir, outdir_name: str = "_build"):
    from io import StringIO

    from sphinx.testing.util import SphinxTestApp

    warnings = StringIO()
    app = SphinxTestApp("html", srcdir=srcdir, builddir=srcdir / outdir_name, freshenv=False,
                        status=StringIO(), warning=warnings)
    try:
        app.build()
    finally:
        app.cleanup()
    assert warnings.getvalue() == ""
    return app


@pytest.mark.slow  # builds the handbook again
def test_a_rebuild_redoes_only_what_a_card_change_touches(tmp_path):
    """Saving a card unchanged reads and writes only that card again: not the grid or the
    Voorbeeldprotocol page (made from every card), not Bronnen (filled from every page's
    citations), and the downloads stay. A new title reaches all of them; a new source reaches
    Bronnen."""
    import re

    from conftest import copy_docs

    from kern.loader import card_paths, load_card

    docs = copy_docs(tmp_path / "docs")
    app = rebuild(docs)
    outdir, doctrees = Path(app.outdir), Path(app.doctreedir)
    downloads = sorted((outdir / "downloads").iterdir())
    assert downloads
    card = card_paths(docs / "kaarten")[0]
    page = outdir / "kaarten" / f"{card.stem}.html"
    pages = [outdir / "index.html", outdir / "voorbeeldprotocol.html", outdir / "bronnen.html"]
    kept = [*downloads, doctrees / "index.doctree", doctrees / "voorbeeldprotocol.doctree", *pages]
    redone = [doctrees / "kaarten" / f"{card.stem}.doctree", page]

    def changed_since(before: dict[Path, int]) -> list[str]:
        return [path.name for path in before if path.stat().st_mtime_ns != before[path]]

    before = {path: path.stat().st_mtime_ns for path in [*kept, *redone]}
    card.touch()
    rebuild(docs)
    assert sorted(changed_since(before)) == sorted(path.name for path in redone)

    # A source renamed on the card: Bronnen lists the new name.
    text = card.read_text(encoding="utf-8")
    source = re.search(r"\{bron\}`([^`]+)`", text)
    assert source, f"{card.name} vermeldt geen bron"
    renamed = f"{source.group(1)} (hernoemd)"
    card.write_text(text.replace(source.group(0), f"{{bron}}`{renamed}`", 1), encoding="utf-8")
    before = {path: path.stat().st_mtime_ns for path in [*kept, *redone]}
    rebuild(docs)
    assert {"bronnen.html", page.name} <= set(changed_since(before))
    assert renamed in (outdir / "bronnen.html").read_text(encoding="utf-8")

    # A new title: the grid, the Voorbeeldprotocol page and Bronnen show it.
    title = load_card(card).title
    card.write_text(card.read_text(encoding="utf-8").replace(f"\n# {title}\n", f"\n# {title} (gewijzigd)\n"), encoding="utf-8")
    assert load_card(card).title != title
    before = {path: path.stat().st_mtime_ns for path in [*kept, *redone]}
    rebuild(docs)
    assert [path.name for path in kept if path.stat().st_mtime_ns == before[path]] == []
    for shown in pages:
        assert f"{title} (gewijzigd)" in shown.read_text(encoding="utf-8"), shown.name


@pytest.mark.slow  # builds the handbook again
def test_a_rebuild_uses_the_compiled_templates_until_a_template_changes(tmp_path):
    """The compiled page templates are kept with the doctrees; a changed template is compiled again."""
    from conftest import copy_docs

    from handboek.sjablonen import CACHE_DIR

    docs = copy_docs(tmp_path / "docs")
    with (docs / "conf.py").open("a", encoding="utf-8") as conf:  # the copy's templates, not the project's
        conf.write(f"templates_path = [{str(docs / '_templates')!r}]\n")
    app = rebuild(docs)
    cache = Path(app.doctreedir) / CACHE_DIR
    assert any(cache.iterdir())
    template = docs / "_templates" / "page.html"
    template.write_text(template.read_text(encoding="utf-8").replace(
        '{% block footer %}', '{% block footer %}<p class="sjabloontoets">gewijzigd sjabloon</p>', 1), encoding="utf-8")
    rebuild(docs)
    assert "gewijzigd sjabloon" in (Path(app.outdir) / "index.html").read_text(encoding="utf-8")


def test_sidebar_navigation_is_furos_own(tmp_path):
    """The navigation made per folder and without parsing equals furo's (get_navigation_tree) of
    Sphinx's own toctree on every page of a real build, and a tree with children goes to furo."""
    from io import StringIO

    from conftest import copy_docs
    from furo.navigation import get_navigation_tree
    from sphinx.testing.util import SphinxTestApp

    from handboek.navigatie import navigation_tree

    docs = copy_docs(tmp_path / "docs")
    app = SphinxTestApp("html", srcdir=docs, builddir=docs / "_build", status=StringIO(), warning=StringIO())
    seen = {}

    def record(app, pagename, templatename, context, doctree):
        # Sphinx's own tree (sphinx-notfound-page's on the 404 page), without this module's shortcuts.
        options = {"collapse": False, "titles_only": True, "maxdepth": -1, "includehidden": True}
        if pagename == app.config.notfound_pagename:
            raw = context["toctree"](**options)
        else:
            raw = app.builder._get_local_toctree(pagename, **options)
        seen[pagename] = (get_navigation_tree(raw), context["furo_navigation_tree"])

    app.connect("html-page-context", record, priority=900)
    try:
        app.build()
    finally:
        app.cleanup()
    assert len(seen) >= len(list(docs.glob("kaarten/*.md"))) + 2
    for pagename, (furos, ours) in seen.items():
        assert ours == furos, pagename
    nested = ('<ul><li class="toctree-l1 current"><a class="reference internal" href="a.html">A &amp; "B"</a>'
              '<ul><li class="toctree-l2 current"><a class="current reference internal" href="#">C</a></li></ul>'
              "</li></ul>")
    assert navigation_tree(nested) == get_navigation_tree(nested)
    assert "toctree-checkbox" in navigation_tree(nested)


def test_every_card_page_marks_itself_in_the_navigation(site, cards):
    for page in site_pages(site.outdir):
        current = site.html(page).select(".sidebar-tree li.current-page")
        assert len(current) <= 1, page
    for card in cards:
        current = site.html(f"kaarten/{card.id}.html").select(".sidebar-tree li.current-page a")
        assert [a.get_text(strip=True) for a in current] == [card.title]


@pytest.mark.slow  # builds the handbook again
def test_the_cycle_collector_runs_less_often_during_a_build_and_as_before_after_it(tmp_path):
    """The handbook raises CPython's first GC threshold while it builds (tools/handboek/geheugenbeheer.py),
    and sets aside what was loaded before the build, and puts Python's back when the build ends, also
    after a build that failed."""
    import gc
    from io import StringIO

    from conftest import copy_docs
    from sphinx.testing.util import SphinxTestApp

    from handboek.geheugenbeheer import GC_THRESHOLD

    before = gc.get_threshold()
    assert before[0] < GC_THRESHOLD
    docs = copy_docs(tmp_path / "docs")
    for failing in (False, True):
        app = SphinxTestApp("html", srcdir=docs, builddir=docs / "_build", freshenv=True, status=StringIO(),
                            warning=StringIO())
        during: list[tuple[int, int, int]] = []
        frozen: list[int] = []
        app.connect("doctree-read", lambda app, doctree: during.append(gc.get_threshold()))
        app.connect("doctree-read", lambda app, doctree: frozen.append(gc.get_freeze_count()))

        def fail(app, docname, source):
            raise RuntimeError("test: deze bouw mislukt")

        if failing:
            app.connect("source-read", fail)
        try:
            if failing:
                with pytest.raises(Exception, match="deze bouw mislukt"):
                    app.build()
            else:
                app.build()
        finally:
            app.cleanup()
        assert gc.get_threshold() == before
        assert gc.get_freeze_count() == 0
        if not failing:
            assert during and set(during) == {(GC_THRESHOLD, *before[1:])}
            assert frozen and min(frozen) > 0


COMPONENTS_PAGE = """# Onderdelen

:::{dropdown} Meer lezen
Uitgeklapte tekst.
:::

::::{tab-set}
:::{tab-item} Eerste
Tekst van het eerste tabblad.
:::
:::{tab-item} Tweede
Tekst van het tweede tabblad.
:::
::::

:::{aside} Terzijde
Een opmerking terzijde.
:::

```{button-link} https://example.org/
:new-tab:
Naar buiten
```
"""

#: Only a button and a badge that link within the site: sphinx-design keeps the button's own
#: content and puts the badge's tooltip on the link (its "stash" post-transforms).
XREF_BUTTONS_PAGE = """# Knoppen

```{button-ref} bronnen
:ref-type: doc
*Naar* de bronnen
```

Zie ook {bdg-ref}`de bronnen <bronnen>; Alle bronnen van het handboek`.
"""


def test_sphinx_design_components_are_finished_where_they_are_and_only_there(tmp_path, monkeypatch):
    """sphinx-design's page-wide transforms run on a page with a dropdown, tabs, an aside and a new-tab
    button (tools/handboek/ontwerpcomponenten.py), and are left out where a page has none of them."""
    from io import StringIO

    from conftest import copy_docs
    from sphinx.testing.util import SphinxTestApp
    from sphinx_design.dropdown import DropdownHtmlTransform

    from handboek.ontwerpcomponenten import has_components

    walked: list[str] = []
    run = DropdownHtmlTransform.run

    def recorded(self, **kwargs):
        walked.append(self.env.docname)
        return run(self, **kwargs)

    monkeypatch.setattr(DropdownHtmlTransform, "run", recorded)

    docs = copy_docs(tmp_path / "docs")
    (docs / "onderdelen.md").write_text(COMPONENTS_PAGE, encoding="utf-8")
    (docs / "knoppen.md").write_text(XREF_BUTTONS_PAGE, encoding="utf-8")
    index = docs / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n```{toctree}\n:hidden:\nonderdelen\nknoppen\n```\n", encoding="utf-8")
    app = SphinxTestApp("html", srcdir=docs, builddir=docs / "_build", status=StringIO(), warning=StringIO())
    try:
        app.build()
    finally:
        app.cleanup()
    page = (Path(app.outdir) / "onderdelen.html").read_text(encoding="utf-8")
    assert '<details class="sd-sphinx-override sd-dropdown' in page
    assert page.count('class="sd-tab-label"') == 2 and 'name="sd-tab-set-0"' in page
    assert re.search(r'<aside [^>]*class="sd-aside', page)
    assert 'target="_blank"' in page and 'href="https://example.org/"' in page
    buttons = (Path(app.outdir) / "knoppen.html").read_text(encoding="utf-8")
    assert re.search(r'<a class="[^"]*sd-btn[^"]*" href="bronnen.html"><span><em>Naar</em> de bronnen</span></a>', buttons)
    assert re.search(r'<a class="[^"]*sd-badge[^"]*" href="bronnen.html" title="Alle bronnen van het handboek">', buttons)
    assert "sd-button-ref" not in buttons and "sd-badge-ref-tooltip" not in buttons
    assert has_components(app.env, "onderdelen") and has_components(app.env, "index") and has_components(app.env, "knoppen")
    assert not has_components(app.env, "bronnen")
    assert sorted(walked) == sorted(doc for doc in app.env.found_docs if has_components(app.env, doc))
    assert "bronnen" not in walked


def test_sphinx_and_furo_page_walks_run_where_there_is_something_to_find(tmp_path, monkeypatch):
    """Sphinx's and furo's post-transforms that look for code blocks, images or tables
    (tools/handboek/paginadoorloop.py, PAGE_WALKS) run on the pages that hold them, and on pages
    with a toctree (LaTeX puts the listed pages there); a card page has none of them."""
    from io import StringIO

    from conftest import copy_docs
    from furo import WrapTableAndMathInAContainerTransform
    from sphinx.testing.util import SphinxTestApp
    from sphinx.transforms.post_transforms.code import HighlightLanguageTransform

    walked: dict[str, list[str]] = {"code": [], "tabel": []}
    for key, transform, method in (("code", HighlightLanguageTransform, "apply"),
                                   ("tabel", WrapTableAndMathInAContainerTransform, "run")):
        original = getattr(transform, method)

        def recorded(self, *args, original=original, key=key, **kwargs):
            walked[key].append(self.env.docname)
            return original(self, *args, **kwargs)

        monkeypatch.setattr(transform, method, recorded)

    docs = copy_docs(tmp_path / "docs")
    (docs / "code.md").write_text("# Code\n\n```python\nprint('hallo')\n```\n\n| a | b |\n| - | - |\n| 1 | 2 |\n",
                                  encoding="utf-8")
    index = docs / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n```{toctree}\n:hidden:\ncode\n```\n", encoding="utf-8")
    app = SphinxTestApp("html", srcdir=docs, builddir=docs / "_build", status=StringIO(), warning=StringIO())
    try:
        app.build()
    finally:
        app.cleanup()
    page = (Path(app.outdir) / "code.html").read_text(encoding="utf-8")
    assert '<div class="highlight-python notranslate"><div class="highlight"><pre' in page
    assert re.search(r"<div class=\"table-wrapper [^\"]*container\"", page)
    for key in walked:
        assert "code" in walked[key] and "index" in walked[key]
        assert not any(docname.startswith("kaarten/") for docname in walked[key])
