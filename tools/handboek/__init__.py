"""Sphinx extension for the discussion-card handbook.

One module per component, each with a small ``setup_<component>(app)``:

- ``kaartblokken``: the card structure (kwestie, vragen, voorbeeld, aandachtspunten);
- ``verwijzingen``: links to kwesties and examples (``{kwestie}`2```);
- ``bronnen``: the ``{bron}`` role and the Bronnen page with backlinks;
- ``overzicht``: the landing grid, one card per discussion card;
- ``vertaling``: the project's Dutch overrides of Sphinx's and the theme's strings;
- ``toegankelijkheid``: accessibility fixes of Sphinx's and the theme's defaults;
- ``prestaties``: each page loads only the assets it uses, scripts deferred;
- ``navigatie``: the sidebar's site navigation without copying every page's headings;
- ``kaarten``: the cards, each card page parsed once and kept in the environment;
- ``publicatie``: canonical URLs, sitemap, 404 page, description and Open Graph tags;
- ``beveiliging``: a Content-Security-Policy in every page (only the site's own files);
- ``voorbeeldprotocol``: the model protocol page, downloads, and rules under each kwestie;
- ``verantwoording``: the list of corrections to the card texts, from the cards' front matter;
- ``drukwerk``: the participants' edition of the cards for print;
- ``links``: internal links that fall back to text where a PDF lacks the target page (also
  ``{doc}`` links to the website's own pages);
- ``paginainhoud``: each kwestie in the page contents ("Op deze pagina");
- ``begripuitleg``: a glossary term's definition in place, as a small popover;
- ``tabellen``: tables that stack into labelled rows on a phone;
- ``afdrukken``: the handbook's and handouts' PDFs on the site, and links to them;
- ``wizard``: a link from each kwestie to the browser wizard (``WIZARD_URL``).
- ``geheugenbeheer``: Python's cycle collector runs less often during a build (build speed);
- ``ontwerpcomponenten``: sphinx-design's page-wide transforms only on pages with its components (build speed);
- ``herschrijven``: a rebuild writes again only the pages that show what changed (build speed);
- ``sjablonen``: the theme's templates compiled once, kept with the doctrees (build speed);
- ``kopgegevens``: MyST reads the pages' front matter with libyaml, as the card loader does (build speed).

``paginafilters`` runs the components' filters over every rendered HTML page; ``paginadoorloop``
walks each page once for all the components, when it has been read and when it is written (their
placeholders: links, citations, rules).

The card format (blocks, options) is declared once in ``kern.kaartformaat``; ``kern.loader``
reads the card pages with it, without Sphinx.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

__version__ = "0.1.0"

_TOOLS = Path(__file__).resolve().parent.parent


def code_fingerprint() -> str:
    """A hash of the code the build runs (extension, protocol, core with the card loader):
    a change means a full rebuild."""
    digest = hashlib.sha256()
    for path in sorted(path for package in ("handboek", "protocol", "kern") for path in _TOOLS.glob(f"{package}/**/*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def setup(app: Any) -> dict[str, Any]:
    from .beveiliging import setup_beveiliging
    from .bronnen import setup_bronnen
    from .drukwerk import setup_drukwerk
    from .geheugenbeheer import setup_geheugenbeheer
    from .herschrijven import setup_herschrijven
    from .kopgegevens import setup_kopgegevens
    from .sjablonen import setup_sjablonen
    from .kaartblokken import setup_kaartblokken
    from .links import setup_links
    from .navigatie import setup_navigatie
    from .ontwerpcomponenten import setup_ontwerpcomponenten
    from .overzicht import setup_overzicht
    from .paginainhoud import setup_paginainhoud
    from .begripuitleg import setup_begripuitleg
    from .afdrukken import setup_afdrukken
    from .tabellen import setup_tabellen
    from .paginafilters import setup_paginafilters
    from .paginadoorloop import setup_paginadoorloop
    from .prestaties import setup_prestaties
    from .publicatie import setup_publicatie
    from .store import setup_store
    from .toegankelijkheid import setup_toegankelijkheid
    from .vertaling import setup_vertaling
    from .verantwoording import setup_verantwoording
    from .voorbeeldprotocol import setup_voorbeeldprotocol
    from .verwijzingen import setup_verwijzingen
    from .wizard import setup_wizard

    app.add_config_value("handboek_code", code_fingerprint(), "env", types=(str,))
    setup_geheugenbeheer(app)
    setup_kopgegevens(app)
    setup_store(app)
    setup_herschrijven(app)
    setup_sjablonen(app)
    setup_paginafilters(app)
    setup_paginadoorloop(app)
    setup_kaartblokken(app)
    setup_links(app)
    setup_verwijzingen(app)
    setup_bronnen(app)
    setup_overzicht(app)
    setup_vertaling(app)
    setup_toegankelijkheid(app)
    setup_prestaties(app)
    setup_ontwerpcomponenten(app)
    setup_navigatie(app)
    setup_publicatie(app)
    setup_voorbeeldprotocol(app)
    setup_verantwoording(app)
    setup_drukwerk(app)
    setup_paginainhoud(app)
    setup_begripuitleg(app)
    setup_tabellen(app)
    setup_afdrukken(app)
    setup_wizard(app)
    # Last: the policy hashes the page as every other filter left it.
    setup_beveiliging(app)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
