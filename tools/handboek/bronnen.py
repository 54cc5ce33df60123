"""Sources: the ``{bron}`` role and the Bronnen page with backlinks.

A card names a source exactly as the card gives it: ``(Bron: {bron}`Trouw`)``.
The same text on several cards is one source. The ``{bronnenlijst}`` directive
(on the Bronnen page) lists each source once, with a link back to every place
that cites it; every citation links to its entry. There is no separate data
file: a new card with new sources needs no other edit.
"""

from __future__ import annotations

from dataclasses import dataclass

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective, SphinxRole

from .kaartblokken import kaartblok, kaartblok_titel
from .links import PageLinks
from kern.loader import split_role_content
from kern.slug import slug
from .paginadoorloop import add_placeholder, when_read
from .store import doc_store, docs_with

logger = logging.getLogger(__name__)

BRON_PREFIX = "bron-"


@dataclass(frozen=True)
class Citation:
    """One place where a source is cited."""

    key: str
    text: str
    docname: str
    refid: str
    context: str


class bronvermelding(nodes.Inline, nodes.TextElement):  # noqa: N801
    """A citation of a source, resolved into a link to its Bronnen entry."""


class bronnenlijst(nodes.General, nodes.Element):  # noqa: N801
    """Placeholder for the list of all sources."""


def source_key(text: str) -> str:
    """A stable anchor-safe key for a source as the cards give it."""
    return slug(text)


def source_anchor(key: str) -> str:
    return f"{BRON_PREFIX}{key}"


class BronRole(SphinxRole):
    """``{bron}`Algemeen Dagblad```: cite a source as the card gives it."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        title, target = split_role_content(self.text)
        shown = title if title is not None else target
        node = bronvermelding(self.rawtext, shown, key=source_key(target), source=target)
        self.set_source_info(node)
        return [node], []


def _context(node: nodes.Node) -> str:
    """Where a citation stands: its card block ("Voorbeeld 7") or section title."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, kaartblok) and parent["kind"] in ("voorbeeld", "kwestie"):
            return parent.next_node(kaartblok_titel).astext()
        if isinstance(parent, nodes.section):
            return parent[0].astext()
        parent = parent.parent
    return ""


def collect_citations(app: Sphinx, doctree: nodes.document, placeholders: list[bronvermelding]) -> None:
    """A page has been read (``paginadoorloop``): number its citations (``bron-<key>-<n>``) and record them."""
    docname = app.env.docname
    counts: dict[str, int] = {}
    citations = []
    for node in placeholders:
        counts[node["key"]] = counts.get(node["key"], 0) + 1
        refid = f"{source_anchor(node['key'])}-{counts[node['key']]}"
        node["ids"] = [refid]
        citations.append(Citation(node["key"], node["source"], docname, refid, _context(node)))
    doc_store(app.env, "citations")[docname] = citations


class BronnenlijstDirective(SphinxDirective):
    """``:::{bronnenlijst}``: every source of the handbook, once, with backlinks."""

    def run(self) -> list[nodes.Node]:
        doc_store(self.env, "bronnenlijst")[self.env.docname] = True
        doc_store(self.env, "gathers")[self.env.docname] = True
        node = bronnenlijst()
        self.set_source_info(node)
        return [node]


def _bronnen_page(env) -> str | None:
    pages = docs_with(env, "bronnenlijst")
    return pages[0] if pages else None


def all_citations(env) -> dict[str, list[Citation]]:
    """Citations by source key, in document order."""
    by_key: dict[str, list[Citation]] = {}
    for docname in sorted(doc_store(env, "citations")):
        for citation in doc_store(env, "citations")[docname]:
            by_key.setdefault(citation.key, []).append(citation)
    return by_key


def _fill_citations(transform: SphinxPostTransform, placeholders: list[bronvermelding]) -> None:
    """Link each citation to its entry on the Bronnen page."""
    env = transform.env
    page = _bronnen_page(env)
    links = PageLinks(env, env.docname)
    for node in placeholders:
        content = nodes.inline("", node.astext(), classes=["bron"])
        if page is None:
            logger.warning(
                "bron '%s' heeft geen Bronnen-pagina om naar te verwijzen "
                "(geen pagina met :::{bronnenlijst})", node["source"],
                location=node, type="handboek", subtype="bron",
            )
            node.replace_self(content)
            continue
        reference = links.link(page, source_anchor(node["key"]), content, f"Bron: {node['source']}")
        if isinstance(reference, nodes.reference):
            reference["ids"] = node["ids"]
        else:
            reference = nodes.inline("", "", reference, ids=node["ids"])
        node.replace_self(reference)


def _fill_source_list(transform: SphinxPostTransform, placeholders: list[bronnenlijst]) -> None:
    """Fill in the list of sources."""
    for placeholder in placeholders:
        placeholder.replace_self(_entries(transform.env))


def _entries(env) -> list[nodes.Node]:
    by_key = all_citations(env)
    if not by_key:
        return [nodes.paragraph("", "Er zijn nog geen bronnen vermeld.")]
    links = PageLinks(env, env.docname)
    entries = nodes.bullet_list(classes=["bronnenlijst"])
    for key, citations in sorted(by_key.items(), key=lambda item: item[1][0].text.casefold()):
        item = nodes.list_item(classes=["bron-entry"])
        name = nodes.paragraph("", "", nodes.strong("", citations[0].text))
        if env._app.builder.format == "html":
            item["ids"].append(source_anchor(key))
        else:  # LaTeX writes labels for targets, not for list items
            name.insert(0, nodes.target("", "", ids=[source_anchor(key)]))
        item += name
        backlinks = nodes.paragraph(classes=["bron-backlinks"])
        backlinks += nodes.Text("Vermeld in ")
        by_doc: dict[str, list[Citation]] = {}
        for citation in citations:
            by_doc.setdefault(citation.docname, []).append(citation)
        for doc_index, (docname, doc_citations) in enumerate(by_doc.items()):
            if doc_index:
                backlinks += nodes.Text("; ")
            title = env.titles[docname].astext()
            backlinks += nodes.emphasis("", title)
            backlinks += nodes.Text(": ")
            seen: dict[str, int] = {}
            for index, citation in enumerate(doc_citations):
                label = citation.context or title
                seen[label] = seen.get(label, 0) + 1
                if seen[label] > 1:
                    label = f"{label} ({seen[label]})"
                if index:
                    backlinks += nodes.Text(", ")
                backlinks += links.link(docname, citation.refid, nodes.inline("", label), f"{title}, {label}")
        backlinks += nodes.Text(".")
        item += backlinks
        entries += item
    return [entries]


def setup_bronnen(app: Sphinx) -> None:
    app.add_node(bronvermelding)
    app.add_node(bronnenlijst)
    app.add_role("bron", BronRole())
    app.add_directive("bronnenlijst", BronnenlijstDirective)
    when_read(app, bronvermelding, collect_citations)
    add_placeholder(app, bronvermelding, _fill_citations)
    add_placeholder(app, bronnenlijst, _fill_source_list)
