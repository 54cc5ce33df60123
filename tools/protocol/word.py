"""The Word (.docx) rendering, through docxtpl and ``protocol_templates/protocol.docx``.

The Word template is a real document with Word's own heading and paragraph
styles, so a school can edit the result; ``word_template.py`` generates it.
docxtpl renders it with the project's sandboxed, autoescaping environment
(its default environment is neither).
"""

from __future__ import annotations

import io
import re

from docxtpl import DocxTemplate

from .document import ProtocolDocument
from .model import TEMPLATES_DIR
from .render import environment

WORD_TEMPLATE = TEMPLATES_DIR / "protocol.docx"

# Characters XML 1.0 does not allow; they would make the document unreadable.
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_safe(value: object) -> object:
    return _INVALID_XML.sub("", value) if isinstance(value, str) else value


def render_docx(document: ProtocolDocument) -> bytes:
    """The protocol as a .docx file (bytes)."""
    env = environment()
    env.finalize = _xml_safe
    template = DocxTemplate(str(WORD_TEMPLATE))
    template.render({"doc": document}, jinja_env=env, autoescape=True)
    template.core_properties.title = document.title
    template.core_properties.language = "nl-NL"
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()
