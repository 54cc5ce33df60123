"""Dutch for every interface string a reader sees.

Sphinx's Dutch catalogue is incomplete and the furo theme hard-codes some
English labels. Three project-side overrides, all here:

- ``docs/_locale/nl/LC_MESSAGES/sphinx.po`` (compiled by Sphinx itself) for
  strings that go through gettext;
- the search page's JavaScript catalogue (``_static/translations.js``), made
  from Sphinx's own Dutch one with the project's strings laid over it (and its
  plural expression made to give a number, as ``ngettext`` needs);
- :data:`THEME_LABELS` for the labels furo writes without gettext.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import sphinx
from babel.messages.pofile import read_po
from sphinx.application import Sphinx

from .paginafilters import add_page_filter, replacing

#: furo's hard-coded English labels (aria-label and SVG titles) in Dutch.
THEME_LABELS = {
    'aria-label="Toggle site navigation sidebar"': 'aria-label="Navigatie openen of sluiten"',
    'aria-label="Toggle table of contents sidebar"': 'aria-label="Inhoud van deze pagina openen of sluiten"',
    'aria-label="Toggle Light / Dark / Auto color theme"': 'aria-label="Kleur wisselen: licht, donker of automatisch"',
    "<title>Contents</title>": "<title>Inhoud</title>",
    "<title>Expand</title>": "<title>Uitklappen</title>",
    "<title>Light mode</title>": "<title>Lichte weergave</title>",
    "<title>Dark mode</title>": "<title>Donkere weergave</title>",
    "<title>Auto light/dark, in light mode</title>": "<title>Automatisch (nu licht)</title>",
    "<title>Auto light/dark, in dark mode</title>": "<title>Automatisch (nu donker)</title>",
}

_JS_WRAPPER = re.compile(r"^Documentation\.addTranslations\((?P<json>.*)\);\s*$", re.DOTALL)


#: Page filter: furo's English labels in Dutch.
translate_theme_labels = replacing(THEME_LABELS)


def project_catalog(srcdir: Path, locale_dirs: list[str], language: str) -> Path | None:
    for locale_dir in locale_dirs:
        path = Path(srcdir) / locale_dir / language / "LC_MESSAGES" / "sphinx.po"
        if path.is_file():
            return path
    return None


def javascript_catalog(po_path: Path, language: str) -> str:
    """Sphinx's own JavaScript catalogue for ``language`` with the project's strings over it."""
    own = Path(sphinx.__file__).parent / "locale" / language / "LC_MESSAGES" / "sphinx.js"
    data = {"locale": language, "messages": {}, "plural_expr": "(n != 1)"}
    if own.is_file():
        match = _JS_WRAPPER.match(own.read_text(encoding="utf-8"))
        if match:
            data = json.loads(match.group("json"))
    with po_path.open("rb") as handle:
        catalog = read_po(handle, locale=language)
    for message in catalog:
        if not message.id or not message.string:
            continue
        if isinstance(message.id, tuple):
            data["messages"][message.id[0]] = list(message.string)
        else:
            data["messages"][message.id] = message.string
    # ngettext indexes the plural forms with this expression; Sphinx's own "(n != 1)" gives
    # true or false, which is no index (and the search page's summary line would fail).
    plural = f"Number({data.pop('plural_expr')})"
    # Sphinx's Documentation.addTranslations makes the plural rule with new Function(), which the
    # site's Content-Security-Policy forbids (no 'unsafe-eval'; see beveiliging.py): the same three
    # assignments here, with the rule written as a function.
    return (
        "(function (catalog) {\n"
        "  Object.assign(Documentation.TRANSLATIONS, catalog.messages);\n"
        f"  Documentation.PLURAL_EXPR = function (n) {{ return {plural}; }};\n"
        "  Documentation.LOCALE = catalog.locale;\n"
        "})(" + json.dumps(data, ensure_ascii=False, indent=1) + ");\n"
    )


def _write_javascript_catalog(app: Sphinx, exception: Exception | None) -> None:
    if exception or app.builder.format != "html" or not app.config.language:
        return
    po_path = project_catalog(app.srcdir, app.config.locale_dirs, app.config.language)
    if po_path is None:
        return
    target = Path(app.outdir) / "_static" / "translations.js"
    target.write_text(javascript_catalog(po_path, app.config.language), encoding="utf-8")


def setup_vertaling(app: Sphinx) -> None:
    add_page_filter(app, translate_theme_labels)
    app.connect("build-finished", _write_javascript_catalog)
