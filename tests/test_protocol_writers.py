"""Every writer renders every block and inline type, and every page (model, draft, change report) holds the
same text in every format: the layout is written once, the writers only format it."""

from __future__ import annotations

import io
import typing
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from docx import Document
from kern.loader import load_cards
from markdown_it import MarkdownIt
from protocol import blocks, teksten
from protocol.document import model_document
from protocol.layout import protocol_page, report_page
from protocol.model import load_model
from protocol.trace import kwestie_ref
from protocol.writers import WRITERS
from protocolwizard.answers import Context, load_answers
from protocolwizard.draft import build_draft

ROOT = Path(__file__).resolve().parents[1]
CONTEXT = Context(load_model(), load_cards(ROOT / "docs" / "kaarten"))
DRAFT = build_draft(load_answers(ROOT / "examples" / "antwoorden-voorbeeld.yaml", CONTEXT), CONTEXT)


def text_of(fmt: str, output: str | bytes) -> str:
    """What a reader sees of an output, whitespace folded."""
    if fmt == "md":
        output = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(output)
        output = BeautifulSoup(output, "html.parser").get_text(" ")
    elif fmt == "html":
        output = BeautifulSoup(output, "html.parser").get_text(" ")
    elif fmt == "docx":
        word = Document(io.BytesIO(output))
        cells = [cell.text for table in word.tables for row in table.rows for cell in row.cells]
        output = " ".join([p.text for p in word.paragraphs] + cells)
    return " ".join(output.split())


def every_block() -> blocks.Page:
    """A page with one of each block and inline type the structure knows."""
    card = CONTEXT.cards[0]
    ref = kwestie_ref(card, card.kwesties[0])
    inline_types = typing.get_args(blocks.Inline)
    samples = {blocks.Text: blocks.Text("tekst"), blocks.Strong: blocks.Strong("vet"), blocks.Emph: blocks.Emph("schuin"),
               blocks.Link: blocks.Link("link", "https://example.org/a b"), blocks.KwestieLink: blocks.KwestieLink(ref),
               blocks.Added: blocks.Added("erbij"), blocks.Removed: blocks.Removed("eraf")}
    assert set(samples) == set(inline_types), "a new inline type needs a sample here"
    content = tuple(samples.values())
    page_blocks = {
        blocks.Title: blocks.Title("Titel", content),
        blocks.Heading: blocks.Heading(1, "Kop", badge="soort"),
        blocks.Paragraph: blocks.Paragraph(content, style="toelichting"),
        blocks.Table: blocks.Table(("a", "b"), (("1", "2"),), row_headers=True, widths=(1, 2)),
        blocks.Rule: blocks.Rule("regel-x", "1.1 Regel", "Tekst.", note="Geldt voor po.", kwesties=content),
        blocks.FillIn: blocks.FillIn("Vastgesteld op:"),
        blocks.Definitions: blocks.Definitions((blocks.Definition("Was", content, style="was"),)),
        blocks.Bullets: blocks.Bullets((content,)),
    }
    page_blocks[blocks.Section] = blocks.Section(tuple(page_blocks.values()), anchor="deel", style="wijziging")
    assert set(page_blocks) == set(typing.get_args(blocks.Block)), "a new block type needs a sample here"
    return blocks.Page("protocol", "Titel", "Voet", tuple(page_blocks.values()))


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_every_writer_renders_every_block_and_inline_type(fmt):
    writer = WRITERS[fmt]
    assert writer.EXTENSION == fmt
    output = writer.render(every_block())
    if fmt != "tex":
        seen = text_of(fmt, output)
        for word in ("tekst", "vet", "schuin", "Kop", "Tekst.", "Geldt voor po.", "Vastgesteld op:", "Was", "erbij", "eraf"):
            assert word in seen, word


PAGES = {
    "model": lambda: protocol_page(model_document(CONTEXT.model, CONTEXT.cards)),
    "concept": lambda: protocol_page(DRAFT.document),
    "wijzigingsverslag": lambda: report_page(DRAFT.report, "https://handboek.example/"),
}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("fmt", sorted(set(WRITERS) - {"tex"}))
def test_every_format_shows_the_same_text(fmt, page):
    built = PAGES[page]()
    seen = text_of(fmt, WRITERS[fmt].render(built))
    expected = []

    def collect(items):
        for block in items:
            if isinstance(block, blocks.Section):
                collect(block.blocks)
            elif isinstance(block, blocks.Rule):
                expected.extend([block.heading, block.text, block.note])
            elif isinstance(block, (blocks.Heading, blocks.Title)):
                expected.append(block.text)
            elif isinstance(block, blocks.Paragraph):
                expected.append(blocks.plain(block.content))
            elif isinstance(block, blocks.Table):
                expected.extend(cell for row in block.rows for cell in row)
            elif isinstance(block, blocks.FillIn):
                expected.append(block.label)
            elif isinstance(block, blocks.Definitions):
                expected.extend(blocks.plain(item.content) for item in block.items)

    collect(built.blocks)
    for text in filter(None, expected):
        assert " ".join(text.split()) in seen, text


def test_every_dutch_phrase_of_the_draft_comes_from_teksten():
    page = protocol_page(DRAFT.document)
    headings = [b.text for s in page.blocks if isinstance(s, blocks.Section) for b in s.blocks
                if isinstance(b, blocks.Heading)]
    assert teksten.ABOUT in headings and teksten.ADOPTION in headings
    seen = text_of("md", WRITERS["md"].render(page))
    assert teksten.ADOPTION_INTRODUCTION.format(orgaan=DRAFT.document.consent_body) in seen
    for body in DRAFT.document.signatories:
        assert body in seen
    assert all(line in seen for line in teksten.SIGNATURE_LINES)


@pytest.mark.pdf
@pytest.mark.parametrize("page", ["blokken", "wijzigingsverslag"])
def test_latex_writer_output_compiles(tmp_path, page, tex):
    import shutil

    from kern.latex import LUALATEX, run_latexmk
    from protocol.model import TEMPLATES_DIR
    from protocolwizard.output import PDF_STYLE

    built = every_block() if page == "blokken" else PAGES[page]()
    (tmp_path / "p.tex").write_text(WRITERS["tex"].render(built), encoding="utf-8")
    shutil.copyfile(TEMPLATES_DIR / PDF_STYLE, tmp_path / PDF_STYLE)
    pdf = run_latexmk(tmp_path, "p.tex", timeout=180, engine=LUALATEX)
    assert pdf.read_bytes().startswith(b"%PDF")
