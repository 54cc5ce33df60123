"""The browser checks on a handbook with a third card (tests/fixtures/nieuwe-kaart): the shared
tests of test_lezen and test_toegankelijkheid run here on that build, on the new card's page."""

from __future__ import annotations

import pytest

from browser.test_lezen import (  # noqa: F401 (collected here, on the extended site)
    test_collapsible_blocks_open_and_close_with_the_keyboard,
    test_kwestie_anchors_scroll_to_their_kwestie,
    test_landing_grid_leads_to_every_card_and_back,
    test_no_page_scrolls_sideways_or_cuts_content_off_on_a_phone,
    test_source_links_land_on_their_entry_and_backlinks_return,
)
from browser.test_toegankelijkheid import (  # noqa: F401
    test_axe_finds_no_wcag_violations,
    test_every_page_has_a_skip_link_and_landmarks,
    test_every_page_has_one_h1_and_dutch_lang,
)
from conftest import NEW_CARD

NEW_PAGE = f"kaarten/{NEW_CARD.stem}.html"


@pytest.fixture(scope="module")
def site(extended_site):
    return extended_site


@pytest.fixture(scope="module")
def pages(site) -> list[str]:
    """The pages the new card changes: its own, the landing grid and Bronnen."""
    return [NEW_PAGE, "index.html", "bronnen.html"]


@pytest.fixture(params=[NEW_CARD.stem])
def card_id(request) -> str:
    return request.param
