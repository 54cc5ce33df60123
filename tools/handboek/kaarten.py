"""The cards as the extension reads them: each card page parsed once, not once a build.

The landing grid, the Voorbeeldprotocol page and its downloads all need every
card. The loader takes a few milliseconds a card, which a handbook of many
cards would pay again on every rebuild. The build environment (saved between
builds) keeps each card with its file's size and modification time, so a
rebuild reads only the card pages that changed, and :func:`cards_changed` tells
whether a change touched what the pages that gather from all cards show.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from kern.kaartformaat import CardFormatError
from kern.loader import KAARTEN_DIR, Card, card_paths, load_card

logger = logging.getLogger(__name__)

_ATTRIBUTE = "handboek_kaarten"


def cards_dir(env: BuildEnvironment) -> Path:
    return Path(env.srcdir) / KAARTEN_DIR


def env_cards(env: BuildEnvironment) -> list[Card]:
    """Every card of the handbook being built, in the loader's order; a card the loader cannot read is
    left out with a warning (on its own page the build reports it too), not a crash."""
    cache: dict[str, tuple[tuple[int, int], Card]] = env.__dict__.setdefault(_ATTRIBUTE, {})
    cards = []
    for path in card_paths(cards_dir(env)):
        stat = path.stat()
        key = (stat.st_size, stat.st_mtime_ns)
        cached = cache.get(path.name)
        if cached is None or cached[0] != key:
            try:
                cached = cache[path.name] = (key, load_card(path))
            except CardFormatError as error:
                cache.pop(path.name, None)
                logger.warning("%s", str(error), type="handboek", subtype="kaart", once=True)
                continue
        cards.append(cached[1])
    return cards


def cards_changed(env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]) -> bool:
    """Whether the cards, as the loader reads them, differ from the ones the last build kept.

    A card page saved with the same text (or a change the loader does not read) is no change.
    """
    prefix = KAARTEN_DIR + "/"
    if any(docname.startswith(prefix) for docname in added | removed):
        return True
    cache: dict[str, tuple[tuple[int, int], Card]] = env.__dict__.setdefault(_ATTRIBUTE, {})
    for docname in sorted(changed):
        if not docname.startswith(prefix):
            continue
        path = Path(env.doc2path(docname))
        cached = cache.get(path.name)
        stat = path.stat()
        try:
            card = load_card(path)
        except CardFormatError:
            return True  # env_cards reports it
        cache[path.name] = ((stat.st_size, stat.st_mtime_ns), card)
        if cached is None or cached[1] != card or cached[1].metadata != card.metadata:  # corrections too
            return True
    return False
