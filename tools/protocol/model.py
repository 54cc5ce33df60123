"""The model protocol as data: chapters with rules that have stable ids, topics and sectors.

A model also carries its version (``modelversie``, e.g. "2026.2"), a note about
who wrote it (``over``), per rule an optional source note (``grondslag``: the
law and article or named arrangement it rests on, for all of the rule's sectors
or per sector) and a change log since the previous version (``wijzigingen``): per rule ``nieuw``,
``gewijzigd``, ``geschrapt`` (with the old id in ``was``) or ``vervangen`` (a new id for the old rule ``was``;
several entries with the same ``was`` split it), each with its reason. ``protocolwizard bijwerken`` follows it.
Older model versions are kept in ``templates/modellen/<versie>.yaml``.

The same format holds a school's own protocol imported from Word, Markdown or YAML
(``protocol.eigen_protocol``): such a file has a ``bron`` block and no ``onderwerpen``
of its own (it uses the model's), its rules may lack a title, may have no confirmed
topics yet, and carry what Word showed (``nummer``, ``niveau``) and the matcher's
``onderwerpen_voorstel``. The model itself has ``trefwoorden`` per topic for that matcher.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterator

from .schema import Checker
from .strict_yaml import YamlDocument, load_yaml

#: The model, the answers template and the output templates, shipped as package data.
TEMPLATES_DIR = Path(str(resources.files("protocol").joinpath("templates")))
DEFAULT_MODEL = TEMPLATES_DIR / "voorbeeldprotocol.yaml"
#: Earlier versions of the model, one file per version ("2026.1.yaml").
MODELS_DIR = TEMPLATES_DIR / "modellen"

#: What a change-log entry says happened to a rule since the previous version.
CHANGE_KINDS: dict[str, str] = {
    "gewijzigd": "gewijzigd",
    "nieuw": "nieuw",
    "geschrapt": "geschrapt",
    "vervangen": "vervangen (nieuwe id)",
}
_VERSION = re.compile(r"^\d{4}\.\d+$")

#: Sectors of Dutch education, in the order readers expect them.
SECTORS: dict[str, str] = {
    "po": "primair onderwijs",
    "so": "speciaal onderwijs",
    "vo": "voortgezet onderwijs",
    "mbo": "middelbaar beroepsonderwijs",
}


def _sector_names(sectors: list[str]) -> str:
    """"po, so en vo"."""
    return sectors[0] if len(sectors) == 1 else ", ".join(sectors[:-1]) + " en " + sectors[-1]


@dataclass(frozen=True)
class Rule:
    id: str
    text: str
    topics: tuple[str, ...]
    sectors: tuple[str, ...]
    title: str
    #: Source notes: sector -> law and article; the key "" holds a note for all of the rule's sectors.
    legal_basis: tuple[tuple[str, str], ...] = ()
    number: str = ""  # as the school's own document shows it ("2.3.", "b.", "•"); imported protocols only
    level: int = 1  # list level in the school's own document (1 = top)
    proposed_topics: tuple[str, ...] = ()  # the matcher's proposals, for a person to confirm

    def applies_to(self, sector: str | None) -> bool:
        return sector is None or sector in self.sectors

    def source_note(self, sector: str | None = None) -> str:
        """The source note for one sector, or (``None``) for every sector, with the sector named."""
        notes = dict(self.legal_basis)
        if "" in notes:
            return notes[""]
        if sector is not None:
            return notes.get(sector, "")
        texts = list(dict.fromkeys(notes.values()))
        if len(texts) == 1 and set(notes) == set(self.sectors):
            return texts[0]
        return "; ".join(f"{_sector_names([s for s in SECTORS if notes.get(s) == text])}: {text}" for text in texts)

    @property
    def all_sectors(self) -> bool:
        return set(self.sectors) == set(SECTORS)


@dataclass(frozen=True)
class Chapter:
    id: str
    title: str
    introduction: str
    rules: tuple[Rule, ...]
    number: str = ""  # as the school's own document shows it; imported protocols only


@dataclass(frozen=True)
class Change:
    """One entry of the change log: what happened to a rule since the previous version, and why."""

    kind: str  # a key of CHANGE_KINDS
    rule_id: str  # the rule in this version ("" only for a removed rule)
    old_id: str  # the rule in the previous version ("" for a new rule)
    reason: str


@dataclass(frozen=True)
class Model:
    title: str
    introduction: str
    topics: dict[str, str]
    chapters: tuple[Chapter, ...]
    source: Path
    version: str = ""
    author: str = ""
    about: str = ""
    previous_version: str = ""
    changes: tuple[Change, ...] = field(default=())
    keywords: dict[str, tuple[str, ...]] = field(default_factory=dict)  # topic -> curated keywords
    origin: dict = field(default_factory=dict)  # ``bron`` of an imported protocol; empty for the model

    @property
    def is_imported(self) -> bool:
        return bool(self.origin)

    def rules(self) -> Iterator[Rule]:
        for chapter in self.chapters:
            yield from chapter.rules

    def rule(self, rule_id: str) -> Rule:
        for rule in self.rules():
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    def chapter(self, chapter_id: str) -> Chapter:
        for chapter in self.chapters:
            if chapter.id == chapter_id:
                return chapter
        raise KeyError(chapter_id)

    def chapter_of(self, rule_id: str) -> Chapter:
        for chapter in self.chapters:
            if any(rule.id == rule_id for rule in chapter.rules):
                return chapter
        raise KeyError(rule_id)


def _check(checker: Checker, data: object, model_topics: dict[str, str] | None = None) -> None:
    imported = isinstance(data, dict) and "bron" in data
    required = {"versie", "titel", "bron", "hoofdstukken"} if imported else {"versie", "titel", "onderwerpen", "hoofdstukken"}
    if not checker.mapping((), data, required, {"inleiding", "trefwoorden", "modelversie", "auteur", "over", "wijzigingen"} | ({"onderwerpen"} if imported else set())):
        return
    if data.get("versie") != 1:
        checker.fail(("versie",), "alleen versie 1 van het bestandsformaat van het modelprotocol wordt ondersteund.")
    _check_version(checker, ("modelversie",), data.get("modelversie"), required=False)
    checker.text(("titel",), data.get("titel"))
    checker.text(("inleiding",), data.get("inleiding"), required=False)
    checker.text(("over",), data.get("over"), required=False)
    checker.text(("auteur",), data.get("auteur"), required=False, max_length=200)
    if imported:
        _check_origin(checker, data)
        topics = model_topics or {}
    else:
        topics = data.get("onderwerpen")
    if imported and "onderwerpen" in data:
        checker.fail(("onderwerpen",), "een eigen protocol gebruikt de onderwerpen van het modelprotocol; laat dit veld weg.")
    elif checker.is_type(("onderwerpen",), topics, dict):
        for key, value in topics.items():
            checker.identifier(("onderwerpen", key), key) and checker.text(("onderwerpen", key), value)
    else:
        topics = {}
    _check_keywords(checker, data.get("trefwoorden"), topics)
    chapters = data.get("hoofdstukken")
    if not checker.is_type(("hoofdstukken",), chapters, list):
        return
    seen_chapters: set[str] = set()
    seen_rules: set[str] = set()
    for index, chapter in enumerate(chapters):
        path = ("hoofdstukken", index)
        optional = {"inleiding", "nummer"} if imported else {"inleiding"}
        if not checker.mapping(path, chapter, {"id", "regels"} | (set() if imported else {"titel"}), optional | {"titel"}):
            continue
        if checker.identifier(path + ("id",), chapter.get("id")):
            if chapter["id"] in seen_chapters:
                checker.fail(path + ("id",), f"het hoofdstuk-id '{chapter['id']}' komt twee keer voor.")
            seen_chapters.add(chapter["id"])
        checker.text(path + ("titel",), chapter.get("titel"), required=not imported)
        checker.text(path + ("nummer",), chapter.get("nummer"), required=False, max_length=40)
        checker.text(path + ("inleiding",), chapter.get("inleiding"), required=False)
        rules = chapter.get("regels")
        if not checker.is_type(path + ("regels",), rules, list):
            continue
        for rule_index, rule in enumerate(rules):
            rule_path = path + ("regels", rule_index)
            required = {"id", "tekst", "onderwerpen"} | (set() if imported else {"titel"})
            optional = {"sectoren", "titel", "grondslag"} | ({"nummer", "niveau", "onderwerpen_voorstel"} if imported else set())
            if not checker.mapping(rule_path, rule, required, optional):
                continue
            if checker.identifier(rule_path + ("id",), rule.get("id")):
                if rule["id"] in seen_rules:
                    checker.fail(rule_path + ("id",), f"het regel-id '{rule['id']}' komt twee keer voor.")
                seen_rules.add(rule["id"])
            checker.text(rule_path + ("tekst",), rule.get("tekst"))
            checker.text(rule_path + ("titel",), rule.get("titel"), max_length=120 if not imported else 20_000, required=not imported)
            for key in ("onderwerpen", "onderwerpen_voorstel"):
                rule_topics = rule.get(key, [])
                if checker.is_type(rule_path + (key,), rule_topics, list):
                    if not rule_topics and not imported and key == "onderwerpen":
                        checker.fail(rule_path + (key,), "noem minstens één onderwerp.")
                    for topic_index, topic in enumerate(rule_topics):
                        checker.known(rule_path + (key, topic_index), topic, topics, "onderwerp")
            if imported:
                checker.text(rule_path + ("nummer",), rule.get("nummer"), required=False, max_length=40)
                level = rule.get("niveau", 1)
                if checker.is_type(rule_path + ("niveau",), level, int) and not 1 <= level <= 9:
                    checker.fail(rule_path + ("niveau",), "het niveau is een getal van 1 tot en met 9.")
            sectors = rule.get("sectoren", list(SECTORS))
            if checker.is_type(rule_path + ("sectoren",), sectors, list):
                if not sectors:
                    checker.fail(rule_path + ("sectoren",), "noem minstens één sector, of laat het veld weg.")
                for sector_index, sector in enumerate(sectors):
                    checker.choice(rule_path + ("sectoren", sector_index), sector, tuple(SECTORS))
            else:
                sectors = []
            if "grondslag" in rule:
                _check_legal_basis(checker, rule_path + ("grondslag",), rule["grondslag"], sectors)
    if "wijzigingen" in data:
        _check_changes(checker, data["wijzigingen"], seen_rules, data.get("modelversie"))


def _check_version(checker: Checker, path: tuple, value: object, required: bool) -> bool:
    if value is None and not required:
        return True
    if not checker.text(path, value):
        return False
    if not _VERSION.match(value):
        checker.fail(path, f"'{value}' is geen geldige modelversie: schrijf jaar.volgnummer tussen aanhalingstekens, zoals \"2026.2\".")
        return False
    return True


def _version_key(version: str) -> tuple[int, int]:
    year, number = version.split(".")
    return int(year), int(number)


def _check_legal_basis(checker: Checker, path: tuple, value: object, sectors: list) -> None:
    """``grondslag``: one text for all of the rule's sectors, or a block sector -> text."""
    if isinstance(value, str):
        checker.text(path, value, max_length=300)
        return
    if not isinstance(value, dict):
        checker.fail(path, "hier hoort tekst (wet en artikel) of een blok met per sector een tekst.")
        return
    if not value:
        checker.fail(path, "noem minstens één sector met een grondslag, of laat het veld weg.")
    for sector, text in value.items():
        if checker.choice(path + (sector,), sector, tuple(SECTORS)):
            if sector not in sectors:
                checker.fail(path + (sector,), f"de regel geldt niet voor de sector '{sector}'.")
            checker.text(path + (sector,), text, max_length=300)


def _check_changes(checker: Checker, value: object, rule_ids: set[str], version: object) -> None:
    """``wijzigingen``: the previous version and one entry per rule that changed since."""
    path = ("wijzigingen",)
    if not checker.mapping(path, value, {"vorige", "lijst"}, set()):
        return
    if version is None:
        checker.fail(path, "een lijst met wijzigingen hoort bij een modelversie; vul ook 'modelversie' in.")
    if _check_version(checker, path + ("vorige",), value.get("vorige"), required=True) and isinstance(version, str):
        if _VERSION.match(version) and _version_key(value["vorige"]) >= _version_key(version):
            checker.fail(path + ("vorige",), f"de vorige versie '{value['vorige']}' moet ouder zijn dan '{version}'.")
    entries = value.get("lijst")
    if not checker.is_type(path + ("lijst",), entries, list):
        return
    mentioned: set[str] = set()
    for index, entry in enumerate(entries):
        entry_path = path + ("lijst", index)
        if not checker.mapping(entry_path, entry, {"soort", "reden"}, {"regel", "was"}):
            continue
        checker.text(entry_path + ("reden",), entry.get("reden"))
        if not checker.choice(entry_path + ("soort",), entry.get("soort"), tuple(CHANGE_KINDS)):
            continue
        kind = entry["soort"]
        needs_rule = kind != "geschrapt"
        needs_old = kind in ("geschrapt", "vervangen")
        for key, needed in (("regel", needs_rule), ("was", needs_old)):
            if needed and key not in entry:
                checker.fail(entry_path, f"bij soort '{kind}' hoort het veld '{key}'.")
            elif not needed and key in entry:
                checker.fail(entry_path + (key,), f"bij soort '{kind}' hoort geen veld '{key}'.")
        if needs_rule and "regel" in entry and checker.known(entry_path + ("regel",), entry["regel"], rule_ids, "regel"):
            if entry["regel"] in mentioned:
                checker.fail(entry_path + ("regel",), f"over regel '{entry['regel']}' staan twee wijzigingen; houd er één.")
            mentioned.add(entry["regel"])
        if needs_old and "was" in entry and checker.identifier(entry_path + ("was",), entry["was"]):
            if entry["was"] in rule_ids:
                checker.fail(entry_path + ("was",), f"de oude regel '{entry['was']}' staat nog in het model; gebruik soort 'gewijzigd'.")


def _check_origin(checker: Checker, data: dict) -> None:
    """``bron`` of an imported protocol: the file it came from and its format."""
    origin = data.get("bron")
    if checker.mapping(("bron",), origin, {"bestand", "formaat"}, set()):
        checker.text(("bron", "bestand"), origin.get("bestand"), max_length=1000)
        checker.choice(("bron", "formaat"), origin.get("formaat"), ("docx", "md", "yaml"))


def _check_keywords(checker: Checker, keywords: object, topics: dict) -> None:
    """``trefwoorden``: per topic a list of words or phrases that suggest it (for the topic matcher)."""
    if keywords is None or not checker.is_type(("trefwoorden",), keywords, dict):
        return
    for topic, words in keywords.items():
        path = ("trefwoorden", topic)
        if checker.known(path, topic, topics, "onderwerp") and checker.is_type(path, words, list):
            for index, word in enumerate(words):
                checker.text(path + (index,), word, max_length=80)


def _build(data: dict, source: Path, model_topics: dict[str, str] | None = None) -> Model:
    chapters = tuple(
        Chapter(
            id=chapter["id"],
            title=(chapter.get("titel") or "").strip(),
            number=chapter.get("nummer", ""),
            introduction=(chapter.get("inleiding") or "").strip(),
            rules=tuple(
                Rule(
                    id=rule["id"],
                    text=rule["tekst"].strip(),
                    topics=tuple(rule["onderwerpen"]),
                    sectors=tuple(s for s in SECTORS if s in rule.get("sectoren", list(SECTORS))),
                    title=(rule.get("titel") or "").strip(),
                    number=rule.get("nummer", ""),
                    level=rule.get("niveau", 1),
                    proposed_topics=tuple(rule.get("onderwerpen_voorstel", ())),
                    legal_basis=_legal_basis(rule.get("grondslag")),
                )
                for rule in chapter["regels"]
            ),
        )
        for chapter in data["hoofdstukken"]
    )
    return Model(
        title=data["titel"].strip(),
        introduction=(data.get("inleiding") or "").strip(),
        topics=dict(model_topics if "bron" in data else data["onderwerpen"]),
        chapters=chapters,
        source=source,
        version=data.get("modelversie") or "",
        author=" ".join((data.get("auteur") or "").split()),
        about=" ".join((data.get("over") or "").split()),
        previous_version=(data.get("wijzigingen") or {}).get("vorige", ""),
        changes=tuple(
            Change(
                kind=entry["soort"],
                rule_id=entry.get("regel", ""),
                old_id=entry.get("was", ""),
                reason=" ".join(entry["reden"].split()),
            )
            for entry in (data.get("wijzigingen") or {}).get("lijst", [])
        ),
        keywords={topic: tuple(words) for topic, words in (data.get("trefwoorden") or {}).items()},
        origin=dict(data.get("bron") or {}),
    )


def _legal_basis(value: str | dict | None) -> tuple[tuple[str, str], ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (("", " ".join(value.split())),)
    return tuple((sector, " ".join(value[sector].split())) for sector in SECTORS if sector in value)


def load_model(path: Path | str = DEFAULT_MODEL, *, topics_from: Model | None = None) -> Model:
    """Read and check the model protocol, or a school's imported protocol (checked against the
    topics of ``topics_from``, by default the shipped model); problems raise a Dutch
    ``ValidationError``/``YamlError``."""
    path = Path(path)
    return check_model_document(load_yaml(path), path, topics_from=topics_from)


def check_model_document(document: YamlDocument, source: Path | str, *, topics_from: Model | None = None) -> Model:
    """Check parsed YAML as a model (or an imported protocol) and build it; see :func:`load_model`."""
    topics = None
    if isinstance(document.data, dict) and "bron" in document.data:
        topics = (topics_from or current_model()).topics
    checker = Checker(document)
    _check(checker, document.data, topics)
    checker.done()
    return _build(document.data, Path(source), topics)


@lru_cache(maxsize=8)
def cached_model(path: Path, _mtime_ns: int) -> Model:
    return load_model(path)


def current_model(path: Path = DEFAULT_MODEL) -> Model:
    """The model, re-read only when its file changed (for the Sphinx build)."""
    path = Path(path).resolve()
    return cached_model(path, path.stat().st_mtime_ns)
