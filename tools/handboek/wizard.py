"""Links from each kwestie to the browser wizard, from one setting (``WIZARD_URL``).

``conf.py`` reads the address with :func:`kern.adres.wizard_url` into ``handboek_wizard_url``.
With an address, every kwestie on a card page ends with a link "Besluiten vastleggen" to
the wizard's page for that kwestie (:func:`kern.adres.wizard_kwestie_url`), after the rules
it touches, and ``:::{protocolwizardadres}`` (on the page "Protocol maken") says where the
wizard is, linked. Without one there is no link and the block says nothing: the page says how
to start the wizard on one's own computer. An address that is no web address is reported here
(``make html`` stops on it). Only the website gets the links; print has no use for them.

The address is a config value that only rewrites the pages when it changes (no new reading),
so both are filled in after reading, when the page is written.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from kern.adres import AddressError, wizard_kwestie_url, wizard_url

from .kaartblokken import kaartblok
from .paginadoorloop import add_placeholder, nodes_of

logger = logging.getLogger(__name__)

#: The link's text; a hidden part says which kwestie for screen readers listing the page's links.
LINK_TEXT = "Besluiten vastleggen"


class protocolwizardadres(nodes.General, nodes.Element):  # noqa: N801
    """Placeholder for the sentence that says where the browser wizard is (only with an address)."""


class ProtocolwizardadresDirective(SphinxDirective):
    """``:::{protocolwizardadres}``: where the browser wizard of this handbook is, if it has one."""

    def run(self) -> list[nodes.Node]:
        return [protocolwizardadres()]


def _fill_address(transform: SphinxPostTransform, placeholders: list[protocolwizardadres]) -> None:
    """The sentence with the wizard's address, on the website with an address; nothing otherwise."""
    wizard = transform.config.handboek_wizard_url if transform.env._app.builder.format == "html" else ""
    for placeholder in placeholders:
        if not wizard:
            placeholder.parent.remove(placeholder)
            continue
        placeholder.replace_self(nodes.paragraph(
            "", "", nodes.strong("", "De protocolwizard bij dit handboek: "),
            nodes.reference("", wizard, refuri=wizard, internal=False),
            nodes.Text(". Open hem in je browser; je hoeft niets te installeren."),
            classes=["protocolwizard-adres"],
        ))


class AddWizardLinks(SphinxPostTransform):
    """Give each kwestie a link to its page in the browser wizard (after the rules it touches)."""

    # Appended after the kwestie's placeholder for its rules, so the link follows them once they are
    # filled in (paginadoorloop, later).
    default_priority = 20
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        wizard = self.config.handboek_wizard_url
        if not wizard:
            return
        for block in nodes_of(self.document, (kaartblok,)):  # quicker than findall (paginadoorloop)
            if block["kind"] != "kwestie" or "kwestie_id" not in block:
                continue
            reference = nodes.reference(
                "", "", nodes.Text(LINK_TEXT),
                nodes.inline("", f" (kwestie {block['number']})", classes=["visually-hidden"]),
                refuri=wizard_kwestie_url(wizard, block["kwestie_id"]), internal=False,
            )
            block += nodes.paragraph("", "", reference, classes=["kwestie-wizard"])


def _check_address(app: Sphinx, config: Any) -> None:
    """An address that is no web address is left out (``conf.py``), and reported here."""
    try:
        wizard_url()
    except AddressError as error:
        logger.warning("%s De site wordt zonder links naar de protocolwizard gebouwd.", error,
                       type="handboek", subtype="adres")


def setup_wizard(app: Sphinx) -> None:
    app.add_config_value("handboek_wizard_url", "", "html", types=(str,))
    app.connect("config-inited", _check_address)
    app.add_post_transform(AddWizardLinks)
    app.add_node(protocolwizardadres)
    app.add_directive("protocolwizardadres", ProtocolwizardadresDirective)
    add_placeholder(app, protocolwizardadres, _fill_address)
