"""Safe, strict YAML for files people write by hand (the model protocol, answers files).

Only plain data: mappings, lists, strings, numbers, booleans and null. No tags
(``!!python/object``), no aliases (so no alias bombs), no duplicate keys, no
implicit dates (``2026-11-21`` stays a string), a size cap, UTF-8 only. Every
error is a :class:`YamlError` with a Dutch message naming the file and line;
the line of every value is kept so that later checks can name it too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

#: Larger files are refused before parsing: a protocol or answers file is a few KiB.
MAX_BYTES = 1_000_000
MAX_DEPTH = 40

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


class _Loader(yaml.SafeLoader):
    """SafeLoader without implicit timestamps and without aliases."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise YamlError(
                self.name, event.start_mark.line + 1,
                "verwijzingen met * (aliassen) zijn niet toegestaan; schrijf de waarde gewoon uit.",
            )
        return super().compose_node(parent, index)


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


def _build(node: Node, path: Path_, document: YamlDocument, loader: _Loader) -> Any:
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


def _tag_error(node: Node, document: YamlDocument) -> YamlError:
    return YamlError(
        document.source, node.start_mark.line + 1,
        f"YAML-tags zoals {node.tag.replace('tag:yaml.org,2002:', '!!')} zijn niet toegestaan; "
        "gebruik alleen tekst, getallen, lijsten en blokken.",
    )


def parse_yaml(raw: bytes | str, source: str = "<tekst>") -> YamlDocument:
    """Parse YAML bytes or text into a :class:`YamlDocument`, strictly."""
    text = _decode(raw.encode("utf-8") if isinstance(raw, str) else raw, source)
    document = YamlDocument(data=None, source=source)
    loader = None
    try:
        loader = _Loader(text)
        loader.name = source
        node = loader.get_single_node()
        if node is None:
            raise YamlError(source, None, "het bestand bevat geen gegevens.")
        document.data = _build(node, (), document, loader)
    except YamlError:
        raise
    except yaml.reader.ReaderError as error:
        line = text[: error.position].count("\n") + 1
        raise YamlError(source, line, f"het bestand bevat een teken dat niet in YAML mag ({error.character!r}).") from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        raise YamlError(source, line, f"dit is geen geldige YAML ({error.problem or error.context}).") from None
    except (yaml.YAMLError, ValueError, OverflowError) as error:
        raise YamlError(source, None, f"dit is geen geldige YAML ({error}).") from None
    finally:
        if loader is not None:
            loader.dispose()
    return document


def load_yaml(path: Path | str) -> YamlDocument:
    """Read and parse a YAML file strictly; the file is named in every error."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise YamlError(str(path), None, "dit bestand bestaat niet.") from None
    except IsADirectoryError:
        raise YamlError(str(path), None, "dit is een map, geen bestand.") from None
    except OSError as error:
        raise YamlError(str(path), None, f"het bestand kan niet worden gelezen ({error.strerror}).") from None
    return parse_yaml(raw, str(path))
