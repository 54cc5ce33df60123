"""The participants' edition of a card: its title, purpose, kwesties and questions only.

With ``handboek_editie = "deelnemers"`` (set by ``-t deelnemers``) every card
page loses the sections meant for the discussion leader (background, examples,
leader's notes, tips, reading) and the rules listed under each kwestie; links
to the removed examples keep their text.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform

from kern.loader import KAARTEN_DIR
from .verwijzingen import kaartverwijzing
from .voorbeeldprotocol import kwestieregels

#: Sections of a card page that participants get.
PARTICIPANT_SECTIONS = ("Kwesties", "Tot slot")


class ParticipantsEdition(SphinxTransform):
    default_priority = 850  # after the rules are placed under each kwestie

    def apply(self) -> None:
        if self.config.handboek_editie != "deelnemers" or not self.env.docname.startswith(f"{KAARTEN_DIR}/"):
            return
        page = self.document.next_node(nodes.section)
        if page is None:
            return
        for section in [child for child in page.children if isinstance(child, nodes.section)]:
            if section[0].astext() not in PARTICIPANT_SECTIONS:
                page.remove(section)
        for placeholder in list(self.document.findall(kwestieregels)):
            placeholder.parent.remove(placeholder)
        for reference in list(self.document.findall(kaartverwijzing)):
            if reference["kind"] == "voorbeeld":
                reference.replace_self(nodes.Text(reference.astext()))


def setup_drukwerk(app: Sphinx) -> None:
    app.add_config_value("handboek_editie", "volledig", "env", types=(str,))
    app.add_transform(ParticipantsEdition)
