"""The answers file: the contract between the wizard and ``maak``.

Its fields are declared once, in :mod:`protocolwizard.answers_schema`; this
module checks a file against that declaration, reads it into :class:`Answers`
and writes it back. The interactive wizard writes it after every answer;
``maak`` and ``controleer`` read it. Checking is strict (unknown keys,
duplicate keys, unknown ids, wrong types, missing fields, characters no file
can hold) and every problem names the file, the line and the field, in Dutch.
While the wizard is still running, a *partial* file may lack required fields;
everything else is checked the same. Files of an older schema version are
migrated first (``answers_schema.MIGRATIONS``).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

import yaml
from ruamel.yaml import YAMLError as RuamelError

from kern.adres import AddressError, check_url
from kern.loader import Card
from protocol.document import SessionView, dutch_list
from protocol.model import SECTORS, Model, cached_model
from protocol.pdftekens import pdf_problem
from kern.taal import aantal
from protocol.schema import MAX_NAME, Checker, ValidationError, quote, text_problem
from protocol.strict_yaml import YamlDocument, YamlError, load_yaml, parse_yaml

from . import answers_schema, steps
from .opdracht import shell_command
from .answers_schema import MAX_EMAIL, NOT_DISCUSSED, SCHEMA, Field
from .roundtrip import update_yaml

DECISIONS = answers_schema.at("besluiten", "besluit").choice_values
_NUMBER = re.compile(r"[0-9]+(\.[0-9]+)?\.?")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
#: Session dates outside these years are typing errors; the review date (a year on) stays computable.
DATE_RANGE = (2000, 2100)


@dataclass
class Decision:
    """The group's decision on one rule of the model (``None``: not asked yet)."""

    rule: str
    decision: str
    text: str | None = None
    reason: str | None = None
    kwestie: str | None = None
    revised: bool | None = None  # herzien: deliberately overrides an earlier session's decision
    #: The sessions behind this decision, when several sessions are combined (``sessies``); not in the file.
    sessions: tuple[SessionView, ...] = field(default=(), compare=False)
    revises: tuple[SessionView, ...] = field(default=(), compare=False)  # the earlier sessions it overrides
    fingerprint: str | None = None  # of the model text decided on (protocolwizard.bijwerken)
    conflict: dict[str, str] | None = None  # an unresolved model-update conflict (protocolwizard.bijwerken)

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
    #: The session that added this rule, when several sessions are combined (``sessies``); not in the file.
    sessions: tuple[SessionView, ...] = field(default=(), compare=False)


@dataclass
class Answers:
    """Everything one session decided; empty strings for what was not (yet) answered."""

    school: dict[str, Any] = field(default_factory=dict)
    session: dict[str, Any] = field(default_factory=dict)
    decisions: list[Decision] = field(default_factory=list)
    new_rules: list[NewRule] | None = None  # None: the wizard has not asked yet
    notes: dict[str, str | None] = field(default_factory=dict)
    base_version: str = ""  # the model version the answers were made against ("basisversie")
    #: What the checker allowed but probably was not meant (Dutch, with file, line and field).
    warnings: list[str] = field(default_factory=list, compare=False, repr=False)
    # Branch 'wizard': the handbook address (None: not asked; '': none) and the state of each kwestie.
    handboek: str | None = None
    kwesties: dict[str, str] = field(default_factory=dict)
    basis: str | None = None  # the school's own protocol (a path relative to the answers file), or None: the model
    #: The own protocol ``basis`` names, read and checked (set by the checker); not in the file.
    base: Model | None = field(default=None, compare=False, repr=False)
    #: The sessions combined into these answers (``sessies``; empty for one answers file); not in the file.
    sessions: tuple[SessionView, ...] = field(default=(), compare=False, repr=False)

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
    """What the answers refer to: the model's rules and chapters, the cards and their kwesties.

    With a base (``basis`` in the answers), ``model`` is the school's own protocol, which has the model's
    data format; ``basis`` is then its file (see :meth:`for_answers`).
    """

    model: Model
    cards: list[Card]
    basis: Path | None = None  # the school's own protocol when it is the base; None: the model protocol

    def for_answers(self, answers: "Answers") -> "Context":
        """The context the answers' decisions apply to: the own protocol they name as their base, or this one."""
        if answers.base is None:
            return self
        return replace(self, model=answers.base, basis=answers.base.source)

    @property
    def base_name(self) -> str:
        """How a message names the protocol the decisions apply to."""
        return "het eigen protocol" if self.basis else "het modelprotocol"

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

    def refs(self, kind: str) -> set[str] | dict:
        """The ids a field of kind "ref" may name: rules, chapters, cards or kwesties."""
        return {"regel": self.rule_ids, "hoofdstuk": self.chapter_ids, "kaart": self.card_ids,
                "kwestie": self.kwestie_ids}[kind]

    def ref_name(self, kind: str) -> str:
        """How an error message names what a "ref" field points at."""
        if kind == "kwestie":
            example = next(iter(sorted(self.kwestie_ids)), "kaart/1")
            return f"kwestie (gebruik kaart/nummer, bijvoorbeeld {example})"
        return kind


# Checking -------------------------------------------------------------------------

def check_email(value: str) -> str | None:
    """A Dutch message when ``value`` is not an e-mail address: one @, no spaces, a dot in the domain.

    No regular expression: one pass over the text, however long or odd it is.
    """
    local, _, domain = value.partition("@")
    if len(value) > MAX_EMAIL:
        return f"een e-mailadres is hoogstens {MAX_EMAIL} tekens lang."
    if local and "." in domain[1:-1] and "@" not in domain and not any(c.isspace() for c in value):
        return None
    return f"'{quote(value)}' is geen e-mailadres."


def check_date(value: str) -> str | None:
    """A Dutch message when ``value`` is not a real date written as YYYY-MM-DD, in a sensible year."""
    if not _DATE.fullmatch(value):
        return f"'{quote(value)}' is geen datum in de vorm JJJJ-MM-DD (bijvoorbeeld 2026-11-21)."
    try:
        day = date.fromisoformat(value)
    except ValueError:
        return f"'{value}' bestaat niet als datum."
    first, last = DATE_RANGE
    if not first <= day.year <= last:
        return f"'{value}' ligt niet tussen {first} en {last}; klopt het jaar?"
    return None


def prompt_problem(spec: Field, value: str) -> str | None:
    """A Dutch message when text typed at the wizard's prompt would be refused in the file (same rules)."""
    text = value.strip()
    if not text:
        return "Dit veld is verplicht." if spec.required else None
    if problem := text_problem(value, required=spec.required, max_length=spec.max_length) or pdf_problem(value):
        return problem[0].upper() + problem[1:]
    if spec.kind == "email":
        return check_email(text)
    if spec.kind == "date":
        return check_date(text)
    return None


# Characters that must not reach a terminal as they are: controls (newlines included, so one problem stays on
# one line), bidirectional overrides and lone surrogates (which cannot even be printed).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")

_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def printable(text: str) -> str:
    """``text`` with every character a terminal should not receive written as an escape (``\\n``, ``\\u202e``)."""
    return _UNPRINTABLE.sub(lambda m: _ESCAPES.get(m.group(), f"\\u{ord(m.group()):04x}"), text)


class _AnswersChecker(Checker):
    """The shared checker; messages quote what the file says, so they are made printable first."""

    def fail(self, path: tuple, message: str) -> None:
        super().fail(path, printable(message))


class _FieldChecker:
    """Checks data against the declared fields of :data:`answers_schema.SCHEMA`."""

    def __init__(self, checker: Checker, context: Context, partial: bool, sector: str | None = None) -> None:
        self.checker = checker
        self.context = context
        self.partial = partial
        self.sector = sector if sector in SECTORS else None

    def text(self, path: tuple, spec: Field, value: Any, required: bool) -> bool:
        return self.checker.text(path, value, required=required, max_length=spec.max_length)

    def known(self, path: tuple, spec: Field, value: Any) -> None:
        """An id of a rule, chapter, card or kwestie; an unknown rule or chapter id is answered with the nearest
        valid ids (by spelling, or by the number the draft gives it: '4.2')."""
        refs = self.context.refs(spec.ref)
        if isinstance(value, (int, float)) and not isinstance(value, bool) and spec.ref in ("regel", "hoofdstuk"):
            value = str(value)  # a number as the draft numbers it, written without quotes: 4.2
        if (spec.ref in ("regel", "hoofdstuk") and isinstance(value, str) and value not in refs
                and self.checker.text(path, value, max_length=MAX_NAME)):
            nearest = steps.nearest_ids(value, spec.ref, self.context, self.sector)
            if nearest:
                adjective = "onbekend" if spec.ref == "hoofdstuk" else "onbekende"
                options = dutch_list([f"'{i}'" for i in nearest]).replace(" en ", " of ")
                numbered = f" ({spec.ref} {value.strip()} in het concept)" if _NUMBER.fullmatch(value.strip()) else ""
                self.checker.fail(path, f"{adjective} {spec.ref} '{quote(value)}'. Bedoelde je {options}{numbered}?")
                return
        self.checker.known(path, value, refs, self.context.ref_name(spec.ref))

    def block(self, path: tuple, spec: Field, value: Any) -> None:
        required = {f.key for f in spec.fields if f.required and (not self.partial or f.kind == "version")}
        optional = {f.key for f in spec.fields} - required
        if not self.checker.mapping(path, value, required, optional):
            return
        for child in spec.fields:
            if child.key in value:
                self.value(path + (child.key,), child, value[child.key])

    def value(self, path: tuple, spec: Field, value: Any) -> None:
        checker, required = self.checker, spec.required and not self.partial
        if value is None and not spec.required:
            return  # an optional field written without a value
        if value == "" and spec.required and self.partial and spec.kind in ("text", "choice", "date"):
            return  # not answered yet (an empty file being filled in by the wizard)
        kind = spec.kind
        if kind == "version":
            return  # read before anything else, in check()
        if kind == "block":
            self.block(path, spec, value)
        elif kind in ("text", "file"):  # a file is read where it is used (the base: _check_base)
            self.text(path, spec, value, required=spec.required)
        elif kind == "modelversie":
            if self.text(path, spec, value, required=spec.required) and value.strip() != value:
                checker.fail(path, "schrijf de modelversie zonder spaties ervoor of erna, zoals \"2026.2\".")
        elif kind == "choice":
            if value == "" and not spec.required:
                return  # an optional choice left open (the empty file writes it so)
            checker.choice(path, value, spec.choice_values)
        elif kind == "bool":
            if not isinstance(value, bool):
                checker.fail(path, f"hier hoort true of false, maar er staat '{quote(value)}'.")
        elif kind == "date":
            if self.text(path, spec, value, required=True):
                if problem := check_date(value):
                    checker.fail(path, problem)
        elif kind == "email":
            if self.text(path, spec, value, required=False) and value.strip():
                if problem := check_email(value.strip()):
                    checker.fail(path, problem)
        elif kind == "ref":
            if not required and value == "":
                return  # "none" (the wizard's "Geen")
            self.known(path, spec, value)
        elif kind == "url":
            if self.text(path, spec, value, required=False) and value.strip():
                try:
                    check_url(value)
                except AddressError as error:
                    checker.fail(path, str(error))
        elif kind == "refs":
            if checker.is_type(path, value, list):
                for index, item in enumerate(value):
                    checker.known(path + (index,), item, self.context.refs(spec.ref), self.context.ref_name(spec.ref))
                if len(set(map(str, value))) != len(value):
                    checker.fail(path, f"een {spec.ref} staat twee keer in de lijst.")
        elif kind == "list":
            if checker.is_type(path, value, list):
                item = Field("", "block", spec.label, fields=spec.fields)
                whole = _FieldChecker(checker, self.context, partial=False, sector=self.sector)  # written whole
                for index, entry in enumerate(value):
                    whole.block(path + (index,), item, entry)
        elif kind == "map":
            if checker.is_type(path, value, dict):
                for key, entry in value.items():
                    checker.known(path + (key,), key, self.context.refs(spec.ref), self.context.ref_name(spec.ref))
                    self.value(path + (key,), spec.fields[0], entry)
        else:
            raise ValueError(kind)  # a field kind the schema does not declare: a programming error


def _check_decisions(checker: Checker, data: dict, context: Context, partial: bool) -> None:
    """What one field cannot say alone: one decision per rule, for the school's sector; 'wijzigen' has a text."""
    decisions = data.get("besluiten")
    school = data.get("school")
    sector = school.get("sector") if isinstance(school, dict) else None
    if not isinstance(decisions, list):
        return
    seen: dict[str, int] = {}
    for index, item in enumerate(decisions):
        if not isinstance(item, dict):
            continue
        path = ("besluiten", index)
        rule_id = item.get("regel")
        if isinstance(rule_id, str) and rule_id in context.rule_ids:
            if rule_id in seen:
                checker.fail(path + ("regel",),
                             f"over regel '{rule_id}' staan twee besluiten (ook besluit {seen[rule_id] + 1}); houd er één.")
            seen.setdefault(rule_id, index)
            if isinstance(sector, str) and sector in SECTORS and not context.model.rule(rule_id).applies_to(sector):
                checker.fail(path + ("regel",), f"regel '{rule_id}' geldt niet voor de sector {sector}.")
        text = item.get("tekst")
        has_text = isinstance(text, str) and bool(text.strip())
        if item.get("besluit") == "wijzigen" and not partial and not has_text:
            checker.fail(path + ("tekst",) if "tekst" in item else path,
                         "bij het besluit 'wijzigen' hoort een nieuwe tekst (veld tekst).")
        elif item.get("besluit") == "wijzigen" and has_text and rule_id in context.rule_ids:
            if text.split() == context.model.rule(rule_id).text.split():
                checker.warn(path + ("tekst",), f"de nieuwe tekst is gelijk aan die van {context.base_name}; "
                             "kies 'behouden' of pas de tekst aan.")
        elif item.get("besluit") in ("behouden", "schrappen", NOT_DISCUSSED) and has_text:
            checker.warn(path + ("tekst",), f"bij '{item['besluit']}' wordt deze tekst niet gebruikt; "
                         "kies 'wijzigen' als de regel deze tekst moet krijgen.")


def _check_conflicts(checker: Checker, data: dict, source: str) -> None:
    """A model-update conflict (``protocolwizard bijwerken``) is for the team to decide before the draft is made;
    the wizard (a partial check) reads it to ask."""
    decisions = data.get("besluiten")
    for index, item in enumerate(decisions if isinstance(decisions, list) else []):
        if not isinstance(item, dict) or not isinstance(item.get("conflict"), dict) or not item["conflict"]:
            continue
        rule = item.get("regel")
        what = ("het team schrapte regel '{regel}' en het nieuwe model veranderde hem" if item.get("besluit") == "schrappen"
                else "het team en het nieuwe model veranderden regel '{regel}' allebei")
        checker.fail(("besluiten", index, "conflict"), f"nog niet beslist: {what.format(regel=rule)}. Beslis in de wizard "
                     f"({shell_command('start', '--hervat', Path(source))}) of hier: verwijder het blok 'conflict' om het besluit van het "
                     "team te houden, of kies besluit 'behouden' om de tekst van het model over te nemen.")


def _warn_if_nothing_left(checker: Checker, data: dict, context: Context) -> None:
    """Every rule for the sector removed and none added: the draft would hold no rule at all."""
    school = data.get("school")
    sector = school.get("sector") if isinstance(school, dict) else None
    if sector not in SECTORS or data.get("nieuwe_regels"):
        return
    removed = {item.get("regel") for item in data.get("besluiten") or [] if isinstance(item, dict)
               and item.get("besluit") == "schrappen"}
    if all(rule.id in removed for rule in context.model.rules() if rule.applies_to(sector)):
        checker.warn(("besluiten",), "alle regels zijn geschrapt en er zijn geen nieuwe regels: "
                     "het concept bevat dan geen enkele regel.")


def _check_version(checker: Checker, data: dict) -> dict | None:
    """The data as the current version (migrated from an older one), or None with an error."""
    version = data.get("versie")
    if "versie" not in data:
        return None  # the mapping check names the missing field
    if isinstance(version, int) and not isinstance(version, bool):
        migrated = answers_schema.migrate(data, version)
        if migrated is not None:
            return migrated
    checker.fail(("versie",), f"versie {version!r} wordt niet ondersteund; dit programma leest versie "
                              f"{answers_schema.SCHEMA_VERSION}.")
    return None


def check(document: YamlDocument, context: Context, *, partial: bool = False) -> Answers:
    """Check a parsed answers file; raises ``ValidationError`` listing every problem."""
    checker = _AnswersChecker(document, text_check=pdf_problem)  # every text can go into the PDF
    data = document.data
    if checker.is_type((), data, dict):
        data = _check_version(checker, data) or data
        school = data.get("school")
        sector = school.get("sector") if isinstance(school, dict) else None
        before = len(checker.errors)
        base = _check_base(checker, data, document.source)
        if len(checker.errors) > before:
            checker.done()  # without its base, the decisions cannot be checked
        context = replace(context, model=base, basis=base.source) if base else context
        _FieldChecker(checker, context, partial, sector if isinstance(sector, str) else None).block((), SCHEMA, data)
        _check_decisions(checker, data, context, partial)
        if not partial:
            _check_conflicts(checker, data, document.source)
        if not checker.errors and not partial:
            _warn_if_nothing_left(checker, data, context)
    else:
        base = None
    checker.done()
    answers = _build(data)
    answers.base = base
    answers.warnings = [str(warning) for warning in checker.warnings]
    return answers


def base_path(value: str, source: str) -> Path:
    """The file ``basis`` names: relative to the answers file (``source``), or absolute."""
    path = Path(value.strip()).expanduser()
    # Lexically: the folder of an answers file that is still to be written need not exist yet.
    return path if path.is_absolute() else Path(os.path.normpath(Path(source).parent / path))


def _check_base(checker: Checker, data: dict, source: str) -> Model | None:
    """The school's own protocol that ``basis`` names, read and checked; problems name this file's line too."""
    value = data.get("basis")
    if not isinstance(value, str) or not value.strip() or text_problem(value, max_length=1000):
        return None  # absent or empty: the model; a wrong type or text: the field check says so
    path = base_path(value, source)
    where = ("basis",)
    if path.suffix.lower() not in (".yaml", ".yml"):  # only what 'importeer' writes is read, nothing else
        checker.fail(where, f"'{quote(value)}' heeft niet de extensie .yaml. Lees het protocol eerst in met: "
                     f"{shell_command('importeer', quote(value))}, en noem hier het bestand dat dat schrijft.")
        return None
    if not path.is_file():
        problem = "bestaat niet" if not path.exists() else "is geen bestand"
        checker.fail(where, f"het eigen protocol '{quote(value)}' {problem} (gezocht als {quote(str(path), 200)}). "
                     "Noem het bestand dat 'protocolwizard importeer' schreef, ten opzichte van dit antwoordbestand.")
        return None
    try:
        base = cached_model(path.resolve(), path.stat().st_mtime_ns)
    except (ValidationError, YamlError) as error:
        problems = error.errors if isinstance(error, ValidationError) else [error]
        checker.fail(where, f"het eigen protocol '{quote(value)}' is niet in orde ({aantal(len(problems), 'fout', 'fouten')}):")
        checker.errors.extend(problems)
        return None
    except OSError as error:
        checker.fail(where, f"het eigen protocol '{quote(value)}' kan niet worden gelezen ({error.strerror}).")
        return None
    if not base.is_imported:
        checker.fail(where, f"'{quote(value)}' is geen ingelezen protocol (het veld 'bron' ontbreekt). Lees het eerst "
                     f"in met: {shell_command('importeer', quote(value))}")
        return None
    open_rules = sum(1 for rule in base.rules() if not rule.topics)
    if open_rules:
        verb = "heeft" if open_rules == 1 else "hebben"
        checker.warn(where, f"in het eigen protocol {verb} {aantal(open_rules, 'regel', 'regels')} "
                     "geen bevestigde onderwerpen; bij de kwesties van de kaarten worden alleen regels met onderwerpen "
                     f"getoond. Bevestig de voorstellen met: {shell_command('importeer', '--bevestig', quote(value))}")
    return base


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _asked(item: dict, key: str) -> str | None:
    """``None`` when the key is absent (not asked yet), else its text ('' when skipped)."""
    return None if key not in item else _text(item[key])


def _item(spec: Field, item: dict, cls: type) -> Any:
    """A list item of the file as a Decision or NewRule, through the attributes the schema names."""
    values = {}
    for f in spec.fields:
        if f.required:
            values[f.attr] = _text(item.get(f.key)) if f.kind == "text" else item[f.key]
        elif f.kind == "bool":
            values[f.attr] = item.get(f.key)
        elif f.kind == "block":
            values[f.attr] = dict(item[f.key]) if isinstance(item.get(f.key), dict) else None
        else:
            values[f.attr] = _asked(item, f.key)
    return cls(**values)


def _build(data: dict) -> Answers:
    decisions, new_rules = answers_schema.at("besluiten"), answers_schema.at("nieuwe_regels")
    return Answers(
        school=dict(data.get("school") or {}),
        session=dict(data.get("sessie") or {}),
        decisions=[_item(decisions, item, Decision) for item in data.get("besluiten") or []],
        new_rules=None if "nieuwe_regels" not in data else [
            _item(new_rules, item, NewRule) for item in data.get("nieuwe_regels") or []
        ],
        notes=dict(data.get("notities") or {}),
        handboek=None if "handboek" not in data else _text(data.get("handboek")),
        kwesties={key: value for key, value in (data.get("kwesties") or {}).items() if value},
        basis=_text(data.get("basis")) or None,
        base_version=_text(data.get("basisversie")),
    )


def load_answers(path: Path | str, context: Context, *, partial: bool = False) -> Answers:
    return check(load_yaml(path), context, partial=partial)


def parse_answers(text: str, context: Context, source: str = "<antwoorden>", *, partial: bool = False) -> Answers:
    return check(parse_yaml(text, source), context, partial=partial)


# Writing --------------------------------------------------------------------------

def _normalise(spec: Field, value: Any, keep_asked: bool) -> Any:
    """A value in schema order; absent (None) values dropped, skipped ('') ones kept when ``keep_asked``."""
    if spec.kind == "block":
        result = {}
        for child in spec.fields:
            if not isinstance(value, dict) or child.key not in value:
                continue
            item = _normalise(child, value[child.key], keep_asked)
            if item is None or (item in ("", {}) and not keep_asked and not child.required):
                continue
            result[child.key] = item
        return result
    if spec.kind == "list":
        item = Field("", "block", spec.label, fields=spec.fields)
        return None if value is None else [_normalise(item, entry, keep_asked) for entry in value]
    if spec.kind == "map":
        if value is None:
            return None
        return {key: ("" if entry is None else entry) for key, entry in value.items() if keep_asked or entry}
    return value


def _items(spec: Field, items: list | None) -> list[dict] | None:
    if items is None:
        return None
    return [{f.key: getattr(item, f.attr) for f in spec.fields if getattr(item, f.attr) is not None} for item in items]


def to_data(answers: Answers, *, keep_asked: bool = True) -> dict:
    """The answers as plain data in the schema's order. ``keep_asked`` keeps skipped fields as ''."""
    raw = {
        "versie": answers_schema.SCHEMA_VERSION,
        "basisversie": answers.base_version or None,
        "school": answers.school,
        "sessie": answers.session,
        "besluiten": _items(answers_schema.at("besluiten"), answers.decisions),
        "nieuwe_regels": _items(answers_schema.at("nieuwe_regels"), answers.new_rules),
        "notities": answers.notes,
        "handboek": answers.handboek,
        "kwesties": answers.kwesties or None,
        "basis": answers.basis,
    }
    return _normalise(SCHEMA, raw, keep_asked)


HEADER = (
    "# Antwoorden van een teamgesprek over het socialemediaprotocol (schema versie {versie}).\n"
    "# Maak er een concept van met: protocolwizard maak <dit bestand> --uitvoer <map>\n"
    "# 'notities' zijn privé: ze komen niet in het protocol en niet in het wijzigingsverslag.\n"
)


def dump_answers(answers: Answers, *, keep_asked: bool = True) -> str:
    """YAML text of the answers, with a Dutch header."""
    body = yaml.safe_dump(to_data(answers, keep_asked=keep_asked), allow_unicode=True, sort_keys=False, width=100)
    return HEADER.format(versie=answers_schema.SCHEMA_VERSION) + body


def answers_text(answers: Answers, previous: str | None = None) -> str:
    """The text the wizard saves. With ``previous`` (the file as it stands, perhaps edited by hand): that text
    with the new values, its comments and layout kept (round-trip YAML), as long as it reads back to exactly
    these answers; otherwise, and for a new file, a plain dump."""
    if previous is not None:
        data = to_data(answers, keep_asked=True)
        try:
            text = update_yaml(previous, data)
            if parse_yaml(text).data == data:
                return text
        except (RuamelError, YamlError, ValueError):
            pass
    return dump_answers(answers, keep_asked=True)
