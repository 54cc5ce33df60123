"""Sphinx configuration of the handbook (``sphinx-build -c . docs _build/html``)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "tools"))

from kern.adres import handbook_url  # noqa: E402
from kern.loader import card_paths, load_card  # noqa: E402
from handboek.pdf import HANDOUTS, handout_name  # noqa: E402

# Which edition this build makes: the website (default), the PDF handbook with
# the leaders' handouts (-t pdf) or the participants' handouts (-t deelnemers).
PRINT = tags.has("pdf") or tags.has("deelnemers")  # noqa: F821 (tags is given by Sphinx)
PARTICIPANTS = tags.has("deelnemers")  # noqa: F821

project = "Sociale media op school: discussiekaarten"
author = "Kennisnet (kaartteksten); het projectteam (handboek)"
copyright = "Kennisnet, Laat ict werken voor het onderwijs"  # noqa: A001
language = "nl"
today_fmt = "%-d %B %Y"

extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinx.ext.graphviz",
    "handboek",
]

root_doc = "handboek" if PRINT else "index"
exclude_patterns = ["_build", "_gedeeld", "_templates", "_static", "_locale", "**/README.md"]
# The PDF has its own root page (title page, chapters); the website has the landing grid.
exclude_patterns += ["index.md", "kaart-toevoegen.md", "404.md"] if PRINT else ["handboek.md", "over-dit-handboek.md"]
handboek_editie = "deelnemers" if PARTICIPANTS else "volledig"
templates_path = [str(ROOT / "docs" / "_templates")]
locale_dirs = ["_locale"]
gettext_compact = False

myst_enable_extensions = ["colon_fence", "deflist", "fieldlist", "substitution"]
myst_heading_anchors = 3
suppress_warnings: list[str] = []

# HTML --------------------------------------------------------------------------
html_theme = "furo"
html_title = "Sociale media op school"
# The address the site is published at (HANDBOEK_URL; see tools/handboek/adres.py).
html_baseurl = handbook_url()
handboek_beschrijving = (
    "Discussiekaarten van Kennisnet over sociale media tussen onderwijspersoneel en leerlingen, "
    "met gespreksleiding, begrippen, bronnen en een voorbeeldprotocol voor de school."
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

# LaTeX / PDF (make pdf, make kaarten) ---------------------------------------------
CARDS = [load_card(path) for path in card_paths(ROOT / "docs" / "kaarten")]
latex_engine = "pdflatex"
latex_domain_indices = False
latex_additional_files = [str(ROOT / "tools" / "handboek" / "latex" / "handboek.sty")]
# The title page shows the edition where the author goes ("Voor de deelnemers"); the PDF's own
# metadata gets the real author and the title with the edition (\handboekpdf in handboek.sty).
EDITION = "deelnemers" if PARTICIPANTS else "gespreksleider"
HANDOUT_LABEL = HANDOUTS[EDITION][1]
latex_documents = [] if PARTICIPANTS else [
    ("handboek", "handboek.tex", html_title, "Discussiekaarten van Kennisnet", "manual", False)
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
