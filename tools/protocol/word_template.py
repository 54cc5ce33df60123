"""Generate ``tools/protocol/templates/protocol.docx``, the styled Word template the Word writer fills.

Run ``python -m protocol.word_template`` after changing this file; the result
is committed so that schools and maintainers can also open and restyle it in
Word or LibreOffice. It holds styles, the A4 page and the footer; its body is
replaced by :mod:`protocol.writers.word`. The footer's first run receives the
document's footer text, followed by the page number field.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from .writers.word import NOTE_STYLE, WORD_TEMPLATE

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


def build(path: Path = WORD_TEMPLATE) -> None:
    document = Document()
    styles = document.styles
    normal = styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(11)
    _set_language(normal)
    for name in ("Heading 1", "Heading 2", "Title"):
        styles[name].font.color.rgb = ACCENT
    note = styles.add_style(NOTE_STYLE, WD_STYLE_TYPE.PARAGRAPH)
    note.base_style = normal
    note.font.size = Pt(9)
    note.font.italic = True
    note.font.color.rgb = MUTED
    # Make sure the styles the writer uses are in the file (python-docx's default holds them latent).
    for name in ("Title", "Subtitle", "Heading 1", "Heading 2", "List Bullet"):
        document.add_paragraph("", style=name)
    document.add_table(rows=1, cols=1).style = styles["Table Grid"]

    section = document.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)  # A4
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))
    footer = section.footer.paragraphs[0]
    footer.style = styles[NOTE_STYLE]
    footer.add_run("")
    _page_number(footer)
    document.core_properties.language = "nl-NL"
    document.save(str(path))


if __name__ == "__main__":
    build()
    print(f"Geschreven: {WORD_TEMPLATE}")
