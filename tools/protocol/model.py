"""The model protocol as data: chapters with rules that have stable ids, topics and sectors."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterator

from .schema import Checker
from .strict_yaml import load_yaml

#: The model, the answers template and the output templates, shipped as package data.
TEMPLATES_DIR = Path(str(resources.files("protocol").joinpath("templates")))
DEFAULT_MODEL = TEMPLATES_DIR / "voorbeeldprotocol.yaml"

#: Sectors of Dutch education, in the order readers expect them.
SECTORS: dict[str, str] = {
    "po": "primair onderwijs",
    "so": "speciaal onderwijs",
    "vo": "voortgezet onderwijs",
    "mbo": "middelbaar beroepsonderwijs",
}


@dataclass(frozen=True)
class Rule:
    id: str
    text: str
    topics: tuple[str, ...]
    sectors: tuple[str, ...]
    title: str

    def applies_to(self, sector: str | None) -> bool:
        return sector is None or sector in self.sectors

    @property
    def all_sectors(self) -> bool:
        return set(self.sectors) == set(SECTORS)


@dataclass(frozen=True)
class Chapter:
    id: str
    title: str
    introduction: str
    rules: tuple[Rule, ...]


@dataclass(frozen=True)
class Model:
    title: str
    introduction: str
    topics: dict[str, str]
    chapters: tuple[Chapter, ...]
    source: Path

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


def _check(checker: Checker, data: object) -> None:
    if not checker.mapping((), data, {"versie", "titel", "onderwerpen", "hoofdstukken"}, {"inleiding"}):
        return
    if data.get("versie") != 1:
        checker.fail(("versie",), "alleen versie 1 van het voorbeeldprotocol wordt ondersteund.")
    checker.text(("titel",), data.get("titel"))
    checker.text(("inleiding",), data.get("inleiding"), required=False)
    topics = data.get("onderwerpen")
    if checker.is_type(("onderwerpen",), topics, dict):
        for key, value in topics.items():
            checker.identifier(("onderwerpen", key), key) and checker.text(("onderwerpen", key), value)
    else:
        topics = {}
    chapters = data.get("hoofdstukken")
    if not checker.is_type(("hoofdstukken",), chapters, list):
        return
    seen_chapters: set[str] = set()
    seen_rules: set[str] = set()
    for index, chapter in enumerate(chapters):
        path = ("hoofdstukken", index)
        if not checker.mapping(path, chapter, {"id", "titel", "regels"}, {"inleiding"}):
            continue
        if checker.identifier(path + ("id",), chapter.get("id")):
            if chapter["id"] in seen_chapters:
                checker.fail(path + ("id",), f"het hoofdstuk-id '{chapter['id']}' komt twee keer voor.")
            seen_chapters.add(chapter["id"])
        checker.text(path + ("titel",), chapter.get("titel"))
        checker.text(path + ("inleiding",), chapter.get("inleiding"), required=False)
        rules = chapter.get("regels")
        if not checker.is_type(path + ("regels",), rules, list):
            continue
        for rule_index, rule in enumerate(rules):
            rule_path = path + ("regels", rule_index)
            if not checker.mapping(rule_path, rule, {"id", "titel", "tekst", "onderwerpen"}, {"sectoren"}):
                continue
            if checker.identifier(rule_path + ("id",), rule.get("id")):
                if rule["id"] in seen_rules:
                    checker.fail(rule_path + ("id",), f"het regel-id '{rule['id']}' komt twee keer voor.")
                seen_rules.add(rule["id"])
            checker.text(rule_path + ("tekst",), rule.get("tekst"))
            checker.text(rule_path + ("titel",), rule.get("titel"), max_length=120)
            rule_topics = rule.get("onderwerpen")
            if checker.is_type(rule_path + ("onderwerpen",), rule_topics, list):
                if not rule_topics:
                    checker.fail(rule_path + ("onderwerpen",), "noem minstens één onderwerp.")
                for topic_index, topic in enumerate(rule_topics):
                    checker.known(rule_path + ("onderwerpen", topic_index), topic, topics, "onderwerp")
            sectors = rule.get("sectoren", list(SECTORS))
            if checker.is_type(rule_path + ("sectoren",), sectors, list):
                if not sectors:
                    checker.fail(rule_path + ("sectoren",), "noem minstens één sector, of laat het veld weg.")
                for sector_index, sector in enumerate(sectors):
                    checker.choice(rule_path + ("sectoren", sector_index), sector, tuple(SECTORS))


def _build(data: dict, source: Path) -> Model:
    chapters = tuple(
        Chapter(
            id=chapter["id"],
            title=chapter["titel"].strip(),
            introduction=(chapter.get("inleiding") or "").strip(),
            rules=tuple(
                Rule(
                    id=rule["id"],
                    text=rule["tekst"].strip(),
                    topics=tuple(rule["onderwerpen"]),
                    sectors=tuple(s for s in SECTORS if s in rule.get("sectoren", list(SECTORS))),
                    title=rule["titel"].strip(),
                )
                for rule in chapter["regels"]
            ),
        )
        for chapter in data["hoofdstukken"]
    )
    return Model(
        title=data["titel"].strip(),
        introduction=(data.get("inleiding") or "").strip(),
        topics=dict(data["onderwerpen"]),
        chapters=chapters,
        source=source,
    )


def load_model(path: Path | str = DEFAULT_MODEL) -> Model:
    """Read and check the model protocol; problems raise a Dutch ``ValidationError``/``YamlError``."""
    path = Path(path)
    document = load_yaml(path)
    checker = Checker(document)
    _check(checker, document.data)
    checker.done()
    return _build(document.data, path)


@lru_cache(maxsize=8)
def cached_model(path: Path, _mtime_ns: int) -> Model:
    return load_model(path)


def current_model(path: Path = DEFAULT_MODEL) -> Model:
    """The model, re-read only when its file changed (for the Sphinx build)."""
    path = Path(path).resolve()
    return cached_model(path, path.stat().st_mtime_ns)
