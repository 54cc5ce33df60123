"""The model protocol page is rendered from the model data, and rules and kwesties link both ways."""

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
    assert article.find("h1").get_text().startswith(model.title)
    for rule in model.rules():
        anchor = article.find(id=f"regel-{rule.id}")
        assert anchor is not None, rule.id
        assert " ".join(rule.text.split()) in " ".join(article.get_text().split())
        if rule.source_note():
            assert f"Grondslag: {rule.source_note()}." in " ".join(anchor.get_text().split()), rule.id


def test_page_says_who_wrote_the_model_and_that_it_is_not_kennisnets(site):
    model = load_model()
    article = site.article(PAGE)
    about = article.find(id="over-dit-modelprotocol")
    assert about is not None
    text = " ".join(about.get_text().split())
    assert model.about in text
    subtitle = about.find_previous("p")  # the line under the title names the version
    assert subtitle is not None and f"versie {model.version}" in subtitle.get_text()


def test_page_shows_the_change_log_rule_by_rule(site):
    model = load_model()
    article = site.article(PAGE)
    section = article.find(id=f"wijzigingen-in-versie-{model.version.replace('.', '-')}")
    assert section is not None
    items = section.select("li")
    assert len(items) == len(model.changes)
    for item, change in zip(items, model.changes):
        text = " ".join(item.get_text().split())
        assert change.reason in text
        if change.old_id:
            assert change.old_id in text
        if change.rule_id:
            assert item.find("a", href=f"#regel-{change.rule_id}") is not None, change.rule_id


def test_tot_slot_questions_point_to_rules(site):
    """A card's closing questions ("Tot slot") list the rules that answer them, like a kwestie."""
    for card in load_cards(DOCS / "kaarten"):
        article = site.article(f"kaarten/{card.id}.html")
        for section in article.find_all("section"):
            heading = section.find("h2")
            if heading and heading.get_text().strip().rstrip("#").strip() == "Tot slot":
                block = section.select_one(".kwestie-regels")
                assert block is not None, card.id
                hrefs = [a["href"] for a in block.select("a")]
                assert hrefs and all(href.startswith(f"../{PAGE}#regel-") for href in hrefs)
                for href in hrefs:
                    assert _target(site, f"kaarten/{card.id}.html", href) is not None, href


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
    model = load_model()
    for card in load_cards(DOCS / "kaarten"):
        links = site.article(f"kaarten/{card.id}.html").find_all("a", href=f"../{PAGE}")
        assert any(model.title in a.get_text() for a in links)


def test_downloads_exist_for_every_sector_and_open(site):
    table = site.article(PAGE).select_one("table.protocol-downloads")
    assert table.find("caption").get_text().startswith("Downloaden om aan te passen")
    hrefs = {a["href"] for a in table.select("td a")}
    assert len(hrefs) == 2 * (len(SECTORS) + 1)
    for href in hrefs:
        path = site.outdir / href
        assert path.is_file(), href
        if href.endswith(".docx"):
            word = Document(io.BytesIO(path.read_bytes()))
            assert word.paragraphs[0].text.startswith(load_model().title)
            # The model's makers, not Kennisnet (no card text in it) and not python-docx's default.
            assert word.core_properties.author == load_model().author
            assert "Kennisnet" not in word.core_properties.author and not word.core_properties.comments
        else:
            text = path.read_text(encoding="utf-8")
            assert "Over dit modelprotocol" in text and load_model().about in " ".join(text.split())


def test_the_same_rules_link_from_every_folder_and_from_the_page_itself(tmp_path):
    """The rules under a kwestie are written once per folder and list of rules (build speed,
    tools/handboek/voorbeeldprotocol.py); the same list on a page in another folder, and on the
    Voorbeeldprotocol page itself, links from there."""
    import re
    from pathlib import Path

    from sphinx.testing.util import SphinxTestApp

    from conftest import copy_docs

    docs = copy_docs(tmp_path / "docs")
    block = ":::{protocolregels}\n:onderwerpen: collegiale-steun, medewerker-doelwit\n:::\n"
    (docs / "regels.md").write_text("# Regels\n\n" + block, encoding="utf-8")
    index = docs / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n```{toctree}\n:hidden:\nregels\n```\n", encoding="utf-8")
    protocol = docs / "voorbeeldprotocol.md"
    protocol.write_text(protocol.read_text(encoding="utf-8") + "\n## Regels bij elkaar\n\n" + block, encoding="utf-8")
    app = SphinxTestApp("html", srcdir=docs, builddir=docs / "_build", status=io.StringIO(), warning=io.StringIO())
    try:
        app.build()
    finally:
        app.cleanup()

    def hrefs(page: str) -> list[list[str]]:
        html = (Path(app.outdir) / page).read_text(encoding="utf-8")
        blocks = re.findall(r'<div class="kwestie-regels docutils container">(.*?)</div>', html, re.DOTALL)
        return [re.findall(r'href="([^"]*)"', found) for found in blocks]

    card = hrefs("kaarten/populaire-hiphopleraar.html")[-1]  # its closing questions ("Tot slot")
    assert card and all(href.startswith(f"../{PAGE}#regel-") for href in card)
    assert hrefs("regels.html") == [[href.removeprefix("../") for href in card]]
    assert hrefs(PAGE) == [[href.removeprefix(f"../{PAGE}") for href in card]]
