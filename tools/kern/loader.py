"""Read the discussion cards (``docs/kaarten/*.md``) without a Sphinx build.

The card pages are the only place where the card texts are written. This module
reads them as the handbook build does: with MyST's own Markdown parser and MyST's own
directive parsing (``parse_directive_text``) against the blocks declared in
:mod:`kern.kaartformaat`, so every form MyST accepts (colon or backtick fences, nested
either way, ``:key:`` option lines or a YAML option block) reads the same here and on
the page. It returns each card with its kwesties, questions and sources as plain text,
so that the protocol wizard and the landing grid never re-type them.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from docutils.parsers.rst.states import MarkupError
from markdown_it import MarkdownIt
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.directives import parse_directive_text
from myst_parser.parsers.mdit import create_md_parser

from .kaartformaat import BLOKKEN, KWESTIE, MYST_EXTENSIONS, VRAGEN, Blok, CardFormatError

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

#: PyYAML's safe loader, in C where PyYAML was built with libyaml (the same result, ten times faster).
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_EXPLICIT_TITLE = re.compile(r"^(?P<title>.+?)\s*<(?P<target>[^<>]+)>$", re.DOTALL)


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

    @property
    def heading(self) -> str:
        """The heading the card page shows: "Kwestie 3" or "Kwestie 3: <titel>"."""
        return KWESTIE.heading(self.number, self.title)


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
    #: Every source the card cites (``{bron}`...```), as written, in reading order.
    sources: tuple[str, ...] = ()

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


@lru_cache(maxsize=None)
def _markdown() -> MarkdownIt:
    """MyST's own Markdown parser, configured with the handbook's MyST extensions; made once (it
    keeps no state between parses). Without MyST's word count, which only fills a substitution
    the loader does not read."""
    md = create_md_parser(MdParserConfig(enable_extensions=set(MYST_EXTENSIONS)), RendererHTML)
    md.core.ruler.disable("wordcount", ignoreInvalid=True)
    return md


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


@dataclass(frozen=True)
class _Block:
    """One card block as MyST reads it: its argument, options and parsed body."""

    blok: Blok
    number: int | None
    options: dict[str, Any]
    body: list[Token]
    body_line: int  #: 0-based line in the card file where the body starts


def _directive_name(token: Token) -> tuple[str, str] | None:
    """(name, rest of the line) of a fence MyST runs as a directive (``:::{name}`` or ```` ```{name} ````)."""
    if token.type not in ("fence", "colon_fence"):
        return None
    parts = token.info.strip().split(maxsplit=1)
    name = parts[0] if parts else ""
    if len(name) < 3 or not (name.startswith("{") and name.endswith("}")):
        return None
    return name[1:-1], parts[1] if len(parts) > 1 else ""


#: MyST's messages about directive options, as the loader reports them.
_MYST_MESSAGES = (
    (re.compile(r"Unknown option key: '(?P<name>[^']+)' \(allowed: \[(?P<allowed>.*)\]\)"),
     lambda m: f"onbekende optie ':{m['name']}:' (mogelijk: {m['allowed'].replace(chr(39), ':')})"),
    (re.compile(r"Invalid option value for '(?P<name>[^']+)': (?P<reason>.*)", re.DOTALL),
     lambda m: f"ongeldige waarde voor ':{m['name']}:': {m['reason']}"),
    (re.compile(r"Invalid options format \(bad YAML\)"), lambda m: "het optieblok is geen geldige YAML"),
    (re.compile(r"Invalid options format: (?P<reason>.*)", re.DOTALL),
     lambda m: f"de opties zijn niet te lezen ({m['reason']})"),
    (re.compile(r"Directive options has # comments.*", re.DOTALL),
     lambda m: "een opmerking met # tussen de opties wordt niet ondersteund"),
)


def _in_dutch(message: str) -> str:
    for pattern, dutch in _MYST_MESSAGES:
        if match := pattern.fullmatch(message):
            return dutch(match)
    return message


#: Where :func:`_read_block` keeps a fence's block on its token: the kwesties and the sources both
#: walk the blocks, and each block body is parsed once.
_BLOCK = "kern.loader.block"


def _read_block(token: Token, md: MarkdownIt, path: Path, offset: int) -> _Block | None:
    """The card block a fence holds, read as MyST runs a directive, or None for any other fence."""
    if _BLOCK not in token.meta:
        token.meta[_BLOCK] = _parse_block(token, md, path, offset)
    return token.meta[_BLOCK]


def _parse_block(token: Token, md: MarkdownIt, path: Path, offset: int) -> _Block | None:
    found = _directive_name(token)
    if found is None or found[0] not in BLOKKEN:
        return None
    name, first_line = found
    blok = BLOKKEN[name]
    opening = offset + (token.map[0] if token.map else 0)
    line = opening + 1
    content = token.content
    prepended = token.type == "colon_fence" and content.startswith(":::")
    if prepended:  # as MyST does: a nested fence on the first line is not an option line
        content = "\n" + content
    try:
        number = blok.number(first_line.strip()) if blok.numbered else None
        parsed = parse_directive_text(blok.directive, first_line, content, line=line)
    except CardFormatError as error:
        raise CardFormatError(f"{path}:{line}: {error}") from None
    except MarkupError as error:
        raise CardFormatError(f"{path}:{line}: het blok {{{name}}} klopt niet: {error}") from None
    for warning in parsed.warnings:
        raise CardFormatError(f"{path}:{warning.lineno or line}: het blok {{{name}}}: {_in_dutch(warning.msg)}")
    body_line = opening + 1 + parsed.body_offset - (1 if prepended else 0)
    return _Block(blok, number, parsed.options, md.parse("\n".join(parsed.body)), body_line)


def _roles(tokens: list[Token], name: str, md: MarkdownIt, path: Path, offset: int) -> Iterator[str]:
    """The content of every ``{name}`` role, also inside card blocks, in reading order."""
    for token in tokens:
        if token.type == "inline":
            for child in token.children or []:
                if child.type == "myst_role" and child.meta.get("name") == name:
                    yield child.content
        elif (block := _read_block(token, md, path, offset)) is not None:
            yield from _roles(block.body, name, md, path, block.body_line)


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


def _kwestie(card_id: str, block: _Block, md: MarkdownIt, path: Path) -> Kwestie:
    before: list[str] = []
    after: list[str] = []
    questions: list[Vraag] = []
    seen_questions = False
    for inner in block.body:
        if (nested := _read_block(inner, md, path, block.body_line)) is not None:
            if nested.blok is VRAGEN:
                questions.extend(_questions(nested.body))
                seen_questions = True
        elif inner.type == "inline" and inner.level <= 1:
            (after if seen_questions else before).append(_inline_text(inner))
    return Kwestie(
        card_id=card_id,
        number=block.number,
        text="\n\n".join(before),
        questions=tuple(questions),
        title=block.options.get("titel", ""),
        afterword="\n\n".join(after),
        topics=tuple(block.options.get("onderwerpen", ())),
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
            metadata = yaml.load(token.content, Loader=_SAFE_LOADER) or {}
        elif token.type == "heading_open" and token.tag == "h1" and not title:
            title = _inline_text(tokens[index + 1])
        elif token.type == "inline" and title and not purpose and token.level == 1:
            if tokens[index - 1].type == "paragraph_open":
                purpose = _inline_text(token)
        elif (block := _read_block(token, md, path, 0)) is not None and block.blok is KWESTIE:
            kwesties.append(_kwestie(path.stem, block, md, path))
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
        sources=tuple(split_role_content(role)[1] for role in _roles(tokens, "bron", md, path, 0)),
    )


def card_paths(cards_dir: Path | None = None) -> list[Path]:
    """The card pages in a folder (default: :func:`default_cards_dir`), in the order the handbook lists them."""
    folder = Path(cards_dir) if cards_dir is not None else default_cards_dir()
    return sorted(p for p in folder.glob("*.md") if not p.name.startswith("_"))


def load_cards(cards_dir: Path | None = None) -> list[Card]:
    """Read every card page in a folder (default: the handbook's own cards)."""
    return [_cached_card(path, path.stat().st_mtime_ns) for path in card_paths(cards_dir)]


def read_cards(cards_dir: Path | None = None) -> tuple[list[Card], list[CardFormatError]]:
    """Like :func:`load_cards`, but a card that does not follow the format is left out and its
    error returned, so that a build can report it and go on."""
    cards: list[Card] = []
    errors: list[CardFormatError] = []
    for path in card_paths(cards_dir):
        try:
            cards.append(_cached_card(path, path.stat().st_mtime_ns))
        except CardFormatError as error:
            errors.append(error)
    return cards, errors


@lru_cache(maxsize=1024)
def _cached_card(path: Path, _mtime_ns: int) -> Card:
    return load_card(path)
