"""The browser wizard's steps: which page follows which, what each page shows, what a submitted page changes.

Nothing is kept on the server. Every form carries the answers file's text (field ``antwoorden``); each
request reads it with the strict checker (as an uploaded file), applies the page's fields, writes the
answers back through :func:`services.readable_answers` and shows the next page with the new text. The
steps (chosen cards, kwesties, the rules each kwestie touches, when something is done, the review's
grouping) come from :mod:`protocolwizard.steps`, shared with the terminal wizard.

Steps are named ``school``, ``sessie``, ``kwestie:<kwestie id>``, ``verschil:<kwestie id>`` (the changed
rules against the model), ``regel:<rule id>`` (one rule, from the review), ``nieuw`` or ``nieuw:<n>``
(new rules), ``overzicht`` (the review) and ``resultaat`` (the downloads).
"""

from __future__ import annotations

import difflib
from pathlib import Path
from dataclasses import dataclass
from typing import Any

from jinja2 import FileSystemLoader, select_autoescape
from jinja2.sandbox import SandboxedEnvironment
from kern.adres import AddressError, check_url, handbook_url
from kern.taal import aantal
from protocol.trace import kwestie_ref

from .. import answers_schema, steps
from ..answers import Answers, Context
from ..output import ANSWERS_FILE
from ..services import UnreadableAnswers, readable_answers
from . import forms
from .carried import File, Refused, read_answers
from .downloads import DOWNLOADS, pdf_available
from .forms import Errors, Submitted

TEMPLATES = Path(__file__).resolve().parent / "templates"
ANSWERS_FIELD = "antwoorden"
PRODUCT = "Protocolwizard"
DECISION_LABELS = dict(forms.DECISION.choices)
SHORT_DECISIONS = {value: label.partition(":")[0] for value, label in forms.DECISION.choices}


def environment() -> SandboxedEnvironment:
    """Sandboxed Jinja with autoescape: answers are data, never template or markup."""
    env = SandboxedEnvironment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True),
                               trim_blocks=True, lstrip_blocks=True)
    env.globals["aantal"] = aantal
    return env


@dataclass
class Page:
    """A page to send: its template, what it shows, and the HTTP status."""

    template: str
    values: dict[str, Any]
    status: int = 200


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """The difference between two texts word by word: ("gelijk" | "weg" | "erbij", words)."""
    before, after = old.split(), new.split()
    parts = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes():
        if tag == "equal":
            parts.append(("gelijk", " ".join(before[i1:i2])))
            continue
        if i2 > i1:
            parts.append(("weg", " ".join(before[i1:i2])))
        if j2 > j1:
            parts.append(("erbij", " ".join(after[j1:j2])))
    return parts


class Wizard:
    """The steps over one context (the model and the cards), for one process; it holds no answers."""

    def __init__(self, context: Context) -> None:
        self.context = context

    # Links to the handbook -------------------------------------------------------------------------

    def handbook(self, answers: Answers) -> str:
        """The handbook's address: the answers' own (field ``handboek``), else the configured one; "" if none."""
        for url in (getattr(answers, "handboek", None), handbook_url()):
            if isinstance(url, str) and url.strip():
                try:
                    return check_url(url)
                except AddressError:
                    continue
        return ""

    # The order of the steps ------------------------------------------------------------------------

    def sequence(self, answers: Answers) -> list[str]:
        kwesties = [f"kwestie:{step.kwestie.id}" for step in steps.kwestie_steps(answers, self.context)]
        return ["school", "sessie", *kwesties, "nieuw", "overzicht"]

    def following(self, answers: Answers, step: str) -> str:
        kind, _, arg = step.partition(":")
        if kind == "verschil":
            step = f"kwestie:{arg}"
        elif kind in ("regel", "nieuw"):
            return "overzicht"
        order = self.sequence(answers)
        return order[order.index(step) + 1] if step in order and step != order[-1] else "overzicht"

    def known_step(self, answers: Answers, step: str) -> bool:
        kind, _, arg = step.partition(":")
        if kind in ("school", "sessie", "overzicht", "resultaat", "start") and not arg:
            return True
        if kind in ("kwestie", "verschil"):
            return arg in self.context.kwestie_ids
        if kind == "regel":
            return arg in steps.numbered_rules(answers, self.context)
        if kind == "nieuw":
            return not arg or (arg.isdigit() and int(arg) < len(answers.new_rules or []))
        return False

    def choose_card(self, answers: Answers, kwestie_id: str) -> None:
        """Opening a kwestie of a card the session has not chosen (a link from the handbook) chooses it."""
        card_id = next((card.id for card in self.context.cards for k in card.kwesties if k.id == kwestie_id), None)
        if card_id and card_id not in answers.cards:
            answers.session["kaarten"] = [*answers.cards, card_id]

    # A submitted page ------------------------------------------------------------------------------

    def rules_of(self, answers: Answers, step: str) -> list:
        kind, _, arg = step.partition(":")
        if kind == "regel":
            rule = steps.numbered_rules(answers, self.context).get(arg)
            return [rule] if rule else []
        kwestie = steps.kwestie_step(answers, self.context, arg)
        return steps.kwestie_rules(answers, self.context, kwestie.kwestie) if kwestie else []

    def apply(self, answers: Answers, step: str, action: str, form: Submitted) -> Errors:
        """Put what the page ``step`` submitted into ``answers``; the problems by control name."""
        kind, _, arg = step.partition(":")
        if kind in ("school", "sessie"):
            return forms.apply_block(kind, answers, self.context, form)
        if kind == "kwestie" and steps.kwestie_step(answers, self.context, arg):
            errors = forms.apply_note(arg, answers, form)
            return {**errors, **forms.apply_rules(self.rules_of(answers, step), answers, form, arg,
                                                  require=action == "volgende")}
        if kind == "regel":
            return forms.apply_rules(self.rules_of(answers, step), answers, form, None, require=action == "volgende")
        if kind == "nieuw":
            if answers.new_rules is None:
                answers.new_rules = []
            if action == "nieuw-opslaan" or (not action.startswith("nieuw") and forms.new_rule_filled(form)):
                return forms.apply_new_rule(answers, self.context, form, int(arg) if arg else None)
        return {}

    def carry(self, answers: Answers) -> str:
        """The answers as the text that travels with the next form, read back through the checker first.

        Written plainly, not round-trip: keeping a hand-written file's comments costs a full ruamel load and
        dump per request (about 75 ms here); the values are kept, the comments of an uploaded file are not.
        """
        return readable_answers(answers, self.context, keep_asked=True, partial=True, source=ANSWERS_FILE)

    def submit(self, form: Submitted) -> Page | File:
        """One submitted form: check the answers it carries, apply its page, show the next page."""
        sent = form.text(ANSWERS_FIELD)
        try:
            answers = read_answers(sent, self.context)
        except Refused as refused:
            return self.start(refused.problems, status=400)
        step, action, back = form.text("stap"), form.text("naar") or "volgende", form.text("terug")
        if not self.known_step(answers, step):
            step = "start"
        errors = self.apply(answers, step, action, form)
        target = ""
        if not errors:
            if action.startswith("nieuw-weg:") and action[10:].isdigit() and int(action[10:]) < len(answers.new_rules or []):
                del answers.new_rules[int(action[10:])]
            if action != "download":
                target = self.target(answers, step, action, back)
                target = target if self.known_step(answers, target) else "overzicht"
                if target.startswith("kwestie:"):
                    self.choose_card(answers, target.partition(":")[2])
            try:
                text = self.carry(answers)
            except UnreadableAnswers as error:
                errors = {"": str(error)}
        if errors:  # the same page again, with what was typed, and the answers as they came
            return self.page(read_answers(sent, self.context), sent, step, back, errors, form)
        if action == "download":
            return File(ANSWERS_FILE, text.encode("utf-8"), "application/yaml; charset=utf-8")
        if step == "overzicht" and target not in ("overzicht", "resultaat"):
            back = "overzicht"  # a "Wijzig" on the review returns there
        elif target in ("overzicht", "resultaat"):
            back = ""
        return self.page(answers, text, target, back, restore=form.text("herstel") == "1")

    def target(self, answers: Answers, step: str, action: str, back: str) -> str:
        kind, _, arg = step.partition(":")
        if action.startswith("nieuw-wijzig:"):
            return f"nieuw:{action.partition(':')[2]}"
        if action.startswith("nieuw"):
            return "nieuw"
        if action != "volgende":
            return action
        if kind == "kwestie" and any(d.decision == "wijzigen" for r in self.rules_of(answers, step)
                                     if (d := answers.decision_for(r.id))):
            return f"verschil:{arg}"
        if back == "overzicht" or kind == "regel":
            return "overzicht"
        if step == "start":
            return "school"
        return self.following(answers, step)

    # Pages ---------------------------------------------------------------------------------------

    def start(self, problems: list[str] | None = None, *, status: int = 200) -> Page:
        return Page("start.html", {"title": "Van teamgesprek naar conceptprotocol", "problems": problems or [],
                                   "answers_text": "", "step": "start"}, status)

    def open_kwestie(self, kwestie_id: str) -> Page | None:
        """``/kwestie/<id>`` from the handbook: the wizard at that kwestie, with only its card chosen."""
        if kwestie_id not in self.context.kwestie_ids:
            return None
        answers = Answers()
        self.choose_card(answers, kwestie_id)
        page = self.page(answers, self.carry(answers), f"kwestie:{kwestie_id}", "")
        page.values["fresh"] = True
        return page

    def page(self, answers: Answers, text: str, step: str, back: str = "", errors: Errors | None = None,
             submitted: Submitted | None = None, *, status: int = 200, restore: bool = False) -> Page:
        errors = errors or {}
        kind, _, arg = step.partition(":")
        order = self.sequence(answers)
        values: dict[str, Any] = {
            "step": step, "back": back, "answers_text": text, "restore": restore, "fresh": False,
            "summary": [(forms.field_id(name) if name else "", message) for name, message in errors.items()],
            "position": (order.index(step) + 1, len(order)) if step in order else None,
            "handbook": self.handbook(answers),
        }
        builder = getattr(self, f"_{kind}")
        template, title = builder(answers, arg, values, errors, submitted)
        values["title"] = title
        return Page(template, values, status)

    def _start(self, answers, arg, values, errors, submitted):
        values["problems"] = []
        return "start.html", "Van teamgesprek naar conceptprotocol"

    def _school(self, answers, arg, values, errors, submitted):
        values["controls"] = forms.block_controls("school", answers, self.context, errors, submitted)
        values["intro"] = "Eerst iets over de school. De sector bepaalt welke regels in het protocol komen."
        return "blok.html", answers_schema.at("school").label

    def _sessie(self, answers, arg, values, errors, submitted):
        values["controls"] = forms.block_controls("sessie", answers, self.context, errors, submitted)
        values["intro"] = "Over het gesprek: wanneer, wie het leidde en welke kaarten zijn besproken."
        return "blok.html", answers_schema.at("sessie").label

    def _kwestie(self, answers, arg, values, errors, submitted):
        step = steps.kwestie_step(answers, self.context, arg)
        card = next(c for c in self.context.cards if any(k.id == arg for k in c.kwesties))
        kwestie = next(k for k in card.kwesties if k.id == arg)
        rules = steps.kwestie_rules(answers, self.context, kwestie) if step else []
        values.update(card=card, kwestie=kwestie, index=step.index if step else 1, total=step.total if step else 1,
                      note=forms.note_control(arg, answers, errors, submitted),
                      rules=[forms.rule_controls(rule, answers, errors, submitted) for rule in rules],
                      kwestie_link=values["handbook"] + kwestie_ref(card, kwestie).page if values["handbook"] else "")
        return "kwestie.html", f"{card.title}, kwestie {kwestie.number}"

    def _regel(self, answers, arg, values, errors, submitted):
        rule = steps.numbered_rules(answers, self.context)[arg]
        values.update(rules=[forms.rule_controls(rule, answers, errors, submitted)], rule=rule)
        return "regel.html", f"Regel {rule.number} {rule.title}"

    def _verschil(self, answers, arg, values, errors, submitted):
        changed = []
        for rule in self.rules_of(answers, f"kwestie:{arg}"):
            decision = answers.decision_for(rule.id)
            if decision and decision.decision == "wijzigen" and decision.text:
                changed.append((rule, word_diff(rule.text, decision.text)))
        values.update(changed=changed, kwestie_id=arg)
        return "verschil.html", "Wat er verandert"

    def _nieuw(self, answers, arg, values, errors, submitted):
        index = int(arg) if arg else None
        chapters = [(c.id, f"{c.number}. {c.title}") for c in steps.chapters(answers, self.context)]
        kwesties = [(s.kwestie.id, f"{s.card.title}, kwestie {s.kwestie.number}")
                    for s in steps.kwestie_steps(answers, self.context)]
        names = dict(chapters)
        values.update(controls=forms.new_rule_controls(answers, self.context, chapters, kwesties, index, errors, submitted),
                      index=arg, new_rules=[(i, rule, names.get(rule.chapter, rule.chapter))
                                            for i, rule in enumerate(answers.new_rules or [])])
        return "nieuw.html", "Nieuwe regels"

    def _overzicht(self, answers, arg, values, errors, submitted):
        numbered = steps.numbered_rules(answers, self.context)
        groups = []
        for chapter, decisions in steps.decisions_by_chapter(answers, self.context):
            rows = []
            for decision in decisions:
                rule = numbered[decision.rule]
                diff = word_diff(rule.text, decision.text) if decision.decision == "wijzigen" and decision.text else None
                rows.append({"rule": rule, "decision": decision, "label": SHORT_DECISIONS.get(decision.decision,
                             decision.decision), "diff": diff})
            groups.append((chapter, rows))
        chapters = {c.id: f"{c.number}. {c.title}" for c in steps.chapters(answers, self.context)}
        titles = {k.id: f"{c.title}, kwestie {k.number}" for c in self.context.cards for k in c.kwesties}
        values.update(
            blocks=[(answers_schema.at(key).label, key, self.rows(key, answers)) for key in ("school", "sessie")],
            groups=groups, chapters=chapters, kwestie_titles=titles,
            new_rules=list(enumerate(answers.new_rules or [])),
            notes=[(kid, note) for kid, note in answers.notes.items() if note],
            open_kwesties=steps.open_kwesties(answers, self.context),
        )
        return "overzicht.html", "Controleer je antwoorden"

    def rows(self, key: str, answers: Answers) -> list[tuple[str, str]]:
        """The review's rows of a block: label and value as a reader reads it."""
        titles = {card.id: card.title for card in self.context.cards}
        rows = []
        for control in forms.block_controls(key, answers, self.context):
            value = control.value
            if control.kind == "radios":
                value = dict(control.options).get(value, value)
            elif control.kind == "checkboxes":
                value = ", ".join(titles.get(v, v) for v in value)
            rows.append((control.label, value or "", control.id))
        return rows

    def _resultaat(self, answers, arg, values, errors, submitted):
        try:
            complete = read_answers(values["answers_text"], self.context, partial=False)
            values.update(problems=[], warnings=complete.warnings)
        except Refused as refused:
            values.update(problems=refused.problems, warnings=[])
        values.update(downloads=DOWNLOADS, pdf=pdf_available())
        return "resultaat.html", "Je concept downloaden"
