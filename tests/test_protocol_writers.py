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


def tricky_texts() -> blocks.Page:
    """Texts python-docx writes in a special way (tabs, line ends, spaces at an end, characters XML cannot
    hold, markup characters) in every place a text goes, and tables of every shape."""
    card = CONTEXT.cards[0]
    ref = kwestie_ref(card, card.kwesties[0])
    texts = ["tekst", " spatie voor", "spatie na ", "\ttab", "tab\tmidden", "regel\neinde", "cr\rhier", "crlf\r\n",
             "\u00a0harde spatie", "", " ", "\t", "\n", "&<>\"' tekens", "stuur\x01\x0b\x1f\x7ftekens", "bidi\u202ex",
             "émoji 😀"]
    content = tuple(item for text in texts for item in (
        blocks.Text(text), blocks.Strong(text), blocks.Emph(text), blocks.Link(text, "https://example.org/" + text),
        blocks.KwestieLink(ref), blocks.Added(text), blocks.Removed(text)))
    page_blocks = [
        blocks.Title("Titel\tmet tab", content), blocks.Title("", ()), blocks.Heading(1, " kop\n", badge="soort"),
        blocks.Heading(3, "kop 3"), blocks.Heading(0, "kop 0"), blocks.Paragraph(content, style="toelichting"),
        blocks.Paragraph(content), blocks.Paragraph(()), blocks.Paragraph((blocks.Text(""),)),
        blocks.Table(("a\tx", " b ", "c"), (("1", "2"), ("1", "2", "3", "4"), ("x\ny", "", " z")), widths=(2, 4)),
        blocks.Table(("a",), (("1",),), row_headers=True),
        blocks.Table(tuple("abcdefg"), (tuple("1234567"),), row_headers=True, widths=(1, 1, 1, 1, 1, 1, 3, 5)),
        blocks.Rule("regel-y", "  ", "Tekst\tmet tab.", kwesties=content), blocks.Rule("", "", ""), blocks.FillIn(""),
        blocks.Definitions((blocks.Definition("t\t", content), blocks.Definition("", ()))),
        blocks.Bullets((content, ())),
    ]
    return blocks.Page("protocol", "Titel\n" + "x" * 300, "Voet\tmet\nregeleinde & <", tuple(page_blocks),
                       author=" Auteur\n naam " + "y" * 300, subject="Onder\twerp")


@pytest.mark.parametrize("page", ["blokken", "lastige teksten", *PAGES])
def test_word_writer_writes_what_python_docx_writes(page):
    """The Word writer writes the XML with lxml (for speed): every part as the same page written through
    python-docx's own API (``tests/wordreferentie.py``), but the creation and modification times."""
    import re
    import zipfile

    import wordreferentie

    built = {"blokken": every_block, "lastige teksten": tricky_texts, **PAGES}[page]()
    times = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*")
    ours, reference = (zipfile.ZipFile(io.BytesIO(render(built))) for render in (WRITERS["docx"].render,
                                                                                  wordreferentie.render))
    assert [info.filename for info in ours.infolist()] == [info.filename for info in reference.infolist()]
    for name in ours.namelist():
        assert times.sub(rb"\1", ours.read(name)) == times.sub(rb"\1", reference.read(name)), name
