"""Read the discussion cards (``docs/kaarten/*.md``) without a Sphinx build.

The card pages are the only place where the card texts are written. This module
parses their MyST source with markdown-it (the parser MyST itself uses) and
returns each card with its kwesties and questions as plain text, so that the
protocol wizard and the landing grid never re-type them.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.colon_fence import colon_fence_plugin
from mdit_py_plugins.front_matter import front_matter_plugin
from mdit_py_plugins.myst_blocks import myst_block_plugin
from mdit_py_plugins.myst_role import myst_role_plugin

#: Folder of the card pages, relative to the Sphinx source folder.
KAARTEN_DIR = "kaarten"

#: Environment variable that points the wizard at another folder of card pages.
CARDS_DIR_VARIABLE = "HANDBOEK_KAARTEN"


def default_cards_dir() -> Path:
    """The card pages: ``HANDBOEK_KAARTEN`` if set, else the ones that ship with this package."""
    configured = os.environ.get(CARDS_DIR_VARIABLE, "").strip()
    if configured:
        return Path(configured)
    return Path(str(resources.files("kern").joinpath(KAARTEN_DIR))).resolve()

_EXPLICIT_TITLE = re.compile(r"^(?P<title>.+?)\s*<(?P<target>[^<>]+)>$", re.DOTALL)
_OPTION_LINE = re.compile(r"^:(?P<name>[\w-]+):\s*(?P<value>.*)$")


class CardFormatError(ValueError):
    """A card page does not follow the card format ("Een kaart toevoegen")."""


@dataclass(frozen=True)
class Vraag:
    """One question of a kwestie, with the sub-points some questions have."""

    text: str
    subquestions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Kwestie:
    """One case of a card: its text and its questions."""

    card_id: str
    number: int
    text: str
    questions: tuple[Vraag, ...]
    title: str = ""
    afterword: str = ""
    topics: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return kwestie_id(self.card_id, self.number)

    @property
    def anchor(self) -> str:
        return kwestie_anchor(self.number)


@dataclass(frozen=True)
class Card:
    """One discussion card as written in ``docs/kaarten/<id>.md``."""

    id: str
    title: str
    purpose: str
    path: Path
    kwesties: tuple[Kwestie, ...]
    number: int | None = None
    metadata: dict = field(default_factory=dict, compare=False, hash=False)

    def kwestie(self, number: int) -> Kwestie:
        for kwestie in self.kwesties:
            if kwestie.number == number:
                return kwestie
        raise KeyError(kwestie_id(self.id, number))


def kwestie_id(card_id: str, number: int) -> str:
    """The stable id of a kwestie, e.g. ``populaire-hiphopleraar/3``."""
    return f"{card_id}/{number}"


def kwestie_anchor(number: int) -> str:
    """The HTML anchor of a kwestie on its card page."""
    return f"kwestie-{number}"


def voorbeeld_anchor(number: int) -> str:
    """The HTML anchor of an example (Voorbeeld) on its card page."""
    return f"voorbeeld-{number}"


def split_role_content(content: str) -> tuple[str | None, str]:
    """Split ``title <target>`` role content into (title or None, target)."""
    match = _EXPLICIT_TITLE.match(content.strip())
    if match:
        return match.group("title"), match.group("target").strip()
    return None, content.strip()


def numbered_ref_title(kind: str, content: str) -> str:
    """The text a ``{kwestie}`` or ``{voorbeeld}`` reference shows.

    ``{kwestie}`2``` reads "kwestie 2"; an explicit title wins.
    """
    title, target = split_role_content(content)
    if title is not None:
        return title
    return f"{kind} {target.rsplit('/', 1)[-1]}"


def role_text(name: str, content: str) -> str:
    """The plain text a MyST role shows to a reader."""
    if name in ("kwestie", "voorbeeld"):
        return numbered_ref_title(name, content)
    title, target = split_role_content(content)
    return title if title is not None else target


def _markdown() -> MarkdownIt:
    return (
        MarkdownIt("commonmark")
        .use(front_matter_plugin)
        .use(colon_fence_plugin)
        .use(myst_role_plugin)
        .use(myst_block_plugin)
    )


def _inline_text(token: Token) -> str:
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "myst_role":
            parts.append(role_text(child.meta.get("name", ""), child.content))
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return re.sub(r"\s+", " ", "".join(parts)).strip()


def _split_directive(token: Token) -> tuple[str, str, dict[str, str], str]:
    """Split a colon fence into (name, argument, options, body)."""
    match = re.match(r"^\{(?P<name>[\w-]+)\}\s*(?P<arg>.*)$", token.info.strip())
    if not match:
        return "", "", {}, token.content
    options: dict[str, str] = {}
    lines = token.content.splitlines()
    while lines and (option := _OPTION_LINE.match(lines[0])):
        options[option.group("name")] = option.group("value").strip()
        lines.pop(0)
    return match.group("name"), match.group("arg").strip(), options, "\n".join(lines)


def _paragraphs(tokens: list[Token]) -> list[str]:
    return [_inline_text(t) for t in tokens if t.type == "inline" and t.level <= 1]


def _questions(tokens: list[Token]) -> tuple[Vraag, ...]:
    """Read a bullet list of questions, keeping one level of sub-points."""
    questions: list[Vraag] = []
    depth = 0
    current: str | None = None
    subs: list[str] = []
    for token in tokens:
        if token.type == "bullet_list_open":
            depth += 1
        elif token.type == "bullet_list_close":
            depth -= 1
        elif token.type == "list_item_open" and depth == 1:
            if current is not None:
                questions.append(Vraag(current, tuple(subs)))
            current, subs = None, []
        elif token.type == "inline":
            text = _inline_text(token)
            if depth == 1 and current is None:
                current = text
            elif depth == 1:
                current = f"{current} {text}"
            elif depth >= 2:
                subs.append(text)
    if current is not None:
        questions.append(Vraag(current, tuple(subs)))
    return tuple(questions)


def _kwestie(card_id: str, token: Token, md: MarkdownIt, path: Path) -> Kwestie:
    _, argument, options, body = _split_directive(token)
    if not argument.isdigit():
        raise CardFormatError(
            f"{path}:{token.map[0] + 1 if token.map else '?'}: een kwestie heeft een "
            f"nummer nodig, bijvoorbeeld ':::{{kwestie}} 1' (gevonden: '{argument}')."
        )
    before: list[str] = []
    after: list[str] = []
    questions: tuple[Vraag, ...] = ()
    for inner in md.parse(body):
        if inner.type == "colon_fence" and _split_directive(inner)[0] == "vragen":
            questions = _questions(md.parse(_split_directive(inner)[3]))
        elif inner.type == "inline" and inner.level <= 1:
            (after if questions else before).append(_inline_text(inner))
    topics = tuple(t.strip() for t in options.get("onderwerpen", "").split(",") if t.strip())
    return Kwestie(
        card_id=card_id,
        number=int(argument),
        text="\n\n".join(before),
        questions=questions,
        title=options.get("titel", ""),
        afterword="\n\n".join(after),
        topics=topics,
    )


def load_card(path: Path) -> Card:
    """Read one card page."""
    path = Path(path)
    md = _markdown()
    tokens = md.parse(path.read_text(encoding="utf-8"))
    metadata: dict = {}
    title = ""
    purpose = ""
    kwesties: list[Kwestie] = []
    for index, token in enumerate(tokens):
        if token.type == "front_matter":
            metadata = yaml.safe_load(token.content) or {}
        elif token.type == "heading_open" and token.tag == "h1" and not title:
            title = _inline_text(tokens[index + 1])
        elif token.type == "inline" and title and not purpose and token.level == 1:
            if tokens[index - 1].type == "paragraph_open":
                purpose = _inline_text(token)
        elif token.type == "colon_fence" and _split_directive(token)[0] == "kwestie":
            kwesties.append(_kwestie(path.stem, token, md, path))
    if not title:
        raise CardFormatError(f"{path}: de kaart heeft geen titel (een regel '# Titel').")
    numbers = [k.number for k in kwesties]
    if len(set(numbers)) != len(numbers):
        raise CardFormatError(f"{path}: twee kwesties hebben hetzelfde nummer ({numbers}).")
    number = metadata.get("kaartnummer")
    return Card(
        id=path.stem,
        title=title,
        purpose=purpose,
        path=path,
        kwesties=tuple(kwesties),
        number=int(number) if number is not None else None,
        metadata=metadata,
    )


def card_paths(cards_dir: Path | None = None) -> list[Path]:
    """The card pages in a folder (default: :func:`default_cards_dir`), in the order the handbook lists them."""
    folder = Path(cards_dir) if cards_dir is not None else default_cards_dir()
    return sorted(p for p in folder.glob("*.md") if not p.name.startswith("_"))


def load_cards(cards_dir: Path | None = None) -> list[Card]:
    """Read every card page in a folder (default: the handbook's own cards)."""
    return [_cached_card(path, path.stat().st_mtime_ns) for path in card_paths(cards_dir)]


@lru_cache(maxsize=64)
def _cached_card(path: Path, _mtime_ns: int) -> Card:
    return load_card(path)
