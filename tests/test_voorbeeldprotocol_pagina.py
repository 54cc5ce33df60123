"""The Voorbeeldprotocol page is rendered from the model data, and rules and kwesties link both ways."""

import io
from urllib.parse import urljoin, urlsplit

from docx import Document
from kern.loader import load_cards
from protocol.model import SECTORS, load_model
from protocol.trace import kwesties_for_rule, rules_for_kwestie

from conftest import DOCS

PAGE = "voorbeeldprotocol.html"


def _target(site, page, href):
    url = urlsplit(urljoin(page, href))
    return site.html(url.path).find(id=url.fragment)


def test_page_shows_every_rule_with_its_anchor(site):
    model = load_model()
    article = site.article(PAGE)
    assert article.find("h1").get_text().startswith("Voorbeeldprotocol Sociale media op school")
    for rule in model.rules():
        anchor = article.find(id=f"regel-{rule.id}")
        assert anchor is not None, rule.id
        assert " ".join(rule.text.split()) in " ".join(article.get_text().split())


def test_every_rule_links_to_the_kwesties_that_discuss_it(site):
    model = load_model()
    cards = load_cards(DOCS / "kaarten")
    article = site.article(PAGE)
    for rule in model.rules():
        paragraph = article.find(id=f"regel-{rule.id}")
        links = paragraph.find_next_sibling("p").select("a") if kwesties_for_rule(rule, cards) else []
        expected = [f"kaarten/{ref.card_id}.html#{ref.anchor}" for ref in kwesties_for_rule(rule, cards)]
        assert [a["href"] for a in links] == expected, rule.id
        for link in links:
            assert "kwestie" in _target(site, PAGE, link["href"])["class"]


def test_every_kwestie_lists_the_rules_it_touches_with_links(site):
    model = load_model()
    for card in load_cards(DOCS / "kaarten"):
        page = f"kaarten/{card.id}.html"
        for kwestie in card.kwesties:
            block = site.article(page).find(id=kwestie.anchor).select_one(".kwestie-regels")
            hrefs = [a["href"] for a in block.select("a")]
            assert hrefs == [f"../{PAGE}#regel-{rule.id}" for rule in rules_for_kwestie(model, kwestie)]
            for href in hrefs:
                assert _target(site, page, href) is not None, href


def test_ter_inspiratie_links_to_the_page(site):
    for card in load_cards(DOCS / "kaarten"):
        links = site.article(f"kaarten/{card.id}.html").find_all("a", href=f"../{PAGE}")
        assert any("Voorbeeldprotocol Sociale media op school" in a.get_text() for a in links)


def test_downloads_exist_for_every_sector_and_open(site):
    table = site.article(PAGE).select_one("table.protocol-downloads")
    assert table.find("caption").get_text().startswith("Downloaden om aan te passen")
    hrefs = {a["href"] for a in table.select("td a")}
    assert len(hrefs) == 2 * (len(SECTORS) + 1)
    for href in hrefs:
        path = site.outdir / href
        assert path.is_file(), href
        if href.endswith(".docx"):
            assert Document(io.BytesIO(path.read_bytes())).paragraphs[0].text.startswith("Voorbeeldprotocol")
