"""The card structure: kwestie, vragen, voorbeeld and aandachtspunten blocks.

What each block accepts (its number, its options) is declared in ``kern.kaartformaat``,
which the card loader reads the cards with too; this module renders the blocks.

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

from typing import ClassVar

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from kern import kaartformaat
from kern.kaartformaat import Blok, CardFormatError
from kern.loader import kwestie_anchor, kwestie_id, voorbeeld_anchor
from .store import doc_store

logger = logging.getLogger(__name__)


class kaartblok(nodes.General, nodes.Element):  # noqa: N801
    """A block of a discussion card; ``node['kind']`` says which."""


class kaartblok_titel(nodes.TextElement, nodes.General):  # noqa: N801
    """The title of a card block ("Kwestie 3", "Vragen")."""


def card_id_of(docname: str) -> str:
    """The card id of a card page's docname (``kaarten/<id>`` -> ``<id>``)."""
    return docname.rsplit("/", 1)[-1]


class KaartblokDirective(SphinxDirective):
    """Shared base: a titled block whose content is parsed as MyST.

    A subclass names its :class:`kern.kaartformaat.Blok`; the block's argument count and
    options come from there, the same declaration the loader reads cards with.
    """

    blok: ClassVar[Blok]
    has_content = True

    def __init_subclass__(cls, **kwargs) -> None:
        super().__init_subclass__(**kwargs)
        blok = cls.__dict__.get("blok")
        if blok is not None:
            cls.required_arguments = blok.directive.required_arguments
            cls.optional_arguments = blok.directive.optional_arguments
            cls.final_argument_whitespace = blok.directive.final_argument_whitespace
            cls.option_spec = blok.directive.option_spec

    @property
    def kind(self) -> str:
        return self.blok.name

    @property
    def number(self) -> int | None:
        if not self.blok.numbered:
            return None
        try:
            return self.blok.number(self.arguments[0])
        except CardFormatError as error:
            raise self.error(str(error)) from None

    def title(self) -> str:
        return self.blok.heading(self.number)

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
        if self.number is not None:
            block["number"] = self.number
            targets = doc_store(self.env, "targets").setdefault(self.env.docname, {})
            targets[f"{self.kind}/{self.number}"] = (anchor, self.title())
        block += kaartblok_titel(self.title(), self.title())
        return block

    def run(self) -> list[nodes.Node]:
        block = self.make_block()
        self.state.nested_parse(self.content, self.content_offset, block)
        return [block]


class KwestieDirective(KaartblokDirective):
    """``:::{kwestie} <n>``: a case with its text and a ``{vragen}`` block."""

    blok = kaartformaat.KWESTIE

    def anchor(self) -> str:
        return kwestie_anchor(self.number)

    def title(self) -> str:
        return self.blok.heading(self.number, self.options.get("titel", ""))

    def make_block(self) -> kaartblok:
        block = super().make_block()
        block["kwestie_id"] = kwestie_id(card_id_of(self.env.docname), self.number)
        block["topics"] = list(self.options.get("onderwerpen", ()))
        return block


class VoorbeeldDirective(KaartblokDirective):
    """``:::{voorbeeld} <n>``: a real incident, with its source."""

    blok = kaartformaat.VOORBEELD

    def anchor(self) -> str:
        return voorbeeld_anchor(self.number)


class VragenDirective(KaartblokDirective):
    """``:::{vragen}``: the questions of a kwestie, as a bullet list."""

    blok = kaartformaat.VRAGEN


class AandachtspuntenDirective(KaartblokDirective):
    """``:::{aandachtspunten}``: notes for the discussion leader."""

    blok = kaartformaat.AANDACHTSPUNTEN


#: The directive of every block of the card format.
DIRECTIVES = (KwestieDirective, VragenDirective, VoorbeeldDirective, AandachtspuntenDirective)


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
    for directive in DIRECTIVES:
        app.add_directive(directive.blok.name, directive)
