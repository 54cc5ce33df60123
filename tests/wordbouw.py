"""Word files for the import tests, built with python-docx (raw XML where python-docx has no API)."""

from __future__ import annotations

import struct
import zlib
from io import BytesIO
from xml.sax.saxutils import escape

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

#: A list style linked to numbering: level 1 "1." (style Artikel), level 2 "1.1." (style Artikellid),
#: level 3 "a)" (direct numbering). This is how CNV/Besturenraad-descended protocols number articles.
ARTICLE_LEVELS = (("decimal", "%1."), ("decimal", "%1.%2."), ("lowerLetter", "%3)"))
ARTICLE_NUM_ID = "90"
ILVL_ONE = '<w:ilvl w:val="1"/>'


def tiny_png() -> bytes:
    """A 1×1 PNG, built here so the test needs no image file."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b"")


def add_article_numbering(document) -> None:
    """An abstractNum with ARTICLE_LEVELS, a w:num for it, and paragraph styles linked to levels 1 and 2."""
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        + (f'<w:pStyle w:val="{style}"/>' if (style := {0: "Artikel", 1: "Artikellid"}.get(i)) else "")
        + f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/></w:lvl>'
        for i, (fmt, text) in enumerate(ARTICLE_LEVELS)
    )
    numbering = document.part.numbering_part.element
    abstract = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90"><w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>')
    numbering.insert(0, abstract)
    numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{ARTICLE_NUM_ID}"><w:abstractNumId w:val="90"/></w:num>'))
    for style_id, ilvl in (("Artikel", 0), ("Artikellid", 1)):
        style = parse_xml(
            f'<w:style {nsdecls("w")} w:type="paragraph" w:customStyle="1" w:styleId="{style_id}"><w:name w:val="{style_id}"/>'
            f'<w:basedOn w:val="Normal"/><w:pPr><w:numPr>{ILVL_ONE if ilvl else ""}'
            f'<w:numId w:val="{ARTICLE_NUM_ID}"/></w:numPr></w:pPr></w:style>'
        )
        document.styles.element.append(style)


def add_text_box(paragraph, text: str) -> None:
    """A VML text box in its own run at the end of ``paragraph``."""
    paragraph._p.append(parse_xml(
        f'<w:r {nsdecls("w")} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape style="width:120pt;height:40pt">'
        f'<v:textbox><w:txbxContent><w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p></w:txbxContent>'
        '</v:textbox></v:shape></w:pict></w:r>'
    ))


def direct_level(paragraph, ilvl: int, num_id: str = ARTICLE_NUM_ID) -> None:
    properties = paragraph._p.get_or_add_pPr()
    properties.append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def protocol_docx(texts: dict[str, str] | None = None) -> bytes:
    """A school protocol with every structure the importer must keep; ``texts`` replaces named texts."""
    t = {
        "titel": "Protocol sociale media Het Baken",
        "kop1": "Algemeen",
        "inleiding": "Dit protocol geldt voor alle medewerkers van de school.",
        "art1": "Contact met leerlingen",
        "lid1": "Medewerkers accepteren geen vriendschapsverzoeken van leerlingen.",
        "sub1": "ook niet van oud-leerlingen jonger dan achttien jaar",
        "lid2": "Contact loopt via de schoolmail en de elektronische leeromgeving.",
        "art2": "Beeldmateriaal",
        "lid3": "Foto's van leerlingen worden alleen met toestemming geplaatst.",
        "kop2": "Afspraken",
        "num1": "Medewerkers zijn na 18.00 uur niet bereikbaar voor leerlingen.",
        "num2": "Per ongeluk verstuurde berichten worden direct gemeld.",
        "bullet": "Groepsapps met leerlingen hebben twee beheerders.",
        "vet": "Vertrouwelijke signalen",
        "na-vet": "worden dezelfde dag gemeld bij de zorgcoördinator.",
        "tekstvak": "Meld incidenten altijd bij de directie.",
        "cel11": "Wat", "cel12": "Wie", "cel21": "Klachten", "cel22": "Klachtencommissie",
        "slot": "Dit protocol is vastgesteld na instemming van de medezeggenschapsraad.",
        **(texts or {}),
    }
    document = Document()
    add_article_numbering(document)
    document.add_paragraph(t["titel"], style="Title")
    document.add_heading(t["kop1"], 1)
    document.add_paragraph(t["inleiding"])
    document.add_paragraph(t["art1"], style="Artikel")
    document.add_paragraph(t["lid1"], style="Artikellid")
    direct_level(document.add_paragraph(t["sub1"]), 2)
    document.add_paragraph(t["lid2"], style="Artikellid")
    document.add_paragraph(t["art2"], style="Artikel")
    document.add_paragraph(t["lid3"], style="Artikellid")
    document.add_paragraph("")
    document.add_heading(t["kop2"], 1)
    document.add_paragraph(t["num1"], style="List Number")
    document.add_paragraph(t["num2"], style="List Number")
    document.add_paragraph(t["bullet"], style="List Bullet")
    paragraph = document.add_paragraph()
    paragraph.add_run(t["vet"]).bold = True
    paragraph.add_run(" " + t["na-vet"])
    add_text_box(paragraph, t["tekstvak"])
    table = document.add_table(rows=2, cols=2)
    for (row, col), key in {(0, 0): "cel11", (0, 1): "cel12", (1, 0): "cel21", (1, 1): "cel22"}.items():
        table.cell(row, col).text = t[key]
    document.add_paragraph().add_run().add_picture(BytesIO(tiny_png()))
    document.add_paragraph(t["slot"])
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def document_words(raw: bytes, words) -> list[str]:
    """The words of the text of word/document.xml, paragraph by paragraph, in document order."""
    from zipfile import ZipFile

    from lxml import etree

    root = etree.fromstring(ZipFile(BytesIO(raw)).read("word/document.xml"))
    texts = []
    for paragraph in root.iter(qn("w:p")):
        own = [t.text or "" for t in paragraph.iter(qn("w:t")) if next(t.iterancestors(qn("w:p"))) is paragraph]
        texts.append("".join(own))
    return words(" ".join(texts))
