"""The answers that travel with every form: read with the strict checker, as an uploaded file is."""

from __future__ import annotations

from dataclasses import dataclass, field

from protocol.schema import ValidationError
from protocol.strict_yaml import YamlError

from ..answers import Answers, Context, parse_answers
from ..output import ANSWERS_FILE


@dataclass
class File:
    """A download: a file name, its content and media type."""

    name: str
    content: bytes
    media_type: str


@dataclass
class Refused(Exception):
    """The answers that came with a form or an upload were refused; the checker's Dutch messages."""

    problems: list[str] = field(default_factory=list)


def problems_of(error: ValidationError | YamlError) -> list[str]:
    return [str(problem) for problem in error.errors] if isinstance(error, ValidationError) else [str(error)]


def read_answers(text: str | bytes, context: Context, source: str = ANSWERS_FILE, *, partial: bool = True) -> Answers:
    """The answers in ``text`` (empty: a new session), through the full check; :class:`Refused` if not."""
    if not text.strip():
        return Answers()
    try:
        return parse_answers(text, context, source, partial=partial)
    except (ValidationError, YamlError) as error:
        raise Refused(problems_of(error)) from None
