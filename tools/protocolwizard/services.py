"""What the terminal wizard (and any other interface) does, apart from asking: the cards and model it
works with, loading an answers file with Dutch errors, and making the outputs. ``cli`` and
``interview`` both call these; neither imports the other.

Exit codes: 0 done; 1 could not finish (an output file exists, no TeX for a PDF-only request, TeX failed);
2 the input is wrong (answers file, options); 130 interrupted.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kern.loader import load_cards
from protocol.model import current_model
from protocol.schema import ValidationError
from protocol.strict_yaml import YamlError

from .answers import Answers, Context, load_answers
from .draft import build_draft
from .output import OutputError, write_outputs

EXIT_OK, EXIT_FAILED, EXIT_INPUT = 0, 1, 2
EXIT_INTERRUPTED = 130


def context() -> Context:
    """The model that ships and the card pages (HANDBOEK_KAARTEN or the shipped ones)."""
    return Context(current_model(), load_cards())


def say_error(message: str) -> None:
    print(f"Fout: {message}", file=sys.stderr)


def load_checked(path: Path, ctx: Context) -> Answers | None:
    try:
        return load_answers(path, ctx)
    except ValidationError as error:
        count = len(error.errors)
        say_error(f"{path} bevat {count} {'fout' if count == 1 else 'fouten'}:")
        for problem in error.errors:
            print(f"  {problem}", file=sys.stderr)
        return None
    except YamlError as error:
        say_error(str(error))
        return None


def make_outputs(answers: Answers, ctx: Context, folder: Path, formats: tuple[str, ...], overwrite: bool, url: str) -> int:
    draft = build_draft(answers, ctx)
    print(f"Concept maken in {folder} ...")
    try:
        result = write_outputs(draft, answers, folder, formats, overwrite=overwrite, handboek_url=url, progress=print)
    except OutputError as error:
        say_error(str(error))
        return EXIT_FAILED
    print(f"Klaar: {len(result.written)} bestanden in {folder}.")
    if result.pdf_problem:
        print(f"Let op: {result.pdf_problem}")
        return EXIT_FAILED if formats == ("pdf",) or result.pdf_failed else EXIT_OK
    return EXIT_OK
