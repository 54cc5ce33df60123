"""The Word (.docx) rendering, through docxtpl and ``tools/protocol/templates/protocol.docx``.

The Word template is a real document with Word's own heading and paragraph
styles, so a school can edit the result; ``word_template.py`` generates it.
docxtpl renders it with the project's sandboxed, autoescaping environment
(its default environment is neither).
"""

from __future__ import annotations

import io

from docxtpl import DocxTemplate

from .document import ProtocolDocument
from .model import TEMPLATES_DIR
from .render import clean_text, environment

WORD_TEMPLATE = TEMPLATES_DIR / "protocol.docx"


def render_docx(document: ProtocolDocument) -> bytes:
    """The protocol as a .docx file (bytes)."""
    template = DocxTemplate(str(WORD_TEMPLATE))
    template.render({"doc": document}, jinja_env=environment(), autoescape=True)
    template.core_properties.title = " ".join(str(clean_text(document.title)).split())[:255]
    template.core_properties.language = "nl-NL"
    # Not python-docx's defaults: the model's makers, or for a draft the school.
    author = document.author or (document.school.get("naam") or "" if document.is_draft else "")
    template.core_properties.author = " ".join(str(clean_text(author)).split())[:255]
    template.core_properties.comments = ""
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()
