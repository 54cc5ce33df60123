"""The card loader reads kwesties and questions straight from the card pages."""

import pytest
from kern.loader import CardFormatError, load_card, load_cards

from conftest import DOCS
from seedtext import squash


@pytest.fixture(scope="module")
def cards():
    return {card.id: card for card in load_cards(DOCS / "kaarten")}


def test_loader_finds_both_cards(cards):
    assert set(cards) == {"populaire-hiphopleraar", "goedbedoelde-acties"}
    assert cards["populaire-hiphopleraar"].title == "De populaire hiphopleraar"
    assert cards["goedbedoelde-acties"].number == 6
    assert cards["populaire-hiphopleraar"].number is None


@pytest.mark.parametrize("card_id", ["populaire-hiphopleraar", "goedbedoelde-acties"])
def test_every_card_has_five_kwesties_with_questions(cards, card_id):
    card = cards[card_id]
    assert [k.number for k in card.kwesties] == [1, 2, 3, 4, 5]
    for kwestie in card.kwesties:
        assert kwestie.id == f"{card_id}/{kwestie.number}"
        assert kwestie.anchor == f"kwestie-{kwestie.number}"
        assert kwestie.text
        assert kwestie.questions
        assert all(q.text.endswith("?") for q in kwestie.questions), kwestie.id
        assert kwestie.topics, kwestie.id


def test_questions_are_plain_text_with_subpoints(cards):
    kwestie = cards["populaire-hiphopleraar"].kwestie(1)
    assert [q.text for q in kwestie.questions] == [
        "Wat vind je daarvan, zo’n populaire leraar en zijn exposure via sociale media?",
        "Kan dat, in combinatie met zijn leraarschap?",
    ]
    assert kwestie.questions[1].subquestions[0].startswith("Zo nee: kun je een onderwijsprofessional")
    assert kwestie.questions[1].subquestions[1].startswith("Zo ja: zijn er grenzen")


def test_roles_become_their_visible_text(cards):
    hiphop = cards["populaire-hiphopleraar"]
    assert "(zie kwestie 2)" in hiphop.kwestie(3).text
    assert "{" not in hiphop.kwestie(3).text
    assert hiphop.kwestie(4).afterword.startswith("Bedenk overigens")
    assert "een sext (pikante foto) die bedoeld" in hiphop.kwestie(4).afterword
    assert hiphop.kwestie(4).afterword.endswith("Wat vind je van deze maatregel?")


def test_card_purpose_is_its_first_paragraph(cards):
    assert cards["goedbedoelde-acties"].purpose.startswith("Deze discussie is bedoeld om te praten")
    assert cards["populaire-hiphopleraar"].purpose.startswith("Deze discussiekaart is bedoeld")


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
    with pytest.raises(CardFormatError, match="kwestie heeft een nummer nodig"):
        load_card(path)
