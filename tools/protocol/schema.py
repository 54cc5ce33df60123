"""Checks for hand-written YAML data that name the file, line and field in Dutch.

A :class:`Checker` collects every problem in a document, so that someone
editing a file by hand sees all of them at once, then :meth:`Checker.done`
raises one :class:`ValidationError`.
"""

from __future__ import annotations

import difflib
import re
from typing import Any, Callable

from .strict_yaml import Path_, YamlDocument, YamlError

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

_TYPE_NAMES = {dict: "een blok met velden", list: "een lijst", str: "tekst", int: "een getal"}


class ValidationError(ValueError):
    """One or more problems in a data file; ``errors`` holds each as a :class:`YamlError`."""

    def __init__(self, errors: list[YamlError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(error) for error in errors))


def field_name(path: Path_) -> str:
    """``('besluiten', 2, 'tekst')`` -> ``besluiten.3.tekst`` (lists counted from 1)."""
    return ".".join(str(part + 1) if isinstance(part, int) else str(part) for part in path)


class Checker:
    """Collects problems in one :class:`YamlDocument`."""

    def __init__(self, document: YamlDocument, text_check: Callable[[str], str | None] | None = None) -> None:
        """``text_check`` looks at every text value and returns a problem (Dutch) or None."""
        self.document = document
        self.errors: list[YamlError] = []
        self.text_check = text_check

    def fail(self, path: Path_, message: str) -> None:
        where = f"veld {field_name(path)}: " if path else ""
        self.errors.append(YamlError(self.document.source, self.document.line(path), where + message))

    def done(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)

    def is_type(self, path: Path_, value: Any, expected: type) -> bool:
        if isinstance(value, expected) and not (expected is int and isinstance(value, bool)):
            return True
        self.fail(path, f"hier hoort {_TYPE_NAMES[expected]}, maar er staat {_describe(value)}.")
        return False

    def mapping(self, path: Path_, value: Any, required: set[str], optional: set[str]) -> bool:
        """A block with exactly the known fields; unknown ones get a suggestion."""
        if not self.is_type(path, value, dict):
            return False
        known = required | optional
        for key in value:
            if key not in known:
                guess = difflib.get_close_matches(str(key), sorted(known), n=1)
                hint = f" Bedoelde je '{guess[0]}'?" if guess else f" Toegestaan: {', '.join(sorted(known))}."
                self.fail(path + (key,), f"onbekend veld '{key}'.{hint}")
        for key in sorted(required - set(value)):
            self.fail(path, f"het verplichte veld '{key}' ontbreekt.")
        return True

    def text(self, path: Path_, value: Any, *, required: bool = True, max_length: int = 20_000) -> bool:
        if value is None and not required:
            return True
        if not self.is_type(path, value, str):
            return False
        if required and not value.strip():
            self.fail(path, "mag niet leeg zijn.")
            return False
        if len(value) > max_length:
            self.fail(path, f"de tekst is te lang ({len(value)} tekens; maximaal {max_length}).")
            return False
        if self.text_check and (problem := self.text_check(value)):
            self.fail(path, problem)
            return False
        return True

    def identifier(self, path: Path_, value: Any) -> bool:
        if not self.text(path, value):
            return False
        if not ID_PATTERN.match(value):
            self.fail(path, f"'{value}' is geen geldige id: gebruik kleine letters, cijfers en koppeltekens.")
            return False
        return True

    def choice(self, path: Path_, value: Any, options: list[str] | tuple[str, ...]) -> bool:
        if not self.text(path, value):
            return False
        if value not in options:
            self.fail(path, f"'{value}' is geen geldige keuze; kies uit: {', '.join(options)}.")
            return False
        return True

    def known(self, path: Path_, value: Any, known: set[str] | dict, what: str) -> bool:
        """``value`` names something that exists (a rule, chapter, card, kwestie)."""
        if not self.text(path, value):
            return False
        if value not in known:
            guess = difflib.get_close_matches(value, sorted(known), n=1)
            hint = f" Bedoelde je '{guess[0]}'?" if guess else ""
            self.fail(path, f"onbekende {what} '{value}'.{hint}")
            return False
        return True


def _describe(value: Any) -> str:
    if value is None:
        return "niets"
    if isinstance(value, bool):
        return "ja/nee"
    for kind, name in _TYPE_NAMES.items():
        if isinstance(value, kind):
            return name
    return "een getal" if isinstance(value, float) else type(value).__name__
