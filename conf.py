"""Sphinx configuration of the handbook (``sphinx-build -c . docs _build/html``)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "tools"))

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

root_doc = "index"
exclude_patterns = ["_build", "_gedeeld", "_templates", "_static", "_locale", "**/README.md"]
templates_path = [str(ROOT / "docs" / "_templates")]
locale_dirs = ["_locale"]
gettext_compact = False

myst_enable_extensions = ["colon_fence", "deflist", "fieldlist", "substitution"]
myst_heading_anchors = 3
suppress_warnings: list[str] = []

# HTML --------------------------------------------------------------------------
html_theme = "furo"
html_title = "Sociale media op school"
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
