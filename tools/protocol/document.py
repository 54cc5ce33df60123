"""What a rendering of the protocol shows: numbered chapters and rules for one sector (or all).

Templates receive one :class:`ProtocolDocument` as ``doc``; every field has a
value, so the templates can use ``StrictUndefined``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from handboek.loader import Card

from .model import SECTORS, Model, Rule
from .trace import KwestieRef, kwesties_for_rule


@dataclass(frozen=True)
class RuleView:
    id: str
    number: str
    title: str
    text: str
    sectors: tuple[str, ...]
    topics: tuple[str, ...] = ()
    kwesties: tuple[KwestieRef, ...] = ()
    change: str = ""  # "", "gewijzigd" or "nieuw"

    @property
    def all_sectors(self) -> bool:
        return set(self.sectors) == set(SECTORS)

    @property
    def sectors_label(self) -> str:
        return sector_list(self.sectors)

    @property
    def heading(self) -> str:
        return f"{self.number} {self.title}".strip()


@dataclass(frozen=True)
class ChapterView:
    id: str
    number: int
    title: str
    introduction: str
    rules: tuple[RuleView, ...]


@dataclass(frozen=True)
class ProtocolDocument:
    title: str
    introduction: str
    chapters: tuple[ChapterView, ...]
    sector: str | None = None
    status: str = "Voorbeeld"
    school: dict = field(default_factory=dict)
    session: dict = field(default_factory=dict)
    versions: tuple[dict, ...] = ()
    review_date: str = ""

    @property
    def sector_name(self) -> str:
        return SECTORS[self.sector] if self.sector else ""

    @property
    def subtitle(self) -> str:
        if self.sector:
            return f"Versie voor het {self.sector_name} ({self.sector})"
        return "Alle sectoren: po, so, vo en mbo"


def sector_list(sectors: tuple[str, ...] | list[str]) -> str:
    """"po, so en vo"."""
    names = [s for s in SECTORS if s in sectors]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]


def rule_view(number: str, rule: Rule, cards: list[Card], change: str = "", text: str | None = None) -> RuleView:
    return RuleView(
        id=rule.id,
        number=number,
        title=rule.title,
        text=rule.text if text is None else text,
        sectors=rule.sectors,
        topics=rule.topics,
        kwesties=tuple(kwesties_for_rule(rule, cards)),
        change=change,
    )


def model_document(model: Model, cards: list[Card], sector: str | None = None) -> ProtocolDocument:
    """The model protocol as it stands, for one sector or (``None``) for all."""
    chapters = []
    for chapter in model.chapters:
        rules = [rule for rule in chapter.rules if rule.applies_to(sector)]
        if not rules:
            continue
        number = len(chapters) + 1
        chapters.append(
            ChapterView(
                id=chapter.id,
                number=number,
                title=chapter.title,
                introduction=chapter.introduction,
                rules=tuple(rule_view(f"{number}.{i}", rule, cards) for i, rule in enumerate(rules, 1)),
            )
        )
    return ProtocolDocument(
        title=model.title, introduction=model.introduction, chapters=tuple(chapters), sector=sector
    )


def rule_numbers(document: ProtocolDocument) -> dict[str, str]:
    """Rule id -> number as shown in this document."""
    return {rule.id: rule.number for chapter in document.chapters for rule in chapter.rules}
