"""Each kwestie in the page contents ("Op deze pagina"), under the section that holds it.

A kwestie is a card block, not a section, so Sphinx's table of contents
collector passes it by. After the collector has stored a page's contents,
:func:`add_kwesties_to_page_toc` hangs one entry per kwestie ("Kwestie 3")
under the entry of its section, so a leader jumps to Kwestie 3 in one click.
Only the page's own contents change: the site navigation shows page titles
only, and LaTeX builds its contents from the document's sections.
"""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx

from .kaartblokken import kaartblok, kaartblok_titel
from .paginadoorloop import when_read


def _toc_entry(docname: str, anchor: str, text: str) -> nodes.list_item:
    reference = nodes.reference("", "", nodes.Text(text), internal=True, refuri=docname, anchorname=f"#{anchor}")
    return nodes.list_item("", addnodes.compact_paragraph("", "", reference))


def _section_items(toc: nodes.Node) -> dict[str, nodes.list_item]:
    """The page contents' items by their anchor (``""`` for the page title)."""
    items: dict[str, nodes.list_item] = {}
    for reference in toc.findall(nodes.reference):
        item = reference.parent.parent
        if isinstance(item, nodes.list_item):
            items.setdefault(reference["anchorname"], item)
    return items


def _anchor_of(section: nodes.section, items: dict[str, nodes.list_item]) -> str | None:
    for anchor in (f"#{section['ids'][0]}" if section["ids"] else None, ""):
        if anchor is not None and anchor in items:
            return anchor
    return None


def add_kwesties_to_page_toc(app: Sphinx, doctree: nodes.document, blocks: list[kaartblok]) -> None:
    """A page has been read and its contents stored (``paginadoorloop``): hang its kwesties in them."""
    env = app.env
    docname = env.current_document.docname
    toc = env.tocs.get(docname)
    if toc is None:
        return
    items = _section_items(toc)
    added: dict[str, list[nodes.list_item]] = {}
    for block in blocks:
        if block["kind"] != "kwestie" or not block["ids"]:
            continue
        section = block.parent
        while section is not None and not isinstance(section, nodes.section):
            section = section.parent
        anchor = _anchor_of(section, items) if section is not None else None
        if anchor is None:
            continue
        title = block.next_node(kaartblok_titel).astext()
        added.setdefault(anchor, []).append(_toc_entry(docname, block["ids"][0], title))
    for anchor, entries in added.items():
        item = items[anchor]
        sublist = next((child for child in item.children if isinstance(child, nodes.bullet_list)), None)
        if sublist is None:
            item += nodes.bullet_list("", *entries)
        else:
            for position, entry in enumerate(entries):
                sublist.insert(position, entry)


def setup_paginainhoud(app: Sphinx) -> None:
    when_read(app, kaartblok, add_kwesties_to_page_toc)
