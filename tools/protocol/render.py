"""Render the protocol and the change report in every format: layout once, one writer per format.

:func:`render_protocol` and :func:`render_report` take the format's file
ending ("md", "html", "tex", "docx"); the writers are in
:mod:`protocol.writers`. Escaping is the writer's: HTML with markupsafe,
Markdown/MyST with :func:`markdown_escape` (and :func:`markdown_block_escape`
at a line start), LaTeX with :func:`latex_escape`, Word as XML text through lxml.
"""

from __future__ import annotations

from .cleantext import clean_text
from .document import ChangeReport, ProtocolDocument
from .layout import protocol_page, report_page
from .writers import WRITERS, markdown
from .writers.latex import latex_escape
from .writers.markdown import markdown_block_escape, markdown_escape

__all__ = [
    "clean_text", "latex_escape", "markdown_block_escape", "markdown_escape", "render_docx", "render_html",
    "render_latex", "render_markdown", "render_protocol", "render_protocol_formats", "render_report",
]


def render_protocol(document: ProtocolDocument, fmt: str) -> str | bytes:
    return WRITERS[fmt].render(protocol_page(document))


def render_protocol_formats(document: ProtocolDocument, formats: tuple[str, ...]) -> dict[str, str | bytes]:
    """The protocol in each of ``formats``, laid out once for all of them."""
    page = protocol_page(document)
    return {fmt: WRITERS[fmt].render(page) for fmt in formats}


def render_report(report: ChangeReport, fmt: str, handboek_url: str = "") -> str | bytes:
    return WRITERS[fmt].render(report_page(report, handboek_url))


def render_markdown(document: ProtocolDocument, *, myst: bool = False) -> str:
    """Plain Markdown, or (``myst=True``) MyST for the handbook with anchors and kwestie links."""
    return markdown.render(protocol_page(document), myst=myst)


def render_html(document: ProtocolDocument) -> str:
    """One self-contained HTML file: inline styles, no scripts, nothing loaded from elsewhere."""
    return render_protocol(document, "html")


def render_latex(document: ProtocolDocument) -> str:
    return render_protocol(document, "tex")


def render_docx(document: ProtocolDocument) -> bytes:
    """The protocol as a .docx file (bytes), on the styled Word template."""
    return render_protocol(document, "docx")
