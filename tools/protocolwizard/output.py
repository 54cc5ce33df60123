"""Render a draft into an output folder: protocol (md, html, docx, pdf), change report, answers.

All names are checked before anything is written: an existing file is only
replaced with ``overwrite=True``. Every file is written atomically. The PDF
goes through pdflatex; without TeX the other formats are still written and
the result says why there is no PDF.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from kern.latex import LUALATEX, PdfError, check_tex, run_latexmk
from protocol.model import TEMPLATES_DIR
from protocol.render import render_html, render_markdown, render_template
from protocol.word import render_docx

from .answers import Answers, dump_answers
from .draft import Draft
from .files import atomic_write

FORMATS = ("md", "html", "docx", "pdf")
REPORT_FILES = ("wijzigingsverslag.md", "wijzigingsverslag.html")
ANSWERS_FILE = "antwoorden.yaml"
LATEX_TIMEOUT = 180
PDF_STYLE = "protocolpdf.sty"


class OutputError(RuntimeError):
    """Output cannot be written; the message is Dutch."""


class PdfFailed(OutputError):
    """TeX is there but could not make the PDF: a fault, not a missing tool (``maak`` fails)."""


@dataclass
class Result:
    written: list[Path] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    pdf_problem: str = ""
    pdf_failed: bool = False  # TeX was there and failed (not: TeX is missing)


def target_names(formats: tuple[str, ...]) -> list[str]:
    return [f"protocol.{fmt}" for fmt in formats] + list(REPORT_FILES) + [ANSWERS_FILE]


def parse_formats(value: str) -> tuple[str, ...]:
    formats = tuple(dict.fromkeys(part.strip().lower() for part in value.split(",") if part.strip()))
    unknown = [fmt for fmt in formats if fmt not in FORMATS]
    if unknown or not formats:
        raise OutputError(
            f"onbekend formaat {', '.join(unknown) or '(leeg)'}; kies uit {', '.join(FORMATS)}, "
            "gescheiden door komma's (bijvoorbeeld md,docx)."
        )
    return formats


def report_context(draft: Draft) -> dict:
    counts = {kind: sum(1 for c in draft.changes if c.kind == kind) for kind in ("gewijzigd", "geschrapt", "nieuw")}
    return {"changes": draft.changes, "kept": draft.kept, "counts": counts, "placeholders": draft.open_placeholders}


def render_pdf(draft: Draft) -> bytes:
    """The draft through LuaLaTeX (any script; fonts in ``protocolpdf.sty``), Dutch hyphenation checked."""
    try:
        check_tex(LUALATEX)
    except PdfError as error:
        raise OutputError(f"Er is geen pdf gemaakt: {error}") from None
    tex = render_template("protocol.tex.j2", draft.document)
    with tempfile.TemporaryDirectory(prefix="protocolwizard-") as folder:
        (Path(folder) / "protocol.tex").write_text(tex, encoding="utf-8")
        shutil.copyfile(TEMPLATES_DIR / PDF_STYLE, Path(folder) / PDF_STYLE)
        try:
            return run_latexmk(Path(folder), "protocol.tex", timeout=LATEX_TIMEOUT, engine=LUALATEX).read_bytes()
        except PdfError as error:
            raise PdfFailed(f"Er is geen pdf gemaakt: {error}") from None


def write_outputs(
    draft: Draft,
    answers: Answers,
    folder: Path,
    formats: tuple[str, ...] = FORMATS,
    *,
    overwrite: bool = False,
    handboek_url: str = "",
    progress: Callable[[str], None] = lambda message: None,
) -> Result:
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise OutputError(f"{folder} is een bestand, geen map.")
    existing = [name for name in target_names(formats) if (folder / name).exists()]
    if existing and not overwrite:
        raise OutputError(
            f"in {folder} staan al {', '.join(existing)}. Kies een andere map of gebruik --overschrijven."
        )
    folder.mkdir(parents=True, exist_ok=True)
    result = Result()
    renderers: dict[str, Callable[[], bytes | str]] = {
        "protocol.md": lambda: render_markdown(draft.document),
        "protocol.html": lambda: render_html(draft.document),
        "protocol.docx": lambda: render_docx(draft.document),
        "protocol.pdf": lambda: render_pdf(draft),
        "wijzigingsverslag.md": lambda: render_template(
            "wijzigingsverslag.md.j2", draft.document, handboek_url=handboek_url, **report_context(draft)
        ),
        "wijzigingsverslag.html": lambda: render_template(
            "wijzigingsverslag.html.j2", draft.document, handboek_url=handboek_url, **report_context(draft)
        ),
        ANSWERS_FILE: lambda: dump_answers(answers, keep_asked=False),
    }
    names = target_names(formats)
    for index, name in enumerate(names, 1):
        started = time.perf_counter()
        try:
            content = renderers[name]()
        except OutputError as error:
            result.pdf_problem = str(error)
            result.pdf_failed = isinstance(error, PdfFailed)
            progress(f"[{index}/{len(names)}] {name}: overgeslagen. {error}")
            continue
        atomic_write(folder / name, content)
        result.seconds[name] = time.perf_counter() - started
        result.written.append(folder / name)
        progress(f"[{index}/{len(names)}] {name} ({result.seconds[name]:.2f} s)")
    return result
