"""Tables that fit a phone: on a narrow screen each row becomes a small block.

A page filter gives every cell of a table with a header row the header's
text as ``data-label`` and the table the class ``stapeltabel``; below 40em
``handboek.css`` shows each row as a stack of labelled cells instead of a
table that needs sideways scrolling. The table keeps its meaning for screen
readers through explicit ARIA roles (a table shown as blocks loses them in
some browsers).
"""

from __future__ import annotations

import html
import re
from typing import Any

from sphinx.application import Sphinx

from .paginafilters import add_page_filter

_TABLE = re.compile(r'<table class="docutils(?P<classes>[^"]*)">(?P<body>.*?)</table>', re.DOTALL)
_HEAD = re.compile(r"<thead>(?P<head>.*?)</thead>", re.DOTALL)
_HEADER_CELL = re.compile(r'<th class="head"[^>]*>(?P<text>.*?)</th>', re.DOTALL)
_ROW = re.compile(r"<tr(?P<attributes>[^>]*)>(?P<cells>.*?)</tr>", re.DOTALL)
_CELL = re.compile(r"<(?P<tag>td|th)(?=[\s>])")
_TAGS = re.compile(r"<[^>]+>")


def _label(cell_html: str) -> str:
    return html.escape(" ".join(html.unescape(_TAGS.sub("", cell_html)).split()), quote=True)


def _label_rows(body: str, labels: list[str]) -> str:
    def row(match: re.Match[str]) -> str:
        position = -1

        def cell(cell_match: re.Match[str]) -> str:
            nonlocal position
            position += 1
            if cell_match["tag"] == "th":
                return '<th role="columnheader"'
            label = labels[position] if position < len(labels) else ""
            return f'<td role="cell" data-label="{label}"'

        return f'<tr role="row"{match["attributes"]}>{_CELL.sub(cell, match["cells"])}</tr>'

    body = _ROW.sub(row, body)
    return body.replace("<thead>", '<thead role="rowgroup">').replace("<tbody>", '<tbody role="rowgroup">')


def stack_tables(page: str, context: dict[str, Any] | None = None) -> str:
    """Page filter: every table with a header row can stack on a phone."""
    if "<table" not in page:
        return page

    def table(match: re.Match[str]) -> str:
        head = _HEAD.search(match["body"])
        if head is None:
            return match[0]
        labels = [_label(cell["text"]) for cell in _HEADER_CELL.finditer(head["head"])]
        if not labels:
            return match[0]
        body = _label_rows(match["body"], labels)
        return f'<table class="docutils stapeltabel{match["classes"]}" role="table">{body}</table>'

    return _TABLE.sub(table, page)


def setup_tabellen(app: Sphinx) -> None:
    add_page_filter(app, stack_tables)
