"""Adding a card is adding one file: it shows up everywhere without another edit."""

import pytest
from kern.loader import load_cards

from conftest import BuiltSite, copy_docs

NEW_CARD = """\
---
kaartnummer: 99
---

# Een testkaart over schoolfoto’s

Deze kaart is bedoeld om over foto’s van leerlingen te praten.

## Kwesties

::::{kwestie} 1
:onderwerpen: beeldmateriaal

Een leraar zet een klassenfoto op Instagram.

:::{vragen}
- Mag dat zonder toestemming?
:::
::::

::::{kwestie} 2
:onderwerpen: persoonsgegevens

Zie ook {kwestie}`1` en {kwestie}`populaire-hiphopleraar/3`.

:::{vragen}
- Wat vind je daarvan?
:::
::::

## Voorbeelden

:::{voorbeeld} 1
Een testvoorbeeld. (Bron: {bron}`Testkrant`)
:::
"""


@pytest.fixture(scope="module")
def extended_site(tmp_path_factory):
    docs = copy_docs(tmp_path_factory.mktemp("nieuwe-kaart") / "docs")
    (docs / "kaarten" / "testkaart.md").write_text(NEW_CARD, encoding="utf-8")
    return BuiltSite(docs)


def test_new_card_builds_without_warnings(extended_site):
    assert extended_site.warnings.getvalue() == ""


def test_new_card_is_in_the_landing_grid(extended_site):
    grid = extended_site.article("index.html").select(".kaartenoverzicht a")
    targets = {a["href"] for a in grid}
    assert "kaarten/testkaart.html" in targets
    assert len(targets) == 3
    text = extended_site.article("index.html").get_text()
    assert "Een testkaart over schoolfoto’s" in text
    assert "Discussiekaart 99 · 2 kwesties" in text


def test_new_card_is_in_the_navigation(extended_site):
    nav = extended_site.html("index.html").select(".sidebar-tree a")
    assert "kaarten/testkaart.html" in {a["href"] for a in nav}


def test_new_cards_sources_are_on_bronnen(extended_site):
    entry = extended_site.article("bronnen.html").find(id="bron-testkrant")
    assert entry is not None
    assert entry.select_one(".bron-backlinks a")["href"] == "kaarten/testkaart.html#bron-testkrant-1"


def test_new_card_cross_references_resolve(extended_site):
    page = extended_site.article("kaarten/testkaart.html")
    assert page.find("a", href="#kwestie-1") is not None
    assert page.find("a", href="populaire-hiphopleraar.html#kwestie-3") is not None


def test_new_card_is_in_the_loader(extended_site):
    cards = {card.id: card for card in load_cards(extended_site.srcdir / "kaarten")}
    assert cards["testkaart"].number == 99
    assert [k.id for k in cards["testkaart"].kwesties] == ["testkaart/1", "testkaart/2"]
    assert cards["testkaart"].kwestie(2).text == "Zie ook kwestie 1 en kwestie 3."


def test_unknown_kwestie_reference_warns(tmp_path):
    docs = copy_docs(tmp_path / "docs")
    (docs / "kaarten" / "testkaart.md").write_text(
        NEW_CARD.replace("{kwestie}`1`", "{kwestie}`8`"), encoding="utf-8"
    )
    warnings = BuiltSite(docs).warnings.getvalue()
    assert "verwijzing naar kwestie 8 van kaart 'testkaart' bestaat niet" in warnings
