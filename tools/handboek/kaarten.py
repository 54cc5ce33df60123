"""The cards as the extension reads them: each card page parsed once, not once a build.

The landing grid, the Voorbeeldprotocol page and its downloads all need every
card. The loader takes a few milliseconds a card, which a handbook of many
cards would pay again on every rebuild. The build environment (saved between
builds) keeps each card with its file's size and modification time, so a
rebuild reads only the card pages that changed.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.environment import BuildEnvironment

from kern.loader import KAARTEN_DIR, Card, card_paths, load_card

_ATTRIBUTE = "handboek_kaarten"


def cards_dir(env: BuildEnvironment) -> Path:
    return Path(env.srcdir) / KAARTEN_DIR


def env_cards(env: BuildEnvironment) -> list[Card]:
    """Every card of the handbook being built, in the loader's order."""
    cache: dict[str, tuple[tuple[int, int], Card]] = env.__dict__.setdefault(_ATTRIBUTE, {})
    cards = []
    for path in card_paths(cards_dir(env)):
        stat = path.stat()
        key = (stat.st_size, stat.st_mtime_ns)
        cached = cache.get(path.name)
        if cached is None or cached[0] != key:
            cached = cache[path.name] = (key, load_card(path))
        cards.append(cached[1])
    return cards
