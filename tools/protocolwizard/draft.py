"""From answers to a draft: the school's protocol and the change report.

The draft holds only the rules for the school's sector, with the group's
changes applied, removed rules left out and new rules added at the end of
their chapter (each with an id of its own, ``nieuw-<hoofdstuk>-<n>``).
Placeholders such as ``[naam school]`` are filled in where the answers give
the value (the schema says which field fills which placeholder). The change
report says, for every rule changed, removed or added, the old and new text,
why, and where it was discussed. Private notes (``notities``) are used by neither.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from protocol import teksten
from protocol.document import (
    Change, ChangeReport, ChapterView, ProtocolDocument, RuleView, SessionScope, Version, dutch_list, format_day,
    model_document,
)
from kern.taal import aantal
from protocol.model import SECTORS, Model
from protocol.trace import KwestieRef, kwestie_ref
from protocol.vergelijking import compare

from . import answers_schema, steps
from .answers import Answers, Context, NewRule

#: How many characters of a school's untitled rule name it in the change report.
EXCERPT_LABEL = 60
_PLACEHOLDER = re.compile(r"\[[^\[\]\n]{1,60}\]")


@dataclass(frozen=True)
class Draft:
    document: ProtocolDocument
    report: ChangeReport

    @property
    def changes(self) -> tuple[Change, ...]:
        return self.report.changes

    @property
    def kept(self) -> tuple[Change, ...]:
        return self.report.kept


def open_placeholders(document: ProtocolDocument) -> tuple[str, ...]:
    """Placeholders such as [vindplaats] the school still has to fill in, in order of appearance."""
    return tuple(place for place, _ in placeholder_places(document))


def placeholder_places(document: ProtocolDocument) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Each open placeholder with the numbers of the rules it stands in, in order of appearance."""
    places: dict[str, list[str]] = {}
    for rule in document.rules():
        for match in _PLACEHOLDER.findall(rule.text):
            numbers = places.setdefault(match, [])
            if rule.number not in numbers:
                numbers.append(rule.number)
    return tuple((place, tuple(numbers)) for place, numbers in places.items())


def sector_placeholders(model: Model, sector: str | None) -> set[str]:
    """The placeholders the model's rules for a sector contain (what the wizard asks for that sector)."""
    return {match for rule in model.rules() if rule.applies_to(sector) for match in _PLACEHOLDER.findall(rule.text)}


def fill_placeholders(text: str, school_data: dict) -> str:
    """``school_data``: the answers' data from the top ({"school": ..., "sessie": ...}). One pass, so that a
    value that itself looks like a placeholder stays as the school typed it."""
    values = answers_schema.fill_values(school_data)
    return _PLACEHOLDER.sub(lambda match: values.get(match.group(), match.group()), text)


def _kwestie(context: Context, kwestie_id: str | None) -> KwestieRef | None:
    if not kwestie_id:
        return None
    card_id, _, number = kwestie_id.rpartition("/")
    card = context.card_ids.get(card_id)
    return kwestie_ref(card, card.kwestie(int(number))) if card else None


def review_date(session_date: str, years: int = 1) -> str:
    """A proposed review date: ``years`` after the session ('' when there is no such date)."""
    try:
        day = date.fromisoformat(session_date)
    except ValueError:
        return ""
    if day.year + years > date.max.year:
        return ""
    if (day.month, day.day) == (2, 29):
        day = day.replace(day=28)
    return day.replace(year=day.year + years).isoformat()


def adoption_basis(model: Model, sector: str | None) -> str:
    """The law the model's adoption rule for this sector rests on (its ``grondslag``), '' when there is none."""
    return next((rule.source_note(sector) for chapter in model.chapters for rule in chapter.rules
                 if rule.applies_to(sector) and teksten.ADOPTION_TOPIC in rule.topics and rule.source_note(sector)), "")


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def new_rule_ids(new_rules: list[NewRule], taken: set[str]) -> list[str]:
    """A unique id per new rule: ``nieuw-<chapter>-<n>``, numbered per chapter, never a model rule's id."""
    ids: list[str] = []
    counters: dict[str, int] = {}
    used = set(taken)
    for rule in new_rules:
        while True:
            counters[rule.chapter] = counters.get(rule.chapter, 0) + 1
            candidate = f"nieuw-{rule.chapter}-{counters[rule.chapter]}"
            if candidate not in used:
                break
        used.add(candidate)
        ids.append(candidate)
    return ids


def _label(title: str, text: str, own: bool) -> str:
    """How the change report names a rule: its title; a school's rule without a title by its first words."""
    if title or not own:
        return title
    words = " ".join(text.split())
    return f"“{words}”" if len(words) <= EXCERPT_LABEL else f"“{words[: EXCERPT_LABEL - 1].rsplit(' ', 1)[0]} …”"


def based_on(context: Context) -> str:
    """What the draft is based on, in words: the model (with its version) or the school's own protocol."""
    if context.model.is_imported:
        return teksten.BASED_ON_OWN.format(bron=own_protocol_name(context.model))
    return teksten.BASED_ON_MODEL.format(modelversie=context.model.version or teksten.UNKNOWN_VERSION)


def own_protocol_name(protocol) -> str:
    """The file a school's own protocol came from ("protocol.docx"), as the draft and the report name it."""
    return str(protocol.origin.get("bestand") or protocol.source.name)


def build_draft(answers: Answers, context: Context) -> Draft:
    """Apply the answers to the model, or to the school's own protocol they name as ``basis``, for the school's sector.

    From the model, chapters and rules are numbered anew; from a school's own protocol, the draft keeps its
    structure, numbers and wording wherever nothing was decided.
    """
    context = context.for_answers(answers)
    own = context.model.is_imported
    sector = answers.sector
    data = {"school": answers.school, "sessie": answers.session}
    base = model_document(context.model, context.cards, sector)
    by_rule = {d.rule: d for d in answers.decisions}
    model_numbers = {r.id: r.number for r in base.rules()}
    new_rules = answers.new_rules or []
    new_ids = dict(zip(map(id, new_rules), new_rule_ids(new_rules, context.rule_ids)))
    changes: list[Change] = []
    kept: list[Change] = []
    chapters: list[ChapterView] = []
    for chapter in base.chapters:
        number = len(chapters) + 1
        pending: list[tuple[RuleView, object]] = []
        for rule in chapter.rules:
            decision = by_rule.get(rule.id)
            if decision and decision.decision == "schrappen":
                text = fill_placeholders(rule.text, data)
                changes.append(Change(teksten.REMOVED, model_numbers[rule.id], _label(rule.title, rule.text, own),
                                      text, "", decision.reason or "", _kwestie(context, decision.kwestie),
                                      decision.sessions, decision.revises))
                continue
            changed = decision is not None and decision.decision == "wijzigen"
            text = fill_placeholders(decision.text if changed else rule.text, data)
            view = RuleView(
                id=rule.id, number=rule.number, title=rule.title, text=text, sectors=rule.sectors,
                topics=rule.topics, kwesties=rule.kwesties, change=teksten.CHANGED if changed else "",
                grondslag="" if changed else rule.grondslag,
            )
            pending.append((view, decision))
        for new in [r for r in new_rules if r.chapter == chapter.id]:
            view = RuleView(
                id=new_ids[id(new)], number="", title=_text(new.title) or teksten.NEW_RULE_TITLE,
                text=fill_placeholders(new.text, data), sectors=tuple(SECTORS), change=teksten.ADDED,
            )
            pending.append((view, new))
        rules: list[RuleView] = []
        for index, (view, source) in enumerate(pending, 1):
            numbered = view if own else replace(view, number=f"{number}.{index}")
            rules.append(numbered)
            kwestie = _kwestie(context, getattr(source, "kwestie", None))
            reason = getattr(source, "reason", None) or ""
            sessions, revises = getattr(source, "sessions", ()), getattr(source, "revises", ())
            label = _label(numbered.title, numbered.text, own)
            if numbered.change == teksten.CHANGED:
                old_rule = context.model.rule(numbered.id)
                old = fill_placeholders(old_rule.text, data)
                changes.append(Change(teksten.CHANGED, numbered.number, _label(old_rule.title, old_rule.text, own), old,
                                      numbered.text, reason, kwestie, sessions, revises))
            elif numbered.change == teksten.ADDED:
                changes.append(Change(teksten.ADDED, numbered.number, label, "", numbered.text,
                                      reason, kwestie, sessions))
            elif source is not None and source.decision == "behouden":
                kept.append(Change(teksten.KEPT_KIND, numbered.number, label, numbered.text,
                                   numbered.text, reason, kwestie, sessions, revises))
        if rules:
            chapters.append(ChapterView(chapter.id, number, chapter.title, chapter.introduction, tuple(rules),
                                        own_number=chapter.own_number))

    name = _text(answers.school.get("naam"))
    session_date = _text(answers.session.get("datum"))
    card_titles = {card.id: card.title for card in context.cards}
    cards_text = dutch_list([card_titles[c] for c in answers.cards if c in card_titles])
    consent = teksten.CONSENT_BODY.get(sector, teksten.CONSENT_BODY[None])
    # The evaluation sentence and the proposed date agree: no term chosen, no date proposed.
    years = answers_schema.EVALUATION_YEARS.get(answers.school.get("evaluatie"))
    review = review_date(session_date, years) if years else ""
    model_version = context.model.version or teksten.UNKNOWN_VERSION
    several = len(answers.sessions) > 1
    if own or several:
        if several:
            talks = teksten.AFTER_SESSIONS.format(data=dutch_list([format_day(s.day) for s in answers.sessions]))
        else:
            talks = teksten.AFTER_ONE_SESSION.format(datum=format_day(session_date)) if session_date \
                else teksten.AFTER_A_SESSION
        introduction = teksten.DRAFT_INTRODUCTION_BASED.format(
            naam=name, basis=based_on(context), gesprekken=talks, instemming=consent)
    elif session_date:
        introduction = teksten.DRAFT_INTRODUCTION.format(
            naam=name, datum=format_day(session_date), instemming=consent, modelversie=model_version)
    else:
        introduction = teksten.DRAFT_INTRODUCTION_NO_DATE.format(naam=name, instemming=consent, modelversie=model_version)
    scope = session_scope(answers, context)
    if several:
        particulars = answers_schema.particulars({"school": answers.school}, card_titles) + [
            (teksten.SESSIONS, "; ".join(s.label for s in answers.sessions)),
        ] + answers_schema.particulars({"sessie": {"kaarten": answers.cards}}, card_titles)
        description = teksten.DRAFT_DESCRIPTION_SESSIONS.format(
            aantal=aantal(len(answers.sessions), "teamgesprek", "teamgesprekken"), kaarten=cards_text)
    else:
        particulars = answers_schema.particulars(data, card_titles)
        description = (teksten.DRAFT_DESCRIPTION_CARDS.format(kaarten=cards_text) if cards_text
                       else teksten.DRAFT_DESCRIPTION)
    particulars += scope_particulars(scope) + [(teksten.STATUS, teksten.DRAFT_STATUS), (teksten.REVIEW_DATE, format_day(review))]
    document = ProtocolDocument(
        title=teksten.DRAFT_TITLE.format(naam=name).strip(),
        introduction=introduction,
        chapters=tuple(chapters),
        sector=sector,
        status=teksten.DRAFT_STATUS,
        school_name=name,
        board=_text(answers.school.get("bestuur")),
        particulars=tuple((label, value) for label, value in particulars if value),
        versions=(Version(teksten.DRAFT_VERSION, session_date, description),),
        review_date=review,
        adoption_basis=adoption_basis(context.model, sector),
    )
    document = replace(document, to_fill_in=placeholder_places(document))
    report = ChangeReport(
        document, tuple(changes), tuple(kept), open_placeholders(document),
        session_date=session_date, session_leader=_text(answers.session.get("gespreksleider")),
        scope=scope,
        sessions=answers.sessions if several else (),
        base_name=own_protocol_name(context.model) if own else "",
        coverage=compare(context.model, context.model, context.cards) if own else None,
    )
    return Draft(document, report)


def session_scope(answers: Answers, context: Context) -> SessionScope:
    """What the session discussed and what not (see :func:`steps.coverage`), as the report names it."""
    seen = steps.coverage(answers, context)
    return SessionScope(
        kwesties=tuple(kwestie_ref(card, k) for card, k in seen.discussed),
        not_discussed=tuple(kwestie_ref(card, k) for card, k in seen.not_discussed),
        other_cards=tuple(card.title for card in seen.other_cards),
        decided_rules=tuple((rule.number, rule.title) for rule in seen.decided_rules),
        open_rules=tuple((rule.number, rule.title) for rule in seen.open_rules),
    )


def _kwesties_text(kwesties: tuple[KwestieRef, ...], whole_cards: tuple[str, ...] = ()) -> str:
    """"Kaart A, kwesties 1 en 2; Kaart B (alle kwesties)", or "geen"."""
    numbers: dict[str, list[str]] = {}
    for kwestie in kwesties:
        numbers.setdefault(kwestie.card_title, []).append(str(kwestie.number))
    parts = [(teksten.ONE_KWESTIE.format(kaart=card, nummer=found[0]) if len(found) == 1
              else teksten.SOME_KWESTIES.format(kaart=card, nummers=dutch_list(found))) for card, found in numbers.items()]
    parts += [teksten.WHOLE_CARD.format(kaart=card) for card in whole_cards]
    return "; ".join(parts) or teksten.NONE


def scope_particulars(scope: SessionScope) -> list[tuple[str, str]]:
    """The draft's particulars on what was discussed: the kwesties, those not discussed, the rules decided."""
    total = len(scope.decided_rules) + len(scope.open_rules)
    return [
        (teksten.DISCUSSED_KWESTIES, _kwesties_text(scope.kwesties)),
        (teksten.NOT_DISCUSSED_KWESTIES, _kwesties_text(scope.not_discussed, scope.other_cards)),
        (teksten.DISCUSSED_RULES, teksten.DISCUSSED_RULES_VALUE.format(besloten=len(scope.decided_rules), totaal=total)),
    ]
