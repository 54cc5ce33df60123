"""What a rendering of the protocol shows: numbered chapters and rules for one sector (or all).

A :class:`ProtocolDocument` is the model protocol or a school's draft; a
:class:`ChangeReport` is the report that goes with a draft. Both are plain
data: :mod:`protocol.layout` turns them into a page of blocks and the writers
in :mod:`protocol.writers` render that page. Every field has a value (an empty
text when there is none), so nothing downstream has to guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from babel.dates import format_date

from kern.loader import Card

from . import teksten
from .model import SECTORS, Model, Rule
from .trace import KwestieIndex, KwestieRef

if TYPE_CHECKING:  # only named in annotations; importing it loads every writer
    from .vergelijking import Comparison


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

    @property
    def anchor(self) -> str:
        """The rule's anchor in HTML and on the handbook page (ids are unique within a document)."""
        return f"regel-{self.id}"


@dataclass(frozen=True)
class ChapterView:
    id: str
    number: int
    title: str
    introduction: str
    rules: tuple[RuleView, ...]
    #: The chapter's number as a school's own protocol shows it ("2.", or "" for none); None: ``number``.
    own_number: str | None = None

    @property
    def heading(self) -> str:
        if self.own_number is None:
            return f"{self.number}. {self.title}"
        return f"{self.own_number} {self.title}".strip()


@dataclass(frozen=True)
class SessionView:
    """One team session behind a draft made from several answers files: when, who led it, which cards, which file."""

    day: str  # YYYY-MM-DD
    leader: str
    cards: tuple[str, ...]  # card titles
    file: str  # the answers file's name

    @property
    def label(self) -> str:
        """"teamgesprek van 12 november 2026 over De populaire hiphopleraar (sessie-2.yaml)"."""
        text = teksten.SESSION_LABEL.format(datum=format_day(self.day))
        if self.cards:
            text += teksten.SESSION_CARDS.format(kaarten=dutch_list(self.cards))
        return text + teksten.SESSION_FILE.format(bestand=self.file)


@dataclass(frozen=True)
class Version:
    """One line of a draft's version table."""

    number: str
    day: str  # YYYY-MM-DD or ""
    description: str


@dataclass(frozen=True)
class ProtocolDocument:
    """The model (``school_name`` empty) or a school's draft.

    ``particulars`` are the draft's "Over dit document" rows (label, value);
    ``board`` names the school board in the adoption fields.
    """

    title: str
    introduction: str
    chapters: tuple[ChapterView, ...]
    sector: str | None = None
    status: str = teksten.MODEL_STATUS
    school_name: str = ""
    board: str = ""
    particulars: tuple[tuple[str, str], ...] = ()
    versions: tuple[Version, ...] = ()
    review_date: str = ""
    about: str = ""  # the model's note on who wrote it ("Over dit modelprotocol"); empty in a school's draft
    model_version: str = ""  # the model version ("2026.2") the document was made from
    author: str = ""  # who wrote the model (not Kennisnet: the card texts are not in it); empty in a draft
    #: A draft's placeholders still open, each with the numbers of the rules it stands in (first page).
    to_fill_in: tuple[tuple[str, tuple[str, ...]], ...] = ()
    adoption_basis: str = ""  # the law the adoption rests on, from the model's adoption rule for the sector

    @property
    def signatories(self) -> tuple[str, ...]:
        """Who consents before the board adopts, one signature block each."""
        return teksten.SIGNATORIES.get(self.sector, teksten.SIGNATORIES[None])

    @property
    def sector_name(self) -> str:
        return SECTORS.get(self.sector, "") if self.sector else ""

    @property
    def is_draft(self) -> bool:
        """A school's draft (from the wizard) rather than the model itself."""
        return bool(self.school_name)

    @property
    def consent_body(self) -> str:
        """Who consents before the board adopts the protocol."""
        return teksten.CONSENT_BODY.get(self.sector, teksten.CONSENT_BODY[None])

    @property
    def subtitle(self) -> str:
        if self.sector:
            return teksten.SUBTITLE_SECTOR.format(naam=self.sector_name, code=self.sector)
        return teksten.SUBTITLE_ALL.format(sectoren=sector_list(tuple(SECTORS)))

    def rules(self) -> list[RuleView]:
        return [rule for chapter in self.chapters for rule in chapter.rules]


@dataclass(frozen=True)
class Change:
    """One line of the change report."""

    kind: str  # teksten.CHANGED, REMOVED, ADDED or KEPT_KIND
    number: str  # the rule's number in the draft, or in the model for a removed rule
    title: str
    old_text: str
    new_text: str
    reason: str
    kwestie: KwestieRef | None
    #: The sessions behind the change, when several sessions are combined (the first one decided it).
    sessions: tuple[SessionView, ...] = ()
    revises: tuple[SessionView, ...] = ()  # the earlier sessions whose decision this one revises (herzien)


@dataclass(frozen=True)
class SessionScope:
    """What a session discussed and what it did not (the report's own section; "niet besproken" is the default)."""

    kwesties: tuple[KwestieRef, ...]  # discussed
    not_discussed: tuple[KwestieRef, ...]  # kwesties of the chosen cards the team did not discuss
    other_cards: tuple[str, ...]  # titles of cards not discussed at all
    decided_rules: tuple[tuple[str, str], ...]  # (number, title) kept, changed or removed by the team
    open_rules: tuple[tuple[str, str], ...]  # (number, title) not discussed: as in the model


@dataclass(frozen=True)
class ChangeReport:
    """Why each rule of a draft changed: changes, rules discussed and kept, open placeholders."""

    document: ProtocolDocument
    changes: tuple[Change, ...]
    kept: tuple[Change, ...]
    placeholders: tuple[str, ...] = ()
    session_date: str = ""
    session_leader: str = ""
    scope: SessionScope | None = None  # branch 'wizard': discussed and not discussed
    sessions: tuple[SessionView, ...] = ()  # several sessions combined into one draft, in date order
    base_name: str = ""  # the file of the school's own protocol when it is the base; "" for the model
    #: The own protocol (the base) compared with the model's topics and the cards' kwesties; None for the model.
    coverage: Comparison | None = None

    def count(self, kind: str) -> int:
        return sum(1 for change in self.changes if change.kind == kind)


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
    number: str, rule: Rule, cards: list[Card] | KwestieIndex, change: str = "", text: str | None = None,
    sector: str | None = None,
) -> RuleView:
    """``cards``: the cards, or (for many rules) their :class:`KwestieIndex`."""
    index = cards if isinstance(cards, KwestieIndex) else KwestieIndex(cards)
    return RuleView(
        id=rule.id,
        number=number,
        title=rule.title,
        text=rule.text if text is None else text,
        sectors=rule.sectors,
        topics=rule.topics,
        kwesties=tuple(index.for_rule(rule)),
        change=change,
        grondslag=rule.source_note(sector),
    )


def model_document(model: Model, cards: list[Card] | KwestieIndex, sector: str | None = None) -> ProtocolDocument:
    """The model protocol as it stands, for one sector or (``None``) for all.

    A school's own (imported) protocol keeps its own numbers, as its document shows them. ``cards``: the cards,
    or their :class:`KwestieIndex` (made once for the documents of several sectors).
    """
    own = model.is_imported
    index = cards if isinstance(cards, KwestieIndex) else KwestieIndex(cards)
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
                rules=tuple(rule_view(rule.number if own else f"{number}.{i}", rule, index, sector=sector)
                            for i, rule in enumerate(rules, 1)),
                own_number=chapter.number if own else None,
            )
        )
    return ProtocolDocument(
        title=model.title, introduction=model.introduction, chapters=tuple(chapters), sector=sector,
        about=model.about, model_version=model.version, author=model.author,
    )


def rule_numbers(document: ProtocolDocument) -> dict[str, str]:
    """Rule id -> number as shown in this document."""
    return {rule.id: rule.number for chapter in document.chapters for rule in chapter.rules}
