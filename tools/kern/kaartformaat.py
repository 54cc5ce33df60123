"""The card format, declared once: the blocks of a card page, their argument and their options.

A card page writes its structure as MyST directives (``::::{kwestie} 3`` with ``:onderwerpen:``,
``:::{vragen}``, ...). Both readers of a card take what a block accepts from here: the Sphinx
directives (``handboek.kaartblokken``) copy each block's argument count and ``option_spec``, and
the loader (``kern.loader``) reads the same blocks with MyST's own directive parser
(``parse_directive_text``) against :attr:`Blok.directive`. So the page and the loader read the
options the same way in every form MyST accepts (``:key:`` lines or a YAML block between
``---`` lines, colon or backtick fences), and a new block type or option is one entry here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from docutils.parsers.rst import Directive

#: The MyST syntax extensions the handbook is written with (conf.py and the loader both use these).
MYST_EXTENSIONS = ("colon_fence", "deflist", "fieldlist", "substitution")

_TOPIC = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


class CardFormatError(ValueError):
    """A card page does not follow the card format ("Een kaart toevoegen")."""


def topics(value: str | None) -> tuple[str, ...]:
    """``:onderwerpen: a, b``: the protocol topics of a kwestie, separated by commas."""
    found = tuple(part.strip() for part in (value or "").split(",") if part.strip())
    wrong = [topic for topic in found if not _TOPIC.fullmatch(topic)]
    if wrong:
        raise ValueError(
            f"onderwerpen zijn namen met kleine letters, cijfers en koppeltekens, gescheiden door "
            f"komma's (niet: {', '.join(repr(topic) for topic in wrong)})"
        )
    return found


def text(value: str | None) -> str:
    """A one-line text option, such as ``:titel:``."""
    return " ".join((value or "").split())


@dataclass(frozen=True)
class Blok:
    """One block type of a card page: a MyST directive ``{name}``."""

    name: str
    #: The Dutch heading readers see ("Kwestie", "Vragen").
    label: str
    #: Numbered blocks take one argument, their number (``:::{voorbeeld} 7``); links refer to it.
    numbered: bool = False
    #: Option name -> converter (a docutils option function: text or None in, value out).
    options: Mapping[str, Callable[[str | None], Any]] = field(default_factory=dict)

    @cached_property
    def directive(self) -> type[Directive]:
        """A docutils directive class that accepts what this block accepts (no rendering)."""
        return type(
            f"{self.name.capitalize()}Blok",
            (Directive,),
            {
                "required_arguments": 1 if self.numbered else 0,
                "optional_arguments": 0,
                "final_argument_whitespace": False,
                "has_content": True,
                "option_spec": dict(self.options),
            },
        )

    def number(self, argument: str) -> int:
        """The block's number from its argument, or a Dutch error saying how to write it."""
        if not argument.isdigit():
            raise CardFormatError(
                f"een {self.name} heeft een nummer nodig, bijvoorbeeld ':::{{{self.name}}} 1' "
                f"(gevonden: '{argument}')."
            )
        return int(argument)

    def heading(self, number: int | None = None, title: str = "") -> str:
        """The heading of one block: "Vragen", "Kwestie 3", "Kwestie 3: <titel>"."""
        heading = self.label if number is None else f"{self.label} {number}"
        return f"{heading}: {title}" if title else heading


KWESTIE = Blok(
    "kwestie", "Kwestie", numbered=True, options={"onderwerpen": topics, "titel": text}
)
VRAGEN = Blok("vragen", "Vragen")
VOORBEELD = Blok("voorbeeld", "Voorbeeld", numbered=True)
AANDACHTSPUNTEN = Blok("aandachtspunten", "Aandachtspunten voor de gespreksleider")

#: Every block of the card format by directive name.
BLOKKEN: dict[str, Blok] = {blok.name: blok for blok in (KWESTIE, VRAGEN, VOORBEELD, AANDACHTSPUNTEN)}
