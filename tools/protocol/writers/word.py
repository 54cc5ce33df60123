"""The Word writer: a real .docx on the styled template ``templates/protocol.docx``.

The template (made by :mod:`protocol.word_template`, and open to restyling in
Word or LibreOffice) holds the styles, A4 page set-up and footer; this writer
empties its body and adds the page's blocks with Word's own styles (Title,
Subtitle, Heading 1 and 2, Toelichting, Table Grid), so a school can edit the
result. Text is written as XML text (lxml escapes it), so data cannot become
markup; characters XML cannot hold are removed first.

The XML is written with lxml directly, not through python-docx, for speed (the
handbook writes five documents in every clean build, the wizard one or two per
request): python-docx opens and parses the whole template (800 kB of styles) for
every document, looks a style up among all of the template's styles for every
paragraph, inserts every paragraph by searching the body for its section
properties, and re-serialises every part on saving. Here the template is read
once per process; a document changes only three of its parts (the body, the
footer and the core properties), the others are copied as they are. The XML is
the same as python-docx wrote it (element by element, attribute by attribute):
what python-docx does is noted at each step, and ``tests/test_protocol_writers.py``
compares with a document made through python-docx.
"""

from __future__ import annotations

import io
import posixpath
import threading
import zipfile
from dataclasses import dataclass
from datetime import datetime, timezone

from lxml import etree

from ..blocks import (
    Added, Block, Bullets, Definitions, Emph, FillIn, Heading, Inlines, KwestieLink, Link, Page, Paragraph, Removed,
    Rule, Section, Strong, Table, Text, Title,
)
from ..cleantext import clean_text
from ..model import TEMPLATES_DIR
from .. import teksten

EXTENSION = "docx"
WORD_TEMPLATE = TEMPLATES_DIR / "protocol.docx"
TEXT_WIDTH_CM = 16.0
FILL_IN_LINE = ".............................."
NOTE_STYLE = "Toelichting"
#: The change report's comparison: added words green and underlined, removed words red and struck through.
ADDED_COLOUR, REMOVED_COLOUR = "1B6E2E", "A31F1F"

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_CORE = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_CORE_TYPE = "application/vnd.openxmlformats-package.core-properties+xml"
_DOCUMENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_FOOTER_RELATION = _R + "/footer"
#: EMU per unit, as python-docx counts (docx.shared).
_EMU_PER_TWIP, _EMU_PER_CM = 635, 360000
#: python-docx's names for some of Word's built-in styles (BabelFish): the name in styles.xml.
_INTERNAL_STYLE_NAMES = {"Caption": "caption", "Footer": "footer", "Header": "header",
                         **{f"Heading {level}": f"heading {level}" for level in range(1, 10)}}


def _w(name: str) -> str:
    return f"{{{_W}}}{name}"


P, PPR, PSTYLE, R, RPR, T, TAB, BR = map(_w, ("p", "pPr", "pStyle", "r", "rPr", "t", "tab", "br"))
VAL, TYPE = _w("val"), _w("type")


def _parse(data: bytes) -> etree._Element:
    """A part's XML as python-docx parses it (whitespace between elements dropped, no entities)."""
    return etree.fromstring(data, etree.XMLParser(remove_blank_text=True, resolve_entities=False))


def _serialise(element: etree._Element) -> bytes:
    """A part's XML as python-docx saves it."""
    return etree.tostring(element, encoding="UTF-8", standalone=True)


def _clean(value: str) -> str:
    return str(clean_text(value))


# The template, read once per process ------------------------------------------------------------


@dataclass(frozen=True)
class _Template:
    members: tuple[tuple[str, bytes], ...]  # every part of the package, in its order, as bytes
    parts: dict[str, bytes]
    document: str  # the member names of the parts a document changes
    footer: str
    core: str
    style_ids: dict[str, tuple[str, str | None]]  # name -> type and id (None: the default style of its type)
    block_width: int  # EMU between the margins of the last section


_TEMPLATES: dict[tuple, _Template] = {}
_TEMPLATES_LOCK = threading.Lock()


def _template() -> _Template:
    """The Word template, read once per process (again when the file changes)."""
    stat = WORD_TEMPLATE.stat()
    key = (str(WORD_TEMPLATE), stat.st_mtime_ns, stat.st_size)
    with _TEMPLATES_LOCK:
        if key not in _TEMPLATES:
            _TEMPLATES.clear()
            _TEMPLATES[key] = _read_template(WORD_TEMPLATE.read_bytes())
        return _TEMPLATES[key]


def _read_template(data: bytes) -> _Template:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        members = tuple((info.filename, package.read(info)) for info in package.infolist())
    parts = dict(members)
    types = _parse(parts["[Content_Types].xml"])
    overrides = {element.get("PartName").lstrip("/"): element.get("ContentType") for element in types
                 if element.tag.endswith("}Override")}
    document = next(name for name, kind in overrides.items() if kind == _DOCUMENT_TYPE)
    core = next(name for name, kind in overrides.items() if kind == _CORE_TYPE)
    # The body's section properties: once the body is emptied, python-docx's only section.
    sections = _parse(parts[document]).find(_w("body")).findall(_w("sectPr"))
    # python-docx: ``document.sections[0].footer``, the first section's default footer (the template has one).
    reference = sections[0].find(f"{_w('footerReference')}[@{TYPE}='default']")
    if reference is None:
        raise ValueError(f"{WORD_TEMPLATE}: de eerste sectie heeft geen voettekst")
    folder = posixpath.dirname(document)
    relations = _parse(parts[posixpath.join(folder, "_rels", posixpath.basename(document) + ".rels")])
    target = next(relation.get("Target") for relation in relations
                  if relation.get("Id") == reference.get(f"{{{_R}}}id") and relation.get("Type") == _FOOTER_RELATION)
    footer = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
    # python-docx: ``Document._block_width``, from the last section.
    size, margins = sections[-1].find(_w("pgSz")), sections[-1].find(_w("pgMar"))
    width = _twips(size, "w", 8.5 * 1440) - _twips(margins, "left", 1440) - _twips(margins, "right", 1440)
    styles_part = next(name for name, kind in overrides.items() if kind.endswith("wordprocessingml.styles+xml"))
    return _Template(members, parts, document, footer, core, _style_ids(_parse(parts[styles_part])), width * _EMU_PER_TWIP)


def _twips(element, attribute: str, default: float) -> int:
    value = element.get(_w(attribute)) if element is not None else None
    return int(round(float(value))) if value is not None else int(default)


def _style_ids(styles: etree._Element) -> dict[str, tuple[str, str | None]]:
    """Per style name, its type and the id python-docx would set (``styles.get_style_id``): the first style
    of that name; None for the default style of its type (the last one marked default)."""
    named: dict[str, etree._Element] = {}
    defaults: dict[str, etree._Element] = {}
    for style in styles.iterchildren(_w("style")):
        name = style.find(_w("name"))
        if name is not None:
            named.setdefault(name.get(VAL), style)
        if style.get(_w("default")) in ("1", "true", "on"):
            defaults[style.get(TYPE, "paragraph")] = style
    ids = {}
    for name, style in named.items():
        kind = style.get(TYPE, "paragraph")
        ids[name] = (kind, None if defaults.get(kind) is style else style.get(_w("styleId")))
    return ids


class _Writer:
    """One document: the body's elements, made with the template's style ids."""

    def __init__(self, template: _Template, body: etree._Element):
        self.template = template
        self.body = body

    def style_id(self, name: str, kind: str = "paragraph") -> str | None:
        found = self.template.style_ids.get(_INTERNAL_STYLE_NAMES.get(name, name))
        if found is None:
            raise KeyError(f"no style with name '{name}'")
        if found[0] != kind:
            raise ValueError(f"assigned style is type {found[0]}, need type {kind}")
        return found[1]

    def paragraph(self, text: str = "", style: str | None = None, parent: etree._Element | None = None) -> etree._Element:
        """python-docx's ``add_paragraph(text, style)``: ``w:p``, its ``w:pPr`` with the style (only when a
        style is given; empty for the default style), a run with the text."""
        p = etree.SubElement(self.body if parent is None else parent, P)
        if style is not None:
            style_id = self.style_id(style)
            properties = etree.SubElement(p, PPR)
            if style_id is not None:
                etree.SubElement(properties, PSTYLE).set(VAL, style_id)
        if text:
            _run(p, text)
        return p

    def heading(self, text: str, level: int) -> etree._Element:
        """python-docx's ``add_heading(text, level)``."""
        return self.paragraph(text, "Title" if level == 0 else f"Heading {level}")

    def table(self, table: Table) -> None:
        """python-docx's ``add_table`` (``CT_Tbl.new_tbl``: the width spread evenly over the columns), then
        the table style, the header in bold, the first cell of each row in bold or explicitly not, and with
        ``widths`` a fixed layout and each cell's width."""
        columns = len(table.header)
        column_width = round((self.template.block_width // columns if columns else 0) / _EMU_PER_TWIP)
        widths = [column_width] * columns
        if table.widths:
            total = sum(table.widths)
            widths = [round(int(TEXT_WIDTH_CM * width / total * _EMU_PER_CM) / _EMU_PER_TWIP) for width in table.widths]
        grid = etree.SubElement(self.body, _w("tbl"))
        properties = etree.SubElement(grid, _w("tblPr"))
        style_id = self.style_id("Table Grid", "table")
        if style_id is not None:
            etree.SubElement(properties, _w("tblStyle")).set(VAL, style_id)
        _attributes(etree.SubElement(properties, _w("tblW")), type="auto", w="0")
        if table.widths:
            etree.SubElement(properties, _w("tblLayout")).set(TYPE, "fixed")
        _attributes(etree.SubElement(properties, _w("tblLook")), firstColumn="1", firstRow="1", lastColumn="0",
                    lastRow="0", noHBand="0", noVBand="1", val="04A0")
        columns_element = etree.SubElement(grid, _w("tblGrid"))
        for _ in range(columns):
            etree.SubElement(columns_element, _w("gridCol")).set(_w("w"), str(column_width))
        for index, cells in enumerate((table.header, *table.rows)):
            row = etree.SubElement(grid, _w("tr"))
            for column in range(columns):
                cell = etree.SubElement(row, _w("tc"))
                # python-docx sets a cell's width on the one new_tbl made (zip() stops at the shorter list).
                width = widths[column] if column < len(widths) else column_width
                _attributes(etree.SubElement(etree.SubElement(cell, _w("tcPr")), _w("tcW")), type="dxa", w=str(width))
                p = etree.SubElement(cell, P)
                if column < len(cells):
                    bold = True if index == 0 else column == 0 and table.row_headers
                    _format(_run(p, _clean(cells[column])), bold=bold)
        self.paragraph("")

    def block(self, block: Block) -> None:
        if isinstance(block, Title):
            self.paragraph(_clean(block.text), "Title")
            if block.subtitle:
                _runs(self.paragraph(style="Subtitle"), block.subtitle)
        elif isinstance(block, Heading):
            text = block.text + (f" ({block.badge})" if block.badge else "")
            self.heading(_clean(text), block.level)
        elif isinstance(block, Paragraph):
            _runs(self.paragraph(style=NOTE_STYLE if block.style == "toelichting" else None), block.content)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Rule):
            if block.heading.strip():
                self.heading(_clean(block.heading), 2)
            self.paragraph(_clean(block.text))
            if block.note:
                self.paragraph(_clean(block.note), NOTE_STYLE)
            if block.kwesties:
                _runs(self.paragraph(style=NOTE_STYLE), block.kwesties)
        elif isinstance(block, FillIn):
            self.paragraph(_clean(f"{block.label} {FILL_IN_LINE}"))
        elif isinstance(block, Definitions):
            for item in block.items:
                paragraph = self.paragraph()
                _format(_run(paragraph, _clean(f"{item.term}: ")), bold=True)
                _runs(paragraph, item.content)
        elif isinstance(block, Bullets):
            for item in block.items:
                _runs(self.paragraph(style="List Bullet"), item)
        elif isinstance(block, Section):
            for child in block.blocks:
                self.block(child)
        else:
            raise TypeError(f"unknown block {block!r}")


def _attributes(element: etree._Element, **values: str) -> None:
    for name, value in values.items():
        element.set(_w(name), value)


def _run(paragraph: etree._Element, text: str) -> etree._Element:
    """python-docx's ``paragraph.add_run(text)``: a ``w:r`` with the text."""
    r = etree.SubElement(paragraph, R)
    _text(r, text)
    return r


def _text(r: etree._Element, text: str) -> None:
    """python-docx's ``run.text = text``: each tab a ``w:tab``, each line end (``\\n``, ``\\r``) a ``w:br``,
    the text between them a ``w:t``, which keeps its spaces when it starts or ends with one."""
    if "\t" in text or "\r" in text or "\n" in text:
        piece = []
        for char in text:
            if char in "\t\r\n":
                _t(r, "".join(piece))
                piece.clear()
                etree.SubElement(r, TAB if char == "\t" else BR)
            else:
                piece.append(char)
        _t(r, "".join(piece))
    else:
        _t(r, text)


def _t(r: etree._Element, text: str) -> None:
    if text:
        t = etree.SubElement(r, T)
        t.text = text
        if len(text.strip()) < len(text):
            t.set(_XML_SPACE, "preserve")


def _format(r: etree._Element, *, bold: bool | None = None, italic: bool | None = None, colour: str = "",
            strike: bool = False, underline: bool = False) -> etree._Element:
    """python-docx's ``run.bold``, ``run.italic``, ``run.font.strike``, ``run.font.color.rgb`` and
    ``run.font.underline``: a ``w:rPr`` first in the run, its elements in the schema's order; ``False`` is
    written as ``w:val="0"``."""
    properties = etree.Element(RPR)
    for name, value in (("b", bold), ("i", italic), ("strike", strike or None)):
        if value is not None:
            element = etree.SubElement(properties, _w(name))
            if not value:
                element.set(VAL, "0")
    if colour:
        etree.SubElement(properties, _w("color")).set(VAL, colour)
    if underline:
        etree.SubElement(properties, _w("u")).set(VAL, "single")
    r.insert(0, properties)
    return r


def _runs(paragraph: etree._Element, content: Inlines) -> etree._Element:
    """The inline content as runs; neighbouring plain texts share one run (a rule that many kwesties
    discuss would otherwise get hundreds of runs)."""
    plain: list[str] = []

    def flush() -> None:
        if plain:
            _run(paragraph, _clean("".join(plain)))
            plain.clear()

    for item in content:
        if isinstance(item, (Text, KwestieLink)):
            plain.append(item.text)
        elif isinstance(item, Link):
            plain.append(f"{item.text} ({item.url})")
        elif isinstance(item, Strong):
            flush()
            _format(_run(paragraph, _clean(item.text)), bold=True)
        elif isinstance(item, Emph):
            flush()
            _format(_run(paragraph, _clean(item.text)), italic=True)
        elif isinstance(item, Added):
            flush()
            _format(_run(paragraph, _clean(item.text)), colour=ADDED_COLOUR, underline=True)
        elif isinstance(item, Removed):
            flush()
            _format(_run(paragraph, _clean(item.text)), colour=REMOVED_COLOUR, strike=True)
        else:
            raise TypeError(f"unknown inline {item!r}")
    flush()
    return paragraph


def _document(template: _Template, page: Page) -> bytes:
    """The template's body emptied (its section properties stay last), then the page's blocks."""
    root = _parse(template.parts[template.document])
    body = root.find(_w("body"))
    sections = [child for child in body if child.tag == _w("sectPr")]
    for child in list(body):
        body.remove(child)
    writer = _Writer(template, body)
    for block in page.blocks:
        writer.block(block)
    body.extend(sections)
    return _serialise(root)


def _footer(template: _Template, page: Page) -> bytes:
    """The footer's first run gets the footer text (python-docx: ``footer.paragraphs[0].runs[0].text``:
    everything but its ``w:rPr`` replaced)."""
    root = _parse(template.parts[template.footer])
    r = root.find(P).find(R)
    for child in list(r):
        if child.tag != RPR:
            r.remove(child)
    _text(r, _clean(f"{page.footer}{teksten.SEPARATOR}{teksten.PAGE} "))
    return _serialise(root)


def _core(template: _Template, page: Page) -> bytes:
    """The document's properties, as python-docx's ``core_properties`` sets them: an element that is
    missing is added at the end, in this order."""
    root = _parse(template.parts[template.core])
    title = " ".join(_clean(page.title).split())
    author = " ".join(_clean(page.author).split())[:255]
    # Not python-docx's defaults ("python-docx", "generated by python-docx", 2013): ours, and now.
    now = datetime.now(timezone.utc).replace(microsecond=0, tzinfo=None).strftime("%Y-%m-%dT%H:%M:%SZ")
    values = [("dc:title", title[:255]), ("dc:language", "nl-NL"),
              ("dc:subject", " ".join(_clean(page.subject).split())[:255]), ("cp:keywords", ""), ("cp:category", ""),
              ("dc:creator", author), ("cp:lastModifiedBy", author), ("dc:description", ""),
              ("dcterms:created", now), ("dcterms:modified", now)]
    # python-docx adds the xsi namespace to the root for the dates' type (setting and removing an attribute)
    root.set(f"{{{_CORE['xsi']}}}foo", "bar")
    del root.attrib[f"{{{_CORE['xsi']}}}foo"]
    for name, value in values:
        prefix, local = name.split(":")
        element = root.find(f"{{{_CORE[prefix]}}}{local}")
        if element is None:
            element = etree.SubElement(root, f"{{{_CORE[prefix]}}}{local}")
        element.text = value
        if prefix == "dcterms":
            element.set(f"{{{_CORE['xsi']}}}type", "dcterms:W3CDTF")
    return _serialise(root)


def render(page: Page) -> bytes:
    template = _template()
    changed = {template.document: _document(template, page), template.footer: _footer(template, page),
               template.core: _core(template, page)}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as package:
        for name, data in template.members:
            package.writestr(name, changed.get(name, data))
    return buffer.getvalue()
