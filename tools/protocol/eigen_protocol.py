"""A school's own protocol, imported from Word (.docx), Markdown or YAML, in the model's data format.

:func:`import_protocol` checks the file, reads it (``import_docx``, ``import_markdown``, or YAML in the
model's format here), builds chapters and rules (``import_blocks``: structure and ids), and proposes
up to three topics per rule (:mod:`protocol.onderwerpen`) as ``onderwerpen_voorstel``;
:func:`confirm_proposals` turns proposals into topics. Imported text is data: it is stored as plain
text and never interpreted as markup or template.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import yaml

from .import_blocks import Imported, ImportProblem
from .import_docx import read_docx
from .import_markdown import read_markdown
from .model import Model, check_model_document
from .onderwerpen import TopicMatcher
from .schema import ValidationError
from .strict_yaml import MAX_BYTES, YamlError, parse_yaml

#: Larger files are refused: a protocol in Word is some hundreds of KiB, with photos a few MiB.
MAX_IMPORT_BYTES = 25_000_000
#: Zip bombs: refuse a .docx whose parts unpack to more than this.
MAX_UNPACKED_BYTES = 200_000_000
FORMATS = {".docx": "docx", ".md": "md", ".markdown": "md", ".yaml": "yaml", ".yml": "yaml"}

HEADER = """\
# Eigen protocol van de school, geïmporteerd met: protocolwizard importeer
#
# Dit bestand heeft dezelfde vorm als het modelprotocol. Per regel staan onder
# 'onderwerpen_voorstel' de onderwerpen van het modelprotocol die de wizard voorstelt.
# Controleer ze (haal weg wat niet klopt, zet er een ander onderwerp bij) en bevestig ze met:
#   protocolwizard importeer --bevestig {name}
# Daarna staan ze onder 'onderwerpen'. Vergelijk het protocol met het modelprotocol met:
#   protocolwizard vergelijk {name}
#
# Ids: hoofdstuk-N is het N-de hoofdstuk, regel-N-M de M-de regel daarin (alinea's, lijstpunten
# en tabellen tellen mee). Dezelfde tekst opnieuw importeren geeft dezelfde ids.
"""


def propose_topics(data: dict, model: Model) -> int:
    """Fill ``onderwerpen_voorstel`` for rules without confirmed topics; returns how many got one."""
    matcher = TopicMatcher(model)
    count = 0
    for chapter in data["hoofdstukken"]:
        for rule in chapter["regels"]:
            if rule.get("onderwerpen"):
                continue
            proposals = matcher.propose(f"{rule.get('titel', '')} {rule['tekst']}")
            rule["onderwerpen_voorstel"] = list(proposals)
            count += bool(proposals)
    return count


def confirm_proposals(data: dict) -> int:
    """Move every rule's proposals into its topics (rules with topics are left alone); returns how many."""
    count = 0
    for chapter in data["hoofdstukken"]:
        for rule in chapter["regels"]:
            proposals = rule.pop("onderwerpen_voorstel", None) or []
            if proposals and not rule.get("onderwerpen"):
                rule["onderwerpen"] = list(dict.fromkeys(proposals))
                count += 1
    return count


class _Dumper(yaml.SafeDumper):
    """Plain YAML; a text of several lines (a table) as a literal block, so it reads as it looks."""


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value and value == value.strip() and "\r" not in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_text)


def dump_protocol(data: dict, name: str = "eigen-protocol.yaml") -> str:
    """The imported protocol as YAML text (plain data, safe to read back with ``strict_yaml``)."""
    body = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100, default_flow_style=None)
    return HEADER.format(name=name) + body


def check_protocol(text: str, source: str, model: Model) -> Model:
    """Parse and check the YAML text of an imported protocol against ``model``'s topics."""
    document = parse_yaml(text, source)
    return check_model_document(document, source, topics_from=model)


def protocol_data(protocol: Model, source: Path) -> dict:
    """A checked protocol (model or imported format) as imported-protocol data."""
    chapters = []
    for chapter in protocol.chapters:
        entry: dict = {"id": chapter.id}
        if chapter.title:
            entry["titel"] = chapter.title
        if chapter.number:
            entry["nummer"] = chapter.number
        if chapter.introduction:
            entry["inleiding"] = chapter.introduction
        entry["regels"] = []
        for rule in chapter.rules:
            item: dict = {"id": rule.id}
            if rule.number:
                item["nummer"] = rule.number
            if rule.level > 1:
                item["niveau"] = rule.level
            if rule.title:
                item["titel"] = rule.title
            item["tekst"] = rule.text
            if not rule.all_sectors:
                item["sectoren"] = list(rule.sectors)
            item["onderwerpen"] = list(rule.topics)
            if rule.proposed_topics:
                item["onderwerpen_voorstel"] = list(rule.proposed_topics)
            entry["regels"].append(item)
        chapters.append(entry)
    data: dict = {"versie": 1, "titel": protocol.title}
    if protocol.introduction:
        data["inleiding"] = protocol.introduction
    data["bron"] = dict(protocol.origin) if protocol.origin else {"bestand": source.name, "formaat": "yaml"}
    data["hoofdstukken"] = chapters
    return data


def _read_yaml(path: Path, raw: bytes, model: Model) -> Imported:
    try:
        document = parse_yaml(raw, str(path))
        protocol = check_model_document(document, str(path), topics_from=model)
    except (YamlError, ValidationError) as error:
        raise ImportProblem(str(error)) from None
    notes = []
    unknown = sorted({t for rule in protocol.rules() for t in rule.topics if t not in model.topics})
    if unknown:
        raise ImportProblem(
            f"{path}: de onderwerpen {', '.join(unknown)} staan niet in het modelprotocol; "
            "gebruik de onderwerpen van het modelprotocol."
        )
    return Imported(protocol_data(protocol, path), notes)


def _sniff(path: Path, raw: bytes) -> str:
    """The format of a file by its name, checked against its first bytes; Dutch error otherwise."""
    suffix = path.suffix.lower()
    if raw.startswith(b"%PDF"):
        raise ImportProblem(f"{path} is een pdf. Open het protocol in Word en sla het op als .docx, of exporteer het als tekst.")
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportProblem(f"{path} is een oud Word-bestand (.doc) of een met een wachtwoord beveiligd document. Open het in Word, haal een eventueel wachtwoord weg en sla het op als .docx.")
    if raw.startswith(b"PK"):
        if suffix not in ("", ".docx") and suffix in FORMATS:
            raise ImportProblem(f"{path} is een zip-bestand, geen {suffix}-tekstbestand.")
        return "docx"
    if suffix == ".docx":
        raise ImportProblem(f"{path} is geen geldig Word-bestand (.docx); het is beschadigd of heeft een verkeerde extensie.")
    if suffix in FORMATS:
        return FORMATS[suffix]
    raise ImportProblem(
        f"{path}: dit soort bestand kan niet worden geïmporteerd. Gebruik een Word-bestand (.docx), "
        "Markdown (.md) of YAML (.yaml)."
    )


def _check_zip(path: Path, raw: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise ImportProblem(f"{path} is geen geldig Word-bestand (.docx); het is beschadigd.") from None
    if "word/document.xml" not in names:
        raise ImportProblem(f"{path} is een zip-bestand, maar geen Word-document (.docx).")
    if unpacked > MAX_UNPACKED_BYTES:
        raise ImportProblem(f"{path} is uitgepakt te groot ({unpacked:,} bytes; maximaal {MAX_UNPACKED_BYTES:,}).".replace(",", "."))


def read_raw(path: Path) -> bytes:
    path = Path(path)
    if path.is_dir():
        raise ImportProblem(f"{path} is een map, geen bestand. Noem het Word-, Markdown- of YAML-bestand zelf.")
    try:
        with path.open("rb") as handle:
            raw = handle.read(MAX_IMPORT_BYTES + 1)
    except FileNotFoundError:
        raise ImportProblem(f"{path} bestaat niet.") from None
    except OSError as error:
        raise ImportProblem(f"{path} kan niet worden gelezen ({error.strerror}).") from None
    if not raw.strip():
        raise ImportProblem(f"{path} is leeg.")
    if len(raw) > MAX_IMPORT_BYTES:
        raise ImportProblem(f"{path} is te groot om te importeren (meer dan {MAX_IMPORT_BYTES // 1_000_000} MB).")
    return raw


def import_protocol(path: Path | str, model: Model) -> Imported:
    """Read a school's protocol (.docx, .md or .yaml) into imported-protocol data with topic proposals.

    Raises :class:`ImportProblem` with a Dutch message for anything that is not a readable protocol.
    """
    path = Path(path)
    raw = read_raw(path)
    file_format = _sniff(path, raw)
    if file_format == "docx":
        _check_zip(path, raw)
        imported = read_docx(path, raw)
    elif file_format == "md":
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ImportProblem(f"{path} is niet in UTF-8 opgeslagen; sla het bestand op als UTF-8.") from None
        if "\x00" in text:
            raise ImportProblem(f"{path} is geen tekstbestand (het bevat binaire gegevens).")
        imported = read_markdown(path, text)
    else:
        if len(raw) > MAX_BYTES:
            raise ImportProblem(f"{path} is te groot voor een YAML-bestand (maximaal {MAX_BYTES:,} bytes).".replace(",", "."))
        imported = _read_yaml(path, raw, model)
    if not imported.rule_count:
        raise ImportProblem(f"{path} bevat geen tekst die als regel kan worden overgenomen.")
    propose_topics(imported.data, model)
    text = dump_protocol(imported.data)
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise ImportProblem(f"{path} is te groot: het geïmporteerde protocol zou meer dan {MAX_BYTES:,} bytes zijn.".replace(",", "."))
    try:
        check_protocol(text, str(path), model)
    except (YamlError, ValidationError) as error:  # a bug if it happens: say so in Dutch, not with a traceback
        raise ImportProblem(f"{path}: het geïmporteerde protocol is niet geldig: {error}") from None
    return imported
