"""What a rendering of the protocol shows: numbered chapters and rules for one sector (or all).

Templates receive one :class:`ProtocolDocument` as ``doc``; every field has a
value, so the templates can use ``StrictUndefined``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from babel.dates import format_date

from kern.loader import Card

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
    grondslag: str = ""  # the law and article (or named arrangement) the rule rests on, for this sector

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
    about: str = ""  # the model's note on who wrote it ("Over dit modelprotocol"); empty in a school's draft
    model_version: str = ""  # the model version ("2026.2") the document was made from
    author: str = ""  # who wrote the model (not Kennisnet: the card texts are not in it); empty in a draft

    @property
    def sector_name(self) -> str:
        return SECTORS[self.sector] if self.sector else ""

    @property
    def is_draft(self) -> bool:
        """A school's draft (from the wizard) rather than the model itself."""
        return bool(self.school)

    @property
    def consent_body(self) -> str:
        """Who consents before the board adopts the protocol (the model's rules vaststelling-medezeggenschap*)."""
        if self.sector == "mbo":
            return ("de ondernemingsraad (en de studentenraad, als het medezeggenschapsreglement van de "
                    "instelling dat bepaalt)")
        return ("de medezeggenschapsraad (MR of GMR) of, voor regels over het personeel, de personeelsgeleding, "
                "zoals het medezeggenschapsreglement van de school bepaalt")

    @property
    def info_rows(self) -> list[tuple[str, str]]:
        """The draft's particulars as (label, value) rows; empty for the model."""
        if not self.is_draft:
            return []
        school, session = self.school, self.session
        person = school.get("vertrouwenspersoon") or {}
        contact = " ".join(p for p in (person.get("naam") or "", f"({person['email']})" if person.get("email") else "") if p)
        rows = [
            ("School", school.get("naam") or ""),
            ("Plaats", school.get("plaats") or ""),
            ("Bestuur", school.get("bestuur") or ""),
            ("Sector", f"{self.sector_name} ({self.sector})" if self.sector else ""),
            ("Vertrouwenspersoon", contact),
            ("Status", self.status),
            ("Datum teamgesprek", format_day(session.get("datum") or "")),
            ("Gespreksleider", session.get("gespreksleider") or ""),
            ("Besproken kaarten", dutch_list(session.get("kaarten_titels") or [])),
            ("Voorgestelde evaluatiedatum", format_day(self.review_date)),
        ]
        return [(label, value) for label, value in rows if value]

    @property
    def subtitle(self) -> str:
        if self.sector:
            return f"Versie voor het {self.sector_name} ({self.sector})"
        return "Alle sectoren: po, so, vo en mbo"


def format_day(value: str) -> str:
    """"2026-11-21" -> "21 november 2026"; anything else is returned as it is."""
    try:
        return format_date(date.fromisoformat(value), "d MMMM y", locale="nl")
    except (TypeError, ValueError):
        return value


def dutch_list(items: list[str] | tuple[str, ...]) -> str:
    """"a, b en c"."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " en " + items[-1]


def sector_list(sectors: tuple[str, ...] | list[str]) -> str:
    """"po, so en vo", in the usual order of the sectors."""
    return dutch_list([s for s in SECTORS if s in sectors])


def rule_view(
    number: str, rule: Rule, cards: list[Card], change: str = "", text: str | None = None, sector: str | None = None
) -> RuleView:
    return RuleView(
        id=rule.id,
        number=number,
        title=rule.title,
        text=rule.text if text is None else text,
        sectors=rule.sectors,
        topics=rule.topics,
        kwesties=tuple(kwesties_for_rule(rule, cards)),
        change=change,
        grondslag=rule.source_note(sector),
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
                rules=tuple(rule_view(f"{number}.{i}", rule, cards, sector=sector) for i, rule in enumerate(rules, 1)),
            )
        )
    return ProtocolDocument(
        title=model.title, introduction=model.introduction, chapters=tuple(chapters), sector=sector,
        about=model.about, model_version=model.version, author=model.author,
    )


def rule_numbers(document: ProtocolDocument) -> dict[str, str]:
    """Rule id -> number as shown in this document."""
    return {rule.id: rule.number for chapter in document.chapters for rule in chapter.rules}
