"""Render a draft into an output folder: protocol (md, html, docx, pdf), change report, answers.

The folder is what a leader sends to the (G)MR, so the answers written there
carry no private notes (:func:`shareable`); the notes stay in the wizard's own
answers file.

All names are checked before anything is written: an existing file is only
replaced with ``overwrite=True``, and then only if it is a regular file and
not the answers file being read. Everything is rendered first and then written
all or nothing (see :func:`files.write_all`), so a fault leaves no partial set
that looks complete. The PDF
goes through pdflatex; without TeX the other formats are still written and
the result says why there is no PDF.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from kern.latex import LUALATEX, PdfError, check_tex, run_latexmk
from protocol.model import TEMPLATES_DIR
from protocol.render import render_latex, render_protocol, render_report
from protocol.writers import WRITERS

from .answers import Answers, dump_answers
from .answers_schema import DISCUSSED
from .draft import Draft
from .files import FileProblem, exists, make_folder, remove_folders, replaceable, same_file, write_all

#: What a school can ask for: every writer's format (LaTeX only as the way to the PDF), and the PDF.
FORMATS = (*(fmt for fmt in WRITERS if fmt != "tex"), "pdf")
#: The change report always comes as Markdown and HTML, and also as Word and PDF when those are asked for.
REPORT_FORMATS = ("md", "html")
REPORT_EXTRA_FORMATS = ("docx", "pdf")
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


def shareable(answers: Answers) -> Answers:
    """The answers as they go into the concept folder, which a leader sends on: without the private notes. A kwestie
    that only its note marked as discussed keeps that state, written out in ``kwesties``."""
    by_note = {kwestie_id: DISCUSSED for kwestie_id in answers.notes if kwestie_id not in answers.kwesties}
    return replace(answers, notes={}, kwesties={**answers.kwesties, **by_note})


def report_names(formats: tuple[str, ...]) -> list[str]:
    extra = tuple(fmt for fmt in REPORT_EXTRA_FORMATS if fmt in formats)
    return [f"wijzigingsverslag.{fmt}" for fmt in REPORT_FORMATS + extra]


def target_names(formats: tuple[str, ...], answers_names: tuple[str, ...] = (ANSWERS_FILE,)) -> list[str]:
    """The files of a draft; ``answers_names``: the normalised answers (one file per session when combined)."""
    return [f"protocol.{fmt}" for fmt in formats] + report_names(formats) + list(answers_names)


def parse_formats(value: str) -> tuple[str, ...]:
    formats = tuple(dict.fromkeys(part.strip().lower() for part in value.split(",") if part.strip()))
    unknown = [fmt for fmt in formats if fmt not in FORMATS]
    if unknown or not formats:
        raise OutputError(
            f"onbekend formaat {', '.join(unknown) or '(leeg)'}; kies uit {', '.join(FORMATS)}, "
            "gescheiden door komma's (bijvoorbeeld md,docx)."
        )
    return formats


def render_pdf(draft: Draft, timeout: int = LATEX_TIMEOUT) -> bytes:
    """The draft through LuaLaTeX (any script; fonts in ``protocolpdf.sty``), Dutch hyphenation checked."""
    return compile_pdf(render_latex(draft.document), timeout)


def compile_pdf(tex: str, timeout: int = LATEX_TIMEOUT) -> bytes:
    """A LaTeX file of the writers as PDF bytes."""
    try:
        check_tex(LUALATEX)
    except PdfError as error:
        raise OutputError(f"Er is geen pdf gemaakt: {error}") from None
    with tempfile.TemporaryDirectory(prefix="protocolwizard-") as folder:
        (Path(folder) / "protocol.tex").write_text(tex, encoding="utf-8")
        shutil.copyfile(TEMPLATES_DIR / PDF_STYLE, Path(folder) / PDF_STYLE)
        try:
            return run_latexmk(Path(folder), "protocol.tex", timeout=timeout, engine=LUALATEX).read_bytes()
        except PdfError as error:
            raise PdfFailed(f"Er is geen pdf gemaakt: {error}") from None


def file_renderers(draft: Draft, answers: Answers, *, handboek_url: str = "", answers_text: str | None = None,
                   answers_texts: dict[str, str] | None = None, pdf_timeout: int = LATEX_TIMEOUT) -> dict[str, Callable[[], bytes | str]]:
    """File name -> how to make it, for every file of :func:`target_names` (nothing is made until called).

    ``write_outputs`` writes them to a folder; the browser wizard sends them one by one or as a zip.
    """
    renderers: dict[str, Callable[[], bytes | str]] = {
        f"protocol.{fmt}": (lambda fmt=fmt: render_protocol(draft.document, fmt)) for fmt in FORMATS if fmt != "pdf"
    }
    renderers["protocol.pdf"] = lambda: render_pdf(draft, timeout=pdf_timeout)
    for name in (name for name in report_names(FORMATS) if not name.endswith(".pdf")):
        stem, _, fmt = name.rpartition(".")
        renderers[name] = lambda fmt=fmt: render_report(draft.report, fmt, handboek_url)
    renderers["wijzigingsverslag.pdf"] = lambda: compile_pdf(render_report(draft.report, "tex", handboek_url),
                                                             pdf_timeout)
    renderers[ANSWERS_FILE] = lambda: (answers_text if answers_text is not None
                                       else dump_answers(shareable(answers), keep_asked=False))
    for name, text in (answers_texts or {}).items():
        renderers[name] = lambda text=text: text
    return renderers


def write_outputs(
    draft: Draft,
    answers: Answers,
    folder: Path,
    formats: tuple[str, ...] = FORMATS,
    *,
    overwrite: bool = False,
    handboek_url: str = "",
    progress: Callable[[str], None] = lambda message: None,
    source: Path | None = None,
    answers_text: str | None = None,
    answers_texts: dict[str, str] | None = None,
    sources: tuple[Path, ...] = (),
) -> Result:
    """Render every requested file, then write them all or none.

    ``source`` is the answers file being read (never overwritten); ``answers_text``
    the normalised answers, already checked to read back. Several sessions combined: ``sources`` are the
    answers files and ``answers_texts`` the normalised copy of each (name -> text), written instead. File-system faults
    raise :class:`FileProblem`, an existing output without ``overwrite`` :class:`OutputError`.
    """
    folder = Path(folder)
    if exists(folder) and not folder.is_dir():
        raise FileProblem(f"{folder} is een bestand, geen map.")
    names = target_names(formats, tuple(answers_texts) if answers_texts else (ANSWERS_FILE,))
    _check_targets([folder / name for name in names], overwrite, (source, *sources))
    result = Result()
    renderers = file_renderers(draft, answers, handboek_url=handboek_url, answers_text=answers_text,
                               answers_texts=answers_texts)
    contents: dict[Path, bytes | str] = {}
    for index, name in enumerate(names, 1):
        started = time.perf_counter()
        try:
            contents[folder / name] = renderers[name]()
        except OutputError as error:
            result.pdf_problem = str(error)
            result.pdf_failed = isinstance(error, PdfFailed)
            progress(f"[{index}/{len(names)}] {name}: overgeslagen. {error}")
            continue
        result.seconds[name] = time.perf_counter() - started
        progress(f"[{index}/{len(names)}] {name} ({result.seconds[name]:.2f} s)")
    created = make_folder(folder)
    try:
        write_all(contents)
    except FileProblem:
        remove_folders(created)
        raise
    result.written.extend(contents)
    return result


def _check_targets(targets: list[Path], overwrite: bool, sources: tuple[Path | None, ...]) -> None:
    """Refuse before rendering: the input files, existing files without ``overwrite``, anything not a regular file."""
    for source in filter(None, sources):
        for target in targets:
            if same_file(target, source):
                raise FileProblem(f"{target} is het antwoordbestand dat wordt gelezen; kies een andere map, "
                                  "zodat het niet wordt overschreven.")
    existing = [target.name for target in targets if exists(target)]
    if existing and not overwrite:
        raise OutputError(
            f"in {targets[0].parent} staan al {', '.join(existing)}. Kies een andere map of gebruik --overschrijven."
        )
    for target in targets:
        if not replaceable(target):
            raise FileProblem(f"{target} is geen gewoon bestand; dat wordt niet vervangen.")
