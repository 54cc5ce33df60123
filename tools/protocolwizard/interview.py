"""The interactive wizard: a checklist of missing answers, asked one by one.

Every answer is saved at once (atomically) to the answers file, so after
Ctrl-C, a closed terminal or a killed process ``--hervat`` asks only what is
still missing. Kwesties come from the card pages through the loader; the
rules each kwestie touches come from the model. "Niet besproken" is offered at
every kwestie and rule and is the default; a refused answer is said right under
its prompt, which is asked again. The review groups the decisions by chapter
(or jumps to a rule by its number) and lets any answer be changed before the
draft is made. The shared step logic lives in :mod:`protocolwizard.steps`.
"""

from __future__ import annotations

import difflib
import shutil
import sys
import textwrap
from datetime import date
from pathlib import Path
from dataclasses import replace
from functools import partial
from typing import Any, Callable
from unittest import mock

import questionary
from questionary.prompts import common as questionary_common
from prompt_toolkit.output import Output
from prompt_toolkit.input import Input

from kern.adres import AddressError, check_url
from kern.loader import Card, Kwestie
from kern.slug import slug
from kern.taal import aantal
from protocol.document import RuleView
from protocol.schema import ValidationError, text_problem
from protocol.strict_yaml import YamlError

from . import answers_schema, bijwerken, steps
from .answers import Answers, Context, Decision, NewRule, load_answers, prompt_problem
from .answers_schema import DISCUSSED, MAX_TEXT, NOT_DISCUSSED, Field
from .begin import Start, start_step
from .draft import sector_placeholders
from .files import FileProblem, Lock, atomic_write, exists
from .opdracht import shell_command
from .output import FORMATS, target_names
from .services import (
    EXIT_FAILED, EXIT_INPUT, EXIT_INTERRUPTED, EXIT_OK, UnreadableAnswers, make_outputs, readable_answers,
)
from .services import context as default_context

SELECT_HINT = "(pijltjes en Enter)"
CHECKBOX_HINT = "(pijltjes, spatie om aan of uit te zetten, Enter om te bevestigen)"
TEXT_HINT = "(Enter om over te slaan)"

PRIVACY = (
    "Schrijf geen namen van leerlingen op, ook niet in de notities. Alles blijft op deze computer; "
    "er wordt niets verstuurd."
)

#: The decisions as the wizard offers them: "niet besproken" first, the default (nothing is kept unless chosen).
DECISION_LABELS = dict(sorted(answers_schema.at("besluiten", "besluit").choices, key=lambda c: c[0] != NOT_DISCUSSED))
NEW_RULE = answers_schema.at("nieuwe_regels")
NOTE = answers_schema.at("notities").fields[0]
KWESTIE_STATE = answers_schema.at("kwesties").fields[0]


class Prompts:
    """questionary with Dutch hints; input and output can be replaced (tests)."""

    def __init__(self, input: Input | None = None, output: Output | None = None,
                 write: Callable[[str], None] | None = None) -> None:
        self.io = {key: value for key, value in (("input", input), ("output", output)) if value is not None}
        self._write = write or (lambda text: print(text, flush=True))

    def session(self, message: str, choices: list[str] | None = None) -> dict[str, Any]:
        """Keyword arguments for one questionary prompt (tests give each prompt its own input)."""
        return self.io

    def say(self, text: str = "") -> None:
        """Print text wrapped to the terminal's width, keeping its indentation."""
        width = min(shutil.get_terminal_size((100, 24)).columns, 100) - 1
        indent = text[: len(text) - len(text.lstrip())]
        hanging = indent + ("  " if text.lstrip().startswith(("•", "–")) else "")
        self._write(textwrap.fill(text, width, initial_indent="", subsequent_indent=hanging) if text else "")

    def say_command(self, text: str, command: str) -> None:
        """``text``, then a command to type on a line of its own, never wrapped: copied, it runs as printed."""
        self.say(text)
        self._write(f"    {command}")

    @staticmethod
    def validator(*, required: bool = False, max_length: int = MAX_TEXT,
                  check: Callable[[str], str | None] | None = None) -> Callable[[str], bool | str]:
        """The check on a typed answer: the answers file's own (length, characters), then ``check``."""
        def validate(value: str) -> bool | str:
            value = value.strip()
            if required and not value:
                return "Dit veld is verplicht."
            problem = text_problem(value, required=required, max_length=max_length)
            if not problem and check and value:
                problem = check(value)
            return problem[0].upper() + problem[1:] if problem else True

        return validate

    def problem(self, text: str) -> None:
        """A refused answer: said right under the prompt, which is then asked again."""
        self._write(f"  ✗ {text} Probeer het opnieuw.")

    def text(self, message: str, default: str = "", *, required: bool = False, max_length: int = MAX_TEXT,
             check: Callable[[str], str | None] | None = None) -> str:
        """One line of text, refused (and asked again, the message right under it) when the answers file
        would refuse it."""
        validate = self.validator(required=required, max_length=max_length, check=check)
        hint = None if required else TEXT_HINT
        while True:
            answer = questionary.text(message, default=default, instruction=hint,
                                      **self.session(message)).unsafe_ask()
            verdict = validate(answer)
            if verdict is True:
                return answer.strip()
            self.problem(verdict)
            default = answer

    def select(self, message: str, choices: list[tuple[str, Any]], default: Any = None) -> Any:
        options = [questionary.Choice(title=label, value=value) for label, value in choices]
        chosen = next((o for o in options if o.value == default), None)
        return questionary.select(message, options, default=chosen, instruction=SELECT_HINT,
                                  **self.session(message, [label for label, _ in choices])).unsafe_ask()

    def checkbox(self, message: str, choices: list[tuple[str, Any]], checked: list[Any]) -> list[Any]:
        """Several choices, at least one (else asked again, the message right under it). The answered prompt shows
        the chosen labels instead of questionary's English "done (2 selections)"."""
        while True:
            options = [questionary.Choice(title=label, value=value, checked=value in checked)
                       for label, value in choices]
            with mock.patch.object(questionary_common, "create_inquirer_layout", _dutch_checkbox_layout):
                question = questionary.checkbox(message, options, instruction=CHECKBOX_HINT,
                                                **self.session(message, [label for label, _ in choices]))
            selected = question.unsafe_ask()
            if selected:
                return selected
            self.problem("Kies er minstens één.")
            checked = selected

    def yes_no(self, message: str, default: bool = False) -> bool:
        return self.select(message, [("Ja", True), ("Nee", False)], default=default)


_create_inquirer_layout = questionary_common.create_inquirer_layout


def _dutch_checkbox_layout(control: Any, get_prompt_tokens: Callable[[], list], **kwargs: Any) -> Any:
    """questionary's checkbox layout, its answered line in Dutch: the chosen labels, or "niets gekozen"."""
    def tokens() -> list:
        result = get_prompt_tokens()
        if not control.is_answered:
            return result
        chosen = ", ".join(str(choice.title) for choice in control.get_selected_values()) or "niets gekozen"
        return [token for token in result if token[0] != "class:answer"] + [("class:answer", chosen)]

    return _create_inquirer_layout(control, tokens, **kwargs)


def _short(text: str, length: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


class Interview:
    """One run of the wizard over one answers file."""

    def __init__(self, path: Path, context: Context, prompts: Prompts, answers: Answers | None = None,
                 handboek_url: str = "") -> None:
        self.path = Path(path)
        self.context = context
        self.prompts = prompts
        self.answers = answers or Answers()
        self.context = context.for_answers(self.answers)  # the school's own protocol when the answers name one
        self.handboek_url = handboek_url
        self.text = self._existing_text() if answers is not None else None
        self._notes_explained = False
        self.start: Start | None = None  # set by --basis / --vanaf (begin.py)

    def _existing_text(self) -> str | None:
        """The answers file as it stands (resuming), so that saving keeps its comments and layout."""
        try:
            return self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeError):
            return None

    def ask_text(self, spec: Field, default: str = "", *, required: bool | None = None,
                 question: str | None = None) -> str:
        """A text prompt for a field of the schema, checked at the prompt as the file will be checked."""
        required = spec.required if required is None else required
        if question is None:
            question = spec.label if spec.label.endswith("?") else f"{spec.label}:"
        check = partial(prompt_problem, replace(spec, required=required))
        return self.prompts.text(question, default, required=required, max_length=spec.max_length, check=check)

    # Saving ------------------------------------------------------------------------

    def save(self) -> None:
        """Write the answers (a hand-edited file keeps its comments), read back through the checker first
        (``UnreadableAnswers`` if that fails)."""
        self.text = readable_answers(self.answers, self.context, keep_asked=True, partial=True,
                                     source=str(self.path), previous=self.text)
        atomic_write(self.path, self.text)

    # The steps ----------------------------------------------------------------------

    def run(self) -> str:
        """Ask what is missing, then the review; returns 'klaar' or 'gestopt'."""
        say = self.prompts.say
        say("Protocolwizard: van teamgesprek naar conceptprotocol.")
        say(PRIVACY)
        say(f"Je antwoorden worden na elke vraag bewaard in {self.path}. Stoppen kan altijd met Ctrl-C.")
        say()
        self.ask_start()
        self.resolve_conflicts()
        self.ask_school()
        self.ask_session()
        self.ask_handbook()
        self.ask_kwesties()
        self.ask_new_rules()
        return self.review()

    def resolve_conflicts(self) -> None:
        """Model-update conflicts (``protocolwizard bijwerken``): per rule, keep the team's decision, take the
        model's text or write a new one. The logic and the words are in :mod:`protocolwizard.bijwerken`."""
        for decision in bijwerken.open_conflicts(self.answers.decisions):
            for line in bijwerken.conflict_lines(decision, self.context.model):
                self.prompts.say(line)
            choice = self.prompts.select(bijwerken.CONFLICT_QUESTION, bijwerken.conflict_choices(decision))
            text = ""
            if choice == bijwerken.NEW_TEXT:
                text = self.ask_text(answers_schema.at("besluiten", "tekst"), decision.text or "", required=True)
            index = self.answers.decisions.index(decision)  # in place: the file keeps its order
            self.answers.decisions[index] = bijwerken.resolve(decision, choice, text)
            self.save()
            self.prompts.say()

    def ask_fields(self, key: str, values: dict, again: bool, spec: Field | None = None) -> None:
        """Ask every field of a block of the schema that is still open (or, ``again``, every field)."""
        spec = spec or answers_schema.at(key)
        for child in spec.fields:
            if child.kind == "block":
                if not isinstance(values.get(child.key), dict):  # absent, or written empty ("vertrouwenspersoon:")
                    values[child.key] = {}
                self.ask_fields(child.key, values[child.key], again, child)
                continue
            if not self.placeholder_needed(child, spec):
                continue
            current = values.get(child.key)
            # Open: never asked, or left empty where empty is no answer (a required field, the cards).
            if not (again or child.key not in values or (not current and (child.required or child.kind == "refs"))):
                continue
            self.say_placeholder(child)
            if child.kind == "choice":
                values[child.key] = self.prompts.select(f"{child.label}:", [(label, value) for value, label in child.choices],
                                                        current)
            elif child.kind == "refs":  # the cards discussed
                options = [(card.title, card.id) for card in self.context.cards]
                values[child.key] = self.prompts.checkbox(child.label, options, current or [])
            else:
                values[child.key] = self.ask_text(child, current or (date.today().isoformat() if child.kind == "date" else ""))
            self.save()

    def placeholder_needed(self, spec: Field, parent: Field) -> bool:
        """A field that only fills a placeholder is asked only if the rules for the school's sector (of the model or
        the school's own protocol) contain it; a required field, or one the draft's particulars show (the school's
        name, the vertrouwenspersoon), is always asked."""
        if not spec.placeholder or spec.required or spec.particulars or parent.particulars:
            return True
        return spec.placeholder in sector_placeholders(self.context.model, self.answers.sector)

    def say_placeholder(self, spec: Field) -> None:
        """Before a field that fills a placeholder (not the school's name): where its answer goes, and an example."""
        if spec.placeholder and spec.kind == "text" and not spec.required:
            example = f", {spec.help}" if spec.help else ""
            self.prompts.say(f"Dit komt in het protocol in plaats van {spec.placeholder}{example}.")

    def ask_start(self) -> None:
        """Hook (branch eigenbasis): a new file may start from the school's own protocol or an earlier session."""
        if start_step(self):
            self.context = self.context.for_answers(self.answers)

    def ask_school(self, again: bool = False) -> None:
        if not again and not self.answers.school.get("naam"):
            self.prompts.say("Eerst iets over de school.")
        self.ask_fields("school", self.answers.school, again)

    def ask_session(self, again: bool = False) -> None:
        self.ask_fields("sessie", self.answers.session, again)

    # The handbook address ----------------------------------------------------------------

    def ask_handbook(self, again: bool = False) -> None:
        """Asked once: where the handbook is published, for the links in the change report ('' for none)."""
        if self.answers.handboek is not None and not again:
            return
        spec = answers_schema.at("handboek")
        self.prompts.say("De links in het wijzigingsverslag wijzen naar het handboek op internet. Laat het adres "
                         "leeg als het handboek nergens gepubliceerd is: dan noemt het verslag de kwesties zonder link.")
        default = self.answers.handboek if self.answers.handboek is not None else self.handboek_url
        address = self.prompts.text(spec.label, default or "", max_length=spec.max_length, check=_address_problem)
        self.answers.handboek = check_url(address) if address else ""
        self.save()

    # Kwesties and rules ---------------------------------------------------------------

    def chosen_cards(self) -> list[Card]:
        return steps.chosen_cards(self.answers, self.context)

    def numbered_rules(self) -> dict[str, RuleView]:
        return steps.numbered_rules(self.answers, self.context)

    def kwestie_rules(self, kwestie: Kwestie) -> list[RuleView]:
        return steps.kwestie_rules(self.answers, self.context, kwestie)

    def kwestie_done(self, kwestie: Kwestie) -> bool:
        return steps.kwestie_done(self.answers, self.context, kwestie)

    def kwestie_label(self, kwestie_id: str | None) -> str:
        """"De populaire hiphopleraar, kwestie 3" for an id such as "hiphopleraar/3"."""
        for card in self.context.cards:
            for kwestie in card.kwesties:
                if kwestie.id == kwestie_id:
                    return f"{card.title}, kwestie {kwestie.number}"
        return kwestie_id or ""

    def show_kwestie(self, card: Card, kwestie: Kwestie, index: int, total: int) -> None:
        say = self.prompts.say
        say()
        say(f"── Kwestie {index} van {total}: {card.title}, kwestie {kwestie.number} ──")
        say(kwestie.text)
        say("Vragen:")
        for question in kwestie.questions:
            say(f"  • {question.text}")
            for sub in question.subquestions:
                say(f"      – {sub}")
        if kwestie.afterword:
            say(kwestie.afterword)
        say()

    def ask_kwesties(self) -> None:
        for step in steps.kwestie_steps(self.answers, self.context):
            card, kwestie = step.card, step.kwestie
            if self.kwestie_done(kwestie):
                continue
            self.show_kwestie(card, kwestie, step.index, step.total)
            self.ask_kwestie(kwestie)

    def ask_kwestie(self, kwestie: Kwestie, again: bool = False) -> None:
        """Discussed or not; if so, the note and the rules it touches."""
        state = steps.kwestie_state(self.answers, kwestie.id)
        if again or state is None:
            state = self.prompts.select(KWESTIE_STATE.label, [(label, value) for value, label in KWESTIE_STATE.choices],
                                        state or DISCUSSED)
            self.answers.kwesties[kwestie.id] = state
            self.save()
        if state == NOT_DISCUSSED:
            self.prompts.say("Niet besproken: de regels bij deze kwestie blijven zoals in het modelprotocol, "
                             "tenzij het team ze bij een andere kwestie bespreekt.")
            return
        if again or kwestie.id not in self.answers.notes:
            if not self._notes_explained:
                self.prompts.say(f"Notities zijn privé: ze blijven alleen in {self.path}. Ze komen niet in het "
                                 "concept, niet in het wijzigingsverslag en niet in de map die je deelt.")
                self._notes_explained = True
            self.answers.notes[kwestie.id] = self.ask_text(NOTE, self.answers.notes.get(kwestie.id) or "")
            self.save()
        self.ask_rules(kwestie)

    def rule_state(self, rule_id: str, kwestie_id: str) -> str:
        """How a rule handled earlier shows, the same at every kwestie: "(al besproken bij ...: behouden)", or
        "(eerder niet besproken, bij ...)" for a rule offered again."""
        decision = self.answers.decision_for(rule_id)
        if decision is None or not self._rule_done(rule_id):
            return ""
        where = f" bij {self.kwestie_label(decision.kwestie)}" if decision.kwestie else ""
        if steps.rule_open(self.answers, self.context, rule_id, kwestie_id):
            return f" (eerder niet besproken{where})"
        if decision.decision == NOT_DISCUSSED:
            return f" (niet besproken{where})"
        return f" (al besproken{where}: {decision.decision})"

    def ask_rules(self, kwestie: Kwestie) -> None:
        rules = self.kwestie_rules(kwestie)
        say = self.prompts.say
        if not rules:
            say("Deze kwestie raakt geen regels van het modelprotocol voor deze sector.")
            return
        open_rules = [r for r in rules if steps.rule_open(self.answers, self.context, r.id, kwestie.id)]
        say(f"Deze kwestie raakt {aantal(len(rules), 'regel', 'regels')} van het modelprotocol:")
        for rule in rules:
            say(f"  {rule.number} {rule.title}{self.rule_state(rule.id, kwestie.id)}")
        if not open_rules:
            say("Die zijn alle al behandeld; in het overzicht aan het eind kun je elk besluit nog aanpassen.")
            return
        undecided = [r for r in open_rules if getattr(self.answers.decision_for(r.id), "decision", None)
                     in (None, NOT_DISCUSSED)]  # not asked yet, or skipped at an earlier kwestie
        decided_here = [r for r in rules if steps.decided_by(self.answers, r.id) == kwestie.id]
        if len(undecided) >= 2 and not decided_here:  # after a resume, go on rule by rule
            choice = self.prompts.select(
                "Wat heeft het team met deze regels gedaan?",
                [("Regel voor regel bekijken", "regel"),
                 ("Alle besproken, het team wil ze allemaal behouden", "behouden"),
                 ("Niet besproken: allemaal overslaan", NOT_DISCUSSED)], default="regel",
            )
            if choice != "regel":
                for rule in undecided:
                    self.answers.set_decision(Decision(rule.id, choice, reason="" if choice == "behouden" else None,
                                                       kwestie=kwestie.id))
                self.save()
                open_rules = [r for r in open_rules if r not in undecided]
        for rule in open_rules:
            self.ask_rule(rule, kwestie.id)

    def _rule_done(self, rule_id: str) -> bool:
        return steps.rule_done(self.answers, rule_id)

    def ask_rule(self, rule: RuleView, kwestie_id: str | None, again: bool = False) -> None:
        say = self.prompts.say
        decision = self.answers.decision_for(rule.id)
        say()
        say(f"Regel {rule.number} {rule.title}")
        say(f"  {rule.text}")
        if decision is not None and decision.decision == NOT_DISCUSSED and kwestie_id and decision.kwestie != kwestie_id:
            again = True  # skipped at an earlier kwestie, offered again here
        if again or decision is None:
            choice = self.prompts.select(
                "Wat besluit het team?", [(label, key) for key, label in DECISION_LABELS.items()],
                default=decision.decision if decision else NOT_DISCUSSED,
            )
            decision = Decision(rule.id, choice, kwestie=kwestie_id or (decision.kwestie if decision else None))
            if choice == "wijzigen":
                decision.text = ""
            self.answers.set_decision(decision)
            self.save()
        if decision.decision == NOT_DISCUSSED:
            return
        if decision.decision == "wijzigen" and (again or not decision.text):
            decision.text = self.ask_text(answers_schema.at("besluiten", "tekst"), decision.text or rule.text,
                                          required=True)
            self.save()
        if again or decision.reason is None:
            question = {
                "behouden": "Toelichting (optioneel):",
                "wijzigen": "Waarom wil het team deze wijziging?",
                "schrappen": "Waarom moet deze regel weg?",
            }[decision.decision]
            decision.reason = self.ask_text(answers_schema.at("besluiten", "toelichting"), decision.reason or "",
                                            question=question)
            self.save()

    # New rules -----------------------------------------------------------------------

    def ask_new_rules(self) -> None:
        if self.answers.new_rules is None:
            self.answers.new_rules = []
            self.save()
        question = "Wil het team een nieuwe regel toevoegen?"
        while self.prompts.yes_no(question if not self.answers.new_rules else "Nog een nieuwe regel toevoegen?"):
            self.add_new_rule()

    def add_new_rule(self, rule: NewRule | None = None) -> None:
        chapters = [(f"{c.number}. {c.title}", c.id) for c in
                    steps.chapters(self.answers, self.context)]
        chapter = self.prompts.select(f"{NEW_RULE.child('hoofdstuk').label}", chapters, rule.chapter if rule else None)
        text = self.ask_text(NEW_RULE.child("tekst"), rule.text if rule else "")
        if rule is None:
            rule = NewRule(chapter, text)
            self.answers.new_rules.append(rule)
        rule.chapter, rule.text = chapter, text
        self.save()
        rule.title = self.ask_text(NEW_RULE.child("titel"), rule.title or "")
        self.save()
        rule.reason = self.ask_text(NEW_RULE.child("toelichting"), rule.reason or "", question=NEW_RULE.child("toelichting").label)
        self.save()
        discussed = [(f"{card.title}, kwestie {k.number}", k.id) for card in self.chosen_cards() for k in card.kwesties]
        rule.kwestie = self.prompts.select(NEW_RULE.child("kwestie").label, [("Geen", "")] + discussed,
                                           rule.kwestie or "") or None  # "Geen": no kwestie field at all
        self.save()

    # Review ---------------------------------------------------------------------------

    def ordered_decisions(self) -> list[Decision]:
        return steps.ordered_decisions(self.answers, self.context)

    def summary(self) -> list[str]:
        """The review's overview: school, session, kwesties, then the decisions grouped by chapter."""
        school, session = self.answers.school, self.answers.session
        lines = [
            f"School: {school.get('naam', '')} ({school.get('sector', '')})"
            + (f", {school['plaats']}" if school.get("plaats") else ""),
            f"Gesprek: {session.get('datum', '')}" + (f", {session['gespreksleider']}" if session.get("gespreksleider") else "")
            + f"; kaarten: {', '.join(c.title for c in self.chosen_cards())}",
            f"Handboek: {self.answers.handboek or 'geen adres (het verslag noemt de kwesties zonder link)'}",
        ]
        seen = steps.coverage(self.answers, self.context)
        lines.append(f"Kwesties: {len(seen.discussed)} besproken, {len(seen.not_discussed)} niet besproken.")
        changed = [d for d in self.answers.decisions if d.decision in ("wijzigen", "schrappen")]
        lines.append(f"Besluiten: {aantal(len(seen.decided_rules), 'regel', 'regels')} besproken, {len(changed)} "
                     f"veranderd; {aantal(len(seen.open_rules), 'regel', 'regels')} niet besproken.")
        for chapter, decisions in steps.decisions_by_chapter(self.answers, self.context):
            lines.append(f"  {chapter.number}. {chapter.title}")
            numbered = {rule.id: rule for rule in chapter.rules}
            for decision in decisions:
                rule = numbered[decision.rule]
                lines.append(f"    {decision.decision:<14} {rule.number} {rule.title}"
                             + (f": {_short(decision.reason)}" if decision.reason else ""))
        for rule in self.answers.new_rules or []:
            lines.append(f"  nieuw          {rule.title or 'Aanvulling'} ({rule.chapter}): {_short(rule.text)}")
        return lines

    def review(self) -> str:
        """A short first menu; decisions by chapter, then rule (or by typing a rule's number)."""
        while True:
            self.prompts.say()
            self.prompts.say("Overzicht van alle antwoorden:")
            for line in self.summary():
                self.prompts.say(line)
            groups = steps.decisions_by_chapter(self.answers, self.context)
            count = sum(len(decisions) for _, decisions in groups)
            choices: list[tuple[str, Any]] = [("Concept maken", "klaar")]
            if groups:
                choices.append((f"Besluiten per hoofdstuk bekijken en aanpassen ({aantal(count, 'regel', 'regels')})",
                                "hoofdstukken"))
            choices += [
                ("Een regel kiezen op nummer (bijvoorbeeld 4.2)", "nummer"),
                ("Kwesties en notities aanpassen", "kwesties"),
                ("Nieuwe regels toevoegen of aanpassen", "nieuw"),
                ("Schoolgegevens aanpassen", "school"),
                ("Gespreksgegevens aanpassen", "sessie"),
                ("Adres van het handboek aanpassen", "handboek"),
                ("Opslaan en stoppen", "stop"),
            ]
            action = self.prompts.select("Wat wil je doen?", choices, default="klaar")
            if action in ("klaar", "stop"):
                return {"klaar": "klaar", "stop": "gestopt"}[action]
            {
                "hoofdstukken": self.review_chapters, "nummer": self.review_number, "kwesties": self.review_kwesties,
                "nieuw": self.review_new_rules, "school": partial(self.ask_school, again=True),
                "sessie": partial(self.ask_session, again=True), "handboek": partial(self.ask_handbook, again=True),
            }[action]()

    def review_chapters(self) -> None:
        groups = steps.decisions_by_chapter(self.answers, self.context)
        choices = [(f"{chapter.number}. {chapter.title} ({aantal(len(decisions), 'regel', 'regels')})", chapter.id)
                   for chapter, decisions in groups]
        chapter_id = self.prompts.select("Welk hoofdstuk?", choices + [("Terug", "")])
        group = next(((chapter, decisions) for chapter, decisions in groups if chapter.id == chapter_id), None)
        if group is None:
            return
        chapter, decisions = group
        numbered = {rule.id: rule for rule in chapter.rules}
        rule_id = self.prompts.select(
            "Welk besluit wil je aanpassen?",
            [(f"{numbered[d.rule].number} {numbered[d.rule].title} ({d.decision})", d.rule) for d in decisions]
            + [("Terug", "")],
        )
        if rule_id:
            self.ask_rule(numbered[rule_id], None, again=True)

    def review_number(self) -> None:
        numbered = {rule.number: rule for rule in self.numbered_rules().values()}
        if not numbered:
            self.prompts.say("Het modelprotocol heeft voor deze sector geen regels.")
            return
        number = self.prompts.text("Nummer van de regel (zoals in het concept, bijvoorbeeld 4.2):", required=True,
                                   max_length=20, check=lambda value: _number_problem(value, numbered))
        self.ask_rule(numbered[number.strip().rstrip(".")], None, again=True)

    def review_kwesties(self) -> None:
        choices, kwesties = [], {}
        for card in self.chosen_cards():
            for kwestie in card.kwesties:
                state = steps.kwestie_state(self.answers, kwestie.id) or NOT_DISCUSSED
                note = ", met notitie" if self.answers.notes.get(kwestie.id) else ""
                choices.append((f"{card.title}, kwestie {kwestie.number} ({state}{note})", kwestie.id))
                kwesties[kwestie.id] = kwestie
        chosen = self.prompts.select("Welke kwestie?", choices + [("Terug", "")])
        if chosen:
            self.ask_kwestie(kwesties[chosen], again=True)

    def review_new_rules(self) -> None:
        choices: list[tuple[str, Any]] = [("Nieuwe regel toevoegen", ("toevoegen",))]
        for index, rule in enumerate(self.answers.new_rules or []):
            choices.append((f"Nieuwe regel '{_short(rule.title or rule.text, 40)}' aanpassen", ("nieuw", index)))
            choices.append((f"Nieuwe regel '{_short(rule.title or rule.text, 40)}' verwijderen", ("weg", index)))
        action = self.prompts.select("Wat wil je doen met de nieuwe regels?", choices + [("Terug", ("terug",))])
        if action[0] == "toevoegen":
            self.add_new_rule()
        elif action[0] == "nieuw":
            self.add_new_rule(self.answers.new_rules[action[1]])
        elif action[0] == "weg":
            del self.answers.new_rules[action[1]]
            self.save()


def _address_problem(value: str) -> str | None:
    try:
        check_url(value)
    except AddressError as error:
        message = str(error)
        return message[0].upper() + message[1:]
    return None


def _number_problem(value: str, numbered: dict[str, RuleView]) -> str | None:
    number = value.strip().rstrip(".")
    if number in numbered:
        return None
    near = difflib.get_close_matches(number, list(numbered), n=3, cutoff=0.5)
    hint = f" Bedoel je {' of '.join(near)}?" if near else f" De regels lopen van {next(iter(numbered))} tot {list(numbered)[-1]}."
    return f"Het concept heeft geen regel {number}.{hint}"


def _render(interview: Interview) -> int:
    prompts = interview.prompts
    answers = load_answers(interview.path, interview.context)  # the full check, as 'maak' does
    for warning in answers.warnings:
        prompts.say(f"Let op: {warning}")
    default = f"concept-{slug(answers.school['naam']) or 'school'}-{answers.session['datum']}"
    while True:
        folder = Path(prompts.text("In welke map komt het concept?", default, required=True))
        existing = [name for name in target_names(FORMATS) if exists(folder / name)]
        if not existing:
            return make_outputs(answers, interview.context, folder, FORMATS, False, interview.handboek_url,
                                source=interview.path)
        if prompts.yes_no(f"In {folder} staan al bestanden van een eerder concept. Overschrijven?", default=False):
            return make_outputs(answers, interview.context, folder, FORMATS, True, interview.handboek_url,
                                source=interview.path)


def no_terminal() -> str:
    return (
        f"De vragen van '{shell_command('start')}' hebben een terminal nodig, en die is er niet. Start het in een "
        f"terminalvenster, of werk zonder vragen: '{shell_command('leeg', 'antwoorden.yaml')}' geeft een leeg "
        f"antwoordbestand om in te vullen, '{shell_command('maak', 'antwoorden.yaml', '--uitvoer', 'concept')}' "
        "maakt er het concept van."
    )


def run_interview(path: Path, *, resume: bool, handboek_url: str, prompts: Prompts | None = None,
                  context: Context | None = None, start: Start | None = None) -> int:
    """The whole wizard on one answers file; returns the exit code.

    Before the first question: the answers file is locked (a second wizard on it is
    refused) and its folder proven writable. Ctrl-C and end of input (Ctrl-D) both
    stop with everything saved so far.
    """
    if prompts is None and not sys.stdout.isatty():
        print(f"Fout: {no_terminal()}", file=sys.stderr)
        return EXIT_INPUT
    context = context or default_context()
    prompts = prompts or Prompts()
    path = Path(path)
    answers = None
    try:
        if resume:
            answers = load_answers(path, context, partial=True)
        elif exists(path):
            prompts.say(f"Er staat al een antwoordbestand: {path}.")
            prompts.say_command("Ga daarmee verder met:", shell_command("start", "--hervat", path))
            prompts.say_command("of kies een andere naam met:", shell_command("start", "--antwoorden", "NIEUW.yaml"))
            return EXIT_FAILED
        lock = Lock(path).acquire()
    except (ValidationError, YamlError, FileProblem) as error:
        print(f"Fout: {error}", file=sys.stderr)
        return EXIT_INPUT
    try:
        if resume:
            prompts.say(f"Verder met {path}.")
        interview = Interview(path, context, prompts, answers, handboek_url)
        interview.start = start
        return _interview(interview)
    finally:
        lock.release()


def _interview(interview: Interview) -> int:
    prompts, path = interview.prompts, interview.path
    try:
        outcome = interview.run()
        if outcome == "gestopt":
            prompts.say_command(f"Bewaard in {path}. Ga later verder met:", shell_command("start", "--hervat", path))
            return EXIT_OK
        return _render(interview)
    except (KeyboardInterrupt, EOFError):
        prompts.say("")
        if not exists(path):  # stopped at the first question: nothing to resume
            prompts.say("Onderbroken. Er was nog geen antwoord om te bewaren.")
            prompts.say_command("Begin opnieuw met:", shell_command("start", "--antwoorden", path))
            return EXIT_INTERRUPTED
        prompts.say(f"Onderbroken. Je antwoorden zijn bewaard in {path}.")
        prompts.say_command("Ga verder met:", shell_command("start", "--hervat", path))
        return EXIT_INTERRUPTED
    except UnreadableAnswers as error:
        print(f"Fout: {error}. De antwoorden tot nu toe staan nog in {path}.", file=sys.stderr)
        return EXIT_INPUT
    except (ValidationError, YamlError, FileProblem) as error:
        print(f"Fout: {error}", file=sys.stderr)
        return EXIT_INPUT
