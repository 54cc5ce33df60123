"""The answers file (schema version 1): the contract between the wizard and ``maak``.

The interactive wizard writes it after every answer; ``maak`` and
``controleer`` read it. Checking is strict (unknown keys, duplicate keys,
unknown ids, wrong types, missing fields) and every problem names the file,
the line and the field, in Dutch. While the wizard is still running, a
*partial* file may lack required fields; everything else is checked the same.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from kern.loader import Card
from protocol.model import SECTORS, Model
from protocol.pdftekens import pdf_problem
from protocol.schema import Checker
from protocol.strict_yaml import YamlDocument, load_yaml, parse_yaml

SCHEMA_VERSION = 1
DECISIONS = ("behouden", "wijzigen", "schrappen")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_TEXT = 5_000


@dataclass
class Decision:
    """The group's decision on one rule of the model (``None``: not asked yet)."""

    rule: str
    decision: str
    text: str | None = None
    reason: str | None = None
    kwestie: str | None = None

    @property
    def complete(self) -> bool:
        return self.decision != "wijzigen" or bool(self.text)


@dataclass
class NewRule:
    """A rule the group adds to a chapter (``None``: not asked yet)."""

    chapter: str
    text: str
    title: str | None = None
    reason: str | None = None
    kwestie: str | None = None


@dataclass
class Answers:
    """Everything one session decided; empty strings for what was not (yet) answered."""

    school: dict[str, Any] = field(default_factory=dict)
    session: dict[str, Any] = field(default_factory=dict)
    decisions: list[Decision] = field(default_factory=list)
    new_rules: list[NewRule] | None = None  # None: the wizard has not asked yet
    notes: dict[str, str | None] = field(default_factory=dict)

    def decision_for(self, rule_id: str) -> Decision | None:
        return next((d for d in self.decisions if d.rule == rule_id), None)

    def set_decision(self, decision: Decision) -> None:
        self.decisions = [d for d in self.decisions if d.rule != decision.rule] + [decision]

    @property
    def sector(self) -> str | None:
        return self.school.get("sector") or None

    @property
    def cards(self) -> list[str]:
        return list(self.session.get("kaarten") or [])


@dataclass(frozen=True)
class Context:
    """What the answers refer to: the model's rules and chapters, the cards and their kwesties."""

    model: Model
    cards: list[Card]

    @property
    def card_ids(self) -> dict[str, Card]:
        return {card.id: card for card in self.cards}

    @property
    def kwestie_ids(self) -> set[str]:
        return {kwestie.id for card in self.cards for kwestie in card.kwesties}

    @property
    def rule_ids(self) -> set[str]:
        return {rule.id for rule in self.model.rules()}

    @property
    def chapter_ids(self) -> set[str]:
        return {chapter.id for chapter in self.model.chapters}


# Checking -------------------------------------------------------------------------

def _optional_text(checker: Checker, path: tuple, value: Any) -> None:
    if value is not None:
        checker.text(path, value, required=False, max_length=MAX_TEXT)


def _check_school(checker: Checker, school: Any, partial: bool) -> None:
    path = ("school",)
    required = set() if partial else {"naam", "sector"}
    if not checker.mapping(path, school, required, {"naam", "sector", "plaats", "bestuur", "vertrouwenspersoon"} - required):
        return
    if "naam" in school:
        checker.text(path + ("naam",), school["naam"], max_length=200)
    if "sector" in school:
        checker.choice(path + ("sector",), school["sector"], tuple(SECTORS))
    for key in ("plaats", "bestuur"):
        _optional_text(checker, path + (key,), school.get(key))
    person = school.get("vertrouwenspersoon")
    if person is not None and checker.mapping(path + ("vertrouwenspersoon",), person, set(), {"naam", "email"}):
        _optional_text(checker, path + ("vertrouwenspersoon", "naam"), person.get("naam"))
        email = person.get("email")
        _optional_text(checker, path + ("vertrouwenspersoon", "email"), email)
        if isinstance(email, str) and email.strip() and (problem := check_email(email.strip())):
            checker.fail(path + ("vertrouwenspersoon", "email"), problem)


def check_email(value: str) -> str | None:
    """A Dutch message when ``value`` is not an e-mail address."""
    return None if _EMAIL.match(value) else f"'{value}' is geen e-mailadres."


def check_date(value: str) -> str | None:
    """A Dutch message when ``value`` is not a real date written as YYYY-MM-DD."""
    if not _DATE.match(value):
        return f"'{value}' is geen datum in de vorm JJJJ-MM-DD (bijvoorbeeld 2026-11-21)."
    try:
        date.fromisoformat(value)
    except ValueError:
        return f"'{value}' bestaat niet als datum."
    return None


def _check_session(checker: Checker, session: Any, context: Context, partial: bool) -> None:
    path = ("sessie",)
    required = set() if partial else {"datum"}
    if not checker.mapping(path, session, required, {"datum", "gespreksleider", "kaarten"} - required):
        return
    when = session.get("datum")
    if "datum" in session:
        if checker.text(path + ("datum",), when):
            problem = check_date(when)
            if problem:
                checker.fail(path + ("datum",), problem)
    _optional_text(checker, path + ("gespreksleider",), session.get("gespreksleider"))
    cards = session.get("kaarten")
    if cards is not None and checker.is_type(path + ("kaarten",), cards, list):
        for index, card in enumerate(cards):
            checker.known(path + ("kaarten", index), card, context.card_ids, "kaart")
        if len(set(map(str, cards))) != len(cards):
            checker.fail(path + ("kaarten",), "een kaart staat twee keer in de lijst.")


def _check_kwestie(checker: Checker, path: tuple, value: Any, context: Context) -> None:
    if value is not None:
        checker.known(path, value, context.kwestie_ids, "kwestie (gebruik kaart/nummer, bijvoorbeeld populaire-hiphopleraar/3)")


def _check_decisions(checker: Checker, decisions: Any, context: Context, sector: str | None, partial: bool) -> None:
    path = ("besluiten",)
    if not checker.is_type(path, decisions, list):
        return
    seen: dict[str, int] = {}
    for index, item in enumerate(decisions):
        item_path = path + (index,)
        if not checker.mapping(item_path, item, {"regel", "besluit"}, {"tekst", "toelichting", "kwestie"}):
            continue
        rule_id = item.get("regel")
        if checker.known(item_path + ("regel",), rule_id, context.rule_ids, "regel"):
            if rule_id in seen:
                checker.fail(
                    item_path + ("regel",),
                    f"over regel '{rule_id}' staan twee besluiten (ook besluit {seen[rule_id] + 1}); houd er één.",
                )
            seen.setdefault(rule_id, index)
            rule = context.model.rule(rule_id)
            if sector in SECTORS and not rule.applies_to(sector):
                checker.fail(item_path + ("regel",), f"regel '{rule_id}' geldt niet voor de sector {sector}.")
        if checker.choice(item_path + ("besluit",), item.get("besluit"), DECISIONS):
            if item["besluit"] == "wijzigen" and not (partial and not item.get("tekst")):
                checker.text(item_path + ("tekst",), item.get("tekst"), max_length=MAX_TEXT)
            else:
                _optional_text(checker, item_path + ("tekst",), item.get("tekst"))
        _optional_text(checker, item_path + ("toelichting",), item.get("toelichting"))
        _check_kwestie(checker, item_path + ("kwestie",), item.get("kwestie"), context)


def _check_new_rules(checker: Checker, new_rules: Any, context: Context) -> None:
    path = ("nieuwe_regels",)
    if not checker.is_type(path, new_rules, list):
        return
    for index, item in enumerate(new_rules):
        item_path = path + (index,)
        if not checker.mapping(item_path, item, {"hoofdstuk", "tekst"}, {"titel", "toelichting", "kwestie"}):
            continue
        checker.known(item_path + ("hoofdstuk",), item.get("hoofdstuk"), context.chapter_ids, "hoofdstuk")
        checker.text(item_path + ("tekst",), item.get("tekst"), max_length=MAX_TEXT)
        _optional_text(checker, item_path + ("titel",), item.get("titel"))
        _optional_text(checker, item_path + ("toelichting",), item.get("toelichting"))
        _check_kwestie(checker, item_path + ("kwestie",), item.get("kwestie"), context)


def _check_notes(checker: Checker, notes: Any, context: Context) -> None:
    path = ("notities",)
    if not checker.is_type(path, notes, dict):
        return
    for key, value in notes.items():
        checker.known(path + (key,), key, context.kwestie_ids, "kwestie")
        _optional_text(checker, path + (key,), value)


def check(document: YamlDocument, context: Context, *, partial: bool = False) -> Answers:
    """Check a parsed answers file; raises ``ValidationError`` listing every problem."""
    checker = Checker(document, text_check=pdf_problem)  # every text can go into the PDF
    data = document.data
    top_required = {"versie"} if partial else {"versie", "school", "sessie"}
    top_optional = {"versie", "school", "sessie", "besluiten", "nieuwe_regels", "notities"} - top_required
    if checker.mapping((), data, top_required, top_optional):
        if "versie" in data and data["versie"] != SCHEMA_VERSION:
            checker.fail(("versie",), f"versie {data['versie']!r} wordt niet ondersteund; dit programma leest versie {SCHEMA_VERSION}.")
        if "school" in data:
            _check_school(checker, data["school"], partial)
        if "sessie" in data:
            _check_session(checker, data["sessie"], context, partial)
        sector = data.get("school", {}).get("sector") if isinstance(data.get("school"), dict) else None
        if data.get("besluiten") is not None:
            _check_decisions(checker, data["besluiten"], context, sector, partial)
        if data.get("nieuwe_regels") is not None:
            _check_new_rules(checker, data["nieuwe_regels"], context)
        if data.get("notities") is not None:
            _check_notes(checker, data["notities"], context)
    checker.done()
    return _build(data)


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _asked(item: dict, key: str) -> str | None:
    """``None`` when the key is absent (not asked yet), else its text ('' when skipped)."""
    return None if key not in item else _text(item[key])


def _build(data: dict) -> Answers:
    school = dict(data.get("school") or {})
    session = dict(data.get("sessie") or {})
    return Answers(
        school=school,
        session=session,
        decisions=[
            Decision(
                rule=item["regel"], decision=item["besluit"], text=_asked(item, "tekst"),
                reason=_asked(item, "toelichting"), kwestie=_asked(item, "kwestie"),
            )
            for item in data.get("besluiten") or []
        ],
        new_rules=None if "nieuwe_regels" not in data else [
            NewRule(
                chapter=item["hoofdstuk"], text=_text(item.get("tekst")), title=_asked(item, "titel"),
                reason=_asked(item, "toelichting"), kwestie=_asked(item, "kwestie"),
            )
            for item in data.get("nieuwe_regels") or []
        ],
        notes=dict(data.get("notities") or {}),
    )


def load_answers(path: Path | str, context: Context, *, partial: bool = False) -> Answers:
    return check(load_yaml(path), context, partial=partial)


def parse_answers(text: str, context: Context, source: str = "<antwoorden>", *, partial: bool = False) -> Answers:
    return check(parse_yaml(text, source), context, partial=partial)


# Writing --------------------------------------------------------------------------

def _prune(value: Any) -> Any:
    """Drop empty optional values, keeping keys whose presence means 'asked' (None -> '')."""
    if isinstance(value, dict):
        return {k: _prune(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value


def to_data(answers: Answers, *, keep_asked: bool = True) -> dict:
    """The answers as plain data in file order. ``keep_asked`` keeps skipped fields as ''."""

    def optional(mapping: dict, keys: tuple[str, ...]) -> dict:
        result = {}
        for key in keys:
            if key not in mapping:
                continue
            value = mapping[key]
            if isinstance(value, dict):
                value = {k: v for k, v in value.items() if v not in (None, "") or keep_asked}
                if not value and not keep_asked:
                    continue
            if value in (None, "") and not keep_asked:
                continue
            result[key] = "" if value is None else value
        return result

    def present(value: str | None) -> bool:
        return value is not None and (keep_asked or value != "")

    data: dict[str, Any] = {"versie": SCHEMA_VERSION}
    data["school"] = optional(answers.school, ("naam", "sector", "plaats", "bestuur", "vertrouwenspersoon"))
    data["sessie"] = optional(answers.session, ("datum", "gespreksleider", "kaarten"))

    data["besluiten"] = [
        {"regel": d.rule, "besluit": d.decision}
        | ({"tekst": d.text} if present(d.text) and (d.decision == "wijzigen" or d.text) else {})
        | ({"toelichting": d.reason} if present(d.reason) else {})
        | ({"kwestie": d.kwestie} if present(d.kwestie) else {})
        for d in answers.decisions
    ]
    if answers.new_rules is not None:
        data["nieuwe_regels"] = [
            {"hoofdstuk": r.chapter}
            | ({"titel": r.title} if present(r.title) else {})
            | {"tekst": r.text}
            | ({"toelichting": r.reason} if present(r.reason) else {})
            | ({"kwestie": r.kwestie} if present(r.kwestie) else {})
            for r in answers.new_rules
        ]
    notes = {k: ("" if v is None else v) for k, v in answers.notes.items() if keep_asked or v}
    if notes:
        data["notities"] = notes
    return _prune(data)


def dump_answers(answers: Answers, *, keep_asked: bool = True) -> str:
    """YAML text of the answers, with a Dutch header."""
    header = (
        "# Antwoorden van een teamgesprek over het socialemediaprotocol (schema versie 1).\n"
        "# Maak er een concept van met: protocolwizard maak <dit bestand> --uitvoer <map>\n"
        "# 'notities' zijn privé: ze komen niet in het protocol en niet in het wijzigingsverslag.\n"
    )
    body = yaml.safe_dump(to_data(answers, keep_asked=keep_asked), allow_unicode=True, sort_keys=False, width=100)
    return header + body
