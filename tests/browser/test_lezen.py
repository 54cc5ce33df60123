"""Reading the handbook in a real browser: search, navigation, keyboard, sources,
kwestie anchors, a phone's screen, dark mode; no errors and nothing from elsewhere."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import TimeoutError
from conftest import DOCS

from kern.loader import load_cards

CARDS = load_cards(DOCS / "kaarten")
CARD_PAGE = {card.id: f"kaarten/{card.id}.html" for card in CARDS}


@pytest.fixture(params=list(CARD_PAGE))
def card_id(request) -> str:
    """Each card of the site (a module running these tests on another site overrides it)."""
    return request.param


def card_text(card) -> str:
    return card.path.read_text(encoding="utf-8").lower()


def search(page, server, query: str) -> list[str]:
    """The pages (paths without anchor or query) the site's search finds for ``query``."""
    page.goto(server(f"search.html?q={query}"), wait_until="load")
    page.locator("#search-results p.search-summary").filter(has_text="gevonden").wait_for()
    hrefs = page.locator("#search-results ul.search li > a").evaluate_all("links => links.map(a => a.href)")
    return sorted({re.sub(r"[?#].*$", "", href).removeprefix(server.url) for href in hrefs})


IN_VIEW = """id => {
  const r = document.getElementById(id).getBoundingClientRect(), doc = document.documentElement;
  const atBottom = window.scrollY + window.innerHeight >= doc.scrollHeight - 2;
  return r.top >= 0 && (r.top < window.innerHeight / 2 || (atBottom && r.top < window.innerHeight));
}"""


def in_view(page, element_id: str) -> bool:
    """Whether the element is (or, once the smooth scrolling ends, comes) near the top of the window,
    or in view on a page scrolled to its end."""
    try:
        page.wait_for_function(IN_VIEW, arg=element_id, timeout=5000)
    except TimeoutError:
        return False
    return True


# Search ---------------------------------------------------------------------------


def unique_word(card) -> str:
    """A word of the card's kwesties that no other card has (nor any word sharing its first six letters,
    so that Dutch stemming cannot find it elsewhere)."""
    others = [card_text(other) for other in CARDS if other.id != card.id]
    text = " ".join([card.purpose, *(kwestie.text for kwestie in card.kwesties)]).lower()
    for word in re.findall(r"[a-zà-ÿ]{7,}", text):
        if not any(word[:6] in other for other in others):
            return word
    raise AssertionError(f"kaart {card.id} heeft geen eigen woord")


def test_search_finds_every_card_that_has_the_word(page, server):
    having = {CARD_PAGE[card.id] for card in CARDS if "whatsapp" in card_text(card)}
    assert having, "geen kaart noemt WhatsApp"
    found = search(page, server, "WhatsApp")
    assert having <= set(found)


@pytest.mark.parametrize("card_id", CARD_PAGE)
def test_search_finds_only_the_card_that_has_the_word(page, server, card_id):
    word = unique_word(next(card for card in CARDS if card.id == card_id))
    found = search(page, server, word)
    assert [path for path in found if path in CARD_PAGE.values()] == [CARD_PAGE[card_id]], word


def test_search_result_opens_the_page_with_the_word_highlighted(page, server):
    search(page, server, unique_word(CARDS[0]))
    page.locator("#search-results ul.search li > a", has_text=CARDS[0].title).first.click()
    page.wait_for_load_state("load")
    assert page.url.startswith(server(CARD_PAGE[CARDS[0].id]))
    assert page.locator("article span.highlighted").count() >= 1


# Navigation -------------------------------------------------------------------------


def test_landing_grid_leads_to_every_card_and_back(page, server, site_cards):
    page.goto(server("index.html"))
    tiles = page.locator(".kaartenoverzicht .sd-card")
    assert tiles.count() == len(site_cards)
    for card in site_cards:
        page.locator(".kaartenoverzicht .sd-card", has_text=card.title).click()
        page.wait_for_url(server(f"kaarten/{card.id}.html"))
        assert page.locator("h1").inner_text().rstrip("#").strip() == card.title
        page.go_back()
        page.wait_for_url(server("index.html"))
        assert page.locator(".kaartenoverzicht").is_visible()


SUMMARIES = "article details > summary"
IS_OPEN = "i => document.querySelectorAll('article details > summary')[i].parentElement.open"


def tab_to(page, index: int, limit: int = 400) -> bool:
    """Press Tab until the page's ``index``-th block summary has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("i => document.activeElement === document.querySelectorAll('article details > summary')[i]",
                         index):
            return True
    return False


def test_collapsible_blocks_open_and_close_with_the_keyboard(page, server, card_id):
    page.goto(server(f"kaarten/{card_id}.html"))
    count = page.locator(SUMMARIES).count()
    assert count >= 2, "een kaart heeft uitklapblokken (voorbeelden, aandachtspunten)"
    for index in (0, count - 1):
        page.goto(server(f"kaarten/{card_id}.html"))
        assert tab_to(page, index), f"uitklapblok {index + 1} is niet met Tab te bereiken"
        was_open = page.evaluate(IS_OPEN, index)
        page.keyboard.press("Enter")
        assert page.evaluate(IS_OPEN, index) is not was_open
        page.keyboard.press("Space")
        assert page.evaluate(IS_OPEN, index) is was_open


# Sources and anchors ---------------------------------------------------------------------


def test_source_links_land_on_their_entry_and_backlinks_return(page, server, card_id):
    card_page = f"kaarten/{card_id}.html"
    page.goto(server(card_page))
    links = page.locator("article a[href*='bronnen.html#bron-']").evaluate_all(
        "links => links.map(a => ({id: a.id, href: a.getAttribute('href')}))"
    )
    assert links
    for link in links:
        page.goto(server(card_page))
        source = page.locator(f"a[id='{link['id']}']")
        if not source.is_visible():  # in a closed block (the leader's notes): open it as a reader would
            page.locator("details", has=source).locator("> summary").click()
        source.click()
        entry = link["href"].split("#", 1)[1]
        page.wait_for_url(re.compile(rf"bronnen\.html#{re.escape(entry)}$"))
        assert page.evaluate("() => document.querySelector(':target').id") == entry
        assert in_view(page, entry), f"{entry} staat niet in beeld"
        back = page.locator(f"li[id='{entry}'] .bron-backlinks a[href$='{card_page}#{link['id']}']")
        assert back.count() == 1, f"geen terugverwijzing van {entry} naar {link['id']}"
        back.click()
        page.wait_for_url(server(f"{card_page}#{link['id']}"))
        assert in_view(page, link["id"]), f"terug naar {link['id']}, maar die staat niet in beeld"


def test_kwestie_anchors_scroll_to_their_kwestie(page, server, card_id, site_cards):
    card = next(card for card in site_cards if card.id == card_id)
    for kwestie in card.kwesties:
        page.goto(server(f"kaarten/{card_id}.html#{kwestie.anchor}"))
        page.wait_for_load_state("load")
        assert in_view(page, kwestie.anchor), kwestie.anchor
        heading = page.locator(f"[id='{kwestie.anchor}'] .kaartblok-titel").first.inner_text()
        assert str(kwestie.number) in heading


# Every page ---------------------------------------------------------------------------------


CUT_OFF = """() => {
  // A code block or table may scroll inside its own box; the page around it may not.
  const scrolls = el => { for (let n = el.parentElement; n && n.tagName !== 'ARTICLE'; n = n.parentElement) {
      if (['auto', 'scroll'].includes(getComputedStyle(n).overflowX)) return true; } return false; };
  return [...document.querySelectorAll('article *')].filter(el => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && r.right > window.innerWidth + 1 && !scrolls(el);
  }).map(el => el.tagName + '.' + (el.getAttribute('class') || ''));
}"""


def test_no_page_scrolls_sideways_or_cuts_content_off_on_a_phone(phone, visit, pages):
    wide, cut = {}, {}
    for path in pages:
        page = visit(path, in_context=phone)
        widths = page.evaluate(
            "() => [window.innerWidth, document.documentElement.scrollWidth, document.body.scrollWidth]"
        )
        if max(widths[1:]) > widths[0]:
            wide[path] = widths
        if outside := page.evaluate(CUT_OFF):
            cut[path] = outside
        page.close()
    assert wide == {}
    assert cut == {}, "inhoud valt rechts buiten het scherm (niet in een eigen schuifvak)"


def is_dark(page) -> bool:
    """Whether the page shows light text on a dark background."""
    luminance = page.evaluate(
        """() => { const lum = c => { const [r, g, b] = c.match(/\\d+/g).map(Number);
                                     return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255; };
                  const s = getComputedStyle(document.body);
                  return [lum(s.backgroundColor), lum(s.color)]; }"""
    )
    return luminance[0] < 0.2 and luminance[1] > 0.7


def test_dark_mode_follows_the_system_setting(browser, server):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(server("index.html"))
    assert page.evaluate("document.body.dataset.theme") == "auto"
    assert is_dark(page)
    context.close()


def test_dark_mode_can_be_chosen_and_is_remembered(page, server):
    page.goto(server("index.html"))
    assert not is_dark(page)
    toggle = page.locator("button.theme-toggle:visible").first
    for _ in range(3):
        if page.evaluate("document.body.dataset.theme") == "dark":
            break
        toggle.click()
    assert page.evaluate("document.body.dataset.theme") == "dark"
    assert is_dark(page)
    page.goto(server(CARD_PAGE[CARDS[0].id]))
    assert is_dark(page)


def test_no_console_errors_and_no_other_hosts(visit, watch, pages, server):
    for path in pages:
        visit(path).close()
    page = visit("search.html?q=WhatsApp")
    page.locator("#search-results p.search-summary").filter(has_text="gevonden").wait_for()
    page.wait_for_load_state("networkidle")
    assert watch.errors == []
    assert watch.foreign == []


# The 404 page ---------------------------------------------------------------------------------


def test_missing_address_at_any_depth_shows_the_dutch_404_page(context, server, watch, site_cards):
    page = context.new_page()
    watch.attach(page)
    failed = []
    page.on("response", lambda response: response.status >= 400 and response.request.resource_type != "document"
            and failed.append(response.url))
    response = page.goto(server("kaarten/bestaat/niet/meer.html"))
    assert response.status == 404
    assert page.locator("h1").inner_text().rstrip("#").strip() == "Pagina niet gevonden"
    assert failed == [], "stijlen of scripts van de 404-pagina laden niet"
    assert page.evaluate("getComputedStyle(document.querySelector('.sidebar-drawer')).display") != "none"
    page.get_by_role("link", name="startpagina").click()
    page.wait_for_url(server("index.html"))
    assert page.locator(".kaartenoverzicht .sd-card").count() == len(site_cards)
    assert watch.foreign == []
