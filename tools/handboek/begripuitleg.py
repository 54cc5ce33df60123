"""A glossary term's definition in place: a small popover for every ``{term}`` link.

When a page is read, the definitions of its ``glossary`` (the Begrippen page)
are stored as plain text per term id. A page filter then gives every other
page the definitions of the terms it links to, once each, at the end of its
article, and points each link at its definition::

    <a class="reference internal begrip" href="../begrippen.html#term-hashtag"
       aria-describedby="uitleg-term-hashtag">hashtag</a>
    ...
    <div class="begrip-uitleggen">
      <span class="begrip-uitleg" role="tooltip" id="uitleg-term-hashtag" hidden>…</span>
    </div>

Screen readers hear the definition as the link's description. ``handboek.js``
shows it next to the term while the pointer is over it or the term has the
keyboard focus, hides it with Escape, and shows it on a first tap on a touch
screen. The card's own text stays exactly as it was (nothing is inserted into
a sentence), everything is in the page (nothing is loaded later or from
elsewhere), and without scripts the link leads to the Begrippen page as before.
"""

from __future__ import annotations

import html
import re
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .paginadoorloop import when_read
from .paginafilters import add_page_filter
from .store import doc_store, docs_with

STORE = "begrippen"

#: A link to a glossary term as Sphinx writes it (``{term}`` role).
_TERM_LINK = re.compile(
    r'<a class="reference internal" href="(?P<href>[^"#]*#(?P<id>term-[^"]+))">'
    r'(?P<label><span class="xref std std-term">.*?</span>)</a>'
)


def _plain(text: str) -> str:
    return " ".join(text.split())


def collect_definitions(app: Sphinx, doctree: nodes.document, glossaries: list[addnodes.glossary]) -> None:
    """Store each term id's definition of this page's glossaries (if any; ``paginadoorloop``)."""
    definitions: dict[str, tuple[str, str]] = {}
    for glossary in glossaries:
        for item in glossary.findall(nodes.definition_list_item):
            definition = next(iter(item.findall(nodes.definition)), None)
            if definition is None:
                continue
            text = _plain(definition.astext())
            for term in item.findall(nodes.term):
                for term_id in term["ids"]:
                    definitions[term_id] = (_plain(term.astext()), text)
    if definitions:
        doc_store(app.env, STORE)[app.env.current_document.docname] = definitions


def definitions(env: BuildEnvironment) -> dict[str, tuple[str, str]]:
    """Every term id of the project: (term, definition)."""
    found: dict[str, tuple[str, str]] = {}
    for docname in docs_with(env, STORE):
        found.update(doc_store(env, STORE)[docname])
    return found


def popover(definition: tuple[str, str], element_id: str) -> str:
    term, text = definition
    return (
        f'<span class="begrip-uitleg" role="tooltip" id="{element_id}" hidden>'
        f"<strong>{html.escape(term)}</strong>: {html.escape(text)}</span>"
    )


def add_popovers(page: str, found: dict[str, tuple[str, str]]) -> str:
    """The page with every link to a term in ``found`` described by that term's popover."""
    used: dict[str, str] = {}
    if "</article>" not in page:
        return page

    def replace(match: re.Match[str]) -> str:
        term_id = html.unescape(match["id"])
        if term_id not in found:
            return match[0]
        element_id = used.setdefault(term_id, f"uitleg-{term_id}")
        return (
            f'<a class="reference internal begrip" href="{match["href"]}" '
            f'aria-describedby="{html.escape(element_id, quote=True)}">{match["label"]}</a>'
        )

    page = _TERM_LINK.sub(replace, page)
    if not used:
        return page
    popovers = "".join(popover(found[term_id], html.escape(element_id, quote=True))
                       for term_id, element_id in used.items())
    head, _, tail = page.rpartition("</article>")
    return f'{head}<div class="begrip-uitleggen">{popovers}</div>\n</article>{tail}'


def _page_filter(app: Sphinx):
    def page_filter(page: str, context: dict[str, Any]) -> str:
        env = app.env
        if context.get("pagename") in docs_with(env, STORE) or "std-term" not in page:
            return page
        return add_popovers(page, definitions(env))

    return page_filter


def _glossary_changed(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """A changed definition reaches every page: they hold it in their popovers."""
    if (added | changed | removed) & set(docs_with(env, STORE)):
        return sorted(env.found_docs - removed)
    return []


def setup_begripuitleg(app: Sphinx) -> None:
    when_read(app, addnodes.glossary, collect_definitions)
    app.connect("env-get-outdated", _glossary_changed)
    add_page_filter(app, _page_filter(app))
