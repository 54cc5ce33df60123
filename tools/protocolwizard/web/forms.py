"""Form controls from the answers schema, and a submitted form read back into the answers.

Every control is made from a :class:`~protocolwizard.answers_schema.Field` (its label, help, choices and
maximum length) and every typed value is checked with :func:`~protocolwizard.answers.prompt_problem`,
the terminal wizard's own check, so that the browser refuses what the answers file would refuse.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from protocol.document import RuleView

from .. import answers_schema
from ..answers import Answers, Context, Decision, NewRule, prompt_problem
from ..answers_schema import MAX_NAME, Field

DECISION = answers_schema.at("besluiten", "besluit")
DECISION_TEXT = answers_schema.at("besluiten", "tekst")
DECISION_REASON = answers_schema.at("besluiten", "toelichting")
NEW_RULE = answers_schema.at("nieuwe_regels")
NOTE = answers_schema.at("notities").fields[0]
CHOOSE = "Kies een van de mogelijkheden."
CHOOSE_CARD = "Kies er minstens één."

Errors = dict[str, str]


def field_id(name: str) -> str:
    """The HTML id of a control: ``school.naam`` -> ``veld-school-naam``."""
    return "veld-" + re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


@dataclass
class Control:
    """One question on a page: a text field, a text area, radios, check boxes or a list to choose from."""

    name: str
    label: str
    kind: str  # "text", "email", "textarea", "radios", "checkboxes", "select"
    value: Any = ""
    help: str = ""
    error: str = ""
    options: tuple[tuple[str, str], ...] = ()
    required: bool = False
    rows: int = 5

    @property
    def id(self) -> str:
        return field_id(self.name)


class Submitted:
    """A submitted form: text with line breaks as in the file (``\\n``), lists of chosen values."""

    def __init__(self, form: Any) -> None:
        self.form = form

    def text(self, name: str) -> str:
        value = self.form.get(name)
        return value.replace("\r\n", "\n").replace("\r", "\n") if isinstance(value, str) else ""

    def values(self, name: str) -> list[str]:
        return [value for value in self.form.getlist(name) if isinstance(value, str)]


def _message(problem: str | None) -> str:
    return problem or ""


def check_text(spec: Field, value: str, *, required: bool | None = None) -> str:
    """The terminal wizard's check of a typed value (length, characters, e-mail, date); "" when fine."""
    if required is not None:
        spec = replace(spec, required=required)
    return _message(prompt_problem(spec, value))


# School and session: the blocks of the schema -------------------------------------------------------

def block_fields(key: str) -> list[tuple[tuple[str, ...], Field]]:
    """The fields of a top-level block (``school``, ``sessie``) with their paths, nested blocks flattened."""
    return [(path, spec) for path, spec in answers_schema.walk(answers_schema.at(key), (key,)) if spec.kind != "block"]


def _block_data(answers: Answers) -> dict[str, dict]:
    return {"school": answers.school, "sessie": answers.session}


def block_controls(key: str, answers: Answers, context: Context, errors: Errors | None = None,
                   submitted: Submitted | None = None) -> list[Control]:
    """The controls of one block, with the answers' values (or, after an error, what was typed)."""
    errors = errors or {}
    controls = []
    for path, spec in block_fields(key):
        name = ".".join(path)
        value = answers_schema.value_at(_block_data(answers), path)
        if submitted is not None:
            value = submitted.values(name) if spec.kind == "refs" else submitted.text(name)
        help_text = spec.help.format(kaarten=", ".join(c.id for c in context.cards[:2])) if spec.kind != "refs" else ""
        control = Control(name, spec.label, "text", value if value is not None else "", help_text,
                          errors.get(name, ""), required=spec.required)
        if spec.kind == "choice":
            control.kind, control.options = "radios", spec.choices
        elif spec.kind == "refs":
            control.kind = "checkboxes"
            control.options = tuple((card.id, card.title) for card in context.cards)
            control.value = list(value or [])
            control.required = True
        elif spec.kind == "email":
            control.kind = "email"
        elif spec.kind == "date" and not control.value:
            control.value = date.today().isoformat()  # as the terminal wizard proposes
        elif spec.kind == "text" and spec.max_length > MAX_NAME:
            control.kind = "textarea"
        controls.append(control)
    return controls


def apply_block(key: str, answers: Answers, context: Context, form: Submitted) -> Errors:
    """Put a submitted block into ``answers``; the problems by control name (nothing is changed then)."""
    errors: Errors = {}
    values: dict[tuple[str, ...], Any] = {}
    for path, spec in block_fields(key):
        name = ".".join(path)
        if spec.kind == "refs":
            chosen = form.values(name)
            known = context.refs(spec.ref)
            if not chosen or any(value not in known for value in chosen):
                errors[name] = CHOOSE_CARD
            values[path] = list(dict.fromkeys(chosen))
        elif spec.kind == "choice":
            value = form.text(name)
            if value not in spec.choice_values and (value or spec.required):
                errors[name] = CHOOSE
            values[path] = value
        else:
            value = form.text(name)
            if problem := check_text(spec, value):
                errors[name] = problem
            values[path] = value.strip()
    if errors:
        return errors
    data = _block_data(answers)
    for path, value in values.items():
        target = data[path[0]]
        for key_ in path[1:-1]:
            if not isinstance(target.get(key_), dict):
                target[key_] = {}
            target = target[key_]
        target[path[-1]] = value
    return {}


# Rules: keep, change or remove, with a reason ------------------------------------------------------

@dataclass
class RuleControls:
    """The questions about one rule: the decision, the new text (prefilled with the rule) and the reason."""

    rule: RuleView
    decision: Control
    text: Control
    reason: Control


def rule_controls(rule: RuleView, answers: Answers, errors: Errors | None = None,
                  submitted: Submitted | None = None) -> RuleControls:
    errors = errors or {}
    decision = answers.decision_for(rule.id)
    names = (f"besluit.{rule.id}", f"tekst.{rule.id}", f"toelichting.{rule.id}")
    if submitted is not None:
        choice, text, reason = (submitted.text(name) for name in names)
    else:
        choice = decision.decision if decision else ""
        text = (decision.text if decision and decision.text else rule.text)
        reason = decision.reason if decision and decision.reason else ""
    return RuleControls(
        rule,
        Control(names[0], f"{DECISION.label} (regel {rule.number})", "radios", choice, "", errors.get(names[0], ""),
                DECISION.choices, required=True),
        Control(names[1], DECISION_TEXT.label, "textarea", text, "Alleen nodig als het team de regel wijzigt.",
                errors.get(names[1], ""), rows=7),
        Control(names[2], DECISION_REASON.label, "textarea", reason, DECISION_REASON.help, errors.get(names[2], ""),
                rows=3),
    )


def apply_rules(rules: list[RuleView], answers: Answers, form: Submitted, kwestie_id: str | None, *,
                require: bool = True) -> Errors:
    """Put the decisions about ``rules`` into ``answers``; other fields of an earlier decision are kept.

    Without ``require`` (leaving the page for another than the next step) a rule without a choice stays open.
    """
    errors: Errors = {}
    decisions = []
    for rule in rules:
        choice = form.text(f"besluit.{rule.id}")
        text, reason = form.text(f"tekst.{rule.id}"), form.text(f"toelichting.{rule.id}")
        if not choice and not require:
            continue
        if choice not in DECISION.choice_values:
            errors[f"besluit.{rule.id}"] = f"Kies wat het team besluit over regel {rule.number}."
            continue
        changes = choice == "wijzigen"
        if changes and (problem := check_text(DECISION_TEXT, text, required=True)):
            errors[f"tekst.{rule.id}"] = problem
        if problem := check_text(DECISION_REASON, reason):
            errors[f"toelichting.{rule.id}"] = problem
        earlier = answers.decision_for(rule.id)
        values = {"decision": choice, "text": text.strip() if changes else None, "reason": reason.strip()}
        if earlier is not None:
            decisions.append(replace(earlier, **values))
        else:
            decisions.append(Decision(rule.id, kwestie=kwestie_id, **values))
    if errors:
        return errors
    for decision in decisions:
        answers.set_decision(decision)
    return {}


def note_control(kwestie_id: str, answers: Answers, errors: Errors | None = None,
                 submitted: Submitted | None = None) -> Control:
    value = submitted.text("notitie") if submitted is not None else (answers.notes.get(kwestie_id) or "")
    return Control("notitie", NOTE.label, "textarea", value, answers_schema.at("notities").help,
                   (errors or {}).get("notitie", ""), rows=4)


def apply_note(kwestie_id: str, answers: Answers, form: Submitted) -> Errors:
    value = form.text("notitie")
    if problem := check_text(NOTE, value):
        return {"notitie": problem}
    answers.notes[kwestie_id] = value.strip()
    return {}


# New rules ----------------------------------------------------------------------------------------

NEW_RULE_KEYS = ("hoofdstuk", "titel", "tekst", "toelichting", "kwestie")


def new_rule_controls(answers: Answers, context: Context, chapters: list[tuple[str, str]],
                      kwesties: list[tuple[str, str]], index: int | None, errors: Errors | None = None,
                      submitted: Submitted | None = None) -> list[Control]:
    """The questions about one new rule (``index``: the rule being changed, ``None``: a new one)."""
    errors = errors or {}
    rule = answers.new_rules[index] if index is not None and answers.new_rules else None
    controls = []
    for key in NEW_RULE_KEYS:
        spec = NEW_RULE.child(key)
        name = f"nieuw.{key}"
        value = submitted.text(name) if submitted is not None else (getattr(rule, spec.attr) or "" if rule else "")
        control = Control(name, spec.label, "textarea" if spec.max_length > MAX_NAME else "text", value,
                          "" if spec.ref else spec.help, errors.get(name, ""), required=spec.required)
        if key == "hoofdstuk":
            control.kind, control.options = "select", (("", "Kies een hoofdstuk"), *chapters)
        elif key == "kwestie":
            control.kind, control.options = "select", (("", "Geen"), *kwesties)
        controls.append(control)
    return controls


def new_rule_filled(form: Submitted) -> bool:
    return any(form.text(f"nieuw.{key}").strip() for key in ("titel", "tekst", "toelichting"))


def apply_new_rule(answers: Answers, context: Context, form: Submitted, index: int | None) -> Errors:
    """Add a new rule (or change rule ``index``); other fields of the rule are kept."""
    errors: Errors = {}
    values: dict[str, Any] = {}
    for key in NEW_RULE_KEYS:
        spec, name = NEW_RULE.child(key), f"nieuw.{key}"
        value = form.text(name).strip()
        if spec.kind == "ref":
            if value and value not in context.refs(spec.ref) or (spec.required and not value):
                errors[name] = "Kies een hoofdstuk." if key == "hoofdstuk" else CHOOSE
            values[spec.attr] = value or None
        else:
            if problem := check_text(spec, value):
                errors[name] = problem
            values[spec.attr] = value
    if errors:
        return errors
    if answers.new_rules is None:
        answers.new_rules = []
    if index is not None and 0 <= index < len(answers.new_rules):
        answers.new_rules[index] = replace(answers.new_rules[index], **values)
    else:
        answers.new_rules.append(NewRule(**values))
    return {}
