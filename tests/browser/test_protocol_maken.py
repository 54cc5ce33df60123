"""The pages that lead to the wizard, in Chromium, on a build with ``WIZARD_URL`` set (so that every
kwestie carries its link "Besluiten vastleggen"): axe-core in light and dark mode, nothing cut off
or scrolling sideways at 390 px, and the link to the wizard reached with the keyboard."""

from __future__ import annotations

import pytest

from browser.test_lezen import test_no_page_scrolls_sideways_or_cuts_content_off_on_a_phone  # noqa: F401
from browser.test_toegankelijkheid import (  # noqa: F401 (collected here, on the build with WIZARD_URL)
    test_axe_finds_no_wcag_violations,
    test_every_page_has_one_h1_and_dutch_lang,
)
from conftest import WIZARD_ADDRESS
from kern.adres import wizard_kwestie_url


@pytest.fixture(scope="module")
def site(wizard_site):
    return wizard_site


@pytest.fixture(scope="module")
def pages(site, site_cards) -> list[str]:
    """The wizard's pages, the model protocol with its ids, and every card with its links to the wizard."""
    return ["protocol-maken.html", "protocolwizard-server.html", "voorbeeldprotocol.html", "index.html",
            *(f"kaarten/{card.id}.html" for card in site_cards)]


def test_the_link_to_the_wizard_is_reached_with_the_keyboard(visit, site_cards):
    card = site_cards[0]
    kwestie = card.kwesties[-1]
    page = visit(f"kaarten/{card.id}.html#{kwestie.anchor}")
    expected = wizard_kwestie_url(WIZARD_ADDRESS, kwestie.id)
    link = page.locator(f"#{kwestie.anchor} .kwestie-wizard a")
    link.focus()
    focused = page.evaluate("() => [document.activeElement.href, document.activeElement.getBoundingClientRect().height]")
    assert focused[0] == expected and focused[1] > 0
    page.close()
