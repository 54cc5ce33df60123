"""The Word writer as it was written on python-docx: the reference for the XML that
:mod:`protocol.writers.word` (lxml, for speed) must write, part for part (``tests/test_protocol_writers.py``)."""

from __future__ import annotations

import io
from datetime import datetime, timezone

from docx import Document
from docx.document import Document as DocumentObject
from docx.oxml.ns import qn
from docx.shared import Cm, RGBColor
from docx.text.paragraph import Paragraph as WordParagraph
from docx.text.run import Run

from protocol.blocks import (
    Added, Block, Bullets, Definitions, Emph, FillIn, Heading, Inlines, KwestieLink, Link, Page, Paragraph, Removed,
    Rule, Section, Strong, Table, Text, Title,
)
from protocol import teksten
from protocol.cleantext import clean_text
from protocol.writers.word import WORD_TEMPLATE

TEXT_WIDTH_CM = 16.0
FILL_IN_LINE = ".............................."
NOTE_STYLE = "Toelichting"
#: The change report's comparison: added words green and underlined, removed words red and struck through.
ADDED_COLOUR, REMOVED_COLOUR = RGBColor(0x1B, 0x6E, 0x2E), RGBColor(0xA3, 0x1F, 0x1F)


def _clean(value: str) -> str:
    return str(clean_text(value))


def _run(paragraph: WordParagraph, text: str) -> Run:
    return paragraph.add_run(text)


def _paragraph(document: DocumentObject, text: str = "", style: str | None = None) -> WordParagraph:
    return document.add_paragraph(text, style)


def _heading(document: DocumentObject, text: str, level: int) -> WordParagraph:
    return document.add_heading(text, level)


def _runs(paragraph: WordParagraph, content: Inlines) -> WordParagraph:
    """The inline content as runs; neighbouring plain texts share one run (a rule that many kwesties
    discuss would otherwise get hundreds of runs)."""
    plain: list[str] = []

    def flush() -> None:
        if plain:
            _run(paragraph, _clean("".join(plain)))
            plain.clear()

    for item in content:
        if isinstance(item, Text):
            plain.append(item.text)
        elif isinstance(item, Link):
            plain.append(f"{item.text} ({item.url})")
        elif isinstance(item, KwestieLink):
            plain.append(item.ref.name)
        elif isinstance(item, Strong):
            flush()
            _run(paragraph, _clean(item.text)).bold = True
        elif isinstance(item, Emph):
            flush()
            _run(paragraph, _clean(item.text)).italic = True
        elif isinstance(item, (Added, Removed)):
            flush()
            run = _run(paragraph, _clean(item.text))
            run.font.color.rgb = ADDED_COLOUR if isinstance(item, Added) else REMOVED_COLOUR
            if isinstance(item, Added):
                run.font.underline = True
            else:
                run.font.strike = True
        else:
            raise TypeError(f"unknown inline {item!r}")
    flush()
    return paragraph


def _table(document: DocumentObject, table: Table) -> None:
    grid = document.add_table(rows=1 + len(table.rows), cols=len(table.header))
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, table.header):
        _run(cell.paragraphs[0], _clean(text)).bold = True
    for row, cells in zip(grid.rows[1:], table.rows):
        for index, (cell, text) in enumerate(zip(row.cells, cells)):
            _run(cell.paragraphs[0], _clean(text)).bold = index == 0 and table.row_headers
    if table.widths:
        total = sum(table.widths)
        widths = [Cm(TEXT_WIDTH_CM * width / total) for width in table.widths]
        grid.autofit = False
        for row in grid.rows:
            for cell, width in zip(row.cells, widths):
                cell.width = width
    document.add_paragraph("")


def _block(document: DocumentObject, block: Block) -> None:
    if isinstance(block, Title):
        _paragraph(document, _clean(block.text), "Title")
        if block.subtitle:
            _runs(_paragraph(document, style="Subtitle"), block.subtitle)
    elif isinstance(block, Heading):
        text = block.text + (f" ({block.badge})" if block.badge else "")
        _heading(document, _clean(text), block.level)
    elif isinstance(block, Paragraph):
        _runs(_paragraph(document, style=NOTE_STYLE if block.style == "toelichting" else None), block.content)
    elif isinstance(block, Table):
        _table(document, block)
    elif isinstance(block, Rule):
        if block.heading.strip():
            _heading(document, _clean(block.heading), 2)
        _paragraph(document, _clean(block.text))
        if block.note:
            _paragraph(document, _clean(block.note), NOTE_STYLE)
        if block.kwesties:
            _runs(_paragraph(document, style=NOTE_STYLE), block.kwesties)
    elif isinstance(block, FillIn):
        _paragraph(document, _clean(f"{block.label} {FILL_IN_LINE}"))
    elif isinstance(block, Definitions):
        for item in block.items:
            paragraph = document.add_paragraph()
            _run(paragraph, _clean(f"{item.term}: ")).bold = True
            _runs(paragraph, item.content)
    elif isinstance(block, Bullets):
        for item in block.items:
            _runs(_paragraph(document, style="List Bullet"), item)
    elif isinstance(block, Section):
        for child in block.blocks:
            _block(document, child)
    else:
        raise TypeError(f"unknown block {block!r}")


def render(page: Page) -> bytes:
    document = Document(str(WORD_TEMPLATE))
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    for block in page.blocks:
        _block(document, block)
    footer = document.sections[0].footer.paragraphs[0]
    footer.runs[0].text = _clean(f"{page.footer}{teksten.SEPARATOR}{teksten.PAGE} ")
    title = " ".join(_clean(page.title).split())
    properties = document.core_properties
    properties.title = title[:255]
    properties.language = "nl-NL"
    properties.subject = " ".join(_clean(page.subject).split())[:255]
    properties.keywords = properties.category = ""
    # Not python-docx's defaults ("python-docx", "generated by python-docx", 2013): ours, and now.
    properties.author = properties.last_modified_by = " ".join(_clean(page.author).split())[:255]
    properties.comments = ""
    properties.created = properties.modified = datetime.now(timezone.utc).replace(microsecond=0, tzinfo=None)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
