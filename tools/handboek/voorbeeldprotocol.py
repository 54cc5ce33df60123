"""The model protocol page (docs/voorbeeldprotocol.md) and the links between kwesties and rules.

A ``:::{voorbeeldprotocol}`` block (alone, with its closing ``:::``) is replaced by the model protocol (tools/protocol/templates/)
at build time through the same data and templates as the downloads and the
wizard, with each rule's kwesties as links. Under every kwestie on a card page
the rules it touches are listed, linked to their anchor ``regel-<id>``. The
.docx and .html downloads are written next to the page when the build ends.

On the website each rule ends with its id, and each chapter's heading is followed by the
chapter's id, small and muted: the ids a hand-written answers file names (``regel``,
``hoofdstuk``).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective, new_document

from protocol.document import model_document, rule_numbers, sector_list
from protocol.model import CHANGE_KINDS, DEFAULT_MODEL, SECTORS, TEMPLATES_DIR, Model, current_model
from protocol.schema import ValidationError
from protocol.strict_yaml import YamlError
from protocol.trace import KwestieIndex, traceability_problems

from .kaartblokken import kaartblok
from .links import PageLinks
from .paginadoorloop import add_placeholder, nodes_of
from .kaarten import env_cards
from .store import doc_store, docs_with

logger = logging.getLogger(__name__)

DOWNLOADS_DIR = "downloads"


def download_names(sector: str | None) -> dict[str, str]:
    stem = "voorbeeldprotocol" + (f"-{sector}" if sector else "")
    return {"docx": f"{stem}.docx", "html": f"{stem}.html"}


class kwestieregels(nodes.General, nodes.Element):  # noqa: N801
    """Placeholder under a kwestie for the rules it touches."""


def _model_path(env) -> Path:
    return Path(env.config.handboek_protocol_model)


def _model(env):
    """The model protocol, kept in the environment (saved between builds) until its file changes:
    checking it takes longer than a rebuild after one card changed."""
    path = _model_path(env).resolve()
    key = (str(path), path.stat().st_mtime_ns, path.stat().st_size)
    cached = env.__dict__.get("handboek_model")
    if cached is None or cached[0] != key:
        cached = env.__dict__["handboek_model"] = (key, current_model(path))
    return cached[1]


class _ModelRules:
    """The model protocol's chapters and rules as the card pages show them, and the rules on each
    set of topics (worked out once: many kwesties share theirs).

    Without the cards: what these pages show of a rule (number, title, text, topics, id) does not
    depend on them, only the kwesties listed with each rule on the Voorbeeldprotocol page do.
    """

    def __init__(self, model: Model) -> None:
        self.model = model
        self.document = model_document(model, [])
        self._by_topics: dict[frozenset[str], list] = {}

    def touching(self, topics: list[str]) -> list:
        """The rules on any of these topics, in the protocol's order."""
        key = frozenset(topics)
        if key not in self._by_topics:
            self._by_topics[key] = [rule for chapter in self.document.chapters for rule in chapter.rules
                                    if not key.isdisjoint(rule.topics)]
        return self._by_topics[key]


_MODEL_RULES: list[_ModelRules] = []


def _model_rules(env) -> _ModelRules:
    """The :class:`_ModelRules` of the current model, made once for all the card pages."""
    model = _model(env)
    if not _MODEL_RULES or _MODEL_RULES[0].model is not model:
        _MODEL_RULES[:] = [_ModelRules(model)]
    return _MODEL_RULES[0]


def _render():
    """:mod:`protocol.render`, imported when a page or a download is made from the model: it loads every
    writer, which a rebuild that makes neither (one card touched) does not need."""
    from protocol import render

    return render


MARKER = re.compile(r"^:::\{voorbeeldprotocol\}\n:::$", re.MULTILINE)


def _insert_protocol(app: Sphinx, docname: str, source: list[str]) -> None:
    """Replace the ``:::{voorbeeldprotocol}`` block by the rendered model protocol.

    This happens before parsing (``source-read``), so that the protocol's
    chapters are real sections of the page, with their own headings and
    table-of-contents entries.
    """
    if not MARKER.search(source[0]):
        return
    env = app.env
    model_path = _model_path(env)
    location = (docname, None)
    try:
        model = _model(env)
    except (YamlError, ValidationError) as error:
        logger.error("Het modelprotocol kan niet worden gelezen:\n%s", error, location=location)
        return
    cards = env_cards(env)
    env.note_dependency(str(model_path))
    for template in TEMPLATES_DIR.glob("*.j2"):
        env.note_dependency(str(template))
    for problem in traceability_problems(model, cards):
        logger.warning(problem, location=location, type="handboek", subtype="protocol")
    document = model_document(model, cards)
    targets = doc_store(env, "targets").setdefault(docname, {})
    for chapter in document.chapters:
        for rule in chapter.rules:
            targets[f"regel/{rule.id}"] = (f"regel-{rule.id}", f"Regel {rule.heading}")
    doc_store(env, "protocolpagina")[docname] = True
    doc_store(env, "collects")[docname] = True
    rendered = (
        ":::{protocoldownloads}\n:::\n\n"
        + _render().render_markdown(document, myst=True)
        + _changes_markdown(model, rule_numbers(document))
    )
    source[0] = MARKER.sub(lambda _: rendered, source[0])


def _changes_markdown(model: Model, numbers: dict[str, str]) -> str:
    """The change log since the previous model version, rule by rule, linked to the rules."""
    if not model.changes:
        return ""
    markdown_escape = _render().markdown_escape
    lines = [
        f"\n\n## Wijzigingen in versie {markdown_escape(model.version)}\n",
        f"Wat er sinds versie {markdown_escape(model.previous_version)} is veranderd, en waarom.\n",
    ]
    for change in model.changes:
        kind = CHANGE_KINDS[change.kind]
        if change.rule_id:
            rule = model.rule(change.rule_id)
            label = f"Regel {numbers.get(rule.id, '')} {rule.title}".replace("  ", " ")
            target = f"{{ref}}`{_role_text(label)} <regel-{rule.id}>`"
            scope = "" if rule.all_sectors else f" (alleen {sector_list(rule.sectors)})"
            old = f", was `{change.old_id}`" if change.old_id else ""
            lines.append(f"- {target} (`{rule.id}`{old}){scope}, {kind}: {markdown_escape(change.reason)}")
        else:
            lines.append(f"- Regel `{change.old_id}`, {kind}: {markdown_escape(change.reason)}")
    return "\n".join(lines) + "\n"


def _role_text(text: str) -> str:
    """A rule title as the text of a MyST role: no backticks or angle brackets."""
    return " ".join(text.replace("`", "'").replace("<", "(").replace(">", ")").split())


class ProtocolregelsDirective(SphinxDirective):
    """``:::{protocolregels}`` with ``:onderwerpen:``: the rules on these topics, listed as under a kwestie.

    For a card's closing questions ("Tot slot"), which are not a kwestie but
    should still point to the rules that answer them.
    """

    option_spec = {"onderwerpen": directives.unchanged_required}

    def run(self) -> list[nodes.Node]:
        topics = [t.strip() for t in self.options.get("onderwerpen", "").split(",") if t.strip()]
        if not topics:
            raise self.error("noem bij :onderwerpen: minstens één onderwerp van het modelprotocol.")
        model = _model(self.env)  # kept in the environment, not read again
        unknown = [t for t in topics if t not in model.topics]
        if unknown:
            raise self.error(f"onbekend onderwerp: {', '.join(unknown)}.")
        self.env.note_dependency(str(_model_path(self.env)))
        return [kwestieregels(topics=topics)]


class ProtocoldownloadsDirective(SphinxDirective):
    """``:::{protocoldownloads}``: a table of the .docx and .html of every sector (HTML only)."""

    def run(self) -> list[nodes.Node]:
        table = nodes.table(classes=["protocol-downloads"])
        group = nodes.tgroup(cols=3)
        table += group
        for width in (3, 1, 1):
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        head += self._row([nodes.Text("Versie"), nodes.Text("Word"), nodes.Text("HTML")])
        group += head
        body = nodes.tbody()
        choices = [("Alle sectoren", None)] + [(f"{name} ({sector})", sector) for sector, name in SECTORS.items()]
        for label, sector in choices:
            names = download_names(sector)
            body += self._row([
                nodes.Text(label),
                nodes.reference("", "Word", refuri=f"{DOWNLOADS_DIR}/{names['docx']}"),
                nodes.reference("", "HTML", refuri=f"{DOWNLOADS_DIR}/{names['html']}"),
            ])
        group += body
        title = nodes.title("", "Downloaden om aan te passen")
        table.insert(0, title)
        only = addnodes.only(expr="html")
        only += table
        return [only]

    @staticmethod
    def _row(cells: list[nodes.Node]) -> nodes.row:
        row = nodes.row()
        for cell in cells:
            entry = nodes.entry()
            entry += nodes.paragraph("", "", cell)
            row += entry
        return row


class AddKwestieRegels(SphinxTransform):
    """Put a placeholder for 'the rules this kwestie touches' at the end of every kwestie."""

    default_priority = 800

    def apply(self) -> None:
        found = False
        for block in nodes_of(self.document, (kaartblok,)):  # quicker than findall (paginadoorloop)
            if block["kind"] == "kwestie":
                block += kwestieregels(topics=list(block.get("topics", [])))
                found = True
        if found:
            self.env.note_dependency(str(_model_path(self.env)))


class kwestieregels_html(nodes.General, nodes.Element):  # noqa: N801
    """The rules under a kwestie as HTML (``node["html"]``), and their text as its child for the
    search index; only in HTML, in place of the block :func:`_rules_block` makes (build speed)."""


def visit_kwestieregels_html(self, node: kwestieregels_html) -> None:
    self.body.append(node["html"])
    raise nodes.SkipNode


def _fill_rules(transform: SphinxPostTransform, placeholders: list[kwestieregels]) -> None:
    """Fill in each kwestie's rules, linked to the Voorbeeldprotocol page."""
    env = transform.env
    model_rules = _model_rules(env)  # once per page: it checks the model's file
    pages = docs_with(env, "protocolpagina")
    page = pages[0] if pages else None
    links = PageLinks(env, env.docname)
    builder = env._app.builder
    for placeholder in placeholders:
        rules = model_rules.touching(placeholder["topics"])
        if not rules:
            placeholder.parent.remove(placeholder)
        elif builder.format == "html" and hasattr(builder, "docsettings"):  # HTML, while writing
            placeholder.replace_self(_rendered_once(builder, links, page, rules))
        else:
            placeholder.replace_self(_rules_block(links, page, rules))


def _rules_block(links: PageLinks, page: str | None, rules: list) -> nodes.container:
    """The list of rules under a kwestie, each linked to its place on the Voorbeeldprotocol page."""
    block = nodes.container(classes=["kwestie-regels"])
    block += nodes.paragraph("", "", nodes.strong("", "Regels in het modelprotocol"))
    items = nodes.bullet_list()
    for rule in rules:
        content = nodes.inline("", f"Regel {rule.heading}")
        if page:
            reference = links.link(page, f"regel-{rule.id}", content, rule.text)
            items += nodes.list_item("", nodes.paragraph("", "", reference))
        else:
            items += nodes.list_item("", nodes.paragraph("", "", content))
    block += items
    return block


_RENDERED = "handboek_kwestieregels_html"


def _forget_rendered(app: Sphinx, builder: Any) -> None:
    """Each build writes the lists anew (the model may have changed since the builder's last one)."""
    builder.__dict__.pop(_RENDERED, None)


def _rendered_once(builder: Any, links: PageLinks, page: str | None, rules: list) -> kwestieregels_html:
    """The list of :func:`_rules_block` as the page's translator writes it, written once per build
    for all the kwesties with the same rules on pages that reach the Voorbeeldprotocol page by the
    same address (those in one folder).

    Build speed: at 60 cards 330 kwesties and closing questions list 2100 rules, of five nodes
    each, which the page's transforms, translator and search index would each go through again.
    What the search index needs, the words, is the node's child.
    """
    # The links' form: within the page itself, or the page's address from this page's folder.
    key = (page == links.fromdoc, page and links.uri(page), tuple(rule.id for rule in rules))
    rendered = builder.__dict__.setdefault(_RENDERED, {})
    if key not in rendered:
        block = _rules_block(links, page, rules)
        translator = builder.create_translator(new_document("<kwestieregels>", builder.docsettings), builder)
        block.walkabout(translator)
        words = " ".join(text.astext() for text in block.findall(nodes.Text))
        rendered[key] = ("".join(translator.body), words)
    html, words = rendered[key]
    return kwestieregels_html("", nodes.Text(words), html=html)


class ShowProtocolIds(SphinxPostTransform):
    """On the model protocol page: each rule's id after its text, each chapter's id under its heading."""

    default_priority = 20
    formats = ("html",)

    def run(self, **kwargs) -> None:
        if self.env.docname not in docs_with(self.env, "protocolpagina"):
            return
        chapter_of = {rule.id: chapter.id for chapter in _model_rules(self.env).document.chapters for rule in chapter.rules}
        labelled: set[int] = set()
        for paragraph in list(self.document.findall(nodes.paragraph)):
            ids = [anchor.removeprefix("regel-") for anchor in paragraph["ids"]]
            rule_id = next((rule_id for rule_id in ids if rule_id in chapter_of), None)
            if rule_id is None:
                continue
            paragraph += [nodes.Text(" "), _id_label(rule_id)]
            section = paragraph.parent
            if isinstance(section, nodes.section) and id(section) not in labelled:
                labelled.add(id(section))
                title_index = section.first_child_matching_class(nodes.title)
                label = nodes.paragraph("", "", _id_label(chapter_of[rule_id]), classes=["protocol-hoofdstuk-id"])
                section.insert((title_index or 0) + 1, label)


def _id_label(value: str) -> nodes.inline:
    """A small muted label ``id <value>``, the value as code (copied as it is into an answers file)."""
    return nodes.inline("", "", nodes.Text("id\u00a0"), nodes.literal(value, value), classes=["protocol-id"])


def _downloads_fingerprint(app: Sphinx, model_path: Path, cards: list) -> str:
    """What the downloads are made from: the model, the templates, the code and the cards."""
    digest = hashlib.sha256(app.config.handboek_code.encode())
    for path in [model_path, *sorted(p for p in TEMPLATES_DIR.rglob("*") if p.is_file())]:
        digest.update(path.read_bytes())
    digest.update(repr(cards).encode())
    return digest.hexdigest()


def _write_downloads(app: Sphinx, exception: Exception | None) -> None:
    """Write the downloads, unless the ones there were made from the same model, templates and cards
    (writing the Word files is the slowest part of a rebuild that changed nothing they hold)."""
    if exception or app.builder.format != "html":
        return
    if not docs_with(app.env, "protocolpagina"):
        return
    model_path = Path(app.config.handboek_protocol_model)
    cards = env_cards(app.env)
    target = Path(app.outdir) / DOWNLOADS_DIR
    stamp = Path(app.doctreedir) / "handboek-downloads.sha256"
    fingerprint = _downloads_fingerprint(app, model_path, cards)
    sectors = [None, *SECTORS]
    names = [name for sector in sectors for name in download_names(sector).values()]
    if stamp.is_file() and stamp.read_text() == fingerprint and all((target / name).is_file() for name in names):
        return

    model = _model(app.env)
    render = _render()
    target.mkdir(parents=True, exist_ok=True)
    kwesties = KwestieIndex(cards)  # the cards' kwesties by topic, for every sector's document
    for sector in sectors:
        outputs = render.render_protocol_formats(model_document(model, kwesties, sector), ("html", "docx"))
        names = download_names(sector)
        (target / names["html"]).write_text(outputs["html"], encoding="utf-8")
        (target / names["docx"]).write_bytes(outputs["docx"])
    stamp.write_text(fingerprint)


def setup_voorbeeldprotocol(app: Sphinx) -> None:
    app.add_config_value("handboek_protocol_model", str(DEFAULT_MODEL), "env", types=(str,))
    app.add_node(kwestieregels)
    app.add_node(kwestieregels_html, html=(visit_kwestieregels_html, None))
    app.add_directive("protocoldownloads", ProtocoldownloadsDirective)
    app.add_directive("protocolregels", ProtocolregelsDirective)
    app.connect("source-read", _insert_protocol)
    app.add_transform(AddKwestieRegels)
    add_placeholder(app, kwestieregels, _fill_rules)
    app.add_post_transform(ShowProtocolIds)
    app.connect("write-started", _forget_rendered)
    app.connect("build-finished", _write_downloads)
