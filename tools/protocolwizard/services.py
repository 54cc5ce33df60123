"""What the terminal wizard (and any other interface) does, apart from asking: the cards and model it
works with, loading an answers file with Dutch errors, and making the outputs. ``cli`` and
``interview`` both call these; neither imports the other.

Exit codes: 0 done; 1 could not finish (an output file exists, no TeX for a PDF-only request, TeX failed);
2 the input is wrong (answers file, options) or the output cannot be written there; 130 interrupted.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kern.adres import check_url, published_url
from kern.loader import load_cards
from kern.taal import aantal
from protocol.model import current_model
from protocol.schema import ValidationError
from protocol.strict_yaml import YamlError

from .answers import Answers, Context, answers_text, dump_answers, load_answers, parse_answers
from .draft import build_draft
from .files import FileProblem
from .output import ANSWERS_FILE, OutputError, shareable, write_outputs

EXIT_OK, EXIT_FAILED, EXIT_INPUT = 0, 1, 2
EXIT_INTERRUPTED = 130


def context() -> Context:
    """The model that ships and the card pages (HANDBOEK_KAARTEN or the shipped ones)."""
    return Context(current_model(), load_cards())


def say_error(message: str) -> None:
    print(f"Fout: {message}", file=sys.stderr)


def say_refusal(path: Path, error: ValidationError | YamlError) -> None:
    """A file the checker refused: every problem with its file, line and field, in Dutch."""
    if isinstance(error, YamlError):
        say_error(str(error))
        return
    say_error(f"{path} bevat {aantal(len(error.errors), 'fout', 'fouten')}:")
    for problem in error.errors:
        print(f"  {problem}", file=sys.stderr)


def load_checked(path: Path, ctx: Context) -> Answers | None:
    try:
        answers = load_answers(path, ctx)
    except (ValidationError, YamlError) as error:
        say_refusal(path, error)
        return None
    for warning in answers.warnings:
        print(f"Let op: {warning}", file=sys.stderr)
    return answers


class UnreadableAnswers(ValueError):
    """The answers would be written in a form the checker refuses (too large, say); Dutch message."""


def readable_answers(answers: Answers, ctx: Context, *, keep_asked: bool, partial: bool, source: str,
                     previous: str | None = None) -> str:
    """The answers as YAML, read back through the full check first: never write a file we would refuse.

    With ``keep_asked`` (the wizard's own file) and ``previous`` (that file as it stands, perhaps edited by
    hand), its comments and layout are kept (:func:`answers.answers_text`).
    """
    text = answers_text(answers, previous) if keep_asked else dump_answers(answers, keep_asked=False)
    try:
        parse_answers(text, ctx, source, partial=partial)
    except (ValidationError, YamlError) as error:
        first = error.errors[0] if isinstance(error, ValidationError) else error
        raise UnreadableAnswers(
            f"{source} wordt niet geschreven, want het zou niet meer te lezen zijn ({first.message})"
        ) from None
    return text


def report_address(url: str | None, answers: Answers) -> str:
    """The handbook address for the change report's links: ``url`` (``--handboek``) if given, else the answers'
    ``handboek``, else the published address (HANDBOEK_URL); '' for none. Never this computer's own
    address (``make serve``) by default: the report goes to the (G)MR."""
    if url:
        return check_url(url)
    if answers.handboek:
        return check_url(answers.handboek)
    return published_url() or ""


def make_outputs(answers: Answers, ctx: Context, folder: Path, formats: tuple[str, ...], overwrite: bool,
                 url: str | None, source: Path | None = None) -> int:
    """Write the draft; ``source`` is the answers file it came from, which is never overwritten.

    The folder gets no private notes: they stay in ``source``."""
    try:
        url = report_address(url, answers)
        text = readable_answers(shareable(answers), ctx, keep_asked=False, partial=False, source=str(Path(folder) / ANSWERS_FILE))
    except ValueError as error:
        say_error(str(error))
        return EXIT_INPUT
    draft = build_draft(answers, ctx)
    print(f"Concept maken in {folder} ...")
    try:
        result = write_outputs(draft, answers, folder, formats, overwrite=overwrite, handboek_url=url, progress=print,
                               source=source, answers_text=text)
    except FileProblem as error:
        say_error(f"{error} Er is niets geschreven.")
        return EXIT_INPUT
    except OutputError as error:
        say_error(str(error))
        return EXIT_FAILED
    print(f"Klaar: {aantal(len(result.written), 'bestand', 'bestanden')} in {folder}.")
    if answers.notes and source is not None:
        print(f"Je notities staan niet in {folder}; ze blijven alleen in {source}.")
    if result.pdf_problem:
        print(f"Let op: {result.pdf_problem}")
        return EXIT_FAILED if formats == ("pdf",) or result.pdf_failed else EXIT_OK
    return EXIT_OK
