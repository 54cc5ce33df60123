"""Read a school's protocol from Markdown: headings become chapters, paragraphs and list items rules.

Parsed with markdown-it (CommonMark plus tables). Inline markup is dropped to plain text (link text
kept, the address not); code and HTML are kept as the literal text they are. A list item keeps the
number it was written with ("3." or "3)") and its nesting level.
"""

from __future__ import annotations

from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token

from kern.taal import aantal

from .import_blocks import Block, Imported, build_protocol, one_line


def _inline(token: Token) -> tuple[str, int]:
    """Plain text of an inline token and the number of images in it."""
    parts, images = [], 0
    for child in token.children or []:
        if child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            images += 1
    return one_line("".join(parts)), images


def read_markdown(path: Path, text: str) -> Imported:
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    blocks: list[Block] = []
    images = 0
    lists: list[list] = []  # per open list: [ordered, number of the next item, delimiter]
    item_text: list[str] | None = None
    item_number = ""
    row: list[str] = []
    rows: list[str] = []
    heading_level = 0
    for index, token in enumerate(tokens):
        if token.type in ("bullet_list_open", "ordered_list_open"):
            if item_text is not None and item_text:
                blocks.append(Block("item", " ".join(item_text), len(lists), item_number))
                item_text = []
            start = int(token.attrs.get("start", 1)) if token.type == "ordered_list_open" else 0
            lists.append([token.type == "ordered_list_open", start, token.markup])
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif token.type == "list_item_open":
            ordered, number, delimiter = lists[-1]
            item_number = f"{token.info or number}{token.markup}" if ordered else "•"
            lists[-1][1] = (int(token.info) if token.info.isdigit() else number) + 1
            item_text = []
        elif token.type == "list_item_close":
            if item_text:
                blocks.append(Block("item", " ".join(item_text), len(lists), item_number))
            item_text = None
        elif token.type == "heading_open":
            heading_level = int(token.tag[1])
        elif token.type == "inline":
            content, found = _inline(token)
            images += found
            if heading_level:
                blocks.append(Block("kop", content, heading_level))
                heading_level = 0
            elif tokens[index - 1].type in ("th_open", "td_open"):
                row.append(content)
            elif item_text is not None:
                item_text.append(content)
            else:
                blocks.append(Block("alinea", content))
        elif token.type in ("fence", "code_block", "html_block"):
            content = one_line(token.content)
            if item_text is not None:
                item_text.append(content)
            else:
                blocks.append(Block("alinea", content))
        elif token.type == "tr_close":
            rows.append(" | ".join(row))
            row = []
        elif token.type == "table_close":
            blocks.append(Block("tabel", "\n".join(rows)))
            rows = []
    notes = []
    if images:
        verb = "is" if images == 1 else "zijn"
        notes.append(f"{aantal(images, 'afbeelding', 'afbeeldingen')} {verb} niet overgenomen: alleen tekst wordt geïmporteerd.")
    return Imported(build_protocol(blocks, path, "md"), notes)
