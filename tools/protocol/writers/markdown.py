"""The Markdown writer; with ``myst=True`` MyST for the handbook page (rule anchors, kwestie links).

Every text passes through :func:`markdown_escape` (and :func:`markdown_block_escape`
where it starts a line): it is shown literally, never as markup.
"""

from __future__ import annotations

import re
from urllib.parse import quote

from ..blocks import (
    Added, Block, Bullets, Definitions, Emph, FillIn, Heading, Inlines, KwestieLink, Link, Page, Paragraph, Removed,
    Rule, Section, Strong, Table, Text, Title,
)
from ..cleantext import fold

EXTENSION = "md"

# Characters with a meaning anywhere in CommonMark or MyST inline text. Brackets alone are text
# ("[vindplaats]"): only a "]" that could close a link, image or reference ("](", "][", "]:", "]{" or at
# the end of a piece of text, before what follows) and a "!" that could open an image are escaped; "&" only
# where it could start an entity, "#" only where it could close a heading (at a line start: below).
_MD_INLINE = re.compile(r"([\\`*_{}<>|~]|\](?=[(\[:{]|\Z)|!(?=\[|\Z)|&(?=#|\w+;|\Z)|#(?=\s*\Z))")
# What starts a block (list, heading, quote, MyST target/comment/fence) at a line start.
_MD_LINE_START = re.compile(r"^(\s*)([-+=:>(%#]|\d+(?=[.)]))")
FILL_IN_LINE = "..........................................."


def _escape(value: object) -> str:
    return _MD_INLINE.sub(r"\\\1", fold(value))


def markdown_escape(value: object) -> str:
    """Text that Markdown and MyST show literally inside a line (no markup)."""
    return _escape(value).strip()


def _block_start(text: str) -> str:
    match = _MD_LINE_START.match(text)
    if not match:
        return text
    if match.group(2).isdigit():  # "1. tekst" -> "1\. tekst"
        end = match.end()
        return text[:end] + "\\" + text[end:]
    return match.group(1) + "\\" + text[match.end(1):]


def markdown_block_escape(value: object) -> str:
    """Like :func:`markdown_escape`, for text that starts a line: no list, heading or target either."""
    return _block_start(markdown_escape(value))


def _url(url: str) -> str:
    return quote(fold(url).strip(), safe=":/?#@!$&'*+,;=%~.-_")


def _inline(item, myst: bool) -> str:
    if isinstance(item, Text):
        return _escape(item.text)
    if isinstance(item, (Strong, Emph, Added, Removed)):
        # Added words in bold, removed words struck through (GFM and MyST's strikethrough; plain CommonMark
        # shows the tildes, which still mark them).
        text = markdown_escape(item.text)
        mark = {Strong: "**", Emph: "*", Added: "**", Removed: "~~"}[type(item)]
        return f"{mark}{text}{mark}" if text else ""
    if isinstance(item, Link):
        return f"[{markdown_escape(item.text)}]({_url(item.url)})"
    if isinstance(item, KwestieLink):
        ref = item.ref
        if myst:
            return f"{{kwestie}}`{item.text} <{ref.id}>`"
        return _escape(item.text)
    raise TypeError(f"unknown inline {item!r}")


def inlines(content: Inlines, myst: bool = False) -> str:
    """Inline content as one line that may start a block."""
    return _block_start("".join(_inline(item, myst) for item in content).strip())


def _table(table: Table) -> str:
    def row(cells) -> str:
        return "| " + " | ".join(markdown_escape(cell) for cell in cells) + " |"

    lines = [row(table.header), "| " + " | ".join("---" for _ in table.header) + " |"]
    return "\n".join(lines + [row(cells) for cells in table.rows])


def _blocks(block: Block, myst: bool) -> list[str]:
    if isinstance(block, Title):
        heading = [] if myst else [f"# {markdown_escape(block.text)}"]
        return heading + ([inlines(block.subtitle, myst)] if block.subtitle else [])
    if isinstance(block, Heading):
        badge = f": {markdown_escape(block.badge)}" if block.badge else ""
        return [f"{'#' * (block.level + 1)} {markdown_escape(block.text)}{badge}"]
    if isinstance(block, Paragraph):
        text = inlines(block.content, myst)
        return [f"*{text}*" if block.style == "toelichting" and text else text]
    if isinstance(block, Table):
        return [_table(block)]
    if isinstance(block, Rule):
        lead = f"**{markdown_escape(block.lead)}** " if block.lead else ""
        line = lead + (markdown_escape(block.text) if lead else markdown_block_escape(block.text))
        if block.note:
            line += f" *({markdown_escape(block.note)})*"
        result = [(f"({block.anchor})=\n" if myst else "") + line]
        if block.kwesties:
            kwesties = inlines(block.kwesties, myst)
            result.append(kwesties if myst else f"*{kwesties}*")
        return result
    if isinstance(block, FillIn):
        return [f"{markdown_block_escape(block.label)} {FILL_IN_LINE}"]
    if isinstance(block, Definitions):
        return ["\n".join(f"- **{markdown_escape(item.term)}:** {inlines(item.content, myst)}" for item in block.items)]
    if isinstance(block, Bullets):
        return ["\n".join(f"- {inlines(item, myst)}" for item in block.items)]
    if isinstance(block, Section):
        return [text for child in block.blocks for text in _blocks(child, myst)]
    raise TypeError(f"unknown block {block!r}")


def render(page: Page, *, myst: bool = False) -> str:
    """Plain Markdown, or (``myst=True``) MyST for the handbook with anchors and kwestie links."""
    return "\n\n".join(text for block in page.blocks for text in _blocks(block, myst)) + "\n"
