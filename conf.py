"""Sphinx configuration of the handbook (``sphinx-build -c . docs _build/html``)."""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import urlsplit


ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "tools"))

from kern.adres import AddressError, published_url, wizard_url  # noqa: E402
from kern.kaartformaat import MYST_EXTENSIONS  # noqa: E402
from kern.loader import read_cards  # noqa: E402
from handboek.edities import HANDOUTS, handout_name  # noqa: E402

# Which edition this build makes: the website (default), the PDF handbook with
# the leaders' handouts (-t pdf) or the participants' handouts (-t deelnemers).
PRINT = tags.has("pdf") or tags.has("deelnemers")  # noqa: F821 (tags is given by Sphinx)
PARTICIPANTS = tags.has("deelnemers")  # noqa: F821

project = "Sociale media op school: discussiekaarten"
author = "Kennisnet (kaartteksten); het projectteam (handboek en modelprotocol)"
copyright = "Kennisnet (kaartteksten); het projectteam (handboek en modelprotocol)"  # noqa: A001
language = "nl"
today_fmt = "%-d %B %Y"

# The address the site is published at (HANDBOEK_URL or READTHEDOCS_CANONICAL_URL; see
# tools/kern/adres.py). Without one the site has no canonical links, og:url, sitemap or robots.txt.
try:
    SITE_URL = published_url()
except AddressError:
    SITE_URL = None  # tools/handboek/publicatie.py says why, as a warning (make html stops on it)

# The address of the browser wizard (WIZARD_URL, see tools/kern/adres.py). With one, every kwestie
# links to its page in the wizard ("Besluiten vastleggen"); without one there is no such link.
try:
    handboek_wizard_url = "" if PRINT else (wizard_url() or "")
except AddressError:
    handboek_wizard_url = ""  # tools/handboek/wizard.py says why, as a warning (make html stops on it)

extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinx.ext.graphviz",
    "handboek",  # loads sphinxext-opengraph and sphinx-notfound-page (tools/handboek/publicatie.py)
]
if SITE_URL and not PRINT:
    extensions.append("sphinx_sitemap")

root_doc = "handboek" if PRINT else "index"
exclude_patterns = ["_build", "_gedeeld", "_templates", "_static", "_locale", "**/README.md"]
# The PDF has its own root page (title page, chapters); the website has the landing grid, and the pages
# on installing and running the wizard, which a printed handbook has no use for.
exclude_patterns += ["index.md", "kaart-toevoegen.md", "404.md", "protocol-maken.md", "protocolwizard-server.md"] if PRINT else ["handboek.md", "over-dit-handboek.md"]
handboek_editie = "deelnemers" if PARTICIPANTS else "volledig"
templates_path = [str(ROOT / "docs" / "_templates")]
locale_dirs = ["_locale"]
gettext_compact = False

# The loader reads the cards with the same MyST extensions (kern/kaartformaat.py).
myst_enable_extensions = list(MYST_EXTENSIONS)
myst_heading_anchors = 3
suppress_warnings: list[str] = []

# HTML --------------------------------------------------------------------------
html_theme = "furo"
html_title = "Sociale media op school"
html_baseurl = SITE_URL or ""
handboek_beschrijving = (
    "Discussiekaarten van Kennisnet over sociale media tussen onderwijspersoneel en leerlingen, "
    "met gespreksleiding, begrippen, bronnen en een modelprotocol voor de school."
)
html_favicon = str(ROOT / "docs" / "_static" / "favicon.svg")
html_short_title = "Sociale media op school"
html_static_path = [str(ROOT / "docs" / "_static")]
html_css_files = ["handboek.css"]
html_js_files = ["handboek.js"]
html_last_updated_fmt = "%-d %B %Y"
html_show_sourcelink = False
html_copy_source = False
html_show_sphinx = False
html_search_language = "nl"
html_permalinks_icon = "#"
html_theme_options = {
    "navigation_with_keys": True,
    "top_of_page_buttons": [],
    "light_css_variables": {
        "color-brand-primary": "#00566b",
        "color-brand-content": "#00566b",
    },
    "dark_css_variables": {
        "color-brand-primary": "#6fd3e8",
        "color-brand-content": "#6fd3e8",
    },
}

graphviz_output_format = "svg"

# Publishing (see tools/handboek/publicatie.py) -------------------------------------
# sphinxext-opengraph: description and Open Graph tags from each page's text; no preview image
# (it would be made with matplotlib, or come from elsewhere).
ogp_site_url = SITE_URL or ""
ogp_site_name = html_title
ogp_social_cards = {"enable": False}
ogp_custom_meta_tags = ['<meta property="og:locale" content="nl_NL" />']
# sphinx-sitemap (with an address only): one entry per content page, at the page's own address.
sitemap_url_scheme = "{link}"
sitemap_locales = [None]
sitemap_excludes = ["404.html", "search.html", "genindex.html"]
# sphinx-notfound-page: docs/404.md is the page a host shows for any missing address; its links
# start at the site's root (the path of the address, "/" without one).
notfound_urls_prefix = urlsplit(SITE_URL).path if SITE_URL else "/"

# LaTeX / PDF (make pdf, make kaarten) ---------------------------------------------
# One LaTeX document per card, for the print editions only (reading the cards costs the web build time).
# A card the loader cannot read is left out here; the build reports it on its page.
CARDS = read_cards(ROOT / "docs" / "kaarten")[0] if PRINT else []
latex_engine = "pdflatex"
# The title page's author line: the card texts are Kennisnet's, the rest is the project team's.
LATEX_AUTHOR = "Kaartteksten: Kennisnet; handboek en modelprotocol: het projectteam"
latex_domain_indices = False
latex_additional_files = [str(ROOT / "tools" / "handboek" / "latex" / "handboek.sty")]
# The title page shows the edition where the author goes ("Voor de deelnemers"); the PDF's own
# metadata gets the real author and the title with the edition (\handboekpdf in handboek.sty).
EDITION = "deelnemers" if PARTICIPANTS else "gespreksleider"
HANDOUT_LABEL = HANDOUTS[EDITION][1]
latex_documents = [] if PARTICIPANTS else [
    ("handboek", "handboek.tex", html_title, LATEX_AUTHOR, "manual", False)
]
latex_documents += [
    (f"kaarten/{card.id}", handout_name(card.id, EDITION, ".tex"), card.title, HANDOUT_LABEL.capitalize(), "howto", False)
    for card in CARDS
]
latex_elements = {
    "papersize": "a4paper",
    # One-sided: chapters start on the next page, not the next right-hand page (no blank pages).
    "extraclassoptions": "openany,oneside",
    # A figure stays where it is in the text instead of floating to a page of its own.
    "figure_align": "H",
    "pointsize": "12pt" if PARTICIPANTS else "11pt",
    "babel": r"\usepackage[dutch]{babel}",
    "fontpkg": r"\usepackage{tgpagella}\usepackage[scale=0.95]{tgheros}\usepackage{tgcursor}",
    "contentsname": r"\addto\captionsdutch{\renewcommand{\contentsname}{Inhoud}}",
    "releasename": "",
    "printindex": "",
    "makeindex": "",
    "sphinxsetup": (
        "hmargin={2.4cm,2.4cm}, vmargin={2.5cm,2.5cm}, TitleColor={HTML}{00566B}, "
        "InnerLinkColor={HTML}{00566B}, OuterLinkColor={HTML}{00566B}"
    ),
    "preamble": r"\usepackage{handboek}"
    + "\n\\handboekpdf{" + author + "}{" + HANDOUT_LABEL + "}"
    + (
        "\n\\usepackage[fontsize=14pt]{scrextend}\n\\tcbset{handboek/breuk/.style={}}\n\\pagestyle{plain}"
        if PARTICIPANTS
        else ""
    ),
}
