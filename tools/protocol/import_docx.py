"""Read a school's protocol from Word (.docx): mammoth for the structure, python-docx for the numbering.

mammoth turns the document into semantic HTML (headings, paragraphs, nested lists, tables; the text
of text boxes after the paragraph that holds them) and warns about what it does not know. It shows no
list numbers and flattens list-style numbering beyond the first level, so the number and the level of
each paragraph come from :mod:`protocol.word_numbering`, read through python-docx; the two readings
are matched paragraph by paragraph on their text (``difflib``). What neither keeps (images, comments,
footnotes, deleted text of tracked changes) is counted and reported in Dutch.
"""

from __future__ import annotations

import difflib
import io
import re
import zipfile
from pathlib import Path

import docx
import lxml.etree
import lxml.html
import mammoth
from docx.opc.exceptions import PackageNotFoundError

from kern.taal import aantal

from .import_blocks import Block, Imported, ImportProblem, build_protocol, one_line
from .word_numbering import W, Numbering

#: Word's Title and Subtitle styles are not headings to mammoth; mark them so the title is found.
STYLE_MAP = """
p[style-name='Title'] => h1.documenttitel:fresh
p[style-name='Titel'] => h1.documenttitel:fresh
"""
_HEADING = re.compile(r"^h([1-6])$")
_NAMESPACES = {"w": W[1:-1], "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006"}
#: mammoth's warnings that matter to a reader, in Dutch; the others (image types, undefined styles,
#: character and table styles) change nothing in the imported text and are left out.
_MESSAGES = (
    (re.compile(r"Unrecognised paragraph style: '?(?P<name>.*?)'? \(Style ID: (?P<id>.*)\)"),
     "Alinea's in de stijl '{name}' zijn als gewone regels overgenomen; is dat een kop, geef die alinea's in Word "
     "een kopstijl (Kop 1, Kop 2) en importeer opnieuw."),
    (re.compile(r"An unrecognised element was ignored: (?P<name>.*)"),
     "Een onbekend onderdeel van het Word-bestand ({name}) is overgeslagen; controleer of er tekst ontbreekt."),
    (re.compile(r"A w:sym element with an unsupported character was ignored: char (?P<char>\S+) in font (?P<font>.*)"),
     "Een symbool uit het lettertype {font} is niet overgenomen."),
    (re.compile(r"unexpected non-(row|cell) element"),
     "Een tabel met samengevoegde cellen is misschien niet goed gelezen; controleer de tabeltekst."),
)


def _text(element) -> str:
    for br in element.iter("br"):
        br.tail = " " + (br.tail or "")
    return one_line("".join(element.itertext()))


def _own_text(element) -> str:
    """The text of a list item without its nested lists."""
    parts = [element.text or ""]
    for child in element:
        if child.tag not in ("ul", "ol"):
            parts.append(_text(child))
        parts.append(child.tail or "")
    return one_line(" ".join(parts))


def _blocks_from_html(html: str) -> tuple[list[Block], int]:
    """Blocks in reading order from mammoth's HTML, and the number of footnotes and endnotes left out."""
    root = lxml.html.fragment_fromstring(html or "<p></p>", create_parent="div")
    notes = 0
    for reference in root.xpath("//a[starts-with(@id, 'footnote-ref-') or starts-with(@id, 'endnote-ref-')]"):
        parent = reference.getparent()
        target = parent if parent.tag == "sup" and len(parent) == 1 else reference
        target.drop_tree()
    blocks: list[Block] = []

    def walk_list(element, depth: int) -> None:
        nonlocal notes
        for item in element:
            if item.tag != "li":
                continue
            if (item.get("id") or "").startswith(("footnote-", "endnote-")):
                notes += 1
                continue
            blocks.append(Block("item", _own_text(item), level=depth))
            for nested in item:
                if nested.tag in ("ul", "ol"):
                    walk_list(nested, depth + 1)

    for element in root:
        heading = _HEADING.match(element.tag)
        if heading:
            kind = "titel" if "documenttitel" in (element.get("class") or "") else "kop"
            blocks.append(Block(kind, _text(element), level=int(heading.group(1))))
        elif element.tag in ("ul", "ol"):
            walk_list(element, 1)
        elif element.tag == "table":
            rows = []
            for row in element.iter("tr"):
                cells = [_text(cell) for cell in row if cell.tag in ("td", "th")]
                rows.append(" | ".join(cells))
            blocks.append(Block("tabel", "\n".join(r for r in rows if r.strip(" |"))))
        else:
            blocks.append(Block("alinea", _text(element)))
    return blocks, notes


def _paragraph_text(paragraph) -> str:
    """The text of one w:p (inserted text too, deleted text not; not the text of nested text boxes)."""
    parts = []
    for node in paragraph.iter(W + "t", W + "tab"):
        owner = next(node.iterancestors(W + "p"), None)
        if owner is paragraph:
            parts.append(node.text or "" if node.tag == W + "t" else " ")
    return "".join(parts)


def _numbers(document, numbering: Numbering) -> list[tuple[str, str, int | None]]:
    """(text key, number, list level or None) for every non-empty paragraph outside tables, in order."""
    result = []
    for paragraph in document.element.body.iter(W + "p"):
        label = numbering.label(paragraph)
        key = "".join(_paragraph_text(paragraph).split())
        if not key or next(paragraph.iterancestors(W + "tbl"), None) is not None:
            continue
        result.append((key, label[0] if label else "", label[1] if label else None))
    return result


def _with_numbers(blocks: list[Block], numbers: list[tuple[str, str, int | None]]) -> list[Block]:
    """Give each paragraph-like block the number and list level python-docx found for it."""
    indexes = [i for i, b in enumerate(blocks) if b.kind != "tabel"]
    keys = ["".join(blocks[i].text.split()) for i in indexes]
    matcher = difflib.SequenceMatcher(None, keys, [n[0] for n in numbers], autojunk=False)
    result = list(blocks)
    for match in matcher.get_matching_blocks():
        for offset in range(match.size):
            block = blocks[indexes[match.a + offset]]
            _, number, level = numbers[match.b + offset]
            if level is None:
                continue
            new_level = level + 1 if block.kind == "item" else block.level
            kind = block.kind if block.kind != "alinea" else "item"
            result[indexes[match.a + offset]] = Block(kind, block.text, new_level, number)
    return result


def _count(root, expression: str) -> int:
    return int(lxml.etree.ElementBase.xpath(root, f"count({expression})", namespaces=_NAMESPACES))


def _notes(document, images: int, notes: int, messages: list, list_styles: set[str]) -> list[str]:
    """Dutch sentences about what was not taken over (or only partly)."""
    body = document.element.body
    result = []
    if images:
        verb = "is" if images == 1 else "zijn"
        result.append(f"{aantal(images, 'afbeelding', 'afbeeldingen')} {verb} niet overgenomen: alleen tekst wordt geïmporteerd.")
    boxes = _count(body, "//w:txbxContent[not(ancestor::mc:Fallback)]")
    if boxes:
        result.append(f"{aantal(boxes, 'tekstvak', 'tekstvakken')}: de tekst staat als gewone regel na de alinea "
                      "waarin het tekstvak staat; controleer of die plaats klopt.")
    inserted, deleted = _count(body, "//w:ins"), _count(body, "//w:del")
    if inserted or deleted:
        result.append(
            f"Het document bevat bijgehouden wijzigingen die nog niet zijn geaccepteerd of geweigerd "
            f"({aantal(inserted, 'invoeging', 'invoegingen')}, {aantal(deleted, 'verwijdering', 'verwijderingen')}): "
            "ingevoegde tekst is overgenomen, verwijderde tekst niet. Controleer de wijzigingen in Word."
        )
    comments = _count(body, "//w:commentReference")
    if comments:
        verb = "is" if comments == 1 else "zijn"
        result.append(f"{aantal(comments, 'opmerking', 'opmerkingen')} in de kantlijn {verb} niet overgenomen.")
    if notes:
        verb = "is" if notes == 1 else "zijn"
        result.append(f"{aantal(notes, 'voetnoot of eindnoot', 'voetnoten en eindnoten')} {verb} niet overgenomen; "
                      "neem de tekst zo nodig op in een regel.")
    for message in messages:
        for pattern, dutch in _MESSAGES:
            match = pattern.match(message.message)
            if match and match.groupdict().get("id") in list_styles:
                break  # a list style: its paragraphs are list items with their numbers, as they should be
            if match:
                result.append(dutch.format(**{k: v for k, v in match.groupdict().items() if k != "id"}))
                break
    return list(dict.fromkeys(result))


def read_docx(path: Path, raw: bytes) -> Imported:
    """Blocks, structure and notes of a .docx file (already checked to be a zip with word/document.xml)."""
    images = 0

    def skip_image(image) -> dict:
        nonlocal images
        images += 1
        return {}

    try:
        document = docx.Document(io.BytesIO(raw))
        result = mammoth.convert_to_html(io.BytesIO(raw), style_map=STYLE_MAP,
                                         convert_image=mammoth.images.img_element(skip_image))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, lxml.etree.LxmlError, AttributeError,
            TypeError, IndexError):
        raise ImportProblem(f"{path} is geen leesbaar Word-bestand (.docx); het is beschadigd of onvolledig.") from None
    blocks, notes = _blocks_from_html(result.value)
    numbering = Numbering(document)
    blocks = _with_numbers(blocks, _numbers(document, numbering))
    data = build_protocol(blocks, path, "docx")
    return Imported(data, _notes(document, images, notes, result.messages, numbering.list_styles()))
