"""The landing grid: one sphinx-design card per discussion card, found automatically.

``:::{kaartenoverzicht}`` reads the card pages through the loader (so a new
file in ``docs/kaarten/`` appears with no other edit) and writes a
sphinx-design grid, parsed as MyST like the rest of the page.
"""

from __future__ import annotations

from docutils import nodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from kern.loader import KAARTEN_DIR, Card

from .kaarten import env_cards
from .store import doc_store


def card_summary(card: Card) -> str:
    """The line under a card's title in the grid ("Discussiekaart 6 · 5 kwesties")."""
    count = len(card.kwesties)
    parts = [f"Discussiekaart {card.number}"] if card.number else []
    parts.append(f"{count} {'kwestie' if count == 1 else 'kwesties'}")
    return " · ".join(parts)


def grid_markup(cards: list[Card]) -> list[str]:
    lines = ["::::{grid} 1 1 2 2", ":gutter: 3", ":class-container: kaartenoverzicht", ""]
    for card in cards:
        lines += [
            f":::{{grid-item-card}} {card.title}",
            f":link: {KAARTEN_DIR}/{card.id}",
            ":link-type: doc",
            ":class-card: kaart-tegel",
            "",
            card.purpose,
            "",
            f"{{bdg-primary-line}}`{card_summary(card)}`",
            ":::",
            "",
        ]
    lines.append("::::")
    return lines


class KaartenoverzichtDirective(SphinxDirective):
    """``:::{kaartenoverzicht}``: a grid of all discussion cards."""

    def run(self) -> list[nodes.Node]:
        # Read again when the cards change (store.py), not whenever a card page is saved.
        doc_store(self.env, "collects")[self.env.docname] = True
        container = nodes.container(classes=["kaartenoverzicht-wrapper"])
        markup = grid_markup(env_cards(self.env))
        self.state.nested_parse(StringList(markup, source=self.get_source_info()[0]), self.content_offset, container)
        return container.children


def setup_overzicht(app: Sphinx) -> None:
    app.add_directive("kaartenoverzicht", KaartenoverzichtDirective)
