"""Every sentence of each seed card appears on its card page.

Each card page in docs/kaarten has its seed (the text from Kennisnet's PDF) in
tests/fixtures/seeds/<card-id>.txt; the cards come from the loader.
"""

import pytest
from kern.loader import card_paths, load_card
from seedtext import fold, seed_sentences, squash

from conftest import DOCS, FIXTURES

CARD_IDS = [path.stem for path in card_paths(DOCS / "kaarten")]
SHARED = DOCS / "_gedeeld" / "ter-inspiratie.md"
SHARED_INCLUDE = "_gedeeld/ter-inspiratie.md"


def seed_of(card_id: str) -> str:
    path = FIXTURES / "seeds" / f"{card_id}.txt"
    assert path.is_file(), f"de brontekst van kaart {card_id} ontbreekt: kopieer hem naar {path}"
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("card_id", CARD_IDS)
def test_every_seed_sentence_is_on_the_card_page(site, card_id):
    card = load_card(DOCS / "kaarten" / f"{card_id}.md")
    page = fold(site.text(f"kaarten/{card_id}.html"))
    sentences = seed_sentences(seed_of(card_id), card.metadata.get("correcties", []), card.title)
    assert len(sentences) > 20
    missing = [sentence for sentence in sentences if sentence not in page]
    assert missing == []


@pytest.mark.parametrize("card_id", CARD_IDS)
def test_every_documented_correction_is_applied(site, card_id):
    card = load_card(DOCS / "kaarten" / f"{card_id}.md")
    page = squash(site.text(f"kaarten/{card_id}.html"))
    for correction in card.metadata.get("correcties", []):
        assert squash(correction["wordt"]) in page, correction
        assert squash(correction["was"]) not in page, correction
        assert correction["reden"], correction


@pytest.mark.parametrize("card_id", CARD_IDS)
def test_page_furniture_is_gone(site, card_id):
    text = site.text(f"kaarten/{card_id}.html")
    assert "Laat ict werken voor het onderwijs" not in text
    assert "-\n" not in text


def test_shared_tips_are_written_once_and_on_every_card_that_includes_them(site):
    shared = SHARED.read_text(encoding="utf-8")
    last_sentence = "Neem de feedback van de deelnemers heel serieus."
    assert last_sentence in shared
    including = [card_id for card_id in CARD_IDS
                 if SHARED_INCLUDE in (DOCS / "kaarten" / f"{card_id}.md").read_text(encoding="utf-8")]
    assert including == CARD_IDS, "elke kaart neemt 'Ter inspiratie' op uit het gedeelde bestand"
    for card_id in CARD_IDS:
        assert last_sentence not in (DOCS / "kaarten" / f"{card_id}.md").read_text(encoding="utf-8")
        text = fold(site.text(f"kaarten/{card_id}.html"))
        assert "Tip 1: Deel het eigen protocol" in text
        assert last_sentence in text
