"""The card structure: kwestie, vragen, voorbeeld and aandachtspunten blocks.

Each block is one ``kaartblok`` node with a ``kind``; its title is a
``kaartblok_titel`` node, so builders without their own rendering fall back to
a rubric (a run-in heading) and lose nothing.

In HTML a kwestie is a ``<section id="kwestie-<n>">`` with a real heading, an
example is an open ``<details id="voorbeeld-<n>">`` and the leader's notes are
an open ``<details>`` too (a leader who shows the card to the group closes them
with one click). In LaTeX each block is a tcolorbox environment defined
in ``handboek.sty``.
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from kern.loader import kwestie_anchor, kwestie_id, voorbeeld_anchor
from .store import doc_store

logger = logging.getLogger(__name__)

#: The Dutch labels readers see, one place.
LABELS = {
    "kwestie": "Kwestie",
    "vragen": "Vragen",
    "voorbeeld": "Voorbeeld",
    "aandachtspunten": "Aandachtspunten voor de gespreksleider",
}


class kaartblok(nodes.General, nodes.Element):  # noqa: N801
    """A block of a discussion card; ``node['kind']`` says which."""


class kaartblok_titel(nodes.TextElement, nodes.General):  # noqa: N801
    """The title of a card block ("Kwestie 3", "Vragen")."""


def card_id_of(docname: str) -> str:
    """The card id of a card page's docname (``kaarten/<id>`` -> ``<id>``)."""
    return docname.rsplit("/", 1)[-1]


class KaartblokDirective(SphinxDirective):
    """Shared base: a titled block whose content is parsed as MyST."""

    kind = ""
    has_content = True
    required_arguments = 0
    optional_arguments = 0
    final_argument_whitespace = False
    option_spec: dict = {}

    def title(self) -> str:
        return LABELS[self.kind]

    def anchor(self) -> str | None:
        return None

    def make_block(self) -> kaartblok:
        block = kaartblok(kind=self.kind, classes=["kaartblok", self.kind])
        self.set_source_info(block)
        anchor = self.anchor()
        if anchor:
            document = self.state.document
            if anchor in document.ids:
                logger.warning(
                    "'%s' komt twee keer voor op deze pagina", self.title(),
                    location=block, type="handboek", subtype="dubbel",
                )
            else:
                block["ids"].append(anchor)
                document.ids[anchor] = block
        block += kaartblok_titel(self.title(), self.title())
        return block

    def run(self) -> list[nodes.Node]:
        block = self.make_block()
        self.state.nested_parse(self.content, self.content_offset, block)
        return [block]


class NumberedDirective(KaartblokDirective):
    """A block with a number that readers and links refer to."""

    required_arguments = 1

    @property
    def number(self) -> int:
        argument = self.arguments[0]
        if not argument.isdigit():
            raise self.error(
                f"{LABELS[self.kind]} heeft een nummer nodig, bijvoorbeeld "
                f"':::{{{self.kind}}} 1' (gevonden: '{argument}')."
            )
        return int(argument)

    def title(self) -> str:
        return f"{LABELS[self.kind]} {self.number}"

    def make_block(self) -> kaartblok:
        block = super().make_block()
        block["number"] = self.number
        targets = doc_store(self.env, "targets").setdefault(self.env.docname, {})
        targets[f"{self.kind}/{self.number}"] = (self.anchor(), self.title())
        return block


class KwestieDirective(NumberedDirective):
    """``:::{kwestie} <n>``: a case with its text and a ``{vragen}`` block."""

    kind = "kwestie"
    option_spec = {"onderwerpen": directives.unchanged, "titel": directives.unchanged}

    def anchor(self) -> str:
        return kwestie_anchor(self.number)

    def title(self) -> str:
        title = f"{LABELS['kwestie']} {self.number}"
        if self.options.get("titel"):
            title = f"{title}: {self.options['titel']}"
        return title

    def make_block(self) -> kaartblok:
        block = super().make_block()
        block["kwestie_id"] = kwestie_id(card_id_of(self.env.docname), self.number)
        block["topics"] = [
            t.strip() for t in self.options.get("onderwerpen", "").split(",") if t.strip()
        ]
        return block


class VoorbeeldDirective(NumberedDirective):
    """``:::{voorbeeld} <n>``: a real incident, with its source."""

    kind = "voorbeeld"

    def anchor(self) -> str:
        return voorbeeld_anchor(self.number)


class VragenDirective(KaartblokDirective):
    """``:::{vragen}``: the questions of a kwestie, as a bullet list."""

    kind = "vragen"


class AandachtspuntenDirective(KaartblokDirective):
    """``:::{aandachtspunten}``: notes for the discussion leader."""

    kind = "aandachtspunten"


# HTML ---------------------------------------------------------------------------


def _heading_level(translator) -> int:
    return min(getattr(translator, "section_level", 1) + 1, 6)


def _block_tag(node: kaartblok) -> str:
    return {"kwestie": "section", "voorbeeld": "details", "aandachtspunten": "details"}.get(
        node["kind"], "div"
    )


def visit_kaartblok_html(self, node: kaartblok) -> None:
    attributes = {"open": "open"} if node["kind"] in ("voorbeeld", "aandachtspunten") else {}
    self.body.append(self.starttag(node, _block_tag(node), **attributes))


def depart_kaartblok_html(self, node: kaartblok) -> None:
    self.body.append(f"</{_block_tag(node)}>\n")


def visit_kaartblok_titel_html(self, node: kaartblok_titel) -> None:
    block = node.parent
    kind = block["kind"]
    if kind in ("voorbeeld", "aandachtspunten"):
        self.body.append(self.starttag(node, "summary", "", CLASS="kaartblok-titel"))
        return
    level = _heading_level(self) + (1 if kind == "vragen" else 0)
    self.body.append(self.starttag(node, f"h{min(level, 6)}", "", CLASS="kaartblok-titel"))
    node["html_level"] = min(level, 6)


def depart_kaartblok_titel_html(self, node: kaartblok_titel) -> None:
    block = node.parent
    if block["kind"] in ("voorbeeld", "aandachtspunten"):
        self.body.append("</summary>\n")
        return
    if block["ids"] and self.config.html_permalinks:
        self.body.append(
            f'<a class="headerlink" href="#{block["ids"][0]}" '
            f'title="Link naar {node.astext().lower()}">{self.config.html_permalinks_icon}</a>'
        )
    self.body.append(f"</h{node['html_level']}>\n")


# LaTeX: tcolorbox environments from handboek.sty ------------------------------------

LATEX_ENVIRONMENTS = {
    "kwestie": "handboekkwestie",
    "vragen": "handboekvragen",
    "voorbeeld": "handboekvoorbeeld",
    "aandachtspunten": "handboekaandachtspunten",
}


def visit_kaartblok_latex(self, node: kaartblok) -> None:
    title = self.encode(node.next_node(kaartblok_titel).astext())
    environment = LATEX_ENVIRONMENTS[node["kind"]]
    self.body.append(f"\n\\begin{{{environment}}}{{{title}}}{self.hypertarget_to(node, anchor=True)}\n")


def depart_kaartblok_latex(self, node: kaartblok) -> None:
    self.body.append(f"\n\\end{{{LATEX_ENVIRONMENTS[node['kind']]}}}\n")


def skip_title_latex(self, node: kaartblok_titel) -> None:
    raise nodes.SkipNode  # the environment prints the title


# Other builders: a container with a run-in heading -------------------------------


def _visit_plain(self, node: nodes.Element) -> None:
    pass


def _visit_as_rubric(self, node: nodes.Element) -> None:
    self.visit_rubric(node)


def _depart_as_rubric(self, node: nodes.Element) -> None:
    self.depart_rubric(node)


def setup_kaartblokken(app: Sphinx) -> None:
    plain = (_visit_plain, _visit_plain)
    rubric = (_visit_as_rubric, _depart_as_rubric)
    app.add_node(
        kaartblok,
        html=(visit_kaartblok_html, depart_kaartblok_html),
        latex=(visit_kaartblok_latex, depart_kaartblok_latex),
        text=plain, man=plain, texinfo=plain,
    )
    app.add_node(
        kaartblok_titel,
        html=(visit_kaartblok_titel_html, depart_kaartblok_titel_html),
        latex=(skip_title_latex, None),
        text=rubric, man=rubric, texinfo=rubric,
    )
    app.add_directive("kwestie", KwestieDirective)
    app.add_directive("vragen", VragenDirective)
    app.add_directive("voorbeeld", VoorbeeldDirective)
    app.add_directive("aandachtspunten", AandachtspuntenDirective)
