"""The handbook in the meeting room and on paper (issue 15): page contents per kwestie, the
leader's notes open, glossary popovers, tables on a phone, Dutch permalink titles, search
snippets, and a card page printed with Chromium's print-to-PDF."""

from __future__ import annotations

import re
import subprocess

import pytest
from conftest import DOCS

from kern.loader import load_cards

CARDS = load_cards(DOCS / "kaarten")
CARD_PAGE = {card.id: f"kaarten/{card.id}.html" for card in CARDS}
SKIP_LINK = "Naar de inhoud"


def glossary(site) -> dict[str, str]:
    """The Begrippen page's terms and their definitions, as the page shows them."""
    terms: dict[str, str] = {}
    for term in site.article("begrippen.html").select("dl.glossary > dt"):
        for link in term.select("a.headerlink"):
            link.decompose()
        terms[term["id"]] = " ".join(term.find_next_sibling("dd").get_text().split())
    return terms


# Without a browser: what the build writes ----------------------------------------------------


def test_permalink_titles_are_dutch(site, pages):
    for path in pages:
        html = (site.outdir / path).read_text(encoding="utf-8")
        assert not re.search(r'title="(?:Link|Permalink) to', html), path


@pytest.mark.parametrize("card_id", CARD_PAGE)
def test_leaders_notes_are_open_on_the_card_page(site, card_id):
    notes = site.article(CARD_PAGE[card_id]).select("details.aandachtspunten")
    assert notes and all(block.has_attr("open") for block in notes)


@pytest.mark.parametrize("card_id", CARD_PAGE)
def test_card_page_points_to_its_handouts(site, card_id):
    line = site.article(CARD_PAGE[card_id]).select_one(".afdruk-links")
    assert line is not None
    targets = [a["href"] for a in line.select("a")]
    built = sorted((site.outdir / "downloads").glob(f"{card_id}-*.pdf")) if (site.outdir / "downloads").is_dir() else []
    if built:
        assert sorted(t.rsplit("/", 1)[-1] for t in targets) == [p.name for p in built]
    else:  # a site built without PDFs says where to read how to make them
        assert targets == ["../index.html#afdrukken"]
        assert site.html("index.html").find(id="afdrukken") is not None


# In the browser ---------------------------------------------------------------------------------


@pytest.mark.parametrize("card_id", CARD_PAGE)
def test_page_contents_list_every_kwestie(browser, server, card_id):
    card = next(card for card in CARDS if card.id == card_id)
    context = browser.new_context(viewport={"width": 1500, "height": 900})
    try:
        page = context.new_page()
        page.goto(server(CARD_PAGE[card_id]))
        toc = page.locator(".toc-tree")
        for kwestie in card.kwesties:
            entry = toc.locator(f"a[href='#{kwestie.anchor}']")
            assert entry.count() == 1, kwestie.anchor
            assert entry.inner_text().startswith(f"Kwestie {kwestie.number}")
            assert entry.is_visible()
        last = card.kwesties[-1]
        toc.locator(f"a[href='#{last.anchor}']").click()
        page.wait_for_url(re.compile(rf"#{last.anchor}$"))
        page.wait_for_function(
            "id => { const r = document.getElementById(id).getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; }",
            arg=last.anchor,
        )
    finally:
        context.close()


def test_glossary_term_shows_its_definition_in_place(site, page, server, watch):
    definitions = glossary(site)
    card = CARDS[0]
    page.goto(server(CARD_PAGE[card.id]))
    terms = page.locator("article a.begrip")
    assert terms.count() >= 1
    for index in range(terms.count()):
        term = terms.nth(index)
        term_id = term.get_attribute("href").split("#", 1)[1]
        tip = page.locator(f"[id='{term.get_attribute('aria-describedby')}']")
        assert tip.get_attribute("role") == "tooltip"
        assert not tip.is_visible()
        term.focus()
        assert tip.is_visible(), term_id
        shown = " ".join(tip.inner_text().split())
        assert shown.endswith(definitions[term_id]), term_id
        box, window = tip.bounding_box(), page.viewport_size
        assert box["x"] >= 0 and box["x"] + box["width"] <= window["width"], "de uitleg valt buiten het venster"
        page.keyboard.press("Escape")
        assert not tip.is_visible()
    term = terms.first
    term.hover()
    assert page.locator(f"[id='{term.get_attribute('aria-describedby')}']").is_visible()
    assert page.url == server(CARD_PAGE[card.id])
    assert watch.errors == [] and watch.foreign == []


def test_glossary_term_on_a_phone_opens_with_a_tap_and_stays_on_the_card(phone, visit):
    page = visit(CARD_PAGE[CARDS[0].id], in_context=phone)
    term = page.locator("article a.begrip").first
    tip = page.locator(f"[id='{term.get_attribute('aria-describedby')}']")
    term.tap()
    assert tip.is_visible()
    assert page.url.endswith(CARD_PAGE[CARDS[0].id])
    box = tip.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"]
    term.tap()  # a second tap follows the link to the glossary
    page.wait_for_url(re.compile(r"begrippen\.html#term-"))


def test_tables_fit_a_phone(site, phone, visit, pages):
    with_tables = [path for path in pages if "<table" in (site.outdir / path).read_text(encoding="utf-8")]
    assert with_tables, "de site heeft tabellen (Gespreksleiding)"
    for path in with_tables:
        page = visit(path, in_context=phone)
        assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"], path
        for box in page.locator("article table").evaluate_all(
            "tables => tables.map(t => { const r = t.getBoundingClientRect(); return [r.left, r.right]; })"
        ):
            assert box[0] >= 0 and box[1] <= page.viewport_size["width"], path
        labels = page.locator("article table td[data-label]")
        if labels.count():
            assert page.evaluate(
                "td => getComputedStyle(td, '::before').content", labels.first.element_handle()
            ).strip('"') == labels.first.get_attribute("data-label")
        page.close()


def test_search_snippets_keep_blocks_apart(site, page, server):
    definitions = glossary(site)
    term_id, definition = next(iter(definitions.items()))
    term = site.article("begrippen.html").find(id=term_id).get_text().strip().rstrip("#").strip()
    page.goto(server(f"search.html?q={term}"))
    page.locator("#search-results p.search-summary").filter(has_text="gevonden").wait_for()
    page.locator("#search-results ul.search li p.context").first.wait_for()
    snippets = " ".join(page.locator("#search-results ul.search li p.context").all_inner_texts())
    assert snippets
    glued = [f"{name}{text.split()[0]}" for name, text in (
        (site.article("begrippen.html").find(id=tid).get_text().strip().rstrip("#").strip(), d)
        for tid, d in definitions.items())]
    assert not [word for word in glued if word in snippets]
    assert "Link naar" not in snippets


# On paper -------------------------------------------------------------------------------------------


def printed(page, path, tmp_path) -> tuple[str, list[float], float]:
    """Print ``path`` with Chromium's print-to-PDF: its text, the right edges of its words and the page width."""
    pdf = tmp_path / (path.replace("/", "-") + ".pdf")
    page.emulate_media(media="print")
    pdf.write_bytes(page.pdf(format="A4", print_background=True))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    bbox = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    width = float(re.search(r'<page width="([\d.]+)"', bbox)[1])
    right_edges = [float(x) for x in re.findall(r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)"', bbox)]
    return text, right_edges, width


@pytest.mark.parametrize("path", ["index.html", *CARD_PAGE.values(), "gespreksleiding.html"])
def test_printed_page_has_no_navigation_and_nothing_cut_off(visit, path, tmp_path):
    page = visit(path)
    article = page.locator("article").inner_text().lower()
    navigation = [caption for caption in page.locator(".sidebar-tree .caption-text").all_inner_texts()
                  if caption.lower() not in article]
    assert navigation or path == "index.html", "de navigatie heeft kopjes die niet in de tekst staan" 
    title = page.locator("article h1").first.inner_text().rstrip("#").strip()
    text, right_edges, width = printed(page, path, tmp_path)
    assert SKIP_LINK not in text
    for caption in navigation:  # the sidebar's section captions ("Naslag") are nowhere on paper
        assert not re.search(rf"^\s*{re.escape(caption)}\s*$", text, re.MULTILINE | re.IGNORECASE), caption
    assert " ".join(text.split()).startswith(" ".join(title.split()))
    assert right_edges and max(right_edges) <= width, "tekst loopt rechts van de pagina af"


@pytest.mark.parametrize("card_id", CARD_PAGE)
def test_printed_card_keeps_each_kwestie_on_one_page(visit, card_id, tmp_path):
    card = next(card for card in CARDS if card.id == card_id)
    page = visit(CARD_PAGE[card_id])
    text, _, _ = printed(page, CARD_PAGE[card_id], tmp_path)
    pages = [" ".join(sheet.split()) for sheet in text.split("\f")]
    for kwestie in card.kwesties:
        heading = f"Kwestie {kwestie.number}"
        first_words = " ".join(kwestie.text.split()[:6])
        last_question = " ".join(kwestie.questions[-1].text.split()[:6])
        holding = [i for i, sheet in enumerate(pages) if re.search(rf"\b{heading}\b", sheet) and first_words in sheet]
        assert holding, heading
        assert last_question in pages[holding[0]], f"{heading} is over twee bladzijden verdeeld"
