"""The Verantwoording page: every correction to the card texts, with the source's wording.

``:::{verantwoording}`` (alone, with its closing ``:::``) lists, per card, the
corrections in the card page's front matter (``correcties``: ``was``, ``wordt``,
``reden``), read with the card loader so the page and the fidelity test use
the same data. Adding a card with corrections adds them here without editing
this page.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from kern.loader import KAARTEN_DIR

from .kaarten import env_cards
from .store import doc_store


class VerantwoordingDirective(SphinxDirective):
    """Per card: a heading line linked to the card, then one item per correction."""

    def run(self) -> list[nodes.Node]:
        result: list[nodes.Node] = []
        # Read again when the cards change (store.py), not whenever a card page is saved.
        doc_store(self.env, "collects")[self.env.docname] = True
        for card in env_cards(self.env):
            corrections = card.metadata.get("correcties") or []
            reference = addnodes.pending_xref(
                "", nodes.inline("", card.title), refdomain="std", reftype="doc",
                reftarget=f"/{KAARTEN_DIR}/{card.id}", refexplicit=True, refwarn=True,
            )
            result.append(nodes.paragraph("", "", nodes.strong("", "", reference)))
            if not corrections:
                result.append(nodes.paragraph("", "Geen correcties."))
                continue
            items = nodes.bullet_list(classes=["verantwoording"])
            for correction in corrections:
                paragraph = nodes.paragraph()
                paragraph += nodes.Text("Op de kaart: ‘")
                paragraph += nodes.emphasis("", str(correction["was"]), classes=["brontekst"])
                paragraph += nodes.Text("’; hier: ‘")
                paragraph += nodes.emphasis("", str(correction["wordt"]))
                paragraph += nodes.Text(f"’. Reden: {correction['reden']}.")
                items += nodes.list_item("", paragraph)
            result.append(items)
        return result


def setup_verantwoording(app: Sphinx) -> None:
    app.add_directive("verantwoording", VerantwoordingDirective)
