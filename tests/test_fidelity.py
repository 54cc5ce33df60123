"""Every sentence of each seed card appears on its card page."""

import pytest
from kern.loader import load_card
from seedtext import fold, seed_sentences, squash

from conftest import DOCS, FIXTURES

CARDS = ["populaire-hiphopleraar", "goedbedoelde-acties"]


@pytest.mark.parametrize("card_id", CARDS)
def test_every_seed_sentence_is_on_the_card_page(site, card_id):
    card = load_card(DOCS / "kaarten" / f"{card_id}.md")
    seed = (FIXTURES / "seeds" / f"{card_id}.txt").read_text(encoding="utf-8")
    page = fold(site.text(f"kaarten/{card_id}.html"))
    sentences = seed_sentences(seed, card.metadata.get("correcties", []))
    assert len(sentences) > 80
    missing = [sentence for sentence in sentences if sentence not in page]
    assert missing == []


@pytest.mark.parametrize("card_id", CARDS)
def test_every_documented_correction_is_applied(site, card_id):
    card = load_card(DOCS / "kaarten" / f"{card_id}.md")
    page = squash(site.text(f"kaarten/{card_id}.html"))
    for correction in card.metadata["correcties"]:
        assert squash(correction["wordt"]) in page, correction
        assert squash(correction["was"]) not in page, correction
        assert correction["reden"], correction


def test_page_furniture_is_gone(site):
    for card_id in CARDS:
        text = site.text(f"kaarten/{card_id}.html")
        assert "Laat ict werken voor het onderwijs" not in text
        assert "-\n" not in text


def test_shared_tips_are_written_once_and_on_both_cards(site):
    sources = [p.read_text(encoding="utf-8") for p in (DOCS / "kaarten").glob("*.md")]
    assert all("Neem de feedback" not in source for source in sources)
    for card_id in CARDS:
        text = fold(site.text(f"kaarten/{card_id}.html"))
        assert "Tip 1: Deel het eigen protocol" in text
        assert "Neem de feedback van de deelnemers heel serieus." in text
