"""Safe, strict YAML for files people write by hand (the model protocol, answers files).

Only plain data: mappings, lists, strings, numbers, booleans and null. No tags
(``!!python/object``), no aliases (so no alias bombs), no duplicate keys, no
implicit dates (``2026-11-21`` stays a string), UTF-8 only. Every error is a
:class:`YamlError` with a Dutch message naming the file and line; the line of
every value is kept so that later checks can name it too.

Limits hold while parsing, so that refusing any file costs little: the size is
checked before parsing, and nesting depth and the number of values while the
events stream in (libyaml scans; a small composer counts), so a deep or
crowded file is refused at the first value too many. Only regular files are
read: a pipe, device, socket or folder is refused before anything is read.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

try:  # libyaml's parser, which PyYAML's wheels include: it scans a megabyte in a fraction of a second
    from yaml.cyaml import CParser
except ImportError:  # pragma: no cover
    CParser = None

#: Larger files are refused before parsing: a protocol or answers file is a few KiB.
MAX_BYTES = 1_000_000
MAX_DEPTH = 40
#: Values (scalars, lists, blocks, keys included) in one file; the model protocol has about 650.
MAX_NODES = 20_000

Path_ = tuple[Any, ...]

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}


class YamlError(ValueError):
    """A file that is not acceptable YAML data; ``str()`` is the Dutch message."""

    def __init__(self, source: str, line: int | None, message: str) -> None:
        self.source = source
        self.line = line
        self.message = message
        where = f"{source}, regel {line}" if line else source
        super().__init__(f"{where}: {message}")


_PY_EVENTS: tuple[type, ...] = (yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser)


class _Counting(Composer, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
    """PyYAML's composer, which counts: no aliases, at most ``MAX_DEPTH`` levels and ``MAX_NODES`` values.

    The composer stops at the first one too many, before the rest of the file is even scanned.
    No implicit timestamps.
    """

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def _start(self, name: str) -> None:
        Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)
        self.name = name
        self.depth = 0
        self.nodes = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        event = self.peek_event()
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent):
            raise YamlError(self.name, line,
                            "verwijzingen met * (aliassen) zijn niet toegestaan; schrijf de waarde gewoon uit.")
        self.nodes += 1
        if self.nodes > MAX_NODES:
            limit = f"{MAX_NODES:,}".replace(",", ".")
            raise YamlError(self.name, line, f"het bestand bevat te veel waarden (maximaal {limit}).")
        if self.depth >= MAX_DEPTH:
            raise YamlError(self.name, line, "de gegevens zijn te diep genest.")
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class _PyLoader(_Counting, *_PY_EVENTS):  # type: ignore[misc]
    """PyYAML's own scanner: slower, but it reads a \\u escape of a lone surrogate, so that the checker can
    name the field that holds it (libyaml refuses the whole file at that escape)."""

    def __init__(self, text: str, name: str) -> None:
        yaml.reader.Reader.__init__(self, text)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        self._start(name)


if CParser:
    class _CLoader(_Counting, CParser):  # type: ignore[misc]
        """libyaml's event parser under the counting composer: it scans a megabyte in a fraction of a second."""

        def __init__(self, text: str, name: str) -> None:
            CParser.__init__(self, text)
            self._start(name)

    _Loader: type[_Counting] = _CLoader
else:  # pragma: no cover
    _Loader = _PyLoader

#: libyaml's problem for an escape such as \\ud800; PyYAML's own scanner reads it.
_LIBYAML_SURROGATE = "found invalid Unicode character escape code"


@dataclass
class YamlDocument:
    """Parsed data plus the line on which each value starts."""

    data: Any
    source: str
    lines: dict[Path_, int] = field(default_factory=dict)

    def line(self, path: Path_) -> int | None:
        """The line of ``path``, or of its nearest parent that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get(())


def _decode(raw: bytes, source: str) -> str:
    if len(raw) > MAX_BYTES:
        raise YamlError(source, None, f"het bestand is te groot ({len(raw):,} bytes; maximaal {MAX_BYTES:,}).".replace(",", "."))
    if b"\x00" in raw:
        raise YamlError(source, None, "dit is geen tekstbestand (het bevat binaire gegevens).")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise YamlError(source, line, "de tekst is niet in UTF-8 opgeslagen; sla het bestand op als UTF-8.") from None
    if not text.strip():
        raise YamlError(source, None, "het bestand is leeg.")
    return text


def _build(node: Node, path: Path_, document: YamlDocument, loader: _Counting) -> Any:
    if len(path) > MAX_DEPTH:
        raise YamlError(document.source, node.start_mark.line + 1, "de gegevens zijn te diep genest.")
    document.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, MappingNode):
        if node.tag != "tag:yaml.org,2002:map":
            raise _tag_error(node, document)
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag not in _PLAIN_TAGS:
                raise YamlError(document.source, key_node.start_mark.line + 1, "een veldnaam moet gewone tekst zijn.")
            key = loader.construct_object(key_node)
            if key in result:
                raise YamlError(
                    document.source, key_node.start_mark.line + 1,
                    f"het veld '{key}' staat twee keer in hetzelfde blok.",
                )
            document.lines[path + (key,)] = key_node.start_mark.line + 1
            result[key] = _build(value_node, path + (key,), document, loader)
        return result
    if isinstance(node, SequenceNode):
        if node.tag != "tag:yaml.org,2002:seq":
            raise _tag_error(node, document)
        return [_build(child, path + (index,), document, loader) for index, child in enumerate(node.value)]
    if node.tag not in _PLAIN_TAGS:
        raise _tag_error(node, document)
    return loader.construct_object(node)


# Every complaint of libyaml and PyYAML, in Dutch: their problem texts, matched in this order (libyaml and PyYAML
# word the same problem differently, and PyYAML quotes the character it found). What matches none of these
# still gets a Dutch message (_UNKNOWN), never the library's English. Kept as text and compiled on first use
# (re's own cache): only a file with a problem needs them, and compiling 30 patterns on import cost every
# handbook build a few milliseconds.
_PROBLEMS: tuple[tuple[str, str], ...] = (
    (r"invalid Unicode character escape code|low surrogate",
     "een ongeldige \\u-code, zoals een losse helft van een tekenpaar"),
    (r"unknown escape character", "een onbekende code na een \\ tussen dubbele aanhalingstekens"),
    (r"Exceeds the limit|integer string conversion", "een getal met te veel cijfers; zet het tussen aanhalingstekens"),
    (r"URI", "een tag met ! is niet toegestaan; zet de tekst tussen aanhalingstekens"),
    (r"hexadecimal|hexdecimal", "na \\x, \\u of \\U horen 2, 4 of 8 hexadecimale cijfers"),
    (r"tab character", "een tab om in te springen; gebruik spaties"),
    (r"mapping values are not allowed here", "hier mag geen 'veld: waarde' staan; controleer de inspringing of zet "
                                             "de tekst tussen aanhalingstekens"),
    (r"mapping values are not allowed", "hier mag geen 'veld: waarde' staan; zet de tekst tussen aanhalingstekens"),
    (r"mapping keys are not allowed", "hier mag geen veldnaam staan; controleer de inspringing"),
    (r"sequence entries are not allowed", "hier mag geen lijstregel met '-' staan; controleer de inspringing"),
    (r"cannot start any token", "een teken waarmee een waarde niet mag beginnen (een tab om in te springen, of "
                                "@ of `); zet de tekst tussen aanhalingstekens"),
    (r"could not find expected ':'", "een ':' ontbreekt"),
    (r"unexpected ':'", "een ':' op een plek waar die niet mag; zet de tekst tussen aanhalingstekens"),
    (r"expected ',' or '\]'", "een ']' of ',' ontbreekt"),
    (r"expected ',' or '\}'", "een '}' of ',' ontbreekt"),
    (r"simple key|unclosed '\[' or '\{'", "een '[' of '{' is niet gesloten, of de inspringing klopt niet"),
    (r"did not find expected key|expected <block end>", "hier hoort een veldnaam; controleer de inspringing"),
    (r"unexpected end of stream", "het bestand houdt halverwege op; is een aanhalingsteken niet gesloten?"),
    (r"node content", "hier ontbreekt een waarde"),
    (r"'-' indicator", "hier hoort een lijstregel met '-'; controleer de inspringing"),
    (r"alias|anchor|occurrence", "verwijzingen met & of * zijn niet toegestaan; schrijf de waarde gewoon uit"),
    (r"directive|version number|incompatible YAML|incompatible %YAML",
     "een regel die met % begint, is hier niet toegestaan; zet de tekst tussen aanhalingstekens"),
    (r"tag|URI|'!'|'>'", "een tag met ! is niet toegestaan; zet de tekst tussen aanhalingstekens"),
    (r"another document|single document|nothing after|document start|DOCUMENT|document indicator|"
     r"document separator|STREAM", "er staat meer dan één document in (met --- of ...)"),
    (r"block scalar|indentation indicator|chomping", "een tekstblok met | of > heeft een onjuiste aanduiding; "
                                                      "zet na | of > alleen een cijfer 1-9, + of -"),
    (r"comment or (a )?line break", "na deze waarde mag op dezelfde regel alleen een opmerking met # staan"),
    (r"whitespace|expected ' '", "hier hoort een spatie"),
    (r"alphabetic|numeric|digit", "hier staat een teken dat op deze plek niet mag"),
    (r"UTF-8|control characters|invalid Unicode|invalid length|special characters",
     "het bestand bevat een teken dat niet in YAML mag"),
    (r"too long", "het bestand is te groot"),
)
_UNKNOWN = "de opbouw klopt hier niet; controleer de inspringing en de aanhalingstekens"


def _dutch(problem: str | None) -> str:
    """libyaml's or PyYAML's problem text in Dutch."""
    text = problem or ""
    return next((dutch for pattern, dutch in _PROBLEMS if re.search(pattern, text)), _UNKNOWN)


def _tag_error(node: Node, document: YamlDocument) -> YamlError:
    return YamlError(
        document.source, node.start_mark.line + 1,
        f"YAML-tags zoals {node.tag.replace('tag:yaml.org,2002:', '!!')} zijn niet toegestaan; "
        "gebruik alleen tekst, getallen, lijsten en blokken.",
    )


def parse_yaml(raw: bytes | str, source: str = "<tekst>") -> YamlDocument:
    """Parse YAML bytes or text into a :class:`YamlDocument`, strictly."""
    text = _decode(raw.encode("utf-8") if isinstance(raw, str) else raw, source)
    try:
        return _parse(text, source, _Loader)
    except yaml.MarkedYAMLError as error:
        if _Loader is _PyLoader or error.problem != _LIBYAML_SURROGATE:
            raise _yaml_error(error, text, source) from None
    try:  # read again with PyYAML's scanner: the checker then names the field with the lone surrogate
        return _parse(text, source, _PyLoader)
    except yaml.YAMLError as error:
        raise _yaml_error(error, text, source) from None


def _parse(text: str, source: str, loader_class: type[_Counting]) -> YamlDocument:
    """Parse with ``loader_class``; PyYAML's marked errors pass through for :func:`_yaml_error`."""
    document = YamlDocument(data=None, source=source)
    loader = None
    try:
        loader = loader_class(text, source)
        node = loader.get_single_node()
        if node is None:
            raise YamlError(source, None, "het bestand bevat geen gegevens.")
        document.data = _build(node, (), document, loader)
    except (YamlError, yaml.MarkedYAMLError):
        raise
    except (yaml.YAMLError, ValueError, OverflowError) as error:
        raise _yaml_error(error, text, source) from None
    finally:
        if loader is not None:
            loader.dispose()
    return document


def _yaml_error(error: Exception, text: str, source: str) -> YamlError:
    """PyYAML's or libyaml's error as a Dutch :class:`YamlError` with the line."""
    if isinstance(error, yaml.reader.ReaderError):
        line = text.encode("utf-8")[: error.position].count(b"\n") + 1  # libyaml counts bytes
        character = chr(error.character) if isinstance(error.character, int) else str(error.character)
        code = f"U+{ord(character[:1] or ' '):04X}"
        return YamlError(source, line, f"het bestand bevat een teken dat niet in YAML mag ({code}).")
    if isinstance(error, yaml.MarkedYAMLError):
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        return YamlError(source, line, f"dit is geen geldige YAML ({_dutch(error.problem or error.context)}).")
    return YamlError(source, None, f"dit is geen geldige YAML ({_dutch(str(error))}).")


_KINDS = (
    (stat.S_ISDIR, "dit is een map, geen bestand."),
    (stat.S_ISFIFO, "dit is een pijp (fifo), geen gewoon bestand."),
    (stat.S_ISSOCK, "dit is een socket, geen gewoon bestand."),
    (stat.S_ISCHR, "dit is een apparaat, geen gewoon bestand."),
    (stat.S_ISBLK, "dit is een apparaat, geen gewoon bestand."),
)


def special_file_problem(mode: int) -> str | None:
    """A Dutch message when ``mode`` (from ``os.stat``) is not that of a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((message for test, message in _KINDS if test(mode)), "dit is geen gewoon bestand.")


def read_limited(path: Path | str, limit: int = MAX_BYTES) -> bytes:
    """At most ``limit + 1`` bytes of a regular file; anything else is refused before it is opened.

    The file is opened without blocking, so a pipe swapped in after the check
    cannot make the program wait for ever either.
    """
    path = Path(path)
    try:
        problem = special_file_problem(os.stat(path).st_mode)
        if problem:
            raise YamlError(str(path), None, problem)
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(descriptor, "rb") as handle:
            problem = special_file_problem(os.fstat(handle.fileno()).st_mode)
            if problem:
                raise YamlError(str(path), None, problem)
            return handle.read(limit + 1)
    except FileNotFoundError:
        raise YamlError(str(path), None, "dit bestand bestaat niet.") from None
    except OSError as error:
        if error.errno == errno.ENAMETOOLONG:
            raise YamlError(str(path), None, "de naam van het bestand is te lang.") from None
        raise YamlError(str(path), None, f"het bestand kan niet worden gelezen ({error.strerror}).") from None


def load_yaml(path: Path | str) -> YamlDocument:
    """Read and parse a YAML file strictly; the file is named in every error."""
    return parse_yaml(read_limited(path), str(path))
