"""Checks for hand-written YAML data that name the file, line and field in Dutch.

A :class:`Checker` collects every problem in a document, so that someone
editing a file by hand sees all of them at once, then :meth:`Checker.done`
raises one :class:`ValidationError`.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from typing import Any, Callable

from .strict_yaml import Path_, YamlDocument, YamlError

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

#: Nouns that take "het": "onbekend hoofdstuk", not "onbekende hoofdstuk".
_HET_WORDS = {"hoofdstuk", "onderwerp", "antwoordbestand", "veld"}

_TYPE_NAMES = {dict: "een blok met velden", list: "een lijst", str: "tekst", int: "een getal"}
#: Ids, choices and names of things are short; a longer value is refused before it is compared.
MAX_NAME = 200
# Surrogates cannot be written as UTF-8, so no file, document or terminal can hold them.
_SURROGATE = re.compile("[\ud800-\udfff]")
# Characters that show nothing although Unicode does not call them space (fillers, blank braille).
_BLANK = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def _visible(character: str) -> bool:
    return not (character.isspace() or character in _BLANK or unicodedata.category(character) in ("Cc", "Cf", "Mn", "Me"))


def has_visible_text(value: str) -> bool:
    """Whether a reader would see anything: not only spaces, controls, format characters or fillers."""
    return any(map(_visible, value))


def text_problem(value: str, *, required: bool = True, max_length: int = 20_000) -> str | None:
    """The Dutch problem with a text value, or ``None``: the one check for files and prompts alike.

    The length is checked first, so that no other check ever runs on a text that is too long.
    """
    if len(value) > max_length:
        return f"de tekst is te lang ({len(value)} tekens; maximaal {max_length})."
    if required and not has_visible_text(value):
        return "mag niet leeg zijn." if not value.strip() else "bevat alleen onzichtbare tekens; vul een tekst in."
    surrogate = _SURROGATE.search(value)
    if surrogate:
        return (f"bevat een ongeldig teken (U+{ord(surrogate.group()):04X}, een losse helft van een tekenpaar) "
                f"op positie {surrogate.start() + 1}; verwijder het.")
    return None


def quote(value: Any, length: int = 60) -> str:
    """``value`` for a message, shortened: a message never repeats a whole long text."""
    text = str(value)
    return text if len(text) <= length else text[: length - 1] + "…"


class ValidationError(ValueError):
    """One or more problems in a data file; ``errors`` holds each as a :class:`YamlError`."""

    def __init__(self, errors: list[YamlError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(error) for error in errors))


def field_name(path: Path_) -> str:
    """``('besluiten', 2, 'tekst')`` -> ``besluiten.3.tekst`` (lists counted from 1)."""
    return ".".join(str(part + 1) if isinstance(part, int) else quote(part, 40) for part in path)


class Checker:
    """Collects problems in one :class:`YamlDocument`."""

    def __init__(self, document: YamlDocument, text_check: Callable[[str], str | None] | None = None) -> None:
        """``text_check`` looks at every text value and returns a problem (Dutch) or None."""
        self.document = document
        self.errors: list[YamlError] = []
        self.warnings: list[YamlError] = []
        self.text_check = text_check

    def _problem(self, path: Path_, message: str) -> YamlError:
        where = f"veld {field_name(path)}: " if path else ""
        return YamlError(self.document.source, self.document.line(path), where + message)

    def fail(self, path: Path_, message: str) -> None:
        self.errors.append(self._problem(path, message))

    def warn(self, path: Path_, message: str) -> None:
        """Something allowed that is probably not what the writer meant (shown, not refused)."""
        self.warnings.append(self._problem(path, message))

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
                guess = difflib.get_close_matches(str(key)[:MAX_NAME], sorted(known), n=1)
                hint = f" Bedoelde je '{guess[0]}'?" if guess else f" Toegestaan: {', '.join(sorted(known))}."
                self.fail(path + (key,), f"onbekend veld '{quote(key)}'.{hint}")
        for key in sorted(required - set(value)):
            self.fail(path, f"het verplichte veld '{key}' ontbreekt.")
        return True

    def text(self, path: Path_, value: Any, *, required: bool = True, max_length: int = 20_000) -> bool:
        if value is None and not required:
            return True
        if not self.is_type(path, value, str):
            return False
        problem = text_problem(value, required=required, max_length=max_length)
        if problem:
            self.fail(path, problem)
            return False
        if self.text_check and (problem := self.text_check(value)):
            self.fail(path, problem)
            return False
        return True

    def identifier(self, path: Path_, value: Any) -> bool:
        if not self.text(path, value, max_length=MAX_NAME):
            return False
        if not ID_PATTERN.match(value):
            self.fail(path, f"'{quote(value)}' is geen geldige id: gebruik kleine letters, cijfers en koppeltekens.")
            return False
        return True

    def choice(self, path: Path_, value: Any, options: list[str] | tuple[str, ...]) -> bool:
        if not self.text(path, value, max_length=MAX_NAME):
            return False
        if value not in options:
            self.fail(path, f"'{quote(value)}' is geen geldige keuze; kies uit: {', '.join(options)}.")
            return False
        return True

    def known(self, path: Path_, value: Any, known: set[str] | dict, what: str) -> bool:
        """``value`` names something that exists (a rule, chapter, card, kwestie)."""
        if not self.text(path, value, max_length=MAX_NAME):
            return False
        if value not in known:
            guess = difflib.get_close_matches(value, sorted(known), n=1)
            hint = f" Bedoelde je '{guess[0]}'?" if guess else ""
            adjective = "onbekend" if what in _HET_WORDS else "onbekende"
            self.fail(path, f"{adjective} {what} '{quote(value)}'.{hint}")
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
