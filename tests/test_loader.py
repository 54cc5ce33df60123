"""The card loader reads kwesties and questions straight from the card pages.

Expectations come from the card files and the built pages, never from today's cards: a new
valid card must pass as it is. The card-format forms are in tests/fixtures/kaartvormen.
"""

import pytest
from kern.loader import CardFormatError, card_paths, load_card, load_cards

from conftest import DOCS, FIXTURES
from seedtext import squash

CARD_IDS = [path.stem for path in card_paths(DOCS / "kaarten")]
FORM = FIXTURES / "kaartvormen" / "vorm-dubbele-punten.md"


@pytest.fixture(scope="module")
def cards():
    return {card.id: card for card in load_cards(DOCS / "kaarten")}


def test_loader_finds_every_card_page(cards):
    assert list(cards) == CARD_IDS
    assert CARD_IDS, "docs/kaarten holds no card"
    assert not any(card_id.startswith("_") for card_id in cards)


@pytest.mark.parametrize("card_id", CARD_IDS)
def test_card_title_number_and_purpose_are_the_pages(site, cards, card_id):
    card = cards[card_id]
    page = site.article(f"kaarten/{card_id}.html")
    assert card.title == page.find("h1").get_text().rstrip("#").strip()
    if card.number is not None:
        grid = site.article("index.html").select_one(f".kaartenoverzicht a[href='kaarten/{card_id}.html']")
        assert f"Discussiekaart {card.number}" in grid.find_parent(class_="sd-card").get_text()
    first_paragraph = page.find("section").find("p", recursive=False)
    assert card.purpose and squash(card.purpose) == squash(first_paragraph.get_text())


@pytest.mark.parametrize("card_id", CARD_IDS)
def test_every_kwestie_is_numbered_from_one_with_text_questions_and_topics(cards, card_id):
    card = cards[card_id]
    assert [k.number for k in card.kwesties] == list(range(1, len(card.kwesties) + 1))
    for kwestie in card.kwesties:
        assert kwestie.id == f"{card_id}/{kwestie.number}"
        assert kwestie.anchor == f"kwestie-{kwestie.number}"
        assert kwestie.text, kwestie.id
        assert kwestie.questions and all(q.text for q in kwestie.questions), kwestie.id
        assert kwestie.topics, kwestie.id


def test_questions_are_plain_text_with_subpoints():
    kwestie = load_card(FORM).kwestie(1)
    assert [(q.text, q.subquestions) for q in kwestie.questions] == [
        ("Past dat bij de toon die de school wil?", ()),
        ("Wanneer wel?", ("Zo ja: bij welke gelegenheid?", "Zo nee: waarom niet?")),
    ]


def test_roles_become_their_visible_text():
    card = load_card(FORM)
    kwestie = card.kwestie(1)
    assert kwestie.text == (
        "Een leraar stuurt een leerling privéberichten met een hartje, zoals in het voorbeeld van de nachtzoenen."
    )
    assert kwestie.afterword == "Na de vragen volgt nog een alinea, zoals in kwestie 2."
    assert card.sources == ("Testbron voor kaartvormen",)


def test_kwestie_anchors_exist_on_the_built_pages(site, cards):
    for card in cards.values():
        page = site.html(f"kaarten/{card.id}.html")
        for kwestie in card.kwesties:
            block = page.find(id=kwestie.anchor)
            assert block is not None and "kwestie" in block["class"], kwestie.id
            for question in kwestie.questions:
                assert squash(question.text) in squash(block.get_text())


def test_a_kwestie_without_number_is_a_clear_error(tmp_path):
    path = tmp_path / "kapot.md"
    path.write_text("# Kapot\n\n::::{kwestie} een\nTekst\n::::\n", encoding="utf-8")
    with pytest.raises(CardFormatError, match=rf"^{path}:3: een kwestie heeft een nummer nodig"):
        load_card(path)


def test_a_card_without_title_is_a_clear_error(tmp_path):
    path = tmp_path / "zonder-titel.md"
    path.write_text("Alleen tekst.\n", encoding="utf-8")
    with pytest.raises(CardFormatError, match="de kaart heeft geen titel"):
        load_card(path)


def test_two_kwesties_with_one_number_are_a_clear_error(tmp_path):
    path = tmp_path / "dubbel.md"
    block = "```{kwestie} 1\n:onderwerpen: toon\n\nTekst.\n```\n\n"
    path.write_text(f"# Dubbel\n\n{block}{block.replace('```', ':::')}", encoding="utf-8")
    with pytest.raises(CardFormatError, match="twee kwesties hebben hetzelfde nummer"):
        load_card(path)
