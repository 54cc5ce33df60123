"""The interactive wizard: a checklist of missing answers, asked one by one.

Every answer is saved at once (atomically) to the answers file, so after
Ctrl-C, a closed terminal or a killed process ``--hervat`` asks only what is
still missing. Kwesties come from the card pages through the loader; the
rules each kwestie touches come from the model. A review screen lists every
answer and lets any of them be changed before the draft is made.
"""

from __future__ import annotations

import shutil
import sys
import textwrap
from datetime import date
from pathlib import Path
from dataclasses import replace
from functools import partial
from typing import Any, Callable

import questionary
from prompt_toolkit.output import Output
from prompt_toolkit.input import Input

from kern.loader import Card, Kwestie
from kern.slug import slug
from kern.taal import aantal
from protocol.document import model_document, RuleView
from protocol.schema import ValidationError, text_problem
from protocol.strict_yaml import YamlError
from protocol.trace import rules_for_kwestie

from . import answers_schema
from .answers import Answers, Context, Decision, NewRule, load_answers, prompt_problem
from .answers_schema import MAX_TEXT, Field
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

DECISION_LABELS = dict(answers_schema.at("besluiten", "besluit").choices)
NEW_RULE = answers_schema.at("nieuwe_regels")
NOTE = answers_schema.at("notities").fields[0]


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

    def text(self, message: str, default: str = "", *, required: bool = False, max_length: int = MAX_TEXT,
             check: Callable[[str], str | None] | None = None) -> str:
        """One line of text, refused at the prompt when the answers file would refuse it."""
        validate = self.validator(required=required, max_length=max_length, check=check)
        hint = None if required else TEXT_HINT
        answer = questionary.text(message, default=default, validate=validate, instruction=hint,
                                  **self.session(message)).unsafe_ask()
        return answer.strip()

    def select(self, message: str, choices: list[tuple[str, Any]], default: Any = None) -> Any:
        options = [questionary.Choice(title=label, value=value) for label, value in choices]
        chosen = next((o for o in options if o.value == default), None)
        return questionary.select(message, options, default=chosen, instruction=SELECT_HINT,
                                  **self.session(message, [label for label, _ in choices])).unsafe_ask()

    def checkbox(self, message: str, choices: list[tuple[str, Any]], checked: list[Any]) -> list[Any]:
        options = [questionary.Choice(title=label, value=value, checked=value in checked) for label, value in choices]
        return questionary.checkbox(
            message, options, instruction=CHECKBOX_HINT,
            validate=lambda selected: True if selected else "Kies er minstens één.",
            **self.session(message, [label for label, _ in choices]),
        ).unsafe_ask()

    def yes_no(self, message: str, default: bool = False) -> bool:
        return self.select(message, [("Ja", True), ("Nee", False)], default=default)


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
        self.handboek_url = handboek_url
        self.text = self._existing_text() if answers is not None else None

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
        self.ask_school()
        self.ask_session()
        self.ask_kwesties()
        self.ask_new_rules()
        return self.review()

    def ask_fields(self, key: str, values: dict, again: bool, spec: Field | None = None) -> None:
        """Ask every field of a block of the schema that is still open (or, ``again``, every field)."""
        spec = spec or answers_schema.at(key)
        for child in spec.fields:
            if child.kind == "block":
                if not isinstance(values.get(child.key), dict):  # absent, or written empty ("vertrouwenspersoon:")
                    values[child.key] = {}
                self.ask_fields(child.key, values[child.key], again, child)
                continue
            current = values.get(child.key)
            # Open: never asked, or left empty where empty is no answer (a required field, the cards).
            if not (again or child.key not in values or (not current and (child.required or child.kind == "refs"))):
                continue
            if child.kind == "choice":
                values[child.key] = self.prompts.select(f"{child.label}:", [(label, value) for value, label in child.choices],
                                                        current)
            elif child.kind == "refs":  # the cards discussed
                options = [(card.title, card.id) for card in self.context.cards]
                values[child.key] = self.prompts.checkbox(child.label, options, current or [])
            else:
                values[child.key] = self.ask_text(child, current or (date.today().isoformat() if child.kind == "date" else ""))
            self.save()

    def ask_school(self, again: bool = False) -> None:
        if not again and not self.answers.school.get("naam"):
            self.prompts.say("Eerst iets over de school.")
        self.ask_fields("school", self.answers.school, again)

    def ask_session(self, again: bool = False) -> None:
        self.ask_fields("sessie", self.answers.session, again)

    # Kwesties and rules ---------------------------------------------------------------

    def chosen_cards(self) -> list[Card]:
        return [self.context.card_ids[c] for c in self.answers.cards if c in self.context.card_ids]

    def numbered_rules(self) -> dict[str, RuleView]:
        document = model_document(self.context.model, self.context.cards, self.answers.sector)
        return {rule.id: rule for chapter in document.chapters for rule in chapter.rules}

    def kwestie_rules(self, kwestie: Kwestie) -> list[RuleView]:
        numbered = self.numbered_rules()
        return [numbered[r.id] for r in rules_for_kwestie(self.context.model, kwestie, self.answers.sector)]

    def kwestie_done(self, kwestie: Kwestie) -> bool:
        if kwestie.id not in self.answers.notes:
            return False
        for rule in self.kwestie_rules(kwestie):
            decision = self.answers.decision_for(rule.id)
            if decision is None or not decision.complete or decision.reason is None:
                return False
        return True

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
        kwesties = [(card, kwestie) for card in self.chosen_cards() for kwestie in card.kwesties]
        for index, (card, kwestie) in enumerate(kwesties, 1):
            if self.kwestie_done(kwestie):
                continue
            self.show_kwestie(card, kwestie, index, len(kwesties))
            if kwestie.id not in self.answers.notes:
                self.answers.notes[kwestie.id] = self.ask_text(NOTE)
                self.save()
            self.ask_rules(kwestie)

    def ask_rules(self, kwestie: Kwestie) -> None:
        rules = self.kwestie_rules(kwestie)
        open_rules = [r for r in rules if not self._rule_done(r.id)]
        if not open_rules:
            return
        self.prompts.say(f"Deze kwestie raakt {aantal(len(rules), 'regel', 'regels')} van het modelprotocol:")
        for rule in rules:
            decision = self.answers.decision_for(rule.id)
            done = f" (al besproken: {decision.decision})" if decision and self._rule_done(rule.id) else ""
            self.prompts.say(f"  {rule.number} {rule.title}{done}")
        undecided = [r for r in open_rules if self.answers.decision_for(r.id) is None]
        decided_here = [r for r in rules if getattr(self.answers.decision_for(r.id), "kwestie", None) == kwestie.id]
        if len(undecided) >= 2 and not decided_here:  # after a resume, go on rule by rule
            keep_all = self.prompts.select(
                "Wil het team iets aan deze regels veranderen?",
                [("Nee, deze regels behouden", True), ("Ja, regel voor regel bekijken", False)], default=True,
            )
            if keep_all:
                for rule in undecided:
                    self.answers.set_decision(Decision(rule.id, "behouden", reason="", kwestie=kwestie.id))
                self.save()
                open_rules = [r for r in open_rules if r not in undecided]
        for rule in open_rules:
            self.ask_rule(rule, kwestie.id)

    def _rule_done(self, rule_id: str) -> bool:
        decision = self.answers.decision_for(rule_id)
        return decision is not None and decision.complete and decision.reason is not None

    def ask_rule(self, rule: RuleView, kwestie_id: str | None, again: bool = False) -> None:
        say = self.prompts.say
        decision = self.answers.decision_for(rule.id)
        say()
        say(f"Regel {rule.number} {rule.title}")
        say(f"  {rule.text}")
        if again or decision is None:
            choice = self.prompts.select(
                "Wat besluit het team?", [(label, key) for key, label in DECISION_LABELS.items()],
                default=decision.decision if decision else "behouden",
            )
            decision = Decision(rule.id, choice, kwestie=kwestie_id or (decision.kwestie if decision else None))
            if choice == "wijzigen":
                decision.text = ""
            self.answers.set_decision(decision)
            self.save()
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
                    model_document(self.context.model, self.context.cards, self.answers.sector).chapters]
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
        """Decisions in the order of the protocol's rules."""
        order = {rule_id: index for index, rule_id in enumerate(self.numbered_rules())}
        return sorted(self.answers.decisions, key=lambda d: order.get(d.rule, len(order)))

    def summary(self) -> list[str]:
        school, session = self.answers.school, self.answers.session
        numbered = self.numbered_rules()
        lines = [
            f"School: {school.get('naam', '')} ({school.get('sector', '')})"
            + (f", {school['plaats']}" if school.get("plaats") else ""),
            f"Gesprek: {session.get('datum', '')}" + (f", {session['gespreksleider']}" if session.get("gespreksleider") else "")
            + f"; kaarten: {', '.join(c.title for c in self.chosen_cards())}",
        ]
        changed = [d for d in self.answers.decisions if d.decision != "behouden"]
        lines.append(f"Besluiten: {aantal(len(self.answers.decisions), 'regel', 'regels')} besproken, {len(changed)} veranderd.")
        for decision in self.ordered_decisions():
            rule = numbered.get(decision.rule)
            label = f"{rule.number} {rule.title}" if rule else decision.rule
            lines.append(f"  {decision.decision:<9} {label}" + (f": {_short(decision.reason)}" if decision.reason else ""))
        for rule in self.answers.new_rules or []:
            lines.append(f"  nieuw     {rule.title or 'Aanvulling'} ({rule.chapter}): {_short(rule.text)}")
        return lines

    def review(self) -> str:
        numbered = self.numbered_rules()
        while True:
            self.prompts.say()
            self.prompts.say("Overzicht van alle antwoorden:")
            for line in self.summary():
                self.prompts.say(line)
            choices: list[tuple[str, Any]] = [
                ("Concept maken", ("klaar",)),
                ("Schoolgegevens aanpassen", ("school",)),
                ("Gespreksgegevens aanpassen", ("sessie",)),
            ]
            for decision in self.ordered_decisions():
                rule = numbered.get(decision.rule)
                if rule:
                    choices.append((f"Besluit over regel {rule.number} {rule.title} ({decision.decision}) aanpassen",
                                    ("besluit", decision.rule)))
            for index, rule in enumerate(self.answers.new_rules or []):
                choices.append((f"Nieuwe regel '{_short(rule.title or rule.text, 40)}' aanpassen", ("nieuw", index)))
                choices.append((f"Nieuwe regel '{_short(rule.title or rule.text, 40)}' verwijderen", ("weg", index)))
            for kwestie_id in self.answers.notes:
                choices.append((f"Notitie bij kwestie {kwestie_id} aanpassen", ("notitie", kwestie_id)))
            choices.append(("Nieuwe regel toevoegen", ("toevoegen",)))
            choices.append(("Opslaan en stoppen", ("stop",)))
            action = self.prompts.select("Wat wil je doen?", choices, default=("klaar",))
            kind = action[0]
            if kind == "klaar":
                return "klaar"
            if kind == "stop":
                return "gestopt"
            if kind == "school":
                self.ask_school(again=True)
            elif kind == "sessie":
                self.ask_session(again=True)
            elif kind == "besluit":
                self.ask_rule(numbered[action[1]], None, again=True)
            elif kind == "nieuw":
                self.add_new_rule(self.answers.new_rules[action[1]])
            elif kind == "weg":
                del self.answers.new_rules[action[1]]
                self.save()
            elif kind == "notitie":
                self.answers.notes[action[1]] = self.ask_text(NOTE, self.answers.notes[action[1]] or "")
                self.save()
            elif kind == "toevoegen":
                self.add_new_rule()
            numbered = self.numbered_rules()


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
                  context: Context | None = None) -> int:
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
        return _interview(Interview(path, context, prompts, answers, handboek_url))
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
