"""The HTML writer: one self-contained page (inline styles, no scripts, nothing loaded from elsewhere).

The frame of each kind of page (``<head>`` with its ``<style>`` block) is the
template ``templates/<kind>.html.j2``; this module writes the ``<main>`` part.
Every text is escaped with markupsafe.
"""

from __future__ import annotations

from markupsafe import Markup, escape

from ..blocks import (
    Added, Block, Bullets, Definitions, Emph, FillIn, Heading, Inlines, KwestieLink, Link, Page, Paragraph, Removed,
    Rule, Section, Strong, Table, Text, Title,
)
from ..templating import environment
from ..cleantext import clean_text

EXTENSION = "html"


def _e(value: object) -> str:
    return str(escape(clean_text(value)))


def _attribute(name: str, value: str) -> str:
    return f' {name}="{_e(value)}"' if value else ""


def _inline(item) -> str:
    if isinstance(item, Text):
        return _e(item.text)
    if isinstance(item, Strong):
        return f"<strong>{_e(item.text)}</strong>"
    if isinstance(item, Emph):
        return f"<em>{_e(item.text)}</em>"
    if isinstance(item, Link):
        return f'<a href="{_e(item.url)}">{_e(item.text)}</a>'
    if isinstance(item, KwestieLink):
        return _e(item.text)
    if isinstance(item, Added):
        return f"<ins>{_e(item.text)}</ins>"
    if isinstance(item, Removed):
        return f"<del>{_e(item.text)}</del>"
    raise TypeError(f"unknown inline {item!r}")


def inlines(content: Inlines) -> str:
    """The inline content as HTML; neighbouring plain texts are escaped together (escaping works a character at
    a time, so the result is the same), which a rule discussed in many kwesties has hundreds of."""
    parts: list[str] = []
    plain: list[str] = []
    for item in content:
        kind = type(item)
        if kind is Text or kind is KwestieLink:
            plain.append(item.text)
        else:
            if plain:
                parts.append(_e("".join(plain)))
                plain.clear()
            parts.append(_inline(item))
    if plain:
        parts.append(_e("".join(plain)))
    return "".join(parts)


def _table(table: Table) -> str:
    lines = [f"<table{_attribute('class', table.style)}>", "<thead><tr>"
             + "".join(f'<th scope="col">{_e(cell)}</th>' for cell in table.header) + "</tr></thead>", "<tbody>"]
    for row in table.rows:
        cells = [f'<th scope="row">{_e(cell)}</th>' if index == 0 and table.row_headers else f"<td>{_e(cell)}</td>"
                 for index, cell in enumerate(row)]
        lines.append("<tr>" + "".join(cells) + "</tr>")
    return "\n".join(lines + ["</tbody>", "</table>"])


def _block(block: Block) -> str:
    if isinstance(block, Title):
        subtitle = f'\n<p class="ondertitel">{inlines(block.subtitle)}</p>' if block.subtitle else ""
        return f"<h1>{_e(block.text)}</h1>{subtitle}"
    if isinstance(block, Heading):
        badge = f'<span class="soort">{_e(block.badge)}</span>' if block.badge else ""
        return f"<h{block.level + 1}>{_e(block.text)}{badge}</h{block.level + 1}>"
    if isinstance(block, Paragraph):
        return f"<p{_attribute('class', block.style)}>{inlines(block.content)}</p>"
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Rule):
        lines = [f'<div class="regel"{_attribute("id", block.anchor)}>',
                 f'<p><span class="nummer">{_e(block.lead)}</span> {_e(block.text)}</p>' if block.lead
                 else f'<p>{_e(block.text)}</p>']
        if block.note:
            lines.append(f'<p class="sectoren">{_e(block.note)}</p>')
        if block.kwesties:
            lines.append(f'<p class="kwesties">{inlines(block.kwesties)}</p>')
        return "\n".join(lines + ["</div>"])
    if isinstance(block, FillIn):
        return f'<p>{_e(block.label)} <span class="invulveld"></span></p>'
    if isinstance(block, Definitions):
        items = "".join(f"<dt>{_e(item.term)}</dt><dd{_attribute('class', item.style)}>{inlines(item.content)}</dd>"
                        for item in block.items)
        return f"<dl>\n{items}\n</dl>"
    if isinstance(block, Bullets):
        return "<ul>\n" + "\n".join(f"<li>{inlines(item)}</li>" for item in block.items) + "\n</ul>"
    if isinstance(block, Section):
        inner = "\n".join(_block(child) for child in block.blocks)
        return f"<section{_attribute('id', block.anchor)}{_attribute('class', block.style)}>\n{inner}\n</section>"
    raise TypeError(f"unknown block {block!r}")


def render(page: Page) -> str:
    body = Markup("\n".join(_block(block) for block in page.blocks))
    return environment().get_template(f"{page.kind}.html.j2").render(title=page.title, body=body)
