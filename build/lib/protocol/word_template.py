"""Generate ``tools/protocol/templates/protocol.docx``, the Word template docxtpl fills in.

Run ``python -m protocol.word_template`` after changing this file; the result
is committed so that schools and maintainers can also open and restyle it in
Word or LibreOffice (keep the {{ }} and {%p %} tags intact).
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from .word import WORD_TEMPLATE

ACCENT = RGBColor(0x00, 0x56, 0x6B)
MUTED = RGBColor(0x55, 0x55, 0x55)


def _set_language(style, language: str = "nl-NL") -> None:
    rpr = style.element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), language)
    lang.set(qn("w:eastAsia"), language)
    rpr.append(lang)


def _page_number(paragraph) -> None:
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)


def _loop_table(document, cells: list[str], loop: str, header: list[str] | None, widths: list[float]) -> None:
    """A table whose middle row repeats once per item ({%tr %} rows are removed by docxtpl)."""
    rows = (1 if header else 0) + 3
    table = document.add_table(rows=rows, cols=len(cells))
    table.style = document.styles["Table Grid"]
    offset = 0
    if header:
        for cell, text in zip(table.rows[0].cells, header):
            cell.text = text
            cell.paragraphs[0].runs[0].bold = True
        offset = 1
    table.rows[offset].cells[0].text = "{%tr for " + loop + " %}"
    for cell, text in zip(table.rows[offset + 1].cells, cells):
        cell.text = text
    table.rows[offset + 2].cells[0].text = "{%tr endfor %}"
    table.autofit = False
    for column, width in zip(table.columns, widths):
        column.width = Cm(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths):
            cell.width = Cm(width)


def build(path: Path = WORD_TEMPLATE) -> None:
    document = Document()
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    _set_language(normal)
    for name in ("Heading 1", "Heading 2", "Title"):
        styles[name].font.color.rgb = ACCENT
    note = styles.add_style("Toelichting", WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = normal
    note.font.size = Pt(9)
    note.font.italic = True
    note.font.color.rgb = MUTED

    def tag(text: str) -> None:
        document.add_paragraph(text)

    document.add_paragraph("{{ doc.title }}", style="Title")
    document.add_paragraph(
        "{% if doc.school %}{{ doc.school.naam }} · {% endif %}{{ doc.subtitle }}", style="Subtitle"
    )
    tag("{%p if doc.is_draft %}")
    document.add_heading("Over dit document", level=1)
    _loop_table(document, ["{{ row[0] }}", "{{ row[1] }}"], "row in doc.info_rows", header=None, widths=[5.0, 11.0])
    document.add_paragraph("")
    _loop_table(
        document, ["{{ v.versie }}", "{{ v.datum|datum }}", "{{ v.omschrijving }}"], "v in doc.versions",
        header=["Versie", "Datum", "Omschrijving"], widths=[2.0, 4.0, 10.0],
    )
    tag("{%p endif %}")
    tag("{%p if doc.introduction %}")
    document.add_paragraph("{{ doc.introduction }}")
    tag("{%p endif %}")
    tag("{%p for chapter in doc.chapters %}")
    document.add_heading("{{ chapter.number }}. {{ chapter.title }}", level=1)
    tag("{%p if chapter.introduction %}")
    document.add_paragraph("{{ chapter.introduction }}")
    tag("{%p endif %}")
    tag("{%p for rule in chapter.rules %}")
    document.add_heading("{{ rule.heading }}", level=2)
    document.add_paragraph("{{ rule.text }}")
    tag("{%p if doc.sector is none and not rule.all_sectors %}")
    document.add_paragraph("Geldt voor {{ rule.sectors_label }}.", style="Toelichting")
    tag("{%p endif %}")
    tag("{%p if rule.kwesties and not doc.is_draft %}")
    document.add_paragraph(
        "Besproken in: {% for k in rule.kwesties %}{{ k.label }}{% if not loop.last %}; {% endif %}{% endfor %}.",
        style="Toelichting",
    )
    tag("{%p endif %}")
    tag("{%p endfor %}")
    tag("{%p endfor %}")
    tag("{%p if doc.is_draft %}")
    document.add_heading("Vaststelling van deze versie", level=1)
    document.add_paragraph("Instemming van {{ doc.consent_body }} op: ..............................")
    document.add_paragraph(
        "Vastgesteld door het bestuur{% if doc.school.bestuur %} ({{ doc.school.bestuur }}){% endif %} op: .............................."
    )
    document.add_paragraph("Voorgestelde evaluatiedatum: {{ doc.review_date|datum }}")
    tag("{%p endif %}")

    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)  # A4
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))
    footer = section.footer.paragraphs[0]
    footer.text = "{{ doc.title }} · {{ doc.status }} · pagina "
    footer.style = styles["Toelichting"]
    _page_number(footer)
    document.core_properties.language = "nl-NL"
    document.save(str(path))


if __name__ == "__main__":
    build()
    print(f"Geschreven: {WORD_TEMPLATE}")
