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
from .render import clean_text, environment, one_line_text

WORD_TEMPLATE = TEMPLATES_DIR / "protocol.docx"


def render_docx(document: ProtocolDocument) -> bytes:
    """The protocol as a .docx file (bytes)."""
    template = DocxTemplate(str(WORD_TEMPLATE))
    env = environment()
    env.finalize = one_line_text  # linear however many line breaks a text has
    template.render({"doc": document}, jinja_env=env, autoescape=True)
    template.core_properties.title = " ".join(str(clean_text(document.title)).split())[:255]
    template.core_properties.language = "nl-NL"
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()
