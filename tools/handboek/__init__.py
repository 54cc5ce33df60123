"""Sphinx extension for the discussion-card handbook.

One module per component, each with a small ``setup_<component>(app)``:

- ``kaartblokken``: the card structure (kwestie, vragen, voorbeeld, aandachtspunten);
- ``verwijzingen``: links to kwesties and examples (``{kwestie}`2```);
- ``bronnen``: the ``{bron}`` role and the Bronnen page with backlinks;
- ``overzicht``: the landing grid, one card per discussion card;
- ``vertaling``: the project's Dutch overrides of Sphinx's and the theme's strings;
- ``voorbeeldprotocol``: the Voorbeeldprotocol page, downloads, and rules under each kwestie.

``loader`` reads the card pages without Sphinx and has no Sphinx import.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"


def setup(app: Any) -> dict[str, Any]:
    from .bronnen import setup_bronnen
    from .kaartblokken import setup_kaartblokken
    from .overzicht import setup_overzicht
    from .store import setup_store
    from .vertaling import setup_vertaling
    from .voorbeeldprotocol import setup_voorbeeldprotocol
    from .verwijzingen import setup_verwijzingen

    setup_store(app)
    setup_kaartblokken(app)
    setup_verwijzingen(app)
    setup_bronnen(app)
    setup_overzicht(app)
    setup_vertaling(app)
    setup_voorbeeldprotocol(app)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
