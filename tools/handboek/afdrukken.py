"""The PDFs on the site: the handbook and each card's handouts, linked where a school looks.

``make pdf`` and ``make kaarten`` write ``_build/pdf/handboek.pdf`` and
``_build/pdf/kaarten/<kaart>-{deelnemers,gespreksleider}.pdf``. When the
website is built after them (as Read the Docs does), the HTML build copies
the PDFs it finds next to its output folder (``<outdir>/../pdf``, as the
Makefile lays it out; or the folder ``handboek_pdfmap`` or the environment
variable ``HANDBOEK_PDFMAP`` names, relative to conf.py) into ``downloads/``
and links them:

- ``:::{afdrukken}`` (the landing page) lists the handbook and every card's
  two handouts, and says how to print a page from the browser;
- every card page gets one line under its subtitle with its two handouts.

A build without the PDFs links nothing that is not there: the landing page
says how to make them, and the card line points to it. Which PDFs exist is a
config value, so a build with other PDFs rereads the pages.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective
from sphinx.util.osutil import relative_uri

from kern.loader import KAARTEN_DIR, card_paths

from .kaarten import env_cards
from .edities import HANDOUTS, handout_name
from .store import doc_store

DOWNLOADS_DIR = "downloads"
HANDBOOK = "handboek.pdf"
#: The handouts per card: edition -> what the link says.
EDITIONS = {edition: label for edition, (_, label) in HANDOUTS.items()}
LANDING_SECTION = "afdrukken"


def pdf_folder(app: Sphinx) -> Path:
    configured = app.config.handboek_pdfmap
    return Path(app.confdir, configured) if configured else Path(app.outdir).parent / "pdf"


def _find_pdfs(app: Sphinx, config: Config) -> None:
    """Record which of the expected PDFs the PDF builds left (config value ``handboek_pdfs``)."""
    folder = pdf_folder(app)
    found = {path.name: path for path in sorted(folder.rglob("*.pdf"))} if folder.is_dir() else {}
    cards = [path.stem for path in card_paths(Path(app.srcdir) / KAARTEN_DIR)]
    expected = [HANDBOOK] + [handout_name(card, edition) for card in cards for edition in EDITIONS]
    config.handboek_pdfs = [name for name in expected if name in found]
    app.__dict__["handboek_pdf_paths"] = {name: found[name] for name in config.handboek_pdfs}


def _link(docname: str, name: str, text: str) -> nodes.reference:
    """A link from page ``docname`` (the HTML builder writes ``<docname>.html``) to a PDF."""
    uri = relative_uri(f"{docname}.html", f"{DOWNLOADS_DIR}/{name}")
    return nodes.reference("", text, refuri=uri, classes=["afdruk-pdf"])


class AfdrukkenDirective(SphinxDirective):
    """``:::{afdrukken}``: the handbook's and handouts' PDFs, or how to make them."""

    def run(self) -> list[nodes.Node]:
        present = set(self.config.handboek_pdfs)
        # Read again when the cards change (store.py), not whenever a card page is saved.
        doc_store(self.env, "collects")[self.env.docname] = True
        docname = self.env.docname
        result: list[nodes.Node] = []
        items = nodes.bullet_list(classes=["afdruklijst"])
        if HANDBOOK in present:
            items += nodes.list_item("", nodes.paragraph(
                "", "", _link(docname, HANDBOOK, "Het hele handboek (pdf)"),
                nodes.Text(": alle kaarten met de gespreksleiding, de begrippen, de bronnen en het protocol."),
            ))
        for card in env_cards(self.env):
            links = [(edition, handout_name(card.id, edition)) for edition in EDITIONS]
            links = [(edition, name) for edition, name in links if name in present]
            if not links:
                continue
            paragraph = nodes.paragraph("", "", nodes.strong("", card.title), nodes.Text(": "))
            for position, (edition, name) in enumerate(links):
                if position:
                    paragraph += nodes.Text(" · ")
                paragraph += _link(docname, name, f"uitdraai {EDITIONS[edition]} (pdf)")
            items += nodes.list_item("", paragraph)
        if len(items):
            result.append(items)
        else:
            result.append(nodes.paragraph("", (
                "Deze versie van de site is zonder pdf's gebouwd. Wie de site zelf bouwt, maakt ze met "
                "make pdf (het handboek) en make kaarten (per kaart een uitdraai voor de deelnemers en een "
                "voor de gespreksleider); bouw daarna de site opnieuw, dan staan ze hier."
            )))
        result.append(nodes.paragraph("", (
            "Een pagina van deze site kun je ook rechtstreeks vanuit de browser afdrukken: menu's en "
            "knoppen vallen dan weg, alle blokken staan open en een kwestie wordt niet over twee "
            "bladzijden verdeeld."
        )))
        return result


class CardPrintLinks(SphinxPostTransform):
    """One line under a card page's subtitle: its handouts, or where the landing page explains them."""

    default_priority = 900
    formats = ("html",)

    def run(self, **kwargs) -> None:
        docname = self.env.docname
        if not docname.startswith(f"{KAARTEN_DIR}/") or self.env.config.handboek_editie != "volledig":
            return
        section = next(iter(self.document.findall(nodes.section)), None)
        if section is None:
            return
        card_id = docname.rsplit("/", 1)[-1]
        present = set(self.env.config.handboek_pdfs)
        line = nodes.paragraph()
        names = [(edition, handout_name(card_id, edition)) for edition in EDITIONS]
        names = [(edition, name) for edition, name in names if name in present]
        if names:
            line += nodes.Text("Uitdraai van deze kaart: ")
            for position, (edition, name) in enumerate(names):
                if position:
                    line += nodes.Text(" · ")
                line += _link(docname, name, f"{EDITIONS[edition]} (pdf)")
        else:
            root = self.env.config.root_doc
            uri = relative_uri(f"{docname}.html", f"{root}.html")
            line += nodes.Text("Afdrukken: zie ")
            line += nodes.reference("", "Afdrukken en uitdraaien", refuri=f"{uri}#{LANDING_SECTION}", internal=True)
            line += nodes.Text(" op de beginpagina.")
        subtitle = next((node for node in section.children if isinstance(node, nodes.container)
                         and "ondertitel" in node["classes"]), None)
        anchor = subtitle if subtitle is not None else section[0]
        # In a container of its own: the card's first paragraph (its purpose) stays the first.
        anchor.parent.insert(anchor.parent.index(anchor) + 1, nodes.container("", line, classes=["afdruk-links"]))


def _copy_pdfs(app: Sphinx, exception: Exception | None) -> None:
    if exception or app.builder.format != "html":
        return
    paths = app.__dict__.get("handboek_pdf_paths", {})
    if not paths:
        return
    target = Path(app.outdir) / DOWNLOADS_DIR
    target.mkdir(parents=True, exist_ok=True)
    for name, path in paths.items():
        shutil.copyfile(path, target / name)


def setup_afdrukken(app: Sphinx) -> None:
    app.add_config_value("handboek_pdfmap", os.environ.get("HANDBOEK_PDFMAP", ""), "env", types=(str,))
    app.add_config_value("handboek_pdfs", [], "env", types=(list,))
    app.connect("config-inited", _find_pdfs)
    app.add_directive("afdrukken", AfdrukkenDirective)
    app.add_post_transform(CardPrintLinks)
    app.connect("build-finished", _copy_pdfs)
