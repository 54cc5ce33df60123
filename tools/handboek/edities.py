"""The printed editions' names: what conf.py, the PDF builds (:mod:`handboek.pdf`) and the site's download
links (:mod:`handboek.afdrukken`) share.

A module of its own so that conf.py and the website build do not load the PDF runner (``kern.latex``,
threads), which only ``make pdf`` and ``make kaarten`` use.
"""

from __future__ import annotations

#: The two handouts of every card: edition -> (the Sphinx tag that builds it, what it is called).
HANDOUTS = {
    "deelnemers": ("deelnemers", "voor de deelnemers"),
    "gespreksleider": ("pdf", "voor de gespreksleider"),
}


def handout_name(card_id: str, edition: str, suffix: str = ".pdf") -> str:
    """The file name of a card's handout: ``<kaart>-<editie>.pdf`` (or ``.tex``)."""
    return f"{card_id}-{edition}{suffix}"
