"""From answers to a draft: the school's protocol and the change report.

The draft holds only the rules for the school's sector, with the group's
changes applied, removed rules left out and new rules added at the end of
their chapter. Placeholders such as ``[naam school]`` are filled in where the
answers give the value. The change report says, for every rule changed,
removed or added, the old and new text, why, and where it was discussed.
Private notes (``notities``) are used by neither.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from protocol.document import ChapterView, ProtocolDocument, RuleView, dutch_list, format_day, model_document
from protocol.model import SECTORS
from protocol.trace import KwestieRef, kwestie_ref

from .answers import Answers, Context

#: Placeholders in the model's texts and the school field that fills each.
PLACEHOLDERS = {
    "[naam school]": ("naam",),
    "[naam vertrouwenspersoon]": ("vertrouwenspersoon", "naam"),
}

DRAFT_VERSION = "0.1"

DRAFT_INTRODUCTION = (
    "Dit protocol beschrijft hoe medewerkers van {naam} omgaan met sociale media. Het is een concept: "
    "het is gebaseerd op het Voorbeeldprotocol Sociale media op school en aangepast na het teamgesprek "
    "van {datum}. Het geldt pas nadat het bestuur het na instemming van {instemming} heeft vastgesteld. "
    "Het wijzigingsverslag bij dit concept zegt welke regels zijn veranderd en waarom."
)
_PLACEHOLDER = re.compile(r"\[[^\[\]\n]{1,60}\]")


@dataclass(frozen=True)
class Change:
    """One line of the change report."""

    kind: str  # "gewijzigd", "geschrapt" or "nieuw"
    number: str  # the rule's number in the draft, or in the model for a removed rule
    title: str
    old_text: str
    new_text: str
    reason: str
    kwestie: KwestieRef | None


@dataclass(frozen=True)
class Draft:
    document: ProtocolDocument
    changes: tuple[Change, ...]
    kept: tuple[Change, ...]  # rules the group discussed and kept, with their reasons

    @property
    def open_placeholders(self) -> list[str]:
        """Placeholders such as [functie] the school still has to fill in, in order of appearance."""
        texts = [rule.text for chapter in self.document.chapters for rule in chapter.rules]
        return list(dict.fromkeys(match for text in texts for match in _PLACEHOLDER.findall(text)))


def _school_value(school: dict, path: tuple[str, ...]) -> str:
    value: object = school
    for key in path:
        value = value.get(key) if isinstance(value, dict) else None
    return value.strip() if isinstance(value, str) else ""


def fill_placeholders(text: str, school: dict) -> str:
    for placeholder, path in PLACEHOLDERS.items():
        value = _school_value(school, path)
        if value:
            text = text.replace(placeholder, value)
    return text


def _kwestie(context: Context, kwestie_id: str | None) -> KwestieRef | None:
    if not kwestie_id:
        return None
    card_id, _, number = kwestie_id.rpartition("/")
    card = context.card_ids.get(card_id)
    return kwestie_ref(card, card.kwestie(int(number))) if card else None


def review_date(session_date: str) -> str:
    """A proposed review date: one year after the session ('' when there is no such date)."""
    try:
        day = date.fromisoformat(session_date)
    except ValueError:
        return ""
    if day.year >= date.max.year:
        return ""
    if (day.month, day.day) == (2, 29):
        day = day.replace(day=28)
    return day.replace(year=day.year + 1).isoformat()


def build_draft(answers: Answers, context: Context) -> Draft:
    """Apply the answers to the model for the school's sector."""
    sector = answers.sector
    school = answers.school
    base = model_document(context.model, context.cards, sector)
    by_rule = {d.rule: d for d in answers.decisions}
    model_numbers = {r.id: r.number for ch in base.chapters for r in ch.rules}
    changes: list[Change] = []
    kept: list[Change] = []
    chapters: list[ChapterView] = []
    for chapter in base.chapters:
        rules: list[RuleView] = []
        number = len(chapters) + 1
        pending: list[tuple[RuleView, object]] = []
        for rule in chapter.rules:
            decision = by_rule.get(rule.id)
            if decision and decision.decision == "schrappen":
                changes.append(Change("geschrapt", model_numbers[rule.id], rule.title,
                                      fill_placeholders(rule.text, school), "", decision.reason or "",
                                      _kwestie(context, decision.kwestie)))
                continue
            changed = decision is not None and decision.decision == "wijzigen"
            text = fill_placeholders(decision.text if changed else rule.text, school)
            view = RuleView(
                id=rule.id, number="", title=rule.title, text=text, sectors=rule.sectors,
                topics=rule.topics, kwesties=rule.kwesties, change="gewijzigd" if changed else "",
            )
            pending.append((view, decision))
        for new in [r for r in answers.new_rules or [] if r.chapter == chapter.id]:
            view = RuleView(
                id="", number="", title=new.title or "Aanvulling", text=fill_placeholders(new.text, school),
                sectors=tuple(SECTORS), change="nieuw",
            )
            pending.append((view, new))
        for index, (view, source) in enumerate(pending, 1):
            numbered = replace(view, number=f"{number}.{index}")
            rules.append(numbered)
            if numbered.change == "gewijzigd":
                old = fill_placeholders(context.model.rule(numbered.id).text, school)
                changes.append(Change("gewijzigd", numbered.number, numbered.title, old, numbered.text,
                                      source.reason or "", _kwestie(context, source.kwestie)))
            elif numbered.change == "nieuw":
                changes.append(Change("nieuw", numbered.number, numbered.title, "", numbered.text,
                                      source.reason or "", _kwestie(context, source.kwestie)))
            elif source is not None and source.decision == "behouden":
                kept.append(Change("behouden", numbered.number, numbered.title, numbered.text, numbered.text,
                                   source.reason or "", _kwestie(context, source.kwestie)))
        if rules:
            chapters.append(ChapterView(chapter.id, number, chapter.title, chapter.introduction, tuple(rules)))
    session = dict(answers.session)
    session["kaarten_titels"] = [context.card_ids[c].title for c in answers.cards if c in context.card_ids]
    session_date = session.get("datum", "")
    cards_text = dutch_list(session["kaarten_titels"])
    description = "Concept na het teamgesprek" + (f" over {cards_text}" if cards_text else "")
    consent = base.consent_body
    document = ProtocolDocument(
        title=f"Socialemediaprotocol {school.get('naam', '')}".strip(),
        introduction=DRAFT_INTRODUCTION.format(
            naam=school.get("naam", ""), datum=format_day(session_date), instemming=consent
        ),
        chapters=tuple(chapters),
        sector=sector,
        status="CONCEPT",
        school=dict(school),
        session=session,
        versions=({"versie": DRAFT_VERSION, "datum": session_date, "omschrijving": description},),
        review_date=review_date(session_date) if session_date else "",
    )
    return Draft(document, tuple(changes), tuple(kept))
