"""Every sentence of each seed card appears on its card page.

Each card page in docs/kaarten has its seed (the text from Kennisnet's PDF) in
tests/fixtures/seeds/<card-id>.txt; the cards come from the loader.
"""

import pytest
from kern.loader import card_paths, load_card
from seedtext import fold, seed_blocks, seed_sentences, split_sentences, squash

from conftest import DOCS, FIXTURES

CARD_IDS = [path.stem for path in card_paths(DOCS / "kaarten")]


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


def _section_text(site, card_id: str, heading: str) -> str:
    for section in site.article(f"kaarten/{card_id}.html").find_all("section"):
        title = section.find(["h2", "h3"])
        if title and title.get_text().strip().rstrip("#").strip() == heading:
            return fold(section.get_text(" "))
    raise AssertionError(f"{card_id}: geen sectie {heading}")


@pytest.mark.parametrize("card_id", CARD_IDS)
def test_ter_inspiratie_has_the_cards_own_wording(site, card_id):
    """Tip 1 and Tip 2 as this card's seed has them: no wording shared with another card."""
    card = load_card(DOCS / "kaarten" / f"{card_id}.md")
    seed = seed_of(card_id)
    block = next(b for b in seed_blocks(seed) if "Ter inspiratie:" in b)
    block = fold(block[block.index("Ter inspiratie:"):])
    for correction in card.metadata.get("correcties", []):
        block = block.replace(fold(correction["was"]), fold(correction["wordt"]))
    section = _section_text(site, card_id, "Ter inspiratie")
    for sentence in split_sentences(block):
        assert sentence in section, sentence
    tips = [sentence for sentence in split_sentences(block) if sentence.startswith(("Tip 1:", "Tip 2:"))]
    assert len(tips) == 2
    for correction in card.metadata.get("correcties", []):
        assert not fold(correction["was"]).startswith(("Tip 1", "Tip 2")), "een tip is gelijkgetrokken"


@pytest.mark.parametrize("card_id", CARD_IDS)
def test_kennisnets_protocol_is_named_not_linked_and_the_handbooks_model_is_separate(site, card_id):
    article = site.article(f"kaarten/{card_id}.html")
    links = article.find_all("a")
    assert not any("Voorbeeldprotocol Sociale media op school" in a.get_text() for a in links)
    note = article.select_one(".handboek-noot")
    assert note is not None
    assert note.find("a", href="../voorbeeldprotocol.html") is not None
    assert "Ter inspiratie:" not in note.get_text()
