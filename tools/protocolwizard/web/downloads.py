"""The draft's files, made on request from the answers that come with the form (nothing is stored).

The renderers are the ones ``protocolwizard maak`` writes with (:func:`output.file_renderers`). PDFs go
through LuaLaTeX in a temporary folder that is removed afterwards; a process makes only a few at a time
(:data:`PDF_SLOTS`), each with a time limit, and refuses more with :class:`Busy` (a 503 with Retry-After).
"""

from __future__ import annotations

import io
import os
import threading
import zipfile
from functools import lru_cache

from kern.latex import LUALATEX, PdfError, check_tex

from ..answers import Context
from ..draft import build_draft
from ..output import ANSWERS_FILE, FORMATS, OutputError, file_renderers, shareable, target_names
from ..services import readable_answers
from .carried import File, read_answers

ZIP_FILE = "concept.zip"
NO_PDF_FILE = "geen-pdf.txt"  # in the zip instead of the PDF, saying why
#: What the results page offers, in this order: file name and how the page names it.
DOWNLOADS = (
    ("protocol.docx", "Conceptprotocol in Word"),
    ("protocol.pdf", "Conceptprotocol als pdf"),
    ("protocol.html", "Conceptprotocol als webpagina"),
    ("protocol.md", "Conceptprotocol in Markdown"),
    ("wijzigingsverslag.html", "Wijzigingsverslag als webpagina"),
    ("wijzigingsverslag.md", "Wijzigingsverslag in Markdown"),
    ("wijzigingsverslag.docx", "Wijzigingsverslag in Word"),
    ("wijzigingsverslag.pdf", "Wijzigingsverslag als pdf"),
    (ANSWERS_FILE, "Antwoordbestand (om later verder te gaan)"),
    (ZIP_FILE, "Alles samen in één zip-bestand"),
)
MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "html": "text/html; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "yaml": "application/yaml; charset=utf-8",
    "zip": "application/zip",
}
#: PDFs one process makes at the same time, and how long one may take (seconds).
PDF_SLOTS = int(os.environ.get("PROTOCOLWIZARD_PDF_TEGELIJK", "2"))
PDF_TIMEOUT = int(os.environ.get("PROTOCOLWIZARD_PDF_TIJD", "60"))
RETRY_AFTER = 30
_pdf_slots = threading.BoundedSemaphore(PDF_SLOTS)


class Busy(RuntimeError):
    """Every PDF slot is taken: try again later."""


class NotMade(RuntimeError):
    """The file could not be made (no TeX, TeX failed); the message is Dutch."""


@lru_cache(maxsize=1)
def pdf_available() -> bool:
    try:
        check_tex(LUALATEX)
    except PdfError:
        return False
    return True


def known(name: str) -> bool:
    return name in dict(DOWNLOADS)


def make_file(name: str, text: str, context: Context, handbook: str) -> File:
    """One download from the answers' text: :class:`pages.Refused` when incomplete or wrong,
    :class:`Busy` when every PDF slot is taken, :class:`NotMade` when the PDF fails."""
    answers = read_answers(text, context, partial=False)
    normalised = None  # the answers file as 'maak' writes it, read back first; only made when it is sent
    if name in (ANSWERS_FILE, ZIP_FILE):
        # Alone it is the leader's own file to go on with, notes included; in the zip (the concept folder, which
        # a leader sends on) it carries no private notes, as with 'maak'.
        kept = answers if name == ANSWERS_FILE else shareable(answers)
        normalised = readable_answers(kept, context, keep_asked=False, partial=False, source=ANSWERS_FILE)
    renderers = file_renderers(build_draft(answers, context), answers, handboek_url=handbook,
                               answers_text=normalised, pdf_timeout=PDF_TIMEOUT)
    if name != ZIP_FILE:
        content = _with_pdf_slot(renderers[name]) if name.endswith(".pdf") else renderers[name]()
        return File(name, _bytes(content), MEDIA_TYPES[name.rpartition(".")[2]])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for target in target_names(FORMATS):
            if target.endswith(".pdf"):
                try:
                    if not pdf_available():
                        raise NotMade("Er is geen pdf gemaakt: deze server heeft geen TeX.")
                    content = _with_pdf_slot(renderers[target])
                except NotMade as error:
                    archive.writestr(NO_PDF_FILE, f"{error} Open protocol.docx en bewaar het als pdf.\n")
                    continue
            else:
                content = renderers[target]()
            archive.writestr(target, _bytes(content))
    return File(name, buffer.getvalue(), MEDIA_TYPES["zip"])


def _bytes(content: bytes | str) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def _with_pdf_slot(render) -> bytes:
    if not _pdf_slots.acquire(blocking=False):
        raise Busy()
    try:
        return render()
    except OutputError as error:
        raise NotMade(str(error)) from None
    finally:
        _pdf_slots.release()
