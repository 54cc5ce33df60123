"""The protocol and the change report as one structure of blocks, which every writer renders.

A :class:`Page` is what a writer receives: a title, a footer line and a tuple of
blocks. Blocks hold plain text (never markup); each writer escapes it for its
own format. :mod:`protocol.layout` builds pages from a
:class:`~protocol.document.ProtocolDocument` or a
:class:`~protocol.document.ChangeReport`, with every Dutch phrase taken from
:mod:`protocol.teksten`; :mod:`protocol.writers` turns a page into Markdown,
HTML, LaTeX or Word.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from .trace import KwestieRef

# Inline content ---------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Strong:
    text: str


@dataclass(frozen=True)
class Emph:
    text: str


@dataclass(frozen=True)
class Link:
    """A link to an address outside the document (the handbook)."""

    text: str
    url: str


@dataclass(frozen=True)
class KwestieLink:
    """A kwestie of the handbook, named within its card ("kwestie 3"; the card's title stands before it):
    a cross-reference on the handbook page, the name alone elsewhere."""

    ref: KwestieRef

    @property
    def text(self) -> str:
        """Its text where it is no link, as every other inline's ``text``."""
        return self.ref.name


@dataclass(frozen=True)
class Added:
    """Words the new text of a rule adds (the change report's comparison, :mod:`protocol.woordverschil`)."""

    text: str


@dataclass(frozen=True)
class Removed:
    """Words the new text of a rule removes."""

    text: str


Inline = Union[Text, Strong, Emph, Link, KwestieLink, Added, Removed]
Inlines = tuple[Inline, ...]


# Blocks -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Title:
    """The document's title and the line under it."""

    text: str
    subtitle: Inlines


@dataclass(frozen=True)
class Heading:
    """A chapter or section heading (level 1) or a subheading (level 2); ``badge`` marks its kind."""

    level: int
    text: str
    badge: str = ""


@dataclass(frozen=True)
class Paragraph:
    """``style``: "" (body text), "toelichting" (a small note) or "meta" (a line about the document)."""

    content: Inlines
    style: str = ""


@dataclass(frozen=True)
class Table:
    """A table with a header row; ``row_headers``: the first cell of each row names the row.
    ``widths`` are relative column widths for formats that need them (Word, LaTeX)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    style: str = ""
    row_headers: bool = False
    widths: tuple[int, ...] = ()


@dataclass(frozen=True)
class Rule:
    """One numbered rule: heading ("1.2 Titel"), text, an optional note and the kwesties that discuss it."""

    anchor: str
    heading: str
    text: str
    note: str = ""
    kwesties: Inlines = ()

    @property
    def lead(self) -> str:
        """The heading as it opens the rule's text: "1.2 Titel." A heading that ends in its own punctuation
        (a school's "a)", "2.1." or "•") keeps it; a rule without number or title (a school's plain paragraph)
        has none."""
        heading = self.heading.strip()
        if not heading or not heading[-1].isalnum():
            return heading
        return heading + "."


@dataclass(frozen=True)
class FillIn:
    """A line to be completed by hand on paper ("Vastgesteld door het bestuur op: ______")."""

    label: str


@dataclass(frozen=True)
class Definition:
    term: str
    content: Inlines
    style: str = ""


@dataclass(frozen=True)
class Definitions:
    items: tuple[Definition, ...]


@dataclass(frozen=True)
class Bullets:
    items: tuple[Inlines, ...]


@dataclass(frozen=True)
class Section:
    """A group of blocks that formats with anchors or boxes can address (``anchor``, ``style``)."""

    blocks: tuple["Block", ...]
    anchor: str = ""
    style: str = ""


Block = Union[Title, Heading, Paragraph, Table, Rule, FillIn, Definitions, Bullets, Section]


@dataclass(frozen=True)
class Page:
    """One output document. ``kind`` ("protocol" or "wijzigingsverslag") picks a format's frame
    (the HTML page and its styles); ``title`` is the window or file title, ``footer`` the page footer,
    ``author`` who the document's metadata names (the model's makers, or the school for a draft),
    ``subject`` what the document is (metadata too)."""

    kind: str
    title: str
    footer: str
    blocks: tuple[Block, ...]
    author: str = ""
    subject: str = ""  # what the document is, for its metadata


def plain(content: Inlines) -> str:
    """The text of inline content, without markup (for formats or places that have none)."""
    return "".join(item.text for item in content)
