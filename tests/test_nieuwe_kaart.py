"""Adding a card is adding one file: a third valid card shows up everywhere without another edit.

The card (tests/fixtures/nieuwe-kaart/) is copied into a temporary copy of docs/ and checked in the
build, the loader, the landing grid, the navigation, Bronnen, the links between cards and the
wizard's choice of cards. tests/browser/test_nieuwe_kaart.py opens the same build in Chromium.
"""

from collections import Counter

import pytest
import yaml
from handboek.bronnen import source_anchor, source_key
from handboek.overzicht import card_summary
from kern.loader import load_card, load_cards
from protocolwizard.interview import run_interview
from protocolwizard.services import context
from seedtext import squash
from test_wizard_interactief import CTRL_C, DOWN, ENTER, ScriptedPrompts, responder

from conftest import NEW_CARD, BuiltSite, copy_docs_with_new_card

NEW_ID = NEW_CARD.stem
NEW_PAGE = f"kaarten/{NEW_ID}.html"


@pytest.fixture(scope="module")
def cards(extended_site):
    return load_cards(extended_site.srcdir / "kaarten")


@pytest.fixture(scope="module")
def new_card(cards):
    return next(card for card in cards if card.id == NEW_ID)


def test_new_card_builds_without_warnings(extended_site):
    assert extended_site.warnings.getvalue() == ""


def test_new_card_is_in_the_loader_as_written(cards, new_card):
    assert NEW_ID in [card.id for card in cards]
    assert len(cards) == len(load_cards()) + 1
    written = load_card(NEW_CARD)
    assert (new_card.title, new_card.number, new_card.kwesties) == (written.title, written.number, written.kwesties)
    assert new_card.kwesties and all(k.topics and k.questions for k in new_card.kwesties)


def test_every_card_is_in_the_landing_grid(extended_site, cards):
    grid = extended_site.article("index.html").select_one(".kaartenoverzicht")
    assert [a["href"] for a in grid.select("a")] == [f"kaarten/{card.id}.html" for card in cards]
    text = squash(grid.get_text(" "))
    for card in cards:
        assert card.title in text and card_summary(card) in text, card.id


def test_every_card_is_in_the_navigation(extended_site, cards):
    nav = {a["href"] for a in extended_site.html("index.html").select(".sidebar-tree a")}
    assert {f"kaarten/{card.id}.html" for card in cards} <= nav


def test_new_cards_sources_are_on_bronnen_and_link_back(extended_site, new_card):
    bronnen = extended_site.article("bronnen.html")
    for source, count in Counter(new_card.sources).items():
        entry = bronnen.find(id=source_anchor(source_key(source)))
        assert entry is not None, source
        assert entry.find("strong").get_text() == source
        back = [a["href"] for a in entry.select(".bron-backlinks a") if a["href"].startswith(NEW_PAGE)]
        assert back == [f"{NEW_PAGE}#{source_anchor(source_key(source))}-{n}" for n in range(1, count + 1)]


def test_repeated_context_on_the_new_card_is_numbered(extended_site, new_card):
    repeated = next(source for source, count in Counter(new_card.sources).items() if count > 2)
    entry = extended_site.article("bronnen.html").find(id=source_anchor(source_key(repeated)))
    labels = [a.get_text() for a in entry.select(".bron-backlinks a") if a["href"].startswith(NEW_PAGE)]
    assert len(labels) == len(set(labels)) == 3
    assert any(label.endswith(" (2)") for label in labels)


def test_links_on_and_to_the_new_card_resolve(extended_site, cards, new_card):
    page = extended_site.article(NEW_PAGE)
    first = cards[0].kwesties[0]
    assert page.find("a", href=f"#{new_card.kwesties[0].anchor}") is not None
    assert page.find("a", href=f"{first.card_id}.html#{first.anchor}") is not None
    assert page.find("a", href="#voorbeeld-1") is not None


def test_wizard_offers_the_new_card_and_its_kwesties(monkeypatch, tmp_path, extended_site, new_card):
    monkeypatch.setenv("HANDBOEK_KAARTEN", str(extended_site.srcdir / "kaarten"))
    ctx = context()
    assert NEW_ID in [card.id for card in ctx.cards]
    offered: list[list[str]] = []

    def choose_new_card(choices):
        offered.append(choices)
        return DOWN * choices.index(new_card.title) + " " + ENTER

    prompts = ScriptedPrompts(responder({"Welke kaarten": choose_new_card, "Notitie": CTRL_C}))
    code = run_interview(tmp_path / "antwoorden.yaml", resume=False, handboek_url="", prompts=prompts, context=ctx)
    prompts.close()
    assert code == 130
    assert offered == [[card.title for card in ctx.cards]]
    saved = yaml.safe_load((tmp_path / "antwoorden.yaml").read_text(encoding="utf-8"))
    assert saved["sessie"]["kaarten"] == [NEW_ID]
    shown = "\n".join(prompts.lines)
    first = new_card.kwesties[0]
    assert f"{new_card.title}, kwestie {first.number}" in shown
    assert all(question.text in shown for question in first.questions)


@pytest.mark.slow
def test_unknown_kwestie_reference_warns(tmp_path):
    docs = copy_docs_with_new_card(tmp_path / "docs")
    path = docs / "kaarten" / NEW_CARD.name
    path.write_text(path.read_text(encoding="utf-8").replace("{kwestie}`1`", "{kwestie}`8`"), encoding="utf-8")
    warnings = BuiltSite(docs).warnings.getvalue()
    assert f"verwijzing naar kwestie 8 van kaart '{NEW_ID}' bestaat niet" in warnings
